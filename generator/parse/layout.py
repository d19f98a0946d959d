"""Turn raw dossier text into numbered logical lines, with page furniture removed and identifiers kept.

PDF extraction leaves page headers and footers in the text (`kv-tk-2019Z15231`, `'s-Gravenhage 2019
Tweede Kamer, vergaderjaar 2018-2019, Vragen 1`, `ISSN 0921 - 7398`), sometimes glued to real text, and
text flattened to one line keeps them in the middle of sentences. They are cut out here as spans, not
only as whole lines, and where they were a page ended: footnote bodies sit just before such a place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A zaak number is a year, "Z" and five digits; extraction sometimes puts a space after the "Z".
ZAAK = re.compile(r"\b((?:19|20)\d{2})Z ?(\d{5,6})\b")
# A document's own zaak number stands on a line of its own in the preamble ("2024Z18436"); one in a
# sentence ("ingezonden 13 november 2024 (vraagnummer 2024Z18284)") cites another question set.
_OWN_ZAAK = re.compile(rf"^[ \t]*{ZAAK.pattern}[ \t]*$", re.MULTILINE)
SESSION = re.compile(r"\b((?:19|20)\d{2})\s?[-–]\s?((?:19|20)\d{2})\b")


@dataclass(frozen=True, kw_only=True)
class Line:
    number: int  # 1-based line in the source file; a physical line may give several logical lines
    text: str
    page_end: bool = False  # page furniture followed this line: a page ended here


@dataclass(frozen=True, kw_only=True)
class Identifiers:
    """What the furniture and preamble say about the document itself."""

    zaak: str | None = None
    zaak_as_printed: str | None = None
    session: str | None = None  # "2024-2025"
    aanhangsel: int | None = None
    aanhangsel_line: int | None = None


# Furniture spans, found anywhere in a line. Order matters only for readability; they do not overlap.
_FURNITURE = re.compile(
    "|".join(
        (
            r"\b(?:ah|kv)-tk-(?:\d{8}-\d+|\d{4}Z ?\d{5,6})(?:\s*\.(?=\s*$))?",
            r"ISSN \d{4} ?- ?\d{4}",
            r"[’'‘`]s-Gravenhage \d{4}",
            r"Tweede Kamer, vergaderjaar \d{4}\s?[-–]\s?\d{4}, (?:Vragen|Aanhangsel)(?: ?\d{1,3}\b)?",
            r"^Tweede Kamer der Staten-Generaal ?\d?(?=\s*(?:Vergaderjaar|$))",
            r"\bTweede Kamer der Staten-Generaal ?\d?(?=\s*Vergaderjaar)",
            r"(?<![A-Za-z])Vergaderjaar \d{4}\s?[-–]\s?\d{4}\s+(?:Aanhangsel van de Handelingen\s*)?"
            r"(?:Vragen gesteld door de leden der Kamer(?:,? met de daarop door de\s+regering gegeven antwoorden)?)?",
            r"^Vragen gesteld door de leden der Kamer, met de daarop door de$",
            r"^regering gegeven antwoorden$",
        )
    ),
    re.MULTILINE,
)
_PAGE_FOOTER = re.compile(r"(?:ah|kv)-tk-|Tweede Kamer, vergaderjaar|ISSN ")
_AANHANGSEL_ID = re.compile(r"\bah-tk-(\d{4})(\d{4})-(\d+)")
_DOCX_AANHANGSEL = re.compile(r"^AH ?(\d+)$")
# The Aanhangsel number follows the preamble: "... met de daarop door de regering gegeven antwoorden 546"
_PREAMBLE_NUMBER = re.compile(r"regering gegeven antwoorden\s+(\d{1,5})\b")
_BARE_NUMBER = re.compile(r"^(\d{1,4})(?=\s|$)")
_PRINTED_SESSION = re.compile(r"[Vv]ergaderjaar (\d{4})\s?[-–]\s?(\d{4})")
_FOOTER_ZAAK = re.compile(r"kv-tk-((?:19|20)\d{2})Z ?(\d{5,6})")


# What each kind of furniture above contains word for word: a line without any of these has none.
_FURNITURE_ANCHORS = (
    "-tk-",
    "ISSN ",
    "s-Gravenhage ",
    "Tweede Kamer",
    "Vergaderjaar ",
    "Vragen gesteld door",
    "regering gegeven antwoorden",
)


def split_lines(text: str) -> list[Line]:
    """Cut the text into logical lines, drop furniture and mark the places where a page ended."""
    lines: list[Line] = []
    with_furniture = lines_containing(text, _FURNITURE_ANCHORS)
    for index, physical in enumerate(text.split("\n")):
        number = index + 1
        if index not in with_furniture:
            lines.append(Line(number=number, text=physical.rstrip()))
            continue
        pieces = _cut_furniture(physical)
        for piece_index, piece in enumerate(pieces):
            is_last = piece_index == len(pieces) - 1
            if piece is None:
                _mark_page_end(lines)
                continue
            if piece.strip() or is_last:
                lines.append(Line(number=number, text=piece.rstrip()))
    return lines


def lines_containing(text: str, anchors: Sequence[str]) -> set[int]:
    """The indexes of the lines of the text that contain one of the anchors (none spans lines).

    A quick first test for patterns that need one of the anchors: found in the whole text at
    once, in a fraction of the time such a pattern takes to say so line by line.
    """
    found = set()
    for anchor in anchors:
        position = text.find(anchor)
        while position >= 0:
            found.add(text.count("\n", 0, position))
            position = text.find(anchor, position + 1)
    return found


def _cut_furniture(physical: str) -> list[str | None]:
    """The text pieces of one physical line; None stands where page furniture was cut out."""
    pieces: list[str | None] = []
    position = 0
    for match in _FURNITURE.finditer(physical):
        before = physical[position : match.start()]
        if before.strip():
            pieces.append(before.strip())
        if _PAGE_FOOTER.search(match.group()):
            pieces.append(None)
        position = match.end()
    rest = physical[position:]
    if position == 0:
        return [physical]
    if rest.strip():
        pieces.append(rest.strip())
    return pieces


def _mark_page_end(lines: list[Line]) -> None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].text.strip():
            line = lines[index]
            lines[index] = Line(number=line.number, text=line.text, page_end=True)
            return


def find_identifiers(text: str) -> Identifiers:
    """Zaak number, vergaderjaar and Aanhangsel number, from the preamble and the furniture."""
    zaak = zaak_as_printed = None
    head = text[:2000]
    match = (_OWN_ZAAK.search(head) if "Z" in head else None) or _footer_zaak(text)
    if match:
        zaak_as_printed = match.group(0).strip()
        digits = match.group(2)
        # A zaak number has five digits; a sixth is a stray character of the extraction. The number
        # ends the footer, so the last five are kept, and the guess is reported.
        zaak = f"{match.group(1)}Z{digits[-5:]}"
    session = aanhangsel = aanhangsel_line = None
    ah_id = _search_from(_AANHANGSEL_ID, text, text.find("ah-tk-"))
    if ah_id:
        session = f"{ah_id.group(1)}-{ah_id.group(2)}"
        aanhangsel = int(ah_id.group(3))
    session_match = None if session else _PRINTED_SESSION.search(text)
    if session_match:
        session = f"{session_match.group(1)}-{session_match.group(2)}"
    preamble_number = _PREAMBLE_NUMBER.search(text[:1500])
    if preamble_number and aanhangsel is None:
        aanhangsel = int(preamble_number.group(1))
    for number, line in enumerate(text.split("\n", 12)[:12], start=1):
        docx_ah = _DOCX_AANHANGSEL.match(line.strip())
        if docx_ah:
            aanhangsel, aanhangsel_line = int(docx_ah.group(1)), number
    return Identifiers(
        zaak=zaak,
        zaak_as_printed=zaak_as_printed,
        session=session,
        aanhangsel=aanhangsel,
        aanhangsel_line=aanhangsel_line,
    )


def _search_from(
    pattern: re.Pattern[str], text: str, needed: int, *, before: int = 0
) -> re.Match[str] | None:
    """The first match of a pattern that starts at most ``before`` characters before what it
    needs, first found at ``needed`` (negative: found nowhere, so no match)."""
    return pattern.search(text, max(needed - before, 0)) if needed >= 0 else None


def _footer_zaak(text: str) -> re.Match[str] | None:
    return _FOOTER_ZAAK.search(text)


def is_bare_number(text: str) -> int | None:
    """A line that is only a number: the Aanhangsel number in a preamble, or a footnote marker."""
    stripped = text.strip()
    if not stripped[:1].isdigit():
        return None  # the quick answer for nearly every line
    match = _BARE_NUMBER.match(stripped)
    if match and match.group(0) == stripped:
        return int(match.group(1))
    return None
