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
    context.set_default_timeout(120_000)  # generous: CI is a loaded 2-core machine (Playwright's default: 30 s)
    context.set_default_navigation_timeout(120_000)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(nato_report.as_uri(), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 5")  # figures drawn
    yield page
    context.close()


def test_report_loads_offline_without_console_errors(page, nato_report):
    assert page.errors == []
    assert [url for url in page.requests if url != nato_report.as_uri()] == []  # nothing fetched
    assert page.locator("h1").count() == 1
    assert page.locator(".js-plotly-plot").count() >= 5  # the figures drew


def test_no_table_overflows_its_column(page):
    """Every table fits the width of the block it sits in, and the page does not scroll sideways."""
    for hash_ in ("", "#country-UKR", "#country-POL"):
        page.evaluate("h => { location.hash = h; }", hash_)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('table')]
                .filter(t => t.offsetParent !== null)
                .map(t => [t.getBoundingClientRect().width, t.parentElement.clientWidth,
                           t.querySelector('th') ? t.querySelector('th').textContent : ''])
                .filter(([w, p]) => w > p + 1)"""
        )
        assert wide == [], (hash_, wide)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")
    page.evaluate("() => { location.hash = ''; }")


def _state_at(page, lon: float, lat: float) -> str | None:
    """The ``data-iso3`` of the map shape drawn at (lon, lat), found with the browser's own hit test."""
    from redline.report.geometry import map_point

    x, y = map_point(lon, lat)
    return page.evaluate(
        """([x, y]) => {
            const svg = document.querySelector('svg.map');
            svg.scrollIntoView();
            const point = svg.createSVGPoint(); point.x = x; point.y = y;
            const screen = point.matrixTransform(svg.getScreenCTM());
            const hit = document.elementFromPoint(screen.x, screen.y);
            const shape = hit && hit.closest('[data-iso3]');
            return shape ? shape.getAttribute('data-iso3') : null;
        }""",
        [x, y],
    )


def test_map_draws_recognised_borders(page):
    assert _state_at(page, 34.10, 44.95) == "UKR"  # Simferopol, Crimea: inside Ukraine
    assert _state_at(page, 33.52, 44.60) == "UKR"  # Sevastopol
    assert _state_at(page, 30.52, 50.45) == "UKR"  # Kyiv
    assert _state_at(page, 37.62, 55.75) == "RUS"  # Moscow
    assert _state_at(page, 21.01, 52.23) == "POL"  # Warsaw
    crimea = page.locator("svg.map [data-occupied-by='RUS']").first
    assert crimea.get_attribute("fill") == "url(#occupied-hatch)"
    assert "Crimea (occupied)" in page.locator("svg.map").first.text_content()


def test_map_colours_show_differences_between_allies(page):
    # The credibility map (1 − κ): κ differs across allies with the local balance and the tripwires
    # (issue 13). P(failure) itself is ~0 for every ally in 2024, so the first map is uniformly green.
    fills = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('svg.map')][1]
            .querySelectorAll('path[data-iso3]:not([data-occupied-by])')
            .values().map(p => [p.getAttribute('data-iso3'), p.getAttribute('fill')]))"""
    )
    allies = ["POL", "EST", "LVA", "LTU", "DEU", "FRA", "ITA", "ESP", "TUR", "ROU", "NOR", "GRC"]
    assert len({fills[a] for a in allies}) >= 4  # not one green for every ally


def test_country_page_opens_from_the_map(page):
    assert not page.locator("#country-POL").is_visible()
    page.locator("svg.map a[href='#country-POL'] path").first.click(force=True)
    page.wait_for_function("() => location.hash === '#country-POL'")  # fails after the timeout if never
    section = page.locator("#country-POL")
    assert section.is_visible()
    text = section.inner_text()
    assert "If attacked" in text and "of the assumption draws" in text and "annual P(attack)" in text and "κ" in text
    assert "first days at POL" in text  # the useful note (local balance), not buried under the shared ones
    assert "role in each issue" in text
    page.locator("#countries a[href='#country-UKR'], .countries a[href='#country-UKR']").first.click()
    page.wait_for_function("() => location.hash === '#country-UKR'")
    assert page.locator("#country-UKR").is_visible() and not section.is_visible()


def test_every_table_has_a_csv_download(page):
    tables = page.locator("table").count()
    links = page.locator("p.csv a[download]").count()
    assert tables == links and tables > 20
    href = page.locator("p.csv a[download]").first.get_attribute("href")
    assert href.startswith("data:text/csv")
