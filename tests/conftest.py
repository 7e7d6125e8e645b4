"""Test fixtures: the repository's source data and development cases, bounded hypothesis runs, a browser.

Everything a test reads is inside the repository: a lone clone runs (and skips) nothing else.

The suite runs on two pytest-xdist workers by default (``addopts`` in pyproject.toml; ``-n 0`` runs it in
one process). Each worker has its own temporary folders, session fixtures and user data folder, and a
test writes only under ``tmp_path``. A test module runs on one worker (``--dist loadfile``): its module
fixtures are built once and a documentation page's commands run in order in one folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"

# ------------------------------------------------------------------ hypothesis profiles
# One profile per purpose, chosen by ``$REDLINE_HYPOTHESIS`` (or ``--hypothesis-profile=NAME``):
#   redline  the default on a developer's machine: 40 random examples a test, failures kept in .hypothesis/
#   ci       what ``.ci/run`` runs: the same 40 examples every time (derandomized: seeded from each test's
#            name), no example database, and a failure prints its ``@reproduce_failure`` blob
#   deep     exploration: 1,000 random examples a test (``$REDLINE_HYPOTHESIS_EXAMPLES`` sets another
#            number; ``--hypothesis-seed=N`` fixes the draw)
# A test that sets its own ``max_examples`` (the fuzzers of the CLI, scenario files and web API) keeps it
# in every profile; ``scripts/fuzz_cli.py`` and ``scripts/fuzz_scenarios.py`` draw those deeper.
# No deadline and no "too slow" health check in any profile: both are wall-clock limits, which a loaded
# machine can miss (a test's time is measured in benchmarks/, never by the suite).
settings.register_profile(
    "redline", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", settings.get_profile("redline"), derandomize=True, database=None, print_blob=True)
settings.register_profile(
    "deep",
    settings.get_profile("redline"),
    max_examples=int(os.environ.get("REDLINE_HYPOTHESIS_EXAMPLES") or 1000),
    print_blob=True,
)


def _hypothesis_profile() -> str:
    """``$REDLINE_HYPOTHESIS`` if set, else ``ci`` on a CI service (``$CI`` set), else ``redline``."""
    name = os.environ.get("REDLINE_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "redline")
    if name not in ("redline", "ci", "deep"):
        raise pytest.UsageError(f"REDLINE_HYPOTHESIS: expected redline, ci or deep; found {name!r}")
    return name


settings.load_profile(_hypothesis_profile())



DEVELOPMENT_CASES = (
    "deu_leopard2_ukraine_2023",
    "eu_sanctions_patriarch_kirill_2022",
    "eu_ukraine_facility_dec2023",
    "nato_no_fly_zone_2022",
    "nato_secretary_general_rutte_2024",
    "nato_ukraine_invitation_vilnius_2023",
    "swe_nato_accession_2024",
    "usa_cluster_munitions_2023",
)
"""The eight development cases (2022-2024) of ``backtest/cases/``, coded before their outcome."""


@pytest.fixture(scope="session")
def development_cases(tmp_path_factory) -> Path:
    """A folder holding only the eight development cases (copied from the repository's corpus)."""
    folder = tmp_path_factory.mktemp("development_cases")
    for name in DEVELOPMENT_CASES:
        shutil.copy(ROOT / "backtest" / "cases" / f"{name}.toml", folder)
    return folder


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


# ------------------------------------------------------------------ parallel runs (pytest-xdist)
@pytest.fixture(scope="session", autouse=True)
def _own_user_data_dir(tmp_path_factory):
    """Refreshed snapshots default to a folder of this worker's, never the user's ``~/.local/share``;
    the disk cache of exact answers (:mod:`redline.cache`) too, never the user's ``~/.cache``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REDLINE_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
        patch.setenv("REDLINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield



def pytest_report_header(config) -> str:
    """The hypothesis profile in the run's header: a CI log says which examples it drew."""
    current = settings.get_current_profile_name()
    return f"hypothesis profile: {current} ({settings.default.max_examples} examples a test)"
