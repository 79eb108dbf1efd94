"""The timeline as a story: the events of the range asked for first, those already under way apart.

A reader who asks for ``--from 2020-10-29`` wants 29 Oct, not the 1994–2020 negotiations that
merely overlap it. Every event whose dates overlap the range still matches (nothing is lost), but
those that *began before* the range's first day are set apart as "already under way", counted,
and listed after the timeline proper in one line each. ``within`` keeps only the events dated
wholly inside the range. ``limit`` and ``reverse`` act on the timeline proper; the events under
way are always listed whole, in story order.
"""

from __future__ import annotations

import datetime as dt

from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology, Event, EventType
from shusha_cli.core.query import Filter
from shusha_cli.core.record import record


@record
class Timeline:
    """A filtered timeline split by where each event begins relative to the range."""

    events: tuple[Event, ...]  # the timeline proper, after --reverse and --limit
    under_way: tuple[Event, ...]  # began before the range's first day, still running in it
    matched: int  # events of the timeline proper before --limit
    left_out: int  # events under way or running past the range, dropped by --within
    start: dt.date | None  # the range's first day, if the filter gives one
    description: str

    @property
    def all_events(self) -> tuple[Event, ...]:
        """Every event listed, in story order: what JSON and CSV hold."""
        return (*self.under_way, *self.events)

    @property
    def background_under_way(self) -> int:
        return sum(1 for e in self.under_way if e.type is EventType.BACKGROUND)


def began_before(event: Event, start: dt.date | None) -> bool:
    """Whether an event was already under way on the range's first day."""
    return start is not None and event.date.start < start


def inside(event: Event, filt: Filter) -> bool:
    """Whether an event is dated wholly inside the filter's days (an open end never is)."""
    if filt.start is not None and event.date.start < filt.start:
        return False
    return filt.end is None or (event.date.end is not None and event.date.end <= filt.end)


def timeline(
    chron: Chronology,
    filt: Filter,
    *,
    within: bool = False,
    limit: int | None = None,
    reverse: bool = False,
) -> Timeline:
    """The events the filter selects, the timeline proper apart from those already under way."""
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    matched = query.timeline(chron, filt)
    if within:
        kept = [e for e in matched if inside(e, filt)]
        proper, under_way, left_out = kept, [], len(matched) - len(kept)
    else:
        under_way = [e for e in matched if began_before(e, filt.start)]
        proper = [e for e in matched if not began_before(e, filt.start)]
        left_out = 0
    if reverse:
        proper.reverse()
    shown = proper[:limit]  # a slice to None is the whole list
    return Timeline(
        tuple(shown), tuple(under_way), len(proper), left_out, filt.start, filt.description
    )


def coverage_note(chron: Chronology, filt: Filter) -> str | None:
    """A word for a range that lies outside the chronology's dated span, else None.

    Such a range is not an error (it runs, and may match events with no known end), but a
    reader who typed 2021 for 2020 should learn what the chronology covers. The matching events
    are counted only then: a range inside the span costs nothing here.
    """
    closed = [e for e in chron.events if e.date.end is not None]
    if not closed or (filt.start is None and filt.end is None):
        return None
    first = min(e.date.start for e in chron.events)
    last = max(e.date.end for e in closed if e.date.end is not None)
    after = filt.start is not None and filt.start > last
    before = filt.end is not None and filt.end < first
    if not (after or before):
        return None
    open_ended = sum(1 for e in query.timeline(chron, filt) if e.date.end is None)
    what = (
        f"only {open_ended} open-ended event{'' if open_ended == 1 else 's'} (no known end) match"
        if open_ended
        else "nothing in it matches"
    )
    lo, hi = query.campaign_bounds(chron.events)
    campaign = f" (the campaign {lo.isoformat()} to {hi.isoformat()})" if lo and hi else ""
    return (
        f"note: the chronology's events are dated {first.isoformat()} to {last.isoformat()}"
        f"{campaign}; this range lies outside them, so {what}"
    )
