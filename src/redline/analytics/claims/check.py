"""Run the claims: the registry, :func:`check_claims`, the verdicts as a table, and the claims as of
each data vintage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from redline.analytics.claims.aid import (
    europe_aid_vs_us,
    us_largest_donor_absolute,
    us_largest_donor_relative,
    us_most_dependable_donor,
)
from redline.analytics.claims.records import (
    ARTICLE_AS_OF,
    ARTICLE_YEAR,
    ClaimResult,
)
from redline.analytics.claims.spending import (
    frontline_spend_most,
    nato_spending_rose_nine_percent,
    threat_not_size,
    us_share_of_nato_spending,
)
from redline.analytics.claims.tables import (
    Tables,
    load_claim_tables,
    tables_as_of,
)
from redline.analytics.claims.votes import illiberal_less_aligned
from redline.errors import RedlineError
from redline.rng import RNGLike

__all__ = ["CLAIMS", "check_claims", "claims_frame", "claims_vintages"]


CLAIMS: dict[str, Callable[[Tables, Mapping[str, str], int, RNGLike], ClaimResult]] = {
    "frontline_spend_most": frontline_spend_most,
    "us_largest_donor_absolute": us_largest_donor_absolute,
    "us_largest_donor_relative": us_largest_donor_relative,
    "us_most_dependable_donor": us_most_dependable_donor,
    "nato_spending_rose_nine_percent": nato_spending_rose_nine_percent,
    "illiberal_less_aligned": illiberal_less_aligned,
    "europe_aid_vs_us": europe_aid_vs_us,
    "us_share_of_nato_spending": us_share_of_nato_spending,
    "threat_not_size": threat_not_size,
}
"""Every checked claim by id, in the order of the article."""


def check_claims(
    tables: Tables | None = None,
    *,
    releases: Mapping[str, str] | None = None,
    article_year: int = ARTICLE_YEAR,
    claims: Sequence[str] | None = None,
    rng: RNGLike = 0,
) -> list[ClaimResult]:
    """Check the article's claims; returns one :class:`ClaimResult` per claim, in article order.

    Parameters
    ----------
    tables : table name → DataFrame (the shipped snapshot's columns). Default: the active snapshot.
    releases : table name → release text for tables without a ``release`` column (default: the
        snapshot's provenance records).
    article_year : the year the article speaks of (default 2024, see the module docstring).
    claims : ids to check (default all of :data:`CLAIMS`).
    rng : seed for the bootstrap and permutation tests (fixed by default: verdicts are reproducible).
    """
    if tables is None:
        tables, loaded = load_claim_tables()
        releases = {**loaded, **(releases or {})}
    releases = dict(releases or {})
    chosen = list(CLAIMS) if claims is None else list(claims)
    unknown = [c for c in chosen if c not in CLAIMS]
    if unknown:
        raise RedlineError(f"unknown claim id(s) {', '.join(unknown)}; known: {', '.join(CLAIMS)}")
    return [CLAIMS[c](tables, releases, int(article_year), rng) for c in chosen]


def claims_frame(results: Sequence[ClaimResult]) -> pd.DataFrame:
    """One row per claim: id, verdict, statistic, value, reason, data (short), missing."""
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "verdict": str(r.verdict),
                "statistic": r.statistic,
                "value": r.value,
                "reason": r.reason,
                "data": "; ".join(f"{d.table} [{d.release}; {d.years}]" for d in r.data),
                "missing": "; ".join(r.missing),
            }
            for r in results
        ]
    )


def claims_vintages(
    on: dt.date = ARTICLE_AS_OF, *, article_year: int = ARTICLE_YEAR, rng: RNGLike = 0
) -> pd.DataFrame:
    """Each claim judged twice: with the releases public on ``on`` ("as of the article") and with every
    release held ("now"). Columns: id, verdict_as_of, value_as_of, missing_as_of, verdict_now,
    value_now, changed (the verdict differs)."""
    tables, releases = load_claim_tables()
    then = check_claims(tables_as_of(tables, on), releases=releases, article_year=article_year, rng=rng)
    now = check_claims(tables, releases=releases, article_year=article_year, rng=rng)
    rows = []
    for a, b in zip(then, now, strict=True):
        rows.append(
            {
                "id": a.id,
                f"verdict_as_of_{on.isoformat()}": str(a.verdict),
                "value_as_of": a.value,
                "missing_as_of": "; ".join(a.missing),
                "verdict_now": str(b.verdict),
                "value_now": b.value,
                "changed": str(a.verdict) != str(b.verdict),
            }
        )
    return pd.DataFrame(rows)
