"""The reading commands: timeline, quotes, show, claims, the place and actor pages, validate.

Each parses its options, calls one core or view function and hands the result to a renderer.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from shusha_cli.cli.app import app
from shusha_cli.cli.options import (
    ActorKindOpt,
    ActorOpt,
    Completing,
    FormatOpt,
    FromOpt,
    FullOpt,
    LimitOpt,
    NoBackgroundOpt,
    OnOpt,
    PlaceKindOpt,
    PlaceOpt,
    ReverseOpt,
    SearchOpt,
    SideOpt,
    SortOpt,
    ToOpt,
    TypeOpt,
    WithinOpt,
    filter_input,
)
from shusha_cli.cli.plumbing import (
    console_for,
    emit,
    load_chronology,
    note,
    renderer,
    state_of,
)
from shusha_cli.render import Format

if TYPE_CHECKING:
    pass

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
    within: WithinOpt = False,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    full: FullOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Print the events that match as a story: by day, and within a day in the article's order.

    Within a day, events keep the order of the account (the chronology file follows the
    article); an event with a time of day is placed among the others by it. Events that began
    before --from (or --on) are listed apart at the end, as already under way; --within leaves
    them out. JSON and CSV hold every matching event; an event began before the range when its
    start is earlier than the range's first day.
    """
    from shusha_cli.core import query
    from shusha_cli.views import timeline as timeline_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    tl = timeline_view.timeline(chron, filt, within=within, limit=limit, reverse=reverse)
    events = tl.all_events
    note(timeline_view.coverage_note(chron, filt))
    emit(
        ctx,
        fmt,
        lambda j: [j.event_obj(chron, e) for e in events],
        lambda c: c.event_rows(chron, events),
        lambda _, con: renderer("timeline").print_timeline(con, chron, tl, full),
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
        list[str],
        typer.Argument(
            metavar="NAME",
            help="Any name of the place: id, name or alias; several words need no quotes.",
            click_type=Completing("place"),
        ),
    ],
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    full: FullOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything about one place: names, control history, events, quotes.

    The date, side and type filters narrow the list of its events.
    """
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, None, None, side, type_, None)
    report = query.place_report(chron, " ".join(name), query.resolve_filter(chron, given))
    emit(
        ctx,
        fmt,
        lambda j: j.place_report_obj(chron, report),
        lambda c: c.event_rows(chron, report.events),
        lambda _, con: renderer("pages").print_place(con, chron, report, full),
    )


@app.command()
def places(
    ctx: typer.Context,
    kind: PlaceKindOpt = None,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="Only places in this district.")
    ] = None,
    sort: SortOpt = "name",
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
        list[str],
        typer.Argument(
            metavar="NAME",
            help="Any name of the actor: id, name or alias; several words need no quotes.",
            click_type=Completing("actor"),
        ),
    ],
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    side: SideOpt = None,
    type_: TypeOpt = None,
    full: FullOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One person, unit or organisation: what they did, said, and who contradicted whom.

    The date, side and type filters narrow the list of their events.
    """
    from shusha_cli.core import query

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, None, None, side, type_, None)
    report = query.actor_report(chron, " ".join(name), query.resolve_filter(chron, given))
    emit(
        ctx,
        fmt,
        lambda j: j.actor_report_obj(chron, report),
        lambda c: c.event_rows(chron, report.events),
        lambda _, con: renderer("pages").print_actor(con, chron, report, full),
    )


@app.command()
def actors(
    ctx: typer.Context,
    side: SideOpt = None,
    kind: ActorKindOpt = None,
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
    from shusha_cli.views import timeline as timeline_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    found = query.quotes(chron, filt)
    note(timeline_view.coverage_note(chron, filt))
    title = f"Quotes: {filt.description}"
    emit(
        ctx,
        fmt,
        lambda j: [j.quote_obj(chron, q) for q in found],
        lambda c: c.quote_rows(chron, found),
        lambda t, con: t.print_quotes(con, chron, found, title),
    )


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help="An event's or a quote's id as the timeline shows it, a unique start of one, "
            "or words of its title.",
            click_type=Completing("id"),
        ),
    ],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """One event or quote in full: dates, places, actors, links both ways, quotes, neighbours."""
    from shusha_cli.views import show as show_view

    chron = load_chronology(ctx)
    detail = show_view.show(chron, " ".join(ident))
    emit(
        ctx,
        fmt,
        lambda j: j.detail_obj(chron, detail),
        lambda c: c.detail_rows(chron, detail),
        lambda _, con: renderer("detail").print_detail(con, chron, detail),
    )


@app.command()
def claims(
    ctx: typer.Context,
    number: Annotated[
        int | None,
        typer.Argument(
            metavar="[N]", help="Only contested matter N (the number `show` and this list give)."
        ),
    ] = None,
    matter: Annotated[
        int | None, typer.Option("--matter", "-m", metavar="N", help="The same as N.")
    ] = None,
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
    from shusha_cli.core.errors import UsageError
    from shusha_cli.views import claims as core_claims

    if number is not None and matter is not None and number != matter:
        raise UsageError(f"N ({number}) and --matter ({matter}) name different matters")
    chosen = number if number is not None else matter
    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, None, search)
    filt = query.resolve_filter(chron, given)
    if chosen is not None:
        if filt.is_set:
            raise UsageError("a matter by number takes no filters; give N alone")
        found = [core_claims.one_matter(chron, chosen)]
        title = f"Claims: contested matter {chosen}"
    else:
        found = core_claims.matters(chron, filt)
        title = f"Claims: {filt.description}"
    emit(
        ctx,
        fmt,
        lambda j: [j.matter_obj(m) for m in found],
        lambda c: c.matter_rows(found),
        lambda _, con: renderer("detail").print_claims(con, found, title),
    )
