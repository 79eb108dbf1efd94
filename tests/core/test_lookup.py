"""Name lookup in process: unique prefixes, aliases, ambiguity, and the 'did you mean' lists."""

from __future__ import annotations

import pytest

from shusha_cli.core import query
from shusha_cli.core.errors import AmbiguousName, NameNotFound
from shusha_cli.core.model import Chronology
from shusha_cli.core.names import Named, NameIndex, fold
from shusha_cli.core.reading import parse as load
from tests.conftest import MINI


@pytest.fixture
def mini() -> Chronology:
    return load.parse(MINI, "mini.yaml")


def test_a_unique_prefix_resolves(mini: Chronology, shipped: Chronology) -> None:
    assert query.place_index(mini).resolve("shu") == "shusha"
    assert query.place_index(mini).resolve("SHU") == "shusha"
    assert query.place_index(mini).resolve("sus") == "shusha"  # Şuşa, folded
    assert query.actor_index(mini).resolve("spok") == "spokesman-b"
    assert query.actor_index(mini).resolve("army") == "army-a"
    places = query.place_index(shipped)
    assert places.resolve("shushak") == "shushakend"
    assert places.resolve("lachin shu") == "lachin-shusha-road"
    assert places.resolve("city exec") == "shusha-city-executive-power"


def test_a_prefix_filter_in_process(mini: Chronology) -> None:
    filt = query.resolve_filter(mini, query.FilterInput(places=("shu",)))
    assert filt.places == ("shusha",)
    assert [e.id for e in query.timeline(mini, filt)] == ["taken", "denied"]
    assert filt.description == "place Shusha"


@pytest.mark.parametrize(
    ("typed", "ident"),
    [("Pashinyan", "nikol-pashinyan"), ("nikol paşinyan", "nikol-pashinyan"),
     ("Никол Пашинян", "nikol-pashinyan"), ("Armenian MoD", "armenian-mod"),
     ("armenian forces", "armenian-army"), ("Kyaramyan", "argishti-kyaramyan"),
     ("Hikmət Mirzəyev", "hikmet-mirzayev"), ("strelkov", "igor-strelkov"),
     ("wargonzo", "wargonzo"), ("semyon pegov", "semyon-pegov")],
)  # fmt: skip
def test_actor_aliases_resolve_in_process(shipped: Chronology, typed: str, ident: str) -> None:
    assert query.actor_index(shipped).resolve(typed) == ident
    filt = query.resolve_filter(shipped, query.FilterInput(actors=(typed,)))
    assert filt.actors == (ident,)
    found = query.timeline(shipped, filt)
    assert all(ident in (*e.actors, e.attribution) for e in found)
    expected = [e.id for e in shipped.events if ident in (*e.actors, e.attribution)]
    assert sorted(e.id for e in found) == sorted(expected)


def test_an_id_wins_over_names(mini: Chronology) -> None:
    index = query.place_index(mini)
    assert index.resolve("agbulag-2") == "agbulag-2"
    assert index.resolve("agbulag 1") == "agbulag-1"  # the id's words are a name too


def test_ambiguous_lists_the_candidates_by_name_then_id(mini: Chronology) -> None:
    with pytest.raises(AmbiguousName) as caught:
        query.place_index(mini).resolve("Agbulag")
    assert str(caught.value) == (
        "'Agbulag' matches several places: Agbulag (id agbulag-1), Agbulag (id agbulag-2); "
        "give the id"
    )
    with pytest.raises(AmbiguousName) as prefix:
        query.place_index(mini).resolve("agb")
    assert str(prefix.value) == str(caught.value).replace("'Agbulag'", "'agb'")


def test_not_found_suggests_close_names(shipped: Chronology) -> None:
    with pytest.raises(NameNotFound) as caught:
        query.place_index(shipped).resolve("Shusah")
    assert "Shusha" in str(caught.value)
    assert str(caught.value).startswith("no place matches 'Shusah'; did you mean ")
    with pytest.raises(NameNotFound) as nothing:
        query.place_index(shipped).resolve("---")
    assert str(nothing.value) == "no place matches '---'"
    assert nothing.value.suggestions == []


def test_suggest_gives_display_names_once_and_at_most_the_limit() -> None:
    index = NameIndex.build(
        "place",
        [Named("a1", "Agdam", ("Aghdam", "Akna")), Named("a2", "Agdara"), Named("a3", "Agdaban"),
         Named("a4", "Agdamx"), Named("a5", "Agdamy"), Named("a6", "Agdamz")],
    )  # fmt: skip
    got = index.suggest(fold("Agdamm"))
    assert got[0] == "Agdam"
    assert len(got) == 3  # four are alike enough (issue 13's cut-off drops Agdara, Agdaban)
    assert "Agdara" not in got
    assert "Agdaban" not in got
    assert len(set(got)) == 3
    assert index.suggest(fold("Agdamm"), limit=1) == ["Agdam"]
    assert index.suggest(fold("zzzzzz")) == []


def test_words_must_start_words_in_order() -> None:
    index = NameIndex.build("place", [Named("kh", "Khankendi Shusha road"), Named("x", "Other")])
    assert index.resolve("khan shu") == "kh"
    assert index.resolve("shu") == "kh"
    with pytest.raises(NameNotFound):
        index.resolve("shu khan")  # the words in the wrong order
    with pytest.raises(NameNotFound):
        index.resolve("khan khan")  # one word of the name cannot match twice
    with pytest.raises(NameNotFound):
        index.resolve("hankendi")  # inside a word, not its start
    with pytest.raises(NameNotFound):
        index.resolve("shu shu")  # nor can a later word


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Ağdam", "agdam"), ("Łódź", "lodz"), ("Straße", "strasse"), ("Søren", "soren"),
     ("Đakovo", "dakovo"), ("O’Brien", "obrien"), ("Khankendi\u2011Shusha", "khankendi shusha"),
     ("  many   spaces  ", "many spaces"), ("snake_case", "snake case"), ("", "")],
)  # fmt: skip
def test_fold_more(typed: str, key: str) -> None:
    assert fold(typed) == key


def test_completion_offers_names_in_order(mini: Chronology) -> None:
    index = query.place_index(mini)
    assert index.complete("shu") == ["Shusha", "Shushi"]
    assert index.complete("") == ["agbulag-1", "agbulag-2", "Shusha"]
    assert index.complete("su") == ["Şuşa"]


def test_candidates_are_listed_by_name_not_by_id() -> None:
    index = NameIndex.build(
        "actor", [Named("b-1", "Alpha Unit", ("Unit",)), Named("a-2", "Beta Unit", ("Unit",))]
    )
    with pytest.raises(AmbiguousName) as caught:
        index.resolve("unit")
    assert str(caught.value) == (
        "'unit' matches several actors: Alpha Unit (id b-1), Beta Unit (id a-2); give the id"
    )


def test_suggestions_look_past_many_spellings_of_one_record() -> None:
    """Nine close spellings of one place must not hide the next place from 'did you mean'."""
    spellings = tuple(f"agdam{c}" for c in "bcdefghij")
    index = NameIndex.build("place", [Named("one", "agdama", spellings), Named("two", "agdamxy")])
    assert index.suggest(fold("agdam")) == ["agdama", "agdamxy"]


def test_nothing_to_suggest_from_an_empty_index() -> None:
    with pytest.raises(NameNotFound) as caught:
        NameIndex.build("place", []).resolve("Shusha")
    assert str(caught.value) == (
        "no place matches 'Shusha'; no place of that name is in this chronology"
        " (to find the word in the text: --search Shusha)"
    )
    assert caught.value.suggestions == []


def test_an_exact_name_shared_by_two_lists_only_those_two() -> None:
    """Not also the names that merely start with it."""
    index = NameIndex.build(
        "place", [Named("a-1", "Agbulag"), Named("a-2", "Agbulag"), Named("f", "Agbulag Forest")]
    )
    with pytest.raises(AmbiguousName) as caught:
        index.resolve("agbulag")
    assert [ident for ident, _ in caught.value.candidates] == ["a-1", "a-2"]
