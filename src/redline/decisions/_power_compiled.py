"""Compiled (Numba) core of the counting DP in :mod:`redline.decisions.power`, for int64 counts.

The same arithmetic as the NumPy version there (``_divided_counts_numpy``, which stays for int32 and
Python-integer counts, and against which the tests check this one): the truncated generating function
``prod_j (1 + y z^{w_j})``, its prefix sums over weight, and at each queried cell the alternating sum
that divides one player out. Slot 0 is int64 with wrap-around (exact modulo 2^64); slot m + 1 is
reduced modulo ``moduli[m]`` (primes below 2^31). Loaded only when a game needs int64 counts (more
than about 33 players), so importing :mod:`redline.decisions` does not load Numba.
"""

from __future__ import annotations

import numba
import numpy as np

_REDUCE_EVERY = 30
"""Reduce the prime slots every this many players (values < p < 2^31 at most double per player)."""


@numba.njit(cache=True)
def _reduce(c, moduli):
    """Prime slots (1..) of ``c`` (slot, ...) reduced into [0, p)."""
    for m in range(moduli.shape[0]):
        p = moduli[m]
        flat = c[m + 1].ravel()
        for a in range(flat.shape[0]):
            flat[a] %= p


@numba.njit(cache=True)
def _prefix_table(w, k_max, s_max, moduli):
    """F[slot, k, x] = #{S: |S| = k, w(S) <= x} (mod 2^64 / mod p), for k <= k_max, x <= s_max."""
    slots = 1 + moduli.shape[0]
    c = np.zeros((slots, k_max + 1, s_max + 1), dtype=np.int64)
    for m in range(slots):
        c[m, 0, 0] = 1
    seen = 0  # highest weight reached so far (capped)
    for j in range(w.shape[0]):
        w_j = w[j]
        top = min(j, k_max - 1)
        if top >= 0 and w_j <= s_max:
            width = min(s_max + 1 - w_j, seen + 1)
            for m in range(slots):
                for k in range(top, -1, -1):  # descending: row k+1 takes the old row k
                    src = c[m, k]
                    dst = c[m, k + 1]
                    for s in range(width):
                        dst[w_j + s] += src[s]
        seen = min(s_max, seen + w_j)
        if j % _REDUCE_EVERY == _REDUCE_EVERY - 1:
            _reduce(c, moduli)
    _reduce(c, moduli)
    for m in range(slots):
        for k in range(k_max + 1):
            row = c[m, k]
            for s in range(1, s_max + 1):
                row[s] += row[s - 1]
        if m > 0:  # keep the prime slots below 2^62 between the prefix steps
            p = moduli[m - 1]
            for k in range(k_max + 1):
                row = c[m, k]
                for s in range(s_max + 1):
                    row[s] %= p
    return c


@numba.njit(cache=True)
def divided_counts(w, k_max, s_max, moduli, r, x, wi):
    """F_i[r][x] = sum_j (-1)^j F[r - j][x - j w_i] at each query (r[q], x[q], w_i = wi[q]); returns
    an array (queries, slots) with slot 0 modulo 2^64 and slot m + 1 in [0, moduli[m])."""
    big_f = _prefix_table(w, k_max, s_max, moduli)
    slots = 1 + moduli.shape[0]
    queries = r.shape[0]
    out = np.zeros((queries, slots), dtype=np.int64)
    for m in range(slots):
        table = big_f[m]
        for q in range(queries):
            rq = r[q]
            xq = x[q]
            step = wi[q]
            total = 0
            jj = 0
            while jj <= rq and xq - jj * step >= 0:
                value = table[rq - jj, xq - jj * step]
                total = total - value if jj % 2 else total + value
                jj += 1
                if m > 0 and jj % 1024 == 0:  # terms < 2^31: reduce long before 2^63
                    total %= moduli[m - 1]
            out[q, m] = total % moduli[m - 1] if m > 0 else total
    return out
