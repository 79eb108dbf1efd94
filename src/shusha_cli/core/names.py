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
from dataclasses import dataclass, field

from shusha_cli.core.errors import AmbiguousName, NameNotFound

_FOLD = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ß": "ss",
        "’": "'", "‘": "'", "ʼ": "'",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """The comparison key of a name: lower case, no diacritics, words separated by one space."""
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").casefold()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


@dataclass(frozen=True)
class Named:
    """Anything that can be looked up: its id, display name and other names."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
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
            for name in (item.id.replace("-", " "), item.name, *item.aliases):
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
        if len(hits) > 1:
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
        if len(partial) > 1:
            raise self._ambiguous(name, partial)
        raise NameNotFound(self.kind, name, self.suggest(key))

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
                found.setdefault(item.id if len(self.exact.get(key, ())) > 1 else name, None)
        return sorted(found, key=lambda n: (not fold(n).startswith(typed), fold(n), n))

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Display names whose keys look like ``key`` (for 'did you mean ...')."""
        # Every close key, in order: many spellings of one record must not crowd out the next.
        close = difflib.get_close_matches(
            key, list(self.exact), n=max(1, len(self.exact)), cutoff=0.6
        )
        out: list[str] = []
        for known in close:
            for ident in sorted(self.exact[known]):
                label = self.records[ident].name
                if label not in out:
                    out.append(label)
        return out[:limit]


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
