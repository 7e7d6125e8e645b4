"""Out-of-sample scores for the holdout model: leave-one-out, a temporal split and a held-out set.

The holdout model (:mod:`redline.decisions.holdout`) has six parameters (:class:`HoldoutParams`).
They are fitted **only on the corpus** — cases decided on or before 2022-12-31 — by minimising the
Brier score over a fixed grid (:data:`GRID`; ties go to the combination nearest the a-priori
defaults). Five variants are fitted and scored side by side (:data:`VARIANTS`): the first holdout
model (no reservation, head-count isolation), with the national reservation, with capability-weighted
isolation, with both, and (session 6) capability-weighted isolation reading an uncoded ``[context]``
flag as unknown (:data:`UNKNOWN_FLAG_VARIANTS`); :data:`DEFAULT_VARIANT` is the ``redline`` row. Three honest tests:

* **Leave-one-out** over the corpus: each case is forecast with parameters fitted on the others.
* **Temporal split**: fit on cases decided up to 2018, score the cases of 2019-2022.
* **Held out**: cases decided from 2023 on (the shipped development cases) are never fitted on:
  the parameters fitted on the whole corpus forecast them once.

Every case is read blind (:func:`read_case`); bargaining and coding draws are computed once per case
and do not depend on any outcome, and the outcomes enter only through :func:`fit_params`, which
is given the training cases alone. Baselines are scored on the same cases.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.backtest import baselines
from redline.backtest.calibration import reliability_table
from redline.backtest.cases import DECISION_KINDS, Case, find_cases, read_case, read_outcome
from redline.backtest.method import (
    VALUE_FLAGS,
    VETO_RULES,
    Bargainer,
    bargain,
    case_rule,
    check_backtest_work,
    config_context,
    config_index,
    flag_frequencies,
    flag_uniforms,
    furthest_passable,
    holdout_stage,
    holdout_values,
    is_supply_case,
    supply_values,
    unknown_flags,
)
from redline.backtest.scoring import bootstrap_interval, brier_difference, brier_score, score_table
from redline.backtest.uncertainty import CodingUncertainty, sample_codings
from redline.decisions.holdout import HoldoutParams
from redline.decisions.supply import ASSUMED_SUPPLY, SPLIT_SUPPLY_BY_KIND, SUPPLY_CANDIDATES, SupplyRule
from redline.errors import RedlineError
from redline.progress import stage
from redline.results import Provenance, Result, provenance_of

__all__ = [
    "CORPUS_END",
    "CV_METHODS",
    "DEFAULT_VARIANT",
    "GRID",
    "UNKNOWN_FLAG_VARIANTS",
    "VARIANTS",
    "TARGET_BRIER",
    "TEMPORAL_SPLIT",
    "CrossValidation",
    "PreparedCase",
    "cross_validate",
    "cross_validate_prepared",
    "fit_index",
    "fit_params",
    "fit_supply",
    "fold_supply_fit",
    "supply_split_by_loo",
    "SPLIT_SUPPLY_BY_KIND",
    "SUPPLY_KINDS",
    "SUPPLY_METHOD",
    "supply_method_by_loo",
    "prepare_case",
    "supply_comparison",
]

CORPUS_END = dt.date(2022, 12, 31)
"""Cases decided after this date are held out: never fitted on."""
TEMPORAL_SPLIT = dt.date(2018, 12, 31)
"""The temporal split fits on cases decided up to this date and tests on 2019-2022."""
TARGET_BRIER = 0.15
GRID: dict[str, tuple[float, ...]] = {
    "isolation_cost": (0.0, 0.1, 0.2, 0.3, 0.5, 0.8),
    "offer": (0.0, 0.15, 0.3, 0.5, 0.8),
    "opt_out_residual": (0.0, 0.25, 0.5, 1.0),
    "route_around": (0.0, 0.5, 1.0),
    "reservation_residual": (1.0, 0.5, 0.25, 0.0),
    "capability_isolation": (0.0, 0.5, 1.0),
}
"""The parameter grid the fit searches (every combination; a variant searches its part of it)."""
VARIANTS: dict[str, dict[str, tuple[float, ...]]] = {
    "holdout_first": {"reservation_residual": (1.0,), "capability_isolation": (0.0,)},
    "holdout_reservation": {"capability_isolation": (0.0,)},
    "holdout_capability": {"reservation_residual": (1.0,)},
    "holdout_reservation_capability": {},
    "holdout_unknown_flags": {"reservation_residual": (1.0,)},
}
"""Model variants: the grid values each one pins (the others are searched). ``holdout_first`` is the
first holdout model (session 2): a reservation spares nothing and isolation is a head count.
``holdout_unknown_flags`` (session 6) is ``holdout_capability`` reading an uncoded flag as unknown
(:data:`UNKNOWN_FLAG_VARIANTS`)."""
UNKNOWN_FLAG_VARIANTS = ("holdout_unknown_flags",)
"""The variants that read an uncoded ``[context]`` flag of
:data:`redline.backtest.method.UNKNOWN_FLAGS` as unknown: per draw true with the share of the fold's
*training* cases of the same family that code it true (:func:`redline.backtest.method.flag_frequencies`),
from the case's own seeded uniforms. The others read it as false."""
DEFAULT_VARIANT = "holdout_capability"
"""The variant behind the ``redline`` row and :data:`redline.backtest.method.FITTED_HOLDOUT`: the one
with the lowest leave-one-out Brier on the 2008-2022 corpus (``redline backtest backtest/cases --cv
loo --draws 100``; docs/backtest.md), never chosen on the held-out cases or a scenario. Session 6:
``holdout_unknown_flags`` takes its place iff its corpus leave-one-out Brier, at three decimals, is
not above ``holdout_capability``'s (the rule committed before it was scored; docs/backtest.md,
"Uncoded flags read as unknown"); :data:`redline.backtest.method.READ_UNCODED_AS_UNKNOWN` follows."""
CV_METHODS = ("redline", *VARIANTS, "salience_resist", *baselines.BASELINES)


@dataclass(frozen=True)
class PreparedCase:
    """One case's blind draws (no outcome) and, kept apart, its outcome for scoring and fitting."""

    case: Case
    adopted: bool
    outcome_type: str
    position: np.ndarray
    salience: np.ndarray
    bargain: np.ndarray
    fixed: dict[str, float]
    """P(adopted) of the parameter-free methods (salience resistance and baselines but base rate)."""
    table: ActorTable
    p_no_holdouts: float | None = None
    """P(adopted) for a rule without veto holders (majority, QMV, coalition): no parameter applies."""
    p_supply: np.ndarray | None = None
    """A supply case (:func:`is_supply_case`): P(adopted) under every rule of
    :data:`SUPPLY_CANDIDATES` (the fold's fitted rule is taken; the holdout parameters do not apply)."""
    flag_draws: np.ndarray | None = None
    """``(draws, 5)`` the case's flag uniforms (:func:`redline.backtest.method.flag_uniforms`, its own
    stream): which configuration of its unknown flags each draw takes, given a fold's frequencies."""

    @property
    def id(self) -> str:
        return self.case.id

    def p_holdout(self, params: HoldoutParams) -> float:
        """P(adopted) under the holdout model with these parameters."""
        if self.p_no_holdouts is not None:
            return self.p_no_holdouts
        result = holdout_stage(self.case, self.table, self.position, self.salience, self.bargain, params)
        return float(np.mean(self.case.issue.is_adopted(result.value)))

    @property
    def unknown(self) -> tuple[str, ...]:
        """The uncoded flags that can move its outcome (:data:`VALUE_FLAGS`; none without holdouts)."""
        return () if self.p_no_holdouts is not None else unknown_flags(self.case, VALUE_FLAGS)

    def adopted_by_config(self, combos: list[HoldoutParams]) -> np.ndarray:
        """``(2**k, len(combos), draws)`` bool: adopted under every configuration of its ``k``
        unknown flags (:func:`redline.backtest.method.config_context`) at every grid point."""
        return np.stack(
            [
                self.case.issue.is_adopted(
                    holdout_values(
                        self.case,
                        self.table,
                        self.position,
                        self.salience,
                        self.bargain,
                        combos,
                        config_context(self.case, k, VALUE_FLAGS),
                    )
                )
                for k in range(2 ** len(self.unknown))
            ]
        )

    def p_unknown_grid(self, by_config: np.ndarray, frequency: dict[str, dict[str, float]]) -> np.ndarray:
        """P(adopted) at every grid point when its unknown flags are drawn with ``frequency``:
        each draw takes the configuration its own uniforms give (``by_config`` from
        :meth:`adopted_by_config`)."""
        if self.flag_draws is None:
            raise RedlineError(f"{self.id}: no flag draws (prepare_case gives them)")
        index = config_index(self.case, frequency, self.flag_draws, VALUE_FLAGS)
        draws = np.arange(by_config.shape[2])
        return by_config[index, :, draws].mean(axis=0)

    def p_holdout_grid(self, combos: list[HoldoutParams]) -> np.ndarray:
        """P(adopted) at every grid point (the same numbers as :meth:`p_holdout`, computed together)."""
        if self.p_no_holdouts is not None:
            return np.full(len(combos), self.p_no_holdouts)
        values = holdout_values(self.case, self.table, self.position, self.salience, self.bargain, combos)
        return np.mean(self.case.issue.is_adopted(values), axis=1)


def prepare_case(
    case: Case,
    adopted: bool,
    outcome_type: str,
    draws: int,
    seed: int,
    uncertainty: CodingUncertainty,
    bargainer: Bargainer | None = None,
) -> PreparedCase:
    """Draw the coding, bargain once and score the parameter-free methods for one case."""
    table = case.actor_table()
    judgement = np.array([a.judgement for a in case.actors])
    sample = sample_codings(
        table.position, table.salience, table.capability, judgement, draws, seed, uncertainty
    )
    x, s, c = sample["position"], sample["salience"], sample["capability"]
    mu, _ = bargain(x, c, s, bargainer)
    sq = case.issue.status_quo
    rule = case_rule(case)
    reach = furthest_passable(rule, table, x, sample["resist"], sq, mu)
    final = np.where(np.isfinite(reach), sq + np.sign(mu - sq) * np.minimum(np.abs(mu - sq), reach), sq)
    fixed = {"salience_resist": float(np.mean(case.issue.is_adopted(final)))}
    for name, _value, p in baselines.all_baselines(case, x, s, c):
        if name != "base_rate":
            fixed[name] = p
    flags = flag_uniforms(draws, seed) if case.rule in VETO_RULES else None
    prepared = PreparedCase(case, adopted, outcome_type, x, s, mu, fixed, table, flag_draws=flags)
    if is_supply_case(case):
        p_supply = np.array(
            [np.mean(case.issue.is_adopted(supply_values(case, table, x, c, r))) for r in SUPPLY_CANDIDATES]
        )
        return replace(prepared, p_no_holdouts=float(p_supply[fit_supply([])]), p_supply=p_supply)
    if case.rule not in VETO_RULES:
        return replace(prepared, p_no_holdouts=prepared.p_holdout(HoldoutParams()))
    return prepared


SUPPLY_KINDS = {
    "supply_fitted": list(SUPPLY_CANDIDATES),
    "supply_largest": [r for r in SUPPLY_CANDIDATES if r.kind == "largest"],
    "supply_share": [r for r in SUPPLY_CANDIDATES if r.kind == "share"],
    "supply_one_willing": [SupplyRule("largest", 0.0)],
    "supply_assumed": [ASSUMED_SUPPLY],
}
"""The supply requirements compared on the supply cases: the fit over both kinds, each kind fitted
alone, one willing member (level 0) and the first a-priori rule (share 0.5)."""
SUPPLY_METHOD = "supply_share"
"""The requirement behind the ``redline`` rows on supply cases and
:data:`redline.decisions.venue.DEFAULT_SUPPLY`: the one of :data:`SUPPLY_KINDS` with the lowest
leave-one-out Brier on the corpus supply cases, ties to the first listed (the standing rule, stated
before any scenario run). On 5 cases that was ``supply_assumed`` (0.021 vs 0.221-0.413); on the 9
cases of session 5 ``supply_fitted`` (0.1206 vs 0.1219); on the 13 shipped cases (7 supply, 6
operation) ``supply_share`` (0.0845 vs 0.0850): docs/backtest.md, "Supply decisions"."""


def supply_method_by_loo(supply: pd.DataFrame) -> str:
    """The method of :data:`SUPPLY_KINDS` with the lowest leave-one-out Brier (ties: the first listed)."""
    loo = supply[(supply["split"] == "loo") & (supply["decision"] == "all")].set_index("method")["brier"]
    return min(
        SUPPLY_KINDS, key=lambda m: (round(float(loo.get(m, np.inf)), 12), list(SUPPLY_KINDS).index(m))
    )


def fit_supply(
    training: list[PreparedCase], among: list[SupplyRule] | None = None, decision: str | None = None
) -> int:
    """Index in :data:`SUPPLY_CANDIDATES` of the supply rule with the lowest Brier on the training
    supply cases; ties go to the first candidate (``largest`` before ``share``, then the lowest level:
    the weakest requirement the cases support). Rule stated before any case was scored (session 5).

    ``decision`` (``supply`` or ``operation``): fit only on the training cases of that kind (the
    per-kind requirement, :data:`SPLIT_SUPPLY_BY_KIND`); None pools every coalition case.
    With no training case, the a-priori :data:`ASSUMED_SUPPLY` (within ``among`` when it is there,
    else ``among``'s first rule).
    """
    among = list(SUPPLY_CANDIDATES) if among is None else among
    index = [SUPPLY_CANDIDATES.index(r) for r in among]
    cases = [
        c for c in training if c.p_supply is not None and (decision is None or c.case.decision == decision)
    ]
    if not cases:
        return SUPPLY_CANDIDATES.index(ASSUMED_SUPPLY) if ASSUMED_SUPPLY in among else index[0]
    p = np.stack([c.p_supply[index] for c in cases], axis=1)  # (rules, cases)
    y = np.array([c.adopted for c in cases], dtype=float)
    brier = np.mean((p - y) ** 2, axis=1)
    best = np.flatnonzero(np.isclose(brier, brier.min(), rtol=0, atol=1e-12))
    return index[int(best[0])]


def supply_split_by_loo(supply: pd.DataFrame) -> bool:
    """The selection rule of :data:`SPLIT_SUPPLY_BY_KIND` on a :func:`supply_comparison` table."""
    loo = supply[(supply["split"] == "loo") & (supply["decision"] == "all")].set_index("method")["brier"]
    if "supply_per_kind" not in loo or SUPPLY_METHOD not in loo:
        return False
    return round(float(loo["supply_per_kind"]), 12) < round(float(loo[SUPPLY_METHOD]), 12)


def fold_supply_fit(train: list[PreparedCase], decision: str, split_by_kind: bool | None = None) -> int:
    """The fold's requirement for a case of ``decision`` kind: per kind or pooled, as selected."""
    split_by_kind = SPLIT_SUPPLY_BY_KIND if split_by_kind is None else split_by_kind
    return fit_supply(train, SUPPLY_KINDS[SUPPLY_METHOD], decision if split_by_kind else None)


def _combos() -> list[HoldoutParams]:
    """Every grid point of :data:`GRID`, in a fixed order (built once; the fit calls this often)."""
    key = tuple((k, tuple(v)) for k, v in GRID.items())
    if _COMBOS_CACHE.get("key") != key:
        keys = list(GRID)
        _COMBOS_CACHE["key"] = key
        _COMBOS_CACHE["combos"] = [
            HoldoutParams(**dict(zip(keys, values, strict=True)))
            for values in itertools.product(*GRID.values())
        ]
        _COMBOS_CACHE["masks"] = {}
    return list(_COMBOS_CACHE["combos"])


_COMBOS_CACHE: dict = {}


def _distance_to_default(params: HoldoutParams) -> float:
    default = HoldoutParams().to_dict()
    return sum(abs(v - default[k]) for k, v in params.to_dict().items())


def variant_mask(variant: str, combos: list[HoldoutParams] | None = None) -> np.ndarray:
    """Which grid points (:func:`_combos` order) a variant of :data:`VARIANTS` searches."""
    if variant not in VARIANTS:
        raise RedlineError(
            f"cross-validation: variant: expected one of {', '.join(VARIANTS)}; found {variant!r}"
        )
    pinned = VARIANTS[variant]
    if combos is None:
        _combos()
        masks = _COMBOS_CACHE["masks"]
        if variant not in masks:
            masks[variant] = variant_mask(variant, _COMBOS_CACHE["combos"])
        return masks[variant].copy()
    return np.array([all(getattr(c, k) in v for k, v in pinned.items()) for c in combos])


def fit_index(
    training: list[PreparedCase],
    table: dict[str, np.ndarray],
    variant: str = "holdout_reservation_capability",
) -> tuple[int, float]:
    """:func:`fit_params` as the index of the grid point (:func:`_combos` order) and its Brier score."""
    if not training:
        raise RedlineError("cross-validation: no training cases to fit on")
    combos = _combos()
    p = np.stack([table[c.id] for c in training], axis=1)  # (combos, cases)
    y = np.array([c.adopted for c in training], dtype=float)
    brier = np.where(variant_mask(variant), np.mean((p - y) ** 2, axis=1), np.inf)
    best = np.flatnonzero(np.isclose(brier, brier.min(), rtol=0, atol=1e-12))
    chosen = min(best, key=lambda i: (_distance_to_default(combos[i]), i))
    return int(chosen), float(brier[chosen])


def fit_params(
    training: list[PreparedCase],
    table: dict[str, np.ndarray],
    variant: str = "holdout_reservation_capability",
) -> tuple[HoldoutParams, float]:
    """The grid point of ``variant`` with the lowest Brier score on ``training`` (ties: nearest the defaults).

    ``table[case_id]`` holds the case's P(adopted) at every grid point. Only the training cases'
    outcomes are read here. Returns the parameters and their in-sample Brier score.
    """
    index, brier = fit_index(training, table, variant)
    return _combos()[index], brier


@dataclass(frozen=True)
class CrossValidation(Result):
    """Out-of-sample forecasts and scores (see the module docstring).

    Result protocol (:mod:`redline.results`): ``to_frame()`` the predictions, ``to_dict()`` everything,
    ``summary()`` the target check (:meth:`target`), ``provenance`` with the seed of the settings.
    """

    predictions: pd.DataFrame
    """One row per (split, case, method): ``split`` (loo / temporal / held_out), ``case``, ``rule``,
    ``decision_date``, ``outcome_type``, ``method``, ``p_adopted``, ``adopted``."""
    scores: pd.DataFrame
    """One row per (split, method): :func:`score_table` keys (Brier, log loss, accuracy with
    bootstrap intervals) and ``brier_minus_redline`` (+ ``_low`` / ``_high``): the method's Brier minus
    the holdout model's on the same cases, with a paired bootstrap interval (negative: the method wins)."""
    by_group: pd.DataFrame
    """Brier per (split, method, grouping, group) for the ``loo`` and ``held_out`` splits: grouping
    ``rule`` or ``outcome_type``, with ``n_cases`` and a bootstrap interval (``brier_low`` /
    ``brier_high``)."""
    calibration: pd.DataFrame
    """Reliability table of the LOO forecasts of the holdout model."""
    fitted: dict[str, float]
    """Parameters of :data:`DEFAULT_VARIANT` fitted on the whole corpus (used for the held-out set)."""
    fitted_temporal: dict[str, float]
    folds: dict[str, list[str]] = field(default_factory=dict)
    """For each forecast case, the ids of the cases its parameters were fitted on."""
    settings: dict = field(default_factory=dict)
    fitted_variants: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per variant, its parameters fitted on the whole corpus."""
    supply: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The supply requirements compared on the supply cases (:func:`supply_comparison`)."""
    fitted_supply: dict = field(default_factory=dict)
    """The supply rule fitted on all corpus supply cases (:func:`fit_supply`)."""

    def variant_by_loo(self) -> str:
        """The variant with the lowest leave-one-out Brier (ties: the first in :data:`VARIANTS`)."""
        loo = self.scores[self.scores["split"] == "loo"].set_index("method")["brier"]
        return min(VARIANTS, key=lambda v: (float(loo.get(v, np.inf)), list(VARIANTS).index(v)))

    def target(self) -> dict[str, object]:
        """Was the LOO Brier ≤ 0.15 and below every baseline's?"""
        loo = self.scores[self.scores["split"] == "loo"].set_index("method")
        ours = float(loo.loc["redline", "brier"]) if "redline" in loo.index else np.nan
        ours_all = ("redline", "salience_resist", *VARIANTS)
        rivals = loo.drop(index=[m for m in ours_all if m in loo.index])["brier"].dropna()
        best = rivals.idxmin() if not rivals.empty else ""
        best_brier = float(rivals.min()) if not rivals.empty else np.nan
        return {
            "loo_brier": ours,
            "target_brier": TARGET_BRIER,
            "meets_target": bool(ours <= TARGET_BRIER),
            "best_baseline": best,
            "best_baseline_brier": best_brier,
            "beats_best_baseline": bool(ours < best_brier),
            "default_variant": DEFAULT_VARIANT,
            "variant_by_loo": self.variant_by_loo(),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per (split, case, method): the out-of-sample forecasts with their outcomes."""
        return self.predictions

    def summary(self) -> dict[str, object]:
        """The headline: LOO Brier against the target and the best baseline (:meth:`target`)."""
        return self.target()

    @property
    def provenance(self) -> Provenance:
        """Package version, data snapshot and the seed of the draws (from ``settings``)."""
        seed = self.settings.get("seed")
        return provenance_of(seed if isinstance(seed, int) and not isinstance(seed, bool) else None)

    def to_dict(self) -> dict:
        """Settings, target check, fitted parameters, scores, calibration, predictions and folds."""
        return {
            "settings": self.settings,
            "target": self.target(),
            "fitted": self.fitted,
            "fitted_temporal": self.fitted_temporal,
            "fitted_variants": self.fitted_variants,
            "scores": self.scores.to_dict(orient="records"),
            "by_group": self.by_group.to_dict(orient="records"),
            "calibration": self.calibration.to_dict(orient="records"),
            "predictions": self.predictions.to_dict(orient="records"),
            "folds": self.folds,
            "supply": self.supply.to_dict(orient="records"),
            "supply_method": SUPPLY_METHOD,
            "fitted_supply": self.fitted_supply,
        }


def cross_validate(
    folder: str | Path,
    draws: int = 200,
    seed: int = 0,
    *,
    uncertainty: CodingUncertainty = CodingUncertainty(),
    n_boot: int = 2000,
    bins: int = 5,
    bargainer: Bargainer | None = None,
) -> CrossValidation:
    """Leave-one-out over the corpus, the temporal split and the held-out set (module docstring).

    ``bargainer`` replaces the expected-utility model (tests use a weighted median for speed).
    """
    files = find_cases(folder)
    cases = [read_case(path) for path in files]  # blind: draws and bargain never see the outcome
    check_backtest_work(
        cases,
        draws,
        what="cross-validation",
        grid_points=len(_combos()),
        custom_bargainer=bargainer is not None,
    )
    prepared: list[PreparedCase] = []
    for number, (path, case) in enumerate(zip(files, cases, strict=True), 1):
        outcome = read_outcome(path)
        with stage(f"case {number}/{len(cases)}: {case.id} ({draws:,} draws)"):
            prepared.append(
                prepare_case(case, outcome.adopted, outcome.outcome_type, draws, seed, uncertainty, bargainer)
            )
    return cross_validate_prepared(prepared, seed, n_boot=n_boot, bins=bins, folder=str(folder), draws=draws)


def cross_validate_prepared(
    prepared: list[PreparedCase],
    seed: int = 0,
    *,
    n_boot: int = 2000,
    bins: int = 5,
    folder: str = "",
    draws: int | None = None,
) -> CrossValidation:
    """:func:`cross_validate` on cases already drawn and bargained (:func:`prepare_case`)."""
    ids = [c.id for c in prepared]
    if len(set(ids)) != len(ids):
        raise RedlineError(f"{folder}: duplicate case ids")
    corpus = [c for c in prepared if c.case.decision_date <= CORPUS_END]
    held_out = [c for c in prepared if c.case.decision_date > CORPUS_END]
    if len(corpus) < 3:
        raise RedlineError(f"{folder}: cross-validation needs at least 3 cases decided by {CORPUS_END}")
    combos = _combos()
    grid = {c.id: c.p_holdout_grid(combos) for c in prepared}
    by_config = {c.id: c.adopted_by_config(combos) for c in prepared if c.unknown}

    rows: list[dict] = []
    folds: dict[str, list[str]] = {}

    def unknown_grid(train: list[PreparedCase], test: list[PreparedCase]) -> dict[str, np.ndarray]:
        """The grid P(adopted) of the fold's cases with uncoded flags read as unknown, the shares
        taken from the training cases alone."""
        frequency = flag_frequencies([t.case for t in train])
        return grid | {
            c.id: c.p_unknown_grid(by_config[c.id], frequency) for c in [*train, *test] if c.unknown
        }

    def forecast(split: str, train: list[PreparedCase], test: list[PreparedCase]) -> dict[str, HoldoutParams]:
        tables = {v: unknown_grid(train, test) if v in UNKNOWN_FLAG_VARIANTS else grid for v in VARIANTS}
        at = {v: fit_index(train, tables[v], v)[0] for v in VARIANTS}
        at["redline"] = at[DEFAULT_VARIANT]
        tables["redline"] = tables[DEFAULT_VARIANT]
        fits = {m: combos[i] for m, i in at.items()}
        base = float(np.mean([c.adopted for c in train]))
        for c in test:
            folds[f"{split}:{c.id}"] = [t.id for t in train]
            p = {m: float(tables[m][c.id][i]) for m, i in at.items()}
            if c.p_supply is not None:  # a supply case: the fold's supply rule, whatever the variant
                supply_at = fold_supply_fit(train, c.case.decision)
                p = {m: float(c.p_supply[supply_at]) for m in at}
            p |= {**c.fixed, "base_rate": base}
            for method in CV_METHODS:
                rows.append(
                    {
                        "split": split,
                        "case": c.id,
                        "rule": c.case.rule,
                        "decision_date": c.case.decision_date.isoformat(),
                        "outcome_type": c.outcome_type,
                        "method": method,
                        "p_adopted": p[method],
                        "adopted": c.adopted,
                    }
                )
        return fits

    for c in corpus:
        forecast("loo", [t for t in corpus if t.id != c.id], [c])
    early = [c for c in corpus if c.case.decision_date <= TEMPORAL_SPLIT]
    late = [c for c in corpus if c.case.decision_date > TEMPORAL_SPLIT]
    fitted_temporal: dict[str, float] = {}
    if early and late:
        fitted_temporal = forecast("temporal", early, late)["redline"].to_dict()
    whole = (
        forecast("held_out", corpus, held_out)
        if held_out
        else {
            v: fit_params(corpus, unknown_grid(corpus, []) if v in UNKNOWN_FLAG_VARIANTS else grid, v)[0]
            for v in VARIANTS
        }
    )
    fitted = whole[DEFAULT_VARIANT].to_dict()
    fitted_variants = {v: whole[v].to_dict() for v in VARIANTS}

    supply = supply_comparison(corpus, held_out)
    predictions = pd.DataFrame(rows)
    rng = np.random.default_rng(seed)
    score_rows = []
    for (split, method), sub in predictions.groupby(["split", "method"], sort=False):
        p = sub["p_adopted"].to_numpy(dtype=float)
        y = sub["adopted"].to_numpy(dtype=float)
        score_rows.append({"split": split, "method": method, **score_table(p, y, n_boot=n_boot, rng=rng)})
    # A generator of its own, so the intervals above stay what they were before these were added.
    extra_rng = np.random.default_rng([seed, 16])
    for row in score_rows:
        row.update(_paired_difference(predictions, row["split"], row["method"], n_boot, extra_rng))
    group_rows = []
    for split in ("loo", "held_out"):
        part = predictions[predictions["split"] == split]
        for grouping in ("rule", "outcome_type"):
            for (method, group), sub in part.groupby(["method", grouping], sort=True):
                p = sub["p_adopted"].to_numpy(dtype=float)
                y = sub["adopted"].to_numpy(dtype=float)
                ok = np.isfinite(p)
                low, high = bootstrap_interval(brier_score, p[ok], y[ok], n_boot=n_boot, rng=extra_rng)
                group_rows.append(
                    {
                        "split": split,
                        "method": method,
                        "grouping": grouping,
                        "group": group,
                        "n_cases": int(ok.sum()),
                        "brier": float(brier_score(p[ok], y[ok])) if ok.any() else np.nan,
                        "brier_low": low,
                        "brier_high": high,
                    }
                )
    loo = predictions[predictions["split"] == "loo"]
    ours = loo[loo["method"] == "redline"]
    calibration = reliability_table(
        ours["p_adopted"].to_numpy(dtype=float), ours["adopted"].to_numpy(dtype=float), bins
    )
    settings = {
        "folder": folder,
        "draws": draws if draws is not None else int(prepared[0].position.shape[0]),
        "seed": seed,
        "n_corpus": len(corpus),
        "n_held_out": len(held_out),
        "n_temporal_train": len(early),
        "n_temporal_test": len(late),
        "corpus_end": CORPUS_END.isoformat(),
        "temporal_split": TEMPORAL_SPLIT.isoformat(),
        "grid": {k: list(v) for k, v in GRID.items()},
        "variants": {k: {p: list(v) for p, v in pinned.items()} for k, pinned in VARIANTS.items()},
        "default_variant": DEFAULT_VARIANT,
        "n_boot": n_boot,
    }
    return CrossValidation(
        predictions=predictions,
        scores=pd.DataFrame(score_rows),
        by_group=pd.DataFrame(group_rows),
        calibration=calibration,
        fitted=fitted,
        fitted_temporal=fitted_temporal,
        folds=folds,
        settings=settings,
        fitted_variants=fitted_variants,
        supply=supply,
        fitted_supply={
            "pooled": SUPPLY_CANDIDATES[fit_supply(corpus)].to_dict(),
            **{d: SUPPLY_CANDIDATES[fit_supply(corpus, None, d)].to_dict() for d in DECISION_KINDS},
            "split_by_kind": SPLIT_SUPPLY_BY_KIND,
        },
    )


def _paired_difference(
    predictions: pd.DataFrame, split: str, method: str, n_boot: int, rng: np.random.Generator
) -> dict[str, float]:
    """Brier(method) − Brier(holdout model) on the split's cases both forecast, with a paired
    bootstrap interval over cases (negative: the method beats the model)."""
    part = predictions[predictions["split"] == split]
    wide = part.pivot(index="case", columns="method", values="p_adopted")
    y = part.groupby("case")["adopted"].first().reindex(wide.index).to_numpy(dtype=float)
    p, ref = wide[method].to_numpy(dtype=float), wide["redline"].to_numpy(dtype=float)
    both = np.isfinite(p) & np.isfinite(ref)
    p, ref, y = p[both], ref[both], y[both]
    estimate = float(brier_difference(p, ref, y)) if both.any() else np.nan
    low, high = bootstrap_interval(brier_difference, p, ref, y, n_boot=n_boot, rng=rng)
    return {"brier_minus_redline": estimate, "brier_minus_redline_low": low, "brier_minus_redline_high": high}


def supply_comparison(corpus: list[PreparedCase], held_out: list[PreparedCase] = ()) -> pd.DataFrame:
    """Brier of each supply requirement (:data:`SUPPLY_KINDS`), the per-kind fit and the baselines on
    the supply cases: leave-one-out over the corpus supply cases (each fitted on the other corpus
    supply cases), the temporal split (fit <= 2018) and the held-out supply cases (fitted on the whole
    corpus). ``supply_per_kind`` fits each case's rule on the training cases of its own ``decision``
    kind only (supply or operation).

    One row per (split, method, decision): ``decision`` is ``all`` or one kind (the same forecasts
    scored on that kind's cases); ``n_cases``, ``brier``, ``rule`` (the rules fitted for them).
    """
    columns = ["split", "method", "decision", "n_cases", "brier", "rule"]
    supply = [c for c in corpus if c.p_supply is not None]
    later = [c for c in held_out if c.p_supply is not None]
    if not supply:
        return pd.DataFrame(columns=columns)
    early = [c for c in supply if c.case.decision_date <= TEMPORAL_SPLIT]
    late = [c for c in supply if c.case.decision_date > TEMPORAL_SPLIT]
    splits = {
        "loo": [([t for t in supply if t.id != c.id], c) for c in supply],
        "temporal": [(early, c) for c in late],
        "held_out": [(supply, c) for c in later],
    }
    rows = []

    def add(split: str, method: str, pairs: list, p: np.ndarray, labels: list[str]) -> None:
        y = np.array([c.adopted for _, c in pairs], dtype=float)
        kinds = np.array([c.case.decision for _, c in pairs])
        for decision in ("all", *DECISION_KINDS):
            mask = np.ones(len(pairs), bool) if decision == "all" else kinds == decision
            if not mask.any():
                continue
            rows.append(
                {
                    "split": split,
                    "method": method,
                    "decision": decision,
                    "n_cases": int(mask.sum()),
                    "brier": float(brier_score(p[mask], y[mask])),
                    "rule": ", ".join(sorted({lab for lab, m in zip(labels, mask, strict=True) if m and lab})),
                }
            )

    for split, pairs in splits.items():
        if not pairs:
            continue
        fits = {m: [fit_supply(train, among) for train, _ in pairs] for m, among in SUPPLY_KINDS.items()}
        fits["supply_per_kind"] = [fit_supply(train, None, c.case.decision) for train, c in pairs]
        for method, chosen in fits.items():
            p = np.array([c.p_supply[i] for i, (_, c) in zip(chosen, pairs, strict=True)])
            add(split, method, pairs, p, [SUPPLY_CANDIDATES[i].label for i in chosen])
        for method in ("weighted_mean", "weighted_median", "status_quo"):
            p = np.array([c.fixed.get(method, np.nan) for _, c in pairs])
            add(split, method, pairs, p, [""] * len(pairs))
        base = np.array([np.mean([t.adopted for t in train]) if train else np.nan for train, _ in pairs])
        add(split, "base_rate", pairs, base, [""] * len(pairs))
    return pd.DataFrame(rows, columns=columns)
