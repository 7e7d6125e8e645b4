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


def _statement_file(tmp_path: Path, quality: str | None = None) -> Path:
    """A one-row statement file, with a ``source_quality`` column only when ``quality`` is given."""
    header = "issue,actor,position,salience,date,speaker,source_title,url,summary"
    row = "x,DEU,10,0.5,2024-01-01,Someone,Title,https://example.org,Said it."
    if quality is not None:
        header, row = f"{header},source_quality", f"{row},{quality}"
    path = tmp_path / "s.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def test_statement_file_without_the_column_still_loads(tmp_path: Path) -> None:
    path = _statement_file(tmp_path)
    (st,) = load_statements(path, decided=dt.date(2025, 1, 1))
    assert st.source_quality == "" and st.source == "Someone, Title <https://example.org>"


def test_a_bad_quality_label_is_refused(tmp_path: Path) -> None:
    path = _statement_file(tmp_path, quality="dubious")
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


# ------------------------------------------------------------------------------------ backtest cases
CASES = sorted((ROOT / "backtest" / "cases").glob("*.toml"))


def _case_citations(path: Path) -> tuple[list[tuple[str, list[object], str]], ...]:
    """(where, the texts cited there, the flag found) for every actor, context flag and the outcome."""
    import tomllib

    from redline.backtest.cases import CONTEXT_FIELDS

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rows = []
    for key, actor in data.get("actors", {}).items():
        texts = [actor.get(k) for k in ("source", "justification", "capability_basis", "isolation_cost_justification")]
        rows.append((f"actors.{key}", texts, actor.get("source_quality", "")))
    context = data.get("context", {})
    for flag in CONTEXT_FIELDS:
        if flag in context:
            texts = [context.get(f"{flag}_source"), context.get(f"{flag}_justification")]
            rows.append((f"context.{flag}", texts, context.get(f"{flag}_source_quality", "")))
    outcome = data.get("outcome", {})
    texts = [outcome.get("summary"), outcome.get("side_payments"), *outcome.get("sources", [])]
    rows.append(("outcome", texts, outcome.get("source_quality", "")))
    return tuple(rows)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_backtest_case_citing_state_media_is_flagged(path: Path) -> None:
    """Every source in a case file (actor, [context] flag, [outcome]) citing a listed domain is flagged."""
    wrong = [(where, expected_quality(texts), found) for where, texts, found in _case_citations(path)]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong, f"{path.name}: (field, expected flag, found): {wrong}"


def test_a_case_citing_state_media_without_the_flag_fails_the_check(tmp_path: Path) -> None:
    """A case whose actor cites tass.com unflagged fails the check; flagged it passes; a bad label is refused."""
    from redline.backtest.cases import read_case
    from redline.errors import RedlineError

    text = (ROOT / "backtest" / "cases" / "nato_no_fly_zone_2022.toml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("\nsource = ")
    url, _, tail = rest.partition("\n")
    unflagged = head + sep + '"https://tass.com/world/1471973"\n' + tail
    case = tmp_path / "case.toml"

    def mismatches(body: str) -> list[str]:
        case.write_text(body, encoding="utf-8")
        return [w for w, t, f in _case_citations(case) if expected_quality(t) != f]

    assert mismatches(text) == []
    assert len(mismatches(unflagged)) == 1
    flagged = unflagged.replace("/1471973\"\n", '/1471973"\nsource_quality = "state-affiliated media"\n', 1)
    assert mismatches(flagged) == []
    assert len(read_case(case).flagged_positions) == 1
    case.write_text(flagged.replace('"state-affiliated media"', '"dubious"'), encoding="utf-8")
    with pytest.raises(RedlineError, match="source_quality"):
        read_case(case)


def test_flagged_positions_are_counted_not_scored() -> None:
    """The count line names the flagged positions; a case without flags prints none."""
    from redline.backtest.cases import flagged_sources_line, read_case

    kallas = read_case(ROOT / "backtest" / "cases" / "eu_seventeenth_sanctions_package_may2025.toml")
    assert kallas.source_quality_line().startswith(f"{len(kallas.flagged_positions)} of {len(kallas.actors)} ")
    assert len(kallas.flagged_positions) == 26 and {a.source_quality for a in kallas.flagged_positions} == {AGGREGATOR}
    clean = read_case(ROOT / "backtest" / "cases" / "nato_no_fly_zone_2022.toml")
    assert clean.source_quality_line() == "" and "none of the" in flagged_sources_line([clean])
    line = flagged_sources_line([kallas, clean])
    assert line.startswith(f"source quality: 26 of {len(kallas.actors) + len(clean.actors)} coded positions in 1 of 2 cases")


def test_re_sourced_case_positions() -> None:
    """Three case positions re-sourced from a page stating the same thing (their flags cleared)."""
    from redline.backtest.cases import read_case

    def actor(case: str, key: str):  # noqa: ANN202
        return {a.key: a for a in read_case(ROOT / "backtest" / "cases" / f"{case}.toml").actors}[key]

    assert "interfax.ru" in actor("eu_sanctions_patriarch_kirill_2022", "EU_HR_COMMISSION").source  # Borrell's blog
    assert "babel.ua" in actor("pol_mig29_ukraine_mar2023", "POL_GOV").source  # Morawiecki, 14 Mar 2023
    assert "politico.com" in actor("usa_f16_transfer_aug2023", "USA").source  # Biden to the G7, 19 May 2023
    for case, key in (("eu_sanctions_patriarch_kirill_2022", "EU_HR_COMMISSION"), ("pol_mig29_ukraine_mar2023", "POL_GOV")):
        assert actor(case, key).source_quality == ""


def test_the_flagged_count_quoted_in_the_docs() -> None:
    """README and docs/backtest.md quote the folder's count; it must match the case files."""
    from redline.backtest.cases import find_cases, read_case

    cases = [read_case(p) for p in find_cases(ROOT / "backtest" / "cases")]
    n = sum(len(c.flagged_positions) for c in cases)
    total = sum(len(c.actors) for c in cases)
    k = sum(1 for c in cases if c.flagged_positions)
    quoted = f"{n} of {total:,} coded positions in\n{k} of {len(cases)} cases"
    assert quoted in (ROOT / "README.md").read_text(encoding="utf-8")
    docs = " ".join((ROOT / "docs" / "backtest.md").read_text(encoding="utf-8").split())
    assert f"{n} of the {total:,} coded positions in {k} of the {len(cases)} shipped cases" in docs
