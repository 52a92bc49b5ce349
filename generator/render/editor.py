"""The web editor at /admin/ (Decap CMS): its configuration and its page.

The editor's fields come from the JSON Schemas in data/schemas/, read when the site is
built, so that the form and `python -m generator validate` follow the same rules: each
property becomes a field with the schema's `title` as its label and `description` as its
hint; `enum` becomes a choice, `required` a required field, `pattern` a check with the
definition's Dutch description as its message. What a form cannot say (a longest text, a
rule between fields, "at least one of") the validator still checks; docs/redacteuren.md
says so.

Ids that point at another record (a session's practices, a pilot's sources) become choices
from that record's list (`REFERENCES`): the schema only knows them as ids, the
cross-checks in convert.py know what they point at.

Decap CMS itself (the JavaScript bundle) is not made here: the MkDocs adapter copies it
from node_modules/ (npm, pinned by package-lock.json) beside these files.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.csp import editor_policy
from generator.model import Dataset, Theme
from generator.render.paths import TEMPLATES

EDITOR_FOLDER = "admin"
SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "schemas"
# Where the data lives in the repository the editor writes to (the project's own layout).
DATA_FOLDER = "data"
SESSIONS_FOLDER = f"{DATA_FOLDER}/sessions"
BACKENDS = ("github", "gitlab", "gitea", "git-gateway")
# Each backend's API when the settings name none, and whether it needs a repository.
_API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
_AUTH_ROOTS = {"gitlab": "https://gitlab.com"}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_REPO = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+")
_ORIGIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s\"'<>;,]*)?")

# Collections, by name: a session file each, the practices' file, the pilots' file.
SESSIONS = "bijeenkomsten"
PRACTICES = "praktijken"
MUNICIPALITIES = "gemeenten"

# The id fields that point at a record elsewhere: (schema definition, property) -> Decap
# relation. "theme" is a choice from the data's themes instead (see _theme_field).
_PRACTICE = {"collection": PRACTICES, "file": PRACTICES, "value_field": "practices.*.id",
             "search_fields": ["practices.*.name", "practices.*.place", "practices.*.id"],
             "display_fields": ["practices.*.name", "practices.*.place"]}
_SOURCE = {"collection": MUNICIPALITIES, "file": MUNICIPALITIES,
           "value_field": "sources.*.id", "search_fields": ["sources.*.id", "sources.*.title"],
           "display_fields": ["sources.*.id"]}
_MUNICIPALITY = {"collection": MUNICIPALITIES, "file": MUNICIPALITIES,
                 "value_field": "municipalities.*.id",
                 "search_fields": ["municipalities.*.name", "municipalities.*.id"],
                 "display_fields": ["municipalities.*.name"]}
_SESSION = {"collection": SESSIONS, "value_field": "{{slug}}",
            "search_fields": ["date", "theme", "practices"], "display_fields": ["{{slug}}"]}
REFERENCES: dict[tuple[str, str], dict] = {
    ("session", "practices"): _PRACTICE,
    ("session", "municipality"): _MUNICIPALITY,
    ("session", "moved_to"): _SESSION,
    ("practice", "municipality"): _MUNICIPALITY,
    ("practice", "sources"): _SOURCE,
    ("pilot", "municipalities"): _MUNICIPALITY,
    ("pilot", "sources"): _SOURCE,
    ("milestone", "source"): _SOURCE,
    ("organisation", "source"): _SOURCE,
    ("count", "source"): _SOURCE,
    ("outcome", "source"): _SOURCE,
}
# A session's id is its file name: the first practice, the date and the theme, as
# `add-session` makes it ('deckers-haelen-2027-01-12-vaccinatie'). Decap cleans each part
# on its own (lower case, only a-z, 0-9 and '-'), and adds '-1', '-2' to a name taken.
# Cut short so that the id stays within 80 characters: 50 + 1 + 10 + 1 + 15 (+ '-99').
SESSION_SLUG = ("{{fields.practices.0 | truncate(50,'-')}}-{{fields.date}}-"
                "{{fields.theme | truncate(15,'-')}}")
CHOOSE_HINT = "Kies uit de lijst; typ een deel van de naam om te zoeken."
_HEADER = """\
# GEGENEREERD BESTAND: niet met de hand aanpassen.
# De webeditor (Decap CMS) op /admin/. Gemaakt bij het bouwen van de site uit de
# JSON Schemas in data/schemas/ (generator/render/editor.py) en de instelling
# extra.editor in mkdocs.yml (DECAP_BACKEND, DECAP_REPO, ...; zie README,
# "Editing the data"). Pas de schema's of die instelling aan, niet dit bestand.
"""


class EditorSettingsError(ValueError):
    """The editor's settings (extra.editor in mkdocs.yml) cannot work; the message is Dutch."""


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor saves. `backend` is the git host editors sign in with online;
    `local_port` is decap-server's port on this computer (`make edit`), used when the
    editor is opened on 127.0.0.1 or localhost."""

    backend: str = "git-gateway"
    repo: str = ""
    branch: str = "main"
    api_root: str = ""  # a self-hosted GitLab or Gitea: its API address
    base_url: str = ""  # the OAuth server (GitHub via Netlify or your own; GitLab/Gitea)
    app_id: str = ""  # GitLab or Gitea: the OAuth application's id (PKCE sign-in)
    local_port: int = 8081

    @classmethod
    def from_mapping(cls, values: dict | None) -> EditorSettings:
        """From mkdocs.yml's `extra.editor` (values may come from the environment as text)."""
        values = {key: value for key, value in (values or {}).items() if value not in (None, "")}
        unknown = sorted(set(values) - set(cls.__dataclass_fields__))
        if unknown:
            raise EditorSettingsError(f"extra.editor: onbekende instelling(en) {unknown}; "
                                      f"bekend zijn {sorted(cls.__dataclass_fields__)}.")
        try:
            values["local_port"] = int(values.get("local_port", cls.local_port))
        except ValueError:
            raise EditorSettingsError("extra.editor.local_port (DECAP_SERVER_PORT) is geen "
                                      "poortnummer.") from None
        settings = cls(**{key: value if key == "local_port" else str(value).strip()
                          for key, value in values.items()})
        settings.check()
        return settings

    def check(self) -> None:
        if self.backend not in BACKENDS:
            raise EditorSettingsError(
                f"extra.editor.backend (DECAP_BACKEND) '{self.backend}' is onbekend. Kies uit: "
                + ", ".join(BACKENDS) + ".")
        if self.backend != "git-gateway" and not _REPO.fullmatch(self.repo):
            raise EditorSettingsError(
                f"De webeditor met {self.backend} heeft de repository nodig: zet DECAP_REPO, "
                "bijvoorbeeld DECAP_REPO=gemeente/poh-jeugd.")
        if self.backend == "gitea" and not self.api_root:
            raise EditorSettingsError(
                "De webeditor met gitea heeft het adres van de API nodig: zet DECAP_API_ROOT, "
                "bijvoorbeeld DECAP_API_ROOT=https://gitea.voorbeeld.nl/api/v1.")
        for name in ("api_root", "base_url"):
            value = getattr(self, name)
            if value and not _ORIGIN_URL.fullmatch(value):
                raise EditorSettingsError(f"extra.editor.{name} '{value}' is geen webadres "
                                          "(https://...).")
        if not 0 < self.local_port < 65536:
            raise EditorSettingsError("extra.editor.local_port (DECAP_SERVER_PORT) is geen "
                                      "poortnummer.")

    @property
    def local_backend_url(self) -> str:
        # 127.0.0.1, not localhost: `make edit` binds decap-server to 127.0.0.1 only.
        return f"http://127.0.0.1:{self.local_port}/api/v1"

    def backend_config(self) -> dict:
        config: dict = {"name": self.backend, "branch": self.branch}
        if self.repo and self.backend != "git-gateway":
            config["repo"] = self.repo
        for name in ("api_root", "base_url", "app_id"):
            if getattr(self, name):
                config[name] = getattr(self, name)
        if self.backend in ("gitlab", "gitea") and self.app_id:
            config["auth_type"] = "pkce"
        return config

    def connect_origins(self, site_url: str) -> list[str]:
        """The addresses the editor's page may fetch from besides its own site: the git
        host's API (and its sign-in server for PKCE), and decap-server when the site is
        built for this computer (the local backend is only used on 127.0.0.1/localhost)."""
        origins = []
        api_root = self.api_root or _API_ROOTS.get(self.backend)
        if api_root:
            origins.append(_origin(api_root))
        auth_root = self.base_url or _AUTH_ROOTS.get(self.backend)
        if self.backend in ("gitlab", "gitea") and auth_root:
            origins.append(_origin(auth_root))
        if urlsplit(site_url).hostname in _LOOPBACK:
            origins.append(_origin(self.local_backend_url))
        return list(dict.fromkeys(origins))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- The page ------------------------------------------------------------------------------


def render_editor(dataset: Dataset, site_url: str, settings: EditorSettings,
                  schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """{admin/index.html, admin/config.yml, admin/editor.js}: the editor's page, its
    configuration and the site's own additions; the bundle comes beside them."""
    # Of the data, only the themes are in it: the live preview makes it once, not on
    # every edit (some 25 ms), until the themes, the settings or a schema change.
    schemas = tuple((path.name, path.stat().st_mtime_ns)
                    for path in sorted(schema_dir.glob("*.schema.json")))
    return dict(_render_editor(dataset.themes, site_url, settings, schema_dir, schemas))


@functools.lru_cache(maxsize=4)
def _render_editor(themes: tuple[Theme, ...], site_url: str, settings: EditorSettings,
                   schema_dir: Path, _schemas: tuple) -> tuple[tuple[str, str], ...]:
    config = editor_config(load_schemas(schema_dir), themes, site_url, settings)
    return tuple({
        f"{EDITOR_FOLDER}/index.html": admin_page(settings, site_url),
        f"{EDITOR_FOLDER}/config.yml": config_yaml(config),
        f"{EDITOR_FOLDER}/editor.js": editor_script(config),
    }.items())


def editor_script(config: dict) -> str:
    """editor.js with each collection's field order (by path: '', 'practices',
    'practices.poh', ...)."""
    orders = {collection["name"]: _key_orders(_collection_fields(collection))
              for collection in config["collections"]}
    script = (TEMPLATES / "admin" / "editor.js").read_text(encoding="utf-8")
    marker = "{/* KEY_ORDER */}"
    assert marker in script
    # JSON is JavaScript; '<' escaped all the same (names come from the schemas).
    return script.replace(marker, json.dumps(orders, sort_keys=True).replace("<", "\\u003c"))


def _collection_fields(collection: dict) -> list[dict]:
    return collection["fields"] if "fields" in collection else collection["files"][0]["fields"]


def _key_orders(fields: list[dict], path: str = "") -> dict[str, list[str]]:
    orders = {path: [field["name"] for field in fields]}
    for field in fields:
        if "fields" in field:
            orders |= _key_orders(field["fields"], f"{path}.{field['name']}".lstrip("."))
    return orders


def admin_page(settings: EditorSettings, site_url: str) -> str:
    """The editor's HTML page: Decap's bundle, then the site's additions (editor.js).
    Kept out of search engines (noindex), the site search, the sitemap and the navigation:
    it is a file of its own, not a page of the site."""
    policy = editor_policy(settings.connect_origins(site_url))
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Webeditor – POH Jeugd bij de huisarts</title>
<link rel="icon" href="../assets/images/favicon.png">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>De webeditor werkt alleen met JavaScript aan. Zonder JavaScript past u de
gegevens aan in de bestanden in de map data/ (zie de pagina Voor redacteuren).</p></noscript>
<script src="decap-cms.js"></script>
<script src="editor.js"></script>
</body>
</html>
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # no &id001 for a list used twice
        return True


def config_yaml(config: dict) -> str:
    return _HEADER + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                               width=100)


# --- The configuration ---------------------------------------------------------------------


def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(schema_dir.glob("*.schema.json"))}


def editor_config(schemas: dict[str, dict], themes: tuple[Theme, ...], site_url: str,
                  settings: EditorSettings) -> dict:
    """Decap CMS's configuration (config.yml) as a mapping; `themes` are the choices for
    a session's theme."""
    fields = _Fields(schemas, themes)
    session = fields.object_fields(schemas["session.schema.json"], "session.schema.json",
                                   "session", required=True)
    practices = fields.object_fields(schemas["practices.schema.json"], "practices.schema.json",
                                     "practices", required=True)
    municipalities = fields.object_fields(schemas["municipalities.schema.json"],
                                          "municipalities.schema.json", "municipalities",
                                          required=True)
    _require(session, "practices")  # the editor's sessions belong to a practice (the id)
    # Decap writes a file anew and drops its comments: a session file gets its schema back
    # at the top, as add-session writes it. (Decap adds such comments in folder collections
    # only: practices.yaml and municipalities.yaml lose their header on the first save.)
    session[0]["comment"] = "yaml-language-server: $schema=../schemas/session.schema.json"
    return {
        "backend": settings.backend_config(),
        # `make edit`: decap-server on this computer writes the files in the working copy.
        "local_backend": {"url": settings.local_backend_url},
        "locale": "nl",
        "site_url": site_url,
        "display_url": site_url,
        "show_preview_links": False,
        "publish_mode": "simple",
        # Nothing in the data is a picture or a file; uploads would go here, unpublished.
        "media_folder": f"{DATA_FOLDER}/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": SESSIONS,
                "label": "Themabijeenkomsten",
                "label_singular": "themabijeenkomst",
                "description": (
                    "Elke bijeenkomst is een eigen bestand in data/sessions/. De naam van het "
                    "bestand is de vaste id: de praktijk, de datum en het thema. Verplaatst "
                    "een bijeenkomst, verander dan de datum; gaat hij niet door, zet de status "
                    "op geannuleerd. Zo houden agenda-abonnementen hem bij."),
                "folder": SESSIONS_FOLDER,
                "extension": "yaml",
                "format": "yaml",
                "create": True,
                "delete": False,  # cancel instead: subscribed calendars then show it
                "identifier_field": "theme",
                "slug": SESSION_SLUG,
                # What the list shows: date, time, theme, (first) practice and status.
                "summary": "{{fields.date}} {{fields.start}} · {{fields.theme}} · "
                           "{{fields.practices.0}} · {{fields.status}}",
                "sortable_fields": [{"field": "date", "label": "Datum", "default_sort": "desc"},
                                    "theme", "status"],
                "view_filters": [{"label": f"Status: {value}", "field": "status",
                                  "pattern": f"^{value}$"}
                                 for value in _enum(session, "status")],
                "view_groups": [
                    {"label": "Praktijk", "field": "practices"},
                    {"label": "Maand", "field": "date", "pattern": r"^\d{4}-\d{2}"},
                    {"label": "Thema", "field": "theme"},
                ],
                "editor": {"preview": False},
                "fields": session,
            },
            _file_collection(PRACTICES, "Praktijken", "data/practices.yaml",
                             "Per praktijk de uren van de POH, afwezigheid en de datum van de "
                             "laatste controle. Opslaan schrijft het hele bestand "
                             "data/practices.yaml opnieuw.", practices),
            _file_collection(MUNICIPALITIES, "Pilots, bronnen en gemeenten",
                             "data/municipalities.yaml",
                             "Voor de redactie van gemeenten: de bronnen, de pilots en de "
                             "gemeenten. Opslaan schrijft het hele bestand "
                             "data/municipalities.yaml opnieuw.", municipalities),
        ],
    }


def _file_collection(name: str, label: str, path: str, description: str,
                     fields: list[dict]) -> dict:
    return {"name": name, "label": label, "description": description,
            "editor": {"preview": False},
            "files": [{"name": name, "label": label, "file": path, "fields": fields}]}


def _require(fields: list[dict], name: str) -> None:
    field = next(field for field in fields if field["name"] == name)
    field.pop("required", None)
    field.setdefault("min", 1)


def _enum(fields: list[dict], name: str) -> list[str]:
    field = next(field for field in fields if field["name"] == name)
    return [option["value"] for option in field["options"]]


class _Fields:
    """JSON Schema properties as Decap fields."""

    def __init__(self, schemas: dict[str, dict], themes: tuple[Theme, ...]) -> None:
        self.schemas = schemas
        self.themes = themes

    def resolve(self, node: dict, base: str) -> tuple[dict, str | None, str]:
        """The node with its $ref followed: the definition's keywords, overridden by the
        node's own (title, description, minItems); the definition's name ('date', 'pilot');
        and the schema file its nested $refs are relative to. A pattern keeps the
        description of the definition it comes from as `_rule` (its check's message)."""
        if "$ref" not in node:
            return node, None, base
        file, _, pointer = node["$ref"].partition("#")
        target_file = file or base
        target = self.schemas[target_file]
        for part in pointer.strip("/").split("/"):
            target = target[part]
        resolved, _inner, target_base = self.resolve(target, target_file)
        own = {key: value for key, value in node.items() if key != "$ref"}
        merged = {**resolved, **own}
        if "pattern" in resolved and "pattern" not in own:
            merged["_rule"] = resolved.get("_rule") or resolved.get("description", "")
        return merged, pointer.rsplit("/", 1)[-1], target_base

    def object_fields(self, node: dict, base: str, owner: str, required: bool) -> list[dict]:
        """The fields of an object's properties. Inside an optional object no field is
        required: Decap would then refuse to save without the object; the hint says it is
        needed with the rest, and the validator checks it."""
        node, _kind, base = self.resolve(node, base)
        needed = set(node.get("required", ()))
        group = None if required else node.get("title")
        return [self.field(name, child, base, owner, required and name in needed,
                           needed_with=group if name in needed else None)
                for name, child in node["properties"].items()]

    def field(self, name: str, node: dict, base: str, owner: str, required: bool,
              needed_with: str | None = None) -> dict:
        """One property as a field. `needed_with`: the label of the optional group whose
        required part this is (required only when the group is filled in)."""
        node, kind, base = self.resolve(node, base)
        field: dict = {"name": name, "label": node.get("title") or name}
        if not required:
            field["required"] = False
        field |= self.widget(name, node, kind, base, owner, required)
        if field["widget"] == "relation" or (name, owner) == ("theme", "session"):
            # The description speaks of ids as typed in a file; here they are chosen.
            hint = CHOOSE_HINT
        else:
            hint = _sentence(_form_text(node.get("description") or ""))
        if needed_with:
            hint = f"{hint} Verplicht als u '{needed_with}' invult.".strip()
        if hint:
            field["hint"] = hint
        if "default" in node:
            field["default"] = node["default"]
        return field

    def widget(self, name: str, node: dict, kind: str | None, base: str, owner: str,
               required: bool) -> dict:
        reference = REFERENCES.get((owner, name))
        if name == "theme" and owner == "session":
            return {"widget": "select",
                    "options": [{"label": theme.name, "value": theme.id}
                                for theme in self.themes]}
        kind_type = node.get("type")
        if reference and kind_type == "array":
            return {"widget": "relation", **reference, "multiple": True,
                    **({"min": node["minItems"]} if "minItems" in node else {})}
        if reference:
            return {"widget": "relation", **reference}
        if "enum" in node:
            return {"widget": "select", "options": _options(node["enum"])}
        if kind_type == "array":
            return self.list_widget(name, node, base, owner)
        if kind_type == "object":
            return {"widget": "object", "collapsed": False,
                    "fields": self.object_fields(node, base, _owner(kind, name), required)}
        if kind_type == "boolean":
            return {"widget": "boolean"}
        if kind_type in ("integer", "number"):
            return _number(node)
        if kind == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                    "time_format": False}
        if kind == "time":
            return {"widget": "datetime", "format": "HH:mm", "date_format": False,
                    "time_format": "HH:mm"}
        widget = {"widget": "text" if kind == "text" else "string"}
        if "pattern" in node:
            widget["pattern"] = [node["pattern"], _pattern_message(node)]
        return widget

    def list_widget(self, name: str, node: dict, base: str, owner: str) -> dict:
        items, kind, items_base = self.resolve(node["items"], base)
        widget: dict = {"widget": "list"}
        if "minItems" in node:
            widget["min"] = node["minItems"]
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": _options(items["enum"]),
                    **({"min": node["minItems"]} if "minItems" in node else {})}
        if items.get("type") == "object":
            fields = self.object_fields(items, items_base, _owner(kind, name), required=True)
            singular = items.get("title") or node.get("title") or name
            widget |= {"collapsed": True, "summary": _summary(fields), "fields": fields,
                       "label_singular": singular[:1].lower() + singular[1:]}
            return widget
        item = self.field(name, items, items_base, owner, required=True)
        item.pop("label", None)
        item.pop("hint", None)
        widget["field"] = {"label": node.get("title") or name, **item}
        return widget


def _owner(kind: str | None, name: str) -> str:
    """The definition an object's properties belong to ('pilot'), for REFERENCES."""
    if kind:
        return kind
    return {"practices": "practice", "pilots": "pilot", "sources": "source",
            "municipalities": "municipality"}.get(name, name)


def _options(values: list) -> list[dict]:
    return [{"label": str(value), "value": value} for value in values]


def _number(node: dict) -> dict:
    widget = {"widget": "number", "value_type": "int" if node["type"] == "integer" else "float"}
    if "minimum" in node:
        widget["min"] = node["minimum"]
    if "maximum" in node:
        widget["max"] = node["maximum"]
    return widget


def _summary(fields: list[dict]) -> str:
    """What a collapsed list item shows: its name or title (after its id when the title
    may be missing: a source), else its required parts."""
    names = [field["name"] for field in fields]
    for field in fields:
        if field["name"] in ("name", "title"):
            shown = "{{fields." + field["name"] + "}}"
            optional = field.get("required") is False and "id" in names
            return "{{fields.id}} · " + shown if optional else shown
    simple = [field["name"] for field in fields if field.get("required", True)
              and field.get("widget") not in ("object", "list")]
    return " · ".join("{{fields." + name + "}}" for name in (simple or names[:1])[:3])


def _pattern_message(node: dict) -> str:
    text = _form_text(node.get("_rule") or node.get("description") or "")
    return f"Verwacht: {text}." if text else "Deze waarde klopt niet."


# "(jaar-maand-dag, tussen aanhalingstekens)", "(tussen aanhalingstekens, met een dubbele
# punt)", " (tussen aanhalingstekens)"
_QUOTES = re.compile(r"\s*\(tussen aanhalingstekens\)|(?<=\()tussen aanhalingstekens,\s*"
                     r"|,\s*tussen aanhalingstekens")


def _form_text(text: str) -> str:
    """A description as a form's hint: the advice to quote a value is for YAML files only
    (a form writes the quotes itself), and a switch is 'aan', not `true`."""
    text = _QUOTES.sub("", text)
    text = re.sub(r"\btrue\b", "aan", text)
    return " ".join(text.split())


def _sentence(text: str) -> str:
    """'de plaats' -> 'De plaats.'"""
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."
