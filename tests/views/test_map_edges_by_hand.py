"""The character map at its edges: sizes refused, the scale bar, crowded and empty maps."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology, Place, PlaceKind, Source
from shusha_cli.core.query import Filter, FilterInput
from shusha_cli.views import map as map_view
from shusha_cli.views.map import MapCell, Role, draw_map
from tests.views.test_map_by_hand import _block, _chron, _place, _rebuilt, _rows

D = dt.date


# --- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "radius", "message"),
    [
        (40, 4, 20.0, "--height 4: a map is 5 to 1000 rows"),
        (40, 1001, 20.0, "--height 1001: a map is 5 to 1000 rows"),
        (9, 10, 20.0, "a map needs at least 10 columns, not 9"),
        (40, 10, 0.0, "--radius 0.0: give a distance in km above 0 and at most 20,000"),
        (40, 10, -1.0, "--radius -1.0: give a distance in km above 0 and at most 20,000"),
        (40, 10, 20000.5, "--radius 20000.5: give a distance in km above 0 and at most 20,000"),
        (40, 10, math.inf, "--radius inf: give a distance in km above 0 and at most 20,000"),
        (40, 10, math.nan, "--radius nan: give a distance in km above 0 and at most 20,000"),
    ],
)
def test_sizes_refused(
    shipped: Chronology, width: int, height: int, radius: float, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        draw_map(shipped, Filter(), width, height, around="Shusha", radius_km=radius)
    assert str(caught.value) == message


@pytest.mark.parametrize(("width", "height", "radius"), [(10, 5, 20000.0), (10, 1000, 0.001)])
def test_the_extreme_sizes_allowed(
    shipped: Chronology, width: int, height: int, radius: float
) -> None:
    m = draw_map(shipped, Filter(), width, height, around="Shusha", radius_km=radius)
    assert (m.width, m.height, m.radius_km) == (width, height, radius)


def test_around_a_place_without_coordinates(shipped: Chronology) -> None:
    with pytest.raises(UsageError) as caught:
        draw_map(shipped, Filter(), 40, 10, around="Hunot Canyon")
    assert str(caught.value) == "Hunot Canyon has no coordinates in the data; --around needs some"


# --- the scale bar -----------------------------------------------------------------------------


@pytest.mark.parametrize("km_per_col", [0.05, 0.3, 1.0, 2.5, 4.0, 7.7, 40.0, 120.0, 900.0])
@pytest.mark.parametrize("width", [10, 40, 80, 200])
def test_the_scale_is_the_longest_round_length_that_fits(km_per_col: float, width: int) -> None:
    steps = (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
    limit = max(width // 4, 2)
    fits = [km for km in steps if 2 <= round(km / km_per_col) <= limit]
    km, cols = map_view._scale(km_per_col, width)
    if fits:
        assert (km, cols) == (max(fits), round(max(fits) / km_per_col))
    else:
        assert cols == 1
        assert km == pytest.approx(km_per_col, rel=0.05)  # two significant digits


def test_a_coarse_scale_gives_one_column() -> None:
    assert map_view._scale(900.0, 10) == (900.0, 1)
    assert map_view._scale(1234.5, 10) == (1200.0, 1)
    assert map_view._scale(0.0123, 10) == (0.012, 1)


def _plus(*corners: tuple[float, float]) -> list[Place]:
    """A marker with markers above, below and either side of it (and at ``corners``), on the
    11 x 9 map of :func:`_block`. Its long name is placed first and fits nowhere."""
    places = [_place("n", 0.08, 0, "N"), _place("s", -0.08, 0, "S")]
    around = [(0.02, 0), (-0.02, 0), (0, 0.01), (0, -0.01), *corners]
    places += [_place(f"p{i}", lat, lon, f"P{i}") for i, (lat, lon) in enumerate(around)]
    return [*places, _place("a", 0, 0, "A" * 14)]


def test_a_number_takes_the_first_free_corner() -> None:
    # beside, above and below are markers: the upper right corner first
    m = draw_map(_chron(_plus()), Filter(), 11, 9)
    (a,) = [p for p in m.points if p.name == "A" * 14]
    assert (a.row, a.col, a.key, a.key_drawn) == (4, 5, 1, True)
    assert m.cells[3][6] == MapCell("1", Role.NUMBER, True, None)
    assert _rebuilt(m)
    # both right corners taken by markers too: the upper left one
    m = draw_map(_chron(_plus((0.02, 0.01), (-0.02, 0.01))), Filter(), 11, 9)
    assert m.cells[3][4] == MapCell("1", Role.NUMBER, True, None)
    assert _rebuilt(m)
    # only the lower left corner is free
    m = draw_map(_chron(_plus((0.02, 0.01), (-0.02, 0.01), (0.02, -0.01))), Filter(), 11, 9)
    assert m.cells[5][4] == MapCell("1", Role.NUMBER, True, None)
    assert _rebuilt(m)


def test_a_quiet_marker_hemmed_in_becomes_a_quiet_number() -> None:
    chron, _ = _block(day_holder=True)
    m = draw_map(chron, Filter(start=D(2020, 12, 1), end=D(2020, 12, 5), description="d"), 11, 9)
    assert not any(p.active for p in m.points)  # nothing happened in those days
    assert m.cells[4][5] == MapCell("1", Role.NUMBER, False, None)
    assert m.cells[3][4] == MapCell("○", Role.MARKER, False, None)
    assert m.cells[3][0] == MapCell("A", Role.LABEL, False, None)
    assert _rebuilt(m)


def test_a_name_never_runs_off_the_top_or_bottom_of_the_map() -> None:
    # Around C (0, 0) with 11.132 km each way on 13 x 9: 1/60 degree a column, 1/30 a row.
    # T is on the top row: its name is too long for either side and there is no row above,
    # so it goes below.
    top = _chron([_place("c", 0, 0, "C"), _place("t", 0.1333, 0, "T" * 11)])
    m = draw_map(top, Filter(), 13, 9, around="C", radius_km=11.132)
    assert _rows(m) == [
        "      ●      ",
        " TTTTTTTTTTT ",
        *[" " * 13] * 2,
        "      ● C    ",
        *[" " * 13] * 4,
    ]
    assert _rebuilt(m)
    # B is on the bottom row, D's marker is in the row above: no room, so a number
    bottom = _chron(
        [
            _place("c", 0, 0, "C"),
            _place("b", -0.1333, 0, "B" * 11),
            _place("d", -0.1, -5 / 60, "D"),
        ]
    )
    m = draw_map(bottom, Filter(), 13, 9, around="C", radius_km=11.132)
    assert _rows(m)[4:] == [
        "      ● C    ",
        " " * 13,
        " " * 13,
        " ● D         ",
        "      ●1     ",
    ]
    assert [p.name for p in m.keyed] == ["B" * 11]
    assert _rebuilt(m)


def test_a_marker_in_the_first_column_keeps_a_name_off() -> None:
    # On row 4: X's marker in column 0, A's in 3, Y's in 6. A's name cannot go right (Y's
    # marker would touch it) nor left (X's would), so it goes above.
    chron = _chron(
        [
            _place("n", 0.08, 0.05, "N"),  # with X, centres the map on longitude 0
            _place("s", -0.08, 0, "S"),
            _place("x", 0, -0.05, "X"),
            _place("a", 0, -0.02, "A"),
            _place("y", 0, 0.01, "Y"),
        ]
    )
    m = draw_map(chron, Filter(), 11, 9)
    assert _rows(m)[3:5] == ["X  A       ", "●  ●  ● Y  "]
    assert _rebuilt(m)


def test_a_chronology_without_coordinates_draws_an_empty_map() -> None:
    chron = Chronology(
        Source("t", "t.md", 3),
        (Place("b", "Beta", PlaceKind.VILLAGE), Place("a", "alpha", PlaceKind.TOWN)),
        (),
        (),
        (),
    )
    m = draw_map(chron, Filter(), 40, 10)
    assert _rows(m) == [" " * 40] * 10
    assert m.points == ()
    assert m.outside == ()
    assert [p.id for p in m.no_coordinates] == ["a", "b"]  # by folded name
    # nothing to span: the finest scale, 200 m a column; 2 km is 10 columns, a quarter of 40
    assert m.km_per_col == pytest.approx(0.2)
    assert (m.scale_km, m.scale_cols) == (2, 10)


def test_around_a_place_shows_20_km_each_way_unless_told(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 41, 11, around="Shusha")
    assert m.radius_km == 20.0
    assert m.km_per_col == pytest.approx(40 / 20)  # 40 km over 10 rows of two columns each
    assert draw_map(shipped, Filter(), 41, 11).radius_km is None


def test_places_of_kinds_not_ranked_come_after_those_that_are() -> None:
    # In one cell: a district and a building share it with a mountain and a village.
    kinds = [PlaceKind.DISTRICT, PlaceKind.BUILDING, PlaceKind.ROAD, PlaceKind.VILLAGE]
    places = [_place(f"p{i}", 0, 0, f"P{i}", kind=k) for i, k in enumerate(kinds)]
    chron = _chron([*places, _place("far", 0, 1, "Far")])
    m = draw_map(chron, Filter(), 40, 10)
    (cell,) = [p for p in m.points if len(p.places) > 1]
    assert [q.kind for q in cell.places] == [
        PlaceKind.VILLAGE, PlaceKind.BUILDING, PlaceKind.DISTRICT, PlaceKind.ROAD,
    ]  # fmt: skip


def test_no_filter_no_description(shipped: Chronology) -> None:
    nothing = query.resolve_filter(shipped, FilterInput())
    assert nothing.description == "the whole chronology"
    m = draw_map(shipped, nothing, 40, 10)
    assert (m.description, m.filtered, m.day) == ("", False, None)
