"""The venue per issue, positions from dated statements, and the scenario decision stage in the venue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from redline.decisions.holdout import ADOPTED_WITH_OPT_OUTS, BLOCKED, HoldoutParams
from redline.decisions.venue import decide_in_venue, willing_outcome
from redline.errors import RedlineError
from redline.runner import execute, prepare
from redline.scenario import ScenarioError, Venue, load_scenario
from redline.statements import disagreement, load_statements

ROOT = Path(__file__).resolve().parents[1]
HEADER = "issue,actor,position,salience,date,speaker,source_title,url,summary\n"

HEAD = """[scenario]
name = "venue-test"

[world]
year = 2024

[run]
draws = 64
seed = 5

[models]
bargaining = false
deterrence = false
escalation = false
analytics = false

[[issues]]
id = "arm"
title = "Arm Ukraine"
status_quo = 40
proposal = 80
participants = ["UKR"]
[issues.coding.position]
weights = { ukraine_military_aid_pct_gdp = 0.5, libdem = 0.25, frontline = 0.25 }
[issues.coding.salience]
weights = { distance_moscow_km = -1.0 }
low = 0.3
high = 0.9
[issues.overrides.UKR]
position = 100
salience = 1.0
"""

STATEMENTS = (
    HEADER
    + "arm,USA,80,0.9,2024-04-24,President,Title,https://example.org/a,Signed the aid law.\n"
    + "arm,HUN,10,0.7,2024-06-12,Prime Minister,Title,https://example.org/b,No arms from us.\n"
)


def write(tmp_path: Path, venue: str, statements: str | None = STATEMENTS, decided: str = "2024-07-10") -> Path:
    text = HEAD + venue
    if statements is not None:
        (tmp_path / "st.csv").write_text(statements, encoding="utf-8")
        text += f'[issues.statements]\nfile = "st.csv"\ndecided = {decided}\n'
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


NATIONAL = '[issues.venue]\nkind = "national"\nrequired = 0.5\nreason = "each supplier decides"\n'


# ------------------------------------------------------------------------------------------ validation
def test_national_venue_without_required_takes_the_default_supply_rule(tmp_path):
    """Session 5: ``required`` is optional; without it the venue applies DEFAULT_SUPPLY."""
    path = write(tmp_path, '[issues.venue]\nkind = "national"\nreason = "each supplier decides"\n')
    scenario = load_scenario(path)
    assert scenario.issues[0].venue.required is None


def test_unknown_venue_kind_and_wrong_body_are_refused(tmp_path):
    with pytest.raises(ScenarioError, match=r"issues\[0\]\.venue\.kind"):
        load_scenario(write(tmp_path, '[issues.venue]\nkind = "un-security-council"\nreason = "x"\n'))
    with pytest.raises(ScenarioError, match=r"issues\[0\]\.venue\.kind.*body"):
        load_scenario(write(tmp_path, '[issues.venue]\nkind = "eu-unanimity"\nreason = "x"\n'))
    with pytest.raises(ScenarioError, match=r"issues\[0\]\.venue: expected no required"):
        load_scenario(write(tmp_path, '[issues.venue]\nkind = "nato-consensus"\nrequired = 0.5\nreason = "x"\n'))


def test_statement_after_the_decision_is_refused_with_file_line_and_field(tmp_path):
    path = write(tmp_path, NATIONAL, decided="2024-06-12")  # HUN spoke on the decision day
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert "issues[0].statements.file" in message
    assert f"{tmp_path / 'st.csv'}:3: date: expected a statement made before the decision (2024-06-12)" in message


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("arm,USA,180,0.9,2024-04-24,P,T,https://x.org,S\n", "position"),
        ("arm,USA,80,1.5,2024-04-24,P,T,https://x.org,S\n", "salience"),
        ("arm,USA,80,0.9,24 April 2024,P,T,https://x.org,S\n", "date"),
        ("arm,USA,80,0.9,2024-04-24,P,T,www.x.org,S\n", "url"),
        ("arm,usa,80,0.9,2024-04-24,P,T,https://x.org,S\n", "actor"),
        ("arm,USA,80,0.9,2024-04-24,P,T,https://x.org,\n", "summary"),
        ("arm,USA,80,0.9,2024-04-24,P,T,https://x.org\n", "row"),
    ],
)
def test_statement_loader_names_line_and_field(tmp_path, row, field):
    path = tmp_path / "st.csv"
    path.write_text("# a comment line\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(RedlineError, match=rf"^{path}:3: {field}: expected"):
        load_statements(path)


def test_statement_loader_reads_rows_and_refuses_duplicates(tmp_path):
    path = tmp_path / "st.csv"
    path.write_text(STATEMENTS, encoding="utf-8")
    rows = load_statements(path, dt.date(2024, 7, 10), issue="arm")
    assert [(r.actor, r.position, r.salience, r.date) for r in rows] == [
        ("USA", 80.0, 0.9, dt.date(2024, 4, 24)),
        ("HUN", 10.0, 0.7, dt.date(2024, 6, 12)),
    ]
    assert load_statements(path, issue="other") == []
    path.write_text(STATEMENTS + "arm,USA,70,0.5,2024-05-01,P,T,https://x.org,S\n", encoding="utf-8")
    with pytest.raises(RedlineError, match=r":4: actor: expected one statement per actor and issue \(USA on arm is on line 2\)"):
        load_statements(path)


def test_statement_for_an_actor_outside_the_issue_is_an_error(tmp_path):
    path = write(tmp_path, NATIONAL, STATEMENTS + "arm,RUS,0,0.9,2024-01-01,P,T,https://x.org,S\n")
    with pytest.raises(ScenarioError, match=r"st\.csv:4: actor: expected an actor of issue arm"):
        load_scenario(path)


# ------------------------------------------------------------------------------------------ disagreement
def test_disagreement_flags_side_and_gaps():
    # sq 40, proposal 80: the midpoint 60 separates who prefers the proposal
    assert disagreement(55, 0.5, 65, 0.5, 40, 80) == "side"
    assert disagreement(20, 0.5, 10, 0.6, 40, 80) == ""
    assert disagreement(61, 0.5, 95, 0.5, 40, 80) == "position +34"
    assert disagreement(30, 0.3, 80, 0.9, 40, 80) == "side; position +50; salience +0.60"
    assert disagreement(70, 0.9, 70, 0.5, 40, 80) == "salience -0.40"


def test_statement_coding_replaces_the_data_coding_and_keeps_it_beside(tmp_path):
    from redline.adapters import world_of
    from redline.issues import build_issue, indicator_frame

    scenario = load_scenario(write(tmp_path, NATIONAL))
    world = world_of(scenario)
    indicators = indicator_frame(world, scenario.world)
    voters = [a for a in world.members("NATO") if a in indicators.index]
    issue = build_issue(scenario.issues[0], indicators, voters, tmp_path)
    coding = issue.coding.set_index("actor")
    assert coding.loc["USA", "position"] == 80 and coding.loc["USA", "salience"] == 0.9
    assert coding.loc["USA", "basis"] == "statement 2024-04-24"
    assert coding.loc["HUN", "position"] == 10
    # everyone else keeps the data coding, which stays in position_data for all
    data_only = coding[coding["basis"] == "data (no statement found)"]
    assert len(data_only) == len(coding) - 2
    data_only = data_only.drop(index="UKR")  # its override wins over both codings
    assert (data_only["position"] == data_only["position_data"]).all()
    expected = disagreement(
        coding.loc["USA", "position_data"], coding.loc["USA", "salience_data"], 80, 0.9, 40, 80
    )
    assert coding.loc["USA", "disagreement"] == expected
    table = dict(zip(issue.actors.actor, issue.actors.position, strict=True))
    assert table["USA"] == 80 and table["HUN"] == 10 and table["UKR"] == 100  # override still wins


# ------------------------------------------------------------------------------------------ the venue stage
def test_willing_outcome_hand_checked():
    # sq 40, p 80: A (90) prefers p, B (50) and C (10) prefer the status quo
    x = np.array([[90.0, 50.0, 10.0]])
    cap = np.array([6.0, 3.0, 1.0])
    member = np.array([True, True, True])
    half = willing_outcome(x, cap, member, 40, 80, required=0.5)
    assert half.outcome.tolist() == [ADOPTED_WITH_OPT_OUTS]  # A brings 60% >= 50%; B, C stay out
    assert half.action.tolist() == [[0, 2, 2]]
    assert willing_outcome(x, cap, member, 40, 80, required=0.7).outcome.tolist() == [BLOCKED]
    # a non-member neither joins nor counts
    assert willing_outcome(x, cap, np.array([False, True, True]), 40, 80, 0.0).outcome.tolist() == [BLOCKED]


def test_consensus_venue_hand_checked_opt_out_versus_block():
    """Three allies, sq 0, p 100, threshold 50; C at 20 with salience 0.5 loses
    L = 0.5 (|100-20| - |0-20|) / 100 = 0.3 and is alone (iota = 1). With kappa 0.2, omega 0.25, no
    offer: concede -0.3, opt out -0.075, block -0.2. It opts out when it may; else it blocks and cuts
    the proposal to its bound 20 + 20 = 40 < 50."""
    x = np.array([[90.0, 90.0, 20.0]])
    s = np.full((1, 3), 0.5)
    cap = np.ones((1, 3))
    member = np.ones(3, bool)
    params = HoldoutParams(isolation_cost=0.2, offer=0.15, opt_out_residual=0.25, route_around=0.0)
    flexible = Venue(kind="nato-consensus", opt_out_possible=True, reason="x")
    rigid = Venue(kind="nato-consensus", reason="x")
    out = decide_in_venue(flexible, x, s, cap, member, 0, 100, 50, params=params)
    assert out.outcome.tolist() == [ADOPTED_WITH_OPT_OUTS] and out.action.tolist() == [[0, 0, 2]]
    out = decide_in_venue(rigid, x, s, cap, member, 0, 100, 50, params=params)
    assert out.outcome.tolist() == [BLOCKED] and out.action.tolist() == [[0, 0, 4]]
    # mirrored scale (the proposal below the status quo) gives the same answer
    out = decide_in_venue(rigid, 100 - x, s, cap, member, 100, 0, 50, params=params)
    assert out.outcome.tolist() == [BLOCKED]


def test_scenario_stage_outcome_probabilities_sum_to_one(tmp_path):
    path = write(tmp_path, NATIONAL)
    plan = prepare(load_scenario(path), draws=64, source=path)
    result = execute(plan, keep_draws=True)
    draws = result.draws
    types = ["adopted", "adopted_with_opt_outs", "delayed", "blocked"]
    total = sum(draws[f"issue.arm.outcome.{t}"] for t in types)
    assert np.array_equal(total, np.ones(64))
    adopted = draws["issue.arm.outcome.adopted"] + draws["issue.arm.outcome.adopted_with_opt_outs"]
    assert np.array_equal(draws["issue.arm.adopted"], adopted)
    assert not draws["issue.arm.outcome.delayed"].any()  # nobody holds a veto in a national venue
    issue = next(i for i in result.summary["issues"] if i["id"] == "arm")
    assert issue["venue"]["kind"] == "national" and issue["venue"]["statements"]["coded"] == 2
    assert "HUN" in issue["venue"]["coded_actions"]["opt_out"]  # Hungary stays out at its statement
    head = next(h for h in result.summary["headlines"] if h["key"] == "issue.arm.adopted")
    assert "decided by national decisions of each supplier" in head["answer"]
    assert "2 of" in head["answer"] and "dated statements" in head["answer"]


def test_shipped_scenarios_state_a_venue_and_statements_for_every_ukraine_issue():
    for name in ("nato-2024", "nato-2025"):
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        for issue in scenario.issues:
            assert issue.venue is not None and issue.venue.reason, (name, issue.id)
            if issue.id != "arms_exports_israel":
                assert issue.statements is not None, (name, issue.id)
        kinds = {i.id: i.venue.kind for i in scenario.issues}
        assert kinds["arm_ukraine"] == kinds["lift_restrictions"] == "national"
        assert kinds["joint_air_defence"] == "coalition"
        assert kinds["invite_ukraine"] == kinds["spending_3_5"] == "nato-consensus"


def test_editing_the_statements_file_changes_the_scenario_hash(tmp_path):
    from redline.scenario import input_files, scenario_hash

    path = write(tmp_path, NATIONAL)
    before = load_scenario(path)
    assert input_files(before)["issues[0].statements.file"].resolve() == (tmp_path / "st.csv").resolve()
    hashed = scenario_hash(before)
    csv = tmp_path / "st.csv"
    csv.write_text(csv.read_text().replace("arm,HUN,10,", "arm,HUN,15,"), encoding="utf-8")
    assert scenario_hash(load_scenario(path)) != hashed


def _headline_for(coded: int, actors: int) -> str:
    from redline.adapters.issues import _venue_headline

    issue = {
        "id": "spending",
        "title": "Spending target",
        "mc_adopted": {"mean": 0.9, "lo": 0.85, "hi": 0.95},
        "mc_outcome": {"adopted_with_opt_outs": {"mean": 0.9}, "blocked": {"mean": 0.1}},
        "venue": {
            "kind": "consensus",
            "words": "NATO consensus",
            "given": True,
            "coded_outcome": "adopted_with_opt_outs",
            "coded_actions": {"opt_out": ["ESP"]},
            "statements": {"coded": coded, "actors": actors, "disagreements": {}},
        },
    }
    return _venue_headline(issue)["answer"]


def test_headline_says_all_actors_when_every_position_is_from_statements():
    assert "positions of all 32 actors from dated statements" in _headline_for(32, 32)
    assert "the rest from the data" not in _headline_for(32, 32)
    assert "positions of 5 of 32 actors from dated statements, the rest from the data" in _headline_for(5, 32)


# ------------------------------------------------------------------- the data coding against the statements
def test_data_gap_and_its_words():
    from redline.statements import data_gap, gap_text

    assert data_gap([], [], 5) is None and gap_text(None) == ""
    gap = data_gap([80, 65, 10], [30, 25, 20], 17)  # +50, +40, -10
    assert (gap["n"], gap["min"], gap["max"], gap["above"], gap["data_only"]) == (3, -10, 50, 2, 17)
    assert gap["mean"] == pytest.approx(80 / 3)
    words = gap_text(gap)
    assert "sit on average 27 points above the data coding (range -10 to +50) for the 3 actors" in words
    assert words.endswith("the 17 actors coded from data alone may be coded too low")
    low = gap_text(data_gap([10, 20, 15], [40, 40, 40], 4))
    assert "25 points below" in low and low.endswith("may be coded too high")
    # a small average bias is stated, with no warning; none when no actor is data-only, or from one statement
    assert "too" not in gap_text(data_gap([50, 30, 40], [40, 35, 40], 9))
    assert "too" not in gap_text(data_gap([80], [30], 0))
    one = gap_text(data_gap([15], [40.4], 32))
    assert "too" not in one and one.endswith("(range -25 to -25) for the 1 actor that has both")
    assert "(range +0 to +52)" in gap_text(data_gap([79.6, 80], [80, 28], 1))  # never "-0"


def _arm_ukraine_national(**venue: object) -> dict:
    """A summarised arming issue decided nationally, SWE coded as not among the willing (``venue``: extra keys)."""
    return {
        "id": "arm",
        "title": "Arm Ukraine",
        "status_quo": 40,
        "proposal": 80,
        "rule": "nato-consensus",
        "pass_threshold": 0.5,
        "mc_adopted": {"mean": 0.9, "lo": 0.85, "hi": 0.95, "n": 64},
        "mc_outcome": {
            "adopted_with_opt_outs": {"mean": 0.9, "lo": 0.85, "hi": 0.95, "n": 64},
            "blocked": {"mean": 0.1, "lo": 0.05, "hi": 0.15, "n": 64},
        },
        "venue": {
            "kind": "national",
            "words": "national decisions",
            "given": True,
            "coded_outcome": "adopted_with_opt_outs",
            "coded_actions": {"opt_out": ["SWE"]},
            **venue,
        },
    }


def test_headline_and_report_say_the_data_coding_sits_below_the_statements():
    from redline.adapters.issues import _venue_headline
    from redline.report.issues import _venue_block
    from redline.statements import data_gap

    gap = data_gap([80, 75, 70], [30, 40, 35], 12)
    issue = _arm_ukraine_national(
        statements={"coded": 3, "actors": 15, "disagreements": {"DEU": "side"}, "data_gap": gap}
    )
    said = "the 12 actors coded from data alone may be coded too low"
    assert said in _venue_headline(issue)["answer"]
    assert said in "".join(_venue_block(issue))


def test_nato_2024_arm_ukraine_states_the_bias_of_the_data_coding():
    from redline.adapters.base import world_of
    from redline.scenario.runnable import coded_issues

    scenario = load_scenario(ROOT / "scenarios" / "nato-2024.toml")
    _, issues = coded_issues(scenario, world_of(scenario), ROOT / "scenarios")
    coding = next(i for i in issues if i.id == "arm_ukraine").coding.set_index("actor")
    # Sweden: a dated statement (Kristersson, 29 May 2024), no longer the data coding's 52.55
    assert coding.loc["SWE", "basis"].startswith("statement") and coding.loc["SWE", "position"] == 80


def test_not_among_the_willing_reads_as_not_backing_the_proposal():
    """Red team B2: "stay out" on a national (arming) decision read as "does not arm Ukraine"; the model
    means only that the member is no nearer the proposal than the status quo. A veto venue's opt-out
    (the holdout model's choice not to block) still reads "stay out"."""
    from redline.adapters.issues import _venue_headline
    from redline.decisions.venue import opt_out_words
    from redline.report.issues import _venue_block

    issue = _arm_ukraine_national()
    said = "would not back the proposal (80 on 0–100; coded no nearer it than the status quo 40): SWE"
    assert said in _venue_headline(issue)["answer"]
    assert said in "".join(_venue_block(issue))
    assert "stay out" not in _venue_headline(issue)["answer"] + "".join(_venue_block(issue))
    assert opt_out_words("nato-consensus", 40, 80) == "stay out"
