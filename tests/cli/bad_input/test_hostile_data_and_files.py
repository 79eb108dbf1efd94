"""Data that looks valid, and writing files (issue 15).

Ids with a trailing line break and dates in other digits are located problems; the day-by-day
views' defaults are always drawable; odd loops of contradictions are said; SIGTERM, SIGHUP and
SIGQUIT clean up like Ctrl-C; stale temporary files are removed; a bad path is named for what is
wrong with it; the CSV guard covers every risky start, leaves numbers alone and has an exact
inverse.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shusha_cli.core.errors import ExitCode
from shusha_cli.render.csv import guard, unguard
from tests.conftest import MINI, Run

from .helpers import child_env, limits, listing, one_error, validate_problems, write
from .test_output import HALF_WRITE

# --- data that looks valid -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [("id: taken", 'id: "taken\\n"', "must be a slug"),
     ('date: "2020-11-07"', 'date: "\uff12\uff10\uff12\uff10-11-07"', "expected YYYY"),
     ('date: "2020-11-07"', 'date: "\u0662\u0660\u0662\u0660-\u0661\u0661-\u0660\u0667"', "expected YYYY"),
     ('date: "2020-11-07"', 'date: "2020-11-07\\n"', "line break around the date"),
     ("sources: [2]", "sources: [\uff12]", "expected a whole number")],
    ids=["id newline", "full-width digits", "arabic-indic digits", "date newline", "number digits"],
)  # fmt: skip
def test_lookalike_values_are_located_problems(old: str, new: str, words: str, run: Run, tmp_path: Path) -> None:  # fmt: skip
    text = MINI.replace(old, new, 1)
    problems = validate_problems(run, write(tmp_path, text))
    where = text[: text.index(new)].count("\n") + 1
    assert any(p.startswith(f":{where}: ") and words in p for p in problems), problems


WIDE = MINI.replace(
    "quotes:",
    """  - id: old
    date: "1000-01-01"
    title: "Old"
    summary: "Old fight."
    type: fighting
    places: [agbulag-1]
    sources: [1]
  - id: late
    date: "9999-12-31"
    title: "Late"
    summary: "Late fight."
    type: fighting
    places: [agbulag-1]
    sources: [1]
quotes:""",
)


@pytest.mark.parametrize(
    "args",
    [["days"], ["front"], ["days", "-f", "json"], ["front", "-f", "csv"], ["days", "--from", "9999-12-01"],
     ["front", "--to", "1000-01-02"], ["days", "--on", "2020-11-07"]],
    ids=lambda a: " ".join(a),
)  # fmt: skip
def test_defaults_of_the_day_views_are_always_drawable(args: list[str], run: Run, tmp_path: Path) -> None:  # fmt: skip
    result = run("--data", str(write(tmp_path, WIDE)), *args)
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    "dates", [["--from", "1000-01-01", "--to", "2020-01-01"], ["--from", "2020-01-01"]]
)
def test_a_wide_range_the_user_gave_is_still_refused(dates: list[str], run: Run, tmp_path: Path) -> None:  # fmt: skip
    result = run("--data", str(write(tmp_path, WIDE)), "days", *dates)
    one_error(result, ExitCode.USAGE, "too long a range", "narrow it")


LOOP = MINI.replace(
    "    type: capture\n", "    type: capture\n    attribution: army-a\n", 1
).replace(
    "quotes:",
    """  - id: third
    date: "2020-11-09"
    title: "A third party says otherwise"
    summary: "Third."
    type: statement
    places: [shusha]
    actors: [army-a]
    sources: [3]
    attribution: army-a
    contradicts: [taken, denied]
quotes:""",
)


def test_an_odd_loop_of_contradictions_is_said(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, LOOP)
    table = run("--data", str(path), "claims")
    assert table.code == 0, table.err
    assert "Not two-sided" in " ".join(table.out.split())
    (matter,) = json.loads(run("--data", str(path), "claims", "-f", "json").out)
    ((a, b),) = matter["same_side"]
    positions = {s["id"]: pos for pos in ("claim", "counter") for s in matter[pos]}
    assert positions[a] == positions[b]
    two_sided = json.loads(run("--data", str(write(tmp_path, MINI, "ok.yaml")), "claims", "-f", "json").out)  # fmt: skip
    assert all(m["same_side"] == [] for m in two_sided)


# --- writing files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT], ids=lambda s: s.name
)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_other_signals_half_way_clean_up_like_ctrl_c(sig: signal.Signals, existing: bool, tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    target = out / "events.json"
    if existing:
        target.write_bytes(b"the old export\n")
    (tmp_path / "script.py").write_text(HALF_WRITE)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, str(tmp_path / "script.py"), str(marker), "export", "-f", "json", "-o", str(target), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(tmp_path / "cache", NO_COLOR="1"), preexec_fn=limits(),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), proc.communicate()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err
    assert listing(out) == ({target.name: b"the old export\n"} if existing else {})


def test_stale_export_temporary_files_are_removed_on_the_next_write(run: Run, tmp_path: Path) -> None:  # fmt: skip
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)  # fmt: skip
    target = tmp_path / "events.csv"
    stale = tmp_path / f".events.csv.{int(dead.stdout)}-abcd1234.tmp"
    alive = tmp_path / f".events.csv.{os.getpid()}-abcd1234.tmp"
    other = tmp_path / ".other.csv.1-abcd1234.tmp"
    for path in (stale, alive, other):
        path.write_text("half")
    assert run("export", "-o", str(target)).code == 0
    assert not stale.exists()
    assert alive.exists()
    assert other.exists()


def test_a_folder_with_a_trailing_slash_gets_a_data_package(run: Run, tmp_path: Path) -> None:
    """``-o newdir/`` names a folder: the CSV tables and their datapackage.json go into it
    (never a file called ``newdir``); a format a folder cannot take is refused by name."""
    result = run("export", "-o", f"{tmp_path}/newdir/")
    assert result.code == 0, result.err
    assert (tmp_path / "newdir").is_dir()
    assert (tmp_path / "newdir" / "datapackage.json").is_file()
    refused = run("export", "-f", "json", "-o", f"{tmp_path}/other/")
    assert refused.code == ExitCode.USAGE
    assert "a folder takes CSV tables" in refused.err
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(
    ("given", "words"),
    [("x" * 300, ["the file name is 300 bytes long", "at most 255"]),
     ("/".join(["d"] * 3000) + "/x.csv", ["the path is too long"])],
    ids=["name too long", "path too long"],
)  # fmt: skip
def test_a_bad_path_is_named_for_what_is_wrong(given: str, words: list[str], run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    line = one_error(run("export", "-o", given), ExitCode.CANNOT_WRITE, *words)
    assert "standard output" not in line
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_just_fits_is_written(run: Run, tmp_path: Path) -> None:
    target = tmp_path / ("y" * 251 + ".csv")
    result = run("export", "-o", str(target))
    assert result.code == 0, result.err
    assert target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# --- the CSV formula guard -----------------------------------------------------------------------

RISKY = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1", "\u200b=1",
         "\ufeff=1", "\x00=1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20A1"]  # fmt: skip
NUMBERS = ["-39.7583", "46.7483", "+1", "-0", "2e5", "-1.5E-3", ".5", "12"]


@pytest.mark.parametrize("cell", RISKY)
def test_risky_starts_are_guarded(cell: str) -> None:
    assert guard(cell) == "'" + cell
    assert unguard(guard(cell)) == cell


@pytest.mark.parametrize("cell", NUMBERS)
def test_a_cell_that_is_wholly_a_number_is_left_alone(cell: str) -> None:
    assert guard(cell) == cell


def test_longitudes_stay_numbers_in_the_export(run: Run) -> None:
    result = run("export", "--what", "places")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    shusha = next(r for r in rows if r["id"] == "shusha")
    assert float(shusha["lat"]) == 39.7583
    assert float(shusha["lon"]) == 46.7483
    assert not any(r["lon"].startswith("'") or r["lat"].startswith("'") for r in rows)


cells = st.text(alphabet=st.sampled_from(list("'=+-@ \t\r\n0123456789.eE\u200b\ufeff\x00\uff1d\uff0b\uff0d\uff20ab")), max_size=12)  # fmt: skip


@given(cells)
def test_unguard_is_the_exact_inverse_of_guard(cell: str) -> None:
    assert unguard(guard(cell)) == cell
    guarded = guard(cell)
    assert guard(unguard(guarded)) == guarded


@given(st.text(max_size=20))
def test_unguard_inverts_guard_on_any_text(cell: str) -> None:
    assert unguard(guard(cell)) == cell
