"""Text search: the folded forms a ``--search`` text stands for, and finding them in records.

Kept apart from :mod:`.query` so that matching text is one small rule: fold once (case,
diacritics), widen a place's or an actor's name to its other names, require every text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from shusha_cli.core.names import NameIndex, fold


@functools.lru_cache(maxsize=8)
def folded_search(text: str) -> str:
    """The ``--search`` text folded once per query, not once per record it is tested against.

    Folding a 100 KB search term for each of 12,000 events took a minute; looked up here, the
    search is linear in the text searched (``in`` on str is linear in CPython 3.10+).
    """
    return fold(text)


def search_forms(text: str, indexes: Iterable[NameIndex]) -> tuple[str, ...]:
    """The folded forms that stand for one ``--search`` text: the text itself and, when it is
    a name of a place or an actor, that record's other names.

    So ``--search Şuşa`` (folded: "susa") also finds "Shusha" and "Shushi", and a search never
    depends on which spelling the article happened to use. Folding makes it case- and
    diacritic-insensitive.
    """
    key = folded_search(text)
    forms = {key}
    for index in indexes:
        for ident in index.exact.get(key, ()):
            record = index.records[ident]
            forms |= {fold(n) for n in (record.name, *record.aliases)}
    forms.discard("")
    return tuple(sorted(forms, key=lambda f: (f != key, f)))


def search_terms(
    terms: tuple[tuple[str, ...], ...], search: str | None
) -> tuple[tuple[str, ...], ...]:
    """What ``--search`` asks for: one group of forms per text, every group to be found.

    ``terms`` as resolved from the command line; a filter built in code may give ``search``
    alone, which is then its one term."""
    if terms:
        return terms
    return ((folded_search(search),),) if search else ()


def found_in(terms: tuple[tuple[str, ...], ...], texts: Iterable[str]) -> bool:
    """Whether every search term (any of its forms) is in one of the texts."""
    folded = [fold(h) for h in texts if h]
    return all(any(form in h for form in forms for h in folded) for forms in terms)
