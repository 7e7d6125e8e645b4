"""Cross-field and cross-family checks of a valid-looking scenario: levers must exist, ISO3 codes must
be in the data snapshot, the ladder and case files must read, rule and deterrence parameters must be
ones the models take. Each problem is ``(path, loc, expected, found)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.scenario.inputs import _load_case, ladder_of, record_cutoff
from redline.scenario.messages import _path
from redline.scenario.schema import BUILTIN_LEVERS, Scenario

__all__ = ["semantic_problems"]


def _known_iso3() -> set[str] | None:
    """ISO3 codes the data snapshot knows, or None when the data layer is not available."""
    try:
        from redline.data import load_table

        frame = load_table("countries")
    except Exception:  # noqa: BLE001 - validation still works without the data layer
        return None
    column = "iso3" if "iso3" in frame.columns else frame.index.name
    values = frame[column] if column in frame.columns else frame.index
    return {str(v) for v in values}


def _semantic_problems(
    scenario: Scenario, check_data: bool = True, base_dir: Path = Path()
) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Cross-field checks: levers must exist; every ISO3 code must be in the snapshot or an extra actor."""
    problems = []
    levers = set(BUILTIN_LEVERS) | set(scenario.levers.define)
    for j, item in enumerate(scenario.levers.compare):
        name, colon, _ = item.partition(":")
        name = name.strip()
        if colon and name in scenario.levers.define and name not in BUILTIN_LEVERS:
            loc = ("levers", "compare", j)
            expected = f"{name!r} alone (a lever defined under [levers.define] takes no parameters)"
            problems.append((_path(loc), loc, expected, repr(item)))
        elif name not in levers:
            loc = ("levers", "compare", j)
            problems.append(
                (
                    _path(loc),
                    loc,
                    f"a built-in lever ({', '.join(BUILTIN_LEVERS)}) or one under [levers.define]",
                    repr(item),
                )
            )
    problems.extend(_ladder_problems(scenario, base_dir))
    problems.extend(_case_problems(scenario, base_dir))
    problems.extend(_statement_problems(scenario, base_dir))
    problems.extend(_deterrence_problems(scenario))
    problems.extend(_rule_problems(scenario))
    known = _known_iso3() if check_data else None
    if known is None:
        return problems
    known |= {a.iso3 for a in scenario.world.extra_actors}

    def check(code: str, loc: tuple[Any, ...]) -> None:
        if code not in known and code not in ("NATO", "ALL"):
            problems.append(
                (
                    _path(loc),
                    loc,
                    "an ISO3 code in the data snapshot (see `redline data show countries`)",
                    repr(code),
                )
            )

    for code in scenario.world.overrides:
        check(code, ("world", "overrides", code))
    for i, issue in enumerate(scenario.issues):
        for j, code in enumerate(issue.participants):
            check(code, ("issues", i, "participants", j))
        if issue.case is None:  # a case issue's overrides name the case's actors (_case_problems)
            for code in issue.overrides:
                check(code, ("issues", i, "overrides", code))
    for j, code in enumerate(scenario.deterrence.targets):
        check(code, ("deterrence", "targets", j))
    check(scenario.deterrence.challenger, ("deterrence", "challenger"))
    if scenario.deterrence.restraint is not None:
        check(scenario.deterrence.restraint.target, ("deterrence", "restraint", "target"))
    for name, lever in scenario.levers.define.items():
        for field in ("willingness", "capability", "willingness_shift"):
            for code in getattr(lever, field):
                check(code, ("levers", "define", name, field, code))
    return problems


def _ladder_problems(scenario: Scenario, base_dir: Path) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """The escalation ladder must be one the escalation model accepts: when it is fitted, fitted to
    the record up to the scenario's date, as the run fits it (the fit is cached: it runs once)."""
    spec = scenario.escalation
    if spec is None:
        return []
    try:
        ladder_of(spec, base_dir, record_cutoff(scenario.world))
    except RedlineError as exc:
        loc = ("escalation", "ladder") if spec.ladder is not None else ("escalation", "file")
        return [(_path(loc), loc, "a valid escalation ladder", str(exc))]
    return []


def _case_problems(scenario: Scenario, base_dir: Path) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Each case file must be a valid backtest case; overrides must name its actors."""
    problems = []
    for i, issue in enumerate(scenario.issues):
        if issue.case is None:
            continue
        try:
            case = _load_case(issue, base_dir)
        except RedlineError as exc:
            loc = ("issues", i, "case")
            expected = "a valid backtest case file (relative to the scenario file; format: docs/backtest.md)"
            problems.append((_path(loc), loc, expected, str(exc)))
            continue
        keys = [a.key for a in case.actors]
        for key in issue.overrides:
            if key not in keys:
                loc = ("issues", i, "overrides", key)
                problems.append(
                    (_path(loc), loc, f"an actor of the case file ({', '.join(keys)})", repr(key))
                )
    return problems


def _statement_problems(scenario: Scenario, base_dir: Path) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Each statements file must read, every row dated before ``decided`` (file, line and field named)."""
    from redline.statements import load_statements

    problems = []
    for i, issue in enumerate(scenario.issues):
        if issue.statements is None:
            continue
        try:
            load_statements(base_dir / issue.statements.file, issue.statements.decided, issue=issue.id)
        except RedlineError as exc:
            loc = ("issues", i, "statements", "file")
            expected = "a valid statements file (columns and rules: docs/scenarios.md, \"Statements\")"
            problems.append((_path(loc), loc, expected, str(exc)))
    return problems


def _rule_problems(scenario: Scenario) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Each issue's rule parameters must be ones its rule takes."""
    try:
        from redline.decisions.rules import get_rule
    except ImportError:
        return []
    problems = []
    for i, issue in enumerate(scenario.issues):
        if issue.case is not None:  # the case's rule (read with the case)
            continue
        try:
            get_rule(issue.rule, **issue.rule_params)
        except (RedlineError, TypeError, ValueError) as exc:
            loc = ("issues", i, "rule_params")
            problems.append((_path(loc), loc, f"parameters of the rule {issue.rule}", str(exc)))
    return problems


def _deterrence_problems(scenario: Scenario) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Deterrence parameters and lever arguments must be ones the deterrence model knows."""
    try:
        from redline.deterrence.coding import DEFAULTS, resolve_params
        from redline.deterrence.levers import parse_lever
    except ImportError:  # the deterrence model is not installed: nothing to check against
        return []
    problems = []
    spec = scenario.deterrence
    if scenario.models.deterrence and spec.challenger in spec.targets:
        loc = ("deterrence", "targets", spec.targets.index(spec.challenger))
        expected = f"targets other than the challenger {spec.challenger} (it cannot deter itself)"
        problems.append((_path(loc), loc, expected, repr(spec.challenger)))
    try:
        resolve_params(scenario.deterrence.params)
    except RedlineError as exc:
        loc = ("deterrence", "params")
        problems.append((_path(loc), loc, f"parameters from {', '.join(DEFAULTS)}", str(exc)))
    for j, item in enumerate(scenario.levers.compare):
        if ":" in item and item.partition(":")[0].strip() in BUILTIN_LEVERS:
            try:
                parse_lever(item)
            except RedlineError as exc:
                loc = ("levers", "compare", j)
                problems.append(
                    (_path(loc), loc, "name:parameter=value,... with the lever's parameters", str(exc))
                )
    return problems


semantic_problems = _semantic_problems
