"""``redline escalate``: exact escalation probabilities of a ladder with red lines (models.md §4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit

__all__ = ["escalate", "register", "report"]


def report(
    path: Path, steps: int | None = None, prior: bool = False, draws: int = 0, seed: int | None = None
) -> dict[str, Any]:
    """Everything the command prints, as a JSON-ready dict (keys listed in docs/escalation.md)."""
    from redline import __version__
    from redline.escalation import load_ladder, propagate, simulate

    ladder = load_ladder(path)
    steps = ladder.steps if steps is None else steps
    used = ladder.replace(observations=()) if prior else ladder.posterior()
    result = propagate(used, steps)
    out: dict[str, Any] = {
        "file": str(path),
        "version": __version__,
        "ladder": {
            "name": ladder.name,
            "illustrative": ladder.illustrative,
            "source": ladder.source,
            "rungs": list(ladder.rungs),
            "nuclear_rung": ladder.nuclear_rung,
            "start": ladder.start,
            "steps": steps,
            "time_step": ladder.time_step,
            "theta0": ladder.theta0,
            "theta": used.theta0,
            "rho": used.rho(),
            "pi_resolute": ladder.pi_resolute,
            "q_resolute": ladder.q_resolute,
            "q_bluffer": ladder.q_bluffer,
            "red_lines": [{"rung": r.rung, "tau": r.tau, "label": r.label} for r in ladder.red_lines],
            "h": list(ladder.h),
            "e": list(ladder.e),
            "g": list(ladder.g),
            "logit_lambda": ladder.logit_lambda,
        },
        "observations_applied": not prior,
        "observations": ladder.belief_trail(),
        "steps": result.to_frame().to_dict(orient="records"),
        "final": {
            "p_nuclear_resolute": float(result.p_nuclear_resolute[0, -1]),
            "p_nuclear_bluffer": float(result.p_nuclear_bluffer[0, -1]),
            "p_nuclear": float(result.p_nuclear[0, -1]),
        },
    }
    if ladder.observations and not prior:
        before = propagate(ladder.replace(observations=()), steps)
        out["before_observations"] = {
            "theta": ladder.theta0,
            "rho": ladder.rho(),
            "p_nuclear_resolute": float(before.p_nuclear_resolute[0, -1]),
            "p_nuclear_bluffer": float(before.p_nuclear_bluffer[0, -1]),
            "p_nuclear": float(before.p_nuclear[0, -1]),
        }
    out["_result"] = result  # popped by the command (for the figure)
    if draws:
        summary = simulate(used, steps, draws, seed).to_frame().iloc[-1]
        mc = {"draws": draws, "seed": seed}
        for key in (
            "p_nuclear",
            "se",
            "p_nuclear_resolute",
            "se_resolute",
            "p_nuclear_bluffer",
            "se_bluffer",
        ):
            mc[key] = float(summary[key])
        se = mc["se"]
        mc["z"] = (mc["p_nuclear"] - out["final"]["p_nuclear"]) / se if se > 0 else 0.0
        out["monte_carlo"] = mc
    return out


def escalate(
    ladder: Path = typer.Argument(..., help="Ladder TOML file (format: docs/escalation.md)."),
    steps: int | None = typer.Option(
        None, "--steps", "-n", min=0, help="Horizon N (default: the file's steps)."
    ),
    prior: bool = typer.Option(False, "--prior", help="Ignore the file's observations (belief = prior θ_0)."),
    draws: int = typer.Option(0, "--draws", min=0, help="Also run a Monte Carlo check with this many runs."),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the Monte Carlo check."),
    html: Path | None = typer.Option(
        None, "--html", help="Write the escalation curves as an offline HTML figure."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (per-step rows) or json."),
) -> None:
    """P(nuclear rung within t steps) per true type and mixed, and the belief path, for a ladder.

    Example: [bold]redline escalate examples/ladders/kursk.toml --steps 10[/bold]
    """
    out = report(ladder, steps, prior, draws, seed)
    if html is not None:
        from redline.escalation.figure import escalation_figure, write_figure_html

        write_figure_html(escalation_figure(out.pop("_result")), html)
    out.pop("_result", None)
    if fmt is Format.json:
        emit(out, fmt)
        return
    if fmt is Format.csv:
        emit(out["steps"], fmt)
        return
    _print_table(out)
    if html is not None:
        console.print(f"figure written to {html}")


def _print_table(out: dict[str, Any]) -> None:
    info = out["ladder"]
    console.print(
        f"[bold]{info['name']}[/bold]"
        + ("  [yellow](illustrative numbers)[/yellow]" if info["illustrative"] else "")
    )
    if not info["illustrative"] and info["source"]:
        console.print(f"source: {info['source']}")
    unit = "steps" if info["time_step"] == "step" else f"{info['time_step']}s"
    if out["observations"]:
        emit(
            [
                {
                    "observation": row["observation"],
                    "date": row["date"],
                    "answered": row["retaliated"],
                    "θ before": row["theta_before"],
                    "θ after": row["theta_after"],
                    "ρ before": row["rho_before"],
                    "ρ after": row["rho_after"],
                }
                for row in out["observations"]
            ],
            Format.table,
            title="belief updates " + ("(applied)" if out["observations_applied"] else "(ignored: --prior)"),
        )
    if "before_observations" in out:
        before = out["before_observations"]
        console.print(
            f"before observations: θ = {before['theta']:.6g}, ρ = {before['rho']:.6g}, "
            f"P(nuclear within {info['steps']}) = {before['p_nuclear']:.6g}"
        )
    console.print(
        f"start rung {info['start']} ({info['rungs'][info['start']]}); θ = {info['theta']:.7g}, "
        f"ρ = {info['rho']:.6g}; π_R = {info['pi_resolute']:.6g}"
    )
    short = {
        "step": "step",
        "p_nuclear_resolute": "P(K)|resolute",
        "p_nuclear_bluffer": "P(K)|bluffer",
        "p_nuclear": "P(K) mixture",
        "p_nuclear_step": "new",
        "belief_resolute": "E[θ]|resolute",
        "belief_bluffer": "E[θ]|bluffer",
        "belief": "E[θ]",
    }
    rows = [
        {short[k]: f"{v:.6f}" if isinstance(v, float) else v for k, v in row.items()} for row in out["steps"]
    ]
    emit(rows, Format.table, title="cumulative P(nuclear rung K reached) and expected belief, per step")
    final = out["final"]
    console.print(
        f"P(nuclear within {info['steps']} {unit}): resolute {final['p_nuclear_resolute']:.6f}, "
        f"bluffer {final['p_nuclear_bluffer']:.6f}, mixture {final['p_nuclear']:.6f}"
    )
    if "monte_carlo" in out:
        mc = out["monte_carlo"]
        console.print(
            f"Monte Carlo ({mc['draws']} runs, seed {mc['seed']}): {mc['p_nuclear']:.6f} ± {mc['se']:.6f} "
            f"(z = {mc['z']:+.2f} against exact)"
        )


def register(app: typer.Typer) -> None:
    """Add ``redline escalate`` to the app."""
    app.command("escalate", help=escalate.__doc__)(escalate)
