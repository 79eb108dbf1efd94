"""``@record`` behaves as ``@dataclass`` does, for every feature the package uses.

Each record class here has a twin made by ``dataclasses.dataclass`` from the same body; the
tests build both from the same values and compare what any caller could observe.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shusha_cli.core.model import Precision, Span
from shusha_cli.core.record import record


def _point_body() -> dict[str, Any]:
    return {
        "__annotations__": {"x": "int", "y": "int", "label": "str", "tags": "tuple[str, ...]"},
        "label": dataclasses.field(default="", compare=False),
        "tags": (),
    }


def twins(body: Any, **options: Any) -> tuple[type, type]:
    """A record and a dataclass with the same body and options."""
    rec = record(type("Point", (), body()), **options)
    frozen = options.get("frozen", True)
    dc = dataclasses.dataclass(frozen=frozen, order=options.get("order", False))(
        type("Point", (), body())
    )
    return rec, dc


REC, DC = twins(_point_body, order=True)
MUT_REC, MUT_DC = twins(_point_body, frozen=False)

ints = st.integers(-5, 5)
labels = st.sampled_from(["", "a", "b"])
tags = st.lists(st.sampled_from(["p", "q"]), max_size=2).map(tuple)


def both(cls_pair: tuple[type, type], *args: Any, **kwargs: Any) -> tuple[Any, Any]:
    return cls_pair[0](*args, **kwargs), cls_pair[1](*args, **kwargs)


@given(ints, ints, labels, tags, ints, ints, labels, tags)
def test_equality_hash_and_order_as_a_dataclass(
    x1: int, y1: int, l1: str, t1: tuple[str, ...], x2: int, y2: int, l2: str, t2: tuple[str, ...]
) -> None:
    r1, d1 = both((REC, DC), x1, y1, l1, t1)
    r2, d2 = both((REC, DC), x=x2, y=y2, label=l2, tags=t2)
    assert (r1 == r2) == (d1 == d2)
    assert (r1 != r2) == (d1 != d2)
    assert (r1 < r2) == (d1 < d2)
    assert (r1 <= r2) == (d1 <= d2)
    assert (r1 > r2) == (d1 > d2)
    assert (r1 >= r2) == (d1 >= d2)
    assert hash(r1) == hash(d1)  # both hash the tuple of compared fields
    assert repr(r1) == repr(d1)
    assert dataclasses.asdict(r1) == dataclasses.asdict(d1)
    assert dataclasses.astuple(r1) == dataclasses.astuple(d1)


def test_a_field_left_out_of_comparison_is_still_kept_and_shown() -> None:
    a, b = REC(1, 2, "one"), REC(1, 2, "two")
    assert a == b
    assert hash(a) == hash(b)
    assert (a.label, b.label) == ("one", "two")
    assert repr(a) == "Point(x=1, y=2, label='one', tags=())"


def test_unlike_classes_never_compare_equal_or_ordered() -> None:
    assert REC(1, 2) != DC(1, 2)
    assert REC(1, 2).__eq__((1, 2)) is NotImplemented
    with pytest.raises(TypeError):
        _ = REC(1, 2) < DC(1, 2)


def test_frozen_refuses_assignment_and_deletion_as_a_dataclass_does() -> None:
    r = REC(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError, match="'x'"):
        r.x = 3  # type: ignore[attr-defined]  # the point: it is refused
    with pytest.raises(dataclasses.FrozenInstanceError, match="'y'"):
        del r.y  # type: ignore[attr-defined]  # the point: it is refused
    assert (r.x, r.y) == (1, 2)  # type: ignore[attr-defined]  # made by type(): no static fields


def test_not_frozen_takes_assignment_and_is_unhashable() -> None:
    r, d = both((MUT_REC, MUT_DC), 1, 2)
    r.x = 5
    d.x = 5
    assert repr(r) == repr(d)
    assert MUT_REC.__hash__ is None
    with pytest.raises(TypeError):
        hash(r)


def test_fields_replace_and_is_dataclass_work_on_a_record() -> None:
    assert dataclasses.is_dataclass(REC)
    assert [f.name for f in dataclasses.fields(REC)] == ["x", "y", "label", "tags"]
    assert [f.compare for f in dataclasses.fields(REC)] == [True, True, False, True]
    r = REC(1, 2, "a", ("p",))
    moved = dataclasses.replace(r, y=9)
    assert moved == REC(1, 9, "a", ("p",))
    assert moved.label == "a"
    assert REC.__match_args__ == ("x", "y", "label", "tags")


def test_defaults_and_missing_arguments_as_a_dataclass() -> None:
    assert repr(REC(1, 2)) == repr(DC(1, 2)) == "Point(x=1, y=2, label='', tags=())"
    with pytest.raises(TypeError):
        REC(1)
    with pytest.raises(TypeError):
        REC(1, 2, "a", (), "too many")
    with pytest.raises(TypeError):
        REC(1, 2, nope=3)


def test_default_factory_gives_each_instance_its_own_value() -> None:
    body = {
        "__annotations__": {"items": "list[int]"},
        "items": dataclasses.field(default_factory=list),
    }
    bag = record(type("Bag", (), dict(body)), frozen=False)
    a, b = bag(), bag()
    a.items.append(1)
    assert (a.items, b.items) == ([1], [])
    assert bag([7]).items == [7]


def test_post_init_and_fields_outside_init() -> None:
    def post_init(self: Any) -> None:
        object.__setattr__(self, "total", self.a + self.b)

    body = {
        "__annotations__": {"a": "int", "b": "int", "total": "int", "log": "list[str]"},
        "total": dataclasses.field(init=False, repr=False, compare=False),
        "log": dataclasses.field(init=False, default_factory=list),
        "__post_init__": post_init,
    }
    rec = record(type("Sum", (), dict(body)))
    dc = dataclasses.dataclass(frozen=True)(type("Sum", (), dict(body)))
    r, d = rec(2, 3), dc(2, 3)
    assert (r.total, r.log) == (d.total, d.log) == (5, [])
    assert repr(r) == repr(d) == "Sum(a=2, b=3, log=[])"
    assert "total" not in {f.name for f in dataclasses.fields(rec) if f.init}
    with pytest.raises(TypeError):
        rec(2, 3, 5)


def test_a_subclass_inherits_the_compiled_init() -> None:
    class Child(REC):  # type: ignore[misc, valid-type]  # a subclass of a record made by type()
        pass

    c = Child(1, 2)
    assert (c.x, c.y) == (1, 2)
    assert REC(3, 4).x == 3  # the parent's own __init__ is the compiled one afterwards


def test_copy_and_pickle_give_equal_records() -> None:
    r = REC(1, 2, "a", ("p",))
    assert copy.copy(r) == r
    assert copy.deepcopy(r) == r
    span = Span(dt.date(2020, 11, 8), None, "2020-11-08/..", Precision.INTERVAL)
    back = pickle.loads(pickle.dumps(span))
    assert back == span
    assert (back.text, back.precision) == (span.text, span.precision)


def test_a_class_cannot_define_what_a_frozen_record_makes() -> None:
    body = {"__annotations__": {"a": "int"}, "__setattr__": lambda self, n, v: None}
    with pytest.raises(TypeError, match="__setattr__"):
        record(type("Bad", (), body))


def test_a_class_keeps_its_own_repr() -> None:
    body = {"__annotations__": {"a": "int"}, "__repr__": lambda self: "mine"}
    assert repr(record(type("Own", (), body))(1)) == "mine"


def test_no_class_is_compiled_until_it_is_used() -> None:
    fresh = record(type("Lazy", (), _point_body()))
    assert fresh.__init__.__name__ == "__init__"
    assert "<locals>" in fresh.__init__.__qualname__  # the shared bootstrap
    fresh(1, 2)
    assert fresh.__init__.__qualname__ == "Lazy.__init__"
