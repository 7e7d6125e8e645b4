"""The checks a run makes before any work, against the data and the models' own rules.

:func:`redline.scenario.parse_scenario` (with ``check_data``, the default) calls
:func:`runnable_problems` after the schema and cross-field checks, and :func:`redline.runner.prepare`
reads every scenario through it, so ``redline validate`` and ``redline run`` share one code path:
whatever the run would refuse, validation refuses first, each problem located in the file.

Checked here (each needs the data snapshot): the year or date lies in the data's coverage; every issue
can be coded from the World (no actor without data, no rule parameter the issue's actors cannot use),
and the coded inputs are in range (positions on the issue's 0-100 scale, salience in [0, 1],
capabilities finite and >= 0, their total finite).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.scenario.messages import _path
from redline.scenario.schema import Scenario, WorldSpec

__all__ = ["coded_issues", "runnable_problems", "world_for"]

Problem = tuple[str, tuple[Any, ...], str, str]


def world_for(spec: WorldSpec):  # noqa: ANN201 - a redline.world.World
    """The World of a ``[world]`` section (year or date, vintage, carry-forward), built once per
    process and shared: validation and the run that follows read the same, immutable World."""
    date = spec.date.isoformat() if spec.date else None
    return _world(spec.year, date, spec.vintage, spec.carry_forward, _snapshot_key())


def _snapshot_key() -> str:
    """Which snapshot is active (folder and manifest time): another snapshot is another World."""
    try:
        from redline.data.snapshot import MANIFEST, active_snapshot_dir

        folder = active_snapshot_dir()
        return f"{folder}:{(folder / MANIFEST).stat().st_mtime}"
    except (ImportError, RedlineError, OSError):  # World.for_year reports it
        return ""


@functools.lru_cache(maxsize=4)
def _world(year: int | None, date: str | None, vintage: str, carry_forward: bool, snapshot: str):  # noqa: ANN202
    from redline.world import World

    options = {"vintage": vintage, "carry_forward": carry_forward}
    if date is not None:
        return World.for_date(date, **options)
    return World.for_year(year, **options)


_CODED: OrderedDict[tuple[Any, ...], tuple[Any, Any, list[Any]]] = OrderedDict()
"""The last few codings of :func:`coded_issues`: key -> (World, indicators, issues)."""


def coded_issues(scenario: Scenario, world: Any, base_dir: Path = Path()) -> tuple[Any, list[Any]]:
    """The indicator frame of ``world`` and the scenario's issues coded from it
    (:func:`redline.issues.build_issue`), each an :class:`~redline.issues.Issue` or the
    :class:`~redline.errors.RedlineError` that refused it.

    Coded once per process and shared, like :func:`world_for`: validation codes every issue, and the
    run that follows (:func:`redline.adapters.issues.code_issues`) reads the same, unchanged objects
    (treat them as read-only). The key is the World itself, the ``[world]`` and ``[[issues]]`` sections,
    the base folder and the contents of every file the issues read (case and statement files), so an
    edited file or section is coded again. A failed indicator frame raises (nothing is kept).
    """
    from redline.issues import build_issue, indicator_frame
    from redline.scenario.inputs import _file_digest, input_files

    files = input_files(scenario, base_dir)
    key = (
        id(world),
        scenario.world.model_dump_json(),
        tuple(spec.model_dump_json() for spec in scenario.issues),
        str(Path(base_dir).resolve()),
        tuple((name, _file_digest(path)) for name, path in sorted(files.items()) if name.startswith("issues[")),
    )
    found = _CODED.get(key)
    if found is not None and found[0] is world:
        _CODED.move_to_end(key)
        return found[1], found[2]
    indicators = indicator_frame(world, scenario.world)
    issues: list[Any] = []
    for spec in scenario.issues:
        voters = [a for a in world.members(spec.body) if a in indicators.index]
        try:
            issues.append(build_issue(spec, indicators, voters, base_dir))
        except RedlineError as exc:
            issues.append(exc)
    _CODED[key] = (world, indicators, issues)
    while len(_CODED) > 4:
        _CODED.popitem(last=False)
    return indicators, issues


def runnable_problems(scenario: Scenario, base_dir: Path = Path()) -> list[Problem]:
    """What a run of ``scenario`` would refuse, as ``(path, loc, expected, found)`` problems."""
    loc: tuple[Any, ...] = ("world", "year" if scenario.world.year is not None else "date")
    try:
        from redline.world import World

        first, last = World.coverage()
    except ImportError:  # no data layer: nothing to check against
        return []
    when = scenario.world.effective_year
    if not first <= when <= last:
        value = scenario.world.year if scenario.world.year is not None else scenario.world.date
        return [(_path(loc), loc, f"a {loc[1]} within the data's coverage {first}-{last}", str(value))]
    try:
        world = world_for(scenario.world)
    except RedlineError as exc:
        return [(_path(("world",)), ("world",), "a World the data can build", str(exc))]
    return _issue_problems(scenario, world, base_dir) or _deterrence_budget(scenario, world)


def _deterrence_budget(scenario: Scenario, world: Any) -> list[Problem]:
    """The run's own resource checks of the deterrence questions at the file's draws and seed
    (:func:`redline.adapters.deterrence.check_budget`). Only when capability units can explode: an
    uncertainty on ``a`` or ``theta`` (the credibility DP's grid is set by the drawn capabilities) or
    a ``delta`` given in the file; otherwise the grid is the coded shares', small and fixed, and
    validation stays as fast as before."""
    spec = scenario.deterrence
    if not (scenario.models.deterrence and spec.targets):  # DeterrenceAdapter.enabled
        return []
    units_vary = any(key.split(".")[0] in ("a", "theta") for key in spec.uncertainty) or "delta" in spec.params
    if not units_vary:
        return []
    from redline.adapters.deterrence_games import check_budget

    loc: tuple[Any, ...] = ("deterrence", "uncertainty") if spec.uncertainty else ("deterrence",)
    try:
        check_budget(scenario, world, scenario.run.draws, scenario.run.seed)
    except RedlineError as exc:
        expected = f"a deterrence Monte Carlo within the resource budget at {scenario.run.draws:,} draws"
        return [(_path(loc), loc, expected, str(exc))]
    return []


def _issue_problems(scenario: Scenario, world: Any, base_dir: Path) -> list[Problem]:
    """Every issue codes from the World, its rule takes its actors, and its inputs are in range."""
    if not scenario.issues:
        return []
    try:
        _, issues = coded_issues(scenario, world, base_dir)
    except RedlineError as exc:
        return [(_path(("world",)), ("world",), "indicators the overrides can apply to", str(exc))]
    problems: list[Problem] = []
    for i, issue in enumerate(issues):
        loc = ("issues", i)
        if isinstance(issue, RedlineError):
            problems.append((_path(loc), loc, "an issue the data can code", str(issue)))
            continue
        problems.extend(_input_ranges(issue, loc))
    return problems


def _input_ranges(issue: Any, loc: tuple[Any, ...]) -> list[Problem]:
    """The coded inputs every model reads must be finite and on their scales."""
    actors = issue.actors
    checks = [
        ("position", np.asarray(actors.position, dtype=float), 0.0, 100.0),
        ("salience", np.asarray(actors.salience, dtype=float), 0.0, 1.0),
        ("capability", np.asarray(actors.capability, dtype=float), 0.0, np.inf),
    ]
    problems = []
    for name, values, low, high in checks:
        bad = ~(np.isfinite(values) & (values >= low) & (values <= high))
        if bad.any():
            names = [str(a) for a in np.asarray(actors.actor)[bad][:5]]
            expected = f"coded {name}s in [{low:g}, {high:g}] for every actor"
            problems.append((_path(loc), loc, expected, f"{', '.join(names)}: {values[bad][:5].tolist()}"))
    total = float(np.sum(np.asarray(actors.capability, dtype=float)))
    if not problems and not (np.isfinite(total) and total > 0):
        problems.append((_path(loc), loc, "a finite, positive total capability", repr(total)))
    return problems
