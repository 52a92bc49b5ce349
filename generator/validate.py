"""Checks a loaded document against its JSON Schema and says what is wrong in Dutch.

The schemas live beside the data (data/schemas/) so that editors' YAML plugins use the
same rules; this module only turns jsonschema's findings into messages for data editors.
jsonschema-rs answers the quick question (is this list item valid?) so that jsonschema only
has to explain the items that are not.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource

from generator.load import Document, JsonPath
from generator.problems import Problem

_TYPES = {
    "string": "tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst (regels die beginnen met '- ')",
    "object": "een groep velden (veld: waarde)",
    "null": "niets",
}
# How to write a value of each type, for fields whose schema has no description of its own.
_TYPE_HINTS = {
    "integer": "Schrijf alleen cijfers, zonder aanhalingstekens.",
    "number": "Schrijf een getal, zoals 16 of 2.5, zonder aanhalingstekens.",
    "boolean": "Schrijf true (ja) of false (nee), zonder aanhalingstekens.",
    "array": "Zet de waarden tussen [ en ], zoals [a, b], of elk op een eigen regel met '- '.",
    "object": "Zet de velden op de regels eronder, verder ingesprongen.",
}
# When nothing more specific can be said.
_GENERAL_HINT = "Vergelijk met de voorbeelden op de pagina 'Voor redacteuren'."
# Where jsonschema-rs finds the schemas, by file name, so that their $refs resolve.
_BASE_URI = "file:///schemas/"
# jsonschema reads a "pattern" as a Python regex, jsonschema-rs as an ECMA-262 one. For the
# patterns in data/schemas/ they differ where jsonschema-rs would pass too much only in \s:
# Python's also matches U+001C to U+001F and U+0085 (orjson writes the four escaped, and
# U+0085 as UTF-8). Items with those are left to jsonschema; tests/test_bench.py compares.
_PYTHON_ONLY_SPACE = re.compile(rb"\\u001[c-f]|\xc2\x85")


def load_validators(schema_dir: Path) -> dict[str, Draft202012Validator]:
    """One validator per `<name>.schema.json`, resolving references between them.

    Each document schema also has a twin `<name>-list` for a list of such documents under
    `documents`: a folder of files (data/sessions/, one session each) is checked in one
    call, so that the quick check below skips the valid ones there too.
    """
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    schemas |= {
        _list_name(name): {"$schema": schema["$schema"], "type": "object", "properties": {
            "documents": {"type": "array", "items": {"$ref": name}}}}
        for name, schema in list(schemas.items()) if "type" in schema  # not common's $defs
    }
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    validator = _skipping_valid_items(schemas)
    return {
        name.removesuffix(".schema.json"): validator(schema, registry=registry)
        for name, schema in schemas.items()
    }


def _list_name(name: str) -> str:
    return name.removesuffix(".schema.json") + "-list.schema.json"


def _skipping_valid_items(schemas: dict[str, dict]) -> type[Draft202012Validator]:
    """Draft 2020-12, except that list items jsonschema-rs passes are not walked.

    jsonschema would find nothing in those items anyway, so the errors are the same, but
    a national data set (20,000 sessions) is checked in a fraction of the time.
    """
    registry = jsonschema_rs.Registry(
        [(_BASE_URI + name, schema) for name, schema in schemas.items()])
    checks: dict[int, tuple[dict, Callable[[Any], bool]]] = {}
    for name, schema in schemas.items():
        compiled = jsonschema_rs.validator_map_for(schema, registry=registry,
                                                   base_uri=_BASE_URI + name)
        for pointer, items in _items_schemas(schema, "#"):
            check = compiled.get(pointer)
            if check is not None:
                checks[id(items)] = (items, check.is_valid)
    walk_items = Draft202012Validator.VALIDATORS["items"]

    def items(validator, items, instance, schema):
        known = checks.get(id(items))
        if known is None or known[0] is not items or not isinstance(instance, list) \
                or "prefixItems" in schema:
            yield from walk_items(validator, items, instance, schema)
            return
        for index, item in enumerate(instance):
            if not _passes(known[1], item):
                yield from validator.descend(instance=item, schema=items, path=index)

    return extend(Draft202012Validator, {"items": items})


def _passes(is_valid: Callable[[Any], bool], item: Any) -> bool:
    """True when jsonschema would surely find nothing in `item`; False when not sure."""
    try:
        return _PYTHON_ONLY_SPACE.search(orjson.dumps(item)) is None and is_valid(item)
    except (TypeError, ValueError):  # a key that is not text, an integer beyond 64 bits
        return False


def _items_schemas(schema: Any, pointer: str) -> Iterator[tuple[str, dict]]:
    """(JSON pointer, schema) of every schema given to an `items` keyword in `schema`."""
    if isinstance(schema, dict):
        if isinstance(schema.get("items"), dict):
            yield pointer + "/items", schema["items"]
        for key, value in schema.items():
            key = key.replace("~", "~0").replace("/", "~1")  # RFC 6901
            yield from _items_schemas(value, f"{pointer}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _items_schemas(value, f"{pointer}/{index}")


def schema_problems(
    document: Document, validator: Draft202012Validator
) -> tuple[list[Problem], set[JsonPath]]:
    """Every schema violation in Dutch at its line, and the paths of the items they are in.

    An item is a top-level list entry such as ("practices", 3); the path () means the
    document as a whole is unusable (for example a missing list or a wrong type at the top).
    """
    problems: list[Problem] = []
    invalid: set[JsonPath] = set()
    for error in validator.iter_errors(document.data):
        path = tuple(error.absolute_path)
        problems.extend(_translate(document, error, path))
        invalid.add(path[:2] if len(path) >= 2 else ())
    return problems, invalid


def each_document_problems(
    documents: list[Document], list_validator: Draft202012Validator
) -> list[list[Problem]]:
    """The schema violations of each document, for many documents of one kind at once.

    `list_validator` is the `<name>-list` twin from load_validators: one call checks them all,
    and the documents it finds nothing wrong with are not walked a second time.
    """
    found: list[list[Problem]] = [[] for _ in documents]
    for error in list_validator.iter_errors({"documents": [doc.data for doc in documents]}):
        path = tuple(error.absolute_path)
        if len(path) < 2:  # the list itself: it is made here, not read
            raise AssertionError(f"unexpected schema error: {error.message}")
        index = path[1]
        found[index].extend(_translate(documents[index], error, path[2:]))
    return found


def _translate(document: Document, error: ValidationError, path: JsonPath) -> Iterator[Problem]:
    """The error's problems at `path` in `document` (its place in the document checked)."""
    handler = _HANDLERS.get(error.validator, _fallback)
    for message, hint, key in handler(error):
        position = (
            document.position(path + key, key=True) if key else document.position(path)
        )
        yield Problem(position, message, hint or _GENERAL_HINT)


# message, hint, and the key the message is about (inside the error's value), if any.
Finding = tuple[str, str, tuple | None]


def _required(error: ValidationError) -> Iterator[Finding]:
    for name in error.validator_value:
        if name not in error.instance:
            yield (f"Het verplichte veld '{name}' ontbreekt.",
                   f"Voeg '{name}: ...' toe aan dit onderdeel.", None)


def _additional(error: ValidationError) -> Iterator[Finding]:
    allowed = sorted(error.schema.get("properties", {}))
    for name in error.instance:
        if name in allowed:
            continue
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = (f"Bedoelt u '{close[0]}'?" if close
                else "Toegestane velden zijn: " + ", ".join(allowed) + ".")
        yield f"Onbekend veld '{name}'.", hint, (name,)


def _type(error: ValidationError) -> Iterator[Finding]:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " of ".join(_TYPES.get(name, name) for name in names)
    hint = _describe(error.schema) or " ".join(
        _TYPE_HINTS[name] for name in names if name in _TYPE_HINTS
    )
    if "string" in names and not isinstance(error.instance, (dict, list)):
        hint = (hint + " " if hint else "") + "Zet de waarde tussen aanhalingstekens."
    yield f"Verwacht {wanted}, maar hier staat {_show(error.instance)}.", hint.strip(), None


def _pattern(error: ValidationError) -> Iterator[Finding]:
    if isinstance(error.instance, str) and ("\n" in error.instance or "\r" in error.instance):
        yield ("Hier mag maar één regel tekst staan.",
               "Haal de enter weg of gebruik een veld voor langere tekst.", None)
        return
    yield f"Ongeldige waarde {_show(error.instance)}.", _describe(error.schema), None


def _enum(error: ValidationError) -> Iterator[Finding]:
    options = [str(option) for option in error.validator_value]
    close = difflib.get_close_matches(str(error.instance), options, n=1)
    hint = f"Bedoelt u '{close[0]}'? " if close else ""
    hint += "Kies uit: " + ", ".join(options) + "."
    yield f"{_show(error.instance)} is geen toegestane waarde.", hint, None


def _min_length(error: ValidationError) -> Iterator[Finding]:
    yield "Dit veld is leeg.", "Vul een waarde in of laat het hele veld weg.", None


def _max_length(error: ValidationError) -> Iterator[Finding]:
    yield (f"De tekst is te lang ({len(error.instance)} tekens).",
           f"Maak hem korter: maximaal {error.validator_value} tekens.", None)


def _min_items(error: ValidationError) -> Iterator[Finding]:
    yield (f"De lijst moet minstens {error.validator_value} item(s) hebben.",
           "Vul de lijst aan.", None)


def _unique_items(error: ValidationError) -> Iterator[Finding]:
    yield "Er staat iets dubbel in deze lijst.", "Haal het dubbele item weg.", None


def _min_properties(error: ValidationError) -> Iterator[Finding]:
    yield "Dit onderdeel is leeg.", "Vul minstens één veld in of laat het weg.", None


def _bound(error: ValidationError) -> Iterator[Finding]:
    words = {
        "minimum": "minstens",
        "exclusiveMinimum": "meer dan",
        "maximum": "hoogstens",
        "exclusiveMaximum": "minder dan",
    }
    yield (f"{_show(error.instance)} is niet toegestaan.",
           f"De waarde moet {words[error.validator]} {error.validator_value} zijn.", None)


def _fallback(error: ValidationError) -> Iterator[Finding]:
    yield f"Ongeldige waarde: {error.message}.", _describe(error.schema), None


_HANDLERS: dict[str, Callable[[ValidationError], Iterator[Finding]]] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "pattern": _pattern,
    "enum": _enum,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "minProperties": _min_properties,
    "minimum": _bound,
    "exclusiveMinimum": _bound,
    "maximum": _bound,
    "exclusiveMaximum": _bound,
}


def _describe(schema: Any) -> str:
    description = schema.get("description") if isinstance(schema, dict) else None
    return f"Verwacht: {description}." if description else ""


def _show(value: Any) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPES["object" if isinstance(value, dict) else "array"]
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
