"""schema.org JSON-LD for theme sessions (Event), from the model."""

from __future__ import annotations

from generator.model import Dataset, ThemeSession

_STATUS = {
    "gepland": "https://schema.org/EventScheduled",
    "vol": "https://schema.org/EventScheduled",
    "geannuleerd": "https://schema.org/EventCancelled",
    "verplaatst": "https://schema.org/EventRescheduled",
}


def events(dataset: Dataset, sessions: tuple[ThemeSession, ...]) -> dict:
    """One JSON-LD document with an Event per session."""
    return {"@context": "https://schema.org",
            "@graph": [_event(dataset, session) for session in sessions]}


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
    new = dataset.session(session.moved_to) if session.moved_to else None
    if new:  # schema.org: a rescheduled event carries the new date and the previous one
        event["previousStartDate"] = event["startDate"]
        event["startDate"], event["endDate"] = new.starts_at.isoformat(), new.ends_at.isoformat()
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
