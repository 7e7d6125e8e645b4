"""The deterrence game as one record: allies, capabilities, willingness, threshold, payoffs, uncertainty.

:class:`DeterrenceGame` holds everything :func:`~redline.deterrence.montecarlo.monte_carlo` and the
levers need. It is validated once on construction (a bad field raises
:class:`~redline.errors.RedlineError` naming it) and never mutated: levers return a new game.

Capabilities a_k and the threshold θ are in the same units (shares of the allied total by
convention). When the game comes from data, :class:`Economy` keeps the absolute figures (USD) so
levers that change spending re-derive a_k, θ, p_L and p_W consistently.

:mod:`redline.deterrence.gamefile` reads a fully specified game from TOML (format in docs/deterrence.md);
this module imports none of the game's consumers (Monte Carlo, levers).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from redline.deterrence.credibility import DEFAULT_DELTA, credibility
from redline.deterrence.game import (
    ChallengerDecision,
    challenger_decision,
    challenger_payoffs,
    contest_success,
)
from redline.errors import RedlineError

__all__ = ["DeterrenceGame", "Economy", "read_toml", "PARAMETERS"]

RESOLVE_LIMIT = 20.0
"""Largest fall (or rise) in logit units that :meth:`DeterrenceGame.resolve_margin` searches."""

PARAMETERS = ("V", "k_L", "k_W", "p_L", "p_W", "theta", "rho")
"""Scalar inputs a scenario can put a distribution on (plus ``w.ISO``/``a.ISO`` per ally, ``w.*``, ``a.*``)."""


def _plain_dist(spec: Any) -> dict[str, Any]:
    """A distribution as a plain dict (scenario files hand over validated pydantic models)."""
    if hasattr(spec, "model_dump"):
        return {k: v for k, v in spec.model_dump().items() if v is not None}
    return dict(spec)


def _frozen(x: Any, name: str) -> np.ndarray:
    arr = np.array(x, dtype=float, copy=True).reshape(-1)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True)
class Economy:
    """Absolute figures behind a data-driven game (all money in the same currency, e.g. USD).

    The balance that matters is the one in the target's theatre (Fearon 1994: the challenger weighs
    the *local* balance). ``reach`` (per ally) and ``reach_challenger`` are the fractions of each
    side's spending that can be brought to bear on T (a loss-of-strength gradient, Boulding 1962; 1 =
    all of it); the target fights at home with all of ``cap_target``. An *effective* response brings
    the defenders' side (T plus the responders) to ``force_ratio`` × the challenger's theatre
    capability, so the responders must field ``requirement`` = max(force_ratio·C − T, 0) and
    θ = requirement / Σ theatre capability.

    ``p_L_factor`` scales the contest-function p_L (levers that make the target harder to beat alone);
    ``theta_factor`` scales θ without changing p_W (levers that make the response more efficient);
    ``cap_target`` may be NaN (then the target's own forces count as none: an upper bound for the
    challenger, and the game says so in its notes and gaps).
    """

    capability: np.ndarray
    gdp: np.ndarray
    cap_challenger: float
    cap_target: float
    gdp_target: float
    force_ratio: float = 1.0
    psi: float = 1.0
    p_L_factor: float = 1.0
    theta_factor: float = 1.0
    currency: str = "USD"
    reach: np.ndarray | None = None
    reach_challenger: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "capability", _frozen(self.capability, "capability"))
        object.__setattr__(self, "gdp", _frozen(self.gdp, "gdp"))
        reach = np.ones(self.capability.size) if self.reach is None else self.reach
        object.__setattr__(self, "reach", _frozen(reach, "reach"))
        if self.reach.size != self.capability.size:
            raise RedlineError(f"economy: {self.reach.size} reach factors for {self.capability.size} allies")

    @property
    def theatre_challenger(self) -> float:
        """The challenger's capability in T's theatre."""
        return self.cap_challenger * self.reach_challenger

    @property
    def requirement(self) -> float:
        """What the responders must field: max(force_ratio·C_theatre − T, 0)."""
        cap_t = 0.0 if math.isnan(self.cap_target) else self.cap_target
        return max(self.force_ratio * self.theatre_challenger - cap_t, 0.0)

    def derived(self) -> dict[str, float | np.ndarray]:
        """a_k, θ, p_L, p_W implied by the absolute figures (models.md §3.2)."""
        theatre = self.capability * self.reach
        total = float(np.nansum(theatre))
        if not total > 0:
            raise RedlineError("economy: the allies' total capability is 0; no shares can be formed")
        cap_c = self.theatre_challenger
        cap_t = 0.0 if math.isnan(self.cap_target) else self.cap_target
        need = self.requirement
        return {
            "a": theatre / total,
            "theta": self.theta_factor * need / total,
            "p_L": min(1.0, self.p_L_factor * contest_success(cap_c, cap_t, 0.0, self.psi)),
            "p_W": contest_success(cap_c, cap_t, need, self.psi),
        }


@dataclass(frozen=True)
class DeterrenceGame:
    """One Article 5 deterrence game (models.md §3.2).

    Parameters
    ----------
    target : str
        The attacked state T.
    allies : tuple of str
        Allies able to respond (Article 5) or, for a non-member, the coalition of the willing.
    a, w : array (m,)
        Capability share and willingness (P(resolute)) per ally.
    theta : float
        Capability (same units as a) the responders must reach.
    V, k_L, k_W, p_L, p_W : float
        Challenger's prize, costs of limited war / war with the alliance, and chances of prevailing.
    rho : float
        Correlation of resolve (one-factor Gaussian copula), in [0, 1].
    lam : float or None
        Logit precision λ_C; None means the PBE (step) rule.
    article5 : bool
        True when T is covered by Article 5; False for a coalition of the willing.
    key : int
        Index of an ally without whom no response is effective (the key ally, e.g. the US), or −1:
        κ = P(key resolute ∧ Σ_{k resolute} a_k ≥ θ) (:func:`~redline.deterrence.credibility.credibility`).
    uncertainty : mapping
        Distributions on inputs by name (see :mod:`redline.deterrence.montecarlo`).
    economy : Economy or None
        Absolute figures behind data-driven games (needed by spending levers).
    coding : DataFrame or None
        The per-ally coding table (covariates, terms, w_k, flags) when derived from data.
    notes : tuple of str
        Flags and assumptions to print with the result.
    question : str
        ``deterrence`` (an attack on a state at peace), ``escalation`` (the target is at limited war:
        a full-scale attack) or ``continuation`` (at full war: the war goes on).
    stakes : float
        The challenger's stakes V_T behind V when coded from data (NaN for game files).
    fait_accompli : bool
        True when the first-days balance lets the challenger seize ground before reinforcement.
    gaps : tuple of dict
        Every missing datum behind a data-driven game (``ally``, ``field``, ``effect``): nothing is
        filled in, each gap says what was left out instead.
    carried : tuple of dict
        Every figure dated before the game's year that it uses (``iso3``, ``indicator``, ``table``,
        ``year_used``, ``year_wanted``, ``source``), as ``World.carried`` lists carried-forward cells.
    """

    target: str
    allies: tuple[str, ...]
    a: np.ndarray
    w: np.ndarray
    theta: float
    V: float = 1.0
    k_L: float = 0.0
    k_W: float = 0.0
    p_L: float = 1.0
    p_W: float = 0.0
    rho: float = 0.0
    lam: float | None = None
    delta: float = DEFAULT_DELTA
    article5: bool = True
    key: int = -1
    challenger: str = "RUS"
    name: str = ""
    uncertainty: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    economy: Economy | None = None
    coding: pd.DataFrame | None = field(default=None, compare=False)
    notes: tuple[str, ...] = ()
    assumptions: Mapping[str, float] = field(default_factory=dict)
    gaps: tuple[Mapping[str, Any], ...] = field(default=(), compare=False)
    question: str = "deterrence"
    stakes: float = math.nan
    fait_accompli: bool = False
    carried: tuple[Mapping[str, Any], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "allies", tuple(str(x) for x in self.allies))
        object.__setattr__(self, "a", _frozen(self.a, "a"))
        object.__setattr__(self, "w", _frozen(self.w, "w"))
        object.__setattr__(
            self,
            "uncertainty",
            {str(k): _plain_dist(v) for k, v in self.uncertainty.items()},
        )
        object.__setattr__(self, "notes", tuple(self.notes))
        object.__setattr__(self, "gaps", tuple(dict(g) for g in self.gaps))
        object.__setattr__(self, "carried", tuple(dict(c) for c in self.carried))
        object.__setattr__(self, "assumptions", dict(self.assumptions))
        m = len(self.allies)
        if len(set(self.allies)) != m:
            raise RedlineError(f"game {self.target}: duplicate ally names in {list(self.allies)}")
        for name, arr in (("a", self.a), ("w", self.w)):
            if arr.size != m:
                raise RedlineError(f"game {self.target}: {arr.size} values of {name} for {m} allies")
            bad = [self.allies[i] for i in np.flatnonzero(np.isnan(arr))]
            if bad:
                raise RedlineError(f"game {self.target}: {name} is missing (NaN) for {', '.join(bad)}")
        for i in np.flatnonzero((self.w < 0) | (self.w > 1)):
            raise RedlineError(
                f"game {self.target}: ally {self.allies[i]}: w = {self.w[i]:g}, expected a value in [0, 1]"
            )
        for i in np.flatnonzero(self.a < 0):
            raise RedlineError(f"game {self.target}: ally {self.allies[i]}: a = {self.a[i]:g}, expected >= 0")
        for name in ("theta", "V", "k_L", "k_W", "p_L", "p_W", "rho", "delta"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
                raise RedlineError(f"game {self.target}: {name} = {value!r}, expected a finite number")
            object.__setattr__(self, name, float(value))
        for name in ("p_L", "p_W", "rho"):
            if not 0 <= getattr(self, name) <= 1:
                raise RedlineError(
                    f"game {self.target}: {name} = {getattr(self, name):g}, expected a value in [0, 1]"
                )
        if self.question not in ("deterrence", "escalation", "continuation"):
            raise RedlineError(
                f"game {self.target}: question = {self.question!r}, expected deterrence, escalation or continuation"
            )
        if self.delta <= 0:
            raise RedlineError(f"game {self.target}: delta = {self.delta:g}, expected > 0")
        key = self.key
        if isinstance(key, bool) or not isinstance(key, numbers.Integral) or not -1 <= key < m:
            raise RedlineError(
                f"game {self.target}: key = {key!r}, expected the index of one of the {m} allies or -1 (none)"
            )
        object.__setattr__(self, "key", int(key))
        if self.lam is not None and not self.lam > 0:
            raise RedlineError(
                f"game {self.target}: lambda = {self.lam!r}, expected > 0 (or omit it for the PBE rule)"
            )

    # ---------------------------------------------------------------- derived values
    @property
    def A(self) -> float:
        """C's payoff of an attack without effective response, p_L·V − k_L."""
        return challenger_payoffs(self.V, self.p_L, self.k_L, self.p_W, self.k_W)[0]

    @property
    def B(self) -> float:
        """C's payoff of an attack met by an effective response, p_W·V − k_W."""
        return challenger_payoffs(self.V, self.p_L, self.k_L, self.p_W, self.k_W)[1]

    def kappa(self) -> float:
        """Exact credibility κ_T at the point values (computed once per game: the game is frozen, and a
        scenario's Monte Carlo asks for it in every block of every target)."""
        cached = self.__dict__.get("_kappa")
        if cached is None:
            cached = float(credibility(self.w, self.a, self.theta, rho=self.rho, delta=self.delta, key=self.key))
            object.__setattr__(self, "_kappa", cached)
        return cached

    def decide(self) -> ChallengerDecision:
        """The challenger's decision at the point values."""
        return challenger_decision(self.kappa(), self.A, self.B, self.lam)

    def resolve_margin(self, limit: float = RESOLVE_LIMIT, rounds: int = 3) -> float:
        """How far every ally's resolve can fall before deterrence fails, in logit units.

        The Δ at which κ(w(Δ)) = κ*, with w_k(Δ) = logistic(logit(w_k) − Δ) (a common fall in the
        willingness index, i.e. in ``beta0`` of the coding). Positive: slack (deterred until every
        ally's index falls by Δ); negative: the rise needed to deter. NaN outside the two contested
        regimes, or when no Δ in [−limit, limit] crosses κ* (e.g. θ = 0: T's own forces suffice).
        κ falls with Δ, so the crossing is bracketed on a 17-point grid, refined ``rounds`` times
        (each grid one batched κ call; resolution 2·limit/16^rounds ≈ 0.01, so rounded to 2 decimals).
        """
        star = float(self.decide().kappa_star)
        if math.isnan(star):
            return math.nan
        x = logit(self.w)
        lo, hi = -limit, limit
        for _ in range(rounds):
            grid = np.linspace(lo, hi, 17)
            kappa = credibility(
                expit(x[None, :] - grid[:, None]), self.a, self.theta, self.rho, self.delta, key=self.key
            )
            held = np.asarray(kappa) >= star
            if not held[0] or held[-1]:
                return math.nan
            j = int(np.flatnonzero(held)[-1])
            lo, hi = grid[j], grid[j + 1]
        return round(float(0.5 * (lo + hi)), 2)

    def replace(self, **changes: Any) -> DeterrenceGame:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def with_economy(self, economy: Economy) -> DeterrenceGame:
        """A copy whose a, θ, p_L, p_W are re-derived from new absolute figures."""
        return self.replace(economy=economy, **economy.derived())

    @property
    def at_war(self) -> bool:
        """True for a state at full war (``question = continuation``, set from the dated facts by
        :func:`redline.deterrence.challenger.status`): deterrence has already failed, so no
        P(failure) is computed for it and it is left out of every 'weakest' ranking."""
        return self.question == "continuation"

    @property
    def at_war_note(self) -> str | None:
        """Why there is no P(failure): the dated at-war fact and its source from the notes (None at peace)."""
        if not self.at_war:
            return None
        fallback = f"{self.target} at war (question = continuation): deterrence already failed, no P(failure)"
        return next((n for n in self.notes if " at war since " in n), fallback)

    def ally_index(self, iso: str) -> int | None:
        """Position of ally ``iso`` or None when it is not an ally of this game."""
        try:
            return self.allies.index(iso)
        except ValueError:
            return None

    def summary(self) -> dict[str, Any]:
        """Point values: κ, κ*, margin, regime, payoffs (and logit P(attack) when λ is set)."""
        d = self.decide()
        out = {
            "target": self.target,
            "basis": "Article 5" if self.article5 else "coalition of the willing",
            "question": self.question,
            "allies": len(self.allies),
            "kappa": float(d.kappa),
            "kappa_star": float(d.kappa_star),
            "margin": float(d.margin),
            "regime": "at_war" if self.at_war else str(d.regime_name),
            "resolve_margin": math.nan if self.at_war else self.resolve_margin(),
            "A": float(d.A),
            "B": float(d.B),
            "eu_attack": float(d.eu_attack),
            "theta": self.theta,
            "rho": self.rho,
        }
        if d.p_attack is not None:
            out["p_attack_logit"] = float(d.p_attack)
        return out

    def allies_frame(self) -> pd.DataFrame:
        """The per-ally inputs (the coding table when the game was derived from data)."""
        if self.coding is not None:
            return self.coding
        return pd.DataFrame({"ally": list(self.allies), "a": self.a, "w": self.w})


# -------------------------------------------------------------------------------------- TOML files
def read_toml(path: str | Path, kind: str = "game") -> dict[str, Any]:
    """A parsed TOML file; a missing file or bad TOML is a RedlineError naming it."""
    path = Path(path)
    if not path.is_file():
        raise RedlineError(f"{path}: no such {kind} file")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RedlineError(f"{path}: not valid TOML ({exc})") from None
