"""A command line that forgives and explains (issue 13): each case through the real CLI, with the
exact line the user sees and the exit code."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.cli.guidance import COMMANDS, EXAMPLES, MAIN_JOB
from shusha_cli.core import dates
from shusha_cli.core.errors import DateError, ExitCode
from tests.cli.bad_input.helpers import SHUSHA, child_env
from tests.conftest import REPO, Result, Run


def one_line(result: Result, code: int) -> str:
    assert result.code == code, (result.code, result.err)
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    return result.err.rstrip("\n")


# --- 1. first contact ---------------------------------------------------------------------------------


def test_bare_shusha_prints_the_help_as_help_and_the_main_job(run: Run) -> None:
    result = run()
    assert result.code == ExitCode.USAGE  # Click's NoArgsIsHelpError: exit 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith("Usage: shusha [OPTIONS] COMMAND")
    assert max(len(line) for line in lines) <= 100  # a help screen, not one long line
    assert "Commands:" in lines
    assert lines[-1] == f"Start with: {MAIN_JOB}   (what happened from 29 Oct 2020 on)"


# --- 2. loose arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["timeline", "2020-10-29"], "did you mean --from 2020-10-29 or --on 2020-10-29?"),
        (["timeline", "Shusha"], "did you mean --place Shusha or shusha place Shusha?"),
        (["timeline", "--from", "7", "Nov"], 'quote a date with spaces: --from "7 Nov"'),
        (["timeline", "--on", "7", "Nov", "2020"], 'quote a date with spaces: --on "7 Nov 2020"'),
        (
            ["quotes", "Ilham", "Aliyev"],
            'did you mean --actor "Ilham Aliyev" or shusha actor "Ilham Aliyev"?',
        ),
        (
            ["timeline", "Mount", "Kirs"],
            'did you mean --place "Mount Kirs" or shusha place "Mount Kirs"?',
        ),
    ],
)
def test_a_stray_word_gets_the_command_that_would_work(
    run: Run, args: list[str], hint: str
) -> None:
    line = one_line(run(*args), ExitCode.USAGE)
    assert line.startswith("shusha: Got unexpected extra argument")
    assert line.endswith(f"; {hint}")


def test_a_stray_word_that_means_nothing_points_to_help(run: Run) -> None:
    line = one_line(run("timeline", "qwertyuiop"), ExitCode.USAGE)
    assert line == (
        "shusha: Got unexpected extra argument(s) (qwertyuiop) (see 'shusha timeline --help')"
    )


@pytest.mark.parametrize(
    ("args", "ident"),
    [
        (["place", "Mount", "Kirs"], "mount-kirs"),
        (["actor", "Ilham", "Aliyev"], "ilham-aliyev"),
        (["show", "aliyev", "announces"], "aliyev-announces-shusha-capture"),
    ],
)
def test_names_of_several_words_need_no_quotes(run: Run, args: list[str], ident: str) -> None:
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == ident


# --- 3. no silent mistakes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--what", "quotes", "--type", "agreement"],
            "shusha: --type selects events; --what quotes takes the date, place, actor, side and "
            "search filters",
        ),
        (
            ["map", "--radius", "5"],
            "shusha: --radius goes with --around: the distance is measured from that place",
        ),
        (
            ["claims", "2", "--side", "armenia"],
            "shusha: a matter by number takes no filters; give N alone",
        ),
    ],
)
def test_a_filter_that_does_not_apply_is_refused(run: Run, args: list[str], message: str) -> None:
    assert one_line(run(*args), ExitCode.USAGE) == message


def test_export_format_follows_the_extension(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "events.json"
    result = run("export", "-o", str(target))
    assert result.code == 0, result.err
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)
    wrong = run("export", "-o", str(tmp_path / "x.xlsx"))
    assert wrong.code == ExitCode.USAGE
    assert not (tmp_path / "x.xlsx").exists()


# --- 4. out of range ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["timeline", "--from", "2021-10-29"], ["timeline", "--from", "2030-01-01"]]
)
def test_a_range_outside_the_chronology_runs_and_says_what_it_covers(
    run: Run, args: list[str]
) -> None:
    result = run(*args, "-f", "json")
    assert result.code == 0
    events = json.loads(result.out)
    assert events
    assert all(e["end"] is None for e in events)
    assert result.err == (
        "shusha: note: the chronology's events are dated 1748-01-01 to 2020-12-31 (the campaign "
        f"2020-09-19 to 2020-11-10); this range lies outside them, so only {len(events)} "
        "open-ended events (no known end) match\n"
    )


def test_a_range_inside_says_nothing_more(run: Run) -> None:
    assert run("timeline", "--from", "2020-11-09").err == ""


# --- 6. dates people type --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2020/10/29", "20201029", "2020.10.29", "29.10.2020", "2020-10-29"]
)
def test_year_first_dates_read_as_that_day(text: str) -> None:
    span = dates.parse_user_date(text, 2020)
    assert (span.start.isoformat(), span.end.isoformat()) == ("2020-10-29", "2020-10-29")


@pytest.mark.parametrize("text", ["5/11", "2020/13/01", "20201329", "2020/10/29/1"])
def test_ambiguous_or_impossible_dates_stay_refused(text: str) -> None:
    with pytest.raises(DateError):
        dates.parse_user_date(text, 2020)


def test_slash_date_through_the_cli(run: Run) -> None:
    a = json.loads(run("timeline", "--on", "2020/10/29", "-f", "json").out)
    b = json.loads(run("timeline", "--on", "20201029", "-f", "json").out)
    assert a == b
    assert a
    assert one_line(run("timeline", "--on", "5/11"), ExitCode.USAGE).startswith(
        "shusha: '5/11' is ambiguous"
    )


# --- 7. help that teaches ----------------------------------------------------------------------------------


def test_main_help_lists_every_command_whole_in_readme_order(run: Run) -> None:
    text = run("--help", width=80).out
    listed = text.split("Commands:", 1)[1]
    names = re.findall(r"^  (\w+)  +", listed, re.M)
    assert names == list(COMMANDS)
    assert "..." not in listed
    for summary in COMMANDS.values():
        assert summary in " ".join(listed.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Usage", 1)[1].split("```", 2)[1]
    assert re.findall(r"^  (\w+) ", usage, re.M) == list(COMMANDS)


@pytest.mark.parametrize(
    ("command", "option", "values"),
    [
        ("timeline", "--side", ["azerbaijan", "armenia", "nagorno-karabakh", "russia", "other"]),
        ("timeline", "--type", ["background", "capture", "denial", "agreement"]),
        ("places", "--kind", ["city", "village", "road"]),
        ("actors", "--kind", ["person", "unit", "group"]),
        ("places", "--sort", ["name", "activity"]),
        ("export", "--what", ["events", "quotes", "places", "actors"]),
        ("export", "--format", ["csv", "json", "geojson", "sqlite", "timelinejs"]),
        ("timeline", "--format", ["table", "csv", "json"]),
    ],
)
def test_fixed_values_are_listed_in_help(
    run: Run, command: str, option: str, values: list[str]
) -> None:
    text = " ".join(run(command, "--help", width=200).out.split())
    line = text.split(option, 1)[1][:400]
    for value in values:
        assert value in line, (option, value)


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--on", "2020-11-10", "-f", "CSV"],
        ["timeline", "--on", "2020-11-10", "--side", "Azerbaijan"],
        ["timeline", "--on", "2020-11-10", "--type", "CAPTURE"],
        ["places", "--kind", "Road", "--sort", "Activity"],
        ["actors", "--kind", "PERSON"],
        ["export", "--what", "Quotes", "--format", "JSON"],
    ],
)
def test_fixed_values_in_any_case(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 0, result.err


def test_from_to_on_say_how_spans_match(run: Run) -> None:
    text = " ".join(run("timeline", "--help", width=200).out.split())
    assert "a span that began earlier matches too" in text
    assert "events whose dates overlap it" in text


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_help_ends_with_examples(run: Run, command: str) -> None:
    text = run(command, "--help", width=80).out
    assert "Examples:" in text
    shown = re.findall(r"^\s+(shusha .+)$", text.split("Examples:", 1)[1], re.M)
    assert 2 <= len(shown) <= 3
    assert shown == EXAMPLES[command]


EVERY_EXAMPLE = [e for examples in EXAMPLES.values() for e in examples]


@pytest.mark.parametrize("example", EVERY_EXAMPLE)
def test_every_help_example_runs(example: str, tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache", SHUSHA_PAGER="")
    args = shlex.split(example)[1:]
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / "data").mkdir()
    (workdir / "data" / "events.yaml").write_bytes((REPO / "data" / "events.yaml").read_bytes())
    proc = subprocess.run(
        [*SHUSHA, *args], capture_output=True, env=env, cwd=workdir, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()


# --- 8. completion of values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "want"),
    [
        ("shusha timeline --side na", "nagorno-karabakh"),
        ("shusha timeline --type cap", "capture"),
        ("shusha places --kind vil", "village"),
        ("shusha export --what events,quo", "events,quotes"),
        ("shusha export --format sq", "sqlite"),
        ("shusha places --sort act", "activity"),
    ],
)
def test_fixed_values_complete_on_tab(words: str, want: str, tmp_path: Path) -> None:
    """As the bash script Typer installs asks: the real program, the words typed so far."""
    env = child_env(
        tmp_path / "cache",
        _SHUSHA_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - 1),
    )
    proc = subprocess.run([*SHUSHA], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert want in proc.stdout.splitlines()


# --- 5. suggestions that help ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["aliev", "Aliev", "alijev"])
def test_a_misspelt_surname_offers_every_person_of_that_name(run: Run, typed: str) -> None:
    line = one_line(run("actor", typed), ExitCode.NOT_FOUND)
    assert line.startswith(f"shusha: no actor matches {typed!r}; did you mean ")
    for name in ("Ilham Aliyev", "Anar Aliyev"):
        assert name in line


@pytest.mark.parametrize("typed", ["Aliyev", "Əliyev", "Алиев"])
def test_every_spelling_of_a_surname_reaches_the_same_people(run: Run, typed: str) -> None:
    result = run("actor", typed)
    assert result.code in (0, ExitCode.USAGE), result.err  # one person, or the candidates
    shown = result.out + result.err
    assert "Ilham Aliyev" in shown


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["place", "Khojaly"],
            "shusha: no place matches 'Khojaly'; no place of that name is in this chronology (to "
            "find the word in the text: --search Khojaly)",
        ),
        (
            ["map", "--around", "Baku"],
            "shusha: no place matches 'Baku'; no place of that name is in this chronology (to "
            "find the word in the text: --search Baku)",
        ),
        (
            ["timeline", "--actor", "Putin"],
            "shusha: no actor matches 'Putin'; no actor of that name is in this chronology (to "
            "find the word in the text: --search Putin)",
        ),
    ],
)
def test_a_name_not_in_the_chronology_says_so(run: Run, args: list[str], line: str) -> None:
    assert one_line(run(*args), ExitCode.NOT_FOUND) == line


def test_a_close_place_name_is_suggested_first(run: Run) -> None:
    line = one_line(run("place", "Shusa"), ExitCode.NOT_FOUND)
    assert line.startswith("shusha: no place matches 'Shusa'; did you mean Shusha,")


def _ids(run: Run, *args: str) -> list[str]:
    return [e["id"] for e in json.loads(run("timeline", *args, "-f", "json").out)]


def test_search_folds_case_and_diacritics_and_knows_other_names(run: Run) -> None:
    by_place = set(_ids(run, "--place", "shusha", "--on", "2020-11-08"))
    for spelling in ("Şuşa", "SHUSHI", "shusha"):
        found = set(_ids(run, "--search", spelling, "--on", "2020-11-08"))
        assert found, spelling
        assert by_place & found, spelling
    assert _ids(run, "--search", "Şuşa") == _ids(run, "--search", "shusha")


def test_repeated_search_needs_every_text(run: Run, shipped: Any) -> None:
    both = set(_ids(run, "--search", "shusha", "--search", "capture"))
    one = set(_ids(run, "--search", "shusha"))
    other = set(_ids(run, "--search", "capture"))
    assert both
    assert both <= one & other
    assert both == one & other
    title = run("timeline", "--search", "shusha", "--search", "capture").out.splitlines()[0]
    assert "text 'shusha' and 'capture'" in title


def test_the_listed_values_are_the_models_vocabularies() -> None:
    from shusha_cli.cli import options
    from shusha_cli.core.model import ActorKind, EventType, PlaceKind, Side

    assert [m.value for m in Side] == options.SIDES
    assert [m.value for m in EventType] == options.EVENT_TYPES
    assert [m.value for m in PlaceKind] == options.PLACE_KINDS
    assert [m.value for m in ActorKind] == options.ACTOR_KINDS
