"""The site's public address, for links that must work from elsewhere (embed code, redirects).

mkdocs.yml reads the same SITE_URL variable with the same default (a test keeps them equal).
"""

from __future__ import annotations

import os

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url_warning() -> str | None:
    """A Dutch warning when SITE_URL is not set: a site built that way points every full
    address (canonical links, sitemap, embed code, redirects, open data) at the local
    preview. None when it is set."""
    if os.environ.get("SITE_URL"):
        return None
    return (f"Let op: SITE_URL is niet gezet; links in de site wijzen naar {DEFAULT_SITE_URL} "
            "(de vaste adressen, de sitemap, de code om in te sluiten en de open data). "
            "Zet SITE_URL=https://... voor een site die online gaat, bijvoorbeeld: "
            "SITE_URL=https://www.example.nl/ make site")


def site_url() -> str:
    """The public address with a trailing slash, as MkDocs normalises it."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"
