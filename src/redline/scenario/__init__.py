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

import hashlib
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from redline.scenario.checks import _semantic_problems
from redline.scenario.errors import ScenarioError
from redline.scenario.inputs import (
    case_path,
    escalation_fit_of,
    input_files,
    issue_case,
    ladder_of,
    record_cutoff,
    scenario_hash,
)
from redline.scenario.messages import Locator, _clean_loc, _describe, _path
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
    Statements,
    Venue,
    WorldSpec,
)

__all__ = [
    "BUILTIN_LEVERS",
    "Statements",
    "Venue",
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
    "check_scenario",
    "escalation_fit_of",
    "input_files",
    "issue_case",
    "ladder_of",
    "load_scenario",
    "parse_scenario",
    "record_cutoff",
    "scenario_hash",
]


MAX_DEPTH = 64
"""Deepest nesting of tables and arrays a scenario may have (the deepest real one is 6)."""

MAX_MAGNITUDE = 1e15
"""Largest magnitude of a number in a scenario: above every real figure (world GDP is about 1e14 USD),
far enough below the float limit (1.8e308) that no sum, square or product of inputs overflows."""
"""Deepest nesting of tables and arrays a scenario may have (the deepest real one is 6)."""


def parse_scenario(text: str, source: str = "<scenario>", check_data: bool = True) -> Scenario:
    """Parse and validate scenario TOML ``text``; ``source`` names the file in messages.

    With ``check_data`` (the default) the scenario is also checked against the data and the models'
    own rules (:mod:`redline.scenario.runnable`): the same checks a run makes before any work, so
    whatever ``redline run`` would refuse, ``redline validate`` refuses first.
    """
    raw = _read_toml(text, source)
    locator = Locator(text)

    def where(loc: tuple[Any, ...]) -> str:
        line = locator.line(loc)
        return f"{source}:{line}" if line else source

    huge = _huge_numbers(raw)
    problems = [
        f"{where(loc)}: {_path(loc)}: expected a number within ±{MAX_MAGNITUDE:g} (larger ones overflow "
        f"the models' sums and products); found {value!r}"
        for loc, value in huge
    ]
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        seen = {loc for loc, _ in huge}
        for error in exc.errors():
            loc = _clean_loc(tuple(error["loc"]))
            if loc in seen:  # a union (float | str | list) fails once per member: say it once
                continue
            seen.add(loc)
            expected, found = _describe(error)
            problems.append(f"{where(loc)}: {_path(loc)}: expected {expected}; found {found}")
        raise ScenarioError(problems) from None
    if problems:
        raise ScenarioError(problems)
    found_problems = _semantic_problems(scenario, check_data, Path(source).parent)
    if check_data and not found_problems:
        from redline.scenario.runnable import runnable_problems

        found_problems = runnable_problems(scenario, Path(source).parent)
    problems = [
        f"{where(loc)}: {path}: expected {expected}; found {found}"
        for path, loc, expected, found in found_problems
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
    if check_data:
        scenario._checked = _fingerprint(scenario)
    return scenario


def _fingerprint(scenario: Scenario) -> str:
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()


def check_scenario(scenario: Scenario, base_dir: Path | None = None, source: str = "") -> None:
    """Make the checks of :func:`parse_scenario` on a scenario built in Python (the API path).

    A ``Scenario(...)`` built by hand passed the schema (types, ranges, NaN/inf) but not the file
    checks: numbers beyond ±:data:`MAX_MAGNITUDE`, the cross-field checks and the data checks of
    :mod:`redline.scenario.runnable`. :func:`redline.runner.prepare` calls this, so the API refuses
    what ``redline validate`` refuses, with the same messages (without file lines). A scenario that
    came from :func:`parse_scenario` unchanged is not checked twice (its content fingerprint).
    """
    if scenario._checked and scenario._checked == _fingerprint(scenario):
        return
    if base_dir is None:
        base_dir = scenario._base_dir if scenario._base_dir is not None else Path()
    where = f"{source}: " if source else ""
    problems = [
        f"{where}{_path(loc)}: expected a number within ±{MAX_MAGNITUDE:g} (larger ones overflow the models' "
        f"sums and products); found {value!r}"
        for loc, value in _huge_numbers(scenario.model_dump(mode="python"))
    ]
    if not problems:
        from redline.scenario.runnable import runnable_problems

        found = _semantic_problems(scenario, True, base_dir) or runnable_problems(scenario, base_dir)
        problems = [f"{where}{path}: expected {expected}; found {found}" for path, _loc, expected, found in found]
    if problems:
        raise ScenarioError(problems)
    scenario._checked = _fingerprint(scenario)


def _read_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML document, or one located error; nesting deeper than :data:`MAX_DEPTH` is refused
    before tomllib reads it (dotted keys thousands deep take tomllib minutes, arrays recurse)."""
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        key = stripped if stripped.startswith("[") else stripped.partition("=")[0]
        if key.count(".") + key.count("[") + key.count("{") > MAX_DEPTH:
            raise ScenarioError([f"{source}:{n}: expected tables nested at most {MAX_DEPTH} deep; found deeper"])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{source}:{match.group(1)}" if match else source
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        col = f" (column {match.group(2)})" if match else ""
        raise ScenarioError([f"{where}: TOML syntax error{col}: {reason}"]) from None
    except RecursionError:
        raise ScenarioError([f"{source}: expected arrays and tables nested at most {MAX_DEPTH} deep; found deeper"]) from None
    if _depth(raw) > MAX_DEPTH:
        raise ScenarioError([f"{source}: expected arrays and tables nested at most {MAX_DEPTH} deep; found deeper"])
    return raw


def _huge_numbers(raw: dict[str, Any]) -> list[tuple[tuple[Any, ...], float]]:
    """Every finite float of the document larger in magnitude than :data:`MAX_MAGNITUDE`, with its
    location (NaN and inf are the schema's: "expected a finite number")."""
    found, stack = [], [((), raw)]
    while stack:
        loc, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((loc + (k,), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(item))
        elif isinstance(item, float) and math.isfinite(item) and abs(item) > MAX_MAGNITUDE:
            found.append((loc, item))
    return sorted(found, key=lambda pair: str(pair[0]))


def _depth(value: Any) -> int:
    """Nesting depth of a parsed TOML value, without recursion (so any depth is measured)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


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
