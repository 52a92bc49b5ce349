"""The catalogue of bad inputs (issue 7): one row per mistake an editor can make.

Each row breaks one file of a copy of the shipped data and runs `python -m generator
validate` on it, together with a second mistake in another file. Both must be reported in
the same run, in Dutch, at `file:line:column`, with a hint ("Tip: ..."), and the command
must exit with code 2. The warnings at the end go the other way: listed, exit code 0.
Loader details that are not editor mistakes (YAML 1.2 scalars, positions of keys, merge
keys) stay in test_load.py.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DATA, TODAY

from generator.cli import main
from generator.dataset import load_dataset
from generator.load import MAX_FILE_BYTES
from generator.render import render_site
from generator.site_url import DEFAULT_SITE_URL

Change = Callable[[Path], None]

SESSION_FILE = "sessions/test-sessie.yaml"  # its name is the session's id
SESSION = """\
# yaml-language-server: $schema=../schemas/session.schema.json
theme: vaccinatie
practices: [deckers-haelen]
date: "2026-12-01"
start: "19:00"
end: "20:30"
description: Vragen over vaccineren? De huisarts en het CJG vertellen erover.
status: gepland
location:
  place: Haelen
"""


def replace(old: str, new: str | bytes, encoding: str = "utf-8") -> Change:
    """Replace the first `old` in the file (which must contain it)."""

    def change(path: Path) -> None:
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{old!r} not in {path.name}"
        before, after = content.split(old, 1)
        if isinstance(new, bytes):
            path.write_bytes(before.encode(encoding) + new + after.encode(encoding))
        else:
            path.write_text(before + new + after, encoding="utf-8")

    return change


def session(*edits: tuple[str, str]) -> Change:
    """Write one session file (the shipped data has none), changed by (old, new) pairs."""
    text = SESSION
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)

    def change(path: Path) -> None:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return change


def append(text: str) -> Change:
    return lambda path: path.write_text(path.read_text(encoding="utf-8") + text,
                                        encoding="utf-8")


def almere_end(date: str) -> Change:
    """Give Almere's pilot (status lopend, start 2021) an end milestone."""
    return replace("        source: almere-optimalisatie\n      - type: overig",
                   "        source: almere-optimalisatie\n      - type: einde\n        date:\n"
                   f'          date: "{date}"\n      - type: overig')


def write(content: str) -> Change:
    return lambda path: path.write_text(content, encoding="utf-8")


def delete(path: Path) -> None:
    path.unlink()


def grow(path: Path) -> None:
    with path.open("r+b") as handle:  # sparse: fast, and the loader must not read it anyway
        handle.truncate(MAX_FILE_BYTES + 1)


def alias_bomb(path: Path) -> None:
    """Ten levels of ten aliases: 10^10 strings if a loader expanded them."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")


@dataclass(frozen=True)
class Bad:
    """One mistake: where it is made, how, what the editor reads, and where it points."""

    id: str
    file: str
    change: Change
    message: str  # a fragment of the reported line (message or hint)
    line: str | int  # the line number, or text that first occurs on that line after the edit
    column: int


CATALOGUE = [
    # Files that cannot be read at all.
    Bad("yaml-syntax-error", "practices.yaml",
        replace("name: Eikstaete\n", "name: Eikstaete: ja\n"),
        "De YAML is niet leesbaar", "Eikstaete: ja", 20),
    Bad("tab-indentation", "practices.yaml", replace("    place: Haelen", "\tplace: Haelen"),
        "Er staat een tab in de inspringing.", "place: Haelen", 1),
    Bad("empty-file", "themes.yaml", write("# alleen commentaar\n"), "Het bestand is leeg.", 1, 1),
    Bad("missing-file", "themes.yaml", delete, "Het bestand ontbreekt.", 1, 1),
    Bad("not-utf8", "practices.yaml", replace("place: Haelen", "place: Ha\xe9len".encode("cp1252")),
        "niet opgeslagen als UTF-8", "place: Ha", 14),
    Bad("huge-file", "practices.yaml", grow, "Het bestand is te groot", 1, 1),
    Bad("control-character-in-file", "practices.yaml",
        replace("place: Haelen", "place: Hae\x0blen"), "onzichtbaar teken", "place: Hae", 15),
    # YAML features the data does not use.
    Bad("duplicate-key", "practices.yaml",
        replace("    place: Haelen\n", "    place: Haelen\n    place: Roermond\n"),
        "Het veld 'place' staat hier twee keer (eerst op regel", "place: Roermond", 5),
    Bad("alias-bomb", "practices.yaml", alias_bomb,
        "Ankers en verwijzingen (& en *) worden niet ondersteund.", "a0: &a0", 5),
    Bad("deep-nesting", "practices.yaml",
        replace("place: Haelen", "place: " + "[" * 50_000 + "]" * 50_000),
        "te diep genest", "place: [", 50),
    Bad("escaped-control-character", "practices.yaml",
        replace("name: Huisartsenpraktijk Deckers",
                'name: "Huisartsenpraktijk Deckers\\x80 [klik](javascript:alert(1))"'),
        "Er staat een teken in dat niet is toegestaan (U+0080)", "Deckers\\x80", 11),
    # Invisible characters that reorder or hide text: at the character itself.
    Bad("right-to-left-override-in-name", "practices.yaml",
        replace("name: Huisartsenpraktijk Deckers", "name: Huisartsenpraktijk \u202eDeckers"),
        "In deze tekst staat een onzichtbaar teken dat de leesrichting omdraait (U+202E "
        "RIGHT-TO-LEFT OVERRIDE). Tip: Haal het teken weg; typ de tekst opnieuw of plak hem "
        "als platte tekst.", "\u202eDeckers", 30),
    Bad("zero-width-space-in-text", "municipalities.yaml",  # the second line of a >- block
        replace("Hoe het daarna verder ging", "Hoe het daarna\u200b verder ging"),
        "In deze tekst staat een onzichtbaar teken zonder breedte (U+200B ZERO WIDTH SPACE).",
        "daarna\u200b", 21),
    Bad("left-to-right-isolate-in-key", "practices.yaml",
        replace("    place: Haelen\n", "    pla\u2066ce: Haelen\n"),
        "In deze tekst staat een onzichtbaar teken dat de leesrichting omdraait (U+2066 "
        "LEFT-TO-RIGHT ISOLATE).", "pla\u2066ce", 8),
    # The schema: fields, types and formats.
    Bad("unknown-field", "practices.yaml",
        replace("    place: Haelen\n", "    place: Haelen\n    adress: Markt 1\n"),
        "Onbekend veld 'adress'. Tip: Bedoelt u 'address'?", "adress:", 5),
    Bad("missing-required-field", "practices.yaml", replace("    municipality: leudal\n", ""),
        "Het verplichte veld 'municipality' ontbreekt.", "id: deckers-haelen", 5),
    Bad("wrong-type-boolean", "municipalities.yaml",
        replace("number: 1\n        inferred: true", "number: 1\n        inferred: yes"),
        "Verwacht true of false, maar hier staat 'yes'", "inferred: yes", 19),
    Bad("wrong-type-list", "practices.yaml",
        replace("sources: [leudal-deckers]", "sources: leudal-deckers"),
        "Verwacht een lijst", "sources: leudal-deckers", 14),
    Bad("time-as-number", "practices.yaml",
        replace('        start: "15:00"', "        start: 15.00"),
        "Verwacht tekst, maar hier staat '15.0'. Tip: Verwacht: een tijd", "start: 15.00", 16),
    Bad("unquoted-time-not-a-time", "practices.yaml",
        replace('        start: "15:00"', "        start: 9:00"),
        "Ongeldige waarde '9:00'. Tip: Verwacht: een tijd als \"15:00\"", "start: 9:00", 16),
    Bad("hour-25", "practices.yaml",
        replace('        start: "15:00"', "        start: 25:00"),
        "Ongeldige waarde '25:00'", "start: 25:00", 16),
    Bad("number-too-long", "municipalities.yaml", replace("number: 2", "number: " + "1" * 5000),
        "Verwacht een getal, maar hier staat '111", "number: 111", 17),
    Bad("newline-in-one-line-field", "practices.yaml",
        replace("name: Huisartsenpraktijk Deckers", 'name: "Huisartsenpraktijk\\nDeckers"'),
        "Hier mag maar één regel tekst staan.", "Huisartsenpraktijk\\nDeckers", 11),
    Bad("invalid-cbs-code", "municipalities.yaml", replace("cbs_code: GM0034", "cbs_code: GM34"),
        "Ongeldige waarde 'GM34'. Tip: Verwacht: de CBS-gemeentecode", "cbs_code: GM34", 15),
    Bad("cbs-code-lower-case", "municipalities.yaml",
        replace("cbs_code: GM0034", "cbs_code: gm0034"), "CBS-gemeentecode", "gm0034", 15),
    Bad("cbs-code-too-long", "municipalities.yaml",
        replace("cbs_code: GM0034", "cbs_code: GM00345"), "CBS-gemeentecode", "GM00345", 15),
    Bad("invalid-postcode", "practices.yaml",
        replace("    place: Haelen\n", '    place: Haelen\n    postcode: "6081AB"\n'),
        "Ongeldige waarde '6081AB'. Tip: Verwacht: een postcode als \"1234 AB\"", "6081AB", 15),
    Bad("invalid-phone", "practices.yaml",
        replace("    place: Haelen\n", '    place: Haelen\n    phone: "12345"\n'),
        "Verwacht: een Nederlands telefoonnummer", 'phone: "12345"', 12),
    Bad("invalid-email", "practices.yaml",
        replace("    place: Haelen\n", '    place: Haelen\n    email: "info@praktijk"\n'),
        "Verwacht: een e-mailadres", "info@praktijk", 12),
    Bad("javascript-url", "themes.yaml",
        replace("url: https://www.trimbos.nl/", "url: javascript:alert(1)"),
        "Ongeldige waarde 'javascript:alert(1)'. Tip: Verwacht: een adres dat begint met "
        "https://", "javascript:alert", 14),
    Bad("data-url", "practices.yaml",
        replace("    place: Haelen\n", "    place: Haelen\n    website: data:text/html,x\n"),
        "Ongeldige waarde 'data:text/html,x'", "website: data", 14),
    Bad("url-without-domain", "themes.yaml",
        replace("url: https://www.jellinek.nl/", "url: https:///jellinek"),
        "Het webadres 'https:///jellinek' heeft geen domeinnaam.", "https:///jellinek", 14),
    # Cross-checks: ids, references, dates and times.
    Bad("duplicate-id", "practices.yaml",
        replace("id: de-weide-hoogeveen", "id: eikstaete-hoogeveen"),
        "De id 'eikstaete-hoogeveen' komt al voor (op regel 11).", "id: eikstaete-hoogeveen\n"
        "    name: De Weide", 9),
    Bad("duplicate-cbs-code", "municipalities.yaml",
        replace("cbs_code: GM0034", "cbs_code: GM1700"),
        "De cbs_code 'GM1700' komt al voor (op regel 256).",
        "cbs_code: GM1700\n    province: Flevoland", 15),
    Bad("unknown-municipality", "practices.yaml",
        replace("municipality: leudal", "municipality: leudaal"),
        "Onbekende gemeente 'leudaal'. Tip: Bekend zijn: almere", "municipality: leudaal", 19),
    Bad("unknown-source", "municipalities.yaml",
        replace("sources: [tubbergen-geslaagd]", "sources: [tubbergen-geslaagd, tubergen]"),
        "Onbekende bron 'tubergen'", "sources: [tubbergen-geslaagd, tubergen]", 35),
    Bad("unknown-theme", SESSION_FILE, session(("theme: vaccinatie", "theme: vaccinaties")),
        "Onbekend thema 'vaccinaties'. Tip: Bekend zijn: middelengebruik",
        "theme: vaccinaties", 8),
    Bad("unknown-practice", SESSION_FILE,
        session(("practices: [deckers-haelen]", "practices: [deckers]")),
        "Onbekende praktijk 'deckers'. Tip: Bekend zijn: de-weide-hoogeveen", "[deckers]", 13),
    Bad("end-before-start", "practices.yaml", replace('end: "16:00"', 'end: "14:30"'),
        "De eindtijd 14:30 ligt niet na de begintijd 15:00.", 'end: "14:30"', 14),
    Bad("session-end-before-start", SESSION_FILE, session(('end: "20:30"', 'end: "18:00"')),
        "De eindtijd 18:00 ligt niet na de begintijd 19:00.", 'end: "18:00"', 6),
    Bad("pilot-ends-before-start", "municipalities.yaml", almere_end("2020-06"),
        "Deze datum ligt vóór de start van de pilot.", 'date: "2020-06"', 11),
    Bad("pilot-extended-until-before-start", "municipalities.yaml",
        replace("        source: tubbergen-geslaagd\n    age_range",
                "        source: tubbergen-geslaagd\n      - type: verlengd\n        until:\n"
                '          date: "2018-12"\n    age_range'),
        "Deze datum ligt vóór de start van de pilot.", 'date: "2018-12"', 11),
    Bad("impossible-date", "practices.yaml",
        replace("    place: Haelen\n", '    place: Haelen\n    verified_on: "2025-02-30"\n'),
        "De datum '2025-02-30' bestaat niet.", "2025-02-30", 18),
    Bad("impossible-session-date", SESSION_FILE,
        session(('date: "2026-12-01"', 'date: "2026-02-30"')),
        "De datum '2026-02-30' bestaat niet.", "2026-02-30", 7),
    Bad("impossible-milestone-date", "municipalities.yaml",
        replace('date: "2019-06-17"', 'date: "2019-02-30"'),
        "De datum '2019-02-30' bestaat niet.", "2019-02-30", 17),
    Bad("impossible-month", "municipalities.yaml",  # a month 13 in a start crashed the checks
        replace('date: "2019-05"', 'date: "2019-13"'),
        "De datum '2019-13' bestaat niet.", "2019-13", 17),
    Bad("impossible-day-without-year", "municipalities.yaml",
        replace('date: "--06-01"', 'date: "--02-30"'),
        "De datum '--02-30' bestaat niet.", "--02-30", 17),
    Bad("year-zero", "municipalities.yaml", replace('date: "2021"', 'date: "0000"'),
        "De datum '0000' bestaat niet.", '"0000"', 17),
    # Session files (data/sessions/<id>.yaml): the file name is the id.
    Bad("session-unknown-field", SESSION_FILE,
        session(("status: gepland\n", "status: gepland\nplaats: Haelen\n")),
        "Onbekend veld 'plaats'.", "plaats: Haelen", 1),
    Bad("session-bad-status", SESSION_FILE, session(("status: gepland", "status: afgelast")),
        "'afgelast' is geen toegestane waarde. Tip: Kies uit: gepland, vol, geannuleerd",
        "status: afgelast", 9),
    Bad("session-file-with-an-id", SESSION_FILE,
        session(("theme: vaccinatie", "id: test-sessie\ntheme: vaccinatie")),
        "Een bijeenkomst heeft geen veld 'id': de naam van het bestand is de id. Tip: Haal de "
        "regel 'id: ...' weg. De id van deze bijeenkomst is 'test-sessie'.", "id: test-sessie",
        1),
    Bad("session-file-name-not-an-id", "sessions/Test sessie.yaml", session(),
        "De bestandsnaam 'Test sessie.yaml' is geen geldige id. Tip: De naam van het bestand "
        "(zonder .yaml) is de id van de bijeenkomst: alleen kleine letters", 1, 1),
    Bad("session-file-not-yaml", "sessions/test-sessie.yml", session(),
        "Dit bestand wordt niet gelezen: de naam eindigt niet op .yaml.", 1, 1),
    Bad("session-moved-to-unknown", SESSION_FILE,
        session(("status: gepland", "status: verplaatst\nmoved_to: test-sessie-2")),
        "Onbekende bijeenkomst 'test-sessie-2'. Tip: Gebruik de id van de bijeenkomst op de "
        "nieuwe datum.", "moved_to: test-sessie-2", 11),
    Bad("session-tab-indentation", SESSION_FILE, session(("  place: Haelen", "\tplace: Haelen")),
        "Er staat een tab in de inspringing.", "place: Haelen", 1),
    Bad("sessions-still-in-themes", "themes.yaml",
        append("\nsessions:\n  - id: oud\n    theme: vaccinatie\n"),
        "Themabijeenkomsten staan niet meer in themes.yaml, maar elk in een eigen bestand in "
        "de map sessions/.", "sessions:", 1),
    # Pilots and their municipalities, sources and milestones.
    Bad("municipality-without-pilot", "municipalities.yaml",
        replace("    cbs_code: GM1640\n    province: Limburg\n",
                "    cbs_code: GM1640\n    province: Limburg\n\n  - id: roermond\n"
                "    name: Roermond\n    cbs_code: GM0957\n    province: Limburg\n"),
        "Geen pilot noemt de gemeente 'roermond'.", "id: roermond", 9),
    Bad("municipality-in-two-pilots", "municipalities.yaml",
        replace("municipalities: [tubbergen]", "municipalities: [tubbergen, twenterand]"),
        "De gemeente 'twenterand' hoort al bij een andere pilot (regel 37).",
        "[tubbergen, twenterand]", 33),
    Bad("pilot-names-unknown-municipality", "municipalities.yaml",
        replace("municipalities: [tubbergen]", "municipalities: [tubbergen, dinkelland]"),
        "Onbekende gemeente 'dinkelland'. Tip: Bekend zijn: almere", "[tubbergen, dinkelland]",
        33),
    Bad("source-cannot-be-found", "municipalities.yaml",
        replace("    title: Hoogeveen start nieuwe pilot om ouders en kinderen beter te kunnen "
                "helpen\n    archive_id: 003_f8f6c5da3b336c6e\n",
                "    publisher: Gemeente Hoogeveen\n"),
        "De bron 'hoogeveen-start' is niet terug te vinden.", "id: hoogeveen-start", 5),
    Bad("milestone-source-not-the-pilots", "municipalities.yaml",
        replace("        source: almere-optimalisatie\n      - type: overig",
                "        source: tubbergen-geslaagd\n      - type: overig"),
        "De bron 'tubbergen-geslaagd' staat niet bij de bronnen van deze pilot.",
        "tubbergen-geslaagd\n      - type: overig", 17),
    Bad("milestone-without-date", "municipalities.yaml",
        replace('      - type: overig\n        date:\n          date: "2022"\n',
                "      - type: overig\n"),
        "Bij dit moment staat geen datum.", "type: overig", 9),
    Bad("until-without-extension", "municipalities.yaml",
        replace('          date: "2019-05"\n',
                '          date: "2019-05"\n        until:\n          date: "2020-05"\n'),
        "'until' hoort alleen bij een verlenging.", 'date: "2020-05"', 11),
    Bad("other-milestone-without-text", "municipalities.yaml",
        replace("        text: Meer huisartsenpraktijken volgen. Welke, hangt af van de formatie "
                "en capaciteit van de POH.\n", ""),
        "Bij een moment van het type 'overig' staat niet wat er gebeurde.", "type: overig", 9),
]

# A second mistake in another file: proof that one run reports everything.
COMPANIONS = {
    "municipalities.yaml": ("themes.yaml", replace("  - id: opvoeden\n",
                                                   "  - id: opvoeden\n    samenvatting: x\n"),
                            "Onbekend veld 'samenvatting'.", "samenvatting:", 5),
    "other": ("municipalities.yaml",
              replace("    archive_id: 000_dd319aa9dc149e16\n",
                      "    archive_id: 000_dd319aa9dc149e16\n    auteur: x\n"),
              "Onbekend veld 'auteur'. Tip: Bedoelt u 'author'?", "auteur:", 5),
}


def fresh_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("schemas"))
    return target


def position(data: Path, file: str, line: str | int, column: int) -> str:
    if isinstance(line, str):
        lines = (data / file).read_bytes().split(b"\n")
        needle = line.encode("utf-8")
        text = b"\n".join(lines)
        assert text.count(needle) == 1, f"{line!r} is not unique in {file}"
        line = text[: text.index(needle)].count(b"\n") + 1
    return f"{data.as_posix()}/{file}:{line}:{column}"


def validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", "--data", str(data), "--today", TODAY.isoformat()])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err.splitlines()


def reported(lines: list[str], at: str, kind: str, fragment: str) -> str:
    """The one reported line at `at` of this kind that holds `fragment`, with a hint."""
    found = [line for line in lines if line.startswith(f"{at}: {kind}: ") and fragment in line]
    assert len(found) == 1, f"no {kind} {fragment!r} at {at} in:\n" + "\n".join(lines)
    assert re.search(r" Tip: \S", found[0]), found[0]
    return found[0]


@pytest.mark.parametrize("bad", CATALOGUE, ids=[bad.id for bad in CATALOGUE])
def test_each_bad_input_is_explained_in_dutch_with_a_position(bad, tmp_path, capsys):
    data = fresh_data(tmp_path)
    other, change, message, line, column = COMPANIONS.get(bad.file, COMPANIONS["other"])
    change(data / other)
    started = time.monotonic()
    bad.change(data / bad.file)
    code, lines = validate(data, capsys)
    assert time.monotonic() - started < 10  # nothing expanded, nothing read that is too big
    assert code == 2
    reported(lines, position(data, bad.file, bad.line, bad.column), "fout", bad.message)
    reported(lines, position(data, other, line, column), "fout", message)
    assert re.fullmatch(r"\d+ fout\(en\) en \d+ waarschuwing\(en\) gevonden\. "
                        r"De site is niet bijgewerkt\.", lines[-1])


def test_mistakes_in_every_file_come_in_one_run(tmp_path, capsys):
    chosen = ["unknown-field", "duplicate-id", "duplicate-key", "invalid-cbs-code",
              "unknown-source", "javascript-url", "unknown-theme"]
    rows = [bad for bad in CATALOGUE if bad.id in chosen]
    data = fresh_data(tmp_path)
    for bad in rows:
        bad.change(data / bad.file)
    code, lines = validate(data, capsys)
    assert code == 2
    for bad in rows:
        reported(lines, position(data, bad.file, bad.line, bad.column), "fout", bad.message)
    assert lines[-1].startswith(f"{len(rows)} fout(en) en 0 waarschuwing(en) gevonden.")


def test_shipped_data_passes(capsys):
    assert main(["validate", "--data", str(DATA), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("De gegevens zijn in orde: 5 gemeenten, 4 praktijken")


def test_joiners_inside_an_emoji_sequence_are_kept(tmp_path, capsys):
    """Zero-width joiners make one emoji of a man, a woman and a girl: not refused, and the
    pages show the text as typed."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    description = f"Voor het hele gezin {family} met vragen over vaccineren."
    data = fresh_data(tmp_path)
    session(("description: Vragen over vaccineren? De huisarts en het CJG vertellen erover.",
             f"description: {description}"))(data / SESSION_FILE)
    code, lines = validate(data, capsys)
    assert code == 0, lines
    dataset, _warnings = load_dataset(data, TODAY)
    assert [s.description for s in dataset.sessions] == [description]
    site = render_site(dataset, TODAY, DEFAULT_SITE_URL)
    shown = {path for path, page in site.pages.items() if f"<p>{description}</p>" in page.html}
    assert shown == {"agenda/index.md", "agenda/gemeenten/leudal.md"}
    open_data = site.files["open-data/poh-jeugd.json"]
    assert description.encode() in (open_data if isinstance(open_data, bytes) else
                                    open_data.encode())


def test_unquoted_times_are_read_as_times(tmp_path):
    """YAML 1.1 would read an unquoted 15:00 as the number 900; this loader keeps the text."""
    data = fresh_data(tmp_path)
    replace('        start: "15:00"', "        start: 15:00")(data / "practices.yaml")
    replace('end: "16:00"', "end: 16:00")(data / "practices.yaml")
    dataset, warnings = load_dataset(data, TODAY)
    deckers = next(p for p in dataset.practices if p.id == "deckers-haelen")
    assert [(slot.start.isoformat(), slot.end.isoformat()) for slot in deckers.availability] == [
        ("15:00:00", "16:00:00")
    ]
    assert warnings == []


WARNINGS = [
    Bad("verified-on-over-180-days", "practices.yaml",
             replace("    place: Haelen\n", '    place: Haelen\n    verified_on: "2026-05-26"\n'),
             "De gegevens van Huisartsenpraktijk Deckers zijn al meer dan 180 dagen niet "
             "gecontroleerd.", "verified_on", 18),
    Bad("lopend-after-its-end", "municipalities.yaml", almere_end("2025-06"),
             "De pilot staat op 'lopend', maar de einddatum (2025-06-30) is voorbij.",
             "status: lopend\n    status_note: >-\n      In 2021", 13),
    Bad("session-outside-the-pilot", SESSION_FILE,
             session(("practices: [deckers-haelen]", "municipality: almere"),
                     ('date: "2026-12-01"', 'date: "2020-05-04"'),
                     ("place: Haelen", "place: Almere")),
             "De bijeenkomst valt buiten de looptijd van de pilot in Almere.", "2020-05-04", 7),
    Bad("poh-name-without-consent", "practices.yaml",
             replace("      role: POH Jeugd\n    sources: [hoogeveen-start]\n",
                     "      role: POH Jeugd\n      name: Een Naam\n"
                     "    sources: [hoogeveen-start]\n"),
             "De naam van de POH wordt niet getoond", "Een Naam", 13),
]


@pytest.mark.parametrize("warning", WARNINGS, ids=[warning.id for warning in WARNINGS])
def test_warnings_are_listed_and_the_build_goes_on(warning, tmp_path, capsys):
    data = fresh_data(tmp_path)
    warning.change(data / warning.file)
    code, lines = validate(data, capsys)
    assert code == 0
    at = position(data, warning.file, warning.line, warning.column)
    reported(lines, at, "waarschuwing", warning.message)
    assert lines[-1] == "1 waarschuwing(en). De site wordt wel gebouwd."


def test_warnings_come_after_the_errors(tmp_path, capsys):
    data = fresh_data(tmp_path)
    for row in WARNINGS[:3]:
        row.change(data / row.file)
    # Mistakes outside the items that warn: a broken item is not cross-checked.
    errors = [bad for bad in CATALOGUE if bad.id in ("duplicate-key", "javascript-url")]
    for bad in errors:
        bad.change(data / bad.file)
    code, lines = validate(data, capsys)
    assert code == 2
    kinds = [line.split(": ")[1] for line in lines[:-1]]
    assert kinds == ["fout"] * 2 + ["waarschuwing"] * 3


@pytest.mark.parametrize(("verified_on", "warned"), [("2026-05-27", False), ("2026-05-26", True)])
def test_check_date_warning_starts_after_180_days(tmp_path, verified_on, warned):
    data = fresh_data(tmp_path)  # TODAY is 2026-11-23: 27 May is 180 days before, 26 May 181
    replace("    place: Haelen\n",
            f'    place: Haelen\n    verified_on: "{verified_on}"\n')(data / "practices.yaml")
    _dataset, warnings = load_dataset(data, TODAY)
    assert [w.message.startswith("De gegevens van") for w in warnings] == ([True] if warned else [])


def test_lopend_gives_no_warning_before_the_end_month_is_over(tmp_path):
    """An end "2026-11" means the end of November: on 23 November the pilot still runs.

    (Twenterand's extension ended in 2022, but its status is 'verlengd', as the source says:
    the shipped data gives no warnings, see test_validate.py.)
    """
    data = fresh_data(tmp_path)
    almere_end("2026-11")(data / "municipalities.yaml")
    _dataset, warnings = load_dataset(data, TODAY)  # "eind november 2026" has not passed
    assert warnings == []


def test_lopend_gives_no_warning_after_its_end_once_it_became_structural(tmp_path):
    data = fresh_data(tmp_path)
    almere_end("2025-06")(data / "municipalities.yaml")
    replace("        source: almere-optimalisatie\n    organisations:",
            "        source: almere-optimalisatie\n      - type: structureel\n        date:\n"
            '          date: "2025-07"\n    organisations:')(data / "municipalities.yaml")
    _dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
