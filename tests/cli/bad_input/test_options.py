"""Options and arguments: dates, names, vocabularies, formats; and the README's exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from shusha_cli.core.errors import ExitCode
from tests.conftest import REPO, Run

from .helpers import one_error


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        # dates
        (["timeline", "--from", "garbage"], ExitCode.USAGE, ["cannot read 'garbage' as a date; write it as 2020-10-29, 29 Oct 2020"]),
        (["timeline", "--from", "2020-02-30"], ExitCode.USAGE, ["'2020-02-30' is not a day of the calendar"]),
        (["timeline", "--to", "Feb 30"], ExitCode.USAGE, ["cannot read 'Feb 30' as a date"]),
        (["timeline", "--from", "5/11"], ExitCode.USAGE, ["'5/11' is ambiguous (5 Nov 2020 or 11 May 2020); write it as 2020-10-29"]),
        (["quotes", "--on", "03.04"], ExitCode.USAGE, ["ambiguous (3 Apr 2020 or 4 Mar 2020)"]),
        (["timeline", "--from", "2020-11-09", "--to", "2020-11-01"], ExitCode.USAGE, ["--from (9 Nov 2020) is after --to (1 Nov 2020)"]),
        (["timeline", "--from", ""], ExitCode.USAGE, ["empty date; write it as 2020-10-29"]),
        (["timeline", "--to", "   "], ExitCode.USAGE, ["empty date"]),
        (["timeline", "--on", "2020-13"], ExitCode.USAGE, ["month 13 does not exist"]),
        (["timeline", "--from", "0000"], ExitCode.USAGE, ["'0000': year 0 does not exist"]),
        (["timeline", "--from", "0000-01"], ExitCode.USAGE, ["'0000-01': year 0 does not exist"]),
        (["timeline", "--on", "29/10/20"], ExitCode.USAGE, ["write the year with four digits"]),
        (["timeline", "--on", "10:30"], ExitCode.USAGE, ["cannot read '10:30' as a date"]),
        (["timeline", "--on", "2020-11", "--from", "2020-11-01"], ExitCode.USAGE, ["--on cannot be combined with --from or --to"]),
        # names: unknown ones get "did you mean", ambiguous ones the candidates with their ids
        (["timeline", "--place", "Shusa"], ExitCode.NOT_FOUND, ["no place matches 'Shusa'; did you mean Shusha"]),
        (["place", "Khankendy"], ExitCode.NOT_FOUND, ["no place matches 'Khankendy'; did you mean Khankendi"]),
        (["place", "Nowhere"], ExitCode.NOT_FOUND, ["no place matches 'Nowhere'"]),
        (["actor", "Mirzayv"], ExitCode.NOT_FOUND, ["no actor matches 'Mirzayv'; did you mean", "Mirzayev"]),
        (["quotes", "--actor", "Strelkof"], ExitCode.NOT_FOUND, ["did you mean Igor Strelkov"]),
        (["timeline", "--place", ""], ExitCode.NOT_FOUND, ["no place matches ''"]),
        (["timeline", "--actor", "Aliyev"], ExitCode.USAGE, ["'Aliyev' matches several actors: Anar Aliyev (id anar-aliyev), Ilham Aliyev (id ilham-aliyev), Rashad Aliyev (id rashad-aliyev); give the id"]),
        (["actor", "Aliyev"], ExitCode.USAGE, ["matches several actors", "(id ilham-aliyev)", "give the id"]),
        # fixed vocabularies
        (["timeline", "--side", "azerbaijn"], ExitCode.USAGE, ["unknown side 'azerbaijn'; did you mean azerbaijan? use one of: azerbaijan, armenia, nagorno-karabakh, russia, other"]),
        (["actors", "--side", "karabakh"], ExitCode.USAGE, ["unknown side 'karabakh'", "nagorno-karabakh"]),
        (["timeline", "--type", "captur"], ExitCode.USAGE, ["unknown event type 'captur'; did you mean capture"]),
        (["places", "--kind", "vilage"], ExitCode.USAGE, ["unknown place kind 'vilage'; did you mean village"]),
        (["actors", "--kind", "robot"], ExitCode.USAGE, ["unknown actor kind 'robot'", "one of: person, unit"]),
        (["timeline", "--search", ""], ExitCode.USAGE, ["--search needs some text"]),
        # formats
        (["timeline", "--format", "xml"], ExitCode.USAGE, ["Invalid value for '--format'", "'xml' is not one of 'table', 'csv', 'json'", "(see 'shusha timeline --help')"]),
        (["places", "-f", "yaml"], ExitCode.USAGE, ["'yaml' is not one of 'table', 'csv', 'json'"]),
        (["place", "Shusha", "-f", "xml"], ExitCode.USAGE, ["'xml' is not one of 'table', 'csv', 'json'"]),
        (["export", "--format", "xml"], ExitCode.USAGE, ["--format 'xml': export writes one of csv, json"]),
        (["export", "--what", "battles"], ExitCode.USAGE, ["--what 'battles': one of events, quotes, places, actors"]),
        (["export", "--bom", "-f", "json"], ExitCode.USAGE, ["--bom goes with --format csv"]),
        # the command line itself
        (["timeline", "--from"], ExitCode.USAGE, ["Option '--from' requires an argument"]),
        (["timeline", "--bogus"], ExitCode.USAGE, ["No such option: --bogus", "(see 'shusha timeline --help')"]),
        (["bogus"], ExitCode.USAGE, ["No such command 'bogus'"]),
        (["place"], ExitCode.USAGE, ["Missing argument 'NAME'", "(see 'shusha place --help')"]),
    ],
)  # fmt: skip
def test_option_errors_are_one_line(
    run: Run, args: list[str], code: ExitCode, words: list[str]
) -> None:
    one_error(run(*args), code, *words)


def test_ambiguous_place_lists_the_candidates(run: Run, mini_path: Path) -> None:
    one_error(
        run("--data", str(mini_path), "place", "Agbulag"), ExitCode.USAGE,
        "'Agbulag' matches several places: Agbulag (id agbulag-1), Agbulag (id agbulag-2); give the id",
    )  # fmt: skip
    assert run("--data", str(mini_path), "place", "agbulag-2").code == ExitCode.OK


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["timeline", "--on", "1800-01-01"], "No events match: Timeline: 1 Jan 1800."),
        (["timeline", "--to", "1000-01-01"], "No events match: Timeline: until 1 Jan 1000."),
        (["timeline", "--from", "1700", "--to", "1701"], "No events match"),
        (["timeline", "--on", "1800-01-01", "-f", "json"], "[]"),
        (["quotes", "--on", "1800-01-01"], "No quotes match: Quotes: 1 Jan 1800."),
        (["quotes", "--to", "1900", "-f", "json"], "[]"),
    ],
)
def test_dates_far_outside_the_data_are_not_an_error(
    run: Run, args: list[str], answer: str
) -> None:
    result = run(*args)
    assert result.code == ExitCode.OK
    # 1800 is inside the chronology's dated span (the background reaches back to 1748): no
    # word; before it, one line says what the chronology covers (test_guidance.py).
    outside = any(a in ("1000-01-01", "1701") for a in args)
    assert (result.err != "") is outside
    assert result.err == "" or result.err.startswith("shusha: note: the chronology's events")
    if answer == "[]":
        assert json.loads(result.out) == []
    else:
        assert answer in result.out


def test_export_far_outside_the_data_is_a_header(run: Run) -> None:
    result = run("export", "--on", "1800-01-01")
    assert result.code == ExitCode.OK
    assert result.out.startswith("id,date,")
    assert result.out.count("\n") == 1


def test_readme_documents_every_exit_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([A-Z_]+) \| (.+) \|$", readme, re.M)
    assert {(int(code), name) for code, name, _ in rows} == {(c.value, c.name) for c in ExitCode}
