"""Burden-sharing, alignment, cohesion, factions, capability — and the article's claims checked.

Pure measures over arrays and DataFrames, returning tidy DataFrames (models.md §5 and §6.1):

* :mod:`~redline.analytics.burden` — defence burden, burden ratio, Olson–Zeckhauser test, group
  differences with bootstrap CIs, year-on-year change of a total;
* :mod:`~redline.analytics.alignment` — UN General Assembly vote similarity (agreement, S, κ, π);
* :mod:`~redline.analytics.cohesion` — position cohesion, Agreement and Rice indices;
* :mod:`~redline.analytics.factions` — Louvain and average-linkage factions, modularity;
* :mod:`~redline.analytics.capability` — CINC (relative over a subsystem);
* :mod:`~redline.analytics.claims` — the article's claims with verdicts (:func:`check_claims`);
* :mod:`~redline.analytics.plots` — plotly figures (imported lazily: ``from redline.analytics.plots``).
"""

from redline.analytics.alignment import (
    alignment_table,
    alignment_with,
    dyadic_similarity,
    pair_similarity,
    reference_profile,
    similarity_matrix,
    vote_matrix,
)
from redline.analytics.burden import (
    aid_burden,
    burden_ratio,
    defence_burden,
    group_difference,
    olson_zeckhauser,
    partial_correlation,
    spending_change,
)
from redline.analytics.capability import cinc
from redline.analytics.claims import ClaimResult, Verdict, check_claims
from redline.analytics.cohesion import agreement_index, position_cohesion, rice_index, vote_cohesion
from redline.analytics.factions import factions, linkage_factions, louvain_factions, modularity

__all__ = [
    "aid_burden",
    "agreement_index",
    "alignment_table",
    "alignment_with",
    "burden_ratio",
    "check_claims",
    "cinc",
    "ClaimResult",
    "defence_burden",
    "dyadic_similarity",
    "factions",
    "group_difference",
    "linkage_factions",
    "louvain_factions",
    "modularity",
    "olson_zeckhauser",
    "pair_similarity",
    "partial_correlation",
    "position_cohesion",
    "reference_profile",
    "rice_index",
    "similarity_matrix",
    "spending_change",
    "Verdict",
    "vote_cohesion",
    "vote_matrix",
]
