"""The challenger per target, on a given day: its stakes, the forces it can bring, and allies' resolve.

Everything here reads the deterrence tables of the data snapshot (``military_personnel``,
``forward_presence``, ``pew_defend_ally``, ``challenger_stakes``, ``challenger_commitments``,
``declared_positions``) *as of a date*: a fact or figure dated after the day is never used, so the
retrodiction backtest can code each year with what was known then. Each function returns its value
with the rows it rests on, so every number printed can be traced.

**Stakes (value of the prize), in units of V** (all weights are assumptions, named in
:data:`redline.deterrence.coding.DEFAULTS`)::

    V_T = v_former_soviet | v_other | v_ally      (base: a former-Soviet state outside Russia's
                                                    alliances / any other state / Russia's own ally)
        + v_turned  · [a pro-Western change of government within window_years]
        + v_align   · [the latest alignment move within window_years is toward NATO or the EU]
        + v_claim   · [a stated Russian claim within window_years]
        − v_held    · [territory already held: the status quo gives part of the prize]     (≥ 0)

**Forces in the first days (fait accompli)**, in thousands of active personnel::

    available = max(personnel_RUS − committed elsewhere, 0) · theatre_share
    C_local   = available                 when T borders Russia or Belarus (a land route)
              = stationed + access_no_land · available    otherwise (through whom: the route row)
    T_local   = personnel_T + allied forward presence on T

The local ratio C_local / T_local at or above ``fa_ratio`` means the challenger could seize ground
before reinforcements arrive: the response must then retake it (``force_ratio_retake`` instead of
``force_ratio``).

**Resolve** of ally k toward target T: Pew's share saying their country should defend an ally
attacked by Russia (the ally's own latest figure moved by the change of the cross-country median
since, or the latest median; before any survey ``w_no_survey``); ``w_tripwire`` for an ally leading
forward-deployed forces on T; for a non-member, ``w_nonmember`` unless the ally declared a
commitment (``w_declared``). Arming a protégé is not intervening for it: aid does not enter w.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from redline.errors import RedlineError

__all__ = [
    "CHALLENGER",
    "at_war_note",
    "Stakes",
    "Balance",
    "as_date",
    "tables",
    "status",
    "stakes",
    "balance",
    "personnel",
    "age_note",
    "carried_personnel",
    "willingness",
    "attack_dates",
]

CHALLENGER = "RUS"
STATUS_TEXT = {
    "deterrence": "deterrence of an attack",
    "escalation": "at limited war: escalation to a full-scale attack",
    "continuation": "at war: continuation of the war (not a deterrence target)",
}


def as_date(value: Any) -> dt.date:
    """A ``datetime.date`` from a date, a ``YYYY-MM-DD`` text or a pandas timestamp."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RedlineError(f"date must be YYYY-MM-DD, got {value!r}") from None


@lru_cache(maxsize=4)
def _tables(snapshot: str | None) -> dict[str, pd.DataFrame]:
    from redline.data import load_table

    names = (
        "military_personnel",
        "forward_presence",
        "pew_defend_ally",
        "challenger_stakes",
        "challenger_commitments",
        "declared_positions",
    )
    out = {}
    for name in names:
        try:
            out[name] = load_table(name, snapshot)
        except RedlineError as exc:
            raise RedlineError(
                f"deterrence table {name!r} is not in the data snapshot ({exc}); rebuild it with "
                "python -m redline.data.build"
            ) from None
    return out


def tables(snapshot: str | None = None) -> dict[str, pd.DataFrame]:
    """The deterrence tables of the active snapshot (cached; do not modify)."""
    return _tables(None if snapshot is None else str(snapshot))


def _active(
    frame: pd.DataFrame, date: dt.date, start: str = "start_date", end: str = "end_date"
) -> pd.DataFrame:
    """Rows whose [start, end] spell contains ``date`` (an open end runs on)."""
    s = frame[start]
    e = frame[end]
    mask = [(a <= date) and (b is None or pd.isna(b) or date <= b) for a, b in zip(s, e, strict=True)]
    return frame[np.asarray(mask, dtype=bool)]


@lru_cache(maxsize=8)
def _by_iso3(snapshot: str | None, name: str, column: str) -> dict[str, pd.DataFrame]:
    t = tables(snapshot)[name]
    return {str(k): g for k, g in t.groupby(column)}


def _facts(iso3: str, date: dt.date, snapshot: str | None = None) -> pd.DataFrame:
    t = _by_iso3(snapshot, "challenger_stakes", "iso3").get(
        iso3, tables(snapshot)["challenger_stakes"].iloc[:0]
    )
    return _active(t, date)


def attack_dates(snapshot: str | None = None) -> pd.DataFrame:
    """The attacks of the record (``kind = attack``): iso3, date, fact, source."""
    t = tables(snapshot)["challenger_stakes"]
    return t[t["kind"] == "attack"][["iso3", "start_date", "fact", "source"]].rename(
        columns={"start_date": "date"}
    )


def status(target: str, date: Any, snapshot: str | None = None) -> str:
    """``deterrence`` | ``escalation`` (at limited war) | ``continuation`` (at full war) on ``date``."""
    if target == CHALLENGER:
        raise RedlineError(f"target {target}: the challenger cannot be its own deterrence target")
    kinds = set(_facts(target, as_date(date), snapshot)["kind"])
    if "at_war_full" in kinds:
        return "continuation"
    if "at_war" in kinds:
        return "escalation"
    return "deterrence"


def at_war_note(target: str, date: Any, snapshot: str | None = None) -> str:
    """The dated fact behind the continuation question, for the output: since when, what, source.

    The decision itself is :func:`status` (``continuation``) and ``DeterrenceGame.at_war``; this only
    words it, so that no P(failure) is ever shown for the target without saying why.
    """
    facts = _facts(target, as_date(date), snapshot)
    row = facts[facts["kind"] == "at_war_full"]
    if row.empty:
        return f"{target} is not at full war on {as_date(date)}"
    r = row.iloc[0]
    return (
        f"{target} at war since {pd.Timestamp(r['start_date']).date()} ({r['fact']}; source: {r['source']}): "
        "deterrence already failed, so no P(failure) is computed (docs/deterrence.md, 'The question')"
    )


@dataclass(frozen=True)
class Stakes:
    """The challenger's value of the prize and the dated facts behind it."""

    value: float
    terms: dict[str, float]
    facts: tuple[str, ...]
    russian_ally: bool


def stakes(target: str, date: Any, p: Mapping[str, float], snapshot: str | None = None) -> Stakes:
    """V_T on ``date`` (see the module docstring); ``terms`` holds each counted term."""
    date = as_date(date)
    facts = _facts(target, date, snapshot)
    since = date - dt.timedelta(days=round(365.25 * p["window_years"]))
    kinds = set(facts["kind"])
    recent = facts[np.asarray([s >= since for s in facts["start_date"]], dtype=bool)]
    ally = "russian_ally" in kinds
    terms: dict[str, float] = {}
    if ally:
        terms["base (Russia's ally: the status quo gives the prize)"] = p["v_ally"]
    elif "former_soviet" in kinds:
        terms["base (former-Soviet state)"] = p["v_former_soviet"]
    else:
        terms["base (other state)"] = p["v_other"]
    window = f"within {p['window_years']:g} y"
    for kind, coef in (("government_turned", "v_turned"), ("claim", "v_claim")):
        if kind in set(recent["kind"]):
            terms[f"{kind} {window}"] = p[coef]
    toward = _alignment(recent)
    if toward is True:
        terms[f"alignment_move {window}"] = p["v_align"]
    elif toward is False and "alignment_move" in set(recent["kind"]):
        terms[f"alignment_move {window}, undone by a later alignment_away"] = 0.0
    if "occupied_territory" in kinds:
        terms["territory already held"] = -p["v_held"]
    value = max(sum(terms.values()), 0.0)
    used = facts[facts["kind"].isin(["former_soviet", "russian_ally", "occupied_territory"])]
    moves = ["government_turned", "alignment_move", "alignment_away", "claim"]
    shown = pd.concat([used, recent[recent["kind"].isin(moves)]])
    text = tuple(f"{r.start_date} {r.kind}: {r.fact}" for r in shown.itertuples(index=False))
    return Stakes(value, terms, text, ally)


def _alignment(recent: pd.DataFrame) -> bool | None:
    """Direction of the latest alignment move in ``recent``: True toward NATO/EU, False away, None none.

    Moves are read both ways (session 8): a move toward the West (``alignment_move``) raises the
    stakes only if no later move away from it (``alignment_away``: a government suspending accession,
    the EU halting it) falls in the window. Moves on the same latest day cancel (None).
    """
    moves = recent[recent["kind"].isin(["alignment_move", "alignment_away"])]
    if moves.empty:
        return None
    last = moves[moves["start_date"] == max(moves["start_date"])]
    kinds = set(last["kind"])
    return None if len(kinds) > 1 else kinds == {"alignment_move"}


def personnel(iso3: str, date: Any, snapshot: str | None = None) -> tuple[float, str]:
    """Latest active personnel (thousands) with a year ≤ the date's year, and where it came from.

    NaN with ``"missing"`` when no figure exists by then: a gap, never zero.
    """
    value, source, _year = _personnel(iso3, as_date(date).year, snapshot)
    return value, source


def carried_personnel(iso3: str, date: Any, snapshot: str | None = None) -> list[dict[str, Any]]:
    """``[row]`` when the personnel figure :func:`personnel` uses for ``date`` is of an earlier year (carried
    forward; a row of :attr:`Balance.dated`), else ``[]``."""
    year = as_date(date).year
    _value, source, used = _personnel(iso3, year, snapshot)
    if used is None or used >= year:
        return []
    return [_dated(iso3, "personnel_k", "military_personnel", used, year, source)]


def age_note(what: str, year_used: int, year: int, source: str) -> str:
    """"RUS personnel: figure of 2022 (Statista …, Feb 2022), 3 years old for 2025"."""
    years = year - year_used
    return f"{what}: figure of {year_used} ({source}), {years} year{'s' if years != 1 else ''} old for {year}"


@lru_cache(maxsize=8192)
def _personnel(iso3: str, year: int, snapshot: str | None) -> tuple[float, str, int | None]:
    t = _by_iso3(snapshot, "military_personnel", "iso3").get(iso3)
    rows = None if t is None else t[t["year"] <= year]
    if rows is None or rows.empty:
        return math.nan, "missing", None
    row = rows.sort_values("year").iloc[-1]
    used = int(row["year"])
    return float(row["personnel_k"]), source_label(str(row["release"]), used), used


def source_label(release: str, year: int) -> str:
    """``release`` followed by the figure's year, unless the release already names that year.

    "NATO Table 7" + 2023 -> "NATO Table 7 2023"; "Felgenhauer estimate 2008" + 2008 stays as it is
    (was "... 2008 2008").
    """
    return release if re.search(rf"(?<!\d){year}(?!\d)", release) else f"{release} {year}"


def forward_presence(
    target: str, date: Any, snapshot: str | None = None
) -> tuple[float, list[str], list[str]]:
    """Allied forces forward-deployed on ``target`` (thousands), their lead nations, and gaps.

    For each lead nation the newest figure dated by then counts (a later unit without a strength,
    such as the Lithuania brigade at activation, keeps the previous figure and is flagged).
    """
    date = as_date(date)
    t = tables(snapshot)["forward_presence"]
    rows = _active(t[t["host_iso3"] == target], date).sort_values("start_date")
    total, leads, gaps = 0.0, [], []
    for lead, group in rows.groupby("lead_iso3"):
        leads.append(str(lead))
        known = group[group["personnel_k"].notna()]
        if len(known) < len(group):
            gaps.append(
                f"{lead} {group.iloc[-1]['unit']} on {target}: strength not in the sources, last figure kept"
            )
        if len(known):
            total += float(known.iloc[-1]["personnel_k"])
    return total, sorted(leads), gaps


@lru_cache(maxsize=512)
def committed(date: Any, snapshot: str | None = None, exclude: str | None = None) -> tuple[float, str]:
    """Russian personnel (thousands) committed to wars on ``date`` (outside theatre ``exclude``), and the fact.

    Cached (the tables are): a backtest asks it three times for each of a thousand (target, year) games.
    """
    t = _active(tables(snapshot)["challenger_commitments"], as_date(date))
    if exclude is not None:
        t = t[t["theatre"] != exclude]
    if t.empty:
        return 0.0, "none recorded"
    return float(t["personnel_k"].sum()), "; ".join(f"{r.theatre}: {r.fact}" for r in t.itertuples())


@lru_cache(maxsize=512)
def committed_since(date: Any, snapshot: str | None = None) -> tuple[tuple[str, dt.date], ...]:
    """The theatre and start date of each commitment counted on ``date`` (its figure dates from then)."""
    t = _active(tables(snapshot)["challenger_commitments"], as_date(date))
    return tuple((str(r.theatre), as_date(r.start_date)) for r in t.itertuples())


@dataclass(frozen=True)
class Balance:
    """The local balance in the first days (thousands of personnel) and how it was reached."""

    c_local: float
    t_local: float
    target_forces: float
    forward: float
    available: float
    land_route: bool
    route: str
    fait_accompli: bool
    notes: tuple[str, ...] = field(default=())
    gaps: tuple[str, ...] = field(default=())
    dated: tuple[dict[str, Any], ...] = field(default=())
    """Figures dated before the year they are used for (carried forward): iso3, indicator, table,
    year_used, year_wanted, source."""

    @property
    def ratio(self) -> float:
        """C_local / T_local (inf when T fields nothing known)."""
        return self.c_local / self.t_local if self.t_local > 0 else math.inf


def balance(
    target: str,
    date: Any,
    p: Mapping[str, float],
    world_row: Mapping[str, Any] | None = None,
    snapshot: str | None = None,
) -> Balance:
    """The first-days balance at ``target`` (module docstring); gaps are listed, never zeroed."""
    date = as_date(date)
    notes, gaps = [], []
    rus, rus_src = personnel(CHALLENGER, date, snapshot)
    if math.isnan(rus):
        raise RedlineError(
            f"{CHALLENGER} {date.year}: no military personnel figure by then (table military_personnel, "
            "data/sources/deterrence/military_personnel.csv)"
        )
    dated: list[dict[str, Any]] = [*carried_personnel(CHALLENGER, date, snapshot)]
    busy, busy_src = committed(date, snapshot)
    for theatre, since in committed_since(date, snapshot):
        if since.year < date.year:
            dated.append(
                _dated(CHALLENGER, f"committed_k ({theatre})", "challenger_commitments", since.year, date.year,
                       f"dated {since}")
            )
    here, _ = committed(date, snapshot)
    here -= committed(date, snapshot, exclude=target)[0]  # forces already fighting in T's own theatre
    available = max(rus - busy, 0.0) * p["theatre_share"]
    notes.append(
        f"{CHALLENGER} personnel {rus:,.0f}k ({rus_src}) − committed {busy:,.0f}k ({busy_src}) "
        f"× theatre_share {p['theatre_share']:g} = {available:,.1f}k available"
    )
    facts = _facts(target, date, snapshot)
    border = _land_border(target, world_row)
    stationed = facts[facts["kind"] == "stationed_troops"]
    route_rows = facts[facts["kind"] == "route_via"]
    route = route_rows.iloc[0]["fact"] if len(route_rows) else ("land border" if border else "no land border")
    if here > 0:
        notes.append(
            f"{CHALLENGER} forces already fighting in {target}: {here:,.0f}k count in the local balance"
        )
    if border:
        c_local = available + here
    else:
        on_site = float(stationed["value"].fillna(0.0).sum()) if len(stationed) else 0.0
        if len(stationed) and stationed["value"].isna().any():
            gaps.append(
                f"{target}: Russian troops stationed there, strength not in the sources (not counted)"
            )
        c_local = here + on_site + p["access_no_land"] * available
        notes.append(
            f"{target}: {route}; stationed {on_site:g}k + access_no_land {p['access_no_land']:g} × available"
        )
    t_own, t_src = personnel(target, date, snapshot)
    fwd, leads, fwd_gaps = forward_presence(target, date, snapshot)
    gaps.extend(fwd_gaps)
    if math.isnan(t_own):
        gaps.append(
            f"{target} {date.year}: no military personnel figure (military_personnel): its own forces are "
            "unknown, the balance is an upper bound for the challenger"
        )
        t_local = fwd
    else:
        t_local = t_own + fwd
        dated.extend(carried_personnel(target, date, snapshot))
        notes.append(
            f"{target} personnel {t_own:,.1f}k ({t_src})"
            + (f" + forward {fwd:g}k ({', '.join(leads)})" if fwd else "")
        )
    ratio = c_local / t_local if t_local > 0 else math.inf
    fa = ratio >= p["fa_ratio"]
    if fa:
        notes.append(
            f"fait accompli possible: local ratio {ratio:.1f} ≥ fa_ratio {p['fa_ratio']:g}; the response must "
            f"retake ground (force_ratio_retake {p['force_ratio_retake']:g})"
        )
    for row in dated:
        what = f"{row['iso3']} {row['indicator'].replace('_k', '')}"
        notes.append("old figure: " + age_note(what, row["year_used"], row["year_wanted"], row["source"]))
    return Balance(
        c_local, t_local, t_own, fwd, available, border, str(route), fa, tuple(notes), tuple(gaps), tuple(dated)
    )


def _dated(iso3: str, indicator: str, table: str, used: int, wanted: int, source: str) -> dict[str, Any]:
    """One figure carried forward: the row of :attr:`Balance.dated`."""
    return {"iso3": iso3, "indicator": indicator, "table": table, "year_used": used, "year_wanted": wanted,
            "source": source}


def _land_border(target: str, row: Mapping[str, Any] | None) -> bool:
    if row is None:
        from redline.data import load_table

        c = load_table("countries").set_index("iso3")
        if target not in c.index:
            raise RedlineError(f"target {target!r}: not in the countries table")
        row = c.loc[target]
    values = [row.get(k) for k in ("land_border_russia", "land_border_belarus")]
    return any(v is not None and not pd.isna(v) and int(v) == 1 for v in values)


def _pew(date: dt.date, snapshot: str | None) -> pd.DataFrame:
    t = tables(snapshot)["pew_defend_ally"]
    return t[np.asarray([d <= date for d in t["published"]], dtype=bool)]


@lru_cache(maxsize=512)
def _public_resolve(
    date: dt.date, snapshot: str | None
) -> tuple[dict[str, tuple[float, str]], tuple[float, str] | None]:
    """Per-ally Pew-derived w on ``date`` and the fallback (latest median), both with their basis."""
    pew = _pew(date, snapshot)
    medians = pew[pew["iso3"] == "MEDIAN"].sort_values("survey_year")
    if medians.empty:
        return {}, None
    latest = medians.iloc[-1]
    out: dict[str, tuple[float, str]] = {}
    for iso3, own in pew[pew["iso3"] != "MEDIAN"].groupby("iso3"):
        o = own.sort_values("survey_year").iloc[-1]
        then = medians[medians["survey_year"] == o["survey_year"]]
        shift = 0.0
        if len(then) and latest["survey_year"] > o["survey_year"]:
            shift = float(logit(latest["share_yes"]) - logit(then.iloc[0]["share_yes"]))
        basis = f"Pew {o['survey_year']} {o['share_yes']:.2f}" + (
            f" moved {shift:+.2f} logit with the median to {latest['survey_year']}" if shift else ""
        )
        out[str(iso3)] = (float(expit(logit(o["share_yes"]) + shift)), basis)
    return out, (float(latest["share_yes"]), f"Pew {latest['survey_year']} median")


def willingness(
    target: str,
    allies: list[str],
    date: Any,
    member: bool,
    p: Mapping[str, float],
    snapshot: str | None = None,
) -> pd.DataFrame:
    """Per-ally willingness w_k on ``date`` with its basis (see the module docstring)."""
    date = as_date(date)
    own, median = _public_resolve(date, snapshot)
    _, leads, _ = forward_presence(target, date, snapshot)
    decl = _active(tables(snapshot)["declared_positions"], date)
    decl = decl[decl["target_iso3"] == target]
    rows = []
    for ally in allies:
        if member:
            if ally in own:
                w, basis = own[ally]
            elif median is not None:
                w, basis = median[0], f"{median[1]} (no figure for {ally})"
            else:
                w, basis = p["w_no_survey"], "no Pew survey yet: w_no_survey (assumption)"
            if ally in leads:
                w, basis = max(w, p["w_tripwire"]), basis + f"; leads forward forces on {target}: w_tripwire"
        else:
            d = decl[decl["ally_iso3"] == ally]
            if (d["position"] == "commitment").any():
                w, basis = p["w_declared"], "declared commitment: " + d.iloc[0]["fact"]
            else:
                w, basis = (
                    p["w_nonmember"],
                    "no treaty obligation: w_nonmember"
                    + (" (declared: " + d.iloc[0]["fact"] + ")" if len(d) else ""),
                )
        rows.append({"ally": ally, "w": w, "w_basis": basis})
    return pd.DataFrame(rows, columns=["ally", "w", "w_basis"])
