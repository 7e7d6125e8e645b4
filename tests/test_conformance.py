"""Conformance suite (style.md convention 6): one protocol, checked the same way on every model family.

For the public kernels of decisions, bargaining, deterrence, escalation and analytics:

1. a result of the documented type and shape comes back (leading draw axis kept when batched);
2. inputs are never mutated (compared with deep copies; the call is repeated on read-only arrays);
3. stochastic functions: same seed ⇒ same output, a Generator is accepted, a different seed ⇒ a
   different output, and chunking does not change the numbers;
4. a batched kernel gives, row by row, the numbers of the per-draw call (to 1e-12).

This complements each area's scalar-reference tests: it checks the protocol, not the models.
The harness (``conformance_cases.py``) is tested first against deliberately broken dummies.
"""

from __future__ import annotations

import dataclasses
import inspect

import numpy as np
import pandas as pd
import pytest

from conformance_cases import (
    BATCH_TOL,
    assert_same,
    check_batched,
    check_pure,
    check_seeded,
    differs,
    leading_axis,
)
from redline.actors import ActorTable

D = 5
"""Draws in every batched-versus-per-draw comparison."""


# ==============================================================================================
# 0. the harness catches what it is meant to catch
# ==============================================================================================


def _mutating_kernel(x: np.ndarray) -> np.ndarray:
    x[..., 0] = 0.0  # the defect: writes into its input
    return x.sum(axis=-1)


def _sorting_kernel(x: np.ndarray) -> np.ndarray:
    x.sort(axis=-1)  # in place: mutates, and fails on a read-only array
    return x[..., -1]


def _stateful_kernel(x: np.ndarray, _calls: list = []) -> float:  # noqa: B006
    _calls.append(1)  # hidden state between calls
    return float(np.sum(x)) + len(_calls)


def _unseeded(rng=None) -> np.ndarray:
    return np.random.default_rng().random(3)  # ignores rng: irreproducible


def _seed_ignored(rng=None) -> np.ndarray:
    return np.random.default_rng(0).random(3)  # ignores rng: every seed gives the same numbers


def _int_only(rng=None) -> np.ndarray:
    return np.random.default_rng(int(rng)).random(3)  # a Generator is not accepted


def _seeded(rng=None) -> np.ndarray:
    from redline.rng import as_generator

    return as_generator(rng).random(3)


def _cross_talk_kernel(x: np.ndarray) -> np.ndarray:
    return x.sum(axis=-1) - x.mean()  # row d depends on the other rows of the batch


def test_harness_catches_mutation():
    x = np.arange(6.0).reshape(2, 3)
    with pytest.raises(AssertionError, match="inputs after the call"):
        check_pure(_mutating_kernel, x)
    with pytest.raises(AssertionError, match="inputs after the call"):
        check_pure(_sorting_kernel, np.array([[3.0, 1.0, 2.0]]))
    actors = ActorTable(("A", "B"), np.array([1.0, 2.0]), np.ones(2), np.ones(2))

    def mutates_field(table: ActorTable) -> float:
        table.position[0] = 99.0
        return 1.0

    with pytest.raises(AssertionError, match="position"):
        check_pure(mutates_field, actors)


def test_harness_catches_writes_to_read_only_and_hidden_state():
    def writes_copy_when_writable(x):  # mutates only via a view: read-only copy must refuse
        view = x.reshape(-1)
        if view.flags.writeable:
            return float(view.sum())
        view[0] = 1.0
        return 0.0

    with pytest.raises(ValueError, match="read-only"):
        check_pure(writes_copy_when_writable, np.ones(3))
    with pytest.raises(AssertionError, match="read-only inputs"):
        check_pure(_stateful_kernel, np.ones(3))
    with pytest.raises(AssertionError, match="returned None"):
        check_pure(lambda x: None, np.ones(2))
    with pytest.raises(AssertionError, match="expected"):
        check_pure(lambda x: [1], np.ones(2), expect=np.ndarray)


def test_harness_catches_bad_randomness():
    with pytest.raises(AssertionError, match="same seed"):
        check_seeded(_unseeded)
    with pytest.raises(AssertionError, match="seed is ignored"):
        check_seeded(_seed_ignored)
    with pytest.raises(TypeError):
        check_seeded(_int_only)
    check_seeded(_seeded)  # and passes a function that follows the convention


def test_harness_catches_batch_cross_talk_and_tiny_differences():
    x = np.random.default_rng(1).random((D, 4))
    with pytest.raises(AssertionError, match="batched vs per-draw"):
        check_batched(lambda: _cross_talk_kernel(x), lambda d: _cross_talk_kernel(x[d : d + 1])[0], D)
    with pytest.raises(AssertionError, match="batched vs per-draw"):
        check_batched(lambda: x.sum(axis=1), lambda d: x[d].sum() + 1e-9, D)
    check_batched(lambda: x.sum(axis=1), lambda d: x[d].sum(), D)
    assert differs(np.array([1.0, np.nan]), np.array([1.0, 2.0]))
    assert not differs(np.array([1.0, np.nan]), np.array([1.0, np.nan]))
    assert differs({"a": 1}, {"b": 1})
    assert_same(pd.DataFrame({"a": [1.0]}), pd.DataFrame({"a": [1.0 + 1e-13]}), atol=BATCH_TOL)


# ==============================================================================================
# 1. decisions: rules (passes_batch vs evaluate) and power indices
# ==============================================================================================

RULE_CASES = {
    "nato-consensus": {},
    "eu-unanimity": {"declared": ("C",)},
    "eu-qmv": {},
    "eu-qmv-reinforced": {},
    "majority": {},
    "weighted-majority": {"weight": "capability"},
    "coalition": {"required": 3.0},
    "single-government": {"decider": "B"},
    "nato-article4": {},
    "nato-article5": {"min_responders": 2},
}


@pytest.fixture(scope="module")
def actors() -> ActorTable:
    return ActorTable.from_frame(
        pd.DataFrame(
            {
                "actor": list("ABCDEF"),
                "position": [10.0, 35.0, 50.0, 62.0, 80.0, 95.0],
                "capability": [5.0, 3.0, 1.0, 2.0, 4.0, 1.0],
                "salience": [0.5, 0.9, 0.4, 0.7, 1.0, 0.3],
                "population": [80.0, 60.0, 40.0, 10.0, 5.0, 30.0],
                "member": [1, 1, 1, 1, 1, 0],
                "block_cost": [0.0, 2.0, 0.0, 5.0, 1.0, 0.0],
                "resources": [2.0, 1.0, 0.5, 3.0, 1.0, 4.0],
            }
        )
    )


@pytest.fixture(scope="module")
def position_draws(actors) -> np.ndarray:
    gen = np.random.default_rng(7)
    return np.clip(actors.position + gen.normal(0.0, 15.0, (D, len(actors))), 0.0, 100.0)


def _rule(name):
    from redline.decisions import get_rule

    return get_rule(name, **RULE_CASES[name])


@pytest.mark.parametrize("name", list(RULE_CASES))
def test_rule_passes_batch_matches_evaluate(name, actors, position_draws):
    rule = _rule(name)
    x = position_draws
    out = check_pure(rule.passes_batch, x, 50.0, 60.0, actors, expect=np.ndarray)
    assert out.shape == (D,) and out.dtype == bool
    check_batched(
        lambda: out,
        lambda d: rule.evaluate(dataclasses.replace(actors, position=x[d]), 50.0, 60.0).passes,
        D,
    )
    check_batched(lambda: out, lambda d: rule.passes_batch(x[d : d + 1], 50.0, 60.0, actors)[0], D)


@pytest.mark.parametrize("name", list(RULE_CASES))
def test_rule_per_draw_arrays_match_rows(name, actors, position_draws):
    """Per-draw status quo, proposal and block costs give each row's own scalar answer."""
    rule = _rule(name)
    x = position_draws
    gen = np.random.default_rng(3)
    sq = gen.uniform(30.0, 60.0, D)
    p = sq + gen.uniform(-30.0, 30.0, D)
    eps = gen.uniform(0.0, 8.0, (D, len(actors)))
    out = check_pure(rule.passes_batch, x, sq, p, actors, block_cost=eps, expect=np.ndarray)
    assert out.shape == (D,)
    check_batched(
        lambda: out,
        lambda d: rule.passes_batch(x[d : d + 1], sq[d], p[d], actors, block_cost=eps[d])[0],
        D,
    )


@pytest.mark.parametrize("name", list(RULE_CASES))
def test_rule_per_draw_member_and_population_match_evaluate(name, actors, position_draws):
    """Per-draw membership and populations ((D, n) arrays) give each row's own Decision."""
    rule = _rule(name)
    x = position_draws
    gen = np.random.default_rng(13)
    member = gen.random((D, len(actors))) < 0.75
    member[:, 1] = True  # the single-government decider B votes in every draw
    population = actors.population * gen.uniform(0.5, 1.5, (D, len(actors)))
    declared = gen.random((D, len(actors))) < 0.3
    arrays = {"member": member, "population": population, "declared": declared}
    out = check_pure(rule.passes_batch, x, 50.0, 60.0, actors, **arrays)
    assert out.shape == (D,)
    if name != "single-government":  # its member mask is the decider, by construction

        def one(d):
            table = dataclasses.replace(actors, position=x[d], member=member[d], population=population[d])
            return rule.evaluate(table, 50.0, 60.0, declared=declared[d]).passes

        check_batched(lambda: out, one, D)
    check_batched(
        lambda: out,
        lambda d: rule.passes_batch(x[d : d + 1], 50.0, 60.0, actors, **{k: v[d] for k, v in arrays.items()})[
            0
        ],
        D,
    )


@pytest.mark.parametrize("name", list(RULE_CASES))
def test_rule_evaluate_and_what_it_would_take_are_pure(name, actors):
    from redline.decisions import Decision, WhatItWouldTake, what_it_would_take

    rule = _rule(name)
    decision = check_pure(rule.evaluate, actors, 50.0, 70.0, expect=Decision)
    assert decision.rule == rule.name
    check_pure(what_it_would_take, rule, actors, 50.0, 70.0, expect=WhatItWouldTake)
    check_pure(rule.cutoffs, actors, 50.0, 70.0, expect=np.ndarray)


def test_losses_and_article4_batched_match_rows(position_draws):
    from redline.decisions import article4_triggered, losses

    x = position_draws
    out = check_pure(losses, x, 50.0, 60.0, expect=np.ndarray)
    assert out.shape == x.shape
    check_batched(lambda: out, lambda d: losses(x[d], 50.0, 60.0), D)
    requests = x > 50.0
    trig = check_pure(article4_triggered, requests, expect=np.ndarray)
    check_batched(lambda: trig, lambda d: article4_triggered(requests[d]), D)


def _majority_wins(coalitions: np.ndarray) -> np.ndarray:
    return (coalitions * np.array([4, 3, 2, 1, 1])).sum(axis=-1) >= 6


@pytest.mark.parametrize(
    ("fn", "args", "kwargs"),
    [
        ("weighted_power", ([4, 3, 2, 1, 1], 6), {"players": list("ABCDE")}),
        ("threshold_power", ([4, 3, 2, 1], [11, 8, 7, 6, 6]), {}),
        ("double_majority_power", ([80, 60, 40, 10, 5, 30],), {"blocking_minority": 2}),
        ("shapley_shubik", (np.array([4, 3, 2, 1, 1]), 6), {}),
        ("banzhaf", (np.array([4, 3, 2, 1, 1]), 6), {"normalized": False}),
        ("brute_force_power", (5, _majority_wins), {}),
    ],
)
def test_power_indices_are_pure(fn, args, kwargs):
    import redline.decisions as decisions

    result = check_pure(getattr(decisions, fn), *args, **kwargs)
    n = len(args[0]) if fn != "brute_force_power" else args[0]
    values = result if isinstance(result, np.ndarray) else result.shapley_shubik
    assert np.shape(values) == (n,)


def test_monte_carlo_power_is_seeded():
    from redline.decisions import PowerIndices, monte_carlo_power

    result = check_pure(monte_carlo_power, 5, _majority_wins, draws=2000, rng=1, expect=PowerIndices)
    assert result.shapley_shubik.shape == (5,)
    check_seeded(
        lambda rng: monte_carlo_power(5, _majority_wins, draws=2000, rng=rng),
        lambda r: (r.shapley_shubik, r.banzhaf_absolute),
    )


# ==============================================================================================
# 2. bargaining: forecast_batch vs forecast, monte_carlo
# ==============================================================================================

BDM_POSITION = np.array([20.0, 40.0, 60.0, 85.0])
BDM_CAPABILITY = np.array([1.0, 2.0, 1.0, 1.5])
BDM_SALIENCE = np.array([0.5, 0.8, 0.6, 0.9])


@pytest.fixture(scope="module")
def bdm_draws():
    gen = np.random.default_rng(11)
    x = np.clip(BDM_POSITION + gen.normal(0.0, 8.0, (D, 4)), 0.0, 100.0)
    c = BDM_CAPABILITY * np.exp(0.3 * gen.standard_normal((D, 4)))
    s = np.clip(BDM_SALIENCE + gen.normal(0.0, 0.1, (D, 4)), 0.05, 1.0)
    return x, c, s


@pytest.mark.parametrize("compat", ["default", "scholz_code", "dmasad"])
def test_bargaining_forecast_batch_matches_forecast(compat, bdm_draws):
    bargaining = pytest.importorskip("redline.bargaining")
    x, c, s = bdm_draws
    batch = check_pure(bargaining.forecast_batch, x, c, s, compat=compat, expect=bargaining.BatchForecast)
    leading_axis(batch, ["forecast", "status", "rounds", "cycle_min", "cycle_max", "final_positions"], D)
    assert len(batch) == D
    assert len(set(batch.rounds.tolist())) > 1  # draws stop on their own: the check has teeth

    def one(d):
        r = bargaining.forecast((x[d], c[d], s[d]), compat=compat)
        return (r.forecast, r.status, r.rounds, r.cycle_min, r.cycle_max, r.final_positions)

    def row(b, d):
        return (
            b.forecast[d],
            bargaining.status_label(b.status[d]),
            int(b.rounds[d]),
            b.cycle_min[d],
            b.cycle_max[d],
            b.final_positions[d],
        )

    check_batched(lambda: batch, one, D, pick=row)
    check_batched(
        lambda: batch,
        lambda d: row(bargaining.forecast_batch(x[d : d + 1], c[d : d + 1], s[d : d + 1], compat=compat), 0),
        D,
        pick=row,
    )


def test_bargaining_forecast_and_baselines_are_pure():
    bargaining = pytest.importorskip("redline.bargaining")
    inputs = (BDM_POSITION.copy(), BDM_CAPABILITY.copy(), BDM_SALIENCE.copy())
    result = check_pure(bargaining.forecast, inputs, expect=bargaining.BargainingResult)
    assert np.isfinite(result.forecast)
    base = check_pure(
        bargaining.baselines, position=BDM_POSITION, capability=BDM_CAPABILITY, salience=BDM_SALIENCE
    )
    assert set(base) >= {"weighted_mean", "weighted_median", "status_quo"}


def _bdm_mc(rng, draws=300, **kw):
    bargaining = pytest.importorskip("redline.bargaining")
    return bargaining.monte_carlo(
        (BDM_POSITION, BDM_CAPABILITY, BDM_SALIENCE), draws, rng=rng, position_sd=6.0, max_rounds=40, **kw
    )


def test_bargaining_monte_carlo_is_seeded_and_pure():
    bargaining = pytest.importorskip("redline.bargaining")
    inputs = (BDM_POSITION.copy(), BDM_CAPABILITY.copy(), BDM_SALIENCE.copy())
    dist = check_pure(
        bargaining.monte_carlo, inputs, 200, rng=5, position_sd=6.0, max_rounds=40,
        expect=bargaining.BargainingDistribution,
    )  # fmt: skip
    assert dist.forecasts.shape == (200,) and dist.draws == 200
    check_seeded(_bdm_mc, lambda r: r.forecasts)


def test_bargaining_monte_carlo_does_not_depend_on_chunking():
    from redline.rng import BLOCK

    draws = BLOCK + 50  # two blocks, so chunk_size=BLOCK really splits the run
    whole = _bdm_mc(8, draws=draws, chunk_size=2 * BLOCK)
    split = _bdm_mc(8, draws=draws, chunk_size=BLOCK)
    assert_same(split.forecasts, whole.forecasts, where="forecasts, chunked vs whole")
    assert_same(split.status, whole.status, where="status, chunked vs whole")


# ==============================================================================================
# 3. deterrence: credibility batched over draws, challenger_decision, monte_carlo
# ==============================================================================================

DET_W = np.array([0.8, 0.6, 0.5, 0.4, 0.7])
DET_A = np.array([0.40, 0.20, 0.15, 0.15, 0.10])


@pytest.fixture(scope="module")
def det_draws():
    gen = np.random.default_rng(21)
    w = np.clip(DET_W + gen.normal(0.0, 0.15, (D, 5)), 0.0, 1.0)
    a = gen.dirichlet(np.ones(5) * 3.0, D)
    theta = gen.uniform(0.2, 0.7, D)
    return w, a, theta


RHO_CASES = {
    "independent": 0.0,
    "moderate": np.array([0.1, 0.3, 0.5, 0.2, 0.8]),
    "high": np.array([0.92, 0.96, 0.95, 0.97, 0.93]),
    "comonotone": 1.0,
    "mixed": np.array([0.0, 0.4, 1.0, 0.95, 0.6]),
}


@pytest.mark.parametrize("case", list(RHO_CASES))
def test_credibility_batched_matches_per_draw(case, det_draws):
    from redline.deterrence import credibility

    w, a, theta = det_draws
    rho = RHO_CASES[case]
    kappa = check_pure(credibility, w, a, theta, rho=rho, expect=np.ndarray)
    assert kappa.shape == (D,) and ((kappa >= 0) & (kappa <= 1)).all()

    def one(d):
        return credibility(w[d], a[d], float(theta[d]), rho=float(np.broadcast_to(rho, (D,))[d]))

    check_batched(lambda: kappa, one, D)


@pytest.mark.parametrize("case", ["independent", "moderate"])
def test_credibility_shared_capabilities_match_per_draw(case, det_draws):
    """w batched over draws with one capability vector a (the DP's fixed-units path)."""
    from redline.deterrence import credibility

    w, _, theta = det_draws
    rho = RHO_CASES[case]
    kappa = check_pure(credibility, w, DET_A, theta, rho=rho, expect=np.ndarray)
    check_batched(
        lambda: kappa,
        lambda d: credibility(w[d], DET_A, float(theta[d]), rho=float(np.broadcast_to(rho, (D,))[d])),
        D,
    )


@pytest.mark.parametrize("rho", [0.0, 0.4])
def test_credibility_internal_chunks_do_not_change_rows(rho):
    """Over 1024 draws the DP runs in chunks; rows on both sides of a chunk edge keep their values."""
    from redline.deterrence import credibility

    gen = np.random.default_rng(17)
    n = 1030
    w = gen.uniform(0.2, 0.95, (n, 5))
    a = gen.dirichlet(np.ones(5) * 3.0, n)
    theta = gen.uniform(0.2, 0.7, n)
    kappa = credibility(w, a, theta, rho=rho, delta=0.01)
    assert kappa.shape == (n,)
    rows = [0, 1023, 1024, 1029]
    check_batched(
        lambda: kappa[rows],
        lambda i: credibility(w[rows[i]], a[rows[i]], float(theta[rows[i]]), rho=rho, delta=0.01),
        len(rows),
    )


def test_credibility_special_cases_batched(det_draws):
    from redline.deterrence import at_least, key_ally

    w, _, _ = det_draws
    tail = check_pure(at_least, w, 3, expect=np.ndarray)
    check_batched(lambda: tail, lambda d: at_least(w[d], 3), D)
    key = check_pure(key_ally, w, DET_A, 0, theta=0.3, expect=np.ndarray)
    check_batched(lambda: key, lambda d: key_ally(w[d], DET_A, 0, theta=0.3), D)


def test_challenger_decision_batched_matches_scalar():
    from redline.deterrence import (
        ChallengerDecision,
        challenger_decision,
        challenger_payoffs,
        contest_success,
    )

    gen = np.random.default_rng(4)
    kappa = gen.uniform(0, 1, D)
    A = np.array([0.6, -0.1, 0.3, 0.5, 0.2])
    B = np.array([-1.3, -0.5, 0.2, -0.2, -0.9])
    for lam in (None, 4.0):
        d = check_pure(challenger_decision, kappa, A, B, lam=lam, expect=ChallengerDecision)
        fields = ["kappa", "A", "B", "eu_attack", "kappa_star", "margin", "regime", "attack"]
        fields += [] if lam is None else ["p_attack"]
        leading_axis(d, fields, D)
        check_batched(
            lambda d=d, fields=fields: [np.asarray(getattr(d, f)) for f in fields],
            lambda i, lam=lam, fields=fields: [
                np.asarray(getattr(challenger_decision(kappa[i], A[i], B[i], lam=lam), f)) for f in fields
            ],
            D,
            pick=lambda r, i: [x[i] for x in r],
        )
    cap = gen.uniform(0.1, 2.0, (3, D))
    p = check_pure(contest_success, cap[0], cap[1], cap[2], psi=1.5, expect=np.ndarray)
    check_batched(lambda: p, lambda i: contest_success(cap[0][i], cap[1][i], cap[2][i], psi=1.5), D)
    pay = check_pure(challenger_payoffs, cap[0], p, 0.3, p / 2, 1.0)
    check_batched(
        lambda: np.stack(pay, axis=1),
        lambda i: np.array(challenger_payoffs(cap[0][i], p[i], 0.3, p[i] / 2, 1.0)),
        D,
    )


def _det_game(**changes):
    from redline.deterrence import DeterrenceGame

    base = dict(
        target="T",
        allies=("USA", "GBR", "DEU", "FRA", "POL"),
        a=DET_A,
        w=DET_W,
        theta=0.35,
        V=1.0,
        p_L=0.9,
        k_L=0.3,
        p_W=0.1,
        k_W=1.4,
        delta=0.01,  # a coarse capability unit keeps the DP (and the suite) fast
        uncertainty={
            "w.USA": {"dist": "uniform", "low": 0.1, "high": 0.9},
            "theta": {"dist": "uniform", "low": 0.3, "high": 0.6},
            "rho": {"dist": "uniform", "low": 0.0, "high": 0.5},
        },
    )
    base.update(changes)
    return DeterrenceGame(**base)


@pytest.mark.parametrize("lam", [None, 5.0])
def test_deterrence_monte_carlo_is_seeded_and_pure(lam):
    from redline.deterrence import MonteCarloResult, monte_carlo

    game = _det_game(lam=lam)
    r = check_pure(monte_carlo, game, 150, rng=3, keep_outcome=True, expect=MonteCarloResult)
    assert r.outcome.shape == (150,) and 0 <= r.p_failure <= 1
    check_seeded(lambda rng: monte_carlo(game, 150, rng=rng, keep_outcome=True), lambda r: r.outcome)


def test_deterrence_monte_carlo_does_not_depend_on_chunking():
    from redline.deterrence import monte_carlo
    from redline.rng import BLOCK

    game = _det_game(uncertainty={"w.USA": {"dist": "uniform", "low": 0.1, "high": 0.9}})
    whole = monte_carlo(game, BLOCK + 100, rng=9, chunk_size=4 * BLOCK, keep_outcome=True)
    split = monte_carlo(game, BLOCK + 100, rng=9, chunk_size=BLOCK, keep_outcome=True)
    assert_same(split.outcome, whole.outcome, where="outcome, chunked vs whole")
    assert split.p_failure == whole.p_failure


@pytest.mark.parametrize(
    "rho",
    [(0.0, 0.6), pytest.param((0.0, 0.93), id="high-rho")],
    ids=["moderate-rho", "high-rho"],
)
def test_deterrence_monte_carlo_chunking_with_correlated_resolve(rho):
    """Exact chunk independence also when kappa is computed per draw with correlated resolve."""
    from redline.deterrence import monte_carlo
    from redline.rng import BLOCK

    # rho stays below 1: near 1 the quadrature panel count, hence memory, explodes
    unc = {"rho": {"dist": "uniform", "low": rho[0], "high": rho[1]}}
    game = _det_game(lam=5.0, uncertainty=unc)
    whole = monte_carlo(game, BLOCK + 100, rng=9, chunk_size=4 * BLOCK, keep_outcome=True)
    split = monte_carlo(game, BLOCK + 100, rng=9, chunk_size=BLOCK, keep_outcome=True)
    assert abs(split.p_failure - whole.p_failure) < 1e-12
    assert_same(split.outcome, whole.outcome, where="per-draw P(attack), chunked vs whole")


def test_deterrence_levers_leave_the_game_alone():
    from redline.deterrence import LEVERS, DeterrenceGame, apply_levers, compare_levers

    game = _det_game(uncertainty={})
    for name in LEVERS:
        try:
            out = check_pure(apply_levers, game, [name], expect=DeterrenceGame)
        except Exception as exc:  # a lever that needs data the game lacks must say so, not mutate
            from redline.errors import RedlineError

            assert isinstance(exc, RedlineError), f"lever {name}: {exc!r}"
            continue
        assert out is not game
    frame = check_pure(compare_levers, game, [], expect=pd.DataFrame)
    assert list(frame["lever"]) == ["baseline"]


def test_deterrence_sweeps_are_seeded_and_pure(ladder):
    from redline.deterrence import compare_levers, restraint_sweep

    # logit rule: P(attack) varies with every draw of w_USA, so the seed must show in the output
    game = _det_game(lam=5.0, uncertainty={"w.USA": {"dist": "uniform", "low": 0.1, "high": 0.9}})
    frame = check_pure(compare_levers, game, ["us_withdrawal"], draws=200, rng=2, expect=pd.DataFrame)
    assert list(frame["lever"]) == ["baseline", "us_withdrawal"]
    check_seeded(
        lambda rng: compare_levers(game, ["lift_restrictions"], draws=200, rng=rng),
        lambda f: f[["p_failure", "delta_p"]].to_numpy(),
    )
    sigmas = np.array([0.0, 0.5, 1.0])
    sweep = check_pure(restraint_sweep, game, ladder, sigmas, expect=pd.DataFrame)
    assert len(sweep) == len(sigmas)
    check_seeded(
        lambda rng: restraint_sweep(game, ladder, sigmas, draws=200, rng=rng),
        lambda f: f.select_dtypes("number").to_numpy(),
    )


# ==============================================================================================
# 4. escalation: propagate per-draw params vs single, simulate
# ==============================================================================================


@pytest.fixture(scope="module")
def ladder():
    from redline.escalation import Ladder

    return Ladder(
        red_lines={1: 0.30, 2: 0.10},
        q_resolute=0.7,
        q_bluffer=0.05,
        h=(0.0, 0.02, 0.01, 0.05),
        e=(0.0, 0.05, 0.0, 0.0),
        g=(0.2, 0.0, 0.0, 0.1),
        theta0=0.3,
        pi_resolute=0.6,
        start=0,
        steps=6,
    )


@pytest.fixture(scope="module")
def ladder_overrides():
    gen = np.random.default_rng(5)
    tau = np.tile([np.nan, 0.30, 0.10, np.nan], (D, 1))
    tau[:, 1] = gen.uniform(0.1, 0.6, D)
    return {
        "tau": tau,
        "theta0": gen.uniform(0.05, 0.9, D),
        "q_resolute": gen.uniform(0.5, 0.9, D),
        "pi_resolute": gen.uniform(0.2, 0.8, D),
        "start": np.array([0, 1, 0, 2, 1]),
    }


def _override_row(overrides, d):
    return {k: v[d] for k, v in overrides.items()}


@pytest.mark.parametrize("logit_lambda", [None, 8.0])
def test_propagate_per_draw_params_match_single(ladder, ladder_overrides, logit_lambda):
    from redline.escalation import EscalationResult, propagate

    lad = ladder.replace(logit_lambda=logit_lambda)
    params = lad.params(**ladder_overrides)
    assert params.draws == D
    res = check_pure(propagate, params, 6, expect=EscalationResult)
    assert res.p_nuclear_by_type.shape == (2, D, 7)
    leading_axis(res, ["p_nuclear", "belief", "rung_distribution", "final"], D)

    def one(d):
        r = propagate(lad.params(**_override_row(ladder_overrides, d)), 6)
        return (r.p_nuclear_by_type[:, 0], r.belief_by_type[:, 0], r.rung_by_type[:, 0], r.pi_resolute[0])

    def row(r, d):
        return (r.p_nuclear_by_type[:, d], r.belief_by_type[:, d], r.rung_by_type[:, d], r.pi_resolute[d])

    check_batched(lambda: res, one, D, pick=row)


def test_propagate_theta0_array_matches_scalars(ladder):
    from redline.escalation import propagate

    theta0 = np.array([0.05, 0.2, 0.3214286, 0.6, 0.95])
    res = check_pure(propagate, ladder, 6, theta0=theta0)
    check_batched(
        lambda: res.p_nuclear, lambda d: propagate(ladder, 6, theta0=float(theta0[d])).p_nuclear[0], D
    )
    check_pure(propagate, ladder)  # a plain ladder: the ladder object is not touched


def test_escalation_elementwise_helpers_batched():
    from redline.escalation import bayes_update, crossing_rule, perceived_retaliation

    gen = np.random.default_rng(8)
    theta, qr = gen.uniform(0, 1, D), gen.uniform(0.5, 1, D)
    qb = qr * gen.uniform(0, 1, D)
    rho = check_pure(perceived_retaliation, theta, qr, qb)
    check_batched(lambda: rho, lambda d: perceived_retaliation(theta[d], qr[d], qb[d]), D)
    for answered in (True, False):
        post = check_pure(bayes_update, theta, qr, qb, answered)
        check_batched(
            lambda post=post: post, lambda d, a=answered: bayes_update(theta[d], qr[d], qb[d], a), D
        )
    tau = np.array([0.3, np.nan, 0.1, 0.5, np.nan])
    lam = np.array([np.inf, 3.0, 5.0, np.inf, 2.0])
    g = np.array([0.0, 0.2, 0.0, 0.0, 0.4])
    cross = check_pure(crossing_rule, tau, rho, lam, g)
    check_batched(lambda: cross, lambda d: crossing_rule(tau[d], rho[d], lam[d], g[d]), D)


def _sim_outcome(r):
    return (r.reached, r.resolute, r.belief, r.rung)


def test_simulate_is_seeded_and_pure(ladder):
    from redline.escalation import SimulationResult, simulate

    r = check_pure(simulate, ladder, 6, 300, rng=4, expect=SimulationResult)
    leading_axis(r, ["reached", "resolute", "belief", "rung"], 300)
    check_seeded(lambda rng: simulate(ladder, 6, 300, rng=rng), _sim_outcome)


def test_simulate_does_not_depend_on_chunking(ladder):
    from redline.escalation import simulate
    from redline.rng import BLOCK

    draws = BLOCK + 200
    whole = simulate(ladder, 6, draws, rng=17)
    cut = BLOCK - 100  # a chunk boundary inside a block, as first_draw allows
    parts = [simulate(ladder, 6, cut, rng=17), simulate(ladder, 6, draws - cut, rng=17, first_draw=cut)]
    for name in ("reached", "resolute", "belief", "rung"):
        joined = np.concatenate([getattr(p, name) for p in parts])
        assert_same(joined, getattr(whole, name), where=f"{name}, chunked vs whole")


def test_simulate_per_draw_params_match_single_runs(ladder, ladder_overrides):
    from redline.escalation import simulate

    params = ladder.params(**ladder_overrides)
    res = check_pure(simulate, params, 6, D, rng=23)

    def one(d):
        r = simulate(ladder.params(**_override_row(ladder_overrides, d)), 6, 1, rng=23, first_draw=d)
        return tuple(x[0] for x in _sim_outcome(r))

    check_batched(lambda: res, one, D, pick=lambda r, d: tuple(x[d] for x in _sim_outcome(r)))


# ==============================================================================================
# 5. analytics: pure measures, seeded bootstrap and permutation tests
# ==============================================================================================

STATES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III", "JJJ", "KKK", "LLL"]


@pytest.fixture(scope="module")
def economy() -> pd.DataFrame:
    gen = np.random.default_rng(31)
    gdp = gen.lognormal(6.0, 1.0, len(STATES))
    pct = gen.uniform(1.0, 4.0, len(STATES))
    frame = pd.DataFrame(
        {
            "gdp_usd": gdp,
            "defence_usd": gdp * pct / 100,
            "defence_pct_gdp": pct,
            "ukraine_aid_total_eur_bn": gen.uniform(0.1, 20.0, len(STATES)),
            "ukraine_aid_pct_gdp": gen.uniform(0.05, 1.5, len(STATES)),
            "population": gen.uniform(1e6, 8e7, len(STATES)),
            "milex": gdp * pct / 100,
            "tpop": gen.uniform(1e3, 8e4, len(STATES)),
        },
        index=pd.Index(STATES, name="iso3"),
    )
    frame.iloc[2, 1] = np.nan  # a gap stays a gap
    return frame


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    gen = np.random.default_rng(41)
    rows = []
    for r in range(8):
        for s in STATES[:7]:
            rows.append({"iso3": s, "resolution": f"R{r}", "date": f"2024-01-{r + 1:02d}",
                         "vote": gen.choice(["Y", "N", "A", "absent", "Y", "Y"])})  # fmt: skip
    return pd.DataFrame(rows)


ANALYTICS_PURE = [
    ("burden_ratio", lambda e, v: ((e["defence_usd"].to_numpy(), e["gdp_usd"].to_numpy()), {})),
    ("defence_burden", lambda e, v: ((e,), {})),
    ("aid_burden", lambda e, v: ((e,), {})),
    ("partial_correlation", lambda e, v: ((e["gdp_usd"], e["defence_pct_gdp"], e["population"]), {})),
    ("spending_change", lambda e, v: ((pd.Series([1.0, 1.1, np.nan, 1.4], index=[2020, 2021, 2022, 2023]),), {})),
    ("cinc", lambda e, v: ((e[["milex", "tpop"]],), {"system": "test"})),
    ("vote_matrix", lambda e, v: ((v,), {})),
    ("vote_cohesion", lambda e, v: ((v, STATES[:5]), {})),
    ("agreement_index", lambda e, v: ((np.array([5, 0, 3]), np.array([1, 0, 3]), np.array([0, 0, 1])), {})),
    ("rice_index", lambda e, v: ((np.array([5, 0, 3]), np.array([1, 0, 3])), {})),
]  # fmt: skip


@pytest.mark.parametrize("name", [n for n, _ in ANALYTICS_PURE])
def test_analytics_measures_are_pure(name, economy, votes):
    import redline.analytics as analytics

    args, kwargs = dict(ANALYTICS_PURE)[name](economy, votes)
    check_pure(getattr(analytics, name), *args, **kwargs)


def test_alignment_chain_is_pure_and_pair_similarity_batched(votes):
    import redline.analytics as analytics

    matrix = check_pure(analytics.vote_matrix, votes, expect=pd.DataFrame)
    pairs = check_pure(analytics.dyadic_similarity, matrix, expect=pd.DataFrame)
    check_pure(analytics.reference_profile, matrix, STATES[:5], expect=pd.Series)
    check_pure(analytics.alignment_with, matrix, "AAA", expect=pd.DataFrame)
    check_pure(analytics.alignment_table, matrix, STATES[:5], references=("AAA", "nato-median"))
    sim = check_pure(analytics.similarity_matrix, pairs, "s_abs", expect=pd.DataFrame)
    check_pure(analytics.linkage_factions, sim, expect=list)
    check_pure(analytics.modularity, sim, [STATES[:3], STATES[3:7]])
    x = matrix.to_numpy()
    ref = x[0]
    out = check_pure(analytics.pair_similarity, x, ref[None, :], expect=dict)
    n = x.shape[0]
    leading_axis(out, list(out), n)
    check_batched(lambda: out, lambda d: analytics.pair_similarity(x[d], ref), n,
                  pick=lambda r, d: {k: v[d] for k, v in r.items()})  # fmt: skip


def test_position_cohesion_batched_matches_rows(position_draws, actors):
    from redline.analytics import position_cohesion

    out = check_pure(
        position_cohesion, position_draws, capability=actors.capability, salience=actors.salience, expect=dict
    )
    leading_axis(out, ["mean", "sd", "cohesion"], D)
    check_batched(
        lambda: out,
        lambda d: position_cohesion(
            position_draws[d], capability=actors.capability, salience=actors.salience
        ),
        D,
        pick=lambda r, d: {k: v[d] for k, v in r.items()},
    )


def test_olson_zeckhauser_permutation_is_seeded(economy):
    from redline.analytics import olson_zeckhauser

    gdp, burden = economy["gdp_usd"].to_numpy(), economy["defence_pct_gdp"].to_numpy()
    assert np.isfinite(gdp).sum() > 9  # random permutations (above the exact-enumeration size)
    check_pure(olson_zeckhauser, gdp, burden, n_resamples=200, rng=1, expect=pd.DataFrame)
    check_seeded(
        lambda rng: olson_zeckhauser(gdp, burden, n_resamples=200, rng=rng),
        lambda frame: frame["p_value"].to_numpy(),
    )


def test_group_difference_bootstrap_is_seeded(economy):
    from redline.analytics import group_difference

    values = economy["defence_pct_gdp"].to_numpy()
    group = np.arange(len(values)) % 3 == 0
    check_pure(group_difference, values, group, n_resamples=300, rng=1, expect=pd.DataFrame)
    check_seeded(
        lambda rng: group_difference(values, group, n_resamples=300, rng=rng),
        lambda frame: frame[["ci_low", "ci_high"]].to_numpy(),
    )


def test_factions_are_pure_and_reproducible(votes):
    import redline.analytics as analytics

    sim = analytics.similarity_matrix(analytics.dyadic_similarity(analytics.vote_matrix(votes)), "agree")
    members, summary = check_pure(analytics.factions, sim, fill_missing=0.0)
    assert len(members) == len(sim) and summary["n_members"] == len(sim)
    check_pure(analytics.louvain_factions, sim.fillna(0.0), expect=list)


# ==============================================================================================
# 6. a batch of one draw keeps its draw axis
# ==============================================================================================


def test_batch_of_one_keeps_the_draw_axis(actors, position_draws, bdm_draws, det_draws, ladder):
    from redline.analytics import pair_similarity, position_cohesion
    from redline.decisions import get_rule, losses
    from redline.deterrence import challenger_decision, credibility
    from redline.escalation import propagate, simulate

    x = position_draws[:1]
    assert get_rule("eu-qmv").passes_batch(x, 50.0, 60.0, actors).shape == (1,)
    assert losses(x, 50.0, 60.0).shape == (1, len(actors))
    w, a, theta = (v[:1] for v in det_draws)
    assert np.shape(credibility(w, a, theta)) == (1,)
    assert np.shape(credibility(w, a, theta, rho=0.3)) == (1,)
    assert np.shape(challenger_decision(np.array([0.5]), np.array([0.6]), np.array([-1.3])).regime) == (1,)
    params = ladder.params(theta0=np.array([0.4]))
    assert propagate(params, 4).p_nuclear.shape == (1, 5)
    assert simulate(params, 4, 1, rng=1).rung.shape == (1, 5)
    assert position_cohesion(x, "equal")["cohesion"].shape == (1,)
    assert pair_similarity(np.array([[1.0, 3.0]]), np.array([1.0, 2.0]))["agree"].shape == (1,)
    bargaining = pytest.importorskip("redline.bargaining")
    bx, bc, bs = (v[:1] for v in bdm_draws)
    batch = bargaining.forecast_batch(bx, bc, bs)
    assert batch.forecast.shape == (1,) and batch.final_positions.shape == (1, bx.shape[1])


def test_check_claims_is_reproducible_and_pure():
    from redline.analytics import check_claims

    chosen = ["frontline_spend_most", "threat_not_size"]
    first = check_pure(check_claims, claims=chosen, rng=3, expect=list)
    assert [r.id for r in first] == chosen


# ==============================================================================================
# 7. one randomness convention: every stochastic public function takes ``rng``
# ==============================================================================================

STOCHASTIC = [
    ("redline.decisions", "monte_carlo_power"),
    ("redline.bargaining", "monte_carlo"),
    ("redline.deterrence", "monte_carlo"),
    ("redline.deterrence", "compare_levers"),
    ("redline.deterrence", "restraint_sweep"),
    ("redline.escalation", "simulate"),
    ("redline.analytics", "olson_zeckhauser"),
    ("redline.analytics", "group_difference"),
    ("redline.analytics", "check_claims"),
    ("redline.analytics", "louvain_factions"),
    ("redline.analytics", "factions"),
]


@pytest.mark.parametrize(("module", "name"), STOCHASTIC)
def test_stochastic_functions_take_rng(module, name):
    mod = pytest.importorskip(module)
    parameters = inspect.signature(getattr(mod, name)).parameters
    assert "rng" in parameters, f"{module}.{name} has no rng parameter: {list(parameters)}"
    assert "seed" not in parameters, f"{module}.{name} takes both seed and rng"
