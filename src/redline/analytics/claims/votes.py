"""The claim about alignment: illiberal members vote less with the alliance at the UN.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.alignment import alignment_with, reference_profile, vote_matrix
from redline.analytics.claims.records import (
    ClaimResult,
    DataUsed,
    Verdict,
    _not_testable,
)
from redline.analytics.claims.tables import (
    Tables,
    _kiel_used,
    _nato_members,
)
from redline.rng import RNGLike

__all__ = ["ILLIBERAL", "illiberal_less_aligned"]


ILLIBERAL = ("HUN", "SVK", "TUR")


def illiberal_less_aligned(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 4: Hungary, Slovakia and Turkey are less aligned with the NATO median than the rest."""
    min_votes = 3
    base: dict[str, Any] = {
        "id": "illiberal_less_aligned",
        "claim": "Hungary, Slovakia and Turkey have drifted toward Russia.",
        "statement": "Hungary, Slovakia and Turkey are each less aligned with the NATO median than the "
        "median of the other allies on three indicators: UN General Assembly votes on the Ukraine "
        "resolutions, aid to Ukraine in % of GDP, and liberal democracy.",
        "statistic": "share of tested (state, indicator) cells where the state is below the other allies' median",
        "rule": "For each state and indicator: 'below' if its value is strictly below the median of the "
        "other allies (UN votes: Signorino–Ritter S_abs with the per-resolution NATO median vote, at "
        f"least {min_votes} shared valid votes, else untested; aid: Kiel total allocations in % of 2021 GDP; "
        "democracy: V-Dem v2x_libdem). Supported if every tested cell is below and each state has at least "
        "2 tested indicators; not supported if no tested cell is below; mixed otherwise; not testable if no "
        "cell can be tested.",
    }
    countries = tables.get("countries")
    if countries is None or countries.empty:
        return _not_testable({**base, "data": ()}, ["table 'countries'"], "required table absent")
    members = _nato_members(countries, year)
    indicators: dict[str, pd.Series] = {}
    n_shared = pd.Series(dtype=float)
    data: list[DataUsed] = []
    missing: list[str] = []
    votes = tables.get("unga_votes")
    if votes is not None and not votes.empty:
        matrix = vote_matrix(votes, states=members)
        profile = reference_profile(matrix, members)
        align = alignment_with(matrix, profile, reference_name="nato-median").set_index("iso3")
        n_shared = align["n_shared"]
        indicators["unga_s_abs_vs_nato_median"] = align["s_abs"].where(align["n_shared"] >= min_votes)
        blank = int(matrix.isna().sum().sum())
        dates = pd.to_datetime(votes["date"].astype(str))
        data.append(
            DataUsed(
                "unga_votes",
                releases.get("unga_votes", "UN GA votes"),
                f"{dates.min():%Y-%m-%d} … {dates.max():%Y-%m-%d} ({matrix.shape[1]} resolutions)",
                f"vote; {blank} of {matrix.size} ally-votes blank or absent",
            )
        )
        if blank:
            missing.append(
                f"{blank} ally-votes blank or absent in unga_votes (ES-11/3, /4, /6, /8 incomplete); full "
                "source: UN Digital Library GA voting data (record 4060887)"
            )
    else:
        missing.append("table 'unga_votes'")
    kiel = tables.get("ukraine_support")
    if kiel is not None and not kiel.empty:
        indicators["aid_pct_gdp2021"] = kiel.set_index("iso3")["total_alloc_pct_gdp2021"].reindex(members)
        data.append(_kiel_used(kiel, releases, "cumulative", "total_alloc_pct_gdp2021"))
    else:
        missing.append("table 'ukraine_support'")
    dem = tables.get("democracy")
    if dem is not None and not dem.empty:
        this = dem[dem["year"] == year].set_index("iso3")["v2x_libdem"].reindex(members)
        indicators["libdem"] = this
        first = dem.dropna(subset=["v2x_libdem"])["year"].min()
        start = dem[dem["year"] == first].set_index("iso3")["v2x_libdem"].reindex(members)
        data.append(
            DataUsed(
                "democracy",
                releases.get("democracy", "V-Dem"),
                f"{year} (change since {first})",
                "v2x_libdem",
            )
        )
    else:
        start = None
        missing.append("table 'democracy'")
    base["data"] = tuple(data)
    rows = []
    for state in ILLIBERAL:
        for name, series in indicators.items():
            value = series.get(state, np.nan)
            rest = series.drop(labels=[s for s in ILLIBERAL if s in series.index]).dropna()
            median = float(rest.median()) if len(rest) else np.nan
            tested = state in members and pd.notna(value) and len(rest) > 0
            rows.append(
                {
                    "iso3": state,
                    "indicator": name,
                    "value": float(value) if pd.notna(value) else np.nan,
                    "others_median": median,
                    "n_others": int(len(rest)),
                    "below_others": (bool(value < median) if tested else None),
                    "shared_votes": int(n_shared.get(state, 0)) if name.startswith("unga") else None,
                    "libdem_change_since_first_year": (
                        float(value - start.get(state, np.nan))
                        if name == "libdem" and start is not None
                        else None
                    ),
                }
            )
    evidence = pd.DataFrame(rows)
    tested = evidence[evidence["below_others"].notna()] if not evidence.empty else evidence
    if tested.empty:
        return _not_testable(
            base,
            missing or ["indicator values for HUN, SVK, TUR"],
            "no (state, indicator) cell could be tested",
        )
    below = tested["below_others"].astype(bool)
    coverage = tested.groupby("iso3").size().reindex(list(ILLIBERAL), fill_value=0)
    share = float(below.mean())
    if below.all() and (coverage >= 2).all():
        verdict = Verdict.supported
    elif not below.any():
        verdict = Verdict.not_supported
    else:
        verdict = Verdict.mixed
    per_state = "; ".join(
        f"{s}: below on {int(tested[(tested.iso3 == s)]['below_others'].astype(bool).sum())} of {int(coverage[s])}"
        + (
            f" ({', '.join(tested[(tested.iso3 == s) & tested.below_others.astype(bool)]['indicator'])})"
            if (tested[(tested.iso3 == s)]["below_others"].astype(bool)).any()
            else ""
        )
        for s in ILLIBERAL
    )
    reason = f"{int(below.sum())} of {len(tested)} tested cells below the other allies' median ({share:.0%}). {per_state}."
    return ClaimResult(
        **base, value=share, verdict=verdict, reason=reason, missing=tuple(missing), evidence=evidence
    )
