"""A plain scalar reference of the escalation process (models.md §4.2), written independently of
``redline.escalation``: recursion over every path (no state merging, no arrays), and a plain-Python
Monte Carlo. Other escalation tests import these; the tests here check the reference by hand.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

KURSK = {
    "k": 4,
    "tau": {1: 0.30, 2: 0.10},
    "q_r": 0.7,
    "q_b": 0.05,
    "h": [0.0, 0.0, 0.01, 0.05],
    "start": 1,
    "pi": 0.6,
}
"""The illustrative numbers of models.md §4.3 (for tests only)."""


def ref_update(theta, q_r, q_b, answered):
    """Bayes' rule for the belief that the responder is resolute; an impossible history keeps it."""
    like_r = q_r if answered else 1 - q_r
    like_b = q_b if answered else 1 - q_b
    den = theta * like_r + (1 - theta) * like_b
    if den == 0:
        return theta
    return theta * like_r / den


def ref_cross_prob(level, theta, lad):
    """The pusher's probability of stepping up from rung level at belief theta."""
    if level in lad["tau"]:
        rho = theta * lad["q_r"] + (1 - theta) * lad["q_b"]
        lam = lad.get("lam")
        if lam is None:
            return 1.0 if rho < lad["tau"][level] else 0.0
        return 1.0 / (1.0 + math.exp(-lam * (lad["tau"][level] - rho)))
    g = lad.get("g") or [0.0] * lad["k"]
    return g[level]


def ref_paths(lad, theta0, steps, q_true):
    """Enumerate every path; return (P(K reached by t), E[belief at t]) for t = 0..steps."""
    k = lad["k"]
    h = lad["h"]
    e = lad.get("e") or [0.0] * k
    hit = [0.0] * (steps + 1)
    bel = [0.0] * (steps + 1)

    def walk(t, level, theta, prob):
        if prob == 0.0:
            return
        bel[t] += prob * theta
        if level == k:
            hit[t] += prob
        if t == steps:
            return
        if level == k:  # absorbing: the belief stays
            walk(t + 1, level, theta, prob)
            return
        # the pusher's move (and the responder's answer after a red-line crossing)
        moves = []
        x = ref_cross_prob(level, theta, lad)
        moves.append((level, theta, 1 - x))
        if level in lad["tau"]:
            moves.append((min(level + 2, k), ref_update(theta, lad["q_r"], lad["q_b"], True), x * q_true))
            moves.append((level + 1, ref_update(theta, lad["q_r"], lad["q_b"], False), x * (1 - q_true)))
        else:
            moves.append((level + 1, theta, x))
        for level1, theta1, p1 in moves:
            if level1 == k:
                walk(t + 1, level1, theta1, prob * p1)
                continue
            walk(t + 1, level1 + 1, theta1, prob * p1 * h[level1])
            if level1 > 0:
                walk(t + 1, level1 - 1, theta1, prob * p1 * e[level1])
            walk(t + 1, level1, theta1, prob * p1 * (1 - h[level1] - (e[level1] if level1 > 0 else 0.0)))

    walk(0, lad["start"], theta0, 1.0)
    return hit, bel


def ref_monte_carlo(lad, theta0, steps, draws, seed):
    """Plain-Python Monte Carlo (one run at a time); returns the share of runs reaching K by ``steps``."""
    rnd = random.Random(seed)
    k = lad["k"]
    e = lad.get("e") or [0.0] * k
    hits = 0
    for _ in range(draws):
        q_true = lad["q_r"] if rnd.random() < lad["pi"] else lad["q_b"]
        level, theta = lad["start"], theta0
        for _ in range(steps):
            if level == k:
                break
            if rnd.random() < ref_cross_prob(level, theta, lad):
                if level in lad["tau"]:
                    answered = rnd.random() < q_true
                    theta = ref_update(theta, lad["q_r"], lad["q_b"], answered)
                    level = min(level + (2 if answered else 1), k)
                else:
                    level += 1
            if level < k:
                u = rnd.random()
                if u < lad["h"][level]:
                    level += 1
                elif level > 0 and u < lad["h"][level] + e[level]:
                    level -= 1
        hits += level == k
    return hits / draws


def kursk_theta1():
    """θ after the unanswered Kursk crossing, in exact rational arithmetic."""
    t, qr, qb = Fraction(6, 10), Fraction(7, 10), Fraction(5, 100)
    return t * (1 - qr) / (t * (1 - qr) + (1 - t) * (1 - qb))


def test_reference_kursk_belief_by_hand():
    assert kursk_theta1() == Fraction(18, 56)
    assert abs(float(kursk_theta1()) - 0.3214286) < 1e-7
    assert abs(ref_update(0.6, 0.7, 0.05, False) - 18 / 56) < 1e-15


def test_reference_first_step_by_hand():
    # §4.3: cross to rung 2; retaliation (0.7) -> rung 3, then chance 0.05 -> nuclear: 0.035.
    hit, _ = ref_paths(KURSK, 18 / 56, 1, KURSK["q_r"])
    assert abs(hit[1] - 0.7 * 0.05) < 1e-15
    hit, _ = ref_paths(KURSK, 18 / 56, 1, KURSK["q_b"])
    assert abs(hit[1] - 0.05 * 0.05) < 1e-15


def test_reference_no_crossing_before_kursk():
    # ρ(0.6) = 0.44 > 0.30 and h_1 = 0: the ladder never moves.
    hit, bel = ref_paths(KURSK, 0.6, 10, KURSK["q_r"])
    assert hit == [0.0] * 11
    assert all(abs(b - 0.6) < 1e-15 for b in bel)
