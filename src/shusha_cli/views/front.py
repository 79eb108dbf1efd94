"""Who held which place on which day: the core of ``shusha front`` and of ``map --on``.

Plain data in, frozen dataclasses out; nothing here prints. The rule that decides how sure a cell
may look lives here once, so the grid, the map and the JSON cannot disagree:

* **Holder.** A place's holder on a day comes only from its recorded control changes
  (``control`` on events, claims included: a claim stays marked as one in every listing).
  After a change whose day is known, the place is *held* by the side it passed to (*partly*
  held after a partial change) until the next recorded change. Inside the window of a change
  whose day is not known (a span of days, an open end, or a day flagged uncertain or
  approximate) the place is *changing* hands on a day we cannot name. Before its first
  recorded change we know only what that change implies: if it names the side the place
  passed *from*, that side held it (*implied*, drawn apart from *held*); otherwise nothing.
  Changes are taken in chronological order (earliest day, time of day, latest day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from enum import Enum

from shusha_cli.core import query
from shusha_cli.core.model import (
    Chronology,
    Extent,
    Place,
    PlaceKind,
    Side,
)
from shusha_cli.core.names import fold
from shusha_cli.core.query import ControlStep, Filter
from shusha_cli.core.record import record
from shusha_cli.views.days import DayRange, covers, day_known, view_range


class Hold(str, Enum):
    """How much the data says about a place's holder on one day."""

    HELD = "held"  # a recorded change to this side, known to be done, and none since
    PARTIAL = "partial"  # after a partial change to this side: partly held by it
    CHANGING = "changing"  # inside the window of a change whose day is not known
    IMPLIED = "implied"  # before any recorded change: the side the first change came from
    UNKNOWN = "unknown"  # the data does not say


@record
class Holding:
    """A place's holder on one day, as far as the data says, and the change that says so.

    ``side`` is the holder (held, implied), the side that took part of it (partial) or the side
    it is passing to (changing); ``other`` is the side it passed from, where the data says.
    """

    hold: Hold
    side: Side | None = None
    other: Side | None = None
    step: ControlStep | None = None

    @property
    def by_claim(self) -> bool:
        """Whether this holding rests on a party's claim alone, not on the article's account.

        The holding is worked out from one recorded change (the latest done, the one under way,
        or the first, for an implied holder): when that change is a claim, nothing in the
        article's own account says so.
        """
        return self.step is not None and self.step.event.is_claim


UNKNOWN = Holding(Hold.UNKNOWN)

SIDE_LETTERS = {
    Side.AZERBAIJAN: "A",
    Side.ARMENIA: "M",
    Side.NAGORNO_KARABAKH: "N",
    Side.RUSSIA: "R",
    Side.OTHER: "O",
}
"""One letter per side, so that the grid and the map read without colour."""

HOLD_MARKS = {Hold.PARTIAL: "/", Hold.CHANGING: "?", Hold.UNKNOWN: "·"}

CLAIM_MARK = "⚑"
"""What a cell shows when its holding rests on a party's claim alone (see Holding.by_claim)."""


def symbol(holding: Holding) -> str:
    """The one character a cell shows: the holder's letter (lower case when only implied).

    A holding that rests on a claim alone shows :data:`CLAIM_MARK` instead, whatever it says,
    so the grid never draws a claim as the article's account; the list of changes and
    ``--on`` say what the claim is.
    """
    if holding.by_claim and holding.hold is not Hold.UNKNOWN:
        return CLAIM_MARK
    if holding.hold in (Hold.HELD, Hold.IMPLIED) and holding.side is not None:
        letter = SIDE_LETTERS[holding.side]
        return letter if holding.hold is Hold.HELD else letter.lower()
    return HOLD_MARKS.get(holding.hold, "·")


histories = query.control_histories


def holding_on(steps: Sequence[ControlStep], day: dt.date) -> Holding:
    """Who held a place on ``day``, given its changes in order (see the module's rules)."""
    changing = [s for s in steps if not day_known(s.event.date) and covers(s.event.date, day)]
    if changing:
        step = changing[-1]
        return Holding(Hold.CHANGING, step.change.to, step.change.from_, step)
    done = [s for s in steps if _done_by(s, day)]
    if done:
        step = done[-1]
        hold = Hold.PARTIAL if step.change.extent is Extent.PARTIAL else Hold.HELD
        return Holding(hold, step.change.to, step.change.from_, step)
    if steps and steps[0].change.from_ is not None:  # none done yet: what the first implies
        return Holding(Hold.IMPLIED, steps[0].change.from_, None, steps[0])
    return UNKNOWN


def holding_with_claims(
    steps: Sequence[ControlStep], article: Sequence[ControlStep], day: dt.date
) -> Holding:
    """The holding on ``day`` from every change, claims included, told apart from the article.

    ``article`` is the same history with the claims left out. When the two agree on the holder
    the article's change is the one shown (the claim only repeats it); otherwise the holding
    rests on a claim alone and says so (:attr:`Holding.by_claim`).
    """
    holding = holding_on(steps, day)
    if holding.by_claim:
        own = holding_on(article, day)
        if (own.hold, own.side) == (holding.hold, holding.side):
            return own
    return holding


def _done_by(step: ControlStep, day: dt.date) -> bool:
    """Whether a change had certainly happened by the end of ``day``."""
    span = step.event.date
    if day_known(span):
        return span.start <= day
    return span.end is not None and span.end < day


def _involves(step: ControlStep, sides: Sequence[Side]) -> bool:
    return step.change.to in sides or step.change.from_ in sides


@record
class FrontRow:
    """One place's line of the grid: its holding on each day of the range."""

    place: Place
    cells: tuple[Holding, ...]
    first_change: ControlStep  # the first change that matters to the range (orders the rows)

    @property
    def only_changing(self) -> bool:
        """Whether every day of the range is inside one change whose day is not known."""
        steps = {c.step.event.id if c.step else None for c in self.cells}
        return all(c.hold is Hold.CHANGING for c in self.cells) and len(steps) == 1


@record
class FrontChange:
    """One change of control listed under its date."""

    place: Place
    step: ControlStep

    @property
    def day_known(self) -> bool:
        return day_known(self.step.event.date)


@record
class Front:
    """The movement of control over a range of days."""

    range: DayRange
    rows: tuple[FrontRow, ...]
    changes: tuple[FrontChange, ...]
    unrecorded: tuple[Place, ...]  # places named in the range whose control the data never gives
    description: str
    article_only: bool = False  # claims left out: the article's own account alone

    @property
    def known_rows(self) -> tuple[FrontRow, ...]:
        """The rows that say something day by day (not one unknown day across the range)."""
        return tuple(r for r in self.rows if not r.only_changing)

    @property
    def folded(self) -> tuple[tuple[ControlStep, tuple[FrontRow, ...]], ...]:
        """Rows whose only news is one change of unknown day, one group per statement."""
        groups: dict[str, list[FrontRow]] = {}
        steps: dict[str, ControlStep] = {}
        for row in self.rows:
            step = row.cells[0].step
            if row.only_changing and step is not None:
                groups.setdefault(step.event.id, []).append(row)
                steps.setdefault(step.event.id, step)
        return tuple((steps[k], tuple(rows)) for k, rows in groups.items())


_NEVER_HELD = frozenset({PlaceKind.COUNTRY, PlaceKind.REGION})


def article_histories(chron: Chronology) -> dict[str, list[ControlStep]]:
    """The control histories with the parties' claims left out: the article's account alone."""
    out = {p: [s for s in steps if not s.event.is_claim] for p, steps in histories(chron).items()}
    return {p: steps for p, steps in out.items() if steps}


def front(chron: Chronology, filt: Filter, *, article_only: bool = False) -> Front:
    """Each place's holder on each day of the range, and the changes inside the range.

    ``--place`` keeps those places; ``--side`` keeps places and changes that passed to or from
    that side. A holder is always worked out from the place's whole history, so a filter never
    changes what a cell says, only which rows and changes are shown. ``article_only`` leaves
    the parties' claims out of that history. Rows whose every day lies inside one change of
    unknown day come last (see :attr:`Front.folded`).
    """
    rng = view_range(chron, filt)
    window = rng.span
    article = article_histories(chron)
    history = article if article_only else histories(chron)
    rows: list[FrontRow] = []
    changes: list[FrontChange] = []
    for place in chron.places:
        if place.id not in history or (filt.places and place.id not in filt.places):
            continue
        steps = history[place.id]
        if filt.sides and not any(_involves(s, filt.sides) for s in steps):
            continue
        own = article.get(place.id, [])
        cells = tuple(holding_with_claims(steps, own, day) for day in rng.days)
        if all(c.hold is Hold.UNKNOWN for c in cells):
            continue
        rows.append(FrontRow(place, cells, _first_change(steps, rng)))
        changes += [
            FrontChange(place, s)
            for s in steps
            if s.event.date.overlaps(window) and (not filt.sides or _involves(s, filt.sides))
        ]
    rows.sort(
        key=lambda r: (r.only_changing, chron.order(r.first_change.event), fold(r.place.name))
    )
    changes.sort(key=lambda c: (chron.order(c.step.event), fold(c.place.name)))
    named = Filter(start=rng.start, end=rng.end)  # the place filter is applied below
    seen = {p for e in query.timeline(chron, named) for p in query.event_places(e)}
    unrecorded = tuple(
        sorted(
            (
                p
                for p in chron.places
                if p.id in seen
                and p.id not in history
                and p.kind not in _NEVER_HELD
                and (not filt.places or p.id in filt.places)
            ),
            key=lambda p: fold(p.name),
        )
    )
    description = query.describe(chron, replace(filt, start=rng.start, end=rng.end))
    if article_only:
        description += ", the article's account only"
    return Front(rng, tuple(rows), tuple(changes), unrecorded, description, article_only)


def _first_change(steps: Sequence[ControlStep], rng: DayRange) -> ControlStep:
    for step in steps:
        end = step.event.date.end
        if end is None or end >= rng.start:
            return step
    return steps[-1]


def hold_words(holding: Holding) -> str:
    """A holding in neutral words: 'held by azerbaijan', 'passing to azerbaijan'."""
    side = holding.side.value if holding.side is not None else "?"
    if holding.hold is Hold.HELD:
        return f"held by {side}"
    if holding.hold is Hold.PARTIAL:
        rest = f" (rest: {holding.other.value})" if holding.other is not None else ""
        return f"partly held by {side}{rest}"
    if holding.hold is Hold.CHANGING:
        came = f" from {holding.other.value}" if holding.other is not None else ""
        part = " in part" if holding.step and holding.step.change.extent is Extent.PARTIAL else ""
        return f"passing{part} to {side}{came}"
    if holding.hold is Hold.IMPLIED:
        return f"held by {side}, as a later change implies"
    return "not known"
