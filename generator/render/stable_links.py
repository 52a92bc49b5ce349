"""Addresses that never break: redirect pages for CBS codes and former slugs.

A municipality is also reachable at /gemeenten/<cbs code>/ (and its embed at
/embed/gemeenten/<cbs code>/); a renamed municipality or practice keeps its old addresses
through `former_slugs`. Each redirect is a small static HTML page: a meta refresh, a
canonical link and a visible link, so it works without JavaScript and tells search
engines where the page lives now. The data checks make sure no address is claimed twice.
"""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.csp import with_policy
from generator.model import Dataset, Municipality, Practice
from generator.render.paths import (
    TEMPLATES,
    embed_path,
    page_path,
    public_url,
    redirect_path,
    relative_url,
)


def code_slug(municipality: Municipality) -> str:
    """The CBS code as an address: 'gm0034'."""
    return municipality.cbs_code.lower()


def code_url(municipality: Municipality, site_url: str) -> str:
    """The public address by CBS code, which survives a change of name."""
    return public_url(site_url, redirect_path(page_path(municipality), code_slug(municipality))
                      .removesuffix("index.html"))


def old_addresses(item: Municipality | Practice) -> list[str]:
    """Slugs that redirect to the item: its CBS code (municipalities) and former slugs."""
    codes = [code_slug(item)] if isinstance(item, Municipality) else []
    return [slug for slug in codes + list(item.former_slugs) if slug != item.id]


def render_redirects(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str]:
    """{old/path/index.html: redirect page} for every old address of every page."""
    template = _environment().get_template("redirect.html.j2")
    targets = [(item, page_path(item)) for item in (*dataset.municipalities, *dataset.practices)]
    targets += [(m, embed_path(m)) for m in dataset.municipalities]
    files = {}
    for item, target in targets:
        for slug in old_addresses(item):
            here = redirect_path(target, slug)
            files[here] = with_policy(template.render(
                name=item.name, target=relative_url(here.removesuffix(".html") + ".md", target),
                canonical=public_url(site_url, target),
            ))
    return files


def _environment() -> Environment:
    # Plain HTML escaping: these pages do not pass through Markdown.
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       autoescape=True, keep_trailing_newline=True)
