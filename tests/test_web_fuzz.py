"""Property-based fuzzing of the dashboard's API: no request, however odd, gets a 5xx."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.web import create_app
from web_scenario import write_small

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
FIELDS = {
    "scenario": st.sampled_from(["small", "nope", "../x", ""]) | st.text(max_size=70),
    "upload": st.text(max_size=70),
    "draws": st.integers() | st.floats(allow_nan=True) | st.text(max_size=5),
    "seed": st.integers(min_value=-(2**70), max_value=2**70),
    "edits": st.fixed_dictionaries(
        {},
        optional={
            "levers": st.lists(st.text(max_size=20), max_size=3) | JSON,
            "deterrence_params": st.dictionaries(st.text(max_size=10), st.floats(allow_nan=True), max_size=3),
            "willingness": st.dictionaries(st.text(max_size=5), st.floats(allow_nan=True) | JSON, max_size=3),
            "issues": st.dictionaries(
                st.sampled_from(["arm", "nope"]) | st.text(max_size=8),
                st.fixed_dictionaries(
                    {},
                    optional={
                        "rule": st.text(max_size=20) | st.sampled_from(["coalition", "eu-qmv"]),
                        "actors": st.dictionaries(
                            st.sampled_from(["HUN", "POL", "ZZZ"]) | st.text(max_size=5),
                            st.fixed_dictionaries(
                                {}, optional={"position": st.floats(allow_nan=True), "salience": JSON}
                            ),
                            max_size=2,
                        ),
                    },
                ),
                max_size=2,
            ),
        },
    )
    | JSON,
}
BODIES = st.fixed_dictionaries({}, optional=FIELDS) | JSON


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    write_small(tmp / "scenarios")
    app = create_app(store=tmp / "s.duckdb", data_dir=tmp / "data", scenarios_dir=tmp / "scenarios", max_draws=64)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_schema_lists_every_api_path(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths >= {"/api/scenarios", "/api/scenarios/{name}", "/api/validate", "/api/runs", "/api/runs/{run_id}"}


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=BODIES)
def test_validate_never_5xx(client, body):
    response = client.post("/api/validate", content=json.dumps(body, allow_nan=True))
    assert response.status_code < 500, (body, response.text)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=BODIES.filter(lambda b: not (isinstance(b, dict) and b.get("scenario") == "small")))
def test_runs_never_5xx(client, body):
    response = client.post("/api/runs", content=json.dumps(body, allow_nan=True))
    assert response.status_code < 500, (body, response.text)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    segment=st.text(max_size=40),
    kind=st.sampled_from(["/api/runs/{}", "/api/runs/{}/report.html", "/api/runs/{}/tables",
                          "/api/runs/{}/tables/{}.csv", "/api/scenarios/{}", "/runs/{}", "/static/{}"]),
)
def test_paths_never_5xx(client, segment, kind):
    from urllib.parse import quote

    path = kind.format(quote(segment, safe=""), quote(segment, safe=""))
    response = client.get(path)
    assert response.status_code < 500, (path, response.text[:200])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=st.binary(max_size=2000) | st.text(max_size=400).map(str.encode), name=st.text(max_size=30))
def test_uploads_never_5xx(client, content, name):
    response = client.post("/api/scenarios", files={"file": (name or "x.toml", content)})
    assert response.status_code < 500, (content[:80], response.text[:200])
