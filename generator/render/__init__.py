"""Rendering: pure functions from the model and explicit inputs to the files of the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Dataset
from generator.render.calendars import render_calendars
from generator.render.finder import render_finder
from generator.render.nav import navigation
from generator.render.open_data import render_open_data
from generator.render.page import Page
from generator.render.pages import render_pages
from generator.render.stable_links import render_redirects

# Each renderer returns {path: content} of files copied to the site as they are (JSON, ICS,
# CSV, redirect pages); the pages themselves come from `render_pages`.
Renderer = Callable[[Dataset, dt.date, str], dict[str, str | bytes]]
RENDERERS: tuple[Renderer, ...] = (render_calendars, render_redirects, render_open_data,
                                   render_finder)


@dataclass(frozen=True)
class Site:
    """What the generator adds to a site: pages and other files by path, and navigation.

    `nav` maps the path of an index page that mkdocs.yml lists to the section that should
    replace it: [index page, {title: page or [subsection]}, ...].
    """

    pages: dict[str, Page]
    files: dict[str, str | bytes]
    nav: dict[str, list]


def render_site(dataset: Dataset, today: dt.date, site_url: str) -> Site:
    """Everything generated for one dataset, one 'today' and one public address
    (`site_url`, ending in a slash): the same inputs give the same output."""
    files: dict[str, str | bytes] = {}
    for renderer in RENDERERS:
        produced = renderer(dataset, today, site_url)
        overlap = files.keys() & produced.keys()
        if overlap:
            raise ValueError(f"Two renderers wrote the same files: {sorted(overlap)}")
        files |= produced
    return Site(pages=render_pages(dataset, today, site_url), files=dict(sorted(files.items())),
                nav=navigation(dataset))
