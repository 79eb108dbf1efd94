"""core/reading/files.py: finding the file and reading its bytes, each failure one exact problem.

Each kind of path (missing, a folder, a pipe, a device, a socket, empty, binary, too large, not
UTF-8) is made for real in a temporary folder and read in process.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from shusha_cli.core.errors import DataError, ExitCode, Problem, UsageError
from shusha_cli.core.reading import files


def refused(path: Path) -> str:
    """The one message reading ``path`` is refused with (its file is the path, no line)."""
    with pytest.raises(DataError) as caught:
        files.read_text(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(path), None)
    assert caught.value.exit_code is ExitCode.INVALID_DATA
    return problem.message


@pytest.fixture(autouse=True)
def _no_size_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(files.MAX_BYTES_ENV_VAR, raising=False)


def test_the_names_of_the_settings() -> None:
    assert (files.ENV_VAR, files.NO_CACHE_ENV_VAR, files.MAX_BYTES_ENV_VAR) == (
        "SHUSHA_DATA",
        "SHUSHA_NO_CACHE",
        "SHUSHA_MAX_BYTES",
    )
    assert files.DEFAULT_MAX_BYTES == 268_435_456


def test_the_shipped_chronology_is_beside_the_package() -> None:
    package = Path(files.__file__).resolve().parents[2]
    assert package.name == "shusha_cli"
    assert files.shipped_data_path() == package / "data" / "events.yaml"
    assert files.shipped_data_path().is_file()


def test_the_data_path_option_then_variable_then_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUSHA_DATA", "env.yaml")
    assert files.resolve_data_path("opt.yaml") == Path("opt.yaml")
    assert files.resolve_data_path("") == Path("env.yaml")  # an empty option is no option
    assert files.resolve_data_path(None) == Path("env.yaml")
    monkeypatch.setenv("SHUSHA_DATA", "")
    assert files.resolve_data_path(None) == files.shipped_data_path()
    monkeypatch.delenv("SHUSHA_DATA")
    assert files.resolve_data_path(None) == files.shipped_data_path()


# --- the size cap -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "limit"),
    [("", 268_435_456), ("  ", 268_435_456), ("1", 1), (" 42\n", 42), ("9" * 18, 10**18 - 1)],
)
def test_the_size_cap(monkeypatch: pytest.MonkeyPatch, raw: str, limit: int) -> None:
    monkeypatch.setenv("SHUSHA_MAX_BYTES", raw)
    assert files.max_bytes() == limit


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("0", "'0'"),
        ("-5", "'-5'"),
        ("1.5", "'1.5'"),
        ("1e6", "'1e6'"),
        ("1_000", "'1_000'"),
        ("٣", "'٣'"),  # an Arabic-Indic digit: a digit, not ASCII
        ("1" * 19, repr("1" * 19)),
        ("2" * 50, repr("2" * 40)),
        ("ten", "'ten'"),
    ],
)
def test_a_size_cap_that_is_not_a_number(
    monkeypatch: pytest.MonkeyPatch, raw: str, shown: str
) -> None:
    monkeypatch.setenv("SHUSHA_MAX_BYTES", raw)
    with pytest.raises(UsageError) as caught:
        files.max_bytes()
    assert str(caught.value) == (
        f"SHUSHA_MAX_BYTES={shown}: give a whole number of bytes from 1 to 10^18"
    )


def test_a_file_at_the_cap_is_read_one_more_byte_is_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "ten.yaml"
    path.write_bytes(b"a: 123456\n")
    monkeypatch.setenv("SHUSHA_MAX_BYTES", "10")
    assert files.read_text(path) == "a: 123456\n"
    raw, st = files.read_with_stat(path)
    assert (raw, st.st_size, stat.S_ISREG(st.st_mode)) == (b"a: 123456\n", 10, True)
    monkeypatch.setenv("SHUSHA_MAX_BYTES", "9")
    assert refused(path) == (
        "is larger than 9 bytes, the most shusha reads; "
        "set SHUSHA_MAX_BYTES to a larger number of bytes to read it"
    )


def test_a_file_larger_than_it_says_is_stopped_at_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # /proc files say they hold 0 bytes: the cap is kept while reading, not only by the size
    path = Path("/proc/self/status")
    if not path.exists() or path.stat().st_size != 0:
        pytest.skip("needs Linux's /proc")
    monkeypatch.setenv("SHUSHA_MAX_BYTES", "1000")
    assert refused(path) == (
        "is larger than 1,000 bytes, the most shusha reads; "
        "set SHUSHA_MAX_BYTES to a larger number of bytes to read it"
    )
    monkeypatch.setenv("SHUSHA_MAX_BYTES", "1000000")
    assert files.read_text(path).startswith("Name:")


def test_a_long_file_is_read_whole(tmp_path: Path) -> None:
    # more than one read's worth (1 MiB): every chunk is kept, in order
    body = b"".join(b"# line %07d\n" % n for n in range(200_000))
    path = tmp_path / "long.yaml"
    path.write_bytes(body)
    assert len(body) > 2 * (1 << 20)
    assert files.read_bytes(path) == body


# --- what is not a chronology file ----------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.yaml") == "no such file"


def test_a_folder(tmp_path: Path) -> None:
    assert refused(tmp_path) == "is a directory, not a chronology file"


def test_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert refused(fifo) == "is not a regular file (a named pipe); give a YAML file"


def test_a_device() -> None:
    assert refused(Path("/dev/null")) == "is not a regular file (a device); give a YAML file"


def test_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert refused(path) == "is not a regular file (a socket or a pipe)"


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything")
        assert refused(path) == "cannot be read (permission denied)"
    finally:
        path.chmod(0o600)


def test_a_path_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert refused(path / "inside.yaml") == "cannot be read (Not a directory)"


def test_a_name_too_long(tmp_path: Path) -> None:
    assert refused(tmp_path / ("n" * 300)) == "cannot be read (File name too long)"


def test_the_kinds_of_files() -> None:
    assert files._kind(stat.S_IFIFO) == "a named pipe"
    assert files._kind(stat.S_IFCHR) == "a device"
    assert files._kind(stat.S_IFBLK) == "a device"
    assert files._kind(stat.S_IFSOCK) == "a socket"
    assert files._kind(stat.S_IFLNK) == "not a file"


@pytest.mark.parametrize("raw", [b"", b"\n", b" \t\r\n  \n"])
def test_an_empty_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(raw)
    assert refused(path) == (
        "is empty; a chronology needs source, places, actors, events and quotes"
    )


@pytest.mark.parametrize("raw", [b"a: 1\n\x00", b"\x00", b"\x00\x00a"])
def test_a_binary_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(raw)
    assert refused(path) == "is binary, not YAML text"


# --- decoding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a: 1\n", "a: 1\n"),
        (b"\xef\xbb\xbfa: 1\n", "a: 1\n"),  # the byte-order mark is dropped
        ("a: Şuşa\n".encode(), "a: Şuşa\n"),
    ],
)
def test_decode(tmp_path: Path, raw: bytes, text: str) -> None:
    assert files.decode(raw, tmp_path) == text
    path = tmp_path / "t.yaml"
    path.write_bytes(raw)
    assert files.read_text(path) == text


@pytest.mark.parametrize(
    ("raw", "offset"),
    [(b"\xff", 0), (b"a: \xe9\n", 3), ("a: Ş".encode() + b"\x80", 5), (b"\xef\xbb\xbf\xff", 3)],
)
def test_not_utf8(tmp_path: Path, raw: bytes, offset: int) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(raw)
    assert refused(path) == f"is not UTF-8 text (bad byte at offset {offset})"


def test_decoding_out_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    class Huge(bytes):
        def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
            raise MemoryError

    with pytest.raises(DataError) as caught:
        files.decode(Huge(b"a"), Path("big.yaml"))
    assert caught.value.problems == [
        Problem("big.yaml", None, "is too large to read in the memory available")
    ]


def test_reading_out_of_memory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def exhausted(fd: int, limit: int, where: Path) -> bytes:
        raise MemoryError

    monkeypatch.setattr(files, "_read_at_most", exhausted)
    assert refused(path) == "is too large to read in the memory available"


def test_a_read_that_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "eio.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def broken(fd: int, limit: int, where: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "_read_at_most", broken)
    assert refused(path) == "cannot be read (Input/output error)"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (FileNotFoundError(2, "No such file or directory"), "no such file"),
        (IsADirectoryError(21, "Is a directory"), "is a directory, not a chronology file"),
        (PermissionError(13, "Permission denied"), "cannot be read (permission denied)"),
        (OSError(6, "No such device or address"), "is not a regular file (a socket or a pipe)"),
        (OSError(5, "Input/output error"), "cannot be read (Input/output error)"),
        (OSError("no reason given"), "cannot be read (no reason given)"),
    ],
)
def test_each_way_opening_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, error: OSError, message: str
) -> None:
    # some cannot be made for real here (a folder opens on Linux; root reads any file)
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    opened: list[int] = []

    def failing(where: object, flags: int, *args: object) -> int:
        opened.append(flags)
        raise error

    monkeypatch.setattr(files.os, "open", failing)
    assert refused(path) == message
    monkeypatch.undo()
    # read only, and never waiting on a pipe with no writer
    assert opened == [os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC]
