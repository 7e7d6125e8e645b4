"""The scenario hash covers every file a run reads, so ``--resume`` never joins two different models."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from redline.errors import RedlineError
from redline.rng import BLOCK
from redline.runner import execute, prepare
from redline.scenario import Scenario, input_files, load_scenario, scenario_hash
from redline.store import Store

ROOT = Path(__file__).resolve().parents[1]
LADDER = ROOT / "examples" / "ladders" / "kursk.toml"
CASE = ROOT / "backtest" / "cases" / "nato_no_fly_zone_2022.toml"

TEXT = """[scenario]
name = "hash-test"

[world]
year = 2023

[run]
draws = 256
seed = 11

[models]
decisions = true
bargaining = false
deterrence = false
escalation = true
analytics = false

[[issues]]
id = "nfz"
case = "../cases/nato_no_fly_zone_2022.toml"

[escalation]
file = "../ladders/kursk.toml"
"""

EDITS = {
    # field naming the file -> (file in tmp, a change of one number in it)
    "escalation.file": ("ladders/kursk.toml", ("tau = 0.30", "tau = 0.05")),
    "issues[0].case": ("cases/nato_no_fly_zone_2022.toml", ("salience = 0.5", "salience = 0.55")),
}


def _tree(tmp_path: Path) -> Path:
    for folder, source in (("ladders", LADDER), ("cases", CASE)):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / source.name)
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "s.toml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_input_files_lists_every_file_the_scenario_names(tmp_path):
    path = _tree(tmp_path)
    files = input_files(load_scenario(path))
    assert set(files) == set(EDITS)
    for field, (name, _) in EDITS.items():
        assert files[field].resolve() == (tmp_path / name).resolve()


@pytest.mark.parametrize("field", sorted(EDITS))
def test_changing_a_named_file_changes_the_hash_and_resume_refuses(tmp_path, field):
    path = _tree(tmp_path)
    scenario = load_scenario(path)
    plan = prepare(scenario, draws=2 * BLOCK, seed=3, chunk_size=BLOCK, source=path)
    assert plan.hash == scenario_hash(scenario)

    def stop(start, _stop):
        if start > 0:
            raise KeyboardInterrupt

    with Store(tmp_path / "runs.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            execute(plan, store, run_id="cut", on_chunk=stop)
        # unchanged files: the run can be resumed
        again = prepare(load_scenario(path), draws=2 * BLOCK, seed=3, chunk_size=BLOCK, source=path)
        assert again.hash == plan.hash
        name, (old, new) = EDITS[field]
        target = tmp_path / name
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        changed = load_scenario(path)
        assert scenario_hash(changed) != plan.hash
        plan2 = prepare(changed, draws=2 * BLOCK, seed=3, chunk_size=BLOCK, source=path)
        assert plan2.hash != plan.hash
        with pytest.raises(RedlineError, match="cannot be resumed"):
            execute(plan2, store, resume="cut")
        resumed = execute(again, store, resume="cut")  # the plan made before the edit still resumes
        assert store.run("cut")["status"] == "finished" and resumed.run_id == "cut"


def test_the_ladder_change_moves_the_answer_it_is_hashed_for(tmp_path):
    """The bug this guards against: τ 0.30 -> 0.05 moved P(nuclear) with an unchanged hash."""
    path = _tree(tmp_path)
    before = prepare(load_scenario(path), draws=16, source=path)
    ladder = tmp_path / "ladders" / "kursk.toml"
    ladder.write_text(ladder.read_text().replace("tau = 0.30", "tau = 0.05", 1))
    after = prepare(load_scenario(path), draws=16, source=path)
    p_before = before.exact["escalation"]["p_nuclear_after"]
    p_after = after.exact["escalation"]["p_nuclear_after"]
    assert p_before != p_after and before.hash != after.hash


def _file_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Schema fields that name a file (``file``, ``case``, ``*_file``, ``*_path``, ``*_csv``)."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        if name in ("file", "case", "path") or name.endswith(("_file", "_path", "_csv", "_files")):
            out.add(prefix + name)
        for arg in _models_in(info.annotation):
            out |= _file_fields(arg, f"{prefix}{name}.")
    return out


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def test_every_file_field_of_the_schema_is_hashed():
    """A new schema field naming a file must be added to ``input_files`` (and to EDITS above)."""
    assert _file_fields(Scenario) == {"issues.case", "escalation.file", "issues.statements.file"}
