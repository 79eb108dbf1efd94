"""YAML -> a checked :class:`~shusha_cli.model.Chronology`, with every problem located by line.

The file is *composed*, not loaded: PyYAML's safe (C where available) composer turns the text
into a tree of nodes that still know their line, and this module builds the model from those
nodes itself. That buys three things a plain ``safe_load`` cannot give: a line number on every
problem, duplicate keys caught instead of silently dropped, and YAML 1.1's implicit types (an
unquoted ``no`` read as False, ``22:30`` read as 1350) reported where a string is wanted instead
of converted. No tag is ever constructed, so ``!!python/object`` and friends cannot run code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TypeVar

import yaml

from shusha_cli import dates
from shusha_cli.datafile import (
    ENV_VAR,
    collector_paused,
    read_text,
    resolve_data_path,
    shipped_data_path,
)
from shusha_cli.errors import DataError, DateError, Problem
from shusha_cli.model import (
    ARTICLE,
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
    Quote,
    Side,
    Source,
    Span,
    TimeOfDay,
)

# Reading the file lives in datafile (no YAML import there); these names stay here too.
__all__ = [
    "ENV_VAR",
    "compose",
    "load",
    "parse",
    "read_text",
    "resolve_data_path",
    "shipped_data_path",
]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date/time",
}

try:  # libyaml's composer is several times faster; both are safe (no tag is constructed).
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def compose(text: str, name: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        col = f", column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "syntax error"
        start = exc.context_mark
        if exc.problem and exc.context and start is not None and start.line + 1 != line:
            # e.g. an unclosed quote: the end of the file is found, the quote opened far above.
            what += f" ({exc.context} at line {start.line + 1}, column {start.column + 1})"
        raise DataError([Problem(name, line, f"YAML syntax error{col}: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control
        pos = max(0, min(exc.position, len(text)))
        line, col = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        what = f"{exc.reason} (found {char!r}); write it as an escape inside double quotes"
        raise DataError([Problem(name, line, f"YAML error, column {col}: {what}")]) from None
    except yaml.YAMLError as exc:
        one_line = " ".join(str(exc).split())
        raise DataError([Problem(name, None, f"YAML error: {one_line}")]) from None
    except UnicodeEncodeError:  # only a str built in memory can hold a lone surrogate
        raise DataError([Problem(name, None, "is not valid Unicode text")]) from None
    if node is None:
        raise DataError([Problem(name, None, "holds no YAML document")])
    return node


def load(path: Path) -> Chronology:
    """Load and check a chronology file; raise DataError listing every problem found."""
    text = read_text(path)
    return parse(text, str(path))


def parse(text: str, name: str = "<data>") -> Chronology:
    """Check a chronology given as YAML text; ``name`` is used in problem messages."""
    try:
        return _parse(text, name)
    except MemoryError:
        pass  # leave the except block first, so the half-built tree can be freed
    raise DataError([Problem(name, None, "is too large to check in the memory available")])


def _parse(text: str, name: str) -> Chronology:
    with collector_paused():
        node = compose(text, name)
        reader = _Reader(name)
        chronology = reader.chronology(node)
        del node
    if reader.problems or chronology is None:
        reader.problems.sort(key=lambda p: p.line or 0)
        raise DataError(reader.problems)
    return chronology


@dataclass(frozen=True)
class _Field:
    """How to read one key of a record: whether it is required, and the converter."""

    required: bool
    read: Callable[[yaml.Node, str], object]


class _Reader:
    """Builds the model from nodes, collecting problems instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        # Every id seen, valid record or not, so that one bad record does not also make each
        # reference to it a problem.
        self.known: dict[str, set[str]] = {}

    # --- reporting ----------------------------------------------------------------------------

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, message))

    # --- scalars ------------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, label: str) -> str | None:
        if not self.plain_tag(node, label):
            return None
        if not isinstance(node, yaml.ScalarNode):
            shape = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.problem(node, f"{label}: expected a single value, found {shape}")
            return None
        return str(node.value)

    def plain_tag(self, node: yaml.Node, label: str) -> bool:
        """Only YAML's own data types may appear; any other tag (``!!python/...``) is refused."""
        if node.tag in _ALLOWED_TAGS:
            return True
        self.problem(node, f"{label}: the tag {node.tag!r} is not allowed (plain data only)")
        return False

    def text(self, node: yaml.Node, label: str) -> str | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != _STR:
            kind = _TAG_NAMES.get(node.tag, node.tag)
            self.problem(
                node,
                f"{label}: {value!r} is read by YAML 1.1 as {kind}; quote it to mean the text",
            )
            return None
        if not value.strip():
            self.problem(node, f"{label}: must not be empty")
            return None
        return value

    def integer(self, node: yaml.Node, label: str) -> int | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != "tag:yaml.org,2002:int" or not re.fullmatch(r"[-+]?\d+", value):
            self.problem(node, f"{label}: expected a whole number, found {value!r}")
            return None
        return int(value)

    def number(self, node: yaml.Node, label: str) -> float | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            self.problem(node, f"{label}: expected a number, found {value!r}")
            return None
        try:
            return float(value.replace("_", ""))
        except ValueError:
            self.problem(node, f"{label}: expected a decimal number, found {value!r}")
            return None

    def enum(self, cls: type[E]) -> Callable[[yaml.Node, str], E | None]:
        def read(node: yaml.Node, label: str) -> E | None:
            value = self.scalar(node, label)
            if value is None:
                return None
            if node.tag != _STR:
                self.problem(
                    node,
                    f"{label}: {value!r} is read by YAML 1.1 as "
                    f"{_TAG_NAMES.get(node.tag, node.tag)}; quote it",
                )
                return None
            try:
                return cls(value)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in cls)
                self.problem(node, f"{label}: {value!r} is not one of: {allowed}")
                return None

        return read

    def date(self, node: yaml.Node, label: str) -> Span | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != _STR:
            self.problem(node, f"{label}: {value!r} must be a quoted string, e.g. '2020-10-29'")
            return None
        try:
            return dates.parse_edtf(value)
        except DateError as exc:
            self.problem(node, f"{label}: {exc}")
            return None

    def slug(self, node: yaml.Node, label: str) -> str | None:
        value = self.text(node, label)
        if value is not None and not _SLUG.match(value):
            self.problem(node, f"{label}: {value!r} must be a slug (a-z, 0-9, single hyphens)")
            return None
        return value

    # --- collections --------------------------------------------------------------------------

    def items(self, node: yaml.Node, label: str) -> list[yaml.Node]:
        if not self.plain_tag(node, label):
            return []
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{label}: expected a list")
            return []
        return list(node.value)

    def listing(
        self, read: Callable[[yaml.Node, str], T | None]
    ) -> Callable[[yaml.Node, str], tuple[T, ...]]:
        def read_all(node: yaml.Node, label: str) -> tuple[T, ...]:
            out = []
            for i, item in enumerate(self.items(node, label)):
                value = read(item, f"{label}[{i}]")
                if value is not None:
                    out.append(value)
            return tuple(out)

        return read_all

    def fields(
        self, node: yaml.Node, label: str, spec: dict[str, _Field]
    ) -> dict[str, object] | None:
        """Read a mapping against a spec: unknown, duplicate and missing keys are problems."""
        if not self.plain_tag(node, label):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{label}: expected a mapping of keys to values")
            return None
        out: dict[str, object] = {}
        seen: set[str] = set()
        ok = True
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"{label} key")
            if key is None:
                ok = False
                continue
            if key in seen:
                self.problem(key_node, f"{label}: key {key!r} appears twice")
                ok = False
                continue
            seen.add(key)
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                allowed = ", ".join(spec)
                self.problem(key_node, f"{label}: unknown key {key!r}{hint} (allowed: {allowed})")
                ok = False
                continue
            before = len(self.problems)
            value = spec[key].read(value_node, f"{label}.{key}")
            if len(self.problems) > before or value is None:
                ok = False
                continue
            out[key] = value
        missing = [k for k, f in spec.items() if f.required and k not in seen]
        if missing:
            self.problem(node, f"{label}: missing required key(s): {', '.join(missing)}")
            ok = False
        return out if ok else None

    # --- records ------------------------------------------------------------------------------

    def chronology(self, node: yaml.Node) -> Chronology | None:
        if not self.plain_tag(node, "top level"):
            return None
        if not isinstance(node, yaml.MappingNode):
            shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            self.problem(node, f"the top level must be a mapping of sections, not {shape}")
            return None
        texts, slugs = self.listing(self.text), self.listing(self.slug)
        place_spec = {
            "id": _Field(True, self.slug),
            "name": _Field(True, self.text),
            "aliases": _Field(False, texts),
            "kind": _Field(True, self.enum(PlaceKind)),
            "district": _Field(False, self.text),
            "coordinates": _Field(False, self.coordinates),
            "identification": _Field(False, self.enum(Identification)),
            "notes": _Field(False, self.text),
        }
        actor_spec = {
            "id": _Field(True, self.slug),
            "name": _Field(True, self.text),
            "aliases": _Field(False, texts),
            "kind": _Field(True, self.enum(ActorKind)),
            "side": _Field(True, self.enum(Side)),
            "role": _Field(False, self.text),
            "affiliation": _Field(False, self.text),
            "notes": _Field(False, self.text),
        }
        event_spec = {
            "id": _Field(True, self.slug),
            "date": _Field(True, self.date),
            "time_of_day": _Field(False, self.enum(TimeOfDay)),
            "reported": _Field(False, self.date),
            "date_note": _Field(False, self.text),
            "title": _Field(True, self.text),
            "summary": _Field(True, self.text),
            "type": _Field(True, self.enum(EventType)),
            "places": _Field(False, slugs),
            "actors": _Field(False, slugs),
            "sources": _Field(True, self.listing(self.integer)),
            "attribution": _Field(False, self.slug),
            "control": _Field(False, self.listing(self.control)),
            "confirms": _Field(False, slugs),
            "contradicts": _Field(False, slugs),
            "notes": _Field(False, self.text),
        }
        quote_spec = {
            "id": _Field(True, self.slug),
            "speaker": _Field(True, self.slug),
            "date": _Field(True, self.date),
            "occasion": _Field(True, self.enum(Occasion)),
            "medium": _Field(False, self.text),
            "text": _Field(True, self.text),
            "context": _Field(False, self.text),
            "sources": _Field(True, self.listing(self.integer)),
            "places": _Field(False, slugs),
            "events": _Field(False, slugs),
            "confirms": _Field(False, slugs),
            "contradicts": _Field(False, slugs),
        }
        sections: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "top level key")
            if key is None:
                continue
            if key in sections:
                self.problem(key_node, f"top level: section {key!r} appears twice")
            elif key not in _SECTIONS:
                close = difflib.get_close_matches(key, _SECTIONS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.problem(key_node, f"top level: unknown section {key!r}{hint}")
            else:
                sections[key] = value_node
        missing = [k for k in _SECTIONS if k not in sections and k not in ("schema", "quotes")]
        if missing:
            self.problem(node, f"top level: missing section(s): {', '.join(missing)}")
        if "schema" in sections:
            version = self.integer(sections["schema"], "schema")
            if version is not None and version != 1:
                self.problem(
                    sections["schema"], f"schema: version {version} is not supported (1 is)"
                )
        source = self.source(sections["source"], "source") if "source" in sections else None
        lines: dict[tuple[str, str], int] = {}
        # Every section is read even when another is bad, so one run reports every problem.
        places = [_place(v) for v in self.records(sections, "places", place_spec, lines)]
        actors = [_actor(v) for v in self.records(sections, "actors", actor_spec, lines)]
        events = [_event(v) for v in self.records(sections, "events", event_spec, lines)]
        quotes = [_quote(v) for v in self.records(sections, "quotes", quote_spec, lines)]
        if source is None:
            return None
        chron = Chronology(
            source, tuple(places), tuple(actors), tuple(events), tuple(quotes), self.name
        )
        self.cross_check(chron, lines)
        return chron

    def records(
        self,
        sections: dict[str, yaml.Node],
        section: str,
        spec: dict[str, _Field],
        lines: dict[tuple[str, str], int],
    ) -> list[_Values]:
        if section not in sections:
            return []
        out = []
        for i, item in enumerate(self.items(sections[section], section)):
            ident = _peek_id(item)
            if ident:
                self.known.setdefault(section, set()).add(ident)
            label = f"{section}[{i}]" + (f" ({ident})" if ident else "")
            values = self.fields(item, label, spec)
            if values is None:
                continue
            line = item.start_mark.line + 1
            key = (section, str(values["id"]))
            if key in lines:
                self.problem(
                    item, f"{section}: duplicate id {key[1]!r} (first at line {lines[key]})"
                )
                continue
            lines[key] = line
            out.append(_Values(values))
        return out

    def source(self, node: yaml.Node, label: str) -> Source | None:
        spec = {
            "title": _Field(True, self.text),
            "file": _Field(True, self.text),
            "paragraphs": _Field(True, self.integer),
            "perspective": _Field(False, self.text),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = _Values(values)
        if v.i("paragraphs") < 1:
            at = next((n for k, n in node.value if k.value == "paragraphs"), node)
            self.problem(at, "source.paragraphs: must be at least 1")
            return None
        return Source(v.s("title"), v.s("file"), v.i("paragraphs"), v.s("perspective", ""))

    def coordinates(self, node: yaml.Node, label: str) -> Coordinates | None:
        spec = {
            "lat": _Field(True, self.number),
            "lon": _Field(True, self.number),
            "precision": _Field(True, self.enum(CoordPrecision)),
            "source": _Field(True, self.text),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = _Values(values)
        lat, lon = v.f("lat"), v.f("lon")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problem(node, f"{label}: latitude must be within ±90 and longitude within ±180")
            return None
        return Coordinates(lat, lon, v.enum("precision", CoordPrecision), v.s("source"))

    def control(self, node: yaml.Node, label: str) -> ControlChange | None:
        spec = {
            "place": _Field(True, self.slug),
            "to": _Field(True, self.enum(Side)),
            "from": _Field(False, self.enum(Side)),
            "extent": _Field(False, self.enum(Extent)),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = _Values(values)
        to, from_ = v.enum("to", Side), v.opt_enum("from", Side)
        if from_ is to:
            self.problem(node, f"{label}: a place cannot pass from a side to the same side")
            return None
        return ControlChange(v.s("place"), to, from_, v.opt_enum("extent", Extent) or Extent.FULL)

    # --- references ---------------------------------------------------------------------------

    def cross_check(self, chron: Chronology, lines: dict[tuple[str, str], int]) -> None:
        """References that point nowhere, paragraphs outside the source, impossible dates."""
        places = self.known.get("places", set())
        actors = self.known.get("actors", set())
        events = self.known.get("events", set())
        records = events | self.known.get("quotes", set())
        for q in chron.quotes:
            if q.id in events:
                self.at(lines[("quotes", q.id)], f"quote {q.id!r}: id already used by an event")
        max_para = chron.source.paragraphs

        def refs(line: int, who: str, what: str, ids: Iterable[str], pool: set[str]) -> None:
            for ident in ids:
                if ident not in pool:
                    close = difflib.get_close_matches(ident, sorted(pool), n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    self.at(line, f"{who}: {what} {ident!r} does not exist{hint}")

        def common(line: int, who: str, rec: Event | Quote) -> None:
            refs(line, who, "place", rec.places, places)
            refs(line, who, "linked record", [*rec.confirms, *rec.contradicts], records)
            if rec.id in rec.confirms or rec.id in rec.contradicts:
                self.at(line, f"{who}: links to itself")
            if not rec.sources:
                self.at(line, f"{who}: sources must cite at least one paragraph")
            for n in rec.sources:
                if not 1 <= n <= max_para:
                    self.at(line, f"{who}: paragraph {n} is outside the source (1..{max_para})")

        for ev in chron.events:
            line, who = lines[("events", ev.id)], f"event {ev.id!r}"
            common(line, who, ev)
            refs(line, who, "actor", ev.actors, actors)
            refs(line, who, "control place", [c.place for c in ev.control], places)
            if ev.attribution != ARTICLE:
                refs(line, who, "attribution actor", [ev.attribution], actors)
            rep = ev.reported
            if rep is not None and rep.end is not None and rep.end < ev.date.start:
                self.at(line, f"{who}: reported ({rep.text}) before it happened ({ev.date.text})")
            if ev.type is EventType.CAPTURE and not ev.control:
                self.at(line, f"{who}: a capture must record control (which place passed to whom)")
        for q in chron.quotes:
            line, who = lines[("quotes", q.id)], f"quote {q.id!r}"
            common(line, who, q)
            refs(line, who, "speaker", [q.speaker], actors)
            refs(line, who, "event", q.events, events)

    def at(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))


_SECTIONS = ["schema", "source", "places", "actors", "events", "quotes"]


class _Values:
    """A record's checked values, with typed getters (the readers already checked each type)."""

    def __init__(self, values: dict[str, object]) -> None:
        self._v = values

    def __getitem__(self, key: str) -> object:
        return self._v[key]

    def s(self, key: str, default: str | None = None) -> str:
        value = self._v.get(key, default)
        assert isinstance(value, str), key
        return value

    def opt_str(self, key: str) -> str | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, str), key
        return value

    def i(self, key: str) -> int:
        value = self._v[key]
        assert isinstance(value, int), key
        return value

    def f(self, key: str) -> float:
        value = self._v[key]
        assert isinstance(value, float), key
        return value

    def enum(self, key: str, cls: type[E]) -> E:
        value = self._v[key]
        assert isinstance(value, cls), key
        return value

    def opt_enum(self, key: str, cls: type[E]) -> E | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, cls), key
        return value

    def span(self, key: str) -> Span:
        value = self._v[key]
        assert isinstance(value, Span), key
        return value

    def opt_span(self, key: str) -> Span | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, Span), key
        return value

    def many(self, key: str, cls: type[T]) -> tuple[T, ...]:
        value = self._v.get(key, ())
        assert isinstance(value, tuple), key
        assert all(isinstance(x, cls) for x in value), key
        return value

    def opt(self, key: str, cls: type[T]) -> T | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, cls), key
        return value


def _peek_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value == "id"
                and isinstance(value, yaml.ScalarNode)
            ):
                return str(value.value)
    return None


def _place(v: _Values) -> Place:
    return Place(
        id=v.s("id"),
        name=v.s("name"),
        kind=v.enum("kind", PlaceKind),
        aliases=v.many("aliases", str),
        district=v.opt_str("district"),
        coordinates=v.opt("coordinates", Coordinates),
        identification=v.opt_enum("identification", Identification) or Identification.CERTAIN,
        notes=v.s("notes", ""),
    )


def _actor(v: _Values) -> Actor:
    return Actor(
        id=v.s("id"),
        name=v.s("name"),
        kind=v.enum("kind", ActorKind),
        side=v.enum("side", Side),
        aliases=v.many("aliases", str),
        role=v.opt_str("role"),
        affiliation=v.opt_str("affiliation"),
        notes=v.s("notes", ""),
    )


def _event(v: _Values) -> Event:
    return Event(
        id=v.s("id"),
        date=v.span("date"),
        title=v.s("title"),
        summary=v.s("summary"),
        type=v.enum("type", EventType),
        sources=v.many("sources", int),
        attribution=v.s("attribution", ARTICLE),
        places=v.many("places", str),
        actors=v.many("actors", str),
        time_of_day=v.opt_enum("time_of_day", TimeOfDay),
        reported=v.opt_span("reported"),
        date_note=v.s("date_note", ""),
        control=v.many("control", ControlChange),
        confirms=v.many("confirms", str),
        contradicts=v.many("contradicts", str),
        notes=v.s("notes", ""),
    )


def _quote(v: _Values) -> Quote:
    return Quote(
        id=v.s("id"),
        speaker=v.s("speaker"),
        date=v.span("date"),
        occasion=v.enum("occasion", Occasion),
        text=v.s("text"),
        sources=v.many("sources", int),
        medium=v.s("medium", ""),
        context=v.s("context", ""),
        places=v.many("places", str),
        events=v.many("events", str),
        confirms=v.many("confirms", str),
        contradicts=v.many("contradicts", str),
    )
