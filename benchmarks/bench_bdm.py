"""Speed of the batched expected-utility kernel against the plain scalar reference (same run).

For 8, 32 and 64 actors this prints forecasts per second for the scalar reference (tests/bdm_reference.py,
plain Python loops) and for the batched kernel on 10,000 draws, their ratio, the kernel's wall time
(total and per round) and its peak traced memory (tracemalloc, measured in a separate one-round call
because tracing slows down the many small allocations). Both sides run the same number of rounds per
forecast (``--rounds``, default 10, tol = 0): full runs last hundreds of rounds (the classic data set
needs 181; random 32-actor issues often reach max_rounds = 1000), which would make the reference take
minutes per forecast at 64 actors; per-round cost is what is compared. A second table runs
``--converge-draws`` draws of 32 actors to convergence with the default settings (tol 1e-6,
max_rounds 1000) and extrapolates the time for 10,000 draws. Random issues: positions U(0, 100),
capability log-normal, salience U(0.1, 1).

    python benchmarks/bench_bdm.py [--draws 10000] [--rounds 10] [--actors 8 32 64] [--converge-draws 100]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bdm_reference import reference_forecast  # noqa: E402
from redline.bargaining import forecast_batch  # noqa: E402


def _issue(rng: np.random.Generator, draws: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return rng.uniform(0, 100, (draws, n)), rng.lognormal(0, 1, (draws, n)), rng.uniform(0.1, 1, (draws, n))


def _timed(function):
    """Wall time of ``function()`` (untraced), then its peak traced memory from a second, short call.

    tracemalloc slows down code that allocates many small arrays, so time and memory are measured in
    separate calls; ``function(memory=True)`` should run the same work for one round.
    """
    start = time.perf_counter()
    value = function()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    function(memory=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return value, elapsed, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--actors", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--converge-draws", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(f"BDM expected-utility model: {args.draws} draws, {args.rounds} rounds per forecast (tol = 0)")
    print(
        f"{'actors':>6} {'reference fc/s':>15} {'batched fc/s':>13} {'ratio':>7} {'batched s':>10} "
        f"{'s/round':>8} {'peak MiB':>9}"
    )
    for n in args.actors:
        x, c, s = _issue(rng, args.draws, n)
        # reference: as many single forecasts as fit in ~3 s (at least one)
        done, start = 0, time.perf_counter()
        while done == 0 or (time.perf_counter() - start < 3.0 and done < 50):
            reference_forecast(x[done], c[done], s[done], max_rounds=args.rounds, tol=0.0)
            done += 1
        ref_rate = done / (time.perf_counter() - start)
        batch, elapsed, peak = _timed(
            lambda memory=False: forecast_batch(x, c, s, max_rounds=1 if memory else args.rounds, tol=0.0)  # noqa: B023
        )
        assert batch.forecast.shape == (args.draws,)
        rate = args.draws / elapsed
        print(
            f"{n:>6} {ref_rate:>15.3f} {rate:>13.1f} {rate / ref_rate:>7.0f} {elapsed:>10.2f} "
            f"{elapsed / args.rounds:>8.3f} {peak:>9.1f}"
        )
    print(
        "ratio = batched forecasts/s / reference forecasts/s (same rounds per forecast, same machine, same run)"
    )
    if args.converge_draws > 0:
        n = 32
        x, c, s = _issue(rng, args.converge_draws, n)
        batch, elapsed, peak = _timed(
            lambda memory=False: forecast_batch(x, c, s, max_rounds=1 if memory else 1000)
        )
        rounds = batch.rounds
        print(
            f"\nTo convergence (default settings), {args.converge_draws} draws x {n} actors: {elapsed:.2f} s, "
            f"rounds median {np.median(rounds):.0f} / mean {rounds.mean():.0f}, "
            f"{np.mean(batch.status == 1):.0%} hit max_rounds, {rounds.sum() / elapsed:,.0f} draw-rounds/s, "
            f"peak {peak:.1f} MiB (one round); 10,000 draws would take ~{elapsed * 10_000 / args.converge_draws:,.0f} s"
        )


if __name__ == "__main__":
    main()
