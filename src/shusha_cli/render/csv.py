"""CSV output (RFC 4180 through the ``csv`` module), one table per kind of record.

The tables of records are their JSON objects flattened (see ``render.fields``): list fields
joined with ``"; "``, ids with names beside them. A cell that a spreadsheet could run as a
formula (see :func:`_needs_guard`) is written with a leading apostrophe, as OWASP advises;
:func:`unguard` gets the value back. ``--no-guard`` writes the cells as they are, for pipelines.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TextIO

from shusha_cli.core.model import ARTICLE, Actor, Chronology, Event, EventType, Quote
from shusha_cli.core.query import PlaceRow
from shusha_cli.render import fields
from shusha_cli.render import json as render_json
from shusha_cli.views.activity import Activity
from shusha_cli.views.claims import Matter, Said
from shusha_cli.views.front import Front
from shusha_cli.views.show import Detail, QuoteDetail

SEP = fields.SEP
#: What a spreadsheet may take as the start of a formula: ``= + - @``, their full-width and
#: small forms, and (since spreadsheets skip them before looking) any leading white space,
#: control or invisible format character: a tab, CR, LF, space, NUL, zero-width space, BOM.
_TRIGGERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)


def _needs_guard(cell: str) -> bool:
    """Whether a spreadsheet could run ``cell`` (or a guard's apostrophe would be ambiguous).

    A cell that is wholly a number (``-39.7583``, ``+1``, ``2e5``) is left alone: it is read
    as that number, never run. Leading apostrophes are looked past, so ``'=1`` is guarded as
    ``''=1``: that is what makes :func:`unguard` the exact inverse of :func:`guard`.
    """
    i = 0
    while i < len(cell) and cell[i] == "'":
        i += 1
    if i == len(cell):
        return False
    first = cell[i]
    risky = first in _TRIGGERS or first.isspace() or unicodedata.category(first) in ("Cc", "Cf")
    return risky and not _NUMBER.fullmatch(cell, i)


def guard(cell: str) -> str:
    """Make a cell safe to open in a spreadsheet: it will show as text, never run."""
    return "'" + cell if _needs_guard(cell) else cell


def unguard(cell: str) -> str:
    """The value a guarded cell stands for: the exact inverse of :func:`guard`."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:]) else cell


def _join(items: Iterable[object]) -> str:
    return SEP.join(str(i) for i in items)


def _author(chron: Chronology, ident: str) -> str:
    return "article" if ident == ARTICLE else chron.actor(ident).name


def event_rows(chron: Chronology, events: Sequence[Event]) -> Iterable[list[str]]:
    """Events: the JSON records flattened (``render.fields``), so CSV and JSON agree."""
    yield fields.columns(fields.EVENT_FIELDS)
    for e in events:
        yield fields.flatten(fields.EVENT_FIELDS, render_json.event_obj(chron, e))


def quote_rows(chron: Chronology, quotes: Sequence[Quote]) -> Iterable[list[str]]:
    yield fields.columns(fields.QUOTE_FIELDS)
    for q in quotes:
        yield fields.flatten(fields.QUOTE_FIELDS, render_json.quote_obj(chron, q))


def place_rows(rows: Sequence[PlaceRow]) -> Iterable[list[str]]:
    yield fields.columns(fields.PLACE_ROW_FIELDS)
    for r in rows:
        yield fields.flatten(fields.PLACE_ROW_FIELDS, render_json.place_row_obj(r))


def actor_rows(actors: Sequence[Actor]) -> Iterable[list[str]]:
    yield fields.columns(fields.ACTOR_FIELDS)
    for a in actors:
        yield fields.flatten(fields.ACTOR_FIELDS, render_json.actor_obj(a))


DETAIL_COLUMNS = ["field", "value"]


def _names_with_aliases(chron: Chronology, ids: Sequence[str]) -> str:
    out = []
    for pid in ids:
        p = chron.place(pid)
        out.append(f"{p.name} ({', '.join(p.aliases)})" if p.aliases else p.name)
    return _join(out)


def detail_rows(chron: Chronology, d: Detail) -> Iterable[list[str]]:
    """``shusha show`` as field,value pairs: one record is one column of values, not a row.

    Lists are joined with ``"; "``; links read ``relation: id``; ``before``/``after`` fields
    name the neighbouring event ids at each place.
    """
    yield DETAIL_COLUMNS
    links = _join(f"{k.relation}: {k.other.id}" for k in d.links)
    matters = _join(d.matters)
    if isinstance(d, QuoteDetail):
        q = d.quote
        pairs = [
            ("kind", "quote"), ("id", q.id), ("speaker", d.speaker.name),
            ("speaker_id", d.speaker.id), ("side", d.speaker.side.value), ("date", q.date.text),
            ("start", q.date.start.isoformat()),
            ("end", q.date.end.isoformat() if q.date.end else ""),
            ("occasion", q.occasion.value), ("medium", q.medium), ("text", q.text),
            ("context", q.context), ("places", _names_with_aliases(chron, q.places)),
            ("place_ids", _join(q.places)), ("events", _join(e.id for e in d.events)),
            ("sources", _join(q.sources)), ("links", links), ("matters", matters),
        ]  # fmt: skip
    else:
        e = d.event
        pairs = [
            ("kind", "event"), ("id", e.id), ("title", e.title), ("date", e.date.text),
            ("start", e.date.start.isoformat()),
            ("end", e.date.end.isoformat() if e.date.end else ""),
            ("precision", e.date.precision.value),
            ("qualifier", e.date.qualifier.value if e.date.qualifier else ""),
            ("time_of_day", e.time_of_day.value if e.time_of_day else ""),
            ("reported", e.reported.text if e.reported else ""), ("date_note", e.date_note),
            ("type", e.type.value), ("summary", e.summary),
            ("places", _names_with_aliases(chron, [p.id for p in d.places])),
            ("place_ids", _join(p.id for p in d.places)),
            ("actors", _join(f"{a.name} ({a.side.value})" for a in d.actors)),
            ("actor_ids", _join(a.id for a in d.actors)),
            ("attribution", _author(chron, e.attribution)), ("attribution_id", e.attribution),
            ("sources", _join(e.sources)), ("links", links),
            ("quotes_about", _join(q.id for q in d.quotes)),
        ]  # fmt: skip
        for n in d.neighbours:
            pairs.append((f"before at {n.place.name}", n.before.id if n.before else ""))
            pairs.append((f"after at {n.place.name}", n.after.id if n.after else ""))
        pairs += [("matters", matters), ("notes", e.notes)]
    for key, value in pairs:
        yield [key, value]


MATTER_COLUMNS = [
    "matter", "matter_title", "position", "id", "kind", "by", "by_id", "side", "said",
    "said_start", "time_of_day", "title", "quotes", "bears_out",
]  # fmt: skip


def matter_rows(matters: Sequence[Matter]) -> Iterable[list[str]]:
    """``shusha claims`` in long form: one row per claim, counter-claim or article event.

    ``position`` is claim, counter or article; for article rows ``by`` is "article", ``said``
    is the event's date and ``bears_out`` tells which position it is in line with.
    """
    yield MATTER_COLUMNS

    def said_row(m: Matter, position: str, s: Said) -> list[str]:
        kind = "quote" if isinstance(s.record, Quote) else "event"
        return [
            str(m.number), m.title, position, s.record.id, kind, s.by.name, s.by.id,
            s.by.side.value, s.when.text, s.when.start.isoformat(),
            s.time_of_day.value if s.time_of_day else "", s.title, _join(q.id for q in s.quotes),
            "",
        ]  # fmt: skip

    for m in matters:
        yield from (said_row(m, "claim", s) for s in m.claim)
        yield from (said_row(m, "counter", s) for s in m.counter)
        for x in m.article:
            e = x.event
            yield [
                str(m.number), m.title, "article", e.id, "event", "article", ARTICLE, "",
                e.date.text, e.date.start.isoformat(),
                e.time_of_day.value if e.time_of_day else "", e.title, "", x.bears_out,
            ]  # fmt: skip


FRONT_COLUMNS = ["place_id", "place", "date", "state", "side", "from", "event"]


def front_rows(f: Front) -> Iterable[list[str]]:
    """``front -f csv``: one row per place and day (state: held, partial, changing, ...)."""
    yield FRONT_COLUMNS
    for r in f.rows:
        for day, h in zip(f.range.days, r.cells, strict=True):
            yield [
                r.place.id, r.place.name, day.isoformat(), h.hold.value,
                h.side.value if h.side else "", h.other.value if h.other else "",
                h.step.event.id if h.step else "",
            ]  # fmt: skip


def activity_rows(a: Activity) -> Iterable[list[str]]:
    """``days -f csv``: one row per day; per-type counts dated to the day, then in a span."""
    types = list(EventType)
    yield [
        "date", "on_day", "in_span",
        *(f"on_day:{t.value}" for t in types), *(f"in_span:{t.value}" for t in types),
    ]  # fmt: skip
    for d in a.days:
        exact, maybe = dict(d.on_day), dict(d.in_span)
        yield [
            d.day.isoformat(), str(d.on_day_total), str(d.in_span_total),
            *(str(exact.get(t, 0)) for t in types), *(str(maybe.get(t, 0)) for t in types),
        ]  # fmt: skip


def write(rows: Iterable[list[str]], out: TextIO, bom: bool = False, guarded: bool = True) -> None:
    """Write rows as RFC 4180; ``guarded=False`` (``--no-guard``) writes every cell as it is."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([guard(cell) for cell in row] if guarded else row)
