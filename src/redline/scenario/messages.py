"""Turning pydantic's validation errors into one line per problem:
``file:line: field.path: expected ...; found ...`` (tomllib keeps no positions, so the line is found
by walking the TOML text along the field's path)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from redline.scenario.errors import _shown
from redline.scenario.schema import DETERRENCE_INPUT

__all__ = ["Locator", "describe", "find_line", "path_of"]


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


_UNION_TAGS = ("normal", "uniform", "triangular", "lognormal", "beta", "fixed", "float", "int", "str", "constrained-str")
"""Tags pydantic puts in a location for the members of a union (a distribution, float | str | ...)."""


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic inserts the discriminator tag ("normal", ...) and "function-after[...]" into locations
    return tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and ("[" in p or p in _UNION_TAGS)
        )
    )


def _find_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort TOML line of the field at ``loc`` (tomllib keeps no positions).

    Walks the location: an index ``k`` jumps to the (k+1)-th ``[[table]]`` header of the path so far,
    a key moves to the next line at or after the current one that names it.
    """
    return Locator(text).line(loc)


_NAMED = re.compile(r"(?:^|[\s{,.\[])(?:\"([^\"]+)\"|([^\s{},.\[\]\"=#]+))\s*(?==|\.|\])")
_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(.*?)\s*\]\]")


class Locator:
    """The lines of one TOML text indexed by the keys and ``[[table]]`` headers they name, so that
    locating N problems costs O(N log lines), not O(N × lines) (20,000 misspelled keys: seconds)."""

    def __init__(self, text: str):
        self.keys: dict[str, list[int]] = {}
        self.headers: dict[str, list[int]] = {}
        for n, line in enumerate(text.splitlines()):
            header = _ARRAY_HEADER.match(line)
            if header:
                self.headers.setdefault(header.group(1), []).append(n)
            named = (quoted or bare for quoted, bare in _NAMED.findall(line.split("#", 1)[0]))
            for key in dict.fromkeys(named):
                self.keys.setdefault(key, []).append(n)

    def line(self, loc: tuple[Any, ...]) -> int | None:
        """1-based line of the field at ``loc``, or None (see :func:`_find_line`)."""
        start, found, table = 0, None, []
        for key in loc:
            if isinstance(key, int):
                hits = self.headers.get(".".join(table), [])
                if key < len(hits):
                    start = found = hits[key]
                continue
            table.append(str(key))
            lines = self.keys.get(str(key), [])
            i = bisect.bisect_left(lines, start)
            if i < len(lines):
                start = found = lines[i]
        return None if found is None else found + 1


_PATTERN_HELP = {
    r"^[A-Z]{3}$": "an ISO3 code (three capital letters, e.g. POL)",
    r"^[A-Za-z0-9_.-]+$": "a name of letters, digits, '_', '.' or '-'",
    r"^[A-Z][A-Z0-9_]{1,15}$": "a code of 2-16 capital letters, digits or '_' (e.g. EUI)",
    r"^[a-z0-9_]+$": "an id of lower-case letters, digits or '_'",
    DETERRENCE_INPUT: "a deterrence input: V, k_L, k_W, p_L, p_W, theta, rho, w.ISO3, a.ISO3, w.* or a.*",
}
"""Plain-words descriptions of the schema's string patterns, for messages."""


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    """(expected, found) for one pydantic error."""
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "extra_forbidden":
        return "no such field (check the spelling against scenarios/template.toml)", repr(value)
    if kind == "missing":
        return "this required field", "nothing"
    if kind == "union_tag_invalid":
        return "dist = normal | uniform | triangular | lognormal | beta | fixed", repr(error["ctx"]["tag"])
    if kind == "union_tag_not_found":
        return "a 'dist' key (normal | uniform | triangular | lognormal | beta | fixed)", "none"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return _PATTERN_HELP.get(pattern, f"a string matching {pattern}"), repr(value)
    if kind == "value_error":
        expected, _, found = msg.removeprefix("Value error, ").partition(" || ")
        return expected, found or _shown(value)
    return msg.removeprefix("Input should be ").removeprefix("input should be "), _shown(value)


describe = _describe
find_line = _find_line
path_of = _path
