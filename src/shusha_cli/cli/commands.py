"""The commands: each parses its options, calls one core or view function, hands on the result."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shusha_cli.cli.app import app
from shusha_cli.cli.options import (
    ActorOpt,
    Completing,
    FormatOpt,
    FromOpt,
    NoBackgroundOpt,
    OnOpt,
    PlaceOpt,
    SearchOpt,
    SideOpt,
    ToOpt,
    TypeOpt,
    filter_input,
)
from shusha_cli.cli.plumbing import (
    console_for,
    document_stream,
    emit,
    load_chronology,
    state_of,
    stdout_guard,
)
from shusha_cli.render import Format

if TYPE_CHECKING:
    from shusha_cli.core.model import Chronology

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
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    events = query.timeline(chron, filt)
    _emit_events(ctx, chron, events, filt.description, fmt)


def _emit_events(
    ctx: typer.Context, chron: Chronology, events: Any, title: str, fmt: Format
) -> None:
    emit(
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
    from shusha_cli.core.errors import DataError, ValidationFailed
    from shusha_cli.core.reading import files
    from shusha_cli.core.reading import parse as load
    from shusha_cli.render import json as render_json
    from shusha_cli.render import table

    path = files.resolve_data_path(file or state_of(ctx).data)
    try:
        chron = load.load(path)
    except DataError as exc:
        table.print_problems(console_for(ctx), exc.problems)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        raise ValidationFailed(f"{path}: {len(exc.problems)} {noun}") from None
    table.print_summary(console_for(ctx), render_json.summary_obj(chron))


@app.command()
def place(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Any name of the place: id, name or alias.",
            click_type=Completing("place"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything about one place: names, control history, events, quotes."""
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    report = query.place_report(chron, name)
    emit(
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
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    kinds = [query.parse_place_kind(k) for k in kind or ()]
    rows = query.places_table(chron, kinds, district, sort)
    emit(
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
            click_type=Completing("actor"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One person, unit or organisation: what they did, said, and who contradicted whom."""
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    report = query.actor_report(chron, name)
    emit(
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
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    sides = [query.parse_side(s) for s in side or ()]
    rows = query.actors_table(chron, sides, [query.parse_actor_kind(k) for k in kind or ()])
    emit(
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
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    found = query.quotes(chron, filt)
    title = f"Quotes: {filt.description}"
    emit(
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
            click_type=Completing("id"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One event or quote in full: dates, places, actors, links both ways, quotes, neighbours."""
    from shusha_cli.views import show as show_view

    chron = load_chronology(ctx)
    detail = show_view.show(chron, ident)
    emit(
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
    from shusha_cli.core import query
    from shusha_cli.views import claims as core_claims

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    found = core_claims.matters(chron, filt)
    title = f"Claims: {filt.description}"
    emit(
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
    from shusha_cli.cli import export as core_export
    from shusha_cli.core import query
    from shusha_cli.core.reading import files

    request = core_export.ExportRequest.parse(what, fmt, bom)
    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    if output == "-":
        with stdout_guard() as out:
            kind = "csv" if request.fmt == "csv" else "json"
            core_export.write(chron, filt, request, document_stream(out, kind))
        return
    from shusha_cli.core.inert import safe

    protected = files.resolve_data_path(state_of(ctx).data)
    count = core_export.write_file(chron, filt, request, output, force, protected)
    typer.echo(f"wrote {count} {request.what} to {safe(output)}", err=True)


# --- campaign views: front, days, map -----------------------------------------------------------


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
    from shusha_cli.core import query
    from shusha_cli.views import front as front_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, None, side, None, None)
    result = front_view.front(chron, query.resolve_filter(chron, given))
    emit(
        ctx,
        fmt,
        lambda j: j.front_obj(result),
        lambda c: c.front_rows(result),
        lambda t, con: chart("front_chart").print_front(con, chron, result),
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
    from shusha_cli.core import query
    from shusha_cli.views import activity as activity_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    result = activity_view.activity(chron, query.resolve_filter(chron, given))
    emit(
        ctx,
        fmt,
        lambda j: j.activity_obj(result),
        lambda c: c.activity_rows(result),
        lambda t, con: chart("days_chart").print_days(con, result),
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
    from shusha_cli.core import query
    from shusha_cli.views import map as map_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    console = console_for(ctx)
    drawn = map_view.draw_map(chron, filt, console.width - 2, height, around, radius)
    with stdout_guard():
        chart("map_chart").print_map(console, drawn)


def chart(name: str) -> ModuleType:
    """A chart renderer, imported only when a table is drawn (JSON and CSV never need Rich)."""
    return importlib.import_module(f"shusha_cli.render.{name}")
