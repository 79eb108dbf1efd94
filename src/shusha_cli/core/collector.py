"""Pausing Python's garbage collector while a chronology is built, for the loader and the cache.

It sits below both (and below the file reader) so that none of them imports another for it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
