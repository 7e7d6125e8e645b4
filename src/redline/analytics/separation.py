"""Can recorded votes tell a group's members apart? A plain count, before any faction model.

Alignment scores and factions (``alignment.py``, ``factions.py``) always return numbers, even when
every member voted the same way on every resolution; then the heatmap is uniform and the dendrogram
empty, and the reader should be told that the data, not the alliance, is silent. This module counts:

* a resolution **divides** the group when its members' valid votes (Y, N, A) are not all the same;
  absent and undetermined votes are missing and never divide;
* a member **departs** on a dividing resolution when its valid vote differs from the group's most
  common valid vote there (ties: the vote closer to yes counts as the group's);
* members without any departure cannot be told apart by these votes (they never cast different
  valid votes on a resolution that divides anyone, and agree on all others);
* a resolution on which fewer than half of the members have a valid vote and that divides no one is
  counted apart (``thin``): its "same vote" says little.

The summary's ``verdict`` states the result in one sentence, e.g. "all 32 members who voted cast the
same vote on 13 of 15 resolutions; the votes separate USA, HUN from the rest and cannot separate the
other 30 from each other".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from redline.analytics.alignment import vote_matrix
from redline.errors import RedlineError

__all__ = ["vote_separation"]

_LABEL = {1.0: "Y", 2.0: "A", 3.0: "N"}


def vote_separation(votes: pd.DataFrame, members: Iterable[str]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Per resolution: does it divide ``members``, and who departs from the group's vote?

    ``votes`` is a long vote table (``iso3, resolution, date, vote``, as ``unga_votes``). Returns a
    table with one row per resolution (``resolution, date, n_valid, yes, no, abstain, missing,
    divides, group_vote, departing``) and a summary with the counts, the members who ever depart
    (with their number of departures), those who cannot be told apart, and a one-sentence verdict.
    """
    members = list(dict.fromkeys(members))
    if not members:
        raise RedlineError("vote_separation: no members given")
    matrix = vote_matrix(votes).reindex(members)
    dates = (
        votes.drop_duplicates("resolution").set_index("resolution")["date"].astype(str)
        if "date" in votes.columns
        else pd.Series(dtype=str)
    )
    rows = []
    departures: dict[str, list[str]] = {m: [] for m in members}
    for resolution in matrix.columns:
        column = matrix[resolution]
        valid = column.dropna()
        counts = {code: int((valid == code).sum()) for code in (1.0, 2.0, 3.0)}
        divides = sum(1 for n in counts.values() if n > 0) > 1
        group_vote = max(counts, key=lambda code: (counts[code], -code)) if len(valid) else np.nan
        departing = sorted(valid.index[valid != group_vote]) if divides else []
        for m in departing:
            departures[m].append(resolution)
        rows.append(
            {
                "resolution": resolution,
                "date": dates.get(resolution, ""),
                "n_valid": int(len(valid)),
                "yes": counts[1.0],
                "no": counts[3.0],
                "abstain": counts[2.0],
                "missing": int(column.isna().sum()),
                "divides": bool(divides),
                "group_vote": _LABEL.get(group_vote, ""),
                "departing": ", ".join(f"{m} {_LABEL[column[m]]}" for m in departing),
            }
        )
    table = pd.DataFrame(rows)
    voted = [m for m in members if matrix.loc[m].notna().any()]
    never_voted = [m for m in members if m not in voted]
    separated = {m: len(r) for m, r in departures.items() if r}
    inseparable = [m for m in voted if m not in separated]
    cover = max(2, -(-len(voted) // 2))  # valid votes from at least half of the members who ever voted
    if len(table):
        n_res = int((table["n_valid"] > 0).sum())
        n_same = int(((table["n_valid"] >= cover) & ~table["divides"]).sum())
        thin = list(table.loc[(table["n_valid"] > 0) & (table["n_valid"] < cover) & ~table["divides"], "resolution"])
    else:
        n_res, n_same, thin = 0, 0, []
    summary = {
        "n_members": len(members),
        "n_members_voting": len(voted),
        "n_resolutions": n_res,
        "n_identical": n_same,
        "n_dividing": n_res - n_same,
        "dividing": list(table.loc[table["divides"], "resolution"]) if len(table) else [],
        "thin": thin,
        "separated": dict(sorted(separated.items(), key=lambda kv: (-kv[1], kv[0]))),
        "inseparable": inseparable,
        "no_valid_vote": never_voted,
        "verdict": _verdict(len(voted), n_res, n_same, thin, separated, inseparable),
    }
    return table, summary


def _verdict(
    n_voting: int, n_res: int, n_same: int, thin: list[str], separated: dict[str, int], inseparable: list[str]
) -> str:
    """One sentence a reader can check against the table."""
    if n_res == 0:
        return "no recorded vote of these members: the votes cannot separate them"
    head = f"all {n_voting} members who voted cast the same vote on {n_same} of {n_res} resolutions"
    if thin:
        head += f" ({len(thin)} more with valid votes from fewer than half of them: {', '.join(thin)})"
    if not separated:
        return f"{head}: the votes cannot separate any of them"
    names = ", ".join(sorted(separated, key=lambda m: (-separated[m], m)))
    if inseparable:
        return (
            f"{head}; the votes separate {names} from the rest and cannot separate the other "
            f"{len(inseparable)} from each other"
        )
    return f"{head}; every member departs from the group's vote at least once ({names})"
