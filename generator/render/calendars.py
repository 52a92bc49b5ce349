"""iCalendar (RFC 5545) feeds of the theme sessions: all, per municipality, practice and theme.

UIDs come from the session ids, so a subscribed calendar updates an event instead of
adding a copy. Cancelled and moved sessions stay in the feeds as STATUS:CANCELLED. Every
feed exists even when it has no events, so a subscription never breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, Timezone

from generator.model import Dataset, ThemeSession
from generator.render.text import dutch_time_range

PRODUCT_ID = "-//POH Jeugd bij de huisarts//Themabijeenkomsten//NL"
REFRESH = dt.timedelta(hours=12)

# Europe/Amsterdam as the EU has defined it since 1996, in the rule form calendar apps know
# best. Onsets are in the local time before each change (RFC 5545, 3.6.5).
_AMSTERDAM = Timezone.from_ical(
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Amsterdam\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "DTSTART:19810329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "DTSTART:19961027T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)
STATUS_PREFIX = {"geannuleerd": "Gaat niet door: ", "verplaatst": "Verplaatst: ",
                 "vol": "Vol: ", "gepland": ""}


def feed_path(kind: str, item_id: str | None = None) -> str:
    """Where a feed lives: agenda/alle.ics, agenda/<kind>/<id>.ics (kind: gemeenten, ...)."""
    return "agenda/alle.ics" if item_id is None else f"agenda/{kind}/{item_id}.ics"


def render_calendars(dataset: Dataset, today: dt.date) -> dict[str, bytes]:
    """Every feed, plus a one-event file per session for "Zet in mijn agenda"."""
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    feeds = {feed_path("alle"): ("Themabijeenkomsten POH Jeugd", dataset.sessions)}
    feeds |= {feed_path("gemeenten", m.id): (f"Themabijeenkomsten POH Jeugd {m.name}",
                                              dataset.sessions_in(m))
              for m in dataset.municipalities}
    feeds |= {feed_path("praktijken", p.id): (f"Themabijeenkomsten {p.name}",
                                               dataset.sessions_at(p))
              for p in dataset.practices}
    feeds |= {feed_path("themas", t.id): (f"Themabijeenkomsten {t.name}", dataset.sessions_on(t))
              for t in dataset.themes}
    feeds |= {feed_path("sessies", s.id): (_summary(s), (s,)) for s in dataset.sessions}
    return {path: _calendar(name, sessions, stamp) for path, (name, sessions) in feeds.items()}


def _calendar(name: str, sessions: Iterable[ThemeSession], stamp: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # the same, for apps that predate RFC 7986
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # the same as REFRESH, for older apps
    calendar.add_component(_AMSTERDAM)
    for session in sessions:
        calendar.add_component(_event(session, stamp))
    return calendar.to_ical()


def _event(session: ThemeSession, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"sessie-{session.id}@poh-jeugd")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", _summary(session))
    event.add("description", _description(session))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("categories", [session.theme.name])
    location = _location(session)
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    return event


def _summary(session: ThemeSession) -> str:
    hosts = " en ".join(p.name for p in session.practices) or session.municipalities[0].name
    return f"{STATUS_PREFIX[session.status]}{session.theme.name}: themabijeenkomst ({hosts})"


def _description(session: ThemeSession) -> str:
    lines = [session.description, "", dutch_time_range(session.start, session.end)]
    signup = session.signup
    if signup and signup.walk_in:
        lines.append("Vrije inloop: aanmelden is niet nodig.")
    elif signup:
        lines += [f"Aanmelden: {value}" for value in (signup.url, signup.phone, signup.email)
                  if value]
    if session.led_by:
        lines.append(f"Door: {session.led_by}")
    return "\n".join(lines)


def _location(session: ThemeSession) -> str | None:
    place = session.location
    if place is None:
        return session.online_url and f"Online: {session.online_url}"
    postcode_place = " ".join(part for part in (place.postcode, place.place) if part)
    return ", ".join(part for part in (place.name, place.address, postcode_place) if part)
