"""Backtest case files: one historical decision coded before its outcome (``backtest/README.md`` format).

A case file (TOML) holds the issue, the actors as coded at ``coding_date`` and, in a separate
``[outcome]`` table, what actually happened. The two halves are read by two different functions:

* :func:`read_case` returns a :class:`Case` — everything a forecast may use. It never looks at the
  ``[outcome]`` table (not even to validate it): it reads a fixed list of keys, so the outcome cannot
  leak into a forecast. A :class:`Case` has no outcome attribute at all.
* :func:`read_outcome` returns the :class:`Outcome`, for scoring only.

Both validate strictly: a missing or malformed field raises :class:`~redline.errors.RedlineError`
naming the file and the field path (``actors.HUN.salience``), what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.data.source_quality import QUALITY_LABELS
from redline.errors import RedlineError

__all__ = [
    "CASE_RULES",
    "CONTEXT_FIELDS",
    "DECISION_KINDS",
    "OUTCOME_TYPES",
    "Case",
    "CaseActor",
    "CaseContext",
    "CaseIssue",
    "Outcome",
    "find_cases",
    "flagged_sources_line",
    "read_case",
    "read_outcome",
]

CASE_RULES = (
    "nato-consensus",
    "eu-unanimity",
    "eu-qmv",
    "majority",
    "coalition",
    "single-government",
)
"""Decision rules a case may name (``rule`` field; see docs/backtest.md for how each is applied)."""

CONTEXT_FIELDS = (
    "opt_out_possible",
    "reservation_possible",
    "route_around",
    "side_payment_available",
    "deadline_pressure",
)
"""Optional ``[context]`` flags, each coded from what was public before ``coding_date`` with a
``<flag>_justification`` and a ``<flag>_source`` URL."""

DECISION_KINDS = ("supply", "operation")
"""Values of a coalition case's ``decision``: what was decided, never coded from the outcome.
``supply``: national arming decisions of each supplier (the scenario venue ``national``);
``operation``: states committing forces to a military operation outside a treaty body's decision
(the scenario venue ``coalition``). A coalition case without the field is a supply case."""

OUTCOME_TYPES = ("adopted", "adopted_with_opt_outs", "delayed", "blocked")
"""Values of ``[outcome].outcome_type`` (``adopted`` stays the scored bool)."""

_TOP_KEYS = {
    "id",
    "title",
    "decision_date",
    "coding_date",
    "body",
    "rule",
    "venue",
    "decision",
    "decider",
    "issue",
    "context",
    "actors",
    "outcome",
    "notes",
}
_ISSUE_KEYS = {"question", "status_quo", "proposal", "adopted_threshold", "required_resources"}
_ACTOR_KEYS = {
    "name",
    "position",
    "salience",
    "capability",
    "capability_basis",
    "veto",
    "justification",
    "source",
    "source_after_coding_date",
    "source_quality",
    # optional columns of the shared actors table
    "population",
    "member",
    "block_cost",
    "resources",
    "isolation_cost",
    "isolation_cost_justification",
}
_CONTEXT_KEYS = {
    f"{flag}{suffix}"
    for flag in CONTEXT_FIELDS
    for suffix in ("", "_justification", "_source", "_source_quality")
}
_OUTCOME_KEYS = {
    "adopted",
    "outcome_value",
    "summary",
    "sources",
    "outcome_type",
    "opt_outs",
    "side_payments",
    "source_quality",
}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SCALE_KEY = re.compile(r"^scale_(\d{1,3})$")
_ACTOR_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


@dataclass(frozen=True)
class CaseIssue:
    """The question of a case and its 0-100 scale (0 = status quo / rejection, 100 = the proposal)."""

    question: str
    anchors: Mapping[int, str]
    status_quo: float
    proposal: float
    adopted_threshold: float
    required_resources: float | None = None

    def is_adopted(self, value: np.ndarray | float) -> np.ndarray:
        """Whether an outcome value counts as adopted (at or above ``adopted_threshold``)."""
        return np.asarray(value) >= self.adopted_threshold


@dataclass(frozen=True)
class CaseActor:
    """One coded actor, with its sources and justification (kept for the report)."""

    key: str
    name: str
    position: float
    salience: float
    capability: float
    veto: bool
    source: str
    justification: str = ""
    capability_basis: str = ""
    source_after_coding_date: bool = False
    population: float | None = None
    member: bool | None = None
    block_cost: float | None = None
    resources: float | None = None
    isolation_cost: float | None = None
    """What standing alone costs this actor (0-1, a judgement); None when not coded."""
    isolation_cost_justification: str = ""
    source_quality: str = ""
    """A :data:`~redline.data.source_quality.QUALITY_LABELS` flag when the position rests on a page of
    Russian state media or the "Pravda" aggregator network (no better source found); "" otherwise."""

    @property
    def judgement(self) -> bool:
        """True where the coder marked the position as judgement (justification starts "Judgement:")."""
        return self.justification.lstrip().lower().startswith("judgement")


@dataclass(frozen=True)
class CaseContext:
    """What the coder knew, before ``coding_date``, about the room for manoeuvre around a holdout.

    Each flag is True/False when coded, None when not; ``justification`` and ``source`` hold the
    coder's reason and URL per coded flag.
    """

    opt_out_possible: bool | None = None
    """A holdout can be carved out, exempted or footnoted without killing the decision (negotiation record)."""
    reservation_possible: bool | None = None
    """The instrument's legal form lets a member sign with a national reservation (TEU 31(1) abstention
    on a CFSP decision, derogations in an act, a communiqué footnote, a declaration on signing a
    treaty): coded from the body's rules and the instrument's form, never from the outcome."""
    route_around: bool | None = None
    """The others can act outside the body (a coalition outside the treaty, EU-26, national decisions)."""
    side_payment_available: bool | None = None
    """Something a holdout had asked for was on the table."""
    deadline_pressure: bool | None = None
    """A summit, expiry or crisis date pressed for a decision."""
    justification: Mapping[str, str] = field(default_factory=dict)
    source: Mapping[str, str] = field(default_factory=dict)
    source_quality: Mapping[str, str] = field(default_factory=dict)
    """Per coded flag, its ``<flag>_source_quality`` (see :attr:`CaseActor.source_quality`) where given."""

    def coded(self) -> dict[str, bool]:
        """The flags that were coded (name -> value)."""
        return {k: getattr(self, k) for k in CONTEXT_FIELDS if getattr(self, k) is not None}


@dataclass(frozen=True)
class Case:
    """Everything a forecast may know about a case: no outcome (see :func:`read_outcome`)."""

    id: str
    title: str
    decision_date: dt.date
    coding_date: dt.date
    body: str
    rule: str
    issue: CaseIssue
    actors: tuple[CaseActor, ...]
    decider: str | None = None
    notes: Mapping[str, str] = field(default_factory=dict)
    path: str = ""
    venue: str = ""
    """Where the decision is taken (one of :data:`CASE_RULES`); defaults to ``rule``."""
    context: CaseContext = field(default_factory=CaseContext)
    decision: str = ""
    """A coalition case's :data:`DECISION_KINDS` entry (``supply`` when the file gives none); "" otherwise."""

    # -- the interface the scenario and decision modules read ("an issue from a case file") --
    @property
    def status_quo(self) -> float:
        return self.issue.status_quo

    @property
    def proposal(self) -> float:
        return self.issue.proposal

    @property
    def question(self) -> str:
        return self.issue.question

    @property
    def scale_0(self) -> str:
        return self.issue.anchors.get(0, "")

    @property
    def scale_100(self) -> str:
        return self.issue.anchors.get(100, "")

    @property
    def pass_threshold(self) -> float:
        return self.issue.adopted_threshold

    @property
    def internal_actors(self) -> bool:
        """True for a single government coded by its internal actors (the decider is not an actor key)."""
        return self.rule == "single-government" and self.decider not in {a.key for a in self.actors}

    def _holds_veto(self, actor: CaseActor) -> bool:
        if self.rule != "single-government":
            return actor.veto
        if self.internal_actors:
            return actor.veto  # head of government, coalition parties, parliament with veto = true
        # The decider itself, plus its own internal veto holders (keys "<decider>_...", veto = true);
        # outsiders' veto flags mean nothing in a national decision.
        return actor.key == self.decider or (actor.veto and actor.key.startswith(f"{self.decider}_"))

    @property
    def veto_players(self) -> tuple[str, ...]:
        """Actors holding a formal veto under the rule.

        For a single government: the decider (when it is an actor) and its internal veto holders —
        actors keyed ``<decider>_...`` with ``veto = true``; when the government is coded only by its
        internal actors (``decider`` is not an actor key), every actor with ``veto = true``.
        """
        return tuple(a.key for a in self.actors if self._holds_veto(a))

    def strict(self) -> Case:
        """The case without actors whose only source postdates the coding date (``--strict``).

        Raises :class:`RedlineError` if that would remove every actor or the decider.
        """
        kept = tuple(a for a in self.actors if not a.source_after_coding_date)
        if not kept:
            raise RedlineError(
                f"{self.path or self.id}: --strict drops every actor (all their sources postdate coding_date)"
            )
        if self.internal_actors and not any(a.veto for a in kept):
            raise RedlineError(
                f"{self.path or self.id}: --strict drops every internal veto holder of {self.decider} "
                "(their only sources postdate coding_date)"
            )
        if self.decider and not self.internal_actors and self.decider not in {a.key for a in kept}:
            raise RedlineError(
                f"{self.path or self.id}: --strict drops the decider {self.decider} "
                "(its only source postdates coding_date)"
            )
        return replace(self, actors=kept)

    @property
    def flagged_positions(self) -> tuple[CaseActor, ...]:
        """The actors whose coded position rests on a flagged source (``source_quality`` set)."""
        return tuple(a for a in self.actors if a.source_quality)

    def source_quality_line(self) -> str:
        """One line saying how many coded positions rest on flagged sources ("" when none do)."""
        flagged = self.flagged_positions
        if not flagged:
            return ""
        labels = sorted({a.source_quality for a in flagged})
        keys = ", ".join(a.key for a in flagged)
        return (
            f"{len(flagged)} of {len(self.actors)} coded positions rest on sources flagged "
            f"{' / '.join(labels)} (no better source found): {keys}"
        )

    def dropped_by_strict(self) -> tuple[str, ...]:
        """Keys of the actors :meth:`strict` would drop."""
        return tuple(a.key for a in self.actors if a.source_after_coding_date)

    def actor_table(self) -> ActorTable:
        """The actors in the shared actors-table format (``veto`` column from the case's ``veto``).

        ``member`` (who votes under the rule) is the actor's ``member`` field where given, else its
        ``veto`` flag (external actors and non-members are coded ``veto = false``); under a coalition
        of the willing every actor may join. For a single government the members are its veto
        holders (:attr:`veto_players`).
        """
        return ActorTable.from_frame(self.actor_frame(), source=self.path or self.id)

    def actor_frame(self) -> pd.DataFrame:
        """The actors as a DataFrame with the columns of the shared actors table plus ``name``."""
        rows = []
        for a in self.actors:
            if self.rule == "single-government":
                member = self._holds_veto(a)
            elif a.member is not None:
                member = a.member
            else:
                member = True if self.rule == "coalition" else a.veto
            veto = self._holds_veto(a)
            row: dict[str, Any] = {
                "actor": a.key,
                "position": a.position,
                "capability": a.capability,
                "salience": a.salience,
                "member": int(member),
                "veto": int(veto),
                "block_cost": a.block_cost if a.block_cost is not None else 0.0,
            }
            if any(b.population is not None for b in self.actors):
                row["population"] = a.population if a.population is not None else np.nan
            if any(b.resources is not None for b in self.actors):
                row["resources"] = a.resources if a.resources is not None else 0.0
            rows.append(row)
        frame = pd.DataFrame(rows)
        if "population" in frame and frame["population"].isna().any():
            missing = frame.loc[frame["population"].isna(), "actor"].tolist()
            raise RedlineError(
                f"{self.path or self.id}: field actors.{missing[0]}.population: missing "
                "(give every actor a population or none)"
            )
        return frame


@dataclass(frozen=True)
class Outcome:
    """What happened (scoring only): ``adopted`` and the ``outcome_value`` on the case's scale."""

    adopted: bool
    outcome_value: float
    summary: str = ""
    sources: tuple[str, ...] = ()
    outcome_type: str = ""
    """One of :data:`OUTCOME_TYPES`; when the file does not say, "adopted" or "blocked" from ``adopted``."""
    opt_outs: tuple[str, ...] = ()
    """Actors exempted / carved out / footnoted (``adopted_with_opt_outs``)."""
    side_payments: str = ""
    """What was paid to a holdout, in words."""
    source_quality: str = ""
    """A :data:`~redline.data.source_quality.QUALITY_LABELS` flag when an outcome source is flagged."""


# ----------------------------------------------------------------------------------------- reading
def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RedlineError(f"{path}: case file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RedlineError(f"{path}: cannot read the case file ({exc})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RedlineError(f"{path}: not valid TOML ({exc})") from None


class _Fields:
    """Typed access to one TOML table, with errors that name the file and the field path."""

    def __init__(self, source: str, table: Any, prefix: str = ""):
        self.source = source
        self.prefix = prefix
        if not isinstance(table, dict):
            where = prefix.rstrip(".") or "the file"
            raise RedlineError(f"{source}: field {where}: expected a table, found {table!r}")
        self.table = table

    def fail(self, key: str, expected: str, found: Any = None, *, missing: bool = False) -> RedlineError:
        what = "missing" if missing else f"found {found!r}"
        return RedlineError(f"{self.source}: field {self.prefix}{key}: expected {expected}, {what}")

    def unknown(self, allowed: set[str], extra: re.Pattern[str] | None = None) -> None:
        # Only key names are inspected (never values), so an [outcome] table is not read here.
        for key in self.table:
            if key not in allowed and not (extra and extra.match(key)):
                raise RedlineError(
                    f"{self.source}: field {self.prefix}{key}: unknown field; expected one of "
                    f"{', '.join(sorted(allowed))}"
                )

    def _get(self, key: str, required: bool, expected: str) -> Any:
        if key not in self.table:
            if required:
                raise self.fail(key, expected, missing=True)
            return None
        return self.table[key]

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self._get(key, required, "a non-empty string")
        if value is None:
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, "a non-empty string", value)
        return value.strip()

    def number(
        self, key: str, low: float | None = None, high: float | None = None, required: bool = True
    ) -> float | None:
        bounds = f" in [{low:g}, {high:g}]" if low is not None and high is not None else ""
        if low is not None and high is None:
            bounds = f" >= {low:g}"
        value = self._get(key, required, "a number" + bounds)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise self.fail(key, "a number" + bounds, value)
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.fail(key, "a number" + bounds, value)
        return float(value)

    def flag(self, key: str, required: bool = True, default: bool = False) -> bool:
        value = self._get(key, required, "true or false")
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "true or false", value)
        return value

    def quality(self, key: str) -> str:
        """An optional ``source_quality`` flag: one of QUALITY_LABELS, "" when absent."""
        value = self.text(key, required=False)
        if value and value not in QUALITY_LABELS:
            raise self.fail(key, "one of " + ", ".join(repr(q) for q in QUALITY_LABELS), value)
        return value

    def date(self, key: str) -> dt.date:
        value = self._get(key, True, "a TOML date such as 2023-01-21")
        if isinstance(value, dt.datetime):
            return value.date()
        if not isinstance(value, dt.date):
            raise self.fail(key, "a TOML date such as 2023-01-21 (unquoted)", value)
        return value


def read_case(path: str | Path) -> Case:
    """Read and validate a case file for forecasting, **without reading its** ``[outcome]`` **table**.

    Parameters
    ----------
    path
        A TOML case file in the format of ``backtest/README.md`` (see docs/backtest.md).

    Returns
    -------
    Case
        The issue, rule and coded actors. :meth:`Case.actor_table` gives the shared actors table.
    """
    path = Path(path)
    return _parse_case(_load(path), str(path))


def _parse_case(data: dict[str, Any], source: str) -> Case:
    top = _Fields(source, data)
    top.unknown(_TOP_KEYS)
    case_id = top.text("id")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", case_id):
        raise top.fail("id", "letters, digits, '_', '.', '-'", case_id)
    rule = top.text("rule")
    if rule not in CASE_RULES:
        raise top.fail("rule", "one of " + ", ".join(CASE_RULES), rule)
    decision_date, coding_date = top.date("decision_date"), top.date("coding_date")
    if coding_date > decision_date:
        raise top.fail("coding_date", f"a date on or before decision_date {decision_date}", coding_date)

    issue = _parse_issue(_Fields(source, top._get("issue", True, "an [issue] table"), "issue."))

    actors_table = top._get("actors", True, "[actors.KEY] tables")
    actors_fields = _Fields(source, actors_table, "actors.")
    if not actors_table:
        raise actors_fields.fail("", "at least one [actors.KEY] table", missing=True)
    actors = []
    for key in actors_table:
        if not _ACTOR_KEY.match(key):
            raise actors_fields.fail(key, "an actor key: ISO3 code or a name of letters, digits, '_'", key)
        actors.append(_parse_actor(key, _Fields(source, actors_table[key], f"actors.{key}.")))

    decider = None
    if rule == "single-government":
        decider = top.text("decider")
        if decider not in actors_table and not (_ISO3.match(decider) and any(a.veto for a in actors)):
            raise top.fail(
                "decider",
                "the key of one of the [actors.KEY] tables, or an ISO3 code whose internal actors "
                "(head of government, coalition parties, parliament) carry veto = true",
                decider,
            )
    elif "decider" in data:
        raise top.fail("decider", "no decider unless rule = 'single-government'", data["decider"])
    if rule in ("nato-consensus", "eu-unanimity") and not any(a.veto for a in actors):
        raise top.fail("actors", f"at least one actor with veto = true under {rule}", "none")
    has_resources = any(a.resources is not None for a in actors)
    if rule == "coalition" and issue.required_resources is not None and not has_resources:
        raise top.fail("actors", "resources on the actors when issue.required_resources is set", "none")

    decision = ""
    if rule == "coalition":
        decision = top.text("decision") if "decision" in data else "supply"
        if decision not in DECISION_KINDS:
            raise top.fail("decision", "one of " + ", ".join(DECISION_KINDS), decision)
    elif "decision" in data:
        raise top.fail("decision", "no decision unless rule = 'coalition'", data["decision"])

    venue = rule
    if "venue" in data:
        venue = top.text("venue")
        if venue not in CASE_RULES:
            raise top.fail("venue", "one of " + ", ".join(CASE_RULES), venue)
    context = CaseContext()
    if "context" in data:
        context = _parse_context(_Fields(source, data["context"], "context."))

    notes: dict[str, str] = {}
    if "notes" in data:
        notes_fields = _Fields(source, data["notes"], "notes.")
        notes = {k: notes_fields.text(k, required=False) for k in notes_fields.table}

    return Case(
        id=case_id,
        title=top.text("title"),
        decision_date=decision_date,
        coding_date=coding_date,
        body=top.text("body"),
        rule=rule,
        issue=issue,
        actors=tuple(actors),
        decider=decider,
        notes=notes,
        path=source,
        venue=venue,
        context=context,
        decision=decision,
    )


def _parse_context(f: _Fields) -> CaseContext:
    f.unknown(_CONTEXT_KEYS)
    values: dict[str, Any] = {}
    why: dict[str, str] = {}
    where: dict[str, str] = {}
    quality: dict[str, str] = {}
    for flag in CONTEXT_FIELDS:
        extra = [k for k in (f"{flag}_justification", f"{flag}_source", f"{flag}_source_quality") if k in f.table]
        if flag not in f.table:
            if extra:
                raise f.fail(flag, f"true or false (its {extra[0]} is given)", missing=True)
            continue
        values[flag] = f.flag(flag)
        why[flag] = f.text(f"{flag}_justification")
        where[flag] = f.text(f"{flag}_source")
        if f"{flag}_source_quality" in f.table:
            quality[flag] = f.quality(f"{flag}_source_quality")
    return CaseContext(**values, justification=why, source=where, source_quality=quality)


def _parse_issue(f: _Fields) -> CaseIssue:
    f.unknown(_ISSUE_KEYS, _SCALE_KEY)
    anchors = {}
    for key in f.table:
        match = _SCALE_KEY.match(key)
        if match:
            point = int(match.group(1))
            if point > 100:
                raise f.fail(key, "an anchor scale_N with N in 0..100", key)
            anchors[point] = f.text(key)
    for required in ("scale_0", "scale_100"):
        if required not in f.table:
            raise f.fail(required, "a description of that end of the scale", missing=True)
    sq = f.number("status_quo", 0, 100)
    proposal = f.number("proposal", 0, 100)
    threshold = f.number("adopted_threshold", 0, 100)
    assert sq is not None and proposal is not None and threshold is not None
    if proposal <= sq:
        raise f.fail(
            "proposal", f"a value above status_quo ({sq:g}); the scale runs toward the proposal", proposal
        )
    if not sq < threshold <= proposal:
        raise f.fail(
            "adopted_threshold",
            f"a value above status_quo ({sq:g}) and at most proposal ({proposal:g})",
            threshold,
        )
    return CaseIssue(
        question=f.text("question"),
        anchors=dict(sorted(anchors.items())),
        status_quo=sq,
        proposal=proposal,
        adopted_threshold=threshold,
        required_resources=f.number("required_resources", 0, None, required=False),
    )


def _parse_actor(key: str, f: _Fields) -> CaseActor:
    f.unknown(_ACTOR_KEYS)
    member = f.flag("member", required=False, default=False) if "member" in f.table else None
    isolation_why = f.text("isolation_cost_justification", required=False)
    if isolation_why and not isolation_why.lower().startswith("judgement"):
        raise f.fail("isolation_cost_justification", "a text starting 'Judgement:'", isolation_why)
    if isolation_why and "isolation_cost" not in f.table:
        raise f.fail("isolation_cost", "a number in [0, 1] (its justification is given)", missing=True)
    return CaseActor(
        key=key,
        name=f.text("name"),
        position=f.number("position", 0, 100),  # type: ignore[arg-type]
        salience=f.number("salience", 0, 1),  # type: ignore[arg-type]
        capability=f.number("capability", 0, 1),  # type: ignore[arg-type]
        veto=f.flag("veto"),
        source=f.text("source"),
        justification=f.text("justification", required=False),
        capability_basis=f.text("capability_basis", required=False),
        source_after_coding_date=f.flag("source_after_coding_date", required=False),
        population=f.number("population", 0, None, required=False),
        member=member,
        block_cost=f.number("block_cost", 0, None, required=False),
        resources=f.number("resources", 0, None, required=False),
        isolation_cost=f.number("isolation_cost", 0, 1, required=False),
        isolation_cost_justification=isolation_why,
        source_quality=f.quality("source_quality"),
    )


def read_outcome(path: str | Path) -> Outcome:
    """Read and validate the ``[outcome]`` table of a case file (for scoring only)."""
    path = Path(path)
    data = _load(path)
    source = str(path)
    if "outcome" not in data:
        raise RedlineError(f"{source}: field outcome: expected an [outcome] table to score against, missing")
    f = _Fields(source, data["outcome"], "outcome.")
    f.unknown(_OUTCOME_KEYS)
    sources = f._get("sources", False, "a list of URLs") or []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise f.fail("sources", "a list of URL strings", sources)
    adopted = f.flag("adopted")
    outcome_type = f.text("outcome_type", required=False) or ("adopted" if adopted else "blocked")
    if outcome_type not in OUTCOME_TYPES:
        raise f.fail("outcome_type", "one of " + ", ".join(OUTCOME_TYPES), outcome_type)
    if adopted and outcome_type == "blocked":
        raise f.fail(
            "outcome_type", "adopted, adopted_with_opt_outs or delayed when adopted = true", outcome_type
        )
    if not adopted and outcome_type in ("adopted", "adopted_with_opt_outs"):
        raise f.fail("outcome_type", "delayed or blocked when adopted = false", outcome_type)
    opt_outs = f._get("opt_outs", False, "a list of actor keys") or []
    if not isinstance(opt_outs, list) or not all(
        isinstance(k, str) and _ACTOR_KEY.match(k) for k in opt_outs
    ):
        raise f.fail("opt_outs", "a list of actor keys such as ['HUN']", opt_outs)
    return Outcome(
        adopted=adopted,
        outcome_value=f.number("outcome_value", 0, 100),  # type: ignore[arg-type]
        summary=f.text("summary", required=False),
        sources=tuple(sources),
        outcome_type=outcome_type,
        opt_outs=tuple(opt_outs),
        side_payments=f.text("side_payments", required=False),
        source_quality=f.quality("source_quality"),
    )


def find_cases(folder: str | Path) -> list[Path]:
    """The ``*.toml`` case files in ``folder`` (or its ``cases/`` subfolder), sorted by name."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise RedlineError(f"{folder}: no such folder of case files")
    files = sorted(folder.glob("*.toml"))
    if not files and (folder / "cases").is_dir():
        files = sorted((folder / "cases").glob("*.toml"))
    if not files:
        raise RedlineError(f"{folder}: no *.toml case files found")
    return files


def flagged_sources_line(cases: list[Case]) -> str:
    """One line: how many coded positions of ``cases`` rest on flagged sources, and in which cases.

    Said next to the scores, never used in them (a flag changes no position, outcome or score).
    """
    flagged = {c.id: c.flagged_positions for c in cases if c.flagged_positions}
    total = sum(len(c.actors) for c in cases)
    if not flagged:
        return f"source quality: none of the {total} coded positions rests on a flagged source"
    n = sum(len(v) for v in flagged.values())
    labels = sorted({a.source_quality for v in flagged.values() for a in v})
    where = ", ".join(f"{cid} {len(v)}" for cid, v in flagged.items())
    return (
        f"source quality: {n} of {total} coded positions in {len(flagged)} of {len(cases)} cases rest on "
        f"sources flagged {' / '.join(labels)} (no better source found; scores unchanged): {where}"
    )
