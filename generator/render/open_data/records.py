"""The open data records: plain dicts made from the model, one kind of item each.

Every format reads these records: the JSON files are the records themselves, each CSV
column (tables.py) reads one field of them. Field names follow the data files (English
keys); values are as the data gives them, so dates stay partial ("2019-05", "--06-01") and
unknown facts are null or empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from generator.model import (
    Count,
    Dataset,
    FactDate,
    Figure,
    Milestone,
    Municipality,
    Organisation,
    Outcome,
    Pilot,
    Practice,
    Source,
    Theme,
    ThemeSession,
)
from generator.render.paths import (
    OPEN_DATA,
    embed_path,
    feed_path,
    municipality_json_path,
    page_path,
    public_url,
)
from generator.render.pilot_status import pilot_status

# The data the site compiles is public domain (CC0 1.0); what it quotes from its sources stays
# its makers'. Every JSON file says so under "licence"; datapackage.json says it for the CSV
# files and the HSDS export, which have no place for it (see package.py).
LICENCE = {
    "id": "CC0-1.0",  # the SPDX identifier
    "name": "CC0 1.0 Universeel",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "note": "De gegevens die deze site samenstelt, zijn vrijgegeven onder CC0 1.0: u mag ze "
            "zonder voorwaarden hergebruiken. Citaten en teksten uit de bronnen blijven van "
            "hun makers: vermeld de bron als u ze overneemt.",
}


def municipality_feeds(municipality: Municipality) -> list[tuple[str, str]]:
    """(Dutch label, path) of the machine-readable files about one municipality."""
    return [("Gegevens van deze pilot (JSON)", municipality_json_path(municipality)),
            ("Agenda van de themabijeenkomsten (iCalendar, om op te abonneren)",
             feed_path("gemeenten", municipality.id))]


# --- records -------------------------------------------------------------------------------


def fact_date(fact: FactDate | None) -> dict | None:
    if fact is None:
        return None
    if fact.year is None:
        text = f"--{fact.month:02d}-{fact.day:02d}"
    else:
        text = "-".join([f"{fact.year:04d}"] + [f"{part:02d}" for part in (fact.month, fact.day)
                                                 if part is not None])
    return {"date": text, "inferred": fact.inferred, "note": fact.note}


def source_record(source: Source) -> dict:
    """A source; its title may be null (then its url or archive_id identifies it)."""
    return {"id": source.id, "title": source.title, "publisher": source.publisher,
            "author": source.author, "section": source.section,
            "published": fact_date(source.published), "url": source.url,
            "archive_id": source.archive_id}


def _source_id(source: Source | None) -> str | None:
    return source.id if source else None


def figure_fields(figure: Figure) -> dict:
    """A number as the source gives it: {number, qualifier, percent}."""
    return {"number": figure.number, "qualifier": figure.qualifier, "percent": figure.percent}


def milestone_record(milestone: Milestone) -> dict:
    return {"type": milestone.type, "date": fact_date(milestone.date),
            "until": fact_date(milestone.until), "text": milestone.text,
            "source": _source_id(milestone.source)}


def organisation_record(organisation: Organisation) -> dict:
    return {"name": organisation.name, "roles": list(organisation.roles),
            "url": organisation.url, "source": _source_id(organisation.source)}


def count_record(count: Count) -> dict:
    return {"of": count.of, **figure_fields(count.figure), "date": fact_date(count.date),
            "inferred": count.inferred, "note": count.note, "source": _source_id(count.source)}


def outcome_record(outcome: Outcome) -> dict:
    out_of = outcome.out_of
    return {
        **figure_fields(outcome.figure), "what": outcome.what,
        "out_of": None if out_of is None else {"number": out_of[0], "what": out_of[1]},
        "period": {"from": fact_date(outcome.period_from),
                   "until": fact_date(outcome.period_until)},
        "source": outcome.source.id,
    }


def pilot_record(pilot: Pilot, today: dt.date) -> dict:
    """A pilot as the data gives it. `start`, `end`, `extended_until` and `permanent_since`
    are read from its milestones (the first start, the first end, the latest extension, the
    first "structureel"); `computed_status` is its one status on `today`."""
    status = pilot_status(pilot, today)
    return {
        "id": pilot.id,
        "title": pilot.title,
        "municipalities": list(pilot.municipality_ids),
        "status": pilot.status,
        "status_note": pilot.status_note,
        "computed_status": {"status": status.code, "computed": status.computed,
                            "reason": status.reason, "on": today.isoformat()},
        "goal": pilot.goal,
        "start": fact_date(pilot.start),
        "end": fact_date(pilot.end),
        "extended_until": fact_date(pilot.extended_until),
        "permanent_since": fact_date(pilot.permanent_since),
        "milestones": [milestone_record(m) for m in pilot.milestones],
        "organisations": [organisation_record(o) for o in pilot.organisations],
        "counts": [count_record(c) for c in pilot.counts],
        "poh": {"hours_per_week_each": pilot.poh_hours_each,
                "hours_per_week": pilot.poh_hours_per_week, "note": pilot.poh_note},
        "age_range": pilot.age_range,
        "access_routes": list(pilot.access_routes),
        "access_note": pilot.access_note,
        "cost": pilot.cost,
        "practices_note": pilot.practices_note,
        "outcomes": [outcome_record(o) for o in pilot.outcomes],
        "results": [{"text": r.text, "quote": r.quote, "attribution": r.attribution}
                    for r in pilot.results],
        "sources": [s.id for s in pilot.sources],
    }


def municipality_record(municipality: Municipality, dataset: Dataset, pilot: dict,
                        site_url: str) -> dict:
    """A municipality with its pilot's record (the same record for every municipality of a
    joint arrangement)."""
    return {
        "id": municipality.id,
        "name": municipality.name,
        "cbs_code": municipality.cbs_code,
        "province": municipality.province,
        "former_slugs": list(municipality.former_slugs),
        "url": public_url(site_url, page_path(municipality)),
        "embed_url": public_url(site_url, embed_path(municipality)),
        "pilot": pilot,
        "practices": [p.id for p in dataset.practices_in(municipality)],
    }


def practice_record(practice: Practice, site_url: str) -> dict:
    return {
        "id": practice.id,
        "name": practice.name,
        "municipality": practice.municipality.id,
        "place": practice.place,
        "former_slugs": list(practice.former_slugs),
        "url": public_url(site_url, page_path(practice)),
        "address": practice.address,
        "postcode": practice.postcode,
        "phone": practice.phone,
        "email": practice.email,
        "website": practice.website,
        "poh": {"role": practice.poh.role, "name": practice.poh.name},
        "availability": [
            {"day": slot.day_name, "start": slot.start.strftime("%H:%M"),
             "end": slot.end.strftime("%H:%M"), "note": slot.note}
            for slot in practice.availability
        ],
        "availability_note": practice.availability_note,
        "appointment": practice.appointment,
        "verified_on": practice.verified_on.isoformat() if practice.verified_on else None,
        "sources": [s.id for s in practice.sources],
    }


def theme_record(theme: Theme, site_url: str) -> dict:
    return {"id": theme.id, "name": theme.name, "summary": theme.summary,
            "url": public_url(site_url, page_path(theme)),
            "links": [{"title": link.title, "url": link.url, "publisher": link.publisher}
                      for link in theme.links]}


def session_record(session: ThemeSession) -> dict:
    """A session with the data file's own field names, so that its CSV can be imported."""
    signup, location, ages = session.signup, session.location, session.age_range
    return {
        "id": session.id, "theme": session.theme.id,
        "practices": [p.id for p in session.practices],
        "municipalities": [m.id for m in session.municipalities],
        "date": session.date.isoformat(), "start": session.start.strftime("%H:%M"),
        "end": session.end.strftime("%H:%M"), "status": session.status,
        "moved_to": session.moved_to, "description": session.description,
        "location": None if location is None else dataclasses.asdict(location),
        "online_url": session.online_url, "audience": list(session.audience),
        "age_range": None if ages is None else {"min": ages[0], "max": ages[1]},
        "led_by": session.led_by,
        "signup": None if signup is None else dataclasses.asdict(signup),
    }


def _about(today: dt.date, site_url: str) -> dict:
    return {"title": "POH Jeugd bij de huisarts: open data", "generated_on": today.isoformat(),
            "licence": LICENCE, "documentation": public_url(site_url, OPEN_DATA)}


class Records:
    """Each item's record made once: the files share them (a session is in two files)."""

    def __init__(self, dataset: Dataset, today: dt.date, site_url: str):
        self.dataset, self.today, self.site_url = dataset, today, site_url
        self.made: dict[tuple[str, str], dict] = {}

    def _once(self, kind: str, key: str, make: Callable[[], dict]) -> dict:
        record = self.made.get((kind, key))
        if record is None:
            record = self.made[(kind, key)] = make()
        return record

    def pilot(self, p: Pilot) -> dict:
        return self._once("pilot", p.id, lambda: pilot_record(p, self.today))

    def municipality(self, m: Municipality) -> dict:
        return self._once("m", m.id, lambda: municipality_record(
            m, self.dataset, self.pilot(m.pilot), self.site_url))

    def practice(self, p: Practice) -> dict:
        return self._once("p", p.id, lambda: practice_record(p, self.site_url))

    def session(self, s: ThemeSession) -> dict:
        return self._once("s", s.id, lambda: session_record(s))

    def source(self, s: Source) -> dict:
        return self._once("b", s.id, lambda: source_record(s))


def all_data(records: Records) -> dict:
    dataset, today, site_url = records.dataset, records.today, records.site_url
    return _about(today, site_url) | {
        "municipalities": [records.municipality(m) for m in dataset.municipalities],
        "practices": [records.practice(p) for p in dataset.practices],
        "themes": [theme_record(t, site_url) for t in dataset.themes],
        "sessions": [records.session(s) for s in dataset.sessions],
        "sources": [records.source(s) for s in dataset.sources],
    }


def municipality_data(municipality: Municipality, records: Records) -> dict:
    dataset = records.dataset
    practices = dataset.practices_in(municipality)
    sources = dict.fromkeys(
        [*municipality.pilot.sources, *(s for p in practices for s in p.sources)]
    )
    return _about(records.today, records.site_url) | {
        "municipality": records.municipality(municipality),
        "practices": [records.practice(p) for p in practices],
        "sessions": [records.session(s) for s in dataset.sessions_in(municipality)],
        "sources": [records.source(s) for s in sources],
    }
