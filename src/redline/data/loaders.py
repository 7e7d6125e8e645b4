"""Readers for the official file formats a user downloads to refresh the data.

Each reader turns one file into rows of a bundled table (same columns as the snapshot) or raises a
:class:`~redline.errors.RedlineError` that names the file, sheet, row and column at fault. They do
not write anything; :mod:`redline.data.refresh` merges their output into a new snapshot.

============  ===========================================================  ====================
source        file                                                         table
============  ===========================================================  ====================
``nato``      NATO "Defence Expenditure of NATO Countries" Excel tables     defence_expenditure
``kiel``      Kiel Ukraine Support Tracker workbook ("Country Summary (€)")  ukraine_support
``worldbank`` World Bank bulk CSV of NY.GDP.MKTP.CD, or wbgapi online        gdp
``vdem``      V-Dem country-year CSV (country_text_id, year, v2x_libdem)     democracy
``unvotes``   UN Digital Library GA voting data CSV (ms_code, ms_vote, ...)  unga_votes
============  ===========================================================  ====================
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from redline.errors import RedlineError

__all__ = [
    "country_lookup",
    "read_nato_workbook",
    "read_kiel_workbook",
    "read_worldbank_csv",
    "fetch_worldbank",
    "read_vdem_csv",
    "read_unvotes_csv",
    "UKRAINE_RESOLUTIONS",
    "GDP_INDICATOR",
]

GDP_INDICATOR = "NY.GDP.MKTP.CD"

# The General Assembly's emergency special session resolutions on Ukraine (symbol -> date of vote).
UKRAINE_RESOLUTIONS = {
    "A/RES/68/262": "2014-03-27",  # territorial integrity of Ukraine
    # annual Crimea resolutions (human rights; militarization): 2016-2019 are in the bundled table, later
    # ones only through a UN Digital Library file. Dates here are labels only (the file's own date
    # column is used).
    "A/RES/71/205": "2016-12-19",
    "A/RES/72/190": "2017-12-19",
    "A/RES/73/194": "2018-12-17",
    "A/RES/73/263": "2018-12-22",
    "A/RES/74/17": "2019-12-09",
    "A/RES/74/168": "2019-12-18",
    "A/RES/75/29": "2020-12-07",
    "A/RES/75/192": "2020-12-16",
    "A/RES/76/179": "date from the file",
    "A/RES/77/229": "date from the file",
    "A/RES/ES-11/1": "2022-03-02",
    "A/RES/ES-11/3": "2022-04-07",
    "A/RES/ES-11/4": "2022-10-12",
    "A/RES/ES-11/5": "2022-11-14",
    "A/RES/ES-11/6": "2023-02-23",
    "A/RES/ES-11/7": "2025-02-24",
    "A/RES/ES-11/8": "2025-02-24",
}

# Names used by NATO, Kiel and the UN that differ from the countries table.
ALIASES = {
    "slovak republic": "SVK",
    "czech republic": "CZE",
    "turkey": "TUR",
    "turkiye": "TUR",
    "republic of turkiye": "TUR",
    "united states of america": "USA",
    "us": "USA",
    "usa": "USA",
    "uk": "GBR",
    "united kingdom of great britain and northern ireland": "GBR",
    "the former yugoslav republic of macedonia": "MKD",
    "republic of north macedonia": "MKD",
    "macedonia": "MKD",
    "korea": "KOR",
    "republic of korea": "KOR",
    "taiwan": "TWN",
    "eu (commission and council)": "EUI",
    "eu institutions": "EUI",
    "european union": "EUI",
    "eu": "EUI",
    "nato europe and canada": "NATO_EUCAN",
    "nato total": "NATO_TOTAL",
    "russian federation": "RUS",
}


def _norm(name: Any) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)", "", text)  # "Albania (Leks)" -> "Albania"
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().lower()


def country_lookup(countries: pd.DataFrame) -> dict[str, str]:
    """Normalised country name -> ISO3, from the countries table plus known aliases."""
    lookup = {_norm(n): i for i, n in zip(countries["iso3"], countries["name"], strict=True)}
    lookup.update(ALIASES)
    return lookup


def _need(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise RedlineError(f"{path}: file not found")
    return path


# ---------------------------------------------------------------------------------------------- NATO
_YEAR = re.compile(r"^(\d{4})(e?)$")


def _year_cell(value: Any) -> tuple[int, int] | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    m = _YEAR.match(str(value).strip()) if value is not None else None
    if m and 1949 <= int(m.group(1)) <= 2100:
        return int(m.group(1)), int(m.group(2) == "e")
    return None


def _read_sheets(path: Path) -> dict[str, list[tuple]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise RedlineError("reading Excel workbooks needs openpyxl (pip install openpyxl)") from exc
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for non-workbooks
        raise RedlineError(f"{path}: not a readable Excel workbook ({type(exc).__name__}: {exc})") from None
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def _nato_block(
    path: Path, sheet: str, rows: list[tuple], section: str
) -> dict[str, tuple[int, dict[int, tuple]]]:
    """Values of the block under the section heading containing ``section`` in a NATO table sheet.

    Layout of NATO's tables: a header row of years (``2023e`` = estimate), then section headings
    (a label and no numbers), each followed by one row per country (name, then one value per year).
    """
    header_idx, years = None, {}
    for i, row in enumerate(rows):
        found = {j: y for j, c in enumerate(row) if (y := _year_cell(c)) is not None}
        if len(found) >= 3:
            header_idx, years = i, found
            break
    if header_idx is None:
        raise RedlineError(f"{path}, sheet {sheet}: no header row of years (e.g. 2014 ... 2024e) found")
    first_year_col = min(years)
    out: dict[str, tuple[int, dict[int, tuple]]] = {}
    inside = False
    for i in range(header_idx + 1, len(rows)):
        row = rows[i]
        labels = [c for c in row[:first_year_col] if isinstance(c, str) and c.strip()]
        numbers = [row[j] if j < len(row) else None for j in years]
        has_numbers = any(v is not None and str(v).strip() != "" for v in numbers)
        if labels and not has_numbers:  # a section heading
            if inside:
                break
            inside = section.lower() in " ".join(labels).lower()
            continue
        if not inside or not labels:
            continue
        label = labels[-1]
        values = {}
        for j, (year, est) in years.items():
            cell = row[j] if j < len(row) else None
            if cell is None or str(cell).strip() == "":
                continue
            try:
                values[year] = (float(cell), est)
            except (TypeError, ValueError):
                raise RedlineError(
                    f"{path}, sheet {sheet}, row {i + 1} ({label.strip()}), column {year}: "
                    f"expected a number, got {cell!r}"
                ) from None
        out[label] = (i + 1, values)
    if not out:
        raise RedlineError(f"{path}, sheet {sheet}: no rows under a heading containing {section!r}")
    return out


def _find_sheet(path: Path, sheets: dict[str, list[tuple]], *needles: str) -> tuple[str, list[tuple]]:
    for name, rows in sheets.items():
        text = " ".join(str(c) for row in rows[:60] for c in row if isinstance(c, str)).lower()
        if all(n.lower() in text for n in needles):
            return name, rows
    raise RedlineError(
        f"{path}: no sheet mentions {' + '.join(repr(n) for n in needles)}; sheets: {', '.join(sheets)}"
    )


def nato_release_from_filename(path: Path) -> str | None:
    """``240617-def-exp-2024-TABLES-en.xlsx`` -> ``2024-06``."""
    m = re.match(r"^(\d{2})(\d{2})\d{2}-def-exp", Path(path).name)
    return f"20{m.group(1)}-{m.group(2)}" if m else None


def read_nato_workbook(path: Path, countries: pd.DataFrame, release: str | None = None) -> pd.DataFrame:
    """Rows of ``defence_expenditure`` from NATO's "Defence Expenditure of NATO Countries" tables.

    % of GDP comes from the sheet with the section "Share of real GDP" (Table 3), current USD from the
    sheet with "Million US dollars" and the section "Current prices and exchange rates" (Table 2).
    ``release`` is ``YYYY-MM`` (taken from NATO's file name ``YYMMDD-def-exp-...`` if omitted).
    """
    path = _need(path)
    release = release or nato_release_from_filename(path)
    if not release or not re.fullmatch(r"\d{4}-\d{2}", release):
        raise RedlineError(
            f"{path}: give the NATO release as --release YYYY-MM (e.g. 2025-08), got {release!r}"
        )
    sheets = _read_sheets(path)
    pct_sheet, pct_rows = _find_sheet(path, sheets, "share of real gdp")
    pct = _nato_block(path, pct_sheet, pct_rows, "share of real gdp")
    usd_sheet, usd_rows = _find_sheet(path, sheets, "million us dollars", "current prices and exchange rates")
    usd = _nato_block(path, usd_sheet, usd_rows, "current prices and exchange rates")
    lookup = country_lookup(countries)
    usd_by_code = {lookup.get(_norm(k)): v for k, (_, v) in usd.items()}
    label = (
        f"NATO {release} (Defence Expenditure of NATO Countries, workbook {path.name}; "
        f"refreshed {dt.date.today().isoformat()}; share of real GDP)"
    )
    rows = []
    for name, (rownum, values) in pct.items():
        code = lookup.get(_norm(name))
        if code is None:
            raise RedlineError(
                f"{path}, sheet {pct_sheet}: country {name.strip()!r} not in the countries table (nor a known alias)"
            )
        for year, (value, est) in values.items():
            usd_value = usd_by_code.get(code, {}).get(year)
            rows.append(
                {
                    "iso3": code,
                    "year": year,
                    "pct_gdp": value,
                    "usd_current_millions": usd_value[0] if usd_value else None,
                    "estimate": est,
                    "release": label,
                    "release_id": f"nato-{release}",
                    "full_release": 1,
                    "_row": f"{rownum} of sheet {pct_sheet}",
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------- Kiel
_KIEL_KINDS = ("military", "financial", "humanitarian", "total")


def read_kiel_workbook(path: Path, countries: pd.DataFrame, release: str | None = None) -> pd.DataFrame:
    """Rows of ``ukraine_support`` from the Kiel tracker's "Country Summary (€)" sheet.

    The header is the row holding a "Country" (or "Donor") cell; each value column is identified by
    the words in its header cell and the group heading above it (merged cells are carried to the
    right): the aid type (military, financial, humanitarian, total) and the measure (allocation or
    commitment). An optional column whose header mentions "% of GDP" gives total allocations as a
    share of GDP. Rows named total/sum are skipped.
    """
    path = _need(path)
    sheets = _read_sheets(path)
    sheet = next((s for s in sheets if s.lower().startswith("country summary") and "€" in s), None)
    sheet = sheet or next((s for s in sheets if s.lower().startswith("country summary")), None)
    if sheet is None:
        raise RedlineError(f"{path}: no sheet 'Country Summary (€)'; sheets: {', '.join(sheets)}")
    rows = sheets[sheet]
    head = next(
        (
            i
            for i, r in enumerate(rows)
            if any(isinstance(c, str) and c.strip().lower() in ("country", "donor") for c in r)
        ),
        None,
    )
    if head is None:
        raise RedlineError(f"{path}, sheet {sheet}: no header row with a 'Country' cell")
    name_col = next(
        j
        for j, c in enumerate(rows[head])
        if isinstance(c, str) and c.strip().lower() in ("country", "donor")
    )
    group = [None] * len(rows[head])
    if head > 0:
        carry = None
        for j, c in enumerate(rows[head - 1]):
            carry = c if isinstance(c, str) and c.strip() else carry
            if j < len(group):
                group[j] = carry
    columns: dict[int, str] = {}
    for j, c in enumerate(rows[head]):
        text = f"{group[j] or ''} {c or ''}".lower()
        if j == name_col:
            continue
        if "gdp" in text and "%" in text:
            columns[j] = "total_alloc_pct_gdp2021"
            continue
        kind = next((k for k in _KIEL_KINDS if k in text), None)
        measure = "alloc" if "alloc" in text else "commit" if "commit" in text else None
        if kind and measure:
            columns.setdefault(j, f"{kind}_{measure}_eur_bn")
    expected = [f"{k}_{m}_eur_bn" for m in ("alloc", "commit") for k in _KIEL_KINDS]
    missing = [c for c in expected if c not in columns.values()]
    if missing:
        raise RedlineError(
            f"{path}, sheet {sheet}, row {head + 1}: no column for {', '.join(missing)} "
            "(headers must name the aid type and 'allocation'/'commitment')"
        )
    lookup = country_lookup(countries)
    label = f"Kiel Ukraine Support Tracker {release or 'release not given'} (Country Summary sheet of {path.name}), bilateral only"
    out = []
    for i in range(head + 1, len(rows)):
        row = rows[i]
        name = row[name_col] if name_col < len(row) else None
        if name is None or not str(name).strip():
            continue
        if _norm(name) in ("total", "sum", "grand total", "all donors"):
            continue
        code = lookup.get(_norm(name))
        if code is None:
            raise RedlineError(
                f"{path}, sheet {sheet}, row {i + 1}, column {name_col + 1}: donor {str(name).strip()!r} "
                "not in the countries table (nor a known alias)"
            )
        record: dict[str, Any] = {
            "iso3": code,
            "donor": str(name).strip(),
            "release": label,
            "_row": f"{i + 1} of sheet {sheet}",
        }
        for j, col in columns.items():
            cell = row[j] if j < len(row) else None
            if cell is None or str(cell).strip() in ("", "-"):
                record[col] = None
                continue
            try:
                record[col] = float(cell)
            except (TypeError, ValueError):
                raise RedlineError(
                    f"{path}, sheet {sheet}, row {i + 1}, column {col}: expected a number, got {cell!r}"
                ) from None
        record.setdefault("total_alloc_pct_gdp2021", None)
        out.append(record)
    if not out:
        raise RedlineError(f"{path}, sheet {sheet}: no donor rows below the header")
    return pd.DataFrame(out)


# ----------------------------------------------------------------------------------------- World Bank
def read_worldbank_csv(path: Path, codes: Iterable[str], first_year: int = 2014) -> pd.DataFrame:
    """Rows of ``gdp`` from a World Bank bulk CSV (``API_NY.GDP.MKTP.CD_DS2_en_csv_v2_*.csv``).

    The file has a few metadata lines, then the header "Country Name","Country Code","Indicator
    Name","Indicator Code","1960",...; only NY.GDP.MKTP.CD rows of the given ISO3 codes are kept.
    """
    path = _need(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            lines = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise RedlineError(f"{path}: unreadable CSV ({exc})") from None
    head = next((i for i, r in enumerate(lines) if r[:2] == ["Country Name", "Country Code"]), None)
    if head is None:
        raise RedlineError(f'{path}: no header row starting "Country Name","Country Code" (World Bank CSV)')
    header = lines[head]
    try:
        ind = header.index("Indicator Code")
    except ValueError:
        raise RedlineError(f"{path}, row {head + 1}: no 'Indicator Code' column") from None
    year_cols = {j: int(h) for j, h in enumerate(header) if h.strip().isdigit() and int(h) >= first_year}
    wanted = set(codes)
    label = f"World Bank {GDP_INDICATOR} CSV {path.name} (refreshed {dt.date.today().isoformat()})"
    out = []
    for i in range(head + 1, len(lines)):
        row = lines[i]
        if len(row) < 2 or row[1] not in wanted:
            continue
        if row[ind] != GDP_INDICATOR:
            raise RedlineError(
                f"{path}, row {i + 1}, column 'Indicator Code': expected {GDP_INDICATOR}, got {row[ind]!r}"
            )
        for j, year in year_cols.items():
            cell = row[j].strip() if j < len(row) else ""
            if not cell:
                continue
            out.append(
                {"iso3": row[1], "year": year, "gdp_current_usd": cell, "source": label, "_row": i + 1}
            )
    if not out:
        raise RedlineError(f"{path}: no GDP values for the states of the countries table from {first_year}")
    return pd.DataFrame(out)


def fetch_worldbank(
    codes: Iterable[str], first_year: int = 2014, last_year: int | None = None
) -> pd.DataFrame:
    """Rows of ``gdp`` from the World Bank API through the optional ``wbgapi`` package (online)."""
    try:
        import wbgapi as wb  # optional: pip install wbgapi
    except ImportError:
        raise RedlineError(
            "online World Bank refresh needs the optional package wbgapi (pip install wbgapi); or download "
            "the CSV from https://data.worldbank.org/indicator/NY.GDP.MKTP.CD and pass it as FILE"
        ) from None
    last_year = last_year or dt.date.today().year
    try:
        wide = wb.data.DataFrame(
            GDP_INDICATOR, economy=sorted(set(codes)), time=range(first_year, last_year + 1)
        )
    except Exception as exc:  # network errors come in many types
        raise RedlineError(f"World Bank API request failed ({type(exc).__name__}: {exc})") from None
    label = f"World Bank {GDP_INDICATOR} via wbgapi (retrieved {dt.date.today().isoformat()})"
    out = []
    for iso3, row in wide.iterrows():
        for col, value in row.items():
            year = int(str(col).removeprefix("YR"))
            if pd.notna(value):
                out.append(
                    {"iso3": str(iso3), "year": year, "gdp_current_usd": float(value), "source": label}
                )
    if not out:
        raise RedlineError("World Bank API returned no GDP values")
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------------------------- V-Dem
def read_vdem_csv(
    path: Path, codes: Iterable[str], release: str | None = None, first_year: int = 2014
) -> pd.DataFrame:
    """Rows of ``democracy`` from the V-Dem country-year CSV (columns country_text_id, year, v2x_libdem)."""
    path = _need(path)
    need = ["country_text_id", "year", "v2x_libdem"]
    try:
        frame = pd.read_csv(path, usecols=lambda c: c in need, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RedlineError(f"{path}: unreadable CSV ({exc})") from None
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise RedlineError(
            f"{path}: missing column(s) {', '.join(missing)}; expected the V-Dem country-year CSV"
        )
    frame["_row"] = frame.index + 2
    years = pd.to_numeric(frame["year"], errors="coerce")
    frame = frame[frame["country_text_id"].isin(set(codes)) & ((years >= first_year) | years.isna())]
    if frame.empty:
        raise RedlineError(f"{path}: no rows for the states of the countries table from {first_year}")
    return pd.DataFrame(
        {
            "iso3": frame["country_text_id"],
            "year": frame["year"],
            "v2x_libdem": frame["v2x_libdem"],
            "measure": "V-Dem liberal democracy index (0-1), full precision",
            "vdem_version_note": f"V-Dem {release or '(version not given)'} CSV {path.name}",
            "_row": frame["_row"],
        }
    ).reset_index(drop=True)


# ------------------------------------------------------------------------------------------- UN votes
_UN_VOTE = {"Y": "Y", "N": "N", "A": "A", "NV": "absent", "X": "absent", "": None}


def read_unvotes_csv(path: Path, codes: Iterable[str]) -> pd.DataFrame:
    """Votes on the Ukraine resolutions from the UN Digital Library "General Assembly Voting Data" CSV.

    Columns used: ``ms_code`` (ISO3), ``ms_vote`` (Y, N, A, NV = non-voting), ``resolution`` and
    ``date`` (singular or plural column names are both accepted). Only the ES-11 resolutions of
    :data:`UKRAINE_RESOLUTIONS` and the states of the countries table are kept; NV becomes ``absent``.
    """
    path = _need(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RedlineError(f"{path}: unreadable CSV ({exc})") from None
    rename = {"ms_codes": "ms_code", "ms_votes": "ms_vote", "resolutions": "resolution"}
    frame = frame.rename(columns={k: v for k, v in rename.items() if k in frame.columns})
    need = ["ms_code", "ms_vote", "resolution", "date"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise RedlineError(
            f"{path}: missing column(s) {', '.join(missing)}; expected UN GA voting data (ms_code, ms_vote, resolution, date)"
        )
    frame["_row"] = frame.index + 2
    frame = frame[frame["resolution"].isin(UKRAINE_RESOLUTIONS) & frame["ms_code"].isin(set(codes))]
    if frame.empty:
        raise RedlineError(
            f"{path}: no votes on {', '.join(UKRAINE_RESOLUTIONS)} by the states of the countries table"
        )
    bad = ~frame["ms_vote"].str.strip().isin(_UN_VOTE)
    if bad.any():
        r = frame[bad].iloc[0]
        raise RedlineError(
            f"{path}, row {r['_row']}, column 'ms_vote': {r['ms_vote']!r} is not one of Y, N, A, NV"
        )
    label = f"UN Digital Library GA voting data, file {path.name} (refreshed {dt.date.today().isoformat()})"
    return pd.DataFrame(
        {
            "iso3": frame["ms_code"],
            "resolution": frame["resolution"],
            "date": frame["date"].str.slice(0, 10),
            "vote": frame["ms_vote"].str.strip().map(_UN_VOTE),
            "note": "",
            "source": label,
            "_row": frame["_row"],
        }
    ).reset_index(drop=True)
