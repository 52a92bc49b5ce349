"""The MkDocs adapter's own logic: links of generated pages, their table of contents, and
what Material's search is handed (the build tests check the same on whole sites)."""

from __future__ import annotations

import pytest

from generator import mkdocs_adapter
from generator.render.page import page


@pytest.mark.parametrize(("page_url", "href", "expected"), [
    ("praktijken/deckers-haelen/", "../../gemeenten/leudal/", "gemeenten/leudal/"),
    ("vind/", "../", ""),
    ("./", "agenda/alle.ics", "agenda/alle.ics"),
    ("agenda/", "gemeenten/leudal/", "agenda/gemeenten/leudal/"),
    ("gemeenten/", "./", "gemeenten/"),
])
def test_a_relative_link_resolves_to_the_url_of_its_target(page_url, href, expected):
    assert mkdocs_adapter._resolve(page_url, href) == expected


def test_the_table_of_contents_nests_h2_under_h1_and_leaves_out_h3():
    made = page('<h1 id="t">T &amp; co</h1><h2 id="a">A</h2><h3 id="x">X</h3><h2 id="a">B</h2>',
                title="T", description="")
    tokens = mkdocs_adapter._toc_tokens(made.headings)
    assert [(t["id"], t["name"]) for t in tokens] == [("t", "T &amp; co")]
    assert [(t["id"], t["level"]) for t in tokens[0]["children"]] == [("a", 2), ("a_1", 2)]


def test_search_is_handed_the_page_without_its_excluded_sections():
    content = ('<h1 id="p">Praktijk</h1>\n<p>Haelen</p>\n'
               '<h2 id="tijden" data-search-exclude>Tijden</h2>\n<table><tr><td>x</td></tr>'
               '</table>\n<h2 id="doel">Doel</h2>\n<p>Hulp</p>\n')
    assert mkdocs_adapter._searchable(content) == (
        '<h1 id="p">Praktijk</h1>\n<p>Haelen</p>\n<h2 id="doel">Doel</h2>\n<p>Hulp</p>\n')


def test_an_excluded_section_that_closes_an_outer_element_stays():
    """Cutting it out would unbalance the page; Material then leaves it out itself."""
    content = ('<div><h2 id="a">A</h2><p>a</p>'
               '<h2 id="b" data-search-exclude>B</h2><p>b</p></div><h2 id="c">C</h2>')
    assert mkdocs_adapter._searchable(content) == content
