"""Executed documentation: the ``redline`` commands and Python blocks of README.md and docs/*.md.

Every command runs in a scratch folder that sees the repository's ``examples/``, ``scenarios/``,
``backtest/`` and ``data/`` (so relative paths work and written files stay out of the clone), and its
output is checked, not only its exit code:

* ``--format json`` prints valid JSON and ``--format csv`` a CSV with a header and rows; a table prints
  something;
* the files a command is told to write (``--out``, ``--plot``, ``--html``, ``> file``) exist;
* numbers quoted in the command's trailing comment (``# after Kursk: 0.187311``) appear in its output.

A command whose comment says ``(your file)`` needs a file the reader downloads; it is listed, not run.
``RUN_ID`` stands for the id of the run made earlier in the same document.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED_FOLDERS = ("examples", "scenarios", "backtest", "data")
DOCS_CASES = (
    "nato_no_fly_zone_2022",
    "eu_sanctions_patriarch_kirill_2022",
    "gbr_syria_strikes_commons_2013",
    "eu_ukraine_facility_dec2023",
)


def blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def commands(path: Path) -> list[tuple[str, str]]:
    """(command, trailing comment) of every ``redline`` line in the bash blocks of ``path``."""
    out = []
    for block in blocks(path, "bash"):
        for line in block.replace("\\\n", " ").splitlines():
            command, _, comment = line.partition("  #")
            command = " ".join(command.split())
            if command.startswith("redline ") and "(your file)" not in comment:
                out.append((command, comment.strip()))
    return out


def scratch(folder: Path) -> Path:
    """A working folder with links to the repository folders the examples read.

    ``backtest/cases`` there holds four cases (NATO consensus, EU unanimity, a single government; three
    decided by 2022 so that ``--cv loo`` has a training set) instead of the whole corpus, so that the
    documented backtest commands run as written within the test suite's time budget.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHARED_FOLDERS:
        link = folder / name
        if link.exists():
            continue
        if name == "backtest":
            (link / "cases").mkdir(parents=True)
            (link / "README.md").symlink_to(ROOT / "backtest" / "README.md")
            for case in DOCS_CASES:
                (link / "cases" / f"{case}.toml").symlink_to(ROOT / "backtest" / "cases" / f"{case}.toml")
        else:
            link.symlink_to(ROOT / name, target_is_directory=True)
    return folder


def _quoted_numbers(comment: str) -> list[str]:
    """Numbers in a comment that the output must show (decimals with at least three digits)."""
    return re.findall(r"(?<![\w.])\d+\.\d{3,}(?![\w.])", comment)


# Documented Monte Carlo sizes are for readers; the tests check the commands run and print what they
# say, which a few hundred draws show as well (keeps the suite inside CI's ten minutes).
TEST_DRAWS = 256


def fewer_draws(args: list[str]) -> list[str]:
    """``args`` with ``--draws N`` lowered to :data:`TEST_DRAWS` when larger."""
    out = list(args)
    for i, arg in enumerate(out[:-1]):
        if arg == "--draws" and out[i + 1].isdigit() and int(out[i + 1]) > TEST_DRAWS:
            out[i + 1] = str(TEST_DRAWS)
    return out


def run_command(command: str, comment: str, state: dict) -> str:
    """Run one documented command in the current (scratch) folder and check its output."""
    from redline.cli import app

    args = shlex.split(command)[1:]
    redirect = None
    if ">" in args:
        at = args.index(">")
        redirect, args = args[at + 1], args[:at]
    args = [state.get("run_id", a) if a == "RUN_ID" else a for a in args]
    if not _quoted_numbers(comment):
        args = fewer_draws(args)
    result = CliRunner().invoke(app, args, prog_name="redline", terminal_width=100)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    stdout = result.stdout
    if redirect:
        Path(redirect).write_text(stdout, encoding="utf-8")
    fmt = _option(args, "--format", "-f")
    if fmt == "json":
        json.loads(stdout)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(stdout)))
        assert len(rows) >= 2, f"{command}: no CSV rows\n{stdout}"
    assert stdout.strip() or result.stderr.strip(), f"{command}: printed nothing"
    for option in ("--out", "-o", "--plot", "--html"):
        target = _option(args, option)
        if target:
            assert Path(target).exists(), f"{command}: {target} not written"
    for number in _quoted_numbers(comment):
        assert number in result.output, (
            f"{command}: the documented {number} is not in the output\n{result.output}"
        )
    found = re.search(r"run (\d{8}T\d{6}-[0-9a-f]{6})", result.output)
    if found:
        state["run_id"] = found.group(1)
    return stdout


def _option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None
