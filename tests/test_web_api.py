"""The dashboard's JSON API: runs land in the CLI's store, bad input is a 4xx, never a 5xx."""

from __future__ import annotations

import json
import re
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from redline.cli import app as cli
from redline.store import Store
from redline.web import create_app
from web_scenario import write_small


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    write_small(tmp / "scenarios")
    store = tmp / "s.duckdb"
    app = create_app(store=store, data_dir=tmp / "data", scenarios_dir=tmp / "scenarios", max_draws=5000)
    with TestClient(app) as client:
        yield client, store, tmp


def _wait(client, run_id, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/runs/{run_id}").json()
        if body["status"] in ("finished", "failed"):
            return body
        time.sleep(0.2)
    raise AssertionError("run did not finish")


@pytest.fixture(scope="module")
def finished(setup):
    client, store, _ = setup
    response = client.post("/api/runs", json={"scenario": "small", "draws": 64})
    assert response.status_code == 202, response.text
    body = _wait(client, response.json()["run_id"])
    assert body["status"] == "finished", body
    return body


def test_scenarios_are_listed_with_their_forms(setup):
    client, _, _ = setup
    shipped = client.get("/api/scenarios").json()["shipped"]
    assert [s["name"] for s in shipped] == ["small"]
    detail = client.get("/api/scenarios/small").json()
    assert detail["issues"][0]["id"] == "arm"
    assert "[scenario]" in detail["text"]


def test_a_run_is_stored_and_show_agrees_exactly(setup, finished):
    client, store, _ = setup
    run_id = finished["run_id"]
    stored = Store(store).run(run_id)
    assert stored["status"] == "finished"
    assert finished["summary"] == stored["summary"]
    shown = CliRunner().invoke(cli, ["show", run_id, "--store", str(store), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output) == finished["summary"]
    listed = client.get("/api/runs").json()["runs"]
    assert run_id in [r["run_id"] for r in listed]


def test_the_deterrence_view_uses_the_link_wording(finished):
    from redline.deterrence.link import ANNUAL_NAME, SHARE_NAME, annual_text, share_text

    view = finished["deterrence_view"]
    assert view["labels"]["share"] == SHARE_NAME and view["labels"]["annual"] == ANNUAL_NAME
    assert view["source"] == "link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate"  # a 2024 run reads the 2000-2023 fit
    rows = {r["target"]: r for r in finished["summary"]["deterrence"]["table"] if r["lever"] == "base"}
    assert set(view["targets"]) == set(rows) == {"EST", "MDA", "GEO"}
    for target, text in view["targets"].items():
        assert text["annual"] == annual_text(rows[target]["p_attack_year"]) != "—"
        assert text["share"] == share_text(rows[target]["p_failure"])


def test_an_edit_changes_the_answer(setup, finished):
    client, _, _ = setup
    response = client.post(
        "/api/runs", json={"scenario": "small", "draws": 64, "edits": {"issues": {"arm": {"rule": "majority"}}}}
    )
    edited = _wait(client, response.json()["run_id"])
    assert edited["status"] == "finished", edited

    def p_pass(summary):
        return next(h["value"] for h in summary["headlines"] if h["key"] == "issue.arm.pass")

    # a simple majority of the allies passes what one holdout blocks under consensus
    assert p_pass(edited["summary"]) > p_pass(finished["summary"])


def test_report_and_tables(setup, finished):
    client, _, _ = setup
    run_id = finished["run_id"]
    report = client.get(f"/api/runs/{run_id}/report.html")
    assert report.status_code == 200 and report.text.lower().startswith("<!doctype html")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=['\"]?https?://", report.text)  # offline
    tables = client.get(f"/api/runs/{run_id}/tables").json()["tables"]
    assert "headlines" in tables and "deterrence.table" in tables
    csv = client.get(f"/api/runs/{run_id}/tables/deterrence.table.csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("target")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/api/runs/..%2F..%2Fetc", {}, 404),
        ("get", "/api/runs/nope-123", {}, 404),
        ("get", "/api/scenarios/..%2Fsecret", {}, 404),
        ("post", "/api/runs", {"json": {"scenario": "nope"}}, 404),
        ("post", "/api/runs", {"json": {"scenario": "small", "draws": 10**9}}, 422),
        ("post", "/api/runs", {"json": {"scenario": "small", "upload": "x"}}, 422),
        ("post", "/api/runs", {"json": {"scenario": "small", "edits": {"issues": {"nope": {}}}}}, 422),
        ("post", "/api/runs", {"json": {"scenario": "small", "edits": {"issues": {"arm": {"rule": "dice"}}}}}, 422),
        ("post", "/api/runs", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ("post", "/api/scenarios", {"files": {"file": ("a.toml", b"\xff\xfe garbage")}}, 422),
        ("post", "/api/scenarios", {"files": {"file": ("a.toml", b"[scenario\n")}}, 422),
        ("post", "/api/scenarios", {"files": {"file": ("a.toml", b"x = " + b"[" * 3000)}}, 422),
        ("post", "/api/scenarios", {"files": {"file": ("big.toml", b"#" * (300 * 1024))}}, 413),
    ],
)
def test_bad_requests_are_4xx_with_a_message(setup, method, path, kwargs, status):
    client, _, _ = setup
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert body.get("error") or body.get("detail")


def test_an_upload_may_not_name_other_files(setup):
    client, _, tmp = setup
    text = (tmp / "scenarios" / "small.toml").read_text() + '\n[escalation]\nfile = "/etc/passwd"\n'
    response = client.post("/api/scenarios", files={"file": ("x.toml", text.encode())})
    assert response.status_code == 422
    assert "cannot name other files" in response.json()["error"]


def test_validation_messages_are_the_clis(setup):
    client, _, _ = setup
    text = b'[scenario]\nname = "x"\n[world]\nyear = "soon"\n'
    response = client.post("/api/scenarios", files={"file": ("x.toml", text)})
    assert response.status_code == 422
    assert any(line.startswith("x.toml:4: world.year: expected") for line in response.json()["problems"])


def test_cors_is_closed(setup):
    client, _, _ = setup
    response = client.get("/api/scenarios", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}


def test_openapi_schema_is_published(setup):
    client, _, _ = setup
    schema = client.get("/openapi.json").json()
    assert {"/api/runs", "/api/runs/{run_id}", "/api/scenarios"} <= set(schema["paths"])


def test_compare_two_runs(setup, finished):
    client, _, _ = setup
    response = client.post(
        "/api/runs", json={"scenario": "small", "draws": 64, "edits": {"deterrence_params": {"k_L": 5.0}}}
    )
    other = _wait(client, response.json()["run_id"])
    rows = client.get("/api/compare", params={"a": finished["run_id"], "b": other["run_id"]}).json()["rows"]
    assert rows and all("question" in r for r in rows)
    assert client.get("/api/compare", params={"a": "nope-1", "b": other["run_id"]}).status_code == 404
