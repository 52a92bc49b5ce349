"""The agenda in Chromium: sessions that ended after the build disappear, filters work,
and without JavaScript the build's full list is there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from conftest import AMSTERDAM, at, serve
from playwright.sync_api import Page


@pytest.fixture(scope="module")
def sessions_url(sessions_site) -> Iterator[str]:
    with serve(sessions_site) as url:
        yield url


def visible_ids(page: Page, selector: str = "article .poh-session[id]") -> list[str]:
    return page.eval_on_selector_all(
        selector, "cards => cards.filter(c => !c.hidden).map(c => c.id.replace('sessie-', ''))")


@pytest.mark.parametrize(
    ("moment", "expected_first"),
    [
        (dt.datetime(2026, 11, 23, 15, 59, tzinfo=AMSTERDAM), "deckers-2026-11-23-opvoeden"),
        (dt.datetime(2026, 11, 23, 16, 0, tzinfo=AMSTERDAM), "deckers-2026-12-01-vaccinatie"),
        (dt.datetime(2026, 12, 1, 20, 31, tzinfo=AMSTERDAM),
         "hoogeveen-2026-12-08-sociale-media"),
    ],
)
def test_sessions_that_ended_since_the_build_are_hidden(browser, sessions_url, moment,
                                                        expected_first):
    page = at(browser, moment)
    page.goto(sessions_url + "agenda/")
    shown = visible_ids(page)
    assert shown[0] == expected_first
    assert page.locator(".poh-filter__count").inner_text() == f"{len(shown)} bijeenkomsten"
    months = page.eval_on_selector_all(
        ".poh-month", "months => months.filter(m => !m.hidden).map(m => m.querySelector('h2')"
        ".textContent)")
    assert months[0] == ("november 2026" if moment.month == 11 and moment.hour < 16
                         else "december 2026")
    page.context.close()


def test_ended_sessions_are_hidden_on_theme_pages_too(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 16, 5, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "themas/opvoeden/")
    short = page.locator("article .poh-session--short")
    assert short.count() == 3
    assert [short.nth(i).is_visible() for i in range(3)] == [False, True, True]
    page.context.close()


def test_filter_by_municipality_and_theme(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "agenda/")
    page.get_by_label("Gemeente").select_option("hoogeveen")
    assert visible_ids(page) == ["hoogeveen-2026-12-08-sociale-media",
                                 "hoogeveen-2026-12-15-opvoeden", "hoogeveen-2027-01-12-opvoeden"]
    page.get_by_label("Thema").select_option("vaccinatie")
    assert visible_ids(page) == []
    assert page.locator(".poh-agenda__empty").is_visible()
    assert page.locator(".poh-filter__count").inner_text() == "0 bijeenkomsten"
    page.get_by_label("Gemeente").select_option("")
    assert visible_ids(page) == ["deckers-2026-12-01-vaccinatie"]
    page.context.close()


def test_subscribe_links_become_webcal(browser, sessions_url):
    page = at(browser, dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM))
    page.goto(sessions_url + "gemeenten/leudal/")
    link = page.locator("article a.poh-subscribe")
    host = sessions_url.removeprefix("http://").rstrip("/")
    assert link.get_attribute("href") == f"webcal://{host}/agenda/gemeenten/leudal.ics"
    page.context.close()


def test_without_javascript_the_build_list_stays(browser, sessions_url):
    page = at(browser, dt.datetime(2027, 6, 1, 12, 0, tzinfo=AMSTERDAM),
              java_script_enabled=False)
    page.goto(sessions_url + "agenda/")
    assert len(visible_ids(page)) == 6
    assert not page.locator("form.poh-filter").is_visible()
    assert page.locator("article a.poh-subscribe").first.get_attribute("href").endswith(".ics")
    page.context.close()
