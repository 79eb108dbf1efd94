"""The date parsers: EDTF's own level 0 and 1 examples, typed dates, and their properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shusha_cli.core.dates import parse_edtf, parse_user_date
from shusha_cli.core.errors import DateError
from shusha_cli.core.model import Precision, Qualifier, Span

D = dt.date

# EDTF specification (Library of Congress, 2019), level 0 and level 1 examples we support.
SUPPORTED = [
    ("1985-04-12", D(1985, 4, 12), D(1985, 4, 12), Precision.DAY),
    ("1985-04", D(1985, 4, 1), D(1985, 4, 30), Precision.MONTH),
    ("1985", D(1985, 1, 1), D(1985, 12, 31), Precision.YEAR),
    ("1964/2008", D(1964, 1, 1), D(2008, 12, 31), Precision.INTERVAL),
    ("2004-06/2006-08", D(2004, 6, 1), D(2006, 8, 31), Precision.INTERVAL),
    ("2004-02-01/2005-02-08", D(2004, 2, 1), D(2005, 2, 8), Precision.INTERVAL),
    ("2004-02-01/2005-02", D(2004, 2, 1), D(2005, 2, 28), Precision.INTERVAL),
    ("2004-02-01/2005", D(2004, 2, 1), D(2005, 12, 31), Precision.INTERVAL),
    ("2005/2006-02", D(2005, 1, 1), D(2006, 2, 28), Precision.INTERVAL),
    ("1984?", D(1984, 1, 1), D(1984, 12, 31), Precision.YEAR),
    ("2004-06~", D(2004, 6, 1), D(2004, 6, 30), Precision.MONTH),
    ("2004-06-11%", D(2004, 6, 11), D(2004, 6, 11), Precision.DAY),
    ("201X", D(2010, 1, 1), D(2019, 12, 31), Precision.INTERVAL),
    ("20XX", D(2000, 1, 1), D(2099, 12, 31), Precision.INTERVAL),
    ("2004-XX", D(2004, 1, 1), D(2004, 12, 31), Precision.YEAR),
    ("1985-04-XX", D(1985, 4, 1), D(1985, 4, 30), Precision.MONTH),
    ("1985-XX-XX", D(1985, 1, 1), D(1985, 12, 31), Precision.YEAR),
    ("1985-04-12/..", D(1985, 4, 12), None, Precision.INTERVAL),
    ("1985-04/..", D(1985, 4, 1), None, Precision.INTERVAL),
    ("1985-04-12/", D(1985, 4, 12), None, Precision.INTERVAL),
    ("2020-02", D(2020, 2, 1), D(2020, 2, 29), Precision.MONTH),
]

# Level 0/1 forms we refuse rather than misread, with a word the message must contain.
REFUSED = [
    ("1985-04-12T23:20:30", "times"),
    ("1985-04-12T23:20:30Z", "times"),
    ("1985-04-12T23:20:30+04:30", "times"),
    ("Y170000002", "long or negative"),
    ("Y-170000002", "long or negative"),
    ("-1985", "long or negative"),
    ("2001-21", "seasons"),
    ("2001-24", "seasons"),
    ("../1985-04-12", "known start"),
    ("/1985-04-12", "known start"),
    ("1985-XX-12", "day without a month"),
    ("2004?-06-11", "one part"),
    ("2004-06-11/2004-06-01", "ends before"),
    ("2020-02-30", "not a day"),
    ("2020-13", "does not exist"),
    ("", "empty"),
    ("[1667,1668]", "sets"),
    ("1985-04-12/2020-01-01/2021", "exactly one"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), SUPPORTED)
def test_edtf_supported(
    text: str, start: dt.date, end: dt.date | None, precision: Precision
) -> None:
    span = parse_edtf(text)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == text


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_edtf_refused(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_edtf(text)


def test_edtf_qualifiers() -> None:
    assert parse_edtf("1984?").qualifier is Qualifier.UNCERTAIN
    assert parse_edtf("2004-06~").qualifier is Qualifier.APPROXIMATE
    assert parse_edtf("2004-06-11%").qualifier is Qualifier.BOTH
    assert parse_edtf("2004-06-11").qualifier is None


TYPED = [
    ("2020-10-29", D(2020, 10, 29), D(2020, 10, 29)),
    ("29 Oct 2020", D(2020, 10, 29), D(2020, 10, 29)),
    ("Oct 29", D(2020, 10, 29), D(2020, 10, 29)),
    ("29 October", D(2020, 10, 29), D(2020, 10, 29)),
    ("November 5, 2020", D(2020, 11, 5), D(2020, 11, 5)),
    ("2020-11", D(2020, 11, 1), D(2020, 11, 30)),
    ("Nov 2020", D(2020, 11, 1), D(2020, 11, 30)),
    ("november", D(2020, 11, 1), D(2020, 11, 30)),
    ("2020", D(2020, 1, 1), D(2020, 12, 31)),
    ("29/10", D(2020, 10, 29), D(2020, 10, 29)),
    ("29.10.2020", D(2020, 10, 29), D(2020, 10, 29)),
    ("5/5", D(2020, 5, 5), D(2020, 5, 5)),
]


@pytest.mark.parametrize(("text", "start", "end"), TYPED)
def test_typed_dates(text: str, start: dt.date, end: dt.date) -> None:
    span = parse_user_date(text, 2020)
    assert (span.start, span.end) == (start, end)


def test_typed_date_without_year_takes_the_chronology_year_not_today() -> None:
    assert parse_user_date("Oct 29", 1999).start == D(1999, 10, 29)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5/11", "ambiguous"),
        ("11/5/2020", "ambiguous"),
        ("garbage", "cannot read"),
        ("", "empty"),
        ("  ", "empty"),
        ("2020-02-30", "not a day"),
        ("31/02", "not a day"),
        ("29", "cannot read"),
        ("5/11/20", "four digits"),
        ("2020-13", "does not exist"),
        ("12:30", "cannot read"),
        ("Oct 29 12:30", "not a time"),
    ],
)
def test_typed_dates_refused(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_user_date(text, 2020)


days = st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31))


@st.composite
def edtf_strings(draw: st.DrawFn) -> str:
    def one() -> str:
        d = draw(days)
        form = draw(st.sampled_from(["day", "month", "year"]))
        return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[form]

    kind = draw(st.sampled_from(["single", "interval", "open", "qualified"]))
    if kind == "single":
        return one()
    if kind == "qualified":
        return one() + draw(st.sampled_from("?~%"))
    if kind == "open":
        return one() + "/.."
    a, b = sorted([one(), one()], key=lambda s: parse_edtf(s).start)
    return f"{a}/{b}"


@given(edtf_strings())
def test_earliest_is_never_after_latest(text: str) -> None:
    start = parse_edtf(text.split("/")[0].rstrip("?~%")).start
    end_part = text.split("/")[1] if "/" in text else ""
    if end_part not in ("", "..") and parse_edtf(end_part).end < start:  # type: ignore[operator]  # a closed part always has an end
        # a year or month end can fall before a later start's day: refused, never misread
        with pytest.raises(DateError, match="ends before"):
            parse_edtf(text)
        return
    span = parse_edtf(text)
    assert span.end is None or span.start <= span.end


@given(edtf_strings(), edtf_strings())
def test_overlap_is_symmetric(a: str, b: str) -> None:
    try:
        x, y = parse_edtf(a), parse_edtf(b)
    except DateError:
        return
    assert x.overlaps(y) == y.overlaps(x)
    assert x.overlaps(x)


@given(days, days)
def test_overlap_matches_day_sets(a: dt.date, b: dt.date) -> None:
    lo, hi = min(a, b), max(a, b)
    span = Span(lo, hi, "")
    probe = Span(a, a, "")
    assert span.overlaps(probe)
    assert not Span(hi + dt.timedelta(days=1), hi + dt.timedelta(days=2), "").overlaps(span)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_typed_forms_agree(day: dt.date) -> None:
    forms = [day.isoformat(), f"{day.day} {day:%b %Y}", f"{day:%B} {day.day}, {day.year}"]
    for form in forms:
        span = parse_user_date(form, 2020)
        assert span.start == span.end == day, form


@given(st.text(max_size=30))
def test_typed_dates_never_crash(text: str) -> None:
    try:
        span = parse_user_date(text, 2020)
    except DateError:
        return
    assert span.end is not None
    assert span.start <= span.end
