"""The MkDocs adapter: adds the generated pages in memory and watches the data folder.

A thin shell around the generator core (load -> validate -> model -> render); nothing here
decides what a page says. Invalid data stops the build with the Dutch list of problems.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.dataset import checked_dataset
from generator.load import without_gc
from generator.problems import DataError
from generator.render import Site, render_site
from generator.render.nav import expand_nav
from generator.today import build_date

log = logging.getLogger("mkdocs.hooks.poh_jeugd")
# MkDocs loads a hook module once per process, so this state lasts across `serve` rebuilds.
_site: Site | None = None
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    # `python -m generator build --data DIR` passes its folder on; else data/ beside mkdocs.yml.
    default = Path(config.config_file_path).parent / "data"
    data_dir = Path(os.environ.get("POH_DATA_DIR") or default)
    today = build_date()
    try:
        dataset, warnings = checked_dataset(data_dir, today)
    except DataError as error:
        if not (_serving and _site):
            raise PluginError("De gegevens bevatten fouten:\n" + str(error)) from None
        # While previewing, keep showing the last good version instead of a stuck server.
        log.error("De gegevens bevatten fouten; de vorige versie blijft zichtbaar:\n%s", error)
    else:
        # INFO, not WARNING: `mkdocs build --strict` aborts on warnings, and data warnings
        # must not stop the site (`python -m generator build` has already listed them).
        for warning in warnings:
            log.info(str(warning))
        with without_gc():  # some 5% faster for a national data set; all freed after
            _site = render_site(dataset, today)
    config.nav = expand_nav(config.nav or [], _site.nav)
    if str(data_dir) not in config.watch:
        config.watch.append(str(data_dir))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in _site.files.items():
        files.append(File.generated(config, path, content=content))
    return files
