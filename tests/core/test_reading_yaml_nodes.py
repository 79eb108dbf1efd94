"""core/reading/yaml_nodes.py: YAML that cannot be read, each refused with one exact, located problem.

The lines and columns expected are counted by hand in the text of each case; the alias limits
by counting the nodes a document writes and the nodes it makes YAML read.
"""

from __future__ import annotations

import pytest
import yaml

from shusha_cli.core.errors import DataError, Problem
from shusha_cli.core.reading import yaml_nodes
from shusha_cli.core.reading.yaml_nodes import ALIAS_ALLOWANCE, compose

NAME = "y.yaml"


def refused(text: str) -> Problem:
    """The one problem ``text`` is refused with."""
    with pytest.raises(DataError) as caught:
        compose(text, NAME)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: b: c\n", 1, "YAML syntax error, column 5: mapping values are not allowed in this context"),
        ("x: 1\n  y: 2\n", 2, "YAML syntax error, column 4: mapping values are not allowed in this context"),
        (
            "a: 1\n---\nb: 2\n",
            2,
            "YAML syntax error, column 1: but found another document"
            " (expected a single document in the stream at line 1, column 1)",
        ),
        (
            'a: 1\nb: "abc\n\n\nc: 1\n',
            6,
            "YAML syntax error, column 1: found unexpected end of stream"
            " (while scanning a quoted scalar at line 2, column 4)",
        ),
        ("a: *nope\n", 1, "YAML syntax error, column 4: found undefined alias"),
        ("\n\n\n  \t x: [\n\nb", 4, "YAML syntax error, column 3: found character that cannot start any token"),
        ("%YAML 1.1\n%YAML 1.1\n--- a\n", 2, "YAML syntax error, column 1: found duplicate %YAML directive"),
        (
            "a: &x [1]\nb: &x [2]\n",
            2,
            "YAML syntax error, column 4: second occurrence"
            " (found duplicate anchor; first occurrence at line 1, column 4)",
        ),
        (
            "a:\n  - b\n  c: d\n",
            3,
            "YAML syntax error, column 3: did not find expected '-' indicator"
            " (while parsing a block collection at line 2, column 3)",
        ),
    ],
)  # fmt: skip
def test_syntax_errors(text: str, line: int, message: str) -> None:
    assert refused(text) == Problem(NAME, line, message)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("{a: 1 b: 2}\n", 1, "YAML syntax error, column 8: did not find expected ',' or '}'"),
        ("x: {a: [b}\n", 1, "YAML syntax error, column 10: did not find expected ',' or ']'"),
        (
            "{a: 1,\n b: 2 c: 3}\n",
            2,
            "YAML syntax error, column 8: did not find expected ',' or '}'"
            " (while parsing a flow mapping at line 1, column 1)",
        ),
        ("{a: 1,\n b: [2 c: 3 d: 4]}\n", 2, "YAML syntax error, column 14: did not find expected ',' or ']'"),
    ],
)  # fmt: skip
def test_the_context_is_said_only_when_it_is_on_another_line(
    text: str, line: int, message: str
) -> None:
    # the flow mapping opened on the line of the problem: no "(while parsing ... at line ...)"
    assert refused(text) == Problem(NAME, line, message)


@pytest.mark.parametrize(
    ("text", "line", "column", "char"),
    [
        ("a: \x07\n", 1, 4, "\\x07"),
        ("a: 1\nb: x\x07\n", 2, 5, "\\x07"),
        ("a: 1\nb: 2\n\n\x1b", 4, 1, "\\x1b"),
        ("a: \ufffe\n", 1, 4, "\\ufffe"),
        ("\x07a: 1\n", 1, 1, "\\x07"),
        # after letters of more than one byte: counted in characters, not in bytes
        ("éééé: \x07\n", 1, 7, "\\x07"),
        ("a: 1\nŞuşa: ok\nb: x\x07\n", 3, 5, "\\x07"),
        ("😀😀: \x07\n", 1, 5, "\\x07"),
        ('a: "Շուշի"\nb: \x1b\n', 2, 4, "\\x1b"),
        # after each of YAML's line breaks, as its own marks count them
        ("a: 1\r\nb: \x07\n", 2, 4, "\\x07"),
        ("a: 1\rb: \x07\n", 2, 4, "\\x07"),
        ("a: 1\x85b: \x07\n", 2, 4, "\\x07"),
        ("a: 1\u2028b: \x07\n", 2, 4, "\\x07"),
        ("a: 1\u2029\r\n\n  \x07\n", 4, 3, "\\x07"),
    ],
)
def test_characters_yaml_does_not_allow(text: str, line: int, column: int, char: str) -> None:
    message = (
        f"YAML error, column {column}: control characters are not allowed (found '{char}');"
        " write it as an escape inside double quotes"
    )
    assert refused(text) == Problem(NAME, line, message)


@pytest.mark.parametrize(
    ("before", "line", "column"),
    [("Şuşa", 1, 7), ("k: 1\rb", 2, 4), ("k: Շ\u2028b", 2, 4), ("k: 1\r\n\x85b", 3, 4)],
)
def test_a_character_is_on_the_line_yaml_would_say(before: str, line: int, column: int) -> None:
    # the same line as the scanner's own mark for a syntax error written there instead
    bad, syntax = refused(f"{before}: \x07\n"), refused(f"{before}: `\n")
    assert bad.line == syntax.line == line
    assert bad.message.startswith(f"YAML error, column {column}: ")
    assert syntax.message.startswith(f"YAML syntax error, column {column}: ")


def test_a_lone_surrogate() -> None:
    assert refused("a: \ud800\n") == Problem(NAME, None, "is not valid Unicode text")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "# a\n\n# b\n"])
def test_no_document(text: str) -> None:
    assert refused(text) == Problem(NAME, None, "holds no YAML document")


def test_a_document_is_composed_not_constructed() -> None:
    node = compose("a: !!python/object:os.system x\nb: [1, yes]\n", NAME)
    assert isinstance(node, yaml.MappingNode)
    (ka, va), (kb, vb) = node.value
    assert (ka.value, va.tag, va.value) == ("a", "tag:yaml.org,2002:python/object:os.system", "x")
    assert [(n.tag, n.value) for n in vb.value] == [
        ("tag:yaml.org,2002:int", "1"),
        ("tag:yaml.org,2002:bool", "yes"),
    ]
    assert (kb.start_mark.line, vb.start_mark.line) == (1, 1)


def test_the_tables_of_tags() -> None:
    tags = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")}
    tags |= {f"tag:yaml.org,2002:{t}" for t in ("timestamp", "seq", "map")}
    assert tags == yaml_nodes.ALLOWED_TAGS
    assert yaml_nodes.STR == "tag:yaml.org,2002:str"


# --- aliases --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x [1, *x]\n", 1),
        ("\n&m {a: *m}\n", 2),
        ("\n\na: &x\n  - 1\n  - [2, *x]\n", 3),
        ("a: 1\nb: &y\n  c: {d: *y}\n", 2),
    ],
)
def test_an_alias_inside_its_own_anchor(text: str, line: int) -> None:
    message = "a YAML alias refers to a node that contains it (anchored here)"
    assert refused(text) == Problem(NAME, line, message)


def bomb(items: int, uses: int) -> tuple[str, int, int]:
    """``a`` anchors a list of ``items`` values, ``b`` lists it ``uses`` times.

    Written: the mapping, its 2 keys, the 2 lists and the items. Read: the same, with the
    anchored list (itself and its items) once more for each use.
    """
    text = f"a: &x [{', '.join(['1'] * items)}]\nb: [{', '.join(['*x'] * uses)}]\n"
    written = 5 + items
    read = 4 + (1 + items) + uses * (1 + items)
    return text, written, read


def test_aliases_up_to_the_allowance() -> None:
    text, written, read = bomb(40, 245)
    assert read == 2 * written + ALIAS_ALLOWANCE == 10_090  # exactly the most read
    node = compose(text, NAME)
    assert len(node.value[1][1].value) == 245


def test_aliases_beyond_the_allowance() -> None:
    text, written, read = bomb(40, 246)
    assert (written, read) == (45, 10_131)
    message = (
        "YAML aliases expand 45 values to 10,131; at most 10,090 are read: write the values out"
    )
    assert refused(text) == Problem(NAME, None, message)


def test_aliases_as_keys_count_too() -> None:
    items = ", ".join(["1"] * 40)
    uses = ", ".join(["*x"] * 245)
    text = f"a: &x [{items}]\nb: [{uses}]\n? *x\n: 1\n"
    # written: the mapping, keys a and b, the two lists, 40 items, the value 1: 46
    # read: 1 + 2 keys + (1 + 40) + (1 + 245 * 41) + the key's list again (41) + 1 = 10,132
    message = (
        "YAML aliases expand 46 values to 10,132; at most 10,092 are read: write the values out"
    )
    assert refused(text) == Problem(NAME, None, message)


def test_a_shared_node_is_counted_once_as_written() -> None:
    # The same anchored mapping used in two places, nested: read twice, written once.
    text = "a: &x {k: &y [1, 2]}\nb: *x\nc: *y\nd: [*y, *x]\n"
    node = compose(text, NAME)
    assert [k.value for k, _ in node.value] == ["a", "b", "c", "d"]


# --- errors PyYAML raises without the usual parts (made here: no text found gives them) ----------


def raising(monkeypatch: pytest.MonkeyPatch, error: Exception) -> Problem:
    def compose_fails(text: str, Loader: type) -> yaml.Node:  # the keyword PyYAML passes
        raise error

    monkeypatch.setattr(yaml, "compose", compose_fails)
    return refused("a: 1\n")


def test_a_syntax_error_without_a_place_or_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    found = raising(monkeypatch, yaml.MarkedYAMLError())
    assert found == Problem(NAME, None, "YAML syntax error: syntax error")


def test_a_syntax_error_with_only_a_context(monkeypatch: pytest.MonkeyPatch) -> None:
    mark = yaml.Mark("y", 0, 4, 2, None, None)
    found = raising(monkeypatch, yaml.MarkedYAMLError("while reading", mark))
    assert found == Problem(NAME, 5, "YAML syntax error, column 3: while reading")


def test_a_syntax_error_with_a_reason_but_no_place(monkeypatch: pytest.MonkeyPatch) -> None:
    found = raising(monkeypatch, yaml.MarkedYAMLError("while reading", None, "it broke", None))
    assert found == Problem(NAME, None, "YAML syntax error: it broke")


def test_any_other_yaml_error_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    found = raising(monkeypatch, yaml.YAMLError("first line\n   second\tline  "))
    assert found == Problem(NAME, None, "YAML error: first line second line")
