"""The published JSON Schemas, held to schemas written by hand and to outputs broken on purpose.

A schema that accepts everything passes every "the output is valid" test, so each schema is
also shown outputs that break its contract one way at a time (a field missing, one too many,
null where null is not allowed, a wrong type, a value outside the vocabulary) and must refuse
every one of them, while still accepting the real output and the variants the contract allows.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest

from shusha_cli.render import fields, schemas
from shusha_cli.render.fields import Field
from tests.conftest import Run

Obj = dict[str, Any]
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = schemas.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_record_schema_as_written_by_hand() -> None:
    given = (
        Field("id", doc="the id"),
        Field("end", "date", nullable=True),
        Field("start", "date", doc="first day"),
        Field("n", "integer"),
        Field("kind", enum=("a", "b")),
        Field("side", nullable=True, enum=("x",)),
        Field("tags", many=True, doc="some tags"),
        Field("steps", many=True, parts=(Field("to"), Field("from", nullable=True))),
    )
    assert schemas.record(given, {"more": {"type": "boolean"}}) == {
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "the id"},
            "end": {"anyOf": [DATE, {"type": "null"}]},
            "start": {**DATE, "description": "first day"},
            "n": {"type": "integer"},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "side": {"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "null"}]},
            "tags": {"type": "array", "items": {"type": "string", "description": "some tags"}},
            "steps": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "to": {"type": "string"},
                        "from": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    },
                    "required": ["to", "from"],
                    "additionalProperties": False,
                },
            },
            "more": {"type": "boolean"},
        },
        "required": ["id", "end", "start", "n", "kind", "side", "tags", "steps", "more"],
        "additionalProperties": False,
    }
    assert schemas.record(())["properties"] == {}
    # a documented date does not lend its description to every other date
    assert schemas.record((Field("d", "date"),))["properties"]["d"] == DATE


def test_each_schema_is_named_and_of_draft_2020_12() -> None:
    for name, (what, _) in schemas.SCHEMAS.items():
        made = schemas.schema(name)
        assert made["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert made["title"] == f"shusha {what}"
        jsonschema.Draft202012Validator.check_schema(made)


def test_the_days_schema_as_written_by_hand() -> None:
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}}
    keys = ["date", "on_day", "in_span", "on_day_by_type", "in_span_by_type"]
    assert schemas.schema("days") == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "shusha days -f json",
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "date": DATE,
                "on_day": {"type": "integer"},
                "in_span": {"type": "integer"},
                "on_day_by_type": counts,
                "in_span_by_type": counts,
            },
            "required": keys,
            "additionalProperties": False,
        },
    }


def _breakages(record: Obj, schema_props: Obj) -> Iterator[tuple[str, Obj]]:
    """A closed record broken one way at a time: each field dropped, one added, each retyped."""
    for key in record:
        broken = dict(record)
        del broken[key]
        yield f"without {key}", broken
    yield "with an extra field", {**record, "zz_extra": "x"}
    for key, value in record.items():
        prop = schema_props[key]
        declared = prop.get("anyOf", [prop])[0].get("type")
        wrong: Any = "12345" if declared in ("integer", "number") else 12345
        if "anyOf" not in prop:
            yield f"{key} null", {**record, key: None}
        yield f"{key} of another type", {**record, key: wrong}
        if isinstance(value, list) and value and not isinstance(value[0], dict):
            yield f"{key} holding another type", {**record, key: [*value, {"x": 1}]}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for part in value[0]:
                step = dict(value[0])
                del step[part]
                yield f"{key} without {part}", {**record, key: [step, *value[1:]]}
            yield f"{key} with an extra part", {**record, key: [{**value[0], "zz": 1}]}
        enum = prop.get("enum") or prop.get("items", {}).get("enum")
        if enum is None and "anyOf" in prop:
            enum = prop["anyOf"][0].get("enum")
        if enum:
            bad: Any = "not-in-the-vocabulary"
            yield (
                f"{key} outside its vocabulary",
                {
                    **record,
                    key: [bad] if isinstance(value, list) else bad,
                },
            )
        if prop.get("format") == "date" or prop.get("anyOf", [{}])[0].get("format") == "date":
            yield f"{key} not a day", {**record, key: "8 Nov 2020"}
            yield f"{key} not a day of the calendar", {**record, key: "2020-02-30"}


def _diverse(records: list[Obj], keys: tuple[str, ...]) -> list[Obj]:
    """A few records that between them give each key a value and (where any has) a null."""
    chosen: list[Obj] = []
    for key in keys:
        for want_null in (False, True):
            for r in records:
                v = r[key]
                if (v is None or v == []) == want_null:
                    if r not in chosen:
                        chosen.append(r)
                    break
    return chosen


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("events", ("export", "-f", "json")),
        ("quotes", ("export", "-w", "quotes", "-f", "json")),
        ("places", ("export", "-w", "places", "-f", "json")),
        ("actors", ("export", "-w", "actors", "-f", "json")),
    ],
)
def test_a_record_schema_refuses_each_broken_record(
    run: Run, name: str, args: tuple[str, ...]
) -> None:
    records = _json(run, *args)
    validator = _validator(name)
    item = schemas.schema(name)["items"]
    props = item["properties"]
    assert list(props) == [f.name for f in fields.KINDS[name]]
    sample = _diverse(records, tuple(props))
    assert len(sample) >= 2
    for record in sample:
        assert validator.is_valid([record])
        accepted = [
            why for why, broken in _breakages(record, props) if validator.is_valid([broken])
        ]
        assert accepted == [], record["id"]


def _refuses(
    validator: jsonschema.Draft202012Validator, good: Any, *edits: Callable[[Any], Any]
) -> None:
    assert validator.is_valid(good)
    for edit in edits:
        broken = copy.deepcopy(good)
        edit(broken)
        assert not validator.is_valid(broken), edit


def test_the_geojson_schema_holds_points_and_the_place_contract(run: Run) -> None:
    doc = _json(run, "export", "-f", "geojson")
    validator = _validator("geojson")

    def first(d: Any) -> Any:
        return d["features"][0]

    _refuses(
        validator,
        doc,
        lambda d: d.update(type="Feature"),
        lambda d: d.pop("features"),
        lambda d: d.update(extra=1),
        lambda d: first(d).update(type="Point"),
        lambda d: first(d).update(id=3),
        lambda d: first(d).pop("geometry"),
        lambda d: first(d).update(extra=1),
        lambda d: first(d)["geometry"].update(type="LineString"),
        lambda d: first(d)["geometry"].update(extra=1),
        lambda d: first(d)["geometry"]["coordinates"].append(1.0),  # no third number
        lambda d: first(d)["geometry"]["coordinates"].pop(),
        lambda d: first(d)["geometry"].update(coordinates=["46.7", "39.7"]),
        lambda d: first(d)["geometry"].update(coordinates={"lon": 46.7, "lat": 39.7}),
        lambda d: first(d)["properties"].update(notes="not in a feature"),
        lambda d: first(d)["properties"].update(lat=39.7),
        lambda d: first(d)["properties"].pop("names"),
        lambda d: first(d)["properties"].update(names=[1]),
        lambda d: first(d)["properties"].update(names="Shusha"),
        lambda d: first(d)["properties"].update(coord_precision="exact"),
        lambda d: first(d)["properties"].update(coord_precision=None),
        lambda d: first(d)["properties"].update(coord_source=None),
        lambda d: first(d)["properties"].update(control="none"),
        lambda d: first(d)["properties"].update(control=[{"event": "x"}]),
        lambda d: first(d)["properties"].update(first="Nov 2020"),
        lambda d: first(d)["properties"].update(events="3"),
    )
    feature_props = schemas.schema("geojson")["properties"]["features"]["items"]["properties"]
    assert set(feature_props["properties"]["properties"]) == {
        "id", "name", "aliases", "names", "kind", "district", "identification",
        "coord_precision", "coord_source", "events", "first", "last", "control",
    }  # fmt: skip


def test_the_control_steps_of_a_place_report_are_closed_and_typed(run: Run) -> None:
    report = _json(run, "place", "Shusha", "-f", "json")
    assert report["control_history"]
    assert report["named_with"]
    validator = _validator("place")

    def step(d: Any) -> Any:
        return d["control_history"][0]

    def named(d: Any) -> Any:
        return d["named_with"][0]

    _refuses(
        validator,
        report,
        lambda d: d.pop("control_history"),
        lambda d: d.pop("named_with"),
        lambda d: d.pop("events"),
        lambda d: d.pop("quotes"),
        lambda d: d.update(extra=1),
        lambda d: d.update(control_history={}),
        lambda d: step(d).pop("event"),
        lambda d: step(d).update(extra=1),
        lambda d: step(d).update(to="nobody"),
        lambda d: step(d).update(to=None),
        lambda d: step(d).update(start=None),
        lambda d: step(d).update(start="7 Nov"),
        lambda d: step(d).update(end="7 Nov"),
        lambda d: step(d).update(time_of_day=3),
        lambda d: step(d).update(extent=None),
        lambda d: step(d).update(attribution=None),
        lambda d: step(d).update(date=None),
        lambda d: step(d).update({"from": "nobody"}),
        lambda d: named(d).pop("events"),
        lambda d: named(d).update(events="2"),
        lambda d: named(d).update(name=None),
        lambda d: named(d).update(extra=1),
        lambda d: d["events"].append({"id": "x"}),
        lambda d: d["quotes"].append({"id": "x"}),
    )
    opened = copy.deepcopy(report)
    step(opened).update(end=None, time_of_day=None, **{"from": None})
    assert validator.is_valid(opened)


def test_the_actor_report_schema_refuses_a_broken_link(run: Run) -> None:
    report = _json(run, "actor", "mirzayev", "-f", "json")
    validator = _validator("actor")
    good = copy.deepcopy(report)
    good["links"] = [{"relation": "confirms", "own": "a", "other": "b", "other_by": "c"}]
    good["quotes"] = good["quotes"] or _json(run, "export", "-w", "quotes", "-f", "json")[:1]
    _refuses(
        validator,
        good,
        lambda d: d.pop("links"),
        lambda d: d.pop("events"),
        lambda d: d.pop("quotes"),
        lambda d: d["links"][0].pop("other_by"),
        lambda d: d["links"][0].update(own=None),
        lambda d: d["links"][0].update(extra=1),
        lambda d: d["quotes"][0].pop("text"),
        lambda d: d["events"].append({"id": "x"}),
        lambda d: d.update(side="nobody"),
    )


def test_the_show_schema_tells_an_event_from_a_quote(run: Run) -> None:
    event = _json(run, "show", "aliyev-announces-shusha-capture", "-f", "json")
    quote = _json(run, "show", "q-hovhannisyan-refutation", "-f", "json")
    validator = _validator("show")
    assert event["links"]
    assert quote["event_details"]
    _refuses(
        validator,
        event,
        lambda d: d.update(kind="quote"),
        lambda d: d.pop("claimant"),
        lambda d: d.update(claimant={"id": "x"}),
        lambda d: d.pop("actor_details"),
        lambda d: d.update(actor_details=[{"id": "x"}]),
        lambda d: d.update(quotes_about=[{"id": "x"}]),
        lambda d: d.pop("at_same_places"),
        lambda d: d.update(at_same_places=[{"place": "x", "before": None}]),
        lambda d: d.update(at_same_places=[{"place": "x", "before": None, "after": {}}]),
        lambda d: d.update(at_same_places=[{"place": 1, "before": None, "after": None}]),
        lambda d: d.pop("links"),
        lambda d: d["links"][0].pop("relation"),
        lambda d: d["links"][0].pop("by"),
        lambda d: d["links"][0].update(kind="claim"),
        lambda d: d["links"][0].update(start="yesterday"),
        lambda d: d["links"][0].update(end="yesterday"),
        lambda d: d["links"][0].update(id=None),
        lambda d: d.update(matters=["1"]),
        lambda d: d.pop("matters"),
        lambda d: d.update(place_details=[{"id": "x"}]),
        lambda d: d.pop("place_details"),
        lambda d: d.update(extra=1),
    )
    _refuses(
        validator,
        quote,
        lambda d: d.update(kind="event"),
        lambda d: d.pop("speaker"),
        lambda d: d.update(speaker=None),
        lambda d: d.pop("event_details"),
        lambda d: d["event_details"][0].pop("date"),
        lambda d: d.update(claimant=None),
    )
    # a linked record's brief is open: more about it may follow
    extended = copy.deepcopy(event)
    extended["links"][0]["title"] = "more"
    assert validator.is_valid(extended)


def test_the_claims_schema_refuses_broken_matters(run: Run) -> None:
    matters = _json(run, "claims", "-f", "json")
    validator = _validator("claims")
    m = next(m for m in matters if m["claim"] and m["article"])

    def said(d: Any) -> Any:
        return d[0]["claim"][0]

    def evidence(d: Any) -> Any:
        return d[0]["article"][0]

    good = [copy.deepcopy(m)]
    _refuses(
        validator,
        good,
        lambda d: d[0].pop("matter"),
        lambda d: d[0].update(matter="1"),
        lambda d: d[0].update(extra=1),
        lambda d: d[0].update(places=[1]),
        lambda d: d[0].update(same_side=["a"]),
        lambda d: d[0].update(same_side=[[1]]),
        lambda d: d[0].pop("counter"),
        lambda d: d[0].update(counter=[{"id": "x"}]),
        lambda d: d[0].pop("title"),
        lambda d: said(d).pop("by_name"),
        lambda d: said(d).update(kind="claim"),
        lambda d: said(d).update(side="nobody"),
        lambda d: said(d).update(said_start="Nov"),
        lambda d: said(d).update(said_end="Nov"),
        lambda d: said(d).update(time_of_day=1),
        lambda d: said(d).update(quotes="q"),
        lambda d: said(d).update(quotes=[1]),
        lambda d: said(d).update(extra=1),
        lambda d: said(d).update(title=None),
        lambda d: evidence(d).pop("bears_out"),
        lambda d: evidence(d).update(bears_out="maybe"),
        lambda d: evidence(d).pop("id"),
        lambda d: evidence(d).update(kind="claim"),
        lambda d: evidence(d).update(start=None),
        lambda d: evidence(d).update(by=None),
    )
    for kind in ("event", "quote"):
        either = copy.deepcopy(good)
        said(either)["kind"] = kind
        evidence(either)["kind"] = kind
        assert validator.is_valid(either), kind
    open_evidence = copy.deepcopy(good)
    evidence(open_evidence)["title"] = "more"
    assert validator.is_valid(open_evidence)
    none_said = copy.deepcopy(good)
    said(none_said).update(said_end=None, time_of_day=None)
    assert validator.is_valid(none_said)


def test_the_front_schema_refuses_broken_days_and_changes(run: Run) -> None:
    front = _json(run, "front", "-f", "json")
    validator = _validator("front")
    assert front["changes"]
    assert front["places"]

    def day(d: Any) -> Any:
        return d["places"][0]["days"][0]

    def change(d: Any) -> Any:
        return d["changes"][0]

    _refuses(
        validator,
        front,
        lambda d: d.pop("from"),
        lambda d: d.update(to="8 Nov"),
        lambda d: d.update(filter=None),
        lambda d: d.update(extra=1),
        lambda d: d.update(no_control_recorded=[1]),
        lambda d: d["places"][0].pop("name"),
        lambda d: d["places"][0].update(extra=1),
        lambda d: d["places"][0].update(id=None),
        lambda d: day(d).update(state="won"),
        lambda d: day(d).update(side="nobody"),
        lambda d: day(d).update({"from": "nobody"}),
        lambda d: day(d).update(date="8 Nov"),
        lambda d: day(d).update(event=1),
        lambda d: day(d).pop("event"),
        lambda d: day(d).update(extra=1),
        lambda d: change(d).update(day_known="yes"),
        lambda d: change(d).update(to="nobody"),
        lambda d: change(d).update(start="8 Nov"),
        lambda d: change(d).update(end="8 Nov"),
        lambda d: change(d).update(time_of_day=1),
        lambda d: change(d).update(extra=1),
        lambda d: change(d).pop("attribution"),
        lambda d: change(d).update(extent=None),
        lambda d: change(d).update(place=None),
    )
    for state in ("held", "partial", "changing", "implied", "unknown"):
        ok = copy.deepcopy(front)
        day(ok).update(state=state, side=None, event=None, **{"from": None})
        assert validator.is_valid(ok), state


def test_the_days_schema_refuses_broken_days(run: Run) -> None:
    days = _json(run, "days", "-f", "json")
    validator = _validator("days")
    _refuses(
        validator,
        days,
        lambda d: d[0].pop("on_day"),
        lambda d: d[0].update(in_span="1"),
        lambda d: d[0].update(date="8 Nov"),
        lambda d: d[0].update(extra=1),
        lambda d: d[0].update(on_day_by_type={"capture": 0}),
        lambda d: d[0].update(in_span_by_type={"capture": "1"}),
    )


def test_the_timelinejs_schema_is_timelinejs3s_format(run: Run) -> None:
    doc = _json(run, "export", "-f", "timelinejs")
    validator = _validator("timelinejs")
    slide = doc["events"][0]
    _refuses(
        validator,
        doc,
        lambda d: d.pop("events"),
        lambda d: d.update(scale="geological"),
        lambda d: d.update(extra=1),
        lambda d: d["events"][0].pop("start_date"),
        lambda d: d["events"][0].update(extra=1),
        lambda d: d["events"][0].update(autolink="no"),
        lambda d: d["events"][0].update(group=1),
        lambda d: d["events"][0]["start_date"].pop("year"),
        lambda d: d["events"][0]["start_date"].update(month="eleven"),
        lambda d: d["events"][0]["start_date"].update(year=2020.5),
        lambda d: d["events"][0]["start_date"].update(extra=1),
        lambda d: d["events"][0]["text"].update(headline=1),
        lambda d: d["events"][0]["text"].update(extra=1),
        lambda d: d["events"][0].update(media={"caption": "no url"}),
        lambda d: d["events"][0].update(media={"url": "u", "extra": 1}),
        lambda d: d["events"][0].update(background={"url": 1}),
        lambda d: d["title"].update(start_date={"month": 1}),
        lambda d: d["title"].update(extra=1),
        lambda d: d.update(eras=[{"start_date": {"year": 1}}]),
        lambda d: d.update(eras=[{"end_date": {"year": 1}}]),
        lambda d: d.update(eras=[{"start_date": {"year": 1}, "end_date": {"year": 2}, "x": 1}]),
    )
    # what TimelineJS3 documents and the export does not use is still accepted
    every = copy.deepcopy(doc)
    every["eras"] = [{"start_date": {"year": "1920"}, "end_date": {"year": -5}, "text": {}}]
    every["scale"] = "cosmological"
    every["events"][0] = {
        **slide,
        "start_date": {"year": 2020, "month": "11", "day": 7, "hour": 1, "minute": 2,
                       "second": 3, "millisecond": 4, "display_date": "d", "format": "f"},
        "end_date": {"year": 2020},
        "media": {"url": "u", "caption": "c", "credit": "c", "thumbnail": "t", "alt": "a",
                  "title": "t", "link": "l", "link_target": "_blank"},
        "background": {"url": "u", "color": "#fff"},
        "text": {},
    }  # fmt: skip
    every["title"] = {"text": {"headline": "h"}, "unique_id": "title"}
    assert validator.is_valid(every)
    # a media needs its url only, a background neither of its two
    least = copy.deepcopy(doc)
    least["events"][0] = {**slide, "media": {"url": "u"}, "background": {"color": "#000"}}
    assert validator.is_valid(least)
    least["events"][0]["background"] = {}
    least["eras"] = [{"start_date": {"year": 1920}, "end_date": {"year": 1921}}]  # no text
    assert validator.is_valid(least)
