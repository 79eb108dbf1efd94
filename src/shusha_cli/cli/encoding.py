"""Output in an encoding that cannot hold every character: a readable fallback, never a crash.

Under ``PYTHONIOENCODING=ascii`` (or latin-1, cp1252, ``LC_ALL=C PYTHONUTF8=0``) the output
stream cannot hold ``—``, ``→`` or ``Ş``. Rather than end in a UnicodeEncodeError, a character
the encoding lacks is written as its ASCII look-alike when it has one (the rules and frames of
the tables, dashes, arrows, quote marks, the chart symbols: see :data:`LOOK_ALIKE`), else as a
Python escape (``Ş`` as ``\\u015e``), as the README documents.
"""

from __future__ import annotations

import codecs
import contextlib
import sys

ERRORS = "shusha-fallback"

LOOK_ALIKE = {
    "—": "--", "–": "-", "\u2010": "-", "\u2212": "-", "…": "...", "·": ".", "•": "*",
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "ʼ": "'", "«": '"', "»": '"',
    "→": "->", "←": "<-", "↑": "^", "↓": "v", "≈": "~", "\u00d7": "x", "¶": "P", "§": "S",
    "⚑": "!", "●": "*", "○": "o", "░": ".", "▒": ":", "█": "#", "\u00a0": " ",
    "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
}  # fmt: skip


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        alike = LOOK_ALIKE.get(char)
        if alike is None:
            point = ord(char)
            alike = (
                f"\\x{point:02x}"
                if point <= 0xFF
                else f"\\u{point:04x}"
                if point <= 0xFFFF
                else f"\\U{point:08x}"
            )
        out.append(alike)
    return "".join(out), exc.end


codecs.register_error(ERRORS, _fallback)


def fit_streams() -> None:
    """Give stdout and stderr the fallback when their encoding is not a Unicode one."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
            continue
        with contextlib.suppress(ValueError, OSError, AttributeError, LookupError):
            stream.reconfigure(errors=ERRORS)
