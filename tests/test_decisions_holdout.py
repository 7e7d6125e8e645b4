"""Strategic holdouts: hand-worked examples, limiting cases and an independent scalar reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.decisions.holdout import (
    ACTIONS,
    BLOCK,
    CONCEDE,
    DELAY,
    OPT_OUT,
    HoldoutContext,
    HoldoutParams,
    choose,
    holdout_loss,
    resolve,
)


def reference_action(loss, kappa, m, offer, opt_out, residual, route, deadline, side):
    """One holdout's choice, written out by hand (scalars, no NumPy)."""
    if loss <= 0:
        return "accept"
    iota = 1.0 / (1.0 + m)
    options = [("concede", -loss + offer)]
    if opt_out:
        options.append(("opt_out", -residual * loss))
    options.append(("block", -kappa * iota - route * loss))
    best = max(v for _, v in options)
    name = next(a for a, v in options if v == best)  # first maximum in the listed order
    if name == "block" and side and not deadline:
        return "delay"
    return name


def test_zero_isolation_cost_and_no_offer_blocks():
    loss = np.array([[0.6]])
    assert choose(loss, [True], [0.0])[0, 0] == BLOCK


def test_offered_its_price_concedes():
    # Loss 0.6, isolation cost 0.4, alone: block pays -0.4; its price is 0.6 - 0.4 = 0.2.
    loss = np.array([[0.6]])
    assert choose(loss, [True], [0.4], offer=0.2)[0, 0] == CONCEDE
    assert choose(loss, [True], [0.4], offer=0.19)[0, 0] == BLOCK


def test_hand_worked_three_holdouts():
    """Hungary-like, Austria-like and Turkey-like holdouts on one issue, worked by hand.

    Losses 0.8, 0.3, 0.5; isolation costs 0.2, 0.5, 0.6. All three lose, so each has m = 2 others:
    iota = 1/3. Block payoffs: -0.2/3 = -0.0667, -0.5/3 = -0.1667, -0.6/3 = -0.2.
    Opt-out possible with residual 0.5: -0.4, -0.15, -0.25. Offer 0.35: concede -0.45, 0.05, -0.15.
    So: H blocks (-0.067 beats -0.4 and -0.45), A concedes (+0.05), T concedes (-0.15 beats -0.2, -0.25).
    """
    loss = np.array([[0.8, 0.3, 0.5]])
    got = choose(loss, [True] * 3, [0.2, 0.5, 0.6], offer=0.35, opt_out_possible=True, residual=0.5)
    assert [ACTIONS[a] for a in got[0]] == ["block", "concede", "concede"]
    # Without the offer: H blocks, A opts out (-0.15 vs -0.167 and -0.3), T blocks (-0.2 vs -0.25).
    got = choose(loss, [True] * 3, [0.2, 0.5, 0.6], opt_out_possible=True, residual=0.5)
    assert [ACTIONS[a] for a in got[0]] == ["block", "opt_out", "block"]
    # With a side payment possible but no deadline, holding out is a delay.
    got = choose(loss, [True] * 3, [0.2, 0.5, 0.6], side_payment_available=True, offer=0.0)
    assert [ACTIONS[a] for a in got[0]] == ["delay", "delay", "delay"]


def test_route_around_makes_blocking_pointless():
    # If the others act anyway, blocking costs the loss and the isolation: a holdout concedes.
    loss = np.array([[0.9]])
    assert choose(loss, [True], [0.0], route_around=1.0)[0, 0] == CONCEDE


def test_non_veto_and_winning_actors_accept():
    loss = np.array([[0.5, 0.0, 0.5]])
    assert list(choose(loss, [True, True, False], [0.0] * 3)[0]) == [BLOCK, 0, 0]


def test_loss_is_salience_times_the_share_of_the_move_lost():
    x = np.array([[0.0, 30.0, 80.0]])
    s = np.array([[0.5, 1.0, 1.0]])
    # Move 0 -> 60: actor at 0 loses 60 of 60; at 30 nothing (|60-30| = |0-30|); at 80 gains.
    np.testing.assert_allclose(holdout_loss(x, s, 0.0, np.array([60.0])), [[0.5, 0.0, 0.0]])
    np.testing.assert_allclose(holdout_loss(x, s, 0.0, np.array([0.0])), [[0.0, 0.0, 0.0]])


@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=5),
    st.lists(st.floats(0, 1), min_size=5, max_size=5),
    st.floats(0, 1),
    st.booleans(),
    st.floats(0, 1),
    st.floats(0, 1),
    st.booleans(),
    st.booleans(),
)
def test_choice_matches_the_scalar_reference(losses, kappas, offer, opt_out, residual, route, deadline, side):
    loss = np.array([losses])
    kappa = np.array(kappas[: len(losses)])
    got = choose(
        loss,
        np.ones(len(losses), bool),
        kappa,
        offer=offer,
        opt_out_possible=opt_out,
        residual=residual,
        route_around=route,
        deadline_pressure=deadline,
        side_payment_available=side,
    )[0]
    m = sum(v > 0 for v in losses)
    for i, v in enumerate(losses):
        others = m - (v > 0)
        want = reference_action(v, kappa[i], others, offer, opt_out, residual, route, deadline, side)
        assert ACTIONS[got[i]] == want


def test_resolve_outcomes_on_a_worked_case():
    """Two veto holders: A at 100 (proposer), B at 0 with salience 0.8, proposal 80, threshold 50."""
    x = np.array([[100.0, 0.0]])
    s = np.array([[0.9, 0.8]])
    veto = np.array([True, True])
    kappa = np.array([np.nan, 0.3])
    params = HoldoutParams(isolation_cost=0.3, offer=0.6, opt_out_residual=0.5, route_around=1.0)
    # Nothing offered, no opt-out: B's loss 0.8 > its isolation 0.3 -> it blocks, value back to 0.
    r = resolve(x, s, veto, kappa, 0.0, np.array([80.0]), 50.0, params=params)
    assert r.value[0] == 0.0 and r.p_outcome()["blocked"] == 1.0 and r.binding[0].tolist() == [False, True]
    # An opt-out (residual 0.5 -> -0.4 beats -0.8 and -0.3? no: block -0.3 is best) -> still blocked.
    r = resolve(
        x,
        s,
        veto,
        kappa,
        0.0,
        np.array([80.0]),
        50.0,
        params=params,
        context=HoldoutContext(opt_out_possible=True),
    )
    assert r.p_outcome()["blocked"] == 1.0
    # A side payment of 0.6 meets its price 0.8 - 0.3 = 0.5: it concedes, the proposal passes.
    ctx = HoldoutContext(side_payment_available=True, deadline_pressure=True)
    r = resolve(x, s, veto, kappa, 0.0, np.array([80.0]), 50.0, params=params, context=ctx)
    assert r.value[0] == 80.0 and r.p_outcome()["adopted"] == 1.0 and r.action[0, 1] == CONCEDE
    # A cheaper opt-out: residual 0.2 -> -0.16 beats block -0.3: adopted with B opted out.
    cheap = HoldoutParams(isolation_cost=0.3, offer=0.0, opt_out_residual=0.2)
    r = resolve(
        x,
        s,
        veto,
        kappa,
        0.0,
        np.array([80.0]),
        50.0,
        params=cheap,
        context=HoldoutContext(opt_out_possible=True),
    )
    assert r.p_outcome()["adopted_with_opt_outs"] == 1.0 and r.action[0, 1] == OPT_OUT
    # A payment too small and no deadline: B holds out for more -> delayed.
    small = HoldoutParams(isolation_cost=0.3, offer=0.1)
    r = resolve(
        x,
        s,
        veto,
        kappa,
        0.0,
        np.array([80.0]),
        50.0,
        params=small,
        context=HoldoutContext(side_payment_available=True),
    )
    assert r.p_outcome()["delayed"] == 1.0 and r.action[0, 1] == DELAY


def test_resolve_cuts_back_to_the_nearest_point_the_blockers_accept():
    # B at 30 accepts moves up to 60; it blocks 90 and the outcome is 60 (adopted at threshold 50).
    x = np.array([[100.0, 30.0, 10.0]])
    s = np.array([[0.9, 1.0, 1.0]])
    r = resolve(x, s, np.array([True, True, False]), np.zeros(3), 0.0, np.array([90.0]), 50.0)
    assert r.value[0] == pytest.approx(60.0) and r.p_outcome()["adopted"] == 1.0
    # Two equally opposed blockers: both bind, so neither is "the" pivot.
    x = np.array([[100.0, 20.0, 20.0]])
    r = resolve(x, np.ones((1, 3)), np.ones(3, bool), np.zeros(3), 0.0, np.array([90.0]), 50.0)
    assert r.value[0] == pytest.approx(40.0) and r.binding[0].tolist() == [False, True, True]


def test_resolve_is_vectorised_over_draws():
    gen = np.random.default_rng(0)
    x = gen.uniform(0, 100, (50, 4))
    s = gen.uniform(0, 1, (50, 4))
    kappa = np.array([0.1, np.nan, 0.5, 0.0])
    p = gen.uniform(0, 100, 50)
    ctx = HoldoutContext(opt_out_possible=True, side_payment_available=True)
    whole = resolve(x, s, np.ones(4, bool), kappa, 20.0, p, 50.0, context=ctx)
    for d in range(50):
        one = resolve(
            x[d : d + 1], s[d : d + 1], np.ones(4, bool), kappa, 20.0, p[d : d + 1], 50.0, context=ctx
        )
        assert one.value[0] == whole.value[d] and (one.action[0] == whole.action[d]).all()


def test_choice_is_the_first_maximum_of_the_stacked_payoffs():
    """``choose`` compares the payoffs one by one; it must give what ``argmax`` over the stacked
    :func:`payoffs` gives, ties (rounded inputs) and NaN payoffs (argmax takes the first NaN) included."""
    from redline.decisions.holdout import RESERVE, isolation, payoffs

    rng = np.random.default_rng(7)
    for case in range(60):
        loss = np.round(rng.uniform(-0.2, 1.0, (50, 6)), 1)
        veto = rng.random(6) < 0.8
        kappa = np.round(rng.uniform(0.0, 1.0, 6), 1)
        if case % 5 == 0:
            kappa[1] = np.nan
        flags = rng.random(5) < 0.5
        offer, residual = float(np.round(rng.uniform(0, 0.5), 1)), float(np.round(rng.uniform(0, 1), 1))
        capability, theta = rng.lognormal(0, 1, (50, 6)), float(rng.choice([0.0, 0.5, 1.0]))
        got = choose(
            loss,
            veto,
            kappa,
            offer=offer,
            opt_out_possible=flags[0],
            residual=residual,
            route_around=0.5 * flags[1],
            deadline_pressure=flags[2],
            side_payment_available=flags[3],
            reservation_possible=flags[4],
            reservation_residual=0.5,
            capability=capability,
            capability_isolation=theta,
        )
        opposed = (loss > 0) & veto
        iota = isolation(opposed, capability, theta, veto)
        with np.errstate(invalid="ignore"):
            value = payoffs(loss, kappa, iota, offer, flags[0], residual, 0.5 * flags[1], flags[4], 0.5)
        held = DELAY if flags[3] and not flags[2] else BLOCK
        want = np.where(opposed, np.choose(np.argmax(value, axis=-1), [CONCEDE, OPT_OUT, RESERVE, held]), 0)
        assert np.array_equal(got, want), case
