"""Values worked out from one dossier, kept while the dossier is the very same object.

The parse cache hands out the same `Dossier` object for a file that did not change, so in a rebuild
after one change, a value made for every dossier (a line of a download, a row of the statistics)
is made for one dossier instead of all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from generator.model import Dossier

T = TypeVar("T")


class PerDossier(Generic[T]):
    """``make(dossier)`` for each dossier, reusing the value of the last call for the same object.

    Values are found by the object's id() and hold the object itself, so an id cannot be reused
    while its value is kept; each call keeps only the values of the dossiers it was given.
    """

    def __init__(self, make: Callable[[Dossier], T]) -> None:
        self._make = make
        self._kept: dict[int, tuple[Dossier, T]] = {}

    def of_each(self, dossiers: Iterable[Dossier]) -> list[T]:
        kept: dict[int, tuple[Dossier, T]] = {}
        values = []
        for dossier in dossiers:
            entry = self._kept.get(id(dossier))
            if entry is None or entry[0] is not dossier:
                entry = (dossier, self._make(dossier))
            kept[id(dossier)] = entry
            values.append(entry[1])
        self._kept = kept
        return values
