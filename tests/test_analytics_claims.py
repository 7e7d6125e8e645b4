"""The article's claims: every verdict of every rule on synthetic data, and the shipped data's claims
name their data and release."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from redline.analytics.claims import CLAIMS, ClaimResult, Verdict, check_claims, claims_frame, claims_markdown
from redline.errors import RedlineError

YEAR = 2024
REL = "SYNTH release 1"
RELEASES = {
    "countries": "synthetic flags",
    "milex": "synthetic SIPRI",
    "gdp": "synthetic WB",
    "democracy": "synthetic V-Dem",
    "unga_votes": "synthetic votes",
}
ORDINARY = ["AAA", "BBB", "CCC", "DDD", "EEE"]
FRONT = ["POL", "EST", "LVA"]
ILLIB = ["HUN", "SVK", "TUR"]
ALLIES = ["USA", *FRONT, *ILLIB, *ORDINARY]


# ------------------------------------------------------------------------------- table builders
def countries(
    allies=ALLIES, frontline=FRONT, eu=("POL", "EST", "LVA", "HUN", "SVK", "AAA", "BBB"), coords=None
):
    rows = []
    for k, iso in enumerate(allies):
        lat, lon = (coords or {}).get(iso, (50.0, 10.0 + k))
        rows.append(
            {
                "iso3": iso,
                "nato_accession_year": 1949,
                "eu_member": int(iso in eu),
                "land_border_russia": int(iso in frontline),
                "land_border_belarus": 0,
                "capital_lat": lat,
                "capital_lon": lon,
            }
        )
    rows.append(
        {
            "iso3": "RUS",
            "nato_accession_year": pd.NA,
            "eu_member": 0,
            "land_border_russia": 0,
            "land_border_belarus": 1,
            "capital_lat": 55.75,
            "capital_lon": 37.62,
        }
    )
    return pd.DataFrame(rows)


def defence(pct=None, usd=None, nato_total=None, year=YEAR):
    rows = []
    for iso, value in (pct or {}).items():
        rows.append(
            {"iso3": iso, "year": year, "pct_gdp": value, "usd_current_millions": (usd or {}).get(iso)}
        )
    for iso, by_year in (usd or {}).items():
        if isinstance(by_year, dict):
            for y, v in by_year.items():
                rows.append({"iso3": iso, "year": y, "pct_gdp": 2.0, "usd_current_millions": v})
    for y, v in (nato_total or {}).items():
        rows.append({"iso3": "NATO_TOTAL", "year": y, "pct_gdp": 2.5, "usd_current_millions": v})
    frame = pd.DataFrame(rows, columns=["iso3", "year", "pct_gdp", "usd_current_millions"])
    return frame.assign(estimate=0, release=REL, release_id="nato-2024-06")


def milex(constant=None, current=None):
    rows = []
    keys = set(constant or {}) | set(current or {})
    for iso, year in sorted(keys):
        rows.append(
            {
                "iso3": iso,
                "year": year,
                "milex_constant2023_usd_millions": (constant or {}).get((iso, year), np.nan),
                "milex_current_usd_millions": (current or {}).get((iso, year), np.nan),
                "milex_pct_gdp": 2.0,
            }
        )
    return pd.DataFrame(rows)


def kiel(rows):
    """rows: iso3 -> (total_alloc, military_alloc, total_commit, pct_gdp2021)."""
    out = []
    for iso, (total, mil, commit, pct) in rows.items():
        out.append(
            {
                "iso3": iso,
                "donor": iso,
                "military_alloc_eur_bn": mil,
                "financial_alloc_eur_bn": total - mil,
                "humanitarian_alloc_eur_bn": 0.0,
                "total_alloc_eur_bn": total,
                "total_commit_eur_bn": commit,
                "total_alloc_pct_gdp2021": pct,
                "release": "SYNTH Kiel",
            }
        )
    return pd.DataFrame(out)


def run(claim, tables):
    (result,) = check_claims(tables, releases=RELEASES, article_year=YEAR, claims=[claim], rng=0)
    return result


# ------------------------------------------------------------------------ frontline_spend_most
def frontline_tables(front_values, other_values):
    pct = dict(zip(FRONT, front_values, strict=True))
    others = [a for a in ALLIES if a not in FRONT]
    pct.update(dict(zip(others, other_values, strict=True)))
    return {"countries": countries(), "defence_expenditure": defence(pct)}


@pytest.mark.parametrize(
    ("front", "others", "verdict"),
    [
        ((4.0, 3.8, 3.6), (2.0, 1.5, 1.6, 1.4, 1.8, 1.2, 1.3, 1.9, 1.7), Verdict.supported),
        ((2.5, 2.5, 2.5), (3.0, 2.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0), Verdict.mixed),
        ((1.0, 1.1, 1.2), (2.0, 2.5, 3.0, 2.2, 2.4, 2.6, 2.8, 2.1, 2.3), Verdict.not_supported),
        ((4.0, np.nan, np.nan), (2.0, 1.5, 1.6, 1.4, 1.8, 1.2, 1.3, 1.9, 1.7), Verdict.not_testable),
    ],
)
def test_frontline_rule(front, others, verdict):
    result = run("frontline_spend_most", frontline_tables(front, others))
    assert result.verdict is verdict
    if verdict is Verdict.not_testable:
        assert result.missing and math.isnan(result.value)
    else:
        f = [v for v in front if not math.isnan(v)]
        assert result.value == pytest.approx(np.mean(f) - np.mean(others))


def test_frontline_rule_half_of_top_k_counts():
    """Exactly half of the top k (k = 2 frontline allies) is frontline: part (b) holds, (a) does not."""
    others = [a for a in ALLIES if a not in ("POL", "EST")]
    pct = {"POL": 4.0, "EST": 1.0, **{iso: (3.0 if k == 0 else 1.0) for k, iso in enumerate(others)}}
    tables = {"countries": countries(frontline=["POL", "EST"]), "defence_expenditure": defence(pct)}
    result = run("frontline_spend_most", tables)
    assert "1 of the top 2" in result.reason and "not above 0" in result.reason
    assert result.verdict is Verdict.mixed


# ------------------------------------------------------------------------ donors
def donors(**override):
    rows = {
        "USA": (100.0, 60.0, 110.0, 0.5),
        "EUI": (50.0, 0.0, 60.0, 0.3),
        "AAA": (20.0, 15.0, 25.0, 0.9),
        "BBB": (10.0, 5.0, 12.0, 0.4),
        "GBR": (15.0, 10.0, 20.0, 0.6),
        "CCC": (5.0, 2.0, 6.0, 0.2),
        "DDD": (3.0, 1.0, 3.0, 0.1),
        "EEE": (2.0, 1.0, 2.0, 0.05),
        "HUN": (0.1, 0.0, 0.1, 0.02),
    }
    rows.update(override)
    return {
        "countries": countries(),
        "ukraine_support": kiel({k: v for k, v in rows.items() if v is not None}),
    }


@pytest.mark.parametrize(
    ("override", "verdict"),
    [
        ({}, Verdict.supported),
        ({"EUI": (50.0, 0.0, 200.0, 0.3)}, Verdict.mixed),
        ({"AAA": (150.0, 15.0, 160.0, 0.9)}, Verdict.not_supported),
        ({"USA": None}, Verdict.not_testable),
    ],
)
def test_largest_donor_absolute_rule(override, verdict):
    assert run("us_largest_donor_absolute", donors(**override)).verdict is verdict


@pytest.mark.parametrize(
    ("us_pct", "verdict"),
    [
        (5.0, Verdict.supported),
        (0.7, Verdict.mixed),
        (0.45, Verdict.not_supported),  # rank 3 of 8: just outside the top quarter
        (0.15, Verdict.not_supported),
        (np.nan, Verdict.not_testable),
    ],
)
def test_largest_donor_relative_rule(us_pct, verdict):
    # 8 government donors: top quarter = ranks 1-2; 0.7 ranks 2nd (after AAA 0.9)
    result = run("us_largest_donor_relative", donors(USA=(100.0, 60.0, 110.0, us_pct)))
    assert result.verdict is verdict


def test_dependable_donor_is_not_testable_and_names_missing_data():
    result = run("us_most_dependable_donor", donors())  # one release only: no period to compare
    assert result.verdict is Verdict.not_testable
    assert any("month" in m for m in result.missing)
    assert any("two tracker releases" in m for m in result.missing)


def releases_table(us, europe, military=None):
    """A kiel_releases table: one release per pair of cumulative totals (EUR bn), data cut-offs 2 months apart."""
    rows = []
    for k, (u, e) in enumerate(zip(us, europe, strict=True)):
        release, through = f"R{k}", f"2024-{2 * k + 1:02d}-28"
        for group, value in (("USA", u), ("EUROPE", e)):
            rows.append(
                {
                    "release": release, "published": through, "published_note": "", "data_through": through,
                    "donor_group": group, "measure": "allocation", "aid_type": "total", "eur_bn": value,
                    "source_url": "https://example.org", "source_note": "",
                }
            )
        if military is not None:
            for group, value in zip(("USA", "EUROPE"), military[k], strict=True):
                rows.append({**rows[-1], "donor_group": group, "aid_type": "military", "eur_bn": value})
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("us", "europe", "verdict", "us_stalls"),
    [
        ((10.0, 20.0, 30.0), (10.0, 10.1, 20.0), Verdict.supported, 0),  # Europe stalls once, the US never
        ((10.0, 20.0, 20.1), (10.0, 20.0, 30.0), Verdict.not_supported, 1),  # the US alone stalls
        ((10.0, 20.0, 30.0), (10.0, 20.0, 30.0), Verdict.mixed, 0),  # nobody stalls: cannot tell apart
        ((10.0, 10.1, 20.0), (10.0, 10.1, 20.0), Verdict.mixed, 1),  # both stall in the same period
    ],
)
def test_dependable_donor_rule_over_releases(us, europe, verdict, us_stalls):
    result = run("us_most_dependable_donor", {"kiel_releases": releases_table(us, europe)})
    assert result.verdict is verdict
    assert result.value == us_stalls
    # independent reference: growth below 2 % between consecutive releases is a stall
    ref = [(b - a) / a < 0.02 for a, b in zip(us, us[1:], strict=False)]
    assert list(result.evidence["usa_stalls"]) == ref
    assert any("month" in m for m in result.missing)  # per-donor data still missing


def test_europe_vs_us_falls_back_to_the_newest_release_headline():
    heads = releases_table((67.0, 88.0), (89.9, 125.0), military=[(43.1, 42.0), (50.0, 60.0)])
    heads = heads[~((heads["release"] == "R1") & (heads["aid_type"] == "military"))]  # newest lacks military
    result = run("europe_aid_vs_us", {"countries": countries(), "ukraine_support": kiel({}), "kiel_releases": heads})
    assert result.verdict is Verdict.mixed  # R0: Europe ahead in total (89.9 > 67), behind in military
    assert result.value == pytest.approx(89.9 / 67.0)
    assert "R0" in result.reason and result.data[0].table == "kiel_releases"


def test_europe_vs_us_says_when_the_publication_day_is_not_recorded():
    heads = releases_table((67.0,), (89.9,), military=[(43.1, 42.0)])
    heads["published"] = None  # the shipped table has releases whose publication day is unknown
    result = run("europe_aid_vs_us", {"countries": countries(), "ukraine_support": kiel({}), "kiel_releases": heads})
    assert "publication day not recorded" in result.reason
    assert "None" not in result.reason


@pytest.mark.parametrize(
    ("europe_total", "europe_mil", "verdict"),
    [(50.0, 30.0, Verdict.supported), (50.0, 80.0, Verdict.mixed), (200.0, 80.0, Verdict.not_supported)],
)
def test_europe_vs_us_rule(europe_total, europe_mil, verdict):
    # Europe = EUI + EU members (AAA, BBB, HUN) + GBR; put everything in AAA to steer the sums
    rows = {
        "USA": (100.0, 60.0, 110.0, 0.5),
        "AAA": (europe_total, europe_mil, europe_total, 1.0),
        "CCC": (500.0, 400.0, 500.0, 5.0),  # not European: never counted
    }
    tables = {"countries": countries(), "ukraine_support": kiel(rows)}
    result = run("europe_aid_vs_us", tables)
    assert result.verdict is verdict
    assert result.value == pytest.approx(europe_total / 100.0)
    pct = result.evidence.set_index("measure").iloc[-1]
    assert pct["europe"] == pytest.approx(1.0)  # AAA's own ratio, GDP derived from Kiel's ratio


def test_europe_vs_us_not_testable_without_us():
    tables = {"countries": countries(), "ukraine_support": kiel({"AAA": (5.0, 1.0, 5.0, 0.1)})}
    assert run("europe_aid_vs_us", tables).verdict is Verdict.not_testable


# ------------------------------------------------------------------------ nine percent
def spending_tables(real_change, nominal_change, nato_change, allies=("USA", "AAA")):
    constant, current = {}, {}
    for k, iso in enumerate(allies):
        base = 100.0 * (k + 1)
        constant[(iso, YEAR - 1)] = base
        current[(iso, YEAR - 1)] = base
        if real_change is not None:
            constant[(iso, YEAR)] = base * (1 + real_change / 100)
        if nominal_change is not None:
            current[(iso, YEAR)] = base * (1 + nominal_change / 100)
    nato_total = {YEAR - 1: 1000.0}
    if nato_change is not None:
        nato_total[YEAR] = 1000.0 * (1 + nato_change / 100)
    return {
        "countries": countries(),
        "milex": milex(constant, current),
        "defence_expenditure": defence(nato_total=nato_total),
    }


@pytest.mark.parametrize(
    ("real", "nominal", "nato", "verdict"),
    [
        (9.0, 12.0, 14.0, Verdict.supported),
        (8.6, 3.0, 3.0, Verdict.supported),  # rounds to 9
        (9.4, 3.0, 3.0, Verdict.supported),
        (8.2, 3.0, 3.0, Verdict.mixed),  # rounds to 8, but within one point ("about")
        (9.8, 20.0, 20.0, Verdict.mixed),
        (3.0, 3.0, 9.2, Verdict.mixed),  # only a nominal figure near 9
        (3.0, 8.7, 3.0, Verdict.mixed),
        (7.9, 3.0, 10.1, Verdict.not_supported),
        (3.0, 3.0, 20.0, Verdict.not_supported),
        (None, None, None, Verdict.not_testable),
    ],
)
def test_nine_percent_rule(real, nominal, nato, verdict):
    result = run("nato_spending_rose_nine_percent", spending_tables(real, nominal, nato))
    assert result.verdict is verdict
    if real is not None:
        assert result.value == pytest.approx(real)
        # the evidence carries every basis with its terms (real vs nominal)
        assert set(result.evidence["terms"]) == {"real", "nominal"}


# ------------------------------------------------------------------------ illiberal members
def alignment_tables(illiberal_vote, illiberal_aid, illiberal_dem):
    votes = []
    for r in range(4):
        for iso in ALLIES:
            v = illiberal_vote if (iso in ILLIB and r >= 2) else "Y"
            votes.append(
                {"iso3": iso, "resolution": f"R{r}", "date": f"202{2 + r // 2}-0{r + 1}-01", "vote": v}
            )
    aid = {iso: (1.0, 0.5, 1.0, 0.5) for iso in ALLIES}
    dem = [{"iso3": iso, "year": YEAR, "v2x_libdem": 0.7} for iso in ALLIES]
    for iso in ILLIB:
        aid[iso] = (1.0, 0.5, 1.0, illiberal_aid)
    for row in dem:
        if row["iso3"] in ILLIB:
            row["v2x_libdem"] = illiberal_dem
    return {
        "countries": countries(),
        "unga_votes": pd.DataFrame(votes),
        "ukraine_support": kiel(aid),
        "democracy": pd.DataFrame(dem),
    }


@pytest.mark.parametrize(
    ("vote", "aid", "dem", "verdict"),
    [
        ("A", 0.1, 0.3, Verdict.supported),
        ("Y", 0.1, 0.3, Verdict.mixed),
        ("Y", 0.9, 0.8, Verdict.not_supported),
    ],
)
def test_illiberal_rule(vote, aid, dem, verdict):
    result = run("illiberal_less_aligned", alignment_tables(vote, aid, dem))
    assert result.verdict is verdict
    ev = result.evidence
    assert set(ev["iso3"]) == set(ILLIB) and len(ev) == 9


def test_illiberal_not_testable_without_indicator_tables():
    result = run("illiberal_less_aligned", {"countries": countries()})
    assert result.verdict is Verdict.not_testable
    assert {"table 'unga_votes'", "table 'ukraine_support'", "table 'democracy'"} <= set(result.missing)


def test_illiberal_blank_votes_reported_as_missing():
    tables = alignment_tables("A", 0.1, 0.3)
    votes = tables["unga_votes"]
    votes.loc[(votes["iso3"] == "SVK") & (votes["resolution"] != "R0"), "vote"] = None
    result = run("illiberal_less_aligned", tables)
    svk = result.evidence.set_index(["iso3", "indicator"]).loc[("SVK", "unga_s_abs_vs_nato_median")]
    assert svk["below_others"] is None and svk["shared_votes"] == 1  # too few votes → untested
    assert any("blank" in m for m in result.missing)


# ------------------------------------------------------------------------ US share
@pytest.mark.parametrize(
    ("nato_share", "sipri_share", "verdict"),
    [(0.6, 0.6, Verdict.supported), (0.6, 0.4, Verdict.mixed), (0.4, 0.45, Verdict.not_supported)],
)
def test_us_share_rule(nato_share, sipri_share, verdict):
    usd = {"USA": {YEAR: 1000.0 * nato_share}}
    current = {("USA", YEAR): 100.0 * sipri_share, ("AAA", YEAR): 100.0 * (1 - sipri_share)}
    countries_ = countries(allies=["USA", "AAA"], frontline=[])
    tables = {
        "countries": countries_,
        "defence_expenditure": defence(usd=usd, nato_total={YEAR: 1000.0}),
        "milex": milex(current=current),
    }
    result = run("us_share_of_nato_spending", tables)
    assert result.verdict is verdict
    assert result.value == pytest.approx(100 * nato_share)


def test_us_share_not_testable_for_missing_year():
    tables = {"countries": countries(), "defence_expenditure": defence(nato_total={2010: 1.0})}
    assert run("us_share_of_nato_spending", tables).verdict is Verdict.not_testable


# ------------------------------------------------------------------------ threat vs size
def threat_tables(burden_of):
    allies = [f"X{chr(65 + k)}{chr(65 + k)}" for k in range(12)]
    coords = {iso: (50.0, 37.62 - 2.0 * (k + 1)) for k, iso in enumerate(allies)}  # farther west = farther
    gdp_order = [5, 11, 2, 8, 0, 9, 3, 10, 1, 7, 4, 6]  # unrelated to distance
    gdp = {iso: 1e10 * (1 + gdp_order[k]) for k, iso in enumerate(allies)}
    pct = {iso: burden_of(k, gdp_order[k]) for k, iso in enumerate(allies)}
    gdp_frame = pd.DataFrame([{"iso3": i, "year": YEAR, "gdp_current_usd": v} for i, v in gdp.items()])
    return {
        "countries": countries(allies=allies, frontline=[], coords=coords),
        "defence_expenditure": defence(pct),
        "gdp": gdp_frame,
    }


@pytest.mark.parametrize(
    ("burden_of", "verdict"),
    [
        (lambda dist_rank, gdp_rank: 4.0 - 0.2 * dist_rank, Verdict.consistent),  # 'drives': causal
        (lambda dist_rank, gdp_rank: 1.0 + 0.2 * gdp_rank, Verdict.not_supported),
        (lambda dist_rank, gdp_rank: 2.0 + 0.1 * ((dist_rank * 7) % 5), Verdict.mixed),
    ],
)
def test_threat_not_size_rule(burden_of, verdict):
    assert run("threat_not_size", threat_tables(burden_of)).verdict is verdict


def test_threat_not_size_not_testable_with_few_allies():
    tables = threat_tables(lambda d, g: 2.0)
    tables["gdp"] = tables["gdp"].head(4)
    assert run("threat_not_size", tables).verdict is Verdict.not_testable


# ------------------------------------------------------------------------ API and shipped data
def test_unknown_claim_id():
    with pytest.raises(RedlineError, match="unknown claim"):
        check_claims({}, claims=["nope"])


@pytest.fixture(scope="module")
def shipped():
    return check_claims()


def test_every_claim_names_data_and_release(sources_dir, shipped):
    assert [r.id for r in shipped] == list(CLAIMS)
    for result in shipped:
        assert isinstance(result, ClaimResult)
        assert result.data or result.verdict is Verdict.not_testable, result.id  # not testable: nothing used
        for used in result.data:
            assert used.table and used.years, result.id
            assert used.release and used.release != "release not recorded", (result.id, used)
        assert result.rule and result.reason and result.statement
        if result.verdict is Verdict.not_testable:
            assert result.missing, result.id
        payload = json.loads(json.dumps(result.to_dict()))
        assert payload["verdict"] in {v.value for v in Verdict}
        assert all(d["release"] for d in payload["data"])


def _sipri_constant_2014_2024(sources_dir):
    """SIPRI constant-2023 USD m, long format, read straight from SIPRI's workbook (rounded as displayed)."""
    sheet = pd.read_excel(
        sources_dir / "raw" / "sipri_milex_1949_2024.xlsx", sheet_name="Constant (2023) US$", header=None
    )
    top = sheet.index[sheet[0] == "Country"][0]
    years = {j: y for j, y in enumerate(sheet.loc[top]) if isinstance(y, int) and y >= 2014}
    names = {"Türkiye": "TUR", "United States of America": "USA"}
    flags = pd.read_csv(sources_dir / "countries.csv").set_index("name")["iso3"].to_dict()
    rows = []
    for _, row in sheet.iloc[top + 1 :].iterrows():
        iso3 = names.get(row[0], flags.get(row[0]))
        for j, year in years.items():
            if iso3 and isinstance(row[j], int | float):
                rows.append((iso3, year, round(float(row[j]), 1)))
    return pd.DataFrame(rows, columns=["iso3", "year", "milex_constant2023_usd_millions"])


def test_shipped_nine_percent_value_recomputed_from_csv(sources_dir, shipped):
    """The real-terms change is recomputed here from the shared CSVs (fixed 2024 membership)."""
    result = next(r for r in shipped if r.id == "nato_spending_rose_nine_percent")
    sipri = _sipri_constant_2014_2024(sources_dir)
    flags = pd.read_csv(sources_dir / "countries.csv")
    allies = set(flags.loc[flags["nato_accession_year"] <= YEAR, "iso3"])
    sub = sipri[sipri["iso3"].isin(allies)].groupby("year")["milex_constant2023_usd_millions"].sum()
    expected = 100 * (sub[YEAR] / sub[YEAR - 1] - 1)
    assert result.value == pytest.approx(expected, abs=1e-9)
    # rule: supported iff the real change rounds to 9; mixed if it (or a nominal change) is within 1 pp
    if abs(expected - 9) <= 0.5:
        assert result.verdict is Verdict.supported
    elif abs(expected - 9) <= 1:
        assert result.verdict is Verdict.mixed
    else:
        assert result.verdict in (Verdict.mixed, Verdict.not_supported)
    assert "real terms" in result.reason and "(nominal)" in result.reason


def test_shipped_us_share_recomputed(sources_dir, shipped):
    result = next(r for r in shipped if r.id == "us_share_of_nato_spending")
    nato = pd.read_csv(sources_dir / "defence_expenditure.csv")
    nato = nato[nato["release"].str.startswith("NATO 2024-06") & (nato["year"] == YEAR)].set_index("iso3")
    expected = 100 * nato.loc["USA", "usd_current_millions"] / nato.loc["NATO_TOTAL", "usd_current_millions"]
    assert result.value == pytest.approx(expected)


def test_markdown_and_frame(shipped):
    text = claims_markdown(shipped)
    for result in shipped:
        assert f"## {result.id}: {result.verdict}" in text
    frame = claims_frame(shipped)
    assert list(frame["id"]) == list(CLAIMS)
    testable = frame["verdict"] != str(Verdict.not_testable)
    assert frame.loc[testable, "data"].str.len().gt(0).all()


def test_us_share_names_its_denominator():
    """The red team's B5: 65.6% is the US share of the allies' total national defence spending (the whole
    US budget, worldwide), which the reason now names; the claim says "NATO's defence"."""
    from redline.analytics import check_claims

    (result,) = check_claims(claims=["us_share_of_nato_spending"], rng=0)
    assert "total national defence spending" in result.reason and "outside Europe" in result.reason


def test_claims_use_only_data_dated_to_the_article_year(shipped):
    """No hindsight: the 2024 claims leave out the votes of 24 Feb 2025 and the tracker figures after 2024
    (as ``redline factions --year 2024`` does), and every reason names its data window."""
    by = {r.id: r for r in shipped}
    for result in shipped:
        assert "Data to 2024-12-31 (article year 2024)" in result.reason, result.id
    votes = by["illiberal_less_aligned"]
    assert "2025" not in next(d.years for d in votes.data if d.table == "unga_votes")
    assert "A/RES/ES-11/7 of 2025-02-24" in votes.reason
    # the 2024 votes cannot tell Hungary from the other allies (all cast the same vote)
    hun = votes.evidence.set_index(["iso3", "indicator"])
    assert not hun.loc[("HUN", "unga_s_abs_vs_nato_median"), "below_others"]
    dependable = by["us_most_dependable_donor"]
    assert "UST to 2025-02" not in dependable.reason.split("Data to")[0]
    assert "left out: UST to 2025-02 (data to 2025-02-28)" in dependable.reason
    assert dependable.verdict is Verdict.mixed  # neither stalls Feb -> Oct -> Dec 2024
    absolute = by["us_largest_donor_absolute"]  # Release 28: cut-off not recorded, published 2026-04-22
    assert absolute.verdict is Verdict.not_testable
    assert absolute.reason.startswith("not testable with data to 2024-12-31")
    assert any("published 2026-04-22" in m for m in absolute.missing)


def test_undated_release_is_kept_and_said():
    tables = {"countries": countries(), "ukraine_support": kiel({"USA": (10.0, 5.0, 12.0, 0.5), "AAA": (4.0, 2.0, 5.0, 1.0)})}
    result = run("us_largest_donor_absolute", tables)
    assert result.verdict is not Verdict.not_testable
    assert "undated, kept: SYNTH Kiel" in result.reason
