"""The strict YAML loader: each pitfall of PyYAML's defaults, and positions kept.

Files that cannot be read (syntax, tabs, encoding, size, aliases) are rows of the
catalogue in test_catalogue.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_document
from generator.problems import DataError


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
