"""Monte Carlo over uncertain inputs → P(deterrence failure) with a Wilson interval (models.md §3.6).

Per draw: sample the uncertain inputs the game declares, compute κ_T **exactly** (DP or quadrature),
then the attack indicator 1[EU_C > 0] (PBE rule) or P(attack) (logit rule). P(deterrence failure)
is the mean over draws (general deterrence fails: an attack happens at all, Fearon 1994). The
result also gives the share of draws in each regime and the Spearman rank correlation of each
varying input with the outcome (its sensitivity).

Distributions (the same forms as scenario files)::

    { dist = "normal", mean = M, sd = S }              clipped to the input's range
    { dist = "uniform", low = L, high = H }
    { dist = "triangular", low = L, mode = M, high = H }
    { dist = "lognormal", median = M, sigma = S }
    { dist = "beta", mean = M, concentration = K }      shape (M·K, (1 − M)·K)
    { dist = "fixed", value = X }

Inputs: ``V k_L k_W p_L p_W theta rho``, ``w.ISO`` / ``a.ISO`` per ally, and ``w.*`` / ``a.*`` for
every ally not named. Leaving out the location (``mean`` of beta/normal, ``median`` of lognormal)
centres the distribution on the game's own value, so ``"w.*" = {dist="beta", concentration=20}``
puts Beta noise around each ally's coded willingness.

Draws come in blocks of :data:`redline.rng.BLOCK`, each with its own ``SeedSequence`` child, so the
numbers do not depend on the chunk size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from redline.budget import check_memory, check_work
from redline.deterrence.credibility import credibility
from redline.deterrence.game import REGIMES, challenger_decision
from redline.deterrence.spec import PARAMETERS, DeterrenceGame
from redline.errors import RedlineError
from redline.results import Result
from redline.rng import RNGLike, as_seed, chunk_ranges, draw_blocks
from redline.stats import wilson

__all__ = [
    "MonteCarloResult",
    "check_uncertainty",
    "failure_draws",
    "monte_carlo",
    "sample_inputs",
    "wilson_interval",
]

_RANGE = {"p_L": (0.0, 1.0), "p_W": (0.0, 1.0), "rho": (0.0, 1.0), "w": (0.0, 1.0), "a": (0.0, np.inf)}
_DIST_KEYS = {
    "normal": ({"sd"}, {"mean"}),
    "uniform": ({"low", "high"}, set()),
    "triangular": ({"low", "mode", "high"}, set()),
    "lognormal": ({"sigma"}, {"median"}),
    "beta": ({"concentration"}, {"mean"}),
    "fixed": ({"value"}, set()),
}
SENSITIVITY_DRAWS = 200_000
"""Draws used for the rank correlations (the first ones; all of them when there are fewer)."""


wilson_interval = wilson
"""Wilson score interval for a proportion (95% by default): :func:`redline.stats.wilson`."""


def _base(game: DeterrenceGame, name: str) -> np.ndarray | float:
    kind, _, ally = name.partition(".")
    if not ally:
        return getattr(game, name)
    values = game.w if kind == "w" else game.a
    if ally == "*":
        return values
    return values[game.allies.index(ally)]


def check_uncertainty(game: DeterrenceGame, where: str = "uncertainty") -> None:
    """Validate the declared distributions against the game's inputs; raise RedlineError naming the field."""
    for name, spec in game.uncertainty.items():
        at = f"{where}.{name}"
        if hasattr(spec, "model_dump"):  # a validated scenario Distribution
            spec = {k: v for k, v in spec.model_dump().items() if v is not None}
        kind, dot, ally = name.partition(".")
        if dot:
            if kind not in ("w", "a"):
                raise RedlineError(
                    f"{at}: unknown input; expected one of {', '.join(PARAMETERS)}, w.ISO, a.ISO, w.*, a.*"
                )
            if ally != "*" and ally not in game.allies:
                raise RedlineError(
                    f"{at}: {ally} is not an ally in this game (allies: {', '.join(game.allies)})"
                )
        elif name not in PARAMETERS:
            raise RedlineError(
                f"{at}: unknown input; expected one of {', '.join(PARAMETERS)}, w.ISO, a.ISO, w.*, a.*"
            )
        if not isinstance(spec, Mapping) or "dist" not in spec:
            raise RedlineError(f"{at}: expected a table with a 'dist' key ({', '.join(_DIST_KEYS)})")
        dist = spec["dist"]
        if dist not in _DIST_KEYS:
            raise RedlineError(f"{at}: dist = {dist!r}; expected one of {', '.join(_DIST_KEYS)}")
        need, optional = _DIST_KEYS[dist]
        missing = sorted(need - set(spec))
        extra = sorted(set(spec) - need - optional - {"dist"})
        if missing or extra:
            raise RedlineError(
                f"{at}: {dist} takes {', '.join(sorted(need | optional))}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(extra)}" if extra else "")
            )
        for key in need | (optional & set(spec)):
            v = spec[key]
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise RedlineError(f"{at}.{key}: expected a finite number, found {v!r}")
        problem = None
        if dist == "normal" and spec["sd"] <= 0:
            problem = "sd > 0"
        elif dist == "uniform" and not spec["low"] < spec["high"]:
            problem = "low < high"
        elif dist == "triangular" and not (
            spec["low"] <= spec["mode"] <= spec["high"] and spec["low"] < spec["high"]
        ):
            problem = "low <= mode <= high and low < high"
        elif dist == "lognormal" and (spec["sigma"] <= 0 or spec.get("median", 1.0) <= 0):
            problem = "sigma > 0 and median > 0"
        elif dist == "beta" and (spec["concentration"] <= 0 or not 0 < spec.get("mean", 0.5) < 1):
            problem = "concentration > 0 and 0 < mean < 1"
        if problem:
            raise RedlineError(f"{at}: {dist} needs {problem}, found {dict(spec)}")


def _draw(
    gen: np.random.Generator, spec: Mapping[str, Any], base, n: int, lo: float, hi: float
) -> np.ndarray:
    """n draws (times the shape of ``base``) from one declared distribution."""
    shape = (n,) + np.shape(base)
    dist = spec["dist"]
    if dist == "fixed":
        x = np.full(shape, float(spec["value"]))
    elif dist == "uniform":
        x = gen.uniform(spec["low"], spec["high"], size=shape)
    elif dist == "triangular":
        if spec["low"] == spec["high"]:
            x = np.full(shape, float(spec["low"]))
        else:
            x = gen.triangular(spec["low"], spec["mode"], spec["high"], size=shape)
    elif dist == "normal":
        x = gen.normal(spec.get("mean", 0.0) if "mean" in spec else base, spec["sd"], size=shape)
    elif dist == "lognormal":
        median = spec["median"] if "median" in spec else np.asarray(base, dtype=float)
        x = np.exp(gen.normal(0.0, spec["sigma"], size=shape)) * median
    else:  # beta
        mean = np.clip(spec["mean"] if "mean" in spec else np.asarray(base, dtype=float), 1e-9, 1 - 1e-9)
        k = spec["concentration"]
        x = gen.beta(mean * k, (1 - mean) * k, size=shape)
    if lo == -np.inf and hi == np.inf:
        return x  # nothing to clip (V, k_L, k_W)
    return np.clip(x, lo, hi)


def sample_inputs(game: DeterrenceGame, gen: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """One block of draws of every input that has a distribution (scalars (n,), w/a (n, m))."""
    out: dict[str, np.ndarray] = {}
    for name in sorted(game.uncertainty):
        spec = game.uncertainty[name]
        kind, dot, ally = name.partition(".")
        lo, hi = _RANGE.get(kind, (-np.inf, np.inf))
        if dot and ally == "*":
            out[name] = _draw(gen, spec, game.w if kind == "w" else game.a, n, lo, hi)
        else:
            out[name] = _draw(gen, spec, _base(game, name), n, lo, hi)
    return out


def _assemble(game: DeterrenceGame, s: Mapping[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Per-draw input arrays: the game's values, overwritten where a distribution was declared."""
    vals: dict[str, Any] = {p: np.full(n, getattr(game, p)) for p in PARAMETERS}
    for p in PARAMETERS:
        if p in s:
            vals[p] = s[p]
    for kind in ("w", "a"):
        base = game.w if kind == "w" else game.a
        if f"{kind}.*" in s or any(k.startswith(f"{kind}.") for k in s):
            arr = np.array(s[f"{kind}.*"]) if f"{kind}.*" in s else np.tile(base, (n, 1))
            for i, ally in enumerate(game.allies):
                if f"{kind}.{ally}" in s:
                    arr[:, i] = s[f"{kind}.{ally}"]
            vals[kind] = arr
        else:
            vals[kind] = base
    return vals


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Rank correlation, NaN when either side is constant (no information, not zero)."""
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    from scipy.stats import spearmanr  # here, not at the top: scipy.stats costs ≈ 1 CPU-s to import

    return float(spearmanr(x, y).statistic)


@dataclass(frozen=True)
class MonteCarloResult(Result):
    """P(deterrence failure) for one game with its interval, regime shares and sensitivities."""

    target: str
    draws: int
    seed: int
    rule: str
    p_failure: float
    ci_low: float
    ci_high: float
    se: float
    regime_shares: dict[str, float]
    kappa_mean: float
    kappa_se: float
    sensitivity: pd.DataFrame
    point: dict[str, Any]
    outcome: np.ndarray | None = field(default=None, repr=False, compare=False)

    def summary(self) -> dict[str, Any]:
        """Flat dict for tables and JSON."""
        out = {
            "target": self.target,
            "draws": self.draws,
            "seed": self.seed,
            "rule": self.rule,
            "p_failure": self.p_failure,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "se": self.se,
            "kappa_mean": self.kappa_mean,
        }
        out.update({f"share_{k}": v for k, v in self.regime_shares.items()})
        return out


def _chunk(game: DeterrenceGame, seed: int, lo: int, hi: int, rule: str, kappa_point: float | None):
    """Draws ``lo..hi`` of a run: sampled inputs, assembled values, κ per draw, the decisions."""
    s = draw_blocks(seed, lo, hi, lambda gen, n: sample_inputs(game, gen, n))
    n = hi - lo
    v = _assemble(game, s, n)
    if kappa_point is None:
        kappa = credibility(v["w"], v["a"], v["theta"], rho=v["rho"], delta=game.delta, key=game.key)
    else:
        kappa = np.full(n, kappa_point)
    A = v["p_L"] * v["V"] - v["k_L"]
    B = v["p_W"] * v["V"] - v["k_W"]
    return s, v, kappa, challenger_decision(kappa, A, B, game.lam if rule == "logit" else None)


def failure_draws(
    game: DeterrenceGame, draws: int, rng: RNGLike = None, rule: str | None = None, chunk_size: int = 65_536
) -> np.ndarray:
    """Only the per-draw outcome of :func:`monte_carlo` (attack indicator, or P(attack) under the logit
    rule), the same numbers as ``monte_carlo(game, draws, rng, rule, keep_outcome=True).outcome``.

    What a scenario's Monte Carlo needs block by block: no sensitivity table, no point summary.
    """
    rule = rule or ("logit" if game.lam is not None else "pbe")
    bad_draws = isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1
    if bad_draws or rule not in ("pbe", "logit") or (rule == "logit" and game.lam is None):
        return monte_carlo(game, draws, rng, rule, chunk_size, keep_outcome=True).outcome  # its errors
    check_uncertainty(game)
    seed = as_seed(rng)
    varies_kappa = any(k.split(".")[0] in ("w", "a", "theta", "rho") for k in game.uncertainty)
    kappa_point = game.kappa() if not varies_kappa else None
    outcome = np.empty(draws)
    for lo, hi in chunk_ranges(draws, chunk_size):
        d = _chunk(game, seed, lo, hi, rule, kappa_point)[3]
        outcome[lo:hi] = d.p_attack if rule == "logit" else d.attack
    return outcome


def monte_carlo(
    game: DeterrenceGame,
    draws: int = 10_000,
    rng: RNGLike = None,
    rule: str | None = None,
    chunk_size: int = 65_536,
    keep_outcome: bool = False,
) -> MonteCarloResult:
    """P(deterrence failure for T) over the game's declared uncertainty (models.md §3.6).

    Parameters
    ----------
    game : DeterrenceGame
        Point values and ``game.uncertainty`` (distributions by input name).
    draws : int
        Number of Monte Carlo draws.
    rng : int, Generator, SeedSequence or None
        Seed of the run (a Generator or None is turned into an integer seed, reported in the result).
    rule : {"pbe", "logit"}, optional
        Decision rule; default logit when ``game.lam`` is set, else PBE.
    chunk_size : int
        Draws evaluated at once (rounded to whole blocks); does not change the numbers.
    keep_outcome : bool
        Keep the per-draw outcome (attack indicator or probability), e.g. for paired lever comparisons.

    Returns
    -------
    MonteCarloResult
    """
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise RedlineError(f"draws: expected an integer >= 1, got {draws!r}")
    rule = rule or ("logit" if game.lam is not None else "pbe")
    if rule not in ("pbe", "logit"):
        raise RedlineError(f"rule: expected 'pbe' or 'logit', got {rule!r}")
    if rule == "logit" and game.lam is None:
        raise RedlineError("rule 'logit' needs the game's logit precision lambda")
    check_uncertainty(game)
    hint = "ask for fewer draws"
    check_memory("deterrence Monte Carlo", 8.0 * 4 * draws, hint=hint)
    check_work("deterrence Monte Carlo", float(draws) * (len(game.a) + 1) * 200, hint=hint)
    seed = as_seed(rng)
    varies_kappa = any(k.split(".")[0] in ("w", "a", "theta", "rho") for k in game.uncertainty)
    kappa_point = game.kappa() if not varies_kappa else None

    outcome = np.empty(draws)
    kappa_all = np.empty(draws)
    regime_counts = np.zeros(len(REGIMES))
    sens_inputs: dict[str, list[np.ndarray]] = {}
    sens_n = min(draws, SENSITIVITY_DRAWS)
    for lo, hi in chunk_ranges(draws, chunk_size):
        s, v, kappa, d = _chunk(game, seed, lo, hi, rule, kappa_point)
        outcome[lo:hi] = d.p_attack if rule == "logit" else d.attack
        kappa_all[lo:hi] = kappa
        regime_counts += np.bincount(d.regime, minlength=len(REGIMES))
        if lo < sens_n:
            take = min(hi, sens_n) - lo
            for name in PARAMETERS:
                if name in s:
                    sens_inputs.setdefault(name, []).append(s[name][:take])
            for kind in ("w", "a"):
                if np.ndim(v[kind]) == 2:  # one column per ally (w.* and w.ISO merged)
                    for i, ally in enumerate(game.allies):
                        sens_inputs.setdefault(f"{kind}.{ally}", []).append(v[kind][:take, i])

    p = float(outcome.mean())
    if rule == "pbe":
        se = float(np.sqrt(p * (1 - p) / draws))
    else:  # mean of per-draw probabilities
        se = float(outcome.std(ddof=1) / np.sqrt(draws)) if draws > 1 else 0.0
    lo_ci, hi_ci = wilson_interval(p * draws, draws)
    rows = []
    y, k = outcome[:sens_n], kappa_all[:sens_n]
    for name, parts in sens_inputs.items():
        x = np.concatenate(parts)
        rows.append(
            {"input": name, "spearman": _spearman(x, y), "spearman_kappa": _spearman(x, k), "draws": len(x)}
        )
    sensitivity = pd.DataFrame(rows, columns=["input", "spearman", "spearman_kappa", "draws"])
    if len(sensitivity):  # strongest first; by the correlation with κ when the outcome never varies
        keys = sensitivity.assign(
            _y=sensitivity["spearman"].abs().fillna(-1.0), _k=sensitivity["spearman_kappa"].abs().fillna(-1.0)
        )
        order = keys.sort_values(["_y", "_k"], ascending=False, kind="stable").index
        sensitivity = sensitivity.loc[order].reset_index(drop=True)
    return MonteCarloResult(
        target=game.target,
        draws=int(draws),
        seed=seed,
        rule=rule,
        p_failure=p,
        ci_low=lo_ci,
        ci_high=hi_ci,
        se=se,
        regime_shares={r: float(c / draws) for r, c in zip(REGIMES, regime_counts, strict=True)},
        kappa_mean=float(kappa_all.mean()),
        kappa_se=float(kappa_all.std(ddof=1) / np.sqrt(draws)) if draws > 1 else 0.0,
        sensitivity=sensitivity,
        point=game.summary(),
        outcome=outcome if keep_outcome else None,
    )
