"""The questions a scenario asks each model family: adapters between a Scenario and the kernels.

For every family switched on in ``[models]`` this module builds

* the **exact** answer from the coded inputs (a plain dict that goes into ``summary.json``), and
* the Monte Carlo :class:`~redline.runner.Task` s, whose samplers are module-level functions bound
  with :func:`functools.partial` (picklable, so Dask can ship them).

Question keys (the ``question`` column of the store's ``draws`` and ``summaries`` tables):

==============================  ====================================================================
``issue.<id>.pass``             1 if the proposal passes under the issue's rule in that draw
``issue.<id>.forecast``         the bargaining forecast (0-100) in that draw
``issue.<id>.wins``             1 if the forecast reaches the pass threshold (default: midpoint)
``deter.<lever>.<ISO3>.fail``   1 if deterrence of an attack on ISO3 fails (``base`` = no lever)
``escalation.nuclear``          1 if the nuclear rung is reached within the horizon (after the
                                ladder's observations, e.g. Kursk)
==============================  ====================================================================
"""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from redline.runner import Task
from redline.scenario import Scenario, escalation_fit_of, ladder_of

__all__ = ["build", "deterrence_games", "deterrence_targets", "draw_issue_inputs", "summarise", "world_of"]


# ======================================================================================= world
def world_of(scenario: Scenario):  # noqa: ANN201 - redline.world.World
    """The World of the scenario's year or date."""
    from redline.world import World

    spec = scenario.world
    options = {"vintage": spec.vintage, "carry_forward": spec.carry_forward}
    if spec.date is not None:
        return World.for_date(spec.date.isoformat(), **options)
    return World.for_year(spec.year, **options)


def _provenance(world: Any) -> dict[str, Any]:
    try:
        from redline.data import snapshot_version

        version = snapshot_version()
    except Exception:  # noqa: BLE001
        version = "unknown"
    try:
        records = world.provenance
        records = records() if callable(records) else records
    except Exception:  # noqa: BLE001
        records = {}
    notes = getattr(world, "notes", [])
    return {"data_version": version, "world": records, **({"world_notes": notes} if notes else {})}


# ======================================================================================= build
def build(
    scenario: Scenario, base_dir: Path = Path(), *, draws: int | None = None, seed: int | None = None
) -> tuple[dict[str, Any], list[Task], dict[str, Any]]:
    """Exact answers, Monte Carlo tasks and context (codings, provenance) of ``scenario``.

    ``draws`` and ``seed`` (default: the file's ``[run]``) also drive the computations outside the
    chunked Monte Carlo: the restraint sweep and the claims' permutation tests. The analytics (claims with their permutation tests) run in a second thread while the other
    families are built; they share nothing but the read-only World.
    """
    from concurrent.futures import ThreadPoolExecutor

    models = scenario.models
    draws = scenario.run.draws if draws is None else draws
    seed = scenario.run.seed if seed is None else seed
    world = world_of(scenario)
    context: dict[str, Any] = {
        "provenance": _provenance(world),
        "world_year": scenario.world.effective_year,
    }
    exact: dict[str, Any] = {}
    tasks: list[Task] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        analytics = pool.submit(_analytics, scenario, world, seed) if models.analytics else None
        if (models.decisions or models.bargaining) and scenario.issues:
            from redline.issues import build_issue, indicator_frame

            indicators = indicator_frame(world, scenario.world)
            context["indicators"] = indicators
            issues = []
            for spec in scenario.issues:
                voters = [a for a in world.members(spec.body) if a in indicators.index]
                issues.append(build_issue(spec, indicators, voters, base_dir))
            context["issues"] = issues
            for issue in issues:
                result, issue_tasks = _issue_questions(
                    issue, models.decisions, models.bargaining, scenario.run.bargaining_draws
                )
                exact[f"issue.{issue.id}"] = result
                tasks.extend(issue_tasks)
        if models.deterrence and scenario.deterrence.targets:
            result, det_tasks = _deterrence_questions(scenario, world)
            exact["deterrence"] = result
            tasks.extend(det_tasks)
        if models.escalation and scenario.escalation is not None:
            result, esc_tasks = _escalation_questions(scenario, base_dir, seed)
            exact["escalation"] = result
            tasks.extend(esc_tasks)
            if models.deterrence and scenario.deterrence.restraint is not None:
                exact["restraint"] = _restraint(scenario, world, base_dir, draws, seed)
        if analytics is not None:
            exact["analytics"] = analytics.result()
    return exact, tasks, context


# ======================================================================================= issues
def _issue_questions(
    issue,  # noqa: ANN001
    decisions: bool,
    bargaining: bool,
    bargaining_draws: int = 0,
) -> tuple[dict[str, Any], list[Task]]:
    """Decision (does it pass now, who blocks, what would it take) and bargaining per issue."""
    out: dict[str, Any] = {
        "id": issue.id,
        "title": issue.title,
        "question": issue.question,
        "scale_0": issue.scale_0,
        "scale_100": issue.scale_100,
        "status_quo": issue.status_quo,
        "proposal": issue.proposal,
        "rule": issue.rule,
        "rule_params": dict(issue.rule_params),
        "source": dict(issue.source),
        "coding": issue.coding,
        "actors": issue.actors.to_frame(),
    }
    if issue.source.get("note"):
        out["note"] = issue.source["note"]
    tasks: list[Task] = []
    threshold = issue.pass_threshold
    if threshold is None:
        threshold = (issue.status_quo + issue.proposal) / 2
    out["pass_threshold"] = threshold
    if decisions:
        out["decision"] = _decide_exact(issue)
    if bargaining:
        out["bargaining"] = _bargain_exact(issue)
    if decisions:
        sampler = partial(_issue_sampler, issue=issue, decisions=True, bargaining=False, threshold=threshold)
        tasks.append(Task(key=f"issue.{issue.id}", sampler=sampler, binary=(f"issue.{issue.id}.pass",)))
    if bargaining and bargaining_draws > 0:
        sampler = partial(_issue_sampler, issue=issue, decisions=False, bargaining=True, threshold=threshold)
        key = f"issue.{issue.id}.bargaining"
        tasks.append(Task(key, sampler, binary=(f"issue.{issue.id}.wins",), max_draws=bargaining_draws))
    return out, tasks


def draw_issue_inputs(issue, generator: np.random.Generator, n: int) -> dict[str, np.ndarray]:  # noqa: ANN001
    """Per-draw positions, saliences and capabilities ``(n, actors)`` from the issue's uncertainty.

    Position ~ Normal(x, sd) clipped to [0, 100]; salience ~ Beta(s·k, (1-s)·k) (kept at 0 or 1 when
    s is); capability ~ x·LogNormal(0, sigma). Always draws the three blocks in this order.
    """
    table, unc = issue.actors, issue.uncertainty
    m = len(table)
    pos = np.broadcast_to(table.position, (n, m)).astype(float)
    sal = np.broadcast_to(table.salience, (n, m)).astype(float)
    cap = np.broadcast_to(table.capability, (n, m)).astype(float)
    noise = generator.standard_normal((n, m))
    if unc.position_sd > 0:
        pos = np.clip(pos + unc.position_sd * noise, 0.0, 100.0)
    if unc.salience_concentration:
        k = unc.salience_concentration
        inner = (table.salience > 0) & (table.salience < 1)
        a = np.where(inner, table.salience * k, 1.0)
        b = np.where(inner, (1 - table.salience) * k, 1.0)
        beta = generator.beta(np.broadcast_to(a, (n, m)), np.broadcast_to(b, (n, m)))
        sal = np.where(inner, beta, sal)
    else:
        generator.random((n, m))  # keep the stream layout fixed whatever is switched on
    if unc.capability_sigma > 0:
        cap = cap * np.exp(unc.capability_sigma * generator.standard_normal((n, m)))
    return {"position": pos, "salience": sal, "capability": cap}


def _issue_sampler(generator, n, *, issue, decisions, bargaining, threshold):  # noqa: ANN001, ANN202
    inputs = draw_issue_inputs(issue, generator, n)
    out: dict[str, np.ndarray] = {}
    if decisions:
        out[f"issue.{issue.id}.pass"] = _decide_batch(issue, inputs).astype(float)
    if bargaining:
        forecast = _bargain_batch(issue, inputs)
        out[f"issue.{issue.id}.forecast"] = forecast
        wins = forecast >= threshold if issue.direction > 0 else forecast <= threshold
        out[f"issue.{issue.id}.wins"] = wins.astype(float)
    return out


def _rule(issue):  # noqa: ANN001, ANN202
    from redline.decisions.rules import get_rule

    return get_rule(issue.rule, **issue.rule_params)


def _decide_exact(issue) -> dict[str, Any]:  # noqa: ANN001
    """The rule at the coded positions, with "what it would take" (models.md §2.3)."""
    from redline.decisions.whatif import what_it_would_take

    rule = _rule(issue)
    result = rule.evaluate(issue.actors, issue.status_quo, issue.proposal)
    out = _plain_result(result)
    # blockers from the most opposed down (largest loss first), not alphabetically
    x = issue.actors.position
    loss = dict(
        zip(issue.actors.actor, np.abs(issue.proposal - x) - np.abs(issue.status_quo - x), strict=True)
    )
    out["blockers"] = sorted(out["blockers"], key=lambda a: -loss[a])
    take = what_it_would_take(rule, issue.actors, issue.status_quo, issue.proposal).to_dict()
    take["concessions"] = sorted(take["concessions"], key=lambda c: -abs(c["shift"]))
    out["what_it_would_take"] = take
    return out


def _decide_batch(issue, inputs: dict[str, np.ndarray]) -> np.ndarray:  # noqa: ANN001
    rule = _rule(issue)
    return np.asarray(
        rule.passes_batch(inputs["position"], issue.status_quo, issue.proposal, actors=issue.actors)
    )


def _bargain_exact(issue) -> dict[str, Any]:  # noqa: ANN001
    """The BDM forecast at the coded inputs, with its baselines and the median path per round."""
    from redline.bargaining import forecast

    out = _plain_result(forecast(issue.actors, status_quo=issue.status_quo))
    out["trajectory"] = [
        {"round": t["round"], "median": t["median"], "mean": t["mean"]} for t in out["trajectory"]
    ]
    out["moves"] = len(out.get("moves", []))
    return out


def _bargain_batch(issue, inputs: dict[str, np.ndarray]) -> np.ndarray:  # noqa: ANN001
    from redline.bargaining import forecast_batch

    result = forecast_batch(inputs["position"], inputs["capability"], inputs["salience"])
    return np.asarray(getattr(result, "forecast", result), dtype=float)


def _plain_result(result: Any) -> dict[str, Any]:
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if hasattr(result, "__dataclass_fields__"):
        import dataclasses

        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    if isinstance(result, dict):
        return result
    return {"value": result}


# ======================================================================================= deterrence
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


def _restraint(scenario: Scenario, world: Any, base_dir: Path, draws: int, seed: int) -> dict[str, Any]:
    """Deterrence versus restraint: P(deterrence failure) and P(nuclear rung) over support σ."""
    from redline.deterrence.restraint import RESTRAINT_DEFAULTS, restraint_sweep

    spec = scenario.deterrence.restraint
    game = _game(scenario, world, spec.target)
    fitted = escalation_fit_of(scenario.escalation, base_dir, _as_of(scenario))
    ladder = fitted if fitted is not None else ladder_of(scenario.escalation, base_dir)
    frame = restraint_sweep(
        game,
        ladder,
        spec.sigmas,
        steps=scenario.escalation.steps,
        draws=draws,
        rng=seed,
        nuclear_weight=spec.nuclear_weight,
        **spec.effects,
    )
    return {
        "target": spec.target,
        "effects": {**RESTRAINT_DEFAULTS, **spec.effects},
        "nuclear_weight": spec.nuclear_weight,
        "table": frame,
        "time_step": frame.attrs.get("time_step", "step"),
        "steps": frame.attrs.get("steps"),
        "fitted": bool(frame.attrs.get("fitted")),
        "illustrative": bool(getattr(ladder, "illustrative", False)),
        "assumptions": frame.attrs.get("assumptions", []),
    }


def _as_of(scenario: Scenario) -> str:
    """The scenario's date as the cut-off of the escalation record (end of the year if only a year)."""
    spec = scenario.world
    return spec.date.isoformat() if spec.date is not None else f"{spec.effective_year}-12-31"


# ======================================================================================= escalation
def _escalation_questions(
    scenario: Scenario, base_dir: Path, seed: int | None = None
) -> tuple[dict[str, Any], list[Task]]:
    """Exact curves before and after the ladder's observations; a Monte Carlo check of the latter."""
    from redline.escalation import propagate

    spec = scenario.escalation
    fitted = escalation_fit_of(spec, base_dir, _as_of(scenario))
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


# ======================================================================================= analytics
def _analytics(scenario: Scenario, world: Any, seed: int) -> dict[str, Any]:
    """The article's claims (verdicts with their data) and the burden/alignment/faction tables."""
    spec = scenario.analytics
    year = scenario.world.effective_year
    out: dict[str, Any] = {}
    if spec.claims:
        from redline.analytics.claims import check_claims

        out["claims"] = [c.to_dict() for c in check_claims(article_year=year, rng=seed)]
    nato = list(world.members("NATO"))
    actors = world.actors
    if "burden" in spec.plots:
        from redline.analytics.burden import defence_burden

        frame = defence_burden(actors.loc[nato])
        frontline = [
            a
            for a in nato
            if actors.loc[a, "land_border_russia"] == 1 or actors.loc[a, "land_border_belarus"] == 1
        ]
        out["burden"] = {"table": frame, "frontline": frontline}
    if "alignment" in spec.plots or "factions" in spec.plots:
        from redline.analytics.alignment import dyadic_similarity, similarity_matrix, vote_matrix
        from redline.analytics.factions import factions
        from redline.data import load_table

        votes = load_table("unga_votes")
        votes = votes[pd.to_datetime(votes["date"].astype(str)).dt.year <= year]
        states = [s for s in [*nato, "UKR", "MDA", "GEO", "RUS", "BLR"] if s in actors.index]
        matrix = vote_matrix(votes)
        matrix = matrix.loc[matrix.index.isin(states)]
        kept = matrix[matrix.notna().sum(axis=1) >= 1]
        if len(kept) >= 2:
            sim = similarity_matrix(dyadic_similarity(kept), "agree", states=list(kept.index))
            members, summary = factions(sim, fill_missing=0.0, rng=0)
            out["alignment"] = {
                "measure": "agree",
                "resolutions": list(matrix.columns),
                "similarity": {"states": list(sim.index), "values": sim.to_numpy(dtype=float)},
                "factions": members,
                "summary": summary,
                "left_out": sorted(set(states) - set(kept.index)),
            }
    return out


# ======================================================================================= summary
def _headline(
    key: str,
    question: str,
    answer: str,
    value: float | None = None,
    lo: float | None = None,
    hi: float | None = None,
    percent: bool = True,
    change: bool = False,
) -> dict[str, Any]:
    """One headline: the question, its answer in words, and the value with its 95% interval.

    ``percent``: the value is a probability (shown in %); ``change``: a difference of probabilities
    (shown in percentage points).
    """
    text = ""
    if lo is not None and hi is not None and not (math.isnan(lo) or math.isnan(hi)):
        if change:
            text = f"[{lo * 100:+.1f}, {hi * 100:+.1f}] pp"
        elif percent:
            text = f"[{lo * 100:.1f}%, {hi * 100:.1f}%]"
        else:
            text = f"[{lo:.1f}, {hi:.1f}]"
    return {
        "key": key,
        "question": question,
        "answer": answer,
        "value": value,
        "lo": lo,
        "hi": hi,
        "interval": text,
        "percent": percent,
        "change": change,
    }


def summarise(plan: Any, stats: dict[str, dict[str, float]], draws: dict[str, np.ndarray]) -> dict[str, Any]:
    """The model sections of ``summary.json`` and one headline per question."""
    exact = plan.exact
    headlines: list[dict[str, Any]] = []
    issues = []
    for key, result in exact.items():
        if not key.startswith("issue."):
            continue
        issue = dict(result)
        iid = issue["id"]
        for name in ("pass", "forecast", "wins"):
            if f"issue.{iid}.{name}" in stats:
                issue[f"mc_{name}"] = stats[f"issue.{iid}.{name}"]
        forecast_draws = draws.get(f"issue.{iid}.forecast")
        if forecast_draws is not None and forecast_draws.size:
            issue["forecast_distribution"] = {
                "quantiles": dict(
                    zip(
                        ["q05", "q25", "q50", "q75", "q95"],
                        np.quantile(forecast_draws, [0.05, 0.25, 0.5, 0.75, 0.95]).tolist(),
                        strict=True,
                    )
                ),
                "histogram": np.histogram(forecast_draws, bins=20, range=(0, 100))[0].tolist(),
            }
        issues.append(issue)
        if "mc_pass" in issue:
            s = issue["mc_pass"]
            decided = issue.get("decision", {})
            now = decided.get("passes")
            verdict = "No" if s["hi"] < 0.05 else "Yes" if s["lo"] > 0.95 else "Uncertain"
            answer = f"{verdict}: P(passes under {issue['rule']}) = {s['mean'] * 100:.1f}%"
            if now is not None:
                answer += f"; at the coded positions {'it passes' if now else 'it is blocked'}"
                blockers = decided.get("blockers")
                details = decided.get("details", {})
                if blockers and details.get("blockers_equally_opposed"):
                    answer += f" by {len(blockers)} members equally opposed"
                elif blockers:
                    more = f" and {len(blockers) - 4} more" if len(blockers) > 4 else ""
                    answer += f" by {', '.join(map(str, blockers[:4]))}{more}"
                largest, pivotal = decided.get("largest_passable"), decided.get("pivotal")
                tied = details.get("pivotal_tied", [])
                if not now and largest is not None:
                    who = (
                        f"pivotal: {pivotal}"
                        if pivotal
                        else f"{len(tied)} members bind equally, none pivotal"
                    )
                    answer += f"; largest passable proposal {largest:.0f} ({who})"
            source = issue.get("source", {})
            if source.get("kind") == "case":
                answer += f" (actors from case {source['case_id']}, coded {source['coding_date']})"
            headlines.append(
                _headline(
                    f"issue.{iid}.pass",
                    f"{issue['title']}: does the proposal pass?",
                    answer,
                    s["mean"],
                    s["lo"],
                    s["hi"],
                )
            )
        bargain = issue.get("bargaining")
        if bargain:
            b = bargain.get("baselines", {})
            s = issue.get("mc_forecast", {})
            answer = (
                f"{_progress(bargain['forecast'], issue['status_quo'], issue['proposal'])}: "
                f"BDM forecast {bargain['forecast']:.1f} on 0-100 ({bargain['status']}, {bargain['rounds']} rounds); "
                f"weighted median {b.get('weighted_median', math.nan):.1f}, weighted mean "
                f"{b.get('weighted_mean', math.nan):.1f}, status quo {issue['status_quo']:g}, proposal {issue['proposal']:g}"
            )
            if s:
                answer += f"; Monte Carlo mean {s['mean']:.1f} over {s['n']} draws"
            headlines.append(
                _headline(
                    f"issue.{iid}.forecast",
                    f"{issue['title']}: where does bargaining land?",
                    answer,
                    bargain["forecast"],
                    s.get("lo"),
                    s.get("hi"),
                    percent=False,
                )
            )
    out: dict[str, Any] = {"issues": issues}
    if "deterrence" in exact:
        out["deterrence"] = _summarise_deterrence(exact["deterrence"], stats, draws, headlines)
    if "escalation" in exact:
        esc = dict(exact["escalation"])
        if "escalation.nuclear" in stats:
            esc["monte_carlo"] = stats["escalation.nuclear"]
        out["escalation"] = esc
        mc = esc.get("monte_carlo", {})
        unit = "months" if esc.get("time_step") == "month" else "steps"
        if esc.get("fitted"):
            answer = (
                f"{esc['p_nuclear_after'] * 100:.1f}% [{esc['p_nuclear_lo'] * 100:.1f}%, {esc['p_nuclear_hi'] * 100:.1f}%] "
                f"(90% credible interval), ladder fitted to the record {esc['record']['start']} to "
                f"{esc['record']['end']}: red-line credibility {esc['posterior']['credibility']['mean'] * 100:.0f}% "
                "(assumption: thresholds τ, h at rungs never reached, priors)"
            )
            lo, hi = esc["p_nuclear_lo"], esc["p_nuclear_hi"]
        else:
            answer = (
                f"{esc['p_nuclear_after'] * 100:.1f}% after the observations, {esc['p_nuclear_before'] * 100:.1f}% before"
                + (f" (Monte Carlo {mc['mean'] * 100:.1f}%)" if mc else "")
                + (
                    " (assumption: illustrative numbers)"
                    if esc.get("illustrative")
                    else " (assumption: ladder inputs)"
                )
            )
            lo, hi = mc.get("lo"), mc.get("hi")
        headlines.append(
            _headline(
                "escalation.nuclear",
                f"Escalation ({esc['name']}): P(nuclear rung within {esc['steps']} {unit})",
                answer,
                esc["p_nuclear_after"],
                lo,
                hi,
            )
        )
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
        basis = (
            "ladder fitted to the record"
            if sweep.get("fitted")
            else ("illustrative ladder" if sweep.get("illustrative") else "ladder inputs")
        )
        headlines.append(
            _headline(
                "restraint",
                f"Deterrence versus restraint for {sweep['target']}: lifting the restrictions (σ 0 → 1)",
                f"P(deterrence failure) {lo['p_failure'] * 100:.1f}% → {hi['p_failure'] * 100:.1f}%; "
                f"P(nuclear rung within {sweep.get('steps')} {unit}) {nuclear(lo)} → {nuclear(hi)} "
                f"(assumption: effect sizes of support, thresholds τ; {basis})",
                float(hi["p_failure"] - lo["p_failure"]),
                change=True,
            )
        )
    if exact.get("analytics"):
        out["analytics"] = exact["analytics"]
        for claim in exact["analytics"].get("claims", []):
            headlines.append(
                _headline(f"claim.{claim['id']}", f"Claim: {claim['claim']}", claim["verdict"], None)
            )
    out["headlines"] = headlines
    return out


def _progress(forecast: float, status_quo: float, proposal: float) -> str:
    """Where a forecast lies between the status quo and the proposal, in words."""
    share = (forecast - status_quo) / (proposal - status_quo)
    if share < 0:
        return "Away from the proposal, beyond the status quo"
    if share >= 1:
        return "The proposal or more"
    return f"{share * 100:.0f}% of the way from the status quo to the proposal"


def _plain(regime: Any) -> str:
    """A regime name in words (``deterrence_fails`` -> ``deterrence fails``)."""
    return str(regime).replace("_", " ")


def _paired(diff: np.ndarray) -> dict[str, float]:
    n = diff.size
    mean = float(diff.mean()) if n else math.nan
    half = 1.959963984540054 * float(diff.std(ddof=1)) / math.sqrt(n) if n > 1 else math.nan
    return {"mean": mean, "lo": mean - half, "hi": mean + half, "n": int(n)}


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
                d = _paired(values - base)
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
                _headline(
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
            _headline(
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
            headline = _headline(
                f"deter.base.{r['target']}",
                f"Deterrence of an attack on {r['target']} ({r['basis']})",
                f"κ = {r['kappa']:.2f} vs κ* = {star}: {_plain(r['regime'])}; "
                f"P(failure) = {(r['p_failure'] or 0) * 100:.1f}%",
                r["p_failure"],
                r["p_lo"],
                r["p_hi"],
            )
            headline["detail"] = r["basis"] == "Article 5"  # one line per ally only in `compare` and JSON
            headlines.append(headline)
    for name in lever_names[1:]:
        lever_rows = [r for r in rows if r["lever"] == name and r.get("delta_p") is not None]
        if not lever_rows:
            continue
        biggest = max(lever_rows, key=lambda r: abs(r["delta_p"]))
        headlines.append(
            _headline(
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
