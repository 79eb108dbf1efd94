"""The built wheel carries the chronology, so a non-editable install finds it anywhere."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None, reason="needs hatchling (the dev extra)"
)
def test_wheel_carries_the_chronology(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("shusha-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert names.count("shusha_cli/data/events.yaml") == 1
        assert "shusha_cli/py.typed" in names
        shipped = zf.read("shusha_cli/data/events.yaml")
    assert shipped == (REPO / "data" / "events.yaml").read_bytes()
