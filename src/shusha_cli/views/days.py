"""The range of days a campaign view draws, and how sure a date's day is.

Plain data in (the model and a resolved :class:`~shusha_cli.core.query.Filter`), plain data out;
shared by the front, activity and map views so that they draw the same days.
"""

from __future__ import annotations

import datetime as dt

from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import (
    Chronology,
    EventType,
    Span,
)
from shusha_cli.core.query import Filter
from shusha_cli.core.record import record

MAX_DAYS = 366
"""The longest range the day-by-day views draw; longer ones are refused, not squeezed."""


@record
class DayRange:
    """The days a view draws, both ends included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> tuple[dt.date, ...]:
        count = (self.end - self.start).days + 1
        return tuple(self.start + dt.timedelta(days=i) for i in range(count))

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def span(self) -> Span:
        """The range as a date, for the tests of what overlaps it."""
        return Span(self.start, self.end, f"{self.start.isoformat()}/{self.end.isoformat()}")


_NOT_OPERATIONS = frozenset(
    {EventType.BACKGROUND, EventType.STATEMENT, EventType.DENIAL, EventType.FOOTAGE}
)


def campaign_range(chron: Chronology) -> DayRange:
    """The days of the operations themselves: the default range of ``front``, ``days``.

    From the first to the last day of the events dated to one sure day, leaving out the
    background and what was said or shown (statements, denials, footage), whose day is when it
    was made public rather than when anything happened. For the shipped chronology that is
    15 Oct – 10 Nov 2020, the article's own frame.
    """
    days = [
        e.date.start for e in chron.events if day_known(e.date) and e.type not in _NOT_OPERATIONS
    ]
    if not days:
        first, last = query.bounds(chron.events)
        if first is None or last is None:
            today = dt.date(chron.year, 1, 1)
            return DayRange(today, today)
        return DayRange(first, last)
    return DayRange(min(days), max(days))


def view_range(chron: Chronology, filt: Filter) -> DayRange:
    """The filter's days, the campaign's where the filter leaves an end open.

    An end the filter gives is kept as given; the other defaults to the campaign's, or to the
    given end itself when the campaign lies wholly on the other side of it. With no dates given
    the range is never refused: of a campaign longer than :data:`MAX_DAYS` days the last
    :data:`MAX_DAYS` are drawn (the title says which). A range the user gave an end of may be
    refused as too long, with how to narrow it.
    """
    default = campaign_range(chron)
    start, end = filt.start, filt.end
    longest = dt.timedelta(days=MAX_DAYS - 1)
    if start is None and end is None:
        start, end = max(default.start, _back(default.end, longest)), default.end
    elif start is None:
        assert end is not None
        start = min(default.start, end)
    elif end is None:
        end = max(default.end, start)
    span = (end - start).days + 1
    if span > MAX_DAYS:
        raise UsageError(
            f"{span} days is too long a range to draw day by day (at most {MAX_DAYS}); "
            "narrow it with --from/--to"
        )
    return DayRange(start, end)


def _back(day: dt.date, by: dt.timedelta) -> dt.date:
    """``day - by``, or the calendar's first day where that would fall before it."""
    return dt.date.fromordinal(max(day.toordinal() - by.days, 1))


def day_known(span: Span) -> bool:
    """Whether a date names one day, unflagged: the only dates a cell may show as sure."""
    return span.end == span.start and span.qualifier is None


def covers(span: Span, day: dt.date) -> bool:
    return span.start <= day and (span.end is None or day <= span.end)


def precision_words(span: Span) -> str:
    """How sure a change's day is, in words, for the listings."""
    if day_known(span):
        return "day"
    if span.end is None:
        return "on or after this; day not known"
    if span.end == span.start:
        return "day not sure"
    return "day not known"
