"""Plain-text helpers shared by the table renderers: human dates, authors, and safe strings."""

from __future__ import annotations

import datetime as dt

from shusha_cli.core.model import ARTICLE, Chronology, Precision, Qualifier, Span


def day_text(value: dt.date) -> str:
    """A day in words: '8 Nov 2020'."""
    return f"{value.day} {value.strftime('%b %Y')}"


def human_span(span: Span) -> str:
    """A date as the source gives it, in words: '29 Oct 2020', '21–29 Oct 2020', 'May 2019'."""
    start, end = span.start, span.end
    if end is None:
        text = f"from {day_text(start)}"
    elif span.precision is Precision.DAY:
        text = day_text(start)
    elif span.precision is Precision.MONTH:
        text = start.strftime("%b %Y")
    elif span.precision is Precision.YEAR:
        text = str(start.year)
    elif start.year != end.year:
        whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        text = f"{start.year}–{end.year}" if whole_years else f"{day_text(start)} – {day_text(end)}"
    elif start.month != end.month:
        text = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    else:
        text = f"{start.day}–{end.day} {end:%b %Y}"
    if span.qualifier is Qualifier.UNCERTAIN:
        text += " (uncertain)"
    elif span.qualifier is Qualifier.APPROXIMATE:
        text += " (approx.)"
    elif span.qualifier is Qualifier.BOTH:
        text += " (approx., uncertain)"
    return text


def author_name(chron: Chronology, ident: str) -> str:
    """Whose account a record is: "the article", or the claimant's name."""
    return "the article" if ident == ARTICLE else chron.actor(ident).name
