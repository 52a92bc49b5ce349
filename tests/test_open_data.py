"""Open data downloads: every JSON and CSV file parses and matches the data files, and the
HSDS export validates against the official Open Referral HSDS 3.0 schemas."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
import yaml
from conftest import DATA
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.render.open_data import TABLES

HSDS_SCHEMAS = Path(__file__).resolve().parent / "hsds"


def raw(name: str) -> dict:
    """A data file read independently of the generator: every scalar stays a string."""
    return yaml.load((DATA / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def read_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def read_csv(site: Path, path: str) -> list[dict]:
    with (site / path).open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert text.endswith("\r\n")  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(text)))


def date_of(item: dict, field: str) -> str | None:
    return item[field]["date"] if item.get(field) else None


def test_all_data_json_matches_the_data_files(built_site):
    data = read_json(built_site, "open-data/poh-jeugd.json")
    municipalities = {m["id"]: m for m in raw("municipalities")["municipalities"]}
    assert [m["id"] for m in data["municipalities"]] == sorted(
        municipalities, key=lambda key: municipalities[key]["name"])
    for record in data["municipalities"]:
        source = municipalities[record["id"]]
        assert (record["name"], record["cbs_code"], record["province"]) == (
            source["name"], source["cbs_code"], source["province"])
        pilot, source_pilot = record["pilot"], source["pilot"]
        assert pilot["status"] == source_pilot["status"]
        for field in ("start", "end", "extended_until"):
            assert date_of(pilot, field) == date_of(source_pilot, field), field
        assert pilot["sources"] == source_pilot["sources"]
        assert pilot["partners"] == source_pilot.get("partners", [])
    practices = {p["id"]: p for p in raw("practices")["practices"]}
    assert {p["id"] for p in data["practices"]} == set(practices)
    for record in data["practices"]:
        source = practices[record["id"]]
        assert (record["name"], record["place"], record["municipality"]) == (
            source["name"], source["place"], source["municipality"])
        assert [(s["day"], s["start"], s["end"]) for s in record["availability"]] == [
            (s["day"], s["start"], s["end"]) for s in source.get("availability", [])]
    assert [s["id"] for s in data["sources"]] == [s["id"] for s in raw("municipalities")["sources"]]
    assert [t["id"] for t in data["themes"]] == [t["id"] for t in raw("themes")["themes"]]
    assert data["licence"]["status"] == "voorstel"


def test_computed_status_is_in_the_export(built_site):
    pilots = {m["id"]: m["pilot"] for m in
              read_json(built_site, "open-data/poh-jeugd.json")["municipalities"]}
    assert pilots["twenterand"]["computed_status"] == {
        "status": "afgelopen", "on": "2026-11-23",
        "reason": pilots["twenterand"]["computed_status"]["reason"]}
    assert pilots["hoogeveen"]["computed_status"]["status"] is None
    assert pilots["hoogeveen"]["start"] == {
        "date": "--06-01", "inferred": False,
        "note": "De pilot start op 1 juni en duurt één jaar. Het jaar staat niet in de bron."}


def test_one_json_per_municipality(built_site):
    practices = raw("practices")["practices"]
    for municipality in raw("municipalities")["municipalities"]:
        data = read_json(built_site, f"open-data/gemeenten/{municipality['id']}.json")
        assert data["municipality"]["cbs_code"] == municipality["cbs_code"]
        assert sorted(p["id"] for p in data["practices"]) == sorted(
            p["id"] for p in practices if p["municipality"] == municipality["id"])
        wanted = set(municipality["pilot"]["sources"])
        assert wanted <= {s["id"] for s in data["sources"]}


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.path)
def test_csv_columns_are_the_documented_ones(built_site, table):
    with (built_site / table.path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [column.name for column in table.columns]
    page = (built_site / "open-data/index.html").read_text(encoding="utf-8")
    for column in table.columns:
        assert f"<code>{column.name}</code>" in page


def test_municipalities_csv_matches_the_data(built_site):
    rows = {row["id"]: row for row in read_csv(built_site, "open-data/gemeenten.csv")}
    for municipality in raw("municipalities")["municipalities"]:
        row, pilot = rows[municipality["id"]], municipality["pilot"]
        assert row["cbs_code"] == municipality["cbs_code"]
        assert row["status"] == pilot["status"]
        assert row["start"] == (date_of(pilot, "start") or "")
        assert row["extended_until"] == (date_of(pilot, "extended_until") or "")
        assert row["partners"].split("; ") == (pilot.get("partners") or [""])
        poh = pilot.get("poh", {})
        expected = (int(poh["count"]) * float(poh["hours_per_week_each"])
                    if "hours_per_week_each" in poh else None)
        assert row["poh_hours_per_week"] == ("" if expected is None else f"{expected:g}")
    assert rows["twenterand"]["computed_status"] == "afgelopen"
    assert rows["almere"]["computed_status"] == ""


def test_practices_csv_matches_the_data(built_site):
    rows = {row["id"]: row for row in read_csv(built_site, "open-data/praktijken.csv")}
    practices = raw("practices")["practices"]
    assert set(rows) == {p["id"] for p in practices}
    for practice in practices:
        row = rows[practice["id"]]
        assert (row["name"], row["place"], row["poh_role"]) == (
            practice["name"], practice["place"], practice["poh"]["role"])
        assert row["address"] == practice.get("address", "")
        slots = "; ".join(f"{s['day']} {s['start']}-{s['end']}"
                          for s in practice.get("availability", []))
        assert row["availability"] == slots
    assert rows["deckers-haelen"]["availability"] == "dinsdag 15:00-16:00"


def test_sources_and_sessions_csv(built_site):
    sources = read_csv(built_site, "open-data/bronnen.csv")
    assert [row["title"] for row in sources] == [
        s["title"] for s in raw("municipalities")["sources"]]
    assert read_csv(built_site, "open-data/themabijeenkomsten.csv") == []  # none in the data yet


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


def test_hsds_export_validates_against_the_official_schemas(built_site, hsds_validator):
    services = read_json(built_site, "open-data/hsds/services.json")
    assert len(services) == 5
    for service in services:
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in hsds_validator.iter_errors(service)]
        assert errors == [], service["name"]


def test_the_hsds_validator_is_not_a_rubber_stamp(built_site, hsds_validator):
    service = read_json(built_site, "open-data/hsds/services.json")[0]
    broken = dict(service, status="misschien", id="geen-uuid")
    del broken["name"]
    messages = " ".join(e.message for e in hsds_validator.iter_errors(broken))
    assert "'name' is a required property" in messages
    assert "'misschien' is not one of" in messages
    assert "is not a 'uuid'" in messages


def test_hsds_export_carries_the_facts(built_site):
    services = {s["organization"]["organization_identifiers"][0]["identifier"]: s
                for s in read_json(built_site, "open-data/hsds/services.json")}
    leudal = services["GM1640"]
    (at_deckers,) = leudal["service_at_locations"]
    assert at_deckers["location"]["name"] == "Huisartsenpraktijk Deckers"
    (schedule,) = at_deckers["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY", "TU", "15:00", "16:00")
    assert "addresses" not in at_deckers["location"]  # no address in the source: none invented
    assert len(services["GM0118"]["service_at_locations"]) == 3
    assert services["GM1700"]["status"] == "inactive"  # computed: ended in December 2022
    assert services["GM0034"]["status"] == "active"  # not computable: as the source says
    assert services["GM1700"]["funding"][0]["source"] == "De gemeente Twenterand draagt de kosten."
    ids = [value for s in services.values() for value in _ids(s)]
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
