"""The supply requirement of national decisions and coalitions of the willing (issue 16, session 5).

Arming decisions are national: each supplier decides for itself, and a coalition of the willing acts
without the unwilling. When does that add up to "the alliance arms Ukraine"? A :class:`SupplyRule`
says how much the willing members must bring, against a yardstick: the largest member's capability
(``largest``) or all members' capability (``share``). The rule used by default,
:data:`DEFAULT_SUPPLY`, was chosen on the pre-2023 supply cases of ``backtest/cases`` (``rule =
coalition``) by leave-one-out (:mod:`redline.backtest.crossval`), never on a scenario. Pure functions
over ``(draws, actors)`` arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

__all__ = [
    "ASSUMED_SUPPLY",
    "DEFAULT_OPERATION",
    "DEFAULT_SUPPLY",
    "SPLIT_SUPPLY_BY_KIND",
    "SUPPLY_CANDIDATES",
    "SUPPLY_LEVELS",
    "SupplyRule",
    "default_requirement",
    "supply_met",
]


@dataclass(frozen=True)
class SupplyRule:
    """When do national decisions / a coalition of the willing add up to "adopted"?

    ``kind = "largest"``: the willing members bring at least ``level`` times the capability of the
    largest member (the biggest supplier is the yardstick, whoever it is and whatever the small
    members coded beside it); ``kind = "share"``: they bring at least ``level`` of all members'
    capability (the first rule, with the a-priori ``level = 0.5``). ``level = 0`` in either kind:
    one willing member is enough (every supplier decides for itself).
    """

    kind: Literal["largest", "share"]
    level: float

    def __post_init__(self) -> None:
        if self.kind not in ("largest", "share"):
            raise ValueError(f"supply rule: kind: expected largest or share; found {self.kind!r}")
        if not 0.0 <= self.level <= 1.0:
            raise ValueError(f"supply rule: level: expected a number in [0, 1]; found {self.level!r}")

    @property
    def label(self) -> str:
        return f"{self.kind} {self.level:g}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "level": self.level}


SUPPLY_LEVELS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
"""The levels the supply fit searches in each kind (fixed before any case was scored)."""
SUPPLY_CANDIDATES = tuple(SupplyRule(kind, level) for kind in ("largest", "share") for level in SUPPLY_LEVELS)
"""Every supply rule the fit may choose, in tie-break order: ``largest`` before ``share``, lower level
first (the weakest requirement the record supports; redline.backtest.crossval.fit_supply)."""
ASSUMED_SUPPLY = SupplyRule("share", 0.5)
"""The first, a-priori requirement (sessions 3-4): the willing bring half of the members' capability."""
DEFAULT_SUPPLY = SupplyRule("share", 0.1)
"""The supply requirement used by default (a scenario's ``required`` overrides it): the willing members
must bring at least a tenth of all members' capability. Chosen by the standing rule "lowest corpus
leave-one-out Brier" among the compared requirements (:data:`redline.backtest.crossval.SUPPLY_KINDS`)
on the 13 pre-2023 coalition cases of ``backtest/cases`` (7 supply, 6 operation decisions): the
share kind fitted alone won, 0.0845 against 0.0850 for the fit over both kinds (largest 0.1, the
choice on 9 cases) and 0.0872 for the a-priori share 0.5 -- margins well within noise -- then fitted
on all 13. Stated and applied before the shipped scenarios were run, never chosen on a scenario.
docs/backtest.md, "Supply decisions"."""


def supply_met(
    capability: np.ndarray, willing: np.ndarray, member: np.ndarray, rule: SupplyRule
) -> np.ndarray:
    """``(draws,)`` True where the willing members meet ``rule`` (and at least one member is willing).

    ``capability`` ``(draws, n)``; ``willing`` and ``member`` broadcast to it (non-members never count).
    """
    cap = np.asarray(capability, dtype=float)
    member = np.broadcast_to(np.asarray(member, dtype=bool), cap.shape)
    willing = np.broadcast_to(np.asarray(willing, dtype=bool), cap.shape) & member
    brought = np.where(willing, cap, 0.0).sum(axis=1)
    if rule.kind == "share":
        yardstick = np.where(member, cap, 0.0).sum(axis=1)
    else:
        yardstick = np.where(member, cap, 0.0).max(axis=1, initial=0.0)
    return willing.any(axis=1) & (brought >= rule.level * yardstick - 1e-12)


SPLIT_SUPPLY_BY_KIND = False
"""Whether supply and operation decisions get requirements of their own (issue 16, session 5).
Selection rule, stated before the per-kind scores were computed: split the requirement by the case's
``decision`` kind only if the per-kind fit (each leave-one-out case forecast by the rule fitted on
the other corpus cases of its own kind) has a strictly lower corpus leave-one-out Brier than the
pooled fit (:data:`redline.backtest.crossval.SUPPLY_METHOD` on every other coalition case); otherwise keep one pooled
requirement. :func:`redline.backtest.crossval.supply_split_by_loo` applies it to a run; docs/backtest.md, "Supply decisions"."""

DEFAULT_OPERATION = DEFAULT_SUPPLY
"""The requirement of a coalition of the willing committing forces to an operation (the scenario
venue ``coalition``; case ``decision = "operation"``). The same pooled requirement as
:data:`DEFAULT_SUPPLY`: the per-kind selection rule (:data:`SPLIT_SUPPLY_BY_KIND`,
split only if the per-kind fit has a lower corpus leave-one-out Brier than the pooled one, stated
before scoring) kept one requirement -- per kind 0.162 against pooled 0.085 on the 13 cases (left
out, the MiG-29 refusal leaves six supply cases that a single willing supplier explains).
docs/backtest.md, "Supply decisions"."""

_BY_KIND = {"national": "supply", "supply": "supply", "coalition": "operation", "operation": "operation"}


def default_requirement(kind: str) -> SupplyRule:
    """The default requirement of a venue kind (``national``/``coalition``) or a case's decision kind
    (``supply``/``operation``): arming decisions are national, operations are coalitions of the willing."""
    try:
        decision = _BY_KIND[kind]
    except KeyError:
        raise ValueError(
            f"supply requirement: kind: expected one of {', '.join(_BY_KIND)}; found {kind!r}"
        ) from None
    return DEFAULT_SUPPLY if decision == "supply" else DEFAULT_OPERATION
