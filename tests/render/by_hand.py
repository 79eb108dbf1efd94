"""Helpers for the renderer tests: what a Console was given, and a Text as (text, style) pieces."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, RenderableType
from rich.text import Text

from shusha_cli.core.model import Side
from shusha_cli.views.front import Hold, Holding

Pieces = list[tuple[str, str]]

# What the charts draw, written out again (not imported from render/): a test that read them
# from the module it checks could not see them change.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SIDE_COLOURS = {
    Side.AZERBAIJAN: "cyan",
    Side.ARMENIA: "yellow",
    Side.NAGORNO_KARABAKH: "magenta",
    Side.RUSSIA: "green",
    Side.OTHER: "white",
}
SIDE_LETTERS = {
    Side.AZERBAIJAN: "A",
    Side.ARMENIA: "M",
    Side.NAGORNO_KARABAKH: "N",
    Side.RUSSIA: "R",
    Side.OTHER: "O",
}


def holder_style(h: Holding) -> str:
    """The style of a cell held (or not) by a side, in the front grid and on the map."""
    if h.side is None:
        return "dim"
    colour = SIDE_COLOURS[h.side]
    if h.hold is Hold.HELD:
        return f"bold black on {colour}"
    if h.hold is Hold.IMPLIED:
        return f"dim {colour}"
    return f"bold {colour}"


def flowed(items: list[Pieces], width: int, lead: Pieces | None = None) -> list[Pieces]:
    """A legend's lines: ``lead``, then items two spaces apart, a new line when one would not fit."""
    lines: list[list[tuple[str, str]]] = [list(lead or [])]
    for item in items:
        used = sum(len(t) for t, _ in lines[-1])
        size = sum(len(t) for t, _ in item)
        if used and used + 2 + size > width:
            lines.append([])
            used = 0
        if used:
            lines[-1].append(("  ", ""))
        lines[-1] += item
    return [joined(*line) for line in lines]


def pieces(text: Text) -> Pieces:
    """``text`` as runs of characters with the same style (the styles that cover them, in order).

    Written out by hand in a test, this is the whole answer a cell gives: its words and which of
    them are bold, dim or coloured, however Rich happens to store the spans.
    """
    plain = text.plain
    styles = [[str(text.style)] if text.style else [] for _ in plain]
    for span in text.spans:
        for i in range(max(span.start, 0), min(span.end, len(plain))):
            styles[i].append(str(span.style))
    out: Pieces = []
    for char, style in zip(plain, (" ".join(s) for s in styles), strict=True):
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + char, style)
        else:
            out.append((char, style))
    return out


def joined(*parts: tuple[str, str]) -> Pieces:
    """Pieces written by hand, normalised as :func:`pieces` gives them (empty ones dropped)."""
    out: Pieces = []
    for chars, style in parts:
        if not chars:
            continue
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + chars, style)
        else:
            out.append((chars, style))
    return out


class Recorder(Console):
    """A fixed-width Console without colour that also keeps what it was asked to print."""

    def __init__(self, width: int) -> None:
        self.out = io.StringIO()
        super().__init__(file=self.out, width=width, no_color=True, color_system=None)
        self.printed: list[Any] = []

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]  # records, then prints as Console does
        self.printed.extend(objects if objects else [None])
        super().print(*objects, **kwargs)

    @property
    def text(self) -> str:
        return self.out.getvalue()


def render(renderable: RenderableType, width: int, color: bool = False) -> str:
    """What a terminal ``width`` cells wide shows for ``renderable`` (ANSI styles if ``color``)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        no_color=not color,
        color_system="standard" if color else None,
        force_terminal=color,
        legacy_windows=False,
    )
    console.print(renderable)
    return out.getvalue()
