"""What an export holds under the filters, against the same selection done by hand."""

from __future__ import annotations

import pytest

from shusha_cli.core import query
from shusha_cli.core.model import Chronology, Side
from shusha_cli.core.query import Filter, FilterInput
from shusha_cli.views.selection import select

FILTERS = [
    FilterInput(on="2020-11-07"),
    FilterInput(places=("Shusha",)),
    FilterInput(date_from="2020-10-29", date_to="2020-11-02", sides=(Side.ARMENIA,)),
    FilterInput(actors=("Hikmet Mirzayev",)),
    FilterInput(search="Lachin"),
    FilterInput(no_background=True),
]


def _by_hand(chron: Chronology, filt: Filter, closed: bool) -> tuple[list[str], ...]:
    events = query.timeline(chron, filt)
    quotes = query.quotes(chron, filt)
    places: set[str] = set()
    actors: set[str] = set()
    for e in events:
        places.update(e.places)
        places.update(c.place for c in e.control)
        actors.update(e.actors)
        actors.add(e.attribution)
    if closed:
        for q in quotes:
            places.update(q.places)
            actors.add(q.speaker)
    return (
        [e.id for e in events],
        [q.id for q in quotes],
        [r.place.id for r in query.places_table(chron) if r.place.id in places],
        [a.id for a in query.actors_table(chron) if a.id in actors],
    )


def _ids(chron: Chronology, filt: Filter, closed: bool) -> tuple[list[str], ...]:
    chosen = select(chron, filt, closed=closed)
    return (
        [e.id for e in chosen.events],
        [q.id for q in chosen.quotes],
        [r.place.id for r in chosen.places],
        [a.id for a in chosen.actors],
    )


@pytest.mark.parametrize("given", FILTERS, ids=repr)
@pytest.mark.parametrize("closed", [False, True])
def test_a_selection_is_what_the_filtered_events_name(
    shipped: Chronology, given: FilterInput, closed: bool
) -> None:
    filt = query.resolve_filter(shipped, given)
    assert filt.is_set
    expected = _by_hand(shipped, filt, closed)
    assert _ids(shipped, filt, closed) == expected
    # the filter leaves some of every kind of record out, so the test can tell
    assert len(expected[0]) < len(shipped.events)
    assert len(expected[2]) < len(shipped.places)
    assert len(expected[3]) < len(shipped.actors)


def test_closed_adds_what_the_quotes_name(shipped: Chronology) -> None:
    """A day where a quote names a place or a speaker that no selected event does."""
    found = False
    for given in FILTERS:
        filt = query.resolve_filter(shipped, given)
        open_ = _ids(shipped, filt, False)
        closed = _ids(shipped, filt, True)
        by_default = select(shipped, filt)
        assert [r.place.id for r in by_default.places] == open_[2]  # an export is open
        assert [a.id for a in by_default.actors] == open_[3]
        assert open_[:2] == closed[:2]
        assert set(open_[2]) <= set(closed[2])
        assert set(open_[3]) <= set(closed[3])
        found = found or (open_[2] != closed[2] and open_[3] != closed[3])
    assert found


@pytest.mark.parametrize("closed", [False, True])
def test_no_filter_selects_everything(shipped: Chronology, closed: bool) -> None:
    chosen = select(shipped, Filter(), closed=closed)
    assert [e.id for e in chosen.events] == [
        e.id for e in sorted(shipped.events, key=shipped.order)
    ]
    assert [q.id for q in chosen.quotes] == [
        q.id for q in sorted(shipped.quotes, key=shipped.order)
    ]
    # every place and actor, even those no event names, in the tables' order
    assert chosen.places == tuple(query.places_table(shipped))
    assert chosen.actors == tuple(query.actors_table(shipped))
    assert len(chosen.places) == len(shipped.places)
    assert len(chosen.actors) == len(shipped.actors)
    named = {p for e in shipped.events for p in query.event_places(e)}
    assert {p.id for p in shipped.places} - named  # some place is named by no event
