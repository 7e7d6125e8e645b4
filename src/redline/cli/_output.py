"""Printing results as a rich table, CSV or JSON: one helper so every command formats alike.

The console and the JSON converter live outside the CLI (:mod:`redline.console`,
:mod:`redline.serialize`) so that library modules never import :mod:`redline.cli`.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from redline.console import console
from redline.serialize import to_jsonable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Format", "emit", "to_jsonable", "console"]

class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def emit(
    data: pd.DataFrame | dict | list, fmt: Format | str = Format.table, title: str | None = None
) -> None:
    """Print ``data`` in the chosen format. DataFrames print as tables/CSV; dicts as key-value."""
    import pandas as pd  # here, not at the top: a command's start (and its usage errors) stays light

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
    if COLUMNS and COLUMNS != ["all"]:
        chosen = [c for c in COLUMNS if c in data.columns]
        if not chosen and not _APPLIED:  # held back until a later table takes the list (or none does)
            _PENDING.append((data, title))
            return
        _flush_pending()
        if not chosen:
            _not_applied(data, title)
            _print_table(data, title)
            return
        _APPLIED.append(title or "table")
        missing = [c for c in COLUMNS if c not in chosen]
        if missing:
            where = f"the table {title!r}" if title else "this table"
            typer.echo(f"--columns: {where} has no column(s) {', '.join(missing)}", err=True)
        _print_table(data[chosen], title, whole=True)
        return
    _print_table(data, title)


def _print_table(data: pd.DataFrame, title: str | None, whole: bool = False) -> None:
    """A rich table of ``data``: every column if ``whole`` (chosen with ``--columns``), else those that fit."""
    import pandas as pd

    texts = {str(c): _column_texts(data[c]) for c in data.columns}
    shown, hidden = (list(texts), []) if whole else fit_columns(texts, console.width)
    table = Table(title=escape(title) if title else None, show_lines=False)
    for column in shown:
        numeric = pd.api.types.is_numeric_dtype(data[column]) and not pd.api.types.is_bool_dtype(data[column])
        table.add_column(escape(column), justify="right" if numeric else "left", overflow="fold")
    for i in range(len(data)):
        table.add_row(*(texts[c][i] for c in shown))
    console.print(table)
    if hidden:
        typer.echo(
            f"{len(hidden)} more column(s) not shown at {console.width} characters: {', '.join(hidden)} "
            "(redline --columns all ..., a wider terminal, or --format csv/json)",
            err=True,
        )


COLUMNS: list[str] | None = None
"""Columns chosen with ``redline --columns a,b,...`` (``['all']``: every column, even past the width)."""


_PENDING: list[tuple[pd.DataFrame, str | None]] = []
"""Tables printed before any table had a column of ``--columns`` (held back: the list may fit none)."""
_APPLIED: list[str] = []
"""Titles of the tables ``--columns`` applied to in this command."""


def reset_columns(columns: list[str] | None) -> None:
    """Start a command: the ``--columns`` list and no table printed yet."""
    global COLUMNS
    COLUMNS = columns
    _PENDING.clear()
    _APPLIED.clear()


def _not_applied(data: pd.DataFrame, title: str | None) -> None:
    typer.echo(
        f"--columns: not applied to {f'the table {title!r}' if title else 'a table'} (none of "
        f"{', '.join(COLUMNS or [])}; it has {', '.join(map(str, data.columns))}): printed as usual",
        err=True,
    )


def _flush_pending() -> None:
    while _PENDING:
        data, title = _PENDING.pop(0)
        _not_applied(data, title)
        _print_table(data, title)


def finish_columns() -> None:
    """End a command: a ``--columns`` list that no printed table has is an error (nothing was printed).

    A command with several tables applies the list to each table that has some of its columns and
    prints the others whole (said on stderr).
    """
    pending = list(_PENDING)
    _PENDING.clear()
    if pending and not _APPLIED:
        from redline.errors import RedlineError

        available = sorted({str(c) for data, _ in pending for c in data.columns})
        raise RedlineError(
            f"--columns: unknown column(s) {', '.join(COLUMNS or [])}"
            f"{' in every table' if len(pending) > 1 else ''}; available: {', '.join(available)}"
        )


def fit_columns(texts: dict[str, list[str]], width: int) -> tuple[list[str], list[str]]:
    """The columns that fit ``width`` characters, in order, and the ones left out.

    A column needs at least its longest word (identifiers and numbers are never broken; free text
    wraps at spaces) plus 3 characters of border and padding. The first column is always shown.
    ``redline --columns all`` shows every column whatever the width (a table ``--columns a,b`` applies to
    shows those columns whatever the width).
    """
    if COLUMNS == ["all"]:
        return list(texts), []
    shown, used = [], 1
    for name, cells in texts.items():
        words = [w for text in [name, *cells] for w in str(text).split()] or [""]
        need = max(len(w) for w in words) + 3
        if shown and used + need > width:
            continue
        shown.append(name)
        used += need
    return shown, [name for name in texts if name not in shown]


def _column_texts(column: pd.Series) -> list[str]:
    """A column's cells, numbers with one number of decimals for the whole column (plain, no exponent)."""
    import numpy as np
    import pandas as pd

    if not pd.api.types.is_float_dtype(column):
        return [_cell(v) for v in column]
    values = column.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if "kappa" in str(column.name).lower() or "κ" in str(column.name):
        return [_probability_near_one(v) for v in values]
    if finite.size == 0 or np.all(finite == np.round(finite)) and np.abs(finite).max() < 1e15:
        return [_cell(v) for v in column]
    top = np.abs(finite).max()
    decimals = 0 if top >= 1000 else 1 if top >= 100 else 2 if top >= 1 else 4
    out = []
    for v in values:
        if math.isnan(v):
            out.append("—")
        elif v != 0 and abs(v) < 0.5 * 10.0**-decimals:
            out.append(_below(v, decimals))  # too small for the column's decimals: say so instead of 0
        else:
            out.append(f"{v:,.{decimals}f}")
    return out


def _below(value: float, decimals: int) -> str:
    """A non-zero value too small for ``decimals`` decimals, plainly: ``< 0.0001`` (``> −0.0001`` below
    zero), neither a misleading ``0.0000`` nor an exponent such as ``9.3e-11`` (CSV and JSON keep it)."""
    step = f"{10.0**-decimals:.{decimals}f}"
    return f"< {step}" if value > 0 else f"> −{step}"


def _probability_near_one(value: float) -> str:
    """A credibility κ: four decimals, and ``1−2e-10`` rather than ``1.0000`` when it is not exactly 1."""
    if math.isnan(value):
        return "—"
    if 0.99995 <= value < 1.0:
        return f"1−{1.0 - value:.0e}"
    return f"{value:.4f}"


def _cell(value: Any) -> str:
    """A plain number (thousands separators, no exponent for everyday sizes) or escaped text."""
    import numpy as np
    import pandas as pd

    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return f"{int(value):,d}"
    if isinstance(value, float | np.floating):
        value = float(value)
        if math.isnan(value):
            return "—"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,d}"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:,.2f}".rstrip("0").rstrip(".")
        if value == 0 or abs(value) >= 1e-4:
            return f"{value:.4f}".rstrip("0").rstrip(".")
        return _below(value, 4)
    if value is None or value is pd.NA:
        return "—"
    text = str(value)
    if len(text) > MAX_CELL:  # a table cell of megabytes takes the renderer minutes: show its start
        text = f"{text[:MAX_CELL]}… ({len(text):,} characters; --format csv or json prints all)"
    return escape(text)  # data text such as "[1]" is not rich markup


MAX_CELL = 2000
"""Characters of a text cell a table shows (CSV and JSON print every character)."""
