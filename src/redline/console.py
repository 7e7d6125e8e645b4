"""The one rich console the package prints to (the CLI's tables and the runner's progress bar)."""

from __future__ import annotations

from rich.console import Console

__all__ = ["console"]

console = Console()
