"""Official identifiers cited in dossier text, and the addresses of the publications they name.

Questions, answers and footnotes cite parliamentary papers in a few fixed forms: a Kamerstuk
("Kamerstuk 22 112, nr. 2686", "Kamerstukken II 2021–2022, 29 279, nr. 339", "36 410 VIII, nr.
112"), an earlier Aanhangsel ("Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 349"), the
Staatsblad ("Stb. 2024, 153") and zaak numbers ("2024Z18284"). Each becomes a `Reference` with a
stable key, so that dossiers citing the same paper can be linked, and the URL of the publication.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

OFFICIAL = "https://zoek.officielebekendmakingen.nl"
TWEEDE_KAMER_ZAAK = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id={zaak}"


class ReferenceKind(enum.StrEnum):
    KAMERSTUK = "kamerstuk"
    AANHANGSEL = "aanhangsel"
    STAATSBLAD = "staatsblad"
    ZAAK = "zaak"


@dataclass(frozen=True, kw_only=True)
class Reference:
    kind: ReferenceKind
    key: str  # stable identity: "kst-22112-2686", "ah-tk-20242025-349", "2024Z18284"
    start: int  # the span of text that cites it
    end: int

    @property
    def url(self) -> str:
        if self.kind is ReferenceKind.ZAAK:
            return TWEEDE_KAMER_ZAAK.format(zaak=self.key)
        return f"{OFFICIAL}/{self.key}.html"


# A Kamerstuk dossier number is printed with a thin space or a space between thousands ("22 112"),
# sometimes followed by a roman numeral or letters for a part ("36 410 VIII", "36 200 A").
_DOSSIER_NUMBER = r"(?P<dossier>\d{2}\s?\d{3})(?:[\s-](?P<part>[IVXLC]+|[A-Z]{1,3})\b)?"
_KAMERSTUK = re.compile(
    r"(?:Kamerstuk(?:ken)?(?:\s+I{1,2})?,?(?:\s*(?:vergaderjaar\s+)?\d{4}\s?[-–/]\s?\d{2,4})?,?\s+)?"
    r"(?<![\d,.])\b" + _DOSSIER_NUMBER + r",\s+nr\.\s?(?P<number>\d+)"
)
_AANHANGSEL = re.compile(
    r"Aanhangsel(?:\s+(?:van\s+de\s+)?Handelingen)?(?:\s+II)?,?\s+(?:vergaderjaar\s+)?"
    r"(?P<first>\d{4})\s?[-–/]\s?(?P<second>\d{2,4}),?\s*nr\.\s?(?P<number>\d+)"
)
_STAATSBLAD = re.compile(r"\bStb\.\s?(?P<year>\d{4}),?\s+(?:nr\.\s?)?(?P<number>\d+)")
_ZAAK = re.compile(r"\b(?P<year>(?:19|20)\d{2})Z\s?(?P<number>\d{5})\b")


def find_references(text: str) -> list[Reference]:
    """Every citation in the text, in order of appearance, without overlaps."""
    found = sorted(_all_references(text), key=lambda reference: (reference.start, -reference.end))
    result: list[Reference] = []
    for reference in found:
        if result and reference.start < result[-1].end:
            continue
        result.append(reference)
    return result


def _all_references(text: str) -> Iterator[Reference]:
    # Every form but the zaak number has "nr." or "Stb."; most texts cite nothing, so look before searching.
    if "nr" in text:
        yield from _kamerstukken_and_aanhangsels(text)
    if "Stb" in text:
        for match in _STAATSBLAD.finditer(text):
            key = f"stb-{match.group('year')}-{match.group('number')}"
            yield Reference(kind=ReferenceKind.STAATSBLAD, key=key, start=match.start(), end=match.end())
    if "Z" in text:
        for match in _ZAAK.finditer(text):
            key = f"{match.group('year')}Z{match.group('number')}"
            yield Reference(kind=ReferenceKind.ZAAK, key=key, start=match.start(), end=match.end())


def _kamerstukken_and_aanhangsels(text: str) -> Iterator[Reference]:
    for match in _KAMERSTUK.finditer(text):
        dossier = match.group("dossier").replace(" ", "")
        part = f"-{match.group('part')}" if match.group("part") else ""
        key = f"kst-{dossier}{part}-{match.group('number')}"
        yield Reference(kind=ReferenceKind.KAMERSTUK, key=key, start=match.start(), end=match.end())
    for match in _AANHANGSEL.finditer(text):
        first, second = match.group("first"), match.group("second")
        second = second if len(second) == 4 else first[:2] + second
        key = f"ah-tk-{first}{second}-{match.group('number')}"
        yield Reference(kind=ReferenceKind.AANHANGSEL, key=key, start=match.start(), end=match.end())
