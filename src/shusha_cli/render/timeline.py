"""Event lists for people: the compact form (two lines an event) and the full one, with ids.

Every row shows the id that ``shusha show`` takes, as it is typed, so a row can be followed.
Only the title is bold; what follows it (places, id, claimant) is dim or plain, never both.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.core.model import Chronology, Event
from shusha_cli.render.grid import Grid
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.grid import table as _table
from shusha_cli.render.table import NARROW, events_table, sources_cell, when_cell
from shusha_cli.render.text import author_name, day_text, human_span
from shusha_cli.views.timeline import Timeline

CLAIM_NOTE = "⚑ marks a party's claim, not the article's own account."


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _compact_cell(chron: Chronology, e: Event, narrow: bool) -> Text:
    cell = Text()
    cell.append(safe(e.title), style="bold")
    if e.is_claim:
        cell.append(" ⚑", style="yellow")
    about = []
    if e.is_claim:
        about.append(f"claim by {author_name(chron, e.attribution)}")
    if e.places:
        about.append(", ".join(chron.place(p).name for p in e.places))
    about.append(e.id)
    if narrow:
        about.append(" ".join(f"¶{n}" for n in e.sources))
    cell.append("\n" + safe(" · ".join(about)), style="dim")
    return cell


def compact_table(chron: Chronology, events: Sequence[Event], width: int) -> Grid:
    """Two lines an event: date and title, then time of day, claimant, places and id."""
    if width < NARROW:
        grid = _table(("Date", {"max_width": 12}), ("Event", {"ratio": 1}))
        for e in events:
            grid.add_row(when_cell(e), _compact_cell(chron, e, narrow=True))
        return grid
    grid = _table(
        ("Date", {"min_width": 11, "max_width": 14}),
        ("Event", {"ratio": 1, "min_width": 20}),
        ("¶", {"min_width": 3, "max_width": 5}),
    )
    for e in events:
        grid.add_row(when_cell(e), _compact_cell(chron, e, narrow=False), sources_cell(e.sources))
    return grid


def _under_way_line(e: Event) -> Text:
    """One line an event (wrapped only where the screen is narrow): its dates, title and id."""
    line = _t(f" {human_span(e.date)}  ")
    line.append(safe(e.title))
    line.append(f" · {safe(e.id)}", style="dim")
    return line


def print_events(
    console: Console, chron: Chronology, events: Sequence[Event], title: str, full: bool
) -> None:
    """A plain list of events (a place's or an actor's), compact or full."""
    if not events:
        console.print(_t(f"No events match: {title}."))
        return
    heading = _t(f"{title} — {_plural(len(events), 'event')}")
    if full:
        console.print(events_table(chron, events, heading.plain, console.width))
    else:
        console.print(heading)
        console.print(compact_table(chron, events, console.width))
    if any(e.is_claim for e in events):
        console.print(_t(CLAIM_NOTE, "dim"))


def print_timeline(console: Console, chron: Chronology, tl: Timeline, full: bool) -> None:
    """The timeline proper, then the events already under way when the range begins."""
    title = f"Timeline: {tl.description}"
    if not tl.events and not tl.under_way:
        console.print(_t(f"No events match: {title}."))
        return
    shown = len(tl.events)
    count = _plural(tl.matched, "event")
    if shown < tl.matched:
        count = f"the first {shown} of {count} (--limit)"
    console.print(_t(f"{title} — {count}", "bold"))
    if tl.under_way and tl.start is not None:
        background = tl.background_under_way
        also = f" ({background} of them background)" if background else ""
        listed = "is listed at the end; --within leaves it out"
        if len(tl.under_way) > 1:
            listed = "are listed at the end; --within leaves them out"
        console.print(
            _t(
                f"{_plural(len(tl.under_way), 'earlier event')}{also} still under way on "
                f"{day_text(tl.start)} {listed}.",
                "dim",
            )
        )
    if tl.left_out:
        console.print(
            _t(f"--within left out {_plural(tl.left_out, 'event')} not wholly in range.", "dim")
        )
    if tl.events:
        body = (
            events_table(chron, tl.events, "", console.width)
            if full
            else compact_table(chron, tl.events, console.width)
        )
        console.print(body)
    elif tl.under_way:
        console.print(_t("No event begins in the range; some were under way.", "dim"))
    if tl.under_way:
        assert tl.start is not None
        console.print()
        console.print(_t(f"Already under way on {day_text(tl.start)}", "bold"))
        for e in tl.under_way:
            console.print(_under_way_line(e))
    if any(e.is_claim for e in tl.all_events):
        console.print(_t(CLAIM_NOTE, "dim"))
