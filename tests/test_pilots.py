"""Pilots unlike the shipped five (tests/fixtures/pilots/): every fact the data holds shows on
the municipality page, the overview and the embed; a fact the data lacks shows nowhere."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PHONE, TODAY, axe_violations, serve, vnu_errors

from generator.dataset import load_dataset
from generator.render.timeline import BAND, WIDTH

SVG = "{http://www.w3.org/2000/svg}"


def soup_of(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def text_of(site: Path, url_path: str) -> str:
    """The page's article as a reader sees it, without the chart."""
    article = soup_of(site, url_path).select_one("article")
    for svg in article.select("svg"):
        svg.decompose()
    return " ".join(article.get_text().split())


def overview_row(site: Path, name: str) -> list[str]:
    for row in soup_of(site, "gemeenten").select("article table tbody tr"):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
        if cells[0] == name:
            return cells
    raise AssertionError(f"{name} is not in the overview")


def test_status_unknown_is_said_plainly_everywhere(pilots_site: Path) -> None:
    for town in ("noordveen", "kaalhoven"):
        page = text_of(pilots_site, f"gemeenten/{town}")
        embed = text_of(pilots_site, f"embed/gemeenten/{town}")
        assert "Status op 23 november 2026: Niet bekend." in page
        assert "Status op 23 november 2026: niet bekend." in embed
        assert "Loopt" not in page and "loopt." not in embed
    assert overview_row(pilots_site, "Noordveen")[2] == "Niet bekend"


def test_a_pilot_made_permanent_continues_after_its_period(pilots_site: Path) -> None:
    page = text_of(pilots_site, "gemeenten/westerbroek")
    assert "Status op 23 november 2026: Structureel. Structureel sinds januari 2022." in page
    assert "Structureel sinds januari 2022" in page and "Einde eind december 2021" in page
    assert overview_row(pilots_site, "Westerbroek")[2:5] == ["Structureel", "april 2019",
                                                           "structureel"]
    svg = soup_of(pilots_site, "gemeenten/westerbroek").select_one("figure svg")
    bands = [rect for rect in svg.select("rect") if rect.get("fill") == BAND
             and rect.get("stroke")]
    right = WIDTH - 16
    # The continuation starts in January 2022 and reaches the edge; no dashed "end unknown".
    assert any(abs(float(r["x"]) + float(r["width"]) - right) < 0.2 for r in bands)
    dashed = [line for line in svg.select("line") if line.get("stroke-dasharray")]
    assert dashed == []
    assert "Lichte balk tot de rand: structureel" in text_of(pilots_site, "gemeenten/westerbroek")


def test_years_between_a_pilot_and_its_permanence_are_drawn_as_unknown(
        pilots_site: Path) -> None:
    svg = soup_of(pilots_site, "gemeenten/oosterlaan").select_one("figure svg")
    dashed = [line for line in svg.select("line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1  # from the end of 2016 to March 2023
    assert float(dashed[0]["x2"]) > float(dashed[0]["x1"])
    page = text_of(pilots_site, "gemeenten/oosterlaan")
    assert "14 maart 2023 Overeenkomst ondertekend. Gemeente en huisartsen tekenen een " \
           "convenant voor onbepaalde tijd." in page


def test_sessions_after_a_permanent_pilot_give_no_warning(pilots_data: Path,
                                                          tmp_path: Path) -> None:
    _, warnings = load_dataset(pilots_data, TODAY)
    assert not [w for w in warnings if "buiten de looptijd" in w.message]
    # The same session once the pilot has no "structureel" moment: the warning is there.
    data = tmp_path / "data"
    shutil.copytree(pilots_data, data)
    text = (data / "municipalities.yaml").read_text(encoding="utf-8")
    permanent = ('      - type: structureel\n        date:\n          date: "2022-01"\n'
                 "        source: westerbroek-raad\n")
    assert permanent in text
    (data / "municipalities.yaml").write_text(text.replace(permanent, ""), encoding="utf-8")
    _, warnings = load_dataset(data, TODAY)
    assert [w.message for w in warnings if "buiten de looptijd" in w.message] == [
        "De bijeenkomst valt buiten de looptijd van de pilot in Westerbroek."]


def test_a_joint_arrangement_is_one_pilot_on_both_pages(pilots_site: Path) -> None:
    zandhoven = text_of(pilots_site, "gemeenten/zandhoven")
    dijkerveld = text_of(pilots_site, "gemeenten/dijkerveld")
    assert "De gemeenten Zandhoven en Dijkerveld hebben samen één regeling." in zandhoven
    assert "De gemeenten Dijkerveld en Zandhoven hebben samen één regeling." in dijkerveld
    link = soup_of(pilots_site, "gemeenten/zandhoven").find("a", string="Dijkerveld")
    assert link["href"] == "../dijkerveld/"

    def facts(page: str) -> str:
        return page[page.index("In het kort"):page.index("Deelnemende")]
    assert facts(zandhoven) == facts(dijkerveld)
    assert overview_row(pilots_site, "Zandhoven")[2:] == overview_row(
        pilots_site, "Dijkerveld")[2:] == ["Verlengd", "1 september 2020",
                                           "eind december 2027", "9", "144"]


def test_counts_show_with_their_qualifier_and_date(pilots_site: Path) -> None:
    page = text_of(pilots_site, "gemeenten/zandhoven")
    for fact in ("Huisartsenpraktijken 9 huisartsenpraktijken (2022) — Alle praktijken in "
                 "Zandhoven, de meeste in één gezondheidscentrum.",
                 "Huisartsen ongeveer 20 huisartsen (2020)",
                 "Huisartsen 31 huisartsen (2022)",
                 "POH's 6 POH's", "Organisaties die POH's leveren 3 organisaties die POH's "
                 "leveren", "Uren per week 144 (24 uur per POH)"):
        assert fact in page
    assert "Huisartsenpraktijken meer dan 80% van de huisartsenpraktijken (2023)" in text_of(
        pilots_site, "gemeenten/noordveen")
    assert overview_row(pilots_site, "Noordveen")[5] == "meer dan 80%"
    assert "6 POH's, samen 144 uur per week." in text_of(pilots_site, "embed/gemeenten/zandhoven")


def test_outcome_figures_show_with_period_and_source(pilots_site: Path) -> None:
    page = text_of(pilots_site, "gemeenten/zandhoven")
    source = "“Jaarverslag POH Jeugd Zandhoven en Dijkerveld 2022”"
    assert f"412 jongeren geholpen tot en met december 2022 {source}" in page
    assert ("78% van 350 afgesloten trajecten: zonder verwijzing naar specialistische zorg "
            f"2022 {source}") in page
    assert ("meer dan 90% van de vragen binnen de praktijk opgelost januari 2022 tot en met "
            'juni 2023 “Evaluatie POH Jeugd Noordveen”') in text_of(pilots_site,
                                                                     "gemeenten/noordveen")


def test_typed_milestones_keep_their_precision(pilots_site: Path) -> None:
    page = text_of(pilots_site, "gemeenten/westerbroek")
    for row in ("1 april 2019 Start van de pilot.", "2 2021 Evaluatie. De evaluatie is positief.",
                "3 eind december 2021 Einde van de pilot.",
                "4 januari 2022 Structureel: een vast onderdeel geworden."):
        assert row in page
    zandhoven = text_of(pilots_site, "gemeenten/zandhoven")
    assert "2 juni 2022 Verlengd tot eind december 2027." in zandhoven


def test_organisations_show_with_their_roles(pilots_site: Path) -> None:
    page = text_of(pilots_site, "gemeenten/dijkerveld")
    assert "Opdrachtgever Gemeente Zandhoven" in page
    assert "Wie betaalt Gemeente Zandhoven en Gemeente Dijkerveld" in page
    assert "Werkgever van de POH Stichting Kindwijzer Zand en Dijk" in page
    assert ("Levert de POH Stichting Kindwijzer Zand en Dijk, Welzijnswerk Dijkerveld en "
            "CJG Zandhoven") in page
    assert "CJG Zandhoven (levert de POH)" in page


def test_sources_are_listed_as_far_as_they_are_known(pilots_site: Path) -> None:
    westerbroek = text_of(pilots_site, "gemeenten/westerbroek")
    assert ("“Raadsbrief POH Jeugd wordt structureel”, Gemeente Westerbroek. Gepubliceerd: "
            "november 2021.") in westerbroek
    assert "https://krant.example/westerbroek-poh. Datum van publicatie onbekend." in westerbroek
    assert "archiefstuk ARCH-0042" in text_of(pilots_site, "gemeenten/oosterlaan")
    noordveen = text_of(pilots_site, "gemeenten/noordveen")
    # The status comes from a dated source: its date is given, not "no date".
    assert "Het nieuwste bericht hierover is van 5 maart 2024." in noordveen
    assert "geen datum" not in noordveen


def test_the_overview_timeline_keeps_the_case_of_its_text(pilots_site: Path) -> None:
    desc = soup_of(pilots_site, "gemeenten").select_one("figure svg desc").get_text()
    assert "Westerbroek: april 2019: Start van de pilot" in desc
    assert "start van de pilot" not in desc


# --- Nothing said that is not in the data ------------------------------------------------

# Phrases that state a fact; each may only appear when the data holds that fact. Kaalhoven's
# pilot has only its required fields, its one practice only a name.
CLAIMS = ("Voor wie", "Kosten", "gratis", "Gratis", "Wie betaalt", "Werkgever", "opdrachtgever",
          "Opdrachtgever", "Levert de POH", "Start", "Einde", "Verlengd", "verlengd",
          "Structureel", "structureel", "Loopt", ": loopt", "fgelopen", "Uren per week", "POH's",
          "Huisartsenpraktijk in", "Gepubliceerd", "Tijdlijn", "Resultaten", "Doel",
          "Hoe komt u", "Hoe krijgt u", "Samenwerkingspartners", "afgeleid", "Aangekondigd",
          "jaar", "Adres", "Telefoon")
MINIMAL_PAGES = ("gemeenten/kaalhoven", "embed/gemeenten/kaalhoven", "praktijken/alleen-naam")


@pytest.mark.parametrize("url_path", MINIMAL_PAGES)
def test_pages_of_a_minimal_pilot_claim_nothing_more(pilots_site: Path, url_path: str) -> None:
    page = text_of(pilots_site, url_path)
    assert [claim for claim in CLAIMS if claim in page] == []


def test_the_claims_list_finds_claims(pilots_site: Path) -> None:
    """The same check on a pilot with those facts: the list is not toothless."""
    page = text_of(pilots_site, "gemeenten/zandhoven")
    found = [claim for claim in CLAIMS if claim in page]
    assert {"Wie betaalt", "Werkgever", "Opdrachtgever", "Start", "Verlengd", "Uren per week",
            "Tijdlijn", "Resultaten"} <= set(found)


def test_a_practice_known_only_by_name_gets_no_guessed_place(pilots_site: Path) -> None:
    html = (pilots_site / "praktijken/alleen-naam/index.html").read_text(encoding="utf-8")
    assert "addressLocality" not in html
    page = text_of(pilots_site, "praktijken/alleen-naam")
    assert page.startswith("Huisartsenpraktijk Alleen Naam Huisartsenpraktijk, gemeente "
                           "Kaalhoven.")
    row = [" ".join(td.get_text(" ").split()) for td in soup_of(pilots_site, "praktijken")
           .find("a", string="Huisartsenpraktijk Alleen Naam").find_parent("tr").select("td")]
    assert row[1] == ""  # the place column stays empty; the municipality has its own


def test_the_build_date_does_not_change_what_a_minimal_pilot_claims(pilots_data: Path) -> None:
    """Whatever the date, a pilot without dates has the status its source gives."""
    dataset, _ = load_dataset(pilots_data, TODAY)
    (kaalhoven,) = [m for m in dataset.municipalities if m.id == "kaalhoven"]
    from generator.render.pilot_status import pilot_status
    for year in (2000, 2026, 2090):
        status = pilot_status(kaalhoven.pilot, dt.date(year, 1, 1))
        assert (status.code, status.computed) == ("onbekend", False)
    assert status.reason == "Of de pilot nog loopt, weten we niet."


def _empty(value: object) -> bool:
    """None, an empty list, or a record of nothing but empty values."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value in (None, [], "", False)


def test_open_data_of_a_minimal_pilot_holds_only_its_data(pilots_site: Path) -> None:
    record = json.loads((pilots_site / "open-data/gemeenten/kaalhoven.json").read_text())
    pilot = record["municipality"]["pilot"]
    given = {"id", "title", "municipalities", "status", "computed_status", "sources"}
    assert [key for key, value in pilot.items() if key not in given and not _empty(value)] == []
    (practice,) = record["practices"]
    assert [key for key, value in practice.items() if not _empty(value)] == [
        "id", "name", "municipality", "url", "poh", "sources"]
    with (pilots_site / "open-data/gemeenten.csv").open(encoding="utf-8", newline="") as file:
        row = next(r for r in csv.DictReader(file) if r["id"] == "kaalhoven")
    assert {key for key, value in row.items() if value} <= {
        "id", "name", "cbs_code", "province", "pilot_id", "pilot_title", "pilot_municipalities",
        "status", "computed_status", "computed_status_from_dates", "computed_status_reason",
        "computed_status_on", "practices", "sources", "url"}
    services = json.loads((pilots_site / "open-data/hsds/services.json").read_text())
    (service,) = [s for s in services if s["alternate_name"] == "Pilot POH Jeugd Kaalhoven"]
    assert service["status"] == "inactive"
    assert not {"funding", "application_process", "eligibility_description",
                "fees_description"} & set(service)
    assert "opdrachtgever" not in json.dumps(service)
    (location,) = [s["location"] for s in service["service_at_locations"]]
    assert set(location) == {"id", "location_type", "name", "description"}


# --- The new content in outside checkers ----------------------------------------------------

CHECKED_PAGES = ("gemeenten", "gemeenten/zandhoven", "gemeenten/westerbroek",
                 "gemeenten/oosterlaan", "gemeenten/kaalhoven", "embed/gemeenten/zandhoven",
                 "praktijken/alleen-naam")


def test_pages_of_new_kinds_of_pilots_are_valid_html(pilots_site: Path) -> None:
    assert vnu_errors([pilots_site / path / "index.html" for path in CHECKED_PAGES]) == []


def test_pages_of_new_kinds_of_pilots_pass_axe_on_a_phone(browser, pilots_site: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    with serve(pilots_site) as url:
        for path in CHECKED_PAGES:
            page.goto(f"{url}/{path}/")
            assert (path, axe_violations(page)) == (path, [])
    context.close()


def test_the_pilots_contact_shows_on_its_municipality_and_practice_pages(pilots_site: Path):
    for path in ("gemeenten/zandhoven", "gemeenten/dijkerveld", "praktijken/zandhoven-centrum"):
        page = text_of(pilots_site, path)
        assert ("Met vragen over de POH Jeugd kunt u ook terecht bij CJG Zandhoven (maandag "
                "tot en met vrijdag 9.00-17.00 uur).") in page, path
        links = {a["href"] for a in soup_of(pilots_site, path).select("article a[href]")}
        assert {"tel:+31412345678", "mailto:poh@cjg-zandhoven.example",
                "https://cjg-zandhoven.example/poh-jeugd"} <= links, path
    assert "terecht bij" not in text_of(pilots_site, "gemeenten/kaalhoven")


def test_a_municipality_page_names_its_listed_places(pilots_site: Path) -> None:
    assert ("Tot de gemeente horen onder meer Zandhoven, Buitenzand en Heikant." in
            text_of(pilots_site, "gemeenten/zandhoven"))
    assert "Tot de gemeente horen onder meer Oudedijk." in text_of(pilots_site,
                                                                   "gemeenten/dijkerveld")
    assert "Tot de gemeente" not in text_of(pilots_site, "gemeenten/kaalhoven")
