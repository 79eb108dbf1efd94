"""Each CSV output read back and compared, cell by cell, with the JSON of the same query.

The two renderers are written separately from the same results, so a cell that one of them
drops, blanks or gets wrong shows up as a disagreement. The expected cells are built here from
the JSON with plain string operations (names looked up in the ``places``/``actors`` JSON), never
with the renderers' own helpers. Every test checks the whole output, all rows and all columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from tests.conftest import Run

Row = dict[str, str]
Obj = dict[str, Any]
TRIGGERS = (
    *"=+-@\t\r\n \x00\u200b\ufeff",
    *"\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b",  # full-width and small = + - @
)
NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


def risky(cell: str) -> bool:
    """Issue 15's rule, written out again: past any apostrophes, a trigger; not wholly a number."""
    rest = cell.lstrip("'")
    return rest.startswith(TRIGGERS) and not re.fullmatch(NUMBER, rest)


def read_csv(text: str) -> tuple[list[str], list[Row]]:
    """The header and the rows of a CSV output, each cell with its spreadsheet guard removed."""
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body)

    def value(cell: str) -> str:
        if risky(cell) and not cell.startswith("'"):
            raise AssertionError(f"unguarded formula cell {cell!r}")
        return cell[1:] if cell.startswith("'") and risky(cell[1:]) else cell

    return header, [dict(zip(header, map(value, r), strict=True)) for r in body]


def both(run: Run, *args: str) -> tuple[list[str], list[Row], Any]:
    as_csv, as_json = run(*args, "-f", "csv"), run(*args, "-f", "json")
    assert as_csv.code == 0, as_csv.err
    assert as_json.code == 0, as_json.err
    assert as_csv.err == as_json.err == ""
    header, rows = read_csv(as_csv.out)
    return header, rows, json.loads(as_json.out)


def j(items: list[Any]) -> str:
    return "; ".join(str(i) for i in items)


def blank(value: Any) -> str:
    return "" if value is None else str(value)


@pytest.fixture
def names(run: Run) -> tuple[dict[str, Obj], dict[str, Obj]]:
    """Every place and every actor by id, from their own listings."""
    places = json.loads(run("places", "-f", "json").out)
    actors = json.loads(run("actors", "-f", "json").out)
    return {p["id"]: p for p in places}, {a["id"]: a for a in actors}


def expected_event(e: Obj, places: dict[str, Obj], actors: dict[str, Obj]) -> Row:
    """Issue 16's one rule by hand: the JSON record flattened, names checked against listings."""
    by = e["attribution"]
    assert e["place_names"] == [places[p]["name"] for p in e["places"]]
    assert e["actor_names"] == [actors[a]["name"] for a in e["actors"]]
    assert e["claimant_id"] == (None if by == "article" else by)
    assert e["claimant_name"] == (None if by == "article" else actors[by]["name"])
    control = e["control"]
    assert all(c["place_name"] == places[c["place"]]["name"] for c in control)
    return {
        "id": e["id"],
        "date": e["date"],
        "start": e["start"],
        "end": blank(e["end"]),
        "precision": e["precision"],
        "qualifier": blank(e["qualifier"]),
        "time_of_day": blank(e["time_of_day"]),
        "reported": blank(e["reported"]),
        "reported_start": blank(e["reported_start"]),
        "reported_end": blank(e["reported_end"]),
        "date_note": blank(e["date_note"]),
        "title": e["title"],
        "summary": e["summary"],
        "type": e["type"],
        "places": j(e["places"]),
        "place_names": j(e["place_names"]),
        "actors": j(e["actors"]),
        "actor_names": j(e["actor_names"]),
        "actor_sides": j(e["actor_sides"]),
        "sources": j(e["sources"]),
        "attribution": by,
        "claimant_id": blank(e["claimant_id"]),
        "claimant_name": blank(e["claimant_name"]),
        "claimant_side": blank(e["claimant_side"]),
        "control_place": j([c["place"] for c in control]),
        "control_place_name": j([c["place_name"] for c in control]),
        "control_to": j([c["to"] for c in control]),
        "control_from": j([blank(c["from"]) for c in control]),
        "control_extent": j([c["extent"] for c in control]),
        "confirms": j(e["confirms"]),
        "contradicts": j(e["contradicts"]),
        "notes": blank(e["notes"]),
    }


def check_events(header: list[str], rows: list[Row], events: list[Obj], names: Any) -> None:
    places, actors = names
    expected = [expected_event(e, places, actors) for e in events]
    assert expected
    assert header == list(expected[0])
    for got, want in zip(rows, expected, strict=True):
        assert got == want


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--on", "2020-11-07"],
        ["--type", "capture"],
        ["--from", "2020-11-05", "--side", "armenia"],
    ],
    ids=lambda a: " ".join(a) or "all",
)
def test_timeline_csv_is_the_json(run: Run, names: Any, args: list[str]) -> None:
    header, rows, events = both(run, "timeline", *args)
    check_events(header, rows, events, names)


def test_every_event_column_is_filled_somewhere(run: Run) -> None:
    """Each optional column holds a value in the shipped data, so a blanked one is noticed."""
    _, rows = read_csv(run("timeline", "-f", "csv").out)
    for column in ("end", "time_of_day", "reported", "reported_start", "control_place",
                   "confirms", "contradicts", "date_note", "notes", "actors", "place_names",
                   "claimant_name", "qualifier"):  # fmt: skip
        assert any(r[column] for r in rows), column
    assert any("partial" in r["control_extent"].split("; ") for r in rows)
    assert any(r["control_from"].strip("; ") for r in rows)
    assert {r["attribution"] for r in rows} > {"article"}


@pytest.mark.parametrize("name", ["shusha", "dashalti", "hadrut"])
def test_place_csv_is_its_events(run: Run, names: Any, name: str) -> None:
    header, rows, report = both(run, "place", name)
    check_events(header, rows, report["events"], names)


@pytest.mark.parametrize("name", ["arayik-harutyunyan", "pegov", "azerbaijani-army"])
def test_actor_csv_is_its_events(run: Run, names: Any, name: str) -> None:
    header, rows, report = both(run, "actor", name)
    check_events(header, rows, report["events"], names)


@pytest.mark.parametrize(
    "args",
    [[], ["--actor", "Strelkov"], ["--side", "azerbaijan"]],
    ids=lambda a: " ".join(a) or "all",
)
def test_quotes_csv_is_the_json(run: Run, names: Any, args: list[str]) -> None:
    places, actors = names
    header, rows, quotes = both(run, "quotes", *args)
    assert quotes
    expected = [
        {
            "id": q["id"],
            "actor": q["actor"],
            "speaker_name": actors[q["actor"]]["name"],
            "speaker_side": actors[q["actor"]]["side"],
            "date": q["date"],
            "start": q["start"],
            "end": blank(q["end"]),
            "precision": q["precision"],
            "qualifier": blank(q["qualifier"]),
            "occasion": q["occasion"],
            "medium": blank(q["medium"]),
            "text": q["text"],
            "context": blank(q["context"]),
            "sources": j(q["sources"]),
            "places": j(q["places"]),
            "place_names": j([places[p]["name"] for p in q["places"]]),
            "events": j(q["events"]),
            "confirms": j(q["confirms"]),
            "contradicts": j(q["contradicts"]),
        }
        for q in quotes
    ]
    assert header == list(expected[0])
    assert rows == expected


@pytest.mark.parametrize("args", [[], ["--sort", "activity"], ["--kind", "village"]])
def test_places_csv_is_the_json(run: Run, args: list[str]) -> None:
    header, rows, places = both(run, "places", *args)
    assert places
    expected = []
    for p in places:
        expected.append(
            {
                "id": p["id"],
                "name": p["name"],
                "aliases": j(p["aliases"]),
                "kind": p["kind"],
                "district": blank(p["district"]),
                "lat": blank(p["lat"]),
                "lon": blank(p["lon"]),
                "coord_precision": blank(p["coord_precision"]),
                "coord_source": blank(p["coord_source"]),
                "identification": p["identification"],
                "notes": blank(p["notes"]),
                "events": str(p["events"]),
                "first": blank(p["first"]),
                "last": blank(p["last"]),
            }
        )
    assert header == list(expected[0])
    assert rows == expected
    for column in ("aliases", "district", "lat", "coord_source", "first", "notes"):
        assert any(r[column] for r in rows), column
    assert len({r["identification"] for r in rows}) > 1 or args


@pytest.mark.parametrize("args", [[], ["--side", "russia"], ["--kind", "unit"]])
def test_actors_csv_is_the_json(run: Run, args: list[str]) -> None:
    header, rows, actors = both(run, "actors", *args)
    assert actors
    expected = [
        {
            "id": a["id"],
            "name": a["name"],
            "aliases": j(a["aliases"]),
            "kind": a["kind"],
            "side": a["side"],
            "role": blank(a["role"]),
            "affiliation": blank(a["affiliation"]),
            "notes": blank(a["notes"]),
        }
        for a in actors
    ]
    assert header == list(expected[0])
    assert rows == expected
    if not args:
        for column in ("aliases", "role", "affiliation", "notes"):
            assert any(r[column] for r in rows), column


def with_aliases(p: Obj) -> str:
    return f"{p['name']} ({', '.join(p['aliases'])})" if p["aliases"] else p["name"]


def pairs(header: list[str], rows: list[Row]) -> list[tuple[str, str]]:
    assert header == ["field", "value"]
    return [(r["field"], r["value"]) for r in rows]


def links(d: Obj) -> str:
    return j([f"{k['relation']}: {k['id']}" for k in d["links"]])


@pytest.mark.parametrize(
    "ident", ["q-harutyunyan-capital-post", "q-hovhannisyan-refutation", "q-strelkov-lachin-road"]
)
def test_show_quote_csv_is_the_json(run: Run, ident: str) -> None:
    header, rows, d = both(run, "show", ident)
    speaker = d["speaker"]
    assert speaker["id"] == d["actor"]
    assert [p["id"] for p in d["place_details"]] == d["places"]
    expected = [
        ("kind", "quote"), ("id", ident), ("speaker", speaker["name"]),
        ("speaker_id", speaker["id"]), ("side", speaker["side"]), ("date", d["date"]),
        ("start", d["start"]), ("end", blank(d["end"])), ("occasion", d["occasion"]),
        ("medium", blank(d["medium"])), ("text", d["text"]), ("context", blank(d["context"])),
        ("places", j([with_aliases(p) for p in d["place_details"]])),
        ("place_ids", j(d["places"])), ("events", j([e["id"] for e in d["event_details"]])),
        ("sources", j(d["sources"])), ("links", links(d)), ("matters", j(d["matters"])),
    ]  # fmt: skip
    assert pairs(header, rows) == expected
    assert sorted(e["id"] for e in d["event_details"]) == sorted(d["events"])


def test_some_shown_quote_has_links_and_matters(run: Run) -> None:
    d = json.loads(run("show", "q-hovhannisyan-refutation", "-f", "json").out)
    assert d["links"]
    assert d["matters"]


@pytest.mark.parametrize(
    "ident",
    ["hovhannisyan-refutes-shusha-capture", "aliyev-announces-shusha-capture",
     "shusha-partly-lost-per-harutyunyan", "panah-ali-khan-stronghold"],
)  # fmt: skip
def test_show_event_csv_is_the_json(run: Run, names: Any, ident: str) -> None:
    places, _ = names
    header, rows, d = both(run, "show", ident)
    assert [p["id"] for p in d["place_details"]] == [
        *d["places"],
        *(c["place"] for c in d["control"] if c["place"] not in d["places"]),
    ]
    assert [a["id"] for a in d["actor_details"]] == d["actors"]
    claimant = d["claimant"]
    assert (claimant is None) == (d["attribution"] == "article")
    expected = [
        ("kind", "event"), ("id", ident), ("title", d["title"]), ("date", d["date"]),
        ("start", d["start"]), ("end", blank(d["end"])), ("precision", d["precision"]),
        ("qualifier", blank(d["qualifier"])), ("time_of_day", blank(d["time_of_day"])),
        ("reported", blank(d["reported"])), ("date_note", blank(d["date_note"])),
        ("type", d["type"]), ("summary", d["summary"]),
        ("places", j([with_aliases(p) for p in d["place_details"]])),
        ("place_ids", j([p["id"] for p in d["place_details"]])),
        ("actors", j([f"{a['name']} ({a['side']})" for a in d["actor_details"]])),
        ("actor_ids", j(d["actors"])),
        ("attribution", claimant["name"] if claimant else "article"),
        ("attribution_id", d["attribution"]), ("sources", j(d["sources"])),
        ("links", links(d)), ("quotes_about", j([q["id"] for q in d["quotes_about"]])),
    ]  # fmt: skip
    for n in d["at_same_places"]:
        name = places[n["place"]]["name"]
        expected.append((f"before at {name}", n["before"]["id"] if n["before"] else ""))
        expected.append((f"after at {name}", n["after"]["id"] if n["after"] else ""))
    expected += [("matters", j(d["matters"])), ("notes", blank(d["notes"]))]
    assert pairs(header, rows) == expected


def test_claims_csv_is_the_json(run: Run) -> None:
    header, rows, matters = both(run, "claims")
    assert header == [
        "matter", "matter_title", "position", "id", "kind", "by", "by_id", "side", "said",
        "said_start", "time_of_day", "title", "quotes", "bears_out",
    ]  # fmt: skip
    expected: list[Row] = []
    for m in matters:
        for position in ("claim", "counter"):
            for s in m[position]:
                expected.append(dict(zip(header, [
                    str(m["matter"]), m["title"], position, s["id"], s["kind"], s["by_name"],
                    s["by"], s["side"], s["said"], s["said_start"], blank(s["time_of_day"]),
                    s["title"], j(s["quotes"]), "",
                ], strict=True)))  # fmt: skip
        for x in m["article"]:
            expected.append(dict(zip(header, [
                str(m["matter"]), m["title"], "article", x["id"], "event", "article", "article",
                "", x["date"], x["start"], blank(x["time_of_day"]), x["title"], "", x["bears_out"],
            ], strict=True)))  # fmt: skip
    assert rows == expected
    positions = {r["position"] for r in rows}
    assert positions == {"claim", "counter", "article"}
    # the corrected data (issue 14) has events only as statements; a quote may be one
    assert "event" in {r["kind"] for r in rows} <= {"event", "quote"}
    assert any(r["quotes"] for r in rows)
    assert any(r["time_of_day"] for r in rows)


@pytest.mark.parametrize(
    "args", [[], ["--from", "2020-11-06", "--to", "2020-11-09"]], ids=["campaign", "window"]
)
def test_front_csv_is_the_json(run: Run, args: list[str]) -> None:
    header, rows, front = both(run, "front", *args)
    assert header == ["place_id", "place", "date", "state", "side", "from", "event"]
    expected = [
        {
            "place_id": p["id"],
            "place": p["name"],
            "date": d["date"],
            "state": d["state"],
            "side": blank(d["side"]),
            "from": blank(d["from"]),
            "event": blank(d["event"]),
        }
        for p in front["places"]
        for d in p["days"]
    ]
    assert rows == expected
    assert {r["state"] for r in rows} >= {"held", "changing"}
    assert any(r["from"] for r in rows)
    assert any(r["event"] for r in rows)


@pytest.mark.parametrize("args", [[], ["--side", "armenia"]], ids=["all", "armenia"])
def test_days_csv_is_the_json(run: Run, args: list[str]) -> None:
    from shusha_cli.core.model import EventType

    header, rows, days = both(run, "days", *args)
    types = [t.value for t in EventType]
    assert header == [
        "date", "on_day", "in_span", *(f"on_day:{t}" for t in types),
        *(f"in_span:{t}" for t in types),
    ]  # fmt: skip
    expected = []
    for d in days:
        row = {"date": d["date"], "on_day": str(d["on_day"]), "in_span": str(d["in_span"])}
        row.update({f"on_day:{t}": str(d["on_day_by_type"].get(t, 0)) for t in types})
        row.update({f"in_span:{t}": str(d["in_span_by_type"].get(t, 0)) for t in types})
        expected.append(row)
    assert rows == expected
    for d in days:
        assert d["on_day"] == sum(d["on_day_by_type"].values())
        assert d["in_span"] == sum(d["in_span_by_type"].values())
        assert 0 not in d["on_day_by_type"].values()


def test_days_counts_are_the_events_by_hand(run: Run) -> None:
    """Each day's counts, recounted from the full timeline: sure days, then spans over it."""
    events = json.loads(run("timeline", "-f", "json").out)
    days = json.loads(run("days", "-f", "json").out)
    assert len(days) > 20
    for d in days:
        day = d["date"]
        sure = [e for e in events if e["start"] == e["end"] == day and e["qualifier"] is None]
        spans = [
            e
            for e in events
            if not (e["start"] == e["end"] and e["qualifier"] is None)
            and e["start"] <= day
            and (e["end"] is None or day <= e["end"])
        ]
        by_type: dict[str, int] = {}
        for e in sure:
            by_type[e["type"]] = by_type.get(e["type"], 0) + 1
        assert d["on_day_by_type"] == by_type, day
        assert d["in_span"] == len(spans), day
