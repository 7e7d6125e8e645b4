"""Speed of the escalation kernels (models.md §4), against naive per-draw loops timed in the same run.

    python benchmarks/bench_escalation.py [--draws 20000]

1. Exact propagation over D parameter draws (θ_0 and h drawn per draw), batched, against calling
   the same exact propagation once per draw in a Python loop.
2. Batched Monte Carlo of 10 D runs (seeded, chunk-invariant uniforms; paths recorded) against a
   plain-Python run-by-run loop. Both are warmed up and timed best of 3.
Numbers are illustrative (the Kursk ladder of §4.3).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np

from redline.escalation import load_ladder, propagate, simulate

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeats: int = 1):
    """Best wall time of ``repeats`` calls (after the first, which warms caches up) and the result."""
    times, out = [], None
    for _ in range(repeats + (repeats > 1)):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times[1:] or times), out


def naive_monte_carlo(ladder, steps, draws, seed):
    rnd = random.Random(seed)
    k, tau = ladder.nuclear_rung, {r.rung: r.tau for r in ladder.red_lines}
    hits = 0
    for _ in range(draws):
        q = ladder.q_resolute if rnd.random() < ladder.pi_resolute else ladder.q_bluffer
        rung, theta = ladder.start, ladder.theta0
        for _ in range(steps):
            if rung == k:
                break
            rho = theta * ladder.q_resolute + (1 - theta) * ladder.q_bluffer
            if rung in tau and rho < tau[rung]:
                answered = rnd.random() < q
                like_r = ladder.q_resolute if answered else 1 - ladder.q_resolute
                like_b = ladder.q_bluffer if answered else 1 - ladder.q_bluffer
                theta = theta * like_r / (theta * like_r + (1 - theta) * like_b)
                rung = min(rung + 1 + answered, k)
            if rung < k and rnd.random() < ladder.h[rung]:
                rung += 1
        hits += rung == k
    return hits / draws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    ladder = load_ladder(ROOT / "examples" / "ladders" / "kursk.toml").posterior()
    rng = np.random.default_rng(0)
    d, n = args.draws, args.steps
    theta0 = rng.beta(6, 4, size=d)
    h3 = rng.uniform(0.0, 0.1, size=d)
    h = np.column_stack([np.zeros(d), np.zeros(d), np.full(d, 0.01), h3])

    batched_s, result = timed(lambda: propagate(ladder.params(theta0=theta0, h=h), n))
    loop_n = min(d, 500)
    loop_s, loop = timed(
        lambda: [
            propagate(ladder.replace(theta0=float(theta0[i]), h=tuple(h[i])), n).final[0]
            for i in range(loop_n)
        ]
    )
    assert np.allclose(result.final[:loop_n], loop, atol=1e-12)
    per_batched, per_loop = batched_s / d, loop_s / loop_n
    print(
        f"exact, {d} draws x {n} steps: batched {d / batched_s:,.0f} draws/s; per-draw loop {1 / per_loop:,.0f} draws/s; ratio {per_loop / per_batched:.1f}x"
    )

    mc_s, _ = timed(lambda: simulate(ladder, n, d * 10, rng=1), repeats=3)
    naive_n = min(d * 10, 50_000)
    naive_s, _ = timed(lambda: naive_monte_carlo(ladder, n, naive_n, 1), repeats=3)
    print(
        f"Monte Carlo, {d * 10} runs x {n} steps: batched {d * 10 / mc_s:,.0f} runs/s; "
        f"plain-Python loop {naive_n / naive_s:,.0f} runs/s; ratio {(naive_s / naive_n) / (mc_s / (d * 10)):.1f}x"
    )


if __name__ == "__main__":
    main()
