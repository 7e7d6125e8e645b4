"""The one exception type users see: a message that says what is wrong and what was expected."""

from __future__ import annotations

__all__ = ["RedlineError"]


class RedlineError(Exception):
    """Bad input or an impossible request.

    The CLI prints the message as ``error: <message>`` on stderr and exits with code 2, so the
    message must name what was wrong (file, row, column, field) and what exists or was expected.
    """
