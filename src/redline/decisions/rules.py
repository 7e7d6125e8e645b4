"""Collective decision rules of NATO and the EU, evaluated on the positions of an actors table.

Spec: ``models.md`` §2.1-§2.2. Every actor has a spatial utility ``u_i(p) = -|p - x_i|`` on the issue
scale; its *loss* from a proposal ``p`` against the status quo ``sq`` is
``d_i = |p - x_i| - |sq - x_i|``. How losses become votes (ties accept, as in §2.2):

* **yes** iff ``d_i <= 0`` (the actor is not worse off);
* **no** iff ``d_i > eps_i``, with ``eps_i`` the ``block_cost`` column (default 0): the political cost
  of being seen to block. Under NATO's silence procedure this is "breaking silence";
* **abstain** otherwise (opposed, but by less than ``eps_i``): silent under NATO consensus, a plain
  abstention in the EU Council. Under CFSP unanimity, actors named in ``declared`` who do not vote
  yes abstain *constructively* (a formal declaration, TEU Art. 31(1));
* actors with ``member = 0`` do not vote at all.

A coalition of the willing has no "no": the willing (by default those strictly better off,
``d < 0``, as §2.1 defines W) are the yes-voters, the rest stay out.

Every rule is a monotone simple game over the members (§2.2), so in the direction of the proposal
each actor accepts all proposals from ``sq`` up to a *cutoff* ``x_i + |sq - x_i| + e_i`` (``e_i`` is
``eps_i`` when not objecting suffices, 0 when a yes is needed); the largest passable proposal is the
largest cutoff at which the accepting set still wins, and the actor whose cutoff that is is the
*pivotal* actor (the spatial pivot; for unanimity, the accepting actor nearest the status quo).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.errors import RedlineError
from redline.results import Result

if TYPE_CHECKING:
    from redline.decisions.whatif import WhatItWouldTake

__all__ = [
    "RULES",
    "TOL",
    "Article4Trigger",
    "Article5Responses",
    "CoalitionOfTheWilling",
    "Decision",
    "EUQualifiedMajority",
    "EUUnanimity",
    "Majority",
    "NatoConsensus",
    "Rule",
    "SingleGovernment",
    "WeightedMajority",
    "article4_triggered",
    "get_rule",
    "losses",
]

TOL = 1e-9
"""Absolute tolerance on losses: |p - x| - |sq - x| within TOL of a threshold counts as equal."""

_ARRAY_FIELDS = ("member", "block_cost", "population", "resources", "weight", "declared")


def losses(positions: np.ndarray, status_quo: Any, proposal: Any) -> np.ndarray:
    """``d = |p - x| - |sq - x|`` broadcast over a leading draw axis (sq, p scalar or per draw)."""
    x = np.asarray(positions, dtype=float)
    sq = np.asarray(status_quo, dtype=float)
    p = np.asarray(proposal, dtype=float)
    if x.ndim > 1:
        sq = sq[..., None] if sq.ndim else sq
        p = p[..., None] if p.ndim else p
    return np.abs(p - x) - np.abs(sq - x)


def article4_triggered(requests: np.ndarray) -> np.ndarray:
    """Article 4: consultations happen if any ally requests them (an individual trigger, no veto)."""
    return np.any(np.asarray(requests, dtype=bool), axis=-1)


@dataclass(frozen=True)
class Decision(Result):
    """The outcome of one rule on one proposal, with the diagnostics of §2.2-§2.3.

    ``largest_passable`` is the furthest proposal from the status quo, in the proposal's direction,
    that passes (``None`` if not even the status quo wins, e.g. an unreachable coalition target;
    +-inf if the rule passes even with nobody accepting, e.g. QMV with fewer members than a
    blocking minority);
    ``pivotal`` is the actor whose acceptance binds there. ``details`` holds rule-specific counts.
    """

    rule: str
    status_quo: float
    proposal: float
    passes: bool
    yes: tuple[str, ...]
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    non_members: tuple[str, ...]
    blockers: tuple[str, ...]
    veto_players: tuple[str, ...]
    pivotal: str | None
    largest_passable: float | None
    details: dict = field(default_factory=dict)
    rule_object: Rule | None = field(default=None, repr=False, compare=False)
    actors: ActorTable | None = field(default=None, repr=False, compare=False)

    @property
    def direction(self) -> int:
        """+1 for a proposal above the status quo, -1 below, 0 for no change."""
        return int(np.sign(self.proposal - self.status_quo))

    def what_it_would_take(self) -> WhatItWouldTake:
        """The §2.3 report for this proposal (see :func:`redline.decisions.whatif.what_it_would_take`)."""
        from redline.decisions.whatif import what_it_would_take

        if self.rule_object is None or self.actors is None:
            raise RedlineError("this Decision was built without its rule and actors")
        return what_it_would_take(self.rule_object, self.actors, self.status_quo, self.proposal)

    def to_dict(self) -> dict:
        """JSON-ready dict; keys are documented in docs/decisions.md and kept stable."""
        return {
            "rule": self.rule,
            "status_quo": self.status_quo,
            "proposal": self.proposal,
            "direction": self.direction,
            "passes": self.passes,
            "yes": list(self.yes),
            "no": list(self.no),
            "abstain": list(self.abstain),
            "non_members": list(self.non_members),
            "blockers": list(self.blockers),
            "veto_players": list(self.veto_players),
            "pivotal": self.pivotal,
            "largest_passable": _json_number(self.largest_passable),
            "details": self.details
            | ({"largest_passable_unbounded": True} if _unbounded(self.largest_passable) else {}),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per actor: position, loss, vote (yes/no/abstain/non-member), blocker, cutoff."""
        if self.actors is None or self.rule_object is None:
            raise RedlineError("this Decision was built without its actors")
        a = self.actors
        d = losses(a.position, self.status_quo, self.proposal)
        vote = []
        for name in a.actor:
            if name in self.yes:
                vote.append("yes")
            elif name in self.no:
                vote.append("no")
            elif name in self.abstain:
                vote.append("abstain")
            else:
                vote.append("non-member")
        cut = self.rule_object.cutoffs(a, self.status_quo, self.proposal)
        return pd.DataFrame(
            {
                "actor": list(a.actor),
                "position": a.position,
                "loss": d,
                "vote": vote,
                "blocker": [name in self.blockers for name in a.actor],
                "accepts_up_to": cut,
            }
        )


class Rule:
    """A decision rule: votes from positions, a monotone pass predicate, and the §2.2 diagnostics.

    Subclasses set ``name`` and ``uses_block_cost`` (True when not objecting is enough to let a
    proposal through, so ``eps`` widens acceptance) and implement :meth:`_passes`.
    """

    name: ClassVar[str] = "rule"
    uses_block_cost: ClassVar[bool] = False
    description: ClassVar[str] = ""

    # ---- the predicate -----------------------------------------------------------------------
    def _passes(self, yes: np.ndarray, no: np.ndarray, declared: np.ndarray, a: dict) -> np.ndarray:
        """Pass/fail from vote masks (..., n) restricted to members; ``a`` holds the actor arrays."""
        raise NotImplementedError

    def _check(self, a: dict, names: Sequence[str] | None = None) -> None:
        """Raise RedlineError if a column the rule needs is missing."""

    # ---- votes ------------------------------------------------------------------------------
    def _accepts(self, d: np.ndarray) -> np.ndarray:
        """Whether an actor with loss ``d`` votes yes: not worse off (ties accept, §2.2)."""
        return d <= TOL

    def _votes(self, positions: np.ndarray, status_quo: Any, proposal: Any, a: dict):
        d = losses(positions, status_quo, proposal)
        member = a["member"]
        yes = self._accepts(d) & member
        if self.counts_opposed_as_no:
            declared = a["declared"] & member & ~yes
            no = (d > a["block_cost"] + TOL) & member & ~declared
        else:
            declared = np.zeros_like(yes)
            no = member & ~yes
        return yes, no, declared

    counts_opposed_as_no: ClassVar[bool] = True

    # ---- arrays -----------------------------------------------------------------------------
    @staticmethod
    def _arrays(n: int, actors: ActorTable | None, overrides: dict) -> dict:
        unknown = set(overrides) - set(_ARRAY_FIELDS)
        if unknown:
            raise RedlineError(
                f"unknown array(s) {', '.join(sorted(unknown))}; expected some of {', '.join(_ARRAY_FIELDS)}"
            )
        if actors is not None and len(actors) != n:
            raise RedlineError(f"positions have {n} actors but the actors table has {len(actors)}")
        a: dict[str, Any] = {}
        for key in _ARRAY_FIELDS:
            value = overrides.get(key)
            if value is None and actors is not None:
                value = actors.weight if key == "weight" else getattr(actors, key, None)
            a[key] = None if value is None else np.asarray(value)
            if a[key] is not None and (a[key].ndim not in (1, 2) or a[key].shape[-1] != n):
                raise RedlineError(f"{key}: expected shape ({n},) or (draws, {n}), got {a[key].shape}")
        a["member"] = np.ones(n, dtype=bool) if a["member"] is None else a["member"].astype(bool)
        a["block_cost"] = np.zeros(n) if a["block_cost"] is None else a["block_cost"].astype(float)
        a["declared"] = np.zeros(n, dtype=bool) if a["declared"] is None else a["declared"].astype(bool)
        if np.any(a["block_cost"] < 0):
            raise RedlineError("block_cost: expected values >= 0 (epsilon of the silence procedure)")
        return a

    # ---- public API -------------------------------------------------------------------------
    def passes_batch(
        self,
        positions: np.ndarray,
        status_quo: Any,
        proposal: Any,
        actors: ActorTable | None = None,
        **arrays: Any,
    ) -> np.ndarray:
        """Pass/fail for every draw at once.

        ``positions`` has shape ``(draws, actors)``; ``status_quo`` and ``proposal`` are scalars or
        ``(draws,)`` arrays; ``arrays`` (``member``, ``block_cost``, ``population``, ``resources``,
        ``weight``, ``declared``) are ``(actors,)`` or ``(draws, actors)`` and default to the columns
        of ``actors`` when given. Returns a bool array ``(draws,)``. No loop over draws.
        """
        x = np.asarray(positions, dtype=float)
        if x.ndim != 2:
            raise RedlineError(f"positions: expected shape (draws, actors), got {x.shape}")
        a = self._arrays(x.shape[1], actors, arrays)
        self._check(a)
        yes, no, declared = self._votes(x, status_quo, proposal, a)
        return np.asarray(self._passes(yes, no, declared, a), dtype=bool)

    def cutoffs(self, actors: ActorTable, status_quo: float, proposal: float, **arrays: Any) -> np.ndarray:
        """Per actor, the furthest proposal in the proposal's direction it accepts (NaN if no move).

        Accepting means voting yes, or (rules with ``uses_block_cost``) at least not objecting.
        """
        a = self._arrays(len(actors), actors, arrays)
        direction = np.sign(proposal - status_quo)
        if direction == 0:
            return np.full(len(actors), np.nan)
        x = actors.position
        extra = a["block_cost"] if self.uses_block_cost else 0.0
        return x + direction * (np.abs(status_quo - x) + extra)

    def evaluate(self, actors: ActorTable, status_quo: float, proposal: float, **arrays: Any) -> Decision:
        """Evaluate the proposal: votes, pass/fail, blockers, veto players, pivot, largest passable."""
        status_quo, proposal = _finite(status_quo, "status_quo"), _finite(proposal, "proposal")
        n = len(actors)
        a = self._arrays(n, actors, arrays)
        self._check(a, actors.actor)
        names = actors.actor
        x = actors.position[None, :]
        yes, no, declared = (m[0] for m in self._votes(x, status_quo, proposal, a))
        member = a["member"]
        if not member.any():
            raise RedlineError("actors table: no actor is a member (column member is 0 everywhere)")
        passes = bool(self._passes(yes[None], no[None], declared[None], a)[0])
        abstain = member & ~yes & ~no
        largest, binding = self._pivots(actors, status_quo, proposal, a)
        pivotal = binding[0] if len(binding) == 1 else None
        tied = binding if len(binding) > 1 else ()
        details = self._details(yes, no, declared, a)
        if tied:
            details["pivotal_tied"] = list(tied)
        opposed = [i for i in np.flatnonzero(no)]
        if len(opposed) > 1:
            loss = losses(actors.position, status_quo, proposal)[opposed]
            if np.ptp(loss) <= TOL:
                details["blockers_equally_opposed"] = True
        return Decision(
            rule=self.name,
            status_quo=status_quo,
            proposal=proposal,
            passes=passes,
            yes=_pick(names, yes),
            no=_pick(names, no),
            abstain=_pick(names, abstain),
            non_members=_pick(names, ~member),
            blockers=self._blockers(names, yes, no, passes),
            veto_players=self._veto_players(names, a),
            pivotal=pivotal,
            largest_passable=largest,
            details=details,
            rule_object=self,
            actors=actors,
        )

    def params(self) -> dict:
        """The rule's parameters (for JSON output)."""
        return {}

    # ---- diagnostics ------------------------------------------------------------------------
    def _blockers(self, names, yes, no, passes) -> tuple[str, ...]:
        return () if passes else _pick(names, no)

    def _details(self, yes, no, declared, a) -> dict:
        member = a["member"]
        return {
            "params": self.params(),
            "members": int(member.sum()),
            "n_yes": int(yes.sum()),
            "n_no": int(no.sum()),
        }

    def _veto_players(self, names: Sequence[str], a: dict) -> tuple[str, ...]:
        """Members i such that all members but i (voting yes, i voting no) lose (§2.2)."""
        member = a["member"]
        idx = np.flatnonzero(member)
        if idx.size == 0:
            return ()
        yes = np.repeat(member[None, :], idx.size, axis=0)
        yes[np.arange(idx.size), idx] = False
        no = ~yes & member
        declared = np.zeros_like(yes)
        loses = ~np.asarray(self._passes(yes, no, declared, a), dtype=bool)
        return tuple(names[i] for i, lost in zip(idx, loses, strict=True) if lost)

    def _largest_passable(self, actors: ActorTable, status_quo: float, proposal: float, a: dict):
        """Largest passable proposal in the proposal's direction and the pivotal actor there.

        The pivotal actor is named only when it is unique; when several actors bind at the same
        point it is None (see :meth:`_pivots` for the tied list).
        """
        largest, binding = self._pivots(actors, status_quo, proposal, a)
        return largest, (binding[0] if len(binding) == 1 else None)

    def _pivots(self, actors: ActorTable, status_quo: float, proposal: float, a: dict):
        """Largest passable proposal and every actor that binds there (critical at that point).

        The pass set is an interval starting at the status quo (acceptance shrinks as the
        proposal moves away), and changes only at actors' cutoffs, so evaluating every cutoff
        (both the yes-cutoffs and, if used, the no-objection ones) is exact.
        """
        direction = float(np.sign(proposal - status_quo))
        if direction == 0:
            return status_quo, ()
        x = actors.position
        member = a["member"]
        nobody = np.zeros((1, x.size), dtype=bool)
        if bool(self._passes(nobody, member[None, :] & ~nobody, nobody, a)[0]):
            return direction * math.inf, ()  # passes with nobody accepting: no limit
        base = x + direction * np.abs(status_quo - x)
        candidates = np.concatenate(
            [[status_quo], base[member], (base + direction * a["block_cost"])[member]]
        )
        candidates = np.unique(candidates)
        positions = np.broadcast_to(x, (candidates.size, x.size))
        yes, no, declared = self._votes(positions, status_quo, candidates, a)
        ok = np.asarray(self._passes(yes, no, declared, a), dtype=bool)
        if not ok.any():
            return None, ()
        progress = direction * (candidates - status_quo)
        best = int(np.argmax(np.where(ok, progress, -np.inf)))
        largest = float(candidates[best])
        # the pivot: a member whose acceptance ends exactly there and whose support is critical
        cut = base + direction * a["block_cost"] if self.uses_block_cost else base
        ends = [
            i for i in np.flatnonzero(member) if abs(cut[i] - largest) <= TOL or abs(base[i] - largest) <= TOL
        ]
        support = (~no[best]) if self.uses_block_cost else yes[best]
        critical = []
        for i in ends:
            y, nn, dd = yes[best].copy(), no[best].copy(), declared[best].copy()
            if not support[i]:
                continue
            y[i], nn[i], dd[i] = False, True, False
            if not bool(self._passes(y[None], nn[None], dd[None], a)[0]):
                critical.append(actors.actor[i])
        # "Pivotal" only when unique: several actors binding at the same point are all returned
        # (no alphabetical or table-order tie-break).
        return largest, tuple(critical or [actors.actor[i] for i in ends])


def _unbounded(value: float | None) -> bool:
    return value is not None and math.isinf(value)


def _json_number(value: float | None) -> float | None:
    """JSON has no infinity: an unbounded largest proposal is written as null plus a details flag."""
    return None if _unbounded(value) else value


def _finite(value: Any, what: str) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise RedlineError(f"{what}: expected a number, found {value!r}") from None
    if not math.isfinite(out):
        raise RedlineError(f"{what}: expected a finite number, found {value!r}")
    return out


def _pick(names: Sequence[str], mask: np.ndarray) -> tuple[str, ...]:
    return tuple(name for name, m in zip(names, np.asarray(mask), strict=True) if m)


def _need(a: dict, key: str, rule: str) -> None:
    if a.get(key) is None:
        raise RedlineError(f"rule {rule} needs the column {key!r} in the actors table (or a {key}= array)")


def _sum(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return np.sum(np.where(mask, values, 0.0), axis=-1)


@dataclass(frozen=True)
class NatoConsensus(Rule):
    """North Atlantic Council consensus with the silence procedure (§2.1 rule 1).

    Adopted iff no member breaks silence, i.e. no member has ``|p - x| - |sq - x| > eps``. Every
    ally is a veto player. This is also the rule for NATO's *collective measures*.
    """

    name: ClassVar[str] = "nato-consensus"
    uses_block_cost: ClassVar[bool] = True
    description: ClassVar[str] = (
        "NATO North Atlantic Council consensus; silence procedure with eps = block_cost"
    )

    def _passes(self, yes, no, declared, a):
        return ~np.any(no, axis=-1)


@dataclass(frozen=True)
class EUUnanimity(Rule):
    """EU CFSP unanimity with constructive abstention (TEU Art. 31(1); §2.1 rule 4).

    Passes iff no member votes against and the members abstaining *with a declaration* do not
    represent at least one third of the member states and at least one third of the population.
    ``declared`` lists the actors who abstain constructively rather than vote no (or abstain
    plainly); a declared actor that is not worse off still votes yes. A ``declared`` array passed to
    :meth:`passes_batch` overrides the names.
    """

    name: ClassVar[str] = "eu-unanimity"
    uses_block_cost: ClassVar[bool] = True
    description: ClassVar[str] = (
        "EU CFSP unanimity with constructive abstention (1/3 states and 1/3 population)"
    )
    declared: tuple[str, ...] = ()

    def _arrays(self, n, actors, overrides):  # type: ignore[override]
        if self.declared and "declared" not in overrides:
            if actors is None:
                raise RedlineError("eu-unanimity: declared names need an actors table (or a declared= array)")
            unknown = [d for d in self.declared if d not in actors.actor]
            if unknown:
                raise RedlineError(
                    f"declared: unknown actor(s) {', '.join(unknown)}; actors are {', '.join(actors.actor)}"
                )
            overrides = {**overrides, "declared": np.array([name in self.declared for name in actors.actor])}
        return Rule._arrays(n, actors, overrides)

    def _check(self, a, names=None):
        if a["declared"].any():
            _need(a, "population", self.name)

    def _passes(self, yes, no, declared, a):
        member = a["member"]
        n_members = np.sum(member, axis=-1)
        n_decl = np.sum(declared, axis=-1)
        clause = 3 * n_decl >= n_members
        if a["population"] is None:  # no declarations (checked), so the clause cannot bind
            clause = np.zeros_like(clause)
        else:
            pop = a["population"]
            clause = clause & (n_decl > 0) & (3 * _sum(pop, declared) >= _sum(pop, member))
        return ~np.any(no, axis=-1) & ~clause

    def params(self):
        return {"declared": list(self.declared)}

    def _details(self, yes, no, declared, a):
        out = super()._details(yes, no, declared, a)
        out["declared_abstainers"] = int(declared.sum())
        return out


@dataclass(frozen=True)
class EUQualifiedMajority(Rule):
    """EU Council qualified majority (TEU Art. 16(4), TFEU Art. 238(3); §2.1 rule 5).

    Passes iff yes-voters are at least ``states_pct`` % of members and ``population_pct`` % of the
    population, or fewer than ``blocking_minority`` members fail to vote yes. Abstentions count as
    not-yes. Reinforced QMV (TFEU Art. 238(2), ``get_rule("eu-qmv-reinforced")``): ``states_pct=72``
    and no blocking-minority clause, which belongs to Art. 16(4) TEU that 238(2) derogates from.
    ``blocking_minority=None`` drops the clause. The
    population is the members' sum unless ``total_population`` gives the official total (same
    units as the ``population`` column), as the Council publishes it each year.
    """

    name: ClassVar[str] = "eu-qmv"
    description: ClassVar[str] = (
        "EU qualified majority: 55% of states and 65% of population; blocking minority >= 4"
    )
    states_pct: float = 55.0
    population_pct: float = 65.0
    blocking_minority: int | None = 4
    total_population: float | None = None

    def _check(self, a, names=None):
        _need(a, "population", self.name)
        if self.total_population is not None and not self.total_population > 0:
            raise RedlineError(f"eu-qmv: total_population must be > 0, got {self.total_population}")

    def _total(self, a: dict) -> np.ndarray | float:
        """The population the percentage quota refers to (official total, else the members' sum)."""
        if self.total_population is not None:
            return self.total_population
        return _sum(a["population"], a["member"])

    def _passes(self, yes, no, declared, a):
        member = a["member"]
        n_members = np.sum(member, axis=-1)
        n_yes = np.sum(yes, axis=-1)
        pop = a["population"]
        # exact for integer populations below ~1e13 (all products are integers in float64)
        states_ok = 100 * n_yes >= self.states_pct * n_members
        pop_ok = 100 * _sum(pop, yes) >= self.population_pct * self._total(a)
        out = states_ok & pop_ok
        if self.blocking_minority is not None:
            out = out | (n_members - n_yes < self.blocking_minority)
        return out

    def params(self):
        return {
            "states_pct": self.states_pct,
            "population_pct": self.population_pct,
            "blocking_minority": self.blocking_minority,
            "total_population": self.total_population,
        }

    def _details(self, yes, no, declared, a):
        out = super()._details(yes, no, declared, a)
        member, pop = a["member"], a["population"]
        total = float(self._total(a))
        out["states_quota"] = math.ceil(Fraction(str(self.states_pct)) * int(member.sum()) / 100)
        out["population_yes_pct"] = 100 * float(pop[yes].sum()) / total if total else float("nan")
        out["population_pct_needed"] = self.population_pct
        return out


@dataclass(frozen=True)
class Majority(Rule):
    """Simple majority of the members: yes-voters must exceed ``threshold`` x members (strictly)."""

    name: ClassVar[str] = "majority"
    description: ClassVar[str] = "majority of members (yes > threshold x members)"
    threshold: float = 0.5

    def _passes(self, yes, no, declared, a):
        return np.sum(yes, axis=-1) > self.threshold * np.sum(a["member"], axis=-1) + TOL

    def params(self):
        return {"threshold": self.threshold}


@dataclass(frozen=True)
class WeightedMajority(Rule):
    """Weighted majority: yes weight must exceed ``threshold`` x the members' weight (strictly).

    ``weight`` names the actor column used: ``weight`` (capability x salience, default),
    ``capability``, ``population`` or ``resources``.
    """

    name: ClassVar[str] = "weighted-majority"
    description: ClassVar[str] = "weighted majority (yes weight > threshold x total weight)"
    threshold: float = 0.5
    weight: str = "weight"

    def _arrays(self, n, actors, overrides):  # type: ignore[override]
        if self.weight not in ("weight", "capability", "population", "resources"):
            raise RedlineError(
                f"weighted-majority: weight={self.weight!r}; expected weight, capability, population or resources"
            )
        if self.weight != "weight" and "weight" not in overrides:
            value = overrides.get(self.weight)
            if value is None and actors is not None:
                value = getattr(actors, self.weight)
            if value is None:
                raise RedlineError(f"weighted-majority: the actors table has no {self.weight!r} column")
            overrides = {**overrides, "weight": value}
        return Rule._arrays(n, actors, overrides)

    def _check(self, a, names=None):
        _need(a, "weight", self.name)

    def _passes(self, yes, no, declared, a):
        w = a["weight"]
        total = _sum(w, a["member"])
        return _sum(w, yes) > self.threshold * total + TOL * np.maximum(total, 1.0)

    def params(self):
        return {"threshold": self.threshold, "weight": self.weight}


@dataclass(frozen=True)
class CoalitionOfTheWilling(Rule):
    """Coalition of the willing (§2.1 rule 6): no vetoes; feasible iff the willing bring ``required``.

    The willing are W = {i : u_i(p) > u_i(sq)}, the members strictly better off (``d < 0``), as
    the spec defines W; ``indifferent_join=True`` lets indifferent members (``d = 0``) join too.
    Feasible iff at least one actor is willing and their ``resources`` total at least ``required``
    (resources needed only if required > 0). The largest feasible proposal is reported as the
    bound where the pivotal actor becomes indifferent (§2.3: without Hungary, 30); under the
    strict definition it is the supremum of the feasible proposals, approached but not attained.
    """

    name: ClassVar[str] = "coalition"
    description: ClassVar[str] = (
        "coalition of the willing: feasible iff the willing bring the required resources"
    )
    counts_opposed_as_no: ClassVar[bool] = False
    required: float = 0.0
    indifferent_join: bool = False

    def _accepts(self, d):
        return d <= TOL if self.indifferent_join else d < -TOL

    def _pivots(self, actors, status_quo, proposal, a):
        if self.indifferent_join:
            return super()._pivots(actors, status_quo, proposal, a)
        weak = replace(self, indifferent_join=True)
        return weak._pivots(actors, status_quo, proposal, a)

    def _check(self, a, names=None):
        if self.required < 0:
            raise RedlineError(f"coalition: required must be >= 0, got {self.required}")
        if self.required > 0:
            _need(a, "resources", self.name)

    def _passes(self, yes, no, declared, a):
        out = np.any(yes, axis=-1)
        if self.required > 0:
            out = out & (_sum(a["resources"], yes) >= self.required - TOL)
        return out

    def _blockers(self, names, yes, no, passes):
        return ()

    def params(self):
        return {"required": self.required, "indifferent_join": self.indifferent_join}

    def _details(self, yes, no, declared, a):
        out = super()._details(yes, no, declared, a)
        if a["resources"] is not None:
            total = float(np.sum(a["resources"][yes]))
            out["resources"] = total
            out["required"] = self.required
            out["shortfall"] = max(0.0, self.required - total)
        return out


@dataclass(frozen=True)
class SingleGovernment(Rule):
    """One government decides alone (the backtest's national decisions): passes iff it accepts."""

    name: ClassVar[str] = "single-government"
    description: ClassVar[str] = "a single government decides"
    decider: str = ""

    def _arrays(self, n, actors, overrides):  # type: ignore[override]
        a = Rule._arrays(n, actors, overrides)
        if actors is None:
            if overrides.get("member") is not None:  # the caller marked the decider itself
                return a
            raise RedlineError("single-government: pass actors= (to find the decider) or a member= mask")
        if self.decider not in actors.actor:
            raise RedlineError(
                f"single-government: decider {self.decider!r} is not an actor; actors are {', '.join(actors.actor)}"
            )
        only = np.array([name == self.decider for name in actors.actor])
        a["member"] = only if a["member"].ndim == 1 else np.broadcast_to(only, a["member"].shape)
        return a

    def _passes(self, yes, no, declared, a):
        return np.any(yes & a["member"], axis=-1)

    def params(self):
        return {"decider": self.decider}


@dataclass(frozen=True)
class Article4Trigger(Rule):
    """Article 4 consultations (§2.1 rule 2): triggered if any member requests them.

    A member requests consultations on a proposal iff it is not worse off (``d <= 0``). No veto.
    """

    name: ClassVar[str] = "nato-article4"
    description: ClassVar[str] = "NATO Article 4: any single ally triggers consultations"
    counts_opposed_as_no: ClassVar[bool] = False

    def _passes(self, yes, no, declared, a):
        return article4_triggered(yes)

    def _blockers(self, names, yes, no, passes):
        return ()


@dataclass(frozen=True)
class Article5Responses(Rule):
    """Article 5 as individual responses (§2.1 rule 3): each ally responds iff not worse off.

    "Passes" means at least ``min_responders`` allies respond; nobody can veto another's
    response. The credibility computation over draws belongs to :mod:`redline.deterrence`.
    """

    name: ClassVar[str] = "nato-article5"
    description: ClassVar[str] = "NATO Article 5: individual responses, at least min_responders allies act"
    counts_opposed_as_no: ClassVar[bool] = False
    min_responders: int = 1

    def _passes(self, yes, no, declared, a):
        return np.sum(yes, axis=-1) >= self.min_responders

    def _blockers(self, names, yes, no, passes):
        return ()

    def params(self):
        return {"min_responders": self.min_responders}


RULES: dict[str, type[Rule]] = {
    NatoConsensus.name: NatoConsensus,
    EUUnanimity.name: EUUnanimity,
    EUQualifiedMajority.name: EUQualifiedMajority,
    Majority.name: Majority,
    WeightedMajority.name: WeightedMajority,
    CoalitionOfTheWilling.name: CoalitionOfTheWilling,
    SingleGovernment.name: SingleGovernment,
    Article4Trigger.name: Article4Trigger,
    Article5Responses.name: Article5Responses,
}
"""Rule classes by their CLI name."""


_PARAM_RANGES: dict[str, tuple[float, float, bool]] = {
    "threshold": (0.0, 1.0, False),
    "states_pct": (0.0, 100.0, False),
    "population_pct": (0.0, 100.0, False),
    "blocking_minority": (0.0, 1000.0, True),
    "total_population": (0.0, 1e12, False),
    "required": (0.0, 1e15, False),
    "min_responders": (0.0, 1000.0, True),
}
"""Range of each numeric rule parameter, and whether it must be whole: (low, high, whole). A value
outside (a threshold of -1, a blocking minority of 1e308) is refused before any vote is counted."""


def get_rule(name: str, **params: Any) -> Rule:
    """The rule called ``name`` (a key of :data:`RULES`, or ``eu-qmv-reinforced``) with ``params``.

    Example: ``get_rule("eu-qmv", states_pct=72)``, ``get_rule("coalition", required=10)``,
    ``get_rule("single-government", decider="DEU")``.
    """
    key = str(name).strip().lower().replace("_", "-")
    if key == "eu-qmv-reinforced":  # TFEU Art. 238(2) derogates from TEU Art. 16(4), clause included
        params = {"states_pct": 72.0, "blocking_minority": None, **params}
        key = "eu-qmv"
    if key not in RULES:
        raise RedlineError(
            f"unknown rule {name!r}; expected one of {', '.join([*RULES, 'eu-qmv-reinforced'])}"
        )
    cls = RULES[key]
    fields = set(getattr(cls, "__dataclass_fields__", {}))
    unknown = set(params) - fields
    if unknown:
        raise RedlineError(
            f"rule {key}: unknown parameter(s) {', '.join(sorted(unknown))}; "
            f"expected {', '.join(sorted(fields)) or 'none'}"
        )
    for key, value in params.items():
        if key in _PARAM_RANGES and value is not None:
            low, high, whole = _PARAM_RANGES[key]
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if not (number and low <= value <= high and (not whole or float(value).is_integer())):
                kind = "a whole number" if whole else "a number"
                raise RedlineError(
                    f"rule {name}: {key} expected {kind} in [{low:g}, {high:g}]; found {value!r}"
                )
    if "declared" in params:
        params["declared"] = tuple(params["declared"])
    if key == "single-government" and not params.get("decider"):
        raise RedlineError("rule single-government needs decider=<actor>")
    return cls(**params)
