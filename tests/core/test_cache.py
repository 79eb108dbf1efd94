"""The cache of checked chronologies: hits, stale and damaged entries, races, no cache at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shusha_cli.core.errors import DataError
from shusha_cli.core.model import Chronology
from shusha_cli.core.reading import cache, opening
from shusha_cli.core.reading import parse as load
from tests.conftest import MINI, REPO, Run

SHIPPED = REPO / "data" / "events.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the shipped chronology, free to be changed by the test."""
    path = tmp_path / "events.yaml"
    shutil.copyfile(SHIPPED, path)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count full YAML parses: a cache hit makes none."""
    calls: list[str] = []
    real = load.parse

    def counting(text: str, name: str = "<data>") -> Chronology:
        calls.append(name)
        return real(text, name)

    monkeypatch.setattr(load, "parse", counting)
    return calls


def entries(root: Path) -> list[Path]:
    return sorted((root / "shusha").glob("*")) if (root / "shusha").exists() else []


def test_encode_decode_round_trip_keeps_every_field(shipped: Chronology) -> None:
    blob = json.loads(json.dumps(cache.encode(shipped)))
    assert cache.decode(blob, shipped.path) == shipped


def test_second_open_is_a_hit_and_equal(data: Path, parses: list[str]) -> None:
    first = opening.open_chronology(data)
    second = opening.open_chronology(data)
    assert parses == [str(data)]
    assert second == first == load.load(data)


def test_no_cache_parses_every_time_and_writes_nothing(
    data: Path, parses: list[str], cache_home: Path
) -> None:
    before = entries(cache_home)
    opening.open_chronology(data, use_cache=False)
    opening.open_chronology(data, use_cache=False)
    assert len(parses) == 2
    assert entries(cache_home) == before


def test_environment_switch_turns_the_cache_off(
    data: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHUSHA_NO_CACHE", "1")
    opening.open_chronology(data)
    opening.open_chronology(data)
    assert len(parses) == 2


def test_changed_file_is_reparsed(data: Path, parses: list[str]) -> None:
    opening.open_chronology(data)
    text = data.read_text(encoding="utf-8").replace(
        "Free Shusha (Part one)", "Free Shusha (Part 1)", 1
    )
    data.write_text(text, encoding="utf-8")
    chron = opening.open_chronology(data)
    assert len(parses) == 2
    assert "Part 1" in chron.source.title


def test_same_size_and_mtime_but_other_bytes_is_a_miss(data: Path, parses: list[str]) -> None:
    opening.open_chronology(data)
    stat = data.stat()
    raw = data.read_bytes()
    swapped = raw.replace(b"Shusha (Part one)", b"Shusha (Part eno)", 1)
    assert swapped != raw
    assert len(swapped) == len(raw)
    data.write_bytes(swapped)
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    chron = opening.open_chronology(data)
    assert len(parses) == 2
    assert "Part eno" in chron.source.title


def test_touched_file_is_a_miss_then_a_hit_again(data: Path, parses: list[str]) -> None:
    opening.open_chronology(data)
    os.utime(data, ns=(1_000_000_000, 1_000_000_000))
    opening.open_chronology(data)
    opening.open_chronology(data)
    assert len(parses) == 2


def test_other_package_version_is_a_miss(
    data: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opening.open_chronology(data)
    monkeypatch.setattr(cache, "_version", lambda: "99.0")
    opening.open_chronology(data)
    assert len(parses) == 2


def test_two_files_have_two_entries(
    data: Path, mini_path: Path, parses: list[str], cache_home: Path
) -> None:
    for _ in range(2):
        opening.open_chronology(data)
        opening.open_chronology(mini_path)
    assert len(parses) == 2
    assert len(entries(cache_home)) >= 2


DAMAGE = {
    "truncated": lambda b: b[: len(b) // 2],
    "empty": lambda b: b"",
    "not json": lambda b: b"\x00\xff garbage",
    "header only": lambda b: b.partition(b"\n")[0],
    "body of wrong shape": lambda b: b.partition(b"\n")[0] + b'\n{"source": 1}',
    "body a list": lambda b: b.partition(b"\n")[0] + b"\n[1, 2, 3]",
    "unknown enum value": lambda b: b.replace(b'"azerbaijan"', b'"atlantis"'),
    "events missing": lambda b: b.replace(b'"events"', b'"evenst"'),
    "deep nesting": lambda b: b.partition(b"\n")[0] + b"\n" + b"[" * 100_000,
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_entry_is_rebuilt_quietly(
    damage: str, data: Path, parses: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    good = opening.open_chronology(data)
    key = cache.Key.of(data, data.stat(), data.read_bytes())
    entry = cache.entry_path(key)
    assert entry is not None
    assert entry.exists()
    entry.write_bytes(DAMAGE[damage](entry.read_bytes()))

    assert opening.open_chronology(data) == good
    assert len(parses) == 2
    assert cache.read(key) == good, "the damaged entry was replaced by a whole one"
    assert capfd.readouterr().err == ""


def test_invalid_data_is_never_cached(tmp_path: Path, parses: list[str], cache_home: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("type: denial", "type: denail"), encoding="utf-8")
    before = entries(cache_home)
    for _ in range(2):
        with pytest.raises(DataError):
            opening.open_chronology(bad)
    assert len(parses) == 2
    assert entries(cache_home) == before


@pytest.mark.parametrize("where", ["under a file", "relative path"])
def test_unusable_cache_directory_means_no_cache_quietly(
    where: str,
    data: Path,
    tmp_path: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    if where == "under a file":
        # Works as root too: nothing can create a folder inside a regular file.
        blocker = tmp_path / "not-a-dir"
        blocker.write_text("x")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
        expected = 2
    else:
        # The XDG spec says a relative path is to be ignored: the default folder is used.
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        expected = 1
    first = opening.open_chronology(data)
    assert opening.open_chronology(data) == first
    assert len(parses) == expected
    assert capfd.readouterr().err == ""
    assert not (tmp_path / "relative").exists()


def test_read_only_cache_file_is_still_a_miss_not_an_error(
    data: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opening.open_chronology(data)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(cache.os, "replace", refuse)
    os.utime(data, ns=(2_000_000_000, 2_000_000_000))
    assert opening.open_chronology(data) == load.load(data)
    key = cache.Key.of(data, data.stat(), data.read_bytes())
    entry = cache.entry_path(key)
    assert entry is not None
    assert not [p for p in entry.parent.iterdir() if p.name.startswith(".tmp-")]


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(cache.Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from shusha_cli.core.reading import cache
    from shusha_cli.core.reading import parse as load
    path = Path(sys.argv[1])
    raw = path.read_bytes()
    key = cache.Key.of(path, path.stat(), raw)
    chron = load.parse(raw.decode("utf-8"), str(path))
    for _ in range(int(sys.argv[2])):
        cache.write(key, chron)
    """
)


def test_concurrent_writers_never_leave_a_broken_entry(data: Path, cache_home: Path) -> None:
    """Four processes rewrite one entry as fast as they can while this one reads it."""
    expected = load.load(data)
    key = cache.Key.of(data, data.stat(), data.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data), "40"], env=env) for _ in range(4)
    ]
    reads = hits = 0
    while any(w.poll() is None for w in writers):
        found = cache.read(key)
        reads += 1
        if found is not None:
            hits += 1
            assert found == expected
    assert all(w.wait() == 0 for w in writers)
    assert cache.read(key) == expected
    entry = cache.entry_path(key)
    assert entry is not None
    leftovers = [p.name for p in entry.parent.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []
    assert reads > 0


def test_cli_uses_the_cache_and_no_cache_bypasses_it(
    run: Run, data: Path, parses: list[str]
) -> None:
    first = run("--data", str(data), "place", "Shusha")
    second = run("--data", str(data), "place", "Shusha")
    third = run("--no-cache", "--data", str(data), "place", "Shusha")
    assert first.code == second.code == third.code == 0
    assert first.out == second.out == third.out
    assert len(parses) == 2


def test_validate_always_checks_the_file_itself(run: Run, data: Path, parses: list[str]) -> None:
    run("--data", str(data), "timeline")
    run("--data", str(data), "timeline")
    assert len(parses) == 1
    result = run("--data", str(data), "validate")
    assert result.code == 0
    assert len(parses) == 2


def test_a_cache_hit_does_not_import_yaml(data: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from shusha_cli.core.reading import files as datafile, opening
        opening.open_chronology(Path({str(data)!r}))
        sys.modules.pop("yaml", None)
        sys.modules.pop("shusha_cli.core.reading.parse", None)
        opening.open_chronology(Path({str(data)!r}))
        print("yaml" in sys.modules, "shusha_cli.core.reading.parse" in sys.modules)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_quick_version_lookup_agrees_with_importlib_metadata() -> None:
    from importlib.metadata import version

    assert cache._version() == version("shusha")
