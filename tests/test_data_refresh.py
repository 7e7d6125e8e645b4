"""Refresh loaders on small fixture files made here, in the official layouts; bad files are rejected
with a message naming row and column, and no snapshot changes."""

from __future__ import annotations

import json
import math
import sys
import types

import pandas as pd
import pytest
from openpyxl import Workbook

from redline.data import load_table, snapshot_version
from redline.data.refresh import refresh
from redline.data.snapshot import PACKAGE_SNAPSHOT
from redline.errors import RedlineError
from redline.world import World


@pytest.fixture(autouse=True)
def _user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINE_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.delenv("REDLINE_SNAPSHOT", raising=False)


@pytest.fixture(autouse=True)
def _bundled_untouched():
    before = {p.name: p.read_bytes() for p in PACKAGE_SNAPSHOT.iterdir()}
    yield
    after = {p.name: p.read_bytes() for p in PACKAGE_SNAPSHOT.iterdir()}
    assert before == after, "the bundled snapshot must never change"


# ------------------------------------------------------------------------------------------- NATO
def nato_workbook(path, pol_pct=4.48, pol_usd=40000.0, bad_cell=None):
    """Two sheets in the layout of NATO's tables: Table 2 (USD) and Table 3 (% of real GDP)."""
    wb = Workbook()
    t2 = wb.active
    t2.title = "TABLE2"
    rows2 = [
        [None, "Table 2 : Defence expenditure"],
        [None, "Million US dollars"],
        [None, None, None, 2023, "2024e", "2025e"],
        [None, "Current prices and exchange rates"],
        [None, None, "Poland", 29000.0, 35000.0, pol_usd],
        [None, None, "Slovak Republic", 2900.0, 3000.0, 3100.0],
        [None, "NATO Total", None, 1.2e6, 1.4e6, 1.5e6],
        [None, "Constant 2015 prices and exchange rates"],
        [None, None, "Poland", 1.0, 2.0, 3.0],
    ]
    for r in rows2:
        t2.append(r)
    t3 = wb.create_sheet("TABLE3")
    rows3 = [
        [None, "Table 3 : Defence expenditure as a share of GDP and annual real change"],
        [None, "Based on 2021 prices"],
        [None, None, None, 2023, "2024e", "2025e"],
        [None, "Share of real GDP (%)"],
        [None, None, "Poland", 3.9, 4.1, bad_cell if bad_cell is not None else pol_pct],
        [None, None, "Slovak Republic", 2.0, 2.0, 2.1],
        [None, "NATO Total", None, 2.5, 2.6, 2.7],
        [None, "Annual real change (%)"],
        [None, None, "Poland", 55.0, 60.0, 70.0],
    ]
    for r in rows3:
        t3.append(r)
    wb.save(path)
    return path


def test_nato_workbook_adds_a_release_and_keeps_the_others(tmp_path):
    f = nato_workbook(tmp_path / "250828-def-exp-2025-TABLES-en.xlsx")
    out = tmp_path / "snap"
    result = refresh("nato", f, out=out)
    assert result["version"] == snapshot_version(out) != snapshot_version()
    assert result["parent_version"] == snapshot_version()
    table = load_table("defence_expenditure", out)
    new = table[table["release_id"] == "nato-2025-08"].set_index(["iso3", "year"])
    assert len(new) == 9  # POL, SVK, NATO_TOTAL x 3 years; the second blocks are ignored
    assert new.loc[("POL", 2025), "pct_gdp"] == 4.48
    assert new.loc[("POL", 2025), "usd_current_millions"] == 40000.0
    assert new.loc[("POL", 2025), "estimate"] == 1 and new.loc[("POL", 2023), "estimate"] == 0
    assert new.loc[("SVK", 2024), "pct_gdp"] == 2.0
    # the older releases are all kept
    bundled = load_table("defence_expenditure")
    assert len(table) == len(bundled) + 9
    # the World now uses the newest full release by default, and says so
    w = World.for_year(2025, snapshot=out)
    assert w.actor("POL").defence_pct_gdp == 4.48 and w.actor("POL").defence_release == "nato-2025-08"
    assert World.for_year(2024, snapshot=out).actor("DEU").defence_release == "nato-2024-06"
    prov = json.loads((out / "manifest.json").read_text())
    assert prov["parent"] == snapshot_version()
    assert (
        "refreshed from 250828-def-exp-2025-TABLES-en.xlsx"
        in prov["provenance"]["defence_expenditure"]["sources"][0]
    )


def test_nato_release_is_required_without_nato_file_name(tmp_path):
    f = nato_workbook(tmp_path / "nato.xlsx")
    with pytest.raises(RedlineError, match="--release YYYY-MM"):
        refresh("nato", f, out=tmp_path / "snap")
    refresh("nato", f, release="2025-08", out=tmp_path / "snap")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("n/a", r"sheet TABLE3, row 5 \(Poland\), column 2025: expected a number, got 'n/a'"),
        (140.0, r"nato.xlsx, row 5 of sheet TABLE3, column 'pct_gdp': '140.0' outside the valid range"),
    ],
)
def test_bad_nato_workbook_is_rejected(tmp_path, bad, message):
    f = nato_workbook(tmp_path / "nato.xlsx", bad_cell=bad)
    out = tmp_path / "snap"
    with pytest.raises(RedlineError, match=message):
        refresh("nato", f, release="2025-08", out=out)
    assert not out.exists()
    assert not (tmp_path / "userdata").exists()


def test_not_a_workbook_is_rejected(tmp_path):
    f = tmp_path / "x.xlsx"
    f.write_text("hello")
    with pytest.raises(RedlineError, match="not a readable Excel workbook"):
        refresh("nato", f, release="2025-08", out=tmp_path / "snap")


# ------------------------------------------------------------------------------------------- Kiel
def kiel_workbook(path, donor="Germany"):
    wb = Workbook()
    ws = wb.active
    ws.title = "Country Summary (€)"
    ws.append(["Ukraine Support Tracker - Country Summary (EUR billion)"])
    ws.append([None, "Allocations", None, None, None, "Commitments", None, None, None, None])
    ws.append(["Country", "Military", "Financial", "Humanitarian", "Total",
               "Military", "Financial", "Humanitarian", "Total", "Total allocations (% of GDP 2021)"])  # fmt: skip
    ws.append([donor, 21.0, 1.5, 3.9, 26.4, 43.0, 1.5, 3.9, 48.4, 0.73])
    ws.append(["United States", 64.6, 47.3, 3.5, 115.4, 65.6, 50.0, 3.4, 119.0, 0.59])
    ws.append(["EU (Commission and Council)", 0.0, 82.0, 3.2, 85.2, 0.0, 190.0, 3.2, 193.2, 0.58])
    ws.append(["Total", 85.6, 130.8, 10.6, 227.0, 108.6, 241.5, 10.5, 360.6, None])
    wb.create_sheet("Main Data")
    wb.save(path)
    return path


def test_kiel_workbook_replaces_the_release(tmp_path):
    out = tmp_path / "snap"
    refresh("kiel", kiel_workbook(tmp_path / "kiel.xlsx"), release="Release 29", out=out)
    table = load_table("ukraine_support", out).set_index("iso3")
    assert sorted(table.index) == ["DEU", "EUI", "USA"]
    assert table.loc["DEU", "military_alloc_eur_bn"] == 21.0
    assert table.loc["DEU", "total_commit_eur_bn"] == 48.4
    assert table.loc["USA", "total_alloc_pct_gdp2021"] == 0.59
    assert "Release 29" in table.loc["DEU", "release"]
    assert World.for_year(2024, snapshot=out).actor("DEU").ukraine_aid_military_eur_bn == 21.0
    assert math.isnan(World.for_year(2024, snapshot=out).actor("POL").ukraine_aid_total_eur_bn)


def test_kiel_unknown_donor_is_rejected(tmp_path):
    with pytest.raises(RedlineError, match=r"row 4, column 1: donor 'Atlantis' not in the countries table"):
        refresh("kiel", kiel_workbook(tmp_path / "kiel.xlsx", donor="Atlantis"), out=tmp_path / "snap")
    assert not (tmp_path / "snap").exists()


# ------------------------------------------------------------------------------------- World Bank
def worldbank_csv(path, rus_2024="2173835806671.8", indicator="NY.GDP.MKTP.CD"):
    head = ",".join(
        f'"{c}"'
        for c in ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2013", "2023", "2024"]
    )
    lines = [
        '"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2026-07-01",',
        "",
        head + ",",
        f'"Russian Federation","RUS","GDP (current US$)","{indicator}","1","2021000000000","{rus_2024}",',
        '"Germany","DEU","GDP (current US$)","NY.GDP.MKTP.CD","1","4525703903627.53","4659929336890.6",',
        '"World","WLD","GDP (current US$)","NY.GDP.MKTP.CD","1","2","3",',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_worldbank_csv_fills_cells_and_keeps_the_rest(tmp_path):
    out = tmp_path / "snap"
    refresh("worldbank", worldbank_csv(tmp_path / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv"), out=out)
    gdp = load_table("gdp", out).set_index(["iso3", "year"])["gdp_current_usd"]
    assert gdp.loc[("RUS", 2024)] == 2173835806671.8
    assert gdp.loc[("DEU", 2023)] == 4525703903627.53
    assert ("RUS", 2013) not in gdp.index  # years before the coverage are not imported
    old = load_table("gdp").set_index(["iso3", "year"])["gdp_current_usd"]
    assert gdp.loc[("POL", 2020)] == old.loc[("POL", 2020)]
    assert len(gdp) == len(old) + 1  # RUS 2024 was a gap
    assert World.for_year(2024, snapshot=out).actor("RUS").gdp_usd == 2173835806671.8


def test_worldbank_bad_value_is_rejected_with_the_file_row(tmp_path):
    with pytest.raises(RedlineError, match=r"row 6, column 'gdp_current_usd': expected a number, got 'lots'"):
        refresh("worldbank", worldbank_csv(tmp_path / "wb.csv", rus_2024="lots"), out=tmp_path / "snap")
    with pytest.raises(RedlineError, match=r"row 6, column 'Indicator Code': expected NY.GDP.MKTP.CD"):
        refresh(
            "worldbank", worldbank_csv(tmp_path / "wb.csv", indicator="SP.POP.TOTL"), out=tmp_path / "snap"
        )
    assert not (tmp_path / "snap").exists()


def test_worldbank_online_uses_wbgapi_when_installed(tmp_path, monkeypatch):
    def fake_frame(indicator, economy, time):
        assert indicator == "NY.GDP.MKTP.CD" and "RUS" in economy
        return pd.DataFrame({"YR2024": [2.1e12, float("nan")]}, index=["RUS", "UKR"])

    fake = types.SimpleNamespace(data=types.SimpleNamespace(DataFrame=fake_frame))
    monkeypatch.setitem(sys.modules, "wbgapi", fake)
    result = refresh("worldbank", None)  # default folder under REDLINE_DATA_DIR
    assert result["folder"].startswith(str(tmp_path / "userdata" / "snapshots"))
    gdp = load_table("gdp", result["folder"]).set_index(["iso3", "year"])["gdp_current_usd"]
    assert gdp.loc[("RUS", 2024)] == 2.1e12
    assert ("UKR", 2024) not in gdp.index  # a missing value stays missing


def test_worldbank_online_without_wbgapi_says_how(monkeypatch):
    monkeypatch.setitem(sys.modules, "wbgapi", None)
    with pytest.raises(RedlineError, match="pip install wbgapi"):
        refresh("worldbank", None)


# ------------------------------------------------------------------------------------------ V-Dem
def vdem_csv(path, hun="0.3612345"):
    path.write_text(
        "country_name,country_text_id,country_id,year,v2x_polyarchy,v2x_libdem\n"
        "Hungary,HUN,210,2024,0.45," + hun + "\n"
        "Poland,POL,17,2015,0.88,0.8123\n"
        "Narnia,NRN,999,2024,0.5,0.5\n"
        "Hungary,HUN,210,1990,0.6,0.55\n",
        encoding="utf-8",
    )
    return path


def test_vdem_csv_updates_and_adds_years(tmp_path):
    out = tmp_path / "snap"
    refresh("vdem", vdem_csv(tmp_path / "V-Dem-CY-Core-v16.csv"), release="v16", out=out)
    dem = load_table("democracy", out).set_index(["iso3", "year"])
    assert dem.loc[("HUN", 2024), "v2x_libdem"] == 0.3612345
    assert dem.loc[("POL", 2015), "v2x_libdem"] == 0.8123  # a former gap, now filled
    assert "v16" in dem.loc[("POL", 2015), "vdem_version_note"]
    assert ("HUN", 1990) not in dem.index
    assert len(dem) == len(load_table("democracy"))


def test_vdem_out_of_range_is_rejected(tmp_path):
    with pytest.raises(RedlineError, match=r"row 2, column 'v2x_libdem': '?1.5'? outside the valid range"):
        refresh("vdem", vdem_csv(tmp_path / "v.csv", hun="1.5"), out=tmp_path / "snap")
    with pytest.raises(RedlineError, match="missing column.*v2x_libdem"):
        (tmp_path / "w.csv").write_text("country_text_id,year\nHUN,2024\n")
        refresh("vdem", tmp_path / "w.csv", out=tmp_path / "snap")
    assert not (tmp_path / "snap").exists()


# ------------------------------------------------------------------------------------------ UN votes
def unvotes_csv(path, serbia="NV"):
    path.write_text(
        "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft\n"
        f"4076010,POL,POLAND,Y,2025-02-24,ES-11,A/RES/ES-11/8,A/ES-11/L.11\n"
        f"4076010,USA,UNITED STATES,A,2025-02-24,ES-11,A/RES/ES-11/8,A/ES-11/L.11\n"
        f"4076010,SRB,SERBIA,{serbia},2025-02-24,ES-11,A/RES/ES-11/8,A/ES-11/L.11\n"
        "4000000,POL,POLAND,N,2023-12-01,78,A/RES/78/1,A/78/L.1\n",
        encoding="utf-8",
    )
    return path


def test_unvotes_csv_replaces_votes(tmp_path):
    out = tmp_path / "snap"
    refresh("unvotes", unvotes_csv(tmp_path / "2025_ga_voting.csv"), out=out)
    votes = load_table("unga_votes", out).set_index(["iso3", "resolution"])["vote"]
    assert votes.loc[("POL", "A/RES/ES-11/8")] == "Y"
    assert votes.loc[("SRB", "A/RES/ES-11/8")] == "absent"
    assert votes.loc[("USA", "A/RES/ES-11/8")] == "A"
    assert votes.loc[("POL", "A/RES/ES-11/1")] == "Y"  # untouched
    assert len(votes) == 861  # 420 ES-11 rows + 7 x 63 (68/262, Crimea 2016-19): nothing added or lost
    assert World.for_year(2025, snapshot=out).actor("POL").unga_votes["unga_es11_8"] == "Y"


def test_unvotes_bad_code_is_rejected(tmp_path):
    with pytest.raises(RedlineError, match=r"row 4, column 'ms_vote': 'maybe' is not one of Y, N, A, NV"):
        refresh("unvotes", unvotes_csv(tmp_path / "u.csv", serbia="maybe"), out=tmp_path / "snap")
    assert not (tmp_path / "snap").exists()


def test_unknown_source_and_missing_file(tmp_path):
    with pytest.raises(RedlineError, match="unknown refresh source 'sipri'; sources: nato, kiel"):
        refresh("sipri", tmp_path / "x.csv")
    with pytest.raises(RedlineError, match="file not found"):
        refresh("vdem", tmp_path / "nope.csv", out=tmp_path / "snap")


def test_refresh_chains_from_a_refreshed_snapshot(tmp_path):
    first = tmp_path / "a"
    refresh("vdem", vdem_csv(tmp_path / "v.csv"), out=first)
    second = tmp_path / "b"
    refresh("unvotes", unvotes_csv(tmp_path / "u.csv"), base=first, out=second)
    assert (
        load_table("democracy", second).set_index(["iso3", "year"]).loc[("POL", 2015), "v2x_libdem"] == 0.8123
    )
    manifest = json.loads((second / "manifest.json").read_text())
    assert manifest["parent"] == snapshot_version(first)
    with pytest.raises(RedlineError, match="refusing to overwrite"):
        refresh("unvotes", unvotes_csv(tmp_path / "u.csv"), base=first, out=first)


def test_nato_loader_reads_the_real_2024_workbook(sources_dir, tmp_path):
    """The reference copy of NATO's June 2024 tables parses to the shared CSV's figures."""
    import csv

    from redline.data.loaders import read_nato_workbook

    raw = sources_dir / "raw" / "nato_def_exp_2024_tables.xlsx"
    if not raw.is_file():
        pytest.skip("raw NATO workbook not available")
    rows = read_nato_workbook(raw, load_table("countries"), release="2024-06").set_index(["iso3", "year"])
    with open(sources_dir / "defence_expenditure.csv", newline="", encoding="utf-8") as fh:
        shared = [r for r in csv.DictReader(fh) if r["release"].startswith("NATO 2024-06")]
    assert len(rows) == len(shared) == 363
    for r in shared:
        got = rows.loc[(r["iso3"], int(r["year"]))]
        assert round(got["pct_gdp"], 2) == pytest.approx(float(r["pct_gdp"]), abs=0.0051)
        assert round(got["usd_current_millions"], 1) == pytest.approx(
            float(r["usd_current_millions"]), abs=0.051
        )
        assert got["estimate"] == int(r["estimate"])
