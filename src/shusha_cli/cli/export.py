"""``shusha export``: which records, in which format, to which stream, file or folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from shusha_cli.cli.output import atomic_path, atomic_writer, check_target
from shusha_cli.core import query
from shusha_cli.core.errors import OutputError, UsageError
from shusha_cli.core.model import Chronology
from shusha_cli.core.record import record

WHATS = ("events", "quotes", "places", "actors")
FORMATS = ("csv", "json", "geojson", "sqlite", "timelinejs")
EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".geojson": "geojson",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}
"""The format an output file's extension says; TimelineJS is JSON, so it is asked for by name."""

_KNOWN = ".csv, .json (json or timelinejs), .geojson, .db/.sqlite/.sqlite3 (sqlite)"


@record
class ExportRequest:
    whats: tuple[str, ...]
    fmt: str
    bom: bool = False
    guarded: bool = True
    folder: bool = False
    """Several CSV tables and their ``datapackage.json`` into a folder."""

    @property
    def what(self) -> str:
        """What the message after writing counts ("wrote 12 events")."""
        return "records" if len(self.whats) > 1 else self.whats[0]

    @classmethod
    def parse(
        cls,
        what: str | None,
        fmt: str | None,
        bom: bool = False,
        guarded: bool = True,
        output: str = "-",
    ) -> ExportRequest:
        """Check the options together; ``what`` and ``fmt`` are None when not given.

        The format comes from ``--format``, else from the output's extension, else CSV. An
        extension that names another format, or none, is refused rather than written anyway:
        a ``.json`` file of CSV would only fail later, in someone else's tool.
        """
        whats = tuple(w.strip() for w in what.split(",")) if what else ()
        for w in whats:
            if w not in WHATS:
                raise UsageError(f"--what {w!r}: one of {', '.join(WHATS)}")
        if fmt is not None and fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r}: export writes one of {', '.join(FORMATS)}")
        folder = output != "-" and (output.endswith(("/", "\\")) or len(whats) > 1)
        if folder:
            if fmt not in (None, "csv"):
                raise UsageError(
                    f"-o {output}: a folder takes CSV tables and their datapackage.json "
                    f"(--format csv), not {fmt}"
                )
            return cls(whats or WHATS, "csv", bom, guarded, folder=True)
        if len(whats) > 1:
            raise UsageError(
                "several --what go into a folder: give -o DIR/ (one CSV each, and datapackage.json)"
            )
        fmt = _format_for(output, fmt)
        if fmt == "geojson":
            if whats not in ((), ("places",)):
                raise UsageError(
                    f"--format geojson writes places (points on a map), not {whats[0]}; "
                    "leave out --what or use --what places"
                )
            whats = ("places",)
        if fmt == "timelinejs" and whats not in ((), ("events",)):
            raise UsageError(f"--format timelinejs writes events, not {whats[0]}")
        if fmt == "sqlite":
            if whats:
                raise UsageError("--format sqlite writes every kind of record; leave out --what")
            if output == "-":
                raise UsageError("--format sqlite writes a database file: give -o FILE.db")
            whats = WHATS
        if bom and fmt != "csv":
            raise UsageError("--bom goes with --format csv")
        if not guarded and fmt != "csv":
            raise UsageError("--no-guard goes with --format csv")
        return cls(whats or ("events",), fmt, bom, guarded)


def _format_for(output: str, fmt: str | None) -> str:
    """The format asked for, checked against the output's extension (stdout has none)."""
    ext = Path(output).suffix.lower() if output != "-" else ""
    if not ext:
        return fmt or "csv"
    said = EXTENSIONS.get(ext)
    if said is None:
        raise UsageError(
            f"-o {output}: {ext} is not an extension export writes; use {_KNOWN}; "
            f"formats: {', '.join(FORMATS)}"
        )
    if fmt is not None and fmt != said and not (fmt == "timelinejs" and said == "json"):
        raise UsageError(f"-o {output}: {ext} is {said}, not --format {fmt}")
    return fmt or said


def write(chron: Chronology, filt: query.Filter, req: ExportRequest, out: TextIO) -> int:
    """Write the requested table to ``out``; return how many records were written."""
    from shusha_cli.render import csv as render_csv
    from shusha_cli.render import json as render_json
    from shusha_cli.views import selection

    if req.fmt == "geojson":
        return _write_geojson(chron, filt, out)
    if req.fmt == "timelinejs":
        from shusha_cli.render import timelinejs

        events = query.timeline(chron, filt)
        render_json.write(timelinejs.timeline(chron, events, filt.description), out)
        return len(events)
    chosen = selection.select(chron, filt)
    data, rows = _table(chron, chosen, req.whats[0])
    if req.fmt == "json":
        render_json.write(data, out)
    else:
        render_csv.write(rows, out, bom=req.bom, guarded=req.guarded)
    return len(data)


def _table(chron: Chronology, chosen: Any, what: str) -> tuple[list[Any], Any]:
    """One kind's JSON records and CSV rows (the same records, flattened)."""
    from shusha_cli.render import csv as render_csv
    from shusha_cli.render import json as render_json

    if what == "events":
        data = [render_json.event_obj(chron, e) for e in chosen.events]
        return data, render_csv.event_rows(chron, chosen.events)
    if what == "quotes":
        data = [render_json.quote_obj(chron, q) for q in chosen.quotes]
        return data, render_csv.quote_rows(chron, chosen.quotes)
    if what == "places":
        return [render_json.place_row_obj(r) for r in chosen.places], render_csv.place_rows(
            chosen.places
        )
    return [render_json.actor_obj(a) for a in chosen.actors], render_csv.actor_rows(chosen.actors)


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
) -> str:
    """Write the export to a file (or a folder); say what was written: "12 events"."""
    if req.folder:
        return _write_package(chron, filt, req, Path(target), force, protected)
    if req.fmt == "sqlite":
        from shusha_cli.render import sqlite
        from shusha_cli.views import selection

        chosen = selection.select(chron, filt, closed=True)
        with atomic_path(target, force, protected) as tmp:
            sqlite.write(chron, chosen, tmp)
        return _counts(chosen, WHATS)
    with atomic_writer(target, force, protected) as stream:
        return f"{write(chron, filt, req, stream)} {req.what}"


def _counts(chosen: Any, whats: tuple[str, ...]) -> str:
    return ", ".join(f"{len(getattr(chosen, w))} {w}" for w in whats)


def _write_package(
    chron: Chronology,
    filt: query.Filter,
    req: ExportRequest,
    folder: Path,
    force: bool,
    protected: Path | None,
) -> str:
    """One CSV per kind and a Frictionless ``datapackage.json`` describing them, into a folder.

    Every file is checked before any is written, then each is written atomically, the
    descriptor last: an interrupted export leaves no descriptor naming a missing table.
    """
    from shusha_cli.render import csv as render_csv
    from shusha_cli.render import json as render_json
    from shusha_cli.render import package
    from shusha_cli.views import selection

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is not a folder; a data package needs one")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"{folder}: the directory {folder.parent} does not exist")
        try:
            folder.mkdir()
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create it ({exc.strerror or exc})") from None
    names = [f"{w}.csv" for w in req.whats] + [package.DESCRIPTOR]
    for name in names:
        check_target(folder / name, force, protected)
    chosen = selection.select(chron, filt, closed=True)
    for w in req.whats:
        _, rows = _table(chron, chosen, w)
        with atomic_writer(folder / f"{w}.csv", force, protected) as stream:
            render_csv.write(rows, stream, bom=req.bom, guarded=req.guarded)
    with atomic_writer(folder / package.DESCRIPTOR, force, protected) as stream:
        render_json.write(package.descriptor(req.whats, req.guarded, req.bom), stream)
    return _counts(chosen, req.whats)
