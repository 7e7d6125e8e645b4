"""Coding uncertainty: Monte Carlo draws of a case's positions, saliences and capabilities.

A case is one analyst's coding from public reporting; each number is uncertain. We draw, per actor and
per draw (independently):

* position ~ Normal(x, sd) clipped to [0, 100], with sd = ``position_sd`` (10 points), or
  ``judgement_factor`` times that (15 points) where the coder marked the position as judgement
  ("Judgement:" in the justification). Scale anchors in the cases are 25-50 points apart, so ±2 sd
  (±20 points) is an error of less than one anchor step.
* salience ~ Beta(a = s·k, b = (1 - s)·k) with concentration k = ``salience_concentration`` (20): mean
  s, sd about 0.11 at s = 0.5 (one step of the 0.1 grid the coders use). s is kept inside
  [0.02, 0.98] so the Beta is proper.
* capability ~ c · LogNormal(0, ``capability_sigma`` = 0.3): a factor of 1.35 per sd, because
  capability is a relative judgement of clout ("only ratios matter", models.md §1.6).
* resist ~ Bernoulli(salience drawn): whether the actor, if it prefers the status quo, resists
  (blocks). This is the model's own reading of salience as "the probability that the actor resists
  a challenge" (models.md §1.2, §1.3).

The same widths are used for every case and were fixed before any case was scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from redline.rng import RNGLike, as_seed, draw_blocks
from redline.uncertainty import sample_codings as sample

__all__ = ["CodingUncertainty", "sample_codings"]


@dataclass(frozen=True)
class CodingUncertainty:
    """Widths of the coding uncertainty (see the module docstring for the reasons)."""

    position_sd: float = 10.0
    judgement_factor: float = 1.5
    salience_concentration: float = 20.0
    capability_sigma: float = 0.3

    def __post_init__(self) -> None:
        if self.position_sd < 0 or self.judgement_factor <= 0 or self.capability_sigma < 0:
            raise ValueError("position_sd, judgement_factor and capability_sigma must be >= 0 (factor > 0)")
        if self.salience_concentration <= 0:
            raise ValueError("salience_concentration must be > 0")


def sample_codings(
    position: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    judgement: np.ndarray,
    draws: int,
    rng: RNGLike = 0,
    uncertainty: CodingUncertainty = CodingUncertainty(),
) -> dict[str, np.ndarray]:
    """Draw ``draws`` codings; returns arrays ``position``, ``salience``, ``capability``, ``resist``
    of shape ``(draws, n)``.

    Draws come in blocks of :data:`redline.rng.BLOCK` with their own streams, so the numbers for the
    first ``d`` draws do not depend on how many draws are asked for. An integer seed is used as is;
    a generator or ``None`` first yields a seed.
    """
    x = np.asarray(position, dtype=float)
    s = np.clip(np.asarray(salience, dtype=float), 0.02, 0.98)
    c = np.asarray(capability, dtype=float)
    sd = uncertainty.position_sd * np.where(
        np.asarray(judgement, dtype=bool), uncertainty.judgement_factor, 1.0
    )
    k = uncertainty.salience_concentration
    if draws <= 0:
        raise ValueError("draws must be positive")
    seed = as_seed(rng)
    n = x.size

    def sampler(gen: np.random.Generator, m: int) -> dict[str, np.ndarray]:
        coded = sample(
            gen,
            m,
            x,
            s,
            c,
            position_sd=sd,
            salience_concentration=k,
            capability_sigma=uncertainty.capability_sigma,
        )
        coded["resist"] = gen.random((m, n)) < coded["salience"]
        return coded

    return draw_blocks(seed, 0, draws, sampler)
