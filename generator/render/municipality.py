"""What municipality pages, the overview and the embed pages need beyond the model:
the computed status, timelines, stable addresses, the embed code and JSON-LD."""

from __future__ import annotations

import datetime as dt
import html

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


def municipality_globals(dataset: Dataset, today: dt.date) -> dict:
    """Template globals, bound to the dataset and the build's today."""
    return {
        "pilot_status": lambda pilot: pilot_status(pilot, today),
        "timeline": lambda municipality: municipality_timeline(municipality, today),
        "overview_timeline": lambda: overview_timeline(dataset.municipalities, today),
        "timeline_marks": pilot_marks,
        "mark_date": mark_date,
        "public_url": public_url,
        "page_path": page_path,
        "code_url": code_url,
        "embed_code": embed_code,
        "feeds": municipality_feeds,
        "municipality_json_ld": lambda m: json_ld.municipality_json_ld(m, dataset),
        "practice_json_ld": json_ld.practice_json_ld,
    }


def embed_code(municipality: Municipality) -> Markup:
    """The iframe snippet a municipality's web editor copies, shown as code."""
    title = html.escape(f"POH Jeugd in {municipality.name}", quote=True)
    snippet = (f'<iframe src="{public_url(embed_path(municipality))}" title="{title}" '
               f'width="100%" height="{EMBED_HEIGHT}" style="border: 0; max-width: 100%;" '
               'loading="lazy"></iframe>')
    return Markup(f'<pre class="embed-code"><code>{html.escape(snippet)}</code></pre>')
