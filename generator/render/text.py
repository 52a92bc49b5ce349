"""Safe, Dutch text for Markdown pages: escaping, allowed links and Dutch date formats.

Every string from the data passes through `escape` before it reaches a page, so that it
shows as the text the editor typed: no HTML, no Markdown emphasis, no links of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator.model import WEEKDAYS, FactDate

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

# Markdown syntax anywhere in a line: emphasis, code, links, attribute lists, headings'
# closing #s, and | for tables; < > & become entities. The other characters Python-Markdown
# can escape (. - + ! ( )) only mean something at the start of a line ("1. ", "- ", "!!!"),
# or right after a ] that is escaped already; escaping them everywhere cost the Markdown
# conversion a match per backslash (930,000 at national scale).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
_LINE_START = re.compile(r"^(\s*)([+\-!]|[0-9]+(?=\.))")
_WHITESPACE = re.compile(r"\s+")


def escape(value: object) -> Markup:
    """One line of inert text: HTML and Markdown syntax shown as typed, newlines as spaces."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _WHITESPACE.sub(" ", str(value))  # not stripped: ", " between links keeps its space
    text = _LINE_START.sub(_escape_line_start, _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    escaped = html.escape(text, quote=False)
    # "~~~" at the start of a line opens a code block, and Markdown has no backslash escape
    # for "~": an entity shows the same character.
    return Markup(escaped.replace("~", "&#126;"))


def _escape_line_start(match: re.Match) -> str:
    space, found = match.groups()
    return space + (found + "\\" if found[0].isdigit() else "\\" + found)  # "1\." or "\-"


def paragraphs(value: str | None) -> Markup:
    """Longer text: a blank line in the data starts a new paragraph."""
    if not value:
        return Markup("")
    blocks = [block for block in re.split(r"\n\s*\n", value) if block.strip()]
    return Markup("\n\n").join(escape(block) for block in blocks)


def safe_url(url: str) -> str:
    """The URL if its scheme is allowed, made safe to put inside a Markdown link target."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in ALLOWED_SCHEMES or any(ord(ch) < 32 for ch in url):
        raise ValueError(f"URL with a scheme that is not allowed: {url!r}")
    return quote(url.strip(), safe="/:?#@!$&'*+,;=%~-._")


def link(text: object, url: str) -> Markup:
    """A Markdown link to an outside address, with escaped text."""
    return Markup(f"[{escape(text)}]({safe_url(url)})")


def relative(from_page: str, to_page: str) -> str:
    """The relative path between two generated Markdown files, as MkDocs validates it."""
    return _relative(posixpath.dirname(from_page) or ".", to_page)


# Pages sit in a handful of folders and link to the same pages over and over; relpath
# looks at the working folder twice a call (0.8 s of rendering at national scale).
@functools.cache
def _relative(folder: str, to_page: str) -> str:
    return posixpath.relpath(to_page, folder)


def phone_url(phone: str) -> str:
    """tel: link for a Dutch number as written in the data ("0475 123456")."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return "tel:" + ("+31" + digits[1:] if digits.startswith("0") else digits)


def dutch_time(value: dt.time) -> str:
    return f"{value.hour:02d}.{value.minute:02d}"


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
    return text + (" (afgeleid)" if fact.inferred else "")


def dutch_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def html_text(value: object) -> Markup:
    """Text for raw HTML (attributes, <option>): HTML-escaped, no Markdown escapes."""
    return Markup(html.escape(str(value), quote=True))
