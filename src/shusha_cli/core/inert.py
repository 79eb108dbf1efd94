"""Text from the data made inert for a terminal: for the views that measure it and the renderers."""

from __future__ import annotations

import re

#: What a terminal would act on or hide instead of showing: C0 and C1 controls (an ANSI escape's
#: ESC among them), DEL, zero-width and direction marks (U+061C, U+200B–U+200F), the line and
#: paragraph separators (U+2028/2029), bidirectional embeddings, overrides and isolates
#: (U+202A–U+202E, U+2066–U+2069), the word joiner and invisible operators (U+2060–U+206F),
#: the byte-order mark (U+FEFF) and the tag characters (U+E0000–U+E007F).
_WIDE = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e007f"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{_WIDE}]")
#: The same, except the line ends a CSV or JSON document is made of (LF, CR-LF) and the tab.
_IN_DOCUMENT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_WIDE}]|\r(?!\n)")


def escape(char: str) -> str:
    """A Python-style escape that reads one way only: ``\\x1b``, ``\\u202e``, ``\\U000e0001``."""
    point = ord(char)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def safe(text: str) -> str:
    """Text from the data, made inert for a terminal.

    Control characters and invisible or direction-changing characters are shown as visible
    escapes (:func:`escape`) instead of being sent to the terminal; tabs become spaces. Rich
    markup and emoji codes need no escaping here because every cell is a ``Text``.
    """
    return _CONTROL.sub(lambda m: escape(m.group()), text.replace("\t", " "))


def for_terminal(text: str) -> str:
    """A CSV document (or a piece of one) made inert for a terminal, its line ends kept.

    As :func:`safe`, but a line feed, a CR-LF and a tab are left as they are: they are the
    document's own structure, and a terminal only moves the cursor for them.
    """
    return _IN_DOCUMENT.sub(lambda m: escape(m.group()), text)


def json_escape(char: str) -> str:
    """A JSON string escape for one character (a surrogate pair above U+FFFF)."""
    point = ord(char)
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def json_for_terminal(text: str) -> str:
    """A JSON document made inert for a terminal: each unsafe character as a ``\\uXXXX`` escape.

    It stays the same JSON: outside strings a JSON writer only puts spaces, line feeds and
    punctuation, and inside a string the escape stands for the very character it replaces.
    """
    return _IN_DOCUMENT.sub(lambda m: json_escape(m.group()), text)
