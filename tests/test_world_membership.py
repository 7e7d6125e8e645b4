"""Membership follows accession dates; for_year means 31 December of the year."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline import World
from redline.errors import RedlineError


@pytest.mark.parametrize(
    ("year", "count"), [(2014, 28), (2017, 29), (2019, 29), (2020, 30), (2022, 30), (2023, 31), (2024, 32)]
)
def test_nato_size_by_year(year, count):
    assert len(World.for_year(year).members("NATO")) == count


def test_nato_members_match_accession_years_in_shared_csv(sources_dir):
    with open(sources_dir / "countries.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for year in (2016, 2021, 2024):
        expected = sorted(
            r["iso3"] for r in rows if r["nato_accession_year"] and int(r["nato_accession_year"]) <= year
        )
        assert World.for_year(year).members("NATO") == expected


@pytest.mark.parametrize(
    ("date", "iso3", "member"),
    [
        ("2024-03-06", "SWE", False),
        ("2024-03-07", "SWE", True),
        ("2023-04-03", "FIN", False),
        ("2023-04-04", "FIN", True),
        ("2020-03-26", "MKD", False),
        ("2020-03-27", "MKD", True),
        ("2017-06-04", "MNE", False),
        ("2017-06-05", "MNE", True),
    ],
)
def test_accession_day(date, iso3, member):
    assert (iso3 in World.for_date(date).members("NATO")) is member


def test_for_date_example_from_the_issue():
    w = World.for_date("2024-03-01")
    assert w.date == dt.date(2024, 3, 1) and w.year == 2024
    assert len(w.members("NATO")) == 31
    assert w.actor("SWE").nato == 0 and w.actor("FIN").nato == 1


def test_members_are_sorted_and_flags_agree():
    w = World.for_year(2024)
    nato = w.members("NATO")
    assert nato == sorted(nato)
    assert set(nato) == set(w.actors.index[w.actors["nato"] == 1])
    assert w.members("nato") == nato  # case-insensitive


def test_eu_membership_follows_brexit():
    assert "GBR" in World.for_date("2020-01-31").members("EU")
    assert "GBR" not in World.for_date("2020-02-01").members("EU")
    assert len(World.for_year(2019).members("EU")) == 28
    assert len(World.for_year(2024).members("EU")) == 27


def test_brics_enlargements():
    assert World.for_year(2023).members("BRICS") == ["BRA", "CHN", "IND", "RUS", "ZAF"]
    assert World.for_year(2024).members("BRICS") == [
        "ARE",
        "BRA",
        "CHN",
        "EGY",
        "ETH",
        "IND",
        "IRN",
        "RUS",
        "ZAF",
    ]
    assert "IDN" not in World.for_date("2025-01-05").members("BRICS")
    assert "IDN" in World.for_date("2025-01-06").members("BRICS")
    w = World.for_year(2025)
    assert w.members("BRICS", status="partner") == ["BLR", "KAZ"]
    assert w.members("BRICS", status="applied") == ["AZE", "TUR"]
    assert w.members("BRICS", status="invited") == ["SAU"]
    assert World.for_year(2024).members("BRICS", status="partner") == []
    # Turkey's application (2 Sep 2024) only counts from that day
    assert World.for_date("2024-09-01").actor("TUR").brics_status is None
    assert World.for_date("2024-09-02").actor("TUR").brics_status == "applied"


def test_csto_members():
    assert World.for_year(2024).members("CSTO") == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_errors_name_what_exists():
    with pytest.raises(RedlineError, match="year 2013 outside the data coverage 2014-2025"):
        World.for_year(2013)
    with pytest.raises(RedlineError, match="outside the data coverage"):
        World.for_date("2030-01-01")
    with pytest.raises(RedlineError, match="year must be a whole number"):
        World.for_year(2024.5)
    assert World.for_year("2024").year == 2024
    with pytest.raises(RedlineError, match="date must be YYYY-MM-DD"):
        World.for_date("March 2024")
    w = World.for_year(2024)
    with pytest.raises(RedlineError, match="unknown ISO3 code 'XXX'.*known: ALB"):
        w.actor("XXX")
    with pytest.raises(RedlineError, match="unknown organisation 'OSCE'; known: NATO, EU, BRICS, CSTO"):
        w.members("OSCE")
    with pytest.raises(RedlineError, match="unknown indicator 'gdp'; available: name"):
        w.indicator("gdp")
    with pytest.raises(RedlineError, match="unknown defence_release 'nato-1999'.*nato-2024-06"):
        World.for_year(2024, defence_release="nato-1999")


def _reference_nato(sources_dir, day: dt.date) -> list[str]:
    """Plain reference: accession day from the events file, else the year (all before 2014)."""
    with open(sources_dir / "events.csv", newline="", encoding="utf-8") as fh:
        days = {
            r["actor_iso3"]: dt.date.fromisoformat(r["date"])
            for r in csv.DictReader(fh)
            if r["event_type"] == "nato_accession"
        }
    with open(sources_dir / "countries.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    members = []
    for r in rows:
        if not r["nato_accession_year"]:
            continue
        start = days.get(r["iso3"], dt.date(int(r["nato_accession_year"]), 12, 31))
        if start <= day:
            members.append(r["iso3"])
    return sorted(members)


@settings(max_examples=25)
@given(st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2025, 12, 31)))
def test_nato_membership_matches_reference_on_any_day(sources_dir, day):
    assert World.for_date(day).members("NATO") == _reference_nato(sources_dir, day)


def test_spell_known_only_to_the_year_counts_from_31_december():
    """A spell known only to the year counts from 31 December; a dated one from its day (Azerbaijan's
    BRICS application, announced 20 Aug 2024)."""
    import pandas as pd

    from redline.world import active_spells

    spells = pd.DataFrame(
        {"iso3": ["XXX"], "start_date": [None], "start_year": [2024], "end_date": [None]}
    )
    assert active_spells(spells, dt.date(2024, 12, 30)).empty
    assert len(active_spells(spells, dt.date(2024, 12, 31))) == 1
    assert World.for_date("2024-08-19").actor("AZE").brics_status is None
    assert World.for_date("2024-08-20").actor("AZE").brics_status == "applied"
    assert World.for_year(2024).actor("AZE").brics_status == "applied"
