"""The data as plain, frozen dataclasses: the contract between validation and rendering.

Nothing here knows about YAML, Markdown, HTML or MkDocs. There is deliberately no field for
anything about a child or a patient, and a POH's name only exists here with consent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Amsterdam")  # every time in the data is local Dutch time
# A practice's hours older than this are shown with a notice and give a warning at build time.
VERIFIED_FRESH_FOR = dt.timedelta(days=180)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass(frozen=True)
class FactDate:
    """A date as a source gives it: the year, the day or both may be unknown."""

    year: int | None
    month: int | None
    day: int | None
    inferred: bool = False
    note: str | None = None

    def earliest(self) -> dt.date | None:
        """First day the fact can mean, or None when the year is unknown."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date | None:
        """Last day the fact can mean ("eind december 2022" is 31 December)."""
        if self.year is None:
            return None
        if self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        following = dt.date(self.year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class Source:
    """An article, report or page; at least one of title, url and archive_id is known."""

    id: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    section: str | None = None
    published: FactDate | None = None
    url: str | None = None
    archive_id: str | None = None


@dataclass(frozen=True)
class Milestone:
    """A dated moment of a pilot. `until` is the new end of an extension ("verlengd")."""

    type: str  # ondertekend, start, verlengd, evaluatie, structureel, einde or overig
    date: FactDate | None = None
    until: FactDate | None = None
    text: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    roles: tuple[str, ...] = ()  # partner, opdrachtgever, financier, werkgever, aanbieder
    url: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Figure:
    """A number as a source gives it: "ongeveer 12", "meer dan 80%"."""

    number: float
    qualifier: str = "precies"  # precies, ongeveer, meer_dan, minder_dan or minstens
    percent: bool = False


@dataclass(frozen=True)
class Count:
    """How many practices, GPs, POHs or organisations take part, on a date if known."""

    of: str  # praktijken, huisartsen, pohs or organisaties
    figure: Figure
    date: FactDate | None = None
    inferred: bool = False  # read from the source's words, not given as a number
    note: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Outcome:
    """A result in figures: what it counts, out of what, over which period, and who says so."""

    figure: Figure
    what: str
    source: Source
    out_of: tuple[float, str] | None = None  # (number, what): "120 afgesloten trajecten"
    period_from: FactDate | None = None
    period_until: FactDate | None = None


@dataclass(frozen=True)
class Contact:
    """Where parents can ask about the POH Jeugd: the CJG, the municipality's youth team."""

    name: str
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Result:
    """A result as a source reports it; a quote names a role and organisation, not a person."""

    text: str
    quote: bool = False
    attribution: str | None = None


@dataclass(frozen=True)
class Pilot:
    """A pilot or arrangement; a joint one runs in several municipalities."""

    id: str
    title: str
    status: str  # as the source says it: aangekondigd, lopend, ..., or onbekend
    sources: tuple[Source, ...]
    municipality_ids: tuple[str, ...] = ()
    status_note: str | None = None
    goal: str | None = None
    milestones: tuple[Milestone, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    counts: tuple[Count, ...] = ()
    poh_hours_each: float | None = None  # hours per week of each POH
    poh_note: str | None = None
    age_range: str | None = None
    access_routes: tuple[str, ...] = ()
    access_note: str | None = None
    contact: Contact | None = None
    cost: str | None = None
    practices_note: str | None = None
    outcomes: tuple[Outcome, ...] = ()
    results: tuple[Result, ...] = ()

    def _first(self, type_: str) -> FactDate | None:
        return next((m.date for m in self.milestones if m.type == type_ and m.date), None)

    @property
    def start(self) -> FactDate | None:
        return self._first("start")

    @property
    def end(self) -> FactDate | None:
        """The end of the pilot period as first agreed."""
        return self._first("einde")

    @property
    def extended_until(self) -> FactDate | None:
        """The end of the latest extension."""
        ends = [m.until for m in self.milestones if m.type == "verlengd" and m.until]
        return max(ends, key=lambda fact: fact.latest() or dt.date.min, default=None)

    @property
    def permanent_since(self) -> FactDate | None:
        """When the pilot became a permanent part of the municipality's care."""
        return self._first("structureel")

    def count(self, of: str) -> Count | None:
        """The latest count of practices, GPs, POHs or organisations (undated ones first)."""
        found = [c for c in self.counts if c.of == of]
        return max(found, key=_count_date, default=None)

    def with_role(self, role: str) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if role in o.roles)

    @property
    def poh_hours_per_week(self) -> float | None:
        """Hours of all POHs together, only from an exact count."""
        pohs = self.count("pohs")
        if pohs is None or self.poh_hours_each is None or pohs.figure.percent \
                or pohs.figure.qualifier != "precies":
            return None
        return pohs.figure.number * self.poh_hours_each


def _count_date(count: Count) -> dt.date:
    return (count.date.earliest() if count.date else None) or dt.date.min


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    cbs_code: str
    province: str
    pilot: Pilot
    former_slugs: tuple[str, ...] = ()  # old page addresses that redirect here
    places: tuple[str, ...] = ()  # its woonplaatsen, as far as a source names them


@dataclass(frozen=True)
class Poh:
    role: str
    name: str | None = None  # only filled when the person consented to publication


@dataclass(frozen=True)
class Availability:
    """A weekly slot in which the POH is at the practice (Europe/Amsterdam local time)."""

    weekday: int  # 0 is Monday, as in datetime
    start: dt.time
    end: dt.time
    note: str | None = None

    @property
    def day_name(self) -> str:
        return WEEKDAYS[self.weekday]


@dataclass(frozen=True)
class Absence:
    """Days (both included) on which the POH is not at the practice, such as a holiday."""

    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    municipality: Municipality
    poh: Poh
    sources: tuple[Source, ...]
    place: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    availability: tuple[Availability, ...] = ()
    availability_note: str | None = None
    absences: tuple[Absence, ...] = ()
    appointment: str | None = None
    verified_on: dt.date | None = None
    former_slugs: tuple[str, ...] = ()  # old page addresses that redirect here

    def needs_checking(self, today: dt.date) -> bool:
        """True when nobody confirmed the hours with the practice recently enough."""
        return self.verified_on is not None and today - self.verified_on > VERIFIED_FRESH_FOR


@dataclass(frozen=True)
class ThemeLink:
    title: str
    url: str
    publisher: str | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    summary: str
    links: tuple[ThemeLink, ...]


@dataclass(frozen=True)
class Signup:
    url: str | None = None
    phone: str | None = None
    email: str | None = None
    walk_in: bool = False


@dataclass(frozen=True)
class Location:
    place: str
    name: str | None = None
    address: str | None = None
    postcode: str | None = None


@dataclass(frozen=True)
class ThemeSession:
    """A theme session held by practices or by a municipality, in Amsterdam local time."""

    id: str
    theme: Theme
    municipalities: tuple[Municipality, ...]  # the host, or where the host practices are
    practices: tuple[Practice, ...]
    date: dt.date
    start: dt.time
    end: dt.time
    description: str
    status: str  # gepland, vol, geannuleerd or verplaatst
    location: Location | None = None
    online_url: str | None = None
    audience: tuple[str, ...] = ()
    age_range: tuple[int, int] | None = None
    signup: Signup | None = None
    moved_to: str | None = None  # id of the session on the new date
    led_by: str | None = None

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start, tzinfo=TIMEZONE)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end, tzinfo=TIMEZONE)

    def is_over(self, today: dt.date) -> bool:
        """Before the build's today: the archive's, not the agenda's (by day, not by hour)."""
        return self.date < today

    @property
    def is_cancelled(self) -> bool:
        """Cancelled or moved: it will not take place at this date and time."""
        return self.status in ("geannuleerd", "verplaatst")


@dataclass(frozen=True)
class Dataset:
    """Everything the site is made from, sorted for stable output."""

    municipalities: tuple[Municipality, ...]
    practices: tuple[Practice, ...]
    themes: tuple[Theme, ...]
    sessions: tuple[ThemeSession, ...]
    sources: tuple[Source, ...]

    def municipalities_of(self, pilot: Pilot) -> tuple[Municipality, ...]:
        """The municipalities of a pilot, a joint arrangement has more than one."""
        return self._municipalities_by_pilot.get(pilot.id, ())

    def practices_in(self, municipality: Municipality) -> tuple[Practice, ...]:
        return self._practices_by_municipality.get(municipality.id, ())

    def sessions_at(self, practice: Practice) -> tuple[ThemeSession, ...]:
        return self._sessions_by_practice.get(practice.id, ())

    def sessions_on(self, theme: Theme) -> tuple[ThemeSession, ...]:
        return self._sessions_by_theme.get(theme.id, ())

    def sessions_in(self, municipality: Municipality) -> tuple[ThemeSession, ...]:
        return self._sessions_by_municipality.get(municipality.id, ())

    def session(self, session_id: str) -> ThemeSession | None:
        return self._sessions_by_id.get(session_id)

    def sessions_moved_to(self, session: ThemeSession) -> tuple[ThemeSession, ...]:
        """The sessions whose new date is this session (moved_to names it)."""
        return self._sessions_by_new_session.get(session.id, ())

    @cached_property
    def _sessions_by_new_session(self) -> dict[str, tuple[ThemeSession, ...]]:
        return _group((s.moved_to, s) for s in self.sessions if s.moved_to)

    @cached_property
    def _sessions_by_id(self) -> dict[str, ThemeSession]:
        return {s.id: s for s in self.sessions}

    # Indexes, so that pages for thousands of practices do not scan every session each.
    @cached_property
    def _municipalities_by_pilot(self) -> dict[str, tuple[Municipality, ...]]:
        return _group((m.pilot.id, m) for m in self.municipalities)

    @cached_property
    def _practices_by_municipality(self) -> dict[str, tuple[Practice, ...]]:
        return _group((p.municipality.id, p) for p in self.practices)

    @cached_property
    def _sessions_by_practice(self) -> dict[str, tuple[ThemeSession, ...]]:
        return _group((p.id, s) for s in self.sessions for p in s.practices)

    @cached_property
    def _sessions_by_municipality(self) -> dict[str, tuple[ThemeSession, ...]]:
        return _group((m.id, s) for s in self.sessions for m in s.municipalities)

    @cached_property
    def _sessions_by_theme(self) -> dict[str, tuple[ThemeSession, ...]]:
        return _group((s.theme.id, s) for s in self.sessions)


def _group(pairs) -> dict:
    groups: dict = defaultdict(list)
    for key, item in pairs:
        groups[key].append(item)
    return {key: tuple(items) for key, items in groups.items()}
