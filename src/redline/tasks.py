"""Monte Carlo tasks: what an adapter hands the runner, and how one chunk of draws of them is made.

A :class:`Task` draws its own inputs and returns one number per draw and question. Each task draws
block by block (:func:`redline.rng.draw_blocks`) from its own seed, :func:`task_seed` ``(seed, key)``,
so its numbers do not depend on the chunk size, the workers, or which other tasks run.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from redline.rng import draw_blocks

__all__ = ["Task", "run_chunk", "task_seed"]


def task_seed(seed: int, key: str) -> int:
    """The seed of task ``key``: a child of ``SeedSequence(seed)``, independent of the other tasks."""
    child = np.random.SeedSequence(seed, spawn_key=(zlib.crc32(key.encode()),))
    return int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


@dataclass(frozen=True)
class Task:
    """A Monte Carlo question family: ``sampler(generator, n)`` returns question -> array of n values.

    ``binary`` lists the questions whose values are 0/1 outcomes (reported with Wilson intervals).
    Tasks must be picklable (plain data and module-level functions) so that Dask can ship them.
    """

    key: str
    sampler: Callable[[np.random.Generator, int], dict[str, np.ndarray]]
    binary: tuple[str, ...] = ()
    max_draws: int | None = None
    """Only draws ``0..max_draws-1`` (for slow models): the task's questions have fewer draws."""
    paired: tuple[tuple[str, str], ...] = ()
    """``(question, baseline)`` pairs whose per-draw difference is summarised (a lever against the base
    on common random numbers): the run tallies ``question - baseline`` draw by draw."""


def run_chunk(tasks: tuple[Task, ...], seed: int, start: int, stop: int) -> dict[str, np.ndarray]:
    """Draws ``start..stop`` of every task: question -> array of values for draws ``start, start+1, ...``

    (``stop - start`` values, or fewer for a task with ``max_draws``)."""
    out: dict[str, np.ndarray] = {}
    for task in tasks:
        end = stop if task.max_draws is None else min(stop, task.max_draws)
        if end > start:
            out.update(draw_blocks(task_seed(seed, task.key), start, end, task.sampler))
    return out
