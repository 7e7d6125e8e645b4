"""The README's examples are executed documentation: every `redline` command and Python block runs,
and each command's output is checked (see ``docs_examples``), not only its exit code."""

from __future__ import annotations

import pytest

from docs_examples import ROOT, blocks, commands, run_command, scratch

README = ROOT / "README.md"


def test_readme_has_runnable_examples():
    assert len(commands(README)) >= 4
    assert blocks(README, "python")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """One folder for the whole README session, so `redline runs` sees what `redline run` stored."""
    return scratch(tmp_path_factory.mktemp("readme"))


@pytest.fixture(scope="module")
def state():
    return {}


@pytest.mark.parametrize(("command", "comment"), commands(README))
def test_readme_command_runs(command, comment, monkeypatch, workdir, state):
    monkeypatch.chdir(workdir)
    run_command(command, comment, state)


@pytest.mark.parametrize("block", blocks(README, "python"))
def test_readme_python_runs(block, monkeypatch, workdir):
    monkeypatch.chdir(workdir)
    exec(compile(block, "README.md", "exec"), {})
