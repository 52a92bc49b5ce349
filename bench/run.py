"""`make bench`: the project and a plain MkDocs Material reference, measured in one run.

    python -m bench --scale 0.1 --out .bench

Writes the synthetic data set, times the generator's own work in a process of its own,
builds the site through the real command (`python -m generator build`), builds the
reference, and prints one Markdown table with both side by side. The figures and the
machine also go to OUT/results.json. Machines here are shared and noisy: compare only
figures from one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

from bench import measure, report, synthetic
from bench.reference import write_reference
from bench.report import Row, ratio, seconds, size

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
SEARCH_INDEX = "search/search_index.json"
FINDER_INDEX = "vind/praktijken.json"
PAGE_LIMIT = 100_000


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    data = out / "data"
    shutil.rmtree(data, ignore_errors=True)
    sizes = synthetic.write_dataset(data, args.scale, args.seed, args.today)
    _say(f"Synthetic data (scale {args.scale:g}): {sizes.municipalities} municipalities, "
         f"{sizes.practices} practices, {sizes.sessions} sessions in {data}/")
    results = {"scale": args.scale, "sizes": vars(sizes), "today": args.today.isoformat(),
               "machine": report.machine(), "revision": report.git_revision(),
               "taken_on": dt.datetime.now().astimezone().isoformat(timespec="minutes")}
    results["generator"], manifest = _generator_work(data, args.today, out)
    pages = write_reference(out / "reference", manifest, CONFIG)
    project_builds, reference_builds = [], []
    for attempt in range(1, args.repeat + 1):  # alternately, so both meet the same noise
        project_builds.append(_project_build(data, args.today, out, attempt))
        reference_builds.append(_reference_build(out, args.today, attempt))
    results["project"] = _site_figures(out / "site", project_builds)
    results["reference"] = _site_figures(out / "reference" / "site", reference_builds) | {
        "pages": pages}
    if args.serve:
        from bench.serve_edit import measure_edit  # starts a server: only when asked
        _say("Timing an edit in the live preview ...")
        results["serve_edit_seconds"] = measure_edit(data, args.today, out / "serve")
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(f"Scale {args.scale:g}: {sizes.municipalities} municipalities, {sizes.practices} "
          f"practices, {sizes.sessions} sessions; {results['taken_on']}, revision "
          f"{results['revision']}")
    print(f"Machine: {results['machine']}")
    print()
    print(report.table(rows(results)))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 is national size")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench",
                        help="working folder (data, sites, results); git-ignored by default")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=synthetic.DEFAULT_TODAY)
    parser.add_argument("--serve", action="store_true",
                        help="also time how long an edit takes to show in the live preview")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build both sites this many times and keep the fastest of each")
    return parser


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _generator_work(data: Path, today: dt.date, out: Path) -> tuple[dict, dict]:
    _say("Timing the generator's own work (load + validate, render) ...")
    result = out / "generator.json"
    child = measure.run([sys.executable, "-m", "bench.steps", str(data), today.isoformat(),
                         str(result)], _environment(today), out / "generator.log")
    if child.returncode:
        raise SystemExit(f"bench.steps failed; see {out / 'generator.log'}")
    figures = json.loads(result.read_text(encoding="utf-8"))
    manifest = {"pages": figures.pop("pages"), "sections": figures.pop("sections")}
    figures["process_peak_bytes"] = child.peak_bytes
    return figures, manifest


def _project_build(data: Path, today: dt.date, out: Path, attempt: int) -> measure.Run:
    _say(f"Building the project site (python -m generator build), run {attempt} ...")
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--site-dir",
               str(out / "site"), "--config-file", str(CONFIG), "--today", today.isoformat()]
    build = measure.run(command, _environment(today), out / "project-build.log")
    if build.returncode:
        raise SystemExit(f"The project build failed; see {out / 'project-build.log'}")
    return build


def _reference_build(out: Path, today: dt.date, attempt: int) -> measure.Run:
    _say(f"Building the reference site (plain MkDocs Material), run {attempt} ...")
    folder = out / "reference"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
               str(folder / "mkdocs.yml"), "--site-dir", str(folder / "site")]
    build = measure.run(command, _environment(today), out / "reference-build.log")
    if build.returncode:
        raise SystemExit(f"The reference build failed; see {out / 'reference-build.log'}")
    return build


def _environment(today: dt.date) -> dict[str, str]:
    """As the project's own build sets it (generator/mkdocs_adapter.py), for both sites."""
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    return os.environ | {"NO_MKDOCS_2_WARNING": "1",
                         "SOURCE_DATE_EPOCH": str(int(midnight.timestamp())), "TZ": "UTC",
                         "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT)}


def _site_figures(site: Path, builds: list[measure.Run]) -> dict:
    total, files = measure.tree_size(site)
    pages = measure.html_pages(site)
    return {
        # The fastest run is the one least disturbed by other work on the machine.
        "seconds": min(b.seconds for b in builds),
        "cpu_seconds": min(b.cpu_seconds for b in builds),
        "peak_bytes": max(b.peak_bytes for b in builds),
        "all_seconds": [round(b.seconds, 2) for b in builds],
        "site_bytes": total, "site_files": files, "html_pages": len(pages),
        "size_by_kind": measure.size_by_kind(site),
        "largest_html": pages[0] if pages else None,
        "html_over_limit": sum(1 for bytes_, _path in pages if bytes_ > PAGE_LIMIT),
        "search_index": measure.file_sizes(site / SEARCH_INDEX),
        "finder_index": measure.file_sizes(site / FINDER_INDEX),
    }


def rows(results: dict) -> list[Row]:
    """The table's rows from results.json (also used to redraw an old run's table)."""
    gen, project, ref = results["generator"], results["project"], results["reference"]
    own = gen["load_seconds"] + gen["render_seconds"]
    pages = ref["pages"]  # the reference copies the project's pages one for one
    project_rate, reference_rate = pages / project["seconds"], pages / ref["seconds"]
    table = [
        Row("pages", f"{pages:,}", f"{pages:,}"),
        Row("files in the site", f"{project['site_files']:,}", f"{ref['site_files']:,}",
            ratio(project["site_files"], ref["site_files"]), "< 10,000"),
        Row("load + validate: time (CPU)",
            f"{seconds(gen['load_seconds'])} ({seconds(gen['load_cpu_seconds'])})"),
        Row("load + validate: peak memory", size(gen["load_peak_bytes"])),
        Row("render, as the build does it (two processes): time (CPU of this one)",
            f"{seconds(gen['render_seconds'])} ({seconds(gen['render_cpu_seconds'])})"),
        Row("load + validate + render: peak memory", size(gen["render_peak_bytes"])),
        Row("generator's own work (load + validate + render): time",
            f"{seconds(own)} ({own / project['seconds']:.0%} of the build)", budget="≤ 4 s"),
        Row("whole build: time", seconds(project["seconds"]), seconds(ref["seconds"]),
            ratio(project["seconds"], ref["seconds"]), "≤ 1.0× reference"),
        Row("whole build: CPU time (user + system)", seconds(project["cpu_seconds"]),
            seconds(ref["cpu_seconds"]), ratio(project["cpu_seconds"], ref["cpu_seconds"])),
        Row("whole build: peak memory", size(project["peak_bytes"]), size(ref["peak_bytes"]),
            ratio(project["peak_bytes"], ref["peak_bytes"])),
        Row("pages per second", f"{project_rate:.0f}", f"{reference_rate:.0f}",
            ratio(project_rate, reference_rate)),
        Row("site size", size(project["site_bytes"]), size(ref["site_bytes"]),
            ratio(project["site_bytes"], ref["site_bytes"]), "< 200 MB"),
    ]
    for label, key, budget in (("search index", "search_index", "≤ 177 KB gzipped"),
                               ("finder index", "finder_index", "≤ 103 KB gzipped")):
        mine, theirs = project[key], ref[key]
        table += [
            Row(f"{label}: raw", size(mine and mine[0]), size(theirs and theirs[0]),
                ratio(mine and mine[0], theirs and theirs[0])),
            Row(f"{label}: gzipped", size(mine and mine[1]), size(theirs and theirs[1]),
                ratio(mine and mine[1], theirs and theirs[1]), budget),
        ]
    table += [
        Row("largest HTML page", _page(project["largest_html"]), _page(ref["largest_html"]),
            budget="≤ 100 KB"),
        Row("HTML pages over 100 KB", str(project["html_over_limit"]),
            str(ref["html_over_limit"]), budget="0"),
    ]
    if "serve_edit_seconds" in results:
        table.append(Row("session edit visible in the live preview",
                         seconds(results["serve_edit_seconds"]),
                         budget="≤ 5 s (≤ 1 s at pilot scale)"))
    return table


def _page(largest: list | None) -> str:
    return f"{size(largest[0])} ({largest[1]})" if largest else "–"


if __name__ == "__main__":
    raise SystemExit(main())
