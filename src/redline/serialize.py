"""The one converter from NumPy/pandas values to plain JSON (NaN becomes ``null``: a gap stays a gap)."""

from __future__ import annotations

import json
import math
import sys
from typing import Any

__all__ = ["dumps", "to_jsonable"]

_PLAIN = frozenset({str, int, bool})
"""Types :func:`to_jsonable` returns as they are (exactly these: a subclass may be a NumPy scalar)."""


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for ``value``: dicts, lists, DataFrames (row records), Series, arrays, NumPy
    scalars, timestamps; NaN, ``pd.NA`` and ``NaT`` become ``None``.

    NumPy and pandas are not imported here (a command's start stays light): a value can only be one
    of their types when its library is already loaded, so the checks use the loaded modules."""
    if value is None or type(value) in _PLAIN:  # most leaves of a summary: nothing to convert
        return value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    pd = sys.modules.get("pandas")
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return [to_jsonable(r) for r in value.to_dict(orient="records")]
        if isinstance(value, pd.Series):
            return to_jsonable(value.to_dict())
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            return to_jsonable(value.tolist())
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return None if math.isnan(value) else float(value)
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if pd is not None:
        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    return value


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """``value`` as JSON text (through :func:`to_jsonable`; non-ASCII kept, no NaN)."""
    return json.dumps(to_jsonable(value), indent=indent, ensure_ascii=False, allow_nan=False)
