"""The command line: options in, one core call, one renderer out.

This is the only module that knows about Typer and Click. Errors from the core arrive as
:class:`~shusha_cli.errors.ShushaError` and are turned into one line on stderr and an exit
code in :func:`main`, the one place that does so.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from typer._click.shell_completion import CompletionItem  # Typer vendors Click as typer._click
from typer._click.types import StringParamType

from shusha_cli.errors import ExitCode, ShushaError
from shusha_cli.render import Format

if TYPE_CHECKING:  # the model is imported when a command loads data, not for --help
    from shusha_cli.model import Chronology

app = typer.Typer(
    name="shusha",
    help="Explore the chronology of the 15 Oct – 10 Nov 2020 operations around Shusha (Shushi).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    data: str | None = None
    no_color: bool = False
    no_cache: bool = False


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"shusha {version('shusha')}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="SHUSHA_DATA",
            metavar="FILE",
            help="Read this chronology instead of the shipped one.",
            show_envvar=True,
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse and check the chronology file even if a cached copy is current.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Explore the chronology of the 15 Oct – 10 Nov 2020 operations around Shusha (Shushi)."""
    ctx.obj = State(data=data, no_color=no_color, no_cache=no_cache)


# --- shared plumbing ---------------------------------------------------------------------------


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def _load(ctx: typer.Context) -> Chronology:
    from shusha_cli import datafile

    state = _state(ctx)
    return datafile.open_chronology(
        datafile.resolve_data_path(state.data), use_cache=not state.no_cache
    )


def _console(ctx: typer.Context, file: TextIO | None = None) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let main() end a closed pipe quietly with exit 0 instead.
            raise PipeClosed

    no_color = _state(ctx).no_color or bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=file or sys.stdout,
        no_color=no_color,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )


class PipeClosed(Exception):
    """stdout's reader went away. Not an OSError, so Typer lets it through to main()."""


@contextmanager
def _stdout() -> Iterator[TextIO]:
    try:
        yield sys.stdout
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):
        raise PipeClosed from None


def _json(data: object) -> None:
    from shusha_cli.render import json as render_json

    with _stdout() as out:
        render_json.write(data, out)


def _csv(rows: Any, bom: bool = False) -> None:
    from shusha_cli.render import csv as render_csv

    with _stdout() as out:
        render_csv.write(rows, out, bom=bom)


def _emit(
    ctx: typer.Context,
    fmt: Format,
    as_json: Callable[[ModuleType], object],
    as_csv: Callable[[ModuleType], object],
    as_table: Callable[[ModuleType, Any], None],
) -> None:
    """Hand a result to the renderer of the chosen format, importing only that renderer."""
    if fmt is Format.JSON:
        from shusha_cli.render import json as render_json

        _json(as_json(render_json))
    elif fmt is Format.CSV:
        from shusha_cli.render import csv as render_csv

        _csv(as_csv(render_csv))
    else:
        from shusha_cli.render import table

        as_table(table, _console(ctx))


# --- tab completion ----------------------------------------------------------------------------


class _Completing(StringParamType):
    """A plain string whose Tab completions come from the chronology (shusha_cli.complete).

    A Click type rather than Typer's ``autocompletion=``: Typer keeps only the candidates that
    start with the typed text as typed, which would drop ``Shusha`` for ``shu`` and ``Şuşa`` for
    ``susa``; the core's folded matching decides here instead.
    """

    name = "text"

    def __init__(self, what: str) -> None:
        self.what = what

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        return [CompletionItem(v) for v in _complete(ctx, self.what, incomplete)]


_BASH_SPECIAL = re.compile(r"""[\s'"\\()&;|<>$`!*?\[\]{}#~]""")


def _complete(ctx: Any, what: str, incomplete: str) -> list[str]:
    """Candidates for a Tab press; on any failure none, never a traceback in the user's shell.

    The chronology is the one --data or SHUSHA_DATA names (as far as the command line typed so
    far says), else the shipped one.
    """
    try:
        from shusha_cli import complete, datafile

        data = ctx.find_root().params.get("data") if ctx is not None else None
        try:  # through the cache: a Tab press should not re-parse the YAML
            chron = datafile.open_chronology(datafile.resolve_data_path(data))
        except ShushaError:
            chron = datafile.open_chronology(datafile.shipped_data_path())
        finders = {
            "place": complete.complete_places,
            "actor": complete.complete_actors,
            "id": complete.complete_ids,
        }
        found = finders[what](chron, incomplete)
    except Exception:  # a completion must fail silently
        return []
    if os.environ.get("_SHUSHA_COMPLETE") == "complete_bash":
        # bash inserts a candidate as it is: escape what it would split or interpret
        return [_BASH_SPECIAL.sub(lambda m: "\\" + m.group(), v) for v in found]
    return found


# --- options defined once ----------------------------------------------------------------------

FromOpt = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="From this day (2020-10-29, '29 Oct', 2020-11)."),
]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to this day.")]
OnOpt = Annotated[str | None, typer.Option("--on", metavar="DATE", help="On this day or month.")]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        "-p",
        metavar="NAME",
        help="At this place (any name; repeatable).",
        click_type=_Completing("place"),
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        help="By or about this actor (repeatable).",
        click_type=_Completing("actor"),
    ),
]
SideOpt = Annotated[
    list[str] | None,
    typer.Option("--side", metavar="SIDE", help="Involving this side (repeatable)."),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", metavar="TYPE", help="Of this event type (repeatable)."),
]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", "-s", metavar="TEXT", help="Containing this text."),
]
NoBackgroundOpt = Annotated[
    bool, typer.Option("--no-background", help="Leave out the background before 15 Oct 2020.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _filter_input(
    date_from: str | None,
    date_to: str | None,
    on: str | None,
    place: list[str] | None,
    actor: list[str] | None,
    side: list[str] | None,
    type_: list[str] | None,
    search: str | None,
    no_background: bool = False,
) -> Any:
    from shusha_cli import query

    return query.FilterInput(
        date_from=date_from,
        date_to=date_to,
        on=on,
        places=tuple(place or ()),
        actors=tuple(actor or ()),
        sides=tuple(query.parse_side(s) for s in side or ()),
        types=tuple(query.parse_type(t) for t in type_ or ()),
        search=search,
        no_background=no_background,
    )


# --- commands ----------------------------------------------------------------------------------


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    search: SearchOpt = None,
    no_background: NoBackgroundOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Print the events that match, in order (earliest day, then time of day)."""
    from shusha_cli import query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    events = query.timeline(chron, filt)
    _emit_events(ctx, chron, events, filt.description, fmt)


def _emit_events(
    ctx: typer.Context, chron: Chronology, events: Any, title: str, fmt: Format
) -> None:
    _emit(
        ctx,
        fmt,
        lambda j: [j.event_obj(e) for e in events],
        lambda c: c.event_rows(chron, events),
        lambda t, con: t.print_timeline(con, chron, events, f"Timeline: {title}"),
    )


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]", help="The chronology to check (default: --data or shipped)."
        ),
    ] = None,
) -> None:
    """Check a chronology file and list every problem, one a line, with file:line."""
    from shusha_cli import load
    from shusha_cli.errors import DataError, ValidationFailed
    from shusha_cli.render import json as render_json
    from shusha_cli.render import table

    path = load.resolve_data_path(file or _state(ctx).data)
    try:
        chron = load.load(path)
    except DataError as exc:
        table.print_problems(_console(ctx), exc.problems)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        raise ValidationFailed(f"{path}: {len(exc.problems)} {noun}") from None
    table.print_summary(_console(ctx), render_json.summary_obj(chron))


@app.command()
def place(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Any name of the place: id, name or alias.",
            click_type=_Completing("place"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything about one place: names, control history, events, quotes."""
    from shusha_cli import query

    chron = _load(ctx)
    report = query.place_report(chron, name)
    _emit(
        ctx,
        fmt,
        lambda j: j.place_report_obj(report),
        lambda c: c.event_rows(chron, report.events),
        lambda t, con: t.print_place(con, chron, report),
    )


@app.command()
def places(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", "-k", help="Only this kind (repeatable).")
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="Only places in this district.")
    ] = None,
    sort: Annotated[str, typer.Option("--sort", help="name or activity.")] = "name",
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """All places, with kind, district, number of events, first and last date."""
    from shusha_cli import query

    chron = _load(ctx)
    kinds = [query.parse_place_kind(k) for k in kind or ()]
    rows = query.places_table(chron, kinds, district, sort)
    _emit(
        ctx,
        fmt,
        lambda j: [j.place_row_obj(r) for r in rows],
        lambda c: c.place_rows(rows),
        lambda t, con: t.print_places(con, rows),
    )


@app.command()
def actor(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Any name of the actor: id, name or alias.",
            click_type=_Completing("actor"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One person, unit or organisation: what they did, said, and who contradicted whom."""
    from shusha_cli import query

    chron = _load(ctx)
    report = query.actor_report(chron, name)
    _emit(
        ctx,
        fmt,
        lambda j: j.actor_report_obj(report),
        lambda c: c.event_rows(chron, report.events),
        lambda t, con: t.print_actor(con, chron, report),
    )


@app.command()
def actors(
    ctx: typer.Context,
    side: SideOpt = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", "-k", help="Only this kind (repeatable).")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """All people, units and organisations, by side."""
    from shusha_cli import query

    chron = _load(ctx)
    sides = [query.parse_side(s) for s in side or ()]
    rows = query.actors_table(chron, sides, [query.parse_actor_kind(k) for k in kind or ()])
    _emit(
        ctx,
        fmt,
        lambda j: [j.actor_obj(a) for a in rows],
        lambda c: c.actor_rows(rows),
        lambda t, con: t.print_actors(con, rows),
    )


@app.command()
def quotes(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Quotes, verbatim, in the order they were said, with speaker, side, date, occasion."""
    from shusha_cli import query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    found = query.quotes(chron, filt)
    title = f"Quotes: {filt.description}"
    _emit(
        ctx,
        fmt,
        lambda j: [j.quote_obj(q) for q in found],
        lambda c: c.quote_rows(chron, found),
        lambda t, con: t.print_quotes(con, chron, found, title),
    )


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The id of an event or a quote (as in JSON and CSV output).",
            click_type=_Completing("id"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One event or quote in full: dates, places, actors, links both ways, quotes, neighbours."""
    from shusha_cli import claims

    chron = _load(ctx)
    detail = claims.show(chron, ident)
    _emit(
        ctx,
        fmt,
        lambda j: j.detail_obj(detail),
        lambda c: c.detail_rows(chron, detail),
        lambda t, con: _detail_table(con, chron, detail),
    )


def _detail_table(console: Any, chron: Chronology, detail: Any) -> None:
    from shusha_cli.render import detail as render_detail

    render_detail.print_detail(console, chron, detail)


@app.command()
def claims(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Contested matters: each claim, what contradicted it, and the article's own account.

    A matter is shown when one of its claims or quotes passes the filters; --side means the side
    of whoever made the claim.
    """
    from shusha_cli import claims as core_claims
    from shusha_cli import query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    found = core_claims.matters(chron, filt)
    title = f"Claims: {filt.description}"
    _emit(
        ctx,
        fmt,
        lambda j: [j.matter_obj(m) for m in found],
        lambda c: c.matter_rows(found),
        lambda t, con: _claims_table(con, found, title),
    )


def _claims_table(console: Any, found: Any, title: str) -> None:
    from shusha_cli.render import detail as render_detail

    render_detail.print_claims(console, found, title)


@app.command()
def export(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    search: SearchOpt = None,
    no_background: NoBackgroundOpt = False,
    what: Annotated[
        str | None,
        typer.Option(
            "--what", "-w", help="events (default), quotes, places or actors; geojson: places."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, json or geojson.")] = "csv",
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="File to write; - is stdout.")
    ] = "-",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV with a BOM (for Excel).")] = False,
) -> None:
    """Write the filtered chronology as CSV, JSON or GeoJSON, to a file (safely) or stdout."""
    from shusha_cli import datafile, query
    from shusha_cli import export as core_export

    request = core_export.ExportRequest.parse(what, fmt, bom)
    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    if output == "-":
        with _stdout() as out:
            core_export.write(chron, filt, request, out)
        return
    protected = datafile.resolve_data_path(_state(ctx).data)
    count = core_export.write_file(chron, filt, request, Path(output), force, protected)
    typer.echo(f"wrote {count} {request.what} to {output}", err=True)


# --- campaign views: front, days, map -----------------------------------------------------------


def _charts() -> ModuleType:
    from shusha_cli.render import charts

    return charts


@app.command()
def front(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    side: SideOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Who held which place, day by day, and the changes of control (--on DAY: that day)."""
    from shusha_cli import campaign, query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, None, side, None, None)
    result = campaign.front(chron, query.resolve_filter(chron, given))
    _emit(
        ctx,
        fmt,
        lambda j: j.front_obj(result),
        lambda c: c.front_rows(result),
        lambda t, con: _charts().print_front(con, chron, result),
    )


@app.command()
def days(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    search: SearchOpt = None,
    no_background: NoBackgroundOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Events per day as bars split by type (spans shaded apart), busiest and empty days."""
    from shusha_cli import campaign, query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    result = campaign.activity(chron, query.resolve_filter(chron, given))
    _emit(
        ctx,
        fmt,
        lambda j: j.activity_obj(result),
        lambda c: c.activity_rows(result),
        lambda t, con: _charts().print_days(con, result),
    )


@app.command(name="map")
def map_(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    actor: ActorOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    search: SearchOpt = None,
    no_background: NoBackgroundOpt = False,
    around: Annotated[
        str | None,
        typer.Option("--around", metavar="NAME", help="Centre the map on this place."),
    ] = None,
    radius: Annotated[
        float, typer.Option("--radius", metavar="KM", help="With --around: km shown each way.")
    ] = 20.0,
    height: Annotated[
        int, typer.Option("--height", metavar="ROWS", help="Rows of the map itself.")
    ] = 24,
) -> None:
    """Places with coordinates at their relative positions; filters set active places apart."""
    from shusha_cli import campaign, query

    chron = _load(ctx)
    given = _filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    console = _console(ctx)
    drawn = campaign.draw_map(chron, filt, console.width - 2, height, around, radius)
    with _stdout():
        _charts().print_map(console, drawn)


# --- the one place errors become exit codes -----------------------------------------------------


def _fail(message: str) -> None:
    from shusha_cli.render.text import safe

    sys.stderr.write(f"shusha: {safe(message)}\n")


def main(argv: list[str] | None = None) -> None:
    """Run the app; every error ends as one stderr line and a documented exit code."""
    code: int = ExitCode.OK
    if sys.stdout is None:  # started with stdout closed (`shusha timeline >&-`)
        _fail("standard output is closed; nothing can be written")
        sys.exit(int(ExitCode.CANNOT_WRITE))
    try:
        result = app(args=argv, prog_name="shusha", standalone_mode=False)
        code = result if isinstance(result, int) else ExitCode.OK
        sys.stdout.flush()
    except ShushaError as exc:
        _fail(str(exc))
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\n")
        code = ExitCode.INTERRUPTED
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # Typer's own usage errors: bad option, missing value
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        _fail(exc.format_message().replace("\n", " ") + hint)
        code = ExitCode.USAGE
    except (BrokenPipeError, PipeClosed):
        # The reader went away (`shusha timeline | head -1`): stop quietly, and keep Python's
        # final flush of stdout from raising again.
        _silence_stdout()
        code = ExitCode.OK
    except OSError as exc:
        # stdout cannot take the output (`shusha timeline > /dev/full`): one line, exit 4.
        _fail(f"cannot write to standard output ({exc.strerror or exc})")
        _silence_stdout()
        code = ExitCode.CANNOT_WRITE
    sys.exit(int(code))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush cannot fail (and print) again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
