"""Resources are bounded (issue 15): any input, any size, work that could outgrow the file.

Every child process runs under ``resource.setrlimit`` (address space and CPU time, see
``helpers.limits``) and a timeout, so a regression fails here instead of exhausting the machine.
Time bounds are loose: the old behaviour took 20 s to minutes; the bounds are a few seconds.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from shusha_cli.core import query
from shusha_cli.core.errors import DataError, ExitCode
from shusha_cli.core.model import Chronology
from shusha_cli.core.reading import parse as load
from shusha_cli.core.reading import references
from tests.conftest import MINI, Run

from .helpers import SHIPPED, child, child_env, one_error, write


def events_yaml(count: int, body: str) -> str:
    """MINI with ``count`` more events, each ``body`` formatted with its number ``i``."""
    head, _ = MINI.split("events:\n", 1)
    records = "".join(
        f'  - id: extra-{i}\n    date: "2020-11-07"\n    title: "t"\n    summary: "s"\n'
        f"    type: fighting\n    sources: [1]\n{body.format(i=i)}"
        for i in range(count)
    )
    return f"{head}events:\n{records}quotes: []\n"


# --- input of any kind or size -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "socket", "directory"])
def test_data_that_is_not_a_regular_file_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    """/dev/zero used to grow until killed; a FIFO hung for ever. Now: one line, exit 3."""
    words = {"fifo": "a named pipe", "socket": "", "directory": "is a directory"}
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    elif kind == "socket":
        path = tmp_path / "sock"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    elif kind == "directory":
        path = tmp_path
    else:
        path = Path(kind)
    start = time.monotonic()
    result = child(["--data", str(path), "timeline"], child_env(tmp_path / "c"), timeout=60)
    assert time.monotonic() - start < 30
    one_error(result, ExitCode.INVALID_DATA, str(path), words.get(kind, "a device"))


def test_tab_completion_on_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    env = child_env(
        tmp_path / "c",
        _SHUSHA_COMPLETE="complete_bash",
        COMP_WORDS=f"shusha --data {fifo} place shu",
        COMP_CWORD="4",
    )
    result = child([], env, timeout=60)
    assert result.code == 0, result.err
    assert "Shusha" in result.out.splitlines()  # the shipped chronology's names instead


def test_size_cap_is_one_line_naming_the_variable_that_raises_it(tmp_path: Path) -> None:
    env = child_env(tmp_path / "c", SHUSHA_MAX_BYTES="1000")
    result = child(["--data", str(SHIPPED), "places"], env)
    one_error(result, ExitCode.INVALID_DATA, "larger than 1,000 bytes", "SHUSHA_MAX_BYTES")
    raised = child(["--data", str(SHIPPED), "places"], {**env, "SHUSHA_MAX_BYTES": "100000000"})
    assert raised.code == 0, raised.err


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e9", "9" * 30])
def test_a_bad_size_cap_is_a_usage_error(value: str, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("SHUSHA_MAX_BYTES", value)
    one_error(run("places"), ExitCode.USAGE, "SHUSHA_MAX_BYTES")


def test_a_file_larger_than_the_cap_is_never_read_whole(tmp_path: Path) -> None:
    """A 300 MB sparse file under a 256 MiB default cap, in 200 MB of address space: refused."""
    big = tmp_path / "huge.yaml"
    with big.open("wb") as out:
        out.truncate(300 * 2**20)
    result = child(["--data", str(big), "places"], child_env(tmp_path / "c"), memory=400 * 2**20)
    one_error(result, ExitCode.INVALID_DATA, "larger than 268,435,456 bytes")


@pytest.mark.parametrize("where", ["render", "cache read", "cache write"])
def test_memory_error_anywhere_is_one_line_exit_3(
    where: str, run: Run, mini_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shusha_cli.core.reading import cache
    from shusha_cli.render import timeline as table

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    target = {"render": (table, "print_timeline"), "cache read": (cache, "read")}
    module, name = target.get(where, (cache, "write"))
    monkeypatch.setattr(module, name, exhausted)
    one_error(run("--data", str(mini_path), "timeline"), ExitCode.INVALID_DATA, "memory")


# --- work that grows faster than the file --------------------------------------------------------


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A 20,000-item list reused in 2,000 records: 41 s and 876 MB before; now refused."""
    items = ", ".join(f"p{i}" for i in range(20_000))
    text = events_yaml(2000, "    places: *big\n").replace(
        "    places: *big\n", f"    places: &big [{items}]\n", 1
    )
    path = write(tmp_path, text)
    start = time.monotonic()
    result = child(["--data", str(path), "timeline"], child_env(tmp_path / "c"), memory=1 << 30)
    assert time.monotonic() - start < 20
    one_error(result, ExitCode.INVALID_DATA, "YAML aliases expand", "write the values out")
    assert not list((tmp_path / "c").glob("shusha/chronology-*"))  # and nothing cached


def test_a_self_referring_alias_is_one_problem(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, MINI.replace("source:\n", "source: &s\n  x: *s\n", 1))
    one_error(run("--data", str(path), "places"), ExitCode.INVALID_DATA, ":2:", "contains it")


def test_a_few_aliases_still_read(run: Run, tmp_path: Path) -> None:
    text = MINI.replace("    places: [shusha]\n", "    places: &sh [shusha]\n", 1)
    text = text.replace("    places: [shusha]\n", "    places: *sh\n")
    result = run("--data", str(write(tmp_path, text)), "timeline", "--place", "shusha")
    assert result.code == 0, result.err


def test_did_you_mean_is_computed_once_per_name_and_capped(tmp_path: Path) -> None:
    """2,000 missing links took 77 s (each sorted the ids afresh); now a few seconds."""
    path = write(tmp_path, events_yaml(2000, "    contradicts: [extra-missing-{i}]\n"))
    start = time.monotonic()
    result = child(["validate", str(path)], child_env(tmp_path / "c"))
    assert time.monotonic() - start < 30
    assert result.code == ExitCode.INVALID_DATA
    assert result.err == f"shusha: {path}: 2000 problems\n"
    hints = [line for line in result.out.splitlines() if "did you mean" in line]
    assert 1 <= len(hints) <= references.Suggestions.LIMIT


def test_suggestions_reuse_one_sorted_pool() -> None:
    suggest = references.Suggestions()
    pool = {f"event-{i}" for i in range(1000)}
    assert suggest("event-1x", pool) in pool
    assert suggest("event-1x", pool) == suggest("event-1x", pool)
    for i in range(100):
        suggest(f"nothing-like-{i}", pool)
    assert suggest("event-2x", pool) is None  # past the limit: no more suggestions computed


def test_search_text_is_folded_once(shipped: Chronology, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 KB --search over 12,000 events took a minute: it was folded for every record."""
    term = "ab" * 50_000
    calls: list[int] = []
    from shusha_cli.core import search as text_search

    real = text_search.fold

    def counting(text: str) -> str:
        if len(text) >= len(term):
            calls.append(len(text))
        return real(text)

    monkeypatch.setattr(text_search, "fold", counting)
    text_search.folded_search.cache_clear()
    filt = query.resolve_filter(shipped, query.FilterInput(search=term))
    assert query.timeline(shipped, filt) == []
    assert query.quotes(shipped, filt) == []
    assert calls == [len(term)]


def test_a_long_search_over_many_events_is_quick(tmp_path: Path) -> None:
    text = events_yaml(3000, '    notes: "ab ab ab ab ab ab ab ab ab ab"\n')
    path = write(tmp_path, text)
    start = time.monotonic()
    result = child(
        ["--data", str(path), "timeline", "--search", "ab" * 50_000], child_env(tmp_path / "c")
    )
    assert time.monotonic() - start < 30
    assert result.code == 0, result.err
    assert "No events match" in result.out or "0 events" in result.out


# --- sizes from the user and the data ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--height", "100000000"], ["--height", "-5"], ["--radius", "nan"], ["--radius", "inf"],
     ["--radius", "-3"], ["--radius", "0"], ["--radius", "1e308"]],
    ids=lambda a: " ".join(a),
)  # fmt: skip
def test_map_sizes_are_range_checked(args: list[str], run: Run) -> None:
    one_error(run("map", "--around", "Shusha", *args), ExitCode.USAGE, args[0].lstrip("-"))


@pytest.mark.parametrize("columns", ["99999999999999999999", "100000", "0", "-5", "abc"])
def test_absurd_columns_is_one_line(columns: str, tmp_path: Path) -> None:
    for args in (["timeline"], ["map"], ["front"]):
        result = child(args, child_env(tmp_path / "c", COLUMNS=columns), memory=1 << 30)
        one_error(result, ExitCode.USAGE, "COLUMNS=")


@pytest.mark.parametrize(
    ("old", "new"),
    [("paragraphs: 5", "paragraphs: " + "9" * 5000), ("sources: [2]", "sources: [" + "1" * 4400 + "]"),
     ("schema: 1", "schema: " + "1" * 4400)],
    ids=["paragraphs", "sources", "schema"],
)  # fmt: skip
def test_huge_integers_in_the_data_are_located_problems(old: str, new: str) -> None:
    with pytest.raises(DataError) as caught:
        load.parse(MINI.replace(old, new, 1), "m.yaml")
    (problem,) = caught.value.problems
    assert problem.line is not None
    assert "is too large (at most 9 digits)" in problem.message
    assert len(str(problem)) < 200
