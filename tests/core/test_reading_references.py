"""core/reading/references.py: links between records, paragraphs and dates, checked after reading.

Each test changes one thing in a small valid document and compares the complete list of
problems (line and message, in order) with the one worked out by hand.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import pytest

from shusha_cli.core.errors import DataError
from shusha_cli.core.reading.parse import parse
from shusha_cli.core.reading.references import Suggestions

NAME = "r.yaml"

DOC = """\
source: {title: T, file: f, paragraphs: 4}
places:
  - {id: stepanakert, name: S, kind: city}
  - {id: shusha, name: Sh, kind: city}
actors:
  - {id: army-a, name: A, kind: unit, side: azerbaijan}
  - {id: speaker-b, name: B, kind: person, side: armenia}
events:
  - id: ev-one
    date: "2020-11-07"
    title: T
    summary: S
    type: capture
    places: [shusha]
    actors: [army-a]
    sources: [1, 4]
    control: [{place: shusha, to: azerbaijan}]
  - id: ev-two
    date: "2020-11-01/2020-11-09"
    title: T
    summary: S
    type: statement
    sources: [2]
    attribution: speaker-b
    contradicts: [ev-one, q-one]
quotes:
  - id: q-one
    speaker: speaker-b
    date: "2020-11-08"
    occasion: briefing
    text: "No."
    sources: [3]
    places: [shusha]
    events: [ev-one]
    confirms: [ev-two]
"""
EV_ONE, EV_TWO, Q_ONE = 9, 18, 27  # the lines of the three records


def test_the_document_is_valid() -> None:
    chron = parse(DOC, NAME)
    assert [r.id for r in (*chron.events, *chron.quotes)] == ["ev-one", "ev-two", "q-one"]
    lines = DOC.splitlines()
    assert [lines[n - 1] for n in (EV_ONE, EV_TWO, Q_ONE)] == [
        "  - id: ev-one",
        "  - id: ev-two",
        "  - id: q-one",
    ]


def problems(old: str, new: str, count: int = 1) -> list[tuple[int | None, str]]:
    assert DOC.count(old) >= count, old
    with pytest.raises(DataError) as caught:
        parse(DOC.replace(old, new, count), NAME)
    return [(p.line, p.message) for p in caught.value.problems]


def test_a_quote_with_an_event_id() -> None:
    # the id is taken: the quote is reported, and the links to "ev-two" still resolve
    assert problems("  - id: q-one\n", "  - id: ev-two\n") == [
        (EV_TWO, "event 'ev-two': linked record 'q-one' does not exist; did you mean 'ev-one'?"),
        (Q_ONE, "quote 'ev-two': id already used by an event"),
        (Q_ONE, "quote 'ev-two': links to itself"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    places: [shusha]\n    actors",
            "    places: [shusa, stepanakert, nowhere]\n    actors",
            [
                (EV_ONE, "event 'ev-one': place 'shusa' does not exist; did you mean 'shusha'?"),
                (EV_ONE, "event 'ev-one': place 'nowhere' does not exist"),
            ],
        ),
        (
            "    actors: [army-a]",
            "    actors: [army-b, speaker-b]",
            [(EV_ONE, "event 'ev-one': actor 'army-b' does not exist; did you mean 'army-a'?")],
        ),
        (
            "[{place: shusha, to: azerbaijan}]",
            "[{place: shushi, to: azerbaijan}]",
            [
                (
                    EV_ONE,
                    "event 'ev-one': control place 'shushi' does not exist; did you mean 'shusha'?",
                )
            ],
        ),
        (
            "    attribution: speaker-b",
            "    attribution: speaker-c",
            [
                (
                    EV_TWO,
                    "event 'ev-two': attribution actor 'speaker-c' does not exist;"
                    " did you mean 'speaker-b'?",
                )
            ],
        ),
        (
            "    contradicts: [ev-one, q-one]",
            "    contradicts: [q-onne, ev-twoo, army-a]",
            [
                (
                    EV_TWO,
                    "event 'ev-two': linked record 'q-onne' does not exist; did you mean 'q-one'?",
                ),
                (
                    EV_TWO,
                    "event 'ev-two': linked record 'ev-twoo' does not exist; did you mean 'ev-two'?",
                ),
                (EV_TWO, "event 'ev-two': linked record 'army-a' does not exist"),
            ],
        ),
        (
            "    speaker: speaker-b",
            "    speaker: shusha",
            [(Q_ONE, "quote 'q-one': speaker 'shusha' does not exist")],
        ),
        (
            "    events: [ev-one]",
            "    events: [q-one, ev-one, ev-on]",
            [
                (Q_ONE, "quote 'q-one': event 'q-one' does not exist; did you mean 'ev-one'?"),
                (Q_ONE, "quote 'q-one': event 'ev-on' does not exist; did you mean 'ev-one'?"),
            ],
        ),
        (
            "    places: [shusha]\n    events",
            "    places: [stepanakert, shush]\n    events",
            [(Q_ONE, "quote 'q-one': place 'shush' does not exist; did you mean 'shusha'?")],
        ),
        (
            "    confirms: [ev-two]",
            "    confirms: [ev-two, army-a]",
            [(Q_ONE, "quote 'q-one': linked record 'army-a' does not exist")],
        ),
    ],
)
def test_references_that_point_nowhere(old: str, new: str, expected: list[tuple[int, str]]) -> None:
    assert problems(old, new) == expected


def test_the_article_needs_no_actor() -> None:
    chron = parse(DOC.replace("    attribution: speaker-b", "    attribution: article"), NAME)
    assert chron.events[1].attribution == "article"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    contradicts: [ev-one, q-one]",
            "    contradicts: [ev-one, ev-two]",
            [(EV_TWO, "event 'ev-two': links to itself")],
        ),
        (
            "    contradicts: [ev-one, q-one]",
            "    confirms: [ev-two]",
            [(EV_TWO, "event 'ev-two': links to itself")],
        ),
        (
            "    confirms: [ev-two]",
            "    contradicts: [q-one]",
            [(Q_ONE, "quote 'q-one': links to itself")],
        ),
        (
            "    confirms: [ev-two]",
            "    confirms: [q-one]",
            [(Q_ONE, "quote 'q-one': links to itself")],
        ),
    ],
)
def test_links_to_itself(old: str, new: str, expected: list[tuple[int, str]]) -> None:
    assert problems(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    sources: [1, 4]", "    sources: [0, 1, 4, 5]", [
            (EV_ONE, "event 'ev-one': paragraph 0 is outside the source (1..4)"),
            (EV_ONE, "event 'ev-one': paragraph 5 is outside the source (1..4)"),
        ]),
        ("    sources: [1, 4]", "    sources: []", [
            (EV_ONE, "event 'ev-one': sources must cite at least one paragraph"),
        ]),
        ("    sources: [3]", "    sources: []", [
            (Q_ONE, "quote 'q-one': sources must cite at least one paragraph"),
        ]),
        ("    sources: [3]", "    sources: [-2]", [
            (Q_ONE, "quote 'q-one': paragraph -2 is outside the source (1..4)"),
        ]),
        ("paragraphs: 4", "paragraphs: 3", [
            (EV_ONE, "event 'ev-one': paragraph 4 is outside the source (1..3)"),
        ]),
    ],
)  # fmt: skip
def test_paragraphs(old: str, new: str, expected: list[tuple[int, str]]) -> None:
    assert problems(old, new) == expected


@pytest.mark.parametrize(
    ("date", "reported", "text"),
    [
        ("2020-11-07", "2020-11-06", "2020-11-06"),
        ("2020-11-07", "2020-10", "2020-10"),
        ("2020-11-07/2020-11-09", "2020-11-06", "2020-11-06"),
        ("2020-11-07", "2020-11-01/2020-11-06", "2020-11-01/2020-11-06"),
    ],
)
def test_reported_before_it_happened(date: str, reported: str, text: str) -> None:
    new = f'    date: "{date}"\n    reported: "{reported}"\n    title: T\n    summary: S\n    type: capture'
    old = '    date: "2020-11-07"\n    title: T\n    summary: S\n    type: capture'
    message = f"event 'ev-one': reported ({text}) before it happened ({date})"
    assert problems(old, new) == [(EV_ONE, message)]


@pytest.mark.parametrize(
    "reported", ["2020-11-07", "2020-11", "2020-11-01/2020-11-07", "2020-10-01/..", "2020"]
)
def test_reported_when_or_after_it_happened(reported: str) -> None:
    # the latest day it may have been reported is on or after the earliest day it may have
    # happened (ev-two: 1..9 November)
    chron = parse(
        DOC.replace("    sources: [2]", f'    sources: [2]\n    reported: "{reported}"'), NAME
    )
    assert chron.events[1].reported is not None
    chron = parse(
        DOC.replace(
            '    date: "2020-11-07"\n', f'    date: "2020-11-07"\n    reported: "{reported}"\n'
        ),
        NAME,
    )
    assert chron.events[0].reported is not None


def test_a_capture_must_record_control() -> None:
    assert problems("    control: [{place: shusha, to: azerbaijan}]\n", "") == [
        (EV_ONE, "event 'ev-one': a capture must record control (which place passed to whom)")
    ]


def test_only_a_capture_must_record_control() -> None:
    text = DOC.replace("    control: [{place: shusha, to: azerbaijan}]\n", "")
    chron = parse(text.replace("type: capture", "type: advance"), NAME)
    assert chron.events[0].control == ()


def test_every_check_of_a_record_in_order() -> None:
    old = DOC[DOC.index("  - id: ev-two\n") : DOC.index("quotes:")]
    new = (
        "  - id: ev-two\n"
        '    date: "2020-11-09"\n'
        '    reported: "2020-11-08"\n'
        "    title: T\n"
        "    summary: S\n"
        "    type: capture\n"
        "    places: [nowhere]\n"
        "    actors: [nobody]\n"
        "    sources: [9]\n"
        "    attribution: somebody\n"
        "    confirms: [ev-two]\n"
        "    contradicts: [ev-one, q-one]\n"
    )
    who = "event 'ev-two'"
    assert problems(old, new) == [
        (EV_TWO, f"{who}: place 'nowhere' does not exist"),
        (EV_TWO, f"{who}: links to itself"),
        (EV_TWO, f"{who}: paragraph 9 is outside the source (1..4)"),
        (EV_TWO, f"{who}: actor 'nobody' does not exist"),
        (EV_TWO, f"{who}: attribution actor 'somebody' does not exist"),
        (EV_TWO, f"{who}: reported (2020-11-08) before it happened (2020-11-09)"),
        (EV_TWO, f"{who}: a capture must record control (which place passed to whom)"),
    ]


# --- did you mean ---------------------------------------------------------------------------------


def test_suggestions_are_the_closest_id() -> None:
    suggest = Suggestions()
    places, actors = {"shusha", "stepanakert", "lachin"}, {"shusha-unit", "lachinn"}
    assert suggest("shushaa", places) == "shusha"
    assert suggest("shushaa", actors) == "shusha-unit"  # each pool answers for itself
    assert suggest("lachi", places) == "lachin"
    assert suggest("lachi", actors) == "lachinn"
    assert suggest("zzzz", places) is None
    assert suggest("shushaa", places) == "shusha"  # asked again: the same answer


def test_suggestions_stop_after_twenty_names() -> None:
    suggest = Suggestions()
    assert Suggestions.LIMIT == 20
    pool = {f"place-{c}" for c in "abcdefghijklmnopqrstuvwxyz"}
    names = [f"place-{c}{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    found = [suggest(n, pool) for n in names]
    assert found[:20] == [f"place-{c}" for c in "abcdefghijklmnopqrst"]
    assert found[20:] == [None] * 6
    assert suggest(names[3], pool) == "place-d"  # one already looked up is still answered


def test_a_document_with_many_missing_names_hints_at_the_first_twenty() -> None:
    ids = [f"ev-one{c}" for c in "abcdefghijklmnopqrstuv"]  # 22 names, each close to ev-one
    old = "    contradicts: [ev-one, q-one]"
    found = problems(old, f"    contradicts: [{', '.join(ids)}, {ids[0]}]")
    who = "event 'ev-two': linked record"
    assert found == [
        *[(EV_TWO, f"{who} {i!r} does not exist; did you mean 'ev-one'?") for i in ids[:20]],
        *[(EV_TWO, f"{who} {i!r} does not exist") for i in ids[20:]],
        (EV_TWO, f"{who} 'ev-onea' does not exist; did you mean 'ev-one'?"),
    ]


class CountingSet(set[str]):
    """A pool of ids that counts how often it is gone through in full."""

    passes = 0

    def __iter__(self) -> Iterator[str]:
        self.passes += 1
        return super().__iter__()


def test_each_pool_is_sorted_once_and_each_name_looked_up_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the cost the class exists to bound: 2,000 missing names took 77 s when each sorted the
    # pool afresh
    looked_up: list[str] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str]) -> list[str]:
        looked_up.append(word)
        return real(word, possibilities)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    suggest = Suggestions()
    places, actors = CountingSet({"shusha", "lachin"}), CountingSet({"army-a"})
    for name in ["shushi", "lachim", "shushi", "lachim", "shushu"]:
        suggest(name, places)
    assert suggest("army-b", actors) == "army-a"
    assert suggest("army-b", actors) == "army-a"
    assert (places.passes, actors.passes) == (1, 1)
    assert looked_up == ["shushi", "lachim", "shushu", "army-b"]
