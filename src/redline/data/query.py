"""SQL over the snapshot: every table is a DuckDB view of the same name (in memory, no server)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from redline.data import load_table, table_names
from redline.errors import RedlineError

__all__ = ["connect", "run_sql"]


def connect(snapshot: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the snapshot."""
    con = duckdb.connect(database=":memory:")
    for name in table_names(snapshot):
        con.register(name, load_table(name, snapshot))
    return con


def run_sql(query: str, snapshot: str | Path | None = None) -> pd.DataFrame:
    """Run ``query`` over all tables; SQL errors become a :class:`RedlineError` naming the tables."""
    con = connect(snapshot)
    try:
        result = con.execute(query)
        frame = result.df() if result.description is not None else pd.DataFrame()
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0]
        raise RedlineError(f"SQL error: {message}; tables: {', '.join(table_names(snapshot))}") from None
    finally:
        con.close()
    for col in frame.columns:  # whole-day timestamps back to dates
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            stamps = frame[col]
            if (stamps.dropna() == stamps.dropna().dt.normalize()).all():
                frame[col] = stamps.dt.date
    return frame
