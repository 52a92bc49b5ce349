"""LinkChecker over the built site served on 127.0.0.1: zero broken links."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")


def linkcheck(url: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINKCHECKER), "--no-status", "--threads", "4", "--output", "text", *options, url],
        capture_output=True, text=True, timeout=600, check=False,
    )


def test_linkchecker_finds_no_broken_links(site_url):
    result = linkcheck(site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors found" in result.stdout


def test_linkchecker_finds_no_broken_links_on_the_404_page(site_url):
    """No page links to 404.html (the server answers with it), so the crawl above never
    reaches it: its own links, and what it loads, are checked from it."""
    result = linkcheck(site_url + "404.html", "--recursion-level", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors found" in result.stdout
    assert "/vind/" in linkcheck(site_url + "404.html", "--recursion-level", "1",
                                 "--verbose").stdout


def test_linkchecker_notices_a_broken_link_on_the_404_page(built_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    page = broken / "404.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="/vind/"',
                                                             'href="/vinden/"'),
                    encoding="utf-8")
    with serve(broken) as url:
        result = linkcheck(url + "404.html", "--recursion-level", "1")
    assert result.returncode == 1
    assert "/vinden/" in result.stdout


def test_linkchecker_notices_a_missing_page(built_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    shutil.rmtree(broken / "praktijken" / "deckers-haelen")
    with serve(broken) as url:
        result = linkcheck(url)
    assert result.returncode == 1
    assert "praktijken/deckers-haelen/" in result.stdout
