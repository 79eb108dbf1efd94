"""The column layout that replaced Rich's Table: nothing cut, nothing too wide, styles kept."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from shusha_cli.render.grid import Grid, wrap
from tests.render.by_hand import render

WORDS = st.text(
    alphabet=st.sampled_from(list("abcdefghij ШушаՇուշի中文‍-—’\n")), min_size=0, max_size=200
)


def squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(min_value=1, max_value=60))
def test_wrap_keeps_every_character_and_fits(text: str, width: int) -> None:
    lines = wrap(Text(text), width)
    assert squeeze("".join(line.plain for line in lines)) == squeeze(text)
    for line in lines:
        # a double-width character alone in a one-cell column is the only allowed overflow
        assert cell_len(line.plain) <= max(width, 2)
        assert line.plain == line.plain.rstrip()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(WORDS, WORDS, WORDS), min_size=0, max_size=8),
    st.integers(min_value=20, max_value=200),
)
def test_grid_fits_the_width_and_loses_nothing(rows: list[tuple[str, ...]], width: int) -> None:
    grid = Grid(title=Text("A title"))
    grid.add_column("Date", min_width=5, max_width=12)
    grid.add_column("Event", ratio=1, min_width=8)
    grid.add_column("¶", justify="right")
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    out = render(grid, width)
    assert all(cell_len(line) <= width for line in out.splitlines())
    # Columns interleave line by line, so compare what is printed as a multiset of characters.
    assert not Counter(squeeze("".join("".join(r) for r in rows))) - Counter(squeeze(out))


def test_long_word_is_folded_not_cut() -> None:
    lines = wrap(Text("x" * 25 + " tail"), 10)
    assert [line.plain for line in lines] == ["x" * 10, "x" * 10, "xxxxx tail"]


def test_styles_survive_wrapping() -> None:
    text = Text("plain ")
    text.append("bold words here", style="bold")
    lines = wrap(text, 11)
    assert [line.plain for line in lines] == ["plain bold", "words here"]
    assert lines[1].spans
    assert lines[1].spans[0].style == "bold"


def test_markup_in_cells_stays_literal_and_colour_only_when_asked() -> None:
    grid = Grid()
    grid.add_column("A")
    grid.add_row(Text("[bold]x[/] :x:", style="bold"))
    plain = render(grid, 40)
    assert "[bold]x[/] :x:" in plain
    assert "\x1b[" not in plain
    coloured = render(grid, 40, color=True)
    assert "[bold]x[/] :x:" in coloured
    assert "\x1b[1m" in coloured


def test_columns_keep_their_natural_width_when_there_is_room() -> None:
    grid = Grid()
    grid.add_column("Date")
    grid.add_column("Event", ratio=1)
    grid.add_row(Text("8 Nov 2020"), Text("short"))
    assert grid.widths(80) == [10, 5]
    lines = render(grid, 80).splitlines()
    assert lines[1] == " Date         Event"
    assert lines[2] == " " + "─" * 18
    assert lines[3] == " 8 Nov 2020   short"
    assert lines[0] == lines[4] == ""


def test_narrow_console_shrinks_fixed_columns_to_their_minimum() -> None:
    grid = Grid()
    grid.add_column("Date", min_width=6)
    grid.add_column("Event", ratio=1, min_width=10)
    grid.add_row(Text("a long date cell"), Text("a long event cell " * 3))
    widths = grid.widths(21)
    assert sum(widths) + 3 + 2 <= 21
    assert widths[0] >= 6
    assert widths[1] >= 10


def test_leading_puts_blank_lines_between_rows() -> None:
    grid = Grid()
    grid.add_column("A")
    grid.leading = 1
    grid.add_row(Text("one"))
    grid.add_row(Text("two"))
    assert render(grid, 20).splitlines()[3:] == [" one", " ", " two", ""]


def test_printing_gives_exactly_the_lines() -> None:
    """The console path assembles segments itself; it must print what ``lines`` describes."""
    grid = Grid(title=Text("Title"))
    grid.add_column("Date", min_width=5, max_width=8)
    grid.add_column("Event", ratio=1)
    grid.add_column("¶", justify="right")
    grid.leading = 1
    grid.add_row(Text("21–29 Oct 2020"), Text("a long event " * 6), Text("¶8"))
    grid.add_row(Text(""), Text("short"), Text(""))
    assert render(grid, 40) == "".join(f"{line.plain}\n" for line in grid.lines(40))
