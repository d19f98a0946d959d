"""The words of one document, as evidence for its own repair: what it prints, and what it prints apart."""

from __future__ import annotations

import itertools
import re
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")

# A word, with the one space after it when the next word follows straight after that space.
_WORD_AND_SPACE = re.compile(rf"{_WORD.pattern}(?: (?=[^\W\d_]))?")  # _WORD has no "|" at its top


def document_vocabulary(text: str) -> Counter[str]:
    """How often each word, and each pair of words next to each other, occurs in one document.

    Words are lower-cased and hyphenated words kept whole; a pair is two words with only a space
    between them, written with one space ("jonge mannen"). This is in-document evidence: a word
    printed unbroken elsewhere in the same document tells how a broken occurrence should read,
    and a pair printed apart tells that the same two words glued together are glue.
    """
    lowered = text.lower()
    # Lower-casing keeps every character a letter or not, and the text as long, except for "İ"
    # (two characters lower-cased); "Σ" lower-cases by what follows it. Without these, the words
    # of the lower-cased text are the words of the text, lower-cased, which is much quicker.
    if len(lowered) == len(text) and "Σ" not in text:
        spaced = _WORD_AND_SPACE.findall(lowered)  # "jonge ", "mannen"
    else:
        spaced = [word.lower() for word in _WORD_AND_SPACE.findall(text)]
    words = list(map(str.rstrip, spaced))  # a word holds no space but the one after it
    vocabulary = Counter(words)
    memo = document_memo(vocabulary)
    memo["words"] = list(vocabulary)  # each word once, in the order first seen
    vocabulary.update([left + right for left, right in zip(spaced, words[1:]) if left[-1] == " "])
    memo["pairs"] = _PrintedApart.of(list(itertools.islice(vocabulary, len(memo["words"]), None)))
    return vocabulary


@dataclass(frozen=True, kw_only=True)
class _PrintedApart:
    """The pairs of words that a document prints apart, by their glued form ("jongemannen")."""

    pairs: dict[str, str]  # "jongemannen": "jonge mannen"; of several pairs glued alike, the last
    # Where several pairs glue alike ("a bc", "ab c"): where the second word begins in each, in order.
    boundaries: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, pairs: Sequence[str]) -> _PrintedApart:
        """From the distinct pairs of words ("jonge mannen"), in the order of the text."""
        glued = list(map(str.replace, pairs, itertools.repeat(" "), itertools.repeat("")))
        by_glued_form = dict(zip(glued, pairs))
        if len(by_glued_form) == len(pairs):
            return cls(pairs=by_glued_form, boundaries={})  # one pair for each glued form: the usual
        every: dict[str, tuple[int, ...]] = {}
        for word, pair in zip(glued, pairs, strict=True):
            every[word] = (*every.get(word, ()), pair.index(" "))
        several = {word: boundaries for word, boundaries in every.items() if len(boundaries) > 1}
        return cls(pairs=by_glued_form, boundaries=several)

    def at(self, word: str) -> tuple[int, ...]:
        """Where the second word begins in ``word``, for each pair that glues to it."""
        if word not in self.pairs:
            return ()
        return self.boundaries.get(word) or (self.pairs[word].index(" "),)


def pairs_printed_apart(vocabulary: Counter[str]) -> _PrintedApart:
    """For each pair of words in the document, glued: where the second word begins."""
    memo = document_memo(vocabulary)
    if "pairs" not in memo:
        memo["pairs"] = _PrintedApart.of([words for words in vocabulary if " " in words])
    return memo["pairs"]  # type: ignore[no-any-return]


# What is worked out once per document, per vocabulary object; dropped with the vocabulary.
_memos: dict[int, dict[Any, Any]] = {}


def document_memo(vocabulary: Counter[str]) -> dict[Any, Any]:
    key = id(vocabulary)
    memo = _memos.get(key)
    if memo is None:
        memo = {}
        try:
            weakref.finalize(vocabulary, _memos.pop, key, None)
        except TypeError:
            return memo  # a plain dict cannot be watched, so nothing is kept
        _memos[key] = memo
    return memo
