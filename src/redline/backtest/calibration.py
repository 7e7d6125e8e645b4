"""Calibration: does an event forecast at p happen a share p of the time? (reliability diagram)

Forecasts are grouped into equal-width bins of P(adopted); per bin we report how many forecasts fell
in it, their mean, and the share of those cases adopted (with a Wilson 95% interval, which stays
inside [0, 1] and is honest for the handful of cases a backtest has). A well-calibrated method lies on
the diagonal (Murphy & Winkler 1977; Bröcker & Smith 2007 on reliability diagrams).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from redline.stats import wilson

__all__ = ["reliability_plot", "reliability_table", "wilson_interval"]


wilson_interval = wilson
"""Wilson score interval for a binomial proportion (NaN where n = 0): :func:`redline.stats.wilson`."""


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 5) -> pd.DataFrame:
    """One row per bin: ``bin_low``, ``bin_high``, ``n``, ``mean_forecast``, ``observed_rate``,
    ``observed_low``, ``observed_high``. Empty bins have n = 0 and NaN elsewhere; the last bin
    includes 1. NaN forecasts are left out."""
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(p)
    p, y = p[keep], y[keep]
    # b / bins exactly (linspace rounds 3/10 to 0.30000000000000004 and bins 0.3 low).
    edges = np.arange(bins + 1) / bins
    index = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    n = np.bincount(index, minlength=bins)
    sum_p = np.bincount(index, weights=p, minlength=bins)
    sum_y = np.bincount(index, weights=y, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_p = np.where(n > 0, sum_p / n, np.nan)
        rate = np.where(n > 0, sum_y / n, np.nan)
    low, high = wilson_interval(sum_y, n)
    return pd.DataFrame(
        {
            "bin_low": edges[:-1],
            "bin_high": edges[1:],
            "n": n,
            "mean_forecast": mean_p,
            "observed_rate": rate,
            "observed_low": low,
            "observed_high": high,
        }
    )


def reliability_plot(tables: dict[str, pd.DataFrame], path: str | Path, title: str = "Reliability") -> Path:
    """Write a self-contained HTML reliability diagram (plotly.js embedded: works offline).

    ``tables`` maps a method name to its :func:`reliability_table`.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="perfect calibration",
            line={"dash": "dash", "color": "grey"},
        )
    )
    for name, table in tables.items():
        rows = table[table["n"] > 0]
        fig.add_trace(
            go.Scatter(
                x=rows["mean_forecast"],
                y=rows["observed_rate"],
                mode="lines+markers",
                name=name,
                marker={"size": 6 + 4 * np.sqrt(rows["n"].to_numpy())},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["observed_high"] - rows["observed_rate"],
                    "arrayminus": rows["observed_rate"] - rows["observed_low"],
                },
                text=[f"n = {k}" for k in rows["n"]],
                hovertemplate="forecast %{x:.2f}<br>observed %{y:.2f}<br>%{text}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(
        title=title,
        xaxis={"title": "mean forecast P(adopted)", "range": [0, 1]},
        yaxis={"title": "share adopted (Wilson 95% interval)", "range": [-0.02, 1.02]},
        template="plotly_white",
    )
    path = Path(path)
    fig.write_html(path, include_plotlyjs=True, full_html=True)
    return path
