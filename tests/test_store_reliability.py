"""The results store under concurrency and damage: clear errors, no lost or corrupted runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.errors import RedlineError
from redline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "nato-2024.toml"


def _store_with_one_run(path: Path) -> None:
    with Store(path) as store:
        store.start_run("r1", scenario_name="s", seed=1, draws=10, chunk_size=10)
        store.finish_run("r1", {"ok": True}, pd.DataFrame(columns=["question", "statistic", "value", "lo", "hi"]))


def test_second_run_is_refused_before_any_work(tmp_path, monkeypatch):
    import redline.runner
    import redline.scenario

    def no_work(*args, **kwargs):
        raise AssertionError("the scenario was read or prepared before the run was refused")

    # Refused at once: neither reading nor preparing the scenario may start (checked by what is called,
    # not by a wall-clock bound, which a loaded machine can miss).
    monkeypatch.setattr(redline.scenario, "load_scenario", no_work)
    monkeypatch.setattr(redline.runner, "prepare", no_work)
    path = tmp_path / "s.duckdb"
    _store_with_one_run(path)
    holder = Store(path)
    holder.run_lock()
    try:
        result = CliRunner().invoke(
            app, ["run", str(SCENARIO), "--store", str(path), "--draws", "16", "--out", str(tmp_path / "r")]
        )
    finally:
        holder.close()
    assert result.exit_code == 2, (result.output, result.exception)
    assert "another run is writing to this store" in result.output
    assert list(Store(path).runs()["run_id"]) == ["r1"]  # nothing new, nothing lost
    assert not (tmp_path / "r").exists()


def test_run_lock_is_released_and_can_wait(tmp_path):
    path = tmp_path / "s.duckdb"
    first = Store(path)
    first.run_lock()
    second = Store(path)
    with pytest.raises(RedlineError, match="another run"):
        second.run_lock(wait=0.2)
    first.close()
    second.run_lock(wait=0.2)  # free now
    second.close()


def test_reading_while_another_process_writes(tmp_path):
    path = tmp_path / "s.duckdb"
    _store_with_one_run(path)
    writer = textwrap.dedent(
        f"""
        import time, duckdb
        con = duckdb.connect({str(path)!r})
        con.execute("BEGIN TRANSACTION")
        con.execute("UPDATE runs SET status = 'finished'")
        print("holding", flush=True)
        time.sleep(1.5)
        con.execute("COMMIT")
        con.close()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        frame = Store(path).runs()  # waits for the writer instead of failing
        assert list(frame["run_id"]) == ["r1"]
    finally:
        proc.wait(timeout=30)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty-header", "truncated", "foreign-schema"],
)
def test_damaged_store_gives_a_clear_error_and_is_not_overwritten(tmp_path, damage):
    path = tmp_path / "s.duckdb"
    if damage == "garbage":
        path.write_bytes(b"this is not a database\n" * 100)
    elif damage == "empty-header":
        path.write_bytes(b"\0" * 8192)
    elif damage == "truncated":
        _store_with_one_run(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        import duckdb

        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE runs (id INTEGER, note VARCHAR)")
        con.close()
    before = path.read_bytes()
    for argv in (["runs", "--store", str(path)], ["show", "abc", "--store", str(path)]):
        result = CliRunner().invoke(app, argv)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert result.output.startswith("error: ")
        assert str(path) in result.output
    assert path.read_bytes() == before


def test_store_path_that_is_a_directory(tmp_path):
    result = CliRunner().invoke(app, ["runs", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "found a directory" in result.output


def test_out_pointing_at_a_file_is_refused_before_the_run(tmp_path):
    path = tmp_path / "s.duckdb"
    target = tmp_path / "report.txt"
    target.write_text("x")
    result = CliRunner().invoke(
        app, ["run", str(SCENARIO), "--store", str(path), "--draws", "16", "--out", str(target)]
    )
    assert result.exit_code == 2
    assert "expected a folder" in result.output
    assert not path.exists()  # nothing was stored


def test_seeds_up_to_2_to_the_64_are_stored(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.start_run("r", scenario_name="s", seed=2**64 - 1, draws=1, chunk_size=1)
        assert int(store.run("r")["seed"]) == 2**64 - 1
