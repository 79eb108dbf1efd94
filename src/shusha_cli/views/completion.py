"""Shell completion candidates: place and actor names, event and quote ids.

The matching lives here, in the core, so it can be tested without a shell and stays the same as
name lookup (:mod:`shusha_cli.core.names`); ``cli.py`` only hands the typed text in and the
candidates back to Typer.
"""

from __future__ import annotations

from shusha_cli.core import query
from shusha_cli.core.model import Chronology
from shusha_cli.core.names import fold


def complete_places(chron: Chronology, prefix: str) -> list[str]:
    """Place names and aliases that ``prefix`` may stand for, folded like lookup."""
    return query.place_index(chron).complete(prefix)


def complete_actors(chron: Chronology, prefix: str) -> list[str]:
    """Actor names and aliases that ``prefix`` may stand for, folded like lookup."""
    return query.actor_index(chron).complete(prefix)


def complete_ids(chron: Chronology, prefix: str) -> list[str]:
    """Event and quote ids: those starting with ``prefix`` first, then those whose words it
    starts (``shusha-cap`` offers ``aliyev-announces-shusha-capture``); in the chronology's order
    within each group, so the list reads like the timeline.
    """
    typed = fold(prefix).split()
    key = "-".join(typed)
    ordered = [e.id for e in sorted(chron.events, key=chron.order)]
    ordered += [q.id for q in sorted(chron.quotes, key=chron.order)]
    if not typed:
        return ordered
    starts = [i for i in ordered if i.startswith(key)]
    first = set(starts)
    words = [
        i
        for i in ordered
        if i not in first and all(any(w.startswith(t) for w in i.split("-")) for t in typed)
    ]
    return starts + words
