"""Former home of the scenario adapters; kept so existing imports work. See :mod:`redline.adapters`."""

from __future__ import annotations

from redline.adapters import build, summarise, world_of
from redline.adapters.deterrence import deterrence_games, deterrence_targets
from redline.adapters.escalation import FIT_DRAWS
from redline.adapters.issues import draw_issue_inputs

__all__ = [
    "FIT_DRAWS",
    "build",
    "deterrence_games",
    "deterrence_targets",
    "draw_issue_inputs",
    "summarise",
    "world_of",
]
