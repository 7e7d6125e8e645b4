"""Who is a frontline state: the one definition every model and claim uses.

A state is **frontline** if it has a land border with Russia (Kaliningrad included) or Belarus:
``1`` if either border flag is 1, ``0`` if the flags known say neither, NaN when both flags are
missing (a gap stays a gap). Lists of frontline states (:func:`frontline_states`) hold the states
flagged 1, so a state with unknown borders is never counted as frontline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["FRONTLINE", "frontline", "frontline_states", "frontline_value"]

FRONTLINE = "1 if the state has a land border with Russia (incl. Kaliningrad) or Belarus"
"""The definition in words (indicator tables and reports print it)."""

_COLUMNS = (("land_border_russia", "border_russia"), ("land_border_belarus", "border_belarus"))


def _flag(frame: pd.DataFrame, names: tuple[str, str]) -> pd.Series:
    for name in names:
        if name in frame.columns:
            return pd.to_numeric(frame[name], errors="coerce")
    return pd.Series(np.nan, index=frame.index)


def frontline(frame: pd.DataFrame) -> pd.Series:
    """1.0 / 0.0 / NaN per row of ``frame`` (columns ``land_border_russia`` and ``land_border_belarus``,
    or the indicator names ``border_russia`` and ``border_belarus``)."""
    russia, belarus = (_flag(frame, names) for names in _COLUMNS)
    out = ((russia == 1) | (belarus == 1)).astype(float)
    out[russia.isna() & belarus.isna()] = np.nan
    return out.rename("frontline")


def frontline_value(border_russia: object, border_belarus: object) -> float:
    """The flag of one state from its two border flags (each 1, 0 or missing)."""
    row = pd.DataFrame({"border_russia": [border_russia], "border_belarus": [border_belarus]})
    return float(frontline(row).iloc[0])


def frontline_states(frame: pd.DataFrame) -> list[str]:
    """The index labels (ISO3 codes) of the rows flagged frontline, in the frame's order."""
    flags = frontline(frame)
    return [str(code) for code in flags.index[flags == 1]]
