"""An uncoded ``[context]`` flag read as unknown (variant ``holdout_unknown_flags``, session 6).

Hand-worked: a lone NATO holdout with salience 0.6 and no other opposed ally (isolation 1) blocks at
the fitted parameters (block -0.5 > concede -0.6) unless a side payment is on the table (concede
-0.6 + 0.15 = -0.45 > -0.5). So P(adopted) is the share of draws in which the side payment is drawn.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from dataclasses import replace

import numpy as np
import pytest

import redline.backtest.crossval as crossval
from redline.backtest import CodingUncertainty, forecast_case
from redline.backtest.cases import (
    CONTEXT_FIELDS,
    Case,
    CaseActor,
    CaseContext,
    CaseIssue,
    find_cases,
    read_case,
)
from redline.backtest.crossval import CORPUS_END, TEMPORAL_SPLIT, UNKNOWN_FLAG_VARIANTS, VARIANTS
from redline.backtest.method import (
    CORPUS_FLAG_FREQUENCY,
    FITTED_HOLDOUT,
    flag_frequencies,
    flag_uniforms,
)
from test_backtest_crossval import case as cv_case
from test_backtest_crossval import median_bargainer, write_folder

NO_NOISE = CodingUncertainty(position_sd=0.0, capability_sigma=0.0, salience_concentration=1e6)
ALL_FALSE = dict.fromkeys(CONTEXT_FIELDS, False)


def actor(key, x, s, veto=True):
    return CaseActor(key=key, name=key, position=x, salience=s, capability=0.5, veto=veto, source="s")


def lone_holdout(rule="nato-consensus", **flags):
    """Two allies at 100, one holdout at 0 with salience 0.6; every flag false unless given (None: uncoded)."""
    context = CaseContext(**(ALL_FALSE | flags))
    issue = CaseIssue("q?", {0: "no", 100: "yes"}, 0.0, 100.0, 50.0)
    return Case(
        id="toy",
        title="toy",
        decision_date=dt.date(2024, 1, 2),
        coding_date=dt.date(2024, 1, 1),
        body="b",
        rule=rule,
        issue=issue,
        actors=(actor("AAA", 100, 0.5), actor("BBB", 100, 0.5), actor("HUN", 0, 0.6)),
        context=context,
    )


def at_100(x, c, s):
    return np.full(x.shape[0], 100.0)


def shares(side=np.nan, opt=np.nan, route=np.nan, deadline=np.nan):
    row = {
        "opt_out_possible": opt,
        "route_around": route,
        "side_payment_available": side,
        "deadline_pressure": deadline,
    }
    return {"eu": dict(row), "nato": dict(row), "all": dict(row)}


def run(case, draws=400, seed=3, frequency=None):
    return forecast_case(
        case,
        draws=draws,
        seed=seed,
        uncertainty=NO_NOISE,
        bargainer=at_100,
        holdout=FITTED_HOLDOUT,
        flag_frequency=frequency,
    )


def p_redline(result):
    return float(result.methods.set_index("method").loc["redline", "p_adopted"])


def same(a, b):
    assert a.methods.equals(b.methods) and a.actors.equals(b.actors) and a.outcomes == b.outcomes


# ------------------------------------------------------------------ the hand-worked toy, coded both ways
def test_the_toy_turns_on_the_side_payment():
    assert p_redline(run(lone_holdout(side_payment_available=True))) == 1.0
    assert p_redline(run(lone_holdout(side_payment_available=False))) == 0.0


def test_a_case_with_every_flag_coded_is_forecast_exactly_as_before():
    for flags in ({"side_payment_available": True}, {"opt_out_possible": True}, {}):
        coded = lone_holdout(**flags)
        same(run(coded, frequency=shares(0.5, 0.5, 0.5, 0.5)), run(coded))


def test_share_zero_is_coded_false_and_share_one_is_coded_true():
    uncoded = lone_holdout(side_payment_available=None)
    same(run(uncoded, frequency=shares(side=0.0)), run(lone_holdout(side_payment_available=False)))
    same(run(uncoded, frequency=shares(side=1.0)), run(lone_holdout(side_payment_available=True)))
    # no training case codes it (NaN): drawn false, i.e. the old reading
    same(run(uncoded, frequency=shares()), run(lone_holdout(side_payment_available=False)))
    # and without frequencies at all an uncoded flag is false
    same(run(uncoded), run(lone_holdout(side_payment_available=False)))


def test_an_unknown_flag_is_drawn_with_its_family_share():
    draws = 4000
    for rule, family in (("nato-consensus", "nato"), ("eu-unanimity", "eu"), ("single-government", "all")):
        frequency = shares(side=0.0)
        frequency[family]["side_payment_available"] = 0.3
        case = lone_holdout(rule, side_payment_available=None)
        if rule == "single-government":
            case = replace(case, decider=None)
        p = p_redline(run(case, draws=draws, frequency=frequency))
        assert abs(p - 0.3) < 4 * math.sqrt(0.3 * 0.7 / draws), (rule, p)


def test_an_unknown_opt_out_lets_the_holdout_step_aside_in_that_share_of_draws():
    # opt out: -0.5 * 0.6 = -0.3 beats block -0.5, so the draws with the opt-out drawn are adopted
    case = lone_holdout(opt_out_possible=None)
    result = run(case, draws=4000, frequency=shares(opt=0.25))
    assert abs(p_redline(result) - 0.25) < 4 * math.sqrt(0.25 * 0.75 / 4000)
    assert result.outcomes["adopted_with_opt_outs"] == pytest.approx(p_redline(result))


def test_the_flag_draws_are_reproducible_per_seed_and_prefix_stable():
    case = lone_holdout(side_payment_available=None)
    same(run(case, frequency=shares(side=0.5)), run(case, frequency=shares(side=0.5)))
    assert p_redline(run(case, seed=3, frequency=shares(side=0.5))) != p_redline(
        run(case, seed=4, frequency=shares(side=0.5))
    )
    assert np.array_equal(flag_uniforms(50, 7)[:20], flag_uniforms(20, 7))
    # the flag stream is not the coding stream: the first uniforms differ from default_rng(seed)'s
    assert not np.array_equal(flag_uniforms(5, 7), np.random.default_rng(7).random((5, 5)))


# ------------------------------------------------------------------------------ the frequencies
def ctx_case(cid, rule, **flags):
    return replace(lone_holdout(rule, **flags), id=cid)


def test_frequencies_by_hand():
    cases = [
        ctx_case("e1", "eu-unanimity", opt_out_possible=True, side_payment_available=False),
        ctx_case("e2", "eu-unanimity", opt_out_possible=False, side_payment_available=True),
        ctx_case("e3", "eu-unanimity", opt_out_possible=None, side_payment_available=True),
        ctx_case("n1", "nato-consensus", opt_out_possible=True, side_payment_available=None),
        ctx_case("g1", "single-government", opt_out_possible=False, side_payment_available=False),
        ctx_case("c1", "coalition", opt_out_possible=True, side_payment_available=True),  # no holdouts
    ]
    f = flag_frequencies(cases)
    assert f["eu"]["opt_out_possible"] == pytest.approx(1 / 2)
    assert f["eu"]["side_payment_available"] == pytest.approx(2 / 3)
    assert f["nato"]["opt_out_possible"] == 1.0 and math.isnan(f["nato"]["side_payment_available"])
    assert f["all"]["opt_out_possible"] == pytest.approx(2 / 4)  # e1, e2, n1, g1
    assert f["all"]["side_payment_available"] == pytest.approx(2 / 4)  # e1, e2, e3, g1
    assert f["eu"]["deadline_pressure"] == 0.0
    assert "reservation_possible" not in f["eu"]  # coded from legal form: never unknown


def test_the_shipped_corpus_shares_are_what_the_files_say():
    corpus = [
        c
        for c in map(read_case, find_cases(crossval.Path("backtest/cases")))
        if c.decision_date <= CORPUS_END
    ]
    f = flag_frequencies(corpus)
    for family, row in CORPUS_FLAG_FREQUENCY.items():
        assert row == pytest.approx(f[family])


# ------------------------------------------------------------------------ cross-validation folds
FLAGS_CODED = {**dict.fromkeys(CONTEXT_FIELDS, False), "side_payment_available": True}


def coded_corpus():
    """The synthetic corpus of test_backtest_crossval with every flag coded (side payment true)."""
    out = []
    for year, x, s, adopted in ((2010, 0, 0.9, False), (2012, 10, 0.4, True), (2014, 0, 0.8, True),
                                (2016, 20, 0.3, True), (2018, 0, 1.0, False), (2019, 5, 0.5, True),
                                (2020, 0, 0.9, False), (2021, 0, 0.6, True), (2022, 30, 0.2, True)):  # fmt: skip
        out.append(cv_case(f"c{year}", year, x, s, adopted, FLAGS_CODED))
    return out


def held(cid, side):
    flags = {k: v for k, v in FLAGS_CODED.items() if k != "side_payment_available"}
    if side is not None:
        flags["side_payment_available"] = side
    return cv_case(cid, 2023, 0, 0.7, True, flags)


def cv(folder):
    return crossval.cross_validate(folder, draws=40, seed=1, n_boot=20, bargainer=median_bargainer)


def p_of(result, split, method):
    sub = result.predictions[
        (result.predictions["split"] == split) & (result.predictions["method"] == method)
    ]
    return sub.set_index("case")["p_adopted"]


def test_on_a_fully_coded_corpus_the_variant_equals_holdout_capability(tmp_path):
    result = cv(write_folder(tmp_path / "f", coded_corpus()))
    assert "holdout_unknown_flags" in VARIANTS and "holdout_unknown_flags" in UNKNOWN_FLAG_VARIANTS
    for split in ("loo", "temporal"):
        assert p_of(result, split, "holdout_unknown_flags").equals(p_of(result, split, "holdout_capability"))
    assert result.fitted_variants["holdout_unknown_flags"] == result.fitted_variants["holdout_capability"]


def test_the_shares_come_from_the_training_cases_only(tmp_path):
    corpus = coded_corpus()
    corpus[4] = cv_case(
        "c2018", 2018, 0, 1.0, False, {k: v for k, v in FLAGS_CODED.items() if k != "opt_out_possible"}
    )
    folder = write_folder(tmp_path / "g", [*corpus, held("h_coded", False), held("h_unknown", None)])
    calls: list[set[str]] = []
    real = crossval.flag_frequencies

    def spy(cases):
        calls.append({c.id for c in cases})
        return real(cases)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(crossval, "flag_frequencies", spy)
        result = cv(folder)
    ids = {c["id"] for c in corpus}
    early = {c["id"] for c in corpus if c["decision_date"] <= TEMPORAL_SPLIT}
    want = [ids - {c} for c in sorted(ids)] + [early, ids]
    assert sorted(map(sorted, calls)) == sorted(map(sorted, want))
    assert all(not ({"h_coded", "h_unknown"} & call) for call in calls)
    # Behaviour: every corpus case codes the side payment true, so the unknown one is drawn true in
    # every draw: exactly the forecast of the same case coded true (a held-out false would leak in).
    coded_true = cv(write_folder(tmp_path / "t", [*corpus, held("h_unknown", True)]))
    coded_false = cv(write_folder(tmp_path / "u", [*corpus, held("h_unknown", False)]))
    unknown = p_of(result, "held_out", "holdout_unknown_flags")["h_unknown"]
    assert unknown == p_of(coded_true, "held_out", "holdout_unknown_flags")["h_unknown"]
    assert unknown != p_of(coded_false, "held_out", "holdout_unknown_flags")["h_unknown"]  # it can fail
    # ... and the held-out forecast of one case does not depend on the other held-out cases
    assert (
        unknown
        == p_of(
            cv(write_folder(tmp_path / "v", [*corpus, held("h_unknown", None)])),
            "held_out",
            "holdout_unknown_flags",
        )["h_unknown"]
    )


def test_a_fold_forecast_equals_forecast_case_with_the_training_shares(tmp_path):
    corpus = coded_corpus()
    corpus[2] = copy.deepcopy(corpus[2])
    corpus[2]["context"]["side_payment_available"] = False
    data = held("h_unknown", None)
    result = cv(write_folder(tmp_path / "w", [*corpus, data]))
    case = read_case(tmp_path / "w" / "h_unknown.toml")
    training = [read_case(tmp_path / "w" / f"{c['id']}.toml") for c in corpus]
    params = crossval.HoldoutParams(**result.fitted_variants["holdout_unknown_flags"])
    direct = forecast_case(
        case,
        draws=40,
        seed=1,
        bargainer=median_bargainer,
        holdout=params,
        flag_frequency=flag_frequencies(training),
    )
    assert p_of(result, "held_out", "holdout_unknown_flags")["h_unknown"] == pytest.approx(p_redline(direct))


def test_the_default_variant_and_the_default_reading_agree():
    from redline.backtest import method

    assert (crossval.DEFAULT_VARIANT in UNKNOWN_FLAG_VARIANTS) == method.READ_UNCODED_AS_UNKNOWN
