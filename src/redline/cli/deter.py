"""``redline deter``: Article 5 credibility, critical credibility, regime and P(deterrence failure)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit
from redline.errors import RedlineError

__all__ = ["deter", "register", "report_game", "report_targets"]

NON_MEMBERS = ("UKR", "MDA", "GEO")
"""Non-members shown by ``--all-targets`` (coalition of the willing, no Article 5)."""


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


def report_game(
    game,
    draws: int = 0,
    seed: int | None = 0,
    levers: list | None = None,
    defined=None,
    rule: str | None = None,
    tornado_build=None,
    tornado_params: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Everything printed for one game, as a JSON-ready dict (keys documented in docs/deterrence.md)."""
    from redline.deterrence import compare_levers, monte_carlo
    from redline.deterrence.coding import DESCRIPTIONS

    out: dict[str, Any] = {"game": {"name": game.name, "target": game.target, "challenger": game.challenger}}
    out["decision"] = game.summary() | {
        "p_L": game.p_L,
        "p_W": game.p_W,
        "V": game.V,
        "k_L": game.k_L,
        "k_W": game.k_W,
    }
    if not game.article5 and game.coding is not None and "w_if_article5" in game.coding:
        out["decision"]["kappa_if_article5"] = float(
            game.replace(w=game.coding["w_if_article5"].to_numpy()).kappa()
        )
    if draws:
        r = monte_carlo(game, draws, rng=seed, rule=rule)
        out["montecarlo"] = r.summary()
        out["montecarlo"]["uncertainty"] = {k: dict(v) for k, v in game.uncertainty.items()}
        out["sensitivity"] = r.sensitivity
        seed = r.seed
    if levers:
        out["levers"] = compare_levers(game, levers, draws=draws, rng=seed, defined=defined, rule=rule)
    if game.question != "continuation" and tornado_build is not None:
        from redline.deterrence.coding import tornado

        out["tornado"] = _tornado_table(tornado(tornado_build, tornado_params))
    coding = game.allies_frame().copy()
    out["allies"] = coding
    if game.assumptions:
        out["coefficients"] = [
            {"name": k, "value": v, "meaning": DESCRIPTIONS.get(k, "")} for k, v in game.assumptions.items()
        ]
    if game.gaps:
        out["gaps"] = list(game.gaps)
    out["notes"] = list(game.notes)
    return out


def _tornado_table(frame):
    """The tornado as a table with a text bar per assumption (the spread of EU_C, the deciding quantity)."""
    widest = max(float(frame["spread"].max()), 1e-12)
    out = frame[["assumption", "base", "low", "high", "kappa_low", "kappa_high", "eu_low", "eu_high",
                 "regime_low", "regime_high"]].copy()
    out["bar"] = ["#" * max(1, round(10 * s / widest)) if s > 0 else "" for s in frame["spread"]]
    return out


def _world(year: int, date: str | None):
    """The World of the year or date; after SIPRI's last year, figures are carried forward with notes."""
    from redline.data import load_table
    from redline.world import World

    wanted = int(str(date)[:4]) if date else int(year)
    carry = wanted > int(load_table("milex")["year"].max())
    return World.for_date(date, carry_forward=carry) if date else World.for_year(year, carry_forward=carry)


def report_targets(
    world,
    targets: list[str],
    params: dict[str, float],
    source: str,
    draws: int,
    seed: int | None,
    uncertainty,
    levers,
    coalition: list[str] | None = None,
) -> dict[str, Any]:
    """One row per target (``--all-targets``), plus the coefficients and notes shared by every row."""
    import pandas as pd

    from redline.deterrence import apply_levers, from_world, monte_carlo
    from redline.deterrence.coding import DESCRIPTIONS, resolve_params

    rows, notes, gaps = [], {}, {}
    for target in targets:
        kwargs = {"capability_source": source, "coalition": coalition, "uncertainty": uncertainty}
        game = apply_levers(from_world(world, target, params, **kwargs), levers)
        s = game.summary()
        keys = ("target", "basis", "question", "allies", "kappa", "kappa_star", "margin", "regime", "resolve_margin")
        row = {k: s[k] for k in keys}
        if game.article5:
            row["kappa_if_article5"] = s["kappa"]
        else:  # the same coding and levers without the non-member term
            as_member = {**params, "treat_as_member": 1.0}
            row["kappa_if_article5"] = apply_levers(
                from_world(world, target, as_member, **kwargs), levers
            ).kappa()
        if draws and game.question != "continuation":
            r = monte_carlo(game, draws, rng=seed if seed is not None else 0)
            row.update({"p_failure": r.p_failure, "ci_low": r.ci_low, "ci_high": r.ci_high})
        elif draws:
            row.update({"p_failure": float("nan"), "ci_low": float("nan"), "ci_high": float("nan")})
        rows.append(row)
        for n in game.notes:
            notes.setdefault(n, []).append(target)
        for g in game.gaps:
            gaps.setdefault((g["ally"], g["field"]), []).append(target)
    p = resolve_params(params)
    return {
        "date": str(world.date),
        "targets": pd.DataFrame(rows),
        "coefficients": [{"name": k, "value": v, "meaning": DESCRIPTIONS[k]} for k, v in p.items()],
        "levers": [getattr(lv, "name", str(lv)) for lv in levers],
        "gaps": [
            {"ally": a, "field": f, "targets": ", ".join(t) if len(t) < len(targets) else "all targets"}
            for (a, f), t in gaps.items()
        ],
        "notes": [
            f"{n} [{', '.join(t) if len(t) < len(targets) else 'all targets'}]" for n, t in notes.items()
        ],
    }


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


def _restraint(
    out: dict[str, Any],
    game,
    ladder_file: Path | None,
    n_sigma: int,
    weight: float | None,
    draws: int,
    seed,
    rule: str | None = None,
) -> None:
    """Add the protégé-restraint sweep (models.md §3.2 extension) when a ladder file is given."""
    if ladder_file is None:
        return
    import numpy as np

    from redline.deterrence.restraint import restraint_sweep
    from redline.escalation import load_ladder

    if n_sigma < 2:
        raise RedlineError(f"--sigma-steps: expected at least 2 support levels, got {n_sigma}")
    table = restraint_sweep(
        game,
        load_ladder(ladder_file),
        np.linspace(0, 1, n_sigma),
        draws=draws,
        rng=seed,
        nuclear_weight=weight,
        rule=rule,
    )
    out["restraint"] = table
    out["notes"] = [
        *out["notes"],
        f"restraint sweep: ladder {ladder_file}, effects at σ = 1 (assumptions): "
        + ", ".join(f"{k}={v:g}" for k, v in table.attrs["effects"].items()),
    ]


def _interval(p: float, lo: float, hi: float, digits: int = 4) -> str:
    return f"{p:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


def _for_terminal(key: str, value):
    """Narrow versions of the wide tables for an 80-column terminal (JSON/CSV keep every column)."""
    if key == "allies":
        cols = list(dict.fromkeys(c for c in ("ally", "w", "a", "personnel_k", "w_basis") if c in value.columns))
        return value[cols].round(4), key
    if key == "tornado":
        cols = ["assumption", "low", "high", "eu_low", "eu_high", "regime_low", "regime_high", "bar"]
        return value[cols].round(3), "tornado (each assumption swung alone; EU_C = challenger's utility of attacking)"
    if key == "forecasts":
        return value.round(4), key
    if key == "sensitivity" and len(value) > 12:
        return value.head(12).round(4), f"sensitivity (top 12 of {len(value)}; all in --format json)"
    if key == "restraint":
        cols = [
            c
            for c in ("sigma", "p_L", "kappa_star", "regime", "p_failure", "p_nuclear", "loss", "best")
            if c in value.columns
        ]
        return value[cols].round(4), "restraint (protégé support σ)"
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
            out["P(fail) [95% CI]"] = [
                _interval(*r) for r in value[["p_failure", "ci_low", "ci_high"]].to_numpy()
            ]
        if "delta_p" in value:
            out["ΔP [95% CI]"] = [
                _interval(*r) for r in value[["delta_p", "delta_low", "delta_high"]].to_numpy()
            ]
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
        if isinstance(value, dict):
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
        help="TOML of user-defined levers ([levers.define.NAME] tables); all compared unless --lever names some.",
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
        None, "--restraint", help="Ladder TOML: sweep protégé support σ (P(failure) and P(nuclear))."
    ),
    sigma_steps: int = typer.Option(
        11, "--sigma-steps", help="Number of support levels σ in [0, 1] for --restraint."
    ),
    nuclear_weight: float = typer.Option(
        None, "--nuclear-weight", help="Flag the σ minimising P(fail) + weight·P(nuclear)."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Article 5 credibility κ, critical credibility κ*, margin, regime and P(deterrence failure).

    Examples:

      redline deter --year 2024 --target EST

      redline deter --year 2024 --target UKR --draws 20000 --seed 1 --w-concentration 20 --lever us_withdrawal --lever spend_3_5

      redline deter --year 2024 --all-targets --param force_ratio=3

      redline deter examples/deterrence_illustrative.toml --format json

      redline deter --target POL --lever-file examples/deterrence_illustrative.toml --lever europe_doubles --lever us_withdrawal

      redline deter --target UKR --param lambda_c=5 --restraint examples/ladders/kursk.toml
    """
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
        _restraint(out, game, restraint, sigma_steps, nuclear_weight, n, s, rule or mc.get("rule"))
        _print(out, fmt)
        return
    levers = [define_lever(x, from_file[x]) if x in from_file else parse_lever(x) for x in lever or from_file]
    params = _params(param)
    unc = _uncertainty(w_concentration, a_sigma)
    n = draws or 0
    world = _world(year, date)
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
    from redline.deterrence import from_world

    outs = []
    for t in target:
        game = from_world(
            world, t, params, capability_source=capability, coalition=coalition_list, uncertainty=unc
        )
        out = report_game(
            game, n, seed if seed is not None else 0, levers, rule=rule,
            tornado_build=lambda q, t=t: from_world(
                world, t, q, capability_source=capability, coalition=coalition_list
            ),
            tornado_params=params,
        )
        out["game"]["date"] = str(world.date)
        out["notes"] = [*out["notes"], *world.notes]
        out["game"]["question"] = game.question
        _restraint(
            out, game, restraint, sigma_steps, nuclear_weight, n, seed if seed is not None else 0, rule
        )
        outs.append(out)
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
