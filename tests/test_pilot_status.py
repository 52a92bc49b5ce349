"""Pilot status from dates and the build's today: computed only where the dates decide it."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import FactDate, Pilot
from generator.render.pilot_status import pilot_status

TODAY = dt.date(2026, 11, 23)


def fact(text: str) -> FactDate:
    """'2021', '2019-05', '2019-06-17' or '--06-01', as in the data files."""
    if text.startswith("--"):
        month, day = (int(part) for part in text[2:].split("-"))
        return FactDate(None, month, day)
    parts = [int(part) for part in text.split("-")] + [None, None]
    return FactDate(parts[0], parts[1], parts[2])


def pilot(status: str = "lopend", **dates: str) -> Pilot:
    return Pilot(title="Pilot", status=status, sources=(),
                 **{name: fact(value) for name, value in dates.items()})


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"start": "2027-01-01"}, "gepland"),
        ({"start": "2026-11-24", "end": "2027-11-23"}, "gepland"),
        ({"start": "2027"}, "gepland"),
        ({"start": "2025-01-01", "end": "2027-01-01"}, "lopend"),
        ({"start": "2026-11-23", "end": "2026-11-23"}, "lopend"),  # starts and ends today
        ({"start": "2025", "end": "2026-11"}, "lopend"),  # "eind november" is not over yet
        ({"start": "2025-01-01", "end": "2026-11-22"}, "afgelopen"),
        ({"end": "2026-10"}, "afgelopen"),  # ended, even though the start is unknown
        ({"start": "2019-05", "end": "2020-05", "extended_until": "2027"}, "verlengd"),
        ({"extended_until": "2027-06"}, "verlengd"),  # extended, original end not given
        ({"start": "2025", "end": "2027-01", "extended_until": "2028"}, "lopend"),
        ({"start": "2019", "end": "2020", "extended_until": "2022-12"}, "afgelopen"),
    ],
)
def test_status_is_computed_where_the_dates_decide(dates, expected):
    assert pilot_status(pilot(**dates), TODAY).code == expected


@pytest.mark.parametrize(
    ("dates", "reason"),
    [
        ({}, "geen start- en einddatum"),
        ({"start": "--06-01"}, "Het jaar van de start staat niet in de bron"),
        ({"start": "2025-01-01", "end": "--06-01"}, "Het jaar van het einde"),
        ({"start": "2019-05"}, "geen einddatum"),
        ({"start": "2026"}, "of dat al is gebeurd"),  # 2026 may still mean December
        ({"start": "2026-11", "end": "2027"}, "of dat al is gebeurd"),
        ({"start": "2020", "end": "2026"}, "eindigt in 2026"),  # may mean 31 December
    ],
)
def test_status_is_not_guessed_where_the_dates_do_not_decide(dates, reason):
    status = pilot_status(pilot(**dates), TODAY)
    assert status.code is None
    assert reason in status.reason


def test_structural_comes_from_the_source():
    assert pilot_status(pilot("structureel", start="2019"), TODAY).code == "structureel"


def test_an_ended_pilot_says_what_the_source_does_not_know():
    status = pilot_status(pilot("verlengd", extended_until="2022-12"), TODAY)
    assert status.code == "afgelopen"
    assert status.reason.startswith("De pilot liep tot eind december 2022")
    assert "staat niet in de bron" in status.reason


def test_the_day_after_the_end_of_a_month():
    ends = pilot(start="2020", end="2022-12")
    assert pilot_status(ends, dt.date(2022, 12, 31)).code == "lopend"
    assert pilot_status(ends, dt.date(2023, 1, 1)).code == "afgelopen"


def test_leap_day_end():
    ends = pilot(start="2020", end="2024-02")
    assert pilot_status(ends, dt.date(2024, 2, 29)).code == "lopend"
    assert pilot_status(ends, dt.date(2024, 3, 1)).code == "afgelopen"


def test_every_status_has_a_dutch_label():
    from generator.render.pages import STATUS_LABELS
    from generator.render.pilot_status import STATUSES

    assert set(STATUSES) <= STATUS_LABELS.keys()
