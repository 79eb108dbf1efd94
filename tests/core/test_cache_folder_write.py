"""Writing a cache entry: the new file's mode and flags, and what a failed write leaves.

An entry is written to a temporary file that is renamed into place; these tests watch the
system calls (through ``os``) to check what the folder cannot show after a successful write.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.reading import cache_folder


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[int]:
    base = tmp_path / "cache"
    with cache_folder.opened(base, create=True) as fd:
        assert fd is not None
        yield fd


def test_an_entry_is_the_user_s_alone_whatever_the_umask(folder: int, tmp_path: Path) -> None:
    old = os.umask(0)  # the widest: a mode left to the umask would be 0o777
    try:
        assert cache_folder.write_file(folder, "entry.json", [b"a", b"b"])
    finally:
        os.umask(old)
    path = tmp_path / "cache" / "entry.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"ab"
    assert sorted(os.listdir(tmp_path / "cache")) == ["entry.json"]  # no temporary file left


def test_the_temporary_file_is_opened_new_without_following_links(
    folder: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if kwargs.get("dir_fd") == folder and str(path).startswith(cache_folder.TMP_PREFIX):
            seen.append((str(path), flags))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    assert cache_folder.write_file(folder, "entry.json", [b"x"])
    [(name, flags)] = seen
    wanted = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    assert flags & wanted == wanted
    assert flags & getattr(os, "O_NOFOLLOW", 0) == getattr(os, "O_NOFOLLOW", 0)
    assert flags & getattr(os, "O_CLOEXEC", 0) == getattr(os, "O_CLOEXEC", 0)
    assert name.endswith(cache_folder.TMP_SUFFIX)
    assert cache_folder._TMP.match(name)  # the pattern clear_stale() removes when stale


def test_a_rename_that_fails_leaves_nothing_and_says_so(
    folder: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("no")

    monkeypatch.setattr(os, "replace", refuse)
    assert cache_folder.write_file(folder, "entry.json", [b"x"]) is False
    assert os.listdir(tmp_path / "cache") == []


def test_a_folder_that_cannot_be_written_is_a_false_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "cache"
    with cache_folder.opened(base, create=True) as fd:
        assert fd is not None

        def refuse(*args: Any, **kwargs: Any) -> int:
            raise PermissionError("read-only")

        monkeypatch.setattr(os, "open", refuse)
        assert cache_folder.write_file(fd, "entry.json", [b"x"]) is False
    assert os.listdir(base) == []
