"""Time and peak memory of the main job against the number of draws: nato-2024.toml, run into a store.

Every run is a fresh process (so its peak RSS is its own): load the scenario, prepare, execute into a
DuckDB store in a temporary folder. The streamed runner (the default) is measured at every size in
``--draws``; the same run with ``keep_draws`` (every draw kept in memory and written to, then read
back from, the store: what the runner did before it streamed) is the baseline at the sizes in
``--baseline-draws``. Printed per run: wall and CPU seconds (prepare and Monte Carlo apart), peak RSS,
and the machine's load; then the memory growth per draw and the ratios streamed / baseline measured
in this run. The targets: 1,000,000 draws under 2 GB and within 60 s; 10,000 draws within 5 s wall
on a quiet machine (the machine is shared: compare CPU seconds when the load is high). CPU seconds
include the forked children that compute the analytics and the exact forecasts beside the main process (:mod:`redline.forked`),
so they are the run's whole work; the main process's own CPU (its critical path) is printed too.

The exact answers a run computes once (validated tables, the escalation record fit, the bargaining
forecasts, the claims) are kept in a disk cache (:mod:`redline.cache`). Every streamed run here is
*cold*: its own empty cache, what the first run of a scenario costs. The smallest size is then run
again *warm* (the cache the cold run filled: what every later run of the same inputs costs, whatever
the number of draws); the keep-draws baselines run warm. ``--numba-cold`` also gives every run an
empty Numba cache (``NUMBA_CACHE_DIR``): what the first run after installing, or after an edit of the
compiled kernel, costs (the kernel compiles).

    python benchmarks/bench_scenario.py [--draws 10000 100000 1000000] [--baseline-draws 10000 100000]
        [--numba-cold]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "nato-2024.toml"

CHILD = r"""
import json, os, resource, sys, tempfile, time
from pathlib import Path
def cpu():  # this process and its waited-for children (the analytics run in a forked child)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime
t0, c0 = time.perf_counter(), cpu()
from redline.runner import execute, prepare
from redline.scenario import load_scenario
from redline.store import Store
scenario = load_scenario(sys.argv[1])
draws, keep = int(sys.argv[2]), sys.argv[3] == "keep"
t1, c1 = time.perf_counter(), cpu()
plan = prepare(scenario, draws=draws, source=sys.argv[1])
t2, c2 = time.perf_counter(), cpu()
with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
    result = execute(plan, store, keep_draws=keep)
    size = (Path(tmp) / "bench.duckdb").stat().st_size
t3, c3 = time.perf_counter(), cpu()
headline = result.summary["headlines"][0]
print("BENCH " + json.dumps({
    "import_load": t1 - t0, "prepare": t2 - t1, "execute": t3 - t2, "wall": t3 - t0,
    "cpu_prepare": c2 - c1, "cpu_execute": c3 - c2, "cpu": c3 - c0, "cpu_main": time.process_time(),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "store_mb": size / 1e6,
    "load": os.getloadavg()[0], "headline": [headline["key"], headline["value"]],
}), flush=True)
"""


def run(scenario: Path, draws: int, keep: bool, timeout: float, cache: Path, numba_cache: Path | None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env["REDLINE_CACHE_DIR"] = str(cache)
    env.pop("REDLINE_CACHE", None)
    if numba_cache is not None:
        env["NUMBA_CACHE_DIR"] = str(numba_cache)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(scenario), str(draws), "keep" if keep else "stream"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{draws} draws ({'keep' if keep else 'stream'}) failed:\n{proc.stderr[-2000:]}")
    found = re.findall(r"BENCH (\{.*\})", proc.stdout)  # DuckDB may draw a progress bar on the same line
    if not found:
        raise SystemExit(f"{draws} draws: no result in the output:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(found[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--baseline-draws", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--scenario", type=Path, default=SCENARIO)
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--numba-cold", action="store_true", help="every run with an empty Numba cache")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-scenario-"))
    shared = scratch / "shared-cache"

    print(f"{args.scenario.name}: every run a fresh process into a DuckDB store; {os.cpu_count()} CPUs")
    print(
        f"{'draws':>10s} {'mode':<12s} {'wall s':>8s} {'prepare':>8s} {'MC+sum':>8s} {'CPU s':>8s} "
        f"{'CPU prep':>8s} {'CPU MC':>8s} {'peak MB':>8s} {'store MB':>9s} {'load':>6s}"
    )
    results: dict[tuple[int, bool], dict] = {}
    warm: dict | None = None
    plan = [(d, False) for d in args.draws] + [(d, True) for d in args.baseline_draws]
    for i, (draws, keep) in enumerate(sorted(plan)):
        numba = scratch / f"numba-{i}" if args.numba_cold else None
        cache = shared if keep else scratch / f"cache-{i}"
        r = results[(draws, keep)] = run(args.scenario, draws, keep, args.timeout, cache, numba)
        _row(draws, "keep warm" if keep else "stream cold", r)
        if not keep and draws == min(args.draws):
            shutil.copytree(cache, shared, dirs_exist_ok=True)
            warm = run(args.scenario, draws, keep, args.timeout, shared, numba)
            _row(draws, "stream warm", warm)
    for keep in (False, True):
        sizes = sorted(d for d, k in results if k == keep)
        if len(sizes) >= 2:
            small, large = results[(sizes[0], keep)], results[(sizes[-1], keep)]
            per_draw = (large["peak_mb"] - small["peak_mb"]) * 1024 / (sizes[-1] - sizes[0])
            print(
                f"{'keep_draws' if keep else 'streamed'}: peak RSS grows {per_draw:.3f} KB per draw "
                f"from {sizes[0]:,} to {sizes[-1]:,} draws"
            )
    for draws in sorted(set(args.draws) & set(args.baseline_draws)):
        s, k = results[(draws, False)], results[(draws, True)]
        assert s["headline"] == k["headline"], "streamed and kept runs must give the same summary"
        print(
            f"{draws:,} draws, streamed / keep_draws (same run): peak RSS {s['peak_mb'] / k['peak_mb']:.2f}x, "
            f"Monte Carlo + summary wall {s['execute'] / k['execute']:.2f}x, CPU {s['cpu'] / k['cpu']:.2f}x, "
            f"store {s['store_mb'] / k['store_mb']:.3f}x"
        )
    if (1_000_000, False) in results:
        r = results[(1_000_000, False)]
        print(
            f"1,000,000 draws: peak {r['peak_mb']:.0f} MB (target < 2048: {'met' if r['peak_mb'] < 2048 else 'NOT met'}), "
            f"{r['wall']:.1f} s wall / {r['cpu']:.1f} CPU-s (target <= 60 s: "
            f"{'met' if r['wall'] <= 60 else 'NOT met'}; load {r['load']:.1f})"
        )
    if (10_000, False) in results:
        for label, r in (("cold", results[(10_000, False)]), ("warm", warm)):
            if r is None:
                continue
            print(
                f"10,000 draws, {label} cache: {r['wall']:.1f} s wall / {r['cpu']:.1f} CPU-s, of which the main "
                f"process {r['cpu_main']:.1f} (target <= 5 s wall on a quiet machine: "
                f"{'met' if r['wall'] <= 5 else 'NOT met'}; load {r['load']:.1f})"
            )
    shutil.rmtree(scratch, ignore_errors=True)


def _row(draws: int, mode: str, r: dict) -> None:
    print(
        f"{draws:>10,d} {mode:<12s} {r['wall']:8.2f} {r['prepare']:8.2f} "
        f"{r['execute']:8.2f} {r['cpu']:8.2f} {r['cpu_prepare']:8.2f} {r['cpu_execute']:8.2f} "
        f"{r['peak_mb']:8.0f} {r['store_mb']:9.1f} {r['load']:6.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
