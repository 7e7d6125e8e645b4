"""Reading ladder TOML files (format in docs/escalation.md) with errors that name file and field."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.escalation.ladder import Ladder

__all__ = ["LADDER_KEYS", "load_ladder", "parse_ladder"]

LADDER_KEYS = tuple(f.name for f in fields(Ladder))
"""Keys allowed in the ``[ladder]`` table."""


def parse_ladder(table: Mapping[str, Any], where: str = "ladder") -> Ladder:
    """Build a :class:`Ladder` from the contents of a ``[ladder]`` table (e.g. one embedded in a
    scenario file). ``where`` prefixes error messages (a file name)."""
    if not isinstance(table, Mapping):
        raise RedlineError(f"{where}: expected a [ladder] table, got {type(table).__name__}")
    unknown = sorted(set(table) - set(LADDER_KEYS))
    if unknown:
        raise RedlineError(
            f"{where}: unknown [ladder] field(s) {unknown}; expected some of {list(LADDER_KEYS)}"
        )
    for required in ("red_lines", "q_resolute", "q_bluffer", "h", "theta0", "pi_resolute"):
        if required not in table:
            raise RedlineError(f"{where}: [ladder] field '{required}' is missing")
    try:
        return Ladder(**{key: value for key, value in table.items()})
    except RedlineError as exc:
        raise RedlineError(f"{where}: {exc}") from None
    except (TypeError, ValueError) as exc:
        raise RedlineError(f"{where}: invalid [ladder] table: {exc}") from None


def load_ladder(path: str | Path) -> Ladder:
    """Read a ladder TOML file: a ``[ladder]`` table, ``[[ladder.red_lines]]`` and optional
    ``[[ladder.observations]]`` (see docs/escalation.md)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise RedlineError(f"{path}: ladder file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise RedlineError(f"{path}: not valid TOML: {exc}") from None
    if "ladder" not in data:
        raise RedlineError(f"{path}: expected a [ladder] table, found tables {sorted(data)}")
    extra = sorted(set(data) - {"ladder"})
    if extra:
        raise RedlineError(f"{path}: unknown top-level table(s) {extra}; expected only [ladder]")
    return parse_ladder(data["ladder"], where=str(path))
