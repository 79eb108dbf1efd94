"""render/timeline.py: what the timeline and the event lists print, line by line, from the view.

The timelines are built by hand (the view's dataclass with chosen events), so every branch is
reached; each printed piece is compared with the text written out from the events' fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest

from shusha_cli.core.model import ARTICLE, Chronology, Event, EventType
from shusha_cli.render import table, timeline
from shusha_cli.render.grid import Grid
from shusha_cli.render.text import human_span
from shusha_cli.views.timeline import Timeline
from tests.render.by_hand import Pieces, Recorder, joined, pieces

NOTE = "⚑ marks a party's claim, not the article's own account."
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def columns(grid: Grid) -> list[tuple[str, int, int | None, int, str]]:
    return [(c.header, c.min_width, c.max_width, c.ratio, c.justify) for c in grid.columns]


def claimant(chron: Chronology, e: Event) -> str:
    return next(a.name for a in chron.actors if a.id == e.attribution)


def compact(chron: Chronology, e: Event, narrow: bool) -> Pieces:
    about = []
    if e.attribution != ARTICLE:
        about.append(f"claim by {claimant(chron, e)}")
    if e.places:
        about.append(", ".join(next(p.name for p in chron.places if p.id == i) for i in e.places))
    about.append(e.id)
    if narrow:
        about.append(" ".join(f"¶{n}" for n in e.sources))
    flag = [(" ⚑", "yellow")] if e.attribution != ARTICLE else []
    return joined((e.title, "bold"), *flag, ("\n" + " · ".join(about), "dim"))


def rows(grid: Grid) -> list[list[Pieces]]:
    return [[pieces(c) for c in row] for row in grid.rows]


def sample(chron: Chronology) -> list[Event]:
    """Events with and without a claim, places, a time of day and several paragraphs."""
    claim = next(e for e in chron.events if e.is_claim and e.places)
    own = next(e for e in chron.events if not e.is_claim and len(e.places) > 1)
    timed = next(e for e in chron.events if e.time_of_day is not None and not e.is_claim)
    nowhere = dataclasses.replace(own, id="nowhere", places=())
    return [claim, own, timed, nowhere]


def test_compact_table_wide(shipped: Chronology) -> None:
    events = sample(shipped)
    grid = timeline.compact_table(shipped, events, 64)
    assert grid.title is None
    assert columns(grid) == [
        ("Date", 11, 14, 0, "left"),
        ("Event", 20, None, 1, "left"),
        ("¶", 3, 5, 0, "left"),
    ]
    assert rows(grid) == [
        [
            pieces(table.when_cell(e)),
            compact(shipped, e, narrow=False),
            [(" ".join(f"¶{n}" for n in e.sources), "dim")],
        ]
        for e in events
    ]


def test_compact_table_narrow(shipped: Chronology) -> None:
    events = sample(shipped)
    grid = timeline.compact_table(shipped, events, 63)
    assert columns(grid) == [("Date", 1, 12, 0, "left"), ("Event", 1, None, 1, "left")]
    assert rows(grid) == [
        [pieces(table.when_cell(e)), compact(shipped, e, narrow=True)] for e in events
    ]


def printed(console: Recorder) -> list[object]:
    """What was printed: Text as pieces, a grid as its rows, a blank line as None."""
    out: list[object] = []
    for item in console.printed:
        if isinstance(item, Grid):
            out.append(("grid", item.title.plain if item.title else None, rows(item)))
        elif item is None:
            out.append(None)
        else:
            out.append(pieces(item))
    return out


def grid_of(g: Grid) -> object:
    return ("grid", g.title.plain if g.title else None, rows(g))


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("width", [80, 50])
def test_print_events(shipped: Chronology, full: bool, width: int) -> None:
    events = sample(shipped)
    console = Recorder(width)
    timeline.print_events(console, shipped, events, "At a place", full)
    heading = f"At a place — {len(events)} events"
    if full:
        body = [grid_of(table.events_table(shipped, events, heading, width))]
    else:
        body = [[(heading, "")], grid_of(timeline.compact_table(shipped, events, width))]
    assert printed(console) == [*body, [(NOTE, "dim")]]


def test_print_events_one_without_a_claim_and_none(shipped: Chronology) -> None:
    own = next(e for e in shipped.events if not e.is_claim)
    console = Recorder(80)
    timeline.print_events(console, shipped, [own], "Mine", False)
    assert printed(console) == [
        [("Mine — 1 event", "")],
        grid_of(timeline.compact_table(shipped, [own], 80)),
    ]
    console = Recorder(80)
    timeline.print_events(console, shipped, [], "Mine", True)
    assert printed(console) == [[("No events match: Mine.", "")]]
    assert console.text == "No events match: Mine.\n"


def under_way_line(e: Event) -> Pieces:
    return joined((f" {human_span(e.date)}  {e.title}", ""), (f" · {e.id}", "dim"))


def make(
    events: Sequence[Event],
    under_way: Sequence[Event] = (),
    matched: int | None = None,
    left_out: int = 0,
    start: dt.date | None = None,
) -> Timeline:
    return Timeline(
        tuple(events),
        tuple(under_way),
        len(events) if matched is None else matched,
        left_out,
        start,
        "a range",
    )


def test_nothing_matches(shipped: Chronology) -> None:
    console = Recorder(80)
    timeline.print_timeline(console, shipped, make([]), full=False)
    assert printed(console) == [[("No events match: Timeline: a range.", "")]]


@pytest.mark.parametrize("full", [False, True])
def test_events_only_no_claim(shipped: Chronology, full: bool) -> None:
    own = [e for e in shipped.events if not e.is_claim][:3]
    console = Recorder(80)
    timeline.print_timeline(console, shipped, make(own), full)
    body = (
        table.events_table(shipped, own, "", 80)
        if full
        else timeline.compact_table(shipped, own, 80)
    )
    assert printed(console) == [
        [("Timeline: a range — 3 events", "bold")],
        grid_of(body),
    ]


def test_limit_under_way_and_claims(shipped: Chronology) -> None:
    events = sample(shipped)
    background = [e for e in shipped.events if e.type is EventType.BACKGROUND][:2]
    other = next(e for e in shipped.events if e.type is not EventType.BACKGROUND)
    under = [*background, other]
    start = dt.date(2020, 10, 1)
    console = Recorder(50)
    timeline.print_timeline(console, shipped, make(events, under, matched=9, start=start), False)
    assert printed(console) == [
        [("Timeline: a range — the first 4 of 9 events (--limit)", "bold")],
        [
            (
                "3 earlier events (2 of them background) still under way on 1 Oct 2020 are "
                "listed at the end; --within leaves them out.",
                "dim",
            )
        ],
        grid_of(timeline.compact_table(shipped, events, 50)),
        None,
        [("Already under way on 1 Oct 2020", "bold")],
        *(under_way_line(e) for e in under),
        [(NOTE, "dim")],
    ]
    assert day(start) == "1 Oct 2020"


def test_only_under_way_one_of_them_no_background(shipped: Chronology) -> None:
    other = next(e for e in shipped.events if e.type is not EventType.BACKGROUND and not e.is_claim)
    start = dt.date(2020, 11, 9)
    console = Recorder(80)
    timeline.print_timeline(console, shipped, make([], [other], start=start), True)
    assert printed(console) == [
        [("Timeline: a range — 0 events", "bold")],
        [
            (
                "1 earlier event still under way on 9 Nov 2020 is listed at the end; "
                "--within leaves it out.",
                "dim",
            )
        ],
        [("No event begins in the range; some were under way.", "dim")],
        None,
        [("Already under way on 9 Nov 2020", "bold")],
        under_way_line(other),
    ]


def test_a_claim_only_under_way_still_gets_the_note(shipped: Chronology) -> None:
    own = next(e for e in shipped.events if not e.is_claim)
    claim = next(e for e in shipped.events if e.is_claim)
    console = Recorder(80)
    timeline.print_timeline(
        console, shipped, make([own], [claim], start=dt.date(2020, 11, 1)), False
    )
    assert printed(console)[-1] == [(NOTE, "dim")]


@pytest.mark.parametrize(("left_out", "words"), [(1, "1 event"), (5, "5 events")])
def test_within_says_what_it_left_out(shipped: Chronology, left_out: int, words: str) -> None:
    own = next(e for e in shipped.events if not e.is_claim)
    console = Recorder(80)
    timeline.print_timeline(
        console, shipped, make([own], left_out=left_out, start=dt.date(2020, 11, 1)), False
    )
    assert printed(console) == [
        [("Timeline: a range — 1 event", "bold")],
        [(f"--within left out {words} not wholly in range.", "dim")],
        grid_of(timeline.compact_table(shipped, [own], 80)),
    ]


def test_under_way_needs_a_first_day_for_its_line(shipped: Chronology) -> None:
    """Without a range's first day nothing can be under way; the view never builds that, and the
    renderer refuses it rather than print a day it does not have."""
    own = next(e for e in shipped.events if not e.is_claim)
    console = Recorder(80)
    with pytest.raises(AssertionError):
        timeline.print_timeline(console, shipped, make([own], [own], start=None), False)
    assert printed(console)[:2] == [
        [("Timeline: a range — 1 event", "bold")],
        grid_of(timeline.compact_table(shipped, [own], 80)),
    ]


@pytest.mark.parametrize("count", [1, 2])
def test_the_under_way_note_agrees_with_its_count(shipped: Chronology, count: int) -> None:
    others = [e for e in shipped.events if e.type is not EventType.BACKGROUND][:count]
    own = next(e for e in shipped.events if not e.is_claim)
    console = Recorder(200)
    timeline.print_timeline(
        console, shipped, make([own], others, start=dt.date(2020, 11, 2)), False
    )
    verb = (
        "is listed at the end; --within leaves it out"
        if count == 1
        else ("are listed at the end; --within leaves them out")
    )
    noun = "earlier event" if count == 1 else "earlier events"
    assert printed(console)[1] == [(f"{count} {noun} still under way on 2 Nov 2020 {verb}.", "dim")]
