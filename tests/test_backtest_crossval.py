"""Cross-validation of the holdout model: folds never see a held-out case, and LOO is what it says."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from typer.testing import CliRunner

import redline.backtest.crossval as crossval
from redline.backtest.baselines import weighted_median
from redline.backtest.crossval import DEFAULT_VARIANT, GRID, VARIANTS, cross_validate
from redline.cli import app
from redline.decisions.holdout import HoldoutParams

runner = CliRunner()


def median_bargainer(x, c, s):
    return weighted_median(x, c * s)


def actor(x, s, veto=True, **extra):
    return {
        "name": "n",
        "position": x,
        "salience": s,
        "capability": 0.5,
        "veto": veto,
        "source": "https://example.org",
        **extra,
    }


def case(cid, year, holdout_x, holdout_s, adopted, context=None, kappa=None):
    hold = actor(holdout_x, holdout_s)
    if kappa is not None:
        hold["isolation_cost"] = kappa
    data = {
        "id": cid,
        "title": cid,
        "decision_date": dt.date(year, 6, 1),
        "coding_date": dt.date(year, 5, 1),
        "body": "Council",
        "rule": "eu-unanimity",
        "issue": {
            "question": "q",
            "scale_0": "no",
            "scale_100": "yes",
            "status_quo": 0,
            "proposal": 100,
            "adopted_threshold": 50,
        },
        "actors": {"AAA": actor(100, 0.8), "BBB": actor(90, 0.6), "HUN": hold},
        "outcome": {"adopted": adopted, "outcome_value": 100 if adopted else 0},
    }
    if context:
        data["context"] = {
            k: v
            for flag, value in context.items()
            for k, v in ((flag, value), (f"{flag}_justification", "j"), (f"{flag}_source", "https://s.org"))
        }
    return data


CORPUS = [
    case("c2010", 2010, 0, 0.9, False),
    case("c2012", 2012, 10, 0.4, True, {"side_payment_available": True, "deadline_pressure": True}),
    case("c2014", 2014, 0, 0.8, True, {"opt_out_possible": True}),
    case("c2016", 2016, 20, 0.3, True),
    case("c2018", 2018, 0, 1.0, False, {"deadline_pressure": True}),
    case("c2019", 2019, 5, 0.5, True, {"side_payment_available": True, "deadline_pressure": True}),
    case("c2020", 2020, 0, 0.9, False),
    case("c2021", 2021, 0, 0.6, True, {"opt_out_possible": True}),
    case("c2022", 2022, 30, 0.2, True),
]
HELD_OUT = case("h2023", 2023, 0, 0.9, True)


def write_folder(folder: Path, cases) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in cases:
        (folder / f"{data['id']}.toml").write_bytes(tomli_w.dumps(data).encode())
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_folder(tmp_path_factory.mktemp("cv"), [*CORPUS, HELD_OUT])


def run(folder, **kw):
    return cross_validate(folder, draws=40, seed=1, n_boot=50, bargainer=median_bargainer, **kw)


def run_seeing_fits(run_folder):
    """``run_folder()`` with ``crossval.fit_index`` spied on: its result, and the case ids of every
    training set a fit received."""
    seen: list[set[str]] = []
    real = crossval.fit_index

    def spy(training, table, variant="holdout_reservation_capability"):
        seen.append({c.id for c in training})
        return real(training, table, variant)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(crossval, "fit_index", spy)
        result = run_folder()
    return result, seen


@pytest.fixture(scope="module")
def spied(folder):
    return run_seeing_fits(lambda: run(folder))


def test_cross_validation_never_fits_on_a_held_out_case(spied):
    result, seen = spied
    assert seen and all("h2023" not in ids for ids in seen)
    assert all("h2023" not in train for train in result.folds.values())
    # LOO: each corpus case is forecast from the other eight, never from itself.
    for c in CORPUS:
        train = result.folds[f"loo:{c['id']}"]
        assert c["id"] not in train and len(train) == len(CORPUS) - 1
    # Temporal split: fit on <= 2018, test on 2019-2022.
    assert set(result.folds["temporal:c2020"]) == {"c2010", "c2012", "c2014", "c2016", "c2018"}
    assert {k.split(":")[1] for k in result.folds if k.startswith("temporal")} == {
        "c2019",
        "c2020",
        "c2021",
        "c2022",
    }
    assert {k for k in result.folds if k.startswith("held_out")} == {"held_out:h2023"}


def test_the_held_out_outcome_cannot_move_any_fitted_number(spied, tmp_path):
    flipped = copy.deepcopy(HELD_OUT)
    flipped["outcome"] = {"adopted": False, "outcome_value": 0}
    other = write_folder(tmp_path / "flipped", [*CORPUS, flipped])
    a, b = spied[0], run(other)
    assert a.fitted == b.fitted and a.fitted_temporal == b.fitted_temporal
    for split in ("loo", "temporal"):
        pa = a.predictions[a.predictions["split"] == split].reset_index(drop=True)
        pb = b.predictions[b.predictions["split"] == split].reset_index(drop=True)
        assert pa.equals(pb)


def test_loo_forecast_equals_a_brute_force_refit(folder, spied):
    result = spied[0]
    loo = result.predictions[
        (result.predictions["split"] == "loo") & (result.predictions["method"] == "redline")
    ]
    prepared = {
        c["id"]: crossval.prepare_case(
            crossval.read_case(folder / f"{c['id']}.toml"),
            c["outcome"]["adopted"],
            "",
            40,
            1,
            crossval.CodingUncertainty(),
            median_bargainer,
        )
        for c in CORPUS
    }
    import itertools

    # the redline row is the default variant: its pinned grid values, every other value searched
    pinned = VARIANTS[DEFAULT_VARIANT]
    values = [pinned.get(k, v) for k, v in GRID.items()]
    combos = [HoldoutParams(**dict(zip(GRID, v, strict=True))) for v in itertools.product(*values)]
    default = HoldoutParams().to_dict()
    for held in ("c2014",):
        best, best_key = None, None
        for params in combos:
            brier = np.mean(
                [(prepared[k].p_holdout(params) - prepared[k].adopted) ** 2 for k in prepared if k != held]
            )
            key = (round(brier, 12), sum(abs(v - default[n]) for n, v in params.to_dict().items()))
            if best_key is None or key < best_key:
                best, best_key = params, key
        want = prepared[held].p_holdout(best)
        assert loo.set_index("case").loc[held, "p_adopted"] == pytest.approx(want)


def test_scores_groups_and_target(spied):
    result = spied[0]
    assert set(result.scores["split"]) == {"loo", "temporal", "held_out"}
    loo = result.scores[result.scores["split"] == "loo"].set_index("method")
    p = result.predictions
    sub = p[(p["split"] == "loo") & (p["method"] == "base_rate")]
    # base rate: the share adopted among the other eight corpus cases
    y = {c["id"]: c["outcome"]["adopted"] for c in CORPUS}
    for _, row in sub.iterrows():
        assert row["p_adopted"] == pytest.approx(np.mean([v for k, v in y.items() if k != row["case"]]))
    brier = np.mean((sub["p_adopted"] - sub["adopted"].astype(float)) ** 2)
    assert loo.loc["base_rate", "brier"] == pytest.approx(brier)
    target = result.target()
    assert target["loo_brier"] == pytest.approx(loo.loc["redline", "brier"])
    assert target["best_baseline"] in (
        "weighted_mean",
        "weighted_median",
        "veto_players",
        "base_rate",
        "status_quo",
    )
    assert set(result.by_group["grouping"]) == {"rule", "outcome_type"}


def test_cli_cv_loo_prints_the_target(folder):
    result = runner.invoke(app, ["backtest", str(folder), "--cv", "loo", "--draws", "8"])
    assert result.exit_code == 0, result.output
    assert "Leave-one-out" in result.output and "target: cross-validated Brier <= 0.15" in result.output
    bad = runner.invoke(app, ["backtest", str(folder), "--cv", "kfold"])
    assert bad.exit_code == 2 and "--cv: expected 'loo'" in bad.output
