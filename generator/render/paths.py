"""Where generated pages live, and the addresses they are served at."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.model import Municipality, Practice, Theme
from generator.site_url import site_url

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


def page_url(path: str) -> str:
    """The URL path of a Markdown page, as MkDocs serves it: 'gemeenten/almere/'."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem + "/"


def public_url(path: str) -> str:
    """The full public address of a Markdown page or of a file."""
    return site_url() + (page_url(path) if path.endswith(".md") else path)
