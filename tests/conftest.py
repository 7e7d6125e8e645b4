"""Test fixtures: the repository's source data folder, the optional shared folder beside it, bounded hypothesis runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ROOT / "data" / "sources"

settings.register_profile("redline", max_examples=40, deadline=None)
settings.load_profile("redline")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``shared/`` folder beside the repository (data, docs, backtest cases)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data folder sits beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The repository's source data folder (``data/sources/``) the snapshot is built from."""
    return SOURCES


# ------------------------------------------------------------------ a real browser
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """The Chromium to drive: ``$REDLINE_CHROMIUM``, else Debian's ``chromium`` (or Chrome) on the PATH."""
    return os.environ.get("REDLINE_CHROMIUM") or next(filter(None, map(shutil.which, _BROWSERS)), None)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright (the system browser: Playwright's download is not used).

    Without a browser the browser tests skip, unless ``REDLINE_REQUIRE_BROWSER=1`` (set by ``.ci/run``,
    which installs Debian's ``chromium``): then a missing browser is a failure, not a silent skip.
    """
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the machine
        path = None
    if path is None:
        message = "no Chromium/Playwright: apt-get install chromium && pip install playwright"
        if os.environ.get("REDLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path, headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def nato_report(tmp_path_factory) -> Path:
    """``report.html`` of the shipped NATO 2024 scenario at a few draws (built once per test session)."""
    from redline.report import write_report
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario

    source = ROOT / "scenarios" / "nato-2024.toml"
    plan = prepare(load_scenario(source), draws=300, source=source)
    result = execute(plan)
    return write_report(result.summary, tmp_path_factory.mktemp("report") / "report.html", plan=plan)
