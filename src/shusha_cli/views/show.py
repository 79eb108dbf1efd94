"""One event or quote in full, links in both directions: the core of ``shusha show``.

Plain data in, frozen dataclasses out; nothing here prints.
"""

from __future__ import annotations

import difflib

from shusha_cli.core import query
from shusha_cli.core.errors import AmbiguousName, NameNotFound
from shusha_cli.core.model import (
    Actor,
    Chronology,
    Event,
    Place,
    Quote,
)
from shusha_cli.core.names import fold
from shusha_cli.core.record import record
from shusha_cli.views.claims import (
    Record,
    all_matters,
    all_records,
    author,
    get_record,
    is_party,
    said_key,
)


@record
class Neighbours:
    """The events just before and just after one event, at one of its places."""

    place: Place
    before: Event | None
    after: Event | None


@record
class EventDetail:
    event: Event
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    claimant: Actor | None
    links: tuple[Linked, ...]
    quotes: tuple[Quote, ...]
    neighbours: tuple[Neighbours, ...]
    matters: tuple[int, ...]


@record
class QuoteDetail:
    quote: Quote
    speaker: Actor
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    links: tuple[Linked, ...]
    matters: tuple[int, ...]


Detail = EventDetail | QuoteDetail


def find_record(chron: Chronology, ident: str) -> Record:
    """The event or quote meant by ``ident``: its id, a unique start of one, or title words.

    In that order: the id itself (case and surrounding blanks ignored); an id that starts with
    what was typed, if only one does (``show chanagchi`` finds ``chanagchi-taken`` when no other
    id starts so); the records whose title holds every typed word at the start of one of its
    words (``show aliyev announces``), if only one does. Several candidates raise AmbiguousName
    listing them; none raises NameNotFound with the ids that look closest.
    """
    rec = chron.record(ident) or chron.record(ident.strip().lower())
    if rec is not None:
        return rec
    key = ident.strip().lower().replace(" ", "-")
    records = all_records(chron)
    if key:
        by_prefix = [r for r in records if r.id.startswith(key)]
        if len(by_prefix) == 1:
            return by_prefix[0]
        typed = [w for w in fold(ident).replace("-", " ").split() if w]
        by_title = [r for r in records if typed and _title_has(r, typed)]
        found = by_prefix or by_title
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousName("event or quote", ident, [(r.id, _label(r)) for r in found[:6]])
    ids = sorted(r.id for r in records)
    close = difflib.get_close_matches(key, ids, n=3, cutoff=0.6) if key else []
    raise NameNotFound("event or quote", ident, close)


def _title_has(record: Record, typed: list[str]) -> bool:
    words = fold(_label(record)).replace("-", " ").split()
    return all(any(w.startswith(t) for w in words) for t in typed)


def _label(record: Record) -> str:
    return record.title if isinstance(record, Event) else f"quote: {record.text[:60]}"


@record
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
        here = sorted((e for e in chron.events if pid in query.event_places(e)), key=chron.order)
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
                key=chron.order,
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
        tuple(sorted(said, key=chron.order)),
        _neighbours(chron, rec),
        _matters_of(chron, rec.id),
    )
