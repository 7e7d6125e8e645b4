"""The data the claims read: the tables, the NATO release, the helpers that select members, frontline
states, releases and Kiel's aid series, and the tables as known on a date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.burden import (
    spending_change,
)
from redline.analytics.claims.records import (
    DataUsed,
)
from redline.data.releases import full_defence_release, release_day, release_prefix

__all__ = [
    "TABLES",
    "NATO_FULL_RELEASE",
    "EUROPE_NON_EU",
    "load_claim_tables",
    "kiel_series",
    "tables_as_of",
    "weak_sources",
    "tables_to_year",
]


TABLES = (
    "countries",
    "defence_expenditure",
    "milex",
    "gdp",
    "ukraine_support",
    "kiel_releases",
    "democracy",
    "unga_votes",
)


NATO_FULL_RELEASE = full_defence_release()
"""The complete NATO release the claims read (the newest one the data layer declares)."""


EUROPE_NON_EU = ("GBR", "NOR", "CHE", "ISL")
"""Kiel's "Europe": EU institutions, EU members, and these European donors outside the EU."""


Tables = Mapping[str, pd.DataFrame]


def load_claim_tables() -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The tables the claims use, from the active data snapshot, and each table's release."""
    from redline.data import load_table, provenance

    tables = {name: load_table(name) for name in TABLES}
    releases = {name: provenance(name).release for name in TABLES}
    return tables, releases


def _nato_members(countries: pd.DataFrame, year: int) -> list[str]:
    accession = pd.to_numeric(countries["nato_accession_year"], errors="coerce")
    return sorted(countries.loc[accession <= year, "iso3"].astype(str))


def _frontline(countries: pd.DataFrame) -> set[str]:
    from redline.frontline import frontline_states

    return set(frontline_states(countries.set_index("iso3")))


def _nato_rows(defence: pd.DataFrame, release_id: str = NATO_FULL_RELEASE) -> pd.DataFrame:
    if "release_id" in defence.columns:
        return defence[defence["release_id"] == release_id]
    prefix = release_prefix(release_id)
    return defence[defence["release"].astype(str).str.startswith(prefix)]


def _release_of(frame: pd.DataFrame, releases: Mapping[str, str], table: str) -> str:
    if "release" in frame.columns and len(frame):
        values = sorted(set(frame["release"].dropna().astype(str)))
        if values:
            return "; ".join(values)
    return releases.get(table, "release not recorded")


def _rank_desc(values: pd.Series) -> pd.Series:
    return values.rank(ascending=False, method="min")


def _need(tables: Tables, names: Sequence[str]) -> list[str]:
    return [f"table {n!r}" for n in names if n not in tables or tables[n] is None or tables[n].empty]


def _kiel(tables: Tables) -> pd.DataFrame:
    kiel = tables["ukraine_support"].copy()
    kiel["government"] = kiel["iso3"] != "EUI"
    return kiel


def _kiel_used(kiel: pd.DataFrame, releases: Mapping[str, str], years: str, columns: str) -> DataUsed:
    """The Kiel tracker as a claim's data record: its release, the span of the figures and columns."""
    return DataUsed("ukraine_support", _release_of(kiel, releases, "ukraine_support"), years, columns)


def _europe_codes(countries: pd.DataFrame) -> set[str]:
    """Kiel's "Europe": EU members (2025 coding), the European non-EU donors and EU institutions."""
    eu = set(countries.loc[countries["eu_member"].fillna(0).astype(int) == 1, "iso3"])
    return eu | set(EUROPE_NON_EU) | {"EUI"}


def _day(value: Any) -> dt.date | None:
    """A date cell (date, Timestamp, ISO text or blank) as a date; blanks and NaT -> None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    stamp = pd.to_datetime(str(value), errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def weak_sources(series: pd.DataFrame, releases: Iterable[str]) -> str:
    """A sentence counting the figures of ``releases`` (rows of :func:`kiel_series`) that rest on a flagged
    source (``kiel_releases.source_quality``); empty when none does."""
    used = series[series["release"].isin(list(releases))]
    flagged = used[used["source_quality"].fillna("") != ""]
    if flagged.empty:
        return ""
    kinds = ", ".join(sorted(set(", ".join(flagged["source_quality"]).split(", "))))
    which = ", ".join(f"{r.donor} {r.release}" for r in flagged.itertuples())
    return (
        f" {len(flagged)} of the {len(used)} release figures used rest on {kinds} pages quoting Kiel "
        f"(kiel_releases.source_quality; no Kiel page with the same figure was found): {which}."
    )


def kiel_series(tables: Tables) -> pd.DataFrame:
    """The US's and Europe's cumulative aid allocations at every tracker release held (EUR bn).

    From the release headlines (``kiel_releases``: a total as quoted, else military + non-military,
    labelled derived) and from the per-donor release (``ukraine_support``: the US row; Europe = the sum
    over Kiel's Europe, labelled derived). Columns: ``release, published, data_through, donor,
    total_alloc_eur_bn, military_alloc_eur_bn, basis, source_quality`` (the flags of the headline rows
    used: blank, or state-affiliated media / second-hand aggregator); ordered by data cut-off (the
    publication day where the cut-off is not recorded).
    """

    rows: list[dict[str, Any]] = []
    heads = tables.get("kiel_releases")
    if heads is not None and not heads.empty:
        alloc = heads[heads["measure"] == "allocation"]
        for (release, donor), group in alloc.groupby(["release", "donor_group"], sort=False):
            if donor not in ("USA", "EUROPE"):
                continue
            by = group.set_index("aid_type")["eur_bn"].astype(float)
            total, basis = float(by.get("total", np.nan)), "quoted in the release"
            if math.isnan(total) and {"military", "nonmilitary"} <= set(by.index):
                total, basis = float(by["military"] + by["nonmilitary"]), "derived: military + non-military"
            flags = group["source_quality"].fillna("").astype(str) if "source_quality" in group else pd.Series()
            rows.append(
                {
                    "release": release,
                    "published": _day(group["published"].iloc[0]),
                    "data_through": _day(group["data_through"].iloc[0]),
                    "donor": donor,
                    "total_alloc_eur_bn": total,
                    "military_alloc_eur_bn": float(by.get("military", np.nan)),
                    "basis": basis,
                    "source_quality": ", ".join(sorted({f for f in flags if f})),
                }
            )
    kiel, countries = tables.get("ukraine_support"), tables.get("countries")
    if kiel is not None and not kiel.empty and countries is not None and "USA" in set(kiel["iso3"]):
        release = _release_of(kiel, {}, "ukraine_support")
        published = release_day("ukraine_support", release)
        eur = kiel[kiel["iso3"].isin(_europe_codes(countries))]
        us = kiel[kiel["iso3"] == "USA"].iloc[0]
        for donor, total, military, basis in (
            ("USA", us["total_alloc_eur_bn"], us["military_alloc_eur_bn"], "per-donor table"),
            (
                "EUROPE",
                eur["total_alloc_eur_bn"].sum(min_count=1),
                eur["military_alloc_eur_bn"].sum(min_count=1),
                "derived: sum over Kiel's Europe in the per-donor table",
            ),
        ):
            rows.append(
                {
                    "release": release,
                    "published": published,
                    "data_through": None,
                    "donor": donor,
                    "total_alloc_eur_bn": float(total),
                    "military_alloc_eur_bn": float(military),
                    "basis": basis,
                    "source_quality": "",
                }
            )
    columns = [
        "release", "published", "data_through", "donor", "total_alloc_eur_bn", "military_alloc_eur_bn", "basis",
        "source_quality",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    order = frame["data_through"].where(frame["data_through"].notna(), frame["published"])
    frame["_order"] = [d if d is not None else dt.date.max for d in order]
    return frame.sort_values(["_order", "donor"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _nato_total_series(tables: Tables, members: Sequence[str]) -> pd.DataFrame:
    """Year-on-year changes of NATO's total on every basis the tables allow (tidy).

    Columns: ``basis, terms (real|nominal), table, year, total_usd_millions, change, change_pct``. A
    SIPRI total is NaN in a year where any ally lacks a figure (no partial sums).
    """
    totals: list[tuple[str, str, str, pd.Series]] = []
    defence = _nato_rows(tables["defence_expenditure"]) if "defence_expenditure" in tables else pd.DataFrame()
    if not defence.empty:
        nato = defence[defence["iso3"] == "NATO_TOTAL"].set_index("year")["usd_current_millions"]
        label = "NATO current USD (NATO_TOTAL aggregate)"
        totals.append((label, "nominal", "defence_expenditure", nato))
    milex = tables.get("milex")
    if milex is not None and not milex.empty:
        sub = milex[milex["iso3"].isin(members)]
        for column, terms, label in (
            ("milex_constant2023_usd_millions", "real", "SIPRI constant 2023 USD, sum over the allies"),
            ("milex_current_usd_millions", "nominal", "SIPRI current USD, sum over the allies"),
        ):
            wide = sub.pivot_table(index="iso3", columns="year", values=column, aggfunc="first")
            totals.append((label, terms, "milex", wide.sum(min_count=1).where(wide.notna().all())))
    columns = ["basis", "terms", "table", "year", "total_usd_millions", "change", "change_pct"]
    parts = [
        spending_change(series)
        .rename(columns={"value": "total_usd_millions"})
        .assign(basis=label, terms=terms, table=table)[columns]
        for label, terms, table, series in totals
        if len(series)
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).sort_values(["basis", "year"]).reset_index(drop=True)


def tables_as_of(tables: Tables, on: dt.date) -> dict[str, pd.DataFrame]:
    """The claim tables with only the rows of releases public on ``on`` (:mod:`redline.data.releases`).

    NATO rows by release id, SIPRI and Kiel rows by release text; a release not yet public is dropped
    (a table can become empty). Tables held in one vintage only (GDP, V-Dem, votes) are kept as held.
    """
    from redline.data.releases import release_available

    out = dict(tables)
    for name, column in (
        ("defence_expenditure", "release_id"),
        ("milex", "release"),
        ("ukraine_support", "release"),
        ("kiel_releases", "release"),
    ):
        frame = tables.get(name)
        if frame is not None and column in frame.columns:
            public = frame[column].map(lambda r, n=name: release_available(n, str(r), on))
            out[name] = frame[public.astype(bool)].reset_index(drop=True)
    return out


def tables_to_year(tables: Tables, year: int) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]]]:
    """The claim tables with only the data dated up to 31 Dec ``year``, and what was left out or is undated.

    Why: a claim about the article's year must not rest on later data (hindsight), and must read the
    votes ``redline factions --year`` reads. The date of a row: its ``year`` (NATO, SIPRI, GDP, V-Dem),
    its vote ``date`` (UN votes), a tracker release's data cut-off (``data_through``), else its
    publication day, an upper bound of the cut-off: a release whose cut-off is not recorded and that was
    published after the year may hold later aid and is left out. A release with neither date is kept
    and named as undated. Returns the tables and, per table, the notes on rows left out or undated.
    """
    end = dt.date(year, 12, 31)
    out = dict(tables)
    notes: dict[str, list[str]] = {}

    def note(name: str, text: str) -> None:
        notes.setdefault(name, []).append(text)

    for name in ("defence_expenditure", "milex", "gdp", "democracy"):
        frame = tables.get(name)
        if frame is None or frame.empty or "year" not in frame.columns:
            continue
        years = pd.to_numeric(frame["year"], errors="coerce")
        later = years > year
        if later.any():
            span = f"{int(years[later].min())}" + (
                f"-{int(years[later].max())}" if years[later].max() > years[later].min() else ""
            )
            note(name, f"left out: figures for {span} ({int(later.sum())} rows)")
            out[name] = frame[~later].reset_index(drop=True)
    votes = tables.get("unga_votes")
    if votes is not None and not votes.empty:
        day = pd.to_datetime(votes["date"].astype(str), errors="coerce").dt.date
        later = day.map(lambda d: d is not None and not pd.isna(d) and d > end)
        if later.any():
            dropped = votes[later].drop_duplicates("resolution")
            listed = ", ".join(f"{r.resolution} of {r.date}" for r in dropped.itertuples())
            note("unga_votes", f"left out: votes after {end} ({listed})")
            out["unga_votes"] = votes[~later].reset_index(drop=True)
    for name in ("kiel_releases", "ukraine_support"):
        frame = tables.get(name)
        if frame is None or frame.empty or "release" not in frame.columns:
            continue
        keep = pd.Series(True, index=frame.index)
        for release, rows in frame.groupby("release", sort=False):
            through = _day(rows["data_through"].iloc[0]) if "data_through" in rows.columns else None
            published = _day(rows["published"].iloc[0]) if "published" in rows.columns else None
            published = published or release_day(name, str(release))
            if through is not None:
                if through > end:
                    note(name, f"left out: {release} (data to {through})")
                    keep[rows.index] = False
            elif published is not None:
                if published > end:
                    note(name, f"left out: {release} (data cut-off not recorded, published {published})")
                    keep[rows.index] = False
            else:
                note(name, f"undated, kept: {release} (no data cut-off or publication day recorded)")
        out[name] = frame[keep].reset_index(drop=True)
    return out, notes
