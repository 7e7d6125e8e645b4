"""Hostile scenario files generated over the schema: a small valid scenario with one to three fields
set to a hostile value (the float limits, NaN and inf, huge integers, wrong types, huge strings,
arrays and tables nested 1,000-100,000 deep, dotted table headers thousands deep).

``tests/test_scenario_fuzz.py`` draws a bounded number with hypothesis; ``python
scripts/fuzz_scenarios.py`` draws many more and reports the figures.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from web_scenario import SMALL

BASE = tomllib.loads(SMALL)
"""The scenario every hostile file starts from (one issue, three deterrence targets, 64 draws)."""


@dataclass(frozen=True)
class Raw:
    """TOML text written as is (nesting too deep to build as Python values)."""

    text: str


FIELDS: list[tuple[Any, ...]] = [
    ("world", "year"),
    ("run", "draws"),
    ("run", "seed"),
    ("run", "chunk_size"),
    ("run", "bargaining_draws"),
    ("scenario", "title"),
    ("scenario", "name"),
    ("issues", 0, "status_quo"),
    ("issues", 0, "proposal"),
    ("issues", 0, "block_cost"),
    ("issues", 0, "pass_threshold"),
    ("issues", 0, "coding", "position", "low"),
    ("issues", 0, "coding", "position", "high"),
    ("issues", 0, "coding", "position", "weights", "libdem"),
    ("issues", 0, "coding", "position", "weights", "frontline"),
    ("issues", 0, "coding", "salience", "high"),
    ("issues", 0, "coding", "capability", "exponent"),
    ("issues", 0, "overrides", "POL", "capability"),
    ("issues", 0, "overrides", "POL", "position"),
    ("issues", 0, "overrides", "USA", "salience"),
    ("issues", 0, "rule_params", "threshold"),
    ("issues", 0, "uncertainty", "position_sd"),
    ("issues", 0, "uncertainty", "capability_sigma"),
    ("issues", 0, "uncertainty", "salience_concentration"),
    ("world", "overrides", "POL", "defence_usd"),
    ("world", "overrides", "POL", "libdem"),
    ("world", "overrides", "USA", "gdp_usd"),
    ("deterrence", "params", "V"),
    ("deterrence", "params", "theta"),
    ("deterrence", "uncertainty", "w.*", "sd"),
    ("deterrence", "uncertainty", "a.POL", "sigma"),
    ("deterrence", "uncertainty", "V", "high"),
    ("levers", "define", "mine", "theta"),
    ("levers", "define", "mine", "capability", "ALL"),
    ("levers", "compare", 0),
]
"""Where a hostile value goes (missing tables on the way are created)."""

DISTRIBUTIONS = {
    "w.*": {"dist": "normal", "sd": 0.1},
    "a.POL": {"dist": "lognormal", "sigma": 0.2},
    "V": {"dist": "uniform", "low": 0.5, "high": 1.5},
}

LIMITS = [0.0, -0.0, 5e-324, 1e-300, 1.0, 100.0, 1e15, -1e15, 1.0000001e15, 1e16, 1e308, -1e308, 1.7976931348623157e308]
"""Floats at and around the limits (the largest finite double, the smallest subnormal, the scenario cap)."""

INTEGERS = [-1, 0, 1, 2014, 2025, 2100, 10**7, 2**53 + 1, 2**63, 2**64 - 1, 2**64, -(2**63), 10**30]


def _deep(depth: int, kind: str) -> Raw:
    if kind == "array":
        return Raw("[" * depth + "]" * depth)
    return Raw("{ a = " * depth + "1" + " }" * depth)


def hostile_values(finite: bool = False) -> st.SearchStrategy[Any]:
    """Values for one field. ``finite``: only numbers (the limits included), for files that may run."""
    numbers = st.one_of(
        st.sampled_from(LIMITS),
        st.sampled_from(INTEGERS),
        st.floats(allow_nan=False, allow_infinity=False),
        st.floats(min_value=-1e3, max_value=1e3),
    )
    if finite:  # values a file may legally hold, at the limits: most such files validate and run
        return st.one_of(
            st.sampled_from([0.0, 5e-324, 1e-300, 0.5, 1.0, 3.0, 100.0, 1e15, 2014, 2025, 2**64 - 1]),
            st.floats(min_value=0.0, max_value=1.0),
        )
    return st.one_of(
        numbers,
        st.sampled_from([math.nan, math.inf, -math.inf]),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.text(max_size=20),
        st.sampled_from(["", "x" * 1_000_000, "<script>alert(1)</script>", "us_withdrawal:w_scale=nan",
                         "mine:x=1", "us_withdrawal:w_scale=-5", "\u202e\x00"]),
        st.lists(st.floats(), max_size=4),
        st.booleans(),
        st.builds(_deep, st.sampled_from([10, 100, 1_000, 10_000, 100_000]), st.sampled_from(["array", "table"])),
    )


@st.composite
def hostile_scenarios(draw: st.DrawFn, finite: bool = False) -> str:
    """The text of one hostile scenario file."""
    doc = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(1, 1 if finite else 3))):
        path = draw(st.sampled_from(FIELDS))
        _set(doc, path, draw(hostile_values(finite)))
    text = render(doc)
    if not finite and draw(st.integers(0, 9)) == 0:  # a dotted table header thousands deep
        depth = draw(st.sampled_from([100, 1_000, 100_000]))
        text += "\n[" + ".".join(["a"] * depth) + "]\nx = 1\n"
    return text


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = doc
    for i, key in enumerate(path[:-1]):
        if isinstance(node, list):
            node = node[key]
            continue
        if key not in node or not isinstance(node[key], dict | list):
            if key in DISTRIBUTIONS:
                node[key] = dict(DISTRIBUTIONS[key])
            else:
                node[key] = [] if isinstance(path[i + 1], int) else {}
        node = node[key]
    last = path[-1]
    if isinstance(node, list):
        node[last:last + 1] = [value]
    else:
        node[last] = value


def render(doc: dict[str, Any]) -> str:
    """TOML text of ``doc``: one ``[table]`` (or ``[[table]]``) per top-level key, inline below."""
    out = []
    for name, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                out.append(f"[[{name}]]")
                out.extend(f"{_key(k)} = {_value(v)}" for k, v in item.items())
        elif isinstance(value, dict):
            out.append(f"[{name}]")
            out.extend(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        else:
            out.insert(0, f"{_key(name)} = {_value(value)}")
    return "\n".join(out) + "\n"


def _key(key: str) -> str:
    return json.dumps(str(key), ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))
