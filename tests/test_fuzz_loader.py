"""Fuzzing the way in: every input ends in a model or in the project's own DataError.

Thousands of generated inputs go through `load_document` and `load_dataset`: raw bytes,
random YAML documents (mappings, lists and scalars dumped in every style), the real data
files with their text mutated (lines dropped, doubled, swapped, re-indented, characters
inserted), and the real data with values replaced by odd ones (dates that do not exist,
huge numbers, wrong types) so that the cross-checks see them too. Nothing may end in any
other exception, and every DataError must carry problems that format as Dutch lines.

The budgets are fixed and the examples derandomised, so CI runs the same inputs each time.
Inputs that once crashed are kept as explicit examples.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import DATA, FIXTURES, TODAY
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import _current_build_context

from generator.dataset import load_dataset
from generator.load import load_document
from generator.model import Dataset
from generator.problems import DataError, Problem


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def ends_well(call: Callable[[], object]) -> str:
    """Run one load; a DataError is a good end when its problems read as Dutch lines."""
    try:
        result = call()
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert isinstance(problem, Problem) and problem.message
            assert str(problem).startswith(str(problem.position))
        _event("refused")
        return "refused"
    if isinstance(result, tuple):
        dataset, warnings = result
        assert isinstance(dataset, Dataset)
        assert all(problem.is_warning for problem in warnings)
    _event("accepted")
    return "accepted"


def _event(name: str) -> None:
    if _current_build_context.value is not None:  # inside a Hypothesis test: count it
        event(name)


# The files fuzzed, and where each goes in a data folder: the three data files and one
# session file (a moved session: it points at another file), beside the fixture's others.
SESSIONS = FIXTURES / "sessions" / "sessions"
MOVED = "hoogeveen-2026-12-15-opvoeden.yaml"
SOURCES = {"municipalities": DATA / "municipalities.yaml", "practices": DATA / "practices.yaml",
           "themes": DATA / "themes.yaml", "session": SESSIONS / MOVED}
TARGETS = {"municipalities": "municipalities.yaml", "practices": "practices.yaml",
           "themes": "themes.yaml", "session": f"sessions/{MOVED}"}
NAMES = tuple(SOURCES)
TEXTS = {name: path.read_text(encoding="utf-8") for name, path in SOURCES.items()}
VALUES = {name: load_document(path).data for name, path in SOURCES.items()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def load_with(folder: Path, name: str, content: str | bytes) -> str:
    """load_dataset on the real files, with `name` replaced by `content`."""
    shutil.rmtree(folder / "data", ignore_errors=True)
    data = folder / "data"
    data.mkdir()
    shutil.copytree(SESSIONS, data / "sessions")
    for other, text in TEXTS.items():
        (data / TARGETS[other]).write_text(text, encoding="utf-8")
    target = data / TARGETS[name]
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8", errors="surrogatepass")
    return ends_well(lambda: load_dataset(data, TODAY))


def load_one(folder: Path, content: bytes) -> str:
    path = folder / "one.yaml"
    path.write_bytes(content)
    return ends_well(lambda: load_document(path, "data/one.yaml"))


def test_the_real_files_load(folder):
    assert load_with(folder, "themes", TEXTS["themes"]) == "accepted"
    assert load_with(folder, "session", TEXTS["session"]) == "accepted"


# --- Raw bytes -------------------------------------------------------------------------------

YAML_BYTES = st.lists(st.sampled_from([
    b"a: ", b"- ", b"  ", b"\n", b"\t", b"[", b"]", b"{", b"}", b",", b":", b"&a ", b"*a",
    b"!!str ", b"!x ", b"? ", b"|", b">", b"'", b'"', b"\\x80", b"#", b"---\n", b"...\n",
    b"%YAML 1.2\n", b"<<: ", b"15:00", b"2026-02-30", b"\xc3\xa9", b"\xe9", b"\xef\xbb\xbf",
    b"\x00", b"\x0b", b"\xff\xfe", b"1" * 5000,
]) | st.binary(max_size=8), max_size=40).map(b"".join)


@fuzz(1500)
@given(content=st.binary(max_size=400) | YAML_BYTES)
@example(content=b"a: " + b"[" * 100_000)  # crashed libyaml's composer (stack overflow)
@example(content=b"a: " + b"1" * 5000)  # more digits than int() converts
@example(content=b"a: \"\\x80\"\n")
def test_any_bytes_end_in_a_document_or_a_data_error(folder, content):
    load_one(folder, content)


# --- Random YAML documents ---------------------------------------------------------------

def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


KEYS = sorted({key for values in VALUES.values() for key in _keys(values)})
ODD_TEXT = st.sampled_from([
    "", " ", "2026-02-30", "2019-13", "0000", "9999", "9999-12", "--02-30", "--13-01",
    "2026-11-23", "15:00", "24:00", "25:00", "00:00", "23:59", "GM0034", "gm0034",
    "https://", "https:///x", "javascript:alert(1)", "mailto:a@b", "tel:+31", "1234 AB",
    "0475 123456", "a@b.nl", "deckers-haelen", "leudal", "vaccinatie", "almere",
    "lopend", "verlengd", "geannuleerd", "verplaatst", "dinsdag", "ouders", "huisarts",
    "x\ny", "\x85", "<b>x</b>", "{{ x }}",
]) | st.builds(lambda: "1" * 4400)  # a plain scalar too long for int()
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.builds(lambda n: n * 10**4400, st.integers())  # beyond int()'s 4,300 digits
           | st.text(max_size=20) | ODD_TEXT)
KEY = st.sampled_from(KEYS) | st.text(max_size=10)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                    | st.dictionaries(KEY, inner, max_size=6), max_leaves=25)
STYLES = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([None, True, False]),
    "default_style": st.sampled_from([None, '"', "'"]),
    "allow_unicode": st.booleans(),
    "sort_keys": st.booleans(),
    "indent": st.sampled_from([2, 4, 9]),
    "width": st.sampled_from([20, 80, 10_000]),
})


def dump(value: object, style: dict) -> str:
    try:
        return yaml.safe_dump(value, **style)
    except ValueError:  # PyYAML cannot write integers beyond Python's 4,300 digits
        return yaml.safe_dump(repr(type(value)), **style)


@fuzz(1500)
@given(value=JSON, style=STYLES)
def test_any_yaml_document_ends_in_a_document_or_a_data_error(folder, value, style):
    load_one(folder, dump(value, style).encode("utf-8", "surrogatepass"))


@fuzz(500)
@given(name=st.sampled_from(NAMES), value=JSON, style=STYLES)
def test_any_yaml_document_as_a_data_file_ends_in_a_model_or_a_data_error(
        folder, name, value, style):
    load_with(folder, name, dump(value, style))


# --- The real data, mutated --------------------------------------------------------------

MUTATIONS = st.lists(st.tuples(
    st.sampled_from(["drop", "double", "swap", "indent", "dedent", "insert", "replace",
                     "truncate", "tab"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["-", ":", " ", "'", '"', "[", "]", "{", "}", "&a", "*a", "#", "|", ">",
                     "\t", "\n", "- x", "x: 1", "!!str", "\\", "é", "\x85", "?", "...", "---"])
    | st.text(max_size=5),
), min_size=1, max_size=4)


def mutate(text: str, mutations: list[tuple[str, int, int, str]]) -> str:
    lines = text.split("\n")
    for operation, first, second, payload in mutations:
        i, j = first % len(lines), second % len(lines)
        line = lines[i]
        if operation == "drop" and len(lines) > 1:
            del lines[i]
        elif operation == "double":
            lines.insert(i, line)
        elif operation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "indent":
            lines[i] = " " * (1 + second % 4) + line
        elif operation == "dedent":
            lines[i] = line[1 + second % 4:] if line.startswith(" ") else line
        elif operation == "insert":
            at = second % (len(line) + 1)
            lines[i] = line[:at] + payload + line[at:]
        elif operation == "replace" and line:
            at = second % len(line)
            lines[i] = line[:at] + payload + line[at + 1:]
        elif operation == "truncate":
            lines = lines[: i + 1]
        elif operation == "tab":
            lines[i] = "\t" + line.lstrip(" ")
    return "\n".join(lines)


@fuzz(1000)
@given(name=st.sampled_from(NAMES), mutations=MUTATIONS)
def test_mutated_data_files_end_in_a_model_or_a_data_error(folder, name, mutations):
    load_with(folder, name, mutate(TEXTS[name], mutations))


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


PATHS = {name: _paths(values)[1:] for name, values in VALUES.items()}
# A pilot's start date: month 13 and year 0000 once crashed the cross-checks.
TUBBERGEN_START = PATHS["municipalities"].index(("pilots", 2, "milestones", 0, "date", "date"))
CHANGES = st.lists(st.tuples(st.sampled_from(["set", "delete", "add"]),
                             st.integers(min_value=0, max_value=10**6), KEY,
                             ODD_TEXT | SCALARS | JSON), min_size=1, max_size=3)


def change(values: object, name: str, changes: list) -> object:
    values = copy.deepcopy(values)
    for operation, index, key, new in changes:
        *parents, last = PATHS[name][index % len(PATHS[name])]
        target = values
        try:
            for part in parents:
                target = target[part]
            if operation == "set":
                target[last] = new
            elif operation == "delete":
                del target[last]
            elif isinstance(target, dict):
                target[key] = new
            else:
                target.append(new)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # an earlier change removed this place
    return values


@fuzz(1000)
@given(name=st.sampled_from(NAMES), changes=CHANGES, style=STYLES)
@example(name="municipalities", changes=[("set", TUBBERGEN_START, "", "2019-13")], style={})
@example(name="municipalities", changes=[("set", TUBBERGEN_START, "", "0000")], style={})
def test_odd_values_in_the_real_data_end_in_a_model_or_a_data_error(
        folder, name, changes, style):
    load_with(folder, name, dump(change(VALUES[name], name, changes), style))


def test_odd_values_reach_the_cross_checks(folder, capsys):
    """The odd values are meant for the cross-checks too: a real date passes the schema."""
    at = PATHS["session"].index(("date",))
    values = change(VALUES["session"], "session", [("set", at, "", "2026-02-30")])
    assert load_with(folder, "session", dump(values, {})) == "refused"
    with pytest.raises(DataError) as caught:
        load_dataset(folder / "data", TODAY)
    assert [p.message for p in caught.value.problems] == ["De datum '2026-02-30' bestaat niet."]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar(folder, day):
    values = change(VALUES["practices"], "practices", [])
    values["practices"][3]["verified_on"] = day
    assert load_with(folder, "practices", dump(values, {})) == "accepted"
