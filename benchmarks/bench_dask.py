"""Dask speed-up of a long sweep: the same run on a local cluster of 1 worker and of 2 workers.

Prepares the scenario once, then runs its Monte Carlo (``--draws``, chunks of ``--chunk-size``) on a
``LocalCluster`` of one worker process and on one of two (one thread each; the cluster ``--cluster
local:N`` starts, :func:`redline.runner.local_cluster`), after a warm-up chunk
on every worker (imports, compiled kernels). Prints the wall time of each, the ratio 1 worker /
2 workers measured in this run (target >= 1.6x with 10**7 draws when two cores are free) and the
machine's load before and after: with other jobs on the cores the ratio says little, and the script
says so. The two summaries must be identical (asserted).

    python benchmarks/bench_dask.py [--draws 10000000] [--chunk-size 65536] [--models deterrence escalation]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "nato-2024.toml"
FAMILIES = ("decisions", "bargaining", "deterrence", "escalation", "analytics")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=10_000_000)
    parser.add_argument("--chunk-size", type=int, default=65_536)
    parser.add_argument("--scenario", type=Path, default=SCENARIO)
    parser.add_argument(
        "--models", nargs="*", choices=FAMILIES, help="only these model families (default: the file's)"
    )
    args = parser.parse_args()

    # the sweep is long on purpose: lift the work guard (a few minutes by default) unless the caller set it
    os.environ.setdefault("REDLINE_WORK_BUDGET", "1e13")
    from dask.distributed import Client

    from redline.rng import BLOCK
    from redline.runner import execute, local_cluster, prepare, tally_chunk
    from redline.scenario import load_scenario

    scenario = load_scenario(args.scenario)
    if args.models is not None:
        flags = {name: name in args.models for name in FAMILIES}
        scenario = scenario.model_copy(update={"models": scenario.models.model_copy(update=flags)})
    plan = prepare(scenario, draws=args.draws, chunk_size=args.chunk_size, source=args.scenario)
    warm = prepare(scenario, draws=BLOCK, chunk_size=BLOCK, source=args.scenario)
    print(
        f"{args.scenario.name}: {args.draws:,} draws in chunks of {args.chunk_size:,}, "
        f"{len(plan.tasks)} Monte Carlo tasks; {os.cpu_count()} CPUs"
    )
    loads_before = os.getloadavg()
    times, summaries = {}, {}
    for workers in (1, 2):
        with local_cluster(workers) as cluster, Client(cluster) as client:
            # every worker (client.run reaches each one) imports the models and loads the kernels
            client.run(tally_chunk, warm.tasks, warm.seed, 0, BLOCK, False)
            t = time.perf_counter()
            result = execute(plan, cluster=client)
            times[workers] = time.perf_counter() - t
        summaries[workers] = {k: v for k, v in result.summary.items() if k != "run"}
        print(f"  {workers} worker(s): {times[workers]:8.1f} s wall  ({args.draws / times[workers]:,.0f} draws/s)")
    loads_after = os.getloadavg()
    assert summaries[1] == summaries[2], "1 and 2 workers must give the same summary"
    ratio = times[1] / times[2]
    # the load after includes the run's own workers (about 2): only the load before says whether other
    # jobs held the cores
    free = loads_before[0] < 0.5 * (os.cpu_count() or 1)
    print(
        f"2 workers / 1 worker: {ratio:.2f}x faster (target >= 1.6x when the cores are free); identical summaries"
    )
    print(
        f"load average before {loads_before[0]:.1f}, after {loads_after[0]:.1f} on {os.cpu_count()} CPUs: "
        + ("the cores were free" if free else "the cores were NOT free (other jobs ran): the ratio is not the target's")
    )


if __name__ == "__main__":
    main()
