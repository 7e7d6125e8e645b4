"""Burden sharing, UN-vote alignment, factions and the article's claims.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from redline.report.markup import (
    _esc,
    _figure,
    _num,
    _table,
)

__all__ = ["analytics_section"]


def analytics_section(analytics: dict[str, Any]) -> str:
    out = ["<h2 id='analytics'>Burden-sharing, alignment and factions</h2>"]
    burden = analytics.get("burden")
    if burden:
        from redline.analytics.plots import burden_figure

        frame = pd.DataFrame(burden["table"])
        out.append(_figure(burden_figure(frame, burden.get("frontline", []))))
    alignment = analytics.get("alignment")
    if alignment:
        from redline.analytics.plots import alignment_heatmap, faction_dendrogram

        states = alignment["similarity"]["states"]
        sim = pd.DataFrame(
            np.asarray(alignment["similarity"]["values"], dtype=float), index=states, columns=states
        )
        members = pd.DataFrame(alignment["factions"])
        rows = len(states)
        off = sim.to_numpy(dtype=float)[~np.eye(rows, dtype=bool)] if rows > 1 else np.array([])
        off = off[~np.isnan(off)]
        if off.size == 0 or np.ptp(off) < 1e-12:
            level = "—" if off.size == 0 else _num(float(off[0]))
            out.append(
                f"<p class='empty-plot'>No differences to draw: every pair of the {rows} states has the same "
                f"agreement ({level}) in these votes, so the heatmap would be one colour and the "
                "dendrogram a single flat join.</p>"
            )
        else:
            heatmap = alignment_heatmap(sim, factions=members, measure=alignment.get("measure", "agree"))
            heatmap.update_layout(height=max(420, 60 + 16 * rows))
            heatmap.update_xaxes(tickmode="linear", dtick=1)  # every state labelled
            heatmap.update_yaxes(tickmode="linear", dtick=1)
            out.append(_figure(heatmap))
            dendrogram = faction_dendrogram(sim, fill_missing=0.0)
            dendrogram.update_layout(width=None, autosize=True, height=380)
            out.append(_figure(dendrogram))
        summary = alignment.get("summary", {})
        resolutions = alignment.get("resolutions", [])
        out.append(
            f"<p class='note'>Agreement in {len(resolutions)} UN General Assembly votes on Ukraine "
            f"({_esc(', '.join(resolutions))}): 1 = always voted the same way. "
            f"{_esc(summary.get('n_members', rows))} states fall into {_esc(summary.get('n_louvain_factions', '—'))} "
            f"voting blocs (F1, F2, ... in the labels; Louvain communities, modularity "
            f"{_num(summary.get('modularity_louvain'))}; the dendrogram cuts at distance "
            f"{_num(summary.get('height'))}). States without votes in the data: "
            f"{_esc(', '.join(alignment.get('left_out', [])) or 'none')}. "
            f"Can these votes tell the allies apart? "
            f"{_esc(alignment.get('separation', {}).get('verdict', 'not computed'))}.</p>"
        )
    claims = analytics.get("claims")
    if claims:
        out.append("<h2 id='claims'>The article's claims checked against the data</h2>")
        rows = [
            {
                "claim": c["claim"],
                "verdict": c["verdict"],
                "statistic": c["statistic"],
                "value": c["value"],
                "reason": c["reason"],
                "data": "; ".join(f"{d['table']} [{d['release']}; {d['years']}]" for d in c.get("data", [])),
                "missing": "; ".join(c.get("missing", [])),
            }
            for c in claims
        ]
        cls = {
            "supported": "verdict-supported",
            "consistent with the data": "verdict-supported",
            "not supported": "verdict-not",
            "mixed": "verdict-mixed",
            "not testable with shipped data": "verdict-untestable",
        }
        out.append(_table(rows, cls=cls, name="claims"))
    return "".join(out)
