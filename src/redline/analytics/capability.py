"""Composite Index of National Capability (CINC), COW National Material Capabilities (models.md §6.1).

For each component j, share_ij = x_ij / Σ_k x_kj over the states of the system; CINC_i is the mean of
its shares. COW computes it over the whole international system; over a subsystem (e.g. NATO plus
Russia) the index is *relative* and is labelled so. A missing component is never read as 0: by
default each state's mean runs over the components it reports (each component's denominator over
the states reporting it) and ``n_components`` records how many were used.

Reference: Singer, Bremer & Stuckey (1972); COW NMC documentation (v6).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = ["COMPONENTS", "WORLD_COLUMNS", "cinc", "world_cinc"]

COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")
"""COW NMC components: military expenditure, military personnel, iron and steel production, primary
energy consumption, total population, urban population."""


def cinc(
    frame: pd.DataFrame,
    *,
    components: Sequence[str] | None = None,
    system: str = "international system",
    relative: bool = True,
    missing: str = "available",
) -> pd.DataFrame:
    """CINC of every state (row) in ``frame`` over the component columns present.

    Parameters
    ----------
    frame : rows = states (index = names), columns include the components (any subset of
        :data:`COMPONENTS`, or the names given in ``components``). NaN = not reported.
    system : label of the system the shares are taken over (e.g. ``"NATO + RUS"``).
    relative : True when ``frame`` is a subsystem, not the whole international system; the output
        then says ``index = "relative CINC"``.
    missing : ``"available"`` (mean over reported components, §6.1 default) or ``"raise"``.

    Returns
    -------
    Tidy frame: ``state, cinc, n_components, components_used, system, index`` plus one
    ``share_<component>`` column per component.
    """
    used = [c for c in (components or COMPONENTS) if c in frame.columns]
    if not used:
        raise RedlineError(
            f"cinc: none of the components {list(components or COMPONENTS)} is a column of the table"
        )
    x = frame[used].to_numpy(dtype=float)
    if (x < 0).any():
        raise RedlineError("cinc: components must be non-negative")
    reported = np.isfinite(x)
    if missing == "raise" and not reported.all():
        i, j = np.argwhere(~reported)[0]
        raise RedlineError(f"cinc: {used[j]} missing for {frame.index[i]} (missing='raise')")
    if missing not in ("available", "raise"):
        raise RedlineError(f"cinc: missing must be 'available' or 'raise', got {missing!r}")
    totals = np.where(reported, x, 0.0).sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(reported & (totals > 0), x / totals, np.nan)
    n_components = np.isfinite(shares).sum(1)
    with np.errstate(invalid="ignore"):
        index = np.where(n_components > 0, np.nansum(shares, axis=1) / np.maximum(n_components, 1), np.nan)
    out = pd.DataFrame(
        {
            "state": frame.index.astype(str),
            "cinc": index,
            "n_components": n_components,
            "components_used": [
                ",".join(c for c, ok in zip(used, row, strict=True) if ok) for row in np.isfinite(shares)
            ],
            "system": system,
            "index": "relative CINC" if relative else "CINC",
        }
    )
    for k, component in enumerate(used):
        out[f"share_{component}"] = shares[:, k]
    return out


WORLD_COLUMNS = {"milex": "milex_usd", "tpop": "population"}
"""World columns that supply CINC components; the other four (personnel, iron and steel, energy,
urban population) are not in the shipped data."""


def world_cinc(actors: pd.DataFrame, states: Sequence[str], *, system: str | None = None) -> pd.DataFrame:
    """Relative CINC of ``states`` from a World's actors table (SIPRI milex and population only).

    Only two of the six COW components are shipped, so every row has ``n_components`` ≤ 2 and the
    index is labelled relative to the chosen system. Missing figures stay missing (§6.1 rule).
    """
    unknown = [s for s in states if s not in actors.index]
    if unknown:
        raise RedlineError(f"world_cinc: unknown state(s) {', '.join(unknown)}")
    frame = pd.DataFrame({c: actors.loc[list(states), col].astype(float) for c, col in WORLD_COLUMNS.items()})
    if system is None:
        system = " + ".join(states) if len(states) <= 6 else f"{len(states)} states"
    return cinc(frame, system=system, relative=True)
