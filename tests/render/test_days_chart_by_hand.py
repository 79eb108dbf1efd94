"""render/days_chart.py: each day's bar against the day's counts, the legend and the summary.

The cells of a bar are worked out here from the counts (a cell per event, or one per ``unit``
events, shared among the types by largest remainder with exact fractions), then compared with
the printed pieces, symbol by symbol and style by style.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from fractions import Fraction

import pytest
from rich.style import Style

from shusha_cli.core.model import Chronology, EventType
from shusha_cli.core.query import Filter
from shusha_cli.render import chart_parts, days_chart
from shusha_cli.views.activity import Activity, DayActivity, activity
from tests.render.by_hand import MONTHS, Pieces, Recorder, flowed, joined, pieces

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MAYBE = "░"
NOTE = (
    "░ may have happened that day: an event dated to a span of days, or to an uncertain or "
    "approximate day, counts once on every day it may have happened (never on one chosen "
    "day). Numbers: dated to the day +may have happened that day."
)


def share(counts: list[tuple[EventType, int]], cells: int) -> list[tuple[EventType, int]]:
    """Largest remainder, with exact fractions; equal remainders go to the earlier type."""
    total = sum(n for _, n in counts)
    if not total or cells <= 0:
        return []
    exact = [Fraction(n * cells, total) for _, n in counts]
    floors = [math.floor(x) for x in exact]
    spare = cells - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (floors[i] - exact[i], i))
    for i in by_remainder[:spare]:
        floors[i] += 1
    return [(t, n) for (t, _), n in zip(counts, floors, strict=True)]


def cells_for(count: int, unit: int) -> int:
    if count == 0:
        return 0
    return max(1, round(Fraction(count, unit)))


def bar(d: DayActivity, on_w: int, span_w: int, unit: int, bar_w: int) -> Pieces:
    on, maybe_n = d.on_day_total, d.in_span_total
    label = f"{DAYS[d.day.weekday()]} {d.day.day:>2} {MONTHS[d.day.month - 1]} "
    parts = [
        (label, "bold" if on else ""),
        (str(on).rjust(on_w), "bold" if on else "dim"),
        (" +" + str(maybe_n).ljust(span_w) + " ", "dim"),
        ("│", "dim"),
    ]
    exact, maybe = cells_for(on, unit), cells_for(maybe_n, unit)
    if exact + maybe > bar_w:
        maybe = max(bar_w - exact, 0)
        exact = min(exact, bar_w)
    for t, n in share(list(d.on_day), exact):
        parts.append(
            (chart_parts.TYPE_SYMBOLS[t] * n, f"bold black on {chart_parts.TYPE_COLOURS[t]}")
        )
    parts.append((MAYBE * maybe, "dim"))
    return joined(*parts)


def legend(types: list[EventType], width: int) -> list[Pieces]:
    """The legend's lines: items two spaces apart, a new line when the next would not fit."""
    lead = "Dated to the day, by type:" + ("" if types else " none")
    items = [
        [
            (chart_parts.TYPE_SYMBOLS[t], f"bold black on {chart_parts.TYPE_COLOURS[t]}"),
            (" " + t.value, ""),
        ]
        for t in types
    ]
    return flowed(items, width, [(lead, "")])


def expected(act: Activity, width: int) -> list[object]:
    on_w = max(len(str(d.on_day_total)) for d in act.days)
    span_w = max(len(str(d.in_span_total)) for d in act.days)
    bar_w = max(width - (10 + 1 + on_w + 2 + span_w + 1) - 1, 1)
    biggest = max(d.on_day_total + d.in_span_total for d in act.days)
    unit = max(1, -(-biggest // bar_w))
    out: list[object] = [[(f"Events per day: {act.description}", "bold underline")]]
    if unit > 1:
        out.append([(f"one cell = {unit} events (numbers are exact)", "dim")])
    out += [bar(d, on_w, span_w, unit, bar_w) for d in act.days]
    out.append(None)
    types = [t for t in EventType if any(t2 is t and n for d in act.days for t2, n in d.on_day)]
    out += legend(types, width)
    out += [[(NOTE, "dim")], None]
    ranked = sorted((d for d in act.days if d.on_day_total), key=lambda d: (-d.on_day_total, d.day))
    busiest = ", ".join(
        f"{d.day.day} {MONTHS[d.day.month - 1]} ({d.on_day_total})" for d in ranked[:3]
    )
    empty = chart_parts.runs([d.day for d in act.days if not d.on_day_total])
    summary = f"busiest: {busiest or 'none'}; no event dated to the day: {empty or 'none'}"
    if empty:
        summary += " (spans may still cover those days)"
    out.append([(summary, "")])
    if act.outside:
        noun = "event" if act.outside == 1 else "events"
        out.append(
            [(f"{act.outside} matching {noun} lie outside these days (use --from/--to).", "dim")]
        )
    return out


def printed(console: Recorder) -> list[object]:
    return [None if x is None else pieces(x) for x in console.printed]


@pytest.mark.parametrize("width", [160, 80, 60, 40])
def test_days_of_the_campaign(shipped: Chronology, width: int) -> None:
    act = activity(shipped, Filter())
    assert act.outside > 1
    console = Recorder(width)
    days_chart.print_days(console, act)
    assert printed(console) == expected(act, width)
    for line in console.text.splitlines():
        assert len(line) <= width


def test_a_few_days_at_one_cell_an_event(shipped: Chronology) -> None:
    act = activity(shipped, Filter(start=dt.date(2020, 11, 6), end=dt.date(2020, 11, 9)))
    console = Recorder(200)
    days_chart.print_days(console, act)
    assert printed(console) == expected(act, 200)
    assert not any("one cell" in str(x) for x in printed(console))
    # at one cell an event, each type's cells are its count
    for d, line in zip(act.days, console.printed[1:], strict=False):
        bar_text = line.plain.split("│", 1)[1]
        for t, n in d.on_day:
            assert bar_text.count(chart_parts.TYPE_SYMBOLS[t]) == n
        assert bar_text.count(MAYBE) == d.in_span_total


def day(date: dt.date, on: list[tuple[EventType, int]], maybe: int = 0) -> DayActivity:
    span = ((EventType.FIGHTING, maybe),) if maybe else ()
    return DayActivity(date, tuple(on), span)


def made(shipped: Chronology, days: list[DayActivity], outside: int = 0) -> Activity:
    return dataclasses.replace(
        activity(shipped, Filter()), days=tuple(days), outside=outside, description="by hand"
    )


def test_shares_rounding_and_overshoot(shipped: Chronology) -> None:
    """Many events on a narrow console: a cell stands for several, shares by largest remainder."""
    d0 = dt.date(2020, 10, 26)
    days = [
        day(d0, [(EventType.ADVANCE, 7), (EventType.FIGHTING, 5), (EventType.CAPTURE, 1)], 1),
        day(d0 + dt.timedelta(1), [(EventType.SHELLING, 1), (EventType.STRIKE, 1)], 30),
        day(d0 + dt.timedelta(2), [], 2),
        day(d0 + dt.timedelta(3), [(EventType.ADVANCE, 3), (EventType.FOOTAGE, 3)], 0),
        day(d0 + dt.timedelta(4), [], 0),
    ]
    act = made(shipped, days, outside=1)
    for width in (40, 30, 24, 22, 20):
        console = Recorder(width)
        days_chart.print_days(console, act)
        assert printed(console) == expected(act, width), width


def test_nothing_on_any_day(shipped: Chronology) -> None:
    d0 = dt.date(2020, 10, 1)
    act = made(shipped, [day(d0, [], 3), day(d0 + dt.timedelta(1), [], 0)])
    console = Recorder(80)
    days_chart.print_days(console, act)
    got = printed(console)
    assert got == expected(act, 80)
    assert [("Dated to the day, by type: none", "")] in got
    assert got[-1] == [
        ("busiest: none; no event dated to the day: 1–2 Oct (spans may still cover those days)", "")
    ]


def test_no_empty_day(shipped: Chronology) -> None:
    d0 = dt.date(2020, 10, 1)
    act = made(
        shipped,
        [day(d0, [(EventType.ADVANCE, 2)]), day(d0 + dt.timedelta(3), [(EventType.CAPTURE, 4)])],
    )
    console = Recorder(80)
    days_chart.print_days(console, act)
    assert printed(console)[-1] == [
        ("busiest: 4 Oct (4), 1 Oct (2); no event dated to the day: none", "")
    ]
    assert printed(console) == expected(act, 80)


def test_split_by_hand() -> None:
    split = days_chart._split
    a, f, c = EventType.ADVANCE, EventType.FIGHTING, EventType.CAPTURE
    assert split([(a, 7), (f, 5), (c, 1)], 5) == [(a, 3), (f, 2), (c, 0)]
    assert split([(a, 1), (f, 1), (c, 1)], 2) == [(a, 1), (f, 1), (c, 0)]
    assert split([(a, 1), (f, 2)], 0) == []
    assert split([], 4) == []
    assert split([(a, 3)], 3) == [(a, 3)]


def test_the_palette_is_valid_and_tells_types_apart() -> None:
    """Every type has its own symbol (one character, never a side's letter or a front mark)
    and a colour Rich knows; every side its colour."""
    symbols = chart_parts.TYPE_SYMBOLS
    assert set(symbols) == set(EventType)
    assert len(set(symbols.values())) == len(EventType)
    for s in symbols.values():
        assert len(s) == 1
        assert not s.isalpha()
        assert s not in "/?·░ "
    assert set(chart_parts.TYPE_COLOURS) == set(EventType)
    for colour in [*chart_parts.TYPE_COLOURS.values(), *chart_parts.SIDE_COLOURS.values()]:
        Style.parse(f"bold black on {colour}")
    assert len(set(chart_parts.SIDE_COLOURS.values())) == len(chart_parts.SIDE_COLOURS)


def test_every_small_bar() -> None:
    """Every small day at every narrow bar: the cells never overshoot, the uncertain give way."""
    d0 = dt.date(2020, 11, 2)
    overshoots = 0
    for on in range(9):
        for maybe in range(9):
            for bar_w in range(1, 7):
                unit = max(1, -(-(on + maybe) // bar_w))
                split = [(EventType.ADVANCE, on - on // 3), (EventType.CAPTURE, on // 3)]
                d = day(d0, [(t, n) for t, n in split if n], maybe)
                got = pieces(days_chart._day_bar(d, 2, 2, unit, bar_w))
                assert got == bar(d, 2, 2, unit, bar_w), (on, maybe, bar_w)
                cells = "".join(t for t, _ in got).split("│", 1)[1]
                assert len(cells) <= bar_w
                overshoots += cells_for(on, unit) + cells_for(maybe, unit) > bar_w
    assert overshoots > 10
