"""Records in a data file: each problem at its file:line; the type tables come from the schema."""

from __future__ import annotations

import copy
import dataclasses
import re
import typing
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from shusha_cli.core.errors import ExitCode
from shusha_cli.core.model import (
    Actor,
    ControlChange,
    Coordinates,
    Event,
    Place,
    Quote,
    Source,
    Span,
)
from tests.conftest import MINI, REPO, Run

from .helpers import validate_problems, write


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # unknown keys, missing keys, duplicates
        ('    summary: "A test denial."', '    sumary: "x"', "sumary", "unknown key 'sumary'; did you mean 'summary'"),
        ('    title: "B denies it"\n', "", "id: denied", "missing required key(s): title"),
        ("  - id: span", "  - id: taken", 'id: taken\n    date: "2020-10-21', "duplicate id 'taken'"),
        ("  - id: agbulag-2", "  - id: shusha", "id: shusha\n    name: Agbulag", "duplicate id 'shusha'"),
        ("  - id: q-b", "  - id: taken", "id: taken\n    speaker", "quote 'taken': id already used by an event"),
        ("    kind: unit", "    kind: unit\n    kind: person", "kind: person", "key 'kind' appears twice"),
        ("schema: 1", "schema: 1\nschema: 2", "schema: 2", "section 'schema' appears twice"),
        # dangling references
        ("    contradicts: [taken]", "    contradicts: [takn]", "id: denied", "linked record 'takn' does not exist; did you mean 'taken'"),
        ("    places: [agbulag-1]", "    places: [nowhere]", "id: span", "place 'nowhere' does not exist"),
        ("    actors: [army-a]", "    actors: [army-b]", "id: taken", "actor 'army-b' does not exist; did you mean 'army-a'"),
        ("    attribution: spokesman-b", "    attribution: nobody", "id: denied", "attribution actor 'nobody' does not exist"),
        ("    speaker: spokesman-b", "    speaker: spokesman-c", "id: q-b", "speaker 'spokesman-c' does not exist"),
        ("    events: [denied]", "    events: [deny]", "id: q-b", "event 'deny' does not exist"),
        ("{place: shusha, to: azerbaijan,", "{place: shushi, to: azerbaijan,", "id: taken", "control place 'shushi' does not exist"),
        ("    contradicts: [taken]", "    contradicts: [denied]", "id: denied", "links to itself"),
        # dates that do not parse, spans that end before they start
        ('    date: "2020-11-08"\n    title', '    date: "2020-11-31"\n    title', "2020-11-31", "2020-11-31 is not a day of the calendar"),
        ('    date: "2020-11-08"\n    title', '    date: "yesterday"\n    title', "yesterday", "date 'yesterday': expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ('    date: "2020-11-08"\n    title', '    date: "2020-13"\n    title', "2020-13", "month 13 does not exist"),
        ('    date: "2020-11-08"\n    title', '    date: "2020-11-08T10:00"\n    title', "T10:00", "times of day are not supported"),
        ('    date: "2020-11-08"\n    title', '    date: "0000"\n    title', '"0000"', "year 0 is not supported"),
        ('    date: "2020-11-08"\n    title', '    date: "00XX"\n    title', '"00XX"', "year 0 is not supported"),
        ('    date: "2020-10-21/2020-10-29"', '    date: "2020-10-29/2020-10-21"', "2020-10-29/2020-10-21", "the interval ends before it starts"),
        ('    date: "2020-11-08"\n    title', '    date: "2020-11-08"\n    reported: "2020-11-01"\n    title', "id: denied", "reported (2020-11-01) before it happened (2020-11-08)"),
        # paragraph numbers outside the source (1..5)
        ("    sources: [3]\n    attribution", "    sources: [30]\n    attribution", "id: denied", "paragraph 30 is outside the source (1..5)"),
        ("    sources: [1]", "    sources: [0]", "id: span", "paragraph 0 is outside the source (1..5)"),
        ("    sources: [1]", "    sources: [-1]", "id: span", "paragraph -1 is outside the source (1..5)"),
        ("    sources: [1]", "    sources: []", "id: span", "sources must cite at least one paragraph"),
        ("  paragraphs: 5", "  paragraphs: 0", "paragraphs: 0", "source.paragraphs: must be at least 1"),
        # values the loader refuses
        ("    type: denial", "    type: denail", "type: denail", "'denail' is not one of"),
        ("    time_of_day: noon", "    time_of_day: dusk", "dusk", "'dusk' is not one of: night, morning"),
        ("{place: shusha, to: azerbaijan, from: nagorno-karabakh}", "{place: shusha, to: azerbaijan, from: azerbaijan}", "from: azerbaijan}", "same side"),
        ("  - id: army-a", "  - id: Army A", "id: Army A", "must be a slug"),
        ("    coordinates: {lat: 39.7583,", "    coordinates: {lat: 99.7583,", "lat: 99", "latitude must be within"),
        ("    control:\n      - {place: shusha, to: azerbaijan, from: nagorno-karabakh}\n", "", "id: taken", "a capture must record control"),
        ('    title: "A span"', '    title: "  "', 'title: "  "', "title: must not be empty"),
        ("schema: 1", "schema: 2", "schema: 2", "schema: version 2 is not supported (1 is)"),
        ("schema: 1", "schema: 1\nextra: 1", "extra: 1", "unknown section 'extra'"),
        ("schema: 1", "schema: 1\nplace: []", "place: []", "unknown section 'place'; did you mean 'places'"),
    ],
)  # fmt: skip
def test_each_record_problem_is_located(
    run: Run, tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    assert old in MINI, old
    text = MINI.replace(old, new, 1)
    expected_line = (
        line_of(text, needle) if "\n" not in needle else text[: text.index(needle)].count("\n") + 1
    )
    problems = validate_problems(run, write(tmp_path, text))
    assert any(p.startswith(f":{expected_line}: ") and message in p for p in problems), problems


def test_missing_sections(run: Run, tmp_path: Path) -> None:
    problems = validate_problems(
        run, write(tmp_path, 'source: {title: "x", file: y, paragraphs: 1}\n')
    )
    assert problems == [":1: top level: missing section(s): places, actors, events"]


# YAML 1.1 reads these unquoted as something else than the text they look like.
TRAPS = [
    ("no", "a true/false value"), ("on", "a true/false value"), ("yes", "a true/false value"),
    ("off", "a true/false value"), ("22:30", "a number"), ("1992", "a number"), ("3.14", "a number"),
    (".inf", "a number"), ("0x1F", "a number"), ("~", "empty (null)"), ("null", "empty (null)"),
    ("2020-10-29", "a date/time"),
]  # fmt: skip


@pytest.mark.parametrize(("trap", "kind"), TRAPS)
@pytest.mark.parametrize(
    ("field", "old"),
    [
        ("title", '    title: "A span"'),
        ("name", "    name: Army A"),
        ("text", '    text: "They failed, =SUM(A1)"'),
        ("aliases[0]", '    aliases: ["B"]'),
        ("type", "    type: fighting"),
        ("time_of_day", "    time_of_day: noon"),
    ],
)
def test_yaml_11_traps_are_reported_not_converted(
    run: Run, tmp_path: Path, field: str, old: str, trap: str, kind: str
) -> None:
    value = f"[{trap}]" if field.endswith("[0]") else trap
    new = old.split(":")[0] + f": {value}"
    assert old in MINI, old
    text = MINI.replace(old, new, 1)
    problems = validate_problems(run, write(tmp_path, text))
    line = line_of(text, new)
    expected = f".{field}: {trap!r} is read by YAML 1.1 as {kind}; quote it"
    assert any(p.startswith(f":{line}: ") and expected in p for p in problems), problems


def test_unquoted_dates_are_reported(run: Run, tmp_path: Path) -> None:
    text = MINI.replace('    date: "2020-11-07"', "    date: 2020-11-07", 1)
    problems = validate_problems(run, write(tmp_path, text))
    line = line_of(text, "date: 2020-11-07")
    expected = (
        f":{line}: events[0] (taken).date: '2020-11-07' must be a quoted string, e.g. '2020-10-29'"
    )
    assert expected in problems


# --- tables generated from the schema -------------------------------------------------------------

# The documented record of each section, as docs/data-model.md shows it.
DOCS = [
    yaml.safe_load(block)
    for block in re.findall(
        r"```yaml\n(.*?)```", (REPO / "docs" / "data-model.md").read_text(encoding="utf-8"), re.S
    )
]
DOC_RECORDS: dict[str, dict[str, Any]] = {
    section: (value[0] if isinstance(value, list) else value)
    for doc in DOCS
    for section, value in doc.items()
}
MODEL = {
    "source": Source, "places": Place, "actors": Actor, "events": Event, "quotes": Quote,
    "coordinates": Coordinates, "control": ControlChange,
}  # fmt: skip
ATTRIBUTE = {"from": "from_"}  # YAML keys that are Python keywords
NESTED = {"coordinates", "control"}  # the records inside records

# A valid chronology with every documented field, each on its own line (values are YAML text).
FULL: dict[str, Any] = {
    "schema": "1",
    "source": {
        "title": '"Full test article"', "file": "full.md", "paragraphs": "9",
        "perspective": '"Every documented field, once."',
    },
    "places": [{
        "id": "town-a", "name": '"Town A"', "aliases": '["Taun A", "Town-A"]', "kind": "town",
        "district": '"District A"',
        "coordinates": {
            "lat": "39.75", "lon": "46.75", "precision": "settlement",
            "source": '"https://example.org/a"',
        },
        "identification": "certain", "notes": '"A place with every field."',
    }],
    "actors": [
        {
            "id": "unit-a", "name": '"Unit A"', "aliases": '["A Unit"]', "kind": "unit",
            "side": "azerbaijan", "role": '"Brigade"', "affiliation": '"Army A"',
            "notes": '"An actor with every field."',
        },
        {"id": "speaker-b", "name": '"Speaker B"', "kind": "person", "side": "armenia"},
    ],
    "events": [
        {
            "id": "town-a-left", "date": '"2020-11-07"', "time_of_day": "noon",
            "reported": '"2020-11-08"', "date_note": '"As the article dates it."',
            "title": '"Unit A leaves Town A"', "summary": '"A withdrawal with every field."',
            "type": "withdrawal", "places": "[town-a]", "actors": "[unit-a]", "sources": "[2]",
            "attribution": "speaker-b",
            "control": [{
                "place": "town-a", "to": "nagorno-karabakh", "from": "azerbaijan",
                "extent": "partial",
            }],
            "confirms": "[q-b]", "contradicts": "[denied]", "notes": '"Our words."',
        },
        {
            "id": "denied", "date": '"2020-11-08"', "title": '"B denies it"',
            "summary": '"A denial."', "type": "denial", "actors": "[speaker-b]",
            "sources": "[3]", "attribution": "speaker-b",
        },
    ],
    "quotes": [{
        "id": "q-b", "speaker": "speaker-b", "date": '"2020-11-08"', "occasion": "briefing",
        "medium": '"A briefing"', "text": '"It did not happen."',
        "context": '"About the withdrawal."', "sources": "[3]", "places": "[town-a]",
        "events": "[town-a-left]", "confirms": "[denied]", "contradicts": "[town-a-left]",
    }],
}  # fmt: skip

Path_ = tuple[str | int, ...]


def emit(tree: dict[str, Any]) -> tuple[str, dict[Path_, int]]:
    """YAML text of ``tree`` in block style, and the line of every key (and of every record)."""
    out: list[str] = []
    lines: dict[Path_, int] = {}

    def mapping(node: dict[str, Any], indent: int, path: Path_) -> None:
        lines[path] = len(out) + 1
        pad = " " * indent
        for key, value in node.items():
            here = (*path, key)
            lines[here] = len(out) + 1
            if isinstance(value, str):
                out.append(f"{pad}{key}: {value}")
            elif isinstance(value, dict):
                out.append(f"{pad}{key}:")
                mapping(value, indent + 2, here)
            else:
                out.append(f"{pad}{key}:")
                for i, item in enumerate(value):
                    out.append(f"{pad}  -")
                    mapping(item, indent + 4, (*here, i))

    mapping(tree, 0, ())
    return "\n".join(out) + "\n", lines


def container(tree: dict[str, Any], path: Path_) -> Any:
    node: Any = tree
    for part in path[:-1]:
        node = node[part]
    return node


def fields() -> Iterator[tuple[Path_, type]]:
    """Every documented field, as a path into FULL, with the model class of its record."""
    for section, record in DOC_RECORDS.items():
        base: Path_ = (section,) if section == "source" else (section, 0)
        for key, value in record.items():
            yield (*base, key), MODEL[section]
            if key in NESTED:
                inner = value[0] if isinstance(value, list) else value
                nested = (*base, key) if isinstance(value, dict) else (*base, key, 0)
                for sub in inner:
                    yield (*nested, sub), MODEL[key]


def category(cls: type, key: str) -> str:
    """What kind of value a field holds, from the model's type hints."""
    hint = typing.get_type_hints(cls)[ATTRIBUTE.get(key, key)]
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is tuple:
        item = args[0]
        return {str: "texts", int: "numbers", ControlChange: "records"}[item]
    if args:  # an optional value: X | None
        hint = args[0]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "choice"
    return {str: "text", int: "whole", float: "decimal", Span: "date", Coordinates: "record"}[hint]


# For each kind of value, two wrong ones: (YAML text, what the problem must say, label suffix).
WRONG: dict[str, list[tuple[str, str, str]]] = {
    "text": [("[a, b]", "expected a single value, found a list", ""),
             ("12", "'12' is read by YAML 1.1 as a number; quote it", "")],
    "choice": [("{a: 1}", "expected a single value, found a mapping", ""),
               ("12", "'12' is read by YAML 1.1 as a number; quote it", "")],
    "whole": [("many", "expected a whole number, found 'many'", ""),
              ("2.5", "expected a whole number, found '2.5'", "")],
    "decimal": [("north", "expected a number, found 'north'", ""),
                ("[1]", "expected a single value, found a list", "")],
    "date": [("2020-10-29", "'2020-10-29' must be a quoted string", ""),
             ("{a: 1}", "expected a single value, found a mapping", "")],
    "texts": [("{a: 1}", "expected a list", ""),
              ("[12]", "'12' is read by YAML 1.1 as a number; quote it", "[0]")],
    "numbers": [("{a: 1}", "expected a list", ""),
                ("[one]", "expected a whole number, found 'one'", "[0]")],
    "record": [("[1, 2]", "expected a mapping of keys to values", ""),
               ("here", "expected a mapping of keys to values", "")],
    "records": [("{a: 1}", "expected a list", ""),
                ("[here]", "expected a mapping of keys to values", "[0]")],
}  # fmt: skip

FIELDS = list(fields())
WRONG_CASES = [
    pytest.param(path, value, message, suffix, id=".".join(map(str, path)) + f"={value}")
    for path, cls in FIELDS
    for value, message, suffix in WRONG[category(cls, str(path[-1]))]
]
REQUIRED = {
    cls: {
        f.name.rstrip("_")
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    for cls in MODEL.values()
}  # the model's fields without a default


def label(path: Path_) -> str:
    """How the loader names a record: ``source``, ``places[0]``, ``events[0]`` ..."""
    return str(path[0]) if len(path) == 2 else f"{path[0]}[{path[1]}]"


def test_the_full_document_is_valid_and_complete(run: Run, tmp_path: Path) -> None:
    text, _ = emit(FULL)
    result = run("validate", str(write(tmp_path, text)))
    assert result.code == ExitCode.OK, result.out
    assert "valid — 2 events, 1 places, 2 actors, 1 quotes" in result.out
    documented = {path for path, _ in FIELDS}
    _, lines = emit(FULL)
    assert documented <= set(lines), documented - set(lines)
    # every kind of value the schema has, and every field of every documented record
    assert {category(cls, str(p[-1])) for p, cls in FIELDS} == set(WRONG)
    assert len(FIELDS) == sum(len(r) for r in DOC_RECORDS.values()) + 4 + 4


@pytest.mark.parametrize(("path", "value", "message", "suffix"), WRONG_CASES)
def test_wrong_type_in_every_field(
    run: Run, tmp_path: Path, path: Path_, value: str, message: str, suffix: str
) -> None:
    tree = copy.deepcopy(FULL)
    container(tree, path)[path[-1]] = value
    text, lines = emit(tree)
    problems = validate_problems(run, write(tmp_path, text))
    where = f":{lines[path]}: {label(path)}"
    named = f"{path[-1]}{suffix}: "
    assert any(p.startswith(where) and named in p and message in p for p in problems), (
        where,
        problems,
    )


@pytest.mark.parametrize("path", [p for p, _ in FIELDS], ids=lambda p: ".".join(map(str, p)))
def test_missing_keys(run: Run, tmp_path: Path, path: Path_) -> None:
    """Removing a required key is a located problem; removing an optional one is fine."""
    cls = dict(FIELDS)[path]
    key = str(path[-1])
    tree = copy.deepcopy(FULL)
    del container(tree, path)[key]
    text, lines = emit(tree)
    file = write(tmp_path, text)
    if key not in REQUIRED[cls]:
        result = run("validate", str(file))
        assert result.code == ExitCode.OK, result.out
        return
    problems = validate_problems(run, file)
    record = lines[path[:-1]]
    expected = f"missing required key(s): {key}"
    assert any(p.startswith(f":{record}: ") and expected in p for p in problems), problems


@pytest.mark.parametrize(
    "path",
    [(), ("source",), ("places", 0), ("places", 0, "coordinates"), ("actors", 0), ("events", 0),
     ("events", 0, "control", 0), ("quotes", 0)],
    ids=lambda p: ".".join(map(str, p)) or "top",
)  # fmt: skip
def test_unknown_keys(run: Run, tmp_path: Path, path: Path_) -> None:
    tree = copy.deepcopy(FULL)
    node: Any = tree
    for part in path:
        node = node[part]
    node["colour"] = "red"
    text, lines = emit(tree)
    problems = validate_problems(run, write(tmp_path, text))
    added = (*path, "colour")
    where = f":{lines[added]}: "
    expected = "unknown section 'colour'" if not path else "unknown key 'colour'"
    assert any(p.startswith(where) and expected in p for p in problems), problems
    if path:
        assert any("(allowed: " in p for p in problems)


@pytest.mark.parametrize(
    ("section", "value", "message"),
    [("source", "[a]", "source: expected a mapping of keys to values"),
     ("places", "5", "places: expected a list"), ("actors", "{a: 1}", "actors: expected a list"),
     ("events", '"many"', "events: expected a list"), ("quotes", "yes", "quotes: expected a list"),
     ("schema", "one", "schema: expected a whole number, found 'one'")],
)  # fmt: skip
def test_wrong_type_of_section(
    run: Run, tmp_path: Path, section: str, value: str, message: str
) -> None:
    tree = copy.deepcopy(FULL)
    tree[section] = value
    text, lines = emit(tree)
    problems = validate_problems(run, write(tmp_path, text))
    assert any(p.startswith(f":{lines[(section,)]}: ") and message in p for p in problems), problems
