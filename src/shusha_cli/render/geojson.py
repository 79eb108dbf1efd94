"""GeoJSON output (RFC 7946): the places with coordinates as a FeatureCollection of Points.

Positions are ``[longitude, latitude]`` (RFC 7946 §3.1.1; WGS 84, as the gazetteer gives
them), the reverse of the ``lat, lon`` order people write. Written with ``json``, never
through Rich, so the bytes are exactly the data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from shusha_cli.render.json import control_step_obj, unicode_stream
from shusha_cli.views.geo import GeoPlace

Obj = dict[str, Any]


def feature(g: GeoPlace) -> Obj:
    """One place as a Point feature; its properties are the contract in the README."""
    p, c = g.place, g.coordinates
    return {
        "type": "Feature",
        "id": p.id,
        "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        "properties": {
            "id": p.id,
            "name": p.name,
            "aliases": list(p.aliases),
            "names": [p.name, *p.aliases],
            "kind": p.kind.value,
            "district": p.district,
            "identification": p.identification.value,
            "coord_precision": c.precision.value,
            "coord_source": c.source,
            "events": g.events,
            "first": g.first.isoformat() if g.first else None,
            "last": g.last.isoformat() if g.last else None,
            "control": [control_step_obj(s) for s in g.control],
        },
    }


def feature_collection(places: Sequence[GeoPlace]) -> Obj:
    return {"type": "FeatureCollection", "features": [feature(g) for g in places]}


def write(data: Obj, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=not unicode_stream(out), indent=2) + "\n")
