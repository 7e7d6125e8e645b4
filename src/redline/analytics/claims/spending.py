"""Claims about defence spending: frontline states spend most, NATO's spending rose about nine percent,
the US share of NATO spending, threat rather than size explains spending.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.burden import (
    group_difference,
    olson_zeckhauser,
    partial_correlation,
)
from redline.analytics.claims.records import (
    ClaimResult,
    DataUsed,
    Verdict,
    _not_testable,
)
from redline.analytics.claims.tables import (
    NATO_FULL_RELEASE,
    Tables,
    _frontline,
    _nato_members,
    _nato_rows,
    _nato_total_series,
    _need,
    _rank_desc,
    _release_of,
)
from redline.rng import RNGLike

__all__ = ["NINE_PERCENT_PRECISION", "NINE_PERCENT_ABOUT", "frontline_spend_most", "nato_spending_rose_nine_percent", "us_share_of_nato_spending", "threat_not_size"]


NINE_PERCENT_PRECISION = 0.5
"""The article states a whole number: a change agrees with "nine percent" if it rounds to 9 (9 ± 0.5)."""


NINE_PERCENT_ABOUT = 1.0
"""The loosest reading of "about nine percent": within one whole point of 9 (9 ± 1). Fixed a priori
from the wording (whole-number claim, "about" = the neighbouring whole number), not from the data."""


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


US_SHARE_DENOMINATOR = (
    "Share of the allies' total national defence spending (NATO: USA / NATO_TOTAL; SIPRI: USA / sum "
    "over the allies), which counts the whole US defence budget, including its forces and commitments "
    "outside Europe."
)
"""The denominator of ``us_share_of_nato_spending``, named in its reason: the claim says "NATO's defence"."""


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
        + "). "
        + US_SHARE_DENOMINATOR
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
        "the size effect does not — worded 'consistent with the data', since one year's cross-sectional "
        "correlation cannot support the claim's 'drives'; not supported if the size effect holds and the threat effect does not; "
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
    if threat and not size:  # "drives" is causal; one year's cross-section can only agree with it
        verdict = Verdict.consistent
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
        f"{perm['value']:.3f}, one-sided p = {perm['p_value']:.3f} ({perm['method']}). GDP year {gdp_year}. "
        "A correlation across the allies in one year: it can agree with 'drives' or contradict it, not "
        "establish it."
    )
    return ClaimResult(**base, value=float(threat_r), verdict=verdict, reason=reason, evidence=evidence)
