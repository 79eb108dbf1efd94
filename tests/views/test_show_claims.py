"""``shusha show``, ``shusha claims`` and Tab completion, on the shipped chronology and a small one.

The facts checked are the article's: Aliyev announced the capture of Shusha on the afternoon of
8 November 2020 (¶21); the Armenian MoD spokesman Hovhannisyan rejected it the same day, and the
NKR presidential spokesman Pogosyan admitted the loss on the evening of 9 November; the article's
own account has the last resistance in the city end at noon on 7 November (¶19).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shusha_cli.core.errors import AmbiguousName
from shusha_cli.core.model import Chronology
from shusha_cli.render.csv import DETAIL_COLUMNS, MATTER_COLUMNS, unguard
from shusha_cli.views import claims
from shusha_cli.views import completion as complete
from shusha_cli.views import show as show_view
from tests.conftest import Run

ANNOUNCEMENT = "aliyev-announces-shusha-capture"
REFUTATION = "hovhannisyan-refutes-shusha-capture"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def flat(text: str) -> str:
    """Output with all runs of white space made one space (tables wrap where they like)."""
    return " ".join(text.split())


def matter_of(found: list[claims.Matter], ident: str) -> claims.Matter:
    return next(m for m in found if ident in m.ids)


# --- show ----------------------------------------------------------------------------------------


def test_show_announcement_table(run: Run) -> None:
    result = run("show", ANNOUNCEMENT)
    assert result.code == 0, result.err
    text = flat(result.out)
    assert "Aliyev announces the capture of Shusha" in text
    assert "8 Nov 2020, afternoon" in text
    assert "precision day" in text
    assert "¶21" in text
    # every name of the place, so a reader of any source recognises it
    for name in ("Shusha", "Şuşa", "Shushi", "Шуша", "Panahabad"):
        assert name in text
    assert "Ilham Aliyev (azerbaijan)" in text
    assert "⚑ claim by Ilham Aliyev" in text
    # the denials, whichever record made the link
    assert "contradict each other" in text
    assert REFUTATION in text
    assert "sarumyan-sabotage-flag-claim" in text
    assert "pashinyan-says-shusha-fighting-continues" in text
    # confirmations, among them the article's own account of the capture
    assert "shusha-resistance-crushed" in text
    assert "pogosyan-admits-shusha-lost" in text
    # the quote about it, in full, and the neighbours at Shusha
    assert "They failed to fully take the city." in text
    assert "armenian-tank-attempt-fails" in text  # the event before it at Shusha, 8 Nov
    assert "hovhannisyan-refutes-shusha-capture" in text  # after it, the same afternoon
    assert "contested matter" in text


def test_show_reported_date_and_reasoning(run: Run) -> None:
    text = flat(run("show", "shusha-fully-lost-per-harutyunyan").out)
    assert "7 Nov 2020" in text
    assert "made public from 10 Nov 2020" in text
    assert "The day Harutyunyan gives, in his later admission" in text
    assert "Shusha: to azerbaijan from nagorno-karabakh" in text


def test_show_json_is_the_event_plus_its_context(run: Run) -> None:
    result = run("show", ANNOUNCEMENT, "--format", "json")
    assert result.code == 0, result.err
    obj = json.loads(result.out)
    assert obj["kind"] == "event"
    assert obj["id"] == ANNOUNCEMENT
    assert (obj["start"], obj["time_of_day"], obj["precision"]) == (
        "2020-11-08",
        "afternoon",
        "day",
    )
    assert obj["sources"] == [21]
    assert obj["claimant"]["id"] == "ilham-aliyev"
    assert "Şuşa" in obj["place_details"][0]["aliases"]
    assert {a["side"] for a in obj["actor_details"]} == {"azerbaijan"}
    relations = {k["id"]: k["relation"] for k in obj["links"]}
    assert relations[REFUTATION] == "contradict each other"
    assert relations["rzayev-reports-capture-to-aliyev"] == "confirms"
    assert relations["pogosyan-admits-shusha-lost"] == "confirm each other"
    assert {"relation", "id", "kind", "date", "start", "by"} <= set(obj["links"][0])
    assert [q["id"] for q in obj["quotes_about"]] == ["q-hovhannisyan-refutation"]
    (shusha,) = obj["at_same_places"]
    assert shusha["place"] == "shusha"
    assert shusha["before"]["id"] == "armenian-tank-attempt-fails"
    assert shusha["after"]["id"] == "hovhannisyan-refutes-shusha-capture"
    assert len(obj["matters"]) == 1


def test_show_quote_in_full(run: Run) -> None:
    text = flat(run("show", "q-pogosyan-shusha-lost").out)
    assert "Quote by Vahram Pogosyan" in text
    assert "the city of Shusha is completely out of our control" in text
    assert "And history will not forgive us for this." in text
    # the event it voices is listed (by title here, by id in the JSON below); the event no longer
    # "confirms" its own quote, so the id is not among the links
    assert "The events it speaks about" in text
    assert "Pogosyan confirms he wrote the post" in text
    obj = json.loads(run("show", "q-pogosyan-shusha-lost", "-f", "json").out)
    assert obj["kind"] == "quote"
    assert obj["speaker"]["id"] == "vahram-pogosyan"
    assert "pogosyan-admits-shusha-lost" in [e["id"] for e in obj["event_details"]]
    assert "sarumyan-sabotage-flag-claim" in {k["id"] for k in obj["links"]}


def test_show_csv_is_field_value_pairs(run: Run) -> None:
    result = run("show", ANNOUNCEMENT, "-f", "csv")
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert rows[0] == DETAIL_COLUMNS
    assert all(len(r) == 2 for r in rows)
    fields = {k: unguard(v) for k, v in rows[1:]}
    assert fields["id"] == ANNOUNCEMENT
    assert fields["start"] == "2020-11-08"
    assert "Şuşa" in fields["places"]
    assert f"contradict each other: {REFUTATION}" in fields["links"]
    assert fields["before at Shusha"] == "armenian-tank-attempt-fails"


def test_show_unknown_id_suggests_close_ids(run: Run) -> None:
    result = run("show", "aliyev-anounces-shusha-capture")  # a typo: no id, no title words
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "no event or quote matches 'aliyev-anounces-shusha-capture'" in result.err
    assert ANNOUNCEMENT in result.err
    assert "Traceback" not in result.err


def test_show_takes_a_unique_id_prefix_or_title_words(shipped: Chronology, run: Run) -> None:
    assert show_view.find_record(shipped, f" {ANNOUNCEMENT.upper()} ").id == ANNOUNCEMENT
    assert show_view.find_record(shipped, "aliyev-announces").id == ANNOUNCEMENT
    assert show_view.find_record(shipped, "Aliyev announces the capture").id == ANNOUNCEMENT
    assert show_view.find_record(shipped, "q-hovhannisyan-ref").id == "q-hovhannisyan-refutation"
    result = run("show", "aliyev", "announces")
    assert result.code == 0, result.err
    assert ANNOUNCEMENT in result.out


def test_show_several_matches_are_listed_not_guessed(shipped: Chronology, run: Run) -> None:
    with pytest.raises(AmbiguousName) as info:
        show_view.find_record(shipped, "capture shusha")
    assert ANNOUNCEMENT in str(info.value)
    result = run("show", "capture shusha")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert f"(id {ANNOUNCEMENT})" in result.err


# --- claims --------------------------------------------------------------------------------------


def test_matters_core(shipped: Chronology) -> None:
    found = claims.matters(shipped)
    assert [m.number for m in found] == list(range(1, len(found) + 1))
    m = matter_of(found, ANNOUNCEMENT)
    claim_ids = {s.record.id for s in m.claim}
    counter_ids = {s.record.id for s in m.counter}
    assert {
        ANNOUNCEMENT,
        "pogosyan-admits-shusha-lost",
        "azerbaijan-mod-shusha-footage",
    } <= claim_ids
    assert {REFUTATION, "sarumyan-sabotage-flag-claim"} <= counter_ids
    assert m.title.startswith("Aliyev announces the capture of Shusha")
    # the refutation's quote is folded into it, not listed twice
    refutation = next(s for s in m.counter if s.record.id == REFUTATION)
    assert [q.id for q in refutation.quotes] == ["q-hovhannisyan-refutation"]
    assert refutation.by.name == "Artsrun Hovhannisyan"
    evidence = {x.event.id: x.bears_out for x in m.article}
    assert evidence["shusha-resistance-crushed"] == claims.CLAIM


def test_positions_oppose_every_contradiction(shipped: Chronology) -> None:
    """No record contradicts another in its own position (the shipped links are two-sided)."""
    for m in claims.all_matters(shipped):
        for group in (m.claim, m.counter):
            ids = {s.record.id for s in group} | {q.id for s in group for q in s.quotes}
            for s in group:
                assert not set(s.record.contradicts) & ids, (m.number, s.record.id)


def test_claims_table_side_by_side_facts(run: Run) -> None:
    result = run("claims", "--actor", "ilham-aliyev")
    assert result.code == 0, result.err
    text = flat(result.out)
    assert "1 contested matter" in text
    assert "8 Nov 2020, afternoon · Ilham Aliyev (azerbaijan)" in text
    assert "8 Nov 2020 · Artsrun Hovhannisyan (armenia)" in text
    assert "9 Nov 2020, evening · Vahram Pogosyan (nagorno-karabakh)" in text
    assert "7 Nov 2020, noon · consistent with the claim" in text
    assert "Armenian resistance in Shusha ends" in text
    assert text.index("Claimed") < text.index("Contradicted by") < text.index("The article")


def test_claims_filters_narrow(run: Run) -> None:
    def numbers(*args: str) -> list[int]:
        result = run("claims", *args, "-f", "json")
        assert result.code == 0, result.err
        return [m["matter"] for m in json.loads(result.out)]

    everything = numbers()
    assert len(everything) >= 5
    shusha = numbers("--actor", "Hovhannisyan")
    assert shusha
    assert set(shusha) < set(everything)
    assert numbers("--place", "Sighnag") != everything
    by_azerbaijan = numbers("--side", "azerbaijan")
    assert by_azerbaijan
    assert set(by_azerbaijan) < set(everything)
    assert numbers("--side", "russia") == []
    assert set(numbers("--from", "2020-11-08")) < set(everything)
    empty = run("claims", "--on", "1800-01-01")
    assert empty.code == 0
    assert "No contested matters match" in empty.out


def test_claims_json_shape(run: Run) -> None:
    data = json.loads(run("claims", "-f", "json").out)
    keys = {"matter", "title", "places", "claim", "counter", "article", "same_side"}
    said_keys = {"id", "kind", "by", "by_name", "side", "said", "said_start", "time_of_day",
                 "title", "quotes"}  # fmt: skip
    for m in data:
        assert set(m) == keys
        assert m["claim"]
        for s in m["claim"] + m["counter"]:
            assert said_keys <= set(s)
        for x in m["article"]:
            assert x["bears_out"] in {"claim", "counter", "later"}
            assert x["by"] == "article"
    shusha = next(m for m in data if any(s["id"] == ANNOUNCEMENT for s in m["claim"]))
    assert REFUTATION in [s["id"] for s in shusha["counter"]]
    assert {s["by"] for s in shusha["counter"]} >= {"artsrun-hovhannisyan"}


def test_claims_csv_long_form(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("claims", "-f", "csv").out, newline="")))
    assert list(rows[0]) == MATTER_COLUMNS
    assert {r["position"] for r in rows} == {"claim", "counter", "article"}
    aliyev = next(r for r in rows if r["id"] == ANNOUNCEMENT)
    assert (aliyev["position"], aliyev["by"], aliyev["said_start"]) == (
        "claim", "Ilham Aliyev", "2020-11-08",
    )  # fmt: skip


def test_later_events_stand_in_when_nothing_is_linked(tmp_path: Path, run: Run) -> None:
    """A claim answered only by another claim: the article's later capture is shown instead."""
    from tests.conftest import MINI

    text = MINI.replace(
        "    sources: [2]\n    control:", "    sources: [2]\n    attribution: army-a\n    control:"
    ).replace(
        "quotes:\n",
        '  - id: held\n    date: "2020-11-09"\n    title: "Army A holds Shusha"\n'
        '    summary: "Later."\n    type: capture\n    places: [shusha]\n    sources: [4]\n'
        "    control:\n      - {place: shusha, to: azerbaijan}\nquotes:\n",
    )
    path = tmp_path / "later.yaml"
    path.write_text(text, encoding="utf-8")
    data = json.loads(run("--data", str(path), "claims", "-f", "json").out)
    (m,) = data
    assert [s["id"] for s in m["claim"]] == ["taken"]
    assert [s["id"] for s in m["counter"]] == ["denied"]
    assert m["counter"][0]["quotes"] == ["q-b"]
    assert [(x["id"], x["bears_out"]) for x in m["article"]] == [("held", "later")]
    assert "later, at the same place" in run("--data", str(path), "claims").out


# --- rendering -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("show", ANNOUNCEMENT), ("show", "q-pogosyan-shusha-lost"), ("claims",)],
    ids=["show-event", "show-quote", "claims"],
)
@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("colour", [False, True])
def test_fits_the_width_and_colours_only_when_forced(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], width: int, colour: bool
) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = run(*args, width=width)
    assert result.code == 0, result.err
    assert ("\x1b[" in result.out) is colour
    lines = ANSI.sub("", result.out).splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in result.out


def test_claims_layout_follows_the_width(run: Run) -> None:
    narrow = run("claims", "--actor", "ilham-aliyev", width=80).out
    wide = run("claims", "--actor", "ilham-aliyev", width=200).out
    heads = ("Claimed", "Contradicted by", "The article's account")
    assert any(all(h in line for h in heads) for line in wide.splitlines())
    assert not any("Contradicted by" in line and "Claimed" in line for line in narrow.splitlines())


def test_markup_in_data_is_inert(run: Run, mini_path: Path) -> None:
    path = mini_path.parent / "markup.yaml"
    path.write_text(
        mini_path.read_text().replace('"B denies it"', '"[bold]B[/] denies :x: \\x1b[31mred"')
    )
    for args in (("show", "denied"), ("claims",), ("show", "taken")):
        result = run("--data", str(path), *args)
        assert result.code == 0, result.err
        squeezed = "".join(result.out.split())
        assert "[bold]B[/]denies:x:" in squeezed
        assert "\x1b" not in result.out
        assert "\\x1b[31mred" in squeezed


# --- completion ----------------------------------------------------------------------------------


def test_complete_places_folds_like_lookup(shipped: Chronology) -> None:
    shu = complete.complete_places(shipped, "shu")
    assert shu[0] == "Shusha"
    assert "Shushi" in shu
    assert complete.complete_places(shipped, "SHU") == shu
    assert "Şuşa" in complete.complete_places(shipped, "susa")
    assert "Şuşa" in complete.complete_places(shipped, "Şu")
    assert "Khankendi-Shusha road" in complete.complete_places(shipped, "khank sh")
    assert complete.complete_places(shipped, "zzzz") == []
    everything = complete.complete_places(shipped, "")
    assert len(everything) == len(shipped.places)  # main names only


def test_complete_actors_and_ids(shipped: Chronology) -> None:
    assert "Artsrun Hovhannisyan" in complete.complete_actors(shipped, "artsrun")
    assert "Vahram Pogosyan" in complete.complete_actors(shipped, "vahram p")
    ids = complete.complete_ids(shipped, "aliyev")
    assert ids[:2] == ["aliyev-a-haber-interview", ANNOUNCEMENT]
    assert ANNOUNCEMENT in complete.complete_ids(shipped, "shusha-cap")
    assert complete.complete_ids(shipped, "q-hov") == ["q-hovhannisyan-refutation"]
    assert len(complete.complete_ids(shipped, "")) == len(shipped.events) + len(shipped.quotes)


def test_complete_offers_ids_for_shared_names(mini_path: Path) -> None:
    from shusha_cli.core.reading import parse as load

    mini = load.load(mini_path)
    assert complete.complete_places(mini, "agb") == ["agbulag-1", "agbulag-2"]


def _complete(words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Ask the real program for bash completions, as the bash script Typer installs does."""
    full = {k: v for k, v in os.environ.items() if k != "SHUSHA_DATA"}
    full.update({"_SHUSHA_COMPLETE": "complete_bash", "COMP_WORDS": words,
                 "COMP_CWORD": str(len(words.split()) - 1), **(env or {})})  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "shusha_cli"], env=full, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip


def test_completion_end_to_end(mini_path: Path) -> None:
    place = _complete("shusha place Shu")
    assert place.returncode == 0
    assert place.stderr == ""
    offered = place.stdout.splitlines()
    assert offered[0] == "Shusha"
    assert "Shushi" in offered
    assert "Khankendi-Shusha\\ road" in _complete("shusha timeline --place khank").stdout
    assert "Şuşa" in _complete("shusha timeline -p susa").stdout.splitlines()
    assert "Artsrun\\ Hovhannisyan" in _complete("shusha quotes --actor artsrun").stdout
    assert _complete("shusha show q-hov").stdout.splitlines() == ["q-hovhannisyan-refutation"]
    # --data and SHUSHA_DATA are read; a broken one falls back to the shipped chronology
    assert _complete(f"shusha --data {mini_path} actor spok").stdout == "Spokesman\\ B\n"
    assert _complete("shusha actor spok", {"SHUSHA_DATA": str(mini_path)}).stdout == (
        "Spokesman\\ B\n"
    )
    broken = _complete("shusha --data /nonexistent.yaml place Shu")
    assert broken.stdout.splitlines()[0] == "Shusha"
    assert broken.stderr == ""
