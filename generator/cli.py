"""Command line: `python -m generator validate | build | export | add-session | import-sessions`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.dataset import load_dataset
from generator.export import export_site
from generator.model import Dataset
from generator.problems import DataError, Problem, format_problems
from generator.render import render_site
from generator.render.pages import CORRECTIONS
from generator.session_editor import (
    COLUMNS,
    THEMES_FILE,
    add_sessions,
    entry_from_fields,
    import_csv,
)
from generator.site_build import BuildFailed, build_atomically
from generator.site_url import site_url, site_url_warning
from generator.today import build_date

EXIT_DATA_ERROR = 2


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")
    validate = commands.add_parser("validate", help="check the data and list every problem")
    validate.set_defaults(command=_validate)
    build = commands.add_parser("build", help="validate, then build the site atomically")
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    build.set_defaults(command=_build)
    serve = commands.add_parser("serve", help="live preview; rebuilds when data/ or docs/ change")
    serve.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on")
    serve.set_defaults(command=_serve)
    export = commands.add_parser(
        "export", help="write the generated pages into a folder (for other site engines)"
    )
    export.add_argument("target", type=Path)
    export.add_argument("--site-url", default=None,
                        help="the public address (default: SITE_URL, else the local preview)")
    export.add_argument("--corrections", default=None,
                        help="where readers report a mistake: an e-mail address or a form's "
                             "URL (as extra.corrections in mkdocs.yml)")
    export.set_defaults(command=_export)
    add = commands.add_parser("add-session", help="add one theme session to data/themes.yaml")
    for column in COLUMNS:
        add.add_argument("--" + column.replace("_", "-"), dest=column, metavar=column.upper())
    add.add_argument("--interactive", action="store_true",
                     help="ask for each field (done anyway when stdin is a terminal and "
                          "--theme or --date is missing)")
    add.set_defaults(command=_add_session)
    imports = commands.add_parser("import-sessions", help="add theme sessions from a CSV file")
    imports.add_argument("csv_file", type=Path)
    imports.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imports.set_defaults(command=_import_sessions)
    subcommands = (validate, build, serve, export, add, imports)
    for sub in subcommands:
        sub.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    for sub in subcommands:
        sub.add_argument("--today", type=dt.date.fromisoformat, default=None,
                         help="the date the site treats as today (YYYY-MM-DD)")
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
    ("theme", "Thema (vaccinatie, middelengebruik, sociale-media of opvoeden)", True),
    ("practices", "Praktijk(en), de id zoals in practices.yaml (bijv. deckers-haelen)", False),
    ("municipality", "Of: de gemeente die de bijeenkomst houdt (id, bijv. leudal)", False),
    ("date", "Datum (bijv. 1-12-2026)", True),
    ("start", "Begintijd (bijv. 19.00)", True),
    ("end", "Eindtijd (bijv. 20.30)", True),
    ("place", "Plaats (leeg bij een online bijeenkomst)", False),
    ("location_name", "Naam van de locatie (mag leeg)", False),
    ("address", "Adres (mag leeg)", False),
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
    entry = entry_from_fields(fields)
    warnings = add_sessions(args.data, [entry], args.today or build_date())
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"Bijeenkomst '{entry['id']}' toegevoegd aan {args.data / THEMES_FILE}.")
    return 0


def _ask(fields: dict[str, str | None]) -> None:
    for column, question, required in PROMPTS:
        while not fields.get(column):
            answer = input(f"{question}: ").strip()
            fields[column] = answer or None
            if answer or not required:
                break


def _import_sessions(args: argparse.Namespace) -> int:
    accepted, rejected = import_csv(args.data, args.csv_file, args.today or build_date(),
                                    write=not args.dry_run)
    for line in accepted + rejected:
        print(line)
    verb = "gecontroleerd (niets opgeslagen)" if args.dry_run else "toegevoegd"
    print(f"{len(accepted)} bijeenkomst(en) {verb}, {len(rejected)} afgewezen.")
    return EXIT_DATA_ERROR if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
