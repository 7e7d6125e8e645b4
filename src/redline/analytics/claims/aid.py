"""Claims about aid to Ukraine: the US the largest donor (absolute, relative), the most dependable
donor, Europe's aid against the US's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.claims.records import (
    ClaimResult,
    DataUsed,
    Verdict,
    _not_testable,
)
from redline.analytics.claims.tables import (
    Tables,
    _europe_codes,
    _kiel,
    _kiel_used,
    _need,
    _rank_desc,
    _release_of,
    kiel_series,
    weak_sources,
)
from redline.rng import RNGLike

__all__ = [
    "STALL_GROWTH",
    "us_largest_donor_absolute",
    "us_largest_donor_relative",
    "us_most_dependable_donor",
    "europe_aid_vs_us",
]


STALL_GROWTH = 0.02
"""Assumption: between two tracker releases a donor "stalls" when its cumulative allocations grow by
less than 2 %. The releases' headline figures are rounded to EUR 1 bn (about 1 % of the US's or
Europe's totals), so a smaller change cannot be told from rounding or revision."""


def _open_kiel(
    tables: Tables, releases: Mapping[str, str], base: dict[str, Any], years: str, columns: str
) -> pd.DataFrame | ClaimResult:
    """The Kiel table for a claim, its data record put in ``base``; a not-testable result without it."""
    if _need(tables, ["ukraine_support"]):
        return _not_testable(
            {**base, "data": ()}, ["table 'ukraine_support' (Kiel tracker)"], "required table absent"
        )
    kiel = _kiel(tables)
    base["data"] = (_kiel_used(kiel, releases, years, columns),)
    return kiel


def us_largest_donor_absolute(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 2a: the US is the largest donor to Ukraine in absolute terms."""
    base: dict[str, Any] = {
        "id": "us_largest_donor_absolute",
        "claim": "The US is the largest donor to Ukraine.",
        "statement": "The United States has given Ukraine more aid (EUR, Kiel total allocations) than any "
        "other donor, including the EU institutions.",
        "statistic": "US total allocations / next-largest donor's (ratio)",
        "rule": "Supported if the US ranks first among all Kiel donor rows (governments and the EU "
        "institutions row EUI) on total allocations and on total commitments; mixed if it ranks first "
        "among governments but not on one of these; not supported if a government gave more; not "
        "testable if the US row is absent.",
    }
    kiel = _open_kiel(
        tables,
        releases,
        base,
        "cumulative since 24 Jan 2022 (cut-off month not recorded)",
        "total_alloc_eur_bn, total_commit_eur_bn",
    )
    if isinstance(kiel, ClaimResult):
        return kiel
    if "USA" not in set(kiel["iso3"]) or pd.isna(kiel.set_index("iso3").loc["USA", "total_alloc_eur_bn"]):
        return _not_testable(base, ["US row of the Kiel tracker"], "no US figure in the shipped table")
    cols = [
        "iso3",
        "donor",
        "government",
        "total_alloc_eur_bn",
        "total_commit_eur_bn",
        "military_alloc_eur_bn",
    ]
    evidence = kiel[cols].sort_values("total_alloc_eur_bn", ascending=False).reset_index(drop=True)
    evidence["rank_alloc_all"] = _rank_desc(evidence["total_alloc_eur_bn"]).astype(int)
    evidence["rank_commit_all"] = _rank_desc(evidence["total_commit_eur_bn"]).astype("Int64")
    gov = evidence[evidence["government"]]
    us = evidence.set_index("iso3").loc["USA"]
    first_gov = float(us["total_alloc_eur_bn"]) >= gov["total_alloc_eur_bn"].max()
    first_alloc = int(us["rank_alloc_all"]) == 1
    first_commit = int(us["rank_commit_all"]) == 1
    others = evidence[evidence["iso3"] != "USA"]
    runner = others.iloc[0]
    ratio = float(us["total_alloc_eur_bn"] / runner["total_alloc_eur_bn"])
    if not first_gov:
        verdict = Verdict.not_supported
    elif first_alloc and first_commit:
        verdict = Verdict.supported
    else:
        verdict = Verdict.mixed
    top_commit = evidence.sort_values("total_commit_eur_bn", ascending=False).iloc[0]
    reason = (
        f"US allocations EUR {us['total_alloc_eur_bn']:.1f} bn, rank {int(us['rank_alloc_all'])} of {len(evidence)} "
        f"(next: {runner['donor']} {runner['total_alloc_eur_bn']:.1f} bn, ratio {ratio:.2f}); commitments "
        f"EUR {us['total_commit_eur_bn']:.1f} bn, rank {int(us['rank_commit_all'])} (first: {top_commit['donor']} "
        f"{top_commit['total_commit_eur_bn']:.1f} bn). First among governments: {'yes' if first_gov else 'no'}."
    )
    return ClaimResult(**base, value=ratio, verdict=verdict, reason=reason, evidence=evidence)


def us_largest_donor_relative(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 2b: the US is the largest donor relative to its economy."""
    base: dict[str, Any] = {
        "id": "us_largest_donor_relative",
        "claim": "The US is the largest donor to Ukraine (relative to its economy).",
        "statement": "The United States has given Ukraine more aid as a share of its GDP than any other "
        "government donor.",
        "statistic": "US rank among government donors by total allocations in % of 2021 GDP",
        "rule": "Supported if the US ranks first among government donors on Kiel's total allocations in % "
        "of 2021 GDP; mixed if it is in the top quarter (rank ≤ ⌈n/4⌉); not supported otherwise; not "
        "testable without the US figure.",
    }
    kiel = _open_kiel(
        tables,
        releases,
        base,
        "cumulative since 24 Jan 2022; GDP of 2021 (Kiel's denominator)",
        "total_alloc_pct_gdp2021",
    )
    if isinstance(kiel, ClaimResult):
        return kiel
    gov = kiel[kiel["government"]].dropna(subset=["total_alloc_pct_gdp2021"])
    if "USA" not in set(gov["iso3"]):
        return _not_testable(
            base, ["US total allocations in % of GDP (Kiel)"], "no US figure in the shipped table"
        )
    evidence = gov[["iso3", "donor", "total_alloc_pct_gdp2021", "total_alloc_eur_bn"]].sort_values(
        "total_alloc_pct_gdp2021", ascending=False
    )
    evidence = evidence.reset_index(drop=True)
    evidence["rank"] = _rank_desc(evidence["total_alloc_pct_gdp2021"]).astype(int)
    rank = int(evidence.set_index("iso3").loc["USA", "rank"])
    n = len(evidence)
    cutoff = math.ceil(n / 4)
    verdict = Verdict.supported if rank == 1 else Verdict.mixed if rank <= cutoff else Verdict.not_supported
    us_pct = float(evidence.set_index("iso3").loc["USA", "total_alloc_pct_gdp2021"])
    ahead = ", ".join(
        f"{r.iso3} {r.total_alloc_pct_gdp2021:.2f}%" for r in evidence.head(min(rank - 1, 5)).itertuples()
    )
    reason = (
        f"US {us_pct:.3f}% of 2021 GDP, rank {rank} of {n} government donors (top quarter: rank ≤ {cutoff})"
        + (f"; ahead of it: {ahead}{' …' if rank - 1 > 5 else ''}" if rank > 1 else "")
        + "."
    )
    return ClaimResult(**base, value=float(rank), verdict=verdict, reason=reason, evidence=evidence)


def us_most_dependable_donor(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 2c: the US is the most dependable donor, judged from the tracker's releases over time."""
    base: dict[str, Any] = {
        "id": "us_most_dependable_donor",
        "claim": "The US is the most dependable donor to Ukraine.",
        "statement": "US aid to Ukraine has kept flowing more steadily than Europe's: between consecutive "
        "tracker releases the US's cumulative allocations never stalled where Europe's grew.",
        "statistic": "periods between tracker releases in which US cumulative allocations grew by less "
        f"than {STALL_GROWTH:.0%} (a stall; threshold = assumption, about twice the rounding)",
        "rule": "Over consecutive releases that hold both the US's and Europe's totals: supported if the US "
        "never stalls and Europe stalls at least once; not supported if the US stalls in a period in which "
        "Europe does not; mixed otherwise (the releases cannot tell them apart); not testable with fewer "
        "than two such releases. Europe is compared as Kiel's bloc: whether a single European donor was "
        "steadier cannot be tested without per-donor aid over time.",
    }
    series = kiel_series(tables)
    base["data"] = (
        DataUsed(
            "kiel_releases",
            releases.get("kiel_releases", "Kiel tracker updates"),
            "cumulative since 24 Jan 2022, one row per release",
            "eur_bn (allocations: total, military, non-military)",
        ),
        DataUsed(
            "ukraine_support",
            _release_of(tables.get("ukraine_support", pd.DataFrame()), releases, "ukraine_support"),
            "cumulative since 24 Jan 2022",
            "total_alloc_eur_bn (US; Europe summed)",
        ),
    )
    per_donor_gap = (
        "Kiel allocations by donor and month (the tracker's bilateral aid database by announcement date), "
        "or per-donor tables of several releases, to compare every donor and not only the US with Europe"
    )
    wide = (
        series.pivot_table(index="release", columns="donor", values="total_alloc_eur_bn", sort=False)
        if not series.empty
        else pd.DataFrame()
    )
    both = (
        wide.dropna(subset=[c for c in ("USA", "EUROPE")])
        if {"USA", "EUROPE"} <= set(wide.columns)
        else wide.iloc[0:0]
    )
    if len(both) < 2:
        held = ", ".join(dict.fromkeys(series["release"])) if not series.empty else "none"
        return _not_testable(
            {**base, "evidence": series},
            [
                "at least two tracker releases (public by the date) with the US's and Europe's totals; held: "
                + held,
                per_donor_gap,
            ],
            f"{len(both)} release(s) with both totals, so no period between releases can be compared",
        )
    rows = []
    for (a, ra), (b, rb) in zip(both.iterrows(), list(both.iterrows())[1:], strict=False):
        row: dict[str, Any] = {"from_release": a, "to_release": b}
        for donor in ("USA", "EUROPE"):
            growth = (rb[donor] - ra[donor]) / ra[donor]
            row[f"{donor.lower()}_from"] = float(ra[donor])
            row[f"{donor.lower()}_to"] = float(rb[donor])
            row[f"{donor.lower()}_growth"] = float(growth)
            row[f"{donor.lower()}_stalls"] = bool(growth < STALL_GROWTH)
        rows.append(row)
    periods = pd.DataFrame(rows)
    us_only = periods[periods["usa_stalls"] & ~periods["europe_stalls"]]
    europe_only = periods[periods["europe_stalls"] & ~periods["usa_stalls"]]
    if len(us_only):
        verdict = Verdict.not_supported
    elif not periods["usa_stalls"].any() and periods["europe_stalls"].any():
        verdict = Verdict.supported
    else:
        verdict = Verdict.mixed
    detail = "; ".join(
        f"{r.from_release} -> {r.to_release}: US {r.usa_from:.1f} -> {r.usa_to:.1f} ({r.usa_growth:+.1%}), "
        f"Europe {r.europe_from:.1f} -> {r.europe_to:.1f} ({r.europe_growth:+.1%})"
        for r in periods.itertuples()
    )
    reason = (
        f"{len(periods)} period(s) between releases; the US stalled in {int(periods['usa_stalls'].sum())}, "
        f"Europe in {int(periods['europe_stalls'].sum())}; US alone in {len(us_only)}, Europe alone in "
        f"{len(europe_only)}. {detail}. Europe as a bloc only; rounded headline figures (EUR bn)."
        + weak_sources(series, both.index)
    )
    return ClaimResult(
        **base,
        value=float(periods["usa_stalls"].sum()),
        verdict=verdict,
        reason=reason,
        missing=(per_donor_gap,),
        evidence=periods,
    )


def europe_aid_vs_us(tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike) -> ClaimResult:
    """Claim 5: Europe's aid trails the US's (the premise of "Europe needs to step up")."""
    base: dict[str, Any] = {
        "id": "europe_aid_vs_us",
        "claim": "Europe needs to step up: its aid lags the US's.",
        "statement": "European donors together (EU institutions, EU members, UK, Norway, Switzerland, "
        "Iceland — Kiel's 'Europe') have allocated less aid to Ukraine than the United States, in total "
        "and in military aid.",
        "statistic": "Europe's total allocations / US total allocations (ratio)",
        "rule": "Supported if Europe's allocations are below the US's both in total and in military aid; "
        "not supported if they are at or above the US's on both; mixed otherwise; not testable without the "
        "US row or any European row. Europe's aid in % of GDP is reported beside it, with GDP derived "
        "from Kiel's own ratio (allocations / % of 2021 GDP), EU institutions counted in the numerator only.",
    }
    if _need(tables, ["ukraine_support"]) or "USA" not in set(tables["ukraine_support"]["iso3"]):
        headline = _europe_vs_us_from_headlines(tables, releases, base)
        if headline is not None:
            return headline
    if _need(tables, ["ukraine_support", "countries"]):
        return _not_testable(
            {**base, "data": ()},
            [
                *_need(tables, ["ukraine_support", "countries"]),
                "a tracker release with Europe's and the US's "
                "total and military allocations (table kiel_releases)",
            ],
            "required tables absent",
        )
    kiel = _kiel(tables)
    countries = tables["countries"]
    europe = _europe_codes(countries)
    base["data"] = (
        _kiel_used(
            kiel,
            releases,
            "cumulative since 24 Jan 2022",
            "total/military allocations and commitments, total_alloc_pct_gdp2021",
        ),
        DataUsed("countries", releases.get("countries", ""), "2025 coding", "eu_member"),
    )
    kiel = kiel.assign(europe=kiel["iso3"].isin(europe))
    if "USA" not in set(kiel["iso3"]) or not kiel["europe"].any():
        return _not_testable(
            base, ["Kiel rows for the US and for European donors"], "US or European rows absent"
        )
    kiel["gdp2021_eur_bn_derived"] = np.where(
        kiel["government"] & (kiel["total_alloc_pct_gdp2021"] > 0),
        kiel["total_alloc_eur_bn"] / (kiel["total_alloc_pct_gdp2021"] / 100.0),
        np.nan,
    )
    measures = [
        "total_alloc_eur_bn",
        "military_alloc_eur_bn",
        "financial_alloc_eur_bn",
        "humanitarian_alloc_eur_bn",
        "total_commit_eur_bn",
    ]
    eur = kiel[kiel["europe"]]
    us = kiel[kiel["iso3"] == "USA"].iloc[0]
    rows = []
    for m in measures:
        e, u = float(eur[m].sum(min_count=1)), float(us[m])
        rows.append(
            {
                "measure": m,
                "europe": e,
                "usa": u,
                "europe_minus_usa": e - u,
                "europe_over_usa": e / u if u else np.nan,
            }
        )
    eu_gdp = eur.loc[eur["government"], "gdp2021_eur_bn_derived"]
    eu_aid_pct = 100.0 * float(eur["total_alloc_eur_bn"].sum()) / float(eu_gdp.sum())
    rows.append(
        {
            "measure": "total_alloc_pct_gdp2021 (Europe's GDP derived from Kiel ratios)",
            "europe": eu_aid_pct,
            "usa": float(us["total_alloc_pct_gdp2021"]),
            "europe_minus_usa": eu_aid_pct - float(us["total_alloc_pct_gdp2021"]),
            "europe_over_usa": eu_aid_pct / float(us["total_alloc_pct_gdp2021"]),
        }
    )
    evidence = pd.DataFrame(rows)
    by = evidence.set_index("measure")
    less_total = by.loc["total_alloc_eur_bn", "europe"] < by.loc["total_alloc_eur_bn", "usa"]
    less_mil = by.loc["military_alloc_eur_bn", "europe"] < by.loc["military_alloc_eur_bn", "usa"]
    verdict = [Verdict.not_supported, Verdict.mixed, Verdict.supported][int(less_total) + int(less_mil)]
    n_gdp_missing = int((eur["government"] & eur["gdp2021_eur_bn_derived"].isna()).sum())
    reason = (
        f"Europe ({int(eur['government'].sum())} governments + EU institutions) EUR {by.loc['total_alloc_eur_bn', 'europe']:.1f} bn "
        f"vs US {by.loc['total_alloc_eur_bn', 'usa']:.1f} bn in total allocations (ratio "
        f"{by.loc['total_alloc_eur_bn', 'europe_over_usa']:.2f}); military {by.loc['military_alloc_eur_bn', 'europe']:.1f} vs "
        f"{by.loc['military_alloc_eur_bn', 'usa']:.1f} bn; commitments {by.loc['total_commit_eur_bn', 'europe']:.1f} vs "
        f"{by.loc['total_commit_eur_bn', 'usa']:.1f} bn. Relative to 2021 GDP: Europe {eu_aid_pct:.2f}% vs US "
        f"{float(us['total_alloc_pct_gdp2021']):.2f}% (derived; {n_gdp_missing} European governments without a ratio)."
    )
    value = float(by.loc["total_alloc_eur_bn", "europe_over_usa"])
    return ClaimResult(**base, value=value, verdict=verdict, reason=reason, evidence=evidence)


def _europe_vs_us_from_headlines(
    tables: Tables, releases: Mapping[str, str], base: dict[str, Any]
) -> ClaimResult | None:
    """Claim 5 from the newest tracker release headline holding Europe's and the US's total and military
    allocations (used when no per-donor release is held, e.g. "as of" a date before Release 28)."""
    series = kiel_series({"kiel_releases": tables.get("kiel_releases", pd.DataFrame())})
    if series.empty:
        return None
    wide = series.pivot_table(
        index="release", columns="donor", values=["total_alloc_eur_bn", "military_alloc_eur_bn"], sort=False
    )
    needed = [(m, d) for m in ("total_alloc_eur_bn", "military_alloc_eur_bn") for d in ("EUROPE", "USA")]
    if not set(needed) <= set(wide.columns):
        return None
    complete = wide.dropna(subset=needed)
    if complete.empty:
        return None
    release = complete.index[-1]
    row = complete.loc[release]
    meta = series[series["release"] == release].iloc[0]
    rows = []
    for measure in ("total_alloc_eur_bn", "military_alloc_eur_bn"):
        e, u = float(row[(measure, "EUROPE")]), float(row[(measure, "USA")])
        rows.append(
            {"measure": measure, "europe": e, "usa": u, "europe_minus_usa": e - u, "europe_over_usa": e / u}
        )
    evidence = pd.DataFrame(rows)
    by = evidence.set_index("measure")
    less_total = by.loc["total_alloc_eur_bn", "europe"] < by.loc["total_alloc_eur_bn", "usa"]
    less_mil = by.loc["military_alloc_eur_bn", "europe"] < by.loc["military_alloc_eur_bn", "usa"]
    verdict = [Verdict.not_supported, Verdict.mixed, Verdict.supported][int(less_total) + int(less_mil)]
    published = meta["published"]
    public = "publication day not recorded" if published is None or pd.isna(published) else f"public {published}"
    reason = (
        f"Tracker update {release} (data to {meta['data_through']}, {public}; the newest held "
        f"release with both figures): Europe EUR {by.loc['total_alloc_eur_bn', 'europe']:.1f} bn vs US "
        f"{by.loc['total_alloc_eur_bn', 'usa']:.1f} bn in total allocations (ratio "
        f"{by.loc['total_alloc_eur_bn', 'europe_over_usa']:.2f}); military "
        f"{by.loc['military_alloc_eur_bn', 'europe']:.1f} vs {by.loc['military_alloc_eur_bn', 'usa']:.1f} bn. "
        "Headline figures of Kiel's release (Europe as Kiel's bloc); no per-donor table of that release, so no "
        "commitments or % of GDP." + weak_sources(series, [release])
    )
    data = (
        DataUsed(
            "kiel_releases",
            f"{release} ({releases.get('kiel_releases', 'Kiel tracker updates')})",
            f"cumulative 24 Jan 2022 - {meta['data_through']}",
            "eur_bn (allocations: total, military)",
        ),
    )
    return ClaimResult(
        **{**base, "data": data},
        value=float(by.loc["total_alloc_eur_bn", "europe_over_usa"]),
        verdict=verdict,
        reason=reason,
        missing=("the per-donor table of that release (commitments, % of GDP)",),
        evidence=evidence,
    )
