"""JSON output: the stable contract documented in the README ('Output contract').

Objects are plain dicts of JSON types; :func:`write` streams them with ``json``, never through
Rich, so the bytes a script reads are exactly the data.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from shusha_cli.model import Actor, Chronology, Event, Place, Quote, Span
from shusha_cli.query import ActorReport, PlaceReport, PlaceRow

Obj = dict[str, Any]


def _iso(span: Span | None) -> tuple[str | None, str | None]:
    if span is None:
        return None, None
    return span.start.isoformat(), span.end.isoformat() if span.end else None


def event_obj(e: Event) -> Obj:
    start, end = _iso(e.date)
    rep_start, rep_end = _iso(e.reported)
    return {
        "id": e.id,
        "date": e.date.text,
        "start": start,
        "end": end,
        "precision": e.date.precision.value,
        "qualifier": e.date.qualifier.value if e.date.qualifier else None,
        "time_of_day": e.time_of_day.value if e.time_of_day else None,
        "reported": e.reported.text if e.reported else None,
        "reported_start": rep_start,
        "reported_end": rep_end,
        "date_note": e.date_note or None,
        "title": e.title,
        "summary": e.summary,
        "type": e.type.value,
        "places": list(e.places),
        "actors": list(e.actors),
        "sources": list(e.sources),
        "attribution": e.attribution,
        "control": [
            {
                "place": c.place,
                "to": c.to.value,
                "from": c.from_.value if c.from_ else None,
                "extent": c.extent.value,
            }
            for c in e.control
        ],
        "confirms": list(e.confirms),
        "contradicts": list(e.contradicts),
        "notes": e.notes or None,
    }


def quote_obj(q: Quote) -> Obj:
    start, end = _iso(q.date)
    return {
        "id": q.id,
        "actor": q.speaker,
        "date": q.date.text,
        "start": start,
        "end": end,
        "occasion": q.occasion.value,
        "medium": q.medium or None,
        "text": q.text,
        "context": q.context or None,
        "sources": list(q.sources),
        "places": list(q.places),
        "events": list(q.events),
        "confirms": list(q.confirms),
        "contradicts": list(q.contradicts),
    }


def place_obj(p: Place) -> Obj:
    c = p.coordinates
    return {
        "id": p.id,
        "name": p.name,
        "aliases": list(p.aliases),
        "kind": p.kind.value,
        "district": p.district,
        "coordinates": (
            {"lat": c.lat, "lon": c.lon, "precision": c.precision.value, "source": c.source}
            if c
            else None
        ),
        "identification": p.identification.value,
        "notes": p.notes or None,
    }


def place_row_obj(row: PlaceRow) -> Obj:
    return {
        **place_obj(row.place),
        "events": row.events,
        "first": row.first.isoformat() if row.first else None,
        "last": row.last.isoformat() if row.last else None,
    }


def actor_obj(a: Actor) -> Obj:
    return {
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "kind": a.kind.value,
        "side": a.side.value,
        "role": a.role,
        "affiliation": a.affiliation,
        "notes": a.notes or None,
    }


def place_report_obj(r: PlaceReport) -> Obj:
    return {
        **place_obj(r.place),
        "control_history": [
            {
                "event": s.event.id,
                "date": s.event.date.text,
                "time_of_day": s.event.time_of_day.value if s.event.time_of_day else None,
                "to": s.change.to.value,
                "from": s.change.from_.value if s.change.from_ else None,
                "extent": s.change.extent.value,
                "attribution": s.event.attribution,
            }
            for s in r.control
        ],
        "named_with": [{"id": p.id, "name": p.name, "events": n} for p, n in r.neighbours],
        "events": [event_obj(e) for e in r.events],
        "quotes": [quote_obj(q) for q in r.quotes],
    }


def actor_report_obj(r: ActorReport) -> Obj:
    return {
        **actor_obj(r.actor),
        "events": [event_obj(e) for e in r.events],
        "quotes": [quote_obj(q) for q in r.quotes],
        "links": [
            {"relation": k.relation, "own": k.own.id, "other": k.other.id, "other_by": k.other_by}
            for k in r.links
        ],
    }


def summary_obj(chron: Chronology) -> Obj:
    from shusha_cli.query import bounds

    first, last = bounds(e for e in chron.events)
    return {
        "file": chron.path,
        "events": len(chron.events),
        "places": len(chron.places),
        "actors": len(chron.actors),
        "quotes": len(chron.quotes),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
    }


def write(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
