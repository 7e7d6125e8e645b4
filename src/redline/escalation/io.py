"""Reading ladder TOML files (format in docs/escalation.md) with errors that name file and field."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.escalation.ladder import Ladder

__all__ = ["LADDER_KEYS", "load_ladder", "parse_ladder", "write_ladder"]

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


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise RedlineError(f"cannot write {value!r} to a ladder file")


def write_ladder(ladder: Ladder, path: str | Path, comment: str = "") -> Path:
    """Write ``ladder`` as a ladder TOML file that :func:`load_ladder` reads back unchanged.

    ``comment`` lines go at the top of the file (e.g. where the numbers come from)."""
    path = Path(path)
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines.append("[ladder]")
    for key in ("name", "illustrative", "source", "time_step", "rungs", "kahn_bands", "start", "steps"):
        value = getattr(ladder, key)
        if value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    for key in ("theta0", "pi_resolute", "q_resolute", "q_bluffer", "h", "e", "g", "logit_lambda"):
        value = getattr(ladder, key)
        if value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    if not ladder.red_lines:
        lines.append("red_lines = []")
    for line in ladder.red_lines:
        lines += ["", "[[ladder.red_lines]]", f"rung = {line.rung}", f"tau = {line.tau!r}"]
        if line.label:
            lines.append(f"label = {_toml_value(line.label)}")
    for obs in ladder.observations:
        lines += ["", "[[ladder.observations]]", f"name = {_toml_value(obs.name)}"]
        lines += [f"retaliated = {_toml_value(obs.retaliated)}", f"date = {_toml_value(obs.date)}"]
        if obs.note:
            lines.append(f"note = {_toml_value(obs.note)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
