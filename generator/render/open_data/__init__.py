"""Open data: the model as JSON, CSV and an Open Referral HSDS 3.0 export.

One set of records (records.py: plain dicts made from the model) feeds every format: the
JSON files are the records, each CSV column (tables.py) reads one field of them, and the
HSDS export (hsds.py) follows the international standard for social services directories.
The open data page documents the files from the same definitions.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from generator.model import Dataset
from generator.render.open_data.hsds import HSDS_JSON, hsds_services, present
from generator.render.open_data.records import (
    ALL_JSON,
    FOLDER,
    LICENCE,
    Records,
    all_data,
    municipality_data,
    municipality_feeds,
    municipality_json_path,
)
from generator.render.open_data.tables import TABLES, csv_text

__all__ = ["ALL_JSON", "FOLDER", "HSDS_JSON", "LICENCE", "TABLES", "Records", "all_data",
           "municipality_data", "municipality_feeds", "municipality_json_path", "present",
           "render_open_data"]


def render_open_data(dataset: Dataset, today: dt.date, site_url: str) -> dict[str, str]:
    """Every download of the open data page, by path."""
    records = Records(dataset, today, site_url)
    writer = _JsonWriter()
    data = all_data(records)
    files = {ALL_JSON: writer.json(data),
             HSDS_JSON: _json(hsds_services(dataset, today, site_url))}
    files |= {municipality_json_path(m): writer.json(municipality_data(m, records))
              for m in dataset.municipalities}
    files |= {table.path: csv_text(table, data) for table in TABLES}
    return files


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


class _JsonWriter:
    """`_json`, but each record dict (in a list or a value at the top) is encoded once.

    json.dumps with an indent runs in pure Python; the national set's records are in
    two files each. A record is encoded alone, stood in for by a token, and put back
    with its lines indented as deep as the token's line: the text is exactly the same.
    """

    _TOKEN = re.compile(r'^( *)(.*)"\\u0000(\d+)\\u0000"', re.MULTILINE)

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}  # by id() of the record
        self.texts: list[str] = []
        self.kept: list[dict] = []  # keeps the records alive, so their ids stay theirs

    def json(self, document: dict) -> str:
        skeleton = {key: [self._token(item) for item in value] if isinstance(value, list)
                    else self._token(value) for key, value in document.items()}
        text = json.dumps(skeleton, ensure_ascii=False, indent=2)
        return self._TOKEN.sub(
            lambda m: m[1] + m[2] + self.texts[int(m[3])].replace("\n", "\n" + m[1]),
            text) + "\n"

    def _token(self, value: object) -> object:
        if not isinstance(value, dict):
            return value
        key = id(value)
        if key not in self.numbers:
            self.kept.append(value)
            self.numbers[key] = len(self.texts)
            self.texts.append(json.dumps(value, ensure_ascii=False, indent=2))
        return f"\x00{self.numbers[key]}\x00"
