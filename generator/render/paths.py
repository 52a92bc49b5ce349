"""Where generated pages and files live, and every address they are served at.

The one owner of output URLs: page paths (the engine's source paths, 'gemeenten/almere.md'),
their URL paths ('gemeenten/almere/'), relative links between them, and public addresses.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from generator.model import Municipality, Practice, Theme

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
EMBED_FOLDER = "embed"


def page_path(item: Municipality | Practice | Theme) -> str:
    """Where an item's page lives; the stable URL is this path without '.md'."""
    folder = {Municipality: "gemeenten", Practice: "praktijken", Theme: "themas"}[type(item)]
    return f"{folder}/{item.id}.md"


def embed_path(municipality: Municipality) -> str:
    """The compact page for an iframe on the municipality's own site."""
    return f"{EMBED_FOLDER}/{page_path(municipality)}"


def municipality_agenda_path(municipality: Municipality) -> str:
    """The page with every theme session in one municipality (its feed sits beside it)."""
    return f"agenda/{page_path(municipality)}"


def feed_path(kind: str, item_id: str | None = None) -> str:
    """Where a feed lives: agenda/alle.ics, agenda/<kind>/<id>.ics (kind: gemeenten, ...)."""
    return "agenda/alle.ics" if item_id is None else f"agenda/{kind}/{item_id}.ics"


def page_url(path: str) -> str:
    """The URL path of a page or file, as the site serves it: 'gemeenten/almere/'."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem + "/"


def relative_url(from_page: str, to_path: str) -> str:
    """A link from one page to a page or file (a '#anchor' may follow the path)."""
    path, hash_mark, anchor = to_path.partition("#")
    return _relative(posixpath.dirname(page_url(from_page)), page_url(path)) + hash_mark + anchor


# Pages sit in a handful of folders and link to the same pages over and over; relpath
# looks at the working folder twice a call (0.8 s of rendering at national scale).
@functools.cache
def _relative(folder: str, to_url: str) -> str:
    relative = posixpath.relpath(to_url or ".", folder or ".")
    if to_url.endswith("/") or not to_url:
        relative = "./" if relative == "." else relative + "/"
    return relative


def public_url(site_url: str, path: str) -> str:
    """The full public address of a page or file; `site_url` ends with a slash."""
    return site_url + page_url(path)
