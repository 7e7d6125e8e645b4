"""A disk cache for exact answers that cost seconds and depend only on hashable inputs.

An entry's key is a SHA-256 over everything the answer is computed from: the caller's inputs (as
canonical JSON), the contents of every file of the installed ``redline`` package (code, bundled data),
the contents of the data snapshot it reads, and the versions of the libraries that compute it. So a
changed input, an edited source file, another snapshot or an upgraded library is another key: an
entry is never stale, it is just not found. A miss computes the answer and stores it; an unreadable
entry is treated as a miss. Values are pickled; the folder is the user's own.

Where: ``$REDLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/redline``, else ``~/.cache/redline``.
``REDLINE_CACHE=off`` turns the cache off (every answer is computed).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "cached", "enabled", "package_digest", "snapshot_digest"]

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("numpy", "pandas", "scipy", "networkx", "numba")


def enabled() -> bool:
    """False when ``REDLINE_CACHE`` is ``off``/``0``/``false``/``no``."""
    return os.environ.get("REDLINE_CACHE", "on").strip().lower() not in ("off", "0", "false", "no")


def cache_dir() -> Path:
    """``$REDLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/redline``, else ``~/.cache/redline``."""
    if os.environ.get("REDLINE_CACHE_DIR"):
        return Path(os.environ["REDLINE_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "redline"


def _files(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``root`` (no bytecode or compiled-kernel caches): name, size, mtime."""
    found = []
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".nbi", ".nbc") or not path.is_file():
            continue
        stat = path.stat()
        found.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@lru_cache(maxsize=8)
def _tree_digest(root: Path, files: tuple[tuple[str, int, int], ...]) -> str:
    """SHA-256 over the names and contents of ``files`` (read again whenever a size or time changes)."""
    digest = hashlib.sha256()
    for name, _, _ in files:
        data = (root / name).read_bytes()
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def package_digest() -> str:
    """Digest of the contents of the ``redline`` package's files (code and bundled data), taken once
    per process: the code a process runs is the code it loaded (≈ 15 ms)."""
    return _tree_digest(PACKAGE, _files(PACKAGE))


def snapshot_digest(folder: Path) -> str:
    """Digest of the contents of a data snapshot folder's files (manifest and tables)."""
    folder = Path(folder).resolve()
    return _tree_digest(folder, _files(folder))


@lru_cache(maxsize=1)
def _library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def key_of(kind: str, inputs: dict[str, Any], *, snapshot: Path | None = None) -> str:
    """The entry key of ``inputs`` for ``kind``: inputs, package, library versions and, when the
    answer reads a data snapshot, the contents of that ``snapshot`` folder."""
    record = {
        "kind": kind,
        "inputs": inputs,
        "package": package_digest(),
        "snapshot": snapshot_digest(snapshot) if snapshot is not None else None,
        "libraries": _library_versions(),
        "python": sys.version,
    }
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def cached(kind: str, inputs: dict[str, Any], compute: Callable[[], T], *, snapshot: Path | None = None) -> T:
    """``compute()``, or the stored answer of an earlier call with the same key (:func:`key_of`).

    ``inputs`` must name everything besides the package that the answer depends on, as JSON values;
    an answer that reads the data snapshot passes its folder as ``snapshot`` (its contents join the key). The answer is stored after it is computed (written to a temporary file, then
    renamed: a reader never sees half an entry); a folder that cannot be written just means no cache.
    """
    if not enabled():
        return compute()
    path = cache_dir() / kind / f"{key_of(kind, inputs, snapshot=snapshot)}.pkl"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - the user's own cache folder
    except Exception:  # noqa: BLE001 - missing, truncated or from another Python: compute it again
        pass
    value = compute()
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - an unwritable folder means no cache, not a failed run
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return value
