"""From schema-valid documents to the model, checking what a schema cannot see.

The cross-checks: ids are unique, references point at something that exists, dates exist
on the calendar, and end comes after start. Every finding keeps its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from generator.load import Document, JsonPath
from generator.model import (
    VERIFIED_FRESH_FOR,
    WEEKDAYS,
    Absence,
    Availability,
    Contact,
    Count,
    Dataset,
    FactDate,
    Figure,
    Location,
    Milestone,
    Municipality,
    Organisation,
    Outcome,
    Pilot,
    Poh,
    Practice,
    Result,
    Signup,
    Source,
    Theme,
    ThemeLink,
    ThemeSession,
)
from generator.problems import Problem


class _Checker:
    """Collects problems for one document while its values are converted."""

    def __init__(self, document: Document, invalid: set[JsonPath], today: dt.date,
                 problems: list[Problem]):
        self.document = document
        self.invalid = invalid  # items the schema already rejected: reported, not converted
        self.today = today  # the build's date, for warnings about outdated data
        self.problems = problems

    def entries(self, name: str) -> Iterable[tuple[JsonPath, dict]]:
        """The schema-valid items of a top-level list, with their paths."""
        items = self.document.data[name]
        valid = [((name, i), raw) for i, raw in enumerate(items) if (name, i) not in self.invalid]
        self.unique(valid)
        return valid

    def table(self, name: str) -> dict[str, Any]:
        """Ids of rejected items, mapped to None: references to them are not 'unknown'."""
        items = self.document.data[name]
        return {
            raw["id"]: None
            for i, raw in enumerate(items)
            if (name, i) in self.invalid and isinstance(raw, dict)
            and isinstance(raw.get("id"), str)
        }

    def error(self, path: JsonPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.document.position(path), message, hint))

    def warn(self, path: JsonPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.document.position(path), message, hint, True))

    def unique(self, entries: list[tuple[JsonPath, dict]], field: str = "id") -> None:
        first: dict[str, JsonPath] = {}
        for path, item in entries:
            value = item[field]
            if value in first:
                line = self.document.position(first[value] + (field,)).line
                self.error(path + (field,),
                           f"De {field} '{value}' komt al voor (op regel {line}).",
                           "Elke waarde mag maar één keer voorkomen; kies een andere.")
            else:
                first[value] = path

    def lookup(self, table: dict[str, Any], key: str, path: JsonPath, unknown: str) -> Any:
        """The item `key` refers to; `unknown` starts the message ("Onbekend thema")."""
        if key not in table:
            known = ", ".join(sorted(table)[:12])
            self.error(path, f"{unknown} '{key}'.", f"Bekend zijn: {known}.")
        return table.get(key)

    def date(self, text: str, path: JsonPath) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error(path, f"De datum '{text}' bestaat niet.",
                       "Controleer dag en maand (jaar-maand-dag, bijvoorbeeld \"2026-02-28\").")
            return None

    def url(self, text: str | None, path: JsonPath) -> str | None:
        if text is None:
            return None
        parts = urlsplit(text)
        if parts.scheme in ("http", "https") and not parts.netloc:
            self.error(path, f"Het webadres '{text}' heeft geen domeinnaam.",
                       "Schrijf het volledige adres, zoals https://www.voorbeeld.nl/.")
        return text


Checked = tuple[Document, set[JsonPath]]


def build_dataset(municipalities: Checked, practices: Checked, themes: Checked,
                  sessions: Checked, today: dt.date, problems: list[Problem]) -> Dataset:
    """Convert the schema-valid parts of the documents.

    Each document comes with the item paths its schema check rejected; those items are
    skipped here (their problems are already reported). Cross-check findings are appended
    to `problems`, so one run reports everything that can be found. `sessions` is the
    folder of session files seen as one document (load.Collection) with a list `sessions`
    whose items carry their id, the file's name.
    """
    m_check, p_check, t_check, s_check = (
        _Checker(doc, invalid, today, problems)
        for doc, invalid in (municipalities, practices, themes, sessions))
    sources = _sources(m_check)
    towns = _municipalities(m_check, _pilots(m_check, sources))
    offices = _practices(p_check, towns, sources)
    topics = _themes(t_check)
    sessions_found = _sessions(s_check, topics, offices, towns)
    return Dataset(
        municipalities=_present(towns, key=lambda m: m.name),
        # By place; a practice whose place no source gives comes after the others.
        practices=_present(offices, key=lambda p: (p.place is None, p.place or "", p.name,
                                                   p.id)),
        themes=_present(topics),
        sessions=tuple(sorted(sessions_found, key=lambda s: (s.date, s.start, s.id))),
        sources=_present(sources),
    )


def _present(table: dict[str, Any], key=None) -> tuple:
    items = [item for item in table.values() if item is not None]
    return tuple(sorted(items, key=key) if key else items)


def _fact_date(raw: dict | None, path: JsonPath, check: _Checker) -> FactDate | None:
    if raw is None:
        return None
    text = raw["date"]
    year = None if text.startswith("--") else int(text[:4])
    parts = [int(part) for part in text.lstrip("-").split("-")[(0 if year is None else 1):]]
    month, day = (parts + [None, None])[:2]
    fact = FactDate(year, month, day, raw.get("inferred", False), raw.get("note"))
    if not _fact_exists(fact):
        check.error(path + ("date",), f"De datum '{text}' bestaat niet.",
                    "Controleer dag en maand.")
        return None  # later checks compute with dates; an impossible one would crash them
    return fact


def _fact_exists(fact: FactDate) -> bool:
    if fact.month is not None and not 1 <= fact.month <= 12:
        return False
    try:
        dt.date(fact.year or 2000, fact.month or 1, fact.day or 1)  # 2000 has a 29 February
        fact.earliest()
        fact.latest()
    except (ValueError, OverflowError):  # a day past the month's end, year 0, or beyond 9998
        return False
    return True


def _sources(check: _Checker) -> dict[str, Source | None]:
    result = check.table("sources")
    for path, raw in check.entries("sources"):
        if not any(raw.get(field) for field in ("title", "url", "archive_id")):
            check.error(path, f"De bron '{raw['id']}' is niet terug te vinden.",
                        "Vul 'title', 'url' of 'archive_id' in (liefst de titel én het "
                        "webadres).")
        result[raw["id"]] = Source(
            id=raw["id"], title=raw.get("title"), publisher=raw.get("publisher"),
            author=raw.get("author"), section=raw.get("section"),
            published=_fact_date(raw.get("published"), path + ("published",), check),
            url=check.url(raw.get("url"), path + ("url",)), archive_id=raw.get("archive_id"),
        )
    return result


def _source_list(ids: list[str], sources: dict[str, Source], path: JsonPath,
                 check: _Checker) -> tuple[Source, ...]:
    found = (check.lookup(sources, key, path + (i,), "Onbekende bron") for i, key in enumerate(ids))
    return tuple(source for source in found if source)


def _municipalities(check: _Checker,
                    pilots: dict[str, Pilot | None]) -> dict[str, Municipality | None]:
    """Each municipality with the pilot that lists it; a municipality needs exactly one."""
    result = check.table("municipalities")
    entries = check.entries("municipalities")
    check.unique(entries, "cbs_code")
    _check_addresses(check, entries, "gemeente")
    pilot_of, named_at = _pilot_of_municipality(check, pilots)
    _check_places(check, entries)
    for path, raw in entries:
        pilot = pilot_of.get(raw["id"], False)
        if pilot is False:
            check.error(path + ("id",), f"Geen pilot noemt de gemeente '{raw['id']}'.",
                        f"Zet '{raw['id']}' bij 'municipalities' van de pilot, of haal de "
                        "gemeente weg.")
        result[raw["id"]] = Municipality(
            id=raw["id"], name=raw["name"], cbs_code=raw["cbs_code"],
            province=raw["province"], pilot=pilot,
            former_slugs=tuple(raw.get("former_slugs", [])), places=tuple(raw.get("places", [])),
        ) if pilot else None
    for key, at in named_at.items():
        check.lookup(result, key, at, "Onbekende gemeente")
    return result


def _check_places(check: _Checker, entries: list[tuple[JsonPath, dict]]) -> None:
    """A woonplaats lies in one municipality, so that the finder can name it."""
    first: dict[str, tuple[JsonPath, str]] = {}
    for path, raw in entries:
        for index, place in enumerate(raw.get("places", [])):
            at = path + ("places", index)
            key = place.casefold()
            if key in first and first[key][1] != raw["id"]:
                line = check.document.position(first[key][0]).line
                check.error(at, f"De plaats '{place}' staat al bij een andere gemeente "
                            f"(regel {line}).", "Een woonplaats ligt in één gemeente; haal hem "
                            "weg bij de gemeente waar hij niet ligt.")
            first.setdefault(key, (at, raw["id"]))


def _pilot_of_municipality(
    check: _Checker, pilots: dict[str, Pilot | None]
) -> tuple[dict[str, Pilot | None], dict[str, JsonPath]]:
    """Municipality id -> its pilot (None when that pilot was rejected), and where the
    pilot names it. A municipality belongs to one pilot."""
    pilot_of: dict[str, Pilot | None] = {}
    first: dict[str, JsonPath] = {}
    for i, raw in enumerate(check.document.data["pilots"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("municipalities"), list):
            continue
        for j, key in enumerate(raw["municipalities"]):
            if not isinstance(key, str):
                continue
            at = ("pilots", i, "municipalities", j)
            if key in first:
                line = check.document.position(first[key]).line
                check.error(at, f"De gemeente '{key}' hoort al bij een andere pilot (regel "
                            f"{line}).", "Een gemeente hoort bij één pilot. Is het één "
                            "regeling? Zet dan alle gemeenten bij die ene pilot.")
                continue
            first[key] = at
            pilot_of[key] = pilots.get(raw.get("id"))
    return pilot_of, first


def _check_addresses(check: _Checker, entries: list[tuple[JsonPath, dict]], what: str) -> None:
    """Every web address in a folder leads to one page: an id, a CBS code or a former slug.

    A former slug that is also a live address would have to be a page and a redirect at once.
    Ids are checked for uniqueness elsewhere, so they are claimed first without a message.
    """
    claims: dict[str, tuple[JsonPath, str]] = {
        raw["id"]: (path + ("id",), f"de id van een {what}") for path, raw in entries
    }
    codes = [(path + ("cbs_code",), raw["cbs_code"].lower(), raw["id"],
              "de CBS-code van een gemeente") for path, raw in entries if "cbs_code" in raw]
    former = [(path + ("former_slugs", i), slug, None, f"een oud adres van een {what}")
              for path, raw in entries for i, slug in enumerate(raw.get("former_slugs", []))]
    for at, slug, own_id, kind in codes + former:
        if slug == own_id:
            continue  # a page whose id is its own CBS code needs no redirect
        if slug in claims:
            first, first_kind = claims[slug]
            if first_kind == kind == "de CBS-code van een gemeente":
                continue  # a duplicate code: `unique` reports it
            line = check.document.position(first).line
            check.error(at, f"Het adres '{slug}' is al {first_kind} (regel {line}).",
                        "Elk webadres leidt naar één pagina. Haal het dubbele adres weg uit "
                        "'former_slugs', of kies een andere id.")
        else:
            claims[slug] = (at, kind)


def _pilots(check: _Checker, sources: dict[str, Source | None]) -> dict[str, Pilot | None]:
    result = check.table("pilots")
    for path, raw in check.entries("pilots"):
        result[raw["id"]] = _pilot(raw, sources, path, check)
    return result


def _pilot(raw: dict, sources: dict[str, Source | None], path: JsonPath,
           check: _Checker) -> Pilot:
    own = _source_list(raw["sources"], sources, path + ("sources",), check)
    cited = _Citations(own, raw["sources"], check)
    milestones = tuple(_milestones(raw.get("milestones", []), path + ("milestones",), cited,
                                   check))
    poh = raw.get("poh", {})
    pilot = Pilot(
        id=raw["id"], title=raw["title"], status=raw["status"], sources=own,
        municipality_ids=tuple(raw["municipalities"]),
        status_note=raw.get("status_note"), goal=raw.get("goal"), milestones=milestones,
        organisations=tuple(
            Organisation(o["name"], tuple(o.get("roles", [])),
                         check.url(o.get("url"), path + ("organisations", i, "url")),
                         cited(o, path + ("organisations", i)))
            for i, o in enumerate(raw.get("organisations", []))
        ),
        counts=tuple(
            Count(c["of"], _figure(c), _fact_date(c.get("date"), at + ("date",), check),
                  c.get("inferred", False), c.get("note"), cited(c, at))
            for at, c in _indexed(raw, "counts", path)
        ),
        poh_hours_each=poh.get("hours_per_week_each"), poh_note=poh.get("note"),
        age_range=raw.get("age_range"), access_routes=tuple(raw.get("access_routes", [])),
        access_note=raw.get("access_note"),
        contact=_contact(raw.get("contact"), path + ("contact",), check),
        cost=raw.get("cost"), practices_note=raw.get("practices_note"),
        outcomes=tuple(_outcomes(raw, path, cited, check)),
        results=tuple(Result(r["text"], r.get("quote", False), r.get("attribution"))
                      for r in raw.get("results", [])),
    )
    _check_period(pilot, raw, path, check)
    return pilot


def _contact(raw: dict | None, path: JsonPath, check: _Checker) -> Contact | None:
    if raw is None:
        return None
    if not any(raw.get(field) for field in ("phone", "email", "url")):
        check.error(path, f"Bij '{raw['name']}' staat niet hoe ouders contact opnemen.",
                    "Vul 'phone', 'email' of 'url' in.")
    return Contact(raw["name"], raw.get("phone"), raw.get("email"),
                   check.url(raw.get("url"), path + ("url",)), raw.get("hours"))


def _indexed(raw: dict, name: str, path: JsonPath) -> Iterable[tuple[JsonPath, dict]]:
    return ((path + (name, i), item) for i, item in enumerate(raw.get(name, [])))


class _Citations:
    """Resolves an item's `source`: it must be one of the pilot's own sources."""

    def __init__(self, own: tuple[Source, ...], ids: list[str], check: _Checker):
        self.own = {source.id: source for source in own}
        self.ids = ids
        self.check = check

    def __call__(self, raw: dict, path: JsonPath) -> Source | None:
        key = raw.get("source")
        if key is None:
            return None
        if key not in self.ids:
            self.check.error(path + ("source",), f"De bron '{key}' staat niet bij de bronnen "
                             "van deze pilot.",
                             (f"Kies een van: {', '.join(self.own)}, of zet" if self.own
                              else "Zet") + " de bron ook bij 'sources' van de pilot.")
        return self.own.get(key)


def _milestones(items: list[dict], path: JsonPath, cited: _Citations,
                check: _Checker) -> Iterable[Milestone]:
    for index, raw in enumerate(items):
        at = path + (index,)
        kind = raw["type"]
        date = _fact_date(raw.get("date"), at + ("date",), check)
        until = _fact_date(raw.get("until"), at + ("until",), check)
        if "date" not in raw and not (kind == "verlengd" and "until" in raw):
            check.error(at, "Bij dit moment staat geen datum.",
                        "Vul 'date' in. Alleen bij 'verlengd' mag de datum ontbreken als "
                        "'until' (verlengd tot) er wel staat.")
        if "until" in raw and kind != "verlengd":
            check.error(at + ("until",), "'until' hoort alleen bij een verlenging.",
                        "Zet 'type: verlengd', of haal 'until' weg.")
        if kind == "overig" and "text" not in raw:
            check.error(at, "Bij een moment van het type 'overig' staat niet wat er gebeurde.",
                        "Vul 'text' in, in de woorden van de bron.")
        yield Milestone(kind, date, until, raw.get("text"), cited(raw, at))


def _figure(raw: dict) -> Figure:
    return Figure(raw["number"], raw.get("qualifier", "precies"), raw.get("percent", False))


def _outcomes(raw: dict, path: JsonPath, cited: _Citations,
              check: _Checker) -> Iterable[Outcome]:
    for at, item in _indexed(raw, "outcomes", path):
        source = cited(item, at)
        period = item.get("period", {})
        out_of = item.get("out_of")
        if source:
            yield Outcome(
                _figure(item), item["what"], source,
                (out_of["number"], out_of["what"]) if out_of else None,
                _fact_date(period.get("from"), at + ("period", "from"), check),
                _fact_date(period.get("until"), at + ("period", "until"), check),
            )


def _check_period(pilot: Pilot, raw: dict, path: JsonPath, check: _Checker) -> None:
    """Ends after the start, and a warning when a running pilot's end has passed."""
    start = pilot.start.earliest() if pilot.start else None
    for index, milestone in enumerate(pilot.milestones):
        for name, fact in (("date", milestone.date), ("until", milestone.until)):
            ending = milestone.type == "einde" or name == "until"
            if ending and start and fact and fact.latest() and fact.latest() < start:
                check.error(path + ("milestones", index, name),
                            "Deze datum ligt vóór de start van de pilot.",
                            "Controleer de jaartallen van start en einde.")
    final = pilot.extended_until or pilot.end
    last = final.latest() if final else None
    if raw["status"] == "lopend" and last and last < check.today and not pilot.permanent_since:
        check.warn(path + ("status",), f"De pilot staat op 'lopend', maar de einddatum "
                   f"({final.latest().isoformat()}) is voorbij.",
                   "Kijk in de bron of de pilot nog loopt: voeg dan een moment 'verlengd' of "
                   "'structureel' toe, of zet 'status: afgelopen' of 'status: onbekend'.")


def _practices(check: _Checker, towns: dict[str, Municipality | None],
               sources: dict[str, Source | None]) -> dict[str, Practice | None]:
    result = check.table("practices")
    entries = check.entries("practices")
    _check_addresses(check, entries, "praktijk")
    for path, raw in entries:
        town = check.lookup(towns, raw["municipality"], path + ("municipality",),
                            "Onbekende gemeente")
        practice = Practice(
            id=raw["id"], name=raw["name"], municipality=town, place=raw.get("place"),
            poh=_poh(raw["poh"], path + ("poh",), check),
            sources=_source_list(raw["sources"], sources, path + ("sources",), check),
            address=raw.get("address"), postcode=raw.get("postcode"), phone=raw.get("phone"),
            email=raw.get("email"), website=check.url(raw.get("website"), path + ("website",)),
            availability=tuple(sorted(_slots(raw.get("availability", []), path, check),
                                      key=lambda slot: (slot.weekday, slot.start))),
            availability_note=raw.get("availability_note"),
            absences=tuple(_absences(raw.get("absences", []), path + ("absences",), check)),
            appointment=raw.get("appointment"),
            verified_on=_optional_date(raw.get("verified_on"), path + ("verified_on",), check),
            former_slugs=tuple(raw.get("former_slugs", [])),
        )
        if practice.needs_checking(check.today):
            check.warn(path + ("verified_on",),
                       f"De gegevens van {practice.name} zijn al meer dan "
                       f"{VERIFIED_FRESH_FOR.days} dagen niet gecontroleerd.",
                       "Vraag de praktijk of de tijden nog kloppen en zet de datum van "
                       "vandaag in 'verified_on'.")
        result[raw["id"]] = practice if town else None
    return result


def _poh(raw: dict, path: JsonPath, check: _Checker) -> Poh:
    name = raw.get("name")
    if name and raw.get("name_consent") is not True:
        check.warn(path + ("name",), "De naam van de POH wordt niet getoond: er is geen "
                   "toestemming vastgelegd.",
                   "Zet 'name_consent: true' alleen als de POH schriftelijk toestemming gaf.")
        name = None
    return Poh(role=raw["role"], name=name)


def _slots(items: list[dict], path: JsonPath, check: _Checker) -> Iterable[Availability]:
    for index, raw in enumerate(items):
        start, end = _time_range(raw, path + ("availability", index), check)
        yield Availability(WEEKDAYS.index(raw["day"]), start, end, raw.get("note"))


def _absences(items: list[dict], path: JsonPath, check: _Checker) -> Iterable[Absence]:
    for index, raw in enumerate(items):
        at = path + (index,)
        start = check.date(raw["start"], at + ("start",))
        end = check.date(raw["end"], at + ("end",))
        if start and end and end < start:
            check.error(at + ("end",), f"De einddatum {raw['end']} ligt vóór de begindatum "
                        f"{raw['start']}.", "Controleer start en end.")
        elif start and end:
            yield Absence(start, end, raw["text"])


def _time_range(raw: dict, path: JsonPath, check: _Checker) -> tuple[dt.time, dt.time]:
    start, end = dt.time.fromisoformat(raw["start"]), dt.time.fromisoformat(raw["end"])
    if end <= start:
        check.error(path + ("end",), f"De eindtijd {raw['end']} ligt niet na de "
                    f"begintijd {raw['start']}.", "Controleer start en end.")
    return start, end


def _optional_date(text: str | None, path: JsonPath, check: _Checker) -> dt.date | None:
    return check.date(text, path) if text else None


def _themes(check: _Checker) -> dict[str, Theme | None]:
    result = check.table("themes")
    for path, raw in check.entries("themes"):
        links = tuple(
            ThemeLink(link["title"], check.url(link["url"], path + ("links", i, "url")),
                      link.get("publisher"))
            for i, link in enumerate(raw["links"])
        )
        result[raw["id"]] = Theme(raw["id"], raw["name"], raw["summary"], links)
    return result


def _sessions(check: _Checker, themes: dict[str, Theme | None],
              practices: dict[str, Practice | None],
              towns: dict[str, Municipality | None]) -> list[ThemeSession]:
    entries = check.entries("sessions")
    ids = {raw["id"] for _, raw in entries} | set(check.table("sessions"))
    result = []
    for path, raw in entries:
        theme = check.lookup(themes, raw["theme"], path + ("theme",), "Onbekend thema")
        hosts = tuple(
            check.lookup(practices, key, path + ("practices", i), "Onbekende praktijk")
            for i, key in enumerate(raw.get("practices", []))
        )
        host_town = (check.lookup(towns, raw["municipality"], path + ("municipality",),
                                  "Onbekende gemeente")
                     if "municipality" in raw else None)
        day = check.date(raw["date"], path + ("date",))
        start, end = _time_range(raw, path, check)
        _check_session_fields(raw, path, ids, check)
        if not (theme and day and all(hosts)) or ("municipality" in raw and not host_town):
            continue
        session = ThemeSession(
            id=raw["id"], theme=theme, municipalities=_session_towns(host_town, hosts, path, check),
            practices=hosts, date=day, start=start, end=end, description=raw["description"],
            status=raw["status"], location=_location(raw.get("location")),
            online_url=check.url(raw.get("online_url"), path + ("online_url",)),
            audience=tuple(raw.get("audience", [])), age_range=_age_range(raw, path, check),
            signup=_signup(raw.get("signup"), path + ("signup",), check),
            moved_to=raw.get("moved_to"), led_by=raw.get("led_by"),
        )
        _warn_outside_pilot(session, path, check)
        result.append(session)
    return result


def _check_session_fields(raw: dict, path: JsonPath, ids: set[str], check: _Checker) -> None:
    if not raw.get("practices") and "municipality" not in raw:
        check.error(path, "Er staat niet bij wie de bijeenkomst houdt.",
                    "Vul 'practices' in (de praktijken) of 'municipality' (de gemeente).")
    if "location" not in raw and "online_url" not in raw:
        check.error(path, "Er staat niet bij waar de bijeenkomst is.",
                    "Vul 'location' in (met minstens 'place') of 'online_url' (de link).")
    moved_to = raw.get("moved_to")
    if moved_to and raw["status"] != "verplaatst":
        check.error(path + ("moved_to",), "'moved_to' hoort alleen bij status verplaatst.",
                    "Zet 'status: verplaatst' of haal 'moved_to' weg.")
    elif moved_to and (moved_to not in ids or moved_to == raw["id"]):
        check.error(path + ("moved_to",), f"Onbekende bijeenkomst '{moved_to}'.",
                    "Gebruik de id van de bijeenkomst op de nieuwe datum.")


def _session_towns(host: Municipality | None, practices: tuple[Practice, ...], path: JsonPath,
                   check: _Checker) -> tuple[Municipality, ...]:
    # By id: hashing a Municipality (a frozen dataclass) hashes its whole pilot.
    towns = {town.id: town for town in ([host] if host else []) + [p.municipality
                                                                   for p in practices]}
    if host and len(towns) > 1:
        check.error(path + ("municipality",),
                    f"Niet alle praktijken liggen in de gemeente '{host.id}'.",
                    "Noem alleen praktijken uit die gemeente, of laat 'municipality' weg.")
    return tuple(towns.values())


def _location(raw: dict | None) -> Location | None:
    if raw is None:
        return None
    return Location(raw["place"], raw.get("name"), raw.get("address"), raw.get("postcode"))


def _age_range(raw: dict, path: JsonPath, check: _Checker) -> tuple[int, int] | None:
    ages = raw.get("age_range")
    if ages is None:
        return None
    if ages["min"] > ages["max"]:
        check.error(path + ("age_range",), "De minimumleeftijd is hoger dan de maximumleeftijd.",
                    "Wissel 'min' en 'max' om.")
    return ages["min"], ages["max"]


def _warn_outside_pilot(session: ThemeSession, path: JsonPath, check: _Checker) -> None:
    for town in session.municipalities:
        pilot = town.pilot
        first = pilot.start.earliest() if pilot.start else None
        ends = [fact.latest() for fact in (pilot.end, pilot.extended_until) if fact]
        last = max((end for end in ends if end), default=None)
        if pilot.permanent_since:
            last = None  # a permanent arrangement has no end
        if (first and session.date < first) or (last and session.date > last):
            check.warn(path + ("date",),
                       f"De bijeenkomst valt buiten de looptijd van de pilot in {town.name}.",
                       "Controleer de datum, of werk de looptijd van de pilot bij.")


def _signup(raw: dict | None, path: JsonPath, check: _Checker) -> Signup | None:
    if raw is None:
        return None
    return Signup(check.url(raw.get("url"), path + ("url",)), raw.get("phone"),
                  raw.get("email"), raw.get("walk_in", False))


# The session editor checks a refused row's own fields with these (session_editor.py).
Checker = _Checker
time_range = _time_range
