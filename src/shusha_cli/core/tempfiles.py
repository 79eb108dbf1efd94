"""Names for our temporary files that say who made them, so a later run can clear what was left.

A process killed by a signal it cannot catch (SIGKILL, a power cut) leaves its temporary file
behind. Each name carries the writer's process id, so the next write removes those whose writer
is gone — and any older than a day, in case the id was reused — without touching the file of a
writer still at work.
"""

from __future__ import annotations

import os
import re
import time

STALE_SECONDS = 24 * 3600


def temp_name(prefix: str, suffix: str) -> str:
    """``{prefix}{pid}-{random}{suffix}``: unique, and traceable to the process writing it."""
    import secrets  # here: only a write needs it, and a cache hit writes nothing

    return f"{prefix}{os.getpid()}-{secrets.token_hex(6)}{suffix}"


def pattern(prefix: str, suffix: str) -> re.Pattern[str]:
    """Matches the names made with this prefix and suffix after a pid; group 1: the pid."""
    # the random part: ours (12 hex digits) or tempfile.mkstemp's (8 of [a-z0-9_])
    rest = r"([0-9]{1,10})-[a-z0-9_]{6,16}" + re.escape(suffix) + r"\Z"
    return re.compile(re.escape(prefix) + rest)


def is_stale(pid: int, mtime: float) -> bool:
    """Whether a temporary file's writer is gone (or it is older than a day)."""
    if time.time() - mtime > STALE_SECONDS:
        return True
    if pid <= 0:
        return True  # no writer of ours has such an id
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False  # alive under another user, or a value we cannot ask about: leave it
    return False
