"""Coding a game from the World: allies, capability shares, willingness (models.md §3.4), gaps flagged."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from redline.deterrence import from_world
from redline.deterrence.coding import DEFAULTS
from redline.errors import RedlineError


class FakeWorld:
    """The two things from_world reads: ``actors`` and ``members``."""

    def __init__(self, actors: pd.DataFrame, nato: list[str]):
        self.actors = actors
        self._nato = nato
        self.date = "2024-12-31"

    def members(self, organisation: str) -> list[str]:
        assert organisation == "NATO"
        return list(self._nato)


def fake_world() -> FakeWorld:
    rows = {
        #      nato border_ru border_by lat    lon    dist_msk defence_usd milex_usd gdp     aid    unga  libdem
        "AAA": (1, 0, 0, 50.0, 10.0, 2000.0, 100.0, 110.0, 2000.0, 0.5, 1.0, 0.8),
        "BBB": (1, 1, 0, 55.0, 25.0, 900.0, 20.0, 21.0, 400.0, 2.0, 1.0, 0.7),
        "CCC": (1, 0, 1, 52.0, 21.0, 1100.0, math.nan, 30.0, 600.0, math.nan, 0.5, 0.3),
        "DDD": (1, 0, 0, 40.0, -3.0, 3400.0, 10.0, 12.0, 1000.0, 0.1, 1.0, math.nan),
        "UKR": (0, 1, 1, 50.45, 30.5, 755.0, math.nan, 60.0, math.nan, math.nan, 1.0, 0.2),
        "RUS": (0, 0, 0, 55.75, 37.6, 0.0, math.nan, 150.0, math.nan, math.nan, 0.0, 0.05),
    }
    cols = [
        "nato",
        "land_border_russia",
        "land_border_belarus",
        "capital_lat",
        "capital_lon",
        "dist_moscow_km",
        "defence_usd",
        "milex_usd",
        "gdp_usd",
        "ukraine_aid_pct_gdp",
        "unga_yes_share",
        "libdem",
    ]
    df = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    return FakeWorld(df, ["AAA", "BBB", "CCC", "DDD"])


def haversine(lat1, lon1, lat2, lon2, r=6371.0088):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def reference_w(world, target, ally, p, member, fill=None):
    """w of one ally; a missing datum's term is left out (or, for the gap range, set from ``fill``)."""
    r, t = world.actors.loc[ally], world.actors.loc[target]

    def term(coef, col):
        v = r[col]
        if math.isnan(v):
            return 0.0 if fill is None else p[coef] * fill[col]
        return p[coef] * v

    x = (
        p["beta0"]
        + p["beta_border"] * max(r["land_border_russia"], r["land_border_belarus"])
        + p["beta_moscow"] * r["dist_moscow_km"] / 1000
        + p["beta_target"]
        * haversine(r["capital_lat"], r["capital_lon"], t["capital_lat"], t["capital_lon"])
        / 1000
        + term("beta_aid", "ukraine_aid_pct_gdp")
        + term("beta_unga", "unga_yes_share")
        + term("beta_libdem", "libdem")
        + (0.0 if member else p["beta_nonmember"])
    )
    return 1 / (1 + math.exp(-p["lambda_w"] * x))


def reference_theatre(world, target, caps, p, cap_target):
    """a, θ, p_L, p_W from theatre capabilities: reach 2^(−km/half), T + responders = force_ratio·C."""
    act = world.actors
    t = act.loc[target]

    def reach(iso):
        r = act.loc[iso]
        return 0.5 ** (
            haversine(r["capital_lat"], r["capital_lon"], t["capital_lat"], t["capital_lon"])
            / p["lsg_half_km"]
        )

    eff = [cap * reach(iso) for iso, cap in caps.items()]
    total = sum(eff)
    C = act.loc["RUS", "milex_usd"] * reach("RUS")
    T = 0.0 if math.isnan(cap_target) else cap_target
    need = max(p["force_ratio"] * C - T, 0.0)
    return [e / total for e in eff], need / total, C / (C + T), C / (C + T + need)


def test_member_target_coding_matches_scalar_reference():
    world = fake_world()
    game = from_world(world, "BBB")
    assert game.article5 and game.allies == ("AAA", "CCC", "DDD")
    for k, ally in enumerate(game.allies):
        assert math.isclose(game.w[k], reference_w(world, "BBB", ally, DEFAULTS, True), abs_tol=1e-12)
    # capability: NATO figure, SIPRI fallback for CCC (flagged), theatre-weighted shares sum to 1
    a, theta, p_L, p_W = reference_theatre(
        world, "BBB", {"AAA": 100.0, "CCC": 30.0, "DDD": 10.0}, DEFAULTS, 20.0
    )
    np.testing.assert_allclose(game.a, a, rtol=1e-12)
    assert math.isclose(game.a.sum(), 1.0)
    assert math.isclose(game.theta, theta, rel_tol=1e-12)
    assert math.isclose(game.p_L, p_L, rel_tol=1e-12) and math.isclose(game.p_W, p_W, rel_tol=1e-12)
    flags = game.coding.set_index("ally")["flags"]
    assert "SIPRI" in flags["CCC"] and "ukraine_aid_pct_gdp missing" in flags["CCC"]
    assert "libdem missing" in flags["DDD"] and flags["AAA"] == ""
    assert any("fallback" in n for n in game.notes) and any("assumptions" in n for n in game.notes)


def test_missing_data_is_never_filled_in():
    world = fake_world()
    game = from_world(world, "BBB")
    coding = game.coding.set_index("ally")
    # the missing terms are NaN (not counted), the rows name the missing data, nothing says "median"
    assert math.isnan(coding.loc["CCC", "term_ukraine_aid_pct_gdp"]) and math.isnan(
        coding.loc["DDD", "term_libdem"]
    )
    assert coding.loc["CCC", "missing"] == "ukraine_aid_pct_gdp" and coding.loc["DDD", "missing"] == "libdem"
    assert coding.loc["AAA", "missing"] == ""
    assert not any("median" in str(x) for x in [*game.notes, *coding["flags"], *map(str, game.gaps)])
    assert {(g["ally"], g["field"]) for g in game.gaps} == {("CCC", "ukraine_aid_pct_gdp"), ("DDD", "libdem")}
    assert any("not counted" in n and "CCC ukraine_aid_pct_gdp" in n for n in game.notes)
    # the gap range: w with the datum at the lowest / highest value observed among the other allies
    others = world.actors.loc[["AAA", "CCC", "DDD"]]
    for ally, col in (("CCC", "ukraine_aid_pct_gdp"), ("DDD", "libdem")):
        lo, hi = others[col].min(), others[col].max()
        w_lo = reference_w(world, "BBB", ally, DEFAULTS, True, {col: lo})
        w_hi = reference_w(world, "BBB", ally, DEFAULTS, True, {col: hi})
        assert math.isclose(coding.loc[ally, "w_gap_low"], min(w_lo, w_hi), abs_tol=1e-12)
        assert math.isclose(coding.loc[ally, "w_gap_high"], max(w_lo, w_hi), abs_tol=1e-12)
    assert coding.loc["AAA", "w_gap_low"] == coding.loc["AAA", "w"] == coding.loc["AAA", "w_gap_high"]
    # a target without a spending figure: its own forces count as none, and that is a listed gap
    ukr = from_world(world, "UKR")  # no NATO figure: its SIPRI 60 counts
    C = 150.0 * 0.5 ** (haversine(55.75, 37.6, 50.45, 30.5) / DEFAULTS["lsg_half_km"])
    assert math.isclose(ukr.p_L, C / (C + 60.0), rel_tol=1e-12) and not ukr.gaps[-1]["field"].startswith(
        "capability"
    )
    world.actors.loc["UKR", "milex_usd"] = math.nan
    bare = from_world(world, "UKR")
    assert bare.p_L == 1.0 and ("UKR", "capability (target)") in {(g["ally"], g["field"]) for g in bare.gaps}


def test_theatre_weighting_and_force_ratio_are_parameters():
    world = fake_world()
    caps = {"AAA": 100.0, "CCC": 30.0, "DDD": 10.0}
    for params in ({"lsg_half_km": 500.0, "force_ratio": 3.0}, {"lsg_half_km": math.inf, "force_ratio": 0.5}):
        g = from_world(world, "BBB", params)
        a, theta, p_L, p_W = reference_theatre(world, "BBB", caps, {**DEFAULTS, **params}, 20.0)
        np.testing.assert_allclose(g.a, a, rtol=1e-12)
        assert math.isclose(g.theta, theta, rel_tol=1e-12) and math.isclose(g.p_W, p_W, rel_tol=1e-12)
        assert math.isclose(g.p_L, p_L, rel_tol=1e-12)
    # no gradient: plain spending shares, and the requirement is force_ratio·C − T
    flat = from_world(world, "BBB", {"lsg_half_km": math.inf})
    np.testing.assert_allclose(flat.a, np.array([100.0, 30.0, 10.0]) / 140.0)
    assert math.isclose(flat.theta, (150.0 - 20.0) / 140.0)
    # the target's own forces suffice: nothing is needed from the allies, κ = 1
    strong = from_world(world, "AAA", {"lsg_half_km": math.inf, "force_ratio": 0.5})
    assert strong.theta == 0.0 and strong.kappa() == 1.0
    with pytest.raises(RedlineError, match="lsg_half_km"):
        from_world(world, "BBB", {"lsg_half_km": 0.0})


def test_non_member_gets_a_coalition_with_lower_willingness():
    world = fake_world()
    game = from_world(world, "UKR")
    assert not game.article5 and game.allies == ("AAA", "BBB", "CCC", "DDD")
    art5 = game.coding["w_if_article5"].to_numpy()
    assert (game.w < art5).all()
    assert game.kappa() <= game.replace(w=art5).kappa()
    assert game.summary()["basis"] == "coalition of the willing"


def test_parameters_override_and_unknown_names_fail():
    world = fake_world()
    g = from_world(
        world,
        "BBB",
        {"force_ratio": 0.5, "beta_libdem": 0.0, "k_W": 2.0, "rho": 0.3, "lsg_half_km": math.inf},
    )
    assert math.isclose(g.theta, (75.0 - 20.0) / 140.0) and g.k_W == 2.0 and g.rho == 0.3
    assert (g.coding["term_libdem"].dropna() == 0).all()
    g2 = from_world(world, "BBB", {"theta": 0.4, "p_L": 0.7, "p_W": 0.1})
    assert (g2.theta, g2.p_L, g2.p_W) == (0.4, 0.7, 0.1) and g2.economy is None
    with pytest.raises(RedlineError, match="unknown"):
        from_world(world, "BBB", {"beta_unknown": 1.0})
    with pytest.raises(RedlineError, match="not in the World"):
        from_world(world, "ZZZ")
    sipri = from_world(world, "BBB", {"lsg_half_km": math.inf}, capability_source="sipri")
    np.testing.assert_allclose(sipri.a, np.array([110.0, 30.0, 12.0]) / 152.0)


def test_real_world_every_target(sources_dir):
    pytest.importorskip("redline.world")
    from redline.world import World

    try:
        world = World.for_year(2024)
    except Exception as exc:  # the snapshot is another helper's work in progress
        pytest.skip(f"World not available: {exc}")
    members = world.members("NATO")
    assert len(members) == 32
    est = from_world(world, "EST")
    assert len(est.allies) == 31 and "EST" not in est.allies and est.article5
    assert math.isclose(est.a.sum(), 1.0)
    assert est.challenger == "RUS" and 0 < est.theta < 1
    ukr = from_world(world, "UKR")
    assert not ukr.article5 and len(ukr.allies) == 32
    assert ukr.kappa() < ukr.replace(w=ukr.coding["w_if_article5"].to_numpy()).kappa()
    for t in ("MDA", "GEO"):
        g = from_world(world, t)
        assert not g.article5
        # SIPRI has their spending (data issue 12): their own forces count, no capability gap
        assert world.actor(t).milex_usd > 0
        assert not any("no defence-spending figure" in n for n in g.notes)
        assert not any(gap["field"] == "capability (target)" for gap in g.gaps)
    # the local balance distinguishes targets: a frontline state needs more from its allies
    pol = from_world(world, "POL")
    assert est.theta > pol.theta > 0 and est.resolve_margin() < pol.resolve_margin()
    assert ukr.resolve_margin() < pol.resolve_margin()
