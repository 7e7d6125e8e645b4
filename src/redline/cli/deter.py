"""``redline deter``: Article 5 credibility, critical credibility, regime, the share of the assumption
draws in which attack pays and the annual P(attack) of the retrodiction link.

Parsing and printing only: the games are coded and reported by :mod:`redline.adapters.deterrence`, the
same code a scenario runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit
from redline.errors import RedlineError

__all__ = ["deter", "register"]


def _params(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq:
            raise RedlineError(f"--param {item!r}: expected NAME=NUMBER, e.g. --param force_ratio=3")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise RedlineError(f"--param {key.strip()}: expected a number, got {value!r}") from None
    return out


def _uncertainty(w_concentration: float | None, a_sigma: float | None) -> dict[str, dict[str, Any]]:
    unc: dict[str, dict[str, Any]] = {}
    if w_concentration is not None:
        if not w_concentration > 0:
            raise RedlineError(f"--w-concentration: expected a number > 0, got {w_concentration}")
        unc["w.*"] = {"dist": "beta", "concentration": w_concentration}
    if a_sigma is not None:
        if not a_sigma > 0:
            raise RedlineError(f"--a-sigma: expected a number > 0, got {a_sigma}")
        unc["a.*"] = {"dist": "lognormal", "sigma": a_sigma}
    return unc


_SHORT = {
    "moscow_1000km": "msk_Mm",
    "target_1000km": "tgt_Mm",
    "ukraine_aid_pct_gdp": "aid%",
    "unga_yes_share": "unga",
    "libdem": "libdem",
    "border": "bord",
    "index": "x",
    "reach": "reach",
}
"""Column names of the per-ally table in the terminal (the JSON keeps the long names)."""


def _compact(value: Any) -> Any:
    """Round floats for the terminal: 6 decimals in key-value tables."""
    if isinstance(value, float):
        return f"{value:.6f}" if abs(value) < 1e6 else f"{value:.4g}"
    return value


def _interval(p: float, lo: float, hi: float, digits: int = 4) -> str:
    return f"{p:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


def _for_terminal(key: str, value):
    """Narrow versions of the wide tables for an 80-column terminal (JSON/CSV keep every column)."""
    from redline.deterrence.link import ANNUAL_NAME, annual_text

    if key == "allies":
        cols = list(
            dict.fromkeys(c for c in ("ally", "w", "a", "personnel_k", "w_basis") if c in value.columns)
        )
        return value[cols].round(4), key
    if key == "tornado":
        cols = ["assumption", "low", "high", "eu_low", "eu_high", "regime_low", "regime_high", "bar"]
        title = "tornado (each assumption swung alone; EU_C = challenger's utility of attacking)"
        return value[cols].round(3), title
    if key == "forecasts":
        return value.round(4), key
    if key == "sensitivity" and len(value) > 12:
        return value.head(12).round(4), f"sensitivity (top 12 of {len(value)}; all in --format json)"
    if key == "restraint":
        cols = [
            c
            for c in (
                "sigma",
                "p_L",
                "kappa_star",
                "regime",
                "p_failure",
                "p_nuclear",
                "p_nuclear_lo",
                "p_nuclear_hi",
                "loss",
                "best",
            )
            if c in value.columns
        ]
        return value[cols].round(4), "restraint (protégé support σ)"
    if key in ("targets", "dated_checks") and "met" in value.columns:  # backtest-deterrence: say it in words
        return value.assign(met=value["met"].map({True: "met", False: "NOT MET"})).round(6), key
    if key in ("levers", "targets"):
        out = value[
            [
                c
                for c in (
                    "lever",
                    "target",
                    "basis",
                    "question",
                    "kappa",
                    "kappa_if_article5",
                    "kappa_star",
                    "margin",
                    "regime",
                    "resolve_margin",
                )
                if c in value.columns
            ]
        ].copy()
        out = out.rename(
            columns={"kappa_if_article5": "kappa_art5", "kappa_star": "kappa*", "resolve_margin": "Δresolve"}
        ).round(4)
        if "basis" in out:
            out["basis"] = out["basis"].map({"Article 5": "Art5", "coalition of the willing": "coalition"})
        if "p_failure" in value:
            out["share attack pays [95% CI]"] = [  # p_failure: link.SHARE_NAME (said in a note)
                _interval(*r) for r in value[["p_failure", "ci_low", "ci_high"]].to_numpy()
            ]
        if "delta_p" in value:
            out["ΔP [95% CI]"] = [
                _interval(*r) for r in value[["delta_p", "delta_low", "delta_high"]].to_numpy()
            ]
        if "p_attack_year" in value:
            out[ANNUAL_NAME] = [annual_text(p) for p in value["p_attack_year"]]
        return out, key
    return value.round(6), key


def _print(out: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        emit(out, fmt)
        return
    import pandas as pd

    ordered = [(k, v) for k, v in out.items() if k != "notes"] + [("notes", out.get("notes", []))]
    for key, value in ordered:
        if key == "notes":
            for note in value:
                if fmt is Format.table:
                    console.print(f"note: {note}", soft_wrap=True, markup=False)
                else:
                    typer.echo(f"# note: {note}")
            continue
        if isinstance(value, str):  # the one-line answer (adapters.deterrence.target_answer)
            if fmt is Format.table:
                console.print(f"{key}: {value}", soft_wrap=True, markup=False)
            else:
                typer.echo(f"# {key}: {value}")
        elif isinstance(value, dict):
            emit({k: _compact(v) for k, v in value.items() if not isinstance(v, dict)}, fmt, title=key)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            emit(pd.DataFrame(value), fmt, title=key)
        elif isinstance(value, pd.DataFrame) and len(value):
            if fmt is Format.table:
                value, key = _for_terminal(key, value)
            emit(value, fmt, title=key)


def deter(
    game_file: Path = typer.Argument(None, help="A fully specified game (TOML, see docs/deterrence.md)."),
    year: int = typer.Option(2024, "--year", help="World year for data-driven games (end of the year)."),
    date: str = typer.Option(
        None, "--date", help="World date YYYY-MM-DD instead of --year (memberships that day)."
    ),
    target: list[str] = typer.Option([], "--target", "-t", help="ISO3 of the attacked state (repeatable)."),
    all_targets: bool = typer.Option(False, "--all-targets", help="Every NATO member plus UKR, MDA, GEO."),
    draws: int = typer.Option(None, "--draws", "-n", help="Monte Carlo draws (0 = exact point values only)."),
    seed: int = typer.Option(None, "--seed", help="Seed of the Monte Carlo."),
    lever: list[str] = typer.Option(
        [], "--lever", "-l", help="Lever NAME or NAME:key=value,... (repeatable)."
    ),
    lever_file: Path = typer.Option(
        None,
        "--lever-file",
        help="TOML of user-defined levers (\\[levers.define.NAME] tables); all compared unless --lever names some.",
    ),
    param: list[str] = typer.Option([], "--param", "-p", help="Coding parameter NAME=VALUE (repeatable)."),
    capability: str = typer.Option("nato", "--capability", help="Capability source: nato or sipri."),
    coalition: str = typer.Option(
        None, "--coalition", help="Responders for a non-member target, e.g. USA,GBR,POL (default: NATO)."
    ),
    w_concentration: float = typer.Option(
        None, "--w-concentration", help="Beta noise around each ally's w (concentration)."
    ),
    a_sigma: float = typer.Option(
        None, "--a-sigma", help="Log-normal noise around each ally's capability (sigma)."
    ),
    rule: str = typer.Option(None, "--rule", help="Decision rule for draws: pbe or logit (needs lambda)."),
    restraint: Path = typer.Option(
        None,
        "--restraint",
        help="Ladder TOML, or 'fitted' (the ladder fitted to the record up to the date, effects conditioned "
        "on the Nov 2024 lifting): sweep protégé support σ (P(failure) and P(nuclear)).",
    ),
    sigma_steps: int = typer.Option(
        11, "--sigma-steps", help="Number of support levels σ in [0, 1] for --restraint."
    ),
    nuclear_weight: float = typer.Option(
        None, "--nuclear-weight", help="Flag the σ minimising P(fail) + weight·P(nuclear)."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Article 5 credibility κ, critical credibility κ*, margin, regime, share of draws where attack pays, annual P(attack).

    Examples:

      redline deter --year 2024 --target EST

      redline deter --year 2021 --target UKR --draws 20000 --seed 1 --w-concentration 20 --lever us_withdrawal --lever spend_3_5

      redline deter --year 2024 --all-targets --param force_ratio=3

      redline deter examples/deterrence_illustrative.toml --format json

      redline deter --target POL --lever-file examples/deterrence_illustrative.toml --lever europe_doubles --lever us_withdrawal

      redline deter --year 2021 --target UKR --param lambda_c=5 --restraint examples/ladders/kursk.toml

      redline deter --year 2025 --target UKR --restraint fitted
    """
    from redline.adapters.deterrence import (
        NON_MEMBERS,
        add_restraint,
        report_game,
        report_target,
        report_targets,
        world_for,
    )
    from redline.deterrence import define_lever, load_game
    from redline.deterrence.levers import load_levers, parse_lever

    from_file = load_levers(lever_file) if lever_file else {}
    if game_file is not None:
        if target or all_targets:
            raise RedlineError("give either a game file or --target/--all-targets, not both")
        game, settings = load_game(game_file)
        mc = settings["montecarlo"]
        lv = settings.get("levers", {})
        defined = {**lv.get("define", {}), **from_file}
        extra = lever or list(from_file)
        levers = [*lv.get("compare", []), *[parse_lever(x) if x not in defined else x for x in extra]]
        n = draws if draws is not None else int(mc.get("draws", 0))
        s = seed if seed is not None else mc.get("seed", 0)
        out = report_game(game, n, s, levers, defined, rule or mc.get("rule"))
        out["game"]["file"] = str(game_file)
        add_restraint(out, game, restraint, sigma_steps, nuclear_weight, n, s, rule or mc.get("rule"))
        _print(out, fmt)
        return
    levers = [define_lever(x, from_file[x]) if x in from_file else parse_lever(x) for x in lever or from_file]
    params = _params(param)
    unc = _uncertainty(w_concentration, a_sigma)
    n = draws or 0
    world = world_for(year, date)
    coalition_list = [c.strip().upper() for c in coalition.split(",") if c.strip()] if coalition else None
    if all_targets:
        members = list(world.members("NATO"))
        out = report_targets(
            world, members + list(NON_MEMBERS), params, capability, n, seed, unc, levers, coalition_list
        )
        out["notes"] = [*out["notes"], *world.notes]
        _print(out, fmt)
        return
    if not target:
        raise RedlineError("give a game file, --target ISO3 or --all-targets (see redline deter --help)")
    outs = [
        report_target(
            world,
            t,
            params,
            capability_source=capability,
            coalition=coalition_list,
            uncertainty=unc,
            draws=n,
            seed=seed if seed is not None else 0,
            levers=levers,
            rule=rule,
            restraint=restraint,
            sigma_steps=sigma_steps,
            nuclear_weight=nuclear_weight,
        )
        for t in target
    ]
    if fmt is Format.json and len(outs) > 1:
        emit(outs, fmt)
        return
    for out in outs:
        _print(out, fmt)


def backtest_deterrence(
    first: int = typer.Option(2000, "--from", help="First year of the panel."),
    last: int = typer.Option(2025, "--to", help="Last year of the panel."),
    param: list[str] = typer.Option([], "--param", "-p", help="Coding parameter NAME=VALUE (repeatable)."),
    boot: int = typer.Option(1000, "--bootstrap", help="Bootstrap resamples of targets for the intervals."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap."),
    checks: bool = typer.Option(True, "--checks/--no-checks", help="Also code the dated checks."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Retrodiction: Russia against its neighbours and NATO, each year coded from what was known then.

    Scores P(attack) out of sample (leave-one-target-out) against the base rate and the rule
    "attack iff a non-member neighbour" (Brier, log loss, bootstrap intervals, calibration), then the
    dated checks and the targets of docs/deterrence.md.

    Examples:

      redline backtest-deterrence

      redline backtest-deterrence --from 2010 --to 2024 --no-checks --format json
    """
    from redline.deterrence.backtest import backtest

    out = backtest(first, last, _params(param), n_boot=boot, seed=seed, checks=checks)
    out.pop("forecasts")
    out["notes"] = [
        "each (target, year) is coded as of 31 December of the year before; attacks of the year are never read",
        "P(attack) = logistic(alpha + lambda * EU_C), alpha and lambda fitted on the other targets only",
        "log loss clips probabilities to [0.01, 0.99]; intervals: 95% bootstrap over targets",
    ]
    _print(out, fmt)


def register(app: typer.Typer) -> None:
    """Add ``redline deter`` and ``redline backtest-deterrence``."""
    app.command("deter")(deter)
    app.command("backtest-deterrence")(backtest_deterrence)
