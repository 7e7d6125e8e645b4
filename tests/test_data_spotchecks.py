"""Spot checks: figures in the bundled snapshot and the World equal the shared public CSVs.

The expected values are read here with the ``csv`` module (no pandas, no redline code), so a bug in
the build, the schema coercion or the World shows up as a mismatch.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from redline.data import load_table
from redline.world import World


def _rows(sources_dir: Path, table: str) -> list[dict[str, str]]:
    with open(sources_dir / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _sipri(sources_dir: Path, sheet: str, country: str, year: int) -> float:
    """One figure of SIPRI's workbook, found by the sheet's own header row (independent of the build)."""
    frame = pd.read_excel(sources_dir / "raw" / "sipri_milex_1949_2024.xlsx", sheet_name=sheet, header=None)
    top = frame.index[frame[0] == "Country"][0]
    column = list(frame.loc[top]).index(year)
    row = frame.index[frame[0] == country][0]
    return float(frame.loc[row, column])


def _cell(sources_dir: Path, table: str, column: str, **key: str) -> str:
    hits = [r for r in _rows(sources_dir, table) if all(r[k].startswith(v) for k, v in key.items())]
    assert len(hits) == 1, (table, key, len(hits))
    return hits[0][column]


# (table, column, key) — 24 cells across all tables
CELLS = [
    ("defence_expenditure", "pct_gdp", {"iso3": "POL", "year": "2024", "release": "NATO 2024-06"}),
    ("defence_expenditure", "pct_gdp", {"iso3": "POL", "year": "2024", "release": "NATO 2025-04"}),
    ("defence_expenditure", "pct_gdp", {"iso3": "USA", "year": "2024", "release": "NATO 2025-04"}),
    ("defence_expenditure", "usd_current_millions", {"iso3": "ALB", "year": "2014"}),
    ("defence_expenditure", "pct_gdp", {"iso3": "DEU", "year": "2025", "release": "NATO later"}),
    ("defence_expenditure", "pct_gdp", {"iso3": "NATO_TOTAL", "year": "2020"}),
    ("gdp", "gdp_current_usd", {"iso3": "ALB", "year": "2014"}),
    ("gdp", "gdp_current_usd", {"iso3": "DEU", "year": "2024"}),
    ("gdp", "gdp_current_usd", {"iso3": "RUS", "year": "2023"}),
    ("ukraine_support", "total_alloc_eur_bn", {"iso3": "USA"}),
    ("ukraine_support", "military_alloc_eur_bn", {"iso3": "DEU"}),
    ("ukraine_support", "financial_commit_eur_bn", {"iso3": "EUI"}),
    ("ukraine_support", "total_alloc_pct_gdp2021", {"iso3": "DNK"}),
    ("democracy", "v2x_libdem", {"iso3": "HUN", "year": "2024"}),
    ("democracy", "v2x_libdem", {"iso3": "RUS", "year": "2016"}),
    ("countries", "population", {"iso3": "IND"}),
    ("countries", "capital_lat", {"iso3": "EST"}),
    ("countries", "nato_accession_year", {"iso3": "MKD"}),
    ("eu_qmv_population", "pct_of_eu_population", {"iso3": "DEU", "year": "2025"}),
    ("eu_qmv_population", "population", {"iso3": "SWE", "year": "2023"}),
    ("unga_votes", "vote", {"iso3": "SRB", "resolution": "A/RES/ES-11/1"}),
    ("unga_votes", "vote", {"iso3": "TUR", "resolution": "A/RES/74/168"}),
    ("kiel_releases", "eur_bn", {"release": "UST to 2024-02", "donor_group": "EUROPE", "aid_type": "total"}),
    ("kiel_releases", "eur_bn", {"release": "UST to 2024-10", "donor_group": "USA", "measure": "commitment"}),
    ("kiel_releases", "eur_bn", {"release": "UST to 2025-02", "donor_group": "USA", "aid_type": "military"}),
]


@pytest.mark.parametrize(("table", "column", "key"), CELLS, ids=lambda x: str(x))
def test_snapshot_cell_equals_shared_csv(sources_dir, table, column, key):
    expected = _cell(sources_dir, table, column, **key)
    frame = load_table(table)
    mask = True
    for k, v in key.items():
        mask = mask & frame[k].astype(str).str.startswith(v)
    got = frame.loc[mask, column]
    assert len(got) == 1
    value = got.iloc[0]
    if column == "vote":
        assert value == expected
    else:
        assert float(value) == pytest.approx(float(expected), rel=1e-12)


@pytest.mark.parametrize("table", ["gdp", "democracy", "ukraine_support", "countries", "kiel_releases"])
def test_every_numeric_cell_matches(sources_dir, table):
    rows = _rows(sources_dir, table)
    frame = load_table(table)
    assert len(frame) == len(rows)
    for i, row in enumerate(rows):
        for column, text in row.items():
            value = frame[column].iloc[i]
            try:
                expected = float(text)
            except ValueError:
                continue
            assert float(value) == pytest.approx(expected, rel=1e-12), (table, i, column)


def test_world_2024_indicators_equal_shared_figures(sources_dir):
    w = World.for_year(2024)
    pol = w.actor("POL")
    assert pol.defence_pct_gdp == float(
        _cell(sources_dir, "defence_expenditure", "pct_gdp", iso3="POL", year="2024", release="NATO 2024-06")
    )
    assert pol.defence_usd == pytest.approx(
        1e6
        * float(
            _cell(
                sources_dir,
                "defence_expenditure",
                "usd_current_millions",
                iso3="POL",
                year="2024",
                release="NATO 2024-06",
            )
        )
    )
    assert pol.gdp_usd == float(_cell(sources_dir, "gdp", "gdp_current_usd", iso3="POL", year="2024"))
    assert pol.libdem == float(_cell(sources_dir, "democracy", "v2x_libdem", iso3="POL", year="2024"))
    assert pol.milex_usd == pytest.approx(1e6 * round(_sipri(sources_dir, "Current US$", "Poland", 2024), 1))
    assert pol.ukraine_aid_military_eur_bn == float(
        _cell(sources_dir, "ukraine_support", "military_alloc_eur_bn", iso3="POL")
    )
    assert pol.ukraine_aid_pct_gdp == float(
        _cell(sources_dir, "ukraine_support", "total_alloc_pct_gdp2021", iso3="POL")
    )
    assert pol.population == float(_cell(sources_dir, "countries", "population", iso3="POL"))
    assert pol.land_border_belarus == int(_cell(sources_dir, "countries", "land_border_belarus", iso3="POL"))
    # a gap stays a gap: Russia's 2024 GDP is not in the World Bank pull
    assert math.isnan(w.actor("RUS").gdp_usd)


def test_qmv_derived_population_is_share_times_total(sources_dir):
    rows = [r for r in _rows(sources_dir, "eu_qmv_population") if r["year"] == "2025"]
    total = float(next(r["population"] for r in rows if r["iso3"] == "EU27"))
    frame = load_table("eu_qmv_population").set_index(["iso3", "year"])
    for r in rows:
        if r["iso3"] == "EU27":
            continue
        assert r["population"] == ""  # only shares were published
        expected = round(float(r["pct_of_eu_population"]) / 100 * total)
        assert frame.loc[(r["iso3"], 2025), "population_derived"] == expected
        assert pd.isna(frame.loc[(r["iso3"], 2025), "population"])
    # where the absolute figure was published (2023) nothing is derived
    assert math.isnan(frame.loc[("DEU", 2023), "population_derived"])
    # 2024 stays a gap
    assert not (frame.index.get_level_values("year") == 2024).any()
    w = World.for_year(2025)
    assert w.actor("DEU").eu_qmv_population_derived == 1
    assert math.isnan(World.for_year(2024).actor("DEU").eu_qmv_population)


def test_all_releases_are_kept(sources_dir):
    rows = _rows(sources_dir, "defence_expenditure")
    frame = load_table("defence_expenditure")
    assert len(frame) == len(rows)
    pol = frame[(frame["iso3"] == "POL") & (frame["year"] == 2024)]
    assert sorted(pol["release_id"]) == ["nato-2024-06", "nato-2025-04-press"]


# (SIPRI sheet, SIPRI country name, year, milex column, scale, digits)
SIPRI_CELLS = [
    ("Current US$", "Albania", 2014, "milex_current_usd_millions", 1, 1),
    ("Share of GDP", "Russia", 2023, "milex_pct_gdp", 100, 3),
    ("Constant (2023) US$", "United States of America", 2024, "milex_constant2023_usd_millions", 1, 1),
    ("Current US$", "Moldova", 2024, "milex_current_usd_millions", 1, 1),
    ("Constant (2023) US$", "Georgia", 2008, "milex_constant2023_usd_millions", 1, 1),
    ("Share of GDP", "Georgia", 2024, "milex_pct_gdp", 100, 3),
    ("Constant (2023) US$", "Russia", 2000, "milex_constant2023_usd_millions", 1, 1),
    ("Current US$", "Türkiye", 2024, "milex_current_usd_millions", 1, 1),
    ("Share of GDP", "Korea, South", 2010, "milex_pct_gdp", 100, 3),
]
ISO = {
    "Albania": "ALB",
    "Russia": "RUS",
    "United States of America": "USA",
    "Moldova": "MDA",
    "Georgia": "GEO",
    "Türkiye": "TUR",
    "Korea, South": "KOR",
}


@pytest.mark.parametrize(("sheet", "country", "year", "column", "scale", "digits"), SIPRI_CELLS)
def test_milex_cell_equals_sipri_workbook(sources_dir, sheet, country, year, column, scale, digits):
    expected = round(scale * _sipri(sources_dir, sheet, country, year), digits)
    milex = load_table("milex").set_index(["iso3", "year"])
    assert milex.loc[(ISO[country], year), column] == pytest.approx(expected, rel=1e-12)


def test_milex_covers_every_state_sipri_reports():
    """Every state of the World is in the table; the neighbours of Russia have a 2000-2024 panel."""
    milex = load_table("milex")
    assert set(milex["iso3"]) == set(load_table("countries")["iso3"])
    prk = milex[milex["iso3"] == "PRK"]  # SIPRI: current USD to 2018 only, all marked highly uncertain
    assert prk["uncertain"].all() and prk["year"].max() == 2018 and prk["milex_pct_gdp"].isna().all()
    panel = milex[
        (milex["year"] >= 2000) & milex["iso3"].isin(["RUS", "UKR", "BLR", "MDA", "GEO", "POL", "EST"])
    ]
    assert panel.groupby("iso3")["milex_constant2023_usd_millions"].count().min() == 25
    assert set(milex["release"]) == {"SIPRI 2025-04 (1949-2024)"}


def test_sipri_estimate_flags_follow_the_workbook_colours():
    """Ukraine's 2022-2024 figures are blue (SIPRI estimates) in the workbook; Poland's are black."""
    milex = load_table("milex").set_index(["iso3", "year"])
    assert milex.loc[("UKR", 2024), "estimate"] == 1
    assert milex.loc[("POL", 2024), "estimate"] == 0
    assert milex["estimate"].sum() > 0 and milex["uncertain"].sum() > 0


# --------------------------------------------------------- UN votes: Crimea series vs the raw extract
_VOETEN_CODE = {"yes": "Y", "no": "N", "abstain": "A"}
_ISO2 = {"USA": "US", "TUR": "TR", "HUN": "HU", "SRB": "YU", "CHN": "CN", "IND": "IN", "KOR": "KR", "TJK": "TJ"}


@pytest.mark.parametrize(
    "iso3, resolution",
    [
        ("USA", "A/RES/71/205"),
        ("TUR", "A/RES/73/194"),
        ("HUN", "A/RES/74/168"),
        ("SRB", "A/RES/72/190"),
        ("CHN", "A/RES/73/194"),  # abstained here, against in the other years
        ("IND", "A/RES/74/17"),
        ("KOR", "A/RES/71/205"),  # not in the roll call: absent
        ("TJK", "A/RES/74/168"),  # not in the roll call: absent
    ],
)
def test_crimea_vote_equals_the_voeten_extract(sources_dir, iso3, resolution):
    with open(sources_dir / "raw" / "unvotes_voeten_ukraine_2014_2019.csv", newline="", encoding="utf-8") as fh:
        raw = [r for r in csv.DictReader(fh) if r["resolution"] == resolution]
    assert raw, resolution
    hits = [r["vote"] for r in raw if r["country_code"] == _ISO2[iso3]]
    expected = _VOETEN_CODE[hits[0]] if hits else "absent"
    snapshot = load_table("unga_votes").set_index(["iso3", "resolution"])["vote"]
    assert snapshot.loc[(iso3, resolution)] == expected
    world = World.for_year(2020)
    column = "unga_" + resolution.split("/")[-2] + "_" + resolution.split("/")[-1]
    assert world.actor(iso3).unga_votes[column] == expected


def test_crimea_tallies_in_the_extract_match_the_published_counts(sources_dir):
    """The extract's yes-no-abstain counts equal the counts reported at the vote (one known gap)."""
    with open(sources_dir / "raw" / "unvotes_voeten_ukraine_2014_2019.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    published = {  # UN News / Ukrinform / UN press at the vote
        "A/RES/68/262": (100, 11, 58),
        "A/RES/72/190": (70, 26, 76),
        "A/RES/74/168": (65, 23, 83),
        "A/RES/71/205": (70, 25, 77),  # UN: 70-26-77; one vote against missing from the dataset
    }
    for resolution, (y, n, a) in published.items():
        votes = [r["vote"] for r in rows if r["resolution"] == resolution]
        assert (votes.count("yes"), votes.count("no"), votes.count("abstain")) == (y, n, a), resolution


def test_68_262_agrees_between_the_two_independent_sources(sources_dir):
    """The ukraine-viz lists (bundled rows) and the Voeten dataset agree state by state on 68/262."""
    with open(sources_dir / "raw" / "unvotes_voeten_ukraine_2014_2019.csv", newline="", encoding="utf-8") as fh:
        raw = {r["country_code"]: r["vote"] for r in csv.DictReader(fh) if r["resolution"] == "A/RES/68/262"}
    bundled = {r["iso3"]: r["vote"] for r in _rows(sources_dir, "unga_votes") if r["resolution"] == "A/RES/68/262"}
    for iso3, iso2 in _ISO2.items():
        assert bundled[iso3] == (_VOETEN_CODE[raw[iso2]] if iso2 in raw else "absent"), iso3


def test_eu_sanctions_holdouts_equal_the_source_rows(sources_dir):
    rows = _rows(sources_dir, "eu_sanctions_holdouts")
    frame = load_table("eu_sanctions_holdouts")
    assert len(frame) == len(rows) == 4
    svk = frame[(frame["iso3"] == "SVK")].iloc[0]
    assert str(svk["resolved"]) == "2025-07-18" and str(svk["holdout_reported"]) == "2025-06-18"
    hun_2022 = frame[frame["measure"].str.startswith("6th")].iloc[0]
    assert str(hun_2022["resolved"]) == "2022-06-02" and pd.isna(hun_2022["holdout_reported"])
    assert all(r["source_url"].startswith("https://") for r in rows)
