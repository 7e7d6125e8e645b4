"""The actors table: one row per actor with position, capability and salience on one issue.

This is the input format shared by the decision rules, the bargaining model and the backtest:

=============  ========  ===================================================================
column         required  meaning
=============  ========  ===================================================================
actor          yes       ISO3 code or a name (unique)
position       yes       the outcome the actor advocates, on the issue scale (usually 0-100)
capability     yes       relative influence on the issue (>= 0; only ratios matter)
salience       one of    share of attention the actor gives the issue, 0-1
salience_pct   the two   the same on a 0-100 scale (divided by 100)
population     no        for population-weighted rules (EU QMV)
member         no        1/0: whether the actor votes under the rule (default 1)
block_cost     no        epsilon >= 0 of the NATO silence procedure (default 0)
resources      no        what the actor brings to a coalition of the willing (>= 0)
veto           no        1/0: formal veto under the rule (backtest cases record it)
=============  ========  ===================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = ["ActorTable", "read_actors", "read_csv_file"]

_OPTIONAL_NUMERIC = ("population", "member", "block_cost", "resources", "veto")


@dataclass(frozen=True)
class ActorTable:
    """Validated actors of one issue, as aligned NumPy arrays (index i is the same actor everywhere)."""

    actor: tuple[str, ...]
    position: np.ndarray
    capability: np.ndarray
    salience: np.ndarray
    population: np.ndarray | None = None
    member: np.ndarray | None = None
    block_cost: np.ndarray | None = None
    resources: np.ndarray | None = None
    veto: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.actor)

    @property
    def weight(self) -> np.ndarray:
        """Capability x salience, the weight used by votes and weighted medians."""
        return self.capability * self.salience

    def to_frame(self) -> pd.DataFrame:
        """A DataFrame with one row per actor and the columns of the input format."""
        data: dict[str, object] = {
            "actor": list(self.actor),
            "position": self.position,
            "capability": self.capability,
            "salience": self.salience,
        }
        for name in _OPTIONAL_NUMERIC:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return pd.DataFrame(data)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: str = "actors table") -> ActorTable:
        """Validate ``frame`` and build the table; errors name ``source``, the row and the column."""
        columns = [str(c).strip() for c in frame.columns]
        frame = frame.set_axis(columns, axis=1)
        required = ["actor", "position", "capability"]
        missing = [c for c in required if c not in columns]
        if "salience" not in columns and "salience_pct" not in columns:
            missing.append("salience (or salience_pct)")
        if missing:
            raise RedlineError(
                f"{source}: missing column(s) {', '.join(missing)}; found {', '.join(columns) or 'none'}"
            )
        if frame.empty:
            raise RedlineError(f"{source}: no actors (the table has a header but no rows)")
        names = frame["actor"].astype(str).str.strip()
        for row, name in enumerate(names, start=1):
            if not name or name.lower() == "nan":
                raise RedlineError(f"{source}: row {row}, column actor: empty actor name")
        duplicated = names[names.duplicated()]
        if not duplicated.empty:
            row = int(duplicated.index[0]) + 1
            raise RedlineError(f"{source}: row {row}, column actor: duplicate actor {duplicated.iloc[0]!r}")

        def numeric(column: str, low: float | None = None, high: float | None = None) -> np.ndarray:
            values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
            for row, (raw, value) in enumerate(zip(frame[column], values, strict=True), start=1):
                if not np.isfinite(value):
                    raise RedlineError(
                        f"{source}: row {row}, column {column}: expected a number, found {raw!r}"
                    )
                if (low is not None and value < low) or (high is not None and value > high):
                    bounds = f"[{low if low is not None else '-inf'}, {high if high is not None else 'inf'}]"
                    raise RedlineError(f"{source}: row {row}, column {column}: {value:g} is outside {bounds}")
            return values

        if "salience" in columns:
            salience = numeric("salience", 0.0, 1.0)
        else:
            salience = numeric("salience_pct", 0.0, 100.0) / 100.0
        optional = {}
        for name in _OPTIONAL_NUMERIC:
            if name in columns:
                optional[name] = numeric(name, 0.0, None)
        for flag in ("member", "veto"):
            if flag in optional:
                optional[flag] = optional[flag] != 0
        return cls(
            actor=tuple(names),
            position=numeric("position"),
            capability=numeric("capability", 0.0, None),
            salience=salience,
            **optional,
        )


def read_csv_file(path: str | Path) -> pd.DataFrame:
    """A user's CSV file (``#`` comments allowed); a missing or unreadable file is a RedlineError."""
    path = Path(path)
    try:
        return pd.read_csv(path, skipinitialspace=True, comment="#")
    except FileNotFoundError:
        raise RedlineError(f"{path}: file not found") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise RedlineError(f"{path}: cannot read as CSV ({exc})") from None


def read_actors(path: str | Path) -> ActorTable:
    """Read and validate an actors CSV file (see the module docstring for the columns)."""
    return ActorTable.from_frame(read_csv_file(path), source=str(path))
