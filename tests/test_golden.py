"""Golden files: a few generated pages of the fixture data, kept in tests/golden/, so that a
template change shows in review as a change of HTML.

After a deliberate change, write them anew and review the diff:

    POH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TODAY

from generator.dataset import load_dataset
from generator.export import page_file
from generator.render import render_site
from generator.site_url import DEFAULT_SITE_URL

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = ("praktijken/deckers-haelen.md", "gemeenten/leudal.md",
         "agenda/gemeenten/leudal.md", "themas/opvoeden.md", "embed/gemeenten/hoogeveen.md")


@pytest.fixture(scope="module")
def pages(sessions_data):
    dataset, _warnings = load_dataset(sessions_data, TODAY)
    return render_site(dataset, TODAY, DEFAULT_SITE_URL).pages


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_its_golden_file(pages, path):
    golden = GOLDEN / path
    rendered = page_file(pages[path])  # front matter and HTML: all a template decides
    if os.environ.get("POH_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == rendered, (
        f"{path} differs from tests/golden/{path}; if the change is meant, "
        "write the golden files anew (see this module's docstring) and review the diff")
