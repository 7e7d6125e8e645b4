"""Report building blocks without a browser: recognised borders, colour scales, number formats, notes."""

from __future__ import annotations

import math

from redline.report import _kappa, _num, _usd
from redline.report.countries import common_notes, ordered_notes
from redline.report.geometry import Scale, _inside, load_europe, recognised_borders


def _owner(collection, lon, lat):
    return [
        f["id"]
        for f in collection["features"]
        for polygon in f["geometry"]["coordinates"]
        if _inside((lon, lat), polygon[0])
    ]


def test_crimea_is_drawn_inside_ukraine_and_marked_occupied():
    europe = load_europe()
    assert _owner(europe, 34.10, 44.95) == ["UKR"]  # Simferopol
    assert _owner(europe, 33.52, 44.60) == ["UKR"]  # Sevastopol
    assert _owner(europe, 37.62, 55.75) == ["RUS"]  # Moscow stays Russian
    ukr = next(f for f in europe["features"] if f["id"] == "UKR")
    (occupied,) = ukr["properties"]["occupied"]
    assert occupied["area"] == "Crimea" and occupied["held_by"] == "RUS" and occupied["since"] == "2014"
    assert _inside((34.10, 44.95), ukr["geometry"]["coordinates"][occupied["polygon"]][0])


def test_recognised_borders_moves_only_the_polygon_with_the_point():
    square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    crimea = [[[33, 44], [36, 44], [36, 46], [33, 46], [33, 44]]]
    collection = {
        "features": [
            {"id": "RUS", "properties": {}, "geometry": {"coordinates": [square, crimea]}},
            {"id": "UKR", "properties": {}, "geometry": {"coordinates": []}},
        ]
    }
    out = recognised_borders(collection)
    assert out["features"][0]["geometry"]["coordinates"] == [square]
    assert out["features"][1]["geometry"]["coordinates"] == [crimea]


def test_log_scale_spreads_small_probabilities():
    scale = Scale(0.001, 1.0, log=True, percent=True)
    assert scale(0.001) == 0.0 and scale(1.0) == 1.0 and scale(0.0) == 0.0
    assert math.isclose(scale(0.01), 1 / 3) and math.isclose(scale(0.1), 2 / 3)
    assert [label for _, label in scale.ticks()] == ["0.1%", "1%", "10%", "100%"]
    linear = Scale(0.0, 1.0)
    assert linear(0.25) == 0.25


def test_numbers_read_alike():
    assert _num(866.963) == "867" and _num(2059.0) == "2,059" and _num(2377130.0) == "2,377,130"
    assert _num(0.1234) == "0.123" and _num(12.345) == "12.35" and _num(float("nan")) == "—"
    assert _num(0.284, pct=True) == "28.4%" and _num(0.0001, pct=True) == "< 0.1%"
    assert _usd(8519200000.0) == "$8.52 bn"


def test_kappa_is_never_a_bare_one():
    assert _kappa(1.0) == "1 (exactly)"
    assert _kappa(0.9999999998237848) == "1 − 2e−10"
    assert _kappa(0.5608) == "0.561"


def test_notes_shared_by_most_targets_are_said_once_and_the_useful_line_comes_first():
    targets = [
        {"target": t, "notes": ["assumptions: V=1", f"theatre balance at {t}: 1", "assumptions: V=1"]}
        for t in ("ALB", "BEL", "BGR")
    ]
    targets[0]["notes"].insert(0, "capability from the fallback source: ISL")
    common = common_notes(targets)
    assert common == ["assumptions: V=1"]
    assert ordered_notes(targets[0]["notes"], common) == [
        "theatre balance at ALB: 1",
        "capability from the fallback source: ISL",
    ]


def test_country_page_of_a_state_at_war_says_so_instead_of_a_failure_probability():
    """A target at war has no P(failure) (deterrence already failed): its page gives the dated note,
    not an empty "If attacked" line; a state at peace keeps its P(failure)."""
    from redline.report.countries import country_pages

    note = "UKR at war since 2022-02-24 (source: x): deterrence already failed, so no P(failure) is computed"
    row = {"lever": "base", "basis": "Article 5", "kappa": 0.9, "kappa_star": 0.5, "regime": "deterred"}
    summary = {
        "deterrence": {
            "targets": [{"target": "UKR", "at_war": note, "notes": []}, {"target": "EST", "notes": []}],
            "table": [
                {**row, "target": "UKR", "p_failure": None, "p_lo": None, "p_hi": None, "basis": "non-member"},
                {**row, "target": "EST", "p_failure": 0.01, "p_lo": 0.005, "p_hi": 0.02},
            ],
        }
    }
    html = country_pages(summary)
    ukr = html[html.index("id='country-UKR'") : html.index("id='country-EST'")]
    est = html[html.index("id='country-EST'") :]
    assert "At war" in ukr and "deterrence already failed" in ukr and "If attacked" not in ukr
    assert "If attacked" in est and "1.0%" in est and "of the assumption draws" in est
