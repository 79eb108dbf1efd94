"""Writing output files safely: never over an existing file unless asked, never half-written.

Data goes to a temporary file in the target's directory, which is renamed over the target only
once everything was written; a failure or an interruption leaves the old file (or none).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from shusha_cli.core.errors import OutputError


def refuse_input(target: Path, protected: Path | None) -> None:
    """Refuse to write over the chronology being read (by any path, link or hard link to it)."""
    if protected is not None and target.exists() and protected.exists():
        with contextlib.suppress(OSError):
            if target.resolve() == protected.resolve() or os.path.samefile(target, protected):
                raise OutputError(f"{target}: refusing to overwrite the chronology being read")


def check_target(target: Path, force: bool, protected: Path | None) -> None:
    """Refuse targets that would lose data: an existing file, the input data, a directory."""
    refuse_input(target, protected)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory; give a file name")
    if target.exists() and not target.is_file():
        # A device, a pipe or a socket: renaming a file over it would replace it, not write to it.
        raise OutputError(f"{target}: is not a regular file; use '-o -' to write to stdout")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{target}: {parent} is not a directory")
    if not parent.is_dir():
        raise OutputError(f"{target}: the directory {parent} does not exist")


@contextlib.contextmanager
def atomic_writer(target: Path, force: bool, protected: Path | None = None) -> Iterator[TextIO]:
    """Yield a text stream; on success it replaces ``target`` in one rename."""
    check_target(target, force, protected)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        if target.exists() and not force:  # created by someone else while we wrote
            raise OutputError(f"{target}: already exists; use --force to overwrite it")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(target: Path, force: bool, protected: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` for a writer that opens files itself (SQLite).

    The same checks and the same rename as :func:`atomic_writer`; the temporary file and any
    journal SQLite left beside it are removed on failure.
    """
    check_target(target, force, protected)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(name)
    leftovers = (tmp, Path(f"{name}-journal"), Path(f"{name}-wal"), Path(f"{name}-shm"))
    try:
        os.chmod(tmp, _mode_for(target))
        yield tmp
        if target.exists() and not force:  # created by someone else while we wrote
            raise OutputError(f"{target}: already exists; use --force to overwrite it")
        os.replace(tmp, target)
    except OSError as exc:
        _remove(leftovers)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _remove(leftovers)
        raise


def _remove(paths: tuple[Path, ...]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _mode_for(target: Path) -> int:
    """The permissions the file should get: the old file's, or the default under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
