"""Redline's forecast of a case: expected-utility bargaining, then the case's decision rule.

Per Monte Carlo draw of the coding (:mod:`redline.backtest.uncertainty`):

1. **Bargaining.** Bueno de Mesquita's expected-utility model (models.md §1, the batched kernel of
   :mod:`redline.bargaining`) runs on every actor of the case (members, institutions, outsiders):
   its forecast μ is the outcome the actors bargain their way to (a draw that cycles or reaches
   ``max_rounds`` keeps the model's own §1.5 forecast; see :func:`bargain`).
2. **The rule.** The bargain must then pass the body's rule. An actor *accepts* an outcome p
   against the status quo sq when it does not lose by it (models.md §2.1 silence procedure and §2.2
   spatial pivot, with utility −|p − x|):

       |p − x_i| − |sq − x_i| ≤ ε_i          (ε_i = the actor's block_cost, default 0)

   An actor that does not accept still lets p pass unless it **resists**, which it does with
   probability equal to its salience — the expected-utility model's own reading of salience as the
   probability that a target resists a challenge (§1.2-1.3). A low-salience veto player that is
   outvoted in the bargain goes along (the "package is bigger than the listing" logic); a
   high-salience one blocks.
3. **The outcome.** If the bargain does not pass, the body adopts the point nearest to it that does
   pass (moving back toward sq): for unanimity rules the edge of the veto players' common win-set
   (Tsebelis 2002), which is sq itself when a resisting veto player prefers sq to any move. So the
   forecast value is ``sq + min(μ − sq, p* − sq)`` in the direction of the move, where p* is the
   furthest outcome the rule lets through.

The rules are those of :mod:`redline.decisions` (``get_rule``; models.md §2.1), applied to the
members of the case: ``nato-consensus`` and ``eu-unanimity`` — every veto player (``veto = true``)
must not object; ``single-government`` — the decider must accept; ``majority`` and ``eu-qmv`` — the
members (``member``, default ``veto``) who accept must form a majority / qualified majority
(``population`` needed); ``coalition`` — the willing (every actor not worse off, unless ``member`` is
given) must bring ``required_resources`` if the issue sets it; without it the case is a supply case
(national supply decisions, a coalition of the willing), decided on the drawn positions by the venue
stage's supply requirement (:func:`supply_values`; the rule chosen on the pre-2023 supply cases). P(adopted) is the share of draws whose
forecast value is at or above the case's ``adopted_threshold``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.backtest import baselines
from redline.backtest.cases import Case
from redline.backtest.uncertainty import CodingUncertainty, sample_codings
from redline.budget import check_memory, check_work, work_budget
from redline.decisions.holdout import (
    BLOCK,
    DELAY,
    HoldoutContext,
    HoldoutParams,
    HoldoutResult,
    resolve,
)
from redline.errors import RedlineError
from redline.results import Result

if TYPE_CHECKING:
    from redline.decisions import Rule
    from redline.decisions.supply import SupplyRule

__all__ = [
    "Bargainer",
    "CaseForecast",
    "acceptance_bound",
    "bargain",
    "case_rule",
    "check_backtest_work",
    "forecast_case",
    "furthest_passable",
    "holdout_stage",
    "holdout_values",
    "is_supply_case",
    "supply_values",
    "FITTED_HOLDOUT",
    "FIRST_HOLDOUT",
    "FLAG_FAMILY",
    "CORPUS_FLAG_FREQUENCY",
    "MODELS",
    "READ_UNCODED_AS_UNKNOWN",
    "UNKNOWN_FLAGS",
    "VALUE_FLAGS",
    "config_index",
    "flag_family",
    "flag_frequencies",
    "flag_uniforms",
    "unknown_flags",
]

MODELS = ("holdout", "salience")
VETO_RULES = ("nato-consensus", "eu-unanimity", "single-government")

FIRST_HOLDOUT = HoldoutParams(isolation_cost=0.2, offer=0.15, opt_out_residual=0.25, route_around=0.0)
"""The first holdout model (session 2; variant ``holdout_first``): head-count isolation, no reservation.
Fitted on the 2008-2022 corpus only; kept for comparison (``redline backtest --cv`` scores it beside)."""

FITTED_HOLDOUT = HoldoutParams(
    isolation_cost=0.5,
    offer=0.15,
    opt_out_residual=0.5,
    route_around=0.0,
    reservation_residual=1.0,
    capability_isolation=1.0,
)
"""The holdout model's parameters used by default: variant ``holdout_capability`` (isolation weighed by
the capability of the other opposed members), the variant with the lowest leave-one-out Brier on the
2008-2022 corpus (45 cases), fitted on that corpus only (``redline backtest backtest/cases --cv loo
--draws 100``, seed 0; docs/backtest.md). The 2023+ cases were not seen by the fit or the choice. The
fit leaves the national reservation off (``reservation_residual = 1``: on the corpus, coded from the
instruments' form, it did not improve the forecasts). The a-priori defaults are ``HoldoutParams()``."""

UNKNOWN_FLAGS = ("opt_out_possible", "route_around", "side_payment_available", "deadline_pressure")
"""The ``[context]`` flags that the ``holdout_unknown_flags`` variant reads as **unknown** when a case
leaves them uncoded (session 6): in each draw such a flag is true with the share of the training
cases of the same family that code it true (:func:`flag_frequencies`). ``reservation_possible`` is
not among them: it is coded from the instrument's legal form and the body's rules
(``scripts/backtest_reservations.py``), so it is never unknown; an uncoded one is false, as the rule
for the 2023+ development cases says."""
VALUE_FLAGS = ("opt_out_possible", "route_around", "side_payment_available")
"""The unknown flags that can move the outcome value (``deadline_pressure`` only tells a delay from a
block): the fit enumerates these."""
FLAG_FAMILY = {"eu-unanimity": "eu", "eu-qmv": "eu", "nato-consensus": "nato"}
"""Body family of a rule for the flag frequencies: EU rules, NATO consensus. Every other veto rule
(single government: two corpus cases, too few to estimate a share) takes ``all``: the share over
every veto-rule training case. Decided before any held-out case was scored (docs/backtest.md)."""
FLAG_STREAM = 0x666C6167
"""Second entropy word of the seed of a case's flag draws (``SeedSequence([seed, FLAG_STREAM])``):
the case's own stream, apart from its coding draws, so those stay what they were."""
READ_UNCODED_AS_UNKNOWN = False
"""Whether the default forecast (``redline forecast``, ``redline backtest``, the ``redline`` rows of the
cross-validation) reads an uncoded flag as unknown (variant ``holdout_unknown_flags``) rather than
false (``holdout_capability``). Set by the rule committed before scoring (docs/backtest.md, session 6):
the variant's corpus leave-one-out Brier was 0.105 against 0.086, so it stays False."""
CORPUS_FLAG_FREQUENCY: dict[str, dict[str, float]] = {
    "eu": {
        "opt_out_possible": 9 / 28,
        "route_around": 14 / 28,
        "side_payment_available": 20 / 28,
        "deadline_pressure": 25 / 28,
    },
    "nato": {
        "opt_out_possible": 1 / 13,
        "route_around": 5 / 13,
        "side_payment_available": 10 / 13,
        "deadline_pressure": 9 / 13,
    },
    "all": {
        "opt_out_possible": 10 / 43,
        "route_around": 20 / 43,
        "side_payment_available": 32 / 43,
        "deadline_pressure": 36 / 43,
    },
}
""":func:`flag_frequencies` of the 2008-2022 corpus (``backtest/cases``: 28 EU and 13 NATO cases that
code the flags, 43 veto-rule cases in all), used by the default forecast when
:data:`READ_UNCODED_AS_UNKNOWN`; a test recomputes it from the shipped files."""

Bargainer = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
"""``(position, capability, salience)`` each ``(draws, n)`` -> bargained outcome ``(draws,)``."""


GRID_UNIT_OPS = 10.0
"""Operations per (grid point, draw, actor) of the holdout stage: 24 ns of CPU measured over 10 corpus
cases at 100 draws with the grid scored together (``holdout_values``, session 4; it was 300 ns one
grid point at a time), at the bargaining kernel's 3.4 ns per operation, rounded up."""


def check_backtest_work(
    cases: list[Case],
    draws: int,
    *,
    what: str = "backtest",
    grid_points: int = 0,
    custom_bargainer: bool = False,
) -> None:
    """Refuse a backtest whose total work is over the budget, before the first case is forecast.

    Every case bargains ``draws`` draws of all its actors (:func:`redline.bargaining.model.batch_work`
    at the default ``max_rounds``), and cross-validation then scores ``grid_points`` holdout parameter
    sets per draw and actor. Each case alone may fit the budget while the folder does not (51 cases at
    1,900 draws: 3.2e11 operations, 20 CPU-minutes), so the folder is checked as a whole. The message
    names the largest ``--draws`` that fits.
    """
    from redline.bargaining.model import batch_work

    per_draw = sum(
        (0.0 if custom_bargainer else batch_work(1, len(c.actors)))
        + grid_points * len(c.actors) * GRID_UNIT_OPS
        for c in cases
    )
    if per_draw <= 0:
        return
    fits = int(work_budget() // per_draw)
    hint = f"ask for --draws {fits:,} or fewer" if fits >= 1 else "forecast fewer or smaller cases"
    check_work(f"{what} of {len(cases)} case(s) with {draws:,} draws", per_draw * draws, hint=hint)


def bargain(
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    bargainer: Bargainer | None = None,
) -> tuple[np.ndarray, dict[str, float]]:
    """The bargained outcome μ per draw, and how the expected-utility model stopped.

    Default: the expected-utility model with its default settings (models.md §1.3-1.7). Every draw
    is kept whatever its stopping status (§1.5): a draw that cycles gives the mean of the weighted
    medians in the cycle, one that reaches ``max_rounds`` the weighted median after the last round.
    Dropping those draws would select on the coding, so they are counted instead: the second value
    gives the shares ``p_cycle`` and ``p_max_rounds`` (NaN for a custom ``bargainer``).
    """
    if bargainer is not None:
        mu = np.asarray(bargainer(position, capability, salience), dtype=float)
        return mu, {"p_cycle": np.nan, "p_max_rounds": np.nan}
    from redline.bargaining import forecast_batch

    batch = forecast_batch(position, capability, salience)
    status = np.asarray(batch.status)
    shares = {"p_cycle": float(np.mean(status >= 2)), "p_max_rounds": float(np.mean(status == 1))}
    return np.asarray(batch.forecast, dtype=float), shares


def acceptance_bound(
    position: np.ndarray, sq: float, direction: np.ndarray, block_cost: np.ndarray
) -> np.ndarray:
    """How far from sq, in the direction of the move, an actor still accepts an outcome.

    With x̃ = direction·(x − sq), an outcome at distance t ≥ 0 from sq is accepted iff
    |t − x̃| − |x̃| ≤ ε, i.e. t ≤ x̃ + |x̃| + ε (= 2x̃ + ε when x̃ > 0, ε when the actor sits at
    or behind sq).
    """
    x_t = direction[..., None] * (position - sq)
    return x_t + np.abs(x_t) + block_cost


def case_rule(case: Case) -> Rule:
    """The :mod:`redline.decisions` rule of a case (``get_rule`` with the case's parameters)."""
    from redline.decisions import get_rule

    if case.rule == "single-government":
        if case.veto_players == (case.decider,):
            return get_rule("single-government", decider=case.decider)
        # A government coded by its internal veto holders (head of government, coalition parties,
        # parliament): it acts only if none of them objects, i.e. consensus among the members.
        return get_rule("nato-consensus")
    if case.rule == "coalition":
        # The strict coalition (only actors strictly better off join) passes proposals up to, but not
        # at, an actor's cutoff; the furthest passable outcome is that supremum, i.e. the rule where
        # indifferent actors join.
        return get_rule("coalition", required=case.issue.required_resources or 0.0, indifferent_join=True)
    return get_rule(case.rule)


def furthest_passable(
    rule: Rule,
    table: ActorTable,
    position: np.ndarray,
    resist: np.ndarray,
    status_quo: float,
    bargain: np.ndarray,
) -> np.ndarray:
    """Per draw, how far from the status quo toward the bargain the rule lets an outcome through.

    An actor that does not resist goes along (it is placed at the outcome, so it accepts); under a
    coalition of the willing nobody blocks, so ``resist`` is ignored there. Passing is monotone in the
    distance and changes only at the actors' cutoffs, so checking 0, every cutoff and the bargain
    itself with the rule's batched predicate is exact (loop over actors, not draws).
    """
    draws, n = position.shape
    direction = np.sign(bargain - status_quo)
    moved = np.abs(bargain - status_quo)
    block_cost = table.block_cost if table.block_cost is not None else np.zeros(n)
    cut = acceptance_bound(position, status_quo, direction, np.zeros(n))
    candidates = np.concatenate([np.zeros((draws, 1)), cut, cut + block_cost, moved[:, None]], axis=1)
    candidates = np.clip(candidates, 0.0, moved[:, None])
    goes_along = ~resist if rule.name != "coalition" else np.zeros_like(resist)
    best = np.full(draws, -np.inf)
    for j in range(candidates.shape[1]):
        t = candidates[:, j]
        outcome = status_quo + direction * t
        effective = np.where(goes_along, outcome[:, None], position)
        ok = rule.passes_batch(effective, status_quo, outcome, actors=table)
        best = np.where(ok & (t > best), t, best)
    return best  # -inf where not even the status quo passes (then nothing is adopted)


def case_context(case: Case) -> HoldoutContext:
    """The case's ``[context]`` flags for the holdout model (a flag not coded counts as False)."""
    coded = case.context.coded()
    return HoldoutContext(**{k: bool(v) for k, v in coded.items()})


def flag_family(case: Case) -> str:
    """The case's family for the flag frequencies (:data:`FLAG_FAMILY`; ``all`` for other rules)."""
    return FLAG_FAMILY.get(case.rule, "all")


def unknown_flags(case: Case, flags: tuple[str, ...] = UNKNOWN_FLAGS) -> tuple[str, ...]:
    """The flags of ``flags`` the case leaves uncoded (none for a rule without veto holders)."""
    if case.rule not in VETO_RULES:
        return ()
    return tuple(f for f in flags if getattr(case.context, f) is None)


def flag_frequencies(cases: list[Case]) -> dict[str, dict[str, float]]:
    """Per family (``eu``, ``nato``, ``all``) and flag of :data:`UNKNOWN_FLAGS`: the share of the
    veto-rule cases that code the flag true among those of the family that code it (NaN when none
    does: an unknown flag is then drawn false). ``all`` counts every veto-rule case.

    Only the cases' coded flags are read (never an outcome); give it the training cases only.
    """
    veto = [c for c in cases if c.rule in VETO_RULES]
    out: dict[str, dict[str, float]] = {}
    for family in ("eu", "nato", "all"):
        members = [c for c in veto if family == "all" or flag_family(c) == family]
        out[family] = {}
        for flag in UNKNOWN_FLAGS:
            coded = [getattr(c.context, flag) for c in members if getattr(c.context, flag) is not None]
            out[family][flag] = float(np.mean(coded)) if coded else float("nan")
    return out


def flag_uniforms(draws: int, seed: int) -> np.ndarray:
    """``(draws, len(CONTEXT_FIELDS))`` uniforms of a case's flag draws, from its own seeded stream
    (the first ``d`` rows do not depend on ``draws``, nor on the other cases)."""
    from redline.backtest.cases import CONTEXT_FIELDS

    rng = np.random.default_rng(np.random.SeedSequence([int(seed), FLAG_STREAM]))
    return rng.random((draws, len(CONTEXT_FIELDS)))


def _flag_probability(case: Case, flag: str, frequency: dict[str, dict[str, float]]) -> float:
    p = frequency.get(flag_family(case), {}).get(flag, float("nan"))
    return 0.0 if not np.isfinite(p) else float(p)


def config_index(
    case: Case,
    frequency: dict[str, dict[str, float]],
    uniforms: np.ndarray,
    flags: tuple[str, ...] = UNKNOWN_FLAGS,
) -> np.ndarray:
    """``(draws,)`` the drawn configuration of the case's unknown flags among ``flags``: bit ``j`` set
    when the ``j``-th of :func:`unknown_flags` is drawn true (uniform below its frequency)."""
    from redline.backtest.cases import CONTEXT_FIELDS

    index = np.zeros(uniforms.shape[0], dtype=np.int64)
    for j, flag in enumerate(unknown_flags(case, flags)):
        drawn = uniforms[:, CONTEXT_FIELDS.index(flag)] < _flag_probability(case, flag, frequency)
        index |= drawn.astype(np.int64) << j
    return index


def config_context(case: Case, k: int, flags: tuple[str, ...] = UNKNOWN_FLAGS) -> HoldoutContext:
    """The holdout context of configuration ``k`` (:func:`config_index`): the coded flags as coded,
    the unknown ones set by the bits of ``k``, an uncoded reservation false."""
    coded = {f: bool(v) for f, v in case.context.coded().items()}
    for j, flag in enumerate(unknown_flags(case, flags)):
        coded[flag] = bool((k >> j) & 1)
    return HoldoutContext(**coded)


def _veto_inputs(
    case: Case, table: ActorTable, rule: Rule
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """What the holdout model reads of a veto rule's case: who holds a veto (the members; everyone when
    the case codes none), each actor's coded isolation cost (NaN: the model's default) and the block
    costs where the rule uses them."""
    member = table.member if table.member is not None else np.ones(len(table), bool)
    kappa = np.array([np.nan if a.isolation_cost is None else a.isolation_cost for a in case.actors])
    block_cost = table.block_cost if table.block_cost is not None and rule.uses_block_cost else None
    return member, kappa, block_cost


def is_supply_case(case: Case) -> bool:
    """A case of national supply decisions / a coalition of the willing without a coded resource need:
    decided by the supply requirement of the venue stage (:class:`redline.decisions.venue.SupplyRule`)."""
    return case.rule == "coalition" and case.issue.required_resources is None


def supply_values(
    case: Case,
    table: ActorTable,
    position: np.ndarray,
    capability: np.ndarray | None = None,
    rule: SupplyRule | None = None,
) -> np.ndarray:
    """``(draws,)`` outcome values of a supply case: the proposal where the willing members meet ``rule``
    (default: the requirement of the case's decision kind, :func:`redline.decisions.supply.default_requirement`),
    else the status quo.

    The members (``member``, default every actor) decide on the drawn positions, as the scenario's
    venue stage does: a member is willing iff it prefers the proposal to the status quo.
    """
    from redline.decisions.supply import default_requirement, supply_met

    sq, p = case.issue.status_quo, case.issue.proposal
    cap = np.broadcast_to(table.capability if capability is None else capability, position.shape)
    member = table.member if table.member is not None else np.ones(len(table), bool)
    willing = np.abs(p - position) < np.abs(sq - position)
    met = supply_met(cap, willing, member, rule or default_requirement(case.decision or "supply"))
    return np.where(met, p, sq)


def holdout_stage(
    case: Case,
    table: ActorTable,
    position: np.ndarray,
    salience: np.ndarray,
    proposal: np.ndarray,
    params: HoldoutParams | None = None,
    *,
    rule: Rule | None = None,
    capability: np.ndarray | None = None,
    flag_frequency: dict[str, dict[str, float]] | None = None,
    flag_draws: np.ndarray | None = None,
) -> HoldoutResult:
    """The holdout model on one case's draws: the bargain ``proposal`` before the case's body.

    Consensus and unanimity bodies, and governments with veto holders, go through
    :func:`redline.decisions.holdout.resolve`; majority, QMV and coalition rules have no holdouts, so
    every member that loses votes no and the rule's furthest passable outcome is taken.

    With ``flag_frequency`` (:func:`flag_frequencies`) and ``flag_draws`` (:func:`flag_uniforms`), an
    uncoded flag of :data:`UNKNOWN_FLAGS` is unknown: each draw takes the configuration its uniforms
    give (variant ``holdout_unknown_flags``); without them, an uncoded flag is false.
    """
    from redline.decisions.holdout import ACCEPT, ADOPTED, BLOCKED

    params = params or FITTED_HOLDOUT
    rule = rule or case_rule(case)
    sq = case.issue.status_quo
    if case.rule in VETO_RULES:
        member, kappa, block_cost = _veto_inputs(case, table, rule)

        def run(context: HoldoutContext) -> HoldoutResult:
            return resolve(
                position,
                salience,
                member,
                kappa,
                sq,
                proposal,
                case.issue.adopted_threshold,
                block_cost=block_cost,
                context=context,
                params=params,
                capability=table.capability,
            )

        if flag_frequency is None or flag_draws is None or not unknown_flags(case):
            return run(case_context(case))
        index = config_index(case, flag_frequency, flag_draws)
        parts = {int(k): run(config_context(case, int(k))) for k in np.unique(index)}
        pick = [index == k for k in parts]
        results = list(parts.values())
        return HoldoutResult(
            value=np.select(pick, [r.value for r in results]),
            outcome=np.select(pick, [r.outcome for r in results]),
            action=np.select([m[:, None] for m in pick], [r.action for r in results]),
            binding=np.select([m[:, None] for m in pick], [r.binding for r in results]),
            offer=float(sum(r.offer * m.mean() for r, m in zip(results, pick, strict=True))),
        )
    if is_supply_case(case):
        value = supply_values(case, table, position, capability)
        adopted = case.issue.is_adopted(value)
        return HoldoutResult(
            value=value,
            outcome=np.where(adopted, ADOPTED, BLOCKED),
            action=np.full(position.shape, ACCEPT),
            binding=np.zeros(position.shape, dtype=bool),
            offer=0.0,
        )
    everyone = np.ones(position.shape, dtype=bool)
    reach = furthest_passable(rule, table, position, everyone, sq, proposal)
    direction = np.sign(proposal - sq)
    value = np.where(np.isfinite(reach), sq + direction * np.minimum(np.abs(proposal - sq), reach), sq)
    adopted = case.issue.is_adopted(value)
    zeros = np.zeros(position.shape, dtype=bool)
    return HoldoutResult(
        value=value,
        outcome=np.where(adopted, ADOPTED, BLOCKED),
        action=np.full(position.shape, ACCEPT),
        binding=zeros,
        offer=0.0,
    )


def holdout_values(
    case: Case,
    table: ActorTable,
    position: np.ndarray,
    salience: np.ndarray,
    proposal: np.ndarray,
    params_list: list[HoldoutParams],
    context: HoldoutContext | None = None,
) -> np.ndarray:
    """``(len(params_list), draws)`` outcome values of :func:`holdout_stage` on a veto rule's case.

    For fitting: :func:`redline.decisions.holdout.resolve_values` shares the work between grid points.
    ``context`` replaces the case's coded flags (:func:`config_context`).
    """
    from redline.decisions.holdout import resolve_values

    if case.rule not in VETO_RULES:
        raise ValueError(f"{case.id}: holdout_values needs a veto rule; found {case.rule!r}")
    member, kappa, block_cost = _veto_inputs(case, table, case_rule(case))
    return resolve_values(
        position,
        salience,
        member,
        kappa,
        case.issue.status_quo,
        proposal,
        params_list=params_list,
        block_cost=block_cost,
        context=case_context(case) if context is None else context,
        capability=table.capability,
    )


@dataclass(frozen=True)
class CaseForecast(Result):
    """The forecast of one case: Redline's method and every baseline, from the same draws."""

    case_id: str
    rule: str
    draws: int
    seed: int
    threshold: float
    status_quo: float
    methods: pd.DataFrame
    """One row per method: ``method``, ``p_adopted``, ``value_mean``, ``value_median``, ``value_p05``,
    ``value_p95``."""
    actors: pd.DataFrame
    """One row per actor: coding and ``p_blocks``, ``p_pivot``, ``p_carries``."""
    bargained: dict[str, float] = field(default_factory=dict)
    """Summary of the bargained outcome μ before the rule: ``mean``, ``median``, ``p05``, ``p95``,
    ``p_blocked`` (share of draws in which the rule cut the bargain back), ``p_cycle`` and
    ``p_max_rounds`` (shares of draws the model stopped by a cycle or at the round cap)."""
    dropped: tuple[str, ...] = ()
    """Actors dropped by ``--strict``."""
    outcomes: dict[str, float] = field(default_factory=dict)
    """The holdout model's P(adopted / adopted_with_opt_outs / delayed / blocked)."""
    model: str = "holdout"
    offer: float = 0.0
    """The side payment the holdout model puts on the table (0 when the case codes none)."""

    def to_dict(self) -> dict:
        return {
            "case": self.case_id,
            "rule": self.rule,
            "draws": self.draws,
            "seed": self.seed,
            "adopted_threshold": self.threshold,
            "status_quo": self.status_quo,
            "bargained": self.bargained,
            "methods": self.methods.to_dict(orient="records"),
            "actors": self.actors.to_dict(orient="records"),
            "dropped_by_strict": list(self.dropped),
            "model": self.model,
            "outcomes": self.outcomes,
            "offer": self.offer,
        }


def _summary(value: np.ndarray) -> dict[str, float]:
    if not np.isfinite(value).any():
        return {"value_mean": np.nan, "value_median": np.nan, "value_p05": np.nan, "value_p95": np.nan}
    q05, q50, q95 = np.quantile(value, [0.05, 0.5, 0.95])
    return {
        "value_mean": float(value.mean()),
        "value_median": float(q50),
        "value_p05": float(q05),
        "value_p95": float(q95),
    }


def forecast_case(
    case: Case,
    draws: int = 500,
    seed: int = 0,
    *,
    strict: bool = False,
    uncertainty: CodingUncertainty = CodingUncertainty(),
    bargainer: Bargainer | None = None,
    base_rate: float = np.nan,
    resistance: bool = True,
    model: str = "holdout",
    holdout: HoldoutParams | None = None,
    flag_frequency: dict[str, dict[str, float]] | None = None,
) -> CaseForecast:
    """Forecast one case (it has no outcome to see; see :func:`~redline.backtest.cases.read_case`).

    Parameters
    ----------
    case
        The case as read by :func:`read_case`.
    draws, seed
        Monte Carlo draws over the coding uncertainty and the seed (same seed, same numbers).
    strict
        Drop actors whose only source postdates the coding date.
    uncertainty
        Widths of the coding uncertainty.
    bargainer
        The bargaining model (default: the expected-utility model of :mod:`redline.bargaining`).
    base_rate
        Share of other cases adopted (the base-rate baseline); NaN when unknown.
    resistance
        If False, every actor that prefers the status quo blocks (the pure spatial rule of models.md
        §2.2, no resistance draw) in the salience-resistance model. For sensitivity analysis.
    model
        ``"holdout"`` (default): veto holders that lose choose among block, delay, opt-out and
        conceding for a side payment (:mod:`redline.decisions.holdout`); ``"salience"``: the first
        wave's model, where such an actor resists with probability equal to its salience. The
        other model is reported as a method row too (``salience_resist`` or ``holdout``).
    holdout
        The holdout model's parameters (default :data:`FITTED_HOLDOUT`, fitted on the 2008-2022 corpus).
    flag_frequency
        Read an uncoded ``[context]`` flag as unknown, drawn true with these shares
        (:func:`flag_frequencies`; variant ``holdout_unknown_flags``). Default: the corpus shares
        :data:`CORPUS_FLAG_FREQUENCY` when :data:`READ_UNCODED_AS_UNKNOWN`, else none (uncoded = false).
    """
    dropped = case.dropped_by_strict() if strict else ()
    if strict:
        case = case.strict()
    if model not in MODELS:
        raise RedlineError(f"model: expected one of {', '.join(MODELS)}; found {model!r}")
    table = case.actor_table()
    check_memory(
        "backtest forecast", 8.0 * 12 * draws * len(case.actors), hint="ask for fewer draws (--draws)"
    )
    judgement = np.array([a.judgement for a in case.actors])
    sample = sample_codings(
        table.position, table.salience, table.capability, judgement, draws, seed, uncertainty
    )
    x, s, c, resist = sample["position"], sample["salience"], sample["capability"], sample["resist"]
    if not resistance:
        resist = np.ones_like(resist)
    sq, threshold, n = case.issue.status_quo, case.issue.adopted_threshold, len(table)

    mu, stopped = bargain(x, c, s, bargainer)
    rule = case_rule(case)
    direction = np.sign(mu - sq)
    moved = np.abs(mu - sq)
    member = table.member if table.member is not None else np.ones(n, bool)
    block_cost = table.block_cost if table.block_cost is not None and rule.uses_block_cost else np.zeros(n)

    # The salience-resistance model: an actor that does not accept resists with P = its salience.
    reach = furthest_passable(rule, table, x, resist, sq, mu)
    salience_final = np.where(np.isfinite(reach), sq + direction * np.minimum(moved, reach), sq)
    # The holdout model (redline.decisions.holdout): veto holders choose block / opt out / concede.
    if flag_frequency is None and READ_UNCODED_AS_UNKNOWN:
        flag_frequency = CORPUS_FLAG_FREQUENCY
    held = holdout_stage(
        case,
        table,
        x,
        s,
        mu,
        holdout,
        rule=rule,
        capability=c,
        flag_frequency=flag_frequency,
        flag_draws=flag_uniforms(draws, seed) if flag_frequency is not None else None,
    )

    if model == "holdout":
        final = held.value
        blocks = held.binding | ((held.action == BLOCK) | (held.action == DELAY))
        pivot = held.binding & (held.binding.sum(axis=1) == 1)[:, None]
    else:
        final = salience_final
        blocked = reach < moved
        effective = np.where(resist, acceptance_bound(x, sq, direction, block_cost), np.inf)
        relevant = member if rule.name != "coalition" else np.zeros(n, bool)
        blocks = relevant[None, :] & (effective < moved[:, None])
        binds = blocks & np.isclose(effective, reach[:, None]) & blocked[:, None]
        pivot = binds & (binds.sum(axis=1) == 1)[:, None]  # "pivotal" only when unique
    adopted = case.issue.is_adopted(final)
    prefers = np.abs(final[:, None] - x) < np.abs(sq - x)
    carries = adopted[:, None] & prefers

    other = "salience_resist" if model == "holdout" else "holdout"
    other_final = salience_final if model == "holdout" else held.value
    rows = [
        {"method": "redline", "p_adopted": float(adopted.mean()), **_summary(final)},
        {
            "method": other,
            "p_adopted": float(case.issue.is_adopted(other_final).mean()),
            **_summary(other_final),
        },
    ]
    for name, value, p in baselines.all_baselines(case, x, s, c, base_rate):
        rows.append({"method": name, "p_adopted": p, **_summary(value)})
    methods = pd.DataFrame(rows)

    actors = case.actor_frame()[["actor", "position", "salience", "capability", "veto"]].copy()
    actors["veto"] = actors["veto"].astype(bool)
    actors.insert(1, "name", [a.name for a in case.actors])
    actors["p_blocks"] = blocks.mean(axis=0)
    actors["p_pivot"] = pivot.mean(axis=0)
    actors["p_carries"] = carries.mean(axis=0)
    for name, share in held.p_action().items():
        if name in ("concede", "opt_out", "reserve", "delay"):
            actors[f"p_{name}"] = share
    bargained = {
        "mean": float(mu.mean()),
        "median": float(np.median(mu)),
        "p05": float(np.quantile(mu, 0.05)),
        "p95": float(np.quantile(mu, 0.95)),
        "p_blocked": float(np.mean(final < np.where(direction >= 0, mu, -np.inf) - 1e-9)),
        **stopped,
    }
    return CaseForecast(
        case_id=case.id,
        rule=case.rule,
        draws=draws,
        seed=seed,
        threshold=threshold,
        status_quo=sq,
        methods=methods,
        actors=actors,
        bargained=bargained,
        dropped=tuple(dropped),
        outcomes=held.p_outcome(),
        model=model,
        offer=held.offer,
    )
