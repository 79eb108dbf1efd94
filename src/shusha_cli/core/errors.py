"""The exception hierarchy and the exit codes: every error a user can cause ends here.

The core raises these; ``cli.py`` turns each into one line on stderr and its exit code, in one
place. Keeping the codes in one enum means the README, the tests and the code cannot drift apart.
"""

from __future__ import annotations

from enum import IntEnum

from shusha_cli.core.record import record


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    NOT_FOUND = 1  # the query was valid but matched nothing that must exist (a name)
    USAGE = 2  # a bad option, argument or date typed by the user
    INVALID_DATA = 3  # the chronology file is missing, unreadable or fails validation
    CANNOT_WRITE = 4  # the output file cannot be written (exists, read-only, missing dir)
    INTERRUPTED = 130  # Ctrl-C


def one_line(text: str) -> str:
    """A message made one line: a line break inside it (say, in a file name) is shown escaped."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class ShushaError(Exception):
    """Base of every error meant for the user: its message is one line, no traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __str__(self) -> str:
        return one_line(super().__str__())


class UsageError(ShushaError):
    """Something the user typed cannot be understood (a date, a filter value)."""

    exit_code = ExitCode.USAGE


class DateError(UsageError):
    """A date string that does not parse, or a form we refuse rather than misread."""


class NotFound(ShushaError):
    """Something asked for by number or id that the chronology does not have."""

    exit_code = ExitCode.NOT_FOUND


class NameNotFound(ShushaError):
    """A place or actor name that matches nothing; carries the closest names."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(
        self, kind: str, name: str, suggestions: list[str], *, absent: bool = False
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        if suggestions:
            hint = f"; did you mean {', '.join(suggestions)}?"
        elif absent:  # nothing alike: say so, and where else the word may be
            hint = (
                f"; no {kind} of that name is in this chronology (to find the word in the "
                f"text: --search {_shell_word(name)})"
            )
        else:
            hint = ""
        super().__init__(f"no {kind} matches {name!r}{hint}")


def _shell_word(text: str) -> str:
    """``text`` as one shell word (quoted when it holds anything a shell would split on)."""
    import shlex

    return shlex.quote(text)


class AmbiguousName(ShushaError):
    """A name that matches several records equally well: the user must pick an id."""

    exit_code = ExitCode.USAGE

    def __init__(self, kind: str, name: str, candidates: list[tuple[str, str]]) -> None:
        self.kind = kind
        self.name = name
        self.candidates = candidates
        listed = ", ".join(f"{label} (id {ident})" for ident, label in candidates)
        super().__init__(f"{name!r} matches several {kind}s: {listed}; give the id")


@record
class Problem:
    """One thing wrong in a data file, with where it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return one_line(f"{where}: {self.message}")


class DataError(ShushaError):
    """The chronology cannot be used: carries every problem found, not just the first."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid data"
        more = (
            f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''};"
            " run 'shusha validate')"
            if len(problems) > 1
            else ""
        )
        super().__init__(first + more)


class ValidationFailed(ShushaError):
    """``shusha validate`` found problems (they were listed on stdout)."""

    exit_code = ExitCode.INVALID_DATA


class OutputError(ShushaError):
    """An output file that cannot or must not be written."""

    exit_code = ExitCode.CANNOT_WRITE
