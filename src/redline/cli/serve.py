"""``redline serve``: the web dashboard over the same scenario engine and results store."""

from __future__ import annotations

from pathlib import Path

import typer

from redline.errors import RedlineError

__all__ = ["register", "serve"]


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    store: Path = typer.Option(Path("redline.duckdb"), "--store", help="DuckDB results store (shared with the CLI)."),
    data_dir: Path = typer.Option(Path("redline-web"), "--data-dir", help="Folder for reports and uploads."),
    scenarios: Path | None = typer.Option(
        None, "--scenarios", help="Folder of scenarios to offer (default: ./scenarios, else the repository's)."
    ),
) -> None:
    """Serve the dashboard: pick or upload a scenario, move levers, run, read and compare the answers.

    Example: redline serve --port 8000   (then open http://127.0.0.1:8000)
    """
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - uvicorn is a dependency
        raise RedlineError("redline serve needs uvicorn: pip install uvicorn") from None
    from redline.web import create_app

    if store.is_dir():
        raise RedlineError(f"--store {store}: expected a results store file; found a directory")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RedlineError(f"--data-dir {data_dir}: cannot create it ({exc})") from None
    app = create_app(store=store, data_dir=data_dir, scenarios_dir=scenarios)
    typer.echo(f"Redline dashboard on http://{host}:{port}  (store {store}; Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
