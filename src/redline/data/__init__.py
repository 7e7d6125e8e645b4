"""Redline's data layer: the bundled snapshot of public figures, their schemas and provenance.

>>> from redline.data import load_table, table_names, provenance, snapshot_version
>>> load_table("defence_expenditure").query("iso3 == 'POL' and year == 2024")  # doctest: +SKIP

Tables keep the column names of the public CSVs they were built from; columns the build adds are
marked *derived* in their schema and provenance. Gaps stay missing (NaN / None).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from redline.data.provenance import Provenance
from redline.data.schemas import SCHEMAS, TableSchema, schema
from redline.data.snapshot import PACKAGE_SNAPSHOT, active_snapshot_dir, read_manifest, read_table
from redline.errors import RedlineError

__all__ = [
    "load_table",
    "table_names",
    "provenance",
    "snapshot_version",
    "snapshot_info",
    "schema",
    "Provenance",
    "TableSchema",
    "SCHEMAS",
]


def table_names(snapshot: str | Path | None = None) -> list[str]:
    """Names of the tables in the active snapshot, in their documented order."""
    tables = read_manifest(active_snapshot_dir(snapshot))["tables"]
    return [n for n in SCHEMAS if n in tables]


def load_table(name: str, snapshot: str | Path | None = None) -> pd.DataFrame:
    """The validated table ``name`` as a DataFrame (a fresh copy; edit it freely).

    Parameters
    ----------
    name : one of :func:`table_names`.
    snapshot : a snapshot folder; default ``$REDLINE_SNAPSHOT`` or the bundled snapshot.
    """
    folder = active_snapshot_dir(snapshot)
    if name not in read_manifest(folder)["tables"]:
        raise RedlineError(f"unknown table {name!r}; tables: {', '.join(table_names(snapshot))}")
    return read_table(folder, name)


def provenance(name: str, snapshot: str | Path | None = None) -> Provenance:
    """Source URL(s), release, retrieval date, licence and known gaps of table ``name``."""
    manifest = read_manifest(active_snapshot_dir(snapshot))
    records = manifest.get("provenance", {})
    if name not in records:
        raise RedlineError(f"unknown table {name!r}; tables: {', '.join(table_names(snapshot))}")
    return Provenance(**records[name])


def snapshot_version(snapshot: str | Path | None = None) -> str:
    """Version of the active snapshot: 12 hex digits of a SHA-256 over its table files."""
    return str(read_manifest(active_snapshot_dir(snapshot))["version"])


def snapshot_info(snapshot: str | Path | None = None) -> dict:
    """Folder, version and per-table rows/years/hashes of the active snapshot."""
    folder = active_snapshot_dir(snapshot)
    manifest = read_manifest(folder)
    return {
        "folder": str(folder),
        "version": manifest["version"],
        "bundled": folder == PACKAGE_SNAPSHOT.resolve(),
        "parent": manifest.get("parent"),
        "created": manifest.get("created"),
        "tables": manifest["tables"],
    }
