"""The forms a ``--search`` text stands for and finding them, against answers worked out by hand."""

from __future__ import annotations

import itertools

import pytest

from shusha_cli.core import search
from shusha_cli.core.names import Named, NameIndex, fold

PLACES = NameIndex.build(
    "place",
    [
        Named("shusha", "Shusha", ("Şuşa", "Shushi", "—")),  # the dash folds to nothing
        Named("lachin", "Lachin", ("Laçın", "Berdzor")),
    ],
)
ACTORS = NameIndex.build("actor", [Named("mod", "Ministry of Defence", ("MoD", "Lachin"))])


@pytest.mark.parametrize(
    ("text", "indexes", "forms"),
    [
        ("Şuşa", [PLACES], ("susa", "shusha", "shushi")),  # the text first, then by letter
        ("SHUSHI", [PLACES], ("shushi", "shusha", "susa")),
        ("shushi", [], ("shushi",)),  # without an index, only the text
        ("Shushi road", [PLACES], ("shushi road",)),  # not a name: only the text
        ("shu", [PLACES], ("shu",)),  # a prefix is not a name
        ("mod", [PLACES, ACTORS], ("mod", "lachin", "ministry of defence")),
        # a name of both kinds: the other names of each
        ("lachin", [PLACES, ACTORS], ("lachin", "berdzor", "lacin", "ministry of defence", "mod")),
        ("lachin", [ACTORS, PLACES], ("lachin", "berdzor", "lacin", "ministry of defence", "mod")),
        ("—", [PLACES], ()),  # nothing left to search for
    ],
)
def test_search_forms(text: str, indexes: list[NameIndex], forms: tuple[str, ...]) -> None:
    assert search.search_forms(text, indexes) == forms


def test_search_terms() -> None:
    given = (("a", "b"), ("c",))
    assert search.search_terms(given, "ignored") == given
    assert search.search_terms((), "Şuşa") == (("susa",),)
    assert search.search_terms((), None) == ()
    assert search.search_terms((), "") == ()


def test_folded_search_is_fold() -> None:
    for text in ("Şuşa", "  Many  WORDS ", "Əliyev", ""):
        assert search.folded_search(text) == fold(text)


TEXTS = ["The capture of Şuşa", "", "Fighting near Lachin", "A road"]


def _by_hand(terms: tuple[tuple[str, ...], ...], texts: list[str]) -> bool:
    folded = [fold(t) for t in texts]
    return all(any(f in t for f in forms for t in folded) for forms in terms)


@pytest.mark.parametrize(
    "terms",
    [
        (),
        (("susa",),),
        (("shusha", "susa"),),  # any of a term's forms
        (("shusha",),),
        (("susa",), ("lachin",)),  # every term, each in any text
        (("susa",), ("baku",)),
        (("capture of susa",),),
        (("road",), ("fighting",), ("capture",)),
    ],
)
def test_found_in_against_a_search_by_hand(terms: tuple[tuple[str, ...], ...]) -> None:
    for n in range(len(TEXTS) + 1):
        for texts in itertools.combinations(TEXTS, n):
            assert search.found_in(terms, texts) is _by_hand(terms, list(texts)), (terms, texts)
    assert search.found_in((("susa",),), ["SUSA"]) is True  # the texts are folded too
    assert search.found_in((("susa",),), []) is False
    assert search.found_in((), []) is True
