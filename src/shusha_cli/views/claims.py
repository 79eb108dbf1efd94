"""Contested matters: the core of ``shusha claims``, and the order in which records were said.

Plain data in, frozen dataclasses out; nothing here prints or knows about the command line.

A *matter* is one connected component of the "contradicts" graph (a link in either direction
joins two records). "Confirms" links do not join matters: in this chronology they chain almost
every statement about Shusha, the Lachin road and the sabotage-group reports into one
forty-record knot, which no fact-checker could read as one question. Inside a matter the records
fall into two *positions* by colouring the graph: a record is in the position opposite to the
records it contradicts (or that contradict it). The position holding the earliest claim — a
party's event, by the day it was made public, a denial after a statement on the same day — is
"the claim", the other "the counter-claim". Records one "confirms" link away that belong to no
matter of their own are added to the position they support, so a supporting report (an officer
reporting the capture to the president) stands beside the claim it backs.

Each position lists what parties said (claims: events attributed to an actor, and quotes); the
article's own account (events attributed to the article) is kept apart as "what the article's
account shows", each with the position it is in line with. When a matter has no such event, the
events of the article that change control of the matter's places after the first claim are
shown instead, as "later at the same place", without taking sides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from shusha_cli.core import query
from shusha_cli.core.errors import NotFound
from shusha_cli.core.model import (
    ARTICLE,
    Actor,
    Chronology,
    Event,
    EventType,
    Place,
    Quote,
    Span,
    TimeOfDay,
)
from shusha_cli.core.record import record

CLAIM = "claim"
COUNTER = "counter"
LATER = "later"
"""How an article event relates to a matter: in line with the claim, the counter-claim, or only
later at the same place."""

Record = Event | Quote


# --- helpers -----------------------------------------------------------------------------------


def said_when(record: Record) -> Span:
    """When a record was said or made public: an event's reported date if it has one."""
    if isinstance(record, Quote):
        return record.date
    return record.reported or record.date


def said_time(record: Record) -> TimeOfDay | None:
    """The time of day of the saying, known only when it is the event's own day."""
    if isinstance(record, Event) and record.reported is None:
        return record.time_of_day
    return None


def said_key(record: Record) -> tuple[dt.date, int, int, int, str]:
    """Order of saying: day, then statements before denials of the same day, time, events first.

    A denial answers something, so on a tie it comes second; an event comes before the quote
    that gives its words.
    """
    denial = int(isinstance(record, Event) and record.type is EventType.DENIAL)
    tod = said_time(record)
    return (
        said_when(record).start,
        denial,
        tod.rank if tod is not None else -1,
        int(isinstance(record, Quote)),
        record.id,
    )


author = query.record_author  # the actor id behind a record, or ARTICLE for the article's own


def is_party(record: Record) -> bool:
    """Whether a record is a party's word (a claim or a quote), not the article's account."""
    return author(record) != ARTICLE


def record_places(record: Record) -> tuple[str, ...]:
    return record.places if isinstance(record, Quote) else query.event_places(record)


def all_records(chron: Chronology) -> list[Record]:
    return [*chron.events, *chron.quotes]


# --- claims ------------------------------------------------------------------------------------


@record
class Said:
    """One party's record in a position: who, when, what, and the quotes giving its words."""

    record: Record
    by: Actor
    when: Span
    time_of_day: TimeOfDay | None
    quotes: tuple[Quote, ...] = ()

    @property
    def title(self) -> str:
        r = self.record
        return r.title if isinstance(r, Event) else f"“{r.text}”"


@record
class Evidence:
    """An event of the article's own account, and the position it is in line with."""

    event: Event
    bears_out: str  # CLAIM, COUNTER or LATER


@record
class Matter:
    """One contested question: the claim, the counter-claim, and the article's account."""

    number: int
    title: str
    claim: tuple[Said, ...]
    counter: tuple[Said, ...]
    article: tuple[Evidence, ...]
    places: tuple[Place, ...]
    #: Pairs of records that contradict each other yet stand in one position: the
    #: contradictions go round a loop of an odd number of records (A against B, B against C,
    #: C against A), which no split into two positions can honour. Said, never hidden.
    same_side: tuple[tuple[str, str], ...] = ()

    @property
    def said(self) -> tuple[Said, ...]:
        return (*self.claim, *self.counter)

    @property
    def ids(self) -> frozenset[str]:
        """Every record shown in the matter, quotes folded into an entry included."""
        out = {s.record.id for s in self.said}
        out |= {q.id for s in self.said for q in s.quotes}
        out |= {e.event.id for e in self.article}
        return frozenset(out)


def _components(chron: Chronology) -> list[list[str]]:
    """Connected components of the contradicts graph, each ordered by saying, earliest first."""
    adjacent: dict[str, set[str]] = {}
    for rec in all_records(chron):
        for target in rec.contradicts:
            if chron.record(target) is None:
                continue
            adjacent.setdefault(rec.id, set()).add(target)
            adjacent.setdefault(target, set()).add(rec.id)
    seen: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(adjacent):
        if start in seen:
            continue
        stack, comp = [start], set()
        while stack:
            node = stack.pop()
            if node not in comp:
                comp.add(node)
                stack.extend(adjacent[node] - comp)
        seen |= comp
        components.append(sorted(comp, key=lambda i: said_key(get_record(chron, i))))
    return components


def get_record(chron: Chronology, ident: str) -> Record:
    rec = chron.record(ident)
    if rec is None:  # every id handled here came from the chronology itself
        raise KeyError(ident)
    return rec


def _anchor(chron: Chronology, comp: list[str]) -> Record:
    """The record a matter starts from: its earliest party event (else quote, else record)."""
    records = [get_record(chron, i) for i in comp]
    starts: list[Record] = [r for r in records if is_party(r) and isinstance(r, Event)]
    return (starts or [r for r in records if is_party(r)] or records)[0]


def _colour(chron: Chronology, comp: list[str]) -> dict[str, str]:
    """Two positions: contradicting records are opposite; the earliest party event is CLAIM.

    Breadth first from that event; should the links not be two-sided (an odd cycle), a record
    keeps the position through which it was first reached.
    """
    records = [get_record(chron, i) for i in comp]
    members = set(comp)
    opposite = {CLAIM: COUNTER, COUNTER: CLAIM}
    colour: dict[str, str] = {}
    for start in [_anchor(chron, comp), *records]:
        if start.id in colour:
            continue
        colour[start.id] = CLAIM
        queue = [start.id]
        while queue:
            node = queue.pop(0)
            rec = get_record(chron, node)
            linked = set(rec.contradicts) | {r.id for r in records if node in r.contradicts}
            for other in sorted(linked & members):
                if other not in colour:
                    colour[other] = opposite[colour[node]]
                    queue.append(other)
    return colour


def _confirm_neighbours(chron: Chronology) -> dict[str, set[str]]:
    """Record id -> the records one 'confirms' link away, either direction."""
    out: dict[str, set[str]] = {}
    for rec in all_records(chron):
        for target in rec.confirms:
            if chron.record(target) is not None:
                out.setdefault(rec.id, set()).add(target)
                out.setdefault(target, set()).add(rec.id)
    return out


def _entries(chron: Chronology, records: Iterable[Record]) -> tuple[Said, ...]:
    """A position's party records, with each quote folded into the event of its speaker that
    it gives the words of — the first such event the quote lists — so a statement and its quote
    are one entry, not two."""
    ordered = sorted(records, key=said_key)
    events = [r for r in ordered if isinstance(r, Event)]
    by_id = {e.id: e for e in events}
    folded: dict[str, list[Quote]] = {}
    alone: list[Record] = list(events)
    for q in (r for r in ordered if isinstance(r, Quote)):
        home = next(
            (by_id[i] for i in q.events if i in by_id and by_id[i].attribution == q.speaker), None
        )
        if home is None:
            alone.append(q)
        else:
            folded.setdefault(home.id, []).append(q)
    return tuple(
        Said(r, chron.actor(author(r)), said_when(r), said_time(r), tuple(folded.get(r.id, ())))
        for r in sorted(alone, key=said_key)
    )


def _later_at_places(
    chron: Chronology, places: Sequence[str], after: dt.date, limit: int = 2
) -> list[Evidence]:
    """The article's first changes of control at the given places, on or after a day."""
    out: list[Evidence] = []
    for e in sorted(chron.events, key=chron.order):
        if e.is_claim or e.date.start < after:
            continue
        if any(c.place in places for c in e.control):
            out.append(Evidence(e, LATER))
            if len(out) == limit:
                break
    return out


def all_matters(chron: Chronology) -> list[Matter]:
    """Every contested matter of the chronology, numbered by when its first claim was made."""
    components = _components(chron)
    in_matter = {i for comp in components for i in comp}
    neighbours = _confirm_neighbours(chron)
    about = query.quotes_about(chron)
    built: list[tuple[tuple[dt.date, int, int, int, str], Matter]] = []
    for comp in components:
        colour = _colour(chron, comp)
        # supporters one confirms-link away that are in no matter of their own
        for ident in comp:
            for other in sorted(neighbours.get(ident, ())):
                if other not in in_matter and other not in colour:
                    colour[other] = colour[ident]
        # a claimant's own quotes about a claim give its words, linked or not
        for ident in list(colour):
            rec = get_record(chron, ident)
            if not isinstance(rec, Event) or not is_party(rec):
                continue
            for q in about.get(ident, []):
                if q.speaker == rec.attribution and q.id not in in_matter:
                    colour.setdefault(q.id, colour[ident])
        records = [get_record(chron, i) for i in colour]
        sides = {
            pos: _entries(chron, (r for r in records if is_party(r) and colour[r.id] == pos))
            for pos in (CLAIM, COUNTER)
        }
        evidence = sorted(
            (
                Evidence(r, colour[r.id])
                for r in records
                if isinstance(r, Event) and not is_party(r)
            ),
            key=lambda x: chron.order(x.event),
        )
        said = [*sides[CLAIM], *sides[COUNTER]]
        counts: Counter[str] = Counter()
        for s in said:
            if isinstance(s.record, Event):
                counts.update(set(record_places(s.record)))
        if not counts:
            for s in said:
                counts.update(set(record_places(s.record)))
        place_ids = [p for p, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
        if not evidence and said:
            first = min(s.when.start for s in said)
            evidence = _later_at_places(chron, place_ids, first)
        anchor = _anchor(chron, comp)
        title = anchor.title if isinstance(anchor, Event) else f"“{anchor.text}”"
        matter = Matter(
            0,
            title,
            sides[CLAIM],
            sides[COUNTER],
            tuple(evidence),
            tuple(chron.place(p) for p in place_ids),
            _same_side(chron, comp, colour),
        )
        built.append((said_key(anchor), matter))
    built.sort(key=lambda x: x[0])
    return [
        Matter(n, m.title, m.claim, m.counter, m.article, m.places, m.same_side)
        for n, (_, m) in enumerate(built, start=1)
    ]


def one_matter(chron: Chronology, number: int) -> Matter:
    """The contested matter with this number, as ``show`` and ``claims`` print it."""
    found = all_matters(chron)
    for m in found:
        if m.number == number:
            return m
    raise NotFound(
        f"no contested matter {number}; the chronology has {len(found)} (1 to {len(found)})"
        if found
        else f"no contested matter {number}; the chronology has none"
    )


def _same_side(
    chron: Chronology, comp: list[str], colour: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """The contradicting pairs the two positions could not keep apart (an odd loop)."""
    pairs: set[tuple[str, str]] = set()
    for ident in comp:
        for other in get_record(chron, ident).contradicts:
            if other in colour and other != ident and colour[other] == colour[ident]:
                a, b = sorted((ident, other))
                pairs.add((a, b))
    return tuple(sorted(pairs))


def matters(chron: Chronology, filt: query.Filter | None = None) -> list[Matter]:
    """The contested matters in which at least one party's record passes the filter.

    A matter is always shown whole — both positions and the article's account — because a claim
    without its answer is what a fact-checker must not be handed. Dates, places, actors and text
    follow ``timeline`` (for event claims) and ``quotes`` (for quotes): the dates overlap, the
    actor took part, made the claim or spoke. The side is the side of whoever made the claim or
    said the words: ``--side armenia`` asks what Armenia's officials claimed, not every claim
    about Armenian units.
    """
    found = all_matters(chron)
    if filt is None or not filt.is_set:
        return found
    sides = set(filt.sides)
    rest = dataclasses.replace(filt, sides=())
    passing: set[str] | None = None
    if rest.is_set:
        passing = {e.id for e in query.timeline(chron, rest)}
        passing |= {q.id for q in query.quotes(chron, rest)}

    def passes(s: Said) -> bool:
        if sides and s.by.side not in sides:
            return False
        ids = {s.record.id, *(q.id for q in s.quotes)}
        return passing is None or bool(ids & passing)

    return [m for m in found if any(passes(s) for s in m.said)]
