"""Safe, Dutch text for HTML pages: paragraphs, outside links, heading ids, Dutch formats.

Values reach a page through Jinja2's autoescaping; what is built here returns Markup only
after escaping every value from the data itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from generator.model import WEEKDAYS, FactDate

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

_BLANK_LINE = re.compile(r"\n\s*\n")
_NOT_IN_SLUG = re.compile(r"[^\w\s-]")
_SLUG_GAPS = re.compile(r"[-\s]+")


def paragraph_blocks(value: str | None) -> list[str]:
    """Longer text as its paragraphs: a blank line in the data starts a new one."""
    return [block.strip() for block in _BLANK_LINE.split(value or "") if block.strip()]


def paragraphs(value: str | None) -> Markup:
    """Longer text as HTML paragraphs."""
    return Markup("\n".join(f"<p>{escape(block)}</p>" for block in paragraph_blocks(value)))


def safe_url(url: str) -> str:
    """The URL if its scheme is allowed, percent-encoded where it needs to be."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in ALLOWED_SCHEMES or any(ord(ch) < 32 for ch in url):
        raise ValueError(f"URL with a scheme that is not allowed: {url!r}")
    return quote(url.strip(), safe="/:?#@!$&'*+,;=%~-._")


def link(text: object, url: str) -> Markup:
    """A link to an outside address (http, https, mailto, tel), with escaped text."""
    return Markup(f'<a href="{escape(safe_url(url))}">{escape(text)}</a>')


def slug(text: str) -> str:
    """A heading's id as Python-Markdown makes it, so anchors keep working:
    'Wanneer is de POH Jeugd er?' -> 'wanneer-is-de-poh-jeugd-er'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_GAPS.sub("-", _NOT_IN_SLUG.sub("", ascii_text).strip().lower())


def phone_url(phone: str) -> str:
    """tel: link for a Dutch number as written in the data ("0475 123456")."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return "tel:" + ("+31" + digits[1:] if digits.startswith("0") else digits)


def dutch_time(value: dt.time) -> str:
    return f"{value.hour:02d}.{value.minute:02d}"


@functools.cache  # a few dozen distinct ranges, asked for a hundred thousand times
def dutch_time_range(start: dt.time, end: dt.time) -> str:
    return f"{dutch_time(start)}–{dutch_time(end)} uur"


def dutch_date(value: dt.date, *, weekday: bool = False) -> str:
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def dutch_fact_date(fact: FactDate, *, until: bool = False) -> str:
    """'17 juni 2019', 'mei 2019', '2021', '1 juni (jaar onbekend)'; ends read 'eind ...'."""
    parts = []
    if fact.day:
        parts.append(str(fact.day))
    if fact.month:
        parts.append(MONTHS[fact.month - 1])
    parts.append(str(fact.year) if fact.year else "(jaar onbekend)")
    text = " ".join(parts)
    if until and fact.month and not fact.day:
        text = "eind " + text
    return text


def dutch_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def join_dutch(items: Iterable[str]) -> str:
    """'Haelen', 'Haelen en Buggenum', 'Haelen, Buggenum en Roggel'."""
    items = list(items)
    return " en ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)
