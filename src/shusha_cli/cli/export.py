"""``shusha export``: which table, in which format, to which stream or file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from shusha_cli.cli.output import atomic_writer
from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology

WHATS = ("events", "quotes", "places", "actors")
FORMATS = ("csv", "json", "geojson")


@dataclass(frozen=True)
class ExportRequest:
    what: str
    fmt: str
    bom: bool = False

    @classmethod
    def parse(cls, what: str | None, fmt: str, bom: bool) -> ExportRequest:
        """Check the options; ``what`` is None when not given (events, or places for GeoJSON).

        GeoJSON holds points, so it writes places only: ``--what`` may be left out or be
        ``places``, and anything else is refused rather than quietly ignored.
        """
        if fmt == "geojson":
            if what not in (None, "places"):
                raise UsageError(
                    f"--format geojson writes places (points on a map), not {what}; "
                    "leave out --what or use --what places"
                )
            what = "places"
        what = what or "events"
        if what not in WHATS:
            raise UsageError(f"--what {what!r}: one of {', '.join(WHATS)}")
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r}: export writes one of {', '.join(FORMATS)}")
        if bom and fmt != "csv":
            raise UsageError("--bom goes with --format csv")
        return cls(what, fmt, bom)


def write(chron: Chronology, filt: query.Filter, req: ExportRequest, out: TextIO) -> int:
    """Write the requested table to ``out``; return how many records were written.

    The filters select events; quotes follow the date, place, actor, side and text filters;
    places and actors are those the selected events name (all of them when nothing is filtered).
    """
    from shusha_cli.render import csv as render_csv
    from shusha_cli.render import json as render_json

    if req.fmt == "geojson":
        return _write_geojson(chron, filt, out)
    events = query.timeline(chron, filt)
    if req.what == "events":
        records: list[object] = list(events)
        data = [render_json.event_obj(e) for e in events]
        rows = render_csv.event_rows(chron, events)
    elif req.what == "quotes":
        found = query.quotes(chron, filt)
        records, data = list(found), [render_json.quote_obj(q) for q in found]
        rows = render_csv.quote_rows(chron, found)
    elif req.what == "places":
        used = {p for e in events for p in query.event_places(e)}
        place_rows = [r for r in query.places_table(chron) if r.place.id in used or not filt.is_set]
        records, data = list(place_rows), [render_json.place_row_obj(r) for r in place_rows]
        rows = render_csv.place_rows(place_rows)
    else:
        used = {a for e in events for a in (*e.actors, e.attribution)}
        actor_list = [a for a in query.actors_table(chron) if a.id in used or not filt.is_set]
        records, data = list(actor_list), [render_json.actor_obj(a) for a in actor_list]
        rows = render_csv.actor_rows(actor_list)
    if req.fmt == "json":
        render_json.write(data, out)
    else:
        render_csv.write(rows, out, bom=req.bom)
    return len(records)


def _write_geojson(chron: Chronology, filt: query.Filter, out: TextIO) -> int:
    """The places with coordinates (those the filtered events name, when filtered)."""
    from shusha_cli.render import geojson
    from shusha_cli.views import geo

    places = geo.geo_places(chron, filt)
    geojson.write(geojson.feature_collection(places), out)
    return len(places)


def write_file(
    chron: Chronology,
    filt: query.Filter,
    req: ExportRequest,
    target: str,
    force: bool,
    protected: Path | None,
) -> int:
    with atomic_writer(target, force, protected) as stream:
        return write(chron, filt, req, stream)
