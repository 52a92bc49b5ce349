"""A pilot's one status on the build's date: from its dates where they decide it, else the source's.

The sources are often undated and several dates lack a year. Nothing here guesses:

- a pilot whose "structureel" moment has passed is structural;
- a pilot whose source says it ended has ended;
- a pilot whose end date (or extension) has passed without a known sequel has status
  "onbekend": the site knows the period is over, not whether the pilot stopped;
- before its start it is announced, between start and a known end it runs (or runs extended);
- otherwise the source's own status counts, and the reason says so.

An uncertain date (a year without a month) counts as its whole span: "start 2026" has
certainly begun only once 2026 is over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import FactDate, Pilot
from generator.render.text import MONTHS, dutch_fact_date

STATUSES = ("aangekondigd", "lopend", "verlengd", "afgelopen", "structureel", "onbekend")


@dataclass(frozen=True)
class PilotStatus:
    """`code` is one of STATUSES; `computed` is False when it is the source's status as given.
    `reason` is one or two Dutch sentences saying where the status comes from."""

    code: str
    reason: str
    computed: bool


def pilot_status(pilot: Pilot, today: dt.date) -> PilotStatus:
    permanent = pilot.permanent_since
    if _reached(permanent, today):
        return PilotStatus("structureel", f"Structureel sinds {dutch_fact_date(permanent)}.",
                           True)
    if pilot.status == "afgelopen":
        return PilotStatus("afgelopen", "Volgens de bron is de pilot afgelopen.", False)
    final = pilot.extended_until or pilot.end
    if _over(final, today) and permanent:  # between the pilot and its permanent sequel
        return PilotStatus(
            pilot.status, f"De pilot liep tot {dutch_fact_date(final, until=True)}. Hij wordt "
            f"structureel {_on(permanent)}.", False)
    if _over(final, today):
        return PilotStatus(
            "onbekend",
            f"De pilot liep tot {dutch_fact_date(final, until=True)}. Of hij daarna is "
            "doorgegaan, weten we niet.", True)
    if pilot.start and pilot.start.earliest() and pilot.start.earliest() > today:
        return PilotStatus("aangekondigd", f"De pilot begint {_on(pilot.start)}.", True)
    # A pilot can only be extended once it runs.
    started = pilot.extended_until is not None or _reached(pilot.start, today)
    if started and final and final.year and _first_possible_end(final) >= today:
        until = dutch_fact_date(final, until=True)
        if pilot.extended_until and (pilot.end is None or _over(pilot.end, today)):
            return PilotStatus("verlengd", f"De pilot is verlengd tot {until}.", True)
        return PilotStatus("lopend", f"De pilot loopt tot {until}.", True)
    return PilotStatus(pilot.status, _why_from_source(pilot, final, started), False)


def _why_from_source(pilot: Pilot, final: FactDate | None, started: bool) -> str:
    """What the dates say and do not say, when they cannot decide the status."""
    start = pilot.start
    if pilot.status == "onbekend":
        return "Of de pilot nog loopt, weten we niet."
    if start is None and final is None:
        return "Een begin- en einddatum weten we niet."
    if start and start.year is None:
        return f"De pilot begint {_on(start)}. In welk jaar, weten we niet."
    if final and final.year is None:
        return f"De pilot eindigt {_on(final)}. In welk jaar, weten we niet."
    if start and not started:
        return f"De pilot begint {_on(start)}. Of hij al begonnen is, weten we niet."
    if final:
        return f"De pilot eindigt {_on(final)}. Of hij al voorbij is, weten we niet."
    return f"De pilot is begonnen {_on(start)}. Een einddatum weten we niet."


def _on(fact: FactDate) -> str:
    """'op 1 juni 2026', 'in mei 2019', 'in 2021', 'op 1 juni' (year unknown)."""
    if fact.year is None:
        return f"op {fact.day} {MONTHS[fact.month - 1]}"
    return ("op " if fact.day else "in ") + dutch_fact_date(fact)


def _first_possible_end(fact: FactDate) -> dt.date:
    """The earliest day a pilot ending on this date can stop (year known).

    An end with a month but no day means the end of that month, as the pages print it
    ("tot eind december 2022"); an end with only a year may mean any day of that year.
    """
    return fact.latest() if fact.month else fact.earliest()


def _over(fact: FactDate | None, today: dt.date) -> bool:
    """The last day the date can mean lies before today."""
    return fact is not None and fact.latest() is not None and fact.latest() < today


def _reached(fact: FactDate | None, today: dt.date) -> bool:
    """Even the last day the date can mean is today or earlier."""
    return fact is not None and fact.latest() is not None and fact.latest() <= today
