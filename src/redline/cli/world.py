"""``redline world YEAR``: the states of a year with their memberships and indicators."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from redline.cli._output import Format, emit
from redline.errors import RedlineError

__all__ = ["register", "TABLE_COLUMNS"]

# The table format shows these; csv/json (or --columns all) give every column.
TABLE_COLUMNS = [
    "name", "nato", "eu", "brics_status", "csto", "population", "gdp_usd", "defence_pct_gdp",
    "milex_usd", "ukraine_aid_total_eur_bn", "libdem", "dist_moscow_km", "unga_yes_share",
]  # fmt: skip


def world(
    year: int | None = typer.Argument(None, help="Year (the world at 31 December of it)."),
    date: str | None = typer.Option(None, "--date", "-d", help="A day YYYY-MM-DD instead of a year."),
    members: str | None = typer.Option(
        None, "--members", "-m", help="Only members of NATO, EU, BRICS or CSTO."
    ),
    columns: str | None = typer.Option(
        None,
        "--columns",
        help="Comma-separated columns (iso3 always shown), or 'all'. Default: key columns for the table "
        "format, every column for csv and json.",
    ),
    defence_release: str = typer.Option(
        "full", "--defence-release", help="NATO release policy: full (default), latest, or a release id."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json."),
    snapshot: Path | None = typer.Option(
        None,
        "--snapshot",
        help="Snapshot folder (default: $REDLINE_SNAPSHOT or bundled).",
        show_default=False,
    ),
) -> None:
    """Print the actors of a year: memberships (by accession date), geography and indicators.

    Example: redline world 2024 --members NATO --columns name,defence_pct_gdp,dist_moscow_km
    """
    from redline.world import World

    if (year is None) == (date is None):
        raise RedlineError("give either YEAR or --date YYYY-MM-DD (one of them)")
    w = (
        World.for_year(year, defence_release=defence_release, snapshot=snapshot)
        if date is None
        else World.for_date(date, defence_release=defence_release, snapshot=snapshot)
    )
    frame = w.to_frame()
    if members:
        frame = frame[frame["iso3"].isin(w.members(members))]
    if columns is None and fmt is Format.table:
        frame = frame[["iso3", *TABLE_COLUMNS]]
    elif columns and columns.strip() != "all":
        wanted = [c.strip() for c in columns.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in frame.columns]
        if unknown:
            raise RedlineError(
                f"unknown column(s) {', '.join(unknown)}; available: {', '.join(frame.columns)}"
            )
        frame = frame[["iso3", *[c for c in wanted if c != "iso3"]]]
    title = (
        f"World {w.date.isoformat()} — {len(frame)} actors, snapshot {w.snapshot_version}, "
        f"defence: {w.provenance['defence_pct_gdp']['note']}"
    )
    emit(frame.reset_index(drop=True), fmt, title=title)
    typer.echo(_gap_note(w.gaps(), frame), err=True)


def _gap_note(gaps: pd.DataFrame, shown: pd.DataFrame) -> str:
    """One stderr line counting the missing values among the rows and columns shown (never imputed)."""
    gaps = gaps[gaps["iso3"].isin(shown["iso3"]) & gaps["indicator"].isin(shown.columns)]
    if gaps.empty:
        return "gaps: none among the values shown"
    counts = gaps["indicator"].value_counts()
    listed = ", ".join(f"{name} {n}" for name, n in counts.items())
    return f"gaps (left empty, not imputed; states per indicator): {listed}"


def register(app: typer.Typer) -> None:
    """Add the ``world`` command to the ``redline`` command."""
    app.command("world")(world)
