"""Publishing a date: add-session and import-sessions keep the file intact and valid."""

from __future__ import annotations

import builtins

import pytest
from conftest import ROOT, TODAY

from generator.cli import main
from generator.dataset import load_dataset

FLAGS = ["--theme", "vaccinatie", "--practices", "deckers-haelen", "--date", "1-12-2026",
         "--start", "19.00", "--end", "20.30", "--place", "Haelen",
         "--description", "Over vaccineren: wat & waarom?", "--walk-in", "ja",
         "--today", TODAY.isoformat()]


def add(data, *extra: str) -> int:
    return main(["add-session", "--data", str(data), *FLAGS, *extra])


def sessions(data):
    return {s.id: s for s in load_dataset(data, TODAY)[0].sessions}


def test_add_session_appends_and_keeps_comments(data_copy):
    before = (data_copy / "themes.yaml").read_text(encoding="utf-8").splitlines()
    assert add(data_copy) == 0
    after = (data_copy / "themes.yaml").read_text(encoding="utf-8").splitlines()
    comments = [line for line in before if line.lstrip().startswith("#")]
    assert comments and all(line in after for line in comments)
    assert after[: len(before) - 1] == before[:-1]  # only `sessions: []` became `sessions:`
    session = sessions(data_copy)["deckers-haelen-2026-12-01-vaccinatie"]
    assert (session.date.isoformat(), session.start.isoformat(), session.end.isoformat()) == (
        "2026-12-01", "19:00:00", "20:30:00")
    assert session.description == "Over vaccineren: wat & waarom?"
    assert session.signup.walk_in and session.status == "gepland"


def test_second_session_goes_after_the_first(data_copy):
    assert add(data_copy) == 0
    assert add(data_copy, "--id", "tweede", "--date", "8-12-2026") == 0
    assert list(sessions(data_copy)) == ["deckers-haelen-2026-12-01-vaccinatie", "tweede"]
    text = (data_copy / "themes.yaml").read_text(encoding="utf-8")
    assert "\n\n  - id: \"tweede\"\n" in text


def test_invalid_session_is_refused_and_the_file_is_untouched(data_copy, capsys):
    before = (data_copy / "themes.yaml").read_bytes()
    assert add(data_copy, "--practices", "onbekend", "--end", "18.00") == 2
    err = capsys.readouterr().err
    assert f"{data_copy.as_posix()}/themes.yaml:" in err
    assert "Onbekende praktijk 'onbekend'" in err
    assert "De eindtijd 18:00 ligt niet na de begintijd 19:00." in err
    assert (data_copy / "themes.yaml").read_bytes() == before


def test_interactive_prompts_in_dutch(data_copy, monkeypatch, capsys):
    answers = iter(["opvoeden", "deckers-haelen", "", "15-12-2026", "15.00", "16.00",
                    "Haelen", "", "", "", "ouders", "Praten over opvoeden.", "", "nee"])
    questions = []

    def fake_input(question: str) -> str:
        questions.append(question)
        return next(answers)

    monkeypatch.setattr(builtins, "input", fake_input)
    assert main(["add-session", "--data", str(data_copy), "--interactive",
                 "--today", TODAY.isoformat()]) == 0
    assert questions[0].startswith("Thema (vaccinatie, middelengebruik")
    session = sessions(data_copy)["deckers-haelen-2026-12-15-opvoeden"]
    assert session.audience == ("ouders",) and session.signup.walk_in is False
    assert "toegevoegd" in capsys.readouterr().out


CSV_ROWS = """id;theme;practices;date;start;end;place;description;walk_in;status
;vaccinatie;deckers-haelen;1-12-2026;19.00;20.30;Haelen;Goede regel;ja;gepland
;onbekend;deckers-haelen;2-12-2026;19.00;20.30;Haelen;Onbekend thema;ja;gepland
;opvoeden;deckers-haelen;3-12-2026;25.00;26.00;Haelen;Onmogelijke tijd;ja;gepland
dubbel;opvoeden;deckers-haelen;4-12-2026;19.00;20.30;Haelen;Eerste met deze id;ja;gepland
dubbel;opvoeden;deckers-haelen;5-12-2026;19.00;20.30;Haelen;Tweede met deze id;ja;gepland
;opvoeden;deckers-haelen;30-2-2027;19.00;20.30;Haelen;30 februari;ja;gepland
;middelengebruik;eikstaete-hoogeveen;6-12-2026;19.00;20.30;Hoogeveen;Café-avond;misschien;gepland
"""


def test_csv_import_reports_each_row(data_copy, tmp_path, capsys):
    csv_file = tmp_path / "sessies.csv"
    csv_file.write_bytes(CSV_ROWS.encode("cp1252"))  # as Excel on Windows saves it
    assert main(["import-sessions", str(csv_file), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 2
    report = capsys.readouterr().out.splitlines()
    assert report[0] == "regel 2: toegevoegd als 'deckers-haelen-2026-12-01-vaccinatie'"
    assert report[1] == "regel 5: toegevoegd als 'dubbel'"
    rejected = dict(line.split(": afgewezen: ", 1) for line in report[2:-1])
    assert "Onbekend thema 'onbekend'" in rejected["regel 3"]
    assert "Ongeldige waarde '25:00'" in rejected["regel 4"]
    assert "De id 'dubbel' komt al voor" in rejected["regel 6"]
    assert "De datum '2027-02-30' bestaat niet" in rejected["regel 7"]
    assert "Verwacht true of false, maar hier staat 'misschien'" in rejected["regel 8"]
    assert report[-1] == "2 bijeenkomst(en) toegevoegd, 5 afgewezen."
    assert set(sessions(data_copy)) == {"deckers-haelen-2026-12-01-vaccinatie", "dubbel"}


def test_csv_dry_run_writes_nothing(data_copy, tmp_path):
    csv_file = tmp_path / "sessies.csv"
    csv_file.write_text(CSV_ROWS.splitlines()[0] + "\n" + CSV_ROWS.splitlines()[1] + "\n",
                        encoding="utf-8")
    before = (data_copy / "themes.yaml").read_bytes()
    assert main(["import-sessions", str(csv_file), "--dry-run", "--data", str(data_copy)]) == 0
    assert (data_copy / "themes.yaml").read_bytes() == before


def test_csv_with_unknown_columns_is_refused(data_copy, tmp_path, capsys):
    csv_file = tmp_path / "sessies.csv"
    csv_file.write_text("thema,datum\nvaccinatie,1-12-2026\n", encoding="utf-8")
    assert main(["import-sessions", str(csv_file), "--data", str(data_copy)]) == 2
    assert "Onbekende kolom(men): thema, datum." in capsys.readouterr().err


def test_the_example_csv_on_the_site_imports(data_copy, capsys):
    example = ROOT / "docs/downloads/bijeenkomsten-voorbeeld.csv"
    assert main(["import-sessions", str(example), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 0
    assert len(sessions(data_copy)) == 1


@pytest.mark.parametrize(("typed", "stored"), [("1-12-2026", "2026-12-01"),
                                               ("01/02/2027", "2027-02-01"),
                                               ("2026-12-01", "2026-12-01")])
def test_dates_as_people_type_them(typed, stored):
    from generator.session_editor import normalize_date

    assert normalize_date(typed) == stored


def test_open_data_csv_of_sessions_imports_back(sessions_site, sessions_data, data_copy, capsys):
    exported = sessions_site / "open-data/themabijeenkomsten.csv"
    assert main(["import-sessions", str(exported), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 0
    original = load_dataset(sessions_data, TODAY)[0].sessions
    assert load_dataset(data_copy, TODAY)[0].sessions == original
