"""The command line end to end, through the real entry point (errors and exit codes included)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shusha_cli.cli import app
from shusha_cli.render.csv import unguard
from tests.conftest import REPO, Run

EVENT_KEYS = {"id", "date", "start", "end", "time_of_day", "reported", "title", "summary", "type",
              "places", "actors", "sources", "attribution"}  # fmt: skip
QUOTE_KEYS = {"id", "actor", "date", "start", "end", "text", "sources", "places", "events"}


def test_version_and_help() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("shusha ")
    result = runner.invoke(app, ["timeline", "--help"], terminal_width=80, color=False)
    assert result.exit_code == 0
    assert "--from" in result.stdout


def test_timeline_json_contract(run: Run) -> None:
    result = run("timeline", "--on", "2020-11-07", "--format", "json")
    data = json.loads(result.out)
    assert data
    assert all(set(e) >= EVENT_KEYS for e in data)
    assert all(e["start"] <= "2020-11-07" for e in data)
    assert all(e["end"] is None or e["end"] >= "2020-11-07" for e in data)


def test_quotes_json_and_strelkov(run: Run) -> None:
    result = run("quotes", "--actor", "Strelkov", "--format", "json")
    data = json.loads(result.out)
    assert len(data) >= 2
    assert all(set(q) >= QUOTE_KEYS for q in data)
    assert {q["actor"] for q in data} == {"igor-strelkov"}
    table = run("quotes", "--actor", "Strelkov")
    assert "Strelkov" in table.out
    # full text, wrapped but never cut
    assert "matter of weeks" in " ".join(table.out.split())


def test_place_and_actor(run: Run) -> None:
    shushi = run("place", "Shushi")
    assert shushi.code == 0
    assert "Şuşa" in shushi.out
    assert "azerbaijan" in shushi.out
    obj = json.loads(run("place", "stepanakert", "--format", "json").out)
    assert obj["id"] == "khankendi"
    assert {"name", "aliases", "events", "quotes"} <= set(obj)
    assert all(set(e) >= EVENT_KEYS for e in obj["events"])
    actor = json.loads(run("actor", "mirzayev", "--format", "json").out)
    assert actor["id"] == "hikmet-mirzayev"
    assert actor["events"]


def test_places_and_actors_lists(run: Run) -> None:
    rows = json.loads(run("places", "--kind", "village", "--sort", "activity", "-f", "json").out)
    assert rows
    assert {r["kind"] for r in rows} == {"village"}
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    actors = json.loads(run("actors", "--side", "russia", "-f", "json").out)
    assert {a["side"] for a in actors} == {"russia"}


def test_csv_round_trip(run: Run, shipped: object) -> None:
    result = run("export", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    data = json.loads(run("export", "--format", "json").out)
    assert [r["id"] for r in rows] == [e["id"] for e in data]
    for row, event in zip(rows, data, strict=True):
        assert unguard(row["summary"]) == event["summary"]
        assert unguard(row["title"]) == event["title"]
    quotes = list(csv.DictReader(io.StringIO(run("export", "--what", "quotes").out, newline="")))
    qdata = json.loads(run("export", "--what", "quotes", "-f", "json").out)
    assert [unguard(r["text"]) for r in quotes] == [q["text"] for q in qdata]


def test_csv_injection_is_neutralised(run: Run, mini_path: Path) -> None:
    result = run("--data", str(mini_path), "export", "--what", "quotes")
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert rows[1][rows[0].index("text")] == "They failed, =SUM(A1)"  # not at the start: kept
    path = mini_path.parent / "inj.yaml"
    path.write_text(mini_path.read_text().replace('"They failed, =SUM(A1)"', '"=HYPERLINK(1)"'))
    rows = list(
        csv.reader(
            io.StringIO(run("--data", str(path), "export", "--what", "quotes").out, newline="")
        )
    )
    cell = rows[1][rows[0].index("text")]
    assert cell == "'=HYPERLINK(1)"
    assert unguard(cell) == "=HYPERLINK(1)"


def test_export_to_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # restored afterwards: later tests use relative paths
    first = run("export", "--from", "2020-11-05", "-o", "nov5.csv")
    assert first.code == 0, first.err
    content = (tmp_path / "nov5.csv").read_text(encoding="utf-8")
    assert content.startswith("id,date,")
    forced = run("export", "-o", "nov5.csv", "--force", "--bom")
    assert forced.code == 0
    assert (tmp_path / "nov5.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_validate(run: Run, mini_path: Path) -> None:
    ok = run("validate")
    assert ok.code == 0
    assert "valid" in ok.out
    bad = mini_path.parent / "bad.yaml"
    bad.write_text(mini_path.read_text().replace("type: denial", "type: nope"))
    result = run("validate", str(bad))
    assert result.code == 3
    assert f"{bad}:" in result.out
    assert "1 problem" in result.err


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "shusha_cli", "timeline", "--on", "2020-11-10", "-f", "json"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)
    assert REPO.exists()
