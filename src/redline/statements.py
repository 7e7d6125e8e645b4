"""Positions and salience coded from what actors said: dated, sourced statements made before a decision.

The data coding of :mod:`redline.issues` derives every actor's position from indicators (aid given,
democracy, exposure). What a government said before the decision is better evidence of where it
stood on *that* issue; this module reads a CSV of such statements, one row per actor and issue, and
puts it beside the data coding, which stays as the prior for every actor without a statement.

The file (``scenarios/statements/*.csv``; lines starting with ``#`` are comments):

================  ==========================================================================
``issue``         the scenario issue id
``actor``         ISO3 code of the state that spoke
``position``      0-100 on the issue's scale, read from the statement (our reading)
``salience``      0-1, how much the statement shows the actor cares about *this* issue
                  (docs/scenarios.md gives the rubric)
``date``          the statement's date, ISO ``YYYY-MM-DD``; must precede the decision
``speaker``       who spoke (office, not only the name)
``source_title``  title of the source (outlet or official page)
``url``           where it can be read (``http...``)
``summary``       what was said, in our words
``source_quality`` optional last column: blank, or ``state-affiliated media`` / ``second-hand
                  aggregator`` when no primary page was found (:mod:`redline.data.source_quality`)
================  ==========================================================================

:func:`disagreement` flags an actor whose two codings disagree: they fall on different sides of
the decision (one prefers the proposal to the status quo, the other not), or differ by at least
:data:`POSITION_GAP` points or :data:`SALIENCE_GAP` in salience.

:func:`data_gap` measures the data coding against the statements where both exist (statement minus
data, in points), and :func:`gap_text` says it: when at least :data:`MIN_GAP_STATEMENTS` statements sit
on average :data:`POSITION_GAP` points or more to one side, the actors coded from data alone may be
coded too low (or too high). The
data coding is not refitted to the statements (they are few, and chosen by who spoke); it is said.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from redline.data.source_quality import QUALITY_LABELS
from redline.errors import RedlineError

__all__ = [
    "COLUMNS",
    "POSITION_GAP",
    "MIN_GAP_STATEMENTS",
    "SALIENCE_GAP",
    "Statement",
    "data_gap",
    "disagreement",
    "gap_text",
    "load_statements",
]

COLUMNS = ("issue", "actor", "position", "salience", "date", "speaker", "source_title", "url", "summary")
"""The statement file's columns, in order."""

OPTIONAL = ("source_quality",)
"""Columns a file may add after :data:`COLUMNS` (older files without them still load)."""

POSITION_GAP = 25.0
"""Position points by which the statement and data codings must differ to be flagged."""

SALIENCE_GAP = 0.3
"""Salience by which the two codings must differ to be flagged."""


@dataclass(frozen=True)
class Statement:
    """One actor's coded statement on one issue."""

    issue: str
    actor: str
    position: float
    salience: float
    date: dt.date
    speaker: str
    source_title: str
    url: str
    summary: str
    line: int
    """Line of the file (for messages)."""
    source_quality: str = ""
    """Blank, or one of :data:`redline.data.source_quality.QUALITY_LABELS` (a flagged weak source)."""

    @property
    def source(self) -> str:
        """Speaker, source title and address, with the source-quality flag when there is one."""
        flag = f" [{self.source_quality}]" if self.source_quality else ""
        return f"{self.speaker}, {self.source_title} <{self.url}>{flag}"


def _fail(path: Path, line: int, field: str, expected: str, found: str) -> RedlineError:
    return RedlineError(f"{path}:{line}: {field}: expected {expected}; found {found}")


def _number(path: Path, line: int, field: str, text: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _fail(path, line, field, f"a number from {low:g} to {high:g}", repr(text)) from None
    if not (low <= value <= high):  # also refuses NaN
        raise _fail(path, line, field, f"a number from {low:g} to {high:g}", repr(text))
    return value


def load_statements(
    path: str | Path, decided: dt.date | None = None, issue: str | None = None
) -> list[Statement]:
    """The statements of ``path`` (all, or those of ``issue``), checked row by row.

    Raises :class:`RedlineError` naming the file, line and field for a malformed row, a duplicate
    (issue, actor), or a statement dated on or after ``decided`` (of ``issue``'s rows when an issue
    is named: a file may hold issues decided on different dates).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RedlineError(f"{path}: statements file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RedlineError(f"{path}: cannot read the statements file ({exc})") from None
    rows = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if not line.lstrip().startswith("#")]
    rows = [(n, line) for n, line in rows if line.strip()]
    if not rows:
        raise RedlineError(f"{path}: expected a header {','.join(COLUMNS)}; found an empty file")
    numbers = [n for n, _ in rows]
    reader = csv.reader([line for _, line in rows])
    header = [h.strip() for h in next(reader)]
    columns = tuple(header)
    if columns not in (COLUMNS, COLUMNS + OPTIONAL):
        raise _fail(path, numbers[0], "header", ",".join(COLUMNS) + "[,source_quality]", ",".join(header))
    out: list[Statement] = []
    seen: dict[tuple[str, str], int] = {}
    for line, values in zip(numbers[1:], reader, strict=True):
        if len(values) != len(columns):
            raise _fail(path, line, "row", f"{len(columns)} comma-separated fields", f"{len(values)}")
        row = dict(zip(columns, (v.strip() for v in values), strict=True))
        quality = row.get("source_quality", "")
        if quality and quality not in QUALITY_LABELS:
            raise _fail(path, line, "source_quality", "blank or " + " / ".join(QUALITY_LABELS), repr(quality))
        if not re.fullmatch(r"[a-z0-9_]+", row["issue"]):
            raise _fail(path, line, "issue", "an issue id (a-z, 0-9, _)", repr(row["issue"]))
        if not re.fullmatch(r"[A-Z]{3}", row["actor"]):
            raise _fail(path, line, "actor", "an ISO3 code", repr(row["actor"]))
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise _fail(path, line, "date", "a date YYYY-MM-DD", repr(row["date"])) from None
        # one file holds issues decided on different dates: ``decided`` bounds the rows of ``issue``
        if decided is not None and date >= decided and (issue is None or row["issue"] == issue):
            raise _fail(
                path, line, "date", f"a statement made before the decision ({decided.isoformat()})", row["date"]
            )
        for name in ("speaker", "source_title", "summary"):
            if not row[name]:
                raise _fail(path, line, name, "a non-empty text", "nothing")
        if not row["url"].startswith(("http://", "https://")):
            raise _fail(path, line, "url", "an address starting http:// or https://", repr(row["url"]))
        key = (row["issue"], row["actor"])
        if key in seen:
            raise _fail(
                path, line, "actor", f"one statement per actor and issue ({key[1]} on {key[0]} is on line {seen[key]})", "a second"
            )
        seen[key] = line
        out.append(
            Statement(
                issue=row["issue"],
                actor=row["actor"],
                position=_number(path, line, "position", row["position"], 0, 100),
                salience=_number(path, line, "salience", row["salience"], 0, 1),
                date=date,
                speaker=row["speaker"],
                source_title=row["source_title"],
                url=row["url"],
                summary=row["summary"],
                line=line,
                source_quality=quality,
            )
        )
    return [s for s in out if issue is None or s.issue == issue]


def disagreement(
    position_data: float,
    salience_data: float,
    position_statement: float,
    salience_statement: float,
    status_quo: float,
    proposal: float,
) -> str:
    """Why the statement coding disagrees with the data coding, or ``""`` when it does not.

    ``side``: one coding prefers the proposal to the status quo and the other does not;
    ``position +d`` / ``salience +d``: the gap reaches :data:`POSITION_GAP` / :data:`SALIENCE_GAP`.
    """

    def prefers(x: float) -> bool:
        return abs(proposal - x) < abs(status_quo - x)

    flags = []
    if prefers(position_data) != prefers(position_statement):
        flags.append("side")
    gap = position_statement - position_data
    if abs(gap) >= POSITION_GAP:
        flags.append(f"position {gap:+.0f}")
    sgap = salience_statement - salience_data
    if abs(sgap) >= SALIENCE_GAP:
        flags.append(f"salience {sgap:+.2f}")
    return "; ".join(flags)


def data_gap(position_statement: list[float], position_data: list[float], data_only: int) -> dict | None:
    """Statement minus data coding for the actors that have both: n, mean, min, max, and ``data_only``.

    ``None`` when no actor has a statement. ``data_only`` is the number of actors coded from data alone.
    """
    gaps = [s - d for s, d in zip(position_statement, position_data, strict=True)]
    if not gaps:
        return None
    return {
        "n": len(gaps),
        "mean": sum(gaps) / len(gaps),
        "min": min(gaps),
        "max": max(gaps),
        "above": sum(g > 0 for g in gaps),
        "data_only": int(data_only),
    }


MIN_GAP_STATEMENTS = 3
"""Fewest statements from which :func:`gap_text` calls the data coding biased (one is an anecdote)."""


def gap_text(gap: dict | None) -> str:
    """The data coding's bias against the statements, in words ("" when there is nothing to compare)."""
    if not gap:
        return ""
    n = gap["n"]
    mean = gap["mean"]
    side = "above" if mean >= 0 else "below"
    low, high = (f"{round(v) + 0:+d}" for v in (gap["min"], gap["max"]))
    text = (
        f"dated statements sit on average {abs(mean):.0f} points {side} the data coding "
        f"(range {low} to {high}) for the {n} actor{'s that have' if n != 1 else ' that has'} both"
    )
    m = gap["data_only"]
    if m and n >= MIN_GAP_STATEMENTS and abs(mean) >= POSITION_GAP:
        text += (
            f": the {m} actor{'s' if m != 1 else ''} coded from data alone may be coded too "
            f"{'low' if mean > 0 else 'high'}"
        )
    return text
