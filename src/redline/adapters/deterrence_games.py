"""Coding a scenario's deterrence games, and the run's resource checks on them without the run's work.

Apart from :mod:`redline.adapters.deterrence` (which re-exports these names) so that validation
(:mod:`redline.scenario.runnable`) can code the games and make the run's checks without importing the
adapter layer that itself reads scenarios through validation.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from redline.scenario import Scenario

__all__ = [
    "block_seed",
    "check_budget",
    "code_game",
    "deterrence_games",
    "deterrence_targets",
    "scenario_game",
    "scenario_levers",
]


def deterrence_targets(scenario: Scenario, world: Any) -> list[str]:
    """The scenario's targets with ``NATO`` expanded to every member of the World's year, in order."""
    out: list[str] = []
    for target in scenario.deterrence.targets:
        for code in world.members("NATO") if target == "NATO" else [target]:
            if code not in out:
                out.append(code)
    return out


def code_game(
    world: Any,
    target: str,
    params: dict[str, float] | None = None,
    *,
    capability_source: str = "nato",
    challenger: str = "RUS",
    coalition: list[str] | None = None,
    uncertainty: dict[str, dict[str, Any]] | None = None,
) -> Any:
    """The coded :class:`~redline.deterrence.DeterrenceGame` of an attack on ``target`` (no lever).

    The one place a game is coded from a World, for a scenario and for ``redline deter`` alike.
    """
    from redline.deterrence import from_world

    return from_world(
        world,
        target,
        dict(params or {}),
        capability_source=capability_source,
        challenger=challenger,
        coalition=coalition,
        uncertainty=uncertainty,
    )


def scenario_game(scenario: Scenario, world: Any, target: str) -> Any:
    """:func:`code_game` with the settings of the scenario's ``[deterrence]`` table."""
    spec = scenario.deterrence
    return code_game(
        world,
        target,
        dict(spec.params),
        capability_source=spec.capability_source,
        challenger=spec.challenger,
        uncertainty={k: v.model_dump(exclude_none=True) for k, v in spec.uncertainty.items()},
    )


def deterrence_games(scenario: Scenario, world: Any) -> dict[str, Any]:
    """The coded :class:`~redline.deterrence.DeterrenceGame` per target (no lever)."""
    return {target: scenario_game(scenario, world, target) for target in deterrence_targets(scenario, world)}


def scenario_levers(scenario: Scenario) -> list[tuple[str, Any]]:
    from redline.deterrence.levers import resolve_lever

    defined = {k: v.model_dump(exclude_none=True) for k, v in scenario.levers.define.items()}
    out = []
    for item in scenario.levers.compare:
        if ":" in item:
            from redline.deterrence.levers import parse_lever

            out.append((item, parse_lever(item)))
        else:
            out.append((item, resolve_lever(item, defined)))
    return out


def block_seed(generator: np.random.Generator) -> int:
    return int(generator.integers(0, 2**63 - 1))


def check_budget(scenario: Scenario, world: Any, draws: int, seed: int) -> None:
    """Make the run's resource checks of the deterrence questions without the run's work.

    Codes every target's game and lever variant, then runs the point κ and the first block of the
    Monte Carlo exactly as :func:`redline.runner.run` would (same task seed, same block) inside
    :func:`redline.budget.dry_run`: a guard over budget (the credibility DP of a wide capability
    uncertainty) raises its error; a step that fits stops at its checkpoint. Every later block draws
    from the same distributions, so the first block's grid stands for the run's.
    """
    from redline.budget import FitsBudget, dry_run
    from redline.deterrence.montecarlo import failure_draws
    from redline.rng import BLOCK, block_generator
    from redline.tasks import task_seed

    levers = scenario_levers(scenario)
    n = min(BLOCK, draws)
    for target, game in deterrence_games(scenario, world).items():
        first_block = block_seed(block_generator(task_seed(seed, f"deter.{target}"), 0))
        for variant in [game, *(lever(game) for _, lever in levers)]:
            with dry_run(), contextlib.suppress(FitsBudget):
                variant.kappa()  # the point κ of the exact answers
            with dry_run(), contextlib.suppress(FitsBudget):
                failure_draws(variant, n, rng=first_block)  # the first block of the Monte Carlo
