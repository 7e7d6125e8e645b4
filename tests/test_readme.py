"""The README's examples are executed documentation: every `redline` command and Python block runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def _commands() -> list[str]:
    lines = [line.split("  #")[0].strip() for block in _blocks("bash") for line in block.splitlines()]
    return [line for line in lines if line.startswith("redline ")]


def test_readme_has_runnable_examples():
    assert len(_commands()) >= 4
    assert _blocks("python")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """One folder for the whole README session, so `redline runs` sees what `redline run` stored."""
    return tmp_path_factory.mktemp("readme")


@pytest.mark.parametrize("command", _commands())
def test_readme_command_runs(command, monkeypatch, workdir):
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    args = [str(workdir / a) if a.startswith("report/") else a for a in args]  # outputs go to tmp
    if args[0] in ("run", "runs", "compare"):
        args += ["--store", str(workdir / "store.duckdb")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, f"{command}\n{result.output}"


@pytest.mark.parametrize("block", _blocks("python"))
def test_readme_python_runs(block):
    exec(compile(block, "README.md", "exec"), {})
