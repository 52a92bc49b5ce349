"""The benchmark keeps working: synthetic data that validates, and a tiny side-by-side run.

No timing assertions: the machines are shared and noisy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import random
from pathlib import Path

import pytest
from conftest import TRICKY_TEXT
from icalendar import Calendar, Event
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from bench import profile, run, synthetic
from generator.dataset import SCHEMA_DIR, load_dataset
from generator.load import Document, load_document
from generator.model import Location, Signup
from generator.render import calendars, open_data, paths
from generator.render.pilot_status import STATUSES, pilot_status
from generator.site_url import DEFAULT_SITE_URL
from generator.validate import each_document_problems, load_validators, schema_problems

TODAY = synthetic.DEFAULT_TODAY


def test_small_synthetic_set_validates_and_is_marked_synthetic(tmp_path):
    sizes = synthetic.write_dataset(tmp_path, scale=0.01)
    dataset, warnings = load_dataset(tmp_path, TODAY)
    assert (len(dataset.municipalities), len(dataset.practices), len(dataset.sessions)) == (
        sizes.municipalities, sizes.practices, sizes.sessions)
    assert {m.province for m in dataset.municipalities} == set(synthetic.PROVINCES)
    assert all(item.id.startswith("synth-") for item in
               (*dataset.municipalities, *dataset.practices, *dataset.sessions))
    assert all(m.cbs_code.startswith("GM9") for m in dataset.municipalities)
    for path in tmp_path.rglob("*.yaml"):  # the three files and one file per session
        assert "SYNTHETISCHE GEGEVENS" in path.read_text(encoding="utf-8").split("\n", 3)[1]
    assert len(list((tmp_path / "sessions").glob("synth-*.yaml"))) == sizes.sessions
    assert all(w.is_warning for w in warnings)  # a few practices were checked too long ago


def test_synthetic_set_is_deterministic(tmp_path):
    synthetic.write_dataset(tmp_path / "a", scale=0.01, seed=7)
    synthetic.write_dataset(tmp_path / "b", scale=0.01, seed=7)
    names = sorted(path.relative_to(tmp_path / "a") for path in (tmp_path / "a").rglob("*.yaml"))
    assert names == sorted(path.relative_to(tmp_path / "b")
                           for path in (tmp_path / "b").rglob("*.yaml"))
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_second_run_at_another_scale_leaves_no_sessions_behind(tmp_path):
    synthetic.write_dataset(tmp_path, scale=0.02)
    sizes = synthetic.write_dataset(tmp_path, scale=0.01)
    assert len(list((tmp_path / "sessions").glob("*.yaml"))) == sizes.sessions


def test_sessions_cover_two_years_with_every_status(tmp_path):
    synthetic.write_dataset(tmp_path, scale=0.05)
    sessions = load_dataset(tmp_path, TODAY)[0].sessions
    assert sessions[0].date >= TODAY - dt.timedelta(days=365)
    assert sessions[-1].date <= TODAY + dt.timedelta(days=365)
    assert {s.status for s in sessions} == {"gepland", "vol", "geannuleerd", "verplaatst"}


def test_pilots_are_joint_arrangements_or_one_per_municipality(tmp_path):
    synthetic.write_dataset(tmp_path, scale=0.05)
    dataset = load_dataset(tmp_path, TODAY)[0]
    pilots = {m.pilot.id: m.pilot for m in dataset.municipalities}
    sizes = sorted({len(dataset.municipalities_of(pilot)) for pilot in pilots.values()})
    assert sizes == [1, 2]
    for pilot in pilots.values():
        towns = dataset.municipalities_of(pilot)
        assert [m.id for m in towns] == sorted(pilot.municipality_ids, key=[
            m.id for m in dataset.municipalities].index)
        assert len({m.province for m in towns}) == 1  # neighbours
        assert pilot.start and pilot.count("pohs")
        assert all(m.source in pilot.sources for m in pilot.milestones)


def test_national_set_validates(tmp_path):
    sizes = synthetic.write_dataset(tmp_path)
    assert sizes == synthetic.Sizes(342, 4_900, 20_000)
    dataset, _warnings = load_dataset(tmp_path, TODAY)
    assert len(dataset.sessions) == 20_000
    pilots = {m.pilot.id: m.pilot for m in dataset.municipalities}
    assert {pilot_status(p, TODAY).code for p in pilots.values()} == set(STATUSES)


def test_synthetic_data_never_goes_into_data(capsys):
    data = Path(__file__).resolve().parent.parent / "data"
    before = {path.name: path.stat().st_mtime_ns for path in data.rglob("*.yaml")}
    with pytest.raises(SystemExit) as stopped:
        synthetic.main([str(data)])
    assert stopped.value.code == 2
    assert "synthetic data never goes into data/" in capsys.readouterr().err
    assert {path.name: path.stat().st_mtime_ns for path in data.rglob("*.yaml")} == before


def test_tiny_bench_prints_the_table_with_the_reference(tmp_path, capsys):
    assert run.main(["--scale", "0.01", "--out", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    assert "| whole build: time |" in table
    assert "project / reference" in table
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["reference"]["pages"] == len(
        list((tmp_path / "reference" / "docs").rglob("*.md")))
    assert results["project"]["search_index"][1] > 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "reference" / "site" / "index.html").is_file()
    assert profile.main([str(tmp_path / "data")]) == 0
    phases = capsys.readouterr().out
    assert "| generator: HTML pages (templates) |" in phases
    assert "| whole build (profiled) |" in phases


# --- performance changes keep behaviour ---------------------------------------------------

_ODD_VALUES = (None, True, False, 0, 7, -1, 1.0, 2.5, "", " ", "x" * 2100, "twee\nregels",
               "ABC", "1234 ab", "15:00", "maandag", "gepland", [], ["a", "a"], [1, 1.0],
               [True, 1], {}, {"onbekend": 1}, {"min": 3, "max": 2},
               # White space to Python's regexes, not to jsonschema-rs's (ECMA-262) ones.
               "\x1c", "\x85", "x\x1fy", "https://a\x85b", 10**20, {1: "x"})


def _mutations(item: dict, rng: random.Random, count: int) -> list[dict]:
    """Copies of `item` with one value replaced, one key dropped or one key added."""
    found: list[tuple] = []

    def walk(value, path):
        found.append(path)
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, path + (key,))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, path + (index,))

    walk(item, ())
    copies = []
    for _ in range(count):
        copy = json.loads(json.dumps(item))
        path = rng.choice(found[1:])
        parent = functools.reduce(lambda node, key: node[key], path[:-1], copy)
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif roll < 0.25 and isinstance(parent, dict):
            parent["extra_" + str(path[-1])] = "x"
        else:
            parent[path[-1]] = rng.choice(_ODD_VALUES)
        copies.append(copy)
    return copies


def test_quick_schema_check_reports_exactly_what_jsonschema_reports(tmp_path):
    """validate.py skips list items jsonschema-rs passes; the problems must not change."""
    synthetic.write_dataset(tmp_path, scale=0.01)
    quick = load_validators(SCHEMA_DIR)
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in SCHEMA_DIR.glob("*.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    plain = {name.removesuffix(".schema.json"): Draft202012Validator(schema, registry=registry)
             for name, schema in schemas.items()}
    rng = random.Random(3)
    compared = 0
    for name, lists in (("municipalities", ("municipalities", "pilots", "sources")),
                        ("practices", ("practices",)), ("themes", ("themes",))):
        data = load_document(tmp_path / f"{name}.yaml").data
        for key in lists:
            for item in rng.sample(data[key], min(4, len(data[key]))):
                for mutated in [item, *_mutations(item, rng, 30)]:
                    document = Document(f"{name}.yaml", data | {key: [item, mutated]})
                    assert schema_problems(document, quick[name]) == schema_problems(
                        document, plain[name])
                    compared += 1
    # Session files are checked as a list of documents, in one call (data/sessions/).
    files = rng.sample(sorted((tmp_path / "sessions").glob("*.yaml")), 8)
    for path in files:
        item = load_document(path).data
        documents = [Document(f"{path.stem}-{number}.yaml", mutated) for number, mutated
                     in enumerate([item, *_mutations(item, rng, 30)])]
        assert each_document_problems(documents, quick["session-list"]) == [
            schema_problems(document, plain["session"])[0] for document in documents]
        compared += len(documents)
    assert compared > 700


_TRICKY_TEXT = (
    *TRICKY_TEXT,
    # An escape or caret at every place around the fold, in ASCII and in two-byte text.
    *("a" * k + ",\\^;" + "b" * 90 for k in range(50, 80)),
    *("é" * k + "^\\," + "ü" * 50 for k in range(25, 45)),
)


def _icalendar_event(session, stamp, new=None):
    """The event as the icalendar library writes it: the oracle for calendars._event."""
    event = Event()
    event.add("uid", f"sessie-{session.id}@poh-jeugd")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", calendars._summary(session))
    event.add("description", calendars._description(session, new))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("categories", [session.theme.name])
    location = calendars._location(session)
    if location:
        event.add("location", location)
    event.add("url", DEFAULT_SITE_URL + paths.page_url(
        paths.municipality_agenda_path(session.municipalities[0])) + f"#sessie-{session.id}")
    return event


def test_calendar_writer_matches_icalendar_byte_for_byte(tmp_path):
    """calendars.py writes events itself (icalendar was the slowest step of the build)."""
    synthetic.write_dataset(tmp_path, scale=0.01)
    dataset = load_dataset(tmp_path, TODAY)[0]
    stamp = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    sessions = list(dataset.sessions)
    theme = dataclasses.replace(sessions[0].theme, name=_TRICKY_TEXT[0])
    for index, text in enumerate(_TRICKY_TEXT):
        base = sessions[index % len(sessions)]
        sessions.append(dataclasses.replace(
            base, description=text, led_by=text[:60], theme=theme,
            location=Location(text, text[::-1], None, "1234 AB"),
            signup=Signup(url="https://example.org/" + "a" * index, phone="0475 123456"),
            online_url=f"https://meet.example/{'x' * index}?a=b,c;d^e"))
    for index, session in enumerate(sessions):
        new = sessions[index - 1] if index % 3 == 0 else None  # "moved" to that one
        assert calendars._event(session, stamp, DEFAULT_SITE_URL, new) == \
            _icalendar_event(session, stamp, new).to_ical()
    for name in (*(t for t in _TRICKY_TEXT if "\n" not in t and "\r" not in t),
                 "Themabijeenkomsten POH Jeugd"):
        chosen = sessions[-3:] if len(name) % 2 else []
        events = [calendars._event(session, stamp, DEFAULT_SITE_URL) for session in chosen]
        assert calendars._calendar(name, events) == \
            _icalendar_calendar(name, chosen, stamp).to_ical()


def _icalendar_calendar(name, sessions, stamp):
    calendar = Calendar()
    calendar.add("prodid", calendars.PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", calendars.REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    calendar.add_component(calendars._AMSTERDAM)
    for session in sessions:
        calendar.add_component(_icalendar_event(session, stamp))
    return calendar


def _compact_json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def test_open_data_json_is_exactly_compact_json_dumps(tmp_path):
    """open_data writes JSON with orjson: the same text as the standard library's, compact."""
    synthetic.write_dataset(tmp_path, scale=0.01)
    dataset = load_dataset(tmp_path, TODAY)[0]
    files = open_data.render_open_data(dataset, TODAY, DEFAULT_SITE_URL)
    records = open_data.Records(dataset, TODAY, DEFAULT_SITE_URL)
    assert files[paths.ALL_JSON] == _compact_json(open_data.all_data(records))
    for municipality in dataset.municipalities:
        assert files[paths.municipality_json_path(municipality)] == _compact_json(
            open_data.municipality_data(municipality, records))
    # Control characters, quotes, backslashes and text beyond ASCII; floats of the size of hours
    # per week. Below 0.0001 the text differs (Python 1e-05, orjson 1e-5; the same number).
    tricky = {"a": [{"x": '"\\u0000 1 \\u0000"', "y": [[], {}], "z": {"q": [1, None]}}, {}],
              "b": {"nested": {"deep": ["é", 1.5, 16.0, 0.1 * 3, True]}},
              "c": "".join(map(chr, range(128))) + "\u2028\u2029\x85\ufeff😀", "d": []}
    assert open_data.json_bytes(tricky) == _compact_json(tricky)
