"""Privacy by design: nothing about a child or a patient can be stored, and the privacy page
says what the site does not do.

The model's fields are listed here one by one. A new field makes this test fail on purpose:
whoever adds it must look at it, decide that it says nothing about a child, a parent or a
patient, and add it to the list. POH names only with consent: test_validate.py.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

import generator.model as model

ALLOWED_FIELDS = {
    "Absence": ("start", "end", "text"),
    "Availability": ("weekday", "start", "end", "note"),
    "Contact": ("name", "phone", "email", "url", "hours"),  # an organisation's, for parents
    "Count": ("of", "figure", "date", "inferred", "note", "source"),
    "Dataset": ("municipalities", "practices", "themes", "sessions", "sources"),
    "FactDate": ("year", "month", "day", "inferred", "note"),
    "Figure": ("number", "qualifier", "percent"),
    "Location": ("place", "name", "address", "postcode"),
    "Milestone": ("type", "date", "until", "text", "source"),
    "Municipality": ("id", "name", "cbs_code", "province", "pilot", "former_slugs", "places"),
    "Organisation": ("name", "roles", "url", "source"),
    # Outcomes and counts are totals over a pilot ("412 jongeren geholpen"), never a person.
    "Outcome": ("figure", "what", "source", "out_of", "period_from", "period_until"),
    "Pilot": ("id", "title", "status", "sources", "municipality_ids", "status_note", "goal",
              "milestones", "organisations", "counts", "poh_hours_each", "poh_note",
              "age_range", "access_routes", "access_note", "contact", "cost", "practices_note",
              "outcomes", "results"),
    "Poh": ("role", "name"),  # the name only with written consent (convert.py drops it)
    "Practice": ("id", "name", "municipality", "poh", "sources", "place", "address", "postcode",
                 "phone", "email", "website", "availability", "availability_note", "absences",
                 "appointment", "verified_on", "former_slugs"),
    "Result": ("text", "quote", "attribution"),  # a quote names a role, not a person
    "Signup": ("url", "phone", "email", "walk_in"),
    "Source": ("id", "title", "publisher", "author", "section", "published", "url",
               "archive_id"),
    "Theme": ("id", "name", "summary", "links"),
    "ThemeLink": ("title", "url", "publisher"),
    "ThemeSession": ("id", "theme", "municipalities", "practices", "date", "start", "end",
                     "description", "status", "location", "online_url", "audience",
                     "age_range", "signup", "moved_to", "led_by"),
}
# Words that would mean personal data about the people the service is for. "age_range" is the
# age group a pilot or a session is meant for, not anyone's age.
PERSONAL = re.compile(r"child|kind|patient|patiënt|client|cliënt|pupil|leerling|jongere|ouder|"
                      r"parent|birth|geboorte|bsn|diagnos|klacht|complaint|dossier|referral|"
                      r"verwijzing|gender|geslacht|insurance|verzeker|health|gezondheid",
                      re.IGNORECASE)


def _model_classes() -> dict[str, type]:
    return {name: cls for name, cls in inspect.getmembers(model, inspect.isclass)
            if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}


def test_the_model_has_only_the_listed_fields():
    found = {name: tuple(field.name for field in dataclasses.fields(cls))
             for name, cls in _model_classes().items()}
    assert found == ALLOWED_FIELDS


def test_no_field_name_is_about_a_child_or_a_patient():
    """The model's own fields (not the list above, which the first test keeps equal)."""
    names = {field.name for cls in _model_classes().values() for field in dataclasses.fields(cls)}
    assert len(names) > 50
    assert [name for name in sorted(names) if PERSONAL.search(name)] == []


def test_the_word_list_catches_personal_fields():
    """PERSONAL is what the two tests above rely on: it must see such names."""
    for name in ("child_name", "patient_id", "date_of_birth", "bsn", "diagnosis", "parent"):
        assert PERSONAL.search(name), name


def _schema_objects(node: object, path: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _schema_objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_objects(value, f"{path}/{index}")


@pytest.mark.parametrize("schema", sorted((ROOT / "data/schemas").glob("*.schema.json")),
                         ids=lambda path: path.name)
def test_the_data_files_have_no_room_for_personal_data(schema: Path):
    """Every object in the data lists its fields; none of them is about a child or patient."""
    for path, node in _schema_objects(json.loads(schema.read_text(encoding="utf-8"))):
        assert node.get("additionalProperties") is False, f"{schema.name}{path}"
        personal = [name for name in node["properties"] if PERSONAL.search(name)]
        assert personal == [], f"{schema.name}{path}"


PROMISES = {
    "no cookies": r"geen cookies",
    "no tracking": r"geen bezoekersstatistieken of tracking",
    "no third-party requests": r"geen verzoeken aan andere partijen",
    "searches stay in the browser": r"zoeken blijft op uw apparaat.*in uw eigen browser",
    "no data about children or patients": r"geen gegevens over kinderen, ouders of patiënten",
    "POH names only with consent": r"naam tonen we alleen als .* toestemming",
}


@pytest.mark.parametrize("promise", PROMISES, ids=list(PROMISES))
def test_the_privacy_page_says_what_the_site_does_not_do(promise):
    page = " ".join((ROOT / "docs/privacy.md").read_text(encoding="utf-8").split())
    assert re.search(PROMISES[promise], page.replace("**", ""), re.IGNORECASE), promise
