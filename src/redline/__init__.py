"""Redline: alliance decisions, deterrence credibility and crisis escalation, grounded in real data."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("redline")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

__all__ = ["World", "__version__"]


def __getattr__(name: str):
    # Lazy import keeps `import redline` light (the CLI starts fast) and avoids import cycles.
    if name == "World":
        from redline.world import World

        return World
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
