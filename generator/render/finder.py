"""The finder's index: a small JSON file that the "Vind uw POH Jeugd" page searches in the
browser, so that nothing a parent types leaves their device. Also what the finder page says
about itself (its examples, whether postcodes work), taken from the same data.

The index is stored by column, not by row: one array per field, each with an item per
municipality or practice. Similar values next to each other compress better (the national
index is some 20% smaller gzipped than with a row per practice), and no field name repeats.
A practice's id is stored in a short form when it is made of its name and place
(`ID_NAME`, `ID_PLACE`; see `short_id`); the script expands it again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from generator.model import Dataset, Practice
from generator.render.paths import FINDER_INDEX

ID_NAME = "*"  # in a stored id: the practice's name as `id_part` makes it
ID_PLACE = "+"  # in a stored id: the practice's place as `id_part` makes it
LAYOUT = {
    "municipalities": {"id": "page address", "name": "name", "province": "province",
                       "places": "woonplaatsen in the municipality, as the data lists them"},
    "practices": {"id": f"page address; '{ID_NAME}' and '{ID_PLACE}' stand for the name and "
                        "the place in lower case, with a '-' for every run of other "
                        "characters than a-z and 0-9",
                  "name": "name", "place": "place, or ''",
                  "municipality": "the municipality's position in its columns",
                  "postcode": "postcode, or ''", "phone": "phone as written, or ''",
                  "slots": "[[weekday (0 is Monday), start, end], ...] in Dutch time",
                  "absences": "[[first day, last day], ...], those not over at build time"},
}
_NOT_IN_ID = re.compile(r"[^a-z0-9]+")


def render_finder(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str]:
    """The finder's index: every municipality and practice, with how to reach the practice
    and when the POH is there."""
    rows = {m.id: row for row, m in enumerate(dataset.municipalities)}
    towns = dataset.municipalities
    practices = dataset.practices
    index = {
        "layout": LAYOUT,
        "municipalities": {
            "id": [m.id for m in towns],
            "name": [m.name for m in towns],
            "province": [m.province for m in towns],
            "places": [list(m.places) for m in towns],
        },
        "practices": {
            "id": [short_id(p) for p in practices],
            "name": [p.name for p in practices],
            "place": [p.place or "" for p in practices],
            "municipality": [rows[p.municipality.id] for p in practices],
            "postcode": [p.postcode or "" for p in practices],
            "phone": [p.phone or "" for p in practices],
            "slots": [weekly_slots(p) for p in practices],
            "absences": [coming_absences(p, today) for p in practices],
        },
    }
    return {FINDER_INDEX: json.dumps(index, ensure_ascii=False, separators=(",", ":"))}


def weekly_slots(practice: Practice) -> list[list]:
    """The POH's weekly hours for the browser scripts: [[weekday (0 is Monday), "15:00",
    "16:00"], ...]."""
    return [[slot.weekday, slot.start.strftime("%H:%M"), slot.end.strftime("%H:%M")]
            for slot in practice.availability]


def coming_absences(practice: Practice, today: dt.date) -> list[list[str]]:
    """The POH's absences not over on `today`, for the browser scripts: [[first day, last
    day], ...] as ISO dates."""
    return [[a.start.isoformat(), a.end.isoformat()] for a in practice.absences
            if a.end >= today]


def id_part(text: str) -> str | None:
    """`text` as it may appear in an id ('Huisartsen Apelhoven-West' ->
    'huisartsen-apelhoven-west'), or None for text that is not plain ASCII (lower case could
    then differ between Python and a browser)."""
    if not text.isascii():
        return None
    return _NOT_IN_ID.sub("-", text.lower()).strip("-") or None


def short_id(practice: Practice) -> str:
    """The practice's id with its name and place replaced by `ID_NAME` and `ID_PLACE`
    where they occur in it, so 'synth-huisartsenpraktijk-smit-apelterp' is stored as
    'synth-*-+'. Ids hold only a-z, 0-9 and '-', so the two marks cannot be part of one."""
    name, place = id_part(practice.name), id_part(practice.place or "")
    short = practice.id
    if name:
        short = short.replace(name, ID_NAME, 1)
    if place:
        short = short.replace(place, ID_PLACE, 1)
    return short if expand_id(short, practice) == practice.id else practice.id


def expand_id(short: str, practice: Practice) -> str:
    """The id again, as the finder's script expands it (first the name, then the place)."""
    return (short.replace(ID_NAME, id_part(practice.name) or "", 1)
            .replace(ID_PLACE, id_part(practice.place or "") or "", 1))


@dataclass(frozen=True)
class FinderHint:
    """What the finder page offers as examples, each taken from the data (None when the
    data has none), and whether postcodes can be searched."""

    place: str | None
    municipality: str | None
    practice: str | None
    postcodes: bool


def finder_hint(dataset: Dataset) -> FinderHint:
    """Examples of the three kinds of search: a municipality with named practices, a place
    that is not a municipality's name (preferably in another municipality), and a practice
    (preferably elsewhere still), so that together they show the three kinds."""
    towns = sorted(dataset.municipalities, key=lambda m: m.name)
    town = next((m for m in towns if dataset.practices_in(m)), towns[0] if towns else None)
    town_names = {m.name.casefold() for m in dataset.municipalities}
    places = sorted({(p.place, p.municipality.id) for p in dataset.practices if p.place}
                    | {(place, m.id) for m in dataset.municipalities for place in m.places})
    places = [(name, where) for name, where in places if name.casefold() not in town_names]
    place = _first_preferred(places, lambda item: town is None or item[1] != town.id)
    practices = sorted(dataset.practices, key=lambda p: p.name)
    practice = _first_preferred(
        practices,
        lambda p: (town is None or p.municipality.id != town.id)
        and (place is None or p.place != place[0]),
        lambda p: town is None or p.municipality.id != town.id)
    return FinderHint(place=place[0] if place else None,
                      municipality=town.name if town else None,
                      practice=practice.name if practice else None,
                      postcodes=any(p.postcode for p in dataset.practices))


def _first_preferred(items: list, *preferences):
    """The first item that meets the first preference, else the second, ..., else the
    first item (None for none)."""
    for preferred in preferences:
        found = next((item for item in items if preferred(item)), None)
        if found is not None:
            return found
    return items[0] if items else None
