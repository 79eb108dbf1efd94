"""Output: files that must not be written, writes cut short, Ctrl-C, closed pipes, a full disk."""

from __future__ import annotations

import errno
import os
import shlex
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.errors import ExitCode
from tests.conftest import Run

from .helpers import SHUSHA, child_env, listing, one_error, quiet_interrupt, sigint_default


def test_output_into_a_missing_directory(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.csv"
    one_error(
        run("export", "-o", str(target)),
        ExitCode.CANNOT_WRITE,
        f"{target}: the directory {target.parent} does not exist",
    )
    assert not target.parent.exists()


def test_output_under_a_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("keep")
    target = tmp_path / "a-file" / "x.csv"
    one_error(
        run("export", "-o", str(target)),
        ExitCode.CANNOT_WRITE,
        f"{tmp_path / 'a-file'} is not a directory",
    )
    assert (tmp_path / "a-file").read_text() == "keep"


def test_output_into_a_read_only_directory(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file can be created there (as root too: the temporary file is refused)."""
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "x.csv"
    one_error(
        run("export", "-o", str(target)),
        ExitCode.CANNOT_WRITE,
        f"{target}: cannot write here (Permission denied)",
    )
    assert not target.exists()


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux sysfs")
def test_output_onto_a_read_only_file_system(run: Run) -> None:
    """sysfs refuses new files even to root: a real read-only place to write to."""
    target = "/sys/shusha-test.csv"
    one_error(run("export", "-o", target), ExitCode.CANNOT_WRITE, f"{target}: cannot write here (")
    assert not Path(target).exists()


def test_output_onto_a_directory(run: Run, tmp_path: Path) -> None:
    one_error(
        run("export", "-o", str(tmp_path)),
        ExitCode.CANNOT_WRITE,
        f"{tmp_path}: is a directory; give a file name",
    )


def test_output_onto_a_pipe_or_device_is_refused(run: Run, tmp_path: Path) -> None:
    """Renaming a file over a FIFO (or /dev/null) would replace it, not write to it."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    one_error(
        run("export", "-o", str(fifo), "--force"),
        ExitCode.CANNOT_WRITE,
        f"{fifo}: is not a regular file; use '-o -'",
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_existing_file_without_force_is_unchanged(run: Run, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / f"old.{fmt}"
    target.write_bytes(b"old content\n")
    before = target.stat()
    one_error(
        run("export", "-f", fmt, "-o", str(target)),
        ExitCode.CANNOT_WRITE,
        f"{target}: already exists; use --force to overwrite it",
    )
    assert listing(tmp_path / "out") == {target.name: b"old content\n"}
    assert target.stat().st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize(
    "how", ["same path", "relative path", "symlink", "hard link", "environment"]
)
def test_output_over_the_input_is_refused(
    run: Run, mini_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    before = mini_path.read_bytes()
    target = str(mini_path)
    data = ["--data", str(mini_path)]
    if how == "relative path":
        monkeypatch.chdir(mini_path.parent)
        target = mini_path.name
    elif how == "symlink":
        (mini_path.parent / "link.yaml").symlink_to(mini_path)
        target = str(mini_path.parent / "link.yaml")
    elif how == "hard link":
        os.link(mini_path, mini_path.parent / "hard.yaml")
        target = str(mini_path.parent / "hard.yaml")
    elif how == "environment":
        monkeypatch.setenv("SHUSHA_DATA", str(mini_path))
        data = []
    result = run(*data, "export", "-o", target, "--force")
    monkeypatch.delenv("SHUSHA_DATA", raising=False)
    one_error(
        result, ExitCode.CANNOT_WRITE, f"{target}: refusing to overwrite the chronology being read"
    )
    assert mini_path.read_bytes() == before
    assert not [p for p in mini_path.parent.iterdir() if p.name.endswith(".tmp")]


class FailingStream:
    """A file stream that fails after ``limit`` characters, as a full disk or a Ctrl-C would."""

    def __init__(
        self, inner: Any, limit: int, error: BaseException, seen: list[dict[str, int]], folder: Path
    ) -> None:
        self.inner, self.limit, self.error = inner, limit, error
        self.seen, self.folder = seen, folder
        self.written = 0

    def write(self, text: str) -> int:
        if self.written + len(text) > self.limit:
            self.inner.write(text[: self.limit - self.written])
            self.inner.flush()
            self.seen.append({p.name: p.stat().st_size for p in self.folder.iterdir()})
            raise self.error
        self.written += len(text)
        return int(self.inner.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> FailingStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, []),
        (OSError(errno.ENOSPC, "No space left on device"), ExitCode.CANNOT_WRITE, ["cannot write (No space left on device)"]),
    ],
    ids=["ctrl-c", "disk-full"],
)  # fmt: skip
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_write_interrupted_halfway_leaves_old_file_or_none(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, error: BaseException,
    code: ExitCode, words: list[str], existing: bool,
) -> None:  # fmt: skip
    target = tmp_path / "out" / f"events.{fmt}"
    target.parent.mkdir()
    if existing:
        target.write_bytes(b"the old export\n")
    seen: list[dict[str, int]] = []
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(fd, *args, **kwargs)
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent != target.parent:
            return stream  # not the export (the chronology cache, say)
        return FailingStream(stream, 5000, error, seen, target.parent)

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = run("export", "-f", fmt, "-o", str(target), "--force")
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert result.code == code, result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    if words:
        one_error(result, code, *words)
    else:
        assert result.err.strip() == ""
    # it was half way: a temporary file held part of the export when it failed
    assert len(seen) == 1
    partial = [size for name, size in seen[0].items() if name.endswith(".tmp")]
    assert len(partial) == 1
    assert partial[0] >= 5000
    # and now: the old file or none, and no temporary file
    after = listing(target.parent)
    assert after == ({target.name: b"the old export\n"} if existing else {})


# The child waits this long for the Ctrl-C, then gives up with a message of its own; the test
# waits less for it to end, so a lost signal is a clear failure and a healthy run never waits.
CHILD_WAIT = 600
MARKER_WAIT = 120  # from start to marker: a second alone, a few on a loaded machine
EXIT_WAIT = 120  # from Ctrl-C to exit: well under a second

PRELUDE = f"""
import os, sys, time, pathlib
CHILD_WAIT = {CHILD_WAIT}
marker = pathlib.Path(sys.argv[1])
def ready(text):
    # atomically: the test must never see the marker without its content
    pathlib.Path(f"{{marker}}.part").write_text(text)
    os.replace(f"{{marker}}.part", marker)
"""

SLOW_STEP = (
    PRELUDE
    + """
from shusha_cli import cli
from shusha_cli.core import query
def slow(*args, **kwargs):
    ready("ready")
    time.sleep(CHILD_WAIT)
    raise SystemExit("not interrupted")
query.timeline = slow
cli.main(sys.argv[2:])
"""
)

HALF_WRITE = (
    PRELUDE
    + """
from shusha_cli import cli
real_fdopen = os.fdopen
class Slow:
    def __init__(self, inner, path):
        self.inner, self.path, self.written = inner, path, 0
    def write(self, text):
        self.written += len(text)
        n = self.inner.write(text)
        if self.written > 4000 and not marker.exists():
            self.inner.flush()
            ready(self.path)
            time.sleep(CHILD_WAIT)
            raise SystemExit("not interrupted")
        return n
    def __getattr__(self, name):
        return getattr(self.inner, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.inner.close()
def fdopen(fd, *args, **kwargs):
    stream = real_fdopen(fd, *args, **kwargs)
    path = os.readlink(f"/proc/self/fd/{fd}")
    # only the export's temporary file (not the chronology cache)
    return Slow(stream, path) if os.path.basename(path).startswith(".events.json.") else stream
os.fdopen = fdopen
cli.main(sys.argv[2:])
"""
)


def interrupt_when_ready(
    script: str, tmp_path: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script``, wait for its marker file, send SIGINT as a terminal's Ctrl-C does.

    The child writes the marker atomically (a rename), so it is never seen empty, and starts
    with SIGINT at its default even when this test run ignores it (a background job from a
    script does): Python then turns it into KeyboardInterrupt as at a terminal.
    """
    (tmp_path / "script.py").write_text(script)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, str(tmp_path / "script.py"), str(marker), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(tmp_path / "cache", NO_COLOR="1"), preexec_fn=sigint_default,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + MARKER_WAIT
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if not marker.exists():
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"no marker after {MARKER_WAIT} s (exit {proc.returncode}): {err}")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=EXIT_WAIT)
    finally:
        if proc.poll() is None:  # only on a failure above: never leave the child behind
            proc.kill()
            proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    proc = interrupt_when_ready(SLOW_STEP, tmp_path, "timeline")
    quiet_interrupt(proc)
    assert proc.stdout == ""


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_ctrl_c_half_way_through_a_write(tmp_path: Path, existing: bool) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "events.json"
    if existing:
        target.write_bytes(b"the old export\n")
    proc = interrupt_when_ready(
        HALF_WRITE, tmp_path, "export", "-f", "json", "-o", str(target), "--force"
    )
    quiet_interrupt(proc)
    half_written = Path((tmp_path / "marker").read_text())
    assert half_written.parent == out  # the export's temporary file was being written ...
    assert listing(out) == ({target.name: b"the old export\n"} if existing else {})  # ... gone


@pytest.mark.parametrize(
    "args",
    [["timeline"], ["timeline", "-f", "csv"], ["timeline", "-f", "json"], ["quotes"],
     ["place", "shusha"], ["actors"], ["export", "-f", "json"]],
    ids=lambda a: " ".join(a),
)  # fmt: skip
def test_closed_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """``shusha ... | head -1``: the first line, then a quiet exit 0 (no BrokenPipeError)."""
    command = " ".join([*SHUSHA, *args])
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True, text=True, env=child_env(tmp_path / "cache", COLUMNS="80"), timeout=60,
    )  # fmt: skip
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert proc.stdout.count("\n") == 1
    assert proc.stdout.strip()
    assert proc.stderr == ""


def test_reader_gone_before_the_first_line(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*SHUSHA, "timeline", "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=child_env(tmp_path / "cache"),
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.OK, err
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["timeline"], ["timeline", "-f", "json"], ["export"]], ids=lambda a: " ".join(a)
)
def test_full_disk_on_stdout_is_one_line(tmp_path: Path, args: list[str]) -> None:
    """``shusha timeline > /dev/full``: the output cannot be written; say so in one line."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*SHUSHA, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
            env=child_env(tmp_path / "cache"),
        )  # fmt: skip
    assert "Traceback" not in proc.stderr
    assert proc.returncode == ExitCode.CANNOT_WRITE
    assert proc.stderr == "shusha: cannot write to standard output (No space left on device)\n"


def test_closed_stdout_is_one_line(tmp_path: Path) -> None:
    """``shusha timeline >&-``: Python starts with no sys.stdout at all."""
    command = " ".join(shlex.quote(part) for part in [*SHUSHA, "timeline"])
    proc = subprocess.run(
        ["bash", "-c", f"exec {command} >&-"], stderr=subprocess.PIPE, text=True, timeout=60,
        env=child_env(tmp_path / "cache"),
    )  # fmt: skip
    assert proc.stderr == "shusha: standard output is closed; nothing can be written\n"
    assert proc.returncode == ExitCode.CANNOT_WRITE
