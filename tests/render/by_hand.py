"""Helpers for the renderer tests: what a Console was given, and a Text as (text, style) pieces."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text

Pieces = list[tuple[str, str]]


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
