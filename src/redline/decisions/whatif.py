"""What would it take? A report for a proposal (spec ``models.md`` §2.3).

For a proposal under a rule this reports: the blockers and the smallest position shift each would
need to stop blocking (to become indifferent up to its ``eps``); the largest proposal that passes now
and the pivotal actor; the *pivot chain* (unanimity rules: remove the pivotal actor, who binds next,
and how far could the proposal go then, until the proposal passes); whether it passes if the
blockers abstain constructively (CFSP, TEU Art. 31(1)); whether a coalition of the willing without
them is feasible; and the smallest set of additional yes-voters (fewest members, ties broken by the
largest population, resources or weight), searched exhaustively when at most
:data:`EXHAUSTIVE_MAX` members are not yet voting yes and greedily above that. Greedy is exact for
every size-weight threshold rule (QMV, majorities, coalitions): for a fixed number of additional
members the rule is monotone in their total weight, which the greedy choice maximises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from redline.actors import ActorTable
from redline.decisions.rules import (
    TOL,
    CoalitionOfTheWilling,
    EUQualifiedMajority,
    EUUnanimity,
    Rule,
    WeightedMajority,
    losses,
)
from redline.results import Result

__all__ = ["EXHAUSTIVE_MAX", "WhatItWouldTake", "smallest_additional_yes", "what_it_would_take"]

EXHAUSTIVE_MAX = 20
"""Up to this many candidate members, the additional-yes search enumerates every subset by size."""


@dataclass(frozen=True)
class WhatItWouldTake(Result):
    """The §2.3 report; :meth:`to_dict` gives the stable JSON keys of docs/decisions.md."""

    rule: str
    status_quo: float
    proposal: float
    passes: bool
    blockers: tuple[str, ...]
    concessions: list[dict]
    largest_passable: float | None
    pivotal: str | None
    pivot_chain: list[dict]
    passes_if_blockers_abstain_constructively: bool | None
    coalition_without_blockers: dict
    additional_yes: dict | None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "status_quo": self.status_quo,
            "proposal": self.proposal,
            "passes": self.passes,
            "blockers": list(self.blockers),
            "concessions": self.concessions,
            "largest_passable": self.largest_passable,
            "pivotal": self.pivotal,
            "pivot_chain": self.pivot_chain,
            "passes_if_blockers_abstain_constructively": self.passes_if_blockers_abstain_constructively,
            "coalition_without_blockers": self.coalition_without_blockers,
            "additional_yes": self.additional_yes,
            "notes": self.notes,
        }


def _tie_key(rule: Rule, a: dict) -> tuple[str | None, np.ndarray | None]:
    """The column that breaks ties between equally small additional-yes sets."""
    if isinstance(rule, CoalitionOfTheWilling) and a["resources"] is not None:
        return "resources", a["resources"].astype(float)
    if isinstance(rule, WeightedMajority):
        return rule.weight, a["weight"].astype(float)
    if a["population"] is not None:
        return "population", a["population"].astype(float)
    return None, None


def smallest_additional_yes(
    rule: Rule, actors: ActorTable, status_quo: float, proposal: float
) -> dict | None:
    """Fewest members who would have to switch to yes for the proposal to pass (§2.3, QMV).

    Ties are broken by the largest total of the rule's tie column (population for QMV), then by
    table order. Returns ``None`` if the proposal fails even with every member voting yes.
    """
    n = len(actors)
    a = rule._arrays(n, actors, {})
    rule._check(a, actors.actor)
    yes0, no0, decl0 = (m[0] for m in rule._votes(actors.position[None, :], status_quo, proposal, a))
    key_name, key = _tie_key(rule, a)
    key = np.zeros(n) if key is None else key
    candidates = np.flatnonzero(a["member"] & ~yes0)

    def passes(switch: np.ndarray) -> np.ndarray:
        return np.asarray(rule._passes(yes0 | switch, no0 & ~switch, decl0 & ~switch, a), dtype=bool)

    def result(chosen: list[int], method: str) -> dict:
        return {
            "members": [actors.actor[i] for i in chosen],
            "count": len(chosen),
            "tie_break": key_name,
            "tie_break_total": float(key[chosen].sum()) if key_name else None,
            "method": method,
        }

    if passes(np.zeros((1, n), dtype=bool))[0]:
        return result([], "none needed")
    everyone = np.zeros((1, n), dtype=bool)
    everyone[0, candidates] = True
    if not passes(everyone)[0]:
        return None
    if candidates.size <= EXHAUSTIVE_MAX:
        for k in range(1, candidates.size + 1):
            combos = np.array(list(combinations(candidates.tolist(), k)), dtype=np.int64)
            switch = np.zeros((combos.shape[0], n), dtype=bool)
            switch[np.arange(combos.shape[0])[:, None], combos] = True
            ok = passes(switch)
            if ok.any():
                totals = np.where(ok, key[combos].sum(axis=1), -np.inf)
                best = int(np.argmax(totals))  # first maximum: table order breaks remaining ties
                return result(combos[best].tolist(), "exhaustive")
    order = candidates[np.argsort(-key[candidates], kind="stable")]
    for k in range(1, order.size + 1):
        switch = np.zeros((1, n), dtype=bool)
        switch[0, order[:k]] = True
        if passes(switch)[0]:
            return result(sorted(order[:k].tolist()), "greedy")
    return None  # unreachable: everyone passes


def what_it_would_take(
    rule: Rule, actors: ActorTable, status_quo: float, proposal: float, required: float | None = None
) -> WhatItWouldTake:
    """Build the §2.3 report for ``proposal`` under ``rule``.

    ``required`` is the resource requirement of the "coalition of the willing without the blockers"
    check (default: the rule's own ``required`` for a coalition rule, else 0).
    """
    decision = rule.evaluate(actors, status_quo, proposal)
    n = len(actors)
    a = rule._arrays(n, actors, {})
    direction = float(np.sign(proposal - status_quo))
    notes: list[str] = []

    # concessions: every member not accepting, and where it would have to stand to accept
    d = losses(actors.position, status_quo, proposal)
    eps = a["block_cost"] if rule.uses_block_cost else np.zeros(n)
    accepting = (d <= eps + TOL) if rule.uses_block_cost else (d <= TOL)
    accepting = accepting | (a["declared"] & rule.uses_block_cost)
    cut = rule.cutoffs(actors, status_quo, proposal)
    concessions = []
    for i in np.flatnonzero(a["member"] & ~accepting):
        needed = (proposal + status_quo) / 2 - direction * eps[i] / 2
        concessions.append(
            {
                "actor": actors.actor[i],
                "position": float(actors.position[i]),
                "loss": float(d[i]),
                "accepts_up_to": float(cut[i]),
                "position_needed": float(needed),
                "shift": float(needed - actors.position[i]),
            }
        )

    # pivot chain (unanimity-type rules): who binds if the pivotal actor steps aside
    chain: list[dict] = []
    if rule.uses_block_cost and direction != 0:
        member = a["member"].copy()
        removed: list[str] = []
        while member.any():
            largest, pivotal = rule._largest_passable(actors, status_quo, proposal, {**a, "member": member})
            chain.append({"without": list(removed), "pivotal": pivotal, "largest_passable": largest})
            if largest is None or pivotal is None or direction * (largest - proposal) >= -TOL:
                break
            idx = actors.actor.index(pivotal)
            member = member.copy()
            member[idx] = False
            removed.append(pivotal)

    # constructive abstention of the blockers (CFSP semantics)
    abstain_passes: bool | None = None
    if rule.uses_block_cost and decision.blockers:
        if a["population"] is None:
            notes.append("constructive abstention check needs a population column")
        else:
            declared = tuple(sorted(set(decision.blockers) | set(getattr(rule, "declared", ()))))
            abstain_passes = EUUnanimity(declared=declared).evaluate(actors, status_quo, proposal).passes
    elif decision.passes:
        abstain_passes = True if rule.uses_block_cost else None

    # coalition of the willing without the blockers
    if required is None:
        required = rule.required if isinstance(rule, CoalitionOfTheWilling) else 0.0
    member_wo = a["member"] & ~np.isin(np.array(actors.actor), decision.blockers)
    coal_rule = CoalitionOfTheWilling(
        required=float(required), indifferent_join=getattr(rule, "indifferent_join", False)
    )
    willing = member_wo & coal_rule._accepts(d)
    coalition = {"members": [actors.actor[i] for i in np.flatnonzero(willing)], "required": float(required)}
    if required > 0 and a["resources"] is None:
        coalition.update(resources=None, feasible=None, shortfall=None)
        notes.append("coalition feasibility needs a resources column")
    else:
        total = float(a["resources"][willing].sum()) if a["resources"] is not None else None
        feasible = bool(willing.any()) and (required <= 0 or total >= required - TOL)
        coalition.update(
            resources=total,
            feasible=feasible,
            shortfall=None if total is None else max(0.0, float(required) - total),
        )
        if direction != 0 and member_wo.any():
            largest, pivotal = coal_rule._largest_passable(
                actors, status_quo, proposal, {**a, "member": member_wo}
            )
            coalition.update(largest_passable=largest, pivotal=pivotal)

    additional = smallest_additional_yes(rule, actors, status_quo, proposal)
    if additional is None:
        notes.append("the proposal fails even if every member votes yes")
    if isinstance(rule, EUQualifiedMajority) and additional and additional["method"] == "greedy":
        notes.append("additional yes-set found greedily by population (exact for QMV: see docs)")

    return WhatItWouldTake(
        rule=rule.name,
        status_quo=decision.status_quo,
        proposal=decision.proposal,
        passes=decision.passes,
        blockers=decision.blockers,
        concessions=concessions,
        largest_passable=decision.largest_passable,
        pivotal=decision.pivotal,
        pivot_chain=chain,
        passes_if_blockers_abstain_constructively=abstain_passes,
        coalition_without_blockers=coalition,
        additional_yes=additional,
        notes=notes,
    )
