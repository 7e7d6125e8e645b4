"""`redline data sql` reads the snapshot and nothing else, within time, memory and size limits."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.data.query import run_sql
from redline.errors import RedlineError


def test_a_select_still_works():
    frame = run_sql("SELECT iso3 FROM countries WHERE iso3 = 'POL'")
    assert list(frame["iso3"]) == ["POL"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "expected a query"),
        ("SELECT 1; SELECT 2", "exactly one statement"),
        ("COPY countries TO '/tmp/redline-leak.csv'", "read-only query"),
        ("CREATE TABLE x AS SELECT 1", "read-only query"),
        ("ATTACH '/tmp/redline-other.db'", "read-only query"),
        ("INSTALL httpfs", "read-only query"),
        ("SELECT * FROM read_csv('/etc/passwd')", "file system operations are disabled"),
        ("SELECT * FROM range(1000000)", "more than 100,000 rows"),
        ("SELECT repeat('x', 100000000)", "MB limit"),
        ("SELECT [repeat('x', 30000000)]", "MB limit"),  # text inside a list counts too
        ("SELECT {'a': [repeat('x', 30000000)]}", "MB limit"),  # and inside a struct
    ],
)
def test_refused(query, message, tmp_path):
    with pytest.raises(RedlineError, match=message):
        run_sql(query, seconds=120)  # generous: the limit under test is not the time limit


def test_a_long_query_is_stopped():
    with pytest.raises(RedlineError, match="longer than 0.5 s"):
        run_sql("SELECT count(*) FROM range(100000000000)", seconds=0.5)


def test_cli_one_line_error():
    result = CliRunner().invoke(app, ["data", "sql", "COPY countries TO '/tmp/x.csv'"])
    assert result.exit_code == 2
    assert result.output.startswith("error: SQL: expected a read-only query")
    assert "Traceback" not in result.output
