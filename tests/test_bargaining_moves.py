"""forecast()'s table of moves, built column by column, against the plain row-by-row reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from redline.bargaining import forecast
from redline.bargaining.bdm import MOVE_TYPES, resolve_settings, simulate, validate_inputs
from redline.bargaining.model import MOVE_COLUMNS, _moves


def _reference(history: list[dict], positions: np.ndarray, names: list) -> pd.DataFrame:
    """The table one dict per move (what forecast() built before)."""
    rows = []
    for t, h in enumerate(history, start=1):
        for i in np.flatnonzero(h["kind"][0] > 0):
            j = int(h["counterpart"][0, i])
            rows.append(
                {
                    "round": t,
                    "actor": names[i],
                    "move_type": MOVE_TYPES[int(h["kind"][0, i])],
                    "counterpart": names[j],
                    "from_position": float(positions[t - 1, i]),
                    "to_position": float(positions[t, i]),
                    "E_ij": float(h["E_ij"][0, i]),
                    "E_ji": float(h["E_ji"][0, i]),
                }
            )
    return pd.DataFrame(rows, columns=MOVE_COLUMNS)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("compat", ["default", "scholz_code"])
def test_moves_match_the_row_by_row_reference(seed, compat):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 12))
    x, c, s = rng.uniform(0, 100, n), rng.uniform(0.1, 5, n), rng.uniform(0.1, 1, n)
    names = [f"A{i}" for i in range(n)]
    result = forecast(
        {"actor": names, "position": x, "capability": c, "salience": s}, compat=compat, max_rounds=60
    )
    settings = resolve_settings(compat, max_rounds=60)
    xx, cc, ss = validate_inputs(x, c, s)
    history = simulate(xx, cc, ss, settings, record=True)["history"]
    positions = np.vstack([xx[0]] + [h["positions"][0] for h in history])
    expected = _reference(history, positions, names)
    pd.testing.assert_frame_equal(_moves(history, positions, names), expected, check_exact=True)
    assert len(result.moves) > 0
    assert list(result.moves.dtypes) == list(expected.dtypes)  # the same column types through forecast()


def test_no_move_gives_the_same_empty_table():
    x = np.array([[50.0, 50.0, 50.0]])
    history = [
        {
            "kind": np.zeros((1, 3), int),
            "counterpart": np.full((1, 3), -1),
            "E_ij": np.zeros((1, 3)),
            "E_ji": np.zeros((1, 3)),
            "positions": x,
        }
    ]
    positions = np.vstack([x[0], x[0]])
    pd.testing.assert_frame_equal(
        _moves(history, positions, ["a", "b", "c"]), _reference(history, positions, ["a", "b", "c"])
    )
