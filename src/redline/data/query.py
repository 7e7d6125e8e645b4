"""SQL over the snapshot: every table is a DuckDB view of the same name (in memory, no server).

The connection is sandboxed so that a query can only *read the snapshot*: one statement, a SELECT (or
a WITH … SELECT, VALUES, a PRAGMA-free EXPLAIN); no file system access (``enable_external_access`` is
off and the configuration locked, so COPY, ATTACH, ``read_csv('/etc/passwd')`` fail); a memory cap; a
time limit (the query is interrupted); and a cap on the size of the result.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from redline.data import load_table, table_names
from redline.errors import RedlineError

__all__ = ["connect", "run_sql", "SQL_LIMITS"]

# Defaults for `redline data sql`: generous for the snapshot (a few thousand rows), small for abuse.
SQL_LIMITS = {"seconds": 10.0, "memory": "512MB", "rows": 100_000, "cells_bytes": 20_000_000}

_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def connect(snapshot: str | Path | None = None, *, memory: str = SQL_LIMITS["memory"]) -> duckdb.DuckDBPyConnection:
    """An in-memory, read-only-in-effect DuckDB connection with one view per table of the snapshot."""
    con = duckdb.connect(database=":memory:")
    for name in table_names(snapshot):
        con.register(name, load_table(name, snapshot))
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute("SET threads = 1")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _check_statement(query: str) -> None:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise RedlineError(f"SQL error: {str(exc).strip().splitlines()[0]}") from None
    if len(statements) != 1:
        raise RedlineError(f"SQL: expected exactly one statement; found {len(statements)}")
    kind = statements[0].type
    if kind not in _ALLOWED:
        raise RedlineError(
            f"SQL: expected a read-only query (SELECT, WITH … SELECT, EXPLAIN); found a {kind.name} statement"
        )


def _cell_bytes(value: object) -> int:
    """Bytes a cell holds, counting text inside lists, arrays and structs (pandas' deep memory
    usage sees a list cell as one pointer, so a 30 MB string inside a list passed the limit)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, np.ndarray):
        return sum(_cell_bytes(v) for v in value.flat) if value.dtype == object else int(value.nbytes)
    if isinstance(value, list | tuple):
        return sum(_cell_bytes(v) for v in value)
    if isinstance(value, dict):
        return sum(_cell_bytes(k) + _cell_bytes(v) for k, v in value.items())
    return 8


def _result_bytes(frame: pd.DataFrame) -> int:
    """The result's size: pandas' deep memory usage, plus what list/struct cells hold inside."""
    if not len(frame.columns):
        return 0
    size = int(frame.memory_usage(deep=True).sum())
    for col in frame.columns:
        if frame[col].dtype == object:
            size += sum(_cell_bytes(v) for v in frame[col] if not isinstance(v, str | bytes))
    return size


def run_sql(
    query: str,
    snapshot: str | Path | None = None,
    *,
    seconds: float = SQL_LIMITS["seconds"],
    max_rows: int = SQL_LIMITS["rows"],
    max_bytes: int = SQL_LIMITS["cells_bytes"],
) -> pd.DataFrame:
    """Run one read-only ``query`` over all tables, within a time, memory and result-size budget.

    SQL errors, refused statements and exceeded limits become a :class:`RedlineError` that names the
    tables or the limit.
    """
    if not query.strip():
        raise RedlineError("SQL: expected a query; found an empty string")
    _check_statement(query)
    con = connect(snapshot)
    timer = threading.Timer(seconds, con.interrupt)
    timer.start()
    try:
        result = con.execute(query)
        if result.description is None:
            frame = pd.DataFrame()
        else:
            frame = result.fetch_df_chunk(vectors_per_chunk=max(1, max_rows // 2048 + 1))
            if len(frame) > max_rows or result.fetchone() is not None:
                raise RedlineError(f"SQL: the result has more than {max_rows:,} rows; add a LIMIT")
    except duckdb.InterruptException:
        raise RedlineError(f"SQL: the query ran longer than {seconds:g} s and was stopped") from None
    except duckdb.OutOfMemoryException:
        raise RedlineError(f"SQL: the query needs more than {SQL_LIMITS['memory']} of memory") from None
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0]
        raise RedlineError(f"SQL error: {message}; tables: {', '.join(table_names(snapshot))}") from None
    finally:
        timer.cancel()
        con.close()
    size = _result_bytes(frame)
    if size > max_bytes:
        raise RedlineError(f"SQL: the result is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    frame = frame.head(max_rows)
    for col in frame.columns:  # whole-day timestamps back to dates
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            stamps = frame[col]
            if (stamps.dropna() == stamps.dropna().dt.normalize()).all():
                frame[col] = stamps.dt.date
    return frame
