"""Ladder validation, the TOML loader and the shipped example ladders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from redline.errors import RedlineError
from redline.escalation import (
    DEFAULT_KAHN_BANDS,
    DEFAULT_RUNGS,
    Ladder,
    load_ladder,
    parse_ladder,
    propagate,
)
from test_escalation_reference import KURSK, kursk_theta1, ref_paths

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "ladders").glob("*.toml"))

GOOD = """
[ladder]
name = "test"
q_resolute = 0.7
q_bluffer = 0.05
h = [0.0, 0.0, 0.01, 0.05]
theta0 = 0.6
pi_resolute = 0.6
start = 1

[[ladder.red_lines]]
rung = 1
tau = 0.3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ladder.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_ladder_is_section_4_1():
    ladder = Ladder(q_resolute=0.5, q_bluffer=0.1, theta0=0.5)
    assert ladder.rungs == DEFAULT_RUNGS and len(ladder.rungs) == 5
    assert ladder.nuclear_rung == 4
    assert ladder.kahn_bands == DEFAULT_KAHN_BANDS
    assert ladder.h == (0.0,) * 4 and np.isnan(ladder.tau).all()


def test_ladder_is_frozen():
    ladder = Ladder()
    with pytest.raises(AttributeError):
        ladder.theta0 = 0.1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"q_resolute": 1.5}, "q_resolute"),
        ({"q_resolute": 0.1, "q_bluffer": 0.2}, "q_bluffer"),
        ({"h": (0.1, 0.1)}, "'h'"),
        ({"h": (0.5, 0.5, 0.5, 0.5), "e": (0.0, 0.6, 0.0, 0.0)}, "h \\+ e"),
        ({"e": (0.1, 0.0, 0.0, 0.0)}, "e\\[0\\]"),
        ({"red_lines": {4: 0.3}}, "red_lines\\[0\\].rung"),
        ({"red_lines": {1: -0.3}}, "tau"),
        ({"red_lines": {1: 0.3}, "g": (0.0, 0.5, 0.0, 0.0)}, "g\\[1\\]"),
        ({"theta0": "high"}, "theta0"),
        ({"start": 7}, "start"),
        ({"logit_lambda": -1.0}, "logit_lambda"),
        ({"rungs": ("only",)}, "rungs"),
    ],
)
def test_ladder_validation_names_the_field(changes, field):
    with pytest.raises(RedlineError, match=field):
        Ladder(**{"q_resolute": 0.5, "q_bluffer": 0.1, **changes})


def test_load_ladder_good(tmp_path):
    ladder = load_ladder(write(tmp_path, GOOD))
    assert ladder.red_lines[0].rung == 1 and ladder.red_lines[0].tau == 0.3
    assert ladder.steps == 10 and ladder.logit_lambda is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("q_bluffer = 0.05", "q_bluffer = 0.05\nq_bluff = 1"), "unknown \\[ladder\\] field"),
        (GOOD.replace("q_resolute = 0.7\n", ""), "'q_resolute' is missing"),
        (GOOD.replace("h = [0.0, 0.0, 0.01, 0.05]", "h = [0.0, 0.01]"), "'h': expected 4 values"),
        (GOOD.replace("tau = 0.3", "tau = 'high'"), "tau"),
        (GOOD.replace("[ladder]", "[ladder"), "not valid TOML"),
        (GOOD.replace("[ladder]", "[lader]"), "lader"),
        (GOOD + "\n[extra]\nx = 1\n", "unknown top-level"),
        (GOOD + "\n[[ladder.observations]]\nretaliated = false\n", "observations"),
    ],
)
def test_load_ladder_errors_name_file_and_field(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RedlineError, match=message) as info:
        load_ladder(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(RedlineError, match="not found"):
        load_ladder(tmp_path / "nope.toml")


def test_parse_embedded_table():
    ladder = parse_ladder(
        {
            "red_lines": [{"rung": 0, "tau": 0.2}],
            "q_resolute": 0.5,
            "q_bluffer": 0.1,
            "h": [0, 0, 0, 0],
            "theta0": 0.5,
            "pi_resolute": 0.5,
        },
        where="scenario.toml [ladder]",
    )
    assert ladder.tau[0] == 0.2
    with pytest.raises(RedlineError, match="scenario.toml"):
        parse_ladder({"q_resolute": 2}, where="scenario.toml")


def test_examples_exist_and_load():
    assert EXAMPLES, "examples/ladders/*.toml missing"
    for path in EXAMPLES:
        ladder = load_ladder(path)
        result = propagate(ladder.posterior())
        assert np.all((result.p_nuclear >= 0) & (result.p_nuclear <= 1))


def test_kursk_example_reproduces_section_4_3():
    path = ROOT / "examples" / "ladders" / "kursk.toml"
    text = path.read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in text
    ladder = load_ladder(path)
    assert ladder.illustrative
    assert propagate(ladder).final[0] == 0.0  # before Kursk
    post = ladder.posterior()
    assert post.theta0 == pytest.approx(float(kursk_theta1()), abs=1e-15)
    theta1 = float(kursk_theta1())
    expected = (
        0.6 * ref_paths(KURSK, theta1, 10, 0.7)[0][-1] + 0.4 * ref_paths(KURSK, theta1, 10, 0.05)[0][-1]
    )
    assert propagate(post).final[0] == pytest.approx(expected, abs=1e-12)
    assert propagate(post).final[0] == pytest.approx(0.187311, abs=1e-6)
