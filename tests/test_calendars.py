"""ICS feeds: read back by two independent parsers and checked against the data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from generator.site_url import DEFAULT_SITE_URL

UTC = dt.UTC
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def read(site: Path, path: str) -> str:
    # newline="" keeps the CRLF line ends that RFC 5545 requires.
    with (site / path).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def events_icalendar(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def events_vobject(text: str) -> dict[str, object]:
    calendar = vobject.readOne(text, validate=True)
    return {event.uid.value: event for event in getattr(calendar, "vevent_list", [])}


def all_feeds(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "agenda").rglob("*.ics"))


def test_every_feed_parses_in_both_readers(sessions_site):
    feeds = all_feeds(sessions_site)
    # 1 + 5 municipalities + 4 practices + 4 themes; "Zet in mijn agenda" has no files
    assert len(feeds) == 14
    for feed in feeds:
        text = read(sessions_site, feed)
        assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
        assert "\n" not in text.replace("\r\n", ""), feed
        assert events_icalendar(text).keys() == events_vobject(text).keys(), feed


def test_all_feed_matches_the_data(sessions_site, sessions_data):
    text = read(sessions_site, "agenda/alle.ics")
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["X-WR-CALNAME"]) == "Themabijeenkomsten POH Jeugd"
    assert str(calendar["NAME"]) == "Themabijeenkomsten POH Jeugd"
    assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(hours=12)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = events_icalendar(text)
    assert len(events) == 8
    vaccination = events["sessie-deckers-2026-12-01-vaccinatie@poh-jeugd"]
    assert vaccination.start == dt.datetime(2026, 12, 1, 19, 0, tzinfo=AMSTERDAM)
    assert vaccination.end == dt.datetime(2026, 12, 1, 20, 30, tzinfo=AMSTERDAM)
    assert str(vaccination["STATUS"]) == "CONFIRMED"
    assert str(vaccination["LOCATION"]) == (
        "Huisartsenpraktijk Deckers, Voorbeeldstraat 1, 6085 AA Haelen"
    )
    assert str(vaccination["SUMMARY"]).startswith("Vol: Vaccinatie")
    assert vaccination["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize("uid", ["sessie-hoogeveen-2026-12-08-sociale-media@poh-jeugd",
                                 "sessie-hoogeveen-2026-12-15-opvoeden@poh-jeugd"])
def test_cancelled_and_moved_sessions_stay_in_the_feed_as_cancelled(sessions_site, uid):
    events = events_icalendar(read(sessions_site, "agenda/gemeenten/hoogeveen.ics"))
    assert str(events[uid]["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    ("uid", "local_start", "utc_start"),
    [
        # 25 October 2026: clocks go back at 03:00; 14:00 is CET (+01:00).
        ("sessie-deckers-2026-10-25-middelen@poh-jeugd", dt.datetime(2026, 10, 25, 14, 0),
         dt.datetime(2026, 10, 25, 13, 0, tzinfo=UTC)),
        # 28 March 2027: clocks go forward at 02:00; 14:00 is CEST (+02:00).
        ("sessie-almere-2027-03-28-middelen@poh-jeugd", dt.datetime(2027, 3, 28, 14, 0),
         dt.datetime(2027, 3, 28, 12, 0, tzinfo=UTC)),
        # A normal winter day for comparison.
        ("sessie-deckers-2026-12-01-vaccinatie@poh-jeugd", dt.datetime(2026, 12, 1, 19, 0),
         dt.datetime(2026, 12, 1, 18, 0, tzinfo=UTC)),
    ],
)
def test_sessions_on_the_days_the_clocks_change(sessions_site, uid, local_start, utc_start):
    text = read(sessions_site, "agenda/alle.ics")
    ical_event = events_icalendar(text)[uid]
    assert ical_event.start.replace(tzinfo=None) == local_start
    assert ical_event.start.astimezone(UTC) == utc_start
    # vobject reads the feed's own VTIMEZONE: it proves the rules we wrote are right.
    vobject_start = events_vobject(text)[uid].dtstart.value
    assert vobject_start.astimezone(UTC) == utc_start


def test_feed_per_item_holds_only_its_sessions(sessions_site):
    leudal = events_icalendar(read(sessions_site, "agenda/gemeenten/leudal.ics"))
    assert all("deckers" in uid for uid in leudal)
    assert len(leudal) == 4
    theme = events_icalendar(read(sessions_site, "agenda/themas/opvoeden.ics"))
    assert len(theme) == 3
    practice = events_icalendar(read(sessions_site, "agenda/praktijken/de-weide-hoogeveen.ics"))
    assert list(practice) == ["sessie-hoogeveen-2026-12-08-sociale-media@poh-jeugd"]


def card_event(card) -> dict[str, str]:
    """The event as agenda.js reads it from a session card (its `cardEvent`)."""
    carried = json.loads(card["data-event"])
    paragraphs = [p.get_text() for p in card.select(".poh-session__text > p")]
    event = dict(zip(("summary", "start", "end", "categories", "location", "url"), carried,
                     strict=False))
    return {name: value for name, value in event.items() if value} | {
        "uid": card["id"] + "@poh-jeugd", "status": "CONFIRMED",
        "description": "\n\n".join([*paragraphs, carried[6]])}


def test_session_cards_carry_the_event_of_the_feeds(sessions_site):
    """What "Zet in mijn agenda" makes in the browser (agenda.js) comes from the card's
    id, text and data-event: the same fields as the session's VEVENT in the feeds."""
    feed = events_icalendar(read(sessions_site, "agenda/alle.ics"))
    page = BeautifulSoup(read(sessions_site, "agenda/index.html"), "html.parser")
    cards = page.select("article .poh-session[data-event]")
    assert len(cards) == 4  # the upcoming sessions that take place
    for card in cards:
        carried = card_event(card)
        event = feed[carried["uid"]]
        for key in ("start", "end"):
            moment = event["DT" + key.upper()]
            assert moment.params["TZID"] == "Europe/Amsterdam"
            assert moment.dt.tzinfo.key == "Europe/Amsterdam"
            assert carried[key] == moment.dt.strftime("%Y%m%dT%H%M%S")
        assert carried.keys() - {"start", "end"} == {
            name.lower() for name in event if name not in ("DTSTART", "DTEND", "DTSTAMP")}
        for name in ("uid", "summary", "description", "location", "url", "status"):
            assert carried.get(name) == (str(event[name]) if name in event else None), name
        assert [carried["categories"]] == event["CATEGORIES"].cats


def test_text_to_escape_and_fold_in_a_card(sessions_site):
    """The fixture's session in Almere has text that tests escaping and folding."""
    page = BeautifulSoup(read(sessions_site, "agenda/gemeenten/almere/index.html"),
                         "html.parser")
    carried = card_event(page.select_one("#sessie-almere-2027-03-28-middelen"))
    assert carried["location"] == "Stadhuis; zaal De Kolk, Almere"
    assert carried["url"] == (DEFAULT_SITE_URL + "agenda/gemeenten/almere/"
                              "#sessie-almere-2027-03-28-middelen")  # the card, not the stream
    # The link to the online session, which the card shows, is in the description.
    assert "\nOnline: https://example.org/live?zaal=kolk,stadhuis;almere\n" in (
        carried["description"])
    assert carried["description"].startswith("Op de dag dat de zomertijd ingaat; de klok")
    assert {",", ";", "\\", "\n", "é", "€", "🙂"} <= set(carried["description"])
    text = read(sessions_site, "agenda/gemeenten/almere.ics")
    assert "DESCRIPTION:Op de dag dat de zomertijd ingaat\\; de klok" in text
    assert "ouders\\\\verzorgers" in text.replace("\r\n ", "")
    assert str(events_vobject(text)["sessie-almere-2027-03-28-middelen@poh-jeugd"]
               .description.value) == carried["description"]


def test_empty_feeds_are_valid_calendars(built_site):
    for feed in all_feeds(built_site):
        text = read(built_site, feed)
        assert events_icalendar(text) == {} == events_vobject(text)
        calendar = icalendar.Calendar.from_ical(text)
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]


def event_target(site: Path, event: icalendar.Event):
    """The element an event's URL leads to in the built site (None if there is none)."""
    url = str(event["URL"])
    assert url.startswith(DEFAULT_SITE_URL), url
    path, anchor = url.removeprefix(DEFAULT_SITE_URL).split("#")
    page = BeautifulSoup(read(site, path + "index.html"), "html.parser")
    return page.select_one("article").find(id=anchor)


def test_every_event_links_to_its_session_on_the_site(sessions_site):
    """URL: the session's card on its municipality's agenda page, or, once it is over, its
    line in that page's list of earlier sessions."""
    events = events_icalendar(read(sessions_site, "agenda/alle.ics"))
    assert len(events) == 8
    for uid, event in events.items():
        session_id = uid.removesuffix("@poh-jeugd").removeprefix("sessie-")
        assert str(event["URL"]).endswith(f"/#sessie-{session_id}"), uid
        target = event_target(sessions_site, event)
        assert target is not None, uid
        over = event.start.date() < dt.date(2026, 11, 23)
        if over:
            assert target.name == "li"
            assert target.find_parent("ul").find_previous("h2")["id"] == "eerdere-bijeenkomsten"
        else:
            assert "poh-session" in target["class"], uid


def test_a_moved_session_is_cancelled_on_its_old_date_and_named_on_its_new_one(sessions_site):
    events = events_icalendar(read(sessions_site, "agenda/gemeenten/hoogeveen.ics"))
    old = events["sessie-hoogeveen-2026-12-15-opvoeden@poh-jeugd"]
    new = events["sessie-hoogeveen-2027-01-12-opvoeden@poh-jeugd"]
    assert str(old["STATUS"]) == "CANCELLED"
    assert old.start == dt.datetime(2026, 12, 15, 10, 0, tzinfo=AMSTERDAM)  # that date is off
    assert "Nieuwe datum: dinsdag 12 januari 2027, 10.00–11.30 uur" in str(old["DESCRIPTION"])
    assert str(old["SUMMARY"]).startswith("Verplaatst: ")
    assert str(new["STATUS"]) == "CONFIRMED"
    assert new.start == dt.datetime(2027, 1, 12, 10, 0, tzinfo=AMSTERDAM)
    assert "Nieuwe datum" not in str(new["DESCRIPTION"])
    # One event takes place on the new date: the new session's, not the moved one as well.
    on_new_date = [uid for uid, event in events.items()
                   if event.start == new.start and str(event["STATUS"]) == "CONFIRMED"]
    assert on_new_date == ["sessie-hoogeveen-2027-01-12-opvoeden@poh-jeugd"]
    # The moved session's URL is its own card, which links to the new date.
    card = event_target(sessions_site, old)
    assert card.find("a", href="#sessie-hoogeveen-2027-01-12-opvoeden")


def test_uids_and_urls_do_not_depend_on_the_build_day(sessions_site, sessions_data, tmp_path):
    from conftest import build

    site = tmp_path / "site"
    assert build(sessions_data, site, today=dt.date(2026, 12, 2)) == 0
    before = events_icalendar(read(sessions_site, "agenda/alle.ics"))
    later = events_icalendar(read(site, "agenda/alle.ics"))
    uid = "sessie-deckers-2026-12-01-vaccinatie@poh-jeugd"
    assert uid in later
    assert later[uid]["DTSTAMP"].dt == dt.datetime(2026, 12, 2, tzinfo=UTC)
    # Over since: the URL an imported event carries still leads to the session.
    assert str(later[uid]["URL"]) == str(before[uid]["URL"])
    assert "poh-session" in event_target(sessions_site, before[uid])["class"]  # the card
    assert event_target(site, later[uid]).name == "li"  # its line among earlier sessions
