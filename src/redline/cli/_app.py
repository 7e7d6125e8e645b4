"""The real ``redline`` command: typer's group, the root options, and each command module's ``register``.

:mod:`redline.cli` builds it only when a command runs (with just the module that owns the command) or when
``redline.cli.app`` is asked for; ``redline --help`` and ``redline <command> --help`` print the static
help table instead (:mod:`redline.cli._help`), so asking for help loads neither typer nor the models.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable

import typer
from typer.core import TyperGroup

from redline.cli import COMMAND_MODULES, _checked
from redline.errors import as_user_error

__all__ = ["build_app"]


class _Group(TyperGroup):
    """Turns user errors into ``error: ...`` on stderr and exit code 2 (no traceback).

    A :class:`RedlineError`, a usage error of the argument parser, and the exceptions a user's file
    causes wherever it is read (missing, a directory, not UTF-8, not TOML, nested too deeply; see
    :func:`redline.errors.as_user_error`) all end as one line; ``--debug`` shows the traceback.
    """

    def resolve_command(self, ctx, args):  # type: ignore[override]
        name, command, rest = super().resolve_command(ctx, args)
        return name, (_checked(command) if command is not None else command), rest

    def invoke(self, ctx):  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            from redline.cli import _output

            _output.finish_columns()  # a --columns list no table had is an error
            return result
        except Exception as exc:
            error = as_user_error(exc)
            if error is None or (ctx.obj or {}).get("debug"):
                raise
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None

    def list_commands(self, ctx):  # keep registration order instead of alphabetical
        return list(self.commands)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        """Usage errors (unknown option, missing argument, bad value) as one line ``error: ...``, exit 2."""
        try:  # typer >= 0.20 carries its own copy of click
            from typer._click import exceptions as click
        except ImportError:  # pragma: no cover - older typer
            from click import exceptions as click

        # typer's own copy of click has no Exit/Abort: typer defines them (click's, in older versions)
        exit_error = getattr(click, "Exit", typer.Exit)
        abort_error = getattr(click, "Abort", typer.Abort)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `redline`, `redline data`: the help is already shown
                sys.exit(0)
            command = exc.ctx.command_path if exc.ctx is not None else "redline"
            message = " ".join(exc.format_message().split()).rstrip(".")
            typer.echo(f"error: {command}: {message} (see {command} --help)", err=True)
            sys.exit(2)
        except exit_error as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            typer.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except abort_error:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)  # without standalone mode, Exit(n) returns n


def _print_version(value: bool) -> None:
    if value:
        from redline import __version__

        typer.echo(f"redline {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
    columns: str | None = typer.Option(
        None,
        "--columns",
        help="Columns of the tables to print, comma-separated, or 'all' (default: those that fit the "
        "terminal; the rest are named on stderr). Put it before the command: redline --columns all deter.",
    ),
) -> None:
    from redline.cli import _output

    _output.reset_columns([c.strip() for c in columns.split(",") if c.strip()] if columns else None)
    ctx.obj = {"debug": debug}


def build_app(modules: Iterable[str] = COMMAND_MODULES) -> typer.Typer:
    """The ``redline`` typer app with the commands of ``modules`` (names in :data:`COMMAND_MODULES`)."""
    app = typer.Typer(
        cls=_Group,
        help="Redline: alliance decisions, deterrence credibility and crisis escalation, from real data.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
    )
    app.callback()(_root)
    for name in modules:
        importlib.import_module(f"redline.cli.{name}").register(app)
    return app
