"""The cache folder, opened so that no one else can steer what the cache reads or writes.

Why so careful: a cache folder under a shared ``XDG_CACHE_HOME`` may have been made by another
user, who could then put a forged entry in it. As pip and ssh do, a folder not owned by the user,
or writable by group or others, is refused (quietly: there is then no cache). The folder is
opened once, without following a link, and every entry is opened relative to that open folder
(so a folder swapped after the check is not used), without following links and without
blocking (a FIFO planted as an entry cannot hang a command), and must be a regular file of the
user's own, no larger than the caller's cap. Every entry is signed with a per-user key kept in
the folder (``key``, readable by the user only), so an entry that was not written by this user's
``shusha`` is a miss whatever its contents.

Digests are BLAKE2b, keyed for the signature (BLAKE2 is a MAC with a key, RFC 7693, with no HMAC
construction around it). Not SHA-256: ``hashlib`` loads OpenSSL when imported, about 3 ms on
every call of ``shusha``, more than hashing the shipped file; ``_blake2``, the module hashlib
itself takes BLAKE2 from, loads in a tenth of a millisecond.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from shusha_cli.core.tempfiles import STALE_SECONDS, is_stale, pattern, temp_name

try:  # CPython's own BLAKE2 and constant-time comparison, without hashlib's OpenSSL
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - another Python: the same functions, public names
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]  # the same function, public name

KEY_NAME = "key"
KEY_BYTES = 32
TMP_PREFIX, TMP_SUFFIX = ".tmp-", ".json"
_TMP = pattern(TMP_PREFIX, TMP_SUFFIX)
#: The temporary names of earlier versions (``tempfile.mkstemp``'s, without a pid): removed once
#: a day old, as no write takes that long.
_OLD_TMP = re.compile(r"\.tmp-[a-z0-9_]{8}\.json\Z")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/shusha``, else the platform's cache folder; None if there is no home.

    A home that is empty, relative or the root folder is no home: ``HOME=`` or ``HOME=.`` must
    not put a cache at ``/.cache`` or in the current folder.
    """
    env = os.environ.get("XDG_CACHE_HOME")
    if env and os.path.isabs(env):
        return Path(env) / "shusha"
    if "HOME" in os.environ and not os.path.isabs(os.environ["HOME"]):
        return None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home directory can be found: run without a cache
        return None
    if not home.is_absolute() or home == Path(home.anchor):
        return None
    if sys.platform == "darwin":
        base = home / "Library" / "Caches"
    elif os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local and os.path.isabs(local) else home / "AppData" / "Local"
    else:
        base = home / ".cache"
    return base / "shusha"


def _ours(st: os.stat_result) -> bool:
    """Owned by this user (where the system has owners)."""
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


@contextlib.contextmanager
def opened(directory: Path | None, create: bool) -> Iterator[int | None]:
    """The cache folder as an open descriptor, or None when there is none fit to use."""
    fd = _open(directory, create)
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _open(directory: Path | None, create: bool) -> int | None:
    base = directory if directory is not None else cache_dir()
    if base is None or os.open not in os.supports_dir_fd:
        return None  # entries are only ever opened relative to the checked folder
    try:
        if create:
            base.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with contextlib.suppress(FileExistsError):
                os.mkdir(base, 0o700)
        fd = os.open(base, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except (OSError, ValueError):  # missing, not a folder, a symlink, a NUL in the path
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        st = None
    if st is None or not stat.S_ISDIR(st.st_mode) or not _ours(st) or st.st_mode & 0o022:
        os.close(fd)
        return None
    return fd


def read_file(fd: int, name: str, cap: int) -> bytes | None:
    """The bytes of one of our regular files in the folder, or None (missing, foreign, too big)."""
    try:
        entry = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=fd)
    except OSError:
        return None
    try:
        st = os.fstat(entry)
        if not stat.S_ISREG(st.st_mode) or not _ours(st) or st.st_size > cap:
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(entry, min(1 << 20, cap + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
        return None  # grew past the cap while read
    except OSError:
        return None
    finally:
        os.close(entry)


def write_file(fd: int, name: str, parts: list[bytes], mode: int = 0o600) -> bool:
    """Write ``name`` in the folder through a temporary file renamed into place; False on failure.

    The rename is atomic: readers see the old entry or the new one, whole. Temporary files left
    by writers that died are removed first.
    """
    clear_stale(fd)
    tmp = temp_name(TMP_PREFIX, TMP_SUFFIX)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    try:
        out = os.open(tmp, flags, mode, dir_fd=fd)
    except OSError:
        return False
    done = False
    try:
        with os.fdopen(out, "wb") as stream:
            for part in parts:
                stream.write(part)
        os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        done = True
        return True
    except OSError:
        return False
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)


def clear_stale(fd: int) -> None:
    """Remove our temporary files whose writer is gone (killed before it could clean up)."""
    with contextlib.suppress(OSError):
        for item in os.scandir(fd):
            found = _TMP.match(item.name)
            if found is None and not _OLD_TMP.match(item.name):
                continue
            with contextlib.suppress(OSError, ValueError):
                st = item.stat(follow_symlinks=False)
                if found is None:
                    stale = time.time() - st.st_mtime > STALE_SECONDS
                else:
                    stale = is_stale(int(found.group(1)), st.st_mtime)
                if stale:
                    os.unlink(item.name, dir_fd=fd)


def user_key(fd: int, create: bool) -> bytes | None:
    """This user's signing key, made on first use; None if it cannot be read or made.

    Written like an entry (a temporary file renamed into place), so a damaged key is replaced;
    two processes making one at once leave one key, and an entry signed with the other is
    only a miss.
    """
    raw = read_file(fd, KEY_NAME, KEY_BYTES)
    if raw is not None and len(raw) == KEY_BYTES:
        return raw
    if not create:
        return None
    import secrets  # here: only making the key needs it, once per user

    key = secrets.token_bytes(KEY_BYTES)
    return key if write_file(fd, KEY_NAME, [key]) else None


def digest(data: bytes) -> str:
    """The hex BLAKE2b-256 of ``data``: what names an entry and pins the data file's bytes."""
    return blake2b(data, digest_size=32).hexdigest()


def sign(key: bytes, *parts: bytes) -> bytes:
    """The hex BLAKE2b-256 of ``parts`` keyed with ``key``: a MAC no one without the key makes."""
    mac = blake2b(key=key, digest_size=32)
    for part in parts:
        mac.update(part)
    return mac.hexdigest().encode("ascii")


def verify(key: bytes, signature: bytes, *parts: bytes) -> bool:
    """Whether ``signature`` is ``parts``' under ``key`` (compared in constant time)."""
    return bool(compare_digest(sign(key, *parts), signature))
