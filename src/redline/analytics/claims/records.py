"""The record of one checked claim: its verdict, the data it used, and the article's year.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from redline.results import Result

__all__ = ["ARTICLE_YEAR", "ARTICLE_AS_OF", "Verdict", "DataUsed", "ClaimResult"]


ARTICLE_YEAR = 2024


ARTICLE_AS_OF = dt.date(2024, 12, 31)
"""The day the article's data are taken "as of" (an assumption: it discusses events of late 2024 and
predates the stop of new US aid after January 2025). :func:`claims_vintages` compares it with now."""


class Verdict(StrEnum):
    supported = "supported"
    consistent = "consistent with the data"
    """A causal claim ("X drives Y") whose rule holds on a cross-sectional correlation: the data agree
    with it, but a correlation cannot support a cause."""
    mixed = "mixed"
    not_supported = "not supported"
    not_testable = "not testable with shipped data"


@dataclass(frozen=True)
class DataUsed:
    """One input of a claim: table, release and the years (or date range) used."""

    table: str
    release: str
    years: str
    columns: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"table": self.table, "release": self.release, "years": self.years, "columns": self.columns}


@dataclass(frozen=True)
class ClaimResult(Result):
    """A claim checked against data (see the module docstring for the fields' meaning)."""

    id: str
    claim: str
    statement: str
    statistic: str
    value: float
    verdict: Verdict
    rule: str
    reason: str
    data: tuple[DataUsed, ...]
    missing: tuple[str, ...] = ()
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (NaN → None); ``evidence`` is a list of row records."""
        from redline.serialize import to_jsonable

        return to_jsonable(
            {
                "id": self.id,
                "claim": self.claim,
                "statement": self.statement,
                "statistic": self.statistic,
                "value": self.value,
                "verdict": str(self.verdict),
                "rule": self.rule,
                "reason": self.reason,
                "data": [d.to_dict() for d in self.data],
                "missing": list(self.missing),
                "evidence": self.evidence,
            }
        )


def _not_testable(base: dict[str, Any], missing: Sequence[str], reason: str) -> ClaimResult:
    return ClaimResult(
        **base,
        value=math.nan,
        verdict=Verdict.not_testable,
        reason=reason,
        missing=tuple(missing),
    )
