"""The deterrence adapter: Article 5 credibility κ, the challenger's regime and P(deterrence failure)
per target, with every lever of ``[levers]`` on common random numbers.

Question keys: ``deter.<lever>.<ISO3>.fail`` = 1 if deterrence of an attack on ISO3 fails in that draw
(``base`` = no lever).

The single-model command ``redline deter`` is built from the same functions as the scenario:
:func:`code_game` codes a target's game (both paths), :func:`kappa_if_article5` is the Article 5
counterfactual, :func:`report_game` / :func:`report_target` / :func:`report_targets` assemble what the
command prints, so a scenario and the command cannot disagree on a target.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from redline.adapters.base import BuildContext, Part, headline
from redline.adapters.deterrence_games import (
    block_seed,
    check_budget,
    code_game,
    deterrence_games,
    deterrence_targets,
    scenario_game,
    scenario_levers,
)
from redline.deterrence.link import ANNUAL_NAME, SHARE_NAME
from redline.deterrence.link import annual_text as _annual
from redline.deterrence.link import eu_text as _eu
from redline.deterrence.link import knife_edge as _knife_edge
from redline.deterrence.link import share_text as _share
from redline.deterrence.link import source_text as _link_source
from redline.scenario import Scenario
from redline.tally import paired_key
from redline.tasks import Task

__all__ = [
    "NON_MEMBERS",
    "DeterrenceAdapter",
    "add_restraint",
    "check_budget",
    "code_game",
    "deterrence_games",
    "deterrence_targets",
    "kappa_if_article5",
    "report_game",
    "report_target",
    "report_targets",
    "scenario_game",
    "target_answer",
    "tornado_table",
    "world_for",
]

FITTED = "fitted"
"""``--restraint fitted``: the restraint sweep on the ladder fitted to the record (not a file)."""

NON_MEMBERS = ("UKR", "MDA", "GEO")
"""Non-members shown by ``redline deter --all-targets`` (coalition of the willing, no Article 5)."""


class DeterrenceAdapter:
    """Deterrence of an attack on each target of ``[deterrence]``, per lever."""

    name = "deterrence"
    background = False

    def enabled(self, scenario: Scenario) -> bool:
        return scenario.models.deterrence and bool(scenario.deterrence.targets)

    def build(self, ctx: BuildContext) -> Part:
        result, tasks = _deterrence_questions(ctx.scenario, ctx.world)
        return Part({"deterrence": result}, tasks)

    def summarise(
        self, exact: dict[str, Any], stats: dict[str, dict[str, float]], tallies: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if "deterrence" not in exact:
            return {}, []
        headlines: list[dict[str, Any]] = []
        section = _summarise_deterrence(exact["deterrence"], stats, tallies, headlines)
        return {"deterrence": section}, headlines


def kappa_if_article5(
    world: Any, target: str, params: dict[str, float] | None = None, levers: list | None = None, **coding: Any
) -> float:
    """The Article 5 counterfactual: κ of ``target`` coded as if Article 5 covered it.

    For a member this is its κ; for a non-member the same coding and levers with
    ``treat_as_member = 1`` (the NATO allies respond, under the treaty's willingness terms).
    ``coding``: the keyword arguments of :func:`code_game`.
    """
    from redline.deterrence import apply_levers

    as_member = {**(params or {}), "treat_as_member": 1.0}
    return float(apply_levers(code_game(world, target, as_member, **coding), levers or []).kappa())


def _deterrence_questions(scenario: Scenario, world: Any) -> tuple[dict[str, Any], list[Task]]:
    """Per target: κ, κ*, margin and regime at the coded values; P(failure) per lever by Monte Carlo.

    One task per target draws the base game and every lever with the *same* block seed (common random
    numbers), so ΔP(failure) = P(lever) - P(base) has a paired interval. A target at full war
    (``game.at_war``) gets no task: deterrence has already failed, so it has no P(failure).
    """
    from redline.deterrence.link import link_for

    games = deterrence_games(scenario, world)
    levers = scenario_levers(scenario)
    link = link_for(int(str(world.date)[:4]))
    targets = []
    tasks = []
    for target, game in games.items():
        variants = {"base": game}
        rows = [{"lever": "base", **_point(game, link)}]
        for name, lever in levers:
            variants[name] = lever(game)
            rows.append({"lever": name, **_point(variants[name], link)})
        targets.append(
            {
                "target": target,
                "article5": bool(game.article5),
                "allies": len(game.allies),
                "point": rows,
                "notes": list(game.notes),
                "carried": list(game.carried),
                "at_war": game.at_war_note,
            }
        )
        if game.at_war:
            continue
        binary = tuple(f"deter.{name}.{target}.fail" for name in variants)
        paired = tuple((question, f"deter.base.{target}.fail") for question in binary[1:])
        sampler = partial(_deterrence_sampler, target=target, games=variants)
        tasks.append(Task(f"deter.{target}", sampler, binary, paired=paired))
    first = next(iter(games.values()))
    from redline.deterrence.coding import DEFAULTS, DESCRIPTIONS

    params = {**DEFAULTS, **scenario.deterrence.params}
    out = {
        "challenger": scenario.deterrence.challenger,
        "capability_source": scenario.deterrence.capability_source,
        "link": link,
        "levers": [
            {"name": name, "description": lever.description, "parameters": dict(lever.params)}
            for name, lever in levers
        ],
        "targets": targets,
        "params": [
            {
                "name": k,
                "value": v,
                "description": DESCRIPTIONS.get(k, ""),
                "overridden": k in scenario.deterrence.params,
            }
            for k, v in params.items()
        ],
        "uncertainty": {
            k: v.model_dump(exclude_none=True) for k, v in scenario.deterrence.uncertainty.items()
        },
        "coding_example": {"target": first.target, "table": first.allies_frame()},
        "codings": {t: g.allies_frame() for t, g in games.items()},
    }
    return out, tasks


def _point(game: Any, link: dict[str, Any] | None) -> dict[str, Any]:
    """The game's point values, with the annual P(attack) of the retrodiction link at the coded EU_C."""
    s = game.summary()
    s["p_attack_year"] = _annual_of(game, link, s["eu_attack"])
    s.update(V=float(game.V), p_L=float(game.p_L), k_L=float(game.k_L))  # A = p_L·V − k_L, said in words
    return s


def _annual_of(game: Any, link: dict[str, Any] | None, eu_attack: float | None = None) -> float | None:
    """The annual P(attack) of the retrodiction link at the game's coded EU_C (``eu_attack`` if already
    computed; :mod:`redline.deterrence.link`); None at full war: deterrence already failed."""
    from redline.deterrence.link import p_attack_year

    if game.at_war:
        return None
    return p_attack_year(game.summary()["eu_attack"] if eu_attack is None else eu_attack, link)


def _deterrence_sampler(generator, n, *, target, games):  # noqa: ANN001, ANN202
    from redline.deterrence.montecarlo import failure_draws

    seed = block_seed(generator)
    return {
        f"deter.{name}.{target}.fail": np.asarray(failure_draws(game, n, rng=seed), dtype=float)
        for name, game in games.items()
    }


def _plain(regime: Any) -> str:
    """A regime name in words (``deterrence_fails`` -> ``deterrence fails``)."""
    return str(regime).replace("_", " ")


def _largest_change(rows: list[dict], biggest: dict) -> str:
    """``largest change -7.3 pp for GEO``, as printed; no target is named when the largest change
    prints as 0.0 pp or when several targets share it (no tie-break artefact in a headline)."""

    def shown(row: dict) -> str:
        return f"{abs(row['delta_p']) * 100:.1f}"

    if shown(biggest) == "0.0":
        return f"no change of 0.1 pp or more for any of the {len(rows)} targets"
    where = _who(rows, biggest, shown, "targets equally")
    return f"largest change {biggest['delta_p'] * 100:+.1f} pp for {where}"


def _annual_change(rows: list[dict], lever_row: dict, source: str) -> str:
    """``; annual P(attack) of GEO 0.77% → 0.50% (link …)`` for the lever's largest mover, at the coded
    values of the base game and of the lever's; empty when either has none (no link, at war)."""
    base = next((r for r in rows if r["lever"] == "base" and r["target"] == lever_row["target"]), None)
    ends = [None if r is None else r.get("p_attack_year") for r in (base, lever_row)]

    def shown(r: dict) -> str:
        return _share(abs(r["delta_p"]))

    movers = [r for r in rows if r["lever"] == lever_row["lever"] and r.get("delta_p") is not None]
    tied = _who(movers, lever_row, shown, "") != lever_row["target"]  # no tie-break artefact
    if tied or shown(lever_row) == "0.0%" or any(p is None or math.isnan(p) for p in ends):
        return ""
    return f"; {ANNUAL_NAME} of {lever_row['target']} {_annual(ends[0])} → {_annual(ends[1])} ({source})"


def _who(rows: list[dict], row: dict, shown: Callable[[dict], str], many: str) -> str:
    """``row``'s target, or ``"N <many>"`` when N > 1 rows print the same ``shown`` value."""
    ties = sum(shown(r) == shown(row) for r in rows)
    return row["target"] if ties == 1 else f"{ties} {many}"


def target_answer(r: dict[str, Any], source: str, at_war: str | None = None, draws: bool = True) -> str:
    """One target's answer, as a scenario's ``deter.base`` headline and ``redline deter`` print it:
    κ, κ*, regime and EU_C at the coded values; the share of the assumption draws in which attack pays
    (``draws``); the annual P(attack) of the link (``source``: :func:`~redline.deterrence.link.source_text`,
    or why there is none). ``at_war``: the dated note that replaces both (deterrence already failed)."""
    star = "—" if r["kappa_star"] is None or math.isnan(r["kappa_star"]) else f"{r['kappa_star']:.2f}"
    if at_war:
        return f"κ = {r['kappa']:.2f} vs κ* = {star}: {_plain(r['regime'])}; {at_war}"
    answer = f"κ = {r['kappa']:.2f} vs κ* = {star}: {_plain(r['regime'])} ({_eu(r['eu_attack'])} at the coded values)"
    if draws:
        edge = " (knife edge)" if _knife_edge(r["p_failure"]) else ""
        answer += f"; attack pays in {_share(r['p_failure'])} of the assumption draws{edge}"
    p = r.get("p_attack_year")
    if p is None or math.isnan(p):
        return f"{answer}; {source}"
    return f"{answer}; {ANNUAL_NAME} {_annual(p)} ({source})"


def _no_opportunity(rows: list[dict]) -> str:
    """Why allies have no opportunity, from their coded values: ``no opportunity: the assumed stakes V
    0.10 times the chance p_L that a limited war succeeds (…) stay at or below the assumed cost of a
    limited war k_L 0.30 (assumption)`` (A = p_L·V − k_L ≤ 0: an attack would not pay even unanswered,
    so the verdict rests on these assumptions, not on Article 5)."""
    rows = [r for r in rows if r["regime"] == "no_opportunity" and r.get("V") is not None]
    if not rows:
        return "no opportunity"

    def span(values: list[float]) -> str:
        lo, hi = f"{min(values):.2f}", f"{max(values):.2f}"
        return lo if lo == hi else f"{lo}–{hi}"

    return (
        f"no opportunity: the assumed stakes V {span([r['V'] for r in rows])} times the chance p_L that a "
        f"limited war succeeds ({span([r['p_L'] for r in rows])}, from first-days forces) stay at or below "
        f"the assumed cost of a limited war k_L {span([r['k_L'] for r in rows])} (assumption)"
    )


def _lowest_kappa(members: list[dict], codings: dict[str, Any]) -> str:
    """`` (lowest: NOR 0.76: θ 0.061, …)``: why the ally with the lowest κ has it, from the terms that set
    κ = P(the resolute allies reach θ): its θ (the share of the allies' capability that must respond,
    from the challenger's first-days forces) ranked among the allies, which allies lead forward forces
    on it (their w raised to w_tripwire), and the others' w. Empty when κ is the same for all."""
    rows = [r for r in members if r.get("kappa") is not None and r.get("theta") is not None]
    if len(rows) < 2:
        return ""
    low = min(rows, key=lambda r: r["kappa"])
    if _who(rows, low, lambda r: f"{r['kappa']:.2f}", "") != low["target"]:  # a tie, or κ the same for all
        return ""

    def tripwire(target: str) -> Any:
        """The target's coding and which of its rows lead forward forces (w raised to w_tripwire)."""
        coding = codings.get(target)
        if coding is None or "w_basis" not in coding:
            return None, None
        return coding, coding["w_basis"].astype(str).str.contains("w_tripwire")

    def leads_of(target: str) -> list[str]:
        coding, leads = tripwire(target)
        return [] if coding is None else sorted(coding.loc[leads, "ally"])

    higher = sorted(r["target"] for r in rows if r["theta"] > low["theta"])
    where = "the highest" if not higher else f"the {_ordinal(len(higher) + 1)} highest"
    text = (
        f" (lowest: {low['target']} {low['kappa']:.2f}: the responding allies must bring θ = {low['theta']:.3f} "
        f"of their capability against the challenger's first-days forces, {where} of the {len(rows)}"
    )
    if higher and len(higher) <= 4 and all(leads_of(t) for t in higher):
        text += f" (the higher, {', '.join(higher)}, have allied forward forces)"
    coding, leads = tripwire(low["target"])
    if coding is not None:
        allies = sorted(coding.loc[leads, "ally"])
        if allies:
            text += f"; {', '.join(allies)} lead{'s' if len(allies) == 1 else ''} forward forces on it (w_tripwire)"
        else:
            text += "; no ally leads forward forces on it (no w_tripwire)"
        others = coding.loc[~leads]
        if len(others):
            pew = others["w_basis"].astype(str).str.startswith("Pew").all()
            text += f", the other allies' w {others['w'].min():.2f}–{others['w'].max():.2f}{' (Pew surveys)' if pew else ''}"
    return text + ")"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _failure_range(
    rows: list[dict], safest: dict, riskiest: dict, shown: Callable[[dict], str] | None = None
) -> str:
    """``from 0.1% (EST) to 2.3% (LVA)`` as printed; an end shared by several targets at the printed
    precision is given as a count, not as the first of them (no tie-break artefact in a headline).
    ``shown`` prints a row's figure (default: its share of assumption draws, ``p_failure``)."""
    if shown is None:

        def shown(row: dict) -> str:
            return _share(row["p_failure"])

    def end(row: dict) -> str:
        return f"{shown(row)} ({_who(rows, row, shown, 'equally')})"

    if shown(safest) == shown(riskiest):
        return f"{shown(safest)} for every one of the {len(rows)}"
    return f"from {end(safest)} to {end(riskiest)}"


def _old_challenger_figures(targets: list[dict[str, Any]], who: str | None = None) -> str:
    """"; old force figures: RUS personnel of 2022 (…), 3 years old; …" — the challenger's figures
    dated before the year, which every land-border target's θ and fait-accompli test rest on (``who``:
    a target's own figures instead)."""
    from redline.deterrence.challenger import CHALLENGER

    seen: dict[tuple, str] = {}
    for entry in targets:
        if who is not None and entry["target"] != who:
            continue
        for c in entry.get("carried", []):
            if c["iso3"] == (who or CHALLENGER):
                age = c["year_wanted"] - c["year_used"]
                what = c["indicator"].replace("_k", "")
                seen[(c["indicator"], c["year_used"])] = (
                    f"{c['iso3']} {what} of {c['year_used']} ({c['source']}), {age} year{'s' if age != 1 else ''} old"
                )
    return f"; old force figures: {'; '.join(seen.values())}" if seen else ""


def _summarise_deterrence(
    result: dict[str, Any], stats: dict[str, Any], tallies: Any, headlines: list
) -> dict[str, Any]:
    out = {k: v for k, v in result.items() if k != "codings"}
    # each target's allies, in the columns a reader needs (the full tables stay out: too large)
    keep = ["ally", "w", "capability_usd", "reach", "capability_theatre_usd", "a", "missing", "flags"]
    out["allies"] = {
        target: frame[[c for c in keep if c in frame.columns]].to_dict(orient="records")
        for target, frame in result.get("codings", {}).items()
    }
    lever_names = ["base", *[lever["name"] for lever in result["levers"]]]
    rows = []
    at_war = {e["target"]: e["at_war"] for e in result["targets"] if e.get("at_war")}
    for entry in result["targets"]:
        target = entry["target"]
        base = f"deter.base.{target}.fail"
        for point in entry["point"]:
            name = point["lever"]
            s = stats.get(f"deter.{name}.{target}.fail", {})
            row = {
                "target": target,
                "lever": name,
                "basis": point.get("basis"),
                "kappa": point.get("kappa"),
                "kappa_star": point.get("kappa_star"),
                "margin": point.get("margin"),
                "regime": point.get("regime"),
                "p_failure": s.get("mean"),
                "p_lo": s.get("lo"),
                "p_hi": s.get("hi"),
                "eu_attack": point.get("eu_attack"),
                "p_attack_year": point.get("p_attack_year"),
                "V": point.get("V"),
                "p_L": point.get("p_L"),
                "k_L": point.get("k_L"),
                "theta": point.get("theta"),
            }
            diff = tallies.get(paired_key(f"deter.{name}.{target}.fail", base))
            if name != "base" and diff is not None:
                d = diff.paired_interval()
                row.update({"delta_p": d["mean"], "delta_lo": d["lo"], "delta_hi": d["hi"]})
            rows.append(row)
    out["table"] = rows
    every_base = [r for r in rows if r["lever"] == "base"]
    base_rows = [r for r in every_base if r["target"] not in at_war]  # no P(failure): not ranked
    left_out = f" ({', '.join(at_war)} left out: at war, deterrence already failed)" if at_war else ""
    link = result.get("link")
    source = _link_source(link)
    if base_rows:
        weakest = min(base_rows, key=lambda r: r["kappa"] if r["kappa"] is not None else 1.0)
        members = [r for r in base_rows if r["basis"] == "Article 5"]
        worst = max(base_rows, key=lambda r: r["p_failure"] or 0.0)
        yearly = [
            r for r in base_rows if r["p_attack_year"] is not None and not math.isnan(r["p_attack_year"])
        ]
        if members:
            safest = min(members, key=lambda r: r["p_failure"] or 0.0)
            riskiest = max(members, key=lambda r: r["p_failure"] or 0.0)
            others = sorted({_plain(r["regime"]) for r in members if r["regime"] != "deterred"})
            others = [_no_opportunity(members) if o == "no opportunity" else o for o in others]
            annual = ""
            if link is not None:
                lowest = min(members, key=lambda r: r["p_attack_year"])
                highest = max(members, key=lambda r: r["p_attack_year"])
                shown = lambda r: _annual(r["p_attack_year"])  # noqa: E731
                annual = f"; annual P(attack) {_failure_range(members, lowest, highest, shown)} ({source})"
            stale = _old_challenger_figures(result["targets"])
            lowest_kappa = _lowest_kappa(members, result.get("codings", {}))
            headlines.append(
                headline(
                    "deter.allies",
                    f"Article 5: how credible is it for the {len(members)} allies?",
                    f"credibility κ from {min(r['kappa'] for r in members):.2f} to "
                    f"{max(r['kappa'] for r in members):.2f}{lowest_kappa}; share of the assumption draws in which attack pays "
                    f"{_failure_range(members, safest, riskiest)}{annual}; "
                    f"{sum(r['regime'] == 'deterred' for r in members)} of {len(members)} deterred at the coded "
                    "values" + (f" (the others: {', '.join(others)})" if others else "") + stale,
                    riskiest["p_failure"],
                    riskiest["p_lo"],
                    riskiest["p_hi"],
                    interval_of=f"{SHARE_NAME}, for the ally where it is highest (95%)",
                )
            )
        where = _who(base_rows, worst, lambda r: _share(r["p_failure"]), "targets equally")
        about = f"{worst['basis']}; " if where == worst["target"] else ""
        edge = "knife edge: " if _knife_edge(worst["p_failure"]) else ""
        answer = (
            f"largest share of the assumption draws in which attack pays: {where} {_share(worst['p_failure'])}"
            + (f" ({about}{edge}{_eu(worst['eu_attack'])} at the coded values)" if about else "")
        )
        if yearly:
            top = max(yearly, key=lambda r: r["p_attack_year"])
            who = _who(yearly, top, lambda r: _annual(r["p_attack_year"]), "targets equally")
            answer += f"; highest annual P(attack): {who} {_annual(top['p_attack_year'])} ({source})"
        answer += _old_challenger_figures(result["targets"], worst["target"]) if about else ""
        kwho = _who(base_rows, weakest, lambda r: f"{r['kappa']:.2f}", "targets equally")
        headlines.append(
            headline(
                "deter.worst",
                "Where is deterrence weakest?",
                f"{answer}; lowest credibility κ: {weakest['kappa']:.2f} ({kwho})" + left_out,
                worst["p_failure"],
                worst["p_lo"],
                worst["p_hi"],
                interval_of=f"{SHARE_NAME}: {where} (95%)",
            )
        )
    for r in every_base:
        line = headline(
            f"deter.base.{r['target']}",
            f"Deterrence of an attack on {r['target']} ({r['basis']})",
            target_answer(r, source, at_war.get(r["target"])),
            r["p_failure"],
            r["p_lo"],
            r["p_hi"],
            interval_of=f"{SHARE_NAME} (95%)",
        )
        line["detail"] = r["basis"] == "Article 5"  # one line per ally only in `compare` and JSON
        line["p_attack_year"] = r["p_attack_year"]
        headlines.append(line)
    for name in lever_names[1:]:
        lever_rows = [r for r in rows if r["lever"] == name and r.get("delta_p") is not None]
        if not lever_rows:
            continue
        biggest = max(lever_rows, key=lambda r: abs(r["delta_p"]))
        headlines.append(
            headline(
                f"lever.{name}",
                f"Lever {name}: change in the {SHARE_NAME}",
                f"{_largest_change(lever_rows, biggest)}; "
                f"mean over targets {np.mean([r['delta_p'] for r in lever_rows]) * 100:+.1f} pp{left_out}"
                f"{_annual_change(rows, biggest, source)} (assumption: the lever's effect sizes)",
                biggest["delta_p"],
                biggest["delta_lo"],
                biggest["delta_hi"],
                change=True,
                interval_of=f"change in the {SHARE_NAME}, largest change (paired 95%)",
            )
        )
    return out


# --- the single-model command (``redline deter``) ----------------------------------------------------


def world_for(year: int, date: str | None = None) -> Any:
    """The World of the year or date; after SIPRI's last year, figures are carried forward with notes."""
    from redline.data import load_table
    from redline.world import World

    wanted = int(str(date)[:4]) if date else int(year)
    carry = wanted > int(load_table("milex")["year"].max())
    return World.for_date(date, carry_forward=carry) if date else World.for_year(year, carry_forward=carry)


def report_game(
    game: Any,
    draws: int = 0,
    seed: int | None = 0,
    levers: list | None = None,
    defined: dict[str, Any] | None = None,
    rule: str | None = None,
    tornado_build: Any = None,
    tornado_params: dict[str, float] | None = None,
    counterfactual: Any = None,
    year: int | None = None,
) -> dict[str, Any]:
    """Everything ``redline deter`` prints for one game, as a JSON-ready dict (keys in docs/deterrence.md).

    ``tornado_build(params) -> game`` re-codes the game for the tornado; ``counterfactual() -> κ`` gives
    the Article 5 counterfactual of a non-member (:func:`kappa_if_article5`). ``year``: the year of a
    game coded from the data, whose annual P(attack) comes from the link fitted to the years before it
    (:func:`redline.deterrence.link.link_for`); None for a game file (no link: its numbers are not
    coded from the data, and the output says so).
    """
    from redline.deterrence import compare_levers, monte_carlo
    from redline.deterrence.coding import DESCRIPTIONS
    from redline.deterrence.link import NO_LINK_GAME_FILE, link_for

    out: dict[str, Any] = {"game": {"name": game.name, "target": game.target, "challenger": game.challenger}}
    out["decision"] = game.summary() | {
        "p_L": game.p_L,
        "p_W": game.p_W,
        "V": game.V,
        "k_L": game.k_L,
        "k_W": game.k_W,
    }
    if not game.article5 and counterfactual is not None:
        out["decision"]["kappa_if_article5"] = float(counterfactual())
    if draws and game.at_war:  # deterrence already failed: no P(failure), and the output says why
        nan = float("nan")
        out["montecarlo"] = {
            "target": game.target,
            "draws": 0,
            "p_failure": nan,
            "ci_low": nan,
            "ci_high": nan,
        }
        out["montecarlo"]["at_war"] = game.at_war_note
        draws = 0  # levers: point values only
    elif draws:
        r = monte_carlo(game, draws, rng=seed, rule=rule)
        out["montecarlo"] = r.summary()
        out["montecarlo"]["uncertainty"] = {k: dict(v) for k, v in game.uncertainty.items()}
        out["sensitivity"] = r.sensitivity
        seed = r.seed
    if levers:
        out["levers"] = compare_levers(game, levers, draws=draws, rng=seed, defined=defined, rule=rule)
    if not game.at_war and tornado_build is not None:
        from redline.deterrence.coding import tornado

        out["tornado"] = tornado_table(tornado(tornado_build, tornado_params))
    out["allies"] = game.allies_frame().copy()
    if game.assumptions:
        out["coefficients"] = [
            {"name": k, "value": v, "meaning": DESCRIPTIONS.get(k, "")} for k, v in game.assumptions.items()
        ]
    if game.gaps:
        out["gaps"] = list(game.gaps)
    if game.carried:  # figures dated before the year, with their age (as World.carried)
        out["carried"] = [  # years as text: a table prints 2022, not 2,022
            {**c, "year_used": str(c["year_used"]), "year_wanted": str(c["year_wanted"]),
             "age_years": c["year_wanted"] - c["year_used"]}
            for c in game.carried
        ]
    out["notes"] = list(game.notes)
    link = None if year is None else link_for(year)
    source = NO_LINK_GAME_FILE if year is None else _link_source(link)
    out["decision"]["p_attack_year"] = (
        None if year is None else _annual_of(game, link, out["decision"]["eu_attack"])
    )
    if year is not None:
        out["link"] = link
    mc = out.get("montecarlo", {})
    row = {**out["decision"], "p_failure": mc.get("p_failure")}
    answer = target_answer(row, source, game.at_war_note if game.at_war else None, draws=bool(draws))
    if "levers" in out and year is not None:
        frame = out["levers"]
        frame["p_attack_year"] = [_annual_of(g, link) for g in _lever_games(game, levers, defined)]
    if draws:
        out["notes"].insert(
            0,
            f"p_failure: the {SHARE_NAME}, not a probability of attack (docs/deterrence.md, 'In a scenario')",
        )
    return {"game": out.pop("game"), "answer": answer, **out}


def _lever_games(game: Any, levers: list, defined: dict[str, Any] | None) -> list[Any]:
    """The games :func:`~redline.deterrence.levers.compare_levers` compares, base first, in its row order."""
    from redline.deterrence.levers import resolve_lever

    return [game, *[resolve_lever(x, defined)(game) for x in levers]]


def tornado_table(frame: Any) -> Any:
    """The tornado as a table with a text bar per assumption (the spread of EU_C, the deciding quantity)."""
    widest = max(float(frame["spread"].max()), 1e-12)
    columns = [
        "assumption",
        "base",
        "low",
        "high",
        "kappa_low",
        "kappa_high",
        "eu_low",
        "eu_high",
        "regime_low",
        "regime_high",
    ]
    out = frame[columns].copy()
    out["bar"] = ["#" * max(1, round(10 * s / widest)) if s > 0 else "" for s in frame["spread"]]
    return out


def report_target(
    world: Any,
    target: str,
    params: dict[str, float] | None = None,
    *,
    capability_source: str = "nato",
    coalition: list[str] | None = None,
    uncertainty: dict[str, dict[str, Any]] | None = None,
    draws: int = 0,
    seed: int | None = 0,
    levers: list | None = None,
    rule: str | None = None,
    restraint: Any = None,
    sigma_steps: int = 11,
    nuclear_weight: float | None = None,
) -> dict[str, Any]:
    """:func:`report_game` for one target coded from the World (``redline deter --target``), with the
    restraint sweep on the ladder file ``restraint`` if given (:func:`add_restraint`)."""
    params = dict(params or {})
    coding = {"capability_source": capability_source, "coalition": coalition}
    game = code_game(world, target, params, uncertainty=uncertainty, **coding)
    out = report_game(
        game,
        draws,
        seed,
        levers,
        rule=rule,
        tornado_build=lambda q: code_game(world, target, q, **coding),
        tornado_params=params,
        counterfactual=lambda: kappa_if_article5(world, target, params, **coding),
        year=int(str(world.date)[:4]),
    )
    out["game"]["date"] = str(world.date)
    out["game"]["question"] = game.question
    out["notes"] = [*out["notes"], *world.notes]
    add_restraint(out, game, restraint, sigma_steps, nuclear_weight, draws, seed, rule, str(world.date))
    return out


def report_targets(
    world: Any,
    targets: list[str],
    params: dict[str, float],
    source: str,
    draws: int,
    seed: int | None,
    uncertainty: dict[str, dict[str, Any]] | None,
    levers: list,
    coalition: list[str] | None = None,
) -> dict[str, Any]:
    """One row per target (``--all-targets``), plus the coefficients and notes shared by every row."""
    import pandas as pd

    from redline.deterrence import apply_levers, monte_carlo
    from redline.deterrence.coding import DESCRIPTIONS, resolve_params
    from redline.deterrence.link import link_for

    link = link_for(int(str(world.date)[:4]))
    rows, notes, gaps = [], {}, {}
    coding = {"capability_source": source, "coalition": coalition}
    for target in targets:
        game = apply_levers(code_game(world, target, params, uncertainty=uncertainty, **coding), levers)
        s = game.summary()
        keys = (
            "target",
            "basis",
            "question",
            "allies",
            "kappa",
            "kappa_star",
            "margin",
            "regime",
            "resolve_margin",
        )
        row = {k: s[k] for k in keys}
        if game.article5:
            row["kappa_if_article5"] = s["kappa"]
        else:  # the same coding and levers without the non-member term
            row["kappa_if_article5"] = kappa_if_article5(
                world, target, params, levers, uncertainty=uncertainty, **coding
            )
        if draws and not game.at_war:
            r = monte_carlo(game, draws, rng=seed if seed is not None else 0)
            row.update({"p_failure": r.p_failure, "ci_low": r.ci_low, "ci_high": r.ci_high})
        elif draws:
            row.update({"p_failure": float("nan"), "ci_low": float("nan"), "ci_high": float("nan")})
        row["eu_attack"] = s["eu_attack"]
        row["p_attack_year"] = _annual_of(game, link, s["eu_attack"])
        rows.append(row)
        for n in game.notes:
            notes.setdefault(n, []).append(target)
        for g in game.gaps:
            gaps.setdefault((g["ally"], g["field"]), []).append(target)
    p = resolve_params(params)
    named = [f"p_attack_year: the {ANNUAL_NAME} at the coded EU_C, {_link_source(link)}"]
    if draws:
        named.insert(
            0,
            f"p_failure: the {SHARE_NAME}, not a probability of attack (docs/deterrence.md, 'In a scenario')",
        )
    return {
        "date": str(world.date),
        "link": link,
        "targets": pd.DataFrame(rows),
        "coefficients": [{"name": k, "value": v, "meaning": DESCRIPTIONS[k]} for k, v in p.items()],
        "levers": [getattr(lv, "name", str(lv)) for lv in levers],
        "gaps": [
            {"ally": a, "field": f, "targets": ", ".join(t) if len(t) < len(targets) else "all targets"}
            for (a, f), t in gaps.items()
        ],
        "notes": named
        + [f"{n} [{', '.join(t) if len(t) < len(targets) else 'all targets'}]" for n, t in notes.items()],
    }


def add_restraint(
    out: dict[str, Any],
    game: Any,
    ladder_file: Any,
    n_sigma: int,
    weight: float | None,
    draws: int,
    seed: Any,
    rule: str | None = None,
    as_of: str | None = None,
) -> None:
    """Add the protégé-restraint sweep (models.md §3.2 extension) to ``out`` when a ladder is given:
    a ladder file, or ``fitted``: the ladder fitted to the record up to ``as_of`` (12 months), its
    effects conditioned on the observed lifting, as in a scenario with ``[escalation] fit = true``."""
    if ladder_file is None:
        return
    from redline.deterrence.restraint import restraint_sweep
    from redline.errors import RedlineError
    from redline.escalation import load_ladder

    if n_sigma < 2:
        raise RedlineError(f"--sigma-steps: expected at least 2 support levels, got {n_sigma}")
    if str(ladder_file) == FITTED:
        from redline.escalation.fit import fit_escalation

        ladder: Any = fit_escalation(as_of=as_of, months=12)
    else:
        ladder = load_ladder(ladder_file)
    table = restraint_sweep(
        game,
        ladder,
        np.linspace(0, 1, n_sigma),
        draws=draws,
        rng=seed,
        nuclear_weight=weight,
        rule=rule,
    )
    out["restraint"] = table
    said = "; ".join(table.attrs["assumptions"])
    which = str(ladder_file)
    if str(ladder_file) == FITTED:  # the window and draws, so its σ = 0 can be set beside escalation fit's
        from redline.deterrence.restraint import LADDER_DRAWS

        which += (
            f" (record {ladder.meta['record_start']} to {ladder.meta['record_end']}, each σ over "
            f"{LADDER_DRAWS:,} posterior draws, seed {seed})"
        )
    out["notes"] = [*out["notes"], f"restraint sweep: ladder {which}; assumptions: {said}"]
