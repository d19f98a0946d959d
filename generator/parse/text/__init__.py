"""Repair of text extracted from PDFs and .docx files: mojibake, broken lines, hyphens, words run together.

From the bottom up: `words` knows words in general (the Dutch dictionary, frequencies on the web),
`vocabulary` the words of one document; `encoding` repairs a whole file's characters; `rhythm`
finds where the lines of a glued paragraph ended, `glue` where a word may be two run together,
`hyphens` whether a hyphen belongs to its word, `spaces` where punctuation or a number lost its
space; `lines` joins the lines of a paragraph and `tokens` repairs its words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .encoding import fix_encoding
from .lines import join_lines, join_physical_lines
from .repair import Repair
from .tokens import repair_words
from .vocabulary import document_vocabulary
from .words import is_dutch_word

__all__ = [
    "Repair",
    "document_vocabulary",
    "fix_encoding",
    "is_dutch_word",
    "join_lines",
    "repair_paragraph",
    "repair_words",
]


def repair_paragraph(lines: Sequence[str], vocabulary: Counter[str]) -> tuple[str, list[Repair]]:
    """Join the physical lines of ONE paragraph and repair its words: ``join_lines`` and then
    ``repair_words``, which is told where each physical line began. Where a paragraph mixes
    physical lines with lines that were glued together, those are line ends known for sure,
    and they keep the rhythm of the glued lines in step."""
    text, repairs, line_starts = join_physical_lines(lines, vocabulary)
    repaired, word_repairs = repair_words(text, vocabulary, line_starts=line_starts)
    return repaired, [*repairs, *word_repairs]
