"""The escalation adapter: the red-line ladder's curves before and after its observations (exact),
and a Monte Carlo check of P(nuclear rung within the horizon).

Question key: ``escalation.nuclear`` = 1 if the nuclear rung is reached within the horizon (after the
ladder's observations, e.g. Kursk).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from redline.adapters.base import BuildContext, Part, headline
from redline.scenario import Scenario, escalation_fit_of, ladder_of, record_cutoff
from redline.tasks import Task

__all__ = ["EscalationAdapter"]


class EscalationAdapter:
    """The ``[escalation]`` ladder."""

    name = "escalation"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.escalation and scenario.escalation is not None

    def build(self, ctx: BuildContext) -> Part:
        result, tasks = _escalation_questions(ctx.scenario, ctx.base_dir, ctx.seed)
        return Part({"escalation": result}, tasks)

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        out: dict[str, Any] = {}
        headlines: list[dict[str, Any]] = []
        if "escalation" in exact:
            esc = dict(exact["escalation"])
            if "escalation.nuclear" in stats:
                esc["monte_carlo"] = stats["escalation.nuclear"]
            out["escalation"] = esc
            mc = esc.get("monte_carlo", {})
            unit = "months" if esc.get("time_step") == "month" else "steps"
            if esc.get("fitted"):
                answer = (
                    f"{esc['p_nuclear_after'] * 100:.1f}% [{esc['p_nuclear_lo'] * 100:.1f}%, "
                    f"{esc['p_nuclear_hi'] * 100:.1f}%] "
                    f"(90% credible interval over {FIT_DRAWS:,} posterior draws), ladder fitted to the record "
                    f"{esc['record']['start']} to "
                    f"{esc['record']['end']}: red-line credibility "
                    f"{esc['posterior']['credibility']['mean'] * 100:.0f}% "
                    "(assumption: thresholds τ, h at rungs never reached, priors)"
                )
                lo, hi = esc["p_nuclear_lo"], esc["p_nuclear_hi"]
                of = "P(nuclear rung) (90% credible)"
            else:
                answer = (
                    f"{esc['p_nuclear_after'] * 100:.1f}% after the observations, "
                    f"{esc['p_nuclear_before'] * 100:.1f}% before"
                    + (f" (Monte Carlo {mc['mean'] * 100:.1f}%)" if mc else "")
                    + (
                        " (assumption: illustrative numbers)"
                        if esc.get("illustrative")
                        else " (assumption: ladder inputs)"
                    )
                )
                lo, hi = mc.get("lo"), mc.get("hi")
                of = "P(nuclear rung), Monte Carlo (95%)"
            headlines.append(
                headline(
                    "escalation.nuclear",
                    f"Escalation ({esc['name']}): P(nuclear rung within {esc['steps']} {unit})",
                    answer,
                    esc["p_nuclear_after"],
                    lo,
                    hi,
                    interval_of=of,
                )
            )
        return out, headlines


def as_of(scenario: Scenario) -> str:
    """The scenario's date as the cut-off of the escalation record (end of the year if only a year)."""
    return record_cutoff(scenario.world)


def _escalation_questions(
    scenario: Scenario, base_dir: Any, seed: int | None = None
) -> tuple[dict[str, Any], list[Task]]:
    """Exact curves before and after the ladder's observations; a Monte Carlo check of the latter."""
    from redline.escalation import propagate

    spec = scenario.escalation
    fitted = escalation_fit_of(spec, base_dir, as_of(scenario))
    if fitted is not None:
        seed = scenario.run.seed if seed is None else seed
        return _fitted_escalation(fitted, spec.steps or fitted.ladder.steps, seed)
    ladder = ladder_of(spec, base_dir)
    steps = spec.steps or ladder.steps
    prior = ladder.replace(observations=())
    posterior = ladder.posterior()
    before, after = propagate(prior, steps), propagate(posterior, steps)
    out = {
        "name": ladder.name,
        "illustrative": ladder.illustrative,
        "source": ladder.source,
        "steps": steps,
        "time_step": ladder.time_step,
        "rungs": list(ladder.rungs),
        "red_lines": [
            {"rung": r.rung, "tau": r.tau, "label": getattr(r, "label", "")} for r in ladder.red_lines
        ],
        "observations": ladder.belief_trail(),
        "before": before.to_dict(),
        "after": after.to_dict(),
        "p_nuclear_before": float(before.final[0]),
        "p_nuclear_after": float(after.final[0]),
    }
    task = Task(
        key="escalation",
        sampler=partial(_escalation_sampler, ladder=posterior, steps=steps),
        binary=("escalation.nuclear",),
    )
    return out, [task]


FIT_DRAWS = 2000
"""Posterior draws of the fitted ladder behind the exact interval of P(nuclear)."""


def _fitted_escalation(fitted: Any, steps: int, seed: int) -> tuple[dict[str, Any], list[Task]]:
    """The ladder fitted to the record: posterior-mean curve, P(nuclear) with its 90% interval over
    posterior draws; the Monte Carlo draws one posterior ladder per run."""
    from redline.escalation import propagate
    from redline.escalation.fit import interval

    ladder = fitted.ladder
    point = propagate(ladder, steps)
    sampled = propagate(fitted.params(FIT_DRAWS, rng=seed), steps).p_nuclear[:, -1]
    lo, hi = interval(sampled)
    out = {
        "name": ladder.name,
        "illustrative": False,
        "fitted": True,
        "source": ladder.source,
        "steps": steps,
        "time_step": ladder.time_step,
        "rungs": list(ladder.rungs),
        "red_lines": [{"rung": r.rung, "tau": r.tau, "label": r.label} for r in ladder.red_lines],
        "observations": [],
        "posterior": fitted.summary(),
        "assumptions": fitted.meta["assumptions"],
        "record": {"start": fitted.meta["record_start"], "end": fitted.meta["record_end"]},
        "before": None,
        "after": point.to_dict(),
        "p_nuclear_before": None,
        "p_nuclear_after": float(sampled.mean()),
        "p_nuclear_point": float(point.final[0]),
        "p_nuclear_lo": lo,
        "p_nuclear_hi": hi,
    }
    task = Task(
        key="escalation",
        sampler=partial(_fitted_escalation_sampler, fitted=fitted, steps=steps),
        binary=("escalation.nuclear",),
    )
    return out, [task]


def _fitted_escalation_sampler(generator, n, *, fitted, steps):  # noqa: ANN001, ANN202
    from redline.escalation import simulate

    sim = simulate(fitted.params(n, rng=generator), steps, n, rng=generator)
    return {"escalation.nuclear": (sim.reached >= 0).astype(float)}


def _escalation_sampler(generator, n, *, ladder, steps):  # noqa: ANN001, ANN202
    from redline.escalation import simulate

    sim = simulate(ladder, steps, n, rng=generator)
    return {"escalation.nuclear": (sim.reached >= 0).astype(float)}
