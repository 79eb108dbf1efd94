"""The SQLite export read back with ``sqlite3``, every table against rows written out by hand.

A small chronology with every kind of link (several places and actors, a change of control with
no side it came from, links between events and quotes in both directions) is exported whole and
under a filter that leaves some link targets out; each table is read back and compared with the
rows the data model says it holds. The shipped chronology's link tables are rebuilt from the
model too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.model import Chronology, Event, Quote
from shusha_cli.core.query import Filter
from shusha_cli.core.reading import parse as load
from shusha_cli.render import sqlite as render_sqlite
from shusha_cli.views.selection import Selection, select

LINKED = """\
schema: 1
source:
  title: "A test article"
  file: test.md
  paragraphs: 5
places:
  - id: shusha
    name: Shusha
    aliases: ["Şuşa", "Shushi"]
    kind: city
    district: Shusha District
    coordinates: {lat: 39.7583, lon: 46.7483, precision: settlement, source: "test"}
    notes: "the city"
  - id: lachin-road
    name: Lachin road
    kind: road
actors:
  - id: army-a
    name: Army A
    kind: unit
    side: azerbaijan
    role: Corps
  - id: spokesman-b
    name: Spokesman B
    aliases: ["B"]
    kind: person
    side: armenia
    affiliation: Ministry
events:
  - id: span
    date: "2020-10-21/2020-10-29"
    title: "A span"
    summary: "Fighting over nine days."
    type: fighting
    places: [lachin-road]
    sources: [1]
  - id: taken
    date: "2020-11-07"
    time_of_day: noon
    title: "Army A takes Shusha"
    summary: "A test capture of the flag hill."
    type: capture
    places: [shusha]
    actors: [army-a, spokesman-b]
    sources: [4, 2]
    control:
      - {place: shusha, to: azerbaijan, from: nagorno-karabakh}
      - {place: lachin-road, to: azerbaijan, extent: partial}
    notes: "a note"
  - id: denied
    date: "2020-11-08"
    reported: "2020-11-09"
    title: "B denies it"
    summary: "A test denial."
    type: denial
    places: [shusha]
    actors: [spokesman-b]
    sources: [3]
    attribution: spokesman-b
    contradicts: [taken, q-a]
    confirms: [q-b]
quotes:
  - id: q-a
    speaker: army-a
    date: "2020-11-07"
    occasion: statement
    text: "Shusha is ours"
    sources: [2]
    contradicts: [q-b]
  - id: q-b
    speaker: spokesman-b
    date: "2020-11-08"
    occasion: briefing
    medium: TV
    context: "the briefing"
    text: "They failed, wholly"
    sources: [3, 5]
    places: [lachin-road, shusha]
    events: [denied, taken]
    confirms: [denied]
"""

ON_8_NOV = Filter(start=dt.date(2020, 11, 8), end=dt.date(2020, 11, 8))


@pytest.fixture
def linked(tmp_path: Path) -> Chronology:
    path = tmp_path / "linked.yaml"
    path.write_text(LINKED, encoding="utf-8")
    return load.load(path)


def _export(chron: Chronology, chosen: Selection, tmp_path: Path) -> sqlite3.Connection:
    target = tmp_path / "out.db"
    render_sqlite.write(chron, chosen, target)
    return sqlite3.connect(target)


def _rows(db: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in db.execute(sql)]


def test_the_whole_export_holds_every_row_of_the_data(linked: Chronology, tmp_path: Path) -> None:
    db = _export(linked, select(linked, Filter(), closed=True), tmp_path)
    assert _rows(db, "SELECT * FROM places ORDER BY id") == [
        ("lachin-road", "Lachin road", "[]", "road", None, None, None, None, None, "certain",
         None, 2, "2020-10-21", "2020-11-07"),
        ("shusha", "Shusha", '["Şuşa", "Shushi"]', "city", "Shusha District", 39.7583, 46.7483,
         "settlement", "test", "certain", "the city", 2, "2020-11-07", "2020-11-08"),
    ]  # fmt: skip
    assert _rows(db, "SELECT * FROM actors ORDER BY id") == [
        ("army-a", "Army A", "[]", "unit", "azerbaijan", "Corps", None, None),
        ("spokesman-b", "Spokesman B", '["B"]', "person", "armenia", None, "Ministry", None),
    ]
    assert _rows(db, "SELECT * FROM events ORDER BY rowid") == [
        ("span", "2020-10-21/2020-10-29", "2020-10-21", "2020-10-29", "interval", None, None,
         None, None, None, None, "A span", "Fighting over nine days.", "fighting", "article",
         None, None, None, None),
        ("taken", "2020-11-07", "2020-11-07", "2020-11-07", "day", None, "noon", None, None,
         None, None, "Army A takes Shusha", "A test capture of the flag hill.", "capture",
         "article", None, None, None, "a note"),
        ("denied", "2020-11-08", "2020-11-08", "2020-11-08", "day", None, None, "2020-11-09",
         "2020-11-09", "2020-11-09", None, "B denies it", "A test denial.", "denial",
         "spokesman-b", "spokesman-b", "Spokesman B", "armenia", None),
    ]  # fmt: skip
    assert _rows(db, "SELECT * FROM quotes ORDER BY rowid") == [
        ("q-a", "army-a", "Army A", "azerbaijan", "2020-11-07", "2020-11-07", "2020-11-07",
         "day", None, "statement", None, "Shusha is ours", None),
        ("q-b", "spokesman-b", "Spokesman B", "armenia", "2020-11-08", "2020-11-08",
         "2020-11-08", "day", None, "briefing", "TV", "They failed, wholly", "the briefing"),
    ]  # fmt: skip
    assert _rows(db, "SELECT * FROM event_places ORDER BY event, position") == [
        ("denied", "shusha", 0),
        ("span", "lachin-road", 0),
        ("taken", "shusha", 0),  # its own places, as the JSON export lists them
    ]
    assert _rows(db, "SELECT * FROM event_actors ORDER BY event, position") == [
        ("denied", "spokesman-b", 0),
        ("taken", "army-a", 0),
        ("taken", "spokesman-b", 1),
    ]
    assert _rows(db, "SELECT * FROM event_sources ORDER BY rowid") == [
        ("span", 1),
        ("taken", 4),
        ("taken", 2),
        ("denied", 3),
    ]
    assert _rows(db, "SELECT * FROM control_changes ORDER BY event, position") == [
        ("taken", 0, "shusha", "azerbaijan", "nagorno-karabakh", "full"),
        ("taken", 1, "lachin-road", "azerbaijan", None, "partial"),
    ]
    assert _rows(db, "SELECT * FROM quote_sources ORDER BY rowid") == [
        ("q-a", 2),
        ("q-b", 3),
        ("q-b", 5),
    ]
    assert _rows(db, "SELECT * FROM quote_places ORDER BY quote, position") == [
        ("q-b", "lachin-road", 0),
        ("q-b", "shusha", 1),
    ]
    assert _rows(db, "SELECT * FROM quote_events ORDER BY quote, position") == [
        ("q-b", "denied", "denied", 0),
        ("q-b", "taken", "taken", 1),
    ]
    assert _rows(db, "SELECT * FROM links ORDER BY rowid") == [
        ("denied", "denied", None, "confirms", 0, "q-b", None, "q-b"),
        ("denied", "denied", None, "contradicts", 0, "taken", "taken", None),
        ("denied", "denied", None, "contradicts", 1, "q-a", None, "q-a"),
        ("q-a", None, "q-a", "contradicts", 0, "q-b", None, "q-b"),
        ("q-b", None, "q-b", "confirms", 0, "denied", "denied", None),
    ]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_links_to_records_the_filter_left_out_keep_their_ids_only(
    linked: Chronology, tmp_path: Path
) -> None:
    chosen = select(linked, ON_8_NOV, closed=True)
    assert [e.id for e in chosen.events] == ["denied"]
    assert [q.id for q in chosen.quotes] == ["q-b"]
    db = _export(linked, chosen, tmp_path)
    assert _rows(db, "SELECT * FROM quote_events ORDER BY position") == [
        ("q-b", "denied", "denied", 0),
        ("q-b", "taken", None, 1),
    ]
    assert _rows(db, "SELECT * FROM links ORDER BY rowid") == [
        ("denied", "denied", None, "confirms", 0, "q-b", None, "q-b"),
        ("denied", "denied", None, "contradicts", 0, "taken", None, None),
        ("denied", "denied", None, "contradicts", 1, "q-a", None, None),
        ("q-b", None, "q-b", "confirms", 0, "denied", "denied", None),
    ]
    # closed: the quote's places are in, though the event names only one of them
    assert _rows(db, "SELECT id FROM places ORDER BY id") == [("lachin-road",), ("shusha",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_full_text_index_finds_words_of_each_indexed_column(
    linked: Chronology, tmp_path: Path
) -> None:
    db = _export(linked, select(linked, Filter(), closed=True), tmp_path)

    def hits(table: str, words: str) -> list[str]:
        base = table.removesuffix("_fts")
        sql = (
            f"SELECT b.id FROM {base} b JOIN {table} f ON f.rowid = b.rowid "
            f"WHERE {table} MATCH ? ORDER BY b.rowid"
        )
        return [r[0] for r in db.execute(sql, (words,))]

    assert hits("events_fts", "flag") == ["taken"]  # in a summary
    assert hits("events_fts", "denies") == ["denied"]  # in a title
    assert hits("events_fts", "note") == ["taken"]  # in the notes
    assert hits("quotes_fts", "wholly") == ["q-b"]  # in a text
    assert hits("quotes_fts", "briefing") == ["q-b"]  # in a context
    assert hits("quotes_fts", "ours") == ["q-a"]


def test_a_reference_outside_the_selection_is_refused(linked: Chronology, tmp_path: Path) -> None:
    """The writer enforces the foreign keys it declares: an open selection cannot be written."""
    whole = select(linked, Filter(), closed=True)
    open_selection = Selection(whole.events, whole.quotes, (), whole.actors)
    with pytest.raises(sqlite3.IntegrityError):
        render_sqlite.write(linked, open_selection, tmp_path / "out.db")


def _links(records: list[Event | Quote], events: set[str], quotes: set[str]) -> list[Any]:
    out = []
    for r in records:
        kind = "quote" if isinstance(r, Quote) else "event"
        for relation in ("confirms", "contradicts"):
            for n, t in enumerate(getattr(r, relation)):
                out.append(
                    (r.id, r.id if kind == "event" else None, r.id if kind == "quote" else None,
                     relation, n, t, t if t in events else None, t if t in quotes else None)
                )  # fmt: skip
    return out


@pytest.mark.parametrize("filt", [Filter(), ON_8_NOV], ids=["all", "on 8 Nov"])
def test_the_shipped_link_tables_are_the_models_lists(
    shipped: Chronology, tmp_path: Path, filt: Filter
) -> None:
    chosen = select(shipped, filt, closed=True)
    db = _export(shipped, chosen, tmp_path)
    events = {e.id for e in chosen.events}
    quotes = {q.id for q in chosen.quotes}
    assert _rows(db, "SELECT * FROM event_places ORDER BY rowid") == [
        (e.id, p, n) for e in chosen.events for n, p in enumerate(e.places)
    ]
    assert _rows(db, "SELECT * FROM event_actors ORDER BY rowid") == [
        (e.id, a, n) for e in chosen.events for n, a in enumerate(e.actors)
    ]
    assert _rows(db, "SELECT * FROM control_changes ORDER BY rowid") == [
        (e.id, n, c.place, c.to.value, c.from_.value if c.from_ else None, c.extent.value)
        for e in chosen.events
        for n, c in enumerate(e.control)
    ]
    assert _rows(db, "SELECT * FROM quote_places ORDER BY rowid") == [
        (q.id, p, n) for q in chosen.quotes for n, p in enumerate(q.places)
    ]
    assert _rows(db, "SELECT * FROM quote_events ORDER BY rowid") == [
        (q.id, ev, ev if ev in events else None, n)
        for q in chosen.quotes
        for n, ev in enumerate(q.events)
    ]
    records: list[Event | Quote] = [*chosen.events, *chosen.quotes]
    assert _rows(db, "SELECT * FROM links ORDER BY rowid") == _links(records, events, quotes)
    aliases = {
        r[0]: r[1]
        for r in db.execute("SELECT id, aliases FROM places UNION SELECT id, aliases FROM actors")
    }
    for thing in [*(r.place for r in chosen.places), *chosen.actors]:
        # JSON text with the names as written (Datasette shows the column as it is)
        assert aliases[thing.id] == json.dumps(list(thing.aliases), ensure_ascii=False)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
