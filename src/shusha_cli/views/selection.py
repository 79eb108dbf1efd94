"""What an export holds under the filters: its events, quotes, places and actors."""

from __future__ import annotations

from shusha_cli.core import query
from shusha_cli.core.model import Actor, Chronology, Event, Quote
from shusha_cli.core.query import Filter, PlaceRow
from shusha_cli.core.record import record


@record
class Selection:
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    places: tuple[PlaceRow, ...]
    actors: tuple[Actor, ...]


def select(chron: Chronology, filt: Filter, closed: bool = False) -> Selection:
    """The records of an export; everything when nothing is filtered.

    The filters select events; quotes follow the date, place, actor, side and text filters;
    places and actors are those the selected events name. ``closed`` (a SQLite file or a data
    package, where every reference must resolve) adds those the selected quotes name.
    """
    events = query.timeline(chron, filt)
    quotes = query.quotes(chron, filt)
    places = {p for e in events for p in query.event_places(e)}
    actors = {a for e in events for a in (*e.actors, e.attribution)}
    if closed:
        places |= {p for q in quotes for p in q.places}
        actors |= {q.speaker for q in quotes}
    everything = not filt.is_set
    return Selection(
        events=tuple(events),
        quotes=tuple(quotes),
        places=tuple(r for r in query.places_table(chron) if everything or r.place.id in places),
        actors=tuple(a for a in query.actors_table(chron) if everything or a.id in actors),
    )
