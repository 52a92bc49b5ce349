"""Stable links: CBS-code and former-slug addresses redirect to the readable page, and no
address can be claimed twice. (Chromium follows them in test_municipality_browser.py.)"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY
from test_validate import line_of, problems_in

from generator.dataset import load_dataset
from generator.render.stable_links import render_redirects
from generator.site_url import DEFAULT_SITE_URL

CODES = {"gm0034": "almere", "gm0118": "hoogeveen", "gm1640": "leudal", "gm0183": "tubbergen",
         "gm1700": "twenterand"}


def follow(site: Path, url_path: str) -> tuple[str, BeautifulSoup]:
    """Parse a redirect page's meta refresh and return the target's URL path and page."""
    soup = BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
    delay, target = re.fullmatch(r"(\d+); url=(\S+)", refresh).groups()
    assert delay == "0"
    assert soup.select_one("body a")["href"] == target  # visible link for when refresh is off
    landed = posixpath.normpath(posixpath.join(url_path, target)) + "/"
    page = BeautifulSoup((site / landed / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    return landed, page


@pytest.mark.parametrize(("code", "slug"), sorted(CODES.items()))
def test_code_urls_redirect_to_the_readable_page(built_site, code, slug):
    landed, page = follow(built_site, f"gemeenten/{code}/")
    assert landed == f"gemeenten/{slug}/"
    assert page.h1.get_text().startswith("POH Jeugd in")
    canonical = BeautifulSoup((built_site / f"gemeenten/{code}/index.html").read_text(),
                              "html.parser").select_one('link[rel="canonical"]')["href"]
    assert canonical == f"http://127.0.0.1:8000/gemeenten/{slug}/"
    landed, _ = follow(built_site, f"embed/gemeenten/{code}/")
    assert landed == f"embed/gemeenten/{slug}/"


def test_former_slugs_redirect(edit, tmp_path):
    data = edit("municipalities.yaml", "  - id: almere\n    name: Almere\n",
                "  - id: almere\n    name: Almere\n    former_slugs: [almere-stad, almere-haven]\n")
    edit("practices.yaml", "  - id: eikstaete-hoogeveen\n",
         "  - id: eikstaete-hoogeveen\n    former_slugs: [eikstaete]\n")
    dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
    files = render_redirects(dataset, TODAY, DEFAULT_SITE_URL)
    site = tmp_path / "site"
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(content, encoding="utf-8")
    for old, new in [("gemeenten/almere-stad/", "gemeenten/almere/"),
                     ("gemeenten/almere-haven/", "gemeenten/almere/"),
                     ("embed/gemeenten/almere-stad/", "embed/gemeenten/almere/"),
                     ("praktijken/eikstaete/", "praktijken/eikstaete-hoogeveen/")]:
        refresh = BeautifulSoup((site / old / "index.html").read_text(), "html.parser")
        target = refresh.select_one('meta[http-equiv="refresh"]')["content"].split("url=")[1]
        assert posixpath.normpath(posixpath.join(old, target)) + "/" == new


def test_redirect_text_is_escaped(hostile_site):
    html = (hostile_site / "gemeenten/gm9999/index.html").read_text(encoding="utf-8")
    assert "Gif&lt;b&gt;stad&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("municipalities.yaml", "  - id: almere\n    name: Almere\n",
     "  - id: almere\n    name: Almere\n    former_slugs: [leudal]\n",
     "Het adres 'leudal' is al de id van een gemeente"),
    ("municipalities.yaml", "  - id: almere\n    name: Almere\n",
     "  - id: almere\n    name: Almere\n    former_slugs: [gm1700]\n",
     "Het adres 'gm1700' is al de CBS-code van een gemeente"),
    ("practices.yaml", "  - id: de-weide-hoogeveen\n",
     "  - id: de-weide-hoogeveen\n    former_slugs: [eikstaete-hoogeveen]\n",
     "Het adres 'eikstaete-hoogeveen' is al de id van een praktijk"),
])
def test_a_former_slug_may_not_take_a_live_address(edit, file, old, new, message):
    data = edit(file, old, new)
    (problem,) = problems_in(data)
    line = line_of(data, file, "former_slugs:")
    assert problem.startswith(f"{data}/{file}:{line}:")
    assert message in problem and "fout" in problem and "Tip:" in problem


def test_two_pages_may_not_share_a_former_slug(edit):
    data = edit("practices.yaml", "  - id: de-weide-hoogeveen\n",
                "  - id: de-weide-hoogeveen\n    former_slugs: [oud]\n")
    edit("practices.yaml", "  - id: de-wielewaal-hoogeveen\n",
         "  - id: de-wielewaal-hoogeveen\n    former_slugs: [oud]\n")
    (problem,) = problems_in(data)
    first = line_of(data, "practices.yaml", "former_slugs: [oud]")
    assert f"Het adres 'oud' is al een oud adres van een praktijk (regel {first})" in problem


def test_former_slugs_must_look_like_slugs(edit):
    data = edit("practices.yaml", "  - id: de-weide-hoogeveen\n",
                "  - id: de-weide-hoogeveen\n    former_slugs: [De Weide]\n")
    (problem,) = problems_in(data)
    assert "practices.yaml:" in problem and "fout" in problem


def test_no_redirect_for_a_code_that_is_the_id(edit):
    data = edit("municipalities.yaml", "  - id: almere\n    name: Almere\n",
                "  - id: gm0034\n    name: Almere\n")
    edit("municipalities.yaml", "municipalities: [almere]", "municipalities: [gm0034]")
    dataset, _ = load_dataset(data, TODAY)
    assert [m.id for m in dataset.municipalities if m.cbs_code == "GM0034"] == ["gm0034"]
    assert not any(path.startswith("gemeenten/gm0034/") for path in
                   render_redirects(dataset, TODAY, DEFAULT_SITE_URL))
