"""What municipality pages, the overview and the embed pages need beyond the model:
the computed status, timelines, stable addresses, the embed code and JSON-LD."""

from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup

from generator.model import Dataset, Municipality
from generator.render import json_ld
from generator.render.open_data import municipality_feeds
from generator.render.paths import embed_path, page_path, public_url, site_origin
from generator.render.pilot_status import pilot_status
from generator.render.stable_links import code_url
from generator.render.timeline import (
    mark_date,
    municipality_timeline,
    overview_timeline,
    pilot_marks,
)

# The frame's height where no script runs (the municipality's site blocks inline scripts,
# or the visitor's browser runs none). The shipped pilots' embeds measured 708-801 px high
# in a 344 px wide frame (a phone) and 410-478 px in a wide one: a phone first, where
# scrolling inside a frame is hardest; on a laptop the frame then has room to spare.
EMBED_HEIGHT = 800
EMBED_MESSAGE = "poh-jeugd-embed-hoogte"  # what docs/javascripts/embed.js sends
# Inside <script> on the municipality's page no value may end the block.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


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
    """The snippet a municipality's web editor copies, shown as code: the iframe and the few
    lines that give it the height the embed page reports (embed.js), but only when the
    message comes from this site's origin and from that very frame."""
    frame_id = f"poh-jeugd-{municipality.id}"
    iframe = Markup(
        '<iframe id="{}" src="{}" title="POH Jeugd in {}" width="100%" height="{}" '
        'style="border: 0; max-width: 100%;" loading="lazy"></iframe>'
    ).format(frame_id, public_url(site_url, embed_path(municipality)), municipality.name,
             EMBED_HEIGHT)
    script = _RESIZE_SCRIPT.format(frame=_js(frame_id), origin=_js(site_origin(site_url)),
                                   message=_js(EMBED_MESSAGE))
    # The script first: its listener must be there before the frame (another process, on
    # another origin) can load and send its height; it finds the frame when a message comes.
    snippet = f"<script>{script}</script>\n{iframe}"
    # Shown as code: the snippet's own markup is escaped once more.
    return Markup('<pre class="embed-code"><code>{}</code></pre>').format(snippet)


# ES5, for any browser; plain text in a <pre>, so it keeps its line breaks.
_RESIZE_SCRIPT = """
window.addEventListener("message", function (event) {{
  var frame = document.getElementById({frame});
  var data = event.data;
  if (!frame || event.origin !== {origin} || event.source !== frame.contentWindow) return;
  if (data && data.type === {message} && typeof data.height === "number" &&
      data.height > 0 && data.height < 20000) {{
    frame.style.height = Math.ceil(data.height) + "px";
  }}
}});
"""


def _js(value: str) -> str:
    """A JavaScript string literal that cannot end the <script> block it is in."""
    return json.dumps(value).translate(_SCRIPT_SAFE)
