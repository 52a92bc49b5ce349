"""Strict YAML loading: plain JSON-like values, each with the file position it came from.

PyYAML's own constructors follow YAML 1.1, where `15:00` is the number 900, `no` is False
and `0123` is 83. We only use PyYAML to parse and compose nodes (which carry line and
column marks) and turn the nodes into values ourselves, with YAML 1.2-style rules:
only `true`/`false` are booleans, only plain decimal numbers are numbers, and every
other plain scalar stays the text the editor typed. Duplicate keys, anchors/aliases and
explicit tags are refused, and so are invisible characters that change how a text reads
(see INVISIBLE). In a folded block (`>-`) each line break becomes a blank line, so that a
blank line the editor leaves starts a new paragraph on the page.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import DataError, Position, Problem

try:  # libyaml is several times faster and keeps the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 40
# libyaml's composer recurses in C and has no limit of its own: some 30,000 nested collections
# overflow an 8 MB stack and the process crashes (a thread's stack can be far smaller). Files
# that might nest deeper than this are measured first (see _too_deep).
_SAFE_NESTING = 1000

JsonPath = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null"}
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
# Tags the YAML 1.1 resolver gives unquoted scalars on its own; all are read as plain text.
_PLAIN_TAGS = {
    _TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "yaml")
}
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
# YAML's printable characters. The reader refuses others in the file itself, but an escape in
# a double-quoted scalar ("\x80") still makes one; MkDocs then cannot read a page's front
# matter, and shows it as Markdown.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Printable but invisible characters, each with what the editor reads about it. The
# bidirectional controls reorder the text around them on the page (a right-to-left override
# in a practice name shows it backwards); the others hide inside a word, so that it no longer
# matches what is searched for or linked. A byte order mark at the very start of a file is
# dropped before reading (_read_text). The zero-width (non-)joiners are allowed where a
# script needs them: see _needed_joiner.
INVISIBLE = {
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
                    "een onzichtbaar teken dat de leesrichting omdraait"),
    **dict.fromkeys("\u200e\u200f\u061c", "een onzichtbaar teken dat de leesrichting aangeeft"),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u180e",
                    "een onzichtbaar teken zonder breedte"),
    "\u00ad": "een onzichtbaar afbreekstreepje",
}
_INVISIBLE_CHARACTER = re.compile(f"[{''.join(INVISIBLE)}]")
_JOINERS = "\u200c\u200d"
# YAML's line breaks, as the marks count lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# The line breaks inside a folded block's value (not those it ends with): where the editor
# left a blank line, or around a line indented further.
_FOLDED_BREAKS = re.compile(r"(?<=[^\n])\n+(?=[^\n])")


@dataclass
class Document:
    """A loaded data file: its values and where each value and key stands in the file."""

    file: str
    data: Any
    # (line, column) of every value and key; a Position is only made for the few asked for.
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Problems that left the rest of the file readable (a duplicate key keeps its first value).
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Position of the value (or its key) at `path`, else of its nearest parent."""
        if key and path in self.key_positions:
            return Position(self.file, *self.key_positions[path])
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        found = self.positions.get(path)
        return Position(self.file, *found) if found else Position(self.file)


@dataclass
class Collection(Document):
    """The documents of one folder seen as one document whose `data` is {name: [their data]}:
    the item at (name, i) is `documents[i]`, and its positions are that file's own."""

    documents: list[Document] = field(default_factory=list)

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        if len(path) >= 2 and isinstance(path[1], int) and 0 <= path[1] < len(self.documents):
            return self.documents[path[1]].position(tuple(path[2:]), key=key)
        return Position(self.file)


def load_document(path: Path, display_name: str | None = None) -> Document:
    """Read one YAML data file strictly.

    Raises DataError when the file cannot be read at all; problems that leave the rest
    readable (duplicate keys, aliases, tags) are kept in `Document.problems` instead, so
    that the caller can go on checking and report everything in one run.
    """
    name = display_name or str(path)
    return load_text(_read_text(path, name), name)


def load_text(text: str, name: str) -> Document:
    """Read YAML text as load_document reads a file's; `name` is the file the positions name."""
    try:
        too_deep = _too_deep(name, text)
        if too_deep:
            raise DataError([too_deep])
        with without_gc():
            root = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # PyYAML's own composer, when libyaml is missing
        raise DataError([_too_deep_problem(Position(name))]) from None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(name, text, error)]) from None
    except yaml.reader.ReaderError as error:
        raise DataError([_reader_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(Position(name), f"Dit is geen geldige YAML: {error}",
                                 "Controleer het bestand met een YAML-controle in uw editor.")]
                        ) from None
    if root is None:
        raise DataError(
            [Problem(Position(name), "Het bestand is leeg.", "Zet de gegevens terug uit git.")]
        )
    document = Document(name, None)
    with without_gc():
        document.data = _Converter(document, text).value(root, ())
    return document


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large, cycle-free tree is built.

    Each pass re-examines every object made so far, so composing 20,000 sessions took six
    times longer with it running; reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_text(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError(
            [Problem(Position(name), "Het bestand ontbreekt.", "Zet het bestand terug uit git.")]
        ) from None
    if size > MAX_FILE_BYTES:
        raise DataError(
            [
                Problem(
                    Position(name),
                    f"Het bestand is te groot ({size // (1024 * 1024)} MB; "
                    f"maximaal {MAX_FILE_BYTES // (1024 * 1024)} MB).",
                    "Splits de gegevens of controleer of het wel het goede bestand is.",
                )
            ]
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            [
                Problem(
                    Position(name, line, column),
                    "Het bestand is niet opgeslagen als UTF-8 (bijvoorbeeld een é uit Windows).",
                    "Sla het bestand op met de codering UTF-8.",
                )
            ]
        ) from None


def _syntax_problem(name: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    position = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name)
    detail = " ".join(part for part in (error.context, error.problem) if part)
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1 if mark else 0]:  # libyaml's message does not say "tab"
        return Problem(
            position,
            "Er staat een tab in de inspringing.",
            "Gebruik spaties om in te springen, geen tabs.",
        )
    if "expected a single document" in detail:
        return Problem(position, "Het bestand bevat meer dan één YAML-document (---).",
                       "Haal de extra regel met --- weg.")
    return Problem(
        position,
        f"De YAML is niet leesbaar ({detail}).",
        "Controleer de inspringing, de dubbele punten en de aanhalingstekens op en vlak "
        "voor deze regel.",
    )


# A line's indentation and block indicators, where every block collection on it starts.
_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)
# A flow collection that closes on the same line and holds no other collection, quote or comment.
_CLOSED_FLOW = re.compile(r"[\[{][^\[\]{}\"'#\n]*[\]}]")


def _too_deep(name: str, text: str) -> Problem | None:
    """A problem when collections nest deeper than MAX_DEPTH, found without composing.

    A cheap upper bound on the nesting decides whether the events need counting at all.
    A block collection starts in a line's prefix of indentation and indicators (`- `, `? `,
    `: `) or right after it (a mapping key), and a nested one starts further right, except a
    sequence under a mapping key, which may start in the same column: so twice the widest
    prefix bounds them. Flow collections need a bracket each, and an innermost one closed
    on its own line adds at most one level.
    """
    widest = max(map(len, _BLOCK_PREFIX.findall(text)))
    flow = _CLOSED_FLOW.sub("", text)
    if 2 * widest + 2 + flow.count("[") + flow.count("{") + 1 <= _SAFE_NESTING:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                mark = event.start_mark
                return _too_deep_problem(Position(name, mark.line + 1, mark.column + 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _too_deep_problem(position: Position) -> Problem:
    return Problem(position, "De gegevens zijn te diep genest.", "Controleer de inspringing.")


def _reader_problem(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A control character typed or pasted into the file itself."""
    # libyaml counts the position in UTF-8 bytes, PyYAML's own reader in characters.
    if _Loader is yaml.SafeLoader:
        before = text[: error.position]
    else:
        before = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(
        Position(name, line, column),
        f"Er staat een onzichtbaar teken in dat niet is toegestaan (U+{code:04X}).",
        "Haal het teken weg; het komt vaak mee als u tekst kopieert uit een ander programma.",
    )


class _Converter:
    """Turns composed nodes into values and records positions; collects problems."""

    def __init__(self, document: Document, text: str):
        self.document = document
        self.problems = document.problems
        self.positions = document.positions
        self.key_positions = document.key_positions
        self.text = text  # what was composed: the marks' indexes point into it
        # The reader refuses characters outside YAML's printable set in the file itself;
        # only an escape (which needs a backslash) can put one in a value.
        self.escapes = "\\" in text
        # An escape can also write an invisible character ("\u202e").
        self.invisible = self.escapes or _INVISIBLE_CHARACTER.search(text) is not None
        self.seen: set[int] = set()
        self.aliased: set[int] = set()  # anchored nodes already reported, once each

    def position(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.document.file, mark.line + 1, mark.column + 1)

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.position(node), message, hint))

    def value(self, node: yaml.Node, path: JsonPath) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:  # an alias: the anchored node again, never expanded
            if id(node) not in self.aliased:
                self.aliased.add(id(node))
                self.problem(node, "Ankers en verwijzingen (& en *) worden niet ondersteund.",
                             "Schrijf de gegevens voluit.")
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problems.append(_too_deep_problem(self.position(node)))
            return None
        if node.__class__ is yaml.ScalarNode:  # most nodes: skip the checks for collections
            return self.scalar(node)
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTION_TAGS:
            self.problem(node, f"Het label '{node.tag}' wordt niet ondersteund.",
                         "Haal het label (het woord met ! ervoor) weg.")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        quick = not self.invisible
        for key_node, value_node in node.value:
            if quick and key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR \
                    and key_node.value:
                key = key_node.value  # the usual key: text, with nothing to report
            else:
                key = self.key(key_node)
                if key is None:
                    continue
            at = path + (key,)
            if key in result:
                self.problem(
                    key_node,
                    f"Het veld '{key}' staat hier twee keer "
                    f"(eerst op regel {self.key_positions[at][0]}).",
                    "Houd één van de twee over.",
                )
                continue
            mark = key_node.start_mark
            self.key_positions[at] = (mark.line + 1, mark.column + 1)
            result[key] = self.value(value_node, at)
        return result

    def key(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "merge":
            self.problem(node, "Samenvoegen met << wordt niet ondersteund.",
                         "Schrijf de gegevens voluit.")
            return None
        key = self.scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not key:
            self.problem(node, "Een veldnaam moet een gewoon woord zijn.",
                         "Schrijf bijvoorbeeld 'name: ...'.")
            return None
        return key

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, f"Het label '{node.tag}' wordt niet ondersteund.",
                         "Haal het label (het woord met ! ervoor) weg.")
            return None
        text = node.value
        invisible = self.escapes and _NOT_PRINTABLE.search(text)
        if invisible:  # reported, not removed: the data stays invalid until the editor fixes it
            self.problem(node, "Er staat een teken in dat niet is toegestaan "
                         f"(U+{ord(invisible.group()):04X}).",
                         "Haal het teken weg; in een tekst tussen aanhalingstekens is het "
                         "een code zoals \\x80 of \\u0080.")
        if self.invisible:
            self.report_invisible(node, text)
        if node.style == ">":  # folded: each line break left is a paragraph break
            return _FOLDED_BREAKS.sub("\n\n", text)
        if node.style or node.tag == _TAG + "str":  # libyaml marks plain as "", PyYAML as None
            return text  # quoted, a block scalar, or plain text the resolver left alone
        return _plain_value(text)

    def report_invisible(self, node: yaml.ScalarNode, text: str) -> None:
        """One problem for each invisible character in the value, where it stands."""
        found = [match.start() for match in _INVISIBLE_CHARACTER.finditer(text)]
        if not found:
            return
        for at, position in zip(found, self.places(node, len(found)), strict=True):
            if not _needed_joiner(text, at):
                character = text[at]
                self.problems.append(Problem(
                    position,
                    f"In deze tekst staat {INVISIBLE[character]} "
                    f"(U+{ord(character):04X} {unicodedata.name(character)}).",
                    "Haal het teken weg; typ de tekst opnieuw of plak hem als platte tekst.",
                ))

    def places(self, node: yaml.ScalarNode, count: int) -> list[Position]:
        """Where each of the value's `count` invisible characters stands in the file.

        They stand in the file as they are, in the same order, unless an escape such as
        "\\u202e" wrote one: then the value's own position is all there is.
        """
        start, end = node.start_mark.index, node.end_mark.index
        offsets = [match.start() for match in _INVISIBLE_CHARACTER.finditer(self.text, start, end)]
        if len(offsets) != count:
            return [self.position(node)] * count
        return [self.position_at(node, offset) for offset in offsets]

    def position_at(self, node: yaml.Node, offset: int) -> Position:
        """The position of the character at `offset` in the file, counted from the node's."""
        mark, file = node.start_mark, self.document.file
        breaks = list(_LINE_BREAK.finditer(self.text, mark.index, offset))
        if breaks:
            return Position(file, mark.line + 1 + len(breaks), offset - breaks[-1].end() + 1)
        return Position(file, mark.line + 1, mark.column + 1 + offset - mark.index)


def _needed_joiner(text: str, at: int) -> bool:
    """Whether the character at `at` is a zero-width (non-)joiner inside a word of a script
    that needs one: an emoji sequence (a family: man, ZWJ, woman, ZWJ, girl), Persian or an
    Indic script. Next to a Latin letter, a digit or a space, or at either end of the value,
    it has no work to do there and only hides something."""
    if text[at] not in _JOINERS or at == 0 or at == len(text) - 1:
        return False
    return not (_plain(text[at - 1]) or _plain(text[at + 1]))


def _plain(character: str) -> bool:
    """A space, a digit or a letter of the Latin script."""
    return (character.isspace() or character.isdigit()
            or (character.isalpha() and unicodedata.name(character, "").startswith("LATIN")))


def _plain_value(text: str) -> Any:
    """YAML 1.2 core rules for an unquoted scalar; anything else stays text."""
    if text in _NULLS:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (4,300): it stays text
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    return text
