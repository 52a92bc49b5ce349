"""The waiting-room poster: a practice page prints (the print button, or Ctrl+P) as one A4
page with the practice's name, what a POH Jeugd does, the weekly hours, how to make an
appointment, and a QR code to the page with its address under it; nothing that the printed
sheet would freeze ("morgen", "vandaag") and nothing else of the page.

The PDFs are kept in test-artifacts/ (poster-<practice>.pdf) to look at."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import segno
from conftest import ARTIFACTS, TODAY, overlay, serve
from test_pages import page as built_page

from generator.dataset import load_dataset
from generator.render import qr
from generator.render.paths import page_path, public_url
from generator.render.poster import poster_layout
from generator.site_url import DEFAULT_SITE_URL

FROZEN_WORDS = re.compile(r"\b(morgen|vandaag|eerstvolgende)\b", re.I)
POINTER = "Lees hoe u een afspraak maakt op de website."
ASK_THE_GP = "Vraag de huisarts wanneer de POH Jeugd er is."

# (site fixture, practice, its name, its hours as printed, what the appointment part says
# (None: no such part, the data has neither an appointment text nor access routes))
CASES = [
    ("details_site", "deckers-haelen", "Huisartsenpraktijk Deckers",
     ["dinsdag 15.00–16.00 uur"], "Op afspraak, via de huisarts."),
    ("details_site", "testpraktijk-zonnebloem", "Testpraktijk Zonnebloem",
     ["maandag 09.00–12.00 uur", "donderdag 13.30–15.00 uur"],
     "Via de huisarts: vraag uw huisarts naar de POH Jeugd."),
    ("details_site", "eikstaete-hoogeveen", "Eikstaete", [],
     "Via de huisarts: vraag uw huisarts naar de POH Jeugd."),
    ("pilots_site", "alleen-naam", "Huisartsenpraktijk Alleen Naam", [], None),
    ("poster_site", "lange-naam-veel-uren",
     "Huisartsenpraktijk en Gezondheidscentrum De Lange Weg van Heythuysen-Oost, Roggel en "
     "Omstreken",
     ["maandag 08.30–12.00 uur en 13.00–17.00 uur (alleen in de even weken)",
      "dinsdag 15.00–16.00 uur",
      "woensdag 08.30–12.30 uur (in de dependance aan de Kerkstraat)",
      "donderdag 13.30–17.30 uur", "vrijdag 09.00–12.00 uur"],
     "Jongeren vanaf 16 jaar kunnen zelf een afspraak maken."),
    ("poster_site", "tien-uren-lange-tekst",
     "Gezondheidscentrumhuisartsenmaatschap Sint-Servaas-Buggenum-Nunhem en Haelen",
     ["maandag 08.30–12.00 uur (spreekkamer 2) en 13.00–17.00 uur (alleen in de even weken)",
      "woensdag 08.30–12.30 uur (in de dependance aan de Kerkstraat) en 13.30–16.00 uur",
      "vrijdag 09.00–12.00 uur en 13.00–15.00 uur (telefonisch)"],
     POINTER),
    ("poster_site", "te-lange-afspraaktekst", "Testpraktijk Lange Tekst",
     ["dinsdag 15.00–16.00 uur"], POINTER),
    ("poster_site", "routes-zonder-uren-en-plaats", "Testpraktijk Zonder Uren", [],
     "Via school: bijvoorbeeld de leerkracht"),
]


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size (width, height, in points) of each page object in a PDF as Chromium writes
    it (page objects are not compressed; '/Type /Pages' is the page tree, not a page)."""
    sizes = []
    for match in re.finditer(rb"/Type\s*/Page\b(?!s)", pdf):
        start = pdf.rfind(b"obj", 0, match.start())
        body = pdf[start:pdf.find(b"endobj", match.end())]
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", body)
        sizes.append((float(box[3]) - float(box[1]), float(box[4]) - float(box[2])))
    return sizes


def text_of(locator) -> str:
    return " ".join(locator.inner_text().split())


@pytest.mark.parametrize(("site_fixture", "practice", "name", "hours", "appointment"), CASES,
                         ids=[case[1] for case in CASES])
def test_printed_practice_page_is_one_a4_poster(browser, request, site_fixture, practice,
                                                name, hours, appointment):
    site = request.getfixturevalue(site_fixture)
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda sent: requested.append(sent.url))
    page = context.new_page()
    with serve(site) as base:
        address = f"{base}praktijken/{practice}/"
        page.goto(address)
        poster = page.locator(".poh-poster")
        assert not poster.is_visible()  # on screen (and so for screen readers) it is not there
        # The print button prints: a counter stands in for the browser's print dialog.
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1 } }")
        page.get_by_role("button", name="Print een poster voor de wachtkamer").click()
        assert page.evaluate("window.printed") == 1

        page.emulate_media(media="print")
        assert poster.is_visible()
        for hidden in (".md-banner", ".md-header", ".md-sidebar--primary", ".md-footer",
                       "article > h1", "article > table", ".poh-print"):
            assert page.locator(hidden).first.is_hidden(), hidden
        printed = text_of(page.locator("body"))
        assert printed == text_of(poster)  # the poster and nothing else
        assert name in printed
        assert "De POH Jeugd is een praktijkondersteuner van de huisarts" in printed
        for line in hours:
            assert line in printed
        if not hours:
            assert ASK_THE_GP in printed
        if appointment:
            assert "Hoe krijgt u een afspraak?" in printed and appointment in printed
        else:
            assert "afspraak" not in printed
        assert not FROZEN_WORDS.search(printed), FROZEN_WORDS.search(printed)
        # The QR code, and the page's address under it (the served address: the site was
        # built for the default public address, which the QR code holds; see below).
        url = public_url(DEFAULT_SITE_URL, f"praktijken/{practice}/")
        assert text_of(page.locator(".poh-poster__url")) == url
        assert page.locator(".poh-poster svg.poh-qr").is_visible()

        # One page: everything fits the poster's box, which fits the page; none clipped.
        fits = poster.evaluate("""poster => {
            const box = poster.getBoundingClientRect();
            return poster.scrollHeight <= poster.clientHeight
                && [...poster.querySelectorAll('*')].every(element => {
                    const inner = element.getBoundingClientRect();
                    return inner.bottom <= box.bottom + 0.5 && inner.right <= box.right + 0.5;
                });
        }""")
        assert fits
        font_size = float(poster.evaluate("poster => getComputedStyle(poster).fontSize")[:-2])
        assert font_size >= 15  # 11.5 pt, the smallest of the poster's type sizes
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / f"poster-{practice}.pdf"), format="A4")
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1, sizes
    width, height = sizes[0]
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    outside = [url for url in requested
               if urlsplit(url).scheme != "data" and urlsplit(url).hostname != "127.0.0.1"]
    assert requested and not outside
    context.close()


def dark_modules(path_data: str) -> set[tuple[int, int]]:
    """The modules (row, column) that segno's SVG path draws: horizontal strokes through the
    middle of each row of modules, 'M x y' or 'm dx dy' to move, 'h length' to draw."""
    x = y = 0.0
    dark = set()
    for command, arguments in re.findall(r"([MmHh])([^MmHh]*)", path_data):
        numbers = [float(number) for number in arguments.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            end = numbers[0] if command == "H" else x + numbers[0]
            dark |= {(int(y), column) for column in range(round(x), round(end))}
            x = end
    return dark


@pytest.mark.parametrize(("site_fixture", "practice"), [
    ("details_site", "deckers-haelen"), ("pilots_site", "alleen-naam"),
    ("poster_site", "lange-naam-veel-uren"), ("hostile_site", "gifpraktijk")])
def test_poster_qr_code_is_segnos_code_of_the_page_address(request, site_fixture, practice):
    soup = built_page(request.getfixturevalue(site_fixture), f"praktijken/{practice}")
    url = soup.find("link", rel="canonical")["href"]
    assert url == public_url(DEFAULT_SITE_URL, f"praktijken/{practice}/")
    poster = soup.select_one(".poh-poster")
    assert poster.select_one(".poh-poster__url").get_text() == url
    svgs = poster.select("svg")
    assert len(svgs) == 1  # the QR code; a name with markup in it stays text
    svg = svgs[0]
    name = poster.select_one(".poh-poster__name").get_text()
    assert svg["role"] == "img"
    assert svg["aria-label"] == svg.title.get_text() == f"QR-code naar de webpagina van {name}"
    # Made again by segno for exactly this address: the same modules, in the quiet zone of
    # four modules that the viewBox leaves around them.
    code = segno.make_qr(url, error=qr.ERROR, mask=qr.MASK)
    size = len(code.matrix)
    assert svg["viewbox"] == f"0 0 {size + 8} {size + 8}"
    expected = {(row + 4, column + 4) for row, line in enumerate(code.matrix)
                for column, dark in enumerate(line) if dark}
    assert dark_modules(svg.path["d"]) == expected
    other = re.search(r' d="([^"]*)"', qr.qr_svg(url + "x", "QR-code"))[1]
    assert dark_modules(other) != expected  # the check tells one address from another


def test_poster_stays_out_of_the_site_search(details_site):
    index = (details_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Scan de code" not in index and "praten over bijvoorbeeld angst" not in index


def test_poster_layout_chooses_the_largest_type_that_fits(tmp_path):
    """The size comes from the data, at build time; a text too long for any size is not
    cut short but left to the page (the browser test above checks that each fits)."""
    dataset, _warnings = load_dataset(overlay(tmp_path / "data", "poster"), TODAY)
    layouts = {practice.id: poster_layout(practice, public_url(DEFAULT_SITE_URL,
                                                               page_path(practice)))
               for practice in dataset.practices}
    assert {practice: (layout.size, layout.appointment)
            for practice, layout in layouts.items()} == {
        "lange-naam-veel-uren": ("x-small", True),
        "tien-uren-lange-tekst": ("small", False),
        "te-lange-afspraaktekst": ("large", False),
        "routes-zonder-uren-en-plaats": ("large", True),
    }


def test_poster_prints_without_javascript_too(browser, details_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(details_url + "praktijken/deckers-haelen/")
    page.emulate_media(media="print")
    assert page.locator(".poh-poster").is_visible()
    assert "dinsdag 15.00–16.00 uur" in text_of(page.locator("body"))
    assert len(pdf_pages(page.pdf(format="A4"))) == 1
    context.close()
