"""schema.org JSON-LD for municipality and practice pages, safe inside a <script> block.

A practice is a MedicalClinic; the POH Jeugd's weekly hours are the opening hours of a
department of it, not of the practice (which is open far longer than the POH is there).
Only facts from the data appear: no address, phone or hours are filled in when unknown.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.model import Dataset, Municipality, Practice
from generator.render.open_data import present
from generator.render.paths import page_path, public_url

CLINICS_IN_FULL = 30
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Inside <script>, "</script>" or "<!--" in a value would end or confuse the block.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict) -> Markup:
    """A <script type="application/ld+json"> block that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def practice_json_ld(practice: Practice) -> Markup:
    return script({"@context": "https://schema.org"} | clinic(practice))


def municipality_json_ld(municipality: Municipality, dataset: Dataset) -> Markup:
    organisation = {
        "@type": "GovernmentOrganization",
        "name": f"Gemeente {municipality.name}",
        "identifier": {"@type": "PropertyValue", "propertyID": "CBS-gemeentecode",
                       "value": municipality.cbs_code},
        "address": {"@type": "PostalAddress", "addressRegion": municipality.province,
                    "addressCountry": "NL"},
        "url": public_url(page_path(municipality)),
    }
    practices = dataset.practices_in(municipality)
    # A big city's clinics would outweigh the page (some 800 bytes each); then only their
    # own pages describe them, under the same "@id".
    clinics = [clinic(p) for p in practices] if len(practices) <= CLINICS_IN_FULL else []
    return script({"@context": "https://schema.org", "@graph": [organisation, *clinics]})


def clinic(practice: Practice) -> dict:
    address = {"@type": "PostalAddress", "addressLocality": practice.place,
               "addressCountry": "NL"}
    address |= present(streetAddress=practice.address, postalCode=practice.postcode)
    url = public_url(page_path(practice))
    data = {"@type": "MedicalClinic", "@id": url, "name": practice.name, "url": url,
            "address": address}
    data |= present(telephone=practice.phone, email=practice.email, sameAs=practice.website)
    if practice.availability:
        data["department"] = {
            "@type": "MedicalClinic",
            "name": f"{practice.poh.role}, {practice.name}",
            "description": "Wanneer de praktijkondersteuner jeugd (POH Jeugd) in de praktijk is.",
            "openingHoursSpecification": [
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[slot.weekday]}",
                 "opens": slot.start.strftime("%H:%M"), "closes": slot.end.strftime("%H:%M")}
                for slot in practice.availability
            ],
        }
    return data
