"""The MkDocs adapter, and the only module that imports MkDocs.

mkdocs.yml loads this file as a hook. It hands MkDocs the generated pages as finished HTML
with their table of contents (Python-Markdown never converts them), checks their links as
`--strict` checks hand-written pages, adds the other generated files, and puts the
generated sections into the navigation. `build` and `serve` run MkDocs in this process
with explicit inputs; a plain `mkdocs build` or `mkdocs serve` reads data/ beside
mkdocs.yml and the build's today (`generator.today`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import os
import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import decap
from generator.csp import with_policy
from generator.dataset import FileCache, load_dataset
from generator.load import without_gc
from generator.model import Dataset
from generator.problems import DataError
from generator.render import Site, render_site
from generator.render import page as generated
from generator.render.editor import EDITOR_FOLDER, EditorSettings, EditorSettingsError
from generator.render.pages import CORRECTIONS
from generator.site_build import BuildFailed
from generator.site_url import DEFAULT_SITE_URL
from generator.today import build_date

# Material prints an end-of-life banner for MkDocs 2.0 on every build unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
log = logging.getLogger("mkdocs.hooks.poh_jeugd")
_HREF = re.compile(r'\shref="([^"]*)"')
_SECTION_START = re.compile(r'(?=<h[1-6] id=")')
_H1 = re.compile(r"(<h1\b[^>]*>).*?</h1>", re.S)
_OPENING = re.compile(r"<(?:div|section|ul|ol|table|p|blockquote|figure|form)\b")
_CLOSING = re.compile(r"</(?:div|section|ul|ol|table|p|blockquote|figure|form)>")


@dataclass
class Inputs:
    """What a build renders from. `dataset` is set when the caller has loaded and checked
    the data already (a build); without it, each build reads `data_dir` (the preview)."""

    data_dir: Path | None = None
    today: dt.date | None = None
    dataset: Dataset | None = None


# The hook module's state. MkDocs loads a hook once per process, so in `serve` the last
# good site lasts across rebuilds (an invalid edit keeps it on screen), unchanged data files
# are not read again, and only what changed is rendered by MkDocs and written.
_inputs = Inputs()
_site: Site | None = None
_written: Site | None = None  # what the previous build wrote
_files_read: FileCache = {}
_serving = False
_bundle: dict[str, Path] = {}  # the editor's Decap CMS files, copied into admin/


def build(config_file: Path, site_dir: Path, dataset: Dataset, today: dt.date) -> None:
    """`mkdocs build --strict` of the site for an already checked dataset, in this process."""
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # MkDocs dates the sitemap and its gzip header from SOURCE_DATE_EPOCH.
    epoch = str(int(midnight.timestamp()))
    with _messages(logging.WARNING), _environment(SOURCE_DATE_EPOCH=epoch):
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        _hook(config).use(Inputs(dataset=dataset, today=today))
        try:
            mkdocs_build(config)
        except Abort as error:
            raise BuildFailed(str(error)) from None


def serve(config_file: Path, data_dir: Path, today: dt.date | None, address: str) -> None:
    """The live preview: rebuilds when data/ or docs/ change."""
    # MkDocs warns on every dirty rebuild that the navigation may be stale; on_files makes
    # every page new when the navigation changes, so the warning would only alarm editors.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "'dirty' build" not in record.getMessage())
    with _messages(logging.INFO):
        config = load_config(str(config_file))
        _hook(config).use(Inputs(data_dir=data_dir.resolve(), today=today))
        # "dirty": MkDocs renders and writes only files whose is_modified() says so.
        mkdocs_serve(str(config_file), dev_addr=address, livereload=True,
                     build_type="dirty")


@contextlib.contextmanager
def _messages(level: int) -> Iterator[None]:
    """MkDocs's messages on stderr from `level` up, as its own command line shows them."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(level)
    saved = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved)


@contextlib.contextmanager
def _environment(**variables: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def use(inputs: Inputs) -> None:
    global _inputs
    _inputs = inputs


def _hook(config: MkDocsConfig) -> ModuleType:
    """This module as MkDocs loaded it from mkdocs.yml (a separate module object)."""
    for plugin in config.plugins.values():
        if isinstance(plugin, ModuleType) and Path(plugin.__file__).resolve() == Path(__file__):
            return plugin
    raise BuildFailed(f"{config.config_file_path} laadt {Path(__file__).name} niet als hook.")


# --- MkDocs events ---------------------------------------------------------------------------


def _corrections(config: MkDocsConfig) -> str | None:
    """The site setting `extra.corrections`: where readers report a mistake."""
    address = (config.extra.get("corrections") or "").strip()
    if address and not CORRECTIONS.fullmatch(address):
        raise PluginError(f"{config.config_file_path}: extra.corrections '{address}' is geen "
                          "e-mailadres en geen webadres. Schrijf bijvoorbeeld "
                          "redactie@voorbeeld.nl of https://www.voorbeeld.nl/formulier.")
    return address or None


def editor_settings(config: MkDocsConfig) -> EditorSettings:
    """The site setting `extra.editor`: where the web editor at /admin/ saves."""
    try:
        return EditorSettings.from_mapping(config.extra.get("editor"))
    except EditorSettingsError as error:
        raise PluginError(f"{config.config_file_path}: {error}") from None


def settings_for_editing(config_file: Path) -> EditorSettings:
    """The editor's settings as `serve` will read them (for `make edit`)."""
    with _messages(logging.WARNING):
        config = load_config(str(config_file))
    return EditorSettings.from_mapping(config.extra.get("editor"))


def _editor(config: MkDocsConfig) -> EditorSettings | None:
    """The editor's settings, and its bundle in _bundle; None (and a warning on stderr,
    not a failed build) when Decap CMS is not installed from package-lock.json."""
    global _bundle
    settings = editor_settings(config)
    try:
        _bundle = decap.bundle_files()
    except decap.EditorMissing as error:
        _bundle = {}
        print(f"Let op: de site heeft geen webeditor (/admin/): {error}", file=sys.stderr)
        return None
    return settings


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    data_dir = _inputs.data_dir or Path(config.config_file_path).parent / "data"
    today = _inputs.today or build_date()
    try:
        dataset = _inputs.dataset or _checked(data_dir, today)
    except DataError as error:
        if not (_serving and _site):
            raise PluginError("De gegevens bevatten fouten:\n" + str(error)) from None
        # While previewing, keep showing the last good version instead of a stuck server.
        log.error("De gegevens bevatten fouten; de vorige versie blijft zichtbaar:\n%s", error)
    else:
        with without_gc():  # some 5% faster for a national data set; all freed after
            # SITE_URL set but empty: the preview's address, as without it (and a warning).
            _site = render_site(dataset, today, config.site_url or DEFAULT_SITE_URL,
                                corrections=_corrections(config), editor=_editor(config),
                                parallel=not _serving)
    config.nav = expand_nav(config.nav or [], _site.nav)
    if _inputs.dataset is None and str(data_dir) not in config.watch:
        config.watch.append(str(data_dir))
    return config


def _checked(data_dir: Path, today: dt.date) -> Dataset:
    dataset, warnings = load_dataset(data_dir, today, _files_read if _serving else None)
    # INFO, not WARNING: `--strict` aborts on warnings, and data warnings must not stop
    # the site (the build command lists them itself).
    for warning in warnings:
        log.info(str(warning))
    return dataset


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _written
    titles = _nav_titles(config.nav)
    # Only a preview's dirty rebuilds ask what changed; a full build writes everything.
    previous = _written if _serving and _written and _written.nav == _site.nav else None
    for path, content in _site.files.items():
        file = GeneratedFile.generated(config, path, content=content)
        file.changed = previous is None or previous.files.get(path) != content
        files.append(file)
    for path, page in _site.pages.items():
        file = GeneratedFile.generated(config, path, content=page.html)
        file.changed = previous is None or previous.pages.get(path) != page
        GeneratedPage(titles.get(path), file, config, page)
        files.append(file)
    for path, source in _bundle.items() if f"{EDITOR_FOLDER}/config.yml" in _site.files else ():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    _written = _site if _serving else None
    return files


class GeneratedFile(File):
    """A file the generator made. `mkdocs serve` (dirty builds) asks `is_modified` which
    pages to render and which files to write again: those that changed since its last build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


@event_priority(100)  # before Material's search plugin reads the page
def _only_searchable_sections(context: dict, page: Page, **_: object) -> dict:
    if isinstance(page, GeneratedPage) and page.generated.searchable:
        searched = _searchable(page.content)
        if page.generated.search_title:
            searched = _with_h1_text(searched, page.generated.search_title)
        page.full_content, page.content = page.content, searched
    return context


@event_priority(-100)  # after it, before the theme's template shows the page
def _whole_page_again(context: dict, page: Page, **_: object) -> dict:
    if getattr(page, "full_content", None) is not None:
        page.content, page.full_content = page.full_content, None
    return context


# Material's search parses every page's HTML, also the sections it then leaves out (a
# practice page is mostly such sections): it is handed the page without them.
on_page_context = CombinedEvent(_only_searchable_sections, _whole_page_again)


def _searchable(content: str) -> str:
    """The page without its sections whose heading says data-search-exclude (from that
    heading to the next one), where such a section holds whole elements only."""
    if " data-search-exclude" not in content:
        return content
    sections = _SECTION_START.split(content)
    return "".join(section for section in sections
                   if not (section.startswith("<h") and _excluded(section)))


def _with_h1_text(content: str, text: str) -> str:
    """The content with the text of its first h1 replaced (escaped here)."""
    return _H1.sub(lambda match: match.group(1) + html.escape(text) + "</h1>", content, count=1)


def _excluded(section: str) -> bool:
    if " data-search-exclude" not in section[:section.index(">")]:  # the heading itself
        return False
    return len(_OPENING.findall(section)) == len(_CLOSING.findall(section))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a page too; sitemap.xml is not.
    return with_policy(output_content) if template_name.endswith(".html") else output_content


def expand_nav(nav: list, sections: dict[str, list]) -> list:
    """mkdocs.yml's navigation with each `Title: index.md` entry whose page has a generated
    section replaced by that section; titles are escaped (themes print them as HTML)."""
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            if isinstance(target, str) and target in sections:
                item = {title: _escaped(sections[target])}
        expanded.append(item)
    return expanded


def _escaped(section: list) -> list:
    return [item if isinstance(item, str)
            else {html.escape(title): target if isinstance(target, str) else _escaped(target)
                  for title, target in item.items()}
            for item in section]


def _nav_titles(nav: list) -> dict[str, str]:
    """{page path: its title in the navigation} (a page keeps its nav title, as in MkDocs)."""
    titles = {}
    for item in nav:
        for title, target in item.items() if isinstance(item, dict) else ():
            titles |= {target: title} if isinstance(target, str) else _nav_titles(target)
    return titles


class GeneratedPage(Page):
    """A page whose HTML the generator made: read and rendered without Markdown."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig,
                 page: generated.Page) -> None:
        super().__init__(title, file, config)
        self.generated = page

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""  # never converted; plugins that read it see an empty page
        self.meta = self.generated.front_matter()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        page = self.generated
        self.content = page.html
        self.toc = get_toc(_toc_tokens(page.headings))
        self.present_anchor_ids = set(page.anchors)
        self.links_to_anchors = _checked_links(self, files)


def _toc_tokens(headings: tuple[generated.Heading, ...]) -> list[dict]:
    """Headings of level 1 and 2 (as `toc_depth: 2`), each h2 under the h1 before it."""
    tokens: list[dict] = []
    for heading in headings:
        if heading.level > 2:
            continue
        token = {"level": heading.level, "id": heading.id, "name": html.escape(heading.text),
                 "children": []}
        if heading.level == 2 and tokens and tokens[-1]["level"] == 1:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def _checked_links(page: Page, files: Files) -> dict[File, dict[str, str]]:
    """Warn (an error under --strict) about links to no file of the site; return the links
    to anchors in other pages, which MkDocs checks once every page is rendered."""
    by_url = _files_by_url(files)
    to_anchors: dict[File, dict[str, str]] = {}
    for href in {html.unescape(found) for found in _HREF.findall(page.content)}:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        target = by_url.get(_resolve(page.url, parts.path)) if parts.path else page.file
        if target is None:
            log.warning(f"Doc file '{page.file.src_uri}' contains a link '{href}', "
                        "but the target is not found among documentation files.")
        elif parts.fragment and target.is_documentation_page():
            to_anchors.setdefault(target, {})[parts.fragment] = href
    return to_anchors


def _resolve(page_url: str, path: str) -> str:
    """The site URL a relative link on the page at `page_url` points to ('' for home)."""
    folder = posixpath.dirname("/" + page_url.removeprefix("./"))
    url = posixpath.normpath(posixpath.join(folder, path)).lstrip("/")
    return "" if url in ("", ".") else url + ("/" if path.endswith("/") else "")


def _files_by_url(files: Files) -> dict[str, File]:
    # Built once per build: the Files object is the same for every page.
    cached = getattr(files, "_poh_by_url", None)
    if cached is None:
        cached = {file.url if file.url != "./" else "": file for file in files}
        files._poh_by_url = cached
    return cached

