"""Deterministic generator of valid chronologies of any size, for the benchmark.

The shipped ``data/events.yaml`` is the template: the same sections, the same fields in about the
same proportions (202 events, 69 places, 57 actors and 24 quotes there), the same forms of dates
(days, months, years, intervals, open intervals, qualifiers), times of day, claims attributed to
actors and linked to each other, control changes and paragraph citations within the source's
1..21. Long texts are written as folded block scalars and names carry non-ASCII aliases, as in the
real file, so that the parser does the same kind of work per byte.

Everything is drawn from one ``random.Random(seed)`` and only lists are iterated (never sets, whose
order changes with string hashing), so a seed always gives byte-identical output.

Importable (``generate(n, seed)`` returns the text, ``write(n, path, seed)`` writes it) and runnable
as ``python bench/generate.py N OUT.yaml --seed S``. Nothing runs at import time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The shipped chronology's counts, from which the other sections are scaled.
SHIPPED_EVENTS = 202
SHIPPED_PLACES = 69
SHIPPED_ACTORS = 57
SHIPPED_QUOTES = 24
PARAGRAPHS = 21
"""The source's paragraphs: every citation stays within 1..21, as in the shipped file."""

WAR_START = dt.date(2020, 9, 27)
WAR_END = dt.date(2020, 11, 10)
MIDDLE_DAY = "2020-10-19"
"""A day in the middle of the generated war window: ``timeline --from`` it selects about half."""

WIDTH = 96
"""Folded texts are wrapped to this width, as the shipped file is (line length 100)."""

# --- vocabularies, weighted like the shipped file -------------------------------------------------

EVENT_TYPES: dict[str, int] = {
    "advance": 30, "statement": 28, "fighting": 28, "background": 22, "capture": 15,
    "shelling": 11, "withdrawal": 11, "failed-attack": 11, "footage": 10, "personnel": 10,
    "casualties": 7, "strike": 4, "road-cut": 4, "denial": 4, "counterattack": 3, "ambush": 2,
    "evacuation": 1, "agreement": 1,
}  # fmt: skip
PLACE_KINDS: dict[str, int] = {
    "village": 29, "city": 8, "district": 8, "road": 5, "town": 4, "region": 4, "country": 3,
    "mountain": 2, "building": 2, "valley": 1, "forest": 1, "corridor": 1, "canyon": 1,
}  # fmt: skip
ACTOR_KINDS: dict[str, int] = {
    "person": 31, "unit": 11, "government": 4, "organisation": 3, "party": 3, "media": 3,
    "programme": 2,
}  # fmt: skip
SIDES: dict[str, int] = {
    "azerbaijan": 16, "other": 15, "nagorno-karabakh": 14, "armenia": 10, "russia": 2,
}  # fmt: skip
OCCASIONS: dict[str, int] = {
    "recollection": 7, "statement": 6, "social-media": 3, "report": 3, "address": 2,
    "interview": 1, "broadcast": 1, "conversation": 1, "briefing": 1,
}  # fmt: skip
TIMES_OF_DAY = ["night", "morning", "noon", "afternoon", "evening"]
PLACES_PER_EVENT = {1: 123, 2: 44, 3: 24, 4: 5, 5: 1, 6: 2, 7: 2}
ACTORS_PER_EVENT = {0: 16, 1: 90, 2: 65, 3: 25, 4: 5, 5: 1}
SIDE_ADJECTIVE = {
    "azerbaijan": "Azerbaijani",
    "armenia": "Armenian",
    "nagorno-karabakh": "Karabakh",
    "russia": "Russian",
    "other": "Independent",
}

SYLLABLES = [
    "a", "ag", "al", "an", "ar", "as", "ba", "bu", "cha", "chi", "da", "dash", "de", "dzor", "ga",
    "gan", "gha", "gi", "ha", "ham", "in", "ja", "ka", "kal", "ken", "kha", "khan", "ki", "la",
    "lag", "li", "ma", "mar", "me", "mur", "na", "nu", "ra", "ri", "sa", "sha", "shi", "su", "ta",
    "tagh", "te", "tu", "va", "vo", "ya", "za", "zor",
]  # fmt: skip
FIRST_NAMES = [
    "Anar", "Arayik", "Armen", "David", "Elchin", "Farid", "Gor", "Hikmet", "Ilkin", "Jeyhun",
    "Karen", "Levon", "Mehdi", "Mikayil", "Narek", "Orkhan", "Ruben", "Samvel", "Seyran", "Tural",
    "Vagif", "Vahram", "Zaur", "Artur", "Sergey", "Igor", "Semyon", "Adrian",
]  # fmt: skip
SURNAME_ENDINGS = ["yan", "ov", "ev", "li", "zade", "ian", "sky"]
UNIT_ARMS = ["Motor Rifle", "Special Forces", "Mountain Rifle", "Artillery", "Tank", "Commando"]
UNIT_SIZES = ["Brigade", "Regiment", "Battalion", "Company", "Corps"]
ORGANISATIONS = ["Ministry of Defence", "Security Council", "General Staff", "Foreign Ministry"]
MEDIA = ["News Agency", "TV", "Daily", "Telegram channel", "Radio"]
ROLES = ["Colonel", "Lieutenant General", "Major", "Spokesman", "Minister", "War correspondent"]
BUILDINGS = ["mosque", "hospital", "cathedral", "school", "fortress gate"]
WORDS = [
    "units", "forces", "column", "road", "village", "heights", "forest", "ridge", "valley",
    "positions", "artillery", "drones", "defenders", "attackers", "night", "morning", "fighting",
    "advance", "supply", "corridor", "town", "bridge", "checkpoint", "reinforcements", "losses",
    "statement", "footage", "officials", "report", "commanders", "soldiers", "civilians",
    "convoy", "outskirts", "slopes", "gorge", "fire", "smoke", "tanks", "trenches", "approach",
    "route", "control", "strike",
]  # fmt: skip
VERBS = [
    "reach", "hold", "cross", "take", "shell", "leave", "block", "clear", "report", "claim",
    "deny", "confirm", "secure", "lose", "cut", "encircle", "climb", "enter", "repel",
]  # fmt: skip
TITLES = {
    "background": "{place} in the years before the war",
    "advance": "{actor} advance toward {place}",
    "fighting": "Fighting around {place}",
    "capture": "{actor} take control of {place}",
    "withdrawal": "{actor} withdraw from {place}",
    "failed-attack": "An attack on {place} is repelled",
    "counterattack": "{actor} counterattack near {place}",
    "shelling": "Shelling of {place}",
    "strike": "Strike on a depot near {place}",
    "ambush": "Ambush on the road to {place}",
    "road-cut": "The road to {place} is cut",
    "casualties": "Losses reported near {place}",
    "personnel": "{actor} takes command at {place}",
    "evacuation": "Civilians leave {place}",
    "footage": "Footage from {place} is released",
    "statement": "{actor} claims progress at {place}",
    "denial": "{actor} denies the loss of {place}",
    "agreement": "An agreement ends the fighting at {place}",
}
# Transliterations that make aliases look like the real file's (Azerbaijani, Cyrillic).
AZERBAIJANI = [("sh", "ş"), ("ch", "ç"), ("gh", "ğ"), ("kh", "x"), ("a", "ə")]
_LATIN = "abdeghiklmnorstuvyzcfpqw"
_CYRILLIC = "абдегхиклмнорстувйзцфпкв"  # the same letters, in Cyrillic
CYRILLIC = str.maketrans({**dict(zip(_LATIN, _CYRILLIC, strict=True)), "j": "дж", "x": "кс"})
RESERVED = {"shusha", "strelkov"}
"""Names kept for the fixed records: ``place Shusha`` and ``--actor Strelkov`` stay unique."""


# --- small helpers --------------------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string escapes are a subset of YAML's."""
    return json.dumps(text, ensure_ascii=False)


def flow(ids: Sequence[str]) -> str:
    """A flow sequence of slugs (plain scalars are safe: every slug has a letter and a hyphen)."""
    return "[" + ", ".join(ids) + "]"


def folded(pad: str, key: str, text: str) -> str:
    """A ``>-`` folded block wrapped like the shipped file, so parsing does the same work."""
    width = WIDTH - len(pad) - 2
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    body = "".join(f"{pad}  {ln}\n" for ln in lines)
    return f"{pad}{key}: >-\n{body}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th ... as unit names are written."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day(value: dt.date) -> str:
    return value.isoformat()


@dataclass
class Picker:
    """Weighted choices with precomputed cumulative weights (O(log n) a draw at any size)."""

    rng: random.Random
    values: list[str]
    cum: list[float]

    @classmethod
    def of(cls, rng: random.Random, weights: dict[str, int]) -> Picker:
        return cls(rng, list(weights), list(itertools.accumulate(weights.values())))

    @classmethod
    def zipf(cls, rng: random.Random, values: list[str]) -> Picker:
        """A few records are referred to often and most rarely, like Shusha in the real data."""
        return cls(
            rng, values, list(itertools.accumulate(1.0 / (r + 1) for r in range(len(values))))
        )

    def one(self) -> str:
        return self.rng.choices(self.values, cum_weights=self.cum)[0]

    def some(self, k: int) -> list[str]:
        """Up to ``k`` distinct values, in the order drawn."""
        out: list[str] = []
        for _ in range(k * 3):
            if len(out) == k:
                break
            v = self.one()
            if v not in out:
                out.append(v)
        return out


def count(rng: random.Random, weights: dict[int, int]) -> int:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Place:
    id: str
    name: str


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    side: str


@dataclass
class EventSkeleton:
    """What other records refer to: drawn first so that links can point anywhere."""

    start: dt.date
    date: str
    type: str
    places: list[str]
    id: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- the generator --------------------------------------------------------------------------------


class Generator:
    """Builds one chronology; holds the random source and the records already drawn."""

    def __init__(self, n_events: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_events = n_events
        self.n_places = max(3, round(n_events * SHIPPED_PLACES / SHIPPED_EVENTS))
        self.n_actors = max(3, round(n_events * SHIPPED_ACTORS / SHIPPED_EVENTS))
        self.n_quotes = max(1, round(n_events * SHIPPED_QUOTES / SHIPPED_EVENTS))
        self.used_names: set[str] = set(RESERVED)
        self.place_names: dict[str, str] = {}

    # --- words ----------------------------------------------------------------------------------

    def word(self) -> str:
        n = self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n)).capitalize()

    def unique(self, make: str) -> str:
        """A name not used before (membership only, so set order never matters)."""
        while True:
            name = self.word() if make == "word" else self.surname()
            if name.lower() not in self.used_names:
                self.used_names.add(name.lower())
                return name

    def surname(self) -> str:
        return self.word() + self.rng.choice(SURNAME_ENDINGS)

    def sentence(self, lo: int, hi: int) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]
        words.insert(self.rng.randrange(1, len(words)), self.rng.choice(VERBS))
        return " ".join(words).capitalize() + "."

    def prose(self, sentences: int) -> str:
        return " ".join(self.sentence(6, 16) for _ in range(sentences))

    def aliases(self, name: str, extra: Sequence[str] = ()) -> list[str]:
        low = name.lower()
        aze = low
        for a, b in AZERBAIJANI[: self.rng.randint(1, len(AZERBAIJANI))]:
            aze = aze.replace(a, b)
        out = [aze.capitalize(), low.translate(CYRILLIC).capitalize(), *extra]
        if self.rng.random() < 0.5:
            out.append(low.replace("kh", "h").replace("gh", "g").replace("u", "ou").capitalize())
        return list(dict.fromkeys(a for a in out if a != name))[: self.rng.randint(1, 9)]

    # --- places and actors ----------------------------------------------------------------------

    def places(self) -> tuple[list[Place], str]:
        rng, kinds = self.rng, Picker.of(self.rng, PLACE_KINDS)
        out: list[Place] = []
        parts = ["places:\n"]
        for i in range(self.n_places):
            if i == 0:
                name, kind, ident = "Shusha", "city", "shusha"
                aliases = ["Şuşa", "Shushi", "Շուշի", "Шуша", "Panahabad"]
            else:
                kind = kinds.one()
                base = self.unique("word")
                name = {
                    "road": f"{base}–{self.word()} road",
                    "mountain": f"Mount {base}",
                    "canyon": f"{base} canyon",
                    "forest": f"{base} forest",
                    "valley": f"{base} valley",
                    "district": f"{base} District",
                    "corridor": f"{base} corridor",
                    "building": f"{base} {rng.choice(BUILDINGS)}",
                }.get(kind, base)
                ident = f"{base.lower()}-{i}"
                aliases = self.aliases(name)
            out.append(Place(ident, name))
            parts.append(f"  - id: {ident}\n    name: {q(name)}\n")
            parts.append(f"    aliases: [{', '.join(q(a) for a in aliases)}]\n")
            parts.append(f"    kind: {kind}\n")
            if rng.random() < 0.77:
                parts.append(f"    district: {q(self.word() + ' District')}\n")
            if rng.random() < 0.5:
                lat, lon = rng.uniform(39.3, 40.2), rng.uniform(46.3, 47.3)
                precision = rng.choice(("settlement", "settlement", "near", "district"))
                parts.append(
                    f"    coordinates:\n      lat: {lat:.5f}\n      lon: {lon:.5f}\n"
                    f"      precision: {precision}\n"
                    f"      source: {q('https://example.org/wiki/' + name.replace(' ', '_'))}\n"
                )
            ident_kind = rng.choices(("certain", "tentative", "ambiguous"), (60, 7, 2))[0]
            parts.append(f"    identification: {ident_kind}\n")
            if rng.random() < 0.97:
                parts.append(f"    notes: {q(self.prose(rng.randint(1, 3)))}\n")
        return out, "".join(parts)

    def actors(self) -> tuple[list[Actor], str]:
        rng = self.rng
        kinds, sides = Picker.of(rng, ACTOR_KINDS), Picker.of(rng, SIDES)
        out: list[Actor] = []
        parts = ["actors:\n"]
        for i in range(self.n_actors):
            extra: list[str] = []
            if i == 1:
                kind, side, name, ident = "person", "other", "Igor Strelkov", "igor-strelkov"
                extra = ["Strelkov", "Igor Girkin", "Игорь Стрелков"]
            else:
                kind, side = kinds.one(), sides.one()
                adj = SIDE_ADJECTIVE[side]
                if kind == "person":
                    name = f"{rng.choice(FIRST_NAMES)} {self.unique('surname')}"
                elif kind == "unit":
                    size = rng.choice(UNIT_SIZES)
                    name = f"{ordinal(i)} {adj} {rng.choice(UNIT_ARMS)} {size}"
                    extra = [f"{ordinal(i)} {size}", f"{adj} {ordinal(i)}"]
                elif kind == "media":
                    name = f"{self.unique('word')} {rng.choice(MEDIA)}"
                elif kind in ("government", "organisation"):
                    name = f"{adj} {rng.choice(ORGANISATIONS)}"
                else:
                    name = f"{self.unique('word')} {kind.capitalize()}"
                slug = "-".join(
                    "".join(c for c in w if c.isascii() and c.isalnum())
                    for w in name.lower().split()
                )
                ident = f"{slug}-{i}"
            out.append(Actor(ident, name, kind, side))
            aliases = extra or self.aliases(name.split()[-1])
            parts.append(f"  - id: {ident}\n    name: {q(name)}\n")
            parts.append(f"    aliases: [{', '.join(q(a) for a in aliases)}]\n")
            parts.append(f"    kind: {kind}\n    side: {side}\n")
            if rng.random() < 0.53:
                parts.append(f"    role: {q(rng.choice(ROLES))}\n")
            if rng.random() < 0.68:
                parts.append(f"    affiliation: {q(SIDE_ADJECTIVE[side] + ' armed forces')}\n")
            if rng.random() < 0.93:
                parts.append(f"    notes: {q(self.prose(rng.randint(1, 2)))}\n")
        return out, "".join(parts)

    # --- dates ------------------------------------------------------------------------------------

    def war_day(self) -> dt.date:
        return WAR_START + dt.timedelta(days=self.rng.randint(0, (WAR_END - WAR_START).days))

    def event_date(self, background: bool) -> tuple[dt.date, str]:
        """A date in one of the forms the shipped file uses, with about its frequencies."""
        rng = self.rng
        if background:
            year = rng.randint(1748, 2019)
            form = rng.random()
            if form < 0.35:
                return dt.date(year, 1, 1), str(year)
            if form < 0.6:
                last = min(2020, year + rng.randint(1, 40))
                return dt.date(year, 1, 1), f"{year}/{last}"
            month = rng.randint(1, 12)
            if form < 0.85:
                return dt.date(year, month, 1), f"{year}-{month:02d}"
            return dt.date(year, month, 1), f"{year}-{month:02d}/{year}-12"
        start = self.war_day()
        form = rng.random()
        if form < 0.52:
            return start, day(start)
        if form < 0.87:
            end = min(WAR_END, start + dt.timedelta(days=rng.randint(1, 9)))
            if end == start:
                return start, day(start)
            return start, f"{day(start)}/{day(end)}"
        if form < 0.95:
            return start, day(start) + rng.choice("?~%")
        if form < 0.98:
            return start, f"{day(start)}/.."
        return start.replace(day=1), start.strftime("%Y-%m")

    # --- events and quotes ------------------------------------------------------------------------

    def skeletons(self, places: Picker) -> list[EventSkeleton]:
        rng, types = self.rng, Picker.of(self.rng, EVENT_TYPES)
        out = []
        for _ in range(self.n_events):
            kind = types.one()
            start, text = self.event_date(kind == "background")
            picked = places.some(count(rng, PLACES_PER_EVENT))
            out.append(EventSkeleton(start, text, kind, picked))
        # In date order, as the article tells it; the sort is stable, so it is deterministic.
        out.sort(key=lambda s: s.start)
        for i, s in enumerate(out):
            s.id = f"{s.places[0]}-{s.type}-{i}"
        return out

    def links(self, own: str, pool: Sequence[str], k: int) -> list[str]:
        """``k`` other record ids (not ``own``), for confirms/contradicts."""
        out: list[str] = []
        for _ in range(k * 3):
            if len(out) == k:
                break
            other = self.rng.choice(pool)
            if other != own and other not in out:
                out.append(other)
        return out

    def events(self, skels: list[EventSkeleton], actors: list[Actor], record_ids: list[str]) -> str:
        rng = self.rng
        actor_pick = Picker.zipf(rng, [a.id for a in actors])
        by_id = {a.id: a for a in actors}
        parts = ["events:\n"]
        for i, s in enumerate(skels):
            pad = "    "
            who = actor_pick.some(count(rng, ACTORS_PER_EVENT))
            lead = by_id[who[0]].name if who else "Unnamed units"
            place_name = self.place_names[s.places[0]]
            parts.append(f"\n  - id: {s.id}\n    date: {q(s.date)}\n")
            precise = "/" not in s.date and len(s.date) == 10
            if precise and rng.random() < 0.18:  # about half are days: 9% overall
                parts.append(f"    time_of_day: {rng.choice(TIMES_OF_DAY)}\n")
            if s.type != "background" and rng.random() < 0.13:
                later = s.start + dt.timedelta(days=rng.randint(0, 6))
                rep = day(later) if rng.random() < 0.5 else f"{day(max(later, WAR_END))}/.."
                parts.append(f"    reported: {q(rep)}\n")
            if rng.random() < 0.57:
                parts.append(folded(pad, "date_note", self.prose(rng.randint(1, 3))))
            title = TITLES[s.type].format(actor=lead, place=place_name)
            parts.append(f"    title: {q(title)}\n")
            parts.append(folded(pad, "summary", self.prose(rng.randint(1, 3))))
            parts.append(f"    type: {s.type}\n    places: {flow(s.places)}\n")
            parts.append(f"    actors: {flow(who)}\n")
            para = min(PARAGRAPHS, 1 + i * PARAGRAPHS // len(skels))
            sources = [para] if rng.random() < 0.98 else [para, min(PARAGRAPHS, para + 1)]
            parts.append(f"    sources: {flow([str(n) for n in dict.fromkeys(sources)])}\n")
            claim = rng.random() < 0.27
            parts.append(f"    attribution: {actor_pick.one() if claim else 'article'}\n")
            if s.type == "capture" or (s.type == "withdrawal" and rng.random() < 0.5):
                parts.append("    control:\n")
                for place in s.places[: rng.choice((1, 1, 1, 1, 2, 3))]:
                    to, frm = rng.choice(
                        (("azerbaijan", "nagorno-karabakh"),) * 5
                        + (("nagorno-karabakh", "azerbaijan"), ("azerbaijan", "armenia"))
                    )
                    extent = "full" if rng.random() < 0.85 else "partial"
                    parts.append(
                        f"      - place: {place}\n        to: {to}\n        from: {frm}\n"
                        f"        extent: {extent}\n"
                    )
            if rng.random() < (0.5 if claim else 0.2):
                parts.append(f"    confirms: {flow(self.links(s.id, record_ids, 1))}\n")
            if rng.random() < (0.4 if claim else 0.1):
                k = rng.randint(1, 3)
                parts.append(f"    contradicts: {flow(self.links(s.id, record_ids, k))}\n")
            if rng.random() < 0.12:
                parts.append(f"    notes: {q(self.prose(1))}\n")
        return "".join(parts)

    def quotes(
        self, actors: list[Actor], places: Picker, skels: list[EventSkeleton]
    ) -> tuple[list[str], str]:
        rng = self.rng
        people = [a for a in actors if a.kind == "person"] or actors
        speakers = Picker.zipf(rng, [a.id for a in people])
        occasions = Picker.of(rng, OCCASIONS)
        ids = [f"q-{speakers.one()}-{i}" for i in range(self.n_quotes)]
        record_ids = [s.id for s in skels] + ids
        parts = ["quotes:\n"]
        for ident in ids:
            speaker = ident[2 : ident.rindex("-")]
            occasion = occasions.one()
            if occasion == "recollection":
                date = f"{day(WAR_END)}/.."
            else:
                d = self.war_day()
                date = day(d) + ("~" if rng.random() < 0.15 else "")
            parts.append(f"\n  - id: {ident}\n    speaker: {speaker}\n    date: {q(date)}\n")
            parts.append(f"    occasion: {occasion}\n")
            parts.append(f"    medium: {q(occasion.capitalize() + ' quoted in the article')}\n")
            parts.append(f"    text: {q(self.prose(rng.randint(1, 6)))}\n")
            parts.append(folded("    ", "context", self.prose(rng.randint(1, 3))))
            parts.append(f"    sources: [{rng.randint(1, PARAGRAPHS)}]\n")
            parts.append(f"    places: {flow(places.some(rng.randint(1, 2)))}\n")
            about = [rng.choice(skels).id for _ in range(rng.randint(1, 3))]
            parts.append(f"    events: {flow(list(dict.fromkeys(about)))}\n")
            if rng.random() < 0.5:
                parts.append(f"    confirms: {flow(self.links(ident, record_ids, 1))}\n")
            if rng.random() < 0.45:
                parts.append(f"    contradicts: {flow(self.links(ident, record_ids, 2))}\n")
        return ids, "".join(parts)

    def text(self) -> str:
        place_list, places_yaml = self.places()
        self.place_names = {p.id: p.name for p in place_list}
        actor_list, actors_yaml = self.actors()
        place_pick = Picker.zipf(self.rng, [p.id for p in place_list])
        skels = self.skeletons(place_pick)
        # Quotes come first so that events can confirm or contradict quotes as well as events.
        quote_ids, quotes_yaml = self.quotes(actor_list, place_pick, skels)
        record_ids = [s.id for s in skels] + quote_ids
        events_yaml = self.events(skels, actor_list, record_ids)
        header = (
            f"# A generated chronology for the benchmark: {self.n_events} events, "
            f"{len(place_list)} places, {len(actor_list)} actors, {len(quote_ids)} quotes.\n"
            "# Made by bench/generate.py; schema: docs/data-model.md.\n"
            "schema: 1\n\n"
            "source:\n"
            f"  title: {q('A generated chronology of ' + str(self.n_events) + ' events')}\n"
            "  file: generated.md\n"
            f"  paragraphs: {PARAGRAPHS}\n"
            "  perspective: >-\n"
            "    Generated text with the shape of the shipped chronology; it describes nothing.\n\n"
        )
        return header + places_yaml + "\n" + actors_yaml + "\n" + events_yaml + "\n" + quotes_yaml


def generate(n_events: int, seed: int = 0) -> str:
    """A valid chronology of ``n_events`` events as YAML text; the same seed, the same bytes."""
    if n_events < 1:
        raise ValueError("a chronology needs at least one event")
    return Generator(n_events, seed).text()


def write(n_events: int, path: Path, seed: int = 0) -> int:
    """Write a generated chronology to ``path`` (UTF-8, LF); return its size in bytes."""
    data = generate(n_events, seed).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a valid generated chronology.")
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("out", type=Path, help="the YAML file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    size = write(args.events, args.out, args.seed)
    print(f"wrote {args.out} ({args.events} events, {size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
