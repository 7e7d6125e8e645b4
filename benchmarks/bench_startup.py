"""Start-up cost of the package and the command line, in CPU seconds of fresh processes.

Prints the CPU time (user + system, children of this script) of cold runs of ``python -c pass``
(the interpreter alone, the baseline), ``python -c "import redline"``, ``redline --help``,
``redline deter --help``, ``redline data sql --help`` and ``redline --version`` (run as
``python -m redline.cli ...``), best of ``--repeats`` runs each, with the cost above the baseline and
the ratio to it. For comparison it also times the help typer itself renders (``redline --debug
--help`` is not a plain help request, so it builds the real app with every command) and a command's
start (``redline deter --bogus``: the app with only the ``deter`` module, then a usage error).
Targets (issue 14): ``import redline`` and ``redline --help`` <= 0.3 CPU-s. It also lists which
heavy libraries each loads (numba, scipy.stats, pandas, plotly, duckdb, and for help typer/rich,
should load only when a command needs them). CPU time, not wall time: on a shared machine the wall
time mostly measures other processes.

    python benchmarks/bench_startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys

HEAVY = ("numba", "scipy.stats", "pandas", "plotly", "duckdb", "pyarrow", "dask", "typer", "rich", "numpy")


def _cpu_of(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True)
    return out.stdout.splitlines()[-1].split() if out.stdout.strip() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} cores")
    cli = [sys.executable, "-m", "redline.cli"]
    commands = {
        "redline --help": ["--help"],
        "redline deter --help": ["deter", "--help"],
        "redline data sql --help": ["data", "sql", "--help"],
        "redline --version": ["--version"],
        "redline --debug --help (typer)": ["--debug", "--help"],
        "redline deter --bogus": ["deter", "--bogus"],
    }
    cases = {"python -c pass (baseline)": [sys.executable, "-c", "pass"]}
    cases["import redline"] = [sys.executable, "-c", "import redline"]
    cases.update({name: cli + argv for name, argv in commands.items()})
    probes = {"import redline": "import redline"}
    for name, argv in commands.items():
        probes[name] = (
            f"import sys\nsys.argv = ['redline', *{argv!r}]\nfrom redline.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nsys.stdout.flush()\nprint()"
        )
    base = None
    print(f"{'case':<32} {'best CPU s':>10} {'above base':>10} {'× base':>7}  heavy modules loaded")
    for name, command in cases.items():
        best = min(_cpu_of(command) for _ in range(args.repeats))
        base = best if base is None else base
        heavy = ", ".join(_loaded(probes[name])) if name in probes else ""
        print(f"{name:<32} {best:>10.3f} {best - base:>10.3f} {best / base:>7.2f}  {heavy}")
    print("target: import redline and redline --help <= 0.3 CPU-s each")


if __name__ == "__main__":
    main()
