"""The benchmark's one table: project and reference side by side, in Markdown.

No pass or fail: the budgets column is there for orientation only (they are set for the
national scale, SCALE=1), and only figures from one run may be compared.
"""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass

MB = 1_000_000
KB = 1_000


@dataclass(frozen=True)
class Row:
    label: str
    project: str
    reference: str = "–"
    ratio: str = ""
    budget: str = ""


def seconds(value: float) -> str:
    return f"{value:.1f} s" if value >= 10 else f"{value:.2f} s"


def size(value: int | None) -> str:
    if value is None:
        return "–"
    if value >= MB:
        return f"{value / MB:.1f} MB"
    return f"{value / KB:.0f} KB" if value >= 10 * KB else f"{value / KB:.1f} KB"


def ratio(project: float | None, reference: float | None) -> str:
    if not project or not reference:
        return ""
    return f"{project / reference:.2f}×"


def table(rows: list[Row]) -> str:
    lines = ["| | project | reference | project / reference | budget (national) |",
             "| --- | ---: | ---: | ---: | --- |"]
    lines += [f"| {r.label} | {r.project} | {r.reference} | {r.ratio} | {r.budget} |"
              for r in rows]
    return "\n".join(lines)


def machine() -> str:
    """What the figures were taken on: cores, memory, CPU model, Python."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return (f"{os.cpu_count()} cores ({_cpu_model()}), {memory / 2**30:.1f} GiB memory, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def git_revision() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
