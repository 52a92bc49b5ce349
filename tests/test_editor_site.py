"""The web editor in the built site: its files at /admin/, out of the search, the sitemap
and the navigation; its configuration generated; the site without it when npm's package is
missing."""

from __future__ import annotations

import json
import re

import yaml
from conftest import DATA, build

from generator import decap
from generator.decap import bundle_files


def test_the_configuration_says_it_is_generated(built_site):
    text = (built_site / "admin/config.yml").read_text(encoding="utf-8")
    assert text.startswith("# GEGENEREERD BESTAND: niet met de hand aanpassen.")
    config = yaml.safe_load(text)
    assert config["backend"] == {"name": "git-gateway", "branch": "main"}


def test_the_editor_is_in_the_site_but_not_in_its_search_sitemap_or_navigation(built_site):
    admin = built_site / "admin"
    names = {path.name for path in admin.iterdir()}
    assert {"index.html", "config.yml", "editor.js", "decap-cms.js",
            "decap-cms.js.LICENSE.txt"} <= names
    assert sum(1 for name in names if re.fullmatch(r"[0-9]+\.decap-cms\.js", name)) > 50
    assert not any(name.endswith((".map", ".wasm")) or name.startswith("cms") for name in names)
    assert set(bundle_files()) == {f"admin/{name}" for name in names} - {
        "admin/index.html", "admin/config.yml", "admin/editor.js"}
    size = sum(path.stat().st_size for path in admin.iterdir())
    assert 4_000_000 < size < 8_000_000, size
    assert "admin" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "admin" in doc["location"]]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in home


def test_only_the_editor_may_evaluate_code(built_site):
    """'unsafe-eval' is Decap's need (ajv compiles its checks); no page of the site gets it."""
    allowed = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
               if "unsafe-eval" in path.read_text(encoding="utf-8")]
    assert allowed == ["admin/index.html"]


def test_without_the_npm_package_the_site_is_built_without_the_editor(tmp_path, capsys,
                                                                         monkeypatch):
    def missing() -> dict:
        raise decap.EditorMissing("decap-cms is niet geïnstalleerd.")

    monkeypatch.setattr(decap, "bundle_files", missing)
    assert build(DATA, tmp_path / "site") == 0
    assert not (tmp_path / "site/admin").exists()
    assert "de site heeft geen webeditor (/admin/): decap-cms is niet" in capsys.readouterr().err
