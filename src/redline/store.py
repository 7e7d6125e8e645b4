"""The results store: an embedded DuckDB file with runs, per-chunk draws and per-question summaries.

Tables (long, Parquet-friendly):

``runs``       one row per run: run_id, scenario name/path/hash, seed, draws, chunk_size, package and
               data-snapshot versions, started/finished (UTC), status (running | finished | failed),
               the summary JSON once finished.
``chunks``     one row per finished chunk of draws (run_id, chunk_start, chunk_stop): the checkpoint
               that lets an interrupted run resume.
``draws``      run_id, question, draw, value: one number per question and Monte Carlo draw.
``summaries``  run_id, question, statistic, value, lo, hi: the headline numbers with intervals.

Every write is one transaction. A chunk's draws and its checkpoint row commit together; a run is
marked ``finished`` only in the same transaction that writes its summaries, so a run killed mid-way is
left ``running`` (or ``failed`` when the error could be caught) and never looks finished.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = ["DEFAULT_STORE", "Store"]

DEFAULT_STORE = "redline.duckdb"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    scenario_name VARCHAR,
    scenario_path VARCHAR,
    scenario_hash VARCHAR,
    seed BIGINT,
    draws BIGINT,
    chunk_size BIGINT,
    package_version VARCHAR,
    data_version VARCHAR,
    started TIMESTAMP,
    finished TIMESTAMP,
    status VARCHAR,
    summary_json VARCHAR
);
CREATE TABLE IF NOT EXISTS chunks (
    run_id VARCHAR, chunk_start BIGINT, chunk_stop BIGINT, done TIMESTAMP,
    PRIMARY KEY (run_id, chunk_start)
);
CREATE TABLE IF NOT EXISTS draws (run_id VARCHAR, question VARCHAR, draw BIGINT, value DOUBLE);
CREATE TABLE IF NOT EXISTS summaries (
    run_id VARCHAR, question VARCHAR, statistic VARCHAR, value DOUBLE, lo DOUBLE, hi DOUBLE
);
"""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A DuckDB results store at ``path`` (created on first use)."""

    def __init__(self, path: str | Path = DEFAULT_STORE):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path))
        except (duckdb.Error, OSError) as exc:
            raise RedlineError(f"{self.path}: cannot open the results store ({exc})") from None
        self.con.execute(_SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # ------------------------------------------------------------------ writing a run
    def start_run(self, run_id: str, **fields: Any) -> None:
        """Record a new run as ``running``."""
        columns = ["run_id", *fields, "started", "status"]
        values = [run_id, *fields.values(), _now(), "running"]
        with self.transaction() as con:
            con.execute(
                f"INSERT INTO runs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values
            )

    def done_chunks(self, run_id: str) -> set[int]:
        """Starts of the chunks already stored for ``run_id`` (for resuming)."""
        rows = self.con.execute("SELECT chunk_start FROM chunks WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in rows}

    def write_chunk(self, run_id: str, start: int, stop: int, values: dict[str, np.ndarray]) -> None:
        """Store one chunk's per-draw values (question -> values of draws start, start+1, ...) and its checkpoint."""
        frames = [
            pd.DataFrame(
                {
                    "run_id": run_id,
                    "question": question,
                    "draw": np.arange(start, start + len(array), dtype=np.int64),
                    "value": np.asarray(array, dtype=float),
                }
            )
            for question, array in values.items()
        ]
        with self.transaction() as con:
            con.execute(
                "DELETE FROM draws WHERE run_id = ? AND draw >= ? AND draw < ?", [run_id, start, stop]
            )
            if frames:
                chunk = pd.concat(frames, ignore_index=True)  # noqa: F841 - read by DuckDB below
                con.execute("INSERT INTO draws SELECT * FROM chunk")
            con.execute("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?)", [run_id, start, stop, _now()])

    def read_draws(self, run_id: str) -> dict[str, np.ndarray]:
        """All stored draws of a run, question -> array ordered by draw."""
        frame = self.con.execute(
            "SELECT question, draw, value FROM draws WHERE run_id = ? ORDER BY question, draw", [run_id]
        ).df()
        return {q: g["value"].to_numpy() for q, g in frame.groupby("question", sort=False)}

    def finish_run(self, run_id: str, summary: dict[str, Any], rows: pd.DataFrame) -> None:
        """Write the summaries and mark the run finished, atomically."""
        rows = rows.assign(run_id=run_id)[["run_id", "question", "statistic", "value", "lo", "hi"]]
        with self.transaction() as con:
            con.execute("DELETE FROM summaries WHERE run_id = ?", [run_id])
            con.execute("INSERT INTO summaries SELECT * FROM rows")
            con.execute(
                "UPDATE runs SET finished = ?, status = 'finished', summary_json = ? WHERE run_id = ?",
                [_now(), json.dumps(summary, allow_nan=False, default=str), run_id],
            )

    def fail_run(self, run_id: str) -> None:
        """Mark a run failed (its stored chunks stay, so it can be resumed)."""
        with self.transaction() as con:
            con.execute(
                "UPDATE runs SET status = 'failed' WHERE run_id = ? AND status <> 'finished'", [run_id]
            )

    # ------------------------------------------------------------------ reading
    def runs(self) -> pd.DataFrame:
        """One row per stored run, newest first."""
        return self.con.execute(
            "SELECT r.run_id, r.scenario_name AS scenario, r.status, r.draws, r.seed, "
            "strftime(r.started, '%Y-%m-%d %H:%M:%S') AS started, "
            "strftime(r.finished, '%Y-%m-%d %H:%M:%S') AS finished, "
            "r.package_version, r.data_version, substr(r.scenario_hash, 1, 12) AS scenario_hash, "
            "(SELECT count(*) FROM chunks c WHERE c.run_id = r.run_id) AS chunks_done "
            "FROM runs r ORDER BY r.started DESC"
        ).df()

    def run(self, run_id: str) -> dict[str, Any]:
        """The run record (with its summary) of ``run_id``; a unique prefix of the id is enough."""
        rows = self.con.execute(
            "SELECT * FROM runs WHERE run_id LIKE ? ORDER BY started DESC", [run_id + "%"]
        ).df()
        if rows.empty:
            known = ", ".join(self.runs()["run_id"].head(10)) or "none"
            raise RedlineError(f"{self.path}: no run {run_id!r} (stored runs, newest first: {known})")
        if len(rows) > 1:
            raise RedlineError(
                f"{self.path}: run id prefix {run_id!r} is ambiguous ({', '.join(rows['run_id'])})"
            )
        record = rows.iloc[0].to_dict()
        record["summary"] = json.loads(record.pop("summary_json")) if record.get("summary_json") else None
        return record

    def summaries(self, run_id: str) -> pd.DataFrame:
        return self.con.execute(
            "SELECT question, statistic, value, lo, hi FROM summaries WHERE run_id = ? ORDER BY question, statistic",
            [run_id],
        ).df()
