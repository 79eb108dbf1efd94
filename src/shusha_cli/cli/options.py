"""Options defined once for every command that takes them, and their Tab completion."""

from __future__ import annotations

import os
import re
from typing import Annotated, Any

import typer
from typer._click.shell_completion import CompletionItem  # Typer vendors Click as typer._click
from typer._click.types import StringParamType

from shusha_cli.core.errors import ShushaError
from shusha_cli.render import Format

# --- tab completion ----------------------------------------------------------------------------


class Completing(StringParamType):
    """A plain string whose Tab completions come from the chronology (shusha_cli.views.completion).

    A Click type rather than Typer's ``autocompletion=``: Typer keeps only the candidates that
    start with the typed text as typed, which would drop ``Shusha`` for ``shu`` and ``Şuşa`` for
    ``susa``; the core's folded matching decides here instead.
    """

    name = "text"

    def __init__(self, what: str) -> None:
        self.what = what

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        return [CompletionItem(v) for v in complete_candidates(ctx, self.what, incomplete)]


_BASH_SPECIAL = re.compile(r"""[\s'"\\()&;|<>$`!*?\[\]{}#~]""")


def complete_candidates(ctx: Any, what: str, incomplete: str) -> list[str]:
    """Candidates for a Tab press; on any failure none, never a traceback in the user's shell.

    The chronology is the one --data or SHUSHA_DATA names (as far as the command line typed so
    far says), else the shipped one.
    """
    try:
        from shusha_cli.core.reading import files, opening
        from shusha_cli.views import completion as complete

        data = ctx.find_root().params.get("data") if ctx is not None else None
        try:  # through the cache: a Tab press should not re-parse the YAML
            chron = opening.open_chronology(files.resolve_data_path(data))
        except ShushaError:
            chron = opening.open_chronology(files.shipped_data_path())
        finders = {
            "place": complete.complete_places,
            "actor": complete.complete_actors,
            "id": complete.complete_ids,
        }
        found = finders[what](chron, incomplete)
    except Exception:  # a completion must fail silently
        return []
    if os.environ.get("_SHUSHA_COMPLETE") == "complete_bash":
        # bash inserts a candidate as it is: escape what it would split or interpret
        return [_BASH_SPECIAL.sub(lambda m: "\\" + m.group(), v) for v in found]
    return found


class Vocabulary(StringParamType):
    """A value from a fixed list: any case accepted, offered on Tab, listed in ``--help``.

    Checking the value is left to the core (``query.parse_choice`` and friends), which says
    "did you mean" the same way for every option; here it is only folded to lower case, so that
    ``-f CSV`` and ``--side Azerbaijan`` are read alike. A comma-separated value (``--what
    events,quotes``) completes its last part.
    """

    name = "choice"

    def __init__(self, values: list[str]) -> None:
        self.values = values

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        head, comma, last = incomplete.rpartition(",")
        lead = head + comma
        return [CompletionItem(lead + v) for v in self.values if v.startswith(last.strip().lower())]


def listed(values: list[str]) -> str:
    return ", ".join(values)


# The model's vocabularies, written out so that --help and Tab completion need not import the
# model (its enums and dataclasses cost more than Typer's own start); a test checks that they
# are the enums' values, in order.
SIDES = ["azerbaijan", "armenia", "nagorno-karabakh", "russia", "other"]
EVENT_TYPES = [
    "background", "advance", "fighting", "capture", "withdrawal", "failed-attack",
    "counterattack", "shelling", "strike", "ambush", "road-cut", "casualties", "personnel",
    "evacuation", "footage", "statement", "denial", "agreement",
]  # fmt: skip
PLACE_KINDS = [
    "city", "town", "village", "road", "mountain", "canyon", "forest", "valley", "district",
    "corridor", "region", "country", "building",
]  # fmt: skip
ACTOR_KINDS = ["person", "unit", "organisation", "government", "party", "media", "programme",
               "group"]  # fmt: skip
SORTS = ["name", "activity"]
EXPORT_WHATS = ["events", "quotes", "places", "actors"]
EXPORT_FORMATS = ["csv", "json", "geojson", "sqlite", "timelinejs"]

# --- options defined once ----------------------------------------------------------------------

FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="From this day (2020-10-29, '29 Oct', 2020-11): events whose dates reach it or "
        "later (a span that began earlier matches too, listed apart).",
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Up to this day: events whose dates begin on it or earlier (a span may run on).",
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="On this day or month: events whose dates overlap it (a span that covers it too).",
    ),
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        "-p",
        metavar="NAME",
        help="At this place (any name; repeatable).",
        click_type=Completing("place"),
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        help="By or about this actor (repeatable).",
        click_type=Completing("actor"),
    ),
]
SideOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--side",
        metavar="SIDE",
        help=f"Involving this side (repeatable): {listed(SIDES)}.",
        click_type=Vocabulary(SIDES),
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help=f"Of this event type (repeatable): {listed(EVENT_TYPES)}.",
        click_type=Vocabulary(EVENT_TYPES),
    ),
]
PlaceKindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only this kind (repeatable): {listed(PLACE_KINDS)}.",
        click_type=Vocabulary(PLACE_KINDS),
    ),
]
ActorKindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only this kind (repeatable): {listed(ACTOR_KINDS)}.",
        click_type=Vocabulary(ACTOR_KINDS),
    ),
]
SortOpt = Annotated[
    str,
    typer.Option(
        "--sort",
        metavar="ORDER",
        help=f"{listed(SORTS)}.",
        click_type=Vocabulary(SORTS),
    ),
]
SearchOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help="Containing this text, in any case and with or without diacritics; a name of a "
        "place or actor also finds its other names. Repeated: every text must be found.",
    ),
]
NoBackgroundOpt = Annotated[
    bool, typer.Option("--no-background", help="Leave out the background before 15 Oct 2020.")
]
WithinOpt = Annotated[
    bool,
    typer.Option(
        "--within", help="Only events dated wholly inside the range (none already under way)."
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", metavar="N", help="At most N events of the timeline proper."),
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Latest first.")]
FullOpt = Annotated[
    bool,
    typer.Option(
        "--full",
        "-F",
        help="Each event in full: summary, type, control changes (default: compact).",
    ),
]
ArticleOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--article-only",
        help="The article's own account only: the parties' claims of control left out.",
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format (any case)."),
]


def filter_input(
    date_from: str | None,
    date_to: str | None,
    on: str | None,
    place: list[str] | None,
    actor: list[str] | None,
    side: list[str] | None,
    type_: list[str] | None,
    search: list[str] | None,
    no_background: bool = False,
) -> Any:
    from shusha_cli.core import query

    return query.FilterInput(
        date_from=date_from,
        date_to=date_to,
        on=on,
        places=tuple(place or ()),
        actors=tuple(actor or ()),
        sides=tuple(query.parse_side(s) for s in side or ()),
        types=tuple(query.parse_type(t) for t in type_ or ()),
        searches=tuple(search or ()),
        no_background=no_background,
    )
