"""The command line as a user meets it: version, one-line usage errors, --no-report, progress stages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline import __version__
from redline.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _invoke(args, **kwargs):
    return CliRunner().invoke(app, args, prog_name="redline", **kwargs)


def test_version():
    result = _invoke(["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"redline {__version__}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run"], r"^error: redline run: Missing argument 'FILE' \(see redline run --help\)$"),
        (["deter", "--bogus"], r"^error: redline deter: No such option: --bogus"),
        (["nosuch"], r"^error: redline: No such command 'nosuch'"),
        (["world", "abc"], r"^error: redline world: Invalid value for 'YEAR'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, expected):
    result = _invoke(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(expected, lines[0], re.I), result.stderr


@pytest.fixture()
def light_scenario(tmp_path):
    """nato-2024 with only the escalation model: a run of a few seconds."""
    text = (ROOT / "scenarios" / "nato-2024.toml").read_text(encoding="utf-8")
    for family in ("decisions", "bargaining", "deterrence", "analytics"):
        text = text.replace(f"{family} = true", f"{family} = false", 1)
    path = tmp_path / "light.toml"
    text = text.replace('"statements/', f'"{ROOT}/scenarios/statements/')  # files beside the scenario
    path.write_text(text.replace('"../examples/', f'"{ROOT}/examples/'), encoding="utf-8")
    return path


def test_no_report_writes_nothing(light_scenario, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "s.duckdb"
    result = _invoke(["run", str(light_scenario), "--draws", "50", "--store", str(store), "--no-report"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "report").exists()  # the default --out folder is not even created
    assert "nothing else written (--no-report)" in result.stdout
    result = _invoke(["run", str(light_scenario), "--draws", "50", "--store", str(store), "--out", "o"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["report.html", "summary.json"]


def test_progress_stages_on_stderr_stdout_stays_clean(light_scenario, tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINE_PROGRESS", "1")
    result = _invoke(
        [
            "run",
            str(light_scenario),
            "--draws",
            "50",
            "--store",
            str(tmp_path / "s.duckdb"),
            "-f",
            "json",
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["run"]["draws"] == 50  # stdout is only the JSON
    stages = [line for line in result.stderr.splitlines() if line.startswith(("… ", "✓ "))]
    names = " ".join(stages)
    for step in ("coding the World", "Monte Carlo", "summarising", "writing"):
        assert f"… {step}" in names and f"✓ {step}" in names, result.stderr
    assert all(re.search(r"\(\d+\.\d s\)$", line) for line in stages if line.startswith("✓"))
