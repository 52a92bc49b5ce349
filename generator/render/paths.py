"""Where generated pages and files live, and every address they are served at.

The one owner of output URLs: page paths (the engine's source paths, 'gemeenten/almere.md'),
their URL paths ('gemeenten/almere/'), relative links between them, and public addresses.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from generator.model import Municipality, Practice, Theme, ThemeSession

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
EMBED_FOLDER = "embed"
# The pages of the site that are not about one item (generated, and two hand-written ones).
HOME = "index.md"
MUNICIPALITIES = "gemeenten/index.md"
PRACTICES = "praktijken/index.md"
THEMES = "themas/index.md"
AGENDA = "agenda/index.md"
ARCHIVE = "agenda/archief.md"
FINDER = "vind/index.md"
OPEN_DATA = "open-data/index.md"
ABOUT = "over.md"
# Files.
FINDER_INDEX = "vind/praktijken.json"
ALL_JSON = "open-data/poh-jeugd.json"
HSDS_JSON = "open-data/hsds/services.json"
DATA_PACKAGE = "open-data/datapackage.json"


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


def session_anchor(session: ThemeSession) -> str:
    """The id of a session on its municipality's agenda page: of its card while it is to
    come, of its line in the list of earlier sessions once it is over."""
    return f"sessie-{session.id}"


def session_path(session: ThemeSession) -> str:
    """Where a session is, always: on the agenda page of its (first) municipality. The same
    address before and after the session (its public address is in calendar events)."""
    return f"{municipality_agenda_path(session.municipalities[0])}#{session_anchor(session)}"


def municipality_json_path(municipality: Municipality) -> str:
    return f"open-data/gemeenten/{municipality.id}.json"


def table_path(name: str) -> str:
    """A CSV download of the open data page: 'gemeenten' -> 'open-data/gemeenten.csv'."""
    return f"open-data/{name}.csv"


def redirect_path(target: str, slug: str) -> str:
    """The page at an old address (`slug`) beside the page at `target`."""
    return f"{posixpath.dirname(target)}/{slug}/index.html"


def feed_path(kind: str, item_id: str | None = None) -> str:
    """Where a feed lives: agenda/alle.ics, agenda/<kind>/<id>.ics (kind: gemeenten, ...)."""
    return "agenda/alle.ics" if item_id is None else f"agenda/{kind}/{item_id}.ics"


@functools.cache
def page_url(path: str) -> str:
    """The URL path of a page or file, as the site serves it: 'gemeenten/almere/'."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem + "/"


def relative_url(from_page: str, to_path: str) -> str:
    """A link from one page to a page or file (a '#anchor' may follow the path)."""
    path, hash_mark, anchor = to_path.partition("#")
    return _relative(_folder(from_page), page_url(path)) + hash_mark + anchor


@functools.cache
def _folder(page: str) -> tuple[str, ...]:
    """The folders of a page's URL: 'gemeenten/almere.md' -> ('gemeenten', 'almere')."""
    return tuple(part for part in page_url(page).split("/")[:-1] if part)


def _relative(folder: tuple[str, ...], to_url: str) -> str:
    """Both are paths from the site's root, so no working folder is involved (posixpath's
    relpath asks for it twice a call: a second of rendering at national scale)."""
    parts = to_url.split("/")
    common = 0
    for here, there in zip(folder, parts[:-1], strict=False):
        if here != there:
            break
        common += 1
    relative = "../" * (len(folder) - common) + "/".join(parts[common:])
    return relative or "./"


def public_url(site_url: str, path: str) -> str:
    """The full public address of a page or file (a '#anchor' may follow the path);
    `site_url` ends with a slash."""
    path, hash_mark, anchor = path.partition("#")
    return site_url + page_url(path) + hash_mark + anchor


_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_origin(site_url: str) -> str:
    """The origin of the public address, as a browser writes it in a message event's
    `origin`: scheme, host and a port only when it is not the scheme's default."""
    parts = urlsplit(site_url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = parts.port if parts.port not in (None, _DEFAULT_PORTS.get(scheme)) else None
    return f"{scheme}://{host}" + (f":{port}" if port else "")
