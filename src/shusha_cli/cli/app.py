"""The Typer application, its global options, and :func:`main`, the one place errors end.

This package is the only one that knows about Typer and Click. Errors from the core arrive as
:class:`~shusha_cli.core.errors.ShushaError` and are turned into one line on stderr and an exit
code in :func:`main`.
"""

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError  # Typer vendors Click

from shusha_cli.cli.guidance import ShushaGroup
from shusha_cli.core.errors import AmbiguousName, ExitCode, ShushaError
from shusha_cli.core.record import record

_SETTINGS: dict[str, Any] = {
    "name": "shusha",
    "cls": ShushaGroup,
    "help": "Explore the chronology of the 15 Oct – 10 Nov 2020 operations around Shusha (Shushi).",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}

app = typer.Typer(**_SETTINGS)

# The global options that take a value, and those that end the run before any command.
_VALUE_OPTIONS = frozenset({"--data"})


def command_of(argv: list[str]) -> str | None:
    """The command an argument list runs, when it plainly runs one (else None).

    Only the global options can come before it: ``--data FILE`` (or ``--data=FILE``) and flags.
    ``--help``, ``--version`` and completion before the command need every command.
    """
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in _VALUE_OPTIONS:
            i += 2
            continue
        if word.startswith("-"):
            if word in ("-h", "--help", "--version") or word.endswith("-completion"):
                return None
            i += 1
            continue
        return word
    return None


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run: with only the command the arguments name, when they name one.

    Typer turns every registered command into a Click command (reading its signature, building
    each option) before it parses anything, about a millisecond a command. A run needs one;
    ``--help``, bare ``shusha``, Tab completion and an unknown name still get them all.
    """
    name = command_of(argv)
    if name is None or os.environ.get("_SHUSHA_COMPLETE"):
        return app
    chosen = [c for c in app.registered_commands if _name(c) == name]
    if not chosen:
        return app  # Click says it is no such command, with the full list
    # Without the --install-completion/--show-completion options, which only the full app
    # offers (``command_of`` sends them there): Typer builds them on every call otherwise.
    lean = typer.Typer(**_SETTINGS, add_completion=False)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def _name(info: Any) -> str:
    return str(info.name or info.callback.__name__.rstrip("_").replace("_", "-"))


@record(frozen=False)
class State:
    data: str | None = None
    no_color: bool = False
    no_cache: bool = False
    no_pager: bool = False


class PipeClosed(Exception):
    """stdout's reader went away. Not an OSError, so Typer lets it through to main()."""


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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (else a terminal gets $SHUSHA_PAGER, $PAGER or less).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Explore the chronology of the 15 Oct – 10 Nov 2020 operations around Shusha (Shushi)."""
    ctx.obj = State(data=data, no_color=no_color, no_cache=no_cache, no_pager=no_pager)


# --- the one place errors become exit codes -----------------------------------------------------


def _fail(message: str) -> None:
    from shusha_cli.core.inert import safe

    sys.stderr.write(f"shusha: {safe(message)}\n")


class Terminated(BaseException):
    """SIGTERM, SIGHUP or SIGQUIT arrived: unwound like Ctrl-C, so temporary files are removed.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """While a command runs, the signals that end it unwind the stack (cleaning up as they go)."""
    previous = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave the handlers alone
        for sig in _SIGNALS:
            previous[sig] = signal.signal(sig, _terminate)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: list[str] | None = None) -> None:
    """Run the app; every error ends as one stderr line and a documented exit code."""
    code: int = ExitCode.OK
    if sys.stdout is None:  # started with stdout closed (`shusha timeline >&-`)
        _fail("standard output is closed; nothing can be written")
        sys.exit(int(ExitCode.CANNOT_WRITE))
    from shusha_cli.cli.encoding import fit_streams

    fit_streams()
    out_of_memory = False
    try:
        with _signals_unwind():
            args = sys.argv[1:] if argv is None else argv
            result = app_for(args)(args=args, prog_name="shusha", standalone_mode=False)
            code = result if isinstance(result, int) else ExitCode.OK
            sys.stdout.flush()
    except ShushaError as exc:
        _fail(str(exc))
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\n")
        code = ExitCode.INTERRUPTED
    except Terminated as exc:
        code = 128 + exc.signum
    except MemoryError:
        out_of_memory = True  # reported below, once this frame has let go of what it held
    except typer.Exit as exc:
        code = exc.exit_code
    except NoArgsIsHelpError as exc:  # bare `shusha`: the help as it is, then the main job
        from shusha_cli.cli.guidance import first_contact_hint

        sys.stderr.write(exc.format_message().rstrip("\n") + "\n\n" + first_contact_hint() + "\n")
        code = exc.exit_code  # 2, as Click documents for a group called without a command
    except typer.TyperException as exc:  # Typer's own usage errors: bad option, missing value
        ctx = getattr(exc, "ctx", None)
        message = exc.format_message().replace("\n", " ")
        hint = _stray_hint(ctx, message, sys.argv[1:] if argv is None else argv)
        if hint is None:
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        else:
            hint = f"; {hint}"
        _fail(message + hint)
        code = ExitCode.USAGE
    except (BrokenPipeError, PipeClosed):
        # The reader went away (`shusha timeline | head -1`): stop quietly, and keep Python's
        # final flush of stdout from raising again.
        _silence_stdout()
        code = ExitCode.OK
    except UnicodeEncodeError as exc:  # a stream fit_streams could not reconfigure
        _fail(
            f"cannot write {exc.object[exc.start : exc.end]!r} in the {exc.encoding} encoding; "
            "set PYTHONIOENCODING=utf-8"
        )
        _silence_stdout()
        code = ExitCode.CANNOT_WRITE
    except OSError as exc:
        # stdout cannot take the output (`shusha timeline > /dev/full`): one line, exit 4.
        _fail(f"cannot write to standard output ({exc.strerror or exc})")
        _silence_stdout()
        code = ExitCode.CANNOT_WRITE
    if out_of_memory:
        _fail("not enough memory for this chronology (see 'Limits' in the README)")
        _silence_stdout()
        code = ExitCode.INVALID_DATA
    sys.exit(int(code))


def _stray_hint(ctx: Any, message: str, argv: list[str]) -> str | None:
    """A hint for words Click could not place (see guidance.stray_hint); None on any doubt."""
    from shusha_cli.cli import guidance

    extras = guidance.extra_arguments(message)
    if not extras or ctx is None:
        return None
    try:
        from shusha_cli.core import dates, query
        from shusha_cli.core.reading import files, opening

        root = ctx.find_root().params.get("data")
        chron = opening.open_chronology(files.resolve_data_path(root))
    except (ShushaError, OSError):
        return None

    def is_date(text: str) -> bool:
        try:
            dates.parse_user_date(text, chron.year)
        except ShushaError:
            return False
        return True

    def finds(index: Any) -> Callable[[str], bool]:
        def check(text: str) -> bool:
            try:
                index.resolve(text)
            except AmbiguousName:
                return True  # the option would list the candidates
            except ShushaError:
                return False
            return True

        return check

    return guidance.stray_hint(
        ctx.info_name or "",
        extras,
        argv,
        is_date,
        finds(query.place_index(chron)),
        finds(query.actor_index(chron)),
    )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush cannot fail (and print) again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
