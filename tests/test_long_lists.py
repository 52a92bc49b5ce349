"""Lists too long for one page (national scale) become an index by municipality: checked on
the fixture data with the limit lowered, so that both forms of each page are rendered."""

from __future__ import annotations

import json
import re

import pytest
from conftest import TODAY

from generator.dataset import load_dataset
from generator.render import json_ld, pages
from generator.site_url import DEFAULT_SITE_URL


@pytest.fixture(scope="module")
def dataset(sessions_data):
    return load_dataset(sessions_data, TODAY)[0]


def render(dataset, monkeypatch, limit: int) -> dict[str, str]:
    """{page path: its HTML} with the one-page limit lowered to `limit`."""
    monkeypatch.setattr(pages, "ONE_PAGE_LIMIT", limit)
    rendered = pages.render_pages(dataset, TODAY, DEFAULT_SITE_URL)
    return {path: page.html for path, page in rendered.items()}


def table_rows(html: str) -> list[tuple[str, str, str]]:
    """(link text, link target, next cell) of each table row that starts with a link."""
    return re.findall(r'<tr><td[^>]*><a href="([^"]*)">([^<]*)</a></td> <td[^>]*>([^<]*)</td>',
                      html)


def test_agenda_becomes_an_index_of_municipalities(dataset, monkeypatch):
    agenda = render(dataset, monkeypatch, 5)["agenda/index.md"]  # 6 upcoming sessions
    assert "Er zijn 6 bijeenkomsten gepland, te veel voor één pagina." in agenda
    assert 'class="poh-session' not in agenda and "poh-filter" not in agenda
    assert re.findall(r'<h2 id="[^"]*">([^<]+)</h2>', agenda)[:3] == [
        "Drenthe", "Flevoland", "Limburg"]
    assert table_rows(agenda) == [
        ("gemeenten/hoogeveen/", "Hoogeveen", "3"),
        ("gemeenten/almere/", "Almere", "1"),
        ("gemeenten/leudal/", "Leudal", "2"),
    ]
    listed = render(dataset, monkeypatch, 6)["agenda/index.md"]
    assert listed.count(' id="sessie-') == 6


def test_archive_becomes_an_index_of_earlier_sessions(dataset, monkeypatch):
    archive = render(dataset, monkeypatch, 1)["agenda/archief.md"]  # 2 past sessions
    assert table_rows(archive) == [
        ("../gemeenten/leudal/#eerdere-bijeenkomsten", "Leudal", "2")]


def test_practice_list_becomes_an_index(dataset, monkeypatch):
    practices = render(dataset, monkeypatch, 3)["praktijken/index.md"]  # 4 practices
    assert "Het zijn 4 praktijken, te veel voor één pagina." in practices
    assert table_rows(practices) == [
        ("../gemeenten/hoogeveen/#deelnemende-huisartsenpraktijken", "Hoogeveen", "3"),
        ("../gemeenten/leudal/#deelnemende-huisartsenpraktijken", "Leudal", "1"),
    ]


def test_theme_page_shows_the_first_sessions_and_points_to_the_agenda(dataset, monkeypatch):
    theme = render(dataset, monkeypatch, 10)["themas/opvoeden.md"]  # 3 upcoming, shows 2
    assert theme.count("poh-session--short") == 2
    assert 'En nog 1 bijeenkomst: zie de <a href="../../agenda/">agenda</a>.' in theme


def test_a_big_city_leaves_its_clinics_to_their_own_pages(dataset, monkeypatch):
    hoogeveen = next(m for m in dataset.municipalities if m.id == "hoogeveen")
    graph = json.loads(re.sub(r"<[^>]+>", "", json_ld.municipality_json_ld(hoogeveen, dataset,
                                                                          DEFAULT_SITE_URL)))
    assert [item["@type"] for item in graph["@graph"]].count("MedicalClinic") == 3
    monkeypatch.setattr(json_ld, "CLINICS_IN_FULL", 2)
    graph = json.loads(re.sub(r"<[^>]+>", "", json_ld.municipality_json_ld(hoogeveen, dataset,
                                                                          DEFAULT_SITE_URL)))
    assert [item["@type"] for item in graph["@graph"]] == ["GovernmentOrganization"]


def test_overview_draws_one_timeline_only_while_it_stays_readable(dataset, monkeypatch):
    assert "<svg" in render(dataset, monkeypatch, 25)["gemeenten/index.md"]  # 5 pilots
    overview = render(dataset, monkeypatch, 24)["gemeenten/index.md"]
    assert "<svg" not in overview
    assert "Bij 5 pilots is één tijdlijn op een telefoon niet meer te lezen." in overview
    assert len(table_rows(overview)) == 5  # the table stays whole


def test_a_big_city_lists_its_practices_without_hours(dataset, monkeypatch):
    leudal = render(dataset, monkeypatch, 5)["gemeenten/leudal.md"]
    assert "de POH Jeugd is er op dinsdag" in leudal
    hoogeveen = render(dataset, monkeypatch, 10)["gemeenten/hoogeveen.md"]  # 3 practices > 2
    assert "Het zijn 3 praktijken. Wanneer de POH er is, staat op de pagina" in hoogeveen
    assert '<li><a href="../../praktijken/eikstaete-hoogeveen/">Eikstaete</a>, Hoogeveen.</li>' \
        in hoogeveen
