"""Opening a chronology: through the cache when the file has not changed, else parse and check.

Kept apart from the parser so that a command whose chronology is already in the cache never
imports PyYAML or the validating loader at all: start-up time is most of what a user waits for on
a small file.
"""

from __future__ import annotations

import os
from pathlib import Path

from shusha_cli.core.model import Chronology
from shusha_cli.core.reading.files import NO_CACHE_ENV_VAR, decode, read_with_stat


def open_chronology(path: Path, *, use_cache: bool = True) -> Chronology:
    """The checked chronology in ``path``, from the cache when the file has not changed.

    On a miss the file is parsed and checked in full (:func:`.parse.parse`) and the
    result stored for next time. The cache never changes what a command answers: it only holds
    chronologies that passed every check, keyed on the file's exact bytes.
    """
    if use_cache and os.environ.get(NO_CACHE_ENV_VAR, "") not in ("", "0"):
        use_cache = False
    raw, stat = read_with_stat(path)  # one open file: the key describes the bytes read
    key = None
    if use_cache:
        from shusha_cli.core.reading import cache

        key = cache.Key.of(path, stat, raw)
        hit = cache.read(key)
        if hit is not None:
            return hit
    from shusha_cli.core.reading import parse as load

    chron = load.parse(decode(raw, path), str(path))
    if key is not None:
        cache.write(key, chron)
    return chron
