"""render/front_chart.py: the control grid read back cell by cell, the legend, the lists.

The grid's cells are compared with the view's holdings (the letter, its case and its colour),
its headers with the calendar, and every line of the lists with the changes' fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.core.model import ARTICLE, Chronology, Extent, Side
from shusha_cli.core.query import ControlStep, Filter
from shusha_cli.render import front_chart
from shusha_cli.render.grid import Grid
from shusha_cli.render.text import human_span
from shusha_cli.views.days import precision_words
from shusha_cli.views.front import Front, FrontChange, Hold, Holding, front
from tests.render.by_hand import (
    MONTHS,
    SIDE_COLOURS,
    SIDE_LETTERS,
    Pieces,
    Recorder,
    flowed,
    holder_style,
    joined,
    pieces,
)


def mark(h: Holding) -> str:
    if h.hold is not Hold.UNKNOWN and h.step is not None and h.step.event.is_claim:
        return "⚑"
    if h.hold is Hold.HELD and h.side is not None:
        return SIDE_LETTERS[h.side]
    if h.hold is Hold.IMPLIED and h.side is not None:
        return SIDE_LETTERS[h.side].lower()
    return {Hold.PARTIAL: "/", Hold.CHANGING: "?"}.get(h.hold, "·")


def months_line(block: list[dt.date], cw: int) -> str:
    """Month names where a month (or the block) starts, if they fit before the next one."""
    line = [" "] * (len(block) * cw)
    starts = [i for i, d in enumerate(block) if i == 0 or d.day == 1]
    for n, i in enumerate(starts):
        name = MONTHS[block[i].month - 1]
        last = n == len(starts) - 1
        end = len(line) if last else starts[n + 1] * cw
        room = end - i * cw
        if len(name) < room or (last and len(name) == room):
            line[i * cw : i * cw + len(name)] = list(name)
    return "".join(line).rstrip()


def grid(f: Front, width: int) -> list[Pieces]:
    rows = f.known_rows
    days = list(f.range.days)
    label = max(len(safe(r.place.name)) for r in rows)
    if label + 8 > width:
        label = max(width - 8, 4)
    cw = 3 if label + 1 + 3 * len(days) <= width else 1
    per = max((width - label - 1) // cw, 1)
    out: list[Pieces] = []
    for lo in range(0, len(days), per):
        block = days[lo : lo + per]
        if lo:
            out.append([])
        pad = " " * (label + 1)
        out.append(joined((pad + months_line(block, cw), "bold")))
        if cw == 3:
            out.append(joined((pad + "".join(" " + str(d.day).ljust(2) for d in block), "dim")))
        else:
            tens = "".join(str(d.day)[0] if d.day > 9 else " " for d in block)
            out.append(joined((pad + tens, "dim")))
            out.append(joined((pad + "".join(str(d.day)[-1] for d in block), "dim")))
        for r in rows:
            name = safe(r.place.name)
            if len(name) > label:
                name = name[: max(label - 1, 1)] + "…"
            cells = [
                ((" " + mark(h) + " ") if cw == 3 else mark(h), holder_style(h))
                for h in r.cells[lo : lo + per]
            ]
            out.append(joined((name.ljust(label + 1), ""), *cells))
    return out


SIDES = [
    [(f" {SIDE_LETTERS[s]} ", f"bold black on {SIDE_COLOURS[s]}"), (f" {s.value}", "")]
    for s in Side
]
HOLDS = [
    ("A", "bold black on cyan", "held by that side: a recorded change to it, known done, none since"),
    ("a", "dim cyan", "held by that side only as far as its first recorded change implies"),
    ("?", "bold cyan", "changing hands on a day the data does not give (the change's span)"),
    ("/", "bold cyan", "partly held, after a partial change"),
    ("⚑", "bold cyan", "a party's claim alone says so, not the article; --article-only drops claims"),
    ("·", "dim", "the data does not say"),
]  # fmt: skip


def legend(width: int) -> list[object]:
    out: list[object] = list(flowed(SIDES, width, [("Sides:", "")]))
    out += [joined((f" {m} ", s), (f" {w}", "")) for m, s, w in HOLDS]
    out.append(
        [
            (
                "Claims count as recorded changes; ⚑ marks them in the grid and the list of "
                "changes.",
                "",
            )
        ]
    )
    return out


def author(chron: Chronology, ident: str) -> str:
    return (
        "the article" if ident == ARTICLE else next(a.name for a in chron.actors if a.id == ident)
    )


def unsure(c: FrontChange) -> str:
    span = c.step.event.date
    if span.end is None:
        return "on or after this; day not known"
    return "day not sure" if span.end == span.start else "day not known"


def changes_grid(chron: Chronology, changes: list[FrontChange], title: str) -> object:
    rows: list[list[Pieces]] = []
    keys: list[tuple[str, str, str | None, str]] = []
    for c in changes:
        e, ch = c.step.event, c.step.change
        key = (e.id, ch.to.value, ch.from_.value if ch.from_ else None, ch.extent.value)
        if key in keys:
            rows[keys.index(key)][1] = joined(
                (rows[keys.index(key)][1][0][0] + ", " + c.place.name, "")
            )
            continue
        keys.append(key)
        when = [(human_span(e.date), "bold")]
        if e.time_of_day is not None:
            when.append((" " + e.time_of_day.value, "italic"))
        if not c.day_known:
            when.append(("\n" + unsure(c), "dim"))
        what = [(f"to {ch.to.value}", f"bold {SIDE_COLOURS[ch.to]}")]
        if ch.from_ is not None:
            what.append((f" from {ch.from_.value}", ""))
        if ch.extent is Extent.PARTIAL:
            what.append((" (partial)", "bold"))
        what.append((f" — {e.title}", ""))
        if e.is_claim:
            what.append((f"\n⚑ claim by {author(chron, e.attribution)}", "yellow"))
        rows.append([joined(*when), joined((c.place.name, "")), joined(*what)])
    return (
        "grid",
        title,
        [
            ("When", 11, 22, 0, "left"),
            ("Places", 8, 22, 0, "left"),
            ("Change", 20, None, 1, "left"),
        ],
        rows,
    )


def folded(chron: Chronology, f: Front) -> list[object]:
    if not f.folded:
        return []
    out: list[object] = [
        None,
        [
            (
                "Changing hands on a day the data does not give, across the whole range (? on "
                "every day):",
                "bold",
            )
        ],
    ]
    for step, rows in f.folded:
        e = step.event
        names = ", ".join(
            r.place.name
            + (
                " (in part)"
                if r.cells[0].step and r.cells[0].step.change.extent is Extent.PARTIAL
                else ""
            )
            for r in rows
        )
        parts = [
            (" " + ("⚑" if e.is_claim else "?") + " " + names, ""),
            (f" — {human_span(e.date)}: {e.title}", "dim"),
        ]
        if e.is_claim:
            parts.append((f" (claim by {author(chron, e.attribution)})", "yellow"))
        out.append(joined(*parts))
    return out


def listed(f: Front) -> list[FrontChange]:
    told = {(s.event.id, r.place.id) for s, rows in f.folded for r in rows}
    return [c for c in f.changes if (c.step.event.id, c.place.id) not in told]


def unrecorded(f: Front) -> list[object]:
    if not f.unrecorded:
        return []
    names = ", ".join(p.name for p in f.unrecorded)
    text = (
        "Named in this range, no change of control recorded (the data does not say who held "
        f"them): {names}."
    )
    return [None, [(text, "dim")]]


def shown(x: object) -> object:
    if x is None:
        return None
    if isinstance(x, Grid):
        cols = [(c.header, c.min_width, c.max_width, c.ratio, c.justify) for c in x.columns]
        return (
            "grid",
            x.title.plain if x.title else None,
            cols,
            [[pieces(c) for c in r] for r in x.rows],
        )
    assert isinstance(x, Text)
    return pieces(x)


def printed(console: Recorder) -> list[object]:
    return [shown(x) for x in console.printed]


def page(chron: Chronology, f: Front, width: int) -> list[object]:
    out: list[object] = [[(f"Control of places: {f.description}", "bold underline")]]
    if not f.rows:
        out.append([("The data records no change of control that bears on this range.", "")])
    else:
        if f.known_rows:
            out += grid(f, width)
        out += folded(chron, f)
        out += [None, *legend(width)]
    changes = listed(f)
    if changes:
        noun = "change" if len(changes) == 1 else "changes"
        out += [None, changes_grid(chron, changes, f"{len(changes)} {noun} of control")]
    return out + unrecorded(f)


@pytest.mark.parametrize("width", [200, 120, 80, 40, 20])
def test_the_campaign(shipped: Chronology, width: int) -> None:
    f = front(shipped, Filter())
    assert f.folded
    assert f.unrecorded
    console = Recorder(width)
    front_chart.print_front(console, shipped, f)
    assert printed(console) == page(shipped, f, width)


@pytest.mark.parametrize("width", [80, 50])
def test_a_few_days_and_the_article_alone(shipped: Chronology, width: int) -> None:
    f = front(
        shipped, Filter(start=dt.date(2020, 10, 30), end=dt.date(2020, 11, 2)), article_only=True
    )
    console = Recorder(width)
    front_chart.print_front(console, shipped, f)
    assert printed(console) == page(shipped, f, width)


def test_the_grid_reads_back_as_the_holdings(shipped: Chronology) -> None:
    """At three columns a day, a cell's letter is in its middle under the day's number."""
    f = front(shipped, Filter(start=dt.date(2020, 10, 28), end=dt.date(2020, 11, 10)))
    console = Recorder(200)
    front_chart.print_front(console, shipped, f)
    lines = console.text.splitlines()
    label = max(len(r.place.name) for r in f.known_rows) + 1
    days = f.range.days
    assert lines[1] == " " * label + "Oct" + " " * (3 * 4 - 3) + "Nov"
    assert lines[2] == " " * label + "".join(f" {d.day:<2}" for d in days)
    for r, line in zip(f.known_rows, lines[3:], strict=False):
        assert line[:label].rstrip() == r.place.name
        assert [line[label + 3 * i + 1] for i in range(len(days))] == [mark(h) for h in r.cells]


@pytest.mark.parametrize(
    ("first", "count", "cw", "line"),
    [
        (dt.date(2020, 10, 26), 8, 1, "Oct"),  # no room for Nov in its last two days
        (dt.date(2020, 10, 28), 8, 1, "Oct Nov"),  # Oct has exactly its name and a space
        (dt.date(2020, 10, 29), 36, 1, "   Nov" + " " * 27 + "Dec"),  # Oct has no room
        (dt.date(2020, 10, 30), 3, 3, "Oct   Nov"),
        (dt.date(2020, 10, 31), 1, 3, "Oct"),
    ],
)
def test_month_names(first: dt.date, count: int, cw: int, line: str) -> None:
    block = [first + dt.timedelta(i) for i in range(count)]
    assert months_line(block, cw) == line
    assert front_chart._grid_header(block, 0, cw)[0].plain == " " + line


def test_months_by_hand() -> None:
    oct30 = [dt.date(2020, 10, 30) + dt.timedelta(i) for i in range(5)]
    assert months_line(oct30, 1) == "  Nov"
    assert months_line(oct30, 3) == "Oct   Nov"
    assert [t.plain for t in front_chart._grid_header(oct30, 2, 3)] == [
        "   Oct   Nov",
        "    30 31 1  2  3 ",
    ]
    assert [t.plain for t in front_chart._grid_header(oct30, 2, 1)] == [
        "     Nov",
        "   33   ",
        "   01123",
    ]


def test_nothing_recorded(shipped: Chronology) -> None:
    f = front(shipped, Filter())
    empty = dataclasses.replace(f, rows=(), changes=(), unrecorded=())
    console = Recorder(80)
    front_chart.print_front(console, shipped, empty)
    assert printed(console) == [
        [(f"Control of places: {f.description}", "bold underline")],
        [("The data records no change of control that bears on this range.", "")],
    ]


def test_only_folded_rows(shipped: Chronology) -> None:
    f = front(shipped, Filter())
    only = dataclasses.replace(f, rows=tuple(r for r in f.rows if r.only_changing), unrecorded=())
    assert only.rows
    assert not only.known_rows
    console = Recorder(80)
    front_chart.print_front(console, shipped, only)
    assert printed(console) == page(shipped, only, 80)


def since(chron: Chronology, h: Holding) -> Pieces:
    if h.step is None:
        return []
    e = h.step.event
    when = human_span(e.date) + (f" {e.time_of_day.value}" if e.time_of_day else "")
    if h.hold is Hold.IMPLIED:
        text = f"until it passed to {h.step.change.to.value} ({when}): {e.title}"
    elif h.hold is Hold.CHANGING:
        text = f"{when}, {precision_words(e.date)}: {e.title}"
    else:
        text = f"since {when}: {e.title}"
    parts = [(text, "")]
    if e.is_claim:
        parts.append((f"\n⚑ claim by {author(chron, e.attribution)}", "yellow"))
    return joined(*parts)


def words(h: Holding) -> str:
    side = h.side.value if h.side else "?"
    if h.hold is Hold.HELD:
        return f"held by {side}"
    if h.hold is Hold.PARTIAL:
        return f"partly held by {side}" + (f" (rest: {h.other.value})" if h.other else "")
    if h.hold is Hold.CHANGING:
        part = " in part" if h.step and h.step.change.extent is Extent.PARTIAL else ""
        return f"passing{part} to {side}" + (f" from {h.other.value}" if h.other else "")
    if h.hold is Hold.IMPLIED:
        return f"held by {side}, as a later change implies"
    return "not known"


def day_page(chron: Chronology, f: Front, width: int) -> list[object]:
    d = f.range.start
    day = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    out: list[object] = [[(f"Control of places: {f.description}", "bold underline")]]
    if f.known_rows:
        rows = [
            [
                [(f" {mark(r.cells[0])} ", holder_style(r.cells[0]))],
                [(r.place.name, "bold")],
                [(words(r.cells[0]), "")] if words(r.cells[0]) else [],
                since(chron, r.cells[0]),
            ]
            for r in f.known_rows
        ]
        out.append(
            (
                "grid",
                f"Who held what on {day}, as far as the data says",
                [
                    ("", 3, 3, 0, "left"),
                    ("Place", 8, 22, 0, "left"),
                    ("Holder", 10, 26, 0, "left"),
                    ("Because", 16, None, 1, "left"),
                ],
                rows,
            )
        )
    elif not f.rows:
        out.append([(f"The data says nothing about who held which place on {day}.", "")])
    out += folded(chron, f)
    changes = listed(f)
    if changes:
        noun = "change" if len(changes) == 1 else "changes"
        title = f"{len(changes)} {noun} of control that day, or in a span that includes it"
        out += [None, changes_grid(chron, changes, title)]
    return [*out, *unrecorded(f), None, *legend(width)]


@pytest.mark.parametrize(
    "on",
    [dt.date(2020, 11, 8), dt.date(2020, 10, 20), dt.date(2020, 11, 10), dt.date(2020, 11, 5)],
)
def test_one_day(shipped: Chronology, on: dt.date) -> None:
    f = front(shipped, Filter(start=on, end=on))
    assert f.range.single_day
    console = Recorder(100)
    front_chart.print_front(console, shipped, f)
    assert printed(console) == day_page(shipped, f, 100)


def test_one_day_with_nothing_and_with_every_kind_of_holding(shipped: Chronology) -> None:
    f = front(shipped, Filter(start=dt.date(2020, 11, 8), end=dt.date(2020, 11, 8)))
    console = Recorder(100)
    bare = dataclasses.replace(f, rows=(), changes=(), unrecorded=())
    front_chart.print_front(console, shipped, bare)
    assert printed(console) == day_page(shipped, bare, 100)
    row = f.known_rows[0]
    step = next(r.cells[0].step for r in f.known_rows if r.cells[0].step is not None)
    kinds = [
        Holding(Hold.UNKNOWN),
        Holding(Hold.HELD, Side.ARMENIA, None, step),
        Holding(Hold.IMPLIED, Side.RUSSIA, None, step),
        Holding(Hold.PARTIAL, Side.OTHER, Side.ARMENIA, step),
        Holding(Hold.PARTIAL, Side.AZERBAIJAN, None, step),
        Holding(Hold.CHANGING, Side.NAGORNO_KARABAKH, Side.ARMENIA, step),
        Holding(Hold.CHANGING, Side.AZERBAIJAN, None, None),
    ]
    rows = tuple(dataclasses.replace(row, cells=(k,)) for k in kinds)
    many = dataclasses.replace(f, rows=rows)
    console = Recorder(100)
    front_chart.print_front(console, shipped, many)
    assert printed(console) == day_page(shipped, many, 100)


def test_the_widths_where_the_layout_changes(shipped: Chronology) -> None:
    """Names shortened only below name + 1 + 7 columns; three columns a day only where all fit."""
    f = front(shipped, Filter(start=dt.date(2020, 11, 1), end=dt.date(2020, 11, 4)))
    label = max(len(r.place.name) for r in f.known_rows)
    for width in (label + 8, label + 7, label + 1 + 12, label + 1 + 11, 12, 11, 10, 9):
        console = Recorder(width)
        front_chart.print_front(console, shipped, f)
        assert printed(console) == page(shipped, f, width), width
    console = Recorder(label + 13)
    front_chart.print_front(console, shipped, f)
    assert " " * (label + 1) + " 1  2  3  4 " in console.text.splitlines()


def test_changes_of_one_event_grouped_only_when_alike(shipped: Chronology) -> None:
    f = front(shipped, Filter(start=dt.date(2020, 11, 7), end=dt.date(2020, 11, 7)))
    c = listed(f)[0]
    others = [p for p in shipped.places if p.id != c.place.id][:4]
    ch = c.step.change
    other_side = next(s for s in Side if s not in (ch.to, ch.from_))
    variants = [
        dataclasses.replace(ch, place=others[0].id),  # alike: shares c's row
        dataclasses.replace(ch, place=others[1].id, from_=other_side),
        dataclasses.replace(ch, place=others[2].id, from_=None),
        dataclasses.replace(
            ch,
            place=others[3].id,
            extent=Extent.FULL if ch.extent is Extent.PARTIAL else Extent.PARTIAL,
        ),
    ]
    changes = [c] + [
        FrontChange(p, ControlStep(c.step.event, v)) for p, v in zip(others, variants, strict=True)
    ]
    many = dataclasses.replace(f, changes=tuple(changes))
    console = Recorder(100)
    front_chart.print_front(console, shipped, many)
    got = printed(console)
    assert got == day_page(shipped, many, 100)
    grids = [x for x in got if isinstance(x, tuple) and x[1].startswith("5 changes")]
    assert len(grids[0][3]) == 4


def test_fit_label() -> None:
    assert front_chart._fit_label("Shusha", 6) == "Shusha"
    assert front_chart._fit_label("Shusha", 5) == "Shus…"
    assert front_chart._fit_label("Shusha", 1) == "S…"


def test_since_for_every_kind_of_holding(shipped: Chronology) -> None:
    """Why a place is held as the one-day table says it, for each holding, a claim's too."""
    claim = next(e for e in shipped.events if e.is_claim and e.control)
    own = next(e for e in shipped.events if not e.is_claim and e.control and e.time_of_day)
    unsure_day = next(e for e in shipped.events if e.control and e.date.end != e.date.start)
    for event in (claim, own, unsure_day):
        step = ControlStep(event, event.control[0])
        for hold in Hold:
            h = Holding(hold, Side.ARMENIA, None, step)
            assert pieces(front_chart._since(shipped, h)) == since(shipped, h), (event.id, hold)
    assert pieces(front_chart._since(shipped, Holding(Hold.HELD, Side.ARMENIA))) == []
    h = Holding(Hold.CHANGING, Side.ARMENIA, None, ControlStep(claim, claim.control[0]))
    assert pieces(front_chart._since(shipped, h))[-1] == (
        f"\n⚑ claim by {author(shipped, claim.attribution)}",
        "yellow",
    )


@pytest.mark.parametrize(
    ("on", "count"),
    [(dt.date(2020, 10, 29), 2), (dt.date(2020, 11, 6), 1), (dt.date(2020, 11, 7), 4)],
)
def test_one_day_with_changes_listed(shipped: Chronology, on: dt.date, count: int) -> None:
    f = front(shipped, Filter(start=on, end=on))
    assert len(listed(f)) == count
    console = Recorder(100)
    front_chart.print_front(console, shipped, f)
    got = printed(console)
    assert got == day_page(shipped, f, 100)
    noun = "change" if count == 1 else "changes"
    title = f"{count} {noun} of control that day, or in a span that includes it"
    assert title in [x[1] for x in got if isinstance(x, tuple)]
