"""The permissions of files ``export -o`` writes: a new file's follow the umask, an overwritten
file keeps its own (the temporary file it is renamed from must not decide them)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from shusha_cli.cli.output import atomic_writer
from shusha_cli.core.errors import OutputError
from tests.conftest import Run


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore this process's umask after a test changes it."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_default_mode_under_the_umask(
    run: Run, tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    target = tmp_path / "new.json"
    result = run("export", "-f", "json", "-o", str(target))
    assert result.code == 0, result.err
    assert mode(target) == expected
    assert json.loads(target.read_text(encoding="utf-8"))
    assert os.umask(mask) == mask  # and the umask itself is left as it was


@pytest.mark.parametrize("old_mode", [0o600, 0o640, 0o604, 0o755])
def test_force_overwrite_keeps_the_old_files_mode(
    run: Run, tmp_path: Path, umask: None, old_mode: int
) -> None:
    os.umask(0o022)
    target = tmp_path / "old.csv"
    target.write_text("old\n")
    target.chmod(old_mode)
    result = run("export", "-o", str(target), "--force")
    assert result.code == 0, result.err
    assert mode(target) == old_mode
    assert target.read_text(encoding="utf-8").startswith("id,")
    assert [p.name for p in tmp_path.iterdir()] == ["old.csv"]  # no temporary file left


def test_the_writer_itself(tmp_path: Path, umask: None) -> None:
    """In process: the text arrives whole, CRLF untouched; nothing before the end."""
    os.umask(0o027)
    target = tmp_path / "x.txt"
    with atomic_writer(target, force=False) as out:
        out.write("a\r\nb")
        assert not target.exists()  # written to a temporary file until the end
    assert target.read_bytes() == b"a\r\nb"
    assert mode(target) == 0o640
    with pytest.raises(OutputError, match="already exists; use --force"):
        write(target, "never", force=False)
    assert target.read_bytes() == b"a\r\nb"


def write(target: Path, text: str, force: bool, protected: Path | None = None) -> None:
    with atomic_writer(target, force=force, protected=protected) as out:
        out.write(text)


def write_racing(target: Path) -> None:
    """Write ``target`` while someone else creates it."""
    with atomic_writer(target, force=False) as out:
        out.write("mine")
        target.write_text("someone else's")


def write_and_fail(target: Path) -> None:
    with atomic_writer(target, force=True) as out:
        out.write("half")
        raise ZeroDivisionError


def test_a_file_made_while_writing_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    with pytest.raises(OutputError, match=f"{target}: already exists; use --force"):
        write_racing(target)
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_an_error_inside_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    with pytest.raises(ZeroDivisionError):
        write_and_fail(target)
    assert list(tmp_path.iterdir()) == []


def test_the_protected_input_is_refused_only_when_it_is_the_target(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("x")
    other = tmp_path / "other.csv"
    write(other, "fine", force=True, protected=data)
    assert other.read_text() == "fine"
    with pytest.raises(OutputError, match="refusing to overwrite the chronology being read"):
        write(data, "lost", force=True, protected=data)
    assert data.read_text() == "x"
