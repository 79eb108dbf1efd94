"""render/text.py: human dates against the calendar, spelt out by hand, and authors' names."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.model import ARTICLE, Chronology, Precision, Qualifier, Span
from shusha_cli.render.text import author_name, day_text, human_span

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def span(
    start: str,
    end: str | None,
    precision: Precision = Precision.DAY,
    qualifier: Qualifier | None = None,
) -> Span:
    return Span(
        dt.date.fromisoformat(start),
        None if end is None else dt.date.fromisoformat(end),
        "typed",
        precision,
        qualifier,
    )


def test_day_text_names_every_day_of_a_leap_year() -> None:
    day = dt.date(2020, 1, 1)
    while day.year == 2020:
        assert day_text(day) == f"{day.day} {MONTHS[day.month - 1]} 2020"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (span("2020-11-08", "2020-11-08"), "8 Nov 2020"),
        (span("2020-11-01", "2020-11-30", Precision.MONTH), "Nov 2020"),
        (span("2019-01-01", "2019-12-31", Precision.YEAR), "2019"),
        (span("2020-11-10", None, Precision.INTERVAL), "from 10 Nov 2020"),
        # an open end wins over any precision
        (span("2020-11-10", None, Precision.DAY), "from 10 Nov 2020"),
        (span("2020-10-21", "2020-10-29", Precision.INTERVAL), "21–29 Oct 2020"),
        (span("2020-09-27", "2020-11-10", Precision.INTERVAL), "27 Sep – 10 Nov 2020"),
        (span("2019-12-30", "2020-01-02", Precision.INTERVAL), "30 Dec 2019 – 2 Jan 2020"),
        (span("1991-01-01", "1994-12-31", Precision.INTERVAL), "1991–1994"),
        # whole years need both ends on the year's edges, each of the four fields
        (span("1991-01-02", "1994-12-31", Precision.INTERVAL), "2 Jan 1991 – 31 Dec 1994"),
        (span("1991-02-01", "1994-12-31", Precision.INTERVAL), "1 Feb 1991 – 31 Dec 1994"),
        (span("1991-01-01", "1994-11-30", Precision.INTERVAL), "1 Jan 1991 – 30 Nov 1994"),
        (span("1991-01-01", "1994-12-30", Precision.INTERVAL), "1 Jan 1991 – 30 Dec 1994"),
        # an interval inside one day is still written as a range of days
        (span("2020-11-08", "2020-11-08", Precision.INTERVAL), "8–8 Nov 2020"),
    ],
)
def test_human_span_in_words(given: Span, expected: str) -> None:
    assert human_span(given) == expected


@pytest.mark.parametrize(
    ("qualifier", "suffix"),
    [
        (None, ""),
        (Qualifier.UNCERTAIN, " (uncertain)"),
        (Qualifier.APPROXIMATE, " (approx.)"),
        (Qualifier.BOTH, " (approx., uncertain)"),
    ],
)
@pytest.mark.parametrize(
    ("given", "words"),
    [
        (span("2020-11-08", "2020-11-08"), "8 Nov 2020"),
        (span("2020-05-01", "2020-05-31", Precision.MONTH), "May 2020"),
        (span("2020-01-01", "2020-12-31", Precision.YEAR), "2020"),
        (span("2020-10-21", "2020-10-29", Precision.INTERVAL), "21–29 Oct 2020"),
        (span("2020-11-10", None, Precision.INTERVAL), "from 10 Nov 2020"),
    ],
)
def test_every_qualifier_is_said_after_every_form(
    given: Span, words: str, qualifier: Qualifier | None, suffix: str
) -> None:
    qualified = Span(given.start, given.end, given.text, given.precision, qualifier)
    assert human_span(qualified) == words + suffix


def test_author_name_is_the_article_or_the_claimant(shipped: Chronology) -> None:
    assert author_name(shipped, ARTICLE) == "the article"
    for actor in shipped.actors:
        assert author_name(shipped, actor.id) == actor.name
