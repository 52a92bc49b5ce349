"""The agenda in Chromium: sessions that ended after the build disappear, filters work,
"Zet in mijn agenda" makes its file in the browser, and without JavaScript the build's
full list is there."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import vobject
from conftest import AMSTERDAM, TODAY, TRICKY_TEXT, at, serve
from playwright.sync_api import Page

from generator.model import Location
from generator.site_url import DEFAULT_SITE_URL


@pytest.fixture(scope="module")
def sessions_url(sessions_site) -> Iterator[str]:
    with serve(sessions_site) as url:
        yield url


def visible_ids(page: Page, selector: str = "article .poh-session[id]") -> list[str]:
    return page.eval_on_selector_all(
        selector, "cards => cards.filter(c => !c.hidden).map(c => c.id.replace('sessie-', ''))")


@pytest.mark.parametrize(
    ("moment", "expected_first"),
    [
        (dt.datetime(2026, 11, 23, 15, 59, tzinfo=AMSTERDAM), "deckers-2026-11-23-opvoeden"),
        (dt.datetime(2026, 11, 23, 16, 0, tzinfo=AMSTERDAM), "deckers-2026-12-01-vaccinatie"),
        (dt.datetime(2026, 12, 1, 20, 31, tzinfo=AMSTERDAM),
         "hoogeveen-2026-12-08-sociale-media"),
    ],
)
def test_sessions_that_ended_since_the_build_are_hidden(browser, sessions_url, moment,
                                                        expected_first):
    page = at(browser, moment)
    page.goto(sessions_url + "agenda/")
    shown = visible_ids(page)
    assert shown[0] == expected_first
    assert page.locator(".poh-filter__count").inner_text() == f"{len(shown)} bijeenkomsten"
    months = page.eval_on_selector_all(
        ".poh-month", "months => months.filter(m => !m.hidden).map(m => m.querySelector('h2')"
        ".textContent)")
    assert months[0] == ("november 2026" if moment.month == 11 and moment.hour < 16
                         else "december 2026")
    page.context.close()


def test_ended_sessions_are_hidden_on_theme_pages_too(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 16, 5, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "themas/opvoeden/")
    short = page.locator("article .poh-session--short")
    assert short.count() == 3
    assert [short.nth(i).is_visible() for i in range(3)] == [False, True, True]
    page.context.close()


def test_filter_by_municipality_and_theme(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "agenda/")
    page.get_by_label("Gemeente").select_option("hoogeveen")
    assert visible_ids(page) == ["hoogeveen-2026-12-08-sociale-media",
                                 "hoogeveen-2026-12-15-opvoeden", "hoogeveen-2027-01-12-opvoeden"]
    page.get_by_label("Thema").select_option("vaccinatie")
    assert visible_ids(page) == []
    assert page.locator(".poh-agenda__empty").is_visible()
    assert page.locator(".poh-filter__count").inner_text() == "0 bijeenkomsten"
    page.get_by_label("Gemeente").select_option("")
    assert visible_ids(page) == ["deckers-2026-12-01-vaccinatie"]
    page.context.close()


def test_subscribe_links_become_webcal(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "gemeenten/leudal/")
    link = page.locator("article a.poh-subscribe")
    host = sessions_url.removeprefix("http://").rstrip("/")
    assert link.get_attribute("href") == f"webcal://{host}/agenda/gemeenten/leudal.ics"
    page.context.close()


def test_without_javascript_the_build_list_stays(browser, sessions_url):
    page = at(browser, dt.datetime(2027, 6, 1, 12, 0, tzinfo=AMSTERDAM),
              java_script_enabled=False)
    page.goto(sessions_url + "agenda/")
    assert len(visible_ids(page)) == 6
    assert not page.locator("form.poh-filter").is_visible()
    assert page.locator("article a.poh-subscribe").first.get_attribute("href").endswith(".ics")
    # "Zet in mijn agenda" is the feed of the practice that holds the session.
    with page.expect_download() as download_info:
        page.locator("#sessie-deckers-2026-12-01-vaccinatie a.poh-add-event").click()
    assert download_info.value.url == sessions_url + "agenda/praktijken/deckers-haelen.ics"
    page.context.close()


# "Zet in mijn agenda": the script writes the one-event file from the card (its id, its text
# and its data-event).
CLICKED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


def read_crlf(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:  # keep the CRLF line ends
        return handle.read()


def vevent(text: str) -> str:
    """The VEVENT block of a one-event calendar, as written."""
    return text[text.index("BEGIN:VEVENT\r\n"):text.index("END:VEVENT\r\n")]


def vtimezone(text: str) -> str:
    return text[text.index("BEGIN:VTIMEZONE\r\n"):text.index("END:VTIMEZONE\r\n")]


def add_to_calendar(page: Page, card: str) -> tuple[str, list[str]]:
    """Click "Zet in mijn agenda" on a card; the file it downloads, and the requests made
    from the click on."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with page.expect_download() as download_info:
        page.locator(f"#{card} a.poh-add-event").click()
    download = download_info.value
    assert download.url.startswith("blob:")
    assert download.suggested_filename == f"{card}.ics"
    return read_crlf(Path(download.path())), requests


@pytest.mark.parametrize(("town", "session_id", "start", "end"), [
    # A practice's session in winter time, and a municipality's on the day summer time
    # starts, with a comma, semicolon, backslash, line breaks and long non-ASCII text.
    ("leudal", "deckers-2026-12-01-vaccinatie", dt.datetime(2026, 12, 1, 19, 0),
     dt.datetime(2026, 12, 1, 20, 30)),
    ("almere", "almere-2027-03-28-middelen", dt.datetime(2027, 3, 28, 14, 0),
     dt.datetime(2027, 3, 28, 16, 0)),
])
def test_add_to_calendar_makes_the_file_in_the_browser(browser, sessions_url, sessions_site,
                                                       town, session_id, start, end):
    page = at(browser, CLICKED_AT)
    page.goto(sessions_url + f"agenda/gemeenten/{town}/", wait_until="networkidle")
    page.clock.set_fixed_time(CLICKED_AT)  # for DTSTAMP
    text, requests = add_to_calendar(page, f"sessie-{session_id}")
    page.context.close()
    assert [url for url in requests if not url.startswith("blob:")] == []  # no network
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    calendar = vobject.readOne(text, validate=True)  # the stricter reader, with our VTIMEZONE
    assert calendar.vtimezone.tzid.value == "Europe/Amsterdam"
    [event] = calendar.vevent_list
    uid = f"sessie-{session_id}@poh-jeugd"
    assert event.uid.value == uid
    for value, local in ((event.dtstart.value, start), (event.dtend.value, end)):
        assert value.replace(tzinfo=None) == local
        assert value.utcoffset() == local.replace(tzinfo=AMSTERDAM).utcoffset()
    assert event.dtstamp.value == CLICKED_AT.astimezone(dt.UTC)  # the page's clock
    # The same event as in the feeds, byte for byte but for DTSTAMP, and the same time zone.
    feed = read_crlf(sessions_site / f"agenda/gemeenten/{town}.ics")
    [feed_event] = [block for block in feed.split("BEGIN:VEVENT\r\n")
                    if f"\r\nUID:{uid}\r\n" in block]
    assert vevent(text) == vevent("BEGIN:VEVENT\r\n" + feed_event).replace(
        "DTSTAMP:20261123T000000Z", "DTSTAMP:20261123T110000Z")  # built at midnight UTC
    assert vtimezone(text) == vtimezone(feed)
    feed_events = {e.uid.value: e for e in vobject.readOne(feed).vevent_list}
    for name in ("summary", "description", "location", "status", "categories"):
        assert getattr(event, name).value == getattr(feed_events[uid], name).value, name
    if session_id.startswith("almere"):
        assert "ouders\\verzorgers en café-eigenaren" in event.description.value
        # After the paragraphs: the time, the link to the online session, how to sign up.
        assert event.description.value.endswith(
            "🙂\n\n14.00–16.00 uur\nOnline: https://example.org/live?zaal=kolk,stadhuis;almere"
            "\nVrije inloop: aanmelden is niet nodig.")
        assert event.location.value == "Stadhuis; zaal De Kolk, Almere"
    # The event leads back to the session's card, on the site that made the file.
    assert event.url.value == f"{DEFAULT_SITE_URL}agenda/gemeenten/{town}/#sessie-{session_id}"


def test_the_browser_writes_events_as_the_feeds_do(browser, sessions_url, sessions_data):
    """Escaping and folding in agenda.js against calendars.py, on text full of escapes and
    of characters of every UTF-8 length around the fold."""
    from generator.dataset import load_dataset
    from generator.render import calendars
    from generator.render.pages import _event_json
    from generator.render.text import paragraphs

    base = load_dataset(sessions_data, TODAY)[0].session("almere-2027-03-28-middelen")
    sessions = [dataclasses.replace(base, id=f"lastig-{index}", description=text,
                                    led_by=text.replace("\n", " ").replace("\r", " ")[:80],
                                    location=Location(text[:90], text[::-1][:90], None,
                                                      "1234 AB"))
                for index, text in enumerate(TRICKY_TEXT)]
    stamp = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
    # Chromium drops the 11th download a page starts within a second or so (seen in 156):
    # a fresh page for every ten.
    for batch in range(0, len(sessions), 10):
        page = at(browser, CLICKED_AT)
        page.goto(sessions_url + "agenda/gemeenten/almere/", wait_until="networkidle")
        page.clock.set_fixed_time(CLICKED_AT)  # for DTSTAMP
        page.eval_on_selector("article", """(article, cards) => cards.forEach(([id, ev, text]) => {
            const card = document.createElement("div");
            card.className = "poh-session";
            card.id = id;
            card.setAttribute("data-event", ev);
            card.innerHTML = '<div class="poh-session__text">' + text + '</div>' +
                '<a class="poh-add-event" href="../almere.ics">Agenda</a>';
            article.append(card);
        })""", [[f"sessie-{s.id}", _event_json(s, DEFAULT_SITE_URL),
                 str(paragraphs(s.description))]
                for s in sessions[batch:batch + 10]])
        for session in sessions[batch:batch + 10]:
            text, requests = add_to_calendar(page, f"sessie-{session.id}")
            assert [url for url in requests if not url.startswith("blob:")] == []
            assert vevent(text) + "END:VEVENT\r\n" == calendars._event(
                session, stamp, DEFAULT_SITE_URL).decode()
            vobject.readOne(text, validate=True)
        page.context.close()
