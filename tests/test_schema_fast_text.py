"""Table validation reads text cells by plain Python where that is exactly what pandas' string
methods give (:func:`redline.data.schemas._stripped_text`): checked against the pandas path on every
table of the bundled snapshot and on cells with every kind of edge whitespace."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.data import schemas
from redline.data.snapshot import active_snapshot_dir, read_manifest


def _pandas_path(monkeypatch):
    monkeypatch.setattr(schemas, "_stripped_text", lambda raw: None)


def _tables() -> list[tuple[str, pd.DataFrame]]:
    folder = active_snapshot_dir()
    out = []
    for name, entry in read_manifest(folder)["tables"].items():
        if name in schemas.SCHEMAS:
            data = (folder / entry["file"]).read_bytes()
            out.append(
                (name, pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8"))
            )
    return out


def test_every_bundled_table_validates_to_the_same_frame_both_ways(monkeypatch):
    tables = _tables()
    assert len(tables) >= 15
    fast = {name: schemas.validate(frame, name) for name, frame in tables}
    _pandas_path(monkeypatch)
    for name, frame in tables:
        pd.testing.assert_frame_equal(fast[name], schemas.validate(frame, name), check_exact=True)
        one_at_a_time = pd.DataFrame(index=fast[name].index)  # how validate built its frame before
        for column in fast[name].columns:
            one_at_a_time[column] = fast[name][column]
        pd.testing.assert_frame_equal(fast[name], one_at_a_time, check_exact=True, check_column_type=True)


EDGES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2003", "\u3000", "\ufeff"]
TEXT = st.text(alphabet=st.sampled_from(["a", "Z", "7", ".", "-", "é", "ß", "İ", "ж", *EDGES]), max_size=6)


@given(st.lists(TEXT, min_size=1, max_size=8))
def test_a_text_column_coerces_alike_both_ways(cells):
    frame = pd.read_csv(io.StringIO("x\n"), dtype=str)  # the dtype read_csv gives text
    frame = pd.DataFrame({"x": pd.Series(cells, dtype=frame["x"].dtype)})
    column = schemas.Column("x", "str", nullable=True)
    fast = schemas._coerce("t", frame, column, None)
    original = schemas._stripped_text
    try:
        schemas._stripped_text = lambda raw: None
        slow = schemas._coerce("t", frame, column, None)
    finally:
        schemas._stripped_text = original
    pd.testing.assert_series_equal(fast, slow, check_exact=True)


@pytest.mark.parametrize("kind", ["float", "int", "date", "bool01"])
def test_gaps_and_bad_cells_are_found_alike_both_ways(monkeypatch, kind):
    cells = {
        "float": ["1.5", " 2 ", "", "  "],
        "int": ["3", " 4", "", "7 "],
        "date": ["2024-01-02", " ", "2023-12-31", ""],
        "bool01": ["0", "1 ", "", " 1"],
    }[kind]
    frame = pd.DataFrame({"x": pd.Series(cells, dtype=pd.read_csv(io.StringIO("x\n"), dtype=str)["x"].dtype)})
    column = schemas.Column("x", kind, nullable=True)
    fast = schemas._coerce("t", frame, column, None)
    _pandas_path(monkeypatch)
    pd.testing.assert_series_equal(fast, schemas._coerce("t", frame, column, None), check_exact=True)
    assert int(pd.isna(fast).sum()) == sum(not c.strip() for c in cells)
    bad = pd.DataFrame({"x": pd.Series(["1", "x"], dtype=frame["x"].dtype)})
    with pytest.raises(schemas.RedlineError) as slow_error:
        schemas._coerce("t", bad, column, None)
    monkeypatch.undo()
    with pytest.raises(schemas.RedlineError) as fast_error:
        schemas._coerce("t", bad, column, None)
    assert str(fast_error.value) == str(slow_error.value)
    assert np.asarray(schemas._stripped_text(bad["x"])[1]).tolist() == [False, False]
