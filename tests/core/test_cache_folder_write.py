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


def _age(path: Path, seconds: float) -> None:
    import time

    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_old_style_temporary_files_go_when_a_day_old_and_only_then(
    folder: int, tmp_path: Path
) -> None:
    base = tmp_path / "cache"
    stale, fresh, entry = (
        base / ".tmp-abcd1234.json",
        base / ".tmp-efgh5678.json",
        base / "chronology-x.json",
    )
    for path in (stale, fresh, entry):
        path.write_bytes(b"x")
    _age(stale, 2 * 24 * 3600)
    _age(fresh, 3600)
    _age(entry, 2 * 24 * 3600)  # not a temporary name: never touched
    cache_folder.clear_stale(folder)
    assert sorted(p.name for p in base.iterdir()) == [".tmp-efgh5678.json", "chronology-x.json"]


def test_a_planted_link_with_a_temporary_name_is_judged_by_itself(
    folder: int, tmp_path: Path
) -> None:
    """The link's own age counts, never its target's: a dangling link is still cleared."""
    base = tmp_path / "cache"
    link = base / ".tmp-abcd1234.json"
    link.symlink_to(tmp_path / "nowhere")
    _age(link, 2 * 24 * 3600)
    cache_folder.clear_stale(folder)
    assert not os.path.lexists(link)


def test_a_temporary_name_that_cannot_be_removed_does_not_stop_the_others(
    folder: int, tmp_path: Path
) -> None:
    base = tmp_path / "cache"
    stuck = base / ".tmp-aaaa1111.json"
    stuck.mkdir()  # unlink() of a folder fails
    (stuck / "inside").write_bytes(b"x")
    gone = base / ".tmp-bbbb2222.json"
    gone.write_bytes(b"x")
    _age(stuck, 2 * 24 * 3600)
    _age(gone, 2 * 24 * 3600)
    cache_folder.clear_stale(folder)  # no error
    assert sorted(p.name for p in base.iterdir()) == [".tmp-aaaa1111.json"]


def test_clearing_a_folder_that_cannot_be_listed_is_quiet() -> None:
    r, w = os.pipe()  # a descriptor that is not a folder
    try:
        assert cache_folder.clear_stale(r) is None
    finally:
        os.close(r)
        os.close(w)
