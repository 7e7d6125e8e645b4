"""The eight shipped cases run end to end (small draws), through the API and the CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from redline.backtest import METHODS, find_cases, read_case, read_outcome
from redline.backtest.scoring import brier_score
from redline.cli import app

runner = CliRunner()
DRAWS = "48"


def strict_json(text: str) -> dict:
    """Parse JSON, refusing the NaN/Infinity tokens Python accepts but JSON does not."""

    def refuse(token: str) -> None:
        raise AssertionError(f"not valid JSON: {token}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def cases_dir(development_cases):
    return development_cases


@pytest.fixture(scope="module")
def backtest_json(cases_dir, tmp_path_factory):
    plot = tmp_path_factory.mktemp("plot") / "reliability.html"
    result = runner.invoke(
        app,
        [
            "backtest",
            str(cases_dir),
            "--draws",
            DRAWS,
            "--seed",
            "3",
            "--format",
            "json",
            "--plot",
            str(plot),
        ],
    )
    assert result.exit_code == 0, result.output
    return strict_json(result.output), plot


def test_backtest_json_has_the_documented_keys(backtest_json, cases_dir):
    data, plot = backtest_json
    assert set(data) == {"settings", "cases", "summary", "calibration", "blocking", "bargained", "skipped"}
    assert set(data["bargained"]) == set(data["blocking"])
    assert data["settings"]["draws"] == int(DRAWS) and data["settings"]["n_cases"] == 8
    ids = {read_case(p).id for p in find_cases(cases_dir)}
    assert {row["case"] for row in data["cases"]} == ids
    assert len(data["cases"]) == 8 * len(METHODS)
    row = data["cases"][0]
    assert set(row) == {
        "case",
        "rule",
        "method",
        "p_adopted",
        "value_mean",
        "value_median",
        "value_p05",
        "value_p95",
        "adopted",
        "outcome_value",
    }
    assert [s["method"] for s in data["summary"]] == list(METHODS)
    assert set(data["calibration"]) == set(METHODS)
    assert set(data["blocking"]) == ids
    assert plot.stat().st_size > 100_000


def test_backtest_scores_agree_with_the_per_case_rows(backtest_json, cases_dir):
    data, _ = backtest_json
    truth = {read_case(p).id: read_outcome(p) for p in find_cases(cases_dir)}
    for summary in data["summary"]:
        rows = [r for r in data["cases"] if r["method"] == summary["method"]]
        p = np.array([r["p_adopted"] for r in rows], dtype=float)
        y = np.array([float(truth[r["case"]].adopted) for r in rows])
        assert summary["brier"] == pytest.approx(float(brier_score(p, y)))
        assert summary["brier_low"] <= summary["brier"] <= summary["brier_high"]
    by_method = {r["method"]: r for r in data["cases"] if r["case"] == "nato_no_fly_zone_2022"}
    assert by_method["status_quo"]["p_adopted"] == 0.0
    # Base rate: the share of the other seven cases adopted (four of the eight were).
    assert by_method["base_rate"]["p_adopted"] == pytest.approx(4 / 7)
    # Every actor on the no-fly zone sits near 0 that matters: nobody forecasts adoption.
    assert by_method["redline"]["p_adopted"] < 0.1


def test_lone_high_salience_veto_blocks(cases_dir):
    """The EU facility: the 26 back it and Hungary (veto, salience 0.8) opposes it."""
    result = runner.invoke(
        app, ["forecast", str(cases_dir / "eu_ukraine_facility_dec2023.toml"), "-d", "400", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = strict_json(result.output)
    methods = {m["method"]: m for m in data["methods"]}
    assert methods["weighted_mean"]["p_adopted"] > 0.95
    # Salience resistance: the bargain passes only if Hungary does not resist, P about 1 - 0.8.
    assert abs(methods["salience_resist"]["p_adopted"] - 0.2) < 4 * math.sqrt(0.2 * 0.8 / 400) + 0.03
    # Holdout model: Hungary alone, nothing on the table, no opt-out coded: it mostly blocks (with the
    # fitted capability-weighted isolation, kappa 0.5, it concedes in the draws where its loss is small).
    assert methods["redline"]["p_adopted"] < 0.2 and data["outcomes"]["blocked"] > 0.8
    assert set(data["bargained"]) == {"mean", "median", "p05", "p95", "p_blocked", "p_cycle", "p_max_rounds"}
    assert 0 <= data["bargained"]["p_max_rounds"] <= 1
    actors = {a["actor"]: a for a in data["actors"]}
    assert actors["HUN"]["p_blocks"] > 0.6 and actors["DEU"]["p_blocks"] < 0.05
    assert set(data) >= {
        "case",
        "rule",
        "draws",
        "seed",
        "bargained",
        "methods",
        "actors",
        "dropped_by_strict",
    }


def test_forecast_table_output_and_strict(cases_dir):
    path = str(cases_dir / "swe_nato_accession_2024.toml")
    result = runner.invoke(app, ["forecast", path, "--draws", "16"])
    assert result.exit_code == 0, result.output
    assert "redline" in result.output and "TUR" in result.output
    strict = runner.invoke(app, ["forecast", path, "--draws", "16", "--strict", "--format", "json"])
    assert strict.exit_code == 0, strict.output
    data = json.loads(strict.output)
    assert "HUN" in data["dropped_by_strict"]
    assert "HUN" not in {a["actor"] for a in data["actors"]}


def test_backtest_table_and_strict_run(cases_dir):
    result = runner.invoke(app, ["backtest", str(cases_dir), "--draws", "8", "--strict"])
    assert result.exit_code == 0, result.output
    assert "Scores" in result.output and "status_quo" in result.output.replace("sq", "status_quo")


def test_cli_errors_exit_2(tmp_path):
    result = runner.invoke(app, ["backtest", str(tmp_path)])
    assert result.exit_code == 2 and "no *.toml case files" in result.output
    result = runner.invoke(app, ["forecast", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "case file not found" in result.output


def test_forecast_and_backtest_say_how_many_positions_rest_on_flagged_sources(cases_dir):
    """A line, not a score: the count of coded positions whose source is flagged (source_quality)."""
    from pathlib import Path

    flagged = Path(__file__).resolve().parents[1] / "backtest" / "cases" / "eu_seventeenth_sanctions_package_may2025.toml"
    result = runner.invoke(app, ["forecast", str(flagged), "--draws", "8"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert "source quality 26 of 27 coded positions rest on sources flagged second-hand aggregator" in text
    clean = runner.invoke(app, ["forecast", str(cases_dir / "swe_nato_accession_2024.toml"), "--draws", "8"])
    assert "no coded position rests on a flagged source" in " ".join(clean.output.replace("│", " ").split())
    folder = runner.invoke(app, ["backtest", str(cases_dir), "--draws", "8"])
    assert folder.exit_code == 0, folder.output
    assert "source quality: " in folder.output
