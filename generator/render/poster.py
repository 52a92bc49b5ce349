"""The waiting-room poster of a practice page (generator/templates/_poster.html.j2): which
type size lets it fill one A4 page and no more, decided when the page is built.

The printed poster has a fixed size (docs/stylesheets/praktijken.css) and four type
sizes. What it holds is estimated in characters of body text ("load"): a character of the
name, printed twice as large, weighs five; a day of hours a line; a paragraph its last,
half-empty line. The limits were measured in Chromium (A4, Arial's widths) on 252 made-up
practices (names up to 200 characters, up to ten slots on five days with notes,
appointment texts up to the data's 2,000 characters in one to eight paragraphs): each is
10% below the smallest load that no longer fitted its size. At the size chosen so, every
one of them had at least 10 mm to spare. Measure again after changing the stylesheet's
sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Practice
from generator.render.qr import qr_svg
from generator.render.text import paragraph_blocks

# The largest load that still fits each size, largest type first.
LIMITS = {"large": 620, "medium": 1030, "small": 1740, "x-small": 2340}
NAME_WEIGHT = 5
PLACE_WEIGHT = 2
DAY_LOAD = 100
NOTE_WEIGHT = 2
PARAGRAPH_LOAD = 50
ROUTE_CHARS = 90  # an access route's sentence (pages.ACCESS_ROUTES), about
POINTER_CHARS = 90  # "Lees hoe u een afspraak maakt op de website ..."


@dataclass(frozen=True)
class PosterLayout:
    size: str  # a key of LIMITS: the type size
    appointment: bool  # False: the appointment text is too long, the poster points to the page


def poster_layout(practice: Practice, url: str) -> PosterLayout:
    """The largest type size at which the practice's poster fits its page. An appointment
    text that fits no size is left off (the poster then points to the page, never cuts a
    text short); hours that fit no size get the smallest, and the stylesheet's last resort
    (the poster clips what does not fit) keeps the print to one page."""
    fixed, appointment = poster_load(practice, url)
    load = fixed + appointment
    shown = True
    if load > LIMITS["x-small"] and practice.appointment:
        shown = False
        load = fixed + POINTER_CHARS + PARAGRAPH_LOAD
    size = next((size for size, limit in LIMITS.items() if load <= limit), "x-small")
    return PosterLayout(size, shown)


def poster_load(practice: Practice, url: str) -> tuple[int, int]:
    """The load of the poster without the appointment text, and of that text (or of the
    pilot's access routes, which take its place)."""
    slots = practice.availability
    fixed = (NAME_WEIGHT * len(practice.name) + PLACE_WEIGHT * len(practice.place or "")
             + len(url) + DAY_LOAD * len({slot.weekday for slot in slots})
             + NOTE_WEIGHT * sum(len(slot.note or "") for slot in slots))
    if practice.appointment:
        blocks = [len(block) for block in paragraph_blocks(practice.appointment)]
    else:
        blocks = [ROUTE_CHARS] * len(practice.municipality.pilot.access_routes)
    return fixed, sum(blocks) + PARAGRAPH_LOAD * len(blocks)


def poster_globals() -> dict:
    """Template globals for the poster."""
    return {"qr_svg": qr_svg, "poster_layout": poster_layout}
