"""Load, validate and convert the data folder in one step: the only way in to the model."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jsonschema import Draft202012Validator

from generator.convert import build_dataset
from generator.load import Document, JsonPath, load_document, without_gc
from generator.model import Dataset
from generator.problems import DataError, Problem
from generator.validate import load_validators, schema_problems

DATA_FILES = ("municipalities", "practices", "themes")
# The rules belong to the project, not to one data folder: fixtures are checked by them too.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


# A data file read and checked against its schema: the document, the schema's problems and
# the paths of invalid values; kept by a preview between rebuilds while the file is unchanged.
Checked = tuple[Document, list[Problem], set[JsonPath]]
FileCache = dict[Path, tuple[tuple[int, int], Checked]]


def load_dataset(data_dir: Path, today: dt.date,
                 cache: FileCache | None = None) -> tuple[Dataset, list[Problem]]:
    """The model and its warnings; DataError with every problem when the data is invalid.

    `today` is the build's date: some warnings depend on it (an outdated check date).
    With a `cache` (the live preview), files unchanged since the last call are not read
    again: only the cross-checks and the model are made anew.
    """
    with without_gc():  # the values, checks and model are large and free of cycles
        return _load_dataset(data_dir, today, {} if cache is None else cache)


def _load_dataset(data_dir: Path, today: dt.date,
                  cache: FileCache) -> tuple[Dataset, list[Problem]]:
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
    if len(checked) < len(DATA_FILES):
        raise DataError(problems)
    dataset = build_dataset(*(checked[name] for name in DATA_FILES), today, problems)
    _stop_on_errors(problems)
    return dataset, sorted(problems)


def _checked_file(path: Path, validator: Draft202012Validator, cache: FileCache) -> Checked:
    try:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = None  # load_document says what is wrong
    if signature and path in cache and cache[path][0] == signature:
        return cache[path][1]
    document = load_document(path, _display_name(path))
    checked = (document, *schema_problems(document, validator))
    if signature:
        cache[path] = (signature, checked)
    return checked


def _stop_on_errors(problems: list[Problem]) -> None:
    if any(not problem.is_warning for problem in problems):
        raise DataError(problems)


def _display_name(path: Path) -> str:
    """The path as the editor knows it: relative to the working folder where possible."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
