"""Builds the site with MkDocs into a temporary folder and swaps it in only on success.

A failed build (invalid data, a broken link under --strict) leaves the previous site
exactly as it was. MkDocs runs in its own process, so the generator never imports it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.dataset import CHECKED_ENV, save_checked
from generator.model import Dataset
from generator.problems import Problem


class BuildFailed(Exception):
    """MkDocs did not finish; its own output says why."""


def build_site(config_file: Path, site_dir: Path, today: dt.date, data_dir: Path,
               checked: tuple[Dataset, list[Problem]]) -> None:
    """Build from `checked`, the dataset validated from `data_dir` (the hook is handed it)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    handed_over = staging.with_name(staging.name + ".pickle")
    try:
        save_checked(checked, handed_over)
        environment = build_environment(today, data_dir) | {CHECKED_ENV: str(handed_over)}
        _run_mkdocs(config_file, staging, environment)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        handed_over.unlink(missing_ok=True)


def build_environment(today: dt.date, data_dir: Path) -> dict[str, str]:
    """Environment for a reproducible build: fixed today, fixed sitemap dates, no banner."""
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # The hook imports this package: make it importable from any working folder.
    package_root = str(Path(__file__).resolve().parent.parent)
    python_path = os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))
    return os.environ | {
        "PYTHONPATH": python_path,
        "POH_TODAY": today.isoformat(),
        "POH_DATA_DIR": str(data_dir.resolve()),
        "SOURCE_DATE_EPOCH": str(int(midnight.timestamp())),
        "NO_MKDOCS_2_WARNING": "1",
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
    }


# No --quiet: it hides the warnings that --strict counts, and a broken link would pass.
def _run_mkdocs(config_file: Path, target: Path, environment: dict[str, str]) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(config_file), "--site-dir", str(target)]
    result = subprocess.run(command, env=environment, check=False)
    if result.returncode != 0:
        raise BuildFailed(
            f"MkDocs stopte met code {result.returncode} (zie de meldingen hierboven)."
        )


def _swap(new: Path, current: Path) -> None:
    """Put `new` in place of `current` with two renames; the old site is removed after."""
    old = current.with_name(f".{current.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)
