"""The report's back matter: dated events, assumptions and codings, data provenance.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from redline.report.markup import (
    _esc,
    _figure,
    _table,
)

__all__ = ["assumptions_section", "events_section", "provenance_section"]


def events_section(summary: dict[str, Any]) -> str:
    """A timeline of the dated events in the bundled data (those after the run's date marked)."""
    import plotly.graph_objects as go

    from redline.data import load_table

    try:
        events = load_table("events")
    except Exception:  # noqa: BLE001 - a snapshot without events has no timeline
        return ""
    if events.empty:
        return ""
    events = events.sort_values("date").reset_index(drop=True)
    dates = pd.to_datetime(events["date"])
    kinds = list(dict.fromkeys(events["event_type"]))
    fig = go.Figure()
    for kind in kinds:
        part = events[events["event_type"] == kind]
        fig.add_trace(
            go.Scatter(
                x=dates[part.index],
                y=[kind.replace("_", " ")] * len(part),
                mode="markers",
                marker={"size": 11},
                name=kind.replace("_", " "),
                text=[
                    f"{d}: {a}: {t}"
                    for d, a, t in zip(part["date"], part["actor_iso3"], part["description"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_layout(
        title="Timeline of the dated events in the data (hover for each event)",
        height=120 + 28 * len(kinds),
        template="plotly_white",
        showlegend=False,
        margin={"l": 160, "t": 50, "b": 40},
        xaxis={"title": "date"},
    )
    return (
        "<h2 id='events'>Timeline of events</h2>"
        + _figure(fig)
        + "<details><summary>The events table</summary>"
        + _table(events, ["date", "actor_iso3", "event_type", "description"], name="events", full=events)
        + "</details>"
    )


def assumptions_section(summary: dict[str, Any], scenario_text: str) -> str:
    out = ["<h2 id='assumptions'>Assumptions and codings</h2>"]
    out.append(
        "<p>Issue positions, salience and capability are coded from the data by the rules in the scenario file "
        "(each issue's coding table is under its section above); status-quo and proposal points, coding weights, "
        "uncertainty widths, deterrence payoffs and the escalation ladder are analyst assumptions.</p>"
    )
    det = summary.get("deterrence")
    if det:
        out.append("<h3>Deterrence coding parameters</h3>")
        out.append(_table(det.get("params", []), name="deterrence-parameters"))
        if det.get("uncertainty"):
            out.append("<p>Distributions: " + _esc(json.dumps(det["uncertainty"])) + "</p>")
        example = det.get("coding_example")
        if example:
            frame = pd.DataFrame(example["table"])
            shown = ["ally", "w", "capability_usd", "reach", "capability_theatre_usd", "a", "missing"]
            out.append(
                f"<details><summary>Allies' coding in full, for target {_esc(example['target'])} (every "
                "state's responders are on its page)</summary>"
            )
            out.append(_table(frame, shown, name="allies-coding", full=frame))
            out.append("</details>")
        from redline.report.countries import common_notes

        common = common_notes(det.get("targets", []))
        if common:
            out.append(
                "<p><b>Notes that hold for every target</b> (each state's own notes are on its page):</p><ul>"
            )
            out.extend(f"<li>{_esc(n)}</li>" for n in common)
            out.append("</ul>")
    if scenario_text:
        out.append(
            "<details><summary>The scenario file</summary><pre>" + _esc(scenario_text) + "</pre></details>"
        )
    return "".join(out)


def provenance_section(summary: dict[str, Any]) -> str:
    run = summary.get("run", {})
    out = [
        "<h2 id='provenance'>Run and data provenance</h2>",
        _table([{"field": k, "value": v} for k, v in run.items()], name="run"),
    ]
    prov = summary.get("provenance", {})
    world = prov.get("world") or {}
    rows = []
    if isinstance(world, dict):
        for name, record in world.items():
            if isinstance(record, dict):
                rows.append(
                    {"table": name, **{k: v for k, v in record.items() if not isinstance(v, dict | list)}}
                )
            else:
                rows.append({"table": name, "record": record})
    if rows:
        # object dtype keeps integer years integral where other records lack the field
        out.append(
            _table(
                pd.DataFrame(rows, dtype=object).fillna("—").astype(str).drop_duplicates(),
                name="data-provenance",
            )
        )
    weak = prov.get("source_quality") or {}
    if isinstance(weak, dict) and weak:
        out.append(
            "<p class='meta'>Rows citing state-affiliated media or a second-hand aggregator (kept where no "
            "primary page was found; flagged in column <code>source_quality</code>, docs/data.md):</p>"
        )
        out.append(
            _table([{"table": k, "flagged rows": str(v)} for k, v in weak.items()], name="source-quality")
        )
    out.append(
        f"<p class='meta'>Data snapshot version {_esc(prov.get('data_version', run.get('data_version')))}. "
        "Map outlines: Natural Earth 1:50m (public domain) via the npm package world-atlas@2 (ISC), redrawn "
        "with internationally recognised borders: Crimea inside Ukraine, hatched as occupied by Russia since "
        "2014 (UN General Assembly resolution 68/262). Other occupied areas are not outlined (no dated "
        "boundary geometry is shipped).</p>"
    )
    return "".join(out)
