"""Bueno de Mesquita's expected-utility group-decision model, batched over Monte Carlo draws.

The model (models.md §1) forecasts where actors bargaining over one issue end up: each round every
actor weighs, for every other actor, whether a challenge pays; the resulting conflicts, compromises and
capitulations move positions, and the forecast is the capability-x-salience weighted median.

This module is the kernel: pure functions over arrays whose leading axis is the draw, shape
``(draws, actors)``. All draws advance together round by round; a draw that has stopped is dropped from
the working set (masking by index), so each stops on its own. There is no Python loop over draws or
over actor pairs; the loops are over rounds and over fixed-size chunks of the active draws (to keep
the (draws, actors, actors) work arrays small). For risk-neutral votes (``symmetric`` and ``net``) the
vote sums use sorted prefix sums, O(n^2 log n) per draw; ``scholz_code`` (per-voter exponents) keeps
the direct O(n^3) sum.

The default rules are those of §1.3-§1.6; the switches of §1.7 reproduce the public replications:
``compat="scholz_code"`` (jmckib's transcription of Scholz, Calbert & Smith's code) and
``compat="dmasad"``.

References
----------
Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In Stokman et al.
(eds.), *European Community Decision Making*. Yale University Press.
Scholz, J. B., Calbert, G. J., & Smith, G. A. (2011). Unravelling Bueno De Mesquita's group decision
model. *Journal of Theoretical Politics* 23(4), 510-531.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from redline.errors import RedlineError

__all__ = [
    "COMPAT_PRESETS",
    "MOVE_TYPES",
    "OFFER_SELECTIONS",
    "PERSPECTIVES",
    "PROB_RULES",
    "STATUS_CONVERGED",
    "STATUS_MAX_ROUNDS",
    "BDMSettings",
    "expected_utility",
    "resolve_settings",
    "risk_exponents",
    "simulate",
    "status_label",
    "utilities",
    "utility",
    "validate_inputs",
    "weighted_mean",
    "weighted_median",
    "win_probability",
]

PROB_RULES = ("symmetric", "net", "scholz_code")
OFFER_SELECTIONS = ("least_move", "scholz_code")
PERSPECTIVES = ("perceiver", "own")
MOVE_TYPES = ("none", "conflict", "compromise", "capitulation")
"""Move codes: index 0 = no move, 1 = lost a conflict, 2 = compromise, 3 = capitulation."""

STATUS_CONVERGED = 0
STATUS_MAX_ROUNDS = 1
"""Status codes of a draw; a code k >= 2 means ``cycle(k)``."""

CYCLE_WINDOW = 10
"""How many earlier position vectors are compared for cycle detection (§1.5)."""

ISSUE_SCALE = 100.0
"""The full issue scale used by ``delta="issue_scale"`` (models.md §0: positions on 0-100)."""

COMPAT_PRESETS: dict[str, dict[str, str]] = {
    "default": {"prob_rule": "symmetric", "offer_selection": "least_move", "perspective": "perceiver"},
    "scholz_code": {"prob_rule": "scholz_code", "offer_selection": "scholz_code", "perspective": "perceiver"},
    "dmasad": {"prob_rule": "net", "offer_selection": "least_move", "perspective": "own"},
}
"""§1.7 presets. Under ``perspective="own"`` the sender logic of dmasad replaces ``offer_selection``."""

# Work-array sizes. A round works on chunks of _WORK_ELEMENTS // n**2 active draws, so that each
# (draws, n, n) temporary (256 KiB) stays in cache (measured at 32 actors: 2^15 is ~10 % faster than
# 2^17 and ~35 % faster than 2^13, where the per-call overhead dominates). The O(n^3) vote sums of
# the exact path run in sub-blocks of _CUBE_ELEMENTS // n**3 draws.
_WORK_ELEMENTS = 1 << 15
_CUBE_ELEMENTS = 1 << 16
# Draws are simulated together (all rounds, each stopping on its own) in blocks of
# _BLOCK_ELEMENTS // n draws, which bounds the per-draw state (positions and the cycle ring).
_BLOCK_ELEMENTS = 1 << 17
# From this many actors on, the risk-neutral vote sums use sorted prefix sums (below, the direct
# O(n^3) sum is faster in NumPy: measured 7 vs 9 us per draw-round at 8 actors, 90 vs 106 at 32).
_SORTED_MIN_ACTORS = 20


@dataclass(frozen=True)
class BDMSettings:
    """The model switches and parameters of one run (models.md §1.2 and §1.7)."""

    prob_rule: str = "symmetric"
    offer_selection: str = "least_move"
    perspective: str = "perceiver"
    delta: str | float = "initial_range"
    Q: float = 1.0
    T: float = 1.0
    tol: float = 1e-6
    max_rounds: int = 1000

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def resolve_settings(
    compat: str = "default",
    *,
    prob_rule: str | None = None,
    offer_selection: str | None = None,
    perspective: str | None = None,
    delta: str | float = "initial_range",
    Q: float = 1.0,
    T: float = 1.0,
    tol: float = 1e-6,
    max_rounds: int = 1000,
) -> BDMSettings:
    """Start from the ``compat`` preset; any switch given explicitly overrides it. Validates all."""
    if compat not in COMPAT_PRESETS:
        raise RedlineError(f"compat: unknown preset {compat!r}; expected one of {', '.join(COMPAT_PRESETS)}")
    preset = COMPAT_PRESETS[compat]
    chosen = {
        "prob_rule": prob_rule or preset["prob_rule"],
        "offer_selection": offer_selection or preset["offer_selection"],
        "perspective": perspective or preset["perspective"],
    }
    for name, allowed in (
        ("prob_rule", PROB_RULES),
        ("offer_selection", OFFER_SELECTIONS),
        ("perspective", PERSPECTIVES),
    ):
        if chosen[name] not in allowed:
            raise RedlineError(
                f"{name}: unknown value {chosen[name]!r}; expected one of {', '.join(allowed)}"
            )
    if isinstance(delta, str):
        if delta not in ("initial_range", "issue_scale"):
            raise RedlineError(
                f"delta: expected 'initial_range', 'issue_scale' or a number > 0, got {delta!r}"
            )
    elif not (np.isfinite(delta) and delta > 0):
        raise RedlineError(f"delta: expected a finite number > 0, got {delta!r}")
    for name, value in (("Q", Q), ("T", T)):
        if not 0.0 <= value <= 1.0:
            raise RedlineError(f"{name}: expected a probability in [0, 1], got {value!r}")
    if not (np.isfinite(tol) and tol >= 0):
        raise RedlineError(f"tol: expected a number >= 0, got {tol!r}")
    if int(max_rounds) != max_rounds or max_rounds < 0:
        raise RedlineError(f"max_rounds: expected an integer >= 0, got {max_rounds!r}")
    return BDMSettings(
        delta=delta if isinstance(delta, str) else float(delta),
        Q=float(Q),
        T=float(T),
        tol=float(tol),
        max_rounds=int(max_rounds),
        **chosen,
    )


def status_label(code: int) -> str:
    """``0 -> "converged"``, ``1 -> "max_rounds"``, ``k >= 2 -> "cycle(k)"``."""
    code = int(code)
    if code == STATUS_CONVERGED:
        return "converged"
    if code == STATUS_MAX_ROUNDS:
        return "max_rounds"
    return f"cycle({code})"


def validate_inputs(position, capability, salience) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Copy the three inputs to float arrays of shape (draws, actors) and check their domains."""
    arrays = []
    for name, value in (("position", position), ("capability", capability), ("salience", salience)):
        array = np.array(value, dtype=float, copy=True)
        if array.ndim == 1:
            array = array[None, :]
        if array.ndim != 2:
            raise RedlineError(f"{name}: expected shape (draws, actors), got {array.shape}")
        if not np.isfinite(array).all():
            raise RedlineError(f"{name}: every value must be a finite number")
        arrays.append(array)
    x, c, s = arrays
    if not (x.shape == c.shape == s.shape) or x.shape[1] == 0:
        raise RedlineError(
            f"position, capability and salience must have the same non-empty shape; got {x.shape}, "
            f"{c.shape}, {s.shape}"
        )
    if (c < 0).any():
        raise RedlineError("capability: must be >= 0 (only ratios matter)")
    if ((s < 0) | (s > 1)).any():
        raise RedlineError("salience: must be in [0, 1] (divide a 0-100 salience by 100)")
    if not ((c * s).sum(axis=1) > 0).all():
        raise RedlineError("capability x salience sums to 0: no actor has any influence on the issue")
    return x, c, s


# --- building blocks (§1.3) ---------------------------------------------------------------------------


def weighted_median(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The w-weighted median of each row: the first sorted position whose cumulative weight reaches half.

    This is the Condorcet winner among the actors' positions; ties go to the lowest position.
    """
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    cumulative = np.cumsum(np.take_along_axis(w, order, axis=-1), axis=-1)
    first = np.argmax(cumulative >= cumulative[..., -1:] / 2.0, axis=-1)
    return np.take_along_axis(xs, first[..., None], axis=-1)[..., 0]


def weighted_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Capability x salience weighted mean of each row (diagnostic only)."""
    return (w * x).sum(axis=-1) / w.sum(axis=-1)


def _distance(x: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """d[a, i, j] = |x_i - x_j| / delta, clipped to [0, 1]."""
    d = np.abs(x[:, :, None] - x[:, None, :]) / delta[:, None, None]
    return np.minimum(d, 1.0, out=d)


def win_probability(
    d: np.ndarray, w: np.ndarray, rule: str = "symmetric", r: np.ndarray | None = None
) -> np.ndarray:
    """P[a, i, j]: probability that i's position prevails over j's (§1.3 and §1.7 rows 1-2).

    ``d`` is the normalised distance matrix, ``w`` the voting weights c*s. ``symmetric`` = share of the
    positive weighted votes backing i (P_ij + P_ji = 1); ``net`` = positive part of the net vote over the
    sum of |votes| (dmasad); ``scholz_code`` = votes on distances raised to each voter's exponent ``r``,
    over the |votes| summed across every voter and every ordered pair of actors (jmckib). Pairs at
    equal positions get 0; a contest nobody cares about gets 0.5.
    """
    return _probability(_support_direct(d, w, r if rule == "scholz_code" else None), rule, d > 0)


def _support_direct(d: np.ndarray, w: np.ndarray, r: np.ndarray | None = None) -> np.ndarray:
    """support[a, i, j] = sum_k w_k max(0, d_kj^r_k - d_ki^r_k): the weighted votes backing i against j.

    O(n^3) per draw, the dominant cost of a round; computed in sub-blocks of draws to bound memory.
    """
    draws, n, _ = d.shape
    dr = d if r is None else d ** r[:, :, None]
    support = np.empty_like(d)
    step = max(1, _CUBE_ELEMENTS // n**3)
    for lo in range(0, draws, step):
        part = dr[lo : lo + step]
        votes = part[:, :, None, :] - part[:, :, :, None]
        np.maximum(votes, 0.0, out=votes)
        support[lo : lo + step] = np.einsum("ak,akij->aij", w[lo : lo + step], votes)
    return support


def _rank_below(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    """r[a, p] = #{k: y[a, k] < m[a, p]} for rows ``y`` sorted ascending (exact, per draw).

    One ``searchsorted`` over the whole chunk with draw a shifted by a * span finds the rank up to
    rounding of the shifted values; ranks that fail the exact check y[rank - 1] < m <= y[rank] (values
    within rounding of m, e.g. clustered positions near convergence) are recounted directly, so the
    result does not depend on which draws share a chunk.
    """
    draws, n = y.shape
    offset = np.arange(draws)[:, None] * (float(y[:, -1].max()) + 1.0)
    rank = np.searchsorted((y + offset).ravel(), (m + offset).ravel()).reshape(m.shape)
    rank -= np.arange(draws)[:, None] * n
    np.clip(rank, 0, n, out=rank)
    padded = np.empty((draws, n + 2))
    padded[:, 0], padded[:, -1], padded[:, 1:-1] = -np.inf, np.inf, y
    flat = padded.ravel()
    at = rank + np.arange(draws)[:, None] * (n + 2)
    wrong = (flat[at] >= m) | (flat[at + 1] < m)
    if wrong.any():
        a, p = np.nonzero(wrong)
        rank[a, p] = (y[a] < m[a, p][:, None]).sum(axis=1)
    return rank


def _support_sorted(x: np.ndarray, w: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """The same support as :func:`_support_direct` at exponent 1, in O(n^2 log n) per draw.

    Valid when no distance is clipped (every row's range <= its ``delta``). For a pair at
    u_lo < u_hi a risk-neutral voter at u_k votes for the lower one with (u_hi - u_lo) if u_k <= u_lo,
    with (u_lo + u_hi - 2 u_k) if u_lo < u_k < m = (u_lo + u_hi) / 2, and for the higher one
    symmetrically; so both supports follow from prefix sums of w and w*u over the sorted positions and
    the rank of the midpoint (one flattened ``searchsorted`` for the whole chunk). Each unordered pair
    is computed once, in sorted order. Voters at the midpoint vote 0 on either side. Pairs whose votes
    nearly cancel (total < 1e-6 of the total weight times the gap), where the prefix sums would lose
    relative precision, are recomputed voter by voter.
    """
    draws, n = x.shape
    lo_i, hi_j = np.triu_indices(n, 1)  # pairs in sorted order: lo_i-th lowest vs hi_j-th lowest
    u = x - x.min(axis=1, keepdims=True)  # >= 0, so the prefix sums of w*u never decrease
    order = np.argsort(u, axis=1, kind="stable")
    y = np.take_along_axis(u, order, axis=1)
    wy = np.take_along_axis(w, order, axis=1)
    W = np.zeros((draws, n + 1))
    np.cumsum(wy, axis=1, out=W[:, 1:])
    WX = np.zeros((draws, n + 1))
    np.cumsum(wy * y, axis=1, out=WX[:, 1:])
    # Tie groups of the sorted positions: le = #{k: u_k <= y_i}, lt = #{k: u_k < y_i} (exact).
    index = np.broadcast_to(np.arange(1, n), (draws, n - 1))
    new_value = y[:, 1:] != y[:, :-1]
    lt = np.zeros((draws, n), dtype=np.intp)
    np.maximum.accumulate(np.where(new_value, index, 0), axis=1, out=lt[:, 1:])
    le = np.full((draws, n), n, dtype=np.intp)
    le[:, :-1] = np.minimum.accumulate(np.where(new_value, index, n)[:, ::-1], axis=1)[:, ::-1]
    start = np.arange(draws)[:, None] * (n + 1)  # row offset in W.ravel()
    le += start
    lt += start
    Wf, WXf = W.ravel(), WX.ravel()
    u_lo, u_hi = y[:, lo_i], y[:, hi_j]
    le_lo, lt_hi = le[:, lo_i], lt[:, hi_j]
    w_lo, wx_lo = Wf[le_lo], WXf[le_lo]  # weight (and w*u) at or below the lower position
    w_hi, wx_hi = Wf[lt_hi], WXf[lt_hi]  # ... strictly below the higher position
    both = u_lo + u_hi  # = 2 m
    mid = _rank_below(y, 0.5 * both) + start  # #{k: u_k < m}
    w_mid, wx_mid = Wf[mid], WXf[mid]
    gap = u_hi - u_lo
    outside_hi = W[:, -1:] - w_hi
    lower = gap * w_lo + both * (w_mid - w_lo) - 2.0 * (wx_mid - wx_lo)
    upper = gap * outside_hi + 2.0 * (wx_hi - wx_mid) - both * (w_hi - w_mid)
    np.maximum(lower, 0.0, out=lower)
    np.maximum(upper, 0.0, out=upper)
    lower /= delta[:, None]
    upper /= delta[:, None]
    # Scatter back to the actors' own order: support[a, order[lo], order[hi]] = lower, and reverse.
    base = (np.arange(draws) * n * n)[:, None]
    a_lo, a_hi = order[:, lo_i], order[:, hi_j]
    support = np.zeros(draws * n * n)
    support[a_lo * n + a_hi + base] = lower
    support[a_hi * n + a_lo + base] = upper
    support = support.reshape(draws, n, n)
    weak = (lower + upper) * delta[:, None] <= 1e-6 * gap * W[:, -1:]
    weak &= gap > 0
    if weak.any():
        a, pair = np.nonzero(weak)
        for i, j in ((a_lo[a, pair], a_hi[a, pair]), (a_hi[a, pair], a_lo[a, pair])):
            dk_j = np.minimum(np.abs(x[a] - x[a, j][:, None]) / delta[a][:, None], 1.0)
            dk_i = np.minimum(np.abs(x[a] - x[a, i][:, None]) / delta[a][:, None], 1.0)
            support[a, i, j] = (w[a] * np.maximum(dk_j - dk_i, 0.0)).sum(axis=1)
    return support


def _support(x: np.ndarray, w: np.ndarray, d: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """Risk-neutral support: the sorted O(n^2 log n) path from _SORTED_MIN_ACTORS actors on (measured
    crossover ~20), unless some distance is clipped at 1; else the direct O(n^3) sum."""
    if x.shape[1] >= _SORTED_MIN_ACTORS and ((x.max(axis=1) - x.min(axis=1)) <= delta).all():
        return _support_sorted(x, w, delta)
    return _support_direct(d, w)


def _probability(support: np.ndarray, rule: str, differ: np.ndarray) -> np.ndarray:
    """Turn pair supports into P under ``rule`` (see :func:`win_probability`)."""
    against = np.swapaxes(support, 1, 2)
    total = support + against
    if rule == "scholz_code":
        top = support
        bottom = np.broadcast_to(total.sum(axis=(1, 2))[:, None, None], total.shape)
    elif rule == "net":
        top = np.maximum(support - against, 0.0)
        bottom = total
    else:
        top = support
        bottom = total
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(bottom > 0, top / bottom, 0.5)
    p[~differ] = 0.0
    return p


def utility(base, r):  # noqa: ANN001, ANN201 - scalars or arrays (also compiled by Numba)
    """The §1.3 utility ``2 - 4 * base**r`` of an outcome at ``base`` (0.5 ± a share of the distance).

    The one place the formula is written: :func:`utilities`, :func:`expected_utility`, the round of
    this kernel and the compiled kernel (:mod:`redline.bargaining.compiled` compiles this function)
    all call it.
    """
    return 2.0 - 4.0 * base**r


def utilities(d_ij, d_imu, r) -> dict[str, np.ndarray]:
    """The five utilities of §1.3 for challenger i vs target j at exponent ``r`` (all broadcast).

    ``U_s`` success (j adopts x_i), ``U_f`` failure (i adopts x_j), ``U_b`` / ``U_w`` the status quo
    changes for the better / worse, ``U_sq`` the status quo; each is ``2 - 4 * base**r``.
    """
    return {
        "U_s": utility(0.5 - 0.5 * d_ij, r),
        "U_f": utility(0.5 + 0.5 * d_ij, r),
        "U_b": utility(0.5 - 0.25 * (d_imu + d_ij), r),
        "U_w": utility(0.5 + 0.25 * (d_imu + d_ij), r),
        "U_sq": utility(0.5, r),
    }


def expected_utility(
    d_ij: np.ndarray,
    d_imu: np.ndarray,
    p_ij: np.ndarray,
    s_j: np.ndarray,
    r: np.ndarray | float,
    Q: float = 1.0,
    T: float = 1.0,
) -> np.ndarray:
    """EU of challenger i challenging target j, evaluated with risk exponent ``r`` (§1.3).

    ``s_j[P U_s + (1-P) U_f] + (1-s_j) U_s - Q U_sq - (1-Q)[T U_b + (1-T) U_w]``; all inputs broadcast.
    At ``Q = 1`` the status-quo-change terms (and so the median) drop out and are not computed.
    """
    u_s = utility(0.5 - 0.5 * d_ij, r)
    u_f = utility(0.5 + 0.5 * d_ij, r)
    u_sq = utility(0.5, r)
    return _combine(u_s, u_f, u_sq, d_ij, d_imu, p_ij, s_j, r, Q, T)


def _status_quo_terms(d_ij, d_imu, r, Q, T):
    """(1 - Q)[T U_b + (1 - T) U_w]: the status-quo-change part of EU, subtracted when Q < 1."""
    u_b = utility(0.5 - 0.25 * (d_imu + d_ij), r)
    u_w = utility(0.5 + 0.25 * (d_imu + d_ij), r)
    return (1.0 - Q) * (T * u_b + (1.0 - T) * u_w)


def _combine(u_s, u_f, u_sq, d_ij, d_imu, p_ij, s_j, r, Q, T):
    """EU from precomputed U_s, U_f, U_sq (shared by both directions of a pair at the same r)."""
    value = s_j * (p_ij * u_s + (1.0 - p_ij) * u_f) + (1.0 - s_j) * u_s - Q * u_sq
    if Q != 1.0:
        value = value - _status_quo_terms(d_ij, d_imu, r, Q, T)
    return value


def risk_exponents(danger: np.ndarray) -> np.ndarray:
    """r_i in [0.5, 2] from each actor's danger compared across actors (§1.3); 1 if all dangers tie."""
    hi = danger.max(axis=-1, keepdims=True)
    lo = danger.min(axis=-1, keepdims=True)
    spread = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        big_r = np.where(spread > 0, (2.0 * danger - hi - lo) / np.where(spread > 0, spread, 1.0), 0.0)
    return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


# --- one round (§1.4) ---------------------------------------------------------------------------------


def _round(x: np.ndarray, w: np.ndarray, s: np.ndarray, delta: np.ndarray, st: BDMSettings) -> dict:
    """Advance every row of ``x`` by one round; returns the new positions and what happened."""
    draws, n = x.shape
    rows = np.arange(draws)[:, None]
    mu = weighted_median(x, w)
    d = _distance(x, delta)
    d_mu = np.minimum(np.abs(x - mu[:, None]) / delta[:, None], 1.0)
    differ = d > 0
    support1 = _support_direct(d, w) if st.prob_rule == "scholz_code" else _support(x, w, d, delta)
    p1 = _probability(support1, st.prob_rule, differ)

    # Risk step: every EU at r = 1; danger_i = sum over challengers j of EU(j -> i; 1).
    if st.Q == 1.0:
        # At r = 1: U_s = 2d, U_f = -2d, U_sq = 0, so EU(j -> i; 1) = 2 d_ij (1 - 2 s_i (1 - P_ji)),
        # which is 0 at equal positions; the sum over j needs two row sums.
        danger = 2.0 * (d.sum(axis=1) - 2.0 * s * (d * (1.0 - p1)).sum(axis=1))
    else:
        eu1 = expected_utility(d, d_mu[:, :, None], p1, s[:, None, :], 1.0, st.Q, st.T)
        danger = np.where(differ, eu1, 0.0).sum(axis=1)
    r = risk_exponents(danger)
    p = _probability(_support_direct(d, w, r), st.prob_rule, differ) if st.prob_rule == "scholz_code" else p1

    x_i = x[:, :, None]
    x_j = x[:, None, :]
    if st.perspective == "own":
        # Each actor's own EU with its own exponent; challenger j sends an offer to i if EU_j(j->i) > 0.
        own = expected_utility(d, d_mu[:, :, None], p, s[:, None, :], r[:, :, None], st.Q, st.T)
        e_ij = own  # receiver i's EU of challenging j
        e_ji = np.swapaxes(own, 1, 2)  # sender j's EU of challenging i
        offered = differ & (e_ji > 0)
        best = np.max(np.where(offered, e_ji, -np.inf), axis=2, keepdims=True)
        candidate = offered & (e_ji == best)
        movement = np.where(candidate, np.abs(x_j - x_i), np.inf)
        j_star = np.argmin(movement, axis=2)
        has = candidate.any(axis=2)
        ui = e_ij[rows, np.arange(n)[None, :], j_star]
        uj = e_ji[rows, np.arange(n)[None, :], j_star]
        xj = x[rows, j_star]
        kind = np.zeros((draws, n), dtype=np.int8)
        kind[(ui > 0) & (ui < uj)] = 1
        kind[(ui < 0) & (np.abs(ui) < uj)] = 2
        kind[(ui < 0) & (np.abs(ui) > uj)] = 3
        kind[~has] = 0
        new_pos = np.where(kind == 2, x + (xj - x) * np.abs(ui / np.where(uj != 0, uj, 1.0)), xj)
    else:
        # Perceiver view: i evaluates both directions with its own exponent r_i.
        # U_s, U_f and U_sq depend only on d_ij = d_ji and r_i: shared by both directions.
        r_i = r[:, :, None]
        u_s = utility(0.5 - 0.5 * d, r_i)
        u_f = utility(0.5 + 0.5 * d, r_i)
        u_sq = utility(0.5, r_i)
        # EU = U_s - s_target (1 - P) (U_s - U_f) - Q U_sq [- (1 - Q)(T U_b + (1 - T) U_w)]
        spread = u_s - u_f
        base = u_s - st.Q * u_sq
        e_ij = base - s[:, None, :] * (1.0 - p) * spread
        e_ji = base - s[:, :, None] * (1.0 - np.swapaxes(p, 1, 2)) * spread
        if st.Q != 1.0:
            e_ij -= _status_quo_terms(d, d_mu[:, :, None], r_i, st.Q, st.T)
            e_ji -= _status_quo_terms(d, d_mu[:, None, :], r_i, st.Q, st.T)
        conflict = differ & (e_ji > e_ij) & (e_ij > 0)
        yielding = differ & (e_ji > 0) & (e_ij < 0)
        compromise = yielding & (e_ji > np.abs(e_ij))
        capitulation = yielding & ~compromise
        # The three kinds exclude each other (E_ij > 0 vs E_ij < 0; compromise vs not).
        offer_kind = conflict.view(np.int8) + compromise.view(np.int8) * np.int8(2)
        offer_kind += capitulation.view(np.int8) * np.int8(3)
        with np.errstate(invalid="ignore", divide="ignore"):
            offer_pos = np.where(compromise, x_i + (x_j - x_i) * np.abs(e_ij) / e_ji, x_j)
        movement = np.where(offer_kind > 0, np.abs(offer_pos - x_i), np.inf)
        if st.offer_selection == "least_move":
            # Least movement; ties to the larger E_ji, then the lower index.
            least = movement.min(axis=2, keepdims=True)
            tied = (movement == least) & (offer_kind > 0)
            top = np.max(np.where(tied, e_ji, -np.inf), axis=2, keepdims=True)
            j_star = np.argmax(tied & (e_ji == top), axis=2)
        else:
            # Scholz code: any conflict first (nearest), else the compromise with the smallest
            # (|E_ij| x_i + |E_ji| x_j) / (|E_ij| + |E_ji|), else the nearest capitulation.
            priority = np.where(offer_kind == 0, 9, np.where(offer_kind == 1, 0, offer_kind - 1))
            tier = priority == priority.min(axis=2, keepdims=True)
            a, b = np.abs(e_ij), np.abs(e_ji)
            with np.errstate(invalid="ignore", divide="ignore"):
                biased = (a * x_i + b * x_j) / (a + b)
            key = np.where(offer_kind == 2, biased, movement)
            j_star = np.argmin(np.where(tier & (offer_kind > 0), key, np.inf), axis=2)
        idx = (rows, np.arange(n)[None, :], j_star)
        kind = offer_kind[idx]
        new_pos = np.where(kind > 0, offer_pos[idx], x)
        ui, uj = e_ij[idx], e_ji[idx]
    moved = kind > 0
    return {
        "x": np.where(moved, new_pos, x),
        "r": r,
        "kind": kind,
        "counterpart": np.where(moved, j_star, -1),
        "E_ij": np.where(moved, ui, np.nan),
        "E_ji": np.where(moved, uj, np.nan),
    }


def _round_chunked(x: np.ndarray, w: np.ndarray, s: np.ndarray, delta: np.ndarray, st: BDMSettings) -> dict:
    """:func:`_round` on chunks of the (active) draws, so the round's work arrays stay small."""
    draws, n = x.shape
    chunk = max(1, _WORK_ELEMENTS // n**2)
    if draws <= chunk:
        return _round(x, w, s, delta, st)
    parts = [
        _round(x[lo : lo + chunk], w[lo : lo + chunk], s[lo : lo + chunk], delta[lo : lo + chunk], st)
        for lo in range(0, draws, chunk)
    ]
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


# --- the run (§1.5, §1.6) -----------------------------------------------------------------------------


def _delta(x0: np.ndarray, setting: str | float) -> np.ndarray:
    if setting == "initial_range":
        return x0.max(axis=1) - x0.min(axis=1)
    value = ISSUE_SCALE if setting == "issue_scale" else float(setting)
    return np.full(x0.shape[0], value)


def simulate(
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    settings: BDMSettings,
    *,
    record: bool = False,
) -> dict[str, np.ndarray | list]:
    """Run the model on every draw (rows) at once; each draw stops on its own.

    Returns arrays: ``forecast``, ``status`` (see :func:`status_label`), ``rounds``, ``cycle_min``,
    ``cycle_max`` (NaN unless a cycle), ``final_positions``, ``median``/``mean`` (final), ``moves``
    (rounds in which each actor moved) and ``counterpart_moves`` (n, n): moves of i toward j summed
    over draws. With ``record=True`` also ``history``: one dict per round (positions, r, move kind,
    counterpart, E_ij, E_ji, median, mean), NaN / -1 for draws that had already stopped.
    Inputs must already be validated (:func:`validate_inputs`); they are not modified.
    """
    x0, c, s = position, capability, salience
    draws, n = x0.shape
    block = max(1, _BLOCK_ELEMENTS // n)
    if record or draws <= block:
        return _simulate_block(x0, c, s, settings, record=record)
    parts = [
        _simulate_block(x0[lo : lo + block], c[lo : lo + block], s[lo : lo + block], settings)
        for lo in range(0, draws, block)
    ]
    out = {
        key: np.concatenate([part[key] for part in parts]) for key in parts[0] if key != "counterpart_moves"
    }
    out["counterpart_moves"] = sum(part["counterpart_moves"] for part in parts)
    return out


def _simulate_block(x0, c, s, st: BDMSettings, *, record: bool = False) -> dict:
    draws, n = x0.shape
    w = c * s
    delta = _delta(x0, st.delta)
    eps = st.tol * delta
    x = x0.copy()
    median0 = weighted_median(x, w)
    status = np.full(draws, STATUS_CONVERGED, dtype=np.int64)
    rounds = np.zeros(draws, dtype=np.int64)
    forecast = median0.copy()
    cycle_min = np.full(draws, np.nan)
    cycle_max = np.full(draws, np.nan)
    moves = np.zeros((draws, n), dtype=np.int64)
    counterpart_moves = np.zeros((n, n), dtype=np.int64)
    slots = CYCLE_WINDOW + 1
    ring_x = np.empty((draws, slots, n))
    ring_mu = np.empty((draws, slots))
    ring_x[:, 0] = x
    ring_mu[:, 0] = median0
    # All initial positions equal: nothing to bargain about (§1.6).
    active = x0.max(axis=1) > x0.min(axis=1)
    if st.max_rounds == 0:
        status[active] = STATUS_MAX_ROUNDS
        active[:] = False
    history: list[dict] = []
    for t in range(1, st.max_rounds + 1):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        xa = x[idx]
        wa = w[idx]
        step = _round_chunked(xa, wa, s[idx], delta[idx], st)
        new = step["x"]
        x[idx] = new
        mu = weighted_median(new, wa)
        moved = step["kind"] > 0
        moves[idx] += moved
        np.add.at(counterpart_moves, (np.nonzero(moved)[1], step["counterpart"][moved]), 1)
        rounds[idx] = t
        forecast[idx] = mu
        tol = eps[idx]
        done = np.abs(new - xa).max(axis=1) <= tol
        status_now = np.where(done, STATUS_CONVERGED, -1)
        for k in range(2, min(CYCLE_WINDOW, t) + 1):
            back = ring_x[idx, (t - k) % slots]
            hit = (status_now < 0) & (np.abs(new - back).max(axis=1) <= tol)
            status_now[hit] = k
        ring_x[idx, t % slots] = new
        ring_mu[idx, t % slots] = mu
        cyc = status_now >= 2
        if cyc.any():
            ci = idx[cyc]
            k = status_now[cyc]
            lags = np.arange(CYCLE_WINDOW)[None, :]
            in_cycle = lags < k[:, None]
            mus = ring_mu[ci[:, None], (t - lags) % slots]
            forecast[ci] = np.where(in_cycle, mus, 0.0).sum(axis=1) / k
            cycle_min[ci] = np.where(in_cycle, mus, np.inf).min(axis=1)
            cycle_max[ci] = np.where(in_cycle, mus, -np.inf).max(axis=1)
        stopped = status_now >= 0
        status[idx[stopped]] = status_now[stopped]
        active[idx[stopped]] = False
        if t == st.max_rounds:
            status[idx[~stopped]] = STATUS_MAX_ROUNDS
        if record:
            entry = {
                "positions": np.full((draws, n), np.nan),
                "r": np.full((draws, n), np.nan),
                "kind": np.zeros((draws, n), dtype=np.int8),
                "counterpart": np.full((draws, n), -1),
                "E_ij": np.full((draws, n), np.nan),
                "E_ji": np.full((draws, n), np.nan),
                "median": np.full(draws, np.nan),
                "mean": np.full(draws, np.nan),
            }
            entry["positions"][idx] = new
            entry["median"][idx] = mu
            entry["mean"][idx] = weighted_mean(new, wa)
            for key in ("r", "kind", "counterpart", "E_ij", "E_ji"):
                entry[key][idx] = step[key]
            history.append(entry)
    out = {
        "forecast": forecast,
        "status": status,
        "rounds": rounds,
        "cycle_min": cycle_min,
        "cycle_max": cycle_max,
        "final_positions": x,
        "median": weighted_median(x, w),
        "mean": weighted_mean(x, w),
        "moves": moves,
        "counterpart_moves": counterpart_moves,
    }
    if record:
        out["history"] = history
    return out
