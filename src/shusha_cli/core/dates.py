"""Dates: the EDTF subset the data is written in, and the dates people type on the command line.

Both return a :class:`~shusha_cli.core.model.Span`, an earliest and a latest possible day, so that
filtering is one overlap test whatever the precision. Forms we do not support are refused with a
message that names the form, never read as something else. ``dateutil`` is imported only when a
typed date is not ISO, because it costs start-up time every command would otherwise pay.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from shusha_cli.core.errors import DateError
from shusha_cli.core.model import Precision, Qualifier, Span

_QUALIFIERS = {"?": Qualifier.UNCERTAIN, "~": Qualifier.APPROXIMATE, "%": Qualifier.BOTH}
# ASCII digits only, and \Z: full-width digits or a trailing line break are not EDTF.
_PART = re.compile(
    r"(?P<y>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<m>\d\d|XX)(?:-(?P<d>\d\d|XX))?)?\Z", re.ASCII
)
_OPEN_ENDS = ("..", "")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _refusal(text: str) -> str | None:
    """Name the EDTF forms we recognise but do not support, so they are not misread."""
    if "T" in text or re.search(r"\d:\d", text):
        return "times of day are not supported in dates; use the time_of_day field"
    if text.startswith(("Y", "-")):
        return "long or negative years are not supported"
    if "[" in text or "{" in text:
        return "sets of dates are not supported; use an interval"
    if re.fullmatch(r"\d{4}-(2[1-9]|3\d|4[01])[?~%]?", text):
        return "seasons (months 21-41) are not supported"
    if re.search(r"[?~%]\d|[?~%]-", text):
        return "qualifying one part of a date is not supported; qualify the whole date"
    return None


def _bounds(part: str, whole: str) -> tuple[dt.date, dt.date, Precision]:
    match = _PART.match(part)
    if match is None:
        reason = _refusal(part) or "expected YYYY, YYYY-MM or YYYY-MM-DD"
        raise DateError(f"date {whole!r}: {reason}")
    y, m, d = match.group("y"), match.group("m"), match.group("d")
    if "X" in y:
        if m is not None:
            raise DateError(f"date {whole!r}: an unspecified year digit cannot have a month")
        lo_year, hi_year = int(y.replace("X", "0")), int(y.replace("X", "9"))
        if lo_year < 1:
            raise DateError(f"date {whole!r}: year 0 is not supported")
        return dt.date(lo_year, 1, 1), dt.date(hi_year, 12, 31), Precision.INTERVAL
    year = int(y)
    if year < 1:
        raise DateError(f"date {whole!r}: year 0 is not supported")
    if m is None or m == "XX":
        if d is not None and d != "XX":
            raise DateError(f"date {whole!r}: a day without a month is not supported")
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
    month = int(m)
    if not 1 <= month <= 12:
        reason = _refusal(part) or f"month {month} does not exist"
        raise DateError(f"date {whole!r}: {reason}")
    if d is None or d == "XX":
        return (
            dt.date(year, month, 1),
            dt.date(year, month, _last_day(year, month)),
            Precision.MONTH,
        )
    try:
        day = dt.date(year, month, int(d))
    except ValueError:
        raise DateError(f"date {whole!r}: {part} is not a day of the calendar") from None
    return day, day, Precision.DAY


def parse_edtf(text: str) -> Span:
    """Parse the data's date forms (see docs/data-model.md) into a Span.

    Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, unspecified digits (``201X``,
    ``2004-XX``), a whole-date qualifier ``?`` ``~`` ``%``, intervals ``A/B`` and open or
    unknown ends ``A/..``, ``A/``. Refused with a reason: times, seasons, sets, open starts,
    negative or long years, qualifiers on one part.
    """
    if not isinstance(text, str):
        raise DateError(f"date {text!r}: must be a quoted string such as '2020-10-29'")
    raw = text.strip()
    if not raw:
        raise DateError("date '': empty")
    qualifier: Qualifier | None = None
    if raw[-1] in _QUALIFIERS and "/" not in raw:
        qualifier = _QUALIFIERS[raw[-1]]
        raw = raw[:-1]
    if "/" in raw:
        first, _, second = raw.partition("/")
        if "/" in second:
            raise DateError(f"date {text!r}: an interval has exactly one '/'")
        if first in _OPEN_ENDS:
            raise DateError(f"date {text!r}: an interval must have a known start")
        first_q = first[-1] in _QUALIFIERS
        second_q = bool(second) and second[-1] in _QUALIFIERS
        if first_q or second_q:
            raise DateError(
                f"date {text!r}: qualifiers inside an interval are not supported;"
                " widen the interval instead"
            )
        start, _, _ = _bounds(first, text)
        if second in _OPEN_ENDS:
            return Span(start, None, text, Precision.INTERVAL)
        _, end, _ = _bounds(second, text)
        if end < start:
            raise DateError(f"date {text!r}: the interval ends before it starts")
        return Span(start, end, text, Precision.INTERVAL)
    start, end, precision = _bounds(raw, text)
    return Span(start, end, text, precision, qualifier)


# --- dates people type -------------------------------------------------------------------------

# Year first is never ambiguous, whatever the separator: 2020-10-29, 2020/10/29, 2020.10.29, and
# ISO 8601's basic form 20201029. Day and month first (29/10, 10/29) go through _NUMERIC.
_ISO_DAY = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$", re.ASCII)
_BASIC_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_ISO_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$")
EXAMPLES = "2020-10-29, 29 Oct 2020, Oct 29, 2020-11"


def _day(year: int, month: int, day: int, text: str) -> Span:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{text!r} is not a day of the calendar") from None
    return Span(value, value, text, Precision.DAY)


def _month(year: int, month: int, text: str) -> Span:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r}: month {month} does not exist")
    if year < 1:
        raise DateError(f"{text!r}: year 0 does not exist; write it as {EXAMPLES}")
    first = dt.date(year, month, 1)
    return Span(first, dt.date(year, month, _last_day(year, month)), text, Precision.MONTH)


def _numeric(match: re.Match[str], text: str, year: int) -> Span:
    """Day and month written as numbers: accepted only when one reading alone is possible."""
    a, b = int(match.group(1)), int(match.group(2))
    if match.group(3) is not None:
        year = int(match.group(3))
        if year < 100:
            raise DateError(f"{text!r}: write the year with four digits, e.g. {EXAMPLES}")
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if len(set(readings)) == 1:
        return Span(readings[0], readings[0], text, Precision.DAY)
    if not readings:
        raise DateError(f"{text!r} is not a day of the calendar")
    shown = " or ".join(r.strftime("%-d %b %Y") for r in readings)
    raise DateError(f"{text!r} is ambiguous ({shown}); write it as {EXAMPLES}")


def parse_user_date(text: str, year: int) -> Span:
    """Parse a date typed on the command line into a Span (a month is the whole month).

    ``year`` is the chronology's own year, used when the user gives none: never today's year.
    """
    raw = text.strip()
    if not raw:
        raise DateError(f"empty date; write it as {EXAMPLES}")
    if _YEAR.match(raw):
        y = int(raw)
        if y < 1:
            raise DateError(f"{raw!r}: year 0 does not exist; write it as {EXAMPLES}")
        return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), raw, Precision.YEAR)
    if m := _ISO_DAY.match(raw):
        return _day(int(m[1]), int(m[3]), int(m[4]), raw)
    if m := _BASIC_DAY.match(raw):
        return _day(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _ISO_MONTH.match(raw):
        return _month(int(m[1]), int(m[2]), raw)
    if m := _NUMERIC.match(raw):
        return _numeric(m, raw, year)
    if re.fullmatch(r"[\d\s./-]+", raw):
        raise DateError(f"cannot read {raw!r} as a date; write it as {EXAMPLES}")
    return _textual(raw, year)


def _textual(raw: str, year: int) -> Span:
    """Month names ('29 Oct 2020', 'Oct 29', 'November 2020') through dateutil."""
    from dateutil import parser  # imported here: only typed dates with month names need it

    if not re.search(r"[A-Za-z]{3,}", raw) or re.search(r"\d{5,}", raw):
        raise DateError(f"cannot read {raw!r} as a date; write it as {EXAMPLES}")
    # Parse twice with different defaults: a field that changes with the default was not typed.
    one = dt.datetime(year, 1, 1)
    two = dt.datetime(year + 1, 2, 2) if year < 9999 else dt.datetime(year - 1, 2, 2)
    try:
        first = parser.parse(raw, default=one)
        second = parser.parse(raw, default=two)
    except (ValueError, OverflowError, parser.ParserError):
        raise DateError(f"cannot read {raw!r} as a date; write it as {EXAMPLES}") from None
    if first.time() != dt.time() or first.tzinfo is not None:
        raise DateError(f"{raw!r}: give a day, not a time; write it as {EXAMPLES}")
    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day
    if not has_month:
        raise DateError(f"{raw!r} has no month; write it as {EXAMPLES}")
    y = first.year if has_year else year
    if has_day:
        return _day(y, first.month, first.day, raw)
    return _month(y, first.month, raw)
