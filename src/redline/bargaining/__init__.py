"""Bargaining: Bueno de Mesquita's expected-utility forecast of a group decision (models.md §1).

``forecast`` runs one issue and keeps its history; ``forecast_batch`` runs many draws at once;
``monte_carlo`` samples uncertain codings and returns the forecast distribution; ``baselines`` gives
the naive forecasts (weighted mean, weighted median, status quo) the model must beat.
"""

from __future__ import annotations

from redline.bargaining.baselines import baselines
from redline.bargaining.bdm import BDMSettings, resolve_settings, status_label
from redline.bargaining.model import forecast, forecast_batch
from redline.bargaining.montecarlo import BargainingDistribution, monte_carlo
from redline.bargaining.result import BargainingResult, BatchForecast, Trajectory

__all__ = [
    "BDMSettings",
    "BargainingDistribution",
    "BargainingResult",
    "BatchForecast",
    "Trajectory",
    "baselines",
    "forecast",
    "forecast_batch",
    "monte_carlo",
    "resolve_settings",
    "status_label",
]
