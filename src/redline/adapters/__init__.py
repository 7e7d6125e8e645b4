"""One adapter per model family, registered with the runner (protocol: :class:`~redline.adapters.base.Adapter`).

:data:`ADAPTERS` lists them in the order their sections and headlines appear in ``summary.json``:
issues (decisions and bargaining), deterrence, escalation, restraint (deterrence × escalation),
analytics. :func:`build` asks each adapter the scenario switches on for its exact answers and Monte
Carlo tasks; :func:`summarise` asks each for its summary sections and headlines. A new family is one
module with a class following the protocol, added with :func:`register`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from redline.adapters.analytics import AnalyticsAdapter
from redline.adapters.base import Adapter, BuildContext, Part, headline, provenance_of, world_of
from redline.adapters.deterrence import DeterrenceAdapter
from redline.adapters.escalation import EscalationAdapter
from redline.adapters.issues import IssuesAdapter
from redline.adapters.restraint import RestraintAdapter
from redline.forked import Forked, can_fork
from redline.scenario import Scenario
from redline.tasks import Task

__all__ = [
    "ADAPTERS",
    "Adapter",
    "BuildContext",
    "Part",
    "build",
    "headline",
    "register",
    "summarise",
    "world_of",
]

ADAPTERS: list[Adapter] = [
    IssuesAdapter(),
    DeterrenceAdapter(),
    EscalationAdapter(),
    RestraintAdapter(),
    AnalyticsAdapter(),
]
"""The registered adapters, in summary order."""


def register(adapter: Adapter, *, before: str | None = None) -> None:
    """Add ``adapter`` (replacing one of the same name), at the end or before the adapter ``before``."""
    names = [a.name for a in ADAPTERS]
    if adapter.name in names:
        ADAPTERS[names.index(adapter.name)] = adapter
        return
    ADAPTERS.insert(names.index(before) if before in names else len(ADAPTERS), adapter)


def build(
    scenario: Scenario, base_dir: Path = Path(), *, draws: int | None = None, seed: int | None = None
) -> tuple[dict[str, Any], list[Task], dict[str, Any]]:
    """Exact answers, Monte Carlo tasks and context (codings, provenance) of ``scenario``.

    ``draws`` and ``seed`` (default: the file's ``[run]``) also drive the computations outside the
    chunked Monte Carlo (the restraint sweep, the claims' permutation tests). Background adapters
    (the analytics) build while the others build: in a forked second process on Linux when no other
    thread runs (:mod:`redline.forked`), else in a second thread.
    """
    world = world_of(scenario)
    ctx = BuildContext(
        scenario=scenario,
        world=world,
        base_dir=Path(base_dir),
        draws=scenario.run.draws if draws is None else draws,
        seed=scenario.run.seed if seed is None else seed,
        context={"provenance": provenance_of(world), "world_year": scenario.world.effective_year},
    )
    active = [a for a in ADAPTERS if a.enabled(scenario)]
    parts: dict[str, Part] = {}
    # Background adapters run beside the others: in a forked process where that is safe (on another
    # core, see redline.forked), else in a thread.
    forked = {a.name: Forked(a.build, ctx) for a in active if a.background} if can_fork() else {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        background = {
            a.name: pool.submit(a.build, ctx) for a in active if a.background and a.name not in forked
        }
        for adapter in active:
            if not adapter.background:
                parts[adapter.name] = adapter.build(ctx)
        for name, future in background.items():
            parts[name] = future.result()
    for name, child in forked.items():
        parts[name] = child.result()
    for adapter in active:
        for step in parts[adapter.name].finish:
            step()
    exact: dict[str, Any] = {}
    tasks: list[Task] = []
    for adapter in active:  # registry order, whatever finished first
        exact.update(parts[adapter.name].exact)
        tasks.extend(parts[adapter.name].tasks)
    return exact, tasks, ctx.context


def summarise(exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any) -> dict[str, Any]:
    """The model sections of ``summary.json`` and the headlines, adapter by adapter."""
    out: dict[str, Any] = {"issues": []}
    headlines: list[dict[str, Any]] = []
    for adapter in ADAPTERS:
        sections, lines = adapter.summarise(exact, stats, tallies)
        out.update(sections)
        headlines.extend(lines)
    out["headlines"] = headlines
    return out
