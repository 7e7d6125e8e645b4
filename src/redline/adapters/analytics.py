"""The analytics adapter: the article's claims checked against the data (verdicts with their data) and
the burden, alignment and faction tables. It builds in a second thread while the other families build
(it shares nothing with them but the read-only World)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from redline.adapters.base import BuildContext, Part, headline
from redline.scenario import Scenario

__all__ = ["AnalyticsAdapter"]


class AnalyticsAdapter:
    """``[analytics]``: claims and the burden/alignment/faction tables."""

    name = "analytics"
    background = True

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.analytics

    def build(self, ctx: BuildContext) -> Part:
        return Part({"analytics": _analytics(ctx.scenario, ctx.world, ctx.seed)})

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], draws: dict[str, np.ndarray]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        out: dict[str, Any] = {}
        headlines: list[dict[str, Any]] = []
        if exact.get("analytics"):
            out["analytics"] = exact["analytics"]
            for claim in exact["analytics"].get("claims", []):
                headlines.append(
                    headline(f"claim.{claim['id']}", f"Claim: {claim['claim']}", claim["verdict"], None)
                )
        return out, headlines


def _analytics(scenario: Scenario, world: Any, seed: int) -> dict[str, Any]:
    """The article's claims (verdicts with their data) and the burden/alignment/faction tables."""
    spec = scenario.analytics
    year = scenario.world.effective_year
    out: dict[str, Any] = {}
    if spec.claims:
        from redline.analytics.claims import check_claims

        out["claims"] = [c.to_dict() for c in check_claims(article_year=year, rng=seed)]
    nato = list(world.members("NATO"))
    actors = world.actors
    if "burden" in spec.plots:
        from redline.analytics.burden import defence_burden

        frame = defence_burden(actors.loc[nato])
        from redline.frontline import frontline_states

        out["burden"] = {"table": frame, "frontline": frontline_states(actors.loc[nato])}
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
            out["alignment"] = {
                "measure": "agree",
                "resolutions": list(matrix.columns),
                "similarity": {"states": list(sim.index), "values": sim.to_numpy(dtype=float)},
                "factions": members,
                "summary": summary,
                "left_out": sorted(set(states) - set(kept.index)),
            }
    return out
