"""JSON output: the stable contract documented in the README ('Output contract').

Objects are plain dicts of JSON types; :func:`write` streams them with ``json``, never through
Rich, so the bytes a script reads are exactly the data.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from shusha_cli.core.model import Actor, Chronology, Event, Place, Quote, Span

if TYPE_CHECKING:  # only types: `timeline -f json` need not import the views and the query
    from shusha_cli.core.query import ActorReport, ControlStep, PlaceReport, PlaceRow
    from shusha_cli.views.activity import Activity
    from shusha_cli.views.claims import Evidence, Matter, Said
    from shusha_cli.views.front import Front
    from shusha_cli.views.show import Detail, Linked

Obj = dict[str, Any]


def _iso(span: Span | None) -> tuple[str | None, str | None]:
    if span is None:
        return None, None
    return span.start.isoformat(), span.end.isoformat() if span.end else None


def _names(chron: Chronology, ids: tuple[str, ...], place: bool) -> list[str]:
    return [chron.place(i).name if place else chron.actor(i).name for i in ids]


def event_obj(chron: Chronology, e: Event) -> Obj:
    """An event with the names and sides beside its ids (fields: ``render.fields.EVENT_FIELDS``).

    The names and sides are there so that "by side" and "by name" need no join.
    """
    start, end = _iso(e.date)
    claimant = chron.actor(e.attribution) if e.is_claim else None
    sides = [chron.actor(a).side.value for a in e.actors]
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
        "place_names": _names(chron, e.places, place=True),
        "actors": list(e.actors),
        "actor_names": _names(chron, e.actors, place=False),
        "actor_sides": list(dict.fromkeys(sides)),
        "sources": list(e.sources),
        "attribution": e.attribution,
        "claimant_id": claimant.id if claimant else None,
        "claimant_name": claimant.name if claimant else None,
        "claimant_side": claimant.side.value if claimant else None,
        "control": [
            {
                "place": c.place,
                "place_name": chron.place(c.place).name,
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


def quote_obj(chron: Chronology, q: Quote) -> Obj:
    """A quote with its speaker's name and side (fields: ``render.fields.QUOTE_FIELDS``)."""
    start, end = _iso(q.date)
    speaker = chron.actor(q.speaker)
    return {
        "id": q.id,
        "actor": q.speaker,
        "speaker_name": speaker.name,
        "speaker_side": speaker.side.value,
        "date": q.date.text,
        "start": start,
        "end": end,
        "precision": q.date.precision.value,
        "qualifier": q.date.qualifier.value if q.date.qualifier else None,
        "occasion": q.occasion.value,
        "medium": q.medium or None,
        "text": q.text,
        "context": q.context or None,
        "sources": list(q.sources),
        "places": list(q.places),
        "place_names": _names(chron, q.places, place=True),
        "events": list(q.events),
        "confirms": list(q.confirms),
        "contradicts": list(q.contradicts),
    }


def place_obj(p: Place) -> Obj:
    """A place, its coordinates flat as in CSV and GeoJSON (``render.fields.PLACE_FIELDS``)."""
    c = p.coordinates
    return {
        "id": p.id,
        "name": p.name,
        "aliases": list(p.aliases),
        "kind": p.kind.value,
        "district": p.district,
        "lat": c.lat if c else None,
        "lon": c.lon if c else None,
        "coord_precision": c.precision.value if c else None,
        "coord_source": c.source if c else None,
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


def control_step_obj(s: ControlStep) -> Obj:
    """One change of a place's control: the event, its date, and who it passed to and from."""
    return {
        "event": s.event.id,
        "date": s.event.date.text,
        "start": s.event.date.start.isoformat(),
        "end": s.event.date.end.isoformat() if s.event.date.end else None,
        "time_of_day": s.event.time_of_day.value if s.event.time_of_day else None,
        "to": s.change.to.value,
        "from": s.change.from_.value if s.change.from_ else None,
        "extent": s.change.extent.value,
        "attribution": s.event.attribution,
    }


def place_report_obj(chron: Chronology, r: PlaceReport) -> Obj:
    return {
        **place_obj(r.place),
        "control_history": [control_step_obj(s) for s in r.control],
        "named_with": [{"id": p.id, "name": p.name, "events": n} for p, n in r.neighbours],
        "events": [event_obj(chron, e) for e in r.events],
        "quotes": [quote_obj(chron, q) for q in r.quotes],
    }


def actor_report_obj(chron: Chronology, r: ActorReport) -> Obj:
    return {
        **actor_obj(r.actor),
        "events": [event_obj(chron, e) for e in r.events],
        "quotes": [quote_obj(chron, q) for q in r.quotes],
        "links": [
            {"relation": k.relation, "own": k.own.id, "other": k.other.id, "other_by": k.other_by}
            for k in r.links
        ],
    }


def summary_obj(chron: Chronology) -> Obj:
    from shusha_cli.core.model import EventType
    from shusha_cli.core.query import bounds, campaign_bounds

    first, last = campaign_bounds(chron.events)
    bg_first, bg_last = bounds(e for e in chron.events if e.type is EventType.BACKGROUND)
    return {
        "file": chron.path,
        "events": len(chron.events),
        "places": len(chron.places),
        "actors": len(chron.actors),
        "quotes": len(chron.quotes),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "background_first": bg_first.isoformat() if bg_first else None,
        "background_last": bg_last.isoformat() if bg_last else None,
    }


def _brief(e: Event | Quote | None) -> Obj | None:
    """A linked record in a few fields: enough to list it and to ask ``show`` for the rest."""
    if e is None:
        return None
    start, end = _iso(e.date)
    if isinstance(e, Quote):
        return {"id": e.id, "kind": "quote", "date": e.date.text, "start": start, "end": end,
                "by": e.speaker, "text": e.text}  # fmt: skip
    return {"id": e.id, "kind": "event", "date": e.date.text, "start": start, "end": end,
            "time_of_day": e.time_of_day.value if e.time_of_day else None, "by": e.attribution,
            "title": e.title}  # fmt: skip


def _linked_obj(k: Linked) -> Obj:
    return {"relation": k.relation, **(_brief(k.other) or {})}


def detail_obj(chron: Chronology, d: Detail) -> Obj:
    """``shusha show``: the record's own fields (as in ``timeline``/``quotes``) plus its context."""
    from shusha_cli.views.show import QuoteDetail

    if isinstance(d, QuoteDetail):
        return {
            "kind": "quote",
            **quote_obj(chron, d.quote),
            "speaker": actor_obj(d.speaker),
            "place_details": [place_obj(p) for p in d.places],
            "event_details": [_brief(e) for e in d.events],
            "links": [_linked_obj(k) for k in d.links],
            "matters": list(d.matters),
        }
    return {
        "kind": "event",
        **event_obj(chron, d.event),
        "claimant": actor_obj(d.claimant) if d.claimant else None,
        "place_details": [place_obj(p) for p in d.places],
        "actor_details": [actor_obj(a) for a in d.actors],
        "links": [_linked_obj(k) for k in d.links],
        "quotes_about": [quote_obj(chron, q) for q in d.quotes],
        "at_same_places": [
            {"place": n.place.id, "before": _brief(n.before), "after": _brief(n.after)}
            for n in d.neighbours
        ],
        "matters": list(d.matters),
    }


def said_obj(s: Said) -> Obj:
    start, end = _iso(s.when)
    return {
        "id": s.record.id,
        "kind": "quote" if isinstance(s.record, Quote) else "event",
        "by": s.by.id,
        "by_name": s.by.name,
        "side": s.by.side.value,
        "said": s.when.text,
        "said_start": start,
        "said_end": end,
        "time_of_day": s.time_of_day.value if s.time_of_day else None,
        "title": s.title,
        "quotes": [q.id for q in s.quotes],
    }


def _evidence_obj(x: Evidence) -> Obj:
    return {**(_brief(x.event) or {}), "bears_out": x.bears_out}


def matter_obj(m: Matter) -> Obj:
    """``shusha claims``: one contested matter; ``bears_out`` is claim, counter or later."""
    return {
        "matter": m.number,
        "title": m.title,
        "places": [p.id for p in m.places],
        "claim": [said_obj(s) for s in m.claim],
        "counter": [said_obj(s) for s in m.counter],
        "article": [_evidence_obj(x) for x in m.article],
        "same_side": [list(pair) for pair in m.same_side],
    }


def front_obj(f: Front) -> Obj:
    """``front -f json``: each place's holder by day, the changes in the range, the rest."""
    return {
        "from": f.range.start.isoformat(),
        "to": f.range.end.isoformat(),
        "filter": f.description,
        "places": [
            {
                "id": r.place.id,
                "name": r.place.name,
                "days": [
                    {
                        "date": day.isoformat(),
                        "state": h.hold.value,
                        "side": h.side.value if h.side else None,
                        "from": h.other.value if h.other else None,
                        "event": h.step.event.id if h.step else None,
                    }
                    for day, h in zip(f.range.days, r.cells, strict=True)
                ],
            }
            for r in f.rows
        ],
        "changes": [
            {
                "place": c.place.id,
                "event": c.step.event.id,
                "date": c.step.event.date.text,
                "start": _iso(c.step.event.date)[0],
                "end": _iso(c.step.event.date)[1],
                "day_known": c.day_known,
                "time_of_day": (
                    c.step.event.time_of_day.value if c.step.event.time_of_day else None
                ),
                "to": c.step.change.to.value,
                "from": c.step.change.from_.value if c.step.change.from_ else None,
                "extent": c.step.change.extent.value,
                "attribution": c.step.event.attribution,
            }
            for c in f.changes
        ],
        "no_control_recorded": [p.id for p in f.unrecorded],
    }


def activity_obj(a: Activity) -> list[Obj]:
    """``days -f json``: per day, events dated to it and events whose span includes it."""
    return [
        {
            "date": d.day.isoformat(),
            "on_day": d.on_day_total,
            "in_span": d.in_span_total,
            "on_day_by_type": {t.value: n for t, n in d.on_day},
            "in_span_by_type": {t.value: n for t, n in d.in_span},
        }
        for d in a.days
    ]


def unicode_stream(out: TextIO) -> bool:
    """Whether ``out`` takes any character (UTF-8, or text in memory).

    Into a stream of another encoding (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``) JSON is
    written with ``\\uXXXX`` escapes for every non-ASCII character: the same JSON, whole,
    where any other fallback would change the data or break the syntax.
    """
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith("utf")


def write(data: Any, out: TextIO) -> None:
    """``data`` as indented JSON and a final newline, in one write.

    Not ``json.dump``: with an indent it writes each token on its own (28,000 writes for the
    shipped events), which costs more than encoding them.
    """
    out.write(json.dumps(data, ensure_ascii=not unicode_stream(out), indent=2) + "\n")
