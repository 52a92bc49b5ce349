"""What municipality pages, the overview and the embed pages need beyond the model:
the computed status, timelines, stable addresses, the embed code and JSON-LD."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from generator.model import Dataset, Municipality
from generator.render import json_ld
from generator.render.open_data import municipality_feeds
from generator.render.paths import embed_path, page_path, public_url
from generator.render.pilot_status import pilot_status
from generator.render.stable_links import code_url
from generator.render.timeline import (
    mark_date,
    municipality_timeline,
    overview_timeline,
    pilot_marks,
)

EMBED_HEIGHT = 640


def municipality_globals(dataset: Dataset, today: dt.date, site_url: str) -> dict:
    """Template globals, bound to the dataset, the build's today and the public address."""
    return {
        "pilot_status": lambda pilot: pilot_status(pilot, today),
        "timeline": lambda municipality: municipality_timeline(municipality, today),
        "overview_timeline": lambda: overview_timeline(dataset.municipalities, today),
        "timeline_marks": pilot_marks,
        "mark_date": mark_date,
        "public_url": lambda path: public_url(site_url, path),
        "page_path": page_path,
        "code_url": lambda municipality: code_url(municipality, site_url),
        "embed_code": lambda municipality: embed_code(municipality, site_url),
        "feeds": municipality_feeds,
        "municipality_json_ld": lambda m: json_ld.municipality_json_ld(m, dataset, site_url),
        "practice_json_ld": lambda p: json_ld.practice_json_ld(p, site_url),
    }


def embed_code(municipality: Municipality, site_url: str) -> Markup:
    """The iframe snippet a municipality's web editor copies, shown as code."""
    snippet = Markup(
        '<iframe src="{}" title="POH Jeugd in {}" width="100%" height="{}" '
        'style="border: 0; max-width: 100%;" loading="lazy"></iframe>'
    ).format(public_url(site_url, embed_path(municipality)), municipality.name, EMBED_HEIGHT)
    # Shown as code: the snippet's own markup is escaped once more.
    return Markup('<pre class="embed-code"><code>{}</code></pre>').format(str(snippet))
