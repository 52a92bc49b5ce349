"""Validation: every problem in Dutch, at file:line:column, all in one run, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from generator.cli import main
from generator.dataset import load_dataset
from generator.problems import DataError


def problems_in(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir, TODAY)
    return [str(problem) for problem in caught.value.problems]


def line_of(data_dir: Path, file: str, text: str) -> int:
    """1-based number of the line in `file` that contains `text` (the first one)."""
    lines = (data_dir / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_shipped_data_is_valid_without_warnings():
    dataset, warnings = load_dataset(Path("data"), TODAY)
    assert warnings == []
    assert [m.cbs_code for m in dataset.municipalities] == [
        "GM0034", "GM0118", "GM1640", "GM0183", "GM1700"
    ]


def test_unknown_field_suggests_the_right_one(edit):
    data = edit("practices.yaml", "    place: Haelen\n", "    place: Haelen\n    adress: x\n")
    line = line_of(data, "practices.yaml", "adress:")
    assert problems_in(data) == [
        f"{data}/practices.yaml:{line}:5: fout: Onbekend veld 'adress'. Tip: Bedoelt u 'address'?"
    ]


def test_missing_required_field(edit):
    data = edit("practices.yaml", "    place: Haelen\n", "")
    (message,) = problems_in(data)
    assert "Het verplichte veld 'place' ontbreekt." in message
    assert f":{line_of(data, 'practices.yaml', 'id: deckers-haelen') }:" in message


def test_javascript_url_is_refused(edit):
    data = edit("themes.yaml", "url: https://www.trimbos.nl/", "url: javascript:alert(1)")
    (message,) = problems_in(data)
    line = line_of(data, "themes.yaml", "javascript:")
    assert message.startswith(f"{data}/themes.yaml:{line}:14: fout: Ongeldige waarde")
    assert "https://" in message


def test_unquoted_time_that_is_not_a_time(edit):
    data = edit("practices.yaml", '        start: "15:00"', "        start: 25:00")
    (message,) = problems_in(data)
    assert "Ongeldige waarde '25:00'" in message
    assert 'een tijd als "15:00"' in message


def test_time_written_as_a_number_asks_for_quotes(edit):
    data = edit("practices.yaml", '        start: "15:00"', "        start: 15.00")
    (message,) = problems_in(data)
    assert "Verwacht tekst, maar hier staat '15.0'" in message
    assert "aanhalingstekens" in message


def test_yes_is_not_a_boolean(edit):
    data = edit("municipalities.yaml", "count_inferred: true", "count_inferred: yes")
    (message,) = problems_in(data)
    assert "Verwacht true of false, maar hier staat 'yes'" in message


def test_unknown_references_are_all_reported(edit):
    edit("practices.yaml", "municipality: leudal", "municipality: leudaal")
    data = edit("municipalities.yaml", "sources: [tubbergen-geslaagd]", "sources: [tubergen]")
    found = problems_in(data)
    assert any("Onbekende gemeente 'leudaal'" in p and "Bekend zijn: almere" in p for p in found)
    assert any("Onbekende bron 'tubergen'" in p for p in found)


def test_schema_errors_and_cross_checks_come_in_one_run(edit):
    edit("practices.yaml", "    place: Hoogeveen\n", "    place: Hoogeveen\n    adress: x\n")
    edit("practices.yaml", "municipality: leudal", "municipality: leudaal")
    data = edit("themes.yaml", "  - id: middelengebruik\n", "  - id: vaccinatie\n")
    found = problems_in(data)
    assert any("Onbekend veld 'adress'" in p for p in found)
    assert any("Onbekende gemeente 'leudaal'" in p for p in found)
    assert any("De id 'vaccinatie' komt al voor" in p for p in found)


def test_duplicate_id_names_the_first_line(edit):
    data = edit("practices.yaml", "id: de-weide-hoogeveen", "id: eikstaete-hoogeveen")
    first = line_of(data, "practices.yaml", "id: eikstaete-hoogeveen")
    (message,) = problems_in(data)
    assert f"komt al voor (op regel {first})" in message


def test_duplicate_cbs_code(edit):
    data = edit("municipalities.yaml", "cbs_code: GM0034", "cbs_code: GM1700")
    (message,) = problems_in(data)
    assert "De cbs_code 'GM1700' komt al voor" in message


@pytest.mark.parametrize("code", ["GM34", "gm0034", "0034", "GM00345"])
def test_invalid_cbs_code(edit, code):
    data = edit("municipalities.yaml", "cbs_code: GM0034", f"cbs_code: {code}")
    (message,) = problems_in(data)
    assert "CBS-gemeentecode" in message


def test_end_before_start(edit):
    data = edit("practices.yaml", 'end: "16:00"', 'end: "14:30"')
    (message,) = problems_in(data)
    assert "De eindtijd 14:30 ligt niet na de begintijd 15:00." in message


def test_pilot_extended_before_it_started(edit):
    data = edit("municipalities.yaml", 'date: "2022-12"', 'date: "2018-12"')
    edit("municipalities.yaml", "      funded_by:",
         '      start:\n        date: "2020"\n      funded_by:')
    (message,) = problems_in(data)
    assert "vóór de start van de pilot" in message


@pytest.mark.parametrize("value", ['"2019-02-30"', '"2019-13"', '"--02-30"'])
def test_impossible_dates(edit, value):
    data = edit("municipalities.yaml", 'date: "2019-06-17"', f"date: {value}")
    (message,) = problems_in(data)
    assert "bestaat niet" in message


def test_postcode_phone_and_email_formats(edit):
    data = edit(
        "practices.yaml",
        "    place: Haelen\n",
        '    place: Haelen\n    postcode: "6081AB"\n    phone: "12345"\n    email: "geen-adres"\n',
    )
    found = problems_in(data)
    assert len(found) == 3
    assert any('"1234 AB"' in p for p in found)
    assert any("telefoonnummer" in p for p in found)
    assert any("e-mailadres" in p for p in found)


def test_newline_in_a_one_line_field(edit):
    data = edit("practices.yaml", "name: Huisartsenpraktijk Deckers",
                'name: "Huisartsenpraktijk\\nDeckers"')
    (message,) = problems_in(data)
    assert "maar één regel" in message


def test_poh_name_without_consent_is_dropped_with_a_warning(edit):
    data = edit("practices.yaml", "role: POH-Jeugd (praktijkondersteuner huisarts-jeugd)",
                "role: POH Jeugd\n      name: Een Naam")
    dataset, warnings = load_dataset(data, TODAY)
    deckers = next(p for p in dataset.practices if p.id == "deckers-haelen")
    assert deckers.poh.name is None
    assert len(warnings) == 1 and "geen toestemming" in warnings[0].message


def test_poh_name_with_consent_is_kept(edit):
    data = edit("practices.yaml", "role: POH-Jeugd (praktijkondersteuner huisarts-jeugd)",
                "role: POH Jeugd\n      name: Een Naam\n      name_consent: true")
    dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
    assert next(p for p in dataset.practices if p.id == "deckers-haelen").poh.name == "Een Naam"


def test_validate_command_exit_codes(edit, capsys):
    data = edit("practices.yaml", "municipality: leudal", "municipality: leudaal")
    assert main(["validate", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "practices.yaml:" in err and "fout: Onbekende gemeente 'leudaal'" in err
    assert "1 fout(en) en 0 waarschuwing(en) gevonden. De site is niet bijgewerkt." in err
    assert main(["validate", "--data", "data"]) == 0
