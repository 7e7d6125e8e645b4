"""The decision stage of a scenario issue in the venue where it is really decided.

A formal rule says whether a proposal *could* pass if every member voted its position. Allied
decisions are taken elsewhere as often as not: arms deliveries and the use of delivered weapons are
national decisions of each supplier, joint air defence is organised by coalitions of the willing,
and only some questions (an invitation to join, the spending target) go to NATO consensus, where a
losing ally can concede, opt out, delay or block (:mod:`redline.decisions.holdout`).

==================  ===========================================================================
venue               outcome per draw
==================  ===========================================================================
``national``        each member decides for itself: it joins iff it prefers the proposal to the
``coalition``       status quo (``|p - x| < |sq - x|``, the willing W of models.md §2.1 rule 6).
                    Adopted iff W meets the requirement (:class:`SupplyRule`: by default
                    :data:`DEFAULT_SUPPLY` for ``national`` (arming decisions),
                    :data:`DEFAULT_OPERATION` for ``coalition`` (operations), chosen on the
                    pre-2023 cases; a scenario's ``required`` gives a share level of its own);
                    *with opt-outs* when some members stay out; *blocked* (the willing fall
                    short) otherwise. Nothing is delayed: nobody holds a veto.
``nato-consensus``  the holdout model (:func:`redline.decisions.holdout.resolve`) with every member
``eu-unanimity``    a veto holder, the venue's flags as its context and the parameters fitted on
                    the 2008-2022 corpus (:data:`redline.backtest.method.FITTED_HOLDOUT`).
==================  ===========================================================================

Outcome codes are :data:`redline.decisions.holdout.OUTCOMES`; actions
:data:`redline.decisions.holdout.ACTIONS` (a member that stays out of a national or coalition
decision is reported as ``opt_out``). Pure functions over ``(draws, actors)`` arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.decisions.holdout import (
    ACCEPT,
    ACTIONS,
    ADOPTED,
    ADOPTED_CODES,
    ADOPTED_WITH_OPT_OUTS,
    BLOCKED,
    OPT_OUT,
    OUTCOMES,
    HoldoutContext,
    HoldoutParams,
    resolve,
)
from redline.decisions.supply import (
    ASSUMED_SUPPLY,
    DEFAULT_OPERATION,
    DEFAULT_SUPPLY,
    SUPPLY_CANDIDATES,
    SupplyRule,
    default_requirement,
    supply_met,
)

__all__ = [
    "ASSUMED_SUPPLY",
    "DEFAULT_OPERATION",
    "DEFAULT_SUPPLY",
    "SUPPLY_CANDIDATES",
    "SupplyRule",
    "supply_met",
    "VENUE_WORDS",
    "VETO_VENUES",
    "VenueOutcome",
    "actions_by_actor",
    "opt_out_words",
    "decide_in_venue",
    "venue_of_rule",
    "willing_outcome",
]

VENUE_WORDS = {
    "national": "national decisions of each supplier",
    "coalition": "a coalition of the willing",
    "nato-consensus": "NATO consensus",
    "eu-unanimity": "EU unanimity",
}
"""How each venue kind reads in a headline."""

VETO_VENUES = ("nato-consensus", "eu-unanimity")


def opt_out_words(kind: str, status_quo: float | None, proposal: float | None) -> str:
    """How ``opt_out`` reads for a venue ``kind``.

    In a veto venue it is the holdout model's choice to stay out instead of blocking. In national
    decisions or a coalition nobody opts out of anything: a member is simply not among the willing,
    because its position is no nearer the proposal than the status quo (:func:`willing_outcome`), which
    says nothing of what it does outside the issue's scale (e.g. whether it arms Ukraine at all).
    """
    if kind not in ("national", "coalition") or status_quo is None or proposal is None:
        return "stay out"
    return f"would not back the proposal ({proposal:g} on 0–100; coded no nearer it than the status quo {status_quo:g})"


@dataclass(frozen=True)
class VenueOutcome:
    """Per draw: the outcome code and every actor's action; what the venue was."""

    outcome: np.ndarray
    """(draws,) codes of :data:`OUTCOMES`."""
    action: np.ndarray
    """(draws, n) codes of :data:`ACTIONS`."""
    kind: str

    def p_outcome(self) -> dict[str, float]:
        """Probability of each outcome type (they sum to 1)."""
        return {name: float(np.mean(self.outcome == code)) for code, name in enumerate(OUTCOMES)}

    @property
    def adopted(self) -> np.ndarray:
        """(draws,) True where the proposal is adopted, with or without opt-outs or reservations."""
        return np.isin(self.outcome, ADOPTED_CODES)


def venue_of_rule(rule: str) -> str | None:
    """The venue a formal rule implies when the scenario names none (None: no venue stage)."""
    return rule if rule in VETO_VENUES else None


def willing_outcome(
    position: np.ndarray,
    capability: np.ndarray,
    member: np.ndarray,
    status_quo: float,
    proposal: float,
    required: float | SupplyRule | None = None,
    kind: str = "national",
) -> VenueOutcome:
    """National decisions or a coalition of the willing: who joins, and does it meet the requirement?

    ``position``, ``capability`` are ``(draws, n)``; ``member`` ``(n,)`` bool (non-members neither join
    nor count). ``required``: a :class:`SupplyRule`; a number is the share of the members' capability
    the willing must bring (``SupplyRule("share", required)``); None is the default of the venue
    ``kind``: :data:`DEFAULT_SUPPLY` for ``national``, :data:`DEFAULT_OPERATION` for ``coalition``.
    """
    rule = _supply_rule(required, kind)
    x = np.asarray(position, dtype=float)
    cap = np.broadcast_to(np.asarray(capability, dtype=float), x.shape)
    member = np.broadcast_to(np.asarray(member, dtype=bool), x.shape)
    willing = member & (np.abs(proposal - x) < np.abs(status_quo - x))
    adopted = supply_met(cap, willing, member, rule)
    out_of_it = (member & ~willing).any(axis=1)
    outcome = np.where(adopted, np.where(out_of_it, ADOPTED_WITH_OPT_OUTS, ADOPTED), BLOCKED)
    action = np.where(member & ~willing, OPT_OUT, ACCEPT)
    return VenueOutcome(outcome=outcome, action=action, kind="willing")


def _supply_rule(required: float | SupplyRule | None, kind: str = "national") -> SupplyRule:
    if required is None:
        return default_requirement(kind)
    if isinstance(required, SupplyRule):
        return required
    return SupplyRule("share", float(required))


def decide_in_venue(
    venue: Any,
    position: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    member: np.ndarray,
    status_quo: float,
    proposal: float,
    threshold: float,
    *,
    block_cost: np.ndarray | None = None,
    params: HoldoutParams | None = None,
) -> VenueOutcome:
    """The outcome in ``venue`` (a :class:`redline.scenario.Venue`, or a veto venue's kind string).

    ``params`` defaults to the holdout parameters fitted on the corpus (never on a scenario).
    """
    kind = venue if isinstance(venue, str) else venue.kind
    if proposal < status_quo:  # mirror the scale so that the proposal lies above the status quo
        position = 100.0 - np.asarray(position, dtype=float)
        status_quo, proposal, threshold = 100.0 - status_quo, 100.0 - proposal, 100.0 - threshold
    if kind in ("national", "coalition"):
        required = None if isinstance(venue, str) else venue.required
        result = willing_outcome(position, capability, member, status_quo, proposal, required, kind)
        return VenueOutcome(result.outcome, result.action, kind)
    if kind not in VETO_VENUES:
        raise ValueError(f"venue: expected one of {', '.join(VENUE_WORDS)}; found {kind!r}")
    if params is None:
        from redline.backtest.method import FITTED_HOLDOUT

        params = FITTED_HOLDOUT
    context = (
        HoldoutContext()
        if isinstance(venue, str)
        else HoldoutContext(
            opt_out_possible=venue.opt_out_possible,
            reservation_possible=venue.reservation_possible,
            route_around=venue.route_around,
            side_payment_available=venue.side_payment_available,
            deadline_pressure=venue.deadline_pressure,
        )
    )
    x = np.asarray(position, dtype=float)
    n = x.shape[1]
    result = resolve(
        x,
        salience,
        np.asarray(member, dtype=bool),
        np.full(n, np.nan),
        status_quo,
        np.full(x.shape[0], float(proposal)),
        threshold,
        block_cost=block_cost,
        context=context,
        params=params,
        capability=capability,
    )
    return VenueOutcome(result.outcome, result.action, kind)


def actions_by_actor(result: VenueOutcome, actors: list[str]) -> dict[str, list[str]]:
    """Per action (other than accept), the actors taking it in the first draw (the coded inputs)."""
    out: dict[str, list[str]] = {}
    for code, name in enumerate(ACTIONS):
        if code == ACCEPT:
            continue
        who = [a for a, act in zip(actors, result.action[0], strict=True) if act == code]
        if who:
            out[name] = who
    return out
