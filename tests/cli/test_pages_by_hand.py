"""The pages of ``shusha actor X`` and ``shusha place X``, each part recomputed by hand.

Events, quotes, links, control history and the places named with it, from the unfiltered
``timeline``/``quotes`` JSON and the README's rules, in the order the page must keep.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Run

Obj = dict[str, Any]


def ask(run: Run, *args: str) -> Any:
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def everything(run: Run) -> tuple[list[Obj], list[Obj]]:
    return ask(run, "timeline"), ask(run, "quotes")


def links_by_hand(events: list[Obj], quotes: list[Obj], own: set[str]) -> list[dict[str, str]]:
    """Every confirm/contradict link between one of ``own`` and a record not in it.

    Issue 12: a pair linked both ways (A contradicts B, B contradicts A) is one line, "contradict
    each other" ("confirm each other"); a link recorded twice the same way is one line.
    """
    records = [*events, *quotes]
    by_id = {r["id"]: r for r in records}

    def author(r: Obj) -> str:
        return str(r["actor"] if "actor" in r else r["attribution"])

    out = []
    for rec in records:
        for relation in ("contradicts", "confirms"):
            for target in rec[relation]:
                passive = {"contradicts": "contradicted by", "confirms": "confirmed by"}[relation]
                if rec["id"] in own and target not in own:
                    out.append({"relation": relation, "own": rec["id"], "other": target,
                                "other_by": author(by_id[target])})  # fmt: skip
                elif target in own and rec["id"] not in own:
                    out.append({"relation": passive, "own": target, "other": rec["id"],
                                "other_by": author(rec)})  # fmt: skip
    both = {"contradicts": "contradict each other", "contradicted by": "contradict each other",
            "confirms": "confirm each other", "confirmed by": "confirm each other"}  # fmt: skip
    merged: list[dict[str, str]] = []
    for link in out:
        same = [m for m in merged if (m["own"], m["other"]) == (link["own"], link["other"])
                and both[m["relation"]] == both[link["relation"]]]  # fmt: skip
        if not same:
            merged.append(dict(link))
        elif same[0]["relation"] != link["relation"]:
            same[0]["relation"] = both[link["relation"]]
    return merged


@pytest.mark.parametrize(
    "actor",
    ["arayik-harutyunyan", "semyon-pegov", "artsrun-hovhannisyan", "azerbaijani-army",
     "ilham-aliyev", "igor-strelkov"],
)  # fmt: skip
def test_actor_page_by_hand(run: Run, everything: Any, actor: str) -> None:
    events, quotes = everything
    page = ask(run, "actor", actor)
    assert page["id"] == actor
    mine = [e for e in events if actor in e["actors"] or e["attribution"] == actor]
    said = [q for q in quotes if q["actor"] == actor]
    assert [e["id"] for e in page["events"]] == [e["id"] for e in mine]
    assert page["events"] == mine  # whole objects, as the timeline gives them
    assert page["quotes"] == said
    claims = {e["id"] for e in mine if e["attribution"] == actor} | {q["id"] for q in said}
    # the same links; their order is not part of the contract
    assert sorted(page["links"], key=repr) == sorted(
        links_by_hand(events, quotes, claims), key=repr
    )


def test_actor_pages_have_links_of_every_kind(run: Run) -> None:
    relations: set[str] = set()
    for actor in ("arayik-harutyunyan", "artsrun-hovhannisyan", "azerbaijan-mod", "ilham-aliyev"):
        relations |= {k["relation"] for k in ask(run, "actor", actor)["links"]}
    assert relations == {"contradicts", "contradicted by", "confirms", "confirmed by",
                         "contradict each other", "confirm each other"}  # fmt: skip


def test_actor_found_by_alias_in_process(run: Run) -> None:
    for typed, ident in [("Pashinyan", "nikol-pashinyan"), ("Никол Пашинян", "nikol-pashinyan"),
                         ("Armenian MoD", "armenian-mod"), ("Ministry of Defense of Armenia", "armenian-mod")]:  # fmt: skip
        assert ask(run, "actor", typed)["id"] == ident
        events = ask(run, "timeline", "--actor", typed)
        assert events
        assert all(ident in [*e["actors"], e["attribution"]] for e in events)


@pytest.mark.parametrize(
    "place", ["shusha", "khankendi", "dashalti", "hadrut", "lachin-shusha-road"]
)
def test_place_page_by_hand(run: Run, everything: Any, place: str) -> None:
    events, quotes = everything
    page = ask(run, "place", place)
    assert page["id"] == place

    def at(e: Obj) -> list[str]:
        return [*e["places"], *(c["place"] for c in e["control"] if c["place"] not in e["places"])]

    mine = [e for e in events if place in at(e)]
    assert page["events"] == mine
    assert page["quotes"] == [q for q in quotes if place in q["places"]]
    steps = [
        {
            "event": e["id"],
            "date": e["date"],
            "start": e["start"],
            "end": e["end"],
            "time_of_day": e["time_of_day"],
            "to": c["to"],
            "from": c["from"],
            "extent": c["extent"],
            "attribution": e["attribution"],
        }
        for e in events
        for c in e["control"]
        if c["place"] == place
    ]
    assert page["control_history"] == steps
    counts: dict[str, int] = {}
    for e in mine:
        for other in set(at(e)) - {place}:
            counts[other] = counts.get(other, 0) + 1
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    assert [(n["id"], n["events"]) for n in page["named_with"]] == expected
    names = {p["id"]: p["name"] for p in ask(run, "places")}
    assert all(n["name"] == names[n["id"]] for n in page["named_with"])


def test_shusha_page_has_quotes_and_control(run: Run) -> None:
    page = ask(run, "place", "Şuşa")
    assert len(page["quotes"]) >= 10
    assert len(page["control_history"]) >= 3
    assert len(page["named_with"]) == 8
