"""Background runs for the dashboard: one worker thread, live progress, results in the shared store.

A run is prepared (coding the World, the exact answers), executed chunk by chunk into the DuckDB store
exactly as ``redline run`` does, and its report written to the app's data folder. Runs go one at a
time (the store takes one writer); the others wait in the queue. Progress is the share of chunks done.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.errors import RedlineError, as_user_error

__all__ = ["Job", "JobQueue", "new_run_id"]


def new_run_id() -> str:
    """A run id in the CLI's format: UTC time stamp and six hex digits."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@dataclass
class Job:
    """One submitted run and where it is."""

    run_id: str
    scenario: str
    draws: int
    status: str = "queued"  # queued | preparing | running | finished | failed
    chunks_done: int = 0
    chunks_total: int = 0
    error: str | None = None
    submitted: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        progress = self.chunks_done / self.chunks_total if self.chunks_total else 0.0
        if self.status == "finished":
            progress = 1.0
        return {
            "run_id": self.run_id,
            "scenario": self.scenario,
            "draws": self.draws,
            "status": self.status,
            "progress": round(progress, 4),
            "chunks_done": self.chunks_done,
            "chunks_total": self.chunks_total,
            "error": self.error,
            "seconds": round((self.finished or time.time()) - self.submitted, 3),
        }


class JobQueue:
    """Runs scenarios in the background, one at a time, into ``store_path``; reports in ``runs_dir``."""

    def __init__(self, store_path: Path, runs_dir: Path):
        self.store_path = store_path
        self.runs_dir = runs_dir
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redline-run")

    def submit(self, scenario: Any, *, source: Path, draws: int, seed: int) -> Job:
        job = Job(run_id=new_run_id(), scenario=scenario.scenario.name, draws=draws)
        with self._lock:
            self.jobs[job.run_id] = job
        self._pool.submit(self._run, job, scenario, source, draws, seed)
        return job

    def get(self, run_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(run_id)

    def _run(self, job: Job, scenario: Any, source: Path, draws: int, seed: int) -> None:
        from redline.report import write_report
        from redline.rng import chunk_ranges
        from redline.runner import execute, prepare
        from redline.store import Store

        try:
            job.status = "preparing"
            plan = prepare(scenario, draws=draws, seed=seed, source=source)
            job.chunks_total = len(chunk_ranges(plan.draws, plan.chunk_size))
            job.status = "running"

            def on_chunk(start: int, stop: int) -> None:
                job.chunks_done += 1

            with Store(self.store_path) as store:
                store.run_lock(wait=3600)
                result = execute(plan, store, run_id=job.run_id, on_chunk=on_chunk)
            write_report(result.summary, self.runs_dir / job.run_id / "report.html", plan=plan)
            job.status = "finished"
        except Exception as exc:  # noqa: BLE001 - a failed run is reported on its page, never lost silently
            error = as_user_error(exc) or RedlineError(f"internal error: {type(exc).__name__}: {exc}")
            job.error = str(error)
            job.status = "failed"
        finally:
            job.finished = time.time()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
