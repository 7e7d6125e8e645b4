"""The package imports, the CLI starts, and every command module registers."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from typer.testing import CliRunner

import redline
from redline.actors import ActorTable
from redline.cli import COMMAND_MODULES, app
from redline.errors import RedlineError
from redline.rng import BLOCK, chunk_ranges, draw_blocks

runner = CliRunner()


def test_version_is_set():
    assert redline.__version__


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_every_command_module_registers(name):
    module = importlib.import_module(f"redline.cli.{name}")
    assert callable(module.register)


def test_every_command_help_shows_an_example():
    import click
    import typer.main

    root = typer.main.get_command(app)
    ctx = click.Context(root)
    missing = []

    def walk(group, path):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                walk(command, [*path, name])
                continue
            result = runner.invoke(app, [*path, name, "--help"], terminal_width=200)
            text = "\n".join(line for line in result.output.splitlines() if "Usage:" not in line)
            if result.exit_code != 0 or "redline " not in text:
                missing.append(" ".join([*path, name]))

    walk(root, [])
    assert not missing, f"commands whose --help shows no example: {missing}"


def test_block_draws_do_not_depend_on_chunking():
    def sampler(gen, n):
        return {"x": gen.normal(size=(n, 3))}

    draws = 3 * BLOCK + 17
    whole = draw_blocks(7, 0, draws, sampler)["x"]
    for chunk in (BLOCK, 2 * BLOCK, 10 * BLOCK):
        parts = [draw_blocks(7, a, b, sampler)["x"] for a, b in chunk_ranges(draws, chunk)]
        np.testing.assert_array_equal(np.concatenate(parts), whole)
    assert whole.shape == (draws, 3)
    assert not np.array_equal(whole, draw_blocks(8, 0, draws, sampler)["x"])


def test_actor_table_validation_names_row_and_column():
    import pandas as pd

    good = pd.DataFrame(
        {"actor": ["A", "B"], "position": [0, 100], "capability": [1, 2], "salience_pct": [50, 80]}
    )
    table = ActorTable.from_frame(good)
    np.testing.assert_allclose(table.salience, [0.5, 0.8])
    bad = good.assign(position=["x", 3])
    with pytest.raises(RedlineError, match="row 1, column position"):
        ActorTable.from_frame(bad)
    with pytest.raises(RedlineError, match="row 2, column actor: duplicate"):
        ActorTable.from_frame(good.assign(actor=["A", "A"]))
    with pytest.raises(RedlineError, match="row 2, column salience_pct"):
        ActorTable.from_frame(good.assign(salience_pct=[50, 120]))
    with pytest.raises(RedlineError, match="missing column"):
        ActorTable.from_frame(good.drop(columns=["capability"]))


def test_table_output_prints_brackets_literally(capsys):
    from redline.cli._output import emit

    emit([{"question": "Arm [ukraine] now?", "value": 1.5}], "table", title="[bold]x")
    out = capsys.readouterr().out
    assert "Arm [ukraine] now?" in out
