"""The typed node readers of core/reading/fields.py, one at a time: each value and each problem.

Each reader is given a node composed from a few characters of YAML, placed on line 3 so that a
wrong line number shows; the problems are compared whole (file, line and message), and the
values read with what the YAML says by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from shusha_cli.core.errors import Problem
from shusha_cli.core.model import Qualifier, Side, Span
from shusha_cli.core.reading.fields import Field, FieldReader, Values
from shusha_cli.core.reading.yaml_nodes import compose

LINE = 3  # every node below starts on this line


def node(text: str) -> yaml.Node:
    """The node of ``text``, starting on line 3 of a file named ``f.yaml``."""
    return compose("\n" * (LINE - 1) + text, "f.yaml")


def reader() -> FieldReader:
    return FieldReader("f.yaml")


def read(method: str, text: str, *args: Any) -> tuple[object, list[Problem]]:
    """Call ``FieldReader.<method>`` on the node of ``text``: (its value, its problems)."""
    r = reader()
    value = getattr(r, method)(node(text), "L", *args)
    return value, r.problems


def one(message: str, line: int | None = LINE) -> list[Problem]:
    return [Problem("f.yaml", line, message)]


# --- scalars and tags ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("abc", "abc"), ("'x y'", "x y"), ("12", "12"), ("yes", "yes"), ("~", "~")],
)
def test_scalar_gives_the_text_as_written(text: str, value: str) -> None:
    assert read("scalar", text) == (value, [])


@pytest.mark.parametrize(
    ("text", "shape"), [("[1, 2]", "a list"), ("{a: 1}", "a mapping"), ("- a\n- b", "a list")]
)
def test_scalar_refuses_a_collection(text: str, shape: str) -> None:
    assert read("scalar", text) == (None, one(f"L: expected a single value, found {shape}"))


@pytest.mark.parametrize(
    "text", ["a", "1", "1.5", "yes", "~", "2020-01-01", "[1]", "{a: 1}", "!!str 5", "!!int '5'"]
)
def test_yaml_own_types_are_plain(text: str) -> None:
    assert read("plain_tag", text) == (True, [])


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("!x 1", "!x"),
        ("!!python/object:os.system x", "tag:yaml.org,2002:python/object:os.system"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
        ("!!set {a: ~}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
        ("!local [1]", "!local"),
    ],
)
def test_any_other_tag_is_refused_once(text: str, tag: str) -> None:
    message = f"L: the tag {tag!r} is not allowed (plain data only)"
    assert read("plain_tag", text) == (False, one(message))
    # the readers built on it stop there: one problem, not also a wrong shape or type
    for method in ("scalar", "text", "integer", "number", "date", "slug"):
        assert read(method, text) == (None, one(message)), method
    assert read("items", text) == ([], one(message))
    assert read("fields", text, {}) == (None, one(message))


# --- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("12", "a number"),
        ("1.5", "a number"),
        ("yes", "a true/false value"),
        ("off", "a true/false value"),
        ("~", "empty (null)"),
        ("null", "empty (null)"),
        ("2020-01-01", "a date/time"),
        # a value tagged as a list or a mapping is still a single value: the tag is named
        ("!!seq 12", "tag:yaml.org,2002:seq"),
        ("!!map x", "tag:yaml.org,2002:map"),
    ],
)
def test_text_names_what_yaml_read_instead(text: str, kind: str) -> None:
    value = text.split()[-1]
    message = f"L: {value!r} is read by YAML 1.1 as {kind}; quote it to mean the text"
    assert read("text", text) == (None, one(message))


@pytest.mark.parametrize("text", ['""', "'  '", '"\\t\\n"'])
def test_blank_text_is_refused(text: str) -> None:
    assert read("text", text) == (None, one("L: must not be empty"))


@pytest.mark.parametrize(("text", "value"), [('" a "', " a "), ("x", "x"), ("'12'", "12")])
def test_text_is_kept_as_written(text: str, value: str) -> None:
    assert read("text", text) == (value, [])


# --- whole numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5),
        ("+5", 5),
        ("-7", -7),
        ("0", 0),
        ("123456789", 123_456_789),
        ("-123456789", -123_456_789),
        ("!!int 000000000123456789", 123_456_789),  # leading zeros are not digits that count
        ("!!int +000000000000000001", 1),
    ],
)
def test_whole_numbers(text: str, value: int) -> None:
    assert read("integer", text) == (value, [])
    assert type(read("integer", text)[0]) is int


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("many", "'many'"),
        ("'5'", "'5'"),  # quoted: the text 5, not a number
        ("2.5", "'2.5'"),
        ("0x1F", "'0x1F'"),  # YAML's int, not written as decimal digits
        ("1_000", "'1_000'"),
        ("!!int 1.5", "'1.5'"),
        ("!!int 5x", "'5x'"),
        ("!!int x5", "'x5'"),
        ("!!int ' 5'", "' 5'"),
        ("a" * 40, repr("a" * 40)),
        ("a" * 41, repr("a" * 40) + "… (41 characters)"),
        ("b" * 1234, repr("b" * 40) + "… (1,234 characters)"),
    ],
)
def test_not_a_whole_number(text: str, shown: str) -> None:
    assert read("integer", text) == (None, one(f"L: expected a whole number, found {shown}"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1234567890", "'1234567890'"),
        ("-1234567890", "'-1234567890'"),
        ("!!int +0001234567890", "'+0001234567890'"),
        ("9" * 41, repr("9" * 40) + "… (41 characters)"),
        ("9" * 5000, repr("9" * 40) + "… (5,000 characters)"),
    ],
)
def test_whole_number_too_large(text: str, shown: str) -> None:
    message = f"L: {shown} is too large (at most 9 digits)"
    assert read("integer", text) == (None, one(message))


# --- decimal numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12.0),
        ("-0.5", -0.5),
        ("1_2.5", 12.5),
        ("1.0e+2", 100.0),
        ("+90", 90.0),
        # YAML 1.1 allows underscores where Python's float() does not
        ("1__2.5", 12.5),
        ("1.5_", 1.5),
        ("4_6._75", 46.75),
    ],
)
def test_numbers(text: str, value: float) -> None:
    got, problems = read("number", text)
    assert (got, problems) == (value, [])
    assert type(got) is float


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("north", "L: expected a number, found 'north'"),
        ("'12'", "L: expected a number, found '12'"),
        ("yes", "L: expected a number, found 'yes'"),
        (".inf", "L: expected a decimal number, found '.inf'"),
        ("0x1F", "L: expected a decimal number, found '0x1F'"),
        ("[1]", "L: expected a single value, found a list"),
    ],
)
def test_not_a_number(text: str, message: str) -> None:
    assert read("number", text) == (None, one(message))


# --- choices --------------------------------------------------------------------------------------

SIDES = "azerbaijan, armenia, nagorno-karabakh, russia, other"  # as docs/data-model.md lists them


@pytest.mark.parametrize("side", list(Side))
def test_each_choice_is_read(side: Side) -> None:
    r = reader()
    assert r.enum(Side)(node(side.value), "L") is side
    assert r.problems == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mars", f"L: 'mars' is not one of: {SIDES}"),
        ("Azerbaijan", f"L: 'Azerbaijan' is not one of: {SIDES}"),
        ("'12'", f"L: '12' is not one of: {SIDES}"),
        ("12", "L: '12' is read by YAML 1.1 as a number; quote it"),
        ("no", "L: 'no' is read by YAML 1.1 as a true/false value; quote it"),
        ("~", "L: '~' is read by YAML 1.1 as empty (null); quote it"),
        ("!!seq mars", "L: 'mars' is read by YAML 1.1 as tag:yaml.org,2002:seq; quote it"),
        ("{a: 1}", "L: expected a single value, found a mapping"),
    ],
)
def test_a_wrong_choice_is_refused(text: str, message: str) -> None:
    r = reader()
    assert r.enum(Side)(node(text), "L") is None
    assert r.problems == one(message)


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "written"),
    [
        ("'2020-10-29'", dt.date(2020, 10, 29), dt.date(2020, 10, 29), "2020-10-29"),
        ('"2020-02"', dt.date(2020, 2, 1), dt.date(2020, 2, 29), "2020-02"),
        ("'2020-10-21/2020-10-29'", dt.date(2020, 10, 21), dt.date(2020, 10, 29), None),
        ("'2020-11-10/..'", dt.date(2020, 11, 10), None, "2020-11-10/.."),
    ],
)
def test_dates(text: str, start: dt.date, end: dt.date | None, written: str | None) -> None:
    value, problems = read("date", text)
    assert problems == []
    assert isinstance(value, Span)
    assert (value.start, value.end) == (start, end)
    assert value.text == (written or text.strip("'\""))


def test_a_qualified_date_keeps_its_mark() -> None:
    value, problems = read("date", "'2020-11-07~'")
    assert problems == []
    assert isinstance(value, Span)
    assert value.qualifier is Qualifier.APPROXIMATE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-10-29", "L: '2020-10-29' must be a quoted string, e.g. '2020-10-29'"),
        ("2020", "L: '2020' must be a quoted string, e.g. '2020-10-29'"),
        ("' 2020-10-29'", "L: ' 2020-10-29' has spaces or a line break around the date"),
        ('"2020-10-29\\n"', "L: '2020-10-29\\n' has spaces or a line break around the date"),
        ("'2020-11-31'", "L: date '2020-11-31': 2020-11-31 is not a day of the calendar"),
        ("[1]", "L: expected a single value, found a list"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    value, problems = read("date", text)
    assert value is None
    assert problems == one(message)


# --- slugs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a", "a-1", "shusha", "x-y-z", "'0'", "'12'", "a1-2b"])
def test_slugs(text: str) -> None:
    assert read("slug", text) == (text.strip("'"), [])


@pytest.mark.parametrize("text", ["A", "a--b", "-a", "a-", "a_b", "a b", "é", '"a\\n"', "'a\\n'"])
def test_not_a_slug(text: str) -> None:
    value = yaml.safe_load(text)
    message = f"L: {value!r} must be a slug (a-z, 0-9, single hyphens)"
    assert read("slug", text) == (None, one(message))


def test_a_slug_is_text_first() -> None:
    message = "L: '12' is read by YAML 1.1 as a number; quote it to mean the text"
    assert read("slug", "12") == (None, one(message))


# --- lists ----------------------------------------------------------------------------------------


def test_items() -> None:
    items, problems = read("items", "[a, [b], {c: d}]")
    assert problems == []
    assert isinstance(items, list)
    assert [type(n) for n in items] == [yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode]


@pytest.mark.parametrize("text", ["~", "null", "Null"])
def test_an_empty_value_is_an_empty_list(text: str) -> None:
    assert read("items", text) == ([], [])


@pytest.mark.parametrize("text", ["5", "'~'", "{a: 1}", "x"])
def test_items_need_a_list(text: str) -> None:
    assert read("items", text) == ([], one("L: expected a list"))


def test_listing_keeps_good_items_and_locates_the_bad() -> None:
    r = reader()
    got = r.listing(r.integer)(node("- 1\n- x\n- 3\n- [4]"), "L")
    assert got == (1, 3)
    assert r.problems == [
        Problem("f.yaml", LINE + 1, "L[1]: expected a whole number, found 'x'"),
        Problem("f.yaml", LINE + 3, "L[3]: expected a single value, found a list"),
    ]


def test_listing_of_nothing() -> None:
    r = reader()
    assert r.listing(r.text)(node("~"), "L") == ()
    assert r.listing(r.text)(node("[]"), "L") == ()
    assert r.problems == []


# --- mappings -------------------------------------------------------------------------------------


def spec(r: FieldReader) -> dict[str, Field]:
    return {
        "title": Field(r.text, required=True),
        "count": Field(r.integer, required=True),
        "tags": Field(r.listing(r.slug)),
        "note": Field(r.text),
    }


def test_fields_reads_a_mapping() -> None:
    r = reader()
    got = r.fields(node("title: T\ncount: 2\ntags: [a, b]"), "L", spec(r))
    assert got == {"title": "T", "count": 2, "tags": ("a", "b")}
    assert r.problems == []


def test_fields_reports_every_problem_of_a_mapping() -> None:
    r = reader()
    text = "titel: T\ncount: x\ncount: 3\nzzzzzz: 1\n[k]: 1\ntags: [a, B]\nnote: ok"
    assert r.fields(node(text), "L", spec(r)) is None
    allowed = "(allowed: title, count, tags, note)"
    assert r.problems == [
        Problem("f.yaml", LINE, f"L: unknown key 'titel'; did you mean 'title'? {allowed}"),
        Problem("f.yaml", LINE + 1, "L.count: expected a whole number, found 'x'"),
        Problem("f.yaml", LINE + 2, "L: key 'count' appears twice"),
        Problem("f.yaml", LINE + 3, f"L: unknown key 'zzzzzz' {allowed}"),
        Problem("f.yaml", LINE + 4, "L key: expected a single value, found a list"),
        Problem("f.yaml", LINE + 5, "L.tags[1]: 'B' must be a slug (a-z, 0-9, single hyphens)"),
        Problem("f.yaml", LINE, "L: missing required key(s): title"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("note: n", "L: missing required key(s): title, count"),
        ("{}", "L: missing required key(s): title, count"),
        ("count: 1\nnote: n", "L: missing required key(s): title"),
    ],
)
def test_missing_keys_are_named_at_the_mapping(text: str, message: str) -> None:
    r = reader()
    assert r.fields(node(text), "L", spec(r)) is None
    assert r.problems == one(message)


@pytest.mark.parametrize(
    "bad",
    [
        "title: 5",  # one problem in a value
        "tags: [a, B]",  # a list that keeps its good items, but had a problem
        "title: T\ntitle: U",  # a key twice
        "colour: red",  # an unknown key
        "[x]: 1",  # a key that is not a value
    ],
)
def test_any_problem_makes_the_mapping_unusable(bad: str) -> None:
    r = reader()
    text = "count: 1\n" + bad + ("\ntitle: T" if not bad.startswith("title") else "")
    assert r.fields(node(text), "L", spec(r)) is None
    assert len(r.problems) == 1


def test_a_reader_that_gives_nothing_makes_the_mapping_unusable() -> None:
    r = reader()
    quiet = {"k": Field(lambda n, label: None)}
    assert r.fields(node("k: 1"), "L", quiet) is None
    assert r.problems == []
    assert r.fields(node("{}"), "L", quiet) == {}


@pytest.mark.parametrize("text", ["[1]", "x", "~", "5"])
def test_fields_needs_a_mapping(text: str) -> None:
    r = reader()
    assert r.fields(node(text), "L", spec(r)) is None
    assert r.problems == one("L: expected a mapping of keys to values")


def test_problems_without_a_node_or_at_a_line() -> None:
    r = reader()
    r.problem(None, "nowhere")
    r.at(7, "there")
    r.problem(node("x"), "here")
    assert r.problems == [
        Problem("f.yaml", None, "nowhere"),
        Problem("f.yaml", 7, "there"),
        Problem("f.yaml", LINE, "here"),
    ]
    assert r.name == "f.yaml"
    assert r.known == {}


# --- checked values -------------------------------------------------------------------------------


def test_values_defaults() -> None:
    v = Values({"s": "x", "i": 3, "f": 1.5, "side": Side.RUSSIA, "many": ("a",)})
    assert v["s"] == "x"
    assert v.s("s") == "x"
    assert v.s("absent", "d") == "d"
    assert v.opt_str("s") == "x"
    assert v.opt_str("absent") is None
    assert v.i("i") == 3
    assert v.f("f") == 1.5
    assert v.enum("side", Side) is Side.RUSSIA
    assert v.opt_enum("side", Side) is Side.RUSSIA
    assert v.opt_enum("absent", Side) is None
    assert v.many("many", str) == ("a",)
    assert v.many("absent", str) == ()
    assert v.opt("s", str) == "x"
    assert v.opt("absent", str) is None
    assert v.opt_span("absent") is None
    with pytest.raises(KeyError):
        v.i("absent")
    with pytest.raises(AssertionError):
        v.s("absent")
    with pytest.raises(AssertionError):
        v.i("s")
