"""render/pages.py: the page of a place and of an actor, every field and section, from the report.

The field tables are read back as (key, value) rows; the event and quote lists are compared with
what ``print_events``/``print_quotes`` print on their own (tested in their own files), so a page
that passed the wrong list, title or width to them fails.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from rich.table import Table
from rich.text import Text

from shusha_cli.core.model import ARTICLE, Chronology, Event, Quote
from shusha_cli.core.query import ActorReport, Link, PlaceReport, actor_report, place_report
from shusha_cli.render import pages, table, timeline
from shusha_cli.render.grid import Grid
from shusha_cli.render.text import human_span
from tests.render.by_hand import Recorder, joined, pieces


def shown(item: Any) -> object:
    """A printed object as comparable data: pieces, a grid's layout and rows, a table's rows."""
    if item is None:
        return None
    if isinstance(item, Text):
        return pieces(item)
    if isinstance(item, Grid):
        return (
            "grid",
            None if item.title is None else item.title.plain,
            [(c.header, c.min_width, c.max_width, c.ratio, c.justify) for c in item.columns],
            item.leading,
            [[pieces(c) for c in row] for row in item.rows],
        )
    assert isinstance(item, Table)
    cells = [[pieces(c) for c in col._cells] for col in item.columns]
    cols = [(str(c.style), c.no_wrap, c.overflow) for c in item.columns]
    return ("fields", item.padding, cols, [list(r) for r in zip(*cells, strict=True)])


def printed(console: Recorder) -> list[object]:
    return [shown(x) for x in console.printed]


def fields(rows: list[tuple[str, str]]) -> object:
    cols = [("bold", True, "ellipsis"), ("", False, "fold")]
    return ("fields", (0, 2, 0, 2), cols, [[[(k, "")], [(v, "")]] for k, v in rows if v])


def events_part(
    chron: Chronology, events: list[Event], title: str, full: bool, width: int
) -> list[object]:
    console = Recorder(width)
    timeline.print_events(console, chron, events, title, full)
    return printed(console)


def quotes_part(chron: Chronology, quotes: list[Quote], title: str, width: int) -> list[object]:
    if not quotes:
        return []
    console = Recorder(width)
    table.print_quotes(console, chron, quotes, title)
    return [None, *printed(console)]


def author(chron: Chronology, ident: str) -> str:
    return (
        "the article" if ident == ARTICLE else next(a.name for a in chron.actors if a.id == ident)
    )


def place_page(chron: Chronology, r: PlaceReport, full: bool, width: int) -> list[object]:
    p = r.place
    c = p.coordinates
    coords = f"{c.lat:.5f}, {c.lon:.5f} ({c.precision.value}; {c.source})" if c else "none recorded"
    out: list[object] = [
        [(p.name, "bold underline")],
        fields(
            [
                ("id", p.id),
                ("also", ", ".join(p.aliases)),
                ("kind", p.kind.value),
                ("district", p.district or ""),
                ("coordinates", coords),
                ("identification", p.identification.value),
                ("notes", p.notes),
                ("named with", ", ".join(f"{q.name} ({n})" for q, n in r.neighbours)),
            ]
        ),
    ]
    if r.control:
        rows = []
        for s in r.control:
            ch = s.change
            text = f"to {ch.to.value}"
            if ch.from_ is not None:
                text += f" from {ch.from_.value}"
            if ch.extent.value == "partial":
                text += " (partial)"
            text += f" — {s.event.title}"
            if s.event.attribution != ARTICLE:
                text += f" (claim by {author(chron, s.event.attribution)})"
            rows.append([pieces(table.when_cell(s.event)), [(text, "")]])
        out += [
            None,
            (
                "grid",
                "Who held it, by the data",
                [("Date", 11, None, 0, "left"), ("Control", 1, None, 1, "left")],
                0,
                rows,
            ),
        ]
    title = f"Events at {p.name}" + (f" ({r.description})" if r.description else "")
    out += [None, *events_part(chron, r.events, title, full, width)]
    out += quotes_part(chron, r.quotes, f"Quotes about {p.name}", width)
    return out


@pytest.mark.parametrize("full", [False, True])
def test_the_page_of_shusha(shipped: Chronology, full: bool) -> None:
    r = place_report(shipped, "shusha")
    assert all((r.control, r.quotes, r.neighbours, r.place.coordinates))
    console = Recorder(80)
    pages.print_place(console, shipped, r, full)
    assert printed(console) == place_page(shipped, r, full, 80)


def test_a_page_with_every_kind_of_control_line_and_no_coordinates(shipped: Chronology) -> None:
    r = place_report(shipped, "shusha")
    claim = next(e for e in shipped.events if e.is_claim)
    steps = [
        dataclasses.replace(
            r.control[0], change=dataclasses.replace(r.control[0].change, from_=None)
        ),
        dataclasses.replace(
            r.control[0],
            event=claim,
            change=dataclasses.replace(
                r.control[0].change, extent=type(r.control[0].change.extent)("partial")
            ),
        ),
        *r.control,
    ]
    bare = dataclasses.replace(r.place, coordinates=None, aliases=(), district=None, notes="")
    r = dataclasses.replace(
        r, place=bare, control=steps, quotes=[], neighbours=[], description="from 8 Nov"
    )
    console = Recorder(50)
    pages.print_place(console, shipped, r, False)
    page = printed(console)
    assert page == place_page(shipped, r, False, 50)
    assert [(k[0][0]) for k, _ in page[1][3]] == ["id", "kind", "coordinates", "identification"]  # type: ignore[index]
    assert page[1][3][2][1] == [("none recorded", "")]  # type: ignore[index]


def test_a_quiet_place(shipped: Chronology) -> None:
    r = place_report(shipped, "shusha")
    r = dataclasses.replace(r, events=[], quotes=[], control=[], neighbours=[])
    console = Recorder(80)
    pages.print_place(console, shipped, r)
    assert printed(console) == place_page(shipped, r, False, 80)
    assert printed(console)[-1] == [("No events match: Events at Shusha.", "")]


def label(rec: Event | Quote) -> str:
    if isinstance(rec, Quote):
        return f"quote {rec.id} ({human_span(rec.date)})"
    return f"{rec.title} ({human_span(rec.date)})"


def actor_page(chron: Chronology, r: ActorReport, full: bool, width: int) -> list[object]:
    a = r.actor
    out: list[object] = [
        [(a.name, "bold underline")],
        fields(
            [
                ("id", a.id),
                ("also", ", ".join(a.aliases)),
                ("kind", a.kind.value),
                ("side", f"{a.side.value} ({a.side.label})"),
                ("role", a.role or ""),
                ("affiliation", a.affiliation or ""),
                ("notes", a.notes),
            ]
        ),
        None,
    ]
    title = f"What {a.name} did or claimed" + (f" ({r.description})" if r.description else "")
    out += events_part(chron, r.events, title, full, width)
    out += quotes_part(chron, r.quotes, f"What {a.name} said", width)
    if not r.links:
        return out
    if width < 64:
        rows = [
            [
                joined(
                    (label(k.own), "bold"),
                    (f"\n{k.relation} {label(k.other)}", ""),
                    (f"\n— {author(chron, k.other_by)}", "dim"),
                )
            ]
            for k in r.links
        ]
        grid = (
            "grid",
            "Confirmations and contradictions",
            [("Record", 1, None, 1, "left")],
            1,
            rows,
        )
    else:
        rows = [
            [
                [(label(k.own), "")],
                [(k.relation, "")],
                [(f"{label(k.other)} — {author(chron, k.other_by)}", "")],
            ]
            for k in r.links
        ]
        grid = (
            "grid",
            "Confirmations and contradictions",
            [
                ("Their record", 1, None, 1, "left"),
                ("", 1, None, 0, "left"),
                ("Other record", 1, None, 1, "left"),
            ],
            0,
            rows,
        )
    return [*out, None, grid]


def links_of_every_kind(shipped: Chronology, r: ActorReport) -> list[Link]:
    quote = shipped.quotes[0]
    event = next(e for e in shipped.events if not e.is_claim)
    return [
        *r.links,
        Link("contradicts", quote, event, ARTICLE),
        Link("confirmed by", event, quote, quote.speaker),
    ]


@pytest.mark.parametrize("width", [80, 64, 63])
@pytest.mark.parametrize("full", [False, True])
def test_the_page_of_an_actor_with_links(shipped: Chronology, full: bool, width: int) -> None:
    r = actor_report(shipped, "arayik-harutyunyan")
    assert all((r.events, r.quotes, r.links))
    r = dataclasses.replace(r, links=links_of_every_kind(shipped, r))
    console = Recorder(width)
    pages.print_actor(console, shipped, r, full)
    assert printed(console) == actor_page(shipped, r, full, width)


@pytest.mark.parametrize("width", [80, 40])
def test_an_actor_with_nothing_said_or_linked(shipped: Chronology, width: int) -> None:
    r = actor_report(shipped, "arayik-harutyunyan")
    bare = dataclasses.replace(r.actor, aliases=(), role=None, affiliation=None, notes="")
    r = dataclasses.replace(r, actor=bare, quotes=[], links=[], description="in Nov")
    console = Recorder(width)
    pages.print_actor(console, shipped, r)
    page = printed(console)
    assert page == actor_page(shipped, r, False, width)
    assert [k[0][0] for k, _ in page[1][3]] == ["id", "kind", "side"]  # type: ignore[index]
