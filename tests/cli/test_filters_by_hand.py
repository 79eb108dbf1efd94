"""Every filter checked against the same filter done by hand over the unfiltered JSON.

The expected answer is computed here from ``timeline -f json`` (or ``quotes``, ``places``,
``actors``) with the rules the README states, in a few lines each, never with the core's own
functions; the order is the unfiltered order, which a filter must keep.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run

Obj = dict[str, Any]


def ask(run: Run, *args: str) -> Any:
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def ids(records: list[Obj]) -> list[str]:
    return [r["id"] for r in records]


def plain(text: str) -> str:
    """Lower case without diacritics: enough to search the shipped English text by hand."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.fixture
def world(run: Run) -> Obj:
    actors = {a["id"]: a for a in ask(run, "actors")}
    quotes = ask(run, "quotes")
    about: dict[str, list[Obj]] = {}
    for q in quotes:
        for e in q["events"]:
            about.setdefault(e, []).append(q)
    return {
        "events": ask(run, "timeline"),
        "quotes": quotes,
        "places": ask(run, "places"),
        "actors": actors,
        "about": about,
    }


def at(e: Obj) -> set[str]:
    return {*e["places"], *(c["place"] for c in e["control"])}


def sides(world: Obj, e: Obj) -> set[str]:
    who = [*e["actors"]] + ([] if e["attribution"] == "article" else [e["attribution"]])
    return {world["actors"][a]["side"] for a in who}


def text_of(world: Obj, e: Obj) -> list[str]:
    fields = [e["title"], e["summary"], e["notes"], e["date_note"]]
    return [f for f in fields if f] + [q["text"] for q in world["about"].get(e["id"], [])]


def last_day(e: Obj) -> str:
    return e["end"] or "9999-12-31"


EVENT_CASES: list[tuple[list[str], Callable[[Obj, Obj], bool]]] = [
    (["--no-background"], lambda w, e: e["type"] != "background"),
    (["--to", "2020-10-20"], lambda w, e: e["start"] <= "2020-10-20"),
    (["--to", "2020-10"], lambda w, e: e["start"] <= "2020-10-31"),
    (["--from", "2020-11-08"], lambda w, e: last_day(e) >= "2020-11-08"),
    (["--from", "2020-11"], lambda w, e: last_day(e) >= "2020-11-01"),
    (["--on", "2020-11-05"], lambda w, e: e["start"] <= "2020-11-05" <= last_day(e)),
    (["--from", "2020-10-29", "--to", "2020-10-30"],
     lambda w, e: e["start"] <= "2020-10-30" and last_day(e) >= "2020-10-29"),
    (["--place", "dashalti"], lambda w, e: "dashalti" in at(e)),
    (["--place", "hadrut"], lambda w, e: "hadrut" in at(e)),
    (["--place", "dashalti", "--place", "turshsu"], lambda w, e: bool({"dashalti", "turshsu"} & at(e))),
    (["--actor", "pegov"], lambda w, e: "semyon-pegov" in [*e["actors"], e["attribution"]]),
    (["--actor", "arayik-harutyunyan"], lambda w, e: "arayik-harutyunyan" in [*e["actors"], e["attribution"]]),
    (["--side", "russia"], lambda w, e: "russia" in sides(w, e)),
    (["--side", "armenia"], lambda w, e: "armenia" in sides(w, e)),
    (["--side", "nagorno-karabakh", "--side", "other"], lambda w, e: bool({"nagorno-karabakh", "other"} & sides(w, e))),
    (["--type", "capture"], lambda w, e: e["type"] == "capture"),
    (["--type", "denial", "--type", "road-cut"], lambda w, e: e["type"] in ("denial", "road-cut")),
    (["--search", "forest"], lambda w, e: any("forest" in plain(t) for t in text_of(w, e))),
    (["--search", "FLAG"], lambda w, e: any("flag" in plain(t) for t in text_of(w, e))),
    (["--search", "capital"], lambda w, e: any("capital" in plain(t) for t in text_of(w, e))),
    (["--type", "capture", "--no-background", "--side", "azerbaijan", "--from", "2020-11-01"],
     lambda w, e: e["type"] == "capture" and "azerbaijan" in sides(w, e) and last_day(e) >= "2020-11-01"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "keep"), EVENT_CASES, ids=[" ".join(a) for a, _ in EVENT_CASES])
def test_timeline_filter_is_the_filter_by_hand(
    run: Run, world: Obj, args: list[str], keep: Callable[[Obj, Obj], bool]
) -> None:
    expected = [e["id"] for e in world["events"] if keep(world, e)]
    got = ids(ask(run, "timeline", *args))
    assert got == expected
    # a filter that selects nothing, or everything, would test nothing
    assert 0 < len(got) < len(world["events"])


def test_search_reaches_every_field_it_names(run: Run, world: Obj) -> None:
    """A word found only in a summary, only in notes, only in a date note, only in a quote."""
    events = world["events"]

    def only_in(field: str) -> tuple[str, str]:
        others = ("title", "summary", "notes", "date_note")
        for e in events:
            source = (
                [e[field]]
                if field in others
                else [q["text"] for q in world["about"].get(e["id"], [])]
            )
            rest = [e[f] for f in others if f != field and e[f]]
            for word in " ".join(s for s in source if s).split():
                word = word.strip(".,;:()'\"“”’").lower()
                if len(word) > 6 and word.isalpha() and not any(word in plain(r) for r in rest):
                    return e["id"], word
        raise AssertionError(field)

    for field in ("title", "summary", "notes", "date_note", "quotes"):
        ident, word = only_in(field)
        assert ident in ids(ask(run, "timeline", "--search", word)), (field, word)


QUOTE_CASES: list[tuple[list[str], Callable[[Obj, Obj], bool]]] = [
    (["--side", "nagorno-karabakh"], lambda w, q: w["actors"][q["actor"]]["side"] == "nagorno-karabakh"),
    (["--side", "azerbaijan", "--side", "russia"], lambda w, q: w["actors"][q["actor"]]["side"] in ("azerbaijan", "russia")),
    (["--place", "khankendi"], lambda w, q: "khankendi" in q["places"]),
    (["--place", "shusha"], lambda w, q: "shusha" in q["places"]),
    (["--search", "shusha"], lambda w, q: any("shusha" in plain(t) for t in (q["text"], q["context"] or "", q["medium"] or ""))),
    (["--search", "facebook"], lambda w, q: any("facebook" in plain(t) for t in (q["text"], q["context"] or "", q["medium"] or ""))),
    (["--actor", "Strelkov"], lambda w, q: q["actor"] == "igor-strelkov"),
    (["--from", "2020-11-05"], lambda w, q: last_day(q) >= "2020-11-05"),
    (["--to", "2020-10-31"], lambda w, q: q["start"] <= "2020-10-31"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "keep"), QUOTE_CASES, ids=[" ".join(a) for a, _ in QUOTE_CASES])
def test_quotes_filter_is_the_filter_by_hand(
    run: Run, world: Obj, args: list[str], keep: Callable[[Obj, Obj], bool]
) -> None:
    expected = [q["id"] for q in world["quotes"] if keep(world, q)]
    got = ids(ask(run, "quotes", *args))
    assert got == expected
    assert 0 < len(got) < len(world["quotes"])


def test_quotes_are_in_the_order_they_were_said(world: Obj) -> None:
    starts = [q["start"] for q in world["quotes"]]
    assert starts == sorted(starts)
    assert len(set(starts)) > 10


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        (["--district", "khojavend"], lambda p: "khojavend" in (p["district"] or "").lower()),
        (
            ["--district", "Shusha District"],
            lambda p: "shusha district" in (p["district"] or "").lower(),
        ),
        (["--kind", "village"], lambda p: p["kind"] == "village"),
        (["--kind", "city", "--kind", "road"], lambda p: p["kind"] in ("city", "road")),
    ],
    ids=["district", "district words", "kind", "two kinds"],
)
def test_places_filter_is_the_filter_by_hand(
    run: Run, world: Obj, args: list[str], keep: Callable[[Obj], bool]
) -> None:
    expected = sorted(p["id"] for p in world["places"] if keep(p))
    got = ask(run, "places", *args)
    assert sorted(ids(got)) == expected
    assert 0 < len(got) < len(world["places"])


def test_places_sorted_by_name_and_by_activity(run: Run, world: Obj) -> None:
    by_name = [plain(p["name"]) for p in world["places"]]
    assert by_name == sorted(by_name)
    busy = ask(run, "places", "--sort", "activity")
    assert [(-p["events"], plain(p["name"])) for p in busy] == sorted(
        (-p["events"], plain(p["name"])) for p in busy
    )
    assert busy[0]["id"] == "shusha"


def test_place_counts_and_first_last_days_by_hand(world: Obj) -> None:
    for p in world["places"]:
        mine = [e for e in world["events"] if p["id"] in at(e)]
        assert p["events"] == len(mine), p["id"]
        # issue 12: the first and last days leave background out (the count keeps it)
        dated = [e for e in mine if e["type"] != "background"]
        assert p["first"] == (min(e["start"] for e in dated) if dated else None), p["id"]
        assert p["last"] == (max(e["end"] or e["start"] for e in dated) if dated else None), p["id"]
    assert any(e["type"] == "background" for e in world["events"])


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        (["--kind", "unit"], lambda a: a["kind"] == "unit"),
        (["--kind", "media", "--kind", "party"], lambda a: a["kind"] in ("media", "party")),
        (["--side", "other"], lambda a: a["side"] == "other"),
        (["--side", "azerbaijan", "--kind", "person"], lambda a: a["side"] == "azerbaijan" and a["kind"] == "person"),
    ],
    ids=["kind", "two kinds", "side", "side and kind"],
)  # fmt: skip
def test_actors_filter_is_the_filter_by_hand(
    run: Run, world: Obj, args: list[str], keep: Callable[[Obj], bool]
) -> None:
    expected = [a["id"] for a in world["actors"].values() if keep(a)]
    got = ask(run, "actors", *args)
    assert ids(got) == expected
    assert 0 < len(got) < len(world["actors"])


def test_actors_sorted_by_side_then_name(world: Obj) -> None:
    keys = [(a["side"], plain(a["name"])) for a in world["actors"].values()]
    assert keys == sorted(keys)
