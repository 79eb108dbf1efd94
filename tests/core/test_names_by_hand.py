"""Sound keys, likeness, suggestions and completion of names, each worked out by hand."""

from __future__ import annotations

import difflib

import pytest

from shusha_cli.core import names
from shusha_cli.core.errors import AmbiguousName, NameNotFound
from shusha_cli.core.names import SUGGEST_CUTOFF, Named, NameIndex, sound


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Aliyev", "aliev"),  # yev -> ev
        ("Aliev", "aliev"),
        ("Əliyev", "aliev"),  # ə is a, not e as when folding
        ("Алиев", "aliev"),  # Cyrillic spelled out
        ("Khojaly", "hodjali"),  # kh -> h, y -> i, j -> dj
        ("Xocalı", "hocali"),  # x -> h, dotless ı folded to i
        ("Allahverdi", "alahverdi"),  # a doubled letter counts once
        ("Dzhabrayil", "djabrail"),  # dzh -> dj, y -> i, then ii once
        ("Jabrayil", "djabrail"),
        ("Zhukov", "jukov"),  # zh -> j (after j -> dj, so not djukov)
        ("Yerevan", "erevan"),  # ye -> e
        ("Yolchu", "olchu"),  # yo -> o
        ("Mariya", "maria"),  # iy -> i
        ("Wargonzo", "vargonzo"),  # w -> v
        ("Tsakuri", "cakuri"),  # ts -> c
        ("Шуша", "shusha"),
        ("Mehdi Ali", "mehdiali"),  # the spaces of a folded name go
        ("ъ", ""),  # the hard sign has no sound
    ],
)
def test_sound_keys_by_hand(word: str, key: str) -> None:
    assert sound(word) == key


@pytest.mark.parametrize(
    ("typed", "known", "likeness"),
    [
        ("Aliev", "Əliyev", 1.0),  # sound the same
        ("ali", "aliyev", 0.9),  # three letters typed: a start of the longer word
        ("aliy", "aliyev", 0.9),
        ("al", "aliyev", 2 * 2 / (2 + 5)),  # two are too few to count as a start: the ratio
        ("abcdf", "abcde", 0.8),
        ("liev", "aliev", 2 * 4 / 9),  # inside the word, not its start
        ("ъ", "aliev", 0.0),  # nothing to compare
        ("aliev", "ъ", 0.0),
        ("ъ", "ь", 0.0),  # two empty keys are not alike
    ],
)
def test_word_likeness(typed: str, known: str, likeness: float) -> None:
    assert names._word_likeness(typed, known) == pytest.approx(likeness)
    a, b = sound(typed), sound(known)
    if a and b and a != b and not (len(a) >= 3 and b.startswith(a)):
        assert likeness == pytest.approx(difflib.SequenceMatcher(None, a, b).ratio())


def test_the_cut_off_is_inclusive() -> None:
    index = NameIndex.build("place", [Named("x", "Abcde"), Named("y", "Abcxy")])
    # abcdf ~ abcde: 8/10 = the cut-off, kept; ~ abcxy: 6/10, dropped
    assert SUGGEST_CUTOFF == 0.8
    assert index.suggest("abcdf") == ["Abcde"]
    assert index.suggest("ъ") == []
    assert NameIndex.build("place", [Named("x", "\u042c")]).suggest("ъ") == []


def test_suggestions_ranked_by_likeness_then_fewer_words_then_name() -> None:
    index = NameIndex.build(
        "actor",
        [
            Named("m", "Mehriban Aliyeva"),  # aliev a start of alieva: 0.9
            Named("i", "Ilham Aliyev"),  # 1.0, one word more than typed
            Named("b", "Bravo Aliyev"),  # the same: before Ilham by name
            Named("a", "Aliyev"),  # 1.0, no word more
            Named("z", "Zzz", ("Aliev",)),  # 1.0 through an alias, shown by its name
            Named("far", "Petrosyan"),
        ],
    )
    assert index.suggest("aliyev", limit=10) == [
        "Aliyev",
        "Zzz",
        "Bravo Aliyev",
        "Ilham Aliyev",
        "Mehriban Aliyeva",
    ]
    assert index.suggest("aliyev") == ["Aliyev", "Zzz", "Bravo Aliyev"]
    assert index.suggest("aliyev", limit=1) == ["Aliyev"]
    # every typed word must be like some word of the name: the least alike word decides
    assert index.suggest("ilham aliyev", limit=10) == ["Ilham Aliyev"]
    assert index.suggest("aliyev ilham", limit=10) == ["Ilham Aliyev"]


def test_a_name_scores_by_its_best_spelling() -> None:
    # the id's words are a spelling too
    index = NameIndex.build("actor", [Named("hikmet-mirzayev", "The General")])
    assert index.suggest("mirzaev") == ["The General"]
    # the best of the name and its aliases counts, whichever comes first
    index = NameIndex.build(
        "actor", [Named("a", "Mirzev"), Named("b", "Mirzayev Xyz", ("Mirzayev",))]
    )
    assert index.suggest("mirzayev") == ["Mirzayev Xyz", "Mirzev"]


def test_schwa_sounds_as_a_in_typed_and_known_names() -> None:
    # Əliyev (capital) sounds as Aliyev exactly, ahead of a longer name it merely starts
    index = NameIndex.build("actor", [Named("b", "Aliyevx"), Named("a", "Əliyev")])
    assert index.suggest("aliyev") == ["Əliyev", "Aliyevx"]
    # a small ə inside a name
    index = NameIndex.build("actor", [Named("b", "Mirzayev Jr"), Named("a", "Mirzəyev")])
    assert index.suggest("mirzayev") == ["Mirzəyev", "Mirzayev Jr"]
    # and in what is typed: Mirzəyev is Mirzayev, not Mirzev
    index = NameIndex.build("actor", [Named("b", "Mirzev"), Named("a", "Mirzayev")])
    assert index.suggest("Mirzəyev") == ["Mirzayev", "Mirzev"]
    assert index.suggest("MİRZƏYEV") == ["Mirzayev", "Mirzev"]


def test_not_found_with_and_without_suggestions() -> None:
    index = NameIndex.build("place", [Named("shusha", "Shusha"), Named("lachin", "Lachin")])
    with pytest.raises(NameNotFound) as close:
        index.resolve("Shusah")
    assert (close.value.suggestions, str(close.value)) == (
        ["Shusha"],
        "no place matches 'Shusah'; did you mean Shusha?",
    )
    with pytest.raises(NameNotFound) as far:
        index.resolve("Baku")
    assert far.value.suggestions == []
    assert str(far.value) == (
        "no place matches 'Baku'; no place of that name is in this chronology"
        " (to find the word in the text: --search Baku)"
    )
    with pytest.raises(NameNotFound) as empty:
        index.resolve("  ")
    assert str(empty.value) == "no place matches '  '"


def test_resolve_in_order_id_exact_prefix() -> None:
    index = NameIndex.build(
        "place",
        [
            Named("a", "Agdam"),
            Named("b", "Agdam District", ("Aghdam",)),
            Named("c", "Fizuli"),
        ],
    )
    assert index.resolve("b") == "b"  # an id
    assert index.resolve("agdam") == "a"  # one exact name, though another starts with it
    assert index.resolve("AGHDAM") == "b"
    assert index.resolve("agdam dis") == "b"
    assert index.resolve("fiz") == "c"
    with pytest.raises(AmbiguousName) as both:
        index.resolve("agd")
    assert both.value.candidates == [("a", "Agdam"), ("b", "Agdam District")]


def test_words_start_by_hand() -> None:
    ws = names._words_start
    assert ws(["kh", "sh"], ["khankendi", "shusha", "road"])
    assert ws(["road"], ["khankendi", "shusha", "road"])
    assert ws([], ["any"])
    assert not ws(["sh", "kh"], ["khankendi", "shusha"])
    assert not ws(["x"], [])
    assert not ws(["sh", "sh"], ["shusha"])
    assert ws(["sh", "sh"], ["shusha", "shushi"])


def test_completion_by_hand() -> None:
    index = NameIndex.build(
        "place",
        [
            Named("shusha", "Shusha", ("Şuşa", "Shushi")),
            Named("a-1", "Agbulag"),
            Named("a-2", "Agbulag", ("Upper Agbulag",)),
            Named("road", "Lachin-Shusha road"),
        ],
    )
    # names that start with the typed text first, then those with a later word starting so
    assert index.complete("shu") == ["Shusha", "Shushi", "Lachin-Shusha road"]
    assert index.complete("SU") == ["Şuşa"]
    # a name two records share is offered as their ids
    assert index.complete("agb") == ["a-1", "a-2", "Upper Agbulag"]
    # nothing typed: the main names only, never the aliases
    assert index.complete("") == ["a-1", "a-2", "Lachin-Shusha road", "Shusha"]
    assert index.complete("zzz") == []


def test_a_name_that_folds_to_nothing_does_not_hide_the_others() -> None:
    index = NameIndex.build("actor", [Named("x", "—", ("Aliyev",))])
    assert index.suggest("aliev") == ["—"]


def test_extra_words_count_only_beyond_those_typed() -> None:
    # Two typed words: a one-word name has no word more, nor has a two-word one, so the two
    # tie and go by name.
    index = NameIndex.build("actor", [Named("a", "Aliyev"), Named("b", "Aaa Aliyev")])
    assert index.suggest("aliev aliev") == ["Aaa Aliyev", "Aliyev"]
    # one typed word: the one-word name first
    assert index.suggest("aliev") == ["Aliyev", "Aaa Aliyev"]


def test_an_id_is_a_name_word_by_word() -> None:
    index = NameIndex.build("place", [Named("agbulag-1", "Upper"), Named("agbulag-2", "Lower")])
    assert index.resolve("agbulag 1") == "agbulag-1"
    assert index.resolve("AGBULAG 2") == "agbulag-2"
    assert index.exact["agbulag 1"] == {"agbulag-1"}
    assert index.suggest("agbulak") == ["Lower", "Upper"]
