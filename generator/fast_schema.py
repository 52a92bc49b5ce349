"""A quick yes/no JSON Schema check, so that jsonschema only has to explain what is wrong.

jsonschema walks every value with its full error machinery, which took some 10 s for a
national data set (20,000 sessions) that is almost always valid. This module compiles the
subset of Draft 2020-12 that data/schemas/ uses into plain Python checks. `validate.py`
runs jsonschema as before, except that list items this check passes are skipped: a passed
item is one jsonschema would report nothing for, so the problems stay exactly the same.

The check only ever says "valid" when it is sure: a schema with a keyword outside the
subset is not compiled, and unusual values (a list mixing types for uniqueItems, an enum
that is not all text) answer "not sure", which sends the item to jsonschema.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

Check = Callable[[Any], bool]

# Keywords that never make an instance invalid.
_ANNOTATIONS = {"$schema", "$defs", "$comment", "title", "description", "examples",
                "default", "deprecated", "readOnly", "writeOnly"}
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, numbers.Number) and not isinstance(v, bool),
    # Draft 6 and later: 1.0 is an integer too.
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    """The schema uses something this module does not check itself."""


class Compiler:
    """Compiles subschemas of a set of schema documents, named as in their $refs."""

    def __init__(self, documents: dict[str, dict]):
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}
        self.unsupported: set[tuple[str, str]] = set()
        self.compiling: set[tuple[str, str]] = set()

    def check_for(self, document: str, schema: Any) -> Check | None:
        """A check for `schema` (found in `document`), or None when it cannot be compiled."""
        try:
            return self._compile(document, schema)
        except Unsupported:
            return None

    def _compile(self, document: str, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if not isinstance(schema, dict):
            raise Unsupported(schema)
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            build = getattr(self, "_" + keyword.lstrip("$"), None)
            if build is None:
                raise Unsupported(keyword)
            checks.append(build(document, argument, schema))
        checks = [check for check in checks if check is not None]
        if not checks:
            return lambda value: True
        if len(checks) == 1:
            return checks[0]

        def all_of(value: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a loop, not all(): no generator per call
                if not check(value):
                    return False
            return True

        return all_of

    # --- keywords; each returns a check of the whole value, or None when it adds nothing --

    def _ref(self, document: str, ref: str, _schema: dict) -> Check:
        target, _, pointer = ref.partition("#")
        target = target or document
        if target not in self.documents or (pointer and not pointer.startswith("/")):
            raise Unsupported(ref)
        key = (target, pointer)
        if key in self.unsupported:
            raise Unsupported(ref)
        if key in self.compiling:  # a schema that refers to itself: look it up when called
            return lambda value: self.compiled[key](value)
        if key not in self.compiled:
            self.compiling.add(key)
            try:
                self.compiled[key] = self._compile(
                    target, _resolve(self.documents[target], pointer))
            except Unsupported:
                self.unsupported.add(key)
                raise
            finally:
                self.compiling.discard(key)
        return self.compiled[key]

    def _type(self, _document: str, types: str | list[str], _schema: dict) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if not all(name in _TYPES for name in names):
            raise Unsupported(types)
        checks = [_TYPES[name] for name in names]
        return checks[0] if len(checks) == 1 else lambda v: any(c(v) for c in checks)

    def _properties(self, document: str, properties: dict, _schema: dict) -> Check:
        checks = [(name, self._compile(document, sub)) for name, sub in properties.items()]

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            return all(sub(value[name]) for name, sub in checks if name in value)

        return check

    def _additionalProperties(self, document: str, allowed: Any, schema: dict) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = set(schema.get("properties", {}))
        if allowed is False:
            return lambda v: not isinstance(v, dict) or known.issuperset(v)
        extra = self._compile(document, allowed)
        return lambda v: not isinstance(v, dict) or all(
            extra(item) for key, item in v.items() if key not in known)

    def _required(self, _document: str, names: list[str], _schema: dict) -> Check:
        return lambda v: not isinstance(v, dict) or all(name in v for name in names)

    def _minProperties(self, _document: str, least: int, _schema: dict) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= least

    def _items(self, document: str, items: Any, schema: dict) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        item = self._compile(document, items)
        return lambda v: not isinstance(v, list) or all(item(entry) for entry in v)

    def _minItems(self, _document: str, least: int, _schema: dict) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= least

    def _uniqueItems(self, _document: str, unique: bool, _schema: dict) -> Check | None:
        if not unique:
            return None
        # Only text is compared here; anything else is left to jsonschema's rules.
        return lambda v: not isinstance(v, list) or (
            all(isinstance(entry, str) for entry in v) and len(set(v)) == len(v))

    def _enum(self, _document: str, options: list, _schema: dict) -> Check:
        if not all(isinstance(option, str) for option in options):
            raise Unsupported("enum")
        allowed = frozenset(options)
        return lambda v: isinstance(v, str) and v in allowed

    def _pattern(self, _document: str, pattern: str, _schema: dict) -> Check:
        search = re.compile(pattern).search  # jsonschema uses re.search too
        return lambda v: not isinstance(v, str) or search(v) is not None

    def _minLength(self, _document: str, least: int, _schema: dict) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= least

    def _maxLength(self, _document: str, most: int, _schema: dict) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= most

    def _minimum(self, _document: str, bound: float, _schema: dict) -> Check:
        return lambda v: not _TYPES["number"](v) or v >= bound

    def _maximum(self, _document: str, bound: float, _schema: dict) -> Check:
        return lambda v: not _TYPES["number"](v) or v <= bound

    def _exclusiveMinimum(self, _document: str, bound: float, _schema: dict) -> Check:
        return lambda v: not _TYPES["number"](v) or v > bound

    def _exclusiveMaximum(self, _document: str, bound: float, _schema: dict) -> Check:
        return lambda v: not _TYPES["number"](v) or v < bound


def _resolve(document: dict, pointer: str) -> Any:
    """A JSON Pointer (RFC 6901) inside a schema document."""
    node: Any = document
    for part in pointer.split("/")[1:] if pointer else []:
        key = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            raise Unsupported(pointer)
    return node
