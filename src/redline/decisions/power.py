"""Power indices of simple games: Shapley-Shubik and Banzhaf, exact where possible.

Three engines (spec ``models.md`` §2.4):

* **Counting DP** for *size-weight threshold games*: integer weights ``w`` and, per coalition size
  ``k``, a weight threshold ``t[k]``; a coalition of size ``k`` and weight ``s`` wins iff ``s >= t[k]``.
  Weighted voting games ([q; w]) have ``t[k] = q``; double-majority games such as EU qualified
  majority (member quota, population quota, blocking-minority clause) have ``t[k] = inf`` below the
  member quota, the population quota in between and ``0`` once too few are left to block. The
  generating function ``prod_j (1 + y z^{w_j})`` is built once (Bilbao et al. 2000); player ``i`` is
  "divided out" only at the few cells its swing counts need, by the alternating sum
  ``F_i[k][x] = sum_j (-1)^j F[k-j][x - j w_i]`` on prefix sums. Counts whose weight range is
  above half the total are read from the complementary coalitions, so the table is truncated near
  ``min(q, W - q)``. Counts are exact integers: int64 while ``n <= 62``; above, the same DP runs
  in int64 modulo 2^64 and modulo primes below 2^31 and the counts are rebuilt by the Chinese
  remainder theorem (no Python-integer arrays; weights are first divided by their common divisor).
* **Brute force** over all ``2^n`` coalitions for any monotone predicate (``n <= 22`` or so).
* **Monte Carlo** over random orderings (Shapley-Shubik) and random coalitions (Banzhaf), with
  standard errors, for large general games.

Shapley & Shubik (1954); Banzhaf (1965); Bilbao, Fernandez, Jimenez Losada & Lopez (2000),
"Generating functions for computing power indices efficiently", TOP 8(2).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from redline.errors import RedlineError
from redline.results import Result
from redline.rng import RNGLike, as_generator

__all__ = [
    "PowerIndices",
    "banzhaf",
    "banzhaf_swings",
    "brute_force_power",
    "double_majority_power",
    "double_majority_thresholds",
    "monte_carlo_power",
    "shapley_shubik",
    "threshold_power",
    "weighted_power",
]

WinsFunction = Callable[[np.ndarray], np.ndarray]
"""A vectorised simple game: bool array ``(m, n)`` of coalitions -> bool array ``(m,)`` (wins)."""

MAX_TABLE_CELLS = 50_000_000
"""Largest counting table the DP allocates (cells of int32/int64); above it, ask for coarser weights."""

BRUTE_FORCE_MAX = 24
"""Largest number of players the brute-force engine accepts (2^24 coalitions)."""


@dataclass(frozen=True)
class PowerIndices(Result):
    """Shapley-Shubik and Banzhaf indices of one game.

    ``swings[i]`` is Banzhaf's eta_i, the number of losing coalitions of the others that ``i`` turns
    into winning ones; ``shapley_numerators[i] / n!`` is the Shapley-Shubik index (the share of the
    ``n!`` orderings in which ``i`` is pivotal). Both are exact integers for the DP and brute-force
    engines and ``None`` for Monte Carlo, which instead fills the standard errors.
    """

    players: tuple[str, ...]
    shapley_shubik: np.ndarray
    banzhaf: np.ndarray
    banzhaf_absolute: np.ndarray
    method: str
    swings: tuple[int, ...] | None = None
    shapley_numerators: tuple[int, ...] | None = None
    shapley_se: np.ndarray | None = None
    banzhaf_absolute_se: np.ndarray | None = None
    draws: int | None = None
    game: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.players)

    @property
    def exact(self) -> bool:
        return self.swings is not None

    def shapley_exact(self) -> list[Fraction]:
        """Shapley-Shubik indices as exact fractions (exact engines only)."""
        self._need_exact()
        total = math.factorial(self.n)
        return [Fraction(c, total) for c in self.shapley_numerators]

    def banzhaf_exact(self) -> list[Fraction]:
        """Normalised Banzhaf indices eta_i / sum eta as exact fractions (all 0 if nobody swings)."""
        self._need_exact()
        total = sum(self.swings)
        return [Fraction(s, total) if total else Fraction(0) for s in self.swings]

    def banzhaf_absolute_exact(self) -> list[Fraction]:
        """Absolute Banzhaf indices eta_i / 2^(n-1) as exact fractions."""
        self._need_exact()
        return [Fraction(s, 2 ** (self.n - 1)) for s in self.swings]

    def veto_players(self) -> list[str]:
        """Players in every winning coalition (N minus the player loses).

        Filled by the exact engines, which know the game; empty for Monte Carlo.
        """
        return list(self.game.get("veto_players", []))

    def to_frame(self) -> pd.DataFrame:
        """One row per player: indices (and swings or standard errors)."""
        data: dict[str, object] = {"player": list(self.players)}
        if "weights" in self.game:
            data["weight"] = list(self.game["weights"])
        data["shapley_shubik"] = self.shapley_shubik
        data["banzhaf"] = self.banzhaf
        data["banzhaf_absolute"] = self.banzhaf_absolute
        if self.swings is not None:
            data["swings"] = list(self.swings)
        if self.shapley_se is not None:
            data["shapley_shubik_se"] = self.shapley_se
            data["banzhaf_absolute_se"] = self.banzhaf_absolute_se
        return pd.DataFrame(data)

    def to_dict(self) -> dict:
        """JSON-ready: ``{"method", "n", "game", "draws", "players": [...]}`` (keys in docs/decisions.md)."""
        rows = self.to_frame().to_dict(orient="records")
        if self.shapley_numerators is not None:
            exact_ss = self.shapley_exact()
            exact_bz = self.banzhaf_exact()
            for row, ss, bz in zip(rows, exact_ss, exact_bz, strict=True):
                row["shapley_shubik_exact"] = f"{ss.numerator}/{ss.denominator}"
                row["banzhaf_exact"] = f"{bz.numerator}/{bz.denominator}"
        return {"method": self.method, "n": self.n, "game": self.game, "draws": self.draws, "players": rows}

    def _need_exact(self) -> None:
        if self.swings is None or self.shapley_numerators is None:
            raise RedlineError(f"power indices from {self.method} are estimates; no exact fractions")


# --------------------------------------------------------------------------------------------
# Counting DP for size-weight threshold games
# --------------------------------------------------------------------------------------------


def _integer_weights(weights: Sequence[float] | np.ndarray, what: str = "weights") -> list[int]:
    values = np.asarray(weights)
    if values.ndim != 1 or values.size == 0:
        raise RedlineError(f"{what}: expected a non-empty list of numbers, got shape {values.shape}")
    out: list[int] = []
    for i, value in enumerate(values.tolist()):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise RedlineError(f"{what}[{i}]: expected a non-negative integer, found {value!r}")
        if value < 0 or value != int(value):
            raise RedlineError(
                f"{what}[{i}]: expected a non-negative integer, found {value!r} "
                "(the exact DP needs integer weights; rescale, e.g. population in thousands)"
            )
        out.append(int(value))
    return out


def _count_dtype(n: int) -> type | None:
    """The narrowest exact integer type: int32 / int64 while every count C(n, k) fits, else None (the
    modular DP, see :func:`_swing_table`). Intermediate sums may wrap around; the final counts are
    exact because integer arithmetic is exact modulo 2^32 / 2^64 and they lie in range."""
    biggest = math.comb(n, n // 2)
    if biggest < 2**31:
        return np.int32
    return np.int64 if biggest < 2**62 else None


def _swing_table(w: list[int], t: list[int], *, python_ints: bool = False) -> list[list[int]]:
    """``swings[i][k]``: coalitions S of the others with |S| = k, S losing and S + i winning."""
    n = len(w)
    wa = np.array(w, dtype=np.int64)
    ta = np.array(t, dtype=np.int64)
    rest = int(wa.sum()) - wa  # weight of the others, per player
    # S (size k, weight s) is a swing for i iff lo <= s <= hi. Count = F_i(k, hi) - F_i(k, lo - 1) with
    # F_i(k, x) = #{S of the others: |S| = k, w(S) <= x}, read directly (row k, column x) or through
    # the complements within the others, C(n-1, k) - F_i(n-1-k, rest_i - x - 1), whichever column
    # is smaller: the table then only spans weights up to about min(q, W - q).
    lo = np.maximum(0, ta[None, 1:] - wa[:, None])  # (i, k)
    hi = np.minimum(rest[:, None], ta[None, :-1] - 1)
    x = np.stack([hi, lo - 1], axis=-1)  # (i, k, 2): the two query points, signs +1 and -1
    sign = np.array([1, -1], dtype=np.int64)
    rest3 = rest[:, None, None]
    use = (lo <= hi)[..., None] & (x >= 0)
    full = use & (x >= rest3)
    comp = rest3 - x - 1
    flip = use & ~full & (comp < x)
    direct = use & ~full & ~flip
    ks = np.broadcast_to(np.arange(n)[None, :, None], x.shape)
    row = np.where(flip, n - 1 - ks, ks)
    col = np.where(flip, comp, x)
    lookup = flip | direct
    s_max = int(col[lookup].max()) if lookup.any() else 0
    k_max = int(row[lookup].max()) if lookup.any() else 0

    cells = (k_max + 1) * (s_max + 1)
    if cells > MAX_TABLE_CELLS:
        raise RedlineError(
            f"the exact DP would need a {k_max + 1} x {s_max + 1} table of counts (limit "
            f"{MAX_TABLE_CELLS:,} cells): use coarser integer weights, e.g. populations in thousands "
            "(--unit 1000)"
        )
    query = (w, wa, n, k_max, s_max, lookup, row, col, x, full, flip, sign)
    dtype = object if python_ints else _count_dtype(n)
    if dtype is not None:
        return _count_table(*query, dtype, ())[..., 0].tolist()
    # Counts above 2^62 (n > 62): the same DP in int64 modulo 2^64 (wrap-around) and, side by side
    # on a last axis, modulo primes below 2^31, until the moduli's product exceeds every count; then
    # the Chinese remainder theorem. Exact, and vectorised (no Python-integer arrays).
    primes = _moduli_for(math.comb(n - 1, (n - 1) // 2))  # every count lies in [0, C(n-1, (n-1)/2)]
    table = _count_table(*query, np.int64, tuple(primes))
    return _crt([table[..., 0].astype(np.uint64)] + [table[..., m + 1] for m in range(len(primes))], primes)


_PRIMES = (2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497,
           2147483489, 2147483477, 2147483423, 2147483399, 2147483353, 2147483323, 2147483269, 2147483249)  # fmt: skip
"""Primes below 2^31 for the modular DP: with 2^64 they cover counts up to 2^(64 + 16 * 30) (n <= 540)."""

_REDUCE_EVERY = 30
"""Modular DP: reduce the table every this many players (values < p < 2^31 at most double per player,
so they stay below 2^61 in between)."""


def _count_table(w, wa, n, k_max, s_max, lookup, row, col, x, full, flip, sign, dtype, primes):
    """The swing table ``(n, n, 1 + len(primes))`` in ``dtype``: slot 0 exact (or, in int64, modulo
    2^64 by wrap-around), slot m + 1 modulo ``primes[m]``."""
    slots = 1 + len(primes)
    moduli = np.array(primes, dtype=np.int64)

    def reduce(values):
        if slots > 1:
            np.remainder(values[..., 1:], moduli, out=values[..., 1:])
        return values

    pi, pk, pq = np.nonzero(lookup)
    r, cc, wi = row[pi, pk, pq], col[pi, pk, pq], wa[pi]
    if dtype is np.int64:  # compiled: the same DP and alternating sums, one loop nest per slot
        from redline.decisions._power_compiled import divided_counts

        acc = divided_counts(wa, k_max, s_max, moduli, r, cc, wi)
    else:
        acc = _divided_counts_numpy(w, k_max, s_max, dtype, slots, reduce, r, cc, wi)
    exact = [math.comb(n - 1, k) for k in range(n)]
    # slot 0 in int64 is modulo 2^64 (exact while < 2^62)
    columns = [[_wrap64(v) for v in exact]] if dtype is np.int64 else [exact]
    columns += [[v % p for v in exact] for p in primes]
    combs = np.array(columns, dtype=dtype).T  # (n, slots)
    value = np.zeros(x.shape + (slots,), dtype=dtype)
    value[full] = np.broadcast_to(combs[None, :, None, :], x.shape + (slots,))[full]
    flipped = flip[pi, pk, pq][:, None]
    f_sign = np.where(flipped, -1, 1).astype(dtype)
    value[pi, pk, pq] = np.where(flipped, combs[pk], 0).astype(dtype) + f_sign * acc
    return reduce((value * sign.astype(dtype)[:, None]).sum(axis=-2))


def _divided_counts_numpy(w, k_max, s_max, dtype, slots, reduce, r, cc, wi):
    """F_i[r][x] at the queried cells, in NumPy (int32 or Python integers): the generating function's
    table, its prefix sums over weight, and the alternating sums that divide player i out."""
    # Truncated generating function prod_j (1 + y z^{w_j}): c[k][s] for k <= k_max, s <= s_max.
    c = np.zeros((k_max + 1, s_max + 1, slots), dtype=dtype)
    c[0, 0] = 1
    seen = 0  # highest weight reached so far (capped)
    for j, w_j in enumerate(w):
        top = min(j, k_max - 1)
        if top >= 0 and w_j <= s_max:
            width = min(s_max + 1 - w_j, seen + 1)
            if (top + 1) * width * slots <= 1 << 18:  # small: one 2-D step (numpy buffers the overlap)
                c[1 : top + 2, w_j : w_j + width] += c[: top + 1, :width]
            else:
                for k in range(top, -1, -1):  # descending: row k+1 takes the old row k
                    c[k + 1, w_j : w_j + width] += c[k, :width]
        seen = min(s_max, seen + w_j)
        if j % _REDUCE_EVERY == _REDUCE_EVERY - 1:
            reduce(c)
    reduce(c)
    big_f = reduce(np.cumsum(c, axis=1, dtype=c.dtype))  # prefix sums over weight

    # Divide player i out at the queried cells only: F_i[r][x] = sum_j (-1)^j F[r - j][x - j w_i].
    acc = np.zeros((r.size, slots), dtype=dtype)
    for jj in range(k_max + 1):
        xj = cc - jj * wi
        ok = (jj <= r) & (xj >= 0)
        if not ok.any():
            break
        term = big_f[np.maximum(r - jj, 0), np.maximum(xj, 0)]
        term = np.where(ok[:, None], term, 0).astype(dtype)
        acc = acc - term if jj % 2 else acc + term
    return reduce(acc)


def _wrap64(value: int) -> int:
    """``value`` modulo 2^64 as a signed int64 (what int64 arithmetic with wrap-around holds)."""
    return (value + 2**63) % 2**64 - 2**63


def _moduli_for(bound: int) -> list[int]:
    """Primes (below 2^31) that, with 2^64, cover every integer in [0, bound]."""
    primes: list[int] = []
    while 2**64 * math.prod(primes) <= bound:
        primes.append(_PRIMES[len(primes)])
    return primes


def banzhaf_swings(weights: Sequence[int] | np.ndarray, quota: int) -> tuple[int, ...]:
    """Exact Banzhaf swings eta_i of [quota; weights], without the coalition-size dimension.

    eta_i = #{S of the others: q - w_i <= w(S) <= q - 1}, from one generating function over weight
    (prod_j (1 + z^{w_j}), truncated at q - 1) with player i divided out by the alternating sum
    F_i(x) = sum_j (-1)^j F(x - j w_i) on its prefix sums: O(n q) instead of the O(n^2 q) of the
    Shapley-Shubik table. Modulo 2^64 and primes, rebuilt by the Chinese remainder theorem when
    counts can exceed 2^62 (as :func:`threshold_power`).
    """
    w = _integer_weights(weights)
    q = _quota(quota, w)
    n = len(w)
    g = math.gcd(*w)
    if g > 1:
        w, q = [v // g for v in w], -(-q // g)
    primes = _moduli_for(2 ** (n - 1)) if n > 62 else []
    slots = 1 + len(primes)
    moduli = np.array(primes, dtype=np.int64)
    top = q - 1  # weights above q - 1 are never needed
    if top + 1 > MAX_TABLE_CELLS:
        raise RedlineError(f"quota {q} too large for the exact DP; use coarser integer weights")
    c = np.zeros((top + 1, slots), dtype=np.int64)
    c[0] = 1
    for j, w_j in enumerate(w):
        if 0 < w_j <= top:
            c[w_j:] += c[: top + 1 - w_j]  # numpy buffers the overlap: the old values are added
        elif w_j == 0:
            c += c
        if slots > 1 and j % _REDUCE_EVERY == _REDUCE_EVERY - 1:
            np.remainder(c[:, 1:], moduli, out=c[:, 1:])
    if slots > 1:
        np.remainder(c[:, 1:], moduli, out=c[:, 1:])
    big_f = np.cumsum(c, axis=0)
    if slots > 1:
        np.remainder(big_f[:, 1:], moduli, out=big_f[:, 1:])
    wa = np.array(w, dtype=np.int64)
    hi = np.full(n, top)
    lo = np.maximum(q - wa, 0) - 1  # count = F_i(hi) - F_i(lo)
    acc = np.zeros((n, 2, slots), dtype=np.int64)
    points = np.stack([hi, lo], axis=1)
    zero = wa == 0
    steps = int(np.max(np.where(zero, 0, top // np.maximum(wa, 1)))) + 1
    for jj in range(steps):
        xj = points - jj * wa[:, None]
        ok = (xj >= 0) & ~zero[:, None]
        if jj == 0:
            ok = xj >= 0
        if not ok.any():
            break
        term = np.where(ok[..., None], big_f[np.maximum(xj, 0)], 0)
        acc = acc - term if jj % 2 else acc + term
        if slots > 1 and jj % 1000 == 999:
            np.remainder(acc[..., 1:], moduli, out=acc[..., 1:])
    # (a weight-0 player never swings: its count is set to 0 below)
    swings = acc[:, 0] - acc[:, 1]
    if slots > 1:
        np.remainder(swings[:, 1:], moduli, out=swings[:, 1:])
        out = _crt([swings[:, 0].astype(np.uint64)] + [swings[:, m + 1] for m in range(len(primes))], primes)
        values = [int(v) for v in out]  # noqa: C416 (Python ints from object values)
    else:
        values = [int(v) for v in swings[:, 0]]
    return tuple(0 if w[i] == 0 else values[i] for i in range(n))


def _crt(residues: list[np.ndarray], primes: list[int]) -> list:
    """Combine residues modulo 2^64 (uint64) and ``primes`` into the integers they represent (Garner's
    mixed-radix digits in int64, one Python-integer sum per cell)."""
    digits = [residues[0]]
    for m, prime in enumerate(primes):
        # digit m+1 = (r - value so far) / (2^64 p_1 ... p_m)  (mod prime), built digit by digit
        value = residues[m + 1] % prime
        radix = 2**64 % prime
        partial = (digits[0] % np.uint64(prime)).astype(np.int64)
        for k in range(1, m + 1):
            partial = (partial + digits[k] * radix) % prime
            radix = radix * primes[k - 1] % prime
        digits.append((value - partial) % prime * pow(radix, -1, prime) % prime)
    out = np.zeros(residues[0].shape, dtype=object)
    scale = 1
    for k, digit in enumerate(digits):
        out += digit.astype(object) * scale
        scale *= 2**64 if k == 0 else primes[k - 1]
    return out.tolist()  # Python integers (nested lists, the residues' shape)


def _from_swing_table(
    swing_table: list[list[int]], players: Sequence[str], method: str, game: dict
) -> PowerIndices:
    n = len(players)
    weights_ss = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
    swings = tuple(sum(row) for row in swing_table)
    numerators = tuple(sum(c * f for c, f in zip(row, weights_ss, strict=True)) for row in swing_table)
    return _assemble(players, swings, numerators, method, game)


def _assemble(
    players: Sequence[str], swings: tuple[int, ...], numerators: tuple[int, ...], method: str, game: dict
) -> PowerIndices:
    n = len(players)
    n_fact = math.factorial(n)
    total_swings = sum(swings)
    shapley = np.array([float(Fraction(c, n_fact)) for c in numerators])
    bz = np.array([float(Fraction(s, total_swings)) if total_swings else 0.0 for s in swings])
    bz_abs = np.array([float(Fraction(s, 2 ** (n - 1))) for s in swings])
    return PowerIndices(
        players=tuple(players),
        shapley_shubik=shapley,
        banzhaf=bz,
        banzhaf_absolute=bz_abs,
        method=method,
        swings=swings,
        shapley_numerators=numerators,
        game=game,
    )


def _player_names(players: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if players is None:
        return tuple(str(i + 1) for i in range(n))
    names = tuple(str(p) for p in players)
    if len(names) != n:
        raise RedlineError(f"players: got {len(names)} names for {n} weights")
    return names


def threshold_power(
    weights: Sequence[int] | np.ndarray,
    thresholds: Sequence[int],
    players: Sequence[str] | None = None,
    game: dict | None = None,
) -> PowerIndices:
    """Exact indices of a size-weight threshold game by the counting DP.

    ``thresholds[k]`` (``k = 0..n``) is the weight a coalition of ``k`` members needs to win; use a
    value above the total weight for "never" and ``0`` for "always". Thresholds must not increase
    with ``k`` (so the game is monotone).
    """
    w = _integer_weights(weights)
    n = len(w)
    t = [int(x) for x in thresholds]
    if len(t) != n + 1:
        raise RedlineError(f"thresholds: expected {n + 1} values (coalition sizes 0..{n}), got {len(t)}")
    if any(b > a for a, b in zip(t, t[1:], strict=False)):
        raise RedlineError("thresholds: must not increase with coalition size (the game must be monotone)")
    total = sum(w)
    t = [min(max(x, 0), total + 1) for x in t]
    names = _player_names(players, n)
    info = dict(game or {})
    info.setdefault("weights", w)
    info["veto_players"] = [names[i] for i in range(n) if total - w[i] < t[n - 1]]
    # The same game on weights divided by their greatest common divisor g (a coalition's weight is a
    # multiple of g, so s >= t iff s / g >= ceil(t / g)): weights like 2^62 need a table of a few cells.
    g = math.gcd(*w)
    if g > 1:
        w = [v // g for v in w]
        t = [-(-x // g) for x in t]
    if sum(w) >= 2**62:
        raise RedlineError(
            f"weights: total {sum(w)} (after dividing by their common divisor) is too large for the exact "
            "DP; use coarser integer weights, e.g. populations in thousands (--unit 1000)"
        )
    return _from_swing_table(_swing_table(w, t), names, "dp", info)


def weighted_power(
    weights: Sequence[int] | np.ndarray, quota: int, players: Sequence[str] | None = None
) -> PowerIndices:
    """Exact Shapley-Shubik and Banzhaf indices of the weighted voting game [quota; weights]."""
    w = _integer_weights(weights)
    q = _quota(quota, w)
    game = {"type": "weighted", "quota": q, "total_weight": sum(w)}
    return threshold_power(w, [q] * (len(w) + 1), players, game)


def _quota(quota, w: list[int]) -> int:
    if isinstance(quota, bool) or not float(quota).is_integer() or quota <= 0:
        raise RedlineError(f"quota: expected a positive integer, found {quota!r}")
    q = int(quota)
    if q > sum(w):
        raise RedlineError(f"quota {q} exceeds the total weight {sum(w)}: no coalition can win")
    return q


def shapley_shubik(weights: Sequence[int] | np.ndarray, quota: int) -> np.ndarray:
    """Shapley-Shubik index of each player of [quota; weights] (exact DP, returned as float64)."""
    return weighted_power(weights, quota).shapley_shubik


def banzhaf(weights: Sequence[int] | np.ndarray, quota: int, normalized: bool = True) -> np.ndarray:
    """Banzhaf index of each player of [quota; weights]: normalised (sum 1) or absolute (eta/2^(n-1))."""
    swings = banzhaf_swings(weights, quota)
    if normalized:
        total = sum(swings)
        return np.array([float(Fraction(s, total)) if total else 0.0 for s in swings])
    return np.array([float(Fraction(s, 2 ** (len(swings) - 1))) for s in swings])


def _exact(value: float | int | Fraction) -> Fraction:
    """``value`` as an exact fraction (floats through their decimal text, so 65.0 is 65 exactly)."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


def _ceil_share(pct: float | Fraction, total: float | int | Fraction) -> int:
    """Smallest integer >= pct% of total, computed exactly from the decimal text of ``pct``."""
    return math.ceil(_exact(pct) * _exact(total) / 100)


def _reference_total(populations: Sequence[int], total_population: float | int | Fraction | None) -> Fraction:
    """The population the percentage quota refers to: ``total_population`` if given, else the sum."""
    if total_population is None:
        return Fraction(sum(populations))
    total = _exact(total_population)
    if total <= 0:
        raise RedlineError(f"total_population: expected a positive number, got {total_population!r}")
    return total


def double_majority_thresholds(
    populations: Sequence[int],
    states_pct: float = 55.0,
    population_pct: float = 65.0,
    blocking_minority: int | None = 4,
    total_population: float | int | Fraction | None = None,
) -> list[int]:
    """Per-size thresholds of a double-majority game (EU QMV, TEU Art. 16(4)).

    A coalition of ``k`` of ``N`` states with population ``s`` wins iff ``k >= ceil(states_pct% N)``
    and ``s >= ceil(population_pct% P)``, or (blocking-minority clause) ``N - k < blocking_minority``.
    ``P`` is ``total_population`` (same units as ``populations``; may be fractional, e.g. the
    Council's official EU total in thousands) or, by default, the sum of ``populations``.
    ``blocking_minority=None`` drops the clause.
    """
    n = len(populations)
    k_quota = _ceil_share(states_pct, n)
    p_quota = _ceil_share(population_pct, _reference_total(populations, total_population))
    never = int(sum(populations)) + 1
    t = []
    for k in range(n + 1):
        if blocking_minority is not None and n - k < blocking_minority:
            t.append(0)
        elif k >= k_quota:
            t.append(min(p_quota, never))  # a quota above the sum: never wins
        else:
            t.append(never)
    return t


def double_majority_power(
    populations: Sequence[int] | np.ndarray,
    players: Sequence[str] | None = None,
    states_pct: float = 55.0,
    population_pct: float = 65.0,
    blocking_minority: int | None = 4,
    total_population: float | int | Fraction | None = None,
) -> PowerIndices:
    """Exact indices of a double-majority game with integer populations (e.g. in thousands).

    Defaults are the EU Council's qualified majority; the reinforced variant (TFEU Art. 238(2)) is
    ``states_pct=72, blocking_minority=None``.
    The treaty's population quota is ``population_pct`` % of the EU population: pass the official
    total as ``total_population`` (same units as ``populations``) when the member figures are
    rounded or derived and do not add up to it exactly; by default the quota uses their sum.
    """
    pops = _integer_weights(populations, "populations")
    n = len(pops)
    total = _reference_total(pops, total_population)
    game = {
        "type": "double-majority",
        "states_pct": states_pct,
        "population_pct": population_pct,
        "blocking_minority": blocking_minority,
        "states_quota": _ceil_share(states_pct, n),
        "population_quota": _ceil_share(population_pct, total),
        "total_population": float(total),
        "total_population_source": "sum of populations" if total_population is None else "given",
        "population_sum": sum(pops),
        "weights": pops,
    }
    t = double_majority_thresholds(pops, states_pct, population_pct, blocking_minority, total)
    return threshold_power(pops, t, players, game)


# --------------------------------------------------------------------------------------------
# Brute force and Monte Carlo for any monotone predicate
# --------------------------------------------------------------------------------------------


def _all_coalitions_win(n: int, wins: WinsFunction, chunk: int = 1 << 16) -> np.ndarray:
    """``win[mask]`` for every coalition bitmask ``0 .. 2^n - 1`` (evaluated in chunks)."""
    size = 1 << n
    out = np.empty(size, dtype=bool)
    bits = (np.int64(1) << np.arange(n, dtype=np.int64))[None, :]
    for start in range(0, size, chunk):
        masks = np.arange(start, min(start + chunk, size), dtype=np.int64)[:, None]
        out[start : start + masks.shape[0]] = np.asarray(wins((masks & bits) != 0), dtype=bool)
    return out


def brute_force_power(
    n: int, wins: WinsFunction, players: Sequence[str] | None = None, game: dict | None = None
) -> PowerIndices:
    """Exact indices of any simple game by enumerating all ``2^n`` coalitions.

    ``wins`` receives a bool array ``(m, n)`` of coalitions and returns ``(m,)`` bools. Only
    *positive* swings count (S loses, S + i wins), as in the definitions of §2.4.
    """
    if not 1 <= n <= BRUTE_FORCE_MAX:
        raise RedlineError(f"brute force handles 1..{BRUTE_FORCE_MAX} players, got {n}; use Monte Carlo")
    names = _player_names(players, n)
    win = _all_coalitions_win(n, wins)
    masks = np.arange(1 << n, dtype=np.int64)
    sizes = np.zeros(1 << n, dtype=np.int64)
    for j in range(n):
        sizes += (masks >> j) & 1
    factor = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
    swings, numerators = [], []
    for i in range(n):
        bit = np.int64(1) << i
        without = masks[(masks & bit) == 0]
        swing = win[without | bit] & ~win[without]
        by_size = np.bincount(sizes[without][swing], minlength=n)
        swings.append(int(by_size.sum()))
        numerators.append(sum(int(c) * f for c, f in zip(by_size.tolist(), factor, strict=True)))
    info = dict(game or {})
    full = (1 << n) - 1
    info["veto_players"] = [names[i] for i in range(n) if not win[full & ~(1 << i)]]
    return _assemble(names, tuple(swings), tuple(numerators), "brute-force", info)


def monte_carlo_power(
    n: int,
    wins: WinsFunction,
    draws: int = 100_000,
    rng: RNGLike = None,
    players: Sequence[str] | None = None,
    game: dict | None = None,
) -> PowerIndices:
    """Estimated indices with standard errors, for games too large to enumerate.

    Shapley-Shubik: the share of ``draws`` uniformly random orderings in which each player is the
    pivot. Absolute Banzhaf: the share of ``draws`` uniformly random coalitions of the others that
    each player swings. Standard errors are binomial, sqrt(p (1 - p) / draws); the normalised
    Banzhaf index is the ratio of the estimates (its error is about se_i / sum of estimates).
    """
    if n < 1 or draws < 2:
        raise RedlineError(f"monte carlo needs n >= 1 and draws >= 2, got n={n}, draws={draws}")
    names = _player_names(players, n)
    gen = as_generator(rng)
    order = np.argsort(gen.random((draws, n)), axis=1)
    arrived = np.zeros((draws, n), dtype=bool)
    pivot = np.full(draws, -1, dtype=np.int64)
    rows = np.arange(draws)
    for t in range(n):  # loop over arrival positions (players), vectorised over draws
        arrived[rows, order[:, t]] = True
        newly = (pivot < 0) & np.asarray(wins(arrived), dtype=bool)
        pivot[newly] = order[newly, t]
    ss = np.bincount(pivot[pivot >= 0], minlength=n) / draws
    coalitions = gen.random((draws, n)) < 0.5
    bz_abs = np.empty(n)
    for i in range(n):
        with_i, without_i = coalitions.copy(), coalitions.copy()
        with_i[:, i] = True
        without_i[:, i] = False
        bz_abs[i] = np.mean(np.asarray(wins(with_i), dtype=bool) & ~np.asarray(wins(without_i), dtype=bool))
    total = bz_abs.sum()
    return PowerIndices(
        players=names,
        shapley_shubik=ss,
        banzhaf=bz_abs / total if total else np.zeros(n),
        banzhaf_absolute=bz_abs,
        method="monte-carlo",
        shapley_se=np.sqrt(ss * (1 - ss) / draws),
        banzhaf_absolute_se=np.sqrt(bz_abs * (1 - bz_abs) / draws),
        draws=draws,
        game=dict(game or {}),
    )
