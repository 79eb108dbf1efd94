"""The words the campaign views give a holding and a day's precision, and the front by hand."""

from __future__ import annotations

import json

import pytest

from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.model import Chronology, ControlChange, Extent, Side
from shusha_cli.core.query import ControlStep
from shusha_cli.views.days import precision_words
from shusha_cli.views.front import Hold, Holding, hold_words
from tests.conftest import Run


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("2020-11-07", "day"),
        ("2020-11-07/..", "on or after this; day not known"),
        ("2020-11-07?", "day not sure"),
        ("2020-11", "day not known"),
        ("2020-11-01/2020-11-03", "day not known"),
    ],
)
def test_precision_words(date: str, words: str) -> None:
    assert precision_words(parse_edtf(date)) == words


def test_hold_words(shipped: Chronology) -> None:
    event = next(e for e in shipped.events if e.control)

    def step(extent: Extent) -> ControlStep:
        return ControlStep(event, ControlChange("x", Side.AZERBAIJAN, Side.ARMENIA, extent))

    az, am = Side.AZERBAIJAN, Side.ARMENIA
    cases = [
        (Holding(Hold.HELD, az), "held by azerbaijan"),
        (Holding(Hold.HELD), "held by ?"),
        (Holding(Hold.PARTIAL, az, am), "partly held by azerbaijan (rest: armenia)"),
        (Holding(Hold.PARTIAL, az), "partly held by azerbaijan"),
        (
            Holding(Hold.CHANGING, az, am, step(Extent.PARTIAL)),
            "passing in part to azerbaijan from armenia",
        ),
        (Holding(Hold.CHANGING, az, am, step(Extent.FULL)), "passing to azerbaijan from armenia"),
        (Holding(Hold.CHANGING, az), "passing to azerbaijan"),
        (Holding(Hold.IMPLIED, am), "held by armenia, as a later change implies"),
        (Holding(Hold.UNKNOWN), "not known"),
    ]
    for holding, words in cases:
        assert hold_words(holding) == words


def test_front_rows_and_changes_by_hand(run: Run) -> None:
    """Rows: the places with a recorded change, by first change; changes: those in the range."""
    events = json.loads(run("timeline", "-f", "json").out)
    front = json.loads(run("front", "-f", "json").out)
    changed = {c["place"] for e in events for c in e["control"]}
    shown = [p["id"] for p in front["places"]]
    assert set(shown) <= changed
    assert len(shown) == len(set(shown))
    lo, hi = front["from"], front["to"]
    expected = sorted(
        (e["id"], c["place"])
        for e in events
        for c in e["control"]
        if e["start"] <= hi and (e["end"] or "9999") >= lo
    )
    assert sorted((c["event"], c["place"]) for c in front["changes"]) == expected
    only = json.loads(run("front", "--side", "russia", "-f", "json").out)
    assert only["places"] == []
    hadrut = json.loads(run("front", "--place", "Hadrut", "-f", "json").out)
    assert [p["id"] for p in hadrut["places"]] == ["hadrut"]
    assert {c["place"] for c in hadrut["changes"]} == {"hadrut"}
