"""A run codes its issues and fits its ladder once: validation's work is the run's.

``redline run`` validates the scenario (which codes every issue and fits the escalation ladder) and
then prepares the run. The run reads validation's coded issues (:func:`redline.scenario.runnable.
coded_issues`) and its cached fit (the same record cut-off), so both are computed once, and what the
run reads is what validation checked. The statement coding, written column by column, is checked
against the plain cell-by-cell reference.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import redline.issues as issues_module
import redline.scenario.inputs as inputs_module
import redline.scenario.runnable as runnable
from redline.errors import RedlineError
from redline.issues import build_issue, indicator_frame
from redline.runner import prepare
from redline.scenario import load_scenario
from redline.statements import disagreement, load_statements

ROOT = Path(__file__).resolve().parents[1]
NATO = ROOT / "scenarios" / "nato-2024.toml"


def _counted(monkeypatch, module, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture
def cold(tmp_path, monkeypatch):
    """An empty answer cache and no coding kept from an earlier test."""
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(runnable, "_CODED", OrderedDict())


def test_validate_then_run_codes_each_issue_and_fits_the_ladder_once(cold, monkeypatch):
    codings = _counted(monkeypatch, issues_module, "build_issue")
    fits = _counted(monkeypatch, inputs_module, "_fit")
    scenario = load_scenario(NATO)
    assert codings[0] == len(scenario.issues) == 5 and fits[0] == 1  # validation did the work
    plan = prepare(scenario, draws=64, source=str(NATO))
    assert codings[0] == 5 and fits[0] == 1  # the run did not do it again
    validated = runnable.coded_issues(scenario, runnable.world_for(scenario.world), NATO.parent)[1]
    assert [i is j for i, j in zip(plan.context["issues"], validated, strict=True)] == [True] * 5


def test_the_shared_coding_is_the_coding_a_fresh_build_gives(cold):
    scenario = load_scenario(NATO)
    world = runnable.world_for(scenario.world)
    indicators, shared = runnable.coded_issues(scenario, world, NATO.parent)
    pd.testing.assert_frame_equal(indicators, indicator_frame(world, scenario.world))
    for spec, issue in zip(scenario.issues, shared, strict=True):
        voters = [a for a in world.members(spec.body) if a in indicators.index]
        fresh = build_issue(spec, indicators, voters, NATO.parent)
        pd.testing.assert_frame_equal(issue.actors.to_frame(), fresh.actors.to_frame(), check_exact=True)
        pd.testing.assert_frame_equal(issue.coding, fresh.coding, check_exact=True)


def test_an_edited_issue_or_statement_file_is_coded_again(cold, tmp_path):
    scenario = load_scenario(NATO)
    world = runnable.world_for(scenario.world)
    first = runnable.coded_issues(scenario, world, NATO.parent)[1]
    assert runnable.coded_issues(scenario, world, NATO.parent)[1] is first
    edited = scenario.issues[0].model_copy(update={"status_quo": 41.0})
    moved = scenario.model_copy(update={"issues": [edited, *scenario.issues[1:]]})
    assert runnable.coded_issues(moved, world, NATO.parent)[1] is not first
    copy = tmp_path / "scenario"
    (copy / "statements").mkdir(parents=True)
    text = (NATO.parent / "statements" / "nato-2024.csv").read_text(encoding="utf-8")
    (copy / "statements" / "nato-2024.csv").write_text(text, encoding="utf-8")
    there = runnable.coded_issues(scenario, world, copy)[1]
    assert there is not first
    assert runnable.coded_issues(scenario, world, copy)[1] is there
    (copy / "statements" / "nato-2024.csv").write_text(text + "\n", encoding="utf-8")
    assert runnable.coded_issues(scenario, world, copy)[1] is not there


def test_a_refused_issue_is_reported_by_validation_and_raised_by_the_run(cold):
    scenario = load_scenario(NATO)
    world = runnable.world_for(scenario.world)
    refused = scenario.issues[1].model_copy(update={"participants": ["ZZZ"]})
    broken = scenario.model_copy(update={"issues": [scenario.issues[0], refused, *scenario.issues[2:]]})
    coded = runnable.coded_issues(broken, world, NATO.parent)[1]
    assert isinstance(coded[1], RedlineError) and "ZZZ" in str(coded[1])
    problems = runnable._issue_problems(broken, world, NATO.parent)
    assert [p[1] for p in problems] == [("issues", 1)]


def _reference_statements(spec, coding, position, salience, base_dir) -> None:
    """The statement coding cell by cell (what build_issue did before it wrote whole columns)."""
    statements = load_statements(base_dir / spec.statements.file, spec.statements.decided, issue=spec.id)
    coding["position_data"], coding["salience_data"] = position.copy(), salience.copy()
    coding["basis"] = "data (no statement found)"
    for name in ("position_statement", "salience_statement"):
        coding[name] = np.nan
    for name in ("statement_date", "statement_source", "disagreement"):
        coding[name] = ""
    for st in statements:
        coding.loc[st.actor, "position_statement"] = st.position
        coding.loc[st.actor, "salience_statement"] = st.salience
        coding.loc[st.actor, "statement_date"] = st.date.isoformat()
        flag = f" [{st.source_quality}]" if st.source_quality else ""
        coding.loc[st.actor, "statement_source"] = f"{st.speaker}, {st.source_title} <{st.url}>{flag}"
        coding.loc[st.actor, "basis"] = f"statement {st.date.isoformat()}"
        coding.loc[st.actor, "disagreement"] = disagreement(
            float(position[st.actor]),
            float(salience[st.actor]),
            st.position,
            st.salience,
            spec.status_quo,
            spec.proposal,
        )
        position[st.actor], salience[st.actor] = st.position, st.salience


def test_the_statement_coding_matches_the_cell_by_cell_reference(cold):
    scenario = load_scenario(NATO)
    world = runnable.world_for(scenario.world)
    indicators = indicator_frame(world, scenario.world)
    checked = 0
    for spec in scenario.issues:
        if spec.statements is None:
            continue
        names = list(
            dict.fromkeys(
                [*[a for a in world.members(spec.body) if a in indicators.index], *spec.participants]
            )
        )
        frame = indicators.loc[names]
        position, _ = issues_module.code_linear(frame, spec.coding.position)
        salience, _ = issues_module.code_linear(frame, spec.coding.salience)
        coding = frame.copy()
        ours = (coding.copy(), position.copy(), salience.copy())
        theirs = (coding.copy(), position.copy(), salience.copy())
        issues_module._apply_statements(spec, *ours, NATO.parent)
        _reference_statements(spec, *theirs, NATO.parent)
        pd.testing.assert_frame_equal(ours[0], theirs[0], check_exact=True)
        pd.testing.assert_series_equal(ours[1], theirs[1], check_exact=True)
        pd.testing.assert_series_equal(ours[2], theirs[2], check_exact=True)
        assert (ours[0]["basis"] != "data (no statement found)").sum() > 0
        checked += 1
    assert checked == 5
