"""Practice pages and the finder's index as built: hours, absences, the check date, the
report link and the poster address; the index matches the data and stays small."""

from __future__ import annotations

import gzip
import json

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, TODAY
from test_pages import article_text, page

from generator.cli import main
from generator.dataset import load_dataset
from generator.model import Poh, Practice
from generator.render.finder import expand_id, render_finder, short_id
from generator.render.pages import render_pages
from generator.render.paths import FINDER_INDEX as INDEX
from generator.site_url import DEFAULT_SITE_URL


def finder_index(site) -> dict:
    return json.loads((site / INDEX).read_text(encoding="utf-8"))


def records(columns: dict[str, list]) -> list[dict]:
    """The index's columns as one record per municipality or practice."""
    return [dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)]


def test_finder_index_holds_every_practice_and_municipality(details_site):
    index = finder_index(details_site)
    towns = {town["id"]: town for town in records(index["municipalities"])}
    assert towns["leudal"] == {"id": "leudal", "name": "Leudal", "province": "Limburg",
                               "places": ["Haelen"]}
    assert towns["almere"]["places"] == []
    leudal = index["municipalities"]["id"].index("leudal")
    practices = {practice["name"]: practice for practice in records(index["practices"])}
    # Ids are stored short where they hold the name or place: 'deckers-' + 'haelen'.
    assert practices["Huisartsenpraktijk Deckers"] == {
        "id": "deckers-+", "name": "Huisartsenpraktijk Deckers", "place": "Haelen",
        "municipality": leudal, "postcode": "", "phone": "",
        "slots": [[1, "15:00", "16:00"]],
        "absences": [["2026-12-29", "2026-12-29"]]}  # not those over at build time
    zonnebloem = practices["Testpraktijk Zonnebloem"]
    assert zonnebloem["id"] == "*"
    assert zonnebloem["postcode"] == "6093 AB"
    assert zonnebloem["phone"] == "0475 123456"
    assert zonnebloem["slots"] == [[0, "09:00", "12:00"], [3, "13:30", "15:00"]]  # week order
    assert practices["De Wielewaal"]["id"] == "*-+"
    assert set(practices) == {"Huisartsenpraktijk Deckers", "Eikstaete", "De Weide",
                              "De Wielewaal", "Testpraktijk Zonnebloem"}


@pytest.mark.parametrize(("name", "place", "practice_id", "stored"), [
    ("Huisartsenpraktijk Deckers", "Haelen", "deckers-haelen", "deckers-+"),
    ("Huisartsen Apelhoven-West", "Apelhoven", "synth-huisartsen-apelhoven-west-apelhoven",
     "synth-*-+"),
    ("De Eik", "Bakelhout", "de-eik-bakelhout-2", "*-+-2"),
    ("Praktijk 't Hof", None, "praktijk-t-hof", "*"),
    ("Café Centrum", "Zuid", "cafe-centrum-zuid", "cafe-centrum-+"),  # not ASCII: kept
    ("Zuid", "Zuid", "zuid", "*"),  # the place is in the name: the name first
    ("Een", "Twee", "drie", "drie"),
])
def test_finder_index_stores_ids_short_and_expands_them_again(name, place, practice_id,
                                                              stored):
    practice = Practice(id=practice_id, name=name, place=place, municipality=None,
                        poh=Poh(role="POH Jeugd"), sources=())
    assert short_id(practice) == stored
    assert expand_id(stored, practice) == practice_id


def test_finder_hint_takes_its_examples_from_the_data(built_site, details_site, pilots_site):
    shipped = page(built_site, "vind")
    assert shipped.select_one("label[for=poh-finder-vraag]").get_text() == (
        "Naam van de praktijk, plaats of gemeente")
    assert shipped.select_one("#poh-finder-tip").get_text() == (
        "Bijvoorbeeld: Haelen (plaats), Hoogeveen (gemeente) of Huisartsenpraktijk Deckers "
        "(praktijk).")
    # No shipped practice has a postcode: the page does not offer to search by one.
    assert "postcode" not in str(shipped).lower()
    details = page(details_site, "vind")
    assert details.select_one("label[for=poh-finder-vraag]").get_text() == (
        "Naam van de praktijk, plaats, gemeente of postcode")
    assert details.select_one("#poh-finder-tip").get_text().endswith(
        " U kunt ook de vier cijfers van uw postcode typen.")
    assert "op naam, plaats, gemeente of postcode" in details.select_one(
        "meta[name=description]")["content"]
    pilots = page(pilots_site, "vind").select_one("#poh-finder-tip").get_text()
    assert pilots == ("Bijvoorbeeld: Buitenzand (plaats), Dijkerveld (gemeente) of "
                      "Gezondheidscentrum Zandhoven (praktijk).")
    # The examples are not what the site search should find the finder by.
    assert details.select_one("#poh-finder-tip").has_attr("data-search-exclude")


def test_finder_page_points_at_its_index(details_site):
    form = page(details_site, "vind").select_one("form.poh-finder")
    assert form.has_attr("hidden")  # shown by the script, so no dead form without it
    assert (details_site / "vind" / form["data-index"]).is_file()
    assert form["data-root"] == "../"
    assert form.select_one("input[type=search]")["name"] == "q"


def test_finder_index_is_the_same_for_the_same_data(sessions_data):
    dataset, _ = load_dataset(sessions_data, TODAY)
    first = render_finder(dataset, TODAY, DEFAULT_SITE_URL)
    assert first == render_finder(dataset, TODAY, DEFAULT_SITE_URL)
    assert len(gzip.compress(first[INDEX].encode())) < 2_000


def test_practice_page_shows_check_date_and_an_outdated_notice(details_site, built_site):
    text = article_text(details_site, "praktijken/deckers-haelen")
    assert "De praktijk heeft deze tijden bevestigd op 2 maart 2026." in text
    assert "Misschien niet meer actueel" in text
    fresh = article_text(details_site, "praktijken/testpraktijk-zonnebloem")
    assert "De praktijk heeft deze tijden bevestigd op 1 november 2026." in fresh
    assert "Misschien niet meer actueel" not in fresh
    unchecked = article_text(built_site, "praktijken/deckers-haelen")
    assert "De praktijk heeft deze tijden nog niet bevestigd." in unchecked
    # Without hours there is nothing to check: only the one sentence that none are known.
    no_hours = article_text(details_site, "praktijken/eikstaete-hoogeveen")
    assert "Op welke dagen de POH Jeugd er is, weten we (nog) niet." in no_hours
    assert "bevestigd" not in no_hours


def test_practice_page_lists_coming_absences_only(details_site):
    text = article_text(details_site, "praktijken/deckers-haelen")
    assert ("Kerstvakantie: de POH Jeugd is er niet op dinsdag 29 december 2026." in text)
    assert "Al voorbij" not in text  # ended before the build's today
    slots = page(details_site, "praktijken/deckers-haelen").select_one(".poh-next")
    assert json.loads(slots["data-slots"]) == [[1, "15:00", "16:00"]]
    assert json.loads(slots["data-absences"]) == [["2026-12-29", "2026-12-29"]]


def test_practice_page_contact_report_link_and_poster_address(details_site):
    soup = page(details_site, "praktijken/testpraktijk-zonnebloem")
    text = article_text(details_site, "praktijken/testpraktijk-zonnebloem")
    assert "Adres: Testweg 1, 6093 AB Heythuysen" in text
    assert soup.select_one('a[href="tel:+31475123456"]').get_text() == "0475 123456"
    # The site has no editors' address (extra.corrections): the page says whom to tell.
    assert soup.find("a", string="Meld het ons") is None
    assert "Vertel het aan de praktijk, en noem de code testpraktijk-zonnebloem" in text
    poster = soup.select_one(".poh-poster__url").get_text()
    assert poster.endswith("praktijken/testpraktijk-zonnebloem/")
    # The week, in week order whatever the data's order: the answer without script.
    assert "De POH Jeugd is er op: maandag 09.00–12.00 uur donderdag 13.30–15.00 uur" in text


def test_a_practice_without_hours_has_no_next_slot_block(built_site):
    assert page(built_site, "praktijken/eikstaete-hoogeveen").select_one(".poh-next") is None


def test_site_search_keeps_what_parents_search_for(details_site):
    docs = json.loads((details_site / "search/search_index.json").read_text())["docs"]
    locations = [doc["location"] for doc in docs]
    practice = [doc for doc in docs if doc["location"].startswith("praktijken/deckers-haelen/")]
    # The place in the title: parents search for it, and the title weighs most.
    assert [doc["title"] for doc in practice] == ["Huisartsenpraktijk Deckers in Haelen"]
    assert "Haelen" in practice[0]["text"] and "Leudal" in practice[0]["text"]
    leudal = {doc["location"].split("#")[-1] for doc in docs
              if doc["location"].startswith("gemeenten/leudal/")}
    assert "deelnemende-huisartsenpraktijken" in leudal
    assert not leudal & {"tijdlijn", "themabijeenkomsten", "link-naar-deze-pagina", "bronnen"}
    assert not [loc for loc in locations if loc.startswith(("agenda/gemeenten/", "embed/"))]
    assert any(loc.startswith("themas/vaccinatie/") for loc in locations)


@pytest.mark.parametrize(("address", "expected"), [
    ("redactie@poh.example", "mailto:redactie@poh.example?subject=Klopt%20er%20iets%20niet%3F"
     "%20%28deckers-haelen%29&body=Pagina%3A%20https%3A%2F%2Fpoh.example%2Fpraktijken%2F"
     "deckers-haelen%2F%0ACode%3A%20deckers-haelen%0A%0AWat%20klopt%20er%20niet%3F%0A"),
    ("https://poh.example/formulier?bron=site", "https://poh.example/formulier?bron=site&pagina="
     "https%3A%2F%2Fpoh.example%2Fpraktijken%2Fdeckers-haelen%2F&code=deckers-haelen"),
])
def test_the_corrections_link_names_the_page_and_the_code(address, expected):
    dataset, _ = load_dataset(DATA, TODAY)
    pages = render_pages(dataset, TODAY, "https://poh.example/", corrections=address)
    soup = BeautifulSoup(pages["praktijken/deckers-haelen.md"].html, "html.parser")
    assert soup.find("a", string="Meld het ons")["href"] == expected


def test_a_corrections_address_that_is_neither_mail_nor_web_is_refused(tmp_path, capsys):
    assert main(["export", str(tmp_path / "out"), "--corrections", "bel de redactie"]) == 2
    assert "geen e-mailadres en geen webadres" in capsys.readouterr().err


def test_a_practices_search_title_is_escaped(hostile_site):
    docs = json.loads((hostile_site / "search/search_index.json").read_text())["docs"]
    titles = [doc["title"] for doc in docs
              if doc["location"].startswith("praktijken/") and doc["location"].count("/") == 2]
    # Material shows search titles as HTML: the name and place are text in it.
    assert '&lt;svg onload=alert(5)&gt;Praktijk in Plaats" onmouseover="alert(6)' in titles
