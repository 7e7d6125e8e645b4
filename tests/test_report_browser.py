"""The offline report in a real browser (headless Chromium driven by Playwright).

The page must load with no network request and no console error, and its layout must hold: no table
wider than the column it sits in.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def page(browser, nato_report):
    """The NATO 2024 report opened from disk, with every request and console error recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(nato_report.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    yield page
    context.close()


def test_report_loads_offline_without_console_errors(page, nato_report):
    assert page.errors == []
    assert [url for url in page.requests if url != nato_report.as_uri()] == []  # nothing fetched
    assert page.locator("h1").count() == 1
    assert page.locator(".js-plotly-plot").count() >= 5  # the figures drew
