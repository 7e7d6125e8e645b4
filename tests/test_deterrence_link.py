"""The annual P(attack) of the retrodiction link in a scenario (redline.deterrence.link).

The shipped fit (src/redline/deterrence/link_fit.json, built by scripts/fit_deterrence_link.py) must be
what the code computes on the current data, and a scenario of year Y must read the fit on the panel rows
up to Y − 1 only, at the EU_C of its own coded game.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from redline.deterrence.link import LINK_FILE, coded_rows, fits_from_rows, link_for, load_link

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads(LINK_FILE.read_text())


def test_the_shipped_fit_is_built_from_the_current_data_snapshot(shipped):
    from redline.data import snapshot_version

    assert shipped["data_snapshot"] == snapshot_version(), "data changed: run python scripts/fit_deterrence_link.py"
    assert shipped["command"] == "python scripts/fit_deterrence_link.py"
    assert (ROOT / "scripts" / "fit_deterrence_link.py").exists()
    assert shipped["built"] and shipped["source"]


def test_the_shipped_fits_are_the_penalised_ml_fits_of_the_shipped_rows(shipped):
    """Every α, λ per last year refits exactly from the shipped rows (fit_logit, rows up to that year)."""
    refit = fits_from_rows(shipped["rows"], shipped["first"], shipped["last"])
    assert refit.keys() == shipped["fits"].keys()
    for end, fit in shipped["fits"].items():
        assert refit[end]["rows"] == fit["rows"] and refit[end]["attacks"] == fit["attacks"]
        assert refit[end]["alpha"] == pytest.approx(fit["alpha"], abs=1e-9), end
        assert refit[end]["lam"] == pytest.approx(fit["lam"], abs=1e-9), end
    # the record: Georgia 2008, Ukraine 2014 and 2022
    years = np.asarray(shipped["rows"]["year"])
    attacks = [(t, y) for t, y, a in zip(shipped["rows"]["target"], years, shipped["rows"]["y"], strict=True) if a]
    assert sorted(attacks) == [("GEO", 2008), ("UKR", 2014), ("UKR", 2022)]


@pytest.mark.parametrize("first,last", [(2007, 2008), (2022, 2023)])
def test_the_shipped_rows_are_what_the_panel_codes_now(shipped, first, last):
    """A small cut recoded from the data gives the shipped rows (so the file cannot go stale silently)."""
    targets = sorted(set(shipped["rows"]["target"]))
    now = coded_rows(first, last, targets=targets)
    keep = [i for i, y in enumerate(shipped["rows"]["year"]) if first <= y <= last]
    old = {k: [v[i] for i in keep] for k, v in shipped["rows"].items()}
    assert now["target"] == old["target"] and now["year"] == old["year"] and now["y"] == old["y"]
    assert np.allclose(now["eu"], old["eu"], rtol=0, atol=1e-12)


def test_a_scenario_reads_only_the_rows_of_the_years_before_its_own(shipped):
    fit = link_for(2024)
    assert fit["last"] == 2023 and not fit["carried"]
    assert fit["rows"] == sum(y <= 2023 for y in shipped["rows"]["year"])
    assert (fit["alpha"], fit["lam"]) == (shipped["fits"]["2023"]["alpha"], shipped["fits"]["2023"]["lam"])
    assert link_for(shipped["first"]) is None  # no earlier row to fit
    late = link_for(shipped["last"] + 3)
    assert late["last"] == shipped["last"] and late["carried"]


def test_the_scenario_annual_p_attack_is_the_link_at_the_coded_eu(shipped):
    """p_attack_year = logistic(α + λ·EU_C), α, λ read from the shipped file and EU_C from the game coded
    here; the headline says the share of assumption draws and the annual figure apart."""
    from redline.adapters.base import world_of
    from redline.adapters.deterrence import _deterrence_questions
    from redline.adapters.deterrence_games import scenario_game
    from redline.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "nato-2024.toml")
    world = world_of(scenario)
    result, _ = _deterrence_questions(scenario, world)
    fit = shipped["fits"]["2023"]  # the scenario is of 2024: rows of 2024 and later are never read
    assert result["link"]["last"] == 2023
    rows = {t["target"]: t["point"][0] for t in result["targets"]}
    for target in ("GEO", "MDA", "EST", "POL"):
        eu = scenario_game(scenario, world, target).summary()["eu_attack"]
        expected = 1.0 / (1.0 + math.exp(-(fit["alpha"] + fit["lam"] * eu)))
        assert rows[target]["p_attack_year"] == pytest.approx(expected, rel=1e-12), target
    assert rows["UKR"]["p_attack_year"] is None  # at full war: deterrence already failed
    # Georgia 2024: its 2024 moves away from the EU undo the candidacy's stakes (session 8): no opportunity
    assert rows["GEO"]["eu_attack"] < -0.2 and rows["GEO"]["p_attack_year"] < 0.01


def test_annual_and_share_texts():
    from redline.deterrence.link import annual_text, eu_text, knife_edge, share_text, source_text

    assert share_text(0.4931640625) == "49.3%"
    assert annual_text(0.0077470) == "0.77%" and annual_text(0.00004) == "< 0.01%" and annual_text(None) == "—"
    assert eu_text(-0.00097667) == "EU_C = −0.001"
    assert knife_edge(0.493) and not knife_edge(0.004) and not knife_edge(None)
    assert source_text({"first": 2000, "last": 2023}) == "link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate"
    assert "starts in 2000" in source_text(None)


def test_load_link_is_the_shipped_file(shipped):
    assert load_link() == shipped


def test_annual_and_share_texts_never_print_an_exponent_or_a_gap_as_zero():
    from redline.deterrence.link import annual_text, share_text

    assert annual_text(0.0077471) == "0.77%"
    assert annual_text(0.00021) == "0.021%"
    assert annual_text(0.00005) == "< 0.01%"
    assert annual_text(0.5) == "50%"
    assert annual_text(0.999) == "100%"  # not "1e+02%"
    assert annual_text(float("nan")) == "—"
    assert share_text(0.4931640625) == "49.3%"
    assert share_text(None) == "—"  # a missing share is not 0.0%
