"""The campaign views' core: who held what on which day, activity per day, the map, GeoJSON.

Plain data in (the model and a resolved :class:`~shusha_cli.query.Filter`), frozen dataclasses
out; nothing here prints or knows Typer or Rich. The rules that decide how sure a cell may look
live here once, so the grid, the map and the JSON cannot disagree:

* **Holder.** A place's holder on a day comes only from its recorded control changes
  (``control`` on events, claims included: a claim stays marked as one in every listing).
  After a change whose day is known, the place is *held* by the side it passed to (*partly*
  held after a partial change) until the next recorded change. Inside the window of a change
  whose day is not known (a span of days, an open end, or a day flagged uncertain or
  approximate) the place is *changing* hands on a day we cannot name. Before its first
  recorded change we know only what that change implies: if it names the side the place
  passed *from*, that side held it (*implied*, drawn apart from *held*); otherwise nothing.
  Changes are taken in chronological order (earliest day, time of day, latest day).
* **Activity.** An event dated to one known day counts on that day. An event dated to a span
  (or to an uncertain or approximate day) counts, separately, on every day of the range it may
  have happened on: never on one chosen day, which would invent a precision the data lacks.
* **Map.** Places are drawn only where the data has coordinates (never guessed), with an
  equirectangular projection corrected by the cosine of the mean latitude; labels are placed
  greedily (right, left, above, below), and a name that fits nowhere gets a number and a line
  in the key.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from shusha_cli import query
from shusha_cli.errors import UsageError
from shusha_cli.model import (
    Chronology,
    Coordinates,
    CoordPrecision,
    EventType,
    Extent,
    Place,
    PlaceKind,
    Side,
    Span,
)
from shusha_cli.names import fold
from shusha_cli.query import ControlStep, Filter

MAX_DAYS = 366
"""The longest range the day-by-day views draw; longer ones are refused, not squeezed."""

# --- the range of days a view draws -------------------------------------------------------------


@dataclass(frozen=True)
class DayRange:
    """The days a view draws, both ends included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> tuple[dt.date, ...]:
        count = (self.end - self.start).days + 1
        return tuple(self.start + dt.timedelta(days=i) for i in range(count))

    @property
    def single_day(self) -> bool:
        return self.start == self.end


_NOT_OPERATIONS = frozenset(
    {EventType.BACKGROUND, EventType.STATEMENT, EventType.DENIAL, EventType.FOOTAGE}
)


def campaign_range(chron: Chronology) -> DayRange:
    """The days of the operations themselves: the default range of ``front``, ``days``.

    From the first to the last day of the events dated to one sure day, leaving out the
    background and what was said or shown (statements, denials, footage), whose day is when it
    was made public rather than when anything happened. For the shipped chronology that is
    15 Oct – 10 Nov 2020, the article's own frame.
    """
    days = [
        e.date.start for e in chron.events if day_known(e.date) and e.type not in _NOT_OPERATIONS
    ]
    if not days:
        first, last = query.bounds(chron.events)
        if first is None or last is None:
            today = dt.date(chron.year, 1, 1)
            return DayRange(today, today)
        return DayRange(first, last)
    return DayRange(min(days), max(days))


def view_range(chron: Chronology, filt: Filter) -> DayRange:
    """The filter's days, the campaign's where the filter leaves an end open.

    An end the filter gives is kept as given; the other defaults to the campaign's, or to the
    given end itself when the campaign lies wholly on the other side of it.
    """
    default = campaign_range(chron)
    start, end = filt.start, filt.end
    if start is None and end is None:
        start, end = default.start, default.end
    elif start is None:
        assert end is not None
        start = default.start if default.start <= end else end
    elif end is None:
        end = default.end if default.end >= start else start
    span = (end - start).days + 1
    if span > MAX_DAYS:
        raise UsageError(
            f"{span} days is too long a range to draw day by day (at most {MAX_DAYS}); "
            "narrow it with --from/--to"
        )
    return DayRange(start, end)


def day_known(span: Span) -> bool:
    """Whether a date names one day, unflagged: the only dates a cell may show as sure."""
    return span.end == span.start and span.qualifier is None


def _covers(span: Span, day: dt.date) -> bool:
    return span.start <= day and (span.end is None or day <= span.end)


# --- who held what -----------------------------------------------------------------------------


class Hold(str, Enum):
    """How much the data says about a place's holder on one day."""

    HELD = "held"  # a recorded change to this side, known to be done, and none since
    PARTIAL = "partial"  # after a partial change to this side: partly held by it
    CHANGING = "changing"  # inside the window of a change whose day is not known
    IMPLIED = "implied"  # before any recorded change: the side the first change came from
    UNKNOWN = "unknown"  # the data does not say


@dataclass(frozen=True)
class Holding:
    """A place's holder on one day, as far as the data says, and the change that says so.

    ``side`` is the holder (held, implied), the side that took part of it (partial) or the side
    it is passing to (changing); ``other`` is the side it passed from, where the data says.
    """

    hold: Hold
    side: Side | None = None
    other: Side | None = None
    step: ControlStep | None = None


UNKNOWN = Holding(Hold.UNKNOWN)

SIDE_LETTERS = {
    Side.AZERBAIJAN: "A",
    Side.ARMENIA: "M",
    Side.NAGORNO_KARABAKH: "N",
    Side.RUSSIA: "R",
    Side.OTHER: "O",
}
"""One letter per side, so that the grid and the map read without colour."""

HOLD_MARKS = {Hold.PARTIAL: "/", Hold.CHANGING: "?", Hold.UNKNOWN: "·"}


def symbol(holding: Holding) -> str:
    """The one character a cell shows: the holder's letter (lower case when only implied)."""
    if holding.hold in (Hold.HELD, Hold.IMPLIED) and holding.side is not None:
        letter = SIDE_LETTERS[holding.side]
        return letter if holding.hold is Hold.HELD else letter.lower()
    return HOLD_MARKS.get(holding.hold, "·")


histories = query.control_histories


def holding_on(steps: Sequence[ControlStep], day: dt.date) -> Holding:
    """Who held a place on ``day``, given its changes in order (see the module's rules)."""
    if not steps:
        return UNKNOWN
    changing = [s for s in steps if not day_known(s.event.date) and _covers(s.event.date, day)]
    if changing:
        step = changing[-1]
        return Holding(Hold.CHANGING, step.change.to, step.change.from_, step)
    done = [s for s in steps if _done_by(s, day)]
    if done:
        step = done[-1]
        hold = Hold.PARTIAL if step.change.extent is Extent.PARTIAL else Hold.HELD
        return Holding(hold, step.change.to, step.change.from_, step)
    first = steps[0]
    if first.change.from_ is not None:
        return Holding(Hold.IMPLIED, first.change.from_, None, first)
    return UNKNOWN


def _done_by(step: ControlStep, day: dt.date) -> bool:
    """Whether a change had certainly happened by the end of ``day``."""
    span = step.event.date
    if day_known(span):
        return span.start <= day
    return span.end is not None and span.end < day


def _involves(step: ControlStep, sides: Sequence[Side]) -> bool:
    return step.change.to in sides or step.change.from_ in sides


@dataclass(frozen=True)
class FrontRow:
    """One place's line of the grid: its holding on each day of the range."""

    place: Place
    cells: tuple[Holding, ...]
    first_change: ControlStep  # the first change that matters to the range (orders the rows)


@dataclass(frozen=True)
class FrontChange:
    """One change of control listed under its date."""

    place: Place
    step: ControlStep

    @property
    def day_known(self) -> bool:
        return day_known(self.step.event.date)


@dataclass(frozen=True)
class Front:
    """The movement of control over a range of days."""

    range: DayRange
    rows: tuple[FrontRow, ...]
    changes: tuple[FrontChange, ...]
    unrecorded: tuple[Place, ...]  # places named in the range whose control the data never gives
    description: str


_NEVER_HELD = frozenset({PlaceKind.COUNTRY, PlaceKind.REGION})


def front(chron: Chronology, filt: Filter) -> Front:
    """Each place's holder on each day of the range, and the changes inside the range.

    ``--place`` keeps those places; ``--side`` keeps places and changes that passed to or from
    that side. A holder is always worked out from the place's whole history, so a filter never
    changes what a cell says, only which rows and changes are shown.
    """
    rng = view_range(chron, filt)
    window = Span(rng.start, rng.end, "")
    history = histories(chron)
    rows: list[FrontRow] = []
    changes: list[FrontChange] = []
    for place in chron.places:
        steps = history.get(place.id, [])
        if not steps or (filt.places and place.id not in filt.places):
            continue
        if filt.sides and not any(_involves(s, filt.sides) for s in steps):
            continue
        cells = tuple(holding_on(steps, day) for day in rng.days)
        if all(c.hold is Hold.UNKNOWN for c in cells):
            continue
        rows.append(FrontRow(place, cells, _first_change(steps, rng)))
        changes += [
            FrontChange(place, s)
            for s in steps
            if s.event.date.overlaps(window) and (not filt.sides or _involves(s, filt.sides))
        ]
    rows.sort(key=lambda r: (r.first_change.event.sort_key, fold(r.place.name)))
    changes.sort(key=lambda c: (c.step.event.sort_key, fold(c.place.name)))
    named = Filter(start=rng.start, end=rng.end, places=filt.places)
    seen = {p for e in query.timeline(chron, named) for p in query.event_places(e)}
    unrecorded = tuple(
        sorted(
            (
                p
                for p in chron.places
                if p.id in seen
                and p.id not in history
                and p.kind not in _NEVER_HELD
                and (not filt.places or p.id in filt.places)
            ),
            key=lambda p: fold(p.name),
        )
    )
    description = query.describe(chron, replace(filt, start=rng.start, end=rng.end))
    return Front(rng, tuple(rows), tuple(changes), unrecorded, description)


def _first_change(steps: Sequence[ControlStep], rng: DayRange) -> ControlStep:
    for step in steps:
        end = step.event.date.end
        if end is None or end >= rng.start:
            return step
    return steps[-1]


# --- activity per day --------------------------------------------------------------------------

TypeCounts = tuple[tuple[EventType, int], ...]


@dataclass(frozen=True)
class DayActivity:
    """One day's events: those dated to it, and those whose span includes it."""

    day: dt.date
    on_day: TypeCounts  # events dated to this one sure day, by type (in the types' order)
    in_span: TypeCounts  # events that may have happened this day (a span or a flagged day)

    @property
    def on_day_total(self) -> int:
        return sum(n for _, n in self.on_day)

    @property
    def in_span_total(self) -> int:
        return sum(n for _, n in self.in_span)


@dataclass(frozen=True)
class Activity:
    range: DayRange
    days: tuple[DayActivity, ...]
    counted: int  # events drawn at least once
    outside: int  # events the filter selects that lie wholly outside the drawn days
    description: str

    def busiest(self, count: int = 3) -> tuple[DayActivity, ...]:
        """The days with most events dated to them (ties: the earlier day first)."""
        ranked = sorted(
            (d for d in self.days if d.on_day_total), key=lambda d: (-d.on_day_total, d.day)
        )
        return tuple(ranked[:count])

    @property
    def empty(self) -> tuple[dt.date, ...]:
        """Days with no event dated to them (spans may still cover them)."""
        return tuple(d.day for d in self.days if not d.on_day_total)


def _ordered(counts: Counter[EventType]) -> TypeCounts:
    return tuple((t, counts[t]) for t in EventType if counts[t])


def activity(chron: Chronology, filt: Filter) -> Activity:
    """Events per day over the range, split by type and by how sure their day is."""
    rng = view_range(chron, filt)
    window = replace(filt, start=rng.start, end=rng.end)
    events = query.timeline(chron, window)
    exact: dict[dt.date, Counter[EventType]] = {d: Counter() for d in rng.days}
    maybe: dict[dt.date, Counter[EventType]] = {d: Counter() for d in rng.days}
    for e in events:
        if day_known(e.date):
            exact[e.date.start][e.type] += 1
            continue
        first = max(e.date.start, rng.start)
        last = rng.end if e.date.end is None else min(e.date.end, rng.end)
        for i in range((last - first).days + 1):
            maybe[first + dt.timedelta(days=i)][e.type] += 1
    days = tuple(DayActivity(d, _ordered(exact[d]), _ordered(maybe[d])) for d in rng.days)
    # What the user's own filter selects beyond the drawn days (where it left an end open).
    outside = len(query.timeline(chron, filt)) - len(events)
    description = query.describe(chron, window)
    return Activity(rng, days, len(events), outside, description)


# --- the map -----------------------------------------------------------------------------------

ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide: one row covers two columns' distance."""

KM_PER_DEGREE = 111.32
"""Kilometres per degree of latitude (and of longitude once multiplied by cos(latitude))."""

_SCALE_STEPS = (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_KIND_RANK = {
    PlaceKind.CITY: 0,
    PlaceKind.TOWN: 1,
    PlaceKind.VILLAGE: 2,
    PlaceKind.MOUNTAIN: 3,
    PlaceKind.BUILDING: 4,
}


class Role(str, Enum):
    EMPTY = "empty"
    MARKER = "marker"
    LABEL = "label"
    NUMBER = "number"  # a key number standing for a name that did not fit


@dataclass(frozen=True)
class MapCell:
    """One character of the map and what it belongs to (the renderer styles by these tags)."""

    char: str = " "
    role: Role = Role.EMPTY
    active: bool = True
    holding: Holding | None = None


BLANK = MapCell()


@dataclass(frozen=True)
class MapPoint:
    """A marker: the place or places that fall in one cell."""

    places: tuple[Place, ...]
    row: int
    col: int
    active: bool
    approximate: bool  # some coordinates are only near the place or its district's
    holding: Holding | None
    key: int | None = None  # the number in the key, when the name did not fit beside it
    key_drawn: bool = True  # False: not even the number found room (the key says so)

    @property
    def name(self) -> str:
        return ", ".join(p.name for p in self.places)

    @property
    def label(self) -> str:
        """The names as drawn: ``~`` before a name whose coordinates are approximate.

        Control characters are made visible here (they would take no cell, or several, and
        upset the grid), the same way every renderer shows them.
        """
        from shusha_cli.render.text import safe

        return ", ".join(safe(("~" if approximate(p) else "") + p.name) for p in self.places)


@dataclass(frozen=True)
class PlaceMap:
    cells: tuple[tuple[MapCell, ...], ...]
    points: tuple[MapPoint, ...]  # in the order their labels were placed
    km_per_col: float
    scale_km: float
    scale_cols: int
    no_coordinates: tuple[Place, ...]
    outside: tuple[tuple[Place, float], ...]  # beyond the --around frame, with km from its centre
    filtered: bool  # whether a filter sets some places apart as active
    day: dt.date | None  # the day whose holders the markers show, if any
    description: str
    around: Place | None = None
    radius_km: float | None = None

    @property
    def height(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    @property
    def keyed(self) -> tuple[MapPoint, ...]:
        return tuple(sorted((p for p in self.points if p.key is not None), key=_key_of))


def _key_of(point: MapPoint) -> int:
    return point.key or 0


@dataclass
class _Canvas:
    """The grid being drawn: characters, tags, and which cells are taken."""

    width: int
    height: int
    cells: list[list[MapCell]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cells = [[BLANK] * self.width for _ in range(self.height)]

    def free(self, row: int, start: int, length: int, keep_off: frozenset[Role]) -> bool:
        """Whether ``length`` cells from ``start`` on ``row`` are empty, and the cell on each
        side (if on the canvas) holds none of ``keep_off``, so writings never run together."""
        if row < 0 or row >= self.height or start < 0 or start + length > self.width:
            return False
        line = self.cells[row]
        if any(line[c].role is not Role.EMPTY for c in range(start, start + length)):
            return False
        return all(
            line[c].role not in keep_off for c in (start - 1, start + length) if 0 <= c < self.width
        )

    def write(self, row: int, start: int, text: str, cell: MapCell) -> None:
        for i, ch in enumerate(text):
            self.cells[row][start + i] = replace(cell, char=ch)


def approximate(place: Place) -> bool:
    """Whether a place's coordinates are only near it or its district's (not the place's own)."""
    c = place.coordinates
    return c is not None and c.precision is not CoordPrecision.SETTLEMENT


def distance_km(a: Coordinates, b: Coordinates) -> float:
    """Equirectangular distance: plenty for places a few dozen kilometres apart."""
    mean = math.radians((a.lat + b.lat) / 2)
    dx = (b.lon - a.lon) * math.cos(mean)
    dy = b.lat - a.lat
    return math.hypot(dx, dy) * KM_PER_DEGREE


def draw_map(
    chron: Chronology,
    filt: Filter,
    width: int,
    height: int,
    around: str | None = None,
    radius_km: float = 20.0,
) -> PlaceMap:
    """Places with coordinates on a ``width`` x ``height`` character grid.

    With a filter, places named by its events are *active* and the others drawn quietly; when
    the filter is one day, each marker shows who held the place that day (as in ``front``).
    ``around`` centres the map on a place, showing at least ``radius_km`` each way (more across
    when the canvas is wider than tall); places beyond it are listed with their distance.
    """
    if width < 10 or height < 5:
        raise UsageError(f"a map needs at least 10 x 5 characters, not {width} x {height}")
    if radius_km <= 0:
        raise UsageError("--radius must be more than 0 km")
    located = [p for p in chron.places if p.coordinates is not None]
    no_coordinates = tuple(
        sorted((p for p in chron.places if p.coordinates is None), key=lambda p: fold(p.name))
    )
    centre: Place | None = None
    if around is not None:
        centre = chron.place(query.place_index(chron).resolve(around))
        if centre.coordinates is None:
            raise UsageError(f"{centre.name} has no coordinates in the data; --around needs some")
    active_ids: set[str] | None = None
    if filt.is_set:
        active_ids = {p for e in query.timeline(chron, filt) for p in query.event_places(e)}
    day = filt.start if filt.start is not None and filt.start == filt.end else None
    history = histories(chron) if day is not None else {}

    if centre is not None and centre.coordinates is not None:
        # The frame reaches at least ``radius_km`` from the centre every way; the canvas may
        # show more across, and whatever lands on it is drawn.
        lat0 = centre.coordinates.lat
        cos0 = math.cos(math.radians(lat0))
        cx, cy = centre.coordinates.lon * cos0, lat0
        span_x = span_y = 2 * radius_km / KM_PER_DEGREE
    else:
        lats = [p.coordinates.lat for p in located if p.coordinates is not None]
        lat0 = sum(lats) / len(lats) if lats else 0.0
        cos0 = math.cos(math.radians(lat0))
        xs = [p.coordinates.lon * cos0 for p in located if p.coordinates is not None]
        cx = (min(xs) + max(xs)) / 2 if xs else 0.0
        cy = (min(lats) + max(lats)) / 2 if lats else 0.0
        span_x = max(xs) - min(xs) if xs else 0.0
        span_y = max(lats) - min(lats) if lats else 0.0

    # One column covers ``ux`` cos-corrected degrees, one row ASPECT times as much.
    floor = 0.2 / KM_PER_DEGREE  # never finer than 200 m a column
    ux = max(span_x / max(width - 1, 1), span_y / (ASPECT * max(height - 1, 1)), floor)
    uy = ux * ASPECT

    counts: Counter[str] = Counter()
    for e in chron.events:
        counts.update(set(query.event_places(e)))

    cells: dict[tuple[int, int], list[Place]] = {}
    outside_list: list[Place] = []
    for p in located:
        assert p.coordinates is not None
        x, y = p.coordinates.lon * cos0, p.coordinates.lat
        col = round((x - cx) / ux + (width - 1) / 2)
        row = round((cy - y) / uy + (height - 1) / 2)
        if not (0 <= col < width and 0 <= row < height):
            outside_list.append(p)  # only possible with --around: the full view fits all
            continue
        cells.setdefault((row, col), []).append(p)
    outside = tuple(
        sorted(
            ((p, _distance_from(centre, p)) for p in outside_list),
            key=lambda pair: (pair[1], fold(pair[0].name)),
        )
    )

    def rank(p: Place) -> tuple[int, int, int, str]:
        quiet = active_ids is not None and p.id not in active_ids
        return (int(quiet), _KIND_RANK.get(p.kind, 9), -counts[p.id], fold(p.name))

    points: list[MapPoint] = []
    for (row, col), group in cells.items():
        group.sort(key=rank)
        holdings = (
            {symbol(h): h for h in (holding_on(history.get(p.id, []), day) for p in group)}
            if day is not None
            else {}
        )
        holding = next(iter(holdings.values())) if len(holdings) == 1 else None
        if holding is not None and holding.hold is Hold.UNKNOWN:
            holding = None
        points.append(
            MapPoint(
                places=tuple(group),
                row=row,
                col=col,
                active=active_ids is None or any(p.id in active_ids for p in group),
                approximate=any(approximate(p) for p in group),
                holding=holding,
            )
        )
    points.sort(key=lambda pt: rank(pt.places[0]))

    canvas = _Canvas(width, height)
    for pt in points:
        mark = symbol(pt.holding) if pt.holding is not None else ("●" if pt.active else "○")
        canvas.write(pt.row, pt.col, mark, MapCell(mark, Role.MARKER, pt.active, pt.holding))
    placed: list[MapPoint] = []
    next_key = 1
    for pt in points:
        if _place_name(canvas, pt):
            placed.append(pt)
            continue
        numbered = replace(pt, key=next_key)
        next_key += 1
        drawn = _place_number(canvas, numbered)
        placed.append(replace(numbered, key_drawn=drawn))

    km_per_col = ux * KM_PER_DEGREE
    scale_km, scale_cols = _scale(km_per_col, width)
    return PlaceMap(
        cells=tuple(tuple(row) for row in canvas.cells),
        points=tuple(placed),
        km_per_col=km_per_col,
        scale_km=scale_km,
        scale_cols=scale_cols,
        no_coordinates=no_coordinates,
        outside=outside,
        filtered=active_ids is not None,
        day=day,
        description=filt.description if filt.is_set else "",
        around=centre,
        radius_km=radius_km if centre is not None else None,
    )


def _distance_from(centre: Place | None, place: Place) -> float:
    if centre is None or centre.coordinates is None or place.coordinates is None:
        return 0.0
    return distance_km(centre.coordinates, place.coordinates)


_NAME_KEEP_OFF = frozenset({Role.MARKER, Role.LABEL, Role.NUMBER})
_NUMBER_KEEP_OFF = frozenset({Role.LABEL, Role.NUMBER})


def _place_name(canvas: _Canvas, pt: MapPoint) -> bool:
    """Write the name beside the marker: right, left, above, below; False if none is free.

    A name keeps one empty cell from its marker and from any other writing or marker.
    """
    text, n = pt.label, len(pt.label)
    tries = (
        (pt.row, pt.col + 2),  # right
        (pt.row, pt.col - n - 1),  # left
        (pt.row - 1, pt.col - (n - 1) // 2),  # above
        (pt.row + 1, pt.col - (n - 1) // 2),  # below
    )
    return _try(canvas, pt, text, Role.LABEL, tries, _NAME_KEEP_OFF)


def _place_number(canvas: _Canvas, pt: MapPoint) -> bool:
    """Write the key number next to the marker (any of the eight neighbours, touching it);
    failing that, a one-digit number replaces the marker itself when it shows no holder."""
    text, n = str(pt.key), len(str(pt.key))
    r, c = pt.row, pt.col
    tries = (
        (r, c + 1), (r, c - n), (r - 1, c), (r + 1, c),
        (r - 1, c + 1), (r + 1, c + 1), (r - 1, c - n), (r + 1, c - n),
    )  # fmt: skip
    if _try(canvas, pt, text, Role.NUMBER, tries, _NUMBER_KEEP_OFF):
        return True
    if n == 1 and pt.holding is None:
        canvas.write(r, c, text, MapCell(text, Role.NUMBER, pt.active, None))
        return True
    return False


def _try(
    canvas: _Canvas,
    pt: MapPoint,
    text: str,
    role: Role,
    tries: Sequence[tuple[int, int]],
    keep_off: frozenset[Role],
) -> bool:
    cell = MapCell(" ", role, pt.active, pt.holding)
    for row, start in tries:
        if canvas.free(row, start, len(text), keep_off):
            canvas.write(row, start, text, cell)
            return True
    return False


def _scale(km_per_col: float, width: int) -> tuple[float, int]:
    """A round length for the scale bar, and its columns: the longest of the round lengths
    that takes two columns or more and at most a quarter of the width; on a map so coarse
    that none does, one column and what it covers."""
    limit = max(width // 4, 2)
    fitting = [(km, round(km / km_per_col)) for km in _SCALE_STEPS]
    fitting = [(km, cols) for km, cols in fitting if 2 <= cols <= limit]
    if fitting:
        return fitting[-1]
    return float(f"{km_per_col:.2g}"), 1


# --- GeoJSON places ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GeoPlace:
    """A place with coordinates, its events under the filter and its whole control history."""

    place: Place
    coordinates: Coordinates
    events: int
    first: dt.date | None
    last: dt.date | None
    control: tuple[ControlStep, ...]


def geo_places(chron: Chronology, filt: Filter) -> list[GeoPlace]:
    """The places a GeoJSON export holds: every place with coordinates, or, when a filter is
    given, those the filtered events name (as ``export --what places`` does).

    Counts and first/last days come from the filtered events, the days kept within the
    filter's dates; the control history is the place's whole one (a fact about the place, not
    about the filter). Places without coordinates are left out: a point is never guessed.
    """
    by_place = query.events_by_place(query.timeline(chron, filt))
    history = histories(chron)
    out: list[GeoPlace] = []
    for p in sorted(chron.places, key=lambda p: fold(p.name)):
        mine = by_place.get(p.id, [])
        if p.coordinates is None or (filt.is_set and not mine):
            continue
        first, last = query.bounds(mine)
        if first is not None and filt.start is not None:
            first = max(first, filt.start)  # an event that began earlier counts from the start
        if last is not None and filt.end is not None:
            last = min(last, filt.end)
        out.append(GeoPlace(p, p.coordinates, len(mine), first, last, tuple(history.get(p.id, ()))))
    return out


def precision_words(span: Span) -> str:
    """How sure a change's day is, in words, for the listings."""
    if day_known(span):
        return "day"
    if span.end is None:
        return "on or after this; day not known"
    if span.end == span.start:
        return "day not sure"
    return "day not known"


def hold_words(holding: Holding) -> str:
    """A holding in neutral words: 'held by azerbaijan', 'passing to azerbaijan'."""
    side = holding.side.value if holding.side is not None else "?"
    if holding.hold is Hold.HELD:
        return f"held by {side}"
    if holding.hold is Hold.PARTIAL:
        rest = f" (rest: {holding.other.value})" if holding.other is not None else ""
        return f"partly held by {side}{rest}"
    if holding.hold is Hold.CHANGING:
        came = f" from {holding.other.value}" if holding.other is not None else ""
        part = " in part" if holding.step and holding.step.change.extent is Extent.PARTIAL else ""
        return f"passing{part} to {side}{came}"
    if holding.hold is Hold.IMPLIED:
        return f"held by {side}, as a later change implies"
    return "not known"
