"""The scenario's burden section is ``redline burden``: the same computation, the same numbers."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from redline.adapters.analytics import AnalyticsAdapter
from redline.adapters.base import BuildContext, world_of
from redline.cli import app
from redline.scenario import load_scenario
from redline.serialize import to_jsonable

SCENARIO = """
[scenario]
name = "burden-agree"
[world]
year = 2024
[run]
draws = 16
seed = 5
[models]
decisions = false
bargaining = false
deterrence = false
escalation = false
[analytics]
claims = false
plots = ["burden"]
"""


def test_scenario_burden_section_is_the_burden_command(tmp_path):
    path = tmp_path / "burden.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario(path)
    world = world_of(scenario)
    part = AnalyticsAdapter().build(BuildContext(scenario, world, tmp_path, draws=16, seed=5))
    section = to_jsonable(part.exact["analytics"]["burden"])
    result = CliRunner().invoke(app, ["burden", "--year", "2024", "--seed", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    assert section["table"] == cli["members"]  # every column of every member, exactly
    for key in ("olson_zeckhauser", "frontline_vs_others", "nato_total_current_usd_millions"):
        assert section[key] == cli[key], key
    for key in ("defence_release", "gdp", "missing_gdp_or_burden", "snapshot"):
        assert section["meta"][key] == cli[key], key
    front = {row["iso3"] for row in section["table"] if row["frontline"]}
    assert front == set(section["frontline"]) & {row["iso3"] for row in section["table"]}
    assert {"POL", "EST", "LVA", "LTU", "FIN"} <= front
