"""Builds a site into a temporary folder and swaps it in only on success.

A failed build (invalid data, a broken link under --strict) leaves the previous site
exactly as it was. The engine is whatever `build` runs; nothing here knows it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


class BuildFailed(Exception):
    """The site engine did not finish; its own messages say why."""


def build_atomically(site_dir: Path, build: Callable[[Path], None]) -> None:
    """Run `build(folder)` into a fresh folder beside `site_dir`, then put it in its place."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        build(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, current: Path) -> None:
    """Put `new` in place of `current` with two renames; the old site is removed after."""
    old = current.with_name(f".{current.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)
