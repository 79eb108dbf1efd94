"""core/reading/parse.py and core/collector.py: the steps put together, the collector paused.

The document is read from a file and from text; the problems come back sorted by line, the
collector is off while the tree is built and back as it was afterwards, even on failure.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from shusha_cli.core import collector
from shusha_cli.core.errors import DataError, Problem
from shusha_cli.core.model import Source
from shusha_cli.core.reading import parse as parse_mod
from shusha_cli.core.reading.parse import load, parse

DOC = """\
source: {title: T, file: f, paragraphs: 2}
places: [{id: p, name: P, kind: town}]
actors: []
events:
  - {id: e, date: '2020-10-29', title: T, summary: S, type: advance, places: [p], sources: [1]}
"""


def test_load_reads_the_file_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + DOC.encode())  # a byte-order mark is allowed
    chron = load(path)
    assert chron.path == str(path)
    assert chron.source == Source("T", "f", 2)
    assert [(e.id, e.places) for e in chron.events] == [("e", ("p",))]


def test_load_names_the_file_in_each_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(DOC.replace("sources: [1]", "sources: [3]"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.problems == [
        Problem(str(path), 5, "event 'e': paragraph 3 is outside the source (1..2)")
    ]


def test_the_default_name() -> None:
    with pytest.raises(DataError) as caught:
        parse("[]\n")
    assert caught.value.problems == [
        Problem("<data>", 1, "the top level must be a mapping of sections, not a list")
    ]
    assert parse(DOC).path == "<data>"


def test_problems_are_sorted_by_line_and_kept_in_order_within_a_line() -> None:
    text = (
        "source: {title: T, file: f, paragraphs: 2}\n"
        "places: [{id: p, name: P, kind: town}]\n"
        "actors: []\n"
        "events:\n"
        "  - {id: e, date: '2020-10-29', title: T, summary: S, type: capture,"
        " places: [q, r], sources: [3]}\n"
        "quotes: []\n"
        "colour: red\n"
    )
    with pytest.raises(DataError) as caught:
        parse(text, "s.yaml")
    # the unknown section is found first (line 7); the cross-checks of line 5 come after it
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (5, "event 'e': place 'q' does not exist"),
        (5, "event 'e': place 'r' does not exist"),
        (5, "event 'e': paragraph 3 is outside the source (1..2)"),
        (5, "event 'e': a capture must record control (which place passed to whom)"),
        (7, "top level: unknown section 'colour'"),
    ]
    assert str(caught.value) == (
        "s.yaml:5: event 'e': place 'q' does not exist (and 4 more problems; run 'shusha validate')"
    )


def test_running_out_of_memory_is_one_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(text: str, name: str) -> yaml.Node:
        raise MemoryError

    monkeypatch.setattr(parse_mod, "compose", exhausted)
    with pytest.raises(DataError) as caught:
        parse(DOC, "big.yaml")
    assert caught.value.problems == [
        Problem("big.yaml", None, "is too large to check in the memory available")
    ]
    assert caught.value.__context__ is None  # the half-built tree is not kept alive


def test_the_collector_is_paused_while_building(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = parse_mod.compose

    def watching(text: str, name: str) -> yaml.Node:
        seen.append(gc.isenabled())
        return real(text, name)

    monkeypatch.setattr(parse_mod, "compose", watching)
    assert gc.isenabled()
    parse(DOC)
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(DataError):
        parse("[]")
    assert seen == [False, False]
    assert gc.isenabled()


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_the_collector_stays_off_when_it_was_off(collector_off: None) -> None:
    with collector.collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_comes_back_after_an_error() -> None:
    assert gc.isenabled()
    inside: list[bool] = []

    def fails() -> None:
        with collector.collector_paused():
            inside.append(gc.isenabled())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fails()
    assert inside == [False]
    assert gc.isenabled()
