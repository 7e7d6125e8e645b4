"""Layering rules a reader can rely on: the library never reaches into the CLI, one helper per job."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import binomtest, norm

from redline.rng import as_seed
from redline.stats import Z95, interval, paired_interval, wilson

SRC = Path(__file__).resolve().parents[1] / "src" / "redline"


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (at any level, including inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{alias.name}" for alias in node.names}
    return out


def _library_modules() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if "cli" not in p.relative_to(SRC).parts]


@pytest.mark.parametrize("path", _library_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_library_module_imports_the_cli(path):
    """The CLI is a thin layer over the library: nothing outside ``redline/cli`` may import it."""
    bad = sorted(m for m in _imports(path) if m == "redline.cli" or m.startswith("redline.cli."))
    assert not bad, f"{path.relative_to(SRC)} imports {', '.join(bad)}"


def test_the_checker_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from redline.cli._output import console\n")
    assert "redline.cli._output" in _imports(sample)


# ----------------------------------------------------------------------------------------- back-edges
def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}
PACKAGES = {name for name, p in MODULES.items() if p.name == "__init__.py"}


def _runtime_imports(path: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """The package modules ``path`` imports at run time (``TYPE_CHECKING`` blocks excluded), and the
    private names (``_x``) it takes from other modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    modules: set[str] = set()
    private: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            modules |= {a.name for a in node.names if a.name in MODULES}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in MODULES:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                modules.add(full if full in MODULES else node.module)
                if alias.name.startswith("_") and not alias.name.startswith("__") and full not in MODULES:
                    private.append((node.module, alias.name))
    return modules, private


def _import_graph() -> dict[str, set[str]]:
    """Module -> modules it imports (anywhere, lazily too), without package ``__init__`` re-exports."""
    graph = {}
    for name, path in MODULES.items():
        if name in PACKAGES:
            continue
        imported, _ = _runtime_imports(path)
        graph[name] = {m for m in imported if m not in PACKAGES and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


KNOWN_CYCLES = [
    # `Decision.what_it_would_take()` (documented in docs/decisions.md) is a convenience call from the
    # vote result to the analysis of it; whatif builds on rules. Lazy, one method.
    {"redline.decisions.rules", "redline.decisions.whatif"},
]


def test_no_import_cycles_between_modules():
    """A module never imports (even lazily) a module that imports it back: layers point one way.

    ``deterrence/spec.py`` used to import its own consumers (Monte Carlo, levers) to check a game file;
    reading a file is :mod:`redline.deterrence.gamefile` now, above all three.
    """
    cycles = [c for c in _cycles(_import_graph()) if c not in KNOWN_CYCLES]
    assert not cycles, f"import cycles: {[sorted(c) for c in cycles]}"


def test_the_cycle_checker_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_deterrence_game_imports_none_of_its_consumers():
    imported, _ = _runtime_imports(MODULES["redline.deterrence.spec"])
    consumers = {"montecarlo", "levers", "coding", "gamefile", "restraint", "backtest", "challenger"}
    assert not {m for m in imported if m.rsplit(".", 1)[-1] in consumers}


def test_no_module_takes_a_private_name_from_another_package():
    """``_name`` is private to its package: another package asks for a public name (as levers.py now
    calls ``monte_carlo``, the backtest ``world.active_spells``)."""
    offenders = []
    for name, path in MODULES.items():
        _, private = _runtime_imports(path)
        package = name if name in PACKAGES else name.rsplit(".", 1)[0]
        for module, attr in private:
            if not (module == package or module.startswith(package + ".")):
                offenders.append(f"{name} imports {module}.{attr}")
    assert not offenders, offenders


# ----------------------------------------------------------------------------------------- BDM utility
def _is_bdm_utility(node: ast.AST) -> bool:
    """``2 - 4 * <anything>`` as an expression (not in a docstring)."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Sub)
        and isinstance(node.left, ast.Constant)
        and node.left.value == 2
        and isinstance(node.right, ast.BinOp)
        and isinstance(node.right.op, ast.Mult)
        and isinstance(node.right.left, ast.Constant)
        and node.right.left.value == 4
    )


def test_the_bdm_utility_formula_is_written_once():
    """``2 - 4 * base**r`` (models.md §1.3) lives in :func:`redline.bargaining.bdm.utility`; the NumPy
    kernel and the compiled kernel call it (tests/bdm_reference.py keeps its own copy on purpose: it is
    the independent reference)."""
    places = [
        (str(p.relative_to(SRC).as_posix()), node.lineno)
        for p in sorted(SRC.rglob("*.py"))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if _is_bdm_utility(node)
    ]
    assert len(places) == 1 and places[0][0] == "bargaining/bdm.py", places
    assert _is_bdm_utility(ast.parse("2.0 - 4.0 * (0.5 - 0.5 * d) ** r", mode="eval").body)


def test_both_kernels_use_the_one_utility():
    from redline.bargaining import bdm, compiled

    assert compiled._utility.py_func is bdm.utility
    assert bdm.utility(0.25, 2.0) == 2.0 - 4.0 * 0.0625
    assert compiled._utility(0.25, 2.0) == bdm.utility(0.25, 2.0)


# ----------------------------------------------------------------------------------------- stats
def test_z95_is_the_normal_quantile():
    assert pytest.approx(norm.ppf(0.975), abs=1e-15) == Z95


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (30, 100), (1, 4000)])
def test_wilson_matches_scipy_for_scalars_and_arrays(k, n):
    ci = binomtest(k, n).proportion_ci(method="wilson")
    lo, hi = wilson(k, n)
    assert isinstance(lo, float) and lo == pytest.approx(ci.low, abs=1e-12)
    assert hi == pytest.approx(ci.high, abs=1e-12)
    los, his = wilson(np.array([k, k]), np.array([n, 0]))
    assert los[0] == pytest.approx(lo, abs=1e-15) and math.isnan(los[1]) and math.isnan(his[1])


def test_every_wilson_in_the_package_is_the_same_function():
    from redline.backtest.calibration import wilson_interval as calibration
    from redline.deterrence import wilson_interval as deterrence
    from redline.runner import wilson as runner

    assert calibration is deterrence is runner is wilson


def test_paired_interval_by_hand_and_at_one_pair():
    diff = np.array([1.0, 0.0, 0.0, -1.0, 1.0])
    d = paired_interval(diff)
    half = Z95 * diff.std(ddof=1) / math.sqrt(5)
    assert d["mean"] == pytest.approx(0.2) and d["lo"] == pytest.approx(0.2 - half)
    one = paired_interval(np.array([1.0]))
    assert one["mean"] == 1.0 and math.isnan(one["lo"]) and math.isnan(one["hi"])


def test_lever_table_and_scenario_use_the_same_paired_interval_at_one_draw():
    """The two paired-interval helpers used to disagree at n = 1 (0 vs NaN); there is one now."""
    from redline.deterrence import compare_levers, load_game

    game, _ = load_game(Path(__file__).resolve().parents[1] / "examples" / "deterrence_illustrative.toml")
    table = compare_levers(game, ["us_withdrawal"], draws=1, rng=3)
    row = table[table["lever"] == "us_withdrawal"].iloc[0]
    assert math.isnan(row["delta_low"]) and math.isnan(row["delta_high"])


def test_interval_binary_uses_wilson():
    values = np.array([1.0] * 3 + [0.0] * 7)
    s = interval(values, binary=True)
    assert (s["lo"], s["hi"]) == wilson(3, 10) and s["n"] == 10


# ----------------------------------------------------------------------------------------- rng
def test_as_seed_is_the_one_normaliser():
    assert as_seed(5) == 5 and as_seed(np.int64(7)) == 7
    g1, g2 = np.random.default_rng(1), np.random.default_rng(1)
    assert as_seed(g1) == int(g2.integers(0, 2**63 - 1))
    assert as_seed(np.random.SeedSequence(3)) == as_seed(np.random.SeedSequence(3))
    assert as_seed(None) >= 0
    from redline.errors import RedlineError

    for bad in (-1, 1.5, True, "3"):
        with pytest.raises(RedlineError, match="rng"):
            as_seed(bad)


def test_no_module_writes_its_own_seed_normaliser():
    """Turning ``rng`` into a seed happens in :func:`redline.rng.as_seed` only."""
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name != "rng.py" and "def _resolve_seed" in p.read_text(encoding="utf-8")
    ]
    assert not offenders


# ----------------------------------------------------------------------------------------- one definition
def test_frontline_flags_by_hand():
    import pandas as pd

    from redline.frontline import frontline, frontline_states, frontline_value

    frame = pd.DataFrame(
        {
            "land_border_russia": [1, 0, np.nan, 0, np.nan, np.nan],
            "land_border_belarus": [0, 1, 1, 0, 0, np.nan],
        },
        index=["EST", "LTU", "X1", "DEU", "X2", "X3"],
    )
    got = frontline(frame).tolist()
    assert got[:5] == [1.0, 1.0, 1.0, 0.0, 0.0] and math.isnan(got[5])
    assert frontline_states(frame) == ["EST", "LTU", "X1"]
    assert frontline_value(np.nan, 1) == 1.0 and math.isnan(frontline_value(None, np.nan))


def test_every_user_of_frontline_agrees_with_the_definition():
    from redline.analytics.claims import _frontline, load_claim_tables
    from redline.frontline import frontline_states
    from redline.issues import indicator_frame
    from redline.scenario import WorldSpec
    from redline.world import World

    world = World.for_year(2024)
    actors = world.actors
    expected = set(frontline_states(actors))
    assert {"POL", "FIN", "EST", "LVA", "LTU", "NOR"} <= expected and "DEU" not in expected
    tables, _ = load_claim_tables()
    assert _frontline(tables["countries"]) & set(actors.index) == expected
    indicators = indicator_frame(world, WorldSpec(year=2024))
    assert set(indicators.index[indicators["frontline"] == 1]) == expected


def test_claims_read_the_release_the_data_layer_declares():
    from redline.analytics.claims import NATO_FULL_RELEASE
    from redline.data.releases import full_defence_release
    from redline.data.schemas import DEFENCE_RELEASES

    assert full_defence_release() == NATO_FULL_RELEASE
    assert DEFENCE_RELEASES[NATO_FULL_RELEASE]["full"]
    newer_full = [r for r, m in DEFENCE_RELEASES.items() if m["full"]]
    assert full_defence_release() == newer_full[-1]
    import re

    from redline.data.schemas import RELEASE_ID_PATTERN

    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "data" not in p.relative_to(SRC).parts
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(RELEASE_ID_PATTERN, node.value)
    ]
    assert not offenders, f"NATO release ids written outside the data layer: {offenders}"


def test_one_json_converter():
    from redline.bargaining.result import jsonable
    from redline.cli._output import to_jsonable as cli_json
    from redline.serialize import to_jsonable

    assert jsonable is to_jsonable and cli_json is to_jsonable


# ----------------------------------------------------------------------------------------- one sampler
def test_run_bargain_and_backtest_draw_the_same_codings():
    """The same declared uncertainty gives the same numbers from the same generator, whoever asks."""
    from types import SimpleNamespace

    from redline.adapters.issues import draw_issue_inputs
    from redline.backtest import CodingUncertainty
    from redline.backtest import sample_codings as backtest_sample
    from redline.bargaining.montecarlo import sample_codings as bargain_sample
    from redline.rng import block_generator
    from redline.uncertainty import sample_codings

    x, s, c = np.array([10.0, 50.0, 90.0, 100.0]), np.array([0.0, 0.5, 0.9, 1.0]), np.array([1.0, 2, 3, 4])
    unc = SimpleNamespace(position_sd=6.0, salience_concentration=20.0, capability_sigma=0.3)
    issue = SimpleNamespace(actors=SimpleNamespace(position=x, salience=s, capability=c), uncertainty=unc)
    kwargs = {"position_sd": 6.0, "salience_concentration": 20.0, "capability_sigma": 0.3}
    one = sample_codings(np.random.default_rng(4), 500, x, s, c, **kwargs)
    run = draw_issue_inputs(issue, np.random.default_rng(4), 500)
    bargain = bargain_sample(np.random.default_rng(4), 500, x, c, s, **kwargs)
    for key in one:
        assert np.array_equal(one[key], run[key]) and np.array_equal(one[key], bargain[key])
    # the backtest clips salience into [0.02, 0.98] and adds a resistance draw after the same layout
    clipped = np.clip(s, 0.02, 0.98)
    back = backtest_sample(
        x, s, c, np.zeros(4, bool), 300, rng=9, uncertainty=CodingUncertainty(6.0, 1.5, 20.0, 0.3)
    )
    same = sample_codings(block_generator(9, 0), 300, x, clipped, c, **kwargs)
    for key in same:
        assert np.array_equal(back[key], same[key])


def test_a_zero_width_does_not_shift_the_other_draws():
    from redline.uncertainty import sample_codings

    x, s, c = np.array([20.0, 70.0]), np.array([0.4, 0.6]), np.array([1.0, 2.0])
    a = sample_codings(np.random.default_rng(1), 200, x, s, c, capability_sigma=0.5)
    b = sample_codings(np.random.default_rng(1), 200, x, s, c, position_sd=3.0, capability_sigma=0.5)
    assert np.array_equal(a["capability"], b["capability"])
    assert not np.array_equal(a["position"], b["position"])
    g = np.random.default_rng(1)
    sample_codings(g, 200, x, s, c)  # every block is drawn even with no uncertainty at all
    h = np.random.default_rng(1)
    h.standard_normal((200, 2)), h.random((200, 2)), h.standard_normal((200, 2))
    assert g.random() == h.random()
