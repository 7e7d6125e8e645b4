"""Comparing two runs question by question: what ``redline compare`` and ``redline show`` print.

Both read summaries in the typed form of :mod:`redline.summary`; the interval of a difference
B - A comes from :func:`redline.stats.mover_difference`.
"""

from __future__ import annotations

import math
from typing import Any

from redline.serialize import to_jsonable
from redline.stats import mover_difference
from redline.summary import Summary

__all__ = ["compare_rows", "difference", "headline_rows"]


def _plain(summary: dict[str, Any] | Summary) -> dict[str, Any]:
    return summary.to_dict() if isinstance(summary, Summary) else summary


def _fmt(headline: dict[str, Any] | None) -> str:
    """A headline's value with its interval: a probability in %, a change of probability in pp."""
    if headline is None:
        return "—"
    value, lo, hi = headline.get("value"), headline.get("lo"), headline.get("hi")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool | str):
        return str(value)
    if headline.get("change"):
        scale, unit, sign = 100.0, " pp", "+"
    elif headline.get("percent", True):
        scale, unit, sign = 100.0, "%", ""
    else:
        scale, unit, sign = 1.0, "", ""
    text = f"{value * scale:{sign}.1f}{unit}"
    if lo is not None and hi is not None:
        text += f" [{lo * scale:{sign}.1f}, {hi * scale:{sign}.1f}]"
    return text


def headline_rows(summary: dict[str, Any] | Summary) -> list[dict[str, str]]:
    """One row per question: the headline answer, its interval and what the interval is of (a 95%
    Monte Carlo interval of a share, a 90% credible interval, ...: not always the answer's own figure)."""
    summary = _plain(summary)
    return [
        {
            "question": h["question"],
            "answer": h["answer"],
            "interval": h.get("interval", ""),
            "interval of": h.get("interval_of", ""),
        }
        for h in summary.get("headlines", [])
        if not h.get("detail")
    ]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def difference(ha: dict[str, Any], hb: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    """B - A of two headline values, with a 95% interval when both carry one.

    The interval combines the two intervals by the MOVER method (Zou & Donner 2008; for proportions with
    Wilson intervals it is Newcombe's 1998 hybrid score interval), treating the runs as independent.
    Runs that share a seed share random numbers, so for them the interval is conservative.
    """
    va, vb = _number(ha.get("value")), _number(hb.get("value"))
    if va is None or vb is None:
        return None, None, None
    la, ua, lb, ub = (_number(h.get(k)) for h in (ha, hb) for k in ("lo", "hi"))
    if None in (la, ua, lb, ub) or not ha.get("percent", True):
        return vb - va, None, None
    return mover_difference((va, la, ua), (vb, lb, ub))  # type: ignore[arg-type]


def compare_rows(a: dict[str, Any] | Summary, b: dict[str, Any] | Summary) -> list[dict[str, Any]]:
    """Per question present in either summary: A, B (each with its interval) and B - A with its interval."""
    a, b = _plain(a), _plain(b)
    index_a = {h["key"]: h for h in a.get("headlines", [])}
    index_b = {h["key"]: h for h in b.get("headlines", [])}
    rows = []
    for key in list(dict.fromkeys([*index_a, *index_b])):
        ha, hb = index_a.get(key), index_b.get(key)
        pct = (ha or hb).get("percent", True)
        diff, lo, hi = difference(ha, hb) if ha and hb else (None, None, None)
        if diff is None:
            change = "—"
        elif not pct:
            change = f"{diff:+.3g}"
        else:
            change = f"{diff * 100:+.1f} pp" + (
                f" [{lo * 100:+.1f}, {hi * 100:+.1f}]" if lo is not None else ""
            )
        rows.append(
            {
                "question": (ha or hb)["question"],
                "A": _fmt(ha),
                "B": _fmt(hb),
                "B - A": change,
            }
        )
    return to_jsonable(rows)
