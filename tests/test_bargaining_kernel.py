"""The kernel's fast paths agree with its exact (plain O(n^3)) path: sorted vote sums and chunking."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.bargaining import bdm, forecast_batch
from test_bargaining_properties import MODES, _compare


def _exact_support(x: np.ndarray, w: np.ndarray, delta: np.ndarray) -> np.ndarray:
    d = np.minimum(np.abs(x[:, :, None] - x[:, None, :]) / delta[:, None, None], 1.0)
    return bdm._support_direct(d, w)


@st.composite
def vote_problems(draw):
    """Several draws of n actors; positions on a coarse grid (many ties) or continuous; some w = 0."""
    draws = draw(st.integers(1, 4))
    n = draw(st.integers(3, 9))
    grid = draw(st.booleans())
    cell = st.integers(0, 6).map(float) if grid else st.floats(-50, 50, allow_nan=False)
    x = np.array([[draw(cell) for _ in range(n)] for _ in range(draws)])
    w = np.array([[draw(st.sampled_from([0.0, 0.3, 1.0, 2.5])) for _ in range(n)] for _ in range(draws)])
    w[:, 0] += 0.01  # some influence in every draw
    return x, w


@given(vote_problems())
def test_sorted_support_equals_exact_support(problem):
    x, w = problem
    delta = np.ptp(x, axis=1)
    delta[delta == 0] = 1.0
    fast = bdm._support_sorted(x, w, delta)
    exact = _exact_support(x, w, delta)
    differ = x[:, :, None] != x[:, None, :]
    scale = w.sum(axis=1)[:, None, None]
    np.testing.assert_allclose((fast / scale)[differ], (exact / scale)[differ], rtol=0, atol=1e-12)


def test_sorted_support_random_and_cancelling_votes():
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 100, (50, 12))
    x[:, :4] = x[:, 4:8]  # exact ties
    w = rng.lognormal(0, 1, (50, 12)) * (rng.uniform(size=(50, 12)) > 0.2)
    w[:, 0] += 0.1
    delta = np.ptp(x, axis=1)
    np.testing.assert_allclose(
        bdm._support_sorted(x, w, delta), _exact_support(x, w, delta), rtol=1e-12, atol=1e-12 * w.sum()
    )
    # Only the voter at (about) the midpoint of actors 0 and 2 has weight: the votes on that pair
    # cancel up to rounding. The sorted path recomputes such pairs voter by voter, so it gives the
    # exact path's values bit for bit, and P = 0.5 (nobody cares) when the midpoint is exact.
    for xs in ([0.1, 0.2, 0.3, 0.7], [0.25, 0.5, 0.75, 1.0]):
        x = np.array([xs])
        w = np.array([[0.0, 1.0, 0.0, 0.0]])
        delta = np.ptp(x, axis=1)
        fast, exact = bdm._support_sorted(x, w, delta), _exact_support(x, w, delta)
        np.testing.assert_array_equal(fast[0, [0, 2], [2, 0]], exact[0, [0, 2], [2, 0]])
    p = bdm._probability(fast, "symmetric", np.abs(x[:, :, None] - x[:, None, :]) > 0)
    assert p[0, 0, 2] == p[0, 2, 0] == 0.5


@pytest.mark.parametrize("mode", ["default", "dmasad"])
def test_sorted_path_kernel_equals_reference(monkeypatch, mode):
    """With the sorted vote sums forced on (they start at 20 actors), the kernel == the reference."""
    monkeypatch.setattr(bdm, "_SORTED_MIN_ACTORS", 3)
    rng = np.random.default_rng(11)
    for n in (3, 4, 6, 9):
        for _ in range(4):
            x = np.round(rng.uniform(0, 100, n), 6).tolist()
            c = (0.05 + rng.uniform(size=n)).tolist()
            s = (0.05 + 0.95 * rng.uniform(size=n)).tolist()
            _compare(x, c, s, 30, **MODES[mode])


@pytest.mark.parametrize("sorted_from", [3, 20])
def test_round_chunking_does_not_change_results(monkeypatch, sorted_from):
    monkeypatch.setattr(bdm, "_SORTED_MIN_ACTORS", sorted_from)
    rng = np.random.default_rng(3)
    x, c, s = rng.uniform(0, 100, (40, 7)), rng.lognormal(0, 1, (40, 7)), rng.uniform(0.1, 1, (40, 7))
    work, block = bdm._WORK_ELEMENTS, bdm._BLOCK_ELEMENTS
    for compat in ("default", "scholz_code", "dmasad"):
        whole = forecast_batch(x, c, s, compat=compat, max_rounds=60)
        monkeypatch.setattr(bdm, "_WORK_ELEMENTS", 3 * 49)  # rounds on chunks of 3 draws
        monkeypatch.setattr(bdm, "_BLOCK_ELEMENTS", 7 * 16)  # runs in blocks of 16 draws
        chunked = forecast_batch(x, c, s, compat=compat, max_rounds=60)
        monkeypatch.setattr(bdm, "_WORK_ELEMENTS", work)
        monkeypatch.setattr(bdm, "_BLOCK_ELEMENTS", block)
        np.testing.assert_array_equal(chunked.forecast, whole.forecast)
        np.testing.assert_array_equal(chunked.status, whole.status)
        np.testing.assert_array_equal(chunked.rounds, whole.rounds)
        np.testing.assert_array_equal(chunked.final_positions, whole.final_positions)
