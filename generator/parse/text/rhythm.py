"""Where the lines of a glued paragraph ended: the series of marks that keeps the rhythm of its lines.

Marks of lost line ends are weighed in one unit, the layout's cost: a negative cost is evidence
that a line ended there. A dry run notes every mark (``Survey``), the cheapest series of line
ends is fitted to them (``Layout``), and the final run takes a doubtful repair only at one of
those line ends (``LineEnds``).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


# How strongly a mark says that a glued line ended at it, in the units of the layout's costs.
CERTAIN = -4.0  # a case change, a function word, half a word: repaired whatever the layout says

# A dry run's evidence for a place where a line may have ended.
_NEUTRAL = 0.5  # a hyphen that stays either way: a line may have ended after it

# The layout of a glued paragraph. Widths measured on the corpus: 65 to 80 characters, 73 typical.
_TYPICAL_LINE_WIDTH = 73.0
_LINE_WIDTH_SPREAD = 3.5  # characters one line differs from the paragraph's typical line
_UNMEASURED_SPREAD = 6.0  # the same, for a paragraph too short to show its own line length
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

    def _note(self, position: int, cost: float) -> None:
        if cost < self.marks.get(position, math.inf):
            self.marks[position] = cost


@dataclass(frozen=True, kw_only=True)
class LineEnds:
    """The final run's judge: takes a doubtful repair where the layout put a line end."""

    positions: tuple[int, ...]  # sorted
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


NO_LAYOUT = LineEnds(positions=())


@dataclass(frozen=True, kw_only=True)
class Layout:
    """The line ends of a glued paragraph: the series of marks that keeps the rhythm best."""

    line_ends: tuple[int, ...]  # character offsets where a new line started
    width: float  # the paragraph's typical line length
    length: int

    @classmethod
    def fit(
        cls,
        marks: dict[int, float],
        length: int,
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
        certain = sorted(position for position, cost in marks.items() if cost <= CERTAIN)
        if physical is None:
            physical = frozenset()
            line_ends = length / _TYPICAL_LINE_WIDTH - 1
            if line_ends >= 2 and len(certain) < _GLUED_PARAGRAPH_MIN_SHARE * line_ends:
                return None  # long, yet hardly a certain mark: lines joined with spaces, not glued
        width, measured = _line_width(certain, physical)
        marks = {**marks, **dict.fromkeys(physical, _PHYSICAL_LINE_END)}
        positions = sorted(marks)
        spread = _LINE_WIDTH_SPREAD if measured else _UNMEASURED_SPREAD
        line_ends = _shortest_path(
            positions, [marks[p] for p in positions], length, _Rhythm(width, spread, physical, sentence_ends)
        )
        return cls(line_ends=line_ends, width=width, length=length)


def _line_width(certain: Sequence[int], physical: frozenset[int]) -> tuple[float, bool]:
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
    spread: float
    physical: frozenset[int]  # where the source's own lines begin
    sentence_ends: frozenset[int]  # marks after the end of a sentence: a paragraph may end there

    def cost(self, start: int, end: int) -> float:
        """The cost of a line (or a few) from ``start`` to the line end at ``end``."""
        gap = end - start
        if end in self.physical:
            return _last_line_cost(gap, self.width, self.spread)
        cost = _gap_cost(gap, self.width, self.spread)
        if end in self.sentence_ends:
            cost = min(cost, _SHORT_LINE + _last_line_cost(gap, self.width, self.spread))
        return cost


def _shortest_path(
    positions: Sequence[int], costs: Sequence[float], length: int, rhythm: _Rhythm
) -> tuple[int, ...]:
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
        cost = best[index] + _last_line_cost(length - starts[index], width, rhythm.spread)
        if cost < final_cost:
            final_cost, last = cost, index
    chosen = []
    while last:
        chosen.append(starts[last])
        last = previous[last]
    return tuple(reversed(chosen))


def _gap_cost(gap: int, width: float, spread: float) -> float:
    """The cost of two line ends ``gap`` characters apart: a few whole lines, or a new rhythm."""
    lines = max(1, round(gap / width))
    missing = MISSING_LINE_END * (lines - 1)
    deviation = (gap - lines * width) / spread
    fit = deviation * deviation / (2 * lines) if abs(deviation) <= 3 * math.sqrt(lines) else math.inf
    return missing + min(fit, _RESTART)


def _last_line_cost(length: int, width: float, spread: float) -> float:
    """The last line may be short; longer than a line, it hides line ends that left no mark."""
    excess = length - width - 2 * spread
    return 0.0 if excess <= 0 else MISSING_LINE_END * math.ceil(excess / width)
