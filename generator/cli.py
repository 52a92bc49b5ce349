"""Command line: `python -m generator validate | build | export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.dataset import load_dataset
from generator.problems import DataError, format_problems
from generator.render import render_site
from generator.site_build import BuildFailed, build_site
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
    export = commands.add_parser(
        "export", help="write the generated pages into a folder (for other site engines)"
    )
    export.add_argument("target", type=Path)
    export.set_defaults(command=_export)
    for sub in (validate, build, export):
        sub.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    for sub in (validate, build, export):
        sub.add_argument("--today", type=dt.date.fromisoformat, default=None,
                         help="the date the site treats as today (YYYY-MM-DD)")
    return parser


def _validate(args: argparse.Namespace) -> int:
    dataset, warnings = load_dataset(args.data, args.today or build_date())
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"De gegevens zijn in orde: {len(dataset.municipalities)} gemeenten, "
          f"{len(dataset.practices)} praktijken, {len(dataset.themes)} thema's, "
          f"{len(dataset.sessions)} themabijeenkomsten.")
    return 0


def _build(args: argparse.Namespace) -> int:
    _validate(args)  # Dutch errors and exit code 2 before MkDocs is even started
    build_site(args.config_file, args.site_dir, args.today or build_date(), args.data)
    print(f"De site staat in {args.site_dir}/.")
    return 0


def _export(args: argparse.Namespace) -> int:
    today = args.today or build_date()
    dataset, _warnings = load_dataset(args.data, today)  # `validate` shows the warnings
    site = render_site(dataset, today)
    for path, content in site.files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = args.target / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)  # unchanged files keep their mtime: no serve loops
    print(f"{len(site.files)} bestanden in {args.target}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
