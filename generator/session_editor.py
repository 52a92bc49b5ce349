"""Adding theme sessions to data/themes.yaml for practices: one at a time or from a CSV file.

New sessions are appended as text under `sessions:`, so the file's comments and layout stay
as the editor left them. Every candidate is validated together with all other data first;
the file is only replaced (atomically) when the result is valid.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.dataset import DATA_FILES, load_dataset
from generator.problems import DataError, Position, Problem

THEMES_FILE = "themes.yaml"
# CSV columns and their place in a session entry; the YAML field names, flattened.
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
_LISTS = {"practices", "audience"}
_YES = {"ja", "j", "yes", "true", "1", "x"}
_NO = {"nee", "n", "no", "false", "0"}
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def entry_from_fields(fields: dict[str, str | None]) -> dict:
    """A session entry from flat text fields (command-line flags or a CSV row).

    Dates such as 1-12-2026 and times such as 15.00 are rewritten the way the data file
    wants them; anything else is passed on as typed, for validation to judge.
    """
    entry: dict = {}
    for column in COLUMNS:
        value = (fields.get(column) or "").strip()
        if not value:
            continue
        typed = _typed(column, value)
        if column in _NESTED:
            group, key = _NESTED[column]
            entry.setdefault(group, {})[key] = typed
        else:
            entry[column] = typed
    entry.setdefault("status", "gepland")
    return {"id": entry.pop("id", None) or _default_id(entry), **entry}


def _typed(column: str, value: str) -> object:
    if column in _LISTS:
        return [part for part in re.split(r"[,;\s]+", value) if part]
    if column == "date":
        return normalize_date(value)
    if column in ("start", "end"):
        return normalize_time(value)
    if column in ("age_min", "age_max"):
        return int(value) if value.isdigit() else value
    if column == "walk_in":
        lowered = value.lower()
        return True if lowered in _YES else False if lowered in _NO else value
    return value


def normalize_date(value: str) -> str:
    """'1-12-2026' and '01/12/2026' become '2026-12-01'; other text is left as it is."""
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else value


def normalize_time(value: str) -> str:
    """'15.00' and '9:30' become '15:00' and '09:30'; other text is left as it is."""
    match = re.fullmatch(r"(\d{1,2})[.:](\d{2})", value)
    return f"{int(match[1]):02d}:{match[2]}" if match else value


def _default_id(entry: dict) -> str:
    host = (entry.get("practices") or [entry.get("municipality", "sessie")])[0]
    parts = [str(host), str(entry.get("date", "")), str(entry.get("theme", ""))]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def add_sessions(data_dir: Path, entries: list[dict], today: dt.date,
                 *, write: bool = True) -> list[Problem]:
    """Append `entries` to the themes file if the data stays valid; returns the warnings.

    Raises DataError (with positions in the real file) when the result would be invalid.
    """
    path = data_dir / THEMES_FILE
    text = append_entries(path.read_text(encoding="utf-8"), entries)
    warnings = check_candidate(data_dir, text, today)
    if write:
        _write_atomically(path, text)
    return warnings


def check_candidate(data_dir: Path, themes_text: str, today: dt.date) -> list[Problem]:
    """Validate all data with `themes_text` in place of the themes file; positions point at it."""
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder)
        for name in DATA_FILES:
            shutil.copy(data_dir / f"{name}.yaml", candidate / f"{name}.yaml")
        (candidate / THEMES_FILE).write_text(themes_text, encoding="utf-8")
        try:
            _dataset, warnings = load_dataset(candidate, today)
        except DataError as error:
            raise DataError(_relocate(error.problems, candidate, data_dir)) from None
    return _relocate(warnings, candidate, data_dir)


def _relocate(problems: Iterable[Problem], candidate: Path, data_dir: Path) -> list[Problem]:
    """Point problems found in the temporary copy at the real data folder."""
    moved = []
    for problem in problems:
        name = Path(problem.position.file).name
        if Path(problem.position.file).parent.resolve() == candidate.resolve():
            position = dataclasses.replace(problem.position, file=(data_dir / name).as_posix())
            problem = dataclasses.replace(problem, position=position)
        moved.append(problem)
    return moved


def import_csv(data_dir: Path, csv_path: Path, today: dt.date,
               *, write: bool = True) -> tuple[list[str], list[str]]:
    """Check each CSV row against the data and the rows accepted so far; add the valid ones.

    Rows are tried again while that accepts more of them, so a moved session may come
    before the row with its new date. Returns Dutch report lines: accepted, then rejected.
    """
    themes_text = (data_dir / THEMES_FILE).read_text(encoding="utf-8")
    pending = {line: entry_from_fields(fields) for line, fields in read_csv(csv_path)}
    accepted: dict[int, dict] = {}
    reasons: dict[int, str] = {}
    progress = True
    while pending and progress:
        progress = False
        for line, entry in list(pending.items()):
            candidate = append_entries(themes_text, [*accepted.values(), entry])
            try:
                check_candidate(data_dir, candidate, today)
            except DataError as error:
                reasons[line] = "; ".join(_reason(p) for p in error.problems if not p.is_warning)
            else:
                accepted[line] = pending.pop(line)
                progress = True
    if accepted and write:
        add_sessions(data_dir, list(accepted.values()), today)
    return ([f"regel {line}: toegevoegd als '{entry['id']}'" for line, entry in
             sorted(accepted.items())],
            [f"regel {line}: afgewezen: {reasons[line]}" for line in sorted(pending)])


def _reason(problem: Problem) -> str:
    return f"{problem.message} {problem.hint}".strip()


def read_csv(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; ',' ';' or tab separated, UTF-8 or Windows-1252."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # what Excel on Windows writes
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="": a line break inside a quoted field (a description) stays in the value.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    unknown = [name for name in reader.fieldnames or [] if name not in COLUMNS]
    if unknown:
        raise DataError([Problem(Position(path.as_posix()),
                                 f"Onbekende kolom(men): {', '.join(unknown)}.",
                                 "Gebruik deze kolomnamen: " + ", ".join(COLUMNS) + ".")])
    for row in reader:
        yield reader.line_num, {key: value for key, value in row.items() if key}


def append_entries(text: str, entries: list[dict]) -> str:
    """The themes file's text with `entries` added at the end of its `sessions:` list."""
    if not entries:
        return text
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^sessions\s*:", line)), None)
    if start is None:
        lines += ["", "sessions:"]
        start = len(lines) - 1
    elif re.match(r"^sessions\s*:\s*\[\s*\]\s*(#.*)?$", lines[start]):
        lines[start] = "sessions:"
    end = _end_of_block(lines, start)
    indent = _item_indent(lines[start + 1:end])
    block: list[str] = []
    for entry in entries:
        block += ["", *entry_yaml(entry, indent)]
    if end == start + 1:  # a fresh list: no blank line between the key and the first item
        block = block[1:]
    return "\n".join(lines[:end] + block + lines[end:]) + "\n"


def _end_of_block(lines: list[str], start: int) -> int:
    """Index after the last line of the block that begins at `start` (trailing blanks excluded)."""
    end = start + 1
    for index in range(start + 1, len(lines)):
        if _TOP_LEVEL_KEY.match(lines[index]):
            break
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            end = index + 1
    return end


def _item_indent(block: list[str]) -> str:
    for line in block:
        match = re.match(r"^(\s*)- ", line)
        if match:
            return match[1]
    return "  "


def entry_yaml(entry: dict, indent: str = "  ") -> list[str]:
    """One session as YAML lines; every text is a double-quoted (JSON) string."""
    lines = []
    for index, (key, value) in enumerate(entry.items()):
        prefix = indent + ("- " if index == 0 else "  ")
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines += [f"{indent}    {sub}: {_scalar(item)}" for sub, item in value.items()]
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
    return lines


def _scalar(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, (bool, int)):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)
