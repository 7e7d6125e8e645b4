"""The forecast method: acceptance, rule mapping, baselines and Monte Carlo, against loop references."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.backtest import CodingUncertainty, forecast_case, sample_codings
from redline.backtest.baselines import veto_players_value, weighted_mean, weighted_median
from redline.backtest.cases import Case, CaseActor, CaseIssue
from redline.backtest.method import FIRST_HOLDOUT, acceptance_bound, case_rule, furthest_passable

NO_NOISE = CodingUncertainty(position_sd=0.0, capability_sigma=0.0, salience_concentration=1e6)


def actor(key, x, s, c=0.5, veto=True, **kw):
    return CaseActor(key=key, name=key, position=x, salience=s, capability=c, veto=veto, source="s", **kw)


def toy_case(actors, rule="nato-consensus", threshold=50.0, sq=0.0, decider=None, required=None):
    issue = CaseIssue("q?", {0: "no", 100: "yes"}, sq, 100.0, threshold, required)
    return Case(
        id="toy",
        title="toy",
        decision_date=__import__("datetime").date(2024, 1, 2),
        coding_date=__import__("datetime").date(2024, 1, 1),
        body="b",
        rule=rule,
        issue=issue,
        actors=tuple(actors),
        decider=decider,
    )


def constant(value):
    return lambda x, c, s: np.full(x.shape[0], float(value))


# ----------------------------------------------------------------------------- acceptance bounds
@given(st.floats(0, 100), st.floats(0, 100), st.sampled_from([-1.0, 1.0]), st.floats(0, 30))
def test_acceptance_bound_matches_brute_force(x, sq, direction, eps):
    bound = acceptance_bound(np.array([[x]]), sq, np.array([direction]), np.array([eps]))[0, 0]
    # Brute force: the largest step t >= 0 in the direction of the move that the actor accepts.
    accepted = [
        t for t in np.linspace(0, 300, 30001) if abs(sq + direction * t - x) - abs(sq - x) <= eps + 1e-9
    ]
    assert bound == pytest.approx(max(accepted), abs=0.011)


def brute_furthest(rule, x, resist, sq, mu, member, block_cost, population, resources, required, decider):
    """For one draw, by plain loops: the furthest step t in [0, |mu - sq|] whose outcome passes."""
    n = len(x)
    direction = 1.0 if mu > sq else -1.0 if mu < sq else 0.0

    def passes(p):
        loss = [abs(p - x[i]) - abs(sq - x[i]) for i in range(n)]
        along = [bool(not resist[i]) and rule != "coalition" for i in range(n)]
        yes = [along[i] or loss[i] <= 1e-9 for i in range(n)]
        if rule in ("nato-consensus", "eu-unanimity"):
            return all(along[i] or loss[i] <= block_cost[i] + 1e-9 for i in range(n) if member[i])
        if rule == "single-government":
            return yes[decider]
        if rule == "majority":
            return sum(yes[i] for i in range(n) if member[i]) > sum(member) / 2
        if rule == "eu-qmv":
            ms = [i for i in range(n) if member[i]]
            k = sum(yes[i] for i in ms)
            pop = sum(population[i] for i in ms if yes[i])
            total = sum(population[i] for i in ms)
            return (k >= math.ceil(0.55 * len(ms)) and pop >= 0.65 * total) or len(ms) - k < 4
        if rule == "coalition":
            willing = [i for i in range(n) if member[i] and loss[i] <= 1e-9]
            return bool(willing) and sum(resources[i] for i in willing) >= required - 1e-9
        raise AssertionError(rule)

    moved = abs(mu - sq)
    steps = {0.0, moved}
    for i in range(n):
        base = direction * (x[i] - sq) + abs(x[i] - sq)
        steps |= {base, base + block_cost[i]}
    best = -math.inf
    for t in steps:
        t = min(max(t, 0.0), moved)
        if t > best and passes(sq + direction * t):
            best = t
    return best


@pytest.mark.parametrize(
    "rule", ["nato-consensus", "eu-unanimity", "single-government", "majority", "eu-qmv", "coalition"]
)
def test_furthest_passable_matches_loop_reference(rule):
    gen = np.random.default_rng(11)
    for _ in range(8):
        n = int(gen.integers(2, 8))
        actors = [
            actor(
                f"A{i}",
                float(gen.integers(0, 101)),
                0.5,
                veto=bool(gen.random() < 0.8) or i == 0,
                population=float(gen.integers(1, 80)),
                resources=float(gen.integers(0, 10)),
                block_cost=float(gen.choice([0.0, 0.0, 7.5])),
            )
            for i in range(n)
        ]
        case = toy_case(actors, rule=rule, sq=float(gen.integers(0, 30)), decider="A0", required=12.0)
        table = case.actor_table()
        draws = 30
        x = np.round(gen.uniform(0, 100, size=(draws, n)))
        resist = gen.random((draws, n)) < 0.7
        mu = np.round(gen.uniform(0, 100, size=draws))
        got = furthest_passable(case_rule(case), table, x, resist, case.issue.status_quo, mu)
        for d in range(draws):
            want = brute_furthest(
                rule,
                x[d],
                resist[d],
                case.issue.status_quo,
                mu[d],
                table.member,
                table.block_cost,
                table.population,
                table.resources,
                12.0,
                0,
            )
            assert got[d] == pytest.approx(want, abs=1e-9), (rule, d)


# ----------------------------------------------------------------------------------------- baselines
def test_weighted_median_is_the_condorcet_winner():
    gen = np.random.default_rng(3)
    x = np.round(gen.uniform(0, 100, size=(200, 7)))
    w = gen.uniform(0, 1, size=(200, 7))
    got = weighted_median(x, w)
    for d in range(200):
        # Brute force: the actor position minimising F(p) = sum_k w_k |x_k - p|, lowest on ties.
        scores = [(sum(w[d, k] * abs(x[d, k] - p) for k in range(7)), p) for p in x[d]]
        best = min(f for f, _ in scores)
        want = min(p for f, p in scores if f <= best + 1e-9)
        assert got[d] == pytest.approx(want)
        assert weighted_mean(x[d : d + 1], w[d : d + 1])[0] == pytest.approx(
            sum(w[d, k] * x[d, k] for k in range(7)) / sum(w[d])
        )


def test_veto_players_baseline():
    case = toy_case([actor("A", 90, 0.5), actor("B", 40, 0.5), actor("C", 10, 0.5, veto=False)])
    x = np.array([[90.0, 40.0, 10.0], [30.0, 80.0, 0.0]])
    np.testing.assert_allclose(veto_players_value(case, x), [40.0, 30.0])
    single = replace(case, rule="single-government", decider="C")
    np.testing.assert_allclose(veto_players_value(single, x), [10.0, 0.0])


# ------------------------------------------------------------------------------- the whole method
def test_resisting_veto_player_blocks_with_probability_its_salience():
    s = 0.7
    case = toy_case([actor("A", 100, 0.9), actor("B", 0, s)])
    draws = 4000
    result = forecast_case(case, draws, seed=2, bargainer=constant(100), model="salience")
    p = result.methods.set_index("method").loc["redline", "p_adopted"]
    # B opposes any move; it lets it pass only when it does not resist: E[1 - salience] = 1 - s.
    se = math.sqrt(s * (1 - s) / draws)
    assert abs(p - (1 - s)) < 4 * se
    blocks = result.actors.set_index("actor")["p_blocks"]
    assert abs(blocks["B"] - s) < 4 * se and blocks["A"] == 0


def test_outcome_is_cut_back_to_the_win_set():
    # B at 30 accepts up to 60; if it resists the bargain of 80 becomes 60, else stays 80.
    case = toy_case([actor("A", 100, 0.9), actor("B", 30, 0.6)], threshold=70)
    result = forecast_case(case, 2000, seed=4, bargainer=constant(80), uncertainty=NO_NOISE, model="salience")
    row = result.methods.set_index("method").loc["redline"]
    assert abs(row["p_adopted"] - 0.4) < 4 * math.sqrt(0.24 / 2000)
    assert row["value_p05"] == pytest.approx(60.0) and row["value_p95"] == pytest.approx(80.0)
    # A single government is the same logic with the decider as the only veto player.
    single = replace(case, rule="single-government", decider="B")
    again = forecast_case(single, 2000, seed=4, bargainer=constant(80), uncertainty=NO_NOISE, model="salience")
    assert again.methods.equals(result.methods)


def test_bargain_that_every_veto_player_accepts_passes():
    case = toy_case([actor("A", 100, 0.9), actor("B", 45, 1.0), actor("OUT", 0, 1.0, veto=False)])
    result = forecast_case(case, 500, seed=0, bargainer=constant(85), uncertainty=NO_NOISE)
    row = result.methods.set_index("method").loc["redline"]
    assert row["p_adopted"] == 1.0 and row["value_median"] == 85.0  # B accepts up to 90; OUT has no veto
    assert result.bargained["p_blocked"] == 0.0


def test_majority_qmv_and_coalition_cases_run():
    members = [
        actor(k, x, 0.5, population=p)
        for k, x, p in [("A", 90, 40), ("B", 80, 30), ("C", 0, 20), ("D", 0, 10)]
    ]
    majority = toy_case(members, rule="majority")
    r = forecast_case(majority, 300, seed=1, bargainer=constant(60), uncertainty=NO_NOISE, model="salience")
    # A and B accept 60, C and D resist half the time: a majority (3 of 4) needs C or D to go along.
    p = r.methods.set_index("method").loc["redline", "p_adopted"]
    assert abs(p - 0.75) < 4 * math.sqrt(0.75 * 0.25 / 300)
    qmv = toy_case(members, rule="eu-qmv")
    r = forecast_case(qmv, 300, seed=1, bargainer=constant(60), uncertainty=NO_NOISE, model="salience")
    assert r.methods.set_index("method").loc["redline", "p_adopted"] == 1.0  # at most 3 not accepting passes
    coalition = toy_case(
        [actor("A", 90, 0.5, resources=5), actor("B", 0, 0.9, veto=False, resources=9)],
        rule="coalition",
        required=4,
    )
    r = forecast_case(coalition, 100, seed=1, bargainer=constant(60), uncertainty=NO_NOISE, model="salience")
    assert r.methods.set_index("method").loc["redline", "p_adopted"] == 1.0


def test_same_seed_same_numbers_and_inputs_untouched():
    case = toy_case([actor("A", 80, 0.8), actor("B", 20, 0.5), actor("C", 60, 0.3, veto=False)])
    frozen = repr(case)
    a = forecast_case(case, 300, seed=9, bargainer=lambda x, c, s: weighted_median(x, c * s))
    b = forecast_case(case, 300, seed=9, bargainer=lambda x, c, s: weighted_median(x, c * s))
    c = forecast_case(case, 300, seed=10, bargainer=lambda x, c, s: weighted_median(x, c * s))
    assert a.methods.equals(b.methods) and a.actors.equals(b.actors)
    assert not a.methods.equals(c.methods)
    assert repr(case) == frozen


def test_sampled_codings_have_the_documented_spread():
    x = np.array([50.0, 50.0, 0.0])
    s = np.array([0.5, 0.5, 1.0])
    c = np.array([0.4, 0.4, 0.4])
    judgement = np.array([False, True, False])
    d = sample_codings(x, s, c, judgement, 20000, rng=5)
    assert d["position"].shape == (20000, 3)
    assert abs(d["position"][:, 0].std() - 10) < 0.3 and abs(d["position"][:, 1].std() - 15) < 0.4
    assert d["position"].min() >= 0 and d["position"].max() <= 100
    # Beta(10, 10): mean 0.5, sd sqrt(0.25 / 21).
    assert abs(d["salience"][:, 0].mean() - 0.5) < 4 * math.sqrt(0.25 / 21 / 20000)
    assert abs(d["salience"][:, 0].std() - math.sqrt(0.25 / 21)) < 0.005
    assert abs(np.log(d["capability"][:, 0] / 0.4).std() - 0.3) < 0.01
    assert abs(d["resist"][:, 0].mean() - 0.5) < 4 * math.sqrt(0.25 / 20000)
    # Draws come in fixed blocks: the first draws do not depend on how many are asked for.
    fewer = sample_codings(x, s, c, judgement, 100, rng=5)
    np.testing.assert_array_equal(fewer["position"], d["position"][:100])


def test_the_pivot_is_the_binding_veto_player():
    case = toy_case([actor("A", 100, 0.9), actor("B", 30, 1.0), actor("C", 10, 1.0)])
    r = forecast_case(case, 200, seed=0, bargainer=constant(90), uncertainty=NO_NOISE, model="salience").actors.set_index(
        "actor"
    )
    assert r.loc["B", "p_blocks"] == pytest.approx(1, abs=0.05) and r.loc["C", "p_pivot"] == pytest.approx(
        1, abs=0.05
    )
    assert r.loc["B", "p_pivot"] < 0.05 and r.loc["A", "p_blocks"] == 0  # B binds only if C goes along


def test_baselines_on_a_fixed_coding():
    case = toy_case([actor("A", 90, 0.9), actor("B", 60, 0.5), actor("C", 10, 0.7)])
    r = forecast_case(case, 100, seed=0, bargainer=constant(50), uncertainty=NO_NOISE).methods.set_index(
        "method"
    )
    w = np.array([0.45, 0.25, 0.35])
    x = np.array([90.0, 60.0, 10.0])
    assert r.loc["weighted_mean", "value_median"] == pytest.approx(float((w * x).sum() / w.sum()), abs=0.2)
    assert r.loc["veto_players", "value_median"] == pytest.approx(10.0, abs=0.01)
    assert r.loc["status_quo", "p_adopted"] == 0.0
    assert math.isnan(r.loc["base_rate", "p_adopted"])


def test_an_outcome_exactly_at_the_threshold_counts_as_adopted():
    # B at 25 accepts up to 50 = the threshold: cut back or not, the outcome is adopted. The first
    # holdout model makes B block (block -0.2 beats conceding -0.375), so the cut-back is exercised;
    # the fitted default (capability isolation, kappa 0.5) makes a lone B concede instead.
    case = toy_case([actor("A", 100, 0.9), actor("B", 25, 1.0)], threshold=50)
    result = forecast_case(
        case, 200, seed=0, bargainer=constant(80), uncertainty=NO_NOISE, holdout=FIRST_HOLDOUT
    )
    row = result.methods.set_index("method").loc["redline"]
    assert row["value_median"] == pytest.approx(50.0) and row["p_adopted"] == 1.0


def test_bargaining_stop_status_is_reported_from_the_kernel():
    from redline.bargaining import forecast_batch

    case = toy_case([actor("A", 100, 0.9), actor("B", 20, 0.6), actor("C", 60, 0.4, veto=False)])
    result = forecast_case(case, 64, seed=5)
    table = case.actor_table()
    sample = sample_codings(table.position, table.salience, table.capability, np.zeros(3, bool), 64, 5)
    batch = forecast_batch(sample["position"], sample["capability"], sample["salience"])
    # The method keeps every draw with the kernel's own forecast (cycle mean, or last median at the cap).
    assert result.bargained["median"] == pytest.approx(float(np.median(batch.forecast)))
    assert result.bargained["p_max_rounds"] == pytest.approx(float(np.mean(batch.status == 1)))
    assert result.bargained["p_cycle"] == pytest.approx(float(np.mean(batch.status >= 2)))
    custom = forecast_case(case, 16, seed=5, bargainer=constant(50))
    assert math.isnan(custom.bargained["p_max_rounds"]) and math.isnan(custom.bargained["p_cycle"])
