"""Run every hostile command line (tests/hostile.py) in a subprocess with memory and time limits.

    python scripts/fuzz_cli.py [--timeout 60] [--memory-gb 4] [--only COMMAND] [--jobs 2]

Prints one line per failure (exit code other than 0 or 2, a traceback, a time-out or the memory
limit), a total with the peak memory (RSS) of all runs and of those a resource guard refused;
exits 1 when anything failed. The bounded version runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import hostile_command_lines, hostile_files  # noqa: E402


def run_one(line: list[str], env: dict[str, str], timeout: float, limit: int) -> tuple[int | None, str, float, float]:
    """(exit code or None on time-out, output, seconds, peak RSS in MB) of ``redline LINE``."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    t0 = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "redline.cli", *line], cwd=ROOT, env=env, stdout=out, stderr=out,
            preexec_fn=cap,
        )
        code, usage = None, None
        while time.monotonic() - t0 < timeout:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.05)
        else:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = code if code is not None else -9  # reaped here, not by Popen
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return code, text, time.monotonic() - t0, usage.ru_maxrss / 1024 if usage else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-gb", type=float, default=4.0)
    parser.add_argument("--only", default=None)
    parser.add_argument("--jobs", type=int, default=1, help="command lines run at once")
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="100")
    env.setdefault("REDLINE_WORK_BUDGET", "1e10")
    failures, started = 0, time.monotonic()
    peak, guarded_peak, guarded, commands = 0.0, 0.0, 0, set()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = hostile_files(tmp / "files")
        lines = [
            line for line in hostile_command_lines(tmp, files) if not args.only or line[0] == args.only
        ]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = pool.map(lambda line: (line, *run_one(line, env, args.timeout, limit)), lines)
            for line, code, out, seconds, rss in results:
                commands.add(" ".join(line[:2]) if line[0] in {"data", "power"} else line[0])
                peak = max(peak, rss)
                if "budget" in out:  # refused by a resource guard (redline.budget)
                    guarded += 1
                    guarded_peak = max(guarded_peak, rss)
                if code is None:
                    failures += 1
                    print(f"TIMEOUT ({args.timeout:g} s): redline {' '.join(line)}", flush=True)
                elif code not in (0, 2) or "Traceback" in out:
                    failures += 1
                    last = (out.strip().splitlines() or ["(no output)"])[-1][:200]
                    print(f"EXIT {code} ({seconds:.1f} s): redline {' '.join(line)}\n    {last}", flush=True)
    print(
        f"{len(lines)} hostile command lines over {len(commands)} commands, {failures} failures, "
        f"{time.monotonic() - started:.0f} s; peak RSS {peak:.0f} MB; {guarded} refused by a resource "
        f"guard, their peak RSS {guarded_peak:.0f} MB"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
