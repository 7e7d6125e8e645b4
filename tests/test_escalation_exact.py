"""Exact escalation propagation against the §4.3 vectors, the path-enumeration reference, edge cases
and properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from redline.errors import RedlineError
from redline.escalation import Ladder, LadderParams, bayes_update, observe_crossing, propagate
from test_escalation_reference import KURSK, kursk_theta1, ref_paths

KURSK_RESOLUTE = [
    0.035000,
    0.068400,
    0.100278,
    0.130710,
    0.159766,
    0.187513,
    0.214015,
    0.239333,
    0.263525,
    0.286646,
]
KURSK_BLUFFER = [
    0.002500,
    0.005350,
    0.008528,
    0.012012,
    0.015783,
    0.019822,
    0.024111,
    0.028632,
    0.033370,
    0.038309,
]


def kursk_ladder(**changes) -> Ladder:
    base = Ladder(
        red_lines={1: 0.30, 2: 0.10},
        q_resolute=0.7,
        q_bluffer=0.05,
        h=(0.0, 0.0, 0.01, 0.05),
        theta0=0.6,
        pi_resolute=0.6,
        start=1,
        steps=10,
        illustrative=True,
    )
    return base.replace(**changes) if changes else base


def to_ladder(lad: dict, theta0: float, steps: int = 10) -> Ladder:
    return Ladder(
        rungs=tuple(f"r{i}" for i in range(lad["k"] + 1)),
        red_lines=dict(lad["tau"]),
        q_resolute=lad["q_r"],
        q_bluffer=lad["q_b"],
        h=tuple(lad["h"]),
        e=tuple(lad.get("e") or [0.0] * lad["k"]),
        g=tuple(lad.get("g") or [0.0] * lad["k"]),
        theta0=theta0,
        pi_resolute=lad["pi"],
        start=lad["start"],
        logit_lambda=lad.get("lam"),
        steps=steps,
    )


# -- §4.3 worked example -------------------------------------------------------------------------


def test_kursk_before_incursion_is_zero():
    result = propagate(kursk_ladder())
    assert kursk_ladder().rho() == pytest.approx(0.44, abs=1e-12)
    assert np.all(result.p_nuclear == 0.0)
    ref, _ = ref_paths(KURSK, 0.6, 10, KURSK["q_r"])
    assert result.final[0] == ref[-1] == 0.0


def test_kursk_belief_update():
    after = observe_crossing(kursk_ladder(), retaliated=False)
    assert after.theta0 == pytest.approx(float(kursk_theta1()), abs=1e-15)
    assert after.theta0 == pytest.approx(0.3214286, abs=1e-7)
    assert after.rho() == pytest.approx(0.258929, abs=1e-6)
    assert after.rho() < 0.30


def test_kursk_after_incursion_matches_spec_and_reference():
    theta1 = float(kursk_theta1())
    result = propagate(kursk_ladder(), 10, theta0=theta1)
    for q, row, vector in ((KURSK["q_r"], 0, KURSK_RESOLUTE), (KURSK["q_b"], 1, KURSK_BLUFFER)):
        ref_hit, ref_belief = ref_paths(KURSK, theta1, 10, q)
        np.testing.assert_allclose(result.p_nuclear_by_type[row, 0], ref_hit, atol=1e-12)
        np.testing.assert_allclose(result.belief_by_type[row, 0], ref_belief, atol=1e-12)
        np.testing.assert_allclose(ref_hit[1:], vector, atol=1e-6)
    ref_mix = 0.6 * ref_paths(KURSK, theta1, 10, 0.7)[0][-1] + 0.4 * ref_paths(KURSK, theta1, 10, 0.05)[0][-1]
    assert result.final[0] == pytest.approx(ref_mix, abs=1e-12)
    assert ref_mix == pytest.approx(0.187311, abs=1e-6)


def test_kursk_posterior_from_observations():
    ladder = kursk_ladder(observations=({"name": "Kursk incursion", "retaliated": False},))
    trail = ladder.belief_trail()
    assert trail[0]["theta_after"] == pytest.approx(18 / 56, abs=1e-15)
    post = ladder.posterior()
    assert post.observations == ()
    assert propagate(post).final[0] == pytest.approx(0.187311, abs=1e-6)


# -- edge cases of §4.2 -------------------------------------------------------------------------


def test_equal_q_leaves_beliefs_fixed():
    ladder = kursk_ladder(q_resolute=0.2, q_bluffer=0.2, theta0=0.37)
    result = propagate(ladder, 12)
    np.testing.assert_allclose(result.belief_by_type, 0.37, atol=1e-15)
    assert result.p_nuclear.max() > 0  # crossings did happen (ρ = 0.2 < 0.30)


@pytest.mark.parametrize("theta", [0.0, 1.0])
def test_certain_beliefs_are_fixed_points(theta):
    result = propagate(kursk_ladder(theta0=theta), 12)
    np.testing.assert_array_equal(result.belief_by_type, theta)
    assert bayes_update(theta, 0.7, 0.05, True) == theta
    assert bayes_update(theta, 0.7, 0.05, False) == theta


def test_unanswered_crossing_against_q_resolute_one_proves_bluff():
    eps = 1e-9
    assert bayes_update(0.6, 1.0, 1 - eps, False) == 0.0
    # one red line that is always crossed; a bluffer answers with 1 - eps
    ladder = Ladder(
        rungs=("a", "b", "c", "d"),
        red_lines={0: 2.0},
        q_resolute=1.0,
        q_bluffer=1 - eps,
        h=(0, 0, 0),
        theta0=0.6,
        pi_resolute=0.5,
    )
    result = propagate(ladder, 1)
    answered = bayes_update(0.6, 1.0, 1 - eps, True)
    assert result.belief_by_type[1, 0, 1] == pytest.approx((1 - eps) * answered + eps * 0.0, abs=1e-15)
    assert result.belief_by_type[0, 0, 1] == pytest.approx(answered, abs=1e-15)


def test_no_chance_no_crossing_gives_zero():
    ladder = Ladder(red_lines={1: 0.0, 2: 0.0}, q_resolute=0.9, q_bluffer=0.1, h=(0, 0, 0, 0), theta0=0.5)
    for start in range(4):
        result = propagate(ladder, 25, start=start)
        assert np.all(result.p_nuclear_by_type == 0.0)


def test_start_at_nuclear_rung_and_zero_steps():
    ladder = kursk_ladder(start=4)
    assert np.all(propagate(ladder, 5).p_nuclear == 1.0)
    result = propagate(kursk_ladder(), 0)
    assert result.p_nuclear.shape == (1, 1)
    assert result.belief[0, 0] == 0.6


def test_per_draw_arrays_equal_separate_runs():
    thetas = np.array([0.6, 18 / 56, 0.0, 1.0, 0.1])
    h = np.array(
        [[0, 0, 0.01, 0.05], [0, 0, 0.01, 0.05], [0, 0.02, 0.03, 0.2], [0, 0, 0, 0.1], [0.1, 0.1, 0.1, 0.1]]
    )
    batched = propagate(kursk_ladder().params(theta0=thetas, h=h), 10)
    assert batched.p_nuclear.shape == (5, 11)
    for d in range(5):
        single = propagate(kursk_ladder(theta0=float(thetas[d]), h=tuple(h[d])), 10)
        np.testing.assert_allclose(
            batched.p_nuclear_by_type[:, d], single.p_nuclear_by_type[:, 0], atol=1e-14
        )
        np.testing.assert_allclose(batched.belief_by_type[:, d], single.belief_by_type[:, 0], atol=1e-14)


def test_inputs_not_mutated_and_frames():
    params = kursk_ladder().params(theta0=np.array([0.3, 0.6]))
    before = {name: getattr(params, name).copy() for name in LadderParams.FIELDS}
    result = propagate(params, 5)
    for name, value in before.items():
        np.testing.assert_array_equal(getattr(params, name), value)
    frame = result.to_frame()
    assert list(frame.columns[:2]) == ["draw", "step"] and len(frame) == 12
    single = propagate(kursk_ladder(), 3, theta0=18 / 56)
    assert "draw" not in single.to_frame().columns
    data = single.to_dict()
    assert data["final"]["p_nuclear"] == pytest.approx(single.final[0])
    assert len(data["p_nuclear"]) == 4 and data["nuclear_rung"] == 4


def test_bad_steps_and_overrides():
    with pytest.raises(RedlineError, match="steps"):
        propagate(kursk_ladder(), -1)
    with pytest.raises(RedlineError, match="theta0"):
        kursk_ladder().params(theta0=np.array([0.2, 1.5]))
    with pytest.raises(RedlineError, match="unknown ladder parameter"):
        kursk_ladder().params(lambda_=2.0)


# -- properties ---------------------------------------------------------------------------------

probability = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def ladders(draw):
    k = draw(st.integers(2, 4))
    tau, g, h, e = {}, [], [], []
    for rung in range(k):
        if draw(st.booleans()):
            tau[rung] = draw(st.sampled_from([0.0, 0.05, 0.3, 0.5, 1.0, 1.5]) | st.floats(0.0, 1.2))
            g.append(0.0)
        else:
            g.append(draw(st.sampled_from([0.0, 0.0, 0.2]) | probability))
        up = draw(probability)
        down = 0.0 if rung == 0 else draw(st.floats(0.0, 1.0 - up)) * draw(st.sampled_from([0.0, 1.0]))
        h.append(up * draw(st.sampled_from([0.0, 0.3, 1.0])))
        e.append(down)
    q = sorted([draw(probability), draw(probability)])
    return {
        "k": k,
        "tau": tau,
        "g": g,
        "h": h,
        "e": e,
        "q_r": q[1],
        "q_b": q[0],
        "pi": draw(probability),
        "start": draw(st.integers(0, k)),
        "lam": draw(st.none() | st.floats(0.5, 50.0)),
    }


@given(ladders(), st.sampled_from([0.0, 1.0, 0.5]) | probability, st.integers(0, 5))
@example(  # a tiny belief times a large likelihood ratio: cells must not be merged at 1e-12 absolute
    lad={
        "k": 4,
        "tau": {0: 0.0, 3: 0.0},
        "g": [0.0, 0.2, 0.0, 0.0],
        "h": [0.0, 0.0, 0.3, 0.0],
        "e": [0.0, 0.0, 0.0, 0.0],
        "q_r": 0.5,
        "q_b": 1e-05,
        "pi": 0.0,
        "start": 0,
        "lam": 1.0,
    },
    theta0=1e-12,
    steps=4,
)
def test_exact_equals_path_enumeration(lad, theta0, steps):
    result = propagate(to_ladder(lad, theta0), steps)
    for row, q in enumerate((lad["q_r"], lad["q_b"])):
        hit, belief = ref_paths(lad, theta0, steps, q)
        np.testing.assert_allclose(result.p_nuclear_by_type[row, 0], hit, atol=1e-10)
        np.testing.assert_allclose(result.belief_by_type[row, 0], belief, atol=1e-10)


@given(ladders(), probability, st.integers(0, 12))
def test_probabilities_monotone_and_mixed(lad, theta0, steps):
    result = propagate(to_ladder(lad, theta0), steps)
    p = result.p_nuclear_by_type
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(np.diff(p, axis=-1) >= -1e-12)
    low, high = np.minimum(p[0], p[1]), np.maximum(p[0], p[1])
    assert np.all((result.p_nuclear >= low - 1e-12) & (result.p_nuclear <= high + 1e-12))
    assert np.all((result.belief >= -1e-12) & (result.belief <= 1 + 1e-12))
    np.testing.assert_allclose(result.rung_distribution.sum(axis=-1), 1.0, atol=1e-10)


@given(ladders(), probability, probability)
def test_equal_q_property(lad, theta0, q):
    lad = dict(lad, q_r=q, q_b=q)
    result = propagate(to_ladder(lad, theta0), 8)
    np.testing.assert_allclose(result.belief_by_type, theta0, atol=1e-12)


def test_support_sweep_as_documented_for_deterrence():
    """The call docs/escalation.md gives the deterrence side: σ grid on the draw axis."""
    ladder = kursk_ladder(theta0=18 / 56)
    sigma = np.linspace(0.0, 1.0, 6)
    tau = ladder.tau[None, :] * (0.5 + sigma[:, None])
    h = np.asarray(ladder.h)[None, :] * (1.0 + sigma[:, None])
    swept = propagate(ladder.params(tau=tau, h=h), 10).final
    assert swept.shape == (6,)
    for i in range(6):
        lad = dict(KURSK, tau={r: float(tau[i, r]) for r in (1, 2)}, h=list(h[i]))
        expected = (
            0.6 * ref_paths(lad, 18 / 56, 10, 0.7)[0][-1] + 0.4 * ref_paths(lad, 18 / 56, 10, 0.05)[0][-1]
        )
        assert swept[i] == pytest.approx(expected, abs=1e-12)


def test_escalation_figure():
    from redline.escalation import escalation_figure

    fig = escalation_figure(propagate(kursk_ladder(), 10, theta0=18 / 56))
    assert len(fig.data) == 6
    np.testing.assert_allclose(fig.data[2].y[-1], 0.187311, atol=1e-6)
