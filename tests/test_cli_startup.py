"""A fast start: ``redline --help`` prints a static help table that must equal the real commands' help,
loads no model library, and a command run builds only the module that owns it (issues 11 and 14)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from redline.cli import COMMAND_MODULES, _command_name, app
from redline.cli._help import MODULE_OF, TABLE, collect, render, static_help

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEAVY = ("numpy", "pandas", "pyarrow", "scipy", "numba", "duckdb", "plotly", "dask", "typer", "rich", "click")


def _typer_help(path: tuple[str, ...], width: int) -> str:
    """The help typer itself prints for ``redline PATH --help`` at ``width`` columns (colours removed)."""
    result = CliRunner().invoke(
        app, [*path, "--help"], prog_name="redline", env={"COLUMNS": str(width), "TERMINAL_WIDTH": ""}
    )
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in ANSI.sub("", result.output).split("\n")).rstrip("\n")


def test_help_table_is_the_real_registration():
    table, owners = collect()
    assert list(table) == list(TABLE), "commands added or removed: run `python -m redline.cli._help`"
    for path, entry in table.items():
        assert entry == TABLE[path], f"help of {path} changed: run `python -m redline.cli._help`"
    assert owners == MODULE_OF
    assert set(MODULE_OF.values()) == set(COMMAND_MODULES)


def test_help_table_names_every_command_and_option():
    """Independent of the collector: the table's commands are the click group's, with their help."""
    import typer

    root = typer.main.get_command(app)
    assert [name for name, _ in TABLE[()]["commands"]] == list(root.commands)
    for name, command in root.commands.items():
        entry = TABLE[(name,)]
        options = {o for _, rows in entry["panels"] for row in rows for cell in row[:-2] for o in cell.split(",")}
        for param in command.params:
            shown = set(param.opts) <= options if param.param_type_name == "option" else param.name in options
            assert shown or getattr(param, "hidden", False), (name, param.opts)
        first = (command.help or "").strip().split("\n\n")[0].split()[:3]
        assert entry["help"].split()[:3] == [re.sub(r"\[/?\w+\]", "", w) for w in first if w], name


@pytest.mark.parametrize("path", list(TABLE))
def test_static_help_is_what_typer_prints(path):
    assert render(path, 100).rstrip("\n") == _typer_help(path, 100)


@pytest.mark.parametrize("path", [(), ("deter",), ("data", "sql"), ("decide",), ("bargain",)])
@pytest.mark.parametrize("width", [44, 72])
def test_static_help_is_what_typer_prints_when_narrow(path, width):
    assert render(path, width).rstrip("\n") == _typer_help(path, width)


def test_only_plain_help_requests_are_static():
    assert static_help(["--help"]) is not None
    assert static_help(["data", "sql", "--help"]) is not None
    for args in ([], ["--debug", "--help"], ["nosuch", "--help"], ["deter", "--year", "1", "--help"],
                 ["deter"], ["--help", "deter"], ["data", "sql", "x", "--help"]):
        assert static_help(args) is None, args


def test_command_name_skips_root_options():
    assert _command_name(["deter", "--year", "2024"]) == "deter"
    assert _command_name(["--debug", "--columns", "a,b", "world"]) == "world"
    assert _command_name(["--columns=all", "data", "list"]) == "data"
    assert _command_name(["--bogus", "deter"]) is None
    assert _command_name(["--columns"]) is None
    assert _command_name([]) is None


def _run_main(args: list[str]) -> tuple[int, str, str, list[str]]:
    """``redline ARGS`` in a fresh interpreter: exit code, stdout, stderr, and the modules it loaded."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.argv = ["redline", *{args!r}]
        from redline.cli import main
        try:
            main()
            status = 0
        except SystemExit as exc:
            status = exc.code
        print("\\nMODULES", status, " ".join(sorted(sys.modules)))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    text, _, tail = out.stdout.rpartition("\nMODULES ")
    status, _, modules = tail.partition(" ")
    return int(status), text, out.stderr, modules.split()


@pytest.mark.parametrize("args", [["--help"], ["deter", "--help"], ["data", "sql", "--help"], ["--version"]])
def test_help_loads_no_model_library_nor_typer(args):
    status, text, err, modules = _run_main(args)
    assert status == 0 and err == "" and text.strip()
    loaded = sorted({m.split(".")[0] for m in modules} & set(HEAVY))
    assert loaded == [], f"redline {' '.join(args)} loaded {loaded}"


def test_version_is_the_package_version():
    from redline import __version__

    assert _run_main(["--version"])[1].strip() == f"redline {__version__}"


@pytest.mark.parametrize("args", [["deter", "--year", "abc"], ["nosuch"]])
def test_a_command_loads_only_its_module_and_errs_as_before(args):
    """The console script builds only the owner's module; its usage errors are the full app's."""
    lazy = _run_main(args)
    full = CliRunner().invoke(app, args, prog_name="redline")
    assert lazy[:3] == (full.exit_code, full.stdout, full.stderr)
    assert lazy[0] == 2 and lazy[2].startswith("error: ") and lazy[2].count("\n") == 1
    commands = {m.rpartition(".")[2] for m in lazy[3] if m.startswith("redline.cli.")} & set(COMMAND_MODULES)
    assert commands == ({MODULE_OF[args[0]]} if args[0] in MODULE_OF else set(COMMAND_MODULES))


@pytest.mark.parametrize("args", [[], ["data"]])
def test_a_bare_group_prints_its_help_and_no_error(args):
    """``redline`` and ``redline data`` with nothing after them show the help, exit 0, no ``error:`` line."""
    status, text, err, _ = _run_main(args)
    assert status == 0 and err == ""
    assert "Usage: redline" in text and "Commands" in text


@pytest.mark.parametrize("args", [["deter", "--year", "abc"], ["run", "--bogus"], ["bargain", "--bogus"]])
def test_a_command_start_loads_no_numpy_nor_pandas(args):
    """A command's start (here ending in a usage error) loads typer but neither NumPy nor pandas: the
    JSON converter the output helper imports loads them only for their own values (≈ 0.6 CPU-s)."""
    status, _, err, modules = _run_main(args)
    assert status == 2 and err.startswith("error: ")
    loaded = sorted({m.split(".")[0] for m in modules} & {"numpy", "pandas", "pyarrow", "scipy"})
    assert loaded == [], f"redline {' '.join(args)} loaded {loaded}"


def test_colour_changes_no_character():
    """On a terminal the help is coloured as typer colours it; without the codes it is the same text."""
    for path in [(), ("deter",), ("data", "sql")]:
        coloured = render(path, 90, colour=True)
        assert "\x1b[1;36m--" in coloured and ANSI.sub("", coloured) == render(path, 90)


def test_no_help_text_is_eaten_as_markup():
    """typer reads help as rich markup: an unescaped ``[name]`` vanishes from the help (write ``\\[name]``)."""
    import typer

    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    style = re.compile(r"\[/?(bold|dim|italic|red|green|cyan|yellow|b|i)?\]")
    eaten = []
    for path, command in walk(typer.main.get_command(app), ()):
        for text in [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]:
            eaten += [(path, m) for m in re.findall(r"(?<!\\)\[[a-z][^\]\s]*\]", text) if not style.fullmatch(m)]
    assert eaten == []


def test_to_jsonable_needs_no_pandas_until_given_pandas_values() -> None:
    """A command's start imports redline.serialize without NumPy or pandas (≈ 0.6 CPU-s); plain values
    convert alike, and NumPy/pandas values convert as before once their library is loaded."""
    import subprocess
    import sys

    code = (
        "import sys; from redline.serialize import dumps; "
        "print(dumps({'a': [1, 2.5, float('nan'), None, 'x', (True,)]}, indent=None)); "
        "print(' '.join(m for m in ('numpy', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == '{"a": [1, 2.5, null, null, "x", [true]]}'
    assert lines[1:] in ([], [""])

    import numpy as np
    import pandas as pd

    from redline.serialize import to_jsonable

    frame = pd.DataFrame({"x": [1, 2], "y": [np.nan, 0.5], "d": [pd.Timestamp("2024-01-02"), pd.NaT]})
    assert to_jsonable(frame) == [
        {"x": 1, "y": None, "d": "2024-01-02T00:00:00"},
        {"x": 2, "y": 0.5, "d": None},
    ]
    assert to_jsonable({"s": pd.Series([1.5], index=["k"]), "n": pd.NA, "b": np.bool_(True)}) == {
        "s": {"k": 1.5},
        "n": None,
        "b": True,
    }
    assert to_jsonable(np.array([[1, 2]], dtype=np.int64)) == [[1, 2]]
    assert to_jsonable(np.float32(np.nan)) is None and type(to_jsonable(np.int64(3))) is int
