"""Burden-sharing: who pays for the alliance's defence, and does size or threat drive it.

Measures of models.md §5.1: the defence burden b_i = milex_i / GDP_i and its gap to NATO's 2 % and
3.5 % guidelines, the burden ratio BR_i = (milex_i / Σ milex) / (GDP_i / Σ GDP), the
Olson–Zeckhauser exploitation test (does b rise with GDP?), the partial correlation controlling for
threat proximity, frontline-versus-rest differences with bootstrap intervals, Ukraine aid relative to
GDP and per head, and the year-on-year change of a spending total.

References: Olson & Zeckhauser (1966), *An economic theory of alliances*; Sandler & Hartley (2001),
*Economics of alliances: the lessons for collective action*.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from redline.errors import RedlineError
from redline.rng import RNGLike, as_generator

__all__ = [
    "GUIDELINES",
    "EXACT_PERMUTATION_MAX_N",
    "defence_burden",
    "burden_ratio",
    "aid_burden",
    "olson_zeckhauser",
    "partial_correlation",
    "group_difference",
    "spending_change",
]

GUIDELINES = {"2pct": 2.0, "3.5pct": 3.5}
"""NATO guidelines in percent of GDP: Wales 2014 (2 %) and The Hague 2025 core defence (3.5 %)."""

EXACT_PERMUTATION_MAX_N = 9
"""Up to this many members the Spearman p-value enumerates all n! pairings (§5.1)."""


def _as_float(values: Sequence[float] | np.ndarray | pd.Series, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise RedlineError(f"{name}: expected a one-dimensional sequence of numbers, got shape {array.shape}")
    return array


def burden_ratio(milex: Sequence[float], gdp: Sequence[float]) -> np.ndarray:
    """BR_i = (milex_i / Σ milex) / (GDP_i / Σ GDP); BR > 1 carries more than the economic share.

    Members with a missing value get NaN and are left out of both sums (the shares are over the
    members reporting both figures).
    """
    m, g = _as_float(milex, "milex"), _as_float(gdp, "gdp")
    if m.shape != g.shape:
        raise RedlineError(f"milex and gdp differ in length: {m.size} vs {g.size}")
    ok = np.isfinite(m) & np.isfinite(g)
    out = np.full(m.shape, np.nan)
    if ok.any():
        out[ok] = (m[ok] / m[ok].sum()) / (g[ok] / g[ok].sum())
    return out


def defence_burden(
    frame: pd.DataFrame,
    *,
    gdp: str = "gdp_usd",
    milex: str = "defence_usd",
    pct: str | None = "defence_pct_gdp",
    guidelines: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Defence burden per member: % of GDP, gap to each guideline, share of spending and BR.

    Parameters
    ----------
    frame : DataFrame indexed by ISO3 (e.g. ``World.for_year(y).actors`` restricted to NATO).
    gdp, milex : columns with GDP and military spending in the same currency unit.
    pct : column holding a published % of GDP (NATO's figure, on its own GDP basis). When given it is
        used for ``burden_pct``; otherwise ``100 * milex / gdp``.

    Returns
    -------
    Tidy DataFrame, one row per member: ``iso3, gdp, milex, burden_pct, gap_2pct, gap_3.5pct,
    milex_share, gdp_share, burden_ratio``. Gaps are ``burden_pct - guideline`` (negative = short).
    Missing inputs stay NaN.
    """
    for column in [gdp, milex] + ([pct] if pct else []):
        if column not in frame.columns:
            raise RedlineError(f"defence_burden: column {column!r} not found; have {list(frame.columns)}")
    guidelines = GUIDELINES if guidelines is None else guidelines
    g = frame[gdp].to_numpy(dtype=float)
    m = frame[milex].to_numpy(dtype=float)
    burden = frame[pct].to_numpy(dtype=float) if pct else 100.0 * m / g
    ok = np.isfinite(m) & np.isfinite(g)
    out = pd.DataFrame(
        {
            "iso3": frame.index.astype(str),
            "gdp": g,
            "milex": m,
            "burden_pct": burden,
        }
    )
    for name, level in guidelines.items():
        out[f"gap_{name}"] = burden - level
    out["milex_share"] = np.where(ok, m / np.nansum(np.where(ok, m, np.nan)), np.nan)
    out["gdp_share"] = np.where(ok, g / np.nansum(np.where(ok, g, np.nan)), np.nan)
    out["burden_ratio"] = burden_ratio(m, g)
    return out.sort_values("burden_pct", ascending=False, na_position="last").reset_index(drop=True)


def aid_burden(
    frame: pd.DataFrame,
    *,
    aid_eur_bn: str = "ukraine_aid_total_eur_bn",
    pct_gdp: str = "ukraine_aid_pct_gdp",
    population: str = "population",
) -> pd.DataFrame:
    """Ukraine aid per donor: total (EUR bn), % of GDP and EUR per inhabitant.

    The % of GDP is taken as published (Kiel: allocations over the donor's 2021 GDP in EUR) rather
    than re-derived, because the Kiel total is in euros and our GDP series is in current dollars.
    Per-capita aid uses the population column (World Bank, 2024). Gaps stay NaN.
    """
    for column in (aid_eur_bn, pct_gdp, population):
        if column not in frame.columns:
            raise RedlineError(f"aid_burden: column {column!r} not found; have {list(frame.columns)}")
    aid = frame[aid_eur_bn].to_numpy(dtype=float)
    pop = frame[population].to_numpy(dtype=float)
    out = pd.DataFrame(
        {
            "iso3": frame.index.astype(str),
            "aid_eur_bn": aid,
            "aid_pct_gdp": frame[pct_gdp].to_numpy(dtype=float),
            "aid_eur_per_capita": aid * 1e9 / pop,
        }
    )
    return out.sort_values("aid_eur_bn", ascending=False, na_position="last").reset_index(drop=True)


def _spearman_permutation_p(
    x: np.ndarray, y: np.ndarray, n_resamples: int, rng: RNGLike
) -> tuple[float, str]:
    """One-sided p(ρ_S ≥ observed): exact over all n! pairings for n ≤ 9, else random pairings."""
    exact = x.size <= EXACT_PERMUTATION_MAX_N
    # Permuting one variable against the other fixed gives all n! pairings (scipy's idiom for
    # correlation tests); permuting both would count each pairing n! times. The ranks of a permuted
    # sample are the permuted ranks, so rank once: with the mean and spread of each rank vector fixed
    # by the permutation, Spearman's ρ of a pairing is a dot product of centred ranks.
    rx = stats.rankdata(x)
    rx_centred = rx - rx.mean()
    ry = stats.rankdata(y)
    ry = (ry - ry.mean()) / np.sqrt(((ry - ry.mean()) ** 2).sum() * (rx_centred**2).sum())

    def spearman_of_pairing(a: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.moveaxis(a - rx.mean(), axis, -1) @ ry

    result = stats.permutation_test(
        (rx,),
        spearman_of_pairing,
        permutation_type="pairings",
        alternative="greater",
        vectorized=True,
        n_resamples=math.factorial(x.size) if exact else n_resamples,
        rng=as_generator(rng),
    )
    return float(result.pvalue), ("exact" if exact else f"{n_resamples} random permutations")


def partial_correlation(
    x: Sequence[float], y: Sequence[float], z: Sequence[float], *, method: str = "spearman"
) -> tuple[float, float, int]:
    """First-order partial correlation r_xy·z and its two-sided p-value (t with n − 3 df).

    r_xy·z = (r_xy − r_xz r_yz) / sqrt((1 − r_xz²)(1 − r_yz²)); with ``method="spearman"`` the r are
    rank correlations. Used for the article's counter-claim that threat proximity (a frontline dummy
    or distance to Moscow), not economic size, drives the burden. Returns (r, p, n).
    """
    xa, ya, za = _as_float(x, "x"), _as_float(y, "y"), _as_float(z, "z")
    ok = np.isfinite(xa) & np.isfinite(ya) & np.isfinite(za)
    xa, ya, za = xa[ok], ya[ok], za[ok]
    n = xa.size
    if n < 4:
        return math.nan, math.nan, n
    if method == "spearman":
        xa, ya, za = stats.rankdata(xa), stats.rankdata(ya), stats.rankdata(za)
    elif method != "pearson":
        raise RedlineError(f"partial_correlation: method must be 'spearman' or 'pearson', got {method!r}")
    r = np.corrcoef(np.vstack([xa, ya, za]))
    rxy, rxz, ryz = r[0, 1], r[0, 2], r[1, 2]
    denominator = math.sqrt((1 - rxz**2) * (1 - ryz**2))
    if denominator == 0 or not math.isfinite(denominator):
        return math.nan, math.nan, n
    partial = float(np.clip((rxy - rxz * ryz) / denominator, -1.0, 1.0))
    df = n - 3
    if abs(partial) == 1.0:
        return partial, 0.0, n
    t = partial * math.sqrt(df / (1 - partial**2))
    return partial, float(2 * stats.t.sf(abs(t), df)), n


def olson_zeckhauser(
    gdp: Sequence[float],
    burden: Sequence[float],
    *,
    control: Sequence[float] | None = None,
    control_name: str = "control",
    n_resamples: int = 100_000,
    rng: RNGLike = 0,
) -> pd.DataFrame:
    """Olson–Zeckhauser exploitation test: does the burden b rise with economic size (GDP)?

    H1: ρ_S(GDP, b) > 0 (large members bear a disproportionate share). Reports Spearman ρ with its
    two-sided t-approximation p-value and the one-sided permutation p-value (exact over all n!
    pairings for n ≤ 9, else ``n_resamples`` random pairings), Pearson r on GDP and on log GDP,
    Kendall τ_b, and, when ``control`` is given (frontline dummy or distance to Moscow), the partial
    Spearman correlation controlling for it. Members with a missing value are dropped (``n`` says how
    many remain).

    Returns a tidy frame: ``statistic, value, p_value, alternative, method, n``.
    """
    g, b = _as_float(gdp, "gdp"), _as_float(burden, "burden")
    if g.shape != b.shape:
        raise RedlineError(f"gdp and burden differ in length: {g.size} vs {b.size}")
    ok = np.isfinite(g) & np.isfinite(b)
    g, b = g[ok], b[ok]
    n = int(g.size)
    if n < 3:
        raise RedlineError(f"olson_zeckhauser: need at least 3 members with both GDP and burden, got {n}")
    spearman = stats.spearmanr(g, b)
    p_perm, perm_method = _spearman_permutation_p(g, b, n_resamples, rng)
    pearson = stats.pearsonr(g, b)
    pearson_log = stats.pearsonr(np.log(g), b)
    kendall = stats.kendalltau(g, b, variant="b")
    rows = [
        ("spearman_rho", spearman.statistic, spearman.pvalue, "two-sided", "t-approximation", n),
        ("spearman_rho", spearman.statistic, p_perm, "greater", perm_method, n),
        ("pearson_r_gdp", pearson.statistic, pearson.pvalue, "two-sided", "t", n),
        ("pearson_r_log_gdp", pearson_log.statistic, pearson_log.pvalue, "two-sided", "t", n),
        ("kendall_tau_b", kendall.statistic, kendall.pvalue, "two-sided", "exact or normal (scipy)", n),
    ]
    if control is not None:
        c = _as_float(control, "control")
        if c.shape != ok.shape:
            raise RedlineError(f"control differs in length from gdp: {c.size} vs {ok.size}")
        r, p, m = partial_correlation(g, b, c[ok], method="spearman")
        rows.append((f"partial_spearman_given_{control_name}", r, p, "two-sided", "t with n-3 df", m))
    return pd.DataFrame(rows, columns=["statistic", "value", "p_value", "alternative", "method", "n"])


def group_difference(
    values: Sequence[float],
    in_group: Sequence[bool],
    *,
    n_resamples: int = 9_999,
    confidence: float = 0.95,
    rng: RNGLike = 0,
) -> pd.DataFrame:
    """Group (e.g. frontline) minus the rest: difference in means and medians with bootstrap CIs.

    Each group is resampled independently (percentile bootstrap, scipy). Also reports the one-sided
    Mann–Whitney U p-value for "the group is higher". NaN values are dropped.

    Returns a tidy frame: ``statistic, group_value, rest_value, difference, ci_low, ci_high,
    p_value, n_group, n_rest``.
    """
    v = _as_float(values, "values")
    mask = np.asarray(in_group, dtype=bool)
    if mask.shape != v.shape:
        raise RedlineError(f"values and in_group differ in length: {v.size} vs {mask.size}")
    ok = np.isfinite(v)
    a, b = v[ok & mask], v[ok & ~mask]
    if a.size < 2 or b.size < 2:
        raise RedlineError(f"group_difference: need at least 2 values per group, got {a.size} and {b.size}")
    gen = as_generator(rng)
    mw = stats.mannwhitneyu(a, b, alternative="greater")
    rows = []
    for name, fn in (("mean", np.mean), ("median", np.median)):

        def diff(x: np.ndarray, y: np.ndarray, axis: int = -1, fn: Callable = fn) -> np.ndarray:
            return fn(x, axis=axis) - fn(y, axis=axis)

        boot = stats.bootstrap(
            (a, b),
            diff,
            vectorized=True,
            n_resamples=n_resamples,
            confidence_level=confidence,
            method="percentile",
            rng=gen,
        )
        rows.append(
            (
                name,
                float(fn(a)),
                float(fn(b)),
                float(fn(a) - fn(b)),
                float(boot.confidence_interval.low),
                float(boot.confidence_interval.high),
                float(mw.pvalue),
                int(a.size),
                int(b.size),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "statistic",
            "group_value",
            "rest_value",
            "difference",
            "ci_low",
            "ci_high",
            "p_value",
            "n_group",
            "n_rest",
        ],
    )


def spending_change(totals: pd.Series | pd.DataFrame, *, value: str = "value") -> pd.DataFrame:
    """Year-on-year change of a spending total: ``year, value, change, change_pct``.

    ``totals`` is a Series indexed by year, or a frame with ``year`` and ``value`` columns. A missing
    year gives NaN changes for it and the next year (no interpolation).
    """
    if isinstance(totals, pd.DataFrame):
        if "year" not in totals.columns or value not in totals.columns:
            raise RedlineError(
                f"spending_change: expected columns 'year' and {value!r}, got {list(totals.columns)}"
            )
        series = totals.set_index("year")[value]
    else:
        series = totals
    series = series.astype(float).sort_index()
    years = np.arange(int(series.index.min()), int(series.index.max()) + 1)
    series = series.reindex(years)
    previous = series.shift(1)
    return pd.DataFrame(
        {
            "year": years,
            "value": series.to_numpy(),
            "change": (series - previous).to_numpy(),
            "change_pct": (100.0 * (series / previous - 1.0)).to_numpy(),
        }
    )
