"""The annual-probability link of the retrodiction backtest, fitted once and shipped with the package.

A scenario's P(deterrence failure) is the share of Monte Carlo draws of the *assumptions* (V, k_L,
k_W spread) in which attacking pays: at a knife edge (EU_C near 0) it is near 50% whatever the real
risk. The calibrated figure is the backtest's link P(attack in the year) = logistic(α + λ·EU_C)
(:mod:`redline.deterrence.backtest`), α and λ fitted by :func:`~redline.deterrence.backtest.fit_logit`
on the panel rows of the years up to ``last`` only: a scenario of year Y reads the fit with
``last = Y − 1`` (never a row of its own year or later; out of sample).

Coding the panel takes ~15 s, too slow for every run, so ``scripts/fit_deterrence_link.py`` builds
:data:`LINK_FILE` (α, λ per last panel year, the coded rows, the data snapshot, the command, the date)
and the adapter reads it; ``tests/test_deterrence_link.py`` checks the file against the code and data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import expit

__all__ = [
    "ANNUAL_NAME",
    "COMMAND",
    "FIRST",
    "KNIFE_EDGE",
    "LINK_CAVEAT",
    "LINK_FILE",
    "NO_LINK_GAME_FILE",
    "SHARE_COLUMN",
    "SHARE_NAME",
    "annual_text",
    "build_link",
    "eu_text",
    "fits_from_rows",
    "knife_edge",
    "link_for",
    "load_link",
    "p_attack_year",
    "share_text",
    "source_text",
]

LINK_FILE = Path(__file__).resolve().parent / "link_fit.json"
COMMAND = "python scripts/fit_deterrence_link.py"
FIRST = 2000
"""First panel year (the backtest's default ``--from``)."""


def fits_from_rows(rows: dict[str, list], first: int, last: int) -> dict[str, dict[str, Any]]:
    """α, λ, rows and attacks of the fit on the panel rows of years ``first``..L, for every L ≤ ``last``."""
    from redline.deterrence.backtest import fit_logit

    year = np.asarray(rows["year"], int)
    eu = np.asarray(rows["eu"], float)
    y = np.asarray(rows["y"], float)
    out = {}
    for end in range(first, last + 1):
        sel = year <= end
        alpha, lam = fit_logit(eu[sel], y[sel])
        out[str(end)] = {"alpha": alpha, "lam": lam, "rows": int(sel.sum()), "attacks": int(y[sel].sum())}
    return out


def coded_rows(first: int, last: int, targets: list[str] | None = None, snapshot: str | None = None) -> dict:
    """The backtest panel's scored rows (target, year, EU_C, attacked), coded as of 31 Dec of the year before."""
    from redline.deterrence.backtest import attacked, code_panel

    panel = code_panel(first, last, targets=targets, snapshot=snapshot)
    scored = panel[panel["excluded"] == ""]
    return {
        "target": [str(t) for t in scored["target"]],
        "year": [int(v) for v in scored["year"]],
        "eu": [float(v) for v in scored["eu"]],
        "y": [attacked(t, int(v), snapshot) for t, v in zip(scored["target"], scored["year"], strict=True)],
    }


def build_link(first: int = FIRST, last: int = 2025, snapshot: str | None = None) -> dict[str, Any]:
    """Code the panel ``first``..``last`` and fit the link for every last year (the shipped file's content)."""
    from redline.data import snapshot_version
    from redline.deterrence.backtest import PRIOR_SD

    rows = coded_rows(first, last, snapshot=snapshot)
    return {
        "what": "P(attack in the year) = logistic(alpha + lam * EU_C), fitted by redline.deterrence.backtest."
        "fit_logit (penalised ML) on the retrodiction panel's rows of the years first..last; key = last",
        "source": "redline backtest-deterrence panel (docs/deterrence.md, 'Retrodiction backtest'); attacks "
        "from challenger_stakes kind 'attack'",
        "data_snapshot": str(snapshot_version(snapshot)),
        "command": COMMAND,
        "built": dt.datetime.now(dt.UTC).date().isoformat(),
        "first": first,
        "last": last,
        "prior_sd": dict(PRIOR_SD),
        "fits": fits_from_rows(rows, first, last),
        "rows": rows,
    }


@lru_cache(maxsize=1)
def load_link() -> dict[str, Any]:
    """The shipped fit (:data:`LINK_FILE`)."""
    return json.loads(LINK_FILE.read_text())


def link_for(year: int) -> dict[str, Any] | None:
    """The fit a scenario of ``year`` uses: panel rows up to ``year − 1`` (the latest shipped if the
    file ends earlier, said in ``carried``); None before the panel's second year (no row to fit)."""
    link = load_link()
    end = min(int(year) - 1, int(link["last"]))
    if end < int(link["first"]):
        return None
    fit = link["fits"][str(end)]
    return {
        **fit,
        "first": int(link["first"]),
        "last": end,
        "carried": end < int(year) - 1,
        "data_snapshot": link["data_snapshot"],
        "built": link["built"],
        "command": link["command"],
    }


def p_attack_year(eu: float | np.ndarray, fit: dict[str, Any] | None) -> float | np.ndarray:
    """logistic(α + λ·EU_C) of ``fit``; NaN without a fit or an EU_C."""
    if fit is None:
        return math.nan
    out = expit(fit["alpha"] + fit["lam"] * np.asarray(eu, float))
    return float(out) if out.ndim == 0 else out


# --- the wording, shared by the headlines and the report ------------------------------------------------

SHARE_NAME = "share of the assumption draws in which attack pays"
"""What a Monte Carlo P(deterrence failure) (``p_failure``) is, in the words every output uses."""
SHARE_COLUMN = "attack pays (share of assumption draws)"
"""A table column or chart axis holding :data:`SHARE_NAME`."""
ANNUAL_NAME = "annual P(attack)"
"""The calibrated figure (``p_attack_year``): the link at the coded EU_C."""
NO_LINK_GAME_FILE = (
    "no annual P(attack): a game file's numbers are not coded from the data, and the link is fitted to "
    "games coded from the data (docs/deterrence.md, 'In a scenario')"
)
"""Said instead of a number for a game read from a file (e.g. the illustrative numbers)."""

KNIFE_EDGE = (0.25, 0.75)
"""A share of assumption draws in this range is called a knife edge: the spread of the assumptions
straddles the threshold, so the share says where the coded values sit, not how likely an attack is."""


def knife_edge(share: float | None) -> bool:
    """Whether the share of assumption draws in which attack pays is a knife edge (:data:`KNIFE_EDGE`)."""
    return share is not None and KNIFE_EDGE[0] <= share <= KNIFE_EDGE[1]


def share_text(share: float | None) -> str:
    """A share of the assumption draws as printed (``49.3%``; ``—`` without one)."""
    return "—" if share is None or math.isnan(share) else f"{share * 100:.1f}%"


def annual_text(p: float | None) -> str:
    """An annual probability as printed: two significant digits (whole percents from 10%), ``< 0.01%``
    below 0.01%, ``—`` without a fit."""
    if p is None or math.isnan(p):
        return "—"
    if p < 1e-4:
        return "< 0.01%"
    return f"{p * 100:.0f}%" if p >= 0.0995 else f"{p * 100:.2g}%"


def eu_text(eu: float | None) -> str:
    """EU_C at the coded values as printed (``EU_C = −0.001``)."""
    return "EU_C = —" if eu is None or math.isnan(eu) else "EU_C = " + f"{eu:.3f}".replace("-", "−")


LINK_CAVEAT = "an order of magnitude: out of sample no better than the base rate"
"""Said with every annual P(attack): the retrodiction backtest's link scores no better than the base rate
out of sample on all rows (Brier 0.00275 vs 0.00269, the difference's interval includes 0; docs/deterrence.md,
'Targets'), so its figures are orders of magnitude, not point forecasts."""


def source_text(link: dict[str, Any] | None) -> str:
    """Where the annual P(attack) comes from, and how far to trust it (:data:`LINK_CAVEAT`), in a
    headline's words."""
    if link is None:
        return f"no annual link: the retrodiction panel starts in {FIRST}"
    latest = ", the latest shipped" if link.get("carried") else ""
    return f"link fitted to the {link['first']}–{link['last']} record{latest}; {LINK_CAVEAT}"
