"""Help that teaches and usage errors that say what would work: the command list, examples, hints.

The command list in ``shusha --help`` is in the README's order with every summary whole on 80
columns; each command's help ends with examples (``tests/cli/test_guidance.py`` runs them all);
and a stray word on the command line gets a one-line hint naming the command that would work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from typer.core import TyperGroup

COMMANDS: dict[str, str] = {
    "timeline": "the events that match, as a story: by day, in the article's order",
    "place": "everything about one place: names, who held it, events, quotes",
    "places": "all places, with kind, district, events, first and last day",
    "actor": "everything about one actor: what they did, said, and who answered",
    "actors": "all people, units and organisations, by side",
    "quotes": "quotes, verbatim and attributed, in the order they were said",
    "show": "one event or quote in full, with every link to and from it",
    "claims": "contested matters: the claim, what contradicted it, the article",
    "front": "who held which place, day by day, and the changes of control",
    "days": "events per day as bars by type; busiest and empty days",
    "map": "places with coordinates at their relative positions",
    "export": "the filtered chronology as CSV, JSON, GeoJSON, SQLite, TimelineJS",
    "schema": "the JSON Schema of a JSON output",
    "validate": "check a chronology file: every problem with file:line",
}
"""Every command, in the order the README and ``--help`` list them, with its summary."""

EXAMPLES: dict[str, list[str]] = {
    "timeline": [
        "shusha timeline --from 2020-10-29",
        "shusha timeline --on 2020-11-07 --place Shusha --full",
        "shusha timeline --side russia --type statement -f json",
    ],
    "place": ["shusha place Shushi", "shusha place Mount Kirs --from 2020-11-01"],
    "places": ["shusha places --kind road", "shusha places --sort activity"],
    "actor": ["shusha actor Ilham Aliyev", "shusha actor hovhannisyan --type denial"],
    "actors": ["shusha actors --side russia", "shusha actors --kind unit -f csv"],
    "quotes": ["shusha quotes --actor Strelkov", "shusha quotes --from 2020-11-08 --side armenia"],
    "show": ["shusha show chanagchi-taken", "shusha show aliyev announces"],
    "claims": ["shusha claims", "shusha claims 2", "shusha claims --side armenia"],
    "front": ["shusha front --from 2020-11-01", "shusha front --on 2020-11-07 --article-only"],
    "days": ["shusha days --from 2020-11-01", "shusha days --type capture -f json"],
    "map": ["shusha map --around Shusha --radius 8", "shusha map --on 2020-11-07"],
    "export": [
        "shusha export --from 2020-11-05 -o nov5.csv",
        "shusha export --what quotes -f json",
        "shusha export -o shusha.db",
    ],
    "schema": ["shusha schema", "shusha schema events"],
    "validate": ["shusha validate", "shusha validate data/events.yaml"],
}
"""Two or three examples a command, shown at the end of its ``--help``. Each must exit 0 when
run from the repository's root (``shusha validate data/events.yaml`` names the shipped file)."""

MAIN_JOB = "shusha timeline --from 2020-10-29"


class ShushaGroup(TyperGroup):
    """The top-level group: commands listed in README order, summaries whole, examples last."""

    def list_commands(self, ctx: Any) -> list[str]:
        known = [name for name in COMMANDS if name in self.commands]
        return known + sorted(n for n in self.commands if n not in COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and cmd_name in COMMANDS:
            command.short_help = COMMANDS[cmd_name]
            examples = EXAMPLES.get(cmd_name)
            if examples and not command.epilog:
                # \b keeps Click from re-wrapping the lines of the example block.
                command.epilog = "Examples:\n\n\b\n" + "\n".join(f"  {e}" for e in examples)
        return command


def first_contact_hint() -> str:
    """The line after the help that bare ``shusha`` prints: the main job, ready to type."""
    return f"Start with: {MAIN_JOB}   (what happened from 29 Oct 2020 on)"


# --- stray arguments ---------------------------------------------------------------------------

DATE_OPTIONS = ("--from", "--to", "--on")
_EXTRA = re.compile(r"unexpected extra argument(?:s|\(s\))? \((.*)\)\s*$", re.S)


def extra_arguments(message: str) -> list[str] | None:
    """The words Click could not place, from its "Got unexpected extra argument" message."""
    match = _EXTRA.search(message)
    return match.group(1).split() if match else None


def stray_hint(
    command: str,
    extras: Sequence[str],
    argv: Sequence[str],
    is_date: Callable[[str], bool],
    is_place: Callable[[str], bool],
    is_actor: Callable[[str], bool],
) -> str | None:
    """What the user most likely meant by words left over on the command line, or None.

    Tried in order: a date with a space that was not quoted (``--from 7 Nov``), a bare date, a
    place, an actor. The checks are passed in, so this stays free of the chronology.
    """
    words = " ".join(extras)
    index = _index_of_extras(argv, extras)
    if index is not None and index >= 2 and argv[index - 2] in DATE_OPTIONS:
        option, value = argv[index - 2], argv[index - 1]
        joined = f"{value} {words}"
        if is_date(joined):
            return f'quote a date with spaces: {option} "{joined}"'
    takes_dates = command in ("timeline", "quotes", "claims", "export", "front", "days", "map",
                              "place", "actor")  # fmt: skip
    if takes_dates and is_date(words):
        quoted = _quoted(words)
        return f"did you mean --from {quoted} or --on {quoted}?"
    takes_places = command in ("timeline", "quotes", "claims", "export", "front", "days", "map")
    if takes_places and is_place(words):
        quoted = _quoted(words)
        return f"did you mean --place {quoted} or shusha place {quoted}?"
    if takes_places and is_actor(words):
        quoted = _quoted(words)
        return f"did you mean --actor {quoted} or shusha actor {quoted}?"
    return None


def _quoted(words: str) -> str:
    return f'"{words}"' if " " in words else words


def _index_of_extras(argv: Sequence[str], extras: Sequence[str]) -> int | None:
    """Where the leftover words start in argv (the last place they appear in a row)."""
    n = len(extras)
    for i in range(len(argv) - n, -1, -1):
        if list(argv[i : i + n]) == list(extras):
            return i
    return None
