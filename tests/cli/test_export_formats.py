"""Each export read back by the tool that consumes it: csv, sqlite3, jsonschema, frictionless.

The CSV of every kind is its JSON flattened; the SQLite export holds the same events as the JSON
export for the same filters; every JSON output passes its published JSON Schema; a CSV data
package passes Frictionless' validation, foreign keys included; the timeline passes TimelineJS3's
documented format.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from shusha_cli.core.errors import ExitCode
from shusha_cli.render import fields
from shusha_cli.render.csv import unguard
from tests.conftest import Run

FILTERS = [(), ("--on", "2020-11-08"), ("--side", "armenia", "--from", "2020-11-01")]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- one contract: CSV is the JSON record flattened ---------------------------------------------


@pytest.mark.parametrize("what", ["events", "quotes", "places", "actors"])
@pytest.mark.parametrize("guard", [True, False], ids=["guarded", "no-guard"])
def test_csv_is_the_json_record_flattened(run: Run, what: str, guard: bool) -> None:
    records = _json(run, "export", "-w", what, "-f", "json")
    result = run("export", "-w", what, *(() if guard else ("--no-guard",)))
    assert result.code == 0, result.err
    reader = csv.reader(io.StringIO(result.out, newline=""))
    header = next(reader)
    assert header == fields.columns(fields.KINDS[what])
    rows = list(reader)
    assert len(rows) == len(records) > 0
    for row, record in zip(rows, records, strict=True):
        cells = [unguard(c) for c in row] if guard else row
        assert cells == fields.flatten(fields.KINDS[what], record)
    # every JSON field is in the CSV under its own name (or FIELD_PART for a list of objects)
    assert {h.split("_")[0] for h in header} >= {k.split("_")[0] for k in records[0]}


def test_the_csv_carries_what_the_issue_found_missing(run: Run) -> None:
    events = {r["id"]: r for r in _csv(run("export", "--on", "2020-11-07").out)}
    sighnag = events["sighnag-entered"]
    assert (sighnag["date"], sighnag["qualifier"]) == ("2020-11-07?", "uncertain")
    claim = next(r for r in events.values() if r["attribution"] != "article")
    assert claim["claimant_id"] == claim["attribution"]
    assert claim["claimant_side"] in fields.SIDES
    flag = events["shusha-flag-raised"]
    assert flag["places"].split(fields.SEP)[0] == "shusha-city-executive-power"
    assert flag["place_names"].split(fields.SEP)[0] == "Shusha City Executive Power"
    assert flag["actor_sides"] == "azerbaijan"
    assert flag["control_to"] == "azerbaijan"
    reported = _csv(run("export").out)
    assert any(r["reported_start"] and r["reported_end"] for r in reported)
    quotes = _csv(run("export", "-w", "quotes", "--actor", "Strelkov").out)
    assert {(q["actor"], q["speaker_name"], q["speaker_side"]) for q in quotes} == {
        ("igor-strelkov", "Igor Strelkov", "other")
    }


def test_no_guard_writes_cells_as_they_are(run: Run, mini_path: Path) -> None:
    bad = mini_path.parent / "inj.yaml"
    bad.write_text(mini_path.read_text().replace('"They failed, =SUM(A1)"', '"=HYPERLINK(1)"'))
    guarded = _csv(run("--data", str(bad), "export", "-w", "quotes").out)
    bare = _csv(run("--data", str(bad), "export", "-w", "quotes", "--no-guard").out)
    assert (guarded[0]["text"], bare[0]["text"]) == ("'=HYPERLINK(1)", "=HYPERLINK(1)")
    refused = run("export", "-f", "json", "--no-guard")
    assert refused.code == ExitCode.USAGE
    assert "--no-guard goes with --format csv" in refused.err


# --- the format from -o's extension ------------------------------------------------------------


def test_the_extension_chooses_the_format(run: Run, tmp_path: Path) -> None:
    for name in ("e.json", "p.geojson", "e.csv", "s.db", "s.sqlite"):
        result = run("export", "-o", str(tmp_path / name))
        assert result.code == 0, result.err
    assert isinstance(json.loads((tmp_path / "e.json").read_text()), list)
    assert json.loads((tmp_path / "p.geojson").read_text())["type"] == "FeatureCollection"
    assert (tmp_path / "e.csv").read_text().startswith("id,date,")
    assert (tmp_path / "s.db").read_bytes().startswith(b"SQLite format 3\x00")
    timeline = run("export", "-f", "timelinejs", "-o", str(tmp_path / "t.json"))
    assert timeline.code == 0, timeline.err
    assert "events" in json.loads((tmp_path / "t.json").read_text())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "x.txt"], ".txt is not an extension export writes; use .csv, .json"),
        (["-o", "x.txt"], "formats: csv, json, geojson, sqlite, timelinejs"),
        (["-f", "json", "-o", "x.csv"], "-o x.csv: .csv is csv, not --format json"),
        (["-f", "sqlite", "-o", "x.json"], ".json is json, not --format sqlite"),
        (["-f", "sqlite"], "--format sqlite writes a database file: give -o FILE.db"),
        (["-f", "sqlite", "-w", "events", "-o", "x.db"], "leave out --what"),
        (["-f", "timelinejs", "-w", "quotes"], "--format timelinejs writes events, not quotes"),
        (["-w", "events,quotes"], "several --what go into a folder: give -o DIR/"),
        (["-w", "events,quotes", "-f", "json", "-o", "d/"], "a folder takes CSV tables"),
        (["-w", "events,battles", "-o", "d/"], "--what 'battles': one of events"),
    ],
)
def test_formats_that_contradict_are_usage_errors(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", *args)
    assert result.code == ExitCode.USAGE
    assert words in result.err
    assert list(tmp_path.iterdir()) == []


# --- SQLite ------------------------------------------------------------------------------------


def _events_from_db(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """The events of a SQLite export rebuilt as JSON records, from its tables and link tables."""
    db.row_factory = sqlite3.Row

    def column(sql: str, *args: object) -> list[Any]:
        return [r[0] for r in db.execute(sql, args)]

    out = []
    for row in db.execute("SELECT * FROM events ORDER BY rowid").fetchall():
        e = dict(row)
        ident = e["id"]
        places = "FROM event_places x JOIN places p ON p.id = x.place WHERE event = ?"
        actors = "FROM event_actors x JOIN actors a ON a.id = x.actor WHERE event = ?"
        e["places"] = column(f"SELECT p.id {places} ORDER BY position", ident)
        e["place_names"] = column(f"SELECT p.name {places} ORDER BY position", ident)
        e["actors"] = column(f"SELECT a.id {actors} ORDER BY position", ident)
        e["actor_names"] = column(f"SELECT a.name {actors} ORDER BY position", ident)
        sides = column(f"SELECT a.side {actors} ORDER BY position", ident)
        e["actor_sides"] = list(dict.fromkeys(sides))
        e["sources"] = column("SELECT paragraph FROM event_sources WHERE event = ?", ident)
        e["control"] = [
            dict(c)
            for c in db.execute(
                'SELECT c.place, p.name AS place_name, "to", "from", extent FROM control_changes c'
                " JOIN places p ON p.id = c.place WHERE event = ? ORDER BY position",
                (ident,),
            )
        ]
        for relation in ("confirms", "contradicts"):
            e[relation] = column(
                "SELECT target FROM links WHERE source = ? AND relation = ? ORDER BY position",
                ident,
                relation,
            )
        out.append(e)
    return out


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "all")
def test_sqlite_holds_the_json_events_and_its_keys_hold(
    run: Run, tmp_path: Path, filters: tuple[str, ...]
) -> None:
    target = tmp_path / "shusha.db"
    result = run("export", *filters, "-o", str(target))
    assert result.code == 0, result.err
    expected = _json(run, "export", *filters, "-f", "json")
    assert result.err.startswith(f"wrote {len(expected)} events, ")
    assert result.err.rstrip().endswith(f" actors to {target}")
    db = sqlite3.connect(target)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert _events_from_db(db) == expected
    quotes = _json(run, "export", *filters, "-w", "quotes", "-f", "json")
    assert [r[0] for r in db.execute("SELECT id FROM quotes ORDER BY rowid")] == [
        q["id"] for q in quotes
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["shusha.db"]  # no temporary file left


def test_sqlite_declares_its_keys_and_indexes_and_has_no_empty_strings(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "shusha.sqlite"
    assert run("export", "-o", str(target)).code == 0
    db = sqlite3.connect(target)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {
        "events", "quotes", "places", "actors", "event_places", "event_actors", "event_sources",
        "quote_sources", "control_changes", "links", "quote_places", "quote_events",
    }  # fmt: skip
    referenced = {
        (table, r[2]) for table in tables for r in db.execute(f"PRAGMA foreign_key_list([{table}])")
    }
    assert {("event_places", "places"), ("event_actors", "actors"), ("links", "events"),
            ("control_changes", "places"), ("quotes", "actors"), ("events", "actors"),
            ("quote_events", "events"), ("links", "quotes")} <= referenced  # fmt: skip
    indexed = {r[0] for r in db.execute("SELECT tbl_name FROM sqlite_master WHERE type='index'")}
    assert {"events", "event_places", "event_actors", "quotes", "control_changes"} <= indexed
    for table in ("events", "quotes", "places", "actors"):
        for col in db.execute(f"PRAGMA table_info({table})").fetchall():
            empty = db.execute(f"SELECT count(*) FROM {table} WHERE \"{col[1]}\" = ''").fetchone()
            assert empty == (0,), (table, col[1])
    assert db.execute("SELECT count(*) FROM events WHERE claimant_id IS NULL").fetchone()[0] > 0
    dates = db.execute('SELECT start, "end" FROM events WHERE "end" IS NOT NULL').fetchall()
    assert all(len(s) == len(e) == 10 and s <= e for s, e in dates)


def test_sqlite_full_text_search_is_found_the_way_datasette_looks(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "shusha.db"
    assert run("export", "-o", str(target)).code == 0
    db = sqlite3.connect(target)
    # Datasette's detect_fts (datasette/utils/__init__.py): an FTS table whose SQL names the
    # table as its content, content="t" or content=[t]; sqlite-utils writes the second form.
    detect = """SELECT name FROM sqlite_master WHERE rootpage = 0 AND (
        sql LIKE '%VIRTUAL TABLE%USING FTS%content="{t}"%'
        OR sql LIKE '%VIRTUAL TABLE%USING FTS%content=[{t}]%'
        OR (tbl_name = "{t}" AND sql LIKE '%VIRTUAL TABLE%USING FTS%'))"""
    assert db.execute(detect.format(t="events")).fetchall() == [("events_fts",)]
    assert db.execute(detect.format(t="quotes")).fetchall() == [("quotes_fts",)]
    hits = db.execute(
        "SELECT e.id FROM events e JOIN events_fts f ON f.rowid = e.rowid "
        "WHERE events_fts MATCH 'flag' ORDER BY e.rowid"
    ).fetchall()
    assert ("shusha-flag-raised",) in hits
    said = db.execute(
        "SELECT q.actor FROM quotes q JOIN quotes_fts f ON f.rowid = q.rowid "
        "WHERE quotes_fts MATCH 'Pegov'"
    ).fetchall()
    assert ("igor-strelkov",) in said


def test_sqlite_needs_force_to_replace_and_keeps_the_old_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "shusha.db"
    target.write_bytes(b"old")
    result = run("export", "-o", str(target))
    assert result.code == ExitCode.CANNOT_WRITE
    assert target.read_bytes() == b"old"
    assert run("export", "--on", "2020-11-08", "-o", str(target), "--force").code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shusha.db"]


# --- JSON Schemas ------------------------------------------------------------------------------

OUTPUTS = {
    "events": [["timeline", "-f", "json"], ["export", "-f", "json", "--on", "2020-11-08"]],
    "quotes": [["quotes", "-f", "json"], ["export", "-w", "quotes", "-f", "json"]],
    "places": [["places", "-f", "json"], ["export", "-w", "places", "-f", "json"]],
    "actors": [["actors", "-f", "json"], ["export", "-w", "actors", "-f", "json"]],
    "place": [["place", "Shusha", "-f", "json"], ["place", "Sighnag", "-f", "json"]],
    "actor": [["actor", "mirzayev", "-f", "json"]],
    "show": [
        ["show", "aliyev-announces-shusha-capture", "-f", "json"],
        ["show", "q-hovhannisyan-refutation", "-f", "json"],
    ],
    "claims": [["claims", "-f", "json"]],
    "front": [["front", "-f", "json"]],
    "days": [["days", "-f", "json"]],
    "geojson": [["export", "-f", "geojson"]],
    "timelinejs": [["export", "-f", "timelinejs"]],
}


def _validator(run: Run, name: str) -> jsonschema.Draft202012Validator:
    schema = _json(run, "schema", name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_lists_every_json_output(run: Run) -> None:
    result = run("schema")
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == list(OUTPUTS)
    unknown = run("schema", "nope")
    assert unknown.code == ExitCode.USAGE
    assert "schema 'nope': one of events, quotes" in unknown.err


@pytest.mark.parametrize(
    ("name", "args"),
    [(name, args) for name, cases in OUTPUTS.items() for args in cases],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_every_json_output_passes_its_schema(run: Run, name: str, args: list[str]) -> None:
    data = _json(run, *args)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(run, name).iter_errors(data)
    ]
    assert errors == []


def test_a_schema_refuses_what_breaks_the_contract(run: Run) -> None:
    validator = _validator(run, "events")
    events = _json(run, "export", "-f", "json", "--on", "2020-11-08")
    assert validator.is_valid(events)
    for breaking in (
        lambda e: e.pop("claimant_side"),
        lambda e: e.update(start="8 Nov 2020"),
        lambda e: e.update(type="battle"),
        lambda e: e.update(extra=1),
    ):
        broken = json.loads(json.dumps(events))
        breaking(broken[0])
        assert not validator.is_valid(broken)


# --- the CSV data package ----------------------------------------------------------------------


@pytest.mark.parametrize("filters", FILTERS[:2], ids=["all", "on 8 Nov"])
def test_a_data_package_passes_frictionless(
    run: Run, tmp_path: Path, filters: tuple[str, ...]
) -> None:
    frictionless = pytest.importorskip("frictionless")
    folder = tmp_path / "pkg"
    result = run("export", *filters, "-w", "events,quotes,places,actors", "-o", f"{folder}/")
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == [
        "actors.csv", "datapackage.json", "events.csv", "places.csv", "quotes.csv"
    ]  # fmt: skip
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((folder / "datapackage.json").read_text())
    events = next(r for r in package["resources"] if r["name"] == "events")
    by_name = {f["name"]: f for f in events["schema"]["fields"]}
    assert [f["name"] for f in events["schema"]["fields"]] == fields.columns(fields.EVENT_FIELDS)
    assert by_name["places"] == {**by_name["places"], "type": "list", "delimiter": "; "}
    assert by_name["start"]["type"] == "date"
    assert {"fields": "claimant_id", "reference": {"resource": "actors", "fields": "id"}} in (
        events["schema"]["foreignKeys"]
    )
    # the package reads back typed: lists as lists, dates as dates
    typed = frictionless.Package(str(folder / "datapackage.json")).get_resource("events")
    rows = typed.read_rows()
    assert all(isinstance(r["places"], list) and r["start"].year >= 1748 for r in rows)


def test_frictionless_sees_a_broken_foreign_key(run: Run, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    folder = tmp_path / "pkg"
    assert run("export", "-w", "events,actors", "-o", f"{folder}/", "--no-guard").code == 0
    rows = _csv((folder / "events.csv").read_text(encoding="utf-8"))
    claim = next(r for r in rows if r["claimant_id"])
    claim["claimant_id"] = "nobody-at-all"
    with (folder / "events.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_a_data_package_folder_is_written_whole_or_not(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "quotes.csv").write_text("mine")
    result = run("export", "-w", "events,quotes", "-o", f"{folder}/")
    assert result.code == ExitCode.CANNOT_WRITE
    assert "quotes.csv: already exists" in result.err
    assert sorted(p.name for p in folder.iterdir()) == ["quotes.csv"]
    assert run("export", "-w", "events,quotes", "-o", f"{folder}/", "--force").code == 0
    assert (folder / "quotes.csv").read_text().startswith("id,actor,")


# --- TimelineJS --------------------------------------------------------------------------------


def test_the_timeline_is_timelinejs3_and_no_surer_than_the_data(run: Run) -> None:
    doc = _json(run, "export", "-f", "timelinejs")
    assert _validator(run, "timelinejs").is_valid(doc)
    slides = {s["unique_id"]: s for s in doc["events"]}
    events = {e["id"]: e for e in _json(run, "export", "-f", "json")}
    assert list(slides) == list(events)
    for ident, s in slides.items():
        e = events[ident]
        assert s["group"] == e["type"]
        assert s["text"]["headline"]
        assert "¶" in s["text"]["text"]
        if e["claimant_id"]:
            assert f"A claim by {e['claimant_name']}" in s["text"]["text"].replace("&#x27;", "'")
        if e["precision"] == "month":
            assert set(s["start_date"]) == {"year", "month"}
        if e["precision"] == "year":
            assert set(s["start_date"]) == {"year"}
        if e["qualifier"]:
            assert "(uncertain)" in s["display_date"] or "(approx" in s["display_date"]
        if e["end"] is None:
            assert "end_date" not in s
    sighnag = slides["sighnag-entered"]
    assert sighnag["display_date"] == "7 Nov 2020 (uncertain)"
    months = slides["armenians-leave-shusha-1920"]
    assert (months["start_date"], months["end_date"]) == (
        {"year": 1920, "month": 3},
        {"year": 1920, "month": 12},
    )
    assert months["display_date"] == "Mar 1920 – Dec 1920"


def test_the_timeline_escapes_text_from_the_data(run: Run, mini_path: Path) -> None:
    bad = mini_path.parent / "html.yaml"
    bad.write_text(mini_path.read_text().replace("Army A takes Shusha", "<script>x</script>"))
    doc = _json(run, "--data", str(bad), "export", "-f", "timelinejs")
    taken = next(s for s in doc["events"] if s["unique_id"] == "taken")
    assert taken["text"]["headline"] == "&lt;script&gt;x&lt;/script&gt;"
    assert taken["start_date"] == {"year": 2020, "month": 11, "day": 7}
    assert taken["display_date"] == "7 Nov 2020, noon"
    denied = next(s for s in doc["events"] if s["unique_id"] == "denied")
    assert "A claim by Spokesman B (armenia)" in denied["text"]["text"]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (OSError(28, "No space left on device"), ExitCode.CANNOT_WRITE),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
    ],
)
def test_a_failed_sqlite_export_leaves_the_old_file_and_no_temporary_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int
) -> None:
    from shusha_cli.render import sqlite as render_sqlite

    target = tmp_path / "shusha.db"
    target.write_bytes(b"the old export")
    real_fill = render_sqlite._fill

    def fill_then_fail(*args: Any) -> None:
        real_fill(*args)  # half way: the tables are written, the commit has not happened
        raise error

    monkeypatch.setattr(render_sqlite, "_fill", fill_then_fail)
    result = run("export", "-o", str(target), "--force")
    assert result.code == code
    assert "Traceback" not in result.err
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["shusha.db"]
