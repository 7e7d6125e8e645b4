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


MALLOC_KEEP = {"M_TRIM_THRESHOLD": (-1, 256 << 20), "M_MMAP_THRESHOLD": (-3, 32 << 20)}
"""glibc ``mallopt`` settings (parameter number, bytes) for a process that draws: see :func:`keep_freed_memory`."""
_malloc_kept = False


def keep_freed_memory() -> None:
    """Let glibc keep freed memory for the next block instead of handing it back to the kernel.

    Every block of draws allocates and frees tens of MB of temporaries (1 MB arrays of 4096 x 33
    floats). By default glibc returns the freed top of its heap (anything over 128 KB, rising
    with the largest array freed) to the kernel, and the next block faults the same pages in again,
    zeroed: on nato-2024 that was 10-15 % of the Monte Carlo's CPU in system time, and more in
    cache misses. With arrays up to 32 MB taken from the heap and up to 256 MB of free heap kept, the
    Monte Carlo of 102,400 draws took 3.2-3.6 CPU-s instead of 4.3 (3 Dec 2026, load 6): the same
    numbers, a bounded amount of memory (constant in the draws). Set once per process (the runner's,
    a Dask worker's) on glibc; elsewhere (or without ``mallopt``) nothing changes.
    """
    global _malloc_kept
    if _malloc_kept:
        return
    _malloc_kept = True
    try:
        import ctypes

        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return
    for parameter, value in MALLOC_KEEP.values():
        mallopt(ctypes.c_int(parameter), ctypes.c_int(value))


def run_chunk(tasks: tuple[Task, ...], seed: int, start: int, stop: int) -> dict[str, np.ndarray]:
    """Draws ``start..stop`` of every task: question -> array of values for draws ``start, start+1, ...``

    (``stop - start`` values, or fewer for a task with ``max_draws``)."""
    keep_freed_memory()
    out: dict[str, np.ndarray] = {}
    for task in tasks:
        end = stop if task.max_draws is None else min(stop, task.max_draws)
        if end > start:
            out.update(draw_blocks(task_seed(seed, task.key), start, end, task.sampler))
    return out
