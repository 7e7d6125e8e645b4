"""Plotly figures for the analytics: burden scatter, alignment heatmap, faction dendrogram.

Figures are returned, not shown; :func:`save_html` writes a self-contained page (plotly.js embedded,
no CDN, no network access needed to view it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.figure_factory as ff
import plotly.graph_objects as go
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from redline.analytics.burden import GUIDELINES
from redline.analytics.factions import check_similarity
from redline.errors import RedlineError

__all__ = ["burden_figure", "alignment_heatmap", "faction_dendrogram", "check_plot_path", "save_html"]


def burden_figure(
    burden: pd.DataFrame,
    frontline: Iterable[str] = (),
    *,
    title: str = "Defence burden vs economic size",
    guidelines: dict[str, float] | None = None,
) -> go.Figure:
    """Scatter of GDP (log scale) against defence % of GDP, frontline states highlighted.

    ``burden`` is the frame of :func:`redline.analytics.burden.defence_burden` (``iso3, gdp,
    burden_pct``). Horizontal lines mark the 2 % and 3.5 % guidelines. Rows missing GDP or burden
    are left out and counted in the subtitle.
    """
    for column in ("iso3", "gdp", "burden_pct"):
        if column not in burden.columns:
            raise RedlineError(f"burden_figure: column {column!r} missing; have {list(burden.columns)}")
    front = set(frontline)
    data = burden.dropna(subset=["gdp", "burden_pct"])
    dropped = sorted(set(burden["iso3"]) - set(data["iso3"]))
    fig = go.Figure()
    for is_front, name, colour in (
        (False, "other allies", "#4C78A8"),
        (True, "frontline (border Russia/Belarus)", "#E45756"),
    ):
        part = data[data["iso3"].isin(front) == is_front]
        fig.add_trace(
            go.Scatter(
                x=part["gdp"] / 1e9,
                y=part["burden_pct"],
                mode="markers+text",
                text=part["iso3"],
                textposition="top center",
                name=name,
                marker={"color": colour, "size": 10},
                hovertemplate="%{text}<br>GDP %{x:,.0f} bn USD<br>%{y:.2f}% of GDP<extra></extra>",
            )
        )
    for name, level in (GUIDELINES if guidelines is None else guidelines).items():
        fig.add_hline(y=level, line_dash="dash", line_color="grey", annotation_text=name.replace("pct", " %"))
    subtitle = f"<br><sup>not plotted (missing GDP or burden): {', '.join(dropped)}</sup>" if dropped else ""
    fig.update_layout(
        title=title + subtitle,
        xaxis={"title": "GDP, billion current USD (log scale)", "type": "log"},
        yaxis={"title": "defence expenditure, % of GDP"},
        template="plotly_white",
    )
    return fig


def alignment_heatmap(
    similarity: pd.DataFrame,
    *,
    order: Iterable[str] | None = None,
    factions: pd.DataFrame | None = None,
    title: str = "Voting similarity (UN General Assembly)",
    measure: str = "similarity",
) -> go.Figure:
    """Heatmap of a square similarity matrix, rows and columns in faction order.

    ``order`` gives the member order directly; otherwise ``factions`` (the member frame of
    :func:`redline.analytics.factions.factions`) orders members by Louvain faction, then by
    within-faction similarity. Missing pairs show as gaps.
    """
    names = list(similarity.index)
    if order is not None:
        names = [n for n in order if n in similarity.index]
    elif factions is not None:
        ranked = factions.sort_values(
            ["louvain_faction", "within_similarity", "member"], ascending=[True, False, True]
        )
        names = [m for m in ranked["member"] if m in similarity.index]
    matrix = similarity.loc[names, names]
    if factions is not None:
        faction_of = factions.set_index("member")["louvain_faction"].to_dict()
        names_labelled = [f"{n} (F{faction_of.get(n, '?')})" for n in names]
    else:
        names_labelled = names
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(dtype=float),
            x=names_labelled,
            y=names_labelled,
            zmin=0.0,
            zmax=1.0,
            colorscale="Viridis",
            colorbar={"title": measure},
            hovertemplate="%{y} – %{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_layout(title=title, yaxis={"autorange": "reversed"}, template="plotly_white")
    return fig


def faction_dendrogram(
    similarity: pd.DataFrame,
    *,
    height: float = 0.5,
    title: str = "Average-linkage dendrogram (distance = 1 − similarity)",
    fill_missing: float | None = None,
) -> go.Figure:
    """Average-linkage dendrogram on 1 − similarity, with the cut height drawn as a line."""
    sim = check_similarity(similarity, fill_missing=fill_missing)
    names = list(sim.index)
    if len(names) < 2:
        raise RedlineError("faction_dendrogram: need at least 2 members")
    distance = 1.0 - sim.to_numpy(dtype=float)
    np.fill_diagonal(distance, 0.0)
    fig = ff.create_dendrogram(
        np.arange(len(names))[:, None],
        labels=names,
        distfun=lambda _x: squareform(distance, checks=False),
        linkagefun=lambda d: hierarchy.linkage(d, method="average"),
        color_threshold=height,
    )
    fig.add_hline(y=height, line_dash="dot", line_color="grey", annotation_text=f"cut h = {height:g}")
    fig.update_layout(title=title, yaxis={"title": "distance"}, template="plotly_white", showlegend=False)
    return fig


def check_plot_path(path: str | Path) -> Path:
    """The plot file as a Path, if it can be written: a ``.html`` name in an existing folder.

    Called before any work, so a bad ``--plot`` fails before output is printed.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise RedlineError(f"plot file {target}: expected a .html file name")
    if not target.parent.exists():
        raise RedlineError(f"plot file {target}: folder {target.parent} does not exist; create it first")
    return target


def save_html(fig: go.Figure, path: str | Path) -> Path:
    """Write ``fig`` as a self-contained HTML page (plotly.js embedded: works offline)."""
    target = check_plot_path(path)
    fig.write_html(target, include_plotlyjs=True, full_html=True)
    return target
