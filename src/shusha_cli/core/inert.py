"""Text from the data made inert for a terminal: for the views that measure it and the renderers."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text from the data, made inert for a terminal.

    Control characters (an ANSI escape's ESC among them) and bidirectional overrides are shown
    as visible ``\\xNN`` escapes instead of being sent to the terminal; tabs become spaces.
    Rich markup and emoji codes need no escaping here because every cell is a ``Text``.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\t", " "))
