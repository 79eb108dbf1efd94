"""YAML text -> a checked :class:`~shusha_cli.core.model.Chronology`, every problem located by line.

The steps live apart: :mod:`.yaml_nodes` composes the text, :mod:`.records` builds and checks
each record through :mod:`.fields`, and :mod:`.references` checks the links between records.
"""

from __future__ import annotations

from pathlib import Path

from shusha_cli.core.collector import collector_paused
from shusha_cli.core.errors import DataError, Problem
from shusha_cli.core.model import Chronology
from shusha_cli.core.reading.files import read_text
from shusha_cli.core.reading.records import RecordReader
from shusha_cli.core.reading.yaml_nodes import compose


def load(path: Path) -> Chronology:
    """Load and check a chronology file; raise DataError listing every problem found."""
    text = read_text(path)
    return parse(text, str(path))


def parse(text: str, name: str = "<data>") -> Chronology:
    """Check a chronology given as YAML text; ``name`` is used in problem messages."""
    try:
        return _parse(text, name)
    except MemoryError:
        pass  # leave the except block first, so the half-built tree can be freed
    raise DataError([Problem(name, None, "is too large to check in the memory available")])


def _parse(text: str, name: str) -> Chronology:
    with collector_paused():
        node = compose(text, name)
        reader = RecordReader(name)
        chronology = reader.chronology(node)
        del node
    if reader.problems or chronology is None:
        reader.problems.sort(key=lambda p: p.line or 0)
        raise DataError(reader.problems)
    return chronology
