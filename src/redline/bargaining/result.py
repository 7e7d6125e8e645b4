"""Result records of the bargaining model: one forecast with its history, or a batch of draws."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from redline.bargaining.bdm import status_label
from redline.results import Result
from redline.serialize import to_jsonable

__all__ = ["BargainingResult", "BatchForecast", "Trajectory", "jsonable"]


jsonable = to_jsonable
"""Plain Python values for JSON (the package's one converter, :func:`redline.serialize.to_jsonable`)."""


@dataclass(frozen=True)
class Trajectory:
    """Per-round state of one run; row 0 is the start, row t the state after round t."""

    median: np.ndarray
    """(rounds + 1,) weighted median (the round's forecast)."""
    mean: np.ndarray
    """(rounds + 1,) weighted mean (diagnostic)."""
    positions: np.ndarray
    """(rounds + 1, actors) positions."""
    risk_exponent: np.ndarray
    """(rounds + 1, actors) risk exponent r used in the round (NaN in row 0)."""

    def to_frame(self, actors: tuple[str, ...]) -> pd.DataFrame:
        """Wide table: round, median, mean, then one position column per actor."""
        frame = pd.DataFrame({"round": np.arange(len(self.median)), "median": self.median, "mean": self.mean})
        positions = pd.DataFrame(self.positions, columns=list(actors))
        return pd.concat([frame, positions], axis=1)


@dataclass(frozen=True)
class BargainingResult(Result):
    """One forecast of the expected-utility model (models.md §1.5) with baselines beside it."""

    actors: tuple[str, ...]
    forecast: float
    """Final weighted median, or the mean of the medians in a detected cycle."""
    status: str
    """``converged``, ``cycle(k)`` or ``max_rounds``."""
    rounds: int
    cycle_min: float
    """Lowest median within the cycle (NaN unless ``status`` is a cycle)."""
    cycle_max: float
    trajectory: Trajectory
    moves: pd.DataFrame
    """One row per move: round, actor, move_type, counterpart, from_position, to_position, E_ij, E_ji."""
    baselines: dict[str, float]
    """weighted_mean, weighted_median (of the initial positions) and status_quo (NaN if not given)."""
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def final_positions(self) -> np.ndarray:
        return self.trajectory.positions[-1]

    def to_frame(self) -> pd.DataFrame:
        """Long per-round table: round, actor, position, risk_exponent, move_type, counterpart."""
        n_rows, n = self.trajectory.positions.shape
        frame = pd.DataFrame(
            {
                "round": np.repeat(np.arange(n_rows), n),
                "actor": np.tile(np.array(self.actors, dtype=object), n_rows),
                "position": self.trajectory.positions.ravel(),
                "risk_exponent": self.trajectory.risk_exponent.ravel(),
                "move_type": "none",
                "counterpart": None,
            }
        )
        if not self.moves.empty:
            keyed = self.moves.set_index(["round", "actor"])
            key = pd.MultiIndex.from_arrays([frame["round"], frame["actor"]])
            hit = key.isin(keyed.index)
            frame.loc[hit, "move_type"] = keyed.loc[key[hit], "move_type"].to_numpy()
            frame.loc[hit, "counterpart"] = keyed.loc[key[hit], "counterpart"].to_numpy()
        return frame

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready summary: forecast, status, rounds, baselines, trajectory, moves, settings."""
        trajectory = [
            {
                "round": t,
                "median": float(self.trajectory.median[t]),
                "mean": float(self.trajectory.mean[t]),
                "positions": dict(zip(self.actors, self.trajectory.positions[t].tolist(), strict=True)),
            }
            for t in range(len(self.trajectory.median))
        ]
        return jsonable(
            {
                "forecast": self.forecast,
                "status": self.status,
                "rounds": self.rounds,
                "cycle_min": self.cycle_min,
                "cycle_max": self.cycle_max,
                "baselines": self.baselines,
                "final_positions": dict(zip(self.actors, self.final_positions.tolist(), strict=True)),
                "trajectory": trajectory,
                "moves": self.moves.to_dict(orient="records"),
                "settings": dict(self.settings),
            }
        )


@dataclass(frozen=True)
class BatchForecast(Result):
    """Forecasts of many draws at once (arrays with a leading draw axis)."""

    forecast: np.ndarray
    """(draws,) final weighted median or cycle mean."""
    status: np.ndarray
    """(draws,) codes: 0 converged, 1 max_rounds, k >= 2 cycle(k); see :meth:`status_labels`."""
    rounds: np.ndarray
    cycle_min: np.ndarray
    cycle_max: np.ndarray
    final_positions: np.ndarray
    """(draws, actors)."""
    moves: np.ndarray
    """(draws, actors): rounds in which each actor moved."""
    counterpart_moves: np.ndarray
    """(actors, actors): how often actor i moved toward actor j, summed over the draws."""

    def __len__(self) -> int:
        return len(self.forecast)

    def status_labels(self) -> list[str]:
        return [status_label(code) for code in self.status]

    def summary(self) -> dict[str, object]:
        """Draws, mean and median forecast, share of draws that converged, mean rounds."""
        return to_jsonable(
            {
                "draws": len(self),
                "forecast_mean": float(np.mean(self.forecast)) if len(self) else math.nan,
                "forecast_median": float(np.median(self.forecast)) if len(self) else math.nan,
                "converged_share": float(np.mean(self.status == 0)) if len(self) else math.nan,
                "rounds_mean": float(np.mean(self.rounds)) if len(self) else math.nan,
            }
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per draw: forecast, status, rounds, cycle_min, cycle_max."""
        return pd.DataFrame(
            {
                "draw": np.arange(len(self)),
                "forecast": self.forecast,
                "status": self.status_labels(),
                "rounds": self.rounds,
                "cycle_min": self.cycle_min,
                "cycle_max": self.cycle_max,
            }
        )
