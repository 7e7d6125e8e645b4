"""``redline bargain``: forecast a group decision with Bueno de Mesquita's expected-utility model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit
from redline.errors import RedlineError

__all__ = ["bargain", "register", "report"]


def _parse_scale(text: str) -> tuple[float, float]:
    """``LOW,HIGH``: two finite numbers within ±1e15, LOW below HIGH (checked before any work)."""
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise RedlineError(f"--scale: expected LOW,HIGH (e.g. 0,100), got {text!r}") from None
    if not (abs(low) <= 1e15 and abs(high) <= 1e15 and low < high):  # also False for NaN
        raise RedlineError(f"--scale: expected LOW,HIGH with finite LOW < HIGH within ±1e15 (e.g. 0,100), got {text!r}")
    return low, high


def report(
    path: Path,
    *,
    compat: str = "default",
    max_rounds: int = 1000,
    status_quo: float | None = None,
    draws: int = 0,
    position_sd: float = 0.0,
    position_dist: str = "normal",
    salience_concentration: float | None = None,
    capability_sigma: float = 0.0,
    scale: str = "0,100",
    threshold: float | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    """Everything the command prints, as a JSON-ready dict (keys listed in docs/bargaining.md)."""
    from redline import __version__
    from redline.actors import read_actors
    from redline.bargaining import forecast, monte_carlo
    from redline.progress import stage

    bounds = _parse_scale(scale)  # a bad scale is refused even when no draw would read it
    actors = read_actors(path)
    with stage("bargaining at the coded positions (a first run compiles the kernel)"):
        result = forecast(actors, compat=compat, max_rounds=max_rounds, status_quo=status_quo)
    full = result.to_dict()
    out: dict[str, Any] = {
        "file": str(path),
        "version": __version__,
        "forecast": full["forecast"],
        "status": full["status"],
        "rounds": full["rounds"],
        "cycle_min": full["cycle_min"],
        "cycle_max": full["cycle_max"],
        "baselines": full["baselines"],
        "actors": [
            {
                "actor": name,
                "position": float(actors.position[i]),
                "capability": float(actors.capability[i]),
                "salience": float(actors.salience[i]),
                "final_position": float(result.final_positions[i]),
                "moves": int((result.moves["actor"] == name).sum()),
            }
            for i, name in enumerate(actors.actor)
        ],
        "trajectory": [
            {
                "round": row["round"],
                "median": row["median"],
                "mean": row["mean"],
                "positions": row["positions"],
            }
            for row in full["trajectory"]
        ],
        "moves": full["moves"],
        "settings": full["settings"],
    }
    if draws:
        with stage(f"Monte Carlo: {draws:,} draws of the coding"):
            dist = monte_carlo(
                actors,
                draws,
                rng=seed,
                position_sd=position_sd,
                position_dist=position_dist,
                salience_concentration=salience_concentration,
                capability_sigma=capability_sigma,
                scale=bounds,
                threshold=threshold,
                status_quo=status_quo,
                compat=compat,
                max_rounds=max_rounds,
            )
        out["distribution"] = dist.to_dict()
    out["_result"] = result  # popped by the command (for the CSV table)
    return out


def bargain(
    actors: Path = typer.Argument(
        ..., help="Actors CSV: actor, position, capability, salience (or salience_pct)."
    ),
    compat: str = typer.Option(
        "default", "--compat", help="Model variant: default, scholz_code or dmasad (models.md §1.7)."
    ),
    max_rounds: int = typer.Option(1000, "--max-rounds", min=0, help="Hard stop on the number of rounds."),
    status_quo: float | None = typer.Option(None, "--status-quo", help="Status quo, shown as a baseline."),
    draws: int = typer.Option(
        0, "--draws", min=0, help="Monte Carlo draws over uncertain codings (0: none)."
    ),
    position_sd: float = typer.Option(0.0, "--position-sd", min=0, help="SD of the position error per draw."),
    position_dist: str = typer.Option("normal", "--position-dist", help="normal or uniform position error."),
    salience_concentration: float | None = typer.Option(
        None,
        "--salience-concentration",
        help="Beta concentration of salience around its coding (none: fixed).",
    ),
    capability_sigma: float = typer.Option(
        0.0, "--capability-sigma", min=0, help="Log-normal sigma of the capability error."
    ),
    scale: str = typer.Option(
        "0,100", "--scale", help="Issue scale LOW,HIGH; drawn positions are clipped to it."
    ),
    threshold: float | None = typer.Option(None, "--threshold", help="Report P(forecast >= threshold)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the Monte Carlo draws."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (per-round rows) or json."),
) -> None:
    """Forecast where actors bargaining over one issue end up (expected-utility model), with baselines.

    Example: [bold]redline bargain examples/bargaining/ec_car_emissions_1994.csv --draws 500 --position-sd 0.5[/bold]
    """
    out = report(
        actors,
        compat=compat,
        max_rounds=max_rounds,
        status_quo=status_quo,
        draws=draws,
        position_sd=position_sd,
        position_dist=position_dist,
        salience_concentration=salience_concentration,
        capability_sigma=capability_sigma,
        scale=scale,
        threshold=threshold,
        seed=seed,
    )
    result = out.pop("_result")
    if fmt is Format.json:
        emit(out, fmt)
        return
    if fmt is Format.csv:
        emit(result.to_frame(), fmt)
        return
    _print_table(out)


def _print_table(out: dict[str, Any]) -> None:
    cycle = ""
    if out["cycle_min"] is not None:
        cycle = f" (cycle between {out['cycle_min']:.6g} and {out['cycle_max']:.6g})"
    console.print(
        f"[bold]forecast {out['forecast']:.6g}[/bold]{cycle}: {out['status']} after {out['rounds']} rounds "
        f"(compat {out['settings']['prob_rule']}/{out['settings']['offer_selection']}/"
        f"{out['settings']['perspective']})"
    )
    base = out["baselines"]
    sq = "—" if base["status_quo"] is None else f"{base['status_quo']:.6g}"
    console.print(
        f"baselines: weighted mean {base['weighted_mean']:.6g}, weighted median {base['weighted_median']:.6g}, "
        f"status quo {sq}"
    )
    emit(out["actors"], Format.table, title="actors: initial and final positions")
    trajectory = out["trajectory"]
    step = max(1, len(trajectory) // 15)
    shown = (
        trajectory[::step] if trajectory[-1] in trajectory[::step] else [*trajectory[::step], trajectory[-1]]
    )
    emit(
        [{"round": row["round"], "median": row["median"], "mean": row["mean"]} for row in shown],
        Format.table,
        title="weighted median and mean by round" + (f" (every {step}th round)" if step > 1 else ""),
    )
    if "distribution" in out:
        dist = out["distribution"]
        q = dist["quantiles"]
        console.print(
            f"Monte Carlo ({dist['draws']} draws, seed {dist['seed']}): mean {dist['mean']:.6g} ± "
            f"{dist['standard_error']:.2g} (SE); 5%-50%-95%: {q['0.05']:.6g} / {q['0.5']:.6g} / {q['0.95']:.6g}"
        )
        shares = dist["status_shares"]
        console.print(
            f"  converged {shares['converged']:.1%}, cycle {shares['cycle']:.1%}, max_rounds {shares['max_rounds']:.1%}; "
            f"mean rounds {dist['mean_rounds']:.1f}"
        )
        if "p_at_least_threshold" in dist:
            console.print(
                f"  P(forecast >= {dist['threshold']:g}) = {dist['p_at_least_threshold']:.4f} ± "
                f"{dist['p_at_least_threshold_se']:.4f}"
            )
        emit(dist["actors"], Format.table, title="per actor over draws")


def register(app: typer.Typer) -> None:
    """Add ``redline bargain`` to the app."""
    app.command("bargain", help=bargain.__doc__)(bargain)
