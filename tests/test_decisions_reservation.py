"""Signing with a national reservation, and isolation weighed by capability (issue 16, session 4).

An independent scalar reference of the holdout choice (written from the table in the module docstring,
not from the vectorised code), hand-checked small cases, the fitted parameters against the variant
grid and the documentation, and the typed summary entries for ``venue`` / ``mc_outcome``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from redline.backtest.crossval import DEFAULT_VARIANT, GRID, VARIANTS, _combos, variant_mask
from redline.backtest.method import FIRST_HOLDOUT, FITTED_HOLDOUT
from redline.decisions.holdout import (
    ACTIONS,
    OUTCOMES,
    HoldoutContext,
    HoldoutParams,
    choose,
    isolation,
    resolve,
    resolve_values,
)
from redline.errors import RedlineError
from redline.summary import OUTCOME_TYPES, IssueSummary, VenueSummary

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ the independent reference
def reference_action(
    loss: list[float],
    veto: list[bool],
    kappa: list[float],
    capability: list[float],
    *,
    offer: float,
    opt_out: bool,
    omega: float,
    reserve: bool,
    omega_r: float,
    rho: float,
    theta: float,
    delay: bool,
) -> list[str]:
    """Each actor's action, one actor at a time, with plain Python arithmetic."""
    opposed = [lo > 0 and v for lo, v in zip(loss, veto, strict=True)]
    total = sum(c for c, v in zip(capability, veto, strict=True) if v)
    out = []
    for i, lo in enumerate(loss):
        if not opposed[i]:
            out.append("accept")
            continue
        others = [j for j in range(len(loss)) if j != i and opposed[j]]
        heads = 1.0 / (1 + len(others))
        alone = 1.0 - sum(capability[j] for j in others) / total
        iota = (1 - theta) * heads + theta * alone
        options = [("concede", -lo + offer)]
        if opt_out:
            options.append(("opt_out", -omega * lo))
        if reserve:
            options.append(("reserve", -omega_r * lo))
        options.append(("delay" if delay else "block", -kappa[i] * iota - rho * lo))
        best = max(value for _, value in options)
        out.append(next(name for name, value in options if value == best))  # first of the equal best
    return out


def test_choice_matches_the_scalar_reference() -> None:
    rng = np.random.default_rng(20261203)  # fixed inputs: the check is deterministic
    for _ in range(300):
        n = int(rng.integers(1, 7))
        loss = np.where(rng.random(n) < 0.3, 0.0, rng.choice([0.1, 0.2, 0.4, 0.6, 0.8], n))
        veto = rng.random(n) < 0.85
        kappa = rng.choice([0.0, 0.2, 0.5, 0.8], n)
        cap = rng.choice([0.01, 0.05, 0.2, 0.6], n)
        kw = {
            "offer": float(rng.choice([0.0, 0.15, 0.3])),
            "opt_out": bool(rng.random() < 0.5),
            "omega": float(rng.choice([0.0, 0.25, 0.5])),
            "reserve": bool(rng.random() < 0.5),
            "omega_r": float(rng.choice([0.0, 0.25, 0.5, 1.0])),
            "rho": float(rng.choice([0.0, 0.5])),
            "theta": float(rng.choice([0.0, 0.5, 1.0])),
        }
        side, deadline = bool(rng.random() < 0.5), bool(rng.random() < 0.5)
        got = choose(
            loss[None, :],
            veto,
            kappa[None, :],
            offer=kw["offer"],
            opt_out_possible=kw["opt_out"],
            residual=kw["omega"],
            route_around=kw["rho"],
            deadline_pressure=deadline,
            side_payment_available=side,
            reservation_possible=kw["reserve"],
            reservation_residual=kw["omega_r"],
            capability=cap,
            capability_isolation=kw["theta"],
        )[0]
        want = reference_action(
            list(loss), list(veto), list(kappa), list(cap), **kw, delay=side and not deadline
        )
        assert [ACTIONS[a] for a in got] == want


# ------------------------------------------------------------------ hand-checked small cases
def _lone(context: HoldoutContext, params: HoldoutParams):  # noqa: ANN202
    """Five members at 100 and one at the status quo (0, salience 0.6); the proposal 100, adopted at 50.

    The lone holdout loses L = 0.6 and stands alone (iota = 1 by head count and, as its partners
    are nobody, by capability too).
    """
    position = np.array([[0.0, 100, 100, 100, 100, 100]])
    salience = np.array([[0.6, 0.5, 0.5, 0.5, 0.5, 0.5]])
    veto = np.ones(6, bool)
    kappa = np.full(6, np.nan)
    return resolve(
        position,
        salience,
        veto,
        kappa,
        0.0,
        np.array([100.0]),
        50.0,
        context=context,
        params=params,
        capability=np.array([0.05, 0.4, 0.2, 0.15, 0.1, 0.1]),
    )


def test_lone_holdout_with_a_reservation_available_signs_with_it() -> None:
    # block: -0.2 * 1 = -0.2; reserve: -0.25 * 0.6 = -0.15; concede: -0.6  -> reserve
    params = HoldoutParams(isolation_cost=0.2, offer=0.0, reservation_residual=0.25)
    result = _lone(HoldoutContext(reservation_possible=True), params)
    assert ACTIONS[result.action[0, 0]] == "reserve"
    assert OUTCOMES[result.outcome[0]] == "adopted_with_reservations"
    assert result.value[0] == 100.0


def test_without_a_reservation_the_lone_holdout_blocks_or_concedes_as_before() -> None:
    params = HoldoutParams(isolation_cost=0.2, offer=0.0, reservation_residual=0.25)
    blocked = _lone(HoldoutContext(), params)  # block -0.2 beats concede -0.6
    assert ACTIONS[blocked.action[0, 0]] == "block"
    assert OUTCOMES[blocked.outcome[0]] == "blocked"
    costly = HoldoutParams(isolation_cost=0.8, offer=0.0, reservation_residual=0.25)
    conceded = _lone(HoldoutContext(), costly)  # block -0.8 is worse than conceding -0.6
    assert ACTIONS[conceded.action[0, 0]] == "concede"
    assert OUTCOMES[conceded.outcome[0]] == "adopted"


def test_a_reservation_that_saves_less_than_blocking_costs_is_not_taken() -> None:
    # reserve: -0.5 * 0.6 = -0.3 is worse than block -0.2
    params = HoldoutParams(isolation_cost=0.2, offer=0.0, reservation_residual=0.5)
    result = _lone(HoldoutContext(reservation_possible=True), params)
    assert ACTIONS[result.action[0, 0]] == "block"


def test_default_parameters_give_the_first_model_exactly() -> None:
    """``reservation_residual = 1`` and ``capability_isolation = 0`` reproduce the session-2 model."""
    rng = np.random.default_rng(7)
    position = rng.uniform(0, 100, (64, 9))
    salience = rng.uniform(0.1, 1, (64, 9))
    veto = np.ones(9, bool)
    kappa = np.full(9, np.nan)
    cap = rng.uniform(0.01, 1, 9)
    proposal = rng.uniform(40, 100, 64)
    first = resolve(position, salience, veto, kappa, 10.0, proposal, 50.0, params=FIRST_HOLDOUT)
    with_flag = resolve(
        position,
        salience,
        veto,
        kappa,
        10.0,
        proposal,
        50.0,
        context=HoldoutContext(reservation_possible=True),
        params=FIRST_HOLDOUT,
        capability=cap,
    )
    np.testing.assert_array_equal(first.action, with_flag.action)
    np.testing.assert_array_equal(first.value, with_flag.value)


def test_capability_isolation_by_hand() -> None:
    """Seven small members oppose (capability 1 each) against one large supporter (93)."""
    opposed = np.array([[True] * 7 + [False]])
    cap = np.array([1.0] * 7 + [93.0])
    heads = isolation(opposed)
    np.testing.assert_allclose(heads[0, :7], 1 / 7)
    weighed = isolation(opposed, cap, 1.0)
    np.testing.assert_allclose(weighed[0, :7], 1 - 6 / 100)  # the six others hold 6 % of the weight
    half = isolation(opposed, cap, 0.5)
    np.testing.assert_allclose(half[0, :7], 0.5 / 7 + 0.5 * 0.94)


def test_many_small_holdouts_block_by_head_count_but_not_by_capability() -> None:
    """The nato-2025 shape: small allies opposed together, an opt-out on the table."""
    position = np.array([[0.0] * 7 + [100.0]])
    salience = np.array([[0.8] * 7 + [0.9]])
    cap = np.array([1.0] * 7 + [93.0])
    veto = np.ones(8, bool)
    context = HoldoutContext(opt_out_possible=True)
    # head count: block -0.5/7 = -0.071 beats opting out -0.5 * 0.8 = -0.4
    heads = resolve(
        position,
        salience,
        veto,
        np.full(8, np.nan),
        0.0,
        np.array([100.0]),
        50.0,
        context=context,
        params=HoldoutParams(isolation_cost=0.5, opt_out_residual=0.5, offer=0.0),
        capability=cap,
    )
    assert OUTCOMES[heads.outcome[0]] == "blocked"
    # capability: block -0.5 * 0.94 = -0.47 is worse than opting out -0.4
    weighed = resolve(
        position,
        salience,
        veto,
        np.full(8, np.nan),
        0.0,
        np.array([100.0]),
        50.0,
        context=context,
        params=HoldoutParams(isolation_cost=0.5, opt_out_residual=0.5, offer=0.0, capability_isolation=1.0),
        capability=cap,
    )
    assert OUTCOMES[weighed.outcome[0]] == "adopted_with_opt_outs"


def test_resolve_values_equals_resolve() -> None:
    rng = np.random.default_rng(11)
    position = rng.uniform(0, 100, (40, 6))
    salience = rng.uniform(0.1, 1, (40, 6))
    veto = np.array([True, True, True, True, False, True])
    kappa = np.array([np.nan, 0.4, np.nan, np.nan, np.nan, 0.1])
    cap = rng.uniform(0.01, 1, 6)
    proposal = rng.uniform(30, 100, 40)
    context = HoldoutContext(
        opt_out_possible=True, reservation_possible=True, side_payment_available=True, route_around=True
    )
    combos = _combos()[::97]
    values = resolve_values(
        position, salience, veto, kappa, 20.0, proposal, params_list=combos, context=context, capability=cap
    )
    for k, params in enumerate(combos):
        one = resolve(
            position,
            salience,
            veto,
            kappa,
            20.0,
            proposal,
            60.0,
            context=context,
            params=params,
            capability=cap,
        )
        np.testing.assert_array_equal(values[k], one.value)


# ------------------------------------------------------------------ the fit and its documentation
def test_variants_pin_their_part_of_the_grid() -> None:
    combos = _combos()
    first = variant_mask("holdout_first", combos)
    assert first.sum() == len(combos) // (
        len(GRID["reservation_residual"]) * len(GRID["capability_isolation"])
    )
    assert all(
        c.reservation_residual == 1.0 and c.capability_isolation == 0.0
        for c, m in zip(combos, first, strict=True)
        if m
    )
    assert variant_mask("holdout_reservation_capability", combos).all()
    with pytest.raises(RedlineError, match="variant"):
        variant_mask("nonsense", combos)


def test_fitted_parameters_are_a_grid_point_of_the_default_variant_and_documented() -> None:
    assert DEFAULT_VARIANT in VARIANTS
    assert FITTED_HOLDOUT in [c for c, m in zip(_combos(), variant_mask(DEFAULT_VARIANT), strict=True) if m]
    assert FIRST_HOLDOUT in [c for c, m in zip(_combos(), variant_mask("holdout_first"), strict=True) if m]
    doc = (ROOT / "docs" / "backtest.md").read_text(encoding="utf-8")
    assert "redline backtest backtest/cases --cv loo --draws 100" in doc
    for name, value in FITTED_HOLDOUT.to_dict().items():
        assert re.search(rf"{name}\s*=\s*{value:g}\b", doc), (
            f"docs/backtest.md should give {name} = {value:g}"
        )


# ------------------------------------------------------------------ typed summary entries
def _interval(mean: float) -> dict:
    return {"mean": mean, "lo": max(0.0, mean - 0.01), "hi": min(1.0, mean + 0.01), "n": 100}


def _issue(**extra) -> dict:  # noqa: ANN003
    base = {
        "id": "x",
        "title": "X",
        "status_quo": 0,
        "proposal": 100,
        "rule": "nato-consensus",
        "pass_threshold": 50,
    }
    return base | extra


def test_summary_reads_venue_and_outcomes_typed() -> None:
    assert OUTCOME_TYPES == OUTCOMES
    venue = {
        "kind": "nato-consensus",
        "words": "NATO consensus",
        "coded_outcome": "adopted_with_reservations",
        "coded_actions": {"reserve": ["ESP"], "block": []},
        "flags": {"reservation_possible": True},
    }
    outcomes = {
        "adopted": _interval(0.2),
        "adopted_with_reservations": _interval(0.7),
        "blocked": _interval(0.1),
    }
    typed = IssueSummary.model_validate(_issue(venue=venue, mc_outcome=outcomes, mc_adopted=_interval(0.9)))
    assert isinstance(typed.venue, VenueSummary)
    assert typed.venue.coded_actions["reserve"] == ["ESP"]
    assert typed.mc_outcome["adopted_with_reservations"].mean == 0.7


@pytest.mark.parametrize(
    ("venue", "outcomes", "message"),
    [
        ({"kind": "senate", "coded_outcome": "adopted"}, None, "venue kind"),
        ({"kind": "eu-unanimity", "coded_outcome": "passed"}, None, "outcome type"),
        (
            {"kind": "eu-unanimity", "coded_outcome": "adopted", "coded_actions": {"sulk": ["HUN"]}},
            None,
            "actions",
        ),
        (None, {"adopted": _interval(0.5), "blocked": _interval(0.2)}, "summing to 1"),
        (None, {"won": _interval(1.0)}, "outcome types"),
    ],
)
def test_summary_refuses_malformed_venue_entries(venue, outcomes, message) -> None:  # noqa: ANN001
    from pydantic import ValidationError

    extra = {k: v for k, v in {"venue": venue, "mc_outcome": outcomes}.items() if v is not None}
    with pytest.raises(ValidationError, match=message):
        IssueSummary.model_validate(_issue(**extra))
