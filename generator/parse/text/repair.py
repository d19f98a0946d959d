"""One change made to extracted text, reported to editors as a note."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Repair:
    """One change made to the text, reported to editors as a note."""

    before: str  # the text as in the source, e.g. "vanBuitenlandse"
    after: str  # e.g. "van Buitenlandse"
    reason: str  # short plain words, e.g. "words run together"
    line: int | None = None  # for repairs to a whole file: the line of the file it was made in
