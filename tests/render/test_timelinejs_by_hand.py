"""The TimelineJS3 export against dates and slides written out by hand from the calendar.

Each EDTF form the data may use becomes TimelineJS date objects no more precise than it is
(a month has no day, a decade its first year); the display dates are the chronology's words;
every slide and the title slide of a small chronology are compared whole, HTML escaping included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shusha_cli.core.dates import parse_edtf
from shusha_cli.core.model import Chronology
from shusha_cli.core.reading import parse as load
from shusha_cli.render import timelinejs

Obj = dict[str, Any]

DATES: list[tuple[str, Obj, Obj | None, str]] = [
    ("2020-11-07", {"year": 2020, "month": 11, "day": 7}, None, "7 Nov 2020"),
    ("2020-11-07?", {"year": 2020, "month": 11, "day": 7}, None, "7 Nov 2020 (uncertain)"),
    ("2020-11-05~", {"year": 2020, "month": 11, "day": 5}, None, "5 Nov 2020 (approx.)"),
    ("2020-11-05%", {"year": 2020, "month": 11, "day": 5}, None,
     "5 Nov 2020 (approx., uncertain)"),
    ("2020-05", {"year": 2020, "month": 5}, None, "May 2020"),
    ("2020-10-XX", {"year": 2020, "month": 10}, None, "Oct 2020"),
    ("1992", {"year": 1992}, None, "1992"),
    ("2004-XX", {"year": 2004}, None, "2004"),
    ("201X", {"year": 2010}, None, "2010–2019"),  # unspecified digits: the earliest year
    ("19XX", {"year": 1900}, None, "1900–1999"),
    ("2020-10-21/2020-10-29", {"year": 2020, "month": 10, "day": 21},
     {"year": 2020, "month": 10, "day": 29}, "21–29 Oct 2020"),
    ("2020-09-27/2020-11-05", {"year": 2020, "month": 9, "day": 27},
     {"year": 2020, "month": 11, "day": 5}, "27 Sep – 5 Nov 2020"),
    ("1920-03/1920-12", {"year": 1920, "month": 3}, {"year": 1920, "month": 12},
     "Mar 1920 – Dec 1920"),
    ("1748/1763", {"year": 1748}, {"year": 1763}, "1748 – 1763"),
    ("2020-10/2020-11-05", {"year": 2020, "month": 10}, {"year": 2020, "month": 11, "day": 5},
     "Oct 2020 – 5 Nov 2020"),
    ("2020-11-05/2021", {"year": 2020, "month": 11, "day": 5}, {"year": 2021},
     "5 Nov 2020 – 2021"),
    ("201X/202X", {"year": 2010}, {"year": 2029}, "2010 – 2029"),  # the end's latest year
    ("1995/202X", {"year": 1995}, {"year": 2029}, "1995 – 2029"),
    ("2020-11-10/..", {"year": 2020, "month": 11, "day": 10}, None, "from 10 Nov 2020"),
    ("2020-11-10/", {"year": 2020, "month": 11, "day": 10}, None, "from 10 Nov 2020"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "start", "end", "words"), DATES, ids=[d[0] for d in DATES])
def test_a_date_is_as_precise_as_its_text(
    text: str, start: Obj, end: Obj | None, words: str
) -> None:
    span = parse_edtf(text)
    assert timelinejs.dates(span) == (start, end)
    assert timelinejs.display(span) == words


ESCAPED = """\
schema: 1
source:
  title: "Reports & <notes>"
  file: test.md
  paragraphs: 9
places:
  - id: hill
    name: "Hill <1> & Co"
    kind: mountain
  - id: shusha
    name: Shusha
    kind: city
actors:
  - id: army-a
    name: Army A
    kind: unit
    side: azerbaijan
  - id: spokesman-b
    name: "B's <office>"
    kind: person
    side: armenia
events:
  - id: taken
    date: "2020-11-07"
    time_of_day: noon
    title: "Army <A> takes Shusha"
    summary: "A \\"capture\\" & more."
    type: fighting
    places: [shusha, hill]
    actors: [army-a]
    sources: [2, 7]
  - id: denied
    date: "2020-11-08?"
    reported: "2020-11"
    title: "B denies it"
    summary: "A denial."
    type: denial
    sources: [3]
    attribution: spokesman-b
  - id: months
    date: "1920-03/1920-12"
    time_of_day: night
    reported: "2020-10-21/2020-10-29"
    title: "Months"
    summary: "Long ago."
    type: background
    places: [shusha]
    sources: [1]
"""


@pytest.fixture
def escaped(tmp_path: Path) -> Chronology:
    path = tmp_path / "escaped.yaml"
    path.write_text(ESCAPED, encoding="utf-8")
    return load.load(path)


def test_the_whole_timeline_of_a_small_chronology(escaped: Chronology) -> None:
    doc = timelinejs.timeline(escaped, escaped.events, "all events <here>")
    assert doc == {
        "title": {
            "text": {
                "headline": "Reports &amp; &lt;notes&gt;",
                "text": "Drawn from one source article, one side's narrative of a contested war: "
                "Reports &amp; &lt;notes&gt;. ⚑ marks a party's claim. "
                "Events: all events &lt;here&gt;.",
            }
        },
        "events": [
            {
                "start_date": {"year": 2020, "month": 11, "day": 7},
                "display_date": "7 Nov 2020, noon",
                "text": {
                    "headline": "Army &lt;A&gt; takes Shusha",
                    "text": "<p>A &quot;capture&quot; &amp; more.</p>"
                    "<p>Places: Shusha, Hill &lt;1&gt; &amp; Co</p>"
                    "<p>The article's own account.</p>"
                    "<p>¶2, ¶7 of “Reports &amp; &lt;notes&gt;” · id taken</p>",
                },
                "group": "fighting",
                "unique_id": "taken",
                "autolink": False,
            },
            {
                "start_date": {"year": 2020, "month": 11, "day": 8},
                "display_date": "8 Nov 2020 (uncertain) (made public Nov 2020)",
                "text": {
                    "headline": "B denies it",
                    "text": "<p>A denial.</p>"
                    "<p>⚑ A claim by B&#x27;s &lt;office&gt; (armenia), "
                    "not the article's own account.</p>"
                    "<p>¶3 of “Reports &amp; &lt;notes&gt;” · id denied</p>",
                },
                "group": "denial",
                "unique_id": "denied",
                "autolink": False,
            },
            {
                "start_date": {"year": 1920, "month": 3},
                "end_date": {"year": 1920, "month": 12},
                "display_date": "Mar 1920 – Dec 1920, night (made public 21–29 Oct 2020)",
                "text": {
                    "headline": "Months",
                    "text": "<p>Long ago.</p><p>Places: Shusha</p>"
                    "<p>The article's own account.</p>"
                    "<p>¶1 of “Reports &amp; &lt;notes&gt;” · id months</p>",
                },
                "group": "background",
                "unique_id": "months",
                "autolink": False,
            },
        ],
        "scale": "human",
    }


def test_an_empty_timeline_has_its_title_slide_only(escaped: Chronology) -> None:
    doc = timelinejs.timeline(escaped, [], "none")
    assert doc["events"] == []
    assert set(doc) == {"title", "events", "scale"}
    assert doc["title"]["text"]["text"].endswith("Events: none.")
