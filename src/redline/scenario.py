"""Scenario files: one TOML file poses the question, every model reads its part of the answer.

A scenario declares the world (year or date, indicator overrides, extra actors), the issues (scale,
status quo, proposal, decision rule, the coding that derives positions, salience and capability from
the data, per-actor overrides), the models to run, the uncertainty on the inputs, the levers to compare,
the number of draws and the seed. ``scenarios/template.toml`` documents every field.

Loading is strict: an unknown field, a wrong type, an out-of-range value, an unknown ISO3 code, rule
or lever, an impossible distribution or a TOML syntax error each give one line naming the file, the
TOML line (where it can be found), the field path, what was expected and what was found. All problems
of a file are reported together in one :class:`ScenarioError` (a :class:`~redline.errors.RedlineError`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
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
from pydantic_core import InitErrorDetails, PydanticCustomError

from redline.errors import RedlineError

__all__ = [
    "BUILTIN_LEVERS",
    "CASE_EXCLUSIVE",
    "DECISION_RULES",
    "INDICATORS",
    "Analytics",
    "CapabilityCoding",
    "Coding",
    "Deterrence",
    "Distribution",
    "Escalation",
    "IssueSpec",
    "LeverSpec",
    "Levers",
    "LinearCoding",
    "Models",
    "RunSettings",
    "Scenario",
    "ScenarioError",
    "WorldSpec",
    "case_path",
    "issue_case",
    "escalation_fit_of",
    "ladder_of",
    "load_scenario",
    "parse_scenario",
    "scenario_hash",
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


class ScenarioError(RedlineError):
    """All problems found in one scenario file, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        # The CLI prefixes the first line with "error: "; give every further line the same prefix.
        super().__init__("\nerror: ".join(self.problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


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
    sigma: float = Field(gt=0)


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
)
"""Issue fields that cannot be combined with ``case``: the case file gives them (or needs none)."""


def _issue_error(field: str | tuple[Any, ...], expected: str, found: Any) -> InitErrorDetails:
    """One located problem of an issue, in the ``expected || found`` form of :func:`_describe`."""
    loc = field if isinstance(field, tuple) else (field,)
    text = PydanticCustomError("value_error", "Value error, {text}", {"text": f"{expected} || {found}"})
    return InitErrorDetails(type=text, loc=loc, input=found)


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
    _case: Any = PrivateAttr(default=None)
    """The :class:`redline.backtest.Case` of ``case``, once read (see :func:`issue_case`)."""
    _case_digest: str = PrivateAttr(default="")
    """SHA-256 of the case file, so that the scenario hash changes when the case does."""

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
        if self.case is None and self.status_quo == self.proposal:
            raise ValueError(f"a proposal different from status_quo || both {self.proposal:g}")
        return self


def case_path(spec: IssueSpec, base_dir: Path = Path()) -> Path:
    """The case file of ``spec`` (``case`` is relative to the scenario file's folder ``base_dir``)."""
    path = Path(spec.case)  # type: ignore[arg-type]
    return path if path.is_absolute() else base_dir / path


def issue_case(spec: IssueSpec, base_dir: Path = Path()):  # noqa: ANN201 - a redline.backtest.Case
    """The backtest case of an issue with ``case`` (read once with :func:`redline.backtest.read_case`,
    which never reads the ``[outcome]`` table); ``None`` for a coded issue."""
    if spec.case is None:
        return None
    try:
        return _load_case(spec, base_dir)
    except RedlineError as exc:
        raise RedlineError(f"issue {spec.id}: case = {spec.case!r}: {exc}") from None


def _load_case(spec: IssueSpec, base_dir: Path):  # noqa: ANN202
    if spec._case is None:
        from redline.backtest import read_case

        path = case_path(spec, base_dir)
        try:
            case = read_case(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except (OSError, ValueError) as exc:  # e.g. a folder or a NUL byte in the path
            raise RedlineError(f"{path}: cannot read the case file ({exc})") from None
        spec._case, spec._case_digest = case, digest
    return spec._case


DETERRENCE_INPUT = r"^(V|k_L|k_W|p_L|p_W|theta|rho|[wa]\.(\*|[A-Z]{3}))$"
"""Deterrence inputs that can carry a distribution: payoffs, θ, ρ, and w/a per ally (or ``*``)."""


class Restraint(_Strict):
    """The protégé-restraint sweep over support σ (models.md §3.2 extension; needs [escalation])."""

    target: ISO3 = "UKR"
    sigmas: list[Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=lambda: [round(0.1 * i, 1) for i in range(11)], min_length=1
    )
    effects: dict[Literal["p_L_cut", "k_L_add", "tau_gain", "h_scale"], float] = Field(default_factory=dict)
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
    seed: int = Field(default=20240711, ge=0)
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

    @model_validator(mode="after")
    def _unique_issue_ids(self) -> Scenario:
        seen: set[str] = set()
        for issue in self.issues:
            if issue.id in seen:
                raise ValueError(f"unique issue ids || {issue.id!r} twice")
            seen.add(issue.id)
        return self


# --------------------------------------------------------------------------------------- loading
def _type_name(value: Any) -> str:
    return {
        dict: "a table",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic inserts the discriminator tag ("normal", ...) and "function-after[...]" into locations
    return tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and ("[" in p or p in ("normal", "uniform", "triangular", "lognormal", "beta", "fixed"))
        )
    )


def _find_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort TOML line of the field at ``loc`` (tomllib keeps no positions).

    Walks the location: an index ``k`` jumps to the (k+1)-th ``[[table]]`` header of the path so far,
    a key moves to the next line at or after the current one that names it.
    """
    lines = text.splitlines()
    start, found, table = 0, None, []
    for key in loc:
        if isinstance(key, int):
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(table)) + r"\s*\]\]")
            hits = [n for n, line in enumerate(lines) if header.match(line)]
            if key < len(hits):
                start = found = hits[key]
            continue
        table.append(str(key))
        named = re.compile(r"(^|[\s{,.\[])\"?" + re.escape(str(key)) + r"\"?\s*(=|\.|\])")
        for n in range(start, len(lines)):
            if named.search(lines[n].split("#", 1)[0]):
                start = found = n
                break
    return None if found is None else found + 1


_PATTERN_HELP = {
    r"^[A-Z]{3}$": "an ISO3 code (three capital letters, e.g. POL)",
    r"^[A-Za-z0-9_.-]+$": "a name of letters, digits, '_', '.' or '-'",
    r"^[A-Z][A-Z0-9_]{1,15}$": "a code of 2-16 capital letters, digits or '_' (e.g. EUI)",
    r"^[a-z0-9_]+$": "an id of lower-case letters, digits or '_'",
    DETERRENCE_INPUT: "a deterrence input: V, k_L, k_W, p_L, p_W, theta, rho, w.ISO3, a.ISO3, w.* or a.*",
}
"""Plain-words descriptions of the schema's string patterns, for messages."""


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    """(expected, found) for one pydantic error."""
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "extra_forbidden":
        return "no such field (check the spelling against scenarios/template.toml)", repr(value)
    if kind == "missing":
        return "this required field", "nothing"
    if kind == "union_tag_invalid":
        return "dist = normal | uniform | triangular | lognormal | beta | fixed", repr(error["ctx"]["tag"])
    if kind == "union_tag_not_found":
        return "a 'dist' key (normal | uniform | triangular | lognormal | beta | fixed)", "none"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return _PATTERN_HELP.get(pattern, f"a string matching {pattern}"), repr(value)
    if kind == "value_error":
        expected, _, found = msg.removeprefix("Value error, ").partition(" || ")
        return expected, found or _shown(value)
    return msg.removeprefix("Input should be ").removeprefix("input should be "), _shown(value)


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return _type_name(value)
    return f"{value!r} ({_type_name(value)})"


def parse_scenario(text: str, source: str = "<scenario>", check_data: bool = True) -> Scenario:
    """Parse and validate scenario TOML ``text``; ``source`` names the file in messages."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{source}:{match.group(1)}" if match else source
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        col = f" (column {match.group(2)})" if match else ""
        raise ScenarioError([f"{where}: TOML syntax error{col}: {reason}"]) from None
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = _clean_loc(tuple(error["loc"]))
            line = _find_line(text, loc)
            where = f"{source}:{line}" if line else source
            expected, found = _describe(error)
            problems.append(f"{where}: {_path(loc)}: expected {expected}; found {found}")
        raise ScenarioError(problems) from None
    problems = [
        f"{source}:{line}: {path}: expected {expected}; found {found}"
        if line
        else f"{source}: {path}: expected {expected}; found {found}"
        for path, loc, expected, found in _semantic_problems(scenario, check_data, Path(source).parent)
        for line in [_find_line(text, loc)]
    ]
    if problems:
        raise ScenarioError(problems)
    if any(issue.case is not None and issue.title is None for issue in scenario.issues):
        issues = [
            issue.model_copy(update={"title": issue._case.title})
            if issue.case is not None and issue.title is None
            else issue
            for issue in scenario.issues
        ]
        scenario = scenario.model_copy(update={"issues": issues})
    return scenario


def _known_iso3() -> set[str] | None:
    """ISO3 codes the data snapshot knows, or None when the data layer is not available."""
    try:
        from redline.data import load_table

        frame = load_table("countries")
    except Exception:  # noqa: BLE001 - validation still works without the data layer
        return None
    column = "iso3" if "iso3" in frame.columns else frame.index.name
    values = frame[column] if column in frame.columns else frame.index
    return {str(v) for v in values}


def _semantic_problems(
    scenario: Scenario, check_data: bool = True, base_dir: Path = Path()
) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Cross-field checks: levers must exist; every ISO3 code must be in the snapshot or an extra actor."""
    problems = []
    levers = set(BUILTIN_LEVERS) | set(scenario.levers.define)
    for j, item in enumerate(scenario.levers.compare):
        name = item.partition(":")[0].strip()
        if name not in levers:
            loc = ("levers", "compare", j)
            problems.append(
                (
                    _path(loc),
                    loc,
                    f"a built-in lever ({', '.join(BUILTIN_LEVERS)}) or one under [levers.define]",
                    repr(item),
                )
            )
    problems.extend(_ladder_problems(scenario, base_dir))
    problems.extend(_case_problems(scenario, base_dir))
    problems.extend(_deterrence_problems(scenario))
    problems.extend(_rule_problems(scenario))
    known = _known_iso3() if check_data else None
    if known is None:
        return problems
    known |= {a.iso3 for a in scenario.world.extra_actors}

    def check(code: str, loc: tuple[Any, ...]) -> None:
        if code not in known and code not in ("NATO", "ALL"):
            problems.append(
                (
                    _path(loc),
                    loc,
                    "an ISO3 code in the data snapshot (see `redline data show countries`)",
                    repr(code),
                )
            )

    for code in scenario.world.overrides:
        check(code, ("world", "overrides", code))
    for i, issue in enumerate(scenario.issues):
        for j, code in enumerate(issue.participants):
            check(code, ("issues", i, "participants", j))
        if issue.case is None:  # a case issue's overrides name the case's actors (_case_problems)
            for code in issue.overrides:
                check(code, ("issues", i, "overrides", code))
    for j, code in enumerate(scenario.deterrence.targets):
        check(code, ("deterrence", "targets", j))
    check(scenario.deterrence.challenger, ("deterrence", "challenger"))
    if scenario.deterrence.restraint is not None:
        check(scenario.deterrence.restraint.target, ("deterrence", "restraint", "target"))
    for name, lever in scenario.levers.define.items():
        for field in ("willingness", "capability", "willingness_shift"):
            for code in getattr(lever, field):
                check(code, ("levers", "define", name, field, code))
    return problems


def _ladder_problems(scenario: Scenario, base_dir: Path) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """The escalation ladder must be one the escalation model accepts."""
    spec = scenario.escalation
    if spec is None:
        return []
    try:
        ladder_of(spec, base_dir)
    except RedlineError as exc:
        loc = ("escalation", "ladder") if spec.ladder is not None else ("escalation", "file")
        return [(_path(loc), loc, "a valid escalation ladder", str(exc))]
    return []


def _case_problems(scenario: Scenario, base_dir: Path) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Each case file must be a valid backtest case; overrides must name its actors."""
    problems = []
    for i, issue in enumerate(scenario.issues):
        if issue.case is None:
            continue
        try:
            case = _load_case(issue, base_dir)
        except RedlineError as exc:
            loc = ("issues", i, "case")
            expected = "a valid backtest case file (relative to the scenario file; format: docs/backtest.md)"
            problems.append((_path(loc), loc, expected, str(exc)))
            continue
        keys = [a.key for a in case.actors]
        for key in issue.overrides:
            if key not in keys:
                loc = ("issues", i, "overrides", key)
                problems.append(
                    (_path(loc), loc, f"an actor of the case file ({', '.join(keys)})", repr(key))
                )
    return problems


def _rule_problems(scenario: Scenario) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Each issue's rule parameters must be ones its rule takes."""
    try:
        from redline.decisions.rules import get_rule
    except ImportError:
        return []
    problems = []
    for i, issue in enumerate(scenario.issues):
        if issue.case is not None:  # the case's rule (read with the case)
            continue
        try:
            get_rule(issue.rule, **issue.rule_params)
        except (RedlineError, TypeError, ValueError) as exc:
            loc = ("issues", i, "rule_params")
            problems.append((_path(loc), loc, f"parameters of the rule {issue.rule}", str(exc)))
    return problems


def _deterrence_problems(scenario: Scenario) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """Deterrence parameters and lever arguments must be ones the deterrence model knows."""
    try:
        from redline.deterrence.coding import DEFAULTS, resolve_params
        from redline.deterrence.levers import parse_lever
    except ImportError:  # the deterrence model is not installed: nothing to check against
        return []
    problems = []
    try:
        resolve_params(scenario.deterrence.params)
    except RedlineError as exc:
        loc = ("deterrence", "params")
        problems.append((_path(loc), loc, f"parameters from {', '.join(DEFAULTS)}", str(exc)))
    for j, item in enumerate(scenario.levers.compare):
        if ":" in item and item.partition(":")[0].strip() in BUILTIN_LEVERS:
            try:
                parse_lever(item)
            except RedlineError as exc:
                loc = ("levers", "compare", j)
                problems.append(
                    (_path(loc), loc, "name:parameter=value,... with the lever's parameters", str(exc))
                )
    return problems


def ladder_of(spec: Escalation, base_dir: Path = Path(), as_of: str | None = None):  # noqa: ANN201
    """The :class:`redline.escalation.Ladder` of the ``[escalation]`` section (fitted when ``fit``)."""
    fitted = escalation_fit_of(spec, base_dir, as_of)
    if fitted is not None:
        return fitted.ladder
    return _base_ladder(spec, base_dir)


def _base_ladder(spec: Escalation, base_dir: Path):  # noqa: ANN202
    from redline.escalation import load_ladder, parse_ladder

    if spec.ladder is not None:
        return parse_ladder(spec.ladder, where="escalation.ladder")
    if spec.file is None:
        return None
    path = Path(spec.file)
    return load_ladder(path if path.is_absolute() else base_dir / path)


def escalation_fit_of(spec: Escalation, base_dir: Path = Path(), as_of: str | None = None):  # noqa: ANN201
    """The ladder fitted to the record (:class:`redline.escalation.fit.EscalationFit`) when the
    section says ``fit = true``, else ``None``. ``as_of``: the scenario's date (record cut-off)."""
    if not spec.fit:
        return None
    from redline.escalation.fit import fit_escalation

    base = _base_ladder(spec, base_dir)
    if base is not None:
        base = base.replace(observations=())
    return fit_escalation(
        None,
        base,
        retaliation=spec.retaliation,
        months=spec.steps or (base.steps if base else 12),
        as_of=as_of,
    )


def load_scenario(path: str | Path, check_data: bool = True) -> Scenario:
    """Read and validate a scenario file; every problem is reported in one :class:`ScenarioError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: cannot read the file ({exc})"]) from None
    return parse_scenario(text, source=str(path), check_data=check_data)


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the validated scenario (canonical JSON), so formatting changes don't change it.

    The contents of the case files its issues read are part of it (a changed case is another scenario).
    """
    data = scenario.model_dump(mode="json")
    cases = {issue.id: issue._case_digest for issue in scenario.issues if issue._case_digest}
    if cases:
        data["case_files_sha256"] = cases
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
