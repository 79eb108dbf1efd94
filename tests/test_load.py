"""The loader: a clean file loads (each kind of problem, with file:line: test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shusha_cli import load
from shusha_cli.model import Side, TimeOfDay

from .conftest import MINI


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
    assert load.resolve_data_path("opt.yaml") == Path("opt.yaml")
    assert load.resolve_data_path(None) == tmp_path / "env.yaml"
    monkeypatch.delenv("SHUSHA_DATA")
    assert load.resolve_data_path(None) == load.shipped_data_path()
    assert load.shipped_data_path().is_file()
