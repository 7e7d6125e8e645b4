"""Article 5 credibility per state, the share of the assumption draws in which an attack pays (map and
table) beside the annual P(attack) of the retrodiction link, the levers with ΔP and paired intervals,
and the deterrence-versus-restraint sweep.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from redline.deterrence.link import SHARE_COLUMN, SHARE_NAME, annual_text, source_text
from redline.report.markup import (
    _ci,
    _country_link,
    _esc,
    _figure,
    _kappa,
    _num,
    _regime,
    _table,
)

__all__ = ["deterrence_section", "restraint_section"]


def _deterrence_rows(frame: pd.DataFrame, lever: bool = False) -> list[dict[str, Any]]:
    """Rows of the deterrence tables with plain-words headers (and ΔP against the base for levers)."""
    rows = []
    for r in frame.to_dict(orient="records"):
        row = {"state": _country_link(r["target"])}
        if lever:
            row["lever"] = r["lever"]
        else:
            row["protection"] = r["basis"]
        row.update(
            {
                "credibility κ": r["kappa"],
                "needed κ*": r["kappa_star"],
                "margin κ − κ*": r["margin"],
                "regime": _regime(r["regime"]),
                "attack pays (share of assumption draws)": _num(r["p_failure"], pct=True),
                "95% interval": _ci(r["p_lo"], r["p_hi"]),
            }
        )
        if not lever:
            row["EU_C at the coded values"] = _num(r.get("eu_attack"))
            row["annual P(attack)"] = annual_text(r.get("p_attack_year"))
        if lever:
            row["ΔP vs base"] = f"{r['delta_p'] * 100:+.1f} pp"
            row["paired 95% interval"] = f"[{r['delta_lo'] * 100:+.1f}, {r['delta_hi'] * 100:+.1f}] pp"
        rows.append(row)
    return rows


def deterrence_section(det: dict[str, Any]) -> str:
    import plotly.graph_objects as go

    from redline.report.geometry import GREEN_RED, NOT_OUTLINED, Scale, choropleth_svg

    table = pd.DataFrame(det.get("table", []))
    out = ["<h2 id='deterrence'>Article 5: credibility and the risk of deterrence failure</h2>"]
    if table.empty:
        return "".join(out)
    base = table[table["lever"] == "base"]
    values = {
        r["target"]: r["p_failure"] for r in base.to_dict(orient="records") if r["p_failure"] is not None
    }
    labels = {
        r["target"]: f"{r['target']} ({r['basis']}): attack pays in {_num(r['p_failure'], pct=True)} "
        f"{_ci(r['p_lo'], r['p_hi'])} of the assumption draws; annual P(attack) "
        f"{annual_text(r.get('p_attack_year'))}; κ = {_kappa(r['kappa'])}, κ* = {_num(r['kappa_star'])}; "
        f"{_regime(r['regime'])}. Click for the state's page."
        for r in base.to_dict(orient="records")
    }
    links = {target: f"#country-{target}" for target in base["target"]}
    out.append(
        "<p>Each state coloured by the share of the scenario's assumption draws (the stakes V and the costs "
        "k_L, k_W spread around their coded values) in which Russia's expected utility of attacking is "
        "positive: where the coded values sit against the threshold, an assumption-driven share, not a "
        "forecast. A state on a knife edge (expected utility near 0) shows near 50% whatever the real "
        "risk; the calibrated figure is the annual P(attack) in the table below ("
        + _esc(source_text(det.get("link")))
        + "). NATO members are covered by Article 5; partners such as Ukraine, "
        "Moldova and Georgia only by a coalition of the willing. The colour scale is logarithmic, so the "
        "differences between allies (fractions of a percent to a few percent) show beside the partners' "
        "much larger risks. Hover a state for its numbers; click it for its page.</p>"
    )
    out.append(
        choropleth_svg(
            values,
            labels,
            title="Share of the assumption draws in which an attack pays, per state",
            legend="attack pays (share of assumption draws)",
            scale=GREEN_RED,
            domain=Scale(0.001, 1.0, log=True, percent=True),
            links=links,
        )
    )
    out.append(
        "<p class='note'>Borders as recognised internationally: Crimea is drawn inside Ukraine and hatched "
        f"as occupied by Russia since 2014. {_esc(NOT_OUTLINED)}</p>"
    )
    shortfall = {
        r["target"]: 1.0 - r["kappa"] for r in base.to_dict(orient="records") if r["kappa"] is not None
    }
    out.append(
        "<details><summary>Map of Article 5 credibility: how far κ falls short of certainty (1 − κ)</summary>"
    )
    out.append(
        choropleth_svg(
            shortfall,
            labels,
            title="1 − κ per state",
            legend="1 − κ: probability that the responders fall short (logarithmic)",
            scale=GREEN_RED,
            domain=Scale(1e-10, 1.0, log=True),
            links=links,
        )
    )
    out.append("</details>")
    out.append(
        "<p class='note'>κ (credibility): the probability that the allies who would respond bring enough "
        "capability to defeat the attack (where a key ally is coded, by default the US for a state outside "
        "NATO, only if that ally is among them); κ*: the credibility the challenger's payoffs require for it to be "
        "deterred; margin = κ − κ*. The share of the assumption draws in which an attack pays, and its 95% "
        "interval, come from the Monte Carlo over the uncertain inputs (an assumption-driven share). The annual "
        "P(attack) is the retrodiction backtest's link, logistic(α + λ·EU_C) at the coded EU_C, "
        + _esc(source_text(det.get("link")))
        + " (docs/deterrence.md, 'Retrodiction backtest').</p>"
    )
    out.append(
        _table(
            _deterrence_rows(base.sort_values("p_failure", ascending=False)),
            name="deterrence",
            full=base,
        )
    )
    levers = det.get("levers", [])
    if levers:
        out.append("<h2 id='levers'>Levers compared</h2>")
        out.append(
            "<p>Each lever changes the deterrence game (its size is an assumption, listed here) and is run "
            f"on the same random draws as the baseline, so each change ΔP in the {SHARE_NAME} has a "
            "paired 95% interval. Negative ΔP: deterrence gets stronger.</p>"
        )
        out.append(
            _table(
                [
                    {
                        "lever": lever["name"],
                        "what it does": lever["description"],
                        "parameters": ", ".join(
                            f"{k}={'/'.join(map(str, v)) if isinstance(v, list) else v}"
                            for k, v in lever.get("parameters", {}).items()
                        ),
                    }
                    for lever in levers
                ],
                name="levers",
            )
        )
        lt = table[table["lever"] != "base"].dropna(subset=["delta_p"])
        if not lt.empty:
            # chart the targets a lever moves (|ΔP| >= 0.5 pp) and the partners without Article 5
            moved = lt.groupby("target", sort=False)["delta_p"].apply(lambda d: d.abs().max())
            partners = set(base.loc[base["basis"] != "Article 5", "target"])
            shown = [t for t in moved.index if moved[t] >= 0.005 or t in partners][:16]
            fig = go.Figure()
            for name, group in lt[lt["target"].isin(shown)].groupby("lever", sort=False):
                fig.add_trace(
                    go.Bar(
                        x=group["target"],
                        y=group["delta_p"] * 100,
                        name=str(name),
                        error_y={
                            "type": "data",
                            "symmetric": False,
                            "array": (group["delta_hi"] - group["delta_p"]) * 100,
                            "arrayminus": (group["delta_p"] - group["delta_lo"]) * 100,
                        },
                    )
                )
            fig.update_layout(
                barmode="group",
                title=f"ΔP per lever ({SHARE_COLUMN}): targets moved by ≥ 0.5 pp, and partners (pp, paired 95% CI)",
                yaxis={"title": "ΔP (pp)"},
                height=420,
                template="plotly_white",
            )
            out.append(_figure(fig))
            out.append("<details><summary>Lever table: every state and lever</summary>")
            out.append(_table(_deterrence_rows(lt, lever=True), name="levers-by-state", full=lt))
            out.append("</details>")
    return "".join(out)


def restraint_section(sweep: dict[str, Any]) -> str:
    import plotly.graph_objects as go

    table = pd.DataFrame(sweep.get("table", []))
    if table.empty:
        return ""
    out = [
        f"<h3 id='restraint'>Deterrence versus restraint: lifting {_esc(sweep['target'])}'s restrictions</h3>",
        "<p>Support σ (0 = restrictions in force, 1 = lifted) lowers the challenger's gains from attacking "
        "the protégé but raises the protégé's own escalation on the ladder (Zagare & Kilgour's Tripartite "
        f"game). Effect sizes (assumptions): {_esc(json.dumps(sweep.get('effects', {})))}.</p>",
    ]
    evidence = sweep.get("evidence") or {}
    if evidence:
        post = "; ".join(
            f"{k} {evidence[k]['mean']:.2f} [{evidence[k]['lo']:.2f}, {evidence[k]['hi']:.2f}]"
            for k in ("tau_gain", "h_scale")
            if k in evidence
        )
        seen = evidence.get("lifting")
        out.append(
            "<p>On the ladder fitted to the record the effects on the ladder are uncertain (uniform priors, "
            "an assumption) and weighted by "
            + (
                f"{_esc(seen)}, coded σ = {evidence['sigma_obs']:g} (assumption)"
                if seen
                else "nothing: no lifting observed by the scenario's date"
            )
            + f". Posterior means and 90% intervals: {_esc(post)}. Beyond the observed σ the rise rests on "
            "the priors, not on the record (docs/deterrence.md, 'Protégé restraint').</p>"
        )
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=table["sigma"], y=table["p_failure"], name=SHARE_COLUMN, mode="lines+markers"))
    if "ci_low" in table:
        fig.add_trace(
            go.Scatter(
                x=list(table["sigma"]) + list(table["sigma"])[::-1],
                y=list(table["ci_high"]) + list(table["ci_low"])[::-1],
                fill="toself",
                line={"width": 0},
                name="95% interval",
                opacity=0.25,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=table["sigma"], y=table["p_nuclear"], name="P(nuclear rung within N)", mode="lines+markers"
        )
    )
    fig.update_layout(
        height=360,
        template="plotly_white",
        xaxis={"title": "support σ"},
        yaxis={"title": "probability", "range": [0, 1]},
        title="The dilemma: less risk of attack, more risk of escalation",
    )
    out.append(_figure(fig))
    cols = [
        "sigma",
        "p_L",
        "k_L",
        "kappa",
        "kappa_star",
        "regime",
        "p_failure",
        "ci_low",
        "ci_high",
        "p_nuclear",
    ]
    out.append(
        "<details><summary>Sweep table</summary>" + _table(table, cols, name="restraint-sweep") + "</details>"
    )
    return "".join(out)
