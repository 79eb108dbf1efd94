"""Fuzzing: whatever text comes in, the parsers answer or refuse with the project's own errors.

Three targets, each with Hypothesis:

- the date parsers (``dates.parse_user_date``, ``dates.parse_edtf``) on any text and on text
  built from date-like pieces: a Span, or a ``DateError``;
- the name lookup (place and actor indexes, and the reports built on them) on any text and on
  real names with typos: an id, or ``NameNotFound`` / ``AmbiguousName``;
- the loader (``load.parse``) on mutated copies of the shipped ``data/events.yaml`` (lines
  deleted, duplicated, swapped, re-indented, characters flipped, the file cut short, scalars
  replaced by other types, YAML 1.1 traps, tags and anchors inserted): a Chronology, or a
  ``DataError`` whose problems carry line numbers, within a deadline.

CI runs a modest number of examples (the whole file takes well under a minute on two cores).
``SHUSHA_FUZZ_EXAMPLES=N`` runs N examples for every target instead, for a longer run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shusha_cli.core import dates, query
from shusha_cli.core.errors import AmbiguousName, DataError, DateError, NameNotFound
from shusha_cli.core.model import Chronology, Span
from shusha_cli.core.names import NameIndex
from shusha_cli.core.reading import parse as load
from tests.conftest import REPO

SHIPPED_TEXT = (REPO / "data" / "events.yaml").read_text(encoding="utf-8")
SHIPPED_LINES = SHIPPED_TEXT.splitlines(keepends=True)
LONG_RUN = int(os.environ.get("SHUSHA_FUZZ_EXAMPLES", "0") or 0)

F = TypeVar("F", bound=Callable[..., None])
T = TypeVar("T")


def attempt(call: Callable[[], T], *allowed: type[Exception]) -> T | Exception:
    """The result of ``call``, or the error it raised if that error is one of ``allowed``."""
    try:
        return call()
    except allowed as exc:
        return exc


def fuzz(ci_examples: int, deadline_ms: int = 2000) -> Callable[[F], F]:
    """Hypothesis settings: ``ci_examples`` by default, ``$SHUSHA_FUZZ_EXAMPLES`` when set."""
    return settings(
        max_examples=LONG_RUN or ci_examples,
        # In CI the same examples every run: a landing is never blocked by an input that an
        # unrelated change happened to draw. Locally (and with SHUSHA_FUZZ_EXAMPLES) each run
        # explores anew.
        derandomize=os.environ.get("CI") == "true" and not LONG_RUN,
        deadline=dt.timedelta(milliseconds=deadline_ms),  # a hang fails the example
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- (a) the date parsers ----------------------------------------------------------------------

DATE_PIECES = [
    "2020", "1992", "0000", "0001", "9999", "10000", "-", "/", ".", " ", "..", "?", "~", "%", "X",
    "XX", "00", "01", "02", "10", "11", "12", "13", "21", "29", "30", "31", "32", "5", "Oct",
    "october", "Nov", "Feb", "May", "Sept", "T", "12:30", "Z", "+04:00", "Y", "[", "]", "{", "}",
    ",", "am", "pm", "Mon", "of", "the", "\t", "\u00a0", "\u0662", "\U0001d7da", "ß", "İ",
]  # fmt: skip
EDTF_PART = r"[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?"
date_like = st.one_of(
    st.lists(st.sampled_from(DATE_PIECES), max_size=8).map("".join),
    st.from_regex(rf"{EDTF_PART}[?~%]?(/({EDTF_PART}|\.\.)?)?", fullmatch=True),
    st.from_regex(r"[0-9]{1,4}([-/. ][0-9]{1,4}){0,2}", fullmatch=True),
)
any_text = st.text(max_size=40)


def check_span(span: Span) -> None:
    assert isinstance(span, Span)
    assert span.end is None or span.start <= span.end


@fuzz(2000)
@given(text=st.one_of(any_text, date_like), year=st.integers(1, 9999))
def test_user_dates_parse_or_refuse(text: str, year: int) -> None:
    span = attempt(lambda: dates.parse_user_date(text, year), DateError)
    if isinstance(span, Exception):
        assert str(span)
        assert "\n" not in str(span)
    else:
        check_span(span)


@fuzz(2000)
@given(text=st.one_of(any_text, date_like))
def test_edtf_dates_parse_or_refuse(text: str) -> None:
    span = attempt(lambda: dates.parse_edtf(text), DateError)
    if isinstance(span, Exception):
        assert str(span)
        assert "\n" not in str(span)
    else:
        check_span(span)
        assert span.text == text


# --- (b) the name lookup -----------------------------------------------------------------------

SHIPPED: Chronology = load.parse(SHIPPED_TEXT, "events.yaml")
PLACES: NameIndex = query.place_index(SHIPPED)
ACTORS: NameIndex = query.actor_index(SHIPPED)
REAL_NAMES = sorted(
    {n for p in SHIPPED.places for n in (p.id, p.name, *p.aliases)}
    | {n for a in SHIPPED.actors for n in (a.id, a.name, *a.aliases)}
)


@st.composite
def typo(draw: st.DrawFn) -> str:
    """A real name with a few characters deleted, doubled, replaced or re-cased."""
    name = list(draw(st.sampled_from(REAL_NAMES)))
    for _ in range(draw(st.integers(0, 3))):
        if not name:
            break
        i = draw(st.integers(0, len(name) - 1))
        op = draw(st.sampled_from(["delete", "double", "replace", "case"]))
        if op == "delete":
            del name[i]
        elif op == "double":
            name.insert(i, name[i])
        elif op == "replace":
            name[i] = draw(st.characters(codec="utf-8"))
        else:
            name[i] = name[i].swapcase()
    return "".join(name)


names = st.one_of(any_text, typo(), st.sampled_from(REAL_NAMES))


@pytest.mark.parametrize("index", [PLACES, ACTORS], ids=["places", "actors"])
@fuzz(1000)
@given(name=names)
def test_name_lookup_resolves_or_refuses(index: NameIndex, name: str) -> None:
    ident = attempt(lambda: index.resolve(name), NameNotFound, AmbiguousName)
    if isinstance(ident, NameNotFound):
        assert ident.name == name
        assert set(ident.suggestions) <= {r.name for r in index.records.values()}
    elif isinstance(ident, AmbiguousName):
        assert len(ident.candidates) > 1
        assert all(i in index.records for i, _ in ident.candidates)
    else:
        assert ident in index.records


@fuzz(500)
@given(name=names, kind=st.sampled_from(["place", "actor"]))
def test_place_and_actor_reports_answer_or_refuse(name: str, kind: str) -> None:
    report = query.place_report if kind == "place" else query.actor_report
    found = attempt(lambda: report(SHIPPED, name), NameNotFound, AmbiguousName)
    if not isinstance(found, Exception):
        assert found.events is not None


# --- (c) the loader on mutated copies of the shipped file ----------------------------------------

TRAPS = [
    "no", "on", "yes", "off", "~", "null", "22:30", "1:30:00", "1992", "2020-10-29",
    "2020-10-29 10:00:00", "1e3", ".inf", "-.nan", "0x1F", "0o17", "0b101", "+12", "-1", "0",
    "99999999999999999999999", "1_000", "[]", "{}", "[a, b]", "{a: 1}", "''", '""', "|", ">-",
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!binary aGVsbG8=",
    "!!set {a}", "!!omap [a: 1]", "!custom x", "!!str 5", "!!int '5'", "&a x", "*a", "*nowhere",
    "'unterminated", '"bad \\q escape"', "@reserved", "`tick", "%", "=", "<<",
]  # fmt: skip
INSERTS = [
    "%YAML 1.1", "%TAG ! tag:example.com,2000:", "---", "...", "<<: *a", "x: &a [*a]",
    "&b {<<: *b}", "  - id: !!python/object/new:os.system ['true']", "? [complex, key]",
    "  ? a\n  : b", "\t- tabbed", "# comment", "- - - deep", "[" * 60 + "]" * 60, "a: b: c",
    "  -", "  - ", "events: []", "quotes: ~", "places: no", "schema: 2", "source: *a",
]  # fmt: skip
FLIPS = [*":-[]{}'\"#&*!|>%@`,? \t\n\r\\", "\x07", "\x00", "\x85", "\u2028", "\ufeff"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The shipped file with 1-5 random edits of the kinds a hand edit or a bad merge makes."""
    lines = list(SHIPPED_LINES)
    for _ in range(draw(st.integers(1, 5))):
        n = len(lines)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "flip", "truncate", "indent", "scalar", "insert"]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, n - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip":
            line = lines[i]
            k = draw(st.integers(0, max(0, len(line) - 1)))
            char = draw(st.one_of(st.sampled_from(FLIPS), st.characters(codec="utf-8")))
            lines[i] = line[:k] + char + line[k + 1 :]
        elif op == "truncate":
            text = "".join(lines)
            cut = draw(st.integers(0, len(text)))
            lines = text[:cut].splitlines(keepends=True)
        elif op == "indent":
            line = lines[i]
            stripped = line.lstrip(" ")
            width = len(line) - len(stripped) + draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            pad = "\t" if draw(st.booleans()) and width > 0 else " " * max(0, width)
            lines[i] = pad + stripped
        elif op == "scalar":
            line = lines[i]
            key, sep, _ = line.partition(": ")
            if sep:
                lines[i] = f"{key}: {draw(st.sampled_from(TRAPS))}\n"
        else:
            lines.insert(i, draw(st.sampled_from(INSERTS)) + "\n")
    return "".join(lines)


YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@fuzz(800, deadline_ms=5000)
@given(text=mutated())
def test_loader_on_mutated_shipped_file(text: str) -> None:
    chron = attempt(lambda: load.parse(text, "events.yaml"), DataError)
    if isinstance(chron, DataError):
        assert chron.problems
        # Lines as YAML counts them: a lone CR, NEL, LS or PS breaks a line as LF does.
        last = len(YAML_BREAKS.split(text)) + 1
        for p in chron.problems:
            assert p.file == "events.yaml"
            assert "\n" not in str(p)
            if p.line is None:  # only a document with nothing in it has no line to point at
                assert "holds no YAML document" in p.message, p
            else:
                assert 1 <= p.line <= last, p
    else:
        # Accepted (a mutation can leave a valid file, even one cut short after `events:`):
        # then every reference in it resolves, as the checks promise.
        assert isinstance(chron, Chronology)
        places = {p.id for p in chron.places}
        actors = {a.id for a in chron.actors}
        for e in chron.events:
            assert set(e.places) <= places, e.id
            assert set(e.actors) <= actors, e.id
        for q in chron.quotes:
            assert q.speaker in actors, q.id


def test_a_lone_carriage_return_is_a_line_as_yaml_counts_it() -> None:
    """The case fuzzing found: a CR alone ends a line for YAML, so problems may point past the
    count of LFs; they never point past the count of YAML's own line breaks."""
    text = "schema: 1\rsource:\r  title: [\r"
    problem = attempt(lambda: load.parse(text, "events.yaml"), DataError)
    assert isinstance(problem, DataError)
    lines = [p.line for p in problem.problems if p.line is not None]
    assert lines
    assert all(1 <= n <= len(YAML_BREAKS.split(text)) + 1 for n in lines)
    assert max(lines) > text.count("\n") + 1
