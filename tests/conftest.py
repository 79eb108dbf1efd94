"""Shared fixtures: the shipped chronology, a small valid one, and a CLI runner through main()."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from shusha_cli import cli
from shusha_cli.core.model import Chronology
from shusha_cli.core.reading import parse as load

# Property tests must not depend on how busy the machine is: no per-example deadline and no
# "too slow" health check (a loaded CI machine or a mutation run tripped both), and in CI the
# same examples every run (``derandomize``), so a result never changes between two runs of the
# same code. Tests that need a deadline to catch a hang set their own (tests/core/test_fuzz.py).
settings.register_profile(
    "shusha",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("shusha")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

MINI = """\
schema: 1
source:
  title: "A test article"
  file: test.md
  paragraphs: 5
places:
  - id: shusha
    name: Shusha
    aliases: ["Şuşa", "Shushi"]
    kind: city
    coordinates: {lat: 39.7583, lon: 46.7483, precision: settlement, source: "test"}
  - id: agbulag-1
    name: Agbulag
    kind: village
  - id: agbulag-2
    name: Agbulag
    kind: village
actors:
  - id: army-a
    name: Army A
    kind: unit
    side: azerbaijan
  - id: spokesman-b
    name: Spokesman B
    aliases: ["B"]
    kind: person
    side: armenia
events:
  - id: taken
    date: "2020-11-07"
    time_of_day: noon
    title: "Army A takes Shusha"
    summary: "A test capture."
    type: capture
    places: [shusha]
    actors: [army-a]
    sources: [2]
    control:
      - {place: shusha, to: azerbaijan, from: nagorno-karabakh}
  - id: denied
    date: "2020-11-08"
    title: "B denies it"
    summary: "A test denial."
    type: denial
    places: [shusha]
    actors: [spokesman-b]
    sources: [3]
    attribution: spokesman-b
    contradicts: [taken]
  - id: span
    date: "2020-10-21/2020-10-29"
    title: "A span"
    summary: "Fighting over nine days."
    type: fighting
    places: [agbulag-1]
    sources: [1]
quotes:
  - id: q-b
    speaker: spokesman-b
    date: "2020-11-08"
    occasion: briefing
    text: "They failed, =SUM(A1)"
    sources: [3]
    places: [shusha]
    events: [denied]
"""


@pytest.fixture(scope="session")
def _cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def cache_home(_cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every process it starts) caches under a temporary folder, never ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_root))
    monkeypatch.delenv("SHUSHA_NO_CACHE", raising=False)
    return _cache_root


@pytest.fixture(scope="session")
def shipped() -> Chronology:
    return load.load(REPO / "data" / "events.yaml")


@pytest.fixture
def mini_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the real entry point (with its error handling) at a fixed width, without colour."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SHUSHA_DATA", raising=False)

    def invoke(*args: str, width: int = 80) -> Result:
        monkeypatch.setenv("COLUMNS", str(width))
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            monkeypatch.setattr(sys, "stdout", sys.__stdout__)
            monkeypatch.setattr(sys, "stderr", sys.__stderr__)
        return Result(code, out.getvalue(), err.getvalue())

    return invoke
