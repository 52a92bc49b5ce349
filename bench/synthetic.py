"""A synthetic national data set: every municipality, every GP practice, two years of sessions.

Deterministic (a fixed seed gives byte-identical files) and obviously invented: ids start
with `synth-`, CBS codes are GM9xxx, web and mail addresses use the reserved `.example`
domain, phone numbers start 097 with too few digits to exist, and each file says so at the
top. It is written outside data/ and must never be published.

    python -m bench.synthetic .bench/data --scale 0.1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from bench.names import NameMaker, slug

# Municipalities per province, 342 in all (the 2023 count), roughly as the country has them.
PROVINCES = {
    "Drenthe": 12, "Flevoland": 6, "Fryslân": 18, "Gelderland": 51, "Groningen": 10,
    "Limburg": 31, "Noord-Brabant": 56, "Noord-Holland": 44, "Overijssel": 25, "Utrecht": 26,
    "Zeeland": 13, "Zuid-Holland": 50,
}
NATIONAL_PRACTICES = 4_900
NATIONAL_SESSIONS = 20_000
DEFAULT_SEED = 20261123
DEFAULT_TODAY = dt.date(2026, 11, 23)
THEMES = ("vaccinatie", "middelengebruik", "sociale-media", "opvoeden")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
SESSION_HEADER = ("# yaml-language-server: $schema=../schemas/session.schema.json\n"
                  "# SYNTHETISCHE GEGEVENS (bench/synthetic.py, seed {seed}). Nooit publiceren.\n")
MARKER = ("# SYNTHETISCHE GEGEVENS voor de benchmark (bench/synthetic.py, seed {seed}).\n"
          "# Geen echte gemeenten, praktijken of bijeenkomsten. Nooit publiceren of in data/ "
          "zetten.\n")


@dataclass(frozen=True)
class Sizes:
    municipalities: int
    practices: int
    sessions: int

    @classmethod
    def at_scale(cls, scale: float) -> Sizes:
        """The national counts times `scale` (1 is national, 0.1 a tenth)."""
        return cls(sum(_province_counts(scale).values()), max(1, round(NATIONAL_PRACTICES * scale)),
                   max(1, round(NATIONAL_SESSIONS * scale)))


def _province_counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(count * scale)) for name, count in PROVINCES.items()}


@dataclass
class _Town:
    id: str
    name: str
    province: str
    cbs_code: str
    area: int
    places: list[str]
    practices: list[dict] = field(default_factory=list)


def write_dataset(target: Path, scale: float = 1.0, seed: int = DEFAULT_SEED,
                  today: dt.date = DEFAULT_TODAY) -> Sizes:
    """Write municipalities.yaml, practices.yaml, themes.yaml and sessions/<id>.yaml (one
    file per session, as data/sessions/) into `target`."""
    rng = random.Random(seed)
    names = NameMaker(rng)
    sizes = Sizes.at_scale(scale)
    towns = _towns(rng, names, _province_counts(scale))
    practices = _practices(rng, names, towns, sizes.practices, today)
    sessions = _sessions(rng, names, towns, sizes.sessions, today)
    target.mkdir(parents=True, exist_ok=True)
    marker = MARKER.format(seed=seed)
    header = "# yaml-language-server: $schema=schemas/{}.schema.json\n" + marker + "\n"
    (target / "municipalities.yaml").write_text(
        header.format("municipalities") + _municipalities_yaml(rng, towns, today),
        encoding="utf-8")
    (target / "practices.yaml").write_text(
        header.format("practices") + "practices:\n" + "".join(practices), encoding="utf-8")
    (target / "themes.yaml").write_text(header.format("themes") + _themes_yaml(),
                                        encoding="utf-8")
    folder = target / "sessions"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("synth-*.yaml"):  # an earlier run's, at another scale
        old.unlink()
    session_header = SESSION_HEADER.format(seed=seed)
    for session in sessions:
        session_id = session.pop("id")
        (folder / f"{session_id}.yaml").write_text(session_header + _fields(session, ""),
                                                   encoding="utf-8")
    return sizes


# --- YAML writing --------------------------------------------------------------------------

# Text that YAML reads as plain text without quotes (times and dates are quoted, as the
# editors' guide asks).
_PLAIN = re.compile(r"[^\W\d][\w ,.'()/&-]*")


def _scalar(value: object) -> str:
    """A YAML scalar that the project's strict loader reads back as the same value; a
    mapping as a flow mapping ({date: "2021"})."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value not in ("true", "false", "null"):
        return value  # as editors write names and ids: no quotes
    return json.dumps(value, ensure_ascii=False)


def _block(key: str, text: str, lead: str, indent: str) -> str:
    """A long text as editors write it: a folded block (>-) wrapped at 90 columns."""
    lines = textwrap.wrap(text, 90 - len(indent) - 2)
    return f"{lead}{key}: >-\n" + "".join(f"{indent}  {line}\n" for line in lines)


def _fields(item: dict, indent: str, first: str = "") -> str:
    """One mapping; nested mappings and lists of scalars inline, long text as blocks."""
    out = []
    for number, (key, value) in enumerate(item.items()):
        lead = first if number == 0 and first else indent
        if isinstance(value, str) and len(value) > 80 and " " in value:
            out.append(_block(key, value, lead, indent))
        elif isinstance(value, dict):
            out.append(f"{lead}{key}: {_scalar(value)}\n")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{lead}{key}:\n")
            out += [_fields(entry, indent + "    ", indent + "  - ") for entry in value]
        elif isinstance(value, list):
            out.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]\n")
        else:
            out.append(f"{lead}{key}: {_scalar(value)}\n")
    return "".join(out)


def _item(item: dict) -> str:
    return _fields(item, "    ", "  - ") + "\n"


# --- municipalities ------------------------------------------------------------------------


def _towns(rng: random.Random, names: NameMaker, counts: dict[str, int]) -> list[_Town]:
    towns = []
    for province, count in counts.items():
        for _ in range(count):
            name = names.place()
            places = [name] + [names.place() for _ in range(rng.choice((0, 1, 1, 2, 3, 5)))]
            towns.append(_Town(f"synth-{slug(name)}", name, province,
                               f"GM{9001 + len(towns):04d}", rng.randrange(1000, 9990, 10),
                               places))
    return towns


def _municipalities_yaml(rng: random.Random, towns: list[_Town], today: dt.date) -> str:
    sources = [{"id": f"{town.id}-bron",
                "title": f"Synthetische bron: de gemeente {town.name} start een pilot POH Jeugd",
                "publisher": f"Nieuwsblad {town.name} (verzonnen)",
                "author": "benchmark (geen echte bron)",
                "url": f"https://nieuws.{slug(town.name)}.example/pilot-poh-jeugd"}
               for town in towns]
    pilots = [_pilot(rng, group, today) for group in _arrangements(rng, towns)]
    items = [{"id": town.id, "name": town.name, "cbs_code": town.cbs_code,
              "province": town.province, "places": town.places} for town in towns]
    return ("sources:\n" + "".join(_item(s) for s in sources)
            + "pilots:\n" + "".join(_item(p) for p in pilots)
            + "municipalities:\n" + "".join(_item(m) for m in items))


def _arrangements(rng: random.Random, towns: list[_Town]) -> list[list[_Town]]:
    """The towns of each pilot: most have their own, some share one with a neighbour.

    Neighbours are towns next to each other in one province. The first two towns of every
    province with more than one form a joint arrangement, so that even a small set has some;
    further pairs join with a small chance.
    """
    groups: list[list[_Town]] = []
    for province in PROVINCES:
        here = [town for town in towns if town.province == province]
        index = 0
        while index < len(here):
            pair = here[index:index + 2]
            if len(pair) == 2 and (index == 0 or rng.random() < 0.05):
                groups.append(pair)
                index += 2
            else:
                groups.append(pair[:1])
                index += 1
    return groups


# The statuses as sources give them, most pilots still running.
_STATUSES = ("lopend",) * 6 + ("verlengd", "verlengd", "structureel", "structureel", "onbekend",
                               "onbekend", "afgelopen", "aangekondigd")


def _pilot(rng: random.Random, towns: list[_Town], today: dt.date) -> dict:
    first = towns[0]
    names = " en ".join(town.name for town in towns)
    source = f"{first.id}-bron"
    start_year = today.year - rng.randint(2, 5)
    status = rng.choice(_STATUSES)
    pilot: dict = {
        "id": "-".join([first.id] + [town.id.removeprefix("synth-") for town in towns[1:]]),
        "title": rng.choice(("Pilot POH Jeugd", "Pilot POH-GGZ Jeugd",
                             "Praktijkondersteuner Jeugd in de huisartsenpraktijk"))
        + (" (gezamenlijke regeling)" if len(towns) > 1 else ""),
        "municipalities": [town.id for town in towns],
        "status": status,
        "status_note": (f"Synthetisch: de {'gemeenten' if len(towns) > 1 else 'gemeente'} "
                        f"{names} en de huisartsen zijn in "
                        f"{start_year} begonnen. Of de pilot na de evaluatie doorgaat, staat "
                        "niet in de bron."),
        "goal": ("Kinderen, jongeren en ouders dichtbij huis, bij de eigen huisarts, sneller "
                 "lichte hulp bieden, zodat minder kinderen naar dure specialistische zorg "
                 "worden verwezen die niet altijd past."),
    }
    milestones = [
        {"type": "start", "date": {"date": f"{start_year}-{rng.randint(1, 12):02d}"},
         "source": source},
        {"type": "evaluatie", "date": {"date": f"{start_year + 1}"},
         "text": "Eerste evaluatie met de huisartsen en het CJG.", "source": source},
    ]
    if status == "aangekondigd":  # as sources announce a start: day and month, no year
        milestones = [{"type": "start",
                       "date": {"date": f"--{rng.randint(1, 12):02d}-01",
                                "note": "Het jaar staat niet in de synthetische bron."},
                       "source": source}]
    elif status == "lopend":
        milestones.append({"type": "einde", "date": {"date": f"{today.year + 1}-12"},
                           "source": source})
    elif status == "verlengd":
        milestones += [
            {"type": "einde", "date": {"date": f"{start_year + 2}-12"}, "source": source},
            {"type": "verlengd", "date": {"date": f"{start_year + 2}-11"},
             "until": {"date": f"{today.year + 2}-12",
                       "note": "Volgens de synthetische bron verlengd."},
             "text": "De gemeente en de huisartsen tekenen een nieuw convenant.",
             "source": source},
        ]
    elif status == "structureel":
        milestones.append({"type": "structureel", "date": {"date": f"{today.year - 1}-01"},
                           "text": "De POH Jeugd is een vast onderdeel van de jeugdhulp.",
                           "source": source})
    pilot["milestones"] = milestones
    organisations = [
        *({"name": f"Gemeente {town.name}", "roles": ["opdrachtgever", "financier"]}
          for town in towns),
        {"name": f"Huisartsen in {names}", "roles": ["partner"]},
        {"name": "Centrum voor Jeugd en Gezin (CJG)", "roles": ["partner", "werkgever"],
         "url": "https://www.cjg.example/"},
    ]
    pilot["organisations"] = organisations[: rng.randint(len(towns) + 1, len(organisations))]
    counts = [{"of": "pohs", "number": rng.randint(1, 12), "source": source}]
    if rng.random() < 0.5:
        counts.insert(0, {"of": "praktijken", "number": rng.randint(2, 40),
                          "qualifier": rng.choice(("precies", "ongeveer", "meer_dan")),
                          "date": {"date": f"{start_year + 1}"}, "source": source})
    pilot["counts"] = counts
    pilot["poh"] = {"hours_per_week_each": rng.choice((8, 16, 24))}
    pilot["age_range"] = "Kinderen en jongeren tot 23 jaar"
    pilot["access_routes"] = rng.sample(("huisarts", "school", "zelf", "voorliggend_veld"),
                                        rng.randint(1, 3))
    pilot["access_note"] = ("Vraag het de huisarts of de assistente; die kijkt samen met u of "
                            "een gesprek met de POH Jeugd past bij uw vraag.")
    if rng.random() < 0.5:
        pilot["cost"] = "Gratis: de gemeente betaalt de POH Jeugd."
    if rng.random() < 0.4:
        pilot["outcomes"] = [{
            "number": rng.randint(60, 90), "qualifier": "ongeveer", "percent": True,
            "what": "zonder verwijzing naar specialistische zorg",
            "out_of": {"number": rng.randint(50, 400), "what": "afgesloten trajecten"},
            "period": {"from": {"date": f"{start_year}"}, "until": {"date": f"{start_year + 1}"}},
            "source": source,
        }]
    pilot["results"] = [{"text": "Met de POH Jeugd kunnen we jongeren helpen voordat zaken uit "
                         "de hand lopen.", "quote": True,
                         "attribution": f"wethouder, gemeente {first.name}"}]
    pilot["sources"] = [f"{town.id}-bron" for town in towns]
    return pilot


# --- practices -----------------------------------------------------------------------------


def _practices(rng: random.Random, names: NameMaker, towns: list[_Town], count: int,
               today: dt.date) -> list[str]:
    # Big towns have many practices, most villages one or two: a skewed share per town.
    weights = [rng.paretovariate(1.2) for _ in towns]
    hosts = towns + rng.choices(towns, weights, k=max(0, count - len(towns)))
    ids: set[str] = set()
    out = []
    for town in hosts[:count]:
        place = rng.choice(town.places)
        name = names.practice_name(place)
        base = f"synth-{slug(name)}-{slug(place)}"[:72].strip("-")
        practice_id, number = base, 1
        while practice_id in ids:
            number += 1
            practice_id = f"{base}-{number}"
        ids.add(practice_id)
        town.practices.append({"id": practice_id, "place": place})
        out.append(_item(_practice(rng, names, town, practice_id, name, place, today)))
    return out


def _practice(rng: random.Random, names: NameMaker, town: _Town, practice_id: str, name: str,
              place: str, today: dt.date) -> dict:
    domain = slug(name)[:40] + ".example"
    item: dict = {"id": practice_id, "name": name, "municipality": town.id, "place": place,
                  "address": names.street(), "postcode": names.postcode(town.area),
                  "phone": names.phone(), "email": f"info@{domain}",
                  "website": f"https://www.{domain}/", "poh": {"role": "POH Jeugd"}}
    days = sorted(rng.sample(range(5), rng.choice((1, 1, 2, 2, 3))))
    slots = []
    for day in days:
        start = rng.choice((8, 9, 10, 13, 14, 15)) * 60 + rng.choice((0, 30))
        end = start + rng.choice((60, 120, 180, 240))
        slots.append({"day": WEEKDAYS[day], "start": f"{start // 60:02d}:{start % 60:02d}",
                      "end": f"{end // 60:02d}:{end % 60:02d}"})
    if rng.random() < 0.9:
        item["availability"] = slots
        item["availability_note"] = rng.choice((
            "Alleen op afspraak. De POH Jeugd werkt ook op andere locaties in de gemeente.",
            "In de schoolvakanties kunnen de tijden anders zijn.",
            "Eén dagdeel per week in de praktijk.",
        ))
    if rng.random() < 0.15:
        start = today + dt.timedelta(days=rng.randint(-10, 120))
        item["absences"] = [{"start": start.isoformat(),
                             "end": (start + dt.timedelta(days=rng.randint(0, 21))).isoformat(),
                             "text": rng.choice(("Vakantie", "Cursus", "Tijdelijk geen POH"))}]
    item["appointment"] = ("Op afspraak, via de huisarts of de assistente. Bel de praktijk en "
                           "vraag naar de POH Jeugd; u hoort dan binnen een week wanneer u "
                           "terecht kunt. Een verwijzing is niet nodig.")
    roll = rng.random()
    if roll < 0.93:  # checked recently; a few too long ago (a warning), a few never
        item["verified_on"] = (today - dt.timedelta(days=rng.randint(1, 170))).isoformat()
    elif roll < 0.95:
        item["verified_on"] = (today - dt.timedelta(days=rng.randint(200, 400))).isoformat()
    item["sources"] = [f"{town.id}-bron"]
    return item


# --- themes and sessions -------------------------------------------------------------------


def _themes_yaml() -> str:
    """The project's four themes, as in data/themes.yaml (only the ids matter here)."""
    themes = [
        ("vaccinatie", "Vaccinatie", "Rijksvaccinatieprogramma",
         "https://www.rijksvaccinatieprogramma.nl/"),
        ("middelengebruik", "Middelengebruik", "Trimbos-instituut", "https://www.trimbos.nl/"),
        ("sociale-media", "Sociale media", "Netwerk Mediawijsheid",
         "https://www.netwerkmediawijsheid.nl/"),
        ("opvoeden", "Opvoeden en ouderschap", "Opvoeden.nl", "https://www.opvoeden.nl/"),
    ]
    return "themes:\n" + "".join(_item({
        "id": key, "name": name,
        "summary": f"Synthetische samenvatting over {name.lower()}: wat ouders en jongeren "
                   "erover willen weten, en waar u betrouwbare informatie vindt.",
        "links": [{"title": title, "url": url}],
    }) for key, name, title, url in themes)


_DESCRIPTIONS = {
    "vaccinatie": "Over het Rijksvaccinatieprogramma: welke vaccinaties krijgt uw kind, "
                  "waarom, en wat als u twijfelt?",
    "middelengebruik": "Over alcohol, roken, vapen en drugs: hoe praat u erover met uw kind, "
                       "en wat doet u als u zich zorgen maakt?",
    "sociale-media": "Over sociale media, gamen en schermtijd: wat doet uw kind online, en "
                     "hoe maakt u daar samen afspraken over?",
    "opvoeden": "Over opgroeien en opvoeden: ruzie, slapen, grenzen stellen en somberheid.",
}


def _sessions(rng: random.Random, names: NameMaker, towns: list[_Town], count: int,
              today: dt.date) -> list[dict]:
    """`count` sessions within a year before and after `today`; some full, cancelled or
    moved (a moved one points at its new date, which is one of the `count`)."""
    first = today - dt.timedelta(days=365)
    hosting = [town for town in towns if town.practices]
    ids: set[str] = set()
    out: list[dict] = []
    while len(out) < count:
        town = rng.choice(hosting)
        theme = rng.choice(THEMES)
        moved = len(out) + 2 <= count and rng.random() < 0.03
        day = first + dt.timedelta(days=rng.randint(0, 729 - (28 if moved else 0)))
        host = _host(rng, town)
        if moved:
            new_day = day + dt.timedelta(days=rng.randint(7, 28))
            if day < today <= new_day:
                # Not across today: the archive's card links to the new date with an anchor
                # on its own page, which the agenda has (a strict build stops on it).
                new_day = day - dt.timedelta(days=1)
                day, new_day = new_day - dt.timedelta(days=rng.randint(7, 28)), new_day
            new = _session(rng, names, town, host, theme, new_day, "gepland", ids)
            old = _session(rng, names, town, host, theme, day, "verplaatst", ids)
            old["moved_to"] = new["id"]
            out += [old, new]
            continue
        roll = rng.random()
        status = "vol" if roll < 0.05 else "geannuleerd" if roll < 0.09 else "gepland"
        out.append(_session(rng, names, town, host, theme, day, status, ids))
    return out


def _host(rng: random.Random, town: _Town) -> dict:
    if rng.random() < 0.12:
        return {"municipality": town.id}
    chosen = rng.sample(town.practices, min(len(town.practices), rng.choice((1, 1, 1, 2))))
    return {"practices": [p["id"] for p in chosen], "place": chosen[0]["place"]}


def _session(rng: random.Random, names: NameMaker, town: _Town, host: dict, theme: str,
             day: dt.date, status: str, ids: set[str]) -> dict:
    who = host["practices"][0].removeprefix("synth-")[:30].strip("-") if "practices" in host \
        else town.id.removeprefix("synth-")
    base = f"synth-{who}-{day.isoformat()}-{theme}"
    session_id, number = base, 1
    while session_id in ids:
        number += 1
        session_id = f"{base}-{number}"
    ids.add(session_id)
    start = rng.choice((10 * 60, 14 * 60, 15 * 60 + 30, 19 * 60, 19 * 60 + 30, 20 * 60))
    end = start + rng.choice((60, 90, 120))
    item: dict = {"id": session_id, "theme": theme}
    if "practices" in host:
        item["practices"] = host["practices"]
    else:
        item["municipality"] = host["municipality"]
    item |= {"date": day.isoformat(), "start": f"{start // 60:02d}:{start % 60:02d}",
             "end": f"{end // 60:02d}:{end % 60:02d}"}
    place = host.get("place") or town.places[0]
    if rng.random() < 0.82:
        item["location"] = {"name": rng.choice(("Huisartsenpraktijk", "Wijkcentrum De Brug",
                                                "Bibliotheek", "CJG")) + f" {place}",
                            "address": names.street(), "postcode": names.postcode(town.area),
                            "place": place}
    else:
        item["online_url"] = f"https://meet.example/{session_id}"
    item["audience"] = rng.sample(("ouders", "jongeren", "kinderen", "gezinnen"),
                                  rng.choice((1, 1, 2)))
    if rng.random() < 0.3:
        low = rng.choice((4, 8, 12))
        item["age_range"] = {"min": low, "max": low + rng.choice((4, 6, 8))}
    item["description"] = _DESCRIPTIONS[theme] + rng.choice((
        " Met een korte presentatie en ruimte voor uw vragen.",
        " U krijgt informatie en kunt ervaringen delen met andere ouders. Koffie en thee staan "
        "klaar.",
        "",
    ))
    signup = rng.random()
    if signup < 0.4:
        item["signup"] = {"url": f"https://aanmelden.example/{session_id}"}
    elif signup < 0.6:
        item["signup"] = {"walk_in": True}
    elif signup < 0.8:
        item["signup"] = {"phone": names.phone(), "email": "aanmelden@cjg.example"}
    item["status"] = status
    if rng.random() < 0.5:
        item["led_by"] = rng.choice(("CJG", "GGD", "Jeugdgezondheidszorg", "de POH Jeugd"))
    return item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path, nargs="?", default=Path(".bench/data"),
                        help="folder to write the YAML files into (not data/)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 is national size")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY,
                        help="sessions fall within a year either side of this date")
    args = parser.parse_args(argv)
    if args.target.resolve() == (Path(__file__).resolve().parent.parent / "data"):
        parser.error("synthetic data never goes into data/")
    sizes = write_dataset(args.target, args.scale, args.seed, args.today)
    print(f"{sizes.municipalities} municipalities, {sizes.practices} practices, "
          f"{sizes.sessions} sessions in {args.target}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
