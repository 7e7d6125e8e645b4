"""The whole page: style, navigation, the sections in order, and writing ``report.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.report.analytics import analytics_section
from redline.report.appendix import assumptions_section, events_section, provenance_section
from redline.report.deterrence import deterrence_section, restraint_section
from redline.report.escalation import escalation_section
from redline.report.headlines import headlines_section
from redline.report.issues import ISSUES_INTRO, issue_section
from redline.report.markup import (
    _TABLE_IDS,
    _esc,
)

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
    sections = [headlines_section(summary)]
    if summary.get("issues"):
        sections.append("<h2 id='issues'>Will the alliance act? Decisions and bargaining per issue</h2>")
        sections.append(ISSUES_INTRO)
        sections.extend(issue_section(issue) for issue in summary["issues"])
    if summary.get("deterrence"):
        sections.append(deterrence_section(summary["deterrence"]))
    if summary.get("escalation"):
        sections.append(escalation_section(summary["escalation"]))
    if summary.get("restraint"):
        sections.append(restraint_section(summary["restraint"]))
    if summary.get("analytics"):
        sections.append(analytics_section(summary["analytics"]))
    sections.append(events_section(summary))
    from redline.report.countries import country_pages

    sections.append(country_pages(summary))
    sections.append(assumptions_section(summary, scenario_text))
    sections.append(provenance_section(summary))
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
