"""Scenario files: one TOML file poses the question, every model reads its part of the answer.

A scenario declares the world (year or date, indicator overrides, extra actors), the issues (scale,
status quo, proposal, decision rule, the coding that derives positions, salience and capability from
the data, per-actor overrides), the models to run, the uncertainty on the inputs, the levers to compare,
the number of draws and the seed. ``scenarios/template.toml`` documents every field.

Loading is strict: an unknown field, a wrong type, an out-of-range value, an unknown ISO3 code, rule
or lever, an impossible distribution or a TOML syntax error each give one line naming the file, the
TOML line (where it can be found), the field path, what was expected and what was found. All problems
of a file are reported together in one :class:`ScenarioError` (a :class:`~redline.errors.RedlineError`).

The package is split so a reader can hold each part in mind: :mod:`~redline.scenario.schema` (the
fields), :mod:`~redline.scenario.messages` (located one-line errors), :mod:`~redline.scenario.checks`
(cross-field and cross-family checks), :mod:`~redline.scenario.inputs` (files a scenario names and the
hash over all of them). This module reads a file through all of them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from redline.scenario.checks import _semantic_problems
from redline.scenario.errors import ScenarioError
from redline.scenario.inputs import (
    case_path,
    escalation_fit_of,
    input_files,
    issue_case,
    ladder_of,
    scenario_hash,
)
from redline.scenario.messages import _clean_loc, _describe, _find_line, _path
from redline.scenario.schema import (
    BUILTIN_LEVERS,
    CASE_EXCLUSIVE,
    DECISION_RULES,
    DETERRENCE_INPUT,
    INDICATORS,
    ActorOverride,
    Analytics,
    CapabilityCoding,
    Coding,
    Deterrence,
    Distribution,
    Escalation,
    ExtraActor,
    IssueSpec,
    IssueUncertainty,
    Levers,
    LeverSpec,
    LinearCoding,
    Models,
    Restraint,
    RunSettings,
    Scenario,
    ScenarioMeta,
    WorldSpec,
)

__all__ = [
    "BUILTIN_LEVERS",
    "ActorOverride",
    "ExtraActor",
    "Restraint",
    "ScenarioMeta",
    "CASE_EXCLUSIVE",
    "DECISION_RULES",
    "DETERRENCE_INPUT",
    "INDICATORS",
    "Analytics",
    "CapabilityCoding",
    "Coding",
    "Deterrence",
    "Distribution",
    "Escalation",
    "IssueSpec",
    "IssueUncertainty",
    "LeverSpec",
    "Levers",
    "LinearCoding",
    "Models",
    "RunSettings",
    "Scenario",
    "ScenarioError",
    "WorldSpec",
    "case_path",
    "escalation_fit_of",
    "input_files",
    "issue_case",
    "ladder_of",
    "load_scenario",
    "parse_scenario",
    "scenario_hash",
]


def parse_scenario(text: str, source: str = "<scenario>", check_data: bool = True) -> Scenario:
    """Parse and validate scenario TOML ``text``; ``source`` names the file in messages."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{source}:{match.group(1)}" if match else source
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        col = f" (column {match.group(2)})" if match else ""
        raise ScenarioError([f"{where}: TOML syntax error{col}: {reason}"]) from None
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = _clean_loc(tuple(error["loc"]))
            line = _find_line(text, loc)
            where = f"{source}:{line}" if line else source
            expected, found = _describe(error)
            problems.append(f"{where}: {_path(loc)}: expected {expected}; found {found}")
        raise ScenarioError(problems) from None
    problems = [
        f"{source}:{line}: {path}: expected {expected}; found {found}"
        if line
        else f"{source}: {path}: expected {expected}; found {found}"
        for path, loc, expected, found in _semantic_problems(scenario, check_data, Path(source).parent)
        for line in [_find_line(text, loc)]
    ]
    if problems:
        raise ScenarioError(problems)
    if any(issue.case is not None and issue.title is None for issue in scenario.issues):
        issues = [
            issue.model_copy(update={"title": issue._case.title})
            if issue.case is not None and issue.title is None
            else issue
            for issue in scenario.issues
        ]
        scenario = scenario.model_copy(update={"issues": issues})
    scenario._base_dir = Path(source).parent
    return scenario


def load_scenario(path: str | Path, check_data: bool = True) -> Scenario:
    """Read and validate a scenario file; every problem is reported in one :class:`ScenarioError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: cannot read the file ({exc})"]) from None
    return parse_scenario(text, source=str(path), check_data=check_data)
