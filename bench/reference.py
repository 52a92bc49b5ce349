"""The reference site: what MkDocs Material alone costs for pages like the project's.

The same Markdown paths, each a plain page of the same length with the same number of
level-2 sections (invented Dutch-looking words, so search indexes and gzip see text, not
repetition), built with the project's theme features, search settings, Markdown
extensions, `not_in_nav` and expanded navigation, but without hooks, overrides, extra CSS
or JavaScript, and without the generator's data files (ICS, JSON, CSV, redirects).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import yaml

from generator.mkdocs_adapter import expand_nav

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("huisarts", "praktijk", "jongeren", "ouders", "gemeente", "afspraak", "gesprek",
         "kinderen", "hulp", "vragen", "week", "school", "thema", "bijeenkomst", "informatie",
         "zorgen", "samen", "dichtbij", "gratis", "verwijzing", "ondersteuning", "de", "het",
         "een", "en", "van", "voor", "met", "op", "in", "bij", "over", "wat", "hoe", "wie",
         "dinsdag", "middag", "avond", "uur", "plaats", "adres", "telefoon", "wijkteam",
         "opvoeden", "vaccinatie", "schermtijd", "somberheid", "slapen", "ruzie", "grenzen",
         "piekeren", "angst", "gedrag", "pilot", "evaluatie", "resultaten", "bron", "datum")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; `!ENV [NAME, default]` becomes its default."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
    if isinstance(node, yaml.SequenceNode) else None)


def reference_config(project_config: Path, sections: dict[str, list]) -> dict:
    """The project's theme, search, Markdown and navigation settings, nothing of its own."""
    project = yaml.load(project_config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    theme = {key: value for key, value in project["theme"].items() if key != "custom_dir"}
    config = {"site_name": project["site_name"], "site_url": project.get("site_url"),
              "theme": theme, "nav": expand_nav(project.get("nav", []), sections)}
    for key in ("plugins", "markdown_extensions", "not_in_nav", "validation"):
        if key in project:
            config[key] = project[key]
    return config


def filler_page(rng: random.Random, title: str, characters: int, sections: int) -> str:
    """A page of about `characters` characters: a title, paragraphs and `sections` h2s."""
    parts = [f"# {title}\n\n"]
    budget = max(0, characters - len(parts[0]))
    share = budget // (sections + 1)
    for number in range(sections + 1):
        if number:
            heading = f"## Onderdeel {number}\n\n"
            parts.append(heading)
            size = share - len(heading)
        else:
            size = share
        parts += _paragraphs(rng, size)
    return "".join(parts)


def _paragraphs(rng: random.Random, size: int) -> list[str]:
    words = rng.choices(WORDS, k=max(1, size // 8))  # the words average 7 letters and a space
    text = " ".join(words)[: max(1, size - 2)]
    return [text[start:start + 600].strip() + "\n\n" for start in range(0, len(text), 600)]


def write_reference(target: Path, manifest: dict, project_config: Path,
                    seed: int = 1) -> int:
    """Write mkdocs.yml and docs/ for the reference into `target`; returns the page count."""
    shutil.rmtree(target, ignore_errors=True)
    docs = target / "docs"
    rng = random.Random(seed)
    for path, (characters, sections) in sorted(manifest["pages"].items()):
        page = docs / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(filler_page(rng, f"Pagina {path}", characters, sections),
                        encoding="utf-8")
    config = reference_config(project_config, manifest["sections"])
    (target / "mkdocs.yml").write_text(
        "# Reference site for the benchmark (bench/reference.py): invented text.\n"
        + json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(manifest["pages"])
