"""render/chart_parts.py: runs of days in words, legend flow, printing a measured line, styles."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.text import Text

from shusha_cli.core.model import Side
from shusha_cli.render import chart_parts
from shusha_cli.views.front import Hold, Holding
from tests.render.by_hand import Recorder, pieces


def days(*pairs: tuple[int, int]) -> list[dt.date]:
    return [dt.date(2020, month, day) for month, day in pairs]


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ([], ""),
        (days((10, 18)), "18 Oct"),
        (days((10, 18), (10, 19), (10, 20), (10, 23), (11, 2)), "18–20 Oct, 23 Oct, 2 Nov"),
        (days((10, 30), (10, 31), (11, 1), (11, 2)), "30 Oct – 2 Nov"),
        (days((10, 30), (11, 1)), "30 Oct, 1 Nov"),
        (days((10, 1), (10, 2), (10, 4), (10, 5)), "1–2 Oct, 4–5 Oct"),
        ([dt.date(2019, 12, 31), dt.date(2020, 1, 1)], "31 Dec – 1 Jan"),
    ],
)
def test_runs(given: list[dt.date], words: str) -> None:
    assert chart_parts.runs(given) == words


def item(text: str) -> Text:
    out = Text()
    out.append(text, style="bold")
    return out


def test_flow_packs_items_two_spaces_apart() -> None:
    items = [item("aaaa"), item("bbb"), item("cc"), item("dddddddddd")]
    lines = chart_parts.flow(items, 11)
    assert [t.plain for t in lines] == ["aaaa  bbb", "cc", "dddddddddd"]
    # exactly the width fits
    assert [t.plain for t in chart_parts.flow(items[:2], 9)] == ["aaaa  bbb"]
    assert [t.plain for t in chart_parts.flow(items[:2], 8)] == ["aaaa", "bbb"]
    lead = Text("Lead:")
    lines = chart_parts.flow(items[:2], 14, lead)
    assert [pieces(t) for t in lines] == [[("Lead:  ", ""), ("aaaa", "bold")], [("bbb", "bold")]]
    assert lead.plain == "Lead:"  # the lead is copied, not extended
    assert [t.plain for t in chart_parts.flow([], 10)] == [""]
    assert [t.plain for t in chart_parts.flow([], 10, lead)] == ["Lead:"]


def test_print_line_keeps_a_line_that_fits_and_wraps_one_that_does_not() -> None:
    console = Recorder(10)
    chart_parts.print_line(console, Text("exactly 10"))
    chart_parts.print_line(console, Text("a b  "))
    assert console.text == "exactly 10\na b  \n"
    console = Recorder(10)
    chart_parts.print_line(console, Text("one two three four"))
    assert [line.rstrip() for line in console.text.splitlines()] == ["one two", "three four"]


def test_cell_style() -> None:
    assert chart_parts.cell_style(Holding(Hold.UNKNOWN)) == "dim"
    assert chart_parts.cell_style(Holding(Hold.HELD, Side.ARMENIA)) == "bold black on yellow"
    assert chart_parts.cell_style(Holding(Hold.IMPLIED, Side.RUSSIA)) == "dim green"
    assert chart_parts.cell_style(Holding(Hold.PARTIAL, Side.OTHER)) == "bold white"
    assert chart_parts.cell_style(Holding(Hold.CHANGING, Side.AZERBAIJAN)) == "bold cyan"
    assert chart_parts.cell_style(Holding(Hold.CHANGING, None)) == "dim"


def test_swatch_styles_the_mark_alone() -> None:
    s = chart_parts.swatch(" A ", "bold black on cyan")
    s.append(" words")
    assert pieces(s) == [(" A ", "bold black on cyan"), (" words", "")]
