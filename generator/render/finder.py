"""The finder's index: a small JSON file that the "Vind je POH Jeugd" page searches in the
browser, so that nothing a parent types leaves their device.

Rows are arrays, not objects, to keep the file small at national scale (the field names
would otherwise repeat thousands of times); `LAYOUT` in the file names the columns.
"""

from __future__ import annotations

import datetime as dt
import json

from generator.model import Dataset, Practice
from generator.render.paths import FINDER_INDEX

LAYOUT = {
    "municipalities": ["id", "name", "province", "named_practices"],
    "practices": ["id", "name", "place", "municipality (row number)", "postcode",
                  "slots: [weekday 0=maandag, start, end]"],
}


def render_finder(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str]:
    """The finder's index: every municipality and practice, with the POH's weekly hours."""
    rows = {m.id: row for row, m in enumerate(dataset.municipalities)}
    index = {
        "layout": LAYOUT,
        "municipalities": [
            [m.id, m.name, m.province, len(dataset.practices_in(m))]
            for m in dataset.municipalities
        ],
        "practices": [
            [p.id, p.name, p.place or "", rows[p.municipality.id], p.postcode or "",
             weekly_slots(p)]
            for p in dataset.practices
        ],
    }
    return {FINDER_INDEX: json.dumps(index, ensure_ascii=False, separators=(",", ":"))}


def weekly_slots(practice: Practice) -> list[list]:
    """The POH's weekly hours for the browser scripts: [[weekday (0 is Monday), "15:00",
    "16:00"], ...]."""
    return [[slot.weekday, slot.start.strftime("%H:%M"), slot.end.strftime("%H:%M")]
            for slot in practice.availability]
