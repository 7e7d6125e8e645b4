"""Credibility of Article 5 for one target: κ_T = P(Σ_{k resolute} a_k ≥ θ_T) (models.md §3.3).

Each ally k is *resolute* with probability w_k (its willingness) and brings capability share a_k. The
response is effective when the resolute allies' capabilities reach the threshold θ_T. κ_T is the
probability of an effective response, the challenger's belief that the threat will be carried out
(Zagare & Kilgour 2000, Perfect Deterrence Theory).

* Independent allies: an exact dynamic programme over integer capability units (u_k = round(a_k/δ)),
  saturating at the threshold, batched over a leading draw axis.
* Correlated resolve: a one-factor Gaussian copula with loading √ρ; the exact value is the integral
  over the common shock, evaluated by Gauss–Hermite quadrature around the independent DP. ρ = 1 is
  the comonotone limit.
* Special cases: "at least r of m allies" (Poisson-binomial tail) and "a key ally must respond".

**Key ally** (``key``, an ally index; any index outside the allies switches the rule off): the
response is effective only if ally ``key`` is resolute *and* the resolute allies reach θ,
κ = P(key resolute ∧ Σ_{k resolute} a_k ≥ θ). Independent allies: κ = w_key · κ(w with w_key = 1),
the same DP with the key ally forced resolute; correlated resolve: ∫ φ(z) w_key(z) κ_key forced(w(z)) dz
by the same quadrature; comonotone: min(w_key, κ). This exact conjunction replaces models.md §3.3's
"set θ above the sum of the other allies' shares", which coincides with it only when θ already
exceeds the others' sum or the key ally alone outweighs them, and otherwise makes more capability of
the other allies *lower* κ (their share raises θ). With the conjunction, raising any non-key ally's
capability or willingness never lowers κ.

Edge cases (models.md §3.8): θ ≤ 0 gives κ = 1 (w_key with a key ally); θ above the total capability
gives κ = 0; no allies gives κ = 0 (the target stands alone, whatever θ); w outside [0, 1], a < 0 or
NaN anywhere is an error.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.special import ndtr, ndtri

from redline.budget import check_memory, check_work, fits
from redline.errors import RedlineError

__all__ = [
    "DEFAULT_DELTA",
    "GH_NODES",
    "HIGH_RHO",
    "at_least",
    "capability_units",
    "credibility",
    "credibility_comonotone",
    "credibility_independent",
    "key_ally",
    "resolute_count_tail",
]

DEFAULT_DELTA = 0.001
"""Capability unit δ of the DP: shares are rounded to multiples of δ."""

GH_NODES = 80
"""Gauss–Hermite nodes for the correlated-resolve integral (models.md §3.3)."""

HIGH_RHO = 0.9
"""Above this correlation the integral uses a composite Gauss–Legendre rule (see ``_factor_nodes``)."""

MAX_PANELS = 2048
"""Most panels of the composite rule (16,384 nodes): panels stay within s/2 up to ρ ≈ 0.999."""

MAX_DP_ROWS = 1 << 16
"""Most (node × draw) rows handed to the DP at once, so memory stays bounded as ρ → 1."""

_CHUNK = 256
"""Draws per DP pass: keeps the (units, draws) working array inside the CPU cache."""


def _as_draws(x: np.ndarray | float, name: str, ndim: int) -> np.ndarray:
    arr = np.asarray(x, dtype=float)
    if arr.ndim > ndim:
        raise RedlineError(
            f"{name}: expected at most {ndim} dimensions (draws, allies), got shape {arr.shape}"
        )
    if np.isnan(arr).any():
        raise RedlineError(f"{name}: contains NaN; fill the gap or drop the ally (expected numbers)")
    return arr


def _validate(w: np.ndarray, a: np.ndarray, theta: np.ndarray) -> None:
    if ((w < 0) | (w > 1)).any():
        bad = w[(w < 0) | (w > 1)].ravel()[0]
        raise RedlineError(f"willingness w: every w_k must lie in [0, 1], found {bad:g}")
    if (a < 0).any() or np.isinf(a).any():
        raise RedlineError(
            f"capability a: every a_k must be finite and >= 0, found {a[(a < 0) | np.isinf(a)].ravel()[0]:g}"
        )
    if np.isinf(theta).any():
        raise RedlineError("threshold theta: must be finite")


def capability_units(a: np.ndarray, delta: float = DEFAULT_DELTA) -> np.ndarray:
    """Integer capability units u_k = round(a_k / δ) (models.md §3.3)."""
    if not delta > 0:
        raise RedlineError(f"delta: the capability unit must be > 0, got {delta!r}")
    return np.rint(np.asarray(a, dtype=float) / delta).astype(np.int64)


def _broadcast(w, a, theta):
    """Bring w, a to (draws, m) and theta to (draws,); return (w, a, theta, squeeze_flag)."""
    w = _as_draws(w, "willingness w", 2)
    a = _as_draws(a, "capability a", 2)
    theta = _as_draws(theta, "threshold theta", 1)
    _validate(w, a, theta)
    scalar = w.ndim < 2 and a.ndim < 2 and theta.ndim == 0
    w2 = np.atleast_2d(w)
    a2 = np.atleast_2d(a)
    if w2.shape[-1] != a2.shape[-1]:
        raise RedlineError(
            f"w and a must list the same allies: {w2.shape[-1]} willingness values, {a2.shape[-1]} capabilities"
        )
    draws = max(w2.shape[0], a2.shape[0], theta.size if theta.ndim else 1)
    for name, n in (("w", w2.shape[0]), ("a", a2.shape[0]), ("theta", theta.size if theta.ndim else 1)):
        if n not in (1, draws):
            raise RedlineError(f"{name}: {n} draws do not match {draws} draws of the other inputs")
    w2 = np.broadcast_to(w2, (draws, w2.shape[1]))
    theta1 = np.broadcast_to(np.atleast_1d(theta), (draws,))
    return w2, a2, theta1, scalar


def _check_dp_size(draws: int, allies: int, cells: int, chunk: int) -> None:
    """Refuse a DP whose grid of capability units would not fit (e.g. capability drawn from a wide
    distribution, so one ally's units run into the billions)."""
    hint = "use a coarser capability unit delta, fewer draws, or narrower capability uncertainty"
    check_memory("credibility DP", 4.0 * 8 * cells * chunk, hint=hint)
    check_work("credibility DP", float(draws) * allies * cells, hint=hint)
    fits()  # a dry run (validate) stops here


def _dp_fixed(w: np.ndarray, u: np.ndarray, t_units: np.ndarray) -> np.ndarray:
    """Exact tail P(S ≥ t_d) for draws of w (D, m) sharing the units u (m,).

    The distribution of S is kept on 0..T with T = max t_d, the top cell absorbing S ≥ T, in a
    (T + 1, draws) layout so that a shift by u_k is a slice. Allies that reach T alone go first (they
    only move mass to the top cell), then the others smallest first so the reachable range stays short.
    """
    draws = w.shape[0]
    T = int(t_units.max())
    _check_dp_size(draws, len(u), T + 1, min(_CHUNK, draws))
    out = np.empty(draws)
    # allies that alone reach T only move mass to the top cell: cheapest first, then the rest ascending
    order = sorted((k for k in range(len(u)) if u[k] > 0), key=lambda k: (u[k] < T, u[k]))
    buf = np.empty((T + 1, min(_CHUNK, draws)))
    for lo in range(0, draws, _CHUNK):
        wc = w[lo : lo + _CHUNK].T  # (m, n)
        n = wc.shape[1]
        dist = np.zeros((T + 1, n))
        dist[0] = 1.0
        reach = 0  # highest index below T that can hold mass
        for k in order:
            uk, wk = int(u[k]), wc[k]
            hi = min(reach, T - 1)
            first = max(T - uk, 0)
            if first <= hi:  # mass that jumps to >= T is absorbed in the top cell
                dist[T] += wk * dist[first : hi + 1].sum(axis=0)
            src = min(hi, T - 1 - uk)  # highest source landing below T
            if src >= 0:
                moved = np.multiply(dist[: src + 1], wk, out=buf[: src + 1, :n])
            dist[: hi + 1] *= 1.0 - wk
            if src >= 0:
                dist[uk : uk + src + 1] += moved
            if uk < T:
                reach = min(reach + uk, T - 1)
        tc = t_units[lo : lo + n]
        if (tc == T).all():
            out[lo : lo + n] = dist[T]
        else:  # P(S >= t) = 1 - P(S <= t - 1)
            below = np.cumsum(dist, axis=0)
            out[lo : lo + n] = 1.0 - below[tc - 1, np.arange(n)]
    return out


def _dp_varying(w: np.ndarray, u: np.ndarray, t_units: np.ndarray) -> np.ndarray:
    """The same DP when the units differ per draw: u (D, m); shifts by gather on a (draws, S) grid."""
    draws, m = w.shape
    _check_dp_size(draws, m, int(u.sum(axis=1).max()) + 1, min(_CHUNK, draws))
    out = np.empty(draws)
    for lo in range(0, draws, _CHUNK):
        wc, uc, tc = w[lo : lo + _CHUNK], u[lo : lo + _CHUNK], t_units[lo : lo + _CHUNK]
        n = wc.shape[0]
        S = int(uc.sum(axis=1).max())
        grid = np.arange(S + 1)
        dist = np.zeros((n, S + 1))
        dist[:, 0] = 1.0
        for k in range(m):
            idx = grid[None, :] - uc[:, k : k + 1]
            shifted = np.take_along_axis(dist, np.clip(idx, 0, None), axis=1)
            shifted[idx < 0] = 0.0
            dist = (1.0 - wc[:, k : k + 1]) * dist + wc[:, k : k + 1] * shifted
        tail = np.cumsum(dist[:, ::-1], axis=1)[:, ::-1]
        tail = np.concatenate([tail, np.zeros((n, 1))], axis=1)
        out[lo : lo + n] = tail[np.arange(n), np.minimum(tc, S + 1)]
    return out


def _key_in(key: int, m: int) -> bool:
    """True when ``key`` names one of the m allies (the key-ally rule is on)."""
    if isinstance(key, bool) or not isinstance(key, int | np.integer):
        raise RedlineError(f"key: expected an ally index (an integer; -1 = no key ally), got {key!r}")
    return 0 <= int(key) < m


def _force_key(w2: np.ndarray, key: int) -> tuple[np.ndarray, np.ndarray]:
    """(w with the key ally resolute for sure, the key ally's w per draw)."""
    forced = np.array(w2, dtype=float, copy=True)
    w_key = forced[:, key].copy()
    forced[:, key] = 1.0
    return forced, w_key


def credibility_independent(w, a, theta, delta: float = DEFAULT_DELTA, key: int = -1) -> np.ndarray | float:
    """κ_T with independent allies, exactly, by the DP over capability units (models.md §3.3).

    Parameters
    ----------
    w, a : array_like, shape (m,) or (draws, m)
        Willingness (probability of being resolute) and capability share per ally.
    theta : float or array_like, shape (draws,)
        Capability share the responders must reach.
    delta : float
        Capability unit; shares and θ are rounded to multiples of δ.
    key : int
        Index of an ally that must respond (see the module docstring); outside 0..m−1 = none.

    Returns
    -------
    κ_T per draw (a float when every input is unbatched).
    """
    w2, a2, theta1, scalar = _broadcast(w, a, theta)
    draws, m = w2.shape
    out = np.zeros(draws)
    w_key = None
    if _key_in(key, m):  # κ = w_key · P(a_key + Σ_{k≠key resolute} a_k ≥ θ)
        w2, w_key = _force_key(w2, key)
    if m:
        u = capability_units(a2, delta)
        t = capability_units(theta1, delta)
        total = a2.sum(axis=1)
        total = np.broadcast_to(total, (draws,))
        t = np.maximum(t, 0)
        certain = theta1 <= 0
        impossible = (theta1 > total * (1 + 1e-12)) & ~certain
        todo = ~certain & ~impossible & (t > 0)
        out[certain | (~impossible & (t <= 0))] = 1.0
        if todo.any():
            if a2.shape[0] == 1 or (u == u[0]).all():
                out[todo] = _dp_fixed(w2[todo], u[0], t[todo])
            else:
                out[todo] = _dp_varying(w2[todo], np.broadcast_to(u, (draws, m))[todo], t[todo])
        if w_key is not None:
            out *= w_key
        np.clip(out, 0.0, 1.0, out=out)  # sums of probabilities may stray by an ulp
    return float(out[0]) if scalar else out


def credibility_comonotone(w, a, theta, delta: float = DEFAULT_DELTA, key: int = -1) -> np.ndarray | float:
    """The ρ = 1 limit: ally k is resolute iff U < w_k for one common uniform U (models.md §3.8).

    κ_T is the largest u such that the allies with w_k ≥ u reach θ (0 if even all allies do not);
    with a key ally (``key``, an index) also U < w_key, so κ = min(w_key, that u).
    """
    w2, a2, theta1, scalar = _broadcast(w, a, theta)
    draws, m = w2.shape
    out = np.zeros(draws)
    if m:
        u = np.broadcast_to(capability_units(a2, delta), (draws, m))
        t = capability_units(theta1, delta)
        order = np.argsort(-w2, axis=1, kind="stable")
        w_sorted = np.take_along_axis(w2, order, axis=1)
        reach = np.cumsum(np.take_along_axis(u, order, axis=1), axis=1)
        enough = reach >= t[:, None]
        first = enough.argmax(axis=1)
        out = np.where(enough.any(axis=1), w_sorted[np.arange(draws), first], 0.0)
        out[theta1 <= 0] = 1.0
        if _key_in(key, m):
            out = np.minimum(out, w2[:, key])
    return float(out[0]) if scalar else out


def credibility(w, a, theta, rho=0.0, delta: float = DEFAULT_DELTA, nodes: int = GH_NODES, key: int = -1):
    """κ_T = P(Σ_{k resolute} a_k ≥ θ_T), exactly, with optional correlated resolve (models.md §3.3).

    Ally k is resolute iff √ρ·Z + √(1−ρ)·ε_k < Φ⁻¹(w_k) (one-factor Gaussian copula; Z is a common
    shock such as US political will). The marginals stay w_k. For 0 < ρ < 1 the value is
    ∫ φ(z) κ_T(w(z)) dz with w_k(z) = Φ((Φ⁻¹(w_k) − √ρ z)/√(1−ρ)), by ``nodes``-point
    Gauss–Hermite quadrature around the independent DP (above ρ = 0.9, where the integrand has
    sharp steps, a composite Gauss–Legendre rule); ρ = 0 is the DP itself and ρ = 1 the comonotone
    limit.

    Parameters
    ----------
    w, a : array_like, shape (m,) or (draws, m)
        Willingness and capability share per ally (a leading draw axis broadcasts).
    theta : float or array_like (draws,)
        Threshold θ_T as a capability share.
    rho : float or array_like (draws,)
        Correlation of resolve, in [0, 1].
    delta : float
        Capability unit of the DP.
    key : int
        Index of an ally without whom no response is effective: κ = P(key resolute ∧ Σ ≥ θ), the
        integrand w_key(z)·κ(w(z) with the key resolute); outside 0..m−1 (default −1) = no key ally.

    Returns
    -------
    κ_T, a float for unbatched input, else an array of shape (draws,).

    References
    ----------
    Zagare & Kilgour (2000), *Perfect Deterrence*; models.md §3.3.

    Examples
    --------
    >>> round(credibility([0.8, 0.5], [0.6, 0.4], 0.5), 6)
    0.8
    """
    rho_arr = _as_draws(rho, "correlation rho", 1)
    if ((rho_arr < 0) | (rho_arr > 1)).any():
        raise RedlineError(
            f"correlation rho: expected a value in [0, 1], found {rho_arr[(rho_arr < 0) | (rho_arr > 1)].ravel()[0]:g}"
        )
    if not (rho_arr > 0).any():
        return credibility_independent(w, a, theta, delta, key)
    w2, a2, theta1, scalar = _broadcast(w, a, theta)
    draws, m = w2.shape
    rho1 = (
        np.broadcast_to(np.atleast_1d(rho_arr), (draws,)) if rho_arr.ndim else np.full(draws, float(rho_arr))
    )
    if rho_arr.ndim and rho_arr.size not in (1, draws):
        raise RedlineError(f"rho: {rho_arr.size} draws do not match {draws} draws of the other inputs")
    out = np.empty(draws)
    a_full = np.broadcast_to(a2, (draws, m))
    zero = rho1 == 0
    one = rho1 == 1
    mid = ~zero & ~one
    if zero.any():
        out[zero] = credibility_independent(w2[zero], a_full[zero], theta1[zero], delta, key)
    if one.any():
        out[one] = credibility_comonotone(w2[one], a_full[one], theta1[one], delta, key)
    # Each draw's node set depends only on its own ρ (Gauss–Hermite, or the panel bucket of the
    # composite rule), so κ does not depend on which other draws share a chunk.
    level = np.where(rho1 > HIGH_RHO, _panel_bucket(rho1), 0)
    for bucket in np.unique(level[mid]):
        group = mid & (level == bucket)
        if group.any():
            z, weight = _factor_nodes(int(bucket), nodes)
            out[group] = _integrate_factor(
                w2[group],
                a2[0] if a2.shape[0] == 1 else a_full[group],
                theta1[group],
                rho1[group],
                z,
                weight,
                delta,
                key,
            )
    return float(out[0]) if scalar else out


def _panel_bucket(rho: np.ndarray) -> np.ndarray:
    """Panels of the composite rule for each ρ > HIGH_RHO: 17 / (s/2) rounded up to a power of two.

    s = √((1−ρ)/ρ) is the width over which each w_k(z) switches from 1 to 0. The count is capped at
    :data:`MAX_PANELS`, which keeps time and memory bounded as ρ → 1 (the rule is then coarser than
    s/2 only for ρ above about 0.9998, where κ is within a few 1e-3 of the comonotone limit).
    """
    with np.errstate(divide="ignore"):
        width = 0.5 * np.sqrt((1.0 - rho) / rho)
        need = np.ceil(np.log2(np.maximum(17.0 / width, 1.0)))
    return np.minimum(2.0**need, MAX_PANELS).astype(np.int64)


@functools.lru_cache(maxsize=64)
def _factor_nodes(panels: int, nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights for ∫ φ(z) f(z) dz.

    ``panels == 0``: Gauss–Hermite with ``nodes`` points (ρ ≤ :data:`HIGH_RHO`). Above it each w_k(z)
    switches from 1 to 0 within a few s = √((1−ρ)/ρ) of its own point, too sharply for Gauss–Hermite,
    so a composite 8-point Gauss–Legendre rule with ``panels`` equal panels on [−8.5, 8.5] is used
    (:func:`_panel_bucket` gives panels no wider than s/2).
    """
    if panels == 0:
        z, weight = np.polynomial.hermite_e.hermegauss(nodes)
        return _read_only(z), _read_only(weight / np.sqrt(2.0 * np.pi))
    edges = np.linspace(-8.5, 8.5, panels + 1)
    x, wx = np.polynomial.legendre.leggauss(8)
    half = 0.5 * np.diff(edges)
    z = (0.5 * (edges[:-1] + edges[1:])[:, None] + half[:, None] * x[None, :]).ravel()
    weight = (half[:, None] * wx[None, :]).ravel() * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)
    return _read_only(z), _read_only(weight)


def _read_only(array: np.ndarray) -> np.ndarray:
    """``array`` made immutable (the rules are cached: the eigenvalue problem of Gauss–Hermite is the
    slowest part of a κ call)."""
    array.setflags(write=False)
    return array


def _integrate_factor(w, a, theta, rho, z, weight, delta, key: int = -1) -> np.ndarray:
    """Σ_j weight_j · κ(w(z_j)) for every draw, the DP batched over (nodes × draws); with a key ally
    κ(w(z)) is w_key(z) · κ(w(z) with the key resolute) (:func:`credibility_independent`).

    Draws are taken in slices of at most :data:`MAX_DP_ROWS` node × draw rows, so memory stays
    bounded however many nodes the rule has; the sum over nodes runs in node order for each draw.
    """
    nodes, n, m = z.size, w.shape[0], w.shape[1]
    step = max(1, MAX_DP_ROWS // nodes)
    out = np.empty(n)
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        r = rho[None, lo:hi, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            wz = ndtr((ndtri(w[lo:hi])[None] - np.sqrt(r) * z[:, None, None]) / np.sqrt(1.0 - r))
        k = hi - lo
        a_rows = a if a.ndim == 1 else np.broadcast_to(a[None, lo:hi], (nodes, k, m)).reshape(nodes * k, m)
        theta_rows = np.broadcast_to(theta[None, lo:hi], (nodes, k)).reshape(-1)
        kz = np.asarray(credibility_independent(wz.reshape(nodes * k, m), a_rows, theta_rows, delta, key))
        # summed along a contiguous last axis: the same order for a draw whatever the slice size
        out[lo:hi] = np.ascontiguousarray((weight[:, None] * kz.reshape(nodes, k)).T).sum(axis=-1)
    return np.clip(out, 0.0, 1.0)


def at_least(w, r, rho=0.0) -> np.ndarray | float:
    """P(at least r of the m allies are resolute): a_k = 1 and θ = r (the Poisson-binomial tail)."""
    w_arr = np.asarray(w, dtype=float)
    return credibility(w_arr, np.ones(w_arr.shape[-1]), r, rho=rho, delta=1.0)


resolute_count_tail = at_least


def key_ally(w, a, key: int, theta=0.0, rho=0.0, delta: float = DEFAULT_DELTA):
    """κ_T when ally ``key`` must respond: P(key resolute ∧ Σ_{k resolute} a_k ≥ θ) (models.md §3.3,
    the exact conjunction; see the module docstring). ``theta = 0``: P(the key ally responds)."""
    return credibility(w, a, theta, rho=rho, delta=delta, key=key)
