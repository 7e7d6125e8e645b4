"""Decision rules (models.md §2.1-§2.3) against a plain scalar reference written here."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.actors import ActorTable
from redline.decisions import RULES, get_rule, smallest_additional_yes, what_it_would_take
from redline.errors import RedlineError

# §1.9.5 illustrative alliance issue (invented numbers; tests only)
ILLUSTRATIVE = pd.DataFrame(
    {
        "actor": ["USA", "UK", "France", "Germany", "Poland", "Hungary", "Turkey"],
        "capability": [1.00, 0.25, 0.25, 0.35, 0.15, 0.05, 0.20],
        "position": [40, 80, 70, 20, 95, 0, 30],
        "salience": [0.70, 0.60, 0.50, 0.60, 0.90, 0.80, 0.30],
    }
)


# ---- scalar reference ------------------------------------------------------------------------


def ref_vote(x, sq, p, eps):
    loss = abs(p - x) - abs(sq - x)
    if loss <= 1e-9:
        return "yes"
    if loss > eps + 1e-9:
        return "no"
    return "abstain"


def ref_passes(rule, x, sq, p, eps, member, pop, res, declared, params):
    """One proposal, one draw, written with loops and the treaty wording."""
    votes = {}
    for i in range(len(x)):
        if not member[i]:
            continue
        v = ref_vote(x[i], sq, p, eps[i])
        if rule == "coalition":  # W = {i : u_i(p) > u_i(sq)} (§2.1), or >= with indifferent_join
            gain = abs(sq - x[i]) - abs(p - x[i])
            v = "yes" if gain > 1e-9 or (params.get("indifferent_join") and gain >= -1e-9) else "out"
        if rule == "eu-unanimity" and declared[i] and v != "yes":
            v = "declared"
        votes[i] = v
    n_members = len(votes)
    yes = [i for i, v in votes.items() if v == "yes"]
    if rule == "nato-consensus":
        return all(v != "no" for v in votes.values())
    if rule == "eu-unanimity":
        decl = [i for i, v in votes.items() if v == "declared"]
        pop_total = sum(pop[i] for i in votes)
        clause = bool(decl) and 3 * len(decl) >= n_members and 3 * sum(pop[i] for i in decl) >= pop_total
        return all(v != "no" for v in votes.values()) and not clause
    if rule == "eu-qmv":
        states_pct = params.get("states_pct", 55)
        need_states = math.ceil(states_pct * n_members / 100 - 1e-12)
        pop_total = sum(pop[i] for i in votes)
        pop_yes = sum(pop[i] for i in yes)
        ok = len(yes) >= need_states and pop_yes >= 0.65 * pop_total
        block = params.get("blocking_minority", 4)
        if block is not None and n_members - len(yes) <= block - 1:
            ok = True
        return ok
    if rule == "majority":
        return len(yes) > n_members / 2
    if rule == "coalition":
        return len(yes) >= 1 and sum(res[i] for i in yes) >= params.get("required", 0)
    raise AssertionError(rule)


def table(x, pop=None, res=None, eps=None, member=None, names=None):
    n = len(x)
    data = {
        "actor": names or [f"A{i}" for i in range(n)],
        "position": x,
        "capability": np.ones(n),
        "salience": np.full(n, 0.5),
    }
    if pop is not None:
        data["population"] = pop
    if res is not None:
        data["resources"] = res
    if eps is not None:
        data["block_cost"] = eps
    if member is not None:
        data["member"] = np.asarray(member, dtype=int)
    return ActorTable.from_frame(pd.DataFrame(data))


# ---- §2.3 worked example ------------------------------------------------------------------------


def test_worked_example_consensus():
    actors = ActorTable.from_frame(ILLUSTRATIVE)
    decision = get_rule("nato-consensus").evaluate(actors, status_quo=10, proposal=60)
    assert not decision.passes
    assert decision.pivotal == "Hungary"
    assert decision.largest_passable == 10  # no upward move at all
    assert set(decision.blockers) == {"Hungary", "Germany", "Turkey"}
    assert set(decision.veto_players) == set(actors.actor)
    report = decision.what_it_would_take()
    assert report.pivot_chain[0] == {"without": [], "pivotal": "Hungary", "largest_passable": 10.0}
    assert report.pivot_chain[1] == {"without": ["Hungary"], "pivotal": "Germany", "largest_passable": 30.0}
    # Germany accepts [10, 30]; it would have to move to 35 to accept 60 (indifference)
    germany = next(c for c in report.concessions if c["actor"] == "Germany")
    assert germany["accepts_up_to"] == 30 and germany["position_needed"] == 35 and germany["shift"] == 15
    # the largest passable proposal is min over actors of 2x - sq (all x above sq once Hungary is out)
    others = ILLUSTRATIVE[ILLUSTRATIVE.actor != "Hungary"].position
    assert report.pivot_chain[1]["largest_passable"] == min(2 * others - 10)


def test_worked_example_without_hungary_as_non_member():
    frame = ILLUSTRATIVE.assign(member=[1, 1, 1, 1, 1, 0, 1])
    actors = ActorTable.from_frame(frame)
    decision = get_rule("nato-consensus").evaluate(actors, 10, 60)
    assert decision.pivotal == "Germany" and decision.largest_passable == 30
    assert "Hungary" in decision.non_members and "Hungary" not in decision.veto_players
    assert get_rule("nato-consensus").evaluate(actors, 10, 30).passes
    assert not get_rule("nato-consensus").evaluate(actors, 10, 30.001).passes


def test_silence_procedure_epsilon_lets_mild_opponents_stay_silent():
    actors = table([0, 60, 100], eps=[0, 0, 0])
    assert not get_rule("nato-consensus").evaluate(actors, 50, 60).passes
    quiet = table([0, 60, 100], eps=[10, 0, 0])
    decision = get_rule("nato-consensus").evaluate(quiet, 50, 60)
    assert decision.passes and decision.abstain == ("A0",) and decision.no == ()
    # x=0 stays silent up to |p| - 50 <= 10, i.e. p <= 60
    assert decision.largest_passable == 60 and decision.pivotal == "A0"


# ---- EU rules ---------------------------------------------------------------------------------


def test_constructive_abstention_one_third_clause():
    n = 27
    x = [100.0] * n
    pop = [10.0] * n
    actors = table(x, pop=pop)
    # sq 0, proposal 100: everybody yes. Declaring actors at x=0 would oppose.
    x_opp = [0.0] * 9 + [100.0] * 18
    actors = table(x_opp, pop=pop)
    names = actors.actor
    assert not get_rule("eu-unanimity").evaluate(actors, 0, 100).passes  # 9 vote no
    nine = get_rule("eu-unanimity", declared=names[:9]).evaluate(actors, 0, 100)
    assert not nine.passes  # 9/27 = one third of states and of population
    eight_x = [0.0] * 8 + [100.0] * 19
    eight = get_rule("eu-unanimity", declared=names[:8]).evaluate(table(eight_x, pop=pop), 0, 100)
    assert eight.passes
    # one third of states but not of population -> passes
    small = [1.0] * 9 + [20.0] * 18
    assert get_rule("eu-unanimity", declared=names[:9]).evaluate(table(x_opp, pop=small), 0, 100).passes
    with pytest.raises(RedlineError, match="population"):
        get_rule("eu-unanimity", declared=names[:1]).evaluate(table(x_opp), 0, 100)


def test_qmv_cases_and_blocking_minority():
    pops = [10.0] * 27
    yes_x, no_x = 100.0, 0.0
    rule = get_rule("eu-qmv")
    for n_yes, expected in [(14, False), (15, False), (18, True), (23, True), (24, True)]:
        x = [yes_x] * n_yes + [no_x] * (27 - n_yes)
        assert rule.evaluate(table(x, pop=pops), 0, 100).passes is expected, n_yes
    # 24 yes but only 60% of population: passes by the blocking-minority clause, not without it
    pops2 = [1.0] * 24 + [100.0 / 3 * 1.0] * 3
    x = [yes_x] * 24 + [no_x] * 3
    assert rule.evaluate(table(x, pop=pops2), 0, 100).passes
    assert not get_rule("eu-qmv", blocking_minority=None).evaluate(table(x, pop=pops2), 0, 100).passes
    # reinforced QMV (TFEU 238(2)): 72% of states, 65% of population, no 4-member clause
    reinforced = get_rule("eu-qmv-reinforced")
    assert reinforced.states_pct == 72 and reinforced.blocking_minority is None
    for n_yes, expected in [(19, False), (20, True), (27, True)]:
        x = [yes_x] * n_yes + [no_x] * (27 - n_yes)
        assert reinforced.evaluate(table(x, pop=pops), 0, 100).passes is expected, n_yes
    x = [yes_x] * 24 + [no_x] * 3
    assert not reinforced.evaluate(table(x, pop=pops2), 0, 100).passes  # 24 yes, 60% of population
    assert get_rule("eu-qmv-reinforced", blocking_minority=4).evaluate(table(x, pop=pops2), 0, 100).passes
    assert rule.evaluate(table(x, pop=pops2), 0, 100).veto_players == ()
    with pytest.raises(RedlineError, match="population"):
        rule.evaluate(table(x), 0, 100)


def test_qmv_additional_yes_matches_exhaustive_reference():
    rng = np.random.default_rng(5)
    for _ in range(15):
        n = 9
        pop = rng.integers(1, 50, n).astype(float)
        x = rng.uniform(0, 100, n)
        actors = table(x, pop=pop)
        rule = get_rule("eu-qmv", blocking_minority=2)
        got = smallest_additional_yes(rule, actors, 50, 80)
        d = np.abs(80 - x) - np.abs(50 - x)
        yes = d <= 1e-9
        best = None
        cands = [i for i in range(n) if not yes[i]]
        for k in range(0, len(cands) + 1):
            found = []
            for combo in combinations(cands, k):
                y = yes.copy()
                y[list(combo)] = True
                if ref_passes(
                    "eu-qmv",
                    list(np.where(y, 80.0, 0.0)),
                    50,
                    80,
                    [0] * n,
                    [1] * n,
                    pop,
                    None,
                    None,
                    {"blocking_minority": 2},
                ):
                    found.append((pop[list(combo)].sum(), combo))
            if found:
                best = max(found, key=lambda t: t[0])
                break
        if best is None:
            assert got is None
        else:
            assert got["count"] == len(best[1])
            assert got["tie_break_total"] == pytest.approx(best[0])


def test_qmv_greedy_path_for_many_candidates():
    n = 27
    pop = np.arange(1, n + 1, dtype=float) * 3
    actors = table([0.0] * n, pop=pop)
    got = smallest_additional_yes(get_rule("eu-qmv"), actors, 0, 100)
    assert got["method"] == "greedy" and got["count"] == 15
    # greedy is exact here: the 15 most populous states, checked against the rule
    top = set(np.argsort(-pop)[:15].tolist())
    assert {actors.actor.index(m) for m in got["members"]} == top


# ---- coalition, majority, single government ------------------------------------------------------


def test_coalition_of_the_willing_resources_and_shortfall():
    actors = table([80, 90, 10], res=[3, 4, 10])
    rule = get_rule("coalition", required=8)
    decision = rule.evaluate(actors, 50, 70)
    assert not decision.passes and decision.blockers == ()
    assert decision.veto_players == ("A2",)  # the others hold 7 < 8: A2 is in every feasible coalition
    assert decision.details["resources"] == 7 and decision.details["shortfall"] == 1
    assert get_rule("coalition", required=7).evaluate(actors, 50, 70).passes
    with pytest.raises(RedlineError, match="resources"):
        rule.evaluate(table([80, 90, 10]), 50, 70)
    report = what_it_would_take(rule, actors, 50, 70)
    assert report.additional_yes["members"] == ["A2"]


def test_coalition_of_the_willing_is_strict_by_default():
    """§2.1: W = {i : u_i(act) > u_i(not act)}; an indifferent actor joins only on request."""
    actors = ActorTable.from_frame(ILLUSTRATIVE)
    x = dict(zip(ILLUSTRATIVE.actor, ILLUSTRATIVE.position, strict=True))
    strictly_better = {a for a, xi in x.items() if -abs(30 - xi) > -abs(10 - xi)}
    strict = get_rule("coalition").evaluate(actors, 10, 30)
    assert set(strict.yes) == strictly_better and "Germany" not in strictly_better  # x=20: indifferent
    weak = get_rule("coalition", indifferent_join=True).evaluate(actors, 10, 30)
    assert set(weak.yes) == strictly_better | {"Germany"}
    # required resources: Germany's joining decides feasibility only under the weak convention
    frame = ILLUSTRATIVE.assign(resources=[0, 0, 0, 5, 0, 0, 0])
    rich = ActorTable.from_frame(frame)
    assert not get_rule("coalition", required=5).evaluate(rich, 10, 30).passes
    assert get_rule("coalition", required=5, indifferent_join=True).evaluate(rich, 10, 30).passes
    # Germany's support ends at 30: the supremum of feasible proposals, attained only weakly
    assert get_rule("coalition", required=5).evaluate(rich, 10, 60).largest_passable == 30
    assert get_rule("coalition", required=5).evaluate(rich, 10, 29.999).passes


def test_single_government_and_articles():
    actors = ActorTable.from_frame(ILLUSTRATIVE)
    rule = get_rule("single-government", decider="Germany")
    assert rule.evaluate(actors, 10, 30).passes and not rule.evaluate(actors, 10, 31).passes
    assert rule.evaluate(actors, 10, 60).veto_players == ("Germany",)
    assert get_rule("nato-article4").evaluate(actors, 10, 60).passes  # any ally can trigger
    assert get_rule("nato-article5", min_responders=5).evaluate(actors, 10, 60).passes is False
    with pytest.raises(RedlineError):
        get_rule("single-government")
    with pytest.raises(RedlineError, match="unknown rule"):
        get_rule("politburo")
    with pytest.raises(RedlineError, match="unknown parameter"):
        get_rule("majority", quorum=3)


# ---- batched == scalar, and the largest passable proposal ------------------------------------------

BATCH_RULES = ["nato-consensus", "eu-unanimity", "eu-qmv", "majority", "coalition"]


@given(
    rule=st.sampled_from(BATCH_RULES),
    n=st.integers(2, 7),
    draws=st.integers(1, 12),
    seed=st.integers(0, 2**31 - 1),
    integer=st.booleans(),
    indifferent_join=st.booleans(),
)
def test_batched_equals_scalar(rule, n, draws, seed, integer, indifferent_join):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, (draws, n))
    sq = rng.uniform(0, 100, draws)
    p = rng.uniform(0, 100, draws)
    if integer:  # exact ties (indifference) must be handled identically
        x, sq, p = np.rint(x / 10) * 10, np.rint(sq / 10) * 10, np.rint(p / 10) * 10
    eps = rng.choice([0.0, 5.0, 20.0], n)
    member = rng.random(n) < 0.85
    member[0] = True
    pop = rng.integers(1, 100, n).astype(float)
    res = rng.integers(0, 10, n).astype(float)
    declared = rng.random(n) < 0.3
    params = {"required": 5.0, "indifferent_join": indifferent_join} if rule == "coalition" else {}
    obj = get_rule(rule, **params)
    got = obj.passes_batch(
        x,
        sq,
        p,
        member=member,
        block_cost=eps,
        population=pop,
        resources=res,
        declared=declared if rule == "eu-unanimity" else None,
    )
    assert got.shape == (draws,)
    for d in range(draws):
        expected = ref_passes(
            rule,
            x[d],
            sq[d],
            p[d],
            eps,
            member,
            pop,
            res,
            declared if rule == "eu-unanimity" else np.zeros(n, bool),
            params,
        )
        assert bool(got[d]) == expected, (rule, d)


@given(
    rule=st.sampled_from(BATCH_RULES),
    n=st.integers(2, 7),
    seed=st.integers(0, 2**31 - 1),
)
def test_largest_passable_is_the_edge_of_the_pass_set(rule, n, seed):
    rng = np.random.default_rng(seed)
    x = np.rint(rng.uniform(0, 100, n))
    sq, p = float(np.rint(rng.uniform(0, 100))), float(np.rint(rng.uniform(0, 100)))
    actors = table(
        x,
        pop=rng.integers(1, 50, n).astype(float),
        res=rng.integers(0, 5, n).astype(float),
        eps=rng.choice([0.0, 4.0], n),
    )
    strict = get_rule(rule, **({"required": 3.0} if rule == "coalition" else {}))
    decision = strict.evaluate(actors, sq, p)
    assert decision.passes == bool(strict.passes_batch(actors.position[None, :], sq, p, actors=actors)[0])
    largest = decision.largest_passable
    # a strict coalition (W: strictly better off) reports the supremum: the edge of the closed rule
    obj = get_rule(rule, required=3.0, indifferent_join=True) if rule == "coalition" else strict
    assert obj.evaluate(actors, sq, p).largest_passable == largest
    if rule == "coalition" and largest is not None and abs(largest - sq) > 1e-3 and np.isfinite(largest):
        assert strict.evaluate(actors, sq, largest - np.sign(p - sq) * 1e-6).passes
    if p == sq:
        return
    direction = np.sign(p - sq)
    grid = sq + direction * np.linspace(0, 250, 2501)
    ok = obj.passes_batch(np.broadcast_to(actors.position, (grid.size, n)), sq, grid, actors=actors)
    if largest is None:
        assert not ok.any()
        return
    if np.isinf(largest):
        assert ok.all() and decision.to_dict()["details"]["largest_passable_unbounded"]
        return
    assert obj.evaluate(actors, sq, largest).passes
    assert not obj.evaluate(actors, sq, largest + direction * 1e-6).passes
    # the pass set is the interval from sq to the largest passable proposal
    inside = direction * (grid - largest) <= 1e-9
    np.testing.assert_array_equal(ok, inside)
    if decision.pivotal is not None and direction * (largest - sq) > 0:
        # the pivot accepts the largest passable proposal and no proposal beyond it
        i = actors.actor.index(decision.pivotal)
        assert (
            obj.cutoffs(actors, sq, p)[i] == pytest.approx(largest)
            or abs(abs(largest - x[i]) - abs(sq - x[i])) < 1e-9
        )


def test_decision_outputs():
    actors = ActorTable.from_frame(ILLUSTRATIVE)
    decision = get_rule("majority").evaluate(actors, 10, 60)
    data = decision.to_dict()
    assert set(data) == {
        "rule",
        "status_quo",
        "proposal",
        "direction",
        "passes",
        "yes",
        "no",
        "abstain",
        "non_members",
        "blockers",
        "veto_players",
        "pivotal",
        "largest_passable",
        "details",
    }
    frame = decision.to_frame()
    assert list(frame.columns) == ["actor", "position", "loss", "vote", "blocker", "accepts_up_to"]
    assert set(RULES) >= {
        "nato-consensus",
        "eu-unanimity",
        "eu-qmv",
        "majority",
        "weighted-majority",
        "coalition",
    }


def test_inputs_not_mutated():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 100, (5, 4))
    member = np.array([True, True, False, True])
    before = x.copy(), member.copy()
    get_rule("nato-consensus").passes_batch(x, 10, 60, member=member)
    np.testing.assert_array_equal(x, before[0])
    np.testing.assert_array_equal(member, before[1])


@given(
    rule=st.sampled_from(["eu-qmv", "coalition", "weighted-majority", "majority"]),
    n=st.integers(2, 8),
    seed=st.integers(0, 2**31 - 1),
)
def test_greedy_additional_yes_equals_exhaustive(rule, n, seed):
    """The greedy search (used above 20 candidates) finds the same size and tie total as brute force."""
    import redline.decisions.whatif as whatif

    rng = np.random.default_rng(seed)
    actors = table(
        rng.uniform(0, 100, n),
        pop=rng.integers(1, 40, n).astype(float),
        res=rng.integers(0, 6, n).astype(float),
    )
    obj = get_rule(rule, **({"required": 6.0} if rule == "coalition" else {}))
    exhaustive = smallest_additional_yes(obj, actors, 20, 70)
    saved = whatif.EXHAUSTIVE_MAX
    whatif.EXHAUSTIVE_MAX = 0
    try:
        greedy = smallest_additional_yes(obj, actors, 20, 70)
    finally:
        whatif.EXHAUSTIVE_MAX = saved
    if exhaustive is None:
        assert greedy is None
        return
    assert greedy["count"] == exhaustive["count"]
    if exhaustive["tie_break_total"] is not None:
        assert greedy["tie_break_total"] == pytest.approx(exhaustive["tie_break_total"])


@given(st.lists(st.integers(1, 60), min_size=4, max_size=12), st.integers(0, 2**31 - 1))
def test_qmv_rule_agrees_with_the_power_game(pops, seed):
    """The rule's predicate and the DP's size-weight thresholds describe the same game."""
    from redline.decisions.power import double_majority_thresholds

    n = len(pops)
    rng = np.random.default_rng(seed)
    yes = rng.random((64, n)) < 0.6
    pop = np.array(pops, dtype=float)
    a = {"member": np.ones(n, bool), "population": pop}
    got = get_rule("eu-qmv")._passes(yes, ~yes, np.zeros_like(yes), a)
    t = np.array(double_majority_thresholds(pops))
    expected = yes @ pop >= t[yes.sum(axis=1)]
    np.testing.assert_array_equal(got, expected)


def test_batch_shape_errors():
    rule = get_rule("nato-consensus")
    with pytest.raises(RedlineError, match="member"):
        rule.passes_batch(np.zeros((3, 4)), 0, 1, member=np.ones(5, bool))
    with pytest.raises(RedlineError, match="actors table"):
        rule.passes_batch(np.zeros((3, 4)), 0, 1, actors=ActorTable.from_frame(ILLUSTRATIVE))
    with pytest.raises(RedlineError, match="draws, actors"):
        rule.passes_batch(np.zeros(4), 0, 1)


def test_equal_opposition_is_reported_as_such_and_pivotal_only_when_unique():
    """Three allies at the same position against a move: no alphabetical pick of 'the' pivot."""
    from redline.actors import ActorTable

    frame = pd.DataFrame(
        {
            "actor": ["AAA", "BBB", "CCC", "DDD"],
            "position": [90.0, 20.0, 20.0, 20.0],
            "capability": 1.0,
            "salience": 0.5,
        }
    )
    actors = ActorTable.from_frame(frame, source="test")
    d = get_rule("nato-consensus").evaluate(actors, 10, 60)
    assert not d.passes and set(d.blockers) == {"BBB", "CCC", "DDD"}
    assert d.pivotal is None and d.details["pivotal_tied"] == ["BBB", "CCC", "DDD"]
    assert d.details["blockers_equally_opposed"] is True
    # Move one of them: it alone binds, and is pivotal.
    frame.loc[1, "position"] = 15.0
    d = get_rule("nato-consensus").evaluate(ActorTable.from_frame(frame, source="test"), 10, 60)
    assert d.pivotal == "BBB" and "pivotal_tied" not in d.details
    assert "blockers_equally_opposed" not in d.details
