"""Rendering: pure functions from the model and explicit inputs to the files of the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from generator.model import Dataset
from generator.render.calendars import render_calendars
from generator.render.editor import EditorSettings, render_editor
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


def render_site(dataset: Dataset, today: dt.date, site_url: str, *,
                corrections: str | None = None, editor: EditorSettings | None = None,
                parallel: bool = False) -> Site:
    """Everything generated for one dataset, one 'today' and one public address
    (`site_url`, ending in a slash): the same inputs give the same output. `corrections` is
    where readers report a mistake (an e-mail address or a form's URL), if the site has one.
    With `editor`, the web editor's page and configuration (admin/) are part of the files.

    With `parallel`, a forked process renders the files and the pages of FORKED_TEMPLATES
    while this one renders the other pages (the machine has two cores and the rest of a build
    uses one; this split gives both processes about as much work at national scale). Only
    for a process without other threads: a live preview serves pages from a thread, and
    renders serially.
    """
    inputs = (dataset, today, site_url)
    editor_files = render_editor(dataset, site_url, editor) if editor else {}
    if not parallel:
        return Site(pages=render_pages(*inputs, corrections=corrections),
                    files=render_files(*inputs) | editor_files, nav=navigation(dataset))
    global _forked_inputs
    # The child sees them as they were at the fork: nothing is pickled.
    _forked_inputs = (inputs, corrections)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as child:
            forked = child.submit(_render_forked_share)
            pages = render_pages(*inputs, corrections=corrections,
                                 share=lambda template: template not in FORKED_TEMPLATES)
            forked_pages, files = forked.result()
            return Site(pages=dict(sorted((pages | forked_pages).items())),
                        files=files | editor_files, nav=navigation(dataset))
    finally:
        _forked_inputs = None


def render_files(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str | bytes]:
    """Every file that is not a page (feeds, open data, redirects, the finder's index)."""
    files: dict[str, str | bytes] = {}
    for renderer in RENDERERS:
        produced = renderer(dataset, today, site_url)
        overlap = files.keys() & produced.keys()
        if overlap:
            raise ValueError(f"Two renderers wrote the same files: {sorted(overlap)}")
        files |= produced
    return dict(sorted(files.items()))


FORKED_TEMPLATES = frozenset({"municipality_agenda.html.j2", "embed.html.j2"})
_forked_inputs: tuple[tuple[Dataset, dt.date, str], str | None] | None = None


def _render_forked_share() -> tuple[dict[str, Page], dict[str, str | bytes]]:
    inputs, corrections = _forked_inputs
    pages = render_pages(*inputs, corrections=corrections,
                         share=lambda template: template in FORKED_TEMPLATES)
    return pages, render_files(*inputs)
