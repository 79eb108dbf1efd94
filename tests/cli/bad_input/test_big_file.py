"""A generated 50 MB chronology: it loads, or fails cleanly, in bounded time and memory."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from shusha_cli.core.errors import ExitCode

from .helpers import SHIPPED, SHUSHA, child_env, quiet_interrupt

BIG_BYTES = 50 * 1024 * 1024
BIG_SECONDS = 120
BIG_MEMORY = 6 * 1024**3


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid chronology of 50 MB: the shipped one, its events repeated under new ids."""
    text = SHIPPED.read_text(encoding="utf-8")
    head, rest = text.split("\nevents:\n", 1)
    events, quotes = rest.split("\nquotes:\n", 1)
    parts = [head, "\nevents:\n", events]
    size, copy_no = len(text.encode()), 0
    while size < BIG_BYTES:
        copy_no += 1
        parts.append(
            "\n" + re.sub(r"^  - id: (\S+)$", rf"  - id: \1-copy{copy_no}", events, flags=re.M)
        )
        size += len(events.encode()) + 1
    parts += ["\nquotes:\n", quotes]
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    assert path.stat().st_size >= BIG_BYTES
    return path


def measured(args: list[str], env: dict[str, str], folder: Path, limit: Callable[[], None] | None = None) -> tuple[int, str, str, float, int]:  # fmt: skip
    """Run shusha; return exit code, stdout, stderr, seconds and its own peak memory (bytes)."""
    out_path, err_path = folder / "stdout", folder / "stderr"
    start = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([*SHUSHA, *args], stdout=out, stderr=err, env=env, preexec_fn=limit)
    while (
        True
    ):  # os.wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the maximum of all)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > BIG_SECONDS * 2:
            proc.kill()
            os.wait4(proc.pid, 0)
            pytest.fail(f"shusha {' '.join(args)} hung")
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    text = out_path.read_text(), err_path.read_text()
    return proc.returncode, *text, seconds, usage.ru_maxrss * 1024


def clean(code: int, out: str, err: str) -> None:
    """Success, or one clean line: never a traceback."""
    assert "Traceback" not in err
    assert code == ExitCode.OK or (code in set(ExitCode) and err.count("\n") == 1), err


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{big}"],
        ["--data", "{big}", "timeline", "--on", "2020-11-07", "--type", "capture"],
    ],
    ids=["validate", "timeline"],
)
def test_big_file_loads_within_time_and_memory(
    big_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    args: list[str],
    record_property: Callable[[str, object], None],
) -> None:
    env = child_env(tmp_path_factory.getbasetemp() / "big-cache", COLUMNS="100", NO_COLOR="1")
    code, out, err, seconds, peak = measured([a.format(big=big_file) for a in args], env, tmp_path)
    record_property("seconds", round(seconds, 1))
    record_property("peak_mb", peak // 2**20)
    print(f"\n{' '.join(args)}: {seconds:.1f} s, peak {peak / 2**20:.0f} MB")
    clean(code, out, err)
    assert seconds < BIG_SECONDS
    assert peak < BIG_MEMORY
    if code == ExitCode.OK:
        assert out.startswith((f"{big_file}: valid — ", "Timeline: 7 Nov 2020, type capture — "))


@pytest.mark.slow
def test_big_file_in_too_little_memory_fails_cleanly(big_file: Path, tmp_path: Path) -> None:
    """With 800 MB of address space the 50 MB file cannot be checked: one line, exit 3."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (800 * 2**20, 800 * 2**20))

    code, out, err, seconds, _ = measured(
        ["--data", str(big_file), "places"], child_env(tmp_path / "cache"), tmp_path, limit
    )
    assert "Traceback" not in err
    assert code == ExitCode.INVALID_DATA, err
    assert err == f"shusha: {big_file}: is too large to check in the memory available\n"
    assert out == ""
    assert seconds < BIG_SECONDS


@pytest.mark.slow
def test_big_file_ctrl_c_while_loading(big_file: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*SHUSHA, "validate", str(big_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=child_env(tmp_path / "cache"),
    )  # fmt: skip
    time.sleep(3)  # started, and well inside the ~30 s of loading
    assert proc.poll() is None, proc.communicate()
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    quiet_interrupt(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    assert time.monotonic() - sent < 10
    assert out == ""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_big_export_killed_mid_write(
    big_file: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, sig: signal.Signals
) -> None:
    """Stopped while writing ~85 MB of JSON: the old file stays; Ctrl-C also removes its temp file."""
    target = tmp_path / "events.json"
    target.write_bytes(b"the old export\n")
    env = child_env(tmp_path_factory.getbasetemp() / "big-cache")
    proc = subprocess.Popen(
        [*SHUSHA, "--data", str(big_file), "export", "-f", "json", "-o", str(target), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + BIG_SECONDS
    temp: list[Path] = []
    while proc.poll() is None and time.monotonic() < deadline:
        temp = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p.stat().st_size > 0]
        if temp:
            break
        time.sleep(0.005)
    assert temp, proc.communicate()
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert target.read_bytes() == b"the old export\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    if sig == signal.SIGINT:
        quiet_interrupt(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        assert leftovers == []
    else:  # nothing can run on SIGKILL: a hidden temporary file may stay, never a partial target
        assert proc.returncode == -signal.SIGKILL
        assert all(name.startswith(".events.json.") for name in leftovers)
