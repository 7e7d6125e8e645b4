"""The golden regression file: the bundled scenario's summary, checked by the tests.

``tests/golden/nato-2024.json`` holds the summary of ``scenarios/nato-2024.toml`` run with
:data:`GOLDEN_DRAWS` draws (every model family, small draws so the test stays quick). The test
``tests/test_golden.py`` reruns the scenario and compares every number (relative tolerance
:data:`RTOL`), so any change that moves a shipped number fails until the file is regenerated on
purpose. When you change a number on purpose, regenerate it and say why in your commit:

    python -m redline.golden --update        # or: REDLINE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

``python -m redline.golden`` (no flag) prints the differences without writing anything.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "GOLDEN_DRAWS",
    "GOLDEN_FILE",
    "GOLDEN_SCENARIO",
    "RTOL",
    "differences",
    "golden_summary",
    "main",
    "normalise",
]

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SCENARIO = ROOT / "scenarios" / "nato-2024.toml"
GOLDEN_FILE = ROOT / "tests" / "golden" / "nato-2024.json"
GOLDEN_DRAWS = 4096
"""One block of draws: enough for every Monte Carlo question, quick enough for the tests."""
RTOL = 1e-9
"""Relative tolerance on numbers (floating-point noise across machines, not model changes)."""
VOLATILE = ("run_id", "started", "scenario_file", "package_version", "data_version")
"""Fields of ``summary["run"]`` that change from run to run or release to release without a model change
(a rebuilt data snapshot with the same figures keeps the golden file; changed figures show as numbers)."""


def normalise(summary: dict[str, Any]) -> dict[str, Any]:
    """``summary`` without the fields that change with every run (:data:`VOLATILE`)."""
    out = json.loads(json.dumps(summary))
    for key in VOLATILE:
        out.get("run", {}).pop(key, None)
    provenance = out.get("provenance", {})
    provenance.pop("data_version", None)
    if isinstance(provenance.get("world"), dict):
        provenance["world"].pop("snapshot_version", None)
    return out


def golden_summary(draws: int = GOLDEN_DRAWS) -> dict[str, Any]:
    """Run the bundled scenario with ``draws`` draws (no store) and return its normalised summary."""
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario

    plan = prepare(load_scenario(GOLDEN_SCENARIO), draws=draws, source=GOLDEN_SCENARIO)
    return normalise(execute(plan).summary)


def differences(expected: Any, actual: Any, path: str = "", rtol: float = RTOL) -> list[str]:
    """Every place where ``actual`` differs from ``expected``: ``path: expected X; found Y``."""
    where = path or "(top level)"
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{sub}: expected {_short(expected[key])}; found nothing")
            elif key not in expected:
                out.append(f"{sub}: expected nothing; found {_short(actual[key])}")
            else:
                out.extend(differences(expected[key], actual[key], sub, rtol))
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} items; found {len(actual)}"]
        return [
            d
            for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for d in differences(e, a, f"{path}[{i}]", rtol)
        ]
    if _number(expected) and _number(actual):
        if math.isclose(expected, actual, rel_tol=rtol, abs_tol=1e-12):
            return []
    elif expected == actual:
        return []
    return [f"{where}: expected {_short(expected)}; found {_short(actual)}"]


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def main(argv: list[str] | None = None) -> int:
    """``python -m redline.golden [--update]``: compare the golden file with a fresh run, or rewrite it."""
    parser = argparse.ArgumentParser(prog="python -m redline.golden", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden file from a fresh run")
    args = parser.parse_args(argv)
    summary = golden_summary()
    if args.update:
        GOLDEN_FILE.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_FILE.write_text(
            json.dumps(summary, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {GOLDEN_FILE}")
        return 0
    if not GOLDEN_FILE.exists():
        print(f"{GOLDEN_FILE}: no golden file yet (python -m redline.golden --update writes it)")
        return 1
    found = differences(json.loads(GOLDEN_FILE.read_text(encoding="utf-8")), summary)
    for line in found[:50]:
        print(line)
    if len(found) > 50:
        print(f"... and {len(found) - 50} more")
    print(f"{len(found)} differences from {GOLDEN_FILE.name}" if found else "no differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
