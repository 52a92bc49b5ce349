"""Rendering: pure functions from the model to the files of the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Dataset
from generator.render.nav import navigation
from generator.render.pages import render_pages


@dataclass(frozen=True)
class Site:
    """What the generator adds to a site: files by path, and navigation sections.

    `nav` maps the path of an index page that mkdocs.yml lists to the section that should
    replace it: [index page, {title: page or [subsection]}, ...].
    """

    files: dict[str, str]
    nav: dict[str, list]


def render_site(dataset: Dataset, today: dt.date) -> Site:
    """All generated files for one dataset and one 'today' (same input, same output)."""
    return Site(files=render_pages(dataset, today), nav=navigation(dataset))
