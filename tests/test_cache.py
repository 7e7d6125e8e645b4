"""The disk cache of exact answers (redline.cache): a hit only when every input is the same, never a
stale answer; the scenario's answers identical with and without it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from redline import cache
from redline.data.snapshot import PACKAGE_SNAPSHOT, read_manifest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REDLINE_CACHE", raising=False)
    return tmp_path / "cache"


def _counting():
    calls = []

    def compute():
        calls.append(1)
        return {"value": len(calls)}

    return calls, compute


def test_a_hit_needs_the_same_inputs_package_and_snapshot(folder, monkeypatch):
    calls, compute = _counting()
    data = PACKAGE_SNAPSHOT
    assert cache.cached("k", {"x": 1.0}, compute, snapshot=data) == {"value": 1}
    assert cache.cached("k", {"x": 1.0}, compute, snapshot=data) == {"value": 1} and len(calls) == 1  # a hit
    assert cache.cached("k", {"x": 1.0000000000000002}, compute, snapshot=data) == {"value": 2}  # one ulp
    assert cache.cached("other", {"x": 1.0}, compute, snapshot=data) == {"value": 3}  # another kind
    assert cache.cached("k", {"x": 1.0}, compute) == {"value": 4}  # not keyed on the data
    monkeypatch.setattr(cache, "package_digest", lambda: "edited code")
    assert cache.cached("k", {"x": 1.0}, compute, snapshot=data) == {"value": 5}
    monkeypatch.setattr(cache, "snapshot_digest", lambda folder: "other data")
    assert cache.cached("k", {"x": 1.0}, compute, snapshot=data) == {"value": 6}
    monkeypatch.setattr(cache, "_library_versions", lambda: {"numpy": "0"})
    assert cache.cached("k", {"x": 1.0}, compute, snapshot=data) == {"value": 7}
    assert len(list((folder / "k").glob("*.pkl"))) == 6


def test_a_damaged_entry_is_recomputed_and_off_means_off(folder, monkeypatch):
    calls, compute = _counting()
    cache.cached("k", {"x": 1}, compute)
    (entry,) = (folder / "k").glob("*.pkl")
    entry.write_bytes(entry.read_bytes()[:5])  # truncated
    assert cache.cached("k", {"x": 1}, compute) == {"value": 2}
    assert cache.cached("k", {"x": 1}, compute) == {"value": 2}  # rewritten whole
    monkeypatch.setenv("REDLINE_CACHE", "off")
    assert cache.cached("k", {"x": 1}, compute) == {"value": 3}
    assert cache.cached("new", {"x": 1}, compute) == {"value": 4} and not (folder / "new").exists()


def test_an_unwritable_folder_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(blocker / "cache"))
    calls, compute = _counting()
    assert cache.cached("k", {}, compute) == {"value": 1}
    assert cache.cached("k", {}, compute) == {"value": 2}


def test_the_snapshot_digest_follows_the_table_contents(tmp_path):
    copy = tmp_path / "snapshot"
    shutil.copytree(PACKAGE_SNAPSHOT, copy)
    before = cache.snapshot_digest(copy)
    assert before == cache.snapshot_digest(PACKAGE_SNAPSHOT)
    table = copy / read_manifest(copy)["tables"]["gdp"]["file"]
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.snapshot_digest(copy) != before


def test_a_cached_table_is_revalidated_when_its_file_changes(folder, tmp_path, monkeypatch):
    """A table is validated once per content: an edited file is read and validated again (a bad edit
    is refused as before, although a valid version of the file is in the cache)."""
    from redline.data import load_table
    from redline.errors import RedlineError

    copy = tmp_path / "snapshot"
    shutil.copytree(PACKAGE_SNAPSHOT, copy)
    monkeypatch.setenv("REDLINE_SNAPSHOT", str(copy))
    first = load_table("gdp")
    assert len(list((folder / "table").glob("*.pkl"))) == 1
    assert load_table("gdp").equals(first)
    path = copy / read_manifest(copy)["tables"]["gdp"]["file"]
    lines = path.read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    row[header.index("year")] = "19x9"
    path.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(RedlineError, match="whole number"):
        load_table("gdp")


def test_the_scenario_answers_are_the_same_from_the_cache_and_a_warm_run_loads_no_kernel(folder):
    """nato-2024 prepared without the cache, then twice with it (fresh processes): the exact answers
    are identical, and the warm run needs neither the compiled kernel (numba) nor scipy.stats."""
    code = textwrap.dedent(
        """
        import json, sys
        from redline.runner import prepare
        from redline.scenario import load_scenario
        from redline.serialize import to_jsonable
        path = sys.argv[1]
        plan = prepare(load_scenario(path), draws=64, source=path)
        loaded = [m for m in ("numba", "scipy.stats") if m in sys.modules]
        print("RESULT " + json.dumps({"exact": to_jsonable(plan.exact), "loaded": loaded}, sort_keys=True))
        """
    )

    def run(**env: str) -> dict:
        import os

        out = subprocess.run(
            [sys.executable, "-c", code, str(ROOT / "scenarios" / "nato-2024.toml")],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, **env},
            check=True,
        )
        return json.loads(out.stdout.rpartition("RESULT ")[2])

    off = run(REDLINE_CACHE="off")
    cold, warm = run(), run()
    assert off["exact"] == cold["exact"] == warm["exact"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "analytics",
        "bargaining-forecast",
        "escalation-fit",
        "table",
    ]
    assert warm["loaded"] == [], f"a warm run loaded {warm['loaded']}"
