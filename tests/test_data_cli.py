"""CLI: `redline data ...` and `redline world YEAR` through typer's runner; output parses; errors exit 2."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.data import snapshot_version, table_names

runner = CliRunner()


def run(*args: str, ok: bool = True):
    result = runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, (result.output, result.exception)
    return result


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_data_list_shows_every_table_with_source():
    rows = rows_of(run("data", "list", "--format", "csv").stdout)
    assert [r["table"] for r in rows] == table_names()
    for r in rows:
        assert r["source"] and r["release"] and int(r["rows"]) > 0
    by = {r["table"]: r for r in rows}
    assert by["defence_expenditure"]["years"] == "2014-2025"
    assert "sipri" in by["milex"]["source"].lower()
    table = run("data", "list").stdout
    assert snapshot_version() in table and "ukraine_support" in table


def test_data_show_formats():
    rows = rows_of(
        run("data", "show", "defence_expenditure", "--year", "2024", "--country", "POL", "-f", "csv").stdout
    )
    assert {r["release_id"] for r in rows} == {"nato-2024-06", "nato-2025-04-press"}
    data = json.loads(run("data", "show", "milex", "--year", "2024", "--country", "usa", "-f", "json").stdout)
    assert len(data) == 1 and data[0]["iso3"] == "USA" and data[0]["milex_pct_gdp"] == 3.419
    gaps = json.loads(run("data", "show", "democracy", "--year", "2014", "-n", "2", "-f", "json").stdout)
    assert gaps[0]["v2x_libdem"] is None  # a gap is null, not 0
    release = rows_of(
        run("data", "show", "defence_expenditure", "--release", "nato-2025-08-press", "-f", "csv").stdout
    )
    assert len(release) == 15
    assert "Warsaw" in run("data", "show", "countries", "--country", "POL").stdout  # one record: field/value
    # 8 before issue 12, plus Turkiye's trade halt with Israel (2 May 2024)
    assert len(json.loads(run("data", "show", "events", "--year", "2024", "-f", "json").stdout)) == 9


def test_data_sql_over_views():
    out = run("data", "sql", "SELECT iso3, pct_gdp FROM defence_expenditure WHERE year = 2024 "
              "AND release_id = 'nato-2024-06' ORDER BY pct_gdp DESC LIMIT 3", "-f", "json").stdout  # fmt: skip
    assert [r["iso3"] for r in json.loads(out)] == ["POL", "EST", "USA"]
    joined = rows_of(
        run(
            "data", "sql",
            "SELECT c.name, g.gdp_current_usd FROM countries c JOIN gdp g USING (iso3) WHERE g.year = 2023 AND c.iso3 = 'FIN'",
            "-f", "csv",
        ).stdout
    )  # fmt: skip
    assert joined[0]["name"] == "Finland" and float(joined[0]["gdp_current_usd"]) > 2e11
    dates = json.loads(
        run(
            "data",
            "sql",
            "SELECT date FROM events WHERE event_type = 'nato_accession' ORDER BY date",
            "-f",
            "json",
        ).stdout
    )
    assert dates[-1]["date"] == "2024-03-07"


def test_data_provenance():
    rec = json.loads(run("data", "provenance", "ukraine_support", "-f", "json").stdout)
    assert "Release 28" in rec["release"] and rec["licence"] and rec["known_gaps"]
    everything = rows_of(run("data", "provenance", "-f", "csv").stdout)
    assert [r["table"] for r in everything] == table_names()
    assert "nato.int" in run("data", "provenance", "defence_expenditure").stdout


def test_world_2024_csv_has_32_nato_rows():
    rows = rows_of(run("world", "2024", "--format", "csv").stdout)
    assert sum(r["nato"] == "1" for r in rows) == 32
    assert len(rows) == 63
    pol = next(r for r in rows if r["iso3"] == "POL")
    assert float(pol["defence_pct_gdp"]) == 4.12 and pol["eu"] == "1"


def test_world_reports_its_gaps_on_stderr():
    result = run("world", "2024", "--members", "NATO", "--columns", "name,gdp_usd,libdem", "-f", "csv")
    rows = rows_of(result.stdout)
    empty_gdp = sum(r["gdp_usd"] == "" for r in rows)
    assert empty_gdp > 0  # 2024 GDP is missing for non-donor allies in the shared data
    assert f"gdp_usd {empty_gdp}" in result.stderr and "not imputed" in result.stderr
    assert "libdem" not in result.stderr  # every ally has a 2024 V-Dem score
    assert "gaps: none" in run("world", "2024", "--columns", "name", "-f", "csv").stderr


def test_world_options():
    data = json.loads(run("world", "--date", "2024-03-01", "--members", "NATO", "-f", "json").stdout)
    assert len(data) == 31
    rows = rows_of(
        run(
            "world",
            "2025",
            "--columns",
            "defence_pct_gdp,defence_release",
            "--defence-release",
            "latest",
            "-f",
            "csv",
        ).stdout
    )
    assert list(rows[0]) == ["iso3", "defence_pct_gdp", "defence_release"]
    assert next(r for r in rows if r["iso3"] == "POL")["defence_release"] == "nato-2025-08-press"
    table = run("world", "2024", "--members", "CSTO").stdout
    assert "World 2024-12-31" in table and "KGZ" in table
    assert len(rows_of(run("world", "2024", "--columns", "all", "-f", "csv").stdout)[0]) > 40


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["data", "show", "nope"], "unknown table 'nope'; tables: countries"),
        (["data", "show", "gdp", "--country", "XXX"], "unknown ISO3 code(s) XXX"),
        (["data", "show", "countries", "--year", "2024"], "no year column"),
        (["data", "show", "gdp", "--year", "1990"], "no rows for year 1990; years covered: 2014-2024"),
        (["data", "sql", "SELEC 1"], "SQL error"),
        (["data", "sql", "SELECT * FROM nothing"], "tables: countries"),
        (["data", "provenance", "nope"], "unknown table"),
        (["world", "1990"], "outside the data coverage 2014-2025"),
        (["world", "--date", "1 May 2024"], "YYYY-MM-DD"),
        (["world", "2024", "--members", "OSCE"], "known: NATO, EU, BRICS, CSTO"),
        (["world", "2024", "--columns", "gdp"], "unknown column(s) gdp"),
        (["world"], "give either YEAR or --date"),
        (["data", "list", "--snapshot", "/nonexistent"], "not a Redline snapshot folder"),
        (["data", "refresh", "nato", "/nonexistent.xlsx", "--release", "2025-08"], "file not found"),
        (["data", "refresh", "sipri", "x.csv"], "unknown refresh source"),
    ],
)
def test_errors_exit_2_with_one_line(args, message):
    result = run(*args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_refresh_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINE_DATA_DIR", str(tmp_path / "user"))
    f = tmp_path / "v.csv"
    f.write_text("country_text_id,year,v2x_libdem\nPOL,2015,0.8\n", encoding="utf-8")
    out = json.loads(run("data", "refresh", "vdem", str(f), "--release", "v16", "-f", "json").stdout)
    assert out["folder"].startswith(str(tmp_path / "user" / "snapshots"))
    assert out["version"] != snapshot_version()
    rows = rows_of(
        run(
            "data",
            "show",
            "democracy",
            "--country",
            "POL",
            "--year",
            "2015",
            "-f",
            "csv",
            "--snapshot",
            out["folder"],
        ).stdout
    )
    assert rows[0]["v2x_libdem"] == "0.8"
    monkeypatch.setenv("REDLINE_SNAPSHOT", out["folder"])
    assert out["version"] in run("data", "list").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("country_text_id,year,v2x_libdem\nPOL,2015,-3\n", encoding="utf-8")
    result = run("data", "refresh", "vdem", str(bad), "--snapshot-dir", str(tmp_path / "never"), ok=False)
    assert result.exit_code == 2 and "row 2, column 'v2x_libdem'" in result.stderr
    assert not (tmp_path / "never").exists()


def test_help_texts_have_examples():
    for args in (
        ["data", "list"],
        ["data", "show"],
        ["data", "sql"],
        ["data", "provenance"],
        ["data", "refresh"],
        ["world"],
    ):
        assert "Example" in run(*args, "--help").stdout
