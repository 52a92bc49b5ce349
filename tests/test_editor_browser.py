"""The web editor in Chromium: a practice adds a theme session through the form at /admin/,
moves it to another date and cancels it. Decap's local backend (decap-server, from npm)
writes into a git repository holding a copy of the data. After each save only that
session's file has changed, `python -m generator validate` passes, and the rebuilt site
shows the session on the agenda, on the practice's page and in the practice's calendar
feed. No request leaves this computer."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import AMSTERDAM, DATA, TODAY, build, serve
from playwright.sync_api import Page, expect

from generator import decap
from generator.cli import main

SESSION = "deckers-haelen-2027-01-12-vaccinatie"  # the practice, the date, the theme
FILE = f"data/sessions/{SESSION}.yaml"
FEED = "agenda/praktijken/deckers-haelen.ics"
LOCAL = {"127.0.0.1", "localhost"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                          capture_output=True, text=True).stdout


def changes(repo: Path) -> list[str]:
    """`git status`, one line per changed or new file."""
    return git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()


@dataclass
class Editor:
    repo: Path
    site: Path
    url: str

    def saved(self, expected_change: str) -> None:
        """After a save: only the session's file changed; the data is valid; the site is
        built again from it; the change is committed (the next diff starts from here)."""
        assert changes(self.repo) == [expected_change]
        data = self.repo / "data"
        assert main(["validate", "--data", str(data), "--today", TODAY.isoformat()]) == 0
        assert build(data, self.site) == 0
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-q", "-m", expected_change)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Editor]:
    """A git repository with the shipped data, the site built from it with the editor
    pointing at decap-server on a free port, both running."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "De gegevens")
    port = free_port()
    monkeypatch.setenv("DECAP_SERVER_PORT", str(port))  # mkdocs.yml: extra.editor.local_port
    site = tmp_path / "site"
    assert build(repo / "data", site) == 0
    with decap.local_backend(repo, port, tmp_path / "decap-server.log"), serve(site) as url:
        yield Editor(repo, site, url)


def choose(page: Page, label: str, typed: str, option: str) -> None:
    """Pick an option of a choice list (Decap's select and relation widgets) by typing."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(typed)
    page.locator("[class*='-option']").filter(has_text=option).first.click()


def publish(page: Page, repo: Path, done: str) -> None:
    """'Publiceer' > 'Publiceer nu', then wait until the file says `done`."""
    page.get_by_role("button", name="Publiceer", exact=True).click()
    page.get_by_text("Publiceer nu", exact=True).click()
    path = repo / FILE
    started = time.monotonic()
    while not (path.is_file() and done in path.read_text(encoding="utf-8")):
        assert time.monotonic() - started < 30, f"{done!r} not saved in {FILE}"
        time.sleep(0.1)
    expect(page.get_by_text("Wijzigingen opgeslagen")).to_be_visible()


def open_session(page: Page, admin: str, date: str) -> None:
    """From the list of sessions, as an editor finds one: by its date. (Decap keeps the
    list it loaded first until the page is loaded again; the form itself is current.)"""
    page.goto(admin + "#/collections/bijeenkomsten")
    page.reload()
    page.get_by_role("link", name=date).click()
    expect(page.get_by_label("Datum", exact=True)).to_have_value(date)


def site_shows(site: Path, day: int, *, cancelled: bool) -> None:
    """The session on the agenda page, on the practice's page and in its calendar feed."""
    when = f"dinsdag {day} januari 2027, 19.30–21.00 uur"
    agenda = BeautifulSoup((site / "agenda/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    card = agenda.select_one(f"#sessie-{SESSION}")
    assert card is not None and card.h3.get_text() == when
    text = " ".join(card.get_text(" ").split())
    assert "Vaccinatie" in text and "Buurthuis De Kei, Kerkstraat 1, 6081 AB Haelen" in text
    assert ("Gaat niet door" in text) == cancelled
    practice = BeautifulSoup((site / "praktijken/deckers-haelen/index.html")
                             .read_text(encoding="utf-8"), "html.parser")
    link = practice.select_one(f'article a[href$="#sessie-{SESSION}"]')
    assert link is not None and link.get_text() == when
    with (site / FEED).open(encoding="utf-8", newline="") as feed:
        events = {str(event["UID"]): event
                  for event in icalendar.Calendar.from_ical(feed.read()).walk("VEVENT")}
    event = events[f"sessie-{SESSION}@poh-jeugd"]  # one event, the same UID throughout
    assert event.start == dt.datetime(2027, 1, day, 19, 30, tzinfo=AMSTERDAM)
    assert event.end == dt.datetime(2027, 1, day, 21, 0, tzinfo=AMSTERDAM)
    assert str(event["STATUS"]) == ("CANCELLED" if cancelled else "CONFIRMED")


def test_a_practice_adds_moves_and_cancels_a_session_in_the_web_editor(browser, editor):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script("window.__violations = []; document.addEventListener("
                         "'securitypolicyviolation', e => window.__violations.push("
                         "e.violatedDirective + ' ' + e.blockedURI));")
    admin = editor.url + "admin/"
    try:
        page.goto(admin)
        page.get_by_role("button", name="Inloggen").click()  # the local backend: no account
        expect(page.get_by_role("link", name="Themabijeenkomsten")).to_be_visible()

        # Add: a new file, named after the practice, the date and the theme.
        page.goto(admin + "#/collections/bijeenkomsten/new")
        choose(page, "Thema", "vacc", "Vaccinatie")
        choose(page, "Praktijken", "Deckers", "Huisartsenpraktijk Deckers")
        page.get_by_label("Datum", exact=True).fill("2027-01-12")
        page.get_by_label("Begintijd", exact=True).fill("19:30")
        page.get_by_label("Eindtijd", exact=True).fill("21:00")
        page.get_by_label("Naam van de locatie (optioneel)", exact=True).fill("Buurthuis De Kei")
        page.get_by_label("Adres (optioneel)", exact=True).fill("Kerkstraat 1")
        page.get_by_label("Postcode (optioneel)", exact=True).fill("6081 AB")
        page.get_by_label("Plaats (optioneel)", exact=True).fill("Haelen")
        page.get_by_label("Geleid door (optioneel)", exact=True).fill("CJG")
        page.get_by_label("Geleid door (optioneel)", exact=True).fill("")  # emptied again
        page.get_by_label("Beschrijving", exact=True).fill(
            "Vragen over vaccineren? De huisarts en het CJG vertellen erover.")
        publish(page, editor.repo, "status: gepland")
        saved = (editor.repo / FILE).read_text(encoding="utf-8")
        assert saved.startswith("# yaml-language-server: $schema=../schemas/session.schema")
        assert "led_by" not in saved and "id:" not in saved  # the file name is the id
        editor.saved(f"?? {FILE}")
        site_shows(editor.site, 12, cancelled=False)

        # Move: the same file (and calendar event) on its new date.
        open_session(page, admin, "2027-01-12")
        page.get_by_label("Datum", exact=True).fill("2027-01-19")
        publish(page, editor.repo, "date: 2027-01-19")
        editor.saved(f" M {FILE}")
        diff = git(editor.repo, "diff", "HEAD~1", "--", FILE)
        assert [line for line in diff.splitlines() if line[:1] in "+-"
                and not line.startswith(("+++", "---"))] == ["-date: 2027-01-12",
                                                              "+date: 2027-01-19"]
        site_shows(editor.site, 19, cancelled=False)

        # Cancel: it stays on the agenda and in the feed, as cancelled.
        open_session(page, admin, "2027-01-19")
        choose(page, "Status", "geann", "geannuleerd")
        publish(page, editor.repo, "status: geannuleerd")
        editor.saved(f" M {FILE}")
        site_shows(editor.site, 19, cancelled=True)

        violations = page.evaluate("window.__violations")
    finally:
        context.close()
    assert errors == [] and violations == []
    assert requests and all(urlsplit(url).hostname in LOCAL for url in requests
                            if urlsplit(url).scheme not in ("data", "blob")), sorted(
        {urlsplit(url).hostname for url in requests})
