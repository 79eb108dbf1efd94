"""Events per day, split by type and by how sure their day is: the core of ``shusha days``.

* **Activity.** An event dated to one known day counts on that day. An event dated to a span
  (or to an uncertain or approximate day) counts, separately, on every day of the range it may
  have happened on: never on one chosen day, which would invent a precision the data lacks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from shusha_cli.core import query
from shusha_cli.core.model import (
    Chronology,
    EventType,
)
from shusha_cli.core.query import Filter
from shusha_cli.core.record import record
from shusha_cli.views.days import DayRange, day_known, view_range

TypeCounts = tuple[tuple[EventType, int], ...]


@record
class DayActivity:
    """One day's events: those dated to it, and those whose span includes it."""

    day: dt.date
    on_day: TypeCounts  # events dated to this one sure day, by type (in the types' order)
    in_span: TypeCounts  # events that may have happened this day (a span or a flagged day)

    @property
    def on_day_total(self) -> int:
        return sum(n for _, n in self.on_day)

    @property
    def in_span_total(self) -> int:
        return sum(n for _, n in self.in_span)


@record
class Activity:
    range: DayRange
    days: tuple[DayActivity, ...]
    counted: int  # events drawn at least once
    outside: int  # events the filter selects that lie wholly outside the drawn days
    description: str

    def busiest(self, count: int = 3) -> tuple[DayActivity, ...]:
        """The days with most events dated to them (ties: the earlier day first)."""
        ranked = sorted(
            (d for d in self.days if d.on_day_total), key=lambda d: (-d.on_day_total, d.day)
        )
        return tuple(ranked[:count])

    @property
    def empty(self) -> tuple[dt.date, ...]:
        """Days with no event dated to them (spans may still cover them)."""
        return tuple(d.day for d in self.days if not d.on_day_total)


def _ordered(counts: Counter[EventType]) -> TypeCounts:
    return tuple((t, counts[t]) for t in EventType if counts[t])


def activity(chron: Chronology, filt: Filter) -> Activity:
    """Events per day over the range, split by type and by how sure their day is."""
    rng = view_range(chron, filt)
    window = replace(filt, start=rng.start, end=rng.end)
    events = query.timeline(chron, window)
    exact: dict[dt.date, Counter[EventType]] = {d: Counter() for d in rng.days}
    maybe: dict[dt.date, Counter[EventType]] = {d: Counter() for d in rng.days}
    for e in events:
        if day_known(e.date):
            exact[e.date.start][e.type] += 1
            continue
        first = max(e.date.start, rng.start)
        last = rng.end if e.date.end is None else min(e.date.end, rng.end)
        for i in range((last - first).days + 1):
            maybe[first + dt.timedelta(days=i)][e.type] += 1
    days = tuple(DayActivity(d, _ordered(exact[d]), _ordered(maybe[d])) for d in rng.days)
    # What the user's own filter selects beyond the drawn days (where it left an end open).
    outside = len(query.timeline(chron, filt)) - len(events)
    description = query.describe(chron, window)
    return Activity(rng, days, len(events), outside, description)
