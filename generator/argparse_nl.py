"""argparse in Dutch: the usage line, section titles, help option and errors it writes itself.

argparse takes its own words from gettext (`argparse._`); the parser below puts a Dutch
table in its place while it builds, parses and formats, and restores it afterwards, so
other parsers in the same process keep theirs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "the following arguments are required: %s": "dit ontbreekt: %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "overbodige waarde %r",
    "expected one argument": "hier hoort één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected %s argument": "hier horen %s waarden achter",
    "expected %s arguments": "hier horen %s waarden achter",
    "ambiguous option: %(option)s could match %(matches)s":
        "de optie %(option)s is niet duidelijk: bedoelt u %(matches)s?",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "onbekende keuze %(value)r (kies uit: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}


def _dutch(message: str) -> str:
    return DUTCH.get(message, message)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    return _dutch(singular if count == 1 else plural)


@contextmanager
def dutch() -> Iterator[None]:
    """argparse's own words in Dutch for as long as this lasts (it may be nested)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _dutch, _dutch_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Dutch; its subparsers are too."""

    def __init__(self, *args, **kwargs) -> None:
        with dutch():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with dutch():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with dutch():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with dutch():
            return super().format_usage()

    def format_help(self) -> str:
        with dutch():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with dutch():
            super().error(message)
        raise AssertionError("unreachable")  # pragma: no cover - error() exits
