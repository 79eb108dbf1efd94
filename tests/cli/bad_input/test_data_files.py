"""Data files given with ``--data FILE`` or ``shusha validate FILE``: missing, unreadable, not YAML."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.errors import ExitCode
from tests.conftest import MINI, Run

from .helpers import listing, one_error, validate_problems, write

DIRECTORY = b"<a directory>"
MISSING = b"<missing>"

FILE_CASES: dict[str, tuple[bytes, list[str]]] = {
    "missing": (MISSING, [": no such file"]),
    "directory": (DIRECTORY, [": is a directory, not a chronology file"]),
    "empty": (b"", [": is empty; a chronology needs source, places"]),
    "blank": (b" \n\n\t\r\n", [": is empty"]),
    "not-utf8": (b"source:\n  title: caf\xe9\n", [": is not UTF-8 text (bad byte at offset 20)"]),
    "binary": (bytes(range(256)) * 4, [": is binary, not YAML text"]),
    "utf16": ("source: x\n".encode("utf-16"), [": is binary, not YAML text"]),
    "syntax-unclosed-quote": (
        b'source:\n  title: "unclosed\n  file: y\n',
        [
            ":4: YAML syntax error, column 1: found unexpected end of stream",
            "(while scanning a quoted scalar at line 2, column 10)",
        ],
    ),
    "syntax-bad-indent": (
        b"source:\n  title: x\n file: y\n",
        [
            ":3: YAML syntax error, column 2: did not find expected key (while parsing a block mapping at line 1, column 1)"
        ],
    ),
    "syntax-unclosed-flow": (b"places: [a, b\n", [":2: YAML syntax error, column 1"]),
    "syntax-tab-indent": (b"source:\n\ttitle: x\n", [":2: YAML syntax error, column 1"]),
    "control-character": (
        b"source:\n  title: a\x07b\n",
        [":2: YAML error, column 11: control characters are not allowed (found '\\x07')"],
    ),
    "two-documents": (b"source: {}\n---\nplaces: []\n", [":2: YAML syntax error", "single"]),
    "comments-only": (b"# nothing here\n", [": holds no YAML document"]),
    "a-list": (
        b"- source\n- places\n",
        [":1: the top level must be a mapping of sections, not a list"],
    ),
    "a-string": (
        b"just a string\n",
        [":1: the top level must be a mapping of sections, not a single value"],
    ),
    "a-number": (b"42\n", [":1: the top level must be a mapping of sections, not a single value"]),
    "python-tag": (
        b"!!python/object/apply:os.system ['echo hacked']\n",
        [
            ":1: top level: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (plain data only)"
        ],
    ),
}


def make_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "data.yaml"
    if content == DIRECTORY:
        path.mkdir()
    elif content != MISSING:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", FILE_CASES)
def test_bad_data_file_with_data_option(run: Run, tmp_path: Path, case: str) -> None:
    content, words = FILE_CASES[case]
    path = make_file(tmp_path, content)
    line = one_error(run("--data", str(path), "timeline"), ExitCode.INVALID_DATA, *words)
    assert line.startswith(f"shusha: {path}")


@pytest.mark.parametrize("case", FILE_CASES)
def test_bad_data_file_with_validate(run: Run, tmp_path: Path, case: str) -> None:
    content, words = FILE_CASES[case]
    path = make_file(tmp_path, content)
    problems = validate_problems(run, path)
    assert len(problems) == 1
    assert all(word in problems[0] for word in words), problems


def test_bad_data_file_from_the_environment(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "- a list\n")
    monkeypatch.setenv("SHUSHA_DATA", str(path))
    result = run("places")
    monkeypatch.delenv("SHUSHA_DATA")
    one_error(result, ExitCode.INVALID_DATA, f"{path}:1: the top level must be a mapping")


def test_unreadable_file_permission_denied(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a chmod 000 file is readable, so every way of opening this one is refused."""
    path = write(tmp_path, MINI, "locked.yaml")

    def refusing(real: Callable[..., Any]) -> Callable[..., Any]:
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, Path)) and Path(file).name == path.name:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real(file, *args, **kwargs)

        return opener

    for module, name in [(builtins, "open"), (io, "open"), (os, "open")]:
        monkeypatch.setattr(module, name, refusing(getattr(module, name)))
    one_error(
        run("--data", str(path), "timeline"), ExitCode.INVALID_DATA,
        f"{path}: cannot be read (permission denied)",
    )  # fmt: skip
    assert validate_problems(run, path) == [": cannot be read (permission denied)"]


@pytest.mark.parametrize(
    ("where", "reason"),
    [("/proc/self/mem", "Input/output error"), ("{tmp}/a-file/data.yaml", "Not a directory")],
)
def test_unreadable_file_even_for_root(run: Run, tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    path = where.format(tmp=tmp_path)
    if path.startswith("/proc") and not Path(path).exists():
        pytest.skip("no /proc here")
    one_error(
        run("--data", path, "timeline"), ExitCode.INVALID_DATA,
        f"{path}: cannot be read ({reason})",
    )  # fmt: skip


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
def test_python_objects_are_refused_never_built(run: Run, tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "ran"
    text = MINI.replace('  title: "A test article"', "  title: " + tagged.format(marker=marker))
    path = write(tmp_path, text)
    line = one_error(run("--data", str(path), "timeline"), ExitCode.INVALID_DATA)
    assert f"{path}:3: source.title: the tag 'tag:yaml.org,2002:python/" in line
    assert "is not allowed (plain data only)" in line
    problems = validate_problems(run, path)
    assert any(p.startswith(":3: source.title: the tag") for p in problems), problems
    assert not marker.exists()


def test_bad_data_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, MINI.replace("type: denial", "type: nope"))
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "events.csv"
    one_error(
        run("--data", str(path), "export", "-o", str(target)), ExitCode.INVALID_DATA, "'nope'"
    )
    assert listing(tmp_path / "out") == {}


def test_every_problem_is_counted_in_the_one_line(run: Run, tmp_path: Path) -> None:
    text = MINI.replace("type: denial", "type: bad").replace(
        "places: [agbulag-1]", "places: [nowhere]"
    )
    path = write(tmp_path, text)
    line = one_error(run("--data", str(path), "timeline"), ExitCode.INVALID_DATA)
    assert line.endswith("(and 1 more problem; run 'shusha validate')")
    assert len(validate_problems(run, path)) == 2
