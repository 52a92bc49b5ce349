"""Shared fixtures: copies of the data to break, and real builds of the site."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from generator.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 23)
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and the poster PDF, kept after a run
PHONE = {"width": 360, "height": 740}  # a cheap phone's viewport
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def build(data_dir: Path, site_dir: Path, today: dt.date = TODAY) -> int:
    """Run the real build command (validation, MkDocs --strict, atomic swap)."""
    return main(["build", "--data", str(data_dir), "--site-dir", str(site_dir),
                 "--config-file", str(ROOT / "mkdocs.yml"), "--today", today.isoformat()])


# Text that puts iCalendar's escaping and folding to work: escapes, line breaks, and
# characters of every UTF-8 length right around the 75-octet fold.
TRICKY_TEXT = (
    "Komma's, puntkomma's; en een \\ backslash, \\N en \\n letterlijk",
    "Regel een\nregel twee\r\nregel drie\rregel vier",
    "Éé ü ß 😀 — € " * 12,
    "x" * 72 + "\\" + "y" * 80,
    "a" * 73 + "^" + "b" * 10,
    "a" * 74 + ",",
    "ë" * 40 + "\\;" + "é" * 40,
    "kort",
    *("a" * k + ",\\^;" + "b" * 90 for k in range(55, 67)),  # escapes around the fold
    *("é" * k + "^\\," + "😀" * 30 for k in range(28, 40, 3)),
)


# --- Tiers: `pytest -m unit` (make test-fast) runs in seconds; `make test` runs them all. -----

FUZZ_MODULES = {"test_fuzz_loader", "test_properties"}
BUILD_MODULES = {"test_build", "test_bench", "test_export", "test_linkcheck",
                 "test_editor_site"}
SITE_FIXTURES = {"built_site", "sessions_site", "details_site", "hostile_site", "site_url",
                 "details_url", "sessions_url", "zensical_site", "pilots_site", "poster_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test gets one tier from what it uses: a browser, a built site, the preview
    server, generated examples, or none of these (unit)."""
    for item in items:
        module = item.module.__name__
        fixtures = set(getattr(item, "fixturenames", ()))
        if module == "test_serve":
            tier = "serve"
        elif "browser" in fixtures:
            tier = "browser"
        elif module in FUZZ_MODULES:
            tier = "fuzz"
        elif module in BUILD_MODULES or fixtures & SITE_FIXTURES:
            tier = "build"
        else:
            tier = "unit"
        item.add_marker(tier)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data folder, free to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("schemas"))
    return target


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace text once in one file of the data copy; fails loudly if the text is absent."""

    def replace(file: str, old: str, new: str) -> Path:
        path = data_copy / file
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{old!r} not in {file}"
        path.write_text(content.replace(old, new, 1), encoding="utf-8")
        return data_copy

    return replace


def overlay(target: Path, *fixtures: str) -> Path:
    """The shipped data with the files of tests/fixtures/<fixture>/ laid over it, in order:
    its *.yaml files, and the session files in its sessions/ folder."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("schemas"))
    for fixture in fixtures:
        for path in (FIXTURES / fixture).glob("*.yaml"):
            shutil.copy(path, target / path.name)
        if (FIXTURES / fixture / "sessions").is_dir():
            shutil.copytree(FIXTURES / fixture / "sessions", target / "sessions",
                            dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def sessions_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shipped data plus past, upcoming, cancelled, moved and DST-day theme sessions."""
    return overlay(tmp_path_factory.mktemp("sessions") / "data", "sessions")


@pytest.fixture(scope="session")
def sessions_site(sessions_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sessions-site") / "site"
    assert build(sessions_data, site) == 0
    return site


@pytest.fixture(scope="session")
def details_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shipped data with every kind of page content: the theme sessions, plus a practice
    with every optional field, an absence and an outdated check date."""
    data = overlay(tmp_path_factory.mktemp("details") / "data", "sessions", "practice_details")
    site = data.parent / "site"
    assert build(data, site) == 0  # its outdated check date is a warning, not an error
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the shipped data."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    assert build(DATA, site) == 0
    return site


@pytest.fixture(scope="session")
def pilots_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fictional pilots unlike the shipped five: status unknown, made permanent, a joint
    arrangement, counts and outcome figures, several providers, a practice known only by
    name, and a pilot with every optional field left out (Kaalhoven)."""
    return overlay(tmp_path_factory.mktemp("pilots") / "data", "pilots")


@pytest.fixture(scope="session")
def pilots_site(pilots_data: Path) -> Path:
    site = pilots_data.parent / "site"
    assert build(pilots_data, site) == 0
    return site


@pytest.fixture(scope="session")
def poster_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Practices that put the printed poster to the test: a long name, many hours, an
    appointment text of a few paragraphs and one too long for a poster, no hours and no
    place (tests/fixtures/poster)."""
    data = overlay(tmp_path_factory.mktemp("poster") / "data", "poster")
    site = data.parent / "site"
    assert build(data, site) == 0
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data full of HTML, Markdown and template syntax."""
    site = tmp_path_factory.mktemp("hostile") / "site"
    assert build(FIXTURES / "hostile", site) == 0
    return site


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing page gets the site's own 404.html (status 404), as from a web server
        set up for the site (nginx: `error_page 404 /404.html;`)."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a browser downloaded by Playwright
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test (Playwright is imported only here and
    in the browser tests' own modules)."""
    from playwright.sync_api import expect, sync_playwright

    # Checks wait for the state they check; Playwright's 5 s default for `expect` is shorter
    # than a busy two-core machine needs to load and run a page's script.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def details_url(details_site: Path) -> Iterator[str]:
    with serve(details_site) as url:
        yield url


def at(browser: Browser, moment: dt.datetime, **options) -> Page:
    """A page whose clock reads `moment` from the first script on."""
    page = browser.new_context(**options).new_page()
    page.clock.install(time=moment)
    return page


# Outside checkers, installed by `make test` from package-lock.json.
AXE = ROOT / "node_modules/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def no_sideways_scroll(frame) -> bool:
    return frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def axe_violations(page: Page, rules: list[str] | None = None) -> list[tuple[str, list]]:
    """axe-core's findings on the page as it is now: WCAG 2.0/2.1 A and AA, or `rules`."""
    # Measured at rest: a transition still running (search results fading in) gave
    # color-contrast findings on a busy machine.
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')")
    # Evaluated by the browser's debugging protocol: the pages' Content-Security-Policy would
    # block a <script> that Playwright added (as it blocks any script not in the page).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_AA}
    result = page.evaluate("only => axe.run(document, {runOnly: only})", only)
    assert rules or result["passes"], "axe ran no checks"
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


# Stock Material markup that the checker rejects and no template of ours writes: the hidden
# checkbox toggles carry autocomplete="off", and nav labels point at those toggles. Listed
# exactly, so that anything else still fails.
MATERIAL_STOCK = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden "
    "form control.",
)


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in these files, beyond Material's own."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
         *map(str, files)], capture_output=True, text=True, timeout=300, check=True)
    messages = json.loads(result.stderr)["messages"]
    return [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m["type"] == "error" and not m["message"].startswith(MATERIAL_STOCK)]
