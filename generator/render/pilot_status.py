"""A pilot's status on the build's date, computed from its dates only where they decide it.

The sources are undated and several dates lack a year, so a status is often not computable.
Then the result says why, and pages show the status the source reported instead: nothing
here guesses. An uncertain date (a year without a month) counts as its whole span:
"start 2026" has certainly begun only once 2026 is over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import FactDate, Pilot
from generator.render.text import dutch_fact_date

STATUSES = ("gepland", "lopend", "verlengd", "afgelopen", "structureel")


@dataclass(frozen=True)
class PilotStatus:
    """`code` is one of STATUSES, or None when the dates cannot decide; `reason` is Dutch."""

    code: str | None
    reason: str


def pilot_status(pilot: Pilot, today: dt.date) -> PilotStatus:
    if pilot.status == "structureel":
        return PilotStatus("structureel", "Volgens de bron is de aanpak structureel geworden.")
    final = pilot.extended_until or pilot.end
    if _over(final, today):
        return PilotStatus(
            "afgelopen",
            f"De pilot liep tot {dutch_fact_date(final, until=True)}; die datum is voorbij. "
            "Of de pilot daarna is doorgegaan, staat niet in de bron.",
        )
    if pilot.start and pilot.start.earliest() and pilot.start.earliest() > today:
        return PilotStatus("gepland", f"De pilot begint {_on(pilot.start)}.")
    # A pilot can only be extended once it runs.
    started = pilot.extended_until is not None or _reached(pilot.start, today)
    if started and final and final.year and _first_possible_end(final) >= today:
        until = dutch_fact_date(final, until=True)
        if pilot.extended_until and (pilot.end is None or _over(pilot.end, today)):
            return PilotStatus("verlengd", f"De pilot is verlengd tot {until}.")
        return PilotStatus("lopend", f"De pilot loopt tot {until}.")
    return PilotStatus(None, _why_unknown(pilot, final, started))


def _why_unknown(pilot: Pilot, final: FactDate | None, started: bool) -> str:
    start = pilot.start
    if start is None and final is None:
        return "De bron noemt geen start- en einddatum."
    if start and start.year is None:
        return "Het jaar van de start staat niet in de bron."
    if final and final.year is None:
        return "Het jaar van het einde staat niet in de bron."
    if start and not started:
        return f"De pilot begint {_on(start)}; of dat al is gebeurd, volgt niet uit die datum."
    if final:
        return f"De pilot eindigt {_on(final)}; of dat al is gebeurd, volgt niet uit die datum."
    return (f"De pilot is begonnen {_on(start)}. De bron noemt geen einddatum, dus of de pilot "
            "nu nog loopt, is niet te zeggen.")


def _on(fact: FactDate) -> str:
    """'op 1 juni 2026', 'in mei 2019', 'in 2021'."""
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
