"""Where the lines of a glued paragraph ended: the series of marks that keeps the rhythm of its lines.

Marks of lost line ends are weighed in one unit, the layout's cost: a negative cost is evidence
that a line ended there. A dry run notes every mark (``Survey``), the cheapest series of line
ends is fitted to them (``Layout``), and the final run takes a doubtful repair only at one of
those line ends (``LineEnds``). Where the series leaves a stretch too long for one line, a line
ended there without a mark of its own: then it may hide in a word that is a word itself ("te|kort"
read as "tekort"), and such a word is split only where it keeps the rhythm (``Layout.with_hidden``).
Lines are measured as printed, not in characters (``printed_widths``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


# How strongly a mark says that a glued line ended at it, in the units of the layout's costs.
CERTAIN = -4.0  # a case change, a function word, half a word: repaired whatever the layout says

# A dry run's evidence for a place where a line may have ended.
_NEUTRAL = 0.5  # a hyphen that stays either way: a line may have ended after it

# The layout of a glued paragraph, in average characters as printed (``printed_widths``).
# Measured on the corpus: 66 to 76 wide, 73 typical. A line may end well short of the page's
# edge, where the next word did not fit, but hardly past it: lines differ from the typical line
# more on the short side than on the long.
_TYPICAL_LINE_WIDTH = 73.0
_LINE_WIDTH_SPREAD = 3.5  # how much shorter one line is than the paragraph's typical line
_LONGER_LINE_SPREAD = 3.0  # how much longer
_UNMEASURED_SPREAD = 6.0  # either way, for a paragraph too short to show its own line length
_PHYSICAL_LINE_END = 2 * CERTAIN  # a line of the source's own
_SHORT_LINE = 1.5  # a paragraph of the source that ended in a short line, glued to the next
MISSING_LINE_END = 2.5  # a line end that left no mark: the line ended in a real space
_RESTART = 6.0  # a mark out of rhythm taken as a line end: a page break, a short line
_MOST_LINES_BETWEEN_MARKS = 6
_GLUED_PARAGRAPH_MIN_SHARE = 0.3  # of a long paragraph's line ends, at least this many certain


class Judge(Protocol):
    """Decides the doubtful repairs of a paragraph; told about the certain ones."""

    surveying: bool  # a dry run, which only notes where lines may have ended

    def certain(self, position: int, evidence: float = CERTAIN) -> None: ...

    def doubtful(self, position: int, cost: float) -> bool: ...

    def may_end(self, position: int) -> None: ...

    def wants_word_glue(self, start: int, end: int) -> bool: ...

    def hidden_line_end(self, start: int, end: int) -> int | None: ...


@dataclass(frozen=True, kw_only=True)
class Survey:
    """A dry run's judge: notes every mark of a line end, takes nothing doubtful."""

    marks: dict[int, float] = field(default_factory=dict)
    surveying: bool = True

    def certain(self, position: int, evidence: float = CERTAIN) -> None:
        self._note(position, evidence)

    def doubtful(self, position: int, cost: float) -> bool:
        self._note(position, cost)
        return False

    def may_end(self, position: int) -> None:
        self._note(position, _NEUTRAL)

    def wants_word_glue(self, start: int, end: int) -> bool:
        return True

    def hidden_line_end(self, start: int, end: int) -> int | None:
        return None

    def _note(self, position: int, cost: float) -> None:
        if cost < self.marks.get(position, math.inf):
            self.marks[position] = cost


@dataclass(frozen=True, kw_only=True)
class LineEnds:
    """The final run's judge: takes a doubtful repair where the layout put a line end."""

    positions: tuple[int, ...]  # sorted
    # Those of the positions that hide in a word that is a word itself, and left no other mark.
    hidden: frozenset[int] = frozenset()
    surveying: bool = False

    def certain(self, position: int, evidence: float = CERTAIN) -> None:
        pass

    def doubtful(self, position: int, cost: float) -> bool:
        index = bisect.bisect_left(self.positions, position)
        return index < len(self.positions) and self.positions[index] == position

    def may_end(self, position: int) -> None:
        pass

    def wants_word_glue(self, start: int, end: int) -> bool:
        if not self.positions:
            return False
        index = bisect.bisect_right(self.positions, start)
        return index < len(self.positions) and self.positions[index] < end

    def hidden_line_end(self, start: int, end: int) -> int | None:
        """The hidden line end inside a word from ``start`` to ``end``, if the layout has one."""
        return next((position for position in self.hidden if start < position < end), None)


NO_LAYOUT = LineEnds(positions=())


@dataclass(frozen=True, kw_only=True)
class Layout:
    """The line ends of a glued paragraph: the series of marks that keeps the rhythm best.

    Lines are measured as printed (``printed_widths``), not in characters: a line of "m" and
    "w" holds fewer characters than one of "i" and "l", and the page's width is the same.
    """

    line_ends: tuple[int, ...]  # character offsets where a new line started
    width: float  # the paragraph's typical line, in average characters as printed
    rhythm: _Rhythm  # in printed widths
    printed: Sequence[float]  # how far each character offset is into the paragraph, as printed

    @classmethod
    def fit(
        cls,
        marks: dict[int, float],
        text: str,
        *,
        physical: frozenset[int] | None,
        sentence_ends: frozenset[int] = frozenset(),
    ) -> Layout | None:
        """The best series of line ends; None if the paragraph shows no sign of glued lines.

        ``physical`` are the starts of the source's own lines, if known: certain line ends,
        after which the rhythm starts anew, and before which a line may be short. Where they are
        not known, a long paragraph without certain marks is taken for one whose lines were
        joined with spaces, not glued.
        """
        printed = printed_widths(text)
        length = printed[-1]
        certain = sorted(printed[position] for position, cost in marks.items() if cost <= CERTAIN)
        if physical is None:
            physical = frozenset()
            line_ends = length / _TYPICAL_LINE_WIDTH - 1
            if line_ends >= 2 and len(certain) < _GLUED_PARAGRAPH_MIN_SHARE * line_ends:
                return None  # long, yet hardly a certain mark: lines joined with spaces, not glued
        physical_at = frozenset(printed[position] for position in physical)
        width, measured = _line_width(certain, physical_at)
        by_place = {printed[position]: cost for position, cost in marks.items()}
        by_place.update(dict.fromkeys(physical_at, _PHYSICAL_LINE_END))
        places = sorted(by_place)
        shorter, longer = (_LINE_WIDTH_SPREAD, _LONGER_LINE_SPREAD) if measured else (_UNMEASURED_SPREAD,) * 2
        sentence_ends_at = frozenset(printed[position] for position in sentence_ends)
        rhythm = _Rhythm(width, shorter, longer, physical_at, sentence_ends_at)
        ends_at = _shortest_path(places, [by_place[place] for place in places], length, rhythm)
        offset_at = {printed[position]: position for position in (*marks, *physical)}
        line_ends = tuple(offset_at[place] for place in ends_at)
        return cls(line_ends=line_ends, width=width, rhythm=rhythm, printed=printed)

    def unmarked(self) -> tuple[tuple[int, int], ...]:
        """The stretches between line ends that hold more than one line: a line ended in them
        that left no mark. Only next to a line end that left one: a line of the source without
        any (a footnote, a table's note) may be set in smaller type, in longer lines."""
        stretches = []
        length = len(self.printed) - 1
        source_line_ends = self.rhythm.physical | {0.0, self.printed[-1]}
        for start, end in itertools.pairwise((0, *self.line_ends, length)):
            at_start, at_end = self.printed[start], self.printed[end]
            if at_start in source_line_ends and at_end in source_line_ends:
                continue
            if end == length or at_end in self.rhythm.physical:
                too_long = _last_line_cost(at_end - at_start, self.rhythm) > 0  # a last line may be short
            else:
                too_long = round((at_end - at_start) / self.width) >= 2
            if too_long:
                stretches.append((start, end))
        return tuple(stretches)

    def with_hidden(self, hidden: dict[int, float]) -> tuple[Layout, frozenset[int]]:
        """The layout with line ends that hid in words (with how dear each is) added to the
        unmarked stretches where they keep the rhythm; and those taken. The other line ends stay."""
        taken: list[int] = []
        for start, end in self.unmarked():
            inside = sorted(position for position in hidden if start < position < end)
            if inside:
                taken += _fill(start, end, inside, [hidden[position] for position in inside], self)
        if not taken:
            return self, frozenset()
        line_ends = tuple(sorted({*self.line_ends, *taken}))
        return dataclasses.replace(self, line_ends=line_ends), frozenset(taken)


def _fill(
    start: int, end: int, positions: Sequence[int], costs: Sequence[float], layout: Layout
) -> list[int]:
    """The cheapest series of line ends among ``positions`` from one line end to the next."""
    rhythm, printed = layout.rhythm, layout.printed

    def line_cost(first: int, last: int) -> float:
        if last == len(printed) - 1:
            return _last_line_cost(printed[last] - printed[first], rhythm)
        return rhythm.cost(printed[first], printed[last])

    stops = (start, *positions, end)
    best = [0.0] + [math.inf] * (len(stops) - 1)
    previous = [0] * len(stops)
    for index in range(1, len(stops)):
        own = costs[index - 1] if index < len(stops) - 1 else 0.0
        for earlier in range(index):
            cost = best[earlier] + line_cost(stops[earlier], stops[index]) + own
            if cost < best[index]:
                best[index], previous[index] = cost, earlier
    chosen = []
    index = previous[-1]
    while index:
        chosen.append(stops[index])
        index = previous[index]
    return chosen


# How wide characters are printed, in thousandths of an em: the widths of a common sans-serif
# face (the Helvetica metrics). Other faces differ in detail, not in the contrast between "i"
# and "m" that makes the number of characters a poor measure of a line.
_WIDTH_GROUPS = {
    191: "'",
    222: "ijl’‘",
    278: "ftI .,:;!/[]",
    333: "r-()“”",
    500: "cksvxyzJ",
    556: "abdeghnopquL0123456789?«»–#_€",
    584: "+=",
    611: "FTZ",
    667: "ABEKPSVXY&",
    722: "CDHNRUw",
    778: "GOQ",
    833: "mM",
    889: "%",
    944: "W",
    1000: "—",
}
_AVERAGE_WIDTH = 455.0  # of a character of Dutch text, measured on the corpus
_OTHER_WIDTH = 556.0


class _Widths(dict[str, float]):
    """The printed width of each character, in average characters; an accented letter is as
    wide as its letter ("é" as "e")."""

    def __missing__(self, char: str) -> float:
        base = unicodedata.normalize("NFD", char)[:1]
        width = self[char] = self[base] if base != char and base in self else _OTHER_WIDTH / _AVERAGE_WIDTH
        return width


_WIDTHS = _Widths(
    {char: width / _AVERAGE_WIDTH for width, chars in _WIDTH_GROUPS.items() for char in chars}
)
_FOOTNOTE_MARKER = re.compile(r"\[\^\d+\]")
_MARKER_WIDTH = 1.0  # "[^2]" is printed as one small raised digit: about one character


def printed_widths(text: str) -> list[float]:
    """How far into ``text`` each character offset is as printed, in average characters:
    ``result[i]`` is the printed width of ``text[:i]``."""
    widths = list(map(_WIDTHS.__getitem__, text))
    if "[^" in text:
        for marker in _FOOTNOTE_MARKER.finditer(text):
            size = marker.end() - marker.start()
            widths[marker.start() : marker.end()] = [_MARKER_WIDTH / size] * size
    return list(itertools.accumulate(widths, initial=0.0))


def _line_width(certain: Sequence[float], physical: frozenset[float]) -> tuple[float, bool]:
    """The typical line length that the certain marks show, or the typical one of the corpus;
    and whether it was measured."""
    starts = sorted({0, *certain, *physical})
    gaps = [b - a for a, b in itertools.pairwise(starts) if b not in physical]
    single = sorted(gap for gap in gaps if 55 <= gap <= 100)
    if len(single) < 2:
        return _TYPICAL_LINE_WIDTH, False
    width = single[len(single) // 2]
    # Refine with every gap of one or a few whole lines.
    total = lines_total = 0.0
    for gap in gaps:
        lines = round(gap / width)
        if 1 <= lines <= 4 and abs(gap - lines * width) <= 2 * _LINE_WIDTH_SPREAD * math.sqrt(lines):
            total += gap
            lines_total += lines
    return (total / lines_total if lines_total else width), True


@dataclass(frozen=True)
class _Rhythm:
    """What the lines of one paragraph are like."""

    width: float
    spread: float  # of lines shorter than ``width``
    longer_spread: float  # of lines longer
    physical: frozenset[float]  # where the source's own lines begin
    sentence_ends: frozenset[float]  # marks after the end of a sentence: a paragraph may end there

    def cost(self, start: float, end: float) -> float:
        """The cost of a line (or a few) from ``start`` to the line end at ``end``."""
        gap = end - start
        if end in self.physical:
            return _last_line_cost(gap, self)
        cost = _gap_cost(gap, self)
        if end in self.sentence_ends:
            cost = min(cost, _SHORT_LINE + _last_line_cost(gap, self))
        return cost


def _shortest_path(
    positions: Sequence[float], costs: Sequence[float], length: float, rhythm: _Rhythm
) -> tuple[float, ...]:
    """The marks taken as line ends: the cheapest series from the paragraph's start to its end."""
    count = len(positions)
    best = [0.0] * (count + 1)  # index 0 is the paragraph's start
    previous = [0] * (count + 1)
    starts = (0, *positions)
    width = rhythm.width
    reach = (_MOST_LINES_BETWEEN_MARKS + 0.5) * width
    for index in range(1, count + 1):
        position = starts[index]
        best_cost, best_previous = math.inf, 0
        for earlier in range(index - 1, -1, -1):
            gap = position - starts[earlier]
            if gap > reach and earlier > 0:
                continue
            cost = best[earlier] + rhythm.cost(starts[earlier], position)
            if cost < best_cost:
                best_cost, best_previous = cost, earlier
        best[index] = best_cost + costs[index - 1]
        previous[index] = best_previous
    final_cost, last = math.inf, 0
    for index in range(count + 1):
        cost = best[index] + _last_line_cost(length - starts[index], rhythm)
        if cost < final_cost:
            final_cost, last = cost, index
    chosen = []
    while last:
        chosen.append(starts[last])
        last = previous[last]
    return tuple(reversed(chosen))


def _gap_cost(gap: float, rhythm: _Rhythm) -> float:
    """The cost of two line ends ``gap`` apart: a few whole lines, or a new rhythm."""
    lines = max(1, round(gap / rhythm.width))
    missing = MISSING_LINE_END * (lines - 1)
    excess = gap - lines * rhythm.width
    deviation = excess / (rhythm.longer_spread if excess > 0 else rhythm.spread)
    fit = deviation * deviation / (2 * lines) if abs(deviation) <= 3 * math.sqrt(lines) else math.inf
    return missing + min(fit, _RESTART)


def _last_line_cost(length: float, rhythm: _Rhythm) -> float:
    """The last line may be short; longer than a line, it hides line ends that left no mark."""
    excess = length - rhythm.width - 2 * rhythm.longer_spread
    return 0.0 if excess <= 0 else MISSING_LINE_END * math.ceil(excess / rhythm.width)
