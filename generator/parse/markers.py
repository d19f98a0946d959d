"""Find footnote markers in question and answer text and write them as ``[^N]``.

Markers come glued to punctuation or words (`Rotterdam»?1`, `MIND3 dat`), at the start of the next
line (`verdwijnt` / `1» en`), as `1)` or `[1]` in .docx text, or mangled by the PDF extraction into
`’`, `;` or `,` after a question mark. Digits are everywhere in this text, so a marker is only taken
for a footnote that exists and only in reading order: the first marker is the lowest footnote number,
the next one the next number, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.parse.layout import Line, is_bare_number

# A marker is followed by a space, punctuation or the line end, but not by a decimal part: the "3"
# of "3.354" in a flattened table is a number.
_AFTER_MARKER = r"(?=[\s»”\"’?!;:)]|[.,](?!\d)|$)"
_GLUED = re.compile(r"(?<=[^\W\d_]|[»”\"’?!.,;:)])(?<!\d[.,])(?P<number>\d{1,3})" + _AFTER_MARKER)
_DOCX = re.compile(r"\s?(?:\((?P<paren>\d{1,3})\)|(?<![\d(])(?P<close>\d{1,3})\)|\[(?P<bracket>\d{1,3})\])")
_LINE_START = re.compile(r"^(?P<number>\d{1,3})" + _AFTER_MARKER)
_ENDS_WITH_MARKER = re.compile(r"\[\^\d+\]$")
_LEADING_PUNCTUATION = re.compile(r"^[.,;:!?»”)’]+(?=\s|$)")
# The question mark and what the marker after it became (a literal first: quick to search for).
_MANGLED = re.compile(r"\?(?P<char>[’';,])(?=\s|$)")


@dataclass(frozen=True, kw_only=True)
class MarkerNote:
    line: int
    message: str
    quote: str


class MarkerReader:
    """Reads markers across the blocks of one document, keeping the reading order."""

    def __init__(self, footnote_numbers: Sequence[int]) -> None:
        self._pending = sorted(set(footnote_numbers))
        self.found: list[int] = []
        self.notes: list[MarkerNote] = []

    @property
    def expected(self) -> int | None:
        return self._pending[0] if self._pending else None

    def _take(self) -> int:
        number = self._pending.pop(0)
        self.found.append(number)
        return number

    def mark_lines(self, lines: Sequence[Line]) -> list[Line]:
        """The lines with markers written as [^N]; a marker at the start of a line joins the line before.

        "verdwijnt" / "1» en «Alle" gives "verdwijnt[^1]»" / "en «Alle": punctuation that followed
        the marker goes up with it, so no space comes between.
        """
        result: list[Line] = []
        for line in lines:
            text = line.text.strip()
            moved = ""
            while (
                result
                and (start := _LINE_START.match(text))
                and int(start.group("number")) == self.expected
                and not _is_table_cell(_last_text(result), text[start.end() :])
            ):
                moved += (" " if moved else "") + f"[^{self._take()}]"
                text = text[start.end() :].lstrip()
            if moved:
                punctuation = _LEADING_PUNCTUATION.match(text)
                if punctuation:
                    moved += punctuation.group()
                    text = text[punctuation.end() :].lstrip()
                target = max((i for i, earlier in enumerate(result) if earlier.text.strip()), default=len(result) - 1)
                previous = result[target]
                before = previous.text.rstrip()
                # two markers from two places ("Hil.2" / "3") stay apart: "²³" would read as 23
                separator = " " if before.endswith("]") and _ENDS_WITH_MARKER.search(before) else ""
                result[target] = replace(previous, text=before + separator + moved)
                if not text:
                    continue
            elif self.found and is_bare_number(text) in self.found:
                # the marker of a passage the extraction printed twice ("1" / "Antwoord 1 Ja.")
                self.notes.append(
                    MarkerNote(line=line.number, message="a repeated footnote marker is left out", quote=text)
                )
                continue
            marked = self._mark_text(text, line.number)
            result.append(line if marked == line.text else replace(line, text=marked))
        return result

    def _mark_text(self, text: str, line_number: int) -> str:
        pieces: list[str] = []
        position = 0
        while self.expected is not None:
            candidate = self._next_candidate(text, position)
            if candidate is None:
                break
            start, end, mangled = candidate
            number = self._take()
            pieces.append(text[position:start].rstrip() if not mangled else text[position:start])
            pieces.append(f"[^{number}]")
            if mangled:
                self.notes.append(
                    MarkerNote(
                        line=line_number,
                        message=f"footnote marker {number} was printed as {text[start:end]!r}",
                        quote=text[max(0, start - 30) : end + 10],
                    )
                )
            position = end
        pieces.append(text[position:])
        return "".join(pieces)

    def _next_candidate(self, text: str, position: int) -> tuple[int, int, bool] | None:
        expected = str(self.expected)
        best: tuple[int, int, bool] | None = None
        glued = _first_glued(text, position, expected)
        if glued:
            best = (glued.start(), glued.end(), False)
        # Each form ends in the number and a bracket, which most lines lack: the pattern, which
        # tries every position, need not look.
        if text.find(expected + ")", position) >= 0 or text.find(expected + "]", position) >= 0:
            for match in _DOCX.finditer(text, position):
                number = next(group for group in match.groups() if group)
                if number == expected:
                    if best is None or match.start() < best[0]:
                        best = (match.start(), match.end(), False)
                    break
        # The "?" before a mangled marker may stand just before ``position``.
        mangled = _MANGLED.search(text, max(position - 1, 0))
        if mangled and (best is None or mangled.start(1) < best[0]):
            if not _is_prose_punctuation(text, mangled):
                best = (mangled.start(1), mangled.end(1), True)
        return best


def _first_glued(text: str, position: int, expected: str) -> re.Match[str] | None:
    """The first marker glued to a word or punctuation that has the expected number.

    It starts where the number is printed: those few places are tried, not every position. A
    longer number ("12" where 2 is expected) hides none, as no marker follows a digit.
    """
    start = text.find(expected, position)
    while start >= 0:
        match = _GLUED.match(text, start)
        if match and match.group("number") == expected:
            return match
        start = text.find(expected, start + 1)
    return None


def _is_table_cell(previous: str, rest: str) -> bool:
    """A number between rows of numbers ("2023 1 0 0" / "3. 29 41") is a cell of a flattened table."""
    return bool(re.search(r"\d$", previous) and re.match(r"^[.,]?\s*\d", rest))


def _last_text(lines: Sequence[Line]) -> str:
    return next((line.text.rstrip() for line in reversed(lines) if line.text.strip()), "")


def _is_prose_punctuation(text: str, match: re.Match[str]) -> bool:
    """A quote closing after a question mark ("?’ vroeg zij") is prose, not a mangled marker."""
    char = match.group("char")
    if char not in "’'":
        return False
    before = text[: match.start("char")]
    return before.count("‘") > before.count("’")
