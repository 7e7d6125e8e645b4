"""Plain scalar reference of Bueno de Mesquita's expected-utility model (models.md §1).

Written straight from the spec with Python loops and floats, sharing no code with the batched kernel
in ``redline.bargaining.bdm``. The tests compare the two; the benchmark times this one as the baseline.
"""

from __future__ import annotations

import itertools
import math

CONFLICT = "conflict"
COMPROMISE = "compromise"
CAPITULATION = "capitulation"


def weighted_median(x, w):
    """First position (in sorted order) where the cumulative weight reaches half the total."""
    order = sorted(range(len(x)), key=lambda k: (x[k], k))
    cumulative = []
    running = 0.0
    for k in order:
        running += w[k]
        cumulative.append(running)
    half = running / 2.0
    for pos, k in enumerate(order):
        if cumulative[pos] >= half:
            return x[k]
    return x[order[-1]]


def weighted_mean(x, w):
    top = 0.0
    bottom = 0.0
    for xk, wk in zip(x, w, strict=True):
        top += wk * xk
        bottom += wk
    return top / bottom


class Model:
    """One run of the model on plain lists."""

    def __init__(
        self,
        x,
        c,
        s,
        *,
        prob_rule="symmetric",
        offer_selection="least_move",
        perspective="perceiver",
        delta=None,
        Q=1.0,
        T=1.0,
        tol=1e-6,
        max_rounds=1000,
    ):
        self.x0 = [float(v) for v in x]
        self.c = [float(v) for v in c]
        self.s = [float(v) for v in s]
        self.w = [ci * si for ci, si in zip(self.c, self.s, strict=True)]
        self.n = len(self.x0)
        self.prob_rule = prob_rule
        self.offer_selection = offer_selection
        self.perspective = perspective
        self.delta = (max(self.x0) - min(self.x0)) if delta is None else float(delta)
        self.Q = Q
        self.T = T
        self.tol = tol
        self.max_rounds = max_rounds

    # --- building blocks (§1.3) -------------------------------------------------------------
    def d(self, a, b):
        value = abs(a - b) / self.delta
        return min(1.0, max(0.0, value))

    def vote(self, k, a, b, x, r):
        """Voter k's vote between positions a and b (positive if k prefers a)."""
        if self.prob_rule == "scholz_code":
            return self.w[k] * (self.d(x[k], b) ** r[k] - self.d(x[k], a) ** r[k])
        return self.w[k] * (self.d(x[k], b) - self.d(x[k], a))

    def scholz_denominator(self, x, r):
        """Sum of |votes| over every voter and every ordered pair of actors (Scholz code)."""
        bottom = 0.0
        for k in range(self.n):
            for a in range(self.n):
                for b in range(self.n):
                    bottom += abs(self.vote(k, x[a], x[b], x, r))
        return bottom

    def prob(self, i, j, x, r, scholz_bottom=None):
        """Probability that i's position prevails over j's."""
        if x[i] == x[j]:
            return 0.0
        votes = [self.vote(k, x[i], x[j], x, r) for k in range(self.n)]
        if self.prob_rule == "symmetric":
            top = sum(max(0.0, v) for v in votes)
            bottom = sum(abs(v) for v in votes)
        elif self.prob_rule == "net":
            top = max(0.0, sum(votes))
            bottom = sum(abs(v) for v in votes)
        else:  # scholz_code: denominator over every voter and every ordered pair of actors
            top = sum(max(0.0, v) for v in votes)
            bottom = scholz_bottom
        if bottom == 0.0:
            return 0.5
        return top / bottom

    def eu(self, i, j, r, x, P, mu):
        """EU of i challenging j, evaluated with exponent r."""
        if x[i] == x[j]:
            return 0.0
        dij = self.d(x[i], x[j])
        dim = self.d(x[i], mu)
        u_s = 2 - 4 * (0.5 - 0.5 * dij) ** r
        u_f = 2 - 4 * (0.5 + 0.5 * dij) ** r
        u_b = 2 - 4 * (0.5 - 0.25 * (dim + dij)) ** r
        u_w = 2 - 4 * (0.5 + 0.25 * (dim + dij)) ** r
        u_sq = 2 - 4 * 0.5**r
        p = P[i][j]
        sj = self.s[j]
        value = sj * (p * u_s + (1 - p) * u_f) + (1 - sj) * u_s
        value -= self.Q * u_sq + (1 - self.Q) * (self.T * u_b + (1 - self.T) * u_w)
        return value

    def probabilities(self, x, r):
        bottom = self.scholz_denominator(x, r) if self.prob_rule == "scholz_code" else None
        return [
            [self.prob(i, j, x, r, bottom) if i != j else 0.0 for j in range(self.n)] for i in range(self.n)
        ]

    # --- one round (§1.4) -------------------------------------------------------------------
    def round(self, x):
        n = self.n
        ones = [1.0] * n
        mu = weighted_median(x, self.w)
        P1 = self.probabilities(x, ones)
        danger = []
        for i in range(n):
            total = 0.0
            for j in range(n):
                if j != i:
                    total += self.eu(j, i, 1.0, x, P1, mu)
            danger.append(total)
        hi, lo = max(danger), min(danger)
        r = []
        for i in range(n):
            R = 0.0 if hi == lo else (2 * danger[i] - hi - lo) / (hi - lo)
            r.append((1 - R / 3) / (1 + R / 3))
        P = self.probabilities(x, r) if self.prob_rule == "scholz_code" else P1

        new_x = list(x)
        moves = [None] * n
        if self.perspective == "own":
            E = [[self.eu(i, j, r[i], x, P, mu) if i != j else 0.0 for j in range(n)] for i in range(n)]
            for i in range(n):
                senders = [j for j in range(n) if j != i and x[j] != x[i] and E[j][i] > 0]
                if not senders:
                    continue
                best = max(E[j][i] for j in senders)
                senders = [j for j in senders if E[j][i] == best]
                j = min(senders, key=lambda k: abs(x[i] - x[k]))
                ui, uj = E[i][j], E[j][i]
                if 0 < ui < uj:
                    move = (CONFLICT, x[j])
                elif ui < 0 and abs(ui) < uj:
                    move = (COMPROMISE, x[i] + (x[j] - x[i]) * abs(ui / uj))
                elif ui < 0 and abs(ui) > uj:
                    move = (CAPITULATION, x[j])
                else:
                    continue
                new_x[i] = move[1]
                moves[i] = {"type": move[0], "counterpart": j, "position": move[1], "E_ij": ui, "E_ji": uj}
        else:
            for i in range(n):
                offers = []
                for j in range(n):
                    if j == i or x[j] == x[i]:
                        continue
                    e_ij = self.eu(i, j, r[i], x, P, mu)
                    e_ji = self.eu(j, i, r[i], x, P, mu)
                    if e_ji > e_ij > 0:
                        offers.append((CONFLICT, x[j], j, e_ij, e_ji))
                    elif e_ji > 0 > e_ij and e_ji > abs(e_ij):
                        offers.append((COMPROMISE, x[i] + (x[j] - x[i]) * abs(e_ij) / e_ji, j, e_ij, e_ji))
                    elif e_ji > 0 > e_ij:
                        offers.append((CAPITULATION, x[j], j, e_ij, e_ji))
                if not offers:
                    continue
                if self.offer_selection == "least_move":
                    chosen = min(offers, key=lambda o: (abs(o[1] - x[i]), -o[4], o[2]))
                else:  # scholz_code: conflicts first, then the biased compromise key, then capitulation
                    conflicts = [o for o in offers if o[0] == CONFLICT]
                    compromises = [o for o in offers if o[0] == COMPROMISE]
                    if conflicts:
                        chosen = min(conflicts, key=lambda o: abs(o[1] - x[i]))
                    elif compromises:
                        chosen = min(
                            compromises,
                            key=lambda o: (abs(o[3]) * x[i] + abs(o[4]) * x[o[2]]) / (abs(o[3]) + abs(o[4])),
                        )
                    else:
                        chosen = min(offers, key=lambda o: abs(o[1] - x[i]))
                new_x[i] = chosen[1]
                moves[i] = {
                    "type": chosen[0],
                    "counterpart": chosen[2],
                    "position": chosen[1],
                    "E_ij": chosen[3],
                    "E_ji": chosen[4],
                }
        return {"mu": mu, "P1": P1, "danger": danger, "r": r, "moves": moves, "x": new_x}

    # --- the run (§1.5, §1.6) ---------------------------------------------------------------
    def run(self):
        if sum(self.w) <= 0:
            raise ValueError("no influence")
        x = list(self.x0)
        history = [list(x)]
        medians = [weighted_median(x, self.w)]
        means = [weighted_mean(x, self.w)]
        rounds = []
        if max(x) == min(x):
            return self._result(x[0], "converged", 0, history, medians, means, rounds)
        eps = self.tol * self.delta
        for t in range(1, self.max_rounds + 1):
            out = self.round(x)
            x = out["x"]
            rounds.append(out)
            history.append(list(x))
            medians.append(weighted_median(x, self.w))
            means.append(weighted_mean(x, self.w))
            if max(abs(a - b) for a, b in zip(history[-1], history[-2], strict=True)) <= eps:
                return self._result(medians[-1], "converged", t, history, medians, means, rounds)
            for k in range(2, 11):
                if k > t:
                    break
                if max(abs(a - b) for a, b in zip(history[-1], history[-1 - k], strict=True)) <= eps:
                    cycle = medians[-k:]
                    result = self._result(sum(cycle) / k, f"cycle({k})", t, history, medians, means, rounds)
                    result["cycle_min"] = min(cycle)
                    result["cycle_max"] = max(cycle)
                    return result
        return self._result(medians[-1], "max_rounds", self.max_rounds, history, medians, means, rounds)

    @staticmethod
    def _result(forecast, status, n_rounds, history, medians, means, rounds):
        return {
            "forecast": forecast,
            "status": status,
            "rounds": n_rounds,
            "positions": history,
            "medians": medians,
            "means": means,
            "round_details": rounds,
            "cycle_min": math.nan,
            "cycle_max": math.nan,
        }


def reference_forecast(x, c, s, **options):
    """Run the reference model and return a dict of plain lists (see ``Model.run``)."""
    return Model(x, c, s, **options).run()


def rounding_noise(x, c, s, rounds, positions, **options):
    """Per round and actor, how far this reference's trajectory moves when one capability changes by
    +-1e-15 relative: the rounding noise two correct implementations may differ by on this issue
    (a cluster of near-equal positions amplifies it far beyond 1e-16 within a few rounds)."""
    noise = [[0.0] * len(row) for row in positions]
    for i, eps in itertools.product(range(len(c)), (1e-15, -1e-15)):
        nudged = [v * (1 + eps) if j == i else v for j, v in enumerate(c)]
        other = reference_forecast(x, nudged, s, max_rounds=rounds, **options)["positions"]
        for t in range(min(len(other), len(positions))):
            noise[t] = [max(n, abs(a - b)) for n, a, b in zip(noise[t], other[t], positions[t], strict=True)]
    return noise
