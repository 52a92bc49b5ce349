"""The open data as an Open Referral HSDS 3.0 export: one fully nested service per pilot.

A joint arrangement of neighbouring municipalities is one pilot, so one service with a
service area per municipality. Everything in the export comes from the data: an unknown
fact is left out, never filled in (a practice without a known place gets no city).
"""

from __future__ import annotations

import datetime as dt
import uuid

from generator.model import Dataset, Municipality, Organisation, Pilot, Practice
from generator.render.paths import page_path, public_url
from generator.render.pilot_status import pilot_status
from generator.render.text import dutch_time_range

# Stable UUIDs for the HSDS export: the same item gets the same id in every build.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:poh-jeugd-bij-de-huisarts")
HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# HSDS 3.0 requires a service `status`, one of active, inactive, defunct and
# "temporarily closed"; it has no value for "unknown". A pilot that has not started or has
# ended is inactive. For "onbekend" (the period has passed and the sources do not say whether
# the pilot went on) the least-claiming valid value is inactive: `active` would send people
# to a service that may be gone, `defunct` would say it ended for good and
# `temporarily closed` that it will reopen. Its `alert` then says that the status is unknown
# (the open data page says so too). The status is the pilot's one status on the build's date
# (pilot_status): computed from its dates where they decide it, else the source's.
HSDS_STATUS = {"aangekondigd": "inactive", "lopend": "active", "verlengd": "active",
               "structureel": "active", "afgelopen": "inactive", "onbekend": "inactive"}


def hsds_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def hsds_services(dataset: Dataset, today: dt.date, site_url: str) -> list[dict]:
    """One fully nested HSDS service per pilot, as `GET /services/{id}` would return it;
    in the order of each pilot's first municipality."""
    pilots = {m.pilot.id: m.pilot for m in dataset.municipalities}
    return [_service(pilot, dataset, today, site_url) for pilot in pilots.values()]


def _service(pilot: Pilot, dataset: Dataset, today: dt.date, site_url: str) -> dict:
    towns = dataset.municipalities_of(pilot)  # by name
    service_id = hsds_id("service", pilot.id)  # the pilot's, not a municipality's
    status = pilot_status(pilot, today)
    names = [town.name for town in towns]
    where = (f"gemeente {names[0]}" if len(names) == 1
             else f"gemeenten {', '.join(names[:-1])} en {names[-1]}")
    service = {
        "id": service_id,
        "name": f"POH Jeugd in de huisartsenpraktijk, {where}",
        "alternate_name": pilot.title,
        "description": pilot.goal or pilot.title,
        # The pages are per municipality: a joint pilot links the page of its first one.
        "url": public_url(site_url, page_path(towns[0])),
        "status": HSDS_STATUS[status.code],
    }
    organisation = _organisation(pilot, towns)
    if organisation:
        service |= {"organization_id": organisation["id"], "organization": organisation}
    if status.code == "onbekend":
        service["alert"] = f"Of deze pilot nog loopt, is onbekend. {status.reason}"
    service |= present(application_process=pilot.access_note,
                       eligibility_description=pilot.age_range,
                       fees_description=pilot.cost)
    service["service_areas"] = [_service_area(town, service_id) for town in towns]
    service["service_at_locations"] = [_service_at_location(p, service_id) for town in towns
                                       for p in dataset.practices_in(town)]
    financiers = list(dict.fromkeys(o.name for o in pilot.with_role("financier")))
    if financiers:
        service["funding"] = [{"id": hsds_id("funding", f"{pilot.id}:{name}"),
                               "service_id": service_id, "source": name}
                              for name in financiers]
    return service


def _organisation(pilot: Pilot, towns: tuple[Municipality, ...]) -> dict | None:
    """The one organisation HSDS links to a service (`organization_id`; optional in HSDS 3.0,
    which allows at most one), described only with facts from the data: the provider
    ("aanbieder") if the data names exactly one; otherwise the municipality of a pilot in one
    municipality; otherwise none, as no single organisation is known to be responsible (a
    joint arrangement without one provider)."""
    providers = pilot.with_role("aanbieder")
    if len(providers) == 1:
        (provider,) = providers
        town = next((t for t in towns if _is_municipality(provider, t)), None)
        if town:
            return _municipality_organisation(town, provider)
        return {"id": hsds_id("organization", f"name:{provider.name}"), "name": provider.name,
                "description": f"{provider.name} levert de POH Jeugd (aanbieder), volgens "
                               "de bron.", **present(website=provider.url)}
    if len(towns) != 1:
        return None
    (town,) = towns
    listed = next((o for o in pilot.organisations if _is_municipality(o, town)), None)
    return _municipality_organisation(town, listed)


def _is_municipality(organisation: Organisation, town: Municipality) -> bool:
    return organisation.name.casefold() == f"gemeente {town.name}".casefold()


def _municipality_organisation(town: Municipality, listed: Organisation | None) -> dict:
    """'Gemeente X (provincie Y).', with its roles only where the pilot's data lists the
    municipality as an organisation (`listed`)."""
    organisation_id = hsds_id("organization", town.cbs_code)
    name = f"Gemeente {town.name}"
    description = f"{name} (provincie {town.province})."
    if listed and listed.roles:
        description += f" Rol in de pilot volgens de bron: {', '.join(listed.roles)}."
    return {
        "id": organisation_id, "name": name, "description": description,
        **present(website=listed.url if listed else None),
        "organization_identifiers": [{
            "id": hsds_id("organization_identifier", town.cbs_code),
            "organization_id": organisation_id, "identifier_scheme": "CBS",
            "identifier_type": "CBS-gemeentecode", "identifier": town.cbs_code,
        }],
    }


def _service_area(town: Municipality, service_id: str) -> dict:
    """A municipality as a service area: the CBS code is the extent, as text."""
    return {"id": hsds_id("service_area", town.cbs_code), "service_id": service_id,
            "name": f"Gemeente {town.name}",
            "description": f"Gemeente {town.name} (provincie {town.province}), "
                           f"CBS-gemeentecode {town.cbs_code}.",
            "extent": town.cbs_code, "extent_type": "text"}


def _service_at_location(practice: Practice, service_id: str) -> dict:
    link_id = hsds_id("service_at_location", practice.id)
    location_id = hsds_id("location", practice.id)
    town = practice.municipality
    where = practice.place or f"de gemeente {town.name}"
    description = f"Huisartsenpraktijk in {where}."
    # An HSDS address needs a city (and a postal code): without both, a known street address
    # stays in the description rather than in an address with an invented city.
    full_address = bool(practice.address and practice.postcode and practice.place)
    if practice.address and not full_address:
        description += " Adres: " + ", ".join(
            part for part in (practice.address, practice.postcode, practice.place) if part) + "."
    location = {"id": location_id, "location_type": "physical", "name": practice.name,
                "description": description}
    if full_address:
        location["addresses"] = [{
            "id": hsds_id("address", practice.id), "location_id": location_id,
            "address_1": practice.address, "city": practice.place,
            "state_province": town.province,
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
