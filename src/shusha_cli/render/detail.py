"""Tables for ``shusha show`` (one record in full) and ``shusha claims`` (contested matters).

Like :mod:`shusha_cli.render.table`, every piece of data goes into a :class:`rich.text.Text`
through :func:`~shusha_cli.render.text.safe`: markup in the data prints literally and control
characters never reach the terminal. Long cells wrap; nothing is cut.

``claims`` has two layouts. Side by side (claim | counter-claim | the article's account) needs
about 40 columns a column to keep ids and titles readable, so below :data:`SIDE_BY_SIDE` columns
each matter is printed as a stack of labelled sections instead — the same content, in the same
order.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from shusha_cli.core.inert import safe
from shusha_cli.core.model import Actor, Chronology, Event, Place, Quote, Span, TimeOfDay
from shusha_cli.render.grid import cell as _t
from shusha_cli.render.grid import table as _table
from shusha_cli.render.table import events_table, print_quotes
from shusha_cli.render.text import human_span
from shusha_cli.views.claims import (
    CLAIM,
    COUNTER,
    LATER,
    Evidence,
    Matter,
    Said,
    said_time,
    said_when,
)
from shusha_cli.views.show import Detail, EventDetail, Linked, Neighbours, QuoteDetail

SIDE_BY_SIDE = 120
"""The narrowest terminal on which ``claims`` puts the positions side by side."""


def _when(span: Span, tod: TimeOfDay | None = None) -> str:
    return human_span(span) + (f", {tod.value}" if tod is not None else "")


def _who(actor: Actor | None) -> str:
    return "the article" if actor is None else f"{actor.name} ({actor.side.value})"


def _place_names(places: Sequence[Place]) -> Text:
    out = Text()
    for n, p in enumerate(places):
        if n:
            out.append("\n")
        out.append(safe(p.name), style="bold")
        if p.aliases:
            out.append(" — also " + safe(", ".join(p.aliases)))
    return out


def _fields(rows: Sequence[tuple[str, Text | str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in rows:
        if value:
            grid.add_row(_t(key), value if isinstance(value, Text) else _t(value))
    return grid


def _record_block(rec: Event | Quote, when: str, by: str) -> Text:
    """A linked record: when and by whom, its title (a quote: where it was said), its id.

    A quote's words are not repeated here; ``shusha show`` on its id prints them in full.
    """
    text = _t(f"{when} · {by}", "bold")
    if isinstance(rec, Event):
        text.append("\n" + safe(rec.title))
    else:
        text.append("\nquote, " + safe(rec.medium or rec.occasion.value), style="italic")
    text.append("\n" + safe(rec.id), style="dim")
    return text


def _matters_line(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    listed = ", ".join(str(n) for n in numbers)
    return f"contested matter {listed} (see: shusha claims)"


def _grid(*widths: int) -> Table:
    """Label columns that never wrap, then one column that takes the rest and folds."""
    grid = Table.grid(padding=(0, 2))
    for width in widths:
        grid.add_column(no_wrap=True, max_width=width)
    grid.add_column(overflow="fold")
    return grid


def _section(title: str, body: Table) -> Group:
    return Group(_t(title, "bold"), body)


def _links(links: Sequence[Linked]) -> Group | None:
    if not links:
        return None
    grid = _grid(21)
    previous = ""
    for k in links:
        style = "yellow" if k.relation.startswith("contradict") else "green"
        if previous and k.relation != previous:
            grid.add_row(Text(""), Text(""))
        label = _t(k.relation if k.relation != previous else "", style)
        previous = k.relation
        when = _when(said_when(k.other), said_time(k.other))
        grid.add_row(label, _record_block(k.other, when, _who(k.by)))
    return _section("Confirmations and contradictions, both directions", grid)


def _neighbours(chron: Chronology, rows: Sequence[Neighbours]) -> Group | None:
    if not rows:
        return None
    grid = _grid(18, 6)
    for n in rows:
        for label, e in (("before", n.before), ("after", n.after)):
            if e is None:
                cell = _t("nothing recorded", "dim")
            else:
                by = "the article" if not e.is_claim else _who(chron.actor(e.attribution))
                cell = _record_block(e, _when(e.date, e.time_of_day), by)
            place = _t(n.place.name, "bold") if label == "before" else Text("")
            grid.add_row(place, _t(label), cell)
    return _section("Just before and just after, at the same places", grid)


def _control(chron: Chronology, e: Event) -> str:
    parts = []
    for c in e.control:
        text = f"{chron.place(c.place).name}: to {c.to.value}"
        text += f" from {c.from_.value}" if c.from_ else ""
        text += " (partial)" if c.extent.value == "partial" else ""
        parts.append(text)
    return "\n".join(parts)


def _date_field(span: Span, tod: TimeOfDay | None) -> str:
    precision = span.precision.value
    qualifier = f", {span.qualifier.value}" if span.qualifier is not None else ""
    return f"{_when(span, tod)}  (given as {span.text}: precision {precision}{qualifier})"


def _print_parts(console: Console, parts: Sequence[RenderableType | None]) -> None:
    for part in parts:
        if part is not None:
            console.print()
            console.print(part)


def _print_event(console: Console, chron: Chronology, d: EventDetail) -> None:
    e = d.event
    console.print(_t(e.title, "bold underline"))
    claim = ""
    if d.claimant is not None:
        claim = f"⚑ claim by {_who(d.claimant)}, not the article's own account"
    console.print(
        _fields(
            [
                ("id", f"{e.id} (event)"),
                ("type", e.type.value),
                ("date", _date_field(e.date, e.time_of_day)),
                ("how dated", e.date_note),
                ("made public", _date_field(e.reported, None) if e.reported else ""),
                ("places", _place_names(d.places)),
                ("actors", "\n".join(_who(a) for a in d.actors)),
                ("account", claim or "the article's own account"),
                ("summary", e.summary),
                ("control", _control(chron, e)),
                ("paragraphs", " ".join(f"¶{n}" for n in e.sources)),
                ("notes", e.notes),
                ("contested", _matters_line(d.matters)),
            ]
        )
    )
    _print_parts(console, [_links(d.links), _neighbours(chron, d.neighbours)])
    if d.quotes:
        console.print()
        print_quotes(console, chron, d.quotes, "Quotes about it")


def _print_quote(console: Console, chron: Chronology, d: QuoteDetail) -> None:
    q = d.quote
    console.print(_t(f"Quote by {d.speaker.name}", "bold underline"))
    console.print(
        _fields(
            [
                ("id", f"{q.id} (quote)"),
                ("speaker", _who(d.speaker) + (f", {d.speaker.role}" if d.speaker.role else "")),
                ("date", _date_field(q.date, None)),
                ("occasion", q.occasion.value + (f": {q.medium}" if q.medium else "")),
                ("places", _place_names(d.places)),
                ("context", q.context),
                ("paragraphs", " ".join(f"¶{n}" for n in q.sources)),
                ("contested", _matters_line(d.matters)),
            ]
        )
    )
    console.print()
    console.print(_t(f"“{q.text}”"))
    about = events_table(chron, d.events, "The events it speaks about") if d.events else None
    _print_parts(console, [about, _links(d.links)])


def print_detail(console: Console, chron: Chronology, detail: Detail) -> None:
    """``shusha show``: an event or a quote with everything linked to it."""
    if isinstance(detail, QuoteDetail):
        _print_quote(console, chron, detail)
    else:
        _print_event(console, chron, detail)


# --- claims ------------------------------------------------------------------------------------

_HEADINGS = {CLAIM: "Claimed", COUNTER: "Contradicted by"}
_BEARS = {CLAIM: "consistent with the claim", COUNTER: "at odds with the claim",
          LATER: "later, at the same place"}  # fmt: skip


def _said_block(s: Said) -> Text:
    text = _t(_when(s.when, s.time_of_day), "bold cyan")
    if isinstance(s.record, Event) and s.record.reported is not None:
        text.append(f" (of {safe(human_span(s.record.date))})", style="cyan")
    text.append(" · ")
    text.append(safe(_who(s.by)), style="bold")
    text.append("\n" + safe(s.title))
    ids = [s.record.id, *(q.id for q in s.quotes)]
    text.append("\n" + safe(" ".join(ids)), style="dim")
    return text


def _evidence_block(x: Evidence) -> Text:
    text = _t(_when(x.event.date, x.event.time_of_day), "bold cyan")
    text.append(" · ")
    text.append(_BEARS[x.bears_out], style="yellow")
    text.append("\n" + safe(x.event.title))
    text.append("\n" + safe(x.event.id), style="dim")
    return text


def _blocks(blocks: Sequence[Text], none: str = "none recorded") -> Text:
    if not blocks:
        return _t(none, "dim")
    return Text("\n\n").join(blocks)


_NO_COUNTER = "no party's answer recorded; see the article's account"


def _matter_head(m: Matter) -> Text:
    head = _t(f"{m.number}. {m.title}", "bold underline")
    if m.places:
        head.append("\nat " + safe(", ".join(p.name for p in m.places[:3])), style="dim")
        if len(m.places) > 3:
            head.append(f" and {len(m.places) - 3} more", style="dim")
    return head


def _matter_wide(m: Matter) -> RenderableType:
    table = _table(
        (_HEADINGS[CLAIM], {"ratio": 1}),
        (_HEADINGS[COUNTER], {"ratio": 1}),
        ("The article's account", {"ratio": 1}),
    )
    table.expand = True  # the same columns for every matter, so they line up down the page
    table.add_row(
        _blocks([_said_block(s) for s in m.claim]),
        _blocks([_said_block(s) for s in m.counter], _NO_COUNTER),
        _blocks([_evidence_block(x) for x in m.article]),
    )
    return Group(_matter_head(m), table, *_loop_note(m))


def _matter_stacked(m: Matter) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True, min_width=9)
    grid.add_column(overflow="fold")
    sections = [
        (_HEADINGS[CLAIM], [_said_block(s) for s in m.claim], ""),
        (_HEADINGS[COUNTER], [_said_block(s) for s in m.counter], _NO_COUNTER),
        ("The article", [_evidence_block(x) for x in m.article], ""),
    ]
    for n, (label, blocks, none) in enumerate(sections):
        if n:
            grid.add_row(Text(""), Text(""))
        grid.add_row(_t(label), _blocks(blocks, none or "none recorded"))
    return Group(_matter_head(m), grid, *_loop_note(m))


def _loop_note(m: Matter) -> list[Text]:
    """Say so when the contradictions go round an odd loop: two positions cannot honour it."""
    if not m.same_side:
        return []
    pairs = "; ".join(f"{a} and {b}" for a, b in m.same_side)
    return [
        _t(
            "Not two-sided: these records contradict each other in a loop of an odd number of "
            f"records, yet stand in one position: {pairs}.",
            "bold",
        )
    ]


def print_claims(console: Console, matters: Sequence[Matter], title: str) -> None:
    """``shusha claims``: each contested matter, its two positions and the article's account."""
    if not matters:
        console.print(_t(f"No contested matters match: {title}."))
        return
    noun = "matter" if len(matters) == 1 else "matters"
    console.print(_t(f"{title} — {len(matters)} contested {noun}", "bold"))
    console.print(
        _t(
            "Each matter: what one party claimed, what contradicted it, and the events of the "
            "article's own account linked to either. Ids can be passed to 'shusha show'.",
            "dim",
        )
    )
    wide = console.width >= SIDE_BY_SIDE
    for m in matters:
        console.print()
        console.print(_matter_wide(m) if wide else _matter_stacked(m))
