"""``@record`` behaves as ``@dataclass`` does, for every feature the package uses.

Each record class here has a twin made by ``dataclasses.dataclass`` from the same body; the
tests build both from the same values and compare what any caller could observe. Classes are
built inside the tests, not at import, so that a mutation run (which imports the tests once,
then changes the code) sees the code that builds them.
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


def twins(body: Any = _point_body, name: str = "Point", **options: Any) -> tuple[Any, Any]:
    """A record and a dataclass with the same body and options, built now."""
    rec = record(type(name, (), body()), **options)
    dc = dataclasses.dataclass(
        frozen=options.get("frozen", True), order=options.get("order", False)
    )(type(name, (), body()))
    return rec, dc


ints = st.integers(-5, 5)
labels = st.sampled_from(["", "a", "b"])
tags = st.lists(st.sampled_from(["p", "q"]), max_size=2).map(tuple)


@given(ints, ints, labels, tags, ints, ints, labels, tags)
def test_equality_hash_and_order_as_a_dataclass(
    x1: int, y1: int, l1: str, t1: tuple[str, ...], x2: int, y2: int, l2: str, t2: tuple[str, ...]
) -> None:
    rec, dc = twins(order=True)
    r1, d1 = rec(x1, y1, l1, t1), dc(x1, y1, l1, t1)
    r2, d2 = rec(x=x2, y=y2, label=l2, tags=t2), dc(x=x2, y=y2, label=l2, tags=t2)
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


def test_the_order_methods_are_named_as_python_names_them() -> None:
    rec, _ = twins(order=True)
    assert [rec.__dict__[op].__name__ for op in ("__lt__", "__le__", "__gt__", "__ge__")] == [
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
    ]
    plain, _ = twins()
    assert "__lt__" not in plain.__dict__
    with pytest.raises(TypeError):
        _ = plain(1, 2) < plain(1, 3)


@pytest.mark.parametrize(
    ("annotations", "values"),
    [({"only": "int"}, (1, 2)), ({"a": "int", "b": "int", "c": "int"}, ((1, 2, 3), (1, 2, 4)))],
    ids=["one field", "three fields"],
)
def test_one_field_or_several_compare_as_a_dataclass(
    annotations: dict[str, str], values: tuple[Any, Any]
) -> None:
    rec, dc = twins(lambda: {"__annotations__": dict(annotations)}, name="R", order=True)
    first, second = (v if isinstance(v, tuple) else (v,) for v in values)
    assert (rec(*first) < rec(*second)) is (dc(*first) < dc(*second)) is True
    assert hash(rec(*first)) == hash(dc(*first))
    assert rec(*first) == rec(*first)
    assert rec(*first) != rec(*second)


def test_a_record_with_no_compared_field_equals_every_other_of_its_class() -> None:
    body = {"__annotations__": {"note": "str"}, "note": dataclasses.field(compare=False)}
    rec = record(type("Note", (), dict(body)))
    dc = dataclasses.dataclass(frozen=True)(type("Note", (), dict(body)))
    assert (rec("a") == rec("b")) is (dc("a") == dc("b")) is True
    assert hash(rec("a")) == hash(dc("a")) == hash(())


def test_a_field_left_out_of_comparison_is_still_kept_and_shown() -> None:
    rec, _ = twins()
    a, b = rec(1, 2, "one"), rec(1, 2, "two")
    assert a == b
    assert hash(a) == hash(b)
    assert (a.label, b.label) == ("one", "two")
    assert repr(a) == "Point(x=1, y=2, label='one', tags=())"


def test_unlike_classes_never_compare_equal_or_ordered() -> None:
    rec, dc = twins(order=True)
    assert rec(1, 2) != dc(1, 2)
    assert rec(1, 2).__eq__((1, 2)) is NotImplemented
    assert rec(1, 2).__lt__((1, 2)) is NotImplemented
    with pytest.raises(TypeError):
        _ = rec(1, 2) < dc(1, 2)


def test_frozen_refuses_assignment_and_deletion_as_a_dataclass_does() -> None:
    rec, _ = twins()
    r = rec(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError, match="'x'"):
        r.x = 3
    with pytest.raises(dataclasses.FrozenInstanceError, match="'y'"):
        del r.y
    assert (r.x, r.y) == (1, 2)


def test_not_frozen_takes_assignment_and_deletion_and_is_unhashable() -> None:
    rec, dc = twins(frozen=False)
    r, d = rec(1, 2), dc(1, 2)
    r.x = 5
    d.x = 5
    assert repr(r) == repr(d)
    assert rec.__hash__ is None
    with pytest.raises(TypeError):
        hash(r)
    del r.tags  # an instance attribute, as a dataclass's
    assert "tags" not in vars(r)


def test_fields_replace_and_is_dataclass_work_on_a_record() -> None:
    rec, _ = twins()
    assert dataclasses.is_dataclass(rec)
    assert [f.name for f in dataclasses.fields(rec)] == ["x", "y", "label", "tags"]
    assert [f.compare for f in dataclasses.fields(rec)] == [True, True, False, True]
    assert [f.type for f in dataclasses.fields(rec)] == ["int", "int", "str", "tuple[str, ...]"]
    r = rec(1, 2, "a", ("p",))
    moved = dataclasses.replace(r, y=9)
    assert moved == rec(1, 9, "a", ("p",))
    assert moved.label == "a"
    assert rec.__match_args__ == ("x", "y", "label", "tags")
    assert rec.__record_repr__ == ("x", "y", "label", "tags")


@pytest.mark.parametrize("spelling", ["ClassVar[int]", "typing.ClassVar[int]"])
def test_a_class_variable_is_not_a_field(spelling: str) -> None:
    body = {"__annotations__": {"shared": spelling, "a": "int"}, "shared": 7}
    rec = record(type("C", (), body))
    assert [f.name for f in dataclasses.fields(rec)] == ["a"]
    assert rec(1).shared == 7
    assert repr(rec(1)) == "C(a=1)"


def test_defaults_and_missing_arguments_as_a_dataclass() -> None:
    rec, dc = twins()
    assert repr(rec(1, 2)) == repr(dc(1, 2)) == "Point(x=1, y=2, label='', tags=())"
    assert rec.label == "" and rec.tags == ()  # noqa: PT018  # defaults stay class attributes
    with pytest.raises(TypeError):
        rec(1)
    with pytest.raises(TypeError):
        rec(1, 2, "a", (), "too many")
    with pytest.raises(TypeError):
        rec(1, 2, nope=3)


def test_a_bare_field_leaves_no_class_attribute() -> None:
    body = {"__annotations__": {"a": "int"}, "a": dataclasses.field(repr=False)}
    rec = record(type("Bare", (), body))
    assert "a" not in rec.__dict__
    assert rec(4).a == 4
    assert repr(rec(4)) == "Bare()"


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
        "__annotations__": {
            "a": "int",
            "b": "int",
            "total": "int",
            "log": "list[str]",
            "seen": "int",
        },
        "total": dataclasses.field(init=False, repr=False, compare=False),
        "log": dataclasses.field(init=False, default_factory=list),
        "seen": dataclasses.field(init=False, default=0),
        "__post_init__": post_init,
    }
    rec = record(type("Sum", (), dict(body)))
    dc = dataclasses.dataclass(frozen=True)(type("Sum", (), dict(body)))
    r, d = rec(2, 3), dc(2, 3)
    assert (r.total, r.log, r.seen) == (d.total, d.log, d.seen) == (5, [], 0)
    assert repr(r) == repr(d) == "Sum(a=2, b=3, log=[], seen=0)"
    assert "total" not in {f.name for f in dataclasses.fields(rec) if f.init}
    with pytest.raises(TypeError):
        rec(2, 3, 5)


def test_a_subclass_inherits_the_compiled_init() -> None:
    rec, _ = twins()

    class Child(rec):  # type: ignore[misc, valid-type]  # a subclass of a record made by type()
        pass

    c = Child(1, 2)
    assert (c.x, c.y) == (1, 2)
    assert rec(3, 4).x == 3  # the parent's own __init__ is the compiled one afterwards
    assert "__init__" not in Child.__dict__


def test_copy_and_pickle_give_equal_records() -> None:
    rec, _ = twins()
    r = rec(1, 2, "a", ("p",))
    assert copy.copy(r) == r
    assert copy.deepcopy(r) == r
    span = Span(dt.date(2020, 11, 8), None, "2020-11-08/..", Precision.INTERVAL)
    back = pickle.loads(pickle.dumps(span))
    assert back == span
    assert (back.text, back.precision) == (span.text, span.precision)


@pytest.mark.parametrize("method", ["__setattr__", "__delattr__"])
def test_a_class_cannot_define_what_a_frozen_record_makes(method: str) -> None:
    body = {"__annotations__": {"a": "int"}, method: lambda self, *args: None}
    with pytest.raises(TypeError, match=method):
        record(type("Bad", (), body))
    fine = record(type("Fine", (), dict(body)), frozen=False)  # not frozen: its own is kept
    assert fine.__dict__[method] is body[method]


@pytest.mark.parametrize("method", ["__repr__", "__eq__", "__init__"])
def test_a_class_keeps_its_own_methods(method: str) -> None:
    def mine(self: Any, *args: Any) -> Any:
        if method == "__init__":
            object.__setattr__(self, "a", "mine")
            return None
        return "mine"

    rec = record(type("Own", (), {"__annotations__": {"a": "int"}, method: mine}))
    assert rec.__dict__[method] is mine


def test_no_class_is_compiled_until_it_is_used() -> None:
    fresh = record(type("Lazy", (), _point_body()))
    assert fresh.__init__.__name__ == "__init__"
    assert "<locals>" in fresh.__init__.__qualname__  # the shared bootstrap
    fresh(1, 2)
    assert fresh.__init__.__qualname__ == "Lazy.__init__"


def test_a_record_without_fields() -> None:
    empty, dc = (
        record(type("Empty", (), {})),
        dataclasses.dataclass(frozen=True)(type("Empty", (), {})),
    )
    assert repr(empty()) == repr(dc()) == "Empty()"
    assert empty() == empty()
    assert dataclasses.fields(empty) == ()


def test_the_first_instance_may_be_made_with_keywords() -> None:
    rec, _ = twins()
    first = rec(y=2, x=1, tags=("p",))
    assert (first.x, first.y, first.label, first.tags) == (1, 2, "", ("p",))


def test_an_unfrozen_record_sets_its_fields_through_the_class_s_setattr() -> None:
    """As a dataclass's ``__init__`` does: ``self.x = x``, so a class's own hook sees it."""

    def body() -> dict[str, Any]:
        def setattr_(self: Any, name: str, value: Any) -> None:
            object.__setattr__(self, name, value * 10 if name == "x" else value)

        return {"__annotations__": {"x": "int"}, "__setattr__": setattr_}

    rec, dc = twins(body, name="Hooked", frozen=False)
    assert rec(1).x == dc(1).x == 10
