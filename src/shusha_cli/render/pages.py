"""The pages of one place and of one actor: who they are, what happened, what was said.

Their event lists take the same compact or full form as the timeline, with ids to follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from shusha_cli.core.inert import safe
from shusha_cli.core.model import Chronology, Event, Quote
from shusha_cli.core.query import ActorReport, PlaceReport
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.grid import table as _table
from shusha_cli.render.table import NARROW, print_quotes, when_cell
from shusha_cli.render.text import author_name, human_span
from shusha_cli.render.timeline import print_events


def _titled(title: str, description: str) -> str:
    return title if not description else f"{title} ({description})"


def _field_table(rows: Sequence[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        if value:
            table.add_row(_t(key), _t(value))
    return table


def print_place(console: Console, chron: Chronology, r: PlaceReport, full: bool = False) -> None:
    p = r.place
    coords = ""
    if p.coordinates is not None:
        c = p.coordinates
        coords = f"{c.lat:.5f}, {c.lon:.5f} ({c.precision.value}; {c.source})"
    console.print(_t(p.name, "bold underline"))
    console.print(
        _field_table(
            [
                ("id", p.id),
                ("also", ", ".join(p.aliases)),
                ("kind", p.kind.value),
                ("district", p.district or ""),
                ("coordinates", coords or "none recorded"),
                ("identification", p.identification.value),
                ("notes", p.notes),
                ("named with", ", ".join(f"{q.name} ({n})" for q, n in r.neighbours)),
            ]
        )
    )
    if r.control:
        console.print()
        control = _table(
            ("Date", {"min_width": 11}), ("Control", {"ratio": 1}), title="Who held it, by the data"
        )
        for s in r.control:
            ch = s.change
            text = f"to {ch.to.value}" + (f" from {ch.from_.value}" if ch.from_ else "")
            text += " (partial)" if ch.extent.value == "partial" else ""
            text += f" — {s.event.title}"
            if s.event.is_claim:
                text += f" (claim by {author_name(chron, s.event.attribution)})"
            control.add_row(when_cell(s.event), _t(text))
        console.print(control)
    console.print()
    print_events(console, chron, r.events, _titled(f"Events at {p.name}", r.description), full)
    if r.quotes:
        console.print()
        print_quotes(console, chron, r.quotes, f"Quotes about {p.name}")


def print_actor(console: Console, chron: Chronology, r: ActorReport, full: bool = False) -> None:
    a = r.actor
    console.print(_t(a.name, "bold underline"))
    console.print(
        _field_table(
            [
                ("id", a.id),
                ("also", ", ".join(a.aliases)),
                ("kind", a.kind.value),
                ("side", f"{a.side.value} ({a.side.label})"),
                ("role", a.role or ""),
                ("affiliation", a.affiliation or ""),
                ("notes", a.notes),
            ]
        )
    )
    console.print()
    print_events(
        console, chron, r.events, _titled(f"What {a.name} did or claimed", r.description), full
    )
    if r.quotes:
        console.print()
        print_quotes(console, chron, r.quotes, f"What {a.name} said")
    if r.links and console.width < NARROW:
        console.print()
        # One column: their record, then the relation and the other record under it.
        narrow = _table(("Record", {"ratio": 1}), title="Confirmations and contradictions")
        for k in r.links:
            cell = _t(_label(k.own), "bold")
            cell.append("\n" + safe(f"{k.relation} {_label(k.other)}"))
            cell.append("\n" + safe(f"— {author_name(chron, k.other_by)}"), style="dim")
            narrow.add_row(cell)
        narrow.leading = 1
        console.print(narrow)
    elif r.links:
        console.print()
        links = _table(
            ("Their record", {"ratio": 1}),
            ("", {}),
            ("Other record", {"ratio": 1}),
            title="Confirmations and contradictions",
        )
        for k in r.links:
            links.add_row(
                _t(_label(k.own)),
                _t(k.relation),
                _t(f"{_label(k.other)} — {author_name(chron, k.other_by)}"),
            )
        console.print(links)


def _label(rec: Event | Quote) -> str:
    if isinstance(rec, Quote):
        return f"quote {rec.id} ({human_span(rec.date)})"
    return f"{rec.title} ({human_span(rec.date)})"
