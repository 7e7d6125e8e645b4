"""The World: the states of one year (or one day) with their memberships and indicators.

``World.for_year(2024)`` is the world at the **end** of 2024 (31 December): memberships as they stood
that day, and the indicators of calendar year 2024. ``World.for_date("2024-03-01")`` takes
memberships as of that day and the indicators of its calendar year (Sweden, which joined NATO on
2024-03-07, is not yet a member on 1 March). Everything comes from the active data snapshot
(:mod:`redline.data`); gaps stay NaN and ``World.gaps()`` lists them.

Defence spending comes from NATO. Because NATO releases disagree (a year is revised in later
editions) the ``defence_release`` option picks one:

* ``"full"`` (default): per state and year, the newest **complete, first-hand** NATO workbook that
  covers the year. In the bundled snapshot that is the June 2024 edition (2014-2024); 2025 has no
  full release, so 2025 defence figures are NaN under this policy.
* ``"latest"``: per state and year, the newest release with a value, including the partial,
  second-hand press quotes of the 2025-04, 2025-08 and a later edition (mixed price bases).
* a release id such as ``"nato-2025-04-press"``: that release only.

The ``defence_release`` column says which release each figure came from.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from redline.data import load_table, provenance, snapshot_version
from redline.data.releases import SINGLE_VINTAGE_TABLES, release_available
from redline.errors import RedlineError

__all__ = ["World", "Actor", "ORGANISATIONS", "EARTH_RADIUS_KM", "active_spells", "great_circle_km"]

ORGANISATIONS = ("NATO", "EU", "BRICS", "CSTO")
EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius
VINTAGES = ("latest", "as_of")
MAX_CARRY_YEARS = 3
"""carry_forward looks back at most this many years (older figures stay gaps)."""
# table -> (indicator that says a figure is missing, the columns carried with it)
CARRY_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gdp": ("gdp_usd", ("gdp_usd",)),
    "defence_expenditure": (
        "defence_pct_gdp",
        ("defence_pct_gdp", "defence_usd", "defence_estimate", "defence_release"),
    ),
    "milex": ("milex_usd", ("milex_usd", "milex_pct_gdp", "milex_constant2023_usd")),
    "democracy": ("libdem", ("libdem",)),
}
CARRIED_COLUMNS = ["iso3", "indicator", "table", "year_used", "year_wanted"]
FIRST_YEAR = 2014
"""First year a World can be built for: memberships are coded from 2014 on."""
KIEL_START = dt.date(2022, 1, 24)
"""Start of the Kiel tracker's records (project-coded from the tracker's own description,
https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/; not in a source file)."""
_BRICS_ORDER = ("member", "partner", "invited", "applied")


def great_circle_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Great-circle distance in km on a sphere of radius :data:`EARTH_RADIUS_KM` (haversine formula)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


ISRAEL_MEASURE_LEVEL = {
    "call_to_halt": 1,
    "licence_suspension": 2,
    "court_order": 2,
    "export_restriction": 2,
    "suspension_new_licences": 3,
    "embargo": 4,
    "trade_halt": 4,
}
"""Ordinal of a recorded measure: 1 statement, 2 partial (some licences, a court order, listed goods),
3 no new licences, 4 embargo or halt of all trade (an ordering of our own: an assumption)."""


def israel_restriction_level(table: pd.DataFrame, date: dt.date) -> pd.Series:
    """Per ISO3, the level of the strongest measure dated on or before ``date`` (states without one: absent)."""
    rows = table[table["date"] <= date]
    levels = rows["measure"].map(ISRAEL_MEASURE_LEVEL)
    return levels.groupby(rows["iso3"]).max().astype(int)


def _is_vote_column(column: str) -> bool:
    """``unga_es11_4``, ``unga_68_262``: one resolution's votes (not the yes share or the count)."""
    return column.startswith("unga_") and column not in ("unga_yes_share", "unga_votes_recorded")


def _resolution_column(resolution: str) -> str:
    """``A/RES/ES-11/4`` -> ``unga_es11_4``; ``A/RES/68/262`` -> ``unga_68_262``."""
    tail = resolution.split("/RES/")[-1]  # ES-11/4
    return "unga_" + tail.lower().replace("-", "").replace("/", "_")


@dataclass(frozen=True)
class Actor:
    """One state in a :class:`World`: memberships, geography and indicators (NaN = gap)."""

    iso3: str
    name: str
    nato: int
    eu: int
    brics: int
    brics_status: str | None
    csto: int
    land_border_russia: int
    land_border_belarus: int
    land_border_ukraine: int
    capital: str
    capital_lat: float
    capital_lon: float
    dist_moscow_km: float
    population: float
    population_year: int
    gdp_usd: float
    defence_pct_gdp: float
    defence_usd: float
    defence_estimate: float
    defence_release: str | None
    milex_usd: float
    milex_pct_gdp: float
    milex_constant2023_usd: float
    ukraine_aid_military_eur_bn: float
    ukraine_aid_financial_eur_bn: float
    ukraine_aid_humanitarian_eur_bn: float
    ukraine_aid_total_eur_bn: float
    ukraine_aid_total_commit_eur_bn: float
    ukraine_aid_pct_gdp: float
    libdem: float
    eu_qmv_pct: float
    eu_qmv_population: float
    eu_qmv_population_derived: int
    israel_arms_restriction: int
    israel_arms_searched: int
    unga_yes_share: float
    unga_votes_recorded: int
    unga_votes: Mapping[str, str | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["unga_votes"] = dict(self.unga_votes)
        return out


_ACTOR_COLUMNS = [f.name for f in fields(Actor) if f.name not in ("iso3", "unga_votes")]
_TEXT_FIELDS = {"name", "brics_status", "capital", "defence_release"}


@dataclass(frozen=True, eq=False)  # identity equality: a World holds DataFrames
class World:
    """All states of the data snapshot on one day, with memberships and indicators.

    Use :meth:`for_year` or :meth:`for_date`; ``actors`` is a DataFrame indexed by ISO3 (a fresh
    copy on every access), ``provenance`` says which table and release each indicator came from.
    """

    year: int
    date: dt.date
    defence_release: str
    snapshot_version: str
    _actors: pd.DataFrame = field(repr=False)
    _events: pd.DataFrame = field(repr=False)
    _provenance: Mapping[str, Any] = field(repr=False)
    vintage: str = "latest"
    _carried: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=CARRIED_COLUMNS))

    # ------------------------------------------------------------------ construction
    @classmethod
    def coverage(cls, snapshot: str | Path | None = None) -> tuple[int, int]:
        """First and last year with country-year indicators in the snapshot.

        The first year is never before :data:`FIRST_YEAR`: memberships are coded from 2014 on (EU and
        CSTO spells older than that carry no start date), so an earlier World would be wrong even
        where SIPRI has figures back to 1949 (use ``load_table("milex")`` for those).
        """
        years = pd.concat(
            [load_table(t, snapshot)["year"] for t in ("defence_expenditure", "milex", "gdp", "democracy")]
        )
        return max(int(years.min()), FIRST_YEAR), int(years.max())

    @classmethod
    def for_year(
        cls,
        year: int,
        *,
        defence_release: str = "full",
        snapshot: str | Path | None = None,
        vintage: str = "latest",
        carry_forward: bool = False,
    ) -> World:
        """The world at the end of ``year`` (31 December): memberships that day, indicators of the year.

        ``vintage="as_of"`` uses only the releases public on that day (see :mod:`redline.data.releases`);
        ``"latest"`` (default) every release held. ``carry_forward=True`` fills an indicator missing for
        the year with the state's latest earlier figure (at most :data:`MAX_CARRY_YEARS` back), and
        records every such cell in :attr:`carried` and :attr:`notes`; nothing is filled silently.
        """
        try:
            whole = int(year)
        except (TypeError, ValueError):
            raise RedlineError(f"year must be a whole number, got {year!r}") from None
        if whole != float(year):
            raise RedlineError(f"year must be a whole number, got {year!r}")
        year = whole
        first, last = cls.coverage(snapshot)
        if not first <= year <= last:
            raise RedlineError(f"year {year} outside the data coverage {first}-{last}")
        return cls._make(dt.date(year, 12, 31), defence_release, snapshot, vintage, carry_forward)

    @classmethod
    def for_date(
        cls,
        date: str | dt.date,
        *,
        defence_release: str = "full",
        snapshot: str | Path | None = None,
        vintage: str = "latest",
        carry_forward: bool = False,
    ) -> World:
        """The world on ``date`` (ISO ``YYYY-MM-DD``): memberships that day, indicators of its year.

        ``vintage="as_of"``: only the releases public on ``date`` (the data as an analyst had them then);
        ``carry_forward``: as in :meth:`for_year`.
        """
        if isinstance(date, dt.datetime):
            date = date.date()
        if not isinstance(date, dt.date):
            try:
                date = dt.date.fromisoformat(str(date))
            except ValueError:
                raise RedlineError(f"date must be YYYY-MM-DD, got {date!r}") from None
        first, last = cls.coverage(snapshot)
        if not first <= date.year <= last:
            raise RedlineError(f"date {date} outside the data coverage {first}-01-01 to {last}-12-31")
        return cls._make(date, defence_release, snapshot, vintage, carry_forward)

    @classmethod
    def _make(
        cls,
        date: dt.date,
        defence_release: str,
        snapshot: str | Path | None,
        vintage: str,
        carry_forward: bool,
    ) -> World:
        if vintage not in VINTAGES:
            raise RedlineError(f"vintage must be one of {', '.join(VINTAGES)}; found {vintage!r}")
        as_of = date if vintage == "as_of" else None
        world = cls._build(date, defence_release, snapshot, as_of=as_of)
        if not carry_forward:
            return world
        actors, carried = world._actors.copy(), []
        first = cls.coverage(snapshot)[0]
        for back in range(1, MAX_CARRY_YEARS + 1):
            if date.year - back < first:
                break
            earlier = cls._build(dt.date(date.year - back, 12, 31), defence_release, snapshot, as_of=as_of)
            for table, (key, columns) in CARRY_GROUPS.items():
                need = actors[key].isna() & earlier._actors[key].reindex(actors.index).notna()
                for iso3 in actors.index[need]:
                    for col in columns:
                        actors.loc[iso3, col] = earlier._actors.loc[iso3, col]
                    carried.append((iso3, key, table, date.year - back, date.year))
        frame = pd.DataFrame(carried, columns=CARRIED_COLUMNS)
        prov = dict(world._provenance)
        prov["carried_forward"] = {
            "note": f"indicators missing for {date.year} filled with the state's latest earlier figure "
            f"(at most {MAX_CARRY_YEARS} years back); see World.carried",
            "cells": len(frame),
        }
        return cls(
            world.year,
            world.date,
            world.defence_release,
            world.snapshot_version,
            actors,
            world._events,
            MappingProxyType(prov),
            world.vintage,
            frame,
        )

    @classmethod
    def _build(
        cls, date: dt.date, defence_release: str, snapshot: str | Path | None, as_of: dt.date | None = None
    ) -> World:
        year = date.year
        countries = load_table("countries", snapshot).set_index("iso3")
        actors = pd.DataFrame(index=countries.index.rename("iso3"))
        actors["name"] = countries["name"]

        # memberships on `date`
        spells = load_table("memberships", snapshot)
        active = active_spells(spells, date)
        for org in ("NATO", "EU", "CSTO"):
            members = set(
                active.loc[(active["organisation"] == org) & (active["status"] == "member"), "iso3"]
            )
            actors[org.lower()] = [int(i in members) for i in actors.index]
        brics = active[active["organisation"] == "BRICS"]
        status: dict[str, str] = {}
        for iso3, group in brics.groupby("iso3"):
            status[iso3] = min(group["status"], key=_BRICS_ORDER.index)
        actors["brics"] = [int(status.get(i) == "member") for i in actors.index]
        actors["brics_status"] = [status.get(i) for i in actors.index]

        # geography
        for col in ("land_border_russia", "land_border_belarus", "land_border_ukraine", "capital"):
            actors[col] = countries[col]
        actors["capital_lat"] = countries["capital_lat"].astype(float)
        actors["capital_lon"] = countries["capital_lon"].astype(float)
        if "RUS" in countries.index:
            moscow = countries.loc["RUS", ["capital_lat", "capital_lon"]].astype(float)
            actors["dist_moscow_km"] = great_circle_km(
                actors["capital_lat"], actors["capital_lon"], moscow["capital_lat"], moscow["capital_lon"]
            )
        else:
            actors["dist_moscow_km"] = np.nan
        actors["population"] = countries["population"].astype("float64")
        actors["population_year"] = countries["population_year"]

        # economy and defence
        gdp = load_table("gdp", snapshot)
        gdp = gdp[gdp["year"] == year].set_index("iso3")["gdp_current_usd"]
        actors["gdp_usd"] = gdp.reindex(actors.index).astype(float)
        defence_table = load_table("defence_expenditure", snapshot)
        milex = load_table("milex", snapshot)
        kiel = load_table("ukraine_support", snapshot).set_index("iso3")
        withheld: dict[str, list[str]] = {}
        if as_of is not None:  # only the releases public on `as_of`
            for name, frame, column in (
                ("defence_expenditure", defence_table, "release_id"),
                ("milex", milex, "release"),
                ("ukraine_support", kiel, "release"),
            ):
                public = frame[column].map(lambda r, n=name: release_available(n, r, as_of))
                withheld[name] = sorted(set(frame.loc[~public, column]))
                if name == "defence_expenditure":
                    defence_table = frame[public]
                elif name == "milex":
                    milex = frame[public]
                else:
                    kiel = frame[public]
        defence = _defence_rows(defence_table, year, defence_release)
        actors["defence_pct_gdp"] = defence["pct_gdp"].reindex(actors.index).astype(float)
        actors["defence_usd"] = (defence["usd_current_millions"] * 1e6).reindex(actors.index).astype(float)
        actors["defence_estimate"] = defence["estimate"].reindex(actors.index).astype(float)
        actors["defence_release"] = [
            defence["release_id"].get(i) if i in defence.index else None for i in actors.index
        ]
        milex = milex[milex["year"] == year].set_index("iso3")
        actors["milex_usd"] = (milex["milex_current_usd_millions"] * 1e6).reindex(actors.index).astype(float)
        actors["milex_pct_gdp"] = milex["milex_pct_gdp"].reindex(actors.index).astype(float)
        actors["milex_constant2023_usd"] = (
            (milex["milex_constant2023_usd_millions"] * 1e6).reindex(actors.index).astype(float)
        )

        # aid to Ukraine (Kiel cumulative totals; only from the tracker's start)
        aid_cols = {
            "ukraine_aid_military_eur_bn": "military_alloc_eur_bn",
            "ukraine_aid_financial_eur_bn": "financial_alloc_eur_bn",
            "ukraine_aid_humanitarian_eur_bn": "humanitarian_alloc_eur_bn",
            "ukraine_aid_total_eur_bn": "total_alloc_eur_bn",
            "ukraine_aid_total_commit_eur_bn": "total_commit_eur_bn",
            "ukraine_aid_pct_gdp": "total_alloc_pct_gdp2021",
        }
        for new, old in aid_cols.items():
            values = kiel[old].reindex(actors.index).astype(float)
            actors[new] = values if date >= KIEL_START else np.nan

        # democracy
        dem = load_table("democracy", snapshot)
        dem = dem[dem["year"] == year].set_index("iso3")["v2x_libdem"]
        actors["libdem"] = dem.reindex(actors.index).astype(float)

        # EU QMV population (published, else derived share x total); only for EU members that day
        qmv = load_table("eu_qmv_population", snapshot)
        qmv = qmv[(qmv["year"] == year) & (qmv["iso3"] != "EU27")].set_index("iso3")
        published = qmv["population"].astype("float64")
        derived = qmv["population_derived"].astype("float64")
        is_eu = actors["eu"] == 1
        actors["eu_qmv_pct"] = qmv["pct_of_eu_population"].reindex(actors.index).astype(float).where(is_eu)
        actors["eu_qmv_population"] = published.fillna(derived).reindex(actors.index).where(is_eu)
        actors["eu_qmv_population_derived"] = (
            (published.isna() & derived.notna()).reindex(actors.index, fill_value=False).astype(int)
        )

        # arms-export restrictions on Israel in force on `date` (strongest recorded measure)
        israel = load_table("israel_arms_restrictions", snapshot)
        actors["israel_arms_restriction"] = israel_restriction_level(israel, date).reindex(
            actors.index, fill_value=0
        ).astype(int)
        # only the states with a row were searched: the 0 of any other state is an ASSUMPTION
        actors["israel_arms_searched"] = actors.index.isin(set(israel["iso3"])).astype(int)

        # UN General Assembly votes on the Ukraine resolutions adopted by `date`
        votes = load_table("unga_votes", snapshot)
        votes = votes[votes["date"] <= date]
        resolutions = (
            votes[["resolution", "date"]].drop_duplicates().sort_values(["date", "resolution"])["resolution"]
        )
        vote_cols = []
        for res in resolutions:
            col = _resolution_column(res)
            vote_cols.append(col)
            v = votes[votes["resolution"] == res].set_index("iso3")["vote"]
            actors[col] = [v.get(i) if i in v.index else None for i in actors.index]
        if vote_cols:
            grid = actors[vote_cols]
            recorded = grid.isin(["Y", "N", "A"]).sum(axis=1)
            yes = (grid == "Y").sum(axis=1)
            actors["unga_yes_share"] = (yes / recorded.replace(0, np.nan)).astype(float)
            actors["unga_votes_recorded"] = recorded.astype(int)
        else:
            actors["unga_yes_share"] = np.nan
            actors["unga_votes_recorded"] = 0
        ordered = [c for c in _ACTOR_COLUMNS if c in actors.columns] + vote_cols
        actors = actors[ordered].sort_index()

        events = load_table("events", snapshot)
        events = events[events["date"] <= date].reset_index(drop=True)
        version = snapshot_version(snapshot)
        prov = _provenance(snapshot, year, date, defence_release, defence, vote_cols, version)
        if as_of is not None:
            prov["vintage"] = {
                "policy": f"as_of {as_of.isoformat()}: only releases public that day",
                "withheld": {k: v for k, v in withheld.items() if v},
                "note": "held in one (later) vintage only, used as held: " + ", ".join(SINGLE_VINTAGE_TABLES),
            }
        vintage = "as_of" if as_of is not None else "latest"
        return cls(year, date, defence_release, version, actors, events, MappingProxyType(prov), vintage)

    # ------------------------------------------------------------------ queries
    @property
    def actors(self) -> pd.DataFrame:
        """All states, indexed by ISO3 (a copy; changing it does not change the World)."""
        return self._actors.copy()

    @property
    def events(self) -> pd.DataFrame:
        """Dated events up to and including :attr:`date`."""
        return self._events.copy()

    @property
    def provenance(self) -> dict[str, Any]:
        """For each indicator: the table, column and release it came from, with notes."""
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self._provenance.items()}

    @property
    def carried(self) -> pd.DataFrame:
        """Cells filled by ``carry_forward``: iso3, indicator, table, year_used, year_wanted."""
        return self._carried.copy()

    @property
    def notes(self) -> list[str]:
        """Plain-language notes on vintage and carried-forward figures (empty for a plain World)."""
        out = []
        vintage = self._provenance.get("vintage")
        if vintage:
            for table, releases in vintage["withheld"].items():
                out.append(f"{table}: release(s) not yet public on {self.date}: {', '.join(releases)}")
        for (indicator, table, used), group in self._carried.groupby(["indicator", "table", "year_used"]):
            rel = self._provenance.get(indicator, {}).get("release", "")
            states = sorted(group["iso3"])
            who = ", ".join(states) if len(states) <= 10 else f"{len(states)} states ({' '.join(states)})"
            out.append(
                f"{indicator}: no {self.year} figure for {who}; "
                f"latest earlier figure used ({used}, table {table}{', ' + rel if rel else ''})"
            )
        return out

    @property
    def iso3(self) -> list[str]:
        return list(self._actors.index)

    def members(self, organisation: str, status: str = "member") -> list[str]:
        """Sorted ISO3 codes of the members of ``organisation`` (NATO, EU, BRICS, CSTO) on :attr:`date`.

        For BRICS, ``status`` may also be ``partner``, ``invited`` or ``applied``.
        """
        org = str(organisation).upper()
        if org not in ORGANISATIONS:
            raise RedlineError(f"unknown organisation {organisation!r}; known: {', '.join(ORGANISATIONS)}")
        if org == "BRICS":
            if status not in _BRICS_ORDER:
                raise RedlineError(f"unknown BRICS status {status!r}; known: {', '.join(_BRICS_ORDER)}")
            mask = self._actors["brics_status"] == status
        else:
            if status != "member":
                raise RedlineError(f"{org} has only status 'member', got {status!r}")
            mask = self._actors[org.lower()] == 1
        return sorted(self._actors.index[mask])

    def actor(self, iso3: str) -> Actor:
        """The frozen record of one state."""
        code = str(iso3).upper()
        if code not in self._actors.index:
            raise RedlineError(
                f"unknown ISO3 code {iso3!r} in the {self.year} world; known: {', '.join(self._actors.index)}"
            )
        row = self._actors.loc[code]
        values = {c: _plain(row[c], c in _TEXT_FIELDS) for c in _ACTOR_COLUMNS}
        votes = {c: _plain(row[c], True) for c in self._actors.columns if _is_vote_column(c)}
        return Actor(iso3=code, unga_votes=MappingProxyType(votes), **values)

    def indicator(self, name: str) -> pd.Series:
        """One column of :attr:`actors` as a Series indexed by ISO3."""
        if name not in self._actors.columns:
            raise RedlineError(f"unknown indicator {name!r}; available: {', '.join(self._actors.columns)}")
        return self._actors[name].copy()

    def gaps(self, organisation: str | None = None) -> pd.DataFrame:
        """Missing numeric indicators (one row per state and indicator), optionally for one organisation."""
        frame = self._actors
        if organisation is not None:
            frame = frame.loc[self.members(organisation)]
        numeric = frame.select_dtypes("number")
        missing = numeric.isna()
        qmv = [c for c in ("eu_qmv_pct", "eu_qmv_population") if c in missing.columns]
        missing.loc[frame["eu"] != 1, qmv] = False  # not applicable outside the EU
        missing = missing.stack()
        missing = missing[missing]
        return pd.DataFrame(
            {"iso3": missing.index.get_level_values(0), "indicator": missing.index.get_level_values(1)}
        )

    def to_frame(self) -> pd.DataFrame:
        """The actors table with ``iso3`` as a column (for CSV/JSON output)."""
        return self._actors.reset_index()

    def __repr__(self) -> str:
        nato = int(self._actors["nato"].sum())
        return (
            f"World(date={self.date.isoformat()}, actors={len(self._actors)}, nato={nato}, "
            f"defence_release={self.defence_release!r}, snapshot={self.snapshot_version})"
        )


# ---------------------------------------------------------------------- helpers
def _plain(value: Any, text: bool = False) -> Any:
    """A plain Python value; a gap in a text field is ``None``, in a number field NaN."""
    if text:
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if value is pd.NA:
        return math.nan
    return value


def active_spells(spells: pd.DataFrame, date: dt.date) -> pd.DataFrame:
    """Membership spells active on ``date``.

    A spell starts on ``start_date``; when only ``start_year`` is known it counts from 31 December of
    that year (so ``for_year`` of the accession year includes it, earlier days of that year do not);
    with neither, it predates the coverage. It ends after ``end_date`` (inclusive).
    """
    starts = []
    for sd, sy in zip(spells["start_date"], spells["start_year"], strict=True):
        if sd is not None and not pd.isna(sd):
            starts.append(sd)
        elif sy is not None and not pd.isna(sy):
            starts.append(dt.date(int(sy), 12, 31))
        else:
            starts.append(dt.date.min)
    ends = [dt.date.max if e is None or pd.isna(e) else e for e in spells["end_date"]]
    mask = [s <= date <= e for s, e in zip(starts, ends, strict=True)]
    return spells[mask]


def _defence_rows(table: pd.DataFrame, year: int, policy: str) -> pd.DataFrame:
    """One defence-expenditure row per state for ``year`` under the release ``policy``."""
    rows = table[(table["year"] == year) & table["pct_gdp"].notna()]
    if policy == "full":
        rows = rows[rows["full_release"] == 1]
    elif policy != "latest":
        known = sorted(set(table["release_id"]))
        if policy not in known:
            raise RedlineError(
                f"unknown defence_release {policy!r}; use 'full', 'latest' or one of: {', '.join(known)}"
            )
        rows = rows[rows["release_id"] == policy]
    rows = rows.sort_values("release_id").groupby("iso3").tail(1)
    return rows.set_index("iso3")


def _provenance(
    snapshot: str | Path | None,
    year: int,
    date: dt.date,
    policy: str,
    defence: pd.DataFrame,
    vote_cols: list[str],
    version: str,
) -> dict[str, Any]:
    def rel(table: str) -> str:
        return provenance(table, snapshot).release

    used = sorted(set(defence["release_id"])) if len(defence) else []
    policy_text = {
        "full": "newest complete first-hand NATO workbook covering the year (default)",
        "latest": "newest NATO release with a value, including partial second-hand press quotes",
    }.get(policy, f"only release {policy}")
    defence_note = f"policy {policy!r}: {policy_text}; releases used for {year}: {', '.join(used) or 'none'}"
    if not used:
        defence_note += (
            " (no release of this kind covers the year: figures are NaN; try defence_release='latest')"
        )
    out: dict[str, Any] = {
        "snapshot_version": version,
        "date": date.isoformat(),
        "memberships": {
            "table": "memberships",
            "release": rel("memberships"),
            "note": f"status on {date.isoformat()}; for_year means 31 December",
        },
        "population": {
            "table": "countries",
            "column": "population",
            "release": rel("countries"),
            "note": "World Bank population of population_year (2024) for every year",
        },
        "dist_moscow_km": {
            "table": "countries",
            "column": "capital_lat/capital_lon",
            "note": f"great-circle (haversine) distance between capitals, R = {EARTH_RADIUS_KM} km",
        },
        "gdp_usd": {"table": "gdp", "column": "gdp_current_usd", "release": rel("gdp"), "year": year},
        "defence_pct_gdp": {
            "table": "defence_expenditure",
            "column": "pct_gdp",
            "release": ", ".join(used),
            "note": defence_note,
        },
        "defence_usd": {
            "table": "defence_expenditure",
            "column": "usd_current_millions x 1e6",
            "release": ", ".join(used),
            "note": "blank for press-quoted releases",
        },
        "milex_usd": {
            "table": "milex",
            "column": "milex_current_usd_millions x 1e6",
            "release": rel("milex"),
            "year": year,
        },
        "ukraine_aid_total_eur_bn": {
            "table": "ukraine_support",
            "column": "*_alloc_eur_bn",
            "release": rel("ukraine_support"),
            "note": "cumulative allocations since 24 Jan 2022 as of the release, not "
            "a per-year figure; NaN before the tracker starts; pct_gdp = % of 2021 GDP",
        },
        "libdem": {"table": "democracy", "column": "v2x_libdem", "release": rel("democracy"), "year": year},
        "eu_qmv_population": {
            "table": "eu_qmv_population",
            "release": rel("eu_qmv_population"),
            "year": year,
            "note": "published figure, else DERIVED share x EU total (eu_qmv_population_derived = 1)",
        },
        "israel_arms_restriction": {
            "table": "israel_arms_restrictions",
            "release": rel("israel_arms_restrictions"),
            "note": "strongest measure dated on or before the date: 0 none recorded (only some states were "
            "searched), 1 call to halt, 2 partial, 3 no new licences, 4 embargo / all trade halted "
            "(ordering: assumption); israel_arms_searched = 0 marks a state nobody searched, whose 0 is an "
            "ASSUMPTION (no restriction), not a finding",
        },
        "unga_votes": {
            "table": "unga_votes",
            "columns": vote_cols,
            "release": rel("unga_votes"),
            "note": "resolutions adopted by the date; unga_yes_share = Y / (Y + N + A), blanks "
            "(undetermined) and 'absent' excluded",
        },
    }
    for col in (
        "ukraine_aid_military_eur_bn",
        "ukraine_aid_financial_eur_bn",
        "ukraine_aid_humanitarian_eur_bn",
        "ukraine_aid_total_commit_eur_bn",
        "ukraine_aid_pct_gdp",
    ):
        out[col] = out["ukraine_aid_total_eur_bn"]
    for col in ("milex_pct_gdp", "milex_constant2023_usd"):
        out[col] = out["milex_usd"]
    for col in ("unga_yes_share", "unga_votes_recorded", *vote_cols):
        out[col] = out["unga_votes"]
    for col in ("eu_qmv_pct", "eu_qmv_population_derived"):
        out[col] = out["eu_qmv_population"]
    out["defence_estimate"] = {**out["defence_pct_gdp"], "column": "estimate"}
    out["defence_release"] = {**out["defence_pct_gdp"], "column": "release_id"}
    return out
