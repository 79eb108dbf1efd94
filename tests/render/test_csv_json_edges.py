"""CSV against JSON on records the shipped data lacks: open ends, qualifiers, unknown holders.

A small chronology with an open interval, a qualified day, a quote with no known end, a place
without aliases, a change of control with no 'from' (so ``front`` has cells it cannot fill) and
an event with nothing after it at its place; every output read back as in
``test_csv_against_json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINI, Run

from .test_csv_against_json import Row, blank, both, check_events, j, pairs, with_aliases

EDGES = (
    MINI.replace(
        '''  - id: span
    date: "2020-10-21/2020-10-29"''',
        '''  - id: open
    date: "2020-11-01/.."
    reported: "2020-11-09?"
    title: "An open interval"
    summary: "Still going."
    type: fighting
    places: [agbulag-2]
    sources: [4]
    control:
      - {place: agbulag-2, to: armenia, extent: partial}
  - id: moved
    date: "2020-11-03"
    title: "Agbulag changes hands"
    summary: "From whom, the article does not say."
    type: capture
    places: [agbulag-1]
    sources: [4]
    control:
      - {place: agbulag-1, to: azerbaijan}
  - id: unsure
    date: "2020-11-06?"
    time_of_day: evening
    title: "A day not sure"
    summary: "Maybe."
    type: advance
    places: [agbulag-1]
    sources: [4]
    date_note: "Reasoned."
    notes: "A note."
  - id: span
    date: "2020-10-21/2020-10-29"''',
    )
    + """  - id: q-open
    speaker: army-a
    date: "2020-11-02/.."
    occasion: briefing
    text: "Still holding."
    sources: [4]
    places: [agbulag-1]
    events: [open, unsure]
    confirms: [unsure]
"""
)


@pytest.fixture
def edges(tmp_path: Path) -> Path:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    return path


def names(run: Run, data: str) -> tuple[dict[str, dict[str, object]], ...]:
    return tuple(
        {r["id"]: r for r in json.loads(run("--data", data, what, "-f", "json").out)}
        for what in ("places", "actors")
    )


def test_edge_events_csv_is_the_json(run: Run, edges: Path) -> None:
    data = str(edges)
    assert run("--data", data, "validate").code == 0
    header, rows, events = both(run, "--data", data, "timeline")
    check_events(header, rows, events, names(run, data))
    by_id = {r["id"]: r for r in rows}
    assert by_id["open"]["end"] == ""
    open_control = [by_id["open"][f"control_{part}"] for part in ("place", "to", "from", "extent")]
    assert open_control == ["agbulag-2", "armenia", "", "partial"]
    assert by_id["open"]["control_place_name"] == "Agbulag"
    assert by_id["unsure"]["time_of_day"] == "evening"


@pytest.mark.parametrize("ident", ["open", "unsure", "denied"])
def test_edge_show_event_csv_is_the_json(run: Run, edges: Path, ident: str) -> None:
    data = str(edges)
    header, rows, d = both(run, "--data", data, "show", ident)
    got = dict(pairs(header, rows))
    assert got["end"] == blank(d["end"])
    assert got["qualifier"] == blank(d["qualifier"])
    assert got["reported"] == blank(d["reported"])
    assert got["places"] == j([with_aliases(p) for p in d["place_details"]])
    for n in d["at_same_places"]:
        place = next(p for p in d["place_details"] if p["id"] == n["place"])
        assert got[f"before at {place['name']}"] == (n["before"] or {}).get("id", "")
        assert got[f"after at {place['name']}"] == (n["after"] or {}).get("id", "")
    assert got["notes"] == blank(d["notes"])


def test_edge_values_are_what_the_data_says(run: Run, edges: Path) -> None:
    data = str(edges)
    unsure = dict(pairs(*both(run, "--data", data, "show", "unsure")[:2]))
    assert (unsure["qualifier"], unsure["end"], unsure["places"]) == (
        "uncertain",
        "2020-11-06",
        "Agbulag",
    )
    denied = dict(pairs(*both(run, "--data", data, "show", "denied")[:2]))
    assert denied["after at Shusha"] == ""
    assert denied["before at Shusha"] == "taken"
    moved = dict(pairs(*both(run, "--data", data, "show", "moved")[:2]))
    assert (moved["before at Agbulag"], moved["after at Agbulag"]) == ("span", "unsure")
    opened = dict(pairs(*both(run, "--data", data, "show", "open")[:2]))
    assert (opened["end"], opened["reported"]) == ("", "2020-11-09?")


def test_edge_quote_csv_is_the_json(run: Run, edges: Path) -> None:
    data = str(edges)
    header, rows, d = both(run, "--data", data, "show", "q-open")
    got = dict(pairs(header, rows))
    assert got["end"] == "" == blank(d["end"])
    assert got["places"] == "Agbulag"
    assert (
        got["links"] == "confirms: unsure" == j([f"{k['relation']}: {k['id']}" for k in d["links"]])
    )
    _, quote_rows, quotes = both(run, "--data", data, "quotes")
    assert [r["end"] for r in quote_rows] == [blank(q["end"]) for q in quotes] == ["", "2020-11-08"]


def test_edge_front_has_cells_it_cannot_fill(run: Run, edges: Path) -> None:
    data = str(edges)
    header, rows, front = both(run, "--data", data, "front", "--from", "2020-10-30")
    expected: list[Row] = [
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
    assert header == ["place_id", "place", "date", "state", "side", "from", "event"]
    cells = [r for r in rows if r["place_id"] == "agbulag-1"]
    assert {r["state"] for r in cells} == {"unknown", "held"}
    assert all(r["from"] == "" for r in cells)
    assert any(r["side"] == "" and r["event"] == "" for r in cells)
    assert any(r["side"] == "azerbaijan" and r["event"] == "moved" for r in cells)
    assert {r["state"] for r in rows if r["place_id"] == "agbulag-2"} == {"unknown", "changing"}
    assert front["filter"].startswith("30 Oct 2020 → ")
    whole = json.loads(run("--data", data, "front", "-f", "json").out)
    assert (
        whole["filter"] == f"{int(whole['from'][-2:])} Nov 2020 → {int(whole['to'][-2:])} Nov 2020"
    )


def test_edge_place_report_steps(run: Run, edges: Path) -> None:
    """A change with no 'from' and an open end, as the place's control history gives it."""
    data = str(edges)
    (step,) = json.loads(run("--data", data, "place", "agbulag-2", "-f", "json").out)[
        "control_history"
    ]
    assert step == {
        "event": "open", "date": "2020-11-01/..", "start": "2020-11-01", "end": None,
        "time_of_day": None, "to": "armenia", "from": None, "extent": "partial",
        "attribution": "article",
    }  # fmt: skip
    _, rows, report = both(run, "--data", data, "place", "agbulag-1")
    (moved,) = (r for r in rows if r["id"] == "moved")
    assert [moved[f"control_{part}"] for part in ("place", "place_name", "to", "from")] == [
        "agbulag-1", "Agbulag", "azerbaijan", "",
    ]  # fmt: skip
    assert [r["id"] for r in rows] == [e["id"] for e in report["events"]]
