"""Resource guards: estimate the memory and work of a request before doing it, refuse what won't fit.

A request that would need more memory than the budget, or more elementary operations than the work
budget, gets a :class:`RedlineError` that says what was asked, what it would need and how to ask for
less, before anything is allocated. The budgets are configurable:

``REDLINE_MEMORY_BUDGET``  bytes, or with a unit (``2GB``, ``512MB``); default 4 GB.
``REDLINE_WORK_BUDGET``    elementary array operations; default 1e11 (a few minutes on a 2-core machine:
                           the compiled kernels do about 5e8 a second, NumPy about 1e8).
"""

from __future__ import annotations

import contextvars
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from redline.errors import RedlineError

__all__ = [
    "FitsBudget",
    "check_count",
    "check_memory",
    "check_work",
    "dry_run",
    "fits",
    "memory_budget",
    "work_budget",
]

_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}


def _parse_bytes(text: str) -> float:
    match = re.fullmatch(r"\s*([0-9.eE+]+)\s*([A-Za-z]*)\s*", text)
    if not match or match.group(2).upper() not in _UNITS:
        raise RedlineError(f"REDLINE_MEMORY_BUDGET: expected bytes such as 4GB or 512MB; found {text!r}")
    value = float(match.group(1)) * _UNITS[match.group(2).upper()]
    if not math.isfinite(value) or value <= 0:
        raise RedlineError(f"REDLINE_MEMORY_BUDGET: expected a positive size; found {text!r}")
    return value


def memory_budget() -> float:
    """The memory budget in bytes (``REDLINE_MEMORY_BUDGET``, default 4 GB)."""
    return _parse_bytes(os.environ.get("REDLINE_MEMORY_BUDGET", "4GB"))


def work_budget() -> float:
    """The work budget in elementary operations (``REDLINE_WORK_BUDGET``, default 1e11)."""
    text = os.environ.get("REDLINE_WORK_BUDGET", "1e11")
    try:
        value = float(text)
    except ValueError:
        raise RedlineError(f"REDLINE_WORK_BUDGET: expected a number of operations; found {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise RedlineError(f"REDLINE_WORK_BUDGET: expected a positive number; found {text!r}")
    return value


def _human(nbytes: float) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if nbytes >= size:
            return f"{nbytes / size:,.1f} {unit}"
    return f"{nbytes:,.0f} B"


def check_memory(what: str, nbytes: float, *, hint: str) -> None:
    """Refuse ``what`` when it would need more than the memory budget."""
    budget = memory_budget()
    if not nbytes <= budget:  # also catches NaN
        raise RedlineError(
            f"{what}: would need about {_human(nbytes)} of memory, over the {_human(budget)} budget; "
            f"{hint} (or raise REDLINE_MEMORY_BUDGET)"
        )


def check_work(what: str, operations: float, *, hint: str) -> None:
    """Refuse ``what`` when it would take more than the work budget of elementary operations."""
    budget = work_budget()
    if not operations <= budget:
        raise RedlineError(
            f"{what}: would take about {operations:.2g} operations, over the {budget:.2g} budget "
            f"(more than {operations / 5e8 / 60:,.0f} minutes); {hint} (or raise REDLINE_WORK_BUDGET)"
        )


def check_count(what: str, value: int, *, low: int, high: int) -> int:
    """An integer count within [low, high], or an error naming the option and the range."""
    if not low <= value <= high:
        raise RedlineError(f"{what}: expected an integer from {low:,} to {high:,}; found {value:,}")
    return value


class FitsBudget(Exception):  # noqa: N818 - a signal, not an error
    """Raised by :func:`fits` inside :func:`dry_run`: the guarded work passed its checks."""


_DRY_RUN = contextvars.ContextVar("redline_budget_dry_run", default=False)


@contextmanager
def dry_run() -> Iterator[None]:
    """Run code only up to its resource guards: a guard over budget raises its :class:`RedlineError`
    as usual, and a guarded step that passes raises :class:`FitsBudget` at :func:`fits` instead of
    doing the work. ``redline validate`` uses it to make the run's own checks on the run's own first
    block of draws (one code path), without the run's work."""
    token = _DRY_RUN.set(True)
    try:
        yield
    finally:
        _DRY_RUN.reset(token)


def fits() -> None:
    """Mark the point after a step's guards: in a :func:`dry_run`, stop here (the step would fit)."""
    if _DRY_RUN.get():
        raise FitsBudget
