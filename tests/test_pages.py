"""Rendered pages: the facts from the articles on the right pages, and inert data text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.render.text import link, paragraphs, safe_url, slug


def page(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def article_text(site: Path, url_path: str) -> str:
    return " ".join(page(site, url_path).select_one("article").get_text(" ").split())


@pytest.mark.parametrize(
    ("url_path", "facts"),
    [
        ("gemeenten/twenterand", ["GM1700", "Overijssel", "Verlengd", "eind december 2022",
                                  "17 juni 2019",
                                  "Verlengd: 17 juni 2019. Niet letterlijk gegeven, maar "
                                  "afgeleid.", "GGD Twente",
                                  "32 (16 uur per POH)", "Wie betaalt Gemeente Twenterand",
                                  "Kinderen en jongeren tot 23 jaar",
                                  "— wethouder, gemeente Twenterand"]),
        ("gemeenten/almere", ["GM0034", "Flevoland", "ReHA", "Elaa", "2021",
                              "alle verwijzingen lopen via de POH-GGZ Jeugd"]),
        ("gemeenten/tubbergen", ["GM0183", "mei 2019", "tot en met 23 jaar", "kosteloos",
                                 "Via school", "ouders en jongeren kunnen zelf contact opnemen"]),
        ("gemeenten/hoogeveen", ["GM0118", "Drenthe", "1 juni (jaar onbekend)",
                                 "Werkgever van de POH Gemeente Hoogeveen", "1 POH",
                                 "1 POH. Niet letterlijk gegeven, maar afgeleid.",
                                 "3 huisartsenpraktijken", "Eikstaete",
                                 "De Weide", "De Wielewaal"]),
        ("gemeenten/leudal", ["GM1640", "Limburg", "19 november (jaar onbekend)",
                              "Huisartsenpraktijk Deckers", "Centrum voor Jeugd en Gezin (CJG)"]),
        ("praktijken/deckers-haelen", ["Haelen", "Leudal", "dinsdag", "15.00–16.00 uur",
                                       "via de huisarts"]),
        ("praktijken/eikstaete-hoogeveen",
         ["Hoogeveen", "Op welke dagen de POH Jeugd er is, weten we (nog) niet."]),
        ("themas/vaccinatie", ["Rijksvaccinatieprogramma"]),
        ("themas/middelengebruik", ["Trimbos-instituut"]),
        ("themas/sociale-media", ["Netwerk Mediawijsheid"]),
        ("themas/opvoeden", ["Opvoeden.nl", "Nederlands Jeugdinstituut"]),
    ],
)
def test_facts_from_the_articles_are_on_their_page(built_site, url_path, facts):
    text = article_text(built_site, url_path)
    for fact in facts:
        assert fact in text, f"{fact!r} missing on /{url_path}/"


def test_no_poh_worker_is_named(built_site):
    # Tubbergen's article names its POH; the site shows the role only.
    for html_file in built_site.rglob("*.html"):
        assert "Stroot" not in html_file.read_text(encoding="utf-8"), html_file


def test_unknown_facts_are_not_invented(built_site):
    text = article_text(built_site, "praktijken/deckers-haelen")
    assert "staan nog niet op deze site" in text  # no address or phone invented
    assert not page(built_site, "praktijken/deckers-haelen").select('article a[href^="tel:"]')
    twenterand = article_text(built_site, "gemeenten/twenterand")
    # Facts the article does not give have no row at all, not a row saying so.
    assert "Niet bekend uit de bron" not in twenterand and "Niet genoemd" not in twenterand
    assert "Kosten" not in twenterand and "Werkgever" not in twenterand


def test_practice_pages_link_to_their_municipality(built_site):
    links = page(built_site, "praktijken/deckers-haelen").select("article a[href]")
    assert "../../gemeenten/leudal/" in [a["href"] for a in links]


def test_overview_lists_every_pilot(built_site):
    rows = page(built_site, "gemeenten").select("article table tbody tr")
    names = [row.find("td").get_text(strip=True) for row in rows]
    assert names == ["Almere", "Hoogeveen", "Leudal", "Tubbergen", "Twenterand"]


HOSTILE_PAGES = ["gemeenten/gifstad", "praktijken/gifpraktijk", "themas/gifthema", "gemeenten",
                 "praktijken", "themas", "agenda", "embed/gemeenten/gifstad", "open-data"]


@pytest.mark.parametrize("url_path", HOSTILE_PAGES)
def test_hostile_data_stays_inert_text(hostile_site, url_path):
    soup = page(hostile_site, url_path)
    article = soup.select_one("article")
    injected = {"b", "i", "em", "img", "svg", "iframe", "style", "form", "input", "marquee",
                "blockquote"}
    # The templates' own quote blocks, the agenda's filter form, the generator's timeline
    # chart (whose elements test_municipalities.py checks) and the poster's QR code
    # (test_poster.py) are the only ones allowed.
    found = [tag.name for tag in article.find_all(injected)
             if not (tag.name == "blockquote" and tag.find("p"))
             and not (tag.name == "form" and tag.get("class") == ["poh-filter"])
             and not (tag.name == "svg" and "pilot-timeline" in tag.parent.get("class", []))
             and not (tag.name == "svg" and tag.get("class") == ["poh-qr"])]
    assert found == []
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")], tag
    for anchor in soup.find_all("a", href=True):
        assert not anchor["href"].lower().startswith("javascript:"), anchor
        assert "evil.example" not in anchor["href"]
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, not code: must stay inert
            assert "<" not in script.get_text() and json.loads(script.get_text())
        else:
            assert "alert" not in script.get_text()


def test_hostile_text_is_shown_as_typed(hostile_site):
    text = article_text(hostile_site, "gemeenten/gifstad")
    assert "Gif<b>stad</b> & co" in text
    assert "<img src=x onerror=alert(1)> en `code`." in text
    assert "[tekst](https://evil.example)" in text
    assert '{: onclick="alert(1)" }' in text
    title = page(hostile_site, "praktijken/gifpraktijk").title.get_text()
    assert title.startswith("<svg onload=alert(5)>Praktijk")
    practice = article_text(hostile_site, "praktijken/gifpraktijk")
    assert "POH __jeugd__ ~~weg~~" in practice
    assert "| kolom | erbij |" in practice
    theme = article_text(hostile_site, "themas/gifthema")
    assert "{{ config.site_name }} {% raw %} ${jndi:ldap://x}" in theme


def test_paragraphs_escape_html_and_split_on_blank_lines():
    assert paragraphs("<b>*x*</b> & [a](b)\n\n\n  two\nlines ") == (
        "<p>&lt;b&gt;*x*&lt;/b&gt; &amp; [a](b)</p>\n<p>two\nlines</p>")
    assert paragraphs(None) == "" and paragraphs(" \n ") == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("Wanneer is de POH Jeugd er?", "wanneer-is-de-poh-jeugd-er"),
    ("Thema's", "themas"), ("december 2026", "december-2026"),
    ("Café — één  ding", "cafe-een-ding"),
])
def test_heading_ids_are_as_python_markdown_made_them(text, expected):
    import markdown

    assert slug(text) == expected
    html = markdown.markdown(f"## {text}", extensions=["toc"])
    assert f'id="{expected}"' in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x",
                                 "vbscript:x", "file:///etc/passwd", "//evil.example",
                                 "java\nscript:x"])
def test_links_refuse_other_schemes(url):
    with pytest.raises(ValueError):
        safe_url(url)


def test_link_target_cannot_break_out_of_its_attribute():
    assert link("<x>", 'https://a.example/p" onclick="z') == (
        '<a href="https://a.example/p%22%20onclick=%22z">&lt;x&gt;</a>'
    )


@pytest.mark.parametrize("value", ["Café <b>\x85", "a\x7fb", "x\ufffey", 'say "hi": # no',
                                   "\U0001f600 \U00051c56", "a\u2028b"])
def test_exported_front_matter_reads_back_as_typed(value):
    import yaml

    from generator.export import page_file
    from generator.render.page import page

    text = page_file(page("<p>x</p>\n", title=value, description=value))
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == meta["description"] == (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#x27;"))
