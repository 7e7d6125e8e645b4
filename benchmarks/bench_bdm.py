"""Speed of the expected-utility kernels (NumPy and compiled) against the plain scalar reference.

For 8, 32 and 64 actors this prints forecasts per second for the scalar reference
(tests/bdm_reference.py, plain Python loops), the batched NumPy kernel (``bdm.simulate``) and the
compiled Numba kernel (``compiled.simulate_compiled``, what ``forecast_batch`` uses for the default
model), each on 10,000 draws, and their ratios to the reference, all measured in this run. All run the
same number of rounds per forecast (``--rounds``, default 10, tol = 0): full runs last hundreds of
rounds (the classic data set needs 181; random 32-actor issues often reach max_rounds = 1000), which
would make the reference take minutes per forecast at 64 actors; per-round cost is what is compared.
The compiled kernel's JIT compile time is measured by a warm-up call and reported separately (with
``cache=True`` it is paid once per installation). Peak memory: tracemalloc for the NumPy kernel (one
round); Numba's allocations are not traced, so for the compiled kernel the process's peak RSS is given.

A second table runs 32-actor draws to convergence with the default settings (tol 1e-6,
max_rounds 1000): ``--converge-draws`` (10,000) draws on the compiled kernel, and
``--numpy-converge-draws`` (100) on the NumPy kernel, extrapolated to 10,000.
Random issues: positions U(0, 100), capability log-normal, salience U(0.1, 1).

    python benchmarks/bench_bdm.py [--draws 10000] [--rounds 10] [--actors 8 32 64]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bdm_reference import reference_forecast  # noqa: E402
from redline.bargaining.bdm import resolve_settings, simulate  # noqa: E402
from redline.bargaining.compiled import simulate_compiled  # noqa: E402


def _issue(rng: np.random.Generator, draws: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return rng.uniform(0, 100, (draws, n)), rng.lognormal(0, 1, (draws, n)), rng.uniform(0.1, 1, (draws, n))


def _time(function) -> tuple[object, float]:
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def _traced_peak(function) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _peak_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--actors", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--converge-draws", type=int, default=10_000)
    parser.add_argument("--numpy-converge-draws", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    fixed = resolve_settings(max_rounds=args.rounds, tol=0.0)
    one_round = resolve_settings(max_rounds=1, tol=0.0)

    x, c, s = _issue(rng, 4, 8)
    _, compile_s = _time(lambda: simulate_compiled(x, c, s, fixed))
    print(f"compiled kernel: JIT compile / cache load (warm-up call) {compile_s:.2f} s, "
          f"{numba.get_num_threads()} threads")  # fmt: skip
    print(f"BDM expected-utility model: {args.draws} draws, {args.rounds} rounds per forecast (tol = 0)")
    print(
        f"{'actors':>6} {'reference fc/s':>15} {'numpy fc/s':>11} {'ratio':>6} {'compiled fc/s':>14} "
        f"{'ratio':>6} {'numpy s':>8} {'compiled s':>11} {'numpy peak MiB':>15}"
    )
    for n in args.actors:
        x, c, s = _issue(rng, args.draws, n)
        done, start = 0, time.perf_counter()  # reference: as many forecasts as fit in ~3 s
        while done == 0 or (time.perf_counter() - start < 3.0 and done < 50):
            reference_forecast(x[done], c[done], s[done], max_rounds=args.rounds, tol=0.0)
            done += 1
        ref_rate = done / (time.perf_counter() - start)
        _, numpy_s = _time(lambda: simulate(x, c, s, fixed))  # noqa: B023
        peak = _traced_peak(lambda: simulate(x, c, s, one_round))  # noqa: B023
        out, compiled_s = _time(lambda: simulate_compiled(x, c, s, fixed))  # noqa: B023
        assert out["forecast"].shape == (args.draws,)
        numpy_rate, compiled_rate = args.draws / numpy_s, args.draws / compiled_s
        print(
            f"{n:>6} {ref_rate:>15.3f} {numpy_rate:>11.1f} {numpy_rate / ref_rate:>6.0f} {compiled_rate:>14.1f} "
            f"{compiled_rate / ref_rate:>6.0f} {numpy_s:>8.2f} {compiled_s:>11.2f} {peak:>15.1f}"
        )
    print(
        "ratio = kernel forecasts/s / reference forecasts/s (same rounds per forecast, same machine, same run)"
    )

    n = 32
    default = resolve_settings()
    if args.converge_draws > 0:
        x, c, s = _issue(rng, args.converge_draws, n)
        out, elapsed = _time(lambda: simulate_compiled(x, c, s, default))
        rounds = out["rounds"]
        print(
            f"\nTo convergence (default settings), compiled, {args.converge_draws} draws x {n} actors: "
            f"{elapsed:.2f} s; rounds median {np.median(rounds):.0f} / mean {rounds.mean():.0f}, "
            f"{np.mean(out['status'] == 1):.0%} hit max_rounds, {rounds.sum() / elapsed:,.0f} draw-rounds/s"
        )
    if args.numpy_converge_draws > 0:
        x, c, s = _issue(rng, args.numpy_converge_draws, n)
        out, elapsed = _time(lambda: simulate(x, c, s, default))
        rounds = out["rounds"]
        print(
            f"To convergence, NumPy kernel, {args.numpy_converge_draws} draws x {n} actors: {elapsed:.2f} s "
            f"(rounds mean {rounds.mean():.0f}, {rounds.sum() / elapsed:,.0f} draw-rounds/s); "
            f"10,000 draws would take ~{elapsed * 10_000 / args.numpy_converge_draws:,.0f} s"
        )
    print(f"process peak RSS {_peak_rss():.0f} MiB")


if __name__ == "__main__":
    main()
