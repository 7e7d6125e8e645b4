"""The protégé-restraint dilemma: a sweep over Western support σ (models.md §3.2 extension).

Zagare & Kilgour's Tripartite Crisis Game (2003, 2006): a defender's support for a protégé deters the
challenger but emboldens the protégé. For Ukraine, σ ∈ [0, 1] is how far the restrictions on
long-range strikes are lifted. Support raises the protégé's effectiveness, lowering C's gains,

    p_L(σ) = p_L · (1 − p_L_cut·σ),     k_L(σ) = k_L + k_L_add·σ·V,

and raises the protégé's own escalation (§4): every red-line threshold of the pusher rises and
involuntary escalation grows,

    τ_L(σ) = τ_L + tau_gain·σ,          h_L(σ) = min(1, h_L · (1 + h_scale·σ)).

For each σ the sweep reports P(deterrence failure) (the game's decision rule, or a Monte Carlo over
its uncertainty) and P(nuclear rung within N steps) from the exact escalation propagation. The
dilemma shows as an interior optimum of a weighted loss when ``nuclear_weight`` is given. The four
effect sizes are assumptions for exploration, not estimates.

With a ladder fitted to the record (:class:`~redline.escalation.fit.EscalationFit`) every σ is
propagated over posterior draws of the ladder (``escalation_draws``), so P(nuclear) carries its
90% credible interval (``p_nuclear_lo``, ``p_nuclear_hi``); the steps are then months.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd

from redline.budget import check_count, check_work
from redline.deterrence.game import challenger_decision
from redline.deterrence.lifting import (
    EFFECT_PRIOR,
    GRID,
    Lifting,
    effect_grid,
    effect_weights,
    observed_lifting,
    select_draws,
    with_support,
)
from redline.deterrence.montecarlo import failure_draws, wilson_interval
from redline.deterrence.spec import DeterrenceGame
from redline.errors import RedlineError
from redline.escalation.fit import interval
from redline.rng import RNGLike

__all__ = ["LADDER_DRAWS", "RESTRAINT_DEFAULTS", "restraint_sweep"]

LADDER_DRAWS = 400
"""Posterior draws of a fitted ladder each σ is propagated over (the escalation headline uses its own
2,000: :data:`redline.adapters.escalation.FIT_DRAWS`, so σ = 0 differs from it by Monte Carlo noise)."""

RESTRAINT_DEFAULTS = {"p_L_cut": 0.3, "k_L_add": 0.2, "tau_gain": 0.2, "h_scale": 1.0}
"""Default effect sizes of support σ = 1 (assumptions; override by name)."""


# More support levels than this add nothing a reader can see and only cost time.
MAX_SIGMAS = 201


def restraint_sweep(
    game: DeterrenceGame,
    ladder: Any,
    sigmas: Any = None,
    *,
    steps: int | None = None,
    draws: int = 0,
    rng: RNGLike = 0,
    nuclear_weight: float | None = None,
    use_observations: bool = True,
    rule: str | None = None,
    escalation_draws: int = LADDER_DRAWS,
    lifting: Lifting | None | Literal["record"] = "record",
    effect_points: tuple[int, int] = GRID,
    **effects: float | tuple[float, float],
) -> pd.DataFrame:
    """P(deterrence failure) and P(nuclear within N) for each support level σ.

    Parameters
    ----------
    game : DeterrenceGame
        The deterrence game of the protégé (e.g. ``from_world(2024, "UKR")``).
    ladder : redline.escalation.Ladder or redline.escalation.fit.EscalationFit
        The escalation ladder (e.g. ``load_ladder("examples/ladders/kursk.toml")``), or a ladder
        fitted to the record (``fit_escalation()``): then P(nuclear) is a posterior mean with a 90%
        interval over ``escalation_draws`` draws of the ladder.
    sigmas : array_like, optional
        Support levels in [0, 1] (default 0, 0.1, ..., 1).
    steps : int, optional
        Horizon N (default: the ladder's).
    draws : int
        Monte Carlo draws over the game's uncertainty (0: the point decision).
    nuclear_weight : float, optional
        If given, ``loss = P(failure) + nuclear_weight · P(nuclear)`` and the σ minimising it is flagged.
    use_observations : bool
        Apply the ladder's observed crossings (e.g. Kursk) to the prior first.
    rule : {"pbe", "logit"}, optional
        Decision rule of the Monte Carlo (default: logit when the game has λ_C, else PBE).
    lifting : Lifting, None or "record"
        With a fitted ladder: the observed lifting the ladder effects are conditioned on
        (:mod:`redline.deterrence.lifting`); ``"record"`` (default) takes the November 2024 lifting as
        seen at the end of the ladder's record, ``None`` keeps the prior.
    effect_points : (int, int)
        Grid points of the uniform priors of ``tau_gain`` and ``h_scale`` (fitted ladder only).
    effects
        ``p_L_cut``, ``k_L_add``, ``tau_gain``, ``h_scale`` (see :data:`RESTRAINT_DEFAULTS`). With a
        fitted ladder ``tau_gain`` and ``h_scale`` may be ``(lo, hi)``: a uniform prior (default
        :data:`~redline.deterrence.lifting.EFFECT_PRIOR`); a number fixes the effect.
    """
    from redline.escalation import propagate

    unknown = sorted(set(effects) - set(RESTRAINT_DEFAULTS))
    if unknown:
        raise RedlineError(
            f"restraint sweep: unknown effect(s) {', '.join(unknown)}; expected {', '.join(RESTRAINT_DEFAULTS)}"
        )
    ranges = {k: _effect_range(k, v) for k, v in effects.items() if k in EFFECT_PRIOR}
    fixed = {k: v for k, v in effects.items() if k not in EFFECT_PRIOR or ranges[k][0] == ranges[k][1]}
    e: dict[str, Any] = {**RESTRAINT_DEFAULTS, **{k: _effect_range(k, v)[0] for k, v in fixed.items()}}
    s = np.linspace(0.0, 1.0, 11) if sigmas is None else np.asarray(sigmas, dtype=float).reshape(-1)
    if s.size == 0 or np.isnan(s).any() or (s < 0).any() or (s > 1).any():
        raise RedlineError(f"restraint sweep: support levels σ must lie in [0, 1], got {s.tolist()}")
    check_count("restraint sweep: number of support levels", int(s.size), low=1, high=MAX_SIGMAS)
    check_work(
        "restraint sweep",
        float(s.size) * max(int(draws), 1) * (len(game.a) + 1) * 100,
        hint="ask for fewer support levels (--sigma-steps) or fewer draws",
    )
    if not 0 <= e["p_L_cut"] <= 1:
        raise RedlineError(f"restraint sweep: p_L_cut = {e['p_L_cut']}, expected a value in [0, 1]")

    fitted = hasattr(ladder, "posterior") and hasattr(ladder, "params") and not hasattr(ladder, "rungs")
    n = s.size
    evidence: dict[str, Any] | None = None
    if fitted:
        base = ladder.ladder
        horizon = base.steps if steps is None else int(steps)
        draws_e = int(escalation_draws)
        post = ladder.params(draws_e, rng=rng)  # (draws_e, ...) posterior draws of the ladder
        # the effects of support: a posterior over effect sizes given the record (lifting.py), per ladder
        # draw; σ shifts each posterior draw of the ladder (the record's bounds on τ where it has them),
        # so σ = 0 is the ladder the escalation headline propagates
        ranges = {**EFFECT_PRIOR, **ranges}
        if lifting == "record":
            lifting = observed_lifting(str(ladder.meta["record_end"]))
        grid = effect_grid(ranges, effect_points)
        w_dj = effect_weights(post, grid["tau_gain"], grid["h_scale"], lifting)  # (D, J), rows sum to 1
        evidence = _evidence(grid, w_dj.mean(axis=0), ranges, lifting)
        e.update({k: list(v) if v[0] != v[1] else v[0] for k, v in ranges.items()})
        # the pairs (ladder draw d, effect point j) with positive weight: the others add nothing
        w_pairs = w_dj.T.ravel() / draws_e  # pair j*D + d
        keep = np.flatnonzero(w_pairs > 0)
        pairs = select_draws(post, keep % draws_e)
        gain, scale, w = grid["tau_gain"][keep // draws_e], grid["h_scale"][keep // draws_e], w_pairs[keep]
        p_nuclear, p_lo, p_hi, p_res, p_bluff = (np.empty(n) for _ in range(5))
        for i, sigma in enumerate(s):  # one support level at a time: the pairs in memory, not n times them
            if sigma == 0:  # no effect to apply: the ladder draws themselves, each of weight 1/D
                esc, wi = propagate(post, horizon), np.full(draws_e, 1.0 / draws_e)
            else:
                esc, wi = propagate(with_support(pairs, sigma, gain, scale), horizon), w
            p_nuclear[i] = esc.p_nuclear[:, -1] @ wi
            p_lo[i], p_hi[i] = interval(esc.p_nuclear[:, -1], wi)
            p_res[i], p_bluff[i] = esc.p_nuclear_resolute[:, -1] @ wi, esc.p_nuclear_bluffer[:, -1] @ wi
    else:
        if any(lo != hi for lo, hi in ranges.values()):
            raise RedlineError(
                "restraint sweep: an effect range (lo, hi) needs a ladder fitted to the record; give a number"
            )
        base = ladder.posterior() if use_observations else ladder.replace(observations=())
        tau = np.asarray(base.tau, dtype=float)[None, :] + e["tau_gain"] * s[:, None]
        h = np.clip(np.asarray(base.h, dtype=float)[None, :] * (1.0 + e["h_scale"] * s[:, None]), 0.0, 1.0)
        horizon = base.steps if steps is None else int(steps)
        esc = propagate(base.params(n, tau=tau, h=h), horizon)
        p_nuclear = esc.p_nuclear[:, -1]
        p_lo = p_hi = None
        p_res, p_bluff = esc.p_nuclear_resolute[:, -1], esc.p_nuclear_bluffer[:, -1]

    p_L = game.p_L * (1.0 - e["p_L_cut"] * s)
    k_L = game.k_L + e["k_L_add"] * s * game.V
    kappa = game.kappa()
    d = challenger_decision(np.full(n, kappa), p_L * game.V - k_L, np.full(n, game.B), game.lam)
    rows = []
    for i, sigma in enumerate(s):
        row: dict[str, Any] = {
            "sigma": float(sigma),
            "p_L": float(p_L[i]),
            "k_L": float(k_L[i]),
            "kappa": kappa,
            "kappa_star": float(d.kappa_star[i]),
            "regime": str(d.regime_name[i]),
        }
        if game.at_war:  # deterrence already failed: no P(failure) (docs/deterrence.md, 'The question')
            row["p_failure"] = math.nan
        elif draws:
            # only P(failure) and its interval: the per-draw outcomes without the sensitivity table
            # (the same numbers as monte_carlo(...).p_failure, .ci_low, .ci_high)
            outcome = failure_draws(
                game.replace(p_L=float(p_L[i]), k_L=float(k_L[i]), economy=None), draws, rng=rng, rule=rule
            )
            p = float(outcome.mean())
            ci_low, ci_high = wilson_interval(p * draws, draws)
            row.update({"p_failure": p, "ci_low": ci_low, "ci_high": ci_high})
        elif d.p_attack is not None and rule != "pbe":
            row["p_failure"] = float(d.p_attack[i])
        else:
            row["p_failure"] = float(d.attack[i])
        row["p_nuclear"] = float(p_nuclear[i])
        if p_lo is not None:
            row["p_nuclear_lo"], row["p_nuclear_hi"] = float(p_lo[i]), float(p_hi[i])
        row["p_nuclear_resolute"] = float(p_res[i])
        row["p_nuclear_bluffer"] = float(p_bluff[i])
        rows.append(row)
    out = pd.DataFrame(rows)
    if nuclear_weight is not None:
        out["loss"] = out["p_failure"] + float(nuclear_weight) * out["p_nuclear"]
        out["best"] = out["loss"] == out["loss"].min()
    out.attrs["effects"] = e
    out.attrs["at_war"] = game.at_war_note
    out.attrs["steps"] = horizon
    out.attrs["time_step"] = base.time_step
    out.attrs["fitted"] = fitted
    out.attrs["evidence"] = evidence
    out.attrs["assumptions"] = [
        f"effect sizes of support {', '.join(f'{k}={_show(v)}' for k, v in e.items())}"
        + (_weighted_by(evidence) if evidence else ""),
        "red-line thresholds tau" + (" and h at rungs never reached" if fitted else ", every ladder input"),
    ]
    return out


def _effect_range(name: str, value: Any) -> tuple[float, float]:
    """A number ``v`` as ``(v, v)``; a pair ``(lo, hi)`` checked (ranges only for the ladder effects)."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        return float(value), float(value)
    pair = tuple(float(v) for v in value) if isinstance(value, list | tuple) else ()
    if name not in EFFECT_PRIOR or len(pair) != 2 or not 0.0 <= pair[0] <= pair[1]:
        raise RedlineError(
            f"restraint sweep: effect {name} = {value!r}; expected a number"
            + (" or a range [lo, hi] with 0 <= lo <= hi" if name in EFFECT_PRIOR else "")
        )
    return pair[0], pair[1]


def _show(value: Any) -> str:
    return f"U({value[0]:g}, {value[1]:g})" if isinstance(value, list) else f"{value:g}"


def _evidence(
    grid: dict[str, np.ndarray],
    w: np.ndarray,
    ranges: dict[str, tuple[float, float]],
    lifting: Lifting | None,
) -> dict[str, Any]:
    """The posterior of the effect sizes (marginal over the ladder draws) and what it rests on."""
    out: dict[str, Any] = {
        "prior": {k: list(v) for k, v in ranges.items()},
        "grid": [int(np.unique(grid[k]).size) for k in ("tau_gain", "h_scale")],
        "lifting": None if lifting is None else lifting.describe(),
        "months": 0 if lifting is None else lifting.months,
        "sigma_obs": None if lifting is None else lifting.sigma,
    }
    for k, v in grid.items():
        lo, hi = interval(v, w)
        out[k] = {"mean": float(np.sum(w * v)), "lo": lo, "hi": hi}
    return out


def _weighted_by(evidence: dict[str, Any]) -> str:
    seen = evidence.get("lifting")
    return f" (uniform priors weighted by {seen})" if seen else " (uniform priors, no lifting observed yet)"
