"""The records of a chronology file: each section's keys, checked and built into the model."""

from __future__ import annotations

import difflib

import yaml

from shusha_cli.core.model import (
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
    TimeOfDay,
)
from shusha_cli.core.reading.fields import Field, FieldReader, Values
from shusha_cli.core.reading.references import cross_check


class RecordReader(FieldReader):
    """Builds the model from the top node: sections, records, and nested values."""

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
            "id": Field(self.slug, required=True),
            "name": Field(self.text, required=True),
            "aliases": Field(texts),
            "kind": Field(self.enum(PlaceKind), required=True),
            "district": Field(self.text),
            "coordinates": Field(self.coordinates),
            "identification": Field(self.enum(Identification)),
            "notes": Field(self.text),
        }
        actor_spec = {
            "id": Field(self.slug, required=True),
            "name": Field(self.text, required=True),
            "aliases": Field(texts),
            "kind": Field(self.enum(ActorKind), required=True),
            "side": Field(self.enum(Side), required=True),
            "role": Field(self.text),
            "affiliation": Field(self.text),
            "notes": Field(self.text),
        }
        event_spec = {
            "id": Field(self.slug, required=True),
            "date": Field(self.date, required=True),
            "time_of_day": Field(self.enum(TimeOfDay)),
            "reported": Field(self.date),
            "date_note": Field(self.text),
            "title": Field(self.text, required=True),
            "summary": Field(self.text, required=True),
            "type": Field(self.enum(EventType), required=True),
            "places": Field(slugs),
            "actors": Field(slugs),
            "sources": Field(self.listing(self.integer), required=True),
            "attribution": Field(self.slug),
            "control": Field(self.listing(self.control)),
            "confirms": Field(slugs),
            "contradicts": Field(slugs),
            "notes": Field(self.text),
        }
        quote_spec = {
            "id": Field(self.slug, required=True),
            "speaker": Field(self.slug, required=True),
            "date": Field(self.date, required=True),
            "occasion": Field(self.enum(Occasion), required=True),
            "medium": Field(self.text),
            "text": Field(self.text, required=True),
            "context": Field(self.text),
            "sources": Field(self.listing(self.integer), required=True),
            "places": Field(slugs),
            "events": Field(slugs),
            "confirms": Field(slugs),
            "contradicts": Field(slugs),
        }
        sections: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "top level key")
            if key is None:
                continue
            if key in sections:
                self.problem(key_node, f"top level: section {key!r} appears twice")
            elif key not in _SECTIONS:
                close = difflib.get_close_matches(key, _SECTIONS)  # the closest first
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
        cross_check(self, chron, lines)
        return chron

    def records(
        self,
        sections: dict[str, yaml.Node],
        section: str,
        spec: dict[str, Field],
        lines: dict[tuple[str, str], int],
    ) -> list[Values]:
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
            out.append(Values(values))
        return out

    def source(self, node: yaml.Node, label: str) -> Source | None:
        spec = {
            "title": Field(self.text, required=True),
            "file": Field(self.text, required=True),
            "paragraphs": Field(self.integer, required=True),
            "perspective": Field(self.text),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = Values(values)
        if v.i("paragraphs") < 1:
            # the key is there: the spec requires it, and a mapping with a bad key gave None
            at = next(n for k, n in node.value if k.value == "paragraphs")
            self.problem(at, "source.paragraphs: must be at least 1")
            return None
        return Source(v.s("title"), v.s("file"), v.i("paragraphs"), v.s("perspective", ""))

    def coordinates(self, node: yaml.Node, label: str) -> Coordinates | None:
        spec = {
            "lat": Field(self.number, required=True),
            "lon": Field(self.number, required=True),
            "precision": Field(self.enum(CoordPrecision), required=True),
            "source": Field(self.text, required=True),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = Values(values)
        lat, lon = v.f("lat"), v.f("lon")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problem(node, f"{label}: latitude must be within ±90 and longitude within ±180")
            return None
        return Coordinates(lat, lon, v.enum("precision", CoordPrecision), v.s("source"))

    def control(self, node: yaml.Node, label: str) -> ControlChange | None:
        spec = {
            "place": Field(self.slug, required=True),
            "to": Field(self.enum(Side), required=True),
            "from": Field(self.enum(Side)),
            "extent": Field(self.enum(Extent)),
        }
        values = self.fields(node, label, spec)
        if values is None:
            return None
        v = Values(values)
        to, from_ = v.enum("to", Side), v.opt_enum("from", Side)
        if from_ is to:
            self.problem(node, f"{label}: a place cannot pass from a side to the same side")
            return None
        return ControlChange(v.s("place"), to, from_, v.opt_enum("extent", Extent) or Extent.FULL)


_SECTIONS = ["schema", "source", "places", "actors", "events", "quotes"]


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


def _place(v: Values) -> Place:
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


def _actor(v: Values) -> Actor:
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


def _event(v: Values) -> Event:
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


def _quote(v: Values) -> Quote:
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
