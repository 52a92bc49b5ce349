"""The whole build: MkDocs --strict through the real command, atomic and reproducible."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, ROOT, TODAY, build, overlay

from generator.cli import main
from generator.dataset import load_dataset
from generator.render import render_site
from generator.site_url import DEFAULT_SITE_URL as SITE_URL


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_every_page_type_is_built(built_site):
    for url_path in ["", "gemeenten", "gemeenten/almere", "gemeenten/hoogeveen",
                     "gemeenten/leudal", "gemeenten/tubbergen", "gemeenten/twenterand",
                     "praktijken", "praktijken/deckers-haelen", "praktijken/eikstaete-hoogeveen",
                     "praktijken/de-weide-hoogeveen", "praktijken/de-wielewaal-hoogeveen",
                     "themas", "themas/vaccinatie", "themas/middelengebruik",
                     "themas/sociale-media", "themas/opvoeden", "over", "privacy",
                     "toegankelijkheid", "redacteuren"]:
        assert (built_site / url_path / "index.html").is_file(), url_path


def test_pages_are_dutch_and_carry_the_acute_help_line(built_site):
    for html_file in built_site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "nl"
        if soup.select_one('meta[http-equiv="refresh"]'):
            continue  # a redirect to a page, not a page (see test_stable_links.py)
        if html_file.parent == built_site / "admin":
            continue  # the web editor, not a page of the site (see test_editor_site.py)
        help_line = soup.select_one(".acute-help")
        assert help_line is not None, html_file
        hrefs = {a["href"] for a in help_line.find_all("a")}
        assert hrefs == {"tel:112", "tel:113", "tel:08000113", "tel:08000432"}


def test_practice_pages_stay_out_of_the_navigation(built_site):
    for html_file in built_site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.select("nav.md-nav a[href]"):
            assert not re.search(r"praktijken/[a-z]", anchor["href"]), (html_file, anchor)


def test_municipalities_are_grouped_by_province_in_the_navigation(built_site):
    soup = BeautifulSoup((built_site / "gemeenten/almere/index.html").read_text(), "html.parser")
    nav_text = " ".join(soup.select_one("nav.md-nav--primary").get_text(" ").split())
    for label in ["Drenthe", "Flevoland", "Limburg", "Overijssel", "Almere"]:
        assert label in nav_text


def test_no_third_party_resources(built_site):
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".json", ".xml"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        if path.suffix == ".html":
            soup = BeautifulSoup(text, "html.parser")
            for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"),
                                   ("iframe", "src")):
                for element in soup.find_all(tag, attrs={attribute: True}):
                    value = element[attribute]
                    if tag == "link" and element.get("rel") == ["canonical"]:
                        continue
                    assert not re.match(r"(https?:)?//", value), (path, value)


def test_same_data_and_today_give_identical_sites(built_site, tmp_path, monkeypatch):
    """Built again from another folder, time zone, locale and file order: the same bytes."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("themes", "practices", "municipalities"):  # written in another order
        shutil.copy(DATA / f"{name}.yaml", data / f"{name}.yaml")
    (data / "notities.txt").write_text("Geen gegevens.\n", encoding="utf-8")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: already tomorrow in Amsterdam
    monkeypatch.setenv("LC_ALL", "tr_TR.UTF-8")  # a locale where "i".upper() is not "I"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.chdir(tmp_path)
    time.tzset()
    try:
        assert build(data, tmp_path / "again") == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert tree_digest(tmp_path / "again") == tree_digest(built_site)


def test_sitemap_dates_are_the_build_day(built_site):
    sitemap = (built_site / "sitemap.xml").read_bytes()
    dates = re.findall(rb"<lastmod>([^<]*)</lastmod>", sitemap)
    assert len(dates) > 20 and set(dates) == {TODAY.isoformat().encode()}
    packed = (built_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == sitemap
    midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)  # SOURCE_DATE_EPOCH
    assert int.from_bytes(packed[4:8], "little") == int(midnight.timestamp())  # gzip mtime


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/St_Johns"])
def test_rendering_ignores_the_time_zone(tmp_path, monkeypatch, zone):
    """The generator alone (as `export` runs it, outside the pinned MkDocs environment)."""
    dataset, _warnings = load_dataset(overlay(tmp_path / "data", "sessions"), TODAY)
    expected = render_site(dataset, TODAY, SITE_URL)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert render_site(dataset, TODAY, SITE_URL) == expected
    finally:
        monkeypatch.undo()
        time.tzset()


def test_invalid_data_leaves_the_existing_site_untouched(built_site, edit, tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree_digest(site)
    data = edit("practices.yaml", "    place: Haelen\n",
                "    place: Haelen\n    place: Roermond\n    website: javascript:alert(1)\n")
    edit("practices.yaml", "municipality: hoogeveen", "municipality: onbekend")
    assert build(data, site) == 2
    err = capsys.readouterr().err
    assert "practices.yaml:" in err and "staat hier twee keer" in err
    assert "javascript:alert(1)" in err and "Onbekende gemeente 'onbekend'" in err
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no leftovers


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """mkdocs.yml, docs/ and overrides/ copied, the generator linked: a page can be broken."""
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    os.symlink(ROOT / "generator", tmp_path / "generator")
    return tmp_path


@pytest.mark.parametrize("broken", ["[x](bestaat-niet.md)", "[x](over.md#geen-anker)",
                                    "[x](/privacy/)"])
def test_broken_links_stop_the_strict_build(built_site, project_copy, broken, capsys):
    site = project_copy / "site"
    shutil.copytree(built_site, site)  # the previous site
    before = tree_digest(site)
    with (project_copy / "docs/over.md").open("a", encoding="utf-8") as page:
        page.write(f"\n{broken}\n")
    assert main(["build", "--data", str(DATA), "--site-dir", str(site),
                 "--config-file", str(project_copy / "mkdocs.yml")]) == 1
    assert "niet gebouwd" in capsys.readouterr().err
    assert tree_digest(site) == before


def test_a_broken_link_on_a_generated_page_stops_the_strict_build(built_site, project_copy,
                                                                   capsys):
    """Generated pages are not converted by MkDocs: the adapter checks their links."""
    site = project_copy / "site"
    shutil.copytree(built_site, site)
    before = tree_digest(site)
    over = project_copy / "docs/over.md"  # every practice page links to this heading
    over.write_text(over.read_text(encoding="utf-8").replace(
        "## Waar komen de gegevens vandaan?", "## Iets anders"), encoding="utf-8")
    assert main(["build", "--data", str(DATA), "--site-dir", str(site),
                 "--config-file", str(project_copy / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "praktijken/deckers-haelen.md" in err and "#waar-komen-de-gegevens-vandaan" in err
    assert tree_digest(site) == before


def test_make_site_with_a_broken_data_file_keeps_the_previous_site(built_site, tmp_path):
    """`make site` itself, in a copy of the project whose data/ has a mistake."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "mkdocs.yml", "requirements.lock", "docs", "overrides"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, project / name)
    os.symlink(ROOT / "generator", project / "generator")
    # The project's virtualenv, with a stamp of its own that tells make it is up to date:
    # the test must not install anything.
    (project / ".venv").mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if not entry.name.startswith(".installed-"):
            os.symlink(entry, project / ".venv" / entry.name)
    checksum = subprocess.run("cksum < requirements.lock", shell=True, cwd=project, check=True,
                              capture_output=True, text=True).stdout.split()[0]
    (project / ".venv" / f".installed-{checksum}").touch()
    os.utime(project / "requirements.lock", (0, 0))
    # The same for the npm packages (the web editor): linked one by one, never the folder
    # itself, so that nothing make might run there could touch the project's own.
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, project / name)
        os.utime(project / name, (0, 0))
    (project / "node_modules").mkdir()
    for entry in (ROOT / "node_modules").iterdir():
        if entry.name != ".installed":
            os.symlink(entry, project / "node_modules" / entry.name)
    (project / "node_modules" / ".installed").touch()
    shutil.copytree(DATA, project / "data", ignore=shutil.ignore_patterns("schemas"))
    shutil.copytree(built_site, project / "site")
    before = tree_digest(project / "site")
    entries = sorted(path.name for path in project.iterdir())
    practices = project / "data/practices.yaml"
    text = practices.read_text(encoding="utf-8")
    practices.write_text(text.replace('        start: "15:00"', "        start: 25:00"),
                         encoding="utf-8")
    line = text[: text.index('        start: "15:00"')].count("\n") + 1
    result = subprocess.run(["make", "site", f"TODAY={TODAY.isoformat()}"], cwd=project,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode != 0
    assert f"data/practices.yaml:{line}:16: fout: Ongeldige waarde '25:00'." in result.stderr
    assert "De site is niet bijgewerkt." in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_digest(project / "site") == before  # every byte of every file
    assert sorted(path.name for path in project.iterdir()) == entries  # nothing left behind


def test_build_date_honours_source_date_epoch(monkeypatch):
    from generator.today import build_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # 2026-11-22 00:00 UTC
    assert build_date().isoformat() == "2026-11-22"


def test_the_build_renders_the_dataset_it_is_given(tmp_path):
    """One process, explicit inputs: the dataset handed to the build is what the site shows
    (data/ beside mkdocs.yml has no sessions; the handed dataset has)."""
    from generator import mkdocs_adapter

    dataset, _warnings = load_dataset(overlay(tmp_path / "data", "sessions"), TODAY)
    mkdocs_adapter.build(ROOT / "mkdocs.yml", tmp_path / "site", dataset, TODAY)
    agenda = (tmp_path / "site/agenda/index.html").read_text(encoding="utf-8")
    assert agenda.count(' id="sessie-') == len(
        [s for s in dataset.sessions if not s.is_over(TODAY)]) > 0


def test_a_build_leaves_only_the_site(tmp_path):
    assert build(DATA, tmp_path / "site") == 0
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


# --- SITE_URL: a site built without its public address points at the local preview --------

NO_SITE_URL = "Let op: SITE_URL is niet gezet; links in de site wijzen naar http://127.0.0.1:8000/"


def run_cli(*arguments: str, site_url: str | None) -> subprocess.CompletedProcess:
    """`python -m generator ...` as a person runs it, with or without SITE_URL."""
    environment = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    if site_url is not None:
        environment["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments, "--data", str(DATA),
         "--today", TODAY.isoformat()],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600, check=False)


def test_a_build_without_site_url_warns_in_dutch_and_still_builds(tmp_path):
    site = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(site), site_url=None)
    assert result.returncode == 0, result.stderr
    assert NO_SITE_URL in result.stderr
    assert "Zet SITE_URL=https://... voor een site die online gaat" in result.stderr
    assert NO_SITE_URL not in result.stdout  # stderr only: stdout may be piped elsewhere
    assert result.stderr.rstrip().endswith("make site")  # last: where it is seen
    assert 'rel="canonical" href="http://127.0.0.1:8000/' in (
        site / "gemeenten/leudal/index.html").read_text(encoding="utf-8")


def test_a_build_with_site_url_does_not_warn(tmp_path):
    site = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(site),
                     site_url="https://www.example.nl/poh/")
    assert result.returncode == 0, result.stderr
    assert "SITE_URL" not in result.stderr + result.stdout
    page = (site / "gemeenten/leudal/index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://www.example.nl/poh/gemeenten/leudal/"' in page
    assert "127.0.0.1:8000" not in page


def test_export_warns_unless_it_is_given_an_address(tmp_path):
    plain = run_cli("export", str(tmp_path / "a"), site_url=None)
    given = run_cli("export", str(tmp_path / "b"), "--site-url",
                    "https://www.example.nl/", site_url=None)
    assert plain.returncode == given.returncode == 0
    assert NO_SITE_URL in plain.stderr
    assert "SITE_URL" not in given.stderr


def test_the_preview_does_not_warn(monkeypatch, capsys):
    """`serve` is the local preview: 127.0.0.1:8000 is right there."""
    from generator import mkdocs_adapter

    served = []
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(mkdocs_adapter, "serve", lambda *arguments: served.append(arguments))
    assert main(["serve", "--data", str(DATA)]) == 0
    assert served  # the preview was started
    assert "SITE_URL" not in capsys.readouterr().err
