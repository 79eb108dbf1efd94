"""Finding a chronology file and reading its bytes, every failure turned into one DataError.

Nothing here imports YAML or the model, so a cache hit pays for neither.
"""

from __future__ import annotations

import errno
import os
import stat as stat_mod
from pathlib import Path

from shusha_cli.core.errors import DataError, Problem

ENV_VAR = "SHUSHA_DATA"
NO_CACHE_ENV_VAR = "SHUSHA_NO_CACHE"
MAX_BYTES_ENV_VAR = "SHUSHA_MAX_BYTES"
#: The largest chronology file read (256 MiB): about 250,000 events. Checking a file takes
#: about 22 times its size in memory, so the cap keeps a stray multi-gigabyte file from
#: exhausting the machine; ``SHUSHA_MAX_BYTES`` raises (or lowers) it.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def shipped_data_path() -> Path:
    """The chronology shipped inside the package (found through importlib.resources)."""
    # Beside the package's own modules (a wheel installs it there; an editable install has a
    # link there): no importlib.resources, whose import costs more than the lookup.
    return Path(__file__).resolve().parents[2] / "data" / "events.yaml"


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


def max_bytes() -> int:
    """The size cap: ``$SHUSHA_MAX_BYTES`` (a whole number of bytes, 1 or more) or 256 MiB.

    A value that is not such a number is a usage problem of its own, said in one line, rather
    than silently ignored (which would hide why a large file is refused).
    """
    from shusha_cli.core.errors import UsageError

    raw = os.environ.get(MAX_BYTES_ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18 and int(raw) >= 1):
        raise UsageError(
            f"{MAX_BYTES_ENV_VAR}={raw[:40]!r}: give a whole number of bytes from 1 to 10^18"
        )
    return int(raw)


def read_with_stat(path: Path) -> tuple[bytes, os.stat_result]:
    """A data file's bytes and its status, read from one open file; every failure a DataError.

    Only a regular file is read: a FIFO, a device (``/dev/zero``), a socket or a directory is
    refused, and the file is opened without blocking (a FIFO with no writer would otherwise
    hang the open, and Tab completion with it). At most :func:`max_bytes` are read.
    """
    limit = max_bytes()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a chronology file") from None
    except PermissionError:
        raise _fail(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing only
            raise _fail(path, "is not a regular file (a socket or a pipe)") from None
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat_mod.S_ISDIR(st.st_mode):
            raise _fail(path, "is a directory, not a chronology file")
        if not stat_mod.S_ISREG(st.st_mode):
            raise _fail(path, f"is not a regular file ({_kind(st.st_mode)}); give a YAML file")
        if st.st_size > limit:
            raise _too_large(path, limit)
        raw = _read_at_most(fd, limit, path)
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None
    except MemoryError:
        raw = None
    finally:
        os.close(fd)
    if raw is None:
        raise _fail(path, "is too large to read in the memory available")
    if not raw.strip():
        raise _fail(path, "is empty; a chronology needs source, places, actors, events and quotes")
    if b"\x00" in raw:
        raise _fail(path, "is binary, not YAML text")
    return raw, st


def _read_at_most(fd: int, limit: int, path: Path) -> bytes:
    """Read to the end, refusing more than ``limit`` bytes (a file may grow while read)."""
    os.set_blocking(fd, True)  # a regular file: blocking reads are what is wanted from here
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(path, limit)


def _too_large(path: Path, limit: int) -> DataError:
    return _fail(
        path,
        f"is larger than {limit:,} bytes, the most shusha reads; "
        f"set {MAX_BYTES_ENV_VAR} to a larger number of bytes to read it",
    )


def _kind(mode: int) -> str:
    if stat_mod.S_ISFIFO(mode):
        return "a named pipe"
    if stat_mod.S_ISCHR(mode) or stat_mod.S_ISBLK(mode):
        return "a device"
    if stat_mod.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def read_bytes(path: Path) -> bytes:
    """Read a data file's bytes, turning every way that can fail into one DataError."""
    return read_with_stat(path)[0]


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (a byte-order mark is allowed) or one DataError naming the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the offset in the file: the decoder counts from after a byte-order mark it dropped
        offset = exc.start + len(raw) - len(exc.object)
        raise _fail(path, f"is not UTF-8 text (bad byte at offset {offset})") from None
    except MemoryError:
        pass
    raise _fail(path, "is too large to read in the memory available")


def read_text(path: Path) -> str:
    """Read a data file as UTF-8 text, turning every way that can fail into one DataError."""
    return decode(read_bytes(path), path)
