"""Finding a place or an actor by any name a reader may type.

Names are compared after folding case, diacritics and the Azerbaijani letters that do not
decompose (ə, ı), and after turning punctuation into spaces, so ``Şuşa``, ``shusha`` and
``SHUSHA`` are one key. A lookup tries, in order: the exact id, an exact name or alias, then
names whose words start with the typed words; several equally good matches are an
:class:`~shusha_cli.core.errors.AmbiguousName`, none a :class:`~shusha_cli.core.errors.NameNotFound`
with the closest names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import field

from shusha_cli.core.errors import AmbiguousName, NameNotFound
from shusha_cli.core.record import record

_FOLD = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ß": "ss",
        "’": "'", "‘": "'", "ʼ": "'",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")

_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_SCHWA = str.maketrans({"ə": "a", "Ə": "a"})
"""For sounding and suggesting, ə is an a (Əliyev, Aliyev); folding alone makes it an e."""
_SOUNDS = (
    ("kh", "h"), ("x", "h"), ("yev", "ev"), ("iy", "i"), ("ye", "e"), ("yo", "o"), ("y", "i"),
    ("w", "v"), ("j", "dj"), ("dzh", "dj"), ("zh", "j"), ("ts", "c"),
)  # fmt: skip


def fold(text: str) -> str:
    """The comparison key of a name: lower case, no diacritics, words separated by one space."""
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").casefold()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def sound(word: str) -> str:
    """A rough sound key of one word, so spellings of one name meet: Aliyev, Aliev, Əliyev,
    Алиев all give ``aliev``; Khojaly ``hodjali``.

    Used only to rank "did you mean" suggestions, never to resolve a name: two different
    people can sound alike, and a lookup must not guess.
    """
    word = word.translate(_SCHWA).lower().translate(_CYRILLIC)
    word = fold(word).replace(" ", "")
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", word)


def _word_likeness(typed: str, known: str) -> float:
    """How alike two single words are, by sound; 1.0 when they sound the same."""
    a, b = sound(typed), sound(known)
    if a == b:
        return 1.0 if a else 0.0  # two words with no sound at all (ъ, ь) are not alike
    if len(a) >= 3 and b.startswith(a):  # a typed start of a longer word: Aliy -> Aliyev
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


SUGGEST_CUTOFF = 0.8
"""How alike (0..1, by sound, word by word) a name must be to be suggested: high enough that
Khojaly does not suggest Khojavend, nor Baku Atagut."""


@record
class Named:
    """Anything that can be looked up: its id, display name and other names."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@record(frozen=False)
class NameIndex:
    """An index of folded names to ids, for one kind of record (places or actors)."""

    kind: str
    records: dict[str, Named] = field(default_factory=dict)
    exact: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, kind: str, items: Iterable[Named]) -> NameIndex:
        index = cls(kind)
        for item in items:
            index.records[item.id] = item
            # The id is a name too: folding makes agbulag-1 the words "agbulag 1".
            for name in (item.id, item.name, *item.aliases):
                key = fold(name)
                if key:
                    index.exact.setdefault(key, set()).add(item.id)
        return index

    def _ambiguous(self, name: str, ids: Iterable[str]) -> AmbiguousName:
        ordered = sorted(ids, key=lambda i: (self.records[i].name, i))
        return AmbiguousName(self.kind, name, [(i, self.records[i].name) for i in ordered])

    def resolve(self, name: str) -> str:
        """The id of the one record ``name`` means; raises NameNotFound or AmbiguousName."""
        if name in self.records:
            return name
        key = fold(name)
        if not key:
            raise NameNotFound(self.kind, name, [])
        hits = self.exact.get(key, set())
        if len(hits) == 1:
            return next(iter(hits))
        if hits:  # more than one
            raise self._ambiguous(name, hits)
        words = key.split()
        partial = {
            ident
            for known, ids in self.exact.items()
            if _words_start(words, known.split())
            for ident in ids
        }
        if len(partial) == 1:
            return next(iter(partial))
        if partial:  # more than one
            raise self._ambiguous(name, partial)
        suggestions = self.suggest(name)
        raise NameNotFound(self.kind, name, suggestions, absent=not suggestions)

    def complete(self, prefix: str) -> list[str]:
        """The names a partly typed ``prefix`` could become, for shell completion.

        Matching is :meth:`resolve`'s: folded, every typed word the start of a word of the
        name, so ``shu`` offers Shusha and Shushi and ``susa`` offers Şuşa. Each matching name
        or alias is offered as spelled; a name shared by several records is offered as their
        ids instead, since completing to it would only lead to an ambiguity error. Names that
        start with the typed text come first; nothing typed offers the main names only.
        """
        typed = fold(prefix)
        words = typed.split()
        found: dict[str, None] = {}
        for item in self.records.values():
            names = (item.name,) if not words else (item.name, *item.aliases)
            for name in names:
                key = fold(name)
                if not key or (words and not _words_start(words, key.split())):
                    continue
                found.setdefault(item.id if len(self.exact.get(key, ())) > 1 else name)
        return sorted(found, key=lambda n: (not fold(n).startswith(typed), fold(n), n))

    def suggest(self, typed: str, limit: int = 3) -> list[str]:
        """Display names that look or sound like ``typed`` (for 'did you mean ...').

        Word by word: every typed word must be like some word of the name or alias (by sound,
        see :func:`sound`), and the name is scored by its least alike word, so "aliev" offers
        every Aliyev and "Khojaly" offers nothing that merely shares a start with it.
        """
        words = fold(typed.translate(_SCHWA)).split()
        if not words:
            return []
        scored: dict[str, tuple[float, int]] = {}
        for item in self.records.values():
            best = (0.0, 0)
            for name in (item.name, *item.aliases, item.id):
                known = fold(name.translate(_SCHWA)).split()
                if not known:
                    continue
                score = min(max(_word_likeness(w, k) for k in known) for w in words)
                # between equally alike names, the one with fewer words beyond those typed
                best = max(best, (score, -max(len(known) - len(words), 0)))
            if best[0] >= SUGGEST_CUTOFF:
                scored[item.id] = best
        ranked = sorted(scored, key=lambda i: (-scored[i][0], -scored[i][1], self.records[i].name))
        return [self.records[i].name for i in ranked[:limit]]


def _words_start(typed: list[str], known: list[str]) -> bool:
    """Every typed word is the start of a distinct word of the known name, in order."""
    i = 0
    for word in typed:
        while i < len(known) and not known[i].startswith(word):
            i += 1
        if i == len(known):
            return False
        i += 1
    return True
