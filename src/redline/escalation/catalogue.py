"""The record of escalation since 2022: the ``escalation_events`` catalogue, read and checked.

Each row is one Western (or Ukrainian) escalation step — HIMARS, Patriot, tanks, F-16s, long-range
missiles, permission to strike Russian territory, the Kursk incursion, … — with the red line Russia
declared beforehand (if any, with a dated quote and its source), whether the line was crossed and
Russia's response (category and date), every row sourced. Rows of kind ``incident`` are involuntary
near misses (drones shot down over Poland): they measure exposure to Schelling's chance.

The catalogue ships in the data snapshot (``redline data show escalation_events``); its source file
is ``data/sources/escalation_events.csv``. A user's own catalogue in the same columns can be read
with :func:`load_catalogue`; a malformed row is an error naming the file, row and column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from redline.errors import RedlineError

__all__ = ["ANSWERED", "DECLARED", "RETALIATION", "answered_text", "crossings", "load_catalogue", "rung_timeline"]

DECLARED = ("explicit", "general")
"""Red-line codings that count as a declared line (a crossing is a test of Russia's credibility)."""

RETALIATION: dict[str, frozenset[str]] = {
    # the ladder's own sense (models.md §4.2): an answer that moves the war one rung up, i.e. turns
    # on the West itself (horizontal escalation); strikes inside Ukraine stay on the same rung
    "strict": frozenset({"horizontal"}),
    # a material answer: force used in reply (the ladder's "retaliation")
    "material": frozenset({"conventional_reprisal", "new_weapon_use", "horizontal"}),
    # any costly signal beyond words: also doctrine changes and nuclear signalling
    "signal": frozenset(
        {"doctrine_change", "nuclear_signalling", "conventional_reprisal", "new_weapon_use", "horizontal"}
    ),
}
"""Which response categories count as the responder retaliating (a coding choice; docs/escalation.md)."""


def _where(origin: str, row: int, column: str) -> str:
    return f"{origin}, row {row}, column {column!r}"


def _check_rows(frame: pd.DataFrame, rows: list[int], origin: str) -> None:
    """Cross-field rules the column schema cannot express (row = the file's line number)."""
    for i, rec in enumerate(frame.to_dict("records")):
        row = rows[i]
        declared = rec["red_line"] in DECLARED
        for col in ("red_line_by", "red_line_date", "red_line_quote", "red_line_source"):
            if declared and rec[col] is None:
                raise RedlineError(
                    f"{_where(origin, row, col)}: expected a value for a declared red line "
                    f"(red_line = {rec['red_line']}); found a gap"
                )
        if declared and rec["red_line_date"] > rec["date"]:
            raise RedlineError(
                f"{_where(origin, row, 'red_line_date')}: expected a date on or before the step "
                f"({rec['date']}), a line declared beforehand; found {rec['red_line_date']}"
            )
        if rec["kind"] == "step" and rec["crossed"] == 1 and rec["response"] is None:
            raise RedlineError(
                f"{_where(origin, row, 'response')}: expected a response category for a crossed step "
                "(none if Russia did not answer); found a gap"
            )
        if rec["response"] not in (None, "none"):
            for col in ("response_date", "response_source"):
                if rec[col] is None:
                    raise RedlineError(
                        f"{_where(origin, row, col)}: expected a value for response {rec['response']!r}; found a gap"
                    )
            if rec["response_date"] < rec["date"] and rec["step_id"]:
                raise RedlineError(
                    f"{_where(origin, row, 'response_date')}: expected a date on or after the step "
                    f"({rec['date']}); found {rec['response_date']}"
                )
        if rec["crossed"] == 0 and rec["response"] not in (None, "none"):
            raise RedlineError(
                f"{_where(origin, row, 'response')}: expected no response for a step not taken "
                f"(crossed = 0); found {rec['response']!r}"
            )


def load_catalogue(path: str | Path | None = None, snapshot: str | Path | None = None) -> pd.DataFrame:
    """The escalation catalogue, validated and sorted by date.

    ``path`` is a CSV file in the columns of ``escalation_events`` (docs/escalation.md); without
    it the table of the active data snapshot is read. Errors name the file, the row (the file's line
    number) and the column.
    """
    from redline.data.schemas import validate

    if path is None:
        from redline.data import load_table

        frame = load_table("escalation_events", snapshot)
        origin = "escalation_events (data snapshot)"
        raw_rows = list(range(2, len(frame) + 2))
        frame = validate(frame.astype(object).where(frame.notna(), ""), "escalation_events", origin=origin)
    else:
        path = Path(path)
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except FileNotFoundError:
            raise RedlineError(f"{path}: catalogue file not found") from None
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise RedlineError(f"{path}: not a readable CSV file ({exc})") from None
        origin = str(path)
        raw_rows = list(range(2, len(raw) + 2))  # line 1 is the header
        raw["_row"] = raw_rows
        frame = validate(raw, "escalation_events", origin=origin)
    _check_rows(frame, raw_rows, origin)
    frame = frame.assign(date=pd.to_datetime(frame["date"]))
    return frame.sort_values(["date", "step_id"], kind="stable").reset_index(drop=True)


def crossings(
    catalogue: pd.DataFrame, retaliation: str = "material", lines: tuple[str, ...] = DECLARED
) -> pd.DataFrame:
    """The crossings of declared red lines, in date order, with ``retaliated`` coded 0/1.

    ``retaliation`` names the set of response categories that count as retaliation
    (:data:`RETALIATION`). Only steps actually taken (``crossed = 1``) of kind ``step`` count.
    """
    if retaliation not in RETALIATION:
        raise RedlineError(f"retaliation: expected one of {', '.join(RETALIATION)}; found {retaliation!r}")
    rows = catalogue[
        (catalogue["kind"] == "step") & (catalogue["crossed"] == 1) & catalogue["red_line"].isin(lines)
    ]
    out = rows[["step_id", "date", "step", "red_line", "response", "response_date"]].copy()
    out["retaliated"] = out["response"].isin(RETALIATION[retaliation]).astype(int)
    return out.reset_index(drop=True)


ANSWERED = {
    "strict": "answered by turning on the West",
    "material": "answered with force",
    "signal": "answered with force or a costly signal",
}
"""What an answered crossing is in each coding of :data:`RETALIATION`, in a headline's words."""


def answered_text(catalogue: pd.DataFrame, retaliation: str, lines: tuple[str, ...] = DECLARED) -> str:
    """How many crossings were answered, in the coding used and in the other main one, e.g.
    ``0 of 7 crossings of declared lines answered by turning on the West (strict coding; 2 answered with
    force in the material coding)``: "0 answered" alone read as "Russia did not answer" next to the
    Oreshnik launch, and ``escalation fit`` (strict) and ``check`` (material) seemed to disagree."""
    cross = crossings(catalogue, retaliation, lines)
    other = "material" if retaliation != "material" else "strict"
    k_other = int(crossings(catalogue, other, lines)["retaliated"].sum())
    return (
        f"{int(cross['retaliated'].sum())} of {len(cross)} crossings of declared lines {ANSWERED[retaliation]} "
        f"({retaliation} coding; {k_other} {ANSWERED[other]} in the {other} coding)"
    )


MONTH_DAYS = 365.25 / 12
"""Days in a month: the ladder's time step."""


def rung_timeline(
    catalogue: pd.DataFrame, start: str = "2022-02-24", start_rung: int = 1, end: str | None = None
) -> pd.DataFrame:
    """Months spent at each rung and the involuntary escalations seen there.

    The war starts at ``start`` on ``start_rung`` (conventional war with Western materiel). A step
    taken (``crossed = 1``) moves the rung to its ``rung_after``; an incident whose ``rung_after``
    is above its ``rung_before`` is an involuntary escalation at ``rung_before``. The record ends
    at ``end`` (default: the latest date in the catalogue). Returns one row per rung with
    ``months`` of exposure and ``events``.
    """
    t0 = pd.Timestamp(start)
    t_end = pd.Timestamp(end) if end is not None else catalogue["date"].max()
    rung, since = start_rung, t0
    months = {r: 0.0 for r in range(5)}
    events = {r: 0 for r in range(5)}
    for rec in catalogue.sort_values("date").to_dict("records"):
        moves = (rec["kind"] == "step" and rec["crossed"] == 1) or (
            rec["kind"] == "incident" and rec["rung_after"] > rec["rung_before"]
        )
        if not moves or rec["date"] < t0 or rec["date"] > t_end:
            continue
        if rec["kind"] == "incident":
            events[int(rec["rung_before"])] += 1
        if int(rec["rung_after"]) != rung:
            months[rung] += (rec["date"] - since).days / MONTH_DAYS
            rung, since = int(rec["rung_after"]), rec["date"]
    months[rung] += (t_end - since).days / MONTH_DAYS
    frame = pd.DataFrame(
        {"rung": list(months), "months": list(months.values()), "events": list(events.values())}
    )
    frame.attrs.update(start=t0.date().isoformat(), end=t_end.date().isoformat(), current_rung=rung)
    return frame
