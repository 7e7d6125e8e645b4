"""The held-out cases (decided after the corpus ends) load, validate, and never reach a fit.

They are evaluation cases only (issue 16): ``redline backtest --cv loo`` must score them with parameters
fitted on the 2008-2022 corpus alone. These tests run the real case folder (small draws, a weighted-median
bargainer for speed) and fail if any case dated after ``CORPUS_END`` is in a training set, or if changing
the held-out outcomes moves any fitted number or corpus forecast.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

from redline.backtest.baselines import weighted_median
from redline.backtest.cases import find_cases, read_case, read_outcome
from redline.backtest.crossval import CORPUS_END, cross_validate
from test_backtest_crossval import run_seeing_fits

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "backtest" / "cases"
HELD_OUT = sorted(p for p in find_cases(CASES) if read_case(p).decision_date > CORPUS_END)


def median_bargainer(x, c, s):
    return weighted_median(x, c * s)


def run(folder: Path):
    return cross_validate(folder, draws=8, seed=3, n_boot=20, bargainer=median_bargainer)


def test_there_are_at_least_eighteen_held_out_cases_of_three_kinds():
    rules = {read_case(p).rule for p in HELD_OUT}
    outcomes = {read_outcome(p).adopted for p in HELD_OUT}
    assert len(HELD_OUT) >= 18
    assert {"eu-unanimity", "nato-consensus", "single-government"} <= rules
    assert outcomes == {True, False}  # vetoes that held and vetoes that did not


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
def test_each_held_out_case_loads_and_validates(path):
    case, outcome = read_case(path), read_outcome(path)
    assert dt.date(2023, 1, 1) <= case.decision_date <= dt.date(2025, 12, 31)
    assert case.coding_date <= case.decision_date
    assert outcome.outcome_type in {"", "adopted", "adopted_with_opt_outs", "delayed", "blocked"}
    assert all(a.source.startswith("http") for a in case.actors)
    keys = {a.key for a in case.actors}
    assert set(outcome.opt_outs) <= keys


def test_the_held_out_files_are_what_the_generator_writes():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_heldout_cases.py"), "--check"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def spied():
    return run_seeing_fits(lambda: run(CASES))


def test_no_case_decided_after_2022_is_ever_fitted_on(spied):
    result, seen = spied
    late = {read_case(p).id for p in HELD_OUT}
    assert seen and all(not (training & late) for training in seen)
    assert all(not (set(train) & late) for train in result.folds.values())
    assert {k.split(":", 1)[1] for k in result.folds if k.startswith("held_out:")} == late
    assert result.settings["n_held_out"] == len(late)


def test_flipping_every_held_out_outcome_moves_no_fitted_number(spied, tmp_path):
    folder = tmp_path / "flipped"
    shutil.copytree(CASES, folder)
    for path in HELD_OUT:
        data = tomllib.loads((folder / path.name).read_text(encoding="utf-8"))
        adopted = not data["outcome"]["adopted"]
        data["outcome"] |= {"adopted": adopted, "outcome_value": 100 if adopted else 0}
        data["outcome"]["outcome_type"] = "adopted" if adopted else "blocked"
        data["outcome"].pop("opt_outs", None)
        (folder / path.name).write_text(tomli_w.dumps(data), encoding="utf-8")
    a, b = spied[0], run(folder)
    assert a.fitted == b.fitted and a.fitted_temporal == b.fitted_temporal
    assert a.fitted_variants == b.fitted_variants
    for split in ("loo", "temporal"):
        pa = a.predictions[a.predictions["split"] == split].reset_index(drop=True)
        pb = b.predictions[b.predictions["split"] == split].reset_index(drop=True)
        assert pa.equals(pb)
    # The held-out forecasts do not depend on the held-out outcomes either; only the scores do.
    ha = a.predictions[a.predictions["split"] == "held_out"].reset_index(drop=True)
    hb = b.predictions[b.predictions["split"] == "held_out"].reset_index(drop=True)
    assert ha["p_adopted"].equals(hb["p_adopted"]) and not ha["adopted"].equals(hb["adopted"])


def test_held_out_report_has_per_rule_groups_and_paired_intervals(spied):
    result = spied[0]
    groups = result.by_group[result.by_group["split"] == "held_out"]
    rules = {read_case(p).rule for p in HELD_OUT}
    ours = groups[(groups["method"] == "redline") & (groups["grouping"] == "rule")]
    assert set(ours["group"]) == rules
    assert ours["n_cases"].sum() == len(HELD_OUT)
    assert (ours["brier_low"] <= ours["brier"] + 1e-12).all()
    assert (ours["brier"] <= ours["brier_high"] + 1e-12).all()
    held = result.scores[result.scores["split"] == "held_out"].set_index("method")
    assert held.loc["redline", "brier_minus_redline"] == 0.0
    mean = held.loc["weighted_mean"]
    assert mean["brier_minus_redline"] == pytest.approx(mean["brier"] - held.loc["redline", "brier"])
    assert mean["brier_minus_redline_low"] <= mean["brier_minus_redline"] <= mean["brier_minus_redline_high"]
