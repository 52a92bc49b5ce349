"""Validation of the shipped data, POH names only with consent, and valid shapes the shipped
data does not use (a practice without a place, a joint arrangement, an extension without
its own date).

The catalogue of mistakes (every problem in Dutch, at file:line:column, with a hint, all in
one run, exit code 2) is in test_catalogue.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from generator.dataset import load_dataset
from generator.problems import DataError


# Helpers that other test files (test_stable_links.py) use for their own mistakes.
def problems_in(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir, TODAY)
    return [str(problem) for problem in caught.value.problems]


def line_of(data_dir: Path, file: str, text: str) -> int:
    """1-based number of the line in `file` that contains `text` (the first one)."""
    lines = (data_dir / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_shipped_data_is_valid_without_warnings():
    dataset, warnings = load_dataset(Path("data"), TODAY)
    assert warnings == []
    assert [m.cbs_code for m in dataset.municipalities] == [
        "GM0034", "GM0118", "GM1640", "GM0183", "GM1700"
    ]


def test_poh_name_without_consent_is_dropped_with_a_warning(edit):
    data = edit("practices.yaml", "role: POH-Jeugd (praktijkondersteuner huisarts-jeugd)",
                "role: POH Jeugd\n      name: Een Naam")
    dataset, warnings = load_dataset(data, TODAY)
    deckers = next(p for p in dataset.practices if p.id == "deckers-haelen")
    assert deckers.poh.name is None
    assert len(warnings) == 1 and "geen toestemming" in warnings[0].message


def test_poh_name_with_consent_is_kept(edit):
    data = edit("practices.yaml", "role: POH-Jeugd (praktijkondersteuner huisarts-jeugd)",
                "role: POH Jeugd\n      name: Een Naam\n      name_consent: true")
    dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
    assert next(p for p in dataset.practices if p.id == "deckers-haelen").poh.name == "Een Naam"


def test_a_practice_without_a_place_is_valid(edit):
    data = edit("practices.yaml", "    place: Haelen\n", "")
    dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
    assert next(p for p in dataset.practices if p.id == "deckers-haelen").place is None


def test_a_joint_arrangement_is_one_pilot_of_several_municipalities(edit):
    data = edit("municipalities.yaml", "municipalities: [tubbergen]",
                "municipalities: [tubbergen, dinkelland]")
    edit("municipalities.yaml", "  - id: tubbergen\n    name: Tubbergen\n",
         "  - id: dinkelland\n    name: Dinkelland\n    cbs_code: GM1774\n"
         "    province: Overijssel\n\n  - id: tubbergen\n    name: Tubbergen\n")
    dataset, warnings = load_dataset(data, TODAY)
    assert warnings == []
    towns = {m.id: m for m in dataset.municipalities}
    assert towns["dinkelland"].pilot is towns["tubbergen"].pilot
    pilot = towns["tubbergen"].pilot
    assert pilot.municipality_ids == ("tubbergen", "dinkelland")
    assert [m.id for m in dataset.municipalities_of(pilot)] == ["dinkelland", "tubbergen"]


def test_an_extension_may_give_only_its_new_end(data_copy):
    path = data_copy / "municipalities.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - type: verlengd\n") + len("      - type: verlengd\n")
    path.write_text(text[:start] + text[text.index("        until:\n", start):],
                    encoding="utf-8")
    dataset, warnings = load_dataset(data_copy, TODAY)
    assert warnings == []
    twenterand = next(m for m in dataset.municipalities if m.id == "twenterand").pilot
    (extension,) = twenterand.milestones
    assert (extension.type, extension.date) == ("verlengd", None)
    assert (twenterand.extended_until.year, twenterand.extended_until.month) == (2022, 12)
