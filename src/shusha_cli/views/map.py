"""A character map of the places with coordinates: the core of ``shusha map``.

* **Map.** Places are drawn only where the data has coordinates (never guessed), with an
  equirectangular projection corrected by the cosine of the mean latitude; labels are placed
  greedily (right, left, above, below), and a name that fits nowhere gets a number and a line
  in the key.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import field, replace
from enum import Enum

from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.inert import safe
from shusha_cli.core.model import (
    Chronology,
    Coordinates,
    CoordPrecision,
    Place,
    PlaceKind,
)
from shusha_cli.core.names import fold
from shusha_cli.core.query import Filter
from shusha_cli.core.record import record
from shusha_cli.views.front import (
    Hold,
    Holding,
    article_histories,
    histories,
    holding_with_claims,
    symbol,
)

ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide: one row covers two columns' distance."""

KM_PER_DEGREE = 111.32
"""Kilometres per degree of latitude (and of longitude once multiplied by cos(latitude))."""

_SCALE_STEPS = (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_KIND_RANK = dict.fromkeys(PlaceKind, 5) | {
    PlaceKind.CITY: 0,
    PlaceKind.TOWN: 1,
    PlaceKind.VILLAGE: 2,
    PlaceKind.MOUNTAIN: 3,
    PlaceKind.BUILDING: 4,
}
"""Which of the places sharing a cell is named first: settlements by size; the rest after."""


class Role(str, Enum):
    EMPTY = "empty"
    MARKER = "marker"
    LABEL = "label"
    NUMBER = "number"  # a key number standing for a name that did not fit


@record
class MapCell:
    """One character of the map and what it belongs to (the renderer styles by these tags)."""

    char: str = " "
    role: Role = Role.EMPTY
    active: bool = True
    holding: Holding | None = None


BLANK = MapCell()


@record
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
        return ", ".join(safe(("~" if approximate(p) else "") + p.name) for p in self.places)


@record
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
        """The points listed in the key, by number: keys are given in the order of ``points``."""
        return tuple(p for p in self.points if p.key is not None)


@record(frozen=False)
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
        """Write ``text`` from ``start``: each character a copy of ``cell`` holding it."""
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


#: The tallest map drawn: the grid is built in memory, so ``--height 100000000`` is refused.
MAX_HEIGHT = 1000
#: Half the Earth's circumference: a larger radius shows nothing more.
MAX_RADIUS_KM = 20_000


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
    if not 5 <= height <= MAX_HEIGHT:
        raise UsageError(f"--height {height}: a map is 5 to {MAX_HEIGHT} rows")
    if width < 10:
        raise UsageError(f"a map needs at least 10 columns, not {width}")
    if not (math.isfinite(radius_km) and 0 < radius_km <= MAX_RADIUS_KM):
        raise UsageError(
            f"--radius {radius_km}: give a distance in km above 0 and at most {MAX_RADIUS_KM:,}"
        )
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
    history = defaultdict(list, histories(chron))
    article = defaultdict(list, article_histories(chron))

    if centre is not None and centre.coordinates is not None:
        # The frame reaches at least ``radius_km`` from the centre every way; the canvas may
        # show more across, and whatever lands on it is drawn.
        lat0 = centre.coordinates.lat
        cos0 = math.cos(math.radians(lat0))
        cx, cy = centre.coordinates.lon * cos0, lat0
        span_x = span_y = 2 * radius_km / KM_PER_DEGREE
    else:
        # The frame of every place with coordinates; with none, an empty frame at 0, 0.
        lats = [p.coordinates.lat for p in located if p.coordinates is not None] or [0.0]
        lat0 = sum(lats) / len(lats)
        cos0 = math.cos(math.radians(lat0))
        xs = [p.coordinates.lon * cos0 for p in located if p.coordinates is not None] or [0.0]
        cx, cy = (min(xs) + max(xs)) / 2, (min(lats) + max(lats)) / 2
        span_x, span_y = max(xs) - min(xs), max(lats) - min(lats)

    # One column covers ``ux`` cos-corrected degrees, one row ASPECT times as much.
    floor = 0.2 / KM_PER_DEGREE  # never finer than 200 m a column
    ux = max(span_x / (width - 1), span_y / (ASPECT * (height - 1)), floor)
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
        return (int(quiet), _KIND_RANK[p.kind], -counts[p.id], fold(p.name))

    points: list[MapPoint] = []
    for (row, col), group in cells.items():
        group.sort(key=rank)
        holdings = (
            {
                symbol(h): h
                for h in (holding_with_claims(history[p.id], article[p.id], day) for p in group)
            }
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
        canvas.write(
            pt.row, pt.col, mark, MapCell(role=Role.MARKER, active=pt.active, holding=pt.holding)
        )
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
        canvas.write(r, c, text, MapCell(role=Role.NUMBER, active=pt.active))
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
    cell = MapCell(role=role, active=pt.active, holding=pt.holding)
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
