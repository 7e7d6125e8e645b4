"""``redline power``: exact Shapley-Shubik and Banzhaf indices of voting games (models.md §2.4)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd
import typer

from redline.actors import read_csv_file
from redline.cli._output import Format, emit
from redline.decisions.power import PowerIndices, weighted_power
from redline.errors import RedlineError

__all__ = ["register"]

power_app = typer.Typer(
    help="Voting power: exact Shapley-Shubik and Banzhaf indices (weighted games, EU QMV, NATO consensus).\n\n"
    "Example: [bold]redline power eu-qmv --year 2025 --no-blocking-clause[/bold]",
    rich_markup_mode="rich",
    no_args_is_help=True,
)


class Index(StrEnum):
    shapley = "shapley"
    banzhaf = "banzhaf"
    both = "both"


_INDEX_COLUMNS = {
    Index.shapley: ["shapley_shubik"],
    Index.banzhaf: ["banzhaf", "banzhaf_absolute", "swings"],
}


def _read_csv(path: Path, columns: tuple[str, str]) -> pd.DataFrame:
    frame = read_csv_file(path)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise RedlineError(
            f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(columns)}, "
            f"found {', '.join(frame.columns) or 'none'}"
        )
    if frame.empty:
        raise RedlineError(f"{path}: no rows")
    name, value = columns
    names = frame[name].astype(str).str.strip()
    dup = names[names.duplicated()]
    if not dup.empty:
        raise RedlineError(f"{path}: row {int(dup.index[0]) + 1}, column {name}: duplicate {dup.iloc[0]!r}")
    numbers = pd.to_numeric(frame[value], errors="coerce")
    for row, (raw, number) in enumerate(zip(frame[value], numbers, strict=True), start=1):
        if not np.isfinite(number) or number < 0:
            raise RedlineError(f"{path}: row {row}, column {value}: expected a number >= 0, found {raw!r}")
    return pd.DataFrame({name: names, value: numbers.to_numpy(dtype=float)})


def _emit(result: PowerIndices, index: Index, fmt: Format, notes: list[str], title: str) -> None:
    frame = result.to_frame()
    keep = ["player"] + (["weight"] if "weight" in frame else [])
    for which in (Index.shapley, Index.banzhaf) if index is Index.both else (index,):
        keep += _INDEX_COLUMNS[which]
    if fmt is Format.json:
        data = result.to_dict()
        allowed = set(keep) | {f"{c}_exact" for c in ("shapley_shubik", "banzhaf") if c in keep}
        data["players"] = [{k: v for k, v in row.items() if k in allowed} for row in data["players"]]
        data["veto_players"] = result.veto_players()
        data["notes"] = notes
        emit(data, fmt)
        return
    emit(frame[keep], fmt, title=title)
    if fmt is Format.table:
        veto = ", ".join(result.veto_players()) or "none"
        typer.echo(f"veto players: {veto}")
        for note in notes:
            typer.echo(f"note: {note}")


@power_app.command("weighted")
def weighted(
    weights_csv: Path = typer.Argument(..., help="CSV with columns player,weight (integer weights)."),
    quota: int = typer.Option(..., "--quota", "-q", help="Weight a coalition needs to win."),
    index: Index = typer.Option(Index.both, "--index", "-i", help="Which index to show."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Exact indices of the weighted voting game \\[quota; weights] by the counting DP.

    Example: [bold]redline power weighted weights.csv --quota 6 --index both --format json[/bold]
    """
    frame = _read_csv(weights_csv, ("player", "weight"))
    for row, w in enumerate(frame["weight"], start=1):
        if w != int(w):
            raise RedlineError(
                f"{weights_csv}: row {row}, column weight: {w:g} is not an integer (scale all weights)"
            )
    result = weighted_power(frame["weight"].astype(np.int64).to_numpy(), quota, frame["player"].tolist())
    _emit(result, index, fmt, [], f"Power in [{quota}; weights]")


@power_app.command("eu-qmv")
def eu_qmv(
    year: int = typer.Option(
        None, "--year", "-y", help="Council population figures of this year (snapshot)."
    ),
    population: Path = typer.Option(None, "--population", help="CSV with columns iso3,population instead."),
    total_population: float = typer.Option(
        None,
        "--total-population",
        help="Official EU population (persons) the 65% quota refers to (default: the data's EU27 "
        "total with --year, else the sum of the members).",
    ),
    index: Index = typer.Option(Index.both, "--index", "-i", help="Which index to show."),
    states_pct: float = typer.Option(55.0, "--states-pct", help="Share of member states needed, %."),
    population_pct: float = typer.Option(65.0, "--population-pct", help="Share of population needed, %."),
    blocking_minority: int = typer.Option(4, "--blocking-minority", help="Smallest blocking minority."),
    no_blocking_clause: bool = typer.Option(False, "--no-blocking-clause", help="Drop the blocking clause."),
    reinforced: bool = typer.Option(
        False, "--reinforced", help="Reinforced QMV (TFEU 238(2)): 72% of states, no blocking clause."
    ),
    unit: int = typer.Option(1000, "--unit", help="Population unit of the exact DP (persons)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Exact indices of EU Council qualified majority (55% states, 65% population, blocking minority of 4).

    Example: [bold]redline power eu-qmv --year 2025 --index both --format csv[/bold]
    """
    if (year is None) == (population is None):
        raise RedlineError("give exactly one of --year Y or --population POP.csv")
    if unit < 1:
        raise RedlineError(f"--unit must be >= 1 person, got {unit}")
    if total_population is not None and not total_population > 0:
        raise RedlineError(f"--total-population must be > 0 persons, got {total_population:g}")
    from redline.adapters.power import eu_qmv_populations, eu_qmv_power

    if population is not None:
        frame = _read_csv(population, ("iso3", "population"))
        notes: list[str] = [f"populations from {population}"]
        official = None
    else:
        frame, notes, official = eu_qmv_populations(year)
    if reinforced:
        states_pct, no_blocking_clause = 72.0, True
    result, notes, title = eu_qmv_power(
        frame,
        notes,
        official,
        year=year,
        total_population=total_population,
        states_pct=states_pct,
        population_pct=population_pct,
        blocking_minority=None if no_blocking_clause else blocking_minority,
        unit=unit,
    )
    _emit(result, index, fmt, notes, title)


@power_app.command("nato-consensus")
def nato_consensus(
    year: int = typer.Option(..., "--year", "-y", help="NATO membership at the end of this year."),
    index: Index = typer.Option(Index.both, "--index", "-i", help="Which index to show."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Indices of the North Atlantic Council's consensus rule (unanimity: every ally a veto player).

    Example: [bold]redline power nato-consensus --year 2024 --format json[/bold]
    """
    try:
        from redline.world import World
    except ImportError as exc:  # pragma: no cover
        raise RedlineError(f"NATO membership data are not available ({exc})") from None
    members = World.for_year(year).members("NATO")
    if not members:
        raise RedlineError(f"no NATO members found for {year} in the data snapshot")
    n = len(members)
    result = weighted_power([1] * n, n, members)
    result.game.update(type="unanimity", year=year, members=n)
    _emit(result, index, fmt, [f"NATO members at 31 December {year}: {n}"], f"NATO consensus {year}")


def register(app: typer.Typer) -> None:
    """Add the ``redline power`` command group."""
    app.add_typer(power_app, name="power")
