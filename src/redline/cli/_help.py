"""``redline --help`` without typer: a static help table, generated from the real registration.

Loading typer, rich and the command modules costs about ten times more than the interpreter itself,
all to print text that only changes when a command changes. So the help of every command and group
is kept as plain data in :mod:`redline.cli._help_table` (usage line, help text, option and command
rows, exactly the cells typer's rich help shows) and laid out here with the standard library, in the
same panels and columns as typer draws them (without colour). The table is written by

    python -m redline.cli._help

from the real typer app (:func:`collect`); ``tests/test_cli_startup.py`` fails when the checked-in
table differs from the real registration or when the layout differs from typer's own help.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from redline.cli._help_table import MODULE_OF, TABLE

__all__ = ["MODULE_OF", "TABLE", "collect", "render", "static_help", "terminal_width"]


def static_help(args: list[str]) -> str | None:
    """The help text for ``redline ARGS`` when ARGS is a plain help request, else ``None``.

    Plain means ``--help`` after nothing but known command names (``redline --help``,
    ``redline deter --help``, ``redline data sql --help``); anything else (root options, a typo,
    other options before ``--help``) goes to the real parser so its behaviour and errors stay its own.
    """
    if not args or args[-1] != "--help":
        return None
    path = tuple(args[:-1])
    if path not in TABLE:
        return None
    return render(path, terminal_width(), colour=_colour())


def _colour() -> bool:
    """Colours as rich decides them: a terminal on stdout (or ``FORCE_COLOR``), unless ``NO_COLOR`` or a dumb one."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM", "") not in ("dumb", "unknown")


def terminal_width() -> int:
    """The width rich would use: ``TERMINAL_WIDTH`` (typer), ``COLUMNS``, a terminal on 0/1/2, else 80."""
    fixed = os.environ.get("TERMINAL_WIDTH")
    if fixed:
        return int(fixed)
    width = None
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


# ----------------------------------------------------------------------------------------- layout


def _wrap(text: str, width: int, crop: bool = False) -> list[str]:
    """Lines of ``text`` at most ``width`` wide, its own line breaks kept, as rich wraps: a word that
    does not fit starts a new line; one longer than a line is folded (``crop``: cut with an ellipsis)."""
    width = max(width, 1)
    lines: list[str] = []
    for line in text.split("\n"):
        current = ""
        for word in re.findall(r"\s*\S+\s*", line) or [""]:
            if len((current + word).rstrip()) <= width:
                current += word
                continue
            if current:
                lines.append(current.rstrip())
            current = word
            if len(word.rstrip()) > width and crop:
                lines.append(word.rstrip()[: width - 1] + "…")
                current = ""
            elif len(word.rstrip()) > width:
                bare = word.rstrip()
                chunks = [bare[i : i + width] for i in range(0, len(bare), width)]
                lines.extend(chunks[:-1])
                current = chunks[-1] + word[len(bare) :]
        if current or not lines or line == "":
            lines.append(current.rstrip())
    return lines


def _cell_lines(items: list[str], width: int) -> list[str]:
    """A help cell: its items (help, ``[default: …]``, ``[required]``) side by side if they fit, as rich's
    ``Columns`` places them, else one below the other."""
    items = [i for i in items if i]
    if not items:
        return [""]
    sizes = [max(len(line) for line in item.split("\n")) for item in items]
    for count in range(len(items), 1, -1):
        widths = [max(sizes[i::count]) for i in range(count)]
        if sum(widths) + count - 1 <= width:
            lines = []
            for row in range(0, len(items), count):
                cells = items[row : row + count]
                lines.append(" ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip())
            return lines
    return [line for item in items for line in _wrap(item, width, crop=True)]


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take ``total`` off ``values`` in proportion to ``ratios``, at most ``maximums`` each (rich's rule)."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio, remaining, out = sum(ratios), total, []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _fit(widths: list[int], width: int) -> list[int]:
    """Column widths narrowed to ``width`` as rich narrows a table: the widest columns first, then evenly."""
    excess = sum(widths) - width
    while excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        if widest == second or not widest:
            break
        ratios = [1 if w == widest else 0 for w in widths]
        widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - width
    if excess > 0:
        widths = _reduce(excess, [1] * len(widths), widths, widths)
    return widths


# typer's colours (rich styles as ANSI codes), used when the output is a terminal
_BOLD, _DIM, _RED, _CYAN, _GREEN, _YELLOW = "1", "2", "31", "1;36", "1;32", "1;33"


def _paint(text: str, style: str | None) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if style and text else text


def _cell_style(text: str, column: int, count: int, commands: bool) -> str | None:
    """The colour typer gives a cell: options cyan, short switches green, types yellow, ``*`` red."""
    if commands:
        return _CYAN if column == 0 else None
    if column == count - 2:
        return _YELLOW
    if text == "*":
        return _RED
    return _CYAN if text.startswith("--") else _GREEN if text.startswith("-") else None


def _panel(
    title: str, rows: list[list[Any]], width: int, first_width: int | None = None, colour: bool = False
) -> list[str]:
    """A rounded panel titled ``title`` holding a borderless table laid out as typer's: each column as
    wide as its widest cell, the last (help) taking the rest; a table too wide is narrowed as rich does.
    With ``first_width`` (the commands panel) the first column has that width and never wraps."""
    paint = _paint if colour else (lambda text, style: text)
    inner = width - 4
    count = len(rows[0])
    # one space of padding on both sides of each cell, except at the table's outer edges
    pads = [(c > 0) + (c < count - 1) for c in range(count)]
    if first_width is not None:
        widths = [first_width + pads[0], max(inner - first_width - pads[0], 1 + pads[-1])]
    else:
        widths = [max(len(line) for row in rows for line in row[c].split("\n")) + pads[c] for c in range(count - 1)]
        widths = [w or 1 for w in widths] + [inner]
        if sum(widths) > inner:
            widths = _fit(widths, inner)
    out = [paint("╭─ ", _DIM) + title + paint(" " + "─" * max(width - len(title) - 5, 0) + "╮", _DIM)]
    for row in rows:
        cells = []
        for c, cell in enumerate(row):
            room = max(widths[c] - pads[c], 1)
            if first_width is not None and c == 0:
                cells.append([cell if len(cell) <= room else cell[: room - 1] + "…"])
            elif isinstance(cell, list):
                cells.append(_cell_lines(cell, room))
            else:  # typer folds the type column and cuts the others with an ellipsis
                cells.append(_wrap(cell, room, crop=c != count - 2))
        for k in range(max(len(lines) for lines in cells)):
            line, used = "", 0
            for c, lines in enumerate(cells):
                text = lines[k] if k < len(lines) else ""
                room = widths[c] - pads[c]
                style = None if c == count - 1 else _cell_style(text, c, count, first_width is not None)
                last = c == count - 1
                line += " " * (c > 0) + paint(text, style) + " " * ((room - len(text) + 1) * (not last))
                used += (c > 0) + len(text) if last else widths[c]
            out.append(paint("│", _DIM) + " " + line + " " * (inner - used) + " " + paint("│", _DIM))
    out.append(paint("╰" + "─" * (width - 2) + "╯", _DIM))
    return out


def render(path: tuple[str, ...], width: int, colour: bool = False) -> str:
    """The help of ``redline PATH`` at ``width`` columns, laid out as typer's rich help (and, with
    ``colour``, in its colours)."""
    entry = TABLE[path]
    width = max(width, 20)
    paint = _paint if colour else (lambda text, style: text)
    lines = ["", *(" " + paint(line, _BOLD) for line in _wrap(entry["usage"], width - 2)), ""]
    if entry["help"]:
        first, *rest = _wrap(entry["help"], width - 2)  # typer dims all but the first paragraph
        lines.append(" " + first)
        dim = False
        for line in rest:
            dim = dim or not line
            lines.append(" " + paint(line, _DIM if dim else None) if line else "")
        lines.append("")
    for title, rows in entry["panels"]:
        lines += _panel(title, rows, width, colour=colour)
    if entry["commands"]:
        name_width = max(len(name) for name, _ in entry["commands"])
        lines += _panel("Commands", [list(row) for row in entry["commands"]], width, name_width, colour)
    return "\n".join(line.rstrip() for line in lines) + "\n"


# ------------------------------------------------------------------------ the table, from typer


def _plain(renderable: Any) -> str:
    return renderable.plain if hasattr(renderable, "plain") else str(renderable)


def _entry(command: Any, ctx: Any) -> dict[str, Any]:
    """One command's help as data: the same strings typer's rich help prints, in the same order."""
    from typer import rich_utils
    from typer.core import TyperArgument, TyperGroup

    help_parts = list(rich_utils._get_help_text(obj=command, markup_mode="rich").renderables) if command.help else []
    panels: dict[str, list[list[Any]]] = {}
    arguments = [p for p in command.get_params(ctx) if isinstance(p, TyperArgument) and not p.hidden]
    options = [p for p in command.get_params(ctx) if not isinstance(p, TyperArgument) and not getattr(p, "hidden", False)]
    order = [("Arguments", arguments), ("Options", options)]
    for default_title, params in order:
        grouped: dict[str, list[Any]] = {}
        for param in params:
            grouped.setdefault(getattr(param, "rich_help_panel", None) or default_title, []).append(param)
        for title in sorted(grouped, key=lambda t: t != default_title):
            panels[title] = [_param_row(p, ctx) for p in grouped[title]]
            if not any(row[0] for row in panels[title]):  # no required marks: no column for them
                panels[title] = [row[1:] for row in panels[title]]
    commands = []
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                text = rich_utils._make_command_help(help_text=sub.short_help or sub.help or "", markup_mode="rich")
                commands.append((sub.name or "", _plain(text)))
    return {
        "usage": command.get_usage(ctx),
        "help": "\n".join(_plain(part) for part in help_parts),
        "panels": [(title, rows) for title, rows in panels.items()],
        "commands": commands,
    }


def _param_row(param: Any, ctx: Any) -> list[Any]:
    """The cells typer's options table shows for one parameter (see ``typer.rich_utils``)."""
    from typer import rich_utils
    from typer.core import TyperArgument

    display_name = None
    if isinstance(param, TyperArgument):
        display_name = param.display_name_raw
        if param.metavar is None and param.nargs != 1:
            display_name += "..."
    long, short, secondary_long, secondary_short = [], [], [], []
    for opt in param.opts:
        (long if "--" in opt else short).append(opt if "--" in opt or not display_name else display_name)
    for opt in param.secondary_opts:
        (secondary_long if "--" in opt else secondary_short).append(opt)
    kind = param.display_type_rich(ctx=ctx) or ""
    range_str = param._get_number_range_help_str()
    if range_str:
        kind += rich_utils.RANGE_STRING.format(range_str)
    cell = rich_utils._get_parameter_help(param=param, ctx=ctx, markup_mode="rich")
    return [
        rich_utils.REQUIRED_SHORT_STRING if param.required else "",
        ",".join(long),
        ",".join(short),
        ",".join(secondary_long),
        ",".join(secondary_short),
        kind,
        [_plain(item) for item in cell.renderables],
    ]


def collect() -> tuple[dict[tuple[str, ...], dict[str, Any]], dict[str, str]]:
    """The help table and the module owning each command, read from the real typer app."""
    import typer

    from redline.cli import COMMAND_MODULES
    from redline.cli._app import build_app

    table: dict[tuple[str, ...], dict[str, Any]] = {}

    def walk(command: Any, path: tuple[str, ...], parent: Any) -> None:
        ctx = command.context_class(command, info_name=path[-1] if path else "redline", parent=parent)
        table[path] = _entry(command, ctx)
        for name in getattr(command, "commands", {}):
            walk(command.commands[name], (*path, name), ctx)

    walk(typer.main.get_command(build_app()), (), None)
    owners = {}
    for module in COMMAND_MODULES:
        for name in typer.main.get_command(build_app((module,))).commands:
            owners[name] = module
    return table, owners


def write() -> None:
    """Regenerate :mod:`redline.cli._help_table` from the real registration."""
    import pprint
    from pathlib import Path

    table, owners = collect()
    text = (
        '"""Generated by ``python -m redline.cli._help`` from the real ``redline`` commands: do not edit."""\n\n'
        f"TABLE = {pprint.pformat(table, width=110, sort_dicts=False)}\n\n"
        f"MODULE_OF = {pprint.pformat(owners, width=110, sort_dicts=False)}\n"
    )
    Path(__file__).with_name("_help_table.py").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
