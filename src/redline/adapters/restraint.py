"""The restraint adapter (deterrence × escalation): P(deterrence failure) and P(nuclear rung) as
support σ for the protégé rises (``[deterrence.restraint]``, needs ``[escalation]``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from redline.adapters.base import BuildContext, Part, headline
from redline.adapters.deterrence import scenario_game
from redline.adapters.escalation import FIT_DRAWS, as_of
from redline.deterrence.link import SHARE_NAME
from redline.scenario import Scenario, escalation_fit_of, ladder_of

__all__ = ["RestraintAdapter"]


class RestraintAdapter:
    """The protégé-restraint sweep (exact answers only: it draws its own numbers per σ)."""

    name = "restraint"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        models = scenario.models
        return (
            models.escalation
            and scenario.escalation is not None
            and models.deterrence
            and scenario.deterrence.restraint is not None
        )

    def build(self, ctx: BuildContext) -> Part:
        return Part({"restraint": _restraint(ctx.scenario, ctx.world, ctx.base_dir, ctx.draws, ctx.seed)})

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        out: dict[str, Any] = {}
        headlines: list[dict[str, Any]] = []
        if "restraint" in exact:
            sweep = exact["restraint"]
            out["restraint"] = sweep
            frame = sweep["table"]
            lo, hi = frame.iloc[0], frame.iloc[-1]

            def nuclear(row: Any) -> str:
                text = f"{row['p_nuclear'] * 100:.1f}%"
                if "p_nuclear_lo" in row and not pd.isna(row.get("p_nuclear_lo")):
                    text += f" [{row['p_nuclear_lo'] * 100:.1f}%, {row['p_nuclear_hi'] * 100:.1f}%]"
                return text

            unit = "months" if sweep.get("time_step") == "month" else "steps"
            from redline.deterrence.restraint import LADDER_DRAWS

            record = sweep.get("record")
            if sweep.get("fitted") and record:
                basis = (
                    f"ladder fitted to the record {record['start']} to {record['end']}, each σ over "
                    f"{LADDER_DRAWS:,} posterior draws of it (the escalation headline: {FIT_DRAWS:,} draws, hence "
                    "its σ = 0 differs by Monte Carlo noise)"
                )
            elif sweep.get("fitted"):
                basis = "ladder fitted to the record"
            else:
                basis = "illustrative ladder" if sweep.get("illustrative") else "ladder inputs"
            at_war = sweep.get("at_war")
            failure = (
                f"no P(deterrence failure): {at_war}"
                if at_war
                else f"{SHARE_NAME} {lo['p_failure'] * 100:.1f}% → {hi['p_failure'] * 100:.1f}%"
            )
            evidence = sweep.get("evidence") or {}
            headlines.append(
                headline(
                    "restraint",
                    f"Deterrence versus restraint for {sweep['target']}: lifting the restrictions (σ 0 → 1)",
                    f"{failure}; "
                    f"P(nuclear rung within {sweep.get('steps')} {unit}) {nuclear(lo)} → {nuclear(hi)}"
                    f"{_at_observed(frame, evidence, nuclear)} "
                    f"{_effects_said(sweep.get('effects', {}), evidence, basis)}",
                    None if at_war else float(hi["p_failure"] - lo["p_failure"]),
                    change=True,
                )
            )
        return out, headlines


def _at_observed(frame: pd.DataFrame, evidence: dict[str, Any], nuclear: Any) -> str:
    """``; X at σ = σ_obs`` when the sweep has the observed lifting's level (the record-grounded row)."""
    sigma = evidence.get("sigma_obs")
    rows = frame[(frame["sigma"] - sigma).abs() < 1e-9] if sigma is not None else frame.iloc[0:0]
    return "" if rows.empty else f"; {nuclear(rows.iloc[0])} at σ = {sigma:g}, the observed lifting"


def _effects_said(effects: dict[str, Any], evidence: dict[str, Any], basis: str) -> str:
    """The parenthesis after the restraint headline: every judgement marked as an assumption."""
    if not evidence:
        return f"(assumption: effect sizes of support, thresholds τ; {basis})"
    priors = ", ".join(
        f"{k} U({v[0]:g}, {v[1]:g})" for k, v in effects.items() if isinstance(v, list | tuple)
    )
    said = f"(assumptions: effect sizes of support{f', uniform priors {priors}' if priors else ''}"
    if evidence.get("lifting"):
        return (
            f"{said}, weighted by {evidence['lifting']}; that lifting coded σ = {evidence['sigma_obs']:g}; "
            f"thresholds τ. Beyond σ = {evidence['sigma_obs']:g} the rise rests on the priors; {basis})"
        )
    return f"{said}, no lifting observed yet; thresholds τ; {basis})"


def _restraint(scenario: Scenario, world: Any, base_dir: Any, draws: int, seed: int) -> dict[str, Any]:
    """Deterrence versus restraint: P(deterrence failure) and P(nuclear rung) over support σ."""
    from redline.deterrence.lifting import observed_lifting
    from redline.deterrence.restraint import restraint_sweep

    spec = scenario.deterrence.restraint
    game = scenario_game(scenario, world, spec.target)
    fitted = escalation_fit_of(scenario.escalation, base_dir, as_of(scenario))
    ladder = fitted if fitted is not None else ladder_of(scenario.escalation, base_dir)
    observe = spec.lifting.observe and fitted is not None
    lifting = observed_lifting(as_of(scenario), spec.lifting.step, spec.lifting.sigma) if observe else None
    frame = restraint_sweep(
        game,
        ladder,
        spec.sigmas,
        steps=scenario.escalation.steps,
        draws=draws,
        rng=seed,
        nuclear_weight=spec.nuclear_weight,
        lifting=lifting,
        **spec.effects,
    )
    return {
        "target": spec.target,
        "effects": frame.attrs["effects"],
        "evidence": frame.attrs.get("evidence"),
        "nuclear_weight": spec.nuclear_weight,
        "table": frame,
        "time_step": frame.attrs.get("time_step", "step"),
        "steps": frame.attrs.get("steps"),
        "fitted": bool(frame.attrs.get("fitted")),
        "illustrative": bool(getattr(ladder, "illustrative", False)),
        "at_war": frame.attrs.get("at_war"),
        "assumptions": frame.attrs.get("assumptions", []),
        "record": None if fitted is None else {"start": fitted.meta["record_start"], "end": fitted.meta["record_end"]},
    }
