"""Escalation: P(rung) curves before and after the ladder's observations.
"""

from __future__ import annotations

from typing import Any

from redline.report.markup import (
    _ci,
    _esc,
    _figure,
    _num,
    _table,
)

__all__ = ["escalation_section"]


def escalation_section(esc: dict[str, Any]) -> str:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    out = ["<h2 id='escalation'>Escalation and red lines</h2>"]
    out.append(f"<p><b>{_esc(esc.get('name'))}</b>. {_esc(esc.get('source', ''))}</p>")
    if esc.get("illustrative"):
        out.append(
            "<p class='note'>Illustrative numbers: the ladder's probabilities are invented to illustrate the model, not estimates.</p>"
        )
    if esc.get("observations"):
        out.append(_table(esc["observations"], name="escalation-observations"))
    out.append(
        "<p class='note'>The pusher P (Ukraine and its backers) decides whether to cross the next red line; "
        "the defender R (Russia) retaliates or not. θ is P's belief that R is resolute: an unanswered crossing "
        "lowers it and makes P bolder. Solid lines: the expected path; dashed: if R is in fact resolute; "
        "dotted: if R is bluffing.</p>"
    )
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            "P(nuclear rung reached by step t)",
            "P's expected belief that R is resolute, E[θ_t]",
        ),
    )
    colours = {"before": "#4575b4", "after": "#d73027"}
    labels = {
        "p_nuclear": "expected",
        "p_nuclear_resolute": "if R resolute",
        "p_nuclear_bluffer": "if R bluffs",
    }
    for when in ("before", "after"):
        d = esc.get(when) or {}
        steps = d.get("step", [])
        for key, dash in (
            ("p_nuclear", "solid"),
            ("p_nuclear_resolute", "dash"),
            ("p_nuclear_bluffer", "dot"),
        ):
            if key in d:
                fig.add_trace(
                    go.Scatter(
                        x=steps,
                        y=d[key],
                        name=f"{when} the observations: {labels[key]}",
                        line={"color": colours[when], "dash": dash},
                    ),
                    1,
                    1,
                )
        if "belief" in d:
            fig.add_trace(
                go.Scatter(
                    x=steps,
                    y=d["belief"],
                    name=f"{when}: belief",
                    line={"color": colours[when]},
                    showlegend=False,
                ),
                1,
                2,
            )
    fig.update_layout(
        height=400,
        template="plotly_white",
        xaxis={"title": "step"},
        xaxis2={"title": "step"},
        yaxis={"title": "probability"},
        yaxis2={"title": "belief θ"},
        legend={"orientation": "h", "y": -0.25},
    )
    out.append(_figure(fig))
    mc = esc.get("monte_carlo")
    out.append(
        f"<p>P(nuclear rung within {esc.get('steps')} steps): <b>{_num(esc.get('p_nuclear_after'), pct=True)}</b> after the "
        f"observations, {_num(esc.get('p_nuclear_before'), pct=True)} before."
        + (
            f" Monte Carlo check: {_num(mc['mean'], pct=True)} {_ci(mc['lo'], mc['hi'])} over {mc['n']} runs."
            if mc
            else ""
        )
        + "</p>"
    )
    return "".join(out)
