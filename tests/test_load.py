"""The strict YAML loader: each pitfall of PyYAML's defaults, and positions kept.

Files that cannot be read (syntax, tabs, encoding, size, aliases) are rows of the
catalogue in test_catalogue.py.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.load import INVISIBLE, load_document
from generator.problems import DataError
from generator.render.text import paragraph_blocks


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "test.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_document(path, "data/test.yaml")


def fatal(tmp_path: Path, text: str | bytes) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("15:00", "15:00"),  # YAML 1.1 would give 900
        ("no", "no"),  # YAML 1.1 would give False
        ("yes", "yes"),
        ("on", "on"),
        ("0123", "0123"),  # YAML 1.1 would give 83
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2024-11-19", "2024-11-19"),  # stays text; the schema and cross-checks read it
        ("true", True),
        ("false", False),
        ("16", 16),
        ("-3", -3),
        ("1.5", 1.5),
        ("~", None),
        ("null", None),
        ("", None),
        ("'15:00'", "15:00"),
        ('"no"', "no"),
        ("!!str 15:00", "15:00"),
    ],
)
def test_scalars_follow_yaml_1_2_rules(tmp_path, source, expected):
    assert load(tmp_path, f"value: {source}\n").data == {"value": expected}


def test_positions_of_values_and_keys(tmp_path):
    document = load(tmp_path, "list:\n  - name: a\n    place:   Haelen\n")
    assert str(document.position(("list", 0, "place"))) == "data/test.yaml:3:14"
    assert str(document.position(("list", 0, "place"), key=True)) == "data/test.yaml:3:5"
    # An unknown path falls back to the nearest known parent.
    assert str(document.position(("list", 0, "missing"))) == "data/test.yaml:2:5"


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    document = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": 1, "b": 2}  # the first value is kept, the rest stays readable
    assert [str(p) for p in document.problems] == [
        "data/test.yaml:3:1: fout: Het veld 'a' staat hier twee keer (eerst op regel 1). "
        "Tip: Houd één van de twee over."
    ]


def test_merge_keys_and_python_tags_are_refused(tmp_path):
    document = load(tmp_path,
                    "base: {a: 1}\nother:\n  <<: {a: 2}\nx: !!python/object:os.system y\n")
    messages = [p.message for p in document.problems]
    assert any("<<" in message for message in messages)
    assert any("python/object" in message for message in messages)


def test_byte_order_mark_is_accepted(tmp_path):
    assert load(tmp_path, "\ufeffa: 1\n").data == {"a": 1}


def test_multiple_documents_are_refused(tmp_path):
    assert "meer dan één YAML-document" in fatal(tmp_path, "a: 1\n---\nb: 2\n")[0]


def test_deep_nesting_is_refused(tmp_path):
    document = load(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    assert any("te diep" in p.message for p in document.problems)


@pytest.mark.parametrize("text", [
    "".join(" " * level + f"k{level}:\n" for level in range(3000)) + " " * 3000 + "x\n",
    "- " * 3000 + "x\n",
    "a:\n" + "".join(" " * level + "- \n" for level in range(1, 3000)),
])
def test_deep_block_nesting_is_measured_not_composed(tmp_path, text):
    """Block collections nest by indentation or indicators at a line's start: the cheap
    bound sees them and the events are counted, so the C composer never overflows."""
    problems = fatal(tmp_path, text)
    assert any("te diep" in problem for problem in problems)


# --- Invisible characters ------------------------------------------------------------------

HINT = "Tip: Haal het teken weg; typ de tekst opnieuw of plak hem als platte tekst."


@pytest.mark.parametrize("character", sorted(INVISIBLE))
def test_each_invisible_character_is_refused_by_name(tmp_path, character):
    document = load(tmp_path, f"a: x{character}y\n")
    name = unicodedata.name(character)
    assert [str(p) for p in document.problems] == [
        f"data/test.yaml:1:5: fout: In deze tekst staat {INVISIBLE[character]} "
        f"(U+{ord(character):04X} {name}). {HINT}"
    ]
    assert document.data == {"a": f"x{character}y"}  # reported, not removed


def test_right_to_left_override_is_named_in_dutch(tmp_path):
    document = load(tmp_path, "name: Praktijk \u202eDeckers\n")
    assert [str(p) for p in document.problems] == [
        "data/test.yaml:1:16: fout: In deze tekst staat een onzichtbaar teken dat de "
        f"leesrichting omdraait (U+202E RIGHT-TO-LEFT OVERRIDE). {HINT}"
    ]


def test_every_invisible_character_is_reported_where_it_stands(tmp_path):
    text = ("café: vóór \U0001f600\n"  # characters, not UTF-8 bytes, are counted
            "tekst: >-\n  Eerste\u200b regel\r\n  tweede \u00adregel\n"
            "lijst: ['é\u2060', \"b\u202a\"]\nsle\u2067utel: 1\n")
    document = load(tmp_path, text)
    assert [str(p.position) for p in document.problems] == [
        "data/test.yaml:3:9", "data/test.yaml:4:10", "data/test.yaml:5:11",
        "data/test.yaml:5:17", "data/test.yaml:6:4",
    ]


def test_an_escaped_invisible_character_is_reported_at_its_value(tmp_path):
    document = load(tmp_path, 'a: b\nname: "Praktijk \\u202eDeckers"\n')
    assert [(str(p.position), "U+202E" in p.message) for p in document.problems] == [
        ("data/test.yaml:2:7", True)]


@pytest.mark.parametrize("text", [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family: man, woman, girl
    "Gezin \U0001f468\u200d\U0001f469\u200d\U0001f467 welkom",
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # the rainbow flag
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: "I want", with a ZWNJ
    "\u0915\u094d\u200d\u0937",  # Devanagari: a half form
])
def test_joiners_are_accepted_inside_words_of_scripts_that_need_them(tmp_path, text):
    document = load(tmp_path, f"a: '{text}'\n")
    assert document.problems == []
    assert document.data == {"a": text}


@pytest.mark.parametrize("text", [
    "a\u200db", "Deckers\u200c", "\u200d\U0001f468", "\U0001f468\u200d", "1\u200d\U0001f468",
    "\U0001f468\u200d 2", "\u00e9\u200c\u0645",  # é is a Latin letter
])
def test_joiners_next_to_latin_letters_digits_spaces_or_an_end_are_refused(tmp_path, text):
    document = load(tmp_path, f"a: '{text}'\n")
    assert len(document.problems) == 1
    assert "onzichtbaar teken zonder breedte (U+200" in document.problems[0].message


def test_a_byte_order_mark_inside_the_text_is_refused(tmp_path):
    document = load(tmp_path, "\ufeffa: x\ufeffy\n")  # the first one marks the file: fine
    assert [str(p.position) for p in document.problems] == ["data/test.yaml:1:5"]


# --- Paragraphs in folded blocks -------------------------------------------------------------

def test_a_blank_line_in_a_folded_block_starts_a_paragraph(tmp_path):
    document = load(tmp_path, "tekst: >-\n  Eerste alinea,\n  op twee regels.\n\n"
                              "  Tweede alinea.\n")
    assert document.data == {"tekst": "Eerste alinea, op twee regels.\n\nTweede alinea."}
    assert paragraph_blocks(document.data["tekst"]) == ["Eerste alinea, op twee regels.",
                                                        "Tweede alinea."]


@pytest.mark.parametrize(("source", "expected"), [
    (">\n  a\n  b\n\n  c\n", "a b\n\nc\n"),  # the final line break stays one
    (">-\n  a\n\n\n  b\n", "a\n\nb"),  # two blank lines are one paragraph break too
    (">-\n  a\n    ingesprongen\n  b\n", "a\n\n  ingesprongen\n\nb"),
    ("|-\n  a\n  b\n\n  c\n", "a\nb\n\nc"),  # literal blocks keep their line breaks
    ('"a\\nb"', "a\nb"),  # so do quoted texts
    ("'a\n\n  b'", "a\nb"),
])
def test_only_folded_blocks_turn_line_breaks_into_paragraphs(tmp_path, source, expected):
    assert load(tmp_path, f"tekst: {source}\n").data == {"tekst": expected}
