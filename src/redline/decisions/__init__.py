"""Will the alliance act? Decision rules, veto players, power indices and "what would it take".

Spec: ``models.md`` §2. ``get_rule(name, **params)`` returns a rule whose ``evaluate`` gives a
:class:`Decision` and whose ``passes_batch`` evaluates Monte Carlo position draws at once;
:mod:`redline.decisions.power` computes Shapley-Shubik and Banzhaf indices.
"""

from redline.decisions.power import (
    PowerIndices,
    banzhaf,
    brute_force_power,
    double_majority_power,
    monte_carlo_power,
    shapley_shubik,
    threshold_power,
    weighted_power,
)
from redline.decisions.rules import RULES, Decision, Rule, article4_triggered, get_rule, losses
from redline.decisions.whatif import WhatItWouldTake, smallest_additional_yes, what_it_would_take

__all__ = [
    "RULES",
    "Decision",
    "PowerIndices",
    "Rule",
    "WhatItWouldTake",
    "article4_triggered",
    "banzhaf",
    "brute_force_power",
    "double_majority_power",
    "get_rule",
    "losses",
    "monte_carlo_power",
    "shapley_shubik",
    "smallest_additional_yes",
    "threshold_power",
    "weighted_power",
    "what_it_would_take",
]
