"""One file per theme session (data/sessions/<id>.yaml): what the loader reads, where its
problems point, and that a preview reads again only the files that changed.

The mistakes an editor can make in a session file are rows of the catalogue as well
(test_catalogue.py); this module holds what is particular to the folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT, TODAY

from generator import dataset as dataset_module
from generator.dataset import SCHEMA_DIR, load_dataset
from generator.problems import DataError

SESSION = """\
# yaml-language-server: $schema=../schemas/session.schema.json
theme: opvoeden
practices: [deckers-haelen]
date: "2026-12-15"
start: "19:30"
end: "21:00"
location:
  name: Huisartsenpraktijk Deckers
  place: Haelen
description: Over opvoeden.
status: gepland
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The shipped data with the sessions test fixture: eight session files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("schemas"))
    shutil.copytree(FIXTURES / "sessions" / "sessions", target / "sessions",
                    dirs_exist_ok=True)
    return target


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, TODAY)
    return [str(problem) for problem in caught.value.problems]


def test_each_file_is_one_session_named_by_its_file(data):
    found = load_dataset(data, TODAY)[0].sessions
    names = sorted(path.stem for path in (data / "sessions").glob("*.yaml"))
    assert sorted(session.id for session in found) == names
    assert len(names) == 8
    moved = next(s for s in found if s.status == "verplaatst")
    assert moved.moved_to in names  # a session points at another file by its name


def test_no_sessions_folder_means_no_sessions(data):
    shutil.rmtree(data / "sessions")
    assert load_dataset(data, TODAY)[0].sessions == ()


def test_files_that_are_not_sessions_are_left_alone(data):
    (data / "sessions" / "LEESMIJ.md").write_text("# Uitleg\n", encoding="utf-8")
    (data / "sessions" / ".gitkeep").write_text("", encoding="utf-8")
    (data / "sessions" / ".opvoeden.yaml.swp").write_bytes(b"\x00\x01")
    (data / "sessions" / "oud").mkdir()
    (data / "sessions" / "oud" / "x.yaml").write_text("niet: gelezen\n", encoding="utf-8")
    assert len(load_dataset(data, TODAY)[0].sessions) == 8


def test_an_error_in_a_session_file_points_at_its_line_and_column(data):
    (data / "sessions" / "opvoeden-avond.yaml").write_text(
        SESSION.replace('end: "21:00"', 'end: "19:00"').replace("status: gepland",
                                                                  "status: gepland\nzaal: 3"),
        encoding="utf-8")
    found = problems(data)
    file = f"{data.as_posix()}/sessions/opvoeden-avond.yaml"
    assert any(line.startswith(f"{file}:12:1: fout: Onbekend veld 'zaal'.") for line in found)
    # The schema rejected the file: its cross-checks wait until that is fixed.
    assert not any("eindtijd" in line for line in found)
    (data / "sessions" / "opvoeden-avond.yaml").write_text(
        SESSION.replace('end: "21:00"', 'end: "19:00"'), encoding="utf-8")
    assert problems(data) == [f"{file}:6:6: fout: De eindtijd 19:00 ligt niet na de begintijd "
                              "19:30. Tip: Controleer start en end."]


def test_problems_in_several_files_come_in_one_run(data):
    for name, old, new in (("a.yaml", "theme: opvoeden", "theme: opvoedn"),
                           ("b.yaml", 'date: "2026-12-15"', 'date: "2026-12-32"'),
                           ("c.yaml", "  place: Haelen\n", "")):
        (data / "sessions" / name).write_text(SESSION.replace(old, new), encoding="utf-8")
    found = problems(data)
    folder = f"{data.as_posix()}/sessions"
    assert [line.split(": fout: ")[0] for line in found] == [
        f"{folder}/a.yaml:2:8", f"{folder}/b.yaml:4:7", f"{folder}/c.yaml:8:3"]


def test_a_file_name_that_is_not_an_id(data):
    (data / "sessions" / "Opvoeden avond.yaml").write_text(SESSION, encoding="utf-8")
    found = problems(data)
    assert found == [
        f"{data.as_posix()}/sessions/Opvoeden avond.yaml:1:1: fout: De bestandsnaam 'Opvoeden "
        "avond.yaml' is geen geldige id. Tip: De naam van het bestand (zonder .yaml) is de id "
        "van de bijeenkomst: alleen kleine letters, cijfers en streepjes, hoogstens 80 tekens, "
        "zoals deckers-2027-01-12-opvoeden.yaml."]


def test_a_file_name_longer_than_an_id_may_be(data):
    name = "a" * 81
    (data / "sessions" / f"{name}.yaml").write_text(SESSION, encoding="utf-8")
    assert "is geen geldige id" in problems(data)[0]
    (data / "sessions" / f"{name}.yaml").rename(data / "sessions" / f"{name[:80]}.yaml")
    assert len(load_dataset(data, TODAY)[0].sessions) == 9


def test_a_session_file_with_an_id_of_its_own_is_refused(data):
    """The file name is the id; an `id` in the file (even the same one) is refused, so that
    a copied file never carries the id of the session it was copied from."""
    for value in ("opvoeden-avond", "iets-anders"):
        (data / "sessions" / "opvoeden-avond.yaml").write_text(
            SESSION.replace("theme: opvoeden", f"id: {value}\ntheme: opvoeden"),
            encoding="utf-8")
        assert problems(data) == [
            f"{data.as_posix()}/sessions/opvoeden-avond.yaml:2:1: fout: Een bijeenkomst heeft "
            "geen veld 'id': de naam van het bestand is de id. Tip: Haal de regel 'id: ...' "
            "weg. De id van deze bijeenkomst is 'opvoeden-avond'. Wilt u een andere id? Geef "
            "het bestand dan een andere naam."]


def test_unquoted_dates_and_times_as_a_web_editor_writes_them(data):
    """Decap CMS writes `date: 2027-01-12` and `start: 19:30` without quotes."""
    (data / "sessions" / "opvoeden-avond.yaml").write_text(
        SESSION.replace('"', ""), encoding="utf-8")
    session = next(s for s in load_dataset(data, TODAY)[0].sessions if s.id == "opvoeden-avond")
    assert (session.date.isoformat(), session.start.isoformat()) == ("2026-12-15", "19:30:00")


def test_a_moved_session_points_at_another_file(data):
    path = data / "sessions" / "hoogeveen-2027-01-12-opvoeden.yaml"
    path.rename(path.with_name("hoogeveen-2027-01-19-opvoeden.yaml"))
    found = problems(data)
    assert found[0].startswith(f"{data.as_posix()}/sessions/hoogeveen-2026-12-15-opvoeden.yaml"
                               ":12:11: fout: Onbekende bijeenkomst "
                               "'hoogeveen-2027-01-12-opvoeden'.")


def test_a_session_moved_to_itself(data):
    path = data / "sessions" / "hoogeveen-2026-12-15-opvoeden.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("moved_to: hoogeveen-2027-01-12-opvoeden",
                                 "moved_to: hoogeveen-2026-12-15-opvoeden"), encoding="utf-8")
    assert "Onbekende bijeenkomst 'hoogeveen-2026-12-15-opvoeden'" in problems(data)[0]


def test_the_preview_reads_again_only_the_files_that_changed(data, monkeypatch):
    read: list[str] = []
    real = dataset_module.load_document

    def counting(path, name=None):
        read.append(Path(path).name)
        return real(path, name)

    monkeypatch.setattr(dataset_module, "load_document", counting)
    cache: dataset_module.FileCache = {}
    load_dataset(data, TODAY, cache)
    assert len(read) == 3 + 8
    read.clear()
    load_dataset(data, TODAY, cache)
    assert read == []
    edited = data / "sessions" / "deckers-2026-12-01-vaccinatie.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace('end: "20:30"',
                                                                 'end: "21:30"'),
                      encoding="utf-8")
    os.utime(edited, ns=(1, 1))  # a new signature even within the file system's time step
    (data / "sessions" / "nieuw.yaml").write_text(SESSION, encoding="utf-8")
    (data / "sessions" / "deckers-2026-10-25-middelen.yaml").unlink()
    found = load_dataset(data, TODAY, cache)[0].sessions
    assert sorted(read) == ["deckers-2026-12-01-vaccinatie.yaml", "nieuw.yaml"]
    assert {s.id: s.end.isoformat() for s in found}["deckers-2026-12-01-vaccinatie"] == "21:30:00"
    assert "deckers-2026-10-25-middelen" not in {s.id for s in found}
    assert not any(path.name == "deckers-2026-10-25-middelen.yaml" for path in cache)


def test_an_invalid_session_file_is_read_again_once_corrected(data):
    cache: dataset_module.FileCache = {}
    path = data / "sessions" / "nieuw.yaml"
    path.write_text(SESSION.replace("status: gepland", "status: misschien"), encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset(data, TODAY, cache)
    path.write_text(SESSION, encoding="utf-8")
    os.utime(path, ns=(2, 2))
    assert len(load_dataset(data, TODAY, cache)[0].sessions) == 9


# --- The schema a web editor reads its form from ------------------------------------------


def _session_schema() -> dict:
    return json.loads((SCHEMA_DIR / "session.schema.json").read_text(encoding="utf-8"))


def _fields(properties: dict, prefix: str = ""):
    for name, schema in properties.items():
        yield prefix + name, schema
        if "properties" in schema:
            yield from _fields(schema["properties"], f"{prefix}{name}.")


def test_every_session_field_has_a_dutch_label_hint_and_example():
    schema = _session_schema()
    assert "id" not in schema["properties"]  # the file's name
    for name, field in _fields(schema["properties"]):
        assert field.get("title"), name
        assert field.get("description"), name
        assert field.get("examples"), name


def test_the_examples_in_the_schema_are_valid(data):
    """Every example, put into a session, passes the same checks as the data."""
    schema = _session_schema()
    for name, field in _fields(schema["properties"]):
        for example in field["examples"]:
            if "." in name or name in ("practices", "municipality", "moved_to"):
                continue  # parts of a group, or references: shown in the whole example
            entry = {"theme": "opvoeden", "practices": ["deckers-haelen"], "date": "2026-12-15",
                     "start": "19:30", "end": "21:00", "description": "Over opvoeden.",
                     "status": "gepland", "location": {"place": "Haelen"}, name: example}
            (data / "sessions" / "voorbeeld.yaml").write_text(json.dumps(entry),
                                                              encoding="utf-8")
            load_dataset(data, TODAY)


def test_themes_schema_no_longer_holds_sessions():
    themes = json.loads((SCHEMA_DIR / "themes.schema.json").read_text(encoding="utf-8"))
    assert set(themes["properties"]) == {"themes"}
    assert "session" not in themes.get("$defs", {})


def test_the_example_for_practices_is_a_complete_valid_session(data):
    """The example on 'Voor praktijken' names the building and its address, not only a
    town, and passes the checks; the error shown under it is what a wrong start gives."""
    page = (ROOT / "docs/voor-praktijken.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", page, re.S)[1]
    name = re.search(r"`(deckers-[a-z0-9-]+\.yaml)`", page)[1]
    (data / "sessions" / name).write_text(example, encoding="utf-8")
    session = next(s for s in load_dataset(data, TODAY)[0].sessions if s.id == name[:-5])
    assert session.location.name and session.location.address and session.location.place
    (data / "sessions" / name).write_text(example.replace('start: "19:00"', 'start: "25:00"'),
                                          encoding="utf-8")
    shown = re.search(r"```text\n(data/sessions/\S+: fout: .*)\n```", page)[1]
    assert problems(data) == [f"{data.parent.as_posix()}/{shown}"]
