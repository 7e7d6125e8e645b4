"""Coding a game from the data on one day (issue 13): stakes, first-days forces, resolve, questions.

Each expected value is re-derived here by hand from the repository's source CSVs
(data/sources/deterrence/), read with the csv module, independently of the coding's pandas path.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import pytest
from scipy.special import expit, logit

from redline.deterrence import challenger as ch
from redline.deterrence import from_world
from redline.deterrence.backtest import code_panel
from redline.deterrence.coding import DEFAULTS, code_game, tornado
from redline.errors import RedlineError

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources" / "deterrence"


def rows(name):
    with open(SOURCES / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def personnel(iso3, year):
    """Latest figure with a year <= year (hand reference)."""
    found = [
        (int(r["year"]), float(r["personnel_k"])) for r in rows("military_personnel") if r["iso3"] == iso3
    ]
    found = [f for f in found if f[0] <= year]
    return max(found)[1] if found else math.nan


@pytest.fixture(scope="module")
def world_2024():
    from redline.world import World

    return World.for_year(2024)


def test_stakes_ukraine_end_2021_by_hand():
    # former-Soviet 0.5 + US charter (Nov 2021) 0.3 + claims (Jul, Dec 2021) 0.3 - Crimea held 0.4
    s = ch.stakes("UKR", "2021-12-31", DEFAULTS)
    assert math.isclose(s.value, 0.5 + 0.3 + 0.3 - 0.4)
    # Moldova mid-2022: Sandu (Dec 2020) 0.5 and EU candidacy (Jun 2022) 0.3, Transnistria held
    assert math.isclose(ch.stakes("MDA", "2022-06-30", DEFAULTS).value, 0.5 + 0.5 + 0.3 - 0.4)
    # Russia's ally: the status quo already gives the prize
    assert math.isclose(ch.stakes("BLR", "2020-01-01", DEFAULTS).value, DEFAULTS["v_ally"])
    # nothing dated after the day counts: Georgia at the end of 2007 (Bucharest came in April 2008)
    g = ch.stakes("GEO", "2007-12-31", DEFAULTS)
    assert math.isclose(g.value, 0.5 + 0.3)  # Intensified Dialogue (Sep 2006) within two years


def test_alignment_read_both_ways_georgia_2024():
    # B1 (session 8): the EU candidacy of 14 Dec 2023 counted, the moves away of 2024 did not
    before = ch.stakes("GEO", "2024-05-01", DEFAULTS)  # candidacy the latest move: +v_align
    assert math.isclose(before.value, 0.5 + 0.3 - 0.4)
    g = ch.stakes("GEO", "2024-12-31", DEFAULTS)  # foreign agents law, EU halt, talks suspended
    assert math.isclose(g.value, 0.5 - 0.4)
    assert [k for k in g.terms if "undone" in k] and any("alignment_away" in f for f in g.facts)
    # only moves dated by the day count: the suspension of 28 Nov 2024 is not read on 27 Nov
    nov = ch.stakes("GEO", "2024-11-27", DEFAULTS)
    assert not any("2024-11-28" in f for f in nov.facts) and math.isclose(nov.value, 0.1)


@pytest.mark.parametrize(
    ("kinds", "toward"),
    [
        ((), None),
        ((("alignment_move", "2024-01-01"),), True),
        ((("alignment_away", "2024-01-01"),), False),
        ((("alignment_move", "2024-01-01"), ("alignment_away", "2024-06-01")), False),
        ((("alignment_away", "2024-01-01"), ("alignment_move", "2024-06-01")), True),
        ((("alignment_move", "2024-06-01"), ("alignment_away", "2024-06-01")), None),
    ],
)
def test_latest_alignment_move_decides(kinds, toward):
    import pandas as pd

    rows = pd.DataFrame(
        [{"kind": k, "start_date": dt.date.fromisoformat(d)} for k, d in kinds]
        or {"kind": [], "start_date": []}
    )
    assert ch._alignment(rows) is toward


def test_moldova_first_days_balance_by_hand():
    p = DEFAULTS
    available = (personnel("RUS", 2022) - 190.0) * p["theatre_share"]  # 190k committed from 24 Feb 2022
    c_local = 1.5 + p["access_no_land"] * available  # no land route: the Transnistria group + airlift
    t_local = personnel("MDA", 2022)
    b = ch.balance("MDA", "2022-06-01", p)
    assert not b.land_route and "Ukraine" in b.route
    assert math.isclose(b.c_local, c_local) and math.isclose(b.t_local, t_local)
    assert not b.fait_accompli


def test_estonia_2024_game_by_hand(world_2024):
    p = DEFAULTS
    g = from_world(world_2024, "EST")
    c = (personnel("RUS", 2024) - 617.0) * p["theatre_share"]  # 617k in Ukraine from Dec 2023
    t = personnel("EST", 2024) + 1.43  # UK-led battlegroup, NATO figure of June 2022
    assert c / t >= p["fa_ratio"] and g.fait_accompli  # a fait accompli: the response must retake
    need = p["force_ratio_retake"] * c - t
    allies = [m for m in world_2024.members("NATO") if m != "EST"]
    total = sum(personnel(a, 2024) for a in allies)
    assert math.isclose(g.theta, need / total, rel_tol=1e-9)
    assert math.isclose(g.p_L, c / (c + t), rel_tol=1e-9)
    assert math.isclose(g.p_W, c / (c + t + need), rel_tol=1e-9)
    assert math.isclose(g.V, 0.5) and g.question == "deterrence" and g.article5
    # resolve: the UK leads forward forces in Estonia (tripwire); Germany's 2015 Pew figure moved with
    # the median from 2015 (0.48) to 2019 (0.38); Italy has no figure (the 2019 median)
    w = dict(zip(g.allies, g.w, strict=True))
    assert w["GBR"] == p["w_tripwire"]
    assert math.isclose(w["DEU"], expit(logit(0.38) + logit(0.38) - logit(0.48)))
    assert math.isclose(w["ITA"], 0.38)
    assert 0.5 < g.kappa() < 0.99  # neither certain nor negligible


def test_kappa_differs_across_allies_as_the_data_say(world_2024):
    k = {t: from_world(world_2024, t).kappa() for t in ("EST", "LVA", "LTU")}
    # the same threat; Lithuania's tripwire is led by Germany, whose forces weigh more than Canada's
    assert k["LTU"] > k["EST"] > k["LVA"]
    # the US withdrawing or illiberal members shifting move credibility visibly
    from redline.deterrence import LEVERS

    g = from_world(world_2024, "LVA")
    assert LEVERS["us_withdrawal"](g).kappa() < g.kappa() - 0.02
    assert LEVERS["illiberal_shift"].with_params(shift=-3.0)(g).kappa() < g.kappa()


def test_non_members_questions_and_declared_commitments():
    from redline.world import World

    w22 = World.for_date("2022-06-01")
    fin = from_world(w22, "FIN")
    w = dict(zip(fin.allies, fin.w, strict=True))
    assert not fin.article5 and w["GBR"] == w["USA"] == DEFAULTS["w_declared"]
    assert w["FRA"] == DEFAULTS["w_nonmember"]
    ukr18 = from_world(World.for_year(2018), "UKR")
    assert ukr18.question == "escalation" and ukr18.summary()["regime"] != "at_war"
    ukr24 = from_world(World.for_year(2024), "UKR")
    assert ukr24.question == "continuation" and ukr24.summary()["regime"] == "at_war"
    assert any("arming a protégé is not intervening" in n for n in ukr24.notes)


def test_challenger_is_never_its_own_target_and_missing_inputs_name_state_year_source(world_2024):
    with pytest.raises(RedlineError, match="challenger cannot be its own"):
        from_world(world_2024, "RUS")
    with pytest.raises(RedlineError, match=r"RUS 1995.*military_personnel"):
        code_game("EST", "1995-06-01", ["USA", "GBR"])
    with pytest.raises(RedlineError, match="deterrence parameter 'nope'"):
        from_world(world_2024, "EST", {"nope": 1})


def test_missing_target_forces_are_a_reported_gap_not_zero():
    g = code_game("UKR", "2013-12-31", ["USA", "GBR", "POL"])  # no Ukrainian figure before 2012? (2012: 139k)
    assert not any("UKR" in x["effect"] and "no military personnel" in x["effect"] for x in g.gaps)
    g = code_game("AZE", "2010-12-31", ["USA", "GBR", "POL"])
    assert any("AZE 2010: no military personnel figure" in x["effect"] for x in g.gaps)


def _truncate(tables, day):
    out = {}
    for name, t in tables.items():
        col = (
            "published" if "published" in t.columns else ("start_date" if "start_date" in t.columns else None)
        )
        if col is None:
            out[name] = t[t["year"] <= day.year]
        else:
            out[name] = t[[d <= day for d in t[col]]]
    return out


def _clear():
    """Empty every cache built from the tables, so a run reads the (patched) tables afresh and leaves no
    rows of a cut table behind for later tests in this process."""
    from redline.deterrence import backtest

    for f in (ch._tables, ch._by_iso3, ch._personnel, ch._public_resolve, ch.committed, backtest._attack_years):
        f.cache_clear()


def test_backtest_never_reads_the_year_it_codes(monkeypatch):
    """Coding 2022 from tables cut at 31 Dec 2021 gives the same rows: the outcome cannot leak."""
    targets = ["UKR", "FIN", "MDA"]
    full = code_panel(2022, 2022, targets=targets)
    cut = dt.date(2021, 12, 31)
    real = ch._tables.__wrapped__
    _clear()
    monkeypatch.setattr(ch, "_tables", lambda snapshot: _truncate(real(snapshot), cut))
    ch._tables.cache_clear = lambda: None
    try:
        again = code_panel(2022, 2022, targets=targets)
    finally:
        monkeypatch.undo()
        _clear()
    assert full.drop(columns=["gaps"]).equals(again.drop(columns=["gaps"]))
    assert "attacked" not in full.columns and "y" not in full.columns


def test_tornado_swings_each_assumption_alone(world_2024):
    t = tornado(lambda q: from_world(world_2024, "GEO", q), swings={"k_L": (0.15, 0.6), "rho": (0.0, 0.9)})
    assert list(t["assumption"]) == sorted(
        ["k_L", "rho"], key=lambda n: -t.set_index("assumption").loc[n, "spread"]
    )
    row = t.set_index("assumption").loc["k_L"]
    g = from_world(world_2024, "GEO", {"k_L": 0.6})
    assert math.isclose(row["eu_high"], float(g.decide().eu_attack))


def test_old_force_figures_are_listed_with_their_age():
    """Review A6: a figure dated before the game's year (RUS personnel of Feb 2022, the 617k committed
    of Dec 2023, GEO personnel of 2008) is listed in ``carried`` and in the notes with its age."""
    g = code_game("GEO", "2024-12-31", ["USA", "GBR", "POL"])
    carried = {(c["iso3"], c["indicator"]): c for c in g.carried}
    assert carried[("RUS", "personnel_k")]["year_used"] == 2022
    assert carried[("RUS", "personnel_k")]["year_wanted"] == 2024
    assert carried[("RUS", "committed_k (UKR)")]["year_used"] == 2023
    assert carried[("GEO", "personnel_k")]["year_used"] == 2008
    text = "\n".join(g.notes)
    assert "RUS personnel: figure of 2022 (Statista for The Independent, Feb 2022), 2 years old for 2024" in text
    assert "GEO personnel: figure of 2008 (Felgenhauer estimate 2008), 16 years old for 2024" in text
    assert "Feb 2022 2022" not in text  # the year is not printed twice
    # a figure of the game's own year is not carried
    fresh = code_game("LVA", "2022-12-31", ["USA", "GBR", "POL"])
    assert not [c for c in fresh.carried if c["iso3"] in ("RUS", "LVA")]
