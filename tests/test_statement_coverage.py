"""The shipped statement files: which actors they code, that the docs say so, and the date rule per issue."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from redline.errors import RedlineError
from redline.statements import load_statements

ROOT = Path(__file__).resolve().parents[1]
HEADER = "issue,actor,position,salience,date,speaker,source_title,url,summary\n"

# Statement-coded actors per shipped issue (docs/scenarios.md, "What the shipped files hold"). A row
# removed or refused makes this fail; a row added means updating the docs and this table together.
CODED = {
    "nato-2024": {
        "arm_ukraine": {
            "USA", "HUN", "SVK", "GBR", "DEU", "FRA", "ROU", "ESP", "ITA", "CAN", "BEL", "CZE",
            "NLD", "NOR", "DNK", "POL", "SWE",
        },
        "lift_restrictions": {
            "USA", "FRA", "DEU", "ITA", "FIN", "CAN", "GBR", "SWE", "CZE", "EST", "LVA", "LTU",
            "POL", "NLD", "DNK", "BEL", "HUN", "NOR", "ESP",
        },
        "joint_air_defence": {"POL", "USA", "GBR", "DEU"},
        "invite_ukraine": {"USA", "SVK", "POL", "DEU", "FRA", "EST", "LTU", "LVA"},
        "spending_3_5": {"POL", "GBR", "DEU", "LTU", "CAN"},
    },
    "nato-2025": {
        "spending_3_5": {
            "ESP", "DEU", "USA", "ITA", "GBR", "SWE", "EST", "LVA", "LTU", "POL", "NLD", "NOR", "DNK", "FRA",
            "CAN", "BEL", "SVK", "PRT", "HRV", "SVN", "CZE", "TUR", "LUX", "BGR", "MKD", "ISL",
            "ROU", "FIN", "GRC", "HUN", "ALB", "MNE",
        },
        "invite_ukraine": {"USA", "SVK", "DEU", "GBR", "POL"},
        "lift_restrictions": {"DEU", "ITA"},
        "joint_air_defence": {"POL"},
        "arm_ukraine": {"DEU", "USA", "GBR", "SWE", "NLD"},
    },
}


def shipped_issues(name: str) -> list[tuple[str, Path, dt.date]]:
    """(issue id, statements file, decision date) of each issue of a shipped scenario with statements."""
    path = ROOT / "scenarios" / f"{name}.toml"
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        (issue["id"], path.parent / issue["statements"]["file"], issue["statements"]["decided"])
        for issue in spec["issues"]
        if "statements" in issue
    ]


@pytest.mark.parametrize("name", sorted(CODED))
def test_shipped_files_code_the_documented_actors_before_each_decision(name):
    issues = shipped_issues(name)
    assert {issue for issue, _, _ in issues} >= set(CODED[name])
    for issue, path, decided in issues:
        rows = load_statements(path, decided, issue=issue)  # refuses a row dated on or after `decided`
        assert {r.actor for r in rows} == CODED[name].get(issue, set()), (name, issue)
        for r in rows:
            assert r.date < decided and r.summary != r.source_title, (name, issue, r.actor)


@pytest.mark.parametrize("name", sorted(CODED))
def test_docs_state_how_many_statements_each_shipped_file_holds(name):
    """docs/scenarios.md gives the row count of each file; it must match the file."""
    text = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    section = text.split("**What the shipped files hold**", 1)[1].split("\n## ", 1)[0]
    stated = re.search(rf"(\d+) statements for {name}\b", section)
    assert stated, f"docs/scenarios.md does not state the statement count of {name}"
    rows = load_statements(ROOT / "scenarios" / "statements" / f"{name}.csv")
    assert int(stated.group(1)) == len(rows) == sum(len(v) for v in CODED[name].values())


def test_a_decision_date_bounds_only_the_rows_of_its_own_issue(tmp_path):
    """One file holds issues decided on different dates: a row of the later issue may postdate the earlier."""
    path = tmp_path / "st.csv"
    path.write_text(
        HEADER
        + "early,USA,80,0.9,2024-04-24,P,T,https://x.org,S\n"
        + "late,USA,10,0.7,2024-09-06,P,T,https://x.org,S\n",
        encoding="utf-8",
    )
    assert [r.actor for r in load_statements(path, dt.date(2024, 7, 10), issue="early")] == ["USA"]
    assert [r.date for r in load_statements(path, dt.date(2024, 11, 17), issue="late")] == [dt.date(2024, 9, 6)]
    with pytest.raises(RedlineError, match=r"st\.csv:3: date: expected a statement made before the decision \(2024-09-01\)"):
        load_statements(path, dt.date(2024, 9, 1), issue="late")
    with pytest.raises(RedlineError, match=r"st\.csv:3: date"):  # no issue named: every row is bounded
        load_statements(path, dt.date(2024, 7, 10))
