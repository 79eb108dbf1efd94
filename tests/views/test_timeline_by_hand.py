"""The timeline view and the export selection, checked against the same answers done by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core import query
from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology, Event, EventType, Source
from shusha_cli.core.query import Filter, FilterInput
from shusha_cli.views import timeline as timeline_view

D = dt.date


def _filter(chron: Chronology, **given: str) -> Filter:
    return query.resolve_filter(chron, FilterInput(**given))  # type: ignore[arg-type]


def _ids(events: tuple[Event, ...] | list[Event]) -> list[str]:
    return [e.id for e in events]


def _story(chron: Chronology) -> list[Event]:
    return sorted(chron.events, key=chron.order)


# The ranges to check: inside the campaign, a day, open at either end, none.
RANGES = [
    {"date_from": "2020-10-29"},
    {"date_from": "2020-11-01", "date_to": "2020-11-05"},
    {"on": "2020-11-07"},
    {"date_to": "2020-10-20"},
    {},
]


@pytest.mark.parametrize("given", RANGES, ids=str)
def test_the_timeline_split_by_hand(shipped: Chronology, given: dict[str, str]) -> None:
    filt = _filter(shipped, **given)
    start, end = filt.start, filt.end
    # by hand: every event overlapping the range, in story order
    overlapping = [
        e
        for e in _story(shipped)
        if (end is None or e.date.start <= end)
        and (start is None or e.date.end is None or e.date.end >= start)
    ]
    earlier = [e for e in overlapping if start is not None and e.date.start < start]
    proper = [e for e in overlapping if e not in earlier]
    tl = timeline_view.timeline(shipped, filt)
    assert _ids(tl.under_way) == _ids(earlier)
    assert _ids(tl.events) == _ids(proper)
    assert _ids(tl.all_events) == _ids(earlier) + _ids(proper)
    assert (tl.matched, tl.left_out, tl.start) == (len(proper), 0, start)
    assert tl.description == filt.description
    bg = [e for e in earlier if e.type.value == "background"]
    assert tl.background_under_way == len(bg)
    if start is not None:
        assert bg  # the negotiations since 1994 are under way on any day of 2020

    # --within: only the events dated wholly inside the range
    wholly = [
        e
        for e in overlapping
        if (start is None or e.date.start >= start)
        and (end is None or (e.date.end is not None and e.date.end <= end))
    ]
    inside = timeline_view.timeline(shipped, filt, within=True)
    assert _ids(inside.events) == _ids(wholly)
    assert inside.under_way == ()
    assert (inside.matched, inside.left_out) == (len(wholly), len(overlapping) - len(wholly))
    assert [timeline_view.inside(e, filt) for e in overlapping] == [
        e in wholly for e in overlapping
    ]

    # --reverse and --limit act on the timeline proper only
    for limit in (1, 2, 5, None):
        for reverse in (False, True):
            tl = timeline_view.timeline(shipped, filt, limit=limit, reverse=reverse)
            ordered = proper[::-1] if reverse else proper
            assert _ids(tl.events) == _ids(ordered[:limit] if limit else ordered)
            assert _ids(tl.under_way) == _ids(earlier)
            assert tl.matched == len(proper)


def _event(ident: str, date: str, kind: EventType = EventType.FIGHTING) -> Event:
    return Event(ident, parse_edtf(date), ident, ident, kind, (1,))


def _chron(*events: Event) -> Chronology:
    return Chronology(Source("t", "t.md", 3), (), (), tuple(events), ())


SMALL = _chron(
    _event("bg", "2020-01-01/2020-10-20", EventType.BACKGROUND),
    _event("long", "2020-10-05/2020-10-12"),
    _event("first-day", "2020-10-10"),
    _event("open", "2020-10-11/.."),
    _event("last-day", "2020-10-15"),
    _event("past-end", "2020-10-14/2020-10-16"),
    _event("later", "2020-10-16"),
)


def test_the_edges_of_a_range() -> None:
    filt = Filter(start=D(2020, 10, 10), end=D(2020, 10, 15))
    tl = timeline_view.timeline(SMALL, filt)
    # an event beginning on the range's first day belongs to the timeline proper
    assert _ids(tl.under_way) == ["bg", "long"]
    assert _ids(tl.events) == ["first-day", "open", "past-end", "last-day"]
    assert tl.background_under_way == 1
    inside = timeline_view.timeline(SMALL, filt, within=True)
    # ending on the last day is inside; an open end or a later end is not
    assert _ids(inside.events) == ["first-day", "last-day"]
    assert inside.left_out == 4
    assert [timeline_view.began_before(e, None) for e in SMALL.events] == [False] * 7
    assert [timeline_view.began_before(e, D(2020, 10, 10)) for e in SMALL.events] == [
        True, True, False, False, False, False, False,
    ]  # fmt: skip


def test_an_open_ended_filter_and_within() -> None:
    only_from = Filter(start=D(2020, 10, 11))
    assert [timeline_view.inside(e, only_from) for e in SMALL.events] == [
        False, False, False, True, True, True, True,
    ]  # fmt: skip
    only_to = Filter(end=D(2020, 10, 15))
    assert [timeline_view.inside(e, only_to) for e in SMALL.events] == [
        False, True, True, False, True, False, False,
    ]  # fmt: skip
    assert all(timeline_view.inside(e, Filter()) for e in SMALL.events)


@pytest.mark.parametrize("limit", [0, -1, -5])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(UsageError) as caught:
        timeline_view.timeline(SMALL, Filter(), limit=limit)
    assert str(caught.value) == f"--limit must be at least 1, not {limit}"


def test_a_limit_of_one_keeps_one() -> None:
    tl = timeline_view.timeline(SMALL, Filter(), limit=1)
    assert (_ids(tl.events), tl.matched) == (["bg"], 7)


# --- coverage_note -----------------------------------------------------------------------------

NOTE = _chron(
    _event("bg", "2019-05-01/2019-06-01", EventType.BACKGROUND),
    _event("a", "2020-10-10"),
    _event("b", "2020-10-20/2020-10-22"),
    _event("open", "2020-10-15/.."),
    _event("open-2", "2020-10-18/.."),
)
_SPAN = "note: the chronology's events are dated 2019-05-01 to 2020-10-22"
_CAMPAIGN = " (the campaign 2020-10-10 to 2020-10-22)"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (None, None),
        (D(2019, 5, 1), None),
        (None, D(2020, 10, 22)),
        (D(2020, 10, 22), D(2020, 10, 22)),  # the last day
        (D(2019, 5, 1), D(2019, 5, 1)),  # the first day
        (D(2018, 1, 1), D(2021, 1, 1)),  # around it all
    ],
)
def test_no_note_for_a_range_that_meets_the_span(
    start: dt.date | None, end: dt.date | None
) -> None:
    assert timeline_view.coverage_note(NOTE, Filter(start=start, end=end)) is None


def test_a_range_after_the_span_names_the_open_ended_events() -> None:
    after = timeline_view.coverage_note(NOTE, Filter(start=D(2020, 10, 23)))
    assert after == (
        f"{_SPAN}{_CAMPAIGN}; this range lies outside them, so only 2 open-ended events "
        "(no known end) match"
    )
    assert query.timeline(NOTE, Filter(start=D(2020, 10, 23))) == [NOTE.events[3], NOTE.events[4]]
    one = timeline_view.coverage_note(NOTE, Filter(start=D(2020, 10, 23), end=D(2020, 10, 16)))
    # (a reversed range is refused earlier; here only one open event reaches it)
    assert one is not None
    assert one.endswith("so only 1 open-ended event (no known end) match")


def test_a_range_before_the_span_matches_nothing() -> None:
    before = timeline_view.coverage_note(NOTE, Filter(end=D(2019, 4, 30)))
    assert before == f"{_SPAN}{_CAMPAIGN}; this range lies outside them, so nothing in it matches"
    also = timeline_view.coverage_note(NOTE, Filter(start=D(2019, 1, 1), end=D(2019, 4, 30)))
    assert also == before


def test_no_campaign_words_when_everything_is_background() -> None:
    chron = _chron(_event("bg", "2019-05-01/2019-06-01", EventType.BACKGROUND))
    note = timeline_view.coverage_note(chron, Filter(start=D(2020, 1, 1)))
    assert note == (
        "note: the chronology's events are dated 2019-05-01 to 2019-06-01; this range lies "
        "outside them, so nothing in it matches"
    )


def test_no_note_without_a_closed_event() -> None:
    chron = _chron(_event("open", "2020-10-15/.."))
    assert timeline_view.coverage_note(chron, Filter(start=D(2030, 1, 1))) is None
    assert timeline_view.coverage_note(_chron(), Filter(start=D(2030, 1, 1))) is None


def test_the_shipped_note(shipped: Chronology) -> None:
    first = min(e.date.start for e in shipped.events)
    last = max(e.date.end for e in shipped.events if e.date.end is not None)
    lo, hi = query.campaign_bounds(shipped.events)
    assert lo is not None
    assert hi is not None
    filt = _filter(shipped, date_from="2021-06-01")
    open_ended = [e for e in shipped.events if e.date.end is None]
    note = timeline_view.coverage_note(shipped, filt)
    n = len(open_ended)
    what = (
        f"only {n} open-ended event{'' if n == 1 else 's'} (no known end) match"
        if n
        else "nothing in it matches"
    )
    assert note == (
        f"note: the chronology's events are dated {first} to {last} (the campaign {lo} to {hi}); "
        f"this range lies outside them, so {what}"
    )
