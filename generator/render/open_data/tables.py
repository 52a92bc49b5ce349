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


# --- the lists of a pilot in one cell: a readable, compact text form ----------------------

QUALIFIER_WORDS = {"precies": "", "ongeveer": "ongeveer ", "meer_dan": "meer dan ",
                   "minder_dan": "minder dan ", "minstens": "minstens "}


def _number_text(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _figure_text(record: dict) -> str:
    """'2', 'ongeveer 12', 'meer dan 80%'."""
    return (QUALIFIER_WORDS[record["qualifier"]] + _number_text(record["number"])
            + ("%" if record["percent"] else ""))


def _period_text(period: dict) -> str | None:
    start, until = _date_text(period["from"]), _date_text(period["until"])
    if start and until:
        return f"{start} tot {until}"
    return f"vanaf {start}" if start else (f"tot {until}" if until else None)


def _milestone_text(milestone: dict) -> str:
    """'start 2021', 'verlengd 2019-06-17 tot 2022-12', 'verlengd tot 2022-12'."""
    parts = [milestone["type"], _date_text(milestone["date"])]
    if milestone["until"]:
        parts.append(f"tot {milestone['until']['date']}")
    return " ".join(part for part in parts if part)


def _organisation_text(organisation: dict) -> str:
    """'Gemeente Twenterand [partner, financier]'."""
    roles = organisation["roles"]
    return organisation["name"] + (f" [{', '.join(roles)}]" if roles else "")


def _count_text(count: dict) -> str:
    """'pohs: 2', 'praktijken: ongeveer 12 (2024-05, afgeleid)'."""
    extra = [part for part in (_date_text(count["date"]),
                               "afgeleid" if count["inferred"] else None) if part]
    return f"{count['of']}: {_figure_text(count)}" + (f" ({', '.join(extra)})" if extra else "")


def _outcome_text(outcome: dict) -> str:
    """'85% zonder verwijzing (van 120 afgesloten trajecten, 2022 tot 2023)'."""
    out_of = outcome["out_of"]
    extra = [part for part in (
        f"van {_number_text(out_of['number'])} {out_of['what']}" if out_of else None,
        _period_text(outcome["period"])) if part]
    return f"{_figure_text(outcome)} {outcome['what']}" + (
        f" ({', '.join(extra)})" if extra else "")


def _listed(name: str, text: Callable[[dict], str]) -> Callable[[dict], list[str]]:
    """A column with one of the pilot's lists, each item in its compact text form."""
    return lambda r: [text(item) for item in r["pilot"][name]]


def _pilots(data: dict) -> list[dict]:
    """Each pilot once, in the order of its first municipality."""
    return list({m["pilot"]["id"]: m["pilot"] for m in data["municipalities"]}.values())


def _items(name: str) -> Callable[[dict], list[dict]]:
    """Rows of one of the pilots' lists, each with the id of its pilot."""
    return lambda data: [{"pilot_id": pilot["id"], **item}
                         for pilot in _pilots(data) for item in pilot[name]]


PILOT_ID = Column("pilot_id", "Id van de pilot (zie pilot_id in gemeenten.csv).",
                  lambda r: r["pilot_id"])
SOURCE = Column("source", "Id van de bron die dit zegt (zie bronnen.csv). Leeg als de "
                "gegevens het niet bij dit punt noemen.", lambda r: r["source"])
FIGURE = (
    Column("number", "Het getal uit de bron.", lambda r: r["number"]),
    Column("qualifier", "Hoe precies het getal is: precies, ongeveer, meer_dan, minder_dan "
           "of minstens.", lambda r: r["qualifier"]),
    Column("percent", "true als het getal een percentage is.", lambda r: r["percent"]),
)
STATUSES = "aangekondigd, lopend, verlengd, afgelopen, structureel of onbekend"


def _compact(what: str, form: str, file: str, item: str) -> str:
    return f"{what}, gescheiden door '; '. Elk als {form}. Zie {file} voor een regel per {item}."


TABLES = (
    Table(table_path("gemeenten"), "Gemeenten en hun pilot", lambda d: d["municipalities"], (
        Column("id", "Vaste naam van de gemeente in webadressen.", lambda r: r["id"]),
        Column("name", "Naam van de gemeente.", lambda r: r["name"]),
        Column("cbs_code", "CBS-gemeentecode, zoals GM0034.", lambda r: r["cbs_code"]),
        Column("province", "Provincie.", lambda r: r["province"]),
        Column("pilot_id", "Vaste naam van de pilot. Gemeenten met dezelfde pilot_id hebben "
               "samen één regeling.", lambda r: r["pilot"]["id"]),
        Column("pilot_title", "Naam van de pilot in de bron.", lambda r: r["pilot"]["title"]),
        Column("pilot_municipalities", "Ids van alle gemeenten van de pilot, gescheiden door "
               "'; '. Meer dan één bij een gezamenlijke regeling van buurgemeenten.",
               lambda r: r["pilot"]["municipalities"]),
        Column("status", f"Status volgens de bron: {STATUSES}.",
               lambda r: r["pilot"]["status"]),
        Column("computed_status", f"De status op de datum in computed_status_on: {STATUSES}. "
               "Berekend uit de datums als die dat toelaten; anders de status volgens de bron.",
               lambda r: r["pilot"]["computed_status"]["status"]),
        Column("computed_status_from_dates", "true als computed_status uit de datums is "
               "berekend, false als het de status volgens de bron is.",
               lambda r: r["pilot"]["computed_status"]["computed"]),
        Column("computed_status_reason", "Waar de status vandaan komt, in één of twee zinnen.",
               lambda r: r["pilot"]["computed_status"]["reason"]),
        Column("computed_status_on", "De datum waarop de status is bepaald.",
               lambda r: r["pilot"]["computed_status"]["on"]),
        Column("start", "Start: jaar, jaar-maand, hele datum of --maand-dag als het jaar "
               "onbekend is.", lambda r: _date_text(r["pilot"]["start"])),
        Column("end", "Einde van de eerste afgesproken periode, in dezelfde vorm. Een maand "
               "zonder dag betekent het einde van die maand.",
               lambda r: _date_text(r["pilot"]["end"])),
        Column("extended_until", "Verlengd tot (de laatste verlenging), in dezelfde vorm.",
               lambda r: _date_text(r["pilot"]["extended_until"])),
        Column("permanent_since", "Structureel (vast onderdeel van de zorg) sinds, in dezelfde "
               "vorm.", lambda r: _date_text(r["pilot"]["permanent_since"])),
        Column("milestones", _compact("Momenten van de pilot", "soort en datum, met 'tot' en "
                                      "de nieuwe einddatum bij een verlenging: 'start 2021', "
                                      "'verlengd 2019-06-17 tot 2022-12'",
                                      "mijlpalen.csv", "moment, met de tekst en de bron"),
               _listed("milestones", _milestone_text)),
        Column("organisations", _compact("Organisaties die meedoen", "naam met de rollen "
                                         "tussen vierkante haken: 'Gemeente Twenterand "
                                         "[partner, financier]'. Rollen: partner, "
                                         "opdrachtgever, financier (betaalt), werkgever (van "
                                         "de POH) en aanbieder (levert de POH)",
                                         "organisaties.csv", "organisatie"),
               _listed("organisations", _organisation_text)),
        Column("counts", _compact("Aantallen praktijken, huisartsen, POH's (pohs) of "
                                  "organisaties", "wat er geteld is, dubbele punt en het getal "
                                  "zoals de bron het geeft, met tussen haakjes de datum en "
                                  "'afgeleid' als het aantal uit de woorden van de bron is "
                                  "afgeleid: 'pohs: 2', 'praktijken: ongeveer 12 (2024-05)'",
                                  "aantallen.csv", "aantal, met de toelichting en de bron"),
               _listed("counts", _count_text)),
        Column("poh_hours_per_week_each", "POH-uren per week per POH.",
               lambda r: r["pilot"]["poh"]["hours_per_week_each"]),
        Column("poh_hours_per_week", "POH-uren per week in totaal. Alleen als de bron het "
               "precieze aantal POH's en de uren per POH noemt.",
               lambda r: r["pilot"]["poh"]["hours_per_week"]),
        Column("age_range", "Voor wie, zoals de bron het zegt.",
               lambda r: r["pilot"]["age_range"]),
        Column("access_routes", "Hoe je bij de POH komt: huisarts, school, zelf, "
               "voorliggend_veld; gescheiden door '; '.", lambda r: r["pilot"]["access_routes"]),
        Column("cost", "Kosten, volgens de bron.", lambda r: r["pilot"]["cost"]),
        Column("outcomes", _compact("Uitkomsten in cijfers", "het getal zoals de bron het "
                                    "geeft en wat het telt, met tussen haakjes het totaal en "
                                    "de periode: '85% zonder verwijzing (van 120 afgesloten "
                                    "trajecten, 2022 tot 2023)'", "uitkomsten.csv",
                                    "uitkomst, met de bron"),
               _listed("outcomes", _outcome_text)),
        Column("practices", "Ids van de praktijken in deze gemeente die de bron noemt.",
               lambda r: r["practices"]),
        Column("sources", "Ids van de bronnen van de pilot (zie bronnen.csv).",
               lambda r: r["pilot"]["sources"]),
        Column("url", "Pagina over de pilot in deze gemeente.", lambda r: r["url"]),
    )),
    Table(table_path("mijlpalen"), "Momenten van de pilots", _items("milestones"), (
        PILOT_ID,
        Column("type", "Soort moment: ondertekend (overeenkomst getekend), start, verlengd, "
               "evaluatie, structureel (vast onderdeel geworden), einde of overig.",
               lambda r: r["type"]),
        Column("date", "Datum, in dezelfde vorm als start in gemeenten.csv. Kan leeg zijn bij "
               "een verlenging waarvan alleen de nieuwe einddatum bekend is.",
               lambda r: _date_text(r["date"])),
        Column("date_inferred", "true als de datum is afgeleid en niet letterlijk in de bron "
               "staat (de uitleg staat in de JSON bij note).",
               lambda r: r["date"]["inferred"] if r["date"] else None),
        Column("until", "Bij een verlenging: verlengd tot, in dezelfde vorm.",
               lambda r: _date_text(r["until"])),
        Column("text", "Wat er gebeurde, in de woorden van de bron.", lambda r: r["text"]),
        SOURCE,
    )),
    Table(table_path("organisaties"), "Organisaties per pilot", _items("organisations"), (
        PILOT_ID,
        Column("name", "Naam van de organisatie.", lambda r: r["name"]),
        Column("roles", "Rollen in de pilot, gescheiden door '; ': partner, opdrachtgever, "
               "financier (betaalt), werkgever (van de POH) of aanbieder (levert de POH). Leeg "
               "als de bron geen rol noemt.", lambda r: r["roles"]),
        Column("url", "Website van de organisatie, als die bekend is.", lambda r: r["url"]),
        SOURCE,
    )),
    Table(table_path("aantallen"), "Aantallen per pilot", _items("counts"), (
        PILOT_ID,
        Column("of", "Wat er geteld is: praktijken, huisartsen, pohs of organisaties (die "
               "POH's leveren).", lambda r: r["of"]),
        *FIGURE,
        Column("date", "Op welke datum het aantal gold, als de bron dat zegt.",
               lambda r: _date_text(r["date"])),
        Column("inferred", "true als het aantal is afgeleid uit de woorden van de bron, niet "
               "als getal gegeven (zie note).", lambda r: r["inferred"]),
        Column("note", "Toelichting.", lambda r: r["note"]),
        SOURCE,
    )),
    Table(table_path("uitkomsten"), "Uitkomsten in cijfers", _items("outcomes"), (
        PILOT_ID,
        *FIGURE,
        Column("what", "Wat het getal telt, zoals 'jongeren geholpen'.", lambda r: r["what"]),
        Column("out_of_number", "Het totaal waar het getal een deel van is, zoals 120.",
               lambda r: (r["out_of"] or {}).get("number")),
        Column("out_of_what", "Wat het totaal telt, zoals 'afgesloten trajecten'.",
               lambda r: (r["out_of"] or {}).get("what")),
        Column("period_from", "Begin van de periode waar het cijfer over gaat.",
               lambda r: _date_text(r["period"]["from"])),
        Column("period_until", "Einde van die periode.",
               lambda r: _date_text(r["period"]["until"])),
        Column("source", "Id van de bron die het cijfer noemt (zie bronnen.csv).",
               lambda r: r["source"]),
    )),
    Table(table_path("praktijken"), "Praktijken", lambda d: d["practices"], (
        Column("id", "Vaste naam van de praktijk in webadressen.", lambda r: r["id"]),
        Column("name", "Naam van de praktijk.", lambda r: r["name"]),
        Column("municipality", "Id van de gemeente (zie gemeenten.csv).",
               lambda r: r["municipality"]),
        Column("place", "Plaats, alleen als een bron die noemt.", lambda r: r["place"]),
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
        Column("title", "Titel van het artikel of rapport, als die bekend is.",
               lambda r: r["title"]),
        Column("publisher", "Wie de bron uitgaf: een krant, gemeente of organisatie.",
               lambda r: r["publisher"]),
        Column("author", "Auteur of redactie.", lambda r: r["author"]),
        Column("published", "Datum van publicatie, als die bekend is.",
               lambda r: _date_text(r["published"])),
        Column("url", "Webadres van de bron, als dat bekend is.", lambda r: r["url"]),
        Column("archive_id", "Nummer van de bron in het eigen archief van de site.",
               lambda r: r["archive_id"]),
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
