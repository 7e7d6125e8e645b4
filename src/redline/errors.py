"""The one exception type users see: a message that says what is wrong and what was expected."""

from __future__ import annotations

import math
import tomllib

__all__ = ["RedlineError", "as_user_error", "check_finite", "check_seed", "SEED_MAX"]

SEED_MAX = 2**64 - 1


class RedlineError(Exception):
    """Bad input or an impossible request.

    The CLI prints the message as ``error: <message>`` on stderr and exits with code 2, so the
    message must name what was wrong (file, row, column, field) and what exists or was expected.
    """


def as_user_error(exc: BaseException) -> RedlineError | None:
    """The :class:`RedlineError` for an exception that a user's input caused, else ``None``.

    Files named by the user that are missing, directories, unreadable, in another encoding, not TOML,
    or nested too deeply end in these exceptions wherever they are read; the CLI and the web app turn
    them into one line instead of a traceback. Anything else is a bug and keeps its traceback.
    """
    if isinstance(exc, RedlineError):
        return exc
    if isinstance(exc, IsADirectoryError):
        return RedlineError(f"{exc.filename}: expected a file; found a directory")
    if isinstance(exc, NotADirectoryError):
        return RedlineError(f"{exc.filename}: expected a folder; found a file on the way")
    if isinstance(exc, FileNotFoundError):
        return RedlineError(f"{exc.filename}: no such file or folder")
    if isinstance(exc, PermissionError):
        return RedlineError(f"{exc.filename}: permission denied")
    if isinstance(exc, UnicodeDecodeError):
        return RedlineError(
            f"expected a UTF-8 text file; found bytes that are not UTF-8 ({exc.reason} at byte {exc.start})"
        )
    if isinstance(exc, tomllib.TOMLDecodeError):
        return RedlineError(f"expected a TOML file; {exc}")
    if isinstance(exc, RecursionError):
        return RedlineError("expected a file nested at most a few hundred levels deep; found deeper nesting")
    return None


def check_seed(value: int | None, where: str = "--seed") -> int | None:
    """A seed for NumPy's SeedSequence: an integer from 0 to 2**64 - 1."""
    if value is not None and not 0 <= value <= SEED_MAX:
        raise RedlineError(f"{where}: expected an integer from 0 to 2^64 - 1; found {value}")
    return value


def check_finite(value: float | None, where: str) -> float | None:
    """A finite number (NaN and ±inf are refused)."""
    if value is not None and not math.isfinite(value):
        raise RedlineError(f"{where}: expected a finite number; found {value}")
    return value
