"""Speed of Redline's exact power indices (models.md §2.4), with ratios measured in the same run.

Run: ``python benchmarks/bench_power.py``. Prints, for each case, the best wall time of several
repeats and the ratio against its baseline:

1. EU27 qualified majority with the blocking-minority clause, Council 2025 populations (derived from
   the published shares, in thousands): exact Shapley-Shubik + Banzhaf by the DP (target <= 50 ms);
2. the §2.5 scale game, n = 30, weights 1..30, q = 233 (target <= 20 ms);
3. a 20-player weighted game: brute force over 2^20 coalitions vs the DP (ratio brute / DP);
4. a 50-player weighted game: the PyPI package ``powerindex`` vs Redline (ratio powerindex / Redline;
   Redline must be faster). Both results are compared to make sure they agree;
5. a 100-player weighted game (counts above 2^62: Redline's modular DP): ``powerindex``'s
   Shapley-Shubik against Redline's exact Shapley-Shubik + Banzhaf (target >= 10x), and
   ``powerindex``'s Banzhaf against Redline's Banzhaf-only DP and its full call (target >= 1x).
CPU seconds are printed beside wall seconds (best of N each) for the n = 100 case, and the 1-minute
load average beside every figure: the machine is shared, so compare the ratios (taken in this run)
and CPU seconds, and each figure only with its load.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np

from redline.decisions.power import banzhaf, brute_force_power, double_majority_power, weighted_power


def load() -> str:
    """The 1-minute load average when a figure was taken (printed beside it)."""
    return f"{os.getloadavg()[0]:.1f}"


def timed(fn: Callable[[], object], repeats: int = 15) -> tuple[float, object]:
    """Best (minimum) seconds over ``repeats`` calls after one warm-up, as ``timeit`` advises: on a
    shared machine the minimum is the least disturbed by other processes. Returns the last result."""
    result = fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def timed_cpu(fn: Callable[[], object], repeats: int = 3) -> tuple[float, float, object]:
    """Best wall and best CPU seconds over ``repeats`` calls (after one warm-up)."""
    result = fn()
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def eu_populations_2025() -> tuple[list[str], np.ndarray, Fraction]:
    """Council 2025 populations in thousands (share x EU total) and the official EU total in
    thousands (the 65 % quota refers to it), from the snapshot or the shared CSV."""
    try:
        from redline.adapters.power import eu_qmv_populations

        frame, _, total = eu_qmv_populations(2025)
        pops = np.rint(frame["population"].to_numpy() / 1000).astype(np.int64)
        return frame["iso3"].tolist(), pops, Fraction(int(total), 1000)
    except Exception:  # the data layer not available: read the shared CSV beside the repository
        import pandas as pd

        path = Path(__file__).resolve().parents[2] / "shared" / "data" / "eu_qmv_population.csv"
        table = pd.read_csv(path)
        total = float(table[(table.year == 2025) & (table.iso3 == "EU27")].population.iloc[0])
        rows = table[(table.year == 2025) & (table.iso3 != "EU27")]
        pops = np.rint(rows.pct_of_eu_population.to_numpy() / 100 * total / 1000).astype(np.int64)
        return rows.iso3.tolist(), pops, Fraction(int(total), 1000)


def main() -> None:
    rows: list[tuple[str, str, str, str]] = []

    def add(row: tuple[str, str, str]) -> None:
        rows.append((*row, load()))  # each figure with the load it was taken at

    names, pops, eu_total = eu_populations_2025()
    t_eu, eu = timed(lambda: double_majority_power(pops, names, total_population=eu_total))
    add(("EU27 QMV 2025, blocking clause (SS + Banzhaf)", f"{t_eu * 1e3:8.2f} ms", "target <= 50 ms"))

    t_30, _ = timed(lambda: weighted_power(list(range(1, 31)), 233))
    add(("n = 30, w = 1..30, q = 233 (SS + Banzhaf)", f"{t_30 * 1e3:8.2f} ms", "target <= 20 ms"))

    rng = np.random.default_rng(20)
    w20 = rng.integers(1, 60, 20)
    q20 = int(w20.sum()) // 2 + 1
    t_bf, bf = timed(lambda: brute_force_power(20, lambda c: c @ w20 >= q20), repeats=3)
    t_dp20, dp20 = timed(lambda: weighted_power(w20, q20))
    assert bf.swings == dp20.swings and bf.shapley_numerators == dp20.shapley_numerators
    add(("n = 20 weighted: brute force 2^20", f"{t_bf * 1e3:8.2f} ms", ""))
    add(("n = 20 weighted: counting DP", f"{t_dp20 * 1e3:8.2f} ms", f"brute/DP = {t_bf / t_dp20:,.0f}x"))

    w50 = rng.integers(1, 100, 50).tolist()
    q50 = sum(w50) // 2 + 1
    try:
        import powerindex
    except ImportError:
        add(("n = 50 weighted: powerindex", "not installed", "pip install powerindex"))
    else:

        def run_powerindex():
            game = powerindex.Game(q50, w50)
            game.calc()
            return game

        t_px, game = timed(run_powerindex, repeats=3)
        t_rl, ours = timed(lambda: weighted_power(w50, q50))
        assert np.allclose(game.shapley_shubik, ours.shapley_shubik, atol=1e-12)
        assert np.allclose(game.banzhaf, ours.banzhaf, atol=1e-12)
        add(("n = 50 weighted: powerindex (PyPI)", f"{t_px * 1e3:8.2f} ms", ""))
        add(
            (
                "n = 50 weighted: Redline DP",
                f"{t_rl * 1e3:8.2f} ms",
                f"powerindex/Redline = {t_px / t_rl:,.1f}x",
            )
        )

        w100 = rng.integers(1, 30, 100).tolist()
        q100 = sum(w100) // 2 + 1

        def px_ss():
            game = powerindex.Game(q100, w100)
            game.calc_shapley_shubik()
            return game

        def px_bz():
            game = powerindex.Game(q100, w100)
            game.calc_banzhaf()
            return game

        wall_ss, cpu_ss, g_ss = timed_cpu(px_ss, repeats=1)
        wall_bz, cpu_bz, g_bz = timed_cpu(px_bz)
        wall_rl, cpu_rl, ours = timed_cpu(lambda: weighted_power(w100, q100))
        wall_b, cpu_b, ours_b = timed_cpu(lambda: banzhaf(w100, q100))
        assert np.allclose(g_ss.shapley_shubik, ours.shapley_shubik, atol=1e-12)
        assert np.allclose(g_bz.banzhaf, ours.banzhaf, atol=1e-12) and np.allclose(ours_b, ours.banzhaf)
        add(
            ("n = 100 weighted: powerindex Shapley-Shubik", f"{wall_ss * 1e3:8.1f} ms", f"CPU {cpu_ss:.3f} s")
        )
        add(("n = 100 weighted: powerindex Banzhaf", f"{wall_bz * 1e3:8.1f} ms", f"CPU {cpu_bz:.3f} s"))
        add(
            (
                "n = 100 weighted: Redline exact SS + Banzhaf",
                f"{wall_rl * 1e3:8.1f} ms",
                f"CPU {cpu_rl:.3f} s; px SS/Redline = {cpu_ss / cpu_rl:,.0f}x (target >= 10), "
                f"px Banzhaf/Redline = {cpu_bz / cpu_rl:.2f}x (CPU)",
            )
        )
        add(
            (
                "n = 100 weighted: Redline Banzhaf only",
                f"{wall_b * 1e3:8.1f} ms",
                f"CPU {cpu_b:.3f} s; px Banzhaf/Redline = {cpu_bz / cpu_b:.2f}x (target >= 1, CPU)",
            )
        )

    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()} on {os.cpu_count()} cores")
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'best of N':>11}  {'load':>5}  note")
    for case, value, note, at_load in rows:
        print(f"{case:<{width}}  {value:>11}  {at_load:>5}  {note}")
    top = names[int(np.argmax(eu.shapley_shubik))]
    print(f"(check: EU27 Shapley-Shubik sums to {eu.shapley_shubik.sum():.12f}; largest {top})")


if __name__ == "__main__":
    main()
