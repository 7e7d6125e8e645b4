"""The offline HTML report of a scenario run: one self-contained file, no network requests.

plotly.js is inlined once in the page head; every figure is a ``<div>`` that uses it. The map of
Europe is an inline SVG drawn from Natural Earth outlines shipped in ``assets/europe.geojson``
(see :mod:`redline.report.geometry`). Sections: headline answers; per issue the decision (blockers,
pivot, what it would take) and the bargaining forecast against its baselines; Article 5 credibility
the share of assumption draws in which attack pays and the annual P(attack) per state (map and table); levers with ΔP and paired intervals; escalation
curves before and after the ladder's observations; burden, alignment and faction plots; the claims
table; assumptions and codings; data provenance.
"""

from __future__ import annotations

from redline.report.markup import _esc, _kappa, _num, _regime, _scale, _table, _usd  # noqa: F401 - as before the split
from redline.report.page import build_html, write_report

__all__ = ["build_html", "write_report"]

# Modules (one part of the page each): markup (formatting primitives), headlines, issues, deterrence,
# escalation, analytics, appendix (events, assumptions, provenance), countries (one page per state),
# geometry (the map), page (the whole page and report.html). The names above stay importable from
# ``redline.report`` as before.
