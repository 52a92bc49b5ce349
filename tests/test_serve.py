"""`make serve`: an edit in the data folder shows up without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float = 90) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear on {url} within {timeout} s")


def wait_for_log(log: Path, text: str, timeout: float = 90) -> None:
    """Until the server's output contains `text`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in log.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear in {log} within {timeout} s")


@pytest.fixture
def server(data_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`python -m generator serve` (what `make serve` runs) on a copy of the data."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data_copy),
         "--today", "2026-11-23", "--config-file", str(ROOT / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )
    try:
        yield f"http://127.0.0.1:{port}/", log_path
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_data_edit_is_served_without_restart(server, edit, capsys):
    page = server[0] + "praktijken/deckers-haelen/"
    wait_for(page, "15.00–16.00 uur")
    edit("practices.yaml", '        end: "16:00"', '        end: "16:30"')
    seconds = wait_for(page, "15.00–16.30 uur")
    with capsys.disabled():
        print(f"\n  edit visible in mkdocs serve after {seconds:.1f} s")


def test_invalid_edit_keeps_the_last_good_site(server, edit):
    url, log = server
    page = url + "praktijken/deckers-haelen/"
    wait_for(page, "15.00–16.00 uur")
    edit("practices.yaml", "    place: Haelen\n", "    place: Haelen\n    place: Roermond\n")
    wait_for_log(log, "de vorige versie blijft zichtbaar")  # the rebuild ran and refused
    assert "staat hier twee keer" in log.read_text(encoding="utf-8")
    assert "15.00–16.00 uur" in fetch(page)
    edit("practices.yaml", "    place: Roermond\n", "")
    edit("practices.yaml", '        end: "16:00"', '        end: "17:00"')
    wait_for(page, "15.00–17.00 uur")
