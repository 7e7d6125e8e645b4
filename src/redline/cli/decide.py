"""``redline decide``: does a proposal pass under an alliance's decision rule, and what would it take?"""

from __future__ import annotations

from pathlib import Path

import typer

from redline.actors import read_actors
from redline.cli._output import Format, emit
from redline.decisions import RULES, get_rule, what_it_would_take
from redline.errors import RedlineError

__all__ = ["register"]

RULE_NAMES = (*RULES, "eu-qmv-reinforced")
"""Every rule ``--rule`` accepts (models.md §2.1)."""


def decide(
    actors_csv: Path = typer.Argument(..., help="Actors CSV: actor, position, capability, salience[, ...]."),
    rule: str = typer.Option(..., "--rule", "-r", help=f"Decision rule: {' | '.join(RULE_NAMES)}."),
    status_quo: float = typer.Option(..., "--status-quo", help="Status quo on the issue scale."),
    proposal: float = typer.Option(..., "--proposal", help="Proposal on the issue scale."),
    required: float = typer.Option(
        0.0, "--required", help="Resources a coalition of the willing needs (column resources)."
    ),
    indifferent_join: bool = typer.Option(
        False,
        "--indifferent-join",
        help="coalition: indifferent members join too (spec: strictly better off).",
    ),
    declare: list[str] = typer.Option(
        [], "--declare", help="EU unanimity: actor abstaining constructively (repeatable)."
    ),
    decider: str = typer.Option("", "--decider", help="single-government: the deciding actor."),
    states_pct: float = typer.Option(None, "--states-pct", help="QMV: share of members needed, % (55)."),
    population_pct: float = typer.Option(None, "--population-pct", help="QMV: share of population, % (65)."),
    blocking_minority: int = typer.Option(
        None, "--blocking-minority", help="QMV: smallest blocking minority (4)."
    ),
    no_blocking_clause: bool = typer.Option(
        False, "--no-blocking-clause", help="QMV: drop the 4-member clause."
    ),
    total_population: float = typer.Option(
        None,
        "--total-population",
        help="QMV: official population the % quota refers to (default: the members' sum).",
    ),
    threshold: float = typer.Option(None, "--threshold", help="(weighted-)majority: share to exceed (0.5)."),
    weight: str = typer.Option(
        None, "--weight", help="weighted-majority: weight|capability|population|resources."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Decide a proposal under a rule: passes?, blockers, veto players, pivot, largest passable, what it would take.

    Example: [bold]redline decide actors.csv --rule nato-consensus --status-quo 10 --proposal 60 --format json[/bold]
    """
    key = rule.strip().lower()
    params: dict = {}
    if key == "coalition":
        params["required"] = required
        params["indifferent_join"] = indifferent_join
    if key == "eu-unanimity" and declare:
        params["declared"] = tuple(declare)
    if key == "single-government":
        params["decider"] = decider
    if key in ("eu-qmv", "eu-qmv-reinforced"):
        if states_pct is not None:
            params["states_pct"] = states_pct
        if population_pct is not None:
            params["population_pct"] = population_pct
        if no_blocking_clause:
            params["blocking_minority"] = None
        elif blocking_minority is not None:
            params["blocking_minority"] = blocking_minority
        if total_population is not None:
            params["total_population"] = total_population
    if key in ("majority", "weighted-majority") and threshold is not None:
        params["threshold"] = threshold
    if key == "weighted-majority" and weight is not None:
        params["weight"] = weight
    if declare and key != "eu-unanimity":
        raise RedlineError("--declare applies only to --rule eu-unanimity")
    rule_obj = get_rule(key, **params)
    actors = read_actors(actors_csv)
    decision = rule_obj.evaluate(actors, status_quo, proposal)
    report = what_it_would_take(rule_obj, actors, status_quo, proposal, required=required)
    data = decision.to_dict() | {"what_it_would_take": report.to_dict()}
    if fmt is Format.json:
        emit(data, fmt)
        return
    if fmt is Format.csv:
        emit(decision.to_frame(), fmt)
        return
    summary = {
        "rule": decision.rule,
        "status quo → proposal": f"{decision.status_quo:g} → {decision.proposal:g}",
        "passes": "yes" if decision.passes else "no",
        "blockers": ", ".join(decision.blockers) or "none",
        "veto players": ", ".join(decision.veto_players) or "none",
        "pivotal actor": decision.pivotal or "—",
        "largest passable proposal": "none"
        if decision.largest_passable is None
        else f"{decision.largest_passable:g}",
    }
    extra = {k: v for k, v in decision.details.items() if k != "params"}
    summary["details"] = ", ".join(
        f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in extra.items()
    )
    emit(summary, fmt, title="Decision")
    emit(decision.to_frame(), fmt, title="Votes")
    take = {}
    if report.concessions:
        take["concessions"] = "; ".join(
            f"{c['actor']} {c['position']:g} → {c['position_needed']:g} (shift {c['shift']:+g})"
            for c in report.concessions
        )
    if report.pivot_chain:
        take["pivot chain"] = "; ".join(
            f"without {', '.join(s['without']) or 'nobody'}: {s['pivotal']} binds at "
            f"{'none' if s['largest_passable'] is None else format(s['largest_passable'], 'g')}"
            for s in report.pivot_chain
        )
    if report.passes_if_blockers_abstain_constructively is not None:
        take["passes if blockers abstain constructively"] = (
            "yes" if report.passes_if_blockers_abstain_constructively else "no"
        )
    coalition = report.coalition_without_blockers
    take["coalition of the willing without blockers"] = (
        f"{', '.join(coalition['members']) or 'nobody'}; feasible: {coalition['feasible']}"
    )
    if report.additional_yes is not None:
        take["fewest additional yes-voters"] = ", ".join(report.additional_yes["members"]) or "none needed"
    for note in report.notes:
        take.setdefault("notes", "")
        take["notes"] = (take["notes"] + "; " if take["notes"] else "") + note
    emit(take, fmt, title="What would it take")


def register(app: typer.Typer) -> None:
    """Add ``redline decide``."""
    app.command("decide")(decide)
