"""Run every hostile command line (tests/hostile.py) in a subprocess with memory and time limits.

    python scripts/fuzz_cli.py [--timeout 60] [--memory-gb 4] [--only COMMAND]

Prints one line per failure (exit code other than 0 or 2, a traceback, a time-out or the memory
limit) and a total; exits 1 when anything failed. The bounded version runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import hostile_command_lines, hostile_files  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-gb", type=float, default=4.0)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="100")
    env.setdefault("REDLINE_WORK_BUDGET", "1e10")
    failures, total, started = 0, 0, time.monotonic()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = hostile_files(tmp / "files")
        for line in hostile_command_lines(tmp, files):
            if args.only and line[0] != args.only:
                continue
            total += 1
            t0 = time.monotonic()
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "redline.cli", *line], cwd=ROOT, env=env, capture_output=True,
                    text=True, timeout=args.timeout, preexec_fn=cap, errors="replace",
                )
            except subprocess.TimeoutExpired:
                failures += 1
                print(f"TIMEOUT ({args.timeout:g} s): redline {' '.join(line)}")
                continue
            out = proc.stdout + proc.stderr
            if proc.returncode not in (0, 2) or "Traceback" in out:
                failures += 1
                last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1][:200]
                print(f"EXIT {proc.returncode} ({time.monotonic() - t0:.1f} s): redline {' '.join(line)}\n    {last}")
    print(f"{total} hostile command lines, {failures} failures, {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
