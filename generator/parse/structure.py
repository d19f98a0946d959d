"""Find the parts of a question set in its lines: headers, question and answer blocks, footnotes.

The parts are recognised by the conventions of the official documents, not by their position:
`Vraag 3`, `Vraag 4, 5 en 7`, `Antwoord 3`, `Antwoord op vraag 3`, `Antwoord vraag 3:`, numbered
questions in .docx text (`1.`), and footnote bodies (`1 fd.nl, ...`, `1Financieele Dagblad`, `1) AD`).
Footnote bodies in PDF text sit where a page ended, so a body is only taken for one where it runs
up to a page end (or, in text without page marks, up to the next heading or the end).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from generator.parse.layout import Line, is_bare_number, lines_containing

_NUMBERS = r"\d{1,3}(?:\s*(?:,|en|&)\s*\d{1,3})*"
QUESTION_HEADING = re.compile(rf"^(?:Vraag|Vragen)\s+(?P<numbers>{_NUMBERS})\s*[:.]?\s*(?P<rest>.*)$")
ANSWER_HEADING = re.compile(
    rf"^(?:Antwoord(?:en)?)(?:\s+(?:op\s+)?(?:vra(?:ag|gen)\s*)?(?P<numbers>{_NUMBERS}))?"
    r"\s*[:.]?\s*(?P<rest>.*)$"
)
# "1. Kunt u ..." or a line holding only "1": numbered questions in text from .docx files.
NUMBERED_QUESTION = re.compile(r"^(?P<numbers>\d{1,2})(?:\.\s*|\s*$)(?P<rest>.*)$")
SECTION_HEADING = re.compile(r"^(?P<heading>Toelichting|Mededeling)\s*:?\s*(?P<rest>.*)$")
QUESTION_HEADER = re.compile(
    r"^(?:Mondelinge\s+vragen|Vragen|Vraag)\s+van\s+(?:de\s+leden|het\s+lid|het\s+Kamerlid)\b", re.I
)
RESPONSE_HEADER = re.compile(r"^(?:Antwoord|Mededeling)\s+van\b")
SEE_ALSO = re.compile(r"Zie\s+ook\s+Aanhangsel")
SUBMITTED_LINE = re.compile(r"^\(ingezonden [^)]*\)\.?$")
ZAAK_LINE = re.compile(r"^(?:19|20)\d{2}Z ?\d{5,6}$")
DOCX_AH_LINE = re.compile(r"^AH ?\d+$")

# Footnote bodies. PDF text: "1 fd.nl, ...", "1Financieele Dagblad, ...", "' https://..." where the
# extraction mangled the number. Docx text: "1) AD, ..." or "[1] ...".
# The text of a footnote does not start with a digit or with what continues a number or a date
# ("30-09-2024." on the line after a footnote is its second line, not footnote 30).
PDF_FOOTNOTE = re.compile(r"^(?P<number>\d{1,3})\s?(?P<text>[^\d\s.),/–-].*)$")
MANGLED_FOOTNOTE = re.compile(r"^['’‘`]\s+(?P<text>\S.*)$")
DOCX_FOOTNOTE = re.compile(r"^(?:(?P<number>\d{1,3})\)|\[(?P<bracketed>\d{1,3})\])\s*(?P<text>\S.*)$")

# In text flattened to one line, a heading follows the end of a sentence on the same line.
_INLINE_HEADING = re.compile(
    r"(?<=[.?!»”)\d])\s+(?=(?:Vraag|Antwoord)\s+\d{1,3}(?:\s|[A-Z])|Antwoord van |Mededeling van "
    r"|Mededeling [A-Z]|Zie ook Aanhangsel)"
    r"|(?<=\S)\s+(?=(?:Mondelinge vragen|Vragen|Vraag) van (?:de leden|het lid)\b)"
)
_MAX_FOOTNOTE_LINES = 8


@dataclass(frozen=True, kw_only=True)
class RawFootnote:
    number: int
    lines: tuple[Line, ...]
    mangled_from: str | None = None  # the character the extraction printed instead of the number


@dataclass(kw_only=True)
class Block:
    """A heading and the lines under it."""

    kind: str  # "question", "answer", "section", "unnumbered"
    numbers: tuple[int, ...] = ()
    heading: str = ""
    line: int
    lines: list[Line] = field(default_factory=list)


# What every heading that _INLINE_HEADING finds contains, word for word: a line without any has none.
_INLINE_HEADING_ANCHORS = (
    "Vraag",
    "Antwoord",
    "Mededeling",
    "Zie ook Aanhangsel",
    " van de leden",
    " van het lid",
)


def split_inline_headings(lines: Sequence[Line]) -> list[Line]:
    """Put headings that text flattened to one line carries mid-line onto lines of their own."""
    result: list[Line] = []
    with_heading = lines_containing("\n".join(line.text for line in lines), _INLINE_HEADING_ANCHORS)
    for index, line in enumerate(lines):
        if index not in with_heading and line.text == line.text.strip():
            result.append(line)
            continue
        pieces = _INLINE_HEADING.split(line.text) if index in with_heading else [line.text]
        for piece_index, piece in enumerate(pieces):
            last = piece_index == len(pieces) - 1
            result.append(Line(number=line.number, text=piece.strip(), page_end=line.page_end and last))
    return result


# In text flattened to one line, a footnote body follows the last sentence before the page ended,
# its number glued to its first word: "... onverantwoorde zorg. 1Telegraaf, 8 december 2011, ...".
_GLUED_FOOTNOTE_START = re.compile(r"(?<=[.?!»”)])\s+(?=\d{1,3}[A-Z][a-z])")


def split_glued_footnotes(lines: Sequence[Line]) -> list[Line]:
    """Put footnote bodies glued into the last line of a page onto lines of their own."""
    result: list[Line] = []
    for line in lines:
        if not line.page_end:
            result.append(line)
            continue
        pieces = _GLUED_FOOTNOTE_START.split(line.text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            result.append(Line(number=line.number, text=piece.strip(), page_end=last))
    return result


# How every heading starts: the first word of QUESTION_HEADING, ANSWER_HEADING or SECTION_HEADING.
_HEADING_STARTS = ("Vra", "Antwoord", "Toelichting", "Mededeling")


@functools.lru_cache(maxsize=1 << 12)  # asked of each line several times over
def heading_of(text: str) -> tuple[str, tuple[int, ...], str, str] | None:
    """(kind, numbers, heading as printed, rest of the line) when the line starts a block."""
    stripped = text.strip()
    if not stripped.startswith(_HEADING_STARTS):
        return None
    if RESPONSE_HEADER.match(stripped) or QUESTION_HEADER.match(stripped):
        return None
    for kind, pattern in (("question", QUESTION_HEADING), ("answer", ANSWER_HEADING)):
        match = pattern.match(stripped)
        if match:
            rest = match.group("rest")
            if kind == "question" and rest and not rest[0].isupper():
                return None  # "Vraag 3 is al beantwoord" is prose, not a heading
            numbers = parse_numbers(match.group("numbers") or "")
            if kind == "answer" and not numbers and rest and not stripped.startswith(("Antwoord:", "Antwoord.")):
                return None  # "Antwoorden worden ..." is prose
            heading = stripped[: len(stripped) - len(rest)].strip() if rest else stripped
            return kind, numbers, heading, rest
    match = SECTION_HEADING.match(stripped)
    if match and (not match.group("rest") or stripped[len(match.group("heading")) :].startswith((":", " De "))):
        return "section", (), match.group("heading"), match.group("rest")
    return None


def parse_numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def find_footnotes(lines: Sequence[Line], *, has_page_marks: bool) -> tuple[list[RawFootnote], set[int]]:
    """Footnote bodies and the indexes of the lines they occupy."""
    footnotes: list[RawFootnote] = []
    taken: set[int] = set()
    for index, line in enumerate(lines):
        match = DOCX_FOOTNOTE.match(line.text.strip())
        if match:
            number = int(match.group("number") or match.group("bracketed"))
            footnotes.append(RawFootnote(number=number, lines=(_strip_start(line, match.group("text")),)))
            taken.add(index)
    if footnotes:
        return footnotes, taken

    next_number = 1
    for boundary in _zone_boundaries(lines, has_page_marks=has_page_marks):
        zone = _footnote_zone(lines, boundary, next_number)
        if zone is None:
            continue
        for start, end, number, mangled in zone:
            first = lines[start]
            match = MANGLED_FOOTNOTE.match(first.text.strip()) if mangled else PDF_FOOTNOTE.match(first.text.strip())
            assert match is not None
            body = [_strip_start(first, match.group("text"))] + [lines[i] for i in range(start + 1, end + 1)]
            footnotes.append(
                RawFootnote(
                    number=number,
                    lines=tuple(line for line in body if line.text.strip()),
                    mangled_from=first.text.strip()[0] if mangled else None,
                )
            )
            taken.update(range(start, end + 1))
            next_number = number + 1
    return footnotes, taken


def _strip_start(line: Line, text: str) -> Line:
    return replace(line, text=text)


def _zone_boundaries(lines: Sequence[Line], *, has_page_marks: bool) -> Iterator[int]:
    """Indexes of lines after which footnote bodies may stand."""
    last_text = max((i for i, line in enumerate(lines) if line.text.strip()), default=-1)
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        if line.page_end or index == last_text:
            yield index
        elif not has_page_marks:
            following = next((other for other in lines[index + 1 :] if other.text.strip()), None)
            if following is not None and heading_of(following.text):
                yield index


def _footnote_zone(
    lines: Sequence[Line], boundary: int, next_number: int
) -> list[tuple[int, int, int, bool]] | None:
    """Walk back from a boundary over footnote bodies numbered down to `next_number`.

    Returns (first line, last line, number, number mangled) per footnote, in order, or None when the
    lines before the boundary are not a run of footnotes that starts with the next expected number.
    """
    found: list[tuple[int, int, int, bool]] = []
    end = boundary
    expected: int | None = None
    loose_lines = 0
    index = boundary
    while index >= 0:
        text = lines[index].text.strip()
        if not text:
            index -= 1
            continue
        if heading_of(text) or RESPONSE_HEADER.match(text) or QUESTION_HEADER.match(text):
            return None
        if index != boundary and lines[index].page_end:
            return None
        match = PDF_FOOTNOTE.match(text)
        number = int(match.group("number")) if match else None
        mangled = number is None and MANGLED_FOOTNOTE.match(text) is not None
        if mangled and (expected is None or expected == next_number):
            number = next_number if expected is None else expected
        if number is not None and (expected is None or number == expected) and number >= next_number:
            found.append((index, end, number, mangled))
            if number == next_number:
                return list(reversed(found))
            expected = number - 1
            end = index - 1
            loose_lines = 0
        else:
            loose_lines += 1
            if loose_lines > _MAX_FOOTNOTE_LINES:
                return None
        index -= 1
    return None


def is_marker_only(text: str) -> int | None:
    return is_bare_number(text)
