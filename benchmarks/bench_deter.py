"""Speed of the deterrence kernels, each against a naive per-draw Python loop run in the same process.

Run: python benchmarks/bench_deter.py [--draws 100000]

1. Exact credibility κ_T over 31 allies (NATO 2024 capability shares for target EST when the data
   snapshot is available, otherwise a fixed synthetic profile), w_k drawn per draw. Target: 100,000
   draws in <= 1 s. Two thresholds: θ from the data coding and a demanding θ = 0.35.
2. The closed-form challenger decision (κ*, regime, EU). Target: >= 2e7 draws/s/core.
The naive baselines are timed on a subset and reported as draws/s; the ratio is kernel/naive.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from redline.deterrence import challenger_decision, credibility


def naive_kappa(w: np.ndarray, a: np.ndarray, theta: float, delta: float = 0.001) -> np.ndarray:
    """Per-draw loop, per-ally loop, full distribution as a Python list (the obvious code)."""
    u = [int(round(x / delta)) for x in a]
    t = int(round(theta / delta))
    out = np.empty(len(w))
    for d in range(len(w)):
        dist = [1.0] + [0.0] * sum(u)
        for k, uk in enumerate(u):
            wk = w[d, k]
            new = [(1 - wk) * p for p in dist]
            for s in range(len(dist) - uk):
                new[s + uk] += wk * dist[s]
            dist = new
        out[d] = sum(dist[t:])
    return out


def loop_numpy_kappa(w: np.ndarray, a: np.ndarray, theta: float, delta: float = 0.001) -> np.ndarray:
    """Per-draw loop around the obvious NumPy DP (one array per draw): the stronger baseline."""
    u = np.rint(np.asarray(a) / delta).astype(int)
    t = int(round(theta / delta))
    out = np.empty(len(w))
    for d in range(len(w)):
        dist = np.zeros(u.sum() + 1)
        dist[0] = 1.0
        for k, uk in enumerate(u):
            new = (1 - w[d, k]) * dist
            new[uk:] += w[d, k] * dist[: dist.size - uk]
            dist = new
        out[d] = dist[t:].sum()
    return out


def naive_decision(kappa, A, B):
    out = []
    for k, a, b in zip(kappa, A, B, strict=True):
        eu = (1 - k) * a + k * b
        if a <= 0:
            out.append(("no_opportunity", eu, float("nan")))
        elif b >= 0:
            out.append(("undeterrable", eu, float("nan")))
        else:
            ks = a / (a - b)
            out.append(("deterred" if k >= ks else "deterrence_fails", eu, ks))
    return out


def shares() -> tuple[np.ndarray, str]:
    try:
        from redline.deterrence import from_world

        game = from_world(2024, "EST")
        return np.asarray(game.a), f"NATO 2024 shares for EST (theta from data {game.theta:.3f})"
    except Exception as exc:  # no snapshot: a synthetic 31-ally profile with one dominant ally
        a = np.array([0.66] + [0.34 / 30] * 30)
        return a, f"synthetic shares ({type(exc).__name__})"


def timed(fn, *args, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--naive-draws", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    a, label = shares()
    m = len(a)
    w = rng.beta(8, 2, size=(args.draws, m))
    print(f"exact credibility, {m} allies, {label}")
    for theta_label, theta in (("theta=data", None), ("theta=0.35", 0.35)):
        th = theta
        if th is None:
            from redline.deterrence import from_world

            try:
                th = from_world(2024, "EST").theta
            except Exception:
                th = 0.10
        fast = timed(credibility, w, a, th)
        fast_rate = args.draws / fast
        ok = True
        for name, fn, n_base in (
            ("pure-Python loop", naive_kappa, args.naive_draws),
            ("per-draw NumPy loop", loop_numpy_kappa, 20 * args.naive_draws),
        ):
            slow = timed(fn, w[:n_base], a, th, repeat=1)
            ok &= np.allclose(credibility(w[:n_base], a, th), fn(w[:n_base], a, th), atol=1e-10)
            print(
                f"  {theta_label:<11} kernel {args.draws:,} draws in {fast:.3f} s = {fast_rate:,.0f} draws/s | "
                f"{name} {n_base / slow:,.0f} draws/s | ratio {fast_rate * slow / n_base:,.0f}x"
            )
        print(
            f"  {theta_label:<11} agree with both baselines: {ok} | target 100,000 draws <= 1 s: {'met' if fast <= args.draws / 100_000 else 'MISSED'}"
        )

    n = 10_000_000
    kappa = rng.uniform(size=n)
    A = rng.uniform(-0.2, 1.0, size=n)
    B = rng.uniform(-2.0, 0.2, size=n)
    naive_n = 200_000
    slow = timed(naive_decision, kappa[:naive_n], A[:naive_n], B[:naive_n], repeat=1)
    slow_rate = naive_n / slow
    chunk = 65_536  # the chunk monte_carlo evaluates at once

    def chunked():
        for lo in range(0, n, chunk):
            challenger_decision(kappa[lo : lo + chunk], A[lo : lo + chunk], B[lo : lo + chunk])

    for label, fn, args in (
        ("one call of 1e7", challenger_decision, (kappa, A, B)),
        ("65,536-draw chunks", chunked, ()),
    ):
        fast_rate = n / timed(fn, *args)
        print(
            f"closed-form decision, {label}: kernel {fast_rate:,.0f} draws/s (1 thread) | naive loop "
            f"{slow_rate:,.0f} draws/s | ratio {fast_rate / slow_rate:,.0f}x | target 2e7 draws/s/core: "
            f"{'met' if fast_rate >= 2e7 else 'MISSED'}"
        )
    print(
        f"load average while measuring: {', '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
