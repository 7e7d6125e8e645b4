"""Run the claims: the registry, :func:`check_claims`, the verdicts as a table, and the claims as of
each data vintage.
"""

from __future__ import annotations

import dataclasses
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
    Verdict,
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
    tables_to_year,
)
from redline.analytics.claims.votes import illiberal_less_aligned
from redline.errors import RedlineError
from redline.rng import RNGLike

__all__ = ["CLAIMS", "CLAIM_TABLES", "check_claims", "claims_frame", "claims_vintages", "verdict_with_window"]


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


CLAIM_TABLES: dict[str, tuple[str, ...]] = {
    "frontline_spend_most": ("defence_expenditure", "milex"),
    "us_largest_donor_absolute": ("ukraine_support",),
    "us_largest_donor_relative": ("ukraine_support",),
    "us_most_dependable_donor": ("kiel_releases", "ukraine_support"),
    "nato_spending_rose_nine_percent": ("milex", "defence_expenditure"),
    "illiberal_less_aligned": ("unga_votes", "ukraine_support", "democracy"),
    "europe_aid_vs_us": ("ukraine_support", "kiel_releases"),
    "us_share_of_nato_spending": ("defence_expenditure", "milex"),
    "threat_not_size": ("defence_expenditure", "gdp"),
}
"""The dated tables each claim reads (its reason names what of them was left out as later than the year)."""


def _with_window(result: ClaimResult, year: int, notes: Mapping[str, list[str]]) -> ClaimResult:
    """``result`` with its data window in the reason: data to 31 Dec ``year``, what was left out as
    later or is undated; a not-testable claim says "not testable with data to <date>"."""
    end = dt.date(year, 12, 31)
    said = [f"{table}: {text}" for table in CLAIM_TABLES.get(result.id, ()) for text in notes.get(table, ())]
    window = f"Data to {end} (article year {year})" + (f"; {'; '.join(said)}" if said else "") + "."
    reason = result.reason.rstrip()
    reason = reason if reason.endswith((".", "…")) else f"{reason}."
    if result.verdict is Verdict.not_testable:
        reason = f"not testable with data to {end}: {reason}"
    missing = result.missing
    if result.verdict is Verdict.not_testable and said:
        missing = (*missing, f"data dated to {end} in place of those left out ({'; '.join(said)})")
    return dataclasses.replace(result, reason=f"{reason} {window}", missing=missing)


def _drop_unused(result: ClaimResult, cut: Tables) -> ClaimResult:
    """``result`` without the data records of tables the year's cut left empty (nothing of them was used)."""
    used = tuple(d for d in result.data if d.table not in cut or cut[d.table] is None or not cut[d.table].empty)
    return result if used == result.data else dataclasses.replace(result, data=used)


def verdict_with_window(verdict: str, year: int) -> str:
    """A claim's verdict as a headline answer, with its data window ("mixed (data to 2024-12-31)";
    not testable: "not testable with data to 2024-12-31")."""
    end = dt.date(int(year), 12, 31)
    if verdict == str(Verdict.not_testable):
        return f"not testable with data to {end}"
    return f"{verdict} (data to {end})"


def check_claims(
    tables: Tables | None = None,
    *,
    releases: Mapping[str, str] | None = None,
    article_year: int = ARTICLE_YEAR,
    claims: Sequence[str] | None = None,
    rng: RNGLike = 0,
) -> list[ClaimResult]:
    """Check the article's claims; returns one :class:`ClaimResult` per claim, in article order.

    Each claim reads only the data dated up to 31 Dec ``article_year`` (:func:`tables_to_year`: no
    hindsight; the same votes ``redline factions --year`` reads) and names that window in its reason.

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
    year = int(article_year)
    cut, notes = tables_to_year(tables, year)
    return [_with_window(_drop_unused(CLAIMS[c](cut, releases, year, rng), cut), year, notes) for c in chosen]


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
    release held ("now"); both read only data dated to the end of ``article_year``. Columns: id, verdict_as_of, value_as_of, missing_as_of, verdict_now,
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
