"""Compiled (Numba) kernel of the default expected-utility model: one whole run per draw.

The NumPy kernel (:mod:`redline.bargaining.bdm`) advances all draws round by round and pays for
(draws, n, n) temporaries and per-call overhead. Here each draw runs all its rounds in compiled code
with small (n, n) work arrays. Large batches spread blocks of draws over threads with
``numba.prange``, handed out one block at a time (each block keeps its own counterpart-move counts,
summed at the end), so results do not depend on the block size or the thread count; small batches (a single forecast, a dashboard call)
run on the calling thread, so they never wait on a thread pool that another process keeps busy.

Covered: the default model of models.md §1.3-§1.6 (``perspective="perceiver"``,
``offer_selection="least_move"``, ``Q = 1``) with ``prob_rule`` ``"symmetric"`` or ``"net"`` and any
``delta``. Every other option runs on the NumPy kernel (:func:`covers`). For covered settings this
kernel is the single answer: :func:`redline.bargaining.forecast` (with its per-round history) and
``forecast_batch`` both run it, so they never disagree. (The NumPy kernel computes the same rules;
the two agree to rounding, but over hundreds of rounds the dynamics amplify a one-ulp difference at an
exact EU tie into a different stop, so a long run has one answer only per kernel.)

Cost per draw and round: the vote sums use sorted prefix sums with a two-pointer sweep for the
midpoint ranks, O(n log n + n^2) (the direct O(n^3) sum below ``SORTED_MIN_ACTORS`` actors or when a
distance is clipped at 1); the offer step evaluates the two powers of a pair only where that pair
can still make or tie the least-movement offer, decided from bounds that need no powers, with margins
that cover rounding at every distance (so near convergence, where most pairs of a long run are a few
ulps apart, pruning still applies; tests check bit-identity with the unpruned kernel on long runs).

References
----------
Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method.
Scholz, Calbert & Smith (2011), Journal of Theoretical Politics 23(4), 510-531.
"""

from __future__ import annotations

import os

# The OpenMP pool must not spin while it waits (it would steal a shared core from other processes
# and make the next call wait on a descheduled spinner); read once, when the pool starts.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("KMP_BLOCKTIME", "0")

import numba  # noqa: E402
import numpy as np  # noqa: E402

from redline.bargaining.bdm import CYCLE_WINDOW, ISSUE_SCALE, BDMSettings, utility  # noqa: E402

__all__ = ["SORTED_MIN_ACTORS", "covers", "simulate_compiled"]

_BLOCK = 64
"""Draws per parallel work item (each item owns its work arrays and counterpart counts)."""

PARALLEL_MIN_DRAWS = 256
"""Batches smaller than this run on the calling thread (no thread pool, no wake-up latency)."""

SORTED_MIN_ACTORS = 10
"""From this many actors on, the vote sums use sorted prefix sums (below, the direct sum is as fast)."""

_RHO_MARGIN = 1e-7
_RHO_ROUNDING = 1e-12
"""Offer pruning (see ``_round``) widens rho's range by _RHO_MARGIN + _RHO_ROUNDING / d. The
computed utilities U_s, U_f, U_sq are each within 1.3e-15 of their exact values (a few ulps of 2),
so the computed base and spread are within 2.6e-15 and, with spread >= 2.8 d, the ratio the EUs
are computed from, base / spread, is within 1.9e-15 / d of the exact rho: the margin is 500 times
that on top of _RHO_MARGIN, which itself is 2e8 times the rounding of an EU relative to spread
(4.4e-16). So pruning stays exact as positions cluster (d -> 0), where most pairs of a long run are."""

_PRUNE_MAX_MARGIN = 0.25
"""Where the margin exceeds this (d below ~4e-12) the pair is not pruned (its bounds say nothing)."""

_MOVE_SLACK = 1e-15
"""Absolute slack, relative to |x_i| + |x_j - x_i|, on a compromise's lower bound: the new position
x_i + (x_j - x_i) f is rounded to the precision of x_i, which matters when x_j is very near x_i."""

_FRACTION_MARGIN = 1e-3
"""Relative margin on the least compromise fraction (covers the rounding of |E_ij| / E_ji)."""

_WEAK = 1e-6
"""A pair whose two supports sum to less than this share of (gap x total weight) is summed directly:
there the prefix-sum differences would lose relative precision."""


def covers(settings: BDMSettings) -> bool:
    """True when the compiled kernel implements ``settings`` exactly (else use the NumPy kernel)."""
    return (
        settings.prob_rule in ("symmetric", "net")
        and settings.offer_selection == "least_move"
        and settings.perspective == "perceiver"
        and settings.Q == 1.0
    )


_utility = numba.njit(inline="always", cache=True)(utility)
"""The §1.3 utility, compiled from :func:`redline.bargaining.bdm.utility` (the formula is written once)."""


@numba.njit(cache=True)
def _weighted_median(x, w, order, cumulative):
    """First position in stable sorted order (``order``) whose cumulative weight reaches half the total."""
    n = x.shape[0]
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
def _support_direct(d, w, support):
    """support[i, j] = sum_k w_k max(0, d_kj - d_ki): the weighted votes backing i against j, O(n^3).

    Summed over k in order; the inner loop runs over j along contiguous rows (vectorised).
    """
    n = d.shape[0]
    for i in range(n):
        row = support[i]
        row[:] = 0.0
        for k in range(n):
            wk = w[k]
            dki = d[k, i]
            dk = d[k]
            for j in range(n):
                row[j] += wk * max(dk[j] - dki, 0.0)


@numba.njit(cache=True)
def _support_sorted(x, w, delta, order, support, y, W, WX, le, lt):
    """The same supports from prefix sums over the sorted positions, O(n log n + n^2).

    Valid when no distance is clipped (range <= delta). For a pair at u_lo < u_hi a risk-neutral voter
    at u_k votes for the lower one with (u_hi - u_lo) if u_k <= u_lo and with (u_lo + u_hi - 2 u_k) if
    u_lo < u_k < m = (u_lo + u_hi) / 2, and for the higher one symmetrically; so both supports follow
    from prefix sums of w and w*u and the exact rank of the midpoint, found by a pointer that only
    moves forward while the higher position rises. Pairs at equal positions get 0 (P is 0 there).
    Pairs whose votes nearly cancel are summed voter by voter (see ``_WEAK``).
    """
    n = x.shape[0]
    base = x[order[0]]
    for k in range(n):
        y[k] = x[order[k]] - base  # >= 0, so the prefix sums of w*u never decrease
    y[n] = np.inf
    y[n + 1] = np.inf
    W[0] = 0.0
    WX[0] = 0.0
    for k in range(n):
        wk = w[order[k]]
        W[k + 1] = W[k] + wk
        WX[k + 1] = WX[k] + wk * y[k]
    total = W[n]
    # Tie groups: le[k] = #{u <= y[k]}, lt[k] = #{u < y[k]}.
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and y[stop] == y[start]:
            stop += 1
        for k in range(start, stop):
            lt[k] = start
            le[k] = stop
        start = stop
    # The pairs (a, b), a < b, by ranks: sweeps over b for a and a + 1 advance together. Each sweep's
    # midpoint pointer is a chain of dependent loads (the midpoint's rank moves 0, 1 or 2 places per b:
    # both places are tested from the same pointer without a branch, y[mid] < m and y[mid + 1] < m,
    # which is the same count as two steps since y is sorted, but one load deep instead of two; then
    # the rare rest; y[n] = y[n + 1] = inf stop it at n); two independent chains overlap in the
    # processor. Every pair's value is the same as in one sweep at a time. The
    # two sweeps are written out, not shared through a helper: Numba's call of an inlined function
    # over these arrays was 3x slower (docs/bargaining.md, session 6).
    for a in range(n):
        support[order[a], order[a]] = 0.0
    for a in range(0, n - 1, 2):
        ia = order[a]
        u_lo = y[a]
        w_lo = W[le[a]]
        wx_lo = WX[le[a]]
        mid = le[a]
        ia2 = order[a + 1]
        u_lo2 = y[a + 1]
        w_lo2 = W[le[a + 1]]
        wx_lo2 = WX[le[a + 1]]
        mid2 = le[a + 1]
        for b in range(a + 1, n):
            ib = order[b]
            u_hi = y[b]
            if u_hi == u_lo:
                support[ia, ib] = 0.0
                support[ib, ia] = 0.0
            else:
                both = u_lo + u_hi
                m = 0.5 * both
                mid += (1 if y[mid] < m else 0) + (1 if y[mid + 1] < m else 0)
                while y[mid] < m:
                    mid += 1
                w_mid = W[mid]
                wx_mid = WX[mid]
                w_hi = W[lt[b]]
                wx_hi = WX[lt[b]]
                gap = u_hi - u_lo
                lower = gap * w_lo + both * (w_mid - w_lo) - 2.0 * (wx_mid - wx_lo)
                upper = gap * (total - w_hi) + 2.0 * (wx_hi - wx_mid) - both * (w_hi - w_mid)
                lower = max(lower, 0.0)
                upper = max(upper, 0.0)
                if lower + upper <= _WEAK * gap * total:
                    support[ia, ib], support[ib, ia] = _support_pair(x, w, delta, ia, ib)
                else:
                    support[ia, ib] = lower / delta
                    support[ib, ia] = upper / delta
            if b == a + 1:
                continue
            if u_hi == u_lo2:
                support[ia2, ib] = 0.0
                support[ib, ia2] = 0.0
            else:
                both = u_lo2 + u_hi
                m = 0.5 * both
                mid2 += (1 if y[mid2] < m else 0) + (1 if y[mid2 + 1] < m else 0)
                while y[mid2] < m:
                    mid2 += 1
                w_mid = W[mid2]
                wx_mid = WX[mid2]
                w_hi = W[lt[b]]
                wx_hi = WX[lt[b]]
                gap = u_hi - u_lo2
                lower = gap * w_lo2 + both * (w_mid - w_lo2) - 2.0 * (wx_mid - wx_lo2)
                upper = gap * (total - w_hi) + 2.0 * (wx_hi - wx_mid) - both * (w_hi - w_mid)
                lower = max(lower, 0.0)
                upper = max(upper, 0.0)
                if lower + upper <= _WEAK * gap * total:
                    support[ia2, ib], support[ib, ia2] = _support_pair(x, w, delta, ia2, ib)
                else:
                    support[ia2, ib] = lower / delta
                    support[ib, ia2] = upper / delta


@numba.njit(cache=True)
def _support_pair(x, w, delta, ia, ib):
    """The supports of ia against ib and of ib against ia, summed voter by voter."""
    lower = 0.0
    upper = 0.0
    for k in range(x.shape[0]):
        dk_hi = min(abs(x[k] - x[ib]) / delta, 1.0)
        dk_lo = min(abs(x[k] - x[ia]) / delta, 1.0)
        lower += w[k] * max(dk_hi - dk_lo, 0.0)
        upper += w[k] * max(dk_lo - dk_hi, 0.0)
    return lower, upper


@numba.njit(cache=True)
def _round(
    x, order, w, s, delta, net, sorted_min, prune, d, support, p, g, new, kind, counterpart, r, e_in, e_out, work
):
    """One round of §1.4 on one draw from positions ``x`` (``order``: their stable sort order): fills
    ``new`` (positions), ``kind``, ``counterpart``, ``r`` and the chosen offer's E_ij (``e_in``) and
    E_ji (``e_out``). ``work`` holds scratch arrays (allocated once per run)."""
    n = x.shape[0]
    lower, y, W, WX, le, lt = work
    for i in range(n):
        d[i, i] = 0.0
        for j in range(i + 1, n):
            v = abs(x[i] - x[j]) / delta
            v = v if v < 1.0 else 1.0
            d[i, j] = v
            d[j, i] = v
    if n >= sorted_min and x[order[n - 1]] - x[order[0]] <= delta:
        _support_sorted(x, w, delta, order, support, y, W, WX, le, lt)
    else:
        _support_direct(d, w, support)
    # P of both directions of each pair (the two totals are the same sum); f[i, j] = s_j (1 - P_ij)
    # overwrites the supports once read, and g[i, j] = f[j, i] keeps the offer loops on rows.
    for i in range(n):
        p[i, i] = 0.0
        for j in range(i + 1, n):
            if not d[i, j] > 0.0:
                p[i, j] = 0.0
                p[j, i] = 0.0
                continue
            s_ij = support[i, j]
            s_ji = support[j, i]
            total = s_ij + s_ji
            if total > 0.0:
                if net:
                    p[i, j] = max(s_ij - s_ji, 0.0) / total
                    p[j, i] = max(s_ji - s_ij, 0.0) / total
                else:
                    p[i, j] = s_ij / total
                    p[j, i] = s_ji / total
            else:
                p[i, j] = 0.5
                p[j, i] = 0.5
    f = support
    for i in range(n):
        for j in range(n):
            f[i, j] = s[j] * (1.0 - p[i, j])
            g[i, j] = s[i] * (1.0 - p[j, i])
    # Risk step (Q = 1): danger_t = 2 (sum_i d_it - 2 s_t sum_i d_it (1 - P_it)). The column sums
    # run along rows (each sum still adds i = 0, 1, ... in order, so the values are the same), into
    # e_in and e_out, which the offer step below overwrites for every i.
    sum_d = e_in
    sum_dq = e_out
    for t in range(n):
        sum_d[t] = 0.0
        sum_dq[t] = 0.0
    for i in range(n):
        d_i = d[i]
        p_i = p[i]
        for t in range(n):
            sum_d[t] += d_i[t]
            sum_dq[t] += d_i[t] * (1.0 - p_i[t])
    for t in range(n):
        r[t] = 2.0 * (sum_d[t] - 2.0 * s[t] * sum_dq[t])
    hi = r.max()
    lo = r.min()
    spread_r = hi - lo
    for t in range(n):
        big = (2.0 * r[t] - hi - lo) / spread_r if spread_r > 0 else 0.0
        r[t] = (1.0 - big / 3.0) / (1.0 + big / 3.0)
    # (The powers stay true powers: exp(r log b) differs from b**r by an ulp, which is enough to turn
    # exact EU ties at r = 1 into moves and change how often draws near convergence stop.)
    # Offers received by i (perceiver's exponent r_i): least movement, ties to the larger E_ji, then
    # the lower j. Without the powers, E_ij = spread (rho - f_ij) and E_ji = spread (rho - f_ji) with
    # spread > 0, f_ij = s_j (1 - P_ij) and rho = (0.5^r - b_s^r) / (b_f^r - b_s^r), which lies between
    # its tangent at d = 0, 0.5 + (1 - r) d / 4, and its chord 0.5 + (0.5^r - 0.5) d (rho runs
    # monotonically from 0.5 at d = 0 to 0.5^r at d = 1, convex in d for r < 1, concave for r > 1,
    # linear at r = 1 and 2: checked on a fine grid of r in [0.5, 2] in the tests; the tangent cuts
    # the pairs whose powers are evaluated by about a fifth against the old range [0.5, chord]). So,
    # exactly as rounded: f_ji >= f_ij means E_ji <= E_ij (no offer); and with a margin for rounding
    # (_RHO_MARGIN + _RHO_ROUNDING / d; none where d is so small that it exceeds _PRUNE_MAX_MARGIN, and
    # a compromise's bound less _MOVE_SLACK for the rounding of its new position): f_ji above rho's
    # range means no offer, f_ij below it a conflict (move |x_j - x_i|) or none, f_ij above it a compromise or a
    # capitulation moving at least |x_j - x_i| (f_ij - rho_hi) / (rho_hi - f_ji), or none; the move is
    # sure (it caps the best move) only when both f_ij and f_ji are clear of rho's range and each other. A first pass bounds
    # every pair's move from below (and the best move from above by the sure conflicts and
    # capitulations); the powers are evaluated only where the bound can still beat or tie the best
    # move. The choice is the same as evaluating every pair.
    for i in range(n):
        ri = r[i]
        slope = 0.5**ri - 0.5  # rho's chord
        tangent_slope = 0.25 * (1.0 - ri)  # rho's tangent at d = 0
        ceiling = np.inf
        xi = x[i]
        for j in range(n):
            f_ij = f[i, j]
            f_ji = g[i, j]
            dij = d[i, j]
            bound = np.inf
            if dij > 0.0 and f_ji < f_ij:
                bound = 0.0
                # (no division where d >= 1e-5: there _RHO_ROUNDING / d <= _RHO_MARGIN)
                margin = 2.0 * _RHO_MARGIN if dij >= 1e-5 else _RHO_MARGIN + _RHO_ROUNDING / dij
                if prune and margin < _PRUNE_MAX_MARGIN:
                    dist = abs(x[j] - xi)
                    chord = 0.5 + slope * dij
                    tangent = 0.5 + tangent_slope * dij
                    rho_lo = min(tangent, chord) - margin
                    rho_hi = max(tangent, chord) + margin
                    if f_ji >= rho_hi:
                        bound = np.inf
                    elif f_ij < rho_lo:
                        bound = dist  # a conflict or no offer
                        if f_ij - f_ji > _RHO_MARGIN:  # E_ji > E_ij > 0 beyond rounding: a conflict
                            ceiling = min(ceiling, dist)
                    elif f_ij > rho_hi:
                        least = (f_ij - rho_hi) / (rho_hi - f_ji) * (1.0 - _FRACTION_MARGIN)
                        if least >= 1.0:
                            bound = dist  # a capitulation or no offer
                            if f_ji < rho_lo:  # E_ji > 0 > E_ij beyond rounding: a capitulation
                                ceiling = min(ceiling, dist)
                        else:
                            bound = dist * least - _MOVE_SLACK * (abs(xi) + dist)
            lower[j] = bound
        u_sq = _utility(0.5, ri)
        best_move = ceiling
        best_e = -np.inf
        best_ij = 0.0
        best_j = n
        best_kind = 0
        best_pos = xi
        last_d = -1.0  # the last evaluated distance and its two utilities
        last_s = 0.0
        last_f = 0.0
        for j in range(n):
            if lower[j] > best_move or lower[j] == np.inf:  # (an infinite bound: no offer possible)
                continue
            dij = d[i, j]
            f_ij = f[i, j]
            f_ji = g[i, j]
            if dij != last_d:  # (counterparts at one position: same distance, same powers; ~1 in 4)
                last_d = dij
                last_s = _utility(0.5 - 0.5 * dij, ri)
                last_f = _utility(0.5 + 0.5 * dij, ri)
            u_s = last_s
            u_f = last_f
            spread = u_s - u_f
            base = u_s - 1.0 * u_sq
            e_ij = base - f_ij * spread
            e_ji = base - f_ji * spread
            k = 0
            pos = x[j]
            if e_ji > e_ij and e_ij > 0:
                k = 1
            elif e_ji > 0 and e_ij < 0:
                if e_ji > abs(e_ij):
                    k = 2
                    pos = xi + (x[j] - xi) * abs(e_ij) / e_ji
                else:
                    k = 3
            if k == 0:
                continue
            move = abs(pos - xi)
            if move < best_move or (move == best_move and (e_ji > best_e or (e_ji == best_e and j < best_j))):
                best_move = move
                best_e = e_ji
                best_ij = e_ij
                best_j = j
                best_kind = k
                best_pos = pos
        kind[i] = best_kind
        counterpart[i] = best_j if best_kind > 0 else -1
        new[i] = best_pos if best_kind > 0 else xi
        e_in[i] = best_ij if best_kind > 0 else np.nan
        e_out[i] = best_e if best_kind > 0 else np.nan


@numba.njit(cache=True)
def _resort(x, order):
    """Re-sort ``order`` in place by (x, index), the stable sort order, by insertion from the last one.

    Between rounds the order barely changes, so this is a pass of n - 1 comparisons (no allocation);
    ties keep the lower index first, as a stable sort does (so the result equals
    ``np.argsort(x, kind="stable")``).
    """
    n = x.shape[0]
    for k in range(1, n):
        item = order[k]
        value = x[item]
        h = k
        while h > 0:
            prev = order[h - 1]
            if x[prev] > value or (x[prev] == value and prev > item):
                order[h] = prev
                h -= 1
            else:
                break
        order[h] = item


@numba.njit(cache=True)
def _run(
    x0, w, s, delta, tol, max_rounds, net, sorted_min, prune, x, cmoves, out, a, moves, record,
    h_x, h_r, h_kind, h_cp, h_ein, h_eout,
):  # fmt: skip
    """All rounds of one draw (§1.5-§1.6); writes the draw's outputs (row ``a`` of the ``out`` arrays),
    adds to ``cmoves``; with ``record``, row t - 1 of the ``h_*`` arrays holds round t."""
    out_f, out_st, out_r, out_cmin, out_cmax = out
    n = x0.shape[0]
    slots = CYCLE_WINDOW + 1
    ring_x = np.empty((slots, n))
    ring_mu = np.empty(slots)
    d = np.empty((n, n))
    support = np.empty((n, n))
    p = np.empty((n, n))
    g = np.empty((n, n))
    new = np.empty(n)
    kind = np.zeros(n, dtype=np.int64)
    counterpart = np.zeros(n, dtype=np.int64)
    r = np.empty(n)
    e_in = np.empty(n)
    e_out = np.empty(n)
    cumulative = np.empty(n)
    work = (np.empty(n), np.empty(n + 2), np.empty(n + 1), np.empty(n + 1), np.empty(n, dtype=np.int64),
            np.empty(n, dtype=np.int64))  # fmt: skip
    for i in range(n):
        x[i] = x0[i]
        ring_x[0, i] = x0[i]
    order = np.argsort(x, kind="mergesort")  # of the current positions: the median's and the next round's
    mu0 = _weighted_median(x, w, order, cumulative)
    ring_mu[0] = mu0
    out_f[a] = mu0
    out_st[a] = 0
    out_r[a] = 0
    out_cmin[a] = np.nan
    out_cmax[a] = np.nan
    if not x0.max() > x0.min():
        return
    if max_rounds == 0:
        out_st[a] = 1
        return
    eps = tol * delta
    for t in range(1, max_rounds + 1):
        _round(x, order, w, s, delta, net, sorted_min, prune, d, support, p, g, new, kind, counterpart, r, e_in, e_out, work)  # fmt: skip
        change = 0.0
        for i in range(n):
            if kind[i] > 0:
                moves[i] += 1
                cmoves[i, counterpart[i]] += 1
            change = max(change, abs(new[i] - x[i]))
            x[i] = new[i]
        if record:
            for i in range(n):
                h_x[t - 1, i] = x[i]
                h_r[t - 1, i] = r[i]
                h_kind[t - 1, i] = kind[i]
                h_cp[t - 1, i] = counterpart[i] if kind[i] > 0 else -1
                h_ein[t - 1, i] = e_in[i]
                h_eout[t - 1, i] = e_out[i]
        _resort(x, order)
        mu = _weighted_median(x, w, order, cumulative)
        out_r[a] = t
        out_f[a] = mu
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
            out_f[a] = total / status
            out_cmin[a] = low
            out_cmax[a] = high
        if status >= 0:
            out_st[a] = status
            return
    out_st[a] = 1


@numba.njit(cache=True)
def _outputs(draws, n, blocks):
    out = (np.empty(draws), np.empty(draws, dtype=np.int64), np.empty(draws, dtype=np.int64),
           np.empty(draws), np.empty(draws))  # fmt: skip
    return (
        out,
        np.empty((draws, n)),
        np.zeros((draws, n), dtype=np.int64),
        np.zeros((blocks, n, n), dtype=np.int64),
    )


@numba.njit(parallel=True, cache=True)
def _simulate_parallel(x0, w, s, delta, tol, max_rounds, net, sorted_min, prune, block):
    draws, n = x0.shape
    blocks = (draws + block - 1) // block
    out, x, moves, cmoves = _outputs(draws, n, blocks)
    none = np.empty((1, 1))
    none_i = np.empty((1, 1), dtype=np.int64)
    for b in numba.prange(blocks):
        for a in range(b * block, min(draws, (b + 1) * block)):
            _run(
                x0[a], w[a], s[a], delta[a], tol, max_rounds, net, sorted_min, prune, x[a], cmoves[b], out, a,
                moves[a], False, none, none, none_i, none_i, none, none,
            )  # fmt: skip
    return out, x, moves, cmoves.sum(axis=0)


@numba.njit(cache=True)
def _simulate_serial(x0, w, s, delta, tol, max_rounds, net, sorted_min, prune):
    draws, n = x0.shape
    out, x, moves, cmoves = _outputs(draws, n, 1)
    none = np.empty((1, 1))
    none_i = np.empty((1, 1), dtype=np.int64)
    for a in range(draws):
        _run(
            x0[a], w[a], s[a], delta[a], tol, max_rounds, net, sorted_min, prune, x[a], cmoves[0], out, a,
            moves[a], False, none, none, none_i, none_i, none, none,
        )  # fmt: skip
    return out, x, moves, cmoves[0]


@numba.njit(cache=True)
def _simulate_recorded(x0, w, s, delta, tol, max_rounds, net, sorted_min, prune):
    """One draw with its per-round history (rows: rounds 1..max_rounds; only the first ``rounds`` used)."""
    n = x0.shape[0]
    out, x, moves, cmoves = _outputs(1, n, 1)
    rows = max(max_rounds, 1)
    h_x = np.full((rows, n), np.nan)
    h_r = np.full((rows, n), np.nan)
    h_kind = np.zeros((rows, n), dtype=np.int64)
    h_cp = np.full((rows, n), -1, dtype=np.int64)
    h_ein = np.full((rows, n), np.nan)
    h_eout = np.full((rows, n), np.nan)
    _run(
        x0, w, s, delta, tol, max_rounds, net, sorted_min, prune, x[0], cmoves[0], out, 0, moves[0], True,
        h_x, h_r, h_kind, h_cp, h_ein, h_eout,
    )  # fmt: skip
    return out, x, moves, cmoves[0], (h_x, h_r, h_kind, h_cp, h_ein, h_eout)


def _delta(x0: np.ndarray, settings: BDMSettings) -> np.ndarray:
    if settings.delta == "initial_range":
        return x0.max(axis=1) - x0.min(axis=1)
    value = ISSUE_SCALE if settings.delta == "issue_scale" else float(settings.delta)
    return np.full(x0.shape[0], value)


def simulate_compiled(
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    settings: BDMSettings,
    *,
    block: int = _BLOCK,
    parallel: bool | None = None,
    record: bool = False,
    sorted_min: int = SORTED_MIN_ACTORS,
    prune: bool = True,
) -> dict[str, np.ndarray | list]:
    """Same outputs as :func:`redline.bargaining.bdm.simulate`.

    ``parallel=None`` uses the thread pool from :data:`PARALLEL_MIN_DRAWS` draws on; ``record=True``
    (one draw only) adds ``history`` in the NumPy kernel's format, with ``median``/``mean``.
    ``sorted_min`` is the number of actors from which the sorted vote sums are used (tests lower it
    to check that path against the reference on small issues); ``prune=False`` evaluates every pair's
    EUs (the tests check that pruning changes nothing). Inputs must be validated and
    :func:`covers` true; they are not modified.
    """
    if not covers(settings):
        raise ValueError("simulate_compiled: settings not covered by the compiled kernel")
    x0 = np.ascontiguousarray(position, dtype=float)
    w = np.ascontiguousarray(capability * salience, dtype=float)
    s = np.ascontiguousarray(salience, dtype=float)
    delta = _delta(x0, settings)
    net = settings.prob_rule == "net"
    args = (x0, w, s, delta, settings.tol, settings.max_rounds, net, max(2, int(sorted_min)), bool(prune))
    if record:
        if x0.shape[0] != 1:
            raise ValueError("simulate_compiled: record=True runs one draw")
        out, x, moves, cmoves, hist = _simulate_recorded(x0[0], w[0], s[0], delta[0], *args[4:])
    elif parallel or (parallel is None and x0.shape[0] >= PARALLEL_MIN_DRAWS):
        # Blocks are handed out one at a time as threads free up, not split in equal halves up front:
        # runs last 100 to 1,000 rounds, and on a shared machine one thread may lose its core for a
        # while; the results do not depend on which thread runs a block.
        with numba.parallel_chunksize(1):
            out, x, moves, cmoves = _simulate_parallel(*args, max(1, int(block)))
    else:
        out, x, moves, cmoves = _simulate_serial(*args)
    forecast, status, rounds, cmin, cmax = out
    result: dict[str, np.ndarray | list] = {
        "forecast": forecast,
        "status": status,
        "rounds": rounds,
        "cycle_min": cmin,
        "cycle_max": cmax,
        "final_positions": x,
        "moves": moves,
        "counterpart_moves": cmoves,
    }
    if record:
        result["history"] = _history(hist, int(rounds[0]), w)
    return result


def _history(hist, rounds: int, w: np.ndarray) -> list[dict]:
    """Per-round dicts as :func:`redline.bargaining.bdm.simulate` records them (one draw)."""
    from redline.bargaining.bdm import weighted_mean, weighted_median

    h_x, h_r, h_kind, h_cp, h_ein, h_eout = (h[:rounds] for h in hist)
    medians = weighted_median(h_x, np.broadcast_to(w, h_x.shape)) if rounds else np.empty(0)
    means = weighted_mean(h_x, w) if rounds else np.empty(0)
    return [
        {
            "positions": h_x[t : t + 1],
            "r": h_r[t : t + 1],
            "kind": h_kind[t : t + 1].astype(np.int8),
            "counterpart": h_cp[t : t + 1],
            "E_ij": h_ein[t : t + 1],
            "E_ji": h_eout[t : t + 1],
            "median": medians[t : t + 1],
            "mean": means[t : t + 1],
        }
        for t in range(rounds)
    ]
