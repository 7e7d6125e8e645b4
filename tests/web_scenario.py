"""A small scenario for the dashboard's tests: one issue, three deterrence targets, few draws."""

from __future__ import annotations

from pathlib import Path

SMALL = """
[scenario]
name = "small"
title = "A small test scenario"

[world]
year = 2024

[run]
draws = 64
seed = 3

[models]
bargaining = false
escalation = false
analytics = false

[[issues]]
id = "arm"
title = "Arm Ukraine"
status_quo = 40
proposal = 80
rule = "nato-consensus"
body = "NATO"
[issues.coding.position]
weights = { libdem = 1.0 }
[issues.coding.salience]
weights = { distance_moscow_km = -1.0 }
low = 0.3
high = 0.9
[issues.coding.capability]
indicator = "defence_usd"
fallback = "milex_usd"

[deterrence]
targets = ["EST", "MDA", "GEO"]
"""


def write_small(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path
