"""Extended deterrence: Article 5 credibility per target and the challenger's decision (models.md §3).

``credibility`` gives κ_T exactly (DP, correlated-resolve quadrature); ``challenger_decision`` the
regime and critical credibility; ``monte_carlo`` P(deterrence failure) over uncertain inputs;
``from_world`` codes a game from the data; ``LEVERS``/``apply_levers`` transform games.
"""

from __future__ import annotations

from redline.deterrence.coding import from_world
from redline.deterrence.credibility import at_least, credibility, key_ally
from redline.deterrence.game import (
    REGIMES,
    ChallengerDecision,
    challenger_decision,
    challenger_payoffs,
    contest_success,
)
from redline.deterrence.gamefile import load_game
from redline.deterrence.levers import LEVERS, Lever, apply_levers, compare_levers, define_lever
from redline.deterrence.montecarlo import MonteCarloResult, monte_carlo, wilson_interval
from redline.deterrence.restraint import restraint_sweep
from redline.deterrence.spec import DeterrenceGame, Economy

__all__ = [
    "LEVERS",
    "REGIMES",
    "ChallengerDecision",
    "DeterrenceGame",
    "Economy",
    "Lever",
    "MonteCarloResult",
    "apply_levers",
    "at_least",
    "challenger_decision",
    "challenger_payoffs",
    "compare_levers",
    "contest_success",
    "credibility",
    "define_lever",
    "from_world",
    "key_ally",
    "load_game",
    "monte_carlo",
    "restraint_sweep",
    "wilson_interval",
]
