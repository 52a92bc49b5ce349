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
from generator.render.finder import render_finder
from generator.render.pages import render_pages
from generator.render.paths import FINDER_INDEX as INDEX
from generator.site_url import DEFAULT_SITE_URL


def finder_index(site) -> dict:
    return json.loads((site / INDEX).read_text(encoding="utf-8"))


def test_finder_index_holds_every_practice_and_municipality(details_site):
    index = finder_index(details_site)
    towns = {row[0]: row for row in index["municipalities"]}
    assert towns["leudal"] == ["leudal", "Leudal", "Limburg", 2]
    assert towns["almere"][3] == 0  # no practice named in the source
    practices = {row[0]: row for row in index["practices"]}
    assert practices["deckers-haelen"] == [
        "deckers-haelen", "Huisartsenpraktijk Deckers", "Haelen",
        index["municipalities"].index(towns["leudal"]), "", [[1, "15:00", "16:00"]]]
    zonnebloem = practices["testpraktijk-zonnebloem"]
    assert zonnebloem[4] == "6093 AB"
    assert zonnebloem[5] == [[0, "09:00", "12:00"], [3, "13:30", "15:00"]]  # week order
    assert set(practices) == {"deckers-haelen", "eikstaete-hoogeveen", "de-weide-hoogeveen",
                              "de-wielewaal-hoogeveen", "testpraktijk-zonnebloem"}


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
    assert [doc["title"] for doc in practice] == ["Huisartsenpraktijk Deckers"]
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
