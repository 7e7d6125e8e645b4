"""Per issue: the decision now (blockers, pivot, what it would take) and the bargaining forecast
against its baselines.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from redline.report.markup import (
    _ci,
    _country_link,
    _esc,
    _figure,
    _num,
    _scale,
    _table,
)

__all__ = ["ISSUES_INTRO", "issue_section"]

_OUTCOME_WORDS = {
    "adopted": "adopted",
    "adopted_with_opt_outs": "adopted with opt-outs",
    "adopted_with_reservations": "adopted with national reservations",
    "delayed": "delayed",
    "blocked": "blocked / falls short",
}
_ACTION_WORDS = {
    "reserve": "sign with a national reservation",
    "opt_out": "stay out / opt out",  # a veto venue's; national/coalition: venue.opt_out_words
    "concede": "concede",
    "delay": "delay",
    "block": "block",
}


ISSUES_INTRO = (
    "<p>Each issue is a line from 0 to 100; every ally's position, how much it cares (salience) and its "
    "capability are coded from the data (see each issue's coding table). <b>Does the proposal pass?</b> "
    "applies the decision rule (NATO decides by consensus: any ally that prefers the status quo blocks) at "
    "the coded positions and over their uncertainty. <b>Where does bargaining land?</b> is the forecast of "
    "Bueno de Mesquita's expected-utility bargaining model, compared with two simple baselines, the "
    "capability-and-salience-weighted median and mean of the positions.</p>"
)


def _pivot_text(decision: dict) -> str:
    """The pivotal actor when unique; otherwise how many bind equally (no tie-break artefact)."""
    if decision.get("pivotal"):
        return f"pivotal actor: <b>{_esc(decision['pivotal'])}</b>"
    tied = decision.get("details", {}).get("pivotal_tied", [])
    if tied:
        return f"{len(tied)} actors bind equally; none is pivotal alone"
    return "no pivotal actor"


def issue_section(issue: dict[str, Any]) -> str:
    import plotly.graph_objects as go

    out = [f"<h3 id='issue-{_esc(issue['id'])}'>{_esc(issue['title'])}</h3>"]
    if issue.get("question"):
        out.append(f"<p><b>{_esc(issue['question'])}</b></p>")
    out.append(
        f"<p class='meta'>Scale: 0 = {_esc(issue.get('scale_0', ''))}; 100 = {_esc(issue.get('scale_100', ''))}. "
        f"Status quo {_num(issue['status_quo'])}, proposal {_num(issue['proposal'])}, rule "
        f"<code>{_esc(issue['rule'])}</code>.</p>"
    )
    if issue.get("note"):  # e.g. an issue read from a backtest case file
        out.append(f"<p class='note'>{_esc(issue['note'])}</p>")
    decision = issue.get("decision")
    if decision:
        passes = decision.get("passes")
        mc = issue.get("mc_pass", {})
        out.append(
            f"<p>At the coded positions the proposal <span class='{'pass' if passes else 'fail'}'>"
            f"{'passes' if passes else 'is blocked'}</span>. Over the input uncertainty it passes in "
            f"<b>{_num(mc.get('mean'), pct=True)}</b> of {mc.get('n', 0)} draws {_ci(mc.get('lo'), mc.get('hi'))}.</p>"
        )
        if decision.get("blockers"):
            out.append(f"<p>Blockers, most opposed first: {_esc(', '.join(decision['blockers']))}.</p>")
        take = decision.get("what_it_would_take", {})
        out.append(
            f"<p>Largest passable proposal: <b>{_num(decision.get('largest_passable'), 1)}</b> "
            f"({_pivot_text(decision)}). Veto players: "
            f"{len(decision.get('veto_players', []))}.</p>"
        )
        if take:
            coalition = take.get("coalition_without_blockers")
            if isinstance(coalition, dict):
                out.append(
                    f"<p>Without the blockers, as a coalition of the willing: "
                    f"{'feasible' if coalition.get('feasible') else 'not feasible'} with "
                    f"{len(coalition.get('members', []))} members ({_esc(', '.join(coalition.get('members', [])))}); "
                    f"largest proposal they all accept {_scale(coalition.get('largest_passable'))}"
                    f" (pivotal: {_esc(coalition.get('pivotal'))}).</p>"
                )
            abstain = take.get("passes_if_blockers_abstain_constructively")
            if abstain is not None and str(issue["rule"]).startswith("eu-"):
                out.append(
                    f"<p>Passes if the blockers abstained constructively (EU-style): {_esc(abstain)}.</p>"
                )
            if take.get("pivot_chain"):
                out.append(
                    "<details><summary>Pivot chain: who binds if the pivotal actor steps aside</summary>"
                )
                out.append(_table(take["pivot_chain"], max_rows=15, name=f"pivot-chain-{issue['id']}"))
                out.append("</details>")
            if take.get("concessions"):
                out.append(
                    "<details><summary>What it would take: the shift each blocker would need</summary>"
                )
                out.append(_table(take["concessions"], max_rows=40, name=f"concessions-{issue['id']}"))
                out.append("</details>")
    out.extend(_venue_block(issue))
    bargain = issue.get("bargaining")
    actors = pd.DataFrame(issue.get("actors", []))
    if bargain and not actors.empty:
        base = bargain.get("baselines", {})
        weight = actors["capability"] * actors["salience"]
        size = 8 + 30 * np.sqrt(weight / weight.max()) if weight.max() > 0 else 10
        fig = go.Figure()
        fig.add_trace(
            go.Scatter(
                x=actors["position"],
                y=(actors["position"].rank(method="first") % 3) * 0.35,
                mode="markers+text",
                text=actors["actor"],
                textposition="top center",
                marker={"size": size, "color": "#7f9cbf", "opacity": 0.7},
                name="actors (size: capability × salience)",
                hovertemplate="%{text}: %{x:.1f}<extra></extra>",
            )
        )
        marks = [
            ("BDM forecast", bargain.get("forecast"), "#b42318"),
            ("weighted median", base.get("weighted_median"), "#1a7f37"),
            ("weighted mean", base.get("weighted_mean"), "#6f42c1"),
            ("status quo", issue["status_quo"], "#555"),
            ("proposal", issue["proposal"], "#e36209"),
        ]
        for k, (name, value, colour) in enumerate(marks):
            if value is not None:
                fig.add_trace(
                    go.Scatter(
                        x=[value, value],
                        y=[-1 - 0.2 * k, 1],
                        mode="lines",
                        name=f"{name}: {value:.1f}",
                        line={
                            "color": colour,
                            "width": 3 if k == 0 else 2,
                            "dash": "solid" if k < 3 else "dot",
                        },
                    )
                )
        dist = issue.get("forecast_distribution")
        if dist:
            centres = np.arange(2.5, 100, 5)
            counts = np.asarray(dist["histogram"], dtype=float)
            fig.add_trace(
                go.Bar(
                    x=centres,
                    y=-2 * counts / max(counts.max(), 1),
                    width=4.5,
                    name="Monte Carlo forecasts",
                    marker={"color": "#f4a582"},
                    base=-0.0,
                )
            )
        fig.update_layout(
            title=f"Bargaining: BDM forecast against the baselines ({bargain.get('status')}, {bargain.get('rounds')} rounds)",
            xaxis={"range": [-3, 103], "title": "position on the issue scale"},
            yaxis={"visible": False},
            height=330,
            margin={"t": 50, "b": 40, "l": 20, "r": 20},
            template="plotly_white",
            legend={"orientation": "h", "y": -0.3},
        )
        out.append(_figure(fig))
        path = bargain.get("trajectory", [])
        if len(path) > 1:
            fig = go.Figure(
                go.Scatter(
                    x=[p["round"] for p in path], y=[p["median"] for p in path], name="weighted median"
                )
            )
            fig.add_trace(
                go.Scatter(x=[p["round"] for p in path], y=[p["mean"] for p in path], name="weighted mean")
            )
            fig.update_layout(
                title="Bargaining rounds: the group's median and mean position",
                height=260,
                xaxis={"title": "round"},
                yaxis={"title": "position"},
                template="plotly_white",
                margin={"t": 40, "b": 40},
            )
            out.append(
                "<details><summary>Rounds of the bargaining model</summary>" + _figure(fig) + "</details>"
            )
    coding = issue.get("coding")
    if coding:
        origin = "the case file" if issue.get("source", {}).get("kind") == "case" else "the data"
        out.append(f"<details><summary>Coding: positions, salience and capability from {origin}</summary>")
        frame = pd.DataFrame(coding)
        shown = ["actor", "position", "salience", "capability", "capability_from", "missing", "override"]
        if "basis" in frame:  # statement coding, with the data coding (the prior) beside it
            shown[3:3] = ["basis", "position_data", "salience_data", "disagreement", "statement_source"]
        frame = frame.assign(actor=[_country_link(a) for a in frame["actor"]]) if "actor" in frame else frame
        out.append(_table(frame, shown, name=f"coding-{issue['id']}", full=coding))
        out.append("<p class='note'>The CSV has every column (the indicators behind each coding).</p>")
        out.append("</details>")
    return "".join(out)


def _venue_block(issue: dict[str, Any]) -> list[str]:
    """What is decided in the issue's venue: P(each outcome type) and who reserves, stays out or blocks.

    Read through the typed schema (:class:`redline.summary.IssueSummary`), so a malformed entry fails here.
    """
    from redline.summary import IssueSummary

    typed = IssueSummary.model_validate(issue)
    if typed.venue is None or typed.mc_outcome is None:
        return []
    venue = typed.venue
    rows = [
        {
            "outcome": _OUTCOME_WORDS.get(name, name),
            "P": stat.mean,
            "95% interval": _ci(stat.lo, stat.hi) if stat.lo is not None else "",
        }
        for name, stat in typed.mc_outcome.items()
    ]
    out = [
        f"<p><b>What is decided, and where?</b> In {_esc(venue.words or venue.kind)}: at the coded positions "
        f"{_esc(_OUTCOME_WORDS.get(venue.coded_outcome, venue.coded_outcome))}.</p>",
        _table(pd.DataFrame(rows), pct=("P",), max_rows=10, name=f"venue-{issue['id']}"),
    ]
    from redline.decisions.venue import opt_out_words

    labels = {**_ACTION_WORDS, "opt_out": opt_out_words(venue.kind, issue.get("status_quo"), issue.get("proposal"))}
    who = [
        f"{_esc(labels.get(action, action))}: {_esc(', '.join(names))}"
        for action, names in venue.coded_actions.items()
        if names
    ]
    if who:
        out.append(f"<p class='meta'>{'; '.join(who)}.</p>")
    statements = venue.statements or {}
    if statements.get("data_gap"):
        from redline.statements import gap_text

        disagree = statements.get("disagreements") or {}
        out.append(
            f"<p class='meta'>Positions of {statements['coded']} of {statements['actors']} actors from dated "
            f"statements, {len(disagree)} disagreeing with the data coding; "
            f"{_esc(gap_text(statements['data_gap']))}.</p>"
        )
    return out
