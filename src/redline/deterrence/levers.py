"""Levers: named, pure transformations of a deterrence game, compared side by side.

A lever is a function ``game -> game`` with named parameters (:class:`Lever`). Built-in levers are in
:data:`LEVERS`; the size of every effect is a parameter and an *assumption*, not an estimate:

=====================  ==============================================================================
``lift_restrictions``  Support for a protégé (default UKR): p_L × (1 − p_L_cut), k_L + k_L_add·V
                       (Tripartite logic, models.md §3.2). No effect on other targets (said so).
``us_withdrawal``      US willingness × w_scale and capability × a_scale.
``illiberal_shift``    Named allies (HUN, SVK, TUR) move ``shift`` logit units (negative: toward
                       Russia, positive: away): w ← logistic(logit(w) + shift).
``spend_3_5``          Every ally and the target spend at least ``pct`` % of GDP (needs GDP data:
                       games from the World); a_k, θ, p_L, p_W are re-derived.
``joint_air_defence``  Integrated air defence: the capability the response needs × (1 − theta_cut)
                       (p_W unchanged) and p_L × (1 − p_L_cut).
=====================  ==============================================================================

User-defined levers take the scenario-file form (:func:`define_lever`)::

    {description = "...", willingness = {USA = 0.5}, capability = {ALL = 1.2},
     willingness_shift = {HUN = -1.0}, theta = 0.9, p_L = 0.95, k_L = 0.1, k_W = 0.0}

``willingness``/``capability`` multiply per ISO3 or ``ALL`` (w capped at 1); ``willingness_shift``
adds logit units; ``theta``/``p_L`` multiply; ``k_L``/``k_W`` add (units of V).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from redline.deterrence.montecarlo import monte_carlo
from redline.deterrence.spec import DeterrenceGame, read_toml
from redline.errors import RedlineError
from redline.rng import RNGLike, as_seed
from redline.stats import paired_interval

__all__ = [
    "LEVERS",
    "Lever",
    "apply_levers",
    "compare_levers",
    "define_lever",
    "load_levers",
    "parse_lever",
    "resolve_lever",
]


PARAM_RANGES: dict[str, tuple[float, float]] = {
    "w_scale": (0.0, 1e6),
    "a_scale": (0.0, 1e6),
    "p_L_cut": (0.0, 1.0),
    "theta_cut": (0.0, 1.0),
    "k_L_add": (-1e6, 1e6),
    "shift": (-1e3, 1e3),
    "pct": (0.0, 100.0),
}
"""Range of each numeric parameter of the built-in levers: a value outside is refused when the lever
is named (``us_withdrawal:w_scale=-5``), not when it is first applied to a game."""


@dataclass(frozen=True)
class Lever:
    """A named transformation ``func(game, **params) -> game`` with its default parameters."""

    name: str
    description: str
    func: Callable[..., DeterrenceGame]
    params: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self, game: DeterrenceGame) -> DeterrenceGame:
        return self.func(game, **self.params)

    def with_params(self, **params: Any) -> Lever:
        """The same lever with some parameters changed (unknown names are an error)."""
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise RedlineError(
                f"lever {self.name}: unknown parameter(s) {', '.join(unknown)}; expected {', '.join(self.params)}"
            )
        for key, value in params.items():
            default = self.params[key]
            numeric = isinstance(default, int | float) and not isinstance(default, bool)
            if numeric and not (
                isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            ):
                raise RedlineError(
                    f"lever {self.name}: parameter {key} expected a finite number (default {default}); found {value!r}"
                )
            if numeric and key in PARAM_RANGES:
                low, high = PARAM_RANGES[key]
                if not low <= value <= high:
                    raise RedlineError(
                        f"lever {self.name}: parameter {key} expected a number in [{low:g}, {high:g}]; found {value!r}"
                    )
        return dataclasses.replace(self, params={**self.params, **params})


def _note(game: DeterrenceGame, text: str) -> tuple[str, ...]:
    return (*game.notes, text)


def _scale_capability(game: DeterrenceGame, factors: Mapping[int, float]) -> DeterrenceGame:
    """Multiply the capability of allies (by index); re-derive from the economy when there is one."""
    if game.economy is not None:
        cap = game.economy.capability.copy()
        for i, f in factors.items():
            cap[i] *= f
        return game.with_economy(dataclasses.replace(game.economy, capability=cap))
    a = game.a.copy()
    for i, f in factors.items():
        a[i] *= f
    return game.replace(a=a)


def _scale_theta_p_L(game: DeterrenceGame, theta: float = 1.0, p_L: float = 1.0) -> DeterrenceGame:
    """θ × theta and p_L × p_L (capped at 1); through the economy's factors when there is one."""
    econ = game.economy
    if econ is not None:
        return game.with_economy(
            dataclasses.replace(
                econ, theta_factor=econ.theta_factor * theta, p_L_factor=econ.p_L_factor * p_L
            )
        )
    return game.replace(theta=game.theta * theta, p_L=min(1.0, game.p_L * p_L))


def _set_w(game: DeterrenceGame, w: np.ndarray) -> DeterrenceGame:
    return game.replace(w=np.clip(w, 0.0, 1.0))


def lift_restrictions(
    game: DeterrenceGame, p_L_cut: float = 0.2, k_L_add: float = 0.1, targets: tuple[str, ...] = ("UKR",)
) -> DeterrenceGame:
    """More Western support for a protégé: C's chance against it falls, its cost of war rises."""
    if game.target not in targets:
        return game.replace(
            notes=_note(
                game, f"lift_restrictions: no effect on {game.target} (applies to {', '.join(targets)})"
            )
        )
    if not 0 <= p_L_cut <= 1:
        raise RedlineError(f"lift_restrictions: p_L_cut = {p_L_cut}, expected a value in [0, 1]")
    return _scale_theta_p_L(game, p_L=1 - p_L_cut).replace(k_L=game.k_L + k_L_add * game.V)


def us_withdrawal(
    game: DeterrenceGame, w_scale: float = 0.5, a_scale: float = 1.0, ally: str = "USA"
) -> DeterrenceGame:
    """The US (or ``ally``) wavers: willingness × w_scale, capability × a_scale."""
    i = game.ally_index(ally)
    if i is None:
        return game.replace(notes=_note(game, f"us_withdrawal: {ally} is not an ally of {game.target}"))
    if w_scale < 0 or a_scale < 0:
        raise RedlineError("us_withdrawal: w_scale and a_scale must be >= 0")
    w = game.w.copy()
    w[i] *= w_scale
    return _scale_capability(_set_w(game, w), {i: a_scale})


def illiberal_shift(
    game: DeterrenceGame, shift: float = -1.0, allies: tuple[str, ...] = ("HUN", "SVK", "TUR")
) -> DeterrenceGame:
    """Named allies move toward (shift < 0) or away from (shift > 0) Russia, in logit units of w."""
    w = game.w.copy()
    for iso in allies:
        i = game.ally_index(iso)
        if i is not None:
            with np.errstate(divide="ignore"):
                w[i] = expit(logit(w[i]) + shift)
    return _set_w(game, w)


def spend_3_5(game: DeterrenceGame, pct: float = 3.5) -> DeterrenceGame:
    """Every ally (and the target) spends at least ``pct`` % of GDP; needs the game's GDP data."""
    econ = game.economy
    if econ is None:
        raise RedlineError(
            f"spend_3_5: game {game.target} has no spending and GDP data (a game from a TOML file, or with "
            "theta/p_L/p_W given directly); use a game from the World or a capability lever instead"
        )
    floor = pct / 100.0 * econ.gdp
    missing = [game.allies[i] for i in np.flatnonzero(np.isnan(floor))]
    cap = np.where(np.isnan(floor), econ.capability, np.fmax(econ.capability, floor))
    cap_t = econ.cap_target
    if not math.isnan(econ.gdp_target) and not math.isnan(cap_t):
        cap_t = max(cap_t, pct / 100.0 * econ.gdp_target)
    out = game.with_economy(dataclasses.replace(econ, capability=cap, cap_target=cap_t))
    if missing:
        out = out.replace(notes=_note(out, f"spend_3_5: no GDP for {', '.join(missing)}, spending unchanged"))
    return out


def joint_air_defence(game: DeterrenceGame, theta_cut: float = 0.1, p_L_cut: float = 0.1) -> DeterrenceGame:
    """Integrated air and missile defence: the response needs less, the target is harder to beat."""
    if not (0 <= theta_cut <= 1 and 0 <= p_L_cut <= 1):
        raise RedlineError("joint_air_defence: theta_cut and p_L_cut must lie in [0, 1]")
    return _scale_theta_p_L(game, theta=1 - theta_cut, p_L=1 - p_L_cut)


LEVERS: dict[str, Lever] = {
    "lift_restrictions": Lever(
        "lift_restrictions",
        "lift limits on a protégé's long-range strikes: p_L × (1 − p_L_cut), k_L + k_L_add·V",
        lift_restrictions,
        {"p_L_cut": 0.2, "k_L_add": 0.1, "targets": ("UKR",)},
    ),
    "us_withdrawal": Lever(
        "us_withdrawal",
        "US willingness × w_scale, capability × a_scale",
        us_withdrawal,
        {"w_scale": 0.5, "a_scale": 1.0, "ally": "USA"},
    ),
    "illiberal_shift": Lever(
        "illiberal_shift",
        "HUN, SVK, TUR move shift logit units (negative: toward Russia)",
        illiberal_shift,
        {"shift": -1.0, "allies": ("HUN", "SVK", "TUR")},
    ),
    "spend_3_5": Lever(
        "spend_3_5", "every ally and the target spend at least pct % of GDP", spend_3_5, {"pct": 3.5}
    ),
    "joint_air_defence": Lever(
        "joint_air_defence",
        "needed response × (1 − theta_cut), p_L × (1 − p_L_cut)",
        joint_air_defence,
        {"theta_cut": 0.1, "p_L_cut": 0.1},
    ),
}
"""Built-in levers by name."""

_SPEC_KEYS = {
    "description",
    "willingness",
    "capability",
    "willingness_shift",
    "theta",
    "p_L",
    "k_L",
    "k_W",
    "position_shift",
}


def _per_ally(game: DeterrenceGame, table: Mapping[str, float], where: str) -> dict[int, float]:
    out: dict[int, float] = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RedlineError(f"{where}.{key}: expected a number, found {value!r}")
        if key == "ALL":
            for i in range(len(game.allies)):
                out.setdefault(i, float(value))
        else:
            i = game.ally_index(key)
            if i is not None:
                out[i] = float(value)
    return out


def _apply_spec(game: DeterrenceGame, spec: Mapping[str, Any], name: str) -> DeterrenceGame:
    where = f"lever {name}"
    w = game.w.copy()
    for i, f in _per_ally(game, spec.get("willingness", {}), f"{where}.willingness").items():
        if f < 0:
            raise RedlineError(f"{where}.willingness: multipliers must be >= 0, found {f:g}")
        w[i] = min(1.0, w[i] * f)
    for i, s in _per_ally(game, spec.get("willingness_shift", {}), f"{where}.willingness_shift").items():
        with np.errstate(divide="ignore"):
            w[i] = expit(logit(w[i]) + s)
    out = _set_w(game, w)
    caps = _per_ally(game, spec.get("capability", {}), f"{where}.capability")
    if any(f < 0 for f in caps.values()):
        raise RedlineError(f"{where}.capability: multipliers must be >= 0")
    if caps:
        out = _scale_capability(out, caps)
    if "theta" in spec or "p_L" in spec:
        out = _scale_theta_p_L(out, float(spec.get("theta", 1.0)), float(spec.get("p_L", 1.0)))
    changes = {k: getattr(out, k) + float(spec[k]) * out.V for k in ("k_L", "k_W") if k in spec}
    return out.replace(**changes) if changes else out


def define_lever(name: str, spec: Mapping[str, Any]) -> Lever:
    """A user-defined lever from its scenario-file form (see the module docstring)."""
    if hasattr(spec, "model_dump"):  # a validated scenario LeverSpec
        spec = {k: v for k, v in spec.model_dump().items() if v is not None}
    if not isinstance(spec, Mapping):
        raise RedlineError(f"lever {name}: expected a table, found {spec!r}")
    unknown = sorted(set(spec) - _SPEC_KEYS)
    if unknown:
        raise RedlineError(
            f"lever {name}: unknown field(s) {', '.join(unknown)}; expected some of {', '.join(sorted(_SPEC_KEYS))}"
        )
    for key in ("willingness", "capability", "willingness_shift", "position_shift"):
        if key in spec and not isinstance(spec[key], Mapping):
            raise RedlineError(f"lever {name}.{key}: expected a table of ISO3 (or ALL) = number")
    for key in ("theta", "p_L", "k_L", "k_W"):
        if key in spec and (isinstance(spec[key], bool) or not isinstance(spec[key], int | float)):
            raise RedlineError(f"lever {name}.{key}: expected a number, found {spec[key]!r}")
    frozen = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in spec.items()}

    def func(game: DeterrenceGame, **_: Any) -> DeterrenceGame:
        return _apply_spec(game, frozen, name)

    return Lever(name, str(spec.get("description", "user-defined lever")), func, {})


def load_levers(path: str | Path) -> dict[str, dict[str, Any]]:
    """User-defined levers from a TOML file: ``[levers.define.NAME]`` (game/scenario form) or ``[define.NAME]``.

    Every definition is checked (a malformed one is an error naming the lever); returns the specs by name.
    """
    doc = read_toml(path, "lever")
    defined = doc.get("levers", doc).get("define")
    if not isinstance(defined, Mapping) or not defined:
        raise RedlineError(f"{path}: expected [levers.define.NAME] tables of user-defined levers")
    for name, spec in defined.items():
        define_lever(name, spec)
    return dict(defined)


def parse_lever(text: str) -> Lever:
    """``name`` or ``name:key=value,key=value`` (numbers; lists as a+b+c) → a built-in lever."""
    name, _, rest = text.partition(":")
    lever = resolve_lever(name.strip())
    if not rest:
        return lever
    params: dict[str, Any] = {}
    for item in rest.split(","):
        key, eq, value = item.partition("=")
        if not eq:
            raise RedlineError(f"lever {text!r}: expected key=value after ':', found {item!r}")
        key = key.strip()
        try:
            params[key] = float(value)
        except ValueError:
            params[key] = (
                tuple(v.strip().upper() for v in value.split("+"))
                if key in ("targets", "allies")
                else value.strip()
            )
    return lever.with_params(**params)


def resolve_lever(
    item: str | Lever | Mapping[str, Any], defined: Mapping[str, Mapping[str, Any]] | None = None
) -> Lever:
    """A Lever from a name (built-in or in ``defined``), a Lever, or an inline spec mapping."""
    if isinstance(item, Lever):
        return item
    if hasattr(item, "model_dump"):
        item = {k: v for k, v in item.model_dump().items() if v is not None}
    if isinstance(item, Mapping):
        return define_lever(str(item.get("name", "custom")), {k: v for k, v in item.items() if k != "name"})
    if defined and item in defined:
        return define_lever(item, defined[item])
    if item in LEVERS:
        return LEVERS[item]
    known = [*LEVERS, *(defined or {})]
    raise RedlineError(f"unknown lever {item!r}; expected one of {', '.join(known)}")


def apply_levers(
    game: DeterrenceGame,
    levers: Iterable[str | Lever | Mapping[str, Any]],
    defined: Mapping[str, Mapping[str, Any]] | None = None,
) -> DeterrenceGame:
    """Apply levers in order (each a pure function; the input game is unchanged)."""
    for item in levers:
        game = resolve_lever(item, defined)(game)
    return game


def compare_levers(
    game: DeterrenceGame,
    levers: Iterable[str | Lever | Mapping[str, Any]],
    draws: int = 0,
    rng: RNGLike = 0,
    defined: Mapping[str, Mapping[str, Any]] | None = None,
    rule: str | None = None,
) -> pd.DataFrame:
    """Baseline and each lever side by side: κ, κ*, margin, regime, resolve margin and (with draws) P(failure), ΔP.

    With ``draws > 0`` every row uses the same seed (common random numbers), so ΔP(failure) has a
    paired 95% interval from the per-draw differences.
    """
    rows = []
    seed = as_seed(rng) if draws else 0
    base_outcome = None
    base_p = math.nan
    items = [
        ("baseline", None),
        *[(resolve_lever(x, defined).name, resolve_lever(x, defined)) for x in levers],
    ]
    for name, lever in items:
        g = game if lever is None else lever(game)
        s = g.summary()
        row = {
            "lever": name,
            "kappa": s["kappa"],
            "kappa_star": s["kappa_star"],
            "margin": s["margin"],
            "regime": s["regime"],
            "resolve_margin": s["resolve_margin"],
        }
        if draws:
            r = monte_carlo(g, draws, rng=seed, rule=rule, keep_outcome=True)
            row.update({"p_failure": r.p_failure, "ci_low": r.ci_low, "ci_high": r.ci_high})
            if base_outcome is None:
                base_outcome, base_p = r.outcome, r.p_failure
                row.update({"delta_p": 0.0, "delta_low": 0.0, "delta_high": 0.0})
            else:
                d = paired_interval(r.outcome - base_outcome)
                row.update({"delta_p": r.p_failure - base_p, "delta_low": d["lo"], "delta_high": d["hi"]})
        rows.append(row)
    return pd.DataFrame(rows)
