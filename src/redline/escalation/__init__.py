"""Escalation with red lines (models.md §4): Kahn's ladder, Schelling's chance, Bayesian credibility.

``Ladder`` describes the game; ``propagate`` computes exact P(nuclear rung within t steps) per true
type and mixed, with the expected belief path; ``simulate`` is the batched Monte Carlo check;
``load_ladder`` reads a ladder TOML file; ``observe_crossing`` applies an observed crossing such as
the Kursk incursion to the prior belief.
"""

from __future__ import annotations

from redline.escalation.exact import EscalationResult, propagate
from redline.escalation.io import load_ladder, parse_ladder
from redline.escalation.ladder import (
    DEFAULT_KAHN_BANDS,
    DEFAULT_RUNGS,
    Ladder,
    LadderParams,
    Observation,
    RedLine,
    bayes_update,
    crossing_rule,
    observe_crossing,
    perceived_retaliation,
)
from redline.escalation.montecarlo import SimulationResult, simulate

__all__ = [
    "DEFAULT_KAHN_BANDS",
    "DEFAULT_RUNGS",
    "EscalationResult",
    "Ladder",
    "LadderParams",
    "Observation",
    "RedLine",
    "SimulationResult",
    "bayes_update",
    "crossing_rule",
    "escalation_figure",
    "load_ladder",
    "observe_crossing",
    "parse_ladder",
    "perceived_retaliation",
    "propagate",
    "simulate",
]


def __getattr__(name: str):
    # plotly is imported only when a figure is asked for (keeps the CLI start fast)
    if name == "escalation_figure":
        from redline.escalation.figure import escalation_figure

        return escalation_figure
    raise AttributeError(f"module 'redline.escalation' has no attribute {name!r}")
