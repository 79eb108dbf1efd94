"""Smoke test of the benchmark's generator: deterministic, and what it writes is valid.

Not a timed test: the figures come from ``python bench/run.py``. This only guards the generator,
whose files the benchmark feeds to the CLI, against drifting out of the schema.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from shusha_cli.core.reading import parse as load

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """bench/ is not a package of the project: make the repository root importable for it."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module("bench.generate")


def test_same_seed_same_bytes(generate: ModuleType, tmp_path: Path) -> None:
    one, two, other = tmp_path / "one.yaml", tmp_path / "two.yaml", tmp_path / "other.yaml"
    generate.write(50, one, seed=7)
    generate.write(50, two, seed=7)
    generate.write(50, other, seed=8)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes() != other.read_bytes()


def test_generated_chronology_is_valid(generate: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "fifty.yaml"
    generate.write(50, path, seed=7)
    chron = load.parse(path.read_text(encoding="utf-8"), str(path))  # raises on any problem
    assert len(chron.events) == 50
    assert chron.places
    assert chron.actors
    assert chron.quotes
    assert all(1 <= n <= chron.source.paragraphs for e in chron.events for n in e.sources)
