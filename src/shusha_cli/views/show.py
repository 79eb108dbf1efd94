"""One event or quote in full, links in both directions: the core of ``shusha show``.

Plain data in, frozen dataclasses out; nothing here prints.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from shusha_cli.core import query
from shusha_cli.core.errors import NameNotFound
from shusha_cli.core.model import (
    Actor,
    Chronology,
    Event,
    Place,
    Quote,
)
from shusha_cli.views.claims import (
    Record,
    all_matters,
    all_records,
    author,
    get_record,
    is_party,
    said_key,
)


@dataclass(frozen=True)
class Neighbours:
    """The events just before and just after one event, at one of its places."""

    place: Place
    before: Event | None
    after: Event | None


@dataclass(frozen=True)
class EventDetail:
    event: Event
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    claimant: Actor | None
    links: tuple[Linked, ...]
    quotes: tuple[Quote, ...]
    neighbours: tuple[Neighbours, ...]
    matters: tuple[int, ...]


@dataclass(frozen=True)
class QuoteDetail:
    quote: Quote
    speaker: Actor
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    links: tuple[Linked, ...]
    matters: tuple[int, ...]


Detail = EventDetail | QuoteDetail


def find_record(chron: Chronology, ident: str) -> Record:
    """The event or quote with this id (case and surrounding blanks ignored).

    Ids are the only key: titles are long and not unique enough to type. An unknown id raises
    NameNotFound with the ids that look closest, or that contain what was typed.
    """
    rec = chron.record(ident) or chron.record(ident.strip().lower())
    if rec is not None:
        return rec
    key = ident.strip().lower().replace(" ", "-")
    typed = [w for w in key.split("-") if w]
    ids = sorted(r.id for r in all_records(chron))
    by_words = [
        i for i in ids if typed and all(any(w.startswith(t) for w in i.split("-")) for t in typed)
    ]
    close = difflib.get_close_matches(key, ids, n=3, cutoff=0.6) if key else []
    suggestions = list(dict.fromkeys([*by_words, *close]))
    raise NameNotFound("event or quote", ident, suggestions[:3])


@dataclass(frozen=True)
class Linked:
    """Another record linked to the one shown, and how, in both directions at once.

    ``relation`` is "contradicts", "contradicted by", "contradict each other", "confirms",
    "confirmed by" or "confirm each other": a pair that link both ways is one line, not two.
    """

    relation: str
    other: Record
    by: Actor | None  # None for the article's own account


_BOTH = {"contradicts": "contradict each other", "confirms": "confirm each other"}
_ORDER = ["contradicts", "contradicted by", "contradict each other", "confirms", "confirmed by",
          "confirm each other"]  # fmt: skip


def _links(chron: Chronology, record: Record) -> tuple[Linked, ...]:
    out: dict[tuple[str, str], str] = {}
    for link in query.links_of(chron, [record]):
        base = "contradicts" if link.relation.startswith("contradict") else "confirms"
        key = (base, link.other.id)
        if key in out and out[key] != link.relation:
            out[key] = _BOTH[base]
        else:
            out[key] = link.relation
    linked = [
        Linked(
            relation,
            get_record(chron, other),
            None
            if not is_party(get_record(chron, other))
            else chron.actor(author(get_record(chron, other))),
        )
        for (_, other), relation in out.items()
    ]
    return tuple(sorted(linked, key=lambda k: (_ORDER.index(k.relation), said_key(k.other))))


def _matters_of(chron: Chronology, ident: str) -> tuple[int, ...]:
    return tuple(m.number for m in all_matters(chron) if ident in m.ids)


def _neighbours(chron: Chronology, event: Event) -> tuple[Neighbours, ...]:
    out = []
    for pid in query.event_places(event):
        here = sorted(
            (e for e in chron.events if pid in query.event_places(e)), key=lambda e: e.sort_key
        )
        i = next(n for n, e in enumerate(here) if e.id == event.id)
        before = here[i - 1] if i > 0 else None
        after = here[i + 1] if i + 1 < len(here) else None
        out.append(Neighbours(chron.place(pid), before, after))
    return tuple(out)


def show(chron: Chronology, ident: str) -> Detail:
    """Everything the chronology says about one event or quote, links in both directions."""
    rec = find_record(chron, ident)
    if isinstance(rec, Quote):
        about = tuple(
            sorted(
                (e for e in (chron.record(i) for i in rec.events) if isinstance(e, Event)),
                key=lambda e: e.sort_key,
            )
        )
        return QuoteDetail(
            rec,
            chron.actor(rec.speaker),
            tuple(chron.place(p) for p in rec.places),
            about,
            _links(chron, rec),
            _matters_of(chron, rec.id),
        )
    said = query.quotes_about(chron).get(rec.id, [])
    return EventDetail(
        rec,
        tuple(chron.place(p) for p in query.event_places(rec)),
        tuple(chron.actor(a) for a in rec.actors),
        chron.actor(rec.attribution) if rec.is_claim else None,
        _links(chron, rec),
        tuple(sorted(said, key=lambda q: q.sort_key)),
        _neighbours(chron, rec),
        _matters_of(chron, rec.id),
    )
