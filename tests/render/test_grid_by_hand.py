"""render/grid.py against a second, simpler model of its rules, over every small case.

The wrapping is checked against a word-by-word wrapper written here, over all short lines of a
few letters and spaces at every width; the column widths against water-filling (the widest
columns give way first, the last of equals keeping a spare cell); the printed lines against
layouts written out by hand, and both printing paths against each other.
"""

from __future__ import annotations

import io
import itertools

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.text import Text

from shusha_cli.render import grid as g
from shusha_cli.render.grid import Grid, cell, table, wrap
from tests.render.by_hand import pieces, render


def width_of(s: str) -> int:
    return cell_len(s)


def fold(word: str, width: int) -> list[str]:
    """A word wider than the column, cut into pieces that fit (a wide character alone)."""
    out = []
    while width_of(word) > width:
        n = 1
        while n < len(word) and width_of(word[: n + 1]) <= width:
            n += 1
        out.append(word[:n])
        word = word[n:]
    return [*out, word] if word else out


def reference(line: str, width: int) -> list[str]:
    """Greedy wrapping by words: a word goes on the line if it fits after what is there."""
    width = max(width, 1)
    if width_of(line) <= width:
        return [line.rstrip()]
    lines: list[str] = []
    current = ""
    pos = 0
    while pos < len(line):
        end = pos
        while end < len(line) and line[end] != " ":
            end += 1
        space = end
        while space < len(line) and line[space] == " ":
            space += 1
        word, gap = line[pos:end], line[end:space]
        if current and width_of(current) + width_of(word) > width:
            lines.append(current)
            current = ""
        if width_of(word) > width:
            *whole, rest = fold(word, width)
            lines += whole
            current = rest
        else:
            current += word
        current += gap
        pos = space
    lines.append(current)
    return [x.rstrip() for x in lines]


def test_wrap_against_the_reference_over_every_short_line() -> None:
    checked = 0
    for n in range(1, 8):
        for chars in itertools.product("ab ", repeat=n):
            line = "".join(chars)
            for width in range(n + 2):
                assert [t.plain for t in wrap(Text(line), width)] == reference(line, width), (
                    line,
                    width,
                )
                checked += 1
    assert checked > 5_000


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        ("aaa bbb c", 7, ["aaa bbb", "c"]),
        ("aaa bbb", 7, ["aaa bbb"]),
        ("aaa  bbb", 4, ["aaa", "bbb"]),
        ("  indented words", 10, ["  indented", "words"]),
        ("abcdefghij", 3, ["abc", "def", "ghi", "j"]),
        ("ab abcdefgh x", 4, ["ab", "abcd", "efgh", "x"]),
        ("ab abcdefg x", 4, ["ab", "abcd", "efg", "x"]),
        ("中文中文 x", 4, ["中文", "中文", "x"]),
        ("中文中", 3, ["中", "文", "中"]),
        ("中文", 1, ["中", "文"]),
        # a wide character alone in a one-cell column, then a word: no empty line between
        ("中文 x", 1, ["中", "文", "x"]),
        ("中 x", 1, ["中", "x"]),
        ("a 中文", 4, ["a", "中文"]),
        ("Шуша Շուշի", 4, ["Шуша", "Շուշ", "ի"]),
    ],
)
def test_wrap_by_hand(line: str, width: int, expected: list[str]) -> None:
    assert [t.plain for t in wrap(Text(line), width)] == expected
    assert reference(line, width) == expected


def test_wrap_keeps_blank_lines_and_gives_one_line_for_nothing() -> None:
    assert [t.plain for t in wrap(Text("a\n\nb c"), 1)] == ["a", "", "b", "c"]
    assert [t.plain for t in wrap(Text(""), 5)] == [""]
    assert [t.plain for t in wrap(Text("abc"), -3)] == ["a", "b", "c"]


def test_wrap_keeps_the_styles_of_each_piece() -> None:
    text = Text("one ")
    text.append("two three", style="bold")
    text.append(" four", style="dim")
    assert [pieces(t) for t in wrap(text, 10)] == [
        [("one ", ""), ("two", "bold")],
        [("three", "bold"), (" four", "dim")],
    ]


# --- widths ------------------------------------------------------------------------------------


def level(top: list[int], floor: list[int], room: int) -> list[int]:
    """Lower the widest columns to a common level, none below its floor, until all fit."""

    def capped(t: int) -> list[int]:
        return [min(hi, max(lo, t)) for hi, lo in zip(top, floor, strict=True)]

    t = max(top)
    while sum(capped(t)) > room:
        t -= 1
    widths = capped(t)
    grow = [i for i, w in enumerate(capped(t + 1)) if w > widths[i]]
    spare = room - sum(widths)
    for i in grow[len(grow) - spare :] if spare else []:
        widths[i] += 1
    return widths


def model_widths(natural: list[int], mins: list[int], room: int) -> list[int]:
    if sum(natural) <= room:
        return natural
    if sum(mins) <= room:
        return level(natural, mins, room)
    return level(mins, [1] * len(mins), room)


def grid_of(naturals: list[int], mins: list[int]) -> Grid:
    grid = Grid()
    for m in mins:
        grid.add_column("", min_width=m)
    grid.add_row(*(Text("x" * n) for n in naturals))
    return grid


def test_widths_against_water_filling() -> None:
    checked = 0
    for naturals in itertools.product([1, 4, 9], repeat=3):
        for mins in itertools.product([1, 3], repeat=3):
            grid = grid_of(list(naturals), list(mins))
            nat = [max(n, m) for n, m in zip(naturals, mins, strict=True)]
            for total in range(3, 32):
                room = max(total - 2 - 3 * 2, 3)
                assert grid.widths(total) == model_widths(nat, list(mins), room), (
                    naturals,
                    mins,
                    total,
                )
                checked += 1
    assert checked > 5_000


def test_widths_by_hand() -> None:
    grid = grid_of([10, 10], [1, 1])
    assert grid.widths(2 + 3 + 20) == [10, 10]
    assert grid.widths(2 + 3 + 17) == [8, 9]
    grid = grid_of([12, 5, 10], [1, 1, 1])
    assert grid.widths(2 + 6 + 20) == [7, 5, 8]
    grid = grid_of([10, 10], [9, 1])
    assert grid.widths(2 + 3 + 12) == [9, 3]
    # no room at all: one cell a column
    assert grid_of([5, 5, 5], [4, 4, 4]).widths(1) == [1, 1, 1]
    assert Grid().widths(80) == []


def test_natural_width_is_the_longest_line_within_min_and_max() -> None:
    grid = Grid()
    grid.add_column("Header")
    grid.add_column("H", max_width=4)
    grid.add_column("H", min_width=7, max_width=9)
    grid.add_column("中文")
    grid.add_row(Text("ab\nabcdefgh"), Text("abcdefgh"), Text("ab"), Text("x"))
    grid.add_row(Text("abc"), Text("ab"), Text("abcdefghijkl"), Text(""))
    assert grid.widths(200) == [8, 4, 9, 4]


def test_a_column_is_at_least_one_cell() -> None:
    grid = Grid()
    grid.add_column("", min_width=0)
    grid.add_column("", min_width=-4)
    assert [c.min_width for c in grid.columns] == [1, 1]
    assert grid.widths(100) == [1, 1]


@pytest.mark.parametrize("total", [30, 47, 80, 120])
def test_expand_splits_the_room_by_ratio(total: int) -> None:
    grid = Grid()
    grid.expand = True
    grid.add_column("A", ratio=1, min_width=3)
    grid.add_column("B", max_width=6)
    grid.add_column("C", ratio=2, min_width=3)
    grid.add_row(Text("a"), Text("bbbbbbbb"), Text("c"))
    room = total - 2 - 6
    left = room - 6
    expected = [max(3, left // 3), 6, max(3, left * 2 // 3)]
    assert grid.widths(total) == expected


def test_expand_then_shrink_when_a_fixed_column_is_too_wide() -> None:
    grid = Grid()
    grid.expand = True
    grid.add_column("A", ratio=1, min_width=3)
    grid.add_column("B", max_width=6)
    grid.add_column("C", ratio=2, min_width=3)
    grid.add_row(Text("a"), Text("bbbbbbbb"), Text("c"))
    # room 12, 6 left for the ratio columns: 2 (raised to 3) and 4; 13 cells, B gives one
    assert grid.widths(20) == [3, 5, 4]


def test_expand_without_room_for_the_minimums_shrinks_as_usual() -> None:
    grid = Grid()
    grid.expand = True
    grid.add_column("A", ratio=1, min_width=8)
    grid.add_column("B")
    grid.add_row(Text("a"), Text("b" * 20))
    assert grid.widths(2 + 3 + 25) == model_widths([8, 20], [8, 1], 25)
    grid = Grid()
    grid.expand = True
    grid.add_column("B")
    grid.add_row(Text("b" * 5))
    assert grid.widths(40) == [5]


# --- printing ----------------------------------------------------------------------------------


def three_columns(leading: int = 0, title: str | None = "A title") -> Grid:
    grid = table(
        ("Date", {"min_width": 4, "max_width": 8}),
        ("Event", {"ratio": 1}),
        ("¶", {"justify": "right"}),
        title=title,
    )
    grid.leading = leading
    grid.add_row(cell("8 Nov 2020"), cell("Shusha taken, a long title", "bold"), cell("¶12"))
    grid.add_row(cell(""), cell("short"), cell("¶3"))
    return grid


def test_a_table_printed_line_by_line() -> None:
    # room 30 - 2 - 6 = 22: the date at its max 8, ¶ at 3, the event takes the 11 left
    assert three_columns().widths(30) == [8, 11, 3]
    assert render(three_columns(), 30).splitlines() == [
        "A title",
        "",
        " Date" + " " * 7 + "Event" + " " * 11 + "¶",
        " " + "─" * 28,
        " 8 Nov" + " " * 6 + "Shusha" + " " * 8 + "¶12",
        " 2020" + " " * 7 + "taken, a",
        " " * 12 + "long title",
        " " * 12 + "short" + " " * 10 + "¶3",
        "",
    ]


def test_leading_and_right_justified_text() -> None:
    assert three_columns().widths(60) == [8, 26, 3]
    assert render(three_columns(leading=2, title=None), 60).splitlines() == [
        "",
        " Date" + " " * 7 + "Event" + " " * 26 + "¶",
        " " + "─" * 43,
        " 8 Nov      Shusha taken, a long title   ¶12",
        " 2020",
        " ",
        " ",
        " " * 12 + "short" + " " * 25 + "¶3",
        "",
    ]


def test_no_header_no_rule() -> None:
    grid = Grid()
    grid.add_column()
    grid.add_column(justify="right")
    grid.add_row(Text("a"), Text("b"))
    grid.add_row(Text("ccc"), Text("dd"))
    assert render(grid, 20).splitlines() == [" a      b", " ccc   dd"]
    named = three_columns()
    named.show_header = False
    assert render(named, 60).splitlines() == [
        "A title",
        " 8 Nov      Shusha taken, a long title   ¶12",
        " 2020",
        " " * 12 + "short" + " " * 25 + "¶3",
    ]


def test_a_long_title_wraps_and_headers_wrap() -> None:
    grid = table(("A long header", {"max_width": 4}), ("B", {}), title="one two three")
    grid.add_row(Text("x"), Text("y"))
    assert render(grid, 10).splitlines() == [
        "one two",
        "three",
        "",
        " A      B",
        " long",
        " head",
        " er",
        " ────────",
        " x      y",
        "",
    ]


@pytest.mark.parametrize("width", [12, 20, 30, 45, 80])
@pytest.mark.parametrize("leading", [0, 1])
@pytest.mark.parametrize("color", [False, True])
def test_both_printing_paths_agree(width: int, leading: int, color: bool) -> None:
    """``lines`` (Text a line) and the console path (segments) print the same, styles too."""
    grid = three_columns(leading)
    grid.add_row(cell("x", "dim"), Text("styled tail", style="italic"), cell(""))
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        no_color=not color,
        color_system="standard" if color else None,
        force_terminal=color,
    )
    for line in grid.lines(width):
        console.print(line, soft_wrap=True)
    assert render(grid, width, color) == out.getvalue()
    if color:
        assert "\x1b[1m" in out.getvalue()  # the bold header and title
        assert "\x1b[3m" in out.getvalue()  # the italic cell, a Text with no spans


@pytest.mark.parametrize("color", [False, True])
def test_a_row_of_empty_cells_is_the_margin_alone(color: bool) -> None:
    grid = Grid()
    grid.add_column("A", justify="right", min_width=4)
    grid.add_column("B", justify="right")
    grid.add_row(Text(""), Text(""))
    grid.add_row(Text("x"), Text("y"))
    assert render(grid, 20, color).splitlines()[3] == " "
    assert render(grid, 20).splitlines()[3:] == [" ", "    x   y", ""]
    assert [line.plain for line in grid.lines(20)][3] == " "


def test_a_right_justified_column_between_others() -> None:
    grid = Grid()
    grid.add_column("Name")
    grid.add_column("N", justify="right")
    grid.add_column("Note")
    grid.add_row(Text("Shusha"), Text("7"), Text("city"))
    grid.add_row(Text("Agbulag"), Text("12"), Text(""))
    expected = [
        "",
        " Name       N   Note",
        " " + "─" * 19,
        " Shusha     7   city",
        " Agbulag   12",
        "",
    ]
    assert [line.plain for line in grid.lines(40)] == expected
    assert render(grid, 40).splitlines() == expected


def test_every_line_of_the_lines_path_starts_with_the_margin() -> None:
    grid = three_columns(leading=1, title=None)
    for line in list(grid.lines(40))[1:-1]:
        assert line.plain.startswith(" ")


def test_measure() -> None:
    grid = three_columns()
    console = Console(file=io.StringIO(), width=100)
    widths = grid.widths(100)
    used = sum(widths) + 3 * 2 + 2
    assert Measurement.get(console, console.options, grid) == Measurement(used, 100)
    narrow = Console(file=io.StringIO(), width=12)
    assert Measurement.get(narrow, narrow.options, grid) == Measurement(12, 12)
    empty = Grid()
    assert Measurement.get(console, console.options, empty) == Measurement(2, 100)
    # a whole number of cells, as Rich lays it out
    assert type(Measurement.get(console, console.options, grid).minimum) is int


def test_cell_and_table() -> None:
    assert [style for _, style in pieces(cell("[b]x\x07", "bold"))] == ["bold"]
    assert cell("[b]x\x07").plain.startswith("[b]x")
    assert "\x07" not in cell("[b]x\x07").plain
    assert pieces(cell("plain")) == [("plain", "")]
    assert cell("plain").spans == []
    assert table(("A", {})).title is None
    titled = table(("A", {"min_width": 3}), title="T\x1b")
    assert titled.title is not None
    assert "\x1b" not in titled.title.plain
    assert [(c.header, c.min_width) for c in titled.columns] == [("A", 3)]
    assert g.GAP == 3
    assert g.EDGE == 1
