"""The committed snapshot is exactly what the build script makes from the repository's data/sources/."""

from __future__ import annotations

import json

import pytest

from redline.data import load_table, provenance, snapshot_version
from redline.data.build import DATED_FACTS, PROJECT_CODED, SOURCES_DIR, build, main
from redline.data.snapshot import PACKAGE_SNAPSHOT


def test_rebuild_reproduces_the_bundled_snapshot(sources_dir, tmp_path):
    assert sources_dir == SOURCES_DIR  # the build's default reads the repository's own folder
    out = tmp_path / "snap"
    version = build(out=out)
    assert version == snapshot_version(), (
        "bundled snapshot is stale: run python -m redline.data.build"
    )
    bundled = json.loads((PACKAGE_SNAPSHOT / "manifest.json").read_text())
    rebuilt = json.loads((out / "manifest.json").read_text())
    assert bundled == rebuilt
    assert snapshot_version(out) == version


def test_no_raw_spreadsheets_in_the_package():
    assert not list(PACKAGE_SNAPSHOT.glob("*.xlsx"))
    assert {p.suffix for p in PACKAGE_SNAPSHOT.iterdir()} == {".csv", ".json"}


def test_build_cli_reports_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.startswith("error:")
    assert not (tmp_path / "o").exists()


def test_build_rejects_a_bad_source_file(sources_dir, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for f in (sources_dir).glob("*.csv"):
        (src / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (src / "democracy.csv").read_text(encoding="utf-8").splitlines()
    parts = text[3].split(",")
    parts[2] = "1.7"
    text[3] = ",".join(parts)
    (src / "democracy.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main([str(src), "--out", str(tmp_path / "o")]) == 2
    assert not (tmp_path / "o").exists()


def test_memberships_table_is_derived_consistently():
    spells = load_table("memberships")
    countries = load_table("countries").set_index("iso3")
    nato = spells[spells["organisation"] == "NATO"].set_index("iso3")
    assert set(nato.index) == set(countries.index[countries["nato_accession_year"].notna()])
    for iso3, row in nato.iterrows():
        assert row["start_year"] == countries.loc[iso3, "nato_accession_year"]
    swe = nato.loc["SWE"]
    assert str(swe["start_date"]) == "2024-03-07"


@pytest.mark.parametrize("iso3", ["FIN", "SWE", "MKD", "MNE"])
def test_accession_dates_come_from_events(iso3):
    events = load_table("events")
    day = events[(events["actor_iso3"] == iso3) & (events["event_type"] == "nato_accession")]["date"].iloc[0]
    assert load_table("countries").set_index("iso3").loc[iso3, "nato_accession_date"] == day


def test_project_coded_facts_are_sourced_and_labelled():
    """Hand-entered membership facts carry a URL and are marked as not coming from a source file."""
    spells = load_table("memberships")
    coded = spells[spells["basis"].str.startswith(PROJECT_CODED)]
    assert len(coded) == len(DATED_FACTS)
    for iso3, org, status, *_, fact, url in DATED_FACTS:
        assert url.startswith("https://"), (iso3, org)
        row = coded[(coded["iso3"] == iso3) & (coded["organisation"] == org) & (coded["status"] == status)]
        assert len(row) == 1 and url in row["basis"].iloc[0] and fact in row["basis"].iloc[0]
    # every other spell names the source table it was derived from
    assert spells.loc[~spells.index.isin(coded.index), "basis"].str.startswith("sources ").all()
    record = provenance("memberships")
    assert any(s.startswith("PROJECT-CODED") for s in record.sources)


def test_repository_is_self_contained():
    """The package, the data docs and tests and the source notes never point outside the repository."""
    root = SOURCES_DIR.parents[1]
    files = [root / "docs" / "data.md", *root.glob("src/**/*.py"), *root.glob("tests/*.py")]
    files += [*root.glob("src/redline/data/snapshot/*"), *SOURCES_DIR.glob("*.md")]
    needle = "../" + "shared"
    offenders = [str(f.relative_to(root)) for f in files if needle in f.read_text(encoding="utf-8")]
    assert offenders == []
    readme = (root / "README.md").read_text(encoding="utf-8")
    data_section = readme.split("## The data", 1)[1].split("\n## ", 1)[0]
    assert needle not in data_section
