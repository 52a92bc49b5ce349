"""Decap CMS from npm: the web editor's bundle for the site, and `make edit`.

package.json pins decap-cms and decap-server; `make site`, `make edit` and `make test`
install them from package-lock.json (`npm ci`). A build copies the bundle into the site at
admin/ beside the generated configuration (generator/render/editor.py), so the editor is
served by the site itself: no CDN, no request to anyone else. Without node_modules/ (a
plain `python -m generator build`) the site is built without the editor, and says so.

`make edit` runs decap-server (Decap's local backend: it reads and writes the files in this
working copy, on 127.0.0.1 only) beside the live preview, which rebuilds when a file changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from generator.render.editor import EDITOR_FOLDER

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
# decap-cms.js, its licences and its lazily loaded chunks ('2598.decap-cms.js'). Not the
# source maps, not the copies built for another entry point (cms.js), and not the two
# WebAssembly files of the image tools of Decap's media library: the data has no pictures,
# and the editor's policy allows no WebAssembly.
_BUNDLE_FILE = re.compile(r"(?:[0-9]+\.)?decap-cms\.js(?:\.LICENSE\.txt)?")
INSTALL_HINT = "Voer `npm ci` uit in de map van het project (`make site` doet dat)."


class EditorMissing(Exception):
    """The editor's npm package is not installed as package-lock.json pins it; Dutch."""


def locked_version(package: str, root: Path = ROOT) -> str:
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def installed_package(package: str, node_modules: Path = NODE_MODULES,
                      root: Path = ROOT) -> Path:
    """The package's folder in node_modules/, if it is the version package-lock.json pins."""
    folder = node_modules / package
    try:
        installed = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise EditorMissing(f"{package} is niet geïnstalleerd. {INSTALL_HINT}") from None
    wanted = locked_version(package, root)
    if installed != wanted:
        raise EditorMissing(f"{package} {installed} is geïnstalleerd, package-lock.json vraagt "
                            f"{wanted}. {INSTALL_HINT}")
    return folder


def bundle_files(node_modules: Path = NODE_MODULES, root: Path = ROOT) -> dict[str, Path]:
    """{admin/<name>: file in node_modules} of the Decap CMS bundle the site serves."""
    dist = installed_package("decap-cms", node_modules, root) / "dist"
    files = {f"{EDITOR_FOLDER}/{path.name}": path for path in sorted(dist.iterdir())
             if _BUNDLE_FILE.fullmatch(path.name)}
    if f"{EDITOR_FOLDER}/decap-cms.js" not in files:
        raise EditorMissing(f"{dist}/decap-cms.js ontbreekt. {INSTALL_HINT}")
    return files


# --- make edit -----------------------------------------------------------------------------


@contextlib.contextmanager
def local_backend(repository: Path, port: int, log: Path | None = None) -> Iterator[str]:
    """decap-server writing into `repository`, on 127.0.0.1:`port` only, until the block
    ends; yields its API address. Fails in Dutch when node or the package is missing or
    the port is taken."""
    node = shutil.which("node")
    if node is None:
        raise EditorMissing("Node.js (`node`) is niet gevonden; de webeditor heeft het nodig "
                            "voor decap-server.")
    server = installed_package("decap-server") / "dist" / "index.js"
    if _port_taken(port):
        raise EditorMissing(f"Poort {port} is al in gebruik. Kies een andere met "
                            f"DECAP_SERVER_PORT=8082 (en bouw met dezelfde instelling).")
    environment = os.environ | {"GIT_REPO_DIRECTORY": str(repository.resolve()),
                                "PORT": str(port), "BIND_HOST": "127.0.0.1",
                                "LOG_LEVEL": os.environ.get("LOG_LEVEL", "warn")}
    output = log.open("w") if log else None
    # Its own cwd: decap-server reads a .env file from where it starts.
    process = subprocess.Popen([node, str(server)], env=environment, cwd=repository,
                               stdout=output, stderr=subprocess.STDOUT if output else None)
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if output:
            output.close()


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise EditorMissing(f"decap-server stopte meteen (code {process.returncode}).")
        if _port_taken(port):
            return
        time.sleep(0.1)
    raise EditorMissing(f"decap-server luistert na {timeout:.0f} s nog niet op poort {port}.")


def edit(config_file: Path, data_dir: Path, today, address: str, port: int) -> None:
    """decap-server and the live preview together, until Ctrl+C."""
    from generator import mkdocs_adapter

    data_dir = data_dir.resolve()
    if data_dir.name != "data":
        # The editor's configuration names data/sessions, data/practices.yaml, ...
        raise EditorMissing(f"De webeditor schrijft in de map data/ van het project, niet in "
                            f"{data_dir}.")
    with local_backend(data_dir.parent, port):
        host = address if "://" in address else f"http://{address}"
        print(f"De webeditor: {host.rstrip('/')}/admin/ (klik op Inloggen). Wat u opslaat, "
              f"komt in {data_dir}/ en de voorvertoning op {host.rstrip('/')}/ werkt zich "
              "bij. Stoppen: Ctrl+C.", file=sys.stderr, flush=True)
        mkdocs_adapter.serve(config_file, data_dir, today, address)
