"""The conformance harness (style.md convention 6), shared by every model family.

Four generic checks, each a plain function that raises ``AssertionError`` with a message naming
what broke:

* :func:`check_pure` — the call returns a result, leaves its inputs untouched (compared with deep
  copies afterwards) and gives the same result again when every input array is read-only;
* :func:`check_seeded` — same seed ⇒ identical output, a ``numpy.random.Generator`` seeded alike
  is accepted, a different seed ⇒ a different output;
* :func:`check_batched` — a kernel called on a ``(D, ...)`` batch gives, row by row, the same
  numbers as the per-draw call;
* :func:`assert_same` — the recursive comparison behind them (arrays, frames, dataclasses, dicts).

The harness is itself tested against deliberately broken dummies in ``test_conformance.py``.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "BATCH_TOL",
    "assert_same",
    "check_batched",
    "check_pure",
    "check_seeded",
    "differs",
    "freeze",
    "leading_axis",
]

BATCH_TOL = 1e-12
"""Absolute tolerance of batched-versus-per-draw comparisons."""


# --------------------------------------------------------------------------------------------
# comparison
# --------------------------------------------------------------------------------------------


def assert_same(a: Any, b: Any, atol: float = 0.0, where: str = "result") -> None:
    """Recursively assert ``a == b`` (arrays to ``atol``, NaN equals NaN, exact when ``atol=0``)."""
    if isinstance(a, pd.DataFrame | pd.Series):
        assert type(a) is type(b), f"{where}: {type(a).__name__} vs {type(b).__name__}"
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_exact=atol == 0, atol=atol, rtol=0, obj=where)
        else:
            pd.testing.assert_series_equal(a, b, check_exact=atol == 0, atol=atol, rtol=0, obj=where)
        return
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        x, y = np.asarray(a), np.asarray(b)
        assert x.shape == y.shape, f"{where}: shape {x.shape} vs {y.shape}"
        if x.dtype.kind in "fc" or y.dtype.kind in "fc":
            ok = np.isclose(x, y, rtol=0.0, atol=atol, equal_nan=True) if atol else _exact_equal(x, y)
            bad = np.flatnonzero(~np.asarray(ok).ravel())
            assert bad.size == 0, (
                f"{where}: {bad.size} of {x.size} values differ, e.g. at flat index {bad[0]}: "
                f"{x.ravel()[bad[0]]!r} vs {y.ravel()[bad[0]]!r}"
            )
        else:
            assert np.array_equal(x, y), f"{where}: {x!r} vs {y!r}"
        return
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), f"{where}: {type(a).__name__} vs {type(b).__name__}"
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), atol, f"{where}.{f.name}")
        return
    if isinstance(a, Mapping):
        assert isinstance(b, Mapping), f"{where}: mapping vs {type(b).__name__}"
        assert list(a) == list(b), f"{where}: keys {list(a)} vs {list(b)}"
        for key in a:
            assert_same(a[key], b[key], atol, f"{where}[{key!r}]")
        return
    if isinstance(a, list | tuple):
        assert isinstance(b, list | tuple) and len(a) == len(b), f"{where}: {a!r} vs {b!r}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, atol, f"{where}[{i}]")
        return
    if isinstance(a, float | np.floating) and isinstance(b, float | np.floating | int | np.integer):
        if math.isnan(a) and math.isnan(float(b)):
            return
        assert abs(float(a) - float(b)) <= atol or a == b, f"{where}: {a!r} vs {b!r}"
        return
    assert a == b, f"{where}: {a!r} vs {b!r}"


def _exact_equal(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x == y) | (np.isnan(x) & np.isnan(y))


def differs(a: Any, b: Any) -> bool:
    """True when :func:`assert_same` (exact) finds a difference."""
    try:
        assert_same(a, b)
    except AssertionError:
        return True
    return False


# --------------------------------------------------------------------------------------------
# purity
# --------------------------------------------------------------------------------------------


def freeze(obj: Any, _seen: set[int] | None = None) -> Any:
    """Make every NumPy array reachable from ``obj`` (containers, dataclass fields) read-only."""
    seen = set() if _seen is None else _seen
    if id(obj) in seen:
        return obj
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            freeze(getattr(obj, f.name), seen)
    elif isinstance(obj, Mapping):
        for value in obj.values():
            freeze(value, seen)
    elif isinstance(obj, list | tuple):
        for value in obj:
            freeze(value, seen)
    return obj


def check_pure(fn: Callable[..., Any], *args: Any, expect: type | tuple | None = None, **kwargs: Any) -> Any:
    """Call ``fn`` and check the protocol of a pure function; return its result.

    1. the result is not None (and an instance of ``expect`` when given);
    2. no input changed (inputs compared with deep copies taken before the call);
    3. the same call on read-only copies of the inputs works and gives the same result (so the
       function neither writes into its inputs nor depends on hidden state between calls).
    """
    snapshot = copy.deepcopy((args, kwargs))
    result = fn(*args, **kwargs)
    name = getattr(fn, "__qualname__", repr(fn))
    assert result is not None, f"{name} returned None"
    if expect is not None:
        assert isinstance(result, expect), f"{name} returned {type(result).__name__}, expected {expect}"
    assert_same((args, kwargs), snapshot, where=f"{name}: inputs after the call")
    frozen_args, frozen_kwargs = freeze(copy.deepcopy(snapshot))
    again = fn(*frozen_args, **frozen_kwargs)
    assert_same(result, again, where=f"{name}: result on read-only inputs")
    return result


# --------------------------------------------------------------------------------------------
# randomness
# --------------------------------------------------------------------------------------------


def check_seeded(
    call: Callable[[Any], Any],
    outcome: Callable[[Any], Any] = lambda r: r,
    seed: int = 12345,
    other_seed: int = 54321,
) -> Any:
    """``call(rng)`` runs the stochastic function with ``rng``; ``outcome`` picks the random part.

    Checks: same int seed ⇒ identical outcome; a Generator built from the same seed twice ⇒
    identical outcomes (it is accepted, and nothing global leaks in); a different seed ⇒ a
    different outcome; ``rng=None`` (fresh entropy) is accepted. Returns the outcome of the first
    call.
    """
    first = outcome(call(seed))
    assert first is not None, "the stochastic call returned None"
    assert_same(outcome(call(seed)), first, where=f"same seed {seed}")
    with_gen = outcome(call(np.random.default_rng(seed)))
    assert_same(outcome(call(np.random.default_rng(seed))), with_gen, where="same Generator seed")
    assert differs(outcome(call(other_seed)), first), (
        f"seeds {seed} and {other_seed} gave identical output: the seed is ignored"
    )
    assert differs(outcome(call(np.random.default_rng(other_seed))), with_gen), (
        "Generators with different seeds gave identical output: the generator is ignored"
    )
    assert outcome(call(None)) is not None, "rng=None gave no result"
    return first


# --------------------------------------------------------------------------------------------
# batching
# --------------------------------------------------------------------------------------------


def check_batched(
    batched: Callable[[], Any],
    per_draw: Callable[[int], Any],
    draws: int,
    pick: Callable[[Any, int], Any] | None = None,
    atol: float = BATCH_TOL,
    axis_name: str = "draw",
) -> Any:
    """The batch result, row ``d``, equals the per-draw call on row ``d`` (to ``atol``).

    ``pick(result, d)`` extracts row ``d`` of the batch result in the per-draw result's form
    (default: ``result[d]``). Returns the batch result.
    """
    result = batched()
    pick = pick or (lambda r, d: r[d])
    for d in range(draws):
        assert_same(pick(result, d), per_draw(d), atol=atol, where=f"{axis_name} {d}: batched vs per-draw")
    return result


def leading_axis(result: Any, names: Sequence[str], draws: int) -> None:
    """Every named array attribute (or key) of ``result`` has leading axis ``draws``."""
    for name in names:
        value = result[name] if isinstance(result, Mapping) else getattr(result, name)
        shape = np.shape(value)
        assert shape[:1] == (draws,), f"{name}: shape {shape}, expected a leading draw axis of {draws}"
