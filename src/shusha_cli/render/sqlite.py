"""SQLite output (stdlib ``sqlite3``), laid out for Datasette: a table per record kind, link tables.

Every list of the JSON records becomes a link table with declared foreign keys, so that a
place, an actor or a side can be faceted and joined; missing values are NULL, never ``''``;
dates are ISO text (``YYYY-MM-DD``), which sorts and compares as dates. Full-text indexes
``events_fts`` and ``quotes_fts`` follow sqlite-utils' convention (``content=[table]``), which
is how Datasette finds them and offers a search box.

A link to a record that the filters left out keeps its id in a text column (``target``,
``event_id``); the foreign-key column beside it is NULL, so ``PRAGMA foreign_key_check`` holds
on any filtered export.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from shusha_cli.core.model import Chronology, Event, Quote
from shusha_cli.render import fields
from shusha_cli.render import json as render_json
from shusha_cli.views.selection import Selection

SCHEMA = """
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, kind TEXT NOT NULL,
    district TEXT, lat REAL, lon REAL, coord_precision TEXT, coord_source TEXT,
    identification TEXT NOT NULL, notes TEXT, events INTEGER NOT NULL, first TEXT, last TEXT
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, kind TEXT NOT NULL,
    side TEXT NOT NULL, role TEXT, affiliation TEXT, notes TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, date TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT,
    precision TEXT NOT NULL, qualifier TEXT, time_of_day TEXT, reported TEXT,
    reported_start TEXT, reported_end TEXT, date_note TEXT, title TEXT NOT NULL,
    summary TEXT NOT NULL, type TEXT NOT NULL, attribution TEXT NOT NULL,
    claimant_id TEXT REFERENCES actors(id), claimant_name TEXT, claimant_side TEXT, notes TEXT
);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY, actor TEXT NOT NULL REFERENCES actors(id), speaker_name TEXT NOT NULL,
    speaker_side TEXT NOT NULL, date TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT,
    precision TEXT NOT NULL, qualifier TEXT, occasion TEXT NOT NULL, medium TEXT,
    text TEXT NOT NULL, context TEXT
);
CREATE TABLE event_places (
    event TEXT NOT NULL REFERENCES events(id), place TEXT NOT NULL REFERENCES places(id),
    position INTEGER NOT NULL, PRIMARY KEY (event, place)
);
CREATE TABLE event_actors (
    event TEXT NOT NULL REFERENCES events(id), actor TEXT NOT NULL REFERENCES actors(id),
    position INTEGER NOT NULL, PRIMARY KEY (event, actor)
);
CREATE TABLE event_sources (
    event TEXT NOT NULL REFERENCES events(id), paragraph INTEGER NOT NULL,
    PRIMARY KEY (event, paragraph)
);
CREATE TABLE quote_sources (
    quote TEXT NOT NULL REFERENCES quotes(id), paragraph INTEGER NOT NULL,
    PRIMARY KEY (quote, paragraph)
);
CREATE TABLE control_changes (
    event TEXT NOT NULL REFERENCES events(id), position INTEGER NOT NULL,
    place TEXT NOT NULL REFERENCES places(id), "to" TEXT NOT NULL, "from" TEXT,
    extent TEXT NOT NULL, PRIMARY KEY (event, position)
);
CREATE TABLE quote_places (
    quote TEXT NOT NULL REFERENCES quotes(id), place TEXT NOT NULL REFERENCES places(id),
    position INTEGER NOT NULL, PRIMARY KEY (quote, place)
);
CREATE TABLE quote_events (
    quote TEXT NOT NULL REFERENCES quotes(id), event_id TEXT NOT NULL,
    event TEXT REFERENCES events(id), position INTEGER NOT NULL, PRIMARY KEY (quote, event_id)
);
CREATE TABLE links (
    source TEXT NOT NULL, source_event TEXT REFERENCES events(id),
    source_quote TEXT REFERENCES quotes(id), relation TEXT NOT NULL, position INTEGER NOT NULL,
    target TEXT NOT NULL, target_event TEXT REFERENCES events(id),
    target_quote TEXT REFERENCES quotes(id), PRIMARY KEY (source, relation, target)
);
CREATE INDEX events_start ON events(start);
CREATE INDEX events_end ON events("end");
CREATE INDEX events_type ON events(type);
CREATE INDEX events_attribution ON events(attribution);
CREATE INDEX events_claimant_side ON events(claimant_side);
CREATE INDEX quotes_actor ON quotes(actor);
CREATE INDEX quotes_start ON quotes(start);
CREATE INDEX quotes_speaker_side ON quotes(speaker_side);
CREATE INDEX actors_side ON actors(side);
CREATE INDEX places_kind ON places(kind);
CREATE INDEX event_places_place ON event_places(place);
CREATE INDEX event_actors_actor ON event_actors(actor);
CREATE INDEX control_changes_place ON control_changes(place);
CREATE INDEX control_changes_to ON control_changes("to");
CREATE INDEX quote_places_place ON quote_places(place);
CREATE INDEX quote_events_event ON quote_events(event);
CREATE INDEX links_target ON links(target);
CREATE VIRTUAL TABLE [events_fts] USING FTS5 ([title], [summary], [notes], content=[events]);
CREATE VIRTUAL TABLE [quotes_fts] USING FTS5 ([text], [context], content=[quotes]);
"""

_LISTS = {"aliases"}
"""Lists kept in their row as a JSON array, which Datasette facets with ``_facet_array``."""

# Every statement is written once, here, from Python-side names: SQLite reads identifiers
# case-blind, so a misspelt name in the code must fail in Python (a KeyError), not pass.
_RECORDS: dict[str, tuple[fields.Field, ...]] = {
    "places": fields.PLACE_ROW_FIELDS,
    "actors": fields.ACTOR_FIELDS,
    "events": fields.EVENT_FIELDS,
    "quotes": fields.QUOTE_FIELDS,
}
_COLUMNS: dict[str, tuple[str, ...]] = {
    **{
        table: tuple(f.name for f in field_list if f.name in _LISTS or not f.many)
        for table, field_list in _RECORDS.items()
    },
    "event_places": ("event", "place", "position"),
    "event_actors": ("event", "actor", "position"),
    "event_sources": ("event", "paragraph"),
    "control_changes": ("event", "position", "place", "to", "from", "extent"),
    "quote_sources": ("quote", "paragraph"),
    "quote_places": ("quote", "place", "position"),
    "quote_events": ("quote", "event_id", "event", "position"),
    "links": (
        "source", "source_event", "source_quote", "relation", "position", "target",
        "target_event", "target_quote",
    ),
}  # fmt: skip
_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in names)}) "
    f"VALUES ({', '.join('?' for _ in names)})"
    for table, names in _COLUMNS.items()
}
_FOREIGN_KEYS_ON = "PRAGMA foreign_keys = ON"
_REBUILD_FTS = (
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
)
_VACUUM = "VACUUM"


def _insert(db: sqlite3.Connection, table: str, *values: Any) -> None:
    """One row, its values in the order of :data:`_COLUMNS`."""
    db.execute(_INSERT[table], values)


def _record(db: sqlite3.Connection, table: str, obj: dict[str, Any]) -> None:
    """A record's own row: its scalar fields; an array of names as JSON text."""
    import json

    _insert(
        db,
        table,
        *(
            json.dumps(obj[name], ensure_ascii=False) if name in _LISTS else obj[name]
            for name in _COLUMNS[table]
        ),
    )


def write(chron: Chronology, chosen: Selection, path: Path) -> None:
    """Write the selection into a new database at ``path`` (an empty file or none)."""
    db = sqlite3.connect(path)
    try:
        db.execute(_FOREIGN_KEYS_ON)
        db.executescript(SCHEMA)
        with db:
            _fill(db, chron, chosen)
            for statement in _REBUILD_FTS:
                db.execute(statement)
        db.execute(_VACUUM)
    finally:
        db.close()


def _fill(db: sqlite3.Connection, chron: Chronology, chosen: Selection) -> None:
    for r in chosen.places:
        _record(db, "places", render_json.place_row_obj(r))
    for a in chosen.actors:
        _record(db, "actors", render_json.actor_obj(a))
    events = {e.id for e in chosen.events}
    quotes = {q.id for q in chosen.quotes}
    for e in chosen.events:
        obj = render_json.event_obj(chron, e)
        _record(db, "events", obj)
        for n, p in enumerate(obj["places"]):
            _insert(db, "event_places", e.id, p, n)
        for n, a in enumerate(obj["actors"]):
            _insert(db, "event_actors", e.id, a, n)
        for p in obj["sources"]:
            _insert(db, "event_sources", e.id, p)
        for n, c in enumerate(obj["control"]):
            _insert(db, "control_changes", e.id, n, c["place"], c["to"], c["from"], c["extent"])
    for q in chosen.quotes:
        obj = render_json.quote_obj(chron, q)
        _record(db, "quotes", obj)
        for p in obj["sources"]:
            _insert(db, "quote_sources", q.id, p)
        for n, p in enumerate(obj["places"]):
            _insert(db, "quote_places", q.id, p, n)
        for n, ev in enumerate(obj["events"]):
            _insert(db, "quote_events", q.id, ev, ev if ev in events else None, n)
    records: list[Event | Quote] = [*chosen.events, *chosen.quotes]
    for record in records:
        is_quote = isinstance(record, Quote)
        pairs = (("confirms", record.confirms), ("contradicts", record.contradicts))
        for relation, targets in pairs:
            for n, t in enumerate(targets):
                _insert(
                    db,
                    "links",
                    record.id,
                    None if is_quote else record.id,
                    record.id if is_quote else None,
                    relation,
                    n,
                    t,
                    t if t in events else None,
                    t if t in quotes else None,
                )
