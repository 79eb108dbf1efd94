"""The character map: small maps drawn by hand, and the shipped map rebuilt from its points."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest

from shusha_cli.core import query
from shusha_cli.core.model import (
    Chronology,
    ControlChange,
    Coordinates,
    CoordPrecision,
    Event,
    EventType,
    Place,
    PlaceKind,
    Side,
    Source,
    Span,
)
from shusha_cli.core.names import fold
from shusha_cli.core.query import Filter, FilterInput
from shusha_cli.views import map as map_view
from shusha_cli.views.front import histories, holding_on, symbol
from shusha_cli.views.map import KM_PER_DEGREE, MapCell, PlaceMap, Role, draw_map

D = dt.date


def _place(
    ident: str,
    lat: float,
    lon: float,
    name: str,
    kind: PlaceKind = PlaceKind.VILLAGE,
    precision: CoordPrecision = CoordPrecision.SETTLEMENT,
) -> Place:
    return Place(ident, name, kind, coordinates=Coordinates(lat, lon, precision, "test"))


def _chron(places: list[Place], events: tuple[Event, ...] = ()) -> Chronology:
    return Chronology(Source("t", "t.md", 3), tuple(places), (), events, ())


def _rows(m: PlaceMap) -> list[str]:
    return ["".join(c.char for c in row) for row in m.cells]


def _points(m: PlaceMap) -> list[tuple[str, int, int, int | None, bool]]:
    return [(p.name, p.row, p.col, p.key, p.key_drawn) for p in m.points]


# --- small maps, drawn by hand -----------------------------------------------------------------


def test_two_places_on_a_line() -> None:
    # 1 degree of longitude across 20 columns on the equator: the ends at columns 0 and 19,
    # the middle row; the name right of its marker, or left when the right runs off the map.
    chron = _chron([_place("a", 0, 0, "A"), _place("b", 0, 1, "B")])
    m = draw_map(chron, Filter(), 20, 5)
    assert _rows(m) == [
        " " * 20,
        " " * 20,
        "● A              B ●",
        " " * 20,
        " " * 20,
    ]
    assert _points(m) == [("A", 2, 0, None, True), ("B", 2, 19, None, True)]
    assert (m.height, m.width) == (5, 20)
    assert m.km_per_col == pytest.approx(KM_PER_DEGREE / 19)
    # 25 km takes round(25 / 5.86) = 4 columns, at most 20 // 4 = 5; 50 km would take 9
    assert (m.scale_km, m.scale_cols) == (25, 4)
    assert m.keyed == ()
    assert m.outside == ()
    assert m.no_coordinates == ()
    assert (m.filtered, m.day, m.description, m.around, m.radius_km) == (
        False, None, "", None, None,
    )  # fmt: skip
    roles = [[c.role for c in row] for row in m.cells]
    assert roles[2][0] is roles[2][19] is Role.MARKER
    assert roles[2][2] is roles[2][17] is Role.LABEL
    assert sum(r is not Role.EMPTY for row in roles for r in row) == 4
    assert all(c.active and c.holding is None for row in m.cells for c in row)
    assert _rebuilt(m)


def test_a_name_goes_right_left_above_below() -> None:
    # Al (col 0): right is Bo's marker, left is off the map, so above. Bo: right.
    # Cy (col 20): right is off the map, so left.
    chron = _chron([_place("a", 0, 0, "Al"), _place("b", 0, 0.15, "Bo"), _place("c", 0, 1, "Cy")])
    m = draw_map(chron, Filter(), 21, 7)
    blank = " " * 21
    assert _rows(m) == [
        blank,
        blank,
        "Al" + " " * 19,
        "●  ● Bo          Cy ●",
        blank,
        blank,
        blank,
    ]
    assert m.cells[2][0] == MapCell("A", Role.LABEL, True, None)
    assert _rebuilt(m)


def test_names_that_fit_nowhere_get_numbers() -> None:
    chron = _chron([_place("a", 0, 0, "Alphaville"), _place("b", 0, 1, "Betatown")])
    m = draw_map(chron, Filter(), 10, 5)
    assert _rows(m)[2] == "●1      2●"
    assert _points(m) == [("Alphaville", 2, 0, 1, True), ("Betatown", 2, 9, 2, True)]
    assert [p.name for p in m.keyed] == ["Alphaville", "Betatown"]
    assert m.cells[2][1].role is Role.NUMBER
    assert m.cells[2][8].role is Role.NUMBER
    # 111.32 / 9 km a column: 25 km is 2 columns, the most a 10-column map gives the scale
    assert (m.scale_km, m.scale_cols) == (25, 2)
    assert _rebuilt(m)


def _block(day_holder: bool = False) -> tuple[Chronology, Filter]:
    """A 3 x 3 block of markers (a row is two columns' distance) between a north and a south
    place that set the scale: 0.01 degree a column, 0.02 a row, on an 11 x 9 map."""
    places = [_place("n", 0.08, 0, "N"), _place("s", -0.08, 0, "S")]
    names = iter("abcdefghi")
    for lat in (0.02, 0, -0.02):
        for lon in (-0.01, 0, 0.01):
            ident = next(names)
            places.append(_place(ident, lat, lon, ident.upper() * 3))
    if not day_holder:
        return _chron(places), Filter()
    taken = Event(
        "taken",
        Span(D(2020, 11, 1), D(2020, 11, 1), "2020-11-01"),
        "taken",
        "taken",
        EventType.CAPTURE,
        (1,),
        places=("e",),
        control=(ControlChange("e", Side.AZERBAIJAN, Side.ARMENIA),),
    )
    day = D(2020, 11, 1)
    return _chron(places, (taken,)), Filter(start=day, end=day, description="1 Nov 2020")


def test_a_marker_hemmed_in_becomes_its_number() -> None:
    m = draw_map(*_block(), 11, 9)
    assert _rows(m) == [
        "     ● N   ",
        "           ",
        "    BBB    ",
        "AAA ●●● CCC",
        "DDD ●1● FFF",
        "GGG ●●● III",
        "    HHH    ",
        "           ",
        "     ● S   ",
    ]
    assert m.cells[4][5] == MapCell("1", Role.NUMBER, True, None)
    assert [(p.name, p.key, p.key_drawn) for p in m.keyed] == [("EEE", 1, True)]
    assert m.km_per_col == pytest.approx(0.01 * KM_PER_DEGREE)
    # 1.11 km a column, at most 11 // 4 = 2 columns: 2 km (2 columns); 5 km would take 4
    assert (m.scale_km, m.scale_cols) == (2, 2)
    assert _rebuilt(m)


def test_a_marker_that_shows_a_holder_keeps_it_and_the_number_goes_undrawn() -> None:
    chron, filt = _block(day_holder=True)
    m = draw_map(chron, filt, 11, 9)
    # only EEE is named by the day's events: it is active and ranked first, the rest quiet
    (e,) = [p for p in m.points if p.name == "EEE"]
    assert m.points[0] is e
    assert (e.active, e.key, e.key_drawn, e.holding) == (True, 1, False, e.holding)
    assert e.holding is not None
    assert symbol(e.holding) == "A"
    assert m.cells[4][5] == MapCell("A", Role.MARKER, True, e.holding)
    assert [p.name for p in m.keyed] == ["EEE"]
    quiet = [p for p in m.points if p is not e]
    assert all(not p.active and p.holding is None and p.key is None for p in quiet)
    assert all(m.cells[p.row][p.col] == MapCell("○", Role.MARKER, False) for p in quiet)
    assert (m.filtered, m.day, m.description) == (True, D(2020, 11, 1), "1 Nov 2020")
    # a range of days shows no holders
    week = draw_map(chron, Filter(start=D(2020, 11, 1), end=D(2020, 11, 7), description="w"), 11, 9)
    assert week.day is None
    assert all(p.holding is None for p in week.points)
    assert week.cells[4][5] == MapCell("1", Role.NUMBER, True, None)
    assert _rebuilt(m)
    assert _rebuilt(week)


def test_a_two_digit_number_never_replaces_a_marker() -> None:
    # Ten places whose long names fit nowhere take keys 1-10; the eleventh, hemmed in at the
    # centre of a block of markers, has a two-digit key and no room for it.
    places = [_place("n", 0.08, 0, "Y" + "n" * 12), _place("s", -0.08, 0, "Y" + "s" * 12)]
    names = iter("abcdefghi")
    for lat in (0.02, 0, -0.02):
        for lon in (-0.01, 0, 0.01):
            ident = next(names)
            places.append(_place(ident, lat, lon, "Z" + ident * 20))
    places[6] = _place("e", 0, 0, "Zz")  # the centre, ranked last by name
    m = draw_map(_chron(places), Filter(), 11, 9)
    centre = next(p for p in m.points if p.name == "Zz")
    assert centre.key == 11
    assert centre.key_drawn is False
    assert m.cells[4][5].char == "●"
    assert _rebuilt(m)
    assert [p.key for p in m.keyed] == list(range(1, len(m.keyed) + 1))


# --- whole maps of the shipped chronology --------------------------------------------------------


_NAME_KEEP_OFF = {Role.MARKER, Role.LABEL, Role.NUMBER}
_NUMBER_KEEP_OFF = {Role.LABEL, Role.NUMBER}


def _free(m: PlaceMap, row: int, start: int, length: int, keep_off: set[Role]) -> bool:
    """The rule of the module's docstring: empty cells on the map, no writing touching them."""
    if not (0 <= row < m.height and start >= 0 and start + length <= m.width):
        return False
    line = m.cells[row]
    if any(line[c].role is not Role.EMPTY for c in range(start, start + length)):
        return False
    return all(
        line[c].role not in keep_off for c in (start - 1, start + length) if 0 <= c < m.width
    )


def _name_tries(p: map_view.MapPoint) -> list[tuple[int, int]]:
    n = len(p.label)
    return [  # right, left, above, below, each one cell off the marker
        (p.row, p.col + 2),
        (p.row, p.col - n - 1),
        (p.row - 1, p.col - (n - 1) // 2),
        (p.row + 1, p.col - (n - 1) // 2),
    ]


def _number_tries(p: map_view.MapPoint) -> list[tuple[int, int]]:
    n, r, c = len(str(p.key)), p.row, p.col
    return [  # touching the marker: beside it, above and below it, then the corners
        (r, c + 1), (r, c - n), (r - 1, c), (r + 1, c),
        (r - 1, c + 1), (r + 1, c + 1), (r - 1, c - n), (r + 1, c - n),
    ]  # fmt: skip


def _drawn_by_hand(m: PlaceMap) -> list[list[tuple[str, Role]]]:
    """The map rebuilt from its points alone: each marker, then each name or number at the
    first position that holds it; returns the expected characters and roles.

    A writing only ever takes cells, so a position free on the finished map was free when each
    point was written: no position preferred to the one a writing took may be free now.
    """
    grid: list[list[tuple[str, Role]]] = [[(" ", Role.EMPTY)] * m.width for _ in range(m.height)]
    for p in m.points:
        mark = symbol(p.holding) if p.holding is not None else ("●" if p.active else "○")
        grid[p.row][p.col] = (mark, Role.MARKER)
    for p in m.points:
        if p.key is None:
            text, role, tries, keep_off = p.label, Role.LABEL, _name_tries(p), _NAME_KEEP_OFF
        else:
            # the name found no room
            assert not any(_free(m, r, c, len(p.label), _NAME_KEEP_OFF) for r, c in _name_tries(p))
            text, role, tries, keep_off = (
                str(p.key),
                Role.NUMBER,
                _number_tries(p),
                _NUMBER_KEEP_OFF,
            )
            if not p.key_drawn:
                assert not any(_free(m, r, c, len(text), keep_off) for r, c in tries)
                assert len(text) > 1 or p.holding is not None
                continue
            tries.append((p.row, p.col))  # last, a one-digit number on the marker itself
        n = len(text)
        spots = [
            i
            for i, (r, c) in enumerate(tries)
            if 0 <= r < m.height
            and c >= 0
            and c + n <= m.width
            and "".join(cell.char for cell in m.cells[r][c : c + n]) == text
            and all(cell.role is role for cell in m.cells[r][c : c + n])
        ]
        assert spots, (p.name, p.key)
        for r, c in tries[: spots[0]]:
            assert not _free(m, r, c, n, keep_off), (p.name, p.key, (r, c))
        r, c = tries[spots[0]]
        if (r, c) == (p.row, p.col):
            assert n == 1
            assert p.holding is None
            assert not any(_free(m, r2, c2, n, keep_off) for r2, c2 in tries[:-1])
        for i, ch in enumerate(text):
            grid[r][c + i] = (ch, role)
        cell = m.cells[r][c]
        assert (cell.active, cell.holding) == (
            p.active,
            None if (r, c) == (p.row, p.col) else p.holding,
        )
    return grid


def _rebuilt(m: PlaceMap) -> bool:
    return [[(c.char, c.role) for c in row] for row in m.cells] == _drawn_by_hand(m)


@pytest.mark.parametrize(
    ("width", "height", "around", "radius"),
    [(78, 24, None, 20.0), (40, 12, None, 20.0), (120, 40, None, 20.0), (60, 20, "Shusha", 8.0)],
)
def test_the_shipped_map_is_its_points_and_nothing_else(
    shipped: Chronology, width: int, height: int, around: str | None, radius: float
) -> None:
    m = draw_map(shipped, Filter(), width, height, around=around, radius_km=radius)
    assert _rebuilt(m)
    # every writing keeps one empty cell from the next on its row (numbers may touch markers)
    for row in m.cells:
        for left, right in itertools.pairwise(row):
            if Role.EMPTY in (left.role, right.role) or left.role is right.role:
                continue
            assert Role.NUMBER in (left.role, right.role)
            assert Role.MARKER in (left.role, right.role)
    # each located place is on the map once, or listed outside the frame
    located = {p.id for p in shipped.places if p.coordinates is not None}
    drawn = [q.id for p in m.points for q in p.places]
    assert len(drawn) == len(set(drawn))
    assert set(drawn) | {p.id for p, _ in m.outside} == located
    assert not set(drawn) & {p.id for p, _ in m.outside}
    # places sharing a cell: by kind (city first), then by how many events name them
    counts = {pid: len(es) for pid, es in query.events_by_place(shipped.events).items()}
    kind = {PlaceKind.CITY: 0, PlaceKind.TOWN: 1, PlaceKind.VILLAGE: 2, PlaceKind.MOUNTAIN: 3}
    for p in m.points:
        keys = [(kind.get(q.kind, 9), -counts.get(q.id, 0), fold(q.name)) for q in p.places]
        assert keys == sorted(keys)
        assert p.approximate is any(
            q.coordinates is not None and q.coordinates.precision is not CoordPrecision.SETTLEMENT
            for q in p.places
        )
        assert p.label == ", ".join(
            ("~" if q.coordinates and q.coordinates.precision.value != "settlement" else "")
            + q.name
            for q in p.places
        )
    # the points in the order their names were placed: the same ranking of their first place
    firsts = [p.places[0] for p in m.points]
    ranks = [(kind.get(q.kind, 9), -counts.get(q.id, 0), fold(q.name)) for q in firsts]
    assert ranks == sorted(ranks)
    assert [p.key for p in m.keyed] == list(range(1, len(m.keyed) + 1))
    assert [p.key for p in m.points if p.key is not None] == list(range(1, len(m.keyed) + 1))
    assert {p.id for p in m.no_coordinates} == {p.id for p in shipped.places} - located
    assert [fold(p.name) for p in m.no_coordinates] == sorted(
        fold(p.name) for p in m.no_coordinates
    )


def test_the_whole_map_fits_every_place_centred(shipped: Chronology) -> None:
    for width, height in ((78, 24), (40, 12), (200, 30), (30, 60)):
        m = draw_map(shipped, Filter(), width, height)
        assert m.outside == ()
        rows = [p.row for p in m.points]
        cols = [p.col for p in m.points]
        # the binding dimension reaches both edges; the other is centred (to a cell)
        assert (min(cols), max(cols)) == (0, width - 1) or (min(rows), max(rows)) == (0, height - 1)
        assert abs(min(cols) + max(cols) - (width - 1)) <= 1
        assert abs(min(rows) + max(rows) - (height - 1)) <= 1


def _haversine(a: Coordinates, b: Coordinates) -> float:
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dla, dlo = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_distances_on_the_map_are_the_distances_on_the_ground(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 120, 40)
    pts = [(p, p.places[0].coordinates) for p in m.points]
    for p, a in pts:
        for q, b in pts:
            assert a is not None
            assert b is not None
            ground = map_view.distance_km(a, b)
            assert ground == pytest.approx(_haversine(a, b), rel=0.005, abs=0.01)
            on_map = math.hypot((q.col - p.col) * m.km_per_col, (q.row - p.row) * m.km_per_col * 2)
            # within a cell's rounding at each end
            assert abs(on_map - ground) <= 2.3 * m.km_per_col
            if b.lat > a.lat + 2 * m.km_per_col / KM_PER_DEGREE:
                assert q.row < p.row  # north is up
            if b.lon > a.lon + 2 * m.km_per_col / KM_PER_DEGREE:
                assert q.col > p.col  # east is right
    assert map_view.distance_km(pts[0][1], pts[0][1]) == 0  # type: ignore[arg-type]


def test_around_a_place_lists_those_beyond_by_distance(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 41, 11, around="Shusha", radius_km=6)
    shusha = shipped.place("shusha")
    assert m.around == shusha
    assert m.radius_km == 6
    assert shusha.coordinates is not None
    (centre,) = [p for p in m.points if "shusha" in {q.id for q in p.places}]
    assert (centre.row, centre.col) == (5, 20)
    # 6 km each way: 12 km over 10 rows of two columns each, so 0.6 km a column
    assert m.km_per_col == pytest.approx(12 / 20)
    drawn = {q.id for p in m.points for q in p.places}
    assert {"shusha", "khankendi", "dashalti"} <= drawn
    far = [
        (p.id, map_view.distance_km(shusha.coordinates, p.coordinates))
        for p in shipped.places
        if p.coordinates is not None and p.id not in drawn
    ]
    far.sort(key=lambda pair: (pair[1], fold(shipped.place(pair[0]).name)))
    assert [(p.id, km) for p, km in m.outside] == far
    assert far
    assert all(km > 6 for _, km in far)
    assert [map_view._distance_from(None, p) for p, _ in m.outside] == [0.0] * len(far)
    assert _rebuilt(m)


def test_a_filter_sets_its_places_apart(shipped: Chronology) -> None:
    filt = query.resolve_filter(shipped, FilterInput(date_from="2020-11-01", date_to="2020-11-03"))
    m = draw_map(shipped, filt, 78, 24)
    named = {p for e in query.timeline(shipped, filt) for p in query.event_places(e)}
    assert m.filtered
    assert m.day is None
    assert m.description == filt.description
    for p in m.points:
        active = any(q.id in named for q in p.places)
        assert p.active is active
        assert m.cells[p.row][p.col].char in (("●",) if active else ("○",)) + tuple(
            str(p.key or "")
        )
    actives = [p.active for p in m.points]
    assert actives == sorted(actives, reverse=True)
    assert True in actives
    assert False in actives
    assert _rebuilt(m)


def test_on_a_day_each_marker_shows_its_holder(shipped: Chronology) -> None:
    filt = query.resolve_filter(shipped, FilterInput(on="2020-11-06"))
    m = draw_map(shipped, filt, 60, 20, around="Shusha", radius_km=8)
    assert m.day == D(2020, 11, 6)
    hist = histories(shipped)
    article = {p: [s for s in ss if not s.event.is_claim] for p, ss in hist.items()}
    shown = 0
    for p in m.points:
        marks = {
            symbol(map_view.holding_with_claims(hist.get(q.id, []), article.get(q.id, []), m.day))
            for q in p.places
        }
        if len(marks) == 1 and marks != {"·"}:
            (mark,) = marks
            assert p.holding is not None
            assert symbol(p.holding) == mark
            shown += 1
        else:
            assert p.holding is None
    assert shown >= 3
    shusha = next(p for p in m.points if p.places[0].id == "shusha")
    assert shusha.holding is not None
    assert shusha.holding == holding_on(hist["shusha"], m.day)
    assert symbol(shusha.holding) == "/"
    assert _rebuilt(m)
