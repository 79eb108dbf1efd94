"""JSON Schemas (draft 2020-12) of every JSON output, printed by ``shusha schema NAME``.

The record kinds are built from ``render.fields``, the same lists the JSON and CSV writers
follow; the reports and views add their own fields around those records. ``timelinejs`` is
TimelineJS3's documented format (timeline.knightlab.com/docs/json-format.html), so a test can
hold the timeline export to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shusha_cli.render import fields
from shusha_cli.render.fields import Field

Obj = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE: Obj = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STR: Obj = {"type": "string"}
_INT: Obj = {"type": "integer"}


def _null(schema: Obj) -> Obj:
    return {"anyOf": [schema, {"type": "null"}]}


def _array(items: Obj) -> Obj:
    return {"type": "array", "items": items}


def _obj(props: dict[str, Obj], required: Sequence[str] | None = None, closed: bool = True) -> Obj:
    out: Obj = {"type": "object", "properties": props}
    out["required"] = list(props) if required is None else list(required)
    if closed:
        out["additionalProperties"] = False
    return out


def _prop(f: Field) -> Obj:
    if f.parts:
        return _array(_obj({p.name: _prop(p) for p in f.parts}))
    base: Obj
    if f.type == "date":
        base = dict(_DATE)
    elif f.enum:
        base = {"type": "string", "enum": list(f.enum)}
    else:
        base = {"type": f.type}
    if f.doc:
        base["description"] = f.doc
    if f.many:
        return _array(base)
    return _null(base) if f.nullable else base


def record(field_list: Sequence[Field], extra: dict[str, Obj] | None = None) -> Obj:
    """A record of ``render.fields``, every field required, nothing else (but ``extra``)."""
    return _obj({**{f.name: _prop(f) for f in field_list}, **(extra or {})})


EVENT = record(fields.EVENT_FIELDS)
QUOTE = record(fields.QUOTE_FIELDS)
PLACE = record(fields.PLACE_FIELDS)
ACTOR = record(fields.ACTOR_FIELDS)
_SIDE: Obj = {"type": "string", "enum": list(fields.SIDES)}
_CONTROL_STEP = _obj(
    {
        "event": _STR, "date": _STR, "start": _DATE, "end": _null(_DATE),
        "time_of_day": _null(_STR), "to": _SIDE, "from": _null(_SIDE), "extent": _STR,
        "attribution": _STR,
    }
)  # fmt: skip
_BRIEF = _obj(
    {"id": _STR, "kind": {"enum": ["event", "quote"]}, "date": _STR, "start": _DATE,
     "end": _null(_DATE), "by": _STR},
    closed=False,
)  # fmt: skip


def _place_report() -> Obj:
    named = _obj({"id": _STR, "name": _STR, "events": _INT})
    return record(
        fields.PLACE_FIELDS,
        {
            "control_history": _array(_CONTROL_STEP),
            "named_with": _array(named),
            "events": _array(EVENT),
            "quotes": _array(QUOTE),
        },
    )


def _actor_report() -> Obj:
    link = _obj({"relation": _STR, "own": _STR, "other": _STR, "other_by": _STR})
    return record(
        fields.ACTOR_FIELDS,
        {"events": _array(EVENT), "quotes": _array(QUOTE), "links": _array(link)},
    )


def _show() -> Obj:
    linked = {**_BRIEF, "required": ["relation", *_BRIEF["required"]]}
    common = {"links": _array(linked), "matters": _array(_INT), "place_details": _array(PLACE)}
    event = record(
        fields.EVENT_FIELDS,
        {
            "kind": {"const": "event"},
            "claimant": _null(ACTOR),
            "actor_details": _array(ACTOR),
            "quotes_about": _array(QUOTE),
            "at_same_places": _array(
                _obj({"place": _STR, "before": _null(_BRIEF), "after": _null(_BRIEF)})
            ),
            **common,
        },
    )
    quote = record(
        fields.QUOTE_FIELDS,
        {
            "kind": {"const": "quote"},
            "speaker": ACTOR,
            "event_details": _array(_BRIEF),
            **common,
        },
    )
    return {"oneOf": [event, quote]}


def _claims() -> Obj:
    said = _obj(
        {"id": _STR, "kind": {"enum": ["event", "quote"]}, "by": _STR, "by_name": _STR,
         "side": _SIDE, "said": _STR, "said_start": _DATE, "said_end": _null(_DATE),
         "time_of_day": _null(_STR), "title": _STR, "quotes": _array(_STR)}
    )  # fmt: skip
    evidence = {
        **_BRIEF,
        "properties": {
            **_BRIEF["properties"],
            "bears_out": {"enum": ["claim", "counter", "later"]},
        },
        "required": [*_BRIEF["required"], "bears_out"],
    }
    matter = _obj(
        {"matter": _INT, "title": _STR, "places": _array(_STR), "claim": _array(said),
         "counter": _array(said), "article": _array(evidence),
         "same_side": _array(_array(_STR))}
    )  # fmt: skip
    return _array(matter)


def _front() -> Obj:
    states = ["held", "partial", "changing", "implied", "unknown"]
    day = _obj(
        {"date": _DATE, "state": {"enum": states}, "side": _null(_SIDE), "from": _null(_SIDE),
         "event": _null(_STR)}
    )  # fmt: skip
    change = _obj(
        {"place": _STR, "event": _STR, "date": _STR, "start": _DATE, "end": _null(_DATE),
         "day_known": {"type": "boolean"}, "time_of_day": _null(_STR), "to": _SIDE,
         "from": _null(_SIDE), "extent": _STR, "attribution": _STR}
    )  # fmt: skip
    return _obj(
        {"from": _DATE, "to": _DATE, "filter": _STR,
         "places": _array(_obj({"id": _STR, "name": _STR, "days": _array(day)})),
         "changes": _array(change), "no_control_recorded": _array(_STR)}
    )  # fmt: skip


def _days() -> Obj:
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}}
    return _array(
        _obj(
            {
                "date": _DATE,
                "on_day": _INT,
                "in_span": _INT,
                "on_day_by_type": counts,
                "in_span_by_type": counts,
            }
        )
    )


def _geojson() -> Obj:
    props = {f.name: _prop(f) for f in fields.PLACE_ROW_FIELDS if f.name not in ("lat", "lon")}
    props.pop("notes")
    props["names"] = _array(_STR)
    # the place's vocabulary without its null: a feature always has coordinates
    props["coord_precision"] = props["coord_precision"]["anyOf"][0]
    props["coord_source"] = _STR
    props["control"] = _array(_CONTROL_STEP)
    point = _obj(
        {"type": {"const": "Point"},
         "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2,
                         "maxItems": 2}}
    )  # fmt: skip
    feature = _obj({"type": {"const": "Feature"}, "id": _STR, "geometry": point,
                    "properties": _obj(props)})  # fmt: skip
    return _obj({"type": {"const": "FeatureCollection"}, "features": _array(feature)})


def _timelinejs() -> Obj:
    """TimelineJS3's JSON format as its documentation gives it (every property it lists)."""
    num = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^-?\d+$"}]}
    date = _obj(
        {"year": num, "month": num, "day": num, "hour": num, "minute": num, "second": num,
         "millisecond": num, "display_date": _STR, "format": _STR},
        required=["year"],
    )  # fmt: skip
    text = _obj({"headline": _STR, "text": _STR}, required=[])
    media = _obj(
        {"url": _STR, "caption": _STR, "credit": _STR, "thumbnail": _STR, "alt": _STR,
         "title": _STR, "link": _STR, "link_target": _STR},
        required=["url"],
    )  # fmt: skip
    background = _obj({"url": _STR, "color": _STR}, required=[])
    slide_props = {
        "start_date": date, "end_date": date, "text": text, "media": media, "group": _STR,
        "display_date": _STR, "background": background, "autolink": {"type": "boolean"},
        "unique_id": _STR,
    }  # fmt: skip
    slide = _obj(slide_props, required=["start_date"])
    title = _obj(slide_props, required=[])
    era = _obj({"start_date": date, "end_date": date, "text": text}, ["start_date", "end_date"])
    return _obj(
        {"events": _array(slide), "title": title, "eras": _array(era),
         "scale": {"enum": ["human", "cosmological"]}},
        required=["events"],
    )  # fmt: skip


SCHEMAS: dict[str, tuple[str, Callable[[], Obj]]] = {
    "events": ("timeline -f json, export -f json (events)", lambda: _array(EVENT)),
    "quotes": ("quotes -f json, export -w quotes -f json", lambda: _array(QUOTE)),
    "places": (
        "places -f json, export -w places -f json",
        lambda: _array(record(fields.PLACE_ROW_FIELDS)),
    ),
    "actors": ("actors -f json, export -w actors -f json", lambda: _array(ACTOR)),
    "place": ("place NAME -f json", _place_report),
    "actor": ("actor NAME -f json", _actor_report),
    "show": ("show ID -f json", _show),
    "claims": ("claims -f json", _claims),
    "front": ("front -f json", _front),
    "days": ("days -f json", _days),
    "geojson": ("export -f geojson", _geojson),
    "timelinejs": ("export -f timelinejs (TimelineJS3's format)", _timelinejs),
}
"""Each schema's name, the output it describes, and how to build it."""


def schema(name: str) -> Obj:
    """The JSON Schema called ``name`` (one of :data:`SCHEMAS`), with its title."""
    what, build = SCHEMAS[name]
    return {"$schema": DRAFT, "title": f"shusha {what}", **build()}
