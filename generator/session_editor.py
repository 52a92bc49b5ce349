"""Theme sessions from the command line and from a spreadsheet: one file each in data/sessions/.

`add-session` writes the file of one new session (or rewrites it, when asked to update);
`import-sessions` adds, updates and cancels sessions from a CSV file, matched by id. Every
change is checked together with all other data first, with the same checks as `validate`,
on the very text that will be written. Each message points at what the user typed: a row
and column of the spreadsheet, or an option of the command, never at a line of a data file.
Each file is replaced atomically, and nothing at all is written on a dry run.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator

from generator import convert
from generator.dataset import (
    SCHEMA_DIR,
    SESSIONS_DIR,
    FileCache,
    is_session_id,
    load_dataset,
    session_path,
)
from generator.load import Document, load_document, load_text
from generator.model import Dataset
from generator.problems import DataError, Position
from generator.validate import load_validators, schema_problems

# The spreadsheet's columns (and the command's options): a session file's fields, flattened.
COLUMNS = ("id", "theme", "practices", "municipality", "date", "start", "end", "location_name",
           "address", "postcode", "place", "online_url", "audience", "age_min", "age_max",
           "description", "signup_url", "signup_phone", "signup_email", "walk_in", "status",
           "moved_to", "led_by")
_NESTED = {
    "location_name": ("location", "name"), "address": ("location", "address"),
    "postcode": ("location", "postcode"), "place": ("location", "place"),
    "age_min": ("age_range", "min"), "age_max": ("age_range", "max"),
    "signup_url": ("signup", "url"), "signup_phone": ("signup", "phone"),
    "signup_email": ("signup", "email"), "walk_in": ("signup", "walk_in"),
}
_FLAT = {path: column for column, path in _NESTED.items()}
# The column a problem with a whole group (a location without a place) is about.
_GROUP_COLUMN = {"location": "place", "age_range": "age_min", "signup": "signup_url"}
# Dutch column names a spreadsheet may use instead; compared in lower case, with spaces and
# hyphens read as '_'.
ALIASES = {
    "thema": "theme", "praktijk": "practices", "praktijken": "practices",
    "gemeente": "municipality", "datum": "date", "begintijd": "start", "begin": "start",
    "eindtijd": "end", "eind": "end", "locatie": "location_name",
    "naam_locatie": "location_name", "adres": "address", "plaats": "place",
    "online_link": "online_url", "link": "online_url", "voor_wie": "audience",
    "doelgroep": "audience", "leeftijd_van": "age_min", "leeftijd_tot": "age_max",
    "beschrijving": "description", "omschrijving": "description",
    "aanmelden_website": "signup_url", "aanmelden_telefoon": "signup_phone",
    "aanmelden_e_mail": "signup_email", "aanmelden_email": "signup_email",
    "vrije_inloop": "walk_in", "inloop": "walk_in", "verplaatst_naar": "moved_to",
    "geleid_door": "led_by", "organisatie": "led_by",
}
_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_NO = {"nee", "n", "no", "false", "onwaar", "0"}
CANCELLED = "geannuleerd"
# What a spreadsheet may write in the status column (compared in lower case).
STATUSES = {
    "gepland": "gepland", "vol": "vol", "volgeboekt": "vol", "geannuleerd": CANCELLED,
    "afgelast": CANCELLED, "gaat niet door": CANCELLED, "vervalt": CANCELLED,
    "vervallen": CANCELLED, "verplaatst": "verplaatst",
}
_REQUIRED = {
    "theme": "Kies het thema.",
    "date": "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 12-1-2027.",
    "start": "Schrijf de begintijd als 19.30 of 19:30.",
    "end": "Schrijf de eindtijd als 21.00 of 21:00.",
    "description": "Schrijf in een paar zinnen waar de bijeenkomst over gaat.",
}
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/session.schema.json"
# Values the file keeps between quotes, as the editors' guide asks.
_QUOTED = {"date", "start", "end", "postcode", "phone"}
# Text YAML reads back as the same text without quotes: a word first, no ': ' or ' #'.
_PLAIN = re.compile(r"[^\W\d_](?:[\w ,.'()/&+-]*[\w,.'()/&+-])?")
_NOT_PLAIN = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # YAML 1.1 words
# Characters YAML reads as line breaks or refuses in a file: escaped in quoted text.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029]")

ADD, UPDATE, CANCEL, UNCHANGED = "toevoegen", "bijwerken", "annuleren", "ongewijzigd"
CHANGES = (ADD, UPDATE, CANCEL)
WOULD = {ADD: "zou toevoegen", UPDATE: "zou bijwerken", CANCEL: "zou annuleren",
         UNCHANGED: "ongewijzigd"}
DONE = {ADD: "toegevoegd", UPDATE: "bijgewerkt", CANCEL: "geannuleerd",
        UNCHANGED: "ongewijzigd"}


@dataclass
class Request:
    """One session as the user typed it: a row of a spreadsheet, or the command's options."""

    label: str  # "regel 3", or "" for the command line
    fields: dict[str, str]  # column -> text as typed; empty cells left out
    names: dict[str, str]  # column -> how the user named it: "kolom 'datum'", "--date"

    def where(self, column: str) -> str:
        return self.names.get(column) or (f"kolom '{column}'" if self.label
                                          else "--" + column.replace("_", "-"))


@dataclass
class Outcome:
    """What becomes of one request: the session's id, what is done, and why not."""

    request: Request
    session_id: str | None = None
    action: str | None = None  # ADD, UPDATE, CANCEL or UNCHANGED; None when refused
    entry: dict | None = None  # the session file's fields
    errors: list[str] = field(default_factory=list)
    own_warnings: list[str] = field(default_factory=list)  # about what was typed
    data_warnings: list[str] = field(default_factory=list)  # from the last check of the data

    @property
    def warnings(self) -> list[str]:
        return self.own_warnings + self.data_warnings

    def refuse(self, column: str | None, message: str, hint: str = "") -> None:
        self.errors.append(_said(self.request, column, message, hint))


def option_request(fields: dict[str, str | None]) -> Request:
    """The command line's options as a request; messages name the option (--date)."""
    return Request("", {key: value.strip() for key, value in fields.items()
                        if value and value.strip()},
                   {column: "--" + column.replace("_", "-") for column in COLUMNS})


def plan(data_dir: Path, requests: list[Request], today: dt.date, *,
         update: bool = True) -> list[Outcome]:
    """What each request would do, checked with all other data; nothing is written.

    A request whose id exists updates that session (only with `update`; add-session asks
    for it explicitly). Raises DataError when the data is invalid before any change (those
    problems are in the data files, and are shown there).
    """
    cache: FileCache = {}
    current, _warnings = load_dataset(data_dir, today, cache)
    names = _Names(current)
    outcomes = [_prepare(request, names, data_dir, update) for request in requests]
    _refuse_doubles(outcomes)
    _check(data_dir, today, cache, [o for o in outcomes if o.action in CHANGES])
    schema = load_validators(SCHEMA_DIR)["session"]
    for outcome in outcomes:
        if outcome.action is None:
            values = _values(outcome.request, names, Outcome(outcome.request))
            _say_the_rest(outcome, outcome.entry or _entry(values), schema, today)
    return outcomes


def write(data_dir: Path, outcomes: Iterable[Outcome]) -> None:
    """Write the file of every session that is added, updated or cancelled."""
    for outcome in outcomes:
        if outcome.action in CHANGES:
            path = session_path(data_dir, outcome.session_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, session_yaml(outcome.entry)[0])


# --- From what was typed to a session's fields ----------------------------------------------


def _prepare(request: Request, names: _Names, data_dir: Path, update: bool) -> Outcome:
    outcome = Outcome(request)
    values = _values(request, names, outcome)
    status_only = set(request.fields) == {"id", "status"}
    if not status_only:
        _check_required(request, values, outcome)
    if outcome.errors and "id" not in values:
        return outcome  # no id of its own, and what the id is made of is wrong
    session_id = str(values.get("id") or _default_id(values))
    outcome.session_id = session_id
    if not is_session_id(session_id):
        outcome.refuse("id", f"De id '{session_id}' kan geen naam van een bijeenkomst zijn.",
                       "Gebruik alleen kleine letters, cijfers en streepjes (hoogstens 80 "
                       "tekens), zoals 'deckers-2027-01-12-opvoeden'.")
        return outcome
    path = session_path(data_dir, session_id)
    existing = _existing(path)
    if existing is not None and not update:
        outcome.refuse("id", f"Er is al een bijeenkomst met de id '{session_id}' "
                       f"({SESSIONS_DIR}/{path.name}).",
                       "Kies een andere id met --id, of gebruik --update om deze bijeenkomst "
                       "te wijzigen.")
    if status_only:
        if existing is None:
            outcome.refuse("id", f"Er is geen bijeenkomst met de id '{session_id}'.",
                           "Alleen bij een bestaande bijeenkomst mag u alleen de id en de "
                           "status invullen. Controleer de id, of vul de hele regel in.")
        entry = dict(existing or {}) | {"status": values.get("status", "gepland")}
    else:
        entry = _entry(values)
        _warn_place_only(entry, outcome)
    if outcome.errors:
        return outcome
    outcome.entry = _in_order(entry)
    if existing is None:
        outcome.action = ADD
    elif existing == outcome.entry:
        outcome.action = UNCHANGED
    elif entry.get("status") == CANCELLED and existing.get("status") != CANCELLED:
        outcome.action = CANCEL
    else:
        outcome.action = UPDATE
    return outcome


def _say_the_rest(outcome: Outcome, entry: dict, schema: Draft202012Validator,
                  today: dt.date) -> None:
    """A refused request's other fields on their own: the session schema, a real date, the
    end after the start; so that one run says everything that can be said about a row.
    Columns already blamed are left alone: their message is said."""
    said = {error.split(":", 1)[0] for error in outcome.errors}
    text, layout = session_yaml(_in_order(entry))
    try:
        document = load_text(text, "<alleen>")
    except DataError:  # nothing left to check
        return
    problems = document.problems + schema_problems(document, schema)[0]
    wrong = {_column(problem.position, layout) for problem in problems}
    raw = document.data
    check = convert.Checker(document, set(), today, problems)
    if "date" in raw and "date" not in wrong:
        check.date(raw["date"], ("date",))
    if {"start", "end"} <= set(raw) and not {"start", "end"} & wrong:
        convert.time_range(raw, (), check)
    for problem in problems:
        column = _column(problem.position, layout)
        if column and outcome.request.where(column) not in said and not problem.is_warning:
            outcome.refuse(column, problem.message, problem.hint)


def _values(request: Request, names: _Names, outcome: Outcome) -> dict[str, object]:
    """Each column's value as the file wants it; what cannot be read is refused."""
    values: dict[str, object] = {}
    for column, text in request.fields.items():
        value = _value(column, text, names)
        if isinstance(value, _Refusal):
            outcome.refuse(column, value.message, value.hint)
        else:
            values[column] = value
    return values


@dataclass(frozen=True)
class _Refusal:
    message: str
    hint: str


def _value(column: str, text: str, names: _Names) -> object:
    if column == "theme":
        return names.theme(text)
    if column == "practices":
        return names.practices(text)
    if column == "municipality":
        return names.municipality(text)
    if column == "audience":
        return [part.lower() for part in re.split(r"[,;\s]+", text) if part]
    if column == "date":
        return normalize_date(text)
    if column in ("start", "end"):
        return normalize_time(text)
    if column == "postcode":
        match = re.fullmatch(r"([1-9][0-9]{3})\s*([A-Za-z]{2})", text)
        return f"{match[1]} {match[2].upper()}" if match else text
    if column in ("age_min", "age_max"):
        if text.isdigit():
            return int(text)
        return _Refusal(f"'{text}' is geen leeftijd.", "Schrijf een getal, bijvoorbeeld 12.")
    if column == "walk_in":
        lowered = text.lower()
        if lowered in _YES or lowered in _NO:
            return lowered in _YES
        return _Refusal(f"'{text}' is geen ja of nee.",
                        "Schrijf ja bij vrije inloop (zonder aanmelden), anders nee.")
    if column == "status":
        found = STATUSES.get(" ".join(text.lower().split()))
        return found or _Refusal(f"'{text}' is geen status.",
                                 "Kies uit: gepland, vol, geannuleerd (of afgelast) of "
                                 "verplaatst.")
    if column == "id":
        return text.lower() if is_session_id(text.lower()) else text
    return text


def _check_required(request: Request, values: dict, outcome: Outcome) -> None:
    for column, hint in _REQUIRED.items():
        if column not in values and column not in request.fields:
            outcome.refuse(column, "Hier staat niets, maar dit is verplicht.", hint)
    if "practices" not in values and "municipality" not in values \
            and not {"practices", "municipality"} & set(request.fields):
        outcome.refuse("practices", "Er staat niet bij wie de bijeenkomst houdt.",
                       f"Vul in: {request.where('practices')} (de praktijk), of "
                       f"{request.where('municipality')} als de gemeente de bijeenkomst houdt.")
    if "online_url" not in request.fields and "place" not in request.fields:
        outcome.refuse("place", "Er staat niet bij waar de bijeenkomst is.",
                       f"Vul in: {request.where('place')}, en liefst ook "
                       f"{request.where('location_name')} en {request.where('address')}; of "
                       f"{request.where('online_url')} bij een online bijeenkomst.")


def _warn_place_only(entry: dict, outcome: Outcome) -> None:
    location = entry.get("location", {})
    if location and not ({"name", "address"} & set(location)) and "online_url" not in entry:
        request = outcome.request
        outcome.own_warnings.append(_said(
            request, "place", "Alleen de plaats staat erbij; ouders weten dan niet waar ze "
            "heen moeten.",
            f"Vul ook {request.where('location_name')} en {request.where('address')} in."))


def _entry(values: dict[str, object]) -> dict:
    """The session file's fields from the columns' values (the id is the file's name)."""
    entry: dict = {}
    for column in COLUMNS[1:]:
        if column not in values:
            continue
        if column in _NESTED:
            group, key = _NESTED[column]
            entry.setdefault(group, {})[key] = values[column]
        else:
            entry[column] = values[column]
    entry.setdefault("status", "gepland")
    return entry


def _in_order(entry: dict) -> dict:
    """The fields in the schema's order, the order the file is written in."""
    order = [(_NESTED[column][0] if column in _NESTED else column) for column in COLUMNS[1:]]
    rank = {key: index for index, key in enumerate(dict.fromkeys(order))}
    return {key: entry[key] for key in sorted(entry, key=lambda key: rank.get(key, len(rank)))}


def _existing(path: Path) -> dict | None:
    """The fields of the session file at `path`, or None when there is none."""
    if not path.is_file():
        return None
    data = load_document(path).data
    return data if isinstance(data, dict) else {}


def normalize_date(value: str) -> str:
    """'1-12-2026', '01/12/2026' and '1 december 2026' become '2026-12-01'; other text is
    left as it is, for the checks to judge."""
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value.strip())
    if match and 1 <= int(match[1]) <= 31 and 1 <= int(match[2]) <= 12:
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    match = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", " ".join(value.lower().split()))
    if match and match[2] in _MONTHS and 1 <= int(match[1]) <= 31:
        return f"{match[3]}-{_MONTHS.index(match[2]) + 1:02d}-{int(match[1]):02d}"
    return value


def normalize_time(value: str) -> str:
    """'15.00', '9:30', '19:30:00' and '19.30 uur' become '15:00', '09:30', '19:30' and
    '19:30'; other text is left as it is."""
    match = re.fullmatch(r"(\d{1,2})[.:u](\d{2})(?::00)?(?:\s*uur)?", value.strip().lower())
    return f"{int(match[1]):02d}:{match[2]}" if match else value


def _default_id(values: dict) -> str:
    host = (values.get("practices") or [values.get("municipality") or "sessie"])[0]
    parts = [str(host), str(values.get("date", "")), str(values.get("theme", ""))]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def _refuse_doubles(outcomes: list[Outcome]) -> None:
    """Two rows for one session: the first counts, the next is refused."""
    first: dict[str, Outcome] = {}
    for outcome in outcomes:
        if outcome.action is None:
            continue
        earlier = first.setdefault(outcome.session_id, outcome)
        if earlier is not outcome:
            outcome.refuse("id", f"De id '{outcome.session_id}' staat ook op "
                           f"{earlier.request.label}.",
                           "Elke bijeenkomst heeft een eigen id. Houd één regel over, of vul "
                           f"in {outcome.request.where('id')} een andere id in, bijvoorbeeld "
                           f"'{outcome.session_id}-2'.")
            outcome.action = None


class _Names:
    """Themes, practices and municipalities by id or by name, in any case."""

    def __init__(self, dataset: Dataset):
        self.all_themes = dataset.themes
        self.all_practices = dataset.practices
        self.all_towns = dataset.municipalities
        # Looked up once per row: a national data set has 4,900 practices.
        self.practice_ids = {_key(p.id): p.id for p in self.all_practices}
        self.practices_named: dict[str, list] = {}
        for practice in self.all_practices:
            self.practices_named.setdefault(_key(practice.name), []).append(practice)

    def theme(self, text: str) -> str | _Refusal:
        found = [t for t in self.all_themes if _key(text) in (_key(t.id), _key(t.name))]
        if found:
            return found[0].id
        listed = ", ".join(f"{t.name} ({t.id})" for t in self.all_themes)
        return _Refusal(f"Onbekend thema '{text}'.",
                        _close(text, {t.name: t.id for t in self.all_themes})
                        + f"Kies een van: {listed}.")

    def practices(self, text: str) -> list[str] | _Refusal:
        whole = self._practice(text)
        if isinstance(whole, str):
            return [whole]
        parts = [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
        if len(parts) == 1 and len(parts[0].split()) > 1:  # ids separated by spaces
            ids = [self._practice(part) for part in parts[0].split()]
            if all(isinstance(found, str) for found in ids):
                return ids
        found = [self._practice(part) for part in parts] if len(parts) > 1 else [whole]
        refusals = [item for item in found if isinstance(item, _Refusal)]
        if refusals:
            return _Refusal(" ".join(r.message for r in refusals),
                            " ".join(dict.fromkeys(r.hint for r in refusals)))
        return found

    def _practice(self, text: str) -> str | _Refusal:
        key = _key(text)
        if key in self.practice_ids:
            return self.practice_ids[key]
        by_name = self.practices_named.get(key, [])
        if len(by_name) == 1:
            return by_name[0].id
        if by_name:
            return _Refusal(f"Er zijn {len(by_name)} praktijken met de naam '{text}'.",
                            "Gebruik de id: " + ", ".join(
                                f"{p.id} ({p.place or p.municipality.name})" for p in by_name)
                            + ".")
        listed = (" Bekend zijn: " + ", ".join(f"{p.name} ({p.id})" for p in self.all_practices)
                  + "." if len(self.all_practices) <= 12 else "")
        return _Refusal(f"Onbekende praktijk '{text}'.",
                        _close(text, {p.name: p.id for p in self.all_practices})
                        + "Gebruik de naam of de id van de praktijk, zoals op de site." + listed)

    def municipality(self, text: str) -> str | _Refusal:
        key = _key(text)
        found = [m for m in self.all_towns if key in (_key(m.id), _key(m.name))]
        if found:
            return found[0].id
        listed = (" Bekend zijn: " + ", ".join(m.name for m in self.all_towns) + "."
                  if len(self.all_towns) <= 12 else "")
        return _Refusal(f"Onbekende gemeente '{text}'.",
                        _close(text, {m.name: m.id for m in self.all_towns})
                        + "Gebruik de naam of de id van de gemeente." + listed)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\s_-]+", " ", text.casefold()).split())


def _close(text: str, ids_by_name: dict[str, str]) -> str:
    """'Bedoelt u ...? ' for the name or id most like `text`, or nothing."""
    keys = {_key(name): f"{name} ({key})" for name, key in ids_by_name.items()}
    keys |= {_key(key): f"{name} ({key})" for name, key in ids_by_name.items()}
    close = difflib.get_close_matches(_key(text), list(keys), n=1, cutoff=0.75)
    return f"Bedoelt u {keys[close[0]]}? " if close else ""


# --- Checking with all other data ----------------------------------------------------------


def _check(data_dir: Path, today: dt.date, cache: FileCache, outcomes: list[Outcome]) -> None:
    """Check the changed sessions with all other data, as the files that would be written.

    A request with an error is refused and the others are checked again without it, until
    what is left passes: a moved session may point at the new date in another row, but not
    at a row that was refused. Errors that no request caused stop everything (DataError).
    """
    remaining = list(outcomes)
    while remaining:
        documents: dict[str, Document] = {}
        layouts: dict[str, tuple[Outcome, list]] = {}
        for outcome in remaining:
            tag = f"<{outcome.request.label or 'opdracht'}>"
            text, layout = session_yaml(outcome.entry)
            documents[outcome.session_id] = load_text(text, tag)  # our own text: it reads
            layouts[tag] = (outcome, layout)
            outcome.data_warnings = []
        try:
            _dataset, problems = load_dataset(data_dir, today, cache, sessions=documents)
        except DataError as error:
            problems = error.problems
        refused: set[int] = set()
        elsewhere = []
        for problem in problems:
            if problem.position.file not in layouts:
                if not problem.is_warning:
                    elsewhere.append(problem)
                continue
            outcome, layout = layouts[problem.position.file]
            said = _said(outcome.request, _column(problem.position, layout), problem.message,
                         problem.hint)
            if problem.is_warning:
                outcome.data_warnings.append(said)
            else:
                outcome.errors.append(said)
                outcome.action = None
                refused.add(id(outcome))
        if not refused:
            if elsewhere:
                raise DataError(elsewhere)
            return
        remaining = [outcome for outcome in remaining if id(outcome) not in refused]


def _column(position: Position, layout: list) -> str | None:
    """The column a problem in a written session's text is about (None: the whole row).

    Each line of the text holds one field (see session_yaml); a problem at the start of a
    line is about the entry or group that starts there, not about that line's field.
    """
    if position.line > len(layout) or layout[position.line - 1] is None:
        return None
    key, sub = layout[position.line - 1]
    if sub is None:
        return None if position.column <= 1 else (key if key in COLUMNS else None)
    if position.column <= 3:
        return _GROUP_COLUMN.get(key)
    return _FLAT.get((key, sub))


def _said(request: Request, column: str | None, message: str, hint: str) -> str:
    typed = request.fields.get(column or "")
    if column == "date" and typed and normalize_date(typed) != typed:
        message = message.replace(f"'{normalize_date(typed)}'", f"'{typed}'")  # as typed
    hint = _hint_for(column, hint)
    text = f"{message} Tip: {hint}" if hint else message
    return f"{request.where(column)}: {text}" if column else text


def _hint_for(column: str | None, hint: str) -> str:
    """A hint about the YAML file, said for a spreadsheet cell or an option instead."""
    if column == "date" and ("jaar-maand-dag" in hint or hint.startswith("Verwacht:")):
        return "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 12-1-2027."
    if column in ("start", "end") and hint.startswith("Verwacht:"):
        return "Schrijf de tijd als 19.30 of 19:30."
    hint = re.sub(r"\s*\(tussen aanhalingstekens[^)]*\)", "", hint)
    hint = hint.replace(" Zet de waarde tussen aanhalingstekens.", "")
    hint = hint.replace("Zet de waarde tussen aanhalingstekens.", "")
    return hint.replace("Controleer start en end.", "Controleer de begintijd en de eindtijd.")


# --- The session file ------------------------------------------------------------------------


def session_yaml(entry: dict) -> tuple[str, list[tuple[str, str | None] | None]]:
    """The text of a session file, and for each of its lines the field it holds.

    One field a line (a group's fields each on a line of their own, indented two spaces),
    so that a problem's line says which field it is about.
    """
    lines = [SCHEMA_LINE]
    layout: list[tuple[str, str | None] | None] = [None]
    for key, value in entry.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            layout.append((key, None))
            for sub, item in value.items():
                lines.append(f"  {sub}: {_scalar(item, sub)}")
                layout.append((key, sub))
        else:
            lines.append(f"{key}: {_scalar(value, key)}")
            layout.append((key, None))
    return "\n".join(lines) + "\n", layout


def _scalar(value: object, key: str) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item, key) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if key not in _QUOTED and _PLAIN.fullmatch(text) and text.lower() not in _NOT_PLAIN:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON's escapes are YAML's too
    return _ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- The spreadsheet ---------------------------------------------------------------------------


class SpreadsheetError(Exception):
    """The spreadsheet cannot be read as a list of sessions; the message is Dutch."""


def read_csv(path: Path) -> list[Request]:
    """The rows as requests: ',', ';' or tab separated; UTF-8 (with or without BOM),
    UTF-16 (Excel's "Unicode text") or Windows-1252. Column names as in COLUMNS, or
    their Dutch names (ALIASES), in any case."""
    text = _decoded(path.read_bytes())
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=lambda mark: _outside_quotes(header).count(mark))
    # newline="": a line break inside a quoted cell (a description) stays in the value.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    last = 0
    for row in reader:
        start, last = last + 1, reader.line_num
        if any(cell.strip() for cell in row):
            rows.append((start, row))
    if not rows:
        raise SpreadsheetError("Het bestand is leeg: er staat geen regel met kolomnamen in.")
    (header_line, headers), rows = rows[0], rows[1:]
    columns = _columns(headers, header_line)
    requests = []
    for line, row in rows:
        extra = [cell for cell in row[len(headers):] if cell.strip()]
        if extra:
            raise SpreadsheetError(f"regel {line}: er staan meer waarden dan kolommen "
                                   f"('{extra[0]}'). Tip: Staat er een {delimiter!r} in een "
                                   "tekst? Zet die tekst dan tussen aanhalingstekens.")
        fields = {columns[index]: cell.strip() for index, cell in enumerate(row)
                  if columns.get(index) and cell.strip()}
        names = {column: f"kolom '{headers[index].strip()}'"
                 for index, column in columns.items()}
        requests.append(Request(f"regel {line}", fields, names))
    return requests


def _decoded(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # what Excel on Windows writes


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _columns(headers: list[str], line: int) -> dict[int, str]:
    """Column index -> column name; unknown or doubled column names are refused."""
    columns: dict[int, str] = {}
    unknown = []
    for index, header in enumerate(headers):
        name = re.sub(r"[\s-]+", "_", header.strip().lower())
        if not name:
            continue  # an empty column at the end, as spreadsheets save them
        column = name if name in COLUMNS else ALIASES.get(name)
        if column is None:
            unknown.append(header.strip())
        elif column in columns.values():
            first = headers[next(i for i, c in columns.items() if c == column)].strip()
            raise SpreadsheetError(f"regel {line}: de kolommen '{first}' en '{header.strip()}' "
                                   "betekenen hetzelfde. Tip: Houd één van de twee over.")
        else:
            columns[index] = column
    if unknown:
        raise SpreadsheetError(
            f"regel {line}: onbekende kolom(men): {', '.join(repr(name) for name in unknown)}. "
            "Tip: Gebruik deze kolomnamen: " + ", ".join(
                column + "".join(f" (of {alias})" for alias, target in ALIASES.items()
                                 if target == column and alias.isalpha())
                for column in COLUMNS) + ".")
    return columns
