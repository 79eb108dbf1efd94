"""The commands that write data for other tools: ``export`` and ``schema``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shusha_cli.cli.app import app
from shusha_cli.cli.options import (
    EXPORT_FORMATS,
    EXPORT_WHATS,
    ActorOpt,
    FromOpt,
    NoBackgroundOpt,
    OnOpt,
    PlaceOpt,
    SearchOpt,
    SideOpt,
    ToOpt,
    TypeOpt,
    Vocabulary,
    filter_input,
)
from shusha_cli.cli.plumbing import (
    document_stream,
    emit_json,
    load_chronology,
    note,
    state_of,
    stdout_guard,
)

if TYPE_CHECKING:
    pass


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
            "--what",
            "-w",
            help="events (default), quotes, places or actors; several, comma-separated, "
            "into a folder (-o DIR/) with datapackage.json.",
            click_type=Vocabulary(EXPORT_WHATS),
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, json, geojson, sqlite or timelinejs (default: from -o's extension, "
            "else csv).",
            click_type=Vocabulary(EXPORT_FORMATS),
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="File (or DIR/) to write; - is stdout."
        ),
    ] = "-",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV with a BOM (for Excel).")] = False,
    no_guard: Annotated[
        bool,
        typer.Option("--no-guard", help="CSV cells as they are, no apostrophe before = + - @."),
    ] = False,
) -> None:
    """Write the filtered chronology as CSV, JSON, GeoJSON, SQLite or a TimelineJS timeline."""
    from shusha_cli.cli import export as core_export
    from shusha_cli.cli.output import refuse_input
    from shusha_cli.core import query
    from shusha_cli.core.reading import files

    protected = files.resolve_data_path(state_of(ctx).data)
    if output != "-":
        refuse_input(Path(output), protected)
    from shusha_cli.core.errors import UsageError

    request = core_export.ExportRequest.parse(what, fmt, bom, not no_guard, output)
    if request.whats == ("quotes",) and (type_ or no_background):
        given_opt = "--type" if type_ else "--no-background"
        raise UsageError(
            f"{given_opt} selects events; --what quotes takes the date, place, actor, side and "
            "search filters"
        )
    chron = load_chronology(ctx)
    given = filter_input(date_from, date_to, on, place, actor, side, type_, search, no_background)
    filt = query.resolve_filter(chron, given)
    from shusha_cli.views import timeline as timeline_view

    note(timeline_view.coverage_note(chron, filt))
    if output == "-":
        with stdout_guard() as out:
            kind = "csv" if request.fmt == "csv" else "json"
            core_export.write(chron, filt, request, document_stream(out, kind))
        return
    from shusha_cli.core.inert import safe

    written = core_export.write_file(chron, filt, request, output, force, protected)
    typer.echo(f"wrote {written} to {safe(output)}", err=True)


@app.command()
def schema(
    name: Annotated[
        str | None, typer.Argument(help="events, quotes, ... (none: list them).")
    ] = None,
) -> None:
    """Print the JSON Schema of a JSON output; without NAME, list the schemas."""
    from shusha_cli.core.errors import UsageError
    from shusha_cli.render import schemas

    if name is None:
        with stdout_guard() as out:
            out.writelines(f"{n:<11} {what}\n" for n, (what, _) in schemas.SCHEMAS.items())
    elif name not in schemas.SCHEMAS:
        raise UsageError(f"schema {name!r}: one of {', '.join(schemas.SCHEMAS)}")
    else:
        emit_json(schemas.schema(name))
