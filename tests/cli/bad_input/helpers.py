"""What the bad-input tests share: running shusha in a child process and checking answers."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shusha_cli.core.errors import ExitCode
from tests.conftest import REPO, Result, Run

SHUSHA = [sys.executable, "-m", "shusha_cli"]
SHIPPED = REPO / "data" / "events.yaml"

# Variables that change colour, width or data for a child process: each test sets its own.
HOST_ENV = {
    "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
    "COLORTERM", "TERM", "COLUMNS", "LINES", "SHUSHA_DATA", "SHUSHA_NO_CACHE", "XDG_CACHE_HOME",
}  # fmt: skip


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in HOST_ENV}
    env["XDG_CACHE_HOME"] = str(cache)
    env.update(extra)
    return env


def sigint_default() -> None:
    """In a child, before it runs: SIGINT at its default, whatever the test run inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def one_error(result: Result, code: ExitCode, *words: str) -> str:
    """``result`` failed with ``code``: one stderr line holding ``words``, nothing on stdout."""
    assert result.code == code, f"exit {result.code} ({result.err!r})"
    assert "Traceback" not in result.err + result.out
    assert result.err.endswith("\n"), result.err
    assert result.err.count("\n") == 1, result.err
    line = result.err.rstrip("\n")
    assert line.startswith("shusha: "), line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    assert result.out == ""
    return line


def validate_problems(run: Run, path: Path) -> list[str]:
    """``shusha validate FILE`` on an invalid file: its problems, without the ``FILE:`` prefix."""
    result = run("validate", str(path))
    assert result.code == ExitCode.INVALID_DATA, result.err
    assert "Traceback" not in result.err + result.out
    found = result.out.splitlines()
    assert found
    assert all(line.startswith(f"{path}") for line in found), found
    noun = "problem" if len(found) == 1 else "problems"
    assert result.err == f"shusha: {path}: {len(found)} {noun}\n"
    return [line.removeprefix(str(path)) for line in found]


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def quiet_interrupt(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == ExitCode.INTERRUPTED, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "KeyboardInterrupt" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 1
    assert len(proc.stderr) < 80


def limits(memory: int = 1536 * 2**20, cpu_seconds: int = 120) -> Callable[[], None]:
    """A ``preexec_fn`` capping the child's address space and CPU time, so that a regression
    (an input that makes shusha grow without bound) fails the test instead of the machine."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    return apply


def child(
    args: list[str],
    env: dict[str, str],
    *,
    timeout: float = 120,
    cwd: Path | None = None,
    memory: int = 1536 * 2**20,
    stdout: Any = subprocess.PIPE,
) -> Result:
    """Run shusha in a child process under :func:`limits`; its exit code, stdout and stderr."""
    proc = subprocess.run(
        [*SHUSHA, *args], env=env, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
        timeout=timeout, preexec_fn=limits(memory), check=False,
    )  # fmt: skip
    # surrogateescape: a byte that is not UTF-8 (latin-1 output, say) can still be recovered
    out = proc.stdout.decode("utf-8", "surrogateescape") if isinstance(proc.stdout, bytes) else ""
    return Result(proc.returncode, out, proc.stderr.decode("utf-8", "surrogateescape"))
