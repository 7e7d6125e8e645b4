"""The report's opening: how to read it, its limitations and the headline answers.
"""

from __future__ import annotations

from typing import Any

from redline.report.markup import (
    _esc,
    _table,
)

__all__ = ["LIMITATIONS", "headlines_section"]


_HOW_TO_READ = {
    "issue": (
        "Decisions and bargaining",
        "<b>Does the proposal pass?</b> applies the alliance's decision rule to every ally's coded position: "
        "under consensus one ally that prefers the status quo is enough to block. The percentage is the "
        "share of the uncertain codings in which it passes; 0% means no plausible coding lets it through. "
        "<b>Where does bargaining land?</b> is a forecast of where the allies' positions converge on the "
        "0–100 scale, beside two simple baselines (the capability-and-salience-weighted median and mean); "
        "when the baselines say much the same, trust the agreement more than the model.",
    ),
    "deter": (
        "Deterrence",
        "<b>Attack pays in X% of the assumption draws</b>: the share of the draws of the uncertain, "
        "assumed payoffs (stakes and costs) in which Russia would judge an attack on the state worth it. "
        "It says where the coded values sit against the threshold, not how likely an attack is: on a knife "
        "edge (expected utility near 0) it is near 50% whatever the real risk. <b>Annual P(attack)</b> is "
        "the calibrated figure: the retrodiction backtest's link, fitted to Russia's attacks on its "
        "neighbours since 2000 in the years before the scenario's. Allies are covered by Article 5, "
        "partners only by a coalition of the willing.",
    ),
    "escalation": (
        "Escalation",
        "The probability of reaching the nuclear rung of the escalation ladder within the horizon shown. A "
        "ladder fitted to the record gives a level within its horizon (12 months in the shipped scenarios) "
        "with a 90% credible interval: fitted to "
        "the red lines crossed and the months without an involuntary move, but resting on assumptions the "
        "record cannot test (thresholds, the rate at rungs never reached, priors), said in the answer. An "
        "illustrative ladder's probabilities are invented: read only the change before and after its "
        "observations, not the level.",
    ),
    "restraint": (
        "Deterrence versus restraint",
        "Lifting the restrictions on the protégé lowers the risk that it is attacked but raises the risk of "
        "escalation; the two numbers move in opposite directions, and the effect sizes are assumptions.",
    ),
    "claim": (
        "The article's claims",
        "Each claim is checked against the shipped data with a documented rule. 'mixed' means the data agree "
        "in part; 'consistent with the data' means a causal claim agrees with a correlation, which cannot "
        "prove a cause; 'not testable' means the data needed are missing, which is reported, never filled in.",
    ),
}
"""Plain-language 'how to read' boxes, one per kind of headline (key prefix → title, text)."""


LIMITATIONS = (
    "Limitations: the codings of positions, salience and willingness are rules applied to public data "
    "with analyst-chosen weights; payoffs, uncertainty widths and escalation probabilities are "
    "assumptions; data gaps are left out, never filled in; the models capture formal rules, while real "
    "outcomes also turn on side payments, opt-outs, venues and domestic politics."
)


def headlines_section(summary: dict[str, Any]) -> str:
    """The headline answers grouped by kind, each group with a plain-language 'how to read' box."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for h in summary.get("headlines", []):
        if h.get("detail") or (h["key"].startswith("deter.base.") and "(Article 5)" in h["question"]):
            continue  # every ally's own line is in the deterrence table and on its page
        kind = h["key"].split(".")[0]
        groups.setdefault(kind if kind in _HOW_TO_READ else "other", []).append(
            {
                "question": h["question"],
                "answer": h["answer"],
                "interval": h.get("interval", ""),
                "interval of": h.get("interval_of", ""),
            }
        )
    out = ["<h2 id='answers'>Answers</h2>", f"<p class='limits'>{_esc(LIMITATIONS)}</p>"]
    for kind, rows in groups.items():
        title, text = _HOW_TO_READ.get(kind, ("Other answers", ""))
        out.append(f"<h3>{_esc(title)}</h3>")
        out.append(_table(rows, name=f"answers-{kind}"))
        if text:
            out.append(f"<div class='howto'><b>How to read this:</b> {text}</div>")
    return "".join(out)
