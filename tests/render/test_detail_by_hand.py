"""render/detail.py: ``show`` and ``claims`` as printed, every field and block, from the view.

Each printed object is turned back into data (a Text into (text, style) pieces, a table into its
column options and rows, a group into its parts) and compared with the same thing written out
from the records' fields.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from rich.console import Group
from rich.table import Table
from rich.text import Text

from shusha_cli.core.model import (
    Actor,
    Chronology,
    Event,
    Place,
    Qualifier,
    Quote,
    Span,
    TimeOfDay,
)
from shusha_cli.render import detail, table
from shusha_cli.render.grid import Grid
from shusha_cli.render.text import human_span
from shusha_cli.views import claims
from shusha_cli.views.show import EventDetail, Linked, Neighbours, QuoteDetail, show
from tests.render.by_hand import Pieces, Recorder, joined, pieces

EVENTS = [
    "pogosyan-admits-shusha-lost",
    "hovhannisyan-refutes-shusha-capture",
    "harutyunyan-admits-shusha-loss",
    "shusha-resistance-crushed",
    "rumours-of-larger-azerbaijani-force",
]
QUOTES = ["q-harutyunyan-shusha-lost", "q-sabotage-groups", "q-le-monde-khankendi"]


def shown(item: Any) -> object:
    if item is None:
        return None
    if isinstance(item, Text):
        return pieces(item)
    if isinstance(item, Group):
        return ("group", [shown(x) for x in item.renderables])
    if isinstance(item, Grid):
        return (
            "grid",
            None if item.title is None else item.title.plain,
            [(c.header, c.min_width, c.max_width, c.ratio, c.justify) for c in item.columns],
            item.expand,
            [[pieces(c) for c in row] for row in item.rows],
        )
    assert isinstance(item, Table)
    cols = [(str(c.style), c.no_wrap, c.max_width, c.min_width, c.overflow) for c in item.columns]
    cells = [[shown(c) for c in col._cells] for col in item.columns]
    return ("table", item.padding, cols, [list(r) for r in zip(*cells, strict=True)])


def printed(console: Recorder) -> list[object]:
    return [shown(x) for x in console.printed]


FIELDS = [("bold", True, None, None, "ellipsis"), ("", False, None, None, "fold")]


def fields(rows: list[tuple[str, Pieces | str]]) -> object:
    out = [[[(k, "")], v if isinstance(v, list) else [(v, "")]] for k, v in rows if v]
    return ("table", (0, 2, 0, 2), FIELDS, out)


def when(span: Span, tod: TimeOfDay | None = None) -> str:
    return human_span(span) + ("" if tod is None else ", " + tod.value)


def who(actor: Actor | None) -> str:
    return "the article" if actor is None else f"{actor.name} ({actor.side.value})"


def date_field(span: Span, tod: TimeOfDay | None) -> str:
    q = "" if span.qualifier is None else ", " + span.qualifier.value
    return f"{when(span, tod)}  (given as {span.text}: precision {span.precision.value}{q})"


def place_names(places: tuple[Place, ...]) -> Pieces:
    parts: list[tuple[str, str]] = []
    for n, p in enumerate(places):
        parts.append(("\n" if n else "", ""))
        parts.append((p.name, "bold"))
        if p.aliases:
            parts.append((" — also " + ", ".join(p.aliases), ""))
    return joined(*parts)


def contested(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    return "contested matter " + ", ".join(map(str, numbers)) + " (see: shusha claims)"


def block(rec: Event | Quote, when_: str, by: str) -> Pieces:
    if isinstance(rec, Event):
        middle = ("\n" + rec.title, "")
    else:
        middle = ("\nquote, " + (rec.medium or rec.occasion.value), "italic")
    return joined((f"{when_} · {by}", "bold"), middle, ("\n" + rec.id, "dim"))


def grid(*widths: int) -> list[tuple[str, bool, int | None, int | None, str]]:
    return [("", True, w, None, "ellipsis") for w in widths] + [("", False, None, None, "fold")]


def said_when(rec: Event | Quote) -> Span:
    if isinstance(rec, Quote):
        return rec.date
    return rec.reported or rec.date


def links(ks: tuple[Linked, ...]) -> list[object]:
    if not ks:
        return []
    rows: list[list[object]] = []
    previous = None
    for k in ks:
        if previous is not None and k.relation != previous:
            rows.append([[], []])
        colour = "yellow" if k.relation.startswith("contradict") else "green"
        label = [] if k.relation == previous else [(k.relation, colour)]
        previous = k.relation
        # the time of day is the saying's only when it was made public the same day
        tod = k.other.time_of_day if isinstance(k.other, Event) and not k.other.reported else None
        rows.append([label, block(k.other, when(said_when(k.other), tod), who(k.by))])
    title = "Confirmations and contradictions, both directions"
    return [None, ("group", [[(title, "bold")], ("table", (0, 2, 0, 2), grid(21), rows)])]


def neighbours(chron: Chronology, ns: tuple[Neighbours, ...]) -> list[object]:
    if not ns:
        return []
    rows: list[list[object]] = []
    for n in ns:
        for label, e in (("before", n.before), ("after", n.after)):
            if e is None:
                cell = [("nothing recorded", "dim")]
            else:
                by = who(chron.actor(e.attribution)) if e.is_claim else "the article"
                cell = block(e, when(e.date, e.time_of_day), by)
            place = [(n.place.name, "bold")] if label == "before" else []
            rows.append([place, [(label, "")], cell])
    title = "Just before and just after, at the same places"
    return [None, ("group", [[(title, "bold")], ("table", (0, 2, 0, 2), grid(18, 6), rows)])]


def quotes_part(chron: Chronology, quotes: tuple[Quote, ...]) -> list[object]:
    if not quotes:
        return []
    console = Recorder(80)
    table.print_quotes(console, chron, quotes, "Quotes about it")
    return [None, *printed(console)]


def control(chron: Chronology, e: Event) -> str:
    lines = []
    for c in e.control:
        line = f"{chron.place(c.place).name}: to {c.to.value}"
        if c.from_ is not None:
            line += f" from {c.from_.value}"
        if c.extent.value == "partial":
            line += " (partial)"
        lines.append(line)
    return "\n".join(lines)


def event_page(chron: Chronology, d: EventDetail) -> list[object]:
    e = d.event
    account = (
        "the article's own account"
        if d.claimant is None
        else f"⚑ claim by {who(d.claimant)}, not the article's own account"
    )
    return [
        [(e.title, "bold underline")],
        fields(
            [
                ("id", f"{e.id} (event)"),
                ("type", e.type.value),
                ("date", date_field(e.date, e.time_of_day)),
                ("how dated", e.date_note),
                ("made public", date_field(e.reported, None) if e.reported else ""),
                ("places", place_names(d.places)),
                ("actors", "\n".join(who(a) for a in d.actors)),
                ("account", account),
                ("summary", e.summary),
                ("control", control(chron, e)),
                ("paragraphs", " ".join(f"¶{n}" for n in e.sources)),
                ("notes", e.notes),
                ("contested", contested(d.matters)),
            ]
        ),
        *links(d.links),
        *neighbours(chron, d.neighbours),
        *quotes_part(chron, d.quotes),
    ]


def quote_page(chron: Chronology, d: QuoteDetail) -> list[object]:
    q = d.quote
    role = f", {d.speaker.role}" if d.speaker.role else ""
    about: list[object] = []
    if d.events:
        about = [None, shown(table.events_table(chron, d.events, "The events it speaks about"))]
    return [
        [(f"Quote by {d.speaker.name}", "bold underline")],
        fields(
            [
                ("id", f"{q.id} (quote)"),
                ("speaker", who(d.speaker) + role),
                ("date", date_field(q.date, None)),
                ("occasion", q.occasion.value + (f": {q.medium}" if q.medium else "")),
                ("places", place_names(d.places)),
                ("context", q.context),
                ("paragraphs", " ".join(f"¶{n}" for n in q.sources)),
                ("contested", contested(d.matters)),
            ]
        ),
        None,
        [(f"“{q.text}”", "")],
        *about,
        *links(d.links),
    ]


@pytest.mark.parametrize("ident", EVENTS)
def test_show_an_event(shipped: Chronology, ident: str) -> None:
    d = show(shipped, ident)
    assert isinstance(d, EventDetail)
    console = Recorder(100)
    detail.print_detail(console, shipped, d)
    assert printed(console) == event_page(shipped, d)


def test_the_events_shown_have_every_part(shipped: Chronology) -> None:
    details = [show(shipped, i) for i in EVENTS]
    assert all(isinstance(d, EventDetail) for d in details)
    es = [d for d in details if isinstance(d, EventDetail)]
    assert any(d.claimant is None for d in es)
    assert any(d.claimant is not None for d in es)
    assert any(d.event.reported for d in es)
    assert any(d.event.control for d in es)
    assert any(d.event.notes for d in es)
    assert any(d.event.time_of_day for d in es)
    assert any(n.before is None or n.after is None for d in es for n in d.neighbours)
    assert any(isinstance(k.other, Quote) for d in es for k in d.links)
    assert any(k.by is None for d in es for k in d.links)
    assert any(len({k.relation for k in d.links}) > 1 for d in es)


def test_an_event_with_little_recorded(shipped: Chronology) -> None:
    d = show(shipped, EVENTS[3])
    assert isinstance(d, EventDetail)
    e = d.event
    own = dataclasses.replace(
        e,
        date=Span(e.date.start, e.date.end, "?", e.date.precision, Qualifier.BOTH),
        date_note="",
        reported=None,
        notes="",
        control=(*e.control, dataclasses.replace(e.control[0], from_=None)),
    )
    bare = dataclasses.replace(
        d, event=own, places=(), actors=(), links=(), neighbours=(), quotes=(), matters=()
    )
    console = Recorder(100)
    detail.print_detail(console, shipped, bare)
    page = printed(console)
    assert page == event_page(shipped, bare)
    assert len(page) == 2


@pytest.mark.parametrize("ident", QUOTES)
def test_show_a_quote(shipped: Chronology, ident: str) -> None:
    d = show(shipped, ident)
    assert isinstance(d, QuoteDetail)
    console = Recorder(100)
    detail.print_detail(console, shipped, d)
    assert printed(console) == quote_page(shipped, d)


def test_a_quote_with_little_recorded(shipped: Chronology) -> None:
    d = show(shipped, QUOTES[0])
    assert isinstance(d, QuoteDetail)
    q = d.quote
    q = dataclasses.replace(
        q,
        medium="",
        context="",
        sources=(3, 14),
        date=Span(q.date.start, q.date.end, "~x", q.date.precision, Qualifier.APPROXIMATE),
    )
    speaker = dataclasses.replace(d.speaker, role=None)
    bare = dataclasses.replace(
        d, quote=q, speaker=speaker, places=(), events=(), links=(), matters=()
    )
    console = Recorder(100)
    detail.print_detail(console, shipped, bare)
    assert printed(console) == quote_page(shipped, bare)
    assert printed(console)[1][3][3][1] == [(q.occasion.value, "")]  # type: ignore[index]


# --- claims ----------------------------------------------------------------------------------

BEARS = {
    "claim": "consistent with the claim",
    "counter": "at odds with the claim",
    "later": "later, at the same place",
}


def said(s: claims.Said) -> Pieces:
    parts = [(when(s.when, s.time_of_day), "bold cyan")]
    if isinstance(s.record, Event) and s.record.reported is not None:
        parts.append((f" (of {human_span(s.record.date)})", "cyan"))
    parts += [
        (" · ", ""),
        (who(s.by), "bold"),
        ("\n" + s.title, ""),
        ("\n" + " ".join([s.record.id, *(q.id for q in s.quotes)]), "dim"),
    ]
    return joined(*parts)


def evidence(x: claims.Evidence) -> Pieces:
    return joined(
        (when(x.event.date, x.event.time_of_day), "bold cyan"),
        (" · ", ""),
        (BEARS[x.bears_out], "yellow"),
        ("\n" + x.event.title, ""),
        ("\n" + x.event.id, "dim"),
    )


def blocks(items: list[Pieces], none: str) -> Pieces:
    if not items:
        return [(none, "dim")]
    out: list[tuple[str, str]] = []
    for n, item in enumerate(items):
        if n:
            out.append(("\n\n", ""))
        out += item
    return joined(*out)


NO_COUNTER = "no party's answer recorded; see the article's account"


def head(m: claims.Matter) -> Pieces:
    parts = [(f"{m.number}. {m.title}", "bold underline")]
    if m.places:
        parts.append(("\nat " + ", ".join(p.name for p in m.places[:3]), "dim"))
        if len(m.places) > 3:
            parts.append((f" and {len(m.places) - 3} more", "dim"))
    return joined(*parts)


def loop(m: claims.Matter) -> list[object]:
    if not m.same_side:
        return []
    pairs = "; ".join(f"{a} and {b}" for a, b in m.same_side)
    text = (
        "Not two-sided: these records contradict each other in a loop of an odd number of "
        f"records, yet stand in one position: {pairs}."
    )
    return [[(text, "bold")]]


def matter(m: claims.Matter, wide: bool) -> object:
    claim = blocks([said(s) for s in m.claim], "none recorded")
    counter = blocks([said(s) for s in m.counter], NO_COUNTER)
    article = blocks([evidence(x) for x in m.article], "none recorded")
    if wide:
        body: object = (
            "grid",
            None,
            [
                ("Claimed", 1, None, 1, "left"),
                ("Contradicted by", 1, None, 1, "left"),
                ("The article's account", 1, None, 1, "left"),
            ],
            True,
            [[claim, counter, article]],
        )
    else:
        rows = [
            [[("Claimed", "")], claim],
            [[], []],
            [[("Contradicted by", "")], counter],
            [[], []],
            [[("The article", "")], article],
        ]
        cols = [("bold", True, None, 9, "ellipsis"), ("", False, None, None, "fold")]
        body = ("table", (0, 1, 0, 1), cols, rows)
    return ("group", [head(m), body, *loop(m)])


INTRO = (
    "Each matter: what one party claimed, what contradicted it, and the events of the "
    "article's own account linked to either. Ids can be passed to 'shusha show'."
)


def variants(shipped: Chronology) -> list[claims.Matter]:
    """The shipped matters, and one with nothing on either side and an odd loop."""
    ms = claims.matters(shipped)
    odd = dataclasses.replace(
        ms[0], claim=(), counter=(), article=(), places=ms[0].places[:3],
        same_side=(("a", "b"), ("c", "d")),
    )  # fmt: skip
    four = dataclasses.replace(ms[1], places=(*ms[0].places, *ms[1].places)[:4])
    return [*ms, odd, four]


@pytest.mark.parametrize("width", [120, 119])
def test_claims(shipped: Chronology, width: int) -> None:
    ms = variants(shipped)
    assert any(len(m.places) > 4 for m in ms)
    assert any(len(m.places) == 4 for m in ms)
    assert any(s.quotes for m in ms for s in m.claim)
    assert {x.bears_out for m in ms for x in m.article} == set(BEARS)
    console = Recorder(width)
    detail.print_claims(console, ms, "All")
    expected: list[object] = [[(f"All — {len(ms)} contested matters", "bold")], [(INTRO, "dim")]]
    for m in ms:
        expected += [None, matter(m, wide=width >= 120)]
    assert printed(console) == expected


def test_one_matter_and_none(shipped: Chronology) -> None:
    ms = claims.matters(shipped)[:1]
    console = Recorder(80)
    detail.print_claims(console, ms, "One")
    assert printed(console)[0] == [("One — 1 contested matter", "bold")]
    console = Recorder(80)
    detail.print_claims(console, [], "Nothing")
    assert printed(console) == [[("No contested matters match: Nothing.", "")]]
