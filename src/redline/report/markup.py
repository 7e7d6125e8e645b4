"""Formatting primitives of the report: escaping, numbers, intervals, tables with CSV links, figures.

Every section builds its HTML from these, so a value is shown the same way everywhere (a gap as
``—``, a probability in %, κ with its Article 5 basis).
"""

from __future__ import annotations

import html
import json
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Markup"]


class Markup(str):
    """Text that is already HTML (a link in a table cell): not escaped again."""


def _esc(value: Any) -> str:
    return value if isinstance(value, Markup) else html.escape(str(value))


def _country_link(iso3: Any) -> Markup:
    """A link to a state's page in the report."""
    return Markup(f"<a href='#country-{html.escape(str(iso3))}'>{html.escape(str(iso3))}</a>")


def _num(value: Any, digits: int = 3, pct: bool = False) -> str:
    """A number for a reader: thousands separators, no spurious decimals, percentages with one decimal."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool | str):
        return _esc(value)
    value = float(value)
    if pct:
        if 0 < abs(value) < 0.0005:
            return "< 0.1%" if value > 0 else "> −0.1%"
        return f"{value * 100:.1f}%"
    if value.is_integer():
        return f"{int(value):,d}" if abs(value) < 1e15 else f"{value:.3g}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.{min(digits, 2)}f}".rstrip("0").rstrip(".")
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") or "0"


def _kappa(value: Any) -> str:
    """A credibility κ: never printed as a bare ``1`` when it is not exactly 1 (1 − 2e−10 instead)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    value = float(value)
    if value == 1.0:
        return "1 (exactly)"
    if value > 0.999:
        return f"1 − {1 - value:.0e}".replace("e-0", "e−").replace("e-", "e−")
    return f"{value:.3f}"


def _usd(value: Any) -> str:
    """US dollars in billions (``$8.52 bn``), so columns of money read alike."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"${float(value) / 1e9:,.2f} bn"


def _scale(value: Any) -> str:
    """A point on the 0-100 issue scale; acceptance beyond an end of the scale is shown as the end."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if value > 100:
        return "100 (the whole scale)"
    if value < 0:
        return "0 (the whole scale)"
    return _num(value, 1)


def _ci(lo: Any, hi: Any, pct: bool = True) -> str:
    if lo is None or hi is None or (isinstance(lo, float) and math.isnan(lo)):
        return ""
    return f"[{_num(lo, pct=pct)}, {_num(hi, pct=pct)}]"


def _csv_link(frame: pd.DataFrame, name: str) -> str:
    """A link that downloads ``frame`` as CSV, embedded in the page (a data: URI, nothing fetched)."""
    from urllib.parse import quote

    text = frame.to_csv(index=False)
    return (
        f'<p class="csv"><a download="{_esc(name)}.csv" href="data:text/csv;charset=utf-8,'
        f'{quote(text)}">Download this table as CSV</a> ({len(frame)} rows, {frame.shape[1]} columns)</p>'
    )


_TABLE_IDS: dict[str, int] = {}


def _table(
    rows: list[dict[str, Any]] | pd.DataFrame,
    columns: list[str] | None = None,
    pct: tuple[str, ...] = (),
    max_rows: int | None = None,
    cls: dict[str, str] | None = None,
    name: str = "table",
    full: pd.DataFrame | list[dict[str, Any]] | None = None,
) -> str:
    """An HTML table (numbers right-aligned, one format per column) and a CSV download of all of it.

    ``full`` (default: the rows themselves, all columns) is what the CSV link downloads, so a table can
    show a few columns on the page and still give the reader every column.
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if frame.empty:
        return '<p class="note">(no rows)</p>'
    everything = frame if full is None else pd.DataFrame(full)
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]]
    total = len(frame)
    if max_rows is not None:
        frame = frame.head(max_rows)
    out = ["<table><thead><tr>", *(f"<th>{_esc(c)}</th>" for c in frame.columns), "</tr></thead><tbody>"]
    for record in frame.to_dict(orient="records"):
        row_cls = (cls or {}).get(str(record.get("verdict", "")), "")
        out.append(f'<tr class="{row_cls}">' if row_cls else "<tr>")
        for column, value in record.items():
            out.append(_cell(str(column), value, column in pct))
        out.append("</tr>")
    out.append("</tbody></table>")
    if max_rows is not None and total > max_rows:
        out.append(f'<p class="note">{max_rows} of {total} rows shown; the CSV has them all.</p>')
    count = _TABLE_IDS[name] = _TABLE_IDS.get(name, 0) + 1
    out.append(_csv_link(everything, name if count == 1 else f"{name}-{count}"))
    return "".join(out)


def _cell(column: str, value: Any, pct: bool) -> str:
    if isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool):
        key = column.lower()
        if "κ" in column or key in ("kappa", "w", "w_if_article5"):
            text = _kappa(value) if "κ" in column or key == "kappa" else _num(float(value))
        elif "usd" in key:
            text = _usd(value)
        else:
            text = _num(float(value), pct=pct)
        return f'<td class="num">{text}</td>'
    if isinstance(value, list | dict):
        return f"<td>{_esc(json.dumps(value, default=str)[:300])}</td>"
    return f"<td>{_esc('—' if value is None or value == '' else value)}</td>"


def _figure(fig: Any) -> str:
    return fig.to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}
    )


def _regime(value: Any) -> str:
    return "—" if value is None else str(value).replace("_", " ")
