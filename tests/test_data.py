"""The shipped chronology against its source article."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from shusha_cli.core import query
from shusha_cli.core.model import Chronology, Event, EventType, Side, TimeOfDay

from .conftest import REPO, SHARED

AUDIT = SHARED / "tools" / "audit_text.py"


def test_every_body_paragraph_from_5_is_cited(shipped: Chronology) -> None:
    cited = {n for rec in (*shipped.events, *shipped.quotes) for n in rec.sources}
    assert set(range(5, 22)) <= cited


@pytest.mark.skipif(
    not AUDIT.exists(), reason="../shared/tools/audit_text.py is not beside the repo"
)
def test_audit_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, str(AUDIT), str(REPO / "data" / "events.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


@pytest.mark.skipif(
    not (SHARED / "source").exists(), reason="the source article is not beside the repo"
)
def test_every_quote_of_the_article_is_in_the_data(shipped: Chronology) -> None:
    article = (SHARED / "source" / "free-shusha-part-one.txt").read_text(encoding="utf-8")
    quoted = re.findall(r"“([^”]{40,})”", article)
    ours = " ".join(q.text for q in shipped.quotes)
    norm = lambda s: re.sub(r"\s+", " ", s.replace("’", "'")).strip()  # noqa: E731  # shorthand
    missing = [q[:60] for q in quoted if norm(q)[:60] not in norm(ours)]
    assert not missing


def on(chron: Chronology, day: str) -> list[str]:
    filt = query.Filter(start=dt.date.fromisoformat(day), end=dt.date.fromisoformat(day))
    return [e.title for e in query.timeline(chron, filt) if e.date.start == e.date.end]


def test_spot_check_days(shipped: Chronology) -> None:
    by_id = {e.id: e for e in shipped.events}

    def exact(day: str) -> list[Event]:
        d = dt.date.fromisoformat(day)
        return [e for e in shipped.events if e.date.start == e.date.end == d]

    # 17 Oct: Mammaddere reached; 29 Oct: the failed attack on Girmizi Bazar and the address
    assert any("mammaddere" in e.places for e in exact("2020-10-17"))
    assert any(
        "girmizi-bazar" in e.places and e.type is EventType.FAILED_ATTACK
        for e in exact("2020-10-29")
    )
    assert any(e.attribution == "arayik-harutyunyan" for e in exact("2020-10-29"))
    # 4 Nov: Dashalti passes to Azerbaijan, and the Lachin-Shusha road is cut
    nov4 = exact("2020-11-04")
    assert any(c.place == "dashalti" and c.to is Side.AZERBAIJAN for e in nov4 for c in e.control)
    assert any("lachin-shusha-road" in e.places for e in nov4)
    # 7 Nov: resistance broken at noon, the flag raised
    nov7 = exact("2020-11-07")
    assert any(e.time_of_day is TimeOfDay.NOON for e in nov7)
    # 9 Nov evening: Azerbaijani MoD footage, Pogosyan's admission
    nov9 = exact("2020-11-09")
    assert any(e.type is EventType.FOOTAGE and e.time_of_day is TimeOfDay.EVENING for e in nov9)
    assert any(e.attribution == "vahram-pogosyan" for e in nov9)
    # 10 Nov: the statement ending the war
    assert any(e.type is EventType.AGREEMENT for e in exact("2020-11-10"))
    # Chanagchi: captured 29 Oct, made public 5 Nov
    chanagchi = [e for e in shipped.events for c in e.control if c.place == "chanagchi"]
    assert any(
        e.date.start == dt.date(2020, 10, 29)
        and e.reported is not None
        and e.reported.start == dt.date(2020, 11, 5)
        for e in chanagchi
    )
    assert by_id  # the index is built


def test_claims_are_linked(shipped: Chronology) -> None:
    claims = [r for r in (*shipped.events, *shipped.quotes) if r.contradicts]
    assert len(claims) >= 5
