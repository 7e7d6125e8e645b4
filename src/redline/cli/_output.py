"""Printing results as a rich table, CSV or JSON: one helper so every command formats alike."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["Format", "emit", "to_jsonable", "console"]

console = Console()


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def to_jsonable(value: Any) -> Any:
    """Convert NumPy/pandas values to plain JSON types; NaN becomes ``null`` (a gap stays a gap)."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return [to_jsonable(r) for r in value.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return to_jsonable(value.to_dict())
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def emit(
    data: pd.DataFrame | dict | list, fmt: Format | str = Format.table, title: str | None = None
) -> None:
    """Print ``data`` in the chosen format. DataFrames print as tables/CSV; dicts as key-value."""
    fmt = Format(fmt)
    if fmt is Format.json:
        typer.echo(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False))
        return
    if isinstance(data, dict):
        data = pd.DataFrame({"key": list(data), "value": [str(to_jsonable(v)) for v in data.values()]})
    elif isinstance(data, list):
        data = pd.DataFrame(data)
    if fmt is Format.csv:
        typer.echo(data.to_csv(index=False).rstrip("\n"))
        return
    table = Table(title=escape(title) if title else None, show_lines=False)
    for column in data.columns:
        table.add_column(escape(str(column)), overflow="fold")
    for row in data.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return "—"
        return f"{value:.6g}"
    if value is None or value is pd.NA:
        return "—"
    return escape(str(value))  # data text such as "[1]" is not rich markup
