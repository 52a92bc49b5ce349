"""The web editor at /admin/: its configuration follows the JSON Schemas, its page is kept
out of search and navigation, and only it gets the policy Decap CMS needs."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, ROOT, TODAY

from generator.dataset import load_dataset
from generator.decap import locked_version
from generator.render.editor import (
    REFERENCES,
    SESSION_SLUG,
    EditorSettings,
    EditorSettingsError,
    admin_page,
    editor_config,
    editor_script,
    load_schemas,
)
from generator.site_url import DEFAULT_SITE_URL

SCHEMAS = load_schemas()
ID = re.compile(SCHEMAS["common.schema.json"]["$defs"]["id"]["pattern"])


@pytest.fixture(scope="module")
def config() -> dict:
    dataset, _warnings = load_dataset(DATA, TODAY)
    return editor_config(SCHEMAS, dataset.themes, DEFAULT_SITE_URL, EditorSettings())


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def fields_of(config: dict, name: str) -> list[dict]:
    found = collection(config, name)
    return found["fields"] if "fields" in found else found["files"][0]["fields"]


def by_name(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def all_fields(fields: list[dict], path: str = "") -> list[tuple[str, dict]]:
    found = []
    for field in fields:
        here = f"{path}.{field['name']}".lstrip(".")
        found.append((here, field))
        found += all_fields(field.get("fields", []), here)
    return found


def test_every_field_has_a_dutch_label_from_the_schema(config):
    unlabelled = [path for name in ("bijeenkomsten", "praktijken", "gemeenten")
                  for path, field in all_fields(fields_of(config, name))
                  if field["label"] == field["name"]]
    assert unlabelled == []


def test_the_session_form_follows_session_schema(config):
    schema = SCHEMAS["session.schema.json"]
    fields = by_name(fields_of(config, "bijeenkomsten"))
    assert list(fields) == list(schema["properties"])  # the schema's order, no 'id'
    for name, field in fields.items():
        # practices: the editor's sessions belong to a practice (their file name needs one)
        required = name in schema["required"] or name == "practices"
        assert field.get("required", True) == required, name
        assert field["label"] == schema["properties"][name]["title"]
    status = fields["status"]
    assert status["widget"] == "select" and status["default"] == "gepland"
    assert [o["value"] for o in status["options"]] == schema["properties"]["status"]["enum"]
    audience = fields["audience"]
    assert audience["multiple"] and audience["min"] == 1
    assert [o["value"] for o in audience["options"]] == (
        schema["properties"]["audience"]["items"]["enum"])
    assert fields["theme"]["options"][0] == {"label": "Vaccinatie", "value": "vaccinatie"}
    assert fields["practices"] | {} == fields["practices"] and (
        fields["practices"]["value_field"] == "practices.*.id")
    assert fields["practices"]["multiple"] and fields["practices"]["min"] == 1
    # Dates and times as the loader reads them: "2027-01-12", "19:30".
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["date"]["time_format"] is False
    assert fields["start"]["format"] == "HH:mm" and fields["start"]["date_format"] is False
    # Inside an optional group nothing is required, but the hint says what is.
    place = by_name(fields["location"]["fields"])["place"]
    assert place["required"] is False and "Verplicht als u 'Locatie' invult" in place["hint"]


def test_hints_and_pattern_messages_come_from_the_descriptions(config):
    fields = by_name(fields_of(config, "bijeenkomsten"))
    assert fields["led_by"]["hint"] == ("De organisatie die de bijeenkomst leidt, bijvoorbeeld "
                                        "'CJG'; geen naam van een persoon.")
    common = SCHEMAS["common.schema.json"]["$defs"]
    postcode = by_name(fields["location"]["fields"])["postcode"]
    assert postcode["pattern"] == [common["postcode"]["pattern"],
                                   "Verwacht: " + common["postcode"]["description"] + "."]
    # Quoting is advice for YAML files; a form writes the quotes itself.
    practice = by_name(by_name(fields_of(config, "praktijken"))["practices"]["fields"])
    assert "aanhalingstekens" not in json.dumps(config, ensure_ascii=False)
    assert practice["verified_on"]["widget"] == "datetime"
    # A switch is 'aan', not `true`.
    assert practice["poh"]["fields"][2]["hint"].startswith("Aan alleen als")


def test_every_pattern_is_the_schemas_own(config):
    patterns = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(SCHEMAS)
    used = {field["pattern"][0] for name in ("bijeenkomsten", "praktijken", "gemeenten")
            for _path, field in all_fields(fields_of(config, name)) if "pattern" in field}
    assert used and used <= patterns
    for pattern in used:
        re.compile(pattern)


@pytest.mark.parametrize(("owner", "name"), sorted(REFERENCES))
def test_references_name_properties_and_lists_that_exist(owner, name):
    """A renamed property or list breaks this test, not the editor."""
    schemas = {"session": SCHEMAS["session.schema.json"],
               "practice": SCHEMAS["practices.schema.json"]["$defs"]["practice"],
               **{key: SCHEMAS["municipalities.schema.json"]["$defs"][key]
                  for key in ("pilot", "milestone", "organisation", "count", "outcome")}}
    assert name in schemas[owner]["properties"]
    target = REFERENCES[(owner, name)]
    if target.get("file"):
        listed, _, key = target["value_field"].partition(".*.")
        file_schema = {"praktijken": "practices.schema.json",
                       "gemeenten": "municipalities.schema.json"}[target["file"]]
        items = SCHEMAS[file_schema]["properties"][listed]["items"]["$ref"].rsplit("/", 1)[-1]
        assert key in SCHEMAS[file_schema]["$defs"][items]["properties"]


def test_relations_point_at_collections_and_files_that_exist(config):
    names = {c["name"]: c for c in config["collections"]}
    for name in names:
        for path, field in all_fields(fields_of(config, name)):
            if field.get("widget") == "relation":
                target = names[field["collection"]]
                if "file" in field:
                    assert field["file"] in [f["name"] for f in target["files"]], path
                else:
                    assert "folder" in target, path


def decap_slug(template: str, data: dict) -> str:
    """Decap's slug template as decap-cms-lib-widgets compiles it (only what we use)."""

    def part(match: re.Match) -> str:
        key, _, text_filter = match.group(1).partition("|")
        value = data
        for step in key.strip().removeprefix("fields.").split("."):
            value = value[int(step)] if isinstance(value, list) else value.get(step, "")
        value = str(value)
        cut = re.fullmatch(r"\s*truncate\(([0-9]+),'(.*)'\)\s*", text_filter)
        if cut and len(value) > int(cut.group(1)):
            value = value[:int(cut.group(1))] + cut.group(2)
        value = re.sub(r"[^a-z0-9_.~-]", "-", value.lower()).replace(".", "-")
        return re.sub("-+", "-", value).strip("-")

    return re.sub(r"\{\{([^}]+)\}\}", part, template)


@pytest.mark.parametrize("practice", ["deckers-haelen", "a" * 80, "a" * 49 + "-b" * 15])
def test_a_session_file_name_is_a_valid_id(config, practice):
    assert collection(config, "bijeenkomsten")["slug"] == SESSION_SLUG
    for theme in ("vaccinatie", "middelengebruik", "een-veel-langer-thema-dan-nu"):
        slug = decap_slug(SESSION_SLUG, {"practices": [practice], "date": "2027-01-12",
                                         "theme": theme})
        assert ID.fullmatch(slug) and len(slug) + len("-99") <= 80, slug
    assert decap_slug(SESSION_SLUG, {"practices": ["deckers-haelen"], "date": "2027-01-12",
                                     "theme": "vaccinatie"}) == (
        "deckers-haelen-2027-01-12-vaccinatie")  # as add-session makes it


def test_collections_and_files(config):
    sessions = collection(config, "bijeenkomsten")
    assert (sessions["folder"], sessions["extension"], sessions["format"]) == (
        "data/sessions", "yaml", "yaml")
    assert sessions["create"] is True and sessions["delete"] is False
    assert {group["field"] for group in sessions["view_groups"]} >= {"practices"}
    assert collection(config, "praktijken")["files"][0]["file"] == "data/practices.yaml"
    municipalities = collection(config, "gemeenten")["files"][0]
    assert municipalities["file"] == "data/municipalities.yaml"
    assert [f["name"] for f in municipalities["fields"]] == ["sources", "pilots",
                                                             "municipalities"]
    practice = by_name(by_name(fields_of(config, "praktijken"))["practices"]["fields"])
    availability = by_name(practice["availability"]["fields"])
    assert availability["day"]["options"][0]["value"] == "maandag"
    assert availability["start"]["format"] == "HH:mm"
    assert config["locale"] == "nl" and config["local_backend"] == {
        "url": "http://127.0.0.1:8081/api/v1"}


def test_the_script_keeps_fields_in_the_schemas_order(config):
    script = editor_script(config)
    orders = json.loads(re.search(r"var KEY_ORDER = (\{.*?\});\n", script).group(1))
    practice = SCHEMAS["practices.schema.json"]["$defs"]["practice"]["properties"]
    assert orders["praktijken"]["practices"] == list(practice)
    assert orders["praktijken"]["practices.poh"] == ["role", "name", "name_consent"]
    assert orders["bijeenkomsten"][""][:3] == ["theme", "practices", "municipality"]


# --- Settings: the production backend -----------------------------------------------------


@pytest.mark.parametrize(("values", "backend", "connect"), [
    ({}, {"name": "git-gateway", "branch": "main"}, []),
    ({"backend": "github", "repo": "gemeente/poh-jeugd"},
     {"name": "github", "branch": "main", "repo": "gemeente/poh-jeugd"},
     ["https://api.github.com"]),
    ({"backend": "gitlab", "repo": "ggd/poh", "app_id": "abc"},
     {"name": "gitlab", "branch": "main", "repo": "ggd/poh", "app_id": "abc",
      "auth_type": "pkce"}, ["https://gitlab.com"]),
    ({"backend": "gitea", "repo": "ggd/poh", "api_root": "https://git.example.nl/api/v1",
      "base_url": "https://git.example.nl", "app_id": "x", "branch": "productie"},
     {"name": "gitea", "branch": "productie", "repo": "ggd/poh",
      "api_root": "https://git.example.nl/api/v1", "base_url": "https://git.example.nl",
      "app_id": "x", "auth_type": "pkce"}, ["https://git.example.nl"]),
])
def test_backend_settings(values, backend, connect):
    settings = EditorSettings.from_mapping(values)
    assert settings.backend_config() == backend
    assert settings.connect_origins("https://www.example.nl/") == connect
    # The local backend only where the editor can use it: a site on this computer.
    assert settings.connect_origins(DEFAULT_SITE_URL) == [*connect, "http://127.0.0.1:8081"]


@pytest.mark.parametrize(("values", "message"), [
    ({"backend": "bitbucket"}, "Kies uit: github, gitlab, gitea, git-gateway"),
    ({"backend": "github"}, "zet DECAP_REPO"),
    ({"backend": "gitea", "repo": "a/b"}, "zet DECAP_API_ROOT"),
    ({"backend": "gitlab", "repo": "a/b", "api_root": "javascript:alert(1)"}, "geen webadres"),
    ({"local_port": "achtduizend"}, "geen poortnummer"),
    ({"colour": "blue"}, "onbekende instelling"),
])
def test_settings_that_cannot_work_are_refused_in_dutch(values, message):
    with pytest.raises(EditorSettingsError, match=re.escape(message)):
        EditorSettings.from_mapping(values)


def test_mkdocs_reads_the_settings_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for variable in ("DECAP_BACKEND", "DECAP_REPO", "DECAP_BRANCH", "DECAP_API_ROOT",
                     "DECAP_BASE_URL", "DECAP_APP_ID", "DECAP_SERVER_PORT"):
        assert f"!ENV [{variable}," in text, variable


# --- The page and the policy ---------------------------------------------------------------


def policy_of(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]


def test_the_editor_page_is_not_for_search_engines_and_runs_no_inline_script():
    html = admin_page(EditorSettings(), DEFAULT_SITE_URL)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "nl"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert [s["src"] for s in soup.find_all("script")] == ["decap-cms.js", "editor.js"]
    assert soup.select_one('link[rel="cms-config-url"]')["href"] == "config.yml"
    directives = dict(d.strip().split(" ", 1) for d in policy_of(html).split(";"))
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # no inline script, no CDN
    assert directives["connect-src"] == "'self' http://127.0.0.1:8081"
    assert directives["object-src"] == "'none'" and directives["frame-src"] == "'none'"
    assert directives["form-action"] == "'self'" and directives["base-uri"] == "'self'"


def test_the_bundle_is_the_pinned_version():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["decap-cms"] == locked_version("decap-cms") == "3.16.3"
    assert package["devDependencies"]["decap-server"] == locked_version("decap-server")
