"""A plain column layout: the few features of ``rich.table.Table`` our tables use, much faster.

Why not Rich's Table: it measures and renders every cell through several layers of renderables
(padding, segments, cropping), which for a timeline of 170 wrapped rows took about 100 ms, more
than Python's whole start-up. This grid wraps each cell once, by words, folding a word that is
longer than its column, and writes the lines itself. Cells are ``Text`` (never markup), so data
that looks like markup stays literal, as with the Table it replaces.

Layout: a one-space margin, columns three spaces apart, a bold header row with a rule under
it between blank lines, an optional title above (the look of Rich's ``SIMPLE_HEAD`` box).
Columns without a ``ratio`` get their natural width (the longest line of any cell,
kept between ``min_width`` and ``max_width``); columns with a ratio share what is left. When the
console is too narrow for that, the widest columns give way down to their ``min_width``, then
every column shrinks; text is folded, never cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.core.record import record

GAP = 3  # between columns
EDGE = 1  # before the first column and after the last: the layout Rich's SIMPLE_HEAD box gave


def cell(text: str, style: str = "") -> Text:
    """Text from the data as a cell: made safe, never read as markup.

    The style covers this text only, not text appended later: a bold title followed by a dim
    line must not print the line bold and dim at once.
    """
    out = Text()
    out.append(safe(text), style=style or None)
    return out


def table(*columns: tuple[str, dict[str, Any]], title: str | None = None) -> Grid:
    """A grid with a title and these columns (name, options): the shape of every list we print.

    The options are :meth:`Grid.add_column`'s keywords: ``min_width``, ``max_width``,
    ``ratio`` and ``justify``.
    """
    grid = Grid(title=Text(safe(title)) if title else None)
    for name, options in columns:
        grid.add_column(name, **options)
    return grid


@record(frozen=False)
class _Column:
    header: str
    min_width: int
    max_width: int | None
    ratio: int
    justify: str


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _breaks(line: str, width: int) -> list[int]:
    """Offsets at which to break one line (no newlines) so no piece is wider than ``width``.

    Greedy by words; the spaces after a word stay on its line (the caller strips them). A word
    wider than the column is folded at the column's width.
    """
    if _width(line) <= width:
        return []
    cuts: list[int] = []
    used = 0  # width of the current output line so far, spaces after its last word included
    i, n = 0, len(line)
    while i < n:
        j = i
        while j < n and line[j] != " ":
            j += 1
        k = j
        while k < n and line[k] == " ":
            k += 1
        word = _width(line[i:j])
        if used and used + word > width:
            cuts.append(i)
            used = 0
        if word > width:
            pos = i
            while _width(line[pos:j]) > width:
                take, w = pos, 0
                while take < j and w + _width(line[take]) <= width:
                    w += _width(line[take])
                    take += 1
                take = max(take, pos + 1)  # a wide character in a one-cell column: alone
                if take < j:  # a cut at the word's end would leave an empty line after it
                    cuts.append(take)
                pos = take
            used = _width(line[pos:j])
        else:
            used += word
        used += k - j
        i = k
    return cuts  # each inside the line: after a word's first character, before the line's end


def _segments(text: Text, console: Console) -> Iterable[Segment]:
    if text.style and not text.spans:
        # Text.render leaves a span-less Text's own style to its caller
        return [Segment(text.plain, console.get_style(text.style))]
    return text.render(console)


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells, styles kept, trailing spaces dropped."""
    width = max(width, 1)
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        cuts = _breaks(line.plain, width)
        pieces = line.divide(cuts) if cuts else [line]
        for piece in pieces:
            piece.rstrip()
            out.append(piece)
    return out or [Text()]


class Grid:
    """Rows of ``Text`` cells under headers; see the module docstring for the layout rules."""

    def __init__(self, title: Text | None = None) -> None:
        self.title = title
        self.columns: list[_Column] = []
        self.rows: list[tuple[Text, ...]] = []
        self.leading = 0  # blank lines between rows
        self.show_header = True
        self.expand = False  # ratio columns share the whole width, however short their text

    def add_column(
        self,
        header: str = "",
        *,
        min_width: int = 1,
        max_width: int | None = None,
        ratio: int = 0,
        justify: str = "left",
    ) -> None:
        self.columns.append(_Column(header, max(1, min_width), max_width, ratio, justify))

    def add_row(self, *cells: Text) -> None:
        padded = tuple(cells) + tuple(Text() for _ in range(len(self.columns) - len(cells)))
        self.rows.append(padded)

    # --- layout ---------------------------------------------------------------------------------

    def _natural(self, index: int) -> int:
        """The longest line of the column (header included), within its min and max width."""
        col = self.columns[index]
        lines = (line for row in self.rows for line in row[index].plain.split("\n"))
        natural = max([_width(col.header), *(_width(line) for line in lines)])
        if col.max_width is not None:
            natural = min(natural, col.max_width)
        return max(natural, col.min_width)

    def widths(self, total: int) -> list[int]:
        """Column widths that fit ``total`` cells, margins and gaps included.

        Every column starts at its natural width. If that is too wide, the widest column gives
        a cell at a time until all fit (so long text shares the room fairly, as Rich's Table
        does), none going below its ``min_width`` while another can still give.
        With ``expand``, ratio columns instead split all the room left by the others by ratio,
        so tables printed one after another line up.
        """
        if not self.columns:
            return []
        room = max(total - 2 * EDGE - GAP * (len(self.columns) - 1), len(self.columns))
        widths = [self._natural(i) for i in range(len(self.columns))]
        flexible = [i for i, c in enumerate(self.columns) if c.ratio]
        if self.expand and flexible:
            left = room - sum(w for i, w in enumerate(widths) if i not in flexible)
            if left >= sum(self.columns[i].min_width for i in flexible):
                shares = sum(self.columns[i].ratio for i in flexible)
                for i in flexible:
                    widths[i] = max(
                        self.columns[i].min_width, left * self.columns[i].ratio // shares
                    )
                return self._shrink(widths, room)
        return self._shrink(widths, room)

    def _shrink(self, widths: list[int], room: int) -> list[int]:
        """Take cells from the widest column, down to the minimums, then from every column."""
        excess = sum(widths) - room
        while excess > 0:
            above = [i for i, w in enumerate(widths) if w > self.columns[i].min_width]
            pool = above or [i for i, w in enumerate(widths) if w > 1]
            if not pool:
                break
            widest = max(pool, key=lambda i: widths[i])
            others = [widths[i] for i in pool if i != widest]
            floor = self.columns[widest].min_width if above else 1
            target = max(max(others, default=floor), floor)
            step = max(1, min(excess, widths[widest] - target))
            widths[widest] -= step
            excess -= step
        return widths

    # --- rendering ------------------------------------------------------------------------------

    def _line(self, cells: list[Text], widths: list[int]) -> Text:
        line = Text(" " * EDGE)
        for n, cell in enumerate(cells):
            pad = widths[n] - cell.cell_len
            if self.columns[n].justify == "right" and pad > 0:
                line.append(" " * pad)
                pad = 0
            line.append_text(cell)
            line.append(" " * (pad + GAP))  # after the last cell too: stripped just below
        line.rstrip()
        if not line.plain:  # keep the margin, so every line of the table starts with it
            line.append(" " * EDGE)
        return line

    def _layout(self, total: int) -> Iterator[Text | list[Text]]:
        """Each output line: a whole line (title, edges, rule) or one wrapped line per column."""
        widths = self.widths(total)
        if self.title is not None:
            yield from wrap(self.title, total)
        boxed = self.show_header and any(c.header for c in self.columns)
        if boxed:
            yield Text()  # where a box would have its top edge
            heads = [
                wrap(Text(c.header, style="bold"), w)
                for c, w in zip(self.columns, widths, strict=True)
            ]
            for k in range(max(len(h) for h in heads)):
                yield [h[k] if k < len(h) else Text() for h in heads]
            rule = sum(widths) + GAP * (len(widths) - 1)
            yield Text(" " * EDGE) + Text("─" * rule, style="dim")
        for r, row in enumerate(self.rows):
            if r and self.leading:
                for _ in range(self.leading):
                    yield Text(" " * EDGE)
            cells = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
            for k in range(max(len(c) for c in cells)):
                yield [c[k] if k < len(c) else Text() for c in cells]
        if boxed:
            yield Text()  # and its bottom edge

    def lines(self, total: int) -> Iterator[Text]:
        """The grid as lines of styled text, ``total`` cells wide at most."""
        widths = self.widths(total)
        for item in self._layout(total):
            yield item if isinstance(item, Text) else self._line(item, widths)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Segments are put together directly rather than through one Text per line: printing a
        # long timeline is most of what a query costs.
        widths = self.widths(options.max_width)
        new_line = Segment.line()
        margin = Segment(" " * EDGE)
        for item in self._layout(options.max_width):
            if isinstance(item, Text):
                yield from _segments(item, console)
                yield new_line
                continue
            last = max((n for n, cell in enumerate(item) if cell.plain), default=-1)
            yield margin
            for n in range(last + 1):
                cell = item[n]
                pad = widths[n] - cell.cell_len
                if self.columns[n].justify == "right" and pad > 0:
                    yield Segment(" " * pad)
                    pad = 0
                if cell.plain:
                    yield from _segments(cell, console)
                if n < last:
                    yield Segment(" " * (pad + GAP))
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = self.widths(options.max_width)
        used = sum(widths) + GAP * max(len(widths) - 1, 0) + 2 * EDGE
        return Measurement(min(used, options.max_width), options.max_width)
