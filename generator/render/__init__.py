"""Rendering: pure functions from the model to the files of the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Dataset
from generator.render.calendars import render_calendars
from generator.render.finder import render_finder
from generator.render.nav import navigation
from generator.render.open_data import render_open_data
from generator.render.pages import render_pages
from generator.render.stable_links import render_redirects

# Each renderer returns {path under the docs folder: content}; Markdown paths become pages,
# every other path (JSON, ICS, CSV, HTML) is copied to the site as it is.
Renderer = Callable[[Dataset, dt.date], dict[str, str | bytes]]
RENDERERS: tuple[Renderer, ...] = (render_pages, render_calendars, render_redirects,
                                   render_open_data, render_finder)


@dataclass(frozen=True)
class Site:
    """What the generator adds to a site: files by path, and navigation sections.

    `nav` maps the path of an index page that mkdocs.yml lists to the section that should
    replace it: [index page, {title: page or [subsection]}, ...].
    """

    files: dict[str, str | bytes]
    nav: dict[str, list]


def render_site(dataset: Dataset, today: dt.date) -> Site:
    """All generated files for one dataset and one 'today' (same input, same output)."""
    files: dict[str, str | bytes] = {}
    for renderer in RENDERERS:
        produced = renderer(dataset, today)
        overlap = files.keys() & produced.keys()
        if overlap:
            raise ValueError(f"Two renderers wrote the same files: {sorted(overlap)}")
        files |= produced
    return Site(files=dict(sorted(files.items())), nav=navigation(dataset))
