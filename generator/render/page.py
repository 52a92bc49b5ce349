"""A generated page as every site engine needs it: HTML, title, headings and settings.

Templates write HTML; this module reads back their headings for the table of contents
and makes heading ids unique on the page, as Python-Markdown does ('id', 'id_1', ...).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Headings as the templates write them (see the `heading` macro): id first, no nesting.
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"([^>]*)>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str  # plain text, not escaped


@dataclass(frozen=True)
class Page:
    """One generated page. `title` and `description` are plain text (the engine escapes);
    `hide` names theme parts to leave out ('toc'); `template` is the theme template to use."""

    title: str
    description: str
    html: str
    headings: tuple[Heading, ...]
    hide: tuple[str, ...] = ()
    template: str | None = None
    searchable: bool = True
    search_boost: float | None = None  # above 1 ranks the page higher in the site search
    search_title: str | None = None  # the h1 as the site search indexes and shows it

    def front_matter(self) -> dict:
        """The settings as MkDocs-family themes read them from a page's front matter. Those
        themes print the title and description into HTML as they are: escaped here."""
        meta: dict = {"title": html.escape(self.title),
                      "description": html.escape(self.description)}
        if self.hide:
            meta["hide"] = list(self.hide)
        if self.template:
            meta["template"] = self.template
        if not self.searchable:
            meta["search"] = {"exclude": True}
        elif self.search_boost is not None:
            meta["search"] = {"boost": self.search_boost}
        return meta

    @property
    def anchors(self) -> frozenset[str]:
        """Every id on the page that a link may point to."""
        return frozenset(re.findall(r'\sid="([^"]+)"', self.html))


def page(body: str, *, title: str, description: str, hide: tuple[str, ...] = (),
         template: str | None = None, searchable: bool = True,
         search_boost: float | None = None, search_title: str | None = None) -> Page:
    """A Page from a template's HTML, with unique heading ids and the headings read back."""
    seen: set[str] = set()
    headings: list[Heading] = []

    def unique(match: re.Match) -> str:
        level, wanted, attributes, inner = match.groups()
        found, number = wanted, 0
        while found in seen:
            number += 1
            found = f"{wanted}_{number}"
        seen.add(found)
        headings.append(Heading(int(level), found, html.unescape(_TAG.sub("", inner)).strip()))
        return f'<h{level} id="{found}"{attributes}>{inner}</h{level}>'

    body = _HEADING.sub(unique, body)
    return Page(title=title, description=description, html=body, headings=tuple(headings),
                hide=hide, template=template, searchable=searchable,
                search_boost=search_boost, search_title=search_title)
