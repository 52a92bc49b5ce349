"""A pilot's one status on the build's date: computed where the milestones decide it, else the
source's own status, never a copied status called computed."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from generator.model import FactDate, Milestone, Pilot
from generator.render.pilot_status import STATUSES, pilot_status

TODAY = dt.date(2026, 11, 23)


def fact(text: str) -> FactDate:
    """'2021', '2019-05', '2019-06-17' or '--06-01', as in the data files."""
    if text.startswith("--"):
        month, day = (int(part) for part in text[2:].split("-"))
        return FactDate(None, month, day)
    parts = [int(part) for part in text.split("-")] + [None, None]
    return FactDate(parts[0], parts[1], parts[2])


def pilot(status: str = "lopend", *, start: str | None = None, end: str | None = None,
          extended_until: str | None = None, permanent: str | None = None) -> Pilot:
    """A pilot with the milestones start, einde, verlengd (until) and structureel."""
    milestones = []
    if start:
        milestones.append(Milestone("start", fact(start)))
    if end:
        milestones.append(Milestone("einde", fact(end)))
    if extended_until:
        milestones.append(Milestone("verlengd", until=fact(extended_until)))
    if permanent:
        milestones.append(Milestone("structureel", fact(permanent)))
    return Pilot(id="pilot", title="Pilot", status=status, sources=(),
                 milestones=tuple(milestones))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"start": "2027-01-01"}, "aangekondigd"),
        ({"start": "2026-11-24", "end": "2027-11-23"}, "aangekondigd"),
        ({"start": "2027"}, "aangekondigd"),
        ({"start": "2025-01-01", "end": "2027-01-01"}, "lopend"),
        ({"start": "2026-11-23", "end": "2026-11-23"}, "lopend"),  # starts and ends today
        ({"start": "2025", "end": "2026-11"}, "lopend"),  # "eind november" is not over yet
        ({"start": "2025-01-01", "end": "2026-11-22"}, "onbekend"),
        ({"end": "2026-10"}, "onbekend"),  # the period is over, even without a known start
        ({"start": "2019-05", "end": "2020-05", "extended_until": "2027"}, "verlengd"),
        ({"extended_until": "2027-06"}, "verlengd"),  # extended, original end not given
        ({"start": "2025", "end": "2027-01", "extended_until": "2028"}, "lopend"),
        ({"start": "2019", "end": "2020", "extended_until": "2022-12"}, "onbekend"),
        ({"start": "2019", "end": "2020", "permanent": "2021-01"}, "structureel"),
        ({"start": "2019", "permanent": "2026-11-23"}, "structureel"),  # from today on
        ({"start": "2025", "end": "2027", "permanent": "2026-12"}, "lopend"),  # not yet
    ],
)
def test_status_is_computed_where_the_milestones_decide(dates, expected):
    status = pilot_status(pilot(**dates), TODAY)
    assert (status.code, status.computed) == (expected, True)


def test_a_reached_structural_milestone_makes_the_pilot_structural():
    status = pilot_status(pilot("lopend", start="2019-05", end="2021", permanent="2022-01"),
                          TODAY)
    assert status == type(status)("structureel", "Structureel sinds januari 2022.", True)


@pytest.mark.parametrize("permanent", ["2026-12", "2027", "2026-11-24", "2026"])
def test_a_structural_milestone_in_the_future_does_not_count_yet(permanent):
    """Even the last day the date can mean must have come: "2026" may mean 31 December."""
    running = pilot("structureel", start="2025", end="2027-06", permanent=permanent)
    status = pilot_status(running, TODAY)
    assert (status.code, status.computed) == ("lopend", True)
    assert status.reason == "De pilot loopt tot eind juni 2027."
    assert pilot_status(running, dt.date(2028, 1, 1)).code == "structureel"


def test_a_future_structural_milestone_is_a_known_sequel_to_an_ended_period():
    """Not 'onbekend': what comes after the period is known, only not yet reached."""
    status = pilot_status(pilot("lopend", start="2020", end="2025-12", permanent="2027"), TODAY)
    assert (status.code, status.computed) == ("lopend", False)


@pytest.mark.parametrize("dates", [{}, {"start": "2025", "end": "2027"}, {"end": "2022"}])
def test_the_source_saying_it_ended_counts(dates):
    status = pilot_status(pilot("afgelopen", **dates), TODAY)
    assert status == type(status)("afgelopen", "Volgens de bron is de pilot afgelopen.", False)


def test_a_reached_structural_milestone_comes_before_the_source_saying_it_ended():
    status = pilot_status(pilot("afgelopen", start="2019", end="2020", permanent="2021"), TODAY)
    assert (status.code, status.computed) == ("structureel", True)


@pytest.mark.parametrize(
    ("dates", "until"),
    [
        ({"start": "2020", "end": "2022-12"}, "eind december 2022"),
        ({"start": "2020", "end": "2022-06-30"}, "30 juni 2022"),
        ({"end": "2025"}, "2025"),
        ({"start": "2019", "end": "2020", "extended_until": "2024-03"}, "eind maart 2024"),
    ],
)
def test_a_passed_end_without_a_known_sequel_is_unknown(dates, until):
    for source_status in ("lopend", "verlengd", "onbekend"):
        status = pilot_status(pilot(source_status, **dates), TODAY)
        assert (status.code, status.computed) == ("onbekend", True)
        assert status.reason == (f"De pilot liep tot {until}. Of hij daarna is doorgegaan, "
                                 "weten we niet.")


def test_a_start_in_the_future_is_announced():
    status = pilot_status(pilot("lopend", start="2027-03-01", end="2028"), TODAY)
    assert status == type(status)("aangekondigd", "De pilot begint op 1 maart 2027.", True)
    assert pilot_status(pilot(start="2027-03"), TODAY).reason == "De pilot begint in maart 2027."


def test_a_pilot_within_its_period_runs():
    status = pilot_status(pilot("aangekondigd", start="2025-09", end="2027-08"), TODAY)
    assert status == type(status)("lopend", "De pilot loopt tot eind augustus 2027.", True)


def test_an_extended_pilot_past_its_first_end_is_extended():
    status = pilot_status(pilot("lopend", start="2019-05", end="2021-05",
                                extended_until="2027-06"), TODAY)
    assert status == type(status)("verlengd", "De pilot is verlengd tot eind juni 2027.", True)


@pytest.mark.parametrize(
    ("status", "dates", "reason"),
    [
        ("lopend", {}, "Een begin- en einddatum weten we niet."),
        ("aangekondigd", {"start": "--06-01"},
         "De pilot begint op 1 juni. In welk jaar, weten we niet."),
        ("lopend", {"start": "2025-01-01", "end": "--06-01"},
         "De pilot eindigt op 1 juni. In welk jaar, weten we niet."),
        ("structureel", {"permanent": "--01-01"}, "Een begin- en einddatum weten we niet."),
        ("lopend", {"start": "2019-05"},
         "De pilot is begonnen in mei 2019. Een einddatum weten we niet."),
        # "2026" may still mean December: whether it began is not known.
        ("aangekondigd", {"start": "2026"},
         "De pilot begint in 2026. Of hij al begonnen is, weten we niet."),
        ("aangekondigd", {"start": "2026-11", "end": "2027"},
         "De pilot begint in november 2026. Of hij al begonnen is, weten we niet."),
        ("lopend", {"start": "2020", "end": "2026"},  # may mean 31 December
         "De pilot eindigt in 2026. Of hij al voorbij is, weten we niet."),
    ],
)
def test_the_source_status_counts_where_the_dates_do_not_decide(status, dates, reason):
    result = pilot_status(pilot(status, **dates), TODAY)
    assert (result.code, result.computed) == (status, False)
    assert result.reason == reason


def test_an_extension_without_the_year_of_the_start_still_decides():
    """An extension to a known year shows the pilot ran, whatever the start's year."""
    result = pilot_status(pilot("lopend", start="--11-19", extended_until="2027-01"), TODAY)
    assert (result.code, result.computed) == ("verlengd", True)


def test_a_source_that_does_not_know_says_so():
    for dates in ({}, {"start": "2019-05"}, {"start": "--06-01"}):
        status = pilot_status(pilot("onbekend", **dates), TODAY)
        assert status == type(status)("onbekend", "Of de pilot nog loopt, weten we niet.",
                                      False)


def test_dates_decide_even_when_the_source_does_not_know():
    status = pilot_status(pilot("onbekend", start="2025", end="2027-12"), TODAY)
    assert (status.code, status.computed) == ("lopend", True)


def test_the_status_is_one_of_six_and_never_a_copy_called_computed():
    dates = [None, "2019", "2026-11", "2026-11-23", "2027-06", "--06-01"]
    for status, start, end, extended, permanent in itertools.product(
            STATUSES, dates, dates, [None, "2022-12", "2027"], [None, "2021", "2027"]):
        result = pilot_status(pilot(status, start=start, end=end, extended_until=extended,
                                    permanent=permanent), TODAY)
        assert result.code in STATUSES
        assert result.reason.endswith(".")
        if not result.computed:
            assert result.code == status


def test_the_day_after_the_end_of_a_month():
    ends = pilot(start="2020", end="2022-12")
    assert pilot_status(ends, dt.date(2022, 12, 31)).code == "lopend"
    assert pilot_status(ends, dt.date(2023, 1, 1)).code == "onbekend"


def test_leap_day_end():
    ends = pilot(start="2020", end="2024-02")
    assert pilot_status(ends, dt.date(2024, 2, 29)).code == "lopend"
    assert pilot_status(ends, dt.date(2024, 3, 1)).code == "onbekend"


def test_every_status_has_a_dutch_label():
    from generator.render.pages import STATUS_LABELS

    assert set(STATUSES) <= STATUS_LABELS.keys()
