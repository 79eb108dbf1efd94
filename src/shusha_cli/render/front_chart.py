"""The control grid of ``shusha front``: places by days, the legend, and the list of changes.

Built from :class:`rich.text.Text` pieces whose text comes from
:func:`~shusha_cli.render.text.safe`, never parsed as markup; see :mod:`.chart_parts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.core.model import Chronology
from shusha_cli.render.chart_parts import (
    SIDE_COLOURS,
    cell_style,
    flow,
    print_line,
    side_items,
    swatch,
)
from shusha_cli.render.grid import Grid
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.text import author_name, day_text, human_span
from shusha_cli.views.days import precision_words
from shusha_cli.views.front import (
    CLAIM_MARK,
    Front,
    FrontChange,
    Hold,
    Holding,
    hold_words,
    symbol,
)


def _fit_label(name: str, room: int) -> str:
    """A row label; shortened (with …) only when the terminal leaves no room for the days."""
    return name if len(name) <= room else name[: max(room - 1, 1)] + "…"


def _grid(front: Front, width: int) -> list[Text]:
    """The places-by-days grid as lines no wider than ``width``, in blocks of days if need be."""
    days = front.range.days
    rows = front.known_rows
    names = [safe(r.place.name) for r in rows]
    label_w = max(len(n) for n in names)
    min_cells = 7
    if label_w + 1 + min_cells > width:
        label_w = max(width - 1 - min_cells, 4)
    cw = 3 if label_w + 1 + 3 * len(days) <= width else 1
    per_block = max((width - label_w - 1) // cw, 1)
    lines: list[Text] = []
    for lo in range(0, len(days), per_block):
        block = days[lo : lo + per_block]
        if lo:
            lines.append(Text(""))
        lines += _grid_header(block, label_w, cw)
        for k, row in enumerate(rows):
            line = Text(_fit_label(names[k], label_w).ljust(label_w + 1))
            for holding in row.cells[lo : lo + per_block]:
                mark = symbol(holding)
                line.append(mark.center(cw), style=cell_style(holding))
            lines.append(line)
    return lines


def _grid_header(block: Sequence[dt.date], label_w: int, cw: int) -> list[Text]:
    months = [" "] * (len(block) * cw)
    starts = [i for i, d in enumerate(block) if d.day == 1 or i == 0]
    for n, i in enumerate(starts):
        name = f"{block[i]:%b}"
        room = ((starts[n + 1] if n + 1 < len(starts) else len(block)) - i) * cw  # in cells
        if len(name) + 1 <= room or (n + 1 == len(starts) and len(name) <= room):
            months[i * cw : i * cw + len(name)] = name
    pad = " " * (label_w + 1)
    head = [Text(pad + "".join(months).rstrip(), style="bold")]
    if cw == 1:
        tens = "".join(str(d.day // 10) if d.day >= 10 else " " for d in block)
        units = "".join(str(d.day % 10) for d in block)
        head += [Text(pad + tens, style="dim"), Text(pad + units, style="dim")]
    else:
        head.append(Text(pad + "".join(f" {d.day:<2}" for d in block), style="dim"))
    return head


_HOLD_LEGEND = (
    (
        "A",
        "bold black on cyan",
        "held by that side: a recorded change to it, known done, none since",
    ),
    ("a", "dim cyan", "held by that side only as far as its first recorded change implies"),
    ("?", "bold cyan", "changing hands on a day the data does not give (the change's span)"),
    ("/", "bold cyan", "partly held, after a partial change"),
    (
        CLAIM_MARK,
        "bold cyan",
        "a party's claim alone says so, not the article; --article-only drops claims",
    ),
    ("·", "dim", "the data does not say"),
)


def _legend_front(console: Console) -> None:
    for line in flow(side_items(), console.width, Text("Sides:")):
        print_line(console, line)
    for mark, style, words in _HOLD_LEGEND:
        line = swatch(f" {mark} ", style)
        line.append(f" {words}")
        console.print(line)
    console.print(
        _t("Claims count as recorded changes; ⚑ marks them in the grid and the list of changes.")
    )


def _grouped(changes: Sequence[FrontChange]) -> list[tuple[FrontChange, list[str]]]:
    """Changes of one event that pass places alike (same sides, same extent) share a row."""
    rows: list[tuple[FrontChange, list[str]]] = []
    index: dict[tuple[str, str, str | None, str], int] = {}
    for c in changes:
        ch = c.step.change
        key = (c.step.event.id, ch.to.value, ch.from_.value if ch.from_ else None, ch.extent.value)
        if key in index:
            rows[index[key]][1].append(c.place.name)
        else:
            index[key] = len(rows)
            rows.append((c, [c.place.name]))
    return rows


def _changes_table(chron: Chronology, changes: Sequence[FrontChange], title: str) -> Grid:
    table = Grid(title=_t(title))
    table.add_column("When", min_width=11, max_width=22)
    table.add_column("Places", min_width=8, max_width=22)
    table.add_column("Change", ratio=1, min_width=20)
    for c, names in _grouped(changes):
        e, ch = c.step.event, c.step.change
        when = _t(human_span(e.date), "bold")
        if e.time_of_day is not None:
            when.append(f" {e.time_of_day.value}", style="italic")
        if not c.day_known:
            when.append(f"\n{safe(precision_words(e.date))}", style="dim")
        what = _t(f"to {ch.to.value}", f"bold {SIDE_COLOURS[ch.to]}")
        if ch.from_ is not None:
            what.append(f" from {ch.from_.value}")
        if ch.extent.value == "partial":
            what.append(" (partial)", style="bold")
        what.append(f" — {safe(e.title)}")
        if e.is_claim:
            what.append(f"\n⚑ claim by {safe(author_name(chron, e.attribution))}", style="yellow")
        table.add_row(when, _t(", ".join(names)), what)
    return table


def print_front(console: Console, chron: Chronology, front: Front) -> None:
    """The grid of holders by place and day, its legend, then the changes in the range."""
    title = f"Control of places: {front.description}"
    console.print(_t(title, "bold underline"))
    if front.range.single_day:
        _print_front_day(console, chron, front)
        return
    if not front.rows:
        console.print(_t("The data records no change of control that bears on this range."))
    else:
        if front.known_rows:
            for line in _grid(front, console.width):
                print_line(console, line)
        _print_folded(console, chron, front)
        console.print()
        _legend_front(console)
    changes = _listed(front)
    if changes:
        console.print()
        noun = "change" if len(changes) == 1 else "changes"
        console.print(_changes_table(chron, changes, f"{len(changes)} {noun} of control"))
    _print_unrecorded(console, front)


def _listed(front: Front) -> list[FrontChange]:
    """The changes to list: those already told in the folded block are not told twice."""
    told = {(step.event.id, r.place.id) for step, rows in front.folded for r in rows}
    return [c for c in front.changes if (c.step.event.id, c.place.id) not in told]


def _print_folded(console: Console, chron: Chronology, front: Front) -> None:
    """Places whose only news in the range is one change of unknown day: a line a statement."""
    if not front.folded:
        return
    console.print()
    console.print(
        _t(
            "Changing hands on a day the data does not give, across the whole range (? on every "
            "day):",
            "bold",
        )
    )
    for step, rows in front.folded:
        e = step.event
        names = ", ".join(
            r.place.name
            + (" (in part)" if r.cells[0].step and r.cells[0].step.change.extent.value == "partial"
               else "")
            for r in rows
        )  # fmt: skip
        line = _t(f" {CLAIM_MARK if e.is_claim else '?'} ")
        line.append(safe(names))
        line.append(f" — {safe(human_span(e.date))}: {safe(e.title)}", style="dim")
        if e.is_claim:
            line.append(f" (claim by {safe(author_name(chron, e.attribution))})", style="yellow")
        console.print(line)


def _print_unrecorded(console: Console, front: Front) -> None:
    if front.unrecorded:
        console.print()
        console.print(
            _t(
                "Named in this range, no change of control recorded (the data does not say who "
                "held them): " + ", ".join(p.name for p in front.unrecorded) + ".",
                "dim",
            )
        )


def _since(chron: Chronology, holding: Holding) -> Text:
    step = holding.step
    if step is None:
        return Text("")
    e = step.event
    when = human_span(e.date) + (f" {e.time_of_day.value}" if e.time_of_day else "")
    if holding.hold is Hold.IMPLIED:
        text = f"until it passed to {step.change.to.value} ({when}): {e.title}"
    elif holding.hold is Hold.CHANGING:
        text = f"{when}, {precision_words(e.date)}: {e.title}"
    else:
        text = f"since {when}: {e.title}"
    cell = _t(text)
    if e.is_claim:
        cell.append(f"\n⚑ claim by {safe(author_name(chron, e.attribution))}", style="yellow")
    return cell


def _print_front_day(console: Console, chron: Chronology, front: Front) -> None:
    day = front.range.start
    if front.known_rows:
        table = Grid(title=_t(f"Who held what on {day_text(day)}, as far as the data says"))
        table.add_column(min_width=3, max_width=3)
        table.add_column("Place", min_width=8, max_width=22)
        table.add_column("Holder", min_width=10, max_width=26)
        table.add_column("Because", ratio=1, min_width=16)
        for row in front.known_rows:
            holding = row.cells[0]
            table.add_row(
                Text(f" {symbol(holding)} ", style=cell_style(holding)),
                _t(row.place.name, "bold"),
                _t(hold_words(holding)),
                _since(chron, holding),
            )
        console.print(table)
    elif not front.rows:
        console.print(_t(f"The data says nothing about who held which place on {day_text(day)}."))
    _print_folded(console, chron, front)
    changes = _listed(front)
    if changes:
        console.print()
        count = len(changes)
        noun = "change" if count == 1 else "changes"
        title = f"{count} {noun} of control that day, or in a span that includes it"
        console.print(_changes_table(chron, changes, title))
    _print_unrecorded(console, front)
    console.print()
    _legend_front(console)
