"""Plain scalar references for the deterrence tests (loops, obvious code), and checks of the references.

Nothing here imports redline.deterrence: these are independent re-derivations of models.md §3.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import integrate
from scipy.stats import norm

# The illustrative allies of models.md §3.7 (not data): name, capability share, willingness.
SPEC_ALLIES = [
    ("USA", 0.60, 0.80),
    ("GBR", 0.08, 0.85),
    ("DEU", 0.10, 0.60),
    ("FRA", 0.08, 0.70),
    ("POL", 0.08, 0.95),
    ("HUN", 0.03, 0.10),
    ("TUR", 0.03, 0.30),
]
SPEC_A = [a for _, a, _ in SPEC_ALLIES]
SPEC_W = [w for _, _, w in SPEC_ALLIES]
SPEC_PAYOFFS = {"V": 1.0, "p_L": 0.9, "k_L": 0.3, "p_W": 0.2, "k_W": 1.5}


def enumerate_kappa(w, a, theta, tol=1e-9):
    """κ = Σ over all 2^m type profiles of P(profile)·1[Σ_{resolute} a_k ≥ θ]."""
    m = len(w)
    if m == 0:
        return 0.0
    if theta <= 0:
        return 1.0
    total = 0.0
    for profile in itertools.product((0, 1), repeat=m):
        p = 1.0
        cap = 0.0
        for k in range(m):
            if profile[k]:
                p *= w[k]
                cap += a[k]
            else:
                p *= 1.0 - w[k]
        if cap >= theta - tol:
            total += p
    return total


def enumerate_kappa_units(w, u, t):
    """The same with integer capability units (exact comparisons)."""
    if len(w) == 0:
        return 0.0
    if t <= 0:
        return 1.0
    total = 0.0
    for profile in itertools.product((0, 1), repeat=len(w)):
        p = 1.0
        cap = 0
        for k, x in enumerate(profile):
            p *= w[k] if x else 1.0 - w[k]
            cap += u[k] if x else 0
        if cap >= t:
            total += p
    return total


def correlated_kappa_quad(w, a, theta, rho):
    """∫ φ(z) κ(w(z)) dz by adaptive quadrature (scipy.integrate.quad) over the enumeration."""

    def integrand(z):
        wz = [norm.cdf((norm.ppf(wk) - math.sqrt(rho) * z) / math.sqrt(1 - rho)) for wk in w]
        return norm.pdf(z) * enumerate_kappa(wz, a, theta)

    value, _ = integrate.quad(integrand, -9, 9, limit=200, epsabs=1e-11)
    return value


def correlated_kappa_mc(w, a, theta, rho, draws, seed):
    """Plain Monte Carlo of the one-factor copula: resolute iff √ρ Z + √(1−ρ) ε_k < Φ⁻¹(w_k)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, 1))
    eps = rng.standard_normal((draws, len(w)))
    resolute = math.sqrt(rho) * z + math.sqrt(1 - rho) * eps < norm.ppf(w)
    hit = (resolute * np.asarray(a)).sum(axis=1) >= theta - 1e-9
    return hit.mean(), hit.std(ddof=1) / math.sqrt(draws)


def comonotone_kappa_mc(w, a, theta, draws, seed):
    """ρ = 1: one uniform U for all allies, resolute iff U < w_k."""
    rng = np.random.default_rng(seed)
    U = rng.uniform(size=(draws, 1))
    hit = ((np.asarray(w) > U) * np.asarray(a)).sum(axis=1) >= theta - 1e-9
    return hit.mean(), hit.std(ddof=1) / math.sqrt(draws)


def decision_reference(kappa, A, B):
    """The closed form of models.md §3.2 for one draw: (regime, κ*, EU)."""
    eu = (1 - kappa) * A + kappa * B
    if A <= 0:
        return "no_opportunity", math.nan, eu
    if B >= 0:
        return "undeterrable", math.nan, eu
    ks = A / (A - B)
    return ("deterred" if kappa >= ks else "deterrence_fails"), ks, eu


def logit_reference(eu, lam):
    return 1.0 / (1.0 + math.exp(-lam * eu))


# ------------------------------------------------------------------ checks of the references themselves
def test_reference_enumeration_matches_hand_computation_of_spec():
    # models.md §3.7: κ = w_US + (1 − w_US)·q with q = P(UK, DEU, FRA, POL all resolute and HUN or TUR)
    q = 0.85 * 0.6 * 0.7 * 0.95 * (1 - 0.9 * 0.7)
    assert math.isclose(q, 0.125485, abs_tol=1e-6)
    assert math.isclose(enumerate_kappa(SPEC_W, SPEC_A, 0.35), 0.8 + 0.2 * q, abs_tol=1e-12)


def test_reference_units_and_real_enumerations_agree():
    u = [600, 80, 100, 80, 80, 30, 30]
    assert math.isclose(
        enumerate_kappa_units(SPEC_W, u, 350), enumerate_kappa(SPEC_W, SPEC_A, 0.35), abs_tol=1e-12
    )
