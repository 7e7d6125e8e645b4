"""``redline escalate`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app
from test_escalation_reference import KURSK, ref_paths

KURSK_TOML = Path(__file__).resolve().parents[1] / "examples" / "ladders" / "kursk.toml"
runner = CliRunner()


def expected_mixture(theta: float, steps: int) -> float:
    return (
        0.6 * ref_paths(KURSK, theta, steps, 0.7)[0][-1] + 0.4 * ref_paths(KURSK, theta, steps, 0.05)[0][-1]
    )


def test_json_output():
    result = runner.invoke(app, ["escalate", str(KURSK_TOML), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["final"]["p_nuclear"] == pytest.approx(expected_mixture(18 / 56, 10), abs=1e-12)
    assert data["before_observations"]["p_nuclear"] == 0.0
    assert data["observations"][0]["theta_after"] == pytest.approx(18 / 56, abs=1e-15)
    assert data["ladder"]["illustrative"] is True
    assert [row["step"] for row in data["steps"]] == list(range(11))
    assert "monte_carlo" not in data and "_result" not in data


def test_table_output_with_monte_carlo_and_figure(tmp_path):
    html = tmp_path / "curves.html"
    result = runner.invoke(
        app,
        ["escalate", str(KURSK_TOML), "--steps", "10", "--draws", "4000", "--seed", "1", "--html", str(html)],
    )
    assert result.exit_code == 0, result.output
    assert "0.187311" in result.stdout and "Monte Carlo" in result.stdout
    text = html.read_text(encoding="utf-8")
    assert "<script src=" not in text  # plotly.js is inlined: offline


def test_prior_and_steps_and_csv():
    result = runner.invoke(app, ["escalate", str(KURSK_TOML), "--prior", "-n", "3", "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("step,p_nuclear_resolute") and len(lines) == 5
    assert all(float(line.split(",")[3]) == 0.0 for line in lines[1:])


def test_bad_file_is_error_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[ladder]\nq_resolute = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["escalate", str(bad)])
    assert result.exit_code == 2
    assert "error:" in result.stderr and "bad.toml" in result.stderr
    assert "Traceback" not in result.output
