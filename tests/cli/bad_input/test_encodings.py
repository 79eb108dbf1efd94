"""Every terminal and encoding (issue 15): no UnicodeEncodeError, inert CSV/JSON on a terminal.

Output in an encoding that lacks a character degrades to an ASCII look-alike or a Python escape
(JSON to ``\\uXXXX``, still the same JSON); CSV and JSON printed to a terminal have the escape
sequences of the data neutralised, while files and pipes get the bytes exactly.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import time
from pathlib import Path

import pytest

from shusha_cli.core import inert
from shusha_cli.core.errors import ExitCode
from tests.conftest import MINI, Run

from .helpers import SHUSHA, child, child_env, limits, write

ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "C locale": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
COMMANDS = [
    ["timeline", "--on", "2020-11-07"], ["place", "Shusha"], ["actor", "mirzayev"], ["quotes"],
    ["front"], ["days"], ["map"], ["claims"], ["show", "aliyev-announces-shusha-capture"],
    ["places"], ["validate"], ["--help"], ["timeline", "-f", "csv"], ["place", "Shusha", "-f", "json"],
    ["export", "-f", "geojson"],
]  # fmt: skip


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_command_in_every_encoding(encoding: str, tmp_path: Path) -> None:
    env = child_env(tmp_path / "c", COLUMNS="80", NO_COLOR="1", **ENCODINGS[encoding])
    env.pop("LANG", None)
    codec = {"C locale": "ascii"}.get(encoding, encoding)
    for args in COMMANDS:
        result = child(args, env)
        assert result.code == 0, (args, result.err)
        assert "Traceback" not in result.err, args
        assert result.err == "", (args, result.err)
        raw = result.out.encode("utf-8", "surrogateescape")
        if args != ["--help"] or codec != "ascii":  # Click writes help as UTF-8 over ASCII
            raw.decode(codec)  # only characters the encoding holds
        if "json" in args or "geojson" in args:
            utf8 = child(args, child_env(tmp_path / "c", COLUMNS="80"))
            assert json.loads(raw.decode(codec)) == json.loads(utf8.out), args
    tables = child(["timeline", "--on", "2020-11-07"], env).out
    if codec == "ascii":
        assert "Timeline: 7 Nov 2020 -- " in tables  # the documented look-alike for an em dash


def test_an_error_line_in_ascii_is_one_line(tmp_path: Path) -> None:
    env = child_env(tmp_path / "c", PYTHONIOENCODING="ascii")
    result = child(["place", "Şuşaxx"], env)
    assert result.code == ExitCode.NOT_FOUND
    assert result.err.count("\n") == 1
    assert "\\u015e" in result.err


EVIL = "\x1b]52;c;cHduZWQ=\x07 \x1b[31mred \x9b2J \u202eevil \U000e0001tag \u2028sep"


def evil_data(tmp_path: Path) -> Path:
    escaped = EVIL.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return write(tmp_path, MINI.replace('"A test denial."', f'"{escaped}"'), "evil.yaml")


def on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run shusha with stdout on a pseudo-terminal; what the terminal received."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*SHUSHA, *args], stdout=follower, stderr=subprocess.PIPE, env=env, preexec_fn=limits()
    )
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("command", [["timeline"], ["export"]])
def test_csv_and_json_on_a_terminal_are_inert(fmt: str, command: list[str], tmp_path: Path) -> None:  # fmt: skip
    data = evil_data(tmp_path)
    env = child_env(tmp_path / "c", NO_COLOR="1", COLUMNS="80")
    shown = on_a_terminal(["--data", str(data), *command, "-f", fmt], env)
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\U000e0001", "\u2028"):
        assert raw not in shown, repr(raw)
    if fmt == "json":
        assert EVIL in {e["summary"] for e in json.loads(shown)}  # still the same JSON
    else:
        assert "\\x1b]52;c;cHduZWQ=\\x07" in shown
        assert "\\u202eevil \\U000e0001tag \\u2028sep" in shown
    piped = child(["--data", str(data), *command, "-f", fmt], env)
    if fmt == "json":  # a pipe gets the data as it is (JSON escapes C0 controls itself)
        assert "\u202eevil \U000e0001tag \u2028sep" in piped.out
        assert EVIL in {e["summary"] for e in json.loads(piped.out)}
    else:
        assert EVIL in piped.out


def test_the_sanitiser_covers_invisible_and_direction_characters() -> None:
    for char in ("\u061c", "\u2028", "\u2029", "\u2060", "\ufeff", "\U000e0001", "\U000e007f",
                 "\u200b", "\u202e", "\u2066", "\x1b", "\x9b", "\x7f"):  # fmt: skip
        assert char not in inert.safe(f"a{char}b")
    assert inert.safe("\u202e") == "\\u202e"
    assert inert.safe("\U000e0001") == "\\U000e0001"
    assert inert.safe("\x1b") == "\\x1b"
    assert inert.safe("Şuşa — ok") == "Şuşa — ok"


def test_export_message_shows_the_path_inert(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "a\x1b[31mb\u202e.csv"
    result = run("export", "-o", str(target))
    assert result.code == 0, result.err
    assert "\x1b" not in result.err
    assert "\u202e" not in result.err
    assert "a\\x1b[31mb\\u202e.csv" in result.err
    assert target.exists()
