"""Municipality pages in a real browser (Debian's Chromium through Playwright): the embed in
an iframe at 300 px and on another origin, sizing itself, the overview and charts on a phone,
and redirects followed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PHONE, ROOT, axe_violations, build, no_sideways_scroll, serve
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


# --- The embed sizes itself, on another origin ---------------------------------------------

EMBEDDED = ("leudal", "hoogeveen")
MESSAGE = "poh-jeugd-embed-hoogte"


@pytest.fixture(scope="module")
def embed_site(sessions_data, tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The site with theme sessions, built for the address it is served at (127.0.0.1), so
    that its embed code names the origin the frames really come from."""
    site = tmp_path_factory.mktemp("embed-origin") / "site"
    with serve(site) as url:  # the address first: the build writes it into the code
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            assert build(sessions_data, site) == 0
        yield site, url


@pytest.fixture(scope="module")
def municipality_site(embed_site, tmp_path_factory) -> Iterator[str]:
    """A municipality's page on another origin (localhost, another port) with the embed
    code copied from two municipality pages, and a page of its own that a frame can show."""
    site, _url = embed_site
    host = tmp_path_factory.mktemp("municipality-site")
    snippets = [BeautifulSoup((site / f"gemeenten/{town}/index.html").read_text("utf-8"),
                              "html.parser").select_one("pre.embed-code code").get_text()
                for town in EMBEDDED]
    (host / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>'
        '</head><body><h1>Website van de gemeente</h1>' + "\n".join(snippets)
        + "<p>Tekst onder de blokken.</p><script>window.heard = 0; addEventListener("
        f"'message', e => {{ if (e.data && e.data.type === '{MESSAGE}') heard += 1; }});"
        "</script></body></html>", encoding="utf-8")
    # A page of the municipality's own origin that sends the embed's message.
    (host / "liar.html").write_text(
        '<!doctype html><title>x</title><script>parent.postMessage('
        f"{{type: '{MESSAGE}', height: 123}}, '*');</script>", encoding="utf-8")
    with serve(host) as url:
        yield url.replace("127.0.0.1", "localhost")  # another origin than the embed's


def frame_heights(page: Page, town: str) -> tuple[float, dict]:
    """The iframe's height on the municipality's page, and what the embed measures inside
    it, once the two agree (or after 20 s)."""
    element = page.wait_for_selector(f"#poh-jeugd-{town}")
    frame = element.content_frame()
    # Loaded, and laid out as in a frame (before that, the page fills the frame's height).
    frame.wait_for_function("() => document.readyState === 'complete' && "
                            "document.documentElement.classList.contains('poh-embed-framed')")
    deadline = time.monotonic() + 20
    while True:
        # In view, as a reader sees it: Chromium defers updates of frames out of view.
        element.scroll_into_view_if_needed()
        outer = element.evaluate("frame => frame.getBoundingClientRect().height")
        inner = frame.evaluate("""() => ({
            body: document.body.getBoundingClientRect().height,
            content: Math.max(...Array.from(document.body.querySelectorAll("*"), element =>
                element.getBoundingClientRect().bottom)),
            scroll: document.documentElement.scrollHeight,
            client: document.documentElement.clientHeight,
            width: window.innerWidth})""")
        # The frame runs in a process of its own: it learns its new size a moment later.
        settled = abs(outer - inner["body"]) <= 2 and abs(outer - inner["client"]) <= 1
        if settled or time.monotonic() > deadline:
            return outer, inner
        time.sleep(0.1)


def assert_fits(page: Page, town: str, width: int) -> float:
    outer, inner = frame_heights(page, town)
    assert inner["width"] == width - 16, town  # the frame fills the page (8 px margins)
    assert inner["scroll"] <= inner["client"], (town, inner)  # no scrollbar inside
    assert abs(outer - inner["body"]) <= 2, (town, outer, inner)  # no empty band below
    assert outer - inner["content"] <= 40, (town, outer, inner)  # the article's own margin
    return outer


def test_the_embed_takes_the_height_of_its_content_on_another_origin(browser,
                                                                     municipality_site,
                                                                     embed_site):
    context = browser.new_context(viewport=PHONE)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(municipality_site, wait_until="load")
    heights = {}
    for width in (360, 1280, 360):  # a phone, a laptop, and back: it shrinks and grows
        page.set_viewport_size({"width": width, "height": 740})
        heights[width] = {town: assert_fits(page, town, width) for town in EMBEDDED}
    print("iframe heights by width:", heights)
    assert heights[360]["hoogeveen"] > heights[1280]["hoogeveen"] + 100
    assert heights[360]["leudal"] != heights[360]["hoogeveen"]  # each frame its own height
    # Content that changes after loading (here: text added) changes the frame too.
    frame = page.wait_for_selector("#poh-jeugd-leudal").content_frame()
    frame.evaluate("""() => document.querySelector("article").insertAdjacentHTML("beforeend",
        "<p id='extra'>" + "Meer tekst. ".repeat(80) + "</p>")""")
    assert assert_fits(page, "leudal", 360) > heights[360]["leudal"] + 100
    frame.evaluate("() => document.getElementById('extra').remove()")
    assert abs(assert_fits(page, "leudal", 360) - heights[360]["leudal"]) <= 2
    _site, site_url = embed_site
    assert all(url.startswith((site_url, municipality_site)) for url in requests), requests
    assert context.cookies() == []
    context.close()


def test_the_embed_code_ignores_heights_from_anywhere_else(browser, municipality_site,
                                                           embed_site):
    _site, site_url = embed_site
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(municipality_site, wait_until="load")
    page.wait_for_function("() => window.heard >= 2")  # both embeds have told their height
    leudal, _inner = frame_heights(page, "leudal")
    hoogeveen, _inner = frame_heights(page, "hoogeveen")

    def heights() -> list[float]:
        return page.evaluate("""() => ["leudal", "hoogeveen"].map(town =>
            document.getElementById("poh-jeugd-" + town).getBoundingClientRect().height)""")

    # From the municipality's page itself: another origin, and not the frame.
    page.evaluate(f"() => window.postMessage({{type: '{MESSAGE}', height: 123}}, '*')")
    page.wait_for_function("() => window.heard >= 1")
    # From the site's origin, but from the other frame: only that frame changes. (Taller
    # than it is: a shorter frame would show a scrollbar, and the embed would correct it.)
    taller = hoogeveen + 60
    hoogeveen_frame = page.wait_for_selector("#poh-jeugd-hoogeveen").content_frame()
    hoogeveen_frame.evaluate(f"() => parent.postMessage({{type: '{MESSAGE}', height: {taller}}},"
                             " '*')")
    page.wait_for_function("height => document.getElementById('poh-jeugd-hoogeveen')"
                           ".getBoundingClientRect().height === height", arg=taller)
    assert heights() == [leudal, taller]
    # From the Leudal frame's own window, but showing a page of another origin.
    heard = page.evaluate("() => window.heard")
    page.evaluate(f"() => document.getElementById('poh-jeugd-leudal').src = "
                  f"'{municipality_site}liar.html'")
    page.wait_for_function(f"() => window.heard > {heard}")
    assert heights()[0] == leudal
    assert site_url.startswith("http://127.0.0.1:") and "localhost" in municipality_site
    page.context.close()


# --- The overview and the charts on a phone --------------------------------------------------


def test_the_overview_of_pilots_reads_on_a_phone(browser, site_url):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(site_url + "gemeenten/", wait_until="load")
    assert no_sideways_scroll(page)
    # Every value is in view: nothing hides in a box that scrolls sideways.
    article = page.locator("article").bounding_box()
    cells = page.locator("article table td")
    assert cells.count() == 5 * 7
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert article["x"] - 1 <= box["x"] and box["x"] + box["width"] <= (
            article["x"] + article["width"] + 1), cells.nth(index).inner_text()
    assert page.evaluate("""() => Array.from(document.querySelectorAll("article table"),
        table => table.closest(".md-typeset__scrollwrap") || table).every(box =>
        box.scrollWidth <= box.clientWidth)""")
    # Each value after its column's name, which a sighted reader sees beside it...
    labels = page.evaluate("""() => Array.from(document.querySelectorAll(
        "article tbody tr:first-child td"), cell => getComputedStyle(cell, "::before").content)""")
    assert labels[0] == "none"  # the municipality's name stands alone, as the row's title
    assert labels[1:] == [f'"{name}: " / ""' for name in (
        "Provincie", "Status op 23 november 2026", "Sinds", "Tot", "Praktijken",
        "POH-uren per week")]
    assert page.locator("article thead").bounding_box()["height"] <= 1  # shown as labels
    # ...and a screen reader still finds a table with its headers (Chromium's own tree).
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [(node["role"]["value"], node.get("name", {}).get("value"))
             for node in tree if not node.get("ignored")]
    assert ("table", "") in roles or any(role == "table" for role, _name in roles)
    assert [name for role, name in roles if role == "columnheader"] == [
        "Gemeente", "Provincie", "Status op 23 november 2026", "Sinds", "Tot", "Praktijken",
        "POH-uren per week"]
    cells_read = [name for role, name in roles if role == "cell"]
    assert len(cells_read) == 35 and "Overijssel" in cells_read  # without the visual label
    assert axe_violations(page) == []
    page.context.close()


def test_the_overview_stays_a_table_on_a_laptop(browser, site_url):
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + "gemeenten/", wait_until="load")
    header = page.locator("article thead th").first.bounding_box()
    cells = page.locator("article tbody tr").first.locator("td")
    assert header["height"] > 10
    tops = {round(cells.nth(index).bounding_box()["y"]) for index in range(7)}
    assert len(tops) == 1  # seven columns side by side
    page.context.close()


CHART_PAGES = ["gemeenten/", *(f"gemeenten/{town}/" for town in (
    "almere", "hoogeveen", "leudal", "tubbergen", "twenterand"))]


def chart_text_sizes(page: Page) -> list[dict]:
    """Every text of the charts in view: its size in CSS px (the font size times the chart's
    scale) and whether it lies within its chart."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
            ".pilot-timeline svg text")).filter(text => text.getBoundingClientRect().width > 0)
        .map(text => {
            const box = text.getBoundingClientRect();
            const chart = text.ownerSVGElement.getBoundingClientRect();
            return {text: text.textContent, chart: text.ownerSVGElement.getAttribute("class"),
                    px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
                    height: box.height,
                    inside: box.left >= chart.left - 1 && box.right <= chart.right + 1};
        })""")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 320, "height": 640},
                                      {"width": 719, "height": 800},
                                      {"width": 1280, "height": 800}],
                         ids=lambda viewport: str(viewport["width"]))
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_labels_are_at_least_12_px(browser, site_url, path, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(site_url + path, wait_until="load")
    visible = page.evaluate("""() => Array.from(document.querySelectorAll(
        ".pilot-timeline svg"), svg => svg.getBoundingClientRect().width > 0)""")
    assert visible.count(True) == 1  # one drawing of the chart: narrow or wide
    texts = chart_text_sizes(page)
    assert texts
    expected = "pilot-timeline__smal" if viewport["width"] < 720 else "pilot-timeline__breed"
    assert {text["chart"] for text in texts} == {expected}
    small = [(text["text"], round(text["px"], 2)) for text in texts if text["px"] < 12]
    assert small == []
    assert [text["text"] for text in texts if not text["inside"]] == []  # nothing cut off
    if viewport == PHONE:
        print(path, "smallest chart text at 360 px:", round(min(t["px"] for t in texts), 2),
              "px, box height", round(min(t["height"] for t in texts), 1))
    page.context.close()
