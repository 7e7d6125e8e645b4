"""Foreign-policy similarity from UN General Assembly roll-call votes (models.md §5.2).

Votes are coded yes = 1, abstain = 2, no = 3; absent, non-member and undetermined (blank) votes are
missing. Every measure of a pair (i, j) uses only the resolutions on which both cast a valid vote,
and the number of such shared votes is reported with it. Measures:

* agreement (identical votes) and soft agreement (½ when exactly one of the two abstained);
* Signorino–Ritter S with the absolute and the squared distance, d_max = 2, optional weights;
* Häge's chance-corrected Cohen's κ (each actor's own marginals) and Scott's π (pooled marginals),
  again with the absolute and the squared distance; NaN when the expected disagreement is 0.

References: Signorino & Ritter (1999), *Tau-b or not tau-b*; Häge (2011), *Choice or circumstance?*;
Voeten, Strezhnev & Bailey, *United Nations General Assembly Voting Data*.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = [
    "VOTE_CODES",
    "MEASURES",
    "vote_matrix",
    "pair_similarity",
    "dyadic_similarity",
    "reference_profile",
    "alignment_with",
    "alignment_table",
    "similarity_matrix",
]

VOTE_CODES = {"Y": 1.0, "A": 2.0, "N": 3.0}
"""Voeten's codes; anything else (``absent``, blank, non-member) is missing."""

D_MAX = 2.0
CATEGORIES = np.array([1.0, 2.0, 3.0])

MEASURES = ("agree", "agree_soft", "s_abs", "s_sq", "kappa_abs", "kappa_sq", "pi_abs", "pi_sq")


def vote_matrix(votes: pd.DataFrame, *, states: Iterable[str] | None = None) -> pd.DataFrame:
    """States × resolutions matrix of vote codes (1, 2, 3; NaN = missing) from a long vote table.

    ``votes`` has columns ``iso3, resolution, vote`` (Y/N/A/absent/blank, as ``unga_votes``).
    Resolutions are ordered by ``date`` when that column exists. Unknown vote strings are an error.
    """
    for column in ("iso3", "resolution", "vote"):
        if column not in votes.columns:
            raise RedlineError(f"vote table: column {column!r} missing; have {list(votes.columns)}")
    raw = votes["vote"].fillna("").astype(str).str.strip()
    allowed = set(VOTE_CODES) | {"absent", ""}
    bad = ~raw.isin(allowed)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise RedlineError(
            f"vote table row {i}: vote {raw.iloc[i]!r} for {votes['iso3'].iloc[i]} on "
            f"{votes['resolution'].iloc[i]}; expected one of Y, N, A, absent or blank"
        )
    coded = votes.assign(code=raw.map(VOTE_CODES).astype(float))
    order = (
        coded.sort_values(["date", "resolution"])["resolution"].unique()
        if "date" in coded.columns
        else sorted(coded["resolution"].unique())
    )
    matrix = coded.pivot_table(
        index="iso3", columns="resolution", values="code", aggfunc="first", dropna=False
    )
    matrix = matrix.reindex(columns=list(order))
    if states is not None:
        matrix = matrix.reindex(list(states))
    matrix.columns.name = "resolution"
    matrix.index.name = "iso3"
    return matrix.astype(float)


def _marginals(x: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Share of each category among the valid votes, along the last axis → shape (..., 3)."""
    counts = np.stack([((x == c) & valid).sum(-1) for c in CATEGORIES], axis=-1).astype(float)
    n = valid.sum(-1, keepdims=True).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts / n


def pair_similarity(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """All §5.2 measures between vote vectors ``x`` and ``y`` (last axis = resolutions), batched.

    ``x`` and ``y`` broadcast against each other; codes are 1/2/3 with NaN for missing. Optional
    per-resolution ``weights`` enter the S means, agreement rates and D_o (the chance terms D_e use
    unweighted marginals). Returns arrays keyed by ``n_shared`` and :data:`MEASURES`.
    """
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    valid = np.isfinite(x) & np.isfinite(y)
    w = np.ones(x.shape[-1]) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (x.shape[-1],) or (w < 0).any():
        raise RedlineError(f"weights: expected {x.shape[-1]} non-negative numbers, got shape {w.shape}")
    wv = np.where(valid, w, 0.0)
    wsum = wv.sum(-1)
    n_shared = valid.sum(-1)
    d = np.where(valid, np.abs(x - y) / D_MAX, 0.0)
    one_abstained = valid & ((x == 2.0) ^ (y == 2.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = lambda v: (wv * v).sum(-1) / wsum  # noqa: E731
        agree = mean(np.where(valid & (x == y), 1.0, 0.0))
        agree_soft = mean(np.where(valid & (x == y), 1.0, np.where(one_abstained, 0.5, 0.0)))
        do_abs, do_sq = mean(d), mean(d**2)
        # chance terms from the marginals over the shared resolutions
        xs, ys = np.where(valid, x, np.nan), np.where(valid, y, np.nan)
        px, py = _marginals(xs, valid), _marginals(ys, valid)
        pooled = (px + py) / 2.0
        delta_abs = np.abs(CATEGORIES[:, None] - CATEGORIES[None, :]) / D_MAX
        out: dict[str, np.ndarray] = {
            "n_shared": n_shared,
            "agree": agree,
            "agree_soft": agree_soft,
            "s_abs": 1.0 - 2.0 * do_abs,
            "s_sq": 1.0 - 2.0 * do_sq,
        }
        for name, delta, d_o in (("abs", delta_abs, do_abs), ("sq", delta_abs**2, do_sq)):
            de_kappa = np.einsum("...a,ab,...b->...", px, delta, py)
            de_pi = np.einsum("...a,ab,...b->...", pooled, delta, pooled)
            out[f"kappa_{name}"] = np.where(
                de_kappa > 0, 1.0 - d_o / np.where(de_kappa > 0, de_kappa, 1.0), np.nan
            )
            out[f"pi_{name}"] = np.where(de_pi > 0, 1.0 - d_o / np.where(de_pi > 0, de_pi, 1.0), np.nan)
    empty = n_shared == 0
    for key in MEASURES:
        out[key] = np.where(empty, np.nan, out[key])
    return out


def dyadic_similarity(matrix: pd.DataFrame, *, weights: Sequence[float] | None = None) -> pd.DataFrame:
    """Every unordered pair of states in a vote matrix: ``a, b, n_shared`` and all measures.

    ``matrix`` is states × resolutions (see :func:`vote_matrix`). Pairs with no shared valid vote
    keep NaN measures and ``n_shared = 0``.
    """
    x = matrix.to_numpy(dtype=float)
    states = matrix.index.astype(str).to_numpy()
    i, j = np.triu_indices(len(states), k=1)
    w = None if weights is None else np.asarray(weights, dtype=float)
    result = pair_similarity(x[i], x[j], w)
    frame = pd.DataFrame({"a": states[i], "b": states[j], "n_shared": result["n_shared"].astype(int)})
    for key in MEASURES:
        frame[key] = result[key]
    return frame


def reference_profile(matrix: pd.DataFrame, members: Iterable[str], *, min_share: float = 0.5) -> pd.Series:
    """Per-resolution median vote of ``members`` (the "NATO median" voter), ignoring missing votes.

    With an even number of valid votes the lower median is taken (the vote closer to yes), so the
    reference is always a real vote category. A resolution on which fewer than ``min_share`` of the
    members have a valid vote is NaN: a median of a few known votes would speak for the blanks.
    """
    members = [m for m in members if m in matrix.index]
    if not members:
        raise RedlineError("reference_profile: none of the members is in the vote matrix")
    sub = matrix.loc[members].to_numpy(dtype=float)
    values = []
    for column in sub.T:
        valid = np.sort(column[np.isfinite(column)])
        enough = valid.size > 0 and valid.size >= min_share * len(members)
        values.append(valid[(valid.size - 1) // 2] if enough else np.nan)
    return pd.Series(values, index=matrix.columns, name="reference")


def alignment_with(
    matrix: pd.DataFrame,
    reference: str | pd.Series,
    *,
    weights: Sequence[float] | None = None,
    reference_name: str | None = None,
) -> pd.DataFrame:
    """Each state's similarity to a reference voter (a state's ISO3 or a profile such as the median).

    Returns a tidy frame sorted from least to most aligned by ``s_abs``: ``iso3, reference,
    n_shared, n_votes`` (the state's own valid votes) and all measures.
    """
    if isinstance(reference, str):
        if reference not in matrix.index:
            raise RedlineError(
                f"alignment_with: {reference!r} has no votes in the table; have {list(matrix.index)}"
            )
        profile = matrix.loc[reference]
        name = reference_name or reference
    else:
        profile = reference.reindex(matrix.columns)
        name = reference_name or str(reference.name or "reference")
    x = matrix.to_numpy(dtype=float)
    w = None if weights is None else np.asarray(weights, dtype=float)
    result = pair_similarity(x, profile.to_numpy(dtype=float)[None, :], w)
    frame = pd.DataFrame(
        {
            "iso3": matrix.index.astype(str),
            "reference": name,
            "n_shared": result["n_shared"].astype(int),
            "n_votes": np.isfinite(x).sum(1),
        }
    )
    for key in MEASURES:
        frame[key] = result[key]
    return frame.sort_values(["s_abs", "iso3"], na_position="last").reset_index(drop=True)


def alignment_table(
    matrix: pd.DataFrame,
    members: Iterable[str],
    *,
    references: Sequence[str] = ("RUS", "USA", "nato-median"),
    measure: str = "s_abs",
) -> pd.DataFrame:
    """One row per state: its ``measure`` with each reference and the shared-vote counts.

    ``"nato-median"`` means the per-resolution median vote of ``members``
    (:func:`reference_profile`); other references are ISO3 codes. Columns: ``iso3, n_votes`` then
    ``<measure>_<ref>`` and ``n_shared_<ref>`` for each reference.
    """
    if measure not in MEASURES:
        raise RedlineError(f"alignment measure {measure!r} unknown; expected one of {', '.join(MEASURES)}")
    out = pd.DataFrame(
        {"iso3": matrix.index.astype(str), "n_votes": np.isfinite(matrix.to_numpy(float)).sum(1)}
    )
    for ref in references:
        target: str | pd.Series = reference_profile(matrix, members) if ref == "nato-median" else ref
        result = alignment_with(matrix, target, reference_name=ref).set_index("iso3")
        out[f"{measure}_{ref}"] = out["iso3"].map(result[measure])
        out[f"n_shared_{ref}"] = out["iso3"].map(result["n_shared"])
    return out


def similarity_matrix(
    pairs: pd.DataFrame, measure: str = "agree", *, states: Sequence[str] | None = None
) -> pd.DataFrame:
    """Square symmetric similarity matrix (diagonal 1) from the pair table of :func:`dyadic_similarity`.

    ``measure`` is one of :data:`MEASURES`; S is rescaled to [0, 1] as (S + 1)/2 and κ/π are clipped
    at 0, so every edge weight is a similarity in [0, 1] (§5.4). Missing pairs stay NaN.
    """
    if measure not in MEASURES:
        raise RedlineError(f"similarity measure {measure!r} unknown; expected one of {', '.join(MEASURES)}")
    values = pairs[measure].to_numpy(dtype=float)
    if measure.startswith("s_"):
        values = (values + 1.0) / 2.0
    elif measure.startswith(("kappa", "pi")):
        values = np.clip(values, 0.0, None)
    names = list(states) if states is not None else sorted(set(pairs["a"]) | set(pairs["b"]))
    out = pd.DataFrame(np.nan, index=names, columns=names)
    lookup = {name: k for k, name in enumerate(names)}
    grid = out.to_numpy().copy()
    for a, b, v in zip(pairs["a"], pairs["b"], values, strict=True):
        if a in lookup and b in lookup:
            grid[lookup[a], lookup[b]] = grid[lookup[b], lookup[a]] = v
    np.fill_diagonal(grid, 1.0)
    return pd.DataFrame(grid, index=names, columns=names)
