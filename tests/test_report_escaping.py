"""Text from a user's files never becomes live HTML in the report (titles, labels, names)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from redline.cli import app

PAYLOADS = (
    '<script>alert("redline-xss-1")</script>',
    '<img src=x onerror=alert("redline-xss-2")>',
    '</script><svg onload=alert("redline-xss-3")>',
)


def _scenario(tmp_path: Path) -> Path:
    a, b, c = PAYLOADS
    text = f"""
[scenario]
name = "xss"
title = '{a}'
description = '{b} {c}'

[world]
year = 2024

[[world.extra_actors]]
iso3 = "XSS"
name = '{c}'
indicators = {{ libdem = 0.5, distance_moscow_km = 1900 }}

[run]
draws = 64
seed = 1

[models]
bargaining = false
analytics = false

[[issues]]
id = "arm"
title = '{a}'
question = '{b}'
scale_0 = '{c}'
scale_100 = '{a}'
status_quo = 40
proposal = 80
rule = "nato-consensus"
body = "NATO"
[issues.coding.position]
weights = {{ libdem = 1.0 }}
[issues.coding.salience]
weights = {{ distance_moscow_km = -1.0 }}
low = 0.3
high = 0.9
[issues.coding.capability]
indicator = "defence_usd"
fallback = "milex_usd"

[deterrence]
targets = ["EST"]

[escalation]
steps = 5
[escalation.ladder]
name = '{a}'
illustrative = true
start = 1
theta0 = 0.6
pi_resolute = 0.6
q_resolute = 0.7
q_bluffer = 0.05
h = [0.0, 0.0, 0.01, 0.05]
[[escalation.ladder.red_lines]]
rung = 1
tau = 0.3
label = '{b}'
[[escalation.ladder.observations]]
name = '{c}'
retaliated = false
"""
    path = tmp_path / "xss.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_payloads_are_escaped(tmp_path):
    scenario = _scenario(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["run", str(scenario), "--store", str(tmp_path / "s.duckdb"), "--out", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "redline-xss" in html  # the text is shown …
    for live in (
        '<script>alert("redline-xss-1")',
        '<img src=x onerror=alert("redline-xss-2")',
        '<svg onload=alert("redline-xss-3")',
    ):
        assert live not in html  # … but never as markup
    # no inline script carries the text raw (plot data and JSON escape it or leave it out)
    for block in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        assert "redline-xss" not in block
