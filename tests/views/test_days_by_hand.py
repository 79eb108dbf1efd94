"""The day range of the campaign views, checked against the calendar and brute-force answers."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology, Event, EventType, Qualifier, Source, Span
from shusha_cli.core.query import Filter
from shusha_cli.views import days as days_view
from shusha_cli.views.days import MAX_DAYS, DayRange, campaign_range, view_range

D = dt.date


def _event(ident: str, date: str, kind: EventType = EventType.FIGHTING) -> Event:
    return Event(ident, parse_edtf(date), ident, ident, kind, (1,))


def _chron(*events: Event) -> Chronology:
    return Chronology(Source("t", "t.md", 3), (), (), tuple(events), ())


def _calendar(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end by stepping one ordinal at a time."""
    return [dt.date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]


# --- DayRange ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2020, 10, 15), D(2020, 11, 10)),
        (D(2020, 2, 27), D(2020, 3, 2)),  # over a leap day
        (D(2020, 12, 30), D(2021, 1, 2)),
        (D(2020, 11, 7), D(2020, 11, 7)),
    ],
)
def test_a_range_holds_every_day_of_the_calendar_once(start: dt.date, end: dt.date) -> None:
    rng = DayRange(start, end)
    assert list(rng.days) == _calendar(start, end)
    assert rng.single_day is (len(_calendar(start, end)) == 1)


# --- campaign_range ----------------------------------------------------------------------------


def _by_hand(chron: Chronology) -> tuple[dt.date, dt.date]:
    """The campaign's days, brute force: sure single days of the operations only."""
    said = {"background", "statement", "denial", "footage"}
    sure = [
        e.date.start
        for e in chron.events
        if e.date.end == e.date.start and e.date.qualifier is None and e.type.value not in said
    ]
    return min(sure), max(sure)


def test_the_shipped_campaign_is_the_articles_frame(shipped: Chronology) -> None:
    rng = campaign_range(shipped)
    assert (rng.start, rng.end) == (D(2020, 10, 15), D(2020, 11, 10))
    assert (rng.start, rng.end) == _by_hand(shipped)


@pytest.mark.parametrize(
    "kind", [EventType.BACKGROUND, EventType.STATEMENT, EventType.DENIAL, EventType.FOOTAGE]
)
def test_what_was_said_or_shown_does_not_stretch_the_campaign(kind: EventType) -> None:
    chron = _chron(
        _event("before", "2020-10-01", kind),
        _event("a", "2020-10-10"),
        _event("b", "2020-10-12", EventType.CAPTURE),
        _event("after", "2020-10-30", kind),
    )
    assert campaign_range(chron) == DayRange(D(2020, 10, 10), D(2020, 10, 12))
    assert _by_hand(chron) == (D(2020, 10, 10), D(2020, 10, 12))


def test_unsure_days_do_not_stretch_the_campaign() -> None:
    chron = _chron(
        _event("span", "2020-10-01/2020-10-20"),  # several days
        _event("unsure", "2020-09-20?"),  # one day, flagged
        _event("month", "2020-12"),
        _event("open", "2020-10-05/.."),
        _event("a", "2020-10-10"),
        _event("b", "2020-10-11"),
    )
    assert campaign_range(chron) == DayRange(D(2020, 10, 10), D(2020, 10, 11))


def test_without_a_sure_day_the_campaign_is_every_event_s_days() -> None:
    # No operation on a sure day: the range falls back to the events' bounds, background and all.
    chron = _chron(
        _event("said", "2020-10-03", EventType.STATEMENT),
        _event("span", "2020-10-05/2020-10-09"),
        _event("bg", "2020-09-30?", EventType.BACKGROUND),
    )
    assert campaign_range(chron) == DayRange(D(2020, 9, 30), D(2020, 10, 9))


def test_with_no_events_the_campaign_is_new_year_s_day_of_its_year() -> None:
    chron = _chron()
    assert campaign_range(chron) == DayRange(D(chron.year, 1, 1), D(chron.year, 1, 1))
    assert chron.year == 2020


# --- view_range --------------------------------------------------------------------------------

_CAMPAIGN = _chron(_event("a", "2020-10-15"), _event("b", "2020-11-10"))
_START, _END = D(2020, 10, 15), D(2020, 11, 10)


def test_no_dates_give_the_campaign() -> None:
    assert view_range(_CAMPAIGN, Filter()) == DayRange(_START, _END)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # both ends given: kept as given, wherever the campaign lies
        (D(2020, 11, 1), D(2020, 11, 3), (D(2020, 11, 1), D(2020, 11, 3))),
        (D(2021, 1, 1), D(2021, 1, 1), (D(2021, 1, 1), D(2021, 1, 1))),
        # only --from: the campaign's end, or the start itself when the campaign ended before
        (D(2020, 10, 20), None, (D(2020, 10, 20), _END)),
        (D(2020, 11, 10), None, (D(2020, 11, 10), _END)),  # the campaign's last day
        (D(2020, 11, 11), None, (D(2020, 11, 11), D(2020, 11, 11))),
        (D(2020, 1, 1), None, (D(2020, 1, 1), _END)),
        # only --to: the campaign's start, or the end itself when the campaign began after
        (None, D(2020, 10, 20), (_START, D(2020, 10, 20))),
        (None, D(2020, 10, 15), (_START, D(2020, 10, 15))),  # the campaign's first day
        (None, D(2020, 10, 14), (D(2020, 10, 14), D(2020, 10, 14))),
        (None, D(2020, 12, 31), (_START, D(2020, 12, 31))),
    ],
)
def test_an_open_end_defaults_to_the_campaign_s(
    start: dt.date | None, end: dt.date | None, expected: tuple[dt.date, dt.date]
) -> None:
    assert view_range(_CAMPAIGN, Filter(start=start, end=end)) == DayRange(*expected)


def test_the_longest_range_given_is_drawn_one_more_day_is_refused() -> None:
    start = D(2020, 1, 1)
    last = start + dt.timedelta(days=MAX_DAYS - 1)
    assert len(_calendar(start, last)) == MAX_DAYS == 366
    rng = view_range(_CAMPAIGN, Filter(start=start, end=last))
    assert (rng.start, rng.end, len(rng.days)) == (start, last, MAX_DAYS)
    with pytest.raises(UsageError) as caught:
        view_range(_CAMPAIGN, Filter(start=start, end=last + dt.timedelta(days=1)))
    assert str(caught.value) == (
        "367 days is too long a range to draw day by day (at most 366); narrow it with --from/--to"
    )


@pytest.mark.parametrize(
    ("start", "end", "span"),
    [
        (D(2019, 1, 1), None, (_END - D(2019, 1, 1)).days + 1),  # --from far before
        (None, D(2022, 1, 1), (D(2022, 1, 1) - _START).days + 1),  # --to far after
    ],
)
def test_a_given_end_may_make_the_range_too_long(
    start: dt.date | None, end: dt.date | None, span: int
) -> None:
    with pytest.raises(UsageError, match=rf"^{span} days is too long"):
        view_range(_CAMPAIGN, Filter(start=start, end=end))


@pytest.mark.parametrize("length", [MAX_DAYS - 1, MAX_DAYS, MAX_DAYS + 1, 1000])
def test_a_long_campaign_without_dates_shows_its_last_days(length: int) -> None:
    first = D(2019, 3, 1)
    last = first + dt.timedelta(days=length - 1)
    chron = _chron(_event("first", first.isoformat()), _event("last", last.isoformat()))
    assert campaign_range(chron) == DayRange(first, last)
    rng = view_range(chron, Filter())
    calendar = _calendar(first, last)
    assert list(rng.days) == calendar[-MAX_DAYS:]


def test_a_campaign_near_the_first_day_of_the_calendar() -> None:
    # Drawing back MAX_DAYS from a day in year 1 stops at 1 Jan 1, not an overflow.
    chron = _chron(_event("a", "0001-01-01"), _event("b", "0001-03-01"))
    assert view_range(chron, Filter()) == DayRange(D(1, 1, 1), D(1, 3, 1))
    ends = [D(1, 1, 1), D(1, 12, 31), D(2, 1, 1), D(2, 1, 2), D(3, 5, 1)]
    for end in ends:
        rng = view_range(_chron(_event("a", "0001-01-01"), _event("b", end.isoformat())), Filter())
        assert list(rng.days) == _calendar(D(1, 1, 1), end)[-MAX_DAYS:]


@pytest.mark.parametrize("gap", [0, 1, 2, 365, 366, 367, 400])
def test_back_steps_back_exactly_or_stops_at_the_calendar_s_start(gap: int) -> None:
    by = dt.timedelta(days=MAX_DAYS - 1)
    day = D(1, 1, 1) + dt.timedelta(days=gap)
    expected = dt.date.fromordinal(max(day.toordinal() - by.days, 1))
    assert days_view._back(day, by) == expected


# --- day_known, covers, precision_words --------------------------------------------------------


def _span(start: dt.date, end: dt.date | None, qualifier: Qualifier | None = None) -> Span:
    return Span(start, end, "", qualifier=qualifier)


@pytest.mark.parametrize(
    ("span", "known"),
    [
        (_span(D(2020, 11, 7), D(2020, 11, 7)), True),
        (_span(D(2020, 11, 7), D(2020, 11, 8)), False),
        (_span(D(2020, 11, 7), None), False),
        (_span(D(2020, 11, 7), D(2020, 11, 7), Qualifier.UNCERTAIN), False),
        (_span(D(2020, 11, 7), D(2020, 11, 7), Qualifier.APPROXIMATE), False),
        (_span(D(2020, 11, 7), D(2020, 11, 7), Qualifier.BOTH), False),
    ],
)
def test_day_known(span: Span, known: bool) -> None:
    assert days_view.day_known(span) is known


@pytest.mark.parametrize(
    "span",
    [
        _span(D(2020, 11, 7), D(2020, 11, 7)),
        _span(D(2020, 11, 5), D(2020, 11, 9)),
        _span(D(2020, 11, 5), None),
        _span(D(2020, 10, 31), D(2020, 11, 1)),
    ],
)
def test_covers_is_the_days_of_the_span(span: Span) -> None:
    window = _calendar(D(2020, 10, 25), D(2020, 11, 15))
    inside = set(_calendar(span.start, span.end or window[-1]))
    assert [d for d in window if days_view.covers(span, d)] == [d for d in window if d in inside]


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (_span(D(2020, 11, 7), D(2020, 11, 7)), "day"),
        (_span(D(2020, 11, 7), D(2020, 11, 7), Qualifier.APPROXIMATE), "day not sure"),
        (_span(D(2020, 11, 7), None), "on or after this; day not known"),
        (_span(D(2020, 11, 7), None, Qualifier.UNCERTAIN), "on or after this; day not known"),
        (_span(D(2020, 11, 7), D(2020, 11, 8)), "day not known"),
        (_span(D(2020, 11, 7), D(2020, 11, 8), Qualifier.UNCERTAIN), "day not known"),
    ],
)
def test_precision_words_for_every_kind_of_span(span: Span, words: str) -> None:
    assert days_view.precision_words(span) == words


def test_a_range_as_a_date() -> None:
    rng = DayRange(D(2020, 10, 1), D(2020, 10, 10))
    assert rng.span == Span(D(2020, 10, 1), D(2020, 10, 10), "")
    assert rng.span.text == "2020-10-01/2020-10-10"
    assert parse_edtf(rng.span.text) == rng.span
