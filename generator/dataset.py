"""Load, validate and convert the data folder in one step: the only way in to the model."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.convert import build_dataset
from generator.load import Document, JsonPath, load_document, without_gc
from generator.model import Dataset
from generator.problems import DataError, Problem
from generator.validate import load_validators, schema_problems

DATA_FILES = ("municipalities", "practices", "themes")
# The rules belong to the project, not to one data folder: fixtures are checked by them too.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def load_dataset(data_dir: Path, today: dt.date) -> tuple[Dataset, list[Problem]]:
    """The model and its warnings; DataError with every problem when the data is invalid.

    `today` is the build's date: some warnings depend on it (an outdated check date).
    """
    with without_gc():  # the values, checks and model are large and free of cycles
        return _load_dataset(data_dir, today)


def _load_dataset(data_dir: Path, today: dt.date) -> tuple[Dataset, list[Problem]]:
    validators = load_validators(SCHEMA_DIR)
    checked: dict[str, tuple[Document, set[JsonPath]]] = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        path = data_dir / f"{name}.yaml"
        try:
            document = load_document(path, _display_name(path))
        except DataError as error:
            problems.extend(error.problems)
            continue
        found, invalid = schema_problems(document, validators[name])
        problems.extend(document.problems + found)
        if () not in invalid:  # a document broken at the top cannot be cross-checked
            checked[name] = (document, invalid)
    if len(checked) < len(DATA_FILES):
        raise DataError(problems)
    dataset = build_dataset(*(checked[name] for name in DATA_FILES), today, problems)
    _stop_on_errors(problems)
    return dataset, sorted(problems)


def _stop_on_errors(problems: list[Problem]) -> None:
    if any(not problem.is_warning for problem in problems):
        raise DataError(problems)


def _display_name(path: Path) -> str:
    """The path as the editor knows it: relative to the working folder where possible."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
