"""The dashboard in a real browser (Debian's Chromium driven by Playwright) over a real uvicorn server."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from redline.web import create_app
from web_scenario import write_small

# Generous waits: CI is a loaded 2-core machine running two test workers beside the browser and the server.
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    write_small(tmp / "scenarios")
    app = create_app(store=tmp / "s.duckdb", data_dir=tmp / "data", scenarios_dir=tmp / "scenarios", max_draws=5000)
    # The server gets a socket already bound to a free port: no window in which another process can take
    # the port between finding it and listening on it.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not instance.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the dashboard server did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=30)
    sock.close()


def _page(browser):
    """A new page whose every wait allows a loaded machine (Playwright's default is 30 s)."""
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


def _headline(page, key: str) -> str:
    return page.locator(f"#headlines tr[data-key='{key}']").inner_text()


def test_change_a_lever_run_see_the_number_change(browser, server):
    page = _page(browser)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/")
    page.wait_for_selector("#scenario option[value='small']", state="attached")
    page.wait_for_selector("[data-rule='arm']")
    page.fill("#draws", "64")
    page.click("#run")
    page.wait_for_selector("#results:not([hidden])", timeout=300_000)
    page.wait_for_selector("#headlines tr[data-key='issue.arm.pass']", timeout=TIMEOUT_MS)
    before = _headline(page, "issue.arm.pass")
    first_url = page.url
    assert "/runs/" in first_url

    page.select_option("[data-rule='arm']", "majority")  # another venue: a simple majority of allies
    page.click("#run")
    page.wait_for_function(f"() => location.href !== {first_url!r}", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "(before) => { const r = document.querySelector(\"#headlines tr[data-key='issue.arm.pass']\");"
        " return r && r.innerText !== before; }",
        arg=before,
        timeout=300_000,
    )
    after = _headline(page, "issue.arm.pass")
    assert after != before

    page.click("[data-country-link='GEO']")
    page.wait_for_selector("#country[data-country='GEO']:not([hidden])")
    assert "GEO" in page.locator("#country").inner_text()
    # deterrence in the words of redline.deterrence.link: the Monte Carlo share named for what it is,
    # beside the annual P(attack) of the link fitted to the years before the run's (2024: 2000-2023)
    title = page.locator("#deterrence-title").inner_text()
    assert title == "Deterrence: the share of the assumption draws in which attack pays, per target"
    source = page.locator("#deterrence-source").inner_text()
    assert "annual P(attack) per target: EST " in source and "(link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)" in source
    answer = page.locator("#country [data-answer='GEO']").inner_text()
    assert "of the assumption draws" in answer and "annual P(attack) 0.34% (link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)" in answer
    assert "P(deterrence failure)" not in page.locator("#results").inner_text()
    assert "attack pays (share of assumption draws)" in page.locator("#country").inner_text()

    # a shared link opens the same run
    page.goto(first_url)
    page.wait_for_selector("#headlines tr[data-key='issue.arm.pass']", timeout=TIMEOUT_MS)
    assert _headline(page, "issue.arm.pass") == before

    assert not errors, errors
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]
    page.close()


def test_validation_errors_show_as_the_cli_shows_them(browser, server, tmp_path):
    page = _page(browser)
    page.goto(server + "/")
    page.wait_for_selector("#scenario option[value='small']", state="attached")
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "bad"\n[world]\nyear = "soon"\n')
    page.set_input_files("#upload", str(bad))
    page.wait_for_selector("#problems li")
    assert page.locator("#problems li").first.inner_text().startswith("bad.toml:4: world.year: expected")
    page.close()
