"""Start-up cost of the package and the command line, in CPU seconds of fresh processes.

Prints the CPU time (user + system, children of this script) of cold runs of ``python -c pass``
(the interpreter alone, the baseline), ``python -c "import redline"`` and ``redline --help``
(``python -m redline.cli --help``), best of ``--repeats`` runs each, and the cost above the
baseline. Targets (issue 14): ``import redline`` and ``redline --help`` <= 0.3 CPU-s. It also lists
which heavy libraries each of them loads (numba, scipy.stats, pandas, plotly, duckdb should load
only when a command needs them). CPU time, not wall time: on a shared machine the wall time mostly
measures other processes.

    python benchmarks/bench_startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys

HEAVY = ("numba", "scipy.stats", "pandas", "plotly", "duckdb", "pyarrow", "dask")


def _cpu_of(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} cores")
    cases = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "import redline": [sys.executable, "-c", "import redline"],
        "redline --help": [sys.executable, "-m", "redline.cli", "--help"],
    }
    probes = {
        "import redline": "import redline",
        "redline --help": "import redline.cli",
    }
    base = None
    print(f"{'case':<28} {'best CPU s':>10} {'above baseline':>15}  heavy modules loaded")
    for name, command in cases.items():
        best = min(_cpu_of(command) for _ in range(args.repeats))
        base = best if base is None else base
        heavy = ", ".join(_loaded(probes[name])) if name in probes else ""
        print(f"{name:<28} {best:>10.3f} {best - base:>15.3f}  {heavy}")
    print("target: import redline and redline --help <= 0.3 CPU-s each")


if __name__ == "__main__":
    main()
