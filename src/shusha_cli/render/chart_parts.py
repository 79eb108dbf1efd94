"""What the terminal charts share: colours, letters, and lines that fit the console.

The charts themselves are :mod:`.front_chart`, :mod:`.days_chart` and :mod:`.map_chart`.

Everything is built from :class:`rich.text.Text` pieces whose text comes from
:func:`~shusha_cli.render.text.safe`, never parsed as markup. Each line is measured against
the console's width before it is printed, so nothing overflows at 80 columns (or 40). Colour
only repeats what the letters and symbols already say, and the legend is always printed, so
the output reads the same with ``--no-color`` or ``NO_COLOR``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.core.model import EventType, Side
from shusha_cli.views.front import SIDE_LETTERS, Hold, Holding

SIDE_COLOURS = {
    Side.AZERBAIJAN: "cyan",
    Side.ARMENIA: "yellow",
    Side.NAGORNO_KARABAKH: "magenta",
    Side.RUSSIA: "green",
    Side.OTHER: "white",
}

TYPE_SYMBOLS = {
    EventType.BACKGROUND: "~",
    EventType.ADVANCE: ">",
    EventType.FIGHTING: "#",
    EventType.CAPTURE: "!",
    EventType.WITHDRAWAL: "<",
    EventType.FAILED_ATTACK: "%",
    EventType.COUNTERATTACK: "^",
    EventType.SHELLING: "*",
    EventType.STRIKE: "+",
    EventType.AMBUSH: "&",
    EventType.ROAD_CUT: "=",
    EventType.CASUALTIES: ":",
    EventType.PERSONNEL: "@",
    EventType.EVACUATION: "}",
    EventType.FOOTAGE: "°",
    EventType.STATEMENT: '"',
    EventType.DENIAL: "¬",
    EventType.AGREEMENT: "§",
}
"""One symbol per event type, so the bars read without colour. Never a letter: the campaign
views use letters for sides (A, M, N, R, O in ``front`` and ``map``), and lowercase letters for
holdings a later change implies; never ``/ ? ·``, which ``front`` uses for partial, changing
and unknown holdings."""

TYPE_COLOURS = {
    EventType.BACKGROUND: "white",
    EventType.ADVANCE: "green",
    EventType.FIGHTING: "red",
    EventType.CAPTURE: "bright_red",
    EventType.WITHDRAWAL: "yellow",
    EventType.FAILED_ATTACK: "magenta",
    EventType.COUNTERATTACK: "bright_magenta",
    EventType.SHELLING: "bright_yellow",
    EventType.STRIKE: "dark_orange",
    EventType.AMBUSH: "blue",
    EventType.ROAD_CUT: "bright_blue",
    EventType.CASUALTIES: "grey70",
    EventType.PERSONNEL: "bright_cyan",
    EventType.EVACUATION: "bright_green",
    EventType.FOOTAGE: "cyan",
    EventType.STATEMENT: "bright_white",
    EventType.DENIAL: "grey50",
    EventType.AGREEMENT: "bright_green",
}

SPAN_MARK = "░"


def runs(days: Sequence[dt.date]) -> str:
    """Days in words with consecutive runs joined: '18–20 Oct, 23 Oct, 2 Nov'."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    parts = []
    for lo, hi in runs:
        if lo == hi:
            parts.append(f"{lo.day} {lo:%b}")
        elif lo.month == hi.month:
            parts.append(f"{lo.day}–{hi.day} {hi:%b}")
        else:
            parts.append(f"{lo.day} {lo:%b} – {hi.day} {hi:%b}")
    return ", ".join(parts)


def flow(items: Sequence[Text], width: int, lead: Text | None = None) -> list[Text]:
    """Legend items packed into lines no wider than ``width``, never split inside an item."""
    lines: list[Text] = []
    line = lead.copy() if lead is not None else Text("")
    for item in items:
        if line.plain and line.cell_len + 2 + item.cell_len > width:
            lines.append(line)
            line = Text("")
        if line.plain:
            line.append("  ")
        line.append_text(item)
    lines.append(line)
    return lines


def print_line(console: Console, line: Text) -> None:
    """Print one pre-measured line as built; one that is still too wide is wrapped instead."""
    if line.cell_len > console.width:
        console.print(line)
    else:
        console.print(line, soft_wrap=True, no_wrap=True, overflow="ignore")


def cell_style(holding: Holding) -> str:
    if holding.side is None:
        return "dim"
    colour = SIDE_COLOURS[holding.side]
    if holding.hold is Hold.HELD:
        return f"bold black on {colour}"
    if holding.hold is Hold.IMPLIED:
        return f"dim {colour}"
    return f"bold {colour}"


def swatch(mark: str, style: str) -> Text:
    """A legend's mark in its own style, for words to follow in theirs.

    Not ``Text(mark, style=style)``: that style is the whole Text's, so it would also cover
    the words appended after the mark (a legend line all in black on cyan).
    """
    out = Text()
    out.append(mark, style=style)
    return out


def side_items() -> list[Text]:
    items = []
    for side in Side:
        item = swatch(f" {SIDE_LETTERS[side]} ", f"bold black on {SIDE_COLOURS[side]}")
        item.append(f" {side.value}")
        items.append(item)
    return items
