"""Municipality pages in a real browser (Debian's Chromium through Playwright): the embed in
an iframe at 300 px, charts on a phone, and redirects followed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ROOT, axe_violations, build, no_sideways_scroll, serve
from playwright.sync_api import Browser, Page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    yield context.new_page()
    context.close()


def test_embed_page_in_an_iframe_at_300_px(browser, site_url, tmp_path):
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>'
        '</head><body><h1>Website van de gemeente</h1>'
        f'<iframe src="{site_url}embed/gemeenten/leudal/" title="POH Jeugd in Leudal" '
        'width="300" height="640" style="border:0"></iframe></body></html>',
        encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 800})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    with serve(host) as host_url:
        page.goto(host_url, wait_until="load")
        frame = page.frame(url=f"{site_url}embed/gemeenten/leudal/")
        frame.wait_for_load_state("load")
        assert frame.evaluate("window.innerWidth") == 300
        assert no_sideways_scroll(frame)
        text = frame.locator("article").inner_text()
        assert "Huisartsenpraktijk Deckers" in text and "dinsdag 15.00–16.00 uur" in text
        assert frame.locator(".md-header, .md-search, nav.md-nav, .md-footer").count() == 0
        assert frame.locator(".acute-help").count() == 1
        assert frame.locator("base").get_attribute("target") == "_top"
        links = frame.locator("article a[href]")
        assert links.count() >= 2
        for index in range(links.count()):  # none overrides the page's default target
            assert links.nth(index).get_attribute("target") in (None, "_top")
        frame.get_by_role("link", name="POH Jeugd in Leudal").click()
        page.wait_for_url(f"{site_url}gemeenten/leudal/")
    assert page.locator("h1").inner_text() == "POH Jeugd in Leudal"
    assert context.cookies() == []
    assert all(url.startswith((site_url, host_url)) for url in requests), requests
    context.close()


@pytest.mark.parametrize("slug", ["almere", "hoogeveen", "leudal", "tubbergen", "twenterand"])
def test_every_embed_page_fits_300_px(browser, site_url, slug):
    context = browser.new_context(viewport={"width": 300, "height": 640})
    page = context.new_page()
    page.goto(f"{site_url}embed/gemeenten/{slug}/", wait_until="load")
    assert no_sideways_scroll(page)
    context.close()


@pytest.mark.parametrize("path", ["gemeenten/", "gemeenten/twenterand/", "gemeenten/almere/",
                                  "open-data/"])
def test_pages_with_charts_and_long_addresses_fit_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    assert no_sideways_scroll(page)
    context.close()


@pytest.mark.parametrize(("old", "new"), [
    ("gemeenten/gm0034/", "gemeenten/almere/"),
    ("gemeenten/gm1700/", "gemeenten/twenterand/"),
    ("embed/gemeenten/gm1640/", "embed/gemeenten/leudal/"),
])
def test_code_urls_land_on_the_page(page, site_url, old, new):
    page.goto(site_url + old)
    page.wait_for_url(site_url + new)
    assert page.locator("h1").inner_text().startswith("POH Jeugd in")


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Iterator[str]:
    """The shipped data with a renamed municipality and practice, served."""
    data = tmp_path_factory.mktemp("renamed") / "data"
    data.mkdir()
    for name in ("municipalities", "practices", "themes"):
        text = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")
        if name == "municipalities":
            text = text.replace("  - id: leudal\n    name: Leudal\n",
                                "  - id: leudal\n    name: Leudal\n    former_slugs: [haelen]\n")
        if name == "practices":
            text = text.replace("  - id: deckers-haelen\n",
                                "  - id: deckers-haelen\n    former_slugs: [deckers]\n")
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    site = data.parent / "site"
    assert build(data, site) == 0
    with serve(site) as url:
        yield url


@pytest.mark.parametrize(("old", "new"), [
    ("gemeenten/haelen/", "gemeenten/leudal/"),
    ("embed/gemeenten/haelen/", "embed/gemeenten/leudal/"),
    ("praktijken/deckers/", "praktijken/deckers-haelen/"),
])
def test_former_slugs_land_on_the_new_page(page, renamed_site, old, new):
    page.goto(renamed_site + old)
    page.wait_for_url(renamed_site + new)
    assert page.locator("h1").count() == 1


def test_axe_notices_a_chart_without_a_name(page, site_url):
    page.goto(site_url + "gemeenten/almere/", wait_until="load")
    page.evaluate("""() => {
        const chart = document.querySelector('.pilot-timeline svg');
        chart.removeAttribute('aria-labelledby');
        chart.querySelector('title').remove();
    }""")
    assert [rule for rule, _ in axe_violations(page, ["svg-img-alt"])] == ["svg-img-alt"]
