"""The results store: an embedded DuckDB file with runs, per-chunk draws and per-question summaries.

Tables (long, Parquet-friendly):

``runs``       one row per run: run_id, scenario name/path/hash, seed, draws, chunk_size, package and
               data-snapshot versions, started/finished (UTC), status (running | finished | failed),
               the summary JSON once finished.
``chunks``     one row per finished chunk of draws (run_id, chunk_start, chunk_stop): the checkpoint
               that lets an interrupted run resume.
``tallies``    one row per finished chunk: its streaming summary (:class:`redline.tally.ChunkTally`,
               ``.npz`` bytes; per block of draws counts, sums and squared deviations, and the values of
               continuous questions), what the summary is merged from: a run never reads its draws back.
``draws``      run_id, question, draw, value: one number per question and Monte Carlo draw, only for
               runs made with ``keep_draws`` (``redline run --keep-draws``): 1,000,000 draws of the
               bundled scenario would be 150 million rows.
``summaries``  run_id, question, statistic, value, lo, hi: the headline numbers with intervals.

Every write is one transaction. A chunk's tallies (and draws, if kept) and its checkpoint row commit
together; a run is
marked ``finished`` only in the same transaction that writes its summaries, so a run killed mid-way is
left ``running`` (or ``failed`` when the error could be caught) and never looks finished.

Concurrency. DuckDB lets one process at a time open a database file for writing, and none may read
while it does. So the store opens the file only for the length of one operation (a write transaction
or a read) and closes it again: ``redline runs`` and ``show`` can read between a run's chunk writes,
retrying for a few seconds when they meet a write. Only one *run* may write to a store at a time:
:meth:`Store.run_lock` takes an exclusive lock on ``<store>.lock`` before any work is done, so a
second run is refused at once (or waits, if asked) instead of failing after its preparation.

Damage. A file that is not a DuckDB database, a truncated or garbled one, or one whose tables do not
have Redline's columns gives a :class:`RedlineError` naming the file and what to do; it is never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
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
    seed UBIGINT,
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
CREATE TABLE IF NOT EXISTS tallies (
    run_id VARCHAR, chunk_start BIGINT, data BLOB, PRIMARY KEY (run_id, chunk_start)
);
CREATE TABLE IF NOT EXISTS summaries (
    run_id VARCHAR, question VARCHAR, statistic VARCHAR, value DOUBLE, lo DOUBLE, hi DOUBLE
);
"""


# The columns each table must have; a store file with other columns is refused, never altered.
_COLUMNS = {
    "runs": [
        "run_id",
        "scenario_name",
        "scenario_path",
        "scenario_hash",
        "seed",
        "draws",
        "chunk_size",
        "package_version",
        "data_version",
        "started",
        "finished",
        "status",
        "summary_json",
    ],
    "chunks": ["run_id", "chunk_start", "chunk_stop", "done"],
    "draws": ["run_id", "question", "draw", "value"],
    "summaries": ["run_id", "question", "statistic", "value", "lo", "hi"],
    "tallies": ["run_id", "chunk_start", "data"],
}
_ADDED = {"tallies"}
"""Tables newer stores have; an older store without them is still read, and gains them on its next write."""

# How long a reader waits for a writer's transaction to end before giving up.
LOCK_WAIT_SECONDS = 15.0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A DuckDB results store at ``path`` (created on first write).

    The file is opened per operation (see the module docstring); ``close()`` and the context manager
    release the run lock if one was taken.
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, *, lock_wait: float = LOCK_WAIT_SECONDS):
        self.path = Path(path)
        self.lock_wait = lock_wait
        self._lock_file: Any = None
        self._checked = False  # tables checked (and created, once a write connection has been open)
        self._created = False
        if self.path.is_dir():
            raise RedlineError(f"{self.path}: expected a results store file; found a directory")

    # ------------------------------------------------------------------ connections
    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation; waits out another process's write, turns damage into errors."""
        if not write and not self.path.exists():
            raise RedlineError(
                f"{self.path}: no results store here (run `redline run FILE` first or pass --store)"
            )
        if write:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RedlineError(f"{self.path}: cannot create the store's folder ({exc})") from None
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=not write)
                break
            except duckdb.IOException as exc:
                if "lock" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise RedlineError(self._damage_message(exc)) from None
            except (duckdb.Error, OSError) as exc:
                raise RedlineError(self._damage_message(exc)) from None
        try:
            if not self._checked or (write and not self._created):
                self._check_schema(con, write=write)
                self._checked = True
                self._created = self._created or write
            yield con
        except duckdb.Error as exc:
            raise RedlineError(self._damage_message(exc)) from None
        finally:
            con.close()

    def _damage_message(self, exc: BaseException) -> str:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "lock" in first.lower():
            return (
                f"{self.path}: the results store is busy (another process has held it for more than "
                f"{self.lock_wait:g} s); try again, or pass another --store"
            )
        return (
            f"{self.path}: expected a Redline results store (a DuckDB file); it cannot be read ({first}). "
            "Move it aside or pass another --store; Redline never overwrites it"
        )

    def _check_schema(self, con: duckdb.DuckDBPyConnection, *, write: bool) -> None:
        """Create missing tables (when writing); refuse tables whose columns are not Redline's."""
        found: dict[str, list[str]] = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall():
            found.setdefault(table, []).append(column)
        for table, columns in _COLUMNS.items():
            if table in found and found[table] != columns:
                raise RedlineError(
                    f"{self.path}: table {table!r} has columns {', '.join(found[table])}; expected "
                    f"{', '.join(columns)} (not a Redline results store, or another version's). Pass another --store"
                )
        missing = [t for t in _COLUMNS if t not in found]
        if missing and write:
            con.execute(_SCHEMA)
        elif [t for t in missing if t not in _ADDED] and found:
            raise RedlineError(
                f"{self.path}: expected the Redline tables runs, chunks, draws, summaries; found "
                f"{', '.join(sorted(found))}. Pass another --store"
            )

    # ------------------------------------------------------------------ the run lock
    def run_lock(self, *, wait: float = 0.0) -> None:
        """Take the exclusive right to run into this store (held until :meth:`close`).

        Called before any preparation, so a second concurrent run is refused (or waits ``wait``
        seconds) without doing or losing work.
        """
        if self._lock_file is not None:
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held until close()
        except OSError as exc:
            raise RedlineError(f"{lock_path}: cannot create the store's lock file ({exc})") from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    handle.close()
                    raise RedlineError(
                        f"{self.path}: another run is writing to this store ({holder}); wait for it to "
                        "finish (--wait SECONDS), or pass another --store"
                    ) from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {_now():%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        self._lock_file = handle

    def close(self) -> None:
        if self._lock_file is not None:
            self._lock_file.truncate(0)
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _read(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self._connect(write=False) as con:
            return con.execute(sql, params or []).df()

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
        frame = self._read("SELECT chunk_start FROM chunks WHERE run_id = ?", [run_id])
        return {int(v) for v in frame["chunk_start"]}

    def write_chunk(
        self,
        run_id: str,
        start: int,
        stop: int,
        tally: Any = None,
        values: dict[str, np.ndarray] | None = None,
    ) -> None:
        """Store one chunk's checkpoint with its tally (:class:`redline.tally.ChunkTally`) and, if given,
        its per-draw values (question -> values of draws start, start+1, ...), in one transaction."""
        self.write_chunks(run_id, [(start, stop, tally, values)])

    def write_chunks(self, run_id: str, chunks: list[tuple[int, int, Any, dict[str, np.ndarray] | None]]) -> None:
        """Store several chunks ``(start, stop, tally, values)`` as :meth:`write_chunk` does, in one
        transaction (all of them or none)."""
        with self.transaction() as con:
            for start, stop, tally, values in chunks:
                if values is not None:
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
                    con.execute(
                        "DELETE FROM draws WHERE run_id = ? AND draw >= ? AND draw < ?", [run_id, start, stop]
                    )
                    if frames:
                        chunk = pd.concat(frames, ignore_index=True)  # noqa: F841 - read by DuckDB below
                        con.execute("INSERT INTO draws SELECT * FROM chunk")
                if tally is not None:
                    con.execute(
                        "INSERT OR REPLACE INTO tallies VALUES (?, ?, ?)", [run_id, start, tally.to_bytes()]
                    )
                con.execute(
                    "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?)", [run_id, start, stop, _now()]
                )

    def read_tallies(self, run_id: str) -> dict[int, bytes]:
        """Chunk start -> the stored tally bytes of every finished chunk of ``run_id`` that has one."""
        with self._connect(write=False) as con:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if "tallies" not in tables:
                return {}
            rows = con.execute(
                "SELECT t.chunk_start, t.data FROM tallies t JOIN chunks c "
                "ON c.run_id = t.run_id AND c.chunk_start = t.chunk_start WHERE t.run_id = ?",
                [run_id],
            ).fetchall()
        return {int(start): bytes(data) for start, data in rows}

    def read_draws(self, run_id: str, start: int = 0, stop: int | None = None) -> dict[str, np.ndarray]:
        """Stored draws of a run (those of ``start <= draw < stop`` if given), question -> array by draw.

        Runs keep their draws only with ``keep_draws``; otherwise this is empty.
        """
        frame = self._read(
            "SELECT question, draw, value FROM draws WHERE run_id = ? AND draw >= ? AND draw < ? "
            "ORDER BY question, draw",
            [run_id, start, 2**62 if stop is None else stop],
        )
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
        return self._read(
            "SELECT r.run_id, r.scenario_name AS scenario, r.status, r.draws, r.seed, "
            "strftime(r.started, '%Y-%m-%d %H:%M:%S') AS started, "
            "strftime(r.finished, '%Y-%m-%d %H:%M:%S') AS finished, "
            "r.package_version, r.data_version, substr(r.scenario_hash, 1, 12) AS scenario_hash, "
            "(SELECT count(*) FROM chunks c WHERE c.run_id = r.run_id) AS chunks_done "
            "FROM runs r ORDER BY r.started DESC"
        )

    def run(self, run_id: str) -> dict[str, Any]:
        """The run record (with its summary) of ``run_id``; a unique prefix of the id is enough."""
        rows = self._read("SELECT * FROM runs WHERE starts_with(run_id, ?) ORDER BY started DESC", [run_id])
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
        return self._read(
            "SELECT question, statistic, value, lo, hi FROM summaries WHERE run_id = ? ORDER BY question, statistic",
            [run_id],
        )
