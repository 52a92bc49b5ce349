"""schema.org JSON-LD for the pages (clinics, municipalities, theme sessions), in one
<script> filter that no value can break out of.

A practice is a MedicalClinic; the POH Jeugd's weekly hours are the opening hours of a
department of it, not of the practice (which is open far longer than the POH is there).
Only facts from the data appear: no address, phone or hours are filled in when unknown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from markupsafe import Markup

from generator.model import Dataset, Municipality, Practice, ThemeSession
from generator.render.open_data import present
from generator.render.paths import page_path, public_url

CLINICS_IN_FULL = 30
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Inside <script>, "</script>" or "<!--" in a value would end or confuse the block.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict) -> Markup:
    """A <script type="application/ld+json"> block that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def practice_json_ld(practice: Practice, site_url: str) -> Markup:
    return script({"@context": "https://schema.org"} | clinic(practice, site_url))


def municipality_json_ld(municipality: Municipality, dataset: Dataset, site_url: str) -> Markup:
    organisation = {
        "@type": "GovernmentOrganization",
        "name": f"Gemeente {municipality.name}",
        "identifier": {"@type": "PropertyValue", "propertyID": "CBS-gemeentecode",
                       "value": municipality.cbs_code},
        "address": {"@type": "PostalAddress", "addressRegion": municipality.province,
                    "addressCountry": "NL"},
        "url": public_url(site_url, page_path(municipality)),
    }
    practices = dataset.practices_in(municipality)
    # A big city's clinics would outweigh the page (some 800 bytes each); then only their
    # own pages describe them, under the same "@id".
    clinics = [clinic(p, site_url) for p in practices] if len(practices) <= CLINICS_IN_FULL else []
    return script({"@context": "https://schema.org", "@graph": [organisation, *clinics]})


def clinic(practice: Practice, site_url: str) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "NL"}
    address |= present(addressLocality=practice.place, streetAddress=practice.address,
                       postalCode=practice.postcode)
    url = public_url(site_url, page_path(practice))
    data = {"@type": "MedicalClinic", "@id": url, "name": practice.name, "url": url,
            "address": address}
    data |= present(telephone=practice.phone, email=practice.email, sameAs=practice.website)
    if practice.availability:
        data["department"] = {
            "@type": "MedicalClinic",
            "name": f"{practice.poh.role}, {practice.name}",
            "description": "Wanneer de praktijkondersteuner jeugd (POH Jeugd) in de praktijk is.",
            "openingHoursSpecification": [
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[slot.weekday]}",
                 "opens": slot.start.strftime("%H:%M"), "closes": slot.end.strftime("%H:%M")}
                for slot in practice.availability
            ],
        }
    return data


_STATUS = {
    "gepland": "https://schema.org/EventScheduled",
    "vol": "https://schema.org/EventScheduled",
    "geannuleerd": "https://schema.org/EventCancelled",
    # Moved, but no session on a new date in the data: schema.org's "no new date has been
    # set". A moved session with its new session is shown as that one (events_script).
    "verplaatst": "https://schema.org/EventPostponed",
}
_RESCHEDULED = "https://schema.org/EventRescheduled"


def events_script(dataset: Dataset, sessions: Sequence[ThemeSession]) -> Markup:
    """One JSON-LD block with an Event per session that takes place. A moved session and
    the session on its new date are one Event: the new one's, rescheduled, with the old
    date as previousStartDate (schema.org), listed once even when both are in `sessions`."""
    finals = dict.fromkeys(_final(dataset, session) for session in sessions)
    return script({"@context": "https://schema.org",
                   "@graph": [_event(dataset, session) for session in finals]})


def _final(dataset: Dataset, session: ThemeSession) -> ThemeSession:
    """The session where a moved one (moved again, perhaps) takes place in the end."""
    seen = {session.id}
    while session.moved_to and (new := dataset.session(session.moved_to)) \
            and new.id not in seen:
        seen.add(new.id)
        session = new
    return session


def _earlier(dataset: Dataset, session: ThemeSession) -> list[ThemeSession]:
    """The sessions moved (perhaps by way of others) to this one, in date order."""
    found: dict[str, ThemeSession] = {}
    waiting = list(dataset.sessions_moved_to(session))
    while waiting:
        moved = waiting.pop()
        if moved.id not in found and moved.id != session.id:
            found[moved.id] = moved
            waiting += dataset.sessions_moved_to(moved)
    return sorted(found.values(), key=lambda s: s.starts_at)


def _event(dataset: Dataset, session: ThemeSession) -> dict:
    event = {
        "@type": "Event",
        "name": f"Themabijeenkomst {session.theme.name}",
        "description": session.description,
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "eventStatus": _STATUS[session.status],
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if session.location is None
           else "OfflineEventAttendanceMode"),
        "location": _location(session),
        "organizer": [{"@type": "MedicalClinic", "name": p.name} for p in session.practices]
        or [{"@type": "GovernmentOrganization", "name": f"Gemeente {m.name}"}
            for m in session.municipalities],
        "inLanguage": "nl",
    }
    if session.audience:
        event["audience"] = {"@type": "Audience", "audienceType": ", ".join(session.audience)}
    earlier = [moved.starts_at.isoformat() for moved in _earlier(dataset, session)]
    if earlier:  # schema.org: a rescheduled event has its new date and the previous one(s)
        if session.status in ("gepland", "vol"):
            event["eventStatus"] = _RESCHEDULED
        event["previousStartDate"] = earlier[0] if len(earlier) == 1 else earlier
    return event


def _location(session: ThemeSession) -> dict:
    place = session.location
    if place is None:
        return {"@type": "VirtualLocation", "url": session.online_url}
    address = {"@type": "PostalAddress", "addressLocality": place.place, "addressCountry": "NL"}
    if place.address:
        address["streetAddress"] = place.address
    if place.postcode:
        address["postalCode"] = place.postcode
    return {"@type": "Place", "name": place.name or place.place, "address": address}
