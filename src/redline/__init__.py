"""Redline: alliance decisions, deterrence credibility and crisis escalation, grounded in real data."""

from __future__ import annotations

__all__ = ["World", "__version__"]


def __getattr__(name: str):
    # Lazy import keeps `import redline` light (the CLI starts fast) and avoids import cycles.
    if name == "__version__":  # importlib.metadata costs ~0.1 s: read only when asked
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("redline")
        except PackageNotFoundError:  # running from a source tree without installation
            return "0.0.0+local"
    if name == "World":
        from redline.world import World

        return World
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
