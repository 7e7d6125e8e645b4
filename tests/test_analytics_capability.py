"""CINC (models.md §6.1): spec vector, missing-component rule, relative labelling."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from redline.analytics.capability import COMPONENTS, cinc, world_cinc
from redline.errors import RedlineError

ROWS = {
    "X": (900, 1300, 80, 90, 335, 280),
    "Y": (300, 1100, 75, 30, 145, 110),
    "Z": (80, 150, 35, 12, 40, 30),
}


def plain_cinc(rows):
    """Mean over reported components of x / Σ x over the states reporting that component."""
    out = {}
    for state, values in rows.items():
        shares = []
        for j, v in enumerate(values):
            if v is None:
                continue
            total = sum(r[j] for r in rows.values() if r[j] is not None)
            shares.append(v / total)
        out[state] = (sum(shares) / len(shares), len(shares))
    return out


def frame(rows):
    return pd.DataFrame(
        [[np.nan if v is None else v for v in r] for r in rows.values()], index=list(rows), columns=COMPONENTS
    )


def test_spec_vector():
    ref = plain_cinc(ROWS)
    assert [ref[s][0] for s in "XYZ"] == pytest.approx([0.604450, 0.304751, 0.090799], abs=1e-6)
    out = cinc(frame(ROWS), relative=False).set_index("state")
    assert out["cinc"].tolist() == pytest.approx([ref[s][0] for s in "XYZ"], abs=1e-12)
    assert out["cinc"].sum() == pytest.approx(1.0)
    assert set(out["index"]) == {"CINC"} and set(out["n_components"]) == {6}


def test_missing_component_rule():
    rows = dict(ROWS)
    rows["Z"] = (80, 150, None, 12, 40, 30)
    ref = plain_cinc(rows)
    assert [ref[s][0] for s in "XYZ"] == pytest.approx([0.620296, 0.319607, 0.072117], abs=1e-6)
    out = cinc(frame(rows), system="toy").set_index("state")
    assert out["cinc"].tolist() == pytest.approx([ref[s][0] for s in "XYZ"], abs=1e-12)
    assert out.loc["Z", "n_components"] == 5 and "irst" not in out.loc["Z", "components_used"]
    assert math.isnan(out.loc["Z", "share_irst"])
    assert set(out["index"]) == {"relative CINC"} and set(out["system"]) == {"toy"}
    with pytest.raises(RedlineError, match="irst missing for Z"):
        cinc(frame(rows), missing="raise")


def test_errors():
    with pytest.raises(RedlineError, match="none of the components"):
        cinc(pd.DataFrame({"gdp": [1.0]}))
    with pytest.raises(RedlineError, match="non-negative"):
        cinc(pd.DataFrame({"milex": [-1.0, 2.0]}))


def test_world_cinc_is_relative_with_two_components(sources_dir):
    from redline.world import World

    w = World.for_year(2023)
    states = ["USA", "RUS", "CHN", "DEU"]
    out = world_cinc(w.actors, states).set_index("state")
    assert set(out["index"]) == {"relative CINC"}
    assert set(out["n_components"]) == {2}
    assert out["cinc"].sum() == pytest.approx(1.0)
    milex = w.actors.loc[states, "milex_usd"]
    assert out.loc["USA", "share_milex"] == pytest.approx(milex["USA"] / milex.sum())
