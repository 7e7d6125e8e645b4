"""One randomness convention for the whole package.

Every stochastic function takes ``rng: int | numpy.random.Generator | SeedSequence | None`` (never
``seed=``) and passes it through one of two normalisers: :func:`as_generator` when it draws from one
stream, :func:`as_seed` when it draws block by block (below) and needs an integer seed. No other module
turns ``rng`` into a seed.

Monte Carlo runs that must not depend on chunking use *blocks*: draw ``d`` belongs to block
``d // BLOCK`` and every block has its own child stream, the ``b``-th child of ``SeedSequence(seed)``
(what ``SeedSequence.spawn`` would hand out). A chunk is any run of whole blocks, so the numbers are
the same whether one process draws everything or many workers draw chunks.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["BLOCK", "RNGLike", "as_generator", "as_seed", "block_generator", "chunk_ranges", "draw_blocks"]

RNGLike = int | np.random.Generator | np.random.SeedSequence | None

BLOCK = 4096
"""Draws per random stream; chunk boundaries must fall on multiples of it."""


def as_generator(rng: RNGLike) -> np.random.Generator:
    """Normalise ``rng`` (seed, SeedSequence, Generator or None) to a ``numpy.random.Generator``."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def as_seed(rng: RNGLike) -> int:
    """Normalise ``rng`` to a non-negative integer seed for block-streamed draws (:func:`draw_blocks`).

    An integer is used as is; a Generator yields one (advancing it); a SeedSequence gives its first
    state word; ``None`` takes fresh entropy. A negative or non-integer seed is an error.
    """
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, 2**63 - 1))
    if isinstance(rng, np.random.SeedSequence):
        return int(rng.generate_state(2, np.uint64)[0])
    if rng is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer) or rng < 0:
        from redline.errors import RedlineError

        raise RedlineError(f"rng: expected a non-negative integer seed, a Generator or None; found {rng!r}")
    return int(rng)


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
