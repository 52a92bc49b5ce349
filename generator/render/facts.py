"""A pilot's facts as short Dutch phrases: figures, counts, outcomes, roles and sources.

Each phrase says exactly what the data holds ("ongeveer 12 huisartsen", "meer dan 80% van
de huisartsenpraktijken") and nothing in between: no rounding, no unit the data lacks.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Count, FactDate, Figure, Organisation, Outcome, Pilot, Source
from generator.render.text import dutch_fact_date, dutch_number, join_dutch

QUALIFIERS = {"precies": "", "ongeveer": "ongeveer ", "meer_dan": "meer dan ",
              "minder_dan": "minder dan ", "minstens": "minstens "}
# What a count counts: (one, several).
COUNTED = {
    "praktijken": ("huisartsenpraktijk", "huisartsenpraktijken"),
    "huisartsen": ("huisarts", "huisartsen"),
    "pohs": ("POH", "POH's"),
    "organisaties": ("organisatie die POH's levert", "organisaties die POH's leveren"),
}
COUNT_HEADINGS = {"praktijken": "Huisartsenpraktijken", "huisartsen": "Huisartsen",
                  "pohs": "POH's", "organisaties": "Organisaties die POH's leveren"}
ROLES = {
    "opdrachtgever": "opdrachtgever",
    "financier": "betaalt",
    "werkgever": "werkgever van de POH",
    "aanbieder": "levert de POH",
    "partner": "partner",
}
MILESTONE_LABELS = {
    "ondertekend": "Overeenkomst ondertekend",
    "start": "Start van de pilot",
    "verlengd": "Verlengd",
    "evaluatie": "Evaluatie",
    "structureel": "Structureel: een vast onderdeel geworden",
    "einde": "Einde van de pilot",
    "overig": "",
}


def figure_text(figure: Figure) -> str:
    """'12', 'ongeveer 12', 'meer dan 80%'."""
    return QUALIFIERS[figure.qualifier] + dutch_number(figure.number) + \
        ("%" if figure.percent else "")


def count_text(count: Count) -> str:
    """'2 POH's Jeugd', 'ongeveer 12 huisartsen', 'meer dan 80% van de huisartsenpraktijken'."""
    one, several = COUNTED[count.of]
    if count.figure.percent:
        return f"{figure_text(count.figure)} van de {several}"
    noun = one if count.figure.number == 1 else several
    return f"{figure_text(count.figure)} {noun}"


def outcome_text(outcome: Outcome) -> str:
    """'ongeveer 150 jongeren geholpen', '85% van 120 afgesloten trajecten: zonder verwijzing'."""
    figure = figure_text(outcome.figure)
    if outcome.out_of:
        number, what = outcome.out_of
        return f"{figure} van {dutch_number(number)} {what}: {outcome.what}"
    return f"{figure} {outcome.what}"


def period_text(start: FactDate | None, end: FactDate | None) -> str:
    """'januari 2021 tot en met december 2021', 'tot eind 2021', 'vanaf 2020', or ''."""
    if start and end and start == end:
        return dutch_fact_date(start)
    if start and end:
        return f"{dutch_fact_date(start)} tot en met {dutch_fact_date(end)}"
    if end:
        return f"tot en met {dutch_fact_date(end)}"
    if start:
        return f"vanaf {dutch_fact_date(start)}"
    return ""


def roles_text(organisation: Organisation) -> str:
    """'betaalt, werkgever van de POH': the roles beyond partner, in a fixed order."""
    return ", ".join(label for role, label in ROLES.items()
                     if role in organisation.roles and role != "partner")


def names_with_role(pilot: Pilot, role: str) -> str:
    """'Gemeente Twenterand', or 'A en B' for several organisations; '' for none."""
    return join_dutch(organisation.name for organisation in pilot.with_role(role))


def source_label(source: Source) -> str:
    """The source's title, or how else it can be found."""
    if source.title:
        return f"“{source.title}”"
    if source.url:
        return source.url
    return f"archiefstuk {source.archive_id}"


def undated(sources: tuple[Source, ...]) -> bool:
    """True when no source says when it was published."""
    return not any(source.published for source in sources)


def latest_published(sources: tuple[Source, ...]) -> FactDate | None:
    dated = [source.published for source in sources if source.published]
    return max(dated, key=lambda fact: fact.latest() or dt.date.min, default=None)


def explanations(pilot: Pilot) -> list[tuple[str, str]]:
    """How facts were read from the sources: (the fact, the explanation), for "Bronnen".

    A date's note, and the note of a count that was read from the source's words, explain
    where the fact comes from; they stay out of the text a parent reads first.
    """
    found = []
    for milestone in pilot.milestones:
        label = MILESTONE_LABELS[milestone.type] or milestone.text or ""
        for fact, until in ((milestone.date, milestone.type == "einde"), (milestone.until, True)):
            if fact and (fact.note or fact.inferred):
                found.append((f"{label}: {dutch_fact_date(fact, until=until)}",
                              _explained(fact.note, fact.inferred)))
    for count in pilot.counts:
        if count.inferred:
            found.append((count_text(count), _explained(count.note, True)))
    return found


def _explained(note: str | None, inferred: bool) -> str:
    prefix = "Niet letterlijk gegeven, maar afgeleid. " if inferred else ""
    return prefix + (note or "")
