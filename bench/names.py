"""Dutch-looking but invented names, streets and postcodes for the synthetic data set.

Place names are built from syllables, so some may happen to match a real village; the
data set stays recognisable as synthetic through its ids (`synth-`), CBS codes (GM9xxx),
`.example` web and mail domains, and phone numbers that no Dutch line can have.
"""

from __future__ import annotations

import random
import re
import unicodedata

_PREFIXES = ("", "", "", "Ooster", "Wester", "Noord", "Zuid", "Nieuw-", "Oud-", "Groot-",
             "Klein-", "Hoog", "Laag", "Midden-")
_STEMS = ("Bram", "Elder", "Hol", "Lind", "Ruim", "Stee", "Wald", "Mark", "Hees", "Apel",
          "Ker", "Dronk", "Ebbe", "Gaast", "Hulse", "Ijsel", "Joure", "Kolder", "Lutter",
          "Mander", "Nijen", "Olde", "Pieter", "Reesse", "Scheer", "Tolle", "Ulke", "Vrees",
          "Warns", "Zeven", "Bakel", "Dinkel", "Frens", "Gemer", "Hasse", "Loen", "Merle",
          "Ritsum", "Sloter", "Varse")
_ENDINGS = ("broek", "veen", "dam", "wijk", "horst", "hoven", "kerk", "zand", "dijk",
            "woude", "beek", "lo", "meer", "hout", "berg", "velde", "rade", "burg",
            "schoten", "zijl", "um", "ga", "sum", "loo", "terp", "hem")
_SURNAMES = ("De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder",
             "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker",
             "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf", "Van der Meer",
             "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Heuvel",
             "Van der Veen", "Van den Broek", "De Bruijn", "Schouten", "Van Beek", "Willems",
             "Van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "Prins", "Blom", "Huisman",
             "Peeters", "Kuipers", "Veenstra", "Post", "Kramer", "Van Dam", "Vink", "Wouters")
_TREES = ("De Linde", "De Eik", "De Beuk", "De Wilg", "De Esdoorn", "De Berk", "De Kastanje",
          "De Hazelaar", "De Vlier", "De Meidoorn", "De Iep", "De Els")
_STREET_STEMS = ("Linden", "Eiken", "Kerk", "Molen", "School", "Dorps", "Beuken", "Wilgen",
                 "Esdoorn", "Stations", "Markt", "Burgemeester de Vrieslaan", "Kastanje",
                 "Prins Bernhard", "Julianastraat", "Emmastraat", "Wilhelmina", "Hoofd",
                 "Koning", "Zuider", "Noorder", "Meidoorn", "Vlier", "Berken", "Rozen")
_STREET_ENDINGS = ("straat", "laan", "weg", "plein", "hof", "singel", "pad", "dreef")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, as the data's ids are written."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


class NameMaker:
    """Unique place names and plausible street names and postcodes, from one seeded RNG."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def place(self) -> str:
        for _ in range(10_000):
            prefix = self.rng.choice(_PREFIXES)
            stem = self.rng.choice(_STEMS)
            name = prefix + (stem.lower() if prefix and not prefix.endswith("-") else stem)
            name += self.rng.choice(_ENDINGS)
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("ran out of invented place names")  # pragma: no cover

    def surname(self) -> str:
        return self.rng.choice(_SURNAMES)

    def practice_name(self, place: str) -> str:
        kind = self.rng.random()
        if kind < 0.45:
            return f"Huisartsenpraktijk {self.surname()}"
        if kind < 0.6:
            return f"Huisartsenpraktijk {self.surname()} en {self.surname()}"
        if kind < 0.75:
            return f"Gezondheidscentrum {self.rng.choice(_TREES)}"
        if kind < 0.88:
            return f"Huisartsen {place}-{self.rng.choice(('Noord', 'Zuid', 'Oost', 'West'))}"
        return f"Medisch Centrum {self.rng.choice(_TREES)}"

    def street(self) -> str:
        stem = self.rng.choice(_STREET_STEMS)
        if stem.endswith(("straat", "laan")):
            return f"{stem} {self.rng.randint(1, 180)}"
        return f"{stem}{self.rng.choice(_STREET_ENDINGS)} {self.rng.randint(1, 180)}"

    def postcode(self, area: int) -> str:
        """A postcode in the municipality's four-digit area, as '1234 AB'."""
        letters = "".join(self.rng.choice("ABCDEGHJKLMNPRTVWXZ") for _ in range(2))
        return f"{area + self.rng.randint(0, 9)} {letters}"

    def phone(self) -> str:
        """A 10-digit number starting 097: Dutch machine-to-machine numbers have 12 digits,
        so this can never be a real line."""
        return f"0970 {self.rng.randint(100000, 999999)}"
