"""Build the bundled snapshot from the source files kept in the repository (``data/sources/``).

Usage::

    python -m redline.data.build                 # reads data/sources/, writes src/redline/data/snapshot/
    python -m redline.data.build SOURCES --out DIR

Each source CSV is read as text, given its derived columns (documented in the schemas and the
provenance records), validated, and written as CSV next to a ``manifest.json`` that records row
counts, file hashes, the snapshot version and the provenance of every table. Tables made from the
original workbooks in ``data/sources/raw/`` are built by the steps in :data:`BUILD_STEPS`; the
workbooks themselves are not copied into the package. See docs/data.md, "Adding a table".
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from redline.data.provenance import BASE_PROVENANCE
from redline.data.schemas import DEFENCE_RELEASES, SCHEMAS, validate
from redline.data.sipri import SIPRI_WORKBOOK, read_sipri_workbook
from redline.data.snapshot import PACKAGE_SNAPSHOT, write_snapshot
from redline.errors import RedlineError

__all__ = [
    "build_tables",
    "build",
    "main",
    "BuildStep",
    "BUILD_STEPS",
    "csv_table",
    "DATED_FACTS",
    "PROJECT_CODED",
    "SOURCES_DIR",
    "quality_gap",
]

SOURCES_DIR = Path(__file__).resolve().parents[3] / "data" / "sources"
"""The repository's source folder (present in a clone or an editable install)."""

SOURCE_TABLES = (
    "countries",
    "defence_expenditure",
    "gdp",
    "ukraine_support",
    "democracy",
    "unga_votes",
    "eu_qmv_population",
    "events",
)

# Membership facts the source CSVs code only as a current status (or not at all). They are
# PROJECT-CODED: entered here by hand from the public page named in each row, not taken from
# a source file; the memberships table says so in its ``basis`` column and in its provenance record.
# (iso3, organisation, status, start_date, start_year, end_date, fact, source URL)
_BRICS = "https://en.wikipedia.org/wiki/BRICS"
_PARTNERS = "https://www.malaymail.com/news/malaysia/2024/12/24/kremlin-malaysia-among-nine-countries-to-officially-become-brics-partners-from-january-1-2025/160914"
_AZE = "https://turan.az/en/politics/azerbaijan-officially-applies-for-brics-membership-783767"
# fmt: off
DATED_FACTS: tuple[tuple[str, str, str, str | None, int | None, str | None, str, str], ...] = (
    ("GBR", "EU", "member", "1973-01-01", 1973, "2020-01-31",
     "UK joined the EC on 1 Jan 1973 and withdrew from the EU on 31 Jan 2020", "https://en.wikipedia.org/wiki/Brexit"),
    ("HRV", "EU", "member", "2013-07-01", 2013, None, "joined the EU on 1 Jul 2013", "https://en.wikipedia.org/wiki/Croatia"),
    ("BRA", "BRICS", "member", None, 2009, None, "founding BRIC member, first summit 2009", _BRICS),
    ("RUS", "BRICS", "member", None, 2009, None, "founding BRIC member, first summit 2009", _BRICS),
    ("IND", "BRICS", "member", None, 2009, None, "founding BRIC member, first summit 2009", _BRICS),
    ("CHN", "BRICS", "member", None, 2009, None, "founding BRIC member, first summit 2009", _BRICS),
    ("ZAF", "BRICS", "member", None, 2010, None, "joined in Dec 2010", _BRICS),
    ("EGY", "BRICS", "member", "2024-01-01", 2024, None, "2024 enlargement, member from 1 Jan 2024", _BRICS),
    ("ETH", "BRICS", "member", "2024-01-01", 2024, None, "2024 enlargement, member from 1 Jan 2024", _BRICS),
    ("IRN", "BRICS", "member", "2024-01-01", 2024, None, "2024 enlargement, member from 1 Jan 2024", _BRICS),
    ("ARE", "BRICS", "member", "2024-01-01", 2024, None, "2024 enlargement, member from 1 Jan 2024", _BRICS),
    ("SAU", "BRICS", "invited", "2023-08-24", 2023, None,
     "invited at the Johannesburg summit 24 Aug 2023, never formally confirmed", _BRICS),
    ("BLR", "BRICS", "partner", "2025-01-01", 2025, None,
     "partner country from 1 Jan 2025 (Kremlin aide Ushakov, 23 Dec 2024; Russian MFA via TASS, 1 Jan 2025)", _PARTNERS),
    ("KAZ", "BRICS", "partner", "2025-01-01", 2025, None,
     "partner country from 1 Jan 2025 (Kremlin aide Ushakov, 23 Dec 2024; Russian MFA via TASS, 1 Jan 2025)", _PARTNERS),
    ("AZE", "BRICS", "applied", "2024-08-20", 2024, None,
     "formal application announced by the foreign ministry's spokesman on 20 Aug 2024", _AZE),
)
# fmt: on
PROJECT_CODED = "project-coded fact (build.DATED_FACTS, not from a source file)"
"""Prefix of the ``basis`` of every membership spell that comes from :data:`DATED_FACTS`."""


def _read(source: Path, name: str) -> pd.DataFrame:
    path = source / f"{name}.csv"
    if not path.is_file():
        raise RedlineError(
            f"{path}: file not found; the source folder needs {', '.join(f'{t}.csv' for t in SOURCE_TABLES)}"
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@dataclass(frozen=True)
class BuildStep:
    """One further table of the snapshot: how to make it from the source folder.

    ``make(source, tables)`` returns the raw frame (text or numbers) from the source folder and the
    tables built before it; the build validates it against ``SCHEMAS[table]`` and stores the record
    ``BASE_PROVENANCE[table]`` in the manifest. ``check_iso3`` requires every ISO3 code to be a state
    of the countries table (or one of the schema's extra codes).
    """

    table: str
    make: Callable[[Path, dict[str, pd.DataFrame]], pd.DataFrame]
    check_iso3: bool = True
    origin: str = ""  # file(s) the table is made from, for error messages


def csv_table(name: str, *, check_iso3: bool = True) -> BuildStep:
    """A step that reads ``<source>/<name>.csv`` as it is (the common case)."""
    return BuildStep(name, lambda source, _tables: _read(source, name), check_iso3, f"{name}.csv")


def _milex(source: Path, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return read_sipri_workbook(source / SIPRI_WORKBOOK, tables["countries"])


def _deterrence_table(name: str) -> BuildStep:
    """A deterrence table read from ``<source>/deterrence/<name>.csv`` (schema in schemas.py)."""
    return BuildStep(name, lambda source, _tables: _read(source / "deterrence", name), True, f"deterrence/{name}.csv")


BUILD_STEPS: list[BuildStep] = [
    BuildStep("milex", _milex, origin=SIPRI_WORKBOOK),  # SIPRI, every state, from SIPRI's workbook
    csv_table("israel_arms_restrictions"),
    csv_table("kiel_releases", check_iso3=False),
    csv_table("eu_sanctions_holdouts"),
    # Further tables, built in this order after the core tables above. To add one: put the source
    # file and its note in data/sources/, declare the schema in schemas.py and the provenance record in
    # provenance.py, and append a step here (csv_table("name") for a plain CSV). See docs/data.md.
    *(
        _deterrence_table(name)
        for name in (
            "military_personnel",
            "forward_presence",
            "pew_defend_ally",
            "challenger_stakes",
            "challenger_commitments",
            "declared_positions",
        )
    ),
    csv_table("escalation_events"),  # red lines crossed since 2022 and Russia's answers (docs/escalation.md)
]
"""Steps for the tables beyond :data:`SOURCE_TABLES` and ``memberships``."""


def _release_id(text: str) -> str:
    for rid, meta in DEFENCE_RELEASES.items():
        if str(text).startswith(str(meta["prefix"])):
            return rid
    known = ", ".join(str(m["prefix"]) for m in DEFENCE_RELEASES.values())
    raise RedlineError(f"defence_expenditure: release {text!r} does not start with a known release ({known})")


def add_defence_release_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``release_id`` (short code) and ``full_release`` (1 = complete first-hand workbook)."""
    out = frame.copy()
    out["release_id"] = [_release_id(r) for r in out["release"]]
    out["full_release"] = [int(bool(DEFENCE_RELEASES[r]["full"])) for r in out["release_id"]]
    return out


def add_qmv_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """``population_derived`` = share / 100 x the EU27 total of the same year, only where the absolute
    figure is missing and both share and total were published. Rounded to whole persons."""
    out = frame.copy()
    pop = pd.to_numeric(out["population"].replace("", None), errors="coerce")
    share = pd.to_numeric(out["pct_of_eu_population"].replace("", None), errors="coerce")
    totals = pop[out["iso3"] == "EU27"].groupby(out["year"][out["iso3"] == "EU27"]).first()
    total = out["year"].map(totals)
    derived = (share / 100.0 * total).round()
    mask = pop.isna() & share.notna() & total.notna() & (out["iso3"] != "EU27")
    out["population_derived"] = derived.where(mask)
    return out


def add_accession_dates(countries: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """``nato_accession_date`` from the ``nato_accession`` events; the years must agree."""
    out = countries.copy()
    acc = events[events["event_type"] == "nato_accession"].set_index("actor_iso3")["date"]
    out["nato_accession_date"] = out["iso3"].map(acc).fillna("")
    for iso3, date in acc.items():
        row = out[out["iso3"] == iso3]
        if row.empty:
            raise RedlineError(f"events: nato_accession of {iso3!r} but no such state in countries")
        year = row["nato_accession_year"].iloc[0]
        if str(year) != str(date)[:4]:
            raise RedlineError(
                f"events: nato_accession of {iso3} dated {date} disagrees with countries.nato_accession_year {year}"
            )
    return out


def build_memberships(countries: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Membership spells (NATO, EU, BRICS, CSTO) with dates where known.

    NATO: from ``nato_accession_year`` and the accession events. EU, CSTO: the current flags, with
    dated facts from :data:`DATED_FACTS` (e.g. Brexit); a flag without a fact means membership since
    before the coverage. BRICS: the current status of every coded state must be backed by a dated fact
    or an event (Indonesia's accession), so the status can be placed in time. The ``basis`` column
    says where each spell comes from: ``sources ...`` (a source table) or :data:`PROJECT_CODED` with its source URL.
    """
    # one tuple per spell: iso3, organisation, status, start_date, start_year, end_date, basis
    rows: list[tuple[str, str, str, str | None, int | None, str | None, str]] = []
    facts = {(f[0], f[1], f[2]) for f in DATED_FACTS}
    ev = events.set_index(["actor_iso3", "event_type"])["date"].to_dict()
    brics_events = {"member": "brics_accession", "applied": "brics_application"}
    for c in countries.to_dict("records"):
        iso3 = c["iso3"]
        if c["nato_accession_year"] not in ("", None):
            date = c.get("nato_accession_date") or None
            day = "; day from events (NATO expenditure-table notes)" if date else ""
            basis = f"sources countries.nato_accession_year{day}"
            rows.append((iso3, "NATO", "member", date, int(c["nato_accession_year"]), None, basis))
        for org, flag in (("EU", "eu_member"), ("CSTO", "csto_member")):
            if str(c[flag]) == "1" and (iso3, org, "member") not in facts:
                basis = f"sources countries.{flag} (member since before 2014)"
                rows.append((iso3, org, "member", None, None, None, basis))
        status = c["brics_status"] or None
        event = brics_events.get(status or "")
        if event and (iso3, event) in ev:
            day = ev[(iso3, event)]
            rows.append((iso3, "BRICS", status, day, int(day[:4]), None, f"sources events.{event}"))
        elif status and (iso3, "BRICS", status) not in facts:
            raise RedlineError(
                f"countries: BRICS status {status!r} of {iso3} has no dated fact in build.DATED_FACTS or events"
            )
    coded = set(countries["iso3"])
    for iso3, org, status, start, year, end, fact, url in DATED_FACTS:
        if iso3 not in coded:
            raise RedlineError(f"build.DATED_FACTS: {iso3} is not in the countries table")
        rows.append((iso3, org, status, start, year, end, f"{PROJECT_CODED}: {fact}; source {url}"))
    frame = pd.DataFrame(rows, columns=SCHEMAS["memberships"].column_names)
    return frame.sort_values(["organisation", "iso3", "status"]).reset_index(drop=True)


def build_tables(source: Path) -> dict[str, pd.DataFrame]:
    """Read, derive and validate every table from the source folder ``source``."""
    source = Path(source)
    if not source.is_dir():
        raise RedlineError(f"{source}: not a folder; give the source folder (default {SOURCES_DIR})")
    raw = {name: _read(source, name) for name in SOURCE_TABLES}
    raw["countries"] = add_accession_dates(raw["countries"], raw["events"])
    raw["defence_expenditure"] = add_defence_release_ids(raw["defence_expenditure"])
    raw["eu_qmv_population"] = add_qmv_derived(raw["eu_qmv_population"])
    raw["memberships"] = build_memberships(raw["countries"], raw["events"])
    countries = validate(raw["countries"], "countries", origin=str(source / "countries.csv"))
    known = set(countries["iso3"])
    tables = {"countries": countries}
    for name in [*SOURCE_TABLES[1:], "memberships"]:
        origin = str(source / f"{name}.csv") if name in SOURCE_TABLES else "derived table memberships"
        check = None if name == "ukraine_support" else known  # Kiel also lists Taiwan (no countries row)
        tables[name] = validate(raw[name], name, origin=origin, known_iso3=check)
    for step in BUILD_STEPS:
        if step.table in tables:
            raise RedlineError(f"build.BUILD_STEPS: table {step.table!r} is built twice")
        frame = step.make(source, tables)
        origin = str(source / step.origin) if step.origin else f"build step {step.table}"
        tables[step.table] = validate(
            frame, step.table, origin=origin, known_iso3=known if step.check_iso3 else None
        )
    return tables


def quality_gap(frame: pd.DataFrame) -> str | None:
    """The known-gap line counting a table's rows flagged in ``source_quality``; None when none is."""
    if "source_quality" not in frame.columns:
        return None
    flags = frame["source_quality"].fillna("").astype(str)
    counts = flags[flags != ""].value_counts()
    if counts.empty:
        return None
    kinds = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
    return (
        f"{int(counts.sum())} of {len(frame)} rows cite state-affiliated media or a second-hand aggregator "
        f"({kinds}; column source_quality, domains in redline.data.source_quality): no primary page stating "
        "the same was found, or the weak page is cited beside one (the row's notes say which)"
    )


def _provenance(name: str, frame: pd.DataFrame) -> dict:
    record = BASE_PROVENANCE[name].as_dict()
    gap = quality_gap(frame)
    if gap:
        record["known_gaps"] = (*record["known_gaps"], gap)
    return record


def build(source: Path = SOURCES_DIR, out: Path = PACKAGE_SNAPSHOT) -> str:
    """Build the snapshot from ``source`` into ``out``; returns the snapshot version."""
    tables = build_tables(source)
    return write_snapshot(
        tables,
        out,
        provenance={name: _provenance(name, frame) for name, frame in tables.items()},
        info={
            "built_from": "data/sources (see data/sources/SOURCES.md)",
            "builder": "python -m redline.data.build",
        },
    )


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m redline.data.build``; returns the exit code (2 on bad input)."""
    parser = argparse.ArgumentParser(
        prog="python -m redline.data.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "source", type=Path, nargs="?", default=SOURCES_DIR, help="source folder (default: data/sources/)"
    )
    parser.add_argument("--out", type=Path, default=PACKAGE_SNAPSHOT, help="snapshot folder to write")
    args = parser.parse_args(argv)
    try:
        version = build(args.source, args.out)
    except RedlineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"snapshot {version} written to {args.out} ({dt.date.today().isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
