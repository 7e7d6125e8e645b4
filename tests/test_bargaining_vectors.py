"""The §1.9 test vectors of models.md, checked on the library kernel AND on the scalar reference."""

from __future__ import annotations

import numpy as np
import pytest

from bdm_reference import Model, reference_forecast
from redline.bargaining import forecast
from redline.bargaining.bdm import expected_utility, risk_exponents, utilities, win_probability

# §1.9.2: Bueno de Mesquita (1994), EC car-emissions standards (also Scholz et al. 2011, Table 1).
CLASSIC = {
    "actor": (
        "Netherlands",
        "Belgium",
        "Luxembourg",
        "Germany",
        "France",
        "Italy",
        "UK",
        "Ireland",
        "Denmark",
        "Greece",
    ),
    "capability": [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08],
    "position": [4, 7, 4, 4, 10, 10, 10, 7, 4, 7],
    "salience": [0.80, 0.40, 0.20, 0.80, 0.60, 0.60, 0.90, 0.10, 1.00, 0.70],
}
NL, BE, LU, DE, FR, IT, UK, IE, DK, GR = range(10)

# §1.9.5: illustrative alliance issue (invented numbers, tests only).
ALLIANCE = {
    "actor": ("USA", "UK", "France", "Germany", "Poland", "Hungary", "Turkey"),
    "capability": [1.00, 0.25, 0.25, 0.35, 0.15, 0.05, 0.20],
    "position": [40, 80, 70, 20, 95, 0, 30],
    "salience": [0.70, 0.60, 0.50, 0.60, 0.90, 0.80, 0.30],
}
SCHOLZ = {"prob_rule": "scholz_code", "offer_selection": "scholz_code"}
DMASAD = {"prob_rule": "net", "perspective": "own"}


def _args(data):
    return data["position"], data["capability"], data["salience"]


def _pairwise(data, rule="symmetric"):
    """Kernel P and EU(i -> j; r = 1) matrices of one data set at its initial positions."""
    x = np.array(data["position"], dtype=float)
    w = np.array(data["capability"]) * np.array(data["salience"])
    s = np.array(data["salience"])
    delta = x.max() - x.min()
    d = np.abs(x[:, None] - x[None, :]) / delta
    p = win_probability(d[None], w[None], rule, np.ones((1, len(x))))[0]
    eu = expected_utility(d, 0.0, p, s[None, :], 1.0)
    eu[d == 0] = 0.0
    return p, eu


# --- §1.9.1 formula unit checks -----------------------------------------------------------------------


def test_utilities_unit_checks():
    u = utilities(1.0, 0.5, 1.0)
    assert [u[k] for k in ("U_s", "U_f", "U_b", "U_w", "U_sq")] == pytest.approx(
        [2, -2, 1.5, -1.5, 0], abs=1e-12
    )
    u = utilities(1.0, 0.5, 2.0)
    assert (u["U_s"], u["U_f"], u["U_sq"]) == pytest.approx((2, -2, 1), abs=1e-12)
    u = utilities(0.5, 0.0, 0.5)
    assert (u["U_s"], u["U_f"], u["U_sq"]) == pytest.approx((0, -1.464102, -0.828427), abs=1e-6)


def test_risk_map():
    # dangers (0, 1, 2): R = -1, 0, 1 -> r = 2, 1, 0.5
    assert risk_exponents(np.array([[0.0, 1.0, 2.0]]))[0] == pytest.approx([2.0, 1.0, 0.5])
    assert risk_exponents(np.array([[3.0, 3.0]]))[0] == pytest.approx([1.0, 1.0])


# --- §1.9.2 classic data, default model ----------------------------------------------------------------


def test_classic_probabilities_and_eu():
    p, eu = _pairwise(CLASSIC)
    assert p[NL, FR] == pytest.approx(0.424658, abs=1e-6)
    assert p[FR, BE] == pytest.approx(0.496307, abs=1e-6)
    assert p[BE, NL] == pytest.approx(0.633678, abs=1e-6)
    for (i, j), value in {
        (NL, FR): 0.619178,
        (NL, UK): -0.071233,
        (FR, LU): 1.660274,
        (BE, UK): 0.106647,
        (GR, DK): 0.267356,
    }.items():
        assert eu[i, j] == pytest.approx(value, abs=1e-6)
    danger = eu.sum(axis=0)
    expected = [
        3.164942,
        3.763368,
        7.541236,
        3.164942,
        3.690006,
        3.690006,
        0.035009,
        6.190842,
        1.706178,
        1.335894,
    ]
    assert danger == pytest.approx(expected, abs=1e-6)


CLASSIC_R1 = [
    1.117181,
    1.004407,
    0.500000,
    1.117181,
    1.017582,
    1.017582,
    2.000000,
    0.648264,
    1.453712,
    1.556875,
]
CLASSIC_MOVES1 = {  # receiver: (counterpart, type, new x)
    NL: (UK, "compromise", 6.811040),
    BE: (FR, "conflict", 10),
    LU: (BE, "conflict", 7),
    DE: (UK, "compromise", 6.811040),
    FR: (GR, "conflict", 7),
    IT: (GR, "conflict", 7),
    IE: (FR, "conflict", 10),
    DK: (GR, "compromise", 4.080058),
    GR: (UK, "compromise", 7.712403),
}


def test_classic_round_one_kernel():
    result = forecast(CLASSIC)
    assert result.trajectory.median[0] == 7
    assert result.trajectory.mean[0] == pytest.approx(7.389956, abs=1e-6)
    assert result.trajectory.risk_exponent[1] == pytest.approx(CLASSIC_R1, abs=1e-6)
    moves = result.moves[result.moves["round"] == 1].set_index("actor")
    assert set(moves.index) == {CLASSIC["actor"][i] for i in CLASSIC_MOVES1}
    for i, (j, kind, new_x) in CLASSIC_MOVES1.items():
        row = moves.loc[CLASSIC["actor"][i]]
        assert (row["counterpart"], row["move_type"]) == (CLASSIC["actor"][j], kind)
        assert row["to_position"] == pytest.approx(new_x, abs=1e-6)
    for actor, e_ij, e_ji in [("Netherlands", -0.227259, 0.485070), ("Denmark", -0.004216, 0.157996)]:
        assert (moves.loc[actor, "E_ij"], moves.loc[actor, "E_ji"]) == pytest.approx((e_ij, e_ji), abs=1e-6)
    after = [6.811040, 10, 7, 6.811040, 7, 7, 10, 10, 4.080058, 7.712403]
    assert result.trajectory.positions[1] == pytest.approx(after, abs=1e-6)
    assert (result.trajectory.median[1], result.trajectory.mean[1]) == pytest.approx((7, 7.591754), abs=1e-6)


def test_classic_round_one_reference():
    model = Model(*_args(CLASSIC))
    out = model.round([float(v) for v in CLASSIC["position"]])
    assert out["r"] == pytest.approx(CLASSIC_R1, abs=1e-6)
    for i, (j, kind, new_x) in CLASSIC_MOVES1.items():
        move = out["moves"][i]
        assert (move["counterpart"], move["type"]) == (j, kind)
        assert move["position"] == pytest.approx(new_x, abs=1e-6)
    assert out["moves"][UK] is None


def test_classic_converges_after_181_rounds_and_matches_reference():
    result = forecast(CLASSIC)
    assert (result.status, result.rounds) == ("converged", 181)
    assert result.forecast == pytest.approx(7.0, abs=1e-6)
    assert np.abs(result.final_positions - 7.0).max() <= 1.2e-4
    assert result.trajectory.mean[-1] == pytest.approx(7.000021, abs=1e-6)
    ref = reference_forecast(*_args(CLASSIC))
    assert (ref["status"], ref["rounds"]) == ("converged", 181)
    np.testing.assert_allclose(result.trajectory.positions, np.array(ref["positions"]), rtol=0, atol=1e-9)
    np.testing.assert_allclose(result.trajectory.median, ref["medians"], rtol=0, atol=1e-9)


# --- §1.9.3 scholz_code ------------------------------------------------------------------------------

SCHOLZ_ROUNDS = {  # round: (Belgium, Luxembourg, Ireland, median, mean)
    1: (8.415932315427, 7.0, 4.0, 8.415932315427, 7.461314378277),
    2: (9.610859134120, 8.415932315427, 7.0, 9.610859134120, 7.552500865856),
    3: (9.961979590401, 9.610859134120, 8.415932315427, 9.961979590401, 7.590144997452),
    4: (4.800881140633, None, None, None, None),
    10: (4.291541224980, 4.144849062501, 4.144849062501, 7.0, 7.242130958474),
}


@pytest.mark.parametrize("engine", ["kernel", "reference"])
def test_scholz_code_matches_jmckib_to_12_decimals(engine):
    if engine == "kernel":
        result = forecast(CLASSIC, compat="scholz_code", max_rounds=10)
        positions, medians, means = (
            result.trajectory.positions,
            result.trajectory.median,
            result.trajectory.mean,
        )
        assert result.status != "converged"
    else:
        ref = reference_forecast(*_args(CLASSIC), max_rounds=10, **SCHOLZ)
        positions, medians, means = np.array(ref["positions"]), ref["medians"], ref["means"]
    for t, (be, lu, ie, mu, mean) in SCHOLZ_ROUNDS.items():
        for got, want in ((positions[t, BE], be), (positions[t, LU], lu), (positions[t, IE], ie)):
            if want is not None:
                assert abs(got - want) < 1e-12
        if mu is not None:
            assert abs(medians[t] - mu) < 1e-12 and abs(means[t] - mean) < 1e-12
    # only the three small actors move in the first rounds
    assert np.all(positions[1:4, [NL, DE, FR, IT, UK, DK, GR]] == positions[0, [NL, DE, FR, IT, UK, DK, GR]])


def test_scholz_code_round_one_details():
    p, _ = _pairwise(CLASSIC, "scholz_code")
    assert p[NL, FR] == pytest.approx(0.008784, abs=1e-6)
    result = forecast(CLASSIC, compat="scholz_code", max_rounds=4)
    r1 = [1.405653, 0.754196, 0.508864, 1.405653, 1.046524, 1.046524, 1.964898, 0.500000, 2.000000, 1.112125]
    assert result.trajectory.risk_exponent[1] == pytest.approx(r1, abs=1e-6)
    moves = result.moves.set_index(["round", "actor"])
    belgium = moves.loc[(1, "Belgium")]
    assert (belgium["move_type"], belgium["counterpart"]) == ("compromise", "France")
    assert (belgium["E_ij"], belgium["E_ji"]) == pytest.approx((-0.114831, 0.243297), abs=1e-6)
    assert tuple(moves.loc[(1, "Luxembourg"), ["move_type", "counterpart"]]) == ("conflict", "Belgium")
    assert tuple(moves.loc[(1, "Ireland"), ["move_type", "counterpart"]]) == ("conflict", "Luxembourg")
    assert tuple(moves.loc[(4, "Belgium"), ["move_type", "counterpart"]]) == ("compromise", "Netherlands")


# --- §1.9.4 dmasad -----------------------------------------------------------------------------------


def test_dmasad_round_one_and_oscillation():
    result = forecast(CLASSIC, compat="dmasad", max_rounds=10)
    r1 = [1.127198, 0.780918, 0.500000, 1.127198, 1.077892, 1.077892, 2.000000, 0.524782, 1.471697, 1.140479]
    assert result.trajectory.risk_exponent[1] == pytest.approx(r1, abs=1e-6)
    first = result.moves[result.moves["round"] == 1].set_index("actor")
    assert set(first.index) == {"Luxembourg", "Ireland"}
    assert tuple(first.loc["Luxembourg", ["move_type", "counterpart"]]) == ("conflict", "France")
    assert tuple(first.loc["Ireland", ["move_type", "counterpart"]]) == ("compromise", "France")
    positions = result.trajectory.positions
    assert positions[1, LU] == 10 and positions[1, IE] == pytest.approx(7.188031, abs=1e-6)
    assert list(positions[1:5, LU]) == [10, 4, 10, 4]
    assert positions[2:5, IE] == pytest.approx([7.124, 6.967, 7.154], abs=1e-3)
    assert result.status != "converged"
    ref = reference_forecast(*_args(CLASSIC), max_rounds=10, **DMASAD)
    np.testing.assert_allclose(positions, np.array(ref["positions"]), rtol=0, atol=1e-9)


# --- §1.9.5 illustrative alliance issue ---------------------------------------------------------------


def test_alliance_round_one():
    p, eu = _pairwise(ALLIANCE)
    assert p[0, 1:] == pytest.approx([0.744015, 0.711268, 0.816176, 0.824796, 0.966102, 0.781690], abs=1e-6)
    assert p[4, 5] == pytest.approx(0.502226, abs=1e-6)
    assert eu[0, 1:] == pytest.approx([0.583425, 0.449222, 0.328173, 0.792732, 0.796432, 0.182950], abs=1e-6)
    assert (eu[5, 0], eu[2, 0]) == pytest.approx((-0.296878, 0.002669), abs=1e-6)
    danger = [-0.588329, 2.251945, 1.916811, 1.460355, 3.187864, 4.059454, 2.454597]
    assert eu.sum(axis=0) == pytest.approx(danger, abs=1e-6)
    result = forecast(ALLIANCE)
    assert result.baselines["weighted_median"] == 40
    assert result.baselines["weighted_mean"] == pytest.approx(47.588028, abs=1e-6)
    r1 = [2.000000, 0.862078, 0.949322, 1.082195, 0.655198, 0.500000, 0.813012]
    assert result.trajectory.risk_exponent[1] == pytest.approx(r1, abs=1e-6)
    moves = result.moves[result.moves["round"] == 1].set_index("actor")
    expected = {
        "UK": ("compromise", "USA", 79.358082),
        "France": ("conflict", "USA", 40),
        "Germany": ("compromise", "USA", 23.927904),
        "Poland": ("compromise", "UK", 93.973975),
        "Hungary": ("compromise", "Germany", 2.244409),
        "Turkey": ("compromise", "USA", 30.961514),
    }
    assert set(moves.index) == set(expected)
    for actor, (kind, other, new_x) in expected.items():
        assert (moves.loc[actor, "move_type"], moves.loc[actor, "counterpart"]) == (kind, other)
        assert moves.loc[actor, "to_position"] == pytest.approx(new_x, abs=1e-6)
    assert (moves.loc["UK", "E_ij"], moves.loc["UK", "E_ji"]) == pytest.approx(
        (-0.009312, 0.580247), abs=1e-6
    )
    assert (moves.loc["France", "E_ij"], moves.loc["France", "E_ji"]) == pytest.approx(
        (0.007688, 0.447168), abs=1e-6
    )
    assert (result.trajectory.median[1], result.trajectory.mean[1]) == pytest.approx(
        (40, 45.466568), abs=1e-6
    )


def test_alliance_converges_after_146_rounds_and_matches_reference():
    result = forecast(ALLIANCE)
    assert (result.status, result.rounds) == ("converged", 146)
    assert result.forecast == pytest.approx(40.0, abs=1e-6)
    assert np.abs(result.final_positions - 40).max() <= 1e-3
    ref = reference_forecast(*_args(ALLIANCE))
    assert (ref["status"], ref["rounds"]) == ("converged", 146)
    np.testing.assert_allclose(result.trajectory.positions, np.array(ref["positions"]), rtol=0, atol=1e-9)


def test_alliance_scholz_code():
    result = forecast(ALLIANCE, compat="scholz_code", max_rounds=20)
    moves = result.moves.set_index(["round", "actor"])
    france = moves.loc[(1, "France")]
    assert (france["move_type"], france["counterpart"], france["to_position"]) == ("capitulation", "UK", 80)
    assert (france["E_ij"], france["E_ji"]) == pytest.approx((-0.032163, 0.003087), abs=1e-6)
    assert tuple(moves.loc[(1, "Turkey"), ["move_type", "counterpart", "to_position"]]) == (
        "conflict",
        "France",
        70,
    )
    assert tuple(moves.loc[(2, "France"), ["move_type", "counterpart"]]) == ("compromise", "Germany")
    assert moves.loc[(2, "France"), "to_position"] == pytest.approx(35.083260, abs=1e-6)
    assert moves.loc[(2, "Turkey"), "to_position"] == 80
    assert result.status != "converged"
    assert np.all(result.trajectory.median == 40)
    ref = reference_forecast(*_args(ALLIANCE), max_rounds=20, **SCHOLZ)
    assert ref["status"] == result.status and ref["rounds"] == result.rounds
    np.testing.assert_allclose(result.trajectory.positions, np.array(ref["positions"]), rtol=0, atol=1e-9)
