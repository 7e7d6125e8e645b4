"""What a long command is doing, said on stderr while it does it: named stages with elapsed time.

A stage is a context manager: ``with stage("coding the issues"): ...``. On a terminal it prints
``… name`` when the stage starts and ``✓ name (2.3 s)`` when it ends (plain lines, so they mix with the
Monte Carlo progress bar); elsewhere (pipes, files, tests) it prints nothing, so stdout and CSV/JSON
output stay clean. ``REDLINE_PROGRESS=1``
forces the plain lines on (``0`` forces everything off). Stages nest: an inner stage is shown under
the outer one's name.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["enabled", "stage"]

_STACK: list[str] = []


def enabled() -> bool:
    """Whether progress is shown: a terminal on stderr, or ``REDLINE_PROGRESS=1``."""
    forced = os.environ.get("REDLINE_PROGRESS")
    if forced is not None:
        return forced == "1"
    return sys.stderr.isatty()


def _console():
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Show ``name`` while the block runs, then how long it took (nothing when progress is off)."""
    if not enabled():
        yield
        return
    label = " › ".join([*_STACK, name])
    console = _console()
    _STACK.append(name)
    started = time.perf_counter()
    console.print(f"… {label}", highlight=False, soft_wrap=True)
    try:
        yield
    finally:
        _STACK.pop()
    console.print(f"✓ {label} ({time.perf_counter() - started:.1f} s)", highlight=False, soft_wrap=True)
