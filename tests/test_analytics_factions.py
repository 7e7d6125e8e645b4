"""Factions (models.md §5.4): Louvain, modularity and average linkage against plain references."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from redline.analytics.factions import (
    average_linkage,
    factions,
    linkage_factions,
    louvain_factions,
    modularity,
)
from redline.errors import RedlineError

NAMES = list("ABCDEF")
UPPER = {
    "AB": 0.9, "AC": 0.8, "AD": 0.2, "AE": 0.1, "AF": 0.3, "BC": 0.85, "BD": 0.1, "BE": 0.2,
    "BF": 0.2, "CD": 0.3, "CE": 0.1, "CF": 0.1, "DE": 0.9, "DF": 0.8, "EF": 0.7,
}  # fmt: skip


def spec_similarity() -> pd.DataFrame:
    s = pd.DataFrame(np.eye(6), index=NAMES, columns=NAMES)
    for pair, value in UPPER.items():
        s.loc[pair[0], pair[1]] = s.loc[pair[1], pair[0]] = value
    return s


def plain_modularity(sim, groups):
    """Q = (1/2m) Σ_ij [A_ij − k_i k_j / 2m] 1[c_i = c_j], A without self-loops, plain loops."""
    names = list(sim.index)
    a = {(i, j): (0.0 if i == j else sim.loc[i, j]) for i in names for j in names}
    k = {i: sum(a[(i, j)] for j in names) for i in names}
    two_m = sum(k.values())
    label = {m: g for g, group in enumerate(groups) for m in group}
    return sum(a[(i, j)] - k[i] * k[j] / two_m for i in names for j in names if label[i] == label[j]) / two_m


def plain_average_linkage_heights(sim):
    """Naive UPGMA: repeatedly merge the closest clusters (mean pairwise distance)."""
    clusters = [[n] for n in sim.index]
    dist = 1 - sim
    heights = []
    while len(clusters) > 1:
        best = None
        for x, y in itertools.combinations(range(len(clusters)), 2):
            d = np.mean([dist.loc[i, j] for i in clusters[x] for j in clusters[y]])
            if best is None or d < best[0] - 1e-12:
                best = (d, x, y)
        d, x, y = best
        heights.append(d)
        clusters = [c for k, c in enumerate(clusters) if k not in (x, y)] + [clusters[x] + clusters[y]]
    return heights


def test_spec_vector_modularity_by_plain_formula():
    sim = spec_similarity()
    two = [list("ABC"), list("DEF")]
    assert plain_modularity(sim, two) == pytest.approx(0.255463, abs=1e-6)
    assert plain_modularity(sim, [NAMES]) == pytest.approx(0.0, abs=1e-12)
    assert plain_modularity(sim, [[n] for n in NAMES]) == pytest.approx(-0.167094, abs=1e-6)
    for groups in (two, [NAMES], [[n] for n in NAMES]):
        assert modularity(sim, groups) == pytest.approx(plain_modularity(sim, groups), abs=1e-12)


def test_louvain_and_greedy_agree_on_spec():
    sim = spec_similarity()
    assert louvain_factions(sim, rng=0) == [list("ABC"), list("DEF")]
    # cross-check with networkx's greedy modularity on the same graph, built independently
    g = nx.Graph()
    for pair, w in UPPER.items():
        g.add_edge(pair[0], pair[1], weight=w)
    greedy = sorted(sorted(c) for c in nx.community.greedy_modularity_communities(g, weight="weight"))
    assert greedy == [list("ABC"), list("DEF")]


def test_average_linkage_heights_and_cut():
    sim = spec_similarity()
    heights = plain_average_linkage_heights(sim)
    assert heights == pytest.approx([0.1, 0.1, 0.175, 0.25, 0.822222], abs=1e-6)
    assert sorted(average_linkage(sim)[:, 2]) == pytest.approx(sorted(heights), abs=1e-12)
    assert linkage_factions(sim, height=0.5) == [list("ABC"), list("DEF")]
    assert linkage_factions(sim, height=0.9) == [NAMES]


def test_factions_report_and_flags():
    sim = spec_similarity()
    members, summary = factions(sim)
    assert summary["modularity_louvain"] == pytest.approx(0.255463, abs=1e-6)
    assert summary["n_louvain_factions"] == summary["n_linkage_factions"] == 2
    row = members.set_index("member").loc["A"]
    assert row["within_similarity"] == pytest.approx((0.9 + 0.8) / 2)
    assert not members["methods_differ"].any()
    # a low cut splits DEF: F's linkage cluster {F} still best-matches its Louvain faction
    members, summary = factions(sim, height=0.15)
    assert summary["n_linkage_factions"] > 2
    assert not members["methods_differ"].any()


def test_methods_differ_flag():
    # E is tied to A and B (sum 1.2) and most strongly to C (0.7): Louvain puts E with A, B; average
    # linkage pairs E with C first; the cluster {C, E} best-matches E's Louvain faction, so C is flagged
    names = list("ABCDE")
    grid = np.full((5, 5), 0.05)
    np.fill_diagonal(grid, 1.0)
    s = pd.DataFrame(grid, index=names, columns=names)
    for a, b, v in [("A", "B", 0.95), ("C", "D", 0.5), ("A", "E", 0.6), ("B", "E", 0.6), ("C", "E", 0.7)]:
        s.loc[a, b] = s.loc[b, a] = v
    members, _ = factions(s, height=0.45)
    table = members.set_index("member")
    # the flag is exactly "linkage cluster's best-match Louvain faction differs from own"
    for name in names:
        cluster = table.index[table["linkage_faction"] == table.loc[name, "linkage_faction"]]
        counts = table.loc[cluster, "louvain_faction"].value_counts()
        best = counts[counts == counts.max()].index.min()
        assert table.loc[name, "methods_differ"] == (best != table.loc[name, "louvain_faction"])
    assert table["methods_differ"].tolist() == [False, False, True, False, False]


def test_missing_similarity_needs_fill():
    sim = spec_similarity()
    sim.loc["A", "F"] = sim.loc["F", "A"] = np.nan
    with pytest.raises(RedlineError, match="missing"):
        factions(sim)
    members, _ = factions(sim, fill_missing=0.0)
    assert len(members) == 6
    bad = spec_similarity() * 2
    with pytest.raises(RedlineError, match=r"\[0, 1\]"):
        factions(bad)
