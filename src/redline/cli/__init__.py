"""The ``redline`` command. Each command group lives in its own module with a ``register(app)``.

Starting is kept cheap: ``redline --help`` and ``redline <command> --help`` print the static help table
(:mod:`redline.cli._help`, generated from the real registration and tested against it), and running a
command builds the typer app (:mod:`redline.cli._app`) with only the module that owns the command.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

__all__ = ["app", "main"]

# Command modules, in the order their commands appear in ``redline --help``.
COMMAND_MODULES = (
    "data",
    "world",
    "decide",
    "power",
    "bargain",
    "deter",
    "escalate",
    "escalation",
    "analytics",
    "scenario",
    "backtest",
    "serve",
)


def _check_params(command: Any, params: dict[str, Any]) -> None:
    """The checks every command shares: seeds in 0…2^64−1, numbers finite (no NaN or inf)."""
    from redline.errors import check_finite, check_seed

    names = {p.name: (p.opts[0] if getattr(p, "opts", None) else p.name) for p in command.params}
    for name, value in params.items():
        where = names.get(name, name)
        if name == "seed" or name.endswith("_seed"):
            check_seed(value, where)
        elif isinstance(value, float):
            check_finite(value, where)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, float):
                    check_finite(item, where)


def _checked(command: Any) -> Any:
    """Wrap a command's callback (once) with the shared parameter checks; groups recursively."""
    if hasattr(command, "commands"):  # a group (typer may carry its own copy of click)
        for sub in command.commands.values():
            _checked(sub)
        return command
    callback = command.callback
    if callback is None or getattr(callback, "_redline_checked", False):
        return command

    @functools.wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_params(command, kwargs)
        return callback(*args, **kwargs)

    wrapper._redline_checked = True  # type: ignore[attr-defined]
    command.callback = wrapper
    return command


def _command_name(args: list[str]) -> str | None:
    """The command a command line names (after the root options), or ``None`` if it is not plain."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--debug", "--version"):
            i += 1
        elif arg == "--columns":
            i += 2
        elif arg.startswith("--columns="):
            i += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def main() -> None:
    """Entry point of the ``redline`` console script."""
    from redline.cli import _help

    args = sys.argv[1:]
    text = _help.static_help(args)
    if text is not None:  # plain help: no typer, no models
        sys.stdout.write(text)
        sys.exit(0)
    if args == ["--version"]:
        from redline import __version__

        print(f"redline {__version__}")
        sys.exit(0)
    from redline.cli._app import build_app

    owner = _help.MODULE_OF.get(_command_name(args) or "")
    build_app((owner,) if owner else COMMAND_MODULES)()


def __getattr__(name: str) -> Any:
    """``app`` (every command registered) and the typer group class, built on first use."""
    if name == "app":
        from redline.cli._app import build_app

        globals()["app"] = built = build_app()
        return built
    if name == "_Group":
        from redline.cli._app import _Group

        return _Group
    raise AttributeError(f"module 'redline.cli' has no attribute {name!r}")
