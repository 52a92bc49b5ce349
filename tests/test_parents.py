"""What a parent reads: plain Dutch (B1, measured), one form of address, no source-keeping
jargon, and no empty sections, doubled sentences or Markdown left over as text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

textstat.set_lang("nl")

# The innermost blocks of running text: each is read as (at least) one sentence.
BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "figcaption", "dt", "dd")
# Pages for editors, municipalities' data people and redirects are not for parents.
NOT_FOR_PARENTS = re.compile(r"^(redacteuren|voor-praktijken|open-data|admin)(/|$)")
B1 = 65  # Flesch-Douma reading ease: 65 and more reads as plain Dutch
JARGON = ("(afgeleid)", "berekend", "volgens de bron", "Niet genoemd in de bron",
          "niet te berekenen", "Niet bekend uit de bron")
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
MARKDOWN = re.compile(r"\*\*|__|\]\(|^#{1,6} |\|\s*---|^\s*[-*] \S", re.MULTILINE)


def article(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("article") or soup.body


def reading_text(html: str) -> str:
    """The page's running text, each block ended as a sentence. Tables, code, charts and
    scripts are not running text: a table cell is not a sentence."""
    body = article(html)
    for element in body.select("svg, script, pre, code, table, .headerlink"):
        element.decompose()
    sentences = []
    for block in body.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".?!:;" else text + ".")
    return " ".join(sentences)


def parent_pages(site: Path) -> list[tuple[str, str]]:
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).parent.as_posix()
        html = file.read_text(encoding="utf-8")
        if NOT_FOR_PARENTS.match(path) or 'http-equiv="refresh"' in html:
            continue
        pages.append((path, html))
    return pages


def test_every_page_for_parents_reads_at_b1(built_site: Path) -> None:
    scores = {path: round(textstat.flesch_reading_ease(reading_text(html)), 1)
              for path, html in parent_pages(built_site)}
    assert len(scores) > 25
    assert {path: score for path, score in scores.items() if score < B1} == {}


def test_the_reading_measure_tells_hard_dutch_from_plain() -> None:
    hard = ("<article><p>De implementatie van de praktijkondersteuningsfunctionaliteit "
            "vereist intergemeentelijke coördinatiemechanismen en beleidsmatige "
            "afstemmingsprocedures.</p></article>")
    plain = ("<article><p>De POH Jeugd is er op dinsdag. Een afspraak maakt u via de huisarts."
             "</p><ul><li>Bel de praktijk</li></ul></article>")
    assert textstat.flesch_reading_ease(reading_text(hard)) < B1
    assert textstat.flesch_reading_ease(reading_text(plain)) >= B1
    assert reading_text(plain).endswith("Bel de praktijk.")


@pytest.mark.parametrize("site_name", ["built_site", "pilots_site", "details_site"])
def test_no_source_keeping_jargon_and_one_form_of_address(request, site_name: str) -> None:
    site = request.getfixturevalue(site_name)
    found = {}
    for path, html in parent_pages(site):
        text = " ".join(article(html).get_text(" ").split())
        page_text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
        problems = [phrase for phrase in JARGON if phrase in text]
        problems += INFORMAL.findall(page_text)  # the header's acute-help line too
        if text.count("weten we (nog) niet") > 1:
            problems.append("'weten we (nog) niet' more than once")
        if problems:
            found[path] = problems
    assert found == {}


def test_the_checks_for_jargon_and_address_find_them() -> None:
    assert INFORMAL.findall("Denk je aan zelfdoding? Vind jouw POH.") == ["je", "jouw"]
    assert not INFORMAL.findall("Jeugd, jeugdhulp en jongeren: vraag uw huisarts.")
    assert [p for p in JARGON if p in "Start 1 juni (afgeleid), volgens de bron"] == [
        "(afgeleid)", "volgens de bron"]


def section_problems(html: str) -> list[str]:
    """Headings with nothing under them, sentences said twice, Markdown shown as text."""
    body = article(html)
    problems = []
    headings = body.find_all(re.compile(r"^h[1-6]$"))
    for heading in headings:
        level = int(heading.name[1])
        content = False
        for element in heading.find_all_next():
            if re.fullmatch(r"h[1-6]", element.name or "") and int(element.name[1]) <= level:
                break
            if (element.name in ("p", "li", "table", "figure", "pre", "blockquote", "form",
                                "iframe", "div") and element.get_text(strip=True)) or \
                    element.name in ("h2", "h3", "h4", "h5", "h6"):
                content = True
                break
        if not content and heading.get_text(strip=True):
            problems.append(f"empty section: {heading.get_text(strip=True)}")
    cards = BeautifulSoup(str(body), "html.parser")
    # Each session card repeats its labels; the waiting-room poster (print only, hidden on
    # screen) repeats the page's hours and appointment text on purpose.
    for card in cards.select(".poh-session, .poh-poster"):
        card.decompose()
    sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s+", reading_text(str(cards)))
                 if len(s.split()) >= 5]
    problems += [f"said twice: {s}" for s, n in Counter(sentences).items() if n > 1]
    for code in body.select("pre, code"):  # examples of the data files are meant as text
        code.decompose()
    text = body.get_text("\n")
    problems += [f"Markdown as text: {m.group(0)!r}" for m in MARKDOWN.finditer(text)]
    return problems


@pytest.mark.parametrize("site_name", ["built_site", "pilots_site", "details_site",
                                       "sessions_site"])
def test_no_empty_sections_doubled_sentences_or_markdown(request, site_name: str) -> None:
    site = request.getfixturevalue(site_name)
    found = {}
    for file in sorted(site.rglob("*.html")):
        problems = section_problems(file.read_text(encoding="utf-8"))
        if problems:
            found[file.relative_to(site).as_posix()] = problems
    assert found == {}


def test_the_section_check_finds_what_it_looks_for() -> None:
    html = ("<article><h1>Praktijk</h1><p>Huisartsenpraktijk in Haelen.</p>"
            "<h2>Hoe komt u bij de POH Jeugd?</h2><h2>Contact</h2>"
            "<p>Bel de praktijk voor een afspraak. Bel de praktijk voor een afspraak.</p>"
            "<p>Dit is **vet** en [een link](https://example.org).</p></article>")
    assert section_problems(html) == [
        "empty section: Hoe komt u bij de POH Jeugd?",
        "said twice: Bel de praktijk voor een afspraak.",
        "Markdown as text: '**'", "Markdown as text: '**'", "Markdown as text: ']('"]
