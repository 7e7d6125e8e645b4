"""Declared schemas of the bundled tables, checked every time a table is loaded or refreshed.

A schema lists each column's kind (``str``, ``int``, ``float``, ``date``, ``bool01``), whether gaps
are allowed, its value range or allowed values, and the table's unique key. :func:`validate`
coerces a raw frame to these types and raises :class:`~redline.errors.RedlineError` naming the
table, row, column and the offending value. Nothing is imputed: a gap stays missing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from redline.data.source_quality import QUALITY_LABELS
from redline.errors import RedlineError

__all__ = [
    "Column",
    "TableSchema",
    "SCHEMAS",
    "AGGREGATE_CODES",
    "DEFENCE_RELEASES",
    "RESPONSE_CATEGORIES",
    "schema",
    "validate",
]

ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")

# Codes that are not ISO 3166-1 alpha-3 but appear in the public figures on purpose.
AGGREGATE_CODES = {
    "NATO_EUCAN": "NATO Europe and Canada (aggregate)",
    "NATO_TOTAL": "NATO total (aggregate)",
    "EUI": "EU institutions (Commission and Council) as a Kiel donor",
    "EU27": "European Union of 27 (total)",
}


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether gaps are allowed, and its valid values."""

    name: str
    kind: str  # "str" | "int" | "float" | "date" | "bool01"
    nullable: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    iso3: bool = False
    pattern: str | None = None  # regular expression every present value must match
    derived: bool = False  # computed by the build script, not in the public figures
    description: str = ""
    optional: bool = False  # a file without the column reads it as blank (older files, refresh inputs)


@dataclass(frozen=True)
class TableSchema:
    """The declared shape of one bundled table."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str
    extra_codes: tuple[str, ...] = ()  # non-ISO codes allowed in the iso3 column
    year_column: str | None = "year"
    derived_columns: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def source_columns(self) -> list[str]:
        """Columns as they appear in the source CSVs (derived ones excluded)."""
        return [c.name for c in self.columns if not c.derived]


def _c(name: str, kind: str, **kw) -> Column:
    return Column(name, kind, **kw)


# Ordered oldest to newest; ``full`` marks a complete first-hand NATO workbook (all allies, one price
# base); the others are partial, second-hand press quotes of later editions.
DEFENCE_RELEASES: dict[str, dict[str, object]] = {
    # ``published``: as far as the source notes record it (file name or press date), never guessed
    "nato-2024-06": {"prefix": "NATO 2024-06", "full": True, "published": "2024-06-17 (file 240617-...)"},
    "nato-2025-04-press": {"prefix": "NATO 2025-04", "full": False, "published": "2025-04 (press)"},
    "nato-2025-08-press": {"prefix": "NATO 2025-08", "full": False, "published": "2025-08 (no day)"},
    "nato-later-press": {"prefix": "NATO later release", "full": False, "published": None},
}

RELEASE_ID_PATTERN = r"^nato-(\d{4}-\d{2}(-press)?|later-press)$"

_PCT = {"min": 0.0, "max": 100.0}


def _quality() -> Column:
    """The ``source_quality`` flag of a row citing state media or an aggregator (redline.data.source_quality)."""
    return Column(
        "source_quality",
        "str",
        nullable=True,
        allowed=QUALITY_LABELS,
        description="blank, or why the cited source is weak: " + " / ".join(QUALITY_LABELS),
        optional=True,
    )
_FLAG = "bool01"
_VOTES = ("Y", "N", "A", "absent")

# Donor groups of the Kiel release headlines: Kiel's "Europe" (EU institutions, EU members, UK, Norway,
# Switzerland, Iceland), the US, EU institutions alone, all donors.
KIEL_GROUPS = ("EUROPE", "USA", "EUI", "ALL")

MEASURES_ISRAEL = (
    "call_to_halt",
    "licence_suspension",
    "court_order",
    "export_restriction",
    "suspension_new_licences",
    "embargo",
    "trade_halt",
)

SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in [
        TableSchema(
            "countries",
            (
                _c("iso3", "str", iso3=True),
                _c("name", "str"),
                _c("nato_accession_year", "int", nullable=True, min=1949, max=2100),
                _c("eu_member", _FLAG),
                _c("brics_status", "str", nullable=True, allowed=("member", "invited", "partner", "applied")),
                _c("csto_member", _FLAG),
                _c("land_border_russia", _FLAG),
                _c("land_border_belarus", _FLAG),
                _c("land_border_ukraine", _FLAG),
                _c("capital", "str"),
                _c("capital_lat", "float", min=-90.0, max=90.0),
                _c("capital_lon", "float", min=-180.0, max=180.0),
                _c("population", "int", nullable=True, min=0),
                _c("population_year", "int", min=1900, max=2100),
                _c(
                    "nato_accession_date",
                    "date",
                    nullable=True,
                    derived=True,
                    description="day of accession, from the nato_accession rows of events (blank: only the year is known)",
                ),
            ),
            key=("iso3",),
            description="States: memberships (status as coded in 2025), land borders, capitals, population",
            year_column=None,
        ),
        TableSchema(
            "defence_expenditure",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1949, max=2100),
                _c("pct_gdp", "float", **_PCT),
                _c("usd_current_millions", "float", nullable=True, min=0.0),
                _c("estimate", _FLAG),
                _c("release", "str"),
                _c(
                    "release_id",
                    "str",
                    derived=True,
                    pattern=RELEASE_ID_PATTERN,
                    description="short code of the NATO release, nato-YYYY-MM[-press] or nato-later-press; "
                    "sorting the codes sorts the releases oldest to newest",
                ),
                _c("full_release", _FLAG, derived=True, description="1 = complete first-hand NATO workbook"),
            ),
            key=("iso3", "year", "release_id"),
            description="NATO defence expenditure, % of GDP and current USD, one row per release",
            extra_codes=("NATO_EUCAN", "NATO_TOTAL"),
        ),
        TableSchema(
            "milex",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1949, max=2100),
                _c("milex_constant2023_usd_millions", "float", nullable=True, min=0.0),
                _c("milex_current_usd_millions", "float", nullable=True, min=0.0),
                _c("milex_pct_gdp", "float", nullable=True, **_PCT),
                _c(
                    "estimate",
                    _FLAG,
                    derived=True,
                    description="1 = SIPRI marks a figure of the row as its estimate (blue in the workbook)",
                ),
                _c(
                    "uncertain",
                    _FLAG,
                    derived=True,
                    description="1 = SIPRI marks a figure of the row as highly uncertain (red in the workbook)",
                ),
                _c("release", "str", derived=True, description="SIPRI release the row was read from"),
            ),
            key=("iso3", "year"),
            description="SIPRI military expenditure (constant 2023 USD, current USD, % GDP), every state, 1949-2024",
        ),
        TableSchema(
            "gdp",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1960, max=2100),
                _c("gdp_current_usd", "float", min=0.0),
                _c("source", "str"),
            ),
            key=("iso3", "year"),
            description="World Bank GDP, current USD (NY.GDP.MKTP.CD)",
        ),
        TableSchema(
            "ukraine_support",
            (
                _c("iso3", "str", iso3=True),
                _c("donor", "str"),
                *(
                    _c(f"{kind}_{measure}_eur_bn", "float", nullable=True, min=0.0)
                    for measure in ("alloc", "commit")
                    for kind in ("military", "financial", "humanitarian", "total")
                ),
                _c("total_alloc_pct_gdp2021", "float", nullable=True, **_PCT),
                _c("release", "str"),
            ),
            key=("iso3",),
            description="Kiel Ukraine Support Tracker: bilateral aid allocations and commitments (EUR bn)",
            extra_codes=("EUI",),
            year_column=None,
        ),
        TableSchema(
            "democracy",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1789, max=2100),
                _c("v2x_libdem", "float", nullable=True, min=0.0, max=1.0),
                _c("measure", "str"),
                _c("vdem_version_note", "str"),
            ),
            key=("iso3", "year"),
            description="V-Dem liberal democracy index v2x_libdem (0-1)",
        ),
        TableSchema(
            "unga_votes",
            (
                _c("iso3", "str", iso3=True),
                _c("resolution", "str"),
                _c("date", "date"),
                _c("vote", "str", nullable=True, allowed=_VOTES),
                _c("note", "str", nullable=True),
                _c("source", "str"),
                _quality(),
            ),
            key=("iso3", "resolution"),
            description="UN General Assembly votes on Ukraine: 68/262 (2014), Crimea 2016-2019, ES-11/1 ... ES-11/8",
            year_column=None,
        ),
        TableSchema(
            "eu_qmv_population",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1990, max=2100),
                _c("population", "int", nullable=True, min=0),
                _c("pct_of_eu_population", "float", nullable=True, **_PCT),
                _c("source", "str"),
                _c(
                    "population_derived",
                    "float",
                    nullable=True,
                    min=0.0,
                    derived=True,
                    description="DERIVED: pct_of_eu_population / 100 x the published EU total, only where the "
                    "absolute figure was not published (accurate to the rounding of the share)",
                ),
            ),
            key=("iso3", "year"),
            description="Council of the EU population figures for qualified-majority voting (Annex III)",
            extra_codes=("EU27",),
        ),
        TableSchema(
            "events",
            (
                _c("date", "date"),
                _c("actor_iso3", "str", iso3=True),
                _c("event_type", "str"),
                _c("description", "str"),
                _c("source_url", "str"),
            ),
            key=("date", "actor_iso3", "event_type"),
            description="Dated facts: accessions, S-400/CAATSA, weapons-use restrictions, Kursk, BRICS, summits",
            extra_codes=("NATO",),
            year_column=None,
        ),
        TableSchema(
            "memberships",
            (
                _c("iso3", "str", iso3=True),
                _c("organisation", "str", allowed=("NATO", "EU", "BRICS", "CSTO")),
                _c("status", "str", allowed=("member", "partner", "invited", "applied")),
                _c("start_date", "date", nullable=True),
                _c("start_year", "int", nullable=True, min=1940, max=2100),
                _c("end_date", "date", nullable=True),
                _c("basis", "str"),
            ),
            key=("iso3", "organisation", "status", "start_year"),
            description="DERIVED: membership spells with dates, from countries + events + dated facts in the build script",
            year_column=None,
        ),
        TableSchema(
            "israel_arms_restrictions",
            (
                _c("iso3", "str", iso3=True),
                _c("date", "date"),
                _c("date_note", "str", nullable=True),
                _c("measure", "str", allowed=MEASURES_ISRAEL),
                _c("level", "str"),
                _c("binding", _FLAG),
                _c("scope", "str"),
                _c("description", "str"),
                _c("source_url", "str", pattern=r"^https?://"),
            ),
            key=("iso3", "date", "measure"),
            description="Dated restrictions on arms exports to Israel (who, when, what, level, source)",
            year_column=None,
        ),
        TableSchema(
            "kiel_releases",
            (
                _c("release", "str"),
                _c("published", "date", nullable=True),
                _c("published_note", "str"),
                _c("data_through", "date"),
                _c("donor_group", "str", allowed=KIEL_GROUPS),
                _c("measure", "str", allowed=("allocation", "commitment")),
                _c("aid_type", "str", allowed=("total", "military", "nonmilitary")),
                _c("eur_bn", "float", min=0.0),
                _c("source_url", "str", pattern=r"^https?://"),
                _c("source_note", "str"),
                _quality(),
            ),
            key=("release", "donor_group", "measure", "aid_type"),
            description="Kiel Ukraine Support Tracker headline figures by release (Europe, US; EUR bn, cumulative)",
            year_column=None,
        ),
        TableSchema(
            "eu_sanctions_holdouts",
            (
                _c("iso3", "str", iso3=True),
                _c("measure", "str"),
                _c("holdout_reported", "date", nullable=True),
                _c("resolved", "date", nullable=True),
                _c("demand", "str"),
                _c("outcome", "str"),
                _c("source_url", "str", pattern=r"^https?://"),
                _c("source_note", "str"),
            ),
            key=("iso3", "measure"),
            description="Dated holdouts by EU members against Russia sanctions decisions (no votes are published)",
            year_column=None,
        ),
    ]
}


_URL = r"^https?://\S+$"
RESPONSE_CATEGORIES = (
    "none",
    "rhetoric",
    "doctrine_change",
    "nuclear_signalling",
    "conventional_reprisal",
    "new_weapon_use",
    "horizontal",
)
"""Russia's answer to an escalation step, from weakest to strongest (docs/escalation.md)."""

SCHEMAS["escalation_events"] = TableSchema(
    "escalation_events",
    (
        _c("step_id", "str", pattern=r"^[a-z0-9_]+$"),
        _c("date", "date", description="day the step was taken (decision, delivery or first use)"),
        _c("actor", "str", iso3=True, description="who took the step (ISO3)"),
        _c(
            "kind",
            "str",
            allowed=("step", "incident"),
            description="step: a deliberate escalation step; "
            "incident: an involuntary near miss (exposure for Schelling's chance)",
        ),
        _c("step", "str"),
        _c("rung_before", "int", min=0, max=4),
        _c("rung_after", "int", min=0, max=4),
        _c(
            "red_line",
            "str",
            allowed=("explicit", "general", "none"),
            description="the line Russia declared beforehand: explicit (about this step), general, none",
        ),
        _c("red_line_by", "str", nullable=True),
        _c("red_line_date", "date", nullable=True),
        _c("red_line_quote", "str", nullable=True),
        _c("red_line_source", "str", nullable=True, pattern=_URL),
        _c("crossed", "bool01"),
        _c("response", "str", nullable=True, allowed=RESPONSE_CATEGORIES),
        _c("response_date", "date", nullable=True),
        _c("response_description", "str", nullable=True),
        _c("response_source", "str", nullable=True, pattern=_URL),
        _c("step_source", "str", pattern=_URL),
        _c("notes", "str", nullable=True),
        _quality(),
    ),
    key=("step_id",),
    description="Western and Ukrainian escalation steps since 2022, the red line Russia declared "
    "beforehand and Russia's response, every row sourced",
    year_column=None,
)


def schema(name: str) -> TableSchema:
    """The schema of table ``name``; unknown names raise an error listing the tables."""
    try:
        return SCHEMAS[name]
    except KeyError:
        raise RedlineError(f"unknown table {name!r}; tables: {', '.join(SCHEMAS)}") from None


def _where(table: str, frame: pd.DataFrame, idx: int, column: str, origin: str | None) -> str:
    """Human-readable location of a bad cell: file/table, row, key values, column.

    The row is the file's own row number when the frame carries a ``_row`` column (loaders set it),
    else the 1-based data row."""
    label = origin or f"table {table}"
    if "_row" in frame.columns:
        return f"{label}, row {frame['_row'].iloc[idx]}, column {column!r}"
    key = ""
    if "iso3" in frame.columns and column != "iso3":
        key = f" ({frame['iso3'].iloc[idx]}"
        if "year" in frame.columns and column != "year":
            key += f" {frame['year'].iloc[idx]}"
        key += ")"
    return f"{label}, row {idx + 1}{key}, column {column!r}"


_EDGE = frozenset(string.ascii_letters + string.digits + string.punctuation)
"""Characters that are whitespace by no definition: a cell that starts and ends with one of them
(after ASCII spaces, tabs and line breaks) strips alike in Python and in pandas' string methods."""


def _stripped_text(raw: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """Every cell stripped of spaces, tabs and line breaks, and which cells are gaps (blank), by
    plain Python (≈ 50x faster than pandas' string methods per column on small tables); ``None``
    unless that is exactly what the pandas path gives: every cell a ``str`` whose text, once stripped
    of those, begins and ends with a printable non-space ASCII character (anything else, e.g. a
    non-breaking space or a non-Latin letter at an edge, takes the pandas path)."""
    values = raw.to_numpy(dtype=object)
    text = np.empty(len(values), dtype=object)
    gap = np.zeros(len(values), dtype=bool)
    for k, value in enumerate(values):
        if type(value) is not str:
            return None
        cell = value.strip(" \t\n\r")
        if cell and (cell[0] not in _EDGE or cell[-1] not in _EDGE):
            return None
        text[k], gap[k] = cell, not cell
    return text, pd.Series(gap, index=raw.index, name=raw.name)


def _coerce(table: str, frame: pd.DataFrame, col: Column, origin: str | None) -> pd.Series:
    raw = frame[col.name]
    plain = _stripped_text(raw)
    if plain is not None:
        text, missing = plain
        if col.kind == "str":
            return pd.Series(np.where(missing, None, text), index=raw.index, name=raw.name, dtype=object)
    else:
        missing = raw.isna() | raw.astype("string").str.strip().eq("").fillna(False)
    if col.kind == "str":
        out = raw.astype("string").str.strip()
        out = out.mask(missing, pd.NA).astype(object).where(~missing, None)
        return out
    if col.kind == "date":
        out = pd.to_datetime(raw.where(~missing), errors="coerce", format="%Y-%m-%d")
        bad = out.isna() & ~missing
    else:
        out = pd.to_numeric(raw.where(~missing), errors="coerce")
        bad = out.isna() & ~missing
        if col.kind in ("int", "bool01"):
            frac = out.notna() & (out != np.round(out))
            bad = bad | frac
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        expected = {"date": "a date YYYY-MM-DD", "int": "a whole number", "bool01": "0 or 1"}.get(
            col.kind, "a number"
        )
        raise RedlineError(
            f"{_where(table, frame, i, col.name, origin)}: expected {expected}, got {raw.iloc[i]!r}"
        )
    if col.kind in ("int", "bool01"):
        return out.astype("Int64")  # made int64 after the gap check when the column is required
    if col.kind == "date":
        return out.dt.date.where(out.notna(), None).astype(object)
    return out.astype("float64")


def validate(
    frame: pd.DataFrame,
    name: str,
    *,
    origin: str | None = None,
    known_iso3: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Check ``frame`` against the schema of table ``name`` and return a typed copy.

    Parameters
    ----------
    frame : the raw table (strings or numbers); not modified.
    name : table name, one of :data:`SCHEMAS`.
    origin : where the frame came from (a file path), used in error messages.
    known_iso3 : when given, every ISO3 code must be one of these or one of the table's extra codes.

    Raises
    ------
    RedlineError naming the table or file, the row (1-based, data rows), the column and the value.
    """
    sch = schema(name)
    label = origin or f"table {name}"
    absent = [c.name for c in sch.columns if c.optional and c.name not in frame.columns]
    if absent:
        frame = frame.assign(**{c: "" for c in absent})
    missing_cols = [c for c in sch.column_names if c not in frame.columns]
    if missing_cols:
        raise RedlineError(
            f"{label}: missing column(s) {', '.join(missing_cols)}; expected columns: {', '.join(sch.column_names)}"
        )
    frame = frame.reset_index(drop=True)
    columns: dict[str, pd.Series] = {}
    known = set(known_iso3) if known_iso3 is not None else None
    for col in sch.columns:
        values = _coerce(name, frame, col, origin)
        isna = pd.isna(values) if col.kind != "str" else values.isna()
        if not col.nullable and isna.any():
            i = int(np.flatnonzero(np.asarray(isna))[0])
            raise RedlineError(f"{_where(name, frame, i, col.name, origin)}: value required, found a gap")
        present = ~np.asarray(isna)
        if col.min is not None or col.max is not None:
            num = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            lo = -np.inf if col.min is None else col.min
            hi = np.inf if col.max is None else col.max
            bad = present & ((num < lo) | (num > hi))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise RedlineError(
                    f"{_where(name, frame, i, col.name, origin)}: {frame[col.name].iloc[i]!r} outside the valid range "
                    f"[{col.min if col.min is not None else '-inf'}, {col.max if col.max is not None else 'inf'}]"
                )
        if col.allowed is not None:
            bad = present & ~values.isin(col.allowed).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise RedlineError(
                    f"{_where(name, frame, i, col.name, origin)}: {values.iloc[i]!r} is not one of "
                    f"{', '.join(col.allowed)} (or blank)"
                    if col.nullable
                    else f"{_where(name, frame, i, col.name, origin)}: {values.iloc[i]!r} is not one of "
                    f"{', '.join(col.allowed)}"
                )
        if col.pattern is not None:
            bad = present & ~values.astype(str).str.match(col.pattern).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise RedlineError(
                    f"{_where(name, frame, i, col.name, origin)}: {values.iloc[i]!r} does not match {col.pattern}"
                )
        if col.iso3:
            codes = values.astype(str)
            ok = codes.str.match(ISO3_PATTERN.pattern) | codes.isin(sch.extra_codes)
            if known is not None:
                ok = ok & (codes.isin(known) | codes.isin(sch.extra_codes))
            if not ok.all():
                i = int(np.flatnonzero(~ok.to_numpy())[0])
                what = "an ISO 3166-1 alpha-3 code"
                if known is not None:
                    what += " of a state in the countries table"
                if sch.extra_codes:
                    what += f" or one of {', '.join(sch.extra_codes)}"
                raise RedlineError(
                    f"{_where(name, frame, i, col.name, origin)}: {codes.iloc[i]!r} is not {what}"
                )
        if col.kind in ("int", "bool01") and not col.nullable:
            values = values.astype("int64")
        columns[col.name] = values
    out = pd.DataFrame(columns, index=frame.index)  # built once: a column at a time costs more
    dup = out.duplicated(list(sch.key), keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        key = ", ".join(f"{k}={out[k].iloc[i]}" for k in sch.key)
        row = frame["_row"].iloc[i] if "_row" in frame.columns else i + 1
        raise RedlineError(f"{label}, row {row}: duplicate key ({key}); the key {sch.key} must be unique")
    return out


# ------------------------------------------------------------ the deterrence model's own tables
# Source files: data/sources/deterrence/*.csv (each row names its public source); built by
# build.BUILD_STEPS; used by redline.deterrence.challenger.
STAKE_KINDS = (
    "former_soviet",
    "russian_ally",
    "government_turned",
    "alignment_move",
    "alignment_away",
    "claim",
    "stationed_troops",
    "occupied_territory",
    "at_war",
    "at_war_full",
    "attack",
    "route_via",
)
"""Kinds of dated fact in ``challenger_stakes`` (their use: :mod:`redline.deterrence.challenger`)."""

DETERRENCE_SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        TableSchema(
            "military_personnel",
            (
                _c("iso3", "str", iso3=True),
                _c("year", "int", min=1990, max=2100),
                _c("personnel_k", "float", min=0.0, description="active military personnel, thousands"),
                _c("release", "str"),
                _c("source", "str"),
                _c("note", "str", nullable=True),
            ),
            key=("iso3", "year"),
            description="Active military personnel (thousands): NATO Table 7 for allies, public IISS-based figures otherwise",
        ),
        TableSchema(
            "forward_presence",
            (
                _c("host_iso3", "str", iso3=True),
                _c("lead_iso3", "str", iso3=True),
                _c("start_date", "date"),
                _c("end_date", "date", nullable=True),
                _c("personnel_k", "float", nullable=True, min=0.0),
                _c("unit", "str", allowed=("battlegroup", "brigade")),
                _c("source", "str"),
                _c("note", "str", nullable=True),
            ),
            key=("host_iso3", "lead_iso3", "start_date"),
            description="Allied forces forward-deployed on a host's territory (eFP battlegroups, brigades), dated",
            year_column=None,
        ),
        TableSchema(
            "pew_defend_ally",
            (
                _c("iso3", "str", iso3=True),
                _c("survey_year", "int", min=2000, max=2100),
                _c("published", "date"),
                _c("share_yes", "float", min=0.0, max=1.0),
                _c("source", "str"),
                _c("note", "str", nullable=True),
            ),
            key=("iso3", "survey_year"),
            description="Pew: share saying their country should use military force to defend a NATO ally attacked by Russia",
            extra_codes=("MEDIAN",),
            year_column="survey_year",
        ),
        TableSchema(
            "challenger_stakes",
            (
                _c("iso3", "str", iso3=True),
                _c("kind", "str", allowed=STAKE_KINDS),
                _c("start_date", "date"),
                _c("end_date", "date", nullable=True),
                _c("value", "float", nullable=True, min=0.0),
                _c("fact", "str"),
                _c("source", "str"),
            ),
            key=("iso3", "kind", "start_date"),
            description="Dated facts behind Russia's stakes per target: claims, alignment moves, troops, territory, wars",
            year_column=None,
        ),
        TableSchema(
            "challenger_commitments",
            (
                _c("theatre", "str", iso3=True),
                _c("start_date", "date"),
                _c("end_date", "date", nullable=True),
                _c("personnel_k", "float", min=0.0),
                _c("fact", "str"),
                _c("source", "str"),
            ),
            key=("theatre", "start_date"),
            description="Russian forces committed to a war elsewhere (thousands), dated",
            year_column=None,
        ),
        TableSchema(
            "declared_positions",
            (
                _c("ally_iso3", "str", iso3=True),
                _c("target_iso3", "str", iso3=True),
                _c("start_date", "date"),
                _c("end_date", "date", nullable=True),
                _c("position", "str", allowed=("commitment", "no_troops")),
                _c("fact", "str"),
                _c("source", "str"),
            ),
            key=("ally_iso3", "target_iso3", "start_date"),
            description="Governments' declared positions on defending a non-member (commitments, exclusions)",
            year_column=None,
        ),
    )
}
SCHEMAS.update(DETERRENCE_SCHEMAS)
