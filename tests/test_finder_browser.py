"""The finder in Chromium, as a parent uses it: one typing mistake forgiven, villages that
answer with their municipality, and results as small contact cards with the next time the
POH is there (the same code as the practice page) and the phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AMSTERDAM, PHONE, at, build, overlay, serve
from playwright.sync_api import Browser, Page, expect
from test_practice_browser import find, next_slot, result_names

# A made-up practice one letter away from Deckers, known only by name (no place, no phone).
DEKKERS = """
  - id: dekkers-leudal
    name: Huisartsenpraktijk Dekkers
    municipality: leudal
    poh:
      role: POH Jeugd
    sources: [leudal-deckers]
"""


@pytest.fixture(scope="module")
def lookalike_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The details fixture plus Huisartsenpraktijk Dekkers."""
    data = overlay(tmp_path_factory.mktemp("lookalike") / "data", "practice_details")
    with (data / "practices.yaml").open("a", encoding="utf-8") as practices:
        practices.write(DEKKERS)
    site = data.parent / "site"
    assert build(data, site) == 0
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def pilots_url(pilots_site: Path) -> Iterator[str]:
    with serve(pilots_site) as url:
        yield url


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def cards(page: Page) -> list[list[str]]:
    """Each result's lines of text."""
    return [text.splitlines() for text in
            page.locator(".poh-finder__results li").all_inner_texts()]


@pytest.mark.parametrize(("query", "expected"), [
    ("haeln", ["Gemeente Leudal", "Huisartsenpraktijk Deckers", "Testpraktijk Zonnebloem"]),
    ("hoogeven", ["Gemeente Hoogeveen", "De Weide", "De Wielewaal", "Eikstaete"]),
    ("hoogevene", ["Gemeente Hoogeveen", "De Weide", "De Wielewaal", "Eikstaete"]),  # swapped
    ("wielwaal", ["De Wielewaal"]),
    ("zonnebleom hoogeven", []),  # every word must match
])
def test_finder_forgives_one_typing_mistake(phone, details_url, query, expected):
    assert find(phone, details_url, query) == (expected or ["Pilots per gemeente"])


@pytest.mark.parametrize("query", [
    "wial",  # four letters, one mistake ("wiel")
    "elmare",  # two mistakes ("almere")
    "hoogvn",  # two mistakes ("hoogev")
])
def test_finder_forgives_no_more_than_that(phone, details_url, query):
    assert find(phone, details_url, query) == ["Pilots per gemeente"]
    assert phone.locator(".poh-finder__status").inner_text() == "Niets gevonden."


@pytest.mark.parametrize(("query", "expected"), [
    ("deckers", ["Huisartsenpraktijk Deckers", "Huisartsenpraktijk Dekkers"]),
    ("dekkers", ["Huisartsenpraktijk Dekkers", "Huisartsenpraktijk Deckers"]),
    ("huisartsenpraktijk dekkers", ["Huisartsenpraktijk Dekkers",
                                    "Huisartsenpraktijk Deckers"]),
    ("dekk", ["Huisartsenpraktijk Dekkers"]),  # a start: four letters are not forgiven
])
def test_exact_and_prefix_matches_rank_above_a_typing_mistake(phone, lookalike_url, query,
                                                              expected):
    assert find(phone, lookalike_url, query) == expected


def test_a_practice_card_shows_what_is_known_only(phone, lookalike_url):
    find(phone, lookalike_url, "dekkers")
    card = phone.locator(".poh-finder__results li").first
    # No place, no phone, no hours in the data: none of them guessed.
    assert card.inner_text().splitlines() == [
        "Huisartsenpraktijk Dekkers", "Gemeente Leudal.",
        "Vraag de praktijk wanneer de POH er is."]
    assert card.locator("a").count() == 1


def test_a_practice_card_has_the_next_moment_the_phone_and_the_page(browser, details_url):
    page = at(browser, dt.datetime(2026, 11, 26, 15, 0, tzinfo=AMSTERDAM), viewport=PHONE)
    assert find(page, details_url, "zonnebloem") == ["Testpraktijk Zonnebloem"]
    card = page.locator(".poh-finder__results li").first
    assert card.inner_text().splitlines() == [
        "Testpraktijk Zonnebloem", "Heythuysen, gemeente Leudal.",
        "De POH Jeugd is er weer op maandag 30 november, 09.00–12.00 uur.",
        "Telefoon: 0475 123456"]
    phone_link = card.get_by_role("link", name="0475 123456")
    assert phone_link.get_attribute("href") == "tel:+31475123456"  # as on the practice page
    card.get_by_role("link", name="Testpraktijk Zonnebloem").click()
    page.wait_for_url(details_url + "praktijken/testpraktijk-zonnebloem/")
    page.context.close()


@pytest.mark.parametrize("moment", [
    (2026, 11, 24, 15, 30),  # during the hour: "nu"
    (2026, 12, 23, 10, 0),  # 29 December is an absence: the week after, in the new year
])
def test_a_card_says_what_the_practice_page_says(browser, details_url, moment):
    when = dt.datetime(*moment, tzinfo=AMSTERDAM)
    page = at(browser, when, viewport=PHONE)
    find(page, details_url, "deckers")
    card = page.locator(".poh-finder__results li").first.inner_text().splitlines()
    page.context.close()
    assert card[2] == next_slot(browser, details_url, when)
    assert card[2].startswith("De POH Jeugd is er ")


@pytest.mark.parametrize(("village", "answer", "municipality", "practices"), [
    ("Buitenzand", "Buitenzand", "Zandhoven", ["Gezondheidscentrum Zandhoven"]),
    ("heikant", "Heikant", "Zandhoven", ["Gezondheidscentrum Zandhoven"]),
    ("Oudedijk", "Oudedijk", "Dijkerveld", ["Huisartsenpraktijk De Linde"]),
    ("oudedjik", "Oudedijk", "Dijkerveld", ["Huisartsenpraktijk De Linde"]),  # a mistake
])
def test_a_village_answers_with_its_municipality_and_practices(phone, pilots_url, village,
                                                                answer, municipality,
                                                                practices):
    assert find(phone, pilots_url, village) == [f"Gemeente {municipality}", *practices]
    assert cards(phone)[0][0] == f"{answer} ligt in de gemeente {municipality}."
    phone.get_by_role("link", name=f"Gemeente {municipality}").click()
    phone.wait_for_url(pilots_url + f"gemeenten/{municipality.lower()}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"POH Jeugd in {municipality}")


def test_a_municipality_that_lists_itself_as_a_place_answers_once(phone, pilots_url):
    assert find(phone, pilots_url, "Zandhoven") == ["Gemeente Zandhoven",
                                                   "Gezondheidscentrum Zandhoven"]
    assert "ligt in de gemeente" not in phone.locator(".poh-finder__results").inner_text()
    find(phone, pilots_url, "Noordveen")  # no practice named
    assert "Een POH Jeugd bij de huisarts. Op de pagina leest u hoe u de POH bereikt." in (
        cards(phone)[0])


def test_a_village_in_the_shipped_data(phone, site_url):
    assert find(phone, site_url, "Haelen") == ["Gemeente Leudal", "Huisartsenpraktijk Deckers"]
    assert cards(phone)[0][0] == "Haelen ligt in de gemeente Leudal."
    assert phone.locator(".poh-finder__status").inner_text() == "2 resultaten."
    # What the card says of the municipality is what the data holds, in plain words.
    assert "Een POH Jeugd bij de huisarts. Op deze site: 1 praktijk." in cards(phone)[0]


@pytest.mark.parametrize("query", ["leudal", "hoogeveen", "kaalhoven", "zandhoven"])
def test_every_card_leads_to_an_existing_page(phone, pilots_url, details_url, query):
    """The index stores ids short; the script writes them out again."""
    url = details_url if query in ("leudal", "hoogeveen") else pilots_url
    find(phone, url, query)
    hrefs = phone.locator(".poh-finder__results li a.poh-finder__name").evaluate_all(
        "links => links.map(link => link.href)")
    assert hrefs
    for href in hrefs:
        assert phone.request.get(href).status == 200, href


def test_enter_goes_to_the_village_answer_and_results_stay_announced(phone, pilots_url):
    find(phone, pilots_url, "Buitenzand")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.textContent") == "Gemeente Zandhoven"
    assert phone.locator("[role=status][aria-live=polite]").inner_text() == "2 resultaten."
    assert result_names(phone) == ["Gemeente Zandhoven", "Gezondheidscentrum Zandhoven"]


def test_a_query_in_the_address_is_the_finders_not_the_site_searchs(phone, site_url):
    """Material's search opens for ?q= too (its deep links): not over the finder."""
    phone.goto(site_url + "vind/?q=Deckers")
    result = phone.locator(".poh-finder__results li").first
    expect(result).to_be_visible()
    expect(phone.locator("input[data-md-toggle=search]")).not_to_be_checked()
    expect(phone.locator(".md-search__inner")).not_to_be_visible()
    assert phone.url == site_url + "vind/?q=Deckers"  # kept for a reload or a bookmark
    result.get_by_role("link", name="Huisartsenpraktijk Deckers").click()  # not covered
    phone.wait_for_url(site_url + "praktijken/deckers-haelen/")
