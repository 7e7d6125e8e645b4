"""Inputs of the power indices from the World: the EU Council's QMV populations, and the exact
QMV indices with the notes ``redline power eu-qmv`` prints (the command only parses and prints)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from redline.decisions.power import PowerIndices, double_majority_power
from redline.errors import RedlineError

__all__ = ["eu_qmv_populations", "eu_qmv_power"]


def eu_qmv_populations(year: int) -> tuple[pd.DataFrame, list[str], float | None]:
    """Council QMV populations of ``year`` from the data snapshot (``iso3, population``), notes, and
    the official EU total population (the ``EU27`` row; ``None`` if the snapshot has none).

    Uses the published absolute figures when present, else the *derived* share x EU total. Raises
    RedlineError naming the gap when a year, or some members, are missing.
    """
    try:
        from redline.data import load_table
    except ImportError as exc:  # pragma: no cover - the data layer ships with the package
        raise RedlineError(f"the data layer is not available ({exc}); pass --population POP.csv") from None
    table = load_table("eu_qmv_population")
    years = sorted({int(y) for y in table["year"]})
    rows = table[(table["year"] == year) & (table["iso3"] != "EU27")].copy()
    hint = "pass --population POP.csv (columns iso3,population) with the Council's Annex III figures"
    if rows.empty:
        raise RedlineError(
            f"no EU QMV population figures for {year} in the data snapshot "
            f"(years present: {', '.join(map(str, years)) or 'none'}); {hint}"
        )
    expected: set[str] | None = None
    try:
        from redline.world import World

        expected = set(World.for_year(year).members("EU"))
    except (ImportError, RedlineError):
        expected = None
    have = set(rows["iso3"])
    if expected is not None and expected - have:
        missing = sorted(expected - have)
        raise RedlineError(
            f"EU QMV population figures for {year} cover {len(have)} of {len(expected)} members "
            f"(missing {', '.join(missing)}); {hint}"
        )
    notes = []
    eu_rows = pd.to_numeric(table[(table["year"] == year) & (table["iso3"] == "EU27")]["population"])
    eu_total = float(eu_rows.iloc[0]) if not eu_rows.empty and pd.notna(eu_rows.iloc[0]) else None
    absolute = pd.to_numeric(rows["population"], errors="coerce")
    derived = pd.to_numeric(
        rows.get("population_derived", pd.Series(np.nan, index=rows.index)), errors="coerce"
    )
    if derived.isna().all() and "pct_of_eu_population" in rows and eu_total is not None:
        derived = rows["pct_of_eu_population"] / 100 * eu_total
    population = absolute.where(absolute.notna(), derived)
    if population.isna().any():
        gaps = rows.loc[population.isna(), "iso3"].tolist()
        raise RedlineError(f"EU QMV population for {year} missing for {', '.join(gaps)}; {hint}")
    if absolute.isna().any():
        notes.append(
            f"{int(absolute.isna().sum())} populations for {year} are derived as share x EU total "
            "(shares rounded to 0.01 percentage points, about +-22,500 persons)"
        )
    frame = pd.DataFrame({"iso3": rows["iso3"].to_numpy(), "population": population.to_numpy()})
    return frame, notes, eu_total


def eu_qmv_power(
    frame: pd.DataFrame,
    notes: list[str],
    official: float | None,
    *,
    year: int | None,
    total_population: float | None = None,
    states_pct: float = 55.0,
    population_pct: float = 65.0,
    blocking_minority: int | None = 4,
    unit: int = 1000,
) -> tuple[PowerIndices, list[str], str]:
    """Exact Shapley-Shubik and Banzhaf indices of the Council's double majority over ``frame``
    (``iso3, population``): the result, the notes (quota basis, rounding) and a title.

    The 65% quota refers to ``total_population`` if given, else the ``official`` EU total, else the
    members' sum; the exact DP counts populations in units of ``unit`` persons.
    """
    notes = list(notes)
    total = official if total_population is None else total_population
    member_sum = float(frame["population"].sum())
    if total is None:
        notes.append(f"population quota: {population_pct:g}% of the members' sum, {member_sum:,.0f} persons")
    else:
        source = "given" if total_population is not None else f"official EU27 total for {year}"
        notes.append(
            f"population quota: {population_pct:g}% of {total:,.0f} persons ({source}; "
            f"the member figures sum to {member_sum:,.0f})"
        )
    weights = np.rint(frame["population"].to_numpy(dtype=float) / unit).astype(np.int64)
    clause = blocking_minority
    total_units = None if total is None else Fraction(str(total)) / unit
    result = double_majority_power(
        weights, frame["iso3"].tolist(), states_pct, population_pct, clause, total_units
    )
    result.game.update(unit=unit, year=year, total_population_persons=total or member_sum)
    if total is not None and total_population is None:
        result.game["total_population_source"] = f"official EU27 total ({year})"
    notes.append(
        f"exact DP in units of {unit:,} persons: populations rounded, quota "
        f"{result.game['population_quota']:,} units"
    )
    title = f"EU QMV power ({states_pct:g}% states, {population_pct:g}% population" + (
        ", no blocking clause)" if clause is None else f", blocking minority {clause})"
    )
    return result, notes, title
