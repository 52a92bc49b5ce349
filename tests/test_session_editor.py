"""Publishing dates without a YAML editor: add-session and import-sessions.

Each session is a file of its own (data/sessions/<id>.yaml). The command line and the
spreadsheet add, update and cancel sessions; every message points at what the user typed
(a row and column of the spreadsheet, or an option), in Dutch; a dry run says per row what
would happen and writes nothing.
"""

from __future__ import annotations

import builtins
import csv
import io
import re
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from generator.cli import _parser, main
from generator.dataset import load_dataset
from generator.session_editor import normalize_date, normalize_time

FLAGS = ["--theme", "vaccinatie", "--practices", "deckers-haelen", "--date", "1-12-2026",
         "--start", "19.00", "--end", "20.30", "--place", "Haelen",
         "--location-name", "Huisartsenpraktijk Deckers", "--address", "Voorbeeldstraat 1",
         "--description", "Over vaccineren: wat & waarom?", "--walk-in", "ja",
         "--today", TODAY.isoformat()]
FIRST = "deckers-haelen-2026-12-01-vaccinatie"
THEMES_LISTED = ("Kies een van: Vaccinatie (vaccinatie), Middelengebruik (middelengebruik), "
                 "Sociale media (sociale-media), Opvoeden en ouderschap (opvoeden).")


def add(data: Path, *extra: str) -> int:
    return main(["add-session", "--data", str(data), *FLAGS, *extra])


def sessions(data: Path) -> dict:
    return {s.id: s for s in load_dataset(data, TODAY)[0].sessions}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what a change may touch."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def never_a_data_file(text: str) -> None:
    """A message for the user of the command never points into a data file."""
    assert not re.search(r"\.yaml:\d+:\d+", text), text
    assert "themes.yaml" not in text


# --- add-session ------------------------------------------------------------------------------


def test_add_session_writes_one_file_and_touches_nothing_else(data_copy, capsys):
    before = tree(data_copy)
    assert add(data_copy) == 0
    after = tree(data_copy)
    assert set(after) - set(before) == {f"sessions/{FIRST}.yaml"}
    assert {name: after[name] for name in before} == before
    text = after[f"sessions/{FIRST}.yaml"].decode("utf-8")
    assert text.splitlines()[0] == \
        "# yaml-language-server: $schema=../schemas/session.schema.json"
    assert "id:" not in text  # the file's name is the id
    session = sessions(data_copy)[FIRST]
    assert (session.date.isoformat(), session.start.isoformat(), session.end.isoformat()) == (
        "2026-12-01", "19:00:00", "20:30:00")
    assert session.description == "Over vaccineren: wat & waarom?"
    assert (session.location.name, session.location.address, session.location.place) == (
        "Huisartsenpraktijk Deckers", "Voorbeeldstraat 1", "Haelen")
    assert session.signup.walk_in and session.status == "gepland"
    out = capsys.readouterr().out
    path = f"{data_copy.as_posix()}/sessions/{FIRST}.yaml"
    assert out == f"Bijeenkomst '{FIRST}' toegevoegd: {path}\n"


def test_an_existing_id_is_refused_unless_asked_to_update(data_copy, capsys):
    assert add(data_copy) == 0
    written = (data_copy / f"sessions/{FIRST}.yaml").read_bytes()
    capsys.readouterr()
    assert add(data_copy, "--end", "21.00") == 2
    err = capsys.readouterr().err
    assert f"fout: --id: Er is al een bijeenkomst met de id '{FIRST}'" in err
    assert "gebruik --update om deze bijeenkomst te wijzigen" in err
    assert (data_copy / f"sessions/{FIRST}.yaml").read_bytes() == written
    assert add(data_copy, "--end", "21.00", "--update") == 0
    assert "bijgewerkt" in capsys.readouterr().out
    assert sessions(data_copy)[FIRST].end.isoformat() == "21:00:00"


def test_add_session_cancels_by_id_and_status(data_copy, capsys):
    assert add(data_copy) == 0
    assert main(["add-session", "--data", str(data_copy), "--id", FIRST, "--status", "afgelast",
                 "--update", "--today", TODAY.isoformat()]) == 0
    assert f"Bijeenkomst '{FIRST}' geannuleerd" in capsys.readouterr().out
    session = sessions(data_copy)[FIRST]
    assert session.status == "geannuleerd" and session.description.startswith("Over vacc")


def test_invalid_session_is_refused_with_the_options_named(data_copy, capsys):
    before = tree(data_copy)
    assert add(data_copy, "--practices", "onbekend", "--end", "18.00", "--date", "30-2-2027") == 2
    err = capsys.readouterr().err
    never_a_data_file(err)
    lines = err.splitlines()
    assert any(line.startswith("fout: --practices: Onbekende praktijk 'onbekend'.")
               for line in lines)
    assert "fout: --end: De eindtijd 18:00 ligt niet na de begintijd 19:00. Tip: Controleer de " \
        "begintijd en de eindtijd." in lines
    assert "fout: --date: De datum '30-2-2027' bestaat niet. Tip: Schrijf de datum als " \
        "dag-maand-jaar, bijvoorbeeld 12-1-2027." in lines
    assert lines[-1] == "3 fout(en) gevonden. Er is niets opgeslagen."
    assert tree(data_copy) == before


def test_add_session_dry_run_writes_nothing(data_copy, capsys):
    before = tree(data_copy)
    assert add(data_copy, "--dry-run") == 0
    assert capsys.readouterr().out == \
        f"Bijeenkomst '{FIRST}': zou toevoegen. Er is niets opgeslagen.\n"
    assert tree(data_copy) == before


@pytest.mark.parametrize("typed", ["sociale media", "Sociale media", "sociale-media",
                                   "SOCIALE-MEDIA", " Sociale  Media "])
def test_theme_by_its_name_or_its_id(data_copy, typed):
    assert add(data_copy, "--theme", typed, "--id", "schermtijd") == 0
    assert sessions(data_copy)["schermtijd"].theme.id == "sociale-media"


def test_an_unknown_theme_is_answered_with_the_themes(data_copy, capsys):
    assert add(data_copy, "--theme", "sociale-medai") == 2
    err = capsys.readouterr().err
    assert "fout: --theme: Onbekend thema 'sociale-medai'. Tip: Bedoelt u Sociale media " \
        f"(sociale-media)? {THEMES_LISTED}" in err


@pytest.mark.parametrize("typed", ["Huisartsenpraktijk Deckers", "huisartsenpraktijk deckers",
                                   "deckers-haelen", "DECKERS-HAELEN"])
def test_practice_by_its_name_or_its_id(data_copy, typed):
    assert add(data_copy, "--practices", typed, "--id", "praktijk") == 0
    assert [p.id for p in sessions(data_copy)["praktijk"].practices] == ["deckers-haelen"]


def test_several_practices_by_name(data_copy):
    assert add(data_copy, "--practices", "Eikstaete; De Weide", "--place", "Hoogeveen",
               "--id", "samen") == 0
    assert [p.id for p in sessions(data_copy)["samen"].practices] == [
        "eikstaete-hoogeveen", "de-weide-hoogeveen"]


def test_a_name_two_practices_share_asks_for_the_id(data_copy, edit, capsys):
    edit("practices.yaml", "name: De Weide", "name: Eikstaete")
    assert add(data_copy, "--practices", "Eikstaete", "--place", "Hoogeveen") == 2
    err = capsys.readouterr().err
    assert "fout: --practices: Er zijn 2 praktijken met de naam 'Eikstaete'. Tip: Gebruik de " \
        "id: " in err
    assert "eikstaete-hoogeveen (Hoogeveen)" in err and "de-weide-hoogeveen (Hoogeveen)" in err


def test_municipality_by_its_name(data_copy):
    assert main(["add-session", "--data", str(data_copy), "--theme", "opvoeden",
                 "--municipality", "Leudal", "--date", "12-1-2027", "--start", "19.30",
                 "--end", "21.00", "--place", "Haelen", "--location-name", "Gemeentehuis",
                 "--description", "Over opvoeden.", "--today", TODAY.isoformat()]) == 0
    assert [m.id for m in sessions(data_copy)["leudal-2027-01-12-opvoeden"].municipalities] == [
        "leudal"]


@pytest.mark.parametrize("text", [
    "Over vaccineren: wat & waarom?", "ja", "null", "- een lijst?", "# geen commentaar",
    "'aanhalingstekens' en \"dubbele\"", "Een \\ backslash", "Café — 😀 „snus”",
    "Twee\nregels", "Een regel\u2028scheiding", "  spaties eromheen  ", "15:00", "[x](y)",
    "{{ config }}", "true", "Yes", "~",
])
def test_any_text_is_written_so_that_it_reads_back_the_same(data_copy, text):
    assert add(data_copy, "--description", text, "--led-by", "CJG") == 0
    assert sessions(data_copy)[FIRST].description == text.strip()


def test_interactive_prompts_in_dutch(data_copy, monkeypatch, capsys):
    answers = iter(["opvoeden", "Huisartsenpraktijk Deckers", "", "15-12-2026", "15.00",
                    "16.00", "Haelen", "Huisartsenpraktijk Deckers", "Voorbeeldstraat 1", "",
                    "ouders", "Praten over opvoeden.", "", "nee"])
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


# --- import-sessions ----------------------------------------------------------------------------

HEADER = "id;theme;practices;date;start;end;location_name;address;place;description;walk_in;status"
ROWS = [
    ";vaccinatie;deckers-haelen;1-12-2026;19.00;20.30;Huisartsenpraktijk Deckers;"
    "Voorbeeldstraat 1;Haelen;Over vaccineren.;ja;gepland",
    ";Sociale media;Eikstaete;8-12-2026;19.30;21.00;Eikstaete;Voorbeeldweg 2;Hoogeveen;"
    "Over schermtijd.;nee;",
    "opvoeden-weide;opvoeden;De Weide;15-12-2026;10.00;11.30;De Weide;Voorbeeldlaan 3;"
    "Hoogeveen;Over opvoeden.;;gepland",
]
IDS = ["deckers-haelen-2026-12-01-vaccinatie", "eikstaete-hoogeveen-2026-12-08-sociale-media",
       "opvoeden-weide"]


def spreadsheet(tmp_path: Path, lines: list[str], name: str = "sessies.csv",
                encoding: str = "utf-8", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join([header, *lines]) + "\r\n").encode(encoding))
    return path


def run_import(data: Path, sheet: Path, *extra: str) -> int:
    return main(["import-sessions", str(sheet), "--data", str(data),
                 "--today", TODAY.isoformat(), *extra])


def test_import_adds_each_row_and_says_so(data_copy, tmp_path, capsys):
    assert run_import(data_copy, spreadsheet(tmp_path, ROWS)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"regel {n}: toegevoegd '{key}'" for n, key in enumerate(IDS, 2)] + [
        "3 toegevoegd, 0 bijgewerkt, 0 geannuleerd, 0 ongewijzigd, 0 afgewezen."]
    assert set(sessions(data_copy)) == set(IDS)
    assert sorted(p.name for p in (data_copy / "sessions").glob("*.yaml")) == sorted(
        f"{key}.yaml" for key in IDS)


def test_reimporting_the_same_spreadsheet_changes_nothing(data_copy, tmp_path, capsys):
    sheet = spreadsheet(tmp_path, ROWS)
    assert run_import(data_copy, sheet) == 0
    before = tree(data_copy)
    capsys.readouterr()
    assert run_import(data_copy, sheet) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"regel {n}: ongewijzigd '{key}'" for n, key in enumerate(IDS, 2)] + [
        "0 toegevoegd, 0 bijgewerkt, 0 geannuleerd, 3 ongewijzigd, 0 afgewezen."]
    assert tree(data_copy) == before


def test_import_updates_and_cancels_by_id(data_copy, tmp_path, capsys):
    assert run_import(data_copy, spreadsheet(tmp_path, ROWS)) == 0
    corrected = [ROWS[0].replace(";20.30;", ";21.00;"),  # a new end time: updated
                 ROWS[1].replace(";nee;", ";nee;Afgelast"),  # the whole row, cancelled
                 IDS[2] + ";" * 11 + "geannuleerd",  # only the id and the status
                 ROWS[0].replace("1-12-2026", "2-12-2026")]  # a new date: a new session
    capsys.readouterr()
    assert run_import(data_copy, spreadsheet(tmp_path, corrected, "tweede.csv")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"regel 2: bijgewerkt '{IDS[0]}'", f"regel 3: geannuleerd '{IDS[1]}'",
                   f"regel 4: geannuleerd '{IDS[2]}'",
                   "regel 5: toegevoegd 'deckers-haelen-2026-12-02-vaccinatie'",
                   "1 toegevoegd, 1 bijgewerkt, 2 geannuleerd, 0 ongewijzigd, 0 afgewezen."]
    found = sessions(data_copy)
    assert found[IDS[0]].end.isoformat() == "21:00:00"
    assert found[IDS[1]].status == found[IDS[2]].status == "geannuleerd"
    assert found[IDS[2]].description == "Over opvoeden."  # the rest of the file stays
    assert len(found) == 4  # a cancelled session stays, so calendars show the cancellation


def test_dry_run_reports_each_row_and_writes_nothing(data_copy, tmp_path, capsys):
    assert run_import(data_copy, spreadsheet(tmp_path, ROWS[:2])) == 0
    before = tree(data_copy)
    capsys.readouterr()
    rows = [ROWS[0],  # as imported
            ROWS[1].replace(";19.30;", ";19.00;"),  # another start: an update
            ROWS[2],  # new
            ROWS[2].replace("10.00", "25.00").replace("opvoeden-weide", "")]  # wrong
    assert run_import(data_copy, spreadsheet(tmp_path, rows, "proef.csv"), "--dry-run") == 2
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [f"regel 2: ongewijzigd '{IDS[0]}'", f"regel 3: zou bijwerken '{IDS[1]}'",
                       f"regel 4: zou toevoegen '{IDS[2]}'"]
    assert out[3].startswith("regel 5: afgewezen: kolom 'start': Ongeldige waarde '25:00'.")
    assert out[-1] == ("Proefrun, er is niets opgeslagen: 1 nieuw, 1 te wijzigen, "
                       "0 te annuleren, 1 ongewijzigd, 1 afgewezen.")
    assert "toegevoegd" not in "\n".join(out)
    cancel = spreadsheet(tmp_path, [f"{IDS[0]};afgelast"], "annuleer.csv", header="id;status")
    assert run_import(data_copy, cancel, "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"regel 2: zou annuleren '{IDS[0]}'",
        "Proefrun, er is niets opgeslagen: 0 nieuw, 0 te wijzigen, 1 te annuleren, "
        "0 ongewijzigd, 0 afgewezen."]
    assert tree(data_copy) == before


def test_a_refused_row_does_not_stop_the_others(data_copy, tmp_path, capsys):
    rows = [ROWS[0], ROWS[1].replace("Sociale media", "sport"), ROWS[2]]
    assert run_import(data_copy, spreadsheet(tmp_path, rows)) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("regel 3: afgewezen: kolom 'theme': Onbekend thema 'sport'. Tip: "
                             + THEMES_LISTED)
    assert set(sessions(data_copy)) == {IDS[0], IDS[2]}
    assert out[-1] == "2 toegevoegd, 0 bijgewerkt, 0 geannuleerd, 0 ongewijzigd, 1 afgewezen."


def test_a_moved_session_may_point_at_a_later_row(data_copy, tmp_path, capsys):
    header = HEADER + ";moved_to"
    rows = [ROWS[0].replace(";gepland", ";verplaatst;nieuw"),
            "nieuw" + ROWS[0].replace("1-12-2026", "8-12-2026") + ";"]
    assert run_import(data_copy, spreadsheet(tmp_path, rows, header=header)) == 0
    found = sessions(data_copy)
    assert found[IDS[0]].moved_to == "nieuw" and found["nieuw"].status == "gepland"


def test_a_session_moved_to_a_refused_row_is_refused_too(data_copy, tmp_path, capsys):
    header = HEADER + ";moved_to"
    rows = [ROWS[0].replace(";gepland", ";verplaatst;nieuw"),
            "nieuw" + ROWS[0].replace("1-12-2026", "30-2-2027") + ";"]
    assert run_import(data_copy, spreadsheet(tmp_path, rows, header=header)) == 2
    out = capsys.readouterr().out.splitlines()
    assert "regel 2: afgewezen: kolom 'moved_to': Onbekende bijeenkomst 'nieuw'. Tip: Gebruik " \
        "de id van de bijeenkomst op de nieuwe datum." in out
    assert "regel 3: afgewezen: kolom 'date': De datum '30-2-2027' bestaat niet. Tip: Schrijf " \
        "de datum als dag-maand-jaar, bijvoorbeeld 12-1-2027." in out
    assert sessions(data_copy) == {}


@pytest.mark.parametrize(("separator", "encoding", "bom"), [
    (",", "utf-8", b""), (";", "utf-8", b""), ("\t", "utf-8", b""),
    (";", "utf-8", b"\xef\xbb\xbf"),  # Excel's "CSV UTF-8"
    (";", "cp1252", b""),  # Excel on Windows
    ("\t", "utf-16-le", b"\xff\xfe"),  # Excel's "Unicode text"
])
def test_spreadsheets_as_excel_saves_them(data_copy, tmp_path, separator, encoding, bom):
    description = "Café-avond, € 0,00; „snus”?"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(HEADER.split(";"))
    writer.writerow(["", "middelengebruik", "Eikstaete", "6-12-2026", "19.00", "20.30",
                     "Café De Brug", "Markt 1", "Hoogeveen", description, "nee", "gepland"])
    sheet = tmp_path / "sessies.csv"
    sheet.write_bytes(bom + buffer.getvalue().encode(encoding))
    assert run_import(data_copy, sheet) == 0
    session = sessions(data_copy)["eikstaete-hoogeveen-2026-12-06-middelengebruik"]
    assert session.description == description
    assert session.location.name == "Café De Brug"


def test_dutch_column_names(data_copy, tmp_path):
    sheet = spreadsheet(tmp_path, [
        "Opvoeden;Huisartsenpraktijk Deckers;12 januari 2027;19:30;21:00;Praktijk;Markt 1;"
        "Haelen;Over opvoeden.;Ja;Gepland"],
        header="Thema;Praktijk;Datum;Begintijd;Eindtijd;Locatie;Adres;Plaats;Beschrijving;"
               "Vrije inloop;Status")
    assert run_import(data_copy, sheet) == 0
    session = sessions(data_copy)["deckers-haelen-2027-01-12-opvoeden"]
    assert (session.start.isoformat(), session.signup.walk_in) == ("19:30:00", True)


# Each row: the cells changed in ROWS[0], and the start of what the report says about it.
MISTAKES = [
    ("bad-date", ("1-12-2026", "32-13-2026"),
     "kolom 'date': Ongeldige waarde '32-13-2026'. Tip: Schrijf de datum als dag-maand-jaar, "
     "bijvoorbeeld 12-1-2027."),
    ("impossible-date", ("1-12-2026", "31-11-2026"),
     "kolom 'date': De datum '31-11-2026' bestaat niet. Tip: Schrijf de datum als "
     "dag-maand-jaar"),
    ("bad-time", (";19.00;", ";25.00;"),
     "kolom 'start': Ongeldige waarde '25:00'. Tip: Schrijf de tijd als 19.30 of 19:30."),
    ("end-before-start", (";20.30;", ";18.30;"),
     "kolom 'end': De eindtijd 18:30 ligt niet na de begintijd 19:00. Tip: Controleer de "
     "begintijd en de eindtijd."),
    ("unknown-practice", ("deckers-haelen", "deckers"),
     "kolom 'practices': Onbekende praktijk 'deckers'. Tip: Gebruik de naam of de id van de "
     "praktijk, zoals op de site. Bekend zijn: Huisartsenpraktijk Deckers (deckers-haelen)"),
    ("unknown-theme", (";vaccinatie;", ";vacinatie;"),
     f"kolom 'theme': Onbekend thema 'vacinatie'. Tip: Bedoelt u Vaccinatie (vaccinatie)? "
     f"{THEMES_LISTED}"),
    ("bad-walk-in", (";ja;", ";misschien;"),
     "kolom 'walk_in': 'misschien' is geen ja of nee. Tip: Schrijf ja bij vrije inloop"),
    ("bad-status", (";gepland", ";uitverkocht"),
     "kolom 'status': 'uitverkocht' is geen status. Tip: Kies uit: gepland, vol, geannuleerd "
     "(of afgelast) of verplaatst."),
    ("no-description", ("Over vaccineren.", ""),
     "kolom 'description': Hier staat niets, maar dit is verplicht. Tip: Schrijf in een paar "
     "zinnen waar de bijeenkomst over gaat."),
    ("no-place", ("Huisartsenpraktijk Deckers;Voorbeeldstraat 1;Haelen", ";;"),
     "kolom 'place': Er staat niet bij waar de bijeenkomst is. Tip: Vul in: kolom 'place', en "
     "liefst ook kolom 'location_name' en kolom 'address'; of kolom 'online_url' bij een "
     "online bijeenkomst."),
    ("no-host", (";deckers-haelen;", ";;"),
     "kolom 'practices': Er staat niet bij wie de bijeenkomst houdt."),
    ("invisible-character", ("Over vaccineren.", "Over \u202evaccineren."),
     "kolom 'description': In deze tekst staat een onzichtbaar teken dat de leesrichting "
     "omdraait (U+202E RIGHT-TO-LEFT OVERRIDE)."),
    ("line-break-in-a-line", ("Huisartsenpraktijk Deckers", '"Huisartsen\npraktijk"'),
     "kolom 'location_name': Hier mag maar één regel tekst staan."),
    ("text-too-long", ("Over vaccineren.", "x" * 2001),
     "kolom 'description': De tekst is te lang (2001 tekens). Tip: Maak hem korter"),
]


@pytest.mark.parametrize(("change", "said"), [m[1:] for m in MISTAKES],
                         ids=[m[0] for m in MISTAKES])
def test_each_mistake_in_a_row_points_at_its_row_and_column(data_copy, tmp_path, capsys,
                                                            change, said):
    row = ROWS[0].replace(*change)
    assert run_import(data_copy, spreadsheet(tmp_path, [ROWS[1], row])) == 2
    out = capsys.readouterr().out
    never_a_data_file(out)
    assert f"regel 3: afgewezen: {said}" in out, out


@pytest.mark.parametrize(("header", "cells", "said"), [
    ("id", "Mijn Sessie", "kolom 'id': De id 'Mijn Sessie' kan geen naam van een bijeenkomst "
     "zijn. Tip: Gebruik alleen kleine letters, cijfers en streepjes"),
    ("audience", "ouder", "kolom 'audience': 'ouder' is geen toegestane waarde. Tip: Bedoelt u "
     "'ouders'? Kies uit: ouders, jongeren, kinderen, gezinnen."),
    ("postcode", "123", "kolom 'postcode': Ongeldige waarde '123'. Tip: Verwacht: een postcode "
     "als \"1234 AB\" (vier cijfers, een spatie, twee hoofdletters)."),
    ("online_url", "www.example.org", "kolom 'online_url': Ongeldige waarde "
     "'www.example.org'. Tip: Verwacht: een adres dat begint met https://"),
    ("age_min", "twaalf", "kolom 'age_min': 'twaalf' is geen leeftijd. Tip: Schrijf een getal"),
    ("moved_to", "elders", "kolom 'moved_to': 'moved_to' hoort alleen bij status verplaatst."),
    ("municipality", "Leudaal", "kolom 'municipality': Onbekende gemeente 'Leudaal'. Tip: "
     "Bedoelt u Leudal (leudal)?"),
    ("signup_email", "info@", "kolom 'signup_email': Ongeldige waarde 'info@'."),
    ("gemeente", "Almere", "kolom 'gemeente': Niet alle praktijken liggen in de gemeente "
     "'almere'."),
])
def test_each_mistake_in_an_extra_column_points_at_it(data_copy, tmp_path, capsys, header,
                                                       cells, said):
    own_id = header == "id"  # the id column comes first and is empty in ROWS
    row = cells + ROWS[0] if own_id else f"{ROWS[0]};{cells}"
    sheet = spreadsheet(tmp_path, [row], header=HEADER + ("" if own_id else f";{header}"))
    assert run_import(data_copy, sheet) == 2
    out = capsys.readouterr().out
    never_a_data_file(out)
    assert f"regel 2: afgewezen: {said}" in out, out


def test_age_range_the_wrong_way_round(data_copy, tmp_path, capsys):
    sheet = spreadsheet(tmp_path, [ROWS[0] + ";16;12"], header=HEADER + ";age_min;age_max")
    assert run_import(data_copy, sheet) == 2
    assert "regel 2: afgewezen: kolom 'age_min': De minimumleeftijd is hoger dan de " \
        "maximumleeftijd. Tip: Wissel 'min' en 'max' om." in capsys.readouterr().out


@pytest.mark.parametrize("practice", ["deckers-haelen", "onbekend"])
def test_every_mistake_in_a_row_is_said_in_one_run(data_copy, tmp_path, capsys, practice):
    """A wrong reference, a wrong format and an end before the start: all three (or, with a
    known practice, both others) at once, not one per run."""
    row = ROWS[0].replace("deckers-haelen", practice).replace(";20.30;", ";18.00;")
    sheet = spreadsheet(tmp_path, [row + ";123"], header=HEADER + ";postcode")
    assert run_import(data_copy, sheet) == 2
    out = capsys.readouterr().out.splitlines()
    columns = [line.split(": ")[2] for line in out[:-1]]
    expected = ["kolom 'postcode'", "kolom 'end'"]
    assert sorted(columns) == sorted(expected + (["kolom 'practices'"] if practice == "onbekend"
                                                 else []))


def test_two_rows_with_one_id(data_copy, tmp_path, capsys):
    assert run_import(data_copy, spreadsheet(tmp_path, [ROWS[2], ROWS[2]])) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "regel 2: toegevoegd 'opvoeden-weide'"
    assert out[1] == ("regel 3: afgewezen: kolom 'id': De id 'opvoeden-weide' staat ook op "
                      "regel 2. Tip: Elke bijeenkomst heeft een eigen id. Houd één regel over, "
                      "of vul in kolom 'id' een andere id in, bijvoorbeeld 'opvoeden-weide-2'.")


def test_cancelling_an_id_that_does_not_exist(data_copy, tmp_path, capsys):
    sheet = spreadsheet(tmp_path, ["bestaat-niet;geannuleerd"], header="id;status")
    assert run_import(data_copy, sheet) == 2
    assert "regel 2: afgewezen: kolom 'id': Er is geen bijeenkomst met de id 'bestaat-niet'." \
        in capsys.readouterr().out


def test_a_row_with_only_a_town_gets_a_warning(data_copy, tmp_path, capsys):
    row = ROWS[0].replace("Huisartsenpraktijk Deckers;Voorbeeldstraat 1;", ";;")
    assert run_import(data_copy, spreadsheet(tmp_path, [row])) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("regel 2: waarschuwing: kolom 'place': Alleen de plaats staat erbij; "
                      "ouders weten dan niet waar ze heen moeten. Tip: Vul ook kolom "
                      "'location_name' en kolom 'address' in.")


@pytest.mark.parametrize(("header", "said"), [
    ("thema2;date", "regel 1: onbekende kolom(men): 'thema2'. Tip: Gebruik deze kolomnamen: "
     "id, theme (of thema), practices (of praktijk) (of praktijken)"),
    ("datum;date", "regel 1: de kolommen 'datum' en 'date' betekenen hetzelfde."),
])
def test_spreadsheet_headers_that_cannot_be_read(data_copy, tmp_path, capsys, header, said):
    sheet = spreadsheet(tmp_path, ["x;y"], header=header)
    before = tree(data_copy)
    assert run_import(data_copy, sheet) == 2
    assert capsys.readouterr().err.startswith(f"{sheet.as_posix()}: {said}")
    assert tree(data_copy) == before


def test_more_cells_than_columns(data_copy, tmp_path, capsys):
    sheet = spreadsheet(tmp_path, ["a;b;c"], header="id;status")
    assert run_import(data_copy, sheet) == 2
    assert "regel 2: er staan meer waarden dan kolommen ('c')" in capsys.readouterr().err


def test_errors_already_in_the_data_come_first(data_copy, tmp_path, edit, capsys):
    edit("practices.yaml", "municipality: leudal", "municipality: leudaal")
    before = tree(data_copy)
    assert run_import(data_copy, spreadsheet(tmp_path, ROWS)) == 2
    err = capsys.readouterr().err
    assert err.startswith("Er is niets opgeslagen: eerst moeten deze fouten in de gegevens weg.")
    assert "practices.yaml:" in err and "Onbekende gemeente 'leudaal'" in err
    assert tree(data_copy) == before


def test_the_example_spreadsheet_on_the_site_imports(data_copy, capsys):
    example = ROOT / "docs/downloads/bijeenkomsten-voorbeeld.csv"
    assert main(["import-sessions", str(example), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 0
    assert "waarschuwing" not in capsys.readouterr().out  # a full address, not only a town
    (session,) = sessions(data_copy).values()
    assert session.location.name and session.location.address


def test_open_data_csv_of_sessions_imports_back(sessions_site, sessions_data, data_copy, capsys):
    exported = sessions_site / "open-data/themabijeenkomsten.csv"
    assert main(["import-sessions", str(exported), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 0
    original = load_dataset(sessions_data, TODAY)[0].sessions
    assert load_dataset(data_copy, TODAY)[0].sessions == original
    capsys.readouterr()
    assert main(["import-sessions", str(exported), "--data", str(data_copy),
                 "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"0 toegevoegd, 0 bijgewerkt, 0 geannuleerd, {len(original)} ongewijzigd, 0 afgewezen.")


# --- Written as people type ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [
    ("1-12-2026", "2026-12-01"), ("01/02/2027", "2027-02-01"), ("2026-12-01", "2026-12-01"),
    ("3.4.2027", "2027-04-03"), ("12 januari 2027", "2027-01-12"), ("12 Januari 2027",
                                                                    "2027-01-12")])
def test_dates_as_people_type_them(typed, stored):
    assert normalize_date(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), [
    ("15.00", "15:00"), ("9:30", "09:30"), ("19:30:00", "19:30"), ("19.30 uur", "19:30"),
    ("19u30", "19:30"), ("25.00", "25:00"), ("half acht", "half acht")])
def test_times_as_people_type_them(typed, stored):
    assert normalize_time(typed) == stored


# --- The command line in Dutch ----------------------------------------------------------------

ENGLISH = re.compile(r"usage:|options:|positional arguments|show this help|error:|"
                     r"\bthe (date|data)\b|required")


def _subcommands():
    parser = _parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return parser, action.choices


def test_help_of_the_program_is_dutch(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: python -m generator [-h] opdracht ...")
    assert "opties:" in out and "opdrachten:" in out and "toon deze hulp en stop" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("command", ["validate", "build", "serve", "export", "add-session",
                                     "import-sessions"])
def test_help_of_each_command_is_dutch(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"gebruik: python -m generator {command}")
    assert not ENGLISH.search(out), out
    commands = _subcommands()[1]
    for action in commands[command]._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"
        if action.metavar:
            assert action.metavar.upper() == action.metavar  # a Dutch placeholder


@pytest.mark.parametrize(("argv", "said"), [
    (["bla"], "python -m generator: fout: opdracht: onbekende keuze 'bla' (kies uit: "),
    ([], "python -m generator: fout: dit ontbreekt: opdracht"),
    (["validate", "--today", "morgen"], "python -m generator validate: fout: --today: 'morgen' "
     "is geen datum; schrijf jaar-maand-dag, zoals 2026-11-23"),
    (["validate", "--onbekend"], "python -m generator: fout: onbekende argumenten: --onbekend"),
    (["import-sessions"], "python -m generator import-sessions: fout: dit ontbreekt: "
     "CSV-BESTAND"),
    (["add-session", "--date"], "python -m generator add-session: fout: --date: hier hoort "
     "één waarde achter"),
])
def test_mistakes_on_the_command_line_are_answered_in_dutch(argv, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("gebruik: python -m generator")
    assert said in err, err


def test_other_parsers_keep_their_own_words():
    import argparse

    _parser()
    assert "usage:" in argparse.ArgumentParser(prog="x").format_help()
