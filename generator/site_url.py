"""The site's public address, for links that must work from elsewhere (embed code, redirects).

mkdocs.yml reads the same SITE_URL variable with the same default (a test keeps them equal).
"""

from __future__ import annotations

import os

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url() -> str:
    """The public address with a trailing slash, as MkDocs normalises it."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"
