"""Shared test fixtures: where the public figures in ../shared live, and bounded hypothesis runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

settings.register_profile("redline", max_examples=40, deadline=None)
settings.load_profile("redline")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``shared/`` folder beside the repository (data, docs, backtest cases)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data folder sits beside the repository")
    return SHARED
