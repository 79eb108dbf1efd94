"""Finding and reading a chronology file, and opening it through the cache.

Kept apart from :mod:`shusha_cli.load` so that a command whose chronology is already in the
cache never imports PyYAML or the validating loader at all: start-up time is most of what a
user waits for on a small file.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from shusha_cli.errors import DataError, Problem
from shusha_cli.model import Chronology

ENV_VAR = "SHUSHA_DATA"
NO_CACHE_ENV_VAR = "SHUSHA_NO_CACHE"


def shipped_data_path() -> Path:
    """The chronology shipped inside the package (found through importlib.resources)."""
    return Path(str(resources.files("shusha_cli").joinpath("data").joinpath("events.yaml")))


def resolve_data_path(option: str | None) -> Path:
    """``--data`` first, then ``$SHUSHA_DATA``, then the shipped chronology."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return shipped_data_path()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a chronology is built.

    Building one allocates millions of small objects (YAML nodes, dataclasses, tuples) and no
    reference cycles, so the collector's repeated passes over them find nothing to free; on a
    10,000-event file they took three quarters of the parse (4.6 s against 1.2 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fail(path: Path, message: str) -> DataError:
    return DataError([Problem(str(path), None, message)])


def read_bytes(path: Path) -> bytes:
    """Read a data file's bytes, turning every way that can fail into one DataError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a chronology file") from None
    except PermissionError:
        raise _fail(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise _fail(path, "is empty; a chronology needs source, places, actors, events and quotes")
    if b"\x00" in raw:
        raise _fail(path, "is binary, not YAML text")
    return raw


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (a byte-order mark is allowed) or one DataError naming the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"is not UTF-8 text (bad byte at offset {exc.start})") from None


def read_text(path: Path) -> str:
    """Read a data file as UTF-8 text, turning every way that can fail into one DataError."""
    return decode(read_bytes(path), path)


def open_chronology(path: Path, *, use_cache: bool = True) -> Chronology:
    """The checked chronology in ``path``, from the cache when the file has not changed.

    On a miss the file is parsed and checked in full (:func:`shusha_cli.load.parse`) and the
    result stored for next time. The cache never changes what a command answers: it only holds
    chronologies that passed every check, keyed on the file's exact bytes.
    """
    if use_cache and os.environ.get(NO_CACHE_ENV_VAR, "") not in ("", "0"):
        use_cache = False
    try:
        stat = os.stat(path)
    except OSError:
        stat = None  # read_bytes below reports why, in the same words as everywhere else
    raw = read_bytes(path)
    key = None
    if use_cache and stat is not None:
        from shusha_cli import cache

        key = cache.Key.of(path, stat, raw)
        hit = cache.read(key)
        if hit is not None:
            return hit
    from shusha_cli import load

    chron = load.parse(decode(raw, path), str(path))
    if key is not None:
        cache.write(key, chron)
    return chron
