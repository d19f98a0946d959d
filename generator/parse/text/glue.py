"""Ways to read a word as two words run together, each with how strongly it says a line ended there."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .rhythm import CERTAIN, MISSING_LINE_END
from .vocabulary import document_memo, pairs_printed_apart
from .words import (
    CLOSED_CLASS,
    ENDING_LIKE,
    FUNCTION_WORDS,
    LONGEST_WORD,
    VOWELS,
    Cache,
    compound_zipf,
    is_acronym,
    is_dutch_word,
    is_fragment,
    may_be_noun,
    zipf,
)


# Endings that Dutch writes straight after an acronym: "PVVer", "CDA’ers", "NGOs".
_SUFFIXES = frozenset({"s", "er", "ers", "en", "je", "jes", "tje", "tjes"})

_FUNCTION_WORD_ZIPF = 5.5  # "het", "de", "van": for acronyms glued after a word ("hetPVV")
_KNOWN_TOKEN_ZIPF = 2.0  # a glued form this common on the web is a word or name of its own ("PostNL")
_KNOWN_NAME_ZIPF = 1.0  # a capitalised form the web knows at all is a name ("Ergin", "Haverkort")
_CONTENT_HALF_ZIPF = 2.5  # each of two content words glued together is at least this common
_COMMON_HALF_ZIPF = 3.5
_GLUED_DOCUMENT_MIN_WORDS = 2

# How strongly a split says that a glued line ended at it, in the units of the layout's
# costs (``CERTAIN`` and less: always split).
LIKELY = -1.0  # two common words that are no compound together
UNLIKELY = 1.0  # a rare half, a fragment next to a hyphen

PAIR_IN_DOCUMENT = 2.0  # less: the same two words printed apart elsewhere in the document
_REPEATED_GLUE = 2.0  # more: the same glued form printed elsewhere in the document

# Glue that is itself a word ("opeen"): a certain split plus this much, plus so much for each
# step (of zipf) the word is commoner than its two words as a pair would be.
_WORD_GLUE_BASE = 1.0
_WORD_GLUE_PER_ZIPF = 3.0
_MISSPELLING = -3.0  # at most: a web word far rarer than its two words as a pair ("vande")
_RARE_WORD_ZIPF = 3.1  # a commoner word is glue only if printed apart too, or far rarer than the pair
_COMMON_WORD_ZIPF = 4.0  # a word this common ("omdat", "waarde") is never taken for glue


@dataclass(frozen=True, kw_only=True)
class Split:
    """Two words found run together."""

    text: str  # "van Buitenlandse"
    offset: int  # where the second word starts in the glued word
    cost: float  # how strongly the split says a line ended there; CERTAIN or less: always split
    score: float = 0.0  # how common the two words are: of equally strong splits, the likelier

    @property
    def rank(self) -> tuple[float, float]:
        return (self.cost, -self.score)

    @property
    def certain(self) -> bool:
        return self.cost <= CERTAIN


def glue_splits(
    word: str,
    vocabulary: Counter[str],
    *,
    sentence_start: bool,
    repeated: bool = False,
    words_too: bool = False,
) -> list[Split]:
    """Ways to read ``word`` as two words run together, each with how strongly it says so;
    worked out once per document, as the same words recur in it."""
    if vocabulary is NO_WORDS:
        return _find_glue_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    key = ("glue", word, sentence_start, repeated, words_too)
    memo = document_memo(vocabulary)
    if key not in memo:
        memo[key] = _find_glue_splits(
            word, vocabulary, sentence_start=sentence_start, repeated=repeated, words_too=words_too
        )
    return memo[key]  # type: ignore[no-any-return]


def _find_glue_splits(
    word: str,
    vocabulary: Counter[str],
    *,
    sentence_start: bool,
    repeated: bool = False,
    words_too: bool = False,
) -> list[Split]:
    """Ways to read ``word`` as two words run together, each with how strongly it says so.

    ``words_too`` also offers splits of glue that is itself a word ("opeen", "waarde"), for a
    place where the layout misses a line end. A ``repeated`` word (printed the same way
    elsewhere in the document, like "Nutri-Score") needs more evidence for a doubtful split.
    """
    if not 4 <= len(word) <= LONGEST_WORD:
        return []
    if "’" in word or "'" in word:
        return _apostrophe_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    repeated = repeated or vocabulary[word.lower()] >= 2
    if word.islower():
        splits = _lower_splits(word, vocabulary, words_too=words_too)
    elif split := _split_at_case_change(word, vocabulary):
        return [split]
    elif word[0].isupper() and word[1:].islower():
        splits = _capitalised_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    else:
        return []
    if repeated:
        splits = [
            split
            if split.certain
            else Split(
                text=split.text, offset=split.offset, cost=split.cost + _REPEATED_GLUE, score=split.score
            )
            for split in splits
        ]
    return splits


def _apostrophe_splits(
    word: str, vocabulary: Counter[str], *, sentence_start: bool, words_too: bool
) -> list[Split]:
    """ "frauderisico’sliggen" -> "frauderisico’s liggen"; "uwcollega’s" -> "uw collega’s"."""
    glued = re.fullmatch(r"([^\W\d_]{2,}[’']s)([^\W\d_]{3,})", word)
    if glued:
        left, right = glued.groups()
        if is_dutch_word(right) and (is_dutch_word(left[:-2]) or vocabulary[left[:-2].lower()] >= 1):
            return [_split(left, right, CERTAIN, vocabulary)]
        return []
    plural = re.fullmatch(r"([^\W\d_]{4,})([’']s)", word)
    if not plural:
        return []
    stem, suffix = plural.groups()
    splits = glue_splits(stem, vocabulary, sentence_start=sentence_start, words_too=words_too)
    return [
        Split(text=split.text + suffix, offset=split.offset, cost=split.cost, score=split.score)
        for split in splits
    ]


def _split_at_case_change(word: str, vocabulary: Counter[str]) -> Split | None:
    """ "vanBuitenlandse" -> "van Buitenlandse", "hetPVV" -> "het PVV", "NVWAis" -> "NVWA is";
    not "ChristenUnie", "PostNL" or "PVVer"."""
    lowered = word.lower()
    if zipf(lowered) >= _KNOWN_TOKEN_ZIPF or zipf(lowered, "en") >= _KNOWN_TOKEN_ZIPF:
        return None
    boundary = next((i for i in range(2, len(word) - 1) if word[i - 1].islower() and word[i].isupper()), None)
    if boundary is not None:
        return _split_before_capital(word, boundary, vocabulary)
    capitals = len(word) - len(word.lstrip(_UPPER_LETTERS))
    if capitals >= 2 and word[capitals:].islower():
        return _split_after_acronym(word, capitals, vocabulary)
    return None


_UPPER_LETTERS = "".join(chr(code) for code in range(0x41, 0x5B)) + "".join(
    chr(code) for code in range(0xC0, 0xDF) if chr(code).isupper()
)


def _split_before_capital(word: str, boundary: int, vocabulary: Counter[str]) -> Split | None:
    left, right = word[:boundary], word[boundary:]
    left_known = is_dutch_word(left) or vocabulary[left.lower()] >= 1
    if right.isupper():
        # "hetPVV", "bevoegdEBI", "meerdereVN"; not "PostNL".
        if left.lower() in CLOSED_CLASS or (left.islower() and len(left) >= 3 and is_dutch_word(left)):
            return Split(text=f"{left} {right}", offset=boundary, cost=CERTAIN)
        return None
    if not right[1:].islower():
        return None
    if left.lower() in CLOSED_CLASS and len(right) >= 2:
        return Split(text=f"{left} {right}", offset=boundary, cost=CERTAIN)  # "vanOostenbruggen"
    if left_known and (is_dutch_word(right) or vocabulary[right.lower()] >= 1):
        return Split(text=f"{left} {right}", offset=boundary, cost=CERTAIN)  # "BuitenlandseHandel"
    if min(zipf(left.lower(), "en"), zipf(right.lower(), "en")) >= 3.0:
        return Split(text=f"{left} {right}", offset=boundary, cost=CERTAIN)  # "CorporateSustainability"
    return None


def _split_after_acronym(word: str, capitals: int, vocabulary: Counter[str]) -> Split | None:
    """ "NVWAis" -> "NVWA is", "MINDonderzoek"; "RTÉInvestigates" -> "RTÉ Investigates"."""
    best: tuple[float, Split] | None = None
    for boundary in (capitals, capitals - 1):
        left, right = word[:boundary], word[boundary:]
        if len(left) < 2 or right.lower() in _SUFFIXES or (boundary < capitals and len(right) < 5):
            continue  # "PVVer", "PVVers", "NGO’s": an acronym with a Dutch ending
        lowered = right.lower()
        if len(right) == 2:
            known = lowered in CLOSED_CLASS and lowered not in ENDING_LIKE  # "NVWAis"; not "PVVer"
        else:
            known = (is_dutch_word(right) or vocabulary[lowered] >= 1) and zipf(
                lowered
            ) >= _CONTENT_HALF_ZIPF
            known = known or zipf(lowered, "en") >= 3.0
        if known:
            score = max(zipf(lowered), zipf(lowered, "en"))
            if best is None or score > best[0]:
                best = (score, Split(text=f"{left} {right}", offset=boundary, cost=CERTAIN))
    return best[1] if best else None


def _lower_splits(word: str, vocabulary: Counter[str], *, words_too: bool) -> list[Split]:
    """Splits of a lower-case word into two words, with how strongly each says so."""
    if is_dutch_word(word) or zipf(word, "en") >= _KNOWN_TOKEN_ZIPF + 1.0:
        # A word of its own ("waarde", "opeen"): only a line end, or the same two words
        # printed apart elsewhere in the document, can tell that it is glue.
        paired = _paired_splits(word, vocabulary)
        return paired + _word_glue_splits(word, vocabulary) if words_too and not paired else paired
    splits = []
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        cost = _split_cost(left, right, vocabulary)
        if cost is not None:
            splits.append(_split(left, right, cost, vocabulary))
    if splits and zipf(word) >= _KNOWN_TOKEN_ZIPF:
        # Known on the web, not to the dictionary: a common misspelling ("vande", far rarer than
        # "van de") is glue, a word the dictionary lacks ("ervanuit") may be glue.
        glue = {
            split.offset: split for split in _word_glue_splits(word, vocabulary) if split.cost <= _MISSPELLING
        }
        splits = [*glue.values(), *_paired_splits(word, vocabulary)]
        if words_too:
            splits += [split for split in _word_glue_splits(word, vocabulary) if split.offset not in glue]
        return [
            dataclasses.replace(split, cost=CERTAIN) if split.offset in glue else split for split in splits
        ]
    # "stellenwaar|in" against "stellen|waarin": a half that only the dictionary knows, while
    # another reading has words the web knows, makes no certain split.
    if any(_known_halves(split) for split in splits):
        splits = [
            split if _known_halves(split) or not split.certain else dataclasses.replace(split, cost=LIKELY)
            for split in splits
        ]
    return splits


def _known_halves(split: Split) -> bool:
    return all(zipf(half) > 0 for half in split.text.split(" "))


def _split(left: str, right: str, cost: float, vocabulary: Counter[str]) -> Split:
    score = _half_score(left.lower(), vocabulary, known=True) + _half_score(
        right.lower(), vocabulary, known=True
    )
    return Split(text=f"{left} {right}", offset=len(left), cost=cost, score=score)


def _split_cost(left: str, right: str, vocabulary: Counter[str]) -> float | None:
    """How strongly a boundary in a glued non-word is one between two words; None if it is not."""
    if vocabulary[f"{left}-{right}"] >= 1:
        return None  # printed "winst-beogende" elsewhere: one compound
    pair = vocabulary[f"{left} {right}"]
    if pair >= 1 and pair >= vocabulary[left + right] and len(left) >= 2 and len(right) >= 2:
        # The document prints the two words apart, and this glued form is no word: whatever
        # language they are in ("decarbonising their" in a title, "decarbonisingtheir" below it).
        return CERTAIN
    # The shorter half first: it is cheap to look up and rules out most boundaries, while a
    # long non-word costs the dictionary a fifth of a millisecond. The right half may be an
    # English word after a certain glue ("mogelijke|kill"), so it is only ruled out then.
    if len(left) <= len(right) and not _plausible_half(left, vocabulary):
        return _misprint_or_english_cost(left, right)
    certain = _is_certain_glue(left, right)
    plausible = _plausible_half(right, vocabulary, english=certain) and _plausible_half(left, vocabulary)
    if plausible:
        if certain:
            return CERTAIN
        scores = (_half_score(left, vocabulary), _half_score(right, vocabulary))
        if min(scores) < _CONTENT_HALF_ZIPF:
            return UNLIKELY
        # Two common words that are together no word at all, not even on the web: glue.
        return LIKELY * 2 if min(scores) >= _COMMON_HALF_ZIPF and zipf(left + right) == 0 else LIKELY
    return _misprint_or_english_cost(left, right)


def _misprint_or_english_cost(left: str, right: str) -> float | None:
    """Two English words ("tofossil"), or a function word glued to a misprint ("denetaanslutiing")."""
    if left in FUNCTION_WORDS and len(left) >= 2 and len(right) >= 7 and _DUTCH_ONSET.match(right):
        return UNLIKELY + 0.5  # "denetaanslutiing", "vanonafgerichte": only where a line ended
    if _is_english(left) and _is_english(right):
        return LIKELY  # "tofossil", "nuclearweapons"
    return None


def _paired_splits(word: str, vocabulary: Counter[str]) -> list[Split]:
    """ "jongemannen" where the document prints "jonge mannen" elsewhere, at least as often, and
    the two words are such that never form one compound (here: an inflected adjective)."""
    splits = []
    for boundary in pairs_printed_apart(vocabulary).at(word):
        left, right = word[:boundary], word[boundary:]
        if not _is_certain_glue(left, right) or (right in ENDING_LIKE and left not in CLOSED_CLASS):
            continue  # "kostprijs onderzoek", "inrichting en" printed apart may be a spelling of its own
        if vocabulary[f"{left} {right}"] >= vocabulary[word] and zipf(word) < 3.5:
            splits.append(_split(left, right, CERTAIN, vocabulary))
    return splits


def _word_glue_splits(word: str, vocabulary: Counter[str]) -> list[Split]:
    """Splits of glue that is itself a word ("opeen", "waarde"): never certain, and the dearer the
    commoner the word is against its two halves; cheaper where the document prints the pair."""
    splits = []
    for boundary, base_cost in word_glue_boundaries(word):
        left, right = word[:boundary], word[boundary:]
        pair, glued = vocabulary[f"{left} {right}"], vocabulary[word]
        if glued >= 2 and pair < glued:
            continue  # printed so elsewhere, more often than apart: "ingezonden", "inrichtingen"
        if pair == 0 and zipf(word) >= _RARE_WORD_ZIPF and base_cost > CERTAIN + _WORD_GLUE_BASE:
            continue  # a common word ("inkomen", "omdat") is glue only where the document says so,
            # or where the two words are far commoner as a pair ("ende" for "en de")
        cost = base_cost - PAIR_IN_DOCUMENT if pair >= 1 else base_cost
        splits.append(_split(left, right, max(cost, CERTAIN + 0.5), vocabulary))
    return splits


@functools.lru_cache(maxsize=1 << 16)
def word_glue_boundaries(word: str) -> tuple[tuple[int, float], ...]:
    """Where a word may be a closed-class word glued to another ("op|een", "gestart|en"), with the
    cost of reading it so. Two content words ("exploitatie|vorm") are always read as a compound.

    The cost grows with how much commoner the word is than the two words would be as a pair if
    they were independent: "opeen" is far rarer than "op" and "een", "omdat" far commoner.
    """
    glued_zipf = max(zipf(word), zipf(word, "en") - 1.0)
    if glued_zipf >= _COMMON_WORD_ZIPF:
        return ()
    boundaries = []
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        if left not in CLOSED_CLASS and right not in CLOSED_CLASS:
            continue
        pair_zipf = zipf(left) + zipf(right) - 9
        cost = CERTAIN + _WORD_GLUE_BASE + _WORD_GLUE_PER_ZIPF * max(0.0, glued_zipf - pair_zipf + 1)
        if cost - PAIR_IN_DOCUMENT >= MISSING_LINE_END:
            continue  # too dear ever to be taken for a line end
        if _plausible_half(left, NO_WORDS) and _plausible_half(right, NO_WORDS):
            boundaries.append((boundary, cost))
    return tuple(boundaries)


# A line end that left no mark of its own may hide in a word that is a word itself. Reading it
# as two words is dearer than any mark of a line end, and cheaper than a line end with no mark
# at all: so it is taken only where the layout misses a line end and it keeps the rhythm.
_HIDDEN_LEAST = 1.0  # "bij|een": a word hardly commoner than its two words as a pair
_HIDDEN_MOST = MISSING_LINE_END - 0.5  # "om|dat": a word far commoner than its two words as a pair
# "vervoer|relevant": a compound the dictionary allows and the web never saw, whose last word is
# no noun. New Dutch compounds are nouns; an adjective or a verb after a noun ("bewoordingen|
# gebruikt") is far likelier two words that a line end ran together.
_HIDDEN_COMPOUND = 1.5
_HIDDEN_HALF_ZIPF = 2.5  # each content word of such a compound is at least this common


def hidden_line_end_splits(word: str, vocabulary: Counter[str]) -> list[Split]:
    """Splits of a dictionary word for a line end that left no other mark: a closed-class word
    glued to another ("te|kort", "er|voor"), or two content words that the dictionary accepts as
    one compound, though the web never saw it ("honderden|wetenschappelijke")."""
    lowered = word.lower()
    if not 4 <= len(word) <= LONGEST_WORD or not lowered.isalpha() or not is_dutch_word(word):
        return []
    splits = [
        dataclasses.replace(split, text=word[: split.offset] + " " + word[split.offset :])
        for split in _hidden_splits(lowered)
        # A compound printed so elsewhere is the author's spelling ("convenantpartners").
        if split.cost != _HIDDEN_COMPOUND or vocabulary[lowered] < 2
        # "winst-beogende" printed elsewhere: "winstbeogende" is one word
        if not vocabulary[f"{lowered[: split.offset]}-{lowered[split.offset :]}"]
    ]
    return [
        dataclasses.replace(split, cost=split.cost - PAIR_IN_DOCUMENT)
        if vocabulary[split.text.lower()] >= 1
        else split
        for split in splits
    ]


@functools.lru_cache(maxsize=1 << 14)
def _hidden_splits(word: str) -> tuple[Split, ...]:
    """The splits of ``hidden_line_end_splits`` that do not depend on the document."""
    glued_zipf = max(zipf(word), zipf(word, "en") - 1.0)
    splits = []
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        if left in CLOSED_CLASS or right in CLOSED_CLASS:
            if right in ENDING_LIKE and left not in CLOSED_CLASS:
                continue  # "maak|te", "huis|je": an ending, not a word
            if not (_plausible_half(left, NO_WORDS) and _plausible_half(right, NO_WORDS)):
                continue
            excess = max(0.0, glued_zipf - (zipf(left) + zipf(right) - 9))
            cost = _HIDDEN_MOST - (_HIDDEN_MOST - _HIDDEN_LEAST) / (1 + excess)
        elif glued_zipf == 0 and min(len(left), len(right)) >= 3:
            if min(zipf(left), zipf(right)) < _HIDDEN_HALF_ZIPF:
                continue
            if not (is_dutch_word(left) and is_dutch_word(right)) or may_be_noun(right):
                continue
            cost = _HIDDEN_COMPOUND
        else:
            continue
        score = zipf(left) + zipf(right)
        splits.append(Split(text=f"{left} {right}", offset=boundary, cost=cost, score=score))
    return tuple(splits)


NO_WORDS: Counter[str] = Counter()
# How a Dutch word may begin: a vowel, or consonants that Dutch puts together ("str", "sch").
_DUTCH_ONSET = re.compile(
    r"(?:sch[rl]?|s?[ptk]r|s?[pk]l|[bdgfv][rl]|s[lmnptkw]|[dkt]w|zw|wr|kn|ch|th|[bcdfghjklmnpqrstvwxz])?"
    r"[aeiouyáéíóúàèëïöü]"
)


def _capitalised_splits(
    word: str, vocabulary: Counter[str], *, sentence_start: bool, words_too: bool
) -> list[Split]:
    """Splits of a capitalised word: "Isdat" at a sentence's start; "Irantegen", "Fokuswonen"."""
    lowered = word.lower()
    known = max(zipf(lowered), zipf(lowered, "en")) >= _KNOWN_NAME_ZIPF or is_dutch_word(word)
    if sentence_start:
        # "Isdat", "Daaromdienen": a sentence's first word; unless a name the web knows ("Ergin").
        splits = (
            _paired_splits(lowered, vocabulary)
            if known
            else _lower_splits(lowered, vocabulary, words_too=False)
        )
        if known and words_too:
            splits += _word_glue_splits(lowered, vocabulary)
        return [
            Split(text=word[0] + split.text[1:], offset=split.offset, cost=split.cost, score=split.score)
            for split in splits
        ]
    if known:
        return []  # a name, or a word: "Haverkort", "Veldzicht"
    splits = []
    for boundary in range(2, len(word) - 1):
        left, right = word[:boundary], word[boundary:]
        # The shorter half first: it is cheap to look up and rules out most boundaries.
        if left.lower() in CLOSED_CLASS:
            continue  # "Wij|zing": in the middle of a sentence, a capital starts a name, not "wij"
        left_known = len(left) >= 3 and vocabulary[left.lower()] >= 1  # "Fokus|wonen": a name printed alone
        if len(right) <= len(left) and not _plausible_half(right, vocabulary):
            continue
        if not (left_known or is_dutch_word(left)) or not _plausible_half(right, vocabulary):
            continue
        if right in CLOSED_CLASS and right not in ENDING_LIKE:
            cost = CERTAIN  # "Iran|tegen", "Generaal|van"
        else:
            scores = (_half_score(left.lower(), vocabulary), _half_score(right, vocabulary))
            cost = (
                LIKELY if min(scores) >= _CONTENT_HALF_ZIPF or vocabulary[left.lower()] >= 1 else UNLIKELY
            )
        splits.append(_split(left, right, cost, vocabulary))
    return splits


# Nouns that "dit" takes as a classifier before a noun of any number or gender: "dit soort
# onderzoeken", "dit type vragen".
CLASSIFIERS = ("soort", "type")


def classifier_split(previous: str, word: str) -> Split | None:
    """ "dit soortonderzoeken": a classifier glued to the noun it classifies, after "dit".

    The dictionary builds "soortonderzoeken" as a compound, but "dit" stands only before a singular
    het-word, and a compound of a classifier that the web never saw is "dit soort" plus a noun, so
    the split is certain. "dat" is left alone: as a conjunction it may open a clause with such a
    compound ("dat typegoedkeuringen worden verleend").
    """
    if previous.lower() != "dit":
        return None
    lowered = word.lower()
    for classifier in CLASSIFIERS:
        rest = word[len(classifier) :]
        if (
            lowered.startswith(classifier)
            and zipf(lowered) == 0
            and zipf(rest.lower()) >= _CONTENT_HALF_ZIPF
            and is_dutch_word(rest)
        ):
            return Split(text=f"{word[: len(classifier)]} {rest}", offset=len(classifier), cost=CERTAIN)
    return None


def _is_english(half: str) -> bool:
    """An English word, common enough for text that quotes English: "to", "fossil", "weapons"."""
    english = zipf(half, "en")
    return english >= (6.0 if len(half) <= 2 else 3.5) and english - zipf(half) >= 1.0


def _is_certain_glue(left: str, right: str) -> bool:
    """Whether two adjacent words can only be glue, never one compound."""
    if left in FUNCTION_WORDS or is_acronym(right):
        return True  # "het|aantal", "een|tweedeling", "bij|ggz"
    if right in ENDING_LIKE and left.endswith(right):
        return True  # "keuren|en": no word ends in its ending twice
    if right in CLOSED_CLASS:
        return right not in ENDING_LIKE or left in CLOSED_CLASS  # "juist|voor", "aan|de"
    # An inflected adjective never starts a compound: "mogelijke|kill", "financiële|sector".
    if len(left) < 5 or not left.endswith("e") or not is_dutch_word(left):
        return False
    return any(map(is_dutch_word, _adjective_stems(left)))


def _adjective_stems(inflected: str) -> list[str]:
    """The uninflected forms an adjective ending in -e may have: "grote" -> "groot", "lieve" -> "lief"."""
    stem = inflected[:-1]
    stems = [stem]
    if stem.endswith("v"):
        stems.append(stem[:-1] + "f")  # alternatieve -> alternatief
    if stem.endswith("z"):
        stems.append(stem[:-1] + "s")  # boze -> boos
    if len(stem) >= 3 and stem[-2] in "ëï":
        plain = {"ë": "e", "ï": "i"}[stem[-2]]
        stems.append(stem[:-2] + plain * 2 + stem[-1])  # financiële -> financieel
    elif len(stem) >= 3 and stem[-2] in VOWELS and stem[-3] not in VOWELS:
        stems += [s[:-2] + s[-2] * 2 + s[-1] for s in list(stems)]  # grote -> groot
    return stems


def _plausible_half(half: str, vocabulary: Counter[str], *, english: bool = False) -> bool:
    if len(half) == 1:
        return half == "u"
    if len(half) == 2:
        return half in CLOSED_CLASS or (is_dutch_word(half) and zipf(half) >= _FUNCTION_WORD_ZIPF)
    if is_dutch_word(half):
        return True
    if len(half) >= 6 and vocabulary[half] >= 1:
        # A word the document uses that the dictionary lacks ("tweeminutendebat"), unless that
        # is glue itself ("fossieleenergie").
        return not any(split.certain for split in glue_splits(half, vocabulary, sentence_start=False))
    return english and len(half) >= 3 and zipf(half, "en") >= 4.0  # "mogelijke kill"


def _half_score(half: str, vocabulary: Counter[str], *, known: bool = False) -> float:
    """How sure a half is a word: its frequency, or a fair score for a word the document uses;
    unless only ``known`` words count, also for a long compound that the dictionary knows."""
    score = zipf(half)
    if vocabulary[half] >= 1 and len(half) >= 6:
        score = max(score, 3.0)
    elif known and score == 0 and len(half) >= 6:
        score = compound_zipf(half)  # a compound the web never saw: by its parts, often below 0
    elif not known and len(half) >= 8 and score < _CONTENT_HALF_ZIPF and is_dutch_word(half):
        score = _CONTENT_HALF_ZIPF  # too rare for the web: "samenwerkingsvraagstukken"
    return score


def has_glued_lines(vocabulary: Counter[str]) -> bool:
    """Whether the document's lines were glued without spaces: it has several certain glues."""
    memo = document_memo(vocabulary)
    if "glued" not in memo:
        words = memo.get("words") or [word for word in vocabulary if " " not in word]  # not the pairs
        glues = itertools.islice(filter(_LOOKS_GLUED.__getitem__, words), _GLUED_DOCUMENT_MIN_WORDS)
        memo["glued"] = len(list(glues)) >= _GLUED_DOCUMENT_MIN_WORDS
    return memo["glued"]  # type: ignore[no-any-return]


def _looks_glued(word: str) -> bool:
    """ "hetaantal", "vande": a function word glued to a dictionary word, the commonest glue; or
    "advocatenkan-toor": a hyphen between two fragments of a word, left inside a line."""
    if "-" in word:
        parts = word.split("-")
        return len(parts) == 2 and all(map(is_fragment, parts)) and is_dutch_word("".join(parts))
    if len(word) < 5 or not word.isalpha():
        return False
    rests = [
        word[len(function_word) :]
        for function_word in FUNCTION_WORDS
        if word.startswith(function_word) and len(word) - len(function_word) >= 3
    ]
    # The dictionary last: it is slow to answer for a word it does not know.
    if not rests or is_dutch_word(word) or zipf(word, "en") >= 3.0:
        return False
    return any(map(is_dutch_word, rests))


_LOOKS_GLUED = Cache(_looks_glued, size=1 << 16)
