"""Rows citing Russian state media or the "Pravda" aggregator network carry a source_quality flag.

The domain list is redline.data.source_quality.FLAGGED_DOMAINS. Every shipped table (snapshot) and
every scenario statement file is checked: a row citing such a domain anywhere in its cells (URL or a
host named in a note) must carry the matching flag, and a flag must not sit on a row citing none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from redline.data import load_table, provenance, table_names
from redline.data.build import quality_gap
from redline.data.source_quality import AGGREGATOR, STATE_MEDIA, cited_domains, expected_quality
from redline.statements import load_statements

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = sorted((ROOT / "scenarios" / "statements").glob("*.csv"))


def test_domains_and_subdomains_are_recognised() -> None:
    assert cited_domains(["https://deutsch.news-pravda.com/world/2024/05/21/141224.html"]) == ["news-pravda.com"]
    assert cited_domains(["Against list from TASS (tass.com/world/1434427)"]) == ["tass.com"]
    assert cited_domains(["https://www.pravda.com.ua/eng/news/2024/04/24/7452795/"]) == []  # Ukrainska Pravda
    assert expected_quality(["https://sarabic.ae/amp/x", "https://fr.news-pravda.com/y"]) == STATE_MEDIA
    assert expected_quality(["https://eu.news-pravda.com/eu/2024/11/16/1375.html"]) == AGGREGATOR
    assert expected_quality(["https://www.politico.eu/article/x"]) == ""


@pytest.mark.parametrize("table", table_names())
def test_every_shipped_row_citing_state_media_is_flagged(table: str) -> None:
    frame = load_table(table)
    text = frame.drop(columns=["source_quality"], errors="ignore").astype(str)
    expected = [expected_quality(row) for row in text.itertuples(index=False)]
    if not any(expected):
        return
    assert "source_quality" in frame.columns, f"{table} cites {set(expected) - {''}} but has no source_quality column"
    found = frame["source_quality"].fillna("").astype(str).tolist()
    wrong = [(i, e, f) for i, (e, f) in enumerate(zip(expected, found, strict=True)) if e != f]
    assert not wrong, f"{table}: rows whose flag does not match the cited domains (row, expected, found): {wrong[:5]}"


@pytest.mark.parametrize("path", STATEMENTS, ids=lambda p: p.name)
def test_every_statement_citing_state_media_is_flagged(path: Path) -> None:
    for st in load_statements(path):
        want = expected_quality([st.url, st.source_title, st.summary])
        assert st.source_quality == want, f"{path.name}:{st.line} {st.actor} {st.issue}: {st.source_quality!r} != {want!r}"
        if want:
            assert st.source.endswith(f"[{want}]")


def test_known_flagged_rows() -> None:
    """The rows the review of 2026-12-03 named: Kiel quotes via news-pravda.com, the doctrine quote via Sputnik."""
    kiel = load_table("kiel_releases")
    flagged = kiel[kiel["source_quality"].fillna("") != ""]
    assert len(flagged) == 7 and set(flagged["source_quality"]) == {AGGREGATOR}
    esc = load_table("escalation_events").set_index("step_id")
    assert esc.loc["spiderweb", "source_quality"] == STATE_MEDIA
    rows = {(s.issue, s.actor): s for p in STATEMENTS for s in load_statements(p)}
    assert "politico.eu" in rows[("invite_ukraine", "SVK")].url  # replaced news-pravda.com
    assert "businessinsider.com.pl" in rows[("invite_ukraine", "POL")].url  # replaced Sputnik Arabic
    assert rows[("lift_restrictions", "HUN")].source_quality == STATE_MEDIA


def test_provenance_counts_the_flagged_rows() -> None:
    gaps = provenance("kiel_releases").known_gaps
    assert any(g.startswith("7 of ") and AGGREGATOR in g for g in gaps)
    assert quality_gap(pd.DataFrame({"source_quality": ["", None]})) is None
    assert quality_gap(pd.DataFrame({"x": [1]})) is None


def test_statement_file_without_the_column_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "issue,actor,position,salience,date,speaker,source_title,url,summary\n"
        "x,DEU,10,0.5,2024-01-01,Someone,Title,https://example.org,Said it.\n",
        encoding="utf-8",
    )
    (st,) = load_statements(path, decided=dt.date(2025, 1, 1))
    assert st.source_quality == "" and st.source == "Someone, Title <https://example.org>"


def test_a_bad_quality_label_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "issue,actor,position,salience,date,speaker,source_title,url,summary,source_quality\n"
        "x,DEU,10,0.5,2024-01-01,Someone,Title,https://example.org,Said it.,dubious\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="source_quality"):
        load_statements(path)


def test_a_table_file_without_the_flag_column_reads_it_as_blank() -> None:
    from redline.data.schemas import validate

    frame = load_table("kiel_releases").drop(columns=["source_quality"]).astype(str).replace("nan", "")
    out = validate(frame, "kiel_releases")
    assert out["source_quality"].fillna("").eq("").all()


def test_run_provenance_and_report_list_the_flagged_tables() -> None:
    from redline.adapters.base import provenance_of
    from redline.report.appendix import provenance_section

    prov = provenance_of(object())
    assert set(prov["source_quality"]) == {"kiel_releases", "escalation_events", "unga_votes"}
    html = provenance_section({"run": {}, "provenance": prov})
    assert "source_quality" in html and "kiel_releases" in html and AGGREGATOR in html
