"""Problems found in the data: where (file, line, column), what, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """A place in a data file; line and column count from 1."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in Dutch, for the people who edit the data."""

    position: Position
    message: str
    hint: str = ""
    is_warning: bool = False

    def __str__(self) -> str:
        kind = "waarschuwing" if self.is_warning else "fout"
        text = f"{self.position}: {kind}: {self.message}"
        return f"{text} Tip: {self.hint}" if self.hint else text


class DataError(Exception):
    """Raised when the data cannot become a site; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems one per line, errors first, with a Dutch summary line."""
    errors = [p for p in problems if not p.is_warning]
    warnings = [p for p in problems if p.is_warning]
    lines = [str(p) for p in sorted(errors) + sorted(warnings)]
    if errors:
        lines.append(
            f"{len(errors)} fout(en) en {len(warnings)} waarschuwing(en) gevonden. "
            "De site is niet bijgewerkt."
        )
    elif warnings:
        lines.append(f"{len(warnings)} waarschuwing(en). De site wordt wel gebouwd.")
    return "\n".join(lines)
