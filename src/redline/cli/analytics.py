"""``redline burden | alignment | factions | claims``: burden-sharing, UN-vote alignment, factions
and the article's claims checked against the shipped data."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import typer

from redline.cli._output import Format, emit, to_jsonable
from redline.errors import RedlineError

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from redline.world import World

__all__ = ["register"]

_PLOT_HELP = "Also write a self-contained (offline) HTML plot to this .html file."


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def _world(year: int, defence_release: str = "full") -> World:
    from redline.world import World

    return World.for_year(year, defence_release=defence_release)


def _members(world: World, group: str) -> list[str]:
    """ISO3 codes of a group on the world's date: NATO, EU, BRICS, CSTO, or ``all`` states."""
    if group.lower() == "all":
        return list(world.iso3)
    return world.members(group.upper())


def _emit_many(sections: dict[str, pd.DataFrame | dict], fmt: Format, meta: dict) -> None:
    """JSON: one object with every section; CSV: the first section; table: each with a title."""
    if fmt is Format.json:
        typer.echo(json.dumps(to_jsonable({**meta, **sections}), indent=2, ensure_ascii=False))
        return
    items = list(sections.items())
    if fmt is Format.csv:
        emit(items[0][1], fmt)
        return
    for title, data in items:
        emit(data, fmt, title=title)


def _check_plot(plot: Path | None) -> None:
    """Fail on a bad ``--plot`` path before anything is computed or printed."""
    if plot is not None:
        from redline.analytics.plots import check_plot_path

        check_plot_path(plot)


def _save(fig: go.Figure, plot: Path | None) -> None:
    """Write the figure; the note goes to stderr so JSON/CSV on stdout stay parseable."""
    if plot is None:
        return
    from redline.analytics.plots import save_html

    path = save_html(fig, plot)
    typer.echo(f"plot written to {path}", err=True)


def _votes_until(year: int | None) -> pd.DataFrame:
    from redline.data import load_table

    votes = load_table("unga_votes")
    if year is not None:
        votes = votes[pd.to_datetime(votes["date"].astype(str)).dt.year <= year]
        if votes.empty:
            raise RedlineError(f"no UN General Assembly votes in the data up to {year} (first: 2022)")
    return votes


# ------------------------------------------------------------------------------------------ burden
def burden(
    year: int = typer.Option(
        2024, "--year", "-y", help="Year of the figures (NATO 2024-06 release up to 2024)."
    ),
    members: str = typer.Option("NATO", "--members", "-m", help="Group: NATO, EU, or all."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json."),
    plot: Path | None = typer.Option(None, "--plot", help=_PLOT_HELP, show_default=False),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap and permutation tests."),
    defence_release: str = typer.Option(
        "full",
        "--defence-release",
        help="NATO release: full (default, complete first-hand workbook), latest (incl. partial press "
        "quotes), or a release id.",
    ),
) -> None:
    """Defence burden, aid to Ukraine and the Olson–Zeckhauser test for a year.

    Per member: % of GDP (NATO), gaps to 2 % and 3.5 %, burden ratio, Kiel aid in % of GDP and per
    head; then the Olson–Zeckhauser statistics, frontline minus the rest with bootstrap CIs, and the
    year-on-year change of NATO's total.

    Example: redline burden --year 2024 --plot burden.html
    """
    from redline.adapters.analytics import burden_report

    _check_plot(plot)
    world = _world(year, defence_release)
    sections, meta = burden_report(world, _members(world, members), seed=seed)
    meta = {"year": year, "group": members, **meta}
    table, missing = sections["members"], meta["missing_gdp_or_burden"]
    if fmt is Format.table:  # a terminal-sized view; csv/json carry every column at full precision
        compact = table.assign(gdp_usd_bn=table["gdp"] / 1e9, defence_usd_bn=table["milex"] / 1e9)
        sections["members"] = compact[
            [
                "iso3",
                "frontline",
                "gdp_usd_bn",
                "defence_usd_bn",
                "burden_pct",
                "gap_2pct",
                "gap_3.5pct",
                "burden_ratio",
                "aid_pct_gdp",
                "aid_eur_per_capita",
            ]
        ].round(3)
    _emit_many(sections, fmt, meta)
    if missing:  # on stderr, so every format reports the gaps and stdout stays parseable
        typer.echo(f"missing GDP or % GDP for {year} (left empty): {', '.join(missing)}", err=True)
    if table["burden_pct"].isna().all():
        typer.echo(f"no NATO % GDP for {year}: {world.provenance['defence_pct_gdp']['note']}", err=True)
    if plot is not None:
        from redline.analytics.plots import burden_figure

        _save(
            burden_figure(table, table.loc[table["frontline"], "iso3"], title=f"Defence burden {year}"), plot
        )


# --------------------------------------------------------------------------------------- alignment
def alignment(
    reference: str = typer.Option(
        "RUS", "--with", "-w", help="Reference voter: an ISO3 code (RUS, USA, …) or nato-median."
    ),
    year: int | None = typer.Option(None, "--year", "-y", help="Only votes up to this year (default: all)."),
    members: str = typer.Option("all", "--members", "-m", help="States to show: all, NATO, EU …"),
    measure: str = typer.Option("s_abs", "--sort", help="Measure to sort by (agree, s_abs, kappa_abs, …)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json."),
    plot: Path | None = typer.Option(
        None, "--plot", help=_PLOT_HELP + " (pairwise heatmap, faction order)", show_default=False
    ),
) -> None:
    """Each state's UN General Assembly voting alignment with Russia, the US or the NATO median.

    Measures (models.md §5.2): agreement, soft agreement, Signorino–Ritter S (abs, squared), Cohen's κ
    and Scott's π; ``n_shared`` counts the resolutions where both have a valid vote (absent and
    undetermined votes are missing).

    Example: redline alignment --with nato-median --members NATO
    """
    from redline.analytics.alignment import MEASURES, alignment_with, reference_profile, vote_matrix

    if measure not in MEASURES:
        raise RedlineError(f"--sort {measure!r}: expected one of {', '.join(MEASURES)}")
    _check_plot(plot)
    votes = _votes_until(year)
    world = _world(year if year is not None else int(pd.to_datetime(votes["date"].astype(str)).dt.year.max()))
    states = _members(world, members)
    matrix = vote_matrix(votes)
    nato = world.members("NATO")
    if reference.lower() == "nato-median":
        ref: str | pd.Series = reference_profile(matrix, nato)
        name = "nato-median"
    else:
        ref, name = reference.upper(), reference.upper()
        if name not in matrix.index:
            raise RedlineError(
                f"--with {reference!r}: expected nato-median or the ISO3 code of a state in the vote "
                f"table: {', '.join(matrix.index)}"
            )
    result = alignment_with(matrix, ref, reference_name=name)
    result = result[result["iso3"].isin(states)].sort_values([measure, "iso3"], na_position="last")
    from redline.analytics.separation import vote_separation

    meta = {
        "reference": name,
        "resolutions": list(matrix.columns),
        "missing_votes": int(_rows_of(matrix, states).isna().sum().sum()),
    }
    _, separation = vote_separation(votes, states)
    sections: dict[str, pd.DataFrame | dict] = {f"alignment with {name}": result.reset_index(drop=True)}
    sections["separation"] = separation
    _emit_many(sections, fmt, meta)
    if plot is not None:
        _save(
            _heatmap_with_factions(
                _rows_of(matrix, states),
                "agree",
                f"UN GA vote agreement among {members} states (the table: alignment with {name})",
            ),
            plot,
        )


def _similarity_for(matrix: pd.DataFrame, measure: str, min_votes: int) -> tuple[pd.DataFrame, list[str]]:
    """Similarity among states with at least ``min_votes`` valid votes; returns it and those dropped."""
    from redline.analytics.alignment import dyadic_similarity, similarity_matrix

    counts = matrix.notna().sum(axis=1)
    kept = matrix[counts >= min_votes]
    dropped = sorted(matrix.index[counts < min_votes])
    if len(kept) < 2:
        raise RedlineError(f"fewer than 2 states with at least {min_votes} valid votes")
    pairs = dyadic_similarity(kept)
    return similarity_matrix(pairs, measure, states=list(kept.index)), dropped


def _heatmap_with_factions(matrix: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """Pairwise similarity heatmap with states in Louvain-faction order."""
    from redline.analytics.factions import factions
    from redline.analytics.plots import alignment_heatmap

    sim, _ = _similarity_for(matrix, measure, 1)
    members, _summary = factions(sim, fill_missing=0.0)
    figure = alignment_heatmap(sim, factions=members, title=title, measure=measure)
    rows = len(sim)
    figure.update_layout(height=max(450, 120 + 16 * rows), width=max(600, 200 + 16 * rows))
    figure.update_xaxes(tickmode="linear", dtick=1)  # every state labelled, none skipped
    figure.update_yaxes(tickmode="linear", dtick=1)
    return figure


# ---------------------------------------------------------------------------------------- factions
def factions_cmd(
    year: int = typer.Option(2024, "--year", "-y", help="Votes up to this year; NATO membership at its end."),
    members: str = typer.Option("NATO", "--members", "-m", help="States to cluster: NATO, EU, all …"),
    measure: str = typer.Option(
        "agree", "--measure", help="Edge weight: agree, agree_soft, s_abs, kappa_abs, …"
    ),
    height: float = typer.Option(0.5, "--height", help="Cut height of the average-linkage tree (distance)."),
    seed: int = typer.Option(0, "--seed", help="Louvain seed."),
    min_votes: int = typer.Option(3, "--min-votes", help="Leave out states with fewer valid votes."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json."),
    plot: Path | None = typer.Option(None, "--plot", help=_PLOT_HELP + " (dendrogram)", show_default=False),
) -> None:
    """Factions from UN General Assembly votes, and the group's cohesion vote by vote.

    Louvain and average linkage, modularity Q, the members the two methods place differently, and
    the Agreement and Rice indices of the group in each vote (date order).

    Pairs without a shared valid vote get similarity 0 (counted in the output). The separation
    section says plainly whether the votes can tell the members apart at all (e.g. "all 32 members
    who voted cast the same vote on 11 of 11 resolutions: the votes cannot separate any of them").

    Example: redline factions --year 2025 --members all --plot factions.html
    """
    from redline.analytics.alignment import vote_matrix
    from redline.analytics.factions import factions

    _check_plot(plot)
    votes = _votes_until(year)
    world = _world(min(year, _last_world_year()))
    states = _members(world, members)
    matrix = _rows_of(vote_matrix(votes), states)
    sim, dropped = _similarity_for(matrix, measure, min_votes)
    n_missing = int(np.isnan(sim.to_numpy()).sum() // 2)
    table, summary = factions(sim, rng=seed, height=height, fill_missing=0.0)
    summary = {
        **summary,
        "measure": measure,
        "pairs_without_shared_votes": n_missing,
        "left_out_too_few_votes": dropped,
    }
    from redline.analytics.cohesion import vote_cohesion
    from redline.analytics.separation import vote_separation

    _, separation = vote_separation(votes, states)
    sections: dict[str, pd.DataFrame | dict] = {"members": table, "summary": summary}
    sections["separation"] = separation
    sections["cohesion_by_resolution"] = vote_cohesion(votes, states)
    _emit_many(sections, fmt, {"year": year, "group": members})
    if plot is not None:
        from redline.analytics.plots import faction_dendrogram

        _save(
            faction_dendrogram(
                sim, height=height, fill_missing=0.0, title=f"Factions ({members}, votes to {year})"
            ),
            plot,
        )


def _rows_of(matrix: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """The vote-matrix rows of ``states`` (states without any vote row are simply absent)."""
    return matrix.loc[matrix.index.isin(states)]


def _last_world_year() -> int:
    from redline.world import World

    return World.coverage()[1]


# ------------------------------------------------------------------------------------------ claims
def claims(
    fmt: ClaimsFormat = typer.Option(
        ClaimsFormat.table, "--format", "-f", help="table, json, markdown or csv."
    ),
    year: int = typer.Option(
        2024, "--year", "-y", help="The article's year (default 2024; see docs/analytics.md)."
    ),
    claim: list[str] = typer.Option(None, "--claim", "-c", help="Only this claim id (repeatable)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap and permutation tests."),
    vintages: bool = typer.Option(
        False, "--vintages", help="Judge each claim as of the article (releases public on --as-of) and now."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="Date YYYY-MM-DD for --vintages (default 2024-12-31, the article's data)."
    ),
) -> None:
    """The article's claims checked against the shipped data, with verdicts and evidence.

    Each claim: a testable statement, the data used (table, release, years), a verdict by a written
    rule (supported; consistent with the data, for a causal claim resting on a correlation; mixed; not
    supported; not testable with shipped data) and the evidence.

    Example: redline claims --format markdown > claims.md
    """
    from redline.analytics.claims import (
        ARTICLE_AS_OF,
        check_claims,
        claims_frame,
        claims_markdown,
        claims_vintages,
    )

    if vintages:
        import datetime as dt

        try:
            day = dt.date.fromisoformat(as_of) if as_of else ARTICLE_AS_OF
        except ValueError:
            raise RedlineError(f"--as-of: expected a date YYYY-MM-DD; found {as_of!r}") from None
        frame = claims_vintages(day, article_year=year, rng=seed)
        if claim:
            frame = frame[frame["id"].isin(claim)]
        if fmt is ClaimsFormat.table:
            frame = frame[[c for c in frame.columns if c.startswith("verdict") or c in ("id", "changed")]]
        shown = {ClaimsFormat.csv: Format.csv, ClaimsFormat.json: Format.json}.get(fmt, Format.table)
        emit(frame, shown, title=f"Claims as of {day} (releases public then) and now")
        return
    results = check_claims(article_year=year, claims=claim or None, rng=seed)
    if fmt is ClaimsFormat.json:
        typer.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    elif fmt is ClaimsFormat.markdown:
        typer.echo(claims_markdown(results, article_year=year), nl=False)
    else:
        frame = claims_frame(results)
        if fmt is ClaimsFormat.csv:
            emit(frame, Format.csv)
        else:
            emit(
                frame[["id", "verdict", "value", "reason"]],
                Format.table,
                title=f"Claims (article year {year})",
            )


def register(app: typer.Typer) -> None:
    """Add ``burden``, ``alignment``, ``factions`` and ``claims`` to the ``redline`` command."""
    app.command("burden")(burden)
    app.command("alignment")(alignment)
    app.command("factions")(factions_cmd)
    app.command("claims")(claims)
