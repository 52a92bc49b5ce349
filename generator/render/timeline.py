"""Pilot timelines: the dated moments of a pilot, and a build-time SVG chart of them.

The chart is built as an XML tree, so every text from the data is escaped by the
serialiser. Honest about partial dates: a date with only a year or month is drawn as
the span it may mean, an unknown start or end as a dashed line to the edge, and a date
without a year is not placed on the axis at all but named beside it. A pilot that became
permanent continues after its pilot period as a light band to the edge. The chart is
role="img" with a title and description; pages show the same moments as a table.

Each chart is drawn twice, in one figure: wide (720 units, names beside the bars) and narrow
for phones (320 units, names above the bars, text that does not fit wrapped), so that no
label is smaller than 12 CSS px on a phone. gemeenten.css shows one of the two.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.model import FactDate, Municipality, Pilot
from generator.render.facts import MILESTONE_LABELS
from generator.render.text import dutch_date, dutch_fact_date

WIDTH = 720  # the wide chart's viewBox width
NARROW_WIDTH = 320  # the phone's: 14 units of text are 12.6 px or more from 288 px wide
ROW_HEIGHT = 48
AXIS_HEIGHT = 30
TOP = 26  # room for the label of the today line
INK = "#1a237e"  # marker fill: contrast 14:1 with white
BAR = "#3949ab"  # bar and outlines: contrast 6.9:1 with white
BAND = "#c5cae9"
TODAY_LINE = "#b71c1c"
GRID = "#9e9e9e"
TEXT = "#212121"


@dataclass(frozen=True)
class Mark:
    """One dated moment of a pilot, numbered in the order the chart and table show them."""

    number: int
    date: FactDate
    label: str  # short, for the chart: "Start van de pilot"
    text: str  # the label with what the data says about the moment, for the table
    kind: str  # a milestone's type, or "extension" for the end of an extension

    @property
    def placed(self) -> bool:
        """Whether the moment has a year, and so a place on the time axis."""
        return self.date.year is not None


@dataclass(frozen=True)
class Row:
    label: str | None
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Layout:
    """How one drawing of a chart is laid out."""

    name: str  # its class in the figure: pilot-timeline__<name>
    width: int  # of the viewBox
    font: int  # the font size, in viewBox units
    margin: int  # left and right, where no row names are beside the bars
    names_beside: bool  # row names left of the bars (wide) or above them (narrow)


WIDE = Layout("breed", WIDTH, 13, 16, names_beside=True)
NARROW = Layout("smal", NARROW_WIDTH, 14, 12, names_beside=False)


def pilot_marks(pilot: Pilot) -> tuple[Mark, ...]:
    """The pilot's milestones, and the end of each extension; dated ones in time order, then
    those without a year."""
    moments = []
    for milestone in pilot.milestones:
        label = MILESTONE_LABELS[milestone.type] or milestone.text
        if milestone.type == "verlengd" and milestone.until:
            label += f" tot {dutch_fact_date(milestone.until, until=True)}"
            ending = "Einde van de verlenging"
            moments.append((milestone.until, ending, ending + ".", "extension"))
        parts = (label, milestone.text) if label != milestone.text else (label,)
        text = ". ".join(part.rstrip(".") for part in parts if part) + "."
        if milestone.date:
            moments.append((milestone.date, label, text, milestone.type))
    ordered = sorted(moments, key=lambda m: (m[0].year is None, m[0].earliest() or dt.date.min))
    return tuple(Mark(n, *moment) for n, moment in enumerate(ordered, 1))


def mark_date(mark: Mark) -> str:
    """The date as the table beside the chart prints it ('eind december 2022')."""
    return dutch_fact_date(mark.date, until=mark.kind in ("einde", "extension"))


def municipality_timeline(municipality: Municipality, today: dt.date) -> Markup:
    marks = pilot_marks(municipality.pilot)
    title = f"Tijdlijn van de pilot in {municipality.name}"
    described = "; ".join(f"{m.number}. {mark_date(m)}: {m.text}" for m in marks)
    return _figure(f"tijdlijn-{municipality.id}", [Row(None, marks)], today, title,
                   described or "De bron noemt geen datums.")


def overview_timeline(municipalities: Sequence[Municipality], today: dt.date) -> Markup:
    rows = [Row(m.name, pilot_marks(m.pilot)) for m in municipalities]
    described = "; ".join(
        f"{row.label}: " + (", ".join(f"{mark_date(m)}: {m.label}" for m in row.marks)
                            or "geen datums bekend")
        for row in rows
    )
    return _figure("tijdlijn-overzicht", rows, today, "De pilots naast elkaar in de tijd",
                   described)


def _figure(chart_id: str, rows: list[Row], today: dt.date, title: str, desc: str) -> Markup:
    permanent = any(m.kind == "structureel" for row in rows for m in row.marks if m.placed)
    caption = (
        "Balk: de looptijd van de pilot. Licht vlak: een datum met alleen een jaar of "
        "maand. Stippellijn: begin of einde niet bekend. "
        + ("Lichte balk tot de rand: structureel, een vast onderdeel van de zorg. "
           if permanent else "")
        + f"Rode lijn: {dutch_date(today)}, de datum van deze pagina. De tabel geeft "
        "dezelfde gegevens."
    )
    figure = ET.Element("figure", {"class": "pilot-timeline"})
    figure.append(_chart(chart_id, rows, today, title, desc, WIDE))
    figure.append(_chart(f"{chart_id}-smal", rows, today, title, desc, NARROW))
    ET.SubElement(figure, "figcaption").text = caption
    # One line: Markdown passes a raw HTML block through unchanged only up to a blank line.
    return Markup(ET.tostring(figure, encoding="unicode", short_empty_elements=True))


class _Scale:
    """Maps days to x positions over whole years, from the first to the last year shown."""

    def __init__(self, rows: list[Row], today: dt.date, left: float, right: float):
        years = [m.date.year for row in rows for m in row.marks if m.placed] + [today.year]
        self.first, self.last = min(years), max(years)
        self.start = dt.date(self.first, 1, 1)
        self.days = (dt.date(self.last + 1, 1, 1) - self.start).days
        self.left, self.right = left, right

    def x(self, day: dt.date) -> float:
        share = (day - self.start).days / self.days
        return round(self.left + share * (self.right - self.left), 1)


def _chart(chart_id: str, rows: list[Row], today: dt.date, title: str, desc: str,
           layout: Layout) -> ET.Element:
    labelled = any(row.label for row in rows)
    beside = labelled and layout.names_beside
    scale = _Scale(rows, today, 128 if beside else layout.margin, layout.width - layout.margin)
    # Each row: its name above the bar (narrow), the bar, the dates without a year below it
    # (narrow; the wide chart writes them beside the bar).
    heights = [ROW_HEIGHT if layout.names_beside else _narrow_height(row, scale, layout)
               for row in rows]
    height = TOP + sum(heights) + AXIS_HEIGHT
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {layout.width} {height:g}",
        "class": f"pilot-timeline__{layout.name}",
        "role": "img", "aria-labelledby": f"{chart_id}-titel {chart_id}-uitleg",
        "font-size": str(layout.font), "fill": TEXT,
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-titel"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-uitleg"}).text = desc
    _axis(svg, scale, height, layout)
    top = TOP
    for row, row_height in zip(rows, heights, strict=True):
        if layout.names_beside:
            _row(svg, row, scale, top + row_height / 2, numbered=not labelled)
        else:
            _narrow_row(svg, row, scale, top, layout, numbered=not labelled)
        top += row_height
    x = scale.x(today)
    _line(svg, x, TOP - 6, x, height - AXIS_HEIGHT, TODAY_LINE, width=2)
    label = f"{today.day}-{today.month}-{today.year}"
    half = _text_width(label, layout.font) / 2
    anchor = "end" if x + half > layout.width - 2 else "start" if x - half < 2 else "middle"
    _text(svg, x, TOP - 10, label, anchor, TODAY_LINE)
    return svg


def _text_width(text: str, font: int) -> float:
    """A generous estimate of a text's width in a sans-serif font (0.6 em a character)."""
    return len(text) * font * 0.6


def _narrow_lines(row: Row, scale: _Scale, layout: Layout) -> list[str]:
    """The narrow chart's text below a row's bar: its dates without a year, wrapped."""
    names = [f"{m.number}. {mark_date(m)}: {m.label}" if not row.label
             else f"{mark_date(m)}: {m.label}" for m in row.marks if not m.placed]
    if not names:
        return []
    room = int((scale.right - scale.left) / (layout.font * 0.6))
    lines: list[str] = []
    for word in f"Zonder jaar: {', '.join(names)}".split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


_NAME_HEIGHT = 20  # the narrow chart's row name above the bar
_BAR_HEIGHT = 30
_LINE_HEIGHT = 18


def _narrow_height(row: Row, scale: _Scale, layout: Layout) -> float:
    lines = _narrow_lines(row, scale, layout)
    has_bar = any(m.placed for m in row.marks)
    return ((_NAME_HEIGHT if row.label else 0) + (_BAR_HEIGHT if has_bar or not lines else 4)
            + len(lines) * _LINE_HEIGHT + (6 if lines else 0))


def _narrow_row(svg: ET.Element, row: Row, scale: _Scale, top: float, layout: Layout,
                numbered: bool) -> None:
    if row.label:
        _text(svg, scale.left, top + 15, row.label, "start")
        top += _NAME_HEIGHT
    lines = _narrow_lines(row, scale, layout)
    if any(m.placed for m in row.marks) or not lines:
        _bar(svg, row, scale, top + _BAR_HEIGHT / 2, numbered)
        top += _BAR_HEIGHT
    else:
        top += 4
    for index, line in enumerate(lines):
        _text(svg, scale.left, top + 13 + index * _LINE_HEIGHT, line, "start")


def _axis(svg: ET.Element, scale: _Scale, height: float, layout: Layout) -> None:
    bottom = height - AXIS_HEIGHT
    year_width = scale.x(dt.date(scale.first + 1, 1, 1)) - scale.x(scale.start)
    # Every year named where the names fit, else every second (or third) one.
    step = max(1, -(-int(_text_width("2026", layout.font) + 6) // max(int(year_width), 1)))
    for year in range(scale.first, scale.last + 2):
        x = scale.x(dt.date(year, 1, 1))
        _line(svg, x, TOP, x, bottom + 6, GRID)
        if year <= scale.last and (year - scale.first) % step == 0:
            middle = (x + scale.x(dt.date(year + 1, 1, 1))) / 2
            _text(svg, middle, bottom + 20, str(year), "middle")


def _row(svg: ET.Element, row: Row, scale: _Scale, y: float, numbered: bool) -> None:
    """A row of the wide chart: its name left of the bar, dates without a year beside it."""
    if row.label:
        _text(svg, 8, y + 4, row.label, "start")
    _bar(svg, row, scale, y, numbered)
    placed = [m for m in row.marks if m.placed]
    unplaced = [m for m in row.marks if not m.placed]
    if unplaced:
        names = ", ".join(
            (f"{m.number}. " if numbered else "") + f"{mark_date(m)}: {m.label}"
            for m in unplaced
        )
        x = scale.x(max(m.date.latest() for m in placed)) + 14 if placed else scale.left
        _text(svg, x, y + 4 if not placed else y - 12, f"Zonder jaar: {names}", "start")


def _bar(svg: ET.Element, row: Row, scale: _Scale, y: float, numbered: bool) -> None:
    """The pilot period, its continuation and its dated moments, on the line at y."""
    placed = [m for m in row.marks if m.placed]
    permanent = next((m for m in placed if m.kind == "structureel"), None)
    # The pilot period: what happened before the arrangement became permanent.
    period = [m for m in placed if not permanent or m.date.latest() < permanent.date.earliest()]
    if period:
        after = max(m.date.latest() for m in period) + dt.timedelta(days=1)
        begin, end = scale.x(min(m.date.earliest() for m in period)), scale.x(after)
        ET.SubElement(svg, "rect", _box(begin, y - 4, end - begin, 8, BAR))
        if not any(m.kind == "start" for m in period):
            _line(svg, scale.left, y, begin, y, BAR, width=2, dashed=True)
        if permanent and permanent.date.earliest() > after:  # years nobody reported on
            _line(svg, end, y, scale.x(permanent.date.earliest()), y, BAR, width=2, dashed=True)
        elif not permanent and not any(m.kind in ("einde", "extension") for m in period):
            _line(svg, end, y, scale.right, y, BAR, width=2, dashed=True)
    if permanent:  # the arrangement goes on: a light band with an outline to the edge
        since = scale.x(permanent.date.earliest())
        band = _box(since, y - 4, scale.right - since, 8, BAND)
        ET.SubElement(svg, "rect", band | {"stroke": BAR, "stroke-width": "1.5"})
    for mark in placed:
        _marker(svg, mark, scale, y, numbered)


def _marker(svg: ET.Element, mark: Mark, scale: _Scale, y: float, numbered: bool) -> None:
    first, last = mark.date.earliest(), mark.date.latest()
    if first != last:  # only a year or a month: show the whole span it may mean
        left, right = scale.x(first), scale.x(last + dt.timedelta(days=1))
        box = _box(left, y - 10, right - left, 20, BAND)
        ET.SubElement(svg, "rect", box | {"stroke": BAR, "stroke-width": "1.5"})
    middle = (scale.x(first) + scale.x(last + dt.timedelta(days=1))) / 2 if first != last \
        else scale.x(first)
    ET.SubElement(svg, "circle", {"cx": f"{middle:g}", "cy": f"{y:g}",
                                  "r": "9" if numbered else "5", "fill": INK})
    if numbered:
        _text(svg, middle, y + 4, str(mark.number), "middle", "#ffffff")


def _box(x: float, y: float, width: float, height: float, fill: str) -> dict[str, str]:
    return {"x": f"{x:g}", "y": f"{y:g}", "width": f"{max(width, 1):g}",
            "height": f"{height:g}", "fill": fill}


def _line(svg: ET.Element, x1: float, y1: float, x2: float, y2: float, colour: str,
          width: float = 1, dashed: bool = False) -> None:
    attributes = {"x1": f"{x1:g}", "y1": f"{y1:g}", "x2": f"{x2:g}", "y2": f"{y2:g}",
                  "stroke": colour, "stroke-width": f"{width:g}"}
    if dashed:
        attributes["stroke-dasharray"] = "6 4"
    ET.SubElement(svg, "line", attributes)


def _text(svg: ET.Element, x: float, y: float, content: str, anchor: str,
          colour: str | None = None) -> None:
    attributes = {"x": f"{x:g}", "y": f"{y:g}", "text-anchor": anchor}
    if colour:
        attributes["fill"] = colour
    ET.SubElement(svg, "text", attributes).text = content
