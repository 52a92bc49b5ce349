"""datapackage.json: a Frictionless Data Package descriptor of the open data files.

A CSV file has no place for its licence, and neither has the HSDS export: HSDS 3.0 puts the
licence of an API in its OpenAPI description (`info.license`), and a service's `licenses`
are the permits an organisation operates under, not the licence of the data. The data
package names the licence of every file in one machine-readable place, lists the files
and describes each CSV column (the same words as the open data page).
"""

from __future__ import annotations

import datetime as dt
import posixpath

from generator.model import Dataset
from generator.render.open_data.records import LICENCE
from generator.render.open_data.tables import TABLES
from generator.render.paths import (
    ALL_JSON,
    DATA_PACKAGE,
    HSDS_JSON,
    OPEN_DATA,
    municipality_json_path,
    public_url,
)


def data_package(dataset: Dataset, today: dt.date, site_url: str) -> dict:
    folder = posixpath.dirname(DATA_PACKAGE)

    def resource(path: str, name: str, title: str, **more: object) -> dict:
        media = "text/csv" if path.endswith(".csv") else "application/json"
        return {"name": name, "path": posixpath.relpath(path, folder), "title": title,
                "format": path.rsplit(".", 1)[-1], "mediatype": media, "encoding": "utf-8",
                **more}

    resources = [resource(ALL_JSON, "poh-jeugd", "Alle gegevens")]
    resources += [
        resource(table.path, posixpath.basename(table.path).removesuffix(".csv"), table.title,
                 profile="tabular-data-resource",
                 schema={"fields": [{"name": column.name, "type": "string",
                                     "description": column.meaning}
                                    for column in table.columns]})
        for table in TABLES]
    resources.append(resource(HSDS_JSON, "hsds-services", "Open Referral HSDS 3.0: diensten"))
    resources += [resource(municipality_json_path(m), f"gemeente-{m.id}",
                           f"Gegevens van de pilot in {m.name}")
                  for m in dataset.municipalities]
    return {
        "profile": "data-package",
        "name": "poh-jeugd-bij-de-huisarts",
        "title": "POH Jeugd bij de huisarts: open data",
        "description": LICENCE["note"],
        "homepage": public_url(site_url, OPEN_DATA),
        "created": f"{today.isoformat()}T00:00:00Z",
        "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"], "title": LICENCE["name"]}],
        "resources": resources,
    }
