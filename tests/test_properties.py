"""Property tests: whatever an editor types stays text on the site, and links stay links.

Each example writes the data files (the shipped data plus the fixtures with sessions and a
practice with every optional field) with generated text in every free-text field, runs them
through the real loader and checks (`load_dataset`), renders the site with the render
functions and checks each page's HTML and front matter, without a MkDocs build.

"Inert" is checked against a twin: the same data with every run of non-space characters in
each generated string replaced by one neutral letter (so blank lines, emptiness and which
strings are equal stay the same). Both must give the same elements with the same attribute
names, the same link targets and the same scripts: nothing in the page comes from the data
but text. The example budget is fixed and derandomised, so CI runs the same examples.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import DATA, FIXTURES, TODAY
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator.dataset import load_dataset
from generator.load import INVISIBLE, load_document
from generator.problems import DataError
from generator.render import render_site
from generator.render.text import ALLOWED_SCHEMES
from generator.site_url import DEFAULT_SITE_URL

# A fixed budget: each text example renders the site twice (about 0.6 s), a URL once.
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
URL_PROPERTY = settings(PROPERTY, max_examples=80)

# --- The data the examples start from ------------------------------------------------------


def _base() -> dict[str, object]:
    """The three data files as plain values, with every optional text field filled once;
    the session files (data/sessions/<id>.yaml) as a list `sessions` in "themes", each with
    its id, as they were before they had files of their own (see _write)."""
    sources = {"municipalities": DATA, "practices": FIXTURES / "practice_details",
               "themes": DATA}
    data = {name: load_document(folder / f"{name}.yaml").data for name, folder in sources.items()}
    data["themes"]["sessions"] = [
        {"id": path.stem, **load_document(path).data}
        for path in sorted((FIXTURES / "sessions" / "sessions").glob("*.yaml"))]
    source = data["municipalities"]["sources"][0]
    source["published"] = {"date": "2019-06", "note": "Datum uit de bron."}
    source["section"] = "Nieuws"
    source["publisher"] = "Dagblad."
    pilot = data["municipalities"]["pilots"][0]
    pilot["cost"] = "Gratis."
    pilot["organisations"][0]["url"] = "https://huisartsen.example/"
    pilot["counts"][0]["date"] = {"date": "2021", "note": "Geteld in 2021."}
    pilot["outcomes"] = [{"number": 85, "percent": True, "what": "zonder verwijzing",
                          "out_of": {"number": 120, "what": "afgesloten trajecten"},
                          "period": {"from": {"date": "2020", "note": "Vanaf de start."}},
                          "source": pilot["sources"][0]}]
    practice = data["practices"]["practices"][-1]
    practice["email"] = "info@praktijk.example"
    practice["poh"] |= {"name": "Een Naam", "name_consent": True}
    practice["availability"][0]["note"] = "Even weken."
    practice["availability_note"] = "Op afspraak."
    practice["appointment"] = "Bel de praktijk."
    return data


BASE = _base()
# Free text: a one-line field ("line" in the schemas) or longer text with paragraphs.
LONG_TEXT = {"status_note", "goal", "access_note", "cost", "practices_note", "summary",
             "description", "availability_note", "appointment"}
LINE = {"title", "author", "section", "archive_id", "name", "place", "address", "role",
        "attribution", "age_range", "publisher", "led_by", "what"}


def _text_fields(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, "line" or "text") for every free-text value in the data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _text_fields(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_fields(item, (*path, index))
    elif isinstance(value, str):
        key = next(part for part in reversed(path) if isinstance(part, str))
        if key in LONG_TEXT or (key in ("note", "text") and not {"absences", "availability"}
                                & set(path)):
            yield path, "text"
        elif key in LINE or key in ("note", "text"):
            yield path, "line"


FIELDS = dict(_text_fields(BASE))
assert len(FIELDS) > 100  # every kind of text field, several times over

# --- Generated text --------------------------------------------------------------------------

# Characters YAML can carry and the loader accepts: it refuses the others, and the invisible
# ones that reorder or hide text (INVISIBLE), with its own message. U+2063 below stands for
# the invisible characters it accepts.
CHARACTERS = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                           exclude_characters="\ufffe\uffff" + "".join(INVISIBLE)
                           ) | st.sampled_from("\n\t\x85 ")
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![x](https://evil.example/x.png)", "<https://evil.example>", "https://evil.example",
    "[x]: https://evil.example", '{: onclick="alert(1)" }', "{ .x #y }", "*", "**", "_", "__",
    "`", "```", "~~~", "<!--", "-->", "&", "&amp;", "&#106;", "&lt;", "&nbsp;", "<", ">", '"',
    "'", "===", "---", "***", "| a | b |", "|", "!!! note", ":", "#", "# ", "1. ", "- ", "+ ",
    "> ", "    ", "\n", "\n\n", "\n\n    ", "\t", "\\", "\\*", "{{ x }}", "{% raw %}", "${x}",
    "</p>", "</div>", '<div markdown="1">', "]]>", "</script>", "\x85", "\u2028", "\u00a0",
    "\u2063", "[^1]", "[TOC]", "\\x80", "/", "(", ")", "[", "]", "<p>", "=", "~", "\r\n",
]
PIECES = st.lists(st.sampled_from(HOSTILE) | st.text(CHARACTERS, max_size=6), max_size=8)


def _fit(kind: str, pieces: list[str]) -> str:
    """Text within the schema's limits: the property is about text the checks accept."""
    text = "".join(pieces)
    text = re.sub(r"[\n\r\t]", " ", text)[:190] if kind == "line" else text[:1990]
    return text if re.search(r"\S", text) else text + "x"


def _every_field(pieces) -> dict[tuple, str]:
    """An explicit example: `pieces(i)` for the i-th field."""
    return {path: _fit(kind, pieces(index)) for index, (path, kind) in enumerate(FIELDS.items())}


TEXTS = st.fixed_dictionaries(
    {path: PIECES.map(lambda pieces, kind=kind: _fit(kind, pieces))
     for path, kind in FIELDS.items()}
)

# --- Rendering, as MkDocs would --------------------------------------------------------------


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    """Every string double-quoted, as a careful editor would write it."""


_Dumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                                       style='"'))


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "cite",
                  "background", "ping", "xlink:href", "manifest", "longdesc"}


class _Skeleton(HTMLParser):
    """What a page is made of, apart from text: elements, attribute names, links, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter = Counter()
        self.links: Counter = Counter()
        self.scripts: list[tuple[str, str]] = []
        self.other: Counter = Counter()  # comments, declarations, processing instructions
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        for name, value in attrs:
            if name in URL_ATTRIBUTES or (tag == "meta" and name == "content"
                                          and ("http-equiv", "refresh") in attrs):
                self.links[(tag, name, value)] += 1
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type:
            self.scripts.append((self._script_type, data))

    def handle_comment(self, data: str) -> None:
        self.other["comment"] += 1

    def handle_decl(self, decl: str) -> None:
        self.other[("declaration", decl)] += 1

    def handle_pi(self, data: str) -> None:
        self.other["processing instruction"] += 1

    def unknown_decl(self, data: str) -> None:
        self.other["unknown declaration"] += 1


def _skeleton(page: str) -> _Skeleton:
    parser = _Skeleton()
    parser.feed(page)
    parser.close()
    return parser


def _write(data: dict[str, object], folder: Path) -> Path:
    """The data files, and a file for each of the sessions listed in "themes"."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sessions").mkdir(exist_ok=True)
    for name, values in data.items():
        if name == "themes":
            values = {key: value for key, value in values.items() if key != "sessions"}
            for session in data["themes"]["sessions"]:
                fields = {key: value for key, value in session.items() if key != "id"}
                (folder / "sessions" / f"{session['id']}.yaml").write_text(
                    _dumped(fields), encoding="utf-8")
        (folder / f"{name}.yaml").write_text(_dumped(values), encoding="utf-8")
    return folder


def _dumped(values: object) -> str:
    return yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=10_000)


def _with(texts: dict[tuple, str]) -> dict[str, object]:
    data = copy.deepcopy(BASE)
    for (name, *path), text in texts.items():
        target = data[name]
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = text
    return data


def _neutral(texts: dict[tuple, str]) -> dict[tuple, str]:
    """Each distinct string becomes its own letter for every run of non-space characters."""
    letters = {text: chr(0x4E00 + index) for index, text in enumerate(dict.fromkeys(
        texts.values()))}
    return {path: re.sub(r"\S+", letters[text], text) for path, text in texts.items()}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _site(data: dict[str, object], folder: Path) -> dict[str, tuple[str, dict]]:
    shutil.rmtree(folder, ignore_errors=True)
    dataset, _warnings = load_dataset(_write(data, folder), TODAY)
    site = render_site(dataset, TODAY, DEFAULT_SITE_URL)
    pages = {path: (page.html, page.front_matter()) for path, page in site.pages.items()}
    return pages | {path: (content, {}) for path, content in site.files.items()
                    if path.endswith(".html")}


def test_base_data_is_valid_and_every_field_is_generated(workdir):
    assert _site(BASE, workdir / "base")
    kinds = Counter(FIELDS.values())
    assert kinds["line"] > 50 and kinds["text"] > 30


@PROPERTY
@given(texts=TEXTS)
@example(texts=_every_field(lambda i: ["x", HOSTILE[i % len(HOSTILE)]]))  # each at an end
@example(texts=_every_field(lambda i: [HOSTILE[i % len(HOSTILE)], "x"]))  # each at a start
@example(texts=_every_field(lambda i: HOSTILE[i % len(HOSTILE):]))  # all together
@example(texts=_every_field(lambda i: ['X {: onclick="alert(1)" }']))  # attr_list on headings
@example(texts=_every_field(lambda i: ["x\x85[a](javascript:alert(1))"]))  # NEL in meta
@example(texts={path: "~~~" if kind == "text" else "===" for path, kind in FIELDS.items()})
def test_any_text_renders_as_inert_text(workdir, texts):
    pages = _site(_with(texts), workdir / "data")
    twins = _site(_with(_neutral(texts)), workdir / "twin")
    assert pages.keys() == twins.keys()
    for path, (page, meta) in pages.items():
        found, expected = _skeleton(page), _skeleton(twins[path][0])
        assert found.elements == expected.elements, path
        assert found.links == expected.links, path
        assert found.other == expected.other, path
        assert [s for s in found.scripts if s[0] != "application/ld+json"] == [
            s for s in expected.scripts if s[0] != "application/ld+json"], path
        for kind, script in found.scripts:
            if kind == "application/ld+json":
                assert "<" not in script and json.loads(script), path
        for value in meta.values():  # MkDocs themes print these into HTML as they are
            assert not isinstance(value, str) or not re.search(r'[<>"]', value), (path, value)
        for name in (name for element in found.elements for name in element[1]):
            assert not name.startswith("on"), (path, name)


def test_names_are_shown_as_typed(workdir):
    """Escaping is for Markdown and HTML only: the reader sees the characters typed."""
    name = r"Praktijk <De *Linde*> & [zonen] \ {x} #1 | 50% _a_ `b`"
    texts = {path: name for path in FIELDS if path[-1] == "name" and path[0] == "practices"}
    pages = _site(_with(texts), workdir / "typed")
    for path, (page, meta) in pages.items():
        if re.fullmatch(r"praktijken/[a-z0-9-]+\.md", path) and path != "praktijken/index.md":
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
            assert html.unescape(heading) == name, path
            assert html.unescape(meta["title"]) == name, path


# --- Links -------------------------------------------------------------------------------

# deckers-2026-11-23-opvoeden: today, so on the agenda with its links
SESSION = [s["id"] for s in BASE["themes"]["sessions"]].index("deckers-2026-11-23-opvoeden")
URL_FIELDS = [  # every field that becomes a link
    ("practices", "practices", 4, "website"),
    ("themes", "themes", 0, "links", 0, "url"),
    ("municipalities", "sources", 0, "url"),
    ("municipalities", "pilots", 0, "organisations", 0, "url"),
    ("themes", "sessions", SESSION, "online_url"),
    ("themes", "sessions", SESSION, "signup", "url"),
]
SCHEMES = st.sampled_from(["http", "https", "HTTPS", "mailto", "tel", "javascript",
                           "JaVaScRiPt", "java\tscript", " javascript", "\x01javascript",
                           "vbscript", "data", "file", "ftp", "", "//", "https\n", "tel\u2063"])
SEPARATORS = st.sampled_from([":", "://", ":/\\", ":\\\\", "&#58;", "%3A", ":////", ""])
URL_TEXT = st.text(CHARACTERS | st.sampled_from("@+()[]<>\"' `*_{}|\\^~!$&;=%#?:/"),
                   max_size=30)
URLS = st.one_of(
    st.builds(lambda scheme, separator, rest: scheme + separator + rest,
              SCHEMES, SEPARATORS, URL_TEXT),
    st.builds(lambda scheme, host, rest: f"{scheme}://{host}{rest}",  # mostly accepted
              st.sampled_from(["https", "http", "HTTPS"]),
              st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True), URL_TEXT),
    st.builds(lambda local, domain, rest: f"mailto:{local}@{domain}{rest}",
              st.from_regex(r"[a-z0-9._+-]{1,10}", fullmatch=True),
              st.from_regex(r"[a-z0-9.-]{1,15}", fullmatch=True), URL_TEXT),
    st.from_regex(r"tel:\+?[0-9-]{1,15}", fullmatch=True),
    st.text(CHARACTERS, max_size=40),
)


# Addresses that must be accepted: the property must not pass by refusing everything.
_PLAIN_URL = re.compile(r"https?://[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(/[A-Za-z0-9/_.-]*)?|"
                        r"mailto:[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|tel:\+?[0-9]{6,15}")


def _browser_scheme(url: str) -> str:
    """The scheme a browser reads (WHATWG URL): outer C0 and spaces, tabs and newlines go."""
    url = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def _data_with_url(url: str) -> dict[str, object]:
    return _data_with_urls([url] * len(URL_FIELDS))


def _data_with_urls(urls: list[str]) -> dict[str, object]:
    data = copy.deepcopy(BASE)
    for url, (name, *path) in zip(urls, URL_FIELDS, strict=True):
        target = data[name]
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = url
    return data


def test_every_url_field_becomes_a_link(workdir):
    urls = [f"https://example.org/veld-{number}" for number in range(len(URL_FIELDS))]
    assert BASE["themes"]["sessions"][SESSION]["id"] == "deckers-2026-11-23-opvoeden"
    pages = _site(_data_with_urls(urls), workdir / "url-fields")
    links = {value for page, _meta in pages.values()
             for (tag, _name, value) in _skeleton(page).links if tag == "a"}
    assert set(urls) <= links


@URL_PROPERTY
@given(url=URLS)
@example(url="javascript:alert(1)")
@example(url="https://www.example.nl/pad/naar_pagina.html")
@example(url="mailto:info@example.nl")
@example(url="https://a.example/p)[y](javascript:z)")
@example(url="mailto:x@y)[z](javascript:alert(1))")
@example(url="https://a.example/\"onmouseover=\"alert(1)")
def test_any_url_is_refused_or_becomes_an_allowed_link(workdir, url):
    try:
        pages = _site(_data_with_url(url), workdir / "urls")
    except DataError:
        event("refused")
        # Refusing is right only for what is not a plain web, mail or phone address.
        assert not _PLAIN_URL.fullmatch(url), url
        return  # refused, with the editor's message: nothing reaches the site
    event(f"accepted: {_browser_scheme(url) or 'no scheme'}")
    assert _browser_scheme(url) in ALLOWED_SCHEMES
    for path, (page, _meta) in pages.items():
        parser = _skeleton(page)
        for tag, name, value in parser.links:
            if tag == "meta":  # a redirect page: "0; url=../new/"
                value = value.split("url=", 1)[1]
            scheme = _browser_scheme(value)
            assert scheme in ALLOWED_SCHEMES or (not scheme and not re.match(
                r"\s*[/\\]{2}", value)), (path, tag, name, value)
            if scheme in ("http", "https"):
                assert urlsplit(value).netloc, (path, value)
