"""Start-up pays only for what the command uses (issue 17): cheap facts, asserted; the times
themselves are in bench/results.md, measured by bench/run.py, not by tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.bad_input.helpers import SHIPPED, child_env

PROBE = """
import sys
from shusha_cli.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))
sys.stderr.write("RICH:" + ",".join(loaded) + "\\n")
"""


def _rich_modules(argv: list[str], tmp_path: Path) -> list[str]:
    env = child_env(tmp_path / "cache", SHUSHA_PAGER="")
    for _ in range(2):  # the second run is a cache hit, what a user's repeated query is
        proc = subprocess.run(
            [sys.executable, "-c", PROBE.format(argv=argv)],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
    line = next(x for x in proc.stderr.splitlines() if x.startswith("RICH:"))
    return [m for m in line[5:].split(",") if m]


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "-f", "json"],
        ["timeline", "--from", "2020-10-29", "-f", "csv"],
        ["export", "-f", "json"],
        ["quotes", "-f", "json"],
        ["place", "Shusha", "-f", "json"],
        ["claims", "-f", "csv"],
        ["front", "-f", "json"],
    ],
)
def test_json_and_csv_never_import_rich(argv: list[str], tmp_path: Path) -> None:
    assert _rich_modules(argv, tmp_path) == []


def test_a_table_does_import_rich(tmp_path: Path) -> None:
    """The probe itself: it sees Rich when Rich is used."""
    assert "rich" in _rich_modules(["timeline", "--on", "2020-11-10"], tmp_path)


def test_running_one_command_builds_only_that_command(
    monkeypatch: pytest.MonkeyPatch, run: object
) -> None:
    import typer.main

    built: list[str] = []
    original = typer.main.get_command_from_info

    def counting(command_info: typer.models.CommandInfo, **kwargs: object) -> object:
        assert command_info.callback is not None
        built.append(command_info.callback.__name__)
        return original(command_info, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    from shusha_cli.cli import main

    for argv, want in (
        (["timeline", "--on", "2020-11-10", "-f", "json"], ["timeline"]),
        (["--no-color", "map", "--around", "Shusha", "--radius", "3"], ["map_"]),
        (["--data", str(SHIPPED), "show", "chanagchi-taken", "-f", "json"], ["show"]),
    ):
        built.clear()
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        assert built == want
    built.clear()
    with pytest.raises(SystemExit):
        main(["--help"])
    assert len(built) >= 14  # the help still lists every command
