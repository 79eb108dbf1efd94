"""The cache's decoding, checked field by field where equality would not look.

``Span`` equality leaves out the date's text, precision and qualifier (two spans are the same
days however they were written), so a round trip that lost them would still compare equal.
"""

from __future__ import annotations

import os
from pathlib import Path

from shusha_cli.core.model import Chronology, Span
from shusha_cli.core.reading import cache


def _spans(chron: Chronology) -> list[tuple[str, Span | None]]:
    found: list[tuple[str, Span | None]] = []
    for e in chron.events:
        found += [(f"{e.id} date", e.date), (f"{e.id} reported", e.reported)]
    found += [(f"{q.id} date", q.date) for q in chron.quotes]
    return found


def _written(span: Span | None) -> tuple[object, ...] | None:
    if span is None:
        return None
    return (span.start, span.end, span.text, span.precision, span.qualifier)


def test_every_date_keeps_its_text_precision_and_qualifier(shipped: Chronology) -> None:
    back = cache.decode(cache.encode(shipped), shipped.path)
    before = {name: _written(s) for name, s in _spans(shipped)}
    after = {name: _written(s) for name, s in _spans(back)}
    assert after == before
    assert any(s is not None and s.qualifier is not None for _, s in _spans(back))


def test_one_span_object_per_distinct_date(shipped: Chronology) -> None:
    """Many events share a date: decoding builds each one once (memory on a big file)."""
    back = cache.decode(cache.encode(shipped), shipped.path)
    spans = [s for _, s in _spans(back) if s is not None]
    distinct = {_written(s) for s in spans}
    assert len({id(s) for s in spans}) == len(distinct) < len(spans)


def test_an_entry_goes_in_the_folder_it_is_given(tmp_path: Path, shipped: Chronology) -> None:
    path = Path(shipped.path)
    raw = path.read_bytes()
    key = cache.Key.of(path, os.stat(path), raw)
    entry = cache.entry_path(key, tmp_path)
    assert entry is not None
    assert entry.parent == tmp_path
    assert entry.name.startswith("chronology-")
    assert entry.name.endswith(".json")
    assert cache.entry_path(key, tmp_path / "other") == tmp_path / "other" / entry.name


def test_a_control_change_without_a_former_holder_survives_the_round_trip(
    shipped: Chronology,
) -> None:
    import dataclasses

    from shusha_cli.core.model import ControlChange, Side

    first = next(e for e in shipped.events if e.control)
    change = ControlChange(first.control[0].place, Side.AZERBAIJAN, None)
    changed = dataclasses.replace(first, control=(change,))
    events = tuple(changed if e.id == first.id else e for e in shipped.events)
    chron = dataclasses.replace(shipped, events=events)
    back = cache.decode(cache.encode(chron), chron.path)
    assert back.record(first.id).control == (change,)  # type: ignore[union-attr]
    assert back == chron
