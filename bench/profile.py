"""Where the build's time goes: `mkdocs build` for a data folder under cProfile, by phase.

    python -m bench.profile .bench/data
    python -m bench.profile .bench/data --config-file .bench/reference/mkdocs.yml

The profiler slows Python code down two to three times, unevenly, so the shares are what
to read, not the seconds. Phases overlap nowhere: each is one function's cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (label, path suffix of the module, function name): cumulative time of that function.
PHASES = (
    ("generator: load + validate", "generator/dataset.py", "load_dataset"),
    ("generator: HTML pages (templates)", "generator/render/pages.py", "render_pages"),
    ("generator: calendars", "generator/render/calendars.py", "render_calendars"),
    ("generator: open data", "generator/render/open_data/__init__.py", "render_open_data"),
    ("generator: redirects", "generator/render/stable_links.py", "render_redirects"),
    ("generator: finder index", "generator/render/finder.py", "render_finder"),
    ("MkDocs: adding generated files (adapter on_files)", "generator/mkdocs_adapter.py",
     "on_files"),
    ("MkDocs: reading pages (Markdown to HTML for hand-written ones)",
     "mkdocs/commands/build.py", "_populate_page"),
    ("Material: search index entries", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("MkDocs: page templates, writing pages", "mkdocs/commands/build.py", "_build_page"),
    ("MkDocs: copying other files", "mkdocs/structure/files.py", "copy_static_files"),
    ("MkDocs: navigation", "mkdocs/structure/nav.py", "get_navigation"),
)


def profile_build(data: Path, today: dt.date, out: Path,
                  config: Path = ROOT / "mkdocs.yml") -> pstats.Stats:
    """Build the project's site (`python -m generator build`) or the reference's
    (`mkdocs build`) in this process under cProfile."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.__main__ import cli  # imported late: the environment must be set first

    from generator.cli import main as generator_main

    profiler = cProfile.Profile()
    if config == ROOT / "mkdocs.yml":
        run, arguments = generator_main, (["build", "--data", str(data), "--today",
                                           today.isoformat(), "--site-dir", str(out)],)
    else:
        run = functools.partial(cli.main, standalone_mode=False)
        arguments = (["build", "--quiet", "--config-file", str(config), "--site-dir", str(out)],)
    try:
        profiler.runcall(run, *arguments)
    finally:
        profiler.create_stats()
    return pstats.Stats(profiler)


def phases(stats: pstats.Stats) -> list[tuple[str, float]]:
    """(label, cumulative seconds) per phase, then the whole build."""
    found = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for label, suffix, function in PHASES:
            if name == function and filename.endswith(suffix):
                found[label] = found.get(label, 0.0) + cumulative
    total = max(row[3] for row in stats.stats.values())
    rows = [(label, found.get(label, 0.0)) for label, _suffix, _function in PHASES]
    # The search plugin runs inside _build_page: report the page templates without it.
    search = found.get(PHASES[8][0], 0.0)
    rows = [(label, seconds - search if label == PHASES[9][0] else seconds)
            for label, seconds in rows]
    return rows + [("whole build (profiled)", total)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml",
                        help="another site, such as .bench/reference/mkdocs.yml")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="poh-profile-") as scratch:
        stats = profile_build(args.data, args.today, Path(scratch) / "site",
                              args.config_file.resolve())
    if args.save:
        stats.dump_stats(args.save)
    rows = phases(stats)
    total = rows[-1][1]
    print("| phase | profiled seconds | share |")
    print("| --- | ---: | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {seconds / total:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
