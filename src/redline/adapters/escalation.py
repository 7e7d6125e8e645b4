"""The escalation adapter: the red-line ladder's curves before and after its observations (exact),
and a Monte Carlo check of P(nuclear rung within the horizon).

Question key: ``escalation.nuclear`` = 1 if the nuclear rung is reached within the horizon (after the
ladder's observations, e.g. Kursk).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from redline.adapters.base import BuildContext, Part, headline
from redline.scenario import Scenario, ladder_of
from redline.tasks import Task

__all__ = ["EscalationAdapter"]


class EscalationAdapter:
    """The ``[escalation]`` ladder."""

    name = "escalation"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.escalation and scenario.escalation is not None

    def build(self, ctx: BuildContext) -> Part:
        result, tasks = _escalation_questions(ctx.scenario, ctx.base_dir)
        return Part({"escalation": result}, tasks)

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], draws: dict[str, np.ndarray]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        out: dict[str, Any] = {}
        headlines: list[dict[str, Any]] = []
        if "escalation" in exact:
            esc = dict(exact["escalation"])
            if "escalation.nuclear" in stats:
                esc["monte_carlo"] = stats["escalation.nuclear"]
            out["escalation"] = esc
            mc = esc.get("monte_carlo", {})
            headlines.append(
                headline(
                    "escalation.nuclear",
                    f"Escalation ({esc['name']}): P(nuclear rung within {esc['steps']} steps)",
                    f"{esc['p_nuclear_after'] * 100:.1f}% after the observations, {esc['p_nuclear_before'] * 100:.1f}% before"
                    + (f" (Monte Carlo {mc['mean'] * 100:.1f}%)" if mc else ""),
                    esc["p_nuclear_after"],
                    mc.get("lo"),
                    mc.get("hi"),
                )
            )
        return out, headlines


def _escalation_questions(scenario: Scenario, base_dir: Any) -> tuple[dict[str, Any], list[Task]]:
    """Exact curves before and after the ladder's observations; a Monte Carlo check of the latter."""
    from redline.escalation import propagate

    spec = scenario.escalation
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


def _escalation_sampler(generator, n, *, ladder, steps):  # noqa: ANN001, ANN202
    from redline.escalation import simulate

    sim = simulate(ladder, steps, n, rng=generator)
    return {"escalation.nuclear": (sim.reached >= 0).astype(float)}
