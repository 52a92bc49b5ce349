"""LinkChecker over the built site served on 127.0.0.1: zero broken links."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")


def linkcheck(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINKCHECKER), "--no-status", "--threads", "4", "--output", "text", url],
        capture_output=True, text=True, timeout=600, check=False,
    )


def test_linkchecker_finds_no_broken_links(site_url):
    result = linkcheck(site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors found" in result.stdout


def test_linkchecker_notices_a_missing_page(built_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    shutil.rmtree(broken / "praktijken" / "deckers-haelen")
    with serve(broken) as url:
        result = linkcheck(url)
    assert result.returncode == 1
    assert "praktijken/deckers-haelen/" in result.stdout
