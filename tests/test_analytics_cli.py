"""The analytics commands end to end: burden, alignment, factions, claims."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from redline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _needs_data(sources_dir):
    return sources_dir


def invoke(*args):
    return runner.invoke(app, list(args))


def test_burden_json_and_plot(tmp_path):
    plot = tmp_path / "burden.html"
    result = invoke("burden", "--year", "2024", "--format", "json", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)  # the "plot written" note goes to stderr
    members = {row["iso3"]: row for row in payload["members"]}
    assert len(members) == 32
    assert members["POL"]["frontline"] is True
    assert members["POL"]["gap_2pct"] == pytest.approx(members["POL"]["burden_pct"] - 2.0)
    assert payload["defence_release"] == "nato-2024-06"
    assert "ISL" in payload["missing_gdp_or_burden"]  # no NATO figure for Iceland: reported, not zero
    assert {r["statistic"] for r in payload["olson_zeckhauser"]} >= {"spearman_rho", "kendall_tau_b"}
    assert plot.exists() and plot.stat().st_size > 100_000
    assert "plot written" in result.stderr


@pytest.mark.parametrize("command", [["burden"], ["alignment", "--with", "RUS"], ["factions"]])
def test_bad_plot_path_fails_before_any_output(tmp_path, command):
    for path, hint in (
        (tmp_path / "x.png", "expected a .html"),
        (tmp_path / "no" / "x.html", "does not exist"),
    ):
        result = invoke(*command, "--plot", str(path))
        assert result.exit_code == 2 and hint in result.stderr
        assert result.stdout == ""


def test_burden_table():
    result = invoke("burden", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert "olson_zeckhauser" in result.output


@pytest.mark.parametrize("reference", ["RUS", "USA", "nato-median"])
def test_alignment(reference):
    result = invoke("alignment", "--with", reference, "--members", "NATO", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    rows = next(v for k, v in payload.items() if k.startswith("alignment with"))
    assert len(rows) == 32
    assert all(r["n_shared"] <= r["n_votes"] for r in rows)
    assert payload["missing_votes"] > 0  # the shipped votes are partly blank, and the output says so


def test_alignment_plot_and_bad_reference(tmp_path):
    plot = tmp_path / "align.html"
    assert invoke("alignment", "--with", "RUS", "--plot", str(plot)).exit_code == 0
    assert plot.exists()
    bad = invoke("alignment", "--with", "XXX")
    assert bad.exit_code == 2 and "XXX" in bad.stderr and "nato-median" in bad.stderr


def test_factions(tmp_path):
    plot = tmp_path / "factions.html"
    result = invoke("factions", "--year", "2025", "--members", "all", "--format", "json", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)  # the "plot written" note goes to stderr
    assert payload["summary"]["n_louvain_factions"] >= 2
    faction = {r["member"]: r["louvain_faction"] for r in payload["members"]}
    assert faction["RUS"] == faction["BLR"] != faction["POL"]
    assert plot.exists()


@pytest.mark.parametrize("fmt", ["json", "markdown", "table", "csv"])
def test_claims_formats(fmt):
    result = invoke("claims", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        claims = json.loads(result.stdout)
        assert {c["verdict"] for c in claims} <= {
            "supported",
            "consistent with the data",
            "mixed",
            "not supported",
            "not testable with shipped data",
        }
        # a claim with data names them; one not testable with the year's data has none (review A5)
        assert all(c["data"] or c["verdict"].startswith("not testable") for c in claims)
    elif fmt == "markdown":
        assert result.stdout.startswith("# The article's claims")


def test_claims_unknown_id():
    result = invoke("claims", "--claim", "nope")
    assert result.exit_code == 2 and "unknown claim" in result.output
