"""Tables and lists in running text: lines of the source whose breaks carry meaning.

A PDF's table comes out of the extraction as lines of cells separated by spaces: a header whose
cells may wrap over several short lines, then one line per row, mostly numbers. Joined like
prose, its rows run together into one line of numbers. Here a table is found by its rows (several
lines in a row made mostly of numbers, ending in one), and kept as a paragraph of its own with
one line per row. Likewise a list of dashes that the extraction ran into the text gets a line per
item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.parse.layout import Line


_NUMBER = re.compile(r"[(€$]?[-+]?\d[\d.,–/:-]*[%)]?[.,:;]?")
_ENDS_IN_NUMBER = re.compile(r"\d[\d.,–/-]*[%)]?$")
_MIN_ROWS = 3  # fewer lines of numbers are prose that happens to hold numbers
_LONGEST_HEADER_LINE = 60  # a header's cells wrap in short lines
_SENTENCE_END = (".", "?", "!", ";", ":")
# A note below a table, numbered like the marks in its cells: "1 Vanaf 2021 zijn ...".
_TABLE_NOTE = re.compile(r"\d{1,2} [^\W\d_]")


@dataclass(frozen=True, kw_only=True)
class Table:
    """The lines of one table: each row (the header first) and each note below it as the source
    lines that make it, to be joined with spaces."""

    rows: tuple[tuple[Line, ...], ...]
    notes: tuple[tuple[Line, ...], ...] = ()


def split_tables(lines: Sequence[Line]) -> list[list[Line] | Table]:
    """The lines of one paragraph, with each table among them taken out: prose before it, the
    table (its header, its rows and the notes below it), prose after it."""
    is_row = [_is_row(line.text) for line in lines]
    pieces: list[list[Line] | Table] = []
    prose: list[Line] = []
    index = 0
    while index < len(lines):
        end = _rows_end(lines, is_row, index)
        if end is None:
            prose.append(lines[index])
            index += 1
            continue
        header_start = _header_start(prose)
        header, prose = prose[header_start:], prose[:header_start]
        if prose:
            pieces.append(prose)
            prose = []
        rows = [tuple(header)] if header else []
        rows += _rows(lines[index:end], is_row[index:end])
        notes = _notes(lines, end)
        pieces.append(Table(rows=tuple(rows), notes=notes))
        index = end + sum(map(len, notes))
    if prose:
        pieces.append(prose)
    return pieces


def _is_row(text: str) -> bool:
    """A line of a table's body: at least two numbers, half its words numbers, a number last."""
    if not _ENDS_IN_NUMBER.search(text.rstrip()):
        return False  # most lines: prose, told by their end without looking at every word
    words = text.split()
    numbers = sum(1 for word in words if _NUMBER.fullmatch(word))
    return numbers >= 2 and 2 * numbers >= len(words)


def _rows_end(lines: Sequence[Line], is_row: Sequence[bool], start: int) -> int | None:
    """Where the body of a table that starts at ``start`` ends, if one does: its rows, and the
    lines between two rows that belong to one ("(t/m 31–05)", a row's label over its numbers)."""
    if not is_row[start]:
        return None
    rows = 0
    end = index = start
    while index < len(lines):
        if is_row[index]:
            rows += 1
            index += 1
            end = index
        elif index + 1 < len(lines) and is_row[index + 1] and _is_part_of_row(lines[index].text):
            index += 1
        else:
            break
    return end if rows >= _MIN_ROWS else None


def _is_part_of_row(text: str) -> bool:
    """A line inside a table that is no row itself: a row's label over its numbers ("Verenigd
    Koninkrijk:"), or the rest of the row above ("(t/m 31–05)")."""
    text = text.strip()
    return len(text) <= _LONGEST_HEADER_LINE and (text.endswith(":") or text.startswith("("))


def _rows(lines: Sequence[Line], is_row: Sequence[bool]) -> list[tuple[Line, ...]]:
    """The body's lines grouped into rows: a label joins the numbers below it, a bracket the row above."""
    rows: list[list[Line]] = []
    label: list[Line] = []
    for line, row in zip(lines, is_row, strict=True):
        text = line.text.strip()
        if row:
            rows.append([*label, line])
            label = []
        elif text.endswith(":"):
            label.append(line)
        elif rows:
            rows[-1].append(line)
        else:
            label.append(line)
    if label:
        rows.append(label)
    return [tuple(row) for row in rows]


def _header_start(prose: Sequence[Line]) -> int:
    """Where the header of a table begins among the lines before its rows: the short lines that
    end no sentence, right above the first row."""
    start = len(prose)
    while start > 0:
        text = prose[start - 1].text.strip()
        if len(text) > _LONGEST_HEADER_LINE or text.endswith(_SENTENCE_END):
            break
        start -= 1
    return start


def _notes(lines: Sequence[Line], end: int) -> tuple[tuple[Line, ...], ...]:
    """The numbered notes right below a table ("1 Vanaf 2021 ..."), each with the lines it runs
    on in, up to the end of its sentence."""
    notes: list[list[Line]] = []
    for line in lines[end:]:
        text = line.text.strip()
        if _TABLE_NOTE.match(text):
            notes.append([line])
        elif notes and not notes[-1][-1].text.strip().endswith((".", "?", "!")):
            notes[-1].append(line)
        else:
            break
    return tuple(map(tuple, notes))


# An item of a list that the extraction ran into the text: "voor een paardachtige;– Uiterlijk".
_LIST_ITEM = re.compile(r"(?<=[;:]) ?(?=[–•] )")


def break_list_items(text: str) -> str:
    """Each item of a list of dashes on a line of its own, where a paragraph holds such a list:
    at least two dashes that follow a semicolon or a colon."""
    if len(_LIST_ITEM.findall(text)) < 2:
        return text
    return _LIST_ITEM.sub("\n", text)


_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A number as Dutch tables print it: "348", "1823,4", "2.082", "1.149,5".
_PLAIN_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_GLUED_NUMBERS = re.compile(r"\d[\d.,]*\d")


def raise_note_marks(rows: Sequence[str], notes: Sequence[str]) -> list[str]:
    """A table's rows and notes with each note's number raised, as printed: in front of the note
    ("¹ Vanaf 2021 ...") and where the extraction ran it into a cell, between two numbers that
    no table prints as one ("88711.122" for "887¹ 1.122")."""
    numbers = []
    raised_notes = []
    for note in notes:
        number = _NOTE_NUMBER.match(note)
        if number:
            numbers.append(number.group(1))
            note = number.group(1).translate(_RAISED) + note[number.end(1) :]
        raised_notes.append(note)
    if not numbers:
        return [*rows, *notes]
    marked_cell = re.compile(rf"({_PLAIN_NUMBER})({'|'.join(numbers)})({_PLAIN_NUMBER})")

    def mark(match: re.Match[str]) -> str:
        if re.fullmatch(_PLAIN_NUMBER, match.group()):
            return match.group()  # a number as tables print it: no mark in it
        cell = marked_cell.fullmatch(match.group())
        return f"{cell.group(1)}{cell.group(2).translate(_RAISED)} {cell.group(3)}" if cell else match.group()

    return [*(_GLUED_NUMBERS.sub(mark, row) for row in rows), *raised_notes]


_NOTE_NUMBER = re.compile(r"(\d{1,2}) ")
