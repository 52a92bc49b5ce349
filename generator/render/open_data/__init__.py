"""Open data: the model as JSON, CSV and an Open Referral HSDS 3.0 export.

One set of records (records.py: plain dicts made from the model) feeds every format: the
JSON files are the records, each CSV column (tables.py) reads one field of them, and the
HSDS export (hsds.py) follows the international standard for social services directories.
datapackage.json (package.py) lists the files with their licence, which CSV cannot carry.
The open data page documents the files from the same definitions.
"""

from __future__ import annotations

import datetime as dt

import orjson

from generator.model import Dataset
from generator.render.open_data.hsds import hsds_services, present
from generator.render.open_data.package import data_package
from generator.render.open_data.records import (
    LICENCE,
    Records,
    all_data,
    municipality_data,
    municipality_feeds,
)
from generator.render.open_data.tables import TABLES, csv_text
from generator.render.paths import ALL_JSON, DATA_PACKAGE, HSDS_JSON, municipality_json_path

__all__ = ["LICENCE", "TABLES", "Records", "all_data", "json_bytes", "municipality_data",
           "municipality_feeds", "present", "render_open_data"]


def render_open_data(dataset: Dataset, today: dt.date,
                     site_url: str) -> dict[str, str | bytes]:
    """Every download of the open data page, by path."""
    records = Records(dataset, today, site_url)
    data = all_data(records)
    files: dict[str, str | bytes] = {
        ALL_JSON: json_bytes(data), HSDS_JSON: json_bytes(hsds_services(dataset, today, site_url))}
    files |= {municipality_json_path(m): json_bytes(municipality_data(m, records))
              for m in dataset.municipalities}
    files |= {table.path: csv_text(table, data) for table in TABLES}
    files[DATA_PACKAGE] = json_bytes(data_package(dataset, today, site_url))
    return files


def json_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON with the keys in the records' order, and a final line end."""
    return orjson.dumps(value) + b"\n"
