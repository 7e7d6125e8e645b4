"""Strategic holdouts: what a veto holder that prefers the status quo does about a proposal.

The formal rules of :mod:`redline.decisions.rules` say that any veto holder who loses by a proposal
can stop it. The record says otherwise: Hungary let the EU's sixth sanctions package through once
pipeline oil was exempted; Austria, Ireland and Malta abstained constructively so the EU could fund
lethal aid; Turkey let Finland and Sweden's accession go forward after a memorandum met its
demands. This module gives the holdout a choice, per Monte Carlo draw and per actor:

============  ====================================================================  ===========
action        payoff to the holdout (relative to the status quo)                     available
============  ====================================================================  ===========
``concede``   ``-L + offer``                                                         always
``opt_out``   ``-omega * L``: carved out / exempted / abstains constructively,       if an opt-out
              bears only the residual share ``omega`` of its loss                    is possible
``reserve``   ``-omega_r * L``: signs the common text with a national reservation   if the
              (exemption, derogation, footnote, side letter, constructive            instrument
              abstention under TEU 31(1)); keeps its own policy and bears only       allows one
              the residual share ``omega_r`` of its loss
``block``     ``-kappa * iota - rho * L``: pays the cost of isolation; if the        always
              others can route around the body it bears the loss anyway (``rho``)
============  ====================================================================  ===========

* ``L = salience * (|p - x| - |sq - x|)⁺ / |p - sq|`` — the holdout's loss from the proposal ``p``
  against the status quo ``sq``, scaled to [0, salience] (it loses at most the whole move).
* ``kappa`` — the cost of standing alone (an actor's coded ``isolation_cost``, else a default).
* ``iota = (1 - theta) / (1 + m) + theta * (1 - C_m / C)`` — isolation: ``m`` other veto holders
  also lose by the proposal and would share the blame for a block; ``C_m`` is their capability and
  ``C`` that of all veto holders (``theta = 0``, the head count, is the first holdout model; with
  ``theta = 1`` seven small allies against the rest are nearly as isolated as one).
* ``offer`` — the side payment on the table (a linked concession, unfrozen funds, an arms deal)
  in the same units as ``L``; 0 when nothing is offered.

The holdout takes the action with the highest payoff; ties go to ``concede``, then ``opt_out``,
then ``reserve`` (a holdout offered exactly its price, ``L - kappa * iota``, concedes).
``omega_r = 1`` and ``theta = 0`` (the defaults) give the first holdout model exactly: a reservation
that spares nothing is never taken over conceding. A block is reported as a
**delay** when there is no deadline pressure and a side payment is possible (the bargaining goes
on), else as a **block**. An actor that does not lose by the proposal simply accepts. All
functions are pure, over arrays whose leading axis is the draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from redline.results import Result

__all__ = [
    "ACCEPT",
    "ACTIONS",
    "BLOCK",
    "CONCEDE",
    "DELAY",
    "OPT_OUT",
    "OUTCOMES",
    "RESERVE",
    "ADOPTED_CODES",
    "HoldoutContext",
    "HoldoutParams",
    "HoldoutResult",
    "choose",
    "resolve",
    "holdout_loss",
    "isolation",
    "payoffs",
]

ACCEPT, CONCEDE, OPT_OUT, DELAY, BLOCK, RESERVE = 0, 1, 2, 3, 4, 5
ACTIONS = ("accept", "concede", "opt_out", "delay", "block", "reserve")
"""Action names by code."""

ADOPTED, ADOPTED_WITH_OPT_OUTS, DELAYED, BLOCKED, ADOPTED_WITH_RESERVATIONS = 0, 1, 2, 3, 4
OUTCOMES = ("adopted", "adopted_with_opt_outs", "delayed", "blocked", "adopted_with_reservations")
"""Outcome names by code (the ``outcome_type`` values of a backtest case; the corpus codes the first
four, a national reservation being scored as adopted)."""
ADOPTED_CODES = (ADOPTED, ADOPTED_WITH_OPT_OUTS, ADOPTED_WITH_RESERVATIONS)
"""The outcome codes that count as adopted."""


@dataclass(frozen=True)
class HoldoutContext:
    """What the body allows around a holdout (a case's ``[context]``; uncoded flags are False).

    ``reservation_possible`` is coded from the instrument's legal form and the body's rules (TEU
    31(1) for a CFSP decision, a NATO communiqué footnote or national plan, a declaration on signing
    a treaty), never from what happened; ``opt_out_possible`` from the negotiation record.
    """

    opt_out_possible: bool = False
    reservation_possible: bool = False
    route_around: bool = False
    side_payment_available: bool = False
    deadline_pressure: bool = False


@dataclass(frozen=True)
class HoldoutParams:
    """The holdout model's parameters (fitted on the 2008-2022 corpus by ``redline backtest --cv``).

    Attributes
    ----------
    isolation_cost
        ``kappa`` for an actor whose isolation cost is not coded (0-1, in loss units).
    offer
        The value of a side payment when the case says one is available (loss units).
    opt_out_residual
        ``omega``: the share of its loss an exempted / abstaining holdout still bears.
    route_around
        ``rho``: the share of its loss a blocking holdout bears when the others can act outside the
        body (1 = they do exactly what the body would have done).
    reservation_residual
        ``omega_r``: the share of its loss a holdout that signs with a national reservation still
        bears (1 = a reservation spares nothing: the first holdout model).
    capability_isolation
        ``theta`` (0-1): weight of capability against head count in the isolation ``iota``
        (0 = head count: the first holdout model).
    """

    isolation_cost: float = 0.3
    offer: float = 0.3
    opt_out_residual: float = 0.5
    route_around: float = 1.0
    reservation_residual: float = 1.0
    capability_isolation: float = 0.0

    def __post_init__(self) -> None:
        if not (0.0 <= self.capability_isolation <= 1.0):
            raise ValueError(
                f"HoldoutParams.capability_isolation: expected a number in [0, 1], found {self.capability_isolation!r}"
            )
        for name in ("isolation_cost", "offer", "opt_out_residual", "route_around", "reservation_residual"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value >= 0):
                raise ValueError(f"HoldoutParams.{name}: expected a number >= 0, found {value!r}")

    def to_dict(self) -> dict[str, float]:
        return {
            "isolation_cost": self.isolation_cost,
            "offer": self.offer,
            "opt_out_residual": self.opt_out_residual,
            "route_around": self.route_around,
            "reservation_residual": self.reservation_residual,
            "capability_isolation": self.capability_isolation,
        }


def holdout_loss(
    position: np.ndarray, salience: np.ndarray, status_quo: float, proposal: np.ndarray | float
) -> np.ndarray:
    """``L``: salience-weighted loss from the proposal against the status quo, in [0, salience].

    ``position`` and ``salience`` are ``(draws, n)``; ``proposal`` a scalar or ``(draws,)``.
    Zero where the proposal does not move (``p == sq``) or the actor does not lose.
    """
    x = np.asarray(position, dtype=float)
    p = np.asarray(proposal, dtype=float)
    p = p[..., None] if p.ndim else p
    move = np.abs(p - status_quo)
    raw = np.abs(p - x) - np.abs(status_quo - x)
    moves = move > 0
    if moves.all():  # the usual case: the same numbers as below, without the two selections
        return np.asarray(salience, dtype=float) * (np.clip(raw, 0.0, None) / move)
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.where(moves, np.clip(raw, 0.0, None) / np.where(moves, move, 1.0), 0.0)
    return np.asarray(salience, dtype=float) * scaled


def isolation(
    opposed: np.ndarray,
    capability: np.ndarray | None = None,
    theta: float = 0.0,
    holds_veto: np.ndarray | None = None,
) -> np.ndarray:
    """``iota``: how alone an opposed veto holder would stand in a block (``opposed`` is (draws, n) bool).

    ``(1 - theta) / (1 + m) + theta * (1 - C_m / C)``: ``m`` the other opposed holders, ``C_m`` their
    capability, ``C`` that of every veto holder (``holds_veto``; everyone when None). With
    ``theta = 0`` or no ``capability`` it is the head count ``1 / (1 + m)``.
    """
    opposed = np.asarray(opposed, dtype=bool)
    if capability is None or theta == 0:
        return _heads(opposed)
    cap = np.broadcast_to(np.clip(np.asarray(capability, dtype=float), 0.0, None), opposed.shape)
    veto = np.ones(opposed.shape, bool) if holds_veto is None else np.broadcast_to(holds_veto, opposed.shape)
    total = np.where(veto, cap, 0.0).sum(axis=-1, keepdims=True)
    against = np.where(opposed, cap, 0.0)
    share = (against.sum(axis=-1, keepdims=True) - against) / np.where(total > 0, total, 1.0)
    by_capability = 1.0 - np.clip(share, 0.0, 1.0)
    if theta == 1:  # no weight on the head count: (1 - 1) * heads + 1 * x is x exactly
        return by_capability
    return (1.0 - theta) * _heads(opposed) + theta * by_capability


def _heads(opposed: np.ndarray) -> np.ndarray:
    """The head-count isolation ``1 / (1 + m)``, ``m`` the other opposed holders in the draw."""
    return 1.0 / (1.0 + (opposed.sum(axis=-1, keepdims=True) - opposed))


def payoffs(
    loss: np.ndarray,
    isolation_cost: np.ndarray,
    iota: np.ndarray,
    offer: np.ndarray | float,
    opt_out_possible: bool,
    residual: float,
    route_around: float,
    reservation_possible: bool = False,
    reservation_residual: float = 1.0,
) -> np.ndarray:
    """Payoffs ``(..., 4)`` of ``concede``, ``opt_out``, ``reserve`` (−inf when impossible) and ``block``."""
    loss = np.asarray(loss, dtype=float)
    concede = -loss + offer
    opt_out = -residual * loss if opt_out_possible else np.full_like(loss, -np.inf)
    reserve = -reservation_residual * loss if reservation_possible else np.full_like(loss, -np.inf)
    block = -np.asarray(isolation_cost, dtype=float) * iota - route_around * loss
    return np.stack(np.broadcast_arrays(concede, opt_out, reserve, block), axis=-1)


def choose(
    loss: np.ndarray,
    holds_veto: np.ndarray,
    isolation_cost: np.ndarray,
    *,
    offer: np.ndarray | float = 0.0,
    opt_out_possible: bool = False,
    residual: float = 0.5,
    route_around: float = 0.0,
    deadline_pressure: bool = False,
    side_payment_available: bool = False,
    reservation_possible: bool = False,
    reservation_residual: float = 1.0,
    capability: np.ndarray | None = None,
    capability_isolation: float = 0.0,
) -> np.ndarray:
    """The action code (:data:`ACTIONS`) of every actor in every draw, shape ``(draws, n)``.

    ``loss`` is ``L`` (:func:`holdout_loss`), ``holds_veto`` a ``(n,)`` or ``(draws, n)`` bool mask;
    ``isolation_cost`` broadcasts to ``loss``; ``capability`` (``(n,)`` or ``(draws, n)``) weighs the
    isolation when ``capability_isolation > 0``. Actors without a veto, or that do not lose, accept.
    """
    loss = np.asarray(loss, dtype=float)
    veto = np.asarray(holds_veto, dtype=bool)
    opposed = (loss > 0) & veto
    iota = isolation(opposed, capability, capability_isolation, veto)
    held = DELAY if (side_payment_available and not deadline_pressure) else BLOCK
    # The payoffs of :func:`payoffs`, compared in order (a strictly higher payoff replaces the best so
    # far: the first maximum, as argmax gives). An impossible action (payoff -inf) never wins, so it is
    # skipped; NaN payoffs (argmax takes the first NaN) go through the stacked argmax. Per draw and
    # actor this is what ``argmax(payoffs(...))`` gives, at a third of its cost (no (draws, n, 4) stack).
    concede = -loss + offer
    others = [
        (OPT_OUT, -residual * loss if opt_out_possible else None),
        (RESERVE, -reservation_residual * loss if reservation_possible else None),
        (held, -np.asarray(isolation_cost, dtype=float) * iota - route_around * loss),
    ]
    if np.isnan(concede).any() or any(v is not None and np.isnan(v).any() for _, v in others):
        value = payoffs(
            loss,
            isolation_cost,
            iota,
            offer,
            opt_out_possible,
            residual,
            route_around,
            reservation_possible,
            reservation_residual,
        )
        best = np.argmax(value, axis=-1)  # first maximum: concede, opt_out, reserve, then block
        action = np.choose(best, [CONCEDE, OPT_OUT, RESERVE, held])
        return np.where(opposed, action, ACCEPT)
    best_value, action = np.broadcast_arrays(concede, np.full(opposed.shape, CONCEDE))
    for code, value in others:
        if value is None:
            continue
        better = value > best_value
        best_value = np.where(better, value, best_value)
        action = np.where(better, code, action)
    return np.where(opposed, action, ACCEPT)


@dataclass(frozen=True)
class HoldoutResult(Result):
    """Per draw: the outcome value, its type (:data:`OUTCOMES` code) and every actor's action.

    Result protocol (:mod:`redline.results`): ``to_frame()`` one row per draw, ``to_dict()`` the
    outcome and action probabilities, ``summary()`` P(outcome type), mean value and the offer.
    """

    value: np.ndarray
    """(draws,) the outcome on the issue scale."""
    outcome: np.ndarray
    """(draws,) outcome code."""
    action: np.ndarray
    """(draws, n) action code (:data:`ACTIONS`)."""
    binding: np.ndarray
    """(draws, n) True for the holdouts whose block sets the outcome (several when they tie)."""
    offer: float
    """The side payment a conceding holdout receives (0 when none is on the table)."""

    def p_outcome(self) -> dict[str, float]:
        """Probability of each outcome type."""
        return {name: float(np.mean(self.outcome == code)) for code, name in enumerate(OUTCOMES)}

    def p_action(self) -> dict[str, np.ndarray]:
        """Per actor, the probability of each action."""
        return {name: np.mean(self.action == code, axis=0) for code, name in enumerate(ACTIONS)}

    def to_frame(self):  # noqa: ANN201 - a pandas DataFrame
        """One row per draw: ``value``, ``outcome`` (name) and ``binding_holdouts`` (how many set it)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "value": self.value,
                "outcome": np.asarray(OUTCOMES)[self.outcome],
                "binding_holdouts": self.binding.sum(axis=1),
            }
        )

    def to_dict(self) -> dict:
        """``draws``, ``offer``, ``mean_value``, ``p_outcome`` per type, ``p_action`` per type (one value per
        actor, in input order)."""
        from redline.serialize import to_jsonable

        return to_jsonable(
            {
                "draws": int(len(self.value)),
                "offer": self.offer,
                "mean_value": float(np.mean(self.value)) if len(self.value) else float("nan"),
                "p_outcome": self.p_outcome(),
                "p_action": self.p_action(),
            }
        )

    def summary(self) -> dict:
        """P(each outcome type), the mean outcome value and the offer, flat."""
        d = self.to_dict()
        return {"draws": d["draws"], "offer": d["offer"], "mean_value": d["mean_value"]} | {
            f"p_{name}": value for name, value in d["p_outcome"].items()
        }


def _geometry(
    position: np.ndarray,
    salience: np.ndarray,
    status_quo: float,
    proposal: float | np.ndarray,
    block_cost: np.ndarray | None,
) -> tuple[np.ndarray, ...]:
    """What :func:`resolve` and :func:`resolve_values` share: positions ``x``, proposal ``p`` per draw,
    the move's ``direction`` and size ``moved``, each actor's ``bound`` (the furthest move it accepts,
    models.md §2.2) and its holdout ``loss`` (0 for an actor the move stays within)."""
    x = np.asarray(position, dtype=float)
    p = np.broadcast_to(np.asarray(proposal, dtype=float), x.shape[:1])
    eps = np.zeros(x.shape[1]) if block_cost is None else np.asarray(block_cost, dtype=float)
    direction = np.sign(p - status_quo)
    moved = np.abs(p - status_quo)
    x_t = direction[:, None] * (x - status_quo)
    bound = x_t + np.abs(x_t) + eps
    loss = np.where(bound < moved[:, None], holdout_loss(x, salience, status_quo, p), 0.0)
    return x, p, direction, moved, bound, loss


def resolve(
    position: np.ndarray,
    salience: np.ndarray,
    holds_veto: np.ndarray,
    isolation_cost: np.ndarray,
    status_quo: float,
    proposal: np.ndarray,
    threshold: float,
    *,
    block_cost: np.ndarray | None = None,
    context: HoldoutContext = HoldoutContext(),
    params: HoldoutParams = HoldoutParams(),
    capability: np.ndarray | None = None,
) -> HoldoutResult:
    """A proposal before a unanimity body (or a government with internal veto holders).

    Parameters
    ----------
    position, salience
        ``(draws, n)`` coding draws.
    holds_veto
        ``(n,)`` bool: the veto holders (the members of a consensus / unanimity body).
    isolation_cost
        ``(n,)`` the actors' ``kappa``; NaN where not coded (``params.isolation_cost`` is used).
    status_quo, proposal, threshold
        The status quo, the proposal per draw ``(draws,)`` (e.g. the bargained outcome) and the
        value at or above which the outcome counts as adopted.
    block_cost
        ``(n,)`` silence-procedure tolerance: a holder losing no more than this accepts.
    context, params
        What the body allows; the model's parameters.
    capability
        ``(n,)`` or ``(draws, n)`` the actors' weight, for the capability share of the isolation
        (ignored when ``params.capability_isolation`` is 0).

    The holdouts that block (or delay) cut the proposal back to the nearest point they accept,
    ``sq + dir * min_i (x̃_i + |x̃_i| + eps_i)`` (the edge of the veto players' win-set); everyone
    else goes along. Returns a :class:`HoldoutResult`.
    """
    x, p, direction, moved, bound, loss = _geometry(position, salience, status_quo, proposal, block_cost)
    kappa = np.asarray(isolation_cost, dtype=float)
    kappa = np.where(np.isnan(kappa), params.isolation_cost, kappa)
    offer = params.offer if context.side_payment_available else 0.0
    action = choose(
        loss,
        holds_veto,
        kappa,
        offer=offer,
        opt_out_possible=context.opt_out_possible,
        residual=params.opt_out_residual,
        route_around=params.route_around if context.route_around else 0.0,
        deadline_pressure=context.deadline_pressure,
        side_payment_available=context.side_payment_available,
        reservation_possible=context.reservation_possible,
        reservation_residual=params.reservation_residual,
        capability=capability,
        capability_isolation=params.capability_isolation,
    )
    held = (action == BLOCK) | (action == DELAY)
    edge = np.where(held, bound, np.inf).min(axis=1)
    reach = np.minimum(moved, edge)
    value = status_quo + direction * reach
    binding = held & np.isclose(bound, edge[:, None]) & (edge < moved)[:, None]
    adopted = np.asarray(value >= threshold)
    opted = (action == OPT_OUT).any(axis=1)
    reserved = (action == RESERVE).any(axis=1)
    any_block = (action == BLOCK).any(axis=1)
    outcome = np.where(
        adopted,
        np.where(opted, ADOPTED_WITH_OPT_OUTS, np.where(reserved, ADOPTED_WITH_RESERVATIONS, ADOPTED)),
        np.where(held.any(axis=1) & ~any_block, DELAYED, BLOCKED),
    )
    return HoldoutResult(value=value, outcome=outcome, action=action, binding=binding, offer=offer)


def resolve_values(
    position: np.ndarray,
    salience: np.ndarray,
    holds_veto: np.ndarray,
    isolation_cost: np.ndarray,
    status_quo: float,
    proposal: np.ndarray,
    *,
    params_list: list[HoldoutParams],
    block_cost: np.ndarray | None = None,
    context: HoldoutContext = HoldoutContext(),
    capability: np.ndarray | None = None,
) -> np.ndarray:
    """``(len(params_list), draws)``: the outcome value of :func:`resolve` for many parameter sets.

    The same arithmetic as :func:`resolve` (a test holds them equal), with the parts that do not
    depend on the parameters computed once: the fit scores thousands of grid points per case.
    """
    x, p, direction, moved, bound, loss = _geometry(position, salience, status_quo, proposal, block_cost)
    veto = np.asarray(holds_veto, dtype=bool)
    opposed = (loss > 0) & veto
    coded = np.asarray(isolation_cost, dtype=float)
    iotas: dict[float, np.ndarray] = {}
    never = np.full_like(loss, -np.inf)
    out = np.empty((len(params_list), x.shape[0]))
    for k, params in enumerate(params_list):
        theta = params.capability_isolation
        if theta not in iotas:
            iotas[theta] = isolation(opposed, capability, theta, veto)
        kappa = np.where(np.isnan(coded), params.isolation_cost, coded)
        offer = params.offer if context.side_payment_available else 0.0
        rho = params.route_around if context.route_around else 0.0
        concede = -loss + offer
        opt_out = -params.opt_out_residual * loss if context.opt_out_possible else never
        reserve = -params.reservation_residual * loss if context.reservation_possible else never
        block = -kappa * iotas[theta] - rho * loss
        best = np.maximum(np.maximum(concede, opt_out), reserve)
        held = opposed & (block > best)
        edge = np.where(held, bound, np.inf).min(axis=1)
        out[k] = status_quo + direction * np.minimum(moved, edge)
    return out
