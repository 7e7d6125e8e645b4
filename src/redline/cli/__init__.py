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


NUMBER_LIMIT = 1e15
"""A float option without a range of its own must lie within ±1e15 (the scenario files' limit: larger
numbers overflow the models' sums and products); an int option within ±(2^63 − 1) (NumPy's int64)."""
INT_LIMIT = 2**63 - 1

OPTION_RANGES: dict[str, tuple[float, float]] = {
    "--year": (1900, 2100),
    "--from": (1900, 2100),
    "--to": (1900, 2100),
    "--draws": (0, 10**12),  # the resource guards refuse far less; this only keeps the count exact
    "--steps": (0, 10**9),
    "--chunk-size": (1, 10**9),
    "--max-rounds": (0, 10**6),
    "--position-sd": (0, 1e6),
    "--salience-concentration": (1e-6, 1e6),
    "--w-concentration": (1e-6, 1e6),
    "--capability-sigma": (0, 10),  # a log-normal sigma above 10 overflows (as in scenario files)
    "--a-sigma": (0, 10),
    "--nuclear-weight": (0, 1e6),
    "--sigma-steps": (1, 201),  # the restraint sweep's limit (deterrence.restraint.MAX_SIGMAS)
    "--bootstrap": (1, 10**6),
    "--min-votes": (0, 10**6),
    "--limit": (0, 10**9),
    "--unit": (1, 10**12),
    "--blocking-minority": (0, 1000),  # as the rule's parameter (decisions.rules.get_rule)
    "--states-pct": (0, 100),
    "--population-pct": (0, 100),
    "--total-population": (0, NUMBER_LIMIT),
    "--required": (0, NUMBER_LIMIT),
    "--height": (0, NUMBER_LIMIT),
}
"""The range of each numeric option, by flag, for every command that has it (one table, so a new
command's option gets the same range); :data:`COMMAND_RANGES` overrides it for one command."""

COMMAND_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("decide", "--threshold"): (0, 1),  # a share of the votes or weight
}


def option_range(command: str, flag: str, kind: type) -> tuple[float, float]:
    """The allowed range of numeric option ``flag`` of ``command`` (its own, the flag's, or the limit)."""
    if (command, flag) in COMMAND_RANGES:
        return COMMAND_RANGES[(command, flag)]
    if flag in OPTION_RANGES:
        return OPTION_RANGES[flag]
    return (-INT_LIMIT, INT_LIMIT) if kind is int else (-NUMBER_LIMIT, NUMBER_LIMIT)


def _check_params(command: Any, params: dict[str, Any]) -> None:
    """The checks every command shares: seeds in 0…2^64−1, numbers finite (no NaN or inf) and in the
    option's range (:func:`option_range`)."""
    from redline.errors import RedlineError, check_finite, check_seed

    names = {p.name: (p.opts[0] if getattr(p, "opts", None) else p.name) for p in command.params}
    for name, value in params.items():
        where = names.get(name, name)
        if name == "seed" or name.endswith("_seed"):
            check_seed(value, where)
            continue
        for item in value if isinstance(value, list | tuple) else (value,):
            if isinstance(item, bool) or not isinstance(item, int | float):
                continue
            if isinstance(item, float):
                check_finite(item, where)
            low, high = option_range(command.name or "", where, type(item))
            if not low <= item <= high:
                kind = "an integer" if isinstance(item, int) else "a number"
                raise RedlineError(
                    f"{where}: expected {kind} from {_plain(low)} to {_plain(high)}; found {_plain(item)}"
                )


def _plain(value: float) -> str:
    """1,900 or 9,223,372,036,854,775,807 for whole numbers, 1e+15 or 0.5 otherwise."""
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e7):
        return f"{int(value):,}"
    return f"{value:g}"


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
