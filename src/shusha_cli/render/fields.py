"""The record contract: every field of every exported record kind, once, for JSON, CSV and schemas.

A JSON record and its CSV row are the same record: the CSV columns are the JSON fields,
flattened by one rule (see :func:`columns`), so the two cannot drift apart. The JSON Schemas
(``shusha schema``), the Frictionless Table Schemas of a CSV data package and the SQLite tables
are all read from these lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shusha_cli.core.model import (
    ActorKind,
    CoordPrecision,
    EventType,
    Extent,
    Identification,
    Occasion,
    PlaceKind,
    Precision,
    Qualifier,
    Side,
    TimeOfDay,
)
from shusha_cli.core.record import record

SEP = "; "
"""The one list separator of every CSV cell holding a list (no name or id in the data holds it)."""


@record
class Field:
    """One field of a record: its JSON type, whether it may be null, whether it is a list.

    ``parts`` makes it a list of objects (each with those fields): flattened into CSV as one
    list column per part, ``FIELD_PART``, the items in the same order.
    """

    name: str
    type: str = "string"  # string | integer | number | date
    nullable: bool = False
    many: bool = False
    enum: tuple[str, ...] = ()
    parts: tuple[Field, ...] = ()
    doc: str = ""


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


SIDES = _values(Side)
_ID = "a record id (slug)"

EVENT_FIELDS: tuple[Field, ...] = (
    Field("id", doc=_ID),
    Field("date", doc="the date as written in the data (EDTF)"),
    Field("start", "date", doc="the earliest possible day"),
    Field("end", "date", nullable=True, doc="the latest possible day; null for an open end"),
    Field("precision", enum=_values(Precision)),
    Field("qualifier", nullable=True, enum=_values(Qualifier)),
    Field("time_of_day", nullable=True, enum=_values(TimeOfDay)),
    Field("reported", nullable=True, doc="when it was made public (EDTF)"),
    Field("reported_start", "date", nullable=True),
    Field("reported_end", "date", nullable=True),
    Field("date_note", nullable=True),
    Field("title"),
    Field("summary"),
    Field("type", enum=_values(EventType)),
    Field(
        "places",
        many=True,
        doc="place ids: the places the event names (places whose control it changes: control)",
    ),
    Field("place_names", many=True, doc="the names of `places`, in the same order"),
    Field("actors", many=True, doc="actor ids"),
    Field("actor_names", many=True, doc="the names of `actors`, in the same order"),
    Field("actor_sides", many=True, enum=SIDES, doc="the sides of the actors, each once"),
    Field("sources", "integer", many=True, doc="the article's paragraph numbers"),
    Field("attribution", doc="'article' (its own account) or the claimant's actor id"),
    Field("claimant_id", nullable=True, doc="the claimant's actor id; null for the article"),
    Field("claimant_name", nullable=True),
    Field("claimant_side", nullable=True, enum=SIDES),
    Field(
        "control",
        many=True,
        parts=(
            Field("place"),
            Field("place_name"),
            Field("to", enum=SIDES),
            Field("from", nullable=True, enum=SIDES),
            Field("extent", enum=_values(Extent)),
        ),
        doc="the changes of control the event records",
    ),
    Field("confirms", many=True, doc="ids of the events or quotes it confirms"),
    Field("contradicts", many=True, doc="ids of the events or quotes it contradicts"),
    Field("notes", nullable=True),
)

QUOTE_FIELDS: tuple[Field, ...] = (
    Field("id", doc=_ID),
    Field("actor", doc="the speaker's actor id"),
    Field("speaker_name"),
    Field("speaker_side", enum=SIDES),
    Field("date", doc="when it was said (EDTF)"),
    Field("start", "date"),
    Field("end", "date", nullable=True),
    Field("precision", enum=_values(Precision)),
    Field("qualifier", nullable=True, enum=_values(Qualifier)),
    Field("occasion", enum=_values(Occasion)),
    Field("medium", nullable=True),
    Field("text", doc="verbatim from the article"),
    Field("context", nullable=True),
    Field("sources", "integer", many=True),
    Field("places", many=True, doc="place ids"),
    Field("place_names", many=True, doc="the names of `places`, in the same order"),
    Field("events", many=True, doc="ids of the events it speaks about"),
    Field("confirms", many=True),
    Field("contradicts", many=True),
)

PLACE_FIELDS: tuple[Field, ...] = (
    Field("id", doc=_ID),
    Field("name"),
    Field("aliases", many=True),
    Field("kind", enum=_values(PlaceKind)),
    Field("district", nullable=True),
    Field("lat", "number", nullable=True, doc="WGS 84 latitude"),
    Field("lon", "number", nullable=True, doc="WGS 84 longitude"),
    Field("coord_precision", nullable=True, enum=_values(CoordPrecision)),
    Field("coord_source", nullable=True),
    Field("identification", enum=_values(Identification)),
    Field("notes", nullable=True),
)

PLACE_ROW_FIELDS: tuple[Field, ...] = (
    *PLACE_FIELDS,
    Field("events", "integer", doc="how many events name the place"),
    Field("first", "date", nullable=True),
    Field("last", "date", nullable=True),
)

ACTOR_FIELDS: tuple[Field, ...] = (
    Field("id", doc=_ID),
    Field("name"),
    Field("aliases", many=True),
    Field("kind", enum=_values(ActorKind)),
    Field("side", enum=SIDES),
    Field("role", nullable=True),
    Field("affiliation", nullable=True),
    Field("notes", nullable=True),
)

KINDS: dict[str, tuple[Field, ...]] = {
    "events": EVENT_FIELDS,
    "quotes": QUOTE_FIELDS,
    "places": PLACE_ROW_FIELDS,
    "actors": ACTOR_FIELDS,
}
"""The fields of each ``--what``, as ``export`` writes them."""


def columns(fields: Sequence[Field]) -> list[str]:
    """The CSV header: a field's name, or ``FIELD_PART`` for each part of a list of objects."""
    out: list[str] = []
    for f in fields:
        out += [f"{f.name}_{p.name}" for p in f.parts] if f.parts else [f.name]
    return out


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def flatten(fields: Sequence[Field], obj: dict[str, Any]) -> list[str]:
    """One JSON record as a CSV row: null is empty, a list is joined with :data:`SEP`."""
    row: list[str] = []
    for f in fields:
        value = obj[f.name]
        if f.parts:
            row += [SEP.join(_cell(item[p.name]) for item in value) for p in f.parts]
        elif f.many:
            row.append(SEP.join(_cell(v) for v in value))
        else:
            row.append(_cell(value))
    return row
