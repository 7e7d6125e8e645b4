"""Streaming summaries (redline.tally) against all-in-memory references: same numbers, any chunk order."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from redline import tally as tally_module
from redline.rng import BLOCK, chunk_ranges
from redline.stats import interval, paired_interval
from redline.tally import ChunkTally, RunTally, Sketch, paired_key, tally_values
from redline.tasks import Task, run_chunk


def _sampler(generator, n):
    x = generator.gamma(2.0, 10.0, n)
    x[generator.random(n) < 0.01] = np.nan  # non-finite values are left out, as interval() does
    base = (generator.random(n) < 0.3).astype(float)
    lever = np.where(generator.random(n) < 0.2, 1.0 - base, base)
    return {"x": x, "base": base, "lever": lever}


TASKS = (Task("t", _sampler, binary=("base", "lever"), paired=(("lever", "base"),)),)


def _streamed(draws: int, chunk_size: int, seed: int = 4, order=None) -> RunTally:
    run = RunTally(TASKS)
    chunks = [tally_values(a, b, run_chunk(TASKS, seed, a, b), TASKS) for a, b in chunk_ranges(draws, chunk_size)]
    for chunk in order(chunks) if order else chunks:
        run.add(chunk)
    run.check_complete()
    return run


def test_streamed_statistics_equal_the_all_in_memory_ones():
    draws = 3 * BLOCK + 123
    run = _streamed(draws, BLOCK)
    values = run_chunk(TASKS, 4, 0, draws)
    stats = run.stats()
    assert set(stats) == {"x", "base", "lever"}
    for question, binary in (("base", True), ("lever", True), ("x", False)):
        expected, found = interval(values[question], binary=binary), stats[question]
        assert found["n"] == expected["n"]
        if binary:  # integer counts: the mean and the Wilson interval are exact
            assert (found["mean"], found["lo"], found["hi"]) == (expected["mean"], expected["lo"], expected["hi"])
        else:  # the quantiles are NumPy's on every value; the mean is summed block by block
            assert (found["lo"], found["hi"]) == (expected["lo"], expected["hi"])
            assert found["mean"] == pytest.approx(expected["mean"], rel=1e-13)
        assert found["se"] == pytest.approx(expected["se"], rel=1e-10)
    diff = run[paired_key("lever", "base")].paired_interval()
    expected = paired_interval(values["lever"] - values["base"])
    assert diff["n"] == expected["n"] == draws
    for key in ("mean", "lo", "hi"):
        assert diff[key] == pytest.approx(expected[key], rel=1e-12, abs=1e-15)
    finite = values["x"][np.isfinite(values["x"])]
    qs = [0.05, 0.25, 0.5, 0.75, 0.95]
    assert run["x"].quantiles(qs) == np.quantile(finite, qs).tolist()
    assert run["x"].histogram(20, (0, 100)) == np.histogram(finite, bins=20, range=(0, 100))[0].tolist()


def test_summary_is_bit_identical_for_any_chunking_and_arrival_order():
    draws = 5 * BLOCK + 7
    reference = _streamed(draws, BLOCK)
    shuffled = [
        _streamed(draws, 2 * BLOCK),
        _streamed(draws, 10**9),
        _streamed(draws, BLOCK, order=lambda c: random.Random(1).sample(c, len(c))),  # Dask finishes out of order
        _streamed(draws, BLOCK, order=lambda c: c[::-1]),
    ]
    for other in shuffled:
        for key, tally in reference.tallies.items():
            mine = other[key]
            assert (mine.n, mine.total, mine.m2, mine.nonfinite) == (tally.n, tally.total, tally.m2, tally.nonfinite)
        assert other.stats() == reference.stats()


def test_a_chunk_tally_survives_the_store_round_trip_and_cannot_be_added_twice():
    chunk = tally_values(BLOCK, 2 * BLOCK + 10, run_chunk(TASKS, 1, BLOCK, 2 * BLOCK + 10), TASKS)
    back = ChunkTally.from_bytes(chunk.to_bytes())
    assert (back.start, back.stop) == (chunk.start, chunk.stop)
    assert chunk.blocks.keys() == back.blocks.keys() and chunk.values.keys() == back.values.keys() == {"x"}
    for key in chunk.blocks:
        assert np.array_equal(chunk.blocks[key], back.blocks[key])
    run = RunTally(TASKS)
    run.add(back)
    with pytest.raises(ValueError, match="tallied twice"):
        run.add(chunk)
    with pytest.raises(ValueError, match="never tallied"):  # draws 0..4095 missing
        run.check_complete()


def test_quantiles_past_the_exact_limit_come_from_the_sketch_within_its_accuracy(monkeypatch):
    monkeypatch.setattr(tally_module, "EXACT_VALUES", 2 * BLOCK)
    draws = 6 * BLOCK
    run = _streamed(draws, BLOCK)
    assert not run["x"].exact  # more values than the (lowered) limit: sketched
    finite = run_chunk(TASKS, 4, 0, draws)["x"]
    finite = np.sort(finite[np.isfinite(finite)])
    qs = [0.0, 0.025, 0.05, 0.5, 0.95, 0.975, 1.0]
    for q, found in zip(qs, run["x"].quantiles(qs), strict=True):
        # NumPy's quantile interpolates between two order statistics; each is represented within alpha
        h = (finite.size - 1) * q
        lo, hi = finite[math.floor(h)], finite[min(math.floor(h) + 1, finite.size - 1)]
        assert min(lo, hi) * (1 - tally_module.SKETCH_ALPHA) <= found <= max(lo, hi) * (1 + tally_module.SKETCH_ALPHA)
        assert found == pytest.approx(np.quantile(finite, q), rel=2e-4)
    # sketching merges integer counts: the same sketch whatever the order
    again = _streamed(draws, 3 * BLOCK, order=lambda c: c[::-1])
    assert np.array_equal(again["x"].sketch.keys, run["x"].sketch.keys)
    assert np.array_equal(again["x"].sketch.counts, run["x"].sketch.counts)


def test_sketch_handles_zero_negative_and_tiny_values():
    values = np.array([-5.0, -1e-3, 0.0, 1e-15, 2.0, 3.0, 1e6])
    sketch = Sketch()
    sketch.add(values)
    assert sketch.n == values.size
    found = sketch.quantiles([0.0, 0.5, 1.0])
    assert found[0] == pytest.approx(-5.0, rel=1e-4) and found[2] == pytest.approx(1e6, rel=1e-4)
    assert abs(found[1]) <= 1e-12  # the median 1e-15 shares the zero bucket
    assert Sketch().quantiles([0.5])[0] != Sketch().quantiles([0.5])[0]  # empty: NaN


# ------------------------------------------------------------------ the lean per-block samplers
def test_failure_draws_are_the_monte_carlo_outcomes():
    from redline.deterrence import from_world, monte_carlo
    from redline.deterrence.montecarlo import failure_draws
    from redline.world import World

    world = World.for_year(2024)
    uncertainty = {"V": {"dist": "lognormal", "sigma": 0.3}, "w.POL": {"dist": "beta", "mean": 0.6, "concentration": 20}}
    for target, unc in (("EST", {"k_L": {"dist": "lognormal", "sigma": 0.5}}), ("UKR", uncertainty)):
        game = from_world(world, target, uncertainty=unc)
        full = monte_carlo(game, 700, rng=9, keep_outcome=True, chunk_size=BLOCK)
        assert np.array_equal(failure_draws(game, 700, rng=9, chunk_size=BLOCK), full.outcome), target


def test_positions_only_draws_the_same_positions():
    from redline.uncertainty import sample_codings

    x, s, c = np.array([10.0, 50.0, 90.0]), np.array([0.2, 1.0, 0.7]), np.array([1.0, 2.0, 3.0])
    options = {"position_sd": 8.0, "salience_concentration": 30, "capability_sigma": 0.1}
    full = sample_codings(np.random.default_rng(3), 500, x, s, c, **options)
    only = sample_codings(np.random.default_rng(3), 500, x, s, c, positions_only=True, **options)
    assert only.keys() == {"position"} and np.array_equal(only["position"], full["position"])


def test_keep_freed_memory_is_set_once_and_silent_without_glibc(monkeypatch):
    """The malloc setting is made once per process; a C library without ``mallopt`` changes nothing."""
    import ctypes

    from redline import tasks

    calls = []

    class FakeLibc:
        def mallopt(self, parameter, value):
            calls.append((parameter.value, value.value))
            return 1

    monkeypatch.setattr(tasks, "_malloc_kept", False)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: FakeLibc())
    tasks.keep_freed_memory()
    tasks.keep_freed_memory()
    assert calls == list(tasks.MALLOC_KEEP.values())

    def no_libc(name):
        raise OSError(name)

    monkeypatch.setattr(tasks, "_malloc_kept", False)
    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    tasks.keep_freed_memory()  # no error
    assert tasks._malloc_kept
