"""The compiled (Numba) kernel == the scalar reference and == the NumPy kernel; blocks/threads don't matter."""

from __future__ import annotations

import numba
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bdm_reference import reference_forecast, rounding_noise
from redline.bargaining import bdm, compiled, forecast, forecast_batch
from redline.bargaining.compiled import SORTED_MIN_ACTORS, covers, simulate_compiled
from test_bargaining_properties import _conditioned, issues
from test_bargaining_vectors import ALLIANCE, CLASSIC

OPTIONS = [{}, {"prob_rule": "net"}, {"delta": "issue_scale"}, {"delta": 250.0, "prob_rule": "net"}]


def _compiled(x, c, s, **options):
    settings = bdm.resolve_settings(**options)
    x, c, s = bdm.validate_inputs(x, c, s)
    return simulate_compiled(x, c, s, settings)


def _against_reference(x, c, s, max_rounds, whole=False, **options):
    """Compiled == reference up to the first near-tie of the reference trajectory (see _conditioned),
    or over the whole run (``whole``: the spec vectors, which the NumPy kernel also matches fully)."""
    ref_options = dict(options)
    if ref_options.get("delta") == "issue_scale":
        ref_options["delta"] = bdm.ISSUE_SCALE
    ref = reference_forecast(x, c, s, max_rounds=max_rounds, **ref_options)
    positions = np.array(ref["positions"])
    issue = (x, c, s, max_rounds)
    atol = 1e-9 * max(max(x) - min(x), 1.0)
    stop = None if whole else _conditioned(positions, max(x) - min(x))
    if stop is None:
        out = _compiled(x, c, s, max_rounds=max_rounds, **options)
        assert (bdm.status_label(out["status"][0]), out["rounds"][0]) == (ref["status"], ref["rounds"])
        assert out["forecast"][0] == pytest.approx(ref["forecast"], abs=atol)
        final = len(positions) - 1
        _close_to_reference(out["final_positions"][0], positions, final, atol, issue, ref_options)
    else:
        out = _compiled(x, c, s, max_rounds=stop, **options)
        _close_to_reference(out["final_positions"][0], positions, out["rounds"][0], atol, issue, ref_options)
    return out


def _close_to_reference(final, positions, t, atol, issue, ref_options):
    """Positions after round ``t`` equal the reference's within ``atol``, or, on an issue that amplifies
    rounding beyond it, within ten times the reference's own rounding noise (:func:`rounding_noise`)."""
    gap = np.abs(final - positions[t])
    tol = np.full_like(gap, atol)
    if np.any(gap > atol):
        tol = atol + 10 * np.asarray(rounding_noise(*issue, positions[: t + 1], **ref_options)[t])
    assert np.all(gap <= tol), (t, gap, tol)


@pytest.mark.parametrize(("data", "rounds", "value"), [(CLASSIC, 181, 7.0), (ALLIANCE, 146, 40.0)])
def test_spec_vectors_equal_reference(data, rounds, value):
    x, c, s = data["position"], data["capability"], data["salience"]
    out = _against_reference(x, c, s, 1000, whole=True)
    assert (out["status"][0], out["rounds"][0]) == (bdm.STATUS_CONVERGED, rounds)
    assert out["forecast"][0] == pytest.approx(value, abs=1e-6)
    first = _compiled(x, c, s, max_rounds=1)
    ref = reference_forecast(x, c, s, max_rounds=1)
    np.testing.assert_allclose(first["final_positions"][0], ref["positions"][1], rtol=0, atol=1e-9)


def test_classic_round_one_positions():
    after = [6.811040, 10, 7, 6.811040, 7, 7, 10, 10, 4.080058, 7.712403]
    out = _compiled(CLASSIC["position"], CLASSIC["capability"], CLASSIC["salience"], max_rounds=1)
    assert out["final_positions"][0] == pytest.approx(after, abs=1e-6)


@given(issues(), st.sampled_from(OPTIONS))
def test_compiled_equals_reference_generated(issue, options):
    _against_reference(*issue, 40, **options)


def test_edge_cases_equal_reference():
    for x, c, s in [
        ([5.0], [1.0], [0.5]),  # one actor
        ([3.0, 3.0, 3.0], [1.0, 2.0, 1.0], [0.5, 0.5, 0.5]),  # all equal
        ([0.0, 100.0], [1.0, 1.0], [1.0, 0.0]),  # two actors, salience edges
        ([10.0, 20.0, 90.0], [0.0, 1.0, 1.0], [0.5, 0.5, 0.5]),  # zero-weight actor
    ]:
        _against_reference(x, c, s, 60)
    out = _compiled([1.0, 2.0], [1.0, 1.0], [0.5, 0.5], max_rounds=0)
    assert out["status"][0] == bdm.STATUS_MAX_ROUNDS and out["rounds"][0] == 0


def _near_tie_round(history, x0, delta):
    """Per draw: first recorded state with two distinct positions closer than 1e-8 delta (inf if none)."""
    first = np.full(len(x0), np.inf)
    states = [x0] + [h["positions"] for h in history]
    for t, row in enumerate(states):
        gaps = np.abs(row[:, :, None] - row[:, None, :])
        close = np.any((gaps > 0) & (gaps < 1e-8 * delta[:, None, None]), axis=(1, 2))
        first[close & np.isinf(first)] = t
    return first


@pytest.mark.parametrize("options", [{}, {"prob_rule": "net"}, {"delta": "issue_scale"}])
def test_compiled_equals_numpy_kernel(options):
    rng = np.random.default_rng(5)
    draws, n = 150, 6
    x, c, s = (
        rng.uniform(0, 100, (draws, n)),
        rng.lognormal(0, 1, (draws, n)),
        rng.uniform(0.1, 1, (draws, n)),
    )
    x[0] = 50.0  # all equal
    settings = bdm.resolve_settings(max_rounds=200, **options)
    assert covers(settings)
    numpy_out = bdm.simulate(x, c, s, settings, record=True)
    compiled = simulate_compiled(x, c, s, settings)
    delta = np.where(np.ptp(x, axis=1) > 0, np.ptp(x, axis=1), 1.0)
    clean = np.isinf(_near_tie_round(numpy_out["history"], x, delta))
    assert clean.sum() >= draws // 5  # the comparison below is not vacuous
    np.testing.assert_array_equal(compiled["status"][clean], numpy_out["status"][clean])
    np.testing.assert_array_equal(compiled["rounds"][clean], numpy_out["rounds"][clean])
    # (move counts are left out here: under "net" an EU of exactly 0 in exact arithmetic can come out
    # as +-1e-17 and count a move of ~1e-17; positions, rounds and status are unaffected)
    scale = 1e-9 * delta[clean]
    assert np.all(np.abs(compiled["forecast"][clean] - numpy_out["forecast"][clean]) <= scale)
    gap = np.abs(compiled["final_positions"][clean] - numpy_out["final_positions"][clean]).max(axis=1)
    assert np.all(gap <= scale)
    # Every draw agrees over the first rounds (before rounding noise can matter), counts included.
    short = bdm.resolve_settings(max_rounds=8, tol=0.0, **options)
    a, b = simulate_compiled(x, c, s, short), bdm.simulate(x, c, s, short)
    np.testing.assert_array_equal(a["rounds"], b["rounds"])
    np.testing.assert_array_equal(a["moves"], b["moves"])
    np.testing.assert_array_equal(a["counterpart_moves"], b["counterpart_moves"])
    np.testing.assert_allclose(a["final_positions"], b["final_positions"], rtol=0, atol=1e-9 * 100)


def test_blocks_and_threads_do_not_change_results():
    """Serial or threaded (blocks handed out one at a time), any block size: the same results."""
    rng = np.random.default_rng(9)
    x, c, s = rng.uniform(0, 100, (97, 7)), rng.lognormal(0, 1, (97, 7)), rng.uniform(0.1, 1, (97, 7))
    settings = bdm.resolve_settings(max_rounds=300)
    whole = simulate_compiled(x, c, s, settings)
    threads = numba.get_num_threads()
    variants = [simulate_compiled(x, c, s, settings, parallel=True, block=b) for b in (1, 13, 1000)]
    try:
        numba.set_num_threads(1)
        variants += [simulate_compiled(x, c, s, settings, parallel=p, block=b) for b in (1, 13) for p in (False, True)]
    finally:
        numba.set_num_threads(threads)
    for other in variants:
        for key, value in whole.items():
            np.testing.assert_array_equal(other[key], value)


def test_forecast_batch_dispatch():
    rng = np.random.default_rng(2)
    x, c, s = rng.uniform(0, 100, (20, 5)), rng.lognormal(0, 1, (20, 5)), rng.uniform(0.1, 1, (20, 5))
    before = x.copy()
    batch = forecast_batch(x, c, s, max_rounds=100)
    assert np.array_equal(x, before)
    compiled = _compiled(x, c, s, max_rounds=100)
    np.testing.assert_array_equal(batch.forecast, compiled["forecast"])
    np.testing.assert_array_equal(batch.counterpart_moves, compiled["counterpart_moves"])
    for compat in ("scholz_code", "dmasad"):
        settings = bdm.resolve_settings(compat, max_rounds=100)
        assert not covers(settings)
        other = forecast_batch(x, c, s, compat=compat, max_rounds=100)
        np.testing.assert_array_equal(other.forecast, bdm.simulate(x, c, s, settings)["forecast"])
    assert not covers(bdm.resolve_settings(Q=0.5))


def test_perturbed_classic_status_equals_numpy_kernel():
    """Near convergence EUs sit at exact ties (e.g. r = 1): the compiled kernel keeps true powers, so
    how often perturbed classic issues converge or hit max_rounds matches the NumPy kernel exactly."""
    rng = np.random.default_rng(3)
    x = np.clip(np.array(CLASSIC["position"], float) + rng.normal(0, 0.5, (120, 10)), 4, 10)
    c = np.tile(CLASSIC["capability"], (120, 1))
    s = np.tile(CLASSIC["salience"], (120, 1))
    settings = bdm.resolve_settings()
    a, b = simulate_compiled(x, c, s, settings), bdm.simulate(x, c, s, settings)
    assert 0 < np.sum(b["status"] == bdm.STATUS_MAX_ROUNDS) < 120
    np.testing.assert_array_equal(a["status"], b["status"])
    # the last rounds before the stop are rounding-level moves (positions within ~1e-8 of each other)
    # (which exact round the stop comes in, and the median there, can differ): most draws, not all
    assert np.mean(a["rounds"] == b["rounds"]) >= 0.9
    assert np.mean(np.abs(a["forecast"] - b["forecast"]) <= 1e-9 * 6) >= 0.9


@given(issues(min_actors=2, max_actors=7), st.sampled_from(OPTIONS))
def test_sorted_vote_sums_equal_reference(issue, options):
    """The prefix-sum vote sums (forced on from 2 actors) follow the reference like the direct sums."""
    x, c, s = issue
    ref_options = dict(options)
    if ref_options.get("delta") == "issue_scale":
        ref_options["delta"] = bdm.ISSUE_SCALE
    ref = reference_forecast(x, c, s, max_rounds=30, **ref_options)
    positions = np.array(ref["positions"])
    stop = _conditioned(positions, max(x) - min(x))
    rounds = 30 if stop is None else stop
    settings = bdm.resolve_settings(max_rounds=rounds, **options)
    xa, ca, sa = bdm.validate_inputs(x, c, s)
    out = simulate_compiled(xa, ca, sa, settings, sorted_min=2)
    atol = 1e-9 * max(max(x) - min(x), 1.0)
    _close_to_reference(out["final_positions"][0], positions, out["rounds"][0], atol, (x, c, s, 30), ref_options)


def test_twelve_actor_issues_equal_reference():
    """Above SORTED_MIN_ACTORS (sorted vote sums, pruned offers) on issues the reference can run."""
    rng = np.random.default_rng(12)
    n = 12
    assert n >= SORTED_MIN_ACTORS
    for _ in range(4):
        x = list(np.round(rng.uniform(0, 100, n), 6))
        c = list(rng.lognormal(0, 1, n))
        s = list(rng.uniform(0.1, 1, n))
        _against_reference(x, c, s, 25)


@pytest.mark.parametrize("options", [{}, {"prob_rule": "net"}])
def test_first_rounds_equal_numpy_kernel_at_32_actors(options):
    """Every move of every draw agrees with the NumPy kernel over the first rounds (counts exact)."""
    rng = np.random.default_rng(32)
    draws, n = 60, 32
    x, c, s = (
        rng.uniform(0, 100, (draws, n)),
        rng.lognormal(0, 1, (draws, n)),
        rng.uniform(0.1, 1, (draws, n)),
    )
    short = bdm.resolve_settings(max_rounds=6, tol=0.0, **options)
    a, b = simulate_compiled(x, c, s, short), bdm.simulate(x, c, s, short)
    np.testing.assert_array_equal(a["moves"], b["moves"])
    np.testing.assert_array_equal(a["counterpart_moves"], b["counterpart_moves"])
    np.testing.assert_allclose(a["final_positions"], b["final_positions"], rtol=0, atol=1e-9 * 100)


def test_rho_lies_between_its_tangent_and_its_chord():
    """The offer pruning's premise: rho(d, r) = (0.5^r - b_s^r) / (b_f^r - b_s^r) lies between its
    tangent at d = 0, 0.5 + (1 - r) d / 4, and its chord 0.5 + (0.5^r - 0.5) d for r in [0.5, 2]
    (computed stably, up to rounding), far inside the margin; both lie on the same side of 0.5."""
    d = np.concatenate([np.geomspace(1e-15, 1e-3, 2_001), np.linspace(1e-3, 1.0, 20_001)])
    for r in np.concatenate([np.linspace(0.5, 2.0, 301), [1.0 - 1e-9, 1.0 + 1e-9]]):
        rho = _rho_exact(d, r)
        chord = 0.5 + (0.5**r - 0.5) * d
        tangent = 0.5 + 0.25 * (1.0 - r) * d
        assert np.all(rho >= np.minimum(tangent, chord) - 1e-12)
        assert np.all(rho <= np.maximum(tangent, chord) + 1e-12)
        assert np.all((tangent - 0.5) * (chord - 0.5) >= 0.0)


def test_rho_bound_is_tight_enough_to_fail():
    """The premise test above can fail: a tangent slope 10 % steeper than (1 - r) / 4 leaves rho."""
    d = np.linspace(1e-3, 1.0, 2_001)
    r = 0.6
    rho = _rho_exact(d, r)
    chord = 0.5 + (0.5**r - 0.5) * d
    steeper = 0.5 + 1.1 * 0.25 * (1.0 - r) * d
    assert np.any(rho < np.minimum(steeper, chord) - 1e-12) or np.any(rho > np.maximum(steeper, chord) + 1e-12)


def _rho_exact(d: np.ndarray, r: float) -> np.ndarray:
    """rho = (1 - (1 - d)^r) / ((1 + d)^r - (1 - d)^r) (0.5^r divided out), without cancellation."""
    with np.errstate(divide="ignore"):  # log1p(-1) = -inf at d = 1: expm1 gives -1, as it should
        low, high = np.expm1(r * np.log1p(-d)), np.expm1(r * np.log1p(d))
    return -low / (high - low)


def test_rho_as_the_kernel_rounds_it_is_within_the_pruning_margin():
    """The pruning margin covers rounding: base / spread computed as the kernel computes them (true
    powers of rounded 0.5 -+ 0.5 d) stays within 1/100 of the d-scaled part of the margin of rho."""
    rng = np.random.default_rng(7)
    d = np.concatenate([np.geomspace(1e-12, 1.0, 4_000), rng.uniform(0, 1e-9, 2_000)[1:]])
    for r in np.concatenate([[0.5, 1.0, 2.0], rng.uniform(0.5, 2.0, 40)]):
        u_s, u_f, u_sq = (
            2.0 - 4.0 * (0.5 - 0.5 * d) ** r,
            2.0 - 4.0 * (0.5 + 0.5 * d) ** r,
            2.0 - 4.0 * 0.5**r,
        )
        computed = (u_s - u_sq) / (u_s - u_f)
        assert np.all(np.abs(computed - _rho_exact(d, r)) <= 0.01 * compiled._RHO_ROUNDING / d)


def test_forecast_equals_forecast_batch_on_long_runs():
    """One kernel per setting: the per-issue forecast (with history) and the batch give one answer,
    also on long random runs where the two kernels may part ways (see redline.bargaining.compiled)."""
    rng = np.random.default_rng(16)
    draws, n = 12, 16
    x, c, s = (
        rng.uniform(0, 100, (draws, n)),
        rng.lognormal(0, 1, (draws, n)),
        rng.uniform(0.1, 1, (draws, n)),
    )
    batch = forecast_batch(x, c, s)
    parallel = simulate_compiled(x, c, s, bdm.resolve_settings(), parallel=True, block=5)
    for key in ("forecast", "status", "rounds", "final_positions", "moves", "counterpart_moves"):
        np.testing.assert_array_equal(parallel[key], getattr(batch, key))
    for a in range(draws):
        one = forecast((x[a], c[a], s[a]))
        assert one.status == bdm.status_label(batch.status[a])
        assert one.rounds == batch.rounds[a]
        assert one.forecast == batch.forecast[a]
        np.testing.assert_array_equal(one.trajectory.positions[-1], batch.final_positions[a])
        assert len(one.moves) == batch.moves[a].sum()


@pytest.mark.parametrize("family", ["random", "clustered", "grid", "offset"])
@pytest.mark.parametrize("options", [{}, {"prob_rule": "net"}])
def test_offer_pruning_changes_nothing_on_long_runs(family, options):
    """Pruning is exact also where long runs spend their rounds: positions clustered to within a few
    ulps (d -> 0, where the margin grows as 1/d), exact ties on a grid, and a small range far from 0
    (where a compromise's new position rounds to the precision of x_i). Each family fails if its part
    of the margin is removed (_RHO_ROUNDING = 0 or _MOVE_SLACK = 0; checked when written)."""
    rng = np.random.default_rng(["random", "clustered", "grid", "offset"].index(family))
    draws, n = 8, 32
    x = {
        "random": lambda: rng.uniform(0, 100, (draws, n)),
        "clustered": lambda: np.where(
            rng.random((draws, n)) < 0.5,
            50 + rng.integers(0, 5, (draws, n)) * 1e-13,
            rng.uniform(0, 100, (draws, n)),
        ),
        "grid": lambda: rng.integers(0, 4, (draws, n)) * 25.0,
        "offset": lambda: 1e6 + rng.uniform(0, 1, (draws, n)),
    }[family]()
    c, s = rng.lognormal(0, 1, (draws, n)), rng.uniform(0.1, 1, (draws, n))
    settings = bdm.resolve_settings(**options)  # tol 1e-6, up to 1,000 rounds
    pruned = simulate_compiled(x, c, s, settings)
    full = simulate_compiled(x, c, s, settings, prune=False)
    assert pruned["rounds"].mean() > 300  # long runs, into the clustered regime
    for key, value in full.items():
        np.testing.assert_array_equal(pruned[key], value)


@pytest.mark.parametrize("options", [{}, {"prob_rule": "net"}, {"delta": "issue_scale"}])
def test_offer_pruning_changes_nothing(options):
    """Skipping the EUs of pairs that cannot win (see compiled._round) gives bit-identical runs."""
    rng = np.random.default_rng(64)
    for n in (10, 32, 48):
        draws = 20
        x, c, s = (
            rng.uniform(0, 100, (draws, n)),
            rng.lognormal(0, 1, (draws, n)),
            rng.uniform(0.1, 1, (draws, n)),
        )
        settings = bdm.resolve_settings(max_rounds=80, **options)
        pruned = simulate_compiled(x, c, s, settings)
        full = simulate_compiled(x, c, s, settings, prune=False)
        for key, value in full.items():
            np.testing.assert_array_equal(pruned[key], value)


def _random_issues(seed: int, draws: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 100, (draws, n)), rng.lognormal(0, 1, (draws, n)), rng.uniform(0.1, 1, (draws, n))


def test_one_round_agrees_with_numpy_kernel_anywhere_in_long_runs():
    """The stated tolerance between the kernels: from the same positions, one round of the default
    model gives the same moves (who moves) and positions within 1e-12 of the range, at the start of a
    run and deep into long runs (rounds 50, 300, 900, positions clustered). Counterparts are compared
    at the start only: deep in a run several counterparts sit at one position or a few ulps apart,
    their EUs are rounding noise (~1e-15) and the kernels may credit different ones (checked when
    written: every such case at round 900 of these draws was of this kind)."""
    x, c, s = _random_issues(3, 24, 32)
    delta = x.max(axis=1) - x.min(axis=1)
    for rounds in (0, 50, 300, 900):
        state = (
            x if rounds == 0 else simulate_compiled(x, c, s, bdm.resolve_settings(max_rounds=rounds, tol=0.0))
        )
        positions = x if rounds == 0 else state["final_positions"]
        one = bdm.resolve_settings(max_rounds=1, tol=0.0, delta=1.0)
        scaled = positions / delta[:, None]  # the issue's own range as the unit (delta = 1)
        a, b = simulate_compiled(scaled, c, s, one), bdm.simulate(scaled, c, s, one)
        np.testing.assert_array_equal(a["moves"], b["moves"])
        if rounds == 0:
            np.testing.assert_array_equal(a["counterpart_moves"], b["counterpart_moves"])
        np.testing.assert_allclose(a["final_positions"], b["final_positions"], rtol=0, atol=1e-12)


def test_whole_runs_have_no_tolerance_one_ulp_changes_the_stop():
    """Why whole runs have one answer per kernel (so forecast() and forecast_batch() both run the
    compiled one): the model itself turns a one-ulp change of one initial position into a different
    stop (round or status) on a share of long random runs, so two correct kernels that round
    differently cannot agree on whole runs within any tolerance."""
    x, c, s = _random_issues(3, 40, 32)
    settings = bdm.resolve_settings()
    nudged = x.copy()
    nudged[:, 0] = np.nextafter(nudged[:, 0], np.inf)
    a, b = simulate_compiled(x, c, s, settings), simulate_compiled(nudged, c, s, settings)
    differ = (a["status"] != b["status"]) | (a["rounds"] != b["rounds"])
    assert differ.sum() >= 2


def _sorted_supports_plain(x, w, delta):
    """compiled._support_sorted's formula pair by pair in plain Python, with each midpoint's rank
    found by bisection instead of the kernel's pointers (the rank is the same however it is found),
    in the same floating-point operations, so the two must agree bit for bit."""
    from bisect import bisect_left, bisect_right

    n = len(x)
    order = np.argsort(x, kind="mergesort")
    y = [float(x[k] - x[order[0]]) for k in order]
    W, WX = [0.0], [0.0]
    for k in range(n):
        W.append(W[-1] + w[order[k]])
        WX.append(WX[-1] + w[order[k]] * y[k])
    total = W[n]
    support = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            ia, ib, u_lo, u_hi = order[a], order[b], y[a], y[b]
            if u_hi == u_lo:
                continue
            le_a, lt_b = bisect_right(y, u_lo), bisect_left(y, u_hi)
            both = u_lo + u_hi
            mid = bisect_left(y, 0.5 * both)
            gap = u_hi - u_lo
            lower = gap * W[le_a] + both * (W[mid] - W[le_a]) - 2.0 * (WX[mid] - WX[le_a])
            upper = gap * (total - W[lt_b]) + 2.0 * (WX[lt_b] - WX[mid]) - both * (W[lt_b] - W[mid])
            lower, upper = max(lower, 0.0), max(upper, 0.0)
            if lower + upper <= compiled._WEAK * gap * total:
                lower = upper = 0.0
                for k in range(n):
                    dk_hi = min(abs(x[k] - x[ib]) / delta, 1.0)
                    dk_lo = min(abs(x[k] - x[ia]) / delta, 1.0)
                    lower += w[k] * max(dk_hi - dk_lo, 0.0)
                    upper += w[k] * max(dk_lo - dk_hi, 0.0)
                support[ia, ib], support[ib, ia] = lower, upper
            else:
                support[ia, ib], support[ib, ia] = lower / delta, upper / delta
    return support


def test_sorted_vote_sums_equal_their_formula_bit_for_bit():
    """The kernel's sorted vote sums (two sweeps sharing a loop, each with a moving midpoint pointer)
    equal the plain per-pair formula exactly: on random issues of odd and even size, exact ties, a
    few ulps apart, and positions from deep in long runs (where most of a run's rounds are)."""
    rng = np.random.default_rng(41)
    x_long, c_long, s_long = _random_issues(5, 3, 32)
    late = simulate_compiled(x_long, c_long, s_long, bdm.resolve_settings(max_rounds=600, tol=0.0))
    states = [(late["final_positions"][a], c_long[a] * s_long[a]) for a in range(3)]
    for n in (2, 3, 11, 32, 33):
        states.append((rng.uniform(0, 100, n), rng.lognormal(0, 1, n)))
        states.append((rng.integers(0, 4, n) * 25.0, rng.lognormal(0, 1, n)))
        states.append((50 + rng.integers(0, 5, n) * 1e-13 + (rng.random(n) < 0.3) * rng.uniform(0, 9, n),
                       rng.lognormal(0, 1, n)))  # fmt: skip
    for x, w in states:
        n = len(x)
        delta = float(x.max() - x.min()) or 1.0
        support = np.full((n, n), np.nan)
        work = [np.empty(n + 2), np.empty(n + 1), np.empty(n + 1), np.empty(n, np.int64), np.empty(n, np.int64)]
        order = np.argsort(x, kind="mergesort")
        compiled._support_sorted(x, w, delta, order, support, *work)
        np.testing.assert_array_equal(support, _sorted_supports_plain(x, w, delta))


def test_resort_gives_the_stable_sort_order():
    """The kernel keeps each draw's sort order from round to round and re-sorts it by insertion:
    from any starting order (nearly sorted, as between rounds, or shuffled) the result is the stable
    order, ties by index, as ``np.argsort(kind="stable")`` gives it (exact ties are common: conflicts
    and capitulations move actors exactly onto others' positions)."""
    rng = np.random.default_rng(43)
    for n in (1, 2, 3, 7, 32, 65):
        for x in (rng.uniform(0, 1, n), rng.integers(0, 3, n).astype(float), np.zeros(n),
                  np.where(rng.random(n) < 0.5, -0.0, 0.0), rng.integers(0, 4, n) * 1e-300):  # fmt: skip
            expected = np.argsort(x, kind="stable")
            starts = [expected.copy(), rng.permutation(n), np.arange(n)[::-1].copy()]
            if n > 1:  # the last order after one round's small moves: a few neighbours swapped
                near = expected.copy()
                k = rng.integers(0, n - 1)
                near[k], near[k + 1] = near[k + 1], near[k]
                starts.append(near)
            for order in starts:
                compiled._resort(x, order)
                np.testing.assert_array_equal(order, expected)
