"""The one sampler of coding uncertainty: per-draw positions, saliences and capabilities.

``redline run`` (every issue of a scenario), ``redline bargain --draws`` and ``redline backtest`` draw
the uncertain codings here, so the same declared uncertainty gives the same distribution — and, from
the same generator, the same numbers — whichever command asks. Per actor and draw, independently:

* position ~ Normal(x, sd) (or a uniform with the same sd) clipped to the issue's scale;
* salience ~ Beta(s·k, (1 − s)·k) with concentration k (mean s); an actor coded at exactly 0 or 1
  keeps its value;
* capability ~ c · LogNormal(0, sigma) (only ratios matter).

The stream layout is the same whatever is switched on — position noise, then the salience block (a
Beta draw, or a uniform block of the same shape when salience is certain), then the capability noise,
each drawn whether or not it is used — so a width of zero never shifts the other draws, and a caller
may draw more from the same generator afterwards (the backtest's resistance draw). Switching the
salience draw itself on or off does move the later draws (a Beta draw uses a varying number of
uniforms).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["sample_codings"]


def sample_codings(
    generator: np.random.Generator,
    draws: int,
    position: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    *,
    position_sd: float | np.ndarray = 0.0,
    position_dist: str = "normal",
    salience_concentration: float | None = None,
    capability_sigma: float = 0.0,
    scale: tuple[float, float] = (0.0, 100.0),
    positions_only: bool = False,
) -> dict[str, np.ndarray]:
    """``draws`` perturbed codings: arrays ``position``, ``salience``, ``capability`` of shape
    ``(draws, actors)`` (``position_sd`` may be one value or one per actor).

    ``positions_only``: only ``position`` (the first draws of the stream, so the same numbers), for a
    decision rule that reads nothing else; it skips the Beta draws, the slowest part.
    """
    x = np.asarray(position, dtype=float)
    s = np.asarray(salience, dtype=float)
    c = np.asarray(capability, dtype=float)
    shape = (draws, x.shape[0])
    if position_dist == "normal":
        noise = generator.standard_normal(shape)
    else:
        noise = generator.uniform(-math.sqrt(3.0), math.sqrt(3.0), shape)
    sd = np.broadcast_to(np.asarray(position_sd, dtype=float), (x.shape[0],))
    # each array is made in one pass from the coded values (broadcast), not from a copy of them first
    if np.any(sd > 0):
        pos = np.clip(x + sd * noise, scale[0], scale[1])
    else:
        pos = np.broadcast_to(x, shape).astype(float)
    if positions_only:
        return {"position": pos}
    if salience_concentration:
        k = salience_concentration
        inner = (s > 0) & (s < 1)
        a = np.where(inner, s * k, 1.0)
        b = np.where(inner, (1 - s) * k, 1.0)
        beta = generator.beta(np.broadcast_to(a, shape), np.broadcast_to(b, shape))
        sal = np.where(inner, beta, s)
    else:
        generator.random(shape)  # keep the stream layout fixed whatever is switched on
        sal = np.broadcast_to(s, shape).astype(float)
    cap_noise = generator.standard_normal(shape)  # drawn always, like the salience block
    if capability_sigma > 0:
        cap = c * np.exp(capability_sigma * cap_noise)
    else:
        cap = np.broadcast_to(c, shape).astype(float)
    return {"position": pos, "salience": sal, "capability": cap}
