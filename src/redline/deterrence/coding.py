"""Coding a deterrence game from the World: allies, capability shares, willingness, threshold, payoffs.

Rules (every coefficient is a named, overridable parameter in :data:`DEFAULTS`; the table is printed
with every result):

* **Allies.** For a NATO member T at the World's date: every other member (Article 5). For a
  non-member (Ukraine, Moldova, Georgia...): the NATO members as a *coalition of the willing*, whose
  willingness index carries the extra term ``beta_nonmember`` (no treaty obligation).
* **Capability in T's theatre.** Defence spending in USD: NATO's figure (``capability_source =
  "nato"``, default) or SIPRI military expenditure (``"sipri"``); when the chosen source has no
  figure the other one is used and flagged; an ally with neither is left out and listed as a gap.
  Fearon (1994): the challenger weighs the *local* balance, so spending counts in T's theatre
  through a loss-of-strength gradient (Boulding 1962): reach_k = 2^(−d_kT / lsg_half_km), with d_kT
  the great-circle distance from k's capital to T's (Moscow's for the challenger; T fights at home,
  reach 1). a_k = capability_k·reach_k / Σ_j capability_j·reach_j.
* **Willingness** (models.md §3.4): w_k = 1/(1 + exp(−λ_w · x_k)) with the index
  x_k = beta0 + beta_border·border_k + beta_moscow·(km to Moscow/1000) + beta_target·(km to T/1000)
  + beta_aid·(Ukraine aid, % of GDP) + beta_unga·(UNGA ES-11 yes share) + beta_libdem·(V-Dem
  liberal democracy) [+ beta_nonmember when T is not a member]. border_k = 1 if k borders Russia
  or Belarus. **Nothing is filled in**: a term whose datum is missing is not counted (it adds 0
  logit units for that ally), the ally's row names the missing data and :attr:`DeterrenceGame.gaps`
  lists each gap with the range of w the datum could give (its coefficient times the lowest and
  highest value observed among the other allies).
* **Threshold.** An effective response brings the defenders' side (T's own forces plus the
  responders) to ``force_ratio`` × the challenger's theatre capability C: the responders must field
  R = max(force_ratio·C − cap_T, 0) and θ_T = R / Σ theatre capability (θ above 1: even the whole
  alliance falls short, κ = 0).
* **Payoffs.** p_L = C^ψ/(C^ψ + cap_T^ψ) and p_W = C^ψ/(C^ψ + cap_T^ψ + R^ψ) (the contest function
  of §3.2 on theatre capabilities, cap_resp = R); V, k_L, k_W have no data behind them: they are
  assumptions, reported as such.

The default coefficients are judgements, not estimates; change them with ``params``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit

from redline.deterrence.spec import DeterrenceGame, Economy
from redline.errors import RedlineError
from redline.frontline import frontline_value

__all__ = ["DEFAULTS", "DESCRIPTIONS", "COVARIATES", "from_world", "coding_table", "reach", "resolve_params"]

DEFAULTS: dict[str, float] = {
    "beta0": -2.0,
    "beta_border": 1.0,
    "beta_moscow": -0.1,
    "beta_target": -0.1,
    "beta_aid": 1.0,
    "beta_unga": 2.0,
    "beta_libdem": 4.0,
    "beta_nonmember": -5.0,
    "lambda_w": 1.0,
    "force_ratio": 1.0,
    "lsg_half_km": 2000.0,
    "psi": 1.0,
    "V": 1.0,
    "k_L": 0.2,
    "k_W": 1.0,
    "rho": 0.0,
    "lambda_c": 0.0,
    "delta": 0.001,
    "theta": math.nan,
    "p_L": math.nan,
    "p_W": math.nan,
}
"""Default coding parameters (override any by name)."""

DESCRIPTIONS: dict[str, str] = {
    "beta0": "intercept of the willingness index (logit units)",
    "beta_border": "per land border with Russia or Belarus (frontline)",
    "beta_moscow": "per 1000 km from the ally's capital to Moscow",
    "beta_target": "per 1000 km from the ally's capital to the target's",
    "beta_aid": "per % of GDP of Ukraine aid (Kiel tracker, total allocations)",
    "beta_unga": "per unit of UNGA ES-11 yes share (Ukraine resolutions)",
    "beta_libdem": "per unit of V-Dem liberal democracy index",
    "beta_nonmember": "added when the target is not a NATO member (coalition of the willing)",
    "lambda_w": "precision of the logistic willingness (λ_k, Signorino 1999)",
    "force_ratio": "effective response: T plus the responders reach this multiple of the challenger's theatre capability",
    "lsg_half_km": "loss-of-strength gradient: spending brought to bear on T halves every this many km (inf = none)",
    "psi": "exponent of the contest-success function",
    "V": "challenger's value of prevailing (assumption; normalises payoffs)",
    "k_L": "challenger's cost of a limited war against T alone (assumption, units of V)",
    "k_W": "challenger's cost of war with the alliance incl. escalation risk (assumption, units of V)",
    "rho": "correlation of allies' resolve (one-factor copula)",
    "lambda_c": "logit precision of the challenger (0 = PBE step rule)",
    "delta": "capability unit of the exact DP",
    "theta": "override θ_T (share of allied capability); NaN = derived from force_ratio",
    "p_L": "override p_L; NaN = contest function on spending",
    "p_W": "override p_W; NaN = contest function on spending",
}

COVARIATES = {
    "beta_border": "border",
    "beta_moscow": "moscow_1000km",
    "beta_target": "target_1000km",
    "beta_aid": "ukraine_aid_pct_gdp",
    "beta_unga": "unga_yes_share",
    "beta_libdem": "libdem",
}
"""Coefficient → covariate column of the coding table."""

ASSUMED = ("V", "k_L", "k_W", "force_ratio", "lsg_half_km")


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


def reach(distance_km, half_km: float):
    """Fraction of spending brought to bear at ``distance_km``: 2^(−d/half) (Boulding 1962)."""
    if not half_km > 0:
        raise RedlineError(
            f"deterrence parameter lsg_half_km: expected a number > 0 (or inf), got {half_km!r}"
        )
    return np.exp2(-np.asarray(distance_km, dtype=float) / half_km)


def _capability(row: pd.Series, source: str) -> tuple[float, str]:
    nato, sipri = row.get("defence_usd", math.nan), row.get("milex_usd", math.nan)
    first, second = (nato, sipri) if source == "nato" else (sipri, nato)
    names = ("NATO", "SIPRI") if source == "nato" else ("SIPRI", "NATO")
    if pd.notna(first):
        return float(first), names[0]
    if pd.notna(second):
        return float(second), f"{names[1]} (no {names[0]} figure)"
    return math.nan, "missing"


def _border(r: pd.Series) -> float:
    """1 if the state borders Russia or Belarus, 0 if neither, NaN if both are unknown
    (:func:`redline.frontline.frontline`)."""
    return frontline_value(r.get("land_border_russia"), r.get("land_border_belarus"))


def coding_table(
    world: Any, target: str, allies: list[str], p: Mapping[str, float], source: str, member: bool
) -> pd.DataFrame:
    """Per-ally covariates, index terms, willingness and capability (the table printed with results).

    A missing covariate leaves its term out of that ally's index (``term_*`` is NaN, ``missing``
    names it); ``w_gap_low``/``w_gap_high`` give w if the missing data lay anywhere in the range
    observed among the other allies (equal to w when nothing is missing).
    """
    from redline.world import great_circle_km

    actors = world.actors
    t = actors.loc[target]
    rows = []
    for iso in allies:
        r = actors.loc[iso]
        cap, cap_src = _capability(r, source)
        km = float(great_circle_km(r["capital_lat"], r["capital_lon"], t["capital_lat"], t["capital_lon"]))
        rows.append(
            {
                "ally": iso,
                "border": _border(r),
                "moscow_1000km": r.get("dist_moscow_km", math.nan) / 1000.0,
                "target_1000km": km / 1000.0,
                "ukraine_aid_pct_gdp": r.get("ukraine_aid_pct_gdp", math.nan),
                "unga_yes_share": r.get("unga_yes_share", math.nan),
                "libdem": r.get("libdem", math.nan),
                "capability_usd": cap,
                "capability_source": cap_src,
                "reach": float(reach(km, p["lsg_half_km"])),
                "gdp_usd": r.get("gdp_usd", math.nan),
            }
        )
    df = pd.DataFrame(rows)
    df["capability_theatre_usd"] = df["capability_usd"] * df["reach"]
    index = np.full(len(df), p["beta0"])
    low, high = index.copy(), index.copy()  # index if the missing data were at their extremes
    missing_names: list[list[str]] = [[] for _ in range(len(df))]
    for coef, col in COVARIATES.items():
        x = df[col].astype(float).to_numpy()
        missing = np.isnan(x)
        term = p[coef] * x
        df[f"term_{col}"] = term  # NaN where the datum is missing: not counted
        counted = np.where(missing, 0.0, term)
        index = index + counted
        if (~missing).any():
            lo, hi = sorted((p[coef] * np.nanmin(x), p[coef] * np.nanmax(x)))
        else:
            lo = hi = 0.0  # no ally has the datum: no range to give
        low, high = low + np.where(missing, lo, counted), high + np.where(missing, hi, counted)
        for i in np.flatnonzero(missing):
            missing_names[i].append(col)
    nonmember = 0.0 if member else p["beta_nonmember"]
    df["term_nonmember"] = nonmember
    df["index"] = index + nonmember
    df["w"] = expit(p["lambda_w"] * df["index"].to_numpy())
    df["w_if_article5"] = expit(p["lambda_w"] * index)
    df["w_gap_low"] = expit(p["lambda_w"] * (low + nonmember))
    df["w_gap_high"] = expit(p["lambda_w"] * (high + nonmember))
    df["missing"] = [", ".join(m) for m in missing_names]
    flags = [[f"{c} missing: term not counted" for c in m] for m in missing_names]
    for i, src in enumerate(df["capability_source"]):
        if src != "NATO" and src != "SIPRI":
            flags[i].append(
                "capability: " + (src if src != "missing" else "no NATO or SIPRI figure → ally left out")
            )
    df["flags"] = ["; ".join(f) for f in flags]
    return df


def _gaps(table: pd.DataFrame, target: str, cap_target: float) -> list[dict[str, Any]]:
    """Every missing datum of a coding, with what was done instead of filling it in."""
    gaps: list[dict[str, Any]] = []
    for row in table.itertuples(index=False):
        for col in filter(None, row.missing.split(", ")):
            gaps.append(
                {
                    "ally": row.ally,
                    "field": col,
                    "effect": f"term not counted in {row.ally}'s willingness index; "
                    f"w = {row.w:.3f} ({row.w_gap_low:.3f} to {row.w_gap_high:.3f} over the range "
                    "observed among the other allies)",
                }
            )
        if math.isnan(row.capability_usd):
            gaps.append(
                {"ally": row.ally, "field": "capability", "effect": "no NATO or SIPRI figure: left out"}
            )
        elif math.isnan(row.reach):
            gaps.append(
                {
                    "ally": row.ally,
                    "field": "capital coordinates",
                    "effect": "no distance to the target: left out",
                }
            )
    if math.isnan(cap_target):
        gaps.append(
            {
                "ally": target,
                "field": "capability (target)",
                "effect": "no NATO or SIPRI figure: the target's own forces count as none in θ, p_L "
                "and p_W (an upper bound for the challenger)",
            }
        )
    return gaps


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
    """The Article 5 game for ``target`` coded from a World (or a year), see the module docstring.

    Parameters
    ----------
    world : World or int
        ``redline.world.World`` (or a year, then ``World.for_year(year)``).
    target : str
        ISO3 code of the attacked state.
    params : mapping, optional
        Overrides of :data:`DEFAULTS` by name.
    capability_source : {"nato", "sipri"}
        Which defence-spending series gives capability (the other is the fallback).
    challenger : str
        ISO3 of the challenger (SIPRI milex gives its capability).
    coalition : list of str, optional
        Responders for a non-member target (default: every NATO member).
    uncertainty : mapping, optional
        Distributions on inputs (see :mod:`redline.deterrence.montecarlo`).
    """
    if isinstance(world, int):
        from redline.world import World

        world = World.for_year(world)
    if capability_source not in ("nato", "sipri"):
        raise RedlineError(f"capability source {capability_source!r}: expected 'nato' or 'sipri'")
    p = resolve_params(params)
    actors = world.actors
    target = target.upper()
    if target not in actors.index:
        raise RedlineError(
            f"target {target!r} is not in the World ({len(actors)} states: {', '.join(actors.index[:8])}, ...)"
        )
    if challenger not in actors.index:
        raise RedlineError(f"challenger {challenger!r} is not in the World")
    members = list(world.members("NATO"))
    member = target in members
    if member:
        allies = [m for m in members if m != target]
    else:
        allies = [m for m in (coalition or members) if m not in (target, challenger)]
        unknown = [m for m in allies if m not in actors.index]
        if unknown:
            raise RedlineError(f"coalition: {', '.join(unknown)} not in the World")
    if challenger in allies:
        raise RedlineError(f"challenger {challenger} cannot also be an ally")
    table = coding_table(world, target, allies, p, capability_source, member)
    cap_c = float(actors.loc[challenger].get("milex_usd", math.nan))
    cap_t, t_src = _capability(actors.loc[target], capability_source)
    gaps = _gaps(table, target, cap_t)
    notes: list[str] = []
    dropped = table["capability_theatre_usd"].isna()
    if dropped.any():
        notes.append(f"left out (no capability figure or location): {', '.join(table.loc[dropped, 'ally'])}")
    kept = table.loc[~dropped].reset_index(drop=True)
    gap_text = [f"{g['ally']} {g['field']}" for g in gaps if g["field"] in COVARIATES.values()]
    if gap_text:
        notes.append("missing data, terms not counted (nothing filled in; see gaps): " + ", ".join(gap_text))
    fallback = [a for a, s in zip(table["ally"], table["capability_source"], strict=True) if "(no " in s]
    if fallback:
        notes.append(f"capability from the fallback source: {', '.join(fallback)}")
    if "(no " in t_src:
        notes.append(f"{target}: capability from {t_src}")
    if math.isnan(cap_t):
        notes.append(
            f"{target}: no defence-spending figure; its own forces count as none in θ, p_L, p_W "
            f"(an upper bound for {challenger})"
        )
    needs_cap = math.isnan(p["p_L"]) or math.isnan(p["p_W"]) or math.isnan(p["theta"])
    if math.isnan(cap_c) and needs_cap:
        raise RedlineError(
            f"{challenger}: no SIPRI military expenditure in this World; give theta, p_L and p_W as parameters"
        )
    t_row, c_row = actors.loc[target], actors.loc[challenger]
    from redline.world import great_circle_km

    km_c = float(
        great_circle_km(
            c_row["capital_lat"], c_row["capital_lon"], t_row["capital_lat"], t_row["capital_lon"]
        )
    )
    economy = Economy(
        capability=kept["capability_usd"].to_numpy(),
        gdp=kept["gdp_usd"].to_numpy(dtype=float),
        cap_challenger=cap_c,
        cap_target=cap_t,
        gdp_target=float(t_row.get("gdp_usd", math.nan)),
        force_ratio=p["force_ratio"],
        psi=p["psi"],
        reach=kept["reach"].to_numpy(),
        reach_challenger=float(reach(km_c, p["lsg_half_km"])),
    )
    if math.isnan(cap_c):
        theatre = kept["capability_theatre_usd"].to_numpy()
        derived = {"a": theatre / theatre.sum()}
    else:
        derived = economy.derived()
        notes.append(
            f"theatre balance at {target} (USD bn): {challenger} {cap_c / 1e9:.1f} × reach "
            f"{economy.reach_challenger:.3f} ({km_c:,.0f} km) = {economy.theatre_challenger / 1e9:.1f}; "
            f"{target} {0.0 if math.isnan(cap_t) else cap_t / 1e9:.1f}; responders must field "
            f"{economy.requirement / 1e9:.1f} of {kept['capability_theatre_usd'].sum() / 1e9:.1f} in theatre "
            f"(θ = {float(derived['theta']):.3f})"
        )
    kept["a"] = derived["a"]
    theta = p["theta"] if not math.isnan(p["theta"]) else float(derived["theta"])
    p_L = p["p_L"] if not math.isnan(p["p_L"]) else float(derived["p_L"])
    p_W = p["p_W"] if not math.isnan(p["p_W"]) else float(derived["p_W"])
    overridden = [k for k in ("theta", "p_L", "p_W") if not math.isnan(p[k])]
    if overridden:
        notes.append(f"given directly (not derived from spending): {', '.join(overridden)}")
        economy = None  # levers that move spending cannot re-derive overridden values
    notes.append("assumptions (no data): " + ", ".join(f"{k}={p[k]:g}" for k in ASSUMED))
    return DeterrenceGame(
        target=target,
        allies=tuple(kept["ally"]),
        a=kept["a"].to_numpy(),
        w=kept["w"].to_numpy(),
        theta=theta,
        V=p["V"],
        k_L=p["k_L"],
        k_W=p["k_W"],
        p_L=p_L,
        p_W=p_W,
        rho=p["rho"],
        lam=p["lambda_c"] if p["lambda_c"] > 0 else None,
        delta=p["delta"],
        article5=member,
        challenger=challenger,
        name=f"{target} {getattr(world, 'date', '')}".strip(),
        uncertainty=dict(uncertainty or {}),
        economy=economy,
        coding=kept,
        notes=tuple(notes),
        assumptions=p,
        gaps=tuple(gaps),
    )
