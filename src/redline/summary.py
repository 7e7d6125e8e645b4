"""The typed schema of ``summary.json``: what a run writes and what the report, ``show`` and ``compare`` read.

:func:`read_summary` validates a summary (from a dict, JSON text or a file) against :class:`Summary`
and gives one clear error for a malformed one. The sections are typed where other code reads them
(run metadata, headlines, Monte Carlo intervals, the deterrence table); the model families' detailed
results (actor tables, codings, trajectories) pass through as plain JSON so a family can add a field
without touching this schema. ``SCHEMA_VERSION`` changes when a typed field changes meaning.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from redline.errors import RedlineError

__all__ = [
    "SCHEMA_VERSION",
    "DeterrenceRow",
    "DeterrenceSummary",
    "EscalationSummary",
    "Headline",
    "Interval",
    "IssueSummary",
    "RunInfo",
    "Summary",
    "VenueSummary",
    "read_summary",
]

SCHEMA_VERSION = 1

_EPS = 1e-9
"""Rounding slack of the range checks below (a result outside its range by more is a defect)."""


def _within(low: float, high: float):  # noqa: ANN202 - a pydantic field validator
    """A field check: None, or a number in [low, high] (results are range-checked before they are stored)."""

    def check(value: float | None) -> float | None:
        if value is not None and not (low - _EPS <= value <= high + _EPS):
            raise ValueError(f"a value in [{low:g}, {high:g}]; found {value!r}")
        return value

    return check


def _one_of(what: str, allowed: tuple[str, ...]):  # noqa: ANN202 - a pydantic field validator
    """A field check: one of ``allowed`` (named ``what`` in the error)."""

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{what} ({', '.join(allowed)}); found {value!r}")
        return value

    return check


def _interval_within(low: float, high: float):  # noqa: ANN202
    def check(value: Interval | None) -> Interval | None:
        if value is not None:
            for name in ("mean", "lo", "hi"):
                _within(low, high)(getattr(value, name))
        return value

    return check


class _Section(BaseModel):
    """A section of the summary: typed fields, any further fields kept as they are."""

    model_config = ConfigDict(extra="allow")

    def to_dict(self) -> dict[str, Any]:
        """The section as plain JSON, with only the fields the summary had (no added defaults)."""
        return self.model_dump(mode="json", exclude_unset=True)


class Interval(_Section):
    """A Monte Carlo statistic: mean with its 95% interval over ``n`` draws (None = no value)."""

    mean: float | None
    lo: float | None
    hi: float | None
    se: float | None = None
    n: int


class RunInfo(_Section):
    """Provenance of the run: which scenario (and hash of every file it read), seed, draws, versions."""

    run_id: str
    scenario: str
    title: str = ""
    scenario_file: str = ""
    scenario_hash: str
    seed: int
    draws: int
    chunk_size: int
    package_version: str
    data_version: str
    started: str


class Headline(_Section):
    """One question with its answer in words, its value and interval, and what the interval is of."""

    key: str
    question: str
    answer: str
    value: float | None = None
    lo: float | None = None
    hi: float | None = None
    interval: str = ""
    interval_of: str = ""
    percent: bool = True
    change: bool = False
    detail: bool = False


OUTCOME_TYPES = ("adopted", "adopted_with_opt_outs", "delayed", "blocked", "adopted_with_reservations")
"""The outcome types of a decision in its venue (:data:`redline.decisions.holdout.OUTCOMES`)."""
ACTION_TYPES = ("concede", "opt_out", "delay", "block", "reserve")
"""What a member does that is not plain acceptance (:data:`redline.decisions.holdout.ACTIONS`)."""
VENUE_KINDS = ("national", "coalition", "nato-consensus", "eu-unanimity")


class VenueSummary(_Section):
    """Where an issue is decided and what the members do there at the coded positions.

    ``coded_outcome`` is the outcome type at the coded inputs; ``coded_actions`` names, per action
    (``reserve`` = signs with a national reservation), the members taking it, most opposed first.
    """

    kind: str
    words: str = ""
    given: bool = False
    reason: str = ""
    required: float | None = None
    supply_rule: dict[str, Any] | None = None
    """National / coalition venues: the supply requirement applied (``kind``, ``level``, ``basis``)."""
    flags: dict[str, bool] = Field(default_factory=dict)
    coded_outcome: str
    coded_actions: dict[str, list[str]] = Field(default_factory=dict)
    statements: dict[str, Any] | None = None

    _required = field_validator("required")(_within(0.0, 1.0))

    _kind = field_validator("kind")(_one_of("a venue kind", VENUE_KINDS))
    _outcome = field_validator("coded_outcome")(_one_of("an outcome type", OUTCOME_TYPES))

    @field_validator("coded_actions")
    @classmethod
    def _actions(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        wrong = [k for k in value if k not in ACTION_TYPES]
        if wrong:
            raise ValueError(f"actions among {', '.join(ACTION_TYPES)}; found {wrong[0]!r}")
        return value


class IssueSummary(_Section):
    """One issue: its scale and rule, coded actors, and the decision and bargaining answers."""

    id: str
    title: str
    status_quo: float
    proposal: float
    rule: str
    pass_threshold: float
    actors: list[dict[str, Any]] = Field(default_factory=list)
    decision: dict[str, Any] | None = None
    bargaining: dict[str, Any] | None = None
    mc_pass: Interval | None = None
    mc_forecast: Interval | None = None
    mc_wins: Interval | None = None
    venue: VenueSummary | None = None
    mc_adopted: Interval | None = None
    """P(adopted in the venue), with or without opt-outs or reservations."""
    mc_outcome: dict[str, Interval] | None = None
    """P(each outcome type in the venue); they sum to 1."""

    _scale = field_validator("status_quo", "proposal", "pass_threshold")(_within(0.0, 100.0))
    _forecast = field_validator("mc_forecast")(_interval_within(0.0, 100.0))
    _probabilities = field_validator("mc_pass", "mc_wins", "mc_adopted")(_interval_within(0.0, 1.0))

    @field_validator("mc_outcome")
    @classmethod
    def _outcomes(cls, value: dict[str, Interval] | None) -> dict[str, Interval] | None:
        """Known outcome types, each a probability, summing to 1 (rounding aside)."""
        if value is None:
            return value
        wrong = [k for k in value if k not in OUTCOME_TYPES]
        if wrong:
            raise ValueError(f"outcome types among {', '.join(OUTCOME_TYPES)}; found {wrong[0]!r}")
        for stat in value.values():
            _interval_within(0.0, 1.0)(stat)
        means = [stat.mean for stat in value.values() if stat.mean is not None]
        if means and abs(sum(means) - 1.0) > 1e-6:
            raise ValueError(f"outcome probabilities summing to 1; found {sum(means)!r}")
        return value

    @field_validator("bargaining")
    @classmethod
    def _bargaining_forecast(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        """The bargaining forecast is a point on the issue's 0-100 scale."""
        forecast = (value or {}).get("forecast")
        if isinstance(forecast, int | float):
            _within(0.0, 100.0)(float(forecast))
        return value


class DeterrenceRow(_Section):
    """Deterrence of an attack on one target under one lever (``base`` = none)."""

    target: str
    lever: str
    basis: str | None = None
    kappa: float | None = None
    kappa_star: float | None = None
    margin: float | None = None
    regime: str | None = None
    p_failure: float | None = None
    p_lo: float | None = None
    p_hi: float | None = None
    delta_p: float | None = None
    delta_lo: float | None = None
    delta_hi: float | None = None

    _probabilities = field_validator("kappa", "p_failure", "p_lo", "p_hi")(_within(0.0, 1.0))
    _changes = field_validator("delta_p", "delta_lo", "delta_hi")(_within(-1.0, 1.0))


class DeterrenceSummary(_Section):
    challenger: str
    capability_source: str
    levers: list[dict[str, Any]] = Field(default_factory=list)
    targets: list[dict[str, Any]] = Field(default_factory=list)
    table: list[DeterrenceRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _challenger_is_no_target(self) -> DeterrenceSummary:
        if any(row.target == self.challenger for row in self.table):
            raise ValueError(f"targets other than the challenger; found {self.challenger} as a target")
        return self


class EscalationSummary(_Section):
    name: str
    steps: int
    p_nuclear_before: float | None = None
    p_nuclear_after: float
    monte_carlo: Interval | None = None

    _probabilities = field_validator("p_nuclear_before", "p_nuclear_after")(_within(0.0, 1.0))
    _interval = field_validator("monte_carlo")(_interval_within(0.0, 1.0))


class Summary(_Section):
    """A whole ``summary.json``."""

    run: RunInfo
    provenance: dict[str, Any] = Field(default_factory=dict)
    issues: list[IssueSummary] = Field(default_factory=list)
    deterrence: DeterrenceSummary | None = None
    escalation: EscalationSummary | None = None
    restraint: dict[str, Any] | None = None
    analytics: dict[str, Any] | None = None
    headlines: list[Headline] = Field(default_factory=list)

    def headline(self, key: str) -> Headline | None:
        """The headline with ``key``, or None."""
        return next((h for h in self.headlines if h.key == key), None)


def read_summary(source: dict[str, Any] | str | Path, where: str = "summary") -> Summary:
    """Validate a summary given as a dict, JSON text, or the path of a ``summary.json`` file."""
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("{")):
        where = str(source)
        try:
            source = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise RedlineError(f"{where}: cannot read the summary ({exc})") from None
    if isinstance(source, str):
        try:
            source = json.loads(source)
        except json.JSONDecodeError as exc:
            raise RedlineError(f"{where}: expected a JSON summary; found invalid JSON ({exc})") from None
    try:
        return Summary.model_validate(source)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        if first["type"] == "missing":
            expected, found = "this field", "nothing"
        elif first["type"] == "value_error":  # a range check: "a value in [0, 1]; found 1.7"
            expected, _, found = first["msg"].removeprefix("Value error, ").partition("; found ")
        else:
            expected, found = first["msg"].removeprefix("Input should be "), repr(first.get("input"))
        raise RedlineError(f"{where}: {path}: expected {expected}; found {found}{more}") from None
