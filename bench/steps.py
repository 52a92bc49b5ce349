"""The generator's own work, timed in a process of its own: load+validate, then render.

Run by the benchmark as `python -m bench.steps DATA_DIR TODAY RESULT.json`. Besides the
times and peak memory it writes what the reference site needs to copy: every Markdown
page (generated or hand-written) with its length and number of sections, and the
navigation sections the hook adds.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from generator.dataset import load_dataset
from generator.render import render_site
from generator.render.page import Page
from generator.site_url import DEFAULT_SITE_URL

DOCS = Path(__file__).resolve().parent.parent / "docs"


def page_shape(markdown: str) -> list[int]:
    """[characters, level-2 headings] of a Markdown page: what the reference imitates."""
    return [len(markdown), sum(1 for line in markdown.splitlines() if line.startswith("## "))]


def html_shape(page: Page) -> list[int]:
    """The same for a generated page: its HTML's length and its h2 headings."""
    return [len(page.html), sum(1 for heading in page.headings if heading.level == 2)]


def measure(data_dir: Path, today: dt.date) -> dict:
    started, cpu_started = time.perf_counter(), time.process_time()
    dataset, warnings = load_dataset(data_dir, today)
    loaded, cpu_loaded = time.perf_counter(), time.process_time()
    load_peak = _peak()
    site = render_site(dataset, today, DEFAULT_SITE_URL, parallel=True)  # as the build
    rendered, cpu_rendered = time.perf_counter(), time.process_time()
    pages = {path: html_shape(page) for path, page in site.pages.items()}
    pages |= {path.relative_to(DOCS).as_posix(): page_shape(path.read_text(encoding="utf-8"))
              for path in DOCS.rglob("*.md")}
    return {
        "load_seconds": loaded - started, "load_peak_bytes": load_peak,
        "render_seconds": rendered - loaded, "render_peak_bytes": _peak(),
        "load_cpu_seconds": cpu_loaded - cpu_started,
        "render_cpu_seconds": cpu_rendered - cpu_loaded,
        "warnings": len(warnings), "files": len(site.pages) + len(site.files),
        "generated_bytes": sum(len(page.html) for page in site.pages.values())
        + sum(len(content) for content in site.files.values()),
        "pages": pages, "sections": site.nav,
    }


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux counts in KiB


def main(argv: list[str]) -> int:
    data_dir, today, result = Path(argv[0]), dt.date.fromisoformat(argv[1]), Path(argv[2])
    result.write_text(json.dumps(measure(data_dir, today)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
