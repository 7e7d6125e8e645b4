"""The scenario schema: every section and field of a scenario file, with its own checks.

``scenarios/template.toml`` documents every field. Fields are strict (no unknown keys, no type
coercion); a validator raises ``expected || found`` text that :mod:`redline.scenario.messages` turns
into one located line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from redline.scenario.errors import _issue_error, _shown

__all__ = [
    "ACTOR_KEY",
    "ActorOverride",
    "Statements",
    "VENUE_KINDS",
    "Venue",
    "ExtraActor",
    "Restraint",
    "ScenarioMeta",
    "BUILTIN_LEVERS",
    "CASE_EXCLUSIVE",
    "DECISION_RULES",
    "DETERRENCE_INPUT",
    "INDICATORS",
    "ISO3",
    "Analytics",
    "CapabilityCoding",
    "Coding",
    "Deterrence",
    "Distribution",
    "Escalation",
    "IssueSpec",
    "IssueUncertainty",
    "LeverSpec",
    "Levers",
    "LinearCoding",
    "Models",
    "RunSettings",
    "Scenario",
    "WorldSpec",
]

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")]
ACTOR_KEY = r"^[A-Za-z][A-Za-z0-9_]{0,39}$"
"""An actor key: an ISO3 code, or (in an issue read from a case file) the key of a case's actor."""

DECISION_RULES = (
    "nato-consensus",
    "eu-unanimity",
    "eu-qmv",
    "eu-qmv-reinforced",
    "majority",
    "weighted-majority",
    "coalition",
)
"""Rule names a scenario may use (the decision rules of models.md §2.1)."""

INDICATORS = (
    "ukraine_aid_pct_gdp",
    "ukraine_military_aid_pct_gdp",
    "unga_ukraine",
    "libdem",
    "frontline",
    "border_russia",
    "border_belarus",
    "border_ukraine",
    "distance_moscow_km",
    "defence_pct_gdp",
    "defence_usd",
    "milex_usd",
    "gdp_usd",
    "population",
    "israel_arms_restriction",
)
"""Indicators the codings can use (see :mod:`redline.issues` for their definitions)."""

BUILTIN_LEVERS = ("us_withdrawal", "illiberal_shift", "lift_restrictions", "spend_3_5", "joint_air_defence")
"""Levers of the deterrence issue that a scenario can name without defining them."""


DETERRENCE_INPUT = r"^(V|k_L|k_W|p_L|p_W|theta|rho|[wa]\.(\*|[A-Z]{3}))$"
"""Deterrence inputs that can carry a distribution: payoffs, θ, ρ, and w/a per ally (or ``*``)."""


class _Strict(BaseModel):
    # every number in a scenario is finite: NaN and inf are refused at validation, not met by a model
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, str_strip_whitespace=True, allow_inf_nan=False
    )


# --------------------------------------------------------------------------------------- distributions
class Normal(_Strict):
    """Normal(mean, sd), clipped to the parameter's range where it has one."""

    dist: Literal["normal"]
    mean: float | None = Field(default=None, description="omit to centre on the model's own value")
    sd: float = Field(gt=0)


class Uniform(_Strict):
    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _order(self) -> Uniform:
        if not self.low < self.high:
            raise ValueError(f"uniform with low < high || low={self.low:g}, high={self.high:g}")
        return self


class Triangular(_Strict):
    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _order(self) -> Triangular:
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise ValueError(
                "triangular with low <= mode <= high and low < high || "
                f"low={self.low:g}, mode={self.mode:g}, high={self.high:g}"
            )
        return self


class LogNormal(_Strict):
    """Log-normal with the given median and log-scale sigma (values stay positive)."""

    dist: Literal["lognormal"]
    median: float | None = Field(default=None, gt=0, description="omit to centre on the model's own value")
    sigma: float = Field(gt=0, le=10, description="above 10, draws overflow to inf (exp(sigma * z))")


class Beta(_Strict):
    """Beta(mean, concentration): shape a = mean * concentration, b = (1 - mean) * concentration."""

    dist: Literal["beta"]
    mean: float | None = Field(
        default=None, gt=0, lt=1, description="omit to centre on the model's own value"
    )
    concentration: float = Field(gt=0)


class Fixed(_Strict):
    dist: Literal["fixed"]
    value: float


Distribution = Annotated[
    Normal | Uniform | Triangular | LogNormal | Beta | Fixed, Field(discriminator="dist")
]
"""A distribution on one uncertain input, chosen by its ``dist`` key."""


# --------------------------------------------------------------------------------------- sections
class ScenarioMeta(_Strict):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    title: str = ""
    description: str = ""


class ExtraActor(_Strict):
    """An actor not in the data (or a non-state actor) with indicator values given by hand."""

    iso3: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")
    name: str = ""
    indicators: dict[str, float] = Field(default_factory=dict)


class WorldSpec(_Strict):
    """Which year (or date) of the data, and any changes to it."""

    year: int | None = Field(default=None, ge=1949, le=2100)
    date: dt.date | None = None
    vintage: Literal["latest", "as_of"] = "latest"  # as_of: only the releases public on the date
    carry_forward: bool = False  # fill a missing figure with the latest earlier one, listed in notes
    overrides: dict[ISO3, dict[str, float]] = Field(default_factory=dict)
    extra_actors: list[ExtraActor] = Field(default_factory=list)

    @model_validator(mode="after")
    def _year_or_date(self) -> WorldSpec:
        if (self.year is None) == (self.date is None):
            raise ValueError(
                "exactly one of year or date || " + ("both" if self.year is not None else "neither")
            )
        return self

    @property
    def effective_year(self) -> int:
        return self.year if self.year is not None else self.date.year  # type: ignore[union-attr]


class LinearCoding(_Strict):
    """A score on [low, high] from indicators: ``low + (high-low) * sum|w_j| s_j / sum|w_j|``.

    Each indicator is rescaled to [0, 1] across the issue's actors (min-max); a negative weight counts
    the indicator in reverse (``1 - s_j``). A missing indicator value drops out of that actor's sum and
    is reported in the coding table.
    """

    weights: dict[str, float] = Field(min_length=1)
    low: float = 0.0
    high: float = 100.0

    @field_validator("weights")
    @classmethod
    def _known(cls, weights: dict[str, float]) -> dict[str, float]:
        unknown = [k for k in weights if k not in INDICATORS]
        if unknown:
            raise ValueError(f"indicators from {', '.join(INDICATORS)} || {', '.join(map(repr, unknown))}")
        if not any(w != 0 for w in weights.values()):
            raise ValueError("at least one non-zero weight || all weights 0")
        return weights


class CapabilityCoding(_Strict):
    """Capability from one indicator (only ratios matter), with a fallback indicator where it is missing."""

    indicator: Literal["defence_usd", "milex_usd", "gdp_usd", "population"] = "defence_usd"
    fallback: Literal["defence_usd", "milex_usd", "gdp_usd", "population"] | None = "milex_usd"
    exponent: float = Field(default=1.0, gt=0, le=3)


class Coding(_Strict):
    position: LinearCoding
    salience: LinearCoding = LinearCoding(weights={"distance_moscow_km": -1.0}, low=0.3, high=0.9)
    capability: CapabilityCoding = CapabilityCoding()

    @field_validator("position")
    @classmethod
    def _position_range(cls, coding: LinearCoding) -> LinearCoding:
        if not (0 <= coding.low <= 100 and 0 <= coding.high <= 100):
            raise ValueError(
                f"position low and high within [0, 100] (the issue's scale) || low={coding.low:g}, high={coding.high:g}"
            )
        return coding

    @field_validator("salience")
    @classmethod
    def _salience_range(cls, coding: LinearCoding) -> LinearCoding:
        if not (0 <= coding.low <= 1 and 0 <= coding.high <= 1):
            raise ValueError(
                f"salience low and high within [0, 1] || low={coding.low:g}, high={coding.high:g}"
            )
        return coding


class ActorOverride(_Strict):
    position: float | None = Field(default=None, ge=0, le=100)
    salience: float | None = Field(default=None, ge=0, le=1)
    capability: float | None = Field(default=None, ge=0)
    block_cost: float | None = Field(default=None, ge=0)
    member: bool | None = None
    reason: str = ""


VENUE_KINDS = ("national", "coalition", "nato-consensus", "eu-unanimity")
"""Where an issue is really decided (docs/scenarios.md, "Venue")."""

VENUE_BODY = {"nato-consensus": "NATO", "eu-unanimity": "EU"}
"""The membership group a veto venue needs (``body``)."""


class Venue(_Strict):
    """Where the issue is really decided, and what that body allows around a holdout.

    ``national``: each government decides for itself (arming decisions per supplier); ``coalition``:
    the willing act together outside the treaty body. Both are adopted when the willing meet the
    supply requirement fitted on the pre-2023 supply cases
    (:data:`redline.decisions.venue.DEFAULT_SUPPLY`); ``required`` (optional) replaces it with the
    older rule: the share of the members' capability the willing must bring. ``nato-consensus``
    / ``eu-unanimity``: every member holds a veto, and the holdout model decides what a losing
    holder does (concede, opt out, sign with a reservation, delay or block) given the flags below.
    """

    kind: Literal["national", "coalition", "nato-consensus", "eu-unanimity"]
    required: float | None = Field(default=None, ge=0, le=1)
    opt_out_possible: bool = False
    reservation_possible: bool = False
    """A member may sign with a national reservation (footnote, national plan, derogation, TEU 31(1)
    abstention): coded from the instrument's form and the body's rules, not from what happened."""
    side_payment_available: bool = False
    route_around: bool = False
    deadline_pressure: bool = False
    reason: str = Field(min_length=1, description="why this venue, with the record it rests on")

    @model_validator(mode="after")
    def _required(self) -> Venue:
        willing = self.kind in ("national", "coalition")
        if not willing and self.required is not None:
            raise ValueError(f"no required for a {self.kind} venue (every member votes) || {self.required!r}")
        return self


class Statements(_Strict):
    """Positions and salience coded from dated, sourced statements (docs/scenarios.md, "Statements")."""

    file: str = Field(min_length=1, description="CSV of statements, relative to the scenario file")
    decided: dt.date = Field(description="date of the decision every statement must precede")


class IssueUncertainty(_Strict):
    """Per-draw noise on the coded inputs: position Normal(x, sd) clipped to [0, 100], salience
    Beta(s, concentration), capability LogNormal(c, sigma)."""

    position_sd: float = Field(default=0.0, ge=0, le=50)
    salience_concentration: float | None = Field(default=None, gt=0)
    capability_sigma: float = Field(default=0.0, ge=0, le=3)


CASE_EXCLUSIVE = (
    "question",
    "scale_0",
    "scale_100",
    "status_quo",
    "proposal",
    "rule",
    "rule_params",
    "body",
    "participants",
    "block_cost",
    "pass_threshold",
    "coding",
    "venue",
    "statements",
)
"""Issue fields that cannot be combined with ``case``: the case file gives them (or needs none)."""


class IssueSpec(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    title: str | None = Field(default=None, min_length=1, description="required unless case gives it")
    case: str | None = Field(
        default=None, min_length=1, description="a backtest case file (relative to the scenario file)"
    )
    question: str = ""
    scale_0: str = ""
    scale_100: str = ""
    status_quo: float | None = Field(default=None, ge=0, le=100)
    proposal: float | None = Field(default=None, ge=0, le=100)
    rule: str = "nato-consensus"
    rule_params: dict[str, float | str | list[str]] = Field(default_factory=dict)
    body: str = Field(default="NATO", description="membership group that votes: NATO or EU")
    participants: list[ISO3] = Field(default_factory=list, description="non-voting actors who bargain")
    block_cost: float = Field(default=0.0, ge=0, description="default epsilon of the silence procedure")
    pass_threshold: float | None = Field(default=None, ge=0, le=100)
    coding: Coding | None = None
    overrides: dict[Annotated[str, Field(pattern=ACTOR_KEY)], ActorOverride] = Field(default_factory=dict)
    uncertainty: IssueUncertainty = IssueUncertainty()
    venue: Venue | None = None
    statements: Statements | None = None
    _case: Any = PrivateAttr(default=None)
    """The :class:`redline.backtest.Case` of ``case``, once read (see :func:`issue_case`)."""
    _case_digest: str = PrivateAttr(default="")
    """SHA-256 of the case file as read, so that the scenario hash changes when the case does."""

    @field_validator("rule")
    @classmethod
    def _rule(cls, rule: str) -> str:
        if rule not in DECISION_RULES:
            raise ValueError(f"a rule from {', '.join(DECISION_RULES)} || {rule!r}")
        return rule

    @field_validator("body")
    @classmethod
    def _body(cls, body: str) -> str:
        if body not in ("NATO", "EU"):
            raise ValueError(f"NATO or EU || {body!r}")
        return body

    @model_validator(mode="after")
    def _source(self) -> IssueSpec:
        """A case issue takes nothing the case gives; a coded issue needs its title, scale and coding."""
        errors = []
        if self.case is not None:
            for name in CASE_EXCLUSIVE:
                if name in self.model_fields_set:
                    value = getattr(self, name)
                    gives = "the actors" if name in ("coding", "body", "participants", "block_cost") else "it"
                    expected = (
                        f"no {name} in an issue read from a case file (case = {self.case!r} gives {gives})"
                    )
                    found = "a table" if isinstance(value, BaseModel) else _shown(value)
                    errors.append(_issue_error(name, expected, found))
        else:
            for name in ("title", "status_quo", "proposal"):
                if getattr(self, name) is None:
                    errors.append(InitErrorDetails(type="missing", loc=(name,), input=None))
            if self.coding is None:
                errors.append(
                    _issue_error(
                        "coding",
                        "this required field (or case = 'file.toml' to read the issue from a backtest case)",
                        "nothing",
                    )
                )
            for key in self.overrides:
                if not re.fullmatch(r"[A-Z]{3}", key):
                    errors.append(
                        InitErrorDetails(
                            type="string_pattern_mismatch",
                            loc=("overrides", key),
                            input=key,
                            ctx={"pattern": r"^[A-Z]{3}$"},
                        )
                    )
        if errors:
            raise ValidationError.from_exception_data("IssueSpec", errors)
        if self.venue is not None and self.venue.kind in VENUE_BODY and VENUE_BODY[self.venue.kind] != self.body:
            raise ValidationError.from_exception_data(
                "IssueSpec",
                [
                    _issue_error(
                        ("venue", "kind"),
                        f"a venue of the issue's body {self.body} (body = "
                        f"{VENUE_BODY[self.venue.kind]!r} for {self.venue.kind})",
                        repr(self.venue.kind),
                    )
                ],
            )
        if self.case is None and self.status_quo == self.proposal:
            raise ValueError(f"a proposal different from status_quo || both {self.proposal:g}")
        return self


class LiftingSpec(_Strict):
    """The observed lifting the ladder effects of support are conditioned on (deterrence/lifting.py):
    a catalogue step, its coded support level σ_obs (an assumption), and whether to use it at all."""

    step: str = "deep_strikes"
    sigma: float = Field(default=0.3, gt=0, le=1)
    observe: bool = True


class Restraint(_Strict):
    """The protégé-restraint sweep over support σ (models.md §3.2 extension; needs [escalation]).

    ``effects``: a number fixes an effect of σ = 1; ``[lo, hi]`` (``tau_gain``, ``h_scale`` on a
    fitted ladder) is a uniform prior, conditioned on ``lifting`` up to the scenario's date."""

    target: ISO3 = "UKR"
    sigmas: list[Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=lambda: [round(0.1 * i, 1) for i in range(11)], min_length=1
    )
    effects: dict[
        Literal["p_L_cut", "k_L_add", "tau_gain", "h_scale"],
        float | Annotated[list[Annotated[float, Field(ge=0)]], Field(min_length=2, max_length=2)],
    ] = Field(default_factory=dict)
    lifting: LiftingSpec = Field(default_factory=LiftingSpec)
    nuclear_weight: float | None = Field(default=None, ge=0)


class Deterrence(_Strict):
    """Article 5 credibility and P(deterrence failure) per target (models.md §3)."""

    targets: list[str] = Field(default_factory=lambda: ["NATO", "UKR", "MDA", "GEO"], min_length=1)
    challenger: ISO3 = "RUS"
    capability_source: Literal["nato", "sipri"] = "nato"
    params: dict[str, float] = Field(default_factory=dict)
    uncertainty: dict[Annotated[str, Field(pattern=DETERRENCE_INPUT)], Distribution] = Field(
        default_factory=dict
    )
    restraint: Restraint | None = None

    @field_validator("targets")
    @classmethod
    def _targets(cls, targets: list[str]) -> list[str]:
        bad = [t for t in targets if t != "NATO" and not re.fullmatch(r"[A-Z]{3}", t)]
        if bad:
            raise ValueError(f"ISO3 codes or NATO (every member) || {', '.join(map(repr, bad))}")
        return targets


class Escalation(_Strict):
    """The red-line escalation ladder (models.md §4): an inline ``[escalation.ladder]`` table in the
    format of ``redline escalate`` ladder files, or ``file`` = a ladder file relative to the scenario.

    Observations in the ladder (e.g. the Kursk incursion) update the pusher's belief: the report shows
    the curves before and after them. With ``fit = true`` the ladder is fitted to the record of red
    lines crossed since 2022 (the ``escalation_events`` table, up to the scenario's date); the ladder
    or file, if given, only supplies the structure (rungs, red lines and τ, h at unreached rungs), and
    the steps are months.
    """

    ladder: dict[str, Any] | None = None
    file: str | None = None
    steps: int | None = Field(default=None, ge=1, le=200)
    fit: bool = False
    retaliation: Literal["strict", "material", "signal"] = "strict"

    @model_validator(mode="after")
    def _one_source(self) -> Escalation:
        if self.ladder is not None and self.file is not None:
            raise ValueError("at most one of an [escalation.ladder] table or file = 'ladder.toml' || both")
        if not self.fit and self.ladder is None and self.file is None:
            raise ValueError(
                "exactly one of an [escalation.ladder] table or file = 'ladder.toml' (or fit = true) || neither"
            )
        return self


class LeverSpec(_Strict):
    """A user-defined lever on the deterrence game (the form of :func:`redline.deterrence.define_lever`)."""

    description: str = ""
    willingness: dict[str, float] = Field(default_factory=dict, description="multiplier per ISO3 or ALL")
    capability: dict[str, float] = Field(default_factory=dict, description="multiplier per ISO3 or ALL")
    willingness_shift: dict[str, float] = Field(
        default_factory=dict, description="logit units per ISO3 or ALL"
    )
    theta: float | None = Field(default=None, ge=0, description="multiplies the threshold")
    p_L: float | None = Field(default=None, ge=0, description="multiplies p_L")
    k_L: float | None = Field(default=None, description="added to k_L (units of V)")
    k_W: float | None = Field(default=None, description="added to k_W (units of V)")

    @field_validator("willingness", "capability", "willingness_shift")
    @classmethod
    def _per_ally(cls, values: dict[str, float]) -> dict[str, float]:
        for key in values:
            if key != "ALL" and not re.fullmatch(r"[A-Z]{3}", key):
                raise ValueError(f"ISO3 codes or ALL as keys || {key!r}")
        return values

    @field_validator("willingness", "capability")
    @classmethod
    def _multipliers(cls, values: dict[str, float]) -> dict[str, float]:
        for key, value in values.items():
            if value < 0:
                raise ValueError(f"multipliers >= 0 || {key} = {value:g}")
        return values


class Levers(_Strict):
    compare: list[str] = Field(default_factory=list)
    define: dict[str, LeverSpec] = Field(default_factory=dict)


class Analytics(_Strict):
    claims: bool = True
    plots: list[Literal["burden", "alignment", "factions"]] = Field(
        default_factory=lambda: ["burden", "alignment", "factions"]
    )


class Models(_Strict):
    decisions: bool = True
    bargaining: bool = True
    deterrence: bool = True
    escalation: bool = True
    analytics: bool = True


class RunSettings(_Strict):
    draws: int = Field(default=2000, ge=1, le=10_000_000)
    seed: int = Field(default=20240711, ge=0, le=2**64 - 1)
    chunk_size: int = Field(default=4096, ge=1)
    bargaining_draws: int = Field(default=0, ge=0, le=1_000_000)
    """Monte Carlo draws of the bargaining model (it is slow with many actors); 0 = the exact forecast only."""


class Scenario(_Strict):
    """A whole scenario file (see ``scenarios/template.toml``)."""

    scenario: ScenarioMeta
    world: WorldSpec
    run: RunSettings = RunSettings()
    models: Models = Models()
    issues: list[IssueSpec] = Field(default_factory=list)
    deterrence: Deterrence = Deterrence()
    escalation: Escalation | None = None
    analytics: Analytics = Analytics()
    levers: Levers = Levers()
    _base_dir: Path | None = PrivateAttr(default=None)
    """The scenario file's folder: files the scenario names (ladder, case files) are relative to it."""
    _checked: str = PrivateAttr(default="")
    """Fingerprint of the content :func:`redline.scenario.parse_scenario` checked (see
    :func:`redline.scenario.check_scenario`): a copy with other values is checked again."""

    @model_validator(mode="after")
    def _unique_issue_ids(self) -> Scenario:
        seen: set[str] = set()
        for issue in self.issues:
            if issue.id in seen:
                raise ValueError(f"unique issue ids || {issue.id!r} twice")
            seen.add(issue.id)
        return self
