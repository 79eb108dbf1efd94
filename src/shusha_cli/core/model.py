"""The chronology as plain, frozen data: what the YAML file means once it has been checked.

Enums hold every fixed vocabulary so that a typo in the data is caught by the loader, and so that
the documentation, the ``--side``/``--type`` choices and the code share one list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import field
from enum import Enum

from shusha_cli.core.record import record


class Side(str, Enum):
    """Neutral labels for the parties; see docs/data-model.md."""

    AZERBAIJAN = "azerbaijan"
    ARMENIA = "armenia"
    NAGORNO_KARABAKH = "nagorno-karabakh"
    RUSSIA = "russia"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SIDE_LABELS[self]


_SIDE_LABELS = {
    Side.AZERBAIJAN: "Azerbaijan",
    Side.ARMENIA: "Armenia",
    Side.NAGORNO_KARABAKH: "de facto Nagorno-Karabakh authorities",
    Side.RUSSIA: "Russia",
    Side.OTHER: "independent media and others",
}


class PlaceKind(str, Enum):
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    ROAD = "road"
    MOUNTAIN = "mountain"
    CANYON = "canyon"
    FOREST = "forest"
    VALLEY = "valley"
    DISTRICT = "district"
    CORRIDOR = "corridor"
    REGION = "region"
    COUNTRY = "country"
    BUILDING = "building"


class ActorKind(str, Enum):
    PERSON = "person"
    UNIT = "unit"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    PARTY = "party"
    MEDIA = "media"
    PROGRAMME = "programme"
    # People the article does not name ("most Armenians", "local authorities"): a claim or a
    # quote of theirs is attributed to them as the article describes them, never to a named body.
    GROUP = "group"


class EventType(str, Enum):
    """The fixed vocabulary of event types (documented in docs/data-model.md)."""

    BACKGROUND = "background"
    ADVANCE = "advance"
    FIGHTING = "fighting"
    CAPTURE = "capture"
    WITHDRAWAL = "withdrawal"
    FAILED_ATTACK = "failed-attack"
    COUNTERATTACK = "counterattack"
    SHELLING = "shelling"
    STRIKE = "strike"
    AMBUSH = "ambush"
    ROAD_CUT = "road-cut"
    CASUALTIES = "casualties"
    PERSONNEL = "personnel"
    EVACUATION = "evacuation"
    FOOTAGE = "footage"
    STATEMENT = "statement"
    DENIAL = "denial"
    AGREEMENT = "agreement"


class TimeOfDay(str, Enum):
    """Parts of a day, declared in the order they sort within one day."""

    NIGHT = "night"
    MORNING = "morning"
    NOON = "noon"
    AFTERNOON = "afternoon"
    EVENING = "evening"

    @property
    def rank(self) -> int:
        return list(TimeOfDay).index(self)


class Occasion(str, Enum):
    INTERVIEW = "interview"
    ADDRESS = "address"
    SOCIAL_MEDIA = "social-media"
    BRIEFING = "briefing"
    RECOLLECTION = "recollection"
    STATEMENT = "statement"
    BROADCAST = "broadcast"
    REPORT = "report"
    CONVERSATION = "conversation"


class Extent(str, Enum):
    FULL = "full"
    PARTIAL = "partial"


class CoordPrecision(str, Enum):
    """After ACLED's geo_precision: the place itself, near it, or only its district."""

    SETTLEMENT = "settlement"
    NEAR = "near"
    DISTRICT = "district"


class Identification(str, Enum):
    """How surely the article's name is matched to a real place."""

    CERTAIN = "certain"
    TENTATIVE = "tentative"
    AMBIGUOUS = "ambiguous"


class Qualifier(str, Enum):
    """EDTF's qualifiers: ``?`` uncertain, ``~`` approximate, ``%`` both."""

    UNCERTAIN = "uncertain"
    APPROXIMATE = "approximate"
    BOTH = "uncertain and approximate"


class Precision(str, Enum):
    """How precise a date is, after UCDP GED's date_prec."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    INTERVAL = "interval"


@record(order=True)
class Span:
    """A date as the source gives it: the earliest and latest possible day.

    ``end`` is None for an open interval (``2020-11-10/..``): no latest day is known.
    """

    start: dt.date
    end: dt.date | None
    text: str = field(compare=False)
    precision: Precision = field(compare=False, default=Precision.DAY)
    qualifier: Qualifier | None = field(compare=False, default=None)

    def overlaps(self, other: Span) -> bool:
        """True when some day could belong to both spans (open ends reach forever)."""
        if self.end is not None and other.start > self.end:
            return False
        return not (other.end is not None and self.start > other.end)


@record
class Coordinates:
    lat: float
    lon: float
    precision: CoordPrecision
    source: str


@record
class Source:
    title: str
    file: str
    paragraphs: int
    perspective: str = ""


@record
class Place:
    id: str
    name: str
    kind: PlaceKind
    aliases: tuple[str, ...] = ()
    district: str | None = None
    coordinates: Coordinates | None = None
    identification: Identification = Identification.CERTAIN
    notes: str = ""


@record
class Actor:
    id: str
    name: str
    kind: ActorKind
    side: Side
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    notes: str = ""


@record
class ControlChange:
    """A place passing to a side (and from one, where the data says)."""

    place: str
    to: Side
    from_: Side | None = None
    extent: Extent = Extent.FULL


ARTICLE = "article"
"""The attribution of the article's own account (anything else is an actor id)."""


@record
class Event:
    id: str
    date: Span
    title: str
    summary: str
    type: EventType
    sources: tuple[int, ...]
    attribution: str = ARTICLE
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    time_of_day: TimeOfDay | None = None
    reported: Span | None = None
    date_note: str = ""
    control: tuple[ControlChange, ...] = ()
    confirms: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    notes: str = ""

    @property
    def is_claim(self) -> bool:
        return self.attribution != ARTICLE


@record
class Quote:
    id: str
    speaker: str
    date: Span
    occasion: Occasion
    text: str
    sources: tuple[int, ...]
    medium: str = ""
    context: str = ""
    places: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    confirms: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()


@record
class Chronology:
    """A whole, checked chronology; lookups by id are built once, here."""

    source: Source
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    path: str = ""
    _places: dict[str, Place] = field(init=False, repr=False, compare=False)
    _actors: dict[str, Actor] = field(init=False, repr=False, compare=False)
    _records: dict[str, Event | Quote] = field(init=False, repr=False, compare=False)
    _order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass sets its derived fields through object.__setattr__, once.
        object.__setattr__(self, "_places", {p.id: p for p in self.places})
        object.__setattr__(self, "_actors", {a.id: a for a in self.actors})
        records: dict[str, Event | Quote] = {e.id: e for e in self.events}
        records.update({q.id: q for q in self.quotes})
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_order", narrative_order(self.events, self.quotes))

    def place(self, ident: str) -> Place:
        return self._places[ident]

    def actor(self, ident: str) -> Actor:
        return self._actors[ident]

    def order(self, record: Event | Quote) -> int:
        """A record's place in the story (see :func:`narrative_order`): sort by this."""
        return self._order[record.id]

    def record(self, ident: str) -> Event | Quote | None:
        """An event or a quote by id (they share one id space, so links can name either)."""
        return self._records.get(ident)

    @property
    def year(self) -> int:
        """The chronology's own year, given to dates typed without one (never today's year).

        It is the year most of its non-background events start in.
        """
        counts: dict[int, int] = {}
        pool = [e for e in self.events if e.type is not EventType.BACKGROUND] or list(self.events)
        for event in pool:
            counts[event.date.start.year] = counts.get(event.date.start.year, 0) + 1
        return max(counts, key=lambda y: (counts[y], y)) if counts else DEFAULT_YEAR


def narrative_order(events: Sequence[Event], quotes: Sequence[Quote]) -> dict[str, int]:
    """Each record's rank in the story the chronology tells, the order every listing uses.

    Records are ordered by their earliest possible day. Within a day they keep the order of the
    file, which is written in the article's order, so that a cause comes before its effect and a
    claim before the denial that answers it (sorting by id or by type would put a report of a
    capture before the capture). A time of day, where the data gives one, places an event among
    the others: an event without one is taken to happen at the time of the nearest timed event
    before it in the file on the same day (before all timed events when there is none), so a
    timed event moves past untimed ones only as far as its time requires. Quotes are ordered by
    their earliest day, then their latest, then the file's order.
    """
    # Days as ordinals: comparing ints is several times quicker than comparing dates, and this
    # runs on every load. The index is unique, so the id at the end is never compared.
    at: dict[int, int] = {}
    keys: list[tuple[int, int, int, str]] = []
    for index, e in enumerate(events):
        day = e.date.start.toordinal()
        if e.time_of_day is not None:
            at[day] = e.time_of_day.rank
        keys.append((day, at.get(day, -1) if e.time_of_day is None else e.time_of_day.rank,
                     index, e.id))  # fmt: skip
    order = {key[3]: n for n, key in enumerate(sorted(keys))}
    latest = dt.date.max.toordinal()
    said = sorted(
        (q.date.start.toordinal(), q.date.end.toordinal() if q.date.end else latest, index, q.id)
        for index, q in enumerate(quotes)
    )
    order.update({key[3]: n for n, key in enumerate(said)})
    return order


DEFAULT_YEAR = 2020
"""The year of the shipped chronology, for a file that has no dated events at all."""
