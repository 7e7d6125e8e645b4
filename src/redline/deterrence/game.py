"""The challenger's decision in the Article 5 deterrence game (models.md §3.2, §3.5).

C (the challenger) compares attacking target T with the status quo (payoff 0). An attack met by no
effective response pays A = p_L·V − k_L; one met by an effective alliance response pays
B = p_W·V − k_W. With credibility κ_T (the probability of an effective response, see
:mod:`redline.deterrence.credibility`), EU_C(attack) = (1 − κ_T)·A + κ_T·B and C attacks iff
EU_C > 0 (ties → status quo). In closed form:

* A ≤ 0: ``no_opportunity`` (C never attacks; deterrence is not needed);
* B ≥ 0: ``undeterrable`` (the threat is not capable; C attacks whatever κ_T);
* otherwise C is ``deterred`` iff κ_T ≥ κ* = A/(A − B), else ``deterrence_fails``.

The quantal-response (logit) version replaces the step by P(attack) = 1/(1 + exp(−λ_C·EU_C))
(Signorino 1999); as λ_C → ∞ it converges to the rule above.

References: Zagare & Kilgour (2000) *Perfect Deterrence*; Fearon (1994); Signorino (1999).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from redline.errors import RedlineError
from redline.results import Result

__all__ = [
    "REGIMES",
    "ChallengerDecision",
    "challenger_decision",
    "challenger_payoffs",
    "contest_success",
    "logit_attack",
]

REGIMES = ("no_opportunity", "deterred", "deterrence_fails", "undeterrable")
"""Regime names; :attr:`ChallengerDecision.regime` holds their index."""

NO_OPPORTUNITY, DETERRED, FAILS, UNDETERRABLE = range(4)


def contest_success(cap_challenger, cap_target, cap_response=0.0, psi: float = 1.0):
    """C's chance of prevailing, cap_C^ψ / (cap_C^ψ + cap_T^ψ + cap_resp^ψ) (a Tullock contest).

    With ``cap_response = 0`` this is p_L (C against T alone); with the responders' capability it is
    p_W (models.md §3.2).
    """
    c, t, r = (np.asarray(x, dtype=float) for x in (cap_challenger, cap_target, cap_response))
    for name, x in (("challenger capability", c), ("target capability", t), ("response capability", r)):
        if np.isnan(x).any() or (x < 0).any():
            raise RedlineError(f"{name}: expected a number >= 0, found {x[np.isnan(x) | (x < 0)].ravel()[0]}")
    num = c**psi
    den = num + t**psi + np.where(r > 0, r, 0.0) ** psi
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(den > 0, num / den, np.nan)
    return float(p) if p.ndim == 0 else p


def challenger_payoffs(V, p_L, k_L, p_W, k_W):
    """A = p_L·V − k_L (attack, no effective response) and B = p_W·V − k_W (effective response)."""
    V, p_L, k_L, p_W, k_W = (np.asarray(x, dtype=float) for x in (V, p_L, k_L, p_W, k_W))
    for name, p in (("p_L", p_L), ("p_W", p_W)):
        if np.isnan(p).any() or ((p < 0) | (p > 1)).any():
            raise RedlineError(
                f"{name}: a probability in [0, 1] was expected, found {p[np.isnan(p) | (p < 0) | (p > 1)].ravel()[0]}"
            )
    for name, x in (("V", V), ("k_L", k_L), ("k_W", k_W)):
        if not np.isfinite(x).all():
            raise RedlineError(f"{name}: a finite number was expected, found {x[~np.isfinite(x)].ravel()[0]}")
    A = p_L * V - k_L
    B = p_W * V - k_W
    return (float(A), float(B)) if A.ndim == 0 and B.ndim == 0 else (A, B)


def logit_attack(eu, lam: float):
    """Quantal-response P(attack) = 1/(1 + exp(−λ·EU)) (Signorino 1999; models.md §3.5)."""
    if not lam > 0:
        raise RedlineError(f"logit precision lambda: expected a number > 0, got {lam!r}")
    return expit(lam * np.asarray(eu, dtype=float))


@dataclass(frozen=True)
class ChallengerDecision(Result):
    """The challenger's decision, one entry per draw (arrays of equal length, or scalars).

    ``kappa_star`` and ``margin`` are NaN outside the two regimes where deterrence is at stake
    (no threshold exists when C has no opportunity or cannot be deterred).
    """

    kappa: np.ndarray
    A: np.ndarray
    B: np.ndarray
    eu_attack: np.ndarray
    kappa_star: np.ndarray
    margin: np.ndarray
    regime: np.ndarray
    attack: np.ndarray
    p_attack: np.ndarray | None = None

    @property
    def regime_name(self) -> np.ndarray:
        """Regime names per draw."""
        return np.asarray(REGIMES, dtype=object)[self.regime]

    def to_frame(self) -> pd.DataFrame:
        """One row per draw."""
        cols = {
            "kappa": self.kappa,
            "kappa_star": self.kappa_star,
            "margin": self.margin,
            "A": self.A,
            "B": self.B,
            "eu_attack": self.eu_attack,
            "regime": self.regime_name,
            "attack": self.attack,
        }
        if self.p_attack is not None:
            cols["p_attack"] = self.p_attack
        return pd.DataFrame({k: np.atleast_1d(v) for k, v in cols.items()})


def challenger_decision(kappa, A, B, lam: float | None = None) -> ChallengerDecision:
    """C's decision given credibility κ_T and payoffs A, B, batched over draws (models.md §3.2).

    Parameters
    ----------
    kappa : float or array (draws,)
        Credibility of the response, in [0, 1].
    A, B : float or array (draws,)
        C's payoff of an attack without / with an effective response (status quo = 0).
    lam : float, optional
        Logit precision λ_C; when given, ``p_attack`` holds the quantal-response probability.

    Returns
    -------
    ChallengerDecision

    Examples
    --------
    >>> d = challenger_decision(0.825097, 0.6, -1.3)
    >>> str(d.regime_name), round(float(d.kappa_star), 6)
    ('deterred', 0.315789)
    """
    kappa, A, B = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (kappa, A, B)))
    if kappa.size and not (kappa.min() >= 0.0 and kappa.max() <= 1.0):  # NaN fails both tests
        raise RedlineError("kappa: credibility must lie in [0, 1]")
    eu = A + kappa * (B - A)  # = (1 − κ)·A + κ·B
    none = A <= 0
    capable = B < 0
    with np.errstate(invalid="ignore", divide="ignore"):  # no threshold outside the contested regimes
        kappa_star = np.where(none | ~capable, np.nan, A / (A - B))
    margin = kappa - kappa_star
    regime = np.where(
        none, NO_OPPORTUNITY, np.where(capable, np.where(kappa >= kappa_star, DETERRED, FAILS), UNDETERRABLE)
    ).astype(np.int8)
    attack = ~none & ~(kappa >= kappa_star)  # fails, or undeterrable (κ* is NaN there)
    p_attack = None if lam is None else logit_attack(eu, lam)
    return ChallengerDecision(kappa, A, B, eu, kappa_star, margin, regime, attack, p_attack)
