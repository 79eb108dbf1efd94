"""Questions asked of a chronology: filters, order, and the facts derived from the data.

Everything here takes the model and plain values and returns plain data; nothing prints.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from enum import Enum
from typing import TypeVar

from shusha_cli.core import dates
from shusha_cli.core import search as text_search
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import (
    ARTICLE,
    Actor,
    ActorKind,
    Chronology,
    ControlChange,
    Event,
    EventType,
    Place,
    PlaceKind,
    Quote,
    Side,
    Span,
)
from shusha_cli.core.names import Named, NameIndex, fold
from shusha_cli.core.record import record

E = TypeVar("E", bound=Enum)


# --- choices -----------------------------------------------------------------------------------


def parse_choice(value: str, cls: type[E], what: str) -> E:
    """A fixed-vocabulary value typed by a user, with 'did you mean' when it is not one."""
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    for member in cls:
        if member.value == key:
            found: E = member
            return found
    allowed = [str(m.value) for m in cls]
    close = difflib.get_close_matches(key, allowed, n=2, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise UsageError(f"unknown {what} {value!r}; {hint}use one of: {', '.join(allowed)}")


def parse_side(value: str) -> Side:
    return parse_choice(value, Side, "side")


def parse_type(value: str) -> EventType:
    return parse_choice(value, EventType, "event type")


def parse_place_kind(value: str) -> str:
    kind: PlaceKind = parse_choice(value, PlaceKind, "place kind")
    return kind.value


def parse_actor_kind(value: str) -> str:
    kind: ActorKind = parse_choice(value, ActorKind, "actor kind")
    return kind.value


# --- filters -----------------------------------------------------------------------------------


@record
class FilterInput:
    """The filters as the user typed them (names and dates not yet resolved)."""

    date_from: str | None = None
    date_to: str | None = None
    on: str | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    types: tuple[EventType, ...] = ()
    search: str | None = None
    no_background: bool = False
    searches: tuple[str, ...] = ()  # more --search texts: every one must be found


@record
class Filter:
    """Resolved filters: ids and days. An empty tuple means 'any'."""

    start: dt.date | None = None
    end: dt.date | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    types: tuple[EventType, ...] = ()
    search: str | None = None
    no_background: bool = False
    description: str = ""
    searches: tuple[str, ...] = ()  # every --search text as typed; all must be found
    terms: tuple[tuple[str, ...], ...] = ()  # per text: its folded forms (and other names)

    @property
    def is_set(self) -> bool:
        """Whether any criterion is set (an empty filter selects everything)."""
        return bool(
            self.start
            or self.end
            or self.places
            or self.actors
            or self.sides
            or self.types
            or self.search
            or self.no_background
        )

    @property
    def span(self) -> Span | None:
        if self.start is None and self.end is None:
            return None
        return Span(self.start or dt.date.min, self.end or dt.date.max, "")


def place_index(chron: Chronology) -> NameIndex:
    return NameIndex.build("place", (Named(p.id, p.name, p.aliases) for p in chron.places))


def actor_index(chron: Chronology) -> NameIndex:
    return NameIndex.build("actor", (Named(a.id, a.name, a.aliases) for a in chron.actors))


def _day(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


def resolve_filter(chron: Chronology, given: FilterInput) -> Filter:
    """Turn typed filters into ids and days, raising a UsageError for anything unreadable."""
    year = chron.year
    start = end = None
    if given.on is not None:
        if given.date_from is not None or given.date_to is not None:
            raise UsageError("--on cannot be combined with --from or --to")
        span = dates.parse_user_date(given.on, year)
        start, end = span.start, span.end
    else:
        if given.date_from is not None:
            start = dates.parse_user_date(given.date_from, year).start
        if given.date_to is not None:
            end = dates.parse_user_date(given.date_to, year).end
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from ({_day(start)}) is after --to ({_day(end)})")
    # Each index is built once, and only when a name or a search text needs it.
    place_names = place_index(chron) if given.places or given.search or given.searches else None
    actor_names = actor_index(chron) if given.actors or given.search or given.searches else None
    places = (
        tuple(dict.fromkeys(place_names.resolve(n) for n in given.places)) if place_names else ()
    )
    actors = (
        tuple(dict.fromkeys(actor_names.resolve(n) for n in given.actors)) if actor_names else ()
    )
    typed = ([given.search] if given.search is not None else []) + list(given.searches)
    texts = tuple(dict.fromkeys(s.strip() for s in typed))
    if any(not s for s in texts):
        raise UsageError("--search needs some text")
    search = texts[0] if texts else None
    indexes = [i for i in (place_names, actor_names) if i is not None]
    terms = tuple(text_search.search_forms(s, indexes) for s in texts)
    filt = Filter(start, end, places, actors, given.sides, given.types, search, given.no_background,
                  searches=texts, terms=terms)  # fmt: skip
    return replace(filt, description=describe(chron, filt))


def describe(chron: Chronology, filt: Filter) -> str:
    """The resolved filter in words, e.g. '29 Oct 2020 → 10 Nov 2020, place Shusha'."""
    parts: list[str] = []
    lo, hi = filt.start, filt.end
    if lo is not None and hi is not None:
        parts.append(_day(lo) if lo == hi else f"{_day(lo)} → {_day(hi)}")
    elif lo is not None:
        parts.append(f"from {_day(lo)}")
    elif hi is not None:
        parts.append(f"until {_day(hi)}")
    if filt.places:
        parts.append("place " + " or ".join(chron.place(p).name for p in filt.places))
    if filt.actors:
        parts.append("actor " + " or ".join(chron.actor(a).name for a in filt.actors))
    if filt.sides:
        parts.append("side " + " or ".join(s.value for s in filt.sides))
    if filt.types:
        parts.append("type " + " or ".join(t.value for t in filt.types))
    texts = filt.searches or ((filt.search,) if filt.search else ())
    if texts:
        shown = [s if len(s) <= 60 else s[:60] + "…" for s in texts]
        parts.append("text " + " and ".join(repr(s) for s in shown))
    if filt.no_background:
        parts.append("no background")
    return ", ".join(parts) if parts else "the whole chronology"


def bounds(events: Iterable[Event]) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest days the events can fall on."""
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for e in events:
        starts.append(e.date.start)
        ends.append(e.date.end or e.date.start)
    return (min(starts), max(ends)) if starts else (None, None)


def campaign_bounds(events: Iterable[Event]) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest days of the events that are not background.

    A place's or the file's dates: the 1994–2020 negotiations overlap Shusha but did not happen
    there after 10 Nov 2020, so background would stretch every span to 31 Dec 2020.
    """
    return bounds(e for e in events if e.type is not EventType.BACKGROUND)


def event_sides(chron: Chronology, event: Event) -> set[Side]:
    """The sides an event involves: its actors' and its claimant's."""
    ids = list(event.actors)
    if event.attribution != ARTICLE:
        ids.append(event.attribution)
    return {chron.actor(a).side for a in ids}


def quotes_about(chron: Chronology) -> dict[str, list[Quote]]:
    """Event id -> the quotes that speak about it."""
    out: dict[str, list[Quote]] = {}
    for q in chron.quotes:
        for e in q.events:
            out.setdefault(e, []).append(q)
    return out


def event_places(event: Event) -> tuple[str, ...]:
    """The places of an event, including those whose control it changes."""
    extra = [c.place for c in event.control if c.place not in event.places]
    return (*event.places, *extra)


def matches(chron: Chronology, filt: Filter, event: Event, about: dict[str, list[Quote]]) -> bool:
    """Whether one event passes the filter (all given criteria must hold)."""
    span = filt.span
    if span is not None and not event.date.overlaps(span):
        return False
    if filt.no_background and event.type is EventType.BACKGROUND:
        return False
    if filt.types and event.type not in filt.types:
        return False
    if filt.places and not set(filt.places) & set(event_places(event)):
        return False
    if filt.actors:
        involved = {*event.actors, event.attribution}
        if not set(filt.actors) & involved:
            return False
    if filt.sides and not set(filt.sides) & event_sides(chron, event):
        return False
    terms = text_search.search_terms(filt.terms, filt.search)
    if terms:
        hay = [event.title, event.summary, event.notes, event.date_note]
        hay += [q.text for q in about.get(event.id, [])]
        if not text_search.found_in(terms, hay):
            return False
    return True


def timeline(chron: Chronology, filt: Filter) -> list[Event]:
    """The events that pass the filter, by earliest day, then time of day."""
    about = quotes_about(chron) if text_search.search_terms(filt.terms, filt.search) else {}
    return sorted((e for e in chron.events if matches(chron, filt, e, about)), key=chron.order)


def quotes(chron: Chronology, filt: Filter) -> list[Quote]:
    """Quotes passing the filter (dates, places, actors as speakers, sides, text)."""
    span = filt.span
    out = []
    terms = text_search.search_terms(filt.terms, filt.search)
    for q in chron.quotes:
        if span is not None and not q.date.overlaps(span):
            continue
        if filt.actors and q.speaker not in filt.actors:
            continue
        if filt.sides and chron.actor(q.speaker).side not in filt.sides:
            continue
        if filt.places and not set(filt.places) & set(q.places):
            continue
        if terms and not text_search.found_in(terms, (q.text, q.context, q.medium)):
            continue
        out.append(q)
    return sorted(out, key=chron.order)


# --- derived facts -----------------------------------------------------------------------------


@record
class ControlStep:
    """One change of hands of a place, as the data records it."""

    event: Event
    change: ControlChange


def control_histories(chron: Chronology) -> dict[str, list[ControlStep]]:
    """Place id -> its recorded changes of control, in chronological order."""
    out: dict[str, list[ControlStep]] = {}
    for event in chron.events:
        for change in event.control:
            out.setdefault(change.place, []).append(ControlStep(event, change))
    for steps in out.values():
        steps.sort(key=lambda s: chron.order(s.event))
    return out


def control_history(chron: Chronology, place_id: str) -> list[ControlStep]:
    return control_histories(chron).get(place_id, [])


@record
class PlaceReport:
    place: Place
    events: list[Event]
    quotes: list[Quote]
    control: list[ControlStep]
    neighbours: list[tuple[Place, int]] = field(default_factory=list)
    description: str = ""  # the filter applied to the events, in words ("" for none)


def _narrowed(
    chron: Chronology,
    filt: Filter | None,
    places: tuple[str, ...] = (),
    actors: tuple[str, ...] = (),
) -> Filter:
    """The page's own criterion (this place, this actor) with the user's filter, if any."""
    base = filt or Filter()
    narrowed = replace(base, places=places or base.places, actors=actors or base.actors)
    return replace(narrowed, description=describe(chron, base) if base.is_set else "")


def place_report(chron: Chronology, name: str, filt: Filter | None = None) -> PlaceReport:
    """Everything about one place; ``filt`` (dates, types, sides...) narrows its events."""
    ident = place_index(chron).resolve(name)
    page = _narrowed(chron, filt, places=(ident,))
    events = timeline(chron, page)
    said = sorted((q for q in chron.quotes if ident in q.places), key=chron.order)
    counts: Counter[str] = Counter()
    for e in events:
        counts.update(p for p in set(event_places(e)) if p != ident)
    neighbours = [
        (chron.place(p), n) for p, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]
    return PlaceReport(
        chron.place(ident),
        events,
        said,
        control_history(chron, ident),
        neighbours[:8],
        page.description,
    )


@record
class Link:
    """A 'contradicts' or 'confirms' link between two records, seen from one actor."""

    relation: str  # "contradicts", "contradicted by", "confirms", "confirmed by"
    own: Event | Quote
    other: Event | Quote
    other_by: str  # actor id or ARTICLE


def record_author(record: Event | Quote) -> str:
    return record.speaker if isinstance(record, Quote) else record.attribution


def links_of(chron: Chronology, own: Sequence[Event | Quote]) -> list[Link]:
    """Every confirm/contradict link from or to the given records."""
    mine = {r.id for r in own}
    out: list[Link] = []
    everything: list[Event | Quote] = [*chron.events, *chron.quotes]
    for rec in everything:
        for relation, targets in (("contradicts", rec.contradicts), ("confirms", rec.confirms)):
            for target_id in targets:
                target = chron.record(target_id)
                if target is None:
                    continue
                if rec.id in mine and target.id not in mine:
                    out.append(Link(relation, rec, target, record_author(target)))
                elif target.id in mine and rec.id not in mine:
                    out.append(
                        Link(f"{relation.removesuffix('s')}ed by", target, rec, record_author(rec))
                    )
    return out


@record
class ActorReport:
    actor: Actor
    events: list[Event]
    quotes: list[Quote]
    links: list[Link]
    description: str = ""  # the filter applied to the events, in words ("" for none)


_BOTH_WAYS = {"contradict": "contradict each other", "confirm": "confirm each other"}


def merge_links(links: Sequence[Link]) -> list[Link]:
    """One line a linked pair: A contradicts B and B contradicts A read "contradict each other".

    The first link of a pair keeps its place in the list; the relation it shows is the merged one.
    """
    out: dict[tuple[str, str, str], Link] = {}
    for link in links:
        base = "contradict" if link.relation.startswith("contradict") else "confirm"
        key = (link.own.id, link.other.id, base)
        first = out.get(key)
        if first is None:
            out[key] = link
        elif first.relation != link.relation:
            out[key] = replace(first, relation=_BOTH_WAYS[base])
    return list(out.values())


def actor_report(chron: Chronology, name: str, filt: Filter | None = None) -> ActorReport:
    """Everything an actor did, said and was answered with; ``filt`` narrows their events."""
    ident = actor_index(chron).resolve(name)
    page = _narrowed(chron, filt, actors=(ident,))
    events = timeline(chron, page)
    said = sorted((q for q in chron.quotes if q.speaker == ident), key=chron.order)
    everything = timeline(chron, Filter(actors=(ident,)))
    claims: list[Event | Quote] = [e for e in everything if e.attribution == ident]
    claims += said
    links = merge_links(links_of(chron, claims))
    return ActorReport(chron.actor(ident), events, said, links, page.description)


@record
class PlaceRow:
    place: Place
    events: int
    first: dt.date | None
    last: dt.date | None


def events_by_place(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Place id -> the events at it or changing its control, in the order given."""
    by_place: dict[str, list[Event]] = {}
    for e in events:
        for pid in set(event_places(e)):
            by_place.setdefault(pid, []).append(e)
    return by_place


def places_table(
    chron: Chronology, kinds: Sequence[str] = (), district: str | None = None, sort: str = "name"
) -> list[PlaceRow]:
    by_place = events_by_place(chron.events)
    if sort not in ("name", "activity"):
        raise UsageError(f"unknown sort {sort!r}; use name or activity")
    rows = []
    want = fold(district) if district else None
    for p in chron.places:
        if kinds and p.kind.value not in kinds:
            continue
        if want and want not in fold(p.district or ""):
            continue
        first, last = campaign_bounds(by_place.get(p.id, []))
        rows.append(PlaceRow(p, len(by_place.get(p.id, [])), first, last))
    if sort == "activity":
        rows.sort(key=lambda r: (-r.events, fold(r.place.name)))
    else:
        rows.sort(key=lambda r: fold(r.place.name))
    return rows


def actors_table(
    chron: Chronology, sides: Sequence[Side] = (), kinds: Sequence[str] = ()
) -> list[Actor]:
    rows = [
        a
        for a in chron.actors
        if (not sides or a.side in sides) and (not kinds or a.kind.value in kinds)
    ]
    return sorted(rows, key=lambda a: (a.side.value, fold(a.name)))
