"""Agenda, archive and session lists: upcoming and past split by the build day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

UPCOMING = ["deckers-2026-11-23-opvoeden", "deckers-2026-12-01-vaccinatie",
            "hoogeveen-2026-12-08-sociale-media", "hoogeveen-2026-12-15-opvoeden",
            "hoogeveen-2027-01-12-opvoeden", "almere-2027-03-28-middelen"]
PAST = ["deckers-2026-11-10-vaccinatie", "deckers-2026-10-25-middelen"]


def soup(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def card_ids(page: BeautifulSoup) -> list[str]:
    return [card["id"].removeprefix("sessie-") for card in page.select("article .poh-session[id]")]


def test_agenda_lists_exactly_the_upcoming_sessions(sessions_site):
    assert card_ids(soup(sessions_site, "agenda")) == UPCOMING


def test_archive_lists_past_sessions_newest_first(sessions_site):
    page = soup(sessions_site, "agenda/archief")
    assert card_ids(page) == PAST
    assert not page.select(".poh-session[data-end]")  # nothing there for the script to hide


def test_dutch_date_and_time_with_an_en_dash(sessions_site):
    card = soup(sessions_site, "agenda").select_one("#sessie-deckers-2026-12-01-vaccinatie")
    assert card.h3.get_text() == "dinsdag 1 december 2026, 19.00–20.30 uur"
    assert card["data-end"] == "2026-12-01T20:30:00+01:00"
    text = " ".join(card.get_text(" ").split())
    assert "Vol." in text and "ouders en jongeren (12–18 jaar)" in text
    assert "Voorbeeldstraat 1, 6085 AA Haelen" in text


def test_months_group_the_agenda(sessions_site):
    headings = [h.get_text() for h in soup(sessions_site, "agenda").select(".poh-month h2")]
    assert headings == ["november 2026", "december 2026", "januari 2027", "maart 2027"]


# Without JavaScript "Zet in mijn agenda" is the feed of the host practice, or of the
# municipality when it holds the session; the script makes the one-event file instead.
HOST_FEEDS = {"deckers-2026-11-23-opvoeden": "praktijken/deckers-haelen.ics",
              "deckers-2026-12-01-vaccinatie": "praktijken/deckers-haelen.ics",
              "hoogeveen-2027-01-12-opvoeden": "praktijken/de-wielewaal-hoogeveen.ics",
              "almere-2027-03-28-middelen": "gemeenten/almere.ics"}


def test_add_to_calendar_only_for_sessions_that_take_place(sessions_site):
    page = soup(sessions_site, "agenda")
    for session_id in UPCOMING:
        card = page.select_one(f"#sessie-{session_id}")
        buttons = card.find_all("a", string="Zet in mijn agenda")
        takes_place = session_id in HOST_FEEDS  # not cancelled, not moved
        assert len(buttons) == takes_place, session_id
        assert card.has_attr("data-event") == takes_place, session_id
        for button in buttons:
            assert "poh-add-event" in button["class"]
            assert button["href"] == HOST_FEEDS[session_id]
            assert (sessions_site / "agenda" / button["href"]).is_file()
    assert not (sessions_site / "agenda" / "sessies").exists()  # no file per session


def test_moved_session_links_to_its_new_date(sessions_site):
    card = soup(sessions_site, "agenda").select_one("#sessie-hoogeveen-2026-12-15-opvoeden")
    link = card.find("a", href="#sessie-hoogeveen-2027-01-12-opvoeden")
    assert link.get_text() == "dinsdag 12 januari 2027, 10.00–11.30 uur"


@pytest.mark.parametrize(
    ("url_path", "expected", "feed"),
    [
        ("themas/opvoeden", ["deckers-2026-11-23-opvoeden", "hoogeveen-2026-12-15-opvoeden",
                             "hoogeveen-2027-01-12-opvoeden"], "agenda/themas/opvoeden.ics"),
        ("gemeenten/leudal", ["deckers-2026-11-23-opvoeden", "deckers-2026-12-01-vaccinatie"],
         "agenda/gemeenten/leudal.ics"),
        ("gemeenten/almere", ["almere-2027-03-28-middelen"], "agenda/gemeenten/almere.ics"),
        ("praktijken/de-weide-hoogeveen", ["hoogeveen-2026-12-08-sociale-media"],
         "agenda/praktijken/de-weide-hoogeveen.ics"),
        ("gemeenten/tubbergen", [], "agenda/gemeenten/tubbergen.ics"),
    ],
)
def test_other_pages_list_their_upcoming_sessions(sessions_site, url_path, expected, feed):
    page = soup(sessions_site, url_path)
    links = [a["href"] for a in page.select("article .poh-session--short a")]
    assert [href.split("#sessie-")[1] for href in links] == expected
    for href in links:  # to the card on the agenda page of the session's municipality
        target, anchor = href.split("#")
        card_page = (sessions_site / url_path / target).resolve()
        assert card_page.parent == sessions_site / "agenda" / "gemeenten"
        assert soup(card_page, "").select_one(f"article .poh-session#{anchor}")
    subscribe = page.select_one("article a.poh-subscribe")
    assert (sessions_site / url_path / subscribe["href"]).resolve() == (sessions_site / feed)
    if not expected:
        empty = "Er staan nu geen bijeenkomsten in de agenda."
        assert empty in page.select_one("article").get_text()


def test_filters_are_offered_for_what_is_upcoming(sessions_site):
    form = soup(sessions_site, "agenda").select_one("form.poh-filter")
    assert form.has_attr("hidden")  # shown by the script; without it the full list is there
    towns = [o["value"] for o in form.select("#poh-filter-gemeente option")]
    themes = [o["value"] for o in form.select("#poh-filter-thema option")]
    assert towns == ["", "almere", "hoogeveen", "leudal"]
    assert themes == ["", "vaccinatie", "middelengebruik", "sociale-media", "opvoeden"]
    assert form.select_one("label[for=poh-filter-gemeente]").get_text() == "Gemeente"


def test_schema_org_events(sessions_site):
    script = soup(sessions_site, "agenda").find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    by_date = {event["startDate"]: event for event in graph}
    # The moved session and the one on its new date are one event, listed once.
    assert len(graph) == len(UPCOMING) - 1 == len(by_date)
    assert all(event["@type"] == "Event" for event in graph)
    cancelled = by_date["2026-12-08T19:30:00+01:00"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["location"] == {"@type": "VirtualLocation",
                                     "url": "https://example.org/online-bijeenkomst"}
    moved = [e for e in graph if e["eventStatus"] == "https://schema.org/EventRescheduled"]
    assert [(e["previousStartDate"], e["startDate"]) for e in moved] == [
        ("2026-12-15T10:00:00+01:00", "2027-01-12T10:00:00+01:00")]
    assert [e["startDate"] for e in graph].count("2027-01-12T10:00:00+01:00") == 1
    assert "2026-12-15T10:00:00+01:00" not in by_date  # the old date is no event any more
    summer = by_date["2027-03-28T14:00:00+02:00"]
    assert summer["organizer"] == [{"@type": "GovernmentOrganization",
                                    "name": "Gemeente Almere"}]


def test_empty_agenda_says_so(built_site):
    page = soup(built_site, "agenda")
    assert card_ids(page) == []
    assert "Er staan nu geen bijeenkomsten in de agenda." in page.select_one("article").get_text()
    assert page.select_one("#abonneren") is not None


@pytest.mark.parametrize(("town", "coming", "earlier"), [
    ("leudal", ["deckers-2026-11-23-opvoeden", "deckers-2026-12-01-vaccinatie"],
     ["dinsdag 10 november 2026, 19.00–20.30 uur: Vaccinatie",
      "zondag 25 oktober 2026, 14.00–15.00 uur: Middelengebruik"]),
    ("tubbergen", [], []),
])
def test_each_municipality_has_an_agenda_page(sessions_site, town, coming, earlier):
    page = soup(sessions_site, f"agenda/gemeenten/{town}")
    assert card_ids(page) == coming
    past = page.select_one("#eerdere-bijeenkomsten")
    if earlier:
        assert [li.get_text() for li in past.find_next("ul").select("li")] == earlier
    else:
        assert past is None
    events = page.find("script", type="application/ld+json")
    assert (events is not None) == bool(coming)
    municipality = soup(sessions_site, f"gemeenten/{town}")
    assert municipality.find("a", string=f"Bijeenkomsten in {town.title()}")["href"] == (
        f"../../agenda/gemeenten/{town}/")


@pytest.mark.parametrize(("today", "expected"), [
    # Moved from a date now past to one still coming: the archive links to the new card.
    ("2026-12-20", "gemeenten/hoogeveen.md#sessie-hoogeveen-2027-01-12-opvoeden"),
    # Both over: to the municipality's list of earlier sessions.
    ("2027-02-01", "gemeenten/hoogeveen.md#eerdere-bijeenkomsten"),
])
def test_archive_links_a_moved_session_to_its_new_date(sessions_data, tmp_path, today,
                                                       expected):
    import datetime as dt

    from conftest import build

    site = tmp_path / "site"
    assert build(sessions_data, site, dt.date.fromisoformat(today)) == 0  # strict: anchors
    card = soup(site, "agenda/archief").select_one("#sessie-hoogeveen-2026-12-15-opvoeden")
    href = card.find("a", string="dinsdag 12 januari 2027, 10.00–11.30 uur")["href"]
    assert href == "../" + expected.replace(".md#", "/#")  # from agenda/archief/


def events_of(sessions_data: Path, *session_ids: str, **changes) -> list[dict]:
    """The JSON-LD events of these sessions (after `changes` to the first), as a page with
    just these sessions would list them."""
    import dataclasses

    from conftest import TODAY

    from generator.dataset import load_dataset
    from generator.render import json_ld

    dataset = load_dataset(sessions_data, TODAY)[0]
    if changes:
        changed = dataclasses.replace(dataset.session(session_ids[0]), **changes)
        dataset = dataclasses.replace(dataset, sessions=tuple(
            changed if s.id == changed.id else s for s in dataset.sessions))
    sessions = [dataset.session(session_id) for session_id in session_ids]
    markup = str(json_ld.events_script(dataset, sessions))
    return json.loads(markup.split(">", 1)[1].rsplit("<", 1)[0])["@graph"]


@pytest.mark.parametrize("listed", [
    ["hoogeveen-2026-12-15-opvoeden"],  # a page with the old date only
    ["hoogeveen-2027-01-12-opvoeden"],  # with the new date only
    ["hoogeveen-2026-12-15-opvoeden", "hoogeveen-2027-01-12-opvoeden"],
    ["hoogeveen-2027-01-12-opvoeden", "hoogeveen-2026-12-15-opvoeden"],
])
def test_a_moved_session_is_one_event_on_its_new_date(sessions_data, listed):
    [event] = events_of(sessions_data, *listed)
    assert event["eventStatus"] == "https://schema.org/EventRescheduled"
    assert (event["startDate"], event["endDate"], event["previousStartDate"]) == (
        "2027-01-12T10:00:00+01:00", "2027-01-12T11:30:00+01:00", "2026-12-15T10:00:00+01:00")
    assert event["description"] == "De nieuwe datum van de verplaatste bijeenkomst."


def test_a_session_moved_twice_names_both_earlier_dates(sessions_data):
    # 8 December (cancelled in the fixture) moved to 15 December, which moved to 12 January.
    events = events_of(sessions_data, "hoogeveen-2026-12-08-sociale-media",
                       "hoogeveen-2026-12-15-opvoeden", status="verplaatst",
                       moved_to="hoogeveen-2026-12-15-opvoeden")
    assert [(e["startDate"], e["previousStartDate"]) for e in events] == [
        ("2027-01-12T10:00:00+01:00",
         ["2026-12-08T19:30:00+01:00", "2026-12-15T10:00:00+01:00"])]


def test_a_session_moved_to_no_known_date_is_postponed(sessions_data):
    [event] = events_of(sessions_data, "hoogeveen-2026-12-15-opvoeden", moved_to=None)
    assert event["eventStatus"] == "https://schema.org/EventPostponed"
    assert event["startDate"] == "2026-12-15T10:00:00+01:00"
    assert "previousStartDate" not in event
