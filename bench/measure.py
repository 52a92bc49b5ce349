"""Measuring: wall time and peak memory of a child process, and sizes of what it built.

Peak memory is the child's own high-water mark (`ru_maxrss` from wait4), which covers its
largest descendant too (Linux reports the biggest of the process and the children it
waited for), so `generator build` includes the MkDocs process it starts.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the child and the children it waited for
    peak_bytes: int
    returncode: int


def run(command: list[str], environment: dict[str, str] | None = None,
        log: Path | None = None) -> Run:
    """Run `command` to the end; its output goes to `log` (or is discarded)."""
    output = log.open("wb") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=environment, stdout=output,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    finally:
        if log:
            output.close()
    return Run(seconds, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss * 1024, process.returncode)  # Linux counts maxrss in KiB


def tree_size(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files under `folder`."""
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
            count += 1
    return total, count


def file_sizes(path: Path) -> tuple[int, int] | None:
    """Raw and gzipped (level 9, as a web server would precompress) size, or None."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def html_pages(folder: Path) -> list[tuple[int, str]]:
    """(bytes, path) of every HTML file, largest first."""
    pages = [(path.stat().st_size, path.relative_to(folder).as_posix())
             for path in folder.rglob("*.html")]
    return sorted(pages, reverse=True)


def size_by_kind(folder: Path) -> dict[str, list[int]]:
    """[bytes, files] per kind of file (HTML pages, ICS feeds, JSON, ...), largest first."""
    kinds: dict[str, list[int]] = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            kind = os.path.splitext(name)[1].lstrip(".") or "other"
            top = os.path.relpath(root, folder).split(os.sep)[0]
            kind = {"assets": "theme assets", "search": "search index"}.get(top, kind)
            entry = kinds.setdefault(kind, [0, 0])
            entry[0] += os.path.getsize(os.path.join(root, name))
            entry[1] += 1
    return dict(sorted(kinds.items(), key=lambda item: -item[1][0]))
