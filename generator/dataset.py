"""Load, validate and convert the data folder in one step: the only way in to the model.

The data folder holds three files (DATA_FILES) and a folder of theme sessions,
`sessions/<id>.yaml`: one session per file, whose name is the session's id. A web editor
that rewrites a whole file when it saves then touches only the session that was edited.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path

from jsonschema import Draft202012Validator

from generator.convert import build_dataset
from generator.load import Collection, Document, JsonPath, load_document, without_gc
from generator.model import Dataset
from generator.problems import DataError, Position, Problem
from generator.validate import each_document_problems, load_validators, schema_problems

DATA_FILES = ("municipalities", "practices", "themes")
SESSIONS_DIR = "sessions"  # data/sessions/<id>.yaml, one theme session each
SESSION_SUFFIX = ".yaml"
# A session's id, which is its file name without .yaml (common.schema.json#/$defs/id).
SESSION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80
# The rules belong to the project, not to one data folder: fixtures are checked by them too.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


# A data file read and checked against its schema: the document, the schema's problems and
# the paths of invalid values (for a session file: () when the session cannot be used);
# kept by a preview between rebuilds while the file is unchanged.
Checked = tuple[Document, list[Problem], set[JsonPath]]
FileCache = dict[Path, tuple[tuple[int, int], Checked]]


def load_dataset(data_dir: Path, today: dt.date, cache: FileCache | None = None, *,
                 sessions: Mapping[str, Document | None] | None = None,
                 ) -> tuple[Dataset, list[Problem]]:
    """The model and its warnings; DataError with every problem when the data is invalid.

    `today` is the build's date: some warnings depend on it (an outdated check date).
    With a `cache` (the live preview), files unchanged since the last call are not read
    again: only the cross-checks and the model are made anew.
    `sessions` checks documents in place of session files without writing them (the
    session editor's candidates): by id, a document replaces the file of that name or is
    added; None leaves the session out.
    """
    with without_gc():  # the values, checks and model are large and free of cycles
        return _load_dataset(data_dir, today, {} if cache is None else cache, sessions or {})


def session_path(data_dir: Path, session_id: str) -> Path:
    """Where the session with this id is stored."""
    return data_dir / SESSIONS_DIR / f"{session_id}{SESSION_SUFFIX}"


def is_session_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and SESSION_ID.fullmatch(text) is not None


def _load_dataset(data_dir: Path, today: dt.date, cache: FileCache,
                  replaced: Mapping[str, Document | None]) -> tuple[Dataset, list[Problem]]:
    validators = load_validators(SCHEMA_DIR)
    checked: dict[str, tuple[Document, set[JsonPath]]] = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        path = data_dir / f"{name}.yaml"
        try:
            document, found, invalid = _checked_file(path, validators[name], cache)
        except DataError as error:
            problems.extend(error.problems)
            continue
        problems.extend(document.problems + found)
        if () not in invalid:  # a document broken at the top cannot be cross-checked
            checked[name] = (document, invalid)
    sessions = _checked_sessions(data_dir / SESSIONS_DIR, validators["session-list"], cache,
                                 replaced, problems)
    if len(checked) < len(DATA_FILES):
        raise DataError(problems)
    dataset = build_dataset(*(checked[name] for name in DATA_FILES), sessions, today, problems)
    _stop_on_errors(problems)
    return dataset, sorted(problems)


def _checked_file(path: Path, validator: Draft202012Validator, cache: FileCache) -> Checked:
    signature = _signature(path)
    if signature and path in cache and cache[path][0] == signature:
        return cache[path][1]
    document = load_document(path, _display_name(path))
    early = _sessions_in_themes(document) if path.name == "themes.yaml" else []
    found, invalid = schema_problems(document, validator)
    checked = (document, early + found, invalid)
    if signature:
        cache[path] = (signature, checked)
    return checked


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # load_document says what is wrong
    return stat.st_mtime_ns, stat.st_size


def _sessions_in_themes(document: Document) -> list[Problem]:
    """The sessions' old place, a list in themes.yaml: said plainly, then left out."""
    if not isinstance(document.data, dict) or "sessions" not in document.data:
        return []
    del document.data["sessions"]
    return [Problem(document.position(("sessions",), key=True),
                    "Themabijeenkomsten staan niet meer in themes.yaml, maar elk in een eigen "
                    "bestand in de map sessions/.",
                    "Zet elke bijeenkomst in een eigen bestand sessions/<id>.yaml, zonder "
                    "'id: ...' erin, en haal 'sessions' hier weg. Een voorbeeld staat op de "
                    "pagina 'Voor praktijken'.")]


def _checked_sessions(folder: Path, validator: Draft202012Validator, cache: FileCache,
                      replaced: Mapping[str, Document | None],
                      problems: list[Problem]) -> tuple[Collection, set[JsonPath]]:
    """Every session file (and the replacements), read and checked, as one document with
    a list `sessions` whose items carry their id; and the paths of the unusable items.

    Files read before and unchanged come from the cache; the others are read one by one
    and checked against the schema together, in one call.
    """
    shown = _display_name(folder)  # once: relpath for each of 20,000 files took 0.4 s
    paths = _session_paths(folder, shown, problems)
    ids = sorted((set(paths) - set(replaced)) | {key for key, doc in replaced.items() if doc})
    checked: dict[str, Checked] = {}
    fresh: list[tuple[str, Document, Path | None, tuple[int, int] | None]] = []
    for key in ids:
        if key in replaced:
            fresh.append((key, replaced[key], None, None))
            continue
        path = paths[key]
        signature = _signature(path)
        if signature and path in cache and cache[path][0] == signature:
            checked[key] = cache[path][1]
            continue
        name = f"{shown}/{path.name}"
        try:
            document = load_document(path, name)
        except DataError as error:  # unreadable: its id is still known, so not "unknown"
            problems.extend(error.problems)
            checked[key] = (Document(name, None), [], {()})
            continue
        fresh.append((key, document, path, signature))
    early = [_file_problems(key, document) for key, document, _path, _signature in fresh]
    found = each_document_problems([document for _key, document, *_rest in fresh], validator)
    for (key, document, path, signature), before, after in zip(fresh, early, found,
                                                               strict=True):
        bad = any(not problem.is_warning for problem in after) or not is_session_id(key)
        checked[key] = (document, before + after, {()} if bad else set())
        if path and signature:
            cache[path] = (signature, checked[key])
    _forget_removed(cache, folder, paths)
    return _collection(shown, checked, problems)


def _session_paths(folder: Path, shown: str, problems: list[Problem]) -> dict[str, Path]:
    """The session files by id (their name without .yaml); no folder means no sessions.

    Files whose names show they are meant as sessions but would not be read (.yml, .YAML)
    are reported; other files (a .gitkeep, an editor's backup) are not data.
    """
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return {}
    found: dict[str, Path] = {}
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not entry.is_file():
            continue
        if name.endswith(SESSION_SUFFIX):
            found[name.removesuffix(SESSION_SUFFIX)] = Path(entry.path)
        elif name.lower().endswith((".yaml", ".yml")):
            problems.append(Problem(
                Position(f"{shown}/{name}"),
                "Dit bestand wordt niet gelezen: de naam eindigt niet op .yaml.",
                "Geef het bestand een naam die eindigt op .yaml (kleine letters), zoals "
                "deckers-2027-01-12-opvoeden.yaml."))
    return found


def _file_problems(key: str, document: Document) -> list[Problem]:
    """What only a session file can get wrong: its name, and an id of its own."""
    found = []
    if not is_session_id(key):
        found.append(Problem(
            Position(document.file),
            f"De bestandsnaam '{key}{SESSION_SUFFIX}' is geen geldige id.",
            "De naam van het bestand (zonder .yaml) is de id van de bijeenkomst: alleen kleine "
            "letters, cijfers en streepjes, hoogstens 80 tekens, zoals "
            "deckers-2027-01-12-opvoeden.yaml."))
    if isinstance(document.data, dict) and "id" in document.data:
        document.data.pop("id")  # said once here, not again as an unknown field
        found.append(Problem(
            document.position(("id",), key=True),
            "Een bijeenkomst heeft geen veld 'id': de naam van het bestand is de id.",
            f"Haal de regel 'id: ...' weg. De id van deze bijeenkomst is '{key}'. Wilt u een "
            "andere id? Geef het bestand dan een andere naam."))
    return found


def _forget_removed(cache: FileCache, folder: Path, paths: dict[str, Path]) -> None:
    """Drop the cached session files that are gone (deleted or renamed)."""
    present = set(paths.values())
    for path in [path for path in cache if path.parent == folder and path not in present]:
        del cache[path]


def _collection(shown: str, checked: dict[str, Checked],
                problems: list[Problem]) -> tuple[Collection, set[JsonPath]]:
    documents: list[Document] = []
    items: list[dict] = []
    invalid: set[JsonPath] = set()
    for index, key in enumerate(sorted(checked)):
        document, found, bad = checked[key]
        problems.extend(document.problems + found)
        documents.append(document)
        if bad or not isinstance(document.data, dict):
            invalid.add(("sessions", index))
            items.append({"id": key})
        else:
            items.append({"id": key, **document.data})
    return Collection(shown, {"sessions": items}, documents=documents), invalid


def _stop_on_errors(problems: list[Problem]) -> None:
    if any(not problem.is_warning for problem in problems):
        raise DataError(problems)


def _display_name(path: Path) -> str:
    """The path as the editor knows it: relative to the working folder where possible."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
