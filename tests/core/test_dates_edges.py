"""Dates at the edges the first tests missed: December, month first, qualifiers, messages.

Found by mutation testing (docs/testing.md): each case here fails when one operator, number or
word of core/dates.py is changed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.dates import parse_edtf, parse_user_date
from shusha_cli.core.errors import DateError
from shusha_cli.core.model import Precision

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("December", D(2020, 12, 1), D(2020, 12, 31), Precision.MONTH),
        ("Dec 2020", D(2020, 12, 1), D(2020, 12, 31), Precision.MONTH),
        ("31 Dec", D(2020, 12, 31), D(2020, 12, 31), Precision.DAY),
        ("December 1", D(2020, 12, 1), D(2020, 12, 1), Precision.DAY),
        ("2020-12", D(2020, 12, 1), D(2020, 12, 31), Precision.MONTH),
        ("2020-12-31", D(2020, 12, 31), D(2020, 12, 31), Precision.DAY),
        ("2019-12", D(2019, 12, 1), D(2019, 12, 31), Precision.MONTH),
        ("Oct", D(2020, 10, 1), D(2020, 10, 31), Precision.MONTH),
        ("January", D(2020, 1, 1), D(2020, 1, 31), Precision.MONTH),
        ("1 Feb", D(2020, 2, 1), D(2020, 2, 1), Precision.DAY),
        ("February", D(2020, 2, 1), D(2020, 2, 29), Precision.MONTH),
        ("2 February 2021", D(2021, 2, 2), D(2021, 2, 2), Precision.DAY),
        ("February 2021", D(2021, 2, 1), D(2021, 2, 28), Precision.MONTH),
        ("10/29", D(2020, 10, 29), D(2020, 10, 29), Precision.DAY),
        ("10/29/2020", D(2020, 10, 29), D(2020, 10, 29), Precision.DAY),
        ("10-29-2019", D(2019, 10, 29), D(2019, 10, 29), Precision.DAY),
        ("12/31", D(2020, 12, 31), D(2020, 12, 31), Precision.DAY),
        ("31.12", D(2020, 12, 31), D(2020, 12, 31), Precision.DAY),
        ("1/13", D(2020, 1, 13), D(2020, 1, 13), Precision.DAY),
        ("2020-1-5", D(2020, 1, 5), D(2020, 1, 5), Precision.DAY),
        ("2020-2", D(2020, 2, 1), D(2020, 2, 29), Precision.MONTH),
        ("0001", D(1, 1, 1), D(1, 12, 31), Precision.YEAR),
        ("0001-05", D(1, 5, 1), D(1, 5, 31), Precision.MONTH),
        ("29/10/0100", D(100, 10, 29), D(100, 10, 29), Precision.DAY),
        ("29/10/1000", D(1000, 10, 29), D(1000, 10, 29), Precision.DAY),
        (" 2020-11-07 ", D(2020, 11, 7), D(2020, 11, 7), Precision.DAY),
    ],
)
def test_typed_dates_at_the_edges(
    text: str, start: dt.date, end: dt.date, precision: Precision
) -> None:
    span = parse_user_date(text, 2020)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == text.strip()


def test_a_typed_december_in_the_last_year_python_knows() -> None:
    """The second default used to find the typed fields must stay inside the calendar."""
    assert parse_user_date("Dec 5", 9999).start == D(9999, 12, 5)
    assert parse_user_date("February", 9999).end == D(9999, 2, 28)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "0000",
            "'0000': year 0 does not exist; write it as 2020-10-29, 29 Oct 2020, Oct 29, 2020-11",
        ),
        ("0000-05", "'0000-05': year 0 does not exist"),
        ("2020-00", "'2020-00': month 0 does not exist"),
        ("13/13", "'13/13' is not a day of the calendar"),
        ("5/11", "'5/11' is ambiguous (5 Nov 2020 or 11 May 2020); write it as"),
        ("2020-02-30", "'2020-02-30' is not a day of the calendar"),
        ("Saturday 2020", "'Saturday 2020' has no month"),
        ("Oct 123456", "cannot read 'Oct 123456' as a date"),
        ("1.2.3", "cannot read '1.2.3' as a date"),
        ("Nov 0", "cannot read 'Nov 0' as a date"),
        ("xy 5", "cannot read 'xy 5' as a date"),
        ("Oct 29 5pm", "'Oct 29 5pm': give a day, not a time"),
    ],
)
def test_typed_dates_refused_with_the_whole_message(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_user_date(text, 2020)
    assert str(caught.value).startswith(message)


INTERVAL_QUALIFIER = "qualifiers inside an interval are not supported; widen the interval instead"
ONE_PART = "qualifying one part of a date is not supported; qualify the whole date"
TIMES = "times of day are not supported in dates; use the time_of_day field"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2020-10-21/2020-10-29?", INTERVAL_QUALIFIER),
        ("2020-10-21/2020-10-29~", INTERVAL_QUALIFIER),
        ("2020-10-21~/2020-10-29", INTERVAL_QUALIFIER),
        ("2020-10-21?/..", INTERVAL_QUALIFIER),
        ("../2020", "an interval must have a known start"),
        ("2020-10-21/2020-10-20", "the interval ends before it starts"),
        ("2020/2021/2022", "an interval has exactly one '/'"),
        ("0000", "year 0 is not supported"),
        ("000X", "year 0 is not supported"),
        ("201X-05", "an unspecified year digit cannot have a month"),
        ("2020-XX-05", "a day without a month is not supported"),
        ("2020-00", "month 0 does not exist"),
        ("2020-05-XX-", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2020-10-12T10:00", TIMES),
        ("2020-10-12T10", TIMES),
        ("2020-10-12 10:00", TIMES),
        ("Y2020", "long or negative years are not supported"),
        ("-2020", "long or negative years are not supported"),
        ("2020-33", "seasons (months 21-41) are not supported"),
        ("2020-41~", "seasons (months 21-41) are not supported"),
        ("2020-42", "month 42 does not exist"),
        ("{2020,2021}", "sets of dates are not supported; use an interval"),
        ("[2020,2021]", "sets of dates are not supported; use an interval"),
        ("2020?-10", ONE_PART),
        ("2020~-10-01", ONE_PART),
        ("2020-02-30", "2020-02-30 is not a day of the calendar"),
        ("2020-13/2021", "month 13 does not exist"),
        ("2020/2021-13", "month 13 does not exist"),
        ("0000/2020", "year 0 is not supported"),
    ],
)
def test_edtf_refused_with_the_whole_message(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_edtf(text)
    assert str(caught.value) == f"date {text!r}: {reason}"


def test_edtf_refuses_what_is_not_a_date_string() -> None:
    with pytest.raises(DateError) as number:
        parse_edtf(2020)  # type: ignore[arg-type]  # a YAML number reaching the parser
    assert str(number.value) == "date 2020: must be a quoted string such as '2020-10-29'"
    with pytest.raises(DateError) as empty:
        parse_edtf("   ")
    assert str(empty.value) == "date '': empty"


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2020-12/2021-02", D(2020, 12, 1), D(2021, 2, 28), Precision.INTERVAL),
        ("2020-11-30/2020-12", D(2020, 11, 30), D(2020, 12, 31), Precision.INTERVAL),
        ("2020-12-XX", D(2020, 12, 1), D(2020, 12, 31), Precision.MONTH),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), Precision.INTERVAL),
        ("0001", D(1, 1, 1), D(1, 12, 31), Precision.YEAR),
        ("0001-02/0002", D(1, 2, 1), D(2, 12, 31), Precision.INTERVAL),
        ("2020-10-21/2020-10-21", D(2020, 10, 21), D(2020, 10, 21), Precision.INTERVAL),
        (" 2020-11-07 ", D(2020, 11, 7), D(2020, 11, 7), Precision.DAY),
    ],
)
def test_edtf_at_the_edges(text: str, start: dt.date, end: dt.date, precision: Precision) -> None:
    span = parse_edtf(text)
    assert (span.start, span.end, span.precision, span.qualifier) == (start, end, precision, None)
