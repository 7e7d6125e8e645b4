"""Arms-export restrictions on Israel: the table equals its source file, the World's ordinal follows the
dated rows, and the shipped 2025 issue codes its positions from them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from redline.data import load_table, provenance
from redline.world import ISRAEL_MEASURE_LEVEL, World

ROOT = Path(__file__).resolve().parents[1]


def _rows(sources_dir):
    with open(sources_dir / "israel_arms_restrictions.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_table_equals_the_source_file_and_every_row_is_sourced(sources_dir):
    rows = _rows(sources_dir)
    table = load_table("israel_arms_restrictions")
    assert len(table) == len(rows) >= 10
    for i, r in enumerate(rows):
        got = table.iloc[i]
        assert got["iso3"] == r["iso3"] and str(got["date"]) == r["date"] and got["measure"] == r["measure"]
        assert got["source_url"] == r["source_url"] and r["source_url"].startswith("http")
    # the six allies the article names all have at least one row
    assert {"FRA", "GBR", "CAN", "BEL", "ITA", "ESP"} <= set(table["iso3"])
    assert provenance("israel_arms_restrictions").retrieved == "2026-12-03"


def _reference_level(rows, iso3: str, day: dt.date) -> int:
    best = 0
    for r in rows:
        if r["iso3"] == iso3 and dt.date.fromisoformat(r["date"]) <= day:
            best = max(best, ISRAEL_MEASURE_LEVEL[r["measure"]])
    return best


@pytest.mark.parametrize("day", ["2023-12-31", "2024-03-01", "2024-09-01", "2024-12-31", "2025-12-31"])
def test_world_level_is_the_strongest_measure_in_force(sources_dir, day):
    rows = _rows(sources_dir)
    w = World.for_date(day)
    for iso3 in ("ITA", "CAN", "GBR", "ESP", "TUR", "FRA", "DEU", "USA", "HUN"):
        assert w.actor(iso3).israel_arms_restriction == _reference_level(
            rows, iso3, dt.date.fromisoformat(day)
        )


def test_known_dates_bite():
    assert World.for_date("2024-09-01").actor("GBR").israel_arms_restriction == 0
    assert World.for_date("2024-09-02").actor("GBR").israel_arms_restriction == 2  # Lammy, 2 Sep 2024
    assert World.for_date("2025-09-22").actor("ESP").israel_arms_restriction == 0  # only the decree is a row
    assert World.for_date("2025-09-23").actor("ESP").israel_arms_restriction == 4


def test_nato_2025_issue_codes_positions_from_the_table():
    from redline.issues import build_issue, indicator_frame
    from redline.questions import world_of
    from redline.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "nato-2025.toml")
    spec = next(i for i in scenario.issues if i.id == "arms_exports_israel")
    world = world_of(scenario)
    indicators = indicator_frame(world, scenario.world)
    issue = build_issue(spec, indicators, world.members("EU"), ROOT / "scenarios")
    positions = dict(zip(issue.actors.actor, issue.actors.position, strict=True))
    # min-max over the issue's actors, levels 0..4 present: position = 25 x level
    for iso3, expected in {
        "ESP": 100,
        "TUR": 100,
        "ITA": 75,
        "DEU": 75,
        "CAN": 75,
        "BEL": 50,
        "GBR": 50,
        "NLD": 50,
        "FRA": 25,
        "HUN": 0,
        "USA": 0,
    }.items():
        assert positions[iso3] == pytest.approx(expected), iso3
    assert set(world.members("EU")) | {"GBR", "CAN", "TUR", "USA"} == set(positions)


def test_unsearched_states_are_flagged_as_assumed_not_found():
    """Review A4: a state nobody searched keeps position 0 (the decision model needs one) but is flagged
    as an ASSUMPTION in the World, the coding and the headlines, never shown as a finding."""
    from redline.adapters.issues import _assumed_words, _issue_questions
    from redline.issues import build_issue, indicator_frame
    from redline.questions import world_of
    from redline.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "nato-2025.toml")
    spec = next(i for i in scenario.issues if i.id == "arms_exports_israel")
    world = world_of(scenario)
    assert world.actor("IRL").israel_arms_searched == 0 and world.actor("ESP").israel_arms_searched == 1
    indicators = indicator_frame(world, scenario.world)
    issue = build_issue(spec, indicators, world.members("EU"), ROOT / "scenarios")
    coding = issue.coding.set_index("actor")
    assert "ASSUMPTION" in coding.loc["IRL", "assumption"] and coding.loc["IRL", "israel_arms_restriction"] == 0
    assert coding.loc["ESP", "assumption"] == "" and coding.loc["NLD", "assumption"] == ""
    out, _ = _issue_questions(issue, decisions=False, bargaining=False)
    searched = {"BEL", "DEU", "ESP", "FRA", "ITA", "NLD", "SVN"}
    assert world.actor("SVN").israel_arms_restriction == 4  # ban of 31 Jul 2025 (AFP)
    assert sorted(out["assumed"]["members"]) == sorted(set(world.members("EU")) - searched)
    assert out["assumed"]["others"] == ["USA"]
    words = _assumed_words({**out, "rule": "eu-unanimity"})
    n = len(out["assumed"]["members"])
    assert words == f" (positions of {n} EU members and USA not searched: assumed no restriction, an assumption)"
