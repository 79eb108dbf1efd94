"""CSV output (RFC 4180 through the ``csv`` module), one table per kind of record.

List fields are joined with ``"; "`` and hold names for people and places, with an id column
beside them. A cell that a spreadsheet would run as a formula (starting with ``= + - @``, a tab
or a carriage return) is written with a leading apostrophe, as OWASP advises; readers strip
that one apostrophe to get the value back (see :func:`unguard`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from shusha_cli.model import ARTICLE, Actor, Chronology, Event, Quote
from shusha_cli.query import PlaceRow

SEP = "; "
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """Make a cell safe to open in a spreadsheet: it will show as text, never run."""
    return "'" + cell if cell.startswith(_TRIGGERS) else cell


def unguard(cell: str) -> str:
    """The value a guarded cell stands for (the inverse of :func:`guard`)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_TRIGGERS) else cell


def _join(items: Iterable[object]) -> str:
    return SEP.join(str(i) for i in items)


def _author(chron: Chronology, ident: str) -> str:
    return "article" if ident == ARTICLE else chron.actor(ident).name


EVENT_COLUMNS = [
    "id", "date", "start", "end", "precision", "time_of_day", "reported", "type", "title",
    "summary", "places", "place_ids", "actors", "actor_ids", "attribution", "attribution_id",
    "control", "sources", "confirms", "contradicts", "date_note", "notes",
]  # fmt: skip


def event_rows(chron: Chronology, events: Sequence[Event]) -> Iterable[list[str]]:
    yield EVENT_COLUMNS
    for e in events:
        control = _join(
            f"{chron.place(c.place).name} → {c.to.value}"
            + (f" from {c.from_.value}" if c.from_ else "")
            + (" (partial)" if c.extent.value == "partial" else "")
            for c in e.control
        )
        yield [
            e.id, e.date.text, e.date.start.isoformat(),
            e.date.end.isoformat() if e.date.end else "", e.date.precision.value,
            e.time_of_day.value if e.time_of_day else "",
            e.reported.text if e.reported else "", e.type.value, e.title, e.summary,
            _join(chron.place(p).name for p in e.places), _join(e.places),
            _join(chron.actor(a).name for a in e.actors), _join(e.actors),
            _author(chron, e.attribution), e.attribution, control, _join(e.sources),
            _join(e.confirms), _join(e.contradicts), e.date_note, e.notes,
        ]  # fmt: skip


QUOTE_COLUMNS = [
    "id", "date", "start", "end", "speaker", "speaker_id", "side", "occasion", "medium", "text",
    "context", "places", "place_ids", "events", "sources", "confirms", "contradicts",
]  # fmt: skip


def quote_rows(chron: Chronology, quotes: Sequence[Quote]) -> Iterable[list[str]]:
    yield QUOTE_COLUMNS
    for q in quotes:
        speaker = chron.actor(q.speaker)
        yield [
            q.id, q.date.text, q.date.start.isoformat(),
            q.date.end.isoformat() if q.date.end else "", speaker.name, speaker.id,
            speaker.side.value, q.occasion.value, q.medium, q.text, q.context,
            _join(chron.place(p).name for p in q.places), _join(q.places), _join(q.events),
            _join(q.sources), _join(q.confirms), _join(q.contradicts),
        ]  # fmt: skip


PLACE_COLUMNS = [
    "id", "name", "aliases", "kind", "district", "lat", "lon", "coord_precision", "coord_source",
    "identification", "events", "first", "last", "notes",
]  # fmt: skip


def place_rows(rows: Sequence[PlaceRow]) -> Iterable[list[str]]:
    yield PLACE_COLUMNS
    for r in rows:
        p, c = r.place, r.place.coordinates
        yield [
            p.id, p.name, _join(p.aliases), p.kind.value, p.district or "",
            str(c.lat) if c else "", str(c.lon) if c else "", c.precision.value if c else "",
            c.source if c else "", p.identification.value, str(r.events),
            r.first.isoformat() if r.first else "", r.last.isoformat() if r.last else "", p.notes,
        ]  # fmt: skip


ACTOR_COLUMNS = ["id", "name", "aliases", "kind", "side", "role", "affiliation", "notes"]


def actor_rows(actors: Sequence[Actor]) -> Iterable[list[str]]:
    yield ACTOR_COLUMNS
    for a in actors:
        yield [
            a.id, a.name, _join(a.aliases), a.kind.value, a.side.value, a.role or "",
            a.affiliation or "", a.notes,
        ]  # fmt: skip


def write(rows: Iterable[list[str]], out: TextIO, bom: bool = False) -> None:
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([guard(cell) for cell in row])
