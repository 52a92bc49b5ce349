"""`python -m generator export` for engines that run no hooks, proved with a real one:
Zensical (the successor of Material for MkDocs) builds the exported pilot site."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, overlay

from generator.cli import main
from generator.dataset import load_dataset
from generator.render import render_site
from generator.render.paths import page_url
from generator.site_url import DEFAULT_SITE_URL


def test_export_writes_the_generated_pages(tmp_path):
    assert main(["export", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    page = tmp_path / "praktijken/deckers-haelen.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Huisartsenpraktijk Deckers\n")
    assert "De POH Jeugd is er op dinsdag 15.00–16.00 uur." in text
    mtime = page.stat().st_mtime_ns
    assert main(["export", str(tmp_path), "--today", TODAY.isoformat()]) == 0
    assert page.stat().st_mtime_ns == mtime  # unchanged files are not rewritten


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The pilot site with sessions, exported into a copy of docs/ and built by Zensical."""
    project = tmp_path_factory.mktemp("zensical")
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    data = overlay(project / "data", "sessions")
    assert main(["export", str(project / "docs"), "--data", str(data),
                 "--today", TODAY.isoformat()]) == 0
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "--config-file", "mkdocs.yml"],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    dataset, _warnings = load_dataset(data, TODAY)
    return project / "site", render_site(dataset, TODAY, DEFAULT_SITE_URL).pages


def _text(document: str) -> str:
    body = re.sub(r"<script.*?</script>", " ", document, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_zensical_builds_every_generated_page_with_its_title(zensical_site):
    site, pages = zensical_site
    assert len(pages) >= 30
    for path, page in pages.items():
        built = site / page_url(path) / "index.html"
        assert built.is_file(), path
        document = built.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", document, re.S).group(1)
        assert html.unescape(title).startswith(page.title), path
        headings = [h.text for h in page.headings if h.level <= 2]
        text = _text(document)
        assert all(heading in text for heading in headings), path


def test_zensical_pages_carry_the_key_facts(zensical_site):
    site, _pages = zensical_site
    practice = _text((site / "praktijken/deckers-haelen/index.html").read_text("utf-8"))
    assert "dinsdag 15.00–16.00 uur" in practice and "gemeente Leudal" in practice
    municipality = _text((site / "gemeenten/leudal/index.html").read_text("utf-8"))
    assert "Pilotproject POH-Jeugd met het CJG" in municipality
    agenda = (site / "agenda/gemeenten/leudal/index.html").read_text("utf-8")
    assert agenda.count('class="poh-session') >= 2 and "Zet in mijn agenda" in agenda
    assert (site / "agenda/alle.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (site / "open-data/poh-jeugd.json").is_file()
