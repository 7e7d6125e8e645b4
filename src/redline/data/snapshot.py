"""Snapshot folders: the versioned set of tables that every loader reads.

A snapshot is a folder of CSV files (one per table) plus ``manifest.json`` (rows, years, file hashes,
provenance, version). The version is the first 12 hex digits of a SHA-256 over the table files, so
the same data always gives the same version, and a scenario can cite it.

Which snapshot is read:

1. the folder passed explicitly (``snapshot=`` arguments, ``--snapshot`` CLI option);
2. else the folder in the environment variable ``REDLINE_SNAPSHOT``;
3. else the snapshot bundled inside the package (read-only, built from ``data/sources/``).

Refreshed snapshots are written to ``--snapshot-dir`` or, by default, under the user data folder
(``$REDLINE_DATA_DIR``, else ``$XDG_DATA_HOME/redline``, else ``~/.local/share/redline``) in
``snapshots/<version>/``; they are never written into the installed package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from redline.data.schemas import SCHEMAS, validate
from redline.errors import RedlineError

__all__ = [
    "PACKAGE_SNAPSHOT",
    "ENV_SNAPSHOT",
    "active_snapshot_dir",
    "user_data_dir",
    "read_manifest",
    "read_table",
    "write_snapshot",
    "table_hash",
]

PACKAGE_SNAPSHOT = Path(__file__).resolve().parent / "snapshot"
ENV_SNAPSHOT = "REDLINE_SNAPSHOT"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def user_data_dir() -> Path:
    """Where refreshed snapshots go by default (never the installed package)."""
    if os.environ.get("REDLINE_DATA_DIR"):
        return Path(os.environ["REDLINE_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "redline"


def active_snapshot_dir(snapshot: str | Path | None = None) -> Path:
    """The snapshot folder to read: explicit argument, else ``$REDLINE_SNAPSHOT``, else the bundled one."""
    chosen = snapshot if snapshot is not None else os.environ.get(ENV_SNAPSHOT) or None
    path = Path(chosen).expanduser() if chosen is not None else PACKAGE_SNAPSHOT
    if not (path / MANIFEST).is_file():
        source = (
            "argument" if snapshot is not None else (f"${ENV_SNAPSHOT}" if chosen else "bundled snapshot")
        )
        raise RedlineError(
            f"{path}: not a Redline snapshot folder (no {MANIFEST}; from {source}); "
            "expected a folder written by `python -m redline.data.build` or `redline data refresh`"
        )
    return path.resolve()


@lru_cache(maxsize=16)
def _manifest(path: str, mtime: float) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RedlineError(f"{path}: unreadable snapshot manifest ({exc})") from None


def read_manifest(folder: Path) -> dict:
    """The parsed ``manifest.json`` of a snapshot folder (cached until the file changes)."""
    path = Path(folder) / MANIFEST
    return _manifest(str(path), path.stat().st_mtime)


@lru_cache(maxsize=64)
def _table(path: str, mtime: float, name: str) -> pd.DataFrame:
    """The validated table, once per process, and across processes through the disk cache
    (:mod:`redline.cache`, keyed by the file's SHA-256 and the package's code, the schemas among it):
    validating every table costs ≈ 1 CPU-s, reading a validated one back ≈ 1 ms."""
    from redline.cache import cached

    data = Path(path).read_bytes()
    inputs = {"table": name, "sha256": hashlib.sha256(data).hexdigest()}
    return cached("table", inputs, lambda: _validated(data, path, name))


def _validated(data: bytes, path: str, name: str) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    return validate(frame, name, origin=path)


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """Read and validate table ``name`` of a snapshot folder; a fresh copy on every call."""
    manifest = read_manifest(folder)
    tables = manifest.get("tables", {})
    if name not in tables:
        raise RedlineError(f"unknown table {name!r}; tables: {', '.join(tables)}")
    path = Path(folder) / tables[name]["file"]
    if not path.is_file():
        raise RedlineError(f"{path}: table file missing from snapshot {folder}")
    return _table(str(path), path.stat().st_mtime, name).copy()


def table_hash(path: Path) -> str:
    """SHA-256 of a table file, recorded in the manifest so a changed file is detected."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _years(frame: pd.DataFrame, name: str) -> list[int] | None:
    col = SCHEMAS[name].year_column
    if col is None:
        if "date" in frame.columns:
            years = pd.to_datetime(frame["date"]).dt.year
        elif "start_year" in frame.columns:
            years = frame["start_year"].dropna()
        else:
            return None
    else:
        years = frame[col]
    if len(years) == 0:
        return None
    return [int(years.min()), int(years.max())]


def _to_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write_snapshot(
    tables: dict[str, pd.DataFrame],
    out: Path,
    *,
    provenance: dict[str, dict],
    info: dict | None = None,
) -> str:
    """Validate ``tables`` and write them with a manifest into ``out``; returns the version.

    Everything is written to a temporary folder first and moved into place only when complete,
    so a failure never leaves a half-written snapshot.
    """
    out = Path(out)
    validated = {name: validate(frame, name) for name, frame in tables.items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".redline-snapshot-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp creates 0700; a snapshot is meant to be shared/read by others
    try:
        entries = {}
        digest = hashlib.sha256()
        for name in sorted(validated):
            frame = validated[name]
            file = f"{name}.csv"
            _to_csv(frame, tmp / file)
            sha = table_hash(tmp / file)
            digest.update(f"{name}:{sha}\n".encode())
            entries[name] = {"file": file, "rows": len(frame), "years": _years(frame, name), "sha256": sha}
        version = digest.hexdigest()[:12]
        manifest = {
            "format": FORMAT_VERSION,
            "version": version,
            "sha256": digest.hexdigest(),
            **(info or {}),
            "tables": {name: entries[name] for name in validated},
            "provenance": {name: provenance[name] for name in validated},
        }
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if out.exists():
            keep = [
                p for p in out.iterdir() if p.name not in {MANIFEST, *(e["file"] for e in entries.values())}
            ]
            if keep:
                raise RedlineError(
                    f"{out}: folder holds other files ({keep[0].name}); choose an empty folder"
                )
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return version


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
