"""One randomness convention for the whole package.

Every stochastic function takes ``rng: int | numpy.random.Generator | None`` and passes it through
:func:`as_generator`.

Monte Carlo runs that must not depend on chunking use *blocks*: draw ``d`` belongs to block
``d // BLOCK`` and every block has its own child stream, the ``b``-th child of ``SeedSequence(seed)``
(what ``SeedSequence.spawn`` would hand out). A chunk is any run of whole blocks, so the numbers are
the same whether one process draws everything or many workers draw chunks.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["BLOCK", "RNGLike", "as_generator", "block_generator", "chunk_ranges", "draw_blocks"]

RNGLike = int | np.random.Generator | np.random.SeedSequence | None

BLOCK = 4096
"""Draws per random stream; chunk boundaries must fall on multiples of it."""


def as_generator(rng: RNGLike) -> np.random.Generator:
    """Normalise ``rng`` (seed, SeedSequence, Generator or None) to a ``numpy.random.Generator``."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def block_generator(seed: int, block: int) -> np.random.Generator:
    """The generator of block ``block``: the ``block``-th child of ``SeedSequence(seed)``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block,)))


def chunk_ranges(draws: int, chunk_size: int) -> list[tuple[int, int]]:
    """Split ``range(draws)`` into ``[start, stop)`` chunks of whole blocks (the last may be short)."""
    if draws < 0 or chunk_size <= 0:
        raise ValueError("draws must be >= 0 and chunk_size > 0")
    step = max(BLOCK, (chunk_size // BLOCK) * BLOCK)
    return [(start, min(start + step, draws)) for start in range(0, draws, step)]


def draw_blocks(
    seed: int, start: int, stop: int, sampler: Callable[[np.random.Generator, int], dict[str, np.ndarray]]
) -> dict[str, np.ndarray]:
    """Draws ``start..stop`` of a run, block by block, concatenated along the leading axis.

    ``sampler(generator, n)`` returns a dict of arrays with leading axis ``n``. ``start`` must be a
    multiple of :data:`BLOCK`. The loop is over blocks (thousands of draws each), never over draws.
    """
    if start % BLOCK:
        raise ValueError(f"chunk start {start} is not a multiple of BLOCK={BLOCK}")
    parts: list[dict[str, np.ndarray]] = []
    for lo in range(start, stop, BLOCK):
        n = min(lo + BLOCK, stop) - lo
        parts.append(sampler(block_generator(seed, lo // BLOCK), n))
    if not parts:
        return {}
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
