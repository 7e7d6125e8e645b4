"""Faction detection on a similarity graph of members (models.md §5.4).

Two methods, so that a faction found by one and not the other is visible:

1. Louvain modularity maximisation (networkx ``louvain_communities`` with a fixed seed), reporting
   the partition and its modularity Q = (1/2m) Σ_ij [A_ij − k_i k_j / 2m] 1[c_i = c_j];
2. average-linkage hierarchical clustering (scipy) on the distance 1 − similarity, cut at height h.

Each member gets its faction under both methods, its mean similarity to the rest of its Louvain
faction, and a flag when its linkage cluster's best-matching Louvain faction is not its own.

References: Blondel, Guillaume, Lambiotte & Lefebvre (2008), *Fast unfolding of communities in large
networks*; Newman (2006) for modularity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from redline.errors import RedlineError
from redline.rng import RNGLike, as_generator

__all__ = [
    "check_similarity",
    "similarity_graph",
    "louvain_factions",
    "modularity",
    "average_linkage",
    "linkage_factions",
    "factions",
]


def check_similarity(similarity: pd.DataFrame, *, fill_missing: float | None = None) -> pd.DataFrame:
    """Validate a square, symmetric similarity matrix with values in [0, 1].

    Missing pairs (NaN) are an error unless ``fill_missing`` gives the value to use (reported by the
    caller; e.g. 0 = "no evidence of similarity").
    """
    if similarity.shape[0] != similarity.shape[1] or list(similarity.index) != list(similarity.columns):
        raise RedlineError("similarity matrix must be square with the same labels on rows and columns")
    s = similarity.to_numpy(dtype=float).copy()
    missing = ~np.isfinite(s)
    if missing.any():
        if fill_missing is None:
            i, j = np.argwhere(missing)[0]
            raise RedlineError(
                f"similarity of {similarity.index[i]} and {similarity.columns[j]} is missing "
                f"({int(missing.sum()) // 2} pairs in all); pass fill_missing or drop those members"
            )
        s[missing] = fill_missing
    if not np.allclose(s, s.T, equal_nan=False):
        raise RedlineError("similarity matrix is not symmetric")
    if (s < -1e-12).any() or (s > 1 + 1e-12).any():
        raise RedlineError("similarities must lie in [0, 1] (rescale S as (S+1)/2, clip κ at 0)")
    np.fill_diagonal(s, 1.0)
    return pd.DataFrame(np.clip(s, 0.0, 1.0), index=similarity.index, columns=similarity.columns)


def similarity_graph(similarity: pd.DataFrame) -> nx.Graph:
    """Weighted undirected graph: one node per member, edge weight = similarity (no self-loops)."""
    s = similarity.to_numpy(dtype=float)
    names = list(similarity.index)
    graph = nx.Graph()
    graph.add_nodes_from(names)
    i, j = np.triu_indices(len(names), k=1)
    graph.add_weighted_edges_from(
        (names[a], names[b], float(s[a, b])) for a, b in zip(i, j, strict=True) if s[a, b] > 0
    )
    return graph


def _canonical(partition: Iterable[Iterable[str]], order: Sequence[str]) -> list[list[str]]:
    """Factions as sorted member lists, largest first, ties by first member in ``order``."""
    rank = {name: k for k, name in enumerate(order)}
    groups = [sorted(group, key=rank.__getitem__) for group in partition]
    return sorted(groups, key=lambda g: (-len(g), rank[g[0]]))


def louvain_factions(
    similarity: pd.DataFrame, *, rng: RNGLike = 0, resolution: float = 1.0
) -> list[list[str]]:
    """Louvain communities of the similarity graph (networkx, seeded by ``rng``).

    An int ``rng`` is networkx's seed itself (``rng=0`` is the spec's "Louvain, seed 0"); a Generator
    or None gives a seed drawn from it.
    """
    graph = similarity_graph(similarity)
    seed = rng if isinstance(rng, int) else int(as_generator(rng).integers(2**32))
    parts = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    return _canonical(parts, list(similarity.index))


def modularity(similarity: pd.DataFrame, partition: Iterable[Iterable[str]]) -> float:
    """Newman modularity Q of ``partition`` on the weighted similarity graph."""
    graph = similarity_graph(similarity)
    if graph.size(weight="weight") == 0:
        return float("nan")
    return float(nx.community.modularity(graph, [set(p) for p in partition], weight="weight"))


def average_linkage(similarity: pd.DataFrame) -> np.ndarray:
    """SciPy linkage matrix of average-linkage clustering on the distance 1 − similarity."""
    distance = 1.0 - similarity.to_numpy(dtype=float)
    np.fill_diagonal(distance, 0.0)
    return hierarchy.linkage(squareform(distance, checks=False), method="average")


def linkage_factions(similarity: pd.DataFrame, *, height: float = 0.5) -> list[list[str]]:
    """Average-linkage clusters cut at ``height`` (merges at distance ≤ height are joined)."""
    names = list(similarity.index)
    if len(names) == 1:
        return [names]
    labels = hierarchy.fcluster(average_linkage(similarity), t=height, criterion="distance")
    groups: dict[int, list[str]] = {}
    for name, label in zip(names, labels, strict=True):
        groups.setdefault(int(label), []).append(name)
    return _canonical(groups.values(), names)


def factions(
    similarity: pd.DataFrame,
    *,
    rng: RNGLike = 0,
    height: float = 0.5,
    resolution: float = 1.0,
    fill_missing: float | None = None,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Factions by Louvain and by average linkage, per member, plus summary statistics.

    Returns ``(members, summary)``: ``members`` has one row per member with ``member,
    louvain_faction, linkage_faction, within_similarity`` (mean similarity to the rest of its
    Louvain faction; NaN for a singleton) and ``methods_differ`` (its linkage cluster's best-match
    Louvain faction — the one sharing most members — is not its own). ``summary`` holds the number of
    factions by each method and the modularity Q of both partitions.
    """
    sim = check_similarity(similarity, fill_missing=fill_missing)
    names = list(sim.index)
    louvain = louvain_factions(sim, rng=rng, resolution=resolution)
    linkage = linkage_factions(sim, height=height)
    louvain_of = {m: k for k, group in enumerate(louvain) for m in group}
    linkage_of = {m: k for k, group in enumerate(linkage) for m in group}
    best_match = {}
    for k, group in enumerate(linkage):
        overlap = [len(set(group) & set(other)) for other in louvain]
        best_match[k] = int(np.argmax(overlap))  # ties: the larger (earlier) Louvain faction
    s = sim.to_numpy()
    within = []
    for i, name in enumerate(names):
        mates = [names.index(m) for m in louvain[louvain_of[name]] if m != name]
        within.append(float(s[i, mates].mean()) if mates else float("nan"))
    members = pd.DataFrame(
        {
            "member": names,
            "louvain_faction": [louvain_of[m] + 1 for m in names],
            "linkage_faction": [linkage_of[m] + 1 for m in names],
            "within_similarity": within,
            "methods_differ": [best_match[linkage_of[m]] != louvain_of[m] for m in names],
        }
    )
    summary = {
        "n_members": len(names),
        "n_louvain_factions": len(louvain),
        "n_linkage_factions": len(linkage),
        "modularity_louvain": modularity(sim, louvain),
        "modularity_linkage": modularity(sim, linkage),
        "seed": rng if isinstance(rng, int) else None,
        "height": height,
    }
    return members, summary
