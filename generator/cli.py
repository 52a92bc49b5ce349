"""Opdrachten: `python -m generator validate | build | serve | export | add-session | …`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.argparse_nl import DutchArgumentParser
from generator.dataset import load_dataset, session_path
from generator.export import export_site
from generator.model import Dataset
from generator.problems import DataError, Problem, format_problems
from generator.render import render_site
from generator.render.pages import CORRECTIONS
from generator.session_editor import (
    CHANGES,
    COLUMNS,
    DONE,
    WOULD,
    SpreadsheetError,
    option_request,
    plan,
    read_csv,
    write,
)
from generator.site_build import BuildFailed, build_atomically
from generator.site_url import site_url, site_url_warning
from generator.today import build_date

EXIT_DATA_ERROR = 2
DESCRIPTION = ("Maakt de website over POH Jeugd uit de gegevens in data/, en helpt die "
               "gegevens bij te houden.")
# add-session's options, one per column of the spreadsheet: (placeholder, help).
OPTIONS = {
    "id": ("ID", "vaste naam van de bijeenkomst, zoals deckers-2027-01-12-opvoeden; "
                 "leeg: het programma maakt er een uit praktijk, datum en thema"),
    "theme": ("THEMA", "het thema, met naam of id: vaccinatie, middelengebruik, "
                       "sociale media of opvoeden"),
    "practices": ("PRAKTIJK", "de praktijk die de bijeenkomst houdt, met naam of id; "
                              "meer praktijken: scheid ze met ;"),
    "municipality": ("GEMEENTE", "de gemeente, als de gemeente (niet een praktijk) de "
                                 "bijeenkomst houdt"),
    "date": ("DATUM", "de datum, zoals 12-1-2027"),
    "start": ("BEGINTIJD", "hoe laat het begint, zoals 19.30"),
    "end": ("EINDTIJD", "hoe laat het eindigt, zoals 21.00"),
    "location_name": ("NAAM", "naam van het gebouw of de zaal"),
    "address": ("ADRES", "straat en huisnummer"),
    "postcode": ("POSTCODE", "postcode, zoals 1234 AB"),
    "place": ("PLAATS", "de plaats"),
    "online_url": ("LINK", "link naar een online bijeenkomst (begint met https://)"),
    "audience": ("VOOR_WIE", "ouders, jongeren, kinderen of gezinnen; meer: scheid ze "
                             "met ;"),
    "age_min": ("LEEFTIJD", "jongste leeftijd, zoals 12"),
    "age_max": ("LEEFTIJD", "oudste leeftijd, zoals 18"),
    "description": ("TEKST", "waar de bijeenkomst over gaat, in een paar zinnen"),
    "signup_url": ("LINK", "aanmelden via deze website"),
    "signup_phone": ("TELEFOON", "aanmelden via dit telefoonnummer"),
    "signup_email": ("E-MAIL", "aanmelden via dit e-mailadres"),
    "walk_in": ("JA_OF_NEE", "ja bij vrije inloop (zonder aanmelden)"),
    "status": ("STATUS", "gepland (als u niets invult), vol, geannuleerd of verplaatst"),
    "moved_to": ("ID", "bij verplaatst: de id van de bijeenkomst op de nieuwe datum"),
    "led_by": ("ORGANISATIE", "de organisatie die de bijeenkomst leidt, zoals CJG; "
                              "geen naam van een persoon"),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.command(args)
    except DataError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA_ERROR
    except BuildFailed as error:
        print(f"De site is niet gebouwd: {error}", file=sys.stderr)
        return 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen datum; schrijf jaar-maand-dag, zoals 2026-11-23") from None


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="python -m generator", description=DESCRIPTION)
    commands = parser.add_subparsers(required=True, metavar="opdracht", title="opdrachten")
    validate = commands.add_parser(
        "validate", help="controleer de gegevens en noem elke fout",
        description="Controleert alle gegevens in de map en noemt elke fout en waarschuwing, "
                    "met bestand, regel en kolom.")
    validate.set_defaults(command=_validate)
    build = commands.add_parser(
        "build", help="controleer de gegevens en bouw de site",
        description="Controleert de gegevens en bouwt dan de site. Bij een fout blijft de "
                    "vorige site staan.")
    build.add_argument("--site-dir", type=Path, default=Path("site"), metavar="MAP",
                       help="waar de site komt (standaard: site)")
    build.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                       metavar="BESTAND", help="het MkDocs-bestand (standaard: mkdocs.yml)")
    build.set_defaults(command=_build)
    serve = commands.add_parser(
        "serve", help="bekijk de site op uw eigen computer; ververst bij elke wijziging",
        description="Start een voorbeeld van de site. Slaat u een bestand in data/ of docs/ "
                    "op, dan ververst de pagina vanzelf.")
    serve.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                       metavar="BESTAND", help="het MkDocs-bestand (standaard: mkdocs.yml)")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ADRES:POORT",
                       help="waar het voorbeeld te zien is (standaard: 127.0.0.1:8000)")
    serve.set_defaults(command=_serve)
    edit = commands.add_parser(
        "edit", help="de webeditor op uw eigen computer, met het voorbeeld van de site",
        description="Start de webeditor (Decap CMS, met decap-server) en het voorbeeld van de "
                    "site samen. Open http://127.0.0.1:8000/admin/ en klik op Inloggen: wat u "
                    "opslaat, komt in de bestanden in data/ en het voorbeeld werkt zich bij. "
                    "Nodig: Node.js en `npm ci` (make edit doet dat).")
    edit.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                      metavar="BESTAND", help="het MkDocs-bestand (standaard: mkdocs.yml)")
    edit.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ADRES:POORT",
                      help="waar het voorbeeld te zien is (standaard: 127.0.0.1:8000)")
    edit.set_defaults(command=_edit)
    export = commands.add_parser(
        "export", help="schrijf de gemaakte pagina's in een map (voor andere site-bouwers)",
        description="Schrijft de pagina's die het programma maakt in een map, voor "
                    "programma's die zelf geen pagina's maken, zoals Zensical.")
    export.add_argument("target", type=Path, metavar="MAP", help="de map voor de pagina's")
    export.add_argument("--site-url", default=None, metavar="ADRES",
                        help="het adres van de site op internet (standaard: SITE_URL, "
                             "anders het voorbeeld op uw computer)")
    export.add_argument("--corrections", default=None, metavar="ADRES",
                        help="waar lezers een fout melden: een e-mailadres of het adres van "
                             "een formulier (zoals extra.corrections in mkdocs.yml)")
    export.set_defaults(command=_export)
    add = commands.add_parser(
        "add-session", help="zet één themabijeenkomst erbij (een bestand in data/sessions/)",
        description="Zet één themabijeenkomst erbij, als bestand data/sessions/<id>.yaml. Het "
                    "programma controleert alles eerst. Geeft u --theme of --date niet, dan "
                    "stelt het de vragen één voor één.")
    for column in COLUMNS:
        placeholder, text = OPTIONS[column]
        add.add_argument("--" + column.replace("_", "-"), dest=column, metavar=placeholder,
                         help=text)
    add.add_argument("--update", action="store_true",
                     help="bestaat de id al, werk die bijeenkomst dan bij (anders weigert "
                          "het programma)")
    add.add_argument("--dry-run", action="store_true",
                     help="controleer alleen; sla niets op")
    add.add_argument("--interactive", action="store_true",
                     help="vraag elk veld één voor één (gebeurt ook als --theme of --date "
                          "ontbreekt)")
    add.set_defaults(command=_add_session)
    imports = commands.add_parser(
        "import-sessions", help="zet bijeenkomsten erbij, wijzig of annuleer ze, uit een "
                                "spreadsheet (CSV)",
        description="Leest een spreadsheet (CSV) met een bijeenkomst per regel. Een nieuwe id "
                    "wordt toegevoegd, een bestaande bijgewerkt; status geannuleerd (of "
                    "afgelast) annuleert. U ziet per regel wat er gebeurt.")
    imports.add_argument("csv_file", type=Path, metavar="CSV-BESTAND",
                         help="de spreadsheet, opgeslagen als CSV (met , ; of tab)")
    imports.add_argument("--dry-run", action="store_true",
                         help="laat per regel zien wat er zou gebeuren; sla niets op")
    imports.set_defaults(command=_import_sessions)
    subcommands = (validate, build, serve, edit, export, add, imports)
    for sub in subcommands:
        sub.add_argument("--data", type=Path, default=Path("data"), metavar="MAP",
                         help="de map met de gegevens (standaard: data)")
    for sub in subcommands:
        sub.add_argument("--today", type=_date, default=None, metavar="DATUM",
                         help="de datum die de site als vandaag neemt (jaar-maand-dag)")
    return parser


def _validate(args: argparse.Namespace) -> int:
    _checked(args)
    return 0


def _checked(args: argparse.Namespace) -> tuple[Dataset, list[Problem]]:
    """Load and validate, print the warnings and a summary; DataError when invalid."""
    dataset, warnings = load_dataset(args.data, args.today or build_date())
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"De gegevens zijn in orde: {len(dataset.municipalities)} gemeenten, "
          f"{len(dataset.practices)} praktijken, {len(dataset.themes)} thema's, "
          f"{len(dataset.sessions)} themabijeenkomsten.")
    return dataset, warnings


def _build(args: argparse.Namespace) -> int:
    dataset, _warnings = _checked(args)  # Dutch errors and exit code 2 before the engine
    today = args.today or build_date()
    from generator import mkdocs_adapter  # the engine: only the commands that build need it

    build_atomically(args.site_dir, lambda folder: mkdocs_adapter.build(
        args.config_file, folder, dataset, today))
    print(f"De site staat in {args.site_dir}/.")
    _warn_without_site_url()
    return 0


def _warn_without_site_url() -> None:
    """Last, where it is seen: a site built without its public address is a preview."""
    warning = site_url_warning()
    if warning:
        print(warning, file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    from generator import mkdocs_adapter

    mkdocs_adapter.serve(args.config_file, args.data, args.today, args.dev_addr)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from generator import decap, mkdocs_adapter
    from generator.render.editor import EditorSettingsError

    try:
        settings = mkdocs_adapter.settings_for_editing(args.config_file)
        decap.edit(args.config_file, args.data, args.today, args.dev_addr,
                   settings.local_port)
    except (decap.EditorMissing, EditorSettingsError) as error:
        print(f"De webeditor start niet: {error}", file=sys.stderr)
        return 1
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.corrections and not CORRECTIONS.fullmatch(args.corrections):
        print(f"--corrections '{args.corrections}' is geen e-mailadres en geen webadres.",
              file=sys.stderr)
        return 2
    today = args.today or build_date()
    dataset, _warnings = load_dataset(args.data, today)  # `validate` shows the warnings
    site = render_site(dataset, today, args.site_url or site_url(), corrections=args.corrections)
    written = export_site(site, args.target)
    print(f"{len(site.pages) + len(site.files)} bestanden in {args.target}/, "
          f"{written} nieuw of gewijzigd.")
    if not args.site_url:
        _warn_without_site_url()
    return 0


# What add-session asks for, in Dutch, in this order; required ones cannot be left empty.
PROMPTS = (
    ("theme", "Thema (vaccinatie, middelengebruik, sociale media of opvoeden)", True),
    ("practices", "Praktijk: de naam of id (bijv. deckers-haelen)", False),
    ("municipality", "Of: de gemeente die de bijeenkomst houdt (bijv. Leudal)", False),
    ("date", "Datum (bijv. 12-1-2027)", True),
    ("start", "Begintijd (bijv. 19.00)", True),
    ("end", "Eindtijd (bijv. 20.30)", True),
    ("place", "Plaats (leeg bij een online bijeenkomst)", False),
    ("location_name", "Naam van de locatie, zoals de praktijk of een wijkcentrum", False),
    ("address", "Adres: straat en huisnummer", False),
    ("online_url", "Link naar de online bijeenkomst (mag leeg)", False),
    ("audience", "Voor wie (ouders, jongeren, kinderen, gezinnen)", False),
    ("description", "Korte beschrijving", True),
    ("signup_url", "Aanmelden via website (mag leeg)", False),
    ("walk_in", "Vrije inloop? (ja/nee)", False),
)


def _add_session(args: argparse.Namespace) -> int:
    fields = {column: getattr(args, column) for column in COLUMNS}
    if args.interactive or (sys.stdin.isatty() and not (fields["theme"] and fields["date"])):
        _ask(fields)
    outcome = _planned(args, [option_request(fields)], update=args.update)[0]
    for warning in outcome.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    if outcome.action is None:
        for error in outcome.errors:
            print(f"fout: {error}", file=sys.stderr)
        print(f"{len(outcome.errors)} fout(en) gevonden. Er is niets opgeslagen.",
              file=sys.stderr)
        return EXIT_DATA_ERROR
    path = session_path(args.data, outcome.session_id).as_posix()
    if args.dry_run or outcome.action not in CHANGES:
        print(f"Bijeenkomst '{outcome.session_id}': {WOULD[outcome.action]}. Er is niets "
              "opgeslagen.")
        return 0
    write(args.data, [outcome])
    print(f"Bijeenkomst '{outcome.session_id}' {DONE[outcome.action]}: {path}")
    return 0


def _ask(fields: dict[str, str | None]) -> None:
    for column, question, required in PROMPTS:
        while not fields.get(column):
            answer = input(f"{question}: ").strip()
            fields[column] = answer or None
            if answer or not required:
                break


def _planned(args: argparse.Namespace, requests, *, update: bool):
    """The plan; DataError (with a first line of its own) when the data has errors already."""
    try:
        return plan(args.data, requests, args.today or build_date(), update=update)
    except DataError as error:
        print("Er is niets opgeslagen: eerst moeten deze fouten in de gegevens weg.",
              file=sys.stderr)
        raise error from None


def _import_sessions(args: argparse.Namespace) -> int:
    try:
        requests = read_csv(args.csv_file)
    except SpreadsheetError as error:
        print(f"{args.csv_file.as_posix()}: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except OSError as error:
        print(f"Het bestand {args.csv_file.as_posix()} kan niet worden gelezen "
              f"({error.strerror}).", file=sys.stderr)
        return EXIT_DATA_ERROR
    outcomes = _planned(args, requests, update=True)
    if not args.dry_run:
        write(args.data, outcomes)
    verbs = WOULD if args.dry_run else DONE
    for outcome in outcomes:
        label = outcome.request.label
        if outcome.action is None:
            for error in outcome.errors:
                print(f"{label}: afgewezen: {error}")
            continue
        print(f"{label}: {verbs[outcome.action]} '{outcome.session_id}'")
        for warning in outcome.warnings:
            print(f"{label}: waarschuwing: {warning}")
    counts = {action: sum(o.action == action for o in outcomes) for action in DONE}
    refused = sum(o.action is None for o in outcomes)
    if args.dry_run:
        print(f"Proefrun, er is niets opgeslagen: {counts['toevoegen']} nieuw, "
              f"{counts['bijwerken']} te wijzigen, {counts['annuleren']} te annuleren, "
              f"{counts['ongewijzigd']} ongewijzigd, {refused} afgewezen.")
    else:
        print(", ".join(f"{counts[action]} {DONE[action]}" for action in DONE)
              + f", {refused} afgewezen.")
    return EXIT_DATA_ERROR if refused else 0


if __name__ == "__main__":
    sys.exit(main())
