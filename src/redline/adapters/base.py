"""The adapter protocol: how a model family joins a scenario run (and the CLI's single-model commands).

An adapter turns a scenario and a World into its family's inputs, computes the **exact** answers at the
coded inputs, hands the runner Monte Carlo :class:`~redline.tasks.Task` s (sampler functions bound with
:func:`functools.partial`, picklable for Dask), and after the run **summarises** the draws' tallies into its
sections of ``summary.json`` and its headlines. The runner knows nothing of any family; it asks every
registered adapter (:data:`redline.adapters.ADAPTERS`) in order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from redline.scenario import Scenario
from redline.tasks import Task

__all__ = ["Adapter", "BuildContext", "Part", "headline", "plain_result", "provenance_of", "world_of"]


@dataclass
class BuildContext:
    """What every adapter may read while building: the scenario, its World, and run settings.

    ``shared`` carries values one adapter computes for another within a build (e.g. coded issues);
    ``context`` ends up in :attr:`redline.runner.Plan.context` (codings, provenance).
    """

    scenario: Scenario
    world: Any
    base_dir: Path
    draws: int
    seed: int
    shared: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Part:
    """One adapter's contribution to a plan: exact answers (keys of ``Plan.exact``) and its tasks."""

    exact: dict[str, Any] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    finish: list[Callable[[], None]] = field(default_factory=list)
    """Steps run once every adapter has built: they put in ``exact`` the answers computed meanwhile
    beside the main process (:mod:`redline.forked`), so waiting for them costs the run nothing."""


class Adapter(Protocol):
    """A model family's adapter (see the module docstring)."""

    name: str
    """Short name (``issues``, ``deterrence``, ...); also the family's key in ``Plan.exact``."""
    background: bool
    """Build in a second thread while the others build (slow, independent work such as the claims)."""

    def enabled(self, scenario: Scenario) -> bool:
        """Whether the scenario asks for this family."""
        ...

    def build(self, ctx: BuildContext) -> Part:
        """Inputs from the scenario and World, exact answers, and the Monte Carlo tasks."""
        ...

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Summary sections and headlines from the exact answers, the Monte Carlo statistics and the
        run's streaming tallies (:class:`redline.tally.RunTally`: quantiles, paired differences; the
        draws themselves are not kept). ``exact`` is the whole ``Plan.exact``; an adapter reads its own keys."""
        ...


def world_of(scenario: Scenario):  # noqa: ANN201 - redline.world.World
    """The World of the scenario's year or date (built once per process: validation and the run
    share it, see :func:`redline.scenario.runnable.world_for`)."""
    from redline.scenario.runnable import world_for

    return world_for(scenario.world)


def provenance_of(world: Any) -> dict[str, Any]:
    try:
        from redline.data import snapshot_version

        version = snapshot_version()
    except Exception:  # noqa: BLE001
        version = "unknown"
    try:
        records = world.provenance
        records = records() if callable(records) else records
    except Exception:  # noqa: BLE001
        records = {}
    notes = getattr(world, "notes", [])
    weak = _weak_sources()
    return {
        "data_version": version,
        "world": records,
        **({"world_notes": notes} if notes else {}),
        **({"source_quality": weak} if weak else {}),
    }


def _weak_sources() -> dict[str, str]:
    """Per table, the provenance line counting rows flagged in ``source_quality`` (state media, aggregators)."""
    try:
        from redline.data import provenance, table_names

        out = {}
        for name in table_names():
            lines = [g for g in provenance(name).known_gaps if "column source_quality" in g]
            if lines:
                out[name] = lines[0]
        return out
    except Exception:  # noqa: BLE001
        return {}


def headline(
    key: str,
    question: str,
    answer: str,
    value: float | None = None,
    lo: float | None = None,
    hi: float | None = None,
    percent: bool = True,
    change: bool = False,
    interval_of: str = "",
) -> dict[str, Any]:
    """One headline: the question, its answer in words, and the value with its interval.

    ``percent``: the value is a probability (shown in %); ``change``: a difference of probabilities
    (shown in percentage points). ``interval_of``: what the interval is an interval of, and which
    kind (e.g. ``"share of the assumption draws in which attack pays (95%)"``), printed beside it so
    that no row's interval reads as an answer to a question it does not answer; without it, an
    interval is said to be the headline value's 95% interval.
    """
    text = ""
    if lo is not None and hi is not None and not (math.isnan(lo) or math.isnan(hi)):
        if change:
            text = f"[{lo * 100:+.1f}, {hi * 100:+.1f}] pp"
        elif percent:
            text = f"[{lo * 100:.1f}%, {hi * 100:.1f}%]"
        else:
            text = f"[{lo:.1f}, {hi:.1f}]"
    return {
        "key": key,
        "question": question,
        "answer": answer,
        "value": value,
        "lo": lo,
        "hi": hi,
        "interval": text,
        "interval_of": (interval_of or "the value (95%)") if text else "",
        "percent": percent,
        "change": change,
    }


def plain_result(result: Any) -> dict[str, Any]:
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if hasattr(result, "__dataclass_fields__"):
        import dataclasses

        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    if isinstance(result, dict):
        return result
    return {"value": result}
