"""Municipality pages and the overview: status, timeline chart, JSON-LD and the link block."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from generator.dataset import load_dataset
from generator.render.municipality import embed_code
from generator.render.paths import site_origin
from generator.site_url import site_url

SVG = "{http://www.w3.org/2000/svg}"
CHART_ELEMENTS = {"svg", "title", "desc", "line", "rect", "circle", "text"}
MUNICIPALITIES = ["almere", "hoogeveen", "leudal", "tubbergen", "twenterand"]


def soup_of(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def article_text(site: Path, url_path: str) -> str:
    return " ".join(soup_of(site, url_path).select_one("article").get_text(" ").split())


def chart(site: Path, url_path: str) -> ET.Element:
    """The timeline chart as XML, straight from the HTML file (so escaping is checked too)."""
    html = (site / url_path / "index.html").read_text(encoding="utf-8")
    (svg,) = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 .*?</svg>',
                        html, re.S)
    return ET.fromstring(svg)


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def json_ld(site: Path, url_path: str) -> dict:
    (script,) = soup_of(site, url_path).select('script[type="application/ld+json"]')
    return json.loads(script.get_text())


@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_every_municipality_has_status_timeline_and_sources(built_site, slug):
    text = article_text(built_site, f"gemeenten/{slug}")
    assert len(re.findall("Status op 23 november 2026:", text)) == 1  # one status, not two
    assert "volgens de bron" not in text and "berekend" not in text
    svg = chart(built_site, f"gemeenten/{slug}")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert {element.tag.removeprefix(SVG) for element in svg.iter()} <= CHART_ELEMENTS
    figure = soup_of(built_site, f"gemeenten/{slug}").select_one("figure.pilot-timeline")
    table = figure.find_next("table")
    numbers = [row.find("td").get_text() for row in table.select("tbody tr")]
    circles = [t for t in texts(svg) if t.isdigit() and len(t) < 3]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert set(circles) <= set(numbers)  # every numbered marker is explained in the table
    assert "Bronnen" in text and "Datum van publicatie onbekend" in text


@pytest.mark.parametrize(("slug", "facts"), [
    # The extension's end has passed and no source tells of a sequel: not "afgelopen".
    ("twenterand", ["Status op 23 november 2026: Niet bekend. De pilot liep tot eind "
                    "december 2022. Of hij daarna is doorgegaan, weten we niet."]),
    ("hoogeveen", ["Status op 23 november 2026: Aangekondigd. De pilot begint op 1 juni. In "
                   "welk jaar, weten we niet. Het bericht waar dit uit komt, heeft geen datum. "
                   "Het kan nu dus anders zijn.",
                   "Werkgever van de POH Gemeente Hoogeveen"]),
    ("almere", ["Status op 23 november 2026: Loopt. De pilot is begonnen in 2021. Een "
                "einddatum weten we niet."]),
])
def test_status_is_computed_or_honestly_not(built_site, slug, facts):
    text = article_text(built_site, f"gemeenten/{slug}")
    for fact in facts:
        assert fact in text


def test_partial_dates_are_drawn_honestly(built_site):
    hoogeveen = chart(built_site, "gemeenten/hoogeveen")
    assert "Zonder jaar: 1. 1 juni (jaar onbekend): Start van de pilot" in texts(hoogeveen)
    assert list(hoogeveen.iter(f"{SVG}circle")) == []  # nothing placed on a guessed year
    almere = chart(built_site, "gemeenten/almere")
    bands = [r for r in almere.iter(f"{SVG}rect") if r.get("stroke")]
    assert len(bands) == 2  # "2021" and "2022" drawn as the whole years they may mean
    assert [line for line in almere.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    twenterand = chart(built_site, "gemeenten/twenterand")
    (lead_in,) = [line for line in twenterand.iter(f"{SVG}line")
                  if line.get("stroke-dasharray")]
    assert lead_in.get("x1") == "16"  # unknown start: dashed from the left edge


def test_overview_shows_all_pilots_side_by_side(built_site):
    svg = chart(built_site, "gemeenten")
    labels = texts(svg)
    for name in ["Almere", "Hoogeveen", "Leudal", "Tubbergen", "Twenterand"]:
        assert name in labels
    assert "23-11-2026" in labels
    rows = soup_of(built_site, "gemeenten").select("article table tbody tr")
    status = {row.find("td").get_text(strip=True): row.find_all("td")[2].get_text(" ", strip=True)
              for row in rows}
    assert status["Twenterand"] == "Niet bekend"
    assert status["Hoogeveen"] == "Aangekondigd"


def test_chart_text_from_data_is_escaped(hostile_site):
    svg = chart(hostile_site, "gemeenten/gifstad")
    assert svg.find(f"{SVG}title").text == "Tijdlijn van de pilot in Gif<b>stad</b> & co"
    assert {element.tag.removeprefix(SVG) for element in svg.iter()} <= CHART_ELEMENTS


def test_municipality_json_ld(built_site):
    graph = json_ld(built_site, "gemeenten/leudal")["@graph"]
    assert [item["@type"] for item in graph] == ["GovernmentOrganization", "MedicalClinic"]
    assert graph[0]["identifier"]["value"] == "GM1640"
    (hours,) = graph[1]["department"]["openingHoursSpecification"]
    assert hours == {"@type": "OpeningHoursSpecification",
                     "dayOfWeek": "https://schema.org/Tuesday", "opens": "15:00",
                     "closes": "16:00"}
    hoogeveen = json_ld(built_site, "gemeenten/hoogeveen")["@graph"]
    assert [item["@type"] for item in hoogeveen].count("MedicalClinic") == 3
    almere = json_ld(built_site, "gemeenten/almere")
    assert [item["@type"] for item in almere["@graph"]] == ["GovernmentOrganization"]


def test_practice_json_ld(built_site):
    deckers = json_ld(built_site, "praktijken/deckers-haelen")
    assert deckers["@context"] == "https://schema.org"
    assert deckers["@type"] == "MedicalClinic"
    assert deckers["address"] == {"@type": "PostalAddress", "addressLocality": "Haelen",
                                  "addressCountry": "NL"}
    assert deckers["department"]["openingHoursSpecification"][0]["@type"] == (
        "OpeningHoursSpecification")
    eikstaete = json_ld(built_site, "praktijken/eikstaete-hoogeveen")
    assert "department" not in eikstaete  # no hours in the source: none invented


def test_json_ld_cannot_end_its_script_block(hostile_site):
    html = (hostile_site / "praktijken/gifpraktijk/index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert "<" not in block
    assert json.loads(block)["name"] == "<svg onload=alert(5)>Praktijk"


def test_link_block_has_stable_urls_embed_code_and_feeds(built_site):
    soup = soup_of(built_site, "gemeenten/almere")
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert "http://127.0.0.1:8000/gemeenten/almere/" in hrefs
    assert "http://127.0.0.1:8000/gemeenten/gm0034/" in hrefs
    code = soup.select_one("pre.embed-code code").get_text()
    snippet = BeautifulSoup(code, "html.parser")
    iframe = snippet.iframe
    assert iframe["src"] == "http://127.0.0.1:8000/embed/gemeenten/almere/"
    assert iframe["title"] == "POH Jeugd in Almere"
    assert iframe["height"] == "800"  # without scripts: a phone's height
    # The lines that give the frame its height: only from this site, only for this frame;
    # inline, so that the municipality's page loads no script from elsewhere.
    (script,) = snippet.find_all("script")
    assert not script.has_attr("src")
    assert code.index("<script>") < code.index("<iframe")  # listening before the frame loads
    body = script.get_text()
    assert f'document.getElementById("{iframe["id"]}")' in body
    assert 'event.origin !== "http://127.0.0.1:8000"' in body
    assert "event.source !== frame.contentWindow" in body
    assert 'data.type === "poh-jeugd-embed-hoogte"' in body
    feed = next(h for h in hrefs if h.endswith(".json"))
    assert (built_site / "gemeenten/almere" / feed).resolve().is_file()


def test_site_url_matches_mkdocs(monkeypatch):
    from mkdocs.config import load_config

    for value in (None, "https://www.example.nl/poh"):
        if value:
            monkeypatch.setenv("SITE_URL", value)
        else:
            monkeypatch.delenv("SITE_URL", raising=False)
        config = load_config(str(ROOT / "mkdocs.yml"))
        assert config.site_url == site_url()


@pytest.mark.parametrize(("url", "origin"), [
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ("https://www.example.nl/poh/", "https://www.example.nl"),
    ("https://WWW.Example.NL:443/", "https://www.example.nl"),  # as a browser writes it
    ("http://example.nl:80/", "http://example.nl"),
    ("https://example.nl:8443/", "https://example.nl:8443"),
])
def test_site_origin(url, origin):
    assert site_origin(url) == origin


def test_embed_code_cannot_break_out_of_its_script():
    dataset, _warnings = load_dataset(ROOT / "data", TODAY)
    # A host with markup in it (no one would set it; the code must stay inert anyway).
    code = BeautifulSoup(str(embed_code(dataset.municipalities[0], "https://x<b>&.nl/")),
                         "html.parser").select_one("code").get_text()
    script = code.split("<script>", 1)[1].split("</script>", 1)[0]
    assert "<" not in script.replace("data.height < 20000", "")
    assert 'event.origin !== "https://x\\u003cb\\u003e\\u0026.nl"' in script
