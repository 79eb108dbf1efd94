"""The record contract of ``render.fields`` held to a header and rows written out by hand.

The CSV writer and the CSV-against-JSON tests both flatten through :func:`fields.flatten`, so
a wrong flattening would agree with itself. Here the expectation is spelt out independently:
the header of every kind as the README documents it, and rows flattened by a rule written in
the test (null empty, a list joined with ``"; "``, a list of objects one column per part).
"""

from __future__ import annotations

from typing import Any

import pytest

from shusha_cli.core import model
from shusha_cli.render import fields
from shusha_cli.render.fields import Field

EVENT_HEADER = [
    "id", "date", "start", "end", "precision", "qualifier", "time_of_day", "reported",
    "reported_start", "reported_end", "date_note", "title", "summary", "type", "places",
    "place_names", "actors", "actor_names", "actor_sides", "sources", "attribution",
    "claimant_id", "claimant_name", "claimant_side", "control_place", "control_place_name",
    "control_to", "control_from", "control_extent", "confirms", "contradicts", "notes",
]  # fmt: skip
QUOTE_HEADER = [
    "id", "actor", "speaker_name", "speaker_side", "date", "start", "end", "precision",
    "qualifier", "occasion", "medium", "text", "context", "sources", "places", "place_names",
    "events", "confirms", "contradicts",
]  # fmt: skip
PLACE_HEADER = [
    "id", "name", "aliases", "kind", "district", "lat", "lon", "coord_precision", "coord_source",
    "identification", "notes", "events", "first", "last",
]  # fmt: skip
ACTOR_HEADER = ["id", "name", "aliases", "kind", "side", "role", "affiliation", "notes"]


@pytest.mark.parametrize(
    ("what", "header"),
    [
        ("events", EVENT_HEADER),
        ("quotes", QUOTE_HEADER),
        ("places", PLACE_HEADER),
        ("actors", ACTOR_HEADER),
    ],
)
def test_each_header_is_the_documented_one(what: str, header: list[str]) -> None:
    assert fields.columns(fields.KINDS[what]) == header


def test_a_list_of_objects_is_one_column_per_part_in_order() -> None:
    parts = (Field("a"), Field("b"), Field("c"))
    given = (Field("x"), Field("pair", many=True, parts=parts), Field("y", many=True))
    assert fields.columns(given) == ["x", "pair_a", "pair_b", "pair_c", "y"]
    assert fields.columns(()) == []


def test_each_vocabulary_is_its_enum_values_in_declaration_order() -> None:
    assert tuple(s.value for s in model.Side) == fields.SIDES
    by_name = {f.name: f for f in fields.EVENT_FIELDS}
    assert by_name["type"].enum == tuple(t.value for t in model.EventType)
    assert by_name["precision"].enum == ("day", "month", "year", "interval")
    places = {f.name: f for f in fields.PLACE_FIELDS}
    assert places["kind"].enum == tuple(k.value for k in model.PlaceKind)


def test_a_vocabulary_is_its_values_in_declaration_order() -> None:
    # called here: the lists above are built once, at import, where a mutation run cannot see
    assert fields._values(model.Extent) == ("full", "partial")
    assert fields._values(model.TimeOfDay) == ("night", "morning", "noon", "afternoon", "evening")


def _by_hand(value: Any) -> str:
    """A cell as RFC 4180 tables from JSON usually have it: null empty, anything else str()."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_by_hand(v) for v in value)
    return str(value)


def test_a_record_flattens_cell_by_cell() -> None:
    given = (
        Field("id"),
        Field("end", "date", nullable=True),
        Field("count", "integer"),
        Field("sources", "integer", many=True),
        Field("names", many=True),
        Field(
            "control",
            many=True,
            parts=(Field("place"), Field("from", nullable=True), Field("to")),
        ),
        Field("notes", nullable=True),
    )
    record: dict[str, Any] = {
        "notes": "last",  # the order of the fields, not of the record, gives the row's
        "id": "e-1",
        "end": None,
        "count": 0,
        "sources": [3, 14, 0],
        "names": ["Şuşa", "", "Shushi"],
        "control": [
            {"place": "p1", "from": None, "to": "azerbaijan"},
            {"place": "p2", "from": "armenia", "to": "azerbaijan"},
            {"place": "p3", "from": "other", "to": "armenia"},
        ],
    }
    assert fields.flatten(given, record) == [
        "e-1",
        "",
        "0",
        "3; 14; 0",
        "Şuşa; ; Shushi",
        "p1; p2; p3",
        "; armenia; other",
        "azerbaijan; azerbaijan; armenia",
        "last",
    ]
    empty = {**record, "sources": [], "names": [], "control": [], "notes": None}
    assert fields.flatten(given, empty) == ["e-1", "", "0", "", "", "", "", "", ""]


def test_a_list_holding_null_flattens_to_an_empty_item() -> None:
    given = (Field("ids", many=True), Field("steps", many=True, parts=(Field("x"),)))
    assert fields.flatten(given, {"ids": [None, "a"], "steps": [{"x": None}, {"x": 2}]}) == [
        "; a",
        "; 2",
    ]


def test_shipped_records_flatten_as_by_hand(shipped: model.Chronology) -> None:
    """Every event and quote of the chronology: the flattening rule of the test gives the row."""
    from shusha_cli.render import json as render_json

    for what, records in (
        ("events", [render_json.event_obj(shipped, e) for e in shipped.events]),
        ("quotes", [render_json.quote_obj(shipped, q) for q in shipped.quotes]),
    ):
        for record in records:
            expected: list[str] = []
            for name in fields.columns(fields.KINDS[what]):
                if name.startswith("control_"):
                    part = name.removeprefix("control_")
                    expected.append(_by_hand([step[part] for step in record["control"]]))
                else:
                    expected.append(_by_hand(record[name]))
            assert fields.flatten(fields.KINDS[what], record) == expected, record["id"]
