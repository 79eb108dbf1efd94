"""The character map of ``shusha map``: places, labels, key, scale and legend.

Built from :class:`rich.text.Text` pieces whose text comes from
:func:`~shusha_cli.render.text.safe`, never parsed as markup; see :mod:`.chart_parts`.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.render.chart_parts import (
    cell_style,
    flow,
    print_line,
    side_items,
    swatch,
)
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.text import day_text
from shusha_cli.views.map import MapCell, PlaceMap, Role


def _map_style(cell: MapCell) -> str:
    if cell.role is Role.EMPTY:
        return ""
    quiet = "" if cell.active else "dim "
    if cell.role is Role.MARKER:
        if cell.holding is not None:
            return cell_style(cell.holding)
        return f"{quiet}bold"
    if cell.role is Role.NUMBER:
        return f"{quiet}bold underline"
    return f"{quiet}bold" if cell.active else "dim"


def _map_lines(m: PlaceMap) -> list[Text]:
    inner = m.width
    north = " ↑N "
    top = Text("┌" + "─" * (inner - len(north) - 1) + north + "─┐", style="dim")
    lines = [top]
    for row in m.cells:
        line = swatch("│", "dim")
        for cell in row:
            line.append(safe(cell.char), style=_map_style(cell))
        line.append("│", style="dim")
        lines.append(line)
    lines.append(Text("└" + "─" * inner + "┘", style="dim"))
    return lines


def _km(value: float) -> str:
    return f"{value:g}"


def print_map(console: Console, m: PlaceMap) -> None:
    """The map in its frame, the scale and north, the legend, the key and what is not drawn."""
    title = "Places with coordinates"
    if m.around is not None and m.radius_km is not None:
        title += f" within at least {_km(m.radius_km)} km of {m.around.name}"
    if m.description:
        title += f"; ● named by the events of: {m.description}"
    console.print(_t(title, "bold underline"))
    for line in _map_lines(m):
        print_line(console, line)
    bar = " ├" + "─" * max(m.scale_cols - 1, 0) + f"┤ {_km(m.scale_km)} km"
    scale = [
        Text(bar, style="bold"),
        Text("↑N north is up", style="dim"),
        Text(f"a column ≈ {m.km_per_col:.2g} km, a row ≈ {2 * m.km_per_col:.2g} km", style="dim"),
    ]
    for line in flow(scale, console.width):
        print_line(console, line)
    console.print()
    for line in flow(_legend_map(m), console.width):
        print_line(console, line)
    if m.day is not None:
        lead = Text(f"On {day_text(m.day)} a marker shows who held the place:")
        for line in flow(side_items(), console.width, lead):
            print_line(console, line)
        console.print(
            _t(
                "a small letter: only as far as a later change implies; ? changing hands, day "
                "not known; / partly held; ● or ○: the data does not say."
            )
        )
    if m.keyed:
        console.print()
        items = []
        for pt in m.keyed:
            item = swatch(str(pt.key), "bold")
            item.append(f" {safe(pt.label)}", style="" if pt.active else "dim")
            if not pt.key_drawn:
                item.append(" (no room to number it on the map)", style="dim")
            items.append(item)
        for line in flow(items, console.width, swatch("Key:", "bold")):
            print_line(console, line)
    if m.outside and m.around is not None:
        console.print()
        console.print(
            _t(
                "Beyond the frame: "
                + ", ".join(f"{p.name} ({km:.0f} km)" for p, km in m.outside)
                + ".",
                "dim",
            )
        )
    if m.no_coordinates:
        console.print()
        console.print(
            _t(
                "Not on the map (no coordinates in the data, none guessed): "
                + ", ".join(p.name for p in m.no_coordinates)
                + ".",
                "dim",
            )
        )


def _legend_map(m: PlaceMap) -> list[Text]:
    def item(mark: str, style: str, words: str) -> Text:
        text = swatch(mark, style)
        text.append(f" {words}")
        return text

    items = []
    if m.filtered:
        items.append(item("●", "bold", "named by the matching events"))
        items.append(item("○", "dim", "other places"))
    else:
        items.append(item("●", "bold", "a place"))
    items.append(
        item("~name", "bold", "approximate coordinates (near the place, or its district's)")
    )
    if m.keyed:
        items.append(item("1", "bold underline", "a name that did not fit: see the key"))
    if any(len(p.places) > 1 for p in m.points):
        items.append(item("A, B", "bold", "places that fall in one cell"))
    return items
