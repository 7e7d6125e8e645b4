"""Form edits to a scenario, applied to its TOML and validated by the same schema as the CLI's.

The dashboard never builds a :class:`~redline.scenario.Scenario` any other way: it takes the
scenario's TOML text, applies the user's edits to the parsed table, writes TOML again and parses that
with :func:`redline.scenario.parse_scenario`, so a problem reads exactly as ``redline validate`` says
it (``file:line: field: expected …; found …``).
"""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, Field

from redline.errors import RedlineError

__all__ = ["ActorEdit", "IssueEdit", "ScenarioEdits", "apply_edits", "file_references"]

REASON = "set in the dashboard"


class ActorEdit(BaseModel):
    """An actor's position (0–100) and salience (0–1) on one issue."""

    model_config = ConfigDict(extra="forbid")
    position: float | None = Field(default=None, ge=0, le=100)
    salience: float | None = Field(default=None, ge=0, le=1)


class IssueEdit(BaseModel):
    """The decision venue of one issue and per-actor positions and salience."""

    model_config = ConfigDict(extra="forbid")
    rule: str | None = Field(default=None, max_length=40)
    actors: dict[str, ActorEdit] = Field(default_factory=dict, max_length=100)


class ScenarioEdits(BaseModel):
    """What the dashboard's forms can change; everything else stays as in the scenario file."""

    model_config = ConfigDict(extra="forbid")
    levers: list[str] | None = Field(default=None, max_length=20)
    deterrence_params: dict[str, float] = Field(default_factory=dict, max_length=40)
    willingness: dict[str, float] = Field(default_factory=dict, max_length=60)
    issues: dict[str, IssueEdit] = Field(default_factory=dict, max_length=20)


def file_references(table: dict[str, Any]) -> list[str]:
    """The fields of a scenario table that name other files (an uploaded scenario may have none)."""
    found = []
    escalation = table.get("escalation")
    if isinstance(escalation, dict) and "file" in escalation:
        found.append("escalation.file")
    for i, issue in enumerate(table.get("issues") or []):
        if isinstance(issue, dict) and "case" in issue:
            found.append(f"issues[{i}].case")
    return found


def apply_edits(text: str, edits: ScenarioEdits, source: str) -> str:
    """The scenario's TOML ``text`` with ``edits`` applied, as TOML text."""
    try:
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise RedlineError(f"{source}: expected a TOML file; {exc}") from None
    out = copy.deepcopy(table)
    if edits.levers is not None:
        out.setdefault("levers", {})["compare"] = list(edits.levers)
    if edits.deterrence_params or edits.willingness:
        deterrence = out.setdefault("deterrence", {})
        params = deterrence.setdefault("params", {})
        params.update(edits.deterrence_params)
        uncertainty = deterrence.setdefault("uncertainty", {})
        for iso3, value in edits.willingness.items():
            uncertainty[f"w.{iso3}"] = {"dist": "fixed", "value": value}
    issues = {issue.get("id"): issue for issue in out.get("issues") or [] if isinstance(issue, dict)}
    for issue_id, edit in edits.issues.items():
        if issue_id not in issues:
            known = ", ".join(str(k) for k in issues) or "none"
            raise RedlineError(f"{source}: edits.issues: unknown issue {issue_id!r}; issues: {known}")
        issue = issues[issue_id]
        if edit.rule is not None:
            issue["rule"] = edit.rule
        overrides = issue.setdefault("overrides", {})
        for actor, change in edit.actors.items():
            values = change.model_dump(exclude_none=True)
            if values:
                overrides.setdefault(actor, {}).update(values, reason=REASON)
    return tomli_w.dumps(out)
