"""UN-vote similarity (models.md §5.2): spec vector, a plain scalar reference, missing votes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.analytics.alignment import (
    alignment_table,
    alignment_with,
    dyadic_similarity,
    pair_similarity,
    reference_profile,
    similarity_matrix,
    vote_matrix,
)
from redline.errors import RedlineError

A = (1, 1, 3, 1, 2, 1, 3, 1)
B = (1, 1, 3, 2, 2, 1, 1, 1)
C = (3, 3, 1, 3, 2, 3, 1, 2)

SPEC = {  # pair: S_abs, S_sq, agree, soft, kappa_abs, D_o, D_e(kappa), pi_abs, D_e(pi), kappa_sq
    ("A", "B"): (0.625, 0.6875, 0.75, 0.8125, 0.52, 0.1875, 0.390625, 0.515152, 0.386719, 0.5),
    ("A", "C"): (-0.625, -0.5625, 0.125, 0.1875, -0.529412, 0.8125, 0.53125, -0.691057, 0.480469, -0.724138),
    ("B", "C"): (-0.25, -0.125, 0.25, 0.375, -0.176471, 0.625, 0.53125, -0.355932, 0.460938, -0.285714),
}


def scalar_measures(x, y, squared=False):
    """Plain-loop reference of every §5.2 measure for one pair (NaN votes skipped)."""
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    n = len(pairs)
    if n == 0:
        return None
    power = 2 if squared else 1

    def delta(a, b):
        return (abs(a - b) / 2) ** power

    d_o = sum(delta(a, b) for a, b in pairs) / n
    agree = sum(1 for a, b in pairs if a == b) / n
    soft = sum(1 if a == b else (0.5 if (a == 2) != (b == 2) else 0) for a, b in pairs) / n
    px = {c: sum(1 for a, _ in pairs if a == c) / n for c in (1, 2, 3)}
    py = {c: sum(1 for _, b in pairs if b == c) / n for c in (1, 2, 3)}
    pooled = {c: (px[c] + py[c]) / 2 for c in (1, 2, 3)}
    de_k = sum(px[a] * py[b] * delta(a, b) for a in (1, 2, 3) for b in (1, 2, 3))
    de_p = sum(pooled[a] * pooled[b] * delta(a, b) for a in (1, 2, 3) for b in (1, 2, 3))
    return {
        "n": n,
        "s": 1 - 2 * d_o,
        "agree": agree,
        "soft": soft,
        "d_o": d_o,
        "de_k": de_k,
        "de_p": de_p,
        "kappa": 1 - d_o / de_k if de_k > 0 else math.nan,
        "pi": 1 - d_o / de_p if de_p > 0 else math.nan,
    }


def test_spec_vector_by_reference_and_kernel():
    matrix = pd.DataFrame([A, B, C], index=["A", "B", "C"], dtype=float)
    pairs = dyadic_similarity(matrix).set_index(["a", "b"])
    for (i, j), spec in SPEC.items():
        x, y = matrix.loc[i].tolist(), matrix.loc[j].tolist()
        ref, ref_sq = scalar_measures(x, y), scalar_measures(x, y, squared=True)
        s_abs, s_sq, agree, soft, kappa, d_o, de_k, pi, de_p, kappa_sq = spec
        # the scalar reference reproduces the spec table ...
        assert ref["s"] == pytest.approx(s_abs, abs=1e-6)
        assert ref_sq["s"] == pytest.approx(s_sq, abs=1e-6)
        assert (ref["agree"], ref["soft"]) == pytest.approx((agree, soft), abs=1e-6)
        assert (ref["d_o"], ref["de_k"], ref["de_p"]) == pytest.approx((d_o, de_k, de_p), abs=1e-6)
        assert ref["kappa"] == pytest.approx(kappa, abs=1e-6)
        assert ref["pi"] == pytest.approx(pi, abs=1e-6)
        assert ref_sq["kappa"] == pytest.approx(kappa_sq, abs=1e-6)
        # ... and the batched kernel matches the reference
        row = pairs.loc[(i, j)]
        assert row["n_shared"] == 8
        for key, value in (
            ("s_abs", ref["s"]),
            ("s_sq", ref_sq["s"]),
            ("agree", ref["agree"]),
            ("agree_soft", ref["soft"]),
            ("kappa_abs", ref["kappa"]),
            ("kappa_sq", ref_sq["kappa"]),
            ("pi_abs", ref["pi"]),
            ("pi_sq", ref_sq["pi"]),
        ):
            assert row[key] == pytest.approx(value, abs=1e-12), key


vote = st.sampled_from([1.0, 2.0, 3.0, math.nan])


@given(st.lists(st.tuples(vote, vote), min_size=1, max_size=15))
def test_kernel_matches_reference_with_missing_votes(pairs):
    x = [p[0] for p in pairs]
    y = [p[1] for p in pairs]
    out = pair_similarity(np.array(x), np.array(y))
    ref, ref_sq = scalar_measures(x, y), scalar_measures(x, y, squared=True)
    if ref is None:
        assert out["n_shared"] == 0 and math.isnan(out["s_abs"])
        return
    assert out["n_shared"] == ref["n"]
    assert out["s_abs"] == pytest.approx(ref["s"], abs=1e-12)
    assert out["s_sq"] == pytest.approx(ref_sq["s"], abs=1e-12)
    assert out["agree_soft"] == pytest.approx(ref["soft"], abs=1e-12)
    for key, value in (("kappa_abs", ref["kappa"]), ("pi_sq", ref_sq["pi"])):
        if math.isnan(value):
            assert math.isnan(out[key])
        else:
            assert out[key] == pytest.approx(value, abs=1e-9)
    # symmetric, S within [-1, 1]
    back = pair_similarity(np.array(y), np.array(x))
    assert back["s_abs"] == pytest.approx(out["s_abs"])
    assert -1 - 1e-12 <= out["s_abs"] <= 1 + 1e-12


def test_weighted_s_is_weighted_mean():
    w = np.array([2.0, 1, 1, 1, 1, 1, 1, 0])
    out = pair_similarity(np.array(A, float), np.array(C, float), w)
    d = [abs(a - c) / 2 for a, c in zip(A, C, strict=True)]
    expected = 1 - 2 * sum(wi * di for wi, di in zip(w, d, strict=True)) / w.sum()
    assert out["s_abs"] == pytest.approx(expected)


def long_votes():
    rows = []
    table = {
        "R1": {"AAA": "Y", "BBB": "Y", "CCC": "N", "DDD": "A"},
        "R2": {"AAA": "Y", "BBB": "absent", "CCC": "N", "DDD": None},
        "R3": {"AAA": "N", "BBB": "A", "CCC": "Y", "DDD": "Y"},
    }
    for k, (res, votes) in enumerate(table.items()):
        for iso3, v in votes.items():
            rows.append({"iso3": iso3, "resolution": res, "date": f"2022-0{k + 1}-01", "vote": v})
    return pd.DataFrame(rows)


def test_vote_matrix_codes_and_missing():
    m = vote_matrix(long_votes())
    assert list(m.columns) == ["R1", "R2", "R3"]
    assert m.loc["AAA"].tolist() == [1.0, 1.0, 3.0]
    assert math.isnan(m.loc["BBB", "R2"]) and math.isnan(m.loc["DDD", "R2"])
    bad = long_votes()
    bad.loc[0, "vote"] = "yes"
    with pytest.raises(RedlineError, match="row 0"):
        vote_matrix(bad)


def test_reference_profile_lower_median_and_min_share():
    m = vote_matrix(long_votes())
    prof = reference_profile(m, ["AAA", "BBB", "CCC", "DDD"])
    # R1 votes 1,1,3,2 → sorted 1,1,2,3 → lower median 1; R3: 3,2,1,1 → 1
    assert prof["R1"] == 1.0 and prof["R3"] == 1.0
    # R2 has 2 of 4 valid votes (= 0.5 share): defined; with min_share 0.75 it is not
    assert prof["R2"] == 1.0
    assert math.isnan(reference_profile(m, ["AAA", "BBB", "CCC", "DDD"], min_share=0.75)["R2"])


def test_alignment_with_state_and_profile():
    m = vote_matrix(long_votes())
    out = alignment_with(m, "CCC").set_index("iso3")
    assert out.loc["CCC", "s_abs"] == 1.0
    assert out.loc["AAA", "s_abs"] == pytest.approx(-1.0)
    assert out.loc["BBB", "n_shared"] == 2
    prof = alignment_with(m, reference_profile(m, ["AAA", "BBB"]), reference_name="median")
    assert set(prof["reference"]) == {"median"}
    with pytest.raises(RedlineError, match="ZZZ"):
        alignment_with(m, "ZZZ")


def test_similarity_matrix_rescales():
    matrix = pd.DataFrame([A, B, C], index=["A", "B", "C"], dtype=float)
    pairs = dyadic_similarity(matrix)
    s = similarity_matrix(pairs, "s_abs")
    assert s.loc["A", "B"] == pytest.approx((0.625 + 1) / 2)
    assert s.loc["B", "A"] == s.loc["A", "B"] and s.loc["C", "C"] == 1.0
    k = similarity_matrix(pairs, "kappa_abs")
    assert k.loc["A", "C"] == 0.0  # κ clipped at 0
    with pytest.raises(RedlineError, match="unknown"):
        similarity_matrix(pairs, "nope")


def test_real_votes_alignment(sources_dir):
    from redline.data import load_table

    votes = load_table("unga_votes")
    m = vote_matrix(votes)
    out = alignment_with(m, "RUS").set_index("iso3")
    assert out.loc["RUS", "s_abs"] == 1.0
    assert out.loc["BLR", "s_abs"] > out.loc["POL", "s_abs"]
    # blanks are missing, never a vote: n_shared never exceeds either side's valid votes
    assert (out["n_shared"] <= out["n_votes"]).all()


def test_alignment_table_matches_single_references():
    m = vote_matrix(long_votes())
    table = alignment_table(m, ["AAA", "BBB"], references=("CCC", "nato-median")).set_index("iso3")
    single = alignment_with(m, "CCC").set_index("iso3")
    assert table["s_abs_CCC"].equals(single.loc[table.index, "s_abs"])
    median = alignment_with(m, reference_profile(m, ["AAA", "BBB"])).set_index("iso3")
    assert np.allclose(table["s_abs_nato-median"], median.loc[table.index, "s_abs"], equal_nan=True)
    assert (table["n_shared_CCC"] <= table["n_votes"]).all()
    with pytest.raises(RedlineError, match="measure"):
        alignment_table(m, ["AAA"], measure="nope")
