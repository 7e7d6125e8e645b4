"""The ``redline`` command. Each command group lives in its own module with a ``register(app)``."""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from redline.errors import RedlineError

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
    "analytics",
    "scenario",
    "backtest",
)


class _Group(TyperGroup):
    """Turns a :class:`RedlineError` into ``error: ...`` on stderr and exit code 2 (no traceback)."""

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except RedlineError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    def list_commands(self, ctx):  # keep registration order instead of alphabetical
        return list(self.commands)


app = typer.Typer(
    cls=_Group,
    help="Redline: alliance decisions, deterrence credibility and crisis escalation, from real data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
) -> None:
    ctx.obj = {"debug": debug}


for _name in COMMAND_MODULES:
    importlib.import_module(f"redline.cli.{_name}").register(app)


def main() -> None:
    """Entry point of the ``redline`` console script."""
    app()
