"""A call run in a second process forked from this one, so that its Python work runs on another core.

Threads of one process take turns under the GIL: the background adapters (the analytics: claims with
their permutation tests, SciPy's statistics, networkx), run in a thread, only interleave with the main
thread's coding of the issues and games. Forked, they run beside it. The child inherits the caller's
memory (modules, the World, the scenario: nothing is pickled on the way in), computes, sends its
answer back pickled through a pipe and exits without running any exit handler.

Used only where forking is safe and useful: on Linux, in a process with no other Python thread (a
thread holding a lock at the fork would leave it held in the child), and unless
``REDLINE_BACKGROUND=thread``. Anything that goes wrong in the child (an exception, a crash, an
answer that cannot be pickled) means the caller computes the answer itself, so the answer and any
error are exactly those of an in-process call.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Forked", "can_fork"]

T = TypeVar("T")


def can_fork() -> bool:
    """True on Linux, in a process running no other Python thread, unless ``REDLINE_BACKGROUND=thread``."""
    if os.environ.get("REDLINE_BACKGROUND", "").strip().lower() == "thread":
        return False
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Forked(Generic[T]):
    """``function(*args)`` started in a forked child; :meth:`result` waits for its answer."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._call = (function, args)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave at once
            try:
                os.close(read)
                try:
                    payload = pickle.dumps((True, function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 - the parent computes it again and raises there
                    payload = pickle.dumps((False, None))
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """The child's answer; when the child failed, the answer (or error) of calling it here.
        Waits for the child the first time; later calls give the same answer."""
        if hasattr(self, "_answer"):
            return self._answer
        self._answer = self._receive()
        return self._answer

    def _receive(self) -> T:
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        try:
            ok, value = pickle.loads(data)  # noqa: S301 - our own child's answer
        except Exception:  # noqa: BLE001 - the child died before answering
            ok, value = False, None
        if ok:
            return value
        function, args = self._call
        return function(*args)
