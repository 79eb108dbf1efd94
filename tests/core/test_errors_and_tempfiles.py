"""core/errors.py and core/tempfiles.py: the exact messages and exit codes, and the stale-file rule.

The messages are compared whole, as a user reads them on stderr; the exit codes with the
README's table; temporary names with the pattern that must find them again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from shusha_cli.core import errors, tempfiles
from shusha_cli.core.errors import (
    AmbiguousName,
    DataError,
    DateError,
    ExitCode,
    NameNotFound,
    NotFound,
    OutputError,
    Problem,
    ShushaError,
    UsageError,
    ValidationFailed,
)


def test_exit_codes() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [
        ("OK", 0),
        ("NOT_FOUND", 1),
        ("USAGE", 2),
        ("INVALID_DATA", 3),
        ("CANNOT_WRITE", 4),
        ("INTERRUPTED", 130),
    ]


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (ShushaError, ExitCode.USAGE),
        (UsageError, ExitCode.USAGE),
        (DateError, ExitCode.USAGE),
        (NotFound, ExitCode.NOT_FOUND),
        (ValidationFailed, ExitCode.INVALID_DATA),
        (OutputError, ExitCode.CANNOT_WRITE),
    ],
)
def test_each_error_has_its_exit_code(cls: type[ShushaError], code: ExitCode) -> None:
    assert cls("x").exit_code is code
    assert issubclass(cls, ShushaError)


def test_the_other_errors_exit_codes() -> None:
    assert NameNotFound("place", "x", []).exit_code is ExitCode.NOT_FOUND
    assert AmbiguousName("place", "x", []).exit_code is ExitCode.USAGE
    assert DataError([]).exit_code is ExitCode.INVALID_DATA
    assert issubclass(DateError, UsageError)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("plain", "plain"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("a\rb\n", "a\\rb\\n"),
        ("", ""),
    ],
)
def test_one_line(text: str, line: str) -> None:
    assert errors.one_line(text) == line
    assert str(UsageError(text)) == line


def test_name_not_found_messages() -> None:
    e = NameNotFound("place", "Shusa", ["Shusha", "Shushi"])
    assert str(e) == "no place matches 'Shusa'; did you mean Shusha, Shushi?"
    assert (e.kind, e.name, e.suggestions) == ("place", "Shusa", ["Shusha", "Shushi"])
    assert str(NameNotFound("actor", "X", [])) == "no actor matches 'X'"
    assert str(NameNotFound("actor", "X", [], absent=True)) == (
        "no actor matches 'X'; no actor of that name is in this chronology "
        "(to find the word in the text: --search X)"
    )
    assert str(NameNotFound("place", "Red hill", [], absent=True)) == (
        "no place matches 'Red hill'; no place of that name is in this chronology "
        "(to find the word in the text: --search 'Red hill')"
    )
    # suggestions win over the absent hint
    assert str(NameNotFound("place", "a", ["b"], absent=True)) == (
        "no place matches 'a'; did you mean b?"
    )


def test_ambiguous_name_message() -> None:
    e = AmbiguousName("place", "Agbulag", [("agbulag-1", "Agbulag"), ("agbulag-2", "Agbulag")])
    assert str(e) == (
        "'Agbulag' matches several places: Agbulag (id agbulag-1), Agbulag (id agbulag-2);"
        " give the id"
    )
    assert (e.kind, e.name) == ("place", "Agbulag")
    assert e.candidates == [("agbulag-1", "Agbulag"), ("agbulag-2", "Agbulag")]


def test_problem_text() -> None:
    assert str(Problem("f.yaml", 3, "bad")) == "f.yaml:3: bad"
    assert str(Problem("f.yaml", None, "bad")) == "f.yaml: bad"
    assert str(Problem("f.yaml", 0, "bad")) == "f.yaml:0: bad"
    assert str(Problem("a\nb.yaml", 1, "x\ry")) == "a\\nb.yaml:1: x\\ry"


@pytest.mark.parametrize(
    ("count", "tail"),
    [
        (1, ""),
        (2, " (and 1 more problem; run 'shusha validate')"),
        (3, " (and 2 more problems; run 'shusha validate')"),
        (12, " (and 11 more problems; run 'shusha validate')"),
    ],
)
def test_data_error_says_the_first_problem_and_how_many_more(count: int, tail: str) -> None:
    problems = [Problem("f.yaml", n + 1, f"problem {n}") for n in range(count)]
    e = DataError(problems)
    assert e.problems is problems
    assert str(e) == "f.yaml:1: problem 0" + tail


def test_data_error_without_problems() -> None:
    assert str(DataError([])) == "invalid data"


# --- temporary files ------------------------------------------------------------------------------


def test_temp_names_carry_the_pid_and_are_found_again() -> None:
    names = {tempfiles.temp_name(".pre-", ".tmp") for _ in range(50)}
    assert len(names) == 50
    found = re.compile(r"\.pre-(\d+)-([0-9a-f]{12})\.tmp")
    pat = tempfiles.pattern(".pre-", ".tmp")
    for name in names:
        m = found.fullmatch(name)
        assert m is not None, name
        assert int(m[1]) == os.getpid()
        hit = pat.match(name)
        assert hit is not None
        assert hit[1] == str(os.getpid())


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        (".c.123-abcdef.json", "123"),
        (".c.1234567890-abcdefabcdef.json", "1234567890"),
        (".c.7-a_b_c_d_.json", "7"),  # tempfile.mkstemp's alphabet
        (".c.7-" + "a" * 16 + ".json", "7"),
        (".c.123-abcde.json", None),  # too short a random part
        (".c.7-" + "a" * 17 + ".json", None),
        (".c.12345678901-abcdef.json", None),  # more digits than a pid has
        (".c.-abcdef.json", None),
        (".c.12-ABCDEF.json", None),
        (".c.12-abcdef.json.bak", None),
        (".c.12-abcdef.json\n", None),
        ("x.c.12-abcdef.json", None),
        ("Xc.12-abcdef.json", None),  # the prefix's dot is a dot
        (".c.12-abcdefXjson", None),
        (".c.12-abc.def.json", None),
    ],
)
def test_the_pattern_of_temp_names(name: str, pid: str | None) -> None:
    m = tempfiles.pattern(".c.", ".json").match(name)
    assert (m[1] if m else None) == pid


def test_stale_temp_files() -> None:
    now = time.time()
    me = os.getpid()
    assert tempfiles.STALE_SECONDS == 86_400
    assert not tempfiles.is_stale(me, now)  # our own, being written
    assert tempfiles.is_stale(me, now - 86_401)  # older than a day: whoever wrote it
    assert not tempfiles.is_stale(me, now - 86_000)
    assert tempfiles.is_stale(0, now)
    assert tempfiles.is_stale(-5, now)


# Only processes of this test are asked about for real: a mutant that sends a real signal
# instead of 0 must never reach a process that is not ours.


def test_a_writer_at_work_is_not_stale_and_a_gone_one_is() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert not tempfiles.is_stale(child.pid, time.time())
        assert child.poll() is None  # asked about, not signalled
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize(
    ("error", "stale"),
    [
        (ProcessLookupError(3, "No such process"), True),
        (PermissionError(1, "Operation not permitted"), False),  # alive, another user's
        (OverflowError("signed integer is greater than maximum"), False),
        (OSError(22, "Invalid argument"), False),
    ],
)
def test_what_asking_about_a_writer_says(
    monkeypatch: pytest.MonkeyPatch, error: Exception, stale: bool
) -> None:
    asked: list[tuple[int, int]] = []

    def kill(pid: int, signal: int) -> None:
        asked.append((pid, signal))
        raise error

    monkeypatch.setattr(tempfiles.os, "kill", kill)
    assert tempfiles.is_stale(4242, time.time()) is stale
    assert asked == [(4242, 0)]  # signal 0: only asks whether it is there


def test_a_writer_that_answers_is_not_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(tempfiles.os, "kill", lambda pid, sig: asked.append((pid, sig)))
    assert tempfiles.is_stale(4242, time.time()) is False
    assert tempfiles.is_stale(4242, time.time() - 90_000) is True
    assert tempfiles.is_stale(1, time.time()) is False  # init: the lowest id a writer can have
    assert asked == [(4242, 0), (1, 0)]


@pytest.mark.parametrize("pid", [2**40, 2**70])
def test_a_pid_too_large_to_ask_about_is_left(pid: int) -> None:
    assert not tempfiles.is_stale(pid, time.time())


def test_a_day_old_to_the_second(monkeypatch: pytest.MonkeyPatch) -> None:
    now = 1_700_000_000.0
    monkeypatch.setattr(tempfiles.time, "time", lambda: now)
    me = os.getpid()
    assert not tempfiles.is_stale(me, now - 86_400)  # a day old exactly: not yet
    assert tempfiles.is_stale(me, now - 86_400.5)
    assert not tempfiles.is_stale(me, now + 5)  # a clock put back: still ours
