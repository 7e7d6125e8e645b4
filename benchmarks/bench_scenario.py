"""End-to-end time of the main job: nato-2024.toml with 10,000 draws (load, models, store, report).

Prints the time of each stage, the total against the 10 s target, and two ratios measured in the same
run: the store's overhead (execute with the DuckDB store / without) and the chunking overhead
(one chunk per block of 4096 draws / a single chunk).

    python benchmarks/bench_scenario.py [--draws 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "nato-2024.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--scenario", type=Path, default=SCENARIO)
    args = parser.parse_args()

    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    from redline.report import write_report
    from redline.rng import BLOCK
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario
    from redline.store import Store

    stages["import"] = time.perf_counter() - t0

    t = time.perf_counter()
    scenario = load_scenario(args.scenario)
    stages["load + validate scenario"] = time.perf_counter() - t

    t = time.perf_counter()
    plan = prepare(scenario, draws=args.draws, chunk_size=BLOCK, source=args.scenario)
    stages["world, codings, exact models"] = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            result = execute(plan, store)
        stages["Monte Carlo + store + summary"] = time.perf_counter() - t

        t = time.perf_counter()
        write_report(result.summary, Path(tmp) / "report.html", plan=plan)
        stages["HTML report"] = time.perf_counter() - t
        size = (Path(tmp) / "report.html").stat().st_size

        total = sum(stages.values())
        print(
            f"nato-2024.toml, {args.draws} draws, {len(plan.tasks)} Monte Carlo tasks, report {size / 1e6:.1f} MB"
        )
        for name, seconds in stages.items():
            print(f"  {name:<34s} {seconds:7.2f} s")
        print(f"  {'total':<34s} {total:7.2f} s   (target <= 10 s: {'met' if total <= 10 else 'NOT met'})")

        # ratios measured in this run
        t = time.perf_counter()
        execute(plan)
        no_store = time.perf_counter() - t
        with Store(Path(tmp) / "bench2.duckdb") as store:
            t = time.perf_counter()
            execute(plan, store)
            with_store = time.perf_counter() - t
        print(
            f"store overhead: {with_store:.2f} s with DuckDB / {no_store:.2f} s in memory = {with_store / no_store:.2f}x"
        )
        one = prepare(scenario, draws=args.draws, chunk_size=10**9, source=args.scenario)
        t = time.perf_counter()
        execute(one)
        single = time.perf_counter() - t
        print(
            f"chunking overhead: {no_store:.2f} s in chunks of {BLOCK} / {single:.2f} s in one chunk = {no_store / single:.2f}x"
        )


if __name__ == "__main__":
    main()
