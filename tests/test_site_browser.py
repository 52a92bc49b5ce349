"""Every page type in Chromium and through the outside checkers: axe-core (WCAG 2.0/2.1 A
and AA), no request leaving 127.0.0.1, no script errors, nothing the Content-Security-Policy
had to block, no sideways scrolling on a phone, and the Nu HTML checker. The site is the
richest fixture: sessions, a practice with every optional field, an absence and an outdated
check date."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS, PHONE, axe_violations, no_sideways_scroll, serve, vnu_errors
from playwright.sync_api import Browser, Page, expect

PAGE_TYPES = {
    "home": "",
    "finder": "vind/",
    "practices": "praktijken/",
    "practice": "praktijken/deckers-haelen/",
    "practice-with-contact": "praktijken/testpraktijk-zonnebloem/",
    "overview": "gemeenten/",
    "municipality": "gemeenten/leudal/",
    "municipality-without-names": "gemeenten/almere/",
    "themes": "themas/",
    "theme": "themas/opvoeden/",
    "agenda": "agenda/",
    "archive": "agenda/archief/",
    "municipality-agenda": "agenda/gemeenten/leudal/",
    "embed": "embed/gemeenten/leudal/",
    "open-data": "open-data/",
    "about": "over/",
    "privacy": "privacy/",
    "accessibility": "toegankelijkheid/",
    "editors": "redacteuren/",
    "for-practices": "voor-praktijken/",
}



# Every Content-Security-Policy violation on the page, from the first script on.
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
    event.violatedDirective + " " + (event.blockedURI || "") + " " + (event.sample || "")));"""


class Visit:
    """A page opened in a fresh context, with every request and script error recorded."""

    def __init__(self, browser: Browser, url: str, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error"
                     and self.errors.append(message.text))
        self.page.goto(url, wait_until="networkidle")

    @property
    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")


@pytest.fixture
def visit(browser: Browser) -> Iterator:
    opened: list[Visit] = []

    def open_page(url: str, **options) -> Visit:
        opened.append(Visit(browser, url, **options))
        return opened[-1]

    yield open_page
    for done in opened:
        done.context.close()


def with_finder_results(page: Page) -> None:
    field = page.get_by_role("searchbox")
    expect(field).to_be_visible()  # shown once the finder's index is loaded
    field.press_sequentially("Leudal", delay=20)
    expect(page.locator(".poh-finder__results li").first).to_be_visible()


def with_search_open(page: Page) -> None:
    page.locator("label.md-header__button[for=__search]").click()
    field = page.locator("input.md-search__input")
    expect(field).to_be_visible()
    field.press_sequentially("Haelen", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_passes_axe_and_stays_local(visit, details_url, name):
    opened = visit(details_url + PAGE_TYPES[name])
    assert axe_violations(opened.page) == []
    assert opened.errors == []
    assert opened.violations == []
    assert all(url.startswith(details_url) for url in opened.requests), opened.requests
    assert opened.context.cookies() == []


@pytest.mark.parametrize(("path", "interact"), [
    ("vind/", with_finder_results),
    ("", with_search_open),
    ("praktijken/", with_search_open),
], ids=["finder-with-results", "search-open-home", "search-open-practices"])
def test_interactive_states_pass_axe(visit, details_url, path, interact):
    opened = visit(details_url + path, viewport=PHONE)
    interact(opened.page)
    assert axe_violations(opened.page) == []
    assert opened.errors == [] and opened.violations == []
    assert all(url.startswith(details_url) for url in opened.requests), opened.requests


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_fits_a_phone(visit, details_url, name):
    opened = visit(details_url + PAGE_TYPES[name], viewport=PHONE)
    assert no_sideways_scroll(opened.page)


def search(page: Page, query: str):
    """Type into Material's search box like a person would; the results' links."""
    page.locator("label.md-header__button[for=__search]").click()
    field = page.locator("input.md-search__input")
    expect(field).to_be_visible()
    field.press_sequentially(query, delay=30)
    return page.locator(".md-search-result__item > a")


def top(results, count: int) -> list[str]:
    """The site paths of the first `count` results, without the highlighting query."""
    return results.evaluate_all(
        f"links => links.slice(0, {count}).map(link => new URL(link.href).pathname.slice(1))")


# Parents search for their practice, village or municipality: the first result is its page.
HOOGEVEEN = ("gemeenten/hoogeveen/", "praktijken/de-weide-hoogeveen/",
             "praktijken/de-wielewaal-hoogeveen/", "praktijken/eikstaete-hoogeveen/")
EDITORS_AND_DATA = ("redacteuren/", "voor-praktijken/", "open-data/")


@pytest.mark.parametrize(("query", "first"), [
    ("poh haelen", ("praktijken/deckers-haelen/",)),  # was 10th of 17, below municipalities
    ("Haelen", ("praktijken/deckers-haelen/",)),
    ("deckers", ("praktijken/deckers-haelen/",)),
    ("zonnebloem", ("praktijken/testpraktijk-zonnebloem/",)),
    ("hoogeveen", HOOGEVEEN),
    ("poh hoogeveen", HOOGEVEEN),
    ("twenterand", ("gemeenten/twenterand/",)),
    ("leudal", ("gemeenten/leudal/",)),
])
def test_site_search_puts_the_parents_page_first(visit, details_url, query, first):
    opened = visit(details_url, viewport=PHONE)
    results = search(opened.page, query)
    pattern = "|".join(re.escape(details_url + path) for path in first)
    # Results follow the typing; the first settles once the whole query is in.
    expect(results.first).to_have_attribute("href", re.compile(rf"^({pattern})(\?|#|$)"))


@pytest.mark.parametrize("query", ["deckers", "haelen", "zonnebloem", "wielewaal"])
def test_editors_and_open_data_pages_do_not_compete_for_practice_names(visit, details_url,
                                                                       query):
    opened = visit(details_url, viewport=PHONE)
    results = search(opened.page, query)
    expect(results.first).to_have_attribute("href", re.compile(r"/praktijken/"))
    assert not [path for path in top(results, 3) if path.startswith(EDITORS_AND_DATA)]
    titles = opened.page.locator(".md-search-result__item h1").all_inner_texts()[:3]
    assert "Voor redacteuren" not in titles


def test_a_missing_page_answers_in_dutch_with_the_finder_and_the_main_routes(
        visit, details_url):
    missing = details_url + "praktijken/bestaat-niet/"
    opened = visit(missing, viewport=PHONE)
    page = opened.page
    assert page.request.get(missing).status == 404  # still a 404 for browsers and robots
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    assert page.title() == "Deze pagina bestaat niet - POH Jeugd bij de huisarts"
    assert "Not found" not in page.locator("article").inner_text()
    assert axe_violations(page) == []
    # The one error is the page's own status, 404; everything it loads is there.
    assert opened.errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert opened.violations == []
    assert all(url.startswith(details_url) for url in opened.requests), opened.requests
    assert [url for url in opened.requests
            if url != missing and page.request.get(url).status != 200] == []
    assert no_sideways_scroll(page)
    routes = {"Home: wat een POH Jeugd doet en voor wie": "", "Vind uw POH Jeugd": "vind/",
              "Pilots per gemeente": "gemeenten/",
              "Agenda van de themabijeenkomsten": "agenda/"}
    article = page.locator("article")
    for name, path in routes.items():
        link = article.get_by_role("link", name=name, exact=True)
        # The page answers at any depth: its links start at the site's root.
        target = link.evaluate("link => link.href")
        assert target == details_url + path, name
        assert page.request.get(target).status == 200, name
    form = article.get_by_role("search")
    assert form.evaluate("form => form.action") == details_url + "vind/"
    assert form.evaluate("form => form.method") == "get"
    field = form.get_by_role("searchbox", name="Naam van de praktijk, plaats of gemeente")
    field.fill("Deckers")
    field.press("Enter")
    page.wait_for_url(details_url + "vind/?q=Deckers")
    first = page.locator(".poh-finder__results li a").first
    expect(first).to_be_visible()  # not under the site search, which also reads ?q=
    expect(first).to_have_text("Huisartsenpraktijk Deckers")


def test_the_missing_page_form_works_without_javascript(browser, details_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(details_url + "bestaat/niet")
    page.get_by_role("searchbox", name="Naam van de praktijk, plaats of gemeente").fill("Haelen")
    page.get_by_role("button", name="Zoek").click()
    page.wait_for_url(details_url + "vind/?q=Haelen")
    assert page.locator(".poh-finder-fallback").is_visible()
    context.close()


def test_screenshots_of_the_finder_and_a_practice_page(visit, details_url):
    ARTIFACTS.mkdir(exist_ok=True)
    finder = visit(details_url + "vind/", viewport=PHONE)
    with_finder_results(finder.page)
    assert no_sideways_scroll(finder.page)
    finder.page.screenshot(path=str(ARTIFACTS / "finder-360.png"), full_page=True)
    practice = visit(details_url + "praktijken/testpraktijk-zonnebloem/", viewport=PHONE)
    practice.page.screenshot(path=str(ARTIFACTS / "practice-360.png"), full_page=True)
    assert (ARTIFACTS / "finder-360.png").stat().st_size > 10_000
    assert (ARTIFACTS / "practice-360.png").stat().st_size > 10_000


def test_a_broken_script_or_stylesheet_is_noticed(visit, details_url, tmp_path):
    """The checks above would catch a stylesheet loaded as a script (it happened)."""
    opened = visit(details_url)
    opened.page.add_script_tag(url=details_url + "stylesheets/praktijken.css")
    assert opened.errors


def test_the_policy_blocks_a_script_injected_into_a_page(browser, details_site, tmp_path):
    """Had a value slipped past the escaping as a <script>, the browser would not run it."""
    site = tmp_path / "site"
    shutil.copytree(details_site, site)
    page_file = site / "praktijken/deckers-haelen/index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</h1>", "</h1><script>window.__pwned = 1</script>", 1),
                         encoding="utf-8")
    with serve(site) as url:
        opened = Visit(browser, url + "praktijken/deckers-haelen/")
        try:
            assert opened.page.evaluate("window.__pwned") is None
            assert any(v.startswith("script-src") and "inline" in v for v in opened.violations)
            # The theme's own inline script, allowed by its hash, still ran.
            assert opened.page.evaluate("typeof __md_scope") == "object"
        finally:
            opened.context.close()


def test_every_page_has_its_policy_first_in_head(details_site):
    pages = sorted(details_site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>"):html.index("</head>")]
        first = re.search(r"<meta[^>]*>(<meta[^>]*>)", head.replace("\n", ""))
        assert first and 'http-equiv="Content-Security-Policy"' in first.group(1), path
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', head).group(1)
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        if path.parent == details_site / "admin":  # the web editor: test_editor.py
            assert script_src == "'self' 'unsafe-eval'", path
        else:
            assert "unsafe" not in script_src, path
        assert "object-src 'none'" in policy, path
        assert "base-uri 'self'" in policy and "form-action 'self'" in policy, path


def test_every_page_type_is_valid_html(details_site):
    files = [details_site / path / "index.html" for path in PAGE_TYPES.values()]
    files += [details_site / "gemeenten/gm0034/index.html",
              details_site / "embed/gemeenten/gm0034/index.html",
              details_site / "404.html"]
    assert vnu_errors(files) == []


def test_the_html_checker_finds_errors(tmp_path):
    broken = tmp_path / "site" / "kapot.html"
    broken.parent.mkdir()
    broken.write_text("<!doctype html><html lang=nl><title>x</title><svg role=img></svg>"
                      "<p><div></p>", encoding="utf-8")
    assert vnu_errors([broken])
