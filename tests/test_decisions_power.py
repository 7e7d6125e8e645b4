"""Power indices (models.md §2.4-§2.5): DP and brute force against a plain Fraction reference."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.decisions.power import (
    banzhaf,
    banzhaf_swings,
    brute_force_power,
    double_majority_power,
    double_majority_thresholds,
    monte_carlo_power,
    threshold_power,
    weighted_power,
)
from redline.decisions.rules import EUQualifiedMajority
from redline.errors import RedlineError

F = Fraction


# ---- independent reference: enumerate every coalition, plain Python, exact fractions ----------


def reference_power(n, wins):
    """(Shapley-Shubik, swings) by the definitions of §2.4, with ``wins(frozenset)``."""
    ss = [F(0)] * n
    swings = [0] * n
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(n):
            for s in combinations(others, k):
                s = frozenset(s)
                if not wins(s) and wins(s | {i}):
                    swings[i] += 1
                    ss[i] += F(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n))
    return ss, swings


def weighted_wins(weights, quota):
    return lambda s: sum(weights[j] for j in s) >= quota


def double_wins(pops, k_quota, p_quota, k_all):
    return lambda s: (len(s) >= k_quota and sum(pops[j] for j in s) >= p_quota) or len(s) >= k_all


def normalised(swings):
    total = sum(swings)
    return [F(s, total) for s in swings]


def reference_veto_players(n, wins):
    """Players without whom the rest lose (§2.2), by name as the engines report them."""
    return [str(i + 1) for i in range(n) if not wins(frozenset(range(n)) - {i})]


def assert_matches_reference(result, ss_ref, swings_ref):
    assert list(result.swings) == swings_ref
    assert result.shapley_exact() == ss_ref
    if sum(swings_ref):
        assert result.banzhaf_exact() == normalised(swings_ref)
    np.testing.assert_allclose(result.shapley_shubik, [float(x) for x in ss_ref], rtol=0, atol=1e-12)


# ---- §2.5 vectors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "quota", "ss", "swings"),
    [
        ([49, 48, 3], 51, [F(1, 3)] * 3, [2, 2, 2]),
        ([4, 3, 2, 1], 6, [F(5, 12), F(1, 4), F(1, 4), F(1, 12)], [5, 3, 3, 1]),
        ([1] * 5, 5, [F(1, 5)] * 5, [1] * 5),
    ],
)
def test_weighted_vectors(weights, quota, ss, swings):
    ss_ref, swings_ref = reference_power(len(weights), weighted_wins(weights, quota))
    assert (ss_ref, swings_ref) == (ss, swings)  # the spec vector, re-derived independently
    dp = weighted_power(weights, quota)
    assert_matches_reference(dp, ss_ref, swings_ref)
    bf = brute_force_power(len(weights), lambda c: c @ np.array(weights) >= quota)
    assert_matches_reference(bf, ss_ref, swings_ref)


def test_vector2_normalised_banzhaf():
    assert weighted_power([4, 3, 2, 1], 6).banzhaf_exact() == [F(5, 12), F(1, 4), F(1, 4), F(1, 12)]


def test_unanimity_vetoes_and_nac32():
    five = weighted_power([1] * 5, 5, list("ABCDE"))
    assert five.veto_players() == list("ABCDE")
    nac = weighted_power([1] * 32, 32)
    # closed form for unanimity: only the grand coalition minus i is a swing (size n-1)
    assert nac.shapley_exact() == [F(1, 32)] * 32
    assert nac.banzhaf_absolute_exact() == [F(1, 2**31)] * 32
    assert len(nac.veto_players()) == 32


def test_toy_double_majority_with_and_without_clause():
    pops = [40, 30, 15, 8, 5, 2]
    ss_ref, sw_ref = reference_power(6, double_wins(pops, 4, 65, 5))
    assert ss_ref == [F(3, 10), F(1, 5), F(3, 20), F(3, 20), F(1, 10), F(1, 10)]
    assert sw_ref == [13, 9, 7, 7, 5, 5]
    with_clause = double_majority_power(pops, states_pct=F(200, 3), population_pct=65, blocking_minority=2)
    assert_matches_reference(with_clause, ss_ref, sw_ref)
    assert with_clause.banzhaf_exact() == [F(13, 46), F(9, 46), F(7, 46), F(7, 46), F(5, 46), F(5, 46)]
    assert with_clause.veto_players() == []

    ss_ref, sw_ref = reference_power(6, double_wins(pops, 4, 65, 7))
    assert ss_ref == [F(7, 15), F(1, 6), F(7, 60), F(7, 60), F(1, 15), F(1, 15)]
    assert sw_ref == [14, 8, 6, 6, 4, 4]
    without = double_majority_power(pops, states_pct=F(200, 3), population_pct=65, blocking_minority=None)
    assert_matches_reference(without, ss_ref, sw_ref)
    assert without.banzhaf_exact() == [F(1, 3), F(4, 21), F(1, 7), F(1, 7), F(2, 21), F(2, 21)]
    assert without.veto_players() == ["1"]


def per_player_dp(weights, quota):
    """The plain spec DP (§2.4 step 1-2): a fresh table per player, Python ints, no division."""
    n, total = len(weights), sum(weights)
    ss, swings = [], []
    for i in range(n):
        c = [[0] * (total + 1) for _ in range(n)]
        c[0][0] = 1
        for j in range(n):
            if j == i:
                continue
            for k in range(n - 2, -1, -1):
                row, nxt = c[k], c[k + 1]
                for s in range(total - weights[j], -1, -1):
                    if row[s]:
                        nxt[s + weights[j]] += row[s]
        lo, hi = max(0, quota - weights[i]), quota - 1
        per_k = [sum(c[k][lo : hi + 1]) for k in range(n)]
        swings.append(sum(per_k))
        ss.append(
            sum(
                F(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n)) * per_k[k]
                for k in range(n)
            )
        )
    return ss, swings


def test_scale_vector_n30():
    weights = list(range(1, 31))
    dp = weighted_power(weights, 233)
    ss = dp.shapley_exact()
    assert ss[0] == F(2403105779, 1164544781400)
    assert ss[14] == F(18553664929, 582272390700)
    assert ss[29] == F(7680129971, 116454478140)
    assert sum(ss) == 1
    assert (dp.swings[0], dp.swings[14], dp.swings[29]) == (4_340_064, 65_598_560, 134_581_640)
    np.testing.assert_allclose(dp.banzhaf[[0, 14, 29]], [0.00211523, 0.03197100, 0.06559152], atol=1e-8)
    # independent check of every player with the straightforward per-player DP
    ss_ref, swings_ref = per_player_dp(weights, 233)
    assert list(dp.swings) == swings_ref
    assert ss == ss_ref


# ---- properties --------------------------------------------------------------------------------

small_weights = st.lists(st.integers(0, 12), min_size=1, max_size=7)


@given(small_weights, st.data())
def test_dp_equals_reference_on_random_weighted_games(weights, data):
    total = sum(weights)
    quota = data.draw(st.integers(1, max(1, total)))
    if quota > total:
        with pytest.raises(RedlineError):
            weighted_power(weights, quota)
        return
    result = weighted_power(weights, quota)
    ss_ref, swings_ref = reference_power(len(weights), weighted_wins(weights, quota))
    assert_matches_reference(result, ss_ref, swings_ref)
    assert result.veto_players() == reference_veto_players(len(weights), weighted_wins(weights, quota))
    assert sum(result.shapley_exact()) == 1
    if sum(result.swings):
        assert sum(result.banzhaf_exact()) == 1
    for i, w in enumerate(weights):  # symmetric players get equal power; dummies get none
        for j in range(i):
            if weights[j] == w:
                assert result.shapley_exact()[i] == result.shapley_exact()[j]
                assert result.swings[i] == result.swings[j]
        if w == 0:
            assert result.swings[i] == 0 and result.shapley_exact()[i] == 0


@given(st.lists(st.integers(1, 30), min_size=2, max_size=7), st.data())
def test_dp_equals_reference_on_random_double_majorities(pops, data):
    n = len(pops)
    states_pct = data.draw(st.sampled_from([50, 55, 65, 72]))
    pop_pct = data.draw(st.sampled_from([50, 60, 65]))
    block = data.draw(st.one_of(st.none(), st.integers(1, n)))
    result = double_majority_power(
        pops, states_pct=states_pct, population_pct=pop_pct, blocking_minority=block
    )
    k_quota = math.ceil(F(states_pct) * n / 100)
    p_quota = math.ceil(F(pop_pct) * sum(pops) / 100)
    k_all = n + 1 if block is None else n - block + 1
    ss_ref, swings_ref = reference_power(n, double_wins(pops, k_quota, p_quota, k_all))
    assert_matches_reference(result, ss_ref, swings_ref)
    assert sum(result.shapley_exact()) == 1
    assert result.veto_players() == reference_veto_players(n, double_wins(pops, k_quota, p_quota, k_all))


@given(st.lists(st.integers(1, 30), min_size=2, max_size=7), st.integers(-20, 20), st.data())
def test_double_majority_quota_from_an_official_total(pops, offset, data):
    """The population quota is pct% of the given total (the treaty's EU population), not the sum."""
    n = len(pops)
    total = F(max(1, sum(pops) + offset)) + data.draw(st.sampled_from([F(0), F(1, 3), F(881, 1000)]))
    block = data.draw(st.one_of(st.none(), st.integers(1, n)))
    result = double_majority_power(pops, population_pct=65, blocking_minority=block, total_population=total)
    p_quota = math.ceil(F(65, 100) * total)
    assert result.game["population_quota"] == p_quota
    k_all = n + 1 if block is None else n - block + 1
    ss_ref, swings_ref = reference_power(n, double_wins(pops, math.ceil(F(55) * n / 100), p_quota, k_all))
    assert_matches_reference(result, ss_ref, swings_ref)
    # the rule on an actors table uses the same total
    yes = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    a = {"member": np.ones(n, bool), "population": np.array(pops, dtype=float)}
    rule = EUQualifiedMajority(blocking_minority=block, total_population=float(total))
    expected = double_wins(pops, math.ceil(F(55) * n / 100), p_quota, k_all)(set(np.flatnonzero(yes)))
    assert bool(rule._passes(yes[None], ~yes[None], np.zeros((1, n), bool), a)[0]) == expected


def test_eu_2025_quota_uses_the_official_total():
    """65% of the Council's 451,028,881 is 293,168,773 persons (not 65% of the derived sum)."""
    from redline.adapters.power import eu_qmv_populations

    frame, _, total = eu_qmv_populations(2025)
    assert total == 451_028_881 and frame["population"].sum() != total  # shares add to 100.01 %
    persons = double_majority_power(np.ones(27, dtype=int), total_population=total)
    assert persons.game["population_quota"] == 293_168_773
    thousands = double_majority_power(
        np.rint(frame["population"] / 1000).astype(int), total_population=F(int(total), 1000)
    )
    assert thousands.game["population_quota"] == 293_169  # ceil(293,168.773)


@given(st.lists(st.integers(0, 9), min_size=2, max_size=6), st.data())
def test_veto_clause_never_lowers_veto_players_power(weights, data):
    total = sum(weights)
    if total == 0:
        return
    quota = data.draw(st.integers(1, total))
    veto = data.draw(st.integers(0, len(weights) - 1))
    w = np.array(weights)
    plain = brute_force_power(len(w), lambda c: c @ w >= quota)
    vetoed = brute_force_power(len(w), lambda c: (c @ w >= quota) & c[:, veto])
    assert vetoed.shapley_exact()[veto] >= plain.shapley_exact()[veto]
    assert vetoed.swings[veto] >= plain.swings[veto]
    assert vetoed.banzhaf_exact()[veto] >= plain.banzhaf_exact()[veto]
    assert sorted(vetoed.veto_players()) == sorted(set(plain.veto_players()) | {str(veto + 1)})


def test_brute_force_general_predicate_matches_reference():
    # a non-weighted game: win iff {0,1} both in, or at least 4 players
    def wins_set(s):
        return {0, 1} <= s or len(s) >= 4

    ss_ref, swings_ref = reference_power(5, wins_set)
    result = brute_force_power(5, lambda c: (c[:, 0] & c[:, 1]) | (c.sum(axis=1) >= 4))
    assert_matches_reference(result, ss_ref, swings_ref)


def test_monte_carlo_within_four_standard_errors():
    pops = [40, 30, 15, 8, 5, 2]
    exact = double_majority_power(pops, states_pct=F(200, 3), population_pct=65, blocking_minority=2)
    p = np.array(pops)

    def wins(c):
        return ((c.sum(axis=1) >= 4) & (c @ p >= 65)) | (c.sum(axis=1) >= 5)

    est = monte_carlo_power(6, wins, draws=20_000, rng=7)
    assert np.all(np.abs(est.shapley_shubik - exact.shapley_shubik) <= 4 * est.shapley_se + 1e-12)
    assert np.all(
        np.abs(est.banzhaf_absolute - exact.banzhaf_absolute) <= 4 * est.banzhaf_absolute_se + 1e-12
    )
    again = monte_carlo_power(6, wins, draws=20_000, rng=7)
    np.testing.assert_array_equal(est.shapley_shubik, again.shapley_shubik)
    with pytest.raises(RedlineError):
        est.shapley_exact()


def test_large_n_uses_exact_python_ints():
    result = weighted_power([1] * 64, 64)
    assert result.shapley_exact() == [F(1, 64)] * 64
    assert result.swings == (1,) * 64


def test_eu27_qmv_2025_against_monte_carlo(sources_dir):
    table = pd.read_csv(sources_dir / "eu_qmv_population.csv")
    rows = table[(table.year == 2025) & (table.iso3 != "EU27")]
    total = float(table[(table.year == 2025) & (table.iso3 == "EU27")].population.iloc[0])
    pops = np.rint(rows.pct_of_eu_population.to_numpy() / 100 * total / 1000).astype(np.int64)
    exact = double_majority_power(pops, rows.iso3.tolist())
    assert exact.veto_players() == []
    assert sum(exact.shapley_exact()) == 1
    assert exact.game["states_quota"] == 15
    t = double_majority_thresholds(pops.tolist())
    p = pops.astype(float)

    def wins(c):
        k = c.sum(axis=1)
        return c @ p >= np.array(t, dtype=float)[k]

    est = monte_carlo_power(27, wins, draws=8_000, rng=3)
    assert np.all(np.abs(est.shapley_shubik - exact.shapley_shubik) <= 4 * est.shapley_se + 1e-3)
    assert np.all(np.abs(est.banzhaf_absolute - exact.banzhaf_absolute) <= 4 * est.banzhaf_absolute_se + 1e-3)
    # Germany, the most populous, has the most power; without the clause it is still no veto player
    assert exact.players[int(np.argmax(exact.shapley_shubik))] == "DEU"


@pytest.mark.parametrize(
    ("weights", "quota"),
    [([1.5, 2], 2), ([-1, 2], 2), ([1, 2], 0), ([1, 2], 4), ([], 1)],
)
def test_bad_weighted_input(weights, quota):
    with pytest.raises(RedlineError):
        weighted_power(weights, quota)


def test_thresholds_must_be_monotone():
    with pytest.raises(RedlineError):
        threshold_power([1, 1], [0, 5, 1])
    with pytest.raises(RedlineError):
        threshold_power([1, 1], [1, 1])


def test_huge_weights_ask_for_coarser_units():
    # (weights with a common divisor are reduced first, so these have none)
    with pytest.raises(RedlineError, match="coarser"):
        double_majority_power([10_000_000 + 1_001 * i for i in range(27)])  # persons, not thousands


# --- exact counts above 2^62 (modular DP + Chinese remainder) and the Banzhaf-only DP ---------------


@pytest.mark.parametrize("n", [40, 63, 75])
def test_modular_dp_equals_python_integer_dp(n):
    """int64 counts (from about 34 players) run in compiled code, above n = 62 modulo 2^64 and primes;
    they must equal the NumPy DP in Python integers (weights of 0 included)."""
    from redline.decisions.power import _swing_table

    rng = np.random.default_rng(n)
    w = rng.integers(1, 25, n).tolist()
    w[3] = w[n // 2] = 0
    for q in (sum(w) // 2 + 1, sum(w) // 3, (3 * sum(w)) // 4):
        t = [q] * (n + 1)
        assert _swing_table(w, t) == _swing_table(w, t, python_ints=True)
    # a double-majority game too (thresholds depend on the coalition size)
    t = double_majority_thresholds(w, 55, 65, 4)
    assert _swing_table(w, t) == _swing_table(w, t, python_ints=True)


def test_counts_above_2_to_62_are_exact():
    """n = 68 equal weights, unanimity: the only swing of each player is the full coalition of the
    others; majority (q = 35): the swings are the C(67, 34) > 2^63 coalitions of 34 others (an int64
    would overflow)."""
    n = 68
    unanimity = weighted_power([1] * n, n)
    assert unanimity.swings == (1,) * n
    assert unanimity.shapley_numerators == (math.factorial(n - 1),) * n
    majority = weighted_power([1] * n, 35)
    assert math.comb(67, 34) > 2**63
    assert majority.swings == (math.comb(67, 34),) * n
    assert majority.shapley_numerators == (math.comb(67, 34) * math.factorial(34) * math.factorial(33),) * n
    assert banzhaf_swings([1] * n, 35) == majority.swings


def test_weights_of_2_to_62():
    """Weights of 2^62 (sums far above int64) give the exact indices of the reduced game; weights
    that cannot be reduced fail with a clear error instead of overflowing."""
    big = [2**62, 2**62, 2**62, 2**63]
    small = [1, 1, 1, 2]
    for q_small in (1, 2, 3, 4, 5):
        a, b = weighted_power(big, q_small * 2**62), weighted_power(small, q_small)
        assert a.swings == b.swings and a.shapley_numerators == b.shapley_numerators
        assert banzhaf_swings(big, q_small * 2**62) == b.swings
    a, b = weighted_power(big, 3 * 2**62 - 5), weighted_power(small, 3)  # ceil to the same game
    assert a.swings == b.swings
    with pytest.raises(RedlineError):
        weighted_power([2**62, 2**62 + 1, 3], 2**62)


@pytest.mark.parametrize("n", [4, 12, 40, 70])
def test_banzhaf_only_dp_equals_full_dp(n):
    rng = np.random.default_rng(100 + n)
    for _ in range(4):
        w = rng.integers(0, 20, n).tolist()
        w[0] += 1
        q = int(rng.integers(1, sum(w) + 1))
        full = weighted_power(w, q)
        assert banzhaf_swings(w, q) == full.swings
        np.testing.assert_array_equal(banzhaf(w, q), full.banzhaf)
        np.testing.assert_array_equal(banzhaf(w, q, normalized=False), full.banzhaf_absolute)
