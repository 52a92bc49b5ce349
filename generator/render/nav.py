"""Navigation sections for the generated pages.

Every page carries the whole navigation, so only small, bounded lists belong in it:
municipalities grouped by province, and the themes. Practice pages stay out (their
index page and the finder lead to them).

MkDocs themes print navigation titles into HTML unescaped, so titles from the data are
HTML-escaped here. Province names come from the schema's fixed list.
"""

from __future__ import annotations

import html
from itertools import groupby

from generator.model import Dataset
from generator.render.pages import page_path


def navigation(dataset: Dataset) -> dict[str, list]:
    by_province = sorted(dataset.municipalities, key=lambda m: (m.province, m.name))
    provinces = [
        {province: [{html.escape(m.name): page_path(m)} for m in group]}
        for province, group in groupby(by_province, key=lambda m: m.province)
    ]
    return {
        "gemeenten/index.md": ["gemeenten/index.md", *provinces],
        "agenda/index.md": ["agenda/index.md", {"Archief": "agenda/archief.md"}],
        "themas/index.md": [
            "themas/index.md", *({html.escape(t.name): page_path(t)} for t in dataset.themes)
        ],
    }


def expand_nav(nav: list, sections: dict[str, list]) -> list:
    """mkdocs.yml's navigation with each `Title: index.md` entry whose page has a generated
    section (see `navigation`) replaced by that section."""
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            if isinstance(target, str) and target in sections:
                item = {title: sections[target]}
        expanded.append(item)
    return expanded
