"""The query layer's words and edges: choices, filter descriptions, errors, empty inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core import query
from shusha_cli.core.errors import UsageError
from shusha_cli.core.model import Chronology, EventType, Side
from shusha_cli.core.reading import parse as load
from tests.conftest import MINI

D = dt.date


@pytest.fixture
def mini() -> Chronology:
    return load.parse(MINI, "mini.yaml")


def resolve(chron: Chronology, **kw: object) -> query.Filter:
    return query.resolve_filter(chron, query.FilterInput(**kw))  # type: ignore[arg-type]  # test shorthand


@pytest.mark.parametrize(
    ("typed", "member"),
    [("road-cut", EventType.ROAD_CUT), ("Road_Cut", EventType.ROAD_CUT),
     ("road cut", EventType.ROAD_CUT), (" CAPTURE ", EventType.CAPTURE),
     ("failed attack", EventType.FAILED_ATTACK)],
)  # fmt: skip
def test_choices_are_read_loosely(typed: str, member: EventType) -> None:
    assert query.parse_type(typed) is member


def test_choice_errors_name_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        query.parse_side("rusia")
    assert str(caught.value) == (
        "unknown side 'rusia'; did you mean russia or armenia? use one of: azerbaijan, armenia, "
        "nagorno-karabakh, russia, other"
    )
    with pytest.raises(UsageError) as nothing:
        query.parse_side("zzz")
    assert str(nothing.value).startswith("unknown side 'zzz'; use one of: azerbaijan,")
    with pytest.raises(UsageError, match="unknown event type 'captur'; did you mean capture"):
        query.parse_type("captur")
    with pytest.raises(UsageError, match="unknown place kind 'vilage'; did you mean village"):
        query.parse_place_kind("vilage")
    with pytest.raises(UsageError, match="unknown actor kind 'persn'; did you mean person"):
        query.parse_actor_kind("persn")
    # the two closest, even when the second is only half alike
    with pytest.raises(UsageError) as state:
        query.parse_type("state")
    assert str(state.value).startswith(
        "unknown event type 'state'; did you mean statement or strike? use one of: "
    )
    with pytest.raises(UsageError) as withdraw:
        query.parse_type("with")
    assert str(withdraw.value).startswith("unknown event type 'with'; did you mean withdrawal? use")
    assert query.parse_place_kind("Village") == "village"
    assert query.parse_actor_kind("UNIT") == "unit"
    assert query.parse_side("nagorno karabakh") is Side.NAGORNO_KARABAKH


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({}, "the whole chronology"),
        ({"on": "2020-11-07"}, "7 Nov 2020"),
        ({"on": "2020-11"}, "1 Nov 2020 → 30 Nov 2020"),
        ({"date_from": "2020-10-29"}, "from 29 Oct 2020"),
        ({"date_to": "Nov 8"}, "until 8 Nov 2020"),
        ({"date_from": "2020-10-29", "date_to": "2020-10-29"}, "29 Oct 2020"),
        ({"places": ("shusha", "Agbulag 1")}, "place Shusha or Agbulag"),
        ({"actors": ("B", "army-a")}, "actor Spokesman B or Army A"),
        ({"sides": (Side.ARMENIA, Side.RUSSIA)}, "side armenia or russia"),
        ({"types": (EventType.CAPTURE, EventType.DENIAL)}, "type capture or denial"),
        ({"search": "  flag "}, "text 'flag'"),
        ({"no_background": True}, "no background"),
        ({"date_from": "Oct 21", "places": ("shusha",), "no_background": True},
         "from 21 Oct 2020, place Shusha, no background"),
    ],
)  # fmt: skip
def test_filter_descriptions(mini: Chronology, given: dict[str, object], words: str) -> None:
    filt = resolve(mini, **given)
    assert filt.description == words
    assert filt.is_set == bool(given)


def test_every_criterion_alone_sets_a_filter() -> None:
    for kw in ({"start": D(2020, 1, 1)}, {"end": D(2020, 1, 1)}, {"places": ("a",)},
               {"actors": ("a",)}, {"sides": (Side.RUSSIA,)}, {"types": (EventType.CAPTURE,)},
               {"search": "x"}, {"no_background": True}):  # fmt: skip
        assert query.Filter(**kw).is_set, kw  # type: ignore[arg-type]  # one field at a time
    assert not query.Filter().is_set


def test_span_of_a_half_open_filter() -> None:
    assert query.Filter().span is None
    start = query.Filter(start=D(2020, 11, 1)).span
    assert start is not None
    assert (start.start, start.end) == (D(2020, 11, 1), D.max)
    end = query.Filter(end=D(2020, 11, 1)).span
    assert end is not None
    assert (end.start, end.end) == (D.min, D(2020, 11, 1))


def test_filter_resolution_errors(mini: Chronology) -> None:
    with pytest.raises(UsageError) as caught:
        resolve(mini, date_from="2020-11-09", date_to="2020-11-01")
    assert str(caught.value) == "--from (9 Nov 2020) is after --to (1 Nov 2020)"
    with pytest.raises(UsageError, match=r"^--on cannot be combined with --from or --to$"):
        resolve(mini, on="2020-11-09", date_from="2020-11-01")
    with pytest.raises(UsageError, match=r"^--search needs some text$"):
        resolve(mini, search="   ")
    same = resolve(mini, date_from="2020-11-01", date_to="2020-11-01")
    assert (same.start, same.end) == (D(2020, 11, 1), D(2020, 11, 1))


def test_repeated_names_count_once_in_order(mini: Chronology) -> None:
    filt = resolve(mini, places=("Shushi", "shusha", "agbulag-2", "Şuşa"))
    assert filt.places == ("shusha", "agbulag-2")
    assert resolve(mini, actors=("B", "spokesman-b")).actors == ("spokesman-b",)


def test_timeline_and_quotes_with_the_mini_data(mini: Chronology) -> None:
    ids = lambda f: [e.id for e in query.timeline(mini, f)]  # noqa: E731  # a local shorthand
    assert ids(resolve(mini, date_to="2020-10-21")) == ["span"]
    assert ids(resolve(mini, date_to="2020-10-20")) == []
    assert ids(resolve(mini, date_from="2020-10-29", date_to="2020-11-07")) == ["span", "taken"]
    assert ids(resolve(mini, search="nine days")) == ["span"]
    assert ids(resolve(mini, actors=("army-a",))) == ["taken"]
    assert ids(resolve(mini, actors=("spokesman-b",), types=(EventType.CAPTURE,))) == []
    quotes = lambda f: [q.id for q in query.quotes(mini, f)]  # noqa: E731  # a local shorthand
    assert quotes(resolve(mini)) == ["q-b"]
    assert quotes(resolve(mini, on="2020-11-07")) == []
    assert quotes(resolve(mini, places=("agbulag-1",))) == []
    assert quotes(resolve(mini, sides=(Side.AZERBAIJAN,))) == []
    assert quotes(resolve(mini, sides=(Side.ARMENIA,))) == ["q-b"]
    assert quotes(resolve(mini, actors=("army-a",))) == []
    assert quotes(resolve(mini, search="sum(a1")) == ["q-b"]
    assert quotes(resolve(mini, search="briefing")) == []


def test_bounds_and_sides(mini: Chronology) -> None:
    assert query.bounds([]) == (None, None)
    assert query.bounds(mini.events) == (D(2020, 10, 21), D(2020, 11, 8))
    denied = next(e for e in mini.events if e.id == "denied")
    taken = next(e for e in mini.events if e.id == "taken")
    span = next(e for e in mini.events if e.id == "span")
    assert query.event_sides(mini, denied) == {Side.ARMENIA}
    assert query.event_sides(mini, taken) == {Side.AZERBAIJAN}
    assert query.event_sides(mini, span) == set()
    assert query.event_places(taken) == ("shusha",)
    assert query.quotes_about(mini) == {"denied": [mini.quotes[0]]}


def test_tables_sort_and_refuse(mini: Chronology, shipped: Chronology) -> None:
    with pytest.raises(UsageError, match=r"^unknown sort 'date'; use name or activity$"):
        query.places_table(mini, sort="date")
    rows = query.places_table(mini, sort="activity")
    assert [(r.place.id, r.events) for r in rows] == [
        ("shusha", 2), ("agbulag-1", 1), ("agbulag-2", 0)
    ]  # fmt: skip
    assert [(r.first, r.last) for r in rows] == [
        (D(2020, 11, 7), D(2020, 11, 8)), (D(2020, 10, 21), D(2020, 10, 29)), (None, None)
    ]  # fmt: skip
    by_name = query.places_table(mini)
    assert [r.place.id for r in by_name][-1] == "shusha"
    assert query.places_table(mini, district="x") == []
    assert [a.id for a in query.actors_table(mini)] == ["spokesman-b", "army-a"]
    assert [a.id for a in query.actors_table(mini, kinds=["unit"])] == ["army-a"]
    assert [a.id for a in query.actors_table(mini, sides=[Side.ARMENIA])] == ["spokesman-b"]
    assert len(query.places_table(shipped, kinds=["village", "city"])) == 37
