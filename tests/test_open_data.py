"""Open data downloads: every JSON and CSV file parses and matches the data files, and the
HSDS export validates against the official Open Referral HSDS 3.0 schemas.

The files are made by the open data renderer itself (what the build copies into the site
unchanged), from the shipped data and from small data folders written here, so that these
tests do not depend on the page templates.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
import uuid
from pathlib import Path

import pytest
import yaml
from conftest import DATA, TODAY
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.dataset import load_dataset
from generator.render.open_data import TABLES, render_open_data
from generator.render.pages import render_pages
from generator.render.paths import OPEN_DATA, page_url
from generator.site_url import DEFAULT_SITE_URL

HSDS_SCHEMAS = Path(__file__).resolve().parent / "hsds"
ALL_JSON, HSDS_JSON = "open-data/poh-jeugd.json", "open-data/hsds/services.json"


def raw(name: str, data: Path = DATA) -> dict:
    """A data file read independently of the generator: every scalar stays a string."""
    return yaml.load((data / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def open_data(data: Path) -> dict[str, str | bytes]:
    """Every open data file made from a data folder, by path."""
    dataset, _warnings = load_dataset(data, TODAY)
    return render_open_data(dataset, TODAY, DEFAULT_SITE_URL)


def read_json(files: dict, path: str):
    return json.loads(files[path])


def read_csv(files: dict, path: str) -> list[dict]:
    text = files[path]
    assert text.endswith("\r\n")  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(text)))


def date_of(item: dict | None, field: str) -> str | None:
    return item[field]["date"] if item and item.get(field) else None


def milestone(pilot: dict, kind: str) -> dict | None:
    return next((m for m in pilot.get("milestones", []) if m["type"] == kind), None)


@pytest.fixture(scope="module")
def shipped() -> dict[str, str | bytes]:
    return open_data(DATA)


# --- a small data folder in the new shape -------------------------------------------------


def write_data(folder: Path, pilots: list[dict], municipalities: list[dict],
               practices: list[dict] = (), sources: list[dict] | None = None) -> Path:
    """A data folder: these pilots, municipalities and practices, the shipped themes."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sources or [{"id": "bron", "title": "Een bron", "url": "https://example.org/a"}]
    for name, content in (("municipalities", {"sources": sources, "pilots": pilots,
                                              "municipalities": municipalities}),
                          ("practices", {"practices": list(practices)})):
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(DATA / "themes.yaml", folder / "themes.yaml")
    return folder


def town(key: str, name: str, code: str, province: str = "Overijssel") -> dict:
    return {"id": key, "name": name, "cbs_code": code, "province": province}


def practice(key: str, municipality: str, **fields) -> dict:
    return {"id": key, "name": f"Praktijk {key}", "municipality": municipality,
            "poh": {"role": "POH Jeugd"}, "sources": ["bron"], **fields}


JOINT = {
    "id": "noordoost-twente", "title": "POH Jeugd Noordoost-Twente",
    "municipalities": ["dinkelland", "tubbergen"], "status": "lopend",
    "milestones": [
        {"type": "start", "date": {"date": "2024-01"}, "source": "bron"},
        {"type": "einde", "date": {"date": "2027-12"}, "source": "bron"},
        {"type": "evaluatie", "date": {"date": "2025"}, "text": "Tussenevaluatie.",
         "source": "bron"},
    ],
    "organisations": [
        {"name": "Gemeente Dinkelland", "roles": ["partner", "financier"], "source": "bron"},
        {"name": "Gemeente Tubbergen", "roles": ["financier"]},
        {"name": "Huisartsen Noordoost-Twente", "roles": ["partner"]},
    ],
    "counts": [
        {"of": "praktijken", "number": 12, "qualifier": "ongeveer",
         "date": {"date": "2024-05"}, "source": "bron"},
        {"of": "pohs", "number": 3, "source": "bron"},
    ],
    "poh": {"hours_per_week_each": 12},
    "outcomes": [
        {"number": 85, "qualifier": "meer_dan", "percent": True,
         "what": "zonder verwijzing naar specialistische zorg",
         "out_of": {"number": 120, "what": "afgesloten trajecten"},
         "period": {"from": {"date": "2024"}, "until": {"date": "2025-06"}}, "source": "bron"},
        {"number": 300, "what": "jongeren geholpen", "source": "bron"},
    ],
    "sources": ["bron"],
}
UNKNOWN = {
    "id": "raalte", "title": "Pilot POH Jeugd Raalte", "municipalities": ["raalte"],
    "status": "onbekend",
    "organisations": [{"name": "Gemeente Raalte", "roles": ["opdrachtgever"]},
                      {"name": "Zorgbureau Salland", "roles": ["aanbieder", "werkgever"],
                       "url": "https://zorgbureau.example/"}],
    "sources": ["bron"],
}
PLAIN = {"id": "ommen", "title": "Pilot POH Jeugd Ommen", "municipalities": ["ommen"],
         "status": "lopend", "organisations": [{"name": "Gemeente Ommen", "roles": ["partner"]}],
         "sources": ["bron"]}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    """A joint pilot of two municipalities, a pilot with status 'onbekend' and a provider,
    a plain pilot; practices with and without a place; a source without a title."""
    folder = write_data(
        tmp_path_factory.mktemp("open-data") / "data",
        pilots=[JOINT, UNKNOWN, PLAIN],
        municipalities=[town("tubbergen", "Tubbergen", "GM0183"),
                        town("dinkelland", "Dinkelland", "GM1774"),
                        town("raalte", "Raalte", "GM0177"), town("ommen", "Ommen", "GM0175")],
        practices=[practice("zonder-plaats", "dinkelland", address="Hoofdstraat 1",
                            postcode="7591 AA"),
                   practice("met-plaats", "tubbergen", place="Albergen",
                            address="Dorpsstraat 2", postcode="7615 AB"),
                   practice("in-ommen", "ommen", place="Ommen")],
        sources=[{"id": "bron", "url": "https://example.org/zonder-titel",
                  "publisher": "Gemeente Dinkelland"}],
    )
    return open_data(folder)


# --- JSON -----------------------------------------------------------------------------------


def test_all_data_json_matches_the_data_files(shipped):
    data = read_json(shipped, ALL_JSON)
    municipalities = {m["id"]: m for m in raw("municipalities")["municipalities"]}
    pilots = {p["id"]: p for p in raw("municipalities")["pilots"]}
    pilot_of = {key: p for p in pilots.values() for key in p["municipalities"]}
    assert [m["id"] for m in data["municipalities"]] == sorted(
        municipalities, key=lambda key: municipalities[key]["name"])
    for record in data["municipalities"]:
        source = municipalities[record["id"]]
        assert (record["name"], record["cbs_code"], record["province"]) == (
            source["name"], source["cbs_code"], source["province"])
        pilot, source_pilot = record["pilot"], pilot_of[record["id"]]
        assert (pilot["id"], pilot["title"], pilot["status"]) == (
            source_pilot["id"], source_pilot["title"], source_pilot["status"])
        assert pilot["municipalities"] == source_pilot["municipalities"]
        assert pilot["sources"] == source_pilot["sources"]
        assert [(m["type"], date_of(m, "date"), date_of(m, "until"), m["text"], m["source"])
                for m in pilot["milestones"]] == [
            (m["type"], date_of(m, "date"), date_of(m, "until"), m.get("text"), m.get("source"))
            for m in source_pilot.get("milestones", [])]
        assert date_of(pilot, "start") == date_of(milestone(source_pilot, "start"), "date")
        assert [(o["name"], o["roles"]) for o in pilot["organisations"]] == [
            (o["name"], o.get("roles", [])) for o in source_pilot.get("organisations", [])]
        assert [(c["of"], str(c["number"]), c["source"]) for c in pilot["counts"]] == [
            (c["of"], c["number"], c.get("source")) for c in source_pilot.get("counts", [])]
        for gone in ("events", "partners", "funded_by", "employer"):
            assert gone not in pilot
        assert set(pilot["poh"]) == {"hours_per_week_each", "hours_per_week", "note"}
    practices = {p["id"]: p for p in raw("practices")["practices"]}
    assert {p["id"] for p in data["practices"]} == set(practices)
    for record in data["practices"]:
        source = practices[record["id"]]
        assert (record["name"], record["place"], record["municipality"]) == (
            source["name"], source.get("place"), source["municipality"])
        assert [(s["day"], s["start"], s["end"]) for s in record["availability"]] == [
            (s["day"], s["start"], s["end"]) for s in source.get("availability", [])]
    assert [(s["id"], s["title"], s["publisher"], s["archive_id"]) for s in data["sources"]] == [
        (s["id"], s.get("title"), s.get("publisher"), s.get("archive_id"))
        for s in raw("municipalities")["sources"]]
    assert [t["id"] for t in data["themes"]] == [t["id"] for t in raw("themes")["themes"]]
    assert data["licence"]["id"] == "CC0-1.0"


def test_computed_status_is_in_the_export(shipped):
    pilots = {m["id"]: m["pilot"] for m in read_json(shipped, ALL_JSON)["municipalities"]}
    twenterand = pilots["twenterand"]
    assert twenterand["status"] == "verlengd"  # as the source says
    assert twenterand["computed_status"] == {
        "status": "onbekend", "computed": True, "on": "2026-11-23",
        "reason": "De pilot liep tot eind december 2022. Of hij daarna is doorgegaan, weten "
                  "we niet."}
    assert twenterand["extended_until"]["date"] == "2022-12"
    hoogeveen = pilots["hoogeveen"]["computed_status"]
    assert (hoogeveen["status"], hoogeveen["computed"]) == ("aangekondigd", False)
    assert pilots["hoogeveen"]["start"] == {
        "date": "--06-01", "inferred": False,
        "note": "De pilot start op 1 juni en duurt één jaar. Het jaar staat niet in de bron."}
    assert pilots["twenterand"]["poh"] == {"hours_per_week_each": 16, "hours_per_week": 32,
                                           "note": None}


def test_one_json_per_municipality(shipped):
    practices = raw("practices")["practices"]
    pilots = raw("municipalities")["pilots"]
    for municipality in raw("municipalities")["municipalities"]:
        data = read_json(shipped, f"open-data/gemeenten/{municipality['id']}.json")
        assert data["municipality"]["cbs_code"] == municipality["cbs_code"]
        assert sorted(p["id"] for p in data["practices"]) == sorted(
            p["id"] for p in practices if p["municipality"] == municipality["id"])
        (pilot,) = (p for p in pilots if municipality["id"] in p["municipalities"])
        assert set(pilot["sources"]) <= {s["id"] for s in data["sources"]}


def test_a_joint_pilot_is_one_pilot_in_the_json_of_each_municipality(small):
    everything = read_json(small, ALL_JSON)
    for key in ("dinkelland", "tubbergen"):
        pilot = read_json(small, f"open-data/gemeenten/{key}.json")["municipality"]["pilot"]
        assert pilot["id"] == "noordoost-twente"
        assert pilot["municipalities"] == ["dinkelland", "tubbergen"]
        assert pilot == next(m["pilot"] for m in everything["municipalities"] if m["id"] == key)
    assert read_json(small, "open-data/gemeenten/dinkelland.json")["sources"][0]["id"] == "bron"


def test_counts_outcomes_and_milestones_are_in_the_json(small):
    pilot = read_json(small, "open-data/gemeenten/tubbergen.json")["municipality"]["pilot"]
    assert pilot["counts"][0] == {
        "of": "praktijken", "number": 12, "qualifier": "ongeveer", "percent": False,
        "date": {"date": "2024-05", "inferred": False, "note": None}, "inferred": False,
        "note": None, "source": "bron"}
    assert pilot["outcomes"] == [
        {"number": 85, "qualifier": "meer_dan", "percent": True,
         "what": "zonder verwijzing naar specialistische zorg",
         "out_of": {"number": 120, "what": "afgesloten trajecten"},
         "period": {"from": {"date": "2024", "inferred": False, "note": None},
                    "until": {"date": "2025-06", "inferred": False, "note": None}},
         "source": "bron"},
        {"number": 300, "qualifier": "precies", "percent": False, "what": "jongeren geholpen",
         "out_of": None, "period": {"from": None, "until": None}, "source": "bron"},
    ]
    assert [(m["type"], m["date"]["date"], m["text"]) for m in pilot["milestones"]] == [
        ("start", "2024-01", None), ("einde", "2027-12", None),
        ("evaluatie", "2025", "Tussenevaluatie.")]
    assert (pilot["start"]["date"], pilot["end"]["date"]) == ("2024-01", "2027-12")
    assert pilot["organisations"][1] == {"name": "Gemeente Tubbergen", "roles": ["financier"],
                                         "url": None, "source": None}
    assert pilot["poh"] == {"hours_per_week_each": 12, "hours_per_week": 36, "note": None}
    assert pilot["computed_status"]["status"] == "lopend"


def test_unknown_facts_stay_null(small):
    data = read_json(small, ALL_JSON)
    places = {p["id"]: p["place"] for p in data["practices"]}
    assert places == {"zonder-plaats": None, "met-plaats": "Albergen", "in-ommen": "Ommen"}
    (source,) = data["sources"]
    assert (source["title"], source["publisher"]) == (None, "Gemeente Dinkelland")
    unknown = next(m["pilot"] for m in data["municipalities"] if m["id"] == "raalte")
    assert unknown["status"] == unknown["computed_status"]["status"] == "onbekend"
    assert unknown["computed_status"]["computed"] is False
    assert (unknown["start"], unknown["counts"], unknown["outcomes"]) == (None, [], [])


# --- Licence --------------------------------------------------------------------------------

CC0 = ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
DATA_PACKAGE = "open-data/datapackage.json"


@pytest.mark.parametrize("name", ["shipped", "small"])
def test_every_json_file_names_the_cc0_licence(request, name):
    """CC0 1.0 by its SPDX id and address in every JSON file that has room for it; the HSDS
    export (a list of services, as HSDS has it) and the CSV files have theirs in the data
    package, which lists every file."""
    files = request.getfixturevalue(name)
    jsons = [path for path in files if path.endswith(".json")]
    assert len(jsons) >= 4
    for path in jsons:
        text = files[path].decode()
        assert "voorstel" not in text.lower() and "proposal" not in text, path
        if path == HSDS_JSON:
            assert isinstance(json.loads(text), list)  # nothing added to the standard
            continue
        data = json.loads(text)
        licence = data["licenses"][0] if path == DATA_PACKAGE else data["licence"]
        assert CC0 in {(licence.get("id"), licence.get("url")),
                       (licence.get("name"), licence.get("path"))}, path
        if path != DATA_PACKAGE:
            assert "blijven van hun makers" in licence["note"]
    package = read_json(files, DATA_PACKAGE)
    assert [(item["name"], item["path"]) for item in package["licenses"]] == [CC0]
    listed = {posixpath.join("open-data", item["path"]) for item in package["resources"]}
    assert listed == set(files) - {DATA_PACKAGE}  # every CSV and the HSDS export too
    assert len({item["name"] for item in package["resources"]}) == len(listed)
    assert all(re.fullmatch(r"[-a-z0-9._/]+", item["name"]) for item in package["resources"])


def test_the_data_package_describes_each_csv_file(shipped):
    resources = {item["path"]: item for item in read_json(shipped, DATA_PACKAGE)["resources"]}
    for table in TABLES:
        resource = resources[posixpath.basename(table.path)]
        assert (resource["format"], resource["mediatype"]) == ("csv", "text/csv")
        header = next(csv.reader(io.StringIO(shipped[table.path])))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert all(field["description"] for field in resource["schema"]["fields"])


def test_the_open_data_page_states_the_licence(page):
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "vrijgegeven onder CC0 1.0" in text
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.nl"' in page
    assert "Een CSV-bestand heeft geen plek voor een licentie." in text
    assert 'href="datapackage.json"' in page
    assert "Citaten en teksten uit de bronnen blijven van hun makers." in text
    assert "voorstel" not in text.lower() and "nog geen licentie" not in text


# --- CSV ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(shipped) -> str:
    """The open data page, rendered alone (the other templates are not needed)."""
    dataset, _warnings = load_dataset(DATA, TODAY)
    pages = render_pages(dataset, TODAY, DEFAULT_SITE_URL,
                         share=lambda template: template == "open_data.html.j2")
    return pages[OPEN_DATA].html


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.path)
def test_csv_columns_are_the_documented_ones(shipped, page, table):
    header = next(csv.reader(io.StringIO(shipped[table.path])))
    assert header == [column.name for column in table.columns]
    assert f'href="{posixpath.basename(table.path)}"' in page
    section = page.split(posixpath.basename(table.path) + "</a>", 1)[1].split("</table>")[0]
    for column in table.columns:
        assert f"<code>{column.name}</code>" in section


def test_every_link_of_the_open_data_page_leads_to_a_file(shipped, page):
    folder = page_url(OPEN_DATA)
    links = [href for href in re.findall(r'href="([^"]+)"', page)
             if not href.startswith(("https://", "#"))]
    assert len(links) >= len(TABLES) + 2
    for href in links:
        assert posixpath.normpath(posixpath.join(folder, href)) in shipped, href


def test_municipalities_csv_matches_the_data(shipped):
    rows = {row["id"]: row for row in read_csv(shipped, "open-data/gemeenten.csv")}
    pilots = {key: p for p in raw("municipalities")["pilots"] for key in p["municipalities"]}
    for municipality in raw("municipalities")["municipalities"]:
        row, pilot = rows[municipality["id"]], pilots[municipality["id"]]
        assert row["cbs_code"] == municipality["cbs_code"]
        assert (row["pilot_id"], row["status"]) == (pilot["id"], pilot["status"])
        assert row["pilot_municipalities"] == "; ".join(pilot["municipalities"])
        assert row["start"] == (date_of(milestone(pilot, "start"), "date") or "")
        assert row["extended_until"] == (date_of(milestone(pilot, "verlengd"), "until") or "")
        assert row["organisations"] == "; ".join(
            o["name"] + (f" [{', '.join(o['roles'])}]" if o.get("roles") else "")
            for o in pilot.get("organisations", []))
        for gone in ("partners", "funded_by", "employer", "poh_count"):
            assert gone not in row
    twenterand = rows["twenterand"]
    assert (twenterand["status"], twenterand["computed_status"],
            twenterand["computed_status_from_dates"]) == ("verlengd", "onbekend", "true")
    assert twenterand["milestones"] == "verlengd 2019-06-17 tot 2022-12"
    assert (twenterand["counts"], twenterand["poh_hours_per_week_each"],
            twenterand["poh_hours_per_week"]) == ("pohs: 2", "16", "32")
    assert rows["hoogeveen"]["counts"] == "praktijken: 3; pohs: 1 (afgeleid)"
    assert (rows["almere"]["computed_status"], rows["almere"]["computed_status_from_dates"]) == (
        "lopend", "false")


def test_a_joint_pilots_lists_are_in_the_csv_once_per_item(small):
    rows = {row["id"]: row for row in read_csv(small, "open-data/gemeenten.csv")}
    for key in ("dinkelland", "tubbergen"):
        row = rows[key]
        assert (row["pilot_id"], row["pilot_municipalities"]) == (
            "noordoost-twente", "dinkelland; tubbergen")
        assert row["counts"] == "praktijken: ongeveer 12 (2024-05); pohs: 3"
        assert row["outcomes"] == (
            "meer dan 85% zonder verwijzing naar specialistische zorg (van 120 afgesloten "
            "trajecten, 2024 tot 2025-06); 300 jongeren geholpen")
        assert row["organisations"] == ("Gemeente Dinkelland [partner, financier]; Gemeente "
                                        "Tubbergen [financier]; Huisartsen Noordoost-Twente "
                                        "[partner]")
        assert row["milestones"] == "start 2024-01; einde 2027-12; evaluatie 2025"
    assert rows["raalte"]["status"] == rows["raalte"]["computed_status"] == "onbekend"
    assert read_csv(small, "open-data/uitkomsten.csv") == [
        {"pilot_id": "noordoost-twente", "number": "85", "qualifier": "meer_dan",
         "percent": "true", "what": "zonder verwijzing naar specialistische zorg",
         "out_of_number": "120", "out_of_what": "afgesloten trajecten",
         "period_from": "2024", "period_until": "2025-06", "source": "bron"},
        {"pilot_id": "noordoost-twente", "number": "300", "qualifier": "precies",
         "percent": "false", "what": "jongeren geholpen", "out_of_number": "",
         "out_of_what": "", "period_from": "", "period_until": "", "source": "bron"},
    ]
    counts = read_csv(small, "open-data/aantallen.csv")
    assert [(c["pilot_id"], c["of"], c["number"], c["qualifier"], c["date"]) for c in counts] == [
        ("noordoost-twente", "praktijken", "12", "ongeveer", "2024-05"),
        ("noordoost-twente", "pohs", "3", "precies", "")]
    assert [(m["pilot_id"], m["type"], m["text"])
            for m in read_csv(small, "open-data/mijlpalen.csv")] == [
        ("noordoost-twente", "start", ""), ("noordoost-twente", "einde", ""),
        ("noordoost-twente", "evaluatie", "Tussenevaluatie.")]
    organisations = read_csv(small, "open-data/organisaties.csv")
    assert [(o["pilot_id"], o["name"], o["roles"]) for o in organisations][:3] == [
        ("noordoost-twente", "Gemeente Dinkelland", "partner; financier"),
        ("noordoost-twente", "Gemeente Tubbergen", "financier"),
        ("noordoost-twente", "Huisartsen Noordoost-Twente", "partner")]
    assert ("raalte", "Zorgbureau Salland", "aanbieder; werkgever", "https://zorgbureau.example/"
            ) in [(o["pilot_id"], o["name"], o["roles"], o["url"]) for o in organisations]


def test_practices_csv_matches_the_data(shipped, small):
    rows = {row["id"]: row for row in read_csv(shipped, "open-data/praktijken.csv")}
    practices = raw("practices")["practices"]
    assert set(rows) == {p["id"] for p in practices}
    for item in practices:
        row = rows[item["id"]]
        assert (row["name"], row["place"], row["poh_role"]) == (
            item["name"], item.get("place", ""), item["poh"]["role"])
        assert row["address"] == item.get("address", "")
        slots = "; ".join(f"{s['day']} {s['start']}-{s['end']}"
                          for s in item.get("availability", []))
        assert row["availability"] == slots
    assert rows["deckers-haelen"]["availability"] == "dinsdag 15:00-16:00"
    places = {row["id"]: row["place"] for row in read_csv(small, "open-data/praktijken.csv")}
    assert places["zonder-plaats"] == ""


def test_sources_and_sessions_csv(shipped, small):
    sources = read_csv(shipped, "open-data/bronnen.csv")
    assert [(row["title"], row["archive_id"]) for row in sources] == [
        (s["title"], s["archive_id"]) for s in raw("municipalities")["sources"]]
    assert read_csv(shipped, "open-data/themabijeenkomsten.csv") == []  # none in the data yet
    (untitled,) = read_csv(small, "open-data/bronnen.csv")
    assert (untitled["title"], untitled["publisher"], untitled["url"]) == (
        "", "Gemeente Dinkelland", "https://example.org/zonder-titel")


# --- HSDS -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hsds_validator() -> Draft202012Validator:
    # The schemas name no draft; HSDS 3.0 is written for JSON Schema 2020-12.
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in HSDS_SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items())
    return Draft202012Validator(schemas["service.json"], registry=registry,
                                format_checker=FormatChecker())


@pytest.mark.parametrize("name", ["shipped", "small"])
def test_hsds_export_validates_against_the_official_schemas(request, name, hsds_validator):
    services = read_json(request.getfixturevalue(name), HSDS_JSON)
    assert len(services) == {"shipped": 5, "small": 3}[name]
    for service in services:
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in hsds_validator.iter_errors(service)]
        assert errors == [], service["name"]


def test_the_hsds_validator_is_not_a_rubber_stamp(shipped, hsds_validator):
    service = read_json(shipped, HSDS_JSON)[0]
    broken = dict(service, status="misschien", id="geen-uuid")
    del broken["name"]
    messages = " ".join(e.message for e in hsds_validator.iter_errors(broken))
    assert "'name' is a required property" in messages
    assert "'misschien' is not one of" in messages
    assert "is not a 'uuid'" in messages


def by_area(files: dict) -> dict[str, dict]:
    """The services by the CBS code of each municipality they serve."""
    return {area["extent"]: service for service in read_json(files, HSDS_JSON)
            for area in service["service_areas"]}


def test_hsds_export_carries_the_facts(shipped):
    services = by_area(shipped)
    leudal = services["GM1640"]
    (at_deckers,) = leudal["service_at_locations"]
    assert at_deckers["location"]["name"] == "Huisartsenpraktijk Deckers"
    assert at_deckers["location"]["description"] == "Huisartsenpraktijk in Haelen."
    (schedule,) = at_deckers["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY", "TU", "15:00", "16:00")
    assert "addresses" not in at_deckers["location"]  # no address in the source: none invented
    assert len(services["GM0118"]["service_at_locations"]) == 3
    twenterand = services["GM1700"]
    assert twenterand["status"] == "inactive"  # onbekend: the extension ended in December 2022
    assert twenterand["alert"].startswith("Of deze pilot nog loopt, is onbekend.")
    assert [f["source"] for f in twenterand["funding"]] == ["Gemeente Twenterand"]  # financier
    assert twenterand["organization"]["description"] == (
        "Gemeente Twenterand (provincie Overijssel). Rol in de pilot volgens de bron: partner, "
        "financier.")
    assert services["GM0034"]["status"] == "active"  # not computable: as the source says
    assert services["GM0118"]["status"] == "inactive"  # announced
    assert all("funding" not in s for key, s in services.items() if key != "GM1700")
    assert all("alert" not in s for key, s in services.items() if key != "GM1700")
    for code, service in services.items():
        assert service["organization"]["organization_identifiers"][0]["identifier"] == code
    assert "opdrachtgever" not in shipped[HSDS_JSON].decode()  # no such role in the data


def test_a_joint_pilot_is_one_hsds_service(small):
    services = read_json(small, HSDS_JSON)
    (joint,) = (s for s in services if len(s["service_areas"]) > 1)
    assert [(a["name"], a["extent"], a["extent_type"]) for a in joint["service_areas"]] == [
        ("Gemeente Dinkelland", "GM1774", "text"), ("Gemeente Tubbergen", "GM0183", "text")]
    assert joint["name"] == "POH Jeugd in de huisartsenpraktijk, gemeenten Dinkelland en Tubbergen"
    assert {a["service_id"] for a in joint["service_areas"]} == {joint["id"]}
    assert sorted(at["location"]["name"] for at in joint["service_at_locations"]) == [
        "Praktijk met-plaats", "Praktijk zonder-plaats"]
    assert joint["status"] == "active"
    # No one provider: no organisation is named responsible for the joint service.
    assert "organization" not in joint and "organization_id" not in joint
    assert sorted(f["source"] for f in joint["funding"]) == [
        "Gemeente Dinkelland", "Gemeente Tubbergen"]


def test_a_pilot_with_unknown_status_is_not_active(small):
    services = by_area(small)
    raalte = services["GM0177"]
    assert raalte["status"] == "inactive"
    assert raalte["alert"].startswith("Of deze pilot nog loopt, is onbekend.")
    assert services["GM0175"]["status"] == "active"  # the plain pilot, as its source says


def test_the_organisation_says_only_what_the_data_says(small):
    services = by_area(small)
    provider = services["GM0177"]["organization"]
    assert (provider["name"], provider["website"]) == (
        "Zorgbureau Salland", "https://zorgbureau.example/")
    assert "funding" not in services["GM0177"]  # an opdrachtgever is not a financier
    ommen = services["GM0175"]["organization"]
    assert ommen["description"] == (
        "Gemeente Ommen (provincie Overijssel). Rol in de pilot volgens de bron: partner.")
    assert "opdrachtgever" not in json.dumps(services["GM0175"])
    assert "opdrachtgever" not in json.dumps(services["GM0177"])  # only the provider is shown


def test_a_practice_without_place_gets_no_city(small):
    locations = {at["location"]["name"]: at["location"]
                 for s in read_json(small, HSDS_JSON) for at in s["service_at_locations"]}
    without = locations["Praktijk zonder-plaats"]
    assert "addresses" not in without
    assert without["description"] == (
        "Huisartsenpraktijk in de gemeente Dinkelland. Adres: Hoofdstraat 1, 7591 AA.")
    assert "None" not in json.dumps(locations)
    (address,) = locations["Praktijk met-plaats"]["addresses"]
    assert (address["city"], address["postal_code"]) == ("Albergen", "7615 AB")
    assert "addresses" not in locations["Praktijk in-ommen"]  # a place but no address


def test_hsds_ids_are_stable_uuids(shipped, small):
    assert open_data(DATA)[HSDS_JSON] == shipped[HSDS_JSON]  # deterministic
    for files in (shipped, small):
        services = read_json(files, HSDS_JSON)
        ids = [value for s in services for value in _ids(s)]
        assert len(ids) == len(set(ids))
        assert all(uuid.UUID(value).version == 5 for value in ids)


def _ids(record):
    """Every 'id' in a nested HSDS record (the same object may be linked by other ids)."""
    if isinstance(record, dict):
        if "id" in record:
            yield record["id"]
        for value in record.values():
            yield from _ids(value)
    elif isinstance(record, list):
        for value in record:
            yield from _ids(value)
