"""Coding a deterrence game from the data on one day: allies, forces, resolve, stakes, payoffs.

The rules live in :mod:`redline.deterrence.challenger` (stakes, forces in the first days, resolve);
this module assembles them into a :class:`~redline.deterrence.spec.DeterrenceGame`:

* **Allies.** For a NATO member T on the day: every other member (Article 5). For a non-member:
  the NATO members as a coalition of the willing (no treaty obligation: ``w_nonmember``, unless a
  declared commitment). A state at war is answered as escalation (limited war under way) or
  continuation (full war) and the game says so; the challenger is never its own target.
* **Capability shares** a_k ∝ personnel^x · spending^(1−x) (x = ``personnel_weight``; NATO Table 7
  personnel, NATO or SIPRI spending); an ally with neither figure is left out and listed as a gap.
* **Threshold.** The response must bring the defenders to ``force_ratio`` × the challenger's forces
  in the first days (``force_ratio_retake`` when a fait accompli is possible): it must field
  R = max(ratio·C_local − T_local, 0) thousand personnel, θ = R / Σ allied personnel. With
  ``us_key = 1`` the US must respond (enablers, nuclear umbrella): the game's ``key`` is the US, so
  κ = P(US resolute ∧ the resolute allies reach θ) (models.md §3.3, key ally, as an exact conjunction).
* **Payoffs.** V = ``V`` × V_T (stakes on the day), p_L = C^ψ/(C^ψ + T^ψ), p_W = C^ψ/(C^ψ + T^ψ +
  R^ψ) on first-days personnel; k_L, k_W are assumptions, reported as such.

Every default below is a judgement unless its description names a source; change any with
``params``. :func:`tornado` swings the ones that drive the answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from redline.deterrence import challenger as ch
from redline.deterrence.game import contest_success
from redline.deterrence.spec import DeterrenceGame, Economy
from redline.errors import RedlineError

__all__ = [
    "DEFAULTS",
    "DESCRIPTIONS",
    "ASSUMED",
    "ForceEconomy",
    "code_game",
    "from_world",
    "resolve_params",
    "tornado",
    "TORNADO_SWINGS",
]

DEFAULTS: dict[str, float] = {
    "v_former_soviet": 0.5,
    "v_other": 0.1,
    "v_ally": 0.05,
    "v_turned": 0.5,
    "v_align": 0.3,
    "v_claim": 0.3,
    "v_held": 0.4,
    "window_years": 2.0,
    "V": 1.0,
    "k_L": 0.3,
    "k_W": 1.5,
    "theatre_share": 0.33,
    "access_no_land": 0.01,
    "force_ratio": 1.0,
    "force_ratio_retake": 3.0,
    "fa_ratio": 3.0,
    "psi": 1.0,
    "personnel_weight": 0.5,
    "theta_no_data": 0.1,
    "w_no_survey": 0.5,
    "w_tripwire": 0.9,
    "w_nonmember": 0.02,
    "w_declared": 0.5,
    "us_key": 0.0,
    "us_key_nonmember": 1.0,
    "treat_as_member": 0.0,
    "rho": 0.5,
    "lambda_c": 0.0,
    "delta": 0.001,
    "theta": math.nan,
    "p_L": math.nan,
    "p_W": math.nan,
}
"""Default coding parameters (override any by name)."""

DESCRIPTIONS: dict[str, str] = {
    "v_former_soviet": "value of a former-Soviet state outside Russia's alliances (assumption, units of V)",
    "v_other": "value of any other state (assumption)",
    "v_ally": "value of Russia's own ally: the status quo already gives the prize (assumption)",
    "v_turned": "added for a pro-Western change of government within window_years (assumption)",
    "v_align": "added when the latest alignment move within window_years is toward NATO/EU (assumption)",
    "v_claim": "added for a stated Russian claim within window_years (assumption)",
    "v_held": "subtracted when Russia already holds territory of the target (assumption)",
    "window_years": "how long a move or claim raises the stakes (assumption)",
    "V": "scale of the challenger's prize (V = V × stakes)",
    "k_L": "challenger's cost of a limited war against T alone (assumption, units of V)",
    "k_W": "challenger's cost of war with the alliance incl. escalation risk (assumption)",
    "theatre_share": "share of Russia's uncommitted personnel one strategic direction can use (assumption)",
    "access_no_land": "share of that force usable without a land route: airlift over a third state (assumption)",
    "force_ratio": "defenders must reach this multiple of the challenger's local forces (assumption)",
    "force_ratio_retake": "multiple needed to retake ground after a fait accompli (3:1 rule of thumb)",
    "fa_ratio": "local ratio in the first days at which a fait accompli is possible (assumption)",
    "psi": "exponent of the contest-success function",
    "personnel_weight": "weight of personnel vs spending in capability shares (assumption)",
    "theta_no_data": "θ when no ally has a personnel figure (assumption, flagged)",
    "w_no_survey": "w of an ally before any Pew survey (assumption)",
    "w_tripwire": "w of an ally leading forward-deployed forces on the target (assumption)",
    "w_nonmember": "w toward a non-member: no ally fought Russia for one 2000-2025 (assumption)",
    "w_declared": "w of an ally that declared a commitment to a non-member (assumption)",
    "us_key": "1 = an effective response for a member needs the US (enablers, nuclear umbrella)",
    "us_key_nonmember": "1 = no coalition intervenes for a non-member without the US (assumption)",
    "treat_as_member": "1 = code a non-member as if Article 5 covered it (counterfactual)",
    "rho": "correlation of allies' resolve (one-factor copula; swept in the tornado)",
    "lambda_c": "logit precision of the challenger (0 = PBE step rule)",
    "delta": "capability unit of the exact DP",
    "theta": "override θ_T; NaN = derived",
    "p_L": "override p_L; NaN = contest function on first-days personnel",
    "p_W": "override p_W; NaN = contest function on first-days personnel",
}

ASSUMED = ("V", "k_L", "k_W", "theatre_share", "force_ratio", "w_nonmember", "rho")

_GAME_FIELDS = ("k_L", "k_W", "rho")
"""Assumptions that map one-to-one onto a field of the game (the tornado swings them without recoding)."""

TORNADO_SWINGS: dict[str, tuple[float, float]] = {
    "rho": (0.0, 0.9),
    "k_L": (0.15, 0.6),
    "k_W": (0.75, 3.0),
    "theatre_share": (0.2, 0.5),
    "force_ratio": (0.5, 2.0),
    "v_former_soviet": (0.25, 0.75),
    "v_held": (0.2, 0.6),
    "w_nonmember": (0.0, 0.1),
    "w_tripwire": (0.7, 0.99),
    "us_key": (0.0, 1.0),
}
"""Low and high values of the assumptions that drive the answer (each swung alone)."""


def resolve_params(params: Mapping[str, Any] | None) -> dict[str, float]:
    """Defaults overridden by ``params``; an unknown name or a non-number is an error naming it."""
    out = dict(DEFAULTS)
    for key, value in (params or {}).items():
        if key not in DEFAULTS:
            raise RedlineError(
                f"deterrence parameter {key!r} is unknown; expected one of {', '.join(DEFAULTS)}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RedlineError(f"deterrence parameter {key}: expected a number, got {value!r}")
        out[key] = float(value)
    return out


def composite_shares(personnel: np.ndarray, spending: np.ndarray, weight: float) -> np.ndarray:
    """a_k ∝ (personnel share)^weight · (spending share)^(1−weight); one measure when the other is missing.

    NaN for an ally with neither; all ones when no ally has either (then counted equally).
    """
    pers, spend = np.asarray(personnel, float), np.asarray(spending, float)
    ps = (
        pers / np.nansum(pers)
        if np.isfinite(pers).any() and np.nansum(pers) > 0
        else np.full(pers.size, np.nan)
    )
    ss = (
        spend / np.nansum(spend)
        if np.isfinite(spend).any() and np.nansum(spend) > 0
        else np.full(spend.size, np.nan)
    )
    both = np.isfinite(ps) & np.isfinite(ss)
    out = np.where(
        both,
        np.power(np.where(both, ps, 1.0), weight) * np.power(np.where(both, ss, 1.0), 1 - weight),
        np.nan,
    )
    out = np.where(~both & np.isfinite(ps), ps, out)
    out = np.where(~both & ~np.isfinite(ps) & np.isfinite(ss), ss, out)
    return np.ones(out.size) if not np.isfinite(out).any() else out


@dataclass(frozen=True)
class ForceEconomy(Economy):
    """The figures behind a game coded from the data: spending (``capability``, USD) and forces.

    ``personnel`` are the allies' active personnel (thousands); ``c_local``/``t_local`` the
    challenger's and the target's forces in the first days; ``ratio`` the multiple the defenders
    must reach. :meth:`derived` recomputes a_k, θ, p_L and p_W so levers that change spending or
    forces stay consistent (a key ally is the game's ``key``, not part of θ).
    """

    personnel: np.ndarray | None = None
    c_local: float = 0.0
    t_local: float = 0.0
    ratio: float = 1.0
    personnel_weight: float = 0.5
    theta_no_data: float = 0.1

    @property
    def requirement(self) -> float:  # thousands of personnel the responders must field
        return max(self.ratio * self.c_local - self.t_local, 0.0)

    def derived(self) -> dict[str, float | np.ndarray]:
        pers = (
            np.full(self.capability.size, np.nan)
            if self.personnel is None
            else np.asarray(self.personnel, float)
        )
        comp = composite_shares(pers, self.capability, self.personnel_weight)
        comp = np.where(np.isfinite(comp), comp, 0.0)
        a = comp / comp.sum()
        need = self.requirement
        known = np.nansum(pers)
        theta = self.theta_factor * (need / known if known > 0 else self.theta_no_data)
        return {
            "a": a,
            "theta": theta,
            "p_L": min(1.0, self.p_L_factor * contest_success(self.c_local, self.t_local, 0.0, self.psi)),
            "p_W": contest_success(self.c_local, self.t_local, need, self.psi),
        }


def code_game(
    target: str,
    date: Any,
    members: list[str],
    params: Mapping[str, Any] | None = None,
    *,
    spending: Mapping[str, float] | None = None,
    gdp: Mapping[str, float] | None = None,
    countries: pd.DataFrame | None = None,
    coalition: list[str] | None = None,
    uncertainty: Mapping[str, Mapping[str, Any]] | None = None,
    snapshot: str | None = None,
    name: str = "",
) -> DeterrenceGame:
    """The game of an attack on ``target`` on ``date`` with NATO ``members`` of that day.

    ``spending``/``gdp`` map ISO3 to USD (None before the tables start); ``countries`` indexed by
    ISO3 gives land borders (the snapshot's table when omitted).
    """
    p = resolve_params(params)
    target = str(target).upper()
    date = ch.as_date(date)
    question = ch.status(target, date, snapshot)  # the challenger as target is an error here
    if countries is None:
        from redline.data import load_table

        countries = load_table("countries", snapshot).set_index("iso3")
    if target not in countries.index:
        raise RedlineError(f"target {target!r} is not in the countries table ({len(countries)} states)")
    member = target in members or p["treat_as_member"] >= 0.5
    if target in members:
        allies = [m for m in members if m != target]
    else:
        allies = [m for m in (coalition or members) if m not in (target, ch.CHALLENGER)]
        unknown = [m for m in allies if m not in countries.index]
        if unknown:
            raise RedlineError(f"coalition: {', '.join(unknown)} not in the countries table")
    if ch.CHALLENGER in allies:
        raise RedlineError(f"challenger {ch.CHALLENGER} cannot also be an ally")
    if not allies:
        raise RedlineError(f"{target} {date}: no allies or coalition members to respond")
    row = countries.loc[target]
    bal = ch.balance(target, date, p, row, snapshot)
    st = ch.stakes(target, date, p, snapshot)
    will = ch.willingness(target, allies, date, member, p, snapshot)
    spend = np.array([np.nan if spending is None else float(spending.get(a, np.nan)) for a in allies])
    pers = np.array([ch.personnel(a, date, snapshot)[0] for a in allies])
    carried = [*bal.dated, *(row for a in allies for row in ch.carried_personnel(a, date, snapshot))]
    comp = composite_shares(pers, spend, p["personnel_weight"])
    kept = np.isfinite(comp)
    gaps: list[dict[str, Any]] = []
    for a in np.array(allies)[~kept]:
        gaps.append(
            {"ally": str(a), "field": "personnel and spending", "effect": "no figure by this date: left out"}
        )
    if not (np.isfinite(pers).any() or np.isfinite(spend).any()):
        gaps.append(
            {
                "ally": "all",
                "field": "personnel and spending",
                "effect": f"no ally figure by {date}: allies counted equally, θ = theta_no_data (assumptions)",
            }
        )
    for text in bal.gaps:
        gaps.append({"ally": text.split(":")[0].split(" ")[0], "field": "forces", "effect": text})
    allies_kept = [a for a, k in zip(allies, kept, strict=True) if k]
    use_key = p["us_key"] if member else p["us_key_nonmember"]
    key = allies_kept.index("USA") if use_key >= 0.5 and "USA" in allies_kept else -1
    ratio = p["force_ratio_retake"] if bal.fait_accompli else p["force_ratio"]
    economy = ForceEconomy(
        capability=spend[kept],
        gdp=np.array([np.nan if gdp is None else float(gdp.get(a, np.nan)) for a in allies_kept]),
        cap_challenger=math.nan,
        cap_target=math.nan if spending is None else float(spending.get(target, math.nan)),
        gdp_target=math.nan if gdp is None else float(gdp.get(target, math.nan)),
        force_ratio=ratio,
        psi=p["psi"],
        personnel=pers[kept],
        c_local=bal.c_local,
        t_local=bal.t_local,
        ratio=ratio,
        personnel_weight=p["personnel_weight"],
        theta_no_data=p["theta_no_data"],
    )
    derived = economy.derived()
    table = will[kept].reset_index(drop=True)
    table["a"] = derived["a"]
    table["personnel_k"] = pers[kept]
    table["spending_usd"] = spend[kept]
    theta = p["theta"] if not math.isnan(p["theta"]) else float(derived["theta"])
    p_L = p["p_L"] if not math.isnan(p["p_L"]) else float(derived["p_L"])
    p_W = p["p_W"] if not math.isnan(p["p_W"]) else float(derived["p_W"])
    notes = [f"question: {ch.STATUS_TEXT[question]}"]
    if question != "deterrence":
        notes.append(
            f"{target} is at war on {date}: the answer is about {question}, read κ as the credibility of a "
            "Western military intervention (arming a protégé is not intervening)"
        )
    if question == "continuation":
        notes.append(ch.at_war_note(target, date, snapshot))
    notes.append(
        "stakes V_T = " + " + ".join(f"{v:+g} {k}" for k, v in st.terms.items()) + f" = {st.value:g}"
    )
    notes.extend(bal.notes)
    notes.append(
        f"first days at {target}: challenger {bal.c_local:,.1f}k vs {bal.t_local:,.1f}k "
        f"(ratio {bal.ratio:.2f}); responders must field {economy.requirement:,.1f}k (θ = {theta:.3f})"
    )
    if key >= 0:
        notes.append(
            "key ally: the response is effective only if the USA responds (us_key = 1): "
            "κ = P(USA resolute and the resolute allies reach θ)"
        )
    overridden = [k for k in ("theta", "p_L", "p_W") if not math.isnan(p[k])]
    if overridden:
        notes.append(f"given directly (not derived): {', '.join(overridden)}")
    for used in sorted({c["year_used"] for c in carried[len(bal.dated):]}):
        who = [c["iso3"] for c in carried[len(bal.dated):] if c["year_used"] == used]
        names = ", ".join(who) if len(who) <= 4 else f"{len(who)} responding allies"
        notes.append("old figure: " + ch.age_note(f"personnel of {names}", used, date.year, "military_personnel"))
    notes.append("assumptions (no data): " + ", ".join(f"{k}={p[k]:g}" for k in ASSUMED))
    return DeterrenceGame(
        target=target,
        allies=tuple(allies_kept),
        a=derived["a"],
        w=table["w"].to_numpy(dtype=float),
        theta=theta,
        V=p["V"] * st.value,
        k_L=p["k_L"],
        k_W=p["k_W"],
        p_L=p_L,
        p_W=p_W,
        rho=p["rho"],
        lam=p["lambda_c"] if p["lambda_c"] > 0 else None,
        delta=p["delta"],
        article5=target in members,
        key=key,
        challenger=ch.CHALLENGER,
        name=name or f"{target} {date}",
        uncertainty=dict(uncertainty or {}),
        economy=None if overridden else economy,
        coding=table,
        notes=tuple(notes),
        assumptions=p,
        gaps=tuple(gaps),
        question=question,
        stakes=st.value,
        fait_accompli=bal.fait_accompli,
        carried=tuple(carried),
    )


def from_world(
    world: Any,
    target: str,
    params: Mapping[str, Any] | None = None,
    *,
    capability_source: str = "nato",
    challenger: str = "RUS",
    coalition: list[str] | None = None,
    uncertainty: Mapping[str, Mapping[str, Any]] | None = None,
) -> DeterrenceGame:
    """The game for ``target`` on the World's date (or a year: ``World.for_year``); see the module docstring.

    Spending comes from NATO (``capability_source = "nato"``) or SIPRI (``"sipri"``), the other
    series filling an ally's gap.
    """
    if isinstance(world, int):
        from redline.world import World

        world = World.for_year(world)
    if capability_source not in ("nato", "sipri"):
        raise RedlineError(f"capability source {capability_source!r}: expected 'nato' or 'sipri'")
    if challenger != ch.CHALLENGER:
        raise RedlineError(
            f"challenger {challenger!r}: the coded data describe Russia (RUS) as the challenger"
        )
    target = str(target).upper()
    if target == ch.CHALLENGER:
        raise RedlineError(f"target {target}: the challenger cannot be its own deterrence target")
    actors = world.actors
    if target not in actors.index:
        raise RedlineError(
            f"target {target!r} is not in the World ({len(actors)} states: {', '.join(actors.index[:8])}, ...)"
        )
    first, second = (
        ("defence_usd", "milex_usd") if capability_source == "nato" else ("milex_usd", "defence_usd")
    )
    spending = actors[first].astype(float).fillna(actors[second].astype(float))
    return code_game(
        target,
        world.date,
        list(world.members("NATO")),
        params,
        spending=spending.to_dict(),
        gdp=actors["gdp_usd"].astype(float).to_dict(),
        countries=actors,
        coalition=coalition,
        uncertainty=uncertainty,
        name=f"{target} {world.date}",
    )


def tornado(
    build: Any,
    params: Mapping[str, Any] | None = None,
    swings: Mapping[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """One-at-a-time swings of the driving assumptions: κ, EU_C(attack) and regime at each end.

    ``build(params) -> DeterrenceGame`` codes the game (e.g. ``lambda q: from_world(world, "EST", q)``).
    Rows are sorted by the spread of EU_C, the quantity the decision turns on.
    """
    base = dict(params or {})
    g0 = build(base)
    d0 = g0.decide()
    rows = []
    for name, (lo, hi) in (swings or TORNADO_SWINGS).items():
        out = {"assumption": name, "base": resolve_params(base)[name], "low": lo, "high": hi}
        for end, value in (("low", lo), ("high", hi)):
            # payoff and correlation inputs feed only the game's own fields: no need to recode
            g = g0.replace(**{name: value}) if name in _GAME_FIELDS else build({**base, name: value})
            d = g.decide()
            out[f"kappa_{end}"] = float(d.kappa)
            out[f"eu_{end}"] = float(d.eu_attack)
            out[f"regime_{end}"] = str(d.regime_name)
        out["spread"] = abs(out["eu_high"] - out["eu_low"])
        rows.append(out)
    frame = pd.DataFrame(rows).sort_values("spread", ascending=False).reset_index(drop=True)
    frame.attrs["kappa"] = float(d0.kappa)
    frame.attrs["eu"] = float(d0.eu_attack)
    return frame
