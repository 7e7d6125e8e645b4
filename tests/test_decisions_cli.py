"""``redline decide`` and ``redline power``: outputs, stable JSON keys, errors with exit code 2."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from typer.testing import CliRunner

from redline.cli import app

runner = CliRunner()

ILLUSTRATIVE_CSV = """actor,capability,position,salience_pct,population,resources
USA,1.00,40,70,335,10
UK,0.25,80,60,68,3
France,0.25,70,50,68,3
Germany,0.35,20,60,84,4
Poland,0.15,95,90,37,2
Hungary,0.05,0,80,10,0
Turkey,0.20,30,30,85,1
"""


@pytest.fixture
def actors_csv(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(ILLUSTRATIVE_CSV)
    return path


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_decide_json_worked_example(actors_csv):
    result = run(
        "decide",
        actors_csv,
        "--rule",
        "nato-consensus",
        "--status-quo",
        10,
        "--proposal",
        60,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passes"] is False
    assert data["pivotal"] == "Hungary" and data["largest_passable"] == 10
    assert sorted(data["blockers"]) == ["Germany", "Hungary", "Turkey"]
    take = data["what_it_would_take"]
    assert take["pivot_chain"][1] == {"without": ["Hungary"], "pivotal": "Germany", "largest_passable": 30.0}
    assert set(take) == {
        "rule",
        "status_quo",
        "proposal",
        "passes",
        "blockers",
        "concessions",
        "largest_passable",
        "pivotal",
        "pivot_chain",
        "passes_if_blockers_abstain_constructively",
        "coalition_without_blockers",
        "additional_yes",
        "notes",
    }
    # Hungary+Germany+Turkey are 3/7 >= 1/3 of states but 179/687 < 1/3 of population
    assert take["passes_if_blockers_abstain_constructively"] is True
    assert take["coalition_without_blockers"]["members"] == ["USA", "UK", "France", "Poland"]


@pytest.mark.parametrize("rule", ["eu-unanimity", "eu-qmv", "majority", "weighted-majority", "coalition"])
def test_decide_every_rule_table_and_csv(actors_csv, rule):
    result = run("decide", actors_csv, "--rule", rule, "--status-quo", 10, "--proposal", 60, "--required", 12)
    assert result.exit_code == 0, result.output
    assert "Decision" in result.stdout and "What would it take" in result.stdout
    csv = run("decide", actors_csv, "--rule", rule, "--status-quo", 10, "--proposal", 60, "--format", "csv")
    assert csv.stdout.splitlines()[0] == "actor,position,loss,vote,blocker,accepts_up_to"


def test_decide_coalition_shortfall(actors_csv):
    result = run(
        "decide",
        actors_csv,
        "--rule",
        "coalition",
        "--status-quo",
        10,
        "--proposal",
        60,
        "--required",
        20,
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert data["passes"] is False and data["details"]["shortfall"] == 2.0  # 10+3+3+2 = 18 < 20


def test_decide_declared_constructive_abstention(actors_csv):
    base = [
        "decide",
        actors_csv,
        "--rule",
        "eu-unanimity",
        "--status-quo",
        10,
        "--proposal",
        60,
        "--format",
        "json",
    ]
    declared = run(*base, "--declare", "Hungary", "--declare", "Germany", "--declare", "Turkey")
    assert json.loads(declared.stdout)["passes"] is True
    bad = run(*base, "--declare", "Narnia")
    assert bad.exit_code == 2 and "Narnia" in bad.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("actor,position,salience\nA,1,0.5\n", "capability"),
        ("actor,position,capability,salience\nA,x,1,0.5\n", "row 1, column position"),
        ("actor,position,capability,salience\nA,1,1,1.5\n", "column salience"),
        ("actor,position,capability,salience\nA,1,1,0.5\nA,2,1,0.5\n", "duplicate"),
    ],
)
def test_decide_bad_actors_exit_2(tmp_path, content, needle):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    result = run("decide", path, "--rule", "majority", "--status-quo", 0, "--proposal", 1)
    assert result.exit_code == 2
    assert result.stderr.startswith("error:") and needle in result.stderr
    assert "Traceback" not in result.output


def test_decide_rule_errors_exit_2(actors_csv, tmp_path):
    unknown = run("decide", actors_csv, "--rule", "politburo", "--status-quo", 0, "--proposal", 1)
    assert unknown.exit_code == 2 and "unknown rule" in unknown.stderr
    path = tmp_path / "nopop.csv"
    path.write_text("actor,position,capability,salience\nA,1,1,0.5\nB,2,1,0.5\n")
    qmv = run("decide", path, "--rule", "eu-qmv", "--status-quo", 0, "--proposal", 1)
    assert qmv.exit_code == 2 and "population" in qmv.stderr
    missing = run("decide", tmp_path / "none.csv", "--rule", "majority", "--status-quo", 0, "--proposal", 1)
    assert missing.exit_code == 2 and "not found" in missing.stderr


def test_power_weighted_json_and_csv(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("player,weight\nA,4\nB,3\nC,2\nD,1\n")
    result = run("power", "weighted", path, "--quota", 6, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"method", "n", "game", "draws", "players", "veto_players", "notes"}
    ss = [Fraction(p["shapley_shubik_exact"]) for p in data["players"]]
    assert ss == [Fraction(5, 12), Fraction(1, 4), Fraction(1, 4), Fraction(1, 12)]
    assert [p["swings"] for p in data["players"]] == [5, 3, 3, 1]
    only = run("power", "weighted", path, "--quota", 6, "--index", "shapley", "--format", "csv")
    assert only.stdout.splitlines()[0] == "player,weight,shapley_shubik"
    bz = run("power", "weighted", path, "--quota", 6, "--index", "banzhaf", "--format", "csv")
    assert bz.stdout.splitlines()[0] == "player,weight,banzhaf,banzhaf_absolute,swings"


@pytest.mark.parametrize(
    ("content", "args", "needle"),
    [
        ("player,weight\nA,1.5\nB,2\n", ["--quota", 2], "not an integer"),
        ("player,weight\nA,-1\nB,2\n", ["--quota", 2], "row 1, column weight"),
        ("player,w\nA,1\n", ["--quota", 1], "missing column"),
        ("player,weight\nA,1\nB,2\n", ["--quota", 9], "exceeds"),
    ],
)
def test_power_weighted_errors(tmp_path, content, args, needle):
    path = tmp_path / "w.csv"
    path.write_text(content)
    result = run("power", "weighted", path, *args)
    assert result.exit_code == 2 and needle in result.stderr


def test_power_eu_qmv_years():
    gap = run("power", "eu-qmv", "--year", 2024)
    assert gap.exit_code == 2 and "2024" in gap.stderr and "--population" in gap.stderr
    partial = run("power", "eu-qmv", "--year", 2023)
    assert partial.exit_code == 2 and "--population" in partial.stderr
    ok = run("power", "eu-qmv", "--year", 2025, "--format", "json")
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["n"] == 27 and data["game"]["states_quota"] == 15
    assert abs(sum(p["shapley_shubik"] for p in data["players"]) - 1) < 1e-12
    assert any("derived" in note for note in data["notes"])
    # the 65% quota refers to the official EU total (451,028,881), not the derived members' sum
    assert data["game"]["population_quota"] == 293_169 and data["game"]["unit"] == 1000
    assert data["game"]["total_population_persons"] == 451_028_881
    assert any("official EU27 total" in note and "451,028,881" in note for note in data["notes"])
    no_clause = json.loads(
        run("power", "eu-qmv", "--year", 2025, "--no-blocking-clause", "-f", "json").stdout
    )
    assert no_clause["game"]["blocking_minority"] is None and no_clause["game"]["population_quota"] == 293_169
    both = run("power", "eu-qmv")
    assert both.exit_code == 2 and "exactly one" in both.stderr


def test_power_eu_qmv_population_file_and_clause(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("iso3,population\nA,40\nB,30\nC,15\nD,8\nE,5\nF,2\n")
    args = ["power", "eu-qmv", "--population", path, "--unit", 1, "--states-pct", 60, "--format", "json"]
    with_clause = json.loads(run(*args, "--blocking-minority", 2).stdout)
    assert [p["swings"] for p in with_clause["players"]] == [13, 9, 7, 7, 5, 5]
    without = json.loads(run(*args, "--no-blocking-clause").stdout)
    assert [p["swings"] for p in without["players"]] == [14, 8, 6, 6, 4, 4]
    assert without["veto_players"] == ["A"]
    # an explicit official total: the quota is 65% of 110 (71.5 -> 72), not of the sum 100
    given = json.loads(run(*args, "--no-blocking-clause", "--total-population", 110).stdout)
    assert given["game"]["population_quota"] == 72
    assert [p["swings"] for p in given["players"]] == double_majority_swings([40, 30, 15, 8, 5, 2], 4, 72)


def double_majority_swings(pops, k_quota, p_quota):
    """Banzhaf swings by enumeration: S + i reaches both quotas, S alone does not."""

    def wins(members):
        return len(members) >= k_quota and sum(pops[j] for j in members) >= p_quota

    n = len(pops)
    subsets = [[j for j in range(n) if mask >> j & 1] for mask in range(1 << n)]
    return [sum(1 for s in subsets if i not in s and not wins(s) and wins([*s, i])) for i in range(n)]


def test_power_nato_consensus():
    result = run("power", "nato-consensus", "--year", 2024, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == 32 and len(data["veto_players"]) == 32
    assert all(Fraction(p["shapley_shubik_exact"]) == Fraction(1, 32) for p in data["players"])
    assert all(p["banzhaf_absolute"] == 2.0**-31 for p in data["players"])
    bad = run("power", "nato-consensus", "--year", 1800)
    assert bad.exit_code == 2 and bad.stderr.startswith("error:")


def test_decide_qmv_total_population_and_strict_coalition(actors_csv):
    base = ["decide", actors_csv, "--status-quo", 10, "--proposal", 60, "--format", "json"]
    qmv = [*base, "--rule", "eu-qmv", "--no-blocking-clause"]
    # yes: USA, UK, France, Poland = 508 of 687 (73.9%) of the members, but 50.8% of 1,000
    assert json.loads(run(*qmv).stdout)["passes"] is True
    given = json.loads(run(*qmv, "--total-population", 1000).stdout)
    assert given["passes"] is False and given["details"]["params"]["total_population"] == 1000
    assert given["details"]["population_yes_pct"] == pytest.approx(50.8)
    # Germany (x = 20) is indifferent between 10 and 30: out of W unless --indifferent-join
    coalition = [
        "decide",
        actors_csv,
        "--rule",
        "coalition",
        "--status-quo",
        10,
        "--proposal",
        30,
        "-f",
        "json",
    ]
    assert "Germany" not in json.loads(run(*coalition).stdout)["yes"]
    assert "Germany" in json.loads(run(*coalition, "--indifferent-join").stdout)["yes"]
