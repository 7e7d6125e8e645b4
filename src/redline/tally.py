"""Streaming summaries of a run's Monte Carlo draws: memory independent of the number of draws.

A run never holds all its draws. Each chunk's values are cut at block boundaries
(:data:`redline.rng.BLOCK`) and every block of every question becomes three numbers: the count of
finite values ``n``, their ``sum`` and ``m2``, the sum of squared deviations from the block mean.
The run merges blocks **in block order** (Chan, Golub & LeVeque's pairwise update), whatever order
the chunks finish in, so the summary is bit-identical for every chunk size, for Dask and for a
resumed run. Where an answer must be exact it is: counts and sums of 0/1 outcomes are integers
(the Wilson interval's inputs, exact up to 2^53 draws); a paired difference (a lever minus the base,
on common random numbers) is tallied per draw before it is merged.

Continuous questions (a bargaining forecast) also report quantiles. Their values are kept exactly up
to :data:`EXACT_VALUES` per question (then the quantiles are NumPy's, bit for bit); past that the
values go into a :class:`Sketch` with relative accuracy :data:`SKETCH_ALPHA`, whose integer bucket
counts merge exactly in any order. Memory per question is therefore bounded by ``EXACT_VALUES``
floats or the sketch's buckets, never by the number of draws.

:func:`tally_chunk` runs on the worker (in-process or Dask) and returns a small :class:`ChunkTally`;
:class:`RunTally` merges them; both serialise to ``.npz`` bytes for the store's checkpoints.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from redline.rng import BLOCK
from redline.stats import Z95, wilson
from redline.tasks import Task, run_chunk

__all__ = [
    "EXACT_VALUES",
    "SKETCH_ALPHA",
    "ChunkTally",
    "RunTally",
    "Sketch",
    "Tally",
    "paired_key",
    "tally_chunk",
]

EXACT_VALUES = 1 << 20
"""Values of a continuous question kept exactly (8 MB); quantiles of longer runs come from a sketch."""
SKETCH_ALPHA = 1e-4
"""Relative accuracy of the quantile sketch: each value is represented within 0.01 % of itself."""
SKETCH_ZERO = 1e-12
"""Values smaller in magnitude than this share one bucket at 0 (an absolute error of at most 1e-12)."""


def paired_key(question: str, baseline: str) -> str:
    """The tally key of the per-draw difference ``question - baseline`` (common random numbers)."""
    return f"{question} - {baseline}"


# ------------------------------------------------------------------------------------------ sketch
class Sketch:
    """A mergeable quantile sketch with relative accuracy :data:`SKETCH_ALPHA` (logarithmic buckets,
    as in DDSketch, Masson et al. 2019).

    A value x > 0 falls in bucket ``ceil(log_γ x)`` with γ = (1 + α) / (1 − α); the bucket's value
    2γ^i / (γ + 1) lies within a relative α of every value in it. Negative values use the mirror
    buckets, values below :data:`SKETCH_ZERO` in magnitude one bucket at 0. Counts are integers, so
    merging sketches is exact and does not depend on order.
    """

    def __init__(self, alpha: float = SKETCH_ALPHA):
        self.alpha = alpha
        self.gamma = (1 + alpha) / (1 - alpha)
        self._log_gamma = math.log(self.gamma)
        self.keys = np.empty(0, dtype=np.int64)  # signed bucket keys (see _key), sorted
        self.counts = np.empty(0, dtype=np.int64)

    _OFFSET = 1 << 40
    """A bucket's key is ``sign(x) · (i + _OFFSET)`` (0 for the zero bucket): one sorted integer array."""

    def add(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=float)
        magnitude = np.abs(values)
        zero = magnitude < SKETCH_ZERO
        with np.errstate(divide="ignore"):
            index = np.ceil(np.log(np.where(zero, 1.0, magnitude)) / self._log_gamma).astype(np.int64)
        keys = np.where(zero, 0, np.sign(values).astype(np.int64) * (index + self._OFFSET))
        new, counts = np.unique(keys, return_counts=True)
        self._merge(new, counts)

    def merge(self, other: Sketch) -> None:
        self._merge(other.keys, other.counts)

    def _merge(self, keys: np.ndarray, counts: np.ndarray) -> None:
        all_keys = np.concatenate([self.keys, keys])
        merged, inverse = np.unique(all_keys, return_inverse=True)
        total = np.zeros(merged.size, dtype=np.int64)
        np.add.at(total, inverse, np.concatenate([self.counts, counts]).astype(np.int64))
        self.keys, self.counts = merged, total

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def _values(self) -> np.ndarray:
        """The representative value of each bucket, in the order of ``keys``."""
        sign = np.sign(self.keys)
        index = np.abs(self.keys) - self._OFFSET
        value = 2.0 * np.exp(index * self._log_gamma) / (self.gamma + 1.0)
        return np.where(sign == 0, 0.0, sign * value)

    def quantiles(self, qs: Iterable[float]) -> list[float]:
        """NumPy's linear-interpolation quantiles, each order statistic replaced by its bucket's value."""
        n = self.n
        if n == 0:
            return [math.nan for _ in qs]
        values = self._values()
        order = np.argsort(values, kind="stable")
        values, cumulative = values[order], np.cumsum(self.counts[order])
        out = []
        for q in qs:
            h = (n - 1) * float(q)
            lo = math.floor(h)
            hi = min(lo + 1, n - 1)
            x_lo = values[np.searchsorted(cumulative, lo, side="right")]
            x_hi = values[np.searchsorted(cumulative, hi, side="right")]
            out.append(float(x_lo + (h - lo) * (x_hi - x_lo)))
        return out

    def histogram(self, bins: int, range_: tuple[float, float]) -> list[int]:
        counts, _ = np.histogram(self._values(), bins=bins, range=range_, weights=self.counts)
        return [int(c) for c in counts]


# ------------------------------------------------------------------------------------------ one question
@dataclass
class Tally:
    """Everything the summary needs about one question, merged over the blocks seen so far.

    ``n``, ``total`` and ``m2`` cover blocks ``0 .. next_block - 1`` merged in order; blocks that
    arrive early wait in ``pending`` (bounded by how far the workers run ahead, not by the draws).
    """

    continuous: bool = False
    n: int = 0
    total: float = 0.0
    m2: float = 0.0
    nonfinite: int = 0
    next_block: int = 0
    pending: dict[int, tuple[int, float, float, int]] = field(default_factory=dict)
    values: list[np.ndarray] | None = field(default_factory=list)
    kept: int = 0
    sketch: Sketch | None = None

    def add_blocks(self, blocks: np.ndarray) -> None:
        """Rows ``(block, n, sum, m2, nonfinite)``; merged as soon as every earlier block is in."""
        for block, n, total, m2, nonfinite in blocks.tolist():
            self.pending[int(block)] = (int(n), float(total), float(m2), int(nonfinite))
        while self.next_block in self.pending:
            n, total, m2, nonfinite = self.pending.pop(self.next_block)
            self._merge(n, total, m2)
            self.nonfinite += nonfinite
            self.next_block += 1

    def _merge(self, n: int, total: float, m2: float) -> None:
        if n == 0:
            return
        if self.n == 0:
            self.n, self.total, self.m2 = n, total, m2
            return
        delta = total / n - self.total / self.n
        self.m2 = self.m2 + m2 + delta * delta * self.n * n / (self.n + n)
        self.total += total
        self.n += n

    def add_values(self, values: np.ndarray) -> None:
        """Finite values of a continuous question: kept exactly up to :data:`EXACT_VALUES`, then sketched."""
        if self.values is not None:
            self.values.append(values)
            self.kept += values.size
            if self.kept <= EXACT_VALUES:
                return
            self.sketch = Sketch()
            for part in self.values:
                self.sketch.add(part)
            self.values = None
            return
        assert self.sketch is not None
        self.sketch.add(values)

    # ---------------------------------------------------------------- answers
    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else math.nan

    @property
    def sd(self) -> float:
        """Sample standard deviation (``ddof=1``)."""
        return math.sqrt(max(self.m2, 0.0) / (self.n - 1)) if self.n > 1 else math.nan

    @property
    def exact(self) -> bool:
        """Whether quantiles are exact (every value kept) rather than from the sketch."""
        return self.sketch is None

    def quantiles(self, qs: list[float]) -> list[float]:
        """Quantiles of the finite values (NumPy's default, linear interpolation); see :class:`Sketch`."""
        if self.sketch is not None:
            return self.sketch.quantiles(qs)
        if not self.kept:
            return [math.nan for _ in qs]
        values = np.concatenate(self.values) if self.values else np.empty(0)
        return [float(v) for v in np.quantile(values, qs)]

    def histogram(self, bins: int, range_: tuple[float, float]) -> list[int]:
        if self.sketch is not None:
            return self.sketch.histogram(bins, range_)
        values = np.concatenate(self.values) if self.values else np.empty(0)
        return np.histogram(values, bins=bins, range=range_)[0].tolist()

    def interval(self, binary: bool = False) -> dict[str, float]:
        """Mean with a 95% interval, as :func:`redline.stats.interval` gives from all the values:
        Wilson for 0/1 outcomes, the 2.5–97.5 % quantiles otherwise; ``se`` the standard error."""
        n = self.n
        if n == 0:
            return {"mean": math.nan, "lo": math.nan, "hi": math.nan, "se": math.nan, "n": 0}
        se = self.sd / math.sqrt(n) if n > 1 else math.nan
        if binary:
            lo, hi = wilson(self.total, n)
        elif self.continuous:
            lo, hi = self.quantiles([0.025, 0.975])
        else:
            lo = hi = math.nan
        return {"mean": self.mean, "lo": lo, "hi": hi, "se": se, "n": int(n)}

    def paired_interval(self, z: float = Z95) -> dict[str, float]:
        """Mean of the per-draw differences with a normal 95% interval (:func:`redline.stats.paired_interval`)."""
        mean = self.mean
        half = z * self.sd / math.sqrt(self.n) if self.n > 1 else math.nan
        return {"mean": mean, "lo": mean - half, "hi": mean + half, "n": int(self.n)}


# ------------------------------------------------------------------------------------------ one chunk
@dataclass
class ChunkTally:
    """The tallies of one chunk: per question its block rows, and the values of continuous questions."""

    start: int
    stop: int
    blocks: dict[str, np.ndarray] = field(default_factory=dict)
    values: dict[str, np.ndarray] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """``.npz`` bytes (no pickled objects) for the store's checkpoint: the question names, every
        block row in one array (question index first), the kept values."""
        names = sorted(self.blocks)
        rows = [np.column_stack([np.full(len(self.blocks[q]), i), self.blocks[q]]) for i, q in enumerate(names)]
        arrays: dict[str, np.ndarray] = {
            "names": np.array(names, dtype=str),
            "range": np.array([self.start, self.stop], dtype=np.int64),
            "rows": np.concatenate(rows) if rows else np.empty((0, 6)),
        }
        for i, name in enumerate(names):
            if name in self.values:
                arrays[f"v{i}"] = self.values[name]
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> ChunkTally:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            start, stop = (int(v) for v in npz["range"])
            out = cls(start, stop)
            rows = npz["rows"]
            for i, name in enumerate(npz["names"].tolist()):
                out.blocks[name] = rows[rows[:, 0] == i, 1:]
                if f"v{i}" in npz.files:
                    out.values[name] = npz[f"v{i}"]
        return out


def _block_rows(start: int, values: np.ndarray) -> np.ndarray:
    """Rows ``(block, n, sum, m2, nonfinite)`` of ``values`` (draws ``start, start+1, ...``).

    Full blocks are reduced as rows of one 2-D array, a last short block as a row of its own: a
    block's row is computed the same way whatever chunk it arrives in.
    """
    full = values.size // BLOCK
    parts = [values[: full * BLOCK].reshape(full, BLOCK)]
    if values.size > full * BLOCK:
        parts.append(values[full * BLOCK :].reshape(1, -1))
    rows = []
    for part in parts:
        finite = np.isfinite(part)
        n = finite.sum(axis=1)
        total = np.where(finite, part, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(n > 0, total / np.maximum(n, 1), 0.0)
        m2 = np.square(np.where(finite, part - mean[:, None], 0.0)).sum(axis=1)
        rows.append(np.column_stack([np.zeros_like(total), n, total, m2, part.shape[1] - n]))
    out = np.concatenate(rows) if rows else np.empty((0, 5))
    out[:, 0] = start // BLOCK + np.arange(out.shape[0])
    return out


def tally_values(
    start: int, stop: int, values: Mapping[str, np.ndarray], tasks: tuple[Task, ...]
) -> ChunkTally:
    """The :class:`ChunkTally` of a chunk's per-draw ``values`` (question -> values of draws start, ...)."""
    binary = {q for task in tasks for q in task.binary}
    out = ChunkTally(start, stop)
    for question, array in values.items():
        array = np.asarray(array, dtype=float).reshape(-1)
        out.blocks[question] = _block_rows(start, array)
        if question not in binary:
            out.values[question] = array[np.isfinite(array)]
    for task in tasks:
        for question, baseline in task.paired:
            if question in values and baseline in values:
                diff = np.asarray(values[question], float) - np.asarray(values[baseline], float)
                out.blocks[paired_key(question, baseline)] = _block_rows(start, diff)
    return out


def tally_chunk(
    tasks: tuple[Task, ...], seed: int, start: int, stop: int, keep_draws: bool = False
) -> tuple[ChunkTally, dict[str, np.ndarray] | None]:
    """Draw ``start..stop`` of every task (:func:`redline.tasks.run_chunk`) and tally them; the values
    themselves come back only with ``keep_draws`` (what a worker sends back is otherwise small)."""
    values = run_chunk(tasks, seed, start, stop)
    return tally_values(start, stop, values, tasks), (values if keep_draws else None)


# ------------------------------------------------------------------------------------------ the run
class RunTally:
    """The merged tallies of a run: question -> :class:`Tally` (paired differences under
    :func:`paired_key`). Chunks may be added in any order, each exactly once."""

    def __init__(self, tasks: tuple[Task, ...]):
        self.binary = frozenset(q for task in tasks for q in task.binary)
        self.paired = frozenset(paired_key(q, b) for task in tasks for q, b in task.paired)
        self.tallies: dict[str, Tally] = {}
        self.chunks: set[int] = set()

    def add(self, chunk: ChunkTally) -> None:
        if chunk.start in self.chunks:
            raise ValueError(f"chunk {chunk.start}..{chunk.stop} tallied twice")
        self.chunks.add(chunk.start)
        for question, rows in chunk.blocks.items():
            tally = self.tallies.get(question)
            if tally is None:
                continuous = question not in self.binary and question not in self.paired
                tally = self.tallies[question] = Tally(continuous=continuous)
                if not continuous:
                    tally.values = None
            tally.add_blocks(rows)
            if tally.continuous and question in chunk.values:
                tally.add_values(chunk.values[question])

    def check_complete(self) -> None:
        """Every question merged up to its last block (no gap left by a missing chunk)."""
        for question, tally in self.tallies.items():
            if tally.pending:
                first = min(tally.pending) * BLOCK
                raise ValueError(f"{question}: the draws before {first} were never tallied")

    def questions(self) -> list[str]:
        """The questions (not the paired differences), sorted."""
        return sorted(q for q in self.tallies if q not in self.paired)

    def stats(self) -> dict[str, dict[str, float]]:
        """Question -> mean, 95% interval, se and n (:meth:`Tally.interval`)."""
        return {q: self.tallies[q].interval(binary=q in self.binary) for q in self.questions()}

    def __getitem__(self, key: str) -> Tally:
        return self.tallies[key]

    def get(self, key: str) -> Tally | None:
        return self.tallies.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.tallies
