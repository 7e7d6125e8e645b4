"""The claims as a Markdown table (``redline claims --format markdown``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.claims.records import (
    ARTICLE_YEAR,
    ClaimResult,
)

__all__ = ["claims_markdown"]


def _md_cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        return "—" if math.isnan(value) else f"{value:.4g}"
    if value is None or value is pd.NA:
        return "—"
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(frame: pd.DataFrame, max_rows: int = 40) -> str:
    if frame.empty:
        return "_no evidence table_"
    shown = frame.head(max_rows)
    lines = ["| " + " | ".join(map(str, shown.columns)) + " |", "|" + "---|" * len(shown.columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    if len(frame) > max_rows:
        lines.append(f"\n_{len(frame) - max_rows} more rows (see the JSON output)_")
    return "\n".join(lines)


def claims_markdown(results: Sequence[ClaimResult], *, article_year: int = ARTICLE_YEAR) -> str:
    """A Markdown report: a summary table, then each claim with its rule, data and evidence."""
    out = [f"# The article's claims checked against the data (article year {article_year})", ""]
    out.append("| claim | verdict | statistic | value |")
    out.append("|---|---|---|---|")
    out += [f"| {r.id} | **{r.verdict}** | {_md_cell(r.statistic)} | {_md_cell(r.value)} |" for r in results]
    for r in results:
        out += [
            "",
            f"## {r.id}: {r.verdict}",
            "",
            f"*Claim.* {r.claim}",
            "",
            f"*Testable statement.* {r.statement}",
            "",
        ]
        out += [f"*Decision rule.* {r.rule}", "", f"*Result.* {r.reason}", "", "*Data.*", ""]
        out += [
            f"- `{d.table}` — {d.release}; {d.years}" + (f"; {d.columns}" if d.columns else "")
            for d in r.data
        ]
        if r.missing:
            out += ["", "*Missing data.*", ""] + [f"- {m}" for m in r.missing]
        out += ["", _md_table(r.evidence)]
    return "\n".join(out) + "\n"
