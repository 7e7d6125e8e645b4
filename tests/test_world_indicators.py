"""World indicators: columns, independent re-computations, release policies, immutability."""

from __future__ import annotations

import csv
import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from redline import World
from redline.world import Actor, great_circle_km

REQUIRED_COLUMNS = [
    "name", "nato", "eu", "brics_status", "csto", "land_border_russia", "land_border_belarus",
    "land_border_ukraine", "capital_lat", "capital_lon", "population", "gdp_usd", "defence_pct_gdp",
    "defence_usd", "milex_usd", "ukraine_aid_military_eur_bn", "ukraine_aid_financial_eur_bn",
    "ukraine_aid_humanitarian_eur_bn", "ukraine_aid_total_eur_bn", "ukraine_aid_pct_gdp", "libdem",
    "dist_moscow_km", "unga_yes_share",
]  # fmt: skip


@pytest.fixture(scope="module")
def w2024() -> World:
    return World.for_year(2024)


def test_required_columns_and_index(w2024):
    actors = w2024.actors
    assert actors.index.name == "iso3"
    assert actors.index.is_unique and list(actors.index) == sorted(actors.index)
    for col in REQUIRED_COLUMNS:
        assert col in actors.columns, col
    assert {"unga_es11_1", "unga_es11_6"} <= set(actors.columns)


def _haversine(lat1, lon1, lat2, lon2, r=6371.0088):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def test_distance_to_moscow_matches_scalar_haversine(w2024):
    actors = w2024.actors
    mlat, mlon = actors.loc["RUS", ["capital_lat", "capital_lon"]]
    for iso3, row in actors.iterrows():
        expected = _haversine(row["capital_lat"], row["capital_lon"], mlat, mlon)
        assert row["dist_moscow_km"] == pytest.approx(expected, rel=1e-12, abs=1e-9), iso3
    assert actors.loc["RUS", "dist_moscow_km"] == 0.0
    # plausibility: Warsaw-Moscow is about 1,150 km, Washington-Moscow about 7,800 km
    assert 1100 < actors.loc["POL", "dist_moscow_km"] < 1200
    assert 7700 < actors.loc["USA", "dist_moscow_km"] < 7900
    # quarter of a great circle: pole to equator
    assert great_circle_km(90.0, 0.0, 0.0, 0.0) == pytest.approx(math.pi / 2 * 6371.0088)


def test_unga_yes_share_by_loop(sources_dir):
    with open(sources_dir / "unga_votes.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for year in (2014, 2022, 2023, 2025):
        w = World.for_year(year)
        for iso3 in ("POL", "HUN", "IND", "USA", "CHN", "RUS", "SRB", "ETH", "AZE"):  # ETH, AZE absent once
            yes = recorded = 0
            for r in rows:
                if r["iso3"] == iso3 and int(r["date"][:4]) <= year and r["vote"] in ("Y", "N", "A"):
                    recorded += 1
                    yes += r["vote"] == "Y"
            got = w.actor(iso3)
            assert got.unga_votes_recorded == recorded
            if recorded:
                assert got.unga_yes_share == pytest.approx(yes / recorded)
            else:
                assert math.isnan(got.unga_yes_share)


def test_vote_columns_only_for_resolutions_adopted_by_the_date():
    cols = [c for c in World.for_year(2022).actors.columns if c.startswith("unga_es")]
    assert cols == ["unga_es11_1", "unga_es11_3", "unga_es11_4", "unga_es11_5"]
    assert "unga_es11_8" in World.for_year(2025).actors.columns
    w = World.for_year(2021)
    assert not any(c.startswith("unga_es") for c in w.actors.columns)
    # before 2022: the 2014 territorial-integrity resolution and the Crimea series 2016-2019
    votes = [c for c in w.actors.columns if c.startswith("unga_") and "_share" not in c and "_rec" not in c]
    assert votes == [
        "unga_68_262", "unga_71_205", "unga_72_190", "unga_73_194", "unga_73_263", "unga_74_17", "unga_74_168"
    ]
    assert World.for_year(2015).actor("ARM").unga_votes == {"unga_68_262": "N"}
    assert w.actor("SRB").unga_votes_recorded == 6  # absent on 68/262, against the six Crimea texts
    assert w.actor("SRB").unga_yes_share == 0.0


def test_ukraine_aid_only_from_the_tracker_start():
    assert World.for_year(2021).actors["ukraine_aid_total_eur_bn"].isna().all()
    assert World.for_year(2023).actor("USA").ukraine_aid_total_eur_bn > 100


def test_defence_release_policies():
    full = World.for_year(2024)
    assert set(full.actors["defence_release"].dropna()) == {"nato-2024-06"}
    assert full.actor("USA").defence_pct_gdp == 3.38
    press = World.for_year(2024, defence_release="nato-2025-04-press")
    assert press.actor("USA").defence_pct_gdp == 3.19 and press.actor("POL").defence_pct_gdp == 4.07
    latest = World.for_year(2024, defence_release="latest")
    assert latest.actor("USA").defence_release == "nato-2025-04-press"
    # allies missing from the press release keep the full release's value under 'latest'
    missing_from_press = (
        set(full.members("NATO")) - set(press.actors["defence_pct_gdp"].dropna().index) - {"ISL"}
    )
    for iso3 in missing_from_press:
        assert latest.actor(iso3).defence_pct_gdp == full.actor(iso3).defence_pct_gdp
    # 2025: no full release, so the default leaves a gap and says so
    w25 = World.for_year(2025)
    assert w25.actors["defence_pct_gdp"].isna().all()
    assert "no release of this kind covers the year" in w25.provenance["defence_pct_gdp"]["note"]
    l25 = World.for_year(2025, defence_release="latest")
    assert (
        l25.actor("POL").defence_release == "nato-2025-08-press" and l25.actor("POL").defence_pct_gdp == 4.48
    )
    assert l25.actor("DEU").defence_release == "nato-later-press"


def test_iceland_has_no_defence_figure_and_gaps_are_reported(w2024):
    assert math.isnan(w2024.actor("ISL").defence_pct_gdp)
    gaps = w2024.gaps("NATO")
    assert ((gaps["iso3"] == "ISL") & (gaps["indicator"] == "defence_pct_gdp")).any()
    assert not (gaps["indicator"] == "eu_qmv_pct").loc[gaps["iso3"] == "USA"].any()


def test_actor_record_is_frozen_and_plain(w2024):
    pol = w2024.actor("POL")
    assert isinstance(pol, Actor)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pol.nato = 0  # type: ignore[misc]
    assert pol.iso3 == "POL" and pol.nato == 1 and isinstance(pol.nato, int)
    assert pol.brics_status is None
    assert pol.unga_votes["unga_es11_1"] == "Y"
    with pytest.raises(TypeError):
        pol.unga_votes["unga_es11_1"] = "N"  # type: ignore[index]
    assert w2024.actor("pol").as_dict()["defence_pct_gdp"] == pol.defence_pct_gdp


def test_world_is_not_changed_through_its_frames(w2024):
    actors = w2024.actors
    actors.loc["POL", "defence_pct_gdp"] = 99.0
    s = w2024.indicator("defence_pct_gdp")
    s.loc["POL"] = 98.0
    assert w2024.actor("POL").defence_pct_gdp == 4.12


def test_indicator_series(w2024):
    s = w2024.indicator("defence_pct_gdp")
    assert isinstance(s, pd.Series) and s.index.name == "iso3"
    assert s.loc["EST"] == 3.43


def test_provenance_names_tables_and_releases(w2024):
    prov = w2024.provenance
    assert prov["defence_pct_gdp"]["release"] == "nato-2024-06"
    assert "default" in prov["defence_pct_gdp"]["note"]
    assert prov["gdp_usd"]["table"] == "gdp"
    assert prov["snapshot_version"] == w2024.snapshot_version
    for col in REQUIRED_COLUMNS[10:]:
        assert col in prov, col


def test_world_csv_has_32_nato_rows(w2024):
    frame = w2024.to_frame()
    assert int((frame["nato"] == 1).sum()) == 32
    assert np.issubdtype(frame["nato"].dtype, np.integer)
