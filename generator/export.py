"""Writes the generated site into a folder, for site engines that run no hooks (Zensical).

Each page becomes a Markdown file: front matter with its settings, then its HTML as one
raw HTML block, which Markdown engines pass through unchanged. Other files are copied.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.render import Site
from generator.render.page import Page


def export_site(site: Site, target: Path) -> int:
    """Write every page and file under `target`; returns how many were new or changed.
    Unchanged files are not rewritten, so a watching engine does not rebuild for nothing."""
    contents: dict[str, str | bytes] = {path: page_file(page) for path, page in site.pages.items()}
    contents |= site.files
    written = 0
    for path, content in contents.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        file = target / path
        if file.exists() and file.read_bytes() == data:
            continue
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        written += 1
    return written


def page_file(page: Page) -> str:
    """A page as Markdown: front matter, then its HTML as one raw block."""
    # ASCII only: YAML escapes the rest, so line-break-like characters (\x85) read back as typed.
    front = yaml.safe_dump(page.front_matter(), allow_unicode=False, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n<div class=\"poh-page\">\n{page.html}</div>\n"
