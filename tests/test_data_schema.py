"""Schema tests: every bundled table loads, has its declared types, ranges and unique keys; bad
frames are rejected with a message naming row, column and value."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from redline.data import SCHEMAS, load_table, provenance, snapshot_version, table_names
from redline.data.schemas import validate
from redline.errors import RedlineError

REQUIRED = [
    "countries",
    "defence_expenditure",
    "milex",
    "gdp",
    "ukraine_support",
    "democracy",
    "unga_votes",
    "eu_qmv_population",
    "events",
]


def test_every_required_table_is_bundled():
    assert set(REQUIRED) <= set(table_names())


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_table_matches_schema(name):
    frame = load_table(name)
    sch = SCHEMAS[name]
    assert list(frame.columns) == sch.column_names
    assert len(frame) > 0
    assert not frame.duplicated(list(sch.key)).any()
    for col in sch.columns:
        values = frame[col.name]
        present = values.dropna()
        if not col.nullable:
            assert len(present) == len(values), f"{name}.{col.name} has gaps"
        if col.kind in ("float", "int", "bool01") and len(present):
            num = present.astype(float)
            if col.min is not None:
                assert num.min() >= col.min
            if col.max is not None:
                assert num.max() <= col.max
        if col.kind == "bool01":
            assert set(present.unique()) <= {0, 1}
        if col.allowed is not None:
            assert set(present) <= set(col.allowed)
        if col.iso3:
            for code in present:
                assert re.fullmatch(r"[A-Z]{3}", code) or code in sch.extra_codes, code


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_table_has_provenance(name):
    p = provenance(name)
    assert p.table == name
    assert p.sources and p.release and p.licence and p.retrieved
    for col in SCHEMAS[name].columns:
        if col.derived:
            assert col.name in p.derived_columns


def test_iso3_codes_refer_to_countries():
    known = set(load_table("countries")["iso3"])
    for name in ("defence_expenditure", "milex", "gdp", "democracy", "unga_votes", "eu_qmv_population"):
        codes = set(load_table(name)["iso3"]) - set(SCHEMAS[name].extra_codes)
        assert codes <= known, (name, codes - known)


def test_load_table_returns_independent_copies():
    a = load_table("gdp")
    a.loc[:, "gdp_current_usd"] = -1.0
    assert (load_table("gdp")["gdp_current_usd"] > 0).all()


def test_unknown_table_names_what_exists():
    with pytest.raises(RedlineError, match="unknown table 'nope'.*countries"):
        load_table("nope")


def test_snapshot_version_is_a_short_hash():
    assert re.fullmatch(r"[0-9a-f]{12}", snapshot_version())


def _good_milex() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["POL", "DEU"],
            "year": ["2024", "2024"],
            "milex_constant2023_usd_millions": ["1.0", ""],
            "milex_current_usd_millions": ["2.0", "3.0"],
            "milex_pct_gdp": ["4.1", "2.0"],
            "estimate": ["0", "1"],
            "uncertain": ["0", "0"],
            "release": ["SIPRI 2025-04 (1949-2024)"] * 2,
        }
    )


def test_validate_accepts_and_types_a_good_frame():
    out = validate(_good_milex(), "milex")
    assert out["year"].dtype == np.int64
    assert np.isnan(out["milex_constant2023_usd_millions"].iloc[1])  # a gap stays a gap


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "milex_pct_gdp",
            "140",
            r"row 2 \(DEU 2024\), column 'milex_pct_gdp'.*outside the valid range \[0.0, 100.0\]",
        ),
        ("milex_pct_gdp", "abc", r"row 2 \(DEU 2024\), column 'milex_pct_gdp': expected a number, got 'abc'"),
        ("year", "2024.5", r"row 2.*column 'year': expected a whole number"),
        ("iso3", "germany", r"row 2, column 'iso3': 'germany' is not an ISO 3166-1 alpha-3 code"),
        ("iso3", "POL", r"row 2: duplicate key \(iso3=POL, year=2024\)"),
        ("milex_current_usd_millions", "-5", r"outside the valid range"),
    ],
)
def test_validate_rejects_bad_values(column, value, message):
    frame = _good_milex()
    frame.loc[1, column] = value
    with pytest.raises(RedlineError, match=message):
        validate(frame, "milex", origin="table milex")


def test_validate_rejects_missing_column_and_gap_in_required_column():
    with pytest.raises(RedlineError, match="missing column.*milex_pct_gdp"):
        validate(_good_milex().drop(columns="milex_pct_gdp"), "milex")
    frame = _good_milex()
    frame.loc[0, "year"] = ""
    with pytest.raises(RedlineError, match="row 1.*column 'year': value required"):
        validate(frame, "milex")


def test_validate_rejects_unknown_state_when_known_codes_given():
    with pytest.raises(RedlineError, match="'DEU' is not .* countries table"):
        validate(_good_milex(), "milex", known_iso3={"POL"})


def test_validate_does_not_modify_its_input():
    frame = _good_milex()
    before = frame.copy()
    validate(frame, "milex")
    pd.testing.assert_frame_equal(frame, before)


def test_libdem_range_and_vote_codes_are_enforced():
    dem = load_table("democracy").head(3).astype(str).replace("nan", "")
    dem.loc[0, "v2x_libdem"] = "1.2"
    with pytest.raises(RedlineError, match="v2x_libdem.*outside the valid range \\[0.0, 1.0\\]"):
        validate(dem, "democracy")
    votes = load_table("unga_votes").head(2).astype(object)
    votes.loc[0, "vote"] = "yes"
    votes["date"] = votes["date"].astype(str)
    with pytest.raises(RedlineError, match="'yes' is not one of Y, N, A, absent"):
        validate(votes, "unga_votes")
