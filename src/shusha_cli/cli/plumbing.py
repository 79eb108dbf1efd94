"""Plumbing every command shares: the loaded chronology, the console, and handing results out.

Data goes to stdout through the renderer of the chosen format; only that renderer is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

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


def console_for(ctx: typer.Context, file: TextIO | None = None) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let main() end a closed pipe quietly with exit 0 instead.
            raise PipeClosed

    no_color = state_of(ctx).no_color or bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=file or sys.stdout,
        no_color=no_color,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


@contextmanager
def stdout_guard() -> Iterator[TextIO]:
    try:
        yield sys.stdout
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):
        raise PipeClosed from None


def emit_json(data: object) -> None:
    from shusha_cli.render import json as render_json

    with stdout_guard() as out:
        render_json.write(data, out)


def emit_csv(rows: Any, bom: bool = False) -> None:
    from shusha_cli.render import csv as render_csv

    with stdout_guard() as out:
        render_csv.write(rows, out, bom=bom)


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

        as_table(table, console_for(ctx))
