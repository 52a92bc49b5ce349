"""iCalendar (RFC 5545) feeds of the theme sessions: all, per municipality, practice and theme.

UIDs come from the session ids, so a subscribed calendar updates an event instead of
adding a copy. Cancelled and moved sessions stay in the feeds as STATUS:CANCELLED. A moved
session keeps its own date there (that date is cancelled) and its description names the
new date; the session on the new date is an event of its own, with its own UID. Every
event's URL is the session's place on its municipality's agenda page, an address that
keeps working after the session (see paths.session_path). Every feed exists even when it
has no events, so a subscription never breaks.

"Zet in mijn agenda" has no file of its own: docs/javascripts/agenda.js writes the
one-event file in the browser from the session card (its id, its description paragraphs
and `card_event`), with the same fields, time zone, escaping and folding as the feeds here.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Timezone

from generator.model import TIMEZONE, Dataset, ThemeSession
from generator.render.paths import feed_path, public_url, session_path
from generator.render.text import dutch_date, dutch_time_range, paragraph_blocks

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


def render_calendars(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, bytes]:
    """Every feed: all sessions, and those per municipality, practice and theme."""
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # Each session is in up to five feeds; its event is written once and copied into each.
    events = {s.id: _event(s, stamp, site_url, _new_session(dataset, s))
              for s in dataset.sessions}
    feeds = {feed_path("alle"): ("Themabijeenkomsten POH Jeugd", dataset.sessions)}
    feeds |= {feed_path("gemeenten", m.id): (f"Themabijeenkomsten POH Jeugd {m.name}",
                                              dataset.sessions_in(m))
              for m in dataset.municipalities}
    feeds |= {feed_path("praktijken", p.id): (f"Themabijeenkomsten {p.name}",
                                               dataset.sessions_at(p))
              for p in dataset.practices}
    feeds |= {feed_path("themas", t.id): (f"Themabijeenkomsten {t.name}", dataset.sessions_on(t))
              for t in dataset.themes}
    return {path: _calendar(name, [events[s.id] for s in sessions])
            for path, (name, sessions) in feeds.items()}


# The calendar around the events, as icalendar writes it, with a stand-in for the name.
_NAME = "STAND-IN"


def _frame() -> tuple[bytes, bytes]:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _NAME)  # RFC 7986
    calendar.add("x-wr-calname", _NAME)  # the same, for apps that predate RFC 7986
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # the same as REFRESH, for older apps
    calendar.add_component(_AMSTERDAM)
    text = calendar.to_ical()
    names = f"NAME:{_NAME}\r\nX-WR-CALNAME:{_NAME}\r\n".encode()
    before, after = text.split(names)
    return before, after.removesuffix(_END)


_END = b"END:VCALENDAR\r\n"
_BEFORE_NAME, _AFTER_NAME = _frame()


def _calendar(name: str, events: list[bytes]) -> bytes:
    # icalendar knows NAME and X-WR-CALNAME as "unknown" properties: it writes them verbatim.
    if "\n" in name or "\r" in name:
        raise ValueError(f"A calendar name may not contain a line break: {name!r}")
    names = _line(f"NAME:{name}") + _line(f"X-WR-CALNAME:{name}")
    return b"".join((_BEFORE_NAME, names, _AFTER_NAME, *events, _END))


def _new_session(dataset: Dataset, session: ThemeSession) -> ThemeSession | None:
    """The session on the new date of a moved one."""
    return dataset.session(session.moved_to) if session.moved_to else None


def event_fields(session: ThemeSession, site_url: str,
                 new: ThemeSession | None = None) -> dict[str, str]:
    """What a session's VEVENT says, before escaping. Start and end are local times in
    Europe/Amsterdam (the TZID); location only when there is one. The url is where the
    session is on the site; a link to an online session is in the location (online only)
    or the description. `new`: the session on the new date of a moved one."""
    fields = {
        "uid": f"sessie-{session.id}@poh-jeugd",
        "summary": _summary(session),
        "start": _local(session.starts_at),
        "end": _local(session.ends_at),
        "categories": session.theme.name,
        "description": _description(session, new),
        "status": "CANCELLED" if session.is_cancelled else "CONFIRMED",
    }
    location = _location(session)
    if location:
        fields["location"] = location
    for uri in (session.online_url, site_url):
        if uri and ("\r" in uri or "\n" in uri):
            raise ValueError(f"A URI value may not contain CR or LF: {uri!r}")
    fields["url"] = public_url(site_url, session_path(session))
    return fields


def card_event(session: ThemeSession, site_url: str) -> list[str]:
    """What the session card carries for agenda.js beyond what it shows: [summary, start,
    end, categories, location, url, the description's last lines]. The script takes the
    UID from the card's id and the description's paragraphs from the card's text (cards
    are many on a page; the text is there already). Only cards of sessions that take
    place carry it, so the status is CONFIRMED (and the session has not moved)."""
    fields = event_fields(session, site_url)
    return [fields["summary"], fields["start"], fields["end"], fields["categories"],
            fields.get("location", ""), fields["url"], _description_tail(session)]


def _event(session: ThemeSession, stamp: dt.datetime, site_url: str,
           new: ThemeSession | None = None) -> bytes:
    """One VEVENT exactly as icalendar 7 writes it (its property order, escaping and
    folding), but some fifty times faster: thousands of sessions made icalendar the
    slowest step of the build."""
    fields = event_fields(session, site_url, new)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(fields['summary'])}",
        f"DTSTART;TZID={_ZONE}:{fields['start']}",
        f"DTEND;TZID={_ZONE}:{fields['end']}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"UID:{_text(fields['uid'])}",
        f"CATEGORIES:{_text(fields['categories'])}",
        f"DESCRIPTION:{_text(fields['description'])}",
    ]
    if "location" in fields:
        lines.append(f"LOCATION:{_text(fields['location'])}")
    lines.append(f"STATUS:{fields['status']}")
    if "url" in fields:
        lines.append(f"URL:{fields['url']}")
    lines.append("END:VEVENT")
    return b"".join([_line(line) for line in lines])


_ZONE = "Europe/Amsterdam"


def _local(moment: dt.datetime) -> str:
    if moment.tzinfo is not TIMEZONE:  # the TZID above names this zone
        raise ValueError(f"Not in {_ZONE}: {moment!r}")
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T" \
        f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (backslash first)."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n")
            .replace("\r", r"\n"))


_LIMIT = 75  # octets per line, without the line break


def _line(line: str) -> bytes:
    """A content line folded as icalendar does: each part the most whole characters that
    fit in 74 octets, but never ending on a backslash or caret (the start of an escape)."""
    data = line.encode("utf-8")
    if len(data) < _LIMIT:
        return data + b"\r\n"
    chunks, start = [], 0
    while len(data) - start >= _LIMIT:
        end = start + _LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: fold before its character
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return b"\r\n ".join(chunks) + b"\r\n"


def _summary(session: ThemeSession) -> str:
    hosts = " en ".join(p.name for p in session.practices) or session.municipalities[0].name
    return f"{STATUS_PREFIX[session.status]}{session.theme.name}: themabijeenkomst ({hosts})"


def _description(session: ThemeSession, new: ThemeSession | None = None) -> str:
    """The paragraphs as the session card shows them, then the time, the new date of a
    moved session, the link to an online session and how to sign up."""
    return "\n\n".join([*paragraph_blocks(session.description),
                        _description_tail(session, new)])


def _description_tail(session: ThemeSession, new: ThemeSession | None = None) -> str:
    lines = [dutch_time_range(session.start, session.end)]
    if new:
        lines.append(f"Nieuwe datum: {dutch_date(new.date, weekday=True)}, "
                     f"{dutch_time_range(new.start, new.end)}")
    if session.online_url:
        lines.append(f"Online: {session.online_url}")
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
