"""Vintages ("as of" a date) and explicit carry-forward of missing figures in the World.

Expected values are read from the source files with the csv module / the SIPRI workbook, not through
the World, so a bug in the filtering or the carry-forward shows up as a mismatch.
"""

from __future__ import annotations

import csv
import math

import pytest

from redline.data import load_table
from redline.data.releases import RELEASE_DATES, available_from, release_available
from redline.errors import RedlineError
from redline.world import MAX_CARRY_YEARS, World


def _nato(sources_dir, iso3: str, year: int, release_prefix: str) -> float:
    with open(sources_dir / "defence_expenditure.csv", newline="", encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["iso3"] == iso3 and r["year"] == str(year) and r["release"].startswith(release_prefix)
        ]
    assert len(rows) == 1
    return float(rows[0]["pct_gdp"])


def test_release_dates_month_only_counts_from_the_last_day():
    assert str(available_from("2025-04")) == "2025-04-30"
    assert str(available_from("2024-06-17")) == "2024-06-17"
    assert available_from(None) is None
    import datetime as dt

    assert not release_available("milex", "SIPRI 2025-04 (1949-2024)", dt.date(2025, 4, 29))
    assert release_available("milex", "SIPRI 2025-04 (1949-2024)", dt.date(2025, 4, 30))
    assert not release_available("defence_expenditure", "nato-later-press", dt.date(2100, 1, 1))
    assert not release_available("gdp", "anything", dt.date(2100, 1, 1))  # no dates: never "as of"
    for table, releases in RELEASE_DATES.items():
        assert releases, table


def test_as_of_mid_2024_sees_only_what_was_published(sources_dir):
    w = World.for_date("2024-07-10", vintage="as_of")
    assert w.vintage == "as_of"
    # NATO June 2024 workbook was public: its 2024 estimate is used
    assert w.actor("POL").defence_pct_gdp == _nato(sources_dir, "POL", 2024, "NATO 2024-06")
    # SIPRI April 2025 and Kiel Release 28 (April 2026) were not: gaps, and the notes say why
    assert math.isnan(w.actor("RUS").milex_usd)
    assert math.isnan(w.actor("USA").ukraine_aid_total_eur_bn)
    text = " ".join(w.notes)
    assert "Release 28" in text and "SIPRI 2025-04" in text and "nato-2025-04-press" in text
    # the same day with every release held ("now"): the later figures are there
    now = World.for_date("2024-07-10")
    assert now.vintage == "latest" and now.notes == []
    assert not math.isnan(now.actor("USA").ukraine_aid_total_eur_bn)


def test_as_of_picks_the_nato_release_public_on_the_day(sources_dir):
    before = World.for_date("2024-12-31", vintage="as_of", defence_release="latest")
    after = World.for_date("2025-05-01", vintage="as_of", defence_release="latest")
    # 2024 figures of a 2025 World are not what we compare; compare the 2024 World as of two days
    w24_before = World.for_year(2024, vintage="as_of", defence_release="latest")
    assert w24_before.actor("USA").defence_pct_gdp == _nato(sources_dir, "USA", 2024, "NATO 2024-06")
    latest = World.for_year(2024, defence_release="latest")
    assert latest.actor("USA").defence_pct_gdp == _nato(sources_dir, "USA", 2024, "NATO 2025-04")
    # a 2025 World as of May 2025: no 2025 NATO release yet; as of September 2025 the Aug press figures
    assert math.isnan(after.actor("POL").defence_pct_gdp)
    sept = World.for_date("2025-09-15", vintage="as_of", defence_release="latest")
    assert sept.actor("POL").defence_pct_gdp == _nato(sources_dir, "POL", 2025, "NATO 2025-08")
    assert before.year == 2024


def test_carry_forward_fills_with_the_latest_earlier_figure_and_says_so(sources_dir):
    plain = World.for_year(2025)
    assert math.isnan(plain.actor("RUS").milex_usd)  # no SIPRI 2025: a gap by default
    carried = World.for_year(2025, carry_forward=True)
    milex = load_table("milex").set_index(["iso3", "year"])
    assert carried.actor("RUS").milex_usd == milex.loc[("RUS", 2024), "milex_current_usd_millions"] * 1e6
    assert carried.actor("MDA").milex_usd == milex.loc[("MDA", 2024), "milex_current_usd_millions"] * 1e6
    cells = carried.carried.set_index(["iso3", "indicator"])
    assert cells.loc[("RUS", "milex_usd"), "year_used"] == 2024
    assert cells.loc[("RUS", "milex_usd"), "table"] == "milex"
    # North Korea's last SIPRI figure (2018) is more than MAX_CARRY_YEARS back: it stays a gap
    assert MAX_CARRY_YEARS < 2025 - 2018
    assert math.isnan(carried.actor("PRK").milex_usd)
    assert ("PRK", "milex_usd") not in cells.index
    # every carried cell is named in a note; present figures are never replaced
    assert any("milex_usd: no 2025 figure" in n and "RUS" in n for n in carried.notes)
    assert carried.actor("POL").libdem == plain.actor("POL").libdem
    assert carried.provenance["carried_forward"]["cells"] == len(carried.carried)


def test_bad_vintage_is_a_clear_error():
    with pytest.raises(RedlineError, match="vintage must be one of"):
        World.for_year(2024, vintage="yesterday")


def test_deter_2025_runs_and_names_the_carried_figures():
    from typer.testing import CliRunner

    from redline.cli import app

    result = CliRunner().invoke(app, ["deter", "--year", "2025", "--target", "EST", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "milex_usd: no 2025 figure" in result.output and "2024, table milex" in result.output


def test_claims_as_of_the_article_and_now():
    import datetime as dt

    from redline.analytics.claims import ARTICLE_AS_OF, claims_vintages, load_claim_tables, tables_as_of

    tables, _ = load_claim_tables()
    then = tables_as_of(tables, ARTICLE_AS_OF)
    assert then["ukraine_support"].empty  # Kiel Release 28 is dated 22 Apr 2026
    assert then["milex"].empty  # SIPRI's April 2025 release
    assert set(then["defence_expenditure"]["release_id"]) == {"nato-2024-06"}
    later = tables_as_of(tables, dt.date(2026, 5, 1))
    assert len(later["ukraine_support"]) == len(tables["ukraine_support"])
    # Kiel headlines: only the updates public by 31 Dec 2024 with a known day (data to Jan and Feb 2024)
    assert set(then["kiel_releases"]["release"]) == {"UST to 2024-01", "UST to 2024-02"}
    frame = claims_vintages(ARTICLE_AS_OF).set_index("id")
    row = frame.loc["europe_aid_vs_us"]
    # as of the article: the April 2024 update (Europe 89.9 > US 67.0 in total, 42.0 < 43.1 military)
    assert row[f"verdict_as_of_{ARTICLE_AS_OF}"] == "mixed"
    assert row["value_as_of"] == pytest.approx(89.9 / 67.0)
    # now: every release held, but only data dated to the end of 2024 (UST to 2024-12: 132.0 vs 114.0)
    assert row["verdict_now"] == "mixed" and row["value_now"] == pytest.approx(132.0 / 114.0)
    dependable = frame.loc["us_most_dependable_donor"]
    assert dependable[f"verdict_as_of_{ARTICLE_AS_OF}"] == "not testable with shipped data"
    assert dependable["verdict_now"] == "mixed"  # to Dec 2024 neither stalls; the US stalls came in 2025
