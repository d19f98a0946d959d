"""Hyphens: is a hyphen at a (lost) line break part of the word, or only typesetting?"""

from __future__ import annotations

import functools
from collections import Counter
from enum import Enum

from .glue import NO_WORDS, glue_splits
from .words import VOWELS, is_acronym, is_dutch_word, is_fragment, zipf


class Where(Enum):
    """Where a hyphen sits, which says how likely it is to be typesetting."""

    LINE_END = "line end"  # "douanescan-" ends a physical line: usually typesetting
    FLATTENED = "flattened"  # "geraad- pleegd": a line end kept as hyphen and space
    INSIDE = "inside a line"  # "vergoe-ding": only typesetting if lines were glued there


class Hyphen(Enum):
    JOIN = "join"  # typesetting: "douanescan-" + "ners" is "douanescanners"
    KEEP = "keep"  # part of the word: "IT-producten", "stand-alone"
    KEEP_SPACE = "keep with space"  # an elided compound: "risico- en veiligheidsanalyse"
    UNDECIDED = "undecided"  # both spellings are words ("commissie-debat"): only the layout can tell
    BROKEN = "broken"  # a half is no word, nor is the whole ("verblijfver-gunning"): as UNDECIDED


_ELISION_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "als", "en/of"})
# Prefixes that Dutch always writes with a hyphen (ex-minister, oud-collega, niet-gecontracteerd).
_HYPHENATED_PREFIXES = frozenset({"ex", "oud", "niet", "non", "e", "vice"})


def hyphen_verdict(left: str, right: str, vocabulary: Counter[str], where: Where) -> Hyphen:
    """Decide a hyphen between the letters ``left`` and ``right``.

    Order measured in TOOLING.md: fixed rules, then the same word elsewhere in the document, then
    the dictionary, then Dutch spelling rules. Only a hyphen at a real line end is dropped without
    positive evidence.
    """
    if not left or not right:
        return Hyphen.KEEP  # digits or punctuation next to the hyphen: "2021-2022", "COVID-19"
    if right.lower() in _ELISION_CONJUNCTIONS:
        return Hyphen.KEEP if where is Where.INSIDE else Hyphen.KEEP_SPACE
    if right[0].isupper() or is_acronym(left) or left.lower() in _HYPHENATED_PREFIXES:
        return Hyphen.KEEP
    joined = left + right
    hyphenated = f"{left}-{right}"
    if vocabulary[joined.lower()] >= 1:
        return Hyphen.JOIN
    fragment = is_fragment(left) or is_fragment(right)
    if fragment and not _vowels_would_merge(left, right) and is_dutch_word(joined):
        return Hyphen.JOIN  # "hypotheti-sche", "monu-ment": even where printed so twice
    if _is_name(left, vocabulary):
        return Hyphen.KEEP  # "Veldzicht-doelgroep": a name keeps its hyphen
    # A hyphen inside a line is counted in the vocabulary itself, once.
    if vocabulary[hyphenated.lower()] >= (2 if where is Where.INSIDE else 1):
        return Hyphen.KEEP
    if _is_foreign(right) and is_dutch_word(left) or _is_foreign(left) and is_dutch_word(right):
        return Hyphen.KEEP  # "stand-alone", "use-verordening"
    merging = _vowels_would_merge(left, right) and _is_common_word(right)
    if merging and (where is Where.INSIDE or _is_common_word(left)):
        return Hyphen.KEEP  # "politie-inzet", "zij-instroom", "semi-openbare"
    joined_is_word = is_dutch_word(joined)
    hyphenated_is_word = is_dutch_word(hyphenated)
    if joined_is_word and not hyphenated_is_word:
        return Hyphen.JOIN
    if hyphenated_is_word and not joined_is_word:
        return Hyphen.KEEP
    if _vowels_would_merge(left, right):
        return Hyphen.KEEP
    if where is Where.LINE_END:
        return Hyphen.JOIN  # Dutch writes compounds closed; a line-end hyphen is typesetting
    if joined_is_word:
        return Hyphen.UNDECIDED
    return Hyphen.BROKEN if _is_piece_of_a_word(left) or _is_piece_of_a_word(right) else Hyphen.KEEP


@functools.lru_cache(maxsize=1 << 16)
def _is_piece_of_a_word(half: str) -> bool:
    """A fragment that is not two words run together either: not "passendeggz" or "totniet"."""
    return is_fragment(half) and not any(
        split.certain for split in glue_splits(half, NO_WORDS, sentence_start=False)
    )


def _is_name(word: str, vocabulary: Counter[str]) -> bool:
    """A capitalised word that is no common word, printed on its own elsewhere in the document;
    "Veldzicht", but not "Kamerstuk", a dictionary word known on the web."""
    lowered = word.lower()
    if not word[0].isupper() or zipf(lowered) >= 3.0 or vocabulary[lowered] < 1:
        return False
    return not (zipf(lowered) >= 2.0 and is_dutch_word(word))


def _vowels_would_merge(left: str, right: str) -> bool:
    """Whether joining would put together vowels that read as one sound ("politieinzet")."""
    first = right[0].lower()
    if left[-1].lower() in VOWELS and first in VOWELS:
        return True
    return left.lower().endswith("ij") and first == "i"


def _is_common_word(word: str) -> bool:
    return len(word) >= 3 and is_dutch_word(word) and zipf(word.lower()) >= 2.0


def _is_foreign(word: str) -> bool:
    """An English word that Dutch text borrows whole ("alone", "use"), not a Dutch syllable."""
    return (
        len(word) >= 3
        and not is_dutch_word(word)
        and zipf(word.lower(), "en") >= 4.5
        and zipf(word.lower(), "en") - zipf(word.lower()) >= 1.0
    )


def hyphen_is_certain(left: str, right: str) -> bool:
    """A hyphen the spelling demands: after "oud", "ex" or an acronym, or in a dictionary word."""
    return left.lower() in _HYPHENATED_PREFIXES or is_acronym(left) or is_dutch_word(f"{left}-{right}")
