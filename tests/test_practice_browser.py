"""Parents in Chromium: the finder, Material's search, and the next POH hours on a practice
page at fixed clock times (also across daylight-saving changes and from another time zone)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from conftest import AMSTERDAM, PHONE, at, serve
from playwright.sync_api import Browser, Page, expect


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


# The label names postcodes only when the data holds some (the details fixture does).
FINDER_LABEL = re.compile(r"^Naam van de praktijk, plaats(, gemeente of postcode| of gemeente)$")


def find(page: Page, url: str, query: str) -> list[str]:
    """Type into the finder like a person would; the names of the results shown (each
    result's first link: a card may hold a phone link too)."""
    page.goto(url + "vind/")
    field = page.get_by_label(FINDER_LABEL)
    # The form shows once its index is loaded. Typing before that (a busy machine) sends the
    # keys to the page instead: press_sequentially does not wait for a visible field.
    expect(field).to_be_visible()
    field.press_sequentially(query, delay=20)
    results = page.locator(".poh-finder__results li")
    expect(results.first).to_be_visible()
    return result_names(page)


def result_names(page: Page) -> list[str]:
    return page.locator(".poh-finder__results li").evaluate_all(
        "items => items.map(item => item.querySelector('a').textContent.trim())")


@pytest.mark.parametrize(("query", "expected"), [
    ("Deckers", ["Huisartsenpraktijk Deckers"]),
    # Haelen is a place the data lists for Leudal: the municipality, then its practices.
    ("haelen", ["Gemeente Leudal", "Huisartsenpraktijk Deckers", "Testpraktijk Zonnebloem"]),
    ("Hoogeveen", ["Gemeente Hoogeveen", "De Weide", "De Wielewaal", "Eikstaete"]),
    ("wielewaal hoogeveen", ["De Wielewaal"]),
    ("Almere", ["Gemeente Almere"]),
    ("Leudal", ["Gemeente Leudal", "Huisartsenpraktijk Deckers", "Testpraktijk Zonnebloem"]),
    ("6093", ["Testpraktijk Zonnebloem"]),
    ("6093 AB", ["Testpraktijk Zonnebloem"]),
    ("6093ab", ["Testpraktijk Zonnebloem"]),
])
def test_finder_finds_by_name_place_municipality_and_postcode(phone, details_url, query,
                                                               expected):
    assert find(phone, details_url, query) == expected
    status = phone.locator(".poh-finder__status").inner_text()
    assert status.startswith(f"{len(expected)} resultat") or status == "1 resultaat."


def test_finder_results_show_the_next_hours_and_lead_to_the_practice(browser, site_url):
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM), viewport=PHONE)
    assert find(page, site_url, "Deckers") == ["Huisartsenpraktijk Deckers"]
    result = page.locator(".poh-finder__results li").first
    assert result.inner_text().splitlines() == [
        "Huisartsenpraktijk Deckers", "Haelen, gemeente Leudal.",
        "De POH Jeugd is er weer morgen (dinsdag 24 november), 15.00–16.00 uur."]
    result.get_by_role("link").click()  # step two: the practice page with the hours
    page.wait_for_url(site_url + "praktijken/deckers-haelen/")
    assert page.locator(".poh-week").inner_text() == (
        "De POH Jeugd is er op dinsdag 15.00–16.00 uur.")
    page.context.close()


def test_finder_says_clearly_when_nothing_matches(phone, details_url):
    assert find(phone, details_url, "Amsterdam") == ["Pilots per gemeente"]
    assert phone.locator(".poh-finder__status").inner_text() == "Niets gevonden."
    assert "Vraag het aan uw eigen huisarts" in phone.locator(".poh-finder__none").inner_text()
    assert find(phone, details_url, "1011") == ["Pilots per gemeente"]


def test_finder_works_with_the_keyboard(phone, site_url):
    find(phone, site_url, "hoogeveen")
    phone.keyboard.press("Enter")  # to the first result, not a page reload
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == "Gemeente Hoogeveen"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "De Weide"
    field = phone.get_by_role("searchbox")
    assert field.get_attribute("aria-describedby") == "poh-finder-tip poh-finder-privacy"
    assert phone.locator("[role=status][aria-live=polite]").count() == 1


def test_finder_reads_a_query_from_the_address(phone, site_url):
    phone.goto(site_url + "vind/?q=Haelen")
    expect(phone.locator(".poh-finder__results li a")).to_have_text(
        ["Gemeente Leudal", "Huisartsenpraktijk Deckers"])
    assert phone.get_by_role("searchbox").input_value() == "Haelen"


def test_finder_without_javascript_points_to_the_lists(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "vind/")
    assert not page.locator("form.poh-finder").is_visible()
    fallback = page.locator(".poh-finder-fallback")
    assert fallback.is_visible()
    assert fallback.get_by_role("link", name="Praktijken met een POH Jeugd").is_visible()
    context.close()


@pytest.mark.parametrize(("query", "expected"), [
    # A practice's place is part of its title in the site search.
    ("Haelen", "Huisartsenpraktijk Deckers in Haelen"),
    ("deckers", "Huisartsenpraktijk Deckers in Haelen"),
    ("Hoogeveen", "POH Jeugd in Hoogeveen"),
    ("Wielewaal", "De Wielewaal in Hoogeveen"),
    ("Leudal", "POH Jeugd in Leudal"),
    ("praktijken", "Praktijken met een POH Jeugd"),
    ("vaccinatie", "Vaccinatie"),
])
def test_material_search_finds_dutch_queries(phone, site_url, query, expected):
    phone.goto(site_url)
    phone.locator("label.md-header__button[for=__search]").click()
    field = phone.locator("input.md-search__input")
    expect(field).to_be_visible()
    field.press_sequentially(query, delay=30)
    expect(phone.locator(".md-search-result__item").first).to_be_visible()
    titles = phone.locator(".md-search-result__item h1").all_inner_texts()
    assert expected in titles


def next_slot(browser: Browser, url: str, moment: dt.datetime, practice: str = "deckers-haelen",
              **options) -> str:
    page = at(browser, moment, **options)
    page.goto(f"{url}praktijken/{practice}/")
    text = page.locator(".poh-next").inner_text()
    page.context.close()
    return text


def said(when: str) -> str:
    """The practice page's sentence for the next moment ('nu, tot 16.00 uur.', 'morgen (...)
    ...', 'dinsdag 1 december, ...'): what it is, not a walk-in "spreekuur"."""
    if when.startswith("nu"):
        return "De POH Jeugd is er " + when
    if when.startswith(("vandaag", "morgen")):
        return "De POH Jeugd is er weer " + when
    return "De POH Jeugd is er weer op " + when


@pytest.mark.parametrize(("moment", "expected"), [
    ((2026, 11, 23, 12, 0), "morgen (dinsdag 24 november), 15.00–16.00 uur."),
    ((2026, 11, 24, 14, 59), "vandaag (dinsdag 24 november), 15.00–16.00 uur."),
    ((2026, 11, 24, 15, 0), "nu, tot 16.00 uur."),
    ((2026, 11, 24, 15, 59), "nu, tot 16.00 uur."),
    ((2026, 11, 24, 16, 0), "dinsdag 1 december, 15.00–16.00 uur."),
    # 29 December is an absence (Kerstvakantie): the week after, in the new year.
    ((2026, 12, 23, 10, 0), "dinsdag 5 januari 2027, 15.00–16.00 uur."),
])
def test_next_slot_at_fixed_clock_times(browser, details_url, moment, expected):
    when = dt.datetime(*moment, tzinfo=AMSTERDAM)
    assert next_slot(browser, details_url, when) == said(expected)


@pytest.mark.parametrize(("utc", "expected"), [
    # 13.30 UTC is 14.30 in winter (CET) but 15.30 in summer (CEST): the clocks went
    # forward on Sunday 28 March 2027 and back on Sunday 25 October 2026.
    ((2027, 3, 23, 13, 30), "vandaag (dinsdag 23 maart), 15.00–16.00 uur."),
    ((2027, 3, 30, 13, 30), "nu, tot 16.00 uur."),
    ((2026, 10, 20, 13, 30), "nu, tot 16.00 uur."),
    ((2026, 10, 27, 13, 30), "vandaag (dinsdag 27 oktober), 15.00–16.00 uur."),
    # Just before midnight in Amsterdam on Monday is already Tuesday in UTC.
    ((2026, 11, 23, 22, 59), "morgen (dinsdag 24 november), 15.00–16.00 uur."),
])
def test_next_slot_follows_the_dutch_clock_from_any_time_zone(browser, site_url, utc,
                                                              expected):
    when = dt.datetime(*utc, tzinfo=dt.UTC)
    for zone in ("UTC", "America/New_York", "Asia/Tokyo"):
        text = next_slot(browser, site_url, when, timezone_id=zone)
        assert text == said(expected), zone


def test_next_slot_picks_the_earliest_of_several_days(browser, details_url):
    when = dt.datetime(2026, 11, 26, 15, 0, tzinfo=AMSTERDAM)  # Thursday, after 13.30–15.00
    text = next_slot(browser, details_url, when, practice="testpraktijk-zonnebloem")
    assert text == "De POH Jeugd is er weer op maandag 30 november, 09.00–12.00 uur."


def test_absence_that_ended_since_the_build_is_hidden(browser, details_url):
    page = at(browser, dt.datetime(2026, 12, 30, 9, 0, tzinfo=AMSTERDAM))
    page.goto(details_url + "praktijken/deckers-haelen/")
    assert not page.get_by_text("Kerstvakantie").is_visible()
    page.context.close()
    page = at(browser, dt.datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM))
    page.goto(details_url + "praktijken/deckers-haelen/")
    assert page.get_by_text("Kerstvakantie").is_visible()
    page.context.close()


def test_without_javascript_the_weekly_table_is_the_answer(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "praktijken/deckers-haelen/")
    assert not page.locator(".poh-next").is_visible()
    assert not page.locator(".poh-print").is_visible()
    assert "dinsdag 15.00–16.00 uur" in page.locator(".poh-week").inner_text()
    context.close()


def test_finder_shows_hostile_names_as_text(browser, hostile_site):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site) as url:
        names = find(page, url, "gif")
        assert names == ["Gemeente Gif<b>stad</b> & co",
                         "Gemeente Gif<i>dorp</i> [buur](javascript:alert(20))",
                         "<svg onload=alert(5)>Praktijk"]
        results = page.locator(".poh-finder__results")
        assert results.locator("svg, b, script").count() == 0
        assert 'Plaats" onmouseover="alert(6)' in results.inner_text()
        results.locator("li").last.hover()
    assert dialogs == []
    context.close()


def test_a_parent_on_a_phone_gets_from_the_home_page_to_the_poh_without_a_dead_end(
        browser, site_url):
    """The route of a new user: home, the finder with a typing mistake, the municipality, the
    practice, how to get an appointment and whom to call; a wrong address leads back."""
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM), viewport=PHONE)
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Vind uw POH Jeugd").click()
    page.wait_for_url(site_url + "vind/")
    names = find(page, site_url, "haeln")  # one letter missing
    assert names[:2] == ["Gemeente Leudal", "Huisartsenpraktijk Deckers"]
    page.locator(".poh-finder__results").get_by_role("link", name="Gemeente Leudal").click()
    page.wait_for_url(site_url + "gemeenten/leudal/")
    page.locator("article").get_by_role("link", name="Huisartsenpraktijk Deckers").first.click()
    page.wait_for_url(site_url + "praktijken/deckers-haelen/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[:4] == ["Wat doet de POH Jeugd?", "Hoe krijgt u een afspraak?",
                            "Wanneer is de POH Jeugd er?", "Contact"]
    assert headings[-2:] == ["Klopt er iets niet?", "Bronnen"]
    expect(page.locator(".poh-next")).to_have_text(
        "De POH Jeugd is er weer morgen (dinsdag 24 november), 15.00–16.00 uur.")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.goto(site_url + "praktijken/bestaat-niet/")
    assert "Deze pagina bestaat niet" in page.locator("h1").inner_text()
    page.get_by_role("searchbox").first.fill("Deckers")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url(re.compile(r".*/vind/\?q=Deckers"))
    expect(page.locator(".poh-finder__results li").first).to_contain_text(
        "Huisartsenpraktijk Deckers")
    page.context.close()
