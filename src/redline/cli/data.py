"""``redline data``: list, show, query (SQL), cite and refresh the bundled data tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import typer

from redline.cli._output import Format, emit
from redline.errors import RedlineError

__all__ = ["register", "data_app"]

data_app = typer.Typer(
    help="The bundled data tables: list, show, SQL, provenance, refresh.\n\nExample: redline data list",
    no_args_is_help=True,
)


def _plain_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date cells as ISO text, so every output format (JSON included) can print them."""
    out = frame.copy()
    for col in out.columns:
        if any(isinstance(v, dt.date) for v in out[col].head(50)):
            out[col] = [v.isoformat() if isinstance(v, dt.date) else v for v in out[col]]
    return out


SnapshotOpt = typer.Option(
    None,
    "--snapshot",
    help="Snapshot folder to read (default: $REDLINE_SNAPSHOT, else the bundled snapshot).",
    show_default=False,
)
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json.")


@data_app.command("list")
def list_tables(fmt: Format = FormatOpt, snapshot: Path | None = SnapshotOpt) -> None:
    """One row per table: name, rows, years covered, source and release.

    Example: redline data list --format csv
    """
    from redline.data import provenance, snapshot_info, table_names

    info = snapshot_info(snapshot)
    rows = []
    for name in table_names(snapshot):
        entry = info["tables"][name]
        prov = provenance(name, snapshot)
        years = entry.get("years")
        rows.append(
            {
                "table": name,
                "rows": entry["rows"],
                "years": f"{years[0]}-{years[1]}" if years else "",
                "source": prov.sources[0],
                "release": prov.release,
            }
        )
    where = "bundled" if info["bundled"] else info["folder"]
    emit(pd.DataFrame(rows), fmt, title=f"Redline data snapshot {info['version']} ({where})")


@data_app.command("show")
def show(
    table: str = typer.Argument(..., help="Table name (see `redline data list`)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Only rows of this year."),
    country: list[str] | None = typer.Option(
        None, "--country", "-c", help="Only rows of this ISO3 code (repeatable)."
    ),
    release: str | None = typer.Option(None, "--release", help="Only rows of this release id (defence)."),
    limit: int | None = typer.Option(None, "--limit", "-n", help="At most this many rows."),
    fmt: Format = FormatOpt,
    snapshot: Path | None = SnapshotOpt,
) -> None:
    """Print a table, optionally filtered by year, country and release.

    Example: redline data show defence_expenditure --year 2024 --country POL --format json
    """
    from redline.data import load_table

    frame = load_table(table, snapshot)
    if year is not None:
        col = "year" if "year" in frame.columns else "date" if "date" in frame.columns else None
        if col is None:
            raise RedlineError(f"table {table!r} has no year column; drop --year")
        values = frame[col] if col == "year" else pd.to_datetime(frame[col]).dt.year
        if not (values == year).any():
            raise RedlineError(
                f"table {table!r} has no rows for year {year}; years covered: "
                f"{int(values.min())}-{int(values.max())}"
            )
        frame = frame[values == year]
    if country:
        codes = {c.upper() for c in country}
        col = "iso3" if "iso3" in frame.columns else "actor_iso3"
        known = set(load_table(table, snapshot)[col])
        unknown = sorted(codes - known)
        if unknown:
            raise RedlineError(
                f"unknown ISO3 code(s) {', '.join(unknown)} in table {table}; known: {', '.join(sorted(known))}"
            )
        frame = frame[frame[col].isin(codes)]
    if release is not None:
        if "release_id" not in frame.columns:
            raise RedlineError(f"table {table!r} has no release_id column; drop --release")
        known = sorted(set(load_table(table, snapshot)["release_id"]))
        if release not in known:
            raise RedlineError(f"unknown release {release!r}; releases: {', '.join(known)}")
        frame = frame[frame["release_id"] == release]
    if limit is not None:
        frame = frame.head(limit)
    frame = _plain_dates(frame.reset_index(drop=True))
    if fmt is Format.table and len(frame) == 1:  # one record reads best as field / value
        emit(frame.iloc[0].to_dict(), fmt, title=table)
        return
    emit(frame, fmt, title=table)


@data_app.command("sql")
def sql(
    query: str = typer.Argument(..., help="A SQL query; every table is a view of the same name."),
    fmt: Format = FormatOpt,
    snapshot: Path | None = SnapshotOpt,
) -> None:
    """Run SQL (DuckDB, in memory) over all tables.

    Example: redline data sql "SELECT iso3, pct_gdp FROM defence_expenditure WHERE year = 2024 ORDER BY pct_gdp DESC LIMIT 5"
    """
    from redline.data.query import run_sql

    emit(_plain_dates(run_sql(query, snapshot)), fmt)


@data_app.command("provenance")
def show_provenance(
    table: str | None = typer.Argument(None, help="A table name; all tables when omitted."),
    fmt: Format = FormatOpt,
    snapshot: Path | None = SnapshotOpt,
) -> None:
    """Source URL(s), release, retrieval date, licence and known gaps of each table.

    Example: redline data provenance defence_expenditure
    """
    from redline.data import provenance, table_names

    names = [table] if table else table_names(snapshot)
    records = [provenance(n, snapshot).as_dict() for n in names]
    if fmt is Format.json:
        emit(records[0] if table else records, fmt)
        return
    if table:
        record = records[0]
        emit(
            {k: "; ".join(v) if isinstance(v, list | tuple) else v for k, v in record.items()},
            fmt,
            title=table,
        )
        return
    flat = pd.DataFrame(
        [
            {
                "table": r["table"],
                "release": r["release"],
                "retrieved": r["retrieved"],
                "licence": r["licence"],
                "sources": "; ".join(r["sources"]),
                "known_gaps": "; ".join(r["known_gaps"]),
            }
            for r in records
        ]
    )
    emit(flat, fmt, title="provenance")


@data_app.command("refresh")
def refresh(
    source: str = typer.Argument(..., help="Loader: nato, kiel, worldbank, vdem or unvotes."),
    file: str | None = typer.Argument(
        None, help="The downloaded file (for worldbank: a WB CSV, or omit to use wbgapi online)."
    ),
    release: str | None = typer.Option(
        None, "--release", help="Release label, e.g. 2025-08 for a NATO workbook or 'Release 29' for Kiel."
    ),
    snapshot_dir: Path | None = typer.Option(
        None,
        "--snapshot-dir",
        help="Where to write the new snapshot (default: <user data dir>/snapshots/<version>).",
        show_default=False,
    ),
    snapshot: Path | None = typer.Option(
        None,
        "--snapshot",
        help="Snapshot to start from (default: $REDLINE_SNAPSHOT or bundled).",
        show_default=False,
    ),
    fmt: Format = FormatOpt,
) -> None:
    """Validate an official file and write a NEW snapshot version with it (the old one is untouched).

    Example: redline data refresh nato def-exp-2025-en.xlsx --release 2025-08 --snapshot-dir ./snap

    Then use it with REDLINE_SNAPSHOT=./snap redline world 2025, or --snapshot ./snap.
    """
    from redline.data.refresh import refresh as do_refresh

    result = do_refresh(source, file, release=release, base=snapshot, out=snapshot_dir)
    emit(result, fmt, title="refreshed snapshot")


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to the ``redline`` command."""
    app.add_typer(data_app, name="data")
