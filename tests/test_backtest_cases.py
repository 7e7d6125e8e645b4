"""Case files: parsing, validation with errors naming the field, and the outcome kept out of forecasts."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from typer.testing import CliRunner

import redline.backtest.cases as cases_module
from redline.backtest import Case, find_cases, forecast_case, read_case, read_outcome
from redline.backtest.baselines import weighted_median
from redline.cli import app
from redline.errors import RedlineError

runner = CliRunner()
REPO_CASES = Path(__file__).resolve().parents[1] / "backtest" / "cases"


def median_bargainer(x, c, s):
    """A stand-in for the bargaining model (the weighted median) so these tests run on their own."""
    return weighted_median(x, c * s)


MINIMAL = {
    "id": "toy_case",
    "title": "A toy case",
    "decision_date": dt.date(2023, 2, 1),
    "coding_date": dt.date(2023, 1, 1),
    "body": "Toy council",
    "rule": "nato-consensus",
    "issue": {
        "question": "Will the toy pass?",
        "scale_0": "no",
        "scale_50": "half",
        "scale_100": "yes",
        "status_quo": 0,
        "proposal": 100,
        "adopted_threshold": 50,
    },
    "actors": {
        "AAA": {
            "name": "A",
            "position": 90,
            "salience": 0.8,
            "capability": 0.6,
            "veto": True,
            "source": "https://example.org/a",
            "justification": "Said so.",
        },
        "BBB": {
            "name": "B",
            "position": 20,
            "salience": 0.5,
            "capability": 0.3,
            "veto": True,
            "source": "https://example.org/b",
            "justification": "Judgement: from tone.",
            "source_after_coding_date": True,
        },
        "CCC": {
            "name": "C (outsider)",
            "position": 100,
            "salience": 1.0,
            "capability": 0.1,
            "veto": False,
            "source": "https://example.org/c",
        },
    },
    "outcome": {
        "adopted": False,
        "outcome_value": 0,
        "summary": "Blocked by B.",
        "sources": ["https://x.org"],
    },
    "notes": {"difficulty": "none", "judgement": "B"},
}


def write(tmp_path: Path, data: dict, name: str = "case.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(tomli_w.dumps(data).encode())
    return path


def modified(path: tuple[str, ...], value=None, delete: bool = False) -> dict:
    data = tomllib.loads(tomli_w.dumps(MINIMAL))
    table = data
    for key in path[:-1]:
        table = table[key]
    if delete:
        del table[path[-1]]
    else:
        table[path[-1]] = value
    return data


def test_development_cases_parse_with_their_fields(development_cases):
    files = find_cases(development_cases)
    assert len(files) == 8
    for path in files:
        raw = tomllib.loads(path.read_text())
        case = read_case(path)
        assert case.id == raw["id"] == path.stem
        assert case.issue.adopted_threshold == raw["issue"]["adopted_threshold"]
        assert [a.key for a in case.actors] == list(raw["actors"])
        table = case.actor_table()
        for i, key in enumerate(table.actor):
            coded = raw["actors"][key]
            assert table.position[i] == coded["position"]
            assert table.salience[i] == coded["salience"]
            assert table.capability[i] == coded["capability"]
            if case.rule != "single-government":
                assert bool(table.veto[i]) == coded["veto"]
        if case.rule == "single-government":
            assert case.veto_players == (raw["decider"],)
        outcome = read_outcome(path)
        assert outcome.adopted == raw["outcome"]["adopted"]
        assert outcome.outcome_value == raw["outcome"]["outcome_value"]


def test_minimal_case_and_actor_table(tmp_path):
    case = read_case(write(tmp_path, MINIMAL))
    assert case.issue.anchors == {0: "no", 50: "half", 100: "yes"}
    assert case.veto_players == ("AAA", "BBB")
    table = case.actor_table()
    assert table.actor == ("AAA", "BBB", "CCC")
    np.testing.assert_array_equal(table.veto, [True, True, False])
    np.testing.assert_array_equal(table.member, [True, True, False])
    assert [a.judgement for a in case.actors] == [False, True, False]
    assert case.strict().veto_players == ("AAA",)
    assert case.dropped_by_strict() == ("BBB",)


def test_single_government_decider_is_the_only_veto(tmp_path):
    data = modified(("rule",), "single-government")
    data["decider"] = "BBB"
    case = read_case(write(tmp_path, data))
    assert case.veto_players == ("BBB",)
    np.testing.assert_array_equal(case.actor_table().veto, [False, True, False])
    with pytest.raises(RedlineError, match="--strict drops the decider BBB"):
        case.strict()


BAD_CASES = [
    (
        ("actors", "AAA", "salience"),
        1.5,
        False,
        r"actors\.AAA\.salience: expected a number in \[0, 1\], found 1\.5",
    ),
    (("actors", "AAA", "salience"), None, True, r"actors\.AAA\.salience: expected a number.*missing"),
    (("actors", "BBB", "position"), "high", False, r"actors\.BBB\.position: expected a number.*'high'"),
    (("actors", "BBB", "veto"), "yes", False, r"actors\.BBB\.veto: expected true or false"),
    (("actors", "BBB", "salienc"), 0.3, False, r"actors\.BBB\.salienc: unknown field"),
    (("actors", "CCC", "source"), None, True, r"actors\.CCC\.source: expected a non-empty string, missing"),
    (("rule",), "unanimity-ish", False, r"field rule: expected one of nato-consensus"),
    (("coding_date",), dt.date(2024, 1, 1), False, r"field coding_date: expected a date on or before"),
    (("decision_date",), "2023-02-01", False, r"field decision_date: expected a TOML date"),
    (("issue", "adopted_threshold"), None, True, r"issue\.adopted_threshold: expected a number.*missing"),
    (
        ("issue", "adopted_threshold"),
        0,
        False,
        r"issue\.adopted_threshold: expected a value above status_quo",
    ),
    (("issue", "proposal"), 0, False, r"issue\.proposal: expected a value above status_quo"),
    (("issue", "scale_100"), None, True, r"issue\.scale_100: expected a description"),
    (("issue", "scale_250"), "x", False, r"issue\.scale_250"),
    (("issue",), None, True, r"field issue: expected an \[issue\] table, missing"),
    (("actors",), {}, False, r"field actors\.: expected at least one"),
    (("title",), None, True, r"field title: expected a non-empty string, missing"),
    (("surprise",), 1, False, r"field surprise: unknown field"),
    (("decider",), "AAA", False, r"field decider: expected no decider unless rule = 'single-government'"),
]


@pytest.mark.parametrize(("path", "value", "delete", "message"), BAD_CASES)
def test_malformed_case_names_the_field(tmp_path, path, value, delete, message):
    file = write(tmp_path, modified(path, value, delete))
    with pytest.raises(RedlineError, match=message) as info:
        read_case(file)
    assert str(file) in str(info.value)


def test_decider_must_be_an_actor(tmp_path):
    data = modified(("rule",), "single-government")
    with pytest.raises(RedlineError, match="field decider: expected a non-empty string, missing"):
        read_case(write(tmp_path, data))
    data["decider"] = "Zz9"  # neither an actor nor an ISO3 code
    with pytest.raises(RedlineError, match="field decider: expected the key of one of the"):
        read_case(write(tmp_path, data))


def test_unreadable_files(tmp_path):
    with pytest.raises(RedlineError, match="case file not found"):
        read_case(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("id = \n")
    with pytest.raises(RedlineError, match="not valid TOML"):
        read_case(bad)


def test_bad_outcome_names_the_field(tmp_path):
    data = modified(("outcome", "adopted"), "no")
    with pytest.raises(RedlineError, match=r"outcome\.adopted: expected true or false"):
        read_outcome(write(tmp_path, data))
    with pytest.raises(RedlineError, match=r"field outcome: expected an \[outcome\] table"):
        read_outcome(write(tmp_path, modified(("outcome",), delete=True)))


def test_cli_malformed_case_exits_2_naming_the_field(tmp_path):
    file = write(tmp_path, modified(("actors", "AAA", "capability"), -1))
    result = runner.invoke(app, ["forecast", str(file), "--draws", "10"])
    assert result.exit_code == 2
    assert "error:" in result.output and "actors.AAA.capability" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------------- the outcome stays unseen
class GuardedTable(dict):
    """A parsed TOML document that fails the test if anything reads its [outcome] value."""

    def _guard(self, key):
        if key == "outcome":
            raise AssertionError("the forecast path read [outcome]")

    def __getitem__(self, key):
        self._guard(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._guard(key)
        return super().get(key, default)

    def pop(self, key, *default):
        self._guard(key)
        return super().pop(key, *default)

    def items(self):
        raise AssertionError("the forecast path iterated over all values (including [outcome])")

    def values(self):
        raise AssertionError("the forecast path iterated over all values (including [outcome])")


def test_read_case_never_reads_the_outcome_table(tmp_path, monkeypatch, development_cases):
    loaded = []

    def guarded_load(path):
        data = GuardedTable(tomllib.loads(Path(path).read_text()))
        loaded.append(data)
        return data

    monkeypatch.setattr(cases_module, "_load", guarded_load)
    for path in find_cases(development_cases):
        case = read_case(path)
        forecast_case(case, draws=20, seed=1, bargainer=median_bargainer)
    assert len(loaded) == 8 and all("outcome" in d for d in loaded)
    with pytest.raises(AssertionError, match=r"read \[outcome\]"):
        read_outcome(find_cases(development_cases)[0])  # the guard does fire


def test_forecast_is_the_same_whatever_the_outcome_says(tmp_path):
    real = read_case(write(tmp_path, MINIMAL, "real.toml"))
    flipped = modified(
        ("outcome",), {"adopted": True, "outcome_value": 100, "summary": "LEAKED", "sources": []}
    )
    gone = modified(("outcome",), delete=True)
    junk = modified(("outcome",), "not even a table")
    results = [
        forecast_case(
            read_case(write(tmp_path, d, f"{i}.toml")), draws=200, seed=3, bargainer=median_bargainer
        )
        for i, d in enumerate([MINIMAL, flipped, gone, junk])
    ]
    for other in results[1:]:
        assert other.methods.equals(results[0].methods)
        assert other.actors.equals(results[0].actors)
    assert "outcome" not in {f for f in Case.__dataclass_fields__}
    assert not re.search("LEAKED|Blocked by B", repr(real))


def test_strict_backtest_skips_a_case_whose_decider_has_no_early_source(tmp_path):
    from redline.backtest import run_backtest

    single = modified(("rule",), "single-government")
    single["decider"] = "BBB"  # BBB's only source postdates the coding date
    single["id"] = "single_case"
    write(tmp_path, single, "single_case.toml")
    write(tmp_path, MINIMAL, "toy_case.toml")
    loose = run_backtest(tmp_path, draws=20, seed=0, bargainer=median_bargainer, n_boot=50)
    assert set(loose.forecasts) == {"single_case", "toy_case"} and not loose.skipped
    strict = run_backtest(tmp_path, draws=20, seed=0, strict=True, bargainer=median_bargainer, n_boot=50)
    assert set(strict.forecasts) == {"toy_case"}
    assert "decider BBB" in strict.skipped["single_case"]
    case = read_case(tmp_path / "toy_case.toml")
    assert (case.scale_0, case.scale_100, case.pass_threshold) == ("no", "yes", 50.0)


# ------------------------------------------------------------------ the case-format extension (#16)
def test_every_repo_case_reads_with_its_outcome():
    for path in find_cases(REPO_CASES):
        case = read_case(path)
        outcome = read_outcome(path)
        assert case.venue in (
            "nato-consensus",
            "eu-unanimity",
            "eu-qmv",
            "majority",
            "coalition",
            "single-government",
        )
        assert outcome.outcome_type in ("adopted", "adopted_with_opt_outs", "delayed", "blocked")
        assert outcome.adopted == (outcome.outcome_type in ("adopted", "adopted_with_opt_outs")) or (
            outcome.outcome_type == "delayed"
        )


CONTEXT = {
    "opt_out_possible": True,
    "opt_out_possible_justification": "Pipeline oil could be exempted.",
    "opt_out_possible_source": "https://example.org/opt",
    "route_around": False,
    "route_around_justification": "Sanctions need the Council.",
    "route_around_source": "https://example.org/route",
}


def test_context_venue_and_isolation_cost_are_read(tmp_path):
    data = modified(("context",), CONTEXT)
    data["venue"] = "coalition"
    data["actors"]["BBB"]["isolation_cost"] = 0.4
    data["actors"]["BBB"]["isolation_cost_justification"] = "Judgement: alone against 26."
    case = read_case(write(tmp_path, data))
    assert case.venue == "coalition" and case.rule == "nato-consensus"
    assert case.context.coded() == {"opt_out_possible": True, "route_around": False}
    assert case.context.side_payment_available is None
    assert case.context.source["route_around"] == "https://example.org/route"
    assert [a.isolation_cost for a in case.actors] == [None, 0.4, None]
    assert read_case(write(tmp_path, MINIMAL, "plain.toml")).venue == "nato-consensus"


def test_single_government_coded_by_internal_actors(tmp_path):
    data = modified(("rule",), "single-government")
    data["decider"] = "DEU"
    data["actors"] = {
        "DEU_CHANCELLOR": {**MINIMAL["actors"]["AAA"], "veto": True},
        "DEU_FDP": {**MINIMAL["actors"]["BBB"], "veto": True},
        "DEU_GREENS": {**MINIMAL["actors"]["AAA"], "veto": False},
        "POL": {**MINIMAL["actors"]["CCC"], "veto": False},
    }
    case = read_case(write(tmp_path, data))
    assert case.internal_actors
    assert case.veto_players == ("DEU_CHANCELLOR", "DEU_FDP")
    np.testing.assert_array_equal(case.actor_table().member, [True, True, False, False])
    forecast = forecast_case(case, draws=50, seed=0, bargainer=median_bargainer)
    assert set(forecast.methods["method"]) >= {"redline", "veto_players"}
    # an ISO3 decider with no internal veto holder is not a government
    for actor in data["actors"].values():
        actor["veto"] = False
    with pytest.raises(RedlineError, match="field decider: expected the key of one of the"):
        read_case(write(tmp_path, data))


EXTENSION_ERRORS = [
    (("venue",), "unanimous", r"field venue: expected one of nato-consensus"),
    (("context",), {"route_around": "yes"}, r"field context\.route_around: expected true or false"),
    (
        ("context",),
        {"route_around": True, "route_around_source": "https://x.org"},
        r"field context\.route_around_justification: expected a non-empty string, missing",
    ),
    (("context",), {"opt_out": True}, r"field context\.opt_out: unknown field"),
    (
        ("context",),
        {"deadline_pressure_justification": "x"},
        r"field context\.deadline_pressure: expected true or false",
    ),
    (("actors", "BBB", "isolation_cost"), 2, r"actors\.BBB\.isolation_cost: expected a number in \[0, 1\]"),
    (
        ("actors", "BBB", "isolation_cost_justification"),
        "alone",
        r"actors\.BBB\.isolation_cost_justification: expected a text starting 'Judgement:'",
    ),
]


@pytest.mark.parametrize(("path", "value", "message"), EXTENSION_ERRORS)
def test_malformed_extension_names_the_field(tmp_path, path, value, message):
    file = write(tmp_path, modified(path, value))
    with pytest.raises(RedlineError, match=message) as info:
        read_case(file)
    assert str(file) in str(info.value) and "\n" not in str(info.value)


def test_outcome_type_opt_outs_and_side_payments(tmp_path):
    assert read_outcome(write(tmp_path, MINIMAL)).outcome_type == "blocked"
    data = modified(
        ("outcome",),
        {
            "adopted": True,
            "outcome_value": 100,
            "outcome_type": "adopted_with_opt_outs",
            "opt_outs": ["BBB"],
            "side_payments": "pipeline oil exempted",
        },
    )
    outcome = read_outcome(write(tmp_path, data))
    assert outcome.opt_outs == ("BBB",) and outcome.side_payments == "pipeline oil exempted"
    for value, message in [
        (
            {"adopted": True, "outcome_value": 100, "outcome_type": "blocked"},
            "outcome_type: expected adopted",
        ),
        ({"adopted": False, "outcome_value": 0, "outcome_type": "adopted"}, "outcome_type: expected delayed"),
        ({"adopted": False, "outcome_value": 0, "outcome_type": "vetoed"}, "outcome_type: expected one of"),
        ({"adopted": True, "outcome_value": 9, "opt_outs": "HUN"}, "opt_outs: expected a list"),
    ]:
        with pytest.raises(RedlineError, match=message):
            read_outcome(write(tmp_path, modified(("outcome",), value), "bad.toml"))
    # the forecast path still never reads the extended outcome
    assert read_case(write(tmp_path, data, "again.toml")).id == "toy_case"


def test_forecast_names_who_signs_with_a_reservation():
    """The per-actor table carries ``p_reserve`` beside ``p_opt_out``/``p_concede``: with a reservation that
    spares the whole loss (and blocking made dear), Hungary signs the sixth package with one; with the
    fitted default (the reservation earns no weight) nobody does."""
    from redline.decisions.holdout import HoldoutParams

    case = read_case(Path(__file__).parents[1] / "backtest/cases/eu_sixth_package_oil_embargo_2022.toml")
    cheap = HoldoutParams(isolation_cost=5.0, offer=0.0, opt_out_residual=0.5, reservation_residual=0.0)
    reserved = forecast_case(case, draws=50, seed=0, bargainer=median_bargainer, holdout=cheap).actors
    by_actor = reserved.set_index("actor")
    assert by_actor.loc["HUN", "p_reserve"] > 0.5
    assert (by_actor["p_reserve"] <= 1).all() and (by_actor["p_opt_out"] <= 1 - by_actor["p_reserve"] + 1e-12).all()
    default = forecast_case(case, draws=50, seed=0, bargainer=median_bargainer).actors
    assert (default["p_reserve"] == 0).all()
