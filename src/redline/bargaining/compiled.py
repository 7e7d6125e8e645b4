"""Compiled (Numba) kernel of the default expected-utility model: one whole run per draw.

The NumPy kernel (:mod:`redline.bargaining.bdm`) advances all draws round by round and pays for
(draws, n, n) temporaries and per-call overhead. Here each draw runs all its rounds in compiled code
with small (n, n) work arrays, and draws are spread over threads with ``numba.prange`` over blocks
of draws (each block keeps its own counterpart-move counts, summed at the end), so results do not
depend on the block size or the thread count.

Covered: the default model of models.md §1.3-§1.6 (``perspective="perceiver"``,
``offer_selection="least_move"``, ``Q = 1``) with ``prob_rule`` ``"symmetric"`` or ``"net"`` and any
``delta``. Every other option runs on the NumPy kernel (:func:`covers`). The rules and their order of
evaluation follow :func:`redline.bargaining.bdm._round` and ``_simulate_block`` line by line; the vote
sums are the direct O(n^3) sums, computed once per unordered pair.

References
----------
Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method.
Scholz, Calbert & Smith (2011), Journal of Theoretical Politics 23(4), 510-531.
"""

from __future__ import annotations

import numba
import numpy as np

from redline.bargaining.bdm import CYCLE_WINDOW, ISSUE_SCALE, BDMSettings

__all__ = ["covers", "simulate_compiled"]

_BLOCK = 64
"""Draws per parallel work item (each item owns its work arrays and counterpart counts)."""


def covers(settings: BDMSettings) -> bool:
    """True when the compiled kernel implements ``settings`` exactly (else use the NumPy kernel)."""
    return (
        settings.prob_rule in ("symmetric", "net")
        and settings.offer_selection == "least_move"
        and settings.perspective == "perceiver"
        and settings.Q == 1.0
    )


@numba.njit(cache=True)
def _weighted_median(x, w):
    """First position in stable sorted order whose cumulative weight reaches half the total."""
    order = np.argsort(x, kind="mergesort")
    n = x.shape[0]
    cumulative = np.empty(n)
    total = 0.0
    for k in range(n):
        total += w[order[k]]
        cumulative[k] = total
    half = cumulative[n - 1] / 2.0
    for k in range(n):
        if cumulative[k] >= half:
            return x[order[k]]
    return x[order[n - 1]]


@numba.njit(cache=True)
def _round(x, w, s, delta, net, d, support, p, new, kind, counterpart):
    """One round of §1.4 on one draw: fills ``new`` (positions), ``kind`` and ``counterpart``."""
    n = x.shape[0]
    for i in range(n):
        for j in range(n):
            v = abs(x[i] - x[j]) / delta
            d[i, j] = v if v < 1.0 else 1.0
    # support[i, j] = sum_k w_k max(0, d_kj - d_ki) (d is symmetric); summed over k in order, the
    # inner loop runs over j along contiguous rows (vectorised by the compiler).
    for i in range(n):
        row = support[i]
        row[:] = 0.0
        for k in range(n):
            wk = w[k]
            dki = d[k, i]
            dk = d[k]
            for j in range(n):
                row[j] += wk * max(dk[j] - dki, 0.0)
    for i in range(n):
        for j in range(n):
            if not d[i, j] > 0.0:
                p[i, j] = 0.0
                continue
            total = support[i, j] + support[j, i]
            if total > 0.0:
                top = support[i, j]
                if net:
                    top = max(support[i, j] - support[j, i], 0.0)
                p[i, j] = top / total
            else:
                p[i, j] = 0.5
    # Risk step (Q = 1): danger_t = 2 (sum_i d_it - 2 s_t sum_i d_it (1 - P_it)).
    r = np.empty(n)
    for t in range(n):
        a = 0.0
        b = 0.0
        for i in range(n):
            a += d[i, t]
            b += d[i, t] * (1.0 - p[i, t])
        r[t] = 2.0 * (a - 2.0 * s[t] * b)
    hi = r.max()
    lo = r.min()
    spread_r = hi - lo
    for t in range(n):
        big = (2.0 * r[t] - hi - lo) / spread_r if spread_r > 0 else 0.0
        r[t] = (1.0 - big / 3.0) / (1.0 + big / 3.0)
    # (The powers stay true powers: exp(r log b) differs from b**r by an ulp, which is enough to turn
    # exact EU ties at r = 1 into moves and change how often draws near convergence stop.)
    # Offers received by i (perceiver's exponent r_i), least movement, ties to larger E_ji, lower j.
    for i in range(n):
        ri = r[i]
        u_sq = 2.0 - 4.0 * 0.5**ri
        best_move = np.inf
        best_e = -np.inf
        best_j = -1
        best_kind = 0
        best_pos = x[i]
        for j in range(n):
            dij = d[i, j]
            if not dij > 0.0:
                continue
            u_s = 2.0 - 4.0 * (0.5 - 0.5 * dij) ** ri
            u_f = 2.0 - 4.0 * (0.5 + 0.5 * dij) ** ri
            spread = u_s - u_f
            base = u_s - 1.0 * u_sq
            e_ij = base - s[j] * (1.0 - p[i, j]) * spread
            e_ji = base - s[i] * (1.0 - p[j, i]) * spread
            k = 0
            pos = x[j]
            if e_ji > e_ij and e_ij > 0:
                k = 1
            elif e_ji > 0 and e_ij < 0:
                if e_ji > abs(e_ij):
                    k = 2
                    pos = x[i] + (x[j] - x[i]) * abs(e_ij) / e_ji
                else:
                    k = 3
            if k == 0:
                continue
            move = abs(pos - x[i])
            if move < best_move or (move == best_move and e_ji > best_e):
                best_move = move
                best_e = e_ji
                best_j = j
                best_kind = k
                best_pos = pos
        kind[i] = best_kind
        counterpart[i] = best_j
        new[i] = best_pos if best_kind > 0 else x[i]


@numba.njit(cache=True)
def _run(x0, w, s, delta, tol, max_rounds, net, x, cmoves, out_f, out_st, out_r, out_cmin, out_cmax, moves):
    """All rounds of one draw (§1.5-§1.6); writes the draw's outputs, adds to ``cmoves``."""
    n = x0.shape[0]
    slots = CYCLE_WINDOW + 1
    ring_x = np.empty((slots, n))
    ring_mu = np.empty(slots)
    d = np.empty((n, n))
    support = np.empty((n, n))
    p = np.empty((n, n))
    new = np.empty(n)
    kind = np.zeros(n, dtype=np.int64)
    counterpart = np.zeros(n, dtype=np.int64)
    for i in range(n):
        x[i] = x0[i]
        ring_x[0, i] = x0[i]
    mu0 = _weighted_median(x, w)
    ring_mu[0] = mu0
    out_f[0] = mu0
    out_st[0] = 0
    out_r[0] = 0
    out_cmin[0] = np.nan
    out_cmax[0] = np.nan
    if not x0.max() > x0.min():
        return
    if max_rounds == 0:
        out_st[0] = 1
        return
    eps = tol * delta
    for t in range(1, max_rounds + 1):
        _round(x, w, s, delta, net, d, support, p, new, kind, counterpart)
        change = 0.0
        for i in range(n):
            if kind[i] > 0:
                moves[i] += 1
                cmoves[i, counterpart[i]] += 1
            change = max(change, abs(new[i] - x[i]))
            x[i] = new[i]
        mu = _weighted_median(x, w)
        out_r[0] = t
        out_f[0] = mu
        status = 0 if change <= eps else -1
        if status < 0:
            for k in range(2, min(CYCLE_WINDOW, t) + 1):
                back = (t - k) % slots
                gap = 0.0
                for i in range(n):
                    gap = max(gap, abs(x[i] - ring_x[back, i]))
                if gap <= eps:
                    status = k
                    break
        slot = t % slots
        for i in range(n):
            ring_x[slot, i] = x[i]
        ring_mu[slot] = mu
        if status >= 2:
            total = 0.0
            low = np.inf
            high = -np.inf
            for lag in range(CYCLE_WINDOW):
                if lag < status:
                    m = ring_mu[(t - lag) % slots]
                    total += m
                    low = min(low, m)
                    high = max(high, m)
            out_f[0] = total / status
            out_cmin[0] = low
            out_cmax[0] = high
        if status >= 0:
            out_st[0] = status
            return
    out_st[0] = 1


@numba.njit(parallel=True, cache=True)
def _simulate(x0, w, s, delta, tol, max_rounds, net, block):
    draws, n = x0.shape
    blocks = (draws + block - 1) // block
    x = np.empty((draws, n))
    forecast = np.empty(draws)
    status = np.empty(draws, dtype=np.int64)
    rounds = np.empty(draws, dtype=np.int64)
    cmin = np.empty(draws)
    cmax = np.empty(draws)
    moves = np.zeros((draws, n), dtype=np.int64)
    cmoves = np.zeros((blocks, n, n), dtype=np.int64)
    for b in numba.prange(blocks):
        for a in range(b * block, min(draws, (b + 1) * block)):
            _run(
                x0[a], w[a], s[a], delta[a], tol, max_rounds, net, x[a], cmoves[b],
                forecast[a:a + 1], status[a:a + 1], rounds[a:a + 1], cmin[a:a + 1], cmax[a:a + 1],
                moves[a],
            )  # fmt: skip
    return forecast, status, rounds, cmin, cmax, x, moves, cmoves.sum(axis=0)


def simulate_compiled(
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    settings: BDMSettings,
    *,
    block: int = _BLOCK,
) -> dict[str, np.ndarray]:
    """Same outputs as :func:`redline.bargaining.bdm.simulate` (without ``median``/``mean``/``history``).

    Inputs must be validated and :func:`covers` true; they are not modified.
    """
    if not covers(settings):
        raise ValueError("simulate_compiled: settings not covered by the compiled kernel")
    x0 = np.ascontiguousarray(position, dtype=float)
    w = np.ascontiguousarray(capability * salience, dtype=float)
    s = np.ascontiguousarray(salience, dtype=float)
    if settings.delta == "initial_range":
        delta = x0.max(axis=1) - x0.min(axis=1)
    else:
        value = ISSUE_SCALE if settings.delta == "issue_scale" else float(settings.delta)
        delta = np.full(x0.shape[0], value)
    forecast, status, rounds, cmin, cmax, x, moves, cmoves = _simulate(
        x0, w, s, delta, settings.tol, settings.max_rounds, settings.prob_rule == "net", max(1, int(block))
    )
    return {
        "forecast": forecast,
        "status": status,
        "rounds": rounds,
        "cycle_min": cmin,
        "cycle_max": cmax,
        "final_positions": x,
        "moves": moves,
        "counterpart_moves": cmoves,
    }
