"""What reaches the terminal: data that looks like markup or escapes, colour, narrow and wide."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.errors import ExitCode
from shusha_cli.core.model import Quote
from tests.conftest import MINI, Run

from .helpers import SHUSHA, child_env, one_error, write

# Rich markup, a link, an emoji code, ANSI colour, bell, C1 CSI, a right-to-left override, OSC 8.
EVIL = r"[bold]B[/] [link=http://e.x]L[/link] :x: \e[31mRED\e[0m \x07BEL \x9b2J \u202eRTL \e]8;;http://e\e\\OSC"
SHOWN = [
    "[bold]B[/]",
    "[link=http://e.x]L[/link]",
    ":x:",
    "\\x1b[31mRED\\x1b[0m",
    "\\x07BEL",
    "\\x9b2J",
]
RAW = ["\x1b", "\x07", "\x9b", "\u202e", "❌"]


def evil_chronology(tmp_path: Path) -> Path:
    replacements = {
        '"A test denial."': f'"S {EVIL}"',
        '"B denies it"': f'"T {EVIL}"',
        '"They failed, =SUM(A1)"': f'"Q {EVIL}"',
        "name: Spokesman B": f'name: "N {EVIL}"\n    role: "R {EVIL}"\n    notes: "O {EVIL}"',
        "    kind: village\n  - id: agbulag-2": f'    kind: village\n    district: "D {EVIL}"\n    notes: "P {EVIL}"\n  - id: agbulag-2',
        'aliases: ["Şuşa", "Shushi"]': f'aliases: ["Şuşa", "Shushi", "A {EVIL}"]',
    }  # fmt: skip
    text = MINI
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp_path, text, "evil.yaml")


@pytest.mark.parametrize(
    "args",
    [["timeline"], ["quotes"], ["place", "shusha"], ["place", "agbulag-1"], ["actor", "spokesman-b"],
     ["places"], ["actors"]],
    ids=lambda a: " ".join(a),
)  # fmt: skip
@pytest.mark.parametrize("width", [40, 100])
def test_markup_and_escapes_in_data_are_literal(
    run: Run, tmp_path: Path, args: list[str], width: int
) -> None:
    path = evil_chronology(tmp_path)
    result = run("--data", str(path), *args, width=width)
    assert result.code == ExitCode.OK, result.err
    assert result.err == ""
    for raw in RAW:
        assert raw not in result.out, repr(raw)
    if width == 100:  # wide enough for every token to stay on one line
        flat = " ".join(result.out.split())
        for shown in SHOWN:
            assert shown in flat, shown
    else:
        assert "".join(SHOWN[0].split()) in "".join(result.out.split())


def test_escapes_in_what_the_user_typed_are_shown_not_sent(run: Run) -> None:
    line = one_error(run("place", "\x1b[31mred\x07"), ExitCode.NOT_FOUND)
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "'\\x1b[31mred\\x07'" in line


def test_line_breaks_in_a_file_name_stay_on_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.yaml"
    one_error(
        run("--data", str(path), "timeline"),
        ExitCode.INVALID_DATA,
        "two\\nlines.yaml: no such file",
    )


def on_a_terminal(args: list[str], env: dict[str, str], columns: int = 80) -> tuple[int, str, str]:
    """Run with stdout on a pseudo-terminal of ``columns`` columns: (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen([*SHUSHA, *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, err = proc.communicate(timeout=30)
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return proc.returncode, out, err.decode("utf-8")


COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("setting", "extra_env", "extra_args", "coloured"),
    [
        ("a colour terminal", {"TERM": "xterm-256color"}, [], True),
        ("NO_COLOR", {"TERM": "xterm-256color", "NO_COLOR": "1"}, [], False),
        ("--no-color", {"TERM": "xterm-256color"}, ["--no-color"], False),
        ("TERM=dumb", {"TERM": "dumb"}, [], False),
    ],
)
def test_colour_only_on_a_colour_terminal(
    tmp_path: Path, setting: str, extra_env: dict[str, str], extra_args: list[str], coloured: bool
) -> None:
    env = child_env(tmp_path / "cache", SHUSHA_PAGER="", **extra_env)  # the pager: test_pager.py
    code, out, err = on_a_terminal([*extra_args, "timeline", "--on", "2020-11-07"], env)
    assert code == ExitCode.OK, err
    assert err == ""
    assert bool(COLOUR.search(out)) is coloured, setting
    if not coloured:
        assert "\x1b" not in out
    # readable either way: the header, every line within the terminal, the events
    plain = COLOUR.sub("", out)
    lines = plain.splitlines()
    assert lines[0].startswith("Timeline: 7 Nov 2020 — ")
    assert re.search(r"^ ?Date +Event +¶", plain, re.M)
    assert max(len(line.rstrip()) for line in lines) <= 80


def test_no_colour_into_a_pipe(tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache", TERM="xterm-256color")
    proc = subprocess.run(
        [*SHUSHA, "timeline", "--on", "2020-11-07"], capture_output=True, env=env, timeout=60
    )
    assert proc.returncode == ExitCode.OK
    assert b"\x1b" not in proc.stdout
    assert proc.stdout.startswith(b"Timeline: 7 Nov 2020")


def test_data_cannot_style_a_colour_terminal(tmp_path: Path) -> None:
    path = evil_chronology(tmp_path)
    env = child_env(tmp_path / "cache", TERM="xterm-256color")
    code, out, err = on_a_terminal(["--data", str(path), "timeline"], env, columns=200)
    assert code == ExitCode.OK, err
    assert COLOUR.search(out)  # our own styles are there ...
    assert "\x1b[31m" not in out  # ... the data's red is not
    assert "\x1b]8;" not in out  # no hyperlink
    assert "\x07" not in out
    assert "\u202e" not in out
    assert "[bold]B[/]" in COLOUR.sub("", out)


# --- narrow and wide terminals ----------------------------------------------------------------------


def columns(out: str, *headers: str) -> dict[str, str]:
    """Each column of the first table with these headers: its text, whitespace removed."""
    lines = out.splitlines()
    words = [re.compile(rf"(?<!\S){re.escape(h)}(?!\S)") for h in headers]
    at = next(i for i, line in enumerate(lines) if all(w.search(line) for w in words))
    starts = [w.search(lines[at]).start() for w in words]  # type: ignore[union-attr]
    body = []
    for line in lines[at + 2 :]:
        if line and not line.startswith(" "):  # blank lines between rows carry no blanks
            break
        body.append(line)
    cut = [*starts[1:], None]
    return {
        h: "".join("".join(row[start:end].split()) for row in body)
        for h, start, end in zip(headers, starts, cut, strict=True)
    }


def squeeze(text: str) -> str:
    return "".join(text.split())


def check_events_table(
    out: str, events: list[dict[str, Any]], names: dict[str, str], width: int
) -> None:
    wide = width >= 64
    cols = columns(out, "Date", "Places", "Event", "¶") if wide else columns(out, "Date", "Event")
    for e in events:
        assert squeeze(e["title"]) in cols["Event"], e["title"]
        assert squeeze(e["summary"]) in cols["Event"], e["summary"]
        places = squeeze(", ".join(names[p] for p in e["places"]))
        assert places in (cols["Places"] if wide else cols["Event"]), places
        assert squeeze(" ".join(f"¶{n}" for n in e["sources"])) in (
            cols["¶"] if wide else cols["Event"]
        )


def fits(out: str, width: int) -> None:
    assert out
    assert max(len(line) for line in out.splitlines()) <= width


def check_compact_table(
    out: str, events: list[dict[str, Any]], names: dict[str, str], width: int
) -> None:
    """The compact form: every title, claimant, place, id and paragraph is there, whole."""
    wide = width >= 64
    cols = columns(out, "Date", "Event", "¶") if wide else columns(out, "Date", "Event")
    for e in events:
        assert squeeze(e["title"]) in cols["Event"], e["title"]
        assert squeeze(e["id"]) in cols["Event"], e["id"]
        places = squeeze(", ".join(names[p] for p in e["places"]))
        assert places in cols["Event"], places
        assert squeeze(" ".join(f"¶{n}" for n in e["sources"])) in (
            cols["¶"] if wide else cols["Event"]
        )


@pytest.mark.parametrize("width", [40, 63, 64, 80, 200])
@pytest.mark.parametrize("form", ["compact", "full"])
def test_timeline_is_complete_at_any_width(run: Run, shipped: Any, width: int, form: str) -> None:
    args = ["timeline", "--from", "2020-10-29"]
    result = run(*args, *(["--full"] if form == "full" else []), width=width)
    assert result.code == ExitCode.OK, result.err
    fits(result.out, width)
    events = json.loads(run(*args, "-f", "json").out)
    proper = [e for e in events if e["start"] >= "2020-10-29"]
    under_way = [e for e in events if e["start"] < "2020-10-29"]
    assert proper
    assert under_way
    said = " ".join(result.out.split())
    assert f"— {len(proper)} events " in f"{said} "
    assert f"{len(under_way)} earlier events" in said
    names = {p.id: p.name for p in shipped.places}
    check = check_events_table if form == "full" else check_compact_table
    check(result.out, proper, names, width)
    # the events already under way: listed apart, each with its title and id
    rest = squeeze(result.out.split("Already under way on 29 Oct 2020", 1)[1])
    for e in under_way:
        assert squeeze(e["title"]) in rest
        assert squeeze(e["id"]) in rest


@pytest.mark.parametrize("width", [40, 200])
@pytest.mark.parametrize(
    ("kind", "name"), [("place", "shusha"), ("actor", "ilham-aliyev"), ("actor", "mirzayev")]
)
def test_place_and_actor_are_complete_at_any_width(
    run: Run, shipped: Any, width: int, kind: str, name: str
) -> None:
    result = run(kind, name, "--full", width=width)
    assert result.code == ExitCode.OK, result.err
    fits(result.out, width)
    report = json.loads(run(kind, name, "-f", "json").out)
    flat = squeeze(result.out)
    for alias in report["aliases"]:
        assert squeeze(alias) in flat
    check_events_table(result.out, report["events"], {p.id: p.name for p in shipped.places}, width)
    for quote in report["quotes"]:
        assert squeeze(quote["text"]) in flat
    for link in report.get("links", []):
        other = shipped.record(link["other"])
        text = f"quote {other.id}" if isinstance(other, Quote) else other.title
        where = columns(result.out, "Other record")["Other record"] if width >= 64 else flat
        assert squeeze(text) in where


@pytest.mark.parametrize("width", [40, 200])
def test_lists_are_complete_at_any_width(run: Run, width: int) -> None:
    places = run("places", width=width)
    fits(places.out, width)
    narrow = width < 64
    headers = ["Place", "Events"] if narrow else ["Place", "Kind", "District", "Events"]
    cols = columns(places.out, *headers)
    for row in json.loads(run("places", "-f", "json").out):
        assert squeeze(row["name"]) in cols["Place"]
    actors = run("actors", width=width)
    fits(actors.out, width)
    cols = columns(
        actors.out, *(["Actor", "Role"] if narrow else ["Actor", "Kind", "Side", "Role"])
    )
    for row in json.loads(run("actors", "-f", "json").out):
        assert squeeze(row["name"]) in cols["Actor"]
        assert squeeze(row["role"] or "") in cols["Role"]
    quotes = run("quotes", width=width)
    fits(quotes.out, width)
    for row in json.loads(run("quotes", "-f", "json").out):
        assert squeeze(row["text"]) in squeeze(quotes.out)
