"""The open data as CSV: one table per kind of item, each column one field of a record.

The open data page documents the columns from these same definitions, so the
documentation cannot drift from the files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from generator.render.paths import table_path


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
    Table(table_path("gemeenten"), "Gemeenten en hun pilot", lambda d: d["municipalities"], (
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
    Table(table_path("praktijken"), "Praktijken", lambda d: d["practices"], (
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
    Table(table_path("themabijeenkomsten"), "Themabijeenkomsten", lambda d: d["sessions"], (
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
    Table(table_path("bronnen"), "Bronnen", lambda d: d["sources"], (
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
