"""Entry points of the bargaining model: one forecast with its history, or a batch of draws."""

from __future__ import annotations

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.bargaining.baselines import baselines as _baselines
from redline.bargaining.bdm import (
    MOVE_TYPES,
    BDMSettings,
    resolve_settings,
    simulate,
    status_label,
    validate_inputs,
    weighted_mean,
    weighted_median,
)
from redline.bargaining.result import BargainingResult, BatchForecast, Trajectory
from redline.budget import check_memory, check_work
from redline.errors import RedlineError

__all__ = ["batch_work", "forecast", "forecast_batch"]


def forecast(
    actors: ActorTable | tuple | dict,
    *,
    compat: str = "default",
    prob_rule: str | None = None,
    offer_selection: str | None = None,
    perspective: str | None = None,
    delta: str | float = "initial_range",
    Q: float = 1.0,
    T: float = 1.0,
    tol: float = 1e-6,
    max_rounds: int = 1000,
    status_quo: float | None = None,
) -> BargainingResult:
    """Forecast the outcome of one issue with Bueno de Mesquita's expected-utility model.

    Parameters
    ----------
    actors
        An :class:`~redline.actors.ActorTable`, a ``(position, capability, salience)`` tuple of 1-D
        arrays, or a dict with those keys (and optionally ``actor`` names).
    compat
        ``"default"`` (models.md §1.3-1.6), ``"scholz_code"`` (reproduces jmckib's transcription of the
        Scholz et al. code) or ``"dmasad"``; ``prob_rule``, ``offer_selection`` and ``perspective``
        override single switches of the preset (§1.7).
    delta
        Distance normaliser: ``"initial_range"`` (max - min of the initial positions), ``"issue_scale"``
        (100) or a number.
    Q, T, tol, max_rounds
        Model parameters of §1.2.
    status_quo
        Reported as a baseline beside the forecast (it does not enter the model at ``Q = 1``).

    Returns
    -------
    BargainingResult
        ``forecast``, ``status`` (``converged`` | ``cycle(k)`` | ``max_rounds``), ``rounds``, the
        per-round ``trajectory`` and ``moves``, ``baselines``; ``to_frame()`` and ``to_dict()``.

    Examples
    --------
    >>> from redline.bargaining import forecast
    >>> result = forecast(([4, 7, 10], [1, 1, 1], [0.5, 0.5, 0.5]))
    >>> result.status
    'converged'

    References
    ----------
    Bueno de Mesquita (1994); Scholz, Calbert & Smith (2011), J. Theoretical Politics 23(4).
    """
    names, position, capability, salience = _unpack(actors)
    settings = resolve_settings(
        compat,
        prob_rule=prob_rule,
        offer_selection=offer_selection,
        perspective=perspective,
        delta=delta,
        Q=Q,
        T=T,
        tol=tol,
        max_rounds=max_rounds,
    )
    x, c, s = validate_inputs(position, capability, salience)
    if x.shape[0] != 1:
        raise RedlineError("forecast: expected one issue (1-D arrays); use forecast_batch for draws")
    check_size(1, x.shape[1], settings)
    # One kernel per setting, so forecast() and forecast_batch() always give the same answer.
    from redline.bargaining.compiled import covers, simulate_compiled  # numba loads on first use

    if covers(settings):
        out = simulate_compiled(x, c, s, settings, record=True)
    else:
        out = simulate(x, c, s, settings, record=True)
    history = out["history"]
    w = c * s
    n = x.shape[1]
    positions = np.vstack([x[0]] + [h["positions"][0] for h in history])
    risk = np.vstack([np.full(n, np.nan)] + [h["r"][0] for h in history])
    median = np.concatenate([weighted_median(x, w), [h["median"][0] for h in history]])
    mean = np.concatenate([weighted_mean(x, w), [h["mean"][0] for h in history]])
    return BargainingResult(
        actors=names,
        forecast=float(out["forecast"][0]),
        status=status_label(out["status"][0]),
        rounds=int(out["rounds"][0]),
        cycle_min=float(out["cycle_min"][0]),
        cycle_max=float(out["cycle_max"][0]),
        trajectory=Trajectory(median=median, mean=mean, positions=positions, risk_exponent=risk),
        moves=_moves(history, positions, names),
        baselines=_baselines(position=x[0], capability=c[0], salience=s[0], status_quo=status_quo),
        settings=settings.to_dict(),
    )


MOVE_COLUMNS = ["round", "actor", "move_type", "counterpart", "from_position", "to_position", "E_ij", "E_ji"]


def _moves(history: list[dict[str, np.ndarray]], positions: np.ndarray, names: list) -> pd.DataFrame:
    """One row per move of one forecast (round, actor, move type, counterpart, positions before and
    after, the two expected utilities), in round order then actor order. Built column by column from
    the kernel's history arrays: a long run makes tens of thousands of moves."""
    parts = []
    for t, h in enumerate(history, start=1):
        moved = np.flatnonzero(h["kind"][0] > 0)
        if moved.size:
            parts.append((np.full(moved.size, t, dtype=np.int64), moved, h))
    if not parts:
        return pd.DataFrame([], columns=MOVE_COLUMNS)
    label = np.array(names, dtype=object)
    kinds = np.array(MOVE_TYPES, dtype=object)
    rounds = np.concatenate([r for r, _, _ in parts])
    actor = np.concatenate([i for _, i, _ in parts])
    columns = {
        "round": rounds,
        "actor": label[actor],
        "move_type": kinds[np.concatenate([h["kind"][0, i].astype(np.int64) for _, i, h in parts])],
        "counterpart": label[np.concatenate([h["counterpart"][0, i].astype(np.int64) for _, i, h in parts])],
        "from_position": positions[rounds - 1, actor].astype(float),
        "to_position": positions[rounds, actor].astype(float),
        "E_ij": np.concatenate([h["E_ij"][0, i] for _, i, h in parts]).astype(float),
        "E_ji": np.concatenate([h["E_ji"][0, i] for _, i, h in parts]).astype(float),
    }
    return pd.DataFrame(columns, columns=MOVE_COLUMNS)


def forecast_batch(
    position,
    capability,
    salience,
    *,
    compat: str = "default",
    prob_rule: str | None = None,
    offer_selection: str | None = None,
    perspective: str | None = None,
    delta: str | float = "initial_range",
    Q: float = 1.0,
    T: float = 1.0,
    tol: float = 1e-6,
    max_rounds: int = 1000,
) -> BatchForecast:
    """Run the model on many draws at once: arrays of shape (draws, actors); returns per-draw arrays.

    All draws advance together round by round and each stops on its own (converged, cycle or
    ``max_rounds``). Options as in :func:`forecast`. Inputs are not modified.

    Examples
    --------
    >>> import numpy as np
    >>> batch = forecast_batch(np.array([[4, 7, 10.0], [4, 5, 10.0]]), np.ones((2, 3)), np.full((2, 3), 0.5))
    >>> batch.forecast.shape
    (2,)
    """
    settings = resolve_settings(
        compat,
        prob_rule=prob_rule,
        offer_selection=offer_selection,
        perspective=perspective,
        delta=delta,
        Q=Q,
        T=T,
        tol=tol,
        max_rounds=max_rounds,
    )
    x, c, s = validate_inputs(position, capability, salience)
    return run_batch(x, c, s, settings)


def check_size(draws: int, actors: int, settings: BDMSettings) -> None:
    """Refuse a batch that would not fit in memory or would run for hours (before any work).

    Memory: a few dozen (draws, actors) arrays, and (draws, actors, actors) blocks of a bounded chunk.
    Work: every round compares every pair of actors (n^2 log n with sorted vote sums), up to the
    round cap (under coding noise many draws run to ``max_rounds``).
    """
    hint = "ask for fewer draws, fewer actors or fewer rounds (--max-rounds)"
    chunk = min(draws, 4096)
    check_memory("bargaining", 8.0 * (40 * draws * actors + 6 * chunk * actors * actors), hint=hint)
    check_work("bargaining", batch_work(draws, actors, settings.max_rounds), hint=hint)


def batch_work(draws: int, actors: int, max_rounds: int = 1000) -> float:
    """Elementary operations of a batch, worst case: every round compares every pair of actors
    (n^2 log n with sorted vote sums) up to ``max_rounds`` (under coding noise about half the draws
    run to the cap; the mean is 80% of it on the 32-actor benchmark). Measured on the 51 backtest
    cases: 3.4 ns of CPU per operation on the compiled kernel, so the default work
    budget of 1e11 is about 6 CPU-minutes (3 minutes on two free cores).
    """
    return float(draws) * max(int(max_rounds), 1) * actors * actors * float(np.log2(actors + 2))


def run_batch(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, settings: BDMSettings, *, kernel: str = "auto"
) -> BatchForecast:
    """:func:`forecast_batch` on validated arrays and resolved settings (used by Monte Carlo).

    ``kernel="auto"`` runs the default model (also with ``prob_rule="net"``, any ``delta``) on the
    compiled kernel (:mod:`redline.bargaining.compiled`) and every other option on the NumPy kernel
    (:func:`~redline.bargaining.bdm.simulate`); ``kernel="numpy"`` forces the NumPy kernel.
    """
    if kernel not in ("auto", "numpy"):
        raise RedlineError(f"kernel: expected 'auto' or 'numpy', got {kernel!r}")
    check_size(x.shape[0], x.shape[1], settings)
    from redline.bargaining.compiled import covers, simulate_compiled  # numba loads on first use

    compiled = kernel == "auto" and covers(settings)
    out = simulate_compiled(x, c, s, settings) if compiled else simulate(x, c, s, settings)
    return BatchForecast(
        forecast=out["forecast"],
        status=out["status"],
        rounds=out["rounds"],
        cycle_min=out["cycle_min"],
        cycle_max=out["cycle_max"],
        final_positions=out["final_positions"],
        moves=out["moves"],
        counterpart_moves=out["counterpart_moves"],
    )


def _unpack(actors) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(actors, ActorTable):
        return actors.actor, actors.position, actors.capability, actors.salience
    if isinstance(actors, dict):
        try:
            position, capability, salience = actors["position"], actors["capability"], actors["salience"]
        except KeyError as exc:
            raise RedlineError(
                f"actors: missing key {exc.args[0]!r} (need position, capability, salience)"
            ) from None
        names = actors.get("actor")
    elif isinstance(actors, tuple | list) and len(actors) == 3:
        position, capability, salience = actors
        names = None
    else:
        raise RedlineError(
            "actors: expected an ActorTable, a (position, capability, salience) tuple or a dict"
        )
    n = np.size(position)
    names = tuple(str(a) for a in names) if names is not None else tuple(f"actor{i + 1}" for i in range(n))
    if len(names) != n:
        raise RedlineError(f"actors: {len(names)} names for {n} positions")
    return names, np.asarray(position), np.asarray(capability), np.asarray(salience)
