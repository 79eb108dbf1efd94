"""Writing output files safely: never over an existing file unless asked, never half-written.

Data goes to a temporary file in the target's directory, which is renamed over the target only
once everything was written; a failure or an interruption (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT)
leaves the old file (or none). The temporary file's name carries the writer's process id, so a
file left by a writer killed outright (SIGKILL) is removed by the next write to that target.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from shusha_cli.core.errors import OutputError
from shusha_cli.core.tempfiles import is_stale, pattern

#: Room a temporary file's name needs beyond the target's: ``.``, ``.PID-XXXXXXXX.tmp``.
_TEMP_EXTRA = 24


def refuse_input(target: Path, protected: Path | None) -> None:
    """Refuse to write over the chronology being read (by any path, link or hard link to it)."""
    if protected is None:
        return
    with contextlib.suppress(OSError):  # a path that cannot be looked at is reported later
        if (
            target.exists()
            and protected.exists()
            and (target.resolve() == protected.resolve() or os.path.samefile(target, protected))
        ):
            raise OutputError(f"{target}: refusing to overwrite the chronology being read")


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _refuse(target: Path, exc: OSError) -> OutputError:
    """An OSError from looking at the path, said as what is wrong with the path given."""
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(f"{str(target)[:40]}…: the path is too long for the file system")
    if exc.errno == errno.ELOOP:
        return OutputError(f"{target}: too many symbolic links in the path")
    if exc.errno == errno.ENOTDIR:
        return OutputError(f"{target}: a part of the path is not a directory")
    return OutputError(f"{target}: cannot write here ({exc.strerror or exc})")


def check_target(given: str | Path, force: bool, protected: Path | None) -> Path:
    """Refuse targets that would lose data or cannot be a file; the path to write to."""
    text = str(given)
    if text.endswith(("/", os.sep)) or text in (".", ".."):
        example = text.rstrip("/" + os.sep) + "/export.csv"
        raise OutputError(f"{text}: names a directory, not a file; give a file name ({example})")
    target = Path(text)
    try:
        return _check(target, force, protected)
    except OSError as exc:
        raise _refuse(target, exc) from None
    except ValueError:  # a NUL in the path
        raise OutputError(f"{target!r}: a path cannot hold a NUL character") from None


def _check(target: Path, force: bool, protected: Path | None) -> Path:
    limit = _name_max(target.parent)
    length = len(os.fsencode(target.name))
    if length > limit:
        raise OutputError(
            f"{target.name[:40]}…: the file name is {length} bytes long; "
            f"this file system allows at most {limit}"
        )
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
    return target


def _temp_prefix(target: Path) -> str:
    """``.NAME.PID-``, the name shortened (at a character) so the whole fits the file system."""
    room = _name_max(target.parent) - _TEMP_EXTRA
    name = target.name
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}.{os.getpid()}-"


def _mkstemp(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target`` (tempfile is imported here: only writes need it)."""
    import tempfile

    return tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)


def _clear_stale(target: Path) -> None:
    """Remove temporary files of earlier writes to ``target`` whose writer is gone."""
    found = pattern(_temp_prefix(target).rsplit(".", 1)[0] + ".", ".tmp")
    with contextlib.suppress(OSError):
        for item in os.scandir(target.parent):
            match = found.match(item.name)
            if match is None:
                continue
            with contextlib.suppress(OSError, ValueError):
                st = item.stat(follow_symlinks=False)
                mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
                regular = item.is_file(follow_symlinks=False)
                if mine and regular and is_stale(int(match.group(1)), st.st_mtime):
                    os.unlink(item.path)


@contextlib.contextmanager
def atomic_writer(
    target: str | Path, force: bool, protected: Path | None = None
) -> Iterator[TextIO]:
    """Yield a text stream; on success it replaces ``target`` in one rename."""
    target = check_target(target, force, protected)
    _clear_stale(target)
    try:
        fd, tmp = _mkstemp(target)
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
def atomic_path(target: str | Path, force: bool, protected: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` for a writer that opens files itself (SQLite).

    The same checks, the same temporary names (removed when stale) and the same rename as
    :func:`atomic_writer`; the temporary file and any journal SQLite left beside it are removed
    on failure.
    """
    target = check_target(target, force, protected)
    _clear_stale(target)
    try:
        fd, name = _mkstemp(target)
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
