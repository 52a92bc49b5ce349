"""HTML pages from the model, through the Jinja2 templates in generator/templates/.

Autoescaping is on: every value from the data is HTML-escaped where it is printed; only
this package's own helpers (links, paragraphs, JSON-LD, charts) return Markup, and they
escape what they take from the data themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable
from itertools import groupby
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from generator.model import Dataset, Municipality, Practice, Signup, Theme, ThemeSession
from generator.render import calendars, facts, finder, json_ld, open_data, paths, text
from generator.render.municipality import municipality_globals
from generator.render.page import Page, page
from generator.render.paths import (
    TEMPLATES,
    embed_path,
    feed_path,
    municipality_agenda_path,
    page_path,
    relative_url,
)
from generator.render.poster import poster_globals

# A list longer than this (sessions, practices) is not put on one page but becomes an index
# by municipality, so that no page grows past what a cheap phone loads quickly (100 KB).
ONE_PAGE_LIMIT = 150
STATUS_LABELS = {  # pilot_status.STATUSES
    "aangekondigd": "Aangekondigd",
    "lopend": "Loopt",
    "verlengd": "Verlengd",
    "afgelopen": "Afgelopen",
    "structureel": "Structureel",
    "onbekend": "Niet bekend",
}
SESSION_STATUS_LABELS = {
    "gepland": "Gaat door",
    "vol": "Vol",
    "geannuleerd": "Gaat niet door",
    "verplaatst": "Verplaatst",
}
# The site search (Material's, lunr) multiplies a page's score by its boost. Parents search
# for a practice, a place or a municipality: their pages come first, a municipality's page
# before its practices' for the municipality's name (a practice's place is in its search
# title, see `_search_title`, so "poh haelen" still finds the practice in Haelen first).
# The open data names every practice and municipality too, for reuse, not for parents
# looking for one (the hand-written pages for editors set their own boost, 0.1).
SEARCH_BOOSTS = {
    "practice.html.j2": 5,
    "municipality.html.j2": 10,
    "open_data.html.j2": 0.1,
}
ACCESS_ROUTES = {
    "huisarts": "Via de huisarts: vraag uw huisarts naar de POH Jeugd.",
    "school": "Via school: bijvoorbeeld de leerkracht, intern begeleider, leerlingbegeleider "
              "of schoolmaatschappelijk werker.",
    "zelf": "Zelf: ouders en jongeren kunnen zelf contact opnemen.",
    "voorliggend_veld": "Via andere hulpverleners in de buurt, zoals wijkteam of "
                        "jeugdgezondheidszorg.",
}


def render_pages(dataset: Dataset, today: dt.date, site_url: str,
                 share: Callable[[str], bool] = lambda template: True, *,
                 corrections: str | None = None) -> dict[str, Page]:
    """Every generated page (or those whose template is in the `share`), by its path (the
    engine's source path, 'gemeenten/almere.md'). `corrections`: see `render_site`."""
    env = _environment(dataset, today, site_url)
    env.globals["corrections_link"] = functools.partial(corrections_link, corrections,
                                                        site_url)
    pages = {
        paths.MUNICIPALITIES: ("municipalities.html.j2", {}),
        paths.PRACTICES: ("practices.html.j2", {}),
        paths.THEMES: ("themes.html.j2", {}),
        paths.AGENDA: ("agenda.html.j2", {}),
        paths.ARCHIVE: ("archive.html.j2", {}),
        paths.FINDER: ("finder.html.j2", {}),
        paths.OPEN_DATA: ("open_data.html.j2", {"open_data": open_data}),
    }
    pages |= {page_path(m): ("municipality.html.j2", {"municipality": m})
              for m in dataset.municipalities}
    pages |= {page_path(p): ("practice.html.j2", {"practice": p}) for p in dataset.practices}
    pages |= {page_path(t): ("theme.html.j2", {"theme": t}) for t in dataset.themes}
    pages |= {embed_path(m): ("embed.html.j2", {"municipality": m})
              for m in dataset.municipalities}
    pages |= {municipality_agenda_path(m): ("municipality_agenda.html.j2", {"municipality": m})
              for m in dataset.municipalities}
    return {path: _render(env, name, path, context)
            for path, (name, context) in sorted(pages.items()) if share(name)}


def _render(env: Environment, name: str, path: str, context: dict) -> Page:
    """One page: the template's output is the HTML; its top-level `{% set %}`s (title,
    description, hide, template, searchable, search_boost, search_title) are the page's
    settings; the site search's settings default to `SEARCH_BOOSTS` and `_search_title`."""
    module = env.get_template(name).make_module({"page": path, **context})
    return page(str(module), title=module.title, description=module.description,
                hide=tuple(getattr(module, "hide", ())),
                template=getattr(module, "template", None),
                searchable=getattr(module, "searchable", True),
                search_boost=getattr(module, "search_boost", SEARCH_BOOSTS.get(name)),
                search_title=getattr(module, "search_title", _search_title(name, context)))


def _search_title(template: str, context: dict) -> str | None:
    """A practice's place in its title in the site search ("Huisartsenpraktijk Deckers in
    Haelen"): parents search for their village, and the title weighs most in the ranking
    (a word in the text of a practice page cannot outrank "POH" in another page's title).
    It also tells apart practices of the same name."""
    practice = context.get("practice") if template == "practice.html.j2" else None
    if practice is None or not practice.place:
        return None
    return f"{practice.name} in {practice.place}"


def _environment(dataset: Dataset, today: dt.date, site_url: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {
        "dataset": dataset,
        "today": today,
        "link_to": _link_to,
        "link": text.link,
        "slug": text.slug,
        "status_labels": STATUS_LABELS,
        "session_status_labels": SESSION_STATUS_LABELS,
        "access_routes": ACCESS_ROUTES,
        "upcoming": lambda sessions: upcoming(sessions, today),
        "past": lambda sessions: past(sessions, today),
        "by_month": _by_month,
        "session_anchor": paths.session_anchor,
        "session_href": pass_context(
            lambda context, session: _session_href(context["page"], session, today)),
        "one_page_limit": ONE_PAGE_LIMIT,
        "municipality_agenda_path": municipality_agenda_path,
        "index_by_province": lambda kind: _index_by_province(dataset, today, kind),
        "feed_path": feed_path,
        "paths": paths,
        "relative_to_page": _relative_to_page,
        "signup_links": _signup_links,
        "event_json": lambda session: _event_json(session, site_url),
        "host_feed": _host_feed,
        "slots_json": lambda practice: _compact_json(finder.weekly_slots(practice)),
        "absences_json": lambda practice: _compact_json(
            finder.coming_absences(practice, today)),
        "finder_hint": finder.finder_hint(dataset),
        "json_ld_events": lambda sessions: json_ld.events_script(dataset, sessions),
        "count_headings": facts.COUNT_HEADINGS,
        "names_with_role": facts.names_with_role,
        "undated": facts.undated,
        "latest_published": facts.latest_published,
        "explanations": facts.explanations,
    }
    env.globals |= municipality_globals(dataset, today, site_url)
    env.globals |= poster_globals()
    env.filters |= {
        "paragraphs": text.paragraphs,
        "fact_date": text.dutch_fact_date,
        "date": text.dutch_date,
        "time_range": lambda item: text.dutch_time_range(item.start, item.end),
        "number": text.dutch_number,
        "phone_url": text.phone_url,
        "session_when": _session_when,
        "count_text": facts.count_text,
        "join_dutch": text.join_dutch,
        "figure": facts.figure_text,
        "outcome_text": facts.outcome_text,
        "period": lambda outcome: facts.period_text(outcome.period_from, outcome.period_until),
        "roles": facts.roles_text,
        "source_label": facts.source_label,
    }
    return env


# The site setting for "Klopt er iets niet?": an e-mail address or a form's web address.
CORRECTIONS = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}|https?://[^\s<>\"]+")


def corrections_link(address: str | None, site_url: str, page: str, code: str) -> str | None:
    """Where "Klopt er iets niet?" leads: a message to the site's editors (an e-mail address
    or a form's URL), prefilled with the page and the record's code; None without one."""
    if not address:
        return None
    where = paths.public_url(site_url, page)
    if "://" not in address:
        query = urlencode({"subject": f"Klopt er iets niet? ({code})",
                           "body": f"Pagina: {where}\nCode: {code}\n\nWat klopt er niet?\n"},
                          quote_via=quote)
        return text.safe_url(f"mailto:{address}?{query}")
    joiner = "&" if "?" in address else "?"
    return text.safe_url(address + joiner + urlencode({"pagina": where, "code": code}))


def upcoming(sessions: Iterable[ThemeSession], today: dt.date) -> list[ThemeSession]:
    """Sessions on or after the build's today (the page script hides those ended since)."""
    return [session for session in sessions if not session.is_over(today)]


def past(sessions: Iterable[ThemeSession], today: dt.date) -> list[ThemeSession]:
    return [session for session in sessions if session.is_over(today)]


def _index_by_province(dataset: Dataset, today: dt.date, kind: str) -> list[tuple[str, list]]:
    """Municipalities with upcoming sessions, past sessions or named practices, by province:
    [(province, [(municipality, count, page), ...]), ...], for lists too long for one page.
    The page is where that municipality's items are listed."""
    items, where = {
        "upcoming": (lambda m: upcoming(dataset.sessions_in(m), today),
                     municipality_agenda_path),
        "past": (lambda m: past(dataset.sessions_in(m), today),
                 lambda m: municipality_agenda_path(m) + "#eerdere-bijeenkomsten"),
        "practices": (dataset.practices_in,
                      lambda m: page_path(m) + "#deelnemende-huisartsenpraktijken"),
    }[kind]
    rows = [(m, len(items(m)), where(m))
            for m in sorted(dataset.municipalities, key=lambda m: (m.province, m.name))]
    return [(province, list(group))
            for province, group in groupby((row for row in rows if row[1]),
                                           key=lambda row: row[0].province)]


def _session_href(page: str, session: ThemeSession, today: dt.date) -> str:
    """Where a session's details are: its card on the agenda page of its (first)
    municipality, or, once it is over, that page's list of earlier sessions. The agenda holds
    the cards of all upcoming sessions too (when it lists them, the only time it links)."""
    home = municipality_agenda_path(session.municipalities[0])
    if session.is_over(today):
        return relative_url(page, home + "#eerdere-bijeenkomsten")
    anchor = "#" + paths.session_anchor(session)
    return anchor if page in (home, paths.AGENDA) else relative_url(page, home + anchor)


@pass_context
def _relative_to_page(context, path: str) -> str:
    return relative_url(context["page"], path)


def _by_month(sessions: list[ThemeSession]) -> list[tuple[str, list[ThemeSession]]]:
    """Sessions (already in date order) grouped under 'december 2026' headings."""
    groups = groupby(sessions, key=lambda s: (s.date.year, s.date.month))
    return [(f"{text.MONTHS[month - 1]} {year}", list(items)) for (year, month), items in groups]


def _event_json(session: ThemeSession, site_url: str) -> str:
    """What "Zet in mijn agenda" needs beyond the card's text (see `calendars.card_event`);
    a plain string, so that autoescaping makes it fit in an attribute."""
    return json.dumps(calendars.card_event(session, site_url), ensure_ascii=False,
                      separators=(",", ":"))


def _host_feed(session: ThemeSession) -> str:
    """Where "Zet in mijn agenda" leads without JavaScript: the feed of the (first) practice
    that holds the session, or of the municipality when it holds the session itself."""
    if session.practices:
        return feed_path("praktijken", session.practices[0].id)
    return feed_path("gemeenten", session.municipalities[0].id)


def _signup_links(signup: Signup) -> list[tuple[str, str]]:
    links = [("via de website", signup.url)] if signup.url else []
    if signup.phone:
        links.append((f"bel {signup.phone}", text.phone_url(signup.phone)))
    if signup.email:
        links.append((f"mail {signup.email}", f"mailto:{signup.email}"))
    return links


@pass_context
def _link_to(context, item: Municipality | Practice | Theme | str, label: object = None,
             **attributes: str) -> Markup:
    """A relative link from the page being rendered to an item's page (or a path)."""
    path = item if isinstance(item, str) else page_path(item)
    href = escape(relative_url(context["page"], path))
    extra = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    text = escape(label if label is not None else item.name)
    # Plain concatenation of escaped parts: Markup.format is the slowest way (thousands of
    # links a second matter at national scale).
    return Markup(f'<a href="{href}"{extra}>{text}</a>')


def _compact_json(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


def _session_when(session: ThemeSession) -> str:
    """'dinsdag 19 november 2024, 15.00–16.00 uur'."""
    day = text.dutch_date(session.date, weekday=True)
    return f"{day}, {text.dutch_time_range(session.start, session.end)}"
