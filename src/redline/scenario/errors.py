"""The error of an invalid scenario file, and the plain-words helpers its messages share."""

from __future__ import annotations

from typing import Any

from pydantic_core import InitErrorDetails, PydanticCustomError

from redline.errors import RedlineError

__all__ = ["ScenarioError"]


class ScenarioError(RedlineError):
    """All problems found in one scenario file, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        # The CLI prefixes the first line with "error: "; give every further line the same prefix.
        super().__init__("\nerror: ".join(self.problems))


def _type_name(value: Any) -> str:
    return {
        dict: "a table",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return _type_name(value)
    return f"{value!r} ({_type_name(value)})"


def _issue_error(field: str | tuple[Any, ...], expected: str, found: Any) -> InitErrorDetails:
    """One located problem of an issue, in the ``expected || found`` form the messages read."""
    loc = field if isinstance(field, tuple) else (field,)
    text = PydanticCustomError("value_error", "Value error, {text}", {"text": f"{expected} || {found}"})
    return InitErrorDetails(type=text, loc=loc, input=found)
