"""Text made inert for a terminal, checked over every code point against Python's own escapes."""

from __future__ import annotations

import json
import sys

import pytest

from shusha_cli.core import inert


def _escaped(ch: str) -> str:
    """Python's own escape of a character it does not print (\\x0d, not \\r, for a CR)."""
    return "\\x0d" if ch == "\r" else repr(ch)[1:-1]


def _unsafe(point: int) -> bool:
    """The characters the module promises to show as escapes, listed from its docstring."""
    return (
        point <= 0x1F
        or 0x7F <= point <= 0x9F  # DEL and the C1 controls
        or point == 0x061C  # Arabic letter mark
        or 0x200B <= point <= 0x200F  # zero-width and direction marks
        or 0x2028 <= point <= 0x202E  # separators, embeddings, overrides
        or 0x2060 <= point <= 0x206F  # word joiner, invisible operators, isolates
        or point == 0xFEFF
        or 0xE0000 <= point <= 0xE007F  # tags
    )


# Every code point where the answer changes, and its neighbours: the whole table without
# the cost of 1.1 million regular-expression calls.
_EDGES = [
    0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0xFF,
    0x100, 0x61B, 0x61C, 0x61D, 0x200A, 0x200B, 0x200F, 0x2010, 0x2027, 0x2028, 0x202E,
    0x202F, 0x205F, 0x2060, 0x206F, 0x2070, 0xFEFE, 0xFEFF, 0xFF00, 0xFFFF, 0x10000,
    0xDFFFF, 0xE0000, 0xE007F, 0xE0080, 0x10FFFF,
]  # fmt: skip
POINTS = sorted({p for e in _EDGES for p in (e - 1, e, e + 1) if 0 <= p <= sys.maxunicode})


def test_every_code_point_of_the_first_planes_and_the_tags() -> None:
    for point in (*range(0x3000), *range(0xFE00, 0x10000), *range(0xE0000, 0xE0100)):
        if 0xD800 <= point <= 0xDFFF:
            continue
        ch = chr(point)
        shown = inert.safe(ch)
        if ch == "\t":
            assert shown == " "
        elif ch == "\n" or not _unsafe(point):
            assert shown == ch, hex(point)
        else:
            assert shown == _escaped(ch), hex(point)


@pytest.mark.parametrize("point", POINTS, ids=hex)
def test_safe_for_terminal_and_json_around_every_edge(point: int) -> None:
    ch = chr(point)
    escaped = _escaped(ch)
    unsafe = _unsafe(point) and ch not in "\t\n"
    assert inert.safe(f"a{ch}b") == ("a b" if ch == "\t" else f"a{escaped if unsafe else ch}b")
    # a document keeps its own line ends and tabs; a lone CR is a control like the rest
    in_document = _unsafe(point) and ch not in "\t\n"
    assert inert.for_terminal(f"a{ch}b") == f"a{escaped if in_document else ch}b"
    if 0xD800 <= point <= 0xDFFF:
        return
    doc = json.dumps({"k": f"a{ch}b"}, ensure_ascii=False)
    shown = inert.json_for_terminal(doc)
    assert json.loads(shown) == {"k": f"a{ch}b"}
    if in_document:
        # the same escape Python's json would write
        assert shown == '{"k": "a' + json.dumps(ch)[1:-1] + 'b"}'
    else:
        assert shown == doc


@pytest.mark.parametrize(
    "ch", ["\x00", "\x1b", "\r", "\x7f", "\x85", "\x9f", "\u061c", "\u202e", "\ufeff", "\U000e0001"]
)
def test_escape_reads_as_python_writes_it(ch: str) -> None:
    assert inert.escape(ch) == _escaped(ch)


@pytest.mark.parametrize(
    "point", [0x00, 0x1B, 0xFF, 0x100, 0xFFFF, 0x10000, 0xE0001, 0xE007F, 0x10FFFF]
)
def test_json_escape_is_json_s_own(point: int) -> None:
    # json writes these as \\uXXXX (a surrogate pair above U+FFFF), lower case
    assert inert.json_escape(chr(point)) == json.dumps(chr(point))[1:-1]
    assert json.loads(f'"{inert.json_escape(chr(point))}"') == chr(point)


def test_line_ends_in_a_document() -> None:
    assert inert.for_terminal("a\r\nb\nc\rd\te") == "a\r\nb\nc\\x0dd\te"
    assert inert.json_for_terminal('["a\r\n", "\r"]') == '["a\r\n", "\\u000d"]'
    assert inert.safe("a\r\nb\nc\td") == "a\\x0d\nb\nc d"


@pytest.mark.parametrize(
    ("point", "shown"),
    [
        (0x00, "\\x00"),
        (0xFE, "\\xfe"),
        (0xFF, "\\xff"),  # the last of two hex digits
        (0x100, "\\u0100"),
        (0xFFFF, "\\uffff"),  # the last of four
        (0x10000, "\\U00010000"),
        (0x10FFFF, "\\U0010ffff"),
    ],
)
def test_escape_takes_as_few_digits_as_the_character_needs(point: int, shown: str) -> None:
    assert inert.escape(chr(point)) == shown
