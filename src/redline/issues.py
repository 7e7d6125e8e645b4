"""Issues: each actor's position, salience and capability on one question, coded from the data.

An analyst codes an issue by hand in the classic expected-utility studies (Bueno de Mesquita 1994).
Redline derives a first coding from the World's indicators by documented rules and lets the scenario
override any actor, so every number that enters a model can be traced to data or to a named decision.

The rules (every coefficient is a named field of the scenario):

* **Position** on the 0-100 issue scale:
  ``position_i = low + (high - low) * sum_j |w_j| s_ij / sum_j |w_j|``, where ``s_ij`` is indicator
  ``j`` min-max rescaled to [0, 1] across the issue's actors, and a negative weight ``w_j`` counts the
  indicator in reverse (``1 - s_ij``). A missing indicator drops out of that actor's sums (its weight
  too) and is listed in the coding table; an actor with no indicator at all is an error unless an
  override gives its position.
* **Salience** (0-1): the same form, with ``low``/``high`` inside [0, 1] (default: the nearer Moscow,
  the more salient, from 0.3 to 0.9).
* **Capability** (relative): ``value ** exponent`` of one indicator (default NATO defence spending in
  USD, SIPRI military expenditure where NATO has none).

Indicators (per actor, for the World's year): see :data:`INDICATOR_DOCS`.

An issue with ``case = "file.toml"`` is not coded from the data: :func:`case_issue` takes its actors
table, scale, threshold and rule from a backtest case file (``docs/backtest.md``; the ``[outcome]``
table is never read), with the scenario's overrides and uncertainty on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.errors import RedlineError
from redline.frontline import FRONTLINE, frontline
from redline.scenario import (
    INDICATORS,
    CapabilityCoding,
    IssueSpec,
    IssueUncertainty,
    LinearCoding,
    WorldSpec,
    issue_case,
)

__all__ = [
    "INDICATOR_DOCS",
    "Issue",
    "apply_world_spec",
    "build_issue",
    "case_issue",
    "code_capability",
    "code_linear",
    "indicator_frame",
    "rescale",
]

INDICATOR_DOCS: dict[str, str] = {
    "ukraine_aid_pct_gdp": "Kiel tracker: total bilateral allocations to Ukraine, % of 2021 GDP",
    "ukraine_military_aid_pct_gdp": "Kiel: military allocations, % of 2021 GDP (total % x military/total)",
    "unga_ukraine": "UNGA ES-11 votes up to the year: mean of yes=1, abstain=0.5, no=0 (absent skipped)",
    "libdem": "V-Dem liberal democracy index v2x_libdem (0-1)",
    "frontline": FRONTLINE,
    "border_russia": "1 if land border with Russia",
    "border_belarus": "1 if land border with Belarus",
    "border_ukraine": "1 if land border with Ukraine",
    "distance_moscow_km": "great-circle distance from the capital to Moscow, km",
    "defence_pct_gdp": "NATO defence expenditure, % of GDP (latest NATO release)",
    "defence_usd": "NATO defence expenditure, current USD",
    "milex_usd": "SIPRI military expenditure, current USD",
    "gdp_usd": "World Bank GDP, current USD",
    "population": "World Bank population",
    "israel_arms_restriction": "strongest arms-export restriction on Israel in force (0 none recorded .. 4 embargo)",
}
assert set(INDICATOR_DOCS) == set(INDICATORS)

ASSUMED_WHERE_UNSEARCHED: dict[str, str] = {"israel_arms_restriction": "israel_arms_searched"}
"""Indicators whose 0 is an ASSUMPTION where a flag column of the World is 0 (the state was not
searched): the coding keeps the 0 (the models need a position) and names each such actor in
``Issue.coding["assumption"]``; the headlines count them."""


@dataclass(frozen=True)
class Issue:
    """One coded issue: the actors table that every model reads, and the coding that produced it."""

    id: str
    title: str
    status_quo: float
    proposal: float
    rule: str
    actors: ActorTable
    coding: pd.DataFrame
    """Per actor: indicators used, position/salience/capability, their source (coded|override), gaps."""
    uncertainty: IssueUncertainty = field(default_factory=IssueUncertainty)
    rule_params: dict[str, Any] = field(default_factory=dict)
    question: str = ""
    scale_0: str = ""
    scale_100: str = ""
    pass_threshold: float | None = None
    venue: Any = None
    """The :class:`redline.scenario.Venue` where the issue is really decided (None: the rule's body)."""
    source: dict[str, Any] = field(default_factory=lambda: {"kind": "coding"})
    """Where the actors come from: ``kind`` = ``coding`` (the data) or ``case`` (a backtest case file,
    with ``case_file``, ``case_id``, ``coding_date`` and a ``note`` for the report)."""

    @property
    def direction(self) -> int:
        """+1 if the proposal lies above the status quo, -1 below."""
        return 1 if self.proposal > self.status_quo else -1

    @property
    def members(self) -> list[str]:
        """The actors who vote under the rule."""
        flags = self.actors.member if self.actors.member is not None else np.ones(len(self.actors), bool)
        return [a for a, m in zip(self.actors.actor, flags, strict=True) if m]


def rescale(values: pd.Series) -> pd.Series:
    """Min-max rescale to [0, 1] over the non-missing values (all equal -> 0.5)."""
    lo, hi = values.min(skipna=True), values.max(skipna=True)
    if not np.isfinite(lo) or hi == lo:
        return values.where(values.isna(), 0.5)
    return (values - lo) / (hi - lo)


def code_linear(frame: pd.DataFrame, coding: LinearCoding) -> tuple[pd.Series, pd.Series]:
    """Apply a :class:`LinearCoding` to the indicator ``frame`` (rows = actors).

    Returns the coded values (NaN where every indicator is missing) and, per actor, the list of
    missing indicators as a comma-separated string.
    """
    numerator = pd.Series(0.0, index=frame.index)
    denominator = pd.Series(0.0, index=frame.index)
    missing = pd.Series("", index=frame.index, dtype=object)
    for name, weight in coding.weights.items():
        if weight == 0:
            continue
        column = frame[name] if name in frame else pd.Series(np.nan, index=frame.index)
        score = rescale(column.astype(float))
        if weight < 0:
            score = 1.0 - score
        have = score.notna()
        numerator += np.where(have, abs(weight) * score.fillna(0.0), 0.0)
        denominator += np.where(have, abs(weight), 0.0)
        missing[~have] = [f"{m},{name}".lstrip(",") for m in missing[~have]]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = numerator / denominator.where(denominator > 0)
    return coding.low + (coding.high - coding.low) * share, missing


def code_capability(frame: pd.DataFrame, coding: CapabilityCoding) -> tuple[pd.Series, pd.Series]:
    """Capability ``value ** exponent`` and, per actor, the indicator it came from (NaN if none)."""
    primary = frame.get(coding.indicator, pd.Series(np.nan, index=frame.index)).astype(float)
    source = pd.Series(np.where(primary.notna(), coding.indicator, ""), index=frame.index, dtype=object)
    if coding.fallback:
        backup = frame.get(coding.fallback, pd.Series(np.nan, index=frame.index)).astype(float)
        use = primary.isna() & backup.notna()
        primary = primary.where(~use, backup)
        source[use] = coding.fallback
    return primary**coding.exponent, source


def build_issue(
    spec: IssueSpec, indicators: pd.DataFrame, voters: list[str], base_dir: Path = Path()
) -> Issue:
    """Code ``spec`` for the ``voters`` (members of its body) plus its non-voting participants.

    ``indicators`` has one row per actor (index ISO3) and the columns of :data:`INDICATOR_DOCS`.
    Overrides win over the coding; every gap and override is written to :attr:`Issue.coding`.
    An issue with ``case`` is read from its case file instead (:func:`case_issue`; ``base_dir`` is the
    scenario file's folder, which ``case`` is relative to).
    """
    if spec.case is not None:
        return case_issue(spec, issue_case(spec, base_dir))
    assert spec.coding is not None and spec.title is not None  # guaranteed by IssueSpec
    assert spec.status_quo is not None and spec.proposal is not None
    names = list(dict.fromkeys([*voters, *spec.participants]))
    absent = [a for a in names if a not in indicators.index]
    if absent:
        raise RedlineError(
            f"issue {spec.id}: no data for {', '.join(absent)} in the world; add them under "
            "[[world.extra_actors]] or remove them from participants"
        )
    frame = indicators.loc[names]
    position, pos_missing = code_linear(frame, spec.coding.position)
    salience, sal_missing = code_linear(frame, spec.coding.salience)
    capability, cap_source = code_capability(frame, spec.coding.capability)
    member = pd.Series([a in voters for a in names], index=names)
    block_cost = pd.Series(spec.block_cost, index=names)
    used = list(dict.fromkeys([*spec.coding.position.weights, *spec.coding.salience.weights]))
    coding = frame[[c for c in used if c in frame]].copy()
    coding["position_coded"], coding["salience_coded"], coding["capability_coded"] = (
        position,
        salience,
        capability,
    )
    coding["capability_from"] = cap_source
    coding["missing"] = [
        ";".join(p for p in (f"position: {a}" if a else "", f"salience: {b}" if b else "") if p)
        for a, b in zip(pos_missing, sal_missing, strict=True)
    ]
    assumed = _assumed_unsearched(frame, spec)
    if any(assumed):  # only on issues coded from an indicator with unsearched states
        coding["assumption"] = assumed
    coding["override"] = ""
    if spec.statements is not None:
        _apply_statements(spec, coding, position, salience, base_dir)
    for iso3, override in spec.overrides.items():
        if iso3 not in frame.index:
            raise RedlineError(f"issue {spec.id}: override for {iso3}, which is not an actor of this issue")
        changed = []
        for name, series in (("position", position), ("salience", salience), ("capability", capability)):
            value = getattr(override, name)
            if value is not None:
                series[iso3] = value
                changed.append(f"{name}={value:g}")
        if override.block_cost is not None:
            block_cost[iso3] = override.block_cost
            changed.append(f"block_cost={override.block_cost:g}")
        if override.member is not None:
            member[iso3] = override.member
            changed.append(f"member={override.member}")
        coding.loc[iso3, "override"] = ", ".join(changed) + (
            f" ({override.reason})" if override.reason else ""
        )
    for name, series in (("position", position), ("salience", salience), ("capability", capability)):
        gaps = series[series.isna()]
        if not gaps.empty:
            hint = (
                "; or code capability from another indicator, e.g. [issues.coding.capability] "
                'fallback = "gdp_usd"'
                if name == "capability"
                else ""
            )
            raise RedlineError(
                f"issue {spec.id}: no data to code the {name} of {', '.join(gaps.index)}; "
                f"give it under [issues.overrides.{gaps.index[0]}]{hint}"
            )
    coding["position"], coding["salience"], coding["capability"] = position, salience, capability
    coding["member"] = member.astype(int)
    columns = {
        "actor": names,
        "position": position.to_numpy(),
        "capability": capability.to_numpy(),
        "salience": salience.to_numpy(),
        "member": member.to_numpy().astype(int),
        "block_cost": block_cost.to_numpy(),
    }
    # population (for EU QMV) only when every actor has it: a gap must not become 0
    if "population" in frame and frame["population"].notna().all():
        columns["population"] = frame["population"].to_numpy()
    table = ActorTable.from_frame(pd.DataFrame(columns), source=f"issue {spec.id}")
    return Issue(
        id=spec.id,
        title=spec.title,
        status_quo=spec.status_quo,
        proposal=spec.proposal,
        rule=spec.rule,
        actors=table,
        coding=coding.reset_index(names="actor"),
        uncertainty=spec.uncertainty,
        rule_params=dict(spec.rule_params),
        question=spec.question,
        scale_0=spec.scale_0,
        scale_100=spec.scale_100,
        pass_threshold=spec.pass_threshold,
        venue=spec.venue,
    )


def _assumed_unsearched(frame: pd.DataFrame, spec: IssueSpec) -> list[str]:
    """Per actor, the indicators of the position/salience coding whose value is assumed (not searched)."""
    assert spec.coding is not None
    used = [*spec.coding.position.weights, *spec.coding.salience.weights]
    out = []
    for iso3 in frame.index:
        found = [
            f"{name} = {frame.loc[iso3, name]:g} assumed (not searched: ASSUMPTION)"
            for name, flag in ASSUMED_WHERE_UNSEARCHED.items()
            if name in used and flag in frame and frame.loc[iso3, flag] == 0
        ]
        out.append("; ".join(dict.fromkeys(found)))
    return out


def _apply_statements(
    spec: IssueSpec, coding: pd.DataFrame, position: pd.Series, salience: pd.Series, base_dir: Path
) -> None:
    """Put the statement coding of ``spec.statements`` in ``position``/``salience`` (in place), and
    both codings side by side in ``coding``: ``basis``, ``position_data``, ``salience_data``,
    ``position_statement``, ``salience_statement``, ``statement_date``, ``statement_source`` and
    ``disagreement`` (:func:`redline.statements.disagreement`). Actors without a statement keep the
    data coding (``basis`` = ``data (no statement found)``)."""
    from redline.statements import disagreement, load_statements

    assert spec.statements is not None and spec.status_quo is not None and spec.proposal is not None
    path = base_dir / spec.statements.file
    statements = load_statements(path, spec.statements.decided, issue=spec.id)
    coding["position_data"], coding["salience_data"] = position.copy(), salience.copy()
    coding["basis"] = "data (no statement found)"
    for name in ("position_statement", "salience_statement"):
        coding[name] = np.nan
    for name in ("statement_date", "statement_source", "disagreement"):
        coding[name] = ""
    # Collected per column, then written once per column (a cell-by-cell .loc costs ≈ 1 ms a cell);
    # a later statement of the same actor wins, compared with the coding its predecessor left.
    now = {"position": position.to_dict(), "salience": salience.to_dict()}
    cells: dict[str, dict[str, Any]] = {
        name: {}
        for name in (
            "position_statement",
            "salience_statement",
            "statement_date",
            "statement_source",
            "basis",
            "disagreement",
        )
    }
    for st in statements:
        if st.actor not in coding.index:
            raise RedlineError(
                f"{path}:{st.line}: actor: expected an actor of issue {spec.id} "
                f"({', '.join(coding.index)}); found {st.actor!r}"
            )
        cells["position_statement"][st.actor] = st.position
        cells["salience_statement"][st.actor] = st.salience
        cells["statement_date"][st.actor] = st.date.isoformat()
        cells["statement_source"][st.actor] = st.source
        cells["basis"][st.actor] = f"statement {st.date.isoformat()}"
        cells["disagreement"][st.actor] = disagreement(
            float(now["position"][st.actor]),
            float(now["salience"][st.actor]),
            st.position,
            st.salience,
            spec.status_quo,
            spec.proposal,
        )
        now["position"][st.actor], now["salience"][st.actor] = st.position, st.salience
    if not statements:
        return
    for name, values in cells.items():
        actors = list(values)
        coding.loc[actors, name] = list(values.values())
    actors = list(cells["position_statement"])
    position[actors] = [now["position"][a] for a in actors]
    salience[actors] = [now["salience"][a] for a in actors]


def case_issue(spec: IssueSpec, case: Any) -> Issue:
    """The issue of a backtest case (:class:`redline.backtest.Case`), with the spec's overrides.

    The actors table is :meth:`Case.actor_table` (``veto`` and ``member`` columns from the case), the
    pass threshold the case's ``adopted_threshold``, and the rule :func:`redline.backtest.method.case_rule`
    (the backtest's mapping: a single government's decider, a coalition's ``required_resources``).
    ``spec.overrides`` (by actor key) change position, salience, capability, block cost or membership.
    """
    from redline.backtest.method import case_rule

    frame = case.actor_frame()
    frame["override"] = ""
    keys = list(frame["actor"])
    for key, override in spec.overrides.items():
        if key not in keys:
            raise RedlineError(
                f"issue {spec.id}: override for {key}, which is not an actor of the case {case.id}"
            )
        row = keys.index(key)
        changed = []
        for name in ("position", "salience", "capability", "block_cost"):
            value = getattr(override, name)
            if value is not None:
                frame.loc[row, name] = float(value)
                changed.append(f"{name}={value:g}")
        if override.member is not None:
            frame.loc[row, "member"] = int(override.member)
            changed.append(f"member={override.member}")
        frame.loc[row, "override"] = ", ".join(changed) + (f" ({override.reason})" if override.reason else "")
    table = ActorTable.from_frame(frame.drop(columns="override"), source=f"issue {spec.id} ({case.path})")
    coding = frame[["actor", "position", "salience", "capability", "veto", "member", "block_cost"]].copy()
    coding.insert(1, "name", [a.name for a in case.actors])
    coding["missing"] = ""
    coding["override"] = frame["override"]
    coding["source_after_coding_date"] = [int(a.source_after_coding_date) for a in case.actors]
    coding["source"] = [a.source for a in case.actors]
    coding["justification"] = [a.justification for a in case.actors]
    rule = case_rule(case)
    note = (
        f"Actors, scale, threshold and rule from the backtest case file {spec.case} "
        f"(case {case.id}, coded as of {case.coding_date.isoformat()}), not from the World's data; "
        "the case's [outcome] is not read."
    )
    return Issue(
        id=spec.id,
        title=spec.title or case.title,
        status_quo=case.status_quo,
        proposal=case.proposal,
        rule=rule.name,
        actors=table,
        coding=coding,
        uncertainty=spec.uncertainty,
        rule_params=rule.params(),
        question=case.question,
        scale_0=case.scale_0,
        scale_100=case.scale_100,
        pass_threshold=case.pass_threshold,
        source={
            "kind": "case",
            "case_file": spec.case,
            "case_id": case.id,
            "case_title": case.title,
            "coding_date": case.coding_date.isoformat(),
            "decision_date": case.decision_date.isoformat(),
            "note": note,
        },
    )


def indicator_frame(world, spec: WorldSpec | None = None) -> pd.DataFrame:  # noqa: ANN001 - World is duck-typed
    """One row per actor of ``world`` (index ISO3), one column per indicator of :data:`INDICATOR_DOCS`.

    ``spec`` applies the scenario's ``[world.overrides]`` and ``[[world.extra_actors]]``.
    """
    actors = world.actors
    out = pd.DataFrame(index=actors.index.astype(str))
    out.index.name = "iso3"

    def col(*names: str) -> pd.Series:
        for name in names:
            if name in actors.columns:
                return pd.to_numeric(actors[name], errors="coerce").astype(float)
        return pd.Series(np.nan, index=actors.index)

    out["ukraine_aid_pct_gdp"] = col("ukraine_aid_pct_gdp", "ukraine_aid_total_pct_gdp")
    mil = col("ukraine_aid_military_eur_bn", "ukraine_aid_eur_bn_military", "military_alloc_eur_bn")
    tot = col(
        "ukraine_aid_total_eur_bn", "ukraine_aid_eur_bn_total", "ukraine_aid_eur_bn", "total_alloc_eur_bn"
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["ukraine_military_aid_pct_gdp"] = out["ukraine_aid_pct_gdp"] * (mil / tot.where(tot > 0)).where(
            tot > 0, 0.0
        )
    votes = [c for c in actors.columns if str(c).startswith("unga_es11_")]
    if votes:
        score = actors[votes].replace({"Y": 1.0, "A": 0.5, "N": 0.0, "X": np.nan})
        out["unga_ukraine"] = score.apply(pd.to_numeric, errors="coerce").mean(axis=1, skipna=True)
    else:
        out["unga_ukraine"] = col("unga_ukraine", "unga_yes_share")
    out["libdem"] = col("libdem", "v2x_libdem")
    out["border_russia"] = col("border_russia", "land_border_russia")
    out["border_belarus"] = col("border_belarus", "land_border_belarus")
    out["border_ukraine"] = col("border_ukraine", "land_border_ukraine")
    out["frontline"] = frontline(out)
    out["distance_moscow_km"] = col("distance_moscow_km", "dist_moscow_km")
    out["defence_pct_gdp"] = col("defence_pct_gdp")
    out["defence_usd"] = col("defence_usd", "defence_usd_millions", "defence_usd_current_millions")
    out["milex_usd"] = col("milex_usd", "milex_usd_millions", "milex_current_usd_millions")
    out["gdp_usd"] = col("gdp_usd", "gdp_current_usd")
    out["population"] = col("population")
    out["israel_arms_restriction"] = col("israel_arms_restriction")
    out["israel_arms_searched"] = col("israel_arms_searched")  # a flag, not an indicator to code with
    if spec is not None:
        out = apply_world_spec(out, spec)
    return out


def apply_world_spec(frame: pd.DataFrame, spec: WorldSpec) -> pd.DataFrame:
    """Add extra actors and apply indicator overrides (a new frame; the input is not changed)."""
    frame = frame.copy()
    for extra in spec.extra_actors:
        unknown = [k for k in extra.indicators if k not in INDICATORS]
        if unknown:
            raise RedlineError(
                f"world.extra_actors {extra.iso3}: unknown indicator(s) {', '.join(unknown)}; "
                f"expected {', '.join(INDICATORS)}"
            )
        frame.loc[extra.iso3] = np.nan
        for key, value in extra.indicators.items():
            frame.loc[extra.iso3, key] = value
    for iso3, values in spec.overrides.items():
        unknown = [k for k in values if k not in INDICATORS]
        if unknown:
            raise RedlineError(
                f"world.overrides.{iso3}: unknown indicator(s) {', '.join(unknown)}; expected {', '.join(INDICATORS)}"
            )
        if iso3 not in frame.index:
            raise RedlineError(f"world.overrides.{iso3}: {iso3} is not an actor of the world")
        for key, value in values.items():
            frame.loc[iso3, key] = value
    return frame
