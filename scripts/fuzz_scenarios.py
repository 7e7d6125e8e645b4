"""Fuzz scenario files over the schema (tests/scenario_fuzz.py), many more than the test suite draws.

    python scripts/fuzz_scenarios.py [--files 2000] [--runs 40] [--errors 20000]

Validates ``--files`` hostile files (float limits, NaN/inf, huge integers and strings, nesting
1,000-100,000 deep) in-process: each must be accepted or refused with located ``error:`` lines,
never another exception. Then runs ``--runs`` files drawn with values at the float limits through
``redline run`` (8 draws, no store): a file validation accepted must run (or be refused by a resource
budget, which depends on the draws). Finally times validation of a file with ``--errors`` misspelled
keys. Prints the figures; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, settings  # noqa: E402

from redline.errors import RedlineError  # noqa: E402
from redline.scenario import ScenarioError, parse_scenario  # noqa: E402
from scenario_fuzz import hostile_scenarios  # noqa: E402
from web_scenario import SMALL  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--errors", type=int, default=20_000)
    args = parser.parse_args()
    where = "/tmp/fuzz.toml"
    counts = {"files": 0, "accepted": 0, "refused": 0, "crashes": 0, "runs": 0, "ran": 0, "budget": 0}
    slowest = [0.0, ""]

    def validate(text: str):
        counts["files"] += 1
        t0 = time.perf_counter()
        try:
            scenario = parse_scenario(text, source=where)
            counts["accepted"] += 1
        except ScenarioError as exc:
            counts["refused"] += 1
            if not all(p.startswith(where) and "\n" not in p for p in exc.problems):
                counts["crashes"] += 1
                print("UNLOCATED:", exc.problems[:2])
            scenario = None
        except Exception:  # noqa: BLE001 - the figure we measure
            counts["crashes"] += 1
            print("CRASH in validate:\n" + traceback.format_exc(limit=-3) + text[:400])
            scenario = None
        seconds = time.perf_counter() - t0
        if seconds > slowest[0]:
            slowest[:] = [seconds, text[:80].replace("\n", " ")]
        return scenario

    @settings(max_examples=args.files, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    @given(text=hostile_scenarios())
    def validate_many(text: str) -> None:
        validate(text)

    @settings(max_examples=args.runs, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(text=hostile_scenarios(finite=True))
    def run_many(text: str) -> None:
        from redline.runner import execute, prepare

        scenario = validate(text)
        if scenario is None:
            return
        counts["runs"] += 1
        try:
            result = execute(prepare(scenario, draws=8, source=where))
            json.dumps(result.summary, allow_nan=False)
            counts["ran"] += 1
        except RedlineError as exc:
            if "budget" in str(exc):
                counts["budget"] += 1
            else:
                counts["crashes"] += 1
                print(f"ACCEPTED BUT REFUSED BY RUN: {exc}\n{text[:600]}")
        except Exception:  # noqa: BLE001
            counts["crashes"] += 1
            print("CRASH in run:\n" + traceback.format_exc(limit=-3) + text[:600])

    parse_scenario(SMALL, source=where)  # warm: imports and the World, not counted as the slowest file
    started = time.monotonic()
    validate_many()
    run_many()
    keys = "\n".join(f"draws_{i} = 1" for i in range(args.errors))
    t0 = time.perf_counter()
    try:
        parse_scenario(SMALL.replace("[run]", "[run]\n" + keys), source=where, check_data=False)
    except ScenarioError as exc:
        located = len(exc.problems)
    many = time.perf_counter() - t0
    print(
        f"{counts['files']} hostile scenario files validated: {counts['accepted']} accepted, "
        f"{counts['refused']} refused with located errors, slowest {slowest[0]:.2f} s ({slowest[1]}...); "
        f"{counts['runs']} accepted files run: {counts['ran']} ran, {counts['budget']} refused by a budget; "
        f"{counts['crashes']} crashes; {args.errors:,} misspelled keys: {located:,} errors located in "
        f"{many:.1f} s; total {time.monotonic() - started:.0f} s"
    )
    return 1 if counts["crashes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
