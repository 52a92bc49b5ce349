"""The open data as an Open Referral HSDS 3.0 export: one fully nested service per pilot."""

from __future__ import annotations

import datetime as dt
import uuid

from generator.model import Dataset, Municipality, Practice
from generator.render.paths import page_path, public_url
from generator.render.pilot_status import pilot_status
from generator.render.text import dutch_time_range

# Stable UUIDs for the HSDS export: the same item gets the same id in every build.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:poh-jeugd-bij-de-huisarts")
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
