"""Escalation curves for reports: cumulative P(nuclear) per true type and mixed, and the belief path."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from redline.escalation.exact import EscalationResult

__all__ = ["escalation_figure", "write_figure_html"]


def escalation_figure(result: EscalationResult, draw: int = 0, title: str | None = None) -> go.Figure:
    """A two-panel plotly figure of one draw of ``result``.

    Top: cumulative P(nuclear rung within t steps) if the responder is resolute, if it bluffs, and
    the ``π_R`` mixture. Bottom: the pusher's expected belief that the responder is resolute.
    The figure embeds no external resources; write it with :func:`write_figure_html` (plotly.js
    inlined, works offline).
    """
    steps = list(range(result.steps + 1))
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        row_heights=[0.62, 0.38],
        subplot_titles=("P(nuclear rung reached by step t)", "pusher's expected belief E[θ_t]"),
    )
    curves = (
        ("resolute responder", result.p_nuclear_resolute[draw], "dash"),
        ("bluffing responder", result.p_nuclear_bluffer[draw], "dot"),
        (f"mixture (π_R = {result.pi_resolute[draw]:.2f})", result.p_nuclear[draw], "solid"),
    )
    for name, values, dash in curves:
        fig.add_trace(
            go.Scatter(x=steps, y=values, name=name, mode="lines+markers", line={"dash": dash}), 1, 1
        )
    beliefs = (
        ("belief | resolute", result.belief_by_type[0, draw], "dash"),
        ("belief | bluffer", result.belief_by_type[1, draw], "dot"),
        ("belief (mixture)", result.belief[draw], "solid"),
    )
    for name, values, dash in beliefs:
        fig.add_trace(go.Scatter(x=steps, y=values, name=name, mode="lines", line={"dash": dash}), 2, 1)
    fig.update_xaxes(title_text="step", row=2, col=1)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(range=[0, 1], row=2, col=1)
    fig.update_layout(
        title=title or result.meta.get("ladder", "escalation"), template="plotly_white", height=600
    )
    return fig


def write_figure_html(fig: go.Figure, path: str | Path) -> Path:
    """Write ``fig`` as a self-contained HTML file (plotly.js inlined: no CDN, works offline)."""
    path = Path(path)
    fig.write_html(path, include_plotlyjs=True, full_html=True)
    return path
