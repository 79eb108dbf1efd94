"""The cache cannot be steered by someone else (issue 15).

Root runs CI, so "another user" is a folder or file chowned to ``nobody`` (65534); where the
tests are not root they are skipped, since only root can give a file away.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shusha_cli.core.model import Chronology
from shusha_cli.core.reading import cache, cache_folder, opening
from shusha_cli.core.reading import parse as load
from tests.cli.bad_input.helpers import SHUSHA, child_env, limits
from tests.conftest import REPO

SHIPPED = REPO / "data" / "events.yaml"
NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root can chown to another user")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copyfile(SHIPPED, path)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = load.parse

    def counting(text: str, name: str = "<data>") -> Chronology:
        calls.append(name)
        return real(text, name)

    monkeypatch.setattr(load, "parse", counting)
    return calls


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "xdg"
    root.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    return root / "shusha"


def key_of(data: Path) -> cache.Key:
    return cache.Key.of(data, data.stat(), data.read_bytes())


def forged_entry(data: Path, chron: Chronology, title: str) -> bytes:
    """An entry for ``data`` with the right header whose first event's title is ``title``."""
    encoded = cache.encode(chron)
    encoded["events"][0][2] = title
    head = json.dumps(key_of(data).header(), separators=(",", ":")).encode()
    return head + b"\n" + json.dumps(encoded).encode()


def sign_into_cache(data: Path, rest: bytes) -> None:
    """Write ``rest`` as the entry of ``data``, signed with the key in the cache folder."""
    with cache_folder.opened(None, create=False) as fd:
        assert fd is not None
        secret = cache_folder.user_key(fd, create=False)
    assert secret is not None
    entry = cache.entry_path(key_of(data))
    assert entry is not None
    entry.write_bytes(cache_folder.sign(secret, rest) + b"\n" + rest)


@as_root
@pytest.mark.parametrize("mode", [0o700, 0o777])
def test_a_folder_of_another_user_is_not_used(
    mode: int, own_cache: Path, data: Path, shipped: Chronology, parses: list[str]
) -> None:
    """Another user made the folder (under a shared XDG_CACHE_HOME): key, entry and all."""
    opening.open_chronology(data)
    sign_into_cache(data, forged_entry(data, shipped, "FORGED"))
    assert cache.read(key_of(data)).events[0].title == "FORGED"  # type: ignore[union-attr]
    os.chmod(own_cache, mode)
    for path in [own_cache, *own_cache.iterdir()]:
        os.chown(path, NOBODY, NOBODY)
    before = sorted(p.name for p in own_cache.iterdir())
    for _ in range(2):
        chron = opening.open_chronology(data)
        assert "FORGED" not in {e.title for e in chron.events}
    assert len(parses) == 3  # no cache at all: nothing read from it, nothing written to it
    assert sorted(p.name for p in own_cache.iterdir()) == before


def test_a_folder_writable_by_others_is_not_used(own_cache: Path, data: Path, parses: list[str]) -> None:  # fmt: skip
    own_cache.mkdir()
    os.chmod(own_cache, 0o777)
    opening.open_chronology(data)
    opening.open_chronology(data)
    assert len(parses) == 2
    assert list(own_cache.iterdir()) == []


def test_a_folder_that_is_a_symlink_is_not_followed(own_cache: Path, data: Path, tmp_path: Path, parses: list[str]) -> None:  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    own_cache.symlink_to(elsewhere)
    opening.open_chronology(data)
    opening.open_chronology(data)
    assert len(parses) == 2
    assert list(elsewhere.iterdir()) == []


def test_an_unsigned_entry_is_a_miss_never_a_forged_answer(
    own_cache: Path, data: Path, shipped: Chronology
) -> None:
    opening.open_chronology(data)  # makes the folder, the key and a good entry
    entry = cache.entry_path(key_of(data))
    assert entry is not None
    entry.write_bytes(b"0" * 64 + b"\n" + forged_entry(data, shipped, "FORGED"))
    assert "FORGED" not in {e.title for e in opening.open_chronology(data).events}


@pytest.mark.parametrize(
    "damage",
    ["ordinal", "type", "missing", "enum", "shape"],
)
def test_a_signed_but_crafted_entry_is_a_miss_not_a_traceback(
    damage: str, own_cache: Path, data: Path, shipped: Chronology, parses: list[str]
) -> None:
    """Crafted with the user's own key, so only decoding stands between it and a traceback."""
    opening.open_chronology(data)
    encoded = cache.encode(shipped)
    if damage == "ordinal":
        encoded["events"][0][1][0] = 10**30  # OverflowError
    elif damage == "type":
        encoded["events"][0][1] = "2020"  # unpacking a str
    elif damage == "missing":
        del encoded["places"]  # KeyError
    elif damage == "enum":
        encoded["places"][0][2] = "atlantis"  # ValueError
    else:
        encoded["source"] = {"a": 1}  # AttributeError / ValueError
    rest = (
        json.dumps(key_of(data).header(), separators=(",", ":")).encode()
        + b"\n"
        + json.dumps(encoded).encode()
    )
    sign_into_cache(data, rest)
    assert cache.read(key_of(data)) is None
    assert opening.open_chronology(data).events == shipped.events
    assert len(parses) == 2


def test_an_entry_that_is_a_fifo_does_not_hang(own_cache: Path, data: Path, tmp_path: Path) -> None:  # fmt: skip
    opening.open_chronology(data)
    entry = cache.entry_path(key_of(data))
    assert entry is not None
    entry.unlink()
    os.mkfifo(entry)
    env = child_env(own_cache.parent, NO_COLOR="1", COLUMNS="80")
    proc = subprocess.run(
        [*SHUSHA, "--data", str(data), "places"], env=env, capture_output=True, text=True,
        timeout=60, preexec_fn=limits(), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Shusha" in proc.stdout


def test_an_entry_that_is_a_symlink_or_too_large_is_a_miss(
    own_cache: Path, data: Path, tmp_path: Path, parses: list[str]
) -> None:
    opening.open_chronology(data)
    entry = cache.entry_path(key_of(data))
    assert entry is not None
    good = entry.read_bytes()
    (tmp_path / "target").write_bytes(good)
    entry.unlink()
    entry.symlink_to(tmp_path / "target")
    opening.open_chronology(data)
    entry.unlink()
    entry.write_bytes(good + b" " * cache.entry_cap(key_of(data)))
    opening.open_chronology(data)
    assert len(parses) == 3


@pytest.mark.parametrize("home", ["", ".", "relative/home", "/"])
def test_a_home_that_is_no_home_means_no_cache(
    home: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", home)
    assert cache.cache_dir() is None
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = home
    proc = subprocess.run(
        [sys.executable, "-m", "shusha_cli", "places"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=60, preexec_fn=limits(), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert list(tmp_path.iterdir()) == []  # no .cache in the current folder


def test_stale_temporary_files_are_removed_on_the_next_write(own_cache: Path, data: Path) -> None:
    opening.open_chronology(data)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)  # fmt: skip
    stale = own_cache / f".tmp-{int(dead.stdout)}-0123456789ab.json"
    stale.write_text("half")
    mine = own_cache / f".tmp-{os.getpid()}-0123456789ab.json"
    mine.write_text("in progress")
    old = own_cache / f".tmp-{os.getpid()}-abcdefabcdef.json"
    old.write_text("a day old")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    older_version = own_cache / ".tmp-abcd_123.json"  # mkstemp's name, before pids
    older_version.write_text("a day old")
    os.utime(older_version, (time.time() - 2 * 86400,) * 2)
    other = own_cache / "notes.txt"
    other.write_text("not ours")
    os.utime(data, ns=(2_000_000_000, 2_000_000_000))  # a miss: the next write clears
    opening.open_chronology(data)
    assert not stale.exists()
    assert not old.exists()
    assert not older_version.exists()
    assert mine.exists()
    assert other.exists()
