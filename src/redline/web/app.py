"""The dashboard's FastAPI app: JSON API under ``/api/``, one page, every asset served locally.

Safety: the app binds to loopback unless told otherwise (``redline serve``); uploads are parsed as TOML,
never executed, and may not name other files; no request path reaches the file system outside the
app's data folder (shipped scenarios are looked up by name, runs by a checked id); CORS is closed (no
CORS headers are sent); request bodies and runs have size limits answered with a clear 4xx.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from redline.errors import RedlineError, as_user_error
from redline.web.edits import ScenarioEdits, apply_edits, file_references
from redline.web.jobs import JobQueue

__all__ = ["create_app", "LIMITS"]

STATIC = Path(__file__).parent / "static"
REPOSITORY_SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"

LIMITS = {"upload_bytes": 256 * 1024, "body_bytes": 512 * 1024, "draws": 200_000, "uploads": 200}
_RUN_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,63}$")
_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$")


class RunRequest(BaseModel):
    """``POST /api/runs``: a shipped scenario (by name) or an uploaded one (by id), edits, draws, seed."""

    model_config = ConfigDict(extra="forbid")
    scenario: str | None = Field(default=None, max_length=64, description="a shipped scenario's name")
    upload: str | None = Field(default=None, max_length=64, description="an id from POST /api/scenarios")
    draws: int | None = Field(default=None, ge=1, le=LIMITS["draws"])
    seed: int | None = Field(default=None, ge=0, le=2**64 - 1)
    edits: ScenarioEdits = Field(default_factory=ScenarioEdits)


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "problems": message.splitlines()}, status_code=status)


def create_app(
    store: str | Path = "redline.duckdb",
    data_dir: str | Path = "redline-web",
    scenarios_dir: str | Path | None = None,
    max_draws: int = LIMITS["draws"],
) -> FastAPI:
    """The dashboard over the results store ``store``; reports and uploads go to ``data_dir``.

    ``max_draws`` caps the draws of a run started from the dashboard (a 422 above it).
    """
    store_path = Path(store)
    data = Path(data_dir)
    runs_dir = data / "runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    shipped_dir = Path(scenarios_dir) if scenarios_dir else (
        Path("scenarios") if Path("scenarios").is_dir() else REPOSITORY_SCENARIOS
    )
    shipped = {p.stem: p.resolve() for p in sorted(shipped_dir.glob("*.toml"))} if shipped_dir.is_dir() else {}
    uploads: dict[str, str] = {}
    queue = JobQueue(store_path, runs_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        queue.shutdown()

    app = FastAPI(
        title="Redline dashboard",
        version=_version(),
        description="Run Redline scenarios, move levers, read the answers; the same engine and store as the CLI.",
        lifespan=lifespan,
    )
    app.state.queue = queue

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > LIMITS["body_bytes"]):
            return _problem(413, f"request body: expected at most {LIMITS['body_bytes']:,} bytes; found {size}")
        return await call_next(request)

    @app.exception_handler(RedlineError)
    async def redline_error(request: Request, exc: RedlineError):
        return _problem(422, str(exc))

    # ------------------------------------------------------------------ pages and assets
    index = (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
    async def page(run_id: str | None = None) -> HTMLResponse:
        return HTMLResponse(index)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        if name == "plotly.min.js":
            return FileResponse(_plotly_js(), media_type="text/javascript")
        files = {p.name: p for p in STATIC.iterdir() if p.is_file()}
        if name not in files:
            raise HTTPException(404, f"no asset {name!r}")
        return FileResponse(files[name])

    # ------------------------------------------------------------------ scenarios
    shipped_info = [_scenario_info(name, path.read_text(encoding="utf-8")) for name, path in shipped.items()]

    @app.get("/api/scenarios")
    async def list_scenarios() -> dict[str, Any]:
        """The shipped scenarios (by name) and the uploaded ones (by id)."""
        return {"shipped": shipped_info, "uploaded": sorted(uploads)}

    @app.get("/api/scenarios/{name}")
    async def get_scenario(name: str) -> dict[str, Any]:
        """A scenario's text and the inputs the forms can edit."""
        text, source = _text_of(name, None)
        return {**_scenario_info(name, text), "text": text, "source": str(source.name)}

    @app.post("/api/scenarios", status_code=201)
    async def upload_scenario(file: UploadFile = File(...)) -> dict[str, Any]:
        """Validate an uploaded scenario file (TOML, at most 256 KB, naming no other files)."""
        raw = await file.read(LIMITS["upload_bytes"] + 1)
        if len(raw) > LIMITS["upload_bytes"]:
            raise HTTPException(413, f"upload: expected at most {LIMITS['upload_bytes']:,} bytes")
        name = Path(file.filename or "upload.toml").name
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RedlineError(f"{name}: expected a UTF-8 text file; {exc.reason} at byte {exc.start}") from None
        refs = file_references(_toml(text, name))
        if refs:  # checked before parsing: validation would read the files it names
            raise RedlineError(
                f"{name}: {', '.join(refs)}: an uploaded scenario cannot name other files; "
                "inline the ladder ([escalation.ladder]) and the issues"
            )
        scenario = _parse(text, name)
        upload_id = hashlib.sha256(raw).hexdigest()[:16]
        if len(uploads) >= LIMITS["uploads"] and upload_id not in uploads:
            raise HTTPException(429, f"uploads: at most {LIMITS['uploads']} kept; restart the server to clear them")
        uploads[upload_id] = text
        return {"upload": upload_id, "valid": True, **_scenario_info(scenario.scenario.name, text)}

    @app.post("/api/validate")
    async def validate(request: RunRequest) -> dict[str, Any]:
        """Apply the edits and validate, without running (the same messages as ``redline validate``)."""
        scenario, _ = _edited(request)
        return {"valid": True, "name": scenario.scenario.name, "issues": len(scenario.issues)}

    # ------------------------------------------------------------------ runs
    @app.post("/api/runs", status_code=202)
    async def start_run(request: RunRequest) -> dict[str, Any]:
        """Start a run in the background; poll ``GET /api/runs/{run_id}`` for progress and the answers."""
        scenario, source = _edited(request)
        draws = request.draws or scenario.run.draws
        if draws > max_draws:
            raise RedlineError(f"draws: expected at most {max_draws:,} in the dashboard; found {draws:,}")
        seed = scenario.run.seed if request.seed is None else request.seed
        job = queue.submit(scenario, source=source, draws=draws, seed=seed)
        return job.to_dict()

    @app.get("/api/runs")
    async def list_runs() -> dict[str, Any]:
        """Stored runs (newest first) and the dashboard's own queue."""
        stored = _store_runs(store_path)
        return {"runs": stored, "jobs": [job.to_dict() for job in queue.jobs.values()]}

    @app.get("/api/runs/{run_id}")
    async def get_run(run_id: str) -> Response:
        """A run's status and, once finished, its summary (the same JSON as ``redline show --format json``)."""
        _check_id(run_id)
        job = queue.get(run_id)
        if job is not None and job.status != "finished":
            return JSONResponse({**job.to_dict(), "summary": None})
        record = _store_record(store_path, run_id)
        if "_json" in record:  # a finished run, serialised once
            return Response(record["_json"], media_type="application/json")
        return JSONResponse(_run_body(record))

    @app.get("/api/runs/{run_id}/report.html", response_class=HTMLResponse)
    async def run_report(run_id: str) -> FileResponse:
        """The offline HTML report of a finished run (written on first request for CLI runs)."""
        _check_id(run_id)
        record = _store_record(store_path, run_id)
        if record["summary"] is None:
            raise HTTPException(409, f"run {run_id} has status {record['status']}: no report yet")
        path = runs_dir / record["run_id"] / "report.html"
        if not path.is_file():
            from redline.report import write_report

            write_report(record["summary"], path)
        return FileResponse(path, media_type="text/html")

    @app.get("/api/runs/{run_id}/tables")
    async def run_tables(run_id: str) -> dict[str, Any]:
        """The names of the run's tables (each downloadable as CSV)."""
        _check_id(run_id)
        return {"tables": sorted(_tables(_finished_summary(store_path, run_id)))}

    @app.get("/api/runs/{run_id}/tables/{name}.csv")
    async def run_table_csv(run_id: str, name: str) -> Response:
        """One table of a run's summary as CSV."""
        _check_id(run_id)
        tables = _tables(_finished_summary(store_path, run_id))
        if name not in tables:
            raise HTTPException(404, f"no table {name!r}; tables: {', '.join(sorted(tables))}")
        import pandas as pd

        buffer = io.StringIO()
        pd.DataFrame(tables[name]).to_csv(buffer, index=False)
        return Response(
            buffer.getvalue(),
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{run_id}-{name}.csv"'},
        )

    @app.get("/api/compare")
    async def compare(a: str, b: str) -> dict[str, Any]:
        """Differences per question between two stored runs (B − A), with the ``compare`` intervals."""
        for run_id in (a, b):
            _check_id(run_id)
        from redline.compare import compare_rows

        rows = compare_rows(_finished_summary(store_path, a), _finished_summary(store_path, b))
        return {"a": a, "b": b, "rows": rows}

    # ------------------------------------------------------------------ helpers (closures over state)
    def _text_of(name: str | None, upload: str | None) -> tuple[str, Path]:
        if upload is not None:
            if upload not in uploads:
                raise HTTPException(404, f"no uploaded scenario {upload!r}; upload it with POST /api/scenarios")
            # relative paths of an upload resolve inside the data folder (and uploads may name none)
            return uploads[upload], (data / "uploads" / f"{upload}.toml").resolve()
        if name is None or name not in shipped:
            raise HTTPException(404, f"no scenario {name!r}; shipped: {', '.join(shipped) or 'none'}")
        return shipped[name].read_text(encoding="utf-8"), shipped[name]

    def _edited(request: RunRequest):
        if (request.scenario is None) == (request.upload is None):
            raise RedlineError("expected exactly one of scenario (a shipped name) or upload (an id)")
        text, source = _text_of(request.scenario, request.upload)
        edited = apply_edits(text, request.edits, source.name)
        if request.upload is not None and file_references(_toml(edited, source.name)):
            raise RedlineError(f"{source.name}: an uploaded scenario cannot name other files")
        return _parse(edited, source.name if request.upload is not None else str(source)), source

    return app


# ---------------------------------------------------------------------------------------- helpers
def _version() -> str:
    from redline import __version__

    return __version__


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _toml(text: str, name: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise RedlineError(f"{name}: expected a TOML file; {exc}") from None


def _parse(text: str, source: str):
    """Validate scenario text; ``source`` names it in messages, and its folder resolves relative files."""
    from redline.scenario import parse_scenario

    try:
        return parse_scenario(text, source=source)
    except RedlineError:
        raise
    except Exception as exc:  # noqa: BLE001 - user text must give a message, never a 500
        error = as_user_error(exc)
        if error is None:
            raise
        raise RedlineError(f"{source}: {error}") from None


def _scenario_info(name: str, text: str) -> dict[str, Any]:
    """What the forms show: issues (id, title, rule, actors' overrides), levers, deterrence parameters."""
    try:
        table = _toml(text, name)
    except RedlineError:
        table = {}
    meta = table.get("scenario", {}) if isinstance(table.get("scenario"), dict) else {}
    issues = [
        {"id": i.get("id"), "title": i.get("title") or i.get("id"), "rule": i.get("rule", ""), "body": i.get("body", "")}
        for i in table.get("issues") or []
        if isinstance(i, dict)
    ]
    deterrence = table.get("deterrence", {}) if isinstance(table.get("deterrence"), dict) else {}
    levers = table.get("levers", {}) if isinstance(table.get("levers"), dict) else {}
    return {
        "name": name,
        "title": meta.get("title", name),
        "issues": issues,
        "levers": levers.get("compare", []),
        "deterrence_params": deterrence.get("params", {}),
        "draws": (table.get("run") or {}).get("draws"),
        "seed": (table.get("run") or {}).get("seed"),
    }


def _check_id(run_id: str) -> None:
    if not _RUN_ID.match(run_id):
        raise HTTPException(404, f"no run {run_id!r}: a run id has letters, digits and '-'")


def _store_runs(store_path: Path) -> list[dict[str, Any]]:
    from redline.store import Store

    if not store_path.exists():
        return []
    frame = Store(store_path).runs()
    return json.loads(frame.to_json(orient="records"))


def _run_body(record: dict[str, Any]) -> dict[str, Any]:
    """``GET /api/runs/{run_id}`` of a stored run."""
    return {
        "run_id": record["run_id"],
        "scenario": record["scenario_name"],
        "status": record["status"],
        "progress": 1.0 if record["status"] == "finished" else None,
        "draws": int(record["draws"]),
        "seed": int(record["seed"]),
        "summary": record["summary"],
        "deterrence_view": deterrence_view(record["summary"]),
    }


def deterrence_view(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the page prints of a run's deterrence, in the words of :mod:`redline.deterrence.link` (so
    the page keeps no second copy): the labels, the link's source, and per base target the share of
    the assumption draws in which attack pays and the annual P(attack), as text. None without targets."""
    from redline.deterrence.link import (
        ANNUAL_NAME,
        SHARE_COLUMN,
        SHARE_NAME,
        annual_text,
        knife_edge,
        share_text,
        source_text,
    )

    det = (summary or {}).get("deterrence") or {}
    rows = [r for r in det.get("table") or [] if r.get("lever", "base") == "base"]
    if not rows:
        return None
    linked = "link" in det  # runs stored before the link (session 7) have none: said, never guessed
    source = source_text(det["link"]) if linked else f"no {ANNUAL_NAME} in this run (stored before the link); run it again"
    return {
        "labels": {"share": SHARE_NAME, "share_column": SHARE_COLUMN, "annual": ANNUAL_NAME},
        "source": source,
        "targets": {
            r["target"]: {
                "share": None if r.get("p_failure") is None else share_text(r["p_failure"]),
                "knife_edge": knife_edge(r.get("p_failure")),
                "annual": annual_text(r.get("p_attack_year")),
            }
            for r in rows
        },
    }


# Finished runs never change: their records are kept in memory once read (the busiest reads).
_FINISHED: dict[tuple[str, str], dict[str, Any]] = {}
_FINISHED_MAX = 256


def _store_record(store_path: Path, run_id: str) -> dict[str, Any]:
    from redline.store import Store

    key = (str(store_path.resolve()), run_id)
    if key in _FINISHED:
        return _FINISHED[key]
    if not store_path.exists():
        raise HTTPException(404, f"no run {run_id!r}: the store is empty")
    try:
        record = Store(store_path).run(run_id)
    except RedlineError as exc:
        raise HTTPException(404, str(exc)) from None
    if record["status"] == "finished" and record["run_id"] == run_id:
        if len(_FINISHED) >= _FINISHED_MAX:
            _FINISHED.pop(next(iter(_FINISHED)))
        record["_json"] = json.dumps(_run_body(record), allow_nan=False, default=str).encode()
        _FINISHED[key] = record
    return record


def _finished_summary(store_path: Path, run_id: str) -> dict[str, Any]:
    record = _store_record(store_path, run_id)
    if record["summary"] is None:
        raise HTTPException(409, f"run {run_id} has status {record['status']}: no summary yet")
    return record["summary"]


def _tables(summary: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every list of records in a summary, by a dotted name (headlines, deterrence.table, …)."""
    found: dict[str, list[dict[str, Any]]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if all(not isinstance(x, dict | list) for v in value for x in v.values()):
                found[path] = value
                return
            for i, v in enumerate(value):
                key = v.get("id") or v.get("target") or str(i)
                walk(v, f"{path}.{key}")
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else str(k))

    walk(summary, "")
    return {re.sub(r"[^0-9A-Za-z_.-]", "_", k): v for k, v in found.items() if _NAME.match(re.sub(r"[^0-9A-Za-z_.-]", "_", k))}
