"""A cache of checked chronologies, so a repeated query skips YAML parsing and validation.

Why a cache: parsing and checking YAML costs about as much as libyaml's own parse, which on a
10,000-event file is far longer than Python's start-up. A chronology that passed every check is
stored as JSON, which cannot run code when read (unlike pickle), in the user's cache directory
(``$XDG_CACHE_HOME/shusha``, else the platform's usual place).

An entry is keyed on the data file's absolute path, size, modification time and BLAKE2b digest of
its bytes, the package version and the layout of the model, all written in the entry's second line,
after a signature under the user's own key (:mod:`.cache_folder` keeps the folder and the key
out of anyone else's reach). Any mismatch, any damage or any failure to decode makes a lookup
miss; the caller then parses the file and writes a new entry. Entries are written to a
temporary file and renamed into place, so two processes writing at once leave one whole entry,
never a mix. A cache directory that cannot be created or written, or that is not the user's own,
only means no cache: nothing is reported, and the answer is the same.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import field, fields
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from shusha_cli.core.collector import collector_paused
from shusha_cli.core.model import (
    Actor,
    ActorKind,
    Chronology,
    ControlChange,
    Coordinates,
    CoordPrecision,
    Event,
    EventType,
    Extent,
    Identification,
    Occasion,
    Place,
    PlaceKind,
    Precision,
    Qualifier,
    Quote,
    Side,
    Source,
    Span,
    TimeOfDay,
)
from shusha_cli.core.reading import cache_folder
from shusha_cli.core.record import record

#: Bump when the encoding below changes in a way the model fingerprint would not show.
CODEC = 3  # 3: BLAKE2b digests and signatures (2: SHA-256)

E = TypeVar("E", bound=Enum)


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/shusha``, else the platform's cache folder; None if there is no home."""
    return cache_folder.cache_dir()


def _version() -> str:
    """The installed package's version, for the key.

    Read from the name of the ``shusha-VERSION.dist-info`` folder on ``sys.path``: the same
    place importlib.metadata reads it from, without importing it (and email, zipfile and csv
    with it), which would cost more than the rest of a cache hit. Folders named
    ``site-packages`` (or Debian's ``dist-packages``) are listed first: that is where an install
    puts it, and the standard library's folders before them hold some 300 names to list.
    """
    installs = ("site-packages", "dist-packages")
    for entry in sorted(sys.path, key=lambda e: os.path.basename(e) not in installs):
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("shusha-") and name.endswith(".dist-info"):
                return name[len("shusha-") : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("shusha")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _model_fingerprint() -> str:
    """The field names of every stored class, so a changed model never reads an old entry."""
    parts = [
        f"{cls.__name__}:{','.join(f.name for f in fields(cls) if f.init)}"
        for cls in (Source, Span, Coordinates, Place, Actor, ControlChange, Event, Quote)
    ]
    return cache_folder.digest(";".join(parts).encode())[:16]


@record
class Key:
    """Everything an entry must match to stand for a data file."""

    path: str
    size: int
    mtime_ns: int
    digest: str
    version: str
    model: str
    #: The path as the user gave it, for the chronology's ``path`` (not part of the key).
    display: str = field(default="", compare=False)

    @classmethod
    def of(cls, path: Path, stat: os.stat_result, raw: bytes) -> Key:
        return cls(
            path=os.path.abspath(path),
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            digest=cache_folder.digest(raw),
            version=_version(),
            model=f"{CODEC}-{_model_fingerprint()}",
            display=str(path),
        )

    def header(self) -> dict[str, object]:
        return {
            "path": self.path,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "blake2b": self.digest,
            "version": self.version,
            "model": self.model,
        }


def entry_path(key: Key, directory: Path | None = None) -> Path | None:
    """One entry per data file (named by a hash of its path), so a changed file replaces it."""
    base = directory if directory is not None else cache_dir()
    if base is None:
        return None
    return base / _entry_name(key)


def _entry_name(key: Key) -> str:
    name = cache_folder.digest(key.path.encode("utf-8", "surrogatepass"))
    return f"chronology-{name[:32]}.json"


def entry_cap(key: Key) -> int:
    """The largest entry read or written for a data file of ``key.size`` bytes.

    An entry is smaller than its YAML (about 0.9 times); four times the file, plus a MiB for a
    small one, leaves room to spare and still refuses an entry blown up by YAML aliases or
    planted to exhaust memory.
    """
    return 4 * key.size + (1 << 20)


def read(key: Key, directory: Path | None = None) -> Chronology | None:
    """The cached chronology for ``key``, or None when there is none, it is stale or damaged.

    The entry's first line is its signature under the user's key (see :mod:`.cache_folder`),
    the second the key it was written for; anything that does not match, cannot be decoded, or
    fails while decoded is a miss, never an error and never a forged answer.
    """
    with cache_folder.opened(directory, create=False) as fd:
        if fd is None:
            return None
        secret = cache_folder.user_key(fd, create=False)
        blob = cache_folder.read_file(fd, _entry_name(key), entry_cap(key))
    if secret is None or blob is None:
        return None
    signature, _, rest = blob.partition(b"\n")
    head, _, body = rest.partition(b"\n")
    if not cache_folder.verify(secret, signature, rest):
        return None
    try:
        if json.loads(head) != key.header():
            return None
        with collector_paused():
            return decode(json.loads(body), key.display or key.path)
    except MemoryError:
        raise  # not damage: main() reports it in one line
    except Exception:
        return None


def write(key: Key, chron: Chronology, directory: Path | None = None) -> bool:
    """Store ``chron`` under ``key``; False (and nothing left behind) if that is not possible."""
    head = json.dumps(key.header(), separators=(",", ":")).encode("utf-8")
    body = json.dumps(encode(chron), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(head) + len(body) + 80 > entry_cap(key):
        return False  # it would not be read back
    rest = head + b"\n" + body
    with cache_folder.opened(directory, create=True) as fd:
        if fd is None:
            return False
        secret = cache_folder.user_key(fd, create=True)
        if secret is None:
            return False
        signature = cache_folder.sign(secret, rest)
        return cache_folder.write_file(fd, _entry_name(key), [signature, b"\n", rest])


# --- encoding: positional lists, dates as ordinals; small and quick to read back -------------


def _span(s: Span | None) -> list[Any] | None:
    if s is None:
        return None
    end = s.end.toordinal() if s.end is not None else None
    qualifier = s.qualifier.value if s.qualifier is not None else None
    return [s.start.toordinal(), end, s.text, s.precision.value, qualifier]


def _val(e: Enum | None) -> Any:
    return e.value if e is not None else None


def encode(chron: Chronology) -> dict[str, Any]:
    """The chronology as plain JSON data (the inverse of :func:`decode`)."""
    src = chron.source
    return {
        "source": [src.title, src.file, src.paragraphs, src.perspective],
        "places": [
            [
                p.id,
                p.name,
                p.kind.value,
                list(p.aliases),
                p.district,
                None
                if p.coordinates is None
                else [
                    p.coordinates.lat,
                    p.coordinates.lon,
                    p.coordinates.precision.value,
                    p.coordinates.source,
                ],
                p.identification.value,
                p.notes,
            ]
            for p in chron.places
        ],
        "actors": [
            [
                a.id,
                a.name,
                a.kind.value,
                a.side.value,
                list(a.aliases),
                a.role,
                a.affiliation,
                a.notes,
            ]
            for a in chron.actors
        ],
        "events": [
            [
                e.id,
                _span(e.date),
                e.title,
                e.summary,
                e.type.value,
                list(e.sources),
                e.attribution,
                list(e.places),
                list(e.actors),
                _val(e.time_of_day),
                _span(e.reported),
                e.date_note,
                [[c.place, c.to.value, _val(c.from_), c.extent.value] for c in e.control],
                list(e.confirms),
                list(e.contradicts),
                e.notes,
            ]
            for e in chron.events
        ],
        "quotes": [
            [
                q.id,
                q.speaker,
                _span(q.date),
                q.occasion.value,
                q.text,
                list(q.sources),
                q.medium,
                q.context,
                list(q.places),
                list(q.events),
                list(q.confirms),
                list(q.contradicts),
            ]
            for q in chron.quotes
        ],
    }


def _members(cls: type[E]) -> dict[Any, E]:
    # A dict lookup is several times quicker than calling the Enum; a KeyError means damage.
    return {m.value: m for m in cls}


def decode(data: dict[str, Any], path: str) -> Chronology:
    """Rebuild a chronology from :func:`encode`'s output; any damage raises a built-in error."""
    side = _members(Side)
    place_kind = _members(PlaceKind)
    actor_kind = _members(ActorKind)
    coord_precision = _members(CoordPrecision)
    identification = _members(Identification)
    occasion_of = _members(Occasion)
    precision = _members(Precision)
    qualifier = _members(Qualifier)
    event_type = _members(EventType)
    time_of_day = _members(TimeOfDay)
    extent = _members(Extent)
    date = dt.date.fromordinal
    spans: dict[tuple[Any, ...], Span] = {}

    def span(raw: list[Any] | None) -> Span | None:
        if raw is None:
            return None
        key = tuple(raw)
        found = spans.get(key)  # many events share a date: build each one once
        if found is None:
            start, end, text, prec, qual = raw
            found = spans[key] = Span(
                date(start),
                None if end is None else date(end),
                text,
                precision[prec],
                None if qual is None else qualifier[qual],
            )
        return found

    def required_span(raw: list[Any]) -> Span:
        s = span(raw)
        if s is None:
            raise TypeError  # damage: read() makes any error a miss, so no message
        return s

    title, file, paragraphs, perspective = data["source"]
    source = Source(title, file, paragraphs, perspective)
    places = tuple(
        Place(
            pid,
            name,
            place_kind[kind],
            tuple(aliases),
            district,
            None
            if coords is None
            else Coordinates(coords[0], coords[1], coord_precision[coords[2]], coords[3]),
            identification[ident],
            notes,
        )
        for pid, name, kind, aliases, district, coords, ident, notes in data["places"]
    )
    actors = tuple(
        Actor(aid, name, actor_kind[kind], side[sd], tuple(aliases), role, affiliation, notes)
        for aid, name, kind, sd, aliases, role, affiliation, notes in data["actors"]
    )
    events = tuple(
        Event(
            eid,
            required_span(when),
            title,
            summary,
            event_type[etype],
            tuple(sources),
            attribution,
            tuple(eplaces),
            tuple(eactors),
            None if tod is None else time_of_day[tod],
            span(reported),
            date_note,
            tuple(
                ControlChange(cp, side[to], None if fr is None else side[fr], extent[ext])
                for cp, to, fr, ext in control
            ),
            tuple(confirms),
            tuple(contradicts),
            notes,
        )
        for (
            eid,
            when,
            title,
            summary,
            etype,
            sources,
            attribution,
            eplaces,
            eactors,
            tod,
            reported,
            date_note,
            control,
            confirms,
            contradicts,
            notes,
        ) in data["events"]
    )
    quotes = tuple(
        Quote(
            qid,
            speaker,
            required_span(when),
            occasion_of[occasion],
            text,
            tuple(sources),
            medium,
            context,
            tuple(qplaces),
            tuple(qevents),
            tuple(confirms),
            tuple(contradicts),
        )
        for (
            qid,
            speaker,
            when,
            occasion,
            text,
            sources,
            medium,
            context,
            qplaces,
            qevents,
            confirms,
            contradicts,
        ) in data["quotes"]
    )
    return Chronology(source, places, actors, events, quotes, path)
