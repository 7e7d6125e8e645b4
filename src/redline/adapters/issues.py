"""The issues adapter: decisions (does the proposal pass, who blocks, what would it take) and
bargaining (where the BDM model lands) on each of a scenario's issues.

Both families read the same coded issues (:func:`redline.issues.build_issue`) and the same per-draw
coding uncertainty (:func:`draw_issue_inputs`). Question keys:

==============================  ====================================================================
``issue.<id>.pass``             1 if the proposal passes under the issue's rule in that draw
``issue.<id>.forecast``         the bargaining forecast (0-100) in that draw
``issue.<id>.wins``             1 if the forecast reaches the pass threshold (default: midpoint)
==============================  ====================================================================
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np

from redline.adapters.base import BuildContext, Part, headline, plain_result
from redline.errors import RedlineError
from redline.forked import Forked, can_fork
from redline.scenario import Scenario
from redline.tasks import Task

__all__ = ["IssuesAdapter", "code_issues", "draw_issue_inputs"]


class IssuesAdapter:
    """Decisions and bargaining over the scenario's ``[[issues]]``."""

    name = "issues"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        return (scenario.models.decisions or scenario.models.bargaining) and bool(scenario.issues)

    def build(self, ctx: BuildContext) -> Part:
        models = ctx.scenario.models
        issues = code_issues(ctx)
        # The exact forecasts load (or, after an edit of the kernel, compile) the compiled kernel:
        # in a forked process beside the decisions where that is safe (redline.forked).
        beside = Forked(_bargain_all, issues) if models.bargaining and issues and can_fork() else None
        part = Part()
        for issue in issues:
            result, tasks = _issue_questions(
                issue, models.decisions, models.bargaining, ctx.scenario.run.bargaining_draws, beside
            )
            part.exact[f"issue.{issue.id}"] = result
            part.tasks.extend(tasks)
        if beside is not None:  # "bargaining" is each answer's last key, as when computed here
            part.finish.append(partial(_fill_bargaining, part.exact, issues, beside))
        return part

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
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
            forecasts = tallies.get(f"issue.{iid}.forecast")
            if forecasts is not None and forecasts.n:
                issue["forecast_distribution"] = {
                    "quantiles": dict(
                        zip(
                            ["q05", "q25", "q50", "q75", "q95"],
                            forecasts.quantiles([0.05, 0.25, 0.5, 0.75, 0.95]),
                            strict=True,
                        )
                    ),
                    "histogram": forecasts.histogram(20, (0, 100)),
                    "quantiles_exact": forecasts.exact,
                }
            for name in _outcomes():
                if f"issue.{iid}.outcome.{name}" in stats:
                    issue.setdefault("mc_outcome", {})[name] = stats[f"issue.{iid}.outcome.{name}"]
            if f"issue.{iid}.adopted" in stats:
                issue["mc_adopted"] = stats[f"issue.{iid}.adopted"]
            issues.append(issue)
            if "mc_adopted" in issue and "venue" in issue:
                headlines.append(_venue_headline(issue))
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
                answer += _assumed_words(issue)
                source = issue.get("source", {})
                if source.get("kind") == "case":
                    answer += f" (actors from case {source['case_id']}, coded {source['coding_date']})"
                headlines.append(
                    headline(
                        f"issue.{iid}.pass",
                        f"{issue['title']}: does the proposal pass under the formal rule?",
                        answer,
                        s["mean"],
                        s["lo"],
                        s["hi"],
                        interval_of=f"P(passes under {issue['rule']}) (95% Monte Carlo)",
                    )
                )
            bargain = issue.get("bargaining")
            if bargain:
                b = bargain.get("baselines", {})
                s = issue.get("mc_forecast", {})
                answer = (
                    f"{_progress(bargain['forecast'], issue['status_quo'], issue['proposal'])}: "
                    f"BDM forecast {bargain['forecast']:.1f} on 0-100 ({_run_status(bargain)}); "
                    f"weighted median {b.get('weighted_median', math.nan):.1f}, weighted mean "
                    f"{b.get('weighted_mean', math.nan):.1f}, status quo {issue['status_quo']:g}, proposal {issue['proposal']:g}"
                )
                if s:
                    answer += f"; Monte Carlo mean {s['mean']:.1f} over {s['n']} draws"
                answer += _assumed_words(issue)
                headlines.append(
                    headline(
                        f"issue.{iid}.forecast",
                        f"{issue['title']}: where does bargaining land?",
                        answer,
                        bargain["forecast"],
                        s.get("lo"),
                        s.get("hi"),
                        percent=False,
                        interval_of="BDM forecast over the coding draws (2.5–97.5% quantiles)",
                    )
                )
        return {"issues": issues}, headlines


def _assumed_words(issue: dict[str, Any]) -> str:
    """" (positions of 19 EU members not searched: assumed no restriction, an assumption)" or ""."""
    assumed = issue.get("assumed") or {}
    members, others = assumed.get("members", []), assumed.get("others", [])
    if not members and not others:
        return ""
    body = issue.get("rule", "").split("-")[0].upper() if "-" in issue.get("rule", "") else ""
    who = f"{len(members)} {body + ' ' if body in ('EU', 'NATO') else ''}members" if members else ""
    if others:
        who += f"{' and ' if who else ''}{', '.join(others)}"
    state = issue.get("scale_0") or "0"
    return f" (positions of {who} not searched: assumed {state}, an assumption)"


def _venue_headline(issue: dict[str, Any]) -> dict[str, Any]:
    """"What is decided, and where?": the outcome-type probabilities in the issue's venue."""
    from redline.statements import gap_text

    iid, venue, s = issue["id"], issue["venue"], issue["mc_adopted"]
    p = {name: stat["mean"] for name, stat in issue.get("mc_outcome", {}).items()}
    verdict = "No" if s["hi"] < 0.05 else "Yes" if s["lo"] > 0.95 else "Uncertain"
    falls = "the willing fall short" if venue["kind"] in ("national", "coalition") else "blocked"
    answer = (
        f"{verdict}: P(adopted) = {s['mean'] * 100:.1f}% (with opt-outs {p.get('adopted_with_opt_outs', 0) * 100:.1f}%"
        + (
            f", with national reservations {p['adopted_with_reservations'] * 100:.1f}%"
            if p.get("adopted_with_reservations")
            else ""
        )
        + "), "
        f"delayed {p.get('delayed', 0) * 100:.1f}%, {falls} {p.get('blocked', 0) * 100:.1f}%; decided by "
        f"{venue['words']}"
    )
    if venue.get("required") is not None:
        answer += f" (the willing must bring {venue['required'] * 100:.0f}% of the members' capability: assumption)"
    elif venue.get("supply_rule"):
        answer += f" ({venue['supply_rule']['words']})"
    if not venue.get("given"):
        answer += " (venue not stated: the formal rule's body)"
    actions = venue.get("coded_actions", {})
    from redline.decisions.venue import opt_out_words

    words = {
        "opt_out": opt_out_words(venue["kind"], issue.get("status_quo"), issue.get("proposal")),
        "reserve": "sign with a reservation",
        "concede": "concede",
        "delay": "delay",
        "block": "block",
    }
    parts = []
    for name, label in words.items():
        who = actions.get(name, [])
        if who:
            more = f" and {len(who) - 4} more" if len(who) > 4 else ""
            parts.append(f"{label}: {', '.join(who[:4])}{more}")
    words_outcome = {
        "adopted_with_opt_outs": "adopted with opt-outs",
        "adopted_with_reservations": "adopted with national reservations",
        "blocked": falls,
    }
    answer += f"; at the coded positions {words_outcome.get(venue['coded_outcome'], venue['coded_outcome'])}"
    if parts:
        answer += f" ({'; '.join(parts)})"
    st = venue.get("statements")
    if st:
        if st["coded"] >= st["actors"]:
            answer += f"; positions of all {st['actors']} actors from dated statements"
        else:
            answer += (
                f"; positions of {st['coded']} of {st['actors']} actors from dated statements, the rest from the data"
            )
        if st["disagreements"]:
            names = list(st["disagreements"])
            more = f" and {len(names) - 4} more" if len(names) > 4 else ""
            answer += f"; {len(names)} disagree with the data coding ({', '.join(names[:4])}{more})"
        if st.get("data_gap"):
            answer += f"; {gap_text(st['data_gap'])}"
    answer += _assumed_words(issue)
    return headline(
        f"issue.{iid}.adopted",
        f"{issue['title']}: what is decided, and where?",
        answer,
        s["mean"],
        s["lo"],
        s["hi"],
        interval_of="P(adopted) (95% Monte Carlo)",
    )


def code_issues(ctx: BuildContext) -> list:
    """The scenario's issues coded from the World (cached in ``ctx``; also put in ``ctx.context``)."""
    if "issues" not in ctx.shared:
        from redline.scenario.runnable import coded_issues

        indicators, issues = coded_issues(ctx.scenario, ctx.world, ctx.base_dir)  # validation coded them
        for issue in issues:
            if isinstance(issue, RedlineError):
                raise issue
        ctx.context["indicators"] = indicators
        ctx.context["issues"] = ctx.shared["issues"] = list(issues)
    return ctx.shared["issues"]


def _issue_questions(
    issue,  # noqa: ANN001
    decisions: bool,
    bargaining: bool,
    bargaining_draws: int = 0,
    forecasts: Any = None,
) -> tuple[dict[str, Any], list[Task]]:
    """Decision (does it pass now, who blocks, what would it take) and bargaining per issue (the
    exact forecast here, unless ``forecasts``, a :class:`~redline.forked.Forked` computing
    :func:`_bargain_all`, computes it beside: then the caller puts it in)."""
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
    if "assumption" in issue.coding:  # actors whose coded value is assumed (not searched), if any
        flagged = issue.coding[issue.coding["assumption"] != ""]
        members = dict(zip(issue.actors.actor, issue.actors.member, strict=True))
        out["assumed"] = {
            "members": [str(a) for a in flagged["actor"] if members.get(a)],
            "others": [str(a) for a in flagged["actor"] if not members.get(a)],
        }
    tasks: list[Task] = []
    threshold = issue.pass_threshold
    if threshold is None:
        threshold = (issue.status_quo + issue.proposal) / 2
    out["pass_threshold"] = threshold
    if decisions:
        out["decision"] = _decide_exact(issue)
        venue = _venue(issue)
        if venue is not None:
            out["venue"] = _venue_exact(issue, venue, threshold)
    if bargaining and forecasts is None:  # else put in by _fill_bargaining once every adapter has built
        out["bargaining"] = _bargain_exact(issue)
    if decisions:
        sampler = partial(_issue_sampler, issue=issue, decisions=True, bargaining=False, threshold=threshold)
        binary = [f"issue.{issue.id}.pass"]
        if _venue(issue) is not None:
            binary += [f"issue.{issue.id}.adopted", *(f"issue.{issue.id}.outcome.{o}" for o in _outcomes())]
        tasks.append(Task(key=f"issue.{issue.id}", sampler=sampler, binary=tuple(binary)))
    if bargaining and bargaining_draws > 0:
        sampler = partial(_issue_sampler, issue=issue, decisions=False, bargaining=True, threshold=threshold)
        key = f"issue.{issue.id}.bargaining"
        tasks.append(Task(key, sampler, binary=(f"issue.{issue.id}.wins",), max_draws=bargaining_draws))
    return out, tasks


def draw_issue_inputs(
    issue,  # noqa: ANN001
    generator: np.random.Generator,
    n: int,
    positions_only: bool = False,
) -> dict[str, np.ndarray]:
    """Per-draw positions, saliences and capabilities ``(n, actors)`` from the issue's uncertainty
    (the package's one sampler, :func:`redline.uncertainty.sample_codings`; ``positions_only`` for
    the decision rules, which read nothing else: the same positions, without the Beta draws)."""
    from redline.uncertainty import sample_codings

    table, unc = issue.actors, issue.uncertainty
    return sample_codings(
        generator,
        n,
        table.position,
        table.salience,
        table.capability,
        position_sd=unc.position_sd,
        salience_concentration=unc.salience_concentration,
        capability_sigma=unc.capability_sigma,
        positions_only=positions_only,
    )


def _issue_sampler(generator, n, *, issue, decisions, bargaining, threshold):  # noqa: ANN001, ANN202
    # the venue stage (holdout / willing coalition) also reads salience and capability
    positions_only = not bargaining and not (decisions and _venue(issue) is not None)
    inputs = draw_issue_inputs(issue, generator, n, positions_only=positions_only)
    out: dict[str, np.ndarray] = {}
    if decisions:
        out[f"issue.{issue.id}.pass"] = _decide_batch(issue, inputs).astype(float)
        venue = _venue(issue)
        if venue is not None:
            result = _venue_batch(issue, venue, inputs, threshold)
            out[f"issue.{issue.id}.adopted"] = result.adopted.astype(float)
            for code, name in enumerate(_outcomes()):
                out[f"issue.{issue.id}.outcome.{name}"] = (result.outcome == code).astype(float)
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
    out = plain_result(result)
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


def _outcomes() -> tuple[str, ...]:
    from redline.decisions.holdout import OUTCOMES

    return OUTCOMES


def _venue(issue):  # noqa: ANN001, ANN202
    """The venue the issue is decided in: the scenario's ``venue``, else the one its rule implies."""
    from redline.decisions.venue import venue_of_rule

    return issue.venue if issue.venue is not None else venue_of_rule(issue.rule)


def _venue_batch(issue, venue, inputs: dict[str, np.ndarray], threshold: float):  # noqa: ANN001, ANN202
    from redline.decisions.venue import decide_in_venue

    table = issue.actors
    member = table.member if table.member is not None else np.ones(len(table), bool)
    return decide_in_venue(
        venue,
        inputs["position"],
        inputs["salience"],
        inputs["capability"],
        np.asarray(member, dtype=bool),
        issue.status_quo,
        issue.proposal,
        threshold,
        block_cost=table.block_cost,
    )


VENUE_FLAGS = (
    "opt_out_possible",
    "reservation_possible",
    "side_payment_available",
    "route_around",
    "deadline_pressure",
)
"""The holdout flags a veto venue carries (shown in ``summary.json`` and the report)."""


def _venue_exact(issue, venue, threshold: float) -> dict[str, Any]:  # noqa: ANN001
    """Where it is decided, and the outcome at the coded inputs: who stays out, concedes or blocks."""
    from redline.decisions.venue import VENUE_WORDS, actions_by_actor
    from redline.statements import POSITION_GAP, SALIENCE_GAP, data_gap

    table = issue.actors
    coded = {
        "position": np.asarray(table.position, dtype=float)[None, :],
        "salience": np.asarray(table.salience, dtype=float)[None, :],
        "capability": np.asarray(table.capability, dtype=float)[None, :],
    }
    result = _venue_batch(issue, venue, coded, threshold)
    kind = venue if isinstance(venue, str) else venue.kind
    out: dict[str, Any] = {
        "kind": kind,
        "words": VENUE_WORDS[kind],
        "given": issue.venue is not None,
        "reason": getattr(venue, "reason", f"no venue given: the rule {issue.rule} implies it"),
        "required": getattr(venue, "required", None),
        "supply_rule": _supply_words(venue) if kind in ("national", "coalition") else None,
        "flags": {
            name: bool(getattr(venue, name, False))
            for name in VENUE_FLAGS
        },
        "coded_outcome": _outcomes()[int(result.outcome[0])],
        "coded_actions": actions_by_actor(result, list(table.actor)),
    }
    # most opposed first (the largest loss from the proposal), not alphabetically
    x = dict(zip(table.actor, np.asarray(table.position, dtype=float), strict=True))
    loss = {a: abs(issue.proposal - v) - abs(issue.status_quo - v) for a, v in x.items()}
    out["coded_actions"] = {k: sorted(v, key=lambda a: -loss[a]) for k, v in out["coded_actions"].items()}
    coding = issue.coding
    if "basis" in coding:
        by_statement = coding["basis"].str.startswith("statement")
        flagged = coding[coding["disagreement"] != ""]
        out["statements"] = {
            "coded": int(by_statement.sum()),
            "actors": len(coding),
            "data_only": [str(a) for a in coding.loc[~by_statement, "actor"]],
            "disagreements": {
                str(r.actor): str(r.disagreement) for r in flagged.itertuples(index=False)
            },
            "thresholds": {"position": POSITION_GAP, "salience": SALIENCE_GAP},
            "data_gap": data_gap(
                [float(v) for v in coding.loc[by_statement, "position"]],
                [float(v) for v in coding.loc[by_statement, "position_data"]],
                int((~by_statement).sum()),
            ),
        }
    return out


def _fill_bargaining(exact: dict[str, Any], issues: list, forecasts: Any) -> None:
    """Each issue's ``bargaining`` answer from the forked :func:`_bargain_all` (``forecasts``)."""
    answers = forecasts.result()
    for issue in issues:
        exact[f"issue.{issue.id}"]["bargaining"] = answers[issue.id]


def _bargain_all(issues: list) -> dict[str, dict[str, Any]]:
    """:func:`_bargain_exact` of every issue, by issue id."""
    return {issue.id: _bargain_exact(issue) for issue in issues}


def _supply_words(venue) -> dict[str, Any] | None:  # noqa: ANN001
    """The supply requirement a national / coalition venue applies, in words (None: the scenario's own)."""
    from redline.decisions.supply import SPLIT_SUPPLY_BY_KIND, default_requirement

    if getattr(venue, "required", None) is not None:
        return None
    rule = default_requirement(getattr(venue, "kind", "national"))
    yardstick = "the largest member's capability" if rule.kind == "largest" else "the members' capability"
    words = (
        "one willing member is enough"
        if rule.level == 0
        else f"the willing must bring {rule.level:g} x {yardstick}"
    )
    if not SPLIT_SUPPLY_BY_KIND:
        cases = "supply and operation cases (one pooled requirement)"
    else:
        cases = "supply cases" if getattr(venue, "kind", "national") == "national" else "operation cases"
    words += f": rule chosen on the pre-2023 {cases}, an ASSUMPTION they cannot pin down"
    return {**rule.to_dict(), "words": words, "basis": "chosen on backtest/cases (rule = coalition, decided <= 2022)"}


def _bargain_exact(issue) -> dict[str, Any]:  # noqa: ANN001
    """:func:`_bargain_forecast` through the disk cache (:mod:`redline.cache`): a repeated run of the
    same issue skips loading the compiled kernel (≈ 1.5 CPU-s; a first run after an edit of the kernel
    compiles it, ≈ 10 s). The key holds every input of the forecast: the actors' names, positions,
    capabilities and saliences (exact float values) and the status quo; the code is in the key too."""
    from redline.cache import cached

    table = issue.actors
    inputs = {
        "actor": list(table.actor),
        **{
            column: [str(np.asarray(values).dtype), np.asarray(values, dtype=float).tolist()]
            for column, values in (
                ("position", table.position),
                ("capability", table.capability),
                ("salience", table.salience),
            )
        },
        "status_quo": None if issue.status_quo is None else float(issue.status_quo),
    }
    return cached("bargaining-forecast", inputs, lambda: _bargain_forecast(issue))


def _bargain_forecast(issue) -> dict[str, Any]:  # noqa: ANN001
    """The BDM forecast at the coded inputs, with its baselines and the median path per round.

    Built from the result's arrays (``tolist`` per column), not through ``to_dict()``, which would
    convert every actor's position in every round and every move value by value only to drop them.
    """
    from redline.bargaining import forecast
    from redline.serialize import to_jsonable

    result = forecast(issue.actors, status_quo=issue.status_quo)
    path = result.trajectory
    out = to_jsonable(
        {
            "forecast": result.forecast,
            "status": result.status,
            "rounds": result.rounds,
            "cycle_min": result.cycle_min,
            "cycle_max": result.cycle_max,
            "baselines": result.baselines,
        }
    )
    out["final_positions"] = dict(zip(result.actors, result.final_positions.tolist(), strict=True))
    out["trajectory"] = [
        {"round": r, "median": median, "mean": mean}
        for r, (median, mean) in enumerate(
            zip(np.asarray(path.median, float).tolist(), np.asarray(path.mean, float).tolist(), strict=True)
        )
    ]
    out["moves"] = len(result.moves)
    out["settings"] = to_jsonable(dict(result.settings))
    return out


def _bargain_batch(issue, inputs: dict[str, np.ndarray]) -> np.ndarray:  # noqa: ANN001
    from redline.bargaining import forecast_batch

    result = forecast_batch(inputs["position"], inputs["capability"], inputs["salience"])
    return np.asarray(getattr(result, "forecast", result), dtype=float)


def _run_status(bargain: dict[str, Any]) -> str:
    """How the bargaining run ended, in words: ``converged, 99 rounds``; at the round cap ``stopped at the
    1,000-round cap, the mean position still moving by < 0.001 points a round`` (the last round's move of
    the trajectory's mean, rounded up to a power of ten; left out without a trajectory); a cycle as coded."""
    status, rounds = bargain["status"], int(bargain["rounds"])
    if status != "max_rounds":
        return f"{status}, {rounds:,} rounds"
    text = f"stopped at the {rounds:,}-round cap"
    means = [row.get("mean") for row in bargain.get("trajectory") or [] if row.get("mean") is not None]
    if len(means) >= 2 and all(math.isfinite(m) for m in means[-2:]):
        move = abs(means[-1] - means[-2])
        if move > 0:
            bound = 10.0 ** math.ceil(math.log10(move))
            text += f", the mean position still moving by < {bound:.{max(0, -math.floor(math.log10(bound)))}f} points a round"
    return text


def _progress(forecast: float, status_quo: float, proposal: float) -> str:
    """Where a forecast lies between the status quo and the proposal, in words."""
    share = (forecast - status_quo) / (proposal - status_quo)
    if share < 0:
        return "Away from the proposal, beyond the status quo"
    if share >= 1:
        return "The proposal or more"
    return f"{share * 100:.0f}% of the way from the status quo to the proposal"
