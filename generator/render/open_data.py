"""Open data: the model as JSON, CSV and an Open Referral HSDS 3.0 export.

One set of records (plain dicts made from the model) feeds every format: the JSON files
are the records, each CSV column reads one field of them, and the open data page
documents the columns from the same definitions, so the documentation cannot drift.
Field names follow the data files (English keys); values are as the data gives them,
so dates stay partial ("2019-05", "--06-01") and unknown facts are null or empty.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import (
    Dataset,
    FactDate,
    Municipality,
    Pilot,
    Practice,
    Source,
    Theme,
    ThemeSession,
)
from generator.render.calendars import feed_path
from generator.render.paths import embed_path, page_path, public_url
from generator.render.pilot_status import pilot_status
from generator.render.text import dutch_time_range

FOLDER = "open-data"
ALL_JSON = f"{FOLDER}/poh-jeugd.json"
HSDS_JSON = f"{FOLDER}/hsds/services.json"
LICENCE = {
    "status": "voorstel",
    "proposal": "CC0-1.0",
    "proposal_url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    "note": "Er is nog geen licentie vastgesteld; CC0 is een voorstel. Citaten uit de bronnen "
            "blijven van hun makers: vermeld de bron als u ze overneemt.",
}
# Stable UUIDs for the HSDS export: the same item gets the same id in every build.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:poh-jeugd-bij-de-huisarts")


def municipality_json_path(municipality: Municipality) -> str:
    return f"{FOLDER}/gemeenten/{municipality.id}.json"


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
    return {"id": source.id, "title": source.title, "author": source.author,
            "section": source.section, "published": fact_date(source.published),
            "url": source.url, "archive_id": source.archive_id}


def pilot_record(pilot: Pilot, today: dt.date) -> dict:
    status = pilot_status(pilot, today)
    return {
        "title": pilot.title,
        "status": pilot.status,
        "status_note": pilot.status_note,
        "computed_status": {"status": status.code, "reason": status.reason,
                            "on": today.isoformat()},
        "goal": pilot.goal,
        "start": fact_date(pilot.start),
        "end": fact_date(pilot.end),
        "extended_until": fact_date(pilot.extended_until),
        "events": [{"date": fact_date(e.date), "text": e.text} for e in pilot.events],
        "funded_by": pilot.funded_by,
        "employer": pilot.employer,
        "partners": list(pilot.partners),
        "poh": {"count": pilot.poh.count, "count_inferred": pilot.poh.count_inferred,
                "hours_per_week_each": pilot.poh.hours_per_week_each,
                "hours_per_week": pilot.poh.hours_per_week, "note": pilot.poh.note},
        "age_range": pilot.age_range,
        "access_routes": list(pilot.access_routes),
        "access_note": pilot.access_note,
        "cost": pilot.cost,
        "practices_note": pilot.practices_note,
        "results": [{"text": r.text, "quote": r.quote, "attribution": r.attribution}
                    for r in pilot.results],
        "sources": [s.id for s in pilot.sources],
    }


def municipality_record(municipality: Municipality, dataset: Dataset, today: dt.date,
                        site_url: str) -> dict:
    return {
        "id": municipality.id,
        "name": municipality.name,
        "cbs_code": municipality.cbs_code,
        "province": municipality.province,
        "former_slugs": list(municipality.former_slugs),
        "url": public_url(site_url, page_path(municipality)),
        "embed_url": public_url(site_url, embed_path(municipality)),
        "pilot": pilot_record(municipality.pilot, today),
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
            "licence": LICENCE, "documentation": public_url(site_url, f"{FOLDER}/index.md")}


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

    def municipality(self, m: Municipality) -> dict:
        return self._once("m", m.id, lambda: municipality_record(m, self.dataset, self.today,
                                                                    self.site_url))

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


# --- CSV -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str  # Dutch, shown on the open data page
    value: Callable[[dict], object]


@dataclass(frozen=True)
class Table:
    path: str
    title: str
    rows: Callable[[dict], list[dict]]  # from all_data() to the records, one per row
    columns: tuple[Column, ...]


def _date_text(value: dict | None) -> str | None:
    return value["date"] if value else None


def _slots_text(record: dict) -> str:
    return "; ".join(f"{s['day']} {s['start']}-{s['end']}" for s in record["availability"])


TABLES = (
    Table(f"{FOLDER}/gemeenten.csv", "Gemeenten en hun pilot", lambda d: d["municipalities"], (
        Column("id", "Vaste naam van de gemeente in webadressen.", lambda r: r["id"]),
        Column("name", "Naam van de gemeente.", lambda r: r["name"]),
        Column("cbs_code", "CBS-gemeentecode, zoals GM0034.", lambda r: r["cbs_code"]),
        Column("province", "Provincie.", lambda r: r["province"]),
        Column("pilot_title", "Naam van de pilot in de bron.", lambda r: r["pilot"]["title"]),
        Column("status", "Status volgens de bron: aangekondigd, lopend, verlengd, afgelopen "
               "of structureel.", lambda r: r["pilot"]["status"]),
        Column("computed_status", "Status berekend uit de datums op de datum in "
               "computed_status_on: gepland, lopend, verlengd, afgelopen of structureel. Leeg "
               "als de datums dat niet toelaten.",
               lambda r: r["pilot"]["computed_status"]["status"]),
        Column("computed_status_on", "De datum waarop de status is berekend.",
               lambda r: r["pilot"]["computed_status"]["on"]),
        Column("start", "Start: jaar, jaar-maand, hele datum of --maand-dag als het jaar "
               "onbekend is.", lambda r: _date_text(r["pilot"]["start"])),
        Column("end", "Einde, in dezelfde vorm. Een maand zonder dag betekent het einde van "
               "die maand.", lambda r: _date_text(r["pilot"]["end"])),
        Column("extended_until", "Verlengd tot, in dezelfde vorm.",
               lambda r: _date_text(r["pilot"]["extended_until"])),
        Column("funded_by", "Wie de pilot betaalt, volgens de bron.",
               lambda r: r["pilot"]["funded_by"]),
        Column("employer", "Werkgever van de POH, volgens de bron.",
               lambda r: r["pilot"]["employer"]),
        Column("partners", "Samenwerkingspartners, gescheiden door '; '.",
               lambda r: r["pilot"]["partners"]),
        Column("poh_count", "Aantal POH's.", lambda r: r["pilot"]["poh"]["count"]),
        Column("poh_count_inferred", "true als het aantal is afgeleid, niet letterlijk gegeven.",
               lambda r: r["pilot"]["poh"]["count_inferred"]),
        Column("poh_hours_per_week", "POH-uren per week in totaal.",
               lambda r: r["pilot"]["poh"]["hours_per_week"]),
        Column("age_range", "Voor wie, zoals de bron het zegt.",
               lambda r: r["pilot"]["age_range"]),
        Column("access_routes", "Hoe je bij de POH komt: huisarts, school, zelf, "
               "voorliggend_veld; gescheiden door '; '.", lambda r: r["pilot"]["access_routes"]),
        Column("cost", "Kosten, volgens de bron.", lambda r: r["pilot"]["cost"]),
        Column("practices", "Ids van de praktijken die de bron noemt.",
               lambda r: r["practices"]),
        Column("sources", "Ids van de bronnen (zie bronnen.csv).",
               lambda r: r["pilot"]["sources"]),
        Column("url", "Pagina over deze pilot.", lambda r: r["url"]),
    )),
    Table(f"{FOLDER}/praktijken.csv", "Praktijken", lambda d: d["practices"], (
        Column("id", "Vaste naam van de praktijk in webadressen.", lambda r: r["id"]),
        Column("name", "Naam van de praktijk.", lambda r: r["name"]),
        Column("municipality", "Id van de gemeente (zie gemeenten.csv).",
               lambda r: r["municipality"]),
        Column("place", "Plaats.", lambda r: r["place"]),
        Column("address", "Adres, alleen als een bron het noemt.", lambda r: r["address"]),
        Column("postcode", "Postcode, alleen als een bron die noemt.", lambda r: r["postcode"]),
        Column("phone", "Telefoonnummer, alleen als een bron het noemt.", lambda r: r["phone"]),
        Column("website", "Website van de praktijk.", lambda r: r["website"]),
        Column("poh_role", "Functie van de POH (nooit een naam zonder toestemming).",
               lambda r: r["poh"]["role"]),
        Column("availability", "Wanneer de POH er is: dag begin-eind, gescheiden door '; '. "
               "Nederlandse tijd.", _slots_text),
        Column("appointment", "Hoe u een afspraak maakt.", lambda r: r["appointment"]),
        Column("verified_on", "Datum waarop de praktijk de gegevens controleerde.",
               lambda r: r["verified_on"]),
        Column("sources", "Ids van de bronnen.", lambda r: r["sources"]),
        Column("url", "Pagina over deze praktijk.", lambda r: r["url"]),
    )),
    # The same columns as the import (`python -m generator import-sessions`) reads.
    Table(f"{FOLDER}/themabijeenkomsten.csv", "Themabijeenkomsten", lambda d: d["sessions"], (
        Column("id", "Vaste naam van de bijeenkomst.", lambda r: r["id"]),
        Column("theme", "Id van het thema.", lambda r: r["theme"]),
        Column("practices", "Ids van de praktijken, gescheiden door '; '.",
               lambda r: r["practices"]),
        Column("municipality", "Id van de gemeente, als die de bijeenkomst houdt.",
               lambda r: r["municipalities"][0] if not r["practices"] else None),
        Column("date", "Datum (jaar-maand-dag).", lambda r: r["date"]),
        Column("start", "Begintijd, Nederlandse tijd.", lambda r: r["start"]),
        Column("end", "Eindtijd, Nederlandse tijd.", lambda r: r["end"]),
        *(Column(f"location_{key}" if key == "name" else key, label,
                 lambda r, key=key: (r["location"] or {}).get(key))
          for key, label in (("name", "Naam van de locatie."), ("address", "Adres."),
                             ("postcode", "Postcode."), ("place", "Plaats."))),
        Column("online_url", "Link als de bijeenkomst online is.", lambda r: r["online_url"]),
        Column("audience", "Voor wie: ouders, jongeren, kinderen, gezinnen; gescheiden door '; '.",
               lambda r: r["audience"]),
        Column("age_min", "Leeftijd vanaf.", lambda r: (r["age_range"] or {}).get("min")),
        Column("age_max", "Leeftijd tot en met.", lambda r: (r["age_range"] or {}).get("max")),
        Column("description", "Waar de bijeenkomst over gaat.", lambda r: r["description"]),
        *(Column(f"signup_{key}", label, lambda r, key=key: (r["signup"] or {}).get(key))
          for key, label in (("url", "Aanmelden via deze website."),
                             ("phone", "Aanmelden via dit telefoonnummer."),
                             ("email", "Aanmelden via dit e-mailadres."))),
        Column("walk_in", "ja bij vrije inloop.",
               lambda r: "ja" if (r["signup"] or {}).get("walk_in") else None),
        Column("status", "gepland, vol, geannuleerd of verplaatst.", lambda r: r["status"]),
        Column("moved_to", "Bij verplaatst: id van de bijeenkomst op de nieuwe datum.",
               lambda r: r["moved_to"]),
        Column("led_by", "Organisatie die de bijeenkomst leidt.", lambda r: r["led_by"]),
    )),
    Table(f"{FOLDER}/bronnen.csv", "Bronnen", lambda d: d["sources"], (
        Column("id", "Vaste naam van de bron.", lambda r: r["id"]),
        Column("title", "Titel van het artikel.", lambda r: r["title"]),
        Column("author", "Auteur of redactie.", lambda r: r["author"]),
        Column("published", "Datum van publicatie, als die bekend is.",
               lambda r: _date_text(r["published"])),
        Column("url", "Webadres van de bron, als dat bekend is.", lambda r: r["url"]),
    )),
)


def csv_text(table: Table, data: dict) -> str:
    """RFC 4180: comma-separated, CRLF line ends, UTF-8; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    for record in table.rows(data):
        writer.writerow([_cell(column.value(record)) for column in table.columns])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


# --- HSDS 3.0 ------------------------------------------------------------------------------

HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# HSDS knows active and inactive services; a pilot that has not started or has ended is
# inactive. The computed status wins; where it cannot be computed, the source's status counts.
HSDS_STATUS = {"aangekondigd": "inactive", "gepland": "inactive", "lopend": "active",
               "verlengd": "active", "structureel": "active", "afgelopen": "inactive"}


def hsds_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def hsds_services(dataset: Dataset, today: dt.date, site_url: str) -> list[dict]:
    """One fully nested HSDS service per pilot, as `GET /services/{id}` would return it."""
    return [_service(m, dataset, today, site_url) for m in dataset.municipalities]


def _service(municipality: Municipality, dataset: Dataset, today: dt.date,
             site_url: str) -> dict:
    pilot = municipality.pilot
    service_id = hsds_id("service", municipality.cbs_code)
    organisation_id = hsds_id("organization", municipality.cbs_code)
    status = pilot_status(pilot, today).code or pilot.status
    service = {
        "id": service_id,
        "organization_id": organisation_id,
        "name": f"POH Jeugd in de huisartsenpraktijk, gemeente {municipality.name}",
        "alternate_name": pilot.title,
        "description": pilot.goal or pilot.title,
        "url": public_url(site_url, page_path(municipality)),
        "status": HSDS_STATUS[status],
        "organization": {
            "id": organisation_id,
            "name": f"Gemeente {municipality.name}",
            "description": f"De gemeente {municipality.name} (provincie "
                           f"{municipality.province}), opdrachtgever van de pilot.",
            "organization_identifiers": [{
                "id": hsds_id("organization_identifier", municipality.cbs_code),
                "organization_id": organisation_id, "identifier_scheme": "CBS",
                "identifier_type": "CBS-gemeentecode", "identifier": municipality.cbs_code,
            }],
        },
        "service_areas": [{"id": hsds_id("service_area", municipality.cbs_code),
                           "service_id": service_id, "name": f"Gemeente {municipality.name}"}],
        "service_at_locations": [_service_at_location(p, service_id)
                                 for p in dataset.practices_in(municipality)],
    }
    service |= present(application_process=pilot.access_note,
                        eligibility_description=pilot.age_range,
                        fees_description=pilot.cost)
    if pilot.funded_by:
        service["funding"] = [{"id": hsds_id("funding", municipality.cbs_code),
                               "service_id": service_id, "source": pilot.funded_by}]
    return service


def _service_at_location(practice: Practice, service_id: str) -> dict:
    link_id = hsds_id("service_at_location", practice.id)
    location_id = hsds_id("location", practice.id)
    location = {"id": location_id, "location_type": "physical", "name": practice.name,
                "description": f"Huisartsenpraktijk in {practice.place}."}
    if practice.address and practice.postcode:
        location["addresses"] = [{
            "id": hsds_id("address", practice.id), "location_id": location_id,
            "address_1": practice.address, "city": practice.place,
            "state_province": practice.municipality.province,
            "postal_code": practice.postcode, "country": "NL", "address_type": "physical",
        }]
    if practice.phone:
        location["phones"] = [{"id": hsds_id("phone", practice.id), "location_id": location_id,
                               "number": practice.phone}]
    return {
        "id": link_id, "service_id": service_id, "location_id": location_id,
        "description": practice.poh.role, "location": location,
        "schedules": [
            {"id": hsds_id("schedule", f"{practice.id}:{index}"),
             "service_at_location_id": link_id, "freq": "WEEKLY", "wkst": "MO",
             "byday": HSDS_DAYS[slot.weekday],
             "opens_at": slot.start.strftime("%H:%M"), "closes_at": slot.end.strftime("%H:%M"),
             "description": f"{slot.day_name} {dutch_time_range(slot.start, slot.end)}",
             "notes": "Nederlandse tijd (Europe/Amsterdam)."}
            for index, slot in enumerate(practice.availability)
        ],
    }


def present(**values: str | None) -> dict[str, str]:
    """Only the fields that have a value: unknown facts are left out, not emptied."""
    return {key: value for key, value in values.items() if value is not None}


# --- renderer ------------------------------------------------------------------------------


def render_open_data(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str]:
    """Every download of the open data page, by path."""
    records = Records(dataset, today, site_url)
    writer = _JsonWriter()
    data = all_data(records)
    files = {ALL_JSON: writer.json(data),
             HSDS_JSON: _json(hsds_services(dataset, today, site_url))}
    files |= {municipality_json_path(m): writer.json(municipality_data(m, records))
              for m in dataset.municipalities}
    files |= {table.path: csv_text(table, data) for table in TABLES}
    return files


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


class _JsonWriter:
    """`_json`, but each record dict (in a list or a value at the top) is encoded once.

    json.dumps with an indent runs in pure Python; the national set's records are in
    two files each. A record is encoded alone, stood in for by a token, and put back
    with its lines indented as deep as the token's line: the text is exactly the same.
    """

    _TOKEN = re.compile(r'^( *)(.*)"\\u0000(\d+)\\u0000"', re.MULTILINE)

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}  # by id() of the record
        self.texts: list[str] = []
        self.kept: list[dict] = []  # keeps the records alive, so their ids stay theirs

    def json(self, document: dict) -> str:
        skeleton = {key: [self._token(item) for item in value] if isinstance(value, list)
                    else self._token(value) for key, value in document.items()}
        text = json.dumps(skeleton, ensure_ascii=False, indent=2)
        return self._TOKEN.sub(
            lambda m: m[1] + m[2] + self.texts[int(m[3])].replace("\n", "\n" + m[1]),
            text) + "\n"

    def _token(self, value: object) -> object:
        if not isinstance(value, dict):
            return value
        key = id(value)
        if key not in self.numbers:
            self.kept.append(value)
            self.numbers[key] = len(self.texts)
            self.texts.append(json.dumps(value, ensure_ascii=False, indent=2))
        return f"\x00{self.numbers[key]}\x00"
