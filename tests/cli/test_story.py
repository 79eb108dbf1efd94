"""The timeline reads as a story: focus on the range, rows that can be followed, length under
control, type that helps, one meaning per symbol (issue 12's outcomes, through the real CLI)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core import query
from shusha_cli.core.model import Chronology, EventType
from shusha_cli.render.chart_parts import TYPE_SYMBOLS
from shusha_cli.views import front as front_view
from shusha_cli.views.front import CLAIM_MARK, HOLD_MARKS, SIDE_LETTERS
from tests.cli.bad_input.helpers import SHUSHA, child_env
from tests.cli.bad_input.test_terminal import COLOUR, on_a_terminal
from tests.conftest import Run

WIDTHS = [40, 80, 200]


def _rows(out: str) -> list[str]:
    return out.splitlines()


# --- 1. narrative order --------------------------------------------------------------------------


def _position(shipped: Chronology, ident: str) -> int:
    record = shipped.record(ident)
    assert record is not None, ident
    return shipped.order(record)


@pytest.mark.parametrize(
    ("cause", "answer"),
    [
        ("aliyev-announces-shusha-capture", "hovhannisyan-refutes-shusha-capture"),
        ("special-forces-approach-chanagchi-sighnag-agbulag", "chanagchi-taken"),
        ("fighting-chanagchi-sighnag-agbulag", "chanagchi-taken"),
        ("azerbaijani-buildup-southeast-of-dashalti", "armenian-shelling-southeast-of-dashalti"),
        ("shusha-founded", "panah-ali-khan-stronghold"),
        ("shusha-resistance-crushed", "rzayev-reports-capture-to-aliyev"),
        ("shusha-resistance-crushed", "shusha-flag-raised"),
        ("azerbaijan-mod-shusha-footage", "sarumyan-stands-in-at-briefing"),
        ("reinforcements-to-shusha-cut-off", "shusha-surrounded-from-three-directions"),
    ],
)
def test_within_a_day_the_story_keeps_causes_before_what_answers_them(
    shipped: Chronology, cause: str, answer: str
) -> None:
    assert _position(shipped, cause) < _position(shipped, answer)


def test_no_denial_comes_before_the_same_day_event_it_contradicts(shipped: Chronology) -> None:
    for e in shipped.events:
        if e.type is not EventType.DENIAL:
            continue
        for other_id in e.contradicts:
            other = shipped.record(other_id)
            if other is None or other.date.start != e.date.start:
                continue
            assert shipped.order(other) < shipped.order(e), (other_id, e.id)


def test_the_order_rule_is_documented(run: Run) -> None:
    text = " ".join(run("timeline", "--help").out.split())
    assert "article's order" in text
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "time of day" in readme
    assert "article's order" in readme


# --- 2. focus on the range asked for ---------------------------------------------------------------


def test_first_screen_shows_the_day_asked_for(run: Run) -> None:
    out = run("timeline", "--from", "2020-10-29", width=80).out
    first_screen = _rows(out)[:24]
    assert any(re.match(r" 29 Oct 2020 ", line) for line in first_screen), "\n".join(first_screen)
    assert "Already under way on 29 Oct 2020" in out


def test_events_under_way_are_counted_listed_apart_and_not_lost(run: Run) -> None:
    out = run("timeline", "--from", "2020-10-29", width=200).out
    events = json.loads(run("timeline", "--from", "2020-10-29", "-f", "json").out)
    before = [e for e in events if e["start"] < "2020-10-29"]
    assert len(before) >= 2
    head, block = out.split("Already under way on 29 Oct 2020", 1)
    assert f"{len(before)} earlier events" in " ".join(head.split())
    for e in before:
        alone = re.compile(rf"(?<![\w-]){re.escape(e['id'])}(?![\w-])")
        assert alone.search(block)
        assert not alone.search(head)
    assert len(events) == len(json.loads(run("timeline", "--from", "2020-10-29",
                                               "-f", "json", "--reverse").out))  # fmt: skip


@pytest.mark.parametrize(
    "args", [["--from", "2020-10-29"], ["--on", "2020-11-07"], ["--to", "2020-10-20"]]
)
def test_within_keeps_only_events_wholly_inside(
    run: Run, shipped: Chronology, args: list[str]
) -> None:
    everything = json.loads(run("timeline", *args, "-f", "json").out)
    inside = json.loads(run("timeline", *args, "--within", "-f", "json").out)
    filt = query.resolve_filter(shipped, query.FilterInput(
        date_from=args[1] if args[0] == "--from" else None,
        date_to=args[1] if args[0] == "--to" else None,
        on=args[1] if args[0] == "--on" else None))  # fmt: skip
    lo = filt.start.isoformat() if filt.start else "0000-00-00"
    hi = filt.end.isoformat() if filt.end else "9999-99-99"
    open_end = filt.end is None
    want = [
        e["id"]
        for e in everything
        if e["start"] >= lo and (open_end or (e["end"] is not None and e["end"] <= hi))
    ]
    assert [e["id"] for e in inside] == want
    assert len(inside) < len(everything)


def test_csv_keeps_every_matching_event_and_tells_by_start(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("timeline", "--on", "2020-11-07", "-f", "csv").out)))
    ids = [r["id"] for r in rows]
    events = json.loads(run("timeline", "--on", "2020-11-07", "-f", "json").out)
    assert ids == [e["id"] for e in events]
    assert any(r["start"] < "2020-11-07" for r in rows)
    assert any(r["start"] == "2020-11-07" for r in rows)


# --- 3. follow a row -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("full", [False, True])
def test_every_timeline_row_shows_the_id_show_takes(run: Run, width: int, full: bool) -> None:
    args = ["timeline", "--on", "2020-11-07", *(["--full"] if full else [])]
    flat = "".join(run(*args, width=width).out.split())
    for e in json.loads(run("timeline", "--on", "2020-11-07", "-f", "json").out):
        assert e["id"] in flat
        assert run("show", e["id"]).code == 0


@pytest.mark.parametrize(("kind", "name"), [("place", "Sighnag"), ("actor", "hovhannisyan")])
def test_place_and_actor_event_lists_show_ids(run: Run, kind: str, name: str) -> None:
    flat = "".join(run(kind, name).out.split())
    for e in json.loads(run(kind, name, "-f", "json").out)["events"]:
        assert e["id"] in flat


def test_claims_shows_one_matter_by_the_number_show_prints(run: Run) -> None:
    shown = run("show", "aliyev-announces-shusha-capture").out
    number = int(re.search(r"contested matter (\d+)", shown).group(1))  # type: ignore[union-attr]
    one = json.loads(run("claims", str(number), "-f", "json").out)
    assert [m["matter"] for m in one] == [number]
    assert json.loads(run("claims", "--matter", str(number), "-f", "json").out) == one
    everything = json.loads(run("claims", "-f", "json").out)
    assert one == [m for m in everything if m["matter"] == number]
    missing = run("claims", "999")
    assert missing.code == 1
    assert "no contested matter 999" in missing.err


# --- 4. length under control -------------------------------------------------------------------------


def test_compact_is_the_default_and_full_adds_summaries(run: Run, shipped: Chronology) -> None:
    compact = run("timeline", "--from", "2020-10-29").out
    full = run("timeline", "--from", "2020-10-29", "--full").out
    assert len(_rows(compact)) * 2 < len(_rows(full))
    summary = shipped.record("chanagchi-taken").summary  # type: ignore[union-attr]
    assert "".join(summary.split()) in "".join(full.split())
    assert "".join(summary.split()) not in "".join(compact.split())


def test_limit_and_reverse(run: Run) -> None:
    every = json.loads(run("timeline", "--from", "2020-11-01", "--within", "-f", "json").out)
    ids = [e["id"] for e in every]
    limited = json.loads(
        run("timeline", "--from", "2020-11-01", "--within", "-n", "3", "-f", "json").out
    )
    assert [e["id"] for e in limited] == ids[:3]
    backwards = json.loads(
        run(
            "timeline",
            "--from",
            "2020-11-01",
            "--within",
            "--reverse",
            "--limit",
            "2",
            "-f",
            "json",
        ).out
    )
    assert [e["id"] for e in backwards] == ids[::-1][:2]
    table = run("timeline", "--from", "2020-11-01", "--within", "--limit", "3").out
    assert f"the first 3 of {len(ids)} events (--limit)" in " ".join(table.split())
    bad = run("timeline", "--limit", "0")
    assert bad.code == 2
    assert "--limit must be at least 1" in bad.err


@pytest.mark.parametrize("kind", ["place", "actor"])
def test_place_and_actor_take_filters(run: Run, kind: str) -> None:
    name = "Shusha" if kind == "place" else "Arayik Harutyunyan"
    name = "shusha" if kind == "place" else "arayik-harutyunyan"
    whole = json.loads(run(kind, name, "-f", "json").out)["events"]
    later = json.loads(run(kind, name, "--from", "2020-11-01", "-f", "json").out)["events"]
    assert later
    assert len(later) < len(whole)
    assert all((e["end"] or "9999") >= "2020-11-01" for e in later)
    typed = json.loads(run(kind, name, "--type", "statement", "-f", "json").out)["events"]
    assert typed
    assert {e["type"] for e in typed} == {"statement"}
    table = run(kind, name, "--from", "2020-11-01").out
    assert "(from 1 Nov 2020)" in table


def _pager_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    marker = tmp_path / "paged.txt"
    env = child_env(tmp_path / "cache", TERM="xterm-256color", SHUSHA_PAGER=f"cat > '{marker}'")
    return env, marker


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    env, marker = _pager_env(tmp_path)
    code, out, err = on_a_terminal(["timeline", "--from", "2020-10-29"], env)
    assert code == 0, err
    paged = marker.read_text(encoding="utf-8")
    assert "Already under way on 29 Oct 2020" in COLOUR.sub("", paged)
    assert COLOUR.search(paged)  # the terminal's colours go through to the pager
    assert "Already under way" not in out


@pytest.mark.parametrize("how", ["short", "--no-pager", "PAGER=cat", "pager missing"])
def test_no_pager_when_short_or_turned_off(tmp_path: Path, how: str) -> None:
    env, marker = _pager_env(tmp_path)
    args = ["timeline", "--from", "2020-10-29"]
    if how == "short":
        args = ["timeline", "--on", "2020-11-10", "--within"]
    elif how == "--no-pager":
        args = ["--no-pager", *args]
    elif how == "PAGER=cat":
        del env["SHUSHA_PAGER"]
        env["PAGER"] = "cat"
    else:
        env["SHUSHA_PAGER"] = "no-such-pager-here"
    code, out, err = on_a_terminal(args, env)
    assert code == 0, err
    assert not marker.exists()
    assert "Timeline:" in COLOUR.sub("", out)


def test_never_a_pager_when_piped(tmp_path: Path) -> None:
    env, marker = _pager_env(tmp_path)
    proc = subprocess.run(
        [*SHUSHA, "timeline", "--from", "2020-10-29"], capture_output=True, env=env, timeout=60
    )
    assert proc.returncode == 0
    assert not marker.exists()
    assert b"Already under way" in proc.stdout


# --- 5. type and colour that help -------------------------------------------------------------------

COMMANDS = [
    ["timeline", "--from", "2020-11-05"],
    ["timeline", "--on", "2020-11-07", "--full"],
    ["quotes", "--from", "2020-11-07"],
    ["place", "Sighnag"],
    ["actor", "hovhannisyan"],
    ["claims", "2"],
    ["show", "aliyev-announces-shusha-capture"],
    ["front", "--from", "2020-11-01"],
    ["days", "--from", "2020-11-01"],
    ["map", "--around", "Shusha", "--radius", "8", "--on", "2020-11-06"],
    ["places"],
    ["actors"],
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_no_line_ends_in_blanks(run: Run, args: list[str], width: int) -> None:
    result = run(*args, width=width)
    assert result.code == 0, result.err
    assert [line for line in result.out.splitlines() if line != line.rstrip()] == []


def _styled_runs(out: str) -> list[tuple[set[str], str]]:
    """(SGR parameters in force, text) for each run of text between escape sequences."""
    runs: list[tuple[set[str], str]] = []
    active: set[str] = set()
    for piece in re.split(r"(\x1b\[[0-9;]*m)", out):
        match = re.fullmatch(r"\x1b\[([0-9;]*)m", piece)
        if match:
            params = set(match.group(1).split(";")) - {""}
            active = set() if not params or "0" in params else params
        elif piece:
            runs.append((active, piece))
    return runs


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_terminal_only_titles_bold_never_bold_and_dim(
    tmp_path: Path, shipped: Chronology, width: int
) -> None:
    env = child_env(tmp_path / "cache", TERM="xterm-256color", SHUSHA_PAGER="")
    code, out, err = on_a_terminal(["timeline", "--on", "2020-11-07", "--full"], env, width)
    assert code == 0, err
    runs = _styled_runs(out)
    assert any("1" in p for p, _ in runs)
    assert not [text for p, text in runs if {"1", "2"} <= p and text.strip()]
    bold = "".join("".join(text.split()) for p, text in runs if "1" in p)
    events = [e for e in shipped.events if e.date.start.isoformat() == "2020-11-07"]
    assert events
    for e in events:
        assert "".join(e.title.split())[:20] in bold  # the title is bold ...
        assert "".join(e.summary.split())[:30] not in bold  # ... and its summary is not
    assert "public" not in bold
    assert not [line for line in COLOUR.sub("", out).splitlines() if line != line.rstrip()]


# --- 6. one meaning per symbol -------------------------------------------------------------------------


def test_days_symbols_cannot_be_read_as_front_letters(run: Run) -> None:
    symbols = set(TYPE_SYMBOLS.values())
    assert len(symbols) == len(TYPE_SYMBOLS) == len(EventType)
    letters = set(SIDE_LETTERS.values()) | {s.lower() for s in SIDE_LETTERS.values()}
    assert not symbols & (letters | set(HOLD_MARKS.values()) | {CLAIM_MARK})
    assert all(not s.isalnum() for s in symbols)
    out = run("days", "--from", "2020-11-05", "--to", "2020-11-10", width=80).out
    legend = out.split("Dated to the day, by type:", 1)[1]
    bars = [line.split("│", 1)[1] for line in out.splitlines() if "│" in line]
    used = {c for bar in bars for c in bar if c != "░"}
    for symbol in used:
        kind = next(t for t, s in TYPE_SYMBOLS.items() if s == symbol)
        assert f"{symbol} {kind.value}" in legend


# --- 7. dates of a place ------------------------------------------------------------------------------


def test_place_dates_leave_background_out(run: Run, shipped: Chronology) -> None:
    rows = json.loads(run("places", "-f", "json").out)
    shusha = next(r for r in rows if r["id"] == "shusha")
    assert shusha["last"] == "2020-11-10"
    geo = json.loads(run("export", "-f", "geojson").out)
    props = next(f["properties"] for f in geo["features"] if f["properties"]["id"] == "shusha")
    assert props["last"] == "2020-11-10"
    said = " ".join(run("validate").out.split())
    assert re.search(
        r"events 20\d\d-\d\d-\d\d to 2020-11-10, background 1748-01-01 to 2020-12-31", said
    )


# --- 8. front starts with what is known ---------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_front_puts_rows_of_unknown_day_last_and_folded(run: Run, width: int) -> None:
    flat = "".join(run("front", width=width).out.split())
    grid = flat.split("Changinghandsonadaythedatadoesnotgive,acrossthewholerange", 1)
    assert len(grid) == 2
    assert "FizuliDistrict" not in grid[0]
    assert "FizuliDistrict" in grid[1]
    day = "".join(run("front", "--on", "2020-11-01", width=width).out.split())
    assert day.count("lostfivedistricts") == 1


def test_front_json_keeps_every_row(run: Run) -> None:
    places = [p["id"] for p in json.loads(run("front", "-f", "json").out)["places"]]
    assert "fizuli-district" in places
    assert places.index("fizuli-district") > places.index("shusha")


# --- 9. actor page links merged -----------------------------------------------------------------------


def test_actor_links_are_merged_both_ways(run: Run, shipped: Chronology) -> None:
    report = json.loads(run("actor", "hovhannisyan", "-f", "json").out)
    pairs = [(k["own"], k["other"]) for k in report["links"]]
    assert len(pairs) == len(set(pairs))
    assert any(k["relation"].endswith("each other") for k in report["links"])
    report_obj: Any = query.actor_report(shipped, "hovhannisyan")
    assert len(report_obj.links) == len(pairs)


# --- 14.9: the article and the claims told apart in front ---------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_front_marks_a_cell_that_rests_on_a_claim(run: Run, width: int) -> None:
    out = run(
        "front", "--place", "shusha", "--from", "2020-11-04", "--to", "2020-11-08", width=width
    ).out
    row = next(line for line in out.splitlines() if line.startswith("Shusha "))
    assert row.split()[1:] == ["N", CLAIM_MARK, "/", "A", "A"]
    assert f" {CLAIM_MARK}  a party's claim alone says so" in out
    own = run("front", "--place", "shusha", "--from", "2020-11-04", "--to", "2020-11-08",
              "--article-only", width=width).out  # fmt: skip
    row = next(line for line in own.splitlines() if line.startswith("Shusha "))
    assert row.split()[1:] == ["N", "N", "/", "A", "A"]


def test_front_on_a_day_and_map_mark_claims(run: Run, shipped: Chronology) -> None:
    day = run("front", "--on", "2020-11-05", "--place", "shusha").out
    assert CLAIM_MARK in day.split("Because", 1)[1].splitlines()[2]
    drawn = run("map", "--around", "Shusha", "--radius", "8", "--on", "2020-11-05").out
    assert f"{CLAIM_MARK} Shusha" in drawn
    own = front_view.front(shipped, query.Filter(), article_only=True)
    assert all(not r.cells[0].by_claim for r in own.rows)


def test_front_claim_mark_on_a_colour_terminal(tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache", TERM="xterm-256color", SHUSHA_PAGER="")
    args = ["front", "--place", "shusha", "--from", "2020-11-04", "--to", "2020-11-08"]
    code, out, err = on_a_terminal(args, env, 80)
    assert code == 0, err
    assert COLOUR.search(out)
    plain = COLOUR.sub("", out)
    row = next(line for line in plain.splitlines() if line.startswith("Shusha "))
    assert row.split()[1:] == ["N", CLAIM_MARK, "/", "A", "A"]
    assert f"{CLAIM_MARK}  a party's claim alone says so" in plain
