"""Supply and operation decisions (session 5, issue 16): the per-kind requirement and its selection.

The venues the issue names: arming decisions are national (``national``, case ``decision =
"supply"``), operations are coalitions of the willing (``coalition``, ``decision = "operation"``).
Hand-worked fits re-derived by a plain loop; the per-kind/pooled selection rule on hand-made tables;
the operation cases load; the per-kind fit never reads a held-out (2023+) case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redline.backtest.cases import DECISION_KINDS, find_cases, read_case, read_outcome
from redline.backtest.crossval import (
    CORPUS_END,
    SPLIT_SUPPLY_BY_KIND,
    SUPPLY_KINDS,
    SUPPLY_METHOD,
    PreparedCase,
    cross_validate_prepared,
    fit_supply,
    fold_supply_fit,
    supply_comparison,
    supply_split_by_loo,
)
from redline.backtest.method import is_supply_case
from redline.decisions import supply as supply_module
from redline.decisions.supply import (
    DEFAULT_OPERATION,
    DEFAULT_SUPPLY,
    SUPPLY_CANDIDATES,
    SupplyRule,
    default_requirement,
)
from redline.decisions.venue import willing_outcome
from redline.errors import RedlineError
from test_supply_venue import fake as supply_fake

CASES = Path(__file__).resolve().parents[1] / "backtest" / "cases"
K = len(SUPPLY_CANDIDATES)


def fake(case_file: str, case_id: str, decision: str, adopted: bool, p: dict[int, float], date=None):
    """A prepared case whose P(adopted) is 0.5 under every rule except those given in ``p``."""
    case = read_case(CASES / case_file)
    case = dataclasses.replace(case, id=case_id, decision=decision)
    p_supply = np.full(K, 0.5)
    for i, v in p.items():
        p_supply[i] = v
    return supply_fake(case, adopted, p_supply, date)


def reference_fit(cases: list[PreparedCase]) -> int:
    """Plain-loop re-derivation of the fit: the first candidate with the lowest mean squared error."""
    best, best_score = None, None
    for i in range(K):
        score = sum((c.p_supply[i] - float(c.adopted)) ** 2 for c in cases) / len(cases)
        if best_score is None or score < best_score - 1e-12:
            best, best_score = i, score
    return best


# Two supply cases that only rule 2 gets right, two operation cases that only rule 7 gets right.
SUPPLY_A = ("supply_pol_mig29_ramstein_mar2022.toml", "s1", "supply", False, {2: 0.0})
SUPPLY_B = ("supply_usa_himars_may2022.toml", "s2", "supply", True, {2: 1.0})
OPERATION_A = ("coalition_syria_strikes_sep2013.toml", "o1", "operation", False, {7: 0.0})
OPERATION_B = ("coalition_libya_strikes_mar2011.toml", "o2", "operation", True, {7: 1.0})


def hand_corpus() -> list[PreparedCase]:
    return [fake(*args) for args in (SUPPLY_A, SUPPLY_B, OPERATION_A, OPERATION_B)]


def test_per_kind_fit_on_hand_worked_cases():
    """Per kind: supply -> rule 2, operation -> rule 7; pooled: both score 0.125, the first (2) wins."""
    corpus = hand_corpus()
    assert fit_supply(corpus, None, "supply") == 2
    assert fit_supply(corpus, None, "operation") == 7
    # pooled: rule 2 -> errors 0, 0, 0.25, 0.25 = 0.125; rule 7 -> 0.25, 0.25, 0, 0 = 0.125; tie -> 2
    assert fit_supply(corpus) == 2
    for decision in (None, *DECISION_KINDS):
        kept = [c for c in corpus if decision is None or c.case.decision == decision]
        assert fit_supply(corpus, None, decision) == reference_fit(kept)
    among = SUPPLY_KINDS[SUPPLY_METHOD]
    assert fold_supply_fit(corpus, "operation", split_by_kind=True) == fit_supply(corpus, among, "operation")
    assert fold_supply_fit(corpus, "operation", split_by_kind=False) == fit_supply(corpus, among)


def test_per_kind_leave_one_out_by_hand():
    """Leave one out, per kind: the left-out case's one same-kind partner picks the right rule.

    Left out s1 (blocked): the partner s2 is right under rule 2 only -> P = 0 -> error 0; and so on
    for all four: per-kind LOO Brier 0. Pooled, leaving s1 out (s2 right under rule 2 only; o1, o2
    under rule 7 only: rule 7 has errors 0.25, 0, 0 -> 0.083 < rule 2 0, 0.25, 0.25 -> 0.167), so rule
    7 -> P(s1) = 0.5 -> error 0.25; by symmetry every case scores 0.25.
    """
    table = supply_comparison(hand_corpus())
    loo = table[(table["split"] == "loo") & (table["decision"] == "all")].set_index("method")["brier"]
    assert loo["supply_per_kind"] == pytest.approx(0.0)
    assert loo["supply_fitted"] == pytest.approx(0.25)
    per_kind = table[(table["split"] == "loo") & (table["method"] == "supply_per_kind")]
    assert set(per_kind["decision"]) == {"all", "supply", "operation"}
    assert per_kind.set_index("decision")["n_cases"].to_dict() == {"all": 4, "supply": 2, "operation": 2}


def test_split_rule_needs_a_strictly_lower_per_kind_brier():
    def table(per_kind: float, pooled: float) -> pd.DataFrame:
        rows = [("loo", "supply_per_kind", "all", per_kind), ("loo", SUPPLY_METHOD, "all", pooled)]
        rows += [("loo", "supply_per_kind", "supply", 0.0)]  # a per-kind subgroup never decides
        return pd.DataFrame(rows, columns=["split", "method", "decision", "brier"])

    assert supply_split_by_loo(table(0.10, 0.11))
    assert not supply_split_by_loo(table(0.11, 0.11))  # a tie keeps the pooled requirement
    assert not supply_split_by_loo(table(0.162, 0.085))


def test_per_kind_fit_never_reads_a_held_out_case():
    """Nine 2024 operation cases that rule 0 gets right and rule 7 wrong: seen, they would pull the
    operation fit to rule 0; the held-out forecasts must come from the corpus operation cases (rule 7)."""
    corpus = hand_corpus()
    late = [
        fake(
            "coalition_libya_strikes_mar2011.toml",
            f"late{i}",
            "operation",
            True,
            {0: 1.0, 7: 0.0},
            dt.date(2024, 1, 1),
        )
        for i in range(9)
    ]
    table = supply_comparison(corpus, late)
    held = table[(table["split"] == "held_out") & (table["method"] == "supply_per_kind")]
    assert set(held["rule"]) == {SUPPLY_CANDIDATES[7].label}
    result = cross_validate_prepared([*corpus, *late], n_boot=10)
    for key, train in result.folds.items():
        assert not any(t.startswith("late") for t in train), key
    assert result.fitted_supply["operation"] == SUPPLY_CANDIDATES[7].to_dict()


def test_venue_defaults_follow_the_venue_kind(monkeypatch):
    assert default_requirement("national") == default_requirement("supply") == DEFAULT_SUPPLY
    assert default_requirement("coalition") == default_requirement("operation") == DEFAULT_OPERATION
    with pytest.raises(ValueError, match="supply requirement: kind"):
        default_requirement("nato-consensus")
    # a coalition venue reads the operation requirement, a national venue the supply requirement
    monkeypatch.setattr(supply_module, "DEFAULT_OPERATION", SupplyRule("largest", 1.0))
    monkeypatch.setattr(supply_module, "DEFAULT_SUPPLY", SupplyRule("largest", 0.0))
    x = np.array([[90.0, 90.0, 10.0]])  # two small members willing, the largest not
    cap = np.array([[0.1, 0.1, 0.8]])
    member = np.ones(3, bool)
    national = willing_outcome(x, cap, member, 0.0, 100.0, None, "national")
    coalition = willing_outcome(x, cap, member, 0.0, 100.0, None, "coalition")
    assert national.adopted.tolist() == [True] and coalition.adopted.tolist() == [False]


def test_operation_cases_load_sourced_and_coded_by_what_was_decided():
    files = [p for p in find_cases(CASES) if is_supply_case(read_case(p))]
    corpus = [read_case(p) for p in files if read_case(p).decision_date <= CORPUS_END]
    kinds = {c.decision for c in corpus}
    assert kinds == {"supply", "operation"}
    operations = [c for c in corpus if c.decision == "operation"]
    assert len(operations) >= 6
    outcomes = [read_outcome(c.path).adopted for c in operations]
    assert any(outcomes) and not all(outcomes)  # operations that happened and ones that did not
    for case in operations:
        assert case.coding_date <= case.decision_date <= CORPUS_END
        for actor in case.actors:
            assert actor.source.startswith("http"), (case.id, actor.key)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('decision = "war"', "field decision: expected one of supply, operation, found 'war'"),
    ],
)
def test_a_bad_decision_kind_is_refused_with_file_and_field(tmp_path, line, message):
    text = (CASES / "coalition_syria_strikes_apr2018.toml").read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('decision = "operation"', line))
    with pytest.raises(RedlineError, match=message):
        read_case(bad)


def test_decision_is_only_for_coalition_cases(tmp_path):
    text = (CASES / "nato_no_fly_zone_2022.toml").read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("\n[issue]", '\ndecision = "operation"\n\n[issue]', 1))
    with pytest.raises(RedlineError, match="field decision: expected no decision unless rule = 'coalition'"):
        read_case(bad)


def test_shipped_split_choice_is_what_the_stated_rule_says_on_the_corpus():
    """docs/backtest.md: seed 0, 100 draws (coding draws do not depend on the bargainer: a weighted
    median stands in for speed). The per-kind requirement lost (0.162 vs 0.085): one pooled rule."""
    from redline.backtest.crossval import prepare_case
    from redline.backtest.uncertainty import CodingUncertainty

    def median(x, c, s):  # noqa: ANN001, ANN202
        return np.array([np.median(row) for row in x])

    prepared = []
    for path in find_cases(CASES):
        case = read_case(path)
        if not is_supply_case(case) or case.decision_date > CORPUS_END:
            continue
        outcome = read_outcome(path)
        prepared.append(
            prepare_case(case, outcome.adopted, outcome.outcome_type, 100, 0, CodingUncertainty(), median)
        )
    assert supply_split_by_loo(supply_comparison(prepared)) == SPLIT_SUPPLY_BY_KIND
    if not SPLIT_SUPPLY_BY_KIND:
        assert DEFAULT_OPERATION == DEFAULT_SUPPLY
