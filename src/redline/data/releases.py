"""Releases of the data: when each became public (the basis of "as of" Worlds), and which NATO
defence-expenditure release is the complete one. The one place that names NATO release ids for the
models, claims and commands: they ask :func:`full_defence_release`, so a newer complete workbook added
by the data build is picked up everywhere without editing them.

A World built with ``vintage="as_of"`` uses, for the tables listed here, only the releases that were
public on its date; the others are treated as not yet published (their figures are NaN and the World
says so). A release known only to the month counts from the last day of that month; a release whose
date is not recorded never counts (it is used only by ``vintage="latest"``).

Tables not listed here (GDP, V-Dem, QMV, votes, events) are held in one vintage only; an as-of World
uses them for the years they cover and notes that the held vintage may be later than its date.
"""

from __future__ import annotations

import calendar
import datetime as dt

from redline.data.schemas import DEFENCE_RELEASES

__all__ = [
    "RELEASE_DATES",
    "SINGLE_VINTAGE_TABLES",
    "available_from",
    "full_defence_release",
    "release_available",
    "release_prefix",
]

# table -> release id (or release text) -> (first day it was public as recorded, where that date comes from)
RELEASE_DATES: dict[str, dict[str, tuple[str | None, str]]] = {
    "defence_expenditure": {
        "nato-2024-06": ("2024-06-17", "file name 240617-def-exp-2024-TABLES-en.xlsx"),
        "nato-2025-04-press": ("2025-04-25", "first press quote held (knews.media, 25 Apr 2025)"),
        "nato-2025-08-press": ("2025-08-28", "TASS 28 Aug 2025 quotes the figures"),
        "nato-later-press": (None, "edition date not verified"),
    },
    "milex": {
        "SIPRI 2025-04 (1949-2024)": ("2025-04", "SIPRI update of April 2025 (month only)"),
    },
    "ukraine_support": {
        "Kiel Ukraine Support Tracker Release 28": ("2026-04-22", "date in the release's file name"),
    },
    # headline figures of earlier tracker updates (table kiel_releases, column ``published``)
    "kiel_releases": {
        "UST to 2024-01": ("2024-02-16", "press conference at the Munich Security Conference"),
        "UST to 2024-02": ("2024-04-25", "'Update April 25, 2024' on the tracker's page"),
        "UST to 2024-10": (None, "publication day not found"),
        "UST to 2024-12": ("2025-02-14", "first dated report held"),
        "UST to 2025-02": (None, "publication day not found"),
    },
}

SINGLE_VINTAGE_TABLES = ("gdp", "democracy", "eu_qmv_population", "countries")


def available_from(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` -> that day; ``YYYY-MM`` -> the month's last day; ``None`` -> ``None``."""
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def release_day(table: str, release: str) -> dt.date | None:
    """The day ``release`` of ``table`` became public (:data:`RELEASE_DATES`), or None if not recorded."""
    for key, (when, _why) in RELEASE_DATES.get(table, {}).items():
        if str(release).startswith(key):
            return available_from(when)
    return None


def release_available(table: str, release: str, on: dt.date) -> bool:
    """Whether ``release`` of ``table`` was public on ``on`` (unknown releases and dates: False)."""
    day = release_day(table, release)
    return day is not None and day <= on


def full_defence_release() -> str:
    """The id of the newest complete first-hand NATO defence-expenditure workbook (``full``)."""
    full = [rid for rid, meta in DEFENCE_RELEASES.items() if meta.get("full")]
    if not full:  # pragma: no cover - the shipped schema always declares one
        raise LookupError("no complete NATO release is declared in DEFENCE_RELEASES")
    return full[-1]


def release_prefix(release_id: str) -> str:
    """The text the ``release`` column of a row of ``release_id`` starts with (e.g. ``NATO 2024-06``)."""
    meta = DEFENCE_RELEASES.get(release_id)
    return str(meta["prefix"]) if meta else release_id
