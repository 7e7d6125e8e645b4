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

Verdicts: ``supported`` (every part of the rule holds), ``mixed`` (some parts hold), ``not supported``
(none holds), ``not testable with shipped data`` (the data needed are absent; ``missing`` names them).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.alignment import alignment_with, reference_profile, vote_matrix
from redline.analytics.burden import (
    group_difference,
    olson_zeckhauser,
    partial_correlation,
    spending_change,
)
from redline.data.releases import full_defence_release, release_prefix
from redline.errors import RedlineError
from redline.results import Result
from redline.rng import RNGLike

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

ARTICLE_YEAR = 2024
ARTICLE_AS_OF = dt.date(2024, 12, 31)
"""The day the article's data are taken "as of" (an assumption: it discusses events of late 2024 and
predates the stop of new US aid after January 2025). :func:`claims_vintages` compares it with now."""
ILLIBERAL = ("HUN", "SVK", "TUR")
EUROPE_NON_EU = ("GBR", "NOR", "CHE", "ISL")
"""Kiel's "Europe": EU institutions, EU members, and these European donors outside the EU."""
NINE_PERCENT_PRECISION = 0.5
"""The article states a whole number: a change agrees with "nine percent" if it rounds to 9 (9 ± 0.5)."""
NINE_PERCENT_ABOUT = 1.0
"""The loosest reading of "about nine percent": within one whole point of 9 (9 ± 1). Fixed a priori
from the wording (whole-number claim, "about" = the neighbouring whole number), not from the data."""
NATO_FULL_RELEASE = full_defence_release()
"""The complete NATO release the claims read (the newest one the data layer declares)."""
TABLES = (
    "countries",
    "defence_expenditure",
    "milex",
    "gdp",
    "ukraine_support",
    "kiel_releases",
    "democracy",
    "unga_votes",
)
STALL_GROWTH = 0.02
"""Assumption: between two tracker releases a donor "stalls" when its cumulative allocations grow by
less than 2 %. The releases' headline figures are rounded to EUR 1 bn (about 1 % of the US's or
Europe's totals), so a smaller change cannot be told from rounding or revision."""


class Verdict(StrEnum):
    supported = "supported"
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


Tables = Mapping[str, pd.DataFrame]


# ----------------------------------------------------------------------------------------- helpers
def load_claim_tables() -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The tables the claims use, from the active data snapshot, and each table's release."""
    from redline.data import load_table, provenance

    tables = {name: load_table(name) for name in TABLES}
    releases = {name: provenance(name).release for name in TABLES}
    return tables, releases


def _nato_members(countries: pd.DataFrame, year: int) -> list[str]:
    accession = pd.to_numeric(countries["nato_accession_year"], errors="coerce")
    return sorted(countries.loc[accession <= year, "iso3"].astype(str))


def _frontline(countries: pd.DataFrame) -> set[str]:
    from redline.frontline import frontline_states

    return set(frontline_states(countries.set_index("iso3")))


def _nato_rows(defence: pd.DataFrame, release_id: str = NATO_FULL_RELEASE) -> pd.DataFrame:
    if "release_id" in defence.columns:
        return defence[defence["release_id"] == release_id]
    prefix = release_prefix(release_id)
    return defence[defence["release"].astype(str).str.startswith(prefix)]


def _release_of(frame: pd.DataFrame, releases: Mapping[str, str], table: str) -> str:
    if "release" in frame.columns and len(frame):
        values = sorted(set(frame["release"].dropna().astype(str)))
        if values:
            return "; ".join(values)
    return releases.get(table, "release not recorded")


def _rank_desc(values: pd.Series) -> pd.Series:
    return values.rank(ascending=False, method="min")


def _not_testable(base: dict[str, Any], missing: Sequence[str], reason: str) -> ClaimResult:
    return ClaimResult(
        **base,
        value=math.nan,
        verdict=Verdict.not_testable,
        reason=reason,
        missing=tuple(missing),
    )


def _need(tables: Tables, names: Sequence[str]) -> list[str]:
    return [f"table {n!r}" for n in names if n not in tables or tables[n] is None or tables[n].empty]


# ------------------------------------------------------------------------------------------ claims
def frontline_spend_most(tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike) -> ClaimResult:
    """Claim 1: the allies bordering Russia (or Belarus) spend the most relative to GDP."""
    rule = (
        "Frontline = NATO ally with a land border with Russia or Belarus. Two parts: (a) the 95% "
        "percentile-bootstrap CI of mean(% GDP, frontline) − mean(% GDP, other allies) lies above 0; "
        "(b) at least half of the k highest spenders are frontline states (k = number of frontline "
        "allies with data). Both → supported; one → mixed; neither → not supported; fewer than 2 "
        "states in either group → not testable."
    )
    base: dict[str, Any] = {
        "id": "frontline_spend_most",
        "claim": "States bordering Russia spend the most on defence relative to their economies.",
        "statement": f"In {year}, NATO allies bordering Russia or Belarus spend a larger share of GDP on "
        "defence than the other allies, and make up most of the top spenders.",
        "statistic": "difference in mean defence % of GDP, frontline − others (percentage points)",
        "rule": rule,
    }
    missing = _need(tables, ["countries", "defence_expenditure"])
    if missing:
        return _not_testable({**base, "data": ()}, missing, "required tables absent")
    countries, defence = tables["countries"], _nato_rows(tables["defence_expenditure"])
    members = _nato_members(countries, year)
    rows = defence[(defence["year"] == year) & defence["iso3"].isin(members)]
    data = (
        DataUsed(
            "defence_expenditure",
            _release_of(rows, releases, "defence_expenditure"),
            str(year),
            "pct_gdp, estimate",
        ),
        DataUsed(
            "countries",
            releases.get("countries", "hand-coded flags"),
            "2025 coding",
            "nato_accession_year, land_border_*",
        ),
    )
    base["data"] = data
    front = _frontline(countries)
    frame = rows[["iso3", "pct_gdp", "estimate"]].copy()
    frame["frontline"] = frame["iso3"].isin(front)
    frame = frame.dropna(subset=["pct_gdp"]).sort_values("pct_gdp", ascending=False).reset_index(drop=True)
    frame["rank"] = _rank_desc(frame["pct_gdp"]).astype(int)
    if "milex" in tables and not tables["milex"].empty:
        sipri = tables["milex"][tables["milex"]["year"] == year].set_index("iso3")["milex_pct_gdp"]
        frame["sipri_pct_gdp"] = frame["iso3"].map(sipri)
    n_front, n_rest = int(frame["frontline"].sum()), int((~frame["frontline"]).sum())
    if n_front < 2 or n_rest < 2:
        all_rows = tables["defence_expenditure"]
        others = all_rows[(all_rows["year"] == year) & ~all_rows.index.isin(rows.index)]
        note = ""
        if len(others) and "release" in others.columns:
            note = (
                f"; {len(others)} figures for {year} exist only in partial, second-hand releases, not used: "
                + "; ".join(sorted({str(r)[:60] for r in others["release"]}))
            )
        return _not_testable(
            base,
            [
                f"NATO % GDP for {year} from a complete NATO release (as {NATO_FULL_RELEASE}) "
                f"for at least 2 frontline and 2 other allies{note}"
            ],
            f"only {n_front} frontline and {n_rest} other allies have a {year} figure in {NATO_FULL_RELEASE}",
        )
    diff = group_difference(frame["pct_gdp"], frame["frontline"], rng=rng).set_index("statistic").loc["mean"]
    top = frame.head(n_front)
    top_share = float(top["frontline"].mean())
    part_a, part_b = bool(diff["ci_low"] > 0), bool(top_share >= 0.5)
    verdict = [Verdict.not_supported, Verdict.mixed, Verdict.supported][part_a + part_b]
    estimates = int(frame["estimate"].fillna(0).astype(int).sum())
    reason = (
        f"mean {diff['group_value']:.2f}% (frontline, n={n_front}) vs {diff['rest_value']:.2f}% (others, "
        f"n={n_rest}); difference {diff['difference']:.2f} pp, 95% CI [{diff['ci_low']:.2f}, {diff['ci_high']:.2f}] "
        f"({'above' if part_a else 'not above'} 0); {int(top['frontline'].sum())} of the top {n_front} "
        f"spenders are frontline ({top_share:.0%}). {estimates} of {len(frame)} figures are NATO estimates."
    )
    return ClaimResult(
        **base, value=float(diff["difference"]), verdict=verdict, reason=reason, evidence=frame
    )


def _kiel(tables: Tables) -> pd.DataFrame:
    kiel = tables["ukraine_support"].copy()
    kiel["government"] = kiel["iso3"] != "EUI"
    return kiel


def _kiel_used(kiel: pd.DataFrame, releases: Mapping[str, str], years: str, columns: str) -> DataUsed:
    """The Kiel tracker as a claim's data record: its release, the span of the figures and columns."""
    return DataUsed("ukraine_support", _release_of(kiel, releases, "ukraine_support"), years, columns)


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
    if _need(tables, ["ukraine_support"]):
        return _not_testable(
            {**base, "data": ()}, ["table 'ukraine_support' (Kiel tracker)"], "required table absent"
        )
    kiel = _kiel(tables)
    base["data"] = (
        _kiel_used(
            kiel,
            releases,
            "cumulative since 24 Jan 2022 (cut-off month not recorded)",
            "total_alloc_eur_bn, total_commit_eur_bn",
        ),
    )
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
    if _need(tables, ["ukraine_support"]):
        return _not_testable(
            {**base, "data": ()}, ["table 'ukraine_support' (Kiel tracker)"], "required table absent"
        )
    kiel = _kiel(tables)
    base["data"] = (
        _kiel_used(
            kiel,
            releases,
            "cumulative since 24 Jan 2022; GDP of 2021 (Kiel's denominator)",
            "total_alloc_pct_gdp2021",
        ),
    )
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


def _europe_codes(countries: pd.DataFrame) -> set[str]:
    """Kiel's "Europe": EU members (2025 coding), the European non-EU donors and EU institutions."""
    eu = set(countries.loc[countries["eu_member"].fillna(0).astype(int) == 1, "iso3"])
    return eu | set(EUROPE_NON_EU) | {"EUI"}


def _day(value: Any) -> dt.date | None:
    """A date cell (date, Timestamp, ISO text or blank) as a date; blanks and NaT -> None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    stamp = pd.to_datetime(str(value), errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def kiel_series(tables: Tables) -> pd.DataFrame:
    """The US's and Europe's cumulative aid allocations at every tracker release held (EUR bn).

    From the release headlines (``kiel_releases``: a total as quoted, else military + non-military,
    labelled derived) and from the per-donor release (``ukraine_support``: the US row; Europe = the sum
    over Kiel's Europe, labelled derived). Columns: ``release, published, data_through, donor,
    total_alloc_eur_bn, military_alloc_eur_bn, basis``; ordered by data cut-off (the publication day
    where the cut-off is not recorded).
    """
    from redline.data.releases import RELEASE_DATES, available_from

    rows: list[dict[str, Any]] = []
    heads = tables.get("kiel_releases")
    if heads is not None and not heads.empty:
        alloc = heads[heads["measure"] == "allocation"]
        for (release, donor), group in alloc.groupby(["release", "donor_group"], sort=False):
            if donor not in ("USA", "EUROPE"):
                continue
            by = group.set_index("aid_type")["eur_bn"].astype(float)
            total, basis = float(by.get("total", np.nan)), "quoted in the release"
            if math.isnan(total) and {"military", "nonmilitary"} <= set(by.index):
                total, basis = float(by["military"] + by["nonmilitary"]), "derived: military + non-military"
            rows.append(
                {
                    "release": release,
                    "published": _day(group["published"].iloc[0]),
                    "data_through": _day(group["data_through"].iloc[0]),
                    "donor": donor,
                    "total_alloc_eur_bn": total,
                    "military_alloc_eur_bn": float(by.get("military", np.nan)),
                    "basis": basis,
                }
            )
    kiel, countries = tables.get("ukraine_support"), tables.get("countries")
    if kiel is not None and not kiel.empty and countries is not None and "USA" in set(kiel["iso3"]):
        release = _release_of(kiel, {}, "ukraine_support")
        published = next(
            (available_from(when) for key, (when, _) in RELEASE_DATES.get("ukraine_support", {}).items()
             if release.startswith(key)),
            None,
        )
        eur = kiel[kiel["iso3"].isin(_europe_codes(countries))]
        us = kiel[kiel["iso3"] == "USA"].iloc[0]
        for donor, total, military, basis in (
            ("USA", us["total_alloc_eur_bn"], us["military_alloc_eur_bn"], "per-donor table"),
            (
                "EUROPE",
                eur["total_alloc_eur_bn"].sum(min_count=1),
                eur["military_alloc_eur_bn"].sum(min_count=1),
                "derived: sum over Kiel's Europe in the per-donor table",
            ),
        ):
            rows.append(
                {
                    "release": release,
                    "published": published,
                    "data_through": None,
                    "donor": donor,
                    "total_alloc_eur_bn": float(total),
                    "military_alloc_eur_bn": float(military),
                    "basis": basis,
                }
            )
    columns = ["release", "published", "data_through", "donor", "total_alloc_eur_bn", "military_alloc_eur_bn", "basis"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    order = frame["data_through"].where(frame["data_through"].notna(), frame["published"])
    frame["_order"] = [d if d is not None else dt.date.max for d in order]
    return frame.sort_values(["_order", "donor"], kind="stable").drop(columns="_order").reset_index(drop=True)


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
    both = wide.dropna(subset=[c for c in ("USA", "EUROPE")]) if {"USA", "EUROPE"} <= set(wide.columns) else wide.iloc[0:0]
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
    )
    return ClaimResult(
        **base,
        value=float(periods["usa_stalls"].sum()),
        verdict=verdict,
        reason=reason,
        missing=(per_donor_gap,),
        evidence=periods,
    )


def _nato_total_series(tables: Tables, members: Sequence[str]) -> pd.DataFrame:
    """Year-on-year changes of NATO's total on every basis the tables allow (tidy).

    Columns: ``basis, terms (real|nominal), table, year, total_usd_millions, change, change_pct``. A
    SIPRI total is NaN in a year where any ally lacks a figure (no partial sums).
    """
    totals: list[tuple[str, str, str, pd.Series]] = []
    defence = _nato_rows(tables["defence_expenditure"]) if "defence_expenditure" in tables else pd.DataFrame()
    if not defence.empty:
        nato = defence[defence["iso3"] == "NATO_TOTAL"].set_index("year")["usd_current_millions"]
        label = "NATO current USD (NATO_TOTAL aggregate)"
        totals.append((label, "nominal", "defence_expenditure", nato))
    milex = tables.get("milex")
    if milex is not None and not milex.empty:
        sub = milex[milex["iso3"].isin(members)]
        for column, terms, label in (
            ("milex_constant2023_usd_millions", "real", "SIPRI constant 2023 USD, sum over the allies"),
            ("milex_current_usd_millions", "nominal", "SIPRI current USD, sum over the allies"),
        ):
            wide = sub.pivot_table(index="iso3", columns="year", values=column, aggfunc="first")
            totals.append((label, terms, "milex", wide.sum(min_count=1).where(wide.notna().all())))
    columns = ["basis", "terms", "table", "year", "total_usd_millions", "change", "change_pct"]
    parts = [
        spending_change(series)
        .rename(columns={"value": "total_usd_millions"})
        .assign(basis=label, terms=terms, table=table)[columns]
        for label, terms, table, series in totals
        if len(series)
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).sort_values(["basis", "year"]).reset_index(drop=True)


def nato_spending_rose_nine_percent(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 3: NATO's collective defence spending rose about nine percent in the article's year."""
    low, high = 9.0 - NINE_PERCENT_PRECISION, 9.0 + NINE_PERCENT_PRECISION
    about_low, about_high = 9.0 - NINE_PERCENT_ABOUT, 9.0 + NINE_PERCENT_ABOUT
    base: dict[str, Any] = {
        "id": "nato_spending_rose_nine_percent",
        "claim": "NATO raised collective defence spending by nine percent.",
        "statement": f"The allies' combined defence spending rose by 9% in {year} over {year - 1}, in real "
        f"terms (constant prices, fixed {year} membership). The article does not say real or nominal; "
        "real is tested first and nominal figures are reported beside it.",
        "statistic": f"real change in combined spending {year - 1}→{year}, % (SIPRI constant 2023 USD)",
        "rule": f"Real terms are the primary basis, because a nominal dollar change mixes inflation and "
        f"exchange rates. The article gives a whole number, so a change agrees with it at the stated "
        f"precision if it rounds to 9 ({low:g}–{high:g}%). Supported if the real change does; mixed if it "
        f"does not but the real change or a nominal change (NATO current USD, SIPRI current USD) is within "
        f"one whole point ({about_low:g}–{about_high:g}%, 'about nine'); not supported if no basis is; not "
        f"testable if no basis has both years. Both bands are fixed by the wording, not by the data.",
    }
    missing = _need(tables, ["countries"])
    if missing:
        return _not_testable({**base, "data": ()}, missing, "required tables absent")
    members = _nato_members(tables["countries"], year)
    series = _nato_total_series(tables, members)
    data = []
    if "milex" in tables:
        data.append(
            DataUsed(
                "milex",
                releases.get("milex", "SIPRI"),
                f"{year - 1}-{year}",
                f"milex_constant2023_usd_millions, milex_current_usd_millions; {len(members)} allies of {year}",
            )
        )
    if "defence_expenditure" in tables:
        nato_rows = _nato_rows(tables["defence_expenditure"])
        data.append(
            DataUsed(
                "defence_expenditure",
                _release_of(nato_rows[nato_rows["iso3"] == "NATO_TOTAL"], releases, "defence_expenditure"),
                f"{year - 1}-{year} ({year - 1} and {year} are NATO estimates in this release)",
                "usd_current_millions of NATO_TOTAL",
            )
        )
    base["data"] = tuple(data)
    this_year = series[series["year"] == year].set_index("basis") if not series.empty else pd.DataFrame()
    available = this_year.dropna(subset=["change_pct"]) if not this_year.empty else this_year
    if available.empty:
        return _not_testable(
            base,
            [
                f"combined NATO spending for {year - 1} and {year} (SIPRI constant-price or NATO current-USD totals)"
            ],
            f"no basis has figures for both {year - 1} and {year}",
        )
    real = available[available["terms"] == "real"]["change_pct"]
    nominal = available[available["terms"] == "nominal"]["change_pct"]
    real_value = float(real.iloc[0]) if len(real) else math.nan
    if low <= real_value <= high:
        verdict = Verdict.supported
    elif any(about_low <= float(v) <= about_high for v in [real_value, *nominal]):
        verdict = Verdict.mixed
    else:
        verdict = Verdict.not_supported
    parts = [f"{b} ({r.terms}): {r.change_pct:+.1f}%" for b, r in available.iterrows()]
    other = series[(series["year"] == year - 1) & series["change_pct"].notna()]
    context = "; ".join(f"{r.basis}: {r.change_pct:+.1f}%" for r in other.itertuples())
    reason = f"{year - 1}→{year}: " + "; ".join(parts) + "."
    if context:
        reason += f" For comparison {year - 2}→{year - 1}: {context}."
    if len(real):
        reason += (
            f" Verdict basis: real terms. The real change {real_value:+.1f}% is {abs(real_value - 9.0):.1f} pp "
            f"from 9% ({'within' if low <= real_value <= high else 'outside'} ±{NINE_PERCENT_PRECISION:g} pp, "
            f"the precision of a whole-number claim; {'within' if about_low <= real_value <= about_high else 'outside'} "
            f"±{NINE_PERCENT_ABOUT:g} pp, 'about')."
        )
    else:
        reason += (
            " No real-terms figure: the verdict rests on nominal figures only and cannot be 'supported'."
        )
    return ClaimResult(**base, value=real_value, verdict=verdict, reason=reason, evidence=series)


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
            [*_need(tables, ["ukraine_support", "countries"]), "a tracker release with Europe's and the US's "
             "total and military allocations (table kiel_releases)"],
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
        rows.append({"measure": measure, "europe": e, "usa": u, "europe_minus_usa": e - u, "europe_over_usa": e / u})
    evidence = pd.DataFrame(rows)
    by = evidence.set_index("measure")
    less_total = by.loc["total_alloc_eur_bn", "europe"] < by.loc["total_alloc_eur_bn", "usa"]
    less_mil = by.loc["military_alloc_eur_bn", "europe"] < by.loc["military_alloc_eur_bn", "usa"]
    verdict = [Verdict.not_supported, Verdict.mixed, Verdict.supported][int(less_total) + int(less_mil)]
    reason = (
        f"Tracker update {release} (data to {meta['data_through']}, public {meta['published']}; the newest held "
        f"release with both figures): Europe EUR {by.loc['total_alloc_eur_bn', 'europe']:.1f} bn vs US "
        f"{by.loc['total_alloc_eur_bn', 'usa']:.1f} bn in total allocations (ratio "
        f"{by.loc['total_alloc_eur_bn', 'europe_over_usa']:.2f}); military "
        f"{by.loc['military_alloc_eur_bn', 'europe']:.1f} vs {by.loc['military_alloc_eur_bn', 'usa']:.1f} bn. "
        "Headline figures of Kiel's release (Europe as Kiel's bloc); no per-donor table of that release, so no "
        "commitments or % of GDP."
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


def us_share_of_nato_spending(
    tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike
) -> ClaimResult:
    """Claim 6: the US carries most of NATO's defence spending."""
    base: dict[str, Any] = {
        "id": "us_share_of_nato_spending",
        "claim": "The US pays for most of NATO's defence.",
        "statement": f"In {year} the United States accounted for more than half of the allies' combined "
        "defence spending (current USD).",
        "statistic": f"US share of NATO defence spending in {year}, % (NATO figures)",
        "rule": "Supported if the US share exceeds 50% on every basis available for the year (NATO current "
        "USD: USA / NATO_TOTAL; SIPRI current USD: USA / sum over the allies); mixed if on some; not "
        "supported if on none; not testable if no basis has the year.",
    }
    if _need(tables, ["countries"]):
        return _not_testable({**base, "data": ()}, ["table 'countries'"], "required table absent")
    rows = []
    data = []
    defence = tables.get("defence_expenditure")
    if defence is not None and not defence.empty:
        nato = _nato_rows(defence)
        wide = nato[nato["iso3"].isin(["USA", "NATO_TOTAL"])].pivot_table(
            index="year", columns="iso3", values="usd_current_millions", aggfunc="first"
        )
        if {"USA", "NATO_TOTAL"} <= set(wide.columns):
            for y, r in wide.iterrows():
                rows.append(("NATO current USD", int(y), r["USA"], r["NATO_TOTAL"]))
            data.append(
                DataUsed(
                    "defence_expenditure",
                    _release_of(nato[nato["iso3"] == "USA"], releases, "defence_expenditure"),
                    f"{int(wide.index.min())}-{int(wide.index.max())} (2023-24 estimates)",
                    "usd_current_millions of USA and NATO_TOTAL",
                )
            )
    milex = tables.get("milex")
    if milex is not None and not milex.empty:
        for y, group in milex.groupby("year"):
            members = _nato_members(tables["countries"], int(y))
            sub = group[group["iso3"].isin(members)].set_index("iso3")["milex_current_usd_millions"]
            if "USA" in sub.index and sub.notna().all():
                rows.append(("SIPRI current USD", int(y), sub["USA"], sub.sum()))
        data.append(
            DataUsed(
                "milex",
                releases.get("milex", "SIPRI"),
                "2014-2024, allies of each year",
                "milex_current_usd_millions",
            )
        )
    base["data"] = tuple(data)
    evidence = pd.DataFrame(rows, columns=["basis", "year", "usa_usd_millions", "nato_usd_millions"])
    evidence["us_share_pct"] = 100.0 * evidence["usa_usd_millions"] / evidence["nato_usd_millions"]
    current = evidence[(evidence["year"] == year) & evidence["us_share_pct"].notna()]
    if current.empty:
        return _not_testable(base, [f"US and NATO total spending for {year}"], f"no basis covers {year}")
    above = current["us_share_pct"] > 50.0
    verdict = Verdict.supported if above.all() else Verdict.mixed if above.any() else Verdict.not_supported
    first_year = evidence.groupby("basis")["year"].transform("min") == evidence["year"]
    start = evidence[first_year]
    reason = (
        "; ".join(f"{r.basis} {year}: {r.us_share_pct:.1f}%" for r in current.itertuples())
        + " (earliest: "
        + ", ".join(f"{r.basis} {r.year}: {r.us_share_pct:.1f}%" for r in start.itertuples())
        + ")."
    )
    primary = current[current["basis"] == "NATO current USD"]
    value = float((primary if len(primary) else current)["us_share_pct"].iloc[0])
    return ClaimResult(**base, value=value, verdict=verdict, reason=reason, evidence=evidence)


def threat_not_size(tables: Tables, releases: Mapping[str, str], year: int, rng: RNGLike) -> ClaimResult:
    """Claim 7 (the article's counter-claim to Olson–Zeckhauser): threat, not size, drives burden."""
    base: dict[str, Any] = {
        "id": "threat_not_size",
        "claim": "Proximity to the threat, not economic size, drives how much allies spend.",
        "statement": f"In {year}, allies' defence burden (% GDP) falls with distance from Moscow once GDP is "
        "held fixed, and does not rise with GDP once distance is held fixed (no Olson–Zeckhauser exploitation).",
        "statistic": "partial Spearman ρ(burden, distance to Moscow | GDP)",
        "rule": "Threat effect: partial Spearman ρ(burden, distance | GDP) < 0 with two-sided p < 0.05. Size "
        "effect: partial ρ(GDP, burden | distance) > 0 with p < 0.05. Supported if the threat effect holds and "
        "the size effect does not; not supported if the size effect holds and the threat effect does not; "
        "mixed otherwise; not testable with fewer than 6 allies having GDP, burden and distance. GDP is "
        "World Bank current USD of the year; if more than 3 allies lack it, the previous year's (the "
        "reason names the GDP year and the allies left out).",
    }
    need = _need(tables, ["countries", "defence_expenditure"])
    gdp_table = tables.get("gdp")
    if need:
        return _not_testable({**base, "data": ()}, need, "required tables absent")
    countries = tables["countries"].set_index("iso3")
    members = _nato_members(tables["countries"], year)
    defence = _nato_rows(tables["defence_expenditure"])
    burden = defence[defence["year"] == year].set_index("iso3")["pct_gdp"].reindex(members)
    gdp_year = year
    gdp = pd.Series(np.nan, index=members)
    if gdp_table is not None and not gdp_table.empty:
        gdp = gdp_table[gdp_table["year"] == year].set_index("iso3")["gdp_current_usd"].reindex(members)
        if gdp.notna().sum() < len(members) - 3 and (gdp_table["year"] == year - 1).any():
            gdp_year = year - 1  # GDP of the year is missing for many allies; use the last full year
            gdp = (
                gdp_table[gdp_table["year"] == gdp_year].set_index("iso3")["gdp_current_usd"].reindex(members)
            )
    from redline.world import great_circle_km

    moscow = (
        countries.loc["RUS", ["capital_lat", "capital_lon"]].astype(float)
        if "RUS" in countries.index
        else None
    )
    if moscow is None:
        distance = pd.Series(np.nan, index=members)
    else:
        distance = pd.Series(
            great_circle_km(
                countries.loc[members, "capital_lat"].astype(float),
                countries.loc[members, "capital_lon"].astype(float),
                moscow["capital_lat"],
                moscow["capital_lon"],
            ),
            index=members,
        )
    base["data"] = (
        DataUsed(
            "defence_expenditure",
            _release_of(defence[defence["year"] == year], releases, "defence_expenditure"),
            str(year),
            "pct_gdp",
        ),
        DataUsed("gdp", releases.get("gdp", "World Bank"), str(gdp_year), "gdp_current_usd"),
        DataUsed(
            "countries",
            releases.get("countries", ""),
            "2025 coding",
            "capital_lat, capital_lon (distance to Moscow)",
        ),
    )
    frame = pd.DataFrame(
        {
            "iso3": members,
            "gdp_usd": gdp.to_numpy(),
            "burden_pct": burden.to_numpy(),
            "dist_moscow_km": distance.to_numpy(),
        }
    )
    complete = frame.dropna()
    if len(complete) < 6:
        return _not_testable(
            base,
            [f"GDP and NATO % GDP for {year} for at least 6 allies"],
            f"only {len(complete)} allies complete",
        )
    threat_r, threat_p, n = partial_correlation(
        complete["burden_pct"], complete["dist_moscow_km"], complete["gdp_usd"]
    )
    size_r, size_p, _ = partial_correlation(
        complete["gdp_usd"], complete["burden_pct"], complete["dist_moscow_km"]
    )
    oz = olson_zeckhauser(
        complete["gdp_usd"],
        complete["burden_pct"],
        control=complete["dist_moscow_km"],
        control_name="dist_moscow",
        rng=rng,
    )
    threat = threat_r < 0 and threat_p < 0.05
    size = size_r > 0 and size_p < 0.05
    if threat and not size:
        verdict = Verdict.supported
    elif size and not threat:
        verdict = Verdict.not_supported
    else:
        verdict = Verdict.mixed
    stats_rows = pd.DataFrame(
        [
            (
                "partial_spearman_burden_distance_given_gdp",
                threat_r,
                threat_p,
                "two-sided",
                "t with n-3 df",
                n,
            ),
        ],
        columns=oz.columns,
    )
    evidence = pd.concat([oz, stats_rows], ignore_index=True)
    perm = oz[(oz["statistic"] == "spearman_rho") & (oz["alternative"] == "greater")].iloc[0]
    reason = (
        f"n = {n} of {len(members)} allies (missing GDP or % GDP: {', '.join(sorted(set(members) - set(complete['iso3']))) or 'none'}); partial ρ(burden, distance | GDP) = {threat_r:.3f} (p = {threat_p:.3f}); partial "
        f"ρ(GDP, burden | distance) = {size_r:.3f} (p = {size_p:.3f}); Olson–Zeckhauser ρ_S(GDP, burden) = "
        f"{perm['value']:.3f}, one-sided p = {perm['p_value']:.3f} ({perm['method']}). GDP year {gdp_year}."
    )
    return ClaimResult(**base, value=float(threat_r), verdict=verdict, reason=reason, evidence=evidence)


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


# ------------------------------------------------------------------------------------------ vintages
def tables_as_of(tables: Tables, on: dt.date) -> dict[str, pd.DataFrame]:
    """The claim tables with only the rows of releases public on ``on`` (:mod:`redline.data.releases`).

    NATO rows by release id, SIPRI and Kiel rows by release text; a release not yet public is dropped
    (a table can become empty). Tables held in one vintage only (GDP, V-Dem, votes) are kept as held.
    """
    from redline.data.releases import release_available

    out = dict(tables)
    for name, column in (
        ("defence_expenditure", "release_id"),
        ("milex", "release"),
        ("ukraine_support", "release"),
        ("kiel_releases", "release"),
    ):
        frame = tables.get(name)
        if frame is not None and column in frame.columns:
            public = frame[column].map(lambda r, n=name: release_available(n, str(r), on))
            out[name] = frame[public.astype(bool)].reset_index(drop=True)
    return out


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
