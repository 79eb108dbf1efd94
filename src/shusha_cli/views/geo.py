"""The places a GeoJSON export holds, with their events under the filter and control history."""

from __future__ import annotations

import datetime as dt

from shusha_cli.core import query
from shusha_cli.core.model import (
    Chronology,
    Coordinates,
    Place,
)
from shusha_cli.core.names import fold
from shusha_cli.core.query import ControlStep, Filter
from shusha_cli.core.record import record
from shusha_cli.views.front import histories


@record
class GeoPlace:
    """A place with coordinates, its events under the filter and its whole control history."""

    place: Place
    coordinates: Coordinates
    events: int
    first: dt.date | None
    last: dt.date | None
    control: tuple[ControlStep, ...]


def geo_places(chron: Chronology, filt: Filter) -> list[GeoPlace]:
    """The places a GeoJSON export holds: every place with coordinates, or, when a filter is
    given, those the filtered events name (as ``export --what places`` does).

    Counts and first/last days come from the filtered events, the days kept within the
    filter's dates; the control history is the place's whole one (a fact about the place, not
    about the filter). Places without coordinates are left out: a point is never guessed.
    """
    by_place = query.events_by_place(query.timeline(chron, filt))
    history = histories(chron)
    out: list[GeoPlace] = []
    for p in sorted(chron.places, key=lambda p: fold(p.name)):
        mine = by_place.get(p.id, [])
        if p.coordinates is None or (filt.is_set and not mine):
            continue
        first, last = query.campaign_bounds(mine)
        if first is not None and filt.start is not None:
            first = max(first, filt.start)  # an event that began earlier counts from the start
        if last is not None and filt.end is not None:
            last = min(last, filt.end)
        out.append(GeoPlace(p, p.coordinates, len(mine), first, last, tuple(history.get(p.id, ()))))
    return out
