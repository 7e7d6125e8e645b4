"""Speed of the expected-utility kernels (NumPy and compiled) against the plain scalar reference.

For 8, 32 and 64 actors this prints forecasts per second for the scalar reference
(tests/bdm_reference.py, plain Python loops), the batched NumPy kernel (``bdm.simulate``) and the
compiled Numba kernel (``compiled.simulate_compiled``, what ``forecast_batch`` uses for the default
model), each on 10,000 draws, and their ratios to the reference, all measured in this run, by wall
time and by CPU time (on a shared machine the wall ratio understates the kernel: other processes take
the cores). All run the same number of rounds per forecast (``--rounds``, default 20, tol = 0): full runs last hundreds of
rounds (the classic data set needs 181; random 32-actor issues often reach max_rounds = 1000), which
would make the reference take minutes per forecast at 64 actors; per-round cost is what is compared.
The compiled kernel's JIT compile time is measured by a warm-up call and reported separately (with
``cache=True`` it is paid once per installation). Peak memory: tracemalloc for the NumPy kernel (one
round); Numba's allocations are not traced, so for the compiled kernel the process's peak RSS is given.

Then the latency of one forecast per call (32 actors, ``--rounds`` rounds, what the dashboard and
small chunks pay): median and 90th percentile over 200 calls, and the share of calls over 2 ms.

A last table runs 32-actor draws to convergence with the default settings (tol 1e-6,
max_rounds 1000): ``--converge-draws`` (10,000) draws on the compiled kernel (CPU-ms per draw, and
the 10,000-draw CPU-s and its wall on two free cores), and ``--numpy-converge-draws`` (100) on the
NumPy kernel and on the compiled kernel without offer pruning (``prune=False``, the baseline the
pruning is measured against), each as a ratio of CPU per draw in this run, with how often the two
kernels end a long run differently (status, rounds, forecast): for the covered settings the
compiled kernel is the single answer (``forecast`` and ``forecast_batch`` both run it).
The same convergence draws are also run at the looser tolerances of ``--converge-tol`` (1e-5 and
1e-4; the default stays the spec's 1e-6): CPU per draw as a ratio to the default's in this run,
and how far each draw's forecast moves from the default's (in % of the initial range).
The machine is shared: the 1-minute load average is printed beside every figure, and CPU seconds
(which other jobs inflate much less than wall time) beside wall seconds; compare figures only with
their load.
Random issues: positions U(0, 100), capability log-normal, salience U(0.1, 1).

    python benchmarks/bench_bdm.py [--draws 10000] [--rounds 20] [--actors 8 32 64] [--converge-draws 10000]
        [--numpy-converge-draws 100] [--converge-tol 1e-5 1e-4]
"""

from __future__ import annotations

import argparse
import os
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


def _cpu(function) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _traced_peak(function) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _load() -> str:
    """The 1-minute load average, printed beside each figure (the machine is shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def _peak_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--actors", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--converge-draws", type=int, default=10_000)
    parser.add_argument("--numpy-converge-draws", type=int, default=100)
    parser.add_argument("--converge-tol", type=float, nargs="*", default=[1e-5, 1e-4])
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    fixed = resolve_settings(max_rounds=args.rounds, tol=0.0)
    one_round = resolve_settings(max_rounds=1, tol=0.0)

    print(
        f"load average (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} cores (printed again beside each figure)"
    )
    x, c, s = _issue(rng, 300, 8)
    _, compile_s = _time(
        lambda: (simulate_compiled(x, c, s, fixed), simulate_compiled(x[:1], c[:1], s[:1], fixed))
    )
    print(f"compiled kernel: JIT compile / cache load (warm-up call) {compile_s:.2f} s, "
          f"{numba.get_num_threads()} threads")  # fmt: skip
    print(f"BDM expected-utility model: {args.draws} draws, {args.rounds} rounds per forecast (tol = 0)")
    print(
        f"{'actors':>6} {'reference fc/s':>15} {'numpy fc/s':>11} {'ratio':>6} {'compiled fc/s':>14} "
        f"{'ratio':>6} {'CPU ratio':>9} {'numpy s':>8} {'compiled s':>11} {'compiled CPU s':>15} {'numpy peak MiB':>15}"
        f" {'load':>5}"
    )
    for n in args.actors:
        x, c, s = _issue(rng, args.draws, n)
        # reference: ~10 s of forecasts (3 s timed only 3-4 at 32 actors, and their rate varied 0.6-1.1/s)
        done, start, cpu0 = 0, time.perf_counter(), time.process_time()
        while done == 0 or (time.perf_counter() - start < 10.0 and done < 50):
            reference_forecast(x[done], c[done], s[done], max_rounds=args.rounds, tol=0.0)
            done += 1
        ref_rate = done / (time.perf_counter() - start)
        ref_cpu_rate = done / (time.process_time() - cpu0)
        _, numpy_s = _time(lambda: simulate(x, c, s, fixed))  # noqa: B023
        peak = _traced_peak(lambda: simulate(x, c, s, one_round))  # noqa: B023
        out, compiled_s, compiled_cpu = _cpu(lambda: simulate_compiled(x, c, s, fixed))  # noqa: B023
        assert out["forecast"].shape == (args.draws,)
        numpy_rate, compiled_rate = args.draws / numpy_s, args.draws / compiled_s
        # CPU ratio: reference CPU-s per forecast / compiled CPU-s per forecast (both threads' CPU
        # counted), times the thread count: what the wall ratio is on otherwise idle cores.
        cpu_ratio = (args.draws / compiled_cpu) / ref_cpu_rate * numba.get_num_threads()
        print(
            f"{n:>6} {ref_rate:>15.3f} {numpy_rate:>11.1f} {numpy_rate / ref_rate:>6.0f} {compiled_rate:>14.1f} "
            f"{compiled_rate / ref_rate:>6.0f} {cpu_ratio:>9.0f} {numpy_s:>8.2f} {compiled_s:>11.2f} "
            f"{compiled_cpu:>15.2f} {peak:>15.1f} {os.getloadavg()[0]:>5.1f}"
        )
    print(
        "ratio = kernel forecasts/s / reference forecasts/s (same rounds per forecast, same machine, same run);"
        " CPU ratio = the same from CPU time, scaled to the thread count (the wall ratio on free cores)"
    )

    x, c, s = _issue(rng, 200, 32)
    latency, cpu = [], []
    for a in range(200):
        start, start_cpu = time.perf_counter(), time.process_time()
        simulate_compiled(x[a : a + 1], c[a : a + 1], s[a : a + 1], fixed)
        latency.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    latency_ms, cpu_ms = np.array(latency) * 1e3, np.array(cpu) * 1e3
    print(
        f"\nOne forecast per call (32 actors, {args.rounds} rounds, calling thread, no pool): wall median "
        f"{np.median(latency_ms):.2f} ms, 90th percentile {np.percentile(latency_ms, 90):.2f} ms, "
        f"{np.mean(latency_ms > 2.0):.0%} of calls over 2 ms; CPU median {np.median(cpu_ms):.2f} ms ({_load()})"
    )

    n = 32
    default = resolve_settings()
    if args.converge_draws > 0:
        x, c, s = _issue(rng, args.converge_draws, n)
        out, elapsed, cpu_s = _cpu(lambda: simulate_compiled(x, c, s, default))
        rounds = out["rounds"]
        per_draw = cpu_s / args.converge_draws
        print(
            f"\nTo convergence (default settings), compiled, {args.converge_draws} draws x {n} actors: "
            f"{elapsed:.2f} s wall, {cpu_s:.2f} CPU-s = {per_draw * 1e3:.2f} CPU-ms per draw "
            f"(10,000 draws: {per_draw * 1e4:.0f} CPU-s, {per_draw * 1e4 / 2:.0f} s wall on 2 free cores; "
            f"target 20 s); rounds median {np.median(rounds):.0f} / mean {rounds.mean():.0f}, "
            f"{np.mean(out['status'] == 1):.0%} hit max_rounds ({_load()})"
        )
        for tol in args.converge_tol:  # a looser tolerance (a user's choice; the default stays the spec's 1e-6)
            loose, loose_s, loose_cpu = _cpu(lambda: simulate_compiled(x, c, s, resolve_settings(tol=tol)))  # noqa: B023
            moved = np.abs(loose["forecast"] - out["forecast"]) / (x.max(axis=1) - x.min(axis=1)) * 100
            print(
                f"  same draws, tol = {tol:g}: {loose_s:.2f} s wall, {loose_cpu / args.converge_draws * 1e3:.2f} CPU-ms "
                f"per draw ({cpu_s / loose_cpu:.1f}x less than the default; 10,000 draws "
                f"{loose_cpu / args.converge_draws * 1e4 / 2:.0f} s wall on 2 free cores); rounds mean "
                f"{loose['rounds'].mean():.0f}, {np.mean(loose['status'] == 1):.0%} hit max_rounds; forecast moved from "
                f"the default's by (% of the initial range) median {np.median(moved):.2g}, 90th percentile "
                f"{np.percentile(moved, 90):.2g}, max {moved.max():.2g}; over 1 % on {np.mean(moved > 1):.1%} ({_load()})"
            )
    if args.numpy_converge_draws > 0:
        m = args.numpy_converge_draws
        x, c, s = _issue(rng, m, n)
        out, elapsed, numpy_cpu = _cpu(lambda: simulate(x, c, s, default))
        rounds = out["rounds"]
        print(
            f"To convergence, NumPy kernel, {m} draws x {n} actors: {elapsed:.2f} s wall, {numpy_cpu:.2f} CPU-s "
            f"(rounds mean {rounds.mean():.0f}; 10,000 draws ~{numpy_cpu * 10_000 / m:,.0f} CPU-s) ({_load()})"
        )
        full, _, full_cpu = _cpu(lambda: simulate_compiled(x, c, s, default, parallel=False, prune=False))
        other, _, other_cpu = _cpu(lambda: simulate_compiled(x, c, s, default, parallel=False))
        same = all(np.array_equal(other[k], full[k], equal_nan=True) for k in full)
        print(
            f"  same draws, one thread: compiled {other_cpu / m * 1e3:.2f} CPU-ms per draw; without offer pruning "
            f"{full_cpu / m * 1e3:.2f} (pruning {full_cpu / other_cpu:.1f}x, results identical: {same}); "
            f"NumPy kernel / compiled = {numpy_cpu / other_cpu:.0f}x ({_load()})"
        )
        differ = (other["status"] != out["status"]) | (other["rounds"] != rounds)
        gap = np.abs(other["forecast"] - out["forecast"])
        print(
            f"  same draws, compiled vs NumPy kernel: {np.mean(differ):.0%} end differently (status or rounds), "
            f"forecasts differ by more than 1e-6 on {np.mean(gap > 1e-6):.0%} (at most {gap.max():.3g} points)"
        )
    print(f"process peak RSS {_peak_rss():.0f} MiB")


if __name__ == "__main__":
    main()
