"""The web dashboard: a FastAPI app over the same scenario engine and results store as the CLI.

``redline serve`` runs it; :func:`create_app` builds it (tests mount it in-process or under uvicorn).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app"]

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See :func:`redline.web.app.create_app` (imported lazily: FastAPI loads only when serving)."""
    from redline.web.app import create_app as build

    return build(*args, **kwargs)
