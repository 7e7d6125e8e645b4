"""The offline HTML report of a scenario run: one self-contained file, no network requests.

plotly.js is inlined once in the page head; every figure is a ``<div>`` that uses it. The map of
Europe is an inline SVG drawn from Natural Earth outlines shipped in ``assets/europe.geojson``
(see :mod:`redline.report.geometry`). Sections: headline answers; per issue the decision (blockers,
pivot, what it would take) and the bargaining forecast against its baselines; Article 5 credibility
and P(deterrence failure) per state (map and table); levers with ΔP and paired intervals; escalation
curves before and after the ladder's observations; burden, alignment and faction plots; the claims
table; assumptions and codings; data provenance.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from redline.errors import RedlineError

__all__ = ["build_html", "write_report"]

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:24px 32px 64px;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.7em;margin:0.2em 0}h2{border-bottom:2px solid #003366;padding-bottom:4px;margin-top:2em;color:#003366}
h3{margin-top:1.5em;color:#333}
table{border-collapse:collapse;margin:0.6em 0 0.1em;font-size:0.88em;max-width:100%}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f3f7}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.meta{color:#555;font-size:0.9em}.note{color:#555;font-size:0.88em;font-style:italic}
.csv{font-size:0.78em;margin:0 0 0.8em}.csv a{color:#555}
.howto{background:#f3f7fb;border-left:4px solid #7f9cbf;padding:6px 10px;margin:4px 0 10px;font-size:0.9em}
.limits{background:#fff6e5;border-left:4px solid #e3a008;padding:6px 10px;font-size:0.9em}
.verdict-supported{background:#d9f0d3}.verdict-not{background:#f6d5d5}.verdict-mixed{background:#fdf0c9}
.verdict-untestable{background:#e6e6e6}
.pass{color:#1a7f37;font-weight:bold}.fail{color:#b42318;font-weight:bold}
details{margin:0.5em 0}summary{cursor:pointer;color:#003366}
nav a{margin-right:1em}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}
pre{background:#f6f8fa;padding:10px;overflow-x:auto;font-size:0.8em;white-space:pre-wrap}
.country{display:none;border:2px solid #003366;padding:4px 16px 12px;margin:1em 0}
.country:target{display:block}
.countries a{display:inline-block;margin:0 0.6em 0.3em 0}
.map-link path:hover{stroke:#000;stroke-width:1.5}
.empty-plot{border:1px dashed #bbb;padding:18px;color:#555;text-align:center}
"""


class Markup(str):
    """Text that is already HTML (a link in a table cell): not escaped again."""


def _esc(value: Any) -> str:
    return value if isinstance(value, Markup) else html.escape(str(value))


def _country_link(iso3: Any) -> Markup:
    """A link to a state's page in the report."""
    return Markup(f"<a href='#country-{html.escape(str(iso3))}'>{html.escape(str(iso3))}</a>")


def _num(value: Any, digits: int = 3, pct: bool = False) -> str:
    """A number for a reader: thousands separators, no spurious decimals, percentages with one decimal."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool | str):
        return _esc(value)
    value = float(value)
    if pct:
        if 0 < abs(value) < 0.0005:
            return "< 0.1%" if value > 0 else "> −0.1%"
        return f"{value * 100:.1f}%"
    if value.is_integer():
        return f"{int(value):,d}" if abs(value) < 1e15 else f"{value:.3g}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.{min(digits, 2)}f}".rstrip("0").rstrip(".")
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") or "0"


def _kappa(value: Any) -> str:
    """A credibility κ: never printed as a bare ``1`` when it is not exactly 1 (1 − 2e−10 instead)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    value = float(value)
    if value == 1.0:
        return "1 (exactly)"
    if value > 0.999:
        return f"1 − {1 - value:.0e}".replace("e-0", "e−").replace("e-", "e−")
    return f"{value:.3f}"


def _usd(value: Any) -> str:
    """US dollars in billions (``$8.52 bn``), so columns of money read alike."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"${float(value) / 1e9:,.2f} bn"


def _scale(value: Any) -> str:
    """A point on the 0-100 issue scale; acceptance beyond an end of the scale is shown as the end."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if value > 100:
        return "100 (the whole scale)"
    if value < 0:
        return "0 (the whole scale)"
    return _num(value, 1)


def _ci(lo: Any, hi: Any, pct: bool = True) -> str:
    if lo is None or hi is None or (isinstance(lo, float) and math.isnan(lo)):
        return ""
    return f"[{_num(lo, pct=pct)}, {_num(hi, pct=pct)}]"


def _csv_link(frame: pd.DataFrame, name: str) -> str:
    """A link that downloads ``frame`` as CSV, embedded in the page (a data: URI, nothing fetched)."""
    from urllib.parse import quote

    text = frame.to_csv(index=False)
    return (
        f'<p class="csv"><a download="{_esc(name)}.csv" href="data:text/csv;charset=utf-8,'
        f'{quote(text)}">Download this table as CSV</a> ({len(frame)} rows, {frame.shape[1]} columns)</p>'
    )


_TABLE_IDS: dict[str, int] = {}


def _table(
    rows: list[dict[str, Any]] | pd.DataFrame,
    columns: list[str] | None = None,
    pct: tuple[str, ...] = (),
    max_rows: int | None = None,
    cls: dict[str, str] | None = None,
    name: str = "table",
    full: pd.DataFrame | list[dict[str, Any]] | None = None,
) -> str:
    """An HTML table (numbers right-aligned, one format per column) and a CSV download of all of it.

    ``full`` (default: the rows themselves, all columns) is what the CSV link downloads, so a table can
    show a few columns on the page and still give the reader every column.
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if frame.empty:
        return '<p class="note">(no rows)</p>'
    everything = frame if full is None else pd.DataFrame(full)
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]]
    total = len(frame)
    if max_rows is not None:
        frame = frame.head(max_rows)
    out = ["<table><thead><tr>", *(f"<th>{_esc(c)}</th>" for c in frame.columns), "</tr></thead><tbody>"]
    for record in frame.to_dict(orient="records"):
        row_cls = (cls or {}).get(str(record.get("verdict", "")), "")
        out.append(f'<tr class="{row_cls}">' if row_cls else "<tr>")
        for column, value in record.items():
            out.append(_cell(str(column), value, column in pct))
        out.append("</tr>")
    out.append("</tbody></table>")
    if max_rows is not None and total > max_rows:
        out.append(f'<p class="note">{max_rows} of {total} rows shown; the CSV has them all.</p>')
    count = _TABLE_IDS[name] = _TABLE_IDS.get(name, 0) + 1
    out.append(_csv_link(everything, name if count == 1 else f"{name}-{count}"))
    return "".join(out)


def _cell(column: str, value: Any, pct: bool) -> str:
    if isinstance(value, float | int | np.floating | np.integer) and not isinstance(value, bool):
        key = column.lower()
        if "κ" in column or key in ("kappa", "w", "w_if_article5"):
            text = _kappa(value) if "κ" in column or key == "kappa" else _num(float(value))
        elif "usd" in key:
            text = _usd(value)
        else:
            text = _num(float(value), pct=pct)
        return f'<td class="num">{text}</td>'
    if isinstance(value, list | dict):
        return f"<td>{_esc(json.dumps(value, default=str)[:300])}</td>"
    return f"<td>{_esc('—' if value is None or value == '' else value)}</td>"


def _figure(fig: Any) -> str:
    return fig.to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}
    )


# ------------------------------------------------------------------------------------------ sections
_HOW_TO_READ = {
    "issue": (
        "Decisions and bargaining",
        "<b>Does the proposal pass?</b> applies the alliance's decision rule to every ally's coded position: "
        "under consensus one ally that prefers the status quo is enough to block. The percentage is the "
        "share of the uncertain codings in which it passes; 0% means no plausible coding lets it through. "
        "<b>Where does bargaining land?</b> is a forecast of where the allies' positions converge on the "
        "0–100 scale, beside two simple baselines (the capability-and-salience-weighted median and mean); "
        "when the baselines say much the same, trust the agreement more than the model.",
    ),
    "deter": (
        "Deterrence",
        "P(deterrence failure) is the probability, over the uncertain inputs, that Russia would judge an "
        "attack on the state worth it. A small number means deterrence holds; it is a model of the "
        "attacker's calculation with assumed payoffs, not a forecast that an attack will happen. Allies are "
        "covered by Article 5, partners only by a coalition of the willing.",
    ),
    "escalation": (
        "Escalation",
        "The probability of reaching the nuclear rung of the escalation ladder within the steps shown. The "
        "ladder's probabilities are analyst assumptions (labelled illustrative when invented), so read the "
        "change before and after the observations, not the level.",
    ),
    "restraint": (
        "Deterrence versus restraint",
        "Lifting the restrictions on the protégé lowers the risk that it is attacked but raises the risk of "
        "escalation; the two numbers move in opposite directions, and the effect sizes are assumptions.",
    ),
    "claim": (
        "The article's claims",
        "Each claim is checked against the shipped data with a documented rule. 'mixed' means the data agree "
        "in part; 'not testable' means the data needed are missing, which is reported, never filled in.",
    ),
}
"""Plain-language 'how to read' boxes, one per kind of headline (key prefix → title, text)."""

LIMITATIONS = (
    "Limitations: the codings of positions, salience and willingness are rules applied to public data "
    "with analyst-chosen weights; payoffs, uncertainty widths and escalation probabilities are "
    "assumptions; data gaps are left out, never filled in; the models capture formal rules, while real "
    "outcomes also turn on side payments, opt-outs, venues and domestic politics."
)


def _headlines(summary: dict[str, Any]) -> str:
    """The headline answers grouped by kind, each group with a plain-language 'how to read' box."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for h in summary.get("headlines", []):
        if h.get("detail") or (h["key"].startswith("deter.base.") and "(Article 5)" in h["question"]):
            continue  # every ally's own line is in the deterrence table and on its page
        kind = h["key"].split(".")[0]
        groups.setdefault(kind if kind in _HOW_TO_READ else "other", []).append(
            {"question": h["question"], "answer": h["answer"], "95% interval": h.get("interval", "")}
        )
    out = ["<h2 id='answers'>Answers</h2>", f"<p class='limits'>{_esc(LIMITATIONS)}</p>"]
    for kind, rows in groups.items():
        title, text = _HOW_TO_READ.get(kind, ("Other answers", ""))
        out.append(f"<h3>{_esc(title)}</h3>")
        out.append(_table(rows, name=f"answers-{kind}"))
        if text:
            out.append(f"<div class='howto'><b>How to read this:</b> {text}</div>")
    return "".join(out)


def _pivot_text(decision: dict) -> str:
    """The pivotal actor when unique; otherwise how many bind equally (no tie-break artefact)."""
    if decision.get("pivotal"):
        return f"pivotal actor: <b>{_esc(decision['pivotal'])}</b>"
    tied = decision.get("details", {}).get("pivotal_tied", [])
    if tied:
        return f"{len(tied)} actors bind equally; none is pivotal alone"
    return "no pivotal actor"


def _issue_section(issue: dict[str, Any]) -> str:
    import plotly.graph_objects as go

    out = [f"<h3 id='issue-{_esc(issue['id'])}'>{_esc(issue['title'])}</h3>"]
    if issue.get("question"):
        out.append(f"<p><b>{_esc(issue['question'])}</b></p>")
    out.append(
        f"<p class='meta'>Scale: 0 = {_esc(issue.get('scale_0', ''))}; 100 = {_esc(issue.get('scale_100', ''))}. "
        f"Status quo {_num(issue['status_quo'])}, proposal {_num(issue['proposal'])}, rule "
        f"<code>{_esc(issue['rule'])}</code>.</p>"
    )
    if issue.get("note"):  # e.g. an issue read from a backtest case file
        out.append(f"<p class='note'>{_esc(issue['note'])}</p>")
    decision = issue.get("decision")
    if decision:
        passes = decision.get("passes")
        mc = issue.get("mc_pass", {})
        out.append(
            f"<p>At the coded positions the proposal <span class='{'pass' if passes else 'fail'}'>"
            f"{'passes' if passes else 'is blocked'}</span>. Over the input uncertainty it passes in "
            f"<b>{_num(mc.get('mean'), pct=True)}</b> of {mc.get('n', 0)} draws {_ci(mc.get('lo'), mc.get('hi'))}.</p>"
        )
        if decision.get("blockers"):
            out.append(f"<p>Blockers, most opposed first: {_esc(', '.join(decision['blockers']))}.</p>")
        take = decision.get("what_it_would_take", {})
        out.append(
            f"<p>Largest passable proposal: <b>{_num(decision.get('largest_passable'), 1)}</b> "
            f"({_pivot_text(decision)}). Veto players: "
            f"{len(decision.get('veto_players', []))}.</p>"
        )
        if take:
            coalition = take.get("coalition_without_blockers")
            if isinstance(coalition, dict):
                out.append(
                    f"<p>Without the blockers, as a coalition of the willing: "
                    f"{'feasible' if coalition.get('feasible') else 'not feasible'} with "
                    f"{len(coalition.get('members', []))} members ({_esc(', '.join(coalition.get('members', [])))}); "
                    f"largest proposal they all accept {_scale(coalition.get('largest_passable'))}"
                    f" (pivotal: {_esc(coalition.get('pivotal'))}).</p>"
                )
            abstain = take.get("passes_if_blockers_abstain_constructively")
            if abstain is not None and str(issue["rule"]).startswith("eu-"):
                out.append(
                    f"<p>Passes if the blockers abstained constructively (EU-style): {_esc(abstain)}.</p>"
                )
            if take.get("pivot_chain"):
                out.append(
                    "<details><summary>Pivot chain: who binds if the pivotal actor steps aside</summary>"
                )
                out.append(_table(take["pivot_chain"], max_rows=15, name=f"pivot-chain-{issue['id']}"))
                out.append("</details>")
            if take.get("concessions"):
                out.append(
                    "<details><summary>What it would take: the shift each blocker would need</summary>"
                )
                out.append(_table(take["concessions"], max_rows=40, name=f"concessions-{issue['id']}"))
                out.append("</details>")
    bargain = issue.get("bargaining")
    actors = pd.DataFrame(issue.get("actors", []))
    if bargain and not actors.empty:
        base = bargain.get("baselines", {})
        weight = actors["capability"] * actors["salience"]
        size = 8 + 30 * np.sqrt(weight / weight.max()) if weight.max() > 0 else 10
        fig = go.Figure()
        fig.add_trace(
            go.Scatter(
                x=actors["position"],
                y=(actors["position"].rank(method="first") % 3) * 0.35,
                mode="markers+text",
                text=actors["actor"],
                textposition="top center",
                marker={"size": size, "color": "#7f9cbf", "opacity": 0.7},
                name="actors (size: capability × salience)",
                hovertemplate="%{text}: %{x:.1f}<extra></extra>",
            )
        )
        marks = [
            ("BDM forecast", bargain.get("forecast"), "#b42318"),
            ("weighted median", base.get("weighted_median"), "#1a7f37"),
            ("weighted mean", base.get("weighted_mean"), "#6f42c1"),
            ("status quo", issue["status_quo"], "#555"),
            ("proposal", issue["proposal"], "#e36209"),
        ]
        for k, (name, value, colour) in enumerate(marks):
            if value is not None:
                fig.add_trace(
                    go.Scatter(
                        x=[value, value],
                        y=[-1 - 0.2 * k, 1],
                        mode="lines",
                        name=f"{name}: {value:.1f}",
                        line={
                            "color": colour,
                            "width": 3 if k == 0 else 2,
                            "dash": "solid" if k < 3 else "dot",
                        },
                    )
                )
        dist = issue.get("forecast_distribution")
        if dist:
            centres = np.arange(2.5, 100, 5)
            counts = np.asarray(dist["histogram"], dtype=float)
            fig.add_trace(
                go.Bar(
                    x=centres,
                    y=-2 * counts / max(counts.max(), 1),
                    width=4.5,
                    name="Monte Carlo forecasts",
                    marker={"color": "#f4a582"},
                    base=-0.0,
                )
            )
        fig.update_layout(
            title=f"Bargaining: BDM forecast against the baselines ({bargain.get('status')}, {bargain.get('rounds')} rounds)",
            xaxis={"range": [-3, 103], "title": "position on the issue scale"},
            yaxis={"visible": False},
            height=330,
            margin={"t": 50, "b": 40, "l": 20, "r": 20},
            template="plotly_white",
            legend={"orientation": "h", "y": -0.3},
        )
        out.append(_figure(fig))
        path = bargain.get("trajectory", [])
        if len(path) > 1:
            fig = go.Figure(
                go.Scatter(
                    x=[p["round"] for p in path], y=[p["median"] for p in path], name="weighted median"
                )
            )
            fig.add_trace(
                go.Scatter(x=[p["round"] for p in path], y=[p["mean"] for p in path], name="weighted mean")
            )
            fig.update_layout(
                title="Bargaining rounds: the group's median and mean position",
                height=260,
                xaxis={"title": "round"},
                yaxis={"title": "position"},
                template="plotly_white",
                margin={"t": 40, "b": 40},
            )
            out.append(
                "<details><summary>Rounds of the bargaining model</summary>" + _figure(fig) + "</details>"
            )
    coding = issue.get("coding")
    if coding:
        origin = "the case file" if issue.get("source", {}).get("kind") == "case" else "the data"
        out.append(f"<details><summary>Coding: positions, salience and capability from {origin}</summary>")
        frame = pd.DataFrame(coding)
        shown = ["actor", "position", "salience", "capability", "capability_from", "missing", "override"]
        frame = frame.assign(actor=[_country_link(a) for a in frame["actor"]]) if "actor" in frame else frame
        out.append(_table(frame, shown, name=f"coding-{issue['id']}", full=coding))
        out.append("<p class='note'>The CSV has every column (the indicators behind each coding).</p>")
        out.append("</details>")
    return "".join(out)


def _regime(value: Any) -> str:
    return "—" if value is None else str(value).replace("_", " ")


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
                "P(failure)": _num(r["p_failure"], pct=True),
                "95% interval": _ci(r["p_lo"], r["p_hi"]),
            }
        )
        if lever:
            row["ΔP vs base"] = f"{r['delta_p'] * 100:+.1f} pp"
            row["paired 95% interval"] = f"[{r['delta_lo'] * 100:+.1f}, {r['delta_hi'] * 100:+.1f}] pp"
        rows.append(row)
    return rows


def _deterrence_section(det: dict[str, Any]) -> str:
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
        r["target"]: f"{r['target']} ({r['basis']}): P(failure) {_num(r['p_failure'], pct=True)} "
        f"{_ci(r['p_lo'], r['p_hi'])}; κ = {_kappa(r['kappa'])}, κ* = {_num(r['kappa_star'])}; "
        f"{_regime(r['regime'])}. Click for the state's page."
        for r in base.to_dict(orient="records")
    }
    links = {target: f"#country-{target}" for target in base["target"]}
    out.append(
        "<p>Each state coloured by the probability that deterrence of an attack on it fails (Russia attacks), "
        "over the scenario's uncertainty. NATO members are covered by Article 5; partners such as Ukraine, "
        "Moldova and Georgia only by a coalition of the willing. The colour scale is logarithmic, so the "
        "differences between allies (fractions of a percent to a few percent) show beside the partners' "
        "much larger risks. Hover a state for its numbers; click it for its page.</p>"
    )
    out.append(
        choropleth_svg(
            values,
            labels,
            title="P(deterrence failure) per state",
            legend="P(deterrence failure)",
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
        "capability to defeat the attack; κ*: the credibility the challenger's payoffs require for it to be "
        "deterred; margin = κ − κ*. P(failure) and its 95% interval come from the Monte Carlo over the "
        "uncertain inputs.</p>"
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
            "on the same random draws as the baseline, so each change ΔP in P(deterrence failure) has a "
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
                title="ΔP(deterrence failure) per lever: targets moved by ≥ 0.5 pp, and partners (pp, paired 95% CI)",
                yaxis={"title": "ΔP (pp)"},
                height=420,
                template="plotly_white",
            )
            out.append(_figure(fig))
            out.append("<details><summary>Lever table: every state and lever</summary>")
            out.append(_table(_deterrence_rows(lt, lever=True), name="levers-by-state", full=lt))
            out.append("</details>")
    return "".join(out)


def _escalation_section(esc: dict[str, Any]) -> str:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    out = ["<h2 id='escalation'>Escalation and red lines</h2>"]
    out.append(f"<p><b>{_esc(esc.get('name'))}</b>. {_esc(esc.get('source', ''))}</p>")
    if esc.get("illustrative"):
        out.append(
            "<p class='note'>Illustrative numbers: the ladder's probabilities are invented to illustrate the model, not estimates.</p>"
        )
    if esc.get("observations"):
        out.append(_table(esc["observations"], name="escalation-observations"))
    out.append(
        "<p class='note'>The pusher P (Ukraine and its backers) decides whether to cross the next red line; "
        "the defender R (Russia) retaliates or not. θ is P's belief that R is resolute: an unanswered crossing "
        "lowers it and makes P bolder. Solid lines: the expected path; dashed: if R is in fact resolute; "
        "dotted: if R is bluffing.</p>"
    )
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            "P(nuclear rung reached by step t)",
            "P's expected belief that R is resolute, E[θ_t]",
        ),
    )
    colours = {"before": "#4575b4", "after": "#d73027"}
    labels = {
        "p_nuclear": "expected",
        "p_nuclear_resolute": "if R resolute",
        "p_nuclear_bluffer": "if R bluffs",
    }
    for when in ("before", "after"):
        d = esc.get(when) or {}
        steps = d.get("step", [])
        for key, dash in (
            ("p_nuclear", "solid"),
            ("p_nuclear_resolute", "dash"),
            ("p_nuclear_bluffer", "dot"),
        ):
            if key in d:
                fig.add_trace(
                    go.Scatter(
                        x=steps,
                        y=d[key],
                        name=f"{when} the observations: {labels[key]}",
                        line={"color": colours[when], "dash": dash},
                    ),
                    1,
                    1,
                )
        if "belief" in d:
            fig.add_trace(
                go.Scatter(
                    x=steps,
                    y=d["belief"],
                    name=f"{when}: belief",
                    line={"color": colours[when]},
                    showlegend=False,
                ),
                1,
                2,
            )
    fig.update_layout(
        height=400,
        template="plotly_white",
        xaxis={"title": "step"},
        xaxis2={"title": "step"},
        yaxis={"title": "probability"},
        yaxis2={"title": "belief θ"},
        legend={"orientation": "h", "y": -0.25},
    )
    out.append(_figure(fig))
    mc = esc.get("monte_carlo")
    out.append(
        f"<p>P(nuclear rung within {esc.get('steps')} steps): <b>{_num(esc.get('p_nuclear_after'), pct=True)}</b> after the "
        f"observations, {_num(esc.get('p_nuclear_before'), pct=True)} before."
        + (
            f" Monte Carlo check: {_num(mc['mean'], pct=True)} {_ci(mc['lo'], mc['hi'])} over {mc['n']} runs."
            if mc
            else ""
        )
        + "</p>"
    )
    return "".join(out)


def _restraint_section(sweep: dict[str, Any]) -> str:
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
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=table["sigma"], y=table["p_failure"], name="P(deterrence failure)", mode="lines+markers")
    )
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


def _analytics_section(analytics: dict[str, Any]) -> str:
    out = ["<h2 id='analytics'>Burden-sharing, alignment and factions</h2>"]
    burden = analytics.get("burden")
    if burden:
        from redline.analytics.plots import burden_figure

        frame = pd.DataFrame(burden["table"])
        out.append(_figure(burden_figure(frame, burden.get("frontline", []))))
    alignment = analytics.get("alignment")
    if alignment:
        from redline.analytics.plots import alignment_heatmap, faction_dendrogram

        states = alignment["similarity"]["states"]
        sim = pd.DataFrame(
            np.asarray(alignment["similarity"]["values"], dtype=float), index=states, columns=states
        )
        members = pd.DataFrame(alignment["factions"])
        rows = len(states)
        off = sim.to_numpy(dtype=float)[~np.eye(rows, dtype=bool)] if rows > 1 else np.array([])
        off = off[~np.isnan(off)]
        if off.size == 0 or np.ptp(off) < 1e-12:
            level = "—" if off.size == 0 else _num(float(off[0]))
            out.append(
                f"<p class='empty-plot'>No differences to draw: every pair of the {rows} states has the same "
                f"agreement ({level}) in these votes, so the heatmap would be one colour and the "
                "dendrogram a single flat join.</p>"
            )
        else:
            heatmap = alignment_heatmap(sim, factions=members, measure=alignment.get("measure", "agree"))
            heatmap.update_layout(height=max(420, 60 + 16 * rows))
            heatmap.update_xaxes(tickmode="linear", dtick=1)  # every state labelled
            heatmap.update_yaxes(tickmode="linear", dtick=1)
            out.append(_figure(heatmap))
            dendrogram = faction_dendrogram(sim, fill_missing=0.0)
            dendrogram.update_layout(width=None, autosize=True, height=380)
            out.append(_figure(dendrogram))
        summary = alignment.get("summary", {})
        resolutions = alignment.get("resolutions", [])
        out.append(
            f"<p class='note'>Agreement in {len(resolutions)} UN General Assembly votes on Ukraine "
            f"({_esc(', '.join(resolutions))}): 1 = always voted the same way. "
            f"{_esc(summary.get('n_members', rows))} states fall into {_esc(summary.get('n_louvain_factions', '—'))} "
            f"voting blocs (F1, F2, ... in the labels; Louvain communities, modularity "
            f"{_num(summary.get('modularity_louvain'))}; the dendrogram cuts at distance "
            f"{_num(summary.get('height'))}). States without votes in the data: "
            f"{_esc(', '.join(alignment.get('left_out', [])) or 'none')}.</p>"
        )
    claims = analytics.get("claims")
    if claims:
        out.append("<h2 id='claims'>The article's claims checked against the data</h2>")
        rows = [
            {
                "claim": c["claim"],
                "verdict": c["verdict"],
                "statistic": c["statistic"],
                "value": c["value"],
                "reason": c["reason"],
                "data": "; ".join(f"{d['table']} [{d['release']}; {d['years']}]" for d in c.get("data", [])),
                "missing": "; ".join(c.get("missing", [])),
            }
            for c in claims
        ]
        cls = {
            "supported": "verdict-supported",
            "not supported": "verdict-not",
            "mixed": "verdict-mixed",
            "not testable with shipped data": "verdict-untestable",
        }
        out.append(_table(rows, cls=cls, name="claims"))
    return "".join(out)


def _assumptions_section(summary: dict[str, Any], scenario_text: str) -> str:
    out = ["<h2 id='assumptions'>Assumptions and codings</h2>"]
    out.append(
        "<p>Issue positions, salience and capability are coded from the data by the rules in the scenario file "
        "(each issue's coding table is under its section above); status-quo and proposal points, coding weights, "
        "uncertainty widths, deterrence payoffs and the escalation ladder are analyst assumptions.</p>"
    )
    det = summary.get("deterrence")
    if det:
        out.append("<h3>Deterrence coding parameters</h3>")
        out.append(_table(det.get("params", []), name="deterrence-parameters"))
        if det.get("uncertainty"):
            out.append("<p>Distributions: " + _esc(json.dumps(det["uncertainty"])) + "</p>")
        example = det.get("coding_example")
        if example:
            frame = pd.DataFrame(example["table"])
            shown = ["ally", "w", "capability_usd", "reach", "capability_theatre_usd", "a", "missing"]
            out.append(
                f"<details><summary>Allies' coding in full, for target {_esc(example['target'])} (every "
                "state's responders are on its page)</summary>"
            )
            out.append(_table(frame, shown, name="allies-coding", full=frame))
            out.append("</details>")
        from redline.report.countries import common_notes

        common = common_notes(det.get("targets", []))
        if common:
            out.append(
                "<p><b>Notes that hold for every target</b> (each state's own notes are on its page):</p><ul>"
            )
            out.extend(f"<li>{_esc(n)}</li>" for n in common)
            out.append("</ul>")
    if scenario_text:
        out.append(
            "<details><summary>The scenario file</summary><pre>" + _esc(scenario_text) + "</pre></details>"
        )
    return "".join(out)


def _provenance_section(summary: dict[str, Any]) -> str:
    run = summary.get("run", {})
    out = [
        "<h2 id='provenance'>Run and data provenance</h2>",
        _table([{"field": k, "value": v} for k, v in run.items()], name="run"),
    ]
    prov = summary.get("provenance", {})
    world = prov.get("world") or {}
    rows = []
    if isinstance(world, dict):
        for name, record in world.items():
            if isinstance(record, dict):
                rows.append(
                    {"table": name, **{k: v for k, v in record.items() if not isinstance(v, dict | list)}}
                )
            else:
                rows.append({"table": name, "record": record})
    if rows:
        # object dtype keeps integer years integral where other records lack the field
        out.append(
            _table(
                pd.DataFrame(rows, dtype=object).fillna("—").astype(str).drop_duplicates(),
                name="data-provenance",
            )
        )
    out.append(
        f"<p class='meta'>Data snapshot version {_esc(prov.get('data_version', run.get('data_version')))}. "
        "Map outlines: Natural Earth 1:50m (public domain) via the npm package world-atlas@2 (ISC), redrawn "
        "with internationally recognised borders: Crimea inside Ukraine, hatched as occupied by Russia since "
        "2014 (UN General Assembly resolution 68/262). Other occupied areas are not outlined (no dated "
        "boundary geometry is shipped).</p>"
    )
    return "".join(out)


_NAV = (
    ("answers", "Answers"),
    ("issues", "Issues"),
    ("deterrence", "Article 5"),
    ("levers", "Levers"),
    ("escalation", "Escalation"),
    ("restraint", "Restraint"),
    ("analytics", "Burden & alignment"),
    ("claims", "Claims"),
    ("events", "Events"),
    ("countries", "Countries"),
    ("assumptions", "Assumptions"),
    ("provenance", "Provenance"),
)
"""Navigation links: (section id, label); only the sections present in a report are linked."""

_ISSUES_INTRO = (
    "<p>Each issue is a line from 0 to 100; every ally's position, how much it cares (salience) and its "
    "capability are coded from the data (see each issue's coding table). <b>Does the proposal pass?</b> "
    "applies the decision rule (NATO decides by consensus: any ally that prefers the status quo blocks) at "
    "the coded positions and over their uncertainty. <b>Where does bargaining land?</b> is the forecast of "
    "Bueno de Mesquita's expected-utility bargaining model, compared with two simple baselines, the "
    "capability-and-salience-weighted median and mean of the positions.</p>"
)


def _events_section(summary: dict[str, Any]) -> str:
    """A timeline of the dated events in the bundled data (those after the run's date marked)."""
    import plotly.graph_objects as go

    from redline.data import load_table

    try:
        events = load_table("events")
    except Exception:  # noqa: BLE001 - a snapshot without events has no timeline
        return ""
    if events.empty:
        return ""
    events = events.sort_values("date").reset_index(drop=True)
    dates = pd.to_datetime(events["date"])
    kinds = list(dict.fromkeys(events["event_type"]))
    fig = go.Figure()
    for kind in kinds:
        part = events[events["event_type"] == kind]
        fig.add_trace(
            go.Scatter(
                x=dates[part.index],
                y=[kind.replace("_", " ")] * len(part),
                mode="markers",
                marker={"size": 11},
                name=kind.replace("_", " "),
                text=[
                    f"{d}: {a}: {t}"
                    for d, a, t in zip(part["date"], part["actor_iso3"], part["description"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_layout(
        title="Timeline of the dated events in the data (hover for each event)",
        height=120 + 28 * len(kinds),
        template="plotly_white",
        showlegend=False,
        margin={"l": 160, "t": 50, "b": 40},
        xaxis={"title": "date"},
    )
    return (
        "<h2 id='events'>Timeline of events</h2>"
        + _figure(fig)
        + "<details><summary>The events table</summary>"
        + _table(events, ["date", "actor_iso3", "event_type", "description"], name="events", full=events)
        + "</details>"
    )


def build_html(summary: dict[str, Any], scenario_text: str = "") -> str:
    """The whole report as one HTML string (plotly.js inlined once; no external resources)."""
    from plotly.offline import get_plotlyjs

    _TABLE_IDS.clear()

    run = summary.get("run", {})
    title = run.get("title") or run.get("scenario") or "Redline scenario"
    body = [
        f"<h1>{_esc(title)}</h1>",
        f"<p class='meta'>Scenario <b>{_esc(run.get('scenario'))}</b> · run <b>{_esc(run.get('run_id'))}</b> · "
        f"{_esc(run.get('draws'))} draws · seed {_esc(run.get('seed'))} · redline {_esc(run.get('package_version'))} · "
        f"data {_esc(run.get('data_version'))} · scenario hash {_esc(str(run.get('scenario_hash', ''))[:12])} · "
        f"started {_esc(run.get('started'))}</p>",
    ]
    sections = [_headlines(summary)]
    if summary.get("issues"):
        sections.append("<h2 id='issues'>Will the alliance act? Decisions and bargaining per issue</h2>")
        sections.append(_ISSUES_INTRO)
        sections.extend(_issue_section(issue) for issue in summary["issues"])
    if summary.get("deterrence"):
        sections.append(_deterrence_section(summary["deterrence"]))
    if summary.get("escalation"):
        sections.append(_escalation_section(summary["escalation"]))
    if summary.get("restraint"):
        sections.append(_restraint_section(summary["restraint"]))
    if summary.get("analytics"):
        sections.append(_analytics_section(summary["analytics"]))
    sections.append(_events_section(summary))
    from redline.report.countries import country_pages

    sections.append(country_pages(summary))
    sections.append(_assumptions_section(summary, scenario_text))
    sections.append(_provenance_section(summary))
    html_body = "".join(sections)
    links = [f"<a href='#{a}'>{t}</a>" for a, t in _NAV if f"id='{a}'" in html_body]
    body += [f"<nav>{''.join(links)}</nav>", html_body]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{_esc(title)}</title><style>{_CSS}</style>"
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head>"
        f"<body><main>{''.join(body)}</main></body></html>"
    )


def write_report(summary: dict[str, Any], path: str | Path, plan: Any = None) -> Path:
    """Write ``report.html`` for a run's summary (``plan`` supplies the scenario file's text)."""
    from redline.summary import read_summary

    read_summary(summary, where=str(path))  # the typed schema of summary.json
    path = Path(path)
    text = ""
    source = (
        getattr(plan, "source", "") if plan is not None else summary.get("run", {}).get("scenario_file", "")
    )
    if source and Path(source).is_file():
        text = Path(source).read_text(encoding="utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build_html(summary, text), encoding="utf-8")
    except OSError as exc:
        raise RedlineError(f"{path}: cannot write the report ({exc})") from None
    return path
