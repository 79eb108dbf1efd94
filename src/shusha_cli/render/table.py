"""Rich tables for people: wrapped, never truncated, never reading data as markup.

Every cell is a :class:`rich.text.Text` built from :func:`~shusha_cli.render.text.safe` strings,
so ``[bold]`` or ``:x:`` in the data prints literally and escape sequences cannot reach the
terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.core.errors import Problem
from shusha_cli.core.inert import safe
from shusha_cli.core.model import Actor, Chronology, Event, Quote
from shusha_cli.core.query import PlaceRow
from shusha_cli.render.grid import Grid
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.grid import table as _table
from shusha_cli.render.text import author_name, human_span


def when_cell(e: Event) -> Text:
    """An event's dates: the day (or span), its time of day, and when it was made public."""
    text = _t(human_span(e.date))
    if e.time_of_day is not None:
        text.append(f"\n{e.time_of_day.value}", style="italic")
    if e.reported is not None:
        text.append(f"\npublic {human_span(e.reported)}", style="dim")
    return text


def _names(chron: Chronology, ids: Sequence[str]) -> str:
    return ", ".join(chron.place(p).name for p in ids)


def _event_cell(chron: Chronology, e: Event) -> Text:
    cell = Text()
    cell.append(safe(e.title), style="bold")  # only the title: a base style would cover it all
    cell.append(f"  [{e.type.value}]", style="cyan")
    if e.is_claim:
        cell.append(f"\n⚑ claim by {safe(author_name(chron, e.attribution))}", style="yellow")
    cell.append("\n" + safe(e.summary))
    for c in e.control:
        part = " (part)" if c.extent.value == "partial" else ""
        cell.append(f"\n→ {safe(chron.place(c.place).name)}: to {c.to.value}{part}", style="green")
    cell.append(f"\nid: {safe(e.id)}", style="dim")
    return cell


def sources_cell(ids: Sequence[int]) -> Text:
    """The paragraphs an event cites, as ¶ numbers."""
    return _t(" ".join(f"¶{n}" for n in ids), "dim")


NARROW = 64
"""Below this many columns the four-column timeline cannot fit its minimum widths (Rich would
crop the lines, losing text), so tables switch to fewer, wider columns."""


def events_table(
    chron: Chronology, events: Sequence[Event], title: str, width: int = NARROW
) -> Grid:
    if width < NARROW:
        # Date | Event: the places and paragraphs go inside the event cell, nothing is cropped.
        table = _table(("Date", {"max_width": 12}), ("Event", {"ratio": 1}), title=title)
        for e in events:
            cell = _event_cell(chron, e)
            if e.places:
                cell.append("\nat " + safe(_names(chron, e.places)), style="dim")
            cell.append("\n")
            cell.append_text(sources_cell(e.sources))
            table.add_row(when_cell(e), cell)
        table.leading = 1
        return table
    table = _table(
        ("Date", {"min_width": 11, "max_width": 14}),
        ("Places", {"min_width": 8, "max_width": 16}),
        ("Event", {"ratio": 1, "min_width": 20}),
        ("¶", {"min_width": 3, "max_width": 5}),
        title=title,
    )
    for e in events:
        table.add_row(
            when_cell(e),
            _t(_names(chron, e.places)),
            _event_cell(chron, e),
            sources_cell(e.sources),
        )
    return table


def _quote_block(chron: Chronology, q: Quote) -> Text:
    speaker = chron.actor(q.speaker)
    head = _t(f"{speaker.name}", "bold")
    head.append(f" ({safe(speaker.side.value)})", style="dim")
    head.append(f" — {safe(human_span(q.date))}, {safe(q.occasion.value)}")
    if q.medium:
        head.append(f": {safe(q.medium)}", style="italic")
    head.append("  " + " ".join(f"¶{n}" for n in q.sources), style="dim")
    body = _t(f"“{q.text}”")
    parts = Text("\n").join([head, body])
    if q.context:
        parts.append("\n")
        parts.append(_t(q.context, "dim"))
    return parts


def print_quotes(console: Console, chron: Chronology, quotes: Sequence[Quote], title: str) -> None:
    if not quotes:
        console.print(_t(f"No quotes match: {title}."))
        return
    noun = "quote" if len(quotes) == 1 else "quotes"
    console.print(_t(f"{title} — {len(quotes)} {noun}", "bold underline"))
    for q in quotes:
        console.print()
        console.print(_quote_block(chron, q))


def print_places(console: Console, rows: Sequence[PlaceRow]) -> None:
    title = f"{len(rows)} place{'' if len(rows) == 1 else 's'}"
    if console.width < NARROW:
        # Place (with kind and district under it) | Events | first and last day, one a line.
        narrow = _table(
            ("Place", {"ratio": 1}), ("Events", {"justify": "right"}), ("First/last", {}),
            title=title,
        )  # fmt: skip
        for r in rows:
            cell = _t(r.place.name, "bold")
            about = ", ".join(filter(None, [r.place.kind.value, r.place.district]))
            cell.append(f"\n({safe(about)})", style="dim")
            days = "\n".join(d.isoformat() for d in (r.first, r.last) if d is not None)
            narrow.add_row(cell, _t(str(r.events)), _t(days))
        narrow.leading = 1
        console.print(narrow)
        return
    table = _table(
        ("Place", {"ratio": 2}),
        ("Kind", {}),
        ("District", {"ratio": 1}),
        ("Events", {"justify": "right"}),
        ("First", {}),
        ("Last", {}),
        title=f"{len(rows)} place{'' if len(rows) == 1 else 's'}",
    )
    for r in rows:
        table.add_row(
            _t(r.place.name, "bold"), _t(r.place.kind.value), _t(r.place.district or ""),
            _t(str(r.events)), _t(r.first.isoformat() if r.first else ""),
            _t(r.last.isoformat() if r.last else ""),
        )  # fmt: skip
    console.print(table)


def print_actors(console: Console, actors: Sequence[Actor]) -> None:
    if console.width < NARROW:
        # Actor (with kind and side under it) | Role.
        narrow = _table(
            ("Actor", {"ratio": 1}), ("Role", {"ratio": 1}),
            title=f"{len(actors)} actor{'' if len(actors) == 1 else 's'}",
        )  # fmt: skip
        for a in actors:
            cell = _t(a.name, "bold")
            cell.append(f"\n({a.kind.value}, {a.side.value})", style="dim")
            narrow.add_row(cell, _t(a.role or ""))
        narrow.leading = 1
        console.print(narrow)
        return
    table = _table(
        ("Actor", {"ratio": 2}),
        ("Kind", {}),
        ("Side", {}),
        ("Role", {"ratio": 2}),
        title=f"{len(actors)} actor{'' if len(actors) == 1 else 's'}",
    )
    for a in actors:
        table.add_row(_t(a.name, "bold"), _t(a.kind.value), _t(a.side.value), _t(a.role or ""))
    console.print(table)


def print_problems(console: Console, problems: Sequence[Problem]) -> None:
    for p in problems:
        console.print(_t(str(p)), soft_wrap=True)


def print_summary(console: Console, summary: dict[str, object]) -> None:
    console.print(
        _t(
            f"{summary['file']}: valid — {summary['events']} events, {summary['places']} places, "
            f"{summary['actors']} actors, {summary['quotes']} quotes; "
            f"events {summary['first']} to {summary['last']}"
            + (
                f", background {summary['background_first']} to {summary['background_last']}"
                if summary["background_first"]
                else ""
            )
        ),
        soft_wrap=True,
    )
