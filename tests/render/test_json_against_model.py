"""The JSON outputs against the chronology they come from, record by record and field by field.

The CSV tests compare CSV with JSON; these pin the JSON itself to the model (read with the
parser, not the renderer), including the fields the CSV does not carry: qualifiers, the
reported span, a change's extent, the linked records' briefs and the summary counts.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from shusha_cli.core.model import Chronology, Event, Quote
from tests.conftest import Run

Obj = dict[str, Any]


def ask(run: Run, *args: str) -> Any:
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def event_expected(chron: Chronology, e: Event) -> Obj:
    """Issue 16: names and sides beside the ids, looked up here in the model."""
    places = {p.id: p for p in chron.places}
    actors = {a.id: a for a in chron.actors}
    claimant = None if e.attribution == "article" else actors[e.attribution]
    sides: list[str] = []
    for a in e.actors:
        if actors[a].side.value not in sides:
            sides.append(actors[a].side.value)
    return {
        "id": e.id,
        "date": e.date.text,
        "start": iso(e.date.start),
        "end": iso(e.date.end),
        "precision": e.date.precision.value,
        "qualifier": e.date.qualifier.value if e.date.qualifier else None,
        "time_of_day": e.time_of_day.value if e.time_of_day else None,
        "reported": e.reported.text if e.reported else None,
        "reported_start": iso(e.reported.start) if e.reported else None,
        "reported_end": iso(e.reported.end) if e.reported else None,
        "date_note": e.date_note or None,
        "title": e.title,
        "summary": e.summary,
        "type": e.type.value,
        "places": list(e.places),
        "place_names": [places[p].name for p in e.places],
        "actors": list(e.actors),
        "actor_names": [actors[a].name for a in e.actors],
        "actor_sides": sides,
        "sources": list(e.sources),
        "attribution": e.attribution,
        "claimant_id": claimant.id if claimant else None,
        "claimant_name": claimant.name if claimant else None,
        "claimant_side": claimant.side.value if claimant else None,
        "control": [
            {
                "place": c.place,
                "place_name": places[c.place].name,
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


def quote_expected(chron: Chronology, q: Quote) -> Obj:
    speaker = next(a for a in chron.actors if a.id == q.speaker)
    places = {p.id: p.name for p in chron.places}
    return {
        "id": q.id,
        "actor": q.speaker,
        "speaker_name": speaker.name,
        "speaker_side": speaker.side.value,
        "date": q.date.text,
        "start": iso(q.date.start),
        "end": iso(q.date.end),
        "precision": q.date.precision.value,
        "qualifier": q.date.qualifier.value if q.date.qualifier else None,
        "occasion": q.occasion.value,
        "medium": q.medium or None,
        "text": q.text,
        "context": q.context or None,
        "sources": list(q.sources),
        "places": list(q.places),
        "place_names": [places[p] for p in q.places],
        "events": list(q.events),
        "confirms": list(q.confirms),
        "contradicts": list(q.contradicts),
    }


def test_every_event_is_its_record(run: Run, shipped: Chronology) -> None:
    by_id = {e.id: e for e in shipped.events}
    events = ask(run, "timeline")
    assert sorted(e["id"] for e in events) == sorted(by_id)
    for e in events:
        assert e == event_expected(shipped, by_id[e["id"]])
    # the optional fields are exercised by the data, so a blanked one is noticed
    for key in ("qualifier", "time_of_day", "reported", "reported_start", "date_note", "notes"):
        assert any(e[key] for e in events), key
    assert {c["extent"] for e in events for c in e["control"]} == {"full", "partial"}
    assert any(e["reported_end"] for e in events)


def test_every_quote_is_its_record(run: Run, shipped: Chronology) -> None:
    by_id = {q.id: q for q in shipped.quotes}
    quotes = ask(run, "quotes")
    assert sorted(q["id"] for q in quotes) == sorted(by_id)
    for q in quotes:
        assert q == quote_expected(shipped, by_id[q["id"]])
    assert any(q["confirms"] or q["contradicts"] for q in quotes)


def test_every_place_and_actor_is_its_record(run: Run, shipped: Chronology) -> None:
    places = {p["id"]: p for p in ask(run, "places")}
    assert set(places) == {p.id for p in shipped.places}
    for p in shipped.places:
        got = places[p.id]
        c = p.coordinates
        assert got["name"] == p.name
        assert got["aliases"] == list(p.aliases)
        assert got["kind"] == p.kind.value
        assert got["district"] == p.district
        assert got["identification"] == p.identification.value
        assert got["notes"] == (p.notes or None)
        # issue 16: the coordinates are flat, all four null without them
        assert (got["lat"], got["lon"], got["coord_precision"], got["coord_source"]) == (
            (c.lat, c.lon, c.precision.value, c.source) if c else (None, None, None, None)
        )
    actors = {a["id"]: a for a in ask(run, "actors")}
    assert set(actors) == {a.id for a in shipped.actors}
    for a in shipped.actors:
        assert actors[a.id] == {
            "id": a.id, "name": a.name, "aliases": list(a.aliases), "kind": a.kind.value,
            "side": a.side.value, "role": a.role, "affiliation": a.affiliation,
            "notes": a.notes or None,
        }  # fmt: skip


def brief(rec: Event | Quote) -> Obj:
    """What a link or a neighbour shows of a record."""
    base = {"id": rec.id, "date": rec.date.text, "start": iso(rec.date.start),
            "end": iso(rec.date.end)}  # fmt: skip
    if isinstance(rec, Quote):
        return {**base, "kind": "quote", "by": rec.speaker, "text": rec.text}
    return {**base, "kind": "event", "by": rec.attribution, "title": rec.title,
            "time_of_day": rec.time_of_day.value if rec.time_of_day else None}  # fmt: skip


# a claim that changes control and has links: issue 14's data took the links off the "partly lost"
# claim, so its "fully lost" twin stands in
@pytest.mark.parametrize(
    "ident",
    ["aliyev-announces-shusha-capture", "hovhannisyan-refutes-shusha-capture",
     "q-hovhannisyan-refutation", "q-pogosyan-shusha-lost", "shusha-fully-lost-per-harutyunyan"],
)  # fmt: skip
def test_show_briefs_are_the_linked_records(run: Run, shipped: Chronology, ident: str) -> None:
    d = ask(run, "show", ident)
    rec = shipped.record(ident)
    assert rec is not None
    assert {k: d[k] for k in ("id", "date", "start", "end")} == {
        "id": rec.id, "date": rec.date.text, "start": iso(rec.date.start),
        "end": iso(rec.date.end),
    }  # fmt: skip
    assert d["links"]
    for k in d["links"]:
        other = shipped.record(k["id"])
        assert other is not None
        assert {key: value for key, value in k.items() if key != "relation"} == brief(other)
    for n in d.get("at_same_places", []):
        for side in ("before", "after"):
            if n[side] is not None:
                neighbour = shipped.record(n[side]["id"])
                assert neighbour is not None
                assert n[side] == brief(neighbour)
    for e in d.get("event_details", []):
        linked = shipped.record(e["id"])
        assert linked is not None
        assert e == brief(linked)
    author = rec.speaker if isinstance(rec, Quote) else rec.attribution
    by = None if author == "article" else shipped.actor(author)
    shown = d["speaker"] if isinstance(rec, Quote) else d["claimant"]
    assert shown == (by and {
        "id": by.id, "name": by.name, "aliases": list(by.aliases), "kind": by.kind.value,
        "side": by.side.value, "role": by.role, "affiliation": by.affiliation,
        "notes": by.notes or None,
    })  # fmt: skip


def test_claims_json_said_and_evidence_are_their_records(run: Run, shipped: Chronology) -> None:
    matters = ask(run, "claims")
    actors = {a.id: a for a in shipped.actors}
    assert [m["matter"] for m in matters] == list(range(1, len(matters) + 1))
    for m in matters:
        for s in m["claim"] + m["counter"]:
            rec = shipped.record(s["id"])
            assert rec is not None
            by = actors[s["by"]]
            assert (s["by_name"], s["side"]) == (by.name, by.side.value)
            assert s["kind"] == ("quote" if isinstance(rec, Quote) else "event")
            assert s["said_start"] <= (s["said_end"] or "9999")
            assert s["said"].startswith(s["said_start"][:4])
        for x in m["article"]:
            rec = shipped.record(x["id"])
            assert isinstance(rec, Event)
            assert {k: v for k, v in x.items() if k != "bears_out"} == brief(rec)
            assert x["bears_out"] in ("claim", "counter", "later")
    assert any(m["article"] for m in matters)


def test_front_json_changes_are_the_control_records(run: Run, shipped: Chronology) -> None:
    front = ask(run, "front")
    assert front["from"] <= front["to"]
    assert front["changes"]
    for c in front["changes"]:
        event = shipped.record(c["event"])
        assert isinstance(event, Event)
        (change,) = [x for x in event.control if x.place == c["place"]]
        assert (c["to"], c["from"], c["extent"]) == (
            change.to.value, change.from_.value if change.from_ else None, change.extent.value
        )  # fmt: skip
        assert (c["date"], c["start"], c["end"], c["attribution"]) == (
            event.date.text, iso(event.date.start), iso(event.date.end), event.attribution
        )  # fmt: skip
        assert c["time_of_day"] == (event.time_of_day.value if event.time_of_day else None)
        assert c["day_known"] == (event.date.start == event.date.end and not event.date.qualifier)
    recorded = {c.place for e in shipped.events for c in e.control}
    assert set(front["no_control_recorded"]).isdisjoint(recorded)
    assert len(front["places"][0]["days"]) == len(front["places"][-1]["days"])


def test_summary_counts_the_records(shipped: Chronology) -> None:
    from shusha_cli.render.json import summary_obj

    def span(events: list[Event]) -> tuple[str, str]:
        days = [e.date.start for e in events] + [e.date.end or e.date.start for e in events]
        return min(days).isoformat(), max(days).isoformat()

    # issue 12: first/last leave background out; the background has its own span
    campaign = [e for e in shipped.events if e.type.value != "background"]
    background = [e for e in shipped.events if e.type.value == "background"]
    assert campaign
    assert background
    assert summary_obj(shipped) == {
        "file": shipped.path,
        "events": len(shipped.events),
        "places": len(shipped.places),
        "actors": len(shipped.actors),
        "quotes": len(shipped.quotes),
        "first": span(campaign)[0],
        "last": span(campaign)[1],
        "background_first": span(background)[0],
        "background_last": span(background)[1],
    }


def test_summary_of_a_chronology_without_events(shipped: Chronology) -> None:
    from dataclasses import replace

    from shusha_cli.render.json import summary_obj

    empty = summary_obj(replace(shipped, events=()))
    assert (empty["events"], empty["first"], empty["last"]) == (0, None, None)
    assert empty["places"] == len(shipped.places)


@pytest.mark.parametrize("args", [["timeline", "--place", "Shusha"], ["place", "Şuşa"], ["days"]])
def test_json_is_utf8_text_indented_by_two(run: Run, args: list[str]) -> None:
    """Names stay readable (``Şuşa``, not ``\\u015e``), two spaces a level, one final newline."""
    out = run(*args, "-f", "json").out
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    assert "\\u" not in out
    second = out.splitlines()[1]
    assert second.startswith("  ")
    assert not second.startswith("   ")
