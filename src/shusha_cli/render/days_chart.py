"""The activity bars of ``shusha days``: events per day by type, busiest and empty days.

Built from :class:`rich.text.Text` pieces whose text comes from
:func:`~shusha_cli.render.text.safe`, never parsed as markup; see :mod:`.chart_parts`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.core.model import EventType
from shusha_cli.render.chart_parts import (
    SPAN_MARK,
    TYPE_COLOURS,
    TYPE_SYMBOLS,
    flow,
    print_line,
    runs,
    swatch,
)
from shusha_cli.render.grid import cell as _t
from shusha_cli.views.activity import Activity, DayActivity


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
    biggest = max(d.on_day_total + d.in_span_total for d in act.days)  # a range has a day
    unit = max(1, math.ceil(biggest / bar_w))
    if unit > 1:
        console.print(_t(f"one cell = {unit} events (numbers are exact)", "dim"))
    for d in act.days:
        print_line(console, _day_bar(d, on_w, span_w, unit, bar_w))
    console.print()
    _legend_days(console, act)
    console.print()
    busiest = ", ".join(f"{d.day.day} {d.day:%b} ({d.on_day_total})" for d in act.busiest())
    empty = runs(act.empty)
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
    # The label's own style, not the line's: a base style would make the whole bar bold too.
    line = _t(f"{d.day:%a} {d.day.day:>2} {d.day:%b} ", "bold" if d.on_day_total else "")
    line.append(f"{d.on_day_total:>{on_w}}", style="bold" if d.on_day_total else "dim")
    line.append(f" +{d.in_span_total:<{span_w}} ", style="dim")
    line.append("│", style="dim")
    exact = _cells(d.on_day_total, unit)
    maybe = _cells(d.in_span_total, unit)
    # Rounding up small counts can overshoot the bar by a cell or two: the uncertain cells give.
    # (The unit is chosen so the busiest day fits, so the sure cells alone never overshoot.)
    maybe = min(maybe, bar_w - exact)
    for event_type, n in _split(d.on_day, exact):
        line.append(TYPE_SYMBOLS[event_type] * n, style=f"bold black on {TYPE_COLOURS[event_type]}")
    line.append(SPAN_MARK * maybe, style="dim")
    return line


def _legend_days(console: Console, act: Activity) -> None:
    present = [t for t in EventType if any(n for d in act.days for t2, n in d.on_day if t2 is t)]
    items = []
    for event_type in present:
        item = swatch(TYPE_SYMBOLS[event_type], f"bold black on {TYPE_COLOURS[event_type]}")
        item.append(f" {event_type.value}")
        items.append(item)
    lead = Text("Dated to the day, by type:" + ("" if present else " none"))
    for line in flow(items, console.width, lead):
        print_line(console, line)
    console.print(
        _t(
            f"{SPAN_MARK} may have happened that day: an event dated to a span of days, or to "
            "an uncertain or approximate day, counts once on every day it may have happened "
            "(never on one chosen day). Numbers: dated to the day +may have happened that day.",
            "dim",
        )
    )
