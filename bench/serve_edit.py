"""How long an edit to one theme session takes to show in the live preview (`make serve`).

Starts `python -m generator serve` on a copy of a data folder, waits for the first build,
moves the end time of one upcoming practice session (its file in sessions/) to 23:59, and
times until the practice's page shows it. `--pilot` uses the shipped data with the sessions
test fixture (the pilot's size).

    python -m bench.serve_edit .bench/data
    python -m bench.serve_edit --pilot
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_BUILD_TIMEOUT = 1800
EDIT_TIMEOUT = 900
NEW_END = "23:59"
# A session file held by practices: its first practice, date and end lines.
_SESSION = re.compile(
    r"^practices: \[(?P<practice>[^,\]]+)[,\]].*\n(?:.*\n)*?date: \"(?P<date>[0-9-]+)\"\n"
    r"start: \"[0-9:]+\"\n(?P<end>end: \"[0-9:]+\"\n)", re.MULTILINE)


def upcoming_practice_session(sessions: Path, today: dt.date) -> tuple[Path, re.Match]:
    """The first session file (by name) of a practice on `today` or later."""
    for path in sorted(sessions.glob("*.yaml")):
        match = _SESSION.search(path.read_text(encoding="utf-8"))
        if match and dt.date.fromisoformat(match["date"]) >= today:
            return path, match
    raise LookupError(f"no upcoming practice session in {sessions}")


def measure_edit(data: Path, today: dt.date, workdir: Path) -> float:
    """Seconds from saving the edit until the served page shows it."""
    shutil.rmtree(workdir, ignore_errors=True)
    copy = workdir / "data"
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns("schemas"))
    session, match = upcoming_practice_session(copy / "sessions", today)
    text = match.string
    port = _free_port()
    page = f"http://127.0.0.1:{port}/praktijken/{match['practice'].strip()}/"
    with (workdir / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--data", str(copy), "--today",
             today.isoformat(), "--config-file", str(ROOT / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            _wait(page, "POH Jeugd", FIRST_BUILD_TIMEOUT, server)
            time.sleep(2)  # let the watcher settle after the first build
            edited = text[:match.start("end")] + f'end: "{NEW_END}"\n' + text[match.end("end"):]
            started = time.monotonic()
            session.write_text(edited, encoding="utf-8")
            _wait(page, "–23.59 uur", EDIT_TIMEOUT, server)
            return time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=60)


def _wait(url: str, text: str, timeout: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the preview stopped (code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{text!r} did not appear on {url} within {timeout} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pilot_data(target: Path) -> Path:
    """The shipped data with the test fixture's sessions: the pilot as it may soon be."""
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("schemas"))
    shutil.copytree(ROOT / "tests" / "fixtures" / "sessions" / "sessions", target / "sessions",
                    dirs_exist_ok=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_edit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, nargs="?", help="data folder (not changed)")
    parser.add_argument("--pilot", action="store_true", help="shipped data + session fixture")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="poh-serve-") as scratch:
        data = _pilot_data(Path(scratch) / "pilot") if args.pilot else args.data
        if data is None:
            parser.error("give a data folder or --pilot")
        seconds = measure_edit(data, args.today, Path(scratch) / "serve")
    print(f"edit visible in the live preview after {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
