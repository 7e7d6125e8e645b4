"""``redline data refresh``: validate an official file and write a new snapshot version with it.

The refreshed table is merged into a copy of the current snapshot and the whole set is validated
before anything is written; a file that fails is rejected with a message naming its row and column,
and no snapshot (old or new) changes. The new snapshot goes to ``out`` or, by default, to
``<user data dir>/snapshots/<version>/`` (see :func:`redline.data.snapshot.user_data_dir`); the
bundled snapshot inside the package is never modified. Select it with ``REDLINE_SNAPSHOT=<folder>``
or the ``--snapshot`` option / ``snapshot=`` argument.

Merge rules: ``nato`` adds one release (rows of the same release id are replaced; other releases are
kept, so NATO editions can be compared); ``kiel`` replaces the table (one tracker release);
``worldbank`` and ``vdem`` replace the (state, year) cells present in the file and keep the rest;
``unvotes`` replaces the (state, resolution) votes present in the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from redline.data import loaders
from redline.data.provenance import Provenance
from redline.data.schemas import SCHEMAS, validate
from redline.data.snapshot import (
    active_snapshot_dir,
    now_iso,
    read_manifest,
    read_table,
    user_data_dir,
    write_snapshot,
)
from redline.errors import RedlineError

__all__ = ["refresh", "SOURCES"]

SOURCES = {
    "nato": "defence_expenditure",
    "kiel": "ukraine_support",
    "worldbank": "gdp",
    "vdem": "democracy",
    "unvotes": "unga_votes",
}


def _replace_keys(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Rows of ``old`` whose key is not in ``new``, then all of ``new``."""
    old_keys = pd.MultiIndex.from_frame(old[key].astype(str))
    new_keys = pd.MultiIndex.from_frame(new[key].astype(str))
    return pd.concat([old[~old_keys.isin(new_keys)], new], ignore_index=True)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A typed table back to text cells, so old and new rows are validated alike."""
    out = frame.copy()
    for col in out.columns:
        out[col] = [
            ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)) for v in out[col]
        ]
    return out


def _load(
    source: str, file: str | None, release: str | None, tables: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    countries = tables["countries"]
    codes = set(countries["iso3"])
    if source == "worldbank" and file is None:
        return loaders.fetch_worldbank(codes)
    if file is None:
        raise RedlineError(f"refresh {source} needs a FILE (the downloaded official file)")
    path = Path(file)
    if source == "nato":
        return loaders.read_nato_workbook(path, countries, release)
    if source == "kiel":
        return loaders.read_kiel_workbook(path, countries, release)
    if source == "worldbank":
        return loaders.read_worldbank_csv(path, codes)
    if source == "vdem":
        return loaders.read_vdem_csv(path, codes, release)
    return loaders.read_unvotes_csv(path, codes)


def _merge(source: str, old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    table = SOURCES[source]
    new = new.drop(columns="_row", errors="ignore")
    if source == "nato":
        ids = set(new["release_id"])
        return pd.concat([old[~old["release_id"].isin(ids)], new], ignore_index=True)
    if source == "kiel":
        return new
    merged = _replace_keys(old, new, list(SCHEMAS[table].key))
    sort = [c for c in ("iso3", "year", "resolution") if c in merged.columns]
    return merged.sort_values(sort, kind="stable").reset_index(drop=True)


def refresh(
    source: str,
    file: str | Path | None,
    *,
    release: str | None = None,
    base: str | Path | None = None,
    out: str | Path | None = None,
) -> dict[str, Any]:
    """Validate ``file`` with the ``source`` loader and write a new snapshot; returns a summary.

    Raises :class:`RedlineError` (and writes nothing) when the file or the merged table is invalid.
    """
    if source not in SOURCES:
        raise RedlineError(f"unknown refresh source {source!r}; sources: {', '.join(SOURCES)}")
    table = SOURCES[source]
    base_dir = active_snapshot_dir(base)
    manifest = read_manifest(base_dir)
    tables = {name: read_table(base_dir, name) for name in manifest["tables"]}
    origin = str(file) if file is not None else "World Bank API"
    new = _load(source, None if file is None else str(file), release, tables)
    known = None if table == "ukraine_support" else set(tables["countries"]["iso3"])
    # 1) the file's own rows, with the file's row numbers in any message
    checked = validate(_as_text(new), table, origin=origin, known_iso3=known)
    # 2) the merged table
    merged = _merge(source, tables[table], checked)
    tables[table] = validate(
        _as_text(merged), table, origin=f"{origin} merged into table {table}", known_iso3=known
    )

    prov = dict(manifest["provenance"])
    old = Provenance(**prov[table])
    digest = hashlib.sha256(Path(file).read_bytes()).hexdigest() if file is not None else None
    today = dt.date.today().isoformat()
    prov[table] = old.model_copy(
        update={
            "sources": (
                f"refreshed from {Path(file).name if file else 'the World Bank API (wbgapi)'}",
                *old.sources,
            ),
            "release": f"{release or 'refresh'} ({source} loader, {today}); earlier rows: {old.release}",
            "retrieved": today,
            "notes": (old.notes + " " if old.notes else "")
            + f"Refreshed {today} from {origin}"
            + (f" (sha256 {digest[:16]}…)" if digest else "")
            + ".",
        }
    ).as_dict()
    info = {
        "parent": manifest["version"],
        "created": now_iso(),
        "refreshed": {"source": source, "table": table, "file": origin, "sha256": digest, "release": release},
    }
    if out is not None:
        target = Path(out).expanduser()
        if target.resolve() == base_dir.resolve():
            raise RedlineError(
                f"{target}: refusing to overwrite the snapshot being refreshed; choose another --snapshot-dir"
            )
        version = write_snapshot(tables, target, provenance=prov, info=info)
    else:
        root = user_data_dir() / "snapshots"
        pending = root / f".pending-{os.getpid()}"
        version = write_snapshot(tables, pending, provenance=prov, info=info)
        target = root / version
        if target.exists():
            shutil.rmtree(pending)
        else:
            pending.rename(target)
    return {
        "source": source,
        "table": table,
        "file": origin,
        "rows_in_file": len(new),
        "rows_in_table": len(tables[table]),
        "parent_version": manifest["version"],
        "version": version,
        "folder": str(target.resolve()),
        "use_with": f"REDLINE_SNAPSHOT={target.resolve()}",
    }
