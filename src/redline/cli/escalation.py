"""``redline escalation``: the ladder fitted to the record since 2022, and its check against it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from redline.cli._output import Format, console, emit

__all__ = ["escalation_app", "fit_report", "register"]

escalation_app = typer.Typer(
    help="Escalation learned from the record: fit the ladder to the red lines crossed since 2022, "
    "check it by leave-one-out.\n\nExample: redline escalation fit",
    no_args_is_help=True,
)

CatalogueOpt = typer.Option(
    None,
    "--catalogue",
    help="A catalogue CSV in the columns of escalation_events (default: the bundled table).",
)
RetaliationOpt = typer.Option(
    "strict",
    "--retaliation",
    help="What counts as Russia answering: strict (moves the war a rung up: turns on the West), "
    "material (any force used in reply) or signal (also doctrine changes, nuclear signalling).",
)
FormatOpt = typer.Option(Format.table, "--format", "-f", help="table, csv or json.")


def fit_report(
    catalogue: Path | None = None,
    base: Path | None = None,
    retaliation: str = "strict",
    months: int = 12,
    draws: int = 2000,
    seed: int = 0,
) -> dict[str, Any]:
    """Everything ``redline escalation fit`` prints, as a JSON-ready dict (docs/escalation.md)."""
    import numpy as np

    from redline.escalation import load_ladder, propagate
    from redline.escalation.fit import fit_escalation, interval

    fit = fit_escalation(
        None if catalogue is None else str(catalogue),
        None if base is None else load_ladder(base).replace(observations=()),
        retaliation=retaliation,
        months=months,
    )
    point = propagate(fit.ladder, months)
    sampled = propagate(fit.params(draws, rng=seed), months)
    final = sampled.p_nuclear[:, -1]
    clash = sampled.rung_distribution[:, -1, 3:].sum(axis=1) if fit.ladder.nuclear_rung >= 3 else final
    lo, hi = interval(final)
    clo, chi = interval(clash)
    ladder = fit.ladder
    return {
        "catalogue": "escalation_events (bundled)" if catalogue is None else str(catalogue),
        "record": {
            "start": fit.meta["record_start"],
            "end": fit.meta["record_end"],
            "rows": fit.catalogue_rows,
        },
        "current_rung": fit.meta["current_rung"],
        "posterior": fit.summary(),
        "crossings": fit.crossings.assign(date=fit.crossings["date"].dt.date.astype(str)).drop(
            columns=["response_date"]
        ),
        "ladder": {
            "name": ladder.name,
            "time_step": ladder.time_step,
            "start": ladder.start,
            "steps": months,
            "theta0": ladder.theta0,
            "q_resolute": ladder.q_resolute,
            "q_bluffer": ladder.q_bluffer,
            "h": list(ladder.h),
            "red_lines": [
                {"rung": r.rung, "tau": r.tau, "label": r.label, "assumption": True} for r in ladder.red_lines
            ],
            "source": ladder.source,
        },
        "forecast": {
            "months": months,
            "draws": draws,
            "seed": seed,
            "p_nuclear_point": float(point.final[0]),
            "p_nuclear": {"mean": float(final.mean()), "lo": lo, "hi": hi},
            "window": f"record {fit.meta['record_start']} to {fit.meta['record_end']}"
            + (", the catalogue's last row; a scenario fits to its own date" if catalogue is None else ""),
            "p_rung3_or_above": {"mean": float(np.mean(clash)), "lo": clo, "hi": chi},
            "label": "assumption: h at rungs never reached, thresholds tau between their revealed bounds, "
            "priors; fitted: credibility, q_R, q_B, h at the rungs the record stood on",
        },
        "assumptions": fit.meta["assumptions"],
        "_fit": fit,
    }


@escalation_app.command("fit")
def fit(
    catalogue: Path | None = CatalogueOpt,
    base: Path | None = typer.Option(
        None,
        "--base",
        help="Ladder TOML whose structure is kept (rungs, red lines, tau, h at unreached rungs).",
    ),
    retaliation: str = RetaliationOpt,
    months: int = typer.Option(12, "--months", "-n", min=1, max=240, help="Horizon in months."),
    draws: int = typer.Option(2000, "--draws", min=10, help="Posterior draws for the forecast interval."),
    seed: int = typer.Option(0, "--seed", help="Seed of the posterior draws."),
    write: Path | None = typer.Option(
        None,
        "--write",
        help="Write the fitted ladder (posterior means) as a ladder TOML for `redline escalate`.",
    ),
    fmt: Format = FormatOpt,
) -> None:
    """Fit red-line credibility, response probabilities and monthly involuntary escalation to the record.

    Example: [bold]redline escalation fit --months 12 --write fitted.toml[/bold]
    """
    out = fit_report(catalogue, base, retaliation, months, draws, seed)
    result = out.pop("_fit")
    if write is not None:
        from redline.escalation.io import write_ladder

        write_ladder(result.ladder, write, comment=_comment(out))
    if fmt is Format.json:
        emit(out, fmt)
        return
    if fmt is Format.csv:
        emit(out["crossings"], fmt)
        return
    post = out["posterior"]
    rec = out["record"]
    console.print(
        f"[bold]Escalation fitted to the record[/bold] {rec['start']} → {rec['end']} ({rec['rows']} catalogue rows): "
        f"{post['answered_text']}"
    )
    emit(out["crossings"], Format.table, title="crossings of declared red lines")
    rows = [
        {"quantity": name, "mean": v["mean"], "90% lo": v["lo"], "90% hi": v["hi"]}
        for name, v in post.items()
        if isinstance(v, dict) and "mean" in v
    ]
    for h in post["h_per_month"]:
        rows.append(
            {
                "quantity": f"h[{h['rung']}] per month"
                + (
                    f" ({h['months']:.1f} months, {h['events']} events)"
                    if h["observed"]
                    else " (ASSUMPTION: never reached)"
                ),
                "mean": h["mean"],
                "90% lo": h["lo"],
                "90% hi": h["hi"],
            }
        )
    emit(rows, Format.table, title="posterior (90% credible intervals)")
    emit(
        out["posterior"]["next_response"],
        Format.table,
        title="posterior predictive: the next crossing's response",
    )
    fc = out["forecast"]
    console.print(
        f"P(nuclear rung within {fc['months']} months): {fc['p_nuclear']['mean'] * 100:.1f}% "
        f"[{fc['p_nuclear']['lo'] * 100:.1f}%, {fc['p_nuclear']['hi'] * 100:.1f}%] "
        f"({fc['window']}; 90% credible interval over {fc['draws']:,} posterior draws, seed {fc['seed']}); "
        f"P(rung ≥ 3, direct NATO–Russia clash): {fc['p_rung3_or_above']['mean'] * 100:.1f}% "
        f"[{fc['p_rung3_or_above']['lo'] * 100:.1f}%, {fc['p_rung3_or_above']['hi'] * 100:.1f}%] "
        f"([yellow]{fc['label']}[/yellow])"
    )
    console.print("assumptions: " + "; ".join(out["assumptions"]))
    if write is not None:
        console.print(f"fitted ladder written to {write}")


def _comment(out: dict[str, Any]) -> str:
    post = out["posterior"]
    lines = [
        f"Ladder fitted by `redline escalation fit` to {out['catalogue']} ({out['record']['start']} to {out['record']['end']}).",
        f"{post['answered_text']}.",
        "Posterior means with 90% credible intervals:",
    ]
    for name in ("credibility", "q_resolute", "q_bluffer", "p_next_retaliation"):
        v = post[name]
        lines.append(f"  {name} = {v['mean']:.4f} [{v['lo']:.4f}, {v['hi']:.4f}]")
    for h in post["h_per_month"]:
        if h["observed"]:
            lines.append(f"  h[{h['rung']}] per month = {h['mean']:.4f} [{h['lo']:.4f}, {h['hi']:.4f}]")
        else:
            lines.append(f"  h[{h['rung']}] = {h['mean']:g}: ASSUMPTION (rung never reached)")
    lines.append("ASSUMPTIONS: " + "; ".join(out["assumptions"]))
    return "\n".join(lines)


@escalation_app.command("check")
def check(
    catalogue: Path | None = CatalogueOpt,
    retaliation: str = typer.Option(
        "material",
        "--retaliation",
        help="strict, material (default here: under strict no crossing was answered, so the binary "
        "check is degenerate) or signal.",
    ),
    mode: str = typer.Option(
        "loo", "--mode", help="loo (leave one crossing out) or forward (earlier crossings only)."
    ),
    fmt: Format = FormatOpt,
) -> None:
    """Forecast each crossing's response without it; score against 'no response' and base-rate baselines.

    Example: [bold]redline escalation check --mode loo[/bold]
    """
    from redline.escalation.check import check_record

    out = check_record(None if catalogue is None else str(catalogue), retaliation=retaliation, mode=mode)
    if fmt is Format.json:
        emit(out, fmt)
        return
    if fmt is Format.csv:
        emit(out["forecasts"], fmt)
        return
    console.print(
        f"[bold]Check against the record ({mode})[/bold]: {out['answered_text']}; scored on {len(out['scored_on'])}; log scores floor forecasts at {out['floor']}"
    )
    table = out["forecasts"][["step_id", "response", "answered", "method", "p_answered", "p_actual_category"]]
    emit(table, Format.table, title="forecasts")
    emit(
        out["scores"], Format.table, title="mean scores (Brier: lower is better; log score: higher is better)"
    )


def register(app: typer.Typer) -> None:
    """Add the ``escalation`` command group to the ``redline`` command."""
    app.add_typer(escalation_app, name="escalation")
