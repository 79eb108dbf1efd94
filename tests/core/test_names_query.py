"""Name lookup and the queries, on the small chronology and the shipped one."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shusha_cli.core import query
from shusha_cli.core.errors import AmbiguousName, NameNotFound, UsageError
from shusha_cli.core.model import Chronology, EventType, Side
from shusha_cli.core.names import fold
from shusha_cli.core.reading import parse as load
from tests.conftest import MINI


@pytest.fixture
def mini() -> Chronology:
    return load.parse(MINI, "mini.yaml")


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Şuşa", "susa"), ("SHUSHA", "shusha"), ("Qırmızı Bazar", "qirmizi bazar"),
     ("Məmməddərə", "memmeddere"), ("İlham Əliyev", "ilham eliyev"), ("Y28-06", "y28 06")],
)  # fmt: skip
def test_fold(typed: str, key: str) -> None:
    assert fold(typed) == key


@pytest.mark.parametrize(
    ("typed", "ident"),
    [("Şuşa", "shusha"), ("shushi", "shusha"), ("SHUSHA", "shusha"), ("Stepanakert", "khankendi"),
     ("Mamedzor", "mammaddere"), ("Karmir Shuka", "girmizi-bazar"), ("shusha", "shusha")],
)  # fmt: skip
def test_place_names(shipped: Chronology, typed: str, ident: str) -> None:
    assert query.place_index(shipped).resolve(typed) == ident


@pytest.mark.parametrize(
    ("typed", "ident"),
    [("Mirzayev", "hikmet-mirzayev"), ("Hikmet Mirzayev", "hikmet-mirzayev"),
     ("strelkov", "igor-strelkov"), ("Pashinyan", "nikol-pashinyan")],
)  # fmt: skip
def test_actor_names(shipped: Chronology, typed: str, ident: str) -> None:
    assert query.actor_index(shipped).resolve(typed) == ident


def test_ambiguous_and_unknown(mini: Chronology, shipped: Chronology) -> None:
    with pytest.raises(AmbiguousName) as amb:
        query.place_index(mini).resolve("agbulag")
    assert {c[0] for c in amb.value.candidates} == {"agbulag-1", "agbulag-2"}
    with pytest.raises(AmbiguousName, match="Anar Aliyev"):
        query.actor_index(shipped).resolve("Aliyev")
    with pytest.raises(NameNotFound) as nf:
        query.place_index(shipped).resolve("Shusa")
    assert "Shusha" in nf.value.suggestions


def resolve(chron: Chronology, **kw: object) -> query.Filter:
    return query.resolve_filter(chron, query.FilterInput(**kw))  # type: ignore[arg-type]  # test shorthand


def test_filters_on_mini(mini: Chronology) -> None:
    ids = lambda f: [e.id for e in query.timeline(mini, f)]  # noqa: E731  # a local shorthand
    assert ids(resolve(mini)) == ["span", "taken", "denied"]
    assert ids(resolve(mini, on="2020-10-25")) == ["span"]  # a span matches any day inside it
    assert ids(resolve(mini, date_from="Nov 8")) == ["denied"]
    assert ids(resolve(mini, places=("Shushi",))) == ["taken", "denied"]
    assert ids(resolve(mini, sides=(Side.ARMENIA,))) == ["denied"]
    assert ids(resolve(mini, types=(EventType.CAPTURE,))) == ["taken"]
    assert ids(resolve(mini, search="SUM(")) == ["denied"]  # searches the quotes about it
    assert ids(resolve(mini, actors=("B",))) == ["denied"]


def test_filter_errors(mini: Chronology) -> None:
    with pytest.raises(UsageError, match="after --to"):
        resolve(mini, date_from="2020-11-09", date_to="2020-11-01")
    with pytest.raises(UsageError, match="cannot be combined"):
        resolve(mini, on="2020-11-09", date_to="2020-11-10")
    with pytest.raises(UsageError, match="did you mean azerbaijan"):
        query.parse_side("azerbaijn")
    assert resolve(mini, date_from="Oct 29", places=("Shusha",)).description == (
        "from 29 Oct 2020, place Shusha"
    )


@settings(max_examples=60)
@given(
    st.dates(min_value=dt.date(2020, 10, 1), max_value=dt.date(2020, 11, 30)),
    st.integers(min_value=0, max_value=20),
)
def test_range_filter_is_overlap(shipped: Chronology, start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    filt = query.Filter(start=start, end=end)
    got = {e.id for e in query.timeline(shipped, filt)}
    want = {
        e.id
        for e in shipped.events
        if e.date.start <= end and (e.date.end is None or e.date.end >= start)
    }
    assert got == want
    # splitting the range never loses or invents an event
    mid = start + dt.timedelta(days=length // 2)
    left = {e.id for e in query.timeline(shipped, query.Filter(start=start, end=mid))}
    right = {e.id for e in query.timeline(shipped, query.Filter(start=mid, end=end))}
    assert left | right == got


def test_timeline_order(shipped: Chronology) -> None:
    events = query.timeline(shipped, query.Filter())
    assert [shipped.order(e) for e in events] == sorted(shipped.order(e) for e in events)
    starts = [e.date.start for e in events]
    assert starts == sorted(starts)


def test_control_history_and_place_report(shipped: Chronology) -> None:
    report = query.place_report(shipped, "Shushi")
    assert report.place.id == "shusha"
    assert any(s.change.to is Side.AZERBAIJAN for s in report.control)
    assert any(s.event.date.start == dt.date(2020, 11, 7) for s in report.control)
    assert report.events
    assert report.quotes
    assert report.neighbours


def test_actor_report_links(shipped: Chronology) -> None:
    report = query.actor_report(shipped, "Hovhannisyan")
    assert report.quotes
    assert any(link.relation.startswith("contradict") for link in report.links)
