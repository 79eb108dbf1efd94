"""render/map_chart.py: the map read back cell by cell against the view's grid, and every line
around it (title, frame, scale, legend, key, what is not drawn) against the map's fields."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from shusha_cli.core.model import Chronology, Side
from shusha_cli.core.query import Filter
from shusha_cli.render import map_chart
from shusha_cli.views.front import Hold, Holding
from shusha_cli.views.map import MapCell, PlaceMap, Role, draw_map
from tests.render.by_hand import (
    MONTHS,
    SIDE_COLOURS,
    SIDE_LETTERS,
    Pieces,
    Recorder,
    flowed,
    holder_style,
    joined,
    pieces,
)


def style(c: MapCell) -> str:
    if c.role is Role.EMPTY:
        return ""
    quiet = "" if c.active else "dim "
    if c.role is Role.MARKER:
        return holder_style(c.holding) if c.holding is not None else quiet + "bold"
    if c.role is Role.NUMBER:
        return quiet + "bold underline"
    return quiet + "bold" if c.active else "dim"


def frame(m: PlaceMap) -> list[Pieces]:
    top = "┌" + "─" * (m.width - 5) + " ↑N ─┐"
    lines = [[(top, "dim")]]
    for row in m.cells:
        lines.append(joined(("│", "dim"), *((c.char, style(c)) for c in row), ("│", "dim")))
    lines.append([("└" + "─" * m.width + "┘", "dim")])
    return lines


def km(value: float) -> str:
    return f"{value:g}"


def page(m: PlaceMap, width: int) -> list[object]:
    title = "Places with coordinates"
    if m.around is not None and m.radius_km is not None:
        title += f" within at least {km(m.radius_km)} km of {m.around.name}"
    if m.description:
        title += f"; ● named by the events of: {m.description}"
    out: list[object] = [[(title, "bold underline")], *frame(m)]
    scale = [
        [(" ├" + "─" * max(m.scale_cols - 1, 0) + "┤" + f" {km(m.scale_km)} km", "bold")],
        [("↑N north is up", "dim")],
        [(f"a column ≈ {m.km_per_col:.2g} km, a row ≈ {2 * m.km_per_col:.2g} km", "dim")],
    ]
    out += flowed(scale, width)
    out.append(None)
    legend = []
    if m.filtered:
        legend += [[("●", "bold"), (" named by the matching events", "")]]
        legend += [[("○", "dim"), (" other places", "")]]
    else:
        legend += [[("●", "bold"), (" a place", "")]]
    legend += [
        [("~name", "bold"), (" approximate coordinates (near the place, or its district's)", "")]
    ]
    if m.keyed:
        legend += [[("1", "bold underline"), (" a name that did not fit: see the key", "")]]
    if any(len(p.places) > 1 for p in m.points):
        legend += [[("A, B", "bold"), (" places that fall in one cell", "")]]
    out += flowed(legend, width)
    if m.day is not None:
        day = f"{m.day.day} {MONTHS[m.day.month - 1]} {m.day.year}"
        sides = [
            [(f" {SIDE_LETTERS[s]} ", f"bold black on {SIDE_COLOURS[s]}"), (f" {s.value}", "")]
            for s in Side
        ]
        out += flowed(sides, width, [(f"On {day} a marker shows who held the place:", "")])
        out.append(
            [
                (
                    "a small letter: only as far as a later change implies; ? changing hands, "
                    "day not known; / partly held; ● or ○: the data does not say.",
                    "",
                )
            ]
        )
    if m.keyed:
        items = []
        for pt in sorted(m.keyed, key=lambda p: p.key or 0):
            item = [(str(pt.key), "bold"), (" " + pt.label, "" if pt.active else "dim")]
            if not pt.key_drawn:
                item.append((" (no room to number it on the map)", "dim"))
            items.append(item)
        out += [None, *flowed(items, width, [("Key:", "bold")])]
    if m.outside and m.around is not None:
        beyond = ", ".join(f"{p.name} ({d:.0f} km)" for p, d in m.outside)
        out += [None, [(f"Beyond the frame: {beyond}.", "dim")]]
    if m.no_coordinates:
        names = ", ".join(p.name for p in m.no_coordinates)
        text = f"Not on the map (no coordinates in the data, none guessed): {names}."
        out += [None, [(text, "dim")]]
    return out


def printed(console: Recorder) -> list[object]:
    return [None if x is None else pieces(x) for x in console.printed]


MAPS = [
    ("all", Filter(), None, 20.0),
    ("one day", Filter(start=dt.date(2020, 11, 8), end=dt.date(2020, 11, 8), description="8 Nov"), None, 20.0),
    ("around", Filter(places=("shusha",), description="at Shusha"), "shusha", 10.0),
    ("around, no filter", Filter(), "khankendi", 7.5),
]  # fmt: skip


@pytest.mark.parametrize(("name", "filt", "around", "radius"), MAPS)
@pytest.mark.parametrize("width", [80, 40])
def test_maps(
    shipped: Chronology, name: str, filt: Filter, around: str | None, radius: float, width: int
) -> None:
    m = draw_map(shipped, filt, width - 2, 14, around, radius)
    console = Recorder(width)
    map_chart.print_map(console, m)
    assert printed(console) == page(m, width)
    assert m.points


def test_the_kinds_of_map_shown(shipped: Chronology) -> None:
    maps = [draw_map(shipped, f, 78, 14, a, r) for _, f, a, r in MAPS]
    assert any(m.keyed for m in maps)
    assert any(not p.key_drawn for m in maps for p in m.keyed)
    assert any(not p.active for m in maps for p in m.keyed)
    assert any(m.outside and m.around for m in maps)
    assert any(len(p.places) > 1 for m in maps for p in m.points)
    roles = {c.role for m in maps for row in m.cells for c in row}
    assert roles == set(Role)


def test_the_map_reads_back_as_its_cells(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 58, 12)
    console = Recorder(60)
    map_chart.print_map(console, m)
    lines = console.text.splitlines()[1 : m.height + 3]
    assert lines[0] == "┌" + "─" * 53 + " ↑N ─┐"
    assert lines[-1] == "└" + "─" * 58 + "┘"
    assert [line[1:-1] for line in lines[1:-1]] == ["".join(c.char for c in r) for r in m.cells]


def test_every_cell_style(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 38, 6)
    held = Holding(Hold.HELD, Side.ARMENIA)
    cells = (
        MapCell(),
        MapCell("●", Role.MARKER),
        MapCell("○", Role.MARKER, active=False),
        MapCell("A", Role.MARKER, holding=held),
        MapCell("a", Role.MARKER, active=False, holding=Holding(Hold.IMPLIED, Side.RUSSIA)),
        MapCell("·", Role.MARKER, holding=Holding(Hold.UNKNOWN)),
        MapCell("?", Role.MARKER, holding=Holding(Hold.CHANGING, Side.OTHER)),
        MapCell("1", Role.NUMBER),
        MapCell("2", Role.NUMBER, active=False),
        MapCell("x", Role.LABEL),
        MapCell("y", Role.LABEL, active=False),
    )
    odd = dataclasses.replace(m, cells=(cells,))
    console = Recorder(40)
    map_chart.print_map(console, odd)
    assert printed(console)[2] == joined(
        ("│", "dim"),
        (" ", ""),
        ("●", "bold"),
        ("○", "dim bold"),
        ("A", "bold black on yellow"),
        ("a", "dim green"),
        ("·", "dim"),
        ("?", "bold white"),
        ("1", "bold underline"),
        ("2", "dim bold underline"),
        ("x", "bold"),
        ("y", "dim"),
        ("│", "dim"),
    )
    assert printed(console) == page(odd, 40)


def test_nothing_left_out(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 38, 6)
    bare = dataclasses.replace(
        m, no_coordinates=(), outside=(), points=(), description="", scale_cols=1
    )
    console = Recorder(40)
    map_chart.print_map(console, bare)
    got = printed(console)
    assert got == page(bare, 40)
    assert got[0] == [("Places with coordinates", "bold underline")]
    assert got[m.height + 3][0][0].startswith(" ├┤ ")


def test_no_frame_without_a_centre(shipped: Chronology) -> None:
    """A radius or places beyond the frame are only said when the map has a centre."""
    m = draw_map(shipped, Filter(), 38, 6, "shusha", 5.0)
    assert m.outside
    assert m.radius_km is not None
    loose = dataclasses.replace(m, around=None)
    console = Recorder(40)
    map_chart.print_map(console, loose)
    assert printed(console) == page(loose, 40)
    assert "Beyond" not in console.text
    assert printed(console)[0] == [("Places with coordinates", "bold underline")]
    no_radius = dataclasses.replace(m, radius_km=None)
    console = Recorder(40)
    map_chart.print_map(console, no_radius)
    assert printed(console)[0] == [("Places with coordinates", "bold underline")]
    assert printed(console) == page(no_radius, 40)


def test_two_places_in_one_cell(shipped: Chronology) -> None:
    m = draw_map(shipped, Filter(), 38, 6)
    two = dataclasses.replace(m.points[0], places=tuple(shipped.places[:2]))
    one = dataclasses.replace(m.points[0], places=tuple(shipped.places[:1]))
    for points, said in (((two,), True), ((one,), False)):
        drawn = dataclasses.replace(m, points=points)
        console = Recorder(60)
        map_chart.print_map(console, drawn)
        assert printed(console) == page(drawn, 60)
        assert ("places that fall in one cell" in console.text) is said


def test_km() -> None:
    assert map_chart._km(50.0) == "50"
    assert map_chart._km(2.5) == "2.5"
