"""Runner and store: determinism across chunk sizes and Dask, transactional store, interrupted runs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from redline.rng import BLOCK
from redline.runner import Task, execute, interval, prepare, run_chunk, task_seed, wilson
from redline.scenario import load_scenario
from redline.store import Store

ROOT = Path(__file__).resolve().parents[1]
NATO = ROOT / "scenarios" / "nato-2024.toml"


def light(models=("decisions", "escalation")):
    """nato-2024 with only the given model families (fast)."""
    scenario = load_scenario(NATO)
    flags = {
        name: name in models for name in ("decisions", "bargaining", "deterrence", "escalation", "analytics")
    }
    return scenario.model_copy(update={"models": scenario.models.model_copy(update=flags)})


def _uniform_sampler(generator, n):
    return {"u": generator.random(n), "b": (generator.random(n) < 0.3).astype(float)}


def test_chunks_give_identical_draws_whatever_the_chunk_size():
    tasks = (Task("t", _uniform_sampler, binary=("b",)),)
    draws = 3 * BLOCK + 17
    whole = run_chunk(tasks, 7, 0, draws)
    from redline.rng import chunk_ranges

    for size in (BLOCK, 2 * BLOCK, 10**9):
        parts = [run_chunk(tasks, 7, a, b) for a, b in chunk_ranges(draws, size)]
        for key in whole:
            assert np.array_equal(np.concatenate([p[key] for p in parts]), whole[key])
    assert not np.array_equal(run_chunk(tasks, 8, 0, 10)["u"], whole["u"][:10])


def _other_sampler(generator, n):
    return {"v": generator.standard_normal((n, 3)).sum(axis=1)}


def test_task_streams_are_independent_of_each_other():
    """Switching a model family on or off does not change another family's numbers."""
    a = Task("a", _uniform_sampler)
    b = Task("b", _other_sampler)
    alone = run_chunk((a,), 3, 0, 100)
    both = run_chunk((b, a), 3, 0, 100)
    assert task_seed(3, "a") != task_seed(3, "b")
    assert np.array_equal(both["u"], alone["u"]) and np.array_equal(both["b"], alone["b"])


def test_wilson_and_interval_against_plain_formulas():
    lo, hi = wilson(30, 100)
    z = 1.959963984540054
    p, n = 0.3, 100
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert lo == pytest.approx(centre - half) and hi == pytest.approx(centre + half)
    values = np.arange(1000.0)
    s = interval(values)
    assert s["mean"] == pytest.approx(499.5)
    assert s["lo"] == pytest.approx(np.quantile(values, 0.025)) and s["hi"] == pytest.approx(
        np.quantile(values, 0.975)
    )


def _monte_carlo_part(summary):
    """The summary without what names the run (id, start time, chunk size)."""
    out = {k: v for k, v in summary.items() if k != "run"}
    out["run"] = {k: v for k, v in summary["run"].items() if k not in ("run_id", "started", "chunk_size")}
    return out


def test_run_is_identical_across_chunk_sizes_and_stored(tmp_path):
    scenario = light()
    results = []
    for i, chunk in enumerate((BLOCK, 3 * BLOCK)):
        plan = prepare(scenario, draws=2 * BLOCK + 100, seed=11, chunk_size=chunk)
        with Store(tmp_path / f"s{i}.duckdb") as store:
            results.append(execute(plan, store, keep_draws=True))
            stored = store.read_draws(results[-1].run_id)
            rows = store.summaries(results[-1].run_id)
        assert set(stored) == set(results[-1].draws)
        assert len(rows) == len(stored)
    a, b = results
    assert a.draws.keys() == b.draws.keys()
    for key in a.draws:
        assert np.array_equal(a.draws[key], b.draws[key]), key
    assert _monte_carlo_part(a.summary) == _monte_carlo_part(b.summary)  # bit for bit
    # the default streams: no draw is kept or stored, and the summary is the same
    with Store(tmp_path / "streamed.duckdb") as store:
        streamed = execute(prepare(scenario, draws=2 * BLOCK + 100, seed=11, chunk_size=2 * BLOCK), store)
        assert store.read_draws(streamed.run_id) == {} and streamed.draws == {}
        assert len(store.read_tallies(streamed.run_id)) == 2
    assert _monte_carlo_part(streamed.summary) == _monte_carlo_part(a.summary)


def test_dask_cluster_gives_the_same_numbers():
    """A Client, or a scheduler address (what --cluster passes), gives the in-process numbers."""
    distributed = pytest.importorskip("dask.distributed")
    plan = prepare(light(("decisions", "escalation")), draws=2 * BLOCK + 5, seed=5, chunk_size=BLOCK)
    local = execute(plan, keep_draws=True)
    with distributed.LocalCluster(
        processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            remote = execute(plan, cluster=client, keep_draws=True)
        by_address = execute(plan, cluster=cluster.scheduler_address)
    for key in local.draws:
        assert np.array_equal(local.draws[key], remote.draws[key])
    assert _monte_carlo_part(local.summary) == _monte_carlo_part(remote.summary)
    assert _monte_carlo_part(local.summary) == _monte_carlo_part(by_address.summary)
    # local:N starts N worker processes for the run (the tasks travel pickled) and stops them after
    in_processes = execute(plan, cluster="local:2")
    assert _monte_carlo_part(local.summary) == _monte_carlo_part(in_processes.summary)
    from redline.errors import RedlineError

    with pytest.raises(RedlineError, match="cannot reach the Dask scheduler"):
        execute(plan, cluster="tcp://127.0.0.1:1")
    with pytest.raises(RedlineError, match="expected local:N"):
        execute(plan, cluster="local:many")


def test_local_cluster_workers_keep_glibc_malloc_defaults(monkeypatch):
    """Dask sets MALLOC_TRIM_THRESHOLD_=65536 in a worker's environment (and leaves it in the
    starting process's); redline's local workers start without it, whatever this process holds, and
    the process gets its own value back."""
    distributed = pytest.importorskip("dask.distributed")
    import os

    from redline.runner import local_cluster

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        seen = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        assert list(seen.values()) == [None]
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "65536"


def test_escalation_numbers_match_the_model_called_directly():
    """nato-2024 fits the ladder to the record up to its date (end of 2024): the summary's
    P(nuclear) is the mean over the fit's posterior draws, the Monte Carlo agrees with it."""
    from redline.escalation import propagate
    from redline.escalation.fit import interval
    from redline.questions import FIT_DRAWS
    from redline.scenario import escalation_fit_of

    scenario = light(("escalation",))
    plan = prepare(scenario, draws=BLOCK, seed=1)
    result = execute(plan)
    esc = result.summary["escalation"]
    fit = escalation_fit_of(scenario.escalation, as_of="2024-12-31")
    steps = scenario.escalation.steps
    per_draw = propagate(fit.params(FIT_DRAWS, rng=1), steps).p_nuclear[:, -1]
    assert esc["fitted"] and esc["time_step"] == "month" and esc["record"]["end"] == "2024-12-31"
    assert esc["p_nuclear_after"] == pytest.approx(float(per_draw.mean()), abs=1e-12)
    assert (esc["p_nuclear_lo"], esc["p_nuclear_hi"]) == pytest.approx(interval(per_draw), abs=1e-12)
    assert esc["p_nuclear_point"] == pytest.approx(float(propagate(fit.ladder, steps).final[0]), abs=1e-12)
    mc = esc["monte_carlo"]
    after = esc["p_nuclear_after"]
    se = np.sqrt(after * (1 - after) / mc["n"] + per_draw.var() / FIT_DRAWS)
    assert abs(mc["mean"] - after) < 4 * se


_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_scenario_runner import light
    from redline import runner
    from redline.runner import execute, prepare
    from redline.store import Store

    runner.SAVE_SECONDS = 0.0  # checkpoint every chunk as it finishes (runs save at most every SAVE_SECONDS)

    plan = prepare(light(("escalation",)), draws=6 * 4096, seed=3, chunk_size=4096)
    store = Store({store!r})

    def die(start, stop):
        if start >= 4096:
            os.kill(os.getpid(), signal.SIGKILL)

    execute(plan, store, run_id="killed", on_chunk=die)
    """
)


def test_store_survives_a_run_killed_mid_way_and_resumes(tmp_path):
    path = tmp_path / "runs.duckdb"
    scenario = light(("escalation",))
    plan = prepare(scenario, draws=6 * BLOCK, seed=3, chunk_size=BLOCK)
    with Store(path) as store:
        earlier = execute(plan, store, run_id="earlier", keep_draws=True)
    code = _KILLER.format(tests=str(Path(__file__).parent), store=str(path))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ
    )
    assert proc.returncode != 0  # killed
    with Store(path) as store:
        runs = store.runs().set_index("run_id")
        assert runs.loc["earlier", "status"] == "finished"
        assert runs.loc["killed", "status"] == "running"  # never marked finished
        assert store.done_chunks("killed") == {0, BLOCK}
        assert set(store.read_tallies("killed")) == {0, BLOCK}
        assert store.run("killed")["summary"] is None
        before = store.read_draws("earlier")
        resumed = execute(plan, store, resume="killed")
        assert store.run("killed")["status"] == "finished"
        for key, values in earlier.draws.items():
            assert np.array_equal(before[key], values)
            # no draw lost, duplicated or changed: every count, sum and interval is the uninterrupted run's
            assert resumed.tallies[key].n == values.size == 6 * BLOCK
            assert resumed.tallies[key].total == values.sum()
        assert _monte_carlo_part(resumed.summary) == _monte_carlo_part(earlier.summary)


def test_failed_run_is_marked_failed_and_store_rolls_back(tmp_path):
    plan = prepare(light(("escalation",)), draws=3 * BLOCK, seed=3, chunk_size=BLOCK)

    def boom(start, stop):
        if start > 0:
            raise KeyboardInterrupt

    with Store(tmp_path / "f.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            execute(plan, store, run_id="boom", on_chunk=boom)
        assert store.run("boom")["status"] == "failed"
        with pytest.raises(RuntimeError), store.transaction() as con:
            con.execute("INSERT INTO draws VALUES ('boom', 'x', 0, 1.0)")
            raise RuntimeError
        assert "x" not in store.read_draws("boom")


def test_checkpoints_saved_together_resume_to_the_same_summary(tmp_path, monkeypatch):
    """Chunks are checkpointed together (at most SAVE_SECONDS apart); a run interrupted after a save
    resumes from the saved tallies to the uninterrupted run's summary, each draw counted once."""
    from redline import runner

    plan = prepare(light(("escalation",)), draws=4 * BLOCK, seed=8, chunk_size=BLOCK)
    whole = execute(plan)
    monkeypatch.setattr(runner, "SAVE_SECONDS", 3600.0)  # one save, after the last chunk
    seen = []

    def stop_after_two(start, stop):
        seen.append(start)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "b.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            execute(plan, store, run_id="batched", on_chunk=stop_after_two)
        assert store.done_chunks("batched") == {0, BLOCK, 2 * BLOCK, 3 * BLOCK}  # saved in one transaction
        assert store.run("batched")["status"] == "failed"
        with store.transaction() as con:  # as if killed before the last chunk was saved
            con.execute("DELETE FROM chunks WHERE run_id = 'batched' AND chunk_start = ?", [3 * BLOCK])
        resumed = execute(plan, store, resume="batched")
    assert resumed.tallies["escalation.nuclear"].n == 4 * BLOCK
    assert _monte_carlo_part(resumed.summary) == _monte_carlo_part(whole.summary)


def test_run_failing_after_every_chunk_is_stored_is_failed_then_resumable(tmp_path, monkeypatch):
    """The summary step fails once every chunk is stored (e.g. a value JSON cannot hold): the run is
    marked failed, not left running, its chunks stay, and --resume finishes it with the same draws."""
    import redline.runner as runner

    plan = prepare(light(("escalation",)), draws=2 * BLOCK, seed=3, chunk_size=BLOCK)
    real = runner.summarise

    def broken(*args, **kwargs):
        raise ValueError("Out of range float values are not JSON compliant")

    with Store(tmp_path / "r.duckdb") as store:
        monkeypatch.setattr(runner, "summarise", broken)
        with pytest.raises(ValueError):
            execute(plan, store, run_id="late")
        assert store.run("late")["status"] == "failed"
        assert store.done_chunks("late") == {0, BLOCK}
        monkeypatch.setattr(runner, "summarise", real)
        resumed = execute(plan, store, resume="late")
        assert store.run("late")["status"] == "finished"
    assert _monte_carlo_part(resumed.summary) == _monte_carlo_part(execute(plan).summary)


def test_interrupted_run_marked_failed_resumes_from_its_stored_chunks(tmp_path):
    plan = prepare(light(("escalation",)), draws=3 * BLOCK, seed=3, chunk_size=BLOCK)
    computed: list[int] = []

    def boom(start, stop):
        computed.append(start)
        if start > 0:
            raise KeyboardInterrupt

    with Store(tmp_path / "f.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            execute(plan, store, run_id="boom", on_chunk=boom)
        assert store.run("boom")["status"] == "failed" and 0 in store.done_chunks("boom")
        computed.clear()
        resumed = execute(plan, store, resume="boom", on_chunk=lambda a, b: computed.append(a))
        assert set(computed) <= {BLOCK, 2 * BLOCK} and 0 not in computed  # the stored chunks are not redone
        assert store.run("boom")["status"] == "finished"
    assert _monte_carlo_part(resumed.summary) == _monte_carlo_part(execute(plan).summary)
