"""The article's empirical claims, each as a testable statement checked against the shipped data.

Every claim is a :class:`ClaimResult`: the claim in the article's words, the testable statement, the
statistic, the data used (table, release, years), a verdict from :class:`Verdict` reached by a
written decision rule, the reason (which branch of the rule fired, with the numbers), the data that
would be needed but are missing, and an evidence table. :func:`check_claims` runs them all.

The article's year is taken to be **2024**: the article discusses events of 2024 (the Kursk
incursion in August, North Korean troops in October, the lifting of the US long-range strike
restriction in November, Turkey's BRICS application in September) and calls the US the most
dependable donor, which predates the stop of new US aid after January 2025. Pass
``article_year=`` to test another year.

Verdicts: ``supported`` (every part of the rule holds), ``consistent with the data`` (every part holds
for a causal claim tested on a cross-sectional correlation, which cannot support a cause), ``mixed``
(some parts hold), ``not supported`` (none holds), ``not testable with shipped data`` (the data needed
are absent; ``missing`` names them).

Modules (one concept each): ``records`` (verdict, data used, the claim record), ``tables`` (the data
the claims read), ``spending``, ``aid``, ``votes`` (the claims, by subject), ``check`` (registry, running,
vintages), ``markdown``. Every name importable from ``redline.analytics.claims`` before the split still is.
"""

from __future__ import annotations

from redline.analytics.claims.aid import (  # noqa: F401 - names kept importable from here
    STALL_GROWTH,
    _europe_vs_us_from_headlines,
    europe_aid_vs_us,
    us_largest_donor_absolute,
    us_largest_donor_relative,
    us_most_dependable_donor,
)
from redline.analytics.claims.check import (  # noqa: F401 - names kept importable from here
    CLAIMS,
    check_claims,
    claims_frame,
    claims_vintages,
)
from redline.analytics.claims.markdown import (  # noqa: F401 - names kept importable from here
    _md_cell,
    _md_table,
    claims_markdown,
)
from redline.analytics.claims.records import (  # noqa: F401 - names kept importable from here
    ARTICLE_AS_OF,
    ARTICLE_YEAR,
    ClaimResult,
    DataUsed,
    Verdict,
    _not_testable,
)
from redline.analytics.claims.spending import (  # noqa: F401 - names kept importable from here
    NINE_PERCENT_ABOUT,
    NINE_PERCENT_PRECISION,
    frontline_spend_most,
    nato_spending_rose_nine_percent,
    threat_not_size,
    us_share_of_nato_spending,
)
from redline.analytics.claims.tables import (  # noqa: F401 - names kept importable from here
    EUROPE_NON_EU,
    NATO_FULL_RELEASE,
    TABLES,
    Tables,
    _day,
    _europe_codes,
    _frontline,
    _kiel,
    _kiel_used,
    _nato_members,
    _nato_rows,
    _nato_total_series,
    _need,
    _rank_desc,
    _release_of,
    kiel_series,
    load_claim_tables,
    tables_as_of,
)
from redline.analytics.claims.votes import (  # noqa: F401 - names kept importable from here
    ILLIBERAL,
    illiberal_less_aligned,
)

__all__ = [
    "ARTICLE_YEAR",
    "ARTICLE_AS_OF",
    "tables_as_of",
    "claims_vintages",
    "ILLIBERAL",
    "EUROPE_NON_EU",
    "NINE_PERCENT_PRECISION",
    "NINE_PERCENT_ABOUT",
    "STALL_GROWTH",
    "kiel_series",
    "Verdict",
    "DataUsed",
    "ClaimResult",
    "CLAIMS",
    "check_claims",
    "load_claim_tables",
    "claims_frame",
    "claims_markdown",
]
