"""Can the votes tell allies apart? ``vote_separation`` against a brute-force pairwise reference."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from redline.analytics.separation import vote_separation
from redline.data import load_table
from redline.errors import RedlineError
from redline.world import World


def _table(grid: dict[str, str], resolutions: list[str]) -> pd.DataFrame:
    rows = []
    for state, votes in grid.items():
        for i, (res, v) in enumerate(zip(resolutions, votes, strict=True)):
            rows.append({"iso3": state, "resolution": res, "date": f"2020-01-{i + 1:02d}", "vote": v})
    return pd.DataFrame(rows)


def _reference_inseparable(votes: pd.DataFrame, members: list[str]) -> set[str]:
    """Independent reference: a member is separable iff on some resolution its valid vote differs from
    the most common valid vote of the group (ties -> the vote closer to yes)."""
    order = {"Y": 0, "A": 1, "N": 2}
    separable = set()
    for _, group in votes[votes["iso3"].isin(members)].groupby("resolution"):
        valid = group[group["vote"].isin(list(order))]
        if valid["vote"].nunique() < 2:
            continue
        counts = valid["vote"].value_counts()
        top = sorted(counts.index, key=lambda v: (-counts[v], order[v]))[0]
        separable |= set(valid.loc[valid["vote"] != top, "iso3"])
    voted = set(votes.loc[votes["iso3"].isin(members) & votes["vote"].isin(list(order)), "iso3"])
    return voted - separable


def test_identical_votes_cannot_separate_anyone():
    votes = _table({"A": "YYY", "B": "YYY", "C": "YY "}, ["r1", "r2", "r3"])
    table, summary = vote_separation(votes, ["A", "B", "C"])
    assert summary["n_dividing"] == 0 and summary["separated"] == {}
    assert summary["inseparable"] == ["A", "B", "C"]
    assert summary["verdict"] == "all 3 members who voted cast the same vote on 3 of 3 resolutions: " \
        "the votes cannot separate any of them"
    assert list(table["divides"]) == [False, False, False]


def test_a_split_vote_names_the_members_who_depart():
    votes = _table({"A": "YYN", "B": "YYY", "C": "YAY", "D": "YY "}, ["r1", "r2", "r3"])
    table, summary = vote_separation(votes, ["A", "B", "C", "D"])
    assert summary["dividing"] == ["r2", "r3"]
    assert summary["separated"] == {"A": 1, "C": 1}
    assert summary["inseparable"] == ["B", "D"]
    assert table.set_index("resolution").loc["r3", "departing"] == "A N"
    assert "separate A, C from the rest and cannot separate the other 2" in summary["verdict"]


def test_absent_and_blank_never_divide_and_thin_resolutions_are_counted_apart():
    votes = _table({"A": "Ya", "B": "Y ", "C": "Y ", "D": "Y "}.copy(), ["r1", "r2"])
    votes["vote"] = votes["vote"].replace({"a": "absent", " ": ""})
    _, summary = vote_separation(votes, ["A", "B", "C", "D"])
    assert summary["n_resolutions"] == 1 and summary["n_identical"] == 1 and summary["thin"] == []
    votes = _table({"A": "YA", "B": "Y ", "C": "Y ", "D": "Y "}, ["r1", "r2"])
    _, summary = vote_separation(votes, ["A", "B", "C", "D"])
    assert summary["thin"] == ["r2"] and summary["n_identical"] == 1 and summary["n_resolutions"] == 2


def test_members_without_any_vote_are_listed_and_no_members_is_an_error():
    votes = _table({"A": "Y", "B": "Y"}, ["r1"])
    _, summary = vote_separation(votes, ["A", "B", "Z"])
    assert summary["no_valid_vote"] == ["Z"] and summary["n_members_voting"] == 2
    with pytest.raises(RedlineError):
        vote_separation(votes, [])


@pytest.mark.parametrize("seed", range(20))
def test_random_tables_agree_with_the_pairwise_reference(seed):
    rng = np.random.default_rng(seed)
    states = [f"S{i}" for i in range(int(rng.integers(2, 9)))]
    resolutions = [f"r{i}" for i in range(int(rng.integers(1, 7)))]
    alphabet = np.array(["Y", "Y", "Y", "N", "A", "absent", ""])
    grid = {s: "".join("x" for _ in resolutions) for s in states}
    votes = _table(grid, resolutions)
    votes["vote"] = rng.choice(alphabet, size=len(votes))
    _, summary = vote_separation(votes, states)
    assert set(summary["inseparable"]) == _reference_inseparable(votes, states)
    # inseparable members never cast different valid votes on any resolution
    matrix = votes.pivot(index="iso3", columns="resolution", values="vote")
    for a, b in itertools.combinations(summary["inseparable"], 2):
        both = matrix.loc[[a, b]].isin(["Y", "N", "A"]).all()
        assert (matrix.loc[a, both] == matrix.loc[b, both]).all()


def test_bundled_votes_cannot_separate_allies_before_2025_and_separate_usa_hungary_after():
    votes = load_table("unga_votes")
    dates = pd.to_datetime(votes["date"].astype(str))
    _, before = vote_separation(votes[dates.dt.year <= 2024], World.for_year(2024).members("NATO"))
    assert before["n_dividing"] == 0 and len(before["inseparable"]) == 32
    assert before["verdict"].endswith("the votes cannot separate any of them")
    assert before["n_identical"] == 11  # 68/262, six Crimea texts 2016-19, ES-11/1, /3, /5, /6
    _, after = vote_separation(votes, World.for_year(2025).members("NATO"))
    assert after["dividing"] == ["A/RES/ES-11/7"]
    assert after["separated"] == {"HUN": 1, "USA": 1}
    assert len(after["inseparable"]) == 30
