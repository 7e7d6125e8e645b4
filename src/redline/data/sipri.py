"""SIPRI military expenditure for every state of the World, read from SIPRI's own workbook.

The SIPRI Military Expenditure Database workbook (``data/sources/raw/sipri_milex_1949_2024.xlsx``,
April 2025 release) has one sheet per measure, one row per country and one column per year. SIPRI
marks its own estimates in blue and highly uncertain figures in red; ``. .``/``...`` means data
unavailable and ``xxx`` that the state did not exist. This module turns the three sheets the World
uses into the long ``milex`` table: values as published (rounded to 0.1 USD m and 0.001 % of GDP),
the colour marks as flags, gaps left missing, no row for a year without any figure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = ["SIPRI_WORKBOOK", "SIPRI_RELEASE", "SIPRI_NAMES", "read_sipri_workbook"]

SIPRI_WORKBOOK = "raw/sipri_milex_1949_2024.xlsx"
"""The workbook's path inside the source folder."""

SIPRI_RELEASE = "SIPRI 2025-04 (1949-2024)"
"""Release of the bundled workbook: SIPRI's April 2025 update, data 1949-2024."""

# Names SIPRI spells differently from the countries table.
SIPRI_NAMES = {
    "TUR": "Türkiye",
    "USA": "United States of America",
    "PRK": "Korea, North",
    "KOR": "Korea, South",
    "KGZ": "Kyrgyz Republic",
}

SHEETS = {
    "Constant (2023) US$": ("milex_constant2023_usd_millions", 1.0, 1),
    "Current US$": ("milex_current_usd_millions", 1.0, 1),
    "Share of GDP": ("milex_pct_gdp", 100.0, 3),  # SIPRI stores a fraction; the table holds percent
}
# Excel's default indexed palette: 12 = blue (SIPRI estimate), 10 = red (highly uncertain).
_BLUE, _RED = 12, 10


def _colour(cell) -> int | None:
    colour = cell.font.color if cell.font is not None else None
    if colour is None or colour.type != "indexed":
        return None
    return int(colour.indexed)


def _sheet(ws, names: dict[str, str]) -> dict[tuple[str, int], tuple[float, bool, bool]]:
    """``(iso3, year) -> (value, estimate, uncertain)`` for the states in ``names`` (SIPRI name -> iso3)."""
    header = None
    out: dict[tuple[str, int], tuple[float, bool, bool]] = {}
    for row in ws.iter_rows():
        first = row[0].value
        if header is None:
            if first == "Country":
                header = {j: int(c.value) for j, c in enumerate(row) if isinstance(c.value, int)}
            continue
        iso3 = names.get(str(first).strip()) if first is not None else None
        if iso3 is None:
            continue
        for j, year in header.items():
            cell = row[j]
            if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                continue  # ". .", "...", "xxx" or empty: a gap
            colour = _colour(cell)
            out[(iso3, year)] = (float(cell.value), colour == _BLUE, colour == _RED)
    if header is None:
        raise RedlineError(f"{ws.title}: no header row starting with 'Country'")
    return out


def read_sipri_workbook(path: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """The long ``milex`` table for every state of ``countries`` found in the SIPRI workbook at ``path``.

    Columns: iso3, year, the three measures, ``estimate`` (1 if SIPRI marks any of the row's figures
    as its estimate), ``uncertain`` (1 if any is marked highly uncertain) and ``release``. A state
    SIPRI does not list at all raises an error naming it, so a renamed country is not silently lost.
    """
    import openpyxl  # only the build reads workbooks

    path = Path(path)
    if not path.is_file():
        raise RedlineError(f"{path}: SIPRI workbook not found")
    wb = openpyxl.load_workbook(path, data_only=True)
    listed = {str(r[0].value).strip() for r in wb["Current US$"].iter_rows() if r[0].value}
    names: dict[str, str] = {}
    for iso3, name in zip(countries["iso3"], countries["name"], strict=True):
        sipri = SIPRI_NAMES.get(iso3, name)
        if sipri not in listed:
            raise RedlineError(f"{path}: no row for {iso3} ({sipri!r}); add its SIPRI name to SIPRI_NAMES")
        names[sipri] = iso3
    cells = {
        column: (_sheet(wb[sheet], names), scale, digits) for sheet, (column, scale, digits) in SHEETS.items()
    }
    keys = sorted(set().union(*(c[0].keys() for c in cells.values())))
    frame = pd.DataFrame(keys, columns=["iso3", "year"])
    estimate = np.zeros(len(keys), dtype=bool)
    uncertain = np.zeros(len(keys), dtype=bool)
    for column, (values, scale, digits) in cells.items():
        got = [values.get(k) for k in keys]
        frame[column] = [round(v[0] * scale, digits) if v else np.nan for v in got]
        estimate |= np.array([bool(v and v[1]) for v in got])
        uncertain |= np.array([bool(v and v[2]) for v in got])
    frame["estimate"] = estimate.astype(int)
    frame["uncertain"] = uncertain.astype(int)
    frame["release"] = SIPRI_RELEASE
    return frame
