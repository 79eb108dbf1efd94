"""The campaign views' commands: ``front``, ``days`` and ``map``."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shusha_cli.cli.app import app
from shusha_cli.cli.options import (
    ActorOpt,
    ArticleOnlyOpt,
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
    emit,
    load_chronology,
    print_table,
    renderer,
)
from shusha_cli.render import Format

if TYPE_CHECKING:
    pass


@app.command()
def front(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    on: OnOpt = None,
    place: PlaceOpt = None,
    side: SideOpt = None,
    article_only: ArticleOnlyOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Who held which place, day by day, and the changes of control (--on DAY: that day)."""
    from shusha_cli.core import query
    from shusha_cli.views import front as front_view

    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, None, side, None, None)
    result = front_view.front(chron, query.resolve_filter(chron, given), article_only=article_only)
    emit(
        ctx,
        fmt,
        lambda j: j.front_obj(result),
        lambda c: c.front_rows(result),
        lambda t, con: renderer("front_chart").print_front(con, chron, result),
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
        lambda t, con: renderer("days_chart").print_days(con, result),
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
        float | None,
        typer.Option(
            "--radius", metavar="KM", help="With --around: km shown each way (default 20)."
        ),
    ] = None,
    height: Annotated[
        int, typer.Option("--height", metavar="ROWS", help="Rows of the map itself.")
    ] = 24,
) -> None:
    """Places with coordinates at their relative positions; filters set active places apart."""
    from shusha_cli.core import query
    from shusha_cli.core.errors import UsageError
    from shusha_cli.views import map as map_view

    if radius is not None and around is None:
        raise UsageError("--radius goes with --around: the distance is measured from that place")
    km = 20.0 if radius is None else radius
    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)

    def draw(console: Any) -> None:
        drawn = map_view.draw_map(chron, filt, console.width - 2, height, around, km)
        renderer("map_chart").print_map(console, drawn)

    print_table(ctx, draw)
