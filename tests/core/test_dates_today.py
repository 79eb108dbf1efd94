"""Typed dates never depend on today's date (dateutil fills untyped fields from a default)."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.dates import parse_user_date

D = dt.date


@pytest.mark.parametrize("today", [dt.datetime(2020, 11, 1), dt.datetime(2021, 2, 2),
                                   dt.datetime(2021, 1, 1), dt.datetime(2020, 10, 29)])  # fmt: skip
def test_typed_dates_are_the_same_whatever_day_it_is(
    monkeypatch: pytest.MonkeyPatch, today: dt.datetime
) -> None:
    """Today on the 1st, on 2 Feb of the next year: the days a default could be mistaken for."""

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            return cls(today.year, today.month, today.day)

    monkeypatch.setattr(dt, "datetime", Frozen)
    assert parse_user_date("November", 2020) == parse_user_date("2020-11", 2020)
    assert (parse_user_date("November", 2020).start, parse_user_date("November", 2020).end) == (
        D(2020, 11, 1), D(2020, 11, 30)
    )  # fmt: skip
    assert parse_user_date("Oct 29", 2020).start == D(2020, 10, 29)
    assert parse_user_date("Feb", 2020).end == D(2020, 2, 29)
    assert parse_user_date("2 Feb", 2020).start == D(2020, 2, 2)
    assert parse_user_date("Jan", 2020).end == D(2020, 1, 31)


def test_a_typed_date_in_last_years_chronology() -> None:
    """The chronology's year, not today's, even when the two are one year apart."""
    last = dt.date.today().year - 1
    assert parse_user_date("Oct 29", last).start == D(last, 10, 29)
    assert parse_user_date("March", last).end == D(last, 3, 31)
    nxt = dt.date.today().year + 1
    assert parse_user_date("Oct 29", nxt).start == D(nxt, 10, 29)
