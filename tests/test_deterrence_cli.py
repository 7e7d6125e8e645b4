"""``redline deter``: game files, World targets, levers, JSON keys, errors (exit code 2)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app
from test_deterrence_reference import SPEC_A, SPEC_W, enumerate_kappa

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "deterrence_illustrative.toml"
runner = CliRunner()


def run(*args):
    result = runner.invoke(app, ["deter", *args])
    return result


def test_example_game_file_json():
    result = run(str(EXAMPLE), "--format", "json", "--draws", "20000", "--seed", "3")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) >= {"game", "decision", "montecarlo", "sensitivity", "levers", "allies", "notes"}
    d = out["decision"]
    assert math.isclose(d["kappa"], enumerate_kappa(SPEC_W, SPEC_A, 0.35), abs_tol=1e-9)
    assert math.isclose(d["kappa_star"], 0.6 / 1.9, abs_tol=1e-12)
    assert d["regime"] == "deterred" and math.isclose(d["p_attack_logit"], 0.007857, abs_tol=1e-6)
    mc = out["montecarlo"]
    assert mc["draws"] == 20000 and mc["seed"] == 3 and mc["rule"] == "pbe"
    assert abs(mc["p_failure"] - 0.025159) < 4 * math.sqrt(0.025159 * 0.974841 / 20000)
    assert [r["lever"] for r in out["levers"]][0] == "baseline"
    assert any("illustrative" in n for n in out["notes"])


def test_example_game_file_table():
    result = run(str(EXAMPLE), "--draws", "4096")
    assert result.exit_code == 0, result.output
    assert "deterred" in result.output and "note: illustrative" in result.output


def test_bad_game_file_is_an_error_naming_the_field(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace("w = 0.80", "w = 1.80"))
    result = run(str(bad))
    assert result.exit_code == 2
    assert "USA" in result.output and "w = 1.8" in result.output
    bad.write_text(EXAMPLE.read_text().replace("theta = 0.35", "thetta = 0.35"))
    result = run(str(bad))
    assert result.exit_code == 2 and "thetta" in result.output
    result = run(str(tmp_path / "missing.toml"))
    assert result.exit_code == 2 and "no such game file" in result.output
    result = run()
    assert result.exit_code == 2 and "--target" in result.output


def _world_ok():
    try:
        from redline.world import World

        World.for_year(2024)
    except Exception:
        return False
    return True


needs_world = pytest.mark.skipif(not _world_ok(), reason="World snapshot not available")


@needs_world
def test_target_from_world_json_with_levers():
    result = run(
        "--year",
        "2024",
        "--target",
        "EST",
        "--draws",
        "4096",
        "--seed",
        "1",
        "--w-concentration",
        "20",
        "--lever",
        "us_withdrawal:w_scale=0",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["decision"]["basis"] == "Article 5" and out["decision"]["allies"] == 31
    assert out["decision"]["question"] == "deterrence"
    assert {c["name"] for c in out["coefficients"]} >= {
        "v_former_soviet",
        "theatre_share",
        "force_ratio",
        "rho",
    }
    assert {"w", "a", "w_basis", "personnel_k"} <= set(out["allies"][0])
    assert [r["lever"] for r in out["levers"]] == ["baseline", "us_withdrawal"]
    assert out["levers"][1]["kappa"] < out["levers"][0]["kappa"]
    # the tornado: every driving assumption swung, sorted by the spread of EU_C
    spreads = [abs(r["eu_high"] - r["eu_low"]) for r in out["tornado"]]
    assert spreads == sorted(spreads, reverse=True) and {"rho", "k_W"} <= {
        r["assumption"] for r in out["tornado"]
    }


@needs_world
def test_all_targets_one_row_each_and_non_members_visible():
    result = run("--year", "2024", "--all-targets", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    rows = {r["target"]: r for r in out["targets"]}
    assert len(rows) == 32 + 3
    for t in ("UKR", "MDA", "GEO"):
        assert rows[t]["basis"] == "coalition of the willing"
    assert rows["UKR"]["question"] == "continuation" and rows["UKR"]["regime"] == "at_war"
    assert "at war since 2022-02-24" in " ".join(out["notes"])
    for t in ("MDA", "GEO"):
        assert rows[t]["kappa"] < rows[t]["kappa_if_article5"]
    assert rows["EST"]["basis"] == "Article 5"
    kappas = [r["kappa"] for r in rows.values() if r["basis"] == "Article 5"]
    assert min(kappas) < 0.9 and max(kappas) > 0.95  # κ differs across allies
    assert {"theatre_share", "force_ratio", "w_tripwire"} <= {c["name"] for c in out["coefficients"]}


@needs_world
def test_unknown_param_and_lever_fail_cleanly():
    result = run("--target", "EST", "--param", "beta_typo=1")
    assert result.exit_code == 2 and "beta_typo" in result.output
    result = run("--target", "RUS")
    assert result.exit_code == 2 and "cannot be its own deterrence target" in result.output
    result = run("--target", "EST", "--lever", "nope")
    assert result.exit_code == 2 and "unknown lever" in result.output


@needs_world
def test_restraint_sweep_from_cli():
    ladder = ROOT / "examples" / "ladders" / "kursk.toml"
    if not ladder.is_file():
        pytest.skip("kursk ladder not shipped")
    result = run(
        "--target",
        "UKR",
        "--param",
        "lambda_c=5",
        "--restraint",
        str(ladder),
        "--sigma-steps",
        "3",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["restraint"]
    assert [r["sigma"] for r in rows] == [0.0, 0.5, 1.0]
    assert math.isclose(rows[0]["p_nuclear"], 0.187311, abs_tol=1e-6)


@needs_world
def test_restraint_on_the_fitted_ladder_from_cli_is_the_scenario_model():
    """``--restraint fitted``: the ladder fitted to the record up to the world's date, its effects
    conditioned on the lifting (session 8), the same sweep as a scenario with ``fit = true``."""
    from redline.deterrence.restraint import restraint_sweep
    from redline.escalation.fit import fit_escalation

    result = run(
        "--year", "2025", "--target", "UKR", "--restraint", "fitted", "--sigma-steps", "3", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    rows = out["restraint"]
    assert [r["sigma"] for r in rows] == [0.0, 0.5, 1.0] and "p_nuclear_hi" in rows[0]
    assert any("13 months to 2025-12-31 without escalation" in n for n in out["notes"])
    # its window and draws, so its σ = 0 row can be set beside `escalation fit` (to the catalogue's last row)
    assert any(
        "restraint sweep: ladder fitted (record 2022-02-24 to 2025-12-31, each σ over 400 posterior draws, seed 0)"
        in n
        for n in out["notes"]
    )
    from redline.adapters.deterrence import code_game, world_for

    game = code_game(world_for(2025), "UKR", {})
    direct = restraint_sweep(game, fit_escalation(as_of="2025-12-31", months=12), [0.0, 0.5, 1.0], rng=0)
    assert [r["p_nuclear"] for r in rows] == pytest.approx(direct["p_nuclear"].tolist(), rel=1e-12)


@needs_world
def test_date_and_coalition_options():
    result = run("--date", "2024-03-01", "--target", "SWE", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["decision"]["basis"] == "coalition of the willing"  # joined 7 March
    result = run("--target", "UKR", "--coalition", "USA,GBR,POL", "--format", "json")
    out = json.loads(result.output)
    assert [a["ally"] for a in out["allies"]] == ["USA", "GBR", "POL"]


def test_game_file_levers_are_checked(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace('"europe_doubles"]', '"europe_doubels"]'))
    result = run(str(bad))
    assert result.exit_code == 2 and "europe_doubels" in result.output
    bad.write_text(EXAMPLE.read_text().replace("capability = { ALL", "capabilty = { ALL"))
    result = run(str(bad))
    assert result.exit_code == 2 and "capabilty" in result.output


@needs_world
def test_user_defined_levers_from_a_file(tmp_path):
    example = ROOT / "examples" / "deterrence_illustrative.toml"
    result = run(
        "--target", "LVA", "--lever-file", str(example), "--lever", "europe_doubles", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = {r["lever"]: r for r in json.loads(result.output)["levers"]}
    assert rows["europe_doubles"]["kappa"] > rows["baseline"]["kappa"]
    bad = tmp_path / "levers.toml"
    bad.write_text("[levers.define.oops]\nwillingness = 3\n")
    result = run("--target", "POL", "--lever-file", str(bad))
    assert result.exit_code == 2 and "oops" in result.output


def _link_2023() -> tuple[float, float]:
    """α, λ of the fit on the panel rows 2000-2023, read from the shipped file itself (not the module)."""
    from redline.deterrence.link import LINK_FILE

    fit = json.loads(LINK_FILE.read_text())["fits"]["2023"]
    return fit["alpha"], fit["lam"]


def test_target_gives_the_annual_p_attack_of_the_link_fitted_before_its_year():
    result = run("--year", "2024", "--target", "GEO", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    alpha, lam = _link_2023()
    eu = out["decision"]["eu_attack"]
    expected = 1 / (1 + math.exp(-(alpha + lam * eu)))
    assert out["decision"]["p_attack_year"] == pytest.approx(expected, rel=1e-12)
    assert 0.003 < expected < 0.004  # Georgia 2024: 0.34% a year (docs/deterrence.md, "In a scenario")
    assert (out["link"]["first"], out["link"]["last"], out["link"]["rows"]) == (2000, 2023, 1031)
    assert out["answer"].endswith("annual P(attack) 0.34% (link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)")
    table = run("--year", "2024", "--target", "GEO")
    assert "annual P(attack) 0.34% (link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)" in " ".join(table.output.split())


def test_target_with_draws_names_the_share_of_assumption_draws():
    result = run(
        "--year",
        "2024",
        "--target",
        "GEO",
        "--draws",
        "400",
        "--w-concentration",
        "20",
        "--lever",
        "us_withdrawal",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    share = out["montecarlo"]["p_failure"]  # the field keeps its name; the words say what it is
    assert f"attack pays in {share * 100:.1f}% of the assumption draws" in out["answer"]
    assert any(
        n.startswith("p_failure: the share of the assumption draws in which attack pays")
        for n in out["notes"]
    )
    alpha, lam = _link_2023()
    base = out["levers"][0]
    assert base["lever"] == "baseline" and "p_failure" in base
    assert base["p_attack_year"] == pytest.approx(out["decision"]["p_attack_year"], rel=1e-12)
    assert all(r["p_attack_year"] is not None for r in out["levers"])


def test_game_file_says_it_has_no_annual_link():
    result = run(str(EXAMPLE), "--format", "json", "--draws", "500")
    out = json.loads(result.output)
    assert out["decision"]["p_attack_year"] is None and "link" not in out
    assert "no annual P(attack): a game file's numbers are not coded from the data" in out["answer"]
    assert "attack pays in" in out["answer"] and "of the assumption draws" in out["answer"]


def test_all_targets_carry_the_annual_p_attack():
    result = run("--year", "2024", "--all-targets", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    alpha, lam = _link_2023()
    rows = {r["target"]: r for r in out["targets"]}
    assert rows["UKR"]["p_attack_year"] is None  # at war: deterrence already failed
    for target in ("GEO", "MDA", "EST"):
        eu = rows[target]["eu_attack"]
        assert rows[target]["p_attack_year"] == pytest.approx(
            1 / (1 + math.exp(-(alpha + lam * eu))), rel=1e-12
        )
    assert any(
        "annual P(attack) at the coded EU_C, link fitted to the 2000–2023 record" in n for n in out["notes"]
    )
