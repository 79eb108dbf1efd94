"""The loader: a clean file loads; every kind of problem is reported with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from shusha_cli import load
from shusha_cli.errors import DataError
from shusha_cli.model import Side, TimeOfDay

from .conftest import MINI


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        load.parse(text, "x.yaml")
    return [str(p) for p in info.value.problems]


def test_mini_loads() -> None:
    chron = load.parse(MINI, "mini.yaml")
    assert [e.id for e in chron.events] == ["taken", "denied", "span"]
    taken = chron.events[0]
    assert taken.time_of_day is TimeOfDay.NOON
    assert taken.control[0].to is Side.AZERBAIJAN
    assert chron.record("q-b") is chron.quotes[0]
    assert chron.year == 2020


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("    type: denial", "    type: denail", "type: denail", "'denail' is not one of"),
        (
            '    summary: "A test denial."',
            '    sumary: "x"',
            "sumary",
            "unknown key 'sumary'; did you mean 'summary'",
        ),
        ('    title: "B denies it"\n', "", "id: denied", "missing required key(s): title"),
        (
            "  - id: span",
            "  - id: taken",
            'id: taken\n    date: "2020-10-21',
            "duplicate id 'taken'",
        ),
        (
            "    contradicts: [taken]",
            "    contradicts: [takn]",
            "id: denied",
            "linked record 'takn' does not exist; did you mean 'taken'",
        ),
        (
            "    places: [agbulag-1]",
            "    places: [nowhere]",
            "id: span",
            "place 'nowhere' does not exist",
        ),
        (
            "    attribution: spokesman-b",
            "    attribution: nobody",
            "id: denied",
            "attribution actor 'nobody' does not exist",
        ),
        (
            '    date: "2020-10-21/2020-10-29"',
            '    date: "2020-10-29/2020-10-21"',
            "2020-10-29/2020-10-21",
            "ends before it starts",
        ),
        (
            '    date: "2020-11-08"\n    title',
            '    date: "2020-11-31"\n    title',
            "2020-11-31",
            "not a day of the calendar",
        ),
        (
            '    date: "2020-11-07"',
            "    date: 2020-11-07",
            "date: 2020-11-07",
            "must be a quoted string",
        ),
        (
            "    sources: [3]\n    attribution",
            "    sources: [30]\n    attribution",
            "id: denied",
            "paragraph 30 is outside the source (1..5)",
        ),
        ("    sources: [1]", "    sources: [one]", "sources: [one]", "expected a whole number"),
        (
            '    title: "A span"',
            "    title: no",
            "title: no",
            "read by YAML 1.1 as a true/false value; quote it",
        ),
        ('    title: "A span"', "    title: 22:30", "title: 22:30", "read by YAML 1.1 as a number"),
        (
            '    title: "A span"',
            "    title: [a, b]",
            "title: [a, b]",
            "expected a single value, found a list",
        ),
        (
            "    time_of_day: noon",
            "    time_of_day: dusk",
            "dusk",
            "'dusk' is not one of: night, morning",
        ),
        (
            "      - {place: shusha, to: azerbaijan, from: nagorno-karabakh}",
            "      - {place: shusha, to: azerbaijan, from: azerbaijan}",
            "from: azerbaijan}",
            "same side",
        ),
        (
            "    kind: unit",
            "    kind: unit\n    kind: person",
            "kind: person",
            "key 'kind' appears twice",
        ),
        (
            "    speaker: spokesman-b",
            "    speaker: spokesman-c",
            "id: q-b",
            "speaker 'spokesman-c' does not exist",
        ),
        ("  - id: army-a", "  - id: Army A", "id: Army A", "must be a slug"),
        (
            "    coordinates: {lat: 39.7583,",
            "    coordinates: {lat: 99.7583,",
            "lat: 99",
            "latitude must be within",
        ),
        (
            "    control:\n      - {place: shusha, to: azerbaijan, from: nagorno-karabakh}\n",
            "",
            "id: taken",
            "a capture must record control",
        ),
    ],
)
def test_each_problem_is_located(old: str, new: str, needle: str, message: str) -> None:
    assert old in MINI, old
    text = MINI.replace(old, new, 1)
    found = problems(text)
    expected_line = (
        line_of(text, needle.split("\n")[0])
        if "\n" not in needle
        else text[: text.index(needle)].count("\n") + 1
    )
    assert any(message in p and p.startswith(f"x.yaml:{expected_line}:") for p in found), found


def test_all_problems_reported_at_once() -> None:
    text = MINI.replace("type: denial", "type: bad").replace(
        "places: [agbulag-1]", "places: [nowhere]"
    )
    found = problems(text)
    assert len(found) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "top level must be a mapping of sections, not a list"),
        ("just a string\n", "not a single value"),
        ("source: [\n", "YAML syntax error, column"),
        ("source: {title: x}\n", "missing section(s): places, actors, events"),
        (MINI + "extra: 1\n", "unknown section 'extra'"),
        (MINI.replace("schema: 1", "schema: 2"), "version 2 is not supported"),
        ("!!python/object/apply:os.system ['echo hacked']\n", "not allowed"),
    ],
)
def test_document_level_problems(text: str, message: str) -> None:
    assert any(message in p for p in problems(text))


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = MINI.replace(
        '  title: "A test article"',
        f"  title: !!python/object/apply:os.system ['touch {marker}']",
    )
    assert any("not allowed" in p for p in problems(text))
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"\xff\xfe\x00bad", "binary"),
        (b"source: caf\xe9\n", "not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        load.load(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load.load(tmp_path / "nope.yaml")
    with pytest.raises(DataError, match="is a directory"):
        load.load(tmp_path)


def test_data_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHUSHA_DATA", str(tmp_path / "env.yaml"))
    assert load.resolve_data_path("opt.yaml") == Path("opt.yaml")
    assert load.resolve_data_path(None) == tmp_path / "env.yaml"
    monkeypatch.delenv("SHUSHA_DATA")
    assert load.resolve_data_path(None) == load.shipped_data_path()
    assert load.shipped_data_path().is_file()
