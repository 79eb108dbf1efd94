"""TimelineJS3 JSON (timeline.knightlab.com/docs/json-format.html): the events as slides.

A date is given only as precisely as the data has it: a month is ``{year, month}``, a year
``{year}``, an interval a start and an end each as written. A slide's ``display_date`` is the
chronology's own wording ("7 Nov 2020 (uncertain)", "21–29 Oct 2020, night"), so an uncertain
or approximate day never reads as a sure one. TimelineJS renders text as HTML, so every string
from the data is escaped. The data has no phases, so the timeline has no eras.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from shusha_cli.core.model import Chronology, Event, Span
from shusha_cli.render.text import day_text, human_span

Obj = dict[str, Any]


def _point(part: str, fallback_year: int) -> Obj:
    """One written end of a date (never an open one) as a TimelineJS date object."""
    pieces = part.rstrip("?~%").split("-")
    if not pieces[0].isdigit():  # unspecified digits (201X): the earliest year it can be
        return {"year": fallback_year}
    out: Obj = {"year": int(pieces[0])}
    if len(pieces) > 1 and pieces[1].isdigit():
        out["month"] = int(pieces[1])
        if len(pieces) > 2 and pieces[2].isdigit():
            out["day"] = int(pieces[2])
    return out


def dates(span: Span) -> tuple[Obj, Obj | None]:
    """The start and end date objects of a span, each as precise as its text."""
    first, _, second = span.text.partition("/")
    start = _point(first, span.start.year)
    if not second or span.end is None:  # a single date, or an open end ("A/..", "A/")
        return start, None
    return start, _point(second, span.end.year)


def _words(point: Obj) -> str:
    """A date object in words, no more precise than it is: '27 Sep 2020', 'Mar 1920', '2019'."""
    if "day" in point:
        return day_text(dt.date(point["year"], point["month"], point["day"]))
    if "month" in point:
        return f"{calendar.month_abbr[point['month']]} {point['year']}"
    return str(point["year"])


def display(span: Span) -> str:
    """The chronology's wording of a date; an interval of months or years keeps to them."""
    start, end = dates(span)
    if end is None or ("day" in start and "day" in end):
        return human_span(span)
    return f"{_words(start)} – {_words(end)}"


def _when(e: Event) -> str:
    words = display(e.date)
    if e.time_of_day is not None:
        words += f", {e.time_of_day.value}"
    if e.reported is not None:
        words += f" (made public {display(e.reported)})"
    return words


def _text(chron: Chronology, e: Event) -> str:
    """The slide's HTML: the summary, the places, whose account it is, and the paragraphs."""
    esc = html.escape
    paragraphs = ", ".join(f"¶{n}" for n in e.sources)
    if e.is_claim:
        claimant = chron.actor(e.attribution)
        account = (
            f"⚑ A claim by {esc(claimant.name)} ({esc(claimant.side.value)}), "
            "not the article's own account."
        )
    else:
        account = "The article's own account."
    parts = [f"<p>{esc(e.summary)}</p>"]
    if e.places:
        names = ", ".join(esc(chron.place(p).name) for p in e.places)
        parts.append(f"<p>Places: {names}</p>")
    parts.append(f"<p>{account}</p>")
    parts.append(f"<p>{paragraphs} of “{esc(chron.source.title)}” · id {esc(e.id)}</p>")
    return "".join(parts)


def slide(chron: Chronology, e: Event) -> Obj:
    start, end = dates(e.date)
    out: Obj = {"start_date": start}
    if end is not None:
        out["end_date"] = end
    out.update(
        {
            "display_date": _when(e),
            "text": {"headline": html.escape(e.title), "text": _text(chron, e)},
            "group": e.type.value,
            "unique_id": e.id,
            "autolink": False,
        }
    )
    return out


def timeline(chron: Chronology, events: Sequence[Event], description: str) -> Obj:
    """The whole TimelineJS3 document: a title slide and one slide per event, grouped by type."""
    intro = (
        f"Drawn from one source article, one side's narrative of a contested war: "
        f"{html.escape(chron.source.title)}. ⚑ marks a party's claim. Events: "
        f"{html.escape(description)}."
    )
    return {
        "title": {"text": {"headline": html.escape(chron.source.title), "text": intro}},
        "events": [slide(chron, e) for e in events],
        "scale": "human",
    }
