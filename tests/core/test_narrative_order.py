"""The story's order: earliest day, then the file's (the article's) order, placed by time of day."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from shusha_cli.core.model import Event, EventType, Span, TimeOfDay, narrative_order


def _event(ident: str, day: int, tod: TimeOfDay | None = None) -> Event:
    d = dt.date(2020, 11, day)
    return Event(ident, Span(d, d, d.isoformat()), ident, ident, EventType.FIGHTING, (1,),
                 time_of_day=tod)  # fmt: skip


def _ids(events: list[Event]) -> list[str]:
    order = narrative_order(events, ())
    return sorted(order, key=order.__getitem__)


def test_within_a_day_the_file_order_is_kept_not_the_ids() -> None:
    events = [_event("zz-capture", 7), _event("aa-report", 7), _event("mm-denial", 7)]
    assert _ids(events) == ["zz-capture", "aa-report", "mm-denial"]


def test_earlier_day_first_whatever_the_file_order() -> None:
    events = [_event("later", 8), _event("earlier", 7)]
    assert _ids(events) == ["earlier", "later"]


def test_an_untimed_event_keeps_the_time_of_the_timed_one_before_it() -> None:
    # capture (noon), then the report of it (no time): the report may not jump before noon.
    events = [
        _event("approach", 7),
        _event("capture", 7, TimeOfDay.NOON),
        _event("report", 7),
        _event("evening-address", 7, TimeOfDay.EVENING),
    ]
    assert _ids(events) == ["approach", "capture", "report", "evening-address"]


def test_a_timed_event_moves_only_as_far_as_its_time_requires() -> None:
    events = [
        _event("shelling-evening", 7, TimeOfDay.EVENING),
        _event("after-it", 7),
        _event("night-before", 7, TimeOfDay.NIGHT),
    ]
    assert _ids(events) == ["night-before", "shelling-evening", "after-it"]


@given(st.lists(st.tuples(st.integers(1, 3), st.sampled_from([None, *TimeOfDay])), max_size=12))
def test_order_is_total_and_respects_days_and_stated_times(
    spec: list[tuple[int, TimeOfDay | None]],
) -> None:
    events = [_event(f"e{i}", day, tod) for i, (day, tod) in enumerate(spec)]
    ranked = [next(e for e in events if e.id == i) for i in _ids(events)]
    assert len(ranked) == len(events)
    assert [e.date.start for e in ranked] == sorted(e.date.start for e in ranked)
    for a, b in itertools.pairwise(ranked):
        same_day = a.date.start == b.date.start
        if same_day and a.time_of_day is not None and b.time_of_day is not None:
            assert a.time_of_day.rank <= b.time_of_day.rank
        if same_day and a.time_of_day is None and b.time_of_day is None:
            assert int(a.id[1:]) < int(b.id[1:])  # two untimed events keep the file's order
