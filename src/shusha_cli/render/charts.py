"""Terminal charts for the campaign views: the control grid, the activity bars and the map.

Everything is built from :class:`rich.text.Text` pieces whose text comes from
:func:`~shusha_cli.render.text.safe`, never parsed as markup. Each line is measured against
the console's width before it is printed, so nothing overflows at 80 columns (or 40). Colour
only repeats what the letters and symbols already say, and the legend is always printed, so
the output reads the same with ``--no-color`` or ``NO_COLOR``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.campaign import (
    SIDE_LETTERS,
    Activity,
    DayActivity,
    Front,
    FrontChange,
    Hold,
    Holding,
    MapCell,
    PlaceMap,
    Role,
    hold_words,
    precision_words,
    symbol,
)
from shusha_cli.model import Chronology, EventType, Side
from shusha_cli.render.grid import Grid
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.text import author_name, day_text, human_span, safe

SIDE_COLOURS = {
    Side.AZERBAIJAN: "cyan",
    Side.ARMENIA: "yellow",
    Side.NAGORNO_KARABAKH: "magenta",
    Side.RUSSIA: "green",
    Side.OTHER: "white",
}

TYPE_LETTERS = {
    EventType.BACKGROUND: "B",
    EventType.ADVANCE: "A",
    EventType.FIGHTING: "F",
    EventType.CAPTURE: "C",
    EventType.WITHDRAWAL: "W",
    EventType.FAILED_ATTACK: "X",
    EventType.COUNTERATTACK: "K",
    EventType.SHELLING: "H",
    EventType.STRIKE: "T",
    EventType.AMBUSH: "M",
    EventType.ROAD_CUT: "R",
    EventType.CASUALTIES: "L",
    EventType.PERSONNEL: "P",
    EventType.EVACUATION: "E",
    EventType.FOOTAGE: "V",
    EventType.STATEMENT: "S",
    EventType.DENIAL: "N",
    EventType.AGREEMENT: "G",
}
"""One letter per event type: the bars read without colour."""

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


def _runs(days: Sequence[dt.date]) -> str:
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


def _flow(items: Sequence[Text], width: int, lead: Text | None = None) -> list[Text]:
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


def _print_line(console: Console, line: Text) -> None:
    """Print one pre-measured line as built; one that is still too wide is wrapped instead."""
    if line.cell_len > console.width:
        console.print(line)
    else:
        console.print(line, soft_wrap=True, no_wrap=True, overflow="ignore")


# --- front -------------------------------------------------------------------------------------


def _cell_style(holding: Holding) -> str:
    if holding.side is None:
        return "dim"
    colour = SIDE_COLOURS[holding.side]
    if holding.hold is Hold.HELD:
        return f"bold black on {colour}"
    if holding.hold is Hold.IMPLIED:
        return f"dim {colour}"
    return f"bold {colour}"


def _fit_label(name: str, room: int) -> str:
    """A row label; shortened (with …) only when the terminal leaves no room for the days."""
    return name if len(name) <= room else name[: max(room - 1, 1)] + "…"


def _grid(front: Front, width: int) -> list[Text]:
    """The places-by-days grid as lines no wider than ``width``, in blocks of days if need be."""
    days = front.range.days
    names = [safe(r.place.name) for r in front.rows]
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
        for row, name in zip(front.rows, names, strict=True):
            line = Text(_fit_label(name, label_w).ljust(label_w + 1))
            for holding in row.cells[lo : lo + per_block]:
                mark = symbol(holding)
                line.append(mark.center(cw), style=_cell_style(holding))
            lines.append(line)
    return lines


def _grid_header(block: Sequence[dt.date], label_w: int, cw: int) -> list[Text]:
    months = [" "] * (len(block) * cw)
    starts = [i for i, d in enumerate(block) if d.day == 1 or i == 0]
    for n, i in enumerate(starts):
        name = f"{block[i]:%b}"
        room = (starts[n + 1] * cw if n + 1 < len(starts) else len(months)) - i * cw
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
    ("·", "dim", "the data does not say"),
)


def _legend_front(console: Console) -> None:
    for line in _flow(_side_items(), console.width, Text("Sides:")):
        _print_line(console, line)
    for mark, style, words in _HOLD_LEGEND:
        line = Text(f" {mark} ", style=style)
        line.append(f" {words}")
        console.print(line)
    console.print(_t("Claims count as recorded changes; ⚑ marks them in the list of changes."))


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


def _side_items() -> list[Text]:
    items = []
    for side in Side:
        item = Text(f" {SIDE_LETTERS[side]} ", style=f"bold black on {SIDE_COLOURS[side]}")
        item.append(f" {side.value}")
        items.append(item)
    return items


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
        for line in _grid(front, console.width):
            _print_line(console, line)
        console.print()
        _legend_front(console)
    if front.changes:
        console.print()
        noun = "change" if len(front.changes) == 1 else "changes"
        console.print(
            _changes_table(chron, front.changes, f"{len(front.changes)} {noun} of control")
        )
    _print_unrecorded(console, front)


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
    if front.rows:
        table = Grid(title=_t(f"Who held what on {day_text(day)}, as far as the data says"))
        table.add_column("", min_width=3, max_width=3)
        table.add_column("Place", min_width=8, max_width=22)
        table.add_column("Holder", min_width=10, max_width=26)
        table.add_column("Because", ratio=1, min_width=16)
        for row in front.rows:
            holding = row.cells[0]
            table.add_row(
                Text(f" {symbol(holding)} ", style=_cell_style(holding)),
                _t(row.place.name, "bold"),
                _t(hold_words(holding)),
                _since(chron, holding),
            )
        console.print(table)
    else:
        console.print(_t(f"The data says nothing about who held which place on {day_text(day)}."))
    if front.changes:
        console.print()
        count = len(front.changes)
        noun = "change" if count == 1 else "changes"
        title = f"{count} {noun} of control that day, or in a span that includes it"
        console.print(_changes_table(chron, front.changes, title))
    _print_unrecorded(console, front)
    console.print()
    _legend_front(console)


# --- days --------------------------------------------------------------------------------------


def _split(counts: Sequence[tuple[EventType, int]], cells: int) -> list[tuple[EventType, int]]:
    """Share ``cells`` among the types in proportion (largest remainder), keeping their order."""
    total = sum(n for _, n in counts)
    if not total or cells <= 0:
        return []
    exact = [(t, n * cells / total) for t, n in counts]
    whole = [(t, math.floor(x)) for t, x in exact]
    left = cells - sum(n for _, n in whole)
    order = sorted(range(len(exact)), key=lambda i: -(exact[i][1] - whole[i][1]))
    bump = set(order[:left])
    return [(t, n + (1 if i in bump else 0)) for i, (t, n) in enumerate(whole)]


def _cells(count: int, unit: int) -> int:
    return 0 if not count else max(1, round(count / unit))


def print_days(console: Console, act: Activity) -> None:
    """One bar per day: events dated to the day, by type, then those that may fall on it."""
    width = console.width
    console.print(_t(f"Events per day: {act.description}", "bold underline"))
    on_w = max(len(str(d.on_day_total)) for d in act.days)
    span_w = max(len(str(d.in_span_total)) for d in act.days)
    label_w = 10  # "Thu 29 Oct"
    prefix = label_w + 1 + on_w + 2 + span_w + 1
    bar_w = max(width - prefix - 1, 1)
    biggest = max((d.on_day_total + d.in_span_total for d in act.days), default=0)
    unit = max(1, math.ceil(biggest / bar_w))
    if unit > 1:
        console.print(_t(f"one cell = {unit} events (numbers are exact)", "dim"))
    for d in act.days:
        _print_line(console, _day_bar(d, on_w, span_w, unit, bar_w))
    console.print()
    _legend_days(console, act)
    console.print()
    busiest = ", ".join(f"{d.day.day} {d.day:%b} ({d.on_day_total})" for d in act.busiest())
    empty = _runs(act.empty)
    console.print(
        _t(
            f"busiest: {busiest or 'none'}; no event dated to the day: {empty or 'none'}"
            + (" (spans may still cover those days)" if empty else "")
        )
    )
    if act.outside:
        noun = "event" if act.outside == 1 else "events"
        console.print(
            _t(
                f"{act.outside} matching {noun} lie outside these days (use --from/--to).",
                "dim",
            )
        )


def _day_bar(d: DayActivity, on_w: int, span_w: int, unit: int, bar_w: int) -> Text:
    line = Text(f"{d.day:%a} {d.day.day:>2} {d.day:%b} ", style="bold" if d.on_day_total else "")
    line.append(f"{d.on_day_total:>{on_w}}", style="bold" if d.on_day_total else "dim")
    line.append(f" +{d.in_span_total:<{span_w}} ", style="dim")
    line.append("│", style="dim")
    exact = _cells(d.on_day_total, unit)
    maybe = _cells(d.in_span_total, unit)
    if exact + maybe > bar_w:  # rounding up small counts can overshoot by a cell or two
        maybe = max(bar_w - exact, 0)
        exact = min(exact, bar_w)
    for event_type, n in _split(d.on_day, exact):
        line.append(TYPE_LETTERS[event_type] * n, style=f"bold black on {TYPE_COLOURS[event_type]}")
    line.append(SPAN_MARK * maybe, style="dim")
    return line


def _legend_days(console: Console, act: Activity) -> None:
    present = [t for t in EventType if any(n for d in act.days for t2, n in d.on_day if t2 is t)]
    items = []
    for event_type in present:
        item = Text(TYPE_LETTERS[event_type], style=f"bold black on {TYPE_COLOURS[event_type]}")
        item.append(f" {event_type.value}")
        items.append(item)
    lead = Text("Dated to the day, by type:" + ("" if present else " none"))
    for line in _flow(items, console.width, lead):
        _print_line(console, line)
    console.print(
        _t(
            f"{SPAN_MARK} may have happened that day: an event dated to a span of days, or to "
            "an uncertain or approximate day, counts once on every day it may have happened "
            "(never on one chosen day). Numbers: dated to the day +may have happened that day.",
            "dim",
        )
    )


# --- map ---------------------------------------------------------------------------------------


def _map_style(cell: MapCell) -> str:
    if cell.role is Role.EMPTY:
        return ""
    quiet = "" if cell.active else "dim "
    if cell.role is Role.MARKER:
        if cell.holding is not None:
            return _cell_style(cell.holding)
        return f"{quiet}bold"
    if cell.role is Role.NUMBER:
        return f"{quiet}bold underline"
    return f"{quiet}bold" if cell.active else "dim"


def _map_lines(m: PlaceMap) -> list[Text]:
    inner = m.width
    north = " ↑N "
    top = Text("┌" + "─" * (inner - len(north) - 1) + north + "─┐", style="dim")
    lines = [top]
    for row in m.cells:
        line = Text("│", style="dim")
        for cell in row:
            line.append(safe(cell.char), style=_map_style(cell))
        line.append("│", style="dim")
        lines.append(line)
    lines.append(Text("└" + "─" * inner + "┘", style="dim"))
    return lines


def _km(value: float) -> str:
    return f"{value:g}"


def print_map(console: Console, m: PlaceMap) -> None:
    """The map in its frame, the scale and north, the legend, the key and what is not drawn."""
    title = "Places with coordinates"
    if m.around is not None and m.radius_km is not None:
        title += f" within at least {_km(m.radius_km)} km of {m.around.name}"
    if m.description:
        title += f"; ● named by the events of: {m.description}"
    console.print(_t(title, "bold underline"))
    for line in _map_lines(m):
        _print_line(console, line)
    bar = Text(" ├" + "─" * max(m.scale_cols - 1, 0) + "┤", style="bold")
    bar.append(f" {_km(m.scale_km)} km", style="bold")
    scale = [
        bar,
        Text("↑N north is up", style="dim"),
        Text(f"a column ≈ {m.km_per_col:.2g} km, a row ≈ {2 * m.km_per_col:.2g} km", style="dim"),
    ]
    for line in _flow(scale, console.width):
        _print_line(console, line)
    console.print()
    for line in _flow(_legend_map(m), console.width):
        _print_line(console, line)
    if m.day is not None:
        lead = Text(f"On {day_text(m.day)} a marker shows who held the place:")
        for line in _flow(_side_items(), console.width, lead):
            _print_line(console, line)
        console.print(
            _t(
                "a small letter: only as far as a later change implies; ? changing hands, day "
                "not known; / partly held; ● or ○: the data does not say."
            )
        )
    if m.keyed:
        console.print()
        items = []
        for pt in m.keyed:
            item = Text(str(pt.key), style="bold")
            item.append(f" {safe(pt.label)}", style="" if pt.active else "dim")
            if not pt.key_drawn:
                item.append(" (no room to number it on the map)", style="dim")
            items.append(item)
        for line in _flow(items, console.width, Text("Key:", style="bold")):
            _print_line(console, line)
    if m.outside and m.around is not None:
        console.print()
        console.print(
            _t(
                "Beyond the frame: "
                + ", ".join(f"{p.name} ({km:.0f} km)" for p, km in m.outside)
                + ".",
                "dim",
            )
        )
    if m.no_coordinates:
        console.print()
        console.print(
            _t(
                "Not on the map (no coordinates in the data, none guessed): "
                + ", ".join(p.name for p in m.no_coordinates)
                + ".",
                "dim",
            )
        )


def _legend_map(m: PlaceMap) -> list[Text]:
    def item(mark: str, style: str, words: str) -> Text:
        text = Text(mark, style=style)
        text.append(f" {words}")
        return text

    items = []
    if m.filtered:
        items.append(item("●", "bold", "named by the matching events"))
        items.append(item("○", "dim", "other places"))
    else:
        items.append(item("●", "bold", "a place"))
    items.append(
        item("~name", "bold", "approximate coordinates (near the place, or its district's)")
    )
    if m.keyed:
        items.append(item("1", "bold underline", "a name that did not fit: see the key"))
    if any(len(p.places) > 1 for p in m.points):
        items.append(item("A, B", "bold", "places that fall in one cell"))
    return items
