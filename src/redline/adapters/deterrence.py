"""The deterrence adapter: Article 5 credibility κ, the challenger's regime and P(deterrence failure)
per target, with every lever of ``[levers]`` on common random numbers.

Question keys: ``deter.<lever>.<ISO3>.fail`` = 1 if deterrence of an attack on ISO3 fails in that draw
(``base`` = no lever).
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np

from redline.adapters.base import BuildContext, Part, headline
from redline.scenario import Scenario
from redline.stats import paired_interval
from redline.tasks import Task

__all__ = ["DeterrenceAdapter", "deterrence_games", "deterrence_targets"]


class DeterrenceAdapter:
    """Deterrence of an attack on each target of ``[deterrence]``, per lever."""

    name = "deterrence"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.deterrence and bool(scenario.deterrence.targets)

    def build(self, ctx: BuildContext) -> Part:
        result, tasks = _deterrence_questions(ctx.scenario, ctx.world)
        return Part({"deterrence": result}, tasks)

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], draws: dict[str, np.ndarray]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if "deterrence" not in exact:
            return {}, []
        headlines: list[dict[str, Any]] = []
        section = _summarise_deterrence(exact["deterrence"], stats, draws, headlines)
        return {"deterrence": section}, headlines


def deterrence_targets(scenario: Scenario, world: Any) -> list[str]:
    """The scenario's targets with ``NATO`` expanded to every member of the World's year, in order."""
    out: list[str] = []
    for target in scenario.deterrence.targets:
        for code in world.members("NATO") if target == "NATO" else [target]:
            if code not in out:
                out.append(code)
    return out


def _game(scenario: Scenario, world: Any, target: str) -> Any:
    """The coded :class:`~redline.deterrence.DeterrenceGame` of an attack on ``target`` (no lever)."""
    from redline.deterrence import from_world

    spec = scenario.deterrence
    return from_world(
        world,
        target,
        dict(spec.params),
        capability_source=spec.capability_source,
        challenger=spec.challenger,
        uncertainty={k: v.model_dump(exclude_none=True) for k, v in spec.uncertainty.items()},
    )


def deterrence_games(scenario: Scenario, world: Any) -> dict[str, Any]:
    """The coded :class:`~redline.deterrence.DeterrenceGame` per target (no lever)."""
    return {target: _game(scenario, world, target) for target in deterrence_targets(scenario, world)}


def _levers(scenario: Scenario) -> list[tuple[str, Any]]:
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


def _deterrence_questions(scenario: Scenario, world: Any) -> tuple[dict[str, Any], list[Task]]:
    """Per target: κ, κ*, margin and regime at the coded values; P(failure) per lever by Monte Carlo.

    One task per target draws the base game and every lever with the *same* block seed (common random
    numbers), so ΔP(failure) = P(lever) - P(base) has a paired interval.
    """
    games = deterrence_games(scenario, world)
    levers = _levers(scenario)
    targets = []
    tasks = []
    for target, game in games.items():
        variants = {"base": game}
        rows = [{"lever": "base", **game.summary()}]
        for name, lever in levers:
            variants[name] = lever(game)
            rows.append({"lever": name, **variants[name].summary()})
        targets.append(
            {
                "target": target,
                "article5": bool(game.article5),
                "allies": len(game.allies),
                "point": rows,
                "notes": list(game.notes),
            }
        )
        binary = tuple(f"deter.{name}.{target}.fail" for name in variants)
        tasks.append(
            Task(f"deter.{target}", partial(_deterrence_sampler, target=target, games=variants), binary)
        )
    first = next(iter(games.values()))
    from redline.deterrence.coding import DEFAULTS, DESCRIPTIONS

    params = {**DEFAULTS, **scenario.deterrence.params}
    out = {
        "challenger": scenario.deterrence.challenger,
        "capability_source": scenario.deterrence.capability_source,
        "levers": [
            {"name": name, "description": lever.description, "parameters": dict(lever.params)}
            for name, lever in levers
        ],
        "targets": targets,
        "params": [
            {
                "name": k,
                "value": v,
                "description": DESCRIPTIONS.get(k, ""),
                "overridden": k in scenario.deterrence.params,
            }
            for k, v in params.items()
        ],
        "uncertainty": {
            k: v.model_dump(exclude_none=True) for k, v in scenario.deterrence.uncertainty.items()
        },
        "coding_example": {"target": first.target, "table": first.allies_frame()},
        "codings": {t: g.allies_frame() for t, g in games.items()},
    }
    return out, tasks


def _deterrence_sampler(generator, n, *, target, games):  # noqa: ANN001, ANN202
    from redline.deterrence import monte_carlo

    seed = int(generator.integers(0, 2**63 - 1))
    out = {}
    for name, game in games.items():
        result = monte_carlo(game, n, rng=seed, keep_outcome=True)
        out[f"deter.{name}.{target}.fail"] = np.asarray(result.outcome, dtype=float)
    return out


def _plain(regime: Any) -> str:
    """A regime name in words (``deterrence_fails`` -> ``deterrence fails``)."""
    return str(regime).replace("_", " ")


def _summarise_deterrence(
    result: dict[str, Any], stats: dict[str, Any], draws: dict[str, np.ndarray], headlines: list
) -> dict[str, Any]:
    out = {k: v for k, v in result.items() if k != "codings"}
    # each target's allies, in the columns a reader needs (the full tables stay out: too large)
    keep = ["ally", "w", "capability_usd", "reach", "capability_theatre_usd", "a", "missing", "flags"]
    out["allies"] = {
        target: frame[[c for c in keep if c in frame.columns]].to_dict(orient="records")
        for target, frame in result.get("codings", {}).items()
    }
    lever_names = ["base", *[lever["name"] for lever in result["levers"]]]
    rows = []
    for entry in result["targets"]:
        target = entry["target"]
        base = draws.get(f"deter.base.{target}.fail")
        for point in entry["point"]:
            name = point["lever"]
            s = stats.get(f"deter.{name}.{target}.fail", {})
            row = {
                "target": target,
                "lever": name,
                "basis": point.get("basis"),
                "kappa": point.get("kappa"),
                "kappa_star": point.get("kappa_star"),
                "margin": point.get("margin"),
                "regime": point.get("regime"),
                "p_failure": s.get("mean"),
                "p_lo": s.get("lo"),
                "p_hi": s.get("hi"),
            }
            values = draws.get(f"deter.{name}.{target}.fail")
            if name != "base" and base is not None and values is not None:
                d = paired_interval(values - base)
                row.update({"delta_p": d["mean"], "delta_lo": d["lo"], "delta_hi": d["hi"]})
            rows.append(row)
    out["table"] = rows
    base_rows = [r for r in rows if r["lever"] == "base"]
    if base_rows:
        weakest = min(base_rows, key=lambda r: r["kappa"] if r["kappa"] is not None else 1.0)
        members = [r for r in base_rows if r["basis"] == "Article 5"]
        worst = max(base_rows, key=lambda r: r["p_failure"] or 0.0)
        if members:
            safest = min(members, key=lambda r: r["p_failure"] or 0.0)
            riskiest = max(members, key=lambda r: r["p_failure"] or 0.0)
            others = sorted({_plain(r["regime"]) for r in members if r["regime"] != "deterred"})
            headlines.append(
                headline(
                    "deter.allies",
                    f"Article 5: how credible is it for the {len(members)} allies?",
                    f"credibility κ from {min(r['kappa'] for r in members):.2f} to "
                    f"{max(r['kappa'] for r in members):.2f}; P(deterrence failure) from "
                    f"{(safest['p_failure'] or 0) * 100:.1f}% ({safest['target']}) to "
                    f"{(riskiest['p_failure'] or 0) * 100:.1f}% ({riskiest['target']}); "
                    f"{sum(r['regime'] == 'deterred' for r in members)} of {len(members)} deterred at the coded "
                    "values" + (f" (the others: {', '.join(others)})" if others else ""),
                    riskiest["p_failure"],
                    riskiest["p_lo"],
                    riskiest["p_hi"],
                )
            )
        headlines.append(
            headline(
                "deter.worst",
                "Where is deterrence weakest?",
                f"highest P(deterrence failure): {worst['target']} {worst['p_failure'] * 100:.1f}% "
                f"({worst['basis']}); lowest credibility κ: {weakest['target']} {weakest['kappa']:.2f}",
                worst["p_failure"],
                worst["p_lo"],
                worst["p_hi"],
            )
        )
        for r in base_rows:
            star = "—" if r["kappa_star"] is None or math.isnan(r["kappa_star"]) else f"{r['kappa_star']:.2f}"
            line = headline(
                f"deter.base.{r['target']}",
                f"Deterrence of an attack on {r['target']} ({r['basis']})",
                f"κ = {r['kappa']:.2f} vs κ* = {star}: {_plain(r['regime'])}; "
                f"P(failure) = {(r['p_failure'] or 0) * 100:.1f}%",
                r["p_failure"],
                r["p_lo"],
                r["p_hi"],
            )
            line["detail"] = r["basis"] == "Article 5"  # one line per ally only in `compare` and JSON
            headlines.append(line)
    for name in lever_names[1:]:
        lever_rows = [r for r in rows if r["lever"] == name and r.get("delta_p") is not None]
        if not lever_rows:
            continue
        biggest = max(lever_rows, key=lambda r: abs(r["delta_p"]))
        headlines.append(
            headline(
                f"lever.{name}",
                f"Lever {name}: change in P(deterrence failure)",
                f"largest change {biggest['delta_p'] * 100:+.1f} pp for {biggest['target']}; "
                f"mean over targets {np.mean([r['delta_p'] for r in lever_rows]) * 100:+.1f} pp "
                "(assumption: the lever's effect sizes)",
                biggest["delta_p"],
                biggest["delta_lo"],
                biggest["delta_hi"],
                change=True,
            )
        )
    return out
