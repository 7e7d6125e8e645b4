"""The analytics adapter: the article's claims checked against the data (verdicts with their data) and
the burden, alignment and faction tables. It builds in a second thread while the other families build
(it shares nothing with them but the read-only World)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from redline.adapters.base import BuildContext, Part, headline
from redline.frontline import frontline
from redline.scenario import Scenario

__all__ = ["AnalyticsAdapter", "burden_report", "cached_analytics"]


class AnalyticsAdapter:
    """``[analytics]``: claims and the burden/alignment/faction tables."""

    name = "analytics"
    background = True

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.analytics

    def build(self, ctx: BuildContext) -> Part:
        return Part({"analytics": cached_analytics(ctx.scenario, ctx.world, ctx.seed)})

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        out: dict[str, Any] = {}
        headlines: list[dict[str, Any]] = []
        if exact.get("analytics"):
            out["analytics"] = exact["analytics"]
            from redline.analytics.claims.check import verdict_with_window

            year = exact["analytics"].get("claims_year")
            for claim in exact["analytics"].get("claims", []):
                answer = verdict_with_window(claim["verdict"], year) if year else claim["verdict"]
                headlines.append(headline(f"claim.{claim['id']}", f"Claim: {claim['claim']}", answer, None))
        return out, headlines


def cached_analytics(scenario: Scenario, world: Any, seed: int) -> dict[str, Any]:
    """:func:`_analytics` through the disk cache (:mod:`redline.cache`): the claims and tables take
    seconds (scipy.stats and networkx alone ≈ 1.5 CPU-s to import) and depend only on the
    ``[analytics]`` and ``[world]`` sections, the seed, the data snapshot and the code, all in the key."""
    from redline.cache import cached
    from redline.data.snapshot import active_snapshot_dir

    inputs = {
        "analytics": scenario.analytics.model_dump(mode="json"),
        "world": scenario.world.model_dump(mode="json"),
        "year": scenario.world.effective_year,
        "seed": seed,
    }
    return cached("analytics", inputs, lambda: _analytics(scenario, world, seed), snapshot=active_snapshot_dir())


def _analytics(scenario: Scenario, world: Any, seed: int) -> dict[str, Any]:
    """The article's claims (verdicts with their data) and the burden/alignment/faction tables."""
    spec = scenario.analytics
    year = scenario.world.effective_year
    out: dict[str, Any] = {}
    if spec.claims:
        from redline.analytics.claims import check_claims

        out["claims"] = [c.to_dict() for c in check_claims(article_year=year, rng=seed)]
        out["claims_year"] = int(year)  # the claims read data dated to the end of this year
    nato = list(world.members("NATO"))
    actors = world.actors
    if "burden" in spec.plots:  # the same computation as `redline burden` (members = NATO of the year)
        from redline.frontline import frontline_states

        sections, meta = burden_report(world, nato, seed=seed)
        out["burden"] = {
            "table": sections.pop("members"),
            "frontline": frontline_states(actors.loc[nato]),
            **sections,
            "meta": meta,
        }
    if "alignment" in spec.plots or "factions" in spec.plots:
        from redline.analytics.alignment import dyadic_similarity, similarity_matrix, vote_matrix
        from redline.analytics.factions import factions
        from redline.data import load_table

        votes = load_table("unga_votes")
        votes = votes[pd.to_datetime(votes["date"].astype(str)).dt.year <= year]
        states = [s for s in [*nato, "UKR", "MDA", "GEO", "RUS", "BLR"] if s in actors.index]
        matrix = vote_matrix(votes)
        matrix = matrix.loc[matrix.index.isin(states)]
        kept = matrix[matrix.notna().sum(axis=1) >= 1]
        if len(kept) >= 2:
            sim = similarity_matrix(dyadic_similarity(kept), "agree", states=list(kept.index))
            members, summary = factions(sim, fill_missing=0.0, rng=0)
            from redline.analytics.separation import vote_separation

            _, separation = vote_separation(votes, [s for s in nato if s in actors.index])
            out["alignment"] = {
                "separation": separation,
                "measure": "agree",
                "resolutions": list(matrix.columns),
                "similarity": {"states": list(sim.index), "values": sim.to_numpy(dtype=float)},
                "factions": members,
                "summary": summary,
                "left_out": sorted(set(states) - set(kept.index)),
            }
    return out


def burden_report(world: Any, members: list[str], seed: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """What ``redline burden`` prints: per member % of GDP, gaps to 2 % and 3.5 %, burden ratio, Kiel aid
    (``members``); the Olson–Zeckhauser statistics; frontline minus the rest with bootstrap CIs; the
    change of NATO's total (from the complete NATO release the data layer declares). Returns the
    sections and their metadata (releases, snapshot, members missing GDP or % of GDP).
    """
    from redline.analytics.burden import (
        aid_burden,
        defence_burden,
        group_difference,
        olson_zeckhauser,
        spending_change,
    )
    from redline.data import load_table
    from redline.data.releases import full_defence_release

    actors = world.actors.loc[list(members)]
    table = defence_burden(actors)
    aid = aid_burden(actors).set_index("iso3")
    front = frontline(actors) == 1
    table["frontline"] = table["iso3"].map(front).astype(bool)
    table["dist_moscow_km"] = table["iso3"].map(actors["dist_moscow_km"])
    for column in ("aid_eur_bn", "aid_pct_gdp", "aid_eur_per_capita"):
        table[column] = table["iso3"].map(aid[column])
    sections: dict[str, pd.DataFrame | dict] = {"members": table}
    ok = table.dropna(subset=["gdp", "burden_pct"])
    if len(ok) >= 3:
        sections["olson_zeckhauser"] = olson_zeckhauser(
            ok["gdp"],
            ok["burden_pct"],
            control=ok["frontline"].astype(float),
            control_name="frontline",
            rng=seed,
        )
    burdened = table.dropna(subset=["burden_pct"])
    if burdened["frontline"].sum() >= 2 and (~burdened["frontline"]).sum() >= 2:
        sections["frontline_vs_others"] = group_difference(
            burdened["burden_pct"], burdened["frontline"], rng=seed
        )
    defence = load_table("defence_expenditure")
    nato_total = defence[
        (defence["iso3"] == "NATO_TOTAL") & (defence["release_id"] == full_defence_release())
    ]
    if not nato_total.empty:
        change = spending_change(nato_total.set_index("year")["usd_current_millions"])
        sections["nato_total_current_usd_millions"] = change
    missing = sorted(table.loc[table["burden_pct"].isna() | table["gdp"].isna(), "iso3"])
    meta = {
        "defence_release": world.provenance["defence_pct_gdp"].get("release"),
        "gdp": world.provenance["gdp_usd"].get("release"),
        "missing_gdp_or_burden": missing,
        "snapshot": world.snapshot_version,
    }
    return sections, meta
