"""``redline run | validate | runs | show | compare``: the scenario file as the single way in."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit
from redline.errors import RedlineError

__all__ = ["register"]


def _store(path: Path):
    from redline.store import Store

    return Store(path)


def run(
    file: Path = typer.Argument(..., help="Scenario TOML file."),
    draws: int | None = typer.Option(None, "--draws", "-n", help="Monte Carlo draws (default: the file's)."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed (default: the file's)."),
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Folder for report.html and summary.json."),
    store: Path = typer.Option(Path("redline.duckdb"), "--store", help="DuckDB results store."),
    chunk_size: int | None = typer.Option(
        None, "--chunk-size", help="Draws per chunk (whole blocks of 4096)."
    ),
    cluster: str | None = typer.Option(
        None, "--cluster", help="Dask scheduler address, e.g. tcp://host:8786, or local:N for N worker processes here."
    ),
    resume: str | None = typer.Option(None, "--resume", help="Resume an interrupted run by its id."),
    keep_draws: bool = typer.Option(
        False,
        "--keep-draws",
        help="Also store every draw (table draws; memory and store grow with the draws). "
        "The summary streams either way.",
    ),
    no_report: bool = typer.Option(
        False, "--no-report", help="Store the run only: write neither report.html nor summary.json."
    ),
    wait: float = typer.Option(
        0.0, "--wait", min=0.0, max=86400.0, help="Seconds to wait while another run writes to the store."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Summary output format."),
) -> None:
    """Run every model a scenario asks for; write DIR/report.html and DIR/summary.json; store the run.

    Example: redline run scenarios/nato-2024.toml --out report/
    """
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario

    _check_out_folder(out)
    with _store(store) as db:
        db.run_lock(wait=wait)  # before any work: a second concurrent run is refused, not lost
        scenario = load_scenario(file)
        plan = prepare(scenario, draws=draws, seed=seed, chunk_size=chunk_size, source=file)
        result = execute(
            plan, db, resume=resume, cluster=cluster, progress=fmt is Format.table, keep_draws=keep_draws
        )
    if not no_report:  # --no-report: the run is in the store, and nothing is written to --out
        from redline.progress import stage
        from redline.report import write_report

        with stage(f"writing {out / 'report.html'} and {out / 'summary.json'}"):
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RedlineError(f"{out}: cannot create the output folder ({exc})") from None
            (out / "summary.json").write_text(
                json.dumps(result.summary, indent=2, allow_nan=False), encoding="utf-8"
            )
            write_report(result.summary, out / "report.html", plan=plan)
    if fmt is Format.json:
        emit(result.summary, fmt)
        return
    from redline.compare import headline_rows

    emit(headline_rows(result.summary), fmt, title=f"{scenario.scenario.title or scenario.scenario.name}")
    if fmt is Format.table:
        written = (
            "nothing else written (--no-report)"
            if no_report
            else (f"{out / 'summary.json'} and {out / 'report.html'} written")
        )
        console.print(f"run [bold]{result.run_id}[/] stored in {store}; {written}", soft_wrap=True)


def _check_out_folder(out: Path) -> None:
    """Refuse an unusable --out before the run, not after it is stored."""
    if out.exists() and not out.is_dir():
        raise RedlineError(f"--out {out}: expected a folder for report.html and summary.json; found a file")
    parent = next((p for p in [out, *out.parents] if p.exists()), Path("."))
    if not os.access(parent, os.W_OK):
        raise RedlineError(f"--out {out}: cannot write into {parent}")


def validate(
    file: Path = typer.Argument(..., help="Scenario TOML file."),
    coding: bool = typer.Option(False, "--coding", help="Also code every issue from the data and print it."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Format of the coding tables."),
) -> None:
    """Check a scenario file without running it (exit code 2 and one line per problem if invalid).

    With --coding, every issue's actors are coded from the World (positions, salience, capability,
    gaps and overrides) and printed, without running any model.

    Example: redline validate scenarios/nato-2024.toml --coding
    """
    from redline.scenario import load_scenario

    scenario = load_scenario(file)
    typer.echo(
        f"{file}: valid scenario '{scenario.scenario.name}' ({len(scenario.issues)} issues, "
        f"{scenario.run.draws} draws, seed {scenario.run.seed})",
        err=coding and fmt is not Format.table,  # csv/json on stdout stay machine-readable
    )
    if coding and scenario.issues:
        import pandas as pd

        from redline.adapters import world_of
        from redline.issues import build_issue, indicator_frame

        world = world_of(scenario)
        indicators = indicator_frame(world, scenario.world)
        tables = []
        for spec in scenario.issues:
            voters = [a for a in world.members(spec.body) if a in indicators.index]
            try:
                issue = build_issue(spec, indicators, voters, base_dir=file.parent)
            except RedlineError as exc:
                raise RedlineError(f"{file}: {exc}") from None
            table = issue.coding.round(4)
            if fmt is Format.table:  # the short form; csv and json carry every indicator column
                columns = ["actor", "position", "salience", "capability", "member", "missing", "override"]
                if "basis" in table:  # statement coding beside the data coding (the prior)
                    columns[3:3] = ["basis", "position_data", "salience_data", "disagreement"]
                table = table[columns]
            origin = (
                f"actors from the case file {spec.case}"
                if spec.case is not None
                else f"coding from the {scenario.world.effective_year} data"
            )
            title = f"{spec.id}: {issue.title} ({origin})"
            if fmt is Format.table:
                emit(table, fmt, title=title)
            else:
                tables.append(table.assign(issue=spec.id)[["issue", *table.columns]])
        if tables:  # one CSV (or JSON list) for every issue, with an ``issue`` column
            emit(pd.concat(tables, ignore_index=True), fmt)


def runs(
    store: Path = typer.Option(Path("redline.duckdb"), "--store", help="DuckDB results store."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
) -> None:
    """List stored runs, newest first (status running | finished | failed).

    Example: redline runs --store redline.duckdb
    """
    with _store(store) as db:
        frame = db.runs()
    if fmt is Format.table:  # the short form; csv and json add versions and the scenario hash
        frame = frame[["run_id", "scenario", "status", "draws", "seed", "started", "chunks_done"]]
    emit(frame, fmt, title=f"runs in {store}")


def show(
    run_id: str = typer.Argument(..., help="Run id (a unique prefix is enough)."),
    store: Path = typer.Option(Path("redline.duckdb"), "--store", help="DuckDB results store."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
) -> None:
    """Print a stored run's summary.

    Example: redline show 20240711T120000-abc123
    """
    with _store(store) as db:
        record = db.run(run_id)
    if record["summary"] is None:
        raise RedlineError(
            f"run {record['run_id']} has status {record['status']}: no summary (finish it with `redline run FILE --resume {record['run_id']}`)"
        )
    from redline.compare import headline_rows
    from redline.summary import read_summary

    summary = read_summary(record["summary"], where=f"run {record['run_id']}")
    if fmt is Format.json:
        emit(summary.to_dict(), fmt)
        return
    emit(headline_rows(summary), fmt, title=f"run {record['run_id']} ({record['scenario_name']})")


def compare(
    a: str = typer.Argument(..., help="Scenario file or run id."),
    b: str = typer.Argument(..., help="Scenario file or run id."),
    store: Path = typer.Option(Path("redline.duckdb"), "--store", help="DuckDB results store."),
    draws: int | None = typer.Option(None, "--draws", "-n", help="Draws when running scenario files."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
) -> None:
    """Differences per question between two scenarios (run now) or two stored runs, with intervals.

    Example: redline compare scenarios/nato-2024.toml scenarios/levers.toml --draws 1000
    """
    summaries = [_summary_of(x, store, draws) for x in (a, b)]
    from redline.compare import compare_rows

    emit(compare_rows(*summaries), fmt, title=f"{a}  vs  {b}")


def _summary_of(ref: str, store: Path, draws: int | None) -> dict[str, Any]:
    """The summary of a scenario file (run now, stored) or of a stored run, validated."""
    from redline.summary import read_summary

    return read_summary(_raw_summary_of(ref, store, draws), where=ref).to_dict()


def _raw_summary_of(ref: str, store: Path, draws: int | None) -> dict[str, Any]:
    path = Path(ref)
    if path.suffix == ".toml" or path.exists():
        from redline.runner import execute, prepare
        from redline.scenario import load_scenario

        with _store(store) as db:
            db.run_lock()
            plan = prepare(load_scenario(path), draws=draws, source=path)
            return execute(plan, db).summary
    if not store.exists():
        raise RedlineError(f"{ref!r} is neither a scenario file nor a run id in {store}")
    with _store(store) as db:
        record = db.run(ref)
    if record["summary"] is None:
        raise RedlineError(f"run {record['run_id']} has status {record['status']}: no summary")
    return record["summary"]


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("validate")(validate)
    app.command("runs")(runs)
    app.command("show")(show)
    app.command("compare")(compare)
