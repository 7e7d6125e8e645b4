"""The escalation ladder with red lines: Kahn's rungs, Schelling's chance, a responder's reputation.

A :class:`Ladder` is the validated, frozen description of one escalation game (models.md §4.2):
the rungs ``0..K`` (``K`` = the top rung, nuclear use, absorbing), the declared red lines
``L → L+1`` with crossing thresholds ``τ_L``, the retaliation probabilities of a resolute and of a
bluffing responder (``q_R``, ``q_B``), Schelling's per-step involuntary escalation ``h_L``, optional
de-escalation ``e_L`` and voluntary non-red-line steps ``g_L``, the pusher's prior ``θ_0`` that the
responder is resolute, and the true share ``π_R`` used to mix the two types.

:meth:`Ladder.params` turns it into :class:`LadderParams`, plain arrays with a leading draw axis
(one row per Monte Carlo draw or sweep point) that the kernels in :mod:`redline.escalation.exact`
and :mod:`redline.escalation.montecarlo` consume. Any parameter can be overridden per draw there.

References: Kahn (1965) *On Escalation*; Schelling (1960) *The Strategy of Conflict*, (1966) *Arms
and Influence*; Sartori (2005) *Deterrence by Diplomacy* (reputation for resolve).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.errors import RedlineError

__all__ = [
    "DEFAULT_KAHN_BANDS",
    "DEFAULT_RUNGS",
    "Ladder",
    "LadderParams",
    "Observation",
    "RedLine",
    "bayes_update",
    "crossing_rule",
    "observe_crossing",
    "perceived_retaliation",
]

DEFAULT_RUNGS: tuple[str, ...] = (
    "sub-threshold pressure (hybrid, sabotage, airspace violations)",
    "conventional war in Ukraine with Western materiel, restrictions in force",
    "Western long-range strikes on Russian territory allowed",
    "direct NATO-Russia conventional clash",
    "any nuclear use (absorbing)",
)
"""Redline's default ladder (models.md §4.1); rung ``4`` is the nuclear rung ``K``."""

TIME_STEPS = ("step", "day", "week", "month", "quarter", "year")
"""Allowed units of one ladder step (``step`` = the spec's abstract step, no unit)."""

DEFAULT_KAHN_BANDS: tuple[str, ...] = (
    "sub-crisis manoeuvring / traditional crises",
    "intense crisis (for NATO)",
    "intense crisis",
    "intense crisis, at the 'no nuclear use' threshold",
    "bizarre crises and above",
)
"""Where each default rung sits among Kahn's (1965) seven bands (documentation only)."""


def perceived_retaliation(theta: Any, q_resolute: Any, q_bluffer: Any) -> Any:
    """The pusher's perceived retaliation probability ``ρ(θ) = θ q_R + (1 − θ) q_B`` (§4.2 step 1)."""
    return theta * q_resolute + (1.0 - theta) * q_bluffer


def bayes_update(theta: Any, q_resolute: Any, q_bluffer: Any, retaliated: Any) -> Any:
    """Posterior belief that the responder is resolute after a red-line crossing (§4.2 step 3).

    ``retaliated`` true: ``θ' = θ q_R / (θ q_R + (1 − θ) q_B)``; false: the same with ``1 − q``.
    Works elementwise on arrays. A history that neither type could produce (zero denominator)
    leaves the belief unchanged, so ``θ = 0`` and ``θ = 1`` stay fixed points.
    """
    theta = np.asarray(theta, dtype=float)
    like_r = np.where(retaliated, q_resolute, 1.0 - np.asarray(q_resolute, dtype=float))
    like_b = np.where(retaliated, q_bluffer, 1.0 - np.asarray(q_bluffer, dtype=float))
    num = theta * like_r
    den = num + (1.0 - theta) * like_b
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), theta)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class RedLine:
    """A declared red line on the transition ``rung → rung + 1`` with crossing threshold ``tau``.

    The pusher crosses iff its perceived retaliation probability is below ``tau`` (its gain/cost
    ratio for that step); ``tau >= 1`` therefore means "always crosses", ``tau = 0`` "never".
    """

    rung: int
    tau: float
    label: str = ""


@dataclass(frozen=True)
class Observation:
    """An observed crossing of a declared red line (e.g. the Kursk incursion, August 2024).

    It does not move the ladder; it only updates the pusher's belief ``θ`` by Bayes' rule.
    """

    name: str
    retaliated: bool = False
    date: str = ""
    note: str = ""


def _field_error(name: str, expected: str, got: Any) -> RedlineError:
    return RedlineError(f"ladder field '{name}': expected {expected}, got {got!r}")


def _prob(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise _field_error(name, "a number in [0, 1]", value)
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise _field_error(name, "a number in [0, 1]", value)
    return value


def _prob_vector(name: str, values: Any, n: int) -> tuple[float, ...]:
    if values is None:
        return (0.0,) * n
    if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray):
        raise _field_error(name, f"a list of {n} probabilities (one per rung 0..{n - 1})", values)
    if len(values) != n:
        raise _field_error(
            name, f"{n} values (one per rung 0..{n - 1}, the nuclear rung has none)", list(values)
        )
    return tuple(_prob(f"{name}[{i}]", v) for i, v in enumerate(values))


@dataclass(frozen=True)
class Ladder:
    """One escalation game with red lines (models.md §4.2), validated on construction.

    Parameters
    ----------
    rungs
        Rung names ``0..K``; the last rung ``K`` is nuclear use and absorbing. Default: §4.1.
    red_lines
        Declared red lines (:class:`RedLine`, or ``(rung, tau)`` pairs, or a ``{rung: tau}`` dict).
    q_resolute, q_bluffer
        ``q_R`` and ``q_B``: probability that a resolute / bluffing responder retaliates when a red
        line is crossed (``q_B <= q_R``). Retaliation moves the ladder one more rung up.
    h
        ``h_L`` for rungs ``0..K-1``: per-step involuntary escalation (Schelling's chance).
    e
        ``e_L`` for rungs ``0..K-1``: per-step de-escalation ``L → L-1`` (default 0; ``e_0 = 0``).
    g
        ``g_L`` for rungs ``0..K-1``: probability that the pusher takes a step that is not a red
        line (default 0; must be 0 where a red line is declared).
    theta0
        ``θ_0``: the pusher's prior that the responder is resolute.
    pi_resolute
        ``π_R``: the scenario's true probability that the responder is resolute (mixes the types).
    start
        Starting rung.
    steps
        Default horizon ``N`` (used when :func:`~redline.escalation.propagate` gets none).
    time_step
        What one step is: ``"step"`` (no unit, the spec's abstract step) or a unit of time such as
        ``"month"`` (the fitted ladder's unit: h_L is then a monthly probability).
    logit_lambda
        ``λ`` of the logit (quantal-response) crossing rule ``1 / (1 + exp(−λ(τ_L − ρ)))``;
        ``None`` (default) is the deterministic rule "cross iff ``ρ < τ_L``".
    observations
        Observed crossings (:class:`Observation`) that :meth:`posterior` applies to ``θ_0``.
    name, illustrative, source
        Documentation: a title, whether the numbers are invented for illustration, where they
        come from.
    """

    rungs: tuple[str, ...] = DEFAULT_RUNGS
    red_lines: tuple[RedLine, ...] = ()
    q_resolute: float = 0.0
    q_bluffer: float = 0.0
    h: tuple[float, ...] | None = None
    e: tuple[float, ...] | None = None
    g: tuple[float, ...] | None = None
    theta0: float = 0.5
    pi_resolute: float = 0.5
    start: int = 0
    steps: int = 10
    logit_lambda: float | None = None
    observations: tuple[Observation, ...] = ()
    kahn_bands: tuple[str, ...] | None = None
    time_step: str = "step"
    name: str = "ladder"
    illustrative: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        put = object.__setattr__
        if isinstance(self.rungs, str) or not isinstance(self.rungs, Sequence) or len(self.rungs) < 2:
            raise _field_error(
                "rungs", "a list of at least 2 rung names (the last is nuclear use)", self.rungs
            )
        put(self, "rungs", tuple(str(r) for r in self.rungs))
        k = len(self.rungs) - 1
        if self.kahn_bands is None and self.rungs == DEFAULT_RUNGS:
            put(self, "kahn_bands", DEFAULT_KAHN_BANDS)
        if self.kahn_bands is not None:
            if len(self.kahn_bands) != k + 1:
                raise _field_error("kahn_bands", f"{k + 1} labels (one per rung)", self.kahn_bands)
            put(self, "kahn_bands", tuple(str(b) for b in self.kahn_bands))
        put(self, "red_lines", self._coerce_red_lines(self.red_lines, k))
        put(self, "q_resolute", _prob("q_resolute", self.q_resolute))
        put(self, "q_bluffer", _prob("q_bluffer", self.q_bluffer))
        if self.q_bluffer > self.q_resolute:
            raise RedlineError(
                f"ladder field 'q_bluffer': expected q_bluffer <= q_resolute (a bluffer retaliates "
                f"less often), got q_bluffer={self.q_bluffer} > q_resolute={self.q_resolute}"
            )
        for name in ("h", "e", "g"):
            put(self, name, _prob_vector(name, getattr(self, name), k))
        if self.e[0] != 0.0:
            raise _field_error("e[0]", "0 (there is no rung below rung 0)", self.e[0])
        for rung in range(k):
            if self.h[rung] + self.e[rung] > 1.0 + 1e-12:
                raise RedlineError(
                    f"ladder fields 'h' and 'e' at rung {rung}: expected h + e <= 1, "
                    f"got {self.h[rung]} + {self.e[rung]}"
                )
        for line in self.red_lines:
            if self.g[line.rung] != 0.0:
                raise RedlineError(
                    f"ladder field 'g[{line.rung}]': expected 0 at a red line (the pusher's choice "
                    f"there is set by tau), got {self.g[line.rung]}"
                )
        put(self, "theta0", _prob("theta0", self.theta0))
        put(self, "pi_resolute", _prob("pi_resolute", self.pi_resolute))
        if (
            isinstance(self.start, bool)
            or not isinstance(self.start, int | np.integer)
            or not 0 <= self.start <= k
        ):
            raise _field_error("start", f"an integer rung in 0..{k}", self.start)
        put(self, "start", int(self.start))
        if isinstance(self.steps, bool) or not isinstance(self.steps, int | np.integer) or self.steps < 0:
            raise _field_error("steps", "a non-negative integer (the horizon N)", self.steps)
        put(self, "steps", int(self.steps))
        if self.logit_lambda is not None:
            lam = self.logit_lambda
            if isinstance(lam, bool) or not isinstance(lam, int | float) or not (lam > 0) or math.isnan(lam):
                raise _field_error(
                    "logit_lambda", "a positive number (or omit it for the deterministic rule)", lam
                )
            put(self, "logit_lambda", float(lam))
        put(self, "observations", tuple(self._coerce_observation(o) for o in self.observations))
        if self.time_step not in TIME_STEPS:
            raise _field_error("time_step", f"one of {', '.join(TIME_STEPS)}", self.time_step)
        put(self, "name", str(self.name))
        put(self, "illustrative", bool(self.illustrative))
        put(self, "source", str(self.source))

    @staticmethod
    def _coerce_red_lines(value: Any, k: int) -> tuple[RedLine, ...]:
        if isinstance(value, Mapping):
            value = list(value.items())
        lines: list[RedLine] = []
        for i, item in enumerate(value):
            if isinstance(item, RedLine):
                line = item
            elif isinstance(item, Mapping):
                unknown = set(item) - {"rung", "tau", "label"}
                if unknown or "rung" not in item or "tau" not in item:
                    raise _field_error(
                        f"red_lines[{i}]", "a table with keys rung, tau and optional label", dict(item)
                    )
                line = RedLine(item["rung"], item["tau"], str(item.get("label", "")))
            elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
                line = RedLine(item[0], item[1])
            else:
                raise _field_error(f"red_lines[{i}]", "a red line (rung, tau)", item)
            if (
                isinstance(line.rung, bool)
                or not isinstance(line.rung, int | np.integer)
                or not 0 <= line.rung < k
            ):
                raise _field_error(
                    f"red_lines[{i}].rung",
                    f"the lower rung of the transition, an integer in 0..{k - 1}",
                    line.rung,
                )
            tau = line.tau
            if isinstance(tau, bool) or not isinstance(tau, int | float) or not math.isfinite(tau) or tau < 0:
                raise _field_error(
                    f"red_lines[{i}].tau", "a finite number >= 0 (the pusher's gain/cost ratio)", tau
                )
            lines.append(RedLine(int(line.rung), float(tau), str(line.label)))
        rungs = [line.rung for line in lines]
        if len(set(rungs)) != len(rungs):
            raise _field_error("red_lines", "at most one red line per rung", rungs)
        return tuple(sorted(lines, key=lambda line: line.rung))

    @staticmethod
    def _coerce_observation(item: Any) -> Observation:
        if isinstance(item, Observation):
            return item
        if isinstance(item, Mapping):
            unknown = set(item) - {"name", "retaliated", "date", "note"}
            if unknown or "name" not in item:
                raise _field_error(
                    "observations", "tables with keys name, retaliated, optional date and note", dict(item)
                )
            if not isinstance(item.get("retaliated", False), bool):
                raise _field_error("observations.retaliated", "true or false", item["retaliated"])
            return Observation(
                str(item["name"]),
                item.get("retaliated", False),
                str(item.get("date", "")),
                str(item.get("note", "")),
            )
        raise _field_error("observations", "a list of observations", item)

    # -- derived views ---------------------------------------------------------------------------
    @property
    def nuclear_rung(self) -> int:
        """``K``, the top (absorbing) rung."""
        return len(self.rungs) - 1

    @property
    def tau(self) -> np.ndarray:
        """``τ_L`` for rungs ``0..K-1`` (NaN where ``L → L+1`` is not a red line)."""
        out = np.full(self.nuclear_rung, np.nan)
        for line in self.red_lines:
            out[line.rung] = line.tau
        return out

    def replace(self, **changes: Any) -> Ladder:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def rho(self, theta: float | None = None) -> float:
        """Perceived retaliation probability at belief ``theta`` (default ``θ_0``)."""
        theta = self.theta0 if theta is None else theta
        return float(perceived_retaliation(theta, self.q_resolute, self.q_bluffer))

    def belief_trail(self) -> list[dict[str, Any]]:
        """The belief before and after each observation, with the perceived retaliation ``ρ``."""
        rows = []
        theta = self.theta0
        for obs in self.observations:
            after = bayes_update(theta, self.q_resolute, self.q_bluffer, obs.retaliated)
            rows.append(
                {
                    "observation": obs.name,
                    "date": obs.date,
                    "retaliated": obs.retaliated,
                    "theta_before": theta,
                    "theta_after": after,
                    "rho_before": self.rho(theta),
                    "rho_after": self.rho(after),
                }
            )
            theta = after
        return rows

    def posterior(self) -> Ladder:
        """The ladder with every observation applied to ``θ_0`` (and the observation list emptied)."""
        ladder = self
        for obs in self.observations:
            ladder = observe_crossing(ladder, obs.retaliated)
        return ladder.replace(observations=())

    def params(self, draws: int = 1, **overrides: Any) -> LadderParams:
        """Arrays with a leading draw axis, optionally overriding any parameter per draw.

        ``overrides`` keys: ``tau`` (shape ``(K,)`` or ``(draws, K)``, NaN = no red line),
        ``q_resolute``, ``q_bluffer``, ``theta0``, ``pi_resolute``, ``logit_lambda`` (scalar or
        ``(draws,)``; ``inf`` = deterministic rule), ``start`` (int or ``(draws,)``) and ``h``,
        ``e``, ``g`` (``(K,)`` or ``(draws, K)``). Array overrides fix ``draws`` if it is 1.
        """
        unknown = set(overrides) - set(LadderParams.FIELDS)
        if unknown:
            raise RedlineError(
                f"unknown ladder parameter(s) {sorted(unknown)}; expected some of {list(LadderParams.FIELDS)}"
            )
        lam = np.inf if self.logit_lambda is None else self.logit_lambda
        base = {
            "tau": self.tau,
            "q_resolute": self.q_resolute,
            "q_bluffer": self.q_bluffer,
            "h": np.asarray(self.h),
            "e": np.asarray(self.e),
            "g": np.asarray(self.g),
            "theta0": self.theta0,
            "pi_resolute": self.pi_resolute,
            "start": self.start,
            "logit_lambda": lam,
        }
        base.update({k: v for k, v in overrides.items() if v is not None})
        return LadderParams.build(self.nuclear_rung, draws, **base)


def observe_crossing(ladder: Ladder, retaliated: bool = False) -> Ladder:
    """Apply one observed red-line crossing to the ladder's prior ``θ_0`` (Bayes' rule, §4.2).

    The Kursk incursion of §4.3 is an unanswered crossing: from ``θ_0 = 0.6`` with ``q_R = 0.7``,
    ``q_B = 0.05`` it gives ``θ_1 = 0.18 / 0.56 = 0.3214286``.
    """
    theta = bayes_update(ladder.theta0, ladder.q_resolute, ladder.q_bluffer, retaliated)
    return ladder.replace(theta0=float(theta))


@dataclass(frozen=True, eq=False)
class LadderParams:
    """Kernel inputs: every ladder parameter as an array with a leading draw axis ``D``.

    ``tau``, ``h``, ``e``, ``g`` have shape ``(D, K)``; the rest ``(D,)``. ``tau`` is NaN where the
    transition is not a red line; ``logit_lambda`` is ``inf`` for the deterministic crossing rule.
    Build with :meth:`Ladder.params` (validated) rather than by hand.
    """

    nuclear_rung: int
    tau: np.ndarray
    q_resolute: np.ndarray
    q_bluffer: np.ndarray
    h: np.ndarray
    e: np.ndarray
    g: np.ndarray
    theta0: np.ndarray
    pi_resolute: np.ndarray
    start: np.ndarray
    logit_lambda: np.ndarray

    FIELDS = (
        "tau",
        "q_resolute",
        "q_bluffer",
        "h",
        "e",
        "g",
        "theta0",
        "pi_resolute",
        "start",
        "logit_lambda",
    )

    @property
    def draws(self) -> int:
        return int(self.theta0.shape[0])

    @classmethod
    def build(cls, k: int, draws: int = 1, **values: Any) -> LadderParams:
        """Broadcast and validate ``values`` to ``draws`` rows (array inputs may set ``draws``)."""
        per_rung = {"tau", "h", "e", "g"}
        arrays = {name: np.asarray(values[name], dtype=float) for name in cls.FIELDS}
        for name, arr in arrays.items():
            lead = arr.shape[0] if arr.ndim == (2 if name in per_rung else 1) else None
            if lead is not None and lead != 1:
                if draws not in (1, lead):
                    raise RedlineError(
                        f"ladder parameter '{name}': {lead} draws, but other inputs have {draws}"
                    )
                draws = lead
        out: dict[str, np.ndarray] = {}
        for name, arr in arrays.items():
            shape = (draws, k) if name in per_rung else (draws,)
            try:
                out[name] = np.broadcast_to(arr, shape).copy()
            except ValueError:
                raise RedlineError(
                    f"ladder parameter '{name}': expected shape {shape[1:] or 'scalar'} or {shape}, got {arr.shape}"
                ) from None
        for name in ("q_resolute", "q_bluffer", "theta0", "pi_resolute", "h", "e", "g"):
            arr = out[name]
            if np.isnan(arr).any() or (arr < 0).any() or (arr > 1).any():
                raise RedlineError(f"ladder parameter '{name}': expected probabilities in [0, 1]")
        if (out["q_bluffer"] > out["q_resolute"]).any():
            raise RedlineError("ladder parameters: expected q_bluffer <= q_resolute in every draw")
        if (out["h"] + out["e"] > 1 + 1e-12).any() or (out["e"][:, 0] != 0).any():
            raise RedlineError("ladder parameters 'h', 'e': expected h + e <= 1 and e[0] = 0 in every draw")
        tau = out["tau"]
        if (tau[~np.isnan(tau)] < 0).any() or np.isinf(tau).any():
            raise RedlineError("ladder parameter 'tau': expected finite thresholds >= 0 (NaN = no red line)")
        if ((~np.isnan(tau)) & (out["g"] != 0)).any():
            raise RedlineError("ladder parameter 'g': expected 0 where a red line is declared")
        if np.isnan(out["logit_lambda"]).any() or (out["logit_lambda"] <= 0).any():
            raise RedlineError(
                "ladder parameter 'logit_lambda': expected positive values (inf = deterministic)"
            )
        start = out["start"]
        if (start != np.round(start)).any() or (start < 0).any() or (start > k).any():
            raise RedlineError(f"ladder parameter 'start': expected integer rungs in 0..{k}")
        out["start"] = start.astype(np.int64)
        return cls(nuclear_rung=k, **out)

    def crossing_probability(self, rho: np.ndarray) -> np.ndarray:
        """P(pusher steps up) at every rung ``0..K`` given perceived retaliation ``rho``.

        ``rho`` has shape ``(D, ...)``; the result ``(D, ..., K+1)`` (0 at the nuclear rung).
        """
        extra = rho.ndim - 1
        expand = (slice(None),) + (None,) * extra + (slice(None),)
        lam = self.logit_lambda.reshape((-1,) + (1,) * (extra + 1))
        cross = crossing_rule(self.tau[expand], rho[..., None], lam, self.g[expand])
        return np.concatenate([cross, np.zeros(cross.shape[:-1] + (1,))], axis=-1)


def crossing_rule(tau: Any, rho: Any, logit_lambda: Any, g: Any) -> np.ndarray:
    """P(the pusher takes the next step), elementwise (§4.2 step 1).

    At a red line (``tau`` not NaN): 1 if ``ρ < τ`` else 0 when ``logit_lambda`` is ``inf``,
    otherwise the logit ``1 / (1 + exp(−λ(τ − ρ)))``. Elsewhere (``tau`` NaN): ``g``.
    """
    tau, rho, lam = np.asarray(tau, float), np.asarray(rho, float), np.asarray(logit_lambda, float)
    gap = tau - rho
    rule = (gap > 0).astype(float)  # the deterministic rule (NaN gaps give 0)
    finite = np.isfinite(lam)
    if finite.any():
        with np.errstate(invalid="ignore", over="ignore"):
            logit = 1.0 / (1.0 + np.exp(-np.where(finite, lam, 0.0) * gap))
        rule = np.where(finite, logit, rule)
    return np.where(np.isnan(tau), g, rule)
