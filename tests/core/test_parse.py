"""The loader: a clean file loads (each kind of problem, with file:line: test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shusha_cli.core.model import Side, TimeOfDay
from shusha_cli.core.reading import files
from shusha_cli.core.reading import parse as load
from tests.conftest import MINI


def test_mini_loads() -> None:
    chron = load.parse(MINI, "mini.yaml")
    assert [e.id for e in chron.events] == ["taken", "denied", "span"]
    taken = chron.events[0]
    assert taken.time_of_day is TimeOfDay.NOON
    assert taken.control[0].to is Side.AZERBAIJAN
    assert chron.record("q-b") is chron.quotes[0]
    assert chron.year == 2020


def test_data_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHUSHA_DATA", str(tmp_path / "env.yaml"))
    assert files.resolve_data_path("opt.yaml") == Path("opt.yaml")
    assert files.resolve_data_path(None) == tmp_path / "env.yaml"
    monkeypatch.delenv("SHUSHA_DATA")
    assert files.resolve_data_path(None) == files.shipped_data_path()
    assert files.shipped_data_path().is_file()
