"""Run a scenario: code the issues, call every model, Monte Carlo over chunks, store, summarise.

The work splits in two:

* **exact** answers, computed once from the coded inputs (does the proposal pass now, the bargaining
  forecast, Article 5 credibility κ and the challenger's regime, the exact escalation curves, the
  claims);
* **Monte Carlo** answers over input uncertainty, computed by *tasks*. A task draws its own inputs
  and returns one number per draw and question. Draws are split into chunks of whole blocks
  (:func:`redline.rng.chunk_ranges`); each task draws block by block from its own stream
  (:func:`redline.rng.draw_blocks` with the task's seed ``SeedSequence(seed, spawn_key=(crc32(key),))``),
  so the stored numbers are identical whatever the chunk size, the number of workers, or which other
  models the scenario switches on.

Chunks run in-process by default; with ``cluster=ADDRESS`` (or a ``dask.distributed.Client``) the same
chunks are submitted to a Dask scheduler. A chunk's draws are tallied where they are made
(:func:`redline.tally.tally_chunk`: per block counts, sums, squared deviations, paired differences, the
values of continuous questions) and only the tally travels and is stored, so memory does not grow with
the number of draws and the summary is the same for every chunk size, for Dask and for a resumed run.
Every finished chunk's tally is written to the store at once, so an interrupted run can be resumed
(``resume=RUN_ID``) and is never marked finished. ``keep_draws=True`` also keeps (and stores) every
draw, as earlier versions did: for tests and small runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from redline import __version__
from redline.errors import RedlineError
from redline.progress import stage
from redline.results import Provenance
from redline.rng import chunk_ranges
from redline.scenario import Scenario, check_scenario, scenario_hash
from redline.serialize import to_jsonable
from redline.stats import interval, wilson
from redline.store import Store
from redline.summary import read_summary
from redline.tally import ChunkTally, RunTally, tally_chunk, tally_values
from redline.tasks import Task, run_chunk, task_seed

__all__ = [
    "Plan",
    "RunResult",
    "Task",
    "execute",
    "interval",
    "local_cluster",
    "prepare",
    "run_chunk",
    "run_scenario",
    "task_seed",
    "wilson",
]


SAVE_SECONDS = 5.0
"""Finished chunks are checkpointed together, one store transaction at most this often (a transaction
costs about 50 ms of CPU: one per 4096-draw chunk would dominate a long run, one a second was still 5 %
of a 10**6-draw run). A run killed between two saves redoes the unsaved chunks (at most this many
seconds of work) on ``--resume``; none is lost or counted twice."""


# ------------------------------------------------------------------------------------------ plan
@dataclass
class Plan:
    """A prepared run: the scenario, its coded inputs, the exact answers and the Monte Carlo tasks."""

    scenario: Scenario
    seed: int
    draws: int
    chunk_size: int
    tasks: tuple[Task, ...]
    exact: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    hash: str = ""
    """:func:`~redline.scenario.scenario_hash` of the scenario and every file it names, taken when the
    plan was prepared (so a file changed afterwards cannot slip into a resumed run)."""

    def __post_init__(self) -> None:
        if not self.hash:
            base_dir = Path(self.source).parent if self.source else None
            self.hash = scenario_hash(self.scenario, base_dir)


def prepare(
    scenario: Scenario,
    *,
    draws: int | None = None,
    seed: int | None = None,
    chunk_size: int | None = None,
    source: str | Path = "",
) -> Plan:
    """Code the issues from the World and build the exact answers and Monte Carlo tasks."""
    from redline import adapters

    draws = scenario.run.draws if draws is None else draws
    seed = scenario.run.seed if seed is None else seed
    chunk_size = scenario.run.chunk_size if chunk_size is None else chunk_size
    if draws < 1:
        raise RedlineError(f"draws: expected an integer >= 1, found {draws}")
    if seed < 0:
        raise RedlineError(f"seed: expected an integer >= 0, found {seed}")
    if chunk_size < 1:
        raise RedlineError(f"chunk size: expected an integer >= 1, found {chunk_size}")
    if source:
        base_dir = Path(source).parent
    else:  # a scenario read from a file names its files relative to that file
        base_dir = scenario._base_dir if scenario._base_dir is not None else Path.cwd()
    check_scenario(scenario, base_dir, str(source))  # a hand-built scenario gets the file checks
    try:
        with stage("coding the World and computing the exact answers (a first run compiles the kernels)"):
            exact, tasks, context = adapters.build(scenario, base_dir=base_dir, draws=draws, seed=seed)
    except RedlineError as exc:
        raise RedlineError(f"{source}: {exc}" if source else str(exc)) from None
    inputs_hash = scenario_hash(scenario, base_dir)
    return Plan(scenario, seed, draws, chunk_size, tuple(tasks), exact, context, str(source), inputs_hash)


# ------------------------------------------------------------------------------------------ execution
@dataclass
class RunResult:
    """A finished run. Follows the result protocol (:mod:`redline.results`), except that ``summary``
    is the ``summary.json`` dict itself (an attribute, not a method).

    ``draws`` (question -> every draw) is filled only when the run was made with ``keep_draws``;
    ``tallies`` always holds the merged streaming tallies the summary was made from.
    """

    run_id: str
    summary: dict[str, Any]
    rows: pd.DataFrame
    draws: dict[str, np.ndarray]
    plan: Plan
    tallies: RunTally | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per question: mean and 95% interval (the store's ``summaries`` table)."""
        return self.rows

    def to_dict(self) -> dict[str, Any]:
        """The ``summary.json`` of the run."""
        return self.summary

    @property
    def provenance(self) -> Provenance:
        run = self.summary.get("run", {})
        return Provenance(
            seed=self.plan.seed,
            package_version=str(run.get("package_version", __version__)),
            data_snapshot=str(run.get("data_version", "unknown")),
            inputs_hash=self.plan.hash,
        )


def _data_version() -> str:
    try:
        from redline.data import snapshot_version

        return str(snapshot_version())
    except Exception:  # noqa: BLE001 - provenance must not stop a run
        return "unknown"


def local_cluster(workers: int) -> Any:
    """A ``dask.distributed.LocalCluster`` of ``workers`` processes, one thread each, for a run.

    Its workers start without the ``MALLOC_TRIM_THRESHOLD_=65536`` that Dask puts in a worker's
    environment by default (``distributed.nanny.pre-spawn-environ``): setting it fixes glibc's mmap
    threshold at 128 KB, so every temporary array of a block of draws (4096 x 33 floats = 1 MB) is
    mapped and unmapped afresh. On nato-2024 a 65,536-draw chunk then took 2.75 CPU-s on a worker
    (0.73 M page faults) against 2.29 (0.17 M) without it (3 Dec 2026, load 5.5); in one process, 3
    chunks took 8.1 CPU-s with the variable set and 5.5 without. Memory stays bounded either way: a
    chunk's arrays are freed when it ends. A cluster started with Dask's default configuration
    leaves the variable in this process's own environment, which workers inherit: it is left out
    while these workers start.
    """
    import os

    import dask
    from dask.distributed import LocalCluster

    inherited = os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    finally:
        if inherited is not None:
            os.environ["MALLOC_TRIM_THRESHOLD_"] = inherited


def _client(cluster: Any):
    """A ``dask.distributed.Client`` for ``cluster`` and whether the run owns it (closes it at the end).

    ``cluster`` is a Client, a scheduler address, or ``local:N`` (N worker processes on this machine,
    one thread each, started for the run and stopped after it).
    """
    if cluster is None or not isinstance(cluster, str):
        return cluster, False
    try:
        from dask.distributed import Client
    except ImportError:
        raise RedlineError("--cluster needs dask.distributed: pip install 'redline[cluster]'") from None
    if cluster == "local" or cluster.startswith("local:"):
        count = cluster.partition(":")[2] or "2"
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise RedlineError(f"--cluster {cluster}: expected local:N with N workers from 1 to 256; found {count!r}")
        local = local_cluster(int(count))
        client = Client(local)
        client._redline_cluster = local  # closed with the client
        return client, True
    try:
        return Client(cluster, timeout="5s"), True
    except OSError as exc:
        raise RedlineError(f"cannot reach the Dask scheduler at {cluster!r} ({exc})") from None


def _close(client: Any) -> None:
    local = getattr(client, "_redline_cluster", None)
    client.close()
    if local is not None:
        local.close()


def execute(
    plan: Plan,
    store: Store | None = None,
    *,
    run_id: str | None = None,
    resume: str | None = None,
    cluster: Any = None,
    progress: bool = False,
    on_chunk: Callable[[int, int], None] | None = None,
    keep_draws: bool = False,
) -> RunResult:
    """Run every chunk of ``plan`` (skipping chunks already stored when resuming) and summarise.

    ``cluster`` is a scheduler address or a ``dask.distributed.Client``; ``on_chunk(start, stop)`` is
    called after each chunk is stored (chunks are stored together at most :data:`SAVE_SECONDS`
    apart; tests use it to interrupt a run). ``keep_draws`` keeps every
    draw in ``RunResult.draws`` and in the store's ``draws`` table (memory and store grow with the
    draws); the summary is the same either way.
    """
    ranges = chunk_ranges(plan.draws, plan.chunk_size)
    tally = RunTally(plan.tasks)
    done: set[int] = set()
    if resume:
        if store is None:
            raise RedlineError("resume needs a results store")
        record = store.run(resume)
        run_id = record["run_id"]
        if record["status"] == "finished":
            raise RedlineError(f"run {run_id} is already finished; nothing to resume")
        if (
            record["scenario_hash"] != plan.hash
            or int(record["draws"]) != plan.draws
            or int(record["seed"]) != plan.seed
        ):
            raise RedlineError(
                f"run {run_id} was made with another scenario (or another version of a file it names: "
                "ladder, case files), seed or number of draws; it cannot be resumed with these"
            )
        if str(record.get("data_version")) != _data_version():
            raise RedlineError(
                f"run {run_id} was made with data snapshot {record.get('data_version')}, not "
                f"{_data_version()}; it cannot be resumed with other data"
            )
        if int(record["chunk_size"]) != plan.chunk_size:
            ranges = chunk_ranges(plan.draws, int(record["chunk_size"]))
        done = store.done_chunks(run_id)
        _tally_stored(tally, store, run_id, done, dict(ranges), plan.tasks)
    # connect before the run is recorded: an unreachable scheduler leaves nothing in the store
    client, own_client = _client(cluster)
    if not resume:
        run_id = run_id or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        if store is not None:
            store.start_run(
                run_id,
                scenario_name=plan.scenario.scenario.name,
                scenario_path=plan.source,
                scenario_hash=plan.hash,
                seed=plan.seed,
                draws=plan.draws,
                chunk_size=plan.chunk_size,
                package_version=__version__,
                data_version=_data_version(),
            )
    todo = [r for r in ranges if r[0] not in done]
    started = dt.datetime.now(dt.UTC)
    collected: dict[int, dict[str, np.ndarray]] = {}
    bar = _progress(progress, len(todo))
    monte_carlo = stage(f"Monte Carlo: {sum(b - a for a, b in todo):,} draws in {len(todo)} chunk(s)")
    monte_carlo.__enter__()
    try:
        if client is None:
            results = ((r, tally_chunk(plan.tasks, plan.seed, *r, keep_draws)) for r in todo)
        else:
            results = _dask_results(client, plan, todo, keep_draws)
        unsaved: list[tuple[int, int, ChunkTally, dict[str, np.ndarray] | None]] = []
        saved_at = time.monotonic()
        for index, ((start, stop), (chunk, values)) in enumerate(results, 1):
            unsaved.append((start, stop, chunk, values))
            if store is not None and index < len(todo) and time.monotonic() - saved_at < SAVE_SECONDS:
                continue  # checkpoints are saved together, at most SAVE_SECONDS apart
            if store is not None:
                store.write_chunks(run_id, unsaved)
                saved_at = time.monotonic()
            for start_, stop_, chunk_, values_ in unsaved:
                if store is None and values_ is not None:
                    collected[start_] = values_
                tally.add(chunk_)
                if bar is not None:
                    bar.advance()
                if on_chunk is not None:
                    on_chunk(start_, stop_)
            unsaved.clear()
    except BaseException:
        if store is not None:
            store.fail_run(run_id)
        raise
    finally:
        if bar is not None:
            bar.stop()
        if own_client:
            _close(client)
    monte_carlo.__exit__(None, None, None)
    draws: dict[str, np.ndarray] = {}
    if keep_draws and store is not None:
        draws = store.read_draws(run_id)
    elif keep_draws:
        keys = dict.fromkeys(key for part in collected.values() for key in part)
        draws = {
            key: np.concatenate([collected[s][key] for s in sorted(collected) if key in collected[s]])
            for key in keys
        }
    try:
        tally.check_complete()
        with stage("summarising the draws"):
            summary, rows = summarise(plan, tally, run_id, started)
        if store is not None:
            store.finish_run(run_id, summary, rows)
    except BaseException:
        if store is not None:  # the stored chunks stay: the run is resumable once the cause is fixed
            store.fail_run(run_id)
        raise
    return RunResult(run_id, summary, rows, draws, plan, tally)


def _tally_stored(
    tally: RunTally,
    store: Store,
    run_id: str,
    done: set[int],
    stops: dict[int, int],
    tasks: tuple[Task, ...],
) -> None:
    """Merge the tallies of the chunks a resumed run already stored (a chunk stored by a version that
    kept draws but no tallies is tallied from its draws)."""
    stored = store.read_tallies(run_id)
    for start in sorted(done):
        if start in stored:
            tally.add(ChunkTally.from_bytes(stored[start]))
        else:
            stop = stops.get(start, start)
            tally.add(tally_values(start, stop, store.read_draws(run_id, start, stop), tasks))


def _dask_results(client: Any, plan: Plan, todo: list[tuple[int, int]], keep_draws: bool = False):
    """Chunks tallied on the workers, as they finish (the run merges them in block order).

    At most a few chunks per worker are in flight: submitting every chunk of a long run at once
    would hold all their futures (and finished tallies) in the scheduler.
    """
    from dask.distributed import as_completed

    tasks = client.scatter(plan.tasks, broadcast=True) if len(todo) > 1 else plan.tasks
    window = max(4, 4 * len(client.scheduler_info().get("workers", {})))
    pending = iter(todo)

    def submit(a: int, b: int):
        future = client.submit(tally_chunk, tasks, plan.seed, a, b, keep_draws, pure=False)
        where[future] = (a, b)
        return future

    where: dict[Any, tuple[int, int]] = {}
    running = as_completed([submit(a, b) for a, b in itertools.islice(pending, window)])
    for future in running:
        result = future.result()
        yield where.pop(future), result
        following = next(pending, None)
        if following is not None:
            running.add(submit(*following))


class _Bar:
    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from redline.console import console

        self.progress = Progress(
            TextColumn("Monte Carlo chunks"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("run", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def _progress(enabled: bool, total: int) -> _Bar | None:
    return _Bar(total) if enabled and total > 1 else None


# ------------------------------------------------------------------------------------------ summary
def summarise(
    plan: Plan, tally: RunTally, run_id: str, started: dt.datetime
) -> tuple[dict[str, Any], pd.DataFrame]:
    """The summary JSON (exact answers + Monte Carlo statistics + provenance) and the long rows,
    from the run's merged tallies (:class:`redline.tally.RunTally`)."""
    from redline import adapters

    stats = tally.stats()
    rows = pd.DataFrame(
        [
            {"question": q, "statistic": "mean", "value": s["mean"], "lo": s["lo"], "hi": s["hi"]}
            for q, s in stats.items()
        ],
        columns=["question", "statistic", "value", "lo", "hi"],
    )
    summary = {
        "run": {
            "run_id": run_id,
            "scenario": plan.scenario.scenario.name,
            "title": plan.scenario.scenario.title,
            "scenario_file": plan.source,
            "scenario_hash": plan.hash,
            "seed": plan.seed,
            "draws": plan.draws,
            "chunk_size": plan.chunk_size,
            "package_version": __version__,
            "data_version": _data_version(),
            "started": started.isoformat(timespec="seconds"),
        },
        "provenance": plan.context.get("provenance", {}),
    }
    summary.update(adapters.summarise(plan.exact, stats, tally))
    summary = to_jsonable(summary)
    read_summary(summary, where="summary of the run")  # the typed schema of summary.json
    return summary, rows


def run_scenario(
    scenario: Scenario,
    *,
    draws: int | None = None,
    seed: int | None = None,
    chunk_size: int | None = None,
    store: Store | None = None,
    source: str | Path = "",
    cluster: Any = None,
    progress: bool = False,
) -> RunResult:
    """Prepare and execute ``scenario`` in one call (what ``redline run`` does before the report)."""
    plan = prepare(scenario, draws=draws, seed=seed, chunk_size=chunk_size, source=source)
    return execute(plan, store, cluster=cluster, progress=progress)
