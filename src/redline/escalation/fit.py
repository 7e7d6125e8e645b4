"""A ladder fitted to the record: Bayesian updating on the escalation catalogue (grid posterior).

What the record can inform, and how (docs/escalation.md, "Fitted ladder"):

* **Credibility and response probabilities.** Russia is one type for the whole record (the
  ladder's shared reputation, models.md §4.2): resolute with prior probability ``θ_prior``, else a
  bluffer. Each crossing of a declared red line is answered with probability ``q_R`` (resolute) or
  ``q_B`` (bluffer), ``q_B ≤ q_R``. With ``k`` answers in ``n`` crossings the likelihood is
  ``q_T^k (1 − q_T)^(n−k)``. The posterior over (type, ``q_R``, ``q_B``) is computed exactly on a
  grid; the red-line credibility is ``P(resolute | record)``.
* **Involuntary escalation per month.** At each rung the record gives months of exposure and the
  number of involuntary escalations (none so far): a conjugate Beta posterior per rung. Rungs the
  war has not stood on keep the base ladder's value, labelled an assumption.
* **Posterior predictive** of the next crossing: P(retaliation) and the probability of each
  response category (a Dirichlet–multinomial over the categories of past crossings).

The thresholds ``τ_L``, the rungs that were never reached and the priors are judgements, and every
output says so. Time steps are months.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from redline.errors import RedlineError
from redline.escalation.catalogue import DECLARED, answered_text, crossings, load_catalogue, rung_timeline
from redline.escalation.ladder import DEFAULT_RUNGS, Ladder, LadderParams, RedLine
from redline.rng import RNGLike, as_generator

__all__ = [
    "BASE_LADDER",
    "EscalationFit",
    "FitPrior",
    "GridPosterior",
    "fit_escalation",
    "grid_posterior",
    "interval",
]

LEVEL = 0.90
"""Credible intervals are central 90% intervals."""

BASE_LADDER = Ladder(
    rungs=DEFAULT_RUNGS,
    red_lines=(
        RedLine(1, 0.30, "long-range strikes on Russian territory"),
        RedLine(2, 0.10, "direct NATO involvement"),
    ),
    q_resolute=0.7,
    q_bluffer=0.05,
    h=(0.0, 0.0, 0.01, 0.05),
    theta0=0.6,
    pi_resolute=0.6,
    start=1,
    steps=12,
    name="structure of models.md §4.3 (assumption)",
    illustrative=True,
    source="models.md §4.1 rungs, §4.3 thresholds and h at unobserved rungs (illustrative)",
)
"""The structure the fit fills in: rungs, red lines and their thresholds τ, and ``h`` at rungs the
record never stood on. Every one of these numbers is an ASSUMPTION (models.md §4.3)."""


@dataclass(frozen=True)
class FitPrior:
    """Priors of the fit (all judgements, reported with the results).

    ``theta``: prior P(resolute). ``q_resolute``/``q_bluffer``: Beta(a, b) priors, restricted to
    ``q_B ≤ q_R`` (uniform on that triangle by default). ``h``: Beta(a, b) prior of the monthly
    involuntary escalation (Jeffreys). ``categories``: Dirichlet concentration per response
    category. ``grid``: points per axis of the (q_R, q_B) grid.
    """

    theta: float = 0.5
    q_resolute: tuple[float, float] = (1.0, 1.0)
    q_bluffer: tuple[float, float] = (1.0, 1.0)
    h: tuple[float, float] = (0.5, 0.5)
    categories: float = 0.5
    grid: int = 200

    def __post_init__(self) -> None:
        if not 0.0 < self.theta < 1.0:
            raise RedlineError(f"prior theta: expected a probability in (0, 1); found {self.theta}")
        for name in ("q_resolute", "q_bluffer", "h"):
            a, b = getattr(self, name)
            if not (a > 0 and b > 0):
                raise RedlineError(f"prior {name}: expected Beta parameters > 0; found ({a}, {b})")
        if not self.categories > 0:
            raise RedlineError(f"prior categories: expected a concentration > 0; found {self.categories}")
        if not 10 <= self.grid <= 2000:
            raise RedlineError(f"prior grid: expected 10..2000 points per axis; found {self.grid}")


def interval(
    values: np.ndarray, weights: np.ndarray | None = None, level: float = LEVEL
) -> tuple[float, float]:
    """Central ``level`` interval of a sample, or of a discrete distribution (``weights``)."""
    tail = (1.0 - level) / 2.0
    values = np.asarray(values, dtype=float).ravel()
    if weights is None:
        lo, hi = np.quantile(values, [tail, 1.0 - tail])
        return float(lo), float(hi)
    order = np.argsort(values, kind="stable")
    v, w = values[order], np.asarray(weights, dtype=float).ravel()[order]
    cdf = np.cumsum(w) / w.sum()
    lo = v[min(np.searchsorted(cdf, tail, side="left"), v.size - 1)]
    hi = v[min(np.searchsorted(cdf, 1.0 - tail, side="left"), v.size - 1)]
    return float(lo), float(hi)


@dataclass(frozen=True, eq=False)
class GridPosterior:
    """Posterior over (type, q_R, q_B) on a grid: ``weight[t, i]`` for type ``t`` (0 resolute,
    1 bluffer) and grid cell ``i`` with values ``q_r[i]``, ``q_b[i]`` (cells with q_B ≤ q_R only)."""

    q_r: np.ndarray
    q_b: np.ndarray
    weight: np.ndarray
    n: int
    k: int

    @property
    def credibility(self) -> float:
        """P(resolute | record): the red-line credibility."""
        return float(self.weight[0].sum())

    @property
    def theta_given_q(self) -> np.ndarray:
        """P(resolute | record, q_R, q_B) per cell (the pusher's belief if it knew the q's)."""
        total = self.weight.sum(axis=0)
        return np.divide(self.weight[0], total, out=np.full_like(total, np.nan), where=total > 0)

    def p_next(self) -> float:
        """Posterior predictive P(the next crossing is answered) = E[q_type | record]."""
        return float((self.weight[0] * self.q_r + self.weight[1] * self.q_b).sum())

    def summary(self, level: float = LEVEL) -> dict[str, dict[str, float]]:
        """Mean and central ``level`` (default 90%) interval of the credibility (over the q's), q_R, q_B, and the answer rate
        of the type that acts (``p_next_retaliation``: its mean is the posterior predictive)."""
        cell = self.weight.sum(axis=0)
        theta = self.theta_given_q
        ok = cell > 0
        out = {}
        for name, values in (("credibility", theta), ("q_resolute", self.q_r), ("q_bluffer", self.q_b)):
            lo, hi = interval(values[ok], cell[ok], level)
            out[name] = {"mean": float((values[ok] * cell[ok]).sum()), "lo": lo, "hi": hi}
        out["credibility"]["mean"] = self.credibility
        lo, hi = interval(np.concatenate([self.q_r, self.q_b]), self.weight.ravel(), level)
        out["p_next_retaliation"] = {"mean": self.p_next(), "lo": lo, "hi": hi}
        return out

    def sample(self, draws: int, rng: RNGLike = 0) -> dict[str, np.ndarray]:
        """Posterior draws: ``q_resolute``, ``q_bluffer``, ``resolute`` (type), ``theta`` = P(R|q)."""
        gen = as_generator(rng)
        flat = self.weight.ravel()
        pick = gen.choice(flat.size, size=draws, p=flat / flat.sum())
        kind, cell = np.divmod(pick, self.q_r.size)
        width = 1.0 / (2 * _grid_size(self.q_r))  # jitter within the grid cell, keeping q_B <= q_R
        q_r = np.clip(self.q_r[cell] + gen.uniform(-width, width, draws), 0.0, 1.0)
        q_b = np.minimum(np.clip(self.q_b[cell] + gen.uniform(-width, width, draws), 0.0, 1.0), q_r)
        return {
            "q_resolute": q_r,
            "q_bluffer": q_b,
            "resolute": kind == 0,
            "theta": self.theta_given_q[cell],
        }


def _grid_size(q: np.ndarray) -> int:
    return int(round(1.0 / (2.0 * float(np.min(q)))))


def _beta_logpdf(x: np.ndarray, a: float, b: float) -> np.ndarray:
    """``scipy.stats.beta.logpdf`` for 0 < x < 1, from the same ``scipy.special`` functions in the same
    order (bit-identical, tested), without importing ``scipy.stats`` (≈ 1 CPU-s at start-up)."""
    out = special.xlog1py(b - 1.0, -x) + special.xlogy(a - 1.0, x)
    out -= special.betaln(a, b)
    return out


def _beta_ppf(q: float, a: float, b: float) -> float:
    """``scipy.stats.beta.ppf``: the inverse regularised incomplete beta function (Boost's, as in
    ``scipy.stats``; bit-identical, tested)."""
    return special.betaincinv(a, b, q)


def grid_posterior(retaliated: Any, prior: FitPrior = FitPrior()) -> GridPosterior:
    """Exact grid posterior of (type, q_R, q_B) given answered (1) / unanswered (0) crossings."""
    y = np.asarray(retaliated, dtype=int).ravel()
    if y.size and not np.isin(y, (0, 1)).all():
        raise RedlineError("retaliated: expected 0/1 per crossing")
    n, k = int(y.size), int(y.sum())
    g = prior.grid
    axis = (np.arange(g) + 0.5) / g
    qr, qb = np.meshgrid(axis, axis, indexing="ij")
    keep = qb <= qr
    qr, qb = qr[keep], qb[keep]
    log_prior = _beta_logpdf(qr, *prior.q_resolute) + _beta_logpdf(qb, *prior.q_bluffer)
    log_r = math.log(prior.theta) + log_prior + k * np.log(qr) + (n - k) * np.log1p(-qr)
    log_b = math.log1p(-prior.theta) + log_prior + k * np.log(qb) + (n - k) * np.log1p(-qb)
    log_w = np.stack([log_r, log_b])
    w = np.exp(log_w - log_w.max())
    return GridPosterior(qr, qb, w / w.sum(), n, k)


def _beta_summary(a: float, b: float) -> dict[str, float]:
    tail = (1.0 - LEVEL) / 2.0
    return {
        "mean": a / (a + b),
        "lo": float(_beta_ppf(tail, a, b)),
        "hi": float(_beta_ppf(1.0 - tail, a, b)),
        "a": a,
        "b": b,
    }


@dataclass(frozen=True, eq=False)
class EscalationFit:
    """The fitted ladder and everything behind it (see :func:`fit_escalation`)."""

    posterior: GridPosterior
    crossings: pd.DataFrame
    timeline: pd.DataFrame
    h: list[dict[str, Any]]
    categories: pd.DataFrame
    ladder: Ladder
    base: Ladder
    prior: FitPrior
    retaliation: str
    catalogue_rows: int
    meta: dict[str, Any] = field(default_factory=dict)
    tau_record: dict[int, dict[str, Any]] = field(default_factory=dict)

    def params(self, draws: int, rng: RNGLike = 0, **overrides: Any) -> LadderParams:
        """Posterior draws of the ladder as kernel arrays (leading draw axis ``draws``).

        Per draw: q_R, q_B from the grid posterior, the pusher's belief θ_0 and the true share
        π_R both set to P(resolute | record, q), and h at observed rungs from its Beta posterior
        (other rungs: the base ladder's assumption). ``overrides`` go to :meth:`Ladder.params`.
        """
        gen = as_generator(rng)
        s = self.posterior.sample(draws, gen)
        h = np.tile(np.asarray(self.ladder.h, dtype=float), (draws, 1))
        shared: dict[tuple[float, float], np.ndarray] = {}  # pooled rungs share one draw
        for row in self.h:
            if row["observed"]:
                key = (row["a"], row["b"]) if row.get("pooled") else (row["a"], row["b"], row["rung"])
                if key not in shared:
                    shared[key] = gen.beta(row["a"], row["b"], draws)
                h[:, row["rung"]] = shared[key]
        values: dict[str, Any] = {
            "q_resolute": s["q_resolute"],
            "q_bluffer": s["q_bluffer"],
            "theta0": s["theta"],
            "pi_resolute": s["theta"],
            "h": h,
            "tau": self._tau_draws(s["q_resolute"], s["q_bluffer"], gen),
        }
        values.update(overrides)
        return self.ladder.params(draws, **values)

    def _rho_after(self, crossings_seen: int, q_r: Any, q_b: Any) -> np.ndarray:
        """The pusher's perceived retaliation after the first ``crossings_seen`` crossings (Bayes
        from the prior), per value of q_R, q_B."""
        y = self.crossings["retaliated"].to_numpy()[:crossings_seen]
        k, n = int(y.sum()), int(y.size)
        q_r, q_b = np.asarray(q_r, float), np.asarray(q_b, float)
        with np.errstate(divide="ignore"):
            log_r = math.log(self.prior.theta) + k * np.log(q_r) + (n - k) * np.log1p(-q_r)
            log_b = math.log1p(-self.prior.theta) + k * np.log(q_b) + (n - k) * np.log1p(-q_b)
        theta = 1.0 / (1.0 + np.exp(np.clip(log_b - log_r, -700, 700)))
        return theta * q_r + (1.0 - theta) * q_b

    def tau_bounds(self, q_r: Any, q_b: Any) -> list[dict[str, Any]]:
        """Bounds on each red line's threshold τ_L revealed by the pusher's choices (rule: cross iff
        ρ < τ_L): a line crossed when the perceived retaliation was ρ has τ_L > ρ; a line not
        crossed while the record stood below it, up to its end, has τ_L ≤ ρ at the end."""
        out = []
        for line in self.ladder.red_lines:
            info = self.tau_record.get(line.rung)
            if info is None:
                out.append({"rung": line.rung, "lo": None, "hi": None})
                continue
            lo = self._rho_after(info["seen_before_crossing"], q_r, q_b) if info["crossed_on"] else None
            hi = self._rho_after(len(self.crossings), q_r, q_b) if info["held_at_end"] else None
            out.append({"rung": line.rung, "lo": lo, "hi": hi})
        return out

    def _tau_draws(self, q_r: np.ndarray, q_b: np.ndarray, gen: np.random.Generator) -> np.ndarray:
        """τ per draw: uniform between the revealed bounds (prior uniform on [0, 1]); the base
        ladder's value (an assumption) where the record says nothing."""
        tau = np.tile(np.asarray(self.ladder.tau, dtype=float), (q_r.size, 1))
        base = dict(
            zip([r.rung for r in self.base.red_lines], [r.tau for r in self.base.red_lines], strict=True)
        )
        for bound in self.tau_bounds(q_r, q_b):
            rung, lo, hi = bound["rung"], bound["lo"], bound["hi"]
            if lo is None and hi is None:
                tau[:, rung] = base[rung]
                continue
            lo = np.zeros(q_r.size) if lo is None else lo
            hi = np.ones(q_r.size) if hi is None else np.maximum(hi, lo)
            tau[:, rung] = lo + (hi - lo) * gen.random(q_r.size)
        return tau

    def summary(self) -> dict[str, Any]:
        """The posterior figures with 90% intervals, JSON-ready."""
        post = self.posterior.summary()
        return {
            "crossings": self.posterior.n,
            "answered": self.posterior.k,
            "retaliation": self.retaliation,
            "answered_text": self.meta.get("answered_text", ""),
            **post,
            "h_per_month": self.h,
            "next_response": self.categories.to_dict(orient="records"),
        }


def _category_predictive(cross: pd.DataFrame, concentration: float) -> pd.DataFrame:
    """Dirichlet–multinomial predictive of the next crossing's response category, 90% intervals."""
    from redline.data.schemas import RESPONSE_CATEGORIES

    counts = cross["response"].value_counts().reindex(RESPONSE_CATEGORIES, fill_value=0)
    alpha = counts.to_numpy(dtype=float) + concentration
    total = alpha.sum()
    tail = (1.0 - LEVEL) / 2.0
    rows = []
    for name, count, a in zip(RESPONSE_CATEGORIES, counts, alpha, strict=True):
        rows.append(
            {
                "response": name,
                "count": int(count),
                "p_next": a / total,
                "lo": float(_beta_ppf(tail, a, total - a)),
                "hi": float(_beta_ppf(1.0 - tail, a, total - a)),
            }
        )
    return pd.DataFrame(rows)


def fit_escalation(
    catalogue: pd.DataFrame | str | None = None,
    base: Ladder | None = None,
    *,
    retaliation: str = "strict",
    prior: FitPrior = FitPrior(),
    lines: tuple[str, ...] = DECLARED,
    months: int | None = None,
    exclude: tuple[str, ...] = (),
    as_of: str | None = None,
    pool_h: bool = True,
) -> EscalationFit:
    """Fit the ladder's credibility, response probabilities and monthly involuntary escalation.

    Parameters
    ----------
    catalogue
        The catalogue frame (:func:`~redline.escalation.catalogue.load_catalogue`), a CSV path, or
        ``None`` for the bundled ``escalation_events`` table.
    base
        The ladder whose structure is kept (rungs, red lines and τ, h at unobserved rungs);
        default :data:`BASE_LADDER` (models.md §4.3 numbers, assumptions).
    retaliation
        Which response categories count as retaliation: ``strict`` (default, the ladder's sense:
        an answer that moves the war a rung up, i.e. turns on the West), ``material`` (any force
        used in reply) or ``signal`` (also doctrine changes and nuclear signalling).
    lines
        Red-line codings that count as declared (default explicit and general).
    months
        Horizon in months of the fitted ladder (default: the base ladder's ``steps``).
    exclude
        Step ids left out of the fit (leave-one-out).
    pool_h
        One monthly involuntary-escalation rate for all rungs the record stood on (default: rungs 1
        and 2 are both Kahn's "intense crisis" band, and a few months at one rung say little on
        their own); ``False`` fits one rate per rung.
    as_of
        Use only the record up to this date (``YYYY-MM-DD``; a scenario's date): later rows are
        dropped and the exposure ends there.
    """
    if catalogue is None or isinstance(catalogue, str):
        catalogue = load_catalogue(catalogue)
    base = BASE_LADDER if base is None else base
    kept = catalogue[~catalogue["step_id"].isin(exclude)]
    if as_of is not None:
        kept = kept[kept["date"] <= pd.Timestamp(as_of)]
    cross = crossings(kept, retaliation, lines)
    answered = answered_text(kept, retaliation, lines)
    post = grid_posterior(cross["retaliated"].to_numpy(), prior)
    timeline = rung_timeline(kept, end=as_of)
    k_rung = base.nuclear_rung
    h_rows: list[dict[str, Any]] = []
    h_point = list(base.h)
    exposure = {
        rung: (
            float(timeline.loc[timeline["rung"] == rung, "months"].sum()),
            int(timeline.loc[timeline["rung"] == rung, "events"].sum()),
        )
        for rung in range(k_rung)
    }
    seen = [rung for rung, (m, _) in exposure.items() if m > 0]
    pooled_m = sum(exposure[r][0] for r in seen)
    pooled_ev = sum(exposure[r][1] for r in seen)
    for rung in range(k_rung):
        m, ev = exposure[rung]
        if m > 0:
            tot_m, tot_ev = (pooled_m, pooled_ev) if pool_h else (m, ev)
            a, b = prior.h[0] + tot_ev, prior.h[1] + max(tot_m - tot_ev, 0.0)
            row = {
                "rung": rung,
                "observed": True,
                "months": m,
                "events": ev,
                "pooled": pool_h,
                **_beta_summary(a, b),
            }
            h_point[rung] = row["mean"]
        else:
            row = {
                "rung": rung,
                "observed": False,
                "months": 0.0,
                "events": 0,
                "pooled": False,
                "mean": base.h[rung],
                "lo": math.nan,
                "hi": math.nan,
                "assumption": True,
            }
        h_rows.append(row)
    current = int(timeline.attrs["current_rung"])
    point = post.summary()
    theta = post.credibility
    tau_record = _revealed_lines(kept, cross, base, current)
    ladder = dataclasses.replace(
        base,
        q_resolute=point["q_resolute"]["mean"],
        q_bluffer=min(point["q_bluffer"]["mean"], point["q_resolute"]["mean"]),
        h=tuple(h_point),
        theta0=theta,
        pi_resolute=theta,
        start=min(current, k_rung),
        steps=base.steps if months is None else int(months),
        observations=(),
        time_step="month",
        name=f"fitted to escalation_events: {answered}",
        illustrative=False,
        source=(
            f"posterior means from the record {timeline.attrs['start']} to {timeline.attrs['end']} "
            f"(retaliation = {retaliation}); thresholds tau bounded by the pusher's choices where the "
            f"record informs them; ASSUMPTIONS: other thresholds, h at unobserved rungs "
            f"{[r['rung'] for r in h_rows if not r['observed']]}, priors"
        ),
    )
    categories = _category_predictive(cross, prior.categories)
    meta = {
        "record_start": timeline.attrs["start"],
        "record_end": timeline.attrs["end"],
        "current_rung": current,
        "excluded": list(exclude),
        "answered_text": answered,
        "assumptions": [
            "red-line thresholds tau the record does not bound (uniform between the revealed bounds otherwise)",
            "h at rungs never reached",
            f"prior P(resolute) = {prior.theta}",
            f"Beta priors q_R {prior.q_resolute}, q_B {prior.q_bluffer} on q_B <= q_R, h {prior.h}",
            f"retaliation coding = {retaliation}",
            "one monthly involuntary-escalation rate for the rungs the record stood on"
            if pool_h
            else "one monthly involuntary-escalation rate per rung",
        ],
    }
    fitted = EscalationFit(
        post,
        cross,
        timeline,
        h_rows,
        categories,
        ladder,
        base,
        prior,
        retaliation,
        len(kept),
        meta,
        tau_record,
    )
    # the point ladder: each informed threshold at the middle of its bounds at the posterior-mean q's
    bounds = fitted.tau_bounds(ladder.q_resolute, ladder.q_bluffer)
    lines = []
    for line, bound in zip(ladder.red_lines, bounds, strict=True):
        lo, hi = bound["lo"], bound["hi"]
        if lo is None and hi is None:
            lines.append(line)
            continue
        lo = 0.0 if lo is None else float(lo)
        hi = 1.0 if hi is None else max(float(hi), lo)
        lines.append(dataclasses.replace(line, tau=(lo + hi) / 2.0))
    return dataclasses.replace(fitted, ladder=ladder.replace(red_lines=tuple(lines)))


def _revealed_lines(
    catalogue: pd.DataFrame, cross: pd.DataFrame, base: Ladder, current: int
) -> dict[int, dict[str, Any]]:
    """Which red lines the record informs: crossed (on which date, after how many crossings of
    declared lines) or held up to the end of the record (the record stands just below it)."""
    out: dict[int, dict[str, Any]] = {}
    steps = catalogue[(catalogue["kind"] == "step") & (catalogue["crossed"] == 1)]
    for line in base.red_lines:
        moved = steps[(steps["rung_before"] == line.rung) & (steps["rung_after"] > line.rung)]
        crossed_on = moved["date"].min() if not moved.empty else None
        held = current == line.rung
        if crossed_on is None and not held:
            continue
        seen = int((cross["date"] < crossed_on).sum()) if crossed_on is not None else 0
        out[line.rung] = {
            "crossed_on": None if crossed_on is None else crossed_on.date().isoformat(),
            "seen_before_crossing": seen,
            "held_at_end": held,
        }
    return out
