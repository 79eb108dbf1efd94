"""render/table.py: every cell of the event, quote, place and actor tables, against the records.

Each expectation is written out from the record's fields, piece by piece with its style, so a
cell that lost a line, gained one, or styled the wrong words fails; the column layout is pinned
as the option tuples the grid was built with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from rich.text import Text

from shusha_cli.core.errors import Problem
from shusha_cli.core.inert import safe
from shusha_cli.core.model import ARTICLE, Chronology, Event, Quote
from shusha_cli.core.query import PlaceRow, actors_table, places_table
from shusha_cli.render import table
from shusha_cli.render.grid import Grid
from shusha_cli.render.json import summary_obj
from shusha_cli.render.text import human_span
from tests.render.by_hand import Pieces, Recorder, joined, pieces


def columns(grid: Grid) -> list[tuple[str, int, int | None, int, str]]:
    return [(c.header, c.min_width, c.max_width, c.ratio, c.justify) for c in grid.columns]


def title_of(grid: Grid) -> str | None:
    return None if grid.title is None else grid.title.plain


def place_name(chron: Chronology, ident: str) -> str:
    return next(p.name for p in chron.places if p.id == ident)


def actor_name(chron: Chronology, ident: str) -> str:
    if ident == ARTICLE:
        return "the article"
    return next(a.name for a in chron.actors if a.id == ident)


def when(e: Event) -> Pieces:
    parts = [(human_span(e.date), "")]
    if e.time_of_day is not None:
        parts.append((f"\n{e.time_of_day.value}", "italic"))
    if e.reported is not None:
        parts.append((f"\npublic {human_span(e.reported)}", "dim"))
    return joined(*parts)


def event_parts(chron: Chronology, e: Event) -> list[tuple[str, str]]:
    parts = [(safe(e.title), "bold"), (f"  [{e.type.value}]", "cyan")]
    if e.attribution != ARTICLE:
        parts.append((f"\n⚑ claim by {actor_name(chron, e.attribution)}", "yellow"))
    parts.append(("\n" + safe(e.summary), ""))
    for c in e.control:
        part = " (part)" if c.extent.value == "partial" else ""
        parts.append((f"\n→ {place_name(chron, c.place)}: to {c.to.value}{part}", "green"))
    parts.append((f"\nid: {e.id}", "dim"))
    return parts


def paragraphs(e: Event | Quote) -> str:
    return " ".join("¶" + str(n) for n in e.sources)


def names(chron: Chronology, e: Event) -> str:
    return ", ".join(place_name(chron, p) for p in e.places)


def test_a_shipped_event_of_every_kind_is_in_the_data(shipped: Chronology) -> None:
    """The cases below are only checked if the shipped data has them."""
    assert any(e.time_of_day for e in shipped.events)
    assert any(e.reported for e in shipped.events)
    assert any(e.is_claim for e in shipped.events)
    assert any(c.extent.value == "partial" for e in shipped.events for c in e.control)
    assert any(c.extent.value == "full" for e in shipped.events for c in e.control)
    assert any(len(e.places) > 1 for e in shipped.events)
    assert any(len(e.sources) > 1 for e in shipped.events)


def test_wide_events_table_has_four_columns_a_row_an_event(shipped: Chronology) -> None:
    grid = table.events_table(shipped, shipped.events, "All of them", 80)
    assert title_of(grid) == "All of them"
    assert columns(grid) == [
        ("Date", 11, 14, 0, "left"),
        ("Places", 8, 16, 0, "left"),
        ("Event", 20, None, 1, "left"),
        ("¶", 3, 5, 0, "left"),
    ]
    assert grid.leading == 0
    assert len(grid.rows) == len(shipped.events)
    for row, e in zip(grid.rows, shipped.events, strict=True):
        assert [pieces(cell) for cell in row] == [
            when(e),
            joined((names(shipped, e), "")),
            joined(*event_parts(shipped, e)),
            joined((paragraphs(e), "dim")),
        ]


def test_the_default_width_is_the_wide_form(shipped: Chronology) -> None:
    grid = table.events_table(shipped, shipped.events[:3], "T")
    assert len(grid.columns) == 4
    assert table.NARROW == 64
    assert len(table.events_table(shipped, shipped.events[:3], "T", 64).columns) == 4
    assert len(table.events_table(shipped, shipped.events[:3], "T", 63).columns) == 2


def test_narrow_events_table_puts_places_and_paragraphs_in_the_event(shipped: Chronology) -> None:
    grid = table.events_table(shipped, shipped.events, "Narrow", 50)
    assert title_of(grid) == "Narrow"
    assert columns(grid) == [("Date", 1, 12, 0, "left"), ("Event", 1, None, 1, "left")]
    assert grid.leading == 1
    for row, e in zip(grid.rows, shipped.events, strict=True):
        at = [("\nat " + names(shipped, e), "dim")] if e.places else []
        assert [pieces(cell) for cell in row] == [
            when(e),
            joined(*event_parts(shipped, e), *at, ("\n", ""), (paragraphs(e), "dim")),
        ]


def test_an_event_without_places_and_with_markup_stays_literal(shipped: Chronology) -> None:
    e = dataclasses.replace(
        shipped.events[0],
        title="[bold]Loud[/] :x:\x1b[31m",
        summary="tab\there",
        places=(),
        control=(),
        time_of_day=None,
        reported=None,
        attribution=ARTICLE,
    )
    assert safe(e.title) != e.title  # the escape is made visible
    wide = table.events_table(shipped, [e], "", 80)
    assert title_of(wide) is None
    assert [pieces(c) for c in wide.rows[0]] == [
        when(e),
        [],
        joined(*event_parts(shipped, e)),
        joined((paragraphs(e), "dim")),
    ]
    assert "tab here" in wide.rows[0][2].plain
    narrow = table.events_table(shipped, [e], "", 40)
    assert pieces(narrow.rows[0][1]) == joined(
        *event_parts(shipped, e), ("\n", ""), (paragraphs(e), "dim")
    )


def test_sources_cell() -> None:
    assert pieces(table.sources_cell([3, 14, 159])) == [("¶3 ¶14 ¶159", "dim")]
    assert pieces(table.sources_cell([])) == []


def quote_block(chron: Chronology, q: Quote) -> Pieces:
    speaker = next(a for a in chron.actors if a.id == q.speaker)
    parts = [
        (speaker.name, "bold"),
        (f" ({speaker.side.value})", "dim"),
        (f" — {human_span(q.date)}, {q.occasion.value}", ""),
    ]
    if q.medium:
        parts.append((f": {q.medium}", "italic"))
    parts += [("  " + paragraphs(q), "dim"), ("\n“" + q.text + "”", "")]
    if q.context:
        parts += [("\n", ""), (q.context, "dim")]
    return joined(*parts)


def test_quotes_print_a_heading_then_each_quote_after_a_blank_line(shipped: Chronology) -> None:
    plain = dataclasses.replace(shipped.quotes[0], medium="", context="")
    quotes = [*shipped.quotes, plain]
    console = Recorder(80)
    table.print_quotes(console, shipped, quotes, "Said")
    heading, *rest = console.printed
    assert pieces(heading) == [(f"Said — {len(quotes)} quotes", "bold underline")]
    assert rest[0::2] == [None] * len(quotes)
    assert [pieces(block) for block in rest[1::2]] == [quote_block(shipped, q) for q in quotes]
    lines = console.text.splitlines()
    assert lines[0] == f"Said — {len(quotes)} quotes"
    assert lines[1] == ""


def test_one_quote_and_no_quotes(shipped: Chronology) -> None:
    console = Recorder(80)
    table.print_quotes(console, shipped, shipped.quotes[:1], "One")
    assert pieces(console.printed[0]) == [("One — 1 quote", "bold underline")]
    assert len(console.printed) == 3
    console = Recorder(80)
    table.print_quotes(console, shipped, [], "None here")
    assert [pieces(t) for t in console.printed] == [[("No quotes match: None here.", "")]]
    assert console.text == "No quotes match: None here.\n"


def place_row_cells(r: PlaceRow) -> list[Pieces]:
    return [
        joined((r.place.name, "bold")),
        joined((r.place.kind.value, "")),
        joined((r.place.district or "", "")),
        joined((str(r.events), "")),
        joined((r.first.isoformat() if r.first else "", "")),
        joined((r.last.isoformat() if r.last else "", "")),
    ]


def only_grid(console: Recorder) -> Grid:
    assert len(console.printed) == 1
    grid = console.printed[0]
    assert isinstance(grid, Grid)
    return grid


def test_places_wide(shipped: Chronology) -> None:
    rows = places_table(shipped)
    assert any(r.place.district is None for r in rows)
    quiet = PlaceRow(rows[0].place, 0, None, None)
    rows = [*rows, quiet]
    console = Recorder(64)
    table.print_places(console, rows)
    grid = only_grid(console)
    assert title_of(grid) == f"{len(rows)} places"
    assert columns(grid) == [
        ("Place", 1, None, 2, "left"),
        ("Kind", 1, None, 0, "left"),
        ("District", 1, None, 1, "left"),
        ("Events", 1, None, 0, "right"),
        ("First", 1, None, 0, "left"),
        ("Last", 1, None, 0, "left"),
    ]
    assert grid.leading == 0
    assert [[pieces(c) for c in row] for row in grid.rows] == [place_row_cells(r) for r in rows]


def test_places_narrow(shipped: Chronology) -> None:
    rows = places_table(shipped)
    first_only = PlaceRow(rows[0].place, 1, dt.date(2020, 10, 1), None)
    rows = [*rows, PlaceRow(rows[0].place, 0, None, None), first_only]
    console = Recorder(63)
    table.print_places(console, rows)
    grid = only_grid(console)
    assert title_of(grid) == f"{len(rows)} places"
    assert columns(grid) == [
        ("Place", 1, None, 1, "left"),
        ("Events", 1, None, 0, "right"),
        ("First/last", 1, None, 0, "left"),
    ]
    assert grid.leading == 1
    for row, r in zip(grid.rows, rows, strict=True):
        about = ", ".join(x for x in (r.place.kind.value, r.place.district) if x)
        days = [d.isoformat() for d in (r.first, r.last) if d is not None]
        assert [pieces(c) for c in row] == [
            joined((r.place.name, "bold"), (f"\n({about})", "dim")),
            joined((str(r.events), "")),
            joined(("\n".join(days), "")),
        ]


@pytest.mark.parametrize("width", [80, 40])
def test_one_place_is_singular(shipped: Chronology, width: int) -> None:
    console = Recorder(width)
    table.print_places(console, places_table(shipped)[:1])
    assert title_of(only_grid(console)) == "1 place"


def test_actors_wide_and_narrow(shipped: Chronology) -> None:
    actors = actors_table(shipped)
    assert any(a.role for a in actors)
    assert any(not a.role for a in actors)
    console = Recorder(64)
    table.print_actors(console, actors)
    grid = only_grid(console)
    assert title_of(grid) == f"{len(actors)} actors"
    assert columns(grid) == [
        ("Actor", 1, None, 2, "left"),
        ("Kind", 1, None, 0, "left"),
        ("Side", 1, None, 0, "left"),
        ("Role", 1, None, 2, "left"),
    ]
    assert grid.leading == 0
    assert [[pieces(c) for c in row] for row in grid.rows] == [
        [
            joined((a.name, "bold")),
            joined((a.kind.value, "")),
            joined((a.side.value, "")),
            joined((a.role or "", "")),
        ]
        for a in actors
    ]
    console = Recorder(63)
    table.print_actors(console, actors)
    grid = only_grid(console)
    assert title_of(grid) == f"{len(actors)} actors"
    assert columns(grid) == [("Actor", 1, None, 1, "left"), ("Role", 1, None, 1, "left")]
    assert grid.leading == 1
    assert [[pieces(c) for c in row] for row in grid.rows] == [
        [
            joined((a.name, "bold"), (f"\n({a.kind.value}, {a.side.value})", "dim")),
            joined((a.role or "", "")),
        ]
        for a in actors
    ]


@pytest.mark.parametrize("width", [80, 40])
def test_one_actor_is_singular(shipped: Chronology, width: int) -> None:
    console = Recorder(width)
    table.print_actors(console, actors_table(shipped)[:1])
    assert title_of(only_grid(console)) == "1 actor"


def test_problems_one_unwrapped_line_each() -> None:
    problems = [
        Problem("a.yaml", 3, "x " * 60),
        Problem("b.yaml", None, "[bold]not markup[/]"),
    ]
    console = Recorder(40)
    table.print_problems(console, problems)
    assert console.text.splitlines() == [str(p) for p in problems]
    assert str(problems[0]).startswith("a.yaml:3: x x")
    assert str(problems[1]) == "b.yaml: [bold]not markup[/]"


def summary_line(s: dict[str, object]) -> str:
    line = (
        f"{s['file']}: valid — {s['events']} events, {s['places']} places, "
        f"{s['actors']} actors, {s['quotes']} quotes; events {s['first']} to {s['last']}"
    )
    if s["background_first"]:
        line += f", background {s['background_first']} to {s['background_last']}"
    return line


def test_summary_with_and_without_background(shipped: Chronology) -> None:
    summary = summary_obj(shipped)
    assert summary["background_first"]
    console = Recorder(30)
    table.print_summary(console, summary)
    assert console.text == summary_line(summary) + "\n"
    assert "background" in console.text
    bare = {**summary, "background_first": None, "background_last": None}
    console = Recorder(30)
    table.print_summary(console, bare)
    assert console.text == summary_line(bare) + "\n"
    assert "background" not in console.text
    assert isinstance(console.printed[0], Text)
