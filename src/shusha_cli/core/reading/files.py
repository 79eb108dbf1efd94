"""Finding a chronology file and reading its bytes, every failure turned into one DataError.

Nothing here imports YAML or the model, so a cache hit pays for neither.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from shusha_cli.core.errors import DataError, Problem

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
