"""Navigation sections for the generated pages.

Every page carries the whole navigation, so only small, bounded lists belong in it:
municipalities grouped by province, and the themes. Practice pages stay out (their
index page and the finder lead to them). Titles are plain text.
"""

from __future__ import annotations

from itertools import groupby

from generator.model import Dataset
from generator.render.paths import AGENDA, ARCHIVE, MUNICIPALITIES, THEMES, page_path


def navigation(dataset: Dataset) -> dict[str, list]:
    by_province = sorted(dataset.municipalities, key=lambda m: (m.province, m.name))
    provinces = [
        {province: [{m.name: page_path(m)} for m in group]}
        for province, group in groupby(by_province, key=lambda m: m.province)
    ]
    return {
        MUNICIPALITIES: [MUNICIPALITIES, *provinces],
        AGENDA: [AGENDA, {"Archief": ARCHIVE}],
        THEMES: [THEMES, *({t.name: page_path(t)} for t in dataset.themes)],
    }
