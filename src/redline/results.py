"""The result protocol every public result follows: ``to_frame()``, ``to_dict()``, ``summary()`` and
``provenance``.

* ``to_frame()`` — the result as one :class:`pandas.DataFrame` (rows = actors, draws, steps, ...);
* ``to_dict()`` — plain JSON types (NaN as ``None``), keys documented with each family;
* ``summary()`` — a flat dict of the headline numbers (always a dict, in every family);
* ``provenance`` — :class:`Provenance`: the seed (when random numbers were drawn), the package
  version, the data snapshot and the hash of the inputs (when the result knows them).

:class:`Result` supplies defaults: ``to_dict()`` from the dataclass fields, ``summary()`` from the
scalar entries of ``to_dict()``, ``provenance`` from a ``seed`` and ``inputs_hash`` attribute if the
result has them. A family overrides what it can say better.
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass
from typing import Any

__all__ = ["Provenance", "Result", "data_snapshot", "provenance_of"]


def data_snapshot() -> str:
    """The version of the active data snapshot (``"unknown"`` when the data layer cannot say)."""
    try:
        from redline.data import snapshot_version

        return str(snapshot_version())
    except Exception:  # noqa: BLE001 - provenance must never stop a computation
        return "unknown"


@dataclass(frozen=True)
class Provenance:
    """Where a result comes from."""

    seed: int | None
    package_version: str
    data_snapshot: str
    inputs_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def provenance_of(seed: int | None = None, inputs_hash: str | None = None) -> Provenance:
    """Provenance with this package's version and the active data snapshot."""
    from redline import __version__

    return Provenance(seed, __version__, data_snapshot(), inputs_hash)


class Result:
    """Base of every public result (a mixin for frozen dataclasses; it holds no fields)."""

    __slots__ = ()

    def to_frame(self):  # noqa: ANN201 - a pandas DataFrame (pandas is imported lazily)
        """The result as one DataFrame (default: one row of :meth:`summary`)."""
        import pandas as pd

        return pd.DataFrame([self.summary()])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (default: every dataclass field through :func:`redline.serialize.to_jsonable`)."""
        from redline.serialize import to_jsonable

        if not dataclasses.is_dataclass(self):
            raise NotImplementedError(f"{type(self).__name__}.to_dict")
        fields = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.repr and not f.name.startswith("_")
        }
        return to_jsonable(fields)

    def summary(self) -> dict[str, Any]:
        """The headline numbers as a flat dict (default: the scalar entries of :meth:`to_dict`)."""
        return {k: v for k, v in self.to_dict().items() if not isinstance(v, dict | list)}

    @property
    def provenance(self) -> Provenance:
        """Seed, package version, data snapshot and inputs hash of this result."""
        seed = getattr(self, "seed", None)
        seed = int(seed) if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) else None
        return provenance_of(seed, getattr(self, "inputs_hash", None))
