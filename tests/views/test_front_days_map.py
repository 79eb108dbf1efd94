"""The campaign views on the shipped chronology: front, days, map and the GeoJSON export."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import geojson
import pytest

from shusha_cli.core import query
from shusha_cli.core.model import Chronology, Side
from shusha_cli.views import front as campaign
from shusha_cli.views import map as map_view
from tests.conftest import Run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _cells(front: dict[str, Any], place: str) -> dict[str, dict[str, Any]]:
    (row,) = [p for p in front["places"] if p["id"] == place]
    return {d["date"]: d for d in row["days"]}


# --- front -------------------------------------------------------------------------------------


def test_front_shusha_passes_to_azerbaijan_on_7_nov(run: Run) -> None:
    data = _json(run, "front", "-f", "json")
    assert (data["from"], data["to"]) == ("2020-10-15", "2020-11-10")  # the campaign's days
    full = [
        c
        for c in data["changes"]
        if c["place"] == "shusha" and c["extent"] == "full" and c["attribution"] == "article"
    ]
    # The article's own account: resistance ends at noon on 7 Nov (announced on 8 Nov).
    assert [(c["start"], c["time_of_day"], c["day_known"]) for c in full] == [
        ("2020-11-07", "noon", True)
    ]
    shusha = _cells(data, "shusha")
    assert (shusha["2020-11-04"]["state"], shusha["2020-11-04"]["side"]) == (
        "held",
        "nagorno-karabakh",  # recorded since 1992, not merely implied
    )
    assert shusha["2020-11-06"]["state"] == "partial"  # special forces enter, evening
    for day in ("2020-11-07", "2020-11-08", "2020-11-10"):
        assert (shusha[day]["state"], shusha[day]["side"]) == ("held", "azerbaijan")


def test_front_hadrut_changes_inside_its_window(run: Run) -> None:
    data = _json(run, "front", "--from", "2020-10-10", "--to", "2020-10-20", "-f", "json")
    hadrut = _cells(data, "hadrut")
    assert hadrut["2020-10-12"]["state"] == "implied"  # only the capture's 'from' says so
    assert hadrut["2020-10-12"]["side"] == "nagorno-karabakh"
    for day in ("2020-10-13", "2020-10-14", "2020-10-15"):
        assert hadrut[day]["state"] == "changing"
        assert hadrut[day]["side"] == "azerbaijan"
    assert (hadrut["2020-10-16"]["state"], hadrut["2020-10-16"]["side"]) == ("held", "azerbaijan")
    (change,) = [c for c in data["changes"] if c["place"] == "hadrut"]
    assert (change["start"], change["end"], change["day_known"]) == (
        "2020-10-13",
        "2020-10-15",
        False,
    )
    table = run("front", "--place", "Hadrut", "--from", "2020-10-10", "--to", "2020-10-20")
    assert "13–15 Oct 2020" in table.out
    assert "day not known" in table.out
    row = next(line for line in table.out.splitlines() if line.startswith("Hadrut "))
    assert row.split()[1:] == ["n", "n", "n", "?", "?", "?", "A", "A", "A", "A", "A"]


def test_front_on_a_day_says_who_held_what(run: Run) -> None:
    data = _json(run, "front", "--on", "2020-11-09", "-f", "json")
    assert data["from"] == data["to"] == "2020-11-09"
    day = _cells(data, "shusha")["2020-11-09"]
    assert (day["state"], day["side"], day["event"]) == (
        "held",
        "azerbaijan",
        "shusha-resistance-crushed",
    )
    # Khankendi (Stepanakert) is named that day but no change of its control is recorded.
    assert "khankendi" in data["no_control_recorded"]
    assert "khankendi" not in {p["id"] for p in data["places"]}
    assert "khankendi" not in {c["place"] for c in data["changes"]}
    table = run("front", "--on", "2020-11-09")
    assert re.search(r"^ +A +Shusha +held by azerbaijan +since 7 Nov 2020 noon", table.out, re.M)
    flat = " ".join(table.out.split())
    assert "no change of control recorded" in flat
    assert "Khankendi" in flat.split("no change of control recorded")[1]


def test_front_filters(run: Run) -> None:
    only = _json(run, "front", "--place", "Shushi", "-f", "json")
    assert [p["id"] for p in only["places"]] == ["shusha"]
    assert {c["place"] for c in only["changes"]} == {"shusha"}
    lachin = _json(run, "front", "--side", "nagorno-karabakh", "--from", "2020-11-06", "-f", "json")
    # every change passes to or from the side asked for
    assert all("nagorno-karabakh" in (c["to"], c["from"]) for c in lachin["changes"])
    none = run("front", "--side", "russia")
    assert none.code == 0
    assert "records no change of control" in none.out
    csv_out = run("front", "--place", "Hadrut", "-f", "csv").out.splitlines()
    assert csv_out[0] == "place_id,place,date,state,side,from,event"
    assert "hadrut,Hadrut,2020-10-16,held,azerbaijan,nagorno-karabakh,hadrut-taken" in csv_out


def test_holding_rules_from_the_core(shipped: Chronology) -> None:
    steps = campaign.histories(shipped)["ashagi-farajan"]
    # taken some day 26–28 Oct: never shown surer than that. The units later fell back, but the
    # article does not say who held the village then, so no second change is recorded (¶8).
    assert campaign.holding_on(steps, dt.date(2020, 10, 25)).hold is campaign.Hold.IMPLIED
    assert campaign.holding_on(steps, dt.date(2020, 10, 27)).hold is campaign.Hold.CHANGING
    after = campaign.holding_on(steps, dt.date(2020, 11, 6))
    assert (after.hold, after.side) == (campaign.Hold.HELD, Side.AZERBAIJAN)
    assert campaign.holding_on([], dt.date(2020, 11, 6)) is campaign.UNKNOWN


# --- days --------------------------------------------------------------------------------------


def test_days_counts_a_day_counted_by_hand(run: Run) -> None:
    # Dated to 29 Oct 2020 exactly, by hand from data/events.yaml: Armenian shelling and the
    # build-up south-east of Dashalti, Chanagchi taken, engineers set out, fighting at
    # Chanagchi/Sighnag/Agbulag, the Girmizi Bazar hit and failed attack, Harutyunyan's
    # address, the NK leadership's admission, the approach to Chanagchi/Sighnag/Agbulag.
    (day,) = _json(run, "days", "--on", "2020-10-29", "-f", "json")
    assert day["date"] == "2020-10-29"
    assert day["on_day"] == 10
    assert day["on_day_by_type"] == {
        "advance": 3, "fighting": 1, "capture": 1, "failed-attack": 1, "shelling": 1,
        "strike": 1, "statement": 2,
    }  # fmt: skip
    table = run("days")
    assert re.search(r"^Thu 29 Oct 10 \+40 +│", table.out, re.M)
    assert re.search(r"^Sun 18 Oct  0 \+12 +│░+$", table.out, re.M)  # a quiet day shows


def test_days_spans_count_on_every_day_they_may_cover(run: Run) -> None:
    data = _json(run, "days", "--type", "capture", "--from", "2020-10-15", "--to", "2020-10-18", "-f", "json")  # fmt: skip
    by_day = {d["date"]: d for d in data}
    # hadrut-taken (13–15 Oct) and dudukchu-taken (15–17 Oct): never put on one chosen day
    assert by_day["2020-10-15"]["on_day"] == 0
    assert by_day["2020-10-15"]["in_span_by_type"] == {"capture": 2}
    assert by_day["2020-10-17"]["in_span"] == 1
    assert by_day["2020-10-18"]["in_span"] == 0


def test_days_summary_and_legend(run: Run) -> None:
    out = " ".join(run("days").out.split())
    assert "busiest: 9 Nov (17), 5 Nov (15)" in out
    assert "no event dated to the day: 18–20 Oct, 23–25 Oct, 27–28 Oct, 2 Nov" in out
    assert "! capture" in out
    assert "counts once on every day it may have happened" in out
    assert "lie outside these days" in out  # the background before 15 Oct is not hidden
    rows = run("days", "--place", "Shusha", "-f", "csv").out.splitlines()
    assert rows[0].startswith("date,on_day,in_span,on_day:background")


# --- map ---------------------------------------------------------------------------------------


def _where(m: map_view.PlaceMap, place_id: str) -> tuple[int, int]:
    (point,) = [p for p in m.points if place_id in {q.id for q in p.places}]
    return point.row, point.col


def test_map_keeps_real_relative_positions(shipped: Chronology) -> None:
    near = map_view.draw_map(shipped, query.Filter(), 78, 24, around="Shusha", radius_km=10)
    shusha, khankendi = _where(near, "shusha"), _where(near, "khankendi")
    assert shusha[0] > khankendi[0]  # Shusha is south of Stepanakert (Khankendi)...
    assert abs(shusha[1] - khankendi[1]) <= 1  # ...almost due south (lon 46.748 vs 46.752)
    whole = map_view.draw_map(shipped, query.Filter(), 78, 24)
    lachin, hadrut, ganja = (_where(whole, p) for p in ("lachin", "hadrut", "ganja"))
    shusha = _where(whole, "shusha")
    assert lachin[1] < shusha[1] < hadrut[1]  # Lachin to the west, Hadrut to the east
    assert ganja[0] < shusha[0] < hadrut[0]  # Ganja to the north, Hadrut to the south
    names = "\n".join("".join(c.char for c in row) for row in whole.cells)
    for point in whole.points:  # every place is named on the map or numbered in the key
        assert (point.label in names) or (point.key is not None and point.key_drawn)
    assert {p.id for p in whole.no_coordinates} >= {"hadrut-valley", "agbulag"}


def test_map_marks_approximate_and_holders(run: Run) -> None:
    out = run("map", "--around", "Lachin", "--radius", "5").out
    assert "~Lachin District" in out  # district-level coordinates are marked approximate
    day = run("map", "--around", "Shusha", "--radius", "8", "--on", "2020-11-06")
    assert day.code == 0, day.err
    assert re.search(r"/ Shusha", day.out)  # partly held that day
    assert re.search(r"A Dashalti", day.out)
    assert "Not on the map (no coordinates" in day.out


# --- widths, colour, legends -------------------------------------------------------------------

VIEWS = [
    ("front",),
    ("front", "--on", "2020-11-09"),
    ("days",),
    ("map",),
    ("map", "--around", "Shusha", "--on", "2020-11-07"),
]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("colour", [False, True])
def test_views_fit_the_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], width: int, colour: bool
) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
    result = run(*args, width=width)
    assert result.code == 0, result.err
    assert ("\x1b[" in result.out) is colour
    plain = ANSI.sub("", result.out)
    assert max(len(line) for line in plain.splitlines()) <= width
    flat = " ".join(plain.split())
    if args[0] in ("front",) or "--on" in args:
        assert "A azerbaijan" in flat  # the legend letters are always printed
        assert "N nagorno-karabakh" in flat
    if args[0] == "days":
        assert "> advance" in flat
        assert "░ may have happened that day" in flat
    if args[0] == "map":
        assert "↑N" in plain
        assert " km" in plain


def test_data_is_never_markup(run: Run, mini_path: Path) -> None:
    path = mini_path.parent / "markup.yaml"
    text = mini_path.read_text().replace("name: Shusha", 'name: "[bold]Shusha[/] \\x1b[31m"')
    path.write_text(text)
    for args in (("front", "--on", "2020-11-08"), ("map",), ("days",)):
        result = run("--data", str(path), *args)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out
        assert max(len(line) for line in result.out.splitlines()) <= 80
        assert "[bold]Shusha[/]" in result.out or args[0] == "days"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "--around", "Agbulag-1"], "no place matches"),
        (["map", "--around", "Hunot Canyon"], "has no coordinates"),
        (["days", "--from", "1990"], "too long a range"),
        (["front", "--on", "2020-11-09", "--from", "2020-11-01"], "cannot be combined"),
        (["export", "-f", "geojson", "-w", "events"], "writes places"),
        (["export", "-f", "geojson", "--bom"], "--bom goes with --format csv"),
    ],
)
def test_campaign_errors_are_one_line(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.code in (1, 2), result.err
    assert message in result.err
    assert result.err.count("\n") == 1
    assert result.out == ""


# --- GeoJSON -----------------------------------------------------------------------------------


def test_geojson_export_is_valid_and_lon_first(run: Run) -> None:
    result = run("export", "--format", "geojson")
    assert result.code == 0, result.err
    collection = geojson.loads(result.out)
    assert isinstance(collection, geojson.FeatureCollection)
    assert collection.is_valid, collection.errors()
    features = {f["id"]: f for f in collection["features"]}
    lon, lat = features["shusha"]["geometry"]["coordinates"]
    assert lon == pytest.approx(46.75, abs=0.01)
    assert lat == pytest.approx(39.76, abs=0.01)
    props = features["shusha"]["properties"]
    assert {"Şuşa", "Shushi"} <= set(props["aliases"])
    assert props["names"][0] == "Shusha"
    assert props["kind"] == "city"
    assert props["events"] > 50
    assert props["control"][0]["to"] == "nagorno-karabakh"  # 1992
    # the article's last change is the end of resistance; a claim of the same day may follow it
    article = [c for c in props["control"] if c["attribution"] == "article"]
    assert article[-1]["event"] == "shusha-resistance-crushed"
    assert props["control"][-1]["start"] == "2020-11-07"
    assert "hadrut-valley" not in features  # no coordinates: left out, never guessed
    assert all(f["geometry"]["type"] == "Point" for f in features.values())


def test_geojson_follows_the_filter(run: Run, tmp_path: Path) -> None:
    everything = geojson.loads(run("export", "-f", "geojson", "-w", "places").out)
    on_day = geojson.loads(run("export", "-f", "geojson", "--on", "2020-11-09").out)
    assert len(on_day["features"]) < len(everything["features"])
    ids = {f["id"] for f in on_day["features"]}
    assert {"shusha", "khankendi"} <= ids
    shusha = next(f for f in on_day["features"] if f["id"] == "shusha")["properties"]
    assert shusha["first"] == shusha["last"] == "2020-11-09"  # within the filter's dates
    target = tmp_path / "places.geojson"
    result = run("export", "-f", "geojson", "-o", str(target))
    assert result.code == 0, result.err
    assert result.err.startswith("wrote ")
    assert " places to " in result.err
    assert geojson.loads(target.read_text(encoding="utf-8")).is_valid
