"""The front over a small chronology whose every cell is worked out by hand from the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.model import (
    Chronology,
    ControlChange,
    Event,
    EventType,
    Extent,
    Place,
    PlaceKind,
    Side,
    Source,
)
from shusha_cli.core.query import ControlStep, Filter
from shusha_cli.views import front as front_view
from shusha_cli.views.front import Hold, Holding, front, symbol

AZ, AM, NK, RU = Side.AZERBAIJAN, Side.ARMENIA, Side.NAGORNO_KARABAKH, Side.RUSSIA


def _event(
    ident: str,
    date: str,
    *changes: ControlChange,
    by: str = "article",
    places: tuple[str, ...] = (),
) -> Event:
    kind = EventType.CAPTURE if changes else EventType.FIGHTING
    return Event(
        ident, parse_edtf(date), ident, ident, kind, (1,), by, places=places, control=changes
    )


def _to(place: str, to: Side, from_: Side | None = None, part: bool = False) -> ControlChange:
    return ControlChange(place, to, from_, Extent.PARTIAL if part else Extent.FULL)


PLACES = [
    Place(ident, ident.capitalize(), PlaceKind.VILLAGE)
    for ident in (
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima", "mike", "oscar", "papa", "quebec",
    )
] + [Place("region-x", "Region X", PlaceKind.REGION)]  # fmt: skip

EVENTS = (
    _event("h1", "2020-09-01/2020-12-31", _to("hotel", AZ, NK), _to("mike", AZ, NK)),
    _event("k1", "2020-09-05", _to("kilo", AZ, NK)),
    _event("i1", "2020-09-10", _to("india", AZ, NK)),
    _event("l1", "2020-09-20/2020-10-05", _to("lima", AZ)),
    _event("p", "2020-09-15", places=("papa",)),
    _event("o1", "2020-10-01", _to("oscar", AZ, NK)),
    _event("d-art", "2020-10-02", _to("delta", AZ, NK)),
    _event("d-claim", "2020-10-02", _to("delta", AZ, NK), by="spin"),
    _event("a1", "2020-10-03", _to("alpha", AZ, NK)),
    _event("c1", "2020-10-04", _to("charlie", AM, AZ), by="spox"),
    _event("q1", "2020-10-04", _to("quebec", AM, AZ), by="spox"),
    _event("b1", "2020-10-05?", _to("bravo", AZ)),
    _event("f", "2020-10-05", places=("foxtrot", "region-x", "kilo")),
    _event("l2", "2020-10-05/2020-10-15", _to("lima", AM)),
    _event("a2", "2020-10-06/2020-10-08", _to("alpha", AM, AZ, part=True)),
    _event("c2", "2020-10-07", _to("charlie", AZ, AM)),
    _event("i2", "2020-10-08", _to("india", NK, AZ)),
    _event("e1", "2020-10-09/..", _to("echo", AZ, NK)),
    _event("o2", "2020-10-09", _to("oscar", NK)),
    _event("j1", "2020-10-20", _to("juliet", AZ)),
    _event("i3", "2020-10-25", _to("india", AZ, NK)),
    _event("g", "2020-11-20", places=("golf",)),
)
CHRON = Chronology(Source("t", "t.md", 3), tuple(PLACES), (), EVENTS, ())
FIRST, LAST = dt.date(2020, 10, 1), dt.date(2020, 10, 10)
RANGE = Filter(start=FIRST, end=LAST)

# Day by day, 1 to 10 Oct, by the module's rules:
GRID = {
    "kilo": "AAAAAAAAAA",  # held since 5 Sep, before the range
    "lima": "??????????",  # inside l1 (to 5 Oct), then inside l2: two changes, not folded
    "oscar": "AAAAAAAANN",  # its first change ends on the range's first day: it orders the row
    "delta": "nAAAAAAAAA",  # implied NK; the claim repeats the article's change: no flag
    "alpha": "nnAAA???//",  # implied, held, changing in 6-8 Oct, then partly held by AM
    "charlie": "⚑⚑⚑⚑⚑⚑AAAA",  # the claim's implied and held AM, until the article's change
    "quebec": "⚑⚑⚑⚑⚑⚑⚑⚑⚑⚑",  # a claim and nothing else
    "bravo": "····?AAAAA",  # nothing known; 5 Oct flagged uncertain: changing; then held
    "india": "AAAAAAANNN",  # held since 10 Sep; to NK on 8 Oct (back on 25 Oct, later)
    "echo": "nnnnnnnn??",  # open-ended from 9 Oct: changing from then on
    "hotel": "??????????",  # one change of unknown day over the whole range: folded
    "mike": "??????????",
}


def _grid(f: front_view.Front) -> dict[str, str]:
    return {r.place.id: "".join(symbol(c) for c in r.cells) for r in f.rows}


def test_every_cell_by_hand() -> None:
    f = front(CHRON, RANGE)
    assert (f.range.start, f.range.end) == (FIRST, LAST)
    assert _grid(f) == GRID
    # rows by their first change that matters to the range; the folded ones last
    assert [r.place.id for r in f.rows] == list(GRID)
    assert [r.first_change.event.id for r in f.rows] == [
        "k1", "l1", "o1", "d-art", "a1", "c1", "q1", "b1", "i2", "e1", "h1", "h1",
    ]  # fmt: skip
    assert [r.place.id for r in f.known_rows] == list(GRID)[:10]
    ((step, rows),) = f.folded
    assert (step.event.id, [r.place.id for r in rows]) == ("h1", ["hotel", "mike"])
    assert [r.only_changing for r in f.rows] == [False] * 10 + [True] * 2
    # juliet's only change is after the range and names no earlier holder: no row
    assert "juliet" not in _grid(f)


def test_what_each_cell_says() -> None:
    cells = {r.place.id: r.cells for r in front(CHRON, RANGE).rows}
    alpha = cells["alpha"]
    assert alpha[0] == Holding(Hold.IMPLIED, NK, None, alpha[0].step)
    assert [c.step.event.id if c.step else None for c in alpha] == ["a1"] * 5 + ["a2"] * 5
    assert (alpha[6].hold, alpha[6].side, alpha[6].other) == (Hold.CHANGING, AM, AZ)
    assert (alpha[9].hold, alpha[9].side, alpha[9].other) == (Hold.PARTIAL, AM, AZ)
    assert (alpha[4].hold, alpha[4].side, alpha[4].other) == (Hold.HELD, AZ, NK)
    charlie = cells["charlie"]
    assert [c.by_claim for c in charlie] == [True] * 6 + [False] * 4
    assert (charlie[0].hold, charlie[0].side) == (Hold.IMPLIED, AZ)  # the claim's 'from'
    assert (charlie[3].hold, charlie[3].side) == (Hold.HELD, AM)
    delta = cells["delta"]
    assert [c.step.event.id if c.step else None for c in delta] == ["d-art"] * 10
    assert not any(c.by_claim for c in delta)
    bravo = cells["bravo"]
    assert bravo[0] is front_view.UNKNOWN
    assert (bravo[4].hold, bravo[4].side, bravo[4].other) == (Hold.CHANGING, AZ, None)
    lima = cells["lima"]
    assert [c.step.event.id if c.step else None for c in lima] == ["l1"] * 4 + ["l2"] * 6


def test_the_changes_in_the_range_and_the_places_never_held() -> None:
    f = front(CHRON, RANGE)
    # those that overlap the range: not i1 (before) nor i3 and j1 (after)
    assert [(c.step.event.id, c.place.id) for c in f.changes] == [
        ("h1", "hotel"), ("h1", "mike"), ("l1", "lima"), ("o1", "oscar"), ("d-art", "delta"),
        ("d-claim", "delta"), ("a1", "alpha"), ("c1", "charlie"), ("q1", "quebec"),
        ("b1", "bravo"), ("l2", "lima"), ("a2", "alpha"), ("c2", "charlie"), ("i2", "india"),
        ("e1", "echo"), ("o2", "oscar"),
    ]  # fmt: skip
    assert [c.day_known for c in f.changes] == [
        False, False, False, True, True, True, True, True, True, False, False, False, True,
        True, False, True,
    ]  # fmt: skip
    # named in the range with no recorded change: foxtrot (not the region; not golf, later;
    # not papa, earlier)
    assert [p.id for p in f.unrecorded] == ["foxtrot"]
    assert f.description == "1 Oct 2020 → 10 Oct 2020"
    assert f.article_only is False


def test_the_article_s_account_alone() -> None:
    f = front(CHRON, RANGE, article_only=True)
    grid = _grid(f)
    assert grid["charlie"] == "mmmmmmAAAA"  # the article's change implies AM held it before
    assert grid["delta"] == GRID["delta"]
    assert {k: v for k, v in grid.items() if k != "charlie"} == {
        k: v for k, v in GRID.items() if k not in ("charlie", "quebec")
    }
    assert "quebec" not in grid  # only a claim recorded its change
    assert all(not c.by_claim for r in f.rows for c in r.cells)
    assert {c.step.event.id for c in f.changes} == {
        "h1", "l1", "o1", "d-art", "a1", "b1", "l2", "a2", "c2", "i2", "e1", "o2",
    }  # fmt: skip
    # with the claims left out, the data records no change of quebec's
    assert [p.id for p in f.unrecorded] == ["foxtrot", "quebec"]
    assert f.description == "1 Oct 2020 → 10 Oct 2020, the article's account only"
    assert f.article_only is True
    assert front_view.article_histories(CHRON)["charlie"][0].event.id == "c2"
    assert "spin" not in {
        s.event.attribution for steps in front_view.article_histories(CHRON).values() for s in steps
    }


def test_a_side_keeps_the_places_and_changes_that_involve_it() -> None:
    f = front(CHRON, Filter(start=FIRST, end=LAST, sides=(AM,)))
    # to or from Armenia: alpha (a2 to AM), charlie (c1 to AM, c2 from AM), lima (l2 to AM)
    assert [r.place.id for r in f.rows] == ["lima", "alpha", "charlie", "quebec"]
    assert _grid(f) == {k: GRID[k] for k in ("lima", "alpha", "charlie", "quebec")}
    assert [(c.step.event.id, c.place.id) for c in f.changes] == [
        ("c1", "charlie"), ("q1", "quebec"), ("l2", "lima"), ("a2", "alpha"), ("c2", "charlie"),
    ]  # fmt: skip
    assert front(CHRON, Filter(start=FIRST, end=LAST, sides=(RU,))).rows == ()
    from_nk = front(CHRON, Filter(start=FIRST, end=LAST, sides=(NK,)))
    assert [r.place.id for r in from_nk.rows] == [
        "kilo", "oscar", "delta", "alpha", "india", "echo", "hotel", "mike",
    ]  # fmt: skip


def test_places_keep_their_rows_and_the_places_never_held() -> None:
    f = front(CHRON, Filter(start=FIRST, end=LAST, places=("alpha", "foxtrot", "golf")))
    assert _grid(f) == {"alpha": GRID["alpha"]}
    assert {c.place.id for c in f.changes} == {"alpha"}
    assert [p.id for p in f.unrecorded] == ["foxtrot"]
    none = front(CHRON, Filter(start=FIRST, end=LAST, places=("alpha",)))
    assert none.unrecorded == ()


def _step(event: str, change: ControlChange) -> ControlStep:
    return ControlStep(next(e for e in EVENTS if e.id == event), change)


@pytest.mark.parametrize(
    ("holding", "mark"),
    [
        (Holding(Hold.HELD, AZ), "A"),
        (Holding(Hold.HELD, NK), "N"),
        (Holding(Hold.IMPLIED, AM), "m"),
        (Holding(Hold.IMPLIED, RU), "r"),
        (Holding(Hold.HELD, Side.OTHER), "O"),
        (Holding(Hold.HELD), "·"),  # no side: nothing to show
        (Holding(Hold.IMPLIED), "·"),
        (Holding(Hold.PARTIAL, AZ), "/"),
        (Holding(Hold.CHANGING, AZ), "?"),
        (Holding(Hold.UNKNOWN), "·"),
        (Holding(Hold.HELD, AM, None, _step("c1", _to("charlie", AM, AZ))), "⚑"),
        (Holding(Hold.PARTIAL, AM, None, _step("c1", _to("charlie", AM, AZ))), "⚑"),
        (Holding(Hold.UNKNOWN, None, None, _step("c1", _to("charlie", AM, AZ))), "·"),
        (Holding(Hold.HELD, AZ, None, _step("c2", _to("charlie", AZ, AM))), "A"),
    ],
)
def test_symbols(holding: Holding, mark: str) -> None:
    assert symbol(holding) == mark
