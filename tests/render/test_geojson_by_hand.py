"""The GeoJSON export read back as a GIS would: parsed JSON held to RFC 7946 and to the gazetteer.

A GIS reads ``[longitude, latitude]`` (RFC 7946 §3.1.1), so a position in the other order puts
Shusha in the Indian Ocean; the test compares each point with the place's coordinates as the data
gives them (``lat``, ``lon`` by name), and each feature's properties with a feature written out by
hand, and the whole collection with the places a filter selects, counted over the events.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from shusha_cli.core import query
from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.model import (
    Chronology,
    ControlChange,
    Coordinates,
    CoordPrecision,
    Event,
    EventType,
    Extent,
    Identification,
    Place,
    PlaceKind,
    Side,
    TimeOfDay,
)
from shusha_cli.core.query import ControlStep, Filter
from shusha_cli.render import geojson
from shusha_cli.views.geo import GeoPlace, geo_places


def _read_back(data: dict[str, Any]) -> Any:
    stream = io.StringIO()
    geojson.write(data, stream)
    text = stream.getvalue()
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    return json.loads(text)


def _check_rfc7946(doc: Any) -> None:
    """The structure RFC 7946 asks of a FeatureCollection of Points (§3.1.2, §3.2, §3.3)."""
    assert set(doc) == {"type", "features"}
    assert doc["type"] == "FeatureCollection"
    assert isinstance(doc["features"], list)
    for feat in doc["features"]:
        assert set(feat) == {"type", "id", "geometry", "properties"}
        assert feat["type"] == "Feature"
        assert isinstance(feat["id"], str)
        assert isinstance(feat["properties"], dict)
        geometry = feat["geometry"]
        assert set(geometry) == {"type", "coordinates"}
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]  # exactly two: no altitude is known
        assert all(isinstance(v, float) for v in (lon, lat))
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90


def _event(ident: str, date: str, **kw: Any) -> Event:
    return Event(ident, parse_edtf(date), "t", "s", EventType.CAPTURE, (1,), **kw)


def test_one_feature_is_the_place_written_out_by_hand() -> None:
    place = Place(
        "shusha",
        "Shusha",
        PlaceKind.CITY,
        aliases=("Şuşa", "Shushi"),
        district="Shusha District",
        coordinates=Coordinates(39.7583, 46.7483, CoordPrecision.NEAR, "OSM node 1"),
        identification=Identification.TENTATIVE,
        notes="not exported",
    )
    taken = _event("taken", "2020-11-07", time_of_day=TimeOfDay.NOON, attribution="army-a")
    back = _event("back", "2020-11-09/..")
    steps = (
        ControlStep(taken, ControlChange("shusha", Side.AZERBAIJAN, Side.NAGORNO_KARABAKH)),
        ControlStep(back, ControlChange("shusha", Side.ARMENIA, None, Extent.PARTIAL)),
    )
    g = GeoPlace(place, place.coordinates, 3, dt.date(2020, 10, 29), dt.date(2020, 11, 10), steps)  # type: ignore[arg-type]  # set just above
    doc = _read_back(geojson.feature_collection([g]))
    _check_rfc7946(doc)
    assert doc == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "shusha",
                "geometry": {"type": "Point", "coordinates": [46.7483, 39.7583]},
                "properties": {
                    "id": "shusha",
                    "name": "Shusha",
                    "aliases": ["Şuşa", "Shushi"],
                    "names": ["Shusha", "Şuşa", "Shushi"],
                    "kind": "city",
                    "district": "Shusha District",
                    "identification": "tentative",
                    "coord_precision": "near",
                    "coord_source": "OSM node 1",
                    "events": 3,
                    "first": "2020-10-29",
                    "last": "2020-11-10",
                    "control": [
                        {
                            "event": "taken",
                            "date": "2020-11-07",
                            "start": "2020-11-07",
                            "end": "2020-11-07",
                            "time_of_day": "noon",
                            "to": "azerbaijan",
                            "from": "nagorno-karabakh",
                            "extent": "full",
                            "attribution": "army-a",
                        },
                        {
                            "event": "back",
                            "date": "2020-11-09/..",
                            "start": "2020-11-09",
                            "end": None,
                            "time_of_day": None,
                            "to": "armenia",
                            "from": None,
                            "extent": "partial",
                            "attribution": "article",
                        },
                    ],
                },
            }
        ],
    }


def test_a_place_without_events_or_names_has_nulls_not_guesses() -> None:
    place = Place(
        "hill",
        "Hill 1",
        PlaceKind.MOUNTAIN,
        coordinates=Coordinates(-0.5, -170.25, CoordPrecision.SETTLEMENT, ""),
    )
    g = GeoPlace(place, place.coordinates, 0, None, None, ())  # type: ignore[arg-type]  # set just above
    doc = _read_back(geojson.feature_collection([g]))
    _check_rfc7946(doc)
    (feat,) = doc["features"]
    assert feat["geometry"]["coordinates"] == [-170.25, -0.5]
    props = feat["properties"]
    assert (props["aliases"], props["names"], props["district"]) == ([], ["Hill 1"], None)
    assert (props["events"], props["first"], props["last"], props["control"]) == (0, None, None, [])
    assert (props["kind"], props["identification"]) == ("mountain", "certain")
    assert _read_back(geojson.feature_collection([])) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_the_shipped_points_are_the_gazetteers_in_lon_lat_order(shipped: Chronology) -> None:
    doc = _read_back(geojson.feature_collection(geo_places(shipped, Filter())))
    _check_rfc7946(doc)
    with_points = [p for p in shipped.places if p.coordinates is not None]
    by_id = {f["id"]: f for f in doc["features"]}
    assert sorted(by_id) == sorted(p.id for p in with_points)
    histories = query.control_histories(shipped)
    for p in with_points:
        c = p.coordinates
        assert c is not None
        feat = by_id[p.id]
        assert feat["geometry"]["coordinates"] == [c.lon, c.lat]
        # Karabakh lies east of 44°E and north of 38°N: longitude is the larger number here
        lon, lat = feat["geometry"]["coordinates"]
        assert 44 < lon < 50, p.id
        assert 38 < lat < 42, p.id
        props = feat["properties"]
        assert props["id"] == p.id
        assert props["name"] == p.name
        assert props["names"] == [p.name, *p.aliases]
        assert props["coord_source"] == c.source
        named = [e for e in shipped.events if p.id in query.event_places(e)]
        assert props["events"] == len(named), p.id
        dated = [e for e in named if e.type is not EventType.BACKGROUND]
        assert props["first"] == (min(e.date.start for e in dated).isoformat() if dated else None)
        assert [s["event"] for s in props["control"]] == [
            s.event.id for s in histories.get(p.id, [])
        ]


def test_a_filtered_collection_holds_the_places_its_events_name(shipped: Chronology) -> None:
    filt = Filter(start=dt.date(2020, 11, 8), end=dt.date(2020, 11, 8))
    doc = _read_back(geojson.feature_collection(geo_places(shipped, filt)))
    _check_rfc7946(doc)
    on_day = [e for e in shipped.events if e.date.overlaps(parse_edtf("2020-11-08"))]
    counts: dict[str, int] = {}
    for e in on_day:
        for p in query.event_places(e):
            counts[p] = counts.get(p, 0) + 1
    located = {p.id for p in shipped.places if p.coordinates is not None}
    got = {f["id"]: f["properties"] for f in doc["features"]}
    assert set(got) == set(counts) & located
    for ident, props in got.items():
        assert props["events"] == counts[ident]
        assert props["first"] >= "2020-11-08"
        assert props["last"] <= "2020-11-08"


def test_a_stream_that_is_not_utf8_gets_escapes_and_the_same_json() -> None:
    place = Place(
        "susa",
        "Şuşa",
        PlaceKind.CITY,
        coordinates=Coordinates(39.75, 46.75, CoordPrecision.SETTLEMENT, "é"),
    )
    data = geojson.feature_collection([GeoPlace(place, place.coordinates, 0, None, None, ())])  # type: ignore[arg-type]  # set just above
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii", newline="")
    geojson.write(data, ascii_out)
    ascii_out.flush()
    text = raw.getvalue().decode("ascii")
    assert "\\u015e" in text  # Ş, escaped
    assert json.loads(text) == data
    utf8 = io.StringIO()
    geojson.write(data, utf8)
    assert "Şuşa" in utf8.getvalue()
    assert json.loads(utf8.getvalue()) == data
    # two-space indentation, as the JSON output: one key a line
    assert utf8.getvalue().splitlines()[1] == '  "type": "FeatureCollection",'
