"""Plumbing every command shares: the loaded chronology, the console, and handing results out.

Data goes to stdout through the renderer of the chosen format; only that renderer is imported.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO, cast

import typer

from shusha_cli.cli.app import PipeClosed, State
from shusha_cli.render import Format

if TYPE_CHECKING:  # the model is imported when a command loads data, not for --help
    from shusha_cli.core.model import Chronology

# --- shared plumbing ---------------------------------------------------------------------------


def state_of(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def load_chronology(ctx: typer.Context) -> Chronology:
    from shusha_cli.core.reading import files, opening

    state = state_of(ctx)
    return opening.open_chronology(
        files.resolve_data_path(state.data), use_cache=not state.no_cache
    )


MAX_COLUMNS = 1000
"""The widest terminal drawn for: a wider ``COLUMNS`` is refused, not drawn (a grid is kept in
memory, so ``COLUMNS=99999999999999999999`` would otherwise end in a memory error)."""


def columns() -> int | None:
    """``$COLUMNS`` if set, range-checked where it enters; None to let Rich ask the terminal."""
    from shusha_cli.core.errors import UsageError

    raw = os.environ.get("COLUMNS", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= MAX_COLUMNS):
        shown = raw if len(raw) <= 24 else raw[:24] + "…"
        raise UsageError(
            f"COLUMNS={shown!r} is not a terminal width shusha draws (1 to {MAX_COLUMNS})"
        )
    return int(raw)


def console_for(ctx: typer.Context, file: TextIO | None = None, *, paged: bool = False) -> Any:
    """A Rich console that never reads markup; ``paged``: one drawing for the terminal, to a
    buffer that is handed to the pager (same width and colours as the terminal itself)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let main() end a closed pipe quietly with exit 0 instead.
            raise PipeClosed

    no_color = state_of(ctx).no_color or bool(os.environ.get("NO_COLOR"))
    width = columns()
    extra: dict[str, Any] = {}
    if paged:
        extra = {"force_terminal": True}
        width = width or shutil.get_terminal_size().columns
    return _Console(
        file=file or cast(TextIO, TidyWriter(sys.stdout)),
        width=width,
        no_color=no_color,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        **extra,
    )


_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def tidy(text: str) -> str:
    """Text with no line ending in blanks (a colour reset after them is kept).

    Rich pads wrapped and table lines to the column's width; blanks at the end of a line spoil
    copy and paste and diffs, and say nothing.
    """
    return _TRAILING.sub(r"\1", text)


class TidyWriter:
    """A text stream that passes whole lines on through :func:`tidy`, the rest when flushed."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        data = self.pending + text
        head, newline, self.pending = data.rpartition("\n")
        if newline:
            self.stream.write(tidy(head + newline))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


def pager_command(ctx: typer.Context) -> str | None:
    """The pager to use, as git chooses one, or None when output goes straight to stdout.

    Only when stdout is a terminal and paging is not turned off: ``$SHUSHA_PAGER``, then
    ``$PAGER``, then ``less -FRX``; an empty value or ``cat`` means no pager.
    """
    if state_of(ctx).no_pager or not sys.stdout.isatty():
        return None
    for name in ("SHUSHA_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value if value.strip() not in ("", "cat") else None
    return "less -FRX"


def run_pager(command: str, text: str) -> bool:
    """Send ``text`` through the pager; False if the pager could not be started."""
    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=env, encoding="utf-8",
            errors="replace",
        )  # fmt: skip
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the pager
    try:
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
            proc.stdin.write(text)
            proc.stdin.close()
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return proc.returncode != 127  # the shell's "command not found"


def print_table(ctx: typer.Context, draw: Callable[[Any], None]) -> None:
    """Draw a table view; page it when it is taller than the terminal (see pager_command)."""
    command = pager_command(ctx)
    if command is None:
        with stdout_guard():
            draw(console_for(ctx))
        return
    buffer = io.StringIO()
    draw(console_for(ctx, buffer, paged=True))
    text = tidy(buffer.getvalue())
    if text.count("\n") >= shutil.get_terminal_size().lines and run_pager(command, text):
        return
    with stdout_guard() as out:
        out.write(text)


@contextmanager
def stdout_guard() -> Iterator[TextIO]:
    try:
        yield sys.stdout
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):
        raise PipeClosed from None


class _Inert:
    """A text stream that makes what is written inert before a terminal sees it."""

    def __init__(self, out: TextIO, clean: Callable[[str], str]) -> None:
        self._out = out
        self._clean = clean
        self.encoding = getattr(out, "encoding", None)

    def write(self, text: str) -> int:
        self._out.write(self._clean(text))
        return len(text)

    def flush(self) -> None:
        self._out.flush()


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def document_stream(out: TextIO, kind: str) -> TextIO:
    """``out`` itself for a file or a pipe (byte-exact); for a terminal, one that escapes what
    would steer it (ESC, OSC, C1 controls, direction overrides): JSON with its own ``\\u``
    escapes, so it is still the same JSON; CSV as the tables show them."""
    if not _is_terminal(out):
        return out
    from shusha_cli.core import inert

    clean = inert.json_for_terminal if kind == "json" else inert.for_terminal
    return cast(TextIO, _Inert(out, clean))


def emit_json(data: object) -> None:
    from shusha_cli.render import json as render_json

    with stdout_guard() as out:
        render_json.write(data, document_stream(out, "json"))


def emit_csv(rows: Any, bom: bool = False) -> None:
    from shusha_cli.render import csv as render_csv

    with stdout_guard() as out:
        render_csv.write(rows, document_stream(out, "csv"), bom=bom)


def emit(
    ctx: typer.Context,
    fmt: Format,
    as_json: Callable[[ModuleType], object],
    as_csv: Callable[[ModuleType], object],
    as_table: Callable[[ModuleType, Any], None],
) -> None:
    """Hand a result to the renderer of the chosen format, importing only that renderer."""
    if fmt is Format.JSON:
        from shusha_cli.render import json as render_json

        emit_json(as_json(render_json))
    elif fmt is Format.CSV:
        from shusha_cli.render import csv as render_csv

        emit_csv(as_csv(render_csv))
    else:
        from shusha_cli.render import table

        print_table(ctx, lambda console: as_table(table, console))


def renderer(name: str) -> ModuleType:
    """A table renderer, imported only when a table is drawn (JSON and CSV never need Rich)."""
    return importlib.import_module(f"shusha_cli.render.{name}")


def note(text: str | None) -> None:
    """A remark for the reader on stderr, beside the data (which goes to stdout unchanged)."""
    if text:
        from shusha_cli.core.inert import safe

        sys.stderr.write(f"shusha: {safe(text)}\n")
